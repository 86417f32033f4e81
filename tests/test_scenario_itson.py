"""The scenario `itson-solicitud` (ITSON's CIA, guide 004) against the mock CIA: the request
filed once with its folio in the journal, a second run stopped before any browser, `--again`
meeting the portal's refusal, the variants of the live portal (no warning page, smartweb2, a
session that expires at the save), a renamed menu leaf, the precondition answered no, the
sign-in refused (a person typing in a real terminal), and a profile without an NSS."""

from __future__ import annotations

import datetime
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pexpect
import pytest
from click.testing import CliRunner, Result
from playwright.sync_api import Page
from support import as_at_a_shell, copy_scenario, engine_run, yield_pattern
from test_cli import autohelper_cmd

import autohelper.cli
from autohelper.errors import PortalChanged
from autohelper.human import ScriptedHuman
from autohelper.journal import Journal, default_path
from autohelper.mock import MockPortal
from autohelper.mock.captcha import nss_for
from autohelper.mock.cia import DEFAULT_PASSWORD, FORM_COMPONENT, CiaSite
from autohelper.once import AlreadyDone, PossiblyDone
from autohelper.profile import update_profile
from autohelper.session import SessionRequest, plan_run
from autohelper.status.words import format_day

CURP = "HEGG560427MVZRRL04"
STUDENT = {
    "curp": CURP,
    "email": "estudiante.prueba@example.com",
    "nss": nss_for(CURP),
    "student_id": "00000231857",
    "phone": "6449876543",
}
TITLE = "Solicitud del Seguro Facultativo en el CIA del ITSON"
SIGN_IN_POST = "/psp/ITSONPRD/EMPLOYEE/HRMS/"
SAVE_POST = f"/c/{FORM_COMPONENT}"
HELP_DESK = (
    "mesadeayuda@itson.edu.mx, WhatsApp 6444-20-73-51 o 6441-61-78-36, teléfono 6444-410-90-04"
)
PLAIN_HTTP = "no está cifrada (http://, sin candado)"


def cia(portal: MockPortal) -> CiaSite:
    site = portal.site("cia")
    assert isinstance(site, CiaSite)
    return site


def sign_ins(portal: MockPortal) -> int:
    return sum(
        1
        for r in portal.requests
        if r["method"] == "POST" and r["path"].startswith(SIGN_IN_POST) and "login" in r["query"]
    )


def student_profile(directory: Path, **values: str) -> Path:
    """A student's own profile file (0600), with the ITSON fields unless told otherwise."""
    path = directory / "ana.yaml"
    update_profile(path, {k: v for k, v in {**STUDENT, **values}.items() if v})
    return path


def cli(*args: str) -> Result:
    """`autohelper ARGS...` in-process, under the real entry point (errors as a terminal shows
    them). Only for commands that start no browser: pytest-playwright's own is in this process."""

    class Script:
        name = "autohelper"

        def main(self, args: Sequence[str], prog_name: str | None = None, **_: Any) -> None:
            saved, sys.argv = sys.argv, ["autohelper", *args]
            try:
                autohelper.cli.main()
            finally:
                sys.argv = saved

    return CliRunner().invoke(Script(), list(args))  # type: ignore[arg-type]


def process(*args: str) -> Result:
    """`autohelper ARGS...` with nobody at the keyboard (`run` is then the demo), on the CLI
    thread that may drive a browser (`support.CliThread`)."""
    return autohelper_cmd(*args, input="")


# -- the engine on the mock CIA ----------------------------------------------------------------


def run_itson(
    page: Page, tmp_path: Path, human: ScriptedHuman | None = None, **options: Any
) -> Any:
    journal = options.pop("journal", None)
    secrets = {"cia_password": options.pop("password", DEFAULT_PASSWORD)}
    return engine_run(
        page,
        copy_scenario(tmp_path, "itson-solicitud", *options.pop("edits", ())),
        tmp_path,
        human or ScriptedHuman(),
        journal,
        profile=STUDENT,
        secrets=secrets,
        **options,
    )


@pytest.mark.browser
def test_the_request_is_filed_once_and_the_journal_keeps_its_folio(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    human = ScriptedHuman()
    journal = Journal(tmp_path / "j.sqlite3")
    result = run_itson(page, tmp_path, human, journal=journal)
    assert result.status == "success", result.message
    assert result.yields == {"folio": "4810001"}
    assert cia(portal).saves == {"saved": 1}
    [saved] = cia(portal).solicitudes.values()
    assert (saved.nss, saved.curp, saved.phone) == (STUDENT["nss"], CURP, STUDENT["phone"])
    [run] = journal.runs()
    assert (run.scenario, run.status, run.yields) == (
        "itson-solicitud",
        "success",
        {"folio": "4810001"},
    )
    # The warning page was there, and passed.
    steps = journal.rows("steps", run.id)
    assert [s["status"] for s in steps if s["description"].startswith("Pasar el aviso")] == ["ok"]
    # Two sends, each after a yes, each summary masked: the sign-in and the save.
    sign_in, save = journal.rows("submits", run.id)
    assert sign_in["summary"] == "ID ITSON: …857; Contraseña: ••••"
    assert save["summary"] == (
        "Número de Seguridad Social: 67…88; CURP: HEGG…L04; Correo electrónico: "
        "e…@example.com; Teléfono celular: …43; Sin otro servicio médico: sí"
    )
    # Told once, before the password went to the plain-HTTP page.
    [notice] = [i for i, p in enumerate(human.prompts) if PLAIN_HTTP in p]
    assert "(http://smartweb1.itson.edu.mx:8400)" in human.prompts[notice]
    assert notice < human.prompts.index(
        "Revisar con qué datos se inicia sesión en el CIA y confirmar"
    )


@pytest.mark.browser
def test_the_portals_refusal_of_a_second_request_is_a_success_with_the_first_folio(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    portal.configure(**{"cia.existing_folio": 4810777})
    result = run_itson(page, tmp_path)
    assert result.status == "success", result.message
    assert result.message.startswith("El CIA dice que ya tenías una solicitud")
    assert result.yields == {"folio": "4810777", "already_filed": "true"}
    assert cia(portal).saves == {"refused": 1}


@pytest.mark.browser
def test_smartweb2_without_the_warning_page(page: Page, portal: MockPortal, tmp_path: Path) -> None:
    portal.configure(**{"cia.server": "smartweb2", "cia.warning": False})
    journal = Journal(tmp_path / "j.sqlite3")
    result = run_itson(page, tmp_path, journal=journal)
    assert result.status == "success", result.message
    assert cia(portal).saves == {"saved": 1}
    hosts = {r["host"] for r in portal.requests}
    assert "smartweb2.itson.edu.mx:8400" in hosts and "smartweb1.itson.edu.mx:8400" not in hosts
    [run] = journal.runs()
    steps = journal.rows("steps", run.id)
    assert [s["status"] for s in steps if s["description"].startswith("Pasar el aviso")] == [
        "skipped"
    ]


@pytest.mark.browser
def test_a_session_that_expires_at_the_save_is_signed_into_again_and_saved_once(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    portal.configure(**{"cia.expire_at_save": True})
    # The password went once: signing in again, the person gives it again.
    human = ScriptedHuman(secrets={"cia_password": [DEFAULT_PASSWORD]})
    result = run_itson(page, tmp_path, human)
    assert result.status == "success", result.message
    assert cia(portal).saves == {"expired": 1, "saved": 1}
    assert sign_ins(portal) == 2
    assert any("venció" in p for p in human.prompts)
    assert sum("cia_password" in p for p in human.prompts) == 1
    assert sum(PLAIN_HTTP in p for p in human.prompts) == 1  # told once per run


@pytest.mark.browser
def test_a_failed_save_sends_the_student_to_the_portal_not_to_an_email_the_cia_never_sends(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    """The CIA mails nothing we know of (no step waits for its email): where to tell whether
    the save went through is the portal alone. The NSS's portal, which mails its link, keeps
    «revisa tu correo» (tests/test_engine.py)."""
    portal.configure(fail_first=1, fail_methods=("POST",), fail_paths=(FORM_COMPONENT,))
    result = run_itson(page, tmp_path)
    assert result.status == "error", result.message
    assert "No sé si tu solicitud llegó: revisa en el portal si quedó registrada" in (
        result.message
    )
    assert "correo" not in result.message
    assert cia(portal).saves == {}


@pytest.mark.browser
@pytest.mark.parametrize("ajax", [False, True])
def test_a_notice_the_form_always_shows_is_not_taken_for_the_saves_refusal(
    page: Page, portal: MockPortal, tmp_path: Path, ajax: bool
) -> None:
    """The form shows, before and after the save, a notice in an alert's markup naming the
    CURP and the phone; the save refuses the phone. The answer is the refusal (it was not on
    the page before the press), not the notice: the student was told to fix a correct CURP."""
    portal.configure(
        **{"cia.refuse_field": "phone", "cia.form_notice": True, "cia.ajax_save": ajax}
    )
    result = run_itson(page, tmp_path)
    assert result.status == "error", result.message
    assert 'El portal respondió: «El campo "Teléfono celular" no es válido.»' in result.message
    assert "El CIA no aceptó tu teléfono celular" in result.message
    assert "CURP" not in result.message
    assert cia(portal).saves == {"invalid": 1}


@pytest.mark.browser
def test_an_id_and_a_sign_in_answered_later_than_a_steps_wait_are_awaited_as_sends_are(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    """apps9 and PeopleSoft answer the ID's and the sign-in's posts after 4 s, longer than a
    step waits (3 s here) and shorter than a send's answer may take. The ID's click was «El
    portal cambió» and the sign-in «Envié la solicitud pero el portal no respondió a tiempo»
    (an unknown send, status blocked), while the page had come: Playwright's click waited for
    the page it asked for within the click's own timeout."""
    portal.configure(
        delay=4.0,
        delay_methods=("POST",),
        delay_paths=("/CIA/index.aspx", "/psp/ITSONPRD/EMPLOYEE/HRMS/"),
    )
    journal = Journal(tmp_path / "j.sqlite3")
    result = run_itson(page, tmp_path, journal=journal, step_timeout=3.0, submit_timeout=15.0)
    assert result.status == "success", result.message
    assert cia(portal).saves == {"saved": 1}
    assert sign_ins(portal) == 1
    [run] = journal.runs()
    sign_in, save = journal.rows("submits", run.id)
    assert sign_in["result"] == "http 200" and save["result"].startswith("http")


@pytest.mark.browser
def test_a_sign_in_never_answered_is_no_request_that_may_have_gone_through(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    """The sign-in's post answered later than a send may take: it was «Envié la solicitud
    pero el portal no respondió a tiempo… revisa si quedó registrada» and the run `unknown`
    (status blocked, the help desk's contacts) though nothing of the request had been typed."""
    portal.configure(delay=6.0, delay_methods=("POST",), delay_paths=("/psp/ITSONPRD/",))
    journal = Journal(tmp_path / "j.sqlite3")
    result = run_itson(page, tmp_path, journal=journal, submit_timeout=3.0)
    assert result.status == "error", result.message
    assert result.message.startswith(
        "El portal no respondió a tiempo al iniciar sesión («Iniciar sesión en el CIA («Iniciar "
        "Sesión»)»). Tu solicitud no se envió: aún no se había llenado."
    )
    [run] = journal.runs()
    assert run.status == "error"
    [sign_in] = journal.rows("submits", run.id)
    assert sign_in["result"] == "unknown"  # what is known of that press: no answer came
    assert cia(portal).saves == {}


@pytest.mark.browser
def test_a_warning_beside_the_folio_is_relayed_and_the_forms_own_notice_is_not(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    """Saved, with a warning beside the folio in an alert's markup (a mirror's): the student
    reads it too, after the success. The notice the form always shows (there before the
    press) is not relayed."""
    portal.configure(**{"cia.save_warning": True, "cia.form_notice": True, "cia.ajax_save": True})
    result = run_itson(page, tmp_path)
    assert result.status == "success", result.message
    assert result.yields == {"folio": "4810001"}
    assert result.message.splitlines() == [
        "Listo: tu solicitud del Seguro Facultativo quedó registrada. Guarda tu folio. Tu "
        "vigencia tarda de 2 a 5 días hábiles en verse en el IMSS; autohelper status te dice "
        "cuándo consultarla.",
        "El portal también dice (léelo: puede pedirte algo más): «Advertencia: entrega tu "
        "comprobante de NSS en Servicios Estudiantiles en un plazo de 5 días hábiles.»",
    ]
    assert cia(portal).saves == {"saved": 1}


@pytest.mark.browser
def test_a_server_error_in_the_content_frame_is_the_portal_down_not_a_changed_portal(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    """The menu leaf opens the form in TargetContent, which answers 503: the step after it
    finds nothing there because the server failed, not because the portal changed (it said
    «el escenario necesita actualizarse»). Nothing was saved."""
    portal.configure(fail_first=1, fail_methods=("GET",), fail_paths=(FORM_COMPONENT,))
    result = run_itson(page, tmp_path, step_timeout=3.0)
    assert result.error is not None and result.error.key == "run.frame_down", result.message
    assert "no está disponible ahora (no es que haya cambiado)" in result.message
    assert "actualizarse" not in result.message
    assert cia(portal).saves == {}


@pytest.mark.browser
def test_a_renamed_menu_leaf_is_a_portal_change_at_that_step(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    portal.configure(drift=True)
    result = run_itson(page, tmp_path, step_timeout=2.0)
    assert isinstance(result.error, PortalChanged)
    assert result.message.startswith(
        "El portal cambió en este paso: «Abrir «Solicitud Seguro»». No encontré role='link' "
        "name='Solicitud Seguro' frame=name='NAV' | css='a.PTNAVLINK:text-matches("
    )
    # The leaf's name alone first, then any leaf holding it (the last alternative).
    assert "| css='a.PTNAVLINK' has_text='Solicitud Seguro' frame=name='NAV'." in result.message
    # The page named is the frame's the step looked in, not the frameset's around it.
    [where] = [line for line in result.message.splitlines() if line.startswith("Página: ")]
    assert "IScript_PT_NAV_INFRAME" in where, where
    assert cia(portal).saves == {}


@pytest.mark.browser
def test_no_to_the_precondition_sends_nothing_and_ticks_nothing(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    human = ScriptedHuman(answers=[False])
    result = run_itson(page, tmp_path, human)
    assert result.status == "declined"
    assert result.message.startswith(
        "Respondiste que no («No tener otro servicio médico (requisito de la guía)»): me detengo "
        "sin llenar ni enviar nada.\nEl Seguro Facultativo es para estudiantes sin otro servicio "
        "médico"
    )
    assert HELP_DESK in result.message
    # Nothing reached the CIA: no ID typed, no sign-in, no box ticked, no save.
    assert not [r for r in portal.requests if "itson" in r["host"]]
    assert cia(portal).saves == {}


@pytest.mark.browser
def test_three_wrong_passwords_stop_with_the_help_desks_contacts(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    human = ScriptedHuman(secrets={"cia_password": ["mala-2", "mala-3"]})
    result = run_itson(page, tmp_path, human, password="mala-1")
    assert result.status == "error"
    assert "Tu cuenta del CIA está bloqueada: no lo intentes más." in result.message
    assert HELP_DESK in result.message
    assert sign_ins(portal) == 3
    assert sum(p.startswith("Último intento: si vuelve a fallar") for p in human.prompts) == 1
    assert "mala" not in result.message
    assert cia(portal).saves == {}


# -- the session: once for good, again on request, the NSS first ----------------------------


@pytest.mark.browser
def test_a_second_run_stops_before_the_browser_and_again_meets_the_portals_refusal(
    portal: MockPortal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A student's runs against a mirror (the test mock, which remembers the request)."""
    monkeypatch.setenv("AUTOHELPER_SECRET_CIA_PASSWORD", DEFAULT_PASSWORD)
    profile = str(student_profile(tmp_path))
    args = ("run", "itson-solicitud", "--against", portal.url, "--profile", profile, "--headless")
    first = process(*args)
    assert first.exit_code == 0, first.output
    assert "Tu folio: 4810001" in first.stdout
    assert cia(portal).saves == {"saved": 1}

    requests = len(portal.requests)
    second = process(*args)
    assert second.exit_code == 1
    today = format_day(datetime.date.today())
    assert second.stderr == (
        f"Error: Ya hiciste «{TITLE}» el {today} con el folio 4810001. No lo repito, para no "
        f"enviar una segunda solicitud (`autohelper status --profile {profile}` te dice qué "
        "sigue). Si de verdad necesitas hacerlo otra vez, usa --again.\n"
    )
    assert len(portal.requests) == requests  # no browser, not a single request
    assert len(Journal().runs()) == 1

    again = process(*args, "--again")
    assert again.exit_code == 0, again.output
    assert "ya tenías una solicitud del Seguro Facultativo registrada" in again.stdout
    assert cia(portal).saves == {"saved": 1, "refused": 1}
    first_run, again_run = Journal().runs()
    assert (again_run.mode, again_run.target, again_run.status) == ("student", "mirror", "success")
    assert again_run.yields == {"folio": "4810001", "already_filed": "true"}
    assert first_run.profile == again_run.profile == str(Path(profile).resolve())


def test_only_a_students_own_success_against_that_kind_of_target_stops_a_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AUTOHELPER_SECRET_CIA_PASSWORD", "x")
    profile = student_profile(tmp_path)
    journal = Journal()
    run = journal.start_run("itson-solicitud", "live", "student", str(profile.resolve()))
    journal.end_run(run, "success", "Listo.", {"folio": "4810042"})

    def plan(**kwargs: Any) -> Any:
        request = SessionRequest("itson-solicitud", ScriptedHuman(), profile=str(profile))
        for key, value in kwargs.items():
            setattr(request, key, value)
        return plan_run(request)

    with pytest.raises(AlreadyDone) as info:
        plan()
    assert "con el folio 4810042" in info.value.message()
    assert info.value.message("en").startswith("You already did “Seguro Facultativo request in ")
    assert plan(again=True).scenario.id == "itson-solicitud"
    assert plan(against="http://127.0.0.1:9").target.kind == "mirror"  # live runs guard live
    assert plan(against="fixtures").target.kind == "fixtures"
    other = tmp_path / "other"
    other.mkdir()
    assert plan(profile=str(student_profile(other))).scenario.once  # another student's file


def test_a_request_whose_save_was_never_answered_is_checked_before_it_is_sent_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last run pressed «Guardar» and the CIA never answered (saved, as a mirror showed,
    25 s late): a second run sent it again without a word. It now stops before anything
    starts, saying when and what to check; --again goes on. An unknown sign-in (not the
    request's own send) does not stop it."""
    monkeypatch.setenv("AUTOHELPER_SECRET_CIA_PASSWORD", "x")
    profile = student_profile(tmp_path)
    journal = Journal()

    def unanswered(position: int) -> None:
        run = journal.start_run("itson-solicitud", "live", "student", str(profile.resolve()))
        submit = journal.record_submit(run, position, "Guardar la solicitud («Guardar»)", "")
        journal.finish_submit(submit, "unknown")
        journal.end_run(run, "unknown", "No se sabe.", {})

    def plan(**kwargs: Any) -> Any:
        request = SessionRequest("itson-solicitud", ScriptedHuman(), profile=str(profile))
        for key, value in kwargs.items():
            setattr(request, key, value)
        return plan_run(request)

    unanswered(8)  # the sign-in's send
    assert plan().scenario.id == "itson-solicitud"
    unanswered(20)  # the request's own
    with pytest.raises(PossiblyDone) as info:
        plan()
    said = info.value.message()
    assert said.startswith(f"La última vez que corriste «{TITLE}» (") and said.endswith(
        ") se envió «Guardar la solicitud («Guardar»)» y el portal no respondió a tiempo: puede "
        "que sí haya llegado. Antes de enviarla otra vez, revisa en el portal si ya quedó "
        "registrada. Si no quedó: autohelper run itson-solicitud --again --profile "
        f"{profile} (`autohelper status --profile {profile}` te dice dónde estás)."
    )
    assert info.value.message("en").startswith("The last time you ran “Seguro Facultativo")
    assert plan(again=True).scenario.id == "itson-solicitud"
    assert plan(against="http://127.0.0.1:9").target.kind == "mirror"  # live runs guard live


def test_the_folio_is_read_in_the_wordings_a_save_may_give_it() -> None:
    """A mirror's «con el folio: 5120001.» and «Folio: 5120001» were «No pude leer «folio»»
    (the contract's «con el folio 4810001.» alone was read)."""
    import re

    pattern = yield_pattern("itson-solicitud", "folio")
    for text, folio in (
        ("Tu solicitud de Seguro Facultativo fue registrada con el folio 4810001.", "4810001"),
        ("Tu solicitud fue registrada con el folio: 5120001.", "5120001"),
        ("Solicitud registrada.\nFolio: 5120001", "5120001"),
        (
            "Ya tienes una solicitud de Seguro Facultativo registrada (folio\u00a04810777).",
            "4810777",
        ),
        ("registrada con el folio N° 4810001", "4810001"),
        ("Consulta el folio de tu trámite en 5 días", None),  # no number of a folio
    ):
        found = re.search(pattern, text)
        assert (found.group(1) if found else None) == folio, text


def test_a_request_marked_by_hand_stops_a_live_run_and_says_the_day_marked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`autohelper done solicitud` (filed in the CIA by hand) counts like a run: a live run
    stops before the password is asked, says the day marked (no folio is known) and how to
    take the mark back, with the profile it was given; `undo` lets it run again."""
    asked: list[str] = []
    profile = student_profile(tmp_path, institution="itson")
    assert cli("done", "solicitud", "--on", "2026-11-20", "--profile", str(profile)).exit_code == 0

    def plan(**kwargs: Any) -> Any:
        request = SessionRequest("itson-solicitud", ScriptedHuman(), profile=str(profile))
        for key, value in kwargs.items():
            setattr(request, key, value)
        return plan_run(request, ask_secret=lambda name: asked.append(name) or "x")

    with pytest.raises(AlreadyDone) as info:
        plan()
    assert info.value.message() == (
        f"Marcaste «{TITLE}» como hecho el viernes 20 de noviembre de 2026 (con `autohelper "
        "done solicitud`). No lo repito, para no enviar una segunda solicitud (`autohelper "
        f"status --profile {profile}` te dice qué sigue). Si lo marcaste por error, quita la "
        f"marca con `autohelper undo solicitud --profile {profile}`; si de verdad necesitas "
        "hacerlo otra vez, usa --again."
    )
    assert info.value.message("en").startswith(
        "You marked “Seguro Facultativo request in ITSON's CIA” as done on Friday"
    )
    assert asked == []  # stopped before the password
    assert plan(again=True).scenario.id == "itson-solicitud"
    assert plan(against="http://127.0.0.1:9").target.kind == "mirror"  # a mirror knows nothing
    assert cli("undo", "solicitud", "--profile", str(profile)).exit_code == 0
    assert plan().scenario.id == "itson-solicitud"


def test_a_mirrors_success_stops_a_run_against_that_mirror_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A request filed on one mirror is unknown to another: only that mirror's success stops
    the run (by its URL, as the journal keeps it); one from before runs kept their mirror's
    URL still stops a run against any mirror."""
    monkeypatch.setenv("AUTOHELPER_SECRET_CIA_PASSWORD", "x")
    profile = student_profile(tmp_path)
    journal = Journal()

    def filed(url: str | None) -> None:
        run = journal.start_run(
            "itson-solicitud", "mirror", "student", str(profile.resolve()), target_url=url
        )
        journal.end_run(run, "success", "Listo.", {"folio": "4810042"})

    def plan(against: str) -> Any:
        request = SessionRequest("itson-solicitud", ScriptedHuman(), profile=str(profile))
        request.against = against
        return plan_run(request)

    filed("http://127.0.0.1:8401")
    with pytest.raises(AlreadyDone):
        plan("http://127.0.0.1:8401/")
    assert plan("http://127.0.0.1:8402").target.kind == "mirror"
    filed(None)
    with pytest.raises(AlreadyDone):
        plan("http://127.0.0.1:8402")


@pytest.mark.parametrize("scenario", ["itson-solicitud", "imss-vigencia", "imss-umf"])
def test_a_profile_without_an_nss_is_told_to_get_it_first(tmp_path: Path, scenario: str) -> None:
    """The vigencia and the clinic said «el perfil … no tiene nss; fíjalo con …», where the
    request said where an NSS comes from: all three say the same now."""
    profile = student_profile(tmp_path, nss="")
    result = cli("run", scenario, "--against", "fixtures", "--profile", str(profile))
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"Error: Primero consigue tu NSS: autohelper run imss-nss --profile {profile} (si ya lo "
        f"tienes, guárdalo con `autohelper profile set nss=... --profile {profile}`)"
    )
    assert not default_path().exists()  # nothing began


@pytest.mark.browser
def test_qa_against_the_bundled_mock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUTOHELPER_SECRET_CIA_PASSWORD", DEFAULT_PASSWORD)
    result = process("qa", "itson-solicitud", "--single", "--against", "fixtures")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "Tu folio: 4810001"
    [run] = Journal().runs()
    assert (run.mode, run.target, run.status, run.yields) == (
        "qa",
        "fixtures",
        "success",
        {"folio": "4810001"},
    )
    assert [s["result"] for s in Journal().rows("submits", run.id)] == ["http 200"] * 2


# -- a person at a real terminal -----------------------------------------------------------------


@pytest.fixture
def short_tmp() -> Iterator[Path]:
    """Chromium's singleton socket path must stay short: a TMPDIR of our own, under /tmp."""
    path = Path(tempfile.mkdtemp(prefix="ah-", dir="/tmp"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def terminal_session(portal: MockPortal, tmp: Path) -> pexpect.spawn:
    update_profile("default", STUDENT)
    env = {**os.environ, "TMPDIR": str(tmp), "LANG": "es_MX.UTF-8", "COLUMNS": "200"}
    env.pop("DISPLAY", None)
    env.pop("AUTOHELPER_SECRET_CIA_PASSWORD", None)
    return pexpect.spawn(
        sys.executable,
        ["-m", "autohelper", "run", "itson-solicitud", "--against", portal.url, "--headless"],
        env=env,
        encoding="utf-8",
        preexec_fn=as_at_a_shell,
        timeout=40,
        dimensions=(50, 200),
    )


def sign_in(child: pexpect.spawn, password: str) -> None:
    child.expect("\\(no se guarda ni se muestra\\)")
    child.sendline(password)
    child.expect("ID ITSON: …857")
    child.expect("¿Lo envío\\? \\[s/N\\]")
    child.sendline("s")


@pytest.mark.browser
def test_a_person_types_a_wrong_password_then_the_right_one(
    portal: MockPortal, short_tmp: Path
) -> None:
    child = terminal_session(portal, short_tmp)
    child.expect("Escribe tu contraseña del CIA \\(no se guarda ni se muestra\\)")
    child.sendline("equivocada")
    child.expect("¿confirmas que NO tienes otro servicio médico.*\\[s/N\\]")
    child.sendline("s")
    child.expect(PLAIN_HTTP.replace("(", "\\(").replace(")", "\\)"))
    child.expect("ID ITSON: …857")
    child.expect("Contraseña: ••••")
    child.expect("¿Lo envío\\? \\[s/N\\]")
    child.sendline("s")
    child.expect("El CIA no aceptó tu ID o tu contraseña")
    child.expect("El portal pide otra vez tu contraseña del CIA")
    sign_in(child, DEFAULT_PASSWORD)
    child.expect("Número de Seguridad Social: 67…88")
    child.expect("¿Lo envío\\? \\[s/N\\]")
    assert cia(portal).saves == {}  # nothing saved before the yes
    child.sendline("s")
    child.expect("Tu folio: 4810001")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert cia(portal).saves == {"saved": 1}
    assert sign_ins(portal) == 2
    everything = Journal().path.read_bytes().decode("utf-8", "replace")
    for secret in ("equivocada", DEFAULT_PASSWORD, STUDENT["student_id"]):
        assert secret not in everything


@pytest.mark.browser
def test_a_person_whose_three_passwords_are_refused_gets_the_help_desk(
    portal: MockPortal, short_tmp: Path
) -> None:
    child = terminal_session(portal, short_tmp)
    child.expect("Escribe tu contraseña del CIA \\(no se guarda ni se muestra\\)")
    child.sendline("mala-1")
    child.expect("\\[s/N\\]")
    child.sendline("s")
    child.expect("¿Lo envío\\? \\[s/N\\]")
    child.sendline("s")
    child.expect("El portal pide otra vez tu contraseña del CIA")
    sign_in(child, "mala-2")
    child.expect("Último intento: si vuelve a fallar, el ITSON puede bloquear tu cuenta")
    child.expect("El portal pide otra vez tu contraseña del CIA")
    sign_in(child, "mala-3")
    child.expect("Tu cuenta del CIA está bloqueada")
    child.expect(re.escape(HELP_DESK))
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert sign_ins(portal) == 3
    assert cia(portal).saves == {}
    assert "mala-" not in child.before

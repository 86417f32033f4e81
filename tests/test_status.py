"""`autohelper status`, `done`, `undo` and `next` through the real entry point: the JSON
contract of DESIGN.md, the states of each step from the profile, the journal's runs and the
student's marks, business-day windows, the contacts when something is overdue or blocked, and
what never shows unmasked."""

from __future__ import annotations

import datetime
import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from support import console

from autohelper import profile as prof
from autohelper.journal import Journal, default_path
from autohelper.profile import resolve_profile_path

ROOT = Path(__file__).resolve().parents[1]
CURP = "HEGG560427MVZRRL04"
NSS = "12345678903"
EMAIL = "gloria.prueba@example.com"
STUDENT_ID = "00000012345"
FOLIO = "4815162342"
ITSON_CONTACTS = [
    {"kind": "email", "value": "mesadeayuda@itson.edu.mx", "hours": "8:00-16:00"},
    {"kind": "whatsapp", "value": "6444-20-73-51", "hours": "8:00-16:00"},
    {"kind": "whatsapp", "value": "6441-61-78-36", "hours": "8:00-16:00"},
    {"kind": "phone", "value": "6444-410-90-04", "hours": "8:00-16:00"},
]


@pytest.fixture(autouse=True)
def _spanish_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AUTOHELPER_PROFILE", raising=False)


autohelper_cmd = console  # `autohelper ARGS...` in-process, stdout and stderr apart


def make_profile(name: str | None = None, **values: str) -> None:
    fields = {
        "curp": CURP,
        "email": EMAIL,
        "names": "GLORIA",
        "first_surname": "HERNANDEZ",
        "second_surname": "GARCIA",
        "postal_code": "85000",
        "institution": "itson",
        "has_other_insurance": "no",
        "nss_from_employer": "no",
        "nss": NSS,
        "student_id": STUDENT_ID,
    }
    fields.update(values)
    prof.update_profile(name, {key: value for key, value in fields.items() if value})


def add_run(
    scenario: str,
    status: str,
    yields: dict[str, str] | None = None,
    *,
    day: str = "2026-11-19",
    target: str = "live",
    mode: str = "student",
    profile: str | None = None,
) -> None:
    journal = Journal()
    run_id = journal.start_run(scenario, target, mode, profile)
    journal.end_run(run_id, status, None, yields or {})
    stamp = f"{day}T18:00:00.000+00:00"  # the same local day anywhere in the Americas
    with sqlite3.connect(default_path()) as db:
        db.execute(
            "UPDATE runs SET started_at = ?, ended_at = ? WHERE id = ?", (stamp, stamp, run_id)
        )


def status_json(*args: str) -> dict[str, Any]:
    result = autohelper_cmd("status", "--json", *args)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def steps(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {step["id"]: step for step in data["steps"]}


def states(data: dict[str, Any]) -> dict[str, str]:
    return {step["id"]: step["state"] for step in data["steps"]}


# -- the examples -----------------------------------------------------------------------
def test_itson_after_solicitud_the_wait_skips_the_revolution_day() -> None:
    make_profile()
    done = autohelper_cmd("done", "solicitud", "--on", "2026-11-13")
    assert done.exit_code == 0, done.output
    assert done.stdout == (
        "✔ Marcado como hecho: solicitud (Solicitud del Seguro Facultativo en el CIA), "
        "el viernes 13 de noviembre de 2026.\n"
    )
    data = status_json("--as-of", "2026-11-17")
    assert data["procedure"] == "itson"
    assert data["as_of"] == "2026-11-17"
    by_id = steps(data)
    assert by_id["espera"]["state"] == "waiting"
    assert (by_id["espera"]["from"], by_id["espera"]["until"]) == ("2026-11-18", "2026-11-23")
    assert by_id["espera"]["place"] == {"phase": "before", "days": 1, "total": 4}
    assert by_id["solicitud"] == {
        "id": "solicitud",
        "state": "done",
        "kind": "scenario",
        "title": "Solicitud del Seguro Facultativo en el CIA",
        "date": "2026-11-13",
        "via": "mark",
    }
    assert states(data) == {
        "precondicion": "done",
        "nss": "skipped",
        "solicitud": "done",
        "espera": "waiting",
        "vigencia": "todo",
        "umf": "todo",
    }
    assert data["next"]["step"] == "vigencia"
    assert data["next"]["command"] == "autohelper run imss-vigencia"
    assert data["next"]["not_before"] == "2026-11-18"
    assert data["overdue"] is False
    assert data["contacts"] == []
    assert "help_desk" not in data


def test_within_the_window_vigencia_is_next() -> None:
    make_profile()
    autohelper_cmd("done", "solicitud", "--on", "2026-11-13")
    data = status_json("--as-of", "2026-11-19")
    assert states(data)["vigencia"] == "next"
    assert steps(data)["espera"]["place"] == {"phase": "within", "days": 2, "total": 4}
    assert data["next"]["state"] == "next"


def test_after_the_window_the_procedure_is_overdue_with_the_itson_contacts() -> None:
    """The wait is over: the contacts show (the contract), worded for a student who checks the
    vigencia first (guide 004: write to the help desk when you appear "sin derecho" after the
    wait), and the next thing is that check, not the help desk."""
    make_profile()
    autohelper_cmd("done", "solicitud", "--on", "2026-11-13")
    data = status_json("--as-of", "2026-11-24")
    assert data["overdue"] is True
    assert states(data)["espera"] == "overdue"
    assert data["contacts"] == ITSON_CONTACTS
    assert (data["next"]["step"], data["next"]["command"]) == (
        "vigencia",
        "autohelper run imss-vigencia",
    )
    message = data["help_desk"]["message"]
    assert data["help_desk"]["name"] == "Mesa de ayuda del ITSON"
    assert message.splitlines() == [
        "Hola, buen día.",
        "Soy G… H… G…, ID …345.",
        "El viernes 13 de noviembre de 2026 completé «Solicitud del Seguro Facultativo en el CIA».",
        "Ya pasó el plazo «Espera de 2 a 5 días hábiles» (del miércoles 18 de noviembre de 2026 "
        "al lunes 23 de noviembre de 2026) y mi trámite no aparece listo.",
        "¿Me pueden ayudar a revisarlo? Gracias.",
    ]
    terminal = autohelper_cmd("status", "--as-of", "2026-11-24").stdout
    assert "Si ya consultaste y tu trámite no aparece listo, contacta a" in terminal
    assert "Algo está atrasado" not in terminal


def test_a_solicitud_before_christmas_waits_into_the_last_days_of_december() -> None:
    make_profile()
    autohelper_cmd("done", "solicitud", "--on", "2026-12-23")
    espera = steps(status_json("--as-of", "2026-12-24"))["espera"]
    assert (espera["from"], espera["until"]) == ("2026-12-28", "2026-12-31")


def test_escolar_confirmacion_not_before_the_business_day_after_entrega() -> None:
    make_profile(institution="escolar")
    assert autohelper_cmd("done", "entrega", "--on", "2026-09-15").exit_code == 0
    data = status_json("--as-of", "2026-09-15")
    assert data["procedure"] == "escolar"
    assert steps(data)["confirmacion"]["not_before"] == "2026-09-17"
    assert data["next"] == {
        "step": "confirmacion",
        "state": "todo",
        "kind": "manual",
        "title": "Confirmar tu alta en Servicios Escolares",
        "command": None,
        "not_before": "2026-09-17",
        "done_command": "autohelper done confirmacion",
    }
    assert states(status_json("--as-of", "2026-09-17"))["confirmacion"] == "next"


def test_qa_and_fixture_runs_never_move_the_students_status() -> None:
    make_profile()
    autohelper_cmd("done", "solicitud", "--on", "2026-11-13")
    vigente = {"verdict": "vigente"}
    add_run("imss-vigencia", "success", vigente, target="fixtures", mode="qa")
    add_run("imss-vigencia", "success", vigente, target="fixtures", mode="student")
    add_run("imss-vigencia", "success", vigente, target="mirror", mode="qa")
    data = status_json("--as-of", "2026-11-19")
    assert states(data)["vigencia"] == "next"
    assert "last_run" not in steps(data)["vigencia"]


def test_a_students_live_vigente_run_marks_vigencia_done_and_makes_umf_next() -> None:
    make_profile()
    autohelper_cmd("done", "solicitud", "--on", "2026-11-13")
    add_run("imss-vigencia", "success", {"verdict": "vigente", "umf": "UMF 12"})
    data = status_json("--as-of", "2026-11-20")
    vigencia = steps(data)["vigencia"]
    assert (vigencia["state"], vigencia["date"], vigencia["via"]) == ("done", "2026-11-19", "run")
    assert vigencia["yields"] == {"verdict": "vigente", "umf": "UMF 12"}
    assert states(data)["espera"] == "done"
    assert data["next"]["step"] == "umf"
    assert data["next"]["state"] == "next"
    assert data["next"]["command"] == "autohelper run imss-umf"


def test_mirror_runs_count_only_when_asked() -> None:
    make_profile()
    autohelper_cmd("done", "solicitud", "--on", "2026-11-13")
    add_run("imss-vigencia", "success", {"verdict": "vigente"}, target="mirror")
    assert states(status_json("--as-of", "2026-11-20"))["vigencia"] == "next"
    with_mirrors = status_json("--as-of", "2026-11-20", "--include-mirrors")
    assert states(with_mirrors)["vigencia"] == "done"


def test_runs_after_the_as_of_day_have_not_happened_yet() -> None:
    make_profile()
    autohelper_cmd("done", "solicitud", "--on", "2026-11-13")
    add_run("imss-vigencia", "success", {"verdict": "vigente"}, day="2026-11-20")
    assert states(status_json("--as-of", "2026-11-19"))["vigencia"] == "next"
    assert states(status_json("--as-of", "2026-11-20"))["vigencia"] == "done"


# -- the nss step -------------------------------------------------------------------------------
def test_an_nss_from_an_employer_not_saved_skips_the_step_and_the_request_asks_for_it() -> None:
    """DESIGN.md: `nss` is skipped with `nss_from_employer`. The request needs the NSS in the
    profile (`run itson-solicitud` would say "first get your NSS"): as the step that comes
    next, it says to save it first, with the profile it was given, and which run finds it;
    `run imss-nss` is not "not needed" (it finds an NSS the student does not know)."""
    from autohelper.status.standing import not_needed

    make_profile("emp", nss="", nss_from_employer="sí")
    data = status_json("--profile", "emp")
    nss = steps(data)["nss"]
    assert (nss["state"], nss["why"]) == ("skipped", "ya tienes un NSS que te dio un empleador")
    assert states(data)["solicitud"] == "next"
    assert data["next"]["step"] == "solicitud"
    assert data["next"]["command"] == "autohelper run itson-solicitud --profile emp"
    assert data["next"]["save_command"] == "autohelper profile set nss=... --profile emp"
    assert data["next"]["find_command"] == "autohelper run imss-nss --profile emp"
    assert data["next"]["done_command"] == "autohelper done solicitud --profile emp"
    shown = autohelper_cmd("status", "--profile", "emp").stdout
    assert (
        "  Antes guarda tu NSS en tu perfil (este paso lo necesita): autohelper profile set "
        "nss=... --profile emp. Si no lo conoces, autohelper run imss-nss --profile emp lo "
        "encuentra.\n"
        "  Comando: autohelper run itson-solicitud --profile emp\n"
    ) in shown
    english = autohelper_cmd("--lang", "en", "status", "--profile", "emp").stdout
    assert (
        "  First save your NSS in your profile (this step needs it): autohelper profile set "
        "nss=... --profile emp. If you do not know it, autohelper run imss-nss --profile emp "
        "finds it.\n"
    ) in english
    assert not_needed("emp", "imss-nss") is None
    refused = autohelper_cmd("done", "nss", "--profile", "emp")  # a mark would not save it
    assert refused.exit_code == 1
    assert "autohelper profile set nss=... --profile emp" in refused.stderr
    prof.update_profile("emp", {"nss": NSS})
    saved = status_json("--profile", "emp")
    nss = steps(saved)["nss"]
    assert (nss["state"], nss["why"]) == ("skipped", "tu perfil ya tiene tu NSS")
    assert "save_command" not in saved["next"] and "find_command" not in saved["next"]


def test_at_a_school_an_nss_from_a_job_not_saved_is_asked_for_before_the_vigencia() -> None:
    """Guide 000's school: the NSS is handed in on paper, so nothing asks for it until the
    vigencia, whose run needs it in the profile. When the vigencia comes next, `status` says to
    save it first (imss-nss saves it: the same hint as the request's `requires`), and `next`
    does not offer a run that would stop before its browser for it."""
    from autohelper.status.standing import StatusRequest, current_timeline, not_needed
    from autohelper.status.terminal import after_run_lines

    make_profile(institution="escolar", nss="", nss_from_employer="sí")
    autohelper_cmd("done", "entrega", "--on", "2026-11-10")
    autohelper_cmd("done", "confirmacion", "--on", "2026-11-11")
    data = status_json("--as-of", "2026-11-12")
    assert data["next"]["step"] == "vigencia"
    assert data["next"]["save_command"] == "autohelper profile set nss=..."
    assert data["next"]["find_command"] == "autohelper run imss-nss"
    result = autohelper_cmd("next", "--as-of", "2026-11-12", input="s\n")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-2:] == [
        "  Antes guarda tu NSS en tu perfil (este paso lo necesita): autohelper profile set "
        "nss=.... Si no lo conoces, autohelper run imss-nss lo encuentra.",
        "  Comando: autohelper run imss-vigencia",
    ]
    timeline = current_timeline(StatusRequest(None, datetime.date(2026, 11, 12)))
    assert after_run_lines(timeline, "es")[-1] == "  autohelper status muestra todo tu trámite."
    assert not_needed(None, "imss-nss") is None  # it finds the NSS the student does not know
    prof.update_profile(None, {"nss": NSS})
    saved = status_json("--as-of", "2026-11-12")
    assert "save_command" not in saved["next"]


def test_a_run_not_needed_shows_its_commands_with_the_profile_given() -> None:
    make_profile("ana")
    result = autohelper_cmd("run", "imss-nss", "--profile", "ana")
    assert result.exit_code == 0, result.output
    assert "  autohelper run itson-solicitud --profile ana\n" in result.stdout
    assert "autohelper run imss-nss --profile ana --again" in result.stdout


def test_done_nss_without_an_nss_in_the_profile_is_refused_and_says_how_to_save_it() -> None:
    """A mark would say the step is done while the request still asks for the NSS."""
    make_profile("ana", nss="")
    before = resolve_profile_path("ana").read_bytes()
    result = autohelper_cmd("done", "nss", "--profile", "ana")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: No marco «nss» como hecho: lo que sigue necesita tu NSS en tu perfil, y una "
        "marca no lo guarda. Si ya lo tienes, guárdalo: autohelper profile set nss=... --profile "
        "ana. Si no, consíguelo: autohelper run imss-nss --profile ana\n"
    )
    english = autohelper_cmd("--lang", "en", "done", "nss", "--profile", "ana")
    assert english.stderr.startswith(
        "Error: I will not mark “nss” done: what comes next needs your NSS in your profile"
    )
    assert (
        not default_path().exists()
        or Journal().marks(str(resolve_profile_path("ana").resolve()), "itson") == []
    )
    assert resolve_profile_path("ana").read_bytes() == before
    assert states(status_json("--profile", "ana"))["nss"] == "next"
    prof.update_profile("ana", {"nss": NSS})
    assert autohelper_cmd("done", "nss", "--profile", "ana").exit_code == 0


def test_without_an_nss_the_nss_flow_is_next() -> None:
    make_profile(nss="")
    data = status_json()
    assert states(data)["nss"] == "next"
    assert data["next"]["command"] == "autohelper run imss-nss"


def test_a_successful_nss_run_makes_it_done_not_skipped_and_shows_it_masked() -> None:
    make_profile()
    add_run("imss-nss", "success", {"nss": "12…03"}, day="2026-11-02")
    nss = steps(status_json("--as-of", "2026-11-03"))["nss"]
    assert (nss["state"], nss["date"], nss["yields"]) == ("done", "2026-11-02", {"nss": "12…03"})


# -- other states -------------------------------------------------------------------------------
def test_other_insurance_blocks_the_precondition_and_shows_the_contacts() -> None:
    make_profile(has_other_insurance="sí")
    data = status_json()
    precondicion = steps(data)["precondicion"]
    assert precondicion["state"] == "blocked"
    assert precondicion["why"].startswith("Tu perfil dice que ya tienes otro seguro médico")
    assert states(data)["solicitud"] == "todo"
    assert data["next"]["step"] == "precondicion"
    assert data["overdue"] is False
    assert data["contacts"] == ITSON_CONTACTS


def test_a_solicitud_already_filed_is_done_and_its_folio_masked_unless_revealed() -> None:
    make_profile()
    add_run("itson-solicitud", "error", {"already_filed": "true", "folio": FOLIO}, day="2026-11-13")
    masked = steps(status_json("--as-of", "2026-11-16"))["solicitud"]
    assert (masked["state"], masked["date"]) == ("done", "2026-11-13")
    assert masked["yields"] == {"already_filed": "true", "folio": "4…2"}
    revealed = steps(status_json("--as-of", "2026-11-16", "--reveal"))["solicitud"]
    assert revealed["yields"]["folio"] == FOLIO


def test_clinic_refusing_students_online_is_a_visit_not_a_failure() -> None:
    make_profile()
    autohelper_cmd("done", "solicitud", "--on", "2026-11-13")
    add_run("imss-vigencia", "success", {"verdict": "vigente"})
    add_run("imss-umf", "in_person", day="2026-11-20")
    data = status_json("--as-of", "2026-11-20")
    umf = steps(data)["umf"]
    assert umf["state"] == "in_person"
    assert (
        umf["where"] == "la Unidad de Medicina Familiar (UMF) que te corresponde por tu domicilio"
    )
    assert umf["bring"].startswith("tu CURP, tu NSS, un comprobante de domicilio")
    assert data["next"]["step"] == "umf" and data["next"]["state"] == "in_person"
    assert data["contacts"] == []
    terminal = autohelper_cmd("status", "--as-of", "2026-11-20").stdout
    assert "  ⌂ umf           Alta en tu clínica (UMF)" in terminal
    assert "  Cuando lo hayas hecho: autohelper done umf" in terminal


@pytest.mark.parametrize("institution", ["itson", "escolar"])
def test_an_nss_given_only_at_the_subdelegacion_is_a_visit_there(institution: str) -> None:
    """imss-nss ends in person when only the Subdelegación can give the NSS (its answer, a
    postal code no clinic serves): both procedures say where and what to bring."""
    make_profile(nss="", institution=institution)
    autohelper_cmd("done", "precondicion", "--on", "2026-11-13")
    add_run("imss-nss", "in_person", day="2026-11-20")
    data = status_json("--as-of", "2026-11-20")
    nss = steps(data)["nss"]
    assert nss["state"] == "in_person"
    assert nss["where"] == "la Subdelegación del IMSS que te corresponde"
    assert nss["bring"] == "tu CURP, una identificación oficial y un comprobante de domicilio"
    assert data["next"]["step"] == "nss" and data["next"]["state"] == "in_person"


def test_sin_derecho_during_the_wait_means_check_again_and_after_it_blocks() -> None:
    make_profile()
    autohelper_cmd("done", "solicitud", "--on", "2026-11-13")
    add_run("imss-vigencia", "success", {"verdict": "sin_derecho"}, day="2026-11-18")
    during = status_json("--as-of", "2026-11-19")
    assert states(during)["vigencia"] == "next"
    assert steps(during)["vigencia"]["last_run"]["yields"] == {"verdict": "sin_derecho"}
    add_run("imss-vigencia", "success", {"verdict": "sin_derecho"}, day="2026-11-24")
    after = status_json("--as-of", "2026-11-24")
    assert states(after)["vigencia"] == "blocked"
    assert after["contacts"] == ITSON_CONTACTS
    assert (
        "Después del tiempo de espera sigo apareciendo sin derecho al servicio médico en mi "
        "constancia de vigencia." in after["help_desk"]["message"].splitlines()
    )


def test_another_employer_blocks_vigencia_at_once() -> None:
    make_profile()
    autohelper_cmd("done", "solicitud", "--on", "2026-11-13")
    add_run("imss-vigencia", "success", {"verdict": "otro_patron"})
    vigencia = steps(status_json("--as-of", "2026-11-19"))["vigencia"]
    assert vigencia["state"] == "blocked"
    assert vigencia["why"].startswith("Tienes derecho al servicio médico, pero tu último patrón")


def test_a_send_with_an_unknown_result_blocks_until_checked() -> None:
    make_profile(nss="")
    add_run("imss-nss", "unknown", day="2026-11-02")
    nss = steps(status_json("--as-of", "2026-11-03"))["nss"]
    assert nss["state"] == "blocked"
    assert nss["why"] == (
        "no se supo si el último envío llegó: revisa tu correo o el portal antes de intentarlo "
        "otra vez"
    )
    add_run("imss-nss", "success", {"nss": "12…03"}, day="2026-11-03")
    assert states(status_json("--as-of", "2026-11-03"))["nss"] == "done"


def test_an_unknown_send_to_a_portal_that_mails_nothing_is_checked_on_the_portal() -> None:
    """The CIA mails nothing we know of (its scenario waits for no link): «revisa tu correo»
    sent the student to look where nothing would come."""
    make_profile()
    add_run("itson-solicitud", "unknown", day="2026-11-02")
    solicitud = steps(status_json("--as-of", "2026-11-03"))["solicitud"]
    assert solicitud["state"] == "blocked"
    assert solicitud["why"] == (
        "no se supo si el último envío llegó: revisa en el portal si quedó registrado antes de "
        "intentarlo otra vez"
    )


# -- done, undo and bad input -----------------------------------------------------------------
def test_undo_takes_back_the_latest_mark() -> None:
    make_profile()
    autohelper_cmd("done", "solicitud", "--on", "2026-11-13")
    undone = autohelper_cmd("undo", "solicitud")
    assert undone.exit_code == 0, undone.output
    assert undone.stdout == (
        "Deshecho: solicitud (Solicitud del Seguro Facultativo en el CIA) ya no está marcado "
        "como hecho el viernes 13 de noviembre de 2026.\n"
    )
    assert states(status_json("--as-of", "2026-11-17"))["solicitud"] == "next"
    again = autohelper_cmd("undo", "solicitud")
    assert again.exit_code == 1
    assert again.stderr == "Error: «solicitud» no tiene una marca de hecho que deshacer.\n"
    rows = (
        sqlite3.connect(default_path()).execute("SELECT step, on_date, kind FROM marks").fetchall()
    )
    assert rows == [("solicitud", "2026-11-13", "done"), ("solicitud", rows[1][1], "undone")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("done", "solicitu"),
            "Error: «solicitu» no es un paso del procedimiento itson (¿quisiste decir "
            "'solicitud'?). Pasos: precondicion, nss, solicitud, espera, vigencia, umf.\n",
        ),
        (
            ("done", "entrega"),
            "Error: «entrega» es un paso del procedimiento escolar, pero tu perfil sigue el "
            "procedimiento itson (según tu institución). Pasos: precondicion, nss, solicitud, "
            "espera, vigencia, umf.\n",
        ),
        (
            ("done", "espera"),
            "Error: «espera» es una espera: termina sola, no se marca como hecha.\n",
        ),
        (
            ("done", "solicitud", "--on", "13/11/2026"),
            "Error: --on: «13/11/2026» no es una fecha AAAA-MM-DD; ¿quisiste decir 2026-11-13?\n",
        ),
        (
            ("status", "--as-of", "2026-02-30"),
            "Error: --as-of: «2026-02-30» no es una fecha: febrero de 2026 tiene 28 días, no hay "
            "día 30.\n",
        ),
        (
            ("next", "--as-of", "ayer"),
            "Error: --as-of: «ayer» no es una fecha AAAA-MM-DD (por ejemplo 2026-11-17).\n",
        ),
        (
            ("done", "solicitud", "--on", "9999-12-20"),
            "Error: --on: «9999-12-20» está fuera del rango aceptado: usa una fecha entre los "
            "años 2000 y 2100.\n",
        ),
        (
            ("status", "--json", "--as-of", "9999-12-31"),
            "Error: --as-of: «9999-12-31» está fuera del rango aceptado: usa una fecha entre los "
            "años 2000 y 2100.\n",
        ),
        (
            ("next", "--as-of", "1999-12-31"),
            "Error: --as-of: «1999-12-31» está fuera del rango aceptado: usa una fecha entre los "
            "años 2000 y 2100.\n",
        ),
        (
            ("--lang", "en", "done", "solicitud", "--on", "2101-01-01"),
            "Error: --on: “2101-01-01” is out of range: use a date from the year 2000 to 2100.\n",
        ),
    ],
)
def test_bad_input_is_named_without_a_traceback(args: tuple[str, ...], message: str) -> None:
    make_profile()
    result = autohelper_cmd(*args)
    assert result.exit_code == 1
    assert result.stderr == message
    assert result.stdout == ""


def test_bad_input_in_english() -> None:
    make_profile()
    result = autohelper_cmd("--lang", "en", "done", "confirmacion")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: “confirmacion” is a step of the procedure escolar, but your profile follows the "
        "procedure itson (from your institution). Steps: precondicion, nss, solicitud, espera, "
        "vigencia, umf.\n"
    )


def test_a_profile_without_an_institution_says_how_to_add_it(tmp_path: Path) -> None:
    make_profile(institution="")
    result = autohelper_cmd("status")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: Tu perfil no dice tu institución, y de ella depende el procedimiento. "
        "Agrégala con la línea de la tuya:\n  autohelper profile set institution=itson\n"
        "  autohelper profile set institution=escolar\n"
    )


def test_an_old_generic_profile_follows_the_escolar_procedure() -> None:
    path = prof.resolve_profile_path(None)
    path.parent.mkdir(parents=True)
    path.write_text(f"curp: {CURP}\ninstitution: generic\n", encoding="utf-8")
    path.chmod(0o600)
    assert status_json()["procedure"] == "escolar"


def test_marks_belong_to_their_profile() -> None:
    make_profile()
    make_profile("ana")
    autohelper_cmd("done", "solicitud", "--on", "2026-11-13", "--profile", "ana")
    assert states(status_json("--as-of", "2026-11-17"))["solicitud"] == "next"
    ana = status_json("--as-of", "2026-11-17", "--profile", "ana")
    assert states(ana)["solicitud"] == "done"
    assert ana["next"]["command"] == "autohelper run imss-vigencia --profile ana"


def test_a_mark_in_the_future_counts_from_its_day_and_says_so() -> None:
    make_profile()
    result = autohelper_cmd("done", "solicitud", "--on", "2099-01-05")
    assert result.exit_code == 0
    assert result.stderr == (
        "Aviso: el lunes 5 de enero de 2099 aún no llega; autohelper status lo tomará en cuenta "
        "desde ese día.\n"
    )
    assert states(status_json("--as-of", "2099-01-04"))["solicitud"] == "next"
    assert states(status_json("--as-of", "2099-01-05"))["solicitud"] == "done"


def test_marking_the_same_day_twice_needs_one_undo() -> None:
    """`done` saves before it prints: a person who saw no answer and ran it again must not be
    left with a mark that one `undo` does not take back."""
    make_profile()
    said = [autohelper_cmd("done", "solicitud", "--on", "2026-11-13") for _ in range(2)]
    assert [result.exit_code for result in said] == [0, 0]
    assert said[0].stdout.startswith("✔ Marcado como hecho: solicitud (")
    # The second says that nothing new was recorded, not that it marked it.
    assert said[1].stdout.startswith("✔ Ya estaba marcado como hecho: solicitud ("), said[1].stdout
    assert "No registré nada nuevo (un solo autohelper undo lo quita)." in said[1].stdout
    assert autohelper_cmd("undo", "solicitud").exit_code == 0
    assert states(status_json("--as-of", "2026-11-17"))["solicitud"] == "next"
    rows = sqlite3.connect(default_path()).execute("SELECT on_date, kind FROM marks").fetchall()
    assert [kind for _, kind in rows] == ["done", "undone"]
    # Another day is another mark: the latest counts, and undo goes back to the one before.
    autohelper_cmd("done", "solicitud", "--on", "2026-11-13")
    autohelper_cmd("done", "solicitud", "--on", "2026-11-16")
    assert steps(status_json("--as-of", "2026-11-17"))["solicitud"]["date"] == "2026-11-16"
    autohelper_cmd("undo", "solicitud")
    assert steps(status_json("--as-of", "2026-11-17"))["solicitud"]["date"] == "2026-11-13"


def test_a_mark_stored_with_a_far_date_does_not_crash_status(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A mark an older autohelper accepted (`--on 9999-12-29`), on a clock past it: the
    business-day arithmetic ends at the calendar's last day instead of overflowing."""
    import datetime

    from autohelper.status import standing

    make_profile()
    key = str(resolve_profile_path(None).resolve())
    Journal().record_mark(key, "itson", "solicitud", "9999-12-29", "done")
    monkeypatch.setattr(standing, "today", lambda: datetime.date(9999, 12, 31))
    data = status_json()
    assert steps(data)["solicitud"]["date"] == "9999-12-29"
    espera = steps(data)["espera"]  # 2 to 5 business days after: the calendar ends first
    assert (espera["from"], espera["until"]) == ("9999-12-31", "9999-12-31")
    ics = tmp_path / "r.ics"
    for args in (("status",), ("status", "--ics", str(ics)), ("next",)):
        result = autohelper_cmd(*args, input="n\n")
        assert result.exit_code == 0, (args, result.output)
    assert "BEGIN:VCALENDAR" in ics.read_text(encoding="utf-8")


_JOURNAL_REPAIR = "Para apartarlo sin borrarlo y empezar uno nuevo: autohelper journal repair\n"


@pytest.mark.parametrize(
    ("damage", "commands", "where"),
    [
        (
            "UPDATE marks SET on_date = '2026-13-45'",
            (("status",), ("status", "--json"), ("undo", "solicitud"), ("next",)),
            "la fila 1 de la tabla marks tiene un valor ilegible en «on_date»",
        ),
        (
            "UPDATE runs SET yields = '{not json'",
            (("status",), ("status", "--json")),
            "la fila 1 de la tabla runs tiene un valor ilegible en «yields»",
        ),
        (
            "UPDATE runs SET yields = '[1, 2]'",
            (("status",),),
            "la fila 1 de la tabla runs tiene un valor ilegible en «yields»",
        ),
        (
            "UPDATE runs SET ended_at = 'ayer'",
            (("status",),),
            "la fila 1 de la tabla runs tiene un valor ilegible en «ended_at»",
        ),
    ],
)
def test_a_damaged_journal_row_points_to_journal_repair(
    damage: str, commands: tuple[tuple[str, ...], ...], where: str
) -> None:
    make_profile()
    autohelper_cmd("done", "solicitud", "--on", "2026-11-13")
    add_run("itson-solicitud", "success", {"folio": FOLIO}, day="2026-11-13")
    with sqlite3.connect(default_path()) as db:
        db.execute(damage)
    for args in commands:
        result = autohelper_cmd(*args)
        assert result.exit_code == 1, (args, result.output)
        assert result.stderr == (
            f"Error: El diario {default_path()} está dañado: {where}. {_JOURNAL_REPAIR}"
        )
    repaired = autohelper_cmd("journal", "repair")
    assert repaired.exit_code == 0, repaired.output
    assert repaired.stdout.startswith("Aparté el diario anterior en ")
    assert states(status_json("--as-of", "2026-11-17"))["solicitud"] == "next"


# -- the terminal, HTML and calendar renderings --------------------------------------------------
def test_terminal_output_in_spanish() -> None:
    make_profile()
    autohelper_cmd("done", "solicitud", "--on", "2026-11-13")
    result = autohelper_cmd("status", "--as-of", "2026-11-17")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "Seguro Facultativo en el ITSON (guía 004)",
        "Al martes 17 de noviembre de 2026",
        "",
        "  ✔ precondicion  No tener otro seguro médico",
        "                  hecho (según tu perfil)",
        "  – nss           Tu Número de Seguridad Social (NSS)",
        "                  omitido: tu perfil ya tiene tu NSS",
        "  ✔ solicitud     Solicitud del Seguro Facultativo en el CIA",
        "                  hecho el viernes 13 de noviembre",
        "  … espera        Espera de 2 a 5 días hábiles",
        "                  del miércoles 18 de noviembre al lunes 23 de noviembre (días hábiles) · "
        "empieza en 1 día(s) hábil(es)",
        "  · vigencia      Consultar tu vigencia de derechos",
        "                  pendiente · a partir del miércoles 18 de noviembre",
        "  · umf           Alta en tu clínica (UMF)",
        "                  pendiente",
        "",
        "Lo que sigue: Consultar tu vigencia de derechos (a partir del miércoles 18 de noviembre "
        "de 2026)",
        "  Pide tu constancia de vigencia al IMSS; debes aparecer con derecho al servicio médico "
        "y con el ITSON como último patrón.",
        "  Comando: autohelper run imss-vigencia",
    ]


def test_sin_derecho_checked_before_the_wait_ended_means_check_again_now() -> None:
    """A check made before the wait's last business day only said "not yet", even once the
    wait is over: check again now, not blocked, no message claiming "after the wait"
    (audit A2). The same day as the request, and the wait's last day, both count as before."""
    make_profile()
    autohelper_cmd("done", "solicitud", "--on", "2026-11-24")  # wait: 26 Nov to 1 Dec
    for day in ("2026-11-24", "2026-12-01"):
        add_run("imss-vigencia", "success", {"verdict": "sin_derecho"}, day=day)
        data = status_json("--as-of", "2026-12-02")
        vigencia = steps(data)["vigencia"]
        assert vigencia["state"] == "next", day
        assert vigencia["last_run"]["date"] == day
        assert data["next"]["step"] == "vigencia"  # to check again, not blocked
    terminal = autohelper_cmd("status", "--as-of", "2026-12-02").stdout
    assert (
        "el martes 1 de diciembre, antes de que terminara la espera, aún no aparecías con "
        "derecho: vuelve a consultar ahora" in terminal
    )
    english = autohelper_cmd("--lang", "en", "status", "--as-of", "2026-12-02").stdout
    assert "before the wait was over, you were not covered yet: check again now" in english
    add_run("imss-vigencia", "success", {"verdict": "sin_derecho"}, day="2026-12-02")
    after = status_json("--as-of", "2026-12-02")
    assert states(after)["vigencia"] == "blocked"
    assert after["contacts"] == ITSON_CONTACTS


def test_terminal_blocked_in_english_masks_the_message_unless_revealed() -> None:
    make_profile()
    autohelper_cmd("done", "solicitud", "--on", "2026-11-13")
    add_run("imss-vigencia", "success", {"verdict": "sin_derecho"}, day="2026-11-24")
    masked = autohelper_cmd("--lang", "en", "status", "--as-of", "2026-11-24").stdout
    assert "Something is blocked. Contact ITSON help desk:" in masked
    assert "  Email: mesadeayuda@itson.edu.mx (hours 8:00-16:00)" in masked
    # The message is the help desk's to read: in Spanish, said so in the person's language.
    assert "Message ready to copy, in Spanish for the help desk (your data is hidden" in masked
    assert "  | Soy G… H… G…, ID …345." in masked
    assert "  | Hola, buen día." in masked and "My name is" not in masked
    assert "GLORIA" not in masked and STUDENT_ID not in masked
    revealed = autohelper_cmd("--lang", "en", "status", "--as-of", "2026-11-24", "--reveal")
    assert "  | Soy GLORIA HERNANDEZ GARCIA, ID 00000012345." in revealed.stdout


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_html_and_ics_files_are_private_and_hold_no_raw_personal_data(tmp_path: Path) -> None:
    make_profile()
    add_run("itson-solicitud", "success", {"folio": FOLIO}, day="2026-11-13")
    page, ics = tmp_path / "estado.html", tmp_path / "recordatorios.ics"
    page.write_text("<!doctype html><p>old</p>", encoding="utf-8")  # an earlier page
    page.chmod(0o644)  # an existing, readable file becomes private too
    result = autohelper_cmd(
        "status", "--as-of", "2026-11-17", "--html", str(page), "--ics", str(ics)
    )
    assert result.exit_code == 0, result.output
    assert f"Página guardada en {page} (solo tú puedes leerla)." in result.stdout
    assert (_mode(page), _mode(ics)) == (0o600, 0o600)
    calendar = ics.read_text(encoding="utf-8")
    assert "DTSTART;VALUE=DATE:20261118" in calendar  # the first day to check the vigencia
    assert "DTSTART;VALUE=DATE:20261123" in calendar  # the last day of the wait
    assert calendar.count("BEGIN:VEVENT") == 2 and calendar.count("BEGIN:VALARM") == 2
    for raw in (CURP, NSS, EMAIL, STUDENT_ID, FOLIO, "GLORIA", "HERNANDEZ"):
        assert raw not in page.read_text(encoding="utf-8")
        assert raw not in calendar
    assert "folio 4…2" in page.read_text(encoding="utf-8")


def test_json_with_files_keeps_stdout_pure_json(tmp_path: Path) -> None:
    make_profile()
    result = autohelper_cmd("status", "--json", "--ics", str(tmp_path / "r.ics"))
    assert result.exit_code == 0
    json.loads(result.stdout)
    assert "r.ics" in result.stderr


def test_status_imports_no_playwright(tmp_path: Path) -> None:
    make_profile()
    env = {**os.environ, "LANG": "C.UTF-8"}
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "autohelper", "status", "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["procedure"] == "itson"
    imported = [line for line in proc.stderr.splitlines() if line.startswith("import time:")]
    assert any("autohelper.status.timeline" in line for line in imported)
    assert not [line for line in imported if "playwright" in line]
    assert not [line for line in imported if "icalendar" in line]  # only with --ics


# -- next -----------------------------------------------------------------------------------------
def test_next_explains_a_manual_step_and_marks_it_done_on_yes() -> None:
    make_profile(institution="escolar")
    result = autohelper_cmd("next", "--as-of", "2026-09-15", input="s\n")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Lo que sigue: Entregar tu NSS en Servicios Escolares"
    assert "  Dónde: Departamento de Servicios Escolares de tu escuela" in lines
    assert lines[-1] == (
        "✔ Marcado como hecho: entrega (Entregar tu NSS en Servicios Escolares), "
        "el martes 15 de septiembre de 2026."
    )
    data = status_json("--as-of", "2026-09-15")
    assert steps(data)["entrega"]["date"] == "2026-09-15"


def test_next_before_its_day_says_when_and_asks_nothing() -> None:
    make_profile()
    autohelper_cmd("done", "solicitud", "--on", "2026-11-13")
    result = autohelper_cmd("next", "--as-of", "2026-11-17")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == (
        "Todavía no: podrás hacerlo a partir del miércoles 18 de noviembre de 2026."
    )


def test_next_declined_runs_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    import autohelper.session

    def no_session(*_: Any, **__: Any) -> None:
        raise AssertionError("a session was started")

    monkeypatch.setattr(autohelper.session, "run_session", no_session)
    make_profile(nss="")
    result = autohelper_cmd("next", input="n\n")
    assert result.exit_code == 0, result.output
    assert "  Comando: autohelper run imss-nss" in result.stdout
    assert "¿Lo corro ahora? (autohelper run imss-nss)" in result.stdout


def test_next_on_yes_hands_the_scenario_to_run(monkeypatch: pytest.MonkeyPatch) -> None:
    import autohelper.session

    started: list[Any] = []

    class _Result:
        status, message, yields, documents = "success", "Listo.", {}, {}

    class _Outcome:
        result, saveable = _Result(), {}

    def fake_session(request: Any, **_: Any) -> _Outcome:
        started.append(request)
        return _Outcome()

    monkeypatch.setattr(autohelper.session, "run_session", fake_session)
    make_profile(nss="")
    result = autohelper_cmd("next", "--profile", "default", input="s\n")
    assert result.exit_code == 0, result.output
    assert [(r.scenario, r.against, r.profile) for r in started] == [
        ("imss-nss", "live", "default")
    ]


def test_next_when_blocked_shows_whom_to_contact_and_asks_nothing() -> None:
    make_profile(has_other_insurance="sí")
    result = autohelper_cmd("next")
    assert result.exit_code == 0, result.output
    assert "Algo está detenido. Contacta a Mesa de ayuda del ITSON:" in result.stdout
    assert "  Teléfono: 6444-410-90-04 (horario 8:00-16:00)" in result.stdout
    assert "¿" not in result.stdout.split("Mensaje listo")[0]  # no question before the message


def test_other_insurance_is_fixed_in_the_profile_never_marked_done() -> None:
    """A profile saying "other insurance" is not overridden by `done precondicion`: `next`
    offers no `done` but the `profile set` (with the profile named), and `done` refuses,
    naming the field (audit A4)."""
    make_profile("ins", has_other_insurance="sí")
    data = status_json("--profile", "ins")
    assert data["next"]["step"] == "precondicion"
    assert data["next"]["done_command"] is None
    assert data["next"]["profile_command"] == (
        "autohelper profile set has_other_insurance=no --profile ins"
    )
    shown = autohelper_cmd("next", "--profile", "ins").stdout
    assert "autohelper done precondicion" not in shown
    assert (
        "  Si tu perfil está mal, corrígelo: autohelper profile set has_other_insurance=no "
        "--profile ins. Si está bien, no lo marques como hecho: pregunta tus dudas a Mesa de "
        "ayuda del ITSON." in shown
    )
    refused = autohelper_cmd("done", "precondicion", "--profile", "ins")
    assert refused.exit_code == 1
    assert (
        "No marco «precondicion» como hecho: tu perfil dice lo contrario "
        "(has_other_insurance=yes). Si tu perfil está mal, corrígelo: autohelper profile set "
        "has_other_insurance=no --profile ins" in refused.stderr
    )
    english = autohelper_cmd("--lang", "en", "done", "precondicion", "--profile", "ins")
    assert "I will not mark “precondicion” done: your profile says otherwise" in english.stderr
    key = str(resolve_profile_path("ins").resolve())  # a mark an older autohelper recorded
    Journal().record_mark(key, "itson", "precondicion", "2026-11-20", "done")
    assert states(status_json("--profile", "ins"))["precondicion"] == "blocked"
    fixed = autohelper_cmd("profile", "set", "has_other_insurance=no", "--profile", "ins")
    assert fixed.exit_code == 0, fixed.output
    assert states(status_json("--profile", "ins"))["precondicion"] == "done"


def test_all_done_has_no_next_step() -> None:
    make_profile(institution="escolar")
    for step in ("entrega", "confirmacion", "vigencia", "umf"):
        assert autohelper_cmd("done", step, "--on", "2026-09-15").exit_code == 0
    data = status_json("--as-of", "2026-09-16")
    assert set(states(data).values()) == {"done", "skipped"}
    assert data["next"] is None
    result = autohelper_cmd("next", "--as-of", "2026-09-16")
    assert result.stdout == "¡Listo! Terminaste todos los pasos del trámite.\n"


def test_status_reads_without_creating_a_journal() -> None:
    make_profile()
    assert status_json()["procedure"] == "itson"
    assert not default_path().exists()


def test_only_this_students_runs_count_on_a_shared_machine() -> None:
    make_profile()
    make_profile("hermana")
    mine = str(resolve_profile_path("default").resolve())
    theirs = str(resolve_profile_path("hermana").resolve())
    add_run("imss-vigencia", "success", {"verdict": "vigente"}, profile=theirs)
    steps = {step["id"]: step["state"] for step in status_json("--as-of", "2026-11-20")["steps"]}
    assert steps["vigencia"] != "done"
    add_run("imss-vigencia", "success", {"verdict": "vigente"}, profile=mine)
    steps = {step["id"]: step["state"] for step in status_json("--as-of", "2026-11-20")["steps"]}
    assert steps["vigencia"] == "done"
    hers = status_json("--as-of", "2026-11-20", "--profile", "hermana")["steps"]
    assert {step["id"]: step["state"] for step in hers}["vigencia"] == "done"


# -- undo of what a run did; a day out of order -----------------------------------------------
def _marks() -> list[tuple[str, str, str]]:
    if not default_path().exists():
        return []
    with sqlite3.connect(default_path()) as db:
        return db.execute("SELECT step, on_date, kind FROM marks ORDER BY id").fetchall()


def test_undo_of_a_step_a_run_did_says_so_and_undoes_nothing() -> None:
    make_profile(nss="")
    add_run("imss-nss", "success", {"nss": "12…03"}, day="2026-11-03")
    result = autohelper_cmd("undo", "nss")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: «nss» no tiene una marca tuya que deshacer: lo hizo la corrida del martes 3 de "
        "noviembre de 2026 (autohelper run imss-nss), y undo no puede desmarcar lo que hizo el "
        "portal.\n"
    )
    english = autohelper_cmd("--lang", "en", "undo", "nss")
    assert english.exit_code == 1
    assert english.stderr == (
        "Error: “nss” has no mark of yours to take back: the run of Tuesday 3 November 2026 "
        "did it (autohelper run imss-nss), and undo cannot unmark what the portal did.\n"
    )
    assert _marks() == []
    nss = steps(status_json("--as-of", "2026-11-17"))["nss"]
    assert (nss["state"], nss["via"], nss["date"]) == ("done", "run", "2026-11-03")


def test_undo_of_a_mark_over_a_run_takes_the_mark_back_and_says_the_run_keeps_it_done() -> None:
    make_profile()
    add_run("itson-solicitud", "success", {"folio": FOLIO}, day="2026-11-13")
    assert autohelper_cmd("done", "solicitud", "--on", "2026-11-12").exit_code == 0
    assert steps(status_json("--as-of", "2026-11-17"))["solicitud"]["date"] == "2026-11-12"
    result = autohelper_cmd("undo", "solicitud")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "Deshecho: solicitud (Solicitud del Seguro Facultativo en el CIA) ya no está marcado "
        "como hecho el jueves 12 de noviembre de 2026.",
        "Sigue hecho: lo hizo la corrida del viernes 13 de noviembre de 2026 (autohelper run "
        "itson-solicitud). undo solo quita lo que marcaste con autohelper done; no puede "
        "desmarcar lo que hizo el portal.",
    ]
    solicitud = steps(status_json("--as-of", "2026-11-17"))["solicitud"]
    assert (solicitud["state"], solicitud["via"], solicitud["date"]) == (
        "done",
        "run",
        "2026-11-13",
    )
    # Nothing of the student's is left: the second undo is refused, naming the run.
    again = autohelper_cmd("--lang", "en", "undo", "solicitud")
    assert again.exit_code == 1
    assert "the run of Friday 13 November 2026 did it (autohelper run itson-solicitud)" in (
        again.stderr
    )
    assert [kind for _, _, kind in _marks()] == ["done", "undone"]


def test_undo_says_what_still_keeps_a_step_done_an_earlier_mark_or_the_profile() -> None:
    make_profile()
    autohelper_cmd("done", "solicitud", "--on", "2026-11-13")
    autohelper_cmd("done", "solicitud", "--on", "2026-11-16", "--profile", "default")
    result = autohelper_cmd("undo", "solicitud", "--profile", "default")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == (
        "Sigue marcado como hecho el viernes 13 de noviembre de 2026 (una marca anterior); "
        "para quitarla también: autohelper undo solicitud --profile default"
    )
    # The precondition is done by the profile (no other insurance): undo cannot change that.
    profile_done = autohelper_cmd("undo", "precondicion")
    assert profile_done.exit_code == 1
    assert profile_done.stderr == (
        "Error: «precondicion» no tiene una marca tuya que deshacer: está hecho según tu perfil "
        "(autohelper profile show). Si tu perfil no es correcto, corrígelo con autohelper "
        "profile set.\n"
    )


def test_a_day_before_the_request_a_wait_follows_is_refused_naming_both_days() -> None:
    """The coverage comes from the request, 2 to 5 business days after it: a vigencia or a
    clinic registration before it cannot be; one of the two dates is mistyped."""
    make_profile()
    assert autohelper_cmd("done", "solicitud", "--on", "2026-11-13").exit_code == 0
    result = autohelper_cmd("done", "umf", "--on", "2026-11-10")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: «umf» no puede quedar hecho el martes 10 de noviembre de 2026: «solicitud» "
        "(Solicitud del Seguro Facultativo en el CIA) va antes y está marcado como hecho el "
        "viernes 13 de noviembre de 2026. Revisa la fecha y márcalo con la correcta: autohelper "
        "done umf --on AAAA-MM-DD. Si la fecha equivocada es la de «solicitud»: autohelper undo "
        "solicitud, y márcalo con la correcta.\n"
    )
    assert result.stdout == ""
    english = autohelper_cmd("--lang", "en", "done", "vigencia", "--on", "2026-11-12")
    assert english.exit_code == 1
    assert english.stderr.startswith(
        "Error: “vigencia” cannot be done on Thursday 12 November 2026: “solicitud” (Seguro "
        "Facultativo request in the CIA) comes first and was marked done on Friday 13 November "
        "2026."
    )
    assert _marks() == [("solicitud", "2026-11-13", "done")]
    assert states(status_json("--as-of", "2026-11-17"))["umf"] == "todo"
    # The same day is in order.
    assert autohelper_cmd("done", "vigencia", "--on", "2026-11-13").exit_code == 0


def test_a_request_after_what_a_run_did_after_it_is_refused() -> None:
    make_profile(institution="escolar")
    add_run("imss-vigencia", "success", {"verdict": "vigente"}, day="2026-09-17")
    result = autohelper_cmd("done", "entrega", "--on", "2026-09-18", "--profile", "default")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: «entrega» no puede quedar hecho el viernes 18 de septiembre de 2026: «vigencia» "
        "(Consultar tu vigencia de derechos) va después y está hecho por la corrida del jueves "
        "17 de septiembre de 2026 (autohelper run imss-vigencia --profile default). Revisa la "
        "fecha y márcalo con la correcta: autohelper done entrega --on AAAA-MM-DD --profile "
        "default.\n"
    )
    assert _marks() == []
    assert autohelper_cmd("done", "entrega", "--on", "2026-09-15").exit_code == 0


def test_a_day_out_of_the_usual_order_is_recorded_with_a_note() -> None:
    """Without a window between them the order is only the usual one: the student may have had
    their NSS before finding it with the tool, or registered at the clinic before asking for
    the constancia."""
    make_profile(nss="")
    add_run("imss-nss", "success", {"nss": "12…03"}, day="2026-11-20")
    result = autohelper_cmd("done", "solicitud", "--on", "2026-11-13")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "Aviso: el viernes 13 de noviembre de 2026 es antes de «nss» (Tu Número de Seguridad "
        "Social (NSS)), que suele ir primero y está hecho por la corrida del viernes 20 de "
        "noviembre de 2026 (autohelper run imss-nss). Si así fue, está bien; si la fecha es un "
        "error: autohelper undo solicitud, y márcalo con la correcta.\n"
    )
    add_run("imss-vigencia", "success", {"verdict": "vigente"}, day="2026-11-25")
    english = autohelper_cmd("--lang", "en", "done", "umf", "--on", "2026-11-24")
    assert english.exit_code == 0, english.output
    assert english.stderr == (
        "Note: Tuesday 24 November 2026 is before “vigencia” (Check your coverage (vigencia de "
        "derechos)), which usually comes first and was done by the run of Wednesday 25 November "
        "2026 (autohelper run imss-vigencia). If that is how it went, fine; if the date is a "
        "mistake: autohelper undo umf, then mark it with the right one.\n"
    )
    data = steps(status_json("--as-of", "2026-11-26"))
    assert (data["solicitud"]["date"], data["umf"]["date"]) == ("2026-11-13", "2026-11-24")


def test_next_refuses_to_mark_a_step_after_what_came_after_it() -> None:
    make_profile(institution="escolar")
    add_run("imss-vigencia", "success", {"verdict": "vigente"}, day="2026-09-17")
    result = autohelper_cmd("next", "--as-of", "2026-09-18", input="s\n")
    assert result.exit_code == 1
    assert result.stdout.startswith("Lo que sigue: Entregar tu NSS en Servicios Escolares\n")
    assert result.stderr.startswith(
        "Error: «entrega» no puede quedar hecho el viernes 18 de septiembre de 2026: «vigencia» "
    )
    assert _marks() == []


def test_a_request_a_run_found_already_filed_takes_the_day_it_was_really_filed() -> None:
    make_profile()
    add_run("itson-solicitud", "success", {"already_filed": "true"}, day="2026-11-20")
    refused = autohelper_cmd("done", "vigencia", "--on", "2026-11-18")
    assert refused.exit_code == 1
    assert refused.stderr.endswith(
        "Si «solicitud» se hizo antes de esa corrida, marca el día en que lo hiciste: "
        "autohelper done solicitud --on AAAA-MM-DD.\n"
    )
    assert autohelper_cmd("done", "solicitud", "--on", "2026-11-10").exit_code == 0
    accepted = autohelper_cmd("done", "vigencia", "--on", "2026-11-18")
    assert accepted.exit_code == 0, accepted.output
    assert accepted.stderr == ""


def test_a_yes_no_yield_is_said_in_the_persons_language() -> None:
    """The journal keeps the portal's "si": status says "sí" (with its accent) or "yes", and
    a verdict's code in words."""
    make_profile()
    autohelper_cmd("done", "solicitud", "--on", "2026-11-13")
    yields = {"verdict": "vigente", "con_derecho": "si", "situacion": "VIGENTE"}
    add_run("imss-vigencia", "success", yields, day="2026-11-20")
    spanish = autohelper_cmd("status", "--as-of", "2026-11-20").stdout
    assert "resultado vigente · con derecho sí · situación VIGENTE" in spanish
    english = autohelper_cmd("--lang", "en", "status", "--as-of", "2026-11-20").stdout
    assert "result in force (vigente) · entitled yes · situation VIGENTE" in english
    assert steps(status_json("--as-of", "2026-11-20"))["vigencia"]["yields"] == yields  # as kept


def test_done_and_undo_show_the_run_command_with_the_profile_given() -> None:
    """A command shown for one student's profile keeps their `--profile`: without it, it would
    act on the default profile (another student's, on a shared machine)."""
    make_profile("ana")
    add_run("imss-vigencia", "success", {"verdict": "vigente"}, day="2026-11-20")
    undo = autohelper_cmd("undo", "vigencia", "--profile", "ana")
    assert undo.exit_code == 1
    assert "autohelper run imss-vigencia --profile ana" in undo.stderr


# -- commands in a procedure's texts name the profile (`{profile}`) ----------------------------
def test_a_blocked_steps_why_names_the_profile_in_the_row_and_the_json() -> None:
    """The precondition's text shows `profile set has_other_insurance=no` with the profile
    named, in the row, in `--json` and in English, as the next-step line does: never once with
    and once without. The default profile gets no suffix."""
    make_profile("wiz2", has_other_insurance="sí")
    fix = "autohelper profile set has_other_insurance=no"
    shown = autohelper_cmd("status", "--profile", "wiz2")
    assert shown.exit_code == 0, shown.output
    assert shown.stdout.count(f"{fix} --profile wiz2") == 2  # the row and what comes next
    assert shown.stdout.count(fix) == 2
    row = shown.stdout.splitlines()[4].strip()
    assert row.endswith(f"Si ya no lo tienes, corrige tu perfil: {fix} --profile wiz2")
    why = steps(status_json("--profile", "wiz2"))["precondicion"]["why"]
    assert why.endswith(f"corrige tu perfil: {fix} --profile wiz2")
    english = autohelper_cmd("--lang", "en", "status", "--json", "--profile", "wiz2")
    why_en = steps(json.loads(english.stdout))["precondicion"]["why"]
    assert why_en.endswith(f"If you no longer have it, fix your profile: {fix} --profile wiz2")
    make_profile(has_other_insurance="sí")
    default_why = steps(status_json())["precondicion"]["why"]
    assert default_why.endswith(f"corrige tu perfil: {fix}")


def test_every_command_in_the_bundled_procedures_texts_takes_the_profile() -> None:
    """A command a procedure's text shows ends with `{profile}`, so that it gets the profile
    named: each `autohelper ` in a text is matched by one ` --profile NAME` once filled."""
    from autohelper.status.procedure import filled, procedure_paths
    from autohelper.status.procedure_loader import load_procedure

    seen = 0
    for path in procedure_paths():
        for step in load_procedure(path).steps:
            rules = (*step.skipped_when, *step.blocked_when, *step.in_person_when)
            for rule in rules:
                for text in (rule.why, rule.tell, rule.where, rule.bring):
                    for value in filled(text or {}, " --profile ana").values():
                        seen += value.count("autohelper ")
                        assert value.count("autohelper ") == value.count(" --profile ana"), value
    assert seen >= 6  # itson's precondition and vigencia, escolar's vigencia, both languages


def test_a_procedure_text_with_an_unknown_placeholder_is_refused(tmp_path: Path) -> None:
    from autohelper.status.procedure_loader import parse_procedure

    text = (ROOT / "scenarios" / "procedures" / "itson.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "itson.yaml"
    bad.write_text(
        text.replace(
            'has_other_insurance=no{profile}"', 'has_other_insurance=no{perfil}"', 1
        ).replace("es: No tener otro seguro médico", "es: No tener otro seguro {profile}", 1),
        encoding="utf-8",
    )
    _, problems = parse_procedure(bad, "es")
    assert len(problems) == 2, problems
    assert problems[0].startswith(f"{bad}:33:32: ")  # the title: no placeholder outside a rule
    assert "{profile} no se reemplaza por nada" in problems[0]
    assert problems[1].startswith(f"{bad}:44:")
    assert (
        "{perfil} no se reemplaza por nada y se mostraría tal cual: el único marcador es "
        in (problems[1])
    )
    assert problems[1].endswith("y solo en why, tell, where, bring")


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_calendar_names_the_language_of_its_text(tmp_path: Path, lang: str) -> None:
    make_profile()
    ics = tmp_path / "r.ics"
    result = autohelper_cmd("--lang", lang, "status", "--ics", str(ics))
    assert result.exit_code == 0, result.output
    assert f"PRODID:-//autohelper//status//{lang.upper()}" in ics.read_text(encoding="utf-8")

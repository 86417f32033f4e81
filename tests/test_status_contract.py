"""`autohelper status` against the words of its contract (DESIGN.md, "Journal and status";
docs/status.md): `nss` skipped whenever the profile has an NSS or `nss_from_employer`, a step
after a blocked one left `todo`, and the end of a run never promising that `autohelper next`
starts a step it would not start."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from test_status import (
    CURP,
    ITSON_CONTACTS,
    NSS,
    STUDENT_ID,
    add_run,
    autohelper_cmd,
    make_profile,
    states,
    steps,
)
from test_status import status_json as status

from autohelper.status.standing import StatusRequest, current_timeline
from autohelper.status.terminal import after_run_lines

EMPLOYER_WHY = {
    "itson": "ya tienes un NSS que te dio un empleador",
    "escolar": "ya tienes un NSS de un trabajo: solo llévalo a Servicios Escolares",
}


@pytest.fixture(autouse=True)
def _no_profile_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AUTOHELPER_PROFILE", raising=False)


# -- nss skipped: the profile has an NSS, or one from an employer -------------------------------
@pytest.mark.parametrize("institution", ["itson", "escolar"])
@pytest.mark.parametrize(
    ("fields", "why"),
    [
        ({"nss": NSS, "nss_from_employer": "no"}, "tu perfil ya tiene tu NSS"),
        ({"nss": "", "nss_from_employer": "yes"}, None),
    ],
)
def test_nss_is_skipped_when_the_profile_has_an_nss_or_one_from_an_employer(
    institution: str, fields: dict[str, str], why: str | None
) -> None:
    make_profile("emp", institution=institution, **fields)
    nss = steps(status("--profile", "emp", "--as-of", "2026-11-17"))["nss"]
    assert nss["state"] == "skipped"
    assert nss["why"] == (why or EMPLOYER_WHY[institution])


def test_the_design_example_holds_for_an_nss_from_an_employer_not_saved() -> None:
    """DESIGN.md's JSON example (ITSON, the request done on 13 November, 17 November) for a
    student whose NSS came from an employer and is not in the profile."""
    make_profile("emp", nss="", nss_from_employer="yes")
    assert (
        autohelper_cmd("done", "solicitud", "--on", "2026-11-13", "--profile", "emp").exit_code == 0
    )
    data = status("--profile", "emp", "--as-of", "2026-11-17")
    assert states(data) == {
        "precondicion": "done",
        "nss": "skipped",
        "solicitud": "done",
        "espera": "waiting",
        "vigencia": "todo",
        "umf": "todo",
    }
    assert (data["next"]["step"], data["next"]["not_before"]) == ("vigencia", "2026-11-18")
    assert data["next"]["command"] == "autohelper run imss-vigencia --profile emp"
    # More keys than the example's: the vigencia's run needs the NSS the profile lacks.
    assert data["next"]["save_command"] == "autohelper profile set nss=... --profile emp"


def test_the_request_after_an_employers_nss_not_saved_says_to_save_it_first(
    tmp_path: Path,
) -> None:
    """The audit's profile, as typed: `nss` skipped, the request next, with how to save the
    NSS (and the run that finds it) in both languages, the profile named in every command."""
    assert (
        autohelper_cmd(
            "profile",
            "set",
            "--profile",
            "emp",
            "curp=HEGG560427MVZRRL04",
            "email=a@example.com",
            "names=GLORIA",
            "first_surname=HERNANDEZ",
            "institution=itson",
            "has_other_insurance=no",
            "nss_from_employer=yes",
        ).exit_code
        == 0
    )
    data = status("--profile", "emp", "--as-of", "2026-11-17")
    assert states(data)["nss"] == "skipped"
    assert data["next"] == {
        "step": "solicitud",
        "state": "next",
        "kind": "scenario",
        "title": "Solicitud del Seguro Facultativo en el CIA",
        "command": "autohelper run itson-solicitud --profile emp",
        "not_before": None,
        "done_command": "autohelper done solicitud --profile emp",
        "save_command": "autohelper profile set nss=... --profile emp",
        "find_command": "autohelper run imss-nss --profile emp",
    }
    page = tmp_path / "tramite.html"
    assert autohelper_cmd("status", "--profile", "emp", "--html", str(page)).exit_code == 0
    assert "Antes guarda tu NSS en tu perfil (este paso lo necesita)" in page.read_text()
    english = autohelper_cmd("--lang", "en", "status", "--profile", "emp").stdout
    assert "  First save your NSS in your profile (this step needs it): " in english
    assert "If you do not know it, autohelper run imss-nss --profile emp finds it." in english


# -- a step after a blocked one ---------------------------------------------------------------
def test_a_clinic_visit_after_a_vigencia_without_rights_is_todo_not_in_person() -> None:
    """The clinic refused the registration online (a visit), and then the constancia said "sin
    derecho" after the wait: the vigencia is blocked, so the clinic is not offered yet."""
    make_profile()
    autohelper_cmd("done", "solicitud", "--on", "2026-11-13")
    add_run("imss-umf", "in_person", day="2026-11-20")
    add_run("imss-vigencia", "error", {"verdict": "sin_derecho"}, day="2026-11-25")
    data = status("--as-of", "2026-11-26")
    assert states(data)["vigencia"] == "blocked"
    umf = steps(data)["umf"]
    assert umf["state"] == "todo"
    assert "where" not in umf and "bring" not in umf
    assert umf["last_run"]["status"] == "in_person"  # what happened is still shown
    assert data["next"]["step"] == "vigencia"
    assert data["contacts"] == ITSON_CONTACTS
    shown = autohelper_cmd("status", "--as-of", "2026-11-26").stdout
    assert "  · umf           Alta en tu clínica (UMF)\n                  pendiente\n" in shown
    # Once the vigencia is done, the visit is what comes next again.
    add_run("imss-vigencia", "success", {"verdict": "vigente"}, day="2026-11-27")
    later = status("--as-of", "2026-11-27")
    assert states(later)["umf"] == "in_person"
    assert (later["next"]["step"], later["next"]["state"]) == ("umf", "in_person")


def test_a_clinic_visit_before_the_request_is_todo() -> None:
    make_profile()
    add_run("imss-umf", "in_person", day="2026-11-10")
    data = status("--as-of", "2026-11-11")
    assert states(data)["umf"] == "todo"
    assert data["next"]["step"] == "solicitud"


# -- the end of a run ---------------------------------------------------------------------------
def _after_run(profile: str, lang: str, mirror: str | None = None) -> list[str]:
    request = StatusRequest(profile, datetime.date(2026, 11, 26), False, f" --profile {profile}")
    return after_run_lines(current_timeline(request), lang, mirror)


def test_the_end_of_a_run_blocked_shows_what_happened_and_the_contacts_not_next() -> None:
    make_profile("ana")
    autohelper_cmd("done", "solicitud", "--on", "2026-11-13", "--profile", "ana")
    add_run("imss-vigencia", "error", {"verdict": "sin_derecho"}, day="2026-11-25")
    lines = _after_run("ana", "es", mirror="http://127.0.0.1:9")
    text = "\n".join(lines)
    assert "autohelper next" not in text
    assert "espejo" not in text  # nothing `next` would run on the real portal
    assert (
        "  Qué pasó: Ya pasó la espera y sigues apareciendo sin derecho al servicio médico. "
        "Escribe a la mesa de ayuda del ITSON." in lines
    )
    assert "Algo está detenido. Contacta a Mesa de ayuda del ITSON:" in lines
    assert "  Correo: mesadeayuda@itson.edu.mx (horario 8:00-16:00)" in lines
    assert "  | Soy G… H… G…, ID …345." in lines  # the message, masked
    assert all(word not in text for word in ("GLORIA", "HERNANDEZ", STUDENT_ID, CURP))
    assert lines[-1] == "autohelper status --profile ana muestra todo tu trámite."
    english = _after_run("ana", "en")
    assert "autohelper next" not in "\n".join(english)
    assert (
        "  What happened: The wait is over and you still show as not covered. Write to the "
        "ITSON help desk." in english
    )
    assert english[-1] == "autohelper status --profile ana shows your whole procedure."


def test_the_end_of_a_run_with_a_step_to_do_still_says_next_starts_it() -> None:
    make_profile("ana")
    autohelper_cmd("done", "solicitud", "--on", "2026-11-13", "--profile", "ana")
    lines = _after_run("ana", "es", mirror="http://127.0.0.1:9")
    assert lines[0].startswith("Esta vez practicaste contra el espejo http://127.0.0.1:9")
    assert "  Comando: autohelper run imss-vigencia --profile ana" in lines
    assert lines[-1] == (
        "  autohelper next --profile ana lo inicia; autohelper status --profile ana muestra "
        "todo tu trámite."
    )


def test_a_run_ending_blocked_does_not_promise_that_next_starts_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What `run` prints after a live run (`next_after_run`) is `after_run_lines`: a blocked
    step says what happened and whom to contact, never "autohelper next lo inicia"."""
    from autohelper.cli import status as status_cli

    make_profile("ana")
    autohelper_cmd("done", "solicitud", "--on", "2026-11-13", "--profile", "ana")
    add_run("imss-vigencia", "error", {"verdict": "sin_derecho"}, day="2026-11-25")
    monkeypatch.setattr(status_cli, "_today", lambda: datetime.date(2026, 11, 26))
    lines = status_cli.next_after_run("ana", "live")
    assert "autohelper next" not in "\n".join(lines)
    assert any(line.startswith("  Qué pasó: ") for line in lines), lines
    assert lines[-1] == "autohelper status --profile ana muestra todo tu trámite."


def test_after_a_later_step_the_earlier_one_missing_is_said_as_earlier_with_how_to_mark_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The clinic registered («Con esto terminaste el trámite…»), the request in the school's
    portal not in the history: «Lo que sigue: la solicitud» alone read as a contradiction.
    The earlier step is said as earlier, with how to mark it done if it was done elsewhere."""
    from autohelper.cli import status as status_cli

    make_profile("ana")
    add_run("imss-umf", "success", {"clinic": "UMF No. 1"}, day="2026-11-25")
    monkeypatch.setattr(status_cli, "_today", lambda: datetime.date(2026, 11, 26))
    lines = status_cli.next_after_run("ana", "live", "imss-umf")
    earlier = [line for line in lines if line.startswith("Este paso quedó hecho")]
    assert earlier == [
        "Este paso quedó hecho, pero en tu historial falta uno anterior: «Solicitud del Seguro "
        "Facultativo en el CIA». Si ya lo hiciste por tu cuenta, márcalo: autohelper done "
        "solicitud --profile ana"
    ], lines
    # After the step that comes first, nothing of the kind; nor after practice on a mirror,
    # where nothing was done for real.
    for against, ran in (("live", "itson-solicitud"), ("http://127.0.0.1:9/", "imss-umf")):
        assert not any(
            line.startswith("Este paso quedó hecho")
            for line in status_cli.next_after_run("ana", against, ran)
        )

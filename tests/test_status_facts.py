"""What `autohelper status` states as fact must be true: a wait is done because a later step is
done (not "from your profile"), a step done before the step it strictly follows is pointed out,
"all done" only when every step is, a weekend is not called a business day, and the commands
it suggests name the profile it was given."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from support import console

from autohelper import profile as prof
from autohelper.journal import Journal, default_path


@pytest.fixture(autouse=True)
def _no_profile_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AUTOHELPER_PROFILE", raising=False)


cmd = console  # `autohelper ARGS...` in-process, stdout and stderr apart


def ok(*args: str) -> Result:
    result = cmd(*args)
    assert result.exit_code == 0, result.output
    return result


def make_profile(name: str | None = None, institution: str = "itson") -> None:
    prof.update_profile(
        name,
        {
            "curp": "HEGG560427MVZRRL04",
            "email": "gloria.prueba@example.com",
            "names": "GLORIA",
            "first_surname": "HERNANDEZ",
            "institution": institution,
            "has_other_insurance": "no",
            "nss_from_employer": "no",
            "nss": "12345678903",
        },
    )


def add_run(scenario: str, status: str, day: str) -> None:
    journal = Journal()
    run_id = journal.start_run(scenario, "live", "student", None)
    journal.end_run(run_id, status, None, {})
    stamp = f"{day}T18:00:00.000+00:00"  # the same local day anywhere in the Americas
    with sqlite3.connect(default_path()) as db:
        db.execute(
            "UPDATE runs SET started_at = ?, ended_at = ? WHERE id = ?", (stamp, stamp, run_id)
        )


def status_json(*args: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ok("status", "--json", *args).stdout)
    return data


def step_json(data: dict[str, Any], step_id: str) -> dict[str, Any]:
    return next(step for step in data["steps"] if step["id"] == step_id)


def detail(stdout: str, step_id: str) -> str:
    """The line under a step's line: what its state means."""
    lines = stdout.splitlines()
    index = next(i for i, line in enumerate(lines) if line[4:].split(" ")[0] == step_id)
    return lines[index + 1].strip()


# -- a) a wait is done because the step after it is ----------------------------------------------
def test_a_wait_done_by_the_step_after_it_says_so_not_the_profile(tmp_path: Path) -> None:
    make_profile()
    ok("done", "solicitud", "--on", "2026-11-13")
    ok("done", "vigencia", "--on", "2026-11-19")
    ok("undo", "solicitud")
    text = ok("status", "--as-of", "2026-11-20").stdout
    assert detail(text, "espera") == "terminó: ya hiciste «Consultar tu vigencia de derechos»"
    assert text.count("según tu perfil") == 1  # precondicion's, which the profile settles
    english = ok("--lang", "en", "status", "--as-of", "2026-11-20").stdout
    assert detail(english, "espera") == (
        "over: you already did “Check your coverage (vigencia de derechos)”"
    )
    espera = step_json(status_json("--as-of", "2026-11-20"), "espera")
    assert espera["state"] == "done"
    assert espera["ended_by"] == "vigencia"
    assert "via" not in espera
    page = tmp_path / "estado.html"
    ok("status", "--as-of", "2026-11-20", "--html", str(page))
    item = page.read_text(encoding="utf-8").split('id="step-espera"')[1].split("</li>")[0]
    assert "terminó: ya hiciste «Consultar tu vigencia de derechos»" in item
    assert "perfil" not in item


def test_a_wait_done_with_its_window_known_names_the_step_and_its_day() -> None:
    make_profile()
    ok("done", "solicitud", "--on", "2026-11-13")
    ok("done", "vigencia", "--on", "2026-11-19")
    text = ok("status", "--as-of", "2026-11-20").stdout
    assert detail(text, "espera") == (
        "terminó: ya hiciste «Consultar tu vigencia de derechos» el jueves 19 de noviembre"
    )


# -- b) a step done before the step it strictly follows -------------------------------------------
NOTE_ES = (
    "Aviso: «vigencia» está hecho el jueves 12 de noviembre de 2026, antes que «solicitud» "
    "(hecho el viernes 13 de noviembre de 2026), y no puede ser antes: sus días hábiles se "
    "cuentan desde «solicitud». Corrige la fecha que esté mal: autohelper done vigencia --on "
    "AAAA-MM-DD o autohelper done solicitud --on AAAA-MM-DD; una marca equivocada se quita con "
    "autohelper undo vigencia."
)


def test_undo_leaving_an_impossible_order_is_pointed_out_with_both_days() -> None:
    make_profile()
    add_run("itson-solicitud", "success", "2026-11-13")
    ok("done", "solicitud", "--on", "2026-11-10")
    ok("done", "vigencia", "--on", "2026-11-12")
    ok("undo", "solicitud")  # the run of the 13th stands: after the vigencia of the 12th
    text = ok("status", "--as-of", "2026-11-20").stdout
    assert NOTE_ES in text.splitlines()
    data = status_json("--as-of", "2026-11-20")
    assert data["order_conflicts"] == [
        {
            "step": "vigencia",
            "date": "2026-11-12",
            "follows": "solicitud",
            "follows_date": "2026-11-13",
            "note": NOTE_ES,
        }
    ]
    english = ok("--lang", "en", "status", "--as-of", "2026-11-20").stdout
    assert (
        "Note: “vigencia” is done on Thursday 12 November 2026, before “solicitud” (done on "
        "Friday 13 November 2026), and cannot be: its business days count from “solicitud”. "
        "Fix the wrong date: autohelper done vigencia --on YYYY-MM-DD or autohelper done "
        "solicitud --on YYYY-MM-DD; a wrong mark is taken back with autohelper undo vigencia."
    ) in english.splitlines()
    # The fix it names works: the vigencia's real day, after the request.
    ok("done", "vigencia", "--on", "2026-11-19")
    assert "Aviso:" not in ok("status", "--as-of", "2026-11-20").stdout
    assert "order_conflicts" not in status_json("--as-of", "2026-11-20")


def test_the_usual_order_alone_is_no_conflict() -> None:
    make_profile()
    ok("done", "solicitud", "--on", "2026-11-13")
    ok("done", "precondicion", "--on", "2026-11-18")  # depends_on only: a note at `done`
    ok("done", "vigencia", "--on", "2026-11-13")  # the same day is in order
    text = ok("status", "--as-of", "2026-11-20").stdout
    assert "Aviso:" not in text
    assert "order_conflicts" not in status_json("--as-of", "2026-11-20")


# -- c) a window after a wait; "all done" only when it is ---------------------------------------
HEADER = """\
procedure: itson
title: {es: Prueba, en: Test}
institution: {es: Escuela, en: School}
help_desk:
  name: {es: Mesa, en: Desk}
  contacts:
    - email: mesa@example.com
steps:
  - id: a
    kind: manual
    title: {es: Paso A, en: Step A}
    explain: {es: Haz A, en: Do A}
  - id: w
    kind: wait
    window: {after: a, first: 1, last: 3}
    title: {es: Espera W, en: Wait W}
    explain: {es: Espera, en: Wait}
"""


def write_procedure(folder: Path, extra: str = "") -> Path:
    (folder / "procedures").mkdir(exist_ok=True)
    path = folder / "procedures" / "itson.yaml"
    path.write_text(HEADER + extra, encoding="utf-8")
    return path


WAIT_AFTER_WAIT = """\
  - id: w2
    kind: wait
    window: {after: w, first: 1}
    title: {es: Espera W2, en: Wait W2}
    explain: {es: Espera, en: Wait}
  - id: b
    kind: manual
    depends_on: [w2]
    window: {after: w, first: 2}
    title: {es: Paso B, en: Step B}
    explain: {es: Haz B, en: Do B}
"""


def test_a_window_counted_after_a_wait_is_refused_at_its_place(tmp_path: Path) -> None:
    path = write_procedure(tmp_path, WAIT_AFTER_WAIT)
    line = HEADER.count("\n") + 3  # `window:` of w2, then of b six lines below
    result = cmd("scenarios", "validate", str(path))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Error: 2 problema(s) en el procedimiento:",
        f"{path}:{line}:21: la ventana de 'w2' cuenta desde 'w', que es una espera: una espera "
        "no tiene un día en que se hace, así que esa ventana nunca se abriría; cuenta desde el "
        "paso que sigue la espera (su 'after')",
        f"{path}:{line + 6}:21: la ventana de 'b' cuenta desde 'w', que es una espera: una "
        "espera no tiene un día en que se hace, así que esa ventana nunca se abriría; cuenta "
        "desde el paso que sigue la espera (su 'after')",
    ]
    english = cmd("--lang", "en", "scenarios", "validate", str(path))
    assert english.exit_code == 1
    assert (
        f"{path}:{line}:21: the window of 'w2' counts from 'w', which is a wait: a wait has no "
        "day it is done on, so that window would never open; count from the step the wait "
        "follows (its 'after')"
    ) in english.stderr.splitlines()


def test_status_never_says_all_done_while_a_step_is_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_procedure(tmp_path)  # ends with a wait: nothing left to do, but not finished
    monkeypatch.setenv("AUTOHELPER_SCENARIOS", str(tmp_path))
    make_profile()
    ok("done", "a", "--on", "2026-11-20")
    page = tmp_path / "estado.html"
    text = ok("status", "--as-of", "2026-11-23", "--html", str(page)).stdout
    still = "Por ahora no hay un paso que puedas hacer. Aún no termina: w (en espera)."
    assert "Listo" not in text
    assert still in text.splitlines()
    assert still in page.read_text(encoding="utf-8")
    assert ok("next", "--as-of", "2026-11-23").stdout == still + "\n"
    english = ok("--lang", "en", "status", "--as-of", "2026-11-23").stdout
    assert "There is no step you can do for now. Not finished yet: w (waiting)." in english
    assert "All done" not in english
    # Once the step after the wait is done, it is all done.
    (tmp_path / "procedures" / "itson.yaml").write_text(
        HEADER
        + "  - id: b\n    kind: manual\n    depends_on: [w]\n"
        + "    title: {es: Paso B, en: Step B}\n    explain: {es: Haz B, en: Do B}\n",
        encoding="utf-8",
    )
    ok("done", "b", "--on", "2026-11-24")
    done = ok("status", "--as-of", "2026-11-24").stdout
    assert "¡Listo! Terminaste todos los pasos del trámite." in done.splitlines()


# -- d) a day off is not a business day ---------------------------------------------------------
def test_a_saturday_within_the_wait_is_not_called_a_business_day() -> None:
    make_profile()
    ok("done", "solicitud", "--on", "2026-11-13")  # the wait: Wed 18 to Mon 23 November
    window = "del miércoles 18 de noviembre al lunes 23 de noviembre (días hábiles)"
    saturday = ok("status", "--as-of", "2026-11-21").stdout
    assert detail(saturday, "espera") == (
        f"{window} · hoy no es día hábil; van 3 de 4 días hábiles"
    )
    english = ok("--lang", "en", "status", "--as-of", "2026-11-21").stdout
    assert detail(english, "espera").endswith(
        "· today is not a business day; 3 of 4 business days have passed"
    )
    place = step_json(status_json("--as-of", "2026-11-21"), "espera")["place"]
    assert place == {"phase": "within", "days": 3, "total": 4, "business_day": False}
    # A business day is told as before.
    friday = ok("status", "--as-of", "2026-11-20").stdout
    assert detail(friday, "espera") == f"{window} · hoy es el día hábil 3 de 4"
    place = step_json(status_json("--as-of", "2026-11-20"), "espera")["place"]
    assert place == {"phase": "within", "days": 3, "total": 4}
    # A rest day before the window (Monday 16, Revolution Day) is flagged in the JSON too.
    place = step_json(status_json("--as-of", "2026-11-16"), "espera")["place"]
    assert place == {"phase": "before", "days": 2, "total": 4, "business_day": False}


# -- e) the suggested commands name the profile given ------------------------------------------
def test_the_done_command_names_the_profile_given_on_the_line() -> None:
    make_profile("ana", institution="escolar")
    text = ok("status", "--profile", "ana", "--as-of", "2026-11-20").stdout
    assert (
        "  Cuando lo hayas hecho: autohelper done entrega --profile ana "
        "(con --on AAAA-MM-DD si fue otro día)"
    ) in text.splitlines()
    data = status_json("--profile", "ana", "--as-of", "2026-11-20")
    assert data["next"]["done_command"] == "autohelper done entrega --profile ana"
    # The default profile, not named: no suffix.
    make_profile(institution="escolar")
    data = status_json("--as-of", "2026-11-20")
    assert data["next"]["done_command"] == "autohelper done entrega"

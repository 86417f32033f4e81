"""Procedures as data: the two bundled files carry the contract (step ids, windows, contacts),
and a broken file is reported like a scenario: every problem as `file:line:column: message`,
with a "did you mean" where it helps, through `autohelper scenarios validate` too."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from support import console

from autohelper.status.procedure import PLANNED_SCENARIOS, ProcedureError, procedures_dir
from autohelper.status.procedure_loader import load_procedure

ITSON = procedures_dir() / "itson.yaml"
ESCOLAR = procedures_dir() / "escolar.yaml"


autohelper_cmd = console  # `autohelper ARGS...` in-process, stdout and stderr apart


# -- the bundled procedures -------------------------------------------------------------------
def test_itson_steps_windows_and_contacts() -> None:
    procedure = load_procedure(ITSON)
    assert procedure.step_ids == ("precondicion", "nss", "solicitud", "espera", "vigencia", "umf")
    espera = procedure.step("espera")
    assert espera is not None and espera.kind == "wait" and espera.window is not None
    assert (espera.window.after, espera.window.first, espera.window.last) == ("solicitud", 2, 5)
    desk = procedure.help_desk
    assert desk.hours == "8:00-16:00"
    assert [(c.kind, c.value) for c in desk.contacts] == [
        ("email", "mesadeayuda@itson.edu.mx"),
        ("whatsapp", "6444-20-73-51"),
        ("whatsapp", "6441-61-78-36"),
        ("phone", "6444-410-90-04"),
    ]
    scenarios = {step.id: step.scenario for step in procedure.steps if step.kind == "scenario"}
    assert scenarios == {
        "nss": "imss-nss",
        "solicitud": "itson-solicitud",
        "vigencia": "imss-vigencia",
        "umf": "imss-umf",
    }


def test_escolar_steps_and_the_day_after_entrega() -> None:
    procedure = load_procedure(ESCOLAR)
    assert procedure.step_ids == ("nss", "entrega", "confirmacion", "vigencia", "umf")
    confirmacion = procedure.step("confirmacion")
    assert confirmacion is not None and confirmacion.window is not None
    assert (confirmacion.window.after, confirmacion.window.first) == ("entrega", 1)
    assert confirmacion.kind == "manual" and confirmacion.markable


def test_every_step_has_both_languages() -> None:
    for path in (ITSON, ESCOLAR):
        for step in load_procedure(path).steps:
            assert set(step.title) == {"es", "en"} and all(step.title.values())
            assert set(step.explain) == {"es", "en"} and all(step.explain.values())


def test_scenarios_validate_checks_the_procedures_too() -> None:
    result = autohelper_cmd("scenarios", "validate")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert f"✔ itson ({ITSON})" in lines
    assert f"✔ escolar ({ESCOLAR})" in lines


def test_a_procedure_is_not_a_scenario_to_run() -> None:
    result = autohelper_cmd("run", "itson")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: No conozco el escenario 'itson'")
    assert "escolar" not in result.stderr


# -- problems, each at its place --------------------------------------------------------------
GOOD = ITSON.read_text(encoding="utf-8")


def _broken(tmp_path: Path, old: str, new: str, name: str = "itson.yaml") -> tuple[Path, int]:
    """A copy of the ITSON procedure with `old` replaced once; its path and that line."""
    assert old in GOOD
    before = GOOD.index(old)
    path = tmp_path / name
    path.write_text(GOOD.replace(old, new, 1), encoding="utf-8")
    return path, GOOD.count("\n", 0, before) + 1


def _problems(path: Path, lang: str = "es") -> list[str]:
    with pytest.raises(ProcedureError) as caught:
        load_procedure(path, lang, known_scenarios={"imss-nss"})
    return caught.value.problems


def test_unknown_step_in_depends_on_is_named_with_a_suggestion(tmp_path: Path) -> None:
    path, line = _broken(
        tmp_path, "depends_on: [precondicion, nss]", "depends_on: [precondicion, nsss]"
    )
    assert _problems(path) == [
        f"{path}:{line}:32: 'nsss' no es un paso anterior (¿quisiste decir 'nss'?) "
        "(un paso solo depende de pasos escritos antes que él)"
    ]


def test_depending_on_a_later_step_is_refused(tmp_path: Path) -> None:
    path, line = _broken(tmp_path, "depends_on: [espera]", "depends_on: [umf]")
    assert _problems(path) == [
        f"{path}:{line}:18: 'umf' no es un paso anterior "
        "(un paso solo depende de pasos escritos antes que él)"
    ]


def test_misspelt_key_and_kind_in_english(tmp_path: Path) -> None:
    path, line = _broken(tmp_path, "    kind: wait\n    window:", "    kind: wiat\n    windw:")
    assert _problems(path, "en") == [
        f"{path}:{line}:11: unknown step kind 'wiat' (did you mean 'wait'?); "
        "use one of: scenario, manual, wait",
        f"{path}:{line + 1}:5: unknown key 'windw' (did you mean 'window'?)",
    ]


def test_unknown_scenario_is_an_error_only_when_neither_a_file_nor_planned(tmp_path: Path) -> None:
    path, line = _broken(tmp_path, "scenario: imss-umf", "scenario: imss-umff")
    assert _problems(path) == [
        f"{path}:{line}:15: escenario desconocido 'imss-umff' (¿quisiste decir 'imss-umf'?): "
        "no hay archivo con ese id ni está entre los planeados"
    ]
    # The planned ids need no file yet (only imss-nss exists as a file here).
    assert "imss-umf" in PLANNED_SCENARIOS
    assert load_procedure(ITSON, known_scenarios={"imss-nss"}).step("umf") is not None


def test_rules_are_checked_against_the_profile_fields_and_run_statuses(tmp_path: Path) -> None:
    text = GOOD.replace("profile: {nss: set}", "profile: {nsss: set}", 1).replace(
        "run: {status: in_person}", "run: {status: in_persn}", 1
    )
    path = tmp_path / "itson.yaml"
    path.write_text(text, encoding="utf-8")
    problems = _problems(path)
    assert len(problems) == 2
    assert problems[0].endswith(": 'nsss' no es un dato del perfil (¿quisiste decir 'nss'?)")
    assert problems[1].endswith(
        ": estado de corrida desconocido 'in_persn' (¿quisiste decir 'in_person'?); usa uno de: "
        "success, error, declined, unknown, interrupted, in_person"
    )


def test_a_wait_has_no_done_rules(tmp_path: Path) -> None:
    path, line = _broken(
        tmp_path,
        "    window: {after: solicitud",
        "    done_when: [mark]\n    window: {after: solicitud",
    )
    assert _problems(path) == [f"{path}:{line}:16: una espera termina sola: no lleva 'done_when'"]


def test_procedure_id_must_match_its_file(tmp_path: Path) -> None:
    path, line = _broken(tmp_path, "procedure: itson", "procedure: itson", name="other.yaml")
    assert _problems(path) == [
        f"{path}:{line}:12: el procedimiento se llama 'itson' pero el archivo 'other': deben "
        "coincidir (el perfil elige el procedimiento por el nombre del archivo)"
    ]


def test_closed_days_and_hours_are_checked(tmp_path: Path) -> None:
    text = GOOD.replace(
        "closed: []",
        "closed:\n  - 2026-12-21\n  - {from: 2027-01-08, until: 2027-01-04}\n  - mañana",
        1,
    )
    text = text.replace('hours: "8:00-16:00"', 'hours: "8 a 16"', 1)
    path = tmp_path / "itson.yaml"
    path.write_text(text, encoding="utf-8")
    problems = [p.split(": ", 1)[1] for p in _problems(path)]
    assert problems == [
        "horario inválido '8 a 16': se espera H:MM-H:MM, p. ej. 8:00-16:00",
        "el rango termina (2027-01-04) antes de empezar (2027-01-08)",
        "se esperaba una fecha AAAA-MM-DD",
    ]


_OUT_OF_RANGE = "está fuera del rango aceptado: usa una entre los años 2000 y 2100"
_NO_SUCH_DATE = (
    "YAML inválido: este valor parece una fecha pero no existe; si es texto, escríbelo entre "
    "comillas"
)
_DAYS = "se esperaba un número entero de días hábiles, de 0 a 365"


@pytest.mark.parametrize(
    ("old", "new", "below", "column", "message"),
    [
        (
            "closed: []",
            "closed: [{from: 2026-01-01, until: 9999-12-31}]",
            0,
            36,
            f"la fecha 9999-12-31 {_OUT_OF_RANGE}",
        ),
        ("closed: []", "closed: [1999-12-31]", 0, 10, f"la fecha 1999-12-31 {_OUT_OF_RANGE}"),
        ("closed: []", "closed: [2026-02-30]", 0, 10, _NO_SUCH_DATE),
        ("closed: []", "closed:\n  - {from: 2026-13-01, until: 2026-12-31}", 1, 12, _NO_SUCH_DATE),
        ("first: 2, last: 5}", "first: 2, last: 99999999999}", 0, 48, _DAYS),
        ("first: 2, last: 5}", "first: 366}", 0, 39, _DAYS),
        ("first: 2, last: 5}", "first: 2, last: -1}", 0, 48, _DAYS),
    ],
)
def test_bad_dates_and_day_counts_are_named_at_their_place(
    tmp_path: Path, old: str, new: str, below: int, column: int, message: str
) -> None:
    path, line = _broken(tmp_path, old, new)
    expected = [f"{path}:{line + below}:{column}: {message}"]
    assert _problems(path) == expected
    result = autohelper_cmd("scenarios", "validate", str(path))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == ["Error: 1 problema(s) en el procedimiento:", *expected]


def test_status_reports_a_bad_procedure_instead_of_crashing_or_hanging(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The procedure a profile picks goes through the same checks (AUTOHELPER_SCENARIOS)."""
    from autohelper import profile as prof

    (tmp_path / "procedures").mkdir()
    (tmp_path / "procedures" / "itson.yaml").write_text(GOOD, encoding="utf-8")
    monkeypatch.setenv("AUTOHELPER_SCENARIOS", str(tmp_path))
    prof.update_profile(None, {"curp": "HEGG560427MVZRRL04", "institution": "itson"})
    assert autohelper_cmd("done", "solicitud", "--on", "2026-11-13").exit_code == 0
    for old, new in (
        ("closed: []", "closed: [{from: 2026-01-01, until: 9999-12-31}]"),
        ("closed: []", "closed: [2026-02-30]"),
        ("first: 2, last: 5}", "first: 2, last: 99999999999}"),
    ):
        path, line = _broken(tmp_path / "procedures", old, new)
        for args in (("status", "--as-of", "2026-11-17"), ("status", "--json"), ("next",)):
            result = autohelper_cmd(*args)
            assert result.exit_code == 1, (new, args, result.output)
            assert result.stderr.startswith("Error: 1 problema(s) en el procedimiento:\n")
            assert f"{path}:{line}:" in result.stderr


@pytest.mark.parametrize("folder", ["elsewhere", "procedures"])
def test_validate_a_symlink_loop_says_the_file_cannot_be_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folder: str
) -> None:
    monkeypatch.setenv("AUTOHELPER_SCENARIOS", str(tmp_path))
    (tmp_path / folder).mkdir()
    one, two = tmp_path / folder / "l1.yaml", tmp_path / folder / "l2.yaml"
    one.symlink_to(two.name)
    two.symlink_to(one.name)
    result = autohelper_cmd("scenarios", "validate", str(one))
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    kind = "procedimiento" if folder == "procedures" else "escenario"
    [head, problem] = result.stderr.splitlines()
    assert head == f"Error: 1 problema(s) en el {kind}:"
    assert problem.startswith(f"{one}: no pude leer el archivo: ")


def test_closed_days_are_read(tmp_path: Path) -> None:
    text = GOOD.replace(
        "closed: []", "closed:\n  - 2026-12-21\n  - {from: 2027-01-04, until: 2027-01-08}", 1
    )
    path = tmp_path / "itson.yaml"
    path.write_text(text, encoding="utf-8")
    closed = load_procedure(path).closed
    assert [(c.first.isoformat(), c.last.isoformat()) for c in closed] == [
        ("2026-12-21", "2026-12-21"),
        ("2027-01-04", "2027-01-08"),
    ]


def test_validate_a_procedure_file_by_path(tmp_path: Path) -> None:
    path, line = _broken(tmp_path, "depends_on: [espera]", "depends_on: [esperaa]")
    result = autohelper_cmd("scenarios", "validate", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "Error: 1 problema(s) en el procedimiento:",
        f"{path}:{line}:18: 'esperaa' no es un paso anterior (¿quisiste decir 'espera'?) "
        "(un paso solo depende de pasos escritos antes que él)",
    ]


def test_validate_tells_a_procedure_by_content_outside_its_folder(tmp_path: Path) -> None:
    path = tmp_path / "itson.yaml"
    path.write_text(GOOD, encoding="utf-8")
    result = autohelper_cmd("scenarios", "validate", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"✔ itson ({path})\n"


@pytest.mark.parametrize(
    ("old", "new", "column", "message"),
    [
        (
            'hours: "8:00-16:00"',
            "hours: 8",
            10,
            'se esperaba un texto, pero 8 es un número: escríbelo entre comillas ("8")',
        ),
        (
            "verdict: vigente}",
            "verdict: 2026-01-01}",
            50,
            "se esperaba un texto, pero YAML lee 2026-01-01 como una fecha: escríbelo entre "
            'comillas ("2026-01-01")',
        ),
    ],
)
def test_a_value_that_is_no_text_says_what_it_is(
    tmp_path: Path, old: str, new: str, column: int, message: str
) -> None:
    """`hours: 8` was said to need "a non-empty text"; what YAML read is said, and quotes."""
    path, line = _broken(tmp_path, old, new)
    assert _problems(path) == [f"{path}:{line}:{column}: {message}"]


@pytest.mark.parametrize(
    ("hours", "closed", "problems"),
    [
        (
            "25:00-16:00",
            '"2026-02-30"',
            [
                "horario inválido '25:00-16:00': una hora va de 0:00 a 24:00 (minutos de 00 a 59)",
                "closed: «2026-02-30» no es una fecha: febrero de 2026 tiene 28 días, no hay "
                "día 30.",
            ],
        ),
        ("9:00-8:30", '"2026-13-01"', None),
    ],
)
def test_hours_that_are_no_time_of_day_and_a_quoted_day_that_does_not_exist_say_why(
    tmp_path: Path, hours: str, closed: str, problems: list[str] | None
) -> None:
    text = GOOD.replace("closed: []", f"closed:\n  - {closed}", 1)
    text = text.replace('hours: "8:00-16:00"', f'hours: "{hours}"', 1)
    path = tmp_path / "itson.yaml"
    path.write_text(text, encoding="utf-8")
    found = [p.split(": ", 1)[1] for p in _problems(path)]
    if problems is None:
        assert found == [
            "horario inválido '9:00-8:30': cierra antes de abrir (o a la misma hora)",
            "closed: «2026-13-01» no es una fecha: no existe el mes 13 (los meses van del 01 "
            "al 12).",
        ]
    else:
        assert found == problems


def test_a_closed_day_in_quotes_is_the_day_it_names(tmp_path: Path) -> None:
    path = tmp_path / "itson.yaml"
    path.write_text(GOOD.replace("closed: []", 'closed:\n  - "2026-12-21"', 1), encoding="utf-8")
    procedure = load_procedure(path, "es", known_scenarios={"imss-nss"})
    assert [(c.first, c.last) for c in procedure.closed] == [
        (datetime.date(2026, 12, 21), datetime.date(2026, 12, 21))
    ]

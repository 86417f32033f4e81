"""`autohelper scenarios validate` for scenarios and procedures together: each file is told
apart by location or content (`procedure.is_procedure_file`), every problem of every file is
reported at once, and a procedure's scenario references are checked against the scenario files
that exist (plus the planned ones, `procedure.PLANNED_SCENARIOS`)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from autohelper.errors import ScenarioError
from autohelper.scenario.loader import load_scenarios, scenarios_dir
from autohelper.status.procedure import ProcedureError, declares_procedure, is_procedure_file
from autohelper.status.procedure_loader import load_procedures


def known_scenario_ids() -> set[str]:
    """The ids `autohelper run` finds: scenario file names below the scenarios folder, the
    procedures excluded (as `scenario.loader.find_scenario` does)."""
    return {path.stem for path in scenarios_dir().rglob("*.yaml") if not declares_procedure(path)}


def validate_files(paths: Sequence[Path]) -> list[tuple[str, str]]:
    """(id, path) of every valid file; one error listing every problem otherwise."""
    procedures = [path for path in paths if is_procedure_file(path)]
    scenarios = [path for path in paths if path not in procedures]
    problems: list[str] = []
    checked: list[tuple[str, str]] = []
    try:
        checked += [(s.id, s.path) for s in load_scenarios(scenarios)]
    except ScenarioError as exc:
        problems += exc.problems
    scenario_problems = len(problems)
    try:
        loaded = load_procedures(procedures, known_scenarios=known_scenario_ids())
        checked += [(p.id, p.path) for p in loaded]
    except ProcedureError as exc:
        problems += exc.problems
    if scenario_problems:
        raise ScenarioError(problems)
    if problems:
        raise ProcedureError(problems)
    return checked

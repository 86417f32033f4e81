"""The functions the CLI calls: a student's timeline from their profile, the journal and their
institution's procedure; recording a step done by hand (`done`) and taking it back (`undo`).

Reading never creates the journal: a student who has run nothing yet has no history.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from pathlib import Path

from autohelper import journal as jr
from autohelper.errors import UsageError, os_reason
from autohelper.messages import current_lang
from autohelper.profile import Profile, load_profile, resolve_profile_path
from autohelper.scenario.nodes import did_you_mean
from autohelper.status.business_days import BusinessCalendar, Day
from autohelper.status.procedure import (
    Procedure,
    ProcedureStep,
    Text,
    procedure_for,
    procedure_paths,
)
from autohelper.status.timeline import NextAction, Timeline, build_timeline, counted_runs


@dataclass(frozen=True)
class StatusRequest:
    profile: str | None
    as_of: Day
    include_mirrors: bool = False
    command_suffix: str = ""  # appended to commands shown (e.g. ` --profile ana`)


@dataclass(frozen=True)
class Student:
    """A profile, the procedure its institution picks, and the key its marks are kept under."""

    profile: Profile
    procedure: Procedure
    key: str


def today() -> Day:
    return datetime.date.today()


def student(profile_name: str | None) -> Student:
    path = resolve_profile_path(profile_name)
    profile = load_profile(path)
    procedure = procedure_for(profile.institution, current_lang())
    # Marks belong to one profile (several students may share a machine): keyed by its file.
    return Student(profile, procedure, str(Path(path).expanduser().resolve()))


def _journal() -> jr.Journal | None:
    path = jr.default_path()
    return jr.Journal(path, writable=False) if path.exists() else None


def current_timeline(request: StatusRequest) -> Timeline:
    """Where the student of `request.profile` stands on `request.as_of`."""
    who = student(request.profile)
    journal = _journal()
    runs = counted_runs(journal.runs(), request.include_mirrors, profile=who.key) if journal else []
    marks = journal.marks(who.key, who.procedure.id) if journal else []
    closed = ((days.first, days.last) for days in who.procedure.closed)
    calendar = BusinessCalendar(closed, lang=current_lang())
    return build_timeline(
        who.procedure, who.profile, runs, marks, request.as_of, calendar, request.command_suffix
    )


@dataclass(frozen=True)
class NotNeeded:
    """A scenario the student's procedure skips for their profile (an NSS already saved, one
    from an employer): the step, why, and what comes next instead."""

    step: ProcedureStep
    why: Text | None
    next: NextAction | None


def not_needed(profile_name: str | None, scenario_id: str) -> NotNeeded | None:
    """Whether the student's own procedure says `scenario_id` is not needed, by their profile.
    A profile that is missing or names no institution says nothing here: the run's own checks
    speak for it."""
    path = resolve_profile_path(profile_name)
    if not path.exists() or not load_profile(path).institution:
        return None
    timeline = current_timeline(StatusRequest(profile_name, today()))
    for item in timeline.steps:
        rule = item.rule
        skipped = item.step.scenario == scenario_id and item.state == "skipped"
        if skipped and rule is not None and rule.source == "profile":
            return NotNeeded(item.step, rule.why, timeline.next)
    return None


def find_step(procedure: Procedure, step_id: str) -> ProcedureStep:
    """The step, or a UsageError naming it: unknown (with a suggestion), a step of another
    procedure, or a wait (which ends by itself and cannot be marked)."""
    step = procedure.step(step_id)
    if step is None:
        steps = ", ".join(procedure.step_ids)
        for path in procedure_paths():
            if path.stem != procedure.id and _has_step(path, step_id):
                raise UsageError(
                    "status.step_other_procedure",
                    step=step_id,
                    other=path.stem,
                    procedure=procedure.id,
                    steps=steps,
                )
        hint = did_you_mean(step_id, procedure.step_ids)
        raise UsageError(
            "status.unknown_step", step=step_id, hint=hint, procedure=procedure.id, steps=steps
        )
    if not step.markable:
        raise UsageError("status.not_markable", step=step_id)
    return step


def _has_step(path: Path, step_id: str) -> bool:
    from autohelper.status.procedure_loader import parse_procedure

    other, _ = parse_procedure(path)
    return other is not None and other.step(step_id) is not None


def _standing_days(journal: jr.Journal | None, who: Student, step_id: str) -> list[str]:
    """The days of the `done` marks of a step still standing, oldest first: each `undone`
    cancels the latest `done` before it."""
    standing: list[str] = []
    for mark in journal.marks(who.key, who.procedure.id) if journal else []:
        if mark.step != step_id:
            continue
        if mark.kind == "done":
            standing.append(mark.on_date)
        elif standing:
            standing.pop()
    return standing


def record_done(profile_name: str | None, step_id: str, on: Day) -> ProcedureStep:
    """Record `step_id` done on `on` for this profile; returns the step. Marking again what
    already stands done on that day records nothing: a `done` repeated (its first answer was
    lost) must not need two `undo`s to take it back."""
    who = student(profile_name)
    step = find_step(who.procedure, step_id)
    journal = jr.Journal()
    standing = _standing_days(journal, who, step.id)
    if not standing or standing[-1] != on.isoformat():
        journal.record_mark(who.key, who.procedure.id, step.id, on.isoformat(), "done")
    return step


def record_undo(profile_name: str | None, step_id: str) -> tuple[ProcedureStep, Day]:
    """Take back the latest standing `done` mark of `step_id`; returns the step and the day
    that mark said. Nothing to take back is a UsageError."""
    who = student(profile_name)
    step = find_step(who.procedure, step_id)
    journal = _journal()
    standing = _standing_days(journal, who, step.id)
    if journal is None or not standing:
        raise UsageError("status.nothing_to_undo", step=step.id)
    journal.record_mark(who.key, who.procedure.id, step.id, today().isoformat(), "undone")
    return step, datetime.date.fromisoformat(standing[-1])


def save_private(path: Path, data: bytes) -> None:
    """Write a report readable by its owner only (0600 from the first byte, also when the file
    existed with a looser mode)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), 0o600)
            handle.write(data)
    except OSError as exc:
        raise UsageError("status.cannot_write", path=str(path), reason=os_reason(exc)) from exc

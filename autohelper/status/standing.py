"""The functions the CLI calls: a student's timeline from their profile, the journal and their
institution's procedure; recording a step done by hand (`done`) and taking it back (`undo`).

`done` weighs the day given against the steps already done (`timeline.comes_after`); `undo`
takes back marks only, and says so when a run or the profile keeps the step done.

Reading never creates the journal: a student who has run nothing yet has no history.
"""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from autohelper import journal as jr
from autohelper.errors import UsageError, Words
from autohelper.files import os_problem
from autohelper.messages import current_lang, localized
from autohelper.privacy import typed
from autohelper.privatefiles import write_private
from autohelper.profile import INSTITUTIONS, Profile, load_profile, resolve_profile_path
from autohelper.scenario.nodes import did_you_mean
from autohelper.status.business_days import BusinessCalendar, Day
from autohelper.status.procedure import (
    Procedure,
    ProcedureStep,
    Text,
    filled,
    procedure_for,
    procedure_paths,
)
from autohelper.status.timeline import (
    NextAction,
    RunEvent,
    StepState,
    Timeline,
    build_timeline,
    comes_after,
    counted_runs,
    lacking_fields,
    own_state,
    profile_command,
    save_command,
)
from autohelper.status.words import format_day

if TYPE_CHECKING:
    from autohelper.scenario.model import Scenario


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
    # The profile fields each step gets that a later step's scenario needs (`requires`), by
    # step id: `nss` for the step that runs imss-nss.
    provides: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # The profile fields each step's scenario takes from another step's, by step id:
    # `nss` for the step that runs itson-solicitud.
    needs: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # The steps whose scenario waits for a link the portal emails: where to look after a send
    # whose answer is unknown (the email too, or the portal alone).
    mails: frozenset[str] = frozenset()


def today() -> Day:
    return datetime.date.today()


def student(profile_name: str | None, command_suffix: str = "") -> Student:
    """The student of `profile_name`. A profile that names no institution is a UsageError
    showing one command per institution (a line safe to paste, unlike `a|b`), each with
    `command_suffix` (the profile, when it was named on the line)."""
    path = resolve_profile_path(profile_name)
    profile = load_profile(path)
    if not profile.institution:
        commands = "".join(
            f"\n  autohelper profile set institution={name}{command_suffix}"
            for name in INSTITUTIONS
        )
        raise UsageError("status.no_institution_commands", commands=commands)
    procedure = procedure_for(profile.institution, current_lang())
    # Marks belong to one profile (several students may share a machine): keyed by its file.
    key = str(Path(path).expanduser().resolve())
    from autohelper.scenario.model import EmailLink

    scenarios = _scenarios(procedure)
    requires = _scenario_requires(scenarios)
    mails = frozenset(
        step_id
        for step_id, scenario in scenarios.items()
        if any(isinstance(step, EmailLink) for step in scenario.steps)
    )
    return Student(
        profile,
        procedure,
        key,
        provided_fields(procedure, requires),
        needed_fields(requires),
        mails,
    )


def _scenarios(procedure: Procedure) -> dict[str, Scenario]:
    """The scenario of each step that runs one (by step id). A scenario that cannot be read is
    left out here: `autohelper check` and the run itself say what is wrong with it."""
    from autohelper.errors import AutohelperError
    from autohelper.scenario.loader import find_scenario, load_scenario, scenarios_dir

    scenarios: dict[str, Scenario] = {}
    for step in procedure.steps:
        if step.scenario is None:
            continue
        try:
            scenarios[step.id] = load_scenario(find_scenario(step.scenario, scenarios_dir()))
        except AutohelperError:
            continue
    return scenarios


def _scenario_requires(scenarios: Mapping[str, Scenario]) -> dict[str, dict[str, str]]:
    """Each step's profile fields that another step's scenario gets (by step id): its
    scenario's `requires` (`{nss: imss-nss}`), and any field it needs that another scenario of
    the procedure saves to the profile (the vigencia needs the NSS, which imss-nss saves): a
    student who skipped that step (an NSS from a job) and never saved the field is told to
    save it before the run, not stopped by the run. A scenario that cannot be read requires
    nothing here."""
    savers = {
        name: scenario.id for scenario in scenarios.values() for name in scenario.save_to_profile
    }
    requires: dict[str, dict[str, str]] = {}
    for step_id, scenario in scenarios.items():
        saved = {
            name: savers[name]
            for name in scenario.needs.profile
            if name in savers and savers[name] != scenario.id
        }
        requires[step_id] = {**saved, **dict(scenario.requires)}
    return requires


def provided_fields(
    procedure: Procedure, requires: Mapping[str, Mapping[str, str]] | None = None
) -> dict[str, tuple[str, ...]]:
    """For each step that runs a scenario, the profile fields another step's scenario takes
    from it (its `requires`: `{nss: imss-nss}`)."""
    if requires is None:
        requires = _scenario_requires(_scenarios(procedure))
    sources: dict[str, str] = {}
    for fields in requires.values():
        sources.update(fields)
    return {
        step.id: tuple(name for name, source in sources.items() if source == step.scenario)
        for step in procedure.steps
        if step.scenario is not None
    }


def needed_fields(requires: Mapping[str, Mapping[str, str]]) -> dict[str, tuple[str, ...]]:
    """For each step, the profile fields its scenario takes from another step's (the request
    needs the NSS), whose absence `status` asks to fill when the step comes next."""
    return {step_id: tuple(fields) for step_id, fields in requires.items() if fields}


def _journal() -> jr.Journal | None:
    return jr.existing()


def current_timeline(request: StatusRequest, who: Student | None = None) -> Timeline:
    """Where the student of `request.profile` (`who`, when already read) stands on
    `request.as_of`."""
    if who is None:
        who = student(request.profile, request.command_suffix)
    journal = _journal()
    runs = counted_runs(journal.runs(), request.include_mirrors, profile=who.key) if journal else []
    marks = journal.marks(who.key, who.procedure.id) if journal else []
    closed = ((days.first, days.last) for days in who.procedure.closed)
    calendar = BusinessCalendar(closed, lang=current_lang())
    return build_timeline(
        who.procedure,
        who.profile,
        runs,
        marks,
        request.as_of,
        calendar,
        request.command_suffix,
        who.provides,
        who.needs,
        who.mails,
    )


@dataclass(frozen=True)
class NotNeeded:
    """A scenario the student's procedure skips for their profile (an NSS already saved, one
    from an employer): the step, why, and what comes next instead."""

    step: ProcedureStep
    why: Text | None
    next: NextAction | None


def not_needed(
    profile_name: str | None, scenario_id: str, command_suffix: str = ""
) -> NotNeeded | None:
    """Whether the student's own procedure says `scenario_id` is not needed, by their profile.
    A profile that is missing or names no institution says nothing here: the run's own checks
    speak for it. A step skipped that gets a field a later step needs and the profile lacks
    (an NSS from an employer, not saved) is needed still: its run finds that field.
    `command_suffix` goes after the commands shown (the `--profile` given)."""
    path = resolve_profile_path(profile_name)
    if not path.exists() or not load_profile(path).institution:
        return None
    who = student(profile_name, command_suffix)
    request = StatusRequest(profile_name, today(), command_suffix=command_suffix)
    timeline = current_timeline(request, who)
    values = who.profile.as_template_values()
    for item in timeline.steps:
        rule = item.rule
        skipped = item.step.scenario == scenario_id and item.state == "skipped"
        if lacking_fields(item.step, values, who.provides):
            continue
        if skipped and rule is not None and rule.source == "profile":
            why = filled(rule.why, command_suffix) if rule.why else None
            return NotNeeded(item.step, why, timeline.next)
    return None


@dataclass(frozen=True)
class ProfileBlock:
    """A step of the student's procedure that their profile alone blocks (other health
    insurance, at ITSON): the step, why (its commands ending with the suffix given) and the
    help desk to ask when the profile is right."""

    step: ProcedureStep
    why: Text | None
    desk: Text


def profile_block(profile: Profile, command_suffix: str = "") -> ProfileBlock | None:
    """The first step `profile` blocks by itself, whatever was run or marked (what `status`
    shows blocked for it, and `done` refuses); None when none does or the profile names no
    institution with a procedure."""
    from autohelper.errors import AutohelperError

    if not profile.institution:
        return None
    try:
        procedure = procedure_for(profile.institution, current_lang())
    except AutohelperError:
        return None
    for step in procedure.steps:
        state = own_state(step, [], [], profile, today())
        rule = state.rule if state is not None and state.state == "blocked" else None
        if rule is not None and rule.source == "profile":
            why = filled(rule.why, command_suffix) if rule.why else None
            return ProfileBlock(step, why, procedure.help_desk.name)
    return None


def find_step(procedure: Procedure, step_id: str, command_suffix: str = "") -> ProcedureStep:
    """The step (its id in any case and width, NFKC: ids are lower case), or a UsageError
    naming it as typed (masked when it looks like personal data, quoted safely, cut when
    long): unknown (with a suggestion), a step of another procedure, a wait (which ends by
    itself), or a step whose `done_when` has no `mark` (done by a run or by the profile)."""
    # NFKC first: a full-width ＳＯＬＩＣＩＴＵＤ (an Asian keyboard layout, a copy from a
    # document) is the id it shows.
    folded = unicodedata.normalize("NFKC", step_id).lower()
    step = procedure.step(step_id) or procedure.step(folded)
    if step is None:
        steps = ", ".join(procedure.step_ids)
        for path in procedure_paths():
            if path.stem != procedure.id and _has_step(path, folded):
                raise UsageError(
                    "status.step_other_procedure",
                    step=typed(step_id),
                    other=path.stem,
                    procedure=procedure.id,
                    steps=steps,
                )
        hint = did_you_mean(folded, procedure.step_ids)
        raise UsageError(
            "status.unknown_step",
            step=typed(step_id),
            hint=hint,
            procedure=procedure.id,
            steps=steps,
        )
    if not step.markable:
        raise _not_markable(step, command_suffix)
    return step


def _not_markable(step: ProcedureStep, suffix: str = "") -> UsageError:
    """Why `done` cannot record a step, and how it does get done, as its `done_when` says."""
    if step.kind == "wait":
        return UsageError("status.not_markable", step=step.id)
    by_run = any(rule.source == "run" for rule in step.done_when)
    fields = ", ".join(
        dict.fromkeys(
            name for rule in step.done_when if rule.source == "profile" for name, _ in rule.profile
        )
    )
    if by_run and fields:
        return UsageError(
            "status.done_by_run_or_profile",
            step=step.id,
            command=_run_command(step, suffix),
            fields=fields,
            suffix=suffix,
        )
    if by_run:
        return UsageError("status.done_by_run", step=step.id, command=_run_command(step, suffix))
    # The loader refuses an empty done_when: without a mark, it has a run or a profile rule.
    return UsageError("status.done_by_profile", step=step.id, fields=fields, suffix=suffix)


def _has_step(path: Path, step_id: str) -> bool:
    from autohelper.status.procedure_loader import parse_procedure

    other, _ = parse_procedure(path)
    return other is not None and other.step(step_id) is not None


def _history(journal: jr.Journal | None, who: Student) -> tuple[list[RunEvent], list[jr.MarkRow]]:
    """The student's counted runs (their own live runs, as `status` counts them by default)
    and the marks of their procedure, oldest first."""
    if journal is None:
        return [], []
    runs = counted_runs(journal.runs(), profile=who.key)
    return runs, journal.marks(who.key, who.procedure.id)


def _standing_days(marks: list[jr.MarkRow], step_id: str) -> list[str]:
    """The days of the `done` marks of a step still standing, oldest first: each `undone`
    cancels the latest `done` before it."""
    standing: list[str] = []
    for mark in marks:
        if mark.step != step_id:
            continue
        if mark.kind == "done":
            standing.append(mark.on_date)
        elif standing:
            standing.pop()
    return standing


def _run_command(step: ProcedureStep, suffix: str = "") -> str:
    """The run that does `step`, with `suffix` (the `--profile` given) after it."""
    return f"autohelper run {step.scenario}{suffix}"


def _how_done(state: StepState, suffix: str = "") -> Words:
    """`done by the run of <day> (autohelper run ...)` or `marked done on <day>`."""
    assert state.day is not None
    day = format_day(state.day)
    if state.via == "run":
        return Words("status.how_run", date=day, command=_run_command(state.step, suffix))
    return Words("status.how_mark", date=day)


# -- the order of the steps ------------------------------------------------------------------
@dataclass(frozen=True)
class _Conflict:
    """Another step done on a day out of order with the day given for a step."""

    other: StepState  # done, with a day
    strict: bool  # a window orders them: refused; else a note
    other_first: bool  # the other step comes first (it was done after the day given)


def _order_conflicts(
    who: Student, step: ProcedureStep, on: Day, runs: list[RunEvent], marks: list[jr.MarkRow]
) -> list[_Conflict]:
    """The steps done (by a run or a mark, at any date) out of order with `step` on `on`:
    one it comes after done later, one that comes after it done earlier. The same day is in
    order."""
    order = comes_after(who.procedure)
    before = order.get(step.id, {})
    conflicts: list[_Conflict] = []
    for other in who.procedure.steps:
        if other.id == step.id or other.kind == "wait":  # a wait's day is its next step's
            continue
        state = own_state(other, runs, marks, who.profile, datetime.date.max, who.provides)
        if state is None or state.state != "done" or state.day is None:
            continue
        if other.id in before and state.day > on:
            conflicts.append(_Conflict(state, before[other.id], True))
        after = order.get(other.id, {})
        if step.id in after and state.day < on:
            conflicts.append(_Conflict(state, after[step.id], False))
    return conflicts


def _out_of_order(
    step: ProcedureStep, on: Day, conflicts: list[_Conflict], suffix: str
) -> UsageError:
    """The refusal for the tightest strict conflict: the latest of the steps before, else the
    earliest of the steps after; both dates named, and how to fix either."""
    firsts = [c for c in conflicts if c.other_first]
    if firsts:
        conflict = max(firsts, key=lambda c: c.other.day or on)
    else:
        conflict = min(conflicts, key=lambda c: c.other.day or on)
    other = conflict.other
    fix: Words | str = ""
    if other.via == "mark":
        fix = Words("status.order_fix_other", other=other.step.id, suffix=suffix)
    elif conflict.other_first:
        # A run may find what was done before it (the CIA saying a request already exists):
        # a mark with the day it was really done counts instead of the run's day.
        fix = Words("status.order_fix_run", other=other.step.id, suffix=suffix)
    return UsageError(
        "status.order_first" if conflict.other_first else "status.order_later",
        step=step.id,
        date=format_day(on),
        other=other.step.id,
        title=localized(other.step.title),
        how=_how_done(other, suffix),
        suffix=suffix,
        fix=fix,
    )


def _order_note(step: ProcedureStep, on: Day, conflict: _Conflict, suffix: str) -> Words:
    other = conflict.other
    return Words(
        "status.order_note_first" if conflict.other_first else "status.order_note_later",
        step=step.id,
        date=format_day(on),
        other=other.step.id,
        title=localized(other.step.title),
        how=_how_done(other, suffix).message(),  # a Words renders no phrase inside it
        suffix=suffix,
    )


# -- done and undo ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Marked:
    """What `done` recorded, and a note for each step done out of the usual order with it."""

    step: ProcedureStep
    notes: tuple[Words, ...] = ()
    again: bool = False  # it stood done on that day already: nothing new was recorded


def record_done(
    profile_name: str | None, step_id: str, on: Day, command_suffix: str = ""
) -> Marked:
    """Record `step_id` done on `on` for this profile. Marking again what already stands done
    on that day records nothing: a `done` repeated (its first answer was lost) must not need
    two `undo`s to take it back.

    A day out of order with a step done by a run or a mark is refused (a UsageError naming
    both days) when a window orders the two steps, and recorded with a note otherwise
    (`comes_after`). `command_suffix` goes after the commands the messages show."""
    who = student(profile_name, command_suffix)
    step = find_step(who.procedure, step_id, command_suffix)
    _refuse_against_profile(who, step, command_suffix)
    _refuse_without_field(who, step, command_suffix)
    journal = jr.Journal()
    runs, marks = _history(journal, who)
    conflicts = _order_conflicts(who, step, on, runs, marks)
    strict = [conflict for conflict in conflicts if conflict.strict]
    if strict:
        raise _out_of_order(step, on, strict, command_suffix)
    standing = _standing_days(marks, step.id)
    again = bool(standing) and standing[-1] == on.isoformat()
    if not again:
        journal.record_mark(who.key, who.procedure.id, step.id, on.isoformat(), "done")
    notes = tuple(_order_note(step, on, c, command_suffix) for c in conflicts)
    return Marked(step, notes, again)


def _refuse_against_profile(who: Student, step: ProcedureStep, suffix: str) -> None:
    """A step the profile blocks (other insurance) is not marked done: the mark would not
    change what the profile says, and the way out is to fix the profile, named here."""
    state = own_state(step, [], [], who.profile, datetime.date.max)
    rule = state.rule if state is not None and state.state == "blocked" else None
    if rule is None or rule.source != "profile":
        return
    words = {"true": "yes", "false": "no"}
    fields = ", ".join(f"{name}={words.get(value, value)}" for name, value in rule.profile)
    command = profile_command(step, suffix) or f"autohelper profile set{suffix}"
    raise UsageError("status.done_refused_by_profile", step=step.id, fields=fields, command=command)


def _refuse_without_field(who: Student, step: ProcedureStep, suffix: str) -> None:
    """A step that gets a field a later step needs (the NSS) is done once the profile holds
    it: a mark alone would leave the next step asking for it. Nothing is recorded; the message
    gives the `profile set` that saves it."""
    missing = lacking_fields(step, who.profile.as_template_values(), who.provides)
    if missing:
        raise UsageError(
            "status.done_needs_field",
            step=step.id,
            field=Words(f"profile.field.{missing[0]}"),
            command=save_command(missing, suffix),
            run=f"autohelper run {step.scenario}{suffix}",
        )


@dataclass(frozen=True)
class Undone:
    """The step whose mark `undo` took back, the day that mark said, and why `status` still
    shows the step done when it does (a run, an earlier mark, the profile)."""

    step: ProcedureStep
    day: Day
    still: Words | None = None


def _still_done(state: StepState | None, suffix: str) -> Words | None:
    if state is None or state.state != "done":
        return None
    if state.via == "run" and state.day is not None:
        day = format_day(state.day)
        return Words("status.still_done_run", date=day, command=_run_command(state.step, suffix))
    if state.via == "mark" and state.day is not None:
        day = format_day(state.day)
        return Words("status.still_done_mark", date=day, step=state.step.id, suffix=suffix)
    return Words("status.still_done_profile", suffix=suffix)


def record_undo(profile_name: str | None, step_id: str, command_suffix: str = "") -> Undone:
    """Take back the latest standing `done` mark of `step_id`. Only marks are taken back: a
    step done by a run or by the profile stays done, and `Undone.still` says so. Nothing to
    take back is a UsageError, which names the run (and its day) or the profile that did the
    step, if one did."""
    who = student(profile_name, command_suffix)
    step = find_step(who.procedure, step_id, command_suffix)
    journal = _journal()
    runs, marks = _history(journal, who)
    standing = _standing_days(marks, step.id)
    if journal is None or not standing:
        state = own_state(step, runs, marks, who.profile, today(), who.provides)
        if state is not None and state.state == "done" and state.via == "run" and state.day:
            raise UsageError(
                "status.undo_done_by_run",
                step=step.id,
                date=format_day(state.day),
                command=_run_command(step, command_suffix),
            )
        if state is not None and state.state == "done" and state.via == "profile":
            raise UsageError("status.undo_done_by_profile", step=step.id, suffix=command_suffix)
        raise UsageError("status.nothing_to_undo", step=step.id)
    # Written through a journal opened for writing: the one read may be read as it is on disk.
    journal = jr.Journal(journal.path)
    journal.record_mark(who.key, who.procedure.id, step.id, today().isoformat(), "undone")
    marks = journal.marks(who.key, who.procedure.id)
    after = own_state(step, runs, marks, who.profile, today(), who.provides)
    return Undone(
        step, datetime.date.fromisoformat(standing[-1]), _still_done(after, command_suffix)
    )


def check_outputs(profile_name: str | None, outputs: Mapping[str, Path]) -> None:
    """Refuse, before anything is written, a report's path (by its option: `--html`) that is
    a profile or the journal (its write-ahead files too), or a file of the scenarios folder
    status reads (a procedure, a scenario): writing there would destroy the student's data,
    their history, or what status is computed from."""
    from autohelper.files import FileProblem, refuse_not_regular, refuse_unrelated, same_file
    from autohelper.outputs import personal_file

    for path in outputs.values():
        # A device, a pipe, /dev/stderr: refused now as the write would refuse it, before
        # the timeline is printed, never after.
        try:
            refuse_not_regular(path)
        except FileProblem as problem:
            raise UsageError("status.cannot_write", path=str(path), reason=problem) from None
    read = _read_files()
    for option, path in outputs.items():
        # The example's suffix is the option's: `--html` → tramite.html.
        suffix = option.replace("--", ".", 1)
        kind = personal_file(path, profile_name)
        if kind is not None:
            key = f"status.output_is_{kind}"
            raise UsageError(key, option=option, path=str(path), suffix=suffix)
        for other, what in read:
            if same_file(path, other):
                raise UsageError(
                    f"status.output_is_{what}", option=option, path=str(path), suffix=suffix
                )
    for option, path in outputs.items():
        # Last: any other file there is replaced only when it is an earlier report of the
        # option's kind (the person's notes.txt is not).
        refuse_unrelated(option, path, option.removeprefix("--"))


def _read_files() -> list[tuple[Path, str]]:
    """The files of the scenarios folder a status may read, each with what it is: the
    procedures ("procedure") and every other YAML file under it ("scenario": the scenarios a
    procedure's steps run, their portals). A folder that cannot be listed gives none here:
    reading the procedure says what is wrong with it."""
    from autohelper.scenario.loader import scenarios_dir

    try:
        folder = scenarios_dir()
        procedures = set(procedure_paths())
        files = [*folder.rglob("*.yaml"), *folder.rglob("*.yml")]
    except (OSError, UsageError):
        return []
    return [(path, "procedure" if path in procedures else "scenario") for path in files]


def save_private(path: Path, data: bytes) -> None:
    """Write a report readable by its owner only (0600 from the first byte, also when the file
    existed with a looser mode)."""
    try:
        # A device or a pipe (`--html /dev/null`) is refused, never written to nor chmodded.
        write_private(path, data)
    except OSError as exc:
        reason = os_problem(exc, writing=True)
        raise UsageError("status.cannot_write", path=str(path), reason=reason) from exc

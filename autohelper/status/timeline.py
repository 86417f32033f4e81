"""Where the student stands: a procedure, their profile, their runs and marks, and a date,
combined into one state per step (DESIGN.md, "Journal and status") and the next action.

Only the student's own history counts: runs in `qa` mode or against the bundled fixtures never
move a step; runs against a mirror count only when asked (`include_mirrors`). Events dated after
`as_of` have not happened yet as of that day. This module is pure: no files, no clock.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from autohelper.journal import MarkRow, RunRow
from autohelper.profile import Profile
from autohelper.status.business_days import BusinessCalendar, Day
from autohelper.status.procedure import Contact, Procedure, ProcedureStep, Rule

STATES = ("done", "skipped", "waiting", "next", "todo", "overdue", "in_person", "blocked")
# States that settle a step for the steps that depend on it.
_SETTLED = ("done", "skipped")


@dataclass(frozen=True)
class RunEvent:
    """A counted run of a scenario, on the local day it ended."""

    id: int
    scenario: str
    status: str
    day: Day
    yields: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class WindowPlace:
    """Where `as_of` falls in a wait: `before` (in `days` business days it opens), `within`
    (business day `days` of `total`; when `as_of` is not a business day itself, `days` is how
    many of them have passed), or `after` (`days` business days past the last)."""

    phase: str
    days: int
    total: int
    business_day: bool = True  # whether `as_of` itself is a business day


@dataclass(frozen=True)
class StepState:
    step: ProcedureStep
    state: str  # one of STATES
    day: Day | None = None  # done: when
    via: str | None = None  # done: mark | run | profile
    yields: dict[str, str] = field(default_factory=dict)  # what its run gave (masked in journal)
    rule: Rule | None = None  # what decided a skipped, blocked or in_person state
    window: tuple[Day, Day] | None = None  # a wait: its first and last business day
    place: WindowPlace | None = None
    not_before: Day | None = None
    deadline: Day | None = None
    last_run: RunEvent | None = None  # the latest counted run of its scenario
    recheck: bool = False  # a verdict that only means "not yet" while a wait is open
    ended_by: ProcedureStep | None = None  # a wait done: the later step whose being done ends it


@dataclass(frozen=True)
class NextAction:
    step: ProcedureStep
    state: str
    command: str | None  # the exact command for a scenario step
    not_before: Day | None
    done_command: str | None = None  # how to record it by hand (`autohelper done STEP ...`)
    # Blocked by the profile: the `profile set` that would make it done, if the profile is wrong.
    profile_command: str | None = None
    # A field a later step needs that this one gets (an NSS), or a field this step's scenario
    # needs that the profile lacks: the `profile set` that saves it.
    save_command: str | None = None
    # This step's scenario needs a field the profile lacks (the request, the NSS): the run of
    # the step that finds it (`autohelper run imss-nss`), for a student who does not know it.
    find_command: str | None = None
    needs: tuple[str, ...] = ()  # those fields


@dataclass(frozen=True)
class OrderConflict:
    """A step done on a day before a step it strictly follows (a window counts from that one,
    on the way to it) was done: an order `done` refuses, that `undo` or a run can leave."""

    step: StepState  # done, with a day
    follows: StepState  # done on a later day


@dataclass(frozen=True)
class Timeline:
    procedure: Procedure
    as_of: Day
    steps: tuple[StepState, ...]
    next: NextAction | None
    overdue: bool
    contacts: tuple[Contact, ...]
    profile: Profile
    conflicts: tuple[OrderConflict, ...] = ()
    command_suffix: str = ""  # what goes after the commands shown (` --profile NAME`)
    # The steps whose scenario waits for an emailed link (where to check an unknown send).
    mails: frozenset[str] = frozenset()

    def state(self, step_id: str) -> StepState:
        return next(s for s in self.steps if s.step.id == step_id)


def counted_runs(
    runs: Iterable[RunRow],
    include_mirrors: bool = False,
    tz: datetime.tzinfo | None = None,
    profile: str | None = None,
) -> list[RunEvent]:
    """The student's own finished runs: mode `student`, target `live` (or `mirror` when asked),
    and this profile's (a run from before runs recorded their profile counts for any)."""
    targets = ("live", "mirror") if include_mirrors else ("live",)
    events: list[RunEvent] = []
    for run in runs:
        stamp = run.ended_at or run.started_at
        if run.mode != "student" or run.target not in targets or run.status == "running":
            continue
        if profile is not None and run.profile is not None and run.profile != profile:
            continue  # another student of this machine
        day = datetime.datetime.fromisoformat(stamp).astimezone(tz).date()
        events.append(RunEvent(run.id, run.scenario, run.status, day, dict(run.yields)))
    return events


def _run_matches(rule: Rule, run: RunEvent) -> bool:
    if rule.source != "run" or (rule.status is not None and run.status != rule.status):
        return False
    return all(run.yields.get(key) == value for key, value in rule.yields)


def _profile_matches(rule: Rule, values: dict[str, str]) -> bool:
    if rule.source != "profile":
        return False
    return all(
        key in values if value == "set" else values.get(key) == value for key, value in rule.profile
    )


def standing_mark_day(marks: Sequence[MarkRow], as_of: Day) -> Day | None:
    """The day of the latest `done` mark still standing (each `undone` cancels the latest
    `done` before it), if it is not after `as_of`."""
    standing: list[Day] = []
    for mark in marks:
        if mark.kind == "done":
            standing.append(datetime.date.fromisoformat(mark.on_date))
        elif standing:
            standing.pop()
    days = [day for day in standing if day <= as_of]
    return days[-1] if days else None


def _decide(
    step: ProcedureStep,
    runs: list[RunEvent],
    marks: list[MarkRow],
    values: dict[str, str],
    as_of: Day,
    lacking: tuple[str, ...] = (),
) -> StepState | None:
    """The state a step's own evidence gives it, or None when that depends on the others.
    `lacking`: the profile fields this step gets that a later step needs and the profile does
    not hold (an NSS): a mark does not settle the step without them (it would not save them).
    The profile's own answer still skips it (`nss_from_employer`: DESIGN.md's contract); the
    step that needs the field asks for it when it comes next (`NextAction.save_command`)."""
    own = [run for run in runs if run.scenario == step.scenario and run.day <= as_of]
    last = own[-1] if own else None
    # What the profile says about the student (other insurance) is not overridden by a mark:
    # the way out is to fix the profile.
    for rule in step.blocked_when:
        if _profile_matches(rule, values):
            return StepState(step, "blocked", rule=rule, last_run=last)
    done_runs = [run for run in own if any(_run_matches(r, run) for r in step.done_when)]
    done_run = done_runs[-1] if done_runs else None
    got = dict(done_run.yields) if done_run else {}
    mark_day = standing_mark_day([m for m in marks if m.step == step.id], as_of)
    if mark_day is not None and not lacking:
        return StepState(step, "done", day=mark_day, via="mark", yields=got, last_run=last)
    if done_run is not None:
        return StepState(step, "done", day=done_run.day, via="run", yields=got, last_run=last)
    if any(_profile_matches(rule, values) for rule in step.done_when):
        return StepState(step, "done", via="profile", last_run=last)
    for rule in step.skipped_when:
        if _profile_matches(rule, values) or (last and _run_matches(rule, last)):
            return StepState(step, "skipped", rule=rule, last_run=last)
    if last is not None:
        for rule in step.in_person_when:
            if _run_matches(rule, last):
                return StepState(step, "in_person", rule=rule, last_run=last, yields=last.yields)
        if last.status == "in_person":
            return StepState(step, "in_person", last_run=last, yields=last.yields)
        for rule in step.blocked_when:
            if _run_matches(rule, last):
                return StepState(step, "blocked", rule=rule, last_run=last, yields=last.yields)
        if last.status == "unknown":  # a send whose result never came: check before retrying
            return StepState(step, "blocked", last_run=last)
    return None


def profile_command(step: ProcedureStep, command_suffix: str = "") -> str | None:
    """The `autohelper profile set` that makes `step` done by its profile rule (yes/no fields
    only), for a student whose profile blocks it by mistake; None when it has no such rule."""
    for rule in step.done_when:
        if rule.source != "profile" or not rule.profile:
            continue
        if any(value not in ("true", "false") for _, value in rule.profile):
            continue
        pairs = " ".join(
            f"{name}={'yes' if value == 'true' else 'no'}" for name, value in rule.profile
        )
        return f"autohelper profile set {pairs}{command_suffix}"
    return None


def own_state(
    step: ProcedureStep,
    runs: Iterable[RunEvent],
    marks: Iterable[MarkRow],
    profile: Profile,
    as_of: Day,
    provides: Mapping[str, tuple[str, ...]] | None = None,
) -> StepState | None:
    """The state the step's own evidence (its runs, its marks, the profile) gives it as of
    `as_of`, whatever the other steps say: what `done` and `undo` weigh a step by."""
    values = profile.as_template_values()
    lacking = lacking_fields(step, values, provides)
    return _decide(step, list(runs), list(marks), values, as_of, lacking)


def lacking_fields(
    step: ProcedureStep, values: Mapping[str, str], provides: Mapping[str, tuple[str, ...]] | None
) -> tuple[str, ...]:
    """The fields `step` gets for a later step (`provides`: by step id) that the profile lacks."""
    return tuple(name for name in (provides or {}).get(step.id, ()) if not values.get(name))


def save_command(fields: tuple[str, ...], command_suffix: str = "") -> str:
    """The `autohelper profile set` that saves `fields` (to fill in)."""
    pairs = " ".join(f"{name}=..." for name in fields)
    return f"autohelper profile set {pairs}{command_suffix}"


def build_timeline(
    procedure: Procedure,
    profile: Profile,
    runs: Iterable[RunEvent],
    marks: Iterable[MarkRow],
    as_of: Day,
    calendar: BusinessCalendar,
    command_suffix: str = "",
    provides: Mapping[str, tuple[str, ...]] | None = None,
    needs: Mapping[str, tuple[str, ...]] | None = None,
    mails: frozenset[str] = frozenset(),
) -> Timeline:
    """Every step's state as of `as_of`, the next action, and whether to show the contacts.
    `provides`: the profile fields each step gets that a later one needs (by step id);
    `needs`: the profile fields each step's scenario takes from another step's (by step id);
    `mails`: the steps whose scenario waits for an emailed link."""
    runs, marks = list(runs), list(marks)
    values = profile.as_template_values()
    lacking = {s.id: lacking_fields(s, values, provides) for s in procedure.steps}
    wanting = {s.id: lacking_fields(s, values, needs) for s in procedure.steps}
    decided = {s.id: _decide(s, runs, marks, values, as_of, lacking[s.id]) for s in procedure.steps}
    states: dict[str, StepState] = {}
    ready: list[str] = []
    for step in procedure.steps:
        own = decided[step.id]
        if step.kind == "wait":
            states[step.id] = _wait_state(step, procedure, decided, states, as_of, calendar)
        elif own is None or _waits_for_window(own, step, states) or _too_soon(own, step, states):
            states[step.id] = _open_state(step, states, as_of, calendar, own)
            if _requires_met(step, states):
                ready.append(step.id)
        else:
            states[step.id] = own
    action = _next_action(procedure, states, ready, command_suffix, lacking)
    if action is not None and action.state not in ("blocked", "in_person"):
        action = _ask_for_fields(action, procedure, wanting, provides, command_suffix)
    if action is not None:
        current = states[action.step.id]
        if current.state == "todo" and (action.not_before is None or action.not_before <= as_of):
            states[action.step.id] = replace(current, state="next")
            action = replace(action, state="next")
    ordered = tuple(states[step.id] for step in procedure.steps)
    overdue = any(s.state == "overdue" for s in ordered)
    alarm = overdue or any(s.state == "blocked" for s in ordered)
    contacts = procedure.help_desk.contacts if alarm else ()
    conflicts = _order_conflicts(procedure, states)
    return Timeline(
        procedure,
        as_of,
        ordered,
        action,
        overdue,
        contacts,
        profile,
        conflicts,
        command_suffix,
        frozenset(mails),
    )


def _ask_for_fields(
    action: NextAction,
    procedure: Procedure,
    wanting: Mapping[str, tuple[str, ...]],
    provides: Mapping[str, tuple[str, ...]] | None,
    command_suffix: str,
) -> NextAction:
    """The next step's scenario needs a profile field the profile lacks, one an earlier step
    gets (the request needs the NSS; the profile says `nss_from_employer`, so the NSS step is
    skipped, but the NSS was never saved): save it first, or run the step that finds it."""
    missing = wanting.get(action.step.id, ())
    if not missing:
        return action
    finders = [
        step
        for step in procedure.steps
        if step.scenario is not None and set(missing) & set((provides or {}).get(step.id, ()))
    ]
    find = f"autohelper run {finders[0].scenario}{command_suffix}" if finders else None
    fix = save_command(missing, command_suffix)
    return replace(action, save_command=fix, find_command=find, needs=missing)


def comes_after(procedure: Procedure) -> dict[str, dict[str, bool]]:
    """For each step, the steps it comes after (those it requires, and theirs), each with
    whether that order is strict. It is when a window counts from the earlier step on the way
    (the request the wait follows, the hand-in a confirmation confirms): what the institution
    does after it cannot have happened before it. Otherwise it is the usual order, not a rule
    of the real procedure: an NSS the student already had and found with the tool later, a
    clinic that checked the coverage itself before the student asked for the constancia.

    An order is strict when some way back from the step reaches the earlier one through the
    window that counts from it. Each step's set is built once from those of the steps it
    requires (written before it), so a long procedure whose steps each need the two before
    costs steps × steps, not a walk of every path."""
    by_id = {step.id: step for step in procedure.steps}
    found: dict[str, dict[str, bool]] = {}

    def of(step: ProcedureStep) -> dict[str, bool]:
        known = found.get(step.id)
        if known is not None:
            return known
        before: dict[str, bool] = {}
        found[step.id] = before  # a loop (the loader refuses one) ends here
        for dep_id in step.requires:
            dep = by_id.get(dep_id)
            if dep is None:  # the loader refuses it; nothing to order by
                continue
            strict = step.window is not None and step.window.after == dep_id
            for earlier, order in ((dep_id, strict), *of(dep).items()):
                before[earlier] = before.get(earlier, False) or order
        return before

    for step in procedure.steps:
        of(step)
    return found


def _order_conflicts(
    procedure: Procedure, states: dict[str, StepState]
) -> tuple[OrderConflict, ...]:
    """Each step done on a day before a step it strictly follows was done (a wait's day is the
    day of the step after it: never weighed). The same day is in order."""
    conflicts: list[OrderConflict] = []
    order = comes_after(procedure)
    for step in procedure.steps:
        state = states[step.id]
        if step.kind == "wait" or state.state != "done" or state.day is None:
            continue
        follows = [earlier for earlier, strict in order[step.id].items() if strict]
        for other_id in sorted(follows, key=procedure.step_ids.index):
            other = states[other_id]
            if other.step.kind == "wait" or other.state != "done" or other.day is None:
                continue
            if other.day > state.day:
                conflicts.append(OrderConflict(state, other))
    return tuple(conflicts)


def _requires_met(step: ProcedureStep, states: dict[str, StepState]) -> bool:
    """Every step it requires is settled; a wait counts once its window is known."""
    return all(
        states[dep].state in _SETTLED
        or (states[dep].step.kind == "wait" and states[dep].window is not None)
        for dep in step.requires
    )


def _too_soon(state: StepState, step: ProcedureStep, states: dict[str, StepState]) -> bool:
    """An office visit its run asked for, while a step it requires is not settled (the clinic
    refused the registration online, and then the vigencia said "sin derecho"): the step is
    `todo` until that one is done or skipped, never offered ahead of it. What a run did (done)
    or a send whose result never came (blocked) stands whatever the order."""
    return state.state == "in_person" and not _requires_met(step, states)


def _waits_for_window(state: StepState, step: ProcedureStep, states: dict[str, StepState]) -> bool:
    """A verdict marked `after_window` only blocks when it was given after the wait before the
    step was over (after its last business day): one given earlier, even if the wait has ended
    since, only said "not yet", and the step is to be checked again."""
    if state.state != "blocked" or state.rule is None or not state.rule.after_window:
        return False
    given = state.last_run.day if state.last_run is not None else None
    for dep in step.requires:
        wait = states[dep]
        if wait.step.kind != "wait":
            continue
        if wait.window is None:
            if wait.state not in ("done", "overdue"):
                return True
        elif given is None or given <= wait.window[1]:
            return True
    return False


def _wait_state(
    step: ProcedureStep,
    procedure: Procedure,
    decided: dict[str, StepState | None],
    states: dict[str, StepState],
    as_of: Day,
    calendar: BusinessCalendar,
) -> StepState:
    """A wait is done once a step after it is done; else waiting up to its window's last day,
    overdue past it (the contacts then show, worded for a student who checked first: what
    comes after the wait, the vigencia, says whether something is really wrong); `todo` until
    the step it follows is done."""
    assert step.window is not None  # the loader requires it
    after = states[step.window.after]
    done: list[StepState] = []
    for later in procedure.steps:
        state = decided[later.id]
        if step.id in later.requires and state is not None and state.state == "done":
            done.append(state)
    ended_by = done[0].step if done else None
    if after.day is None:
        if done:
            return StepState(step, "done", ended_by=ended_by)
        return StepState(step, "skipped" if after.state in _SETTLED else "todo")
    first = calendar.nth_after(after.day, step.window.first)
    last = calendar.nth_after(after.day, step.window.last or step.window.first)
    place = _place(first, last, as_of, calendar)
    if done:
        return StepState(
            step, "done", day=done[0].day, window=(first, last), place=place, ended_by=ended_by
        )
    now = "overdue" if as_of > last else "waiting"
    return StepState(step, now, window=(first, last), place=place, not_before=first)


def _place(first: Day, last: Day, as_of: Day, calendar: BusinessCalendar) -> WindowPlace:
    total = calendar.count_within(first, last)
    today = calendar.is_business_day(as_of)
    if as_of < first:
        return WindowPlace("before", calendar.count_between(as_of, first), total, today)
    if as_of <= last:
        return WindowPlace("within", calendar.count_within(first, as_of), total, today)
    return WindowPlace("after", calendar.count_between(last, as_of), total, today)


def _open_state(
    step: ProcedureStep,
    states: dict[str, StepState],
    as_of: Day,
    calendar: BusinessCalendar,
    decided: StepState | None,
) -> StepState:
    """A step not settled by its own evidence: `todo` until what it requires is settled; then
    its earliest day (a wait's first day, its own window) and deadline (its window's last)."""
    last_run = decided.last_run if decided else None
    # A deferred `after_window` verdict: check again (an office visit held back is not one).
    recheck = decided is not None and decided.state == "blocked"
    if not _requires_met(step, states):
        return StepState(step, "todo", last_run=last_run)
    not_before: Day | None = None
    deadline: Day | None = None
    for dep in step.requires:
        window = states[dep].window
        if states[dep].step.kind == "wait" and window and states[dep].state != "done":
            not_before = max(filter(None, (not_before, window[0])))
    if step.window is not None:
        start = states[step.window.after].day
        if start is not None:
            first = calendar.nth_after(start, step.window.first)
            not_before = max(filter(None, (not_before, first)))
            if step.window.last is not None:
                deadline = calendar.nth_after(start, step.window.last)
    state = "overdue" if deadline is not None and as_of > deadline else "todo"
    return StepState(
        step,
        state,
        not_before=not_before,
        deadline=deadline,
        last_run=last_run,
        recheck=recheck,
        yields=decided.yields if decided else {},
    )


def _next_action(
    procedure: Procedure,
    states: dict[str, StepState],
    ready: list[str],
    command_suffix: str,
    lacking: Mapping[str, tuple[str, ...]] | None = None,
) -> NextAction | None:
    """The first step, in the procedure's order, that the student can act on: a ready one, or
    one waiting on an office visit or on a person sorting something out."""
    for step in procedure.steps:
        state = states[step.id]
        if step.id in ready or state.state in ("in_person", "blocked"):
            command = f"autohelper run {step.scenario}{command_suffix}" if step.scenario else None
            rule = state.rule
            # Blocked by the profile: a mark would not change what the profile says.
            if state.state == "blocked" and rule is not None and rule.source == "profile":
                fix = profile_command(step, command_suffix)
                return NextAction(step, state.state, command, state.not_before, None, fix)
            missing = (lacking or {}).get(step.id, ())
            if missing:  # a mark would not give the later step what it needs: save it instead
                fix = save_command(missing, command_suffix)
                return NextAction(step, state.state, command, state.not_before, save_command=fix)
            done = f"autohelper done {step.id}{command_suffix}" if step.markable else None
            return NextAction(step, state.state, command, state.not_before, done)
    return None

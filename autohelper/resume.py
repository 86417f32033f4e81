"""A run cut short after its send (Ctrl-C, a closed terminal, a crash, or «salir» at the link),
taken up again without a second send.

The journal knows each run's submits and what came of them, and which steps ran after; the
scenario knows which step waits for the emailed link after a submit. A resumed run is a new
run that starts at that step (`RunOptions.start_at`): the steps between the send and the link
(reading the portal's "we emailed you a link") already ran and are not run again, and the link
step needs no page of its own (it opens the link, or the person opens it in this browser), so a
fresh browser is enough. It is offered only while the link can still work: the same calendar
day as the send, for the same scenario, profile and target (its kind, and a mirror's URL: a
link one mirror emailed means nothing to another). A send the portal refused (an outcome sent
the run back to its form: a wrong CAPTCHA) is no send to take up; one whose answer never came
still counts as possibly sent. The bundled mock forgets its links when it stops, so a demo
against it cannot be resumed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from autohelper.errors import UsageError
from autohelper.journal import REFUSED, Journal, RunRow, local_day
from autohelper.scenario import model as m

# A run that ended like this needs no resuming.
_FINISHED = ("success", "in_person")
# Submit results that mean nothing went out, or nothing was taken (the portal refused it).
_NOT_SENT = ("not_sent", REFUSED)
# Steps the journal records as done with.
_DONE_STEPS = ("ok", "skipped")


@dataclass(frozen=True)
class ResumePoint:
    """Where to take a sent request up: `run_id` is the run whose submit went out, `step` the
    index of the link step to start at, `sent_at` when the submit was pressed (UTC, ISO)."""

    run_id: int
    step: int
    sent_at: str

    def sent_time(self) -> str:
        """The local time of the send, `HH:MM`."""
        return datetime.datetime.fromisoformat(self.sent_at).astimezone().strftime("%H:%M")


def link_step_after(scenario: m.Scenario, position: int) -> int | None:
    """The first step waiting for an emailed link after step `position`, if any."""
    for index in range(position + 1, len(scenario.steps)):
        if isinstance(scenario.steps[index], m.EmailLink):
            return index
    return None


def _link_read_at(scenario: m.Scenario, link: int) -> int:
    """The step that reads what the link opened: the first outcome after it (else the link)."""
    for index in range(link + 1, len(scenario.steps)):
        if isinstance(scenario.steps[index], m.Outcome):
            return index
    return link


def _after_press(journal: Journal, run_id: int, submit_position: int) -> list[Any] | None:
    """The run's step rows recorded after its last press of the submit (None: never pressed)."""
    rows = journal.rows("steps", run_id)
    last_press = max(
        (i for i, row in enumerate(rows) if row["position"] == submit_position), default=None
    )
    return None if last_press is None else rows[last_press + 1 :]


def _reached(rows: list[Any], submit_position: int, link: int) -> bool:
    """Whether every step between the submit and the link step ran well after the press."""
    done = {row["position"] for row in rows if row["status"] in _DONE_STEPS}
    return set(range(submit_position + 1, link)) <= done


def _went_past(rows: list[Any], read_at: int) -> bool:
    """Whether a run went on past the step that reads the link's page: the link worked, it was
    used (a link is good once), and there is nothing left to take up at it."""
    return any(row["position"] > read_at for row in rows)


def _runs_newest_first(
    journal: Journal, scenario: str, profile: str, target: str, target_url: str | None
) -> list[RunRow]:
    """The student's runs of `scenario` with `profile` against that very target (a mirror's
    runs only with its URL: an older run against a mirror, whose URL is unknown, never)."""
    runs = [
        run
        for run in journal.runs(scenario)
        if run.mode == "student"
        and run.profile == profile
        and (run.target, run.target_url) == (target, target_url)
    ]
    return list(reversed(runs))


def find(
    journal: Journal,
    scenario: m.Scenario,
    profile: str,
    target: str,
    today: datetime.date | None = None,
    target_url: str | None = None,
) -> ResumePoint | None:
    """The send to take up, or None; `resume_point` says why not when asked to resume."""
    try:
        return resume_point(journal, scenario, profile, target, today, target_url)
    except UsageError:
        return None


def _run_name(scenario: m.Scenario) -> str:
    """How `autohelper run` names this scenario again: its id when it is a bundled one (or in
    AUTOHELPER_SCENARIOS), else its file, as the person gave it."""
    from autohelper.scenario.loader import find_scenario, scenarios_dir

    try:
        found = find_scenario(scenario.id, scenarios_dir())
    except UsageError:
        return scenario.path
    return scenario.id if found.resolve() == Path(scenario.path).resolve() else scenario.path


def resume_point(
    journal: Journal,
    scenario: m.Scenario,
    profile: str,
    target: str,
    today: datetime.date | None = None,
    target_url: str | None = None,
    command_suffix: str = "",
) -> ResumePoint:
    """The send of this scenario, profile and target (`target` its kind, `target_url` a
    mirror's URL as the journal keeps it) to take up at its link step; a UsageError says why
    there is none (nothing sent, finished since, the link already used, sent on another day,
    a demo), its command ending with `command_suffix` (` --profile NAME` when one was named)."""
    today = today or datetime.date.today()
    name = _run_name(scenario) + command_suffix
    if target == "fixtures":
        raise UsageError("resume.fixtures", scenario=scenario.id, name=name)
    for run in _runs_newest_first(journal, scenario.id, profile, target, target_url):
        if run.status in _FINISHED:
            break
        origin = run.resumes or run.id
        # The last send that an emailed link follows (a later send, such as an address given
        # after the link, means the link was used: the steps after it say so below).
        sent = [
            s
            for s in journal.submits(origin)
            if s.result not in _NOT_SENT and link_step_after(scenario, s.position) is not None
        ]
        if not sent:
            continue
        press = sent[-1]
        link = link_step_after(scenario, press.position)
        rows = _after_press(journal, origin, press.position)
        if link is None or rows is None or not _reached(rows, press.position, link):
            continue
        read_at = _link_read_at(scenario, link)
        resumed = journal.rows("steps", run.id) if run.resumes is not None else []
        if _went_past(rows, read_at) or _went_past(resumed, read_at):
            raise UsageError("resume.link_used", scenario=scenario.id, name=name)
        day = local_day(press.pressed_at)
        if day != today:
            raise UsageError("resume.expired", scenario=scenario.id, day=day.isoformat())
        return ResumePoint(origin, link, press.pressed_at)
    raise UsageError("resume.nothing", scenario=scenario.id, name=name)

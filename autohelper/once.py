"""Scenarios done once for good (`once: true`: a request filed with an institution): before any
browser starts, a student's run stops when their journal already holds a success of it, and
says when and with which folio; or when their last run pressed the request's own send and
never learned its answer (it may have gone through: they check first). `--again` goes on
anyway (the portal then says what it says).

Only a student's own runs count, against the same target (live runs guard live runs, a
mirror's guard that mirror's: another one knows nothing of the request); the bundled mock starts
empty each time, so nothing guards it. A step of their procedure marked done by hand
(`autohelper done`: they filed it themselves) guards live runs too, and says the day marked.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from autohelper.errors import AutohelperError
from autohelper.journal import Journal, default_path
from autohelper.messages import localized, t
from autohelper.scenario.model import Scenario, Submit, Text


class AlreadyDone(AutohelperError):
    """The student already did this scenario (once for good): nothing was started."""

    key = "session.already_done"

    def __init__(
        self, title: Text, day: datetime.date, folio: str | None, suffix: str = ""
    ) -> None:
        super().__init__(day=day.isoformat(), folio=folio or "")
        self.title = title
        self.day = day
        self.folio = folio
        self.suffix = suffix  # after the commands shown (` --profile ana`)

    def message(self, lang: str | None = None) -> str:
        from autohelper.status.words import format_day

        folio = t("session.with_folio", lang, folio=self.folio) if self.folio else ""
        return t(
            self.key,
            lang,
            title=localized(self.title, lang),
            date=format_day(self.day, lang),
            folio=folio,
            suffix=self.suffix,
        )


class AlreadyMarked(AlreadyDone):
    """The student marked this scenario's step done by hand (`autohelper done`): no folio is
    known, only the day marked; the message says how to take the mark back."""

    key = "session.already_marked"

    def __init__(self, title: Text, day: datetime.date, step: str, suffix: str = "") -> None:
        super().__init__(title, day, None, suffix)
        self.step = step

    def message(self, lang: str | None = None) -> str:
        from autohelper.status.words import format_day

        return t(
            self.key,
            lang,
            title=localized(self.title, lang),
            date=format_day(self.day, lang),
            step=self.step,
            suffix=self.suffix,
        )


class PossiblyDone(AutohelperError):
    """The student's last run of this scenario pressed its request's send and never learned
    the answer: it may have gone through. Nothing was started; the person checks first."""

    key = "session.possibly_done"

    def __init__(self, scenario: Scenario, send: str, pressed_at: str, suffix: str = "") -> None:
        super().__init__()
        self.scenario, self.send, self.pressed_at, self.suffix = scenario, send, pressed_at, suffix

    def message(self, lang: str | None = None) -> str:
        from autohelper.status.words import format_day

        when = datetime.datetime.fromisoformat(self.pressed_at).astimezone()
        return t(
            self.key,
            lang,
            title=localized(self.scenario.title, lang),
            scenario=self.scenario.id,
            step=self.send,
            date=format_day(when.date(), lang),
            time=when.strftime("%H:%M"),
            suffix=self.suffix,
        )


def refuse_repeat(
    scenario: Scenario,
    mode: str,
    target: str,
    profile: str,
    journal: Path | None,
    target_url: str | None = None,
    institution: str | None = None,
    command_suffix: str = "",
) -> None:
    """Raise AlreadyDone when `scenario` is done once for good and this student's journal
    (`profile`: their profile's file) holds a success of it against this target (its kind;
    for a mirror, `target_url`, that mirror); AlreadyMarked when, against the live portal,
    the step that runs it in their `institution`'s procedure stands marked done by hand.
    `command_suffix` goes after the commands the message shows."""
    if not scenario.once or mode != "student" or target == "fixtures":
        return
    path = journal or default_path()
    if not path.exists():
        return  # no journal yet: nothing was ever done (and none is created here)
    book = Journal(path)
    done = book.last_success(scenario.id, mode, target, profile, target_url)
    if done is not None:
        stamp = done.ended_at or done.started_at
        day = datetime.datetime.fromisoformat(stamp).astimezone().date()
        raise AlreadyDone(scenario.title, day, done.yields.get("folio"), command_suffix)
    _refuse_unanswered(scenario, book, mode, target, profile, target_url, command_suffix)
    if target == "live" and institution:
        _refuse_marked(scenario, book, profile, institution, command_suffix)


def _refuse_unanswered(
    scenario: Scenario,
    journal: Journal,
    mode: str,
    target: str,
    profile: str,
    target_url: str | None,
    suffix: str,
) -> None:
    """The student's last run of `scenario` (this target's) ended with its request's own send
    (the scenario's last submit) pressed and its answer never read, and no emailed link after
    it to take the request up by (resume.py): a second run would send it again. Said, with
    when, before anything starts; `--again` goes on."""
    from autohelper.resume import link_step_after

    runs = [
        run
        for run in journal.runs(scenario.id)
        if (run.mode, run.target) == (mode, target)
        and run.profile in (None, profile)
        and (target != "mirror" or run.target_url in (None, target_url))
    ]
    if not runs or runs[-1].status != "unknown":
        return
    sends = [i for i, step in enumerate(scenario.steps) if isinstance(step, Submit)]
    if not sends or link_step_after(scenario, sends[-1]) is not None:
        return
    pressed = [s for s in journal.submits(runs[-1].id) if s.position == sends[-1]]
    if pressed and pressed[-1].result == "unknown":
        send = pressed[-1]
        raise PossiblyDone(scenario, send.description, send.pressed_at, suffix)


def _refuse_marked(
    scenario: Scenario, journal: Journal, profile: str, institution: str, suffix: str
) -> None:
    """A mark is the student's word that they did it on the real portal: a mirror knows
    nothing of it, so only live runs are stopped by one."""
    from autohelper.status.procedure import procedure_for
    from autohelper.status.timeline import standing_mark_day

    try:
        procedure = procedure_for(institution)
    except AutohelperError:  # no procedure for it: `status` says so; the run goes on
        return
    marks = journal.marks(profile, procedure.id)
    for step in procedure.steps:
        if step.scenario != scenario.id:
            continue
        day = standing_mark_day([m for m in marks if m.step == step.id], datetime.date.max)
        if day is not None:
            raise AlreadyMarked(scenario.title, day, step.id, suffix)

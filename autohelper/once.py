"""Scenarios done once for good (`once: true`: a request filed with an institution): before any
browser starts, a student's run stops when their journal already holds a success of it, and
says when and with which folio. `--again` goes on anyway (the portal then says what it says).

Only a student's own runs count, against the same target (live runs guard live runs, a
mirror's guard that mirror's: another one knows nothing of the request); the bundled mock starts
empty each time, so nothing guards it.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from autohelper.errors import AutohelperError
from autohelper.journal import Journal, default_path
from autohelper.messages import localized, t
from autohelper.scenario.model import Scenario, Text


class AlreadyDone(AutohelperError):
    """The student already did this scenario (once for good): nothing was started."""

    key = "session.already_done"

    def __init__(self, title: Text, day: datetime.date, folio: str | None) -> None:
        super().__init__(day=day.isoformat(), folio=folio or "")
        self.title = title
        self.day = day
        self.folio = folio

    def message(self, lang: str | None = None) -> str:
        from autohelper.status.words import format_day

        folio = t("session.with_folio", lang, folio=self.folio) if self.folio else ""
        return t(
            self.key,
            lang,
            title=localized(self.title, lang),
            date=format_day(self.day, lang),
            folio=folio,
        )


def refuse_repeat(
    scenario: Scenario,
    mode: str,
    target: str,
    profile: str,
    journal: Path | None,
    target_url: str | None = None,
) -> None:
    """Raise AlreadyDone when `scenario` is done once for good and this student's journal
    (`profile`: their profile's file) holds a success of it against this target (its kind;
    for a mirror, `target_url`, that mirror)."""
    if not scenario.once or mode != "student" or target == "fixtures":
        return
    path = journal or default_path()
    if not path.exists():
        return  # no journal yet: nothing was ever done (and none is created here)
    done = Journal(path).last_success(scenario.id, mode, target, profile, target_url)
    if done is None:
        return
    stamp = done.ended_at or done.started_at
    day = datetime.datetime.fromisoformat(stamp).astimezone().date()
    raise AlreadyDone(scenario.title, day, done.yields.get("folio"))

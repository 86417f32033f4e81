"""Calendar reminders (iCalendar, `--ics FILE`) for the dates ahead: the first day a step may
be done (e.g. the first day to check the vigencia) and the last day of a wait (after it, write
to the help desk). All-day events with a morning alarm; no personal data in them."""

from __future__ import annotations

import datetime

from autohelper.messages import current_lang, localized, t
from autohelper.status.timeline import Timeline

_MORNING = datetime.timedelta(hours=9)  # the alarm of an all-day event, from its midnight


def timeline_ics(
    timeline: Timeline, lang: str | None = None, now: datetime.datetime | None = None
) -> bytes:
    """The calendar as bytes; events only for dates on or after `as_of`."""
    from icalendar import Alarm, Calendar, Event

    stamp = now or datetime.datetime.now(datetime.UTC)
    calendar = Calendar()
    # The product's identifier ends with the language of its text (RFC 5545's example: //EN).
    calendar.add("prodid", f"-//autohelper//status//{(lang or current_lang()).upper()}")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", localized(timeline.procedure.title, lang))
    procedure = timeline.procedure.id
    for summary, description, day, uid in _reminders(timeline, lang):
        if day == datetime.date.max:
            continue  # the end of the calendar: no day after it to end the event
        event = Event()
        event.add("uid", f"{procedure}-{uid}-{day.isoformat()}@autohelper")
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + datetime.timedelta(days=1))
        event.add("summary", summary)
        event.add("description", description)
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary)
        alarm.add("trigger", _MORNING)
        event.add_component(alarm)
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def _reminders(timeline: Timeline, lang: str | None) -> list[tuple[str, str, datetime.date, str]]:
    """(summary, description, day, uid part) for each date ahead."""
    found: list[tuple[str, str, datetime.date, str]] = []
    as_of = timeline.as_of
    action = timeline.next
    if action is not None and action.not_before is not None and action.not_before >= as_of:
        title = localized(action.step.title, lang)
        description = localized(action.step.explain, lang)
        if action.command:
            description += "\n" + action.command
        summary = t("status.ics.first_day", lang, title=title)
        found.append((summary, description, action.not_before, f"{action.step.id}-first"))
    for item in timeline.steps:
        if item.window is None or item.state not in ("waiting",) or item.window[1] < as_of:
            continue
        title = localized(item.step.title, lang)
        desk = localized(timeline.procedure.help_desk.name, lang)
        summary = t("status.ics.last_day", lang, title=title)
        suffix = timeline.command_suffix
        description = t("status.ics.last_day_detail", lang, desk=desk, suffix=suffix)
        found.append((summary, description, item.window[1], f"{item.step.id}-last"))
    return found

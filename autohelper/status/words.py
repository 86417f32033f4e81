"""The words every rendering of a timeline shares (terminal, HTML, calendar, help-desk message):
dates in the person's language, what each state says about a step, and the yields as shown
(a folio masked unless revealed). All text comes from the catalogue."""

from __future__ import annotations

import unicodedata

from autohelper.messages import has, localized, t
from autohelper.privacy import PERSONAL_FIELDS, mask
from autohelper.status.business_days import Day
from autohelper.status.procedure import Text, filled
from autohelper.status.timeline import NextAction, OrderConflict, StepState, Timeline

# Yields that identify a person's file: shown masked unless revealed. (Personal fields such as
# the NSS arrive already masked from the journal; masking them again changes nothing.)
_MASKED_YIELDS = frozenset({"folio"}) | PERSONAL_FIELDS


def format_day(day: Day, lang: str | None = None, year: bool = True) -> str:
    """`miércoles 18 de noviembre de 2026` / `Wednesday 18 November 2026`."""
    weekday = t("status.weekdays", lang).split(",")[day.weekday()]
    month = t("status.months", lang).split(",")[day.month - 1]
    key = "status.day_year" if year else "status.day"
    return t(key, lang, weekday=weekday, day=day.day, month=month, year=day.year)


def shown_yields(yields: dict[str, str], reveal: bool) -> dict[str, str]:
    """The yields as every rendering shows them: a folio or a personal value masked unless
    revealed, and no control character in a name or a value (a journal edited by hand may
    hold a line break or an escape sequence, which would break or recolour the terminal)."""
    return {
        printable(name): printable(
            value if reveal or name not in _MASKED_YIELDS else mask(value, name)
        )
        for name, value in yields.items()
    }


def printable(text: str) -> str:
    """`text` with each run of control characters (C0, C1, DEL, the line and paragraph
    separators, the invisible format ones such as direction marks) as one space, trimmed."""
    kept: list[str] = []
    changed = False
    for char in text:
        if unicodedata.category(char) in _CONTROL_CATEGORIES:
            changed = True
            if kept and kept[-1] != " ":
                kept.append(" ")
        else:
            kept.append(char)
    return "".join(kept).strip() if changed else text


_CONTROL_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})


def yield_label(name: str, lang: str | None = None) -> str:
    key = f"status.yield.{name}"
    text = t(key, lang)
    return name if text == key else text


# Yes/no as the journal keeps a yield's value (a portal's "SI", a flag's "true").
_YES_NO = {"si": "yes", "sí": "yes", "yes": "yes", "true": "yes", "no": "no", "false": "no"}


def yield_value(name: str, value: str, lang: str | None = None) -> str:
    """A yield's value in words: a code the catalogue says (`yield.verdict.vigente`: "in force
    (vigente)"), a yes/no in the person's language ("sí"/"yes"), else as kept."""
    if has(f"yield.{name}.{value}"):
        return t(f"yield.{name}.{value}", lang)
    answer = _YES_NO.get(value.strip().lower())
    return t(f"status.answer_{answer}", lang) if answer else value


def describe_yields(yields: dict[str, str], reveal: bool, lang: str | None = None) -> str:
    """`folio 1…9 · clínica UMF 12 · con derecho sí` (the NSS and other personal values stay
    masked; codes and yes/no said in words)."""
    shown = shown_yields(yields, reveal)
    return " · ".join(
        f"{yield_label(name, lang)} {yield_value(name, value, lang)}"
        for name, value in shown.items()
    )


def rule_text(text: Text, timeline: Timeline, lang: str | None) -> str:
    """A rule's text (`why`, `tell`, `where`, `bring`) in `lang`, the commands it shows with the
    timeline's profile (`{profile}`: ` --profile NAME` when one was named)."""
    return localized(filled(text, timeline.command_suffix), lang)


def state_label(state: str, lang: str | None = None) -> str:
    return t(f"status.state.{state}", lang)


def describe_state(item: StepState, timeline: Timeline, reveal: bool, lang: str | None) -> str:
    """One line saying what the step's state means: when it was done, why it was skipped, the
    window of a wait and today's place in it, from when it can be done, what blocks it."""
    same_year = timeline.as_of.year

    def day(value: Day) -> str:
        return format_day(value, lang, year=value.year != same_year)

    state = item.state
    parts: list[str] = []
    if state == "done":
        if item.ended_by is not None:  # a wait: the step after it is done
            title = localized(item.ended_by.title, lang)
            if item.day is not None:
                parts.append(t("status.wait_ended_on", lang, title=title, date=day(item.day)))
            else:
                parts.append(t("status.wait_ended", lang, title=title))
        elif item.day is not None:
            parts.append(t("status.done_on", lang, date=day(item.day)))
        else:
            parts.append(t(f"status.done_via_{item.via or 'profile'}", lang))
        if item.yields:
            parts.append(describe_yields(item.yields, reveal, lang))
    elif state == "skipped":
        why = rule_text(item.rule.why, timeline, lang) if item.rule and item.rule.why else ""
        parts.append(
            t("status.skipped_because", lang, why=why) if why else state_label(state, lang)
        )
    elif item.window is not None and state in ("waiting", "overdue"):
        first, last = item.window
        parts.append(t("status.window", lang, first=day(first), last=day(last)))
        if item.place is not None:
            place = item.place
            key = f"status.place_{place.phase}"
            if place.phase == "within" and not place.business_day:
                key = "status.place_within_off"
            parts.append(t(key, lang, days=place.days, total=place.total))
    elif state in ("next", "todo", "overdue"):
        parts.append(state_label(state, lang))
        if item.not_before is not None and item.not_before > timeline.as_of:
            parts.append(t("status.not_before", lang, date=day(item.not_before)))
        if item.deadline is not None:
            parts.append(t("status.deadline", lang, date=day(item.deadline)))
        if item.recheck and item.last_run is not None:
            key = "status.recheck_now" if _wait_over(item, timeline) else "status.recheck"
            parts.append(t(key, lang, date=day(item.last_run.day)))
    elif state == "in_person":
        where = item.rule.where if item.rule and item.rule.where else None
        parts.append(
            t("status.in_person_at", lang, where=rule_text(where, timeline, lang))
            if where
            else t("status.in_person_generic", lang)
        )
    elif state == "blocked":
        parts.append(blocked_reason(item, timeline, lang))
    return " · ".join(part for part in parts if part)


def _wait_over(item: StepState, timeline: Timeline) -> bool:
    """Whether every wait the step requires is over."""
    waits = [timeline.state(dep) for dep in item.step.requires]
    return all(wait.state in ("done", "overdue") for wait in waits if wait.step.kind == "wait")


def all_done(timeline: Timeline) -> bool:
    """Whether every step is done or skipped (no next step alone does not say so: a wait may
    still be open with nothing after it)."""
    return all(item.state in ("done", "skipped") for item in timeline.steps)


def nothing_next(timeline: Timeline, lang: str | None) -> str:
    """What to say when there is no next step: all done, or which steps are still open."""
    if all_done(timeline):
        return t("status.all_done", lang)
    open_steps = ", ".join(
        f"{item.step.id} ({state_label(item.state, lang)})"
        for item in timeline.steps
        if item.state not in ("done", "skipped")
    )
    return t("status.still_open", lang, steps=open_steps)


def conflict_note(conflict: OrderConflict, timeline: Timeline, lang: str | None) -> str:
    """A step shown done before a step it strictly follows: both days and how to fix either."""
    suffix = timeline.command_suffix
    step, other = conflict.step, conflict.follows
    assert step.day is not None and other.day is not None
    marked = [s.step.id for s in (step, other) if s.via == "mark"]
    undo = ""
    if marked:
        commands = ", ".join(f"autohelper undo {step_id}{suffix}" for step_id in marked)
        undo = t("status.order_conflict_undo", lang, commands=commands)
    return t(
        "status.order_conflict",
        lang,
        step=step.step.id,
        date=format_day(step.day, lang),
        other=other.step.id,
        other_date=format_day(other.day, lang),
        suffix=suffix,
        undo=undo,
    )


def blocked_reason(item: StepState, timeline: Timeline, lang: str | None) -> str:
    if item.rule is not None and item.rule.why is not None:
        return rule_text(item.rule.why, timeline, lang)
    if item.last_run is not None and item.last_run.status == "unknown":
        # Where to look follows the portal: the email too where it mails a link, else the
        # portal alone (the CIA mails nothing we know of).
        where = "email" if item.step.id in timeline.mails else "portal"
        return t(f"status.blocked_unknown.{where}", lang)
    return t("status.blocked_generic", lang)


def contact_line(kind: str, value: str, hours: str | None, lang: str | None) -> str:
    label = t(f"status.contact.{kind}", lang)
    return f"{label}: {value}" + (f" ({t('status.hours', lang, hours=hours)})" if hours else "")


def save_hint(action: NextAction, lang: str | None) -> str | None:
    """How to put in the profile a field the next step needs: this step's own (an NSS found
    elsewhere: saving it does the step), or one the step's scenario takes from an earlier
    step (the request needs the NSS: save it first, or run the step that finds it)."""
    if not action.save_command:
        return None
    if not action.needs:
        return t("status.save_hint", lang, command=action.save_command)
    fields = ", ".join(t(f"profile.field.{name}", lang) for name in action.needs)
    if action.find_command is None:
        return t("status.save_first", lang, field=fields, command=action.save_command)
    return t(
        "status.save_first_or_find",
        lang,
        field=fields,
        command=action.save_command,
        find=action.find_command,
    )

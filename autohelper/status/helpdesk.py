"""A ready-to-send message for the institution's help desk, written for the student when a
step is overdue or blocked: who they are (names, student ID), what they filed and when (with
the folio), and what is wrong. Personal data and the folio are masked unless revealed, so the
message can be shown on screen or saved in a report without exposing them. It is written in
Spanish whatever language the tool speaks: it is for the school's help desk, in Mexico; the
words around it (in the person's language) say so."""

from __future__ import annotations

from autohelper.messages import localized, t
from autohelper.privacy import mask
from autohelper.status.timeline import Timeline
from autohelper.status.words import format_day, rule_text, shown_yields

# The help desks of the procedures' schools (ITSON's, Servicios Escolares) read Spanish.
DESK_LANG = "es"


def helpdesk_message(timeline: Timeline, reveal: bool, lang: str | None = None) -> str | None:
    """The message, or None when nothing is overdue or blocked. In the desk's language
    (DESK_LANG), not `lang`, the person's: they send it, the desk reads it."""
    if not timeline.contacts:
        return None
    lang = DESK_LANG
    profile = timeline.profile
    names = [n for n in (profile.names, profile.first_surname, profile.second_surname) if n]
    name = " ".join(names if reveal else [mask(n, "names") for n in names])
    lines = [t("status.msg.greeting", lang)]
    who = t("status.msg.who", lang, name=name) if name else t("status.msg.who_unnamed", lang)
    if profile.student_id:
        student_id = profile.student_id if reveal else mask(profile.student_id, "student_id")
        who += t("status.msg.student_id", lang, student_id=student_id)
    lines.append(who + ".")
    for item in timeline.steps:
        if item.state != "done" or item.day is None or item.step.kind == "wait":
            continue
        folio = shown_yields(item.yields, reveal).get("folio")
        filed = t(
            "status.msg.filed",
            lang,
            date=format_day(item.day, lang),
            title=localized(item.step.title, lang),
        )
        lines.append(filed + (t("status.msg.folio", lang, folio=folio) if folio else "") + ".")
    for item in timeline.steps:
        if item.state == "overdue" and item.window is not None:
            first, last = item.window
            lines.append(
                t(
                    "status.msg.overdue",
                    lang,
                    title=localized(item.step.title, lang),
                    first=format_day(first, lang),
                    last=format_day(last, lang),
                )
            )
        elif item.state == "blocked":
            tell = item.rule.tell if item.rule is not None else None
            lines.append(
                rule_text(tell, timeline, lang)
                if tell
                else t("status.msg.blocked", lang, title=localized(item.step.title, lang))
            )
    lines.append(t("status.msg.closing", lang))
    return "\n".join(lines)

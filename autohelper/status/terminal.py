"""A timeline as terminal lines, in the house style: one line per step (a sign, its id to type
in `autohelper done`, its title), one indented line on its state, then what comes next and,
when something is overdue or blocked, whom to contact and a message ready to send."""

from __future__ import annotations

from autohelper.messages import localized, t
from autohelper.status.helpdesk import helpdesk_message
from autohelper.status.timeline import NextAction, Timeline
from autohelper.status.words import (
    blocked_reason,
    conflict_note,
    contact_line,
    describe_state,
    format_day,
    nothing_next,
    rule_text,
    save_hint,
)

SIGNS = {
    "done": "✔",
    "skipped": "–",
    "waiting": "…",
    "next": "→",
    "todo": "·",
    "overdue": "!",
    "in_person": "⌂",
    "blocked": "✘",
}


def timeline_lines(timeline: Timeline, reveal: bool = False, lang: str | None = None) -> list[str]:
    procedure = timeline.procedure
    width = max(len(step.id) for step in procedure.steps)
    lines = [
        localized(procedure.title, lang),
        t("status.as_of", lang, date=format_day(timeline.as_of, lang)),
        "",
    ]
    for item in timeline.steps:
        sign = SIGNS[item.state]
        lines.append(f"  {sign} {item.step.id.ljust(width)}  {localized(item.step.title, lang)}")
        lines.append(f"    {' ' * width}  {describe_state(item, timeline, reveal, lang)}")
    lines.append("")
    for conflict in timeline.conflicts:
        lines += [conflict_note(conflict, timeline, lang), ""]
    lines += next_lines(timeline, lang)
    if timeline.contacts:
        lines.append("")
        lines += contact_lines(timeline, reveal, lang)
    return lines


def next_lines(timeline: Timeline, lang: str | None) -> list[str]:
    action = timeline.next
    if action is None:
        return [nothing_next(timeline, lang)]
    step = action.step
    heading = t("status.next", lang, title=localized(step.title, lang))
    if action.not_before is not None and action.not_before > timeline.as_of:
        heading += " " + t("status.next_from", lang, date=format_day(action.not_before, lang))
    lines = [heading, f"  {localized(step.explain, lang)}"]
    item = timeline.state(step.id)
    if action.state == "in_person" and item.rule is not None and item.rule.bring:
        bring = rule_text(item.rule.bring, timeline, lang)
        lines.append("  " + t("status.bring", lang, bring=bring))
    save = save_hint(action, lang)
    if save is not None and action.needs:  # before the command: the run would ask for it
        lines.append("  " + save)
    if action.command is not None and action.state != "in_person":
        lines.append("  " + t("status.command", lang, command=action.command))
    if step.kind == "manual" and step.where is not None:
        lines.append("  " + t("status.where", lang, where=localized(step.where, lang)))
    if action.done_command and (step.kind == "manual" or action.state == "in_person"):
        lines.append("  " + t("status.mark_hint", lang, command=action.done_command))
    if save is not None and not action.needs:
        lines.append("  " + save)
    if action.profile_command:
        desk = localized(timeline.procedure.help_desk.name, lang)
        lines.append(
            "  " + t("status.profile_fix", lang, command=action.profile_command, desk=desk)
        )
    return lines


def after_run_lines(
    timeline: Timeline, lang: str | None, mirror: str | None = None, ran: str | None = None
) -> list[str]:
    """What comes next, said at the end of a student's run (of scenario `ran`): `next_lines`,
    then how to go on. A next step that comes before the one just run (the clinic registered,
    the request in the school's portal not in the history) is said as the earlier step it is,
    with how to mark it done if it was done elsewhere: not as what follows «you finished».
    `autohelper next` starts a step that can be done now; it starts nothing when the next step
    is blocked (it shows the contacts) or when there is none, so the lines never promise it
    then: a blocked step gets what `status` says of it (what happened, whom to contact, the
    message, masked). `mirror`: the mirror the run practised against (its URL, quoted), when
    the command shown goes to the real portal instead."""
    suffix = timeline.command_suffix
    action = timeline.next
    if action is None:
        return [
            *next_lines(timeline, lang),
            "  " + t("status.after_run_status", lang, suffix=suffix),
        ]
    # The command shown, and `next`, go to the real portal: after a mirror run, say so.
    practice: list[str] = []
    runs = action.command is not None and action.state not in ("in_person", "blocked")
    if mirror is not None and runs:
        practice = [t("status.after_mirror_run", lang, url=mirror)]
    # After practice on a mirror nothing was done for real: no step «quedó hecho».
    earlier = _earlier(timeline, action, ran, lang) if mirror is None else []
    lines = [*practice, *earlier, *next_lines(timeline, lang)]
    if action.state != "blocked":
        # `next` starts nothing while the profile lacks a field the run needs (said above).
        key = "status.after_run_status" if action.needs else "status.after_run"
        return [*lines, "  " + t(key, lang, suffix=suffix)]
    item = timeline.state(action.step.id)
    lines.append("  " + t("status.what_happened", lang, why=blocked_reason(item, timeline, lang)))
    lines += ["", *contact_lines(timeline, False, lang)]
    return [*lines, "", t("status.after_run_status", lang, suffix=suffix)]


def _earlier(
    timeline: Timeline, action: NextAction, ran: str | None, lang: str | None
) -> list[str]:
    """The line saying the next step comes before the one just run (scenario `ran`), or none."""
    order = [step.id for step in timeline.procedure.steps]
    done = [step.id for step in timeline.procedure.steps if step.scenario == ran]
    if not done or order.index(action.step.id) >= order.index(done[0]):
        return []
    return [
        t(
            "status.after_run_earlier",
            lang,
            title=localized(action.step.title, lang),
            step=action.step.id,
            suffix=timeline.command_suffix,
        )
    ]


def contact_lines(timeline: Timeline, reveal: bool, lang: str | None) -> list[str]:
    desk = timeline.procedure.help_desk
    # A step blocked says more than a wait gone by (the check after it said what is wrong).
    blocked = any(item.state == "blocked" for item in timeline.steps)
    key = (
        "status.contacts_overdue" if timeline.overdue and not blocked else "status.contacts_blocked"
    )
    lines = [t(key, lang, name=localized(desk.name, lang))]
    for contact in timeline.contacts:
        hours = contact.hours or desk.hours
        lines.append("  " + contact_line(contact.kind, contact.shown(lang), hours, lang))
    message = helpdesk_message(timeline, reveal, lang)
    if message:
        lines.append("")
        lines.append(t("status.message_ready" if reveal else "status.message_masked", lang))
        lines += [f"  | {line}" for line in message.splitlines()]
    return lines

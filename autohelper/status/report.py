"""A timeline as data (`--json`, DESIGN.md's contract plus extra keys) and as one
self-contained, printable HTML page (`--html`). Neither holds raw personal data unless
revealed: the journal's yields are already masked, the folio and the profile's names and
student ID are masked here."""

from __future__ import annotations

import html
from typing import Any

from autohelper.messages import localized, t
from autohelper.status.helpdesk import helpdesk_message
from autohelper.status.timeline import StepState, Timeline
from autohelper.status.words import (
    blocked_reason,
    conflict_note,
    contact_line,
    describe_state,
    format_day,
    nothing_next,
    rule_text,
    save_hint,
    shown_yields,
    state_label,
)


def timeline_json(
    timeline: Timeline, reveal: bool = False, lang: str | None = None
) -> dict[str, Any]:
    """The `autohelper status --json` object."""
    action = timeline.next
    next_json: dict[str, Any] | None = None
    if action is not None:
        next_json = {
            "step": action.step.id,
            "state": action.state,
            "kind": action.step.kind,
            "title": localized(action.step.title, lang),
            "command": action.command,
            "not_before": action.not_before.isoformat() if action.not_before else None,
            "done_command": action.done_command,
        }
        if action.profile_command is not None:
            next_json["profile_command"] = action.profile_command
        if action.save_command is not None:
            next_json["save_command"] = action.save_command
        if action.find_command is not None:
            next_json["find_command"] = action.find_command
    data: dict[str, Any] = {
        "procedure": timeline.procedure.id,
        "as_of": timeline.as_of.isoformat(),
        "steps": [_step_json(item, timeline, reveal, lang) for item in timeline.steps],
        "next": next_json,
        "overdue": timeline.overdue,
        "contacts": [
            {"kind": c.kind, "value": c.shown(lang), "hours": c.hours or _desk_hours(timeline)}
            for c in timeline.contacts
        ],
    }
    if timeline.conflicts:
        data["order_conflicts"] = [
            {
                "step": c.step.step.id,
                "date": c.step.day.isoformat() if c.step.day else None,
                "follows": c.follows.step.id,
                "follows_date": c.follows.day.isoformat() if c.follows.day else None,
                "note": conflict_note(c, timeline, lang),
            }
            for c in timeline.conflicts
        ]
    if timeline.contacts:
        data["help_desk"] = {
            "name": localized(timeline.procedure.help_desk.name, lang),
            "message": helpdesk_message(timeline, reveal, lang),
        }
    return data


def _desk_hours(timeline: Timeline) -> str | None:
    return timeline.procedure.help_desk.hours


def _step_json(
    item: StepState, timeline: Timeline, reveal: bool, lang: str | None
) -> dict[str, Any]:
    step = item.step
    out: dict[str, Any] = {
        "id": step.id,
        "state": item.state,
        "kind": step.kind,
        "title": localized(step.title, lang),
    }
    if item.day is not None:
        out["date"] = item.day.isoformat()
    if item.via is not None:
        out["via"] = item.via
    if item.ended_by is not None:
        out["ended_by"] = item.ended_by.id
    if item.yields:
        out["yields"] = shown_yields(item.yields, reveal)
    if item.window is not None:
        out["from"], out["until"] = (day.isoformat() for day in item.window)
    if item.place is not None and item.state in ("waiting", "overdue"):
        out["place"] = {
            "phase": item.place.phase,
            "days": item.place.days,
            "total": item.place.total,
        }
        if not item.place.business_day:
            out["place"]["business_day"] = False
    if item.not_before is not None:
        out["not_before"] = item.not_before.isoformat()
    if item.deadline is not None:
        out["deadline"] = item.deadline.isoformat()
    if item.state == "skipped" and item.rule is not None and item.rule.why is not None:
        out["why"] = rule_text(item.rule.why, timeline, lang)
    if item.state == "blocked":
        out["why"] = blocked_reason(item, timeline, lang)
    if item.state == "in_person":
        rule = item.rule
        out["where"] = rule_text(rule.where, timeline, lang) if rule and rule.where else None
        out["bring"] = rule_text(rule.bring, timeline, lang) if rule and rule.bring else None
    if item.last_run is not None:
        run = item.last_run
        out["last_run"] = {
            "date": run.day.isoformat(),
            "status": run.status,
            "yields": shown_yields(run.yields, reveal),
        }
    return out


# -- HTML -------------------------------------------------------------------------------------
_CSS = """
body{font:16px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:46rem;padding:0 1rem}
body{color:#1b1b1b} h1{font-size:1.4rem;margin-bottom:.2rem} .as-of{color:#555;margin-top:0}
ol{list-style:none;padding:0}
ol>li{border:1px solid #ccc;border-radius:6px;margin:.5rem 0;padding:.6rem .8rem}
.state{font-weight:600;font-size:.85rem;text-transform:uppercase;letter-spacing:.03em}
.done,.skipped{background:#f2f8f2} .next{border:2px solid #1f5fa8}
.overdue,.blocked{background:#fff3f0;border-color:#c0392b} .in_person{background:#fffbea}
.explain{color:#444;margin:.2rem 0} .detail{margin:.2rem 0} section{margin-top:1.5rem}
pre{white-space:pre-wrap;background:#f6f6f6;padding:.8rem;border-radius:6px}
code{background:#f0f0f0;padding:0 .25rem}
@media print{body{margin:0;max-width:none} ol>li{break-inside:avoid} .next{border-width:1px}}
"""


def timeline_html(timeline: Timeline, reveal: bool = False, lang: str | None = None) -> str:
    """One page, no external resource, readable on screen and on paper."""
    e = html.escape
    title = localized(timeline.procedure.title, lang)
    items = []
    for item in timeline.steps:
        step = item.step
        items.append(
            f'<li class="{item.state}" id="step-{e(step.id)}">'
            f'<span class="state">{e(state_label(item.state, lang))}</span> '
            f"<strong>{e(localized(step.title, lang))}</strong> <code>{e(step.id)}</code>"
            f'<p class="explain">{e(localized(step.explain, lang))}</p>'
            f'<p class="detail">{e(describe_state(item, timeline, reveal, lang))}</p></li>'
        )
    parts = [
        "<!doctype html>",
        f'<html lang="{e(lang or "es")}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{e(title)}</h1>",
        f'<p class="as-of">{e(t("status.as_of", lang, date=format_day(timeline.as_of, lang)))}</p>',
        f"<ol>{''.join(items)}</ol>",
    ]
    if timeline.conflicts:
        notes = "".join(f"<p>{e(conflict_note(c, timeline, lang))}</p>" for c in timeline.conflicts)
        parts.append(f'<section id="notes">{notes}</section>')
    action = timeline.next
    if action is not None:
        parts.append(f'<section id="next"><h2>{e(t("status.next_heading", lang))}</h2>')
        parts.append(f"<p><strong>{e(localized(action.step.title, lang))}</strong></p>")
        parts.append(f"<p>{e(localized(action.step.explain, lang))}</p>")
        save = save_hint(action, lang)
        if save is not None and action.needs:  # before the command: the run would ask for it
            parts.append(f"<p>{e(save)}</p>")
        if action.command:
            parts.append(f"<p><code>{e(action.command)}</code></p>")
        if save is not None and not action.needs:
            parts.append(f"<p>{e(save)}</p>")
        parts.append("</section>")
    else:
        parts.append(f'<section id="next"><p>{e(nothing_next(timeline, lang))}</p></section>')
    if timeline.contacts:
        desk = timeline.procedure.help_desk
        parts.append(f'<section id="contacts"><h2>{e(localized(desk.name, lang))}</h2><ul>')
        for contact in timeline.contacts:
            line = contact_line(
                contact.kind, contact.shown(lang), contact.hours or desk.hours, lang
            )
            parts.append(f"<li>{e(line)}</li>")
        heading = t("status.message_ready" if reveal else "status.message_masked", lang)
        parts.append(f"</ul><h3>{e(heading.rstrip(':'))}</h3>")
        parts.append(f"<pre>{e(helpdesk_message(timeline, reveal, lang) or '')}</pre></section>")
    parts.append("</body></html>\n")
    return "\n".join(parts)

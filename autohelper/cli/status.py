"""Status commands: `status` (where the student stands), `done` and `undo` (a step recorded by
hand, and taken back), `next` (do what status calls next).

Thin on purpose: each command parses its options, calls `autohelper.status.standing` and
renders. Playwright is never imported here: `next` hands a scenario to the `run` command.
"""

from __future__ import annotations

import json
import shlex
from pathlib import Path
from typing import TYPE_CHECKING

import click
from click.core import ParameterSource

from autohelper.cli.localized import LocalizedCommand
from autohelper.cli.paths import OutputFile
from autohelper.errors import UsageError
from autohelper.files import same_file
from autohelper.messages import current_lang, localized, t
from autohelper.profile import profile_suffix
from autohelper.status.business_days import Day, parse_day

if TYPE_CHECKING:
    from autohelper.status.standing import Marked, StatusRequest

# Help texts and placeholders come from the catalogue (messages/commands.py, `help.status*`).
_profile_option = click.option(
    "--profile", "profile_name", default=None, envvar="AUTOHELPER_PROFILE"
)
_as_of_option = click.option("--as-of", "as_of", default=None)
_mirrors_option = click.option("--include-mirrors", is_flag=True)


def _today() -> Day:
    from autohelper.status.standing import today

    return today()


def _as_of(text: str | None) -> Day:
    return parse_day(text, "--as-of") if text is not None else _today()


def _request(
    ctx: click.Context, profile_name: str | None, as_of: str | None, include_mirrors: bool
) -> StatusRequest:
    from autohelper.status.standing import StatusRequest

    return StatusRequest(profile_name, _as_of(as_of), include_mirrors, _suffix(ctx, profile_name))


def _suffix(ctx: click.Context, profile_name: str | None) -> str:
    """What goes after a command shown to the student: the profile, only when they named it
    on the line."""
    given = ctx.get_parameter_source("profile_name") == ParameterSource.COMMANDLINE
    return profile_suffix(profile_name) if given else ""


@click.command("status", cls=LocalizedCommand)
@click.option("--json", "as_json", is_flag=True)
@click.option("--html", "html_file", type=OutputFile("html"), default=None)
@click.option("--ics", "ics_file", type=OutputFile("ics"), default=None)
@click.option("--reveal", is_flag=True)
@_as_of_option
@_profile_option
@_mirrors_option
@click.pass_context
def status_command(
    ctx: click.Context,
    as_json: bool,
    html_file: Path | None,
    ics_file: Path | None,
    reveal: bool,
    as_of: str | None,
    profile_name: str | None,
    include_mirrors: bool,
) -> None:
    from autohelper.status import standing

    outputs = (("--html", html_file), ("--ics", ics_file))
    standing.check_outputs(profile_name, {name: path for name, path in outputs if path})
    if html_file is not None and ics_file is not None and same_file(html_file, ics_file):
        raise UsageError("status.same_output", path=str(ics_file))
    timeline = standing.current_timeline(_request(ctx, profile_name, as_of, include_mirrors))
    lang = current_lang()
    if as_json:
        from autohelper.status.report import timeline_json

        data = timeline_json(timeline, reveal, lang)
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        from autohelper.status.terminal import timeline_lines

        for line in timeline_lines(timeline, reveal, lang):
            click.echo(line)
    if html_file is not None:
        from autohelper.status.report import timeline_html

        standing.save_private(html_file, timeline_html(timeline, reveal, lang).encode("utf-8"))
        click.echo(t("status.saved_html", path=str(html_file)), err=as_json)
    if ics_file is not None:
        from autohelper.status.ics import timeline_ics

        standing.save_private(ics_file, timeline_ics(timeline, lang))
        click.echo(t("status.saved_ics", path=str(ics_file)), err=as_json)


@click.command("done", cls=LocalizedCommand)
@click.argument("step")
@click.option("--on", "on", default=None)
@_profile_option
@click.pass_context
def done_command(ctx: click.Context, step: str, on: str | None, profile_name: str | None) -> None:
    from autohelper.status import standing

    day = parse_day(on, "--on") if on is not None else standing.today()
    _echo_marked(standing.record_done(profile_name, step, day, _suffix(ctx, profile_name)), day)


def _echo_marked(marked: Marked, day: Day) -> None:
    """What `done` and `next` say once a step is marked: the step and its day, a note when
    that day has not come yet, and one for each step done out of the usual order with it."""
    from autohelper.status.standing import today

    title = localized(marked.step.title)
    key = "status.marked_again" if marked.again else "status.marked"
    click.echo(t(key, step=marked.step.id, title=title, date=_day(day)))
    if day > today():
        click.echo(t("status.marked_future", date=_day(day)), err=True)
    for note in marked.notes:
        click.echo(note.message(), err=True)


@click.command("undo", cls=LocalizedCommand)
@click.argument("step")
@_profile_option
@click.pass_context
def undo_command(ctx: click.Context, step: str, profile_name: str | None) -> None:
    from autohelper.status import standing

    undone = standing.record_undo(profile_name, step, _suffix(ctx, profile_name))
    title = localized(undone.step.title)
    click.echo(t("status.unmarked", step=undone.step.id, title=title, date=_day(undone.day)))
    if undone.still is not None:
        click.echo(undone.still.message())


@click.command("next", cls=LocalizedCommand)
@_as_of_option
@_profile_option
@_mirrors_option
@click.pass_context
def next_command(
    ctx: click.Context, as_of: str | None, profile_name: str | None, include_mirrors: bool
) -> None:
    from autohelper.status import standing
    from autohelper.status.terminal import contact_lines, next_lines

    request = _request(ctx, profile_name, as_of, include_mirrors)
    timeline = standing.current_timeline(request)
    lang = current_lang()
    for line in next_lines(timeline, lang):
        click.echo(line)
    action = timeline.next
    if action is None:
        return
    if action.state == "blocked":
        click.echo("")
        for line in contact_lines(timeline, False, lang):
            click.echo(line)
        return
    if action.not_before is not None and action.not_before > request.as_of:
        click.echo(t("status.not_yet", date=_day(action.not_before)))
        return
    step = action.step
    if action.needs:
        # The run would stop before its browser for the field the lines above say to save
        # first (an NSS from a job never saved): nothing to offer until it is saved.
        return
    if step.scenario is not None and action.state != "in_person":
        if _ask(t("status.ask_run", command=action.command), False, "status.ask_run_ended"):
            from autohelper.cli import run

            ctx.invoke(
                run,
                scenario=step.scenario,
                against="live",
                profile=profile_name,
                headless=None,
                trace=None,
                browser=None,
            )
        else:
            click.echo(t("status.run_declined", command=action.command))
        return
    if step.markable and _ask(
        t("status.ask_mark", date=_day(request.as_of)), False, "status.ask_mark_ended"
    ):
        marked = standing.record_done(profile_name, step.id, request.as_of, request.command_suffix)
        _echo_marked(marked, request.as_of)
    elif step.markable and action.done_command:
        click.echo(t("status.mark_declined", command=action.done_command))


def _ask(question: str, default: bool, ended: str) -> bool:
    """A yes/no question of `next`; the input ending is no answer, said with what was not
    done (`ended`): nothing is sent at these questions."""
    from autohelper.cli.errors import InputEnded
    from autohelper.human import ask_yes_no

    try:
        return ask_yes_no(question, default=default)
    except InputEnded:
        raise InputEnded(ended) from None


def next_after_run(profile_name: str | None, against: str, ran: str | None = None) -> list[str]:
    """What `status` says comes next, after a student's run (live, or a mirror) of scenario
    `ran`: the procedure's next step and its command. Empty when status cannot say (a run
    against the bundled mock does not count; a profile with no institution has no procedure):
    the run's own message already said what comes next."""
    from autohelper.errors import AutohelperError
    from autohelper.status import standing
    from autohelper.status.terminal import after_run_lines
    from autohelper.target import parse_against, shown_against

    try:
        spec = parse_against(against)
        if spec.kind == "fixtures":
            # Practice: whatever the run's words said («quedó registrada», «te asignó tu NSS»),
            # nothing of it is real, nor counts in the procedure.
            command = f"autohelper run {ran}{profile_suffix(profile_name)}" if ran else ""
            key = "status.after_practice_command" if command else "status.after_practice"
            return ["", t(key, command=command)]
        # The command shown names the profile the run was given.
        suffix = profile_suffix(profile_name)
        mirrors = spec.kind == "mirror"
        request = standing.StatusRequest(profile_name, _today(), mirrors, suffix)
        timeline = standing.current_timeline(request)
    except AutohelperError:
        return []
    # The command shown is the procedure's, on the real portal (as `autohelper next` runs it):
    # after a mirror run, it says so, and how to keep practising on the mirror instead. A
    # blocked step says what happened and whom to contact, never that `next` starts it.
    mirror = shlex.quote(shown_against(against)) if mirrors else None
    return ["", *after_run_lines(timeline, current_lang(), mirror, ran)]


def _day(day: Day) -> str:
    from autohelper.status.words import format_day

    return format_day(day)


COMMANDS: list[click.Command] = [status_command, done_command, undo_command, next_command]

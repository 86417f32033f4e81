"""The command line: Click commands only. Each parses options, calls one plain function,
renders its result and exits. Playwright is never imported here (start-up stays fast)."""

from __future__ import annotations

import contextlib
import io
import logging
import os
import shlex
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from autohelper import LOG_FORMAT
from autohelper.cli import localized
from autohelper.cli.errors import InputEnded, handle_errors
from autohelper.cli.localized import LocalizedGroup
from autohelper.cli.paths import OutputFile
from autohelper.messages import LANGS, has, lang_code, set_lang, t

# Click's own words (usage errors, headings) through the catalogue, for every caller of `cli`.
localized.install()


def _read_line(prompt: str = "") -> str:
    """A visible prompt's answer, read by Python instead of `input()`: on a terminal, `input()`
    reads through C's stdio, where a NUL (Ctrl-@, or Ctrl-Space in many terminals) ends the
    text, so the rest of the line was lost and the next line taken for its continuation. The
    same line otherwise (the same end of input, the same Ctrl-C), with any NUL dropped: a NUL
    is never part of an answer."""
    sys.stderr.flush()
    sys.stdout.write(prompt)
    sys.stdout.flush()
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line.removesuffix("\n").replace("\0", "")


def _hidden_reader(read: Callable[[str], str]) -> Callable[[str], str]:
    def read_hidden(prompt: str) -> str:
        """A hidden prompt's answer (a secret), any NUL dropped as well."""
        return read(prompt).replace("\0", "")

    return read_hidden


# Click's prompts read each answer that way, for every caller of `cli` (a test's CliRunner puts
# its own readers in place for a command, and ours back after it).
click.termui.visible_prompt_func = _read_line
click.termui.hidden_prompt_func = _hidden_reader(click.termui.hidden_prompt_func)  # type: ignore[assignment]


def _lang_now(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    # Eager: `--lang en --help` shows English help, whoever invokes `cli` (main() pre-scans too).
    # Read as AUTOHELPER_LANG is: `EN`, `en_US`, `english` are English.
    if value is None:
        return None
    code = lang_code(value)
    if code is None:
        raise localized.unknown_lang(value, ctx)
    set_lang(code)
    return code


def _version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    # Click's own --version fixes its text when the module is imported, before --lang is known.
    if value and not ctx.resilient_parsing:
        import importlib.metadata  # here: it costs start-up for every other command

        click.echo(t("cli.version", version=importlib.metadata.version("autohelper")))
        ctx.exit()


# Help texts of every command and option live in the catalogue (messages/commands.py), in both
# languages; LocalizedGroup fills them in. Docstrings here are for the code's readers.
@click.group(cls=LocalizedGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--lang", default=None, is_eager=True, callback=_lang_now)
@click.option("-v", "--verbose", count=True)
@click.option("--version", is_flag=True, is_eager=True, expose_value=False, callback=_version)
@click.pass_context
def cli(ctx: click.Context, lang: str | None, verbose: int) -> None:
    """The top-level group: language and logging for every command. The language is already
    set (`LocalizedGroup.parse_args` and the eager `--lang`)."""
    ctx.ensure_object(dict)
    ctx.obj["verbose"] = verbose
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format=LOG_FORMAT, stream=sys.stderr)
    if verbose < 2:
        # Playwright's driver shares the terminal: after Ctrl-C it dies too, and asyncio would
        # report its closed pipe on top of our own clean message.
        logging.getLogger("asyncio").setLevel(logging.CRITICAL)


def main() -> None:
    """Console entry point: runs the CLI under the one top-level error handler.

    The language is fixed before Click parses anything: Click reports an unknown command or a
    missing argument before the group's `--lang` is handled."""
    set_lang(localized.requested_lang(sys.argv[1:]))
    _usable_standard_streams()
    unknown = localized.unknown_env_lang()
    if unknown is not None and localized.prescan_lang(sys.argv[1:]) is None:
        # Said in both languages: the person's is the one we could not read.
        for lang in LANGS:
            click.echo(
                t("cli.lang_env_unknown", lang, value=unknown, known=", ".join(LANGS)), err=True
            )
    handle_errors(cli)


def _usable_standard_streams() -> None:
    """A closed stdin (`<&-`) reads as an empty one: a prompt then meets the end of the input,
    as with `</dev/null`, instead of a crash. A terminal whose encoding lacks ✔ or … (latin-1,
    ASCII) gets a "?" in their place instead of a UnicodeEncodeError after the work is done."""
    if sys.stdin is None:
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 (the process's own stdin)
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
        elif isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            with contextlib.suppress(ValueError, OSError):
                stream.reconfigure(errors="replace")


# -- running scenarios ------------------------------------------------------------------------
_against = click.option("--against", default="live", show_default=True)
_browser = click.option("--browser", default=None)
_mock_options = click.option("--mock", "mock_options", multiple=True)
_profile = click.option(
    "--profile",
    "profile",
    default=None,
    envvar="AUTOHELPER_PROFILE",  # the same as the profile commands
)


def _announced_demo(mirror: bool = False) -> Callable[[str], None]:
    """A demo's progress, said to be one before its first line: once the run was planned, so
    that a refusal (a trace over the profile, a missing field) comes alone."""
    announced = False

    def progress(text: str) -> None:
        nonlocal announced
        if not announced:
            announced = True
            click.echo(t("cli.demo_unattended_mirror" if mirror else "cli.demo_unattended"))
        click.echo(text)

    return progress


def _yield_label(name: str) -> str | None:
    """What a run yielded, named for the person (its own label, or a profile field's); None
    for what only the journal keeps (a flag such as `already_filed`)."""
    for key in (f"cli.yield.{name}", f"profile.field.{name}"):
        if has(key):
            return t(key)
    return None


def render_result(outcome: Any, reveal: bool = False) -> int:
    """Show a session's result; returns the exit code (0 only for success). With `reveal`, the
    person the values belong to sees them in full (here only, never in a log or the journal)."""
    result = outcome.result
    if result.status in ("success", "in_person"):
        click.secho(result.message, fg="green")
        # The yields the catalogue names (a flag such as `already_filed` is for `status`);
        # personal data masked, the rest (a folio to write down) as the portal gave it, scrubbed
        # of any personal value it might carry.
        from autohelper import privacy  # here: every other command's start-up is spared it
        from autohelper.privacy import PERSONAL_FIELDS, mask

        for name, value in result.yields.items():
            label = _yield_label(name)
            if label is not None:
                # Personal data masked unless `reveal` (its owner, here, never a log).
                if name in PERSONAL_FIELDS:
                    shown = value if reveal else mask(value, name)
                elif has(f"yield.{name}.{value}"):  # a code said in words (a verdict, sí/no)
                    shown = t(f"yield.{name}.{value}")
                else:
                    shown = privacy.ACTIVE(value)
                click.echo(f"{label}: {shown}")
        return 0
    click.secho(result.message, fg="yellow" if result.status == "declined" else "red", err=True)
    return 1


@cli.command()
@click.argument("scenario")
@_against
@_profile
@click.option("--headless/--headed", default=None)
@click.option("--trace", type=OutputFile(), default=None)
@click.option("--resume", is_flag=True)
@click.option("--again", is_flag=True)
@_mock_options
@_browser
@click.option("--connect", default=None)
@click.option("--cdp", default=None)
def run(
    scenario: str,
    against: str,
    profile: str | None,
    headless: bool | None,
    trace: Path | None,
    resume: bool,
    again: bool,
    mock_options: tuple[str, ...],
    browser: str | None,
    connect: str | None,
    cdp: str | None,
) -> None:
    """A guided session: the person answers the CAPTCHA and confirms every send."""
    from autohelper.browser import has_display
    from autohelper.browser.provider import check_endpoints
    from autohelper.human import ScriptedHuman, TerminalHuman, ask_yes_no
    from autohelper.mock.config import parse_options
    from autohelper.profile import MissingFields, profile_suffix
    from autohelper.session import (
        SessionRequest,
        pending_resume,
        refuse_mock_off_fixtures,
        run_session,
    )
    from autohelper.target import parse_against

    # A target, a mock option it cannot use or a remote browser's address that is none is
    # said before anything else.
    options = parse_options(mock_options)
    spec = parse_against(against)
    refuse_mock_off_fixtures(spec, options)
    check_endpoints(connect, cdp)
    if not resume and not again and _not_needed(scenario, profile, against):
        sys.exit(0)
    shown_headless = headless if headless is not None else not has_display()
    human: Any
    attended = against == "live" or sys.stdin.isatty()
    if not attended:
        # A demo with nobody at the keyboard: the mock's oracle answers, and we say so.
        human = ScriptedHuman(on_progress=_announced_demo(spec.kind == "mirror"))
    else:
        human = TerminalHuman(headless=shown_headless, practice=against == "fixtures")
    request = SessionRequest(
        scenario=scenario,
        human=human,
        against=against,
        profile=profile,
        headless=headless,
        browser=browser,
        trace=trace,
        mock_options=options,
        resume=resume,
        again=again,
        connect=connect,
        cdp=cdp,
    )
    if not resume and attended:
        point = pending_resume(request)
        if point is not None and ask_yes_no(
            t("cli.resume_offer", time=point.sent_time()), default=True
        ):
            request.resume = True
    try:
        outcome = run_session(request, ask_secret=_ask_secret)
    except (KeyboardInterrupt, InputEnded):
        _resume_hint(request)
        raise
    except MissingFields as exc:
        # The commands it shows change the profile this run was given, not the default one.
        exc.command_suffix = profile_suffix(profile)
        raise
    code = render_result(outcome, reveal=True)
    if code:
        _resume_hint(request)
    if spec.is_live:
        _offer_to_save(outcome, profile_suffix(profile))
    elif outcome.simulated:
        # Made up by the mock (or a mirror's): shown, never offered over the student's own.
        fields = ", ".join(t(f"profile.field.{name}") for name in outcome.simulated)
        key = "cli.not_saved_mirror" if spec.kind == "mirror" else "cli.not_saved_mock"
        click.echo(t(key, fields=fields, url=spec.shown_url))
    _offer_documents(outcome, ask=not isinstance(human, ScriptedHuman))
    from autohelper.cli.status import next_after_run

    for line in next_after_run(profile, against, scenario):
        click.echo(line)
    sys.exit(code)


def _not_needed(scenario: str, profile: str | None, against: str) -> bool:
    """Say so when the student's procedure skips this scenario for their profile (an NSS
    already saved, or one from an employer), with what to do instead; True when it does."""
    if profile is None and against != "live":
        return False  # the demo's test profile
    from autohelper.messages import localized
    from autohelper.profile import profile_suffix
    from autohelper.status.standing import not_needed

    suffix = profile_suffix(profile)
    found = not_needed(profile, scenario, suffix)
    if found is None:
        return False
    why = localized(found.why) if found.why else ""
    click.echo(t("cli.not_needed", title=localized(found.step.title), why=why))
    action = found.next
    if action is not None:
        click.echo(
            t(
                "cli.next_instead",
                title=localized(action.step.title),
                explain=localized(action.step.explain),
            )
        )
        if action.command:
            click.echo(f"  {action.command}")
    click.echo(t("cli.run_again", command=_command(scenario, profile, against, "--again")))
    return True


def _command(scenario: str, profile: str | None, against: str, *flags: str) -> str:
    """The `autohelper run` line to type, with the options this one was given."""
    words = ["autohelper", "run", scenario]
    if against != "live":
        words += ["--against", against]
    if profile is not None:
        words += ["--profile", profile]
    return shlex.join([*words, *flags])


def _resume_hint(request: Any) -> None:
    """After a run that stopped after its send: the command that takes it up again today."""
    from autohelper.session import pending_resume

    try:
        point = pending_resume(request)
    except Exception:  # noqa: BLE001 - a hint must never hide why the run stopped
        return
    if point is not None:
        command = _command(request.scenario, request.profile, request.against, "--resume")
        # Its time: after a new run declined before its own send, the send meant is the
        # earlier one («no se envió nada», then this, would otherwise contradict each other).
        hint = t("cli.resume_hint", command=command, time=point.sent_time())
        click.secho(hint, fg="yellow", err=True)


def _offer_to_save(outcome: Any, suffix: str) -> None:
    """Each value a live run yielded that differs from the profile, saved if the student says
    so. The input ending at a question (nobody at the keyboard) saves that value and the rest
    of them not, and says so: the run itself succeeded all the same. `suffix`: the profile
    named, for the command shown."""
    from autohelper.human import ask_yes_no
    from autohelper.session import save_to_profile

    names = list(outcome.saveable)
    chosen = []
    for index, name in enumerate(names):
        try:
            if ask_yes_no(t("cli.save_field", field=t(f"profile.field.{name}")), default=True):
                chosen.append(name)
        except InputEnded:
            fields = ", ".join(t(f"profile.field.{left}") for left in names[index:])
            click.echo(t("cli.save_input_ended", fields=fields), err=True)
            break
    if chosen:
        path = save_to_profile(outcome, chosen)
        click.echo(t("cli.profile_saved", path=str(path), suffix=suffix))


def _offer_documents(outcome: Any, ask: bool) -> None:
    """Each document the run downloaded (a constancia, an acuse): a copy in the current folder
    if the student wants it; the run's own copy is deleted either way."""
    from autohelper import privacy
    from autohelper.documents import shown_path
    from autohelper.human import ask_yes_no
    from autohelper.session import discard_documents, keep_document

    try:
        for document in outcome.result.documents.values() if ask else ():
            # The portal's name for it may hold an NSS or a CURP the profile does not have yet
            # (the NSS card's, on the NSS path): masked by shape as well as by the profile's.
            shown = shown_path(document.filename, privacy.ACTIVE)
            try:
                wanted = ask_yes_no(t("cli.keep_document", file=shown, folder=str(Path.cwd())))
            except InputEnded:  # nobody to answer: no copy, and the run still succeeded
                click.echo(t("cli.document_input_ended", file=shown), err=True)
                break
            if wanted:
                kept = keep_document(document, Path.cwd())
                click.echo(t("cli.document_kept", path=shown_path(kept, privacy.ACTIVE)))
    finally:
        discard_documents(outcome)


def _ask_secret(name: str) -> str:
    """A secret the environment does not give, typed hidden; refused with no terminal."""
    from autohelper.human import ask_secret

    return ask_secret(name)


# -- scenarios ----------------------------------------------------------------------------------
@cli.group()
def scenarios() -> None:
    """The `scenarios` group."""


@scenarios.command("list")
def scenarios_list() -> None:
    """List the bundled scenarios with their titles."""
    from autohelper.messages import localized
    from autohelper.scenario.loader import folder_files, load_scenarios

    for scenario in load_scenarios(folder_files()):
        click.echo(f"{scenario.id:<16} {localized(scenario.title)}")


@scenarios.command("validate")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
def scenarios_validate(files: tuple[Path, ...]) -> None:
    """Revisa escenarios y procedimientos sin abrir el navegador (todos, si no das archivos)."""
    from autohelper.scenario.loader import folder_files
    from autohelper.status.validate import validate_files

    paths = list(files) or folder_files(procedures=True)
    for checked_id, path in validate_files(paths):
        click.echo(t("cli.scenario_ok", id=checked_id, path=path))


# -- the mock portal -----------------------------------------------------------------------------
@cli.group()
def mock() -> None:
    """The `mock` group."""


@mock.command("serve")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--mock", "mock_options", multiple=True)
def mock_serve(port: int, mock_options: tuple[str, ...]) -> None:
    """Serve the mock portal until Ctrl-C."""
    from autohelper.mock import serve_forever
    from autohelper.mock.config import build, parse_options

    config = build(parse_options(mock_options))

    def announce(url: str) -> None:
        click.echo(t("cli.mock_serving", base=url, url=f"{url}/www.imss.gob.mx/tramites/imss02008"))

    try:
        serve_forever(port, config, on_ready=announce)
    except KeyboardInterrupt:
        # Ctrl-C is how the mock is meant to stop: no run was cut short, nothing to cancel.
        click.echo(t("cli.mock_stopped"))


@cli.command()
@_browser
def doctor(browser: str | None) -> None:
    """Report which browser will be used and what is missing."""
    from autohelper.doctor import diagnose

    findings = diagnose(browser)
    for finding in findings:
        click.echo(("✔ " if finding.ok else "✘ ") + finding.text)
    sys.exit(0 if all(f.ok for f in findings) else 1)


def _register() -> None:
    """The commands kept in their own modules, each imported only when it is run (or its own
    help is asked for): `--help` and every command load only their own code."""
    lazy = {
        "init": "profile:init_command",
        "profile": "profile:profile_group",
        "vigencia": "documents:vigencia_command",
        "status": "status:status_command",
        "done": "status:done_command",
        "undo": "status:undo_command",
        "next": "status:next_command",
        "journal": "journal:journal_group",
        "qa": "qa:qa",
        "check": "qa:check",
        "merge-junit": "qa:merge_junit",
    }
    for name, where in lazy.items():
        cli.add_lazy(name, f"autohelper.cli.{where}")


_register()

"""Profile commands: `init` (the guided wizard) and `profile set | show | check`.

Thin on purpose: each command calls the functions of `autohelper.profile` and renders their
results through the message catalogue. User errors are raised as AutohelperError subclasses
and shown by the one top-level handler.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click
from click.core import ParameterSource

from autohelper.cli.errors import InputEnded
from autohelper.cli.localized import LocalizedCommand, LocalizedGroup
from autohelper.errors import UsageError
from autohelper.messages import t
from autohelper.privacy import mask

if TYPE_CHECKING:
    from autohelper import profile as prof
    from autohelper.validation import Problem

# The profile machinery (PyYAML, python-stdnum) is imported by the functions that use it, so
# listing commands (`--help`) stays fast.

_PROFILE_OPTION = click.option(
    "--profile", "profile_name", default=None, envvar="AUTOHELPER_PROFILE"
)


def _echo_problems(problems: list[Problem] | tuple[Problem, ...]) -> None:
    from autohelper import profile as prof

    for line in prof.listed_problems(problems):  # a screenful at most, then how many more
        click.echo(line, err=True)


def _echo_warnings(warnings: list[Problem] | tuple[Problem, ...]) -> None:
    for warning in warnings:
        click.echo(t("profile.warning", message=warning.describe()), err=True)


def _echo_rows(profile: prof.Profile, reveal: bool) -> None:
    from autohelper import profile as prof

    rows = prof.display_rows(profile, reveal=reveal)
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        click.echo(f"  {label.ljust(width)}  {value}")


def _parse_assignments(pairs: tuple[str, ...]) -> dict[str, str]:
    if not pairs:
        raise UsageError("profile.set_nothing")
    assignments: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if sep and not key.strip():
            # No key before the `=`: said so, the value masked (`=Ana` is a name), so that the
            # person sees which argument is meant without a "…" that could be any of them.
            raise UsageError("profile.set_empty_key", arg=f"{key}={mask(value) if value else ''}")
        if not sep:
            # The argument may hold personal data: show it masked, unless it is a field's
            # name alone (`nss`), which is none.
            from autohelper.profile import FIELDS

            raise UsageError("profile.set_syntax", arg=pair if pair in FIELDS else mask(pair))
        if key.strip() in assignments:
            # As a key written twice in the file: one of the values is a mistake (`nss=` last
            # would silently unset the NSS just given), so neither is taken.
            from autohelper.profile import shown_key

            raise UsageError("profile.set_twice", field=shown_key(key.strip()))
        assignments[key.strip()] = value
    return assignments


def _prompt(label: str) -> str:
    """One line from the person, read as the prompts of a run are: the end of the input
    (Ctrl-D, a pipe that ran out) is no answer, exit 1, saying nothing was saved; Ctrl-C is an
    interruption, with its own exit code."""
    from autohelper.human import prompt

    try:
        return str(prompt(label, default="", show_default=False))
    except InputEnded:
        raise InputEnded("profile.wizard_cancelled") from None
    except KeyboardInterrupt:
        # Not the handler's "nothing more was sent": what the person typed is what is lost.
        click.echo("", err=True)
        click.echo(t("profile.wizard_interrupted"), err=True)
        raise click.exceptions.Exit(130) from None


@click.command("init", cls=LocalizedCommand)
@_PROFILE_OPTION
def init_command(profile_name: str | None) -> None:
    """The wizard: every field explained and asked until valid; the answers replace the file."""
    from autohelper import profile as prof

    path = prof.resolve_profile_path(profile_name)
    created = not prof._exists(path)  # a path the system cannot look up: said, exit 1
    current: dict[str, str] = {}
    bad: set[str] = set()
    strays: list[prof.StrayEntry] = []
    if not created:
        # An invalid value is named and asked again; every valid one stays the default.
        current, problems, strays = prof.wizard_values(path)
        if problems:
            click.echo(t("profile.wizard_existing_invalid", count=len(problems)))
            _echo_problems(problems)
            bad = {p.field for p in problems if p.field in prof.SPECS}
        if strays:  # listed as problems above: said now that they are not lost
            click.echo(t("profile.wizard_stray_ahead"))
    # A misspelt key's value (`emial: ...`) is offered for the field it means.
    offered = {entry.field: entry for entry in strays if entry.field is not None}
    prof.check_writable(path)  # before the first question, not after the last
    click.echo(t("profile.wizard_intro", path=prof.shown_path(path)))
    values: dict[str, str] = {}
    for name, spec in prof.SPECS.items():
        if not spec.asked and name not in bad:
            value = current.get(name, "")  # filled in by a flow: kept as it is
        elif name not in current and name in offered:
            entry = offered[name]
            value = _ask_field(name, spec, entry.value, values, from_key=entry.key)
        else:
            value = _ask_field(name, spec, current.get(name), values)
        if value:
            values[name] = value
    # The wizard asked every field, so its answers replace the whole file; the entries of no
    # field stay in it as comments, but for a misspelt key whose value was taken.
    kept = [e for e in strays if e.field is None or values.get(e.field) != e.value]
    profile = prof.profile_from_values(values)
    prof.save_profile(profile, path, stray=kept)
    click.echo("")
    click.echo(t("profile.wizard_done"))
    _echo_rows(profile, reveal=False)
    click.echo(t("profile.created" if created else "profile.updated", path=prof.shown_path(path)))
    if kept:  # which keys, never their values
        click.echo(t("profile.stray_kept", keys=prof.listed_keys([e.key for e in kept])))
    click.echo(_next_step(profile, prof.profile_suffix(profile_name)))


def _next_step(profile: prof.Profile, suffix: str) -> str:
    """What to do after `init`, its commands ending with `suffix` (the profile named): what
    `status` says when the answers block the procedure (other health insurance), else the
    command to run next."""
    from autohelper.messages import localized
    from autohelper.status.standing import profile_block

    block = profile_block(profile, suffix)
    if block is not None:
        why = localized(block.why) if block.why else localized(block.step.title)
        return t("profile.next_blocked", why=why, desk=localized(block.desk), suffix=suffix)
    if profile.nss is None and not profile.nss_from_employer:
        return t("profile.next_nss", suffix=suffix)
    return t("profile.next_status", suffix=suffix)


def _ask_field(
    name: str,
    spec: prof.FieldSpec,
    current: str | None,
    values: dict[str, str],
    from_key: str | None = None,
) -> str:
    """Ask one field until its value is valid; returns "" for an optional field left empty.
    Enter takes `current`; `from_key`: the key of the file it was written under (misspelt)."""
    from autohelper import profile as prof

    click.echo("")
    click.echo(t(f"profile.explain.{name}"))
    if current is not None and from_key is not None:
        shown = _shown(name, current)
        hint = t("profile.wizard_keep_from", value=shown, key=prof.shown_key(from_key))
    elif current is not None:
        hint = t("profile.wizard_keep", value=_shown(name, current))
    elif not spec.required:
        hint = t("profile.wizard_optional")
    else:
        hint = ""
    label = t(f"profile.field.{name}") + (f" ({hint})" if hint else "")
    while True:
        raw = _prompt(label)
        if not raw.strip():
            if current is not None:
                return current
            if not spec.required:
                return ""
        result = prof.validate_value(name, raw, values)
        if not result.ok:
            _echo_problems(result.problems)
            click.echo(t("profile.wizard_try_again"), err=True)
            continue
        if name == "email":
            email = _fix_email_typo(result.value)
            if not _confirm_email(email):
                continue
            return email
        _echo_warnings(result.warnings)
        return result.value


def _fix_email_typo(email: str) -> str:
    """Right after the first entry, a misspelt provider (gmial.com) is pointed out and can be
    fixed before the confirmation is typed: the suggested address, or the one typed."""
    from autohelper import profile as prof
    from autohelper.validation import parse_bool

    warnings = prof.validate_value("email", email).warnings
    typo = next((w for w in warnings if w.key == "validation.email.typo"), None)
    if typo is None:
        return email
    _echo_warnings([typo])
    domain = typo.params["suggestion"]
    while True:
        answer = parse_bool(_prompt(t("profile.wizard_use_suggestion", domain=domain)) or "sí")
        if answer is not None:
            return f"{email.rpartition('@')[0]}@{domain}" if answer else email
        click.echo(t("profile.problem", message=t("validation.bool")), err=True)


def _confirm_email(email: str) -> bool:
    from autohelper.validation import emails_match

    # Forms ask for the email twice for a reason: a typo here loses every IMSS link.
    again = _prompt(t("profile.wizard_confirm_email"))
    if emails_match(email, again):
        return True
    click.echo(t("profile.problem", message=t("validation.email.mismatch")), err=True)
    return False


def _shown(name: str, value: str) -> str:
    from autohelper import profile as prof

    if name in prof.SPECS and prof.SPECS[name].is_bool:
        return t("profile.yes" if value == "true" else "profile.no")
    return mask(value, name) if name in prof.MASKED_FIELDS else value


@click.group("profile", cls=LocalizedGroup)
def profile_group() -> None:
    """The `profile` command group."""


@profile_group.command("set")
@click.argument("pairs", nargs=-1)
@_PROFILE_OPTION
def set_command(pairs: tuple[str, ...], profile_name: str | None) -> None:
    """Set fields without questions; every value is validated before anything is written."""
    from autohelper import profile as prof

    assignments = _parse_assignments(pairs)
    try:
        update = prof.update_profile(profile_name, assignments)
    except KeyboardInterrupt:
        # Not the handler's "nothing more was sent" (a portal run's words): Ctrl-C while the
        # profile waits for its folder, or is checked, leaves it as it was (a save replaces
        # the file whole, at once).
        click.echo("", err=True)
        shown = prof.shown_path(prof.resolve_profile_path(profile_name))
        click.echo(t("profile.set_interrupted", path=shown), err=True)
        raise click.exceptions.Exit(130) from None
    _echo_warnings(update.warnings)
    click.echo(
        t(
            "profile.created" if update.created else "profile.updated",
            path=prof.shown_path(update.path),
        )
    )


@profile_group.command("show")
@click.option("--reveal", is_flag=True)
@_PROFILE_OPTION
def show_command(reveal: bool, profile_name: str | None) -> None:
    """Show every field, personal data masked unless --reveal."""
    from autohelper import profile as prof

    path = prof.resolve_profile_path(profile_name)
    profile = prof.load_profile(path)
    click.echo(t("profile.show_header", path=prof.shown_path(path)))
    _echo_rows(profile, reveal=reveal)
    if not reveal:
        click.echo(t("profile.show_masked_note"))


@profile_group.command("check")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@_PROFILE_OPTION
def check_command(file: Path | None, profile_name: str | None) -> None:
    """Exit 0 when the profile is valid and complete; every problem listed otherwise."""
    from autohelper import profile as prof

    ctx = click.get_current_context()
    source = ctx.get_parameter_source("profile_name")
    if file is not None and profile_name is not None and source is ParameterSource.COMMANDLINE:
        # Two profiles named: checking one would say "válido" of a file the student did not
        # mean; a usage error, as Click's own (exit 2). AUTOHELPER_PROFILE set in the shell is
        # no choice made for this command: there the file given wins.
        shown = prof.profile_suffix(profile_name).removeprefix(" --profile ")
        message = t("profile.check_two_profiles", file=prof.shown_path(file), profile=shown)
        raise click.UsageError(message, ctx=ctx)
    path = file if file is not None else prof.resolve_profile_path(profile_name)
    # The commands a problem shows set the profile checked: the file given, or the one named.
    problems = prof.check_profile(path, prof.profile_suffix(str(file) if file else profile_name))
    if problems:
        # Raised, not ctx.exit(1): the top-level handler lists every problem and exits 1.
        raise prof.InvalidProfile(path, problems)
    _echo_warnings(prof.profile_warnings(prof.load_profile(path)))
    click.echo(t("profile.check_ok", path=prof.shown_path(path)))


COMMANDS: list[click.Command] = [init_command, profile_group]

"""Click in the person's language: help pages from the message catalogue, and Click's own words
(usage errors, headings, "default:") through the catalogue too.

Two pieces, both used by every command:
- `LocalizedCommand` / `LocalizedGroup` fill each command's help, its parameters' help and their
  placeholders from `help.*` entries (see messages/commands.py) before parsing and before showing
  help, so the usage line of an error is localized as well.
- `install()` points the gettext calls Click makes for its own texts at `click.*` entries
  (messages/clickwords.py): Click marks all of them for translation, so an unknown command, a
  missing argument or a bad option value is translated by its kind, with Click's own details.

The language must be known before Click parses anything (an unknown command fails before the
group's `--lang` is handled): `prescan_lang` reads it from the arguments first, when the top
level parses them.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import click
import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.termui
import click.types

from autohelper.messages import LANGS, has, lang_code, set_lang, t

_CLICK_MODULES = (
    click.core,
    click.decorators,
    click.exceptions,
    click.formatting,
    click.parser,
    click.termui,
    click.types,
)


# Click puts its English name of a number type ("integer", "float range") in this sentence.
_NUMBER_MSGID = "{value!r} is not a valid {number_type}."


class _NumberSentence(str):
    """The sentence for a value that is no number, naming the kind in the person's words: a
    count of workers is a whole number, so `1.5` is no "valid number" but no whole one."""

    __slots__ = ()

    def format(self, *args: Any, **kwargs: Any) -> str:
        whole = "integer" in str(kwargs.get("number_type", ""))
        kwargs["number_type"] = t("cli.number_type.whole" if whole else "cli.number_type.any")
        return str.format(self, *args, **kwargs)


def _gettext(message: str) -> str:
    key = f"click.{message}"
    text = t(key) if has(key) else message
    return _NumberSentence(text) if message == _NUMBER_MSGID else text


def _ngettext(singular: str, plural: str, count: int) -> str:
    return _gettext(singular if count == 1 else plural)


def install() -> None:
    """Route Click's translatable texts through the catalogue (idempotent)."""
    for module in _CLICK_MODULES:
        if hasattr(module, "_"):
            module._ = _gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext  # type: ignore[attr-defined]


def prescan_lang(args: Sequence[str]) -> str | None:
    """The language the arguments ask for, if it is a known one; else None. The last `--lang`
    before the command, as Click takes it; else the last one after it (misplaced: the usage
    error that says so is in the language asked for). Nothing after `--` counts."""
    before: str | None = None
    after: str | None = None
    in_command = False
    index = 0
    while index < len(args) and args[index] != "--":
        arg, value = args[index], None
        if arg == "--lang":
            value = args[index + 1] if index + 1 < len(args) else None
            index += 1
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        elif not arg.startswith("-"):
            in_command = True  # the top level's only option with a value is --lang
        if value is not None and in_command:
            after = value
        elif value is not None:
            before = value
        index += 1
    return lang_code(before if before is not None else after)


def _without_lang(args: Sequence[str]) -> tuple[list[str], str | None]:
    """The arguments with every `--lang X` taken out, and the last X given."""
    kept: list[str] = []
    value: str | None = None
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            kept += args[index:]
            break
        if arg == "--lang":
            value = args[index + 1] if index + 1 < len(args) else value
            index += 2
            continue
        if arg.startswith("--lang="):
            value = arg.partition("=")[2]
        else:
            kept.append(arg)
        index += 1
    return kept, value


def unknown_env_lang() -> str | None:
    """AUTOHELPER_LANG when it is set to no known language (read as `detect_lang` reads it)."""
    value = os.environ.get("AUTOHELPER_LANG", "").strip()
    return value if value and lang_code(value) is None else None


def unknown_lang(value: str, ctx: click.Context | None) -> click.UsageError:
    """A `--lang` that names no language we have: said in both, since the person's is the one
    we could not read (exit 2, a usage error)."""
    shown = value.strip() or "''"
    lines = [t("cli.lang_unknown", lang, value=shown, known=", ".join(LANGS)) for lang in LANGS]
    return click.UsageError("\n".join(lines), ctx=ctx)


def requested_lang(args: Sequence[str]) -> str | None:
    """The language for a command line: its `--lang`; else Spanish when AUTOHELPER_LANG names
    no known language (said by `main`); else None (the environment's)."""
    return prescan_lang(args) or ("es" if unknown_env_lang() is not None else None)


def _text(*keys: str) -> str | None:
    """The first of `keys` the catalogue has, rendered; None when it has none."""
    return next((t(key) for key in keys if has(key)), None)


def _localize(command: click.Command, ctx: click.Context | None) -> None:
    """Set the command's and its parameters' texts in the current language."""
    path = getattr(command, "catalogue_path", "") or "autohelper"
    command.help = _text(f"help.{path}") or command.help
    command.options_metavar = t("help.usage.options")
    if isinstance(command, click.Group):
        command.subcommand_metavar = t("help.usage.command")
    params = command.get_params(ctx) if ctx is not None else command.params
    help_names = set(ctx.help_option_names) if ctx is not None else {"--help"}
    for param in params:
        if isinstance(param, click.Option) and help_names & set(param.opts):
            name = "help"
        else:
            name = param.name or ""
        if isinstance(param.type, click.Path):
            # Click names the kind of path once, when the command's module is imported, in the
            # language of that moment: named again here, in the language of this run.
            kind = param.type
            noun = "file" if not kind.dir_okay else "directory" if not kind.file_okay else "path"
            kind.name = _gettext(noun)
        text = _text(f"help.{path}.{name}", f"help.option.{name}")
        if text is not None and isinstance(param, click.Option | click.Argument):
            param.help = text
        metavar = _text(f"help.metavar.{path}.{name}", f"help.metavar.{name}")
        if metavar is None:
            continue
        if isinstance(param, click.Argument):
            # Click shows a given metavar as is: the optional brackets and the ellipsis are ours.
            metavar = metavar if param.required else f"[{metavar}]"
            metavar += "..." if param.nargs != 1 else ""
        param.metavar = metavar


def _shown_arg(arg: str) -> str:
    """An argument as a suggested command repeats it: quoted for a shell, masked when it looks
    like personal data (a CURP, an email, a phone)."""
    import shlex

    from autohelper.privacy import mask_if_personal

    return shlex.quote(mask_if_personal(arg))


class _Localized(click.Command):
    """Texts from the catalogue, looked up under `catalogue_path` (`profile.set`, ...)."""

    catalogue_path = ""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if ctx.parent is None:
            # The top level: the language for this whole command line, whoever invokes it.
            set_lang(requested_lang(args))
        _localize(self, ctx)
        rest, given = _without_lang(args)  # now: Click's parser consumes `args`
        try:
            return super().parse_args(ctx, args)
        except click.exceptions.NoSuchOption as exc:
            if ctx.parent is None or exc.option_name != "--lang":
                raise
            # The top level's option given after a command: say where it goes, in the whole
            # command line as it was (what looks personal masked), ready to paste; a language
            # we do not have is said as such, as it is before the command.
            lang = lang_code(given)
            if lang is None:
                raise unknown_lang(given or "", ctx) from None
            words = ctx.command_path.split(" ")
            shown = [_shown_arg(arg) for arg in rest]
            example = " ".join([words[0], "--lang", lang, *words[1:], *shown])
            raise click.exceptions.NoSuchOption(
                "--lang", message=t("cli.lang_goes_first", example=example), ctx=ctx
            ) from None

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        _localize(self, ctx)
        super().format_help(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        _localize(self, None)
        return super().get_short_help_str(limit)


class LocalizedCommand(_Localized):
    """A command whose help and parameters' help come from the catalogue."""


# The commands' names as a Spanish speaker may guess them: suggested, never run as such.
SPANISH_NAMES = {
    "hecho": "done",
    "listo": "done",
    "terminado": "done",
    "marcar": "done",
    "deshacer": "undo",
    "desmarcar": "undo",
    "estado": "status",
    "estatus": "status",
    "siguiente": "next",
    "sigue": "next",
    "correr": "run",
    "ejecutar": "run",
    "iniciar": "init",
    "inicio": "init",
    "perfil": "profile",
    "escenarios": "scenarios",
    "revisar": "check",
}


class _Meant(click.exceptions.NoSuchCommand):
    """No such command, and the one it most likely means (not the one it looks like)."""

    def __init__(self, name: str, meant: str, ctx: click.Context) -> None:
        super().__init__(name, ctx=ctx)
        self.meant = meant

    def format_message(self) -> str:
        return f"{self.message} {click.exceptions._format_possibilities([self.meant])}"


class LocalizedGroup(_Localized, click.Group):
    """A group whose subcommands (and subgroups) are localized too, each under its path.

    A subcommand may be lazy (`add_lazy`): its module is imported when it is run or its own
    help is asked for, not when the group's help lists it (its line comes from the catalogue),
    so `--help` and each command load only their own code."""

    command_class = LocalizedCommand
    group_class = type  # subgroups are LocalizedGroups

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy: dict[str, str] = {}

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        super().add_command(cmd, name)
        _place(cmd, ".".join(part for part in (self.catalogue_path, name or cmd.name) if part))

    def add_lazy(self, name: str, where: str) -> None:
        """Add the command `name`, found at `where` ("package.module:attribute") when needed."""
        self.lazy[name] = where

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        rest, given = _without_lang(args)
        if ctx.parent is None and args and not rest and lang_code(given) is not None:
            # `autohelper --lang en` alone is `autohelper` in English: its help, as with no
            # arguments at all (Click would say "Missing command").
            set_lang(lang_code(given))
            _localize(self, ctx)
            raise click.exceptions.NoArgsIsHelpError(ctx)
        return super().parse_args(ctx, args)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy:
            import importlib

            module, _colon, attribute = self.lazy[cmd_name].partition(":")
            self.add_command(getattr(importlib.import_module(module), attribute), cmd_name)
        return super().get_command(ctx, cmd_name)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0]
        if name.startswith("-") and self.get_command(ctx, name) is None:
            # Only a word after `--` gets here looking like an option: Click would parse the
            # words again as options (`autohelper -- --lang en` switched to English halfway
            # through its own error). After `--` they are arguments: no such command.
            raise click.exceptions.NoSuchCommand(
                name, possibilities=self.list_commands(ctx), ctx=ctx
            )
        try:
            return super().resolve_command(ctx, args)
        except click.exceptions.NoSuchCommand as exc:
            # Click suggests among the commands loaded; the lazy ones count as well. A command
            # named in Spanish (`hecho`, `estado`) is suggested as the command it means, not
            # as the one it looks like (`hecho` → `check`, which visits the live portals).
            meant = SPANISH_NAMES.get(exc.command_name.strip().lower())
            if meant in self.list_commands(ctx):
                raise _Meant(exc.command_name, str(meant), ctx) from None
            raise click.exceptions.NoSuchCommand(
                exc.command_name, possibilities=self.list_commands(ctx), ctx=ctx
            ) from None

    def load_all(self) -> None:
        """Import every lazy subcommand (for tests and docs that walk the whole tree)."""
        for name in self.lazy:
            self.get_command(click.Context(self), name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        width = formatter.width - 6 - max(len(name) for name in self.list_commands(ctx))
        for name in self.list_commands(ctx):
            if name in self.commands:
                command = self.commands[name]
                if command.hidden:
                    continue
                rows.append((name, command.get_short_help_str(width)))
            else:  # not loaded: its line from the catalogue, as the command would give it
                path = ".".join(part for part in (self.catalogue_path, name) if part)
                text = _text(f"help.{path}") or ""
                rows.append((name, click.Command(name, help=text).get_short_help_str(width)))
        if rows:
            with formatter.section(_gettext("Commands")):
                formatter.write_dl(rows)


def _place(command: click.Command, path: str) -> None:
    """Record a command's catalogue path, and its subcommands' (a group may be filled first)."""
    setattr(command, "catalogue_path", path)  # noqa: B010 (also plain Click commands)
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            _place(sub, f"{path}.{name}")


def walk(command: click.Command, path: str = "") -> list[tuple[str, click.Command]]:
    """Every command of the tree with its catalogue path (for tests and docs)."""
    found: list[tuple[str, Any]] = [(path or "autohelper", command)]
    if isinstance(command, LocalizedGroup):
        command.load_all()
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            found += walk(sub, f"{path}.{name}" if path else name)
    return found

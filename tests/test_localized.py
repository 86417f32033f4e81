"""Click in the person's language: every command's help from the catalogue in both languages,
Click's own words translated (a test keeps the table in step with the installed Click), and the
language known before Click parses anything."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from autohelper.cli import cli, localized
from autohelper.messages import clickwords, has

CLICK_DIR = Path(click.__file__).parent
# Texts Click shows only to the programmer who misdeclared a command, or on other platforms.
DEVELOPER_ONLY = {
    "Name '{name}' defined twice",
    "Could not determine name for option with declarations {decls!r}",
    "Boolean option {decl!r} cannot use the same flag for true/false.",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.",
    "Unknown color {colour!r}",
    "Unknown standard stream '{name}'",
    "Choice({choices})",
}
_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types")


def _click_message_ids() -> set[str]:
    """Every literal Click passes to gettext in the modules `localized.install` hooks."""
    found: set[str] = set()
    for name in _MODULES:
        tree = ast.parse((CLICK_DIR / f"{name}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("_", "ngettext"):
                found |= {a.value for a in node.args if isinstance(a, ast.Constant)}
    found = {text for text in found if isinstance(text, str)}
    return found - {text for text in found if text.startswith("No options defined")}


def test_every_click_text_a_person_can_see_is_translated() -> None:
    missing = _click_message_ids() - DEVELOPER_ONLY - set(clickwords._SPANISH)
    assert not missing, f"Click texts without a Spanish entry: {sorted(missing)}"


def test_every_translated_click_text_still_exists_in_click() -> None:
    known = _click_message_ids() | {"required"}  # `_(extra["required"])`: not a literal call
    stale = set(clickwords._SPANISH) - known
    assert not stale, f"entries for texts Click no longer has: {sorted(stale)}"


def test_spanish_click_texts_keep_the_placeholders() -> None:
    for msgid, spanish in clickwords._SPANISH.items():
        if msgid == "{value!r} is not a valid {number_type}.":
            continue  # drops Click's English type name on purpose
        assert set(re.findall(r"\{\w+", spanish)) == set(re.findall(r"\{\w+", msgid)), msgid
        assert ("%(" in spanish) == ("%(" in msgid), msgid


COMMANDS = localized.walk(cli)


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[p for p, _ in COMMANDS])
def test_every_command_and_parameter_has_its_help_in_both_languages(
    path: str, command: click.Command
) -> None:
    assert isinstance(command, localized.LocalizedCommand | localized.LocalizedGroup)
    assert getattr(command, "catalogue_path", "") or path == "autohelper"
    assert has(f"help.{path}"), path
    ctx = click.Context(command, info_name=path)
    for param in command.get_params(ctx):
        name = "help" if set(param.opts) & {"--help"} else param.name
        assert has(f"help.{path}.{name}") or has(f"help.option.{name}"), (path, name)
        takes_value = isinstance(param, click.Argument) or not (
            getattr(param, "is_flag", False) or getattr(param, "count", False)
        )
        if takes_value and not isinstance(param.type, click.Choice):
            assert has(f"help.metavar.{name}"), (path, name)


ENGLISH_IN_SPANISH = re.compile(
    r"Usage:|Options|Commands|Show this|default:|\[OPTIONS\]|COMMAND|ARGS|TEXT|INTEGER|"
    r"FLOAT|PATH\b|FILENAME|DIRECTORY|the|and\b"
)
SPANISH_IN_ENGLISH = re.compile(r"Uso:|Opciones|Comandos|Muestra|por omisión|OPCIONES|COMANDO")


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS])
def test_help_pages_are_wholly_in_one_language(path: str) -> None:
    args = [] if path == "autohelper" else path.split(".")
    spanish = CliRunner().invoke(cli, [*args, "--help"], prog_name="autohelper")
    assert spanish.exit_code == 0, spanish.output
    assert spanish.output.startswith("Uso: autohelper")
    assert not ENGLISH_IN_SPANISH.search(spanish.output), ENGLISH_IN_SPANISH.search(spanish.output)
    english = CliRunner().invoke(cli, ["--lang", "en", *args, "--help"], prog_name="autohelper")
    assert english.output.startswith("Usage: autohelper")
    assert not SPANISH_IN_ENGLISH.search(english.output), SPANISH_IN_ENGLISH.search(english.output)


@pytest.mark.parametrize(
    ("args", "lang"),
    [
        (["--lang", "en", "run"], "en"),
        (["run", "x", "--lang=es"], "es"),
        (["--lang", "fr", "run"], None),
        (["profile", "set", "--", "--lang", "en"], None),
        (["--lang"], None),
        ([], None),
    ],
)
def test_prescan_lang(args: list[str], lang: str | None) -> None:
    assert localized.prescan_lang(args) == lang


@pytest.mark.parametrize(
    ("args", "usage", "error"),
    [
        (["--", "--lang", "en"], "Uso: autohelper [OPCIONES]", "No existe el comando '--lang'."),
        (["--", "--lang=en"], "Uso: autohelper [OPCIONES]", "No existe el comando '--lang=en'."),
        (
            ["profile", "--", "--lang", "en"],
            "Uso: autohelper profile [OPCIONES]",
            "No existe el comando '--lang'.",
        ),
        (
            ["run", "--", "--lang", "en"],
            "Uso: autohelper run [OPCIONES]",
            "Sobra un argumento (en)",
        ),
        (
            ["--lang", "en", "--", "--lang", "es"],
            "Usage: autohelper [OPTIONS]",
            "No such command '--lang'.",
        ),
    ],
)
def test_a_language_option_after_double_dash_is_an_argument_said_in_one_language(
    args: list[str], usage: str, error: str
) -> None:
    """After `--`, `--lang en` is no option: the words are arguments, and the whole answer is
    in the language in force (Click parsed them again as options, and switched to English
    halfway through its own error)."""
    from support import console

    result = console(*args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.startswith(usage), result.stderr
    assert result.stderr.endswith(f"\nError: {error}\n"), result.stderr
    other = SPANISH_IN_ENGLISH if usage.startswith("Usage") else ENGLISH_IN_SPANISH
    assert not other.search(result.stderr), other.search(result.stderr)


def test_english_catalogue_quotes_with_english_quotation_marks() -> None:
    """English text quotes with “…”, even a Spanish portal's words; «…» is Spanish only."""
    from autohelper import messages

    messages._load(messages.FIRST_TABLES + messages.LATER_TABLES)
    guillemets = {
        key: entry["en"]
        for key, entry in messages._CATALOGUE.items()
        if "«" in entry.get("en", "") or "»" in entry.get("en", "")
    }
    assert not guillemets, guillemets


def test_confirm_labels_of_the_bundled_scenarios_are_in_english_too() -> None:
    """What a confirm shows is read in the person's language: a plain-string label would show
    Spanish in an English run. Acronyms (CURP, NSS) read the same in both."""
    from autohelper.messages import localized
    from autohelper.scenario import model
    from autohelper.scenario.loader import load_scenario, scenarios_dir

    same = [
        (path.stem, localized(item.label, "en"))
        for path in sorted(scenarios_dir().glob("*.yaml"))
        for step in load_scenario(path).steps
        if isinstance(step, model.Confirm)
        for item in step.items
        if localized(item.label, "en") == localized(item.label, "es")
    ]
    assert [shown for shown in same if shown[1] not in ("CURP", "NSS")] == []

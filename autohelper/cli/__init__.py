"""The command line: Click commands only. Each parses options, calls one plain function,
renders its result and exits. Playwright is never imported here (start-up stays fast)."""

from __future__ import annotations

import click

from autohelper.cli.errors import handle_errors
from autohelper.messages import set_lang


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--lang", type=click.Choice(["es", "en"]), default=None,
              help="Idioma de los mensajes / message language (es, en).")
@click.option("-v", "--verbose", count=True, help="Más detalle en el registro (-v, -vv).")
@click.version_option(package_name="autohelper")
@click.pass_context
def cli(ctx: click.Context, lang: str | None, verbose: int) -> None:
    """autohelper: tu guía para el Seguro Facultativo del IMSS."""
    set_lang(lang)
    ctx.ensure_object(dict)
    ctx.obj["verbose"] = verbose


def main() -> None:
    """Console entry point: runs the CLI under the one top-level error handler."""
    handle_errors(cli)


def _register() -> None:
    from autohelper.cli import profile as profile_commands

    for command in profile_commands.COMMANDS:
        cli.add_command(command)


_register()

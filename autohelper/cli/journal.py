"""Journal commands: `journal repair` sets an unusable journal aside (never deleting it) and
starts a fresh one. Thin on purpose: the work is `autohelper.journal.repair`."""

from __future__ import annotations

import click

from autohelper.cli.localized import LocalizedGroup
from autohelper.messages import t


@click.group("journal", cls=LocalizedGroup)
def journal_group() -> None:
    """The `journal` command group."""


@journal_group.command("repair")
def repair_command() -> None:
    """Set a damaged journal aside under a timestamped name and start a new one."""
    from autohelper.journal import repair

    done = repair()
    if done.moved_to is None:
        click.echo(t(f"journal.{done.state}", path=str(done.path)))
        return
    click.echo(t("journal.repaired", old=str(done.moved_to), path=str(done.path)))


COMMANDS: list[click.Command] = [journal_group]

"""The one top-level handler: an expected error shows its message and exits 1; a bug leaves a
short note and the path of a debug log and exits 3; Ctrl-C exits 130."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

import click
import platformdirs

from autohelper import privacy
from autohelper.errors import AutohelperError
from autohelper.messages import t


def handle_errors(command: click.Command) -> None:
    try:
        code = command.main(standalone_mode=False, prog_name="autohelper")
    except click.exceptions.Abort:
        click.echo(t("core.interrupted"), err=True)
        sys.exit(130)
    except KeyboardInterrupt:
        click.echo(t("core.interrupted"), err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except AutohelperError as exc:
        click.echo(t("core.error_prefix", message=exc.message()), err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except Exception:  # a bug: keep the trace in a file, not on the student's screen
        log = Path(platformdirs.user_cache_dir("autohelper")) / "crash.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text(privacy.ACTIVE(traceback.format_exc()), encoding="utf-8")
        click.echo(t("core.crash", log=str(log)), err=True)
        sys.exit(3)
    sys.exit(code if isinstance(code, int) else 0)

"""The one top-level handler: an expected error shows its message and exits 1 (Click's usage
errors, 2); a bug leaves a short note and the path of a crash log and exits 3; Ctrl-C exits 130;
the input ending at a question (Ctrl-D, a pipe that ran out) exits 1, saying so.

Exit 3 means our bug, never the person's mistake, so the handler itself must not fail: the crash
log is written 0600 inside a 0700 folder (a trace can hold a value the redactor did not know),
and when it cannot be written at all the note says why instead of showing a second traceback.
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path
from typing import NoReturn

import click

from autohelper.errors import AutohelperError
from autohelper.files import os_problem
from autohelper.messages import t


class InputEnded(BaseException):
    """The input ended at a question (Ctrl-D at a terminal, a pipe or file that ran out): the
    person gave no answer. It stops what asked the way Ctrl-C does (a BaseException: no step,
    clean-up or retry takes it for a failure of its own, and a run records it as interrupted),
    but it is no interruption: the top-level handler says `key` (the input ended; what was not
    sent or saved) and exits 1, not 130. Raised by `autohelper.human.prompt`."""

    def __init__(self, key: str = "core.input_ended") -> None:
        super().__init__(key)
        self.key = key


def handle_errors(command: click.Command) -> None:
    try:
        code = command.main(standalone_mode=False, prog_name="autohelper")
    except InputEnded as exc:
        click.echo(t("core.error_prefix", message=t(exc.key)), err=True)
        sys.exit(1)
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
        _crash(traceback.format_exc())
    sys.exit(code if isinstance(code, int) else 0)


def crash_log_path() -> Path:
    """Where the last crash's details go: a folder of its own, so its mode is ours to keep."""
    import platformdirs  # here: only a crash needs it, and it costs every start-up

    return Path(platformdirs.user_cache_dir("autohelper")) / "crash" / "crash.log"


def _crash(trace: str) -> NoReturn:
    from autohelper import privacy  # here: only a crash needs it

    try:
        log = _write_crash_log(privacy.ACTIVE(trace))
    except OSError as exc:
        reason = os_problem(exc, writing=True).message()
        click.echo(t("core.crash_no_log", log=str(crash_log_path()), reason=reason), err=True)
    except Exception:  # the redactor or the path itself failed: still no traceback
        click.echo(t("core.crash_no_log", log=str(crash_log_path()), reason="-"), err=True)
    else:
        click.echo(t("core.crash", log=str(log)), err=True)
    sys.exit(3)


def _write_crash_log(text: str) -> Path:
    """Write `text` to the crash log: the folder 0700, the file 0600 from its first byte (and
    an older log with looser bits tightened)."""
    path = crash_log_path()
    from autohelper.privatefiles import make_dirs  # here: only a crash needs it

    make_dirs(path.parent)  # the user's cache folder too, when it is the first: 0700
    os.chmod(path.parent, 0o700)
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        if hasattr(os, "fchmod"):
            os.fchmod(handle.fileno(), 0o600)
        handle.write(text)
    return path

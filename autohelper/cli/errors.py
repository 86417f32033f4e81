"""The one top-level handler: an expected error shows its message and exits 1 (Click's usage
errors, 2); a bug leaves a short note and the path of a crash log and exits 3; Ctrl-C exits 130;
the input ending at a question (Ctrl-D, a pipe that ran out) exits 1, saying so.

Exit 3 means our bug, never the person's mistake, so the handler itself must not fail: the crash
log is written 0600 inside a 0700 folder (a trace can hold a value the redactor did not know),
the previous one kept beside it (`crash.log.1`), and when it cannot be written at all the note
says why instead of showing a second traceback.

Output that cannot be written (stdout on a full disk, `> /dev/full`) is the machine's failure,
not ours: exit 1 with the reason on stderr, and what the command did (a mark, a saved profile)
stays done. A reader that went away (`| head`) ends the command quietly, exit 1. stderr itself
may be the broken stream: then nothing is said, and the exit code alone tells.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

import click

from autohelper.errors import AutohelperError, os_reason
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
        _say(t("core.error_prefix", message=t(exc.key)))
        sys.exit(1)
    except click.exceptions.Abort:
        _say(t("core.interrupted"))
        sys.exit(130)
    except KeyboardInterrupt:
        _say(t("core.interrupted"))
        sys.exit(130)
    except click.ClickException as exc:
        _say_with(exc.show)
        sys.exit(exc.exit_code)
    except AutohelperError as exc:
        _say(t("core.error_prefix", message=exc.message()))
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except OSError as exc:
        if not _writing_standard_stream(exc):
            _crash(traceback.format_exc())
        _output_failed(exc)
    except Exception:  # a bug: keep the trace in a file, not on the student's screen
        _crash(traceback.format_exc())
    sys.exit(code if isinstance(code, int) else 0)


def _say(text: str) -> None:
    """`text` on stderr, or nothing when stderr cannot be written either (a full disk, a
    closed pipe): reporting a failure must not become a second one."""
    _say_with(lambda: click.echo(text, err=True))


def _say_with(show: Callable[[], None]) -> None:
    with contextlib.suppress(OSError):  # stderr is broken: the exit code still tells
        show()


def _writing_standard_stream(exc: OSError) -> bool:
    """Whether `exc` came from writing stdout or stderr. Every line
    the CLI shows goes through `click.echo`: the failure is the write in its frame, the
    innermost of the trace, to the stream held in its `file` (or one wrapping the same
    buffer, as Click does for a stream it finds misconfigured)."""
    innermost = None
    for frame, _line in traceback.walk_tb(exc.__traceback__):
        innermost = frame
    if innermost is None or innermost.f_code is not click.utils.echo.__code__:
        return False
    written = innermost.f_locals.get("file")
    return any(
        written is stream or getattr(written, "buffer", written) is getattr(stream, "buffer", 0)
        for stream in (sys.stdout, sys.stderr)
    )


def _output_failed(exc: OSError) -> NoReturn:
    """The command's output could not be written: said on stderr, exit 1. What the command had
    done (a mark recorded, a profile saved) is kept: only its report was lost.

    A closed pipe (EPIPE: the reader, `| head`, had what it wanted and left) is no failure of
    the person's either, and nothing is said: exit 1, Python's convention for a broken pipe
    (and what Click's own handling of one returns), not 0, since the output was cut short."""
    if exc.errno != errno.EPIPE:
        _say(
            t("core.error_prefix", message=t("core.output_failed", reason=os_reason(exc).message()))
        )
    sys.exit(1)


def crash_log_path() -> Path:
    """Where the last crash's details go: a folder of its own, so its mode is ours to keep. The
    crash before it is kept beside it, as `crash.log.1`."""
    import platformdirs  # here: only a crash needs it, and it costs every start-up

    return Path(platformdirs.user_cache_dir("autohelper")) / "crash" / "crash.log"


def _crash(trace: str) -> NoReturn:
    from autohelper import privacy  # here: only a crash needs it

    try:
        log = _write_crash_log(privacy.ACTIVE(trace))
    except OSError as exc:
        reason = os_problem(exc, writing=True).message()
        _say(t("core.crash_no_log", log=str(crash_log_path()), reason=reason))
    except Exception:  # the redactor or the path itself failed: still no traceback
        _say(t("core.crash_no_log", log=str(crash_log_path()), reason="-"))
    else:
        _say(t("core.crash", log=str(log)))
    sys.exit(3)


def _write_crash_log(text: str) -> Path:
    """Write `text` to the crash log: the folder 0700, the file 0600 from its first byte (and
    an older log with looser bits tightened)."""
    path = crash_log_path()
    from autohelper.privatefiles import make_dirs  # here: only a crash needs it

    make_dirs(path.parent)  # the user's cache folder too, when it is the first: 0700
    os.chmod(path.parent, 0o700)
    _keep_previous(path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        if hasattr(os, "fchmod"):
            os.fchmod(handle.fileno(), 0o600)
        handle.write(text)
    return path


def _keep_previous(path: Path) -> None:
    """Move the last crash's log to `crash.log.1` (replacing an older one there), so that a
    second crash does not wipe the report of the first. Only a regular file is moved (never a
    link put there), tightened to 0600 like the new one; when it cannot be moved, the new log
    replaces it as before: the newest crash matters most."""
    previous = path.with_name(path.name + ".1")
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return
        os.replace(path, previous)
        os.chmod(previous, 0o600)
    except OSError:
        return

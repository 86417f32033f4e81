"""Reading a person's file: every failure of the file system or the codec becomes a catalogue
phrase with its place (a missing file, a folder, no permission, a read-only or full disk, a file
that is not UTF-8 at the line and column of its first bad byte), never the library's English.

Plain work with no YAML in it: the command line's path options use it, and must load fast.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Any

from autohelper.messages import t

# Scenarios and profiles are a few kilobytes; a bigger file is not one of them (or /dev/zero).
MAX_BYTES = 1_000_000


class FileProblem(Exception):
    """Why a YAML file could not be read: a catalogue key with its parameters and, when known,
    the 1-based line and column."""

    def __init__(
        self, key: str, line: int | None = None, column: int | None = None, /, **params: Any
    ) -> None:
        super().__init__(key)
        self.key, self.line, self.column, self.params = key, line, column, params

    def message(self, lang: str | None = None) -> str:
        """The phrase alone, in `lang` (default: the process language)."""
        return t(self.key, lang, **self.params)

    def located(self, file: str, lang: str | None = None) -> str:
        """`file:line:column: phrase`, or `file: phrase` when the place is the whole file."""
        where = f"{file}:{self.line}:{self.column}" if self.line is not None else file
        return f"{where}: {self.message(lang)}"

    def __str__(self) -> str:
        return self.message("en")


def os_problem(exc: OSError, writing: bool = False) -> FileProblem:
    """A file-system failure as a phrase (missing, a folder, a device or a pipe, no permission,
    a read-only or full disk), or the errno's name: never the C library's English text."""
    code = exc.errno
    if code == errno.ENOENT:
        return FileProblem("file.no_folder" if writing else "file.not_found")
    if code == errno.EISDIR:
        return FileProblem("file.is_directory")
    # ENXIO: opening a pipe nobody reads or a socket; NotRegularFileError: privatefiles refused
    # a device, a pipe or a socket before opening it.
    if code == errno.ENXIO:
        return FileProblem("file.not_regular_write" if writing else "file.not_regular")
    # EEXIST: a mkdir(exist_ok=True) found a file where a folder of the path should be.
    if code in (errno.ENOTDIR, errno.EEXIST):
        return FileProblem("file.not_a_folder")
    if code in (errno.EACCES, errno.EPERM):
        return FileProblem("file.cannot_write" if writing else "file.no_permission")
    if code == errno.ELOOP:
        return FileProblem("file.link_loop")
    if code == errno.EROFS:
        return FileProblem("file.read_only")
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return FileProblem("file.disk_full")
    from autohelper.errors import os_reason  # the system's other reasons, worded once there

    reason = os_reason(exc)
    if reason.key != "os.other":
        return FileProblem(reason.key, **reason.params)
    name = errno.errorcode.get(code or 0, str(code))
    return FileProblem("file.os_error_write" if writing else "file.os_error", code=name)


def expand_home(text: str) -> Path:
    """`text` as a path, a `~` or `~user` at its start read as a shell reads it (the home
    folder); a FileProblem (`path.no_home`, naming the user) when that user has no home folder
    here (`~nosuchuser/x`), where `Path.expanduser` raises a RuntimeError."""
    if not text.startswith("~"):
        return Path(text)
    expanded = os.path.expanduser(text)
    if expanded == text:
        user = text[1:].split("/", 1)[0].split(os.sep, 1)[0]
        if user:
            raise FileProblem("path.no_home", user=user)
        raise FileProblem("path.no_own_home")
    return Path(expanded)


# How an earlier report of each kind begins (after a byte-order mark and blank space, in any
# case): what a file may hold for a new report of that kind to replace it.
_REPORT_STARTS: dict[str, tuple[bytes, ...]] = {
    "html": (b"<!doctype html", b"<html"),
    "ics": (b"begin:vcalendar",),
    "junit": (b"<?xml", b"<testsuites", b"<testsuite"),
}
REPORT_KINDS = frozenset(_REPORT_STARTS)
_HEAD_BYTES = 4096


def looks_like_report(path: Path, kind: str) -> bool:
    """Whether a report of `kind` ("html", "ics", "junit") may replace what is at `path`:
    nothing, an empty file, or one that begins as such a report does (a JUnit file's XML
    declaration followed by its `<testsuite(s)>`). What is no regular file (a folder, a pipe)
    is left to the write, which refuses it; one that cannot be read is no report we know."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return True
    except OSError:
        return not os.path.isfile(path)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return True
        head = os.read(fd, _HEAD_BYTES)
    except OSError:
        return False
    finally:
        os.close(fd)
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    if not text:
        return True
    if not text.startswith(_REPORT_STARTS[kind]):
        return False
    return kind != "junit" or b"<testsuite" in text


def refuse_unrelated(option: str, path: Path, kind: str) -> None:
    """A UsageError naming `path` (by its option) when a file is there that a report of `kind`
    must not replace (`looks_like_report`): the person's notes.txt is no earlier report."""
    if not looks_like_report(path, kind):
        from autohelper.errors import UsageError, Words

        what = Words(f"path.report_kind.{kind}")
        raise UsageError("output.not_a_report", option=option, path=str(path), what=what)


def not_regular(path: Path) -> bool:
    """Whether `path` is there and is neither a regular file nor a folder, links followed: a
    device (/dev/null), a pipe, a socket, or a /proc/self/fd link to one (/dev/stderr, which
    `os.stat` follows to the pipe or terminal it stands for). Nothing is opened."""
    try:
        mode = os.stat(path).st_mode
    except OSError:  # nothing there (a new file), or a path the write will say why of
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def refuse_not_regular(path: Path) -> None:
    """A FileProblem (`file.not_regular_write`) when a report's `path` is no regular file
    (`not_regular`): asked before a command starts, so that the refusal comes before its
    output, not after it."""
    if not_regular(path):
        raise FileProblem("file.not_regular_write")


def probe_folder(folder: Path) -> None:
    """Raise OSError unless a file can be created in `folder` (it is removed at once): the
    permission bits do not stop root, nor tell of a read-only disk, /proc or /sys."""
    import tempfile  # here: it costs every start-up, and only a save's check needs it

    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except FileNotFoundError:
        if not folder.is_dir():
            raise
        # The folder is there but takes no new file (/proc): nothing may be written in it.
        raise PermissionError(errno.EACCES, "cannot create files here") from None


def same_file(one: Path, other: Path) -> bool:
    """Whether two paths name one file: the same path once resolved (`./a` and `a`, a link),
    or, when both exist, the same file (a hard link). A report about to be written is checked
    with it against the files it must never replace."""
    try:
        if one.expanduser().resolve() == other.expanduser().resolve():
            return True
        return one.exists() and other.exists() and one.samefile(other)
    except (OSError, RuntimeError):  # a path that cannot be resolved: the write will say why
        return False


def read_text(path: Path) -> str:
    """The text of a UTF-8 file; a file that is not UTF-8 is a problem at the line and column of
    its first bad byte (a file saved as Latin-1 by an old editor, typically)."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise FileProblem("file.is_directory")
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem("file.not_regular")
        if info.st_size > MAX_BYTES:
            raise FileProblem("file.too_big", limit=MAX_BYTES // 1000)
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise os_problem(exc) from exc
    if len(data) > MAX_BYTES:
        raise FileProblem("file.too_big", limit=MAX_BYTES // 1000)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        raise FileProblem("file.not_utf8", line, column, byte=f"0x{data[exc.start]:02X}") from exc

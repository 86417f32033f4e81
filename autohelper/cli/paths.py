"""Option types for paths a command will write to, checked while the options are parsed.

A run writes its screenshots and its trace only after the browser has worked for a while, some
of it after a request was sent: a folder that turns out to be a file, or a disk that refuses the
write, must be found before anything starts, and said with the path, not as a traceback.
Each check really tries (creates the folder, opens a temporary file in it), so a read-only disk
is caught even for a user whom permission bits do not stop. A report's file that is there
already is replaced only when it looks like an earlier report of the same kind (an HTML page, a
JUnit XML file, a calendar): a slip of the shell's completion must not destroy the person's
notes, as `--trace` refuses a file that is no trace.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any, NoReturn

import click

from autohelper.files import (
    REPORT_KINDS,
    FileProblem,
    expand_home,
    looks_like_report,
    not_regular,
    os_problem,
    probe_folder,
)
from autohelper.messages import t
from autohelper.privatefiles import make_dirs


def _fail(
    param_type: click.ParamType[Path, Any], path: Path, reason: FileProblem, ctx: Any
) -> NoReturn:
    param_type.fail(t("path.bad_output", path=str(path), reason=reason.message()), ctx=ctx)


class OutputFolder(click.ParamType[Path, Any]):
    """A folder to write into: created when missing (0700, like any missing folder above it),
    refused when it is a file or when nothing can be written in it."""

    name = "folder"

    def convert(self, value: Any, param: click.Parameter | None, ctx: Any) -> Path:
        path = _expanded(self, value, ctx)
        try:
            if path.exists() and not path.is_dir():
                _fail(self, path, FileProblem("path.is_file"), ctx)
            try:
                make_dirs(path)  # each folder it makes 0700, those above it too
            except FileNotFoundError:
                # Every folder above is there, yet none can be made in it (/proc, /sys).
                raise PermissionError(errno.EACCES, "cannot create folders here") from None
            probe_folder(path)
        except OSError as exc:
            _fail(self, path, os_problem(exc, writing=True), ctx)
        return path


def _expanded(param_type: click.ParamType[Path, Any], value: Any, ctx: Any) -> Path:
    """The path typed, `~` and `~user` read as a shell reads them; a `~user` naming no user
    with a home folder here is refused, naming it."""
    try:
        return expand_home(str(value))
    except FileProblem as problem:
        _fail(param_type, Path(str(value)), problem, ctx)


def _said_later(path: Path) -> bool:
    """A file the command refuses by name after its options are read, in words that say what
    it is: the journal or a profile (`outputs.personal_file`), or a YAML file (a scenario, a
    procedure, a case file)."""
    from autohelper.outputs import personal_file

    return path.suffix.lower() in (".yaml", ".yml") or personal_file(path) is not None


class OutputFile(click.ParamType[Path, Any]):
    """A file to be written at the end of a run: its folder must exist and take files, and the
    path must not be a folder. With a `kind` (a report: "html", "ics", "junit"), a file there
    already is replaced only when it is empty or looks like a report of that kind
    (`files.looks_like_report`). Not asked here of the files each command refuses by name
    afterwards, in its own words (the journal, a profile, YAML: a scenario, a case file): the
    command asks it last (`status`, `merge-junit`). `-` is refused: no report goes to standard
    output. A path that is there and is no regular file (a device, a pipe, /dev/stderr) is
    left to the command, which says what it does with it before it starts."""

    name = "file"

    def __init__(self, kind: str | None = None) -> None:
        if kind is not None and kind not in REPORT_KINDS:
            raise ValueError(kind)
        self.kind = kind

    def convert(self, value: Any, param: click.Parameter | None, ctx: Any) -> Path:
        # An example of the option's kind of file (`--html` → informe.html; JUnit → .xml).
        option = param.opts[0] if param is not None and param.opts else ""
        ending = {"--html": ".html", "--ics": ".ics", "--trace": ".zip"}.get(option, ".xml")
        example = t("path.example_name") + ending
        if isinstance(value, str) and not value.strip():
            # Path("") is the current folder: said as the empty path it is.
            self.fail(t("path.empty_file", example=example), param, ctx)
        if isinstance(value, str) and value == "-":
            # No report of ours goes to standard output (`status --json` is what prints):
            # `-` would be a file of that name in the current folder, found by nobody.
            self.fail(t("path.dash", example=example), param, ctx)
        path = _expanded(self, value, ctx)
        folder = path.parent
        try:  # even asking about a path may fail (a name too long for the system)
            if path.is_dir():
                _fail(self, path, FileProblem("file.is_directory"), ctx)
            if not_regular(path):
                # A device, a pipe, a socket, or a /proc/self/fd link to one (/dev/stderr):
                # not judged by its folder, which may take no file (/proc/self/fd: "no
                # permission"). Each command says what it does with one, before it starts:
                # `status` and `merge-junit` refuse it (`files.refuse_not_regular`), `qa`
                # writes its reports through it, `--trace` refuses it as no trace.
                return path
            if not folder.is_dir():
                reason = "path.no_folder" if not folder.exists() else "file.not_a_folder"
                _fail(self, path, FileProblem(reason, folder=str(folder)), ctx)
            probe_folder(folder)
            if path.exists() and not os.access(path, os.W_OK):
                raise PermissionError(errno.EACCES, "not writable")
            if (
                self.kind is not None
                and not _said_later(path)
                and not looks_like_report(path, self.kind)
            ):
                what = t(f"path.report_kind.{self.kind}")
                _fail(self, path, FileProblem("path.not_a_report", what=what), ctx)
        except OSError as exc:
            _fail(self, path, os_problem(exc, writing=True), ctx)
        return path

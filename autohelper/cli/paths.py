"""Option types for paths a command will write to, checked while the options are parsed.

A run writes its screenshots and its trace only after the browser has worked for a while, some
of it after a request was sent: a folder that turns out to be a file, or a disk that refuses the
write, must be found before anything starts, and said with the path, not as a traceback.
Each check really tries (creates the folder, opens a temporary file in it), so a read-only disk
is caught even for a user whom permission bits do not stop.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any, NoReturn

import click

from autohelper.files import FileProblem, os_problem, probe_folder
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
        path = Path(value).expanduser()
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


class OutputFile(click.ParamType[Path, Any]):
    """A file to be written at the end of a run: its folder must exist and take files, and the
    path must not be a folder."""

    name = "file"

    def convert(self, value: Any, param: click.Parameter | None, ctx: Any) -> Path:
        if isinstance(value, str) and not value.strip():
            # Path("") is the current folder: said as the empty path it is, with an example
            # of the option's kind of file (`--html` → informe.html; a JUnit file → .xml).
            option = param.opts[0] if param is not None and param.opts else ""
            ending = {"--html": ".html", "--ics": ".ics"}.get(option, ".xml")
            self.fail(t("path.empty_file", example=t("path.example_name") + ending), param, ctx)
        path = Path(value).expanduser()
        folder = path.parent
        try:  # even asking about a path may fail (a name too long for the system)
            if path.is_dir():
                _fail(self, path, FileProblem("file.is_directory"), ctx)
            if not folder.is_dir():
                reason = "path.no_folder" if not folder.exists() else "file.not_a_folder"
                _fail(self, path, FileProblem(reason, folder=str(folder)), ctx)
            probe_folder(folder)
            if path.exists() and not os.access(path, os.W_OK):
                raise PermissionError(errno.EACCES, "not writable")
        except OSError as exc:
            _fail(self, path, os_problem(exc, writing=True), ctx)
        return path

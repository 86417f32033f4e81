"""Files a run writes (screenshots, CAPTCHA images, downloads, traces, reports): each created
0600 from its first byte inside a folder made 0700. A screenshot of a student's form or a
downloaded constancia is personal data; nothing else on the machine may read it."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class NotRegularFileError(OSError):
    """The path to write is there and is no regular file: a device (/dev/null, /dev/full), a
    pipe, a socket. Writing there would hang (a pipe nobody reads) or change the system's own
    file (its mode); `files.os_problem` words it."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(errno.ENXIO, "not a regular file", str(path))


def make_dirs(path: Path) -> Path:
    """Create `path` and every missing folder above it, each 0700 whatever the umask (a plain
    `mkdir(parents=True, mode=0o700)` gives only the last one that mode). Folders that already
    exist are left as they are: they are not ours to tighten."""
    missing: list[Path] = []
    folder = path
    while not folder.exists() and not folder.is_symlink() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            if not folder.is_dir():
                raise
            continue  # made meanwhile by another process (a parallel worker): not ours
        os.chmod(folder, 0o700)
    if not path.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(path))
    return path


def private_dir(path: Path) -> Path:
    """`path` as a folder for a run's files: created when missing, 0700 like every folder it
    creates above it. A folder that is there already is left as it is: it may be one the person
    named (`--artifacts .`, their home), whose mode is theirs; what we write in it is 0600."""
    return make_dirs(path)


def own_private_dir(path: Path) -> Path:
    """`path` as a folder only its owner can enter, tightened to 0700 when it is there already:
    for a folder in the tool's own place (its cache), never for one the person named."""
    make_dirs(path)
    os.chmod(path, 0o700)
    return path


def refuse_odd(path: Path) -> Path:
    """The file a write (or a read) of `path` would reach (a symbolic link followed), refused
    when it is there and is not a regular file: a folder (IsADirectoryError) or a device, a
    pipe, a socket (NotRegularFileError). Only asked about: nothing is opened, so a pipe cannot
    block."""
    target = Path(os.path.realpath(path))
    try:
        # The path itself, not its resolved text: a /proc/self/fd link (/dev/stderr) resolves
        # to a name like `pipe:[123]` that is no file, while stat follows it to the pipe.
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return target  # a new file: created by the write
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    if not stat.S_ISREG(mode):
        raise NotRegularFileError(path)
    return target


def write_private(path: Path, data: bytes) -> Path:
    """Write `data` to a regular file readable by its owner only, from its first byte (a file
    that was there with a looser mode is tightened). A path that is there and is not a regular
    file is refused before it is opened (see `refuse_odd`); nothing else is ever chmodded."""
    target = refuse_odd(path)
    # O_NOFOLLOW and O_NONBLOCK in case the path changed since it was asked about: a link put
    # there fails (ELOOP), a pipe opens without waiting for a reader (or fails, ENXIO), and the
    # check below refuses it before a byte is written or a mode changed.
    flags = os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(target, flags, 0o600)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFileError(path)
        os.ftruncate(fd, 0)  # only now: O_TRUNC would act before the check
        os.fchmod(fd, 0o600)  # an existing file keeps its old mode through a rewrite
        os.set_blocking(fd, True)
        handle = os.fdopen(fd, "wb")
    except BaseException:
        os.close(fd)
        raise
    with handle:
        handle.write(data)
    return path


def make_private(path: Path) -> Path:
    """Tighten a file another library wrote (a Playwright trace or download) to 0600: through
    a descriptor of the file checked to be a regular one, never a device's or a pipe's mode."""
    target = refuse_odd(path)
    fd = os.open(target, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFileError(path)
        os.fchmod(fd, 0o600)
    finally:
        os.close(fd)
    return path

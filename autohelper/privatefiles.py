"""Files a run writes (screenshots, CAPTCHA images, downloads, traces, reports): each created
0600 from its first byte inside a folder made 0700. A screenshot of a student's form or a
downloaded constancia is personal data; nothing else on the machine may read it."""

from __future__ import annotations

import errno
import os
from pathlib import Path


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
    """`path` as a folder only its owner can enter (created if needed, tightened if not); the
    folders it creates above it are 0700 too."""
    make_dirs(path)
    os.chmod(path, 0o700)
    return path


def write_private(path: Path, data: bytes) -> Path:
    """Write `data` to a file readable by its owner only, from its first byte."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.chmod(path, 0o600)  # an existing file keeps its old mode through O_TRUNC
    return path


def make_private(path: Path) -> Path:
    """Tighten a file another library wrote (a Playwright trace or download) to 0600."""
    os.chmod(path, 0o600)
    return path

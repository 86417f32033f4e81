"""Files a run writes (screenshots, CAPTCHA images, downloads, traces, reports): each created
0600 from its first byte inside a folder made 0700. A screenshot of a student's form or a
downloaded constancia is personal data; nothing else on the machine may read it."""

from __future__ import annotations

import os
from pathlib import Path


def private_dir(path: Path) -> Path:
    """`path` as a folder only its owner can enter (created if needed, tightened if not)."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
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

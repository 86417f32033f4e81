"""The student's own files that no report may be written over: their profiles and the journal.
A report path is the person's to choose (`qa --junit`, `merge-junit OUT`), and a slip of the
shell's completion (`~/.config/autohelper/profiles/default.yaml`) would otherwise replace their
data with a JUnit file. `status` asks the same (`standing.check_outputs`), in messages that
suggest a file name of its own."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from pathlib import Path

from autohelper.errors import UsageError


def personal_file(path: Path, profile_name: str | None = None) -> str | None:
    """What of the student's `path` is: "journal" (its write-ahead files too), "profile" (the
    one named, or one in the profiles folder), or None."""
    from autohelper.files import same_file
    from autohelper.journal import default_path
    from autohelper.profile import profiles_dir, resolve_profile_path

    journal = default_path()
    if any(same_file(path, Path(f"{journal}{end}")) for end in ("", "-wal", "-shm")):
        return "journal"
    profiles = _yaml_files(profiles_dir())
    if profile_name is not None:
        # A name no profile can have: the run says so in its own words.
        with contextlib.suppress(UsageError):
            profiles.append(resolve_profile_path(profile_name))
    return "profile" if any(same_file(path, other) for other in profiles) else None


def refuse_personal_outputs(outputs: Mapping[str, Path], profile_name: str | None = None) -> None:
    """Refuse, before anything is written, a report's path (by its option or argument) that is
    the student's own (`personal_file`)."""
    from autohelper.profile import shown_path

    for option, path in outputs.items():
        kind = personal_file(path, profile_name)
        if kind is not None:
            shown = shown_path(path) if kind == "profile" else str(path)
            raise UsageError(f"output.is_{kind}", option=option, path=shown)


def _yaml_files(folder: Path) -> list[Path]:
    try:
        return [*folder.glob("*.yaml"), *folder.glob("*.yml")]
    except OSError:
        return []

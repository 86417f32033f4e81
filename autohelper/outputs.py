"""The student's own files that no report may be written over: their profiles and the journal.
A report path is the person's to choose (`qa --junit`, `merge-junit OUT`), and a slip of the
shell's completion (`~/.config/autohelper/profiles/default.yaml`) would otherwise replace their
data with a JUnit file. `status` keeps its own check (`standing.check_outputs`), whose messages
suggest a file name of its own."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from pathlib import Path

from autohelper.errors import UsageError


def refuse_personal_outputs(outputs: Mapping[str, Path], profile_name: str | None = None) -> None:
    """Refuse, before anything is written, a report's path (by its option or argument) that is
    the journal (its write-ahead files too), the profile named, or a profile in the profiles
    folder."""
    from autohelper.files import same_file
    from autohelper.journal import default_path
    from autohelper.profile import profiles_dir, resolve_profile_path, shown_path

    journal = default_path()
    journals = [Path(f"{journal}{end}") for end in ("", "-wal", "-shm")]
    profiles = _yaml_files(profiles_dir())
    if profile_name is not None:
        # A name no profile can have: the run says so in its own words.
        with contextlib.suppress(UsageError):
            profiles.append(resolve_profile_path(profile_name))
    for option, path in outputs.items():
        if any(same_file(path, other) for other in journals):
            raise UsageError("output.is_journal", option=option, path=str(path))
        if any(same_file(path, other) for other in profiles):
            raise UsageError("output.is_profile", option=option, path=shown_path(path))


def _yaml_files(folder: Path) -> list[Path]:
    try:
        return [*folder.glob("*.yaml"), *folder.glob("*.yml")]
    except OSError:
        return []

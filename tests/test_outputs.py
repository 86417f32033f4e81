"""No report is written over the student's own data: a profile (the one named, or any in the
profiles folder) or the journal. `merge-junit OUT` and `qa --junit/--html` refuse such a path
before anything is written (and `qa` before any case runs); `status --html` has its own check
(tests/test_status.py)."""

from __future__ import annotations

from pathlib import Path

from support import CURP, console

from autohelper import profile as prof
from autohelper.journal import Journal, default_path

JUNIT = '<testsuites><testsuite name="s" tests="1"><testcase classname="c" name="a"/></testsuite>'


def _shard(tmp_path: Path) -> Path:
    path = tmp_path / "shard.xml"
    path.write_text(JUNIT + "</testsuites>", encoding="utf-8")
    return path


def test_merge_junit_never_writes_over_a_profile_or_the_journal(tmp_path: Path) -> None:
    prof.update_profile("ana", {"curp": CURP})
    profile = prof.resolve_profile_path("ana")
    before = profile.read_bytes()
    result = console("merge-junit", str(profile), str(_shard(tmp_path)))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: SALIDA apunta a un perfil tuyo ("), result.stderr
    assert "No escribí nada" in result.stderr and CURP not in result.output
    assert profile.read_bytes() == before
    Journal()  # made, as any run makes it
    journal = default_path()
    kept = journal.read_bytes()
    english = console("--lang", "en", "merge-junit", str(journal), str(_shard(tmp_path)))
    assert english.exit_code == 1
    assert f"Error: OUTPUT names the autohelper journal ({journal})" in english.stderr
    assert journal.read_bytes() == kept


def test_qa_reports_never_go_over_the_students_own_profile(tmp_path: Path) -> None:
    """The student's own profile is not the one `qa` uses (a synthetic one is), but it is
    theirs: refused before any case runs (no browser starts for this test)."""
    prof.update_profile(None, {"curp": CURP})
    profile = prof.resolve_profile_path(None)
    before = profile.read_bytes()
    result = console("qa", "imss-nss", "--against", "fixtures", "--junit", str(profile))
    assert result.exit_code == 1
    assert "Error: --junit apunta a un perfil tuyo (" in result.stderr, result.stderr
    assert profile.read_bytes() == before

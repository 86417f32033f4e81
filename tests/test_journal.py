"""The journal: private on disk, one row per run, step and submit, the submit written before
its press and its result after."""

from __future__ import annotations

import sqlite3
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import own_disk

from autohelper import journal as journal_module
from autohelper.errors import JournalError
from autohelper.journal import SCHEMA_VERSION, Journal, Repair, default_path, repair


def test_the_journal_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "deep" / "er" / "journal.sqlite3")
    assert stat.S_IMODE(journal.path.stat().st_mode) == 0o600
    # Every folder it had to create, not only the last one.
    assert stat.S_IMODE((tmp_path / "deep" / "er").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "deep").stat().st_mode) == 0o700


def test_default_path_follows_the_data_dir_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AUTOHELPER_DATA_DIR", str(tmp_path / "x"))
    assert default_path() == tmp_path / "x" / "journal.sqlite3"


def test_a_run_its_steps_and_its_submit(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j.sqlite3")
    run_id = journal.start_run("imss-nss", "fixtures", "qa")
    journal.record_step(run_id, 0, "goto", "Abrir", "ok", "2026-11-22T00:00:00", 120)
    submit_id = journal.record_submit(run_id, 13, "Enviar", "CURP: HEGG…L04")
    # Before the press has a result, the submit is already there, pending.
    assert journal.rows("submits", run_id)[0][-1] == "pending"
    journal.finish_submit(submit_id, "http 200")
    journal.end_run(run_id, "success", "Listo.", {"nss": "67…88"})

    [run] = Journal(tmp_path / "j.sqlite3").runs()  # a new connection: it is on disk
    assert (run.scenario, run.status, run.yields) == ("imss-nss", "success", {"nss": "67…88"})
    assert run.ended_at is not None
    [step] = journal.rows("steps", run_id)
    assert step[2:6] == (0, "goto", "Abrir", "ok")
    assert journal.rows("submits", run_id)[0][-1] == "http 200"
    assert journal.runs("other") == []


# The journal before schema versions were kept: no marks table yet, user_version 0.
_UNVERSIONED = """
CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, scenario TEXT NOT NULL,
    target TEXT NOT NULL, mode TEXT NOT NULL, started_at TEXT NOT NULL, ended_at TEXT,
    status TEXT NOT NULL DEFAULT 'running', message TEXT, yields TEXT NOT NULL DEFAULT '{}');
CREATE TABLE steps (id INTEGER PRIMARY KEY AUTOINCREMENT, run_id INTEGER NOT NULL,
    position INTEGER NOT NULL, kind TEXT NOT NULL, description TEXT NOT NULL,
    status TEXT NOT NULL, started_at TEXT NOT NULL, duration_ms INTEGER NOT NULL, detail TEXT);
CREATE TABLE submits (id INTEGER PRIMARY KEY AUTOINCREMENT, run_id INTEGER NOT NULL,
    position INTEGER NOT NULL, description TEXT NOT NULL, summary TEXT NOT NULL,
    pressed_at TEXT NOT NULL, result TEXT NOT NULL DEFAULT 'pending');
INSERT INTO runs (scenario, target, mode, started_at, status)
    VALUES ('imss-nss', 'live', 'student', '2026-11-13T17:00:00+00:00', 'success');
"""


def test_an_older_journal_is_migrated_and_keeps_its_runs(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(_UNVERSIONED)
    journal = Journal(path)
    [run] = journal.runs()
    assert (run.scenario, run.status, run.profile, run.resumes) == (
        "imss-nss",
        "success",
        None,
        None,
    )
    journal.record_mark("p", "itson", "nss", "2026-11-13", "done")  # the table it lacked
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_journal_from_a_newer_autohelper_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = path.read_bytes()
    with pytest.raises(JournalError) as caught:
        Journal(path)
    assert caught.value.key == "journal.newer"
    assert path.read_bytes() == before


@pytest.mark.parametrize("kind", ["text", "folder"])
def test_repair_sets_a_bad_journal_aside_and_starts_a_new_one(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "journal.sqlite3"
    if kind == "text":
        path.write_text("no soy una base de datos\n" * 50)
    else:
        (path / "inside").mkdir(parents=True)
    with pytest.raises(JournalError):
        Journal(path)
    done = repair(path)
    assert done.state == "repaired" and done.moved_to is not None
    assert done.moved_to.name.startswith("journal.sqlite3.old-")
    if kind == "text":
        assert done.moved_to.read_text().startswith("no soy una base de datos")
    else:
        assert (done.moved_to / "inside").is_dir()
    assert Journal(path).runs() == []
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_repair_leaves_a_healthy_journal_alone(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    Journal(path).start_run("imss-nss", "live", "student")
    assert repair(path) == Repair("healthy", path)
    assert len(Journal(path).runs()) == 1
    assert repair(tmp_path / "none.sqlite3").state == "absent"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["journal.sqlite3"]


def test_a_read_only_disk_is_found_when_the_journal_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only disk stops even root: SQLite opened read-only stands for it."""
    path = tmp_path / "journal.sqlite3"
    Journal(path)
    monkeypatch.setattr(
        journal_module,
        "_open",
        lambda p: sqlite3.connect(f"file:{p}?mode=ro", uri=True),
    )
    with pytest.raises(JournalError) as caught:
        Journal(path)
    assert caught.value.key == "journal.read_only"
    assert Journal(path, writable=False).runs() == []  # reading still works (status)


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    """A small disk of its own (tmpfs), to be remounted read-only: a real one, as a USB stick
    mounted read-only is (a permission bit would not stop root). Root only."""
    with own_disk(tmp_path / "disk", "4m") as folder:
        yield folder


def test_a_journal_on_a_disk_mounted_read_only_is_read_and_a_write_says_read_only(
    disk: Path,
) -> None:
    """status reads it as it is (SQLite cannot make a write-ahead log's shared-memory file
    there); done is told the disk is read-only, not that it failed or needs repair."""
    path = disk / "journal.sqlite3"
    Journal(path).record_mark("/p/ana.yaml", "itson", "solicitud", "2026-11-20", "done")
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
    marks = Journal(path, writable=False).marks("/p/ana.yaml", "itson")
    assert [(m.step, m.on_date) for m in marks] == [("solicitud", "2026-11-20")]
    with pytest.raises(JournalError) as caught:
        Journal(path)
    assert caught.value.key == "journal.read_only"


def test_an_older_journal_opened_by_several_runs_at_once_is_migrated_once(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    # Many times over: the runs' race (which opens first, which sets write-ahead logging while
    # the others read) goes one way or another.
    for round_ in range(50):
        path = tmp_path / f"journal-{round_}.sqlite3"
        with sqlite3.connect(path) as db:
            db.executescript(_UNVERSIONED)
        with ThreadPoolExecutor(4) as pool:
            journals = list(pool.map(lambda _: Journal(path), range(4)))  # noqa: B023
        assert all(len(journal.runs()) == 1 for journal in journals)


def test_a_journal_from_before_runs_named_their_profile_gains_the_column(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, scenario TEXT NOT NULL,"
            " target TEXT NOT NULL, mode TEXT NOT NULL, started_at TEXT NOT NULL, ended_at TEXT,"
            " status TEXT NOT NULL DEFAULT 'running', message TEXT,"
            " yields TEXT NOT NULL DEFAULT '{}')"
        )
        db.execute(
            "INSERT INTO runs (scenario, target, mode, started_at, status) VALUES"
            " ('itson-solicitud', 'live', 'student', '2026-11-13T17:00:00+00:00', 'success')"
        )
    path.chmod(0o600)
    journal = Journal(path)
    [old] = journal.runs()
    assert old.profile is None
    new = journal.start_run("itson-solicitud", "live", "student", "/p/ana.yaml")
    assert [run.profile for run in journal.runs()] == [None, "/p/ana.yaml"]
    journal.end_run(new, "success", "Listo.", {"folio": "4810001"})
    # A run that named no profile counts for any; a named one only for its own.
    found = journal.last_success("itson-solicitud", "student", "live", "/p/luis.yaml")
    assert found is not None and found.id == old.id
    found = journal.last_success("itson-solicitud", "student", "live", "/p/ana.yaml")
    assert found is not None and found.yields == {"folio": "4810001"}
    assert journal.last_success("itson-solicitud", "student", "mirror", "/p/ana.yaml") is None
    assert journal.last_success("itson-solicitud", "qa", "live", "/p/ana.yaml") is None


def test_a_journal_that_already_names_profiles_is_migrated_too(tmp_path: Path) -> None:
    """The version between: no schema version yet, but `runs.profile` already there."""
    path = tmp_path / "journal.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(_UNVERSIONED)
        db.execute("ALTER TABLE runs ADD COLUMN profile TEXT")
        db.execute("UPDATE runs SET profile = '/p/ana.yaml'")
    [run] = Journal(path).runs()
    assert (run.profile, run.resumes) == ("/p/ana.yaml", None)


def test_a_journal_from_before_runs_named_their_mirror_opens_and_gains_the_column(
    tmp_path: Path,
) -> None:
    """Version 3 (runs name their profile and the run they resume, not their mirror's URL):
    it opens, keeps its runs (their mirror unknown: None), and new runs name their mirror."""
    path = tmp_path / "journal.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(_UNVERSIONED)
        db.execute("ALTER TABLE runs ADD COLUMN profile TEXT")
        db.execute("ALTER TABLE runs ADD COLUMN resumes INTEGER REFERENCES runs(id)")
        db.execute(
            "CREATE TABLE marks (id INTEGER PRIMARY KEY AUTOINCREMENT, profile TEXT NOT NULL,"
            " procedure TEXT NOT NULL, step TEXT NOT NULL, on_date TEXT NOT NULL,"
            " kind TEXT NOT NULL, created_at TEXT NOT NULL)"
        )
        db.execute("UPDATE runs SET target = 'mirror', profile = '/p/ana.yaml'")
        db.execute("PRAGMA user_version = 3")
    journal = Journal(path)
    new = journal.start_run("imss-nss", "mirror", "student", "/p/ana.yaml", None, "http://m:8")
    old, newer = journal.runs()
    assert (old.target, old.profile, old.target_url) == ("mirror", "/p/ana.yaml", None)
    assert (newer.id, newer.target_url) == (new, "http://m:8")
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


@pytest.mark.parametrize(
    ("damage", "table", "column"),
    [
        ("UPDATE marks SET on_date = '2026-13-45'", "marks", "on_date"),
        ("UPDATE marks SET on_date = 'ayer'", "marks", "on_date"),
        ("UPDATE runs SET yields = '{not json'", "runs", "yields"),
        ("UPDATE runs SET yields = '{\"folio\": 4815}'", "runs", "yields"),
        ("UPDATE runs SET started_at = '2026-11-13T25:00'", "runs", "started_at"),
        ("UPDATE runs SET ended_at = '9999-12-31T23:59:59-12:00'", "runs", "ended_at"),
    ],
)
def test_a_damaged_row_is_a_journal_error_and_repair_sets_the_journal_aside(
    tmp_path: Path, damage: str, table: str, column: str
) -> None:
    path = tmp_path / "journal.sqlite3"
    journal = Journal(path)
    run_id = journal.start_run("itson-solicitud", "live", "student", "/p/ana.yaml")
    journal.end_run(run_id, "success", "Listo.", {"folio": "4…2"})
    journal.record_mark("/p/ana.yaml", "itson", "solicitud", "2026-11-13", "done")
    with sqlite3.connect(path) as db:
        db.execute(damage)
    with pytest.raises(JournalError) as caught:
        if table == "marks":
            journal.marks("/p/ana.yaml", "itson")
        else:
            journal.runs()
    assert caught.value.key == "journal.damaged_row"
    assert caught.value.message("en") == (
        f"The journal {path} is damaged: row 1 of the table {table} has an unreadable value in "
        f"“{column}”. To set it aside without deleting it and start a new one: autohelper "
        "journal repair"
    )
    done = repair(path)
    assert done.state == "repaired" and done.moved_to is not None
    assert (Journal(path).runs(), Journal(path).marks("/p/ana.yaml", "itson")) == ([], [])
    with sqlite3.connect(done.moved_to) as db:  # set aside, not deleted
        assert db.execute("SELECT count(*) FROM marks").fetchone() == (1,)

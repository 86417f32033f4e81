"""What happened, durably: a SQLite journal of runs, steps and submits.

Every text that goes in has been masked by the caller's Redactor; the file is readable by its
owner only. A submit is written (and committed) before its button is pressed, so even a crash
right after the press leaves a trace that something may have been sent.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs

from autohelper.engine.events import RunListener, RunResult, StepRecord
from autohelper.privacy import PERSONAL_FIELDS, Redactor, mask

if TYPE_CHECKING:
    from autohelper.scenario.model import Scenario, Step

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    scenario TEXT NOT NULL,
    target TEXT NOT NULL,
    mode TEXT NOT NULL,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    status TEXT NOT NULL DEFAULT 'running',
    message TEXT,
    yields TEXT NOT NULL DEFAULT '{}',
    profile TEXT
);
CREATE TABLE IF NOT EXISTS steps (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id INTEGER NOT NULL REFERENCES runs(id),
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    description TEXT NOT NULL,
    status TEXT NOT NULL,
    started_at TEXT NOT NULL,
    duration_ms INTEGER NOT NULL,
    detail TEXT
);
CREATE TABLE IF NOT EXISTS submits (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id INTEGER NOT NULL REFERENCES runs(id),
    position INTEGER NOT NULL,
    description TEXT NOT NULL,
    summary TEXT NOT NULL,
    pressed_at TEXT NOT NULL,
    result TEXT NOT NULL DEFAULT 'pending'
);
CREATE TABLE IF NOT EXISTS marks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    profile TEXT NOT NULL,
    procedure TEXT NOT NULL,
    step TEXT NOT NULL,
    on_date TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('done', 'undone')),
    created_at TEXT NOT NULL
);
"""


def default_path() -> Path:
    """`$AUTOHELPER_DATA_DIR/journal.sqlite3`, else the user data directory (platformdirs)."""
    base = os.environ.get("AUTOHELPER_DATA_DIR") or platformdirs.user_data_dir("autohelper")
    return Path(base) / "journal.sqlite3"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class RunRow:
    id: int
    scenario: str
    target: str
    mode: str
    started_at: str
    ended_at: str | None
    status: str
    message: str | None
    yields: dict[str, str]
    # The profile (its file) the run was for; None in runs from before it was recorded.
    profile: str | None = None


class Journal:
    """One SQLite file; each write is its own short transaction (a crash loses nothing)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not self.path.exists():
            # Create it private before SQLite opens it, so it is never readable by others.
            fd = os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600)
            os.close(fd)
        os.chmod(self.path, 0o600)
        self._held: sqlite3.Connection | None = None
        with self._connect() as db:
            # Write-ahead logging: a run's steps go in as one group, and readers (status) never
            # wait for a writer. SQLite makes its -wal and -shm files with the database's mode.
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(SCHEMA)
            columns = {row[1] for row in db.execute("PRAGMA table_info(runs)")}
            if "profile" not in columns:  # a journal from before runs named their profile
                db.execute("ALTER TABLE runs ADD COLUMN profile TEXT")

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        if self._held is not None:
            yield self._held  # a run's group: committed by `commit()`, not here
            return
        db = sqlite3.connect(self.path, timeout=10)
        try:
            with db:
                yield db
        finally:
            db.close()

    def hold(self) -> None:
        """Keep one connection open and group writes until `commit()` (a run's steps)."""
        if self._held is None:
            self._held = sqlite3.connect(self.path, timeout=10)
            self._held.execute("PRAGMA synchronous=FULL")  # a commit is on disk when it returns

    def commit(self) -> None:
        """Make the writes so far durable (before a submit is pressed, at a run's end)."""
        if self._held is not None:
            self._held.commit()

    def release(self) -> None:
        """Commit and close the held connection."""
        if self._held is not None:
            self._held.commit()
            self._held.close()
            self._held = None

    def start_run(self, scenario: str, target: str, mode: str, profile: str | None = None) -> int:
        with self._connect() as db:
            cursor = db.execute(
                "INSERT INTO runs (scenario, target, mode, started_at, profile)"
                " VALUES (?, ?, ?, ?, ?)",
                (scenario, target, mode, _now(), profile),
            )
            return int(cursor.lastrowid or 0)

    def end_run(
        self, run_id: int, status: str, message: str | None, yields: dict[str, str]
    ) -> None:
        with self._connect() as db:
            db.execute(
                "UPDATE runs SET ended_at = ?, status = ?, message = ?, yields = ? WHERE id = ?",
                (_now(), status, message, json.dumps(yields, ensure_ascii=False), run_id),
            )

    def record_step(
        self,
        run_id: int,
        position: int,
        kind: str,
        description: str,
        status: str,
        started_at: str,
        duration_ms: int,
        detail: str | None = None,
    ) -> None:
        with self._connect() as db:
            db.execute(
                "INSERT INTO steps (run_id, position, kind, description, status, started_at,"
                " duration_ms, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (run_id, position, kind, description, status, started_at, duration_ms, detail),
            )

    def record_submit(self, run_id: int, position: int, description: str, summary: str) -> int:
        """Written before the button is pressed; `finish_submit` records what came of it."""
        with self._connect() as db:
            cursor = db.execute(
                "INSERT INTO submits (run_id, position, description, summary, pressed_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (run_id, position, description, summary, _now()),
            )
            return int(cursor.lastrowid or 0)

    def finish_submit(self, submit_id: int, result: str) -> None:
        with self._connect() as db:
            db.execute("UPDATE submits SET result = ? WHERE id = ?", (result, submit_id))

    def runs(self, scenario: str | None = None) -> list[RunRow]:
        query = "SELECT * FROM runs"
        params: tuple[Any, ...] = ()
        if scenario:
            query += " WHERE scenario = ?"
            params = (scenario,)
        with self._connect() as db:
            rows = db.execute(query + " ORDER BY id", params).fetchall()
        return [
            RunRow(
                id=row[0],
                scenario=row[1],
                target=row[2],
                mode=row[3],
                started_at=row[4],
                ended_at=row[5],
                status=row[6],
                message=row[7],
                yields=json.loads(row[8]),
                profile=row[9],
            )
            for row in rows
        ]

    def last_success(
        self, scenario: str, mode: str, target: str, profile: str | None
    ) -> RunRow | None:
        """The latest successful run of `scenario` in that mode, against that target, for that
        profile (a run from before runs named their profile counts for any)."""
        found = [
            run
            for run in self.runs(scenario)
            if (run.status, run.mode, run.target) == ("success", mode, target)
            and run.profile in (None, profile)
        ]
        return found[-1] if found else None

    def rows(self, table: str, run_id: int) -> list[sqlite3.Row]:
        """The rows of `steps` or `submits` for one run, read by column name."""
        if table not in ("steps", "submits"):
            raise ValueError(table)
        with self._connect() as db:
            db.row_factory = sqlite3.Row
            return db.execute(
                f"SELECT * FROM {table} WHERE run_id = ? ORDER BY id", (run_id,)
            ).fetchall()

    def listener(
        self, mode: str, target: str, redactor: Redactor, profile: str | None = None
    ) -> JournalListener:
        """A listener that keeps one run in this journal (`mode`: student or qa; `target`: live,
        fixtures or mirror; `profile`: the profile's file, which says whose run it is)."""
        return JournalListener(self, mode, target, redactor, profile)

    # -- marks: steps a student records by hand (`autohelper done` / `autohelper undo`) --------
    def record_mark(self, profile: str, procedure: str, step: str, on_date: str, kind: str) -> int:
        """Append a mark: `done` on `on_date` (YYYY-MM-DD), or `undone` (cancels the latest
        `done` of that step). Marks are never edited or deleted, so the history stays whole."""
        if kind not in ("done", "undone"):
            raise ValueError(kind)
        with self._connect() as db:
            cursor = db.execute(
                "INSERT INTO marks (profile, procedure, step, on_date, kind, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (profile, procedure, step, on_date, kind, _now()),
            )
            return int(cursor.lastrowid or 0)

    def marks(self, profile: str, procedure: str) -> list[MarkRow]:
        """Every mark of one profile's procedure, oldest first."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT id, profile, procedure, step, on_date, kind, created_at FROM marks"
                " WHERE profile = ? AND procedure = ? ORDER BY id",
                (profile, procedure),
            ).fetchall()
        return [MarkRow(*row) for row in rows]


@dataclass(frozen=True)
class MarkRow:
    """One row of `marks`: a step recorded done (or undone) by hand, for one profile."""

    id: int
    profile: str
    procedure: str
    step: str
    on_date: str
    kind: str
    created_at: str


class JournalListener(RunListener):
    """Keeps a run's events in the journal: the run, each step, each submit before its press.
    Every text is redacted on the way in, and personal yields are masked."""

    def __init__(
        self,
        journal: Journal,
        mode: str,
        target: str,
        redactor: Redactor,
        profile: str | None = None,
    ) -> None:
        self.journal = journal
        self.mode = mode
        self.target = target
        self.redactor = redactor
        self.profile = profile
        self.run_id: int | None = None
        self._submits: dict[int, int] = {}  # step index -> submit row of its last press

    def run_started(self, scenario: Scenario) -> None:
        self.journal.hold()
        self.run_id = self.journal.start_run(scenario.id, self.target, self.mode, self.profile)
        self.journal.commit()  # a run that crashes at its first step is still on record

    def step_finished(self, record: StepRecord) -> None:
        assert self.run_id is not None
        self.journal.record_step(
            self.run_id,
            record.index,
            record.step.kind,
            self.redactor(record.step.describe()),
            record.status,
            record.started_at,
            record.duration_ms,
            record.detail,
        )

    def submit_pressing(self, index: int, step: Step, summary: str) -> None:
        assert self.run_id is not None
        self._submits[index] = self.journal.record_submit(
            self.run_id, index, self.redactor(step.describe()), self.redactor(summary)
        )
        # On disk before the button is pressed: a crash right after the press leaves a trace.
        self.journal.commit()

    def submit_finished(self, index: int, step: Step, result: str) -> None:
        if index in self._submits:
            self.journal.finish_submit(self._submits[index], result)
            self.journal.commit()

    def run_finished(self, result: RunResult) -> None:
        if self.run_id is None:
            return
        result.run_id = self.run_id
        yields = {
            name: mask(value, name) if name in PERSONAL_FIELDS else self.redactor(value)
            for name, value in result.yields.items()
        }
        message = self.redactor(result.message) if result.message else None
        self.journal.end_run(self.run_id, result.status, message, yields)
        self.journal.release()

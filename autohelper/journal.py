"""What happened, durably: a SQLite journal of runs, steps, submits and marks.

Every text that goes in has been masked by the caller's Redactor; the file is readable by its
owner only. A submit is written (and committed) before its button is pressed, so even a crash
right after the press leaves a trace that something may have been sent.

The schema is versioned (`PRAGMA user_version`) and migrated forward when an older journal is
opened. A journal that cannot be used (damaged, a folder, unreadable, on a read-only disk, from a
newer autohelper) is a `JournalError` naming the file and what to do; `repair` moves a bad one
out of the way under a timestamped name (never deleting it) so a fresh one can start. One that
another process keeps locked past `BUSY_WAIT` is in use (`journal.busy`), never damaged: it is
waited for, not repaired.
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs

from autohelper.engine.events import RunListener, RunResult, StepRecord
from autohelper.errors import JournalError, UsageError
from autohelper.files import FileProblem, expand_home, os_problem
from autohelper.privacy import PERSONAL_FIELDS, Redactor, escaped, mask
from autohelper.privatefiles import make_dirs

if TYPE_CHECKING:
    from autohelper.scenario.model import Scenario, Step

# Migration i takes a journal from version i to i + 1. A journal written before versions were
# kept reads as version 0 and may already hold some of these tables: hence IF NOT EXISTS.
MIGRATIONS: tuple[str, ...] = (
    """
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
""",
    """
CREATE TABLE IF NOT EXISTS marks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    profile TEXT NOT NULL,
    procedure TEXT NOT NULL,
    step TEXT NOT NULL,
    on_date TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('done', 'undone')),
    created_at TEXT NOT NULL
);
""",
    # Whose run it was (the profile file, as marks key it; NULL in older runs), and which run a
    # resumed one takes up. A journal of the version between may have `profile` already.
    "ADD COLUMN runs profile TEXT;ADD COLUMN runs resumes INTEGER REFERENCES runs(id)",
    # Which mirror a run went to (its URL as shown_against shows it: never credentials; NULL
    # for live and fixtures, and in older runs): a send is resumed only against its own mirror.
    "ADD COLUMN runs target_url TEXT",
)
SCHEMA_VERSION = len(MIGRATIONS)
_RUN_COLUMNS = (
    "id, scenario, target, mode, started_at, ended_at, status, message, yields, profile, resumes,"
    " target_url"
)
# A submit's result once its answer was read as a refusal (`submit_refused`): nothing was taken.
REFUSED = "refused"
# The tables of a journal (SQLite's own, `sqlite_*`, aside): a database with others is not one.
_OWN_TABLES = frozenset({"runs", "steps", "submits", "marks"})
# What keeps a journal from being written but may leave it readable as it is on disk (status).
_READ_AS_IS = frozenset(
    {
        "journal.read_only",
        "journal.folder_not_writable",
        "journal.file_not_writable",
        "journal.cannot_write",
    }
)
# How long (seconds) a write waits for another process's write to end before the journal is
# said to be in use (`journal.busy`). A run never keeps a write open past its own journal call,
# so a wait this long means another program holds the file.
BUSY_WAIT = 10.0


def default_path() -> Path:
    """`$AUTOHELPER_DATA_DIR/journal.sqlite3`, else the user data directory (platformdirs). A
    `~` in the variable is the home folder (set in quotes, no shell expands it); blank is unset.
    A `~user` naming no user with a home folder is a UsageError naming the variable."""
    base = os.environ.get("AUTOHELPER_DATA_DIR", "").strip()
    if not base:
        return Path(platformdirs.user_data_dir("autohelper")) / "journal.sqlite3"
    try:
        folder = expand_home(base)
    except FileProblem as problem:
        raise UsageError(
            "path.variable_no_home",
            variable="AUTOHELPER_DATA_DIR",
            value=escaped(base),
            reason=problem,
        ) from None
    return folder / "journal.sqlite3"


def check_link(path: Path) -> None:
    """A JournalError when `path` is a symbolic link whose file would go in a folder that is
    not there (a disk not mounted, a folder moved): the journal is elsewhere, and starting a
    new one or reading none would hide it."""
    if not path.is_symlink():
        return
    target = Path(os.path.realpath(path))  # a loop of links stops in it: opening says so
    if not target.parent.is_dir():
        raise JournalError("journal.link_to_nowhere", path=str(path), target=str(target))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def local_day(stamp: str) -> date:
    """The local calendar day of a stored UTC timestamp."""
    return datetime.fromisoformat(stamp).astimezone().date()


def _open(path: Path) -> sqlite3.Connection:
    """The one place a connection is made (tests put a read-only one here for a read-only
    disk, which stops even root)."""
    return sqlite3.connect(path, timeout=BUSY_WAIT)


def _open_immutable(path: Path) -> sqlite3.Connection:
    """A journal on a read-only disk, for reading: nothing can change it there, and SQLite
    could not make the shared-memory file it reads a write-ahead-logged database with."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True, timeout=BUSY_WAIT)


def _on_read_only_disk(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _busy(exc: BaseException) -> bool:
    """Another connection holds the lock this one waited for (SQLITE_BUSY, SQLITE_LOCKED and
    their extended codes): the journal is in use, not damaged."""
    return getattr(exc, "sqlite_errorname", "").startswith(("SQLITE_BUSY", "SQLITE_LOCKED"))


def _sync_file(path: Path) -> None:
    """Wait until what was written to `path` is on the disk (a write-ahead log that a
    checkpoint emptied or removed has nothing left to sync)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_ahead(db: sqlite3.Connection) -> None:
    """Write-ahead logging: a run's steps go in as one group, and readers (status) never wait
    for a writer. SQLite makes its -wal and -shm files with the database's mode. The mode stays
    with the file: set once. Setting it needs the file to itself, and SQLite does not wait for
    that as it waits for a write: while other processes open the same new journal at once, it
    is tried again, for a few seconds at most (it changes nothing twice)."""
    if str(db.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
        return
    from tenacity import Retrying, retry_if_exception, stop_after_delay, wait_random

    for attempt in Retrying(
        retry=retry_if_exception(_busy),
        stop=stop_after_delay(BUSY_WAIT),
        wait=wait_random(0.005, 0.03),
        reraise=True,
    ):
        with attempt:
            db.execute("PRAGMA journal_mode=WAL")


def _apply(db: sqlite3.Connection, statement: str) -> None:
    """One migration statement; `ADD COLUMN table column declaration` adds the column only
    where it is missing (SQLite has no ADD COLUMN IF NOT EXISTS)."""
    if not statement.startswith("ADD COLUMN "):
        db.execute(statement)
        return
    table, column, declaration = statement[len("ADD COLUMN ") :].split(" ", 2)
    columns = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
    if column not in columns:
        db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {declaration}")


def _problem(path: Path, exc: Exception) -> JournalError:
    """What a failure of the journal file means for the person, with what to do."""
    where = str(path)
    locked = _locked_folder(path)
    if locked is not None:
        return JournalError("journal.folder_locked", path=where, folder=str(locked))
    kind = _kind(path)
    if kind == "folder":
        return JournalError("journal.is_directory", path=where)
    if kind == "other":
        return JournalError("journal.not_regular", path=where)
    if isinstance(exc, OSError):
        if exc.errno == errno.EROFS:
            return JournalError("journal.read_only", path=where)
        if exc.errno in (errno.EACCES, errno.EPERM):
            return _unwritable(path) or JournalError(
                "journal.unreadable", path=where, reason=os_problem(exc)
            )
        return JournalError("journal.cannot_open", path=where, reason=os_problem(exc, True))
    if _busy(exc):  # another autohelper is writing: wait, never repair
        return JournalError("journal.busy", path=where)
    name = getattr(exc, "sqlite_errorname", "")
    if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_IOERR", "SQLITE_PERM")):
        if _on_read_only_disk(path):
            # A write-ahead-logged journal on a read-only disk: SQLite cannot make its
            # shared-memory file, and says so as an I/O error.
            return JournalError("journal.read_only", path=where)
        # The permission bits, not the disk: the folder (where SQLite makes its -wal and -shm
        # files) or the file, named with the chmod that fixes it.
        unwritable = _unwritable(path)
        if unwritable is not None:
            return unwritable
    if name.startswith("SQLITE_READONLY"):
        return JournalError("journal.read_only", path=where)
    if name.startswith("SQLITE_CANTOPEN") or name.startswith("SQLITE_PERM"):
        return JournalError("journal.unreadable", path=where, reason=_access_phrase(path))
    # A full disk is SQLITE_FULL ("database or disk is full") when a page does not fit, and an
    # I/O error when the shared-memory file cannot grow (SQLITE_IOERR_SHMSIZE).
    if name.startswith("SQLITE_FULL") or (name.startswith("SQLITE_IOERR") and _disk_full(path)):
        return JournalError(
            "journal.cannot_write", path=where, reason=os_problem(OSError(errno.ENOSPC, ""), True)
        )
    if name.startswith("SQLITE_IOERR"):
        return JournalError(
            "journal.cannot_write", path=where, reason=os_problem(OSError(errno.EIO, ""), True)
        )
    return JournalError("journal.damaged", path=where)


def _kind(path: Path) -> str | None:
    """What is at `path` (a link followed): "folder", "file" or "other" (a device, a pipe, a
    socket); None when nothing can be found there (missing, or a path that cannot be followed:
    the error that brought us here says why)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISDIR(mode):
        return "folder"
    return "file" if stat.S_ISREG(mode) else "other"


def _locked_folder(path: Path) -> Path | None:
    """The first folder on the way to `path` that cannot be entered (no search permission: a
    data folder chmod 000, another user's): nothing in it can be read, made or even asked
    about, and Python's own checks raise where they would answer."""
    for folder in reversed(path.absolute().parents):
        try:
            if not stat.S_ISDIR(os.stat(folder).st_mode):
                return None
        except OSError:
            return None
        if not os.access(folder, os.X_OK):
            return folder
    return None


def _unwritable(path: Path) -> JournalError | None:
    """The journal's folder or file when its permission bits keep us from writing (a folder
    chmod 500): SQLite says "read-only", which alone reads as a read-only disk."""
    folder = path.absolute().parent
    if _kind(folder) == "folder" and not os.access(folder, os.W_OK):
        return JournalError("journal.folder_not_writable", path=str(path), folder=str(folder))
    for file in (path, *(Path(f"{path}{end}") for end in ("-wal", "-shm"))):
        # SQLite makes its side files with the journal's mode: a journal chmod 400 once leaves
        # a read-only -shm behind even after its own mode is set back.
        if _kind(file) == "file" and not os.access(file, os.W_OK):
            return JournalError("journal.file_not_writable", path=str(file))
    return None


def _disk_full(path: Path) -> bool:
    try:
        return os.statvfs(path.absolute().parent).f_bavail == 0
    except OSError:
        return False


def _log_empty(path: Path) -> bool:
    """Whether the journal's write-ahead log holds nothing (absent, or empty): the file alone
    is then the whole journal."""
    try:
        return os.stat(f"{path}-wal").st_size == 0
    except FileNotFoundError:
        return True
    except OSError:
        return False


def _access_phrase(path: Path) -> Any:
    code = errno.EACCES if path.exists() and not os.access(path, os.R_OK) else errno.EIO
    return os_problem(OSError(code, ""))


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
    resumes: int | None = None  # the run this one resumed (after its send), if any
    # The mirror's URL (never with credentials) of a run against one; None for live, fixtures
    # and runs from before it was recorded.
    target_url: str | None = None


def _damaged_row(path: Path, table: str, row: Any, column: str) -> JournalError:
    """A row whose value autohelper never writes (edited by hand, or damaged on disk): the
    journal is damaged, and `journal repair` sets it aside."""
    return JournalError("journal.damaged_row", path=str(path), table=table, row=row, column=column)


def _run_row(row: tuple[Any, ...], path: Path) -> RunRow:
    """A `runs` row as selected by `_RUN_COLUMNS`; a JournalError when a value is damaged."""
    fields = list(row)
    run_id = fields[0]
    for index, column in ((4, "started_at"), (5, "ended_at")):
        if fields[index] is None and column == "ended_at":
            continue
        try:
            local_day(fields[index])
        except (TypeError, ValueError, OverflowError):
            raise _damaged_row(path, "runs", run_id, column) from None
    try:
        yields = json.loads(fields[8])
    except (TypeError, ValueError):
        yields = None
    if not isinstance(yields, dict) or not all(isinstance(v, str) for v in yields.values()):
        raise _damaged_row(path, "runs", run_id, "yields")
    fields[8] = yields
    return RunRow(*fields)


def _mark_row(row: tuple[Any, ...], path: Path) -> MarkRow:
    """A `marks` row; a JournalError when its day is not a date."""
    mark = MarkRow(*row)
    try:
        date.fromisoformat(mark.on_date)
    except (TypeError, ValueError):
        raise _damaged_row(path, "marks", mark.id, "on_date") from None
    return mark


@dataclass(frozen=True)
class SubmitRow:
    id: int
    run_id: int
    position: int
    description: str
    summary: str
    pressed_at: str
    result: str


class Journal:
    """One SQLite file (write-ahead logged). Each write is its own short transaction; a run's
    writes share one held connection and each is committed before the listener returns (those
    that must survive a power cut synced to the disk, `commit(durable=True)`): no write
    transaction stays open while a step runs or waits for the person (a CAPTCHA, a step done
    by hand), so `done`, `undo` or another run in a second terminal never wait on it (readers,
    `status`, never wait on a writer anyway).

    Opening it checks it (and migrates an older schema); `writable` also proves a write goes
    through, so a run finds a read-only disk before its browser starts, not after its send."""

    def __init__(self, path: Path | None = None, writable: bool = True) -> None:
        self.path = path or default_path()
        self._held: sqlite3.Connection | None = None
        self._immutable = False
        try:
            self._prepare(writable)
            # Read on a read-only disk (status from a USB stick mounted read-only): as is.
            self._immutable = not writable and _on_read_only_disk(self.path)
            self._open_checked(writable)
        except JournalError as problem:
            if writable or self._immutable or problem.key not in _READ_AS_IS:
                raise
            self._read_as_is(problem)
        except (OSError, sqlite3.Error) as exc:
            raise _problem(self.path, exc) from None

    def _open_checked(self, writable: bool) -> None:
        with self._connect() as db:
            self._migrate(db, writable)
            if writable:
                _write_ahead(db)

    def _read_as_is(self, problem: JournalError) -> None:
        """Read a journal that cannot be written (a folder chmod 500, a full disk) as it is on
        disk: SQLite reading a write-ahead-logged file needs its shared-memory file made or
        grown, which fails there. Only with an empty log (the file is then the whole journal);
        otherwise, or when even that fails, the problem found first."""
        if not _log_empty(self.path):
            raise problem
        self._immutable = True
        try:
            self._open_checked(False)
        except JournalError:
            raise problem from None

    def _prepare(self, writable: bool) -> None:
        try:
            mode: int | None = os.stat(self.path).st_mode
        except FileNotFoundError:
            mode = None  # any other failure (no permission, a loop of links) is said by _problem
        if mode is not None and stat.S_ISDIR(mode):
            raise JournalError("journal.is_directory", path=str(self.path))
        if mode is not None and not stat.S_ISREG(mode):
            # A pipe, a device or a socket (a link to one too): SQLite would open it, read
            # nothing and call it a failed disk, or, a pipe, wait for a writer. Never opened.
            raise JournalError("journal.not_regular", path=str(self.path))
        if mode is None:
            check_link(self.path)
            make_dirs(self.path.parent)  # and every folder above it it creates: 0700
            # Create it private before SQLite opens it, so it is never readable by others.
            fd = os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600)
            os.close(fd)
        elif not os.access(self.path, os.R_OK):
            raise JournalError(
                "journal.unreadable",
                path=str(self.path),
                reason=os_problem(OSError(errno.EACCES, "")),
            )
        if writable and stat.S_IMODE(self.path.stat().st_mode) != 0o600:
            os.chmod(self.path, 0o600)

    def _migrate(self, db: sqlite3.Connection, writable: bool) -> None:
        version = self._version(db)
        if version == 0:
            self._refuse_foreign(db)
        if version == SCHEMA_VERSION:
            if writable:  # proves the disk takes a write, and changes nothing
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            return
        # One transaction, taken before the version is read again: two processes opening an
        # old journal at once migrate it once, and it is never left half migrated.
        db.isolation_level = None
        db.execute("BEGIN IMMEDIATE")
        try:
            version = self._version(db)
            for script in MIGRATIONS[version:]:
                for statement in filter(str.strip, script.split(";")):
                    _apply(db, statement.strip())
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def _refuse_foreign(self, db: sqlite3.Connection) -> None:
        """A journal from before versions were kept holds autohelper's tables only; a database
        with others (another program's) is not a journal, and is refused as one that is not
        an SQLite file is, before anything is written to it (our tables added to it)."""
        names = {
            str(row[0])
            for row in db.execute("SELECT name FROM sqlite_master")
            if not str(row[0]).startswith("sqlite_")
        }
        if names - _OWN_TABLES or (names and "runs" not in names):
            raise JournalError("journal.damaged", path=str(self.path))

    def _version(self, db: sqlite3.Connection) -> int:
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise JournalError(
                "journal.newer", path=str(self.path), found=version, known=SCHEMA_VERSION
            )
        return version

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        if self._held is not None:
            try:
                yield self._held  # a run's group: committed by `commit()`, not here
            except sqlite3.Error as exc:
                raise _problem(self.path, exc) from None
            return
        try:
            db = _open_immutable(self.path) if self._immutable else _open(self.path)
        except sqlite3.Error as exc:
            raise _problem(self.path, exc) from None
        try:
            with db:
                yield db
        except sqlite3.Error as exc:
            raise _problem(self.path, exc) from None
        finally:
            db.close()

    def hold(self) -> None:
        """Keep one connection open for a run's writes; the run's listener commits each before
        it returns (`commit()`)."""
        if self._held is None:
            try:
                self._held = _open(self.path)
                # A commit appends to the write-ahead log without waiting for the disk; one
                # that must be on the disk says so (`commit(durable=True)`).
                self._held.execute("PRAGMA synchronous=NORMAL")
            except sqlite3.Error as exc:
                raise _problem(self.path, exc) from None

    def commit(self, durable: bool = True) -> None:
        """Commit the writes so far. `durable` (a run's start, a submit about to be pressed and
        what came of it): on the disk when this returns, whatever happens to the machine next
        (the write-ahead log synced, as synchronous=FULL would, which cannot be switched inside
        a transaction). Otherwise (a step's row) the commit outlives the process (killed, its
        terminal closed) but not a power cut, and waits for no disk: an fsync took 5 to 10 ms
        here with Chromium writing, and a flow commits a dozen steps."""
        if self._held is not None:
            try:
                self._held.commit()
                if durable:
                    _sync_file(Path(f"{self.path}-wal"))
            except sqlite3.Error as exc:
                raise _problem(self.path, exc) from None
            except OSError as exc:
                raise _problem(self.path, exc) from None

    def release(self) -> None:
        """Commit and close the held connection."""
        if self._held is not None:
            held, self._held = self._held, None
            try:
                held.commit()
                _sync_file(Path(f"{self.path}-wal"))
            except (sqlite3.Error, OSError) as exc:
                raise _problem(self.path, exc) from None
            finally:
                held.close()

    def start_run(
        self,
        scenario: str,
        target: str,
        mode: str,
        profile: str | None = None,
        resumes: int | None = None,
        target_url: str | None = None,
    ) -> int:
        """A new run; `target_url` is a mirror's URL, which the caller has already stripped of
        any credentials (`target.shown_against`)."""
        with self._connect() as db:
            cursor = db.execute(
                "INSERT INTO runs (scenario, target, mode, started_at, profile, resumes,"
                " target_url) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (scenario, target, mode, _now(), profile, resumes, target_url),
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
        query = f"SELECT {_RUN_COLUMNS} FROM runs"
        params: tuple[Any, ...] = ()
        if scenario:
            query += " WHERE scenario = ?"
            params = (scenario,)
        with self._connect() as db:
            rows = db.execute(query + " ORDER BY id", params).fetchall()
        return [_run_row(row, self.path) for row in rows]

    def submits(self, run_id: int) -> list[SubmitRow]:
        """The submits of one run, in the order they were pressed."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT id, run_id, position, description, summary, pressed_at, result"
                " FROM submits WHERE run_id = ? ORDER BY id",
                (run_id,),
            ).fetchall()
        return [SubmitRow(*row) for row in rows]

    def last_success(
        self,
        scenario: str,
        mode: str,
        target: str,
        profile: str | None,
        target_url: str | None = None,
    ) -> RunRow | None:
        """The latest successful run of `scenario` in that mode, against that target, for that
        profile (a run from before runs named their profile counts for any). Against a mirror,
        that mirror's (`target_url`): another mirror knows nothing of it; a run from before
        runs kept their mirror's URL counts for any."""
        found = [
            run
            for run in self.runs(scenario)
            if (run.status, run.mode, run.target) == ("success", mode, target)
            and run.profile in (None, profile)
            and (target != "mirror" or run.target_url in (None, target_url))
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
        self,
        mode: str,
        target: str,
        redactor: Redactor,
        profile: str | None = None,
        resumes: int | None = None,
        target_url: str | None = None,
    ) -> JournalListener:
        """A listener that keeps one run in this journal (`mode`: student or qa; `target`: live,
        fixtures or mirror; `profile`: whose; `resumes`: the run it takes up after its send;
        `target_url`: the mirror's URL, without credentials)."""
        return JournalListener(self, mode, target, redactor, profile, resumes, target_url)

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
        return [_mark_row(row, self.path) for row in rows]

    def check(self) -> None:
        """Read every run and mark as `status` does: a JournalError when one is damaged."""
        self.runs()
        with self._connect() as db:
            rows = db.execute(
                "SELECT id, profile, procedure, step, on_date, kind, created_at FROM marks"
            ).fetchall()
        for row in rows:
            _mark_row(row, self.path)


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
        resumes: int | None = None,
        target_url: str | None = None,
    ) -> None:
        self.journal = journal
        self.mode = mode
        self.target = target
        self.redactor = redactor
        self.profile = profile
        self.resumes = resumes
        self.target_url = target_url
        self.run_id: int | None = None
        self._submits: dict[int, int] = {}  # step index -> submit row of its last press

    def run_started(self, scenario: Scenario) -> None:
        self.journal.hold()
        self.run_id = self.journal.start_run(
            scenario.id, self.target, self.mode, self.profile, self.resumes, self.target_url
        )
        self.journal.commit()  # a run that crashes at its first step is still on record

    def step_finished(self, record: StepRecord) -> None:
        """Committed at once: the next step may wait for the person (a CAPTCHA, a step done by
        hand) for minutes, and an open write would lock every other writer out meanwhile (`done`
        in another terminal). After a send it also lets a run cut short then (a closed terminal)
        be resumed from what the journal shows it reached."""
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
        self.journal.commit(durable=False)

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

    def submit_refused(self, index: int, step: Step) -> None:
        # The press went out and was answered, but the portal took nothing (it asked for the
        # form again): kept as such at once, so a run cut short now is not resumed after it.
        if index in self._submits:
            self.journal.finish_submit(self._submits[index], REFUSED)
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


@dataclass(frozen=True)
class Repair:
    """What `repair` did: `healthy` or `absent` (nothing moved), or `repaired` (the old file is
    at `moved_to`, a fresh journal at `path`)."""

    state: str
    path: Path
    moved_to: Path | None = None


# What `repair` says as it is, moving nothing: the journal is not what is wrong.
_NOT_DAMAGED = frozenset({"journal.busy", "journal.folder_locked", *_READ_AS_IS})


def _aside_name(path: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    candidate = path.with_name(f"{path.name}.old-{stamp}")
    number = 1
    while candidate.exists() or candidate.is_symlink():
        candidate = path.with_name(f"{path.name}.old-{stamp}-{number}")
        number += 1
    return candidate


def existing(path: Path | None = None) -> Journal | None:
    """The journal, for reading (`status`), or None when there is none yet: reading never
    creates it. One that is there but cannot be used (a loop of links, a folder on the way
    that is a file or cannot be entered, damaged) is the JournalError a write would get, never
    read as no history. An empty file (a first write that found the disk full) holds none."""
    path = path or default_path()
    try:
        info = os.stat(path)
    except FileNotFoundError:
        check_link(path)  # a link to a folder that is not there: said, not read as no history
        return None
    except OSError as exc:
        raise _problem(path, exc) from None
    empty = stat.S_ISREG(info.st_mode) and info.st_size == 0 and _log_empty(path)
    if empty and os.access(path, os.R_OK):  # one that may not be read is said so
        return None
    return Journal(path, writable=False)


def repair(path: Path | None = None) -> Repair:
    """Set an unusable journal (one that does not open, or holds a damaged row) aside under a
    timestamped name (never deleting it, nor the SQLite side files next to it) and start a
    fresh one. A healthy journal is left alone, and so is one in use by another process (a
    `journal.busy` JournalError)."""
    path = path or default_path()
    try:
        os.lstat(path)
    except FileNotFoundError:
        return Repair("absent", path)
    except OSError as exc:  # a folder on the way that cannot be entered, or is a file
        raise _problem(path, exc) from None
    try:
        Journal(path).check()
    except JournalError as exc:
        if exc.key in _NOT_DAMAGED:
            # Moving it needs a writable disk and folder too; and a journal in use, or one
            # that cannot be written, is not damaged: moved aside, its history would be out
            # of sight (and another process's writes would land in the old file).
            raise
    else:
        return Repair("healthy", path)
    aside = _aside_name(path)
    try:
        os.rename(path, aside)
        for suffix in ("-journal", "-wal", "-shm"):
            side = path.with_name(path.name + suffix)
            if side.exists():
                os.rename(side, aside.with_name(aside.name + suffix))
    except OSError as exc:
        raise JournalError(
            "journal.cannot_move", path=str(path), reason=os_problem(exc, writing=True)
        ) from None
    Journal(path)
    return Repair("repaired", path, aside)

"""A journal another process is writing to is in use, not damaged: `done`, `undo` and `journal
repair` say so and wait for nothing else, `repair` never sets it aside, `status` reads it as it
is, and a run keeps no write open while it waits for the person (`done` in a second terminal
goes through meanwhile)."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import console

from autohelper import journal as journal_module
from autohelper import profile as prof
from autohelper.engine.events import StepRecord
from autohelper.errors import JournalError
from autohelper.journal import Journal, default_path, repair
from autohelper.privacy import Redactor

autohelper_cmd = console  # `autohelper ARGS...` in-process, stdout and stderr apart


@pytest.fixture(autouse=True)
def _short_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    """A lock is waited for a fraction of a second here, not the ten seconds a student gets."""
    monkeypatch.setattr(journal_module, "BUSY_WAIT", 0.2)
    monkeypatch.delenv("AUTOHELPER_PROFILE", raising=False)


def _profile() -> None:
    prof.update_profile(
        None,
        {
            "curp": "HEGG560427MVZRRL04",
            "email": "gloria.prueba@example.com",
            "names": "GLORIA",
            "first_surname": "HERNANDEZ",
            "second_surname": "GARCIA",
            "postal_code": "85000",
            "institution": "itson",
            "has_other_insurance": "no",
            "nss_from_employer": "no",
            "nss": "12345678903",
            "student_id": "00000012345",
        },
    )


@pytest.fixture
def other_writer() -> Iterator[threading.Event]:
    """Another process's write transaction on the student's journal (a real second SQLite
    connection, in a thread, holding BEGIN IMMEDIATE with a mark of its own uncommitted) until
    the test sets the event it yields; then that mark is committed."""
    path = default_path()
    held, done = threading.Event(), threading.Event()

    def hold() -> None:
        db = sqlite3.connect(path, isolation_level=None)
        db.execute("BEGIN IMMEDIATE")
        db.execute(
            "INSERT INTO marks (profile, procedure, step, on_date, kind, created_at)"
            " VALUES ('otro', 'itson', 'solicitud', '2026-11-10', 'done', '2026-11-10')"
        )
        held.set()
        done.wait(30)
        db.execute("COMMIT")
        db.close()

    thread = threading.Thread(target=hold, daemon=True)
    thread.start()
    assert held.wait(10)
    try:
        yield done
    finally:
        done.set()
        thread.join(10)


def _marks(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT step, kind FROM marks ORDER BY id").fetchall()


@pytest.fixture
def marked() -> Path:
    """A student with one step marked done in a healthy journal."""
    _profile()
    assert autohelper_cmd("done", "solicitud", "--on", "2026-11-13").exit_code == 0
    return default_path()


BUSY_ES = "está en uso por otra corrida de autohelper"


@pytest.mark.parametrize(
    "args", [("done", "vigencia", "--on", "2026-11-20"), ("undo", "solicitud")], ids=str
)
def test_done_and_undo_on_a_journal_in_use_say_so_and_never_suggest_repair(
    marked: Path, other_writer: threading.Event, args: tuple[str, ...]
) -> None:
    result = autohelper_cmd(*args)
    assert result.exit_code == 1
    assert f"El diario {marked} {BUSY_ES}" in result.output
    assert "vuelve a intentarlo" in result.output
    assert "dañado" not in result.output.replace("no está dañado", "")
    assert "journal repair" not in result.output
    other_writer.set()  # the other process ends: the same command now goes through
    assert autohelper_cmd(*args).exit_code == 0


def test_the_message_in_english(marked: Path, other_writer: threading.Event) -> None:
    result = autohelper_cmd("--lang", "en", "done", "vigencia", "--on", "2026-11-20")
    assert result.exit_code == 1
    assert (
        f"The journal {marked} is in use by another autohelper run (or another program); "
        "wait for it to finish and try again" in result.output
    )
    assert "repair" not in result.output


def test_repair_never_sets_aside_a_journal_in_use(
    marked: Path, other_writer: threading.Event
) -> None:
    result = autohelper_cmd("journal", "repair")
    assert result.exit_code == 1
    assert BUSY_ES in result.output
    assert "Aparté" not in result.output
    assert sorted(p.name for p in marked.parent.glob("journal.sqlite3*")) == [
        "journal.sqlite3",
        "journal.sqlite3-shm",
        "journal.sqlite3-wal",
    ]
    other_writer.set()  # the other process's mark lands in the journal status reads
    assert autohelper_cmd("journal", "repair").exit_code == 0
    assert _marks(marked) == [("solicitud", "done"), ("solicitud", "done")]
    db = sqlite3.connect(marked, isolation_level=None)  # the same, called directly
    db.execute("BEGIN IMMEDIATE")
    with pytest.raises(JournalError) as caught:
        repair(marked)
    db.execute("ROLLBACK")
    db.close()
    assert caught.value.key == "journal.busy"
    assert marked.exists() and len(Journal(marked).runs()) == 0


def test_status_reads_a_journal_another_process_is_writing(
    marked: Path, other_writer: threading.Event
) -> None:
    result = autohelper_cmd("status", "--json", "--as-of", "2026-11-20")
    assert result.exit_code == 0, result.output
    assert '"solicitud"' in result.stdout


class _Scenario:
    id = "itson-solicitud"


class _Step:
    kind = "captcha"

    def describe(self) -> str:
        return "Resolver el CAPTCHA"


def test_a_run_keeps_no_write_open_while_a_step_waits_for_the_person(tmp_path: Path) -> None:
    """Between a run's steps (the next one may be a CAPTCHA the person takes minutes over) a
    `done` in another terminal writes at once; and what the run wrote is on disk already."""
    path = tmp_path / "journal.sqlite3"
    listener = Journal(path).listener("student", "live", Redactor(), "/p/ana.yaml")
    listener.run_started(_Scenario())  # type: ignore[arg-type]
    step = StepRecord(0, _Step(), "ok", "2026-11-13T17:00:00+00:00", 120)  # type: ignore[arg-type]
    listener.step_finished(step)
    # The run now waits at its next step: another process records a mark meanwhile.
    Journal(path).record_mark("/p/ana.yaml", "itson", "solicitud", "2026-11-13", "done")
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM steps").fetchone() == (1,)
    listener.step_finished(step)
    assert listener.run_id is not None
    assert len(Journal(path, writable=False).rows("steps", listener.run_id)) == 2

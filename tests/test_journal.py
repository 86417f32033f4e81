"""The journal: private on disk, one row per run, step and submit, the submit written before
its press and its result after."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from autohelper.journal import Journal, default_path


def test_the_journal_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "deep" / "journal.sqlite3")
    assert stat.S_IMODE(journal.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(journal.path.parent.stat().st_mode) == 0o700


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

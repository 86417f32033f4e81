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

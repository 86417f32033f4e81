"""A failing environment is not our bug: output that cannot be written (a full disk, a reader
that left), a journal path that is no regular file. And a date typed wrongly is shown as typed,
not masked as if it were a number of the person's.

Commands whose stdout must be a real /dev/full or a closed pipe run in a subprocess
(`python -m autohelper`); the rest in-process, under the real entry point.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from constancias import ITSON, Content, stacked_pdf
from support import console

import autohelper.doctor
from autohelper import profile as prof
from autohelper.journal import default_path

ROOT = Path(__file__).resolve().parents[1]
FULL = Path("/dev/full")
needs_dev_full = pytest.mark.skipif(not FULL.exists(), reason="no /dev/full here")


@pytest.fixture(autouse=True)
def _no_profile_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AUTOHELPER_PROFILE", raising=False)


def make_profile() -> None:
    prof.update_profile(
        None,
        {
            "curp": "HEGG560427MVZRRL04",
            "email": "estudiante.prueba@example.com",
            "institution": "itson",
            "has_other_insurance": "no",
            "nss_from_employer": "no",
        },
    )


def crash_folder(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "autohelper" / "crash"


def run_autohelper(*args: str, stdout: int | object, stderr: int | object) -> int:
    """`python -m autohelper ARGS` with the test's folders (its environment), its stdout and
    stderr where given; its exit code."""
    done = subprocess.run(
        [sys.executable, "-m", "autohelper", *args],
        stdin=subprocess.DEVNULL,
        stdout=stdout,  # type: ignore[arg-type]
        stderr=stderr,  # type: ignore[arg-type]
        cwd=ROOT,
        timeout=60,
    )
    return done.returncode


def to_full_disk(*args: str) -> tuple[int, str]:
    """Run with stdout on /dev/full (every write: ENOSPC); the exit code and stderr."""
    with FULL.open("w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "autohelper", *args],
            stdin=subprocess.DEVNULL,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            timeout=60,
        )
    return done.returncode, done.stderr


NO_SPACE_ES = "Error: No pude escribir la salida: no queda espacio en el disco.\n"
NO_SPACE_EN = "Error: Could not write the output: there is no space left on the disk.\n"


# -- 1. output that cannot be written --------------------------------------------------------
@needs_dev_full
@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("status",), NO_SPACE_ES),
        (("status", "--json"), NO_SPACE_ES),
        (("profile", "show"), NO_SPACE_ES),
        (("--lang", "en", "profile", "show"), NO_SPACE_EN),
        (("vigencia", "--pdf", "{pdf}"), NO_SPACE_ES),
        (("--help",), NO_SPACE_ES),
    ],
    ids=["status", "status-json", "profile-show", "profile-show-en", "vigencia", "help"],
)
def test_output_on_a_full_disk_is_said_exit_1_with_no_crash_log(
    args: tuple[str, ...], says: str, tmp_path: Path
) -> None:
    """It was exit 3, "autohelper falló de forma inesperada (es un error nuestro…)", and a
    crash log holding click.echo's OSError."""
    make_profile()
    pdf = tmp_path / "constancia.pdf"
    pdf.write_bytes(stacked_pdf(Content(situacion="VIGENTE", con_derecho=True, last=ITSON)))
    code, err = to_full_disk(*(arg.replace("{pdf}", str(pdf)) for arg in args))
    assert (code, err) == (1, says)
    assert not crash_folder(tmp_path).exists()


@needs_dev_full
def test_a_mark_whose_report_cannot_be_written_is_kept(tmp_path: Path) -> None:
    make_profile()
    code, err = to_full_disk("done", "precondicion", "--on", "2026-11-05")
    assert (code, err) == (1, NO_SPACE_ES)
    assert not crash_folder(tmp_path).exists()
    with sqlite3.connect(default_path()) as db:
        marks = db.execute("SELECT step, on_date, kind FROM marks").fetchall()
    assert marks == [("precondicion", "2026-11-05", "done")]


@needs_dev_full
def test_a_profile_saved_whose_report_cannot_be_written_is_kept(tmp_path: Path) -> None:
    make_profile()
    code, err = to_full_disk("profile", "set", "postal_code=83000")
    assert (code, err) == (1, NO_SPACE_ES)
    assert not crash_folder(tmp_path).exists()
    assert "postal_code: '83000'" in prof.resolve_profile_path(None).read_text(encoding="utf-8")


@needs_dev_full
def test_stderr_on_a_full_disk_too_is_exit_1_not_a_crash(tmp_path: Path) -> None:
    """Nothing can be said; the exit code still tells, and no crash log is left."""
    make_profile()
    with FULL.open("w") as full:
        assert run_autohelper("status", stdout=full, stderr=full) == 1
        # An error of the person's, said on a broken stderr: its own exit code, no crash.
        assert run_autohelper("status", "--as-of", "2026-13-01", stdout=full, stderr=full) == 1
    assert not crash_folder(tmp_path).exists()


def test_a_reader_that_left_ends_the_output_quietly(tmp_path: Path) -> None:
    """`autohelper status | head -0`: the pipe is closed before the first line. Exit 1 (Python's
    convention for a broken pipe), nothing said, no crash log."""
    make_profile()
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "autohelper", "status"],
            stdin=subprocess.DEVNULL,
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            timeout=60,
        )
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (1, "")
    assert not crash_folder(tmp_path).exists()


def test_an_os_error_outside_the_output_is_still_our_bug(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only a write to stdout or stderr is the machine's failure: a full disk met by code that
    does not handle it is a bug, exit 3 with a crash log."""

    def broken(browser: str | None) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(autohelper.doctor, "diagnose", broken)
    result = console("doctor")
    assert result.exit_code == 3
    log = crash_folder(tmp_path) / "crash.log"
    assert "OSError: [Errno 28] No space left on device" in log.read_text(encoding="utf-8")


def test_a_crash_keeps_the_previous_crash_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each crash overwrote the one crash.log: the first crash's report was lost."""
    number = 0

    def broken(browser: str | None) -> None:
        nonlocal number
        number += 1
        raise RuntimeError(f"crash number {number}")

    monkeypatch.setattr(autohelper.doctor, "diagnose", broken)
    for _ in range(3):
        assert console("doctor").exit_code == 3
    folder = crash_folder(tmp_path)
    assert sorted(path.name for path in folder.iterdir()) == ["crash.log", "crash.log.1"]
    assert "crash number 3" in (folder / "crash.log").read_text(encoding="utf-8")
    assert "crash number 2" in (folder / "crash.log.1").read_text(encoding="utf-8")
    assert stat.S_IMODE((folder / "crash.log.1").stat().st_mode) == 0o600


# -- 2. a journal path that is no regular file ------------------------------------------------
JOURNAL_NOT_REGULAR = (
    "Error: {path} no es un archivo normal sino un dispositivo, una tubería o un socket: no es "
    "el archivo del diario. Para apartarlo sin borrar nada y empezar un diario nuevo: "
    "autohelper journal repair (o muévelo tú: mv {path} {path}.aparte)\n"
)


@pytest.mark.parametrize("args", [("status",), ("done", "precondicion")], ids=["status", "done"])
def test_a_pipe_as_the_journal_is_said_to_be_no_regular_file(args: tuple[str, ...]) -> None:
    """It was «No pude escribir en el diario …: el disco falló al leer o escribir», a read
    said as a write and a pipe as a failing disk."""
    make_profile()
    path = default_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path, 0o644)
    result = console(*args)
    assert result.exit_code == 1, result.output
    assert result.stderr == JOURNAL_NOT_REGULAR.format(path=path)
    assert stat.S_ISFIFO(path.lstat().st_mode)
    assert stat.S_IMODE(path.lstat().st_mode) == 0o644  # never opened, its mode not touched


def test_journal_repair_sets_a_pipe_aside() -> None:
    path = default_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path, 0o600)
    result = console("journal", "repair")
    assert result.exit_code == 0, result.output
    (aside,) = path.parent.glob("journal.sqlite3.old-*")
    assert stat.S_ISFIFO(aside.lstat().st_mode)
    assert stat.S_ISREG(path.lstat().st_mode)


# -- 3. dates typed wrongly are shown as typed ------------------------------------------------
@pytest.mark.parametrize(
    ("value", "tail"),
    [
        ("02026-11-05", "no es una fecha AAAA-MM-DD (por ejemplo 2026-11-17)."),
        ("+2026-11-05", "no es una fecha AAAA-MM-DD (por ejemplo 2026-11-17)."),
        ("２０２６-１１-０５", "no es una fecha AAAA-MM-DD; ¿quisiste decir 2026-11-05?"),
        ("２０２６／１１／０５", "no es una fecha AAAA-MM-DD; ¿quisiste decir 2026-11-05?"),
        ("２０２６１１０５", "no es una fecha AAAA-MM-DD; ¿quisiste decir 2026-11-05?"),
    ],
)
@pytest.mark.parametrize(
    "command", [("status", "--as-of"), ("done", "precondicion", "--on")], ids=["as-of", "on"]
)
def test_a_date_typed_wrongly_is_shown_as_typed(
    command: tuple[str, ...], value: str, tail: str
) -> None:
    """They were masked as if personal: «…05», «+…5», «…０５» (and full-width digits had no
    did-you-mean, while 2026/11/05 had one)."""
    make_profile()
    result = console(*command, value)
    assert result.exit_code == 1, result.output
    assert result.stderr == f"Error: {command[-1]}: «{value}» {tail}\n"


def test_a_full_width_date_gets_the_did_you_mean_in_english() -> None:
    make_profile()
    result = console("--lang", "en", "done", "precondicion", "--on", "２０２６-１１-０５")
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        "Error: --on: “２０２６-１１-０５” is not a date YYYY-MM-DD; did you mean 2026-11-05?\n"
    )


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("12-34-5678-901", "…01"),  # an NSS grouped: it began like a date, and was shown whole
        ("662-123-4567", "…67"),  # a phone number
        ("+526621234567", "+…7"),
    ],
)
def test_a_number_typed_as_a_date_stays_masked(value: str, shown: str) -> None:
    make_profile()
    result = console("status", "--as-of", value)
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        f"Error: --as-of: «{shown}» no es una fecha AAAA-MM-DD (por ejemplo 2026-11-17).\n"
    )


@pytest.mark.parametrize("ending", ["\n", "\r", "\x0b", "\x0c"])
def test_a_date_shown_as_typed_has_its_control_characters_escaped(ending: str) -> None:
    """A pasted line break after a date must not break (or rewrite) the terminal's line."""
    make_profile()
    result = console("status", "--as-of", f"2026-11-22{ending}")
    assert result.exit_code == 1, result.output
    shown = repr(ending)[1:-1]
    assert result.stderr == (
        f"Error: --as-of: «2026-11-22{shown}» no es una fecha AAAA-MM-DD; "
        "¿quisiste decir 2026-11-22?\n"
    )


def test_a_home_folder_written_as_tilde_in_the_data_and_config_variables_is_the_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`AUTOHELPER_DATA_DIR="~/datos"` (quoted: no shell expands it) is the home's folder, not
    a folder named `~` in the current one; a blank one is no setting at all."""
    from autohelper.journal import default_path
    from autohelper.profile import config_dir

    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("AUTOHELPER_DATA_DIR", "~/datos")
    monkeypatch.setenv("AUTOHELPER_CONFIG_DIR", " ~/conf ")
    assert default_path() == tmp_path / "home" / "datos" / "journal.sqlite3"
    assert config_dir() == tmp_path / "home" / "conf"
    monkeypatch.setenv("AUTOHELPER_DATA_DIR", " ")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_path() == tmp_path / "xdg" / "autohelper" / "journal.sqlite3"

"""The top-level handler: exit 3 only for our bugs, with a crash log no one else can read, and
no traceback on screen even when that log cannot be written."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest
from support import console

import autohelper.cli
import autohelper.doctor
import autohelper.session
from autohelper import privacy

CURP = "HEGG560427MVZRRL04"


autohelper_cmd = console  # `autohelper ARGS...` in-process, stdout and stderr apart


@pytest.fixture(autouse=True)
def _a_bug(monkeypatch: pytest.MonkeyPatch) -> None:
    """`doctor` hits a bug whose message holds a value the run knows is personal."""
    redactor = privacy.Redactor()
    redactor.add(CURP, "curp")
    monkeypatch.setattr(privacy, "ACTIVE", redactor)

    def broken(browser: str | None) -> None:
        raise RuntimeError(f"unexpected state for {CURP}")

    monkeypatch.setattr(autohelper.doctor, "diagnose", broken)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_bug_exits_3_with_a_private_redacted_crash_log(tmp_path: Path) -> None:
    result = autohelper_cmd("doctor")
    assert result.exit_code == 3
    log = tmp_path / "cache" / "autohelper" / "crash" / "crash.log"
    assert result.stderr == (
        "autohelper falló de forma inesperada (es un error nuestro, no tuyo). "
        f"Detalles para reportarlo: {log}\n"
    )
    assert "Traceback" not in result.output
    assert mode(log) == 0o600
    assert mode(log.parent) == 0o700
    text = log.read_text(encoding="utf-8")
    assert "RuntimeError: unexpected state for HEGG…L04" in text
    assert CURP not in text


def test_an_older_crash_log_with_loose_modes_is_tightened(tmp_path: Path) -> None:
    folder = tmp_path / "cache" / "autohelper" / "crash"
    folder.mkdir(parents=True)
    (folder / "crash.log").write_text("old", encoding="utf-8")
    os.chmod(folder, 0o755)
    os.chmod(folder / "crash.log", 0o644)
    assert autohelper_cmd("doctor").exit_code == 3
    assert (mode(folder), mode(folder / "crash.log")) == (0o700, 0o600)
    assert "old" not in (folder / "crash.log").read_text(encoding="utf-8")


def test_a_crash_log_that_cannot_be_written_is_said_without_a_traceback(
    tmp_path: Path,
) -> None:
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "autohelper").write_text("a file where the folder should be")
    result = autohelper_cmd("--lang", "en", "doctor")
    assert result.exit_code == 3
    log = tmp_path / "cache" / "autohelper" / "crash" / "crash.log"
    assert result.stderr == (
        "autohelper failed unexpectedly (our bug, not yours). Could not save the details in "
        f"{log}: part of the path is a file, not a folder\n"
    )
    assert "Traceback" not in result.output


# -- bad input is never a bug: exit 1, with what and where -----------------------------------
AGAINST_COMMANDS = [("qa", "imss-nss", "--single"), ("run", "imss-nss"), ("check", "imss-nss")]


@pytest.mark.parametrize("command", AGAINST_COMMANDS, ids=lambda c: c[0])
@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("http://[::1", "el nombre del servidor no es válido"),  # was ValueError, exit 3
        ("http://a b", "tiene espacios o caracteres de control"),  # was InvalidURL, exit 3
        ("http://h:70000", "el puerto debe ser un número entre 1 y 65535"),
    ],
)
def test_a_malformed_mirror_url_is_bad_input_named_with_its_option(
    command: tuple[str, ...], value: str, reason: str
) -> None:
    result = autohelper_cmd(*command, "--against", value)
    # `check` could not check (its exit 1 means «the portal changed»).
    assert result.exit_code == (2 if command[0] == "check" else 1), result.output
    assert result.stderr.startswith(
        f"Error: --against: «{value}» no es una URL de espejo que pueda usar: {reason}"
    )
    assert result.stdout == ""


def test_credentials_in_the_mirror_url_are_refused_and_never_shown() -> None:
    # They were sent on, and the failure blamed on the name ("no existe un servidor...").
    result = autohelper_cmd("qa", "imss-nss", "--single", "--against", "http://ana:pw@127.0.0.1:1")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "Error: --against: «http://…@127.0.0.1:1» no es una URL de espejo que pueda usar: lleva "
        "usuario o contraseña"
    )
    assert "pw" not in result.output and "ana" not in result.output


@pytest.mark.parametrize(
    "command",
    [
        ("run", "imss-nss", "--again"),  # the live portals: the mock setting was ignored
        ("qa", "imss-nss", "--single", "--against", "http://127.0.0.1:1"),
        ("qa", "imss-nss", "--against", "http://127.0.0.1:1"),  # --mock implies --single
    ],
    ids=["run-live", "qa-single-mirror", "qa-mirror"],
)
def test_mock_settings_off_the_bundled_mock_are_refused_before_anything_starts(
    command: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("a target or a browser was set up")

    monkeypatch.setattr(autohelper.session, "serve_target", never)
    monkeypatch.setattr(autohelper.session, "provider_for", never)
    result = autohelper_cmd(*command, "--mock", "drift=true")
    assert result.exit_code == 1, result.output
    # The words `check` says it with.
    assert result.stderr == (
        "Error: --mock cambia el simulado incluido: solo va con --against fixtures.\n"
    )
    assert result.stdout == ""


def test_a_secret_needed_with_no_terminal_is_named_with_its_variable_before_anything_starts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # It was asked with a hidden prompt anyway: Python's English warnings, the input read in
    # the clear, then "Cancelado" and exit 130, as for a Ctrl-C.
    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("a target or a browser was set up")

    monkeypatch.setattr(autohelper.session, "serve_target", never)
    monkeypatch.setattr(autohelper.session, "provider_for", never)
    monkeypatch.delenv("AUTOHELPER_SECRET_CIA_PASSWORD", raising=False)
    result = autohelper_cmd("run", "itson-solicitud", "--against", "fixtures", "--headless")
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        "Error: Hace falta tu contraseña del CIA (un dato secreto) y la entrada no es una "
        "terminal: no puedo pedirte ese dato sin que se vea. Ponlo en la variable de entorno "
        "AUTOHELPER_SECRET_CIA_PASSWORD y vuelve a correr el comando.\n"
    )
    assert "Escribe" not in result.output
    assert "\nPerfil: perfil de prueba" in result.stdout  # said first: which profile, which portal


# -- the end of the input at a question: no answer, exit 1 (Ctrl-C alone is 130) ----------------
@pytest.mark.parametrize(
    ("command", "says"),
    [
        (
            ("run", "imss-nss"),
            "Cancelado: la entrada terminó sin tu respuesta; desde aquí no se envió nada.",
        ),
        (
            ("--lang", "en", "run", "imss-nss"),
            "Cancelled: the input ended without your answer; nothing was sent from here on.",
        ),
        (("init",), "Cancelado: la entrada terminó antes de acabar; no se guardó nada."),
        (("--lang", "en", "init"), "Cancelled: the input ended before the end; nothing was saved."),
    ],
    ids=["run", "run-en", "init", "init-en"],
)
def test_the_input_ending_at_a_question_is_no_answer_not_an_interruption(
    command: tuple[str, ...], says: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-D at a question of a run (here its "send it?") ends as it does in the profile
    wizard: exit 1, saying the input ended and nothing (more) was sent or saved; not as a
    Ctrl-C (130, "Cancelado. Desde aquí no se envió nada.")."""

    def session(request: Any, ask_secret: Any) -> None:
        # The person at the terminal is asked before a send, and the input ends.
        request.human.confirm("Enviar la solicitud", [("CURP", "HEGG…L04")])
        raise AssertionError("the run went on without an answer")

    monkeypatch.setattr(autohelper.session, "run_session", session)
    monkeypatch.setattr(autohelper.session, "pending_resume", lambda request: None)
    monkeypatch.setattr(autohelper.cli, "_not_needed", lambda *args: False)
    result = console(*command, input="")
    assert result.exit_code == 1, result.output
    assert result.stderr == f"Error: {says}\n"
    assert ("Enviar la solicitud" in result.stdout) == ("run" in command)  # asked, then ended
    assert result.stdout.endswith("\n")  # the message is not left on the question's line


@pytest.mark.parametrize(
    ("typed", "meant"), [("hecho", "done"), ("Estado", "status"), ("siguiente", "next")]
)
def test_a_command_named_in_spanish_is_suggested_as_the_one_it_means(
    typed: str, meant: str
) -> None:
    """`autohelper hecho solicitud` suggested `check` (alike in letters; it visits the live
    portals): a command a Spanish speaker names in Spanish is suggested as the one it means."""
    result = autohelper_cmd(typed, "solicitud")
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[-1] == (
        f"Error: No existe el comando '{typed}'. ¿Quisiste decir '{meant}'?"
    )

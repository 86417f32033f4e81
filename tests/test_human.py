"""The person in the loop: the scripted human answers as told (and only a mock's oracles), the
terminal human re-asks what it cannot use."""

from __future__ import annotations

import io

import pytest

from autohelper.errors import UsageError
from autohelper.human import ScriptedHuman, TerminalHuman, ask_secret, ask_yes_no


def test_the_script_answers_in_order_then_repeats_its_last_answer() -> None:
    human = ScriptedHuman(confirm=[False, True])
    assert [human.confirm("Enviar", []) for _ in range(3)] == [False, True, True]


def test_a_secret_asked_again_comes_from_the_script_then_runs_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The environment gives the secret a run starts with, never again: the machine would be
    retrying a password on its own (a mirror found three refused ones sent in a row)."""
    monkeypatch.setenv("AUTOHELPER_SECRET_CIA_PASSWORD", "from-the-environment")
    human = ScriptedHuman(secrets={"cia_password": ["second-try"]})
    assert human.secret("cia_password") == "second-try"
    assert human.secret("cia_password") is None  # the person gives no more
    said: list[str] = []
    assert ScriptedHuman(on_progress=said.append).secret("cia_password") is None
    assert said == [
        "El portal pide otra vez «cia_password» y nadie está en el teclado para escribir ese "
        "dato: no reenvío por mi cuenta el de AUTOHELPER_SECRET_CIA_PASSWORD (una contraseña "
        "reintentada por la máquina puede bloquear la cuenta)."
    ]
    assert any("cia_password" in line for line in human.prompts)


def test_choices_by_index_by_text_and_the_first_by_default() -> None:
    options = ["CENTRO", "AGUACATAL", "LOS ÁNGELES"]
    human = ScriptedHuman(choices=[2, "aguacatal", "nowhere"])
    assert [human.choose("Colonia", options) for _ in range(3)] == [2, 1, None]
    assert ScriptedHuman().choose("Colonia", options) == 0


def test_a_scripted_person_never_stands_in_for_a_missing_target_unless_told() -> None:
    assert ScriptedHuman().hand_off(None, "Escribir", "css='#x'", None) is False  # type: ignore[arg-type]


def test_yes_no_takes_spanish_and_english_and_re_asks_on_anything_else(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("quizá\nsí\n"))
    assert ask_yes_no("¿Lo envío?") is True
    assert "Responde s (sí) o n (no)." in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO("\n"))
    assert ask_yes_no("¿Lo envío?") is False  # Enter takes the default: no


def test_the_terminal_choice_re_asks_until_it_is_a_listed_number(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown: list[str] = []
    # A superscript two is a digit to str.isdigit, not to int(); and a number too long for it.
    monkeypatch.setattr("sys.stdin", io.StringIO("7\nuno\n²\n" + "9" * 5000 + "\n2\n"))
    pick = TerminalHuman(headless=True, echo=shown.append).choose("Colonia", ["CENTRO", "SUR"])
    assert pick == 1
    assert shown == ["Colonia. Opciones:", "  1. CENTRO", "  2. SUR"]


def test_ctrl_c_at_a_prompt_is_an_interruption_not_an_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Interrupted(io.StringIO):
        def readline(self, size: int | None = -1) -> str:
            raise KeyboardInterrupt

    monkeypatch.setattr("sys.stdin", Interrupted())
    with pytest.raises(KeyboardInterrupt):
        TerminalHuman(headless=True).manual("Revisa tus datos")


def test_a_secret_is_never_asked_with_no_terminal_to_type_it_hidden(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("my-password\n"))  # a pipe, not a terminal
    with pytest.raises(UsageError) as caught:
        ask_secret("cia_password")
    assert caught.value.message("en") == (
        "The secret “cia_password” is needed and the input is not a terminal: I cannot ask for "
        "it without it showing. Set it in the environment variable "
        "AUTOHELPER_SECRET_CIA_PASSWORD and run the command again."
    )
    shown: list[str] = []
    # Asked again by the portal: nothing more is sent, and the person is told why.
    assert TerminalHuman(headless=True, echo=shown.append).secret("cia_password") is None
    assert "AUTOHELPER_SECRET_CIA_PASSWORD" in shown[0]
    assert capsys.readouterr().out == ""  # no prompt, nothing echoed


def test_a_secret_typed_again_as_only_spaces_is_no_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    """As an empty one: sent, it would use up one of the portal's sign-in tries."""
    answers = iter(["   ", " clave "])
    monkeypatch.setattr("autohelper.human.at_terminal", lambda: True)
    monkeypatch.setattr("autohelper.human.prompt", lambda *args, **kwargs: next(answers))
    human = TerminalHuman(headless=True, echo=lambda text: None)
    assert human.secret("cia_password") is None
    assert human.secret("cia_password") == " clave "  # a secret's own spaces are kept


def test_the_scripted_person_finds_an_email_whatever_way_its_recipient_is_written() -> None:
    """The outbox's `to` is not fixed by the mirrors' contract: a bare address, a mail
    header's "Name <address>", several, or a list."""
    import json

    from autohelper.human import mock_emails

    addressed = [
        "Estudiante.Prueba@example.com",
        "ESTUDIANTE PRUEBA <estudiante.prueba@example.com>",
        "otra@example.com, Estudiante <estudiante.prueba@example.com>",
        ["otra@example.com", "estudiante.prueba@example.com"],
    ]
    outbox = [{"to": to, "subject": str(n)} for n, to in enumerate(addressed)]
    outbox.append({"to": "otra@example.com", "subject": "not hers"})
    found = mock_emails(None, "estudiante.prueba@example.com", json.dumps(outbox))  # type: ignore[arg-type]
    assert [message["subject"] for message in found] == ["0", "1", "2", "3"]

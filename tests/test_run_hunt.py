"""`run` with bad input or nobody at the keyboard: what a practice run yields is never saved over
the student's own data, a question after a successful run that meets the end of the input does
not make it a failure, `--trace` never replaces a file that is not a trace, and a misplaced or
unknown language, a scenario that is a folder and a remote browser's bad address are said in
one language, before anything else."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from support import CliThread, console

from autohelper import session
from autohelper.cli import localized
from autohelper.engine.events import Document, RunResult
from autohelper.errors import UsageError
from autohelper.journal import Journal, default_path
from autohelper.mock.captcha import nss_for
from autohelper.profile import load_profile, resolve_profile_path, update_profile
from autohelper.scenario.loader import find_scenario, load_scenario, scenarios_dir

CURP = "HEGG560427MVZRRL04"
OWN_NSS = "12745601232"  # the student's own (valid, not the one the mock makes up)
STUDENT = {
    "curp": CURP,
    "email": "ana@example.com",
    "postal_code": "91000",
    "street": "AVENIDA DE PRUEBA",
    "exterior_number": "123",
}


def in_cli_thread(*args: str, input: str | None = None) -> Result:
    """`autohelper ARGS...` on the CLI thread: a run that (wrongly) got as far as a browser
    must not share the test's thread with pytest-playwright's."""
    result: Result = CliThread.call(lambda: console(*args, input=input))
    return result


def own_profile(**values: str) -> Path:
    return update_profile("default", {**STUDENT, **values}).path


# -- 1. a practice run never saves what the mock made up ----------------------------------------
@pytest.mark.browser
def test_a_practice_run_shows_the_mocks_nss_but_never_saves_it_over_the_students() -> None:
    path = own_profile(nss=OWN_NSS)
    before = path.read_bytes()
    # A "yes" typed ahead for every question: none may save anything.
    result = in_cli_thread(
        "run",
        "imss-nss",
        "--against",
        "fixtures",
        "--profile",
        "default",
        "--again",
        "--headless",
        input="s\ns\n",
    )
    assert result.exit_code == 0, result.output
    assert f"Tu NSS: {nss_for(CURP)}\n" in result.stdout
    assert (
        "Estos datos (NSS, Colonia) los inventó el portal simulado: no los guardé en tu perfil.\n"
        in result.stdout
    )
    assert "¿Guardo" not in result.output
    assert path.read_bytes() == before


# -- 2. a question after the run that meets the end of the input --------------------------------
def fake_live_run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A live run of imss-nss that succeeds at once, yielding an NSS, a colonia and a
    document (no browser: the real portals are never used by tests)."""
    document = tmp_path / "run" / "constancia.pdf"
    document.parent.mkdir()
    document.write_bytes(b"%PDF-1.4")

    def run_session(request: Any, **_: Any) -> session.SessionResult:
        assert request.against == "live"
        yields = {"nss": nss_for(CURP), "colonia": "CENTRO"}
        result = RunResult(
            "success",
            message="Listo.",
            yields=yields,
            documents={"constancia": Document(document, "constancia.pdf")},
        )
        scenario = load_scenario(find_scenario("imss-nss", scenarios_dir()))
        path = resolve_profile_path(request.profile)
        return session.SessionResult(result, scenario, path, tmp_path, saveable=yields)

    monkeypatch.setattr(session, "run_session", run_session)


def test_a_live_run_with_nobody_to_answer_the_save_question_succeeds_and_saves_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake_live_run(monkeypatch, tmp_path)
    path = own_profile()
    before = path.read_bytes()
    result = console("run", "imss-nss", "--profile", "default", input="")
    assert result.exit_code == 0, result.output
    assert "La entrada terminó sin tu respuesta: no guardé en tu perfil NSS, Colonia.\n" in (
        result.stderr
    )
    assert "La entrada terminó sin tu respuesta: no guardé una copia de constancia.pdf.\n" in (
        result.stderr
    )
    assert "Cancelado" not in result.output
    assert path.read_bytes() == before
    assert not (tmp_path / "run" / "constancia.pdf").exists()  # the run's own copy is gone


def test_what_was_answered_before_the_input_ended_is_saved_and_the_rest_said_not_in_english(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake_live_run(monkeypatch, tmp_path)
    own_profile()
    result = console("--lang", "en", "run", "imss-nss", "--profile", "default", input="y\n")
    assert result.exit_code == 0, result.output
    assert "The input ended without your answer: Colonia not saved in your profile.\n" in (
        result.stderr
    )
    assert "Saved in your profile" in result.stdout
    saved = load_profile("default")
    assert (saved.nss, saved.colonia) == (nss_for(CURP), None)


# -- 3. --trace never replaces what is not a trace ----------------------------------------------
def test_a_trace_over_the_profile_in_use_is_refused_before_anything(tmp_path: Path) -> None:
    path = own_profile()
    before = path.read_bytes()
    result = in_cli_thread(
        "run", "imss-nss", "--against", "fixtures", "--profile", "default", "--trace", str(path)
    )
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert result.stderr == (
        f"Error: --trace {path} es el perfil que usa esta corrida: la traza lo reemplazaría. "
        "Elige otro archivo (por ejemplo, traza.zip).\n"
    )
    assert path.read_bytes() == before


def test_a_trace_over_the_journal_is_refused_in_english() -> None:
    Journal()  # the student's journal, as after a first run
    journal = default_path()
    before = journal.read_bytes()
    result = in_cli_thread(
        "--lang", "en", "run", "imss-nss", "--against", "fixtures", "--trace", str(journal)
    )
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        f"Error: --trace {journal} is autohelper's journal: the trace would replace it. "
        "Choose another file (for example, trace.zip).\n"
    )
    assert journal.read_bytes() == before


def test_a_trace_over_a_file_that_is_no_trace_is_refused_and_the_file_kept(
    tmp_path: Path,
) -> None:
    thesis = tmp_path / "tesis.txt"
    thesis.write_text("capítulo 1\n", encoding="utf-8")
    result = in_cli_thread("run", "imss-nss", "--against", "fixtures", "--trace", str(thesis))
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert result.stderr == (
        f"Error: --trace {thesis} ya existe y no es una traza de Playwright: no lo reemplazo. "
        "Elige otro archivo, o bórralo tú si ya no lo necesitas.\n"
    )
    assert thesis.read_text(encoding="utf-8") == "capítulo 1\n"


def test_only_an_earlier_playwright_trace_may_be_replaced(tmp_path: Path) -> None:
    profile, journal = tmp_path / "p.yaml", tmp_path / "journal.sqlite3"
    earlier = tmp_path / "trace.zip"
    with zipfile.ZipFile(earlier, "w") as archive:
        archive.writestr("trace.trace", "{}")
    session.check_trace(earlier, profile, journal)
    session.check_trace(tmp_path / "new.zip", profile, journal)
    photos = tmp_path / "fotos.zip"
    with zipfile.ZipFile(photos, "w") as archive:
        archive.writestr("foto.jpg", "jpeg")
    with pytest.raises(UsageError) as refused:
        session.check_trace(photos, profile, journal)
    assert refused.value.key == "session.trace_not_a_trace"
    link = tmp_path / "link.zip"
    link.symlink_to(profile)
    profile.write_text("curp: X\n", encoding="utf-8")
    with pytest.raises(UsageError) as refused:
        session.check_trace(link, profile, journal)
    assert refused.value.key == "session.trace_is_profile"


# -- 4. the language: one per answer, the one asked for ------------------------------------------
def test_lang_after_the_command_is_said_to_go_before_it_in_the_language_asked_for() -> None:
    result = console("profile", "check", "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr == (
        "Usage: autohelper profile check [OPTIONS] [FILE]\n"
        "Try 'autohelper profile check --help' for help.\n\n"
        "Error: --lang goes before the command, like this: autohelper --lang en profile check\n"
    )
    result = console("run", "imss-nss", "--lang=es")
    assert result.exit_code == 2
    assert result.stderr.startswith("Uso: autohelper run [OPCIONES] ESCENARIO\n")
    assert result.stderr.endswith(
        "\nError: --lang va antes del comando, así: autohelper --lang es run imss-nss\n"
    )


def test_lang_after_the_command_keeps_the_rest_of_the_line_masked_and_names_an_unknown_one() -> (
    None
):
    """The suggestion is the whole command line, ready to paste (what looks personal masked); a
    language we do not have is refused as it is before the command; case does not matter."""
    result = console("profile", "set", "email=juan@gmail.com", "--lang", "EN", "names=ANA")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Error: --lang goes before the command, like this: "
        "autohelper --lang en profile set 'e…@gmail.com' names=ANA\n"
    )
    assert "juan" not in result.stderr
    result = console("run", "imss-nss", "--lang", "fr")
    assert result.exit_code == 2
    assert result.stderr.endswith(UNKNOWN_FR)
    assert console("--lang", "EN", "run", "--help").stdout.startswith("Usage: autohelper run")


# A language we do not have is said in both: the person's is the one we could not read.
UNKNOWN_FR = (
    "Error: --lang fr: no conozco ese idioma; usa uno de estos: es, en.\n"
    "--lang fr: unknown language; use one of these: es, en.\n"
)


@pytest.mark.parametrize("written", ["en_US", "en-GB", "english", "English", "en_US.UTF-8"])
def test_lang_is_read_as_autohelper_lang_is_a_locale_or_a_name(written: str) -> None:
    result = console("--lang", written, "profile", "check", "--help")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Usage: autohelper profile check")
    assert console("profile", "check", "--lang", written).stderr.endswith(
        "Error: --lang goes before the command, like this: autohelper --lang en profile check\n"
    )


def test_an_unknown_lang_before_the_command_is_said_in_both_languages() -> None:
    result = console("--lang", "fr", "status")
    assert result.exit_code == 2
    assert result.stderr.endswith(UNKNOWN_FR)


def test_lang_alone_shows_the_help_in_that_language_as_no_arguments_do() -> None:
    alone, nothing = console("--lang", "en"), console()
    assert (alone.exit_code, nothing.exit_code) == (2, 2)
    assert alone.stderr.startswith("Usage: autohelper [OPTIONS] COMMAND [ARGS]...")
    assert "Missing command" not in alone.stderr
    assert nothing.stderr.startswith("Uso: autohelper [OPCIONES] COMANDO [ARGUMENTOS]...")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("es", "Error: Valor no válido para '--workers': '1.5' no es un número entero válido.\n"),
        ("en", "Error: Invalid value for '--workers': '1.5' is not a valid whole number.\n"),
    ],
)
def test_a_count_that_is_no_whole_number_is_said_so(lang: str, expected: str) -> None:
    result = console("--lang", lang, "qa", "--workers", "1.5")
    assert result.exit_code == 2
    assert result.stderr.endswith(expected)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["--lang", "en", "--lang", "es", "nosuch"],
            "Uso: autohelper [OPCIONES] COMANDO [ARGUMENTOS]...\n"
            "Prueba 'autohelper --help' para ver la ayuda.\n\n"
            "Error: No existe el comando 'nosuch'.\n",
        ),
        (
            ["--lang", "es", "--lang", "en", "nosuch"],
            "Usage: autohelper [OPTIONS] COMMAND [ARGS]...\n"
            "Try 'autohelper --help' for help.\n\n"
            "Error: No such command 'nosuch'.\n",
        ),
    ],
)
def test_lang_given_twice_is_the_last_one_as_click_takes_it(args: list[str], expected: str) -> None:
    result = console(*args)
    assert result.exit_code == 2
    assert result.stderr == expected
    assert localized.prescan_lang(args) == args[3]


def test_an_unknown_autohelper_lang_is_said_once_in_both_languages_then_spanish(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AUTOHELPER_LANG", "fr")
    monkeypatch.setenv("LANG", "en_US.UTF-8")  # not the locale's English either
    result = console("nosuch")
    assert result.exit_code == 2
    assert result.stderr == (
        "AUTOHELPER_LANG=fr: no conozco ese idioma (hay: es, en); sigo en español.\n"
        "AUTOHELPER_LANG=fr: unknown language (there are: es, en); going on in Spanish.\n"
        "Uso: autohelper [OPCIONES] COMANDO [ARGUMENTOS]...\n"
        "Prueba 'autohelper --help' para ver la ayuda.\n\n"
        "Error: No existe el comando 'nosuch'.\n"
    )
    english = console("--lang", "en", "nosuch")  # asked for: nothing to say about the variable
    assert english.stderr.startswith("Usage: autohelper [OPTIONS]")


# -- 5. a scenario that is a folder; a remote browser's address ----------------------------------
def test_a_scenario_path_that_is_a_folder_is_said_to_be_one(tmp_path: Path) -> None:
    result = console("run", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: No puedo leer el escenario {tmp_path}: es una carpeta, no un archivo\n"
    )
    english = console("--lang", "en", "run", str(tmp_path))
    assert english.stderr == (
        f"Error: Cannot read the scenario {tmp_path}: it is a folder, not a file\n"
    )


@pytest.mark.parametrize(
    ("option", "expected"),
    [
        (
            "--connect",
            "Error: --connect espera la dirección ws://… (o wss://…) de un servidor de "
            "Playwright; recibí «foo».\n",
        ),
        (
            "--cdp",
            "Error: --cdp espera la dirección http://… o ws://… de las DevTools de un Chromium; "
            "recibí «foo».\n",
        ),
    ],
)
def test_a_remote_browsers_bad_address_is_refused_before_anything_is_said(
    option: str, expected: str
) -> None:
    result = console("run", "imss-nss", "--against", "fixtures", option, "foo")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == expected


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("en_US.UTF-8", "en"),
        ("es-MX", "es"),
        ("EN", "en"),
        ("Español", "es"),
        ("inglés", "en"),
        ("enx", None),  # not English with a typo at the end: unknown
        ("esperanto", None),
        ("fr", None),
        ("", None),
    ],
)
def test_a_language_is_its_code_a_locale_or_its_name(written: str, code: str | None) -> None:
    from autohelper.messages import lang_code

    assert lang_code(written) == code

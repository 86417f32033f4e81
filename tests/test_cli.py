"""The command line, through what a person sees: exit codes, exact messages, and the rows the
journal keeps. Commands run in-process under the real console entry point (`autohelper.cli.main`:
`cli` under the one top-level error handler), so a user error shows exactly as in a terminal; two
cases run `python -m autohelper` in a subprocess (the import check and a stopped run).

Each `qa`/`run` here starts its own bundled mock and its own headless Chromium, as a student's
command would; they are marked `browser`.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import shutil
import sqlite3
import stat
import subprocess
import sys
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result
from support import CliThread, step_count

import autohelper.cli
from autohelper import messages
from autohelper.browser import find_browser
from autohelper.journal import Journal, default_path
from autohelper.scenario.loader import scenarios_dir

ROOT = Path(__file__).resolve().parents[1]
SCENARIO = scenarios_dir() / "imss-nss.yaml"
FIXTURE_CURP = "HEGG560427MVZRRL04"
FIXTURE_EMAIL = "estudiante.prueba@example.com"
NSS_RE = re.compile(r"(?<!\d)\d{11}(?!\d)")


class _ConsoleScript:
    """The `autohelper` console script (`autohelper.cli.main`), in the shape CliRunner invokes."""

    name = "autohelper"

    def main(self, args: Sequence[str], prog_name: str | None = None, **_: Any) -> None:
        saved = sys.argv
        sys.argv = ["autohelper", *args]
        try:
            autohelper.cli.main()
        finally:
            sys.argv = saved


def autohelper_cmd(*args: str, input: str | None = None) -> Result:
    """Run `autohelper ARGS...` in-process, on the process's CLI thread (`CliThread`); stdout
    and stderr are kept apart."""

    def invoke() -> Result:
        return CliRunner().invoke(_ConsoleScript(), list(args), input=input)  # type: ignore[arg-type]

    result: Result = CliThread.call(invoke)
    return result


def python_m_autohelper(*args: str, importtime: bool = False) -> subprocess.CompletedProcess[str]:
    flags = ["-X", "importtime"] if importtime else []
    return subprocess.run(
        [sys.executable, *flags, "-m", "autohelper", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def journal_dump() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of the journal the CLI wrote (AUTOHELPER_DATA_DIR, per test)."""
    with sqlite3.connect(default_path()) as db:
        return {
            table: db.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
            for table in ("runs", "steps", "submits")
        }


def assert_no_raw_personal_data(dump: dict[str, list[tuple[Any, ...]]]) -> None:
    text = json.dumps(dump, ensure_ascii=False)
    assert FIXTURE_CURP not in text
    assert FIXTURE_EMAIL not in text
    assert not NSS_RE.search(text), NSS_RE.search(text)


# -- start-up ---------------------------------------------------------------------------------
def test_a_terminal_that_cannot_show_a_check_mark_gets_a_question_mark_not_a_crash() -> None:
    """A latin-1 terminal: ✔ cannot be written there; the list still is, with "?" instead."""
    proc = subprocess.run(
        [sys.executable, "-m", "autohelper", "scenarios", "validate"],
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONIOENCODING": "latin-1"},
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr.decode("latin-1")
    assert proc.stdout.decode("latin-1").startswith("? imss-nss (")


def test_a_closed_stdin_is_an_ended_input_not_a_crash(tmp_path: Path) -> None:
    """`autohelper init <&-`: the wizard meets the end of its input at the first question."""
    proc = subprocess.run(
        [sys.executable, "-m", "autohelper", "init"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        preexec_fn=lambda: os.close(0),
        timeout=60,
    )
    assert proc.returncode == 1, proc.stderr
    assert "Cancelado: la entrada terminó antes de acabar; no se guardó nada." in proc.stderr
    assert not (tmp_path / "config" / "profiles").exists()


def test_help_exits_0_without_importing_playwright() -> None:
    proc = python_m_autohelper("--help", importtime=True)
    assert proc.returncode == 0, proc.stderr
    assert "autohelper run imss-nss" in proc.stdout
    imported = [line for line in proc.stderr.splitlines() if line.startswith("import time:")]
    assert imported, "no -X importtime output"
    assert any("autohelper.cli" in line for line in imported)
    assert not [line for line in imported if "playwright" in line]


def test_version() -> None:
    result = autohelper_cmd("--version")
    assert result.exit_code == 0
    assert re.fullmatch(r"autohelper, versión \d+\.\d+\.\d+\n", result.stdout), result.stdout
    result = autohelper_cmd("--lang", "en", "--version")
    assert re.fullmatch(r"autohelper, version \d+\.\d+\.\d+\n", result.stdout), result.stdout


# -- scenarios --------------------------------------------------------------------------------
def test_scenarios_list_shows_the_nss_flow_in_spanish() -> None:
    result = autohelper_cmd("scenarios", "list")
    assert result.exit_code == 0, result.output
    assert re.search(
        r"^imss-nss\s+Asignación o localización de tu Número de Seguridad Social \(IMSS-02-008\)$",
        result.stdout,
        re.M,
    ), result.stdout


def test_scenarios_validate_all_bundled() -> None:
    result = autohelper_cmd("scenarios", "validate")
    assert result.exit_code == 0, result.output
    assert f"✔ imss-nss ({SCENARIO})" in result.stdout.splitlines()


def test_scenarios_validate_named_file() -> None:
    result = autohelper_cmd("scenarios", "validate", str(SCENARIO))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"✔ imss-nss ({SCENARIO})\n"


def _misspelt_copy(tmp_path: Path) -> tuple[Path, int]:
    """The bundled scenario with `title:` misspelt `tittle:`; its path and that key's line."""
    lines = SCENARIO.read_text(encoding="utf-8").splitlines(keepends=True)
    line = next(n for n, text in enumerate(lines, 1) if text.startswith("title:"))
    lines[line - 1] = lines[line - 1].replace("title:", "tittle:", 1)
    path = tmp_path / "imss-nss-typo.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    return path, line


def test_scenarios_validate_misspelt_key_gives_position_and_suggestion(tmp_path: Path) -> None:
    path, line = _misspelt_copy(tmp_path)
    result = autohelper_cmd("scenarios", "validate", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    err = result.stderr.splitlines()
    assert err[0] == "Error: 2 problema(s) en el escenario:"
    assert f"{path}:{line}:1: clave desconocida 'tittle' (¿quisiste decir 'title'?)" in err
    assert any(text.startswith(f"{path}:") and "falta la clave 'title'" in text for text in err)


def test_scenarios_validate_misspelt_key_in_english(tmp_path: Path) -> None:
    path, line = _misspelt_copy(tmp_path)
    result = autohelper_cmd("--lang", "en", "scenarios", "validate", str(path))
    assert result.exit_code == 1
    err = result.stderr.splitlines()
    assert err[0] == "Error: 2 problem(s) in the scenario:"
    assert f"{path}:{line}:1: unknown key 'tittle' (did you mean 'title'?)" in err


def test_scenarios_validate_reports_every_file(tmp_path: Path) -> None:
    """A good file and a bad one: exit 1, the bad one's problem named, nothing said of success."""
    path, line = _misspelt_copy(tmp_path)
    result = autohelper_cmd("scenarios", "validate", str(SCENARIO), str(path))
    assert result.exit_code == 1
    assert f"{path}:{line}:1: clave desconocida 'tittle'" in result.stderr
    assert str(SCENARIO) not in result.stderr


def test_a_regex_re_cannot_hold_in_the_scenarios_folder_is_said_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One scenario of the AUTOHELPER_SCENARIOS folder with a repeat count past `re`'s limit
    made `scenarios list` and `scenarios validate` exit 3 with a traceback in the log."""
    shutil.copytree(ROOT / "scenarios" / "portals", tmp_path / "portals")
    text = SCENARIO.read_text(encoding="utf-8")
    (tmp_path / "imss-nss.yaml").write_text(text, encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    lines = text.replace("id: imss-nss", "id: broken", 1).splitlines(keepends=True)
    line = next(n for n, row in enumerate(lines) if row.startswith("steps:")) + 1
    lines.insert(line, "  - expect: {url: 'a{99999999999}'}\n    description: x\n")
    broken.write_text("".join(lines), encoding="utf-8")
    monkeypatch.setenv("AUTOHELPER_SCENARIOS", str(tmp_path))
    for lang, said in (
        ("es", "expresión regular inválida 'a{99999999999}': la repetición {99999999999} es "),
        ("en", "invalid regular expression 'a{99999999999}': the repeat {99999999999} is too "),
    ):
        for command in ("list", "validate"):
            result = autohelper_cmd("--lang", lang, "scenarios", command)
            assert (result.exit_code, result.stderr.count("\n")) == (1, 2), result.output
            assert f"\n{broken}:{line + 1}:21: {said}" in result.stderr, result.stderr


def test_a_yml_scenario_in_the_scenarios_folder_is_one_of_its_scenarios(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A scenario written `third.yml` was left out without a word («No conozco el escenario
    'third'»), where QA case files take both endings."""
    shutil.copytree(ROOT / "scenarios" / "portals", tmp_path / "portals")
    text = SCENARIO.read_text(encoding="utf-8")
    (tmp_path / "third.yml").write_text(text.replace("id: imss-nss", "id: third", 1), "utf-8")
    (tmp_path / "notes.yml.txt").write_text("not a scenario", encoding="utf-8")
    monkeypatch.setenv("AUTOHELPER_SCENARIOS", str(tmp_path))
    listed = autohelper_cmd("scenarios", "list")
    assert listed.exit_code == 0, listed.output
    assert [line.split()[0] for line in listed.stdout.splitlines() if line.strip()] == ["third"]
    assert autohelper_cmd("scenarios", "validate").exit_code == 0


def test_an_empty_scenarios_folder_is_said_naming_it_and_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """AUTOHELPER_SCENARIOS naming a folder without scenarios: `scenarios list` printed
    nothing, exit 0. Exit 1 now, as for a folder that is not there (`scenario.dir_missing`)
    and case files without a case (`qa.no_cases`): the input names nothing to work on."""
    monkeypatch.setenv("AUTOHELPER_SCENARIOS", str(tmp_path))
    for command in ("list", "validate"):
        result = autohelper_cmd("scenarios", command)
        assert (result.exit_code, result.stdout) == (1, ""), result.output
        assert result.stderr == (
            f"Error: No hay escenarios (archivos .yaml) en {tmp_path}, la carpeta que nombra "
            "AUTOHELPER_SCENARIOS: corrígela, o quítala para usar los escenarios incluidos.\n"
        )
    result = autohelper_cmd("--lang", "en", "scenarios", "list")
    assert result.stderr == (
        f"Error: There are no scenarios (.yaml files) in {tmp_path}, the folder "
        "AUTOHELPER_SCENARIOS names: fix it, or unset it to use the bundled scenarios.\n"
    )
    # Procedures alone are something to validate.
    (tmp_path / "procedures").mkdir()
    procedure = ROOT / "scenarios" / "procedures" / "itson.yaml"
    (tmp_path / "procedures" / "itson.yaml").write_bytes(procedure.read_bytes())
    result = autohelper_cmd("scenarios", "validate")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("✔ itson (")


@pytest.mark.parametrize("command", [("status",), ("next",), ("done", "solicitud")])
def test_a_scenarios_folder_that_is_not_there_is_named_by_status_next_and_done(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    """They blamed the institution's procedure file (`…/procedures/itson.yaml` is missing),
    never naming the variable that put it there."""
    from autohelper.profile import update_profile

    update_profile(None, {"curp": FIXTURE_CURP, "institution": "itson"})
    missing = tmp_path / "nonexistent"
    monkeypatch.setenv("AUTOHELPER_SCENARIOS", str(missing))
    result = autohelper_cmd(*command)
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        f"Error: AUTOHELPER_SCENARIOS nombra «{missing}», que no es una carpeta: corrígela, o "
        "quítala para usar los escenarios incluidos.\n"
    )
    result = autohelper_cmd("--lang", "en", *command)
    assert result.stderr == (
        f"Error: AUTOHELPER_SCENARIOS names “{missing}”, which is not a folder: fix it, or unset "
        "it to use the bundled scenarios.\n"
    )


# -- user errors before a browser starts --------------------------------------------------------
def test_unknown_scenario_suggests_the_close_one() -> None:
    result = autohelper_cmd("qa", "imss-nsss", "--against", "fixtures")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: No conozco el escenario 'imss-nsss' (¿quisiste decir 'imss-nss'?). "
        "Disponibles: imss-nss, imss-umf, imss-vigencia, itson-solicitud\n"
    )
    assert not default_path().exists()  # refused before any run was started


def test_qa_refuses_the_live_portals() -> None:
    result = autohelper_cmd("qa", "imss-nss", "--against", "live")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: El modo QA no corre contra los portales reales: usa --against fixtures o "
        "--against URL de un espejo.\n"
    )
    assert not default_path().exists()


def test_qa_runs_against_the_bundled_mock_by_default() -> None:
    """Its help says so, and a run with no --against gets past the live portals' refusal to
    the next check (a profile that is not there), as with --against fixtures."""
    shown = autohelper_cmd("qa", "--help").stdout
    assert "--against fixtures|URL" in shown and "[por omisión: fixtures]" in shown
    assert "live" not in shown.partition("--against")[2].partition("--workers")[0]
    for against in ((), ("--against", "fixtures")):
        result = autohelper_cmd(
            "qa", "imss-nss", "--single", *against, "--profile", "/no/such.yaml"
        )
        assert result.exit_code == 1
        assert "/no/such.yaml" in result.stderr, result.stderr


def test_a_bad_mock_option_is_said_before_a_demo_is_announced() -> None:
    result = autohelper_cmd("run", "imss-nss", "--against", "fixtures", "--mock", "drift=maybe")
    assert result.exit_code == 1
    assert "drift=maybe" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("command", ["qa", "run"])
def test_bad_against_value(command: str) -> None:
    # `run` with nobody at the keyboard (CliRunner's input is no terminal) would be a demo:
    # a target it cannot use is said first, and no demo is announced.
    result = autohelper_cmd(command, "imss-nss", "--against", "ftp://example.com")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: --against acepta live, fixtures o una URL")
    assert result.stdout == ""


def test_unknown_mock_option_names_the_known_ones() -> None:
    result = autohelper_cmd("qa", "imss-nss", "--against", "fixtures", "--mock", "bogus=1")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "Error: Opción del simulado no válida: «bogus=1». Usa CLAVE=VALOR con una de: "
    )
    for known in ("result_version", "drift", "firewall", "fail_first", "delay"):
        assert known in result.stderr


def test_bad_mock_value() -> None:
    result = autohelper_cmd("qa", "imss-nss", "--against", "fixtures", "--mock", "drift=maybe")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: Valor no válido en la opción del simulado «drift=maybe». Se espera true o false.\n"
    )


@pytest.mark.parametrize(
    ("option", "reason_es", "reason_en"),
    [
        ("result_version=3", "Debe ser uno de: 1, 2.", "It must be one of: 1, 2."),
        ("imss.result_version=0", "Debe ser uno de: 1, 2.", "It must be one of: 1, 2."),
        ("delay=inf", "Se espera un número (finito).", "Expected a (finite) number."),
        ("delay=nan", "Se espera un número (finito).", "Expected a (finite) number."),
        ("delay=-1", "entre 0 y 600", "from 0 to 600"),
        ("fail_first=-2", "entre 0 y 1000", "from 0 to 1000"),
        ("fail_methods=FOO", "Los métodos posibles son: GET, POST", "methods are: GET, POST"),
        ("lab.lockout_after=0", "entre 1 y 100", "from 1 to 100"),
    ],
)
def test_out_of_range_mock_values_are_user_errors_in_the_users_language(
    option: str, reason_es: str, reason_en: str
) -> None:
    for lang, prefix, reason in (
        ("es", f"Error: Valor no válido en la opción del simulado «{option}».", reason_es),
        ("en", f"Error: Invalid value in the mock option “{option}”.", reason_en),
    ):
        result = autohelper_cmd(
            "--lang", lang, "qa", "imss-nss", "--against", "fixtures", "--mock", option
        )
        assert result.exit_code == 1, result.stderr
        assert result.stderr.startswith(prefix) and reason in result.stderr
        assert "Traceback" not in result.stderr


def test_unknown_option_is_clicks_usage_error() -> None:
    result = autohelper_cmd("qa", "imss-nss", "--no-such-option")
    assert result.exit_code == 2
    assert "--no-such-option" in result.stderr


def test_qa_timeout_has_a_floor() -> None:
    result = autohelper_cmd("qa", "imss-nss", "--against", "fixtures", "--timeout", "0.1")
    assert result.exit_code == 2
    assert "--timeout" in result.stderr


@pytest.mark.browser  # doctor launches it
def test_doctor_names_the_browser() -> None:
    result = autohelper_cmd("doctor")
    assert result.exit_code == 0, result.output
    choice = find_browser()
    assert choice.path, "these tests expect the system Chromium"
    assert f"✔ Navegador: el Chromium del sistema, {choice.path} (" in result.stdout
    assert "✘" not in result.stdout


def test_doctor_with_a_bad_browser_path(tmp_path: Path) -> None:
    missing = tmp_path / "no-chromium"
    result = autohelper_cmd("doctor", "--browser", str(missing))
    assert result.exit_code == 1
    assert f"✘ El navegador indicado en --browser no existe o no es ejecutable: {missing}" in (
        result.stdout
    )


# -- qa runs against the bundled mock ----------------------------------------------------------
def _only_run() -> tuple[Any, list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    journal = Journal()
    runs = journal.runs()
    assert len(runs) == 1, runs
    run = runs[0]
    return run, journal.rows("steps", run.id), journal.rows("submits", run.id)


@pytest.mark.browser
def test_qa_happy_path_result_version_2() -> None:
    result = autohelper_cmd("qa", "imss-nss", "--single", "--against", "fixtures")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "Perfil: perfil de prueba (datos inventados). Destino: el portal simulado incluido "
        "(nada sale de tu computadora).\nPaso 1/29: Abrir la página del trámite IMSS-02-008"
    )
    *_, message, colonia_line, nss_line = result.stdout.splitlines()
    assert message == (
        "Listo. El IMSS te asignó tu NSS; te envió el comprobante y tu tarjeta por correo. "
        "Después: con tu NSS, pide el Seguro Facultativo en tu escuela (en el ITSON, en el CIA: "
        "autohelper run itson-solicitud; en otras, llévalo a Servicios Escolares)."
    )
    assert colonia_line == "Colonia: C…"
    shown = re.fullmatch(r"Tu NSS: (\d\d…\d\d)", nss_line)
    assert shown, nss_line  # the NSS is shown masked on screen, never in full
    assert not NSS_RE.search(result.output)
    assert result.stderr == ""

    run, steps, submits = _only_run()
    assert (run.scenario, run.target, run.mode, run.status) == (
        "imss-nss",
        "fixtures",
        "qa",
        "success",
    )
    assert run.yields == {"nss": shown.group(1), "colonia": "C…"}  # masked, never raw
    assert [s["description"] for s in submits] == [
        "Enviar la solicitud al IMSS («Buscar»)",
        "Enviar tu domicilio al IMSS («Continuar»)",
    ]
    assert [s["result"] for s in submits] == ["http 200", "http 200"]
    # Every step ran but the welcome window's «Aceptar» after the send and after the link: the
    # mock did not open it again.
    assert len(steps) == 29, steps
    assert [row["position"] for row in steps if row["status"] != "ok"] == [14, 17]
    assert steps[14]["status"] == steps[17]["status"] == "skipped"
    assert_no_raw_personal_data(journal_dump())


@pytest.mark.browser
def test_qa_happy_path_result_version_1() -> None:
    result = autohelper_cmd("qa", "imss-nss", "--against", "fixtures", "--mock", "result_version=1")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == (
        "Listo: el IMSS te enviará tu NSS por correo, en PDF. Cuando lo tengas, guárdalo con: "
        "autohelper profile set nss=TU_NSS. Después: pide el Seguro Facultativo en tu escuela (en "
        "el ITSON, en el CIA; en otras, en Servicios Escolares)."
    )
    run, _, submits = _only_run()
    assert run.status == "success"
    assert "nss" not in run.yields
    assert len(submits) == 1


@pytest.mark.browser
def test_qa_declined_sends_nothing() -> None:
    result = autohelper_cmd("qa", "imss-nss", "--against", "fixtures", "--decline")
    assert result.exit_code == 1
    assert result.stderr == (
        "No confirmaste el envío («Revisar lo que se enviará al IMSS y confirmar»): "
        "no se envió nada.\n"
    )
    steps = step_count("imss-nss")
    assert f"/{steps}: Revisar lo que se enviará al IMSS y confirmar" in result.stdout
    assert "Enviar la solicitud al IMSS" not in result.stdout  # the submit was never reached
    run, _, submits = _only_run()
    assert run.status == "declined"
    assert submits == []


@pytest.mark.browser
def test_qa_firewall_is_handed_over() -> None:
    result = autohelper_cmd("qa", "imss-nss", "--against", "fixtures", "--mock", "firewall=true")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "El portal respondió con una página de bloqueo o de verificación de su firewall (Imperva "
        "Incapsula) en el paso "
        "«Abrir la página del trámite IMSS-02-008 en imss.gob.mx».\n"
        "Página: https://www.imss.gob.mx/tramites/imss02008\n"
    )
    assert "No intentes evadirlo" in result.stderr
    shot = re.search(r"^Captura: (.+)$", result.stderr, re.M)
    assert shot and Path(shot.group(1)).is_file()
    run, _, submits = _only_run()
    assert run.status != "success" and submits == []


@pytest.mark.browser
def test_qa_drifted_portal_in_a_real_process() -> None:
    """The drifted form, as a terminal shows it: "portal changed" naming the step, exit 1, no
    trace. (A locator that matches nothing is known only once the step's timeout has passed:
    `--timeout 2` keeps that wait short.)"""
    proc = python_m_autohelper(
        "qa", "imss-nss", "--against", "fixtures", "--mock", "drift=true", "--timeout", "3"
    )
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    assert proc.stderr.startswith(
        "El portal cambió en este paso: «Escribir tu CURP». No encontré css='#registroCurp'.\n"
        "Página: https://serviciosdigitales.imss.gob.mx/gestionAsegurados-web-externo/"
        "asignacionNSS\n"
    ), proc.stderr
    assert proc.stderr.rstrip().endswith(
        "El escenario necesita actualizarse; avísale a quien mantiene autohelper."
    )
    shot = re.search(r"^Captura: (.+)$", proc.stderr, re.M)
    assert shot and Path(shot.group(1)).is_file()
    run, _, submits = _only_run()
    assert run.status != "success" and submits == []
    assert_no_raw_personal_data(journal_dump())


# -- the guided command, with nobody at the keyboard --------------------------------------------
@pytest.mark.browser
def test_run_against_fixtures_unattended_is_a_demo() -> None:
    # A person who already has an NSS: the scenario does not fill the new NSS's address step.
    result = autohelper_cmd(
        "run",
        "imss-nss",
        "--against",
        "fixtures",
        "--headless",
        input="",
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "Demostración sin nadie en el teclado: el portal simulado responde el CAPTCHA"
    )
    assert "Listo. El IMSS te asignó tu NSS" in result.stdout
    assert "¿Guardo «NSS» en tu perfil?" not in result.stdout  # never for the fixture profile
    run, _, submits = _only_run()
    assert (run.mode, run.status, len(submits)) == ("student", "success", 2)


def test_mock_serve_announces_its_real_address_and_serves_the_portal() -> None:
    child = subprocess.Popen(
        [sys.executable, "-m", "autohelper", "mock", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        base = re.search(r"http://127\.0\.0\.1:(\d+)", line)
        assert base and base.group(1) != "0", line
        with urllib.request.urlopen(f"{base.group(0)}/www.imss.gob.mx/tramites/imss02008") as page:
            assert "IMSS-02-008" in page.read().decode("utf-8")
        busy = autohelper_cmd("mock", "serve", "--port", base.group(1))
        assert busy.exit_code == 1
        assert f"No puedo usar el puerto {base.group(1)}" in busy.stderr
    finally:
        child.terminate()
        child.wait(timeout=10)


@pytest.mark.parametrize(
    ("lang", "stopped"), [("es", "Portal simulado detenido.\n"), ("en", "Mock portal stopped.\n")]
)
def test_mock_serve_stopped_with_ctrl_c_says_the_mock_stopped(lang: str, stopped: str) -> None:
    """Ctrl-C is how the mock is meant to stop: it says so, not that a run was cancelled."""
    import signal

    from support import as_at_a_shell

    child = subprocess.Popen(
        [sys.executable, "-m", "autohelper", "--lang", lang, "mock", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=as_at_a_shell,
    )
    try:
        assert child.stdout is not None
        assert "http://127.0.0.1:" in child.stdout.readline()
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=10)
    assert (child.returncode, out, err) == (0, stopped, "")


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("es", "No corrí nada. Cuando quieras hacerlo: autohelper run imss-nss"),
        ("en", "Nothing was run. When you want to do it: autohelper run imss-nss"),
    ],
)
def test_next_answered_no_says_nothing_was_run_and_how_to_run_it_later(
    lang: str, said: str
) -> None:
    assert (
        autohelper_cmd("profile", "set", f"curp={FIXTURE_CURP}", "institution=itson").exit_code == 0
    )
    assert autohelper_cmd("done", "precondicion").exit_code == 0
    result = autohelper_cmd("--lang", lang, "next", input="n\n")
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(f"{said}\n"), result.stdout
    assert Journal().runs() == []  # nothing was run


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("es", "No marqué nada. Cuando lo hayas hecho: autohelper done precondicion"),
        ("en", "Nothing was marked. Once done: autohelper done precondicion"),
    ],
)
def test_next_answered_no_at_the_mark_question_says_nothing_was_marked(
    lang: str, said: str
) -> None:
    assert (
        autohelper_cmd("profile", "set", f"curp={FIXTURE_CURP}", "institution=itson").exit_code == 0
    )
    result = autohelper_cmd("--lang", lang, "next", input="n\n")
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(f"{said}\n"), result.stdout


def test_a_profile_missing_a_needed_field_stops_before_any_browser() -> None:
    assert autohelper_cmd("profile", "set", "curp=HEGG560427MVZRRL04").exit_code == 0
    result = autohelper_cmd("run", "imss-nss", "--against", "fixtures", "--profile", "default")
    assert result.exit_code == 1
    assert "no tiene email, postal_code, street, exterior_number; fíjalo con " in result.stderr
    assert "`autohelper profile set email=... postal_code=... street=..." in result.stderr
    assert not default_path().exists()  # no run began: nothing was journaled


def test_journal_repair_sets_the_damaged_journal_aside_and_says_where() -> None:
    path = default_path()
    path.parent.mkdir(parents=True)
    path.write_text("no es SQLite\n" * 100)
    result = autohelper_cmd("journal", "repair")
    assert result.exit_code == 0, result.output
    [old] = path.parent.glob("journal.sqlite3.old-*")
    assert result.stdout == (
        f"Aparté el diario anterior en {old} (no se borró nada) y empecé uno nuevo en {path}.\n"
    )
    assert old.read_text() == "no es SQLite\n" * 100
    assert Journal(path).runs() == []
    again = autohelper_cmd("journal", "repair")
    assert again.stdout == f"El diario {path} está bien: no hay nada que reparar.\n"
    assert len(list(path.parent.iterdir())) == 2


@pytest.mark.parametrize(
    ("institution", "field", "says"),
    [
        (
            "escolar",
            "nss=67905612346",
            [
                "No necesitas «Tu Número de Seguridad Social (NSS)»: tu perfil ya tiene tu NSS.",
                "Lo que sigue: Entregar tu NSS en Servicios Escolares. Lleva tu NSS impreso al "
                "Depto. de Servicios Escolares para que registren tu alta del Seguro Facultativo.",
                "Si de todos modos quieres hacerlo: autohelper run imss-nss --again",
            ],
        ),
        (
            "itson",
            "nss=67905612346",
            [
                "No necesitas «Tu Número de Seguridad Social (NSS)»: tu perfil ya tiene tu NSS.",
                "Lo que sigue: Solicitud del Seguro Facultativo en el CIA. Entra al CIA con tu ID "
                "y contraseña: Autoservicio > Seguro Facultativo > Solicitud Seguro; llénala y "
                "guárdala.",
                "  autohelper run itson-solicitud",
                "Si de todos modos quieres hacerlo: autohelper run imss-nss --again",
            ],
        ),
    ],
)
def test_run_says_when_the_profile_makes_the_step_unneeded_and_what_to_do_instead(
    institution: str, field: str, says: list[str]
) -> None:
    from autohelper.profile import update_profile

    update_profile(
        "default",
        {
            "curp": FIXTURE_CURP,
            "email": FIXTURE_EMAIL,
            "institution": institution,
            "has_other_insurance": "false",
            **dict([field.split("=")]),
        },
    )
    result = autohelper_cmd("run", "imss-nss")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == says
    assert not default_path().exists()  # nothing ran


@pytest.mark.browser
def test_doctor_launches_the_browser_and_says_when_it_is_not_a_chromium_playwright_drives(
    tmp_path: Path,
) -> None:
    result = autohelper_cmd("doctor")
    assert re.search(r"✔ Lo abrí oculto y Playwright lo controla: Chromium \d+\.", result.stdout)
    not_a_browser = tmp_path / "chromium"
    not_a_browser.write_text("#!/bin/sh\necho 'Chromium 999'\n")
    not_a_browser.chmod(0o700)
    result = autohelper_cmd("doctor", "--browser", str(not_a_browser))
    assert result.exit_code == 1
    assert (
        f"✘ Lo intenté abrir oculto y Playwright no pudo controlarlo: {not_a_browser} no es un "
        "Chromium que Playwright maneje" in result.stdout
    )
    assert "Traceback" not in result.output and "Error" not in result.output


def test_help_loads_none_of_the_heavy_machinery() -> None:
    """`--help` (and so every command's start) imports no browser, YAML, PDF, calendar or
    validation library: each costs start-up time, and only the commands that use one load it."""
    probe = (
        "import sys, autohelper.cli; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('playwright', 'yaml', 'stdnum', 'pypdf', 'fpdf', 'holidays', 'icalendar', 'cssselect')"
        " or m in ('autohelper.profile', 'autohelper.validation', 'importlib.metadata')))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_help_loads_no_command_module_and_no_message_table_it_does_not_show() -> None:
    """`--help` lists every command from the catalogue: the commands' modules, and the message
    tables of what it does not show, are loaded only by the command that uses them."""
    probe = (
        "import sys, io, contextlib, autohelper.cli as c; sys.argv = ['autohelper', '--help']\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    try: c.main()\n"
        "    except SystemExit: pass\n"
        "assert 'status' in out.getvalue()\n"
        "print(sorted(m for m in sys.modules if m.startswith(('autohelper.cli.', "
        "'autohelper.messages.')) or m in ('platformdirs', 'tempfile')))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == str(
        [
            "autohelper.cli.errors",
            "autohelper.cli.localized",
            "autohelper.cli.paths",
            "autohelper.messages.clickwords",
            "autohelper.messages.commands",
            "autohelper.messages.core",
        ]
    )


def test_every_command_of_the_command_modules_is_registered_under_its_name() -> None:
    from autohelper.cli import documents, journal, profile, qa, status

    modules = (documents, journal, profile, qa, status)
    named = {command.name for module in modules for command in module.COMMANDS}
    cli = autohelper.cli.cli
    assert named == set(cli.lazy)
    for name in named:
        command = cli.get_command(click.Context(cli), name)
        assert command is not None and command.name == name


@pytest.mark.parametrize(
    ("typed", "meant"), [("stauts", "status"), ("qaa", "qa"), ("scenario", "scenarios")]
)
def test_a_mistyped_command_is_answered_with_the_one_meant_loaded_yet_or_not(
    typed: str, meant: str
) -> None:
    result = python_m_autohelper(typed)
    assert result.returncode == 2
    assert f"Error: No existe el comando '{typed}'. ¿Quisiste decir '{meant}'?" in result.stderr


def test_a_message_prefix_of_the_first_tables_is_in_no_later_table() -> None:
    import importlib

    for name in messages.LATER_TABLES:
        table = importlib.import_module(f"autohelper.messages.{name}").MESSAGES
        assert not [key for key in table if key.startswith(messages.FIRST_ONLY)], name


# -- the vigencia and clinic flows (QA profile: the student with an NSS) ------------------------
WITH_NSS = ROOT / "fixtures" / "profiles" / "student-with-nss.yaml"


@pytest.mark.browser
def test_qa_vigencia_reads_the_verdict_from_the_downloaded_pdf_and_keeps_no_copy() -> None:
    result = autohelper_cmd("qa", "imss-vigencia", "--single", "--against", "fixtures")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "Paso 14/15: Descargar tu constancia de vigencia (PDF)" in lines
    assert "Veredicto: vigente" in lines and "Modalidad: 32" in lines
    assert "Con derecho al servicio médico: sí" in lines
    run, _, submits = _only_run()
    assert (run.scenario, run.status, run.yields["verdict"]) == (
        "imss-vigencia",
        "success",
        "vigente",
    )
    assert [s["description"] for s in submits] == [
        "Enviar tu consulta al IMSS (el «Continuar» de la confirmación)"
    ]
    # The student with an NSS (the scenario's qa_profile), masked in what is kept.
    assert "NSS: 09…56" in submits[0]["summary"]
    assert not NSS_RE.search(json.dumps(journal_dump()))
    # The downloaded constancia was read, then deleted: QA keeps documents only in --artifacts.
    assert not list(Path(os.environ["XDG_CACHE_HOME"]).rglob("*.pdf"))


@pytest.mark.browser
def test_qa_umf_the_student_refusal_is_a_visit_with_one_send() -> None:
    result = autohelper_cmd("qa", "imss-umf", "--single", "--against", "fixtures")
    assert result.exit_code == 0, result.output  # not an error: the step is done in person
    assert "se hace en persona, y no es un error" in result.stdout
    run, _, submits = _only_run()
    assert (run.scenario, run.status) == ("imss-umf", "in_person")
    assert len(submits) == 1


@pytest.mark.browser
def test_after_a_students_run_status_says_what_comes_next(
    portal: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run against a mirror counts for status like a live one: after the vigencia, the
    procedure's next step (the clinic), its command, and `autohelper next`."""
    own = tmp_path / "ana.yaml"
    own.write_bytes(WITH_NSS.read_bytes())
    own.chmod(0o600)
    monkeypatch.chdir(tmp_path)
    month_ago = (datetime.date.today() - datetime.timedelta(days=30)).isoformat()
    assert (
        autohelper_cmd("done", "solicitud", "--on", month_ago, "--profile", str(own)).exit_code == 0
    )
    result = autohelper_cmd(
        "run", "imss-vigencia", "--against", portal.url, "--profile", str(own), "--headless"
    )
    assert result.exit_code == 0, result.output
    # Nobody at the keyboard: the mirror's oracle answers, not "the mock portal".
    assert result.stdout.startswith("Corrida sin nadie en el teclado: el CAPTCHA y la confirmación")
    after = result.stdout.split("Después: date de alta en tu clínica (UMF)")[1].splitlines()
    assert after[after.index("Lo que sigue: Alta en tu clínica (UMF)") + 2 :] == [
        f"  Comando: autohelper run imss-umf --profile {own}",
        f"  autohelper next --profile {own} lo inicia; autohelper status --profile {own} "
        "muestra todo tu trámite.",
    ]
    # Nobody at the keyboard to ask: the constancia is not copied, and the run's own is gone.
    assert not list(tmp_path.rglob("*.pdf"))


def test_a_downloaded_document_is_copied_only_when_the_student_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from autohelper import human, privacy
    from autohelper.cli import _offer_documents
    from autohelper.engine.events import Document, RunResult

    nss = "09139253356"
    privacy.ACTIVE.add(nss, "nss")
    monkeypatch.chdir(tmp_path)
    kept = tmp_path / "run" / "x-constancia.pdf"
    kept.parent.mkdir()
    answers = iter([True, False])
    monkeypatch.setattr(human, "ask_yes_no", lambda question, default=False: next(answers))

    class Outcome:
        result = RunResult("success")

    for answer in (True, False):
        kept.write_bytes(b"%PDF-1.4 constancia")
        Outcome.result.documents = {
            "constancia": Document(kept, f"comprobanteVigenciaDerechos{nss}.pdf")
        }
        shown = CliRunner().invoke(
            click.Command("x", callback=lambda: _offer_documents(Outcome, True))
        )
        assert not kept.exists()  # the run's own copy is gone either way
        if answer:
            assert (
                shown.output == f"Copia guardada: {tmp_path}/comprobanteVigenciaDerechos09…56.pdf\n"
            )
    copies = list(tmp_path.glob("comprobante*.pdf"))
    assert [c.name for c in copies] == [f"comprobanteVigenciaDerechos{nss}.pdf"]
    assert stat.S_IMODE(copies[0].stat().st_mode) == 0o600


def test_a_documents_name_holding_an_nss_the_profile_lacks_is_masked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The NSS path's documents carry the new NSS, which no profile holds yet."""
    from autohelper import human
    from autohelper.cli import _offer_documents
    from autohelper.engine.events import Document, RunResult

    monkeypatch.chdir(tmp_path)
    run_copy = tmp_path / "run" / "x-tarjeta.pdf"
    run_copy.parent.mkdir()
    run_copy.write_bytes(b"%PDF-1.4 tarjeta")
    monkeypatch.setattr(human, "ask_yes_no", lambda question, default=False: True)

    class Outcome:
        result = RunResult("success")

    Outcome.result.documents = {"tarjeta": Document(run_copy, "tarjetaNSS-0418-56-1234-4.pdf")}
    shown = CliRunner().invoke(click.Command("x", callback=lambda: _offer_documents(Outcome, True)))
    assert shown.output == f"Copia guardada: {tmp_path}/tarjetaNSS-04…44.pdf\n", shown.output
    assert (tmp_path / "tarjetaNSS-0418-56-1234-4.pdf").is_file()  # the file keeps its name

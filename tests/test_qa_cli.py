"""`autohelper qa` over the cases, `autohelper check`, and both through remote browsers, as QA
uses them: exit codes, the lines shown, the JUnit file parsed, the HTML report opened in a real
Chromium. Browser-driving tests are marked `browser`; each starts its own mocks and browsers
(one per worker), as the command does.

The commands run in-process, on the CLI thread (`support.CliThread`): Playwright's sync API
cannot start a second time on the thread whose pytest-playwright browser is up, and that
thread keeps one driver for every command."""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page
from support import step_count
from test_cli import ROOT, autohelper_cmd
from test_front import ForeignMirror

from autohelper.browser import find_browser
from autohelper.mock import MockPortal
from autohelper.mock.config import MockConfig
from autohelper.qa.cases import case_files, load_cases

TWO = """\
scenario: imss-nss
cases:
  - id: found
    mock: {imss.nss_found: true}
    expect: {success: {yields: [nss]}}
  - id: drift
    mock: {drift: true}
    timeout: 2
    expect: {portal_changed: {step: form}}
"""
ONE_WRONG = """\
scenario: imss-nss
cases:
  - id: found
    mock: {imss.nss_found: true}
    expect: success
  - id: firewall-expected-as-success
    mock: {firewall: true}
    expect: success
"""

NSS_STEPS = step_count("imss-nss")
# Two cases run no faster on two workers (each a process to start) than on this process's
# one: the runs that are not about workers say so, and cost the suite what they did.
SMALL_SET = ("--workers", "1")


def cases_folder(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "qa"
    folder.mkdir(exist_ok=True)
    (folder / "cases.yaml").write_text(text, encoding="utf-8")
    return folder


def visible_rows(page: Page) -> list[str]:
    """The test ids of the results table's rows a person sees."""
    rows = page.locator("tbody.results-table-row").filter(visible=True)
    return [text.strip() for text in rows.locator("td.col-testId").all_inner_texts()]


# -- usage mistakes, before any browser -----------------------------------------------------------
def test_one_run_options_do_not_mix_with_cases() -> None:
    result = autohelper_cmd(
        "qa", "imss-nss", "--against", "fixtures", "--mock", "drift=true", "--workers", "2"
    )
    assert result.exit_code == 2  # options that do not go together: a usage error
    assert result.stderr.startswith("Uso: autohelper qa [OPCIONES] [ESCENARIO]...\n")
    assert (
        "Error: --single, --mock, --decline y --timeout son para una sola corrida de un escenario"
        in result.stderr
    )


def test_an_empty_cases_path_is_a_usage_error_not_the_whole_current_folder() -> None:
    """`--cases ""` read every YAML file under the current folder (182 problems of files that
    are no cases)."""
    for lang, said in (
        ("es", "la ruta está vacía: indica un archivo o una carpeta de casos (. para la actual)"),
        ("en", "the path is empty: name a case file or folder (. for the current one)"),
    ):
        result = autohelper_cmd("--lang", lang, "qa", "--cases", "")
        assert result.exit_code == 2, result.output
        assert result.stderr.rstrip().endswith(said), result.stderr


@pytest.mark.parametrize("one_run", [["--single"], ["--mock", "drift=true"], ["--decline"]])
def test_one_run_without_a_scenario_is_asked_to_name_one(one_run: list[str]) -> None:
    result = autohelper_cmd("qa", *one_run)
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Error: --single, --mock, --decline y --timeout son para una corrida de un escenario: "
        "di cuál (por ejemplo: autohelper qa imss-nss --single). Los disponibles: "
        "autohelper scenarios list.\n"
    )


@pytest.mark.parametrize(
    ("value", "lang", "said"),
    [
        (
            "0/2",
            "es",
            "Valor no válido para '--shard': se espera i/n con 1 ≤ i ≤ n (p. ej. 2/3); "
            "recibí «0/2».",
        ),
        (
            "3/2",
            "es",
            "Valor no válido para '--shard': se espera i/n con 1 ≤ i ≤ n (p. ej. 2/3); "
            "recibí «3/2».",
        ),
        (
            "x",
            "en",
            "Invalid value for '--shard': expected i/n with 1 ≤ i ≤ n (e.g. 2/3); got “x”.",
        ),
    ],
)
def test_a_bad_shard_is_a_usage_error_before_any_browser(value: str, lang: str, said: str) -> None:
    """Like a bad --workers or --timeout: exit 2, the usage block, the option and the value."""
    result = autohelper_cmd(
        "--lang", lang, "qa", "--all", "--cases", "/nonexistent", "--shard", value
    )
    assert result.exit_code == 2, result.output
    usage = "Uso: autohelper qa [OPCIONES]" if lang == "es" else "Usage: autohelper qa [OPTIONS]"
    assert result.stderr.startswith(usage)
    assert result.stderr.endswith(f"Error: {said}\n")
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("lang", "said", "run_said"),
    [
        ("es", "sin él, el de prueba que nombra el escenario", "por omisión, el tuyo"),
        ("en", "without one, the synthetic profile the scenario names", "by default, yours"),
    ],
)
def test_qa_help_says_its_profile_is_the_synthetic_one_on_a_mirror_too(
    lang: str, said: str, run_said: str
) -> None:
    """`qa` uses the scenario's synthetic profile against the mock and a mirror alike (only
    `run` uses the person's own by default)."""
    shown = " ".join(autohelper_cmd("--lang", lang, "qa", "--help").stdout.split())
    profile = shown.partition("--profile")[2].partition("--single")[0]
    assert said in profile and "fixtures/profiles/" in profile
    assert run_said not in profile
    run_help = " ".join(autohelper_cmd("--lang", lang, "run", "--help").stdout.split())
    assert run_said in run_help  # the shared entry, still `run`'s
    from autohelper.qa.suite import MAX_DEFAULT_WORKERS

    most = ("hasta " if lang == "es" else "at most ") + f"{MAX_DEFAULT_WORKERS})"
    assert most in shown.partition("--workers")[2]  # the help says the cap the code has


def test_bad_case_files_are_reported_at_their_lines_before_any_browser(tmp_path: Path) -> None:
    folder = cases_folder(tmp_path, "scenario: imss-nss\ncases:\n  - {id: a, expect: sucess}\n")
    result = autohelper_cmd("qa", "--all", "--against", "fixtures", "--cases", str(folder))
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: 1 problema(s) en los casos de QA:\n"
        f"{folder / 'cases.yaml'}:3:21: comportamiento esperado desconocido 'sucess' "
        "(¿quisiste decir 'success'?)\n"
    )


def test_a_scenario_without_cases_is_named() -> None:
    result = autohelper_cmd("qa", "imss-nss", "--against", "fixtures", "--cases", "/nonexistent")
    assert result.exit_code == 1
    assert result.stderr == "Error: No existe el archivo o carpeta de casos «/nonexistent».\n"


def test_check_refuses_mock_settings_for_a_mirror() -> None:
    result = autohelper_cmd(
        "check", "imss-nss", "--against", "http://127.0.0.1:9", "--mock", "drift=true"
    )
    assert result.exit_code == 2  # could not check (1 would read as «the portal changed»)
    assert "--mock cambia el simulado incluido" in result.stderr


# -- a set of cases in two files, on two workers -------------------------------------------------
# The bundled set itself runs in the suite as pytest items (`fixtures/qa` is in testpaths):
# here, the same machinery on a small set, so the reports can be checked case by case.
OTHER_SCENARIO = """\
scenario: imss-umf
cases:
  - id: refusal-in-person
    expect: in_person
"""


@pytest.mark.browser
def test_qa_all_on_two_workers_writes_junit_and_html(tmp_path: Path, page: Page) -> None:
    folder = cases_folder(tmp_path, TWO)
    (folder / "umf.yaml").write_text(OTHER_SCENARIO, encoding="utf-8")
    wanted = sorted(case.name for case in load_cases(case_files([folder])))
    assert len(wanted) == 3
    junit, report = tmp_path / "out.xml", tmp_path / "out.html"
    result = autohelper_cmd(
        "qa",
        "--all",
        "--against",
        "fixtures",
        "--cases",
        str(folder),
        "--workers",
        "2",
        "--junit",
        str(junit),
        "--html",
        str(report),
        "--artifacts",
        str(tmp_path / "evidence"),
    )
    assert result.exit_code == 0, result.output
    assert "3 caso(s): 3 como se esperaba, 0 no, 0 omitido(s)." in result.stdout
    for line in ("✔ imss-nss/found: ", "✔ imss-nss/drift: ", "✔ imss-umf/refusal-in-person: "):
        assert re.search(rf"^{re.escape(line)}", result.stdout, re.M), line
    testcases = list(ET.parse(junit).iter("testcase"))
    assert sorted(tc.get("name", "") for tc in testcases) == wanted
    assert all(tc.find("failure") is None for tc in testcases)
    # Passing cases keep nothing, and no report names evidence: the drift case's screenshot
    # of the stop went with its folder (its JUnit properties named it all the same).
    for testcase in testcases:
        names = {prop.get("name") for prop in testcase.iter("property")}
        assert names == {"expected", "observed"}, (testcase.get("name"), names)
    assert ".png" not in report.read_text(encoding="utf-8")
    page.goto(report.as_uri())
    listed = visible_rows(page)
    assert sorted(row.rpartition("::")[2] for row in listed) == wanted
    assert not list((tmp_path / "evidence").rglob("*.png"))  # passing cases keep nothing


@pytest.mark.browser
def test_the_html_report_filters_failures_and_shows_their_screenshots(
    tmp_path: Path, page: Page
) -> None:
    report = tmp_path / "out.html"
    result = autohelper_cmd(
        "qa",
        "--all",
        "--against",
        "fixtures",
        "--cases",
        str(cases_folder(tmp_path, ONE_WRONG)),
        *SMALL_SET,
        "--html",
        str(report),
        "--artifacts",
        str(tmp_path / "evidence"),
    )
    assert result.exit_code == 1, result.output
    assert "✘ imss-nss/firewall-expected-as-success: no se comportó como se esperaba" in (
        result.stdout
    )
    assert (
        f"    Paso 1/{NSS_STEPS} «Abrir la página del trámite IMSS-02-008 en imss.gob.mx» · URL "
        "https://www.imss.gob.mx/tramites/imss02008\n    Se esperaba: éxito\n"
    ) in result.stdout
    assert "1 caso(s)" not in result.stdout and "2 caso(s): 1 como se esperaba, 1 no" in (
        result.stdout
    )
    page.goto(report.as_uri())
    assert sorted(visible_rows(page)) == [
        "qa/cases.yaml::firewall-expected-as-success",
        "qa/cases.yaml::found",
    ]
    headers = page.locator("#results-table-head th").all_inner_texts()
    assert "Esperado" in headers and "Obtenido" in headers
    # The failures only: untick "passed".
    page.locator("input.filter[data-test-result=passed]").uncheck()
    assert visible_rows(page) == ["qa/cases.yaml::firewall-expected-as-success"]
    failed = page.locator("tbody.results-table-row.failed")
    shot = failed.locator("img[src^='data:image/png;base64,']").first
    shot.wait_for(state="attached")
    assert shot.evaluate("img => img.complete && img.naturalWidth > 0")
    assert f"Paso 1/{NSS_STEPS}" in failed.locator(".qa-headline").inner_text()


# -- how many workers ----------------------------------------------------------------------------
ON_A_MIRROR_ONLY = """\
  - id: mirror-only
    against: mirror
    expect: success
"""


def test_by_default_qa_runs_a_worker_per_cpu_never_more_than_its_cases(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No browser: the pytest run is replaced by one that only keeps its command line."""
    from autohelper.qa import suite
    from autohelper.qa.shard import in_shard

    if suite.available_cpus() >= 2:  # this machine's own default: parallel
        assert suite.default_workers(141) >= 2
    assert suite.default_workers(141, cpus=2) == 2
    assert suite.default_workers(141, cpus=64) == suite.MAX_DEFAULT_WORKERS
    assert suite.default_workers(1, cpus=8) == suite.default_workers(0, cpus=8) == 1
    runs: list[list[str]] = []
    monkeypatch.setattr("pytest.main", lambda args: runs.append(args) or 0)
    folder = cases_folder(tmp_path, TWO + ON_A_MIRROR_ONLY)  # skipped on fixtures: no worker
    (folder / "umf.yaml").write_text(OTHER_SCENARIO, encoding="utf-8")
    args = ["qa", "--cases", str(folder), "--artifacts", str(tmp_path / "evidence")]

    def workers(*more: str, cpus: int = 2) -> str:
        monkeypatch.setattr(suite, "available_cpus", lambda: cpus)
        result = autohelper_cmd(*args, *more)
        assert result.exit_code == 0, result.output
        return next(arg for arg in runs[-1] if arg.startswith("--numprocesses="))

    assert workers() == "--numprocesses=2" and "--dist=worksteal" in runs[-1]
    assert workers(cpus=16) == "--numprocesses=3"  # the three cases that run on the mock
    assert workers(cpus=1) == "--numprocesses=0"  # one worker: this process
    assert workers("--workers", "1", cpus=16) == "--numprocesses=0"
    ids = ["imss-nss/found", "imss-nss/drift", "imss-umf/refusal-in-person"]
    in_first = sum(in_shard(case_id, (1, 3)) for case_id in ids)
    expected = in_first if in_first > 1 else 0
    assert workers("--shard", "1/3", cpus=16) == f"--numprocesses={expected}"


# -- check ---------------------------------------------------------------------------------------
@pytest.fixture
def mirror() -> Iterator[MockPortal]:
    """The bundled mock as a mirror at its own URL (not through `--against fixtures`)."""
    with MockPortal() as portal:
        yield portal


@pytest.mark.browser
def test_check_is_quiet_on_a_faithful_mirror(mirror: MockPortal) -> None:
    result = autohelper_cmd("check", "imss-nss", "--against", mirror.url)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "imss-nss (contra el espejo):"
    assert result.stdout.splitlines()[-1] == ("  Sin cambios: el portal coincide con el escenario.")
    # Read-only: nothing was sent to the mirror.
    assert not mirror.posts("")


@pytest.mark.browser
def test_check_looks_at_the_form_in_the_tab_the_links_opened() -> None:
    """gob.mx's links may open their pages in a new tab (PORTALS.md does not say): the run
    follows them, and so does the drift walk, which looks for the form's fields there."""
    mock = ("--mock", "imss.new_tabs=true")
    result = autohelper_cmd("check", "imss-nss", "--against", "fixtures", *mock)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == ("  Sin cambios: el portal coincide con el escenario.")


@pytest.mark.browser
def test_check_is_quiet_on_a_mirror_in_another_style(portal: MockPortal) -> None:
    foreign = ForeignMirror(portal)
    try:
        result = autohelper_cmd("check", "imss-nss", "--against", foreign.url, "--json")
    finally:
        foreign.stop()
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["status"] == "ok"


@pytest.mark.browser
def test_check_names_the_curp_step_on_a_mirror_whose_curp_field_was_renamed() -> None:
    with MockPortal(MockConfig(drift=True)) as drifted:
        check = ["check", "imss-nss", "--against", drifted.url, "--timeout", "2"]
        text = autohelper_cmd(*check)
        as_json = autohelper_cmd("--lang", "en", *check, "--json")
        assert not drifted.posts("")
    assert text.exit_code == 1, text.output
    lines = text.stdout.splitlines()
    changed = lines.index("  ✘ 9. Escribir tu CURP — CAMBIÓ")
    assert lines[changed + 1 : changed + 4] == [
        "      no encontré css='#registroCurp'",
        "      página: https://serviciosdigitales.imss.gob.mx/gestionAsegurados-web-externo/"
        "asignacionNSS",
        "      la página ofrece en su lugar: «*CURP:» text#curpInput name=curp",
    ]
    assert lines[-1] == "  El portal cambió: el escenario necesita actualizarse."
    assert as_json.exit_code == 1
    document = json.loads(as_json.stdout)
    assert (document["status"], document["exit_code"]) == ("changed", 1)
    (walk,) = document["walks"]
    changed_steps = [step for step in walk["steps"] if step["status"] == "changed"]
    assert [(s["id"], s["description"], s["locator"]) for s in changed_steps] == [
        ("form", "Type your CURP", "css='#registroCurp'")
    ]
    assert all(step["status"] == "ok" for step in walk["steps"][:8])


@pytest.mark.browser
def test_check_against_an_unreachable_mirror_exits_2(tmp_path: Path) -> None:
    import socket

    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    result = autohelper_cmd(
        "check", "imss-nss", "--against", f"http://127.0.0.1:{port}", "--json", "--timeout", "2"
    )
    assert result.exit_code == 2, result.output
    document = json.loads(result.stdout)
    assert document["status"] == "unreachable"
    walk = document["walks"][0]
    assert walk["status"] == "unreachable"
    # Nothing answered: the walk says so before any browser, naming the address.
    assert walk["message"].startswith(f"No se pudo conectar con el espejo http://127.0.0.1:{port}")
    assert walk["steps"] == []


# -- remote browsers ----------------------------------------------------------------------------
def _first_match(stream: object, pattern: str) -> str:
    """The first match of `pattern` in the lines a child writes (read as they come)."""
    for line in iter(stream.readline, ""):  # type: ignore[attr-defined]
        found = re.search(pattern, line)
        if found:
            return found.group(0)
    raise AssertionError(f"no {pattern!r} in the child's output")


@pytest.fixture
def playwright_server() -> Iterator[str]:
    """A real `playwright run-server` on loopback, `--unsafe` so that the client may name the
    system Chromium (Playwright's own browsers cannot be downloaded here)."""
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "playwright",
            "run-server",
            "--port",
            "0",
            "--host",
            "127.0.0.1",
            "--unsafe",
        ],
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        yield _first_match(child.stdout, r"ws://127\.0\.0\.1:\d+/\S*")
    finally:
        # The server and its driver, started here. The launcher dies of SIGTERM at once; the
        # driver (Node.js, in the same group) may outlive it when a client left a connection.
        os.killpg(child.pid, signal.SIGTERM)
        child.wait(timeout=30)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, signal.SIGKILL)


@pytest.fixture
def devtools_chromium(tmp_path: Path) -> Iterator[str]:
    """A real Chromium (the headless shell when installed, as for any hidden run against a
    mock) started with `--remote-debugging-port=0`; its endpoint from stderr."""
    path = find_browser(shell=True).path
    assert path
    child = subprocess.Popen(
        [
            path,
            "--headless",
            "--no-sandbox",
            "--remote-debugging-port=0",
            "--remote-debugging-address=127.0.0.1",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--no-first-run",
            "about:blank",
        ],
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        yield _first_match(child.stderr, r"ws://127\.0\.0\.1:\d+/devtools/browser/\S+")
    finally:
        os.killpg(child.pid, signal.SIGTERM)
        child.wait(timeout=30)


@pytest.mark.browser
def test_qa_and_run_through_a_playwright_server(tmp_path: Path, playwright_server: str) -> None:
    chromium = find_browser(shell=True).path
    assert chromium
    remote = ["--connect", playwright_server, "--browser", chromium]
    result = autohelper_cmd(
        "qa",
        "--all",
        "--against",
        "fixtures",
        "--cases",
        str(cases_folder(tmp_path, TWO)),
        *("--artifacts", str(tmp_path / "evidence")),  # not the shared default, under -n
        *SMALL_SET,
        *remote,
    )
    assert result.exit_code == 0, result.output
    assert "2 caso(s): 2 como se esperaba, 0 no, 0 omitido(s)." in result.stdout
    demo = autohelper_cmd(
        "run",
        "imss-nss",
        "--against",
        "fixtures",
        "--mock",
        "nss_found=true",
        "--headless",
        *remote,
        input="",
    )
    assert demo.exit_code == 0, demo.output
    assert "Listo. Tu NSS aparece en la página" in demo.stdout


@pytest.mark.browser
def test_qa_and_check_through_a_devtools_endpoint(tmp_path: Path, devtools_chromium: str) -> None:
    result = autohelper_cmd(
        "qa",
        "--all",
        "--against",
        "fixtures",
        "--cases",
        str(cases_folder(tmp_path, TWO)),
        *("--artifacts", str(tmp_path / "evidence")),
        *SMALL_SET,
        "--cdp",
        devtools_chromium,
    )
    assert result.exit_code == 0, result.output
    assert "✔ imss-nss/drift: el portal cambió en el paso 9. «Escribir tu CURP»" in result.stdout
    walk = autohelper_cmd("check", "imss-nss", "--against", "fixtures", "--cdp", devtools_chromium)
    assert walk.exit_code == 0, walk.output


# -- privacy -------------------------------------------------------------------------------------
CURP, EMAIL = "HEGG560427MVZRRL04", "estudiante.prueba@example.com"
ON_A_MIRROR = """\
scenario: imss-nss
cases:
  - id: expired-link-expected-to-pass
    description: The mirror's emailed links have expired; the case wrongly expects a success
    against: mirror
    expect: success
"""


@pytest.mark.browser
def test_reports_of_a_mirror_run_with_a_real_profile_are_masked(tmp_path: Path) -> None:
    """A profile that is not the synthetic one: its CURP and email appear in the mirror's URLs
    (the emailed link carries both), yet no report, log or evidence file shows them."""
    profile = tmp_path / "real.yaml"
    profile.write_text((ROOT / "fixtures/profiles/student.yaml").read_text(), encoding="utf-8")
    profile.chmod(0o600)
    junit, report, evidence = tmp_path / "out.xml", tmp_path / "out.html", tmp_path / "evidence"
    with MockPortal(MockConfig().changed({"imss.token_expired": True})) as mirror:
        result = autohelper_cmd(
            "qa",
            "--all",
            "--against",
            mirror.url,
            "--profile",
            str(profile),
            "--cases",
            str(cases_folder(tmp_path, ON_A_MIRROR)),
            "--junit",
            str(junit),
            "--html",
            str(report),
            "--artifacts",
            str(evidence),
        )
        assert any("confirmacionUrl" in r["path"] for r in mirror.requests)
    assert result.exit_code == 1, result.output
    assert "Token expirado" in result.stdout  # the failure is told...
    folder = evidence / "imss-nss" / "expired-link-expected-to-pass"
    kept = sorted(path.name for path in folder.iterdir())
    assert "trace.zip" not in kept  # a trace holds every page as it was: never for a real one
    assert "requests.json" in kept and "case.json" in kept
    texts = {
        "stdout": result.stdout,
        "junit": junit.read_text(encoding="utf-8"),
        "html": report.read_text(encoding="utf-8"),
        **{name: (folder / name).read_text(encoding="utf-8") for name in kept if ".json" in name},
    }
    assert "confirmacionUrl" in texts["requests.json"]
    for name, text in texts.items():
        for raw in (CURP, EMAIL, EMAIL.replace("@", "%40")):
            assert raw.lower() not in text.lower(), (name, raw)  # ...masked everywhere
    assert "HEGG…L04" in texts["requests.json"]


def test_a_browser_that_is_not_there_is_said_once_before_any_case(tmp_path: Path) -> None:
    missing = tmp_path / "no-chromium"
    result = autohelper_cmd("qa", "imss-nss", "--against", "fixtures", "--browser", str(missing))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: El navegador indicado en --browser no existe o no es ejecutable: {missing}\n"
    )
    assert result.stdout == ""  # no case ran, none failed 27 times over

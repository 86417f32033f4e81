"""The pytest plugin, as QA uses it: `pytest fixtures/qa` lists every case by its id, `-k`,
markers and `--qa-shard` select, `-n 2` runs them on two workers, and the JUnit file has one
testcase per case with the failure's step, locator and URL first and the evidence's paths. Also
`merge-junit`, which puts the shards' files back together."""

from __future__ import annotations

import stat
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from support import step_count
from test_cli import autohelper_cmd

from autohelper.messages import t
from autohelper.qa.cases import Case, case_files, cases_dir, load_cases
from autohelper.qa.junit import merge
from autohelper.qa.plugin import FrontReporter, in_shard, short_message
from autohelper.qa.record import CaseReport

ROOT = Path(__file__).resolve().parents[1]
# Every bundled case as `pytest --collect-only -q` names it, in collection order.
BUNDLED = [
    f"fixtures/qa/{path.name}::{case.name}"
    for path in case_files([cases_dir()])
    for case in load_cases([path])
]
TAGGED = {
    f"fixtures/qa/{Path(case.pos.file).name}::{case.name}": case.tags
    for case in load_cases(case_files([cases_dir()]))
}
# Each collected item's case id (what a shard's split is a hash of).
CASE_IDS = {
    f"fixtures/qa/{Path(case.pos.file).name}::{case.name}": case.id
    for case in load_cases(case_files([cases_dir()]))
}

NSS_STEPS = step_count("imss-nss")


def pytest_run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """`python -m pytest ARGS` with the plugin as installed (its pytest11 entry point); without
    Hypothesis's plugin, which the cases do not use and which takes most of a second to import
    in each process."""
    quiet = ["-p", "no:cacheprovider", "-p", "no:hypothesispytest", "-c", "/dev/null"]
    return subprocess.run(
        [sys.executable, "-m", "pytest", *quiet, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=600,
    )


_COLLECTED: dict[tuple[str, ...], list[str]] = {}


def pytest_inprocess(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    """`pytest ARGS` in this process (pytester's run: a session of its own, its output kept),
    with the plugin as installed: the run loads the pytest11 entry points as a child would."""
    quiet = ["-p", "no:cacheprovider", "-p", "no:hypothesispytest", "-c", "/dev/null"]
    return pytester.runpytest_inprocess(*quiet, *args)


def bundled(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    """`pytest fixtures/qa --collect-only ARGS` (the bundled cases), in this process."""
    return pytest_inprocess(
        pytester, "--rootdir", str(ROOT), str(ROOT / "fixtures" / "qa"), "--collect-only", *args
    )


def collected(pytester: pytest.Pytester, *args: str) -> list[str]:
    """The item ids `pytest --collect-only -q` lists for the bundled cases (once per set of
    arguments: several tests ask for the same list)."""
    if args not in _COLLECTED:
        run = bundled(pytester, "-q", *args)
        assert run.ret == 0, run.outlines + run.errlines
        _COLLECTED[args] = [line for line in run.outlines if "::" in line]
    return _COLLECTED[args]


def test_collect_only_lists_every_case_by_its_id(pytester: pytest.Pytester) -> None:
    assert collected(pytester) == BUNDLED
    assert {item.partition("::")[0] for item in BUNDLED} == {
        "fixtures/qa/imss-nss.yaml",
        "fixtures/qa/imss-umf.yaml",
        "fixtures/qa/imss-vigencia.yaml",
        "fixtures/qa/itson-solicitud.yaml",
    }


def test_markers_and_keywords_select_cases(pytester: pytest.Pytester) -> None:
    drift = collected(pytester, "-m", "drift")
    assert drift == [item for item in BUNDLED if "drift" in TAGGED[item]]
    assert "fixtures/qa/imss-nss.yaml::drift-form" in drift
    assert collected(pytester, "-m", "drift", "-k", "itson") == [
        "fixtures/qa/itson-solicitud.yaml::drift-menu-leaf"
    ]
    assert collected(pytester, "-k", "captcha and imss-nss") == [
        "fixtures/qa/imss-nss.yaml::wrong-captcha-once",
        "fixtures/qa/imss-nss.yaml::wrong-captcha-always",
        "fixtures/qa/imss-nss.yaml::welcome-again-after-wrong-captcha",
        "fixtures/qa/imss-nss.yaml::welcome-again-over-the-form-after-wrong-captcha",
        "fixtures/qa/imss-nss.yaml::welcome-again-late-after-wrong-captcha",
        "fixtures/qa/imss-nss.yaml::welcome-again-late-over-the-form-after-wrong-captcha",
    ]


def test_two_shards_run_every_case_exactly_once(pytester: pytest.Pytester) -> None:
    first = collected(pytester, "--qa-shard", "1/2")
    second = collected(pytester, "--qa-shard", "2/2")
    assert first and second
    assert not set(first) & set(second)
    assert sorted(first + second) == sorted(collected(pytester))
    # The same split on every machine: it depends on the case ids alone (a hash of each), so
    # this process, which collected nothing, tells the child's split from the ids.
    assert first == [item for item in collected(pytester) if in_shard(CASE_IDS[item], (1, 2))]


def test_a_bad_shard_is_a_usage_error(pytester: pytest.Pytester) -> None:
    run = bundled(pytester, "--qa-shard", "3/2")
    assert run.ret == 4
    assert "--qa-shard espera i/n" in run.stderr.str()


def test_a_bad_case_file_fails_collection_at_its_line(
    tmp_path: Path, pytester: pytest.Pytester
) -> None:
    bad = tmp_path / "qa" / "bad.yaml"
    bad.parent.mkdir()
    bad.write_text("scenario: imss-nss\ncases:\n  - {id: a, expect: sucess}\n", encoding="utf-8")
    run = pytest_inprocess(
        pytester, "--rootdir", str(tmp_path), str(bad), "--collect-only", "--qa-lang", "en"
    )
    stdout = run.stdout.str()
    assert run.ret == 2, stdout
    assert f"{bad}:3:21: unknown expected behaviour 'sucess' (did you mean 'success'?)" in stdout
    assert "Traceback" not in stdout


def test_a_case_file_named_on_the_command_line_is_collected_wherever_it_is(
    tmp_path: Path, pytester: pytest.Pytester
) -> None:
    """`autohelper qa --cases FOLDER` names each file it found to pytest: a folder of any name
    (not only `qa/`) and `.yml` files too. A folder pytest searches itself keeps the rule."""
    folder = tmp_path / "casos"
    folder.mkdir()
    (folder / "nss.yml").write_text(
        "scenario: imss-nss\ncases:\n  - {id: found, expect: success}\n", encoding="utf-8"
    )
    assert case_files([folder]) == [folder / "nss.yml"]
    named = pytest_inprocess(
        pytester, "--rootdir", str(tmp_path), str(folder / "nss.yml"), "--collect-only", "-q"
    )
    searched = pytest_inprocess(
        pytester, "--rootdir", str(tmp_path), str(folder), "--collect-only", "-q"
    )
    assert [line for line in named.outlines if "::" in line] == ["casos/nss.yml::found"]
    assert not [line for line in searched.outlines if "::" in line]


SMALL = """\
scenario: imss-nss
cases:
  - id: found
    mock: {imss.nss_found: true}
    expect: {success: {yields: [nss]}}
  - id: declined
    human: {confirm: false}
    expect: declined
  - id: drift-reported-elsewhere
    description: Expects the change at the email step; the tool reports it at the CURP step
    mock: {drift: true}
    timeout: 2
    expect:
      portal_changed: {step: Escribir tu correo electrónico}
"""


@pytest.mark.browser
def test_pytest_n_2_runs_the_cases_and_junit_tells_each_one(tmp_path: Path) -> None:
    cases = tmp_path / "qa" / "small.yaml"
    cases.parent.mkdir()
    cases.write_text(SMALL, encoding="utf-8")
    junit, artifacts = tmp_path / "out.xml", tmp_path / "evidence"
    proc = pytest_run(
        "--rootdir",
        str(tmp_path),
        str(cases),
        "-n",
        "2",
        f"--junitxml={junit}",
        "--qa-artifacts",
        str(artifacts),
        "--qa-lang",
        "es",
        cwd=tmp_path,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "2 workers" in proc.stdout  # xdist really ran two
    tree = ET.parse(junit)
    testcases = {case.get("name"): case for case in tree.iter("testcase")}
    assert sorted(testcases) == ["declined", "drift-reported-elsewhere", "found"]
    assert testcases["found"].find("failure") is None
    assert testcases["declined"].find("failure") is None
    failure = testcases["drift-reported-elsewhere"].find("failure")
    assert failure is not None
    message = failure.get("message", "")
    # What a person needs to act comes first: the step, the locator, the URL.
    assert message.startswith(
        f"Paso 9/{NSS_STEPS} «Escribir tu CURP» (form) · localizador css='#registroCurp' · URL "
        "https://serviciosdigitales.imss.gob.mx/gestionAsegurados-web-externo/asignacionNSS\n"
        "Se esperaba: el portal cambió en el paso 10. «Escribir tu correo electrónico»\n"
        "Se obtuvo:   el portal cambió en el paso 9. «Escribir tu CURP»\n"
    ), message
    properties = {
        prop.get("name"): prop.get("value")
        for prop in testcases["drift-reported-elsewhere"].iter("property")
    }
    folder = artifacts / "imss-nss" / "drift-reported-elsewhere"
    assert properties["trace"] == str(folder / "trace.zip")
    assert properties["requests"] == str(folder / "requests.json")
    for name in ("screenshot", "trace", "requests", "report"):
        assert Path(properties[name]).is_file(), name
        assert properties[name] in (failure.text or "")  # and in the failure's text
    assert Path(properties["screenshot"]).read_bytes().startswith(b"\x89PNG")
    # The report names the cases and their evidence: its owner's alone, like the evidence.
    assert stat.S_IMODE(junit.stat().st_mode) == 0o600
    # A passing case keeps nothing.
    assert not (artifacts / "imss-nss" / "found").exists()
    assert not (artifacts / "imss-nss" / "declined").exists()


def _junit(path: Path, suite: str, names: list[str], failed: int = 0) -> Path:
    cases = "".join(
        f'<testcase classname="qa.imss-nss.yaml" name="{name}" time="1.0">'
        + ("<failure message='x'>x</failure>" if i < failed else "")
        + "</testcase>"
        for i, name in enumerate(names)
    )
    path.write_text(
        f'<?xml version="1.0"?><testsuites><testsuite name="{suite}" tests="{len(names)}" '
        f'failures="{failed}" errors="0" skipped="0" time="{len(names)}.0">{cases}'
        "</testsuite></testsuites>",
        encoding="utf-8",
    )
    return path


def test_merge_junit_puts_the_shards_together(tmp_path: Path) -> None:
    one = _junit(tmp_path / "1.xml", "pytest", ["a", "b"], failed=1)
    two = _junit(tmp_path / "2.xml", "pytest", ["c"])
    out = tmp_path / "all.xml"
    result = autohelper_cmd("merge-junit", str(out), str(one), str(two))
    assert result.exit_code == 0, result.output
    assert result.stdout == (f"{out}: 3 caso(s), 1 fallido(s), 0 con error, 0 omitido(s).\n")
    root = ET.parse(out).getroot()
    assert (root.tag, root.get("tests"), root.get("failures")) == ("testsuites", "3", "1")
    assert [case.get("name") for case in root.iter("testcase")] == ["a", "b", "c"]


def test_merge_junit_refuses_a_case_two_shards_both_ran(tmp_path: Path) -> None:
    one = _junit(tmp_path / "1.xml", "pytest", ["a", "b"])
    two = _junit(tmp_path / "2.xml", "pytest", ["b"])
    with pytest.raises(Exception) as raised:
        merge([one, two], tmp_path / "all.xml")
    assert "qa.imss-nss.yaml::b" in str(raised.value)
    result = autohelper_cmd("merge-junit", str(tmp_path / "x.xml"), str(one), str(two))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: El caso qa.imss-nss.yaml::b aparece en ")


def test_the_merged_junit_is_private_even_over_an_older_file(tmp_path: Path) -> None:
    one = _junit(tmp_path / "1.xml", "pytest", ["a"])
    out = tmp_path / "all.xml"
    out.write_text('<?xml version="1.0"?><testsuites/>', encoding="utf-8")  # an older report
    out.chmod(0o644)
    assert autohelper_cmd("merge-junit", str(out), str(one)).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert ET.parse(out).getroot().get("tests") == "1"


@pytest.mark.parametrize(
    ("attributes", "message"),
    [
        ('tests="x"', 'suite «#1»: tests="x" no es un número entero de 0 o más.'),
        ('name="s" failures="-1"', 'suite «s»: failures="-1" no es un número entero de 0 o más.'),
        ('time="nan"', 'suite «#1»: time="nan" no es un número de segundos (0 o más).'),
    ],
)
def test_merge_junit_refuses_a_count_that_is_not_a_number(
    tmp_path: Path, attributes: str, message: str
) -> None:
    shard = tmp_path / "w.xml"
    shard.write_text(f"<testsuites><testsuite {attributes}/></testsuites>", encoding="utf-8")
    result = autohelper_cmd("merge-junit", str(tmp_path / "out.xml"), str(shard))
    assert result.exit_code == 1, result.output
    assert result.stderr == f"Error: El JUnit «{shard}», {message}\n"
    assert not (tmp_path / "out.xml").exists()


@pytest.mark.parametrize(
    ("text", "spanish", "english"),
    [
        (
            "<not xml",
            "línea 1, columna 1: el archivo se acaba con una etiqueta sin cerrar (¿está cortado?)",
            "line 1, column 1: the file ends inside a tag that is not closed (is it cut short?)",
        ),
        (
            "<testsuites>\n  <testsuite \x01/>",
            "línea 2, columna 14: hay un carácter que no puede ir ahí",
            "line 2, column 14: there is a character that cannot go there",
        ),
        (
            "",
            "línea 1, columna 1: el archivo está vacío o no tiene ningún elemento",
            "line 1, column 1: the file is empty or holds no element",
        ),
    ],
)
def test_merge_junit_names_the_place_of_malformed_xml_in_the_persons_language(
    tmp_path: Path, text: str, spanish: str, english: str
) -> None:
    shard = tmp_path / "w.xml"
    shard.write_text(text, encoding="utf-8")
    result = autohelper_cmd("merge-junit", str(tmp_path / "out.xml"), str(shard))
    assert result.exit_code == 1, result.output
    assert result.stderr == f"Error: El JUnit «{shard}» no es XML válido en la {spanish}.\n"
    result = autohelper_cmd("--lang", "en", "merge-junit", str(tmp_path / "out.xml"), str(shard))
    assert result.exit_code == 1, result.output
    assert result.stderr == f"Error: The JUnit file “{shard}” is not valid XML at {english}.\n"


def test_merge_junit_refuses_a_tree_deeper_than_any_report_without_a_crash(
    tmp_path: Path,
) -> None:
    """A thousand suites one inside another: writing them again exhausted Python's stack
    (exit 3, «un error nuestro»). Refused, nothing written."""
    shard = tmp_path / "d.xml"
    shard.write_text(
        "<testsuites>" + "<testsuite>" * 1000 + "</testsuite>" * 1000 + "</testsuites>",
        encoding="utf-8",
    )
    result = autohelper_cmd("merge-junit", str(tmp_path / "out.xml"), str(shard))
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        f"Error: El JUnit «{shard}» anida sus elementos a más de 100 niveles; un informe tiene "
        "unos pocos (suites, suite, caso, fallo): no es uno que pueda juntar.\n"
    )
    assert not (tmp_path / "out.xml").exists()


def test_an_artifacts_folder_and_the_folders_it_needs_are_created_private(tmp_path: Path) -> None:
    from autohelper.cli.paths import OutputFolder

    outer = tmp_path / "a"
    folder = OutputFolder().convert(str(outer / "b"), None, None)
    assert folder == outer / "b"
    assert stat.S_IMODE(outer.stat().st_mode) == 0o700
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    # A folder that exists already is the person's: left as it is.
    tmp_path.chmod(0o755)
    OutputFolder().convert(str(tmp_path), None, None)
    assert stat.S_IMODE(tmp_path.stat().st_mode) == 0o755


class _FailingWorker:
    """A worker whose cases fail with a long report (25 steps), without a browser."""

    def __init__(self, settings: object, name: str = "main") -> None:
        pass

    def run(self, case: Case) -> CaseReport:
        steps = [
            {"n": n, "status": "ok", "ms": 5, "description": f"Paso {n}"} for n in range(1, 26)
        ]
        return CaseReport(
            case=case.id,
            scenario=case.scenario,
            expected="éxito",
            observed="el portal cambió",
            ok=False,
            problems=[],
            message="",
            steps=steps,
        )

    def close(self) -> None:
        pass


TWO_CASES = """\
scenario: imss-nss
cases:
  - id: on-a-mirror
    against: mirror
    expect: success
  - id: long-failure
    expect: success
"""


@pytest.mark.parametrize(
    ("lang", "note", "skipped"),
    [
        ("es", "[15 líneas más; el informe completo está en el texto del elemento]", "omitido"),
        ("en", "[+15 more lines; full report in element text]", "skipped"),
    ],
)
def test_a_long_failure_and_a_skip_are_told_in_the_chosen_language(
    tmp_path: Path,
    pytester: pytest.Pytester,
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
    note: str,
    skipped: str,
) -> None:
    # pytest cut the JUnit message with "[+N more lines; full report in element text]" and
    # put its "Skipped: " before the reason, in English whatever the language.
    monkeypatch.setattr("autohelper.qa.plugin.Worker", _FailingWorker)
    cases = tmp_path / "qa" / "two.yaml"
    cases.parent.mkdir()
    cases.write_text(TWO_CASES, encoding="utf-8")
    junit = tmp_path / "out.xml"
    run = pytest_inprocess(
        pytester,
        "-p",
        "no:playwright",  # its soft-assertion scope cannot nest in this session's
        "--rootdir",
        str(tmp_path),
        str(cases),
        f"--junitxml={junit}",
        "--qa-lang",
        lang,
        "--qa-front",
    )
    output = run.stdout.str()
    assert f"qa/two.yaml::on-a-mirror: {skipped} (" in output and "Skipped" not in output
    failure = next(ET.parse(junit).iter("failure"))
    message = failure.get("message", "")
    assert message.endswith(f"\n{note}") and len(message) <= 500
    assert "Paso 25" in (failure.text or "")  # the whole report, in the element's text


def test_a_report_names_only_evidence_that_is_there(tmp_path: Path) -> None:
    kept = tmp_path / "case.json"
    kept.write_text("{}", encoding="utf-8")
    report = CaseReport(
        case="imss-nss/drift",
        scenario="imss-nss",
        expected="el portal cambió",
        observed="el portal cambió",
        ok=False,
        problems=[],
        message="",
        screenshot=str(tmp_path / "gone-error-fill.png"),  # removed with a passing case's folder
        report=str(kept),
    )
    assert report.evidence() == [("report", str(kept))]
    assert "gone-error-fill.png" not in report.failure_text()


def test_a_message_is_cut_at_whole_lines_and_a_line_too_long_at_its_start() -> None:
    assert short_message("uno\ndos") == "uno\ndos"
    lines = [f"línea {n:03d} " + "x" * 40 for n in range(30)]
    cut = short_message("\n".join(lines))
    assert cut.splitlines()[-1] == t("qa.junit.more_lines", count=23)
    assert cut.splitlines()[:-1] == lines[:7] and len(cut) <= 500
    assert short_message("x" * 900 + "\nfin").splitlines() == [
        "x" * 398 + "…",
        t("qa.junit.more_line"),
    ]
    assert short_message("x" * 900).splitlines() == ["x" * 398 + "…", t("qa.junit.cut")]


def test_a_failure_from_a_worker_is_told_without_the_workers_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("autohelper.messages._current_lang", "es")
    # pytest's `longreprtext` starts, under pytest-xdist, with "[gw1] linux -- Python ...".
    report = pytest.TestReport(
        "qa/two.yaml::long-failure",
        ("qa/two.yaml", 5, "x"),
        {},
        "failed",
        "Se esperaba: éxito",
        "call",
    )
    report.node = type(  # type: ignore[attr-defined]
        "Node",
        (),
        {
            "workerinfo": {
                "id": "gw1",
                "sysplatform": "linux",
                "version_info": (3, 11, 7),
                "executable": "python",
            }
        },
    )()
    assert report.longreprtext.startswith("[gw1] linux -- Python")
    FrontReporter(None).pytest_runtest_logreport(report)  # type: ignore[arg-type]
    assert capsys.readouterr().out == (
        "✘ qa/two.yaml::long-failure: no se comportó como se esperaba\n    Se esperaba: éxito\n"
    )


def test_merge_junit_masks_a_curp_or_an_email_a_foreign_report_holds(tmp_path: Path) -> None:
    """Our reports hold nobody's data unmasked; a JUnit file from elsewhere might (a test named
    after a CURP, a failure quoting an email): the merged file keeps them masked."""
    shard = tmp_path / "w.xml"
    shard.write_text(
        '<testsuites><testsuite name="s" tests="1"><testcase classname="c" '
        'name="HEGG560427MVZRRL04"><failure message="correo estudiante.prueba@example.com">'
        "HEGG560427MVZRRL04</failure></testcase></testsuite></testsuites>",
        encoding="utf-8",
    )
    out = tmp_path / "out.xml"
    result = autohelper_cmd("merge-junit", str(out), str(shard))
    assert result.exit_code == 0, result.output
    merged = out.read_text(encoding="utf-8")
    assert "HEGG560427MVZRRL04" not in merged and "estudiante.prueba" not in merged
    assert 'name="HEGG…L04"' in merged and "e…@example.com" in merged
    assert merged.startswith('<?xml version="1.0" encoding="utf-8"?>')

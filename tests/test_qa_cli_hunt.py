"""`autohelper qa` against what a QA hunt threw at it: reports over the run's own inputs, paths
pytest would misread, reports that cannot be written, an evidence folder that cannot be used,
case folders outside `--artifacts`. Most cases here are skipped (`against: mirror` on a run
against fixtures): pytest runs and writes its reports, no browser starts. Two tests run a real
case."""

from __future__ import annotations

import dataclasses
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from support import MINI_SCENARIO
from test_cli import ROOT, autohelper_cmd

from autohelper.errors import UsageError
from autohelper.qa.cases import load_case_file
from autohelper.qa.worker import RunSettings, case_folder

# Runs against the bundled mock: about a second.
RUNS = "scenario: {scenario}\ncases:\n  - id: uno\n    expect: success\n"
# Skipped on a run against fixtures: collected and reported, no browser.
SKIPPED = "scenario: {scenario}\ncases:\n  - id: uno\n    against: mirror\n    expect: success\n"


def case_file(tmp_path: Path, text: str = SKIPPED, name: str = "ok.yaml") -> Path:
    scenario = tmp_path / "min-ok.yaml"
    scenario.write_text(MINI_SCENARIO, encoding="utf-8")
    path = tmp_path / name
    path.write_text(text.format(scenario=scenario), encoding="utf-8")
    return path


def qa(*args: str, lang: str = "es") -> tuple[int, str, str]:
    result = autohelper_cmd("--lang", lang, "qa", "--all", "--against", "fixtures", *args)
    return result.exit_code, result.stdout, result.stderr


# -- a report over an input, two reports in one file ---------------------------------------------
def _profile(tmp_path: Path) -> Path:
    path = tmp_path / "real.yaml"
    path.write_text((ROOT / "fixtures/profiles/student.yaml").read_text(), encoding="utf-8")
    path.chmod(0o600)
    return path


@pytest.mark.parametrize(
    ("option", "which", "lang", "said"),
    [
        ("--junit", "cases", "es", "es un archivo de casos de esta corrida"),
        ("--html", "scenario", "es", "es el archivo del escenario mini-ok"),
        ("--junit", "profile", "en", "is the profile of this run"),
    ],
)
def test_a_report_over_an_input_of_the_run_is_refused_and_the_input_kept(
    tmp_path: Path, option: str, which: str, lang: str, said: str
) -> None:
    cases = case_file(tmp_path)
    profile = _profile(tmp_path)
    target = {"cases": cases, "scenario": tmp_path / "min-ok.yaml", "profile": profile}[which]
    before = target.read_bytes()
    code, out, err = qa(
        "--cases", str(cases), "--profile", str(profile), option, str(target), lang=lang
    )
    assert code == 1
    assert out == ""  # nothing ran
    opening, closing = ("«", "»") if lang == "es" else ("“", "”")
    assert err.startswith(f"Error: {option} {opening}{target}{closing} {said}: "), err
    assert target.read_bytes() == before


def test_junit_and_html_in_one_file_are_refused(tmp_path: Path) -> None:
    cases = case_file(tmp_path)
    same = tmp_path / "same.out"
    code, out, err = qa("--cases", str(cases), "--junit", str(same), "--html", str(same))
    assert code == 1 and out == ""
    assert err == (
        f"Error: --junit y --html nombran el mismo archivo «{same}»: un informe borraría al "
        "otro. Da un archivo distinto a cada uno.\n"
    )
    assert not same.exists()


# -- paths pytest would misread ----------------------------------------------------------------
def test_a_case_file_named_like_an_option_is_run_not_dropped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case_file(tmp_path, name="-k.yaml")
    monkeypatch.chdir(tmp_path)
    code, out, err = qa("--cases=-k.yaml")
    assert (code, err) == (0, ""), out + err
    assert "1 caso(s): 0 como se esperaba, 0 no, 1 omitido(s)." in out  # not "0 caso(s)"
    # Why, in words: not the case file's keyword (`against: mirror`).
    assert "omitido (el caso corre solo contra el espejo)" in out, out


def test_reports_and_a_profile_named_like_options_are_written_and_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real case: the files named `-…` are the case file, the profile and both reports."""
    case_file(tmp_path, RUNS, name="-k.yaml")
    _profile(tmp_path).rename(tmp_path / "-p.yaml")
    monkeypatch.chdir(tmp_path)
    code, out, err = qa(
        "--cases=-k.yaml",
        "--profile=-p.yaml",
        "--junit=-o.xml",
        "--html=-o.html",
        "--artifacts=evidence",
    )
    assert (code, err) == (0, ""), out + err
    assert "✔ mini-ok/uno: éxito" in out
    assert "1 caso(s): 1 como se esperaba, 0 no, 0 omitido(s)." in out
    assert out.endswith("JUnit: -o.xml\nInforme HTML: -o.html\n")
    (testcase,) = ET.parse(tmp_path / "-o.xml").iter("testcase")
    assert testcase.get("name") == "uno" and testcase.find("failure") is None
    assert "-k.yaml::uno&#34;: [{&#34;extras&#34;: [], &#34;result&#34;: &#34;Passed" in (
        (tmp_path / "-o.html").read_text(encoding="utf-8")
    )


@pytest.mark.parametrize(("name", "part"), [("x::y.yaml", "::"), ("c[1].yaml", "[")])
@pytest.mark.parametrize("lang", ["es", "en"])
def test_a_case_file_pytest_cannot_address_is_refused_by_name(
    tmp_path: Path, name: str, part: str, lang: str
) -> None:
    path = case_file(tmp_path, name=name)
    code, out, err = qa("--cases", str(path), lang=lang)
    assert code == 1 and out == ""
    if lang == "es":
        assert err == (
            f"Error: pytest no puede correr el archivo de casos «{path}»: su ruta lleva "
            f"«{part}», que pytest lee como la selección de una prueba. Cámbiale el nombre al "
            "archivo o a su carpeta.\n"
        )
    else:
        assert err.startswith(f"Error: pytest cannot run the case file “{path}”: its path holds")


# -- reports that cannot be written --------------------------------------------------------------
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize(
    ("option", "lang", "said"),
    [
        (
            "--junit",
            "es",
            "Error: No pude escribir el JUnit «/dev/full»: no queda espacio en el disco",
        ),
        (
            "--html",
            "en",
            "Error: Could not write the HTML report “/dev/full”: there is no space left on "
            "the disk",
        ),
    ],
)
def test_a_report_on_a_full_disk_is_said_with_its_path(
    tmp_path: Path, option: str, lang: str, said: str
) -> None:
    code, out, err = qa("--cases", str(case_file(tmp_path)), option, "/dev/full", lang=lang)
    assert code == 1, out + err
    assert err == said + "\n"
    assert "1 omitido(s)" in out or "1 skipped" in out  # the run itself is told
    assert "/dev/full" not in out  # never said to be written


# -- the evidence folder ------------------------------------------------------------------------
@pytest.mark.skipif(not Path("/sys/kernel").is_dir(), reason="no sysfs here")
def test_a_default_evidence_folder_that_cannot_be_made_is_said_before_any_case(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cases = case_file(tmp_path, RUNS)
    monkeypatch.chdir("/sys")
    code, out, err = qa("--cases", str(cases))
    assert code == 1 and out == ""  # no case ran, none failed with a traceback
    assert err == (
        "Error: No puedo guardar la evidencia en «/sys/test-results/qa» (la carpeta de omisión, "
        "test-results/qa bajo la carpeta actual): no tienes permiso para escribir ahí. Indica "
        "otra carpeta con --artifacts.\n"
    )


def test_an_empty_artifacts_path_is_refused(tmp_path: Path) -> None:
    code, out, err = qa("--cases", str(case_file(tmp_path)), "--artifacts", "", lang="en")
    assert code == 2 and out == ""
    assert err.endswith(
        "Error: Invalid value for '--artifacts': the path is empty: name a folder (. for the "
        "current one)\n"
    )


def test_a_case_folder_through_a_link_out_of_the_artifacts_deletes_nothing(
    tmp_path: Path,
) -> None:
    """`<artifacts>/mini-ok` a link to a folder elsewhere: the passing case's folder would be
    deleted there."""
    kept = tmp_path / "elsewhere" / "uno" / "keep.txt"
    kept.parent.mkdir(parents=True)
    kept.write_text("mine", encoding="utf-8")
    evidence = tmp_path / "evidence"
    evidence.mkdir()
    (evidence / "mini-ok").symlink_to(tmp_path / "elsewhere")
    code, out, err = qa("--cases", str(case_file(tmp_path, RUNS)), "--artifacts", str(evidence))
    assert kept.read_text(encoding="utf-8") == "mine"
    assert code == 1, out + err
    assert "ok.yaml::uno: no se comportó como se esperaba" in out
    assert (
        f"La carpeta de evidencia del caso mini-ok/uno quedaría fuera de --artifacts "
        f"«{evidence}» ({tmp_path / 'elsewhere' / 'uno'}): no la uso ni borro nada ahí."
    ) in out


@pytest.mark.parametrize(("scenario", "name"), [("../victim", "uno"), (".workers", "main")])
def test_a_case_folder_outside_the_artifacts_is_refused(
    tmp_path: Path, scenario: str, name: str
) -> None:
    (case,) = load_case_file(case_file(tmp_path, RUNS))
    case = dataclasses.replace(case, scenario=scenario, name=name)
    with pytest.raises(UsageError, match="would be outside --artifacts") as refused:
        case_folder(RunSettings(artifacts=tmp_path / "evidence"), case)
    assert "quedaría fuera de --artifacts" in refused.value.message("es")


# -- small ones ---------------------------------------------------------------------------------
def test_a_long_bad_shard_is_cut_in_the_message() -> None:
    code, out, err = qa("--shard", "1" * 5000 + "/2")
    assert code == 2 and out == ""  # a usage error
    said = err.splitlines()[-1]
    assert said.startswith("Error: Valor no válido para '--shard': se espera i/n con 1 ≤ i ≤ n")
    assert len(said) < 200


def test_a_scenario_that_is_a_folder_is_said_to_be_one(tmp_path: Path) -> None:
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    cases = tmp_path / "cases.yaml"
    cases.write_text(f"scenario: {folder}\ncases:\n  - {{id: a, expect: success}}\n")
    code, out, err = qa("--cases", str(cases))
    assert code == 1 and out == ""
    assert err == (
        "Error: 1 problema(s) en los casos de QA:\n"
        f"{cases}:1:11: «{folder}» es una carpeta, no un archivo de escenario\n"
    )
    assert os.path.isdir(folder)


def test_a_profile_that_is_not_there_is_one_error_before_any_case(tmp_path: Path) -> None:
    """Not every case failing in turn: one message, naming the profile (masked: it looks like
    a CURP), and no case run (no summary of cases, no case's folder)."""
    evidence = tmp_path / "evidence"
    code, out, err = qa("imss-nss", "--profile", "HEGG560427MVZRRL04", "--artifacts", str(evidence))
    assert code == 1
    assert "no existe el perfil" in err and "HEGG…L04" in err
    assert "HEGG560427MVZRRL04" not in out + err
    assert "caso(s)" not in out and not (evidence / "imss-nss").exists()


def test_merge_junit_refuses_to_write_over_one_of_its_inputs(tmp_path: Path) -> None:
    shard = (
        '<testsuites><testsuite name="a" tests="1"><testcase name="x"/></testsuite></testsuites>'
    )
    first, second = tmp_path / "a.xml", tmp_path / "b.xml"
    first.write_text(shard, encoding="utf-8")
    second.write_text(shard.replace('"x"', '"y"'), encoding="utf-8")
    result = autohelper_cmd("merge-junit", str(first), str(first), str(second))
    assert result.exit_code == 1
    assert f"SALIDA «{first}» es uno de los archivos a unir" in result.stderr
    assert first.read_text(encoding="utf-8") == shard

"""Inputs a QA hunt found mishandled: `merge-junit` on huge counts, undeclared codecs, nested
suites and times Python reads but JUnit does not; the mock's `POST /__mock__/config` on values
of the wrong type. Each is refused with exit 1 (or a 400) and a message naming what and where,
and nothing is written or changed."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from test_cli import autohelper_cmd

from autohelper import messages
from autohelper.mock import MockPortal


def _merge_refused(tmp_path: Path, shard: Path, *lang: str) -> str:
    """merge-junit's stderr for a refused `shard`, after checking it wrote nothing."""
    out = tmp_path / "out.xml"
    result = autohelper_cmd(*lang, "merge-junit", str(out), str(shard))
    assert result.exit_code == 1, result.output
    assert not out.exists()
    return result.stderr


# -- merge-junit -------------------------------------------------------------------------------


def test_a_count_of_thousands_of_digits_is_refused_naming_the_suite(tmp_path: Path) -> None:
    shard = tmp_path / "big.xml"
    shard.write_text(f'<testsuite name="s" tests="{"9" * 5000}"/>', encoding="utf-8")
    shown = "9" * 39 + "…"
    assert _merge_refused(tmp_path, shard) == (
        f'Error: El JUnit «{shard}», suite «s»: tests="{shown}" es demasiado grande '
        "(a lo más 2147483647).\n"
    )
    assert _merge_refused(tmp_path, shard, "--lang", "en") == (
        f'Error: The JUnit file “{shard}”, suite “s”: tests="{shown}" is too big '
        "(at most 2147483647).\n"
    )


def test_a_count_with_thousands_of_leading_zeros_is_still_its_number(tmp_path: Path) -> None:
    shard = tmp_path / "zeros.xml"
    shard.write_text(f'<testsuite tests="{"0" * 5000}7"/>', encoding="utf-8")
    out = tmp_path / "out.xml"
    result = autohelper_cmd("merge-junit", str(out), str(shard))
    assert result.exit_code == 0, result.output
    assert ET.parse(out).getroot().get("tests") == "7"


@pytest.mark.parametrize("encoding", ["klingon", "shift_jis", "rot13"])
def test_an_encoding_python_cannot_read_is_refused_naming_the_file(
    tmp_path: Path, encoding: str
) -> None:
    shard = tmp_path / "e.xml"
    shard.write_text(f'<?xml version="1.0" encoding="{encoding}"?><testsuite/>', encoding="ascii")
    assert _merge_refused(tmp_path, shard) == (
        f"Error: El JUnit «{shard}» declara la codificación «{encoding}», que no sé leer: "
        "guárdalo en UTF-8.\n"
    )
    assert _merge_refused(tmp_path, shard, "--lang", "en") == (
        f"Error: The JUnit file “{shard}” declares the encoding “{encoding}”, which I cannot "
        "read: save it as UTF-8.\n"
    )


def test_nested_suites_count_each_case_once(tmp_path: Path) -> None:
    # PHPUnit's way: the outer suite's counts already hold the inner suite's.
    nested = tmp_path / "nested.xml"
    nested.write_text(
        '<testsuites><testsuite name="outer" tests="2" failures="1" time="1.5">'
        '<testsuite name="inner" tests="2" failures="1" time="1.5">'
        '<testcase classname="a" name="n"/><testcase classname="a" name="m"><failure/></testcase>'
        "</testsuite></testsuite></testsuites>",
        encoding="utf-8",
    )
    flat = tmp_path / "flat.xml"
    flat.write_text(
        '<testsuite name="flat" tests="1"><testcase classname="b" name="n"/></testsuite>',
        encoding="utf-8",
    )
    out = tmp_path / "out.xml"
    result = autohelper_cmd("merge-junit", str(out), str(nested), str(flat))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{out}: 3 caso(s), 1 fallido(s), 0 con error, 0 omitido(s).\n"
    root = ET.parse(out).getroot()
    assert (root.get("tests"), root.get("failures"), root.get("time")) == ("3", "1", "1.500")
    assert [case.get("name") for case in root.iter("testcase")] == ["n", "m", "n"]
    # The merged file merges again, to the same totals.
    again = tmp_path / "again.xml"
    assert autohelper_cmd("merge-junit", str(again), str(out)).exit_code == 0
    assert ET.parse(again).getroot().get("tests") == "3"


@pytest.mark.parametrize("time", ["1e308", "1_000", "1E3"])
def test_a_time_that_is_not_a_decimal_number_is_refused(tmp_path: Path, time: str) -> None:
    shard = tmp_path / "t.xml"
    shard.write_text(f'<testsuites><testsuite name="s" time="{time}"/></testsuites>', "utf-8")
    assert _merge_refused(tmp_path, shard) == (
        f'Error: El JUnit «{shard}», suite «s»: time="{time}" no es un número de segundos '
        "(0 o más).\n"
    )


def test_a_time_too_big_to_add_up_is_refused_and_merged_times_merge_again(
    tmp_path: Path,
) -> None:
    huge = tmp_path / "huge.xml"
    huge.write_text(f'<testsuite time="1{"0" * 308}"/>', encoding="utf-8")
    assert _merge_refused(tmp_path, huge) == (
        f'Error: El JUnit «{huge}», suite «#1»: time="1{"0" * 38}…" es demasiado grande '
        "(a lo más 1000000000).\n"
    )
    most = [tmp_path / "1.xml", tmp_path / "2.xml"]
    for path in most:
        path.write_text('<testsuite time="1000000000"/>', encoding="utf-8")
    out = tmp_path / "out.xml"
    assert autohelper_cmd("merge-junit", str(out), *map(str, most)).exit_code == 0
    assert ET.parse(out).getroot().get("time") == "2000000000.000"
    assert autohelper_cmd("merge-junit", str(tmp_path / "again.xml"), str(out)).exit_code == 0


# -- the mock's config control ---------------------------------------------------------------


def _post_config(portal: MockPortal, body: str) -> tuple[int, str]:
    request = urllib.request.Request(
        portal.url + "/__mock__/config", body.encode("utf-8"), method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


@pytest.mark.parametrize(
    ("changes", "spanish", "english"),
    [
        (
            '"delay": 1e400',
            "«delay». Se espera un número (finito).",
            "“delay”. Expected a (finite) number.",
        ),
        (
            '"result_version": "3"',
            "«result_version». Se espera un número entero.",
            "“result_version”. Expected a whole number.",
        ),
        (
            '"drift_pages": 5',
            "«drift_pages». Se espera una lista de textos.",
            "“drift_pages”. Expected a list of texts.",
        ),
        (
            '"fail_first": true',
            "«fail_first». Se espera un número entero.",
            "“fail_first”. Expected a whole number.",
        ),
        (
            '"drift": 1',
            "«drift». Se espera true o false.",
            "“drift”. Expected true or false.",
        ),
        (
            '"imss.result_version": 7',
            "«imss.result_version». Debe ser uno de: 1, 2.",
            "“imss.result_version”. It must be one of: 1, 2.",
        ),
    ],
    ids=["infinite", "text-for-int", "int-for-words", "bool-for-int", "int-for-bool", "range"],
)
def test_the_config_control_refuses_a_value_in_words_and_changes_nothing(
    portal: MockPortal,
    monkeypatch: pytest.MonkeyPatch,
    changes: str,
    spanish: str,
    english: str,
) -> None:
    before = portal.config
    body = f'{{"delay_paths": ["valida"], {changes}}}'  # JSON as sent: 1e400, not Infinity
    assert _post_config(portal, body) == (
        400,
        f"Valor no válido para el ajuste del simulado {spanish}",
    )
    monkeypatch.setattr(messages, "_current_lang", "en")  # a server started with --lang en
    assert _post_config(portal, body) == (400, f"Invalid value for the mock setting {english}")
    assert portal.config == before


def test_the_config_control_names_an_unknown_setting_or_a_body_that_is_no_object(
    portal: MockPortal,
) -> None:
    status, text = _post_config(portal, '{"no_such_mode": true}')
    assert status == 400
    assert text.startswith("Ajuste del simulado desconocido: «no_such_mode». Los posibles son: ")
    assert "imss.result_version" in text
    assert _post_config(portal, "[1]") == (
        400,
        "El cuerpo de /__mock__/config debe ser un objeto JSON de ajustes y sus valores.",
    )


def test_the_config_control_still_takes_values_of_the_right_type(portal: MockPortal) -> None:
    body = json.dumps({"delay": 1, "fail_paths": ["valida"], "cia.server": "smartweb2"})
    assert _post_config(portal, body) == (200, "ok")
    assert (portal.config.delay, portal.config.fail_paths) == (1.0, ("valida",))
    assert portal.config.sites["cia"].server == "smartweb2"


def test_configure_refuses_a_boolean_for_a_number(portal: MockPortal) -> None:
    with pytest.raises(ValueError):
        portal.configure(fail_first=True)
    assert portal.config.fail_first == 0


def test_a_suite_without_counts_is_counted_from_its_cases(tmp_path: Path) -> None:
    """A tool that writes no counts: its failed case still merges as one (CI reads the
    totals), nested suites' cases included."""
    shard = tmp_path / "k.xml"
    shard.write_text(
        '<testsuite name="t"><testcase name="a"/><testcase name="b"><failure/></testcase>'
        '<testsuite name="inner"><testcase name="c"><skipped/></testcase>'
        '<testcase name="d"><error/></testcase></testsuite></testsuite>',
        encoding="utf-8",
    )
    out = tmp_path / "out.xml"
    result = autohelper_cmd("merge-junit", str(out), str(shard))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{out}: 4 caso(s), 1 fallido(s), 1 con error, 1 omitido(s).\n"
    root = ET.parse(out).getroot()
    assert [root.get(n) for n in ("tests", "failures", "errors", "skipped")] == ["4", "1", "1", "1"]


def test_a_count_written_empty_is_refused(tmp_path: Path) -> None:
    shard = tmp_path / "h.xml"
    shard.write_text('<testsuite name="s" tests="1" failures=""/>', encoding="utf-8")
    assert 'failures=""' in _merge_refused(tmp_path, shard)

"""A QA case's profile values and text mock settings are text as written: a value YAML reads as
a number, a yes/no or a date (`0012345` → 5349, `no` → false, `0123` → 83) is refused at its
line and column, to be written in quotes, never run quietly as another value (and never shown:
it may be a student ID or a password). Yes/no and number settings keep YAML's typing."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import console

from autohelper.qa.cases import CasesInvalid, load_cases


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "cases.yaml"
    path.write_text("scenario: itson-solicitud\ncases:\n" + text, encoding="utf-8")
    return path


def _problems(path: Path, lang: str | None = None) -> list[str]:
    with pytest.raises(CasesInvalid) as caught:
        load_cases([path], lang)
    return caught.value.problems


def test_profile_values_yaml_reads_as_numbers_or_yes_no_are_refused_where_they_are(
    tmp_path: Path,
) -> None:
    path = _write(
        tmp_path,
        "  - id: a\n    expect: success\n"
        "    profile: {student_id: 0012345, names: no, exterior_number: 12:30, street: 0x1F}\n"
        "  - id: b\n    expect: success\n    profile: {postal_code: 01000}\n",
    )
    quote = "no como el texto escrito: escríbelo entre comillas"
    assert _problems(path) == [
        f'{path}:5:27: YAML lee este valor de student_id como un número, {quote} (student_id: "…")',
        f'{path}:5:43: YAML lee este valor de names como sí/no (true/false), {quote} (names: "…")',
        f"{path}:5:64: YAML lee este valor de exterior_number como un número, {quote} "
        '(exterior_number: "…")',
        f'{path}:5:79: YAML lee este valor de street como un número, {quote} (street: "…")',
        f"{path}:8:28: YAML lee este valor de postal_code como un número, {quote} "
        '(postal_code: "…")',
    ]


def test_a_text_mock_setting_yaml_reads_as_a_number_is_refused_in_english(
    tmp_path: Path,
) -> None:
    path = _write(tmp_path, "  - id: a\n    expect: success\n    mock: {cia.password: 0123}\n")
    assert _problems(path, "en") == [
        f"{path}:5:26: YAML reads this cia.password value as a number, not as the text "
        'written: write it in quotes (cia.password: "…")'
    ]


def test_quoted_values_and_typed_settings_still_load(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "  - id: a\n    expect: success\n"
        "    profile: {student_id: '00123456', names: 'no', has_other_insurance: true}\n"
        "    mock: {cia.password: '0123', cia.warning: false, delay: 1, cia.lockout_after: 5,"
        " fail_paths: [/a, /b]}\n",
    )
    [case] = load_cases([path])
    assert dict(case.profile) == {
        "student_id": "00000123456",
        "names": "no",
        "has_other_insurance": "true",
    }
    assert dict(case.mock) == {
        "cia.password": "0123",
        "cia.warning": False,
        "delay": 1.0,
        "cia.lockout_after": 5,
        "fail_paths": ("/a", "/b"),
    }


def test_qa_refuses_such_a_case_file_with_exit_1(tmp_path: Path) -> None:
    path = _write(tmp_path, "  - id: a\n    expect: success\n    profile: {phone: 6621234567}\n")
    result = console("qa", "--cases", str(path))
    assert result.exit_code == 1
    assert f"{path}:5:22: YAML lee este valor de phone como un número" in result.stderr
    assert "6621234567" not in result.output

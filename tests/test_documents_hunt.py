"""The path of a constancia as `autohelper vigencia --pdf` shows it (its header, JSON's "file",
every "No pude leer …"): an NSS, a CURP or an email in the file's name is masked however it is
grouped, and so are the profile's own values (a renamed `Jose Hernandez.pdf`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import console

from autohelper import profile as prof
from autohelper.documents.pdf import shown_path
from autohelper.documents.report import mask_shapes
from autohelper.mock.documents import MockPerson, constancia_pdf

PERSON = MockPerson()
GROUPED_NSS = "0418-56-1234-0"
DASHED_CURP = "HEGG-560427-MVZRRL04"


@pytest.fixture(autouse=True)
def _no_profile_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AUTOHELPER_PROFILE", raising=False)


@pytest.fixture(scope="module")
def constancia() -> bytes:
    return constancia_pdf("vigente", PERSON)


def _profile() -> None:
    prof.save_profile(
        prof.Profile(
            curp=PERSON.curp,
            email="jose.hdz@example.com",
            names="JOSE",
            first_surname="HERNANDEZ",
            phone="6621234567",
            postal_code="83000",
            institution="itson",
        ),
        "default",
    )


def test_a_grouped_nss_in_the_file_name_is_masked_in_the_report_and_json(
    tmp_path: Path, constancia: bytes
) -> None:
    path = tmp_path / f"{GROUPED_NSS}.pdf"
    path.write_bytes(constancia)
    shown = console("vigencia", "--pdf", str(path))
    assert shown.stdout.splitlines()[0] == f"Constancia: {tmp_path}/04…40.pdf"
    as_json = console("vigencia", "--pdf", str(path), "--json")
    assert json.loads(as_json.stdout)["file"] == f"{tmp_path}/04…40.pdf"
    assert GROUPED_NSS not in shown.output + as_json.output


def test_a_dashed_curp_in_the_file_name_is_masked_whole(tmp_path: Path, constancia: bytes) -> None:
    path = tmp_path / f"{DASHED_CURP}.pdf"
    path.write_bytes(constancia)
    result = console("vigencia", "--pdf", str(path))
    assert result.stdout.splitlines()[0] == f"Constancia: {tmp_path}/HEGG…L04.pdf"
    assert "560427" not in result.output


def test_the_error_for_a_file_that_is_not_a_pdf_masks_its_email_and_nss(tmp_path: Path) -> None:
    path = tmp_path / f"vigencia a.b@gmail.com {GROUPED_NSS}.pdf"
    path.write_bytes(b"not a pdf")
    result = console("vigencia", "--pdf", str(path))
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"Error: No pude leer {tmp_path}/vigencia a…@gmail.com 04…40.pdf: no es un PDF"
    ), result.stderr


def test_the_profiles_names_and_phone_in_the_file_name_are_masked(
    tmp_path: Path, constancia: bytes
) -> None:
    _profile()
    bad = tmp_path / "vigencia Jose Hernandez.pdf"
    bad.write_bytes(b"not a pdf")
    result = console("vigencia", "--pdf", str(bad))
    assert result.exit_code == 1
    assert f"No pude leer {tmp_path}/vigencia J… H….pdf: " in result.stderr, result.stderr
    good = tmp_path / "Jose Hernandez 662 123 4567.pdf"
    good.write_bytes(constancia)
    as_json = console("vigencia", "--pdf", str(good), "--json")
    assert json.loads(as_json.stdout)["file"] == f"{tmp_path}/J… H… …67.pdf"
    assert "Jose" not in as_json.output and "4567" not in as_json.output


def test_other_numbers_in_a_path_stay_as_they_are() -> None:
    assert shown_path("/tmp/2026-11-23/constancia 20261123.pdf") == (
        "/tmp/2026-11-23/constancia 20261123.pdf"
    )


def test_a_dashed_curp_in_a_pdfs_text_is_masked_whole() -> None:
    assert mask_shapes(f"CURP: {DASHED_CURP}") == "CURP: HEGG…L04"

"""Whole runs with a synthetic profile and a secret, at the most verbose logging, leave no raw
personal data in anything they print or write: logs, messages, the journal, screenshots' names."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pexpect
import pytest
import yaml
from playwright.sync_api import Page
from support import copy_scenario, magenta_pixels

from autohelper.mock import MockPortal
from autohelper.mock.captcha import nss_for

ROOT = Path(__file__).resolve().parents[1]
PROFILES = ROOT / "fixtures" / "profiles"
PROFILE = yaml.safe_load((PROFILES / "student.yaml").read_text("utf-8"))
# The vigencia and clinic flows' QA profile: its NSS, and its name, are also in the constancia
# and the acuse the flows download and read.
WITH_NSS = yaml.safe_load((PROFILES / "student-with-nss.yaml").read_text("utf-8"))
SECRET = "contraseña-Secreta-123"


def scenario_with_a_secret(tmp_path: Path) -> Path:
    """imss-nss, plus a secret typed into the CAPTCHA field (the CAPTCHA step overwrites it)."""
    scenario = copy_scenario(
        tmp_path,
        "imss-nss",
        (
            "  optional: [interior_number, colonia]\n",
            "  optional: [interior_number, colonia]\n  secrets: [cia_password]\n",
        ),
        (
            '  - captcha: {css: "img#captchaImg"}\n',
            '  - fill: {css: "input[name=captcha]"}\n    value: "{secret.cia_password}"\n'
            "    description: Escribir el secreto (prueba de privacidad)\n"
            '  - captcha: {css: "img#captchaImg"}\n',
        ),
    )
    return Path(scenario.path)


def forbidden(profile: dict[str, str] = PROFILE) -> list[str]:
    values = [profile["curp"], profile["email"], nss_for(profile["curp"]), SECRET]
    values += [profile["names"], profile["first_surname"] + " " + profile["second_surname"]]
    values += [profile[name] for name in ("street", "student_id", "phone") if name in profile]
    return values + [quote(value, safe="") for value in values]


def written_text(root: Path) -> str:
    """Every file's name and its bytes read as text (SQLite and PNG included: text inside a
    binary file would still show)."""
    parts = []
    for path in root.rglob("*"):
        parts.append(str(path.relative_to(root)))
        if path.is_file():
            parts.append(path.read_bytes().decode("utf-8", errors="replace"))
    return "\n".join(parts)


def qa_run(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], Path]:
    """A verbose `qa` run in a home of its own, the secret in the environment."""
    home = tmp_path / "home"
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CACHE_HOME": str(home / "cache"),
        "AUTOHELPER_DATA_DIR": str(home / "data"),
        "AUTOHELPER_CONFIG_DIR": str(home / "config"),
        "AUTOHELPER_SECRET_CIA_PASSWORD": SECRET,
    }
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "autohelper",
            "-vv",
            "qa",
            *args,
            "--single",
            "--against",
            "fixtures",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=ROOT,
    )
    return done, home


def assert_no_leak(
    done: subprocess.CompletedProcess[str], home: Path, profile: dict[str, str] = PROFILE
) -> None:
    assert "DEBUG" in done.stderr  # the logging really was verbose
    everything = done.stdout + done.stderr + written_text(home)
    names = [path.name for path in home.rglob("*")]
    assert "journal.sqlite3" in names  # the run really wrote what we search
    for value in forbidden(profile):
        assert value.lower() not in everything.lower(), f"leaked: {value[:4]}…"


@pytest.mark.browser
# The drift case waits for a field that never comes: a short step timeout keeps it quick. The
# vigencia reads a constancia (NSS, CURP and name printed in it) and ends on its verdict; the
# clinic's online path reads the portal's summary and final page, and downloads the acuse.
@pytest.mark.parametrize(
    ("scenario", "mock", "code"),
    [
        ("nss-secret", [], 0),
        ("nss-secret", ["--mock", "drift=true", "--timeout", "3"], 1),
        ("imss-vigencia", [], 0),
        ("imss-vigencia", ["--mock", "vigencia.case=other_employer"], 1),
        ("imss-umf", ["--mock", "umf.students_online=true"], 0),
    ],
    ids=["success", "drift", "vigencia", "vigencia-otro-patron", "umf-online"],
)
def test_a_verbose_qa_run_leaks_no_personal_data(
    tmp_path: Path, scenario: str, mock: list[str], code: int
) -> None:
    which = str(scenario_with_a_secret(tmp_path)) if scenario == "nss-secret" else scenario
    done, home = qa_run(tmp_path, which, *mock)
    assert done.returncode == code, done.stderr
    if "drift=true" in mock:
        assert any(path.name.endswith(".png") for path in home.rglob("*"))  # its screenshot
    assert_no_leak(done, home, PROFILE if scenario == "nss-secret" else WITH_NSS)


@pytest.mark.browser
@pytest.mark.parametrize(
    "mock",
    # The password typed once; and typed again after the session expired at the save.
    [[], ["--mock", "cia.expire_at_save=true"]],
    ids=["filed", "expired"],
)
def test_the_cia_request_leaks_neither_the_password_nor_the_student_id(
    tmp_path: Path, mock: list[str]
) -> None:
    done, home = qa_run(tmp_path, "itson-solicitud", "--mock", f"cia.password={SECRET}", *mock)
    assert done.returncode == 0, done.stderr
    assert "Tu folio: 4810001" in done.stdout
    assert_no_leak(done, home)


def test_masks_keep_only_what_identifies_nothing() -> None:
    from autohelper.privacy import mask

    assert mask("HEGG560427MVZRRL04", "curp") == "HEGG…L04"
    assert mask("67015612345", "nss") == "67…45"
    assert mask("estudiante.prueba@example.com", "email") == "e…@example.com"
    assert mask("MARIA GLORIA", "names") == "M… G…"
    assert mask("contraseña", "secret") == "••••"


def test_the_redactor_scrubs_every_spelling_of_a_value() -> None:
    from autohelper.privacy import Redactor

    redactor = Redactor()
    redactor.add("HEGG560427MVZRRL04", "curp")
    redactor.add("estudiante.prueba@example.com", "email")
    text = "curp=hegg560427mvzrrl04&correo=estudiante.prueba%40example.com HEGG560427MVZRRL04"
    assert redactor(text) == "curp=HEGG…L04&correo=e…@example.com HEGG…L04"


def test_personal_fields_come_from_the_profile_declaration() -> None:
    """One source: privacy's set is the profile's declaration, so a new personal field is
    masked and scrubbed without anyone remembering to list it twice."""
    from autohelper import profile
    from autohelper.privacy import PERSONAL_FIELDS

    declared = {name for name, spec in profile.SPECS.items() if spec.personal}
    assert declared | {"birth_date"} == PERSONAL_FIELDS
    assert {"student_id", "phone", "street", "colonia", "exterior_number"} <= PERSONAL_FIELDS
    assert not {"institution", "has_other_insurance", "nss_from_employer"} & PERSONAL_FIELDS


SAMPLES = {
    "curp": "HEGG560427MVZRRL04",
    "nss": "67015612345",
    "email": "estudiante.prueba@example.com",
    "names": "MARIA GLORIA",
    "first_surname": "HERNANDEZ",
    "second_surname": "GARCIA",
    "postal_code": "91000",
    "street": "Calle Cinco de Mayo",
    "exterior_number": "1234-B",
    "interior_number": "Depto 12",
    "colonia": "Centro Histórico",
    "student_id": "00001234567",
    "phone": "6441234567",
    "birth_date": "1956-04-27",
}


def test_every_personal_field_is_masked_and_scrubbed() -> None:
    from autohelper.privacy import PERSONAL_FIELDS, Redactor, mask

    assert set(SAMPLES) == PERSONAL_FIELDS  # a new personal field needs a sample here
    redactor = Redactor()
    redactor.add_profile(SAMPLES)
    for kind, value in SAMPLES.items():
        assert value not in mask(value, kind), kind
        assert value not in redactor(f"x {value} y"), kind
    assert mask("Calle Cinco de Mayo", "street") == "C… C… d… M…"
    assert mask("6441234567", "phone") == "…67"
    assert mask("00001234567", "student_id") == "…567"
    assert mask("1234-B", "exterior_number") == "…"


@pytest.mark.browser
def test_a_students_own_profile_on_the_mock_leaves_nothing_others_can_read(
    page: Page, portal: MockPortal, short_tmp: Path, tmp_path: Path
) -> None:
    """A real profile against the mock, headless, with --trace, through a stop that keeps a
    screenshot: every file the run wrote is its owner's alone, in folders only its owner can
    enter, and the screenshot has the personal values masked (counted on its pixels)."""
    from terminal_session import current_captcha, own_profile, student_session

    # The portal answers with the form again (its values kept) and a message: a stop, with
    # its screenshot, after a CAPTCHA image was saved for the person.
    portal.configure(subdelegacion=True)
    own_profile()
    (tmp_path / "traces").mkdir()
    trace = tmp_path / "traces" / "t.zip"
    args = ["imss-nss", "--against", portal.url, "--headless", "--trace", str(trace)]
    child = student_session(portal, short_tmp, args)
    child.expect("Aviso: la traza .*t.zip guardará las páginas tal como se vean")
    child.expect("Escribe los caracteres de la imagen")
    child.sendline(current_captcha(portal))
    child.expect("¿Lo envío\\? \\[s/N\\]")
    child.sendline("s")
    child.expect("El portal respondió")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1, child.before

    written = [trace, *(tmp_path / "data").rglob("*"), *(tmp_path / "cache").rglob("*")]
    files = [path for path in written if path.is_file()]
    assert trace in files and len([f for f in files if f.suffix == ".png"]) == 2
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path
        if path != trace:  # the trace's folder is the person's own choice
            assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700, path.parent
    [shot] = (tmp_path / "cache").rglob("*error*.png")
    assert magenta_pixels(page, shot) > 2000

"""Whole runs with a synthetic profile and a secret, at the most verbose logging, leave no raw
personal data in anything they print or write: logs, messages, the journal, screenshots' names."""

from __future__ import annotations

import html
import json
import os
import re
import stat
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import quote, quote_plus

import pexpect
import pytest
import yaml
from playwright.sync_api import Browser, Page
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


# An image inlined in a report (the HTML report's screenshots): its pixels, not text. In base64
# a four-letter name turns up by chance about once per megabyte (the search ignores case).
_INLINE_IMAGE = re.compile(r"data:image/[a-z]+;base64,[A-Za-z0-9+/=]+")


def written_text(root: Path) -> str:
    """Every file's name and its bytes read as text (SQLite and PNG included: text inside a
    binary file would still show; images inlined in a report are left out, see above)."""
    parts = []
    for path in root.rglob("*"):
        parts.append(str(path.relative_to(root)))
        if path.is_file():
            text = path.read_bytes().decode("utf-8", errors="replace")
            parts.append(_INLINE_IMAGE.sub("data:image", text))
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
    done: subprocess.CompletedProcess[str], home: Path, *profiles: dict[str, str]
) -> None:
    assert "DEBUG" in done.stderr  # the logging really was verbose
    everything = done.stdout + done.stderr + written_text(home)
    names = [path.name for path in home.rglob("*")]
    assert "journal.sqlite3" in names  # the run really wrote what we search
    for profile in profiles or (PROFILE,):
        for value in forbidden(profile):
            assert value.lower() not in everything.lower(), f"leaked: {value[:4]}…"


@pytest.mark.browser
def test_a_verbose_qa_run_leaks_no_personal_data(tmp_path: Path) -> None:
    """One case (`qa --single`), the secret typed into the page: nothing of it, or of the
    profile, in what the run prints or writes."""
    done, home = qa_run(tmp_path, "--single", str(scenario_with_a_secret(tmp_path)))
    assert done.returncode == 0, done.stderr
    assert_no_leak(done, home)


# The other flows' cases, in one run (one process, two workers), each with its own synthetic
# profile: a drift, a case that fails (its report, JUnit's and the evidence kept: a screenshot,
# a trace; a short timeout keeps its wait for the missing field short); the
# vigencia, which reads a constancia (NSS, CURP and name printed in it) and ends on its verdict;
# the clinic's online path, which reads the portal's summary and downloads the acuse; the CIA's
# request, its password typed once, and again after the session expired at the save.
CASES = {
    "nss.yaml": """\
scenario: NSS
cases:
  - {id: drift, mock: {drift: true}, timeout: 3, expect: success}
""",
    "vigencia.yaml": """\
scenario: imss-vigencia
cases:
  - {id: vigente, expect: success}
  - id: otro-patron
    mock: {vigencia.case: other_employer}
    expect: {portal_error: {text: el patrón de tu último movimiento es}}
""",
    "umf.yaml": """\
scenario: imss-umf
cases:
  - {id: online, mock: {umf.students_online: true}, expect: success}
""",
    "cia.yaml": f"""\
scenario: itson-solicitud
cases:
  - id: filed
    mock: {{cia.password: "{SECRET}"}}
    expect: {{success: {{yields: {{folio: "4810001"}}}}}}
  - id: expired
    mock: {{cia.password: "{SECRET}", cia.expire_at_save: true}}
    human: {{secrets: {{cia_password: ["{SECRET}", "{SECRET}"]}}}}
    expect: success
""",
}


@pytest.mark.browser
def test_verbose_qa_cases_leak_no_personal_data_and_keep_their_files_private(
    tmp_path: Path,
) -> None:
    """Nothing personal in what the run prints or writes (its HTML report included), and what
    it writes is its owner's alone: the reports 0600 (a former run's JUnit file keeps its mode
    through a rewrite), every folder of the evidence 0700, the missing parents too."""
    cases = tmp_path / "cases"  # any folder: `--cases` names each of its files to pytest
    cases.mkdir()
    nss = scenario_with_a_secret(tmp_path)
    for name, text in CASES.items():
        (cases / name).write_text(text.replace("NSS", str(nss)), encoding="utf-8")
    home = tmp_path / "home"
    reports, evidence = home / "reports", home / "a" / "b"
    reports.mkdir(parents=True)
    junit, html = reports / "junit.xml", reports / "report.html"
    junit.write_text('<?xml version="1.0"?><testsuites/>', encoding="utf-8")  # an older report
    junit.chmod(0o644)
    done, home = qa_run(
        tmp_path,
        *("--all", "--cases", str(cases), "--workers", "2"),
        *("--artifacts", str(evidence), "--junit", str(junit), "--html", str(html)),
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "6 caso(s): 5 como se esperaba, 1 no" in done.stdout
    assert "✘ imss-nss/drift" in done.stdout
    assert "mock 127.0.0.1" in done.stderr  # the cases' own log lines, from the workers
    kept = {path.name for path in evidence.rglob("*")}
    assert "trace.zip" in kept and any(name.endswith(".png") for name in kept)
    assert_no_leak(done, home, PROFILE, WITH_NSS)

    for path in (junit, html):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    folders = [home / "a", evidence, *(p for p in evidence.rglob("*") if p.is_dir())]
    assert evidence / ".workers" in folders and evidence / "imss-nss" in folders
    for folder in folders:
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


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


def test_a_short_number_is_masked_where_it_stands_alone_not_inside_a_longer_one() -> None:
    """An exterior number or postal code inside a registro patronal or a folio is not the
    person's; standing alone (letters or signs around it) it is. Long numbers are masked
    anywhere."""
    from autohelper.privacy import Redactor

    redactor = Redactor()
    redactor.add_profile({"exterior_number": "123", "postal_code": "91000", "nss": "67015612345"})
    text = "Registro Y12-34123-10-4, folio 9100012; número 123, No.123, CP 91000; 9967015612345"
    assert redactor(text) == (
        "Registro Y12-34123-10-4, folio 9100012; número …, No.…, CP 91…00; 9967…45"
    ), redactor(text)


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
    portal.configure(**{"imss.answer": "falla_renapo"})
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


def test_private_dir_makes_every_folder_it_creates_private(tmp_path: Path) -> None:
    """The cache's `autohelper` folder, a new AUTOHELPER_DATA_DIR's parents: every folder the
    tool makes is 0700, not only the last one; those that were there are left alone."""
    from autohelper.privatefiles import private_dir

    tmp_path.chmod(0o755)
    inner = private_dir(tmp_path / "cache" / "autohelper" / "runs")
    for folder in (tmp_path / "cache", tmp_path / "cache" / "autohelper", inner):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    assert stat.S_IMODE(tmp_path.stat().st_mode) == 0o755


@pytest.mark.browser
@pytest.mark.parametrize(
    "inside",
    [
        '<input value="HEGG560427MVZRRL04" style="width: 300px">',
        "<p style='font-size: 40px'>GLORIA HERNANDEZ GARCIA</p>",  # as a portal shows a name
    ],
    ids=["field", "name-without-accents"],
)
def test_a_screenshot_masks_what_a_frame_shows_too(page: Page, tmp_path: Path, inside: str) -> None:
    """A portal's form may live in a frame (PeopleSoft's frameset): its fields, and the
    student's name as the portal writes it (capitals, no accents), are masked there too."""
    from autohelper.engine.evidence import Evidence

    frame = f'<iframe srcdoc="{html.escape(inside)}" style="width: 800px; height: 200px"></iframe>'
    body = f"<!doctype html><p>Autoservicio</p>{frame}"
    page.route(
        "https://portal.invalid/", lambda route: route.fulfill(body=body, content_type="text/html")
    )
    page.goto("https://portal.invalid/")
    page.frame_locator("iframe").locator("body").wait_for()
    evidence = Evidence(
        tmp_path, "t", mask=True, personal=["HEGG560427MVZRRL04", "Gloria Hernández"]
    )
    shot = Path(evidence.screenshot(page, "stop"))
    assert magenta_pixels(page, shot) > 1000


@pytest.mark.browser
@pytest.mark.parametrize("scrubbed", [True, False])
def test_a_saved_trace_holds_no_password(browser: Browser, tmp_path: Path, scrubbed: bool) -> None:
    """A trace keeps every page as it was and every request's body: the password typed and
    posted is taken out of both (a QA case's failed run keeps its trace)."""
    from autohelper.privacy import Redactor
    from autohelper.session import _save_trace

    password = 'Espejo "Pass" 2024&x'
    form = (
        "<form method=post action=/entrar>"
        "<input type=password name=pwd><button>Entrar</button></form>"
    )
    context = browser.new_context()
    context.route(
        "https://portal.invalid/**",
        lambda route: route.fulfill(body=f"<!doctype html>{form}", content_type="text/html"),
    )
    context.tracing.start(screenshots=False, snapshots=True)
    page = context.new_page()
    page.goto("https://portal.invalid/")
    page.fill("input[name=pwd]", password)
    with page.expect_navigation():
        page.click("button")
    scrub = Redactor()
    scrub.add("HEGG560427MVZRRL04", "curp")
    scrub.add_secrets([password])
    trace = tmp_path / "trace.zip"
    _save_trace(context, trace, scrub.secrets_only() if scrubbed else None)
    context.close()
    with zipfile.ZipFile(trace) as saved:
        held = b"".join(saved.read(member) for member in saved.namelist())
    assert b"trace.trace" in b" ".join(name.encode() for name in zipfile.ZipFile(trace).namelist())
    spellings = [password, quote_plus(password), json.dumps(password)[1:-1]]
    assert any(s.encode() in held for s in spellings) is not scrubbed


def test_a_one_use_token_or_a_session_id_in_an_address_is_masked_whatever_the_run_knows() -> None:
    """An emailed link's token opens the person's request while it is valid; a session id in
    the address, their session. The parameter's name stays, so the address still reads."""
    from autohelper.privacy import Redactor

    said = (
        "Página: https://serviciosdigitales.imss.gob.mx/vigencia/confirmacionUrl?token=kPld"
        "OBGHw4ITtzNXrCM68A&curp=X · /psp/ITSONPRD/;jsessionid=ABC123?cmd=login · "
        "a token=abc in words"
    )
    assert Redactor()(said) == (
        "Página: https://serviciosdigitales.imss.gob.mx/vigencia/confirmacionUrl?token=…"
        "&curp=X · /psp/ITSONPRD/;jsessionid=…?cmd=login · a token=abc in words"
    )

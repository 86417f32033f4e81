"""`autohelper vigencia --pdf FILE` through the console entry point: the verdict and exit code
for each of the mock's constancias and for ones laid out otherwise, the profile's school, JSON,
English, and a clear "No pude leer…" (exit 1, no traceback) for every file that is not one.
Personal data shows masked, everywhere."""

from __future__ import annotations

import datetime
import io
import json
import random
from pathlib import Path

import pytest
from click.testing import Result
from constancias import (
    CONTENTS,
    LAYOUTS,
    bomb_pdf,
    bomb_string,
    image_only_pdf,
    moved,
    text_lines,
    text_pdf,
)
from support import console

from autohelper import profile as prof
from autohelper.mock.documents import CASES, MockPerson, comprobante_nss_pdf, constancia_pdf

PERSON = MockPerson()
RAW_PERSONAL = (PERSON.nss, PERSON.curp, "GLORIA", "HERNÁNDEZ", "HERNANDEZ")


@pytest.fixture(autouse=True)
def _spanish_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AUTOHELPER_PROFILE", raising=False)


autohelper_cmd = console  # `autohelper ARGS...` in-process, stdout and stderr apart


def _profile(
    institution: str = "itson",
    curp: str = PERSON.curp,
    name: str = "default",
    nss: str | None = None,
) -> None:
    prof.save_profile(
        prof.Profile(
            curp=curp,
            nss=nss,
            email="estudiante.prueba@example.com",
            names="GLORIA",
            first_surname="HERNANDEZ",
            postal_code="83000",
            institution=institution,
        ),
        name,
    )


def _pdf(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / f"comprobanteVigenciaDerechos{PERSON.nss}.pdf"
    path.write_bytes(data)
    return path


def _assert_private(result: Result) -> None:
    shown = result.stdout + result.stderr
    for value in RAW_PERSONAL:
        assert value not in shown, value
    assert "Traceback" not in shown


EXPECTED_CODES = {"vigente": 0, "sin_derecho": 1, "otro_patron": 1, "otra_escuela": 1}


@pytest.mark.parametrize("case", CASES)
def test_each_mock_constancia_gets_its_verdict(tmp_path: Path, case: str) -> None:
    _profile("itson")
    path = _pdf(tmp_path, constancia_pdf(case, PERSON))  # type: ignore[arg-type]
    result = autohelper_cmd("vigencia", "--pdf", str(path))
    assert result.exit_code == EXPECTED_CODES[case], result.output
    said = {
        "sin_derecho": "sin derecho",
        "otro_patron": "otro patrón",
        "otra_escuela": "otra escuela",
    }
    assert f"Veredicto: {said.get(case, case)}\n" in result.stdout
    assert (
        "Se espera (perfil: itson): INSTITUTO TECNOLOGICO DE SONORA, modalidad 32." in result.stdout
    )
    assert f"Constancia: {tmp_path}/comprobanteVigenciaDerechos04…40.pdf" in result.stdout
    assert "  NSS" in result.stdout and "04…40" in result.stdout and "HEGG…L04" in result.stdout
    _assert_private(result)
    # The PDF stays where it was, and nothing is copied anywhere.
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".pdf") == [path.name]
    assert not list(tmp_path.glob("data/**/*.pdf")) and not list(tmp_path.glob("config/**/*.pdf"))


def test_vigente_output_in_full(tmp_path: Path) -> None:
    _profile("itson")
    path = _pdf(tmp_path, constancia_pdf("vigente", PERSON))
    result = autohelper_cmd("vigencia", "--pdf", str(path))
    lines = result.stdout.splitlines()
    assert "  Con derecho al servicio médico  SI" in lines
    assert any(
        line.startswith("  Y5845183325  mod. 32  INSTITUTO TECNOLÓGICO DE SONORA")
        and line.endswith("← último movimiento")
        for line in lines
    ), lines
    assert "Tienes derecho al servicio médico" in result.stdout
    assert "Qué hacer: Date de alta en tu clínica (UMF)" in result.stdout


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("case", sorted(CONTENTS))
def test_other_layouts_give_the_same_verdict_as_the_mock(
    tmp_path: Path, layout: str, case: str
) -> None:
    _profile("itson")
    path = _pdf(tmp_path, LAYOUTS[layout](CONTENTS[case]))
    result = autohelper_cmd("vigencia", "--pdf", str(path), "--json")
    assert result.exit_code == EXPECTED_CODES[case], result.output
    assert json.loads(result.stdout)["verdict"] == case
    _assert_private(result)


def test_json_holds_the_verdict_its_basis_and_masked_facts(tmp_path: Path) -> None:
    _profile("itson")
    path = _pdf(tmp_path, constancia_pdf("otra_escuela", PERSON))
    result = autohelper_cmd("vigencia", "--pdf", str(path), "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["verdict"] == "otra_escuela"
    assert data["basis"]["con_derecho"] is True
    assert data["basis"]["last_employer"]["registro_patronal"] == "Y5812345106"
    assert data["expectation"] == {
        "institution": "itson",
        "employer": "INSTITUTO TECNOLOGICO DE SONORA",
        "modalidad": 32,
    }
    assert data["facts"]["nss"] == "04…40" and data["facts"]["curp"] == "HEGG…L04"
    assert data["file"].endswith("comprobanteVigenciaDerechos04…40.pdf")
    assert "otra escuela" in data["explanation"]
    assert data["profile"] is True and data["not_yours"] == []
    _assert_private(result)


def test_without_a_profile_any_school_counts_and_it_says_so(tmp_path: Path) -> None:
    path = _pdf(tmp_path, constancia_pdf("otra_escuela", PERSON))
    result = autohelper_cmd("vigencia", "--pdf", str(path))
    assert result.exit_code == 0, result.output
    assert "Sin perfil: acepto cualquier escuela en la modalidad 32." in result.stdout
    assert "Veredicto: vigente" in result.stdout


def test_a_school_with_servicios_escolares_accepts_any_school(tmp_path: Path) -> None:
    _profile("escolar")
    path = _pdf(tmp_path, constancia_pdf("otra_escuela", PERSON))
    result = autohelper_cmd("vigencia", "--pdf", str(path))
    assert result.exit_code == 0, result.output
    assert "Se espera (perfil: escolar): cualquier escuela en la modalidad 32" in result.stdout


def test_a_named_profile_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    path = _pdf(tmp_path, constancia_pdf("vigente", PERSON))
    result = autohelper_cmd("vigencia", "--pdf", str(path), "--profile", "nadie")
    assert result.exit_code == 1
    assert "nadie" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_constancia_of_someone_else_is_pointed_out(tmp_path: Path) -> None:
    _profile("itson", curp="BEML920313HMCLNS09")
    path = _pdf(tmp_path, constancia_pdf("vigente", PERSON))
    result = autohelper_cmd("vigencia", "--pdf", str(path))
    assert "Ojo: CURP de la constancia (HEGG…L04) no es el de tu perfil." in result.stdout
    _assert_private(result)


def test_english(tmp_path: Path) -> None:
    _profile("itson")
    path = _pdf(tmp_path, constancia_pdf("sin_derecho", PERSON))
    result = autohelper_cmd("--lang", "en", "vigencia", "--pdf", str(path))
    assert result.exit_code == 1
    assert "Verdict: not entitled (sin derecho)" in result.stdout
    assert "  Entitled to medical service  NO" in result.stdout
    assert "What to do: If you made your request less than 5 business days ago" in result.stdout
    assert "tel. 6444-410-90-04 (8:00–16:00)" in result.stdout  # no Spanish "8:00 a 16:00"


def _symlink_loop(folder: Path) -> Path:
    (folder / "l1.pdf").symlink_to("l2.pdf")
    (folder / "l2.pdf").symlink_to("l1.pdf")
    return folder / "l1.pdf"


BAD_FILES = {
    "empty": (lambda p: _pdf(p, b""), "el archivo está vacío"),
    "image": (lambda p: _pdf(p, image_only_pdf()), "si ese es el original, revisa tú en él"),
    "random_pdf": (
        lambda p: _pdf(p, text_pdf("Factura 1234", "Total: $450.00", "Gracias por su compra")),
        "no parece una constancia",
    ),
    "nss_comprobante": (lambda p: _pdf(p, comprobante_nss_pdf(PERSON)), "no parece una constancia"),
    "not_pdf": (lambda p: _pdf(p, b"<html><body>IMSS</body></html>"), "no es un PDF"),
    "damaged": (lambda p: _pdf(p, constancia_pdf("vigente")[:700]), "dañado o incompleto"),
    "directory": (lambda p: p, "no es un archivo"),
    "missing": (lambda p: p / f"comprobanteVigenciaDerechos{PERSON.nss}.pdf", "no existe"),
    # The system's reasons in our words, not the C library's ("Too many levels of symbolic
    # links", "File name too long").
    "symlink_loop": (_symlink_loop, "la ruta da vueltas entre enlaces simbólicos"),
    "name_too_long": (
        lambda p: p / ("a" * 300 + ".pdf"),
        "el nombre es demasiado largo para el sistema",
    ),
}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_a_file_that_is_not_a_constancia_is_a_clear_message(tmp_path: Path, kind: str) -> None:
    make, phrase = BAD_FILES[kind]
    path = make(tmp_path)
    result = autohelper_cmd("vigencia", "--pdf", str(path))
    assert result.exit_code == 1, result.output
    shown = str(path).replace(PERSON.nss, "04…40")
    assert result.stderr.startswith(f"Error: No pude leer {shown}: "), result.stderr
    assert phrase in result.stderr
    assert result.stdout == ""
    _assert_private(result)


def test_the_message_in_english(tmp_path: Path) -> None:
    path = _pdf(tmp_path, b"")
    result = autohelper_cmd("--lang", "en", "vigencia", "--pdf", str(path))
    assert result.exit_code == 1
    assert "I could not read" in result.stderr and "the file is empty" in result.stderr


def test_the_systems_reason_in_english(tmp_path: Path) -> None:
    result = autohelper_cmd("--lang", "en", "vigencia", "--pdf", str(_symlink_loop(tmp_path)))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: I could not read {tmp_path}/l1.pdf: the path loops through symbolic links (a "
        "link leads to another that leads back to it).\n"
    )


def test_pdf_is_required() -> None:
    result = autohelper_cmd("vigencia")
    assert result.exit_code == 2
    assert "--pdf" in result.stderr


def test_a_constancia_missing_what_the_verdict_needs_is_ilegible(tmp_path: Path) -> None:
    path = _pdf(
        tmp_path,
        # (a CURP: without the person's NSS or CURP it is not a constancia at all)
        text_pdf(
            "CONSTANCIA DE VIGENCIA DE DERECHOS",
            f"CURP: {PERSON.curp}",
            "Con derecho al servicio médico: SI",
        ),
    )
    result = autohelper_cmd("vigencia", "--pdf", str(path))
    assert result.exit_code == 1
    assert "Patrones: ninguno se pudo leer" in result.stdout
    assert "  UMF (clínica)                   (no se pudo leer)" in result.stdout
    assert "Veredicto: ilegible" in result.stdout
    assert "No pude leer en la constancia: los patrones." in result.stdout


def test_help_lists_the_command() -> None:
    result = autohelper_cmd("--help")
    assert "vigencia" in result.stdout
    assert "autohelper vigencia --pdf ARCHIVO" in result.stdout


# -- what the PDF says, shown only masked ---------------------------------------------------------
# Pieces of the person's CURP and NSS, as a layout may cut them into a table's cell.
PIECES = (PERSON.curp[:10], PERSON.curp[9:], PERSON.curp[10:], PERSON.nss)


def _assert_no_pieces(result: Result) -> None:
    shown = result.stdout + result.stderr
    for piece in PIECES:
        assert piece not in shown, piece
    _assert_private(result)


def test_a_curp_under_the_employers_header_is_not_an_employer(tmp_path: Path) -> None:
    # The bad-input hunt's curp_in_table.pdf: the CURP's line under the header of "Patrones
    # anteriores" was read as that table's row (modalidad 31, the CURP's last nine characters
    # as the name).
    lines = moved(
        text_lines(constancia_pdf("vigente", PERSON)), f"CURP: {PERSON.curp}", "Registro", 2
    )
    path = _pdf(tmp_path, text_pdf(*lines))
    _profile("itson")
    result = autohelper_cmd("vigencia", "--pdf", str(path))
    assert result.exit_code == 0, result.output
    assert "  E7012345109  mod. 10  ABARROTES LA ESPERANZA, S.A. DE C.V.\n" in result.stdout
    assert "mod. 31" not in result.stdout
    _assert_no_pieces(result)
    result = autohelper_cmd("vigencia", "--pdf", str(path), "--json")
    employers = json.loads(result.stdout)["facts"]["employers"]
    assert [(e["registro_patronal"], e["modalidad"]) for e in employers] == [
        ("Y5845183325", 32),
        ("E7012345109", 10),
    ]
    _assert_no_pieces(result)


def test_personal_data_printed_in_an_employers_cell_is_masked(tmp_path: Path) -> None:
    # Whatever the reader takes from the PDF, shown or in JSON, passes through the redactor
    # (the profile's values, the constancia's own) and a mask of CURP- and NSS-shaped text.
    lines = [
        line.replace("OPERADORA DE SERVICIOS", f"OPERADORA GARCIA {PERSON.curp[9:]} {PERSON.nss}")
        for line in text_lines(constancia_pdf("otro_patron", PERSON))
    ]
    path = _pdf(tmp_path, text_pdf(*lines))
    prof.save_profile(
        prof.Profile(curp=PERSON.curp, second_surname="GARCIA", institution="itson"), "default"
    )
    result = autohelper_cmd("vigencia", "--pdf", str(path))
    assert result.exit_code == 1, result.output
    assert "Veredicto: otro patrón" in result.stdout
    # In the list of employers and in the verdict's explanation alike.
    assert result.stdout.count("OPERADORA G… … 04…40") == 2, result.stdout
    assert "GARCIA" not in result.stdout
    _assert_no_pieces(result)
    result = autohelper_cmd("vigencia", "--pdf", str(path), "--json")
    data = json.loads(result.stdout)
    assert data["basis"]["last_employer"]["name"].startswith("OPERADORA G… … 04…40")
    assert "GARCIA" not in result.stdout
    _assert_no_pieces(result)


def test_text_out_of_order_gives_no_verdict(tmp_path: Path) -> None:
    # The bad-input hunt's shuffled.pdf: the mock's lines in random order (random.seed(1)) read
    # "otro_patron", the CURP's last characters as the employer of the last movement.
    lines = text_lines(constancia_pdf("vigente", PERSON))
    random.Random(1).shuffle(lines)
    path = _pdf(tmp_path, text_pdf(*lines))
    _profile("itson")
    result = autohelper_cmd("vigencia", "--pdf", str(path))
    assert result.exit_code == 1, result.output
    assert "Veredicto: ilegible" in result.stdout
    assert "← último movimiento" not in result.stdout
    assert (
        "No pude leer en la constancia: el patrón del último movimiento (bajo «Patrón del último "
        "movimiento del asegurado» no está su patrón: el texto del PDF no sigue el orden de una "
        "constancia). No adivino" in result.stdout
    )
    _assert_no_pieces(result)
    result = autohelper_cmd("vigencia", "--pdf", str(path), "--json")
    data = json.loads(result.stdout)
    assert (data["verdict"], data["missing"]) == ("ilegible", ["last_employer.out_of_order"])
    assert data["facts"]["last_employer_basis"] == "out_of_order"


# -- whose constancia ---------------------------------------------------------------------------
OTHER_CURP, OTHER_NSS = "BEML920313HMCLNS09", "09139253356"


def test_a_constancia_of_someone_else_gets_no_verdict(tmp_path: Path) -> None:
    _profile("itson", curp=OTHER_CURP, nss=OTHER_NSS)
    path = _pdf(tmp_path, constancia_pdf("vigente", PERSON))
    result = autohelper_cmd("vigencia", "--pdf", str(path))
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    shown = str(path).replace(PERSON.nss, "04…40")
    assert result.stderr.startswith(
        f"Error: {shown} es la constancia de otra persona: su CURP (HEGG…L04) y su NSS (04…40) "
        "no son los de tu perfil. No te digo si está vigente"
    ), result.stderr
    assert "vigente" not in result.stderr.replace("está vigente", "")
    _assert_private(result)
    assert OTHER_CURP not in result.stderr and OTHER_NSS not in result.stderr
    # --json: nothing on stdout, as for a file that cannot be read.
    result = autohelper_cmd("vigencia", "--pdf", str(path), "--json")
    assert (result.exit_code, result.stdout) == (1, "")
    result = autohelper_cmd("--lang", "en", "vigencia", "--pdf", str(path))
    assert result.exit_code == 1
    assert "is someone else's constancia: its CURP (HEGG…L04) and its NSS (04…40)" in (
        result.stderr
    )
    assert "(autohelper run imss-vigencia gets it with your data)" in result.stderr
    # A profile named: every command shown names it (masked where it looks personal).
    _profile("itson", curp=OTHER_CURP, nss=OTHER_NSS, name=OTHER_CURP)
    result = autohelper_cmd("vigencia", "--pdf", str(path), "--profile", OTHER_CURP)
    assert result.exit_code == 1
    assert (
        "(autohelper run imss-vigencia --profile 'BEML…S09' la consulta con tus datos) o, si tu "
        "perfil tiene un error, corrígelo (autohelper profile show --profile 'BEML…S09'; "
        "autohelper profile set curp=… nss=… --profile 'BEML…S09')."
        in " ".join(result.stderr.split())
    ), result.stderr
    assert OTHER_CURP not in result.stderr


def test_one_identifier_that_differs_is_a_warning_and_the_verdict_stands(tmp_path: Path) -> None:
    # A typo in the profile's CURP, or a misread: the NSS is the student's.
    _profile("itson", curp=OTHER_CURP, nss=PERSON.nss)
    path = _pdf(tmp_path, constancia_pdf("vigente", PERSON))
    result = autohelper_cmd("vigencia", "--pdf", str(path))
    assert result.exit_code == 0, result.output
    assert "Ojo: CURP de la constancia (HEGG…L04) no es el de tu perfil." in result.stdout
    assert "Ojo: NSS" not in result.stdout
    assert "Veredicto: vigente" in result.stdout
    _assert_private(result)


# -- QA hunt: bombs, dates, two constancias in one file, a guide that quotes one ---------------
def _merged(*pdfs: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for data in pdfs:
        writer.append(PdfReader(io.BytesIO(data)))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("lang", ["es", "en"])
def test_a_decompression_bomb_is_refused_with_a_clear_message(tmp_path: Path, lang: str) -> None:
    bomb = bomb_pdf(bomb_string(10_000_000), pages=3)  # ~30 KB expanding to 30 MB
    args = ("--lang", "en") if lang == "en" else ()
    result = autohelper_cmd(*args, "vigencia", "--pdf", str(_pdf(tmp_path, bomb)))
    assert result.exit_code == 1
    assert result.stdout == ""
    phrase = {"es": "demasiado grande o complejo", "en": "too big or complex"}[lang]
    assert phrase in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("issued", "phrase"),
    [
        (datetime.date(2020, 3, 1), "esa fecha ya pasó"),  # "Vigente hasta 01/03/2021"
        (datetime.date.today() - datetime.timedelta(days=60), "hace más de 30 días"),
        (datetime.date(2030, 3, 1), "fecha es imposible"),
    ],
)
def test_an_old_or_future_constancia_is_not_in_force(
    tmp_path: Path, issued: datetime.date, phrase: str
) -> None:
    path = _pdf(tmp_path, constancia_pdf("vigente", issued=issued))
    result = autohelper_cmd("vigencia", "--pdf", str(path))
    assert result.exit_code == 1
    assert "Veredicto: fuera de fecha" in result.stdout
    assert phrase in result.stdout
    assert "Descarga una constancia nueva" in result.stdout
    data = json.loads(autohelper_cmd("vigencia", "--pdf", str(path), "--json").stdout)
    assert data["verdict"] == "fuera_de_fecha"


def test_two_constancias_in_one_file_are_not_judged(tmp_path: Path) -> None:
    old = constancia_pdf("vigente", issued=datetime.date(2020, 3, 1))
    path = _pdf(tmp_path, _merged(old, constancia_pdf("sin_derecho")))
    result = autohelper_cmd("vigencia", "--pdf", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "el archivo trae 2 constancias" in result.stderr
    assert "una sola constancia" in result.stderr
    english = autohelper_cmd("--lang", "en", "vigencia", "--pdf", str(path))
    assert "the file holds 2 constancias" in english.stderr


def test_a_guide_that_quotes_a_constancia_is_not_one(tmp_path: Path) -> None:
    guide = text_pdf(
        "Guia ITSON: como revisar tu constancia",
        "Tu constancia debe decir:",
        "Con derecho al servicio medico: SI",
        "Patron del ultimo movimiento del asegurado:",
        "Registro patronal Y5845183325 INSTITUTO TECNOLOGICO DE SONORA Modalidad 32 "
        "SEGURO FACULTATIVO ESTUDIANTES",
        "Si dice NO, espera 5 dias habiles.",
    )
    result = autohelper_cmd("vigencia", "--pdf", str(_pdf(tmp_path, guide)))
    assert result.exit_code == 1
    assert "Veredicto" not in result.stdout
    assert "no parece una constancia de vigencia de derechos" in result.stderr


def test_a_vigente_constancia_says_how_to_record_it_with_the_profile_given(
    tmp_path: Path,
) -> None:
    """Reading it records nothing: `status` would keep sending the student to check their
    vigencia. The command shown records it on the constancia's day, for the profile given."""
    _profile("itson", name="ana")
    path = _pdf(tmp_path, constancia_pdf("vigente", PERSON))
    shown = autohelper_cmd("vigencia", "--pdf", str(path), "--json", "--profile", "ana")
    data = json.loads(shown.stdout)
    command = f"autohelper done vigencia --on {data['facts']['issued']} --profile ana"
    assert data["done_command"] == command
    result = autohelper_cmd("vigencia", "--pdf", str(path), "--profile", "ana")
    assert result.exit_code == 0
    assert result.stdout.endswith(
        "Esta constancia no queda registrada en tu trámite por leerla aquí. Para que autohelper "
        f"status la cuente, márcala: {command}\n"
    )
    # The next step's command keeps the profile too (else it would run the default one).
    assert "es el siguiente paso (autohelper run imss-umf --profile ana)." in result.stdout
    assert data["advice"].endswith("(autohelper run imss-umf --profile ana).")
    english = autohelper_cmd("--lang", "en", "vigencia", "--pdf", str(path), "--profile", "ana")
    assert f"For autohelper status to count it, mark it: {command}\n" in english.stdout
    assert "it is the next step (autohelper run imss-umf --profile ana)." in english.stdout
    _assert_private(result)
    done = autohelper_cmd(*command.split()[1:])
    assert done.exit_code == 0, done.output
    status = json.loads(autohelper_cmd("status", "--json", "--profile", "ana").stdout)
    assert {s["id"]: s["state"] for s in status["steps"]}["vigencia"] == "done"
    # A profile named like personal data (a CURP) is masked in the commands shown.
    _profile("itson", name=PERSON.curp)
    named = autohelper_cmd("vigencia", "--pdf", str(path), "--json", "--profile", PERSON.curp)
    data = json.loads(named.stdout)
    assert data["done_command"].endswith("--profile 'HEGG…L04'"), data["done_command"]
    assert PERSON.curp not in named.stdout
    # Not vigente: nothing to record.
    other = _pdf(tmp_path, constancia_pdf("sin_derecho", PERSON))
    assert "márcala" not in autohelper_cmd("vigencia", "--pdf", str(other)).stdout

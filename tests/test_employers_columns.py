"""An employers' table with a column the reader does not know ("Movimiento", "Tipo de
movimiento", "Salario", "No."), in a landscape constancia with two label/value pairs a line and
ISO dates (as an independent mirror printed it), read from real PDFs: a header's words are never
a cell's value, the unknown column's cells are never read as a known field (a row number or a
salary is no modalidad), and what cannot be mapped is unknown, never a wrong verdict. Also the
wording when the school is the employer of the last movement in another modalidad."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from constancias import ITSON, WORK, Content, Emp, text_pdf
from fpdf import FPDF
from support import console

from autohelper import profile as prof
from autohelper.documents import (
    ConstanciaFacts,
    Employer,
    expectation_for,
    judge,
    parse_constancia,
)
from autohelper.documents.pdf import pdf_bytes_text
from autohelper.documents.text import fold, name_key

ISSUED = datetime.date(2026, 11, 23)
# The school as a job (modalidad 10, no description): its own registro patronal.
ITSON_JOB = Emp("E6160047990", 10, "INSTITUTO TECNOLOGICO DE SONORA")

# An unknown column's header and its cell in each row (the last employer's row first): values
# that look like other cells (a date, a number in a modalidad's range, words).
COLUMNS: dict[str, tuple[str, str]] = {
    "Movimiento": ("{date}", "{date}"),
    "Tipo de movimiento": ("REINGRESO", "BAJA"),
    "Salario": ("$ 32,480.50", "$ 14,250.00"),
    "No.": ("1", "2"),
}
KNOWN = ("Nombre o razón social", "Registro patronal", "Modalidad", "Descripción")
# Where the unknown column is: the mirror's order (name first, the unknown column last); first
# (a row number's place); between the registro and the modalidad; right after the name.
ORDERS: dict[str, tuple[str, ...]] = {
    "end": ("name", "registro", "modalidad", "description", "extra"),
    "first": ("extra", "registro", "modalidad", "name", "description"),
    "middle": ("registro", "extra", "modalidad", "name", "description"),
    "beside_name": ("name", "extra", "registro", "modalidad", "description"),
}
_HEADERS = dict(zip(("name", "registro", "modalidad", "description"), KNOWN, strict=True))
_WIDTHS = {"name": 80, "registro": 30, "modalidad": 20, "description": 62, "extra": 30}


def landscape_pdf(content: Content, column: str | None, order: str = "end") -> bytes:
    """A landscape constancia: the person's facts two label/value pairs a line (left and right
    halves written row by row), ISO dates; the employers' table (bordered cells, the last
    employer's row first under the caption) with `column`, a column the reader does not know,
    placed as `order` says (none: the four known columns, in the mirror's order)."""
    pdf = FPDF(orientation="L", format="letter")
    pdf.add_page()

    def cell(text: str, width: float, bold: bool = False, border: int = 0) -> None:
        pdf.set_font("Helvetica", "B" if bold else "", 8)
        pdf.cell(width, 5, text, border=border)

    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(0, 6, "IMSS  |  CONSTANCIA DE VIGENCIA DE DERECHOS", new_x="LMARGIN", new_y="NEXT")
    pairs = [
        ("NSS", content.nss, "Situación", content.situacion),
        ("CURP", content.curp, "Con derecho al servicio médico", _yes(content.con_derecho)),
        ("Nombre", content.name, "Delegación", "SONORA"),
        ("Sexo", "MUJER", "U.M.F.", content.umf),
        ("Fecha de nacimiento", "1956-04-27", "Turno", content.turno),
        ("Lugar de nacimiento", "SONORA", "Consultorio", content.consultorio),
        ("Vigente desde", content.start.isoformat(), "Vigente hasta", content.end.isoformat()),
        ("Fecha de expedición", content.issued.isoformat(), "", ""),
    ]  # fmt: skip
    for left, left_value, right, right_value in pairs:
        cell(f"{left}:", 45, bold=True)
        cell(left_value, 85)
        if right:
            cell(f"{right}:", 60, bold=True)
            cell(right_value, 60)
        pdf.ln(5)
    pdf.ln(4)
    fields = ORDERS[order] if column else ORDERS["end"][:-1]
    for name in fields:
        header = column if name == "extra" and column else _HEADERS.get(name, "")
        cell(header, _WIDTHS[name], bold=True, border=1)
    pdf.ln(5)
    cell("Patrón del último movimiento del asegurado", 0, bold=True)
    pdf.ln(5)
    for index, employer in enumerate((content.last, *content.earlier)):
        moved = (content.start - datetime.timedelta(days=400 * index)).isoformat()
        extra = COLUMNS[column][min(index, 1)].format(date=moved) if column else ""
        values = {
            "name": employer.name,
            "registro": employer.registro,
            "modalidad": str(employer.modalidad),
            "description": employer.description,
            "extra": extra,
        }
        for name in fields:
            cell(values[name], _WIDTHS[name], border=1)
        pdf.ln(5)
    return bytes(pdf.output())


def _yes(value: bool) -> str:
    return "SI" if value else "NO"


def _read(content: Content, column: str | None, order: str = "end") -> ConstanciaFacts:
    return parse_constancia(pdf_bytes_text(landscape_pdf(content, column, order)))


def _facts_of(lines: list[str]) -> ConstanciaFacts:
    # Through a real PDF, one line each, as the student's file would be read.
    return parse_constancia(pdf_bytes_text(text_pdf(*lines)))


VIGENTE = Content("VIGENTE", True, ITSON, (WORK,))
OTRO_PATRON = {
    "job": Content("VIGENTE", True, WORK, (ITSON,)),
    "itson-job": Content("VIGENTE", True, ITSON_JOB, (ITSON,)),
}
# Where the unknown column's cell stands next to the name (no other cell between them), words
# in it cannot be told from the name's: the name is unknown (at worst "cannot tell").
_UNTOLD = {("Tipo de movimiento", "beside_name")}


def test_the_pdf_prints_the_unknown_column_as_the_mirror_did() -> None:
    text = pdf_bytes_text(landscape_pdf(VIGENTE, "Movimiento"))
    assert "Nombre o razón social Registro patronal Modalidad Descripción Movimiento" in text
    assert f"{ITSON.registro} 32 SEGURO FACULTATIVO ESTUDIANTES {VIGENTE.start}" in text


@pytest.mark.parametrize("order", sorted(ORDERS))
@pytest.mark.parametrize("column", sorted(COLUMNS))
def test_a_valid_student_with_an_unknown_column_is_vigente(column: str, order: str) -> None:
    # The mirror's report: the header's "Movimiento" read as the description (not a student's:
    # otro_patron, "es INSTITUTO TECNOLOGICO DE SONORA (modalidad 32), no INSTITUTO ...").
    facts = _read(VIGENTE, column, order)
    verdict = judge(facts, expectation_for("itson"))
    last = facts.last_employer
    assert last is not None and facts.last_employer_basis == "caption"
    assert (last.registro, last.modalidad) == (ITSON.registro, 32)
    assert fold(last.description or "") == "SEGURO FACULTATIVO ESTUDIANTES"
    if (column, order) in _UNTOLD:
        assert last.name is None
        assert (verdict.code, verdict.missing) == ("ilegible", ("last_employer.name",))
    else:
        assert name_key(last.name or "") == name_key(ITSON.name)
        assert verdict.code == "vigente", verdict.explanation("es")
    # Any school in modalidad 32 does not need the name.
    assert judge(facts, expectation_for("generic")).code == "vigente"
    # No header's word is a cell's value.
    for employer in facts.employers:
        cells = fold(f"{employer.name} {employer.description}")
        for header in (column, *KNOWN):
            assert not re.search(rf"(?<![A-Z]){re.escape(fold(header))}(?![A-Z])", cells), employer


@pytest.mark.parametrize("order", sorted(ORDERS))
@pytest.mark.parametrize("column", sorted(COLUMNS))
@pytest.mark.parametrize("case", sorted(OTRO_PATRON))
def test_another_employer_with_an_unknown_column_is_never_vigente(
    case: str, column: str, order: str
) -> None:
    # A salary of "32,480.50" or a row number before the modalidad is no modalidad 32.
    content = OTRO_PATRON[case]
    facts = _read(content, column, order)
    verdict = judge(facts, expectation_for("itson"))
    assert verdict.code != "vigente"
    assert judge(facts, expectation_for("generic")).code != "vigente"
    last = facts.last_employer
    assert last is not None
    assert (last.registro, last.modalidad, last.description) == (content.last.registro, 10, None)
    if (column, order) in _UNTOLD:
        assert last.name is None and verdict.code == "ilegible"
    else:
        assert name_key(last.name or "") == name_key(content.last.name)
        assert verdict.code == "otro_patron"
    # The earlier row (the school in modalidad 32) keeps its own cells.
    earlier = next(e for e in facts.employers if e.registro == ITSON.registro)
    assert (earlier.modalidad, fold(earlier.description or "")) == (
        32,
        "SEGURO FACULTATIVO ESTUDIANTES",
    )


@pytest.mark.parametrize("case", ["vigente", "job", "itson-job"])
def test_the_mirrors_table_without_an_unknown_column_reads_the_same(case: str) -> None:
    content = VIGENTE if case == "vigente" else OTRO_PATRON[case]
    facts = _read(content, None)
    last = facts.last_employer
    assert last is not None
    assert (last.registro, last.modalidad) == (content.last.registro, content.last.modalidad)
    assert name_key(last.name or "") == name_key(content.last.name)
    assert judge(facts, expectation_for("itson")).code == (
        "vigente" if case == "vigente" else "otro_patron"
    )


@pytest.mark.parametrize(
    ("header", "row"),
    [
        # Columns the reader does not know between the ones it does, without a border.
        (
            "No.  Registro patronal  Salario  Modalidad  Nombre o razón social  Descripción",
            "1  {reg}  $ 14,250.00  32  INSTITUTO TECNOLOGICO DE SONORA  "
            "SEGURO FACULTATIVO ESTUDIANTES",
        ),
        (
            "Registro patronal  Modalidad  Descripción  Movimiento  Nombre o razón social",
            "{reg}  32  SEGURO FACULTATIVO ESTUDIANTES  2026-11-15  "
            "INSTITUTO TECNOLOGICO DE SONORA",
        ),
    ],
)
def test_unknown_columns_anywhere_in_a_plain_header(header: str, row: str) -> None:
    lines = [
        "CONSTANCIA DE VIGENCIA DE DERECHOS",
        "Fecha de emisión: 23/11/2026",
        "NSS: 04185612340",
        "Con derecho al servicio médico: SI",
        "Patrón del último movimiento del asegurado",
        header,
        row.format(reg=ITSON.registro),
    ]
    facts = _facts_of(lines)
    last = facts.last_employer
    assert last is not None
    assert (last.modalidad, last.name) == (32, "INSTITUTO TECNOLOGICO DE SONORA")
    assert last.description == "SEGURO FACULTATIVO ESTUDIANTES"
    verdict = judge(facts, expectation_for("itson"), today=ISSUED)
    assert verdict.code == "vigente"


def test_a_row_that_does_not_fit_its_header_is_unknown_never_guessed() -> None:
    # A header with a column the reader does not know, and a row whose cells cannot be put
    # under it (two numbers where one modalidad is expected, no description): unknown.
    lines = [
        "CONSTANCIA DE VIGENCIA DE DERECHOS",
        "NSS: 04185612340",
        "Con derecho al servicio médico: SI",
        "Patrón del último movimiento del asegurado",
        "Registro patronal  Modalidad  Clave  Nombre o razón social",
        f"{ITSON.registro}  32  10  SEGURO FACULTATIVO ESTUDIANTES",
    ]
    facts = _facts_of(lines)
    last = facts.last_employer
    assert last is not None and last.name is None
    assert judge(facts, expectation_for("itson")).code == "ilegible"


@pytest.mark.parametrize("unmarked", ["NO", ""])
def test_a_mark_in_an_unknown_column_does_not_mark_the_last_movement(unmarked: str) -> None:
    # "SI" under "Activo" is not the mark of "Patrón del último movimiento" (the job's row
    # was read marked too, and the employer of the last movement unknown); the school's is.
    lines = [
        "CONSTANCIA DE VIGENCIA DE DERECHOS",
        "Fecha de emisión: 23/11/2026",
        "NSS: 04185612340",
        "Con derecho al servicio médico: SI",
        "Registro patronal  Nombre o razón social  Modalidad  Activo  Patrón del último movimiento",
        f"{WORK.registro}  {WORK.name}  10  SI  {unmarked}",
        f"{ITSON.registro}  INSTITUTO TECNOLOGICO DE SONORA  32  NO  SI",
    ]
    facts = _facts_of(lines)
    assert facts.last_employer_basis == "caption"
    assert facts.last_employer is not None and facts.last_employer.registro == ITSON.registro
    assert facts.last_employer.modalidad == 32
    assert judge(facts, expectation_for("itson"), today=ISSUED).code == "vigente"
    job = facts.employers[0]
    assert job.name == WORK.name
    # With its mark's cell empty, whether "10" is its modalidad or under "Activo" (and "SI"
    # then the mark) cannot be told from the shapes: unknown, never the other column's.
    assert job.modalidad == (10 if unmarked else None)


# -- the school in another modalidad: what differs is the modalidad, not the name ----------------
def test_the_school_in_another_modalidad_says_the_modalidad_differs() -> None:
    facts = _read(OTRO_PATRON["itson-job"], "Movimiento")
    verdict = judge(facts, expectation_for("itson"))
    assert verdict.code == "otro_patron"
    spanish, english = verdict.explanation("es"), verdict.explanation("en")
    assert "es INSTITUTO TECNOLOGICO DE SONORA en la modalidad 10, no en la 32" in spanish
    assert "Seguro Facultativo" in spanish
    assert "is INSTITUTO TECNOLOGICO DE SONORA in modalidad 10, not in 32" in english
    for text in (spanish, english):
        assert "(modalidad 10)" not in text
        assert text.count("INSTITUTO TECNOLOGICO DE SONORA") == 1


def test_the_school_in_modalidad_32_described_otherwise_says_the_description_differs() -> None:
    school = Employer(ITSON.registro, 32, ITSON.name, "SEGURO FACULTATIVO IMSS / CFE")
    facts = ConstanciaFacts(
        recognised=True,
        con_derecho=True,
        employers=(school,),
        last_employer=school,
        last_employer_basis="caption",
        issued=datetime.date.today(),
    )
    verdict = judge(facts, expectation_for("itson"))
    assert verdict.code == "otro_patron"
    spanish, english = verdict.explanation("es"), verdict.explanation("en")
    assert f"es {ITSON.name} en la modalidad 32 como «SEGURO FACULTATIVO IMSS / CFE»" in spanish
    assert f"is {ITSON.name} in modalidad 32 as “SEGURO FACULTATIVO IMSS / CFE”" in english
    assert "no INSTITUTO" not in spanish and "not INSTITUTO" not in english


def test_another_employer_still_names_the_expected_school() -> None:
    verdict = judge(_read(OTRO_PATRON["job"], "Movimiento"), expectation_for("itson"))
    spanish = verdict.explanation("es")
    assert f"es {WORK.name} (modalidad 10), no INSTITUTO TECNOLOGICO DE SONORA" in spanish


def test_vigencia_command_says_the_school_is_in_another_modalidad(tmp_path: Path) -> None:
    content = OTRO_PATRON["itson-job"]
    prof.save_profile(
        prof.Profile(
            curp=content.curp,
            email="estudiante.prueba@example.com",
            names="GLORIA",
            first_surname="HERNANDEZ",
            postal_code="83000",
            institution="itson",
        ),
        "default",
    )
    path = tmp_path / "constancia.pdf"
    path.write_bytes(landscape_pdf(content, "Tipo de movimiento"))
    result = console("vigencia", "--pdf", str(path))
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "en la modalidad 10, no en la 32" in result.stdout
    assert "no INSTITUTO TECNOLOGICO DE SONORA" not in result.stdout

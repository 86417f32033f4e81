"""The mock portal's documents as real PDFs (bytes): the constancia de vigencia de derechos in
its four cases, the clinic registration acuse and the NSS comprobante.

The real documents' printed labels are not known (PORTALS.md knows the data the constancia is
built from and one caption, "Patrón del último movimiento del asegurado"): every label below is
ASSUMED, a plausible wording. The reader (autohelper.documents) must not depend on it; its tests
read other layouts too.

fpdf2's core fonts cover Latin-1, enough for Spanish; all text is real text that pypdf extracts.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from stdnum import luhn

ConstanciaCase = Literal["vigente", "sin_derecho", "otro_patron", "otra_escuela"]
CASES: tuple[ConstanciaCase, ...] = ("vigente", "sin_derecho", "otro_patron", "otra_escuela")

_SYNTHETIC_NSS = "0418561234"


@dataclass(frozen=True)
class MockPerson:
    """A synthetic insured person (invented data, never a real one)."""

    nss: str = _SYNTHETIC_NSS + luhn.calc_check_digit(_SYNTHETIC_NSS)
    curp: str = "HEGG560427MVZRRL04"
    names: str = "GLORIA"
    first_surname: str = "HERNÁNDEZ"
    second_surname: str = "GARCÍA"
    umf: str = "37"
    turno: str = "MATUTINO"
    consultorio: str = "12"
    delegacion: str = "SONORA"

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.names, self.first_surname, self.second_surname) if p)


@dataclass(frozen=True)
class MockEmployer:
    """An employer as the constancia lists it (synthetic registros patronales)."""

    registro: str
    modalidad: int
    name: str
    description: str = ""


ITSON = MockEmployer(
    "Y5845183325", 32, "INSTITUTO TECNOLÓGICO DE SONORA", "SEGURO FACULTATIVO ESTUDIANTES"
)
OTHER_SCHOOL = MockEmployer(
    "Y5812345106", 32, "UNIVERSIDAD DEL NOROESTE DE MÉXICO", "SEGURO FACULTATIVO ESTUDIANTES"
)
JOB = MockEmployer("E7012345109", 10, "ABARROTES LA ESPERANZA, S.A. DE C.V.")
CURRENT_JOB = MockEmployer("B5598765102", 10, "OPERADORA DE SERVICIOS DEL NOROESTE S.A. DE C.V.")

# Per case: (situación, con derecho, employer of the last movement, earlier employers).
_CASES: dict[ConstanciaCase, tuple[str, bool, MockEmployer, tuple[MockEmployer, ...]]] = {
    "vigente": ("VIGENTE", True, ITSON, (JOB,)),
    "sin_derecho": ("BAJA", False, JOB, ()),
    "otro_patron": ("VIGENTE", True, CURRENT_JOB, (JOB,)),
    "otra_escuela": ("VIGENTE", True, OTHER_SCHOOL, ()),
}


def _new_pdf(title: str) -> object:
    from fpdf import FPDF  # imported here: only the mock's documents need it

    pdf = FPDF(format="letter")
    pdf.set_title(title)
    pdf.set_author("IMSS (simulado)")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(0, 7, "INSTITUTO MEXICANO DEL SEGURO SOCIAL", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 11)
    pdf.cell(0, 7, title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    return pdf


def _field(pdf: object, label: str, value: str, width: float = 62) -> None:
    from fpdf import FPDF

    assert isinstance(pdf, FPDF)
    pdf.set_font("Helvetica", "B", 9)
    pdf.cell(width, 6, f"{label}:")
    pdf.set_font("Helvetica", "", 9)
    pdf.cell(0, 6, value, new_x="LMARGIN", new_y="NEXT")


def _section(pdf: object, title: str) -> None:
    from fpdf import FPDF

    assert isinstance(pdf, FPDF)
    pdf.ln(2)
    pdf.set_font("Helvetica", "B", 10)
    pdf.set_fill_color(220, 220, 220)
    pdf.cell(0, 6, title, fill=True, new_x="LMARGIN", new_y="NEXT")


def _employer_table(pdf: object, employers: Sequence[MockEmployer]) -> None:
    from fpdf import FPDF

    assert isinstance(pdf, FPDF)
    pdf.set_font("Helvetica", "", 8)
    header = ("Registro patronal", "Modalidad", "Nombre o razón social", "Descripción")
    with pdf.table(col_widths=(30, 18, 80, 62), text_align="LEFT") as table:
        row = table.row()
        for text in header:
            row.cell(text)
        for employer in employers:
            row = table.row()
            for text in (
                employer.registro,
                str(employer.modalidad),
                employer.name,
                employer.description,
            ):
                row.cell(text)


def _date(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def _bytes(pdf: object) -> bytes:
    from fpdf import FPDF

    assert isinstance(pdf, FPDF)
    return bytes(pdf.output())


def constancia_pdf(
    case: ConstanciaCase, person: MockPerson | None = None, issued: datetime.date | None = None
) -> bytes:
    """A constancia de vigencia de derechos for `person` in one of CASES:
    "vigente" (con derecho, ITSON the employer of the last movement in modalidad 32, an earlier
    job listed too), "sin_derecho" (BAJA, no rights), "otro_patron" (con derecho through a
    job: the school's registration has not gone through), "otra_escuela" (con derecho in
    modalidad 32 through another school)."""
    if case not in _CASES:
        raise ValueError(f"unknown constancia case {case!r}; known: {', '.join(CASES)}")
    person = person or MockPerson()
    issued = issued or datetime.date.today()
    situacion, rights, last, earlier = _CASES[case]
    pdf = _new_pdf("CONSTANCIA DE VIGENCIA DE DERECHOS")
    _field(pdf, "Fecha de emisión", _date(issued))
    _section(pdf, "Datos del asegurado")
    _field(pdf, "Número de Seguridad Social", person.nss)
    _field(pdf, "CURP", person.curp)
    _field(pdf, "Nombre", person.full_name)
    _field(pdf, "Delegación", person.delegacion)
    _field(pdf, "Unidad de Medicina Familiar", f"UMF {person.umf}")
    _field(pdf, "Turno", person.turno)
    _field(pdf, "Consultorio", person.consultorio)
    _section(pdf, "Vigencia de derechos")
    _field(pdf, "Situación", situacion)
    _field(pdf, "Con derecho al servicio médico", "SI" if rights else "NO")
    start = issued - datetime.timedelta(days=4 if rights else 400)
    end = issued + datetime.timedelta(days=365) if rights else issued - datetime.timedelta(days=30)
    _field(pdf, "Vigente desde", _date(start))
    _field(pdf, "Vigente hasta", _date(end))
    _section(pdf, "Patrón del último movimiento del asegurado")
    _employer_table(pdf, [last])
    if earlier:
        _section(pdf, "Patrones anteriores")
        _employer_table(pdf, list(earlier))
    _footer(
        pdf,
        "Este documento es informativo y se emite con la información registrada en el "
        "Instituto a la fecha de su emisión. Documento de un portal simulado para pruebas.",
    )
    return _bytes(pdf)


def _footer(pdf: object, text: str) -> None:
    from fpdf import FPDF

    assert isinstance(pdf, FPDF)
    pdf.ln(6)
    pdf.set_font("Helvetica", "I", 7)
    pdf.multi_cell(0, 4, text)


def acuse_umf_pdf(
    person: MockPerson | None = None,
    folio: str = "UMF2026000123",
    clinic: str = "UMF No. 37 HERMOSILLO",
    address: str = "BLVD. EJEMPLO 100, COL. CENTRO, HERMOSILLO, SONORA, C.P. 83000",
    turno: str = "MATUTINO (08:00 a 14:00)",
    consultorio: str = "12",
    when: datetime.datetime | None = None,
) -> bytes:
    """The acuse of an online clinic (UMF) registration (`acuseTramite.pdf`)."""
    person = person or MockPerson()
    when = when or datetime.datetime.now().replace(microsecond=0)
    pdf = _new_pdf("ACUSE DE REGISTRO EN UNIDAD DE MEDICINA FAMILIAR")
    _field(pdf, "Folio", folio)
    _field(pdf, "Fecha y hora", when.strftime("%d/%m/%Y %H:%M"))
    _section(pdf, "Datos del derechohabiente")
    _field(pdf, "NSS", person.nss)
    _field(pdf, "CURP", person.curp)
    _field(pdf, "Nombre", person.full_name)
    _section(pdf, "Datos de adscripción")
    _field(pdf, "Clínica asignada", clinic)
    _field(pdf, "Dirección de la clínica o UMF", address)
    _field(pdf, "Turno", turno)
    _field(pdf, "Consultorio", consultorio)
    _footer(
        pdf,
        "Siguientes pasos: Imprime los documentos generados y preséntate directamente en tu "
        "consultorio asignado. Documento de un portal simulado para pruebas.",
    )
    return _bytes(pdf)


def comprobante_nss_pdf(
    person: MockPerson | None = None,
    folio: str = "NSS2026000456",
    issued: datetime.date | None = None,
) -> bytes:
    """The comprobante of an NSS assigned or found (`comprobanteNSS.pdf`)."""
    person = person or MockPerson()
    issued = issued or datetime.date.today()
    pdf = _new_pdf("COMPROBANTE DE NÚMERO DE SEGURIDAD SOCIAL")
    _field(pdf, "Folio", folio)
    _field(pdf, "Fecha", _date(issued))
    _field(pdf, "Número de Seguridad Social", person.nss)
    _field(pdf, "CURP", person.curp)
    _field(pdf, "Nombre", person.full_name)
    _footer(
        pdf,
        "Tu Número de Seguridad Social es único, permanente e intransferible. Documento de un "
        "portal simulado para pruebas.",
    )
    return _bytes(pdf)

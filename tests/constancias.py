"""Constancias laid out unlike the mock's, as real PDFs, to show the reader does not depend on
one layout: labels over values, a two-column table flattened column by column, header rows over
rows of values; other wordings, accents or none, other date spellings, the employer table's
columns in another order. Also PDFs that are not constancias (an image, a random text).

Each layout is written with positioned text, so the PDF's own order of text (what pypdf reads)
is the layout's: a column emitted before the next one reads as a column.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass, field

from fpdf import FPDF
from stdnum import luhn


@dataclass(frozen=True)
class Emp:
    registro: str
    modalidad: int
    name: str
    description: str = ""


@dataclass(frozen=True)
class Content:
    """What a constancia says, whatever its layout (synthetic data)."""

    situacion: str
    con_derecho: bool
    last: Emp
    earlier: tuple[Emp, ...] = ()
    nss: str = "0418561234" + luhn.calc_check_digit("0418561234")
    curp: str = "HEGG560427MVZRRL04"
    name: str = "GLORIA HERNÁNDEZ GARCÍA"
    umf: str = "37"
    turno: str = "VESPERTINO"
    consultorio: str = "5"
    # Relative to today: the verdict judges a constancia's dates against today's.
    start: datetime.date = field(default_factory=lambda: _days(-5))
    end: datetime.date = field(default_factory=lambda: _days(364))
    issued: datetime.date = field(default_factory=lambda: _days(-1))


def _days(offset: int) -> datetime.date:
    return datetime.date.today() + datetime.timedelta(days=offset)


ITSON = Emp("Y5845183325", 32, "INSTITUTO TECNOLÓGICO DE SONORA", "SEGURO FACULTATIVO ESTUDIANTES")
UNISON = Emp("Y5812345106", 32, "UNIVERSIDAD DE SONORA", "SEGURO FACULTATIVO ESTUDIANTES")
SHOP = Emp("E7012345109", 10, "ABARROTES LA ESPERANZA SA DE CV")
WORK = Emp("B5598765102", 10, "OPERADORA DEL NOROESTE S.A. DE C.V.")

CONTENTS: dict[str, Content] = {
    "vigente": Content("VIGENTE", True, ITSON, (SHOP,)),
    "sin_derecho": Content("BAJA", False, SHOP),
    "otro_patron": Content("VIGENTE", True, WORK, (SHOP,)),
    "otra_escuela": Content("VIGENTE", True, UNISON),
}


def _ascii(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class _Page:
    """Text placed line by line or at given points, in the order it is written."""

    def __init__(self) -> None:
        self.pdf = FPDF(format="letter")
        self.pdf.add_page()
        self.pdf.set_font("Helvetica", size=9)
        self.y = 20.0

    def line(self, text: str, x: float = 15) -> None:
        self.at(x, self.y, text)
        self.y += 5

    def at(self, x: float, y: float, text: str) -> None:
        if y > 265:  # a new page before the bottom margin
            self.pdf.add_page()
            self.y = y = 20.0
        self.pdf.text(x, y, text)

    def columns(self, columns: list[list[str]], widths: list[float]) -> None:
        """A table written column after column (each cell at its row's height)."""
        x, top = 15.0, self.y
        for cells, width in zip(columns, widths, strict=True):
            for row, text in enumerate(cells):
                if text:
                    self.at(x, top + 5 * row, text)
            x += width
        self.y = top + 5 * max(len(cells) for cells in columns)

    def rows(self, rows: list[list[str]], widths: list[float]) -> None:
        """A table written row after row."""
        for cells in rows:
            x = 15.0
            for text, width in zip(cells, widths, strict=True):
                if text:
                    self.at(x, self.y, text)
                x += width
            self.y += 5

    def bytes(self) -> bytes:
        return bytes(self.pdf.output())


def stacked_pdf(content: Content) -> bytes:
    """Each label on its line and its value on the next; no accents anywhere; other wordings;
    the employers as blocks, earlier ones first, the last under "Ultimo patron"."""
    page = _Page()
    day = "{:%d} de {} de {:%Y}".format
    months = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
              "septiembre", "octubre", "noviembre", "diciembre"]  # fmt: skip

    def spelled(date: datetime.date) -> str:
        return day(date, months[date.month - 1], date)

    for label, value in (
        ("IMSS", ""),
        ("Constancia de Vigencia de Derechos", ""),
        ("Numero de afiliacion", content.nss),
        ("Clave Unica de Registro de Poblacion", content.curp),
        ("Nombre del asegurado", content.name),
        ("Estatus", content.situacion),
        ("Derecho a servicio medico", "SI" if content.con_derecho else "NO"),
        ("Unidad de adscripcion", f"UMF No. {content.umf}"),
        ("Turno", content.turno[0]),
        ("Consultorio", f"No. {content.consultorio}"),
        ("Inicio de vigencia", spelled(content.start)),
        ("Fin de vigencia", spelled(content.end)),
        ("Fecha de expedicion", spelled(content.issued)),
    ):
        page.line(_ascii(label))
        if value:
            page.line(_ascii(value))
    blocks = [("Historial de patrones", e) for e in content.earlier]
    blocks.append(("Ultimo patron", content.last))
    for heading, employer in blocks:
        page.line(heading)
        registro = employer.registro
        for label, value in (
            ("Razon social", employer.name),
            (
                "Registro patronal",
                f"{registro[:3]}-{registro[3:8]}-{registro[8:10]}-{registro[10]}",
            ),
            ("Modalidad", f"{employer.modalidad} {employer.description}".strip()),
        ):
            page.line(label)
            page.line(_ascii(value))
    page.line("Este documento es informativo; consulte a su Unidad de Medicina Familiar.")
    return page.bytes()


def columns_pdf(content: Content) -> bytes:
    """A two-column table (labels | values) flattened column by column: all labels, then all
    values; ISO dates; the employers' table with the name column first, also by columns; the
    employer of the last movement named on the caption's line, after the table."""
    page = _Page()
    page.line("INSTITUTO MEXICANO DEL SEGURO SOCIAL")
    page.line("CONSTANCIA DE VIGENCIA DE DERECHOS")
    rows = [
        ("NSS", content.nss),
        ("CURP", content.curp),
        ("Nombre", content.name),
        ("Situación del asegurado", content.situacion),
        ("Con derecho al servicio médico", "SI" if content.con_derecho else "NO"),
        ("Unidad de Medicina Familiar", content.umf.zfill(3)),
        ("Turno", content.turno),
        ("Consultorio", content.consultorio),
        ("Fecha de inicio", content.start.isoformat()),
        ("Fecha de término", content.end.isoformat()),
        ("Fecha de emisión", content.issued.isoformat()),
    ]
    page.columns([[label for label, _ in rows], [value for _, value in rows]], [70, 80])
    page.y += 5
    employers = [*content.earlier, content.last]
    page.columns(
        [
            ["Nombre o razón social", *(e.name for e in employers)],
            ["Registro patronal", *(e.registro for e in employers)],
            ["Modalidad", *(str(e.modalidad) for e in employers)],
            ["Descripción", *(e.description for e in employers)],
        ],
        [70, 30, 20, 60],
    )
    page.line(f"Patrón del último movimiento del asegurado: {content.last.name}")
    return page.bytes()


def header_rows_pdf(content: Content) -> bytes:
    """Labels side by side over a row of values (lower-case values, dates as 19-NOV-2026); one
    employers' table, name first, row by row; the last movement's registro on the caption's
    line; a page footer."""
    page = _Page()

    months = ["ENE", "FEB", "MAR", "ABR", "MAY", "JUN", "JUL", "AGO", "SEP", "OCT", "NOV", "DIC"]

    def spelled(date: datetime.date) -> str:
        return f"{date:%d}-{months[date.month - 1]}-{date:%Y}"

    page.line("Reporte de Vigencia de Derechos")
    page.rows(
        [
            ["No. de Seguridad Social", "CURP", "Nombre del asegurado"],
            [content.nss, content.curp, content.name.title()],
        ],
        [45, 45, 90],
    )
    page.rows(
        [
            [
                "Estatus de vigencia",
                "Con derecho al servicio médico",
                "U.M.F.",
                "Turno",
                "Consultorio",
            ],
            [
                content.situacion.lower(),
                "sí" if content.con_derecho else "no",
                content.umf,
                content.turno.lower(),
                content.consultorio,
            ],
        ],
        [35, 55, 20, 30, 30],
    )
    page.rows(
        [
            ["Vigente desde", "Vigente hasta", "Fecha de impresión"],
            [spelled(content.start), spelled(content.end), spelled(content.issued)],
        ],
        [45, 45, 60],
    )
    employers = [content.last, *content.earlier]
    page.rows(
        [["Nombre o razón social", "Registro patronal", "Mod.", "Descripción"]]
        + [[e.name, e.registro, str(e.modalidad), e.description] for e in employers],
        [70, 35, 15, 70],
    )
    page.line(f"Patrón del último movimiento del asegurado: {content.last.registro}")
    page.line("Página 1 de 1")
    return page.bytes()


def table_pdf(
    content: Content,
    widths: tuple[float, float, float, float] = (30, 20, 40, 45),
    *,
    upper: bool = False,
    accents: bool = True,
    stacked: bool = False,
    history: str = "",
    footer: tuple[str, ...] = (),
) -> bytes:
    """The employers as a bordered table drawn cell after cell (fpdf2 `multi_cell`, as a
    generator writes a table): a cell narrower than its text wraps onto lines under its row,
    so the text reads the registro, the modalidad and the name's first line, then the rest of
    the name and the description, each on lines of its own. Bold header labels filling their
    cells read glued ("REGISTRO PATRONALMODALIDAD"). The person's facts as "Label: value" or,
    `stacked`, each value on the line under its label. The earlier employers as rows of the
    same table, or, with `history` (a heading), before the caption under that heading, one
    line each. `footer`: lines after the table."""
    pdf = FPDF(format="letter")
    pdf.add_page()

    def shown(text: str) -> str:
        text = text if accents else _ascii(text)
        return text.upper() if upper else text

    def line(text: str, bold: bool = False) -> None:
        pdf.set_font("Helvetica", "B" if bold else "", 9)
        pdf.cell(0, 5, shown(text), new_x="LMARGIN", new_y="NEXT")

    line("Instituto Mexicano del Seguro Social", bold=True)
    line("Constancia de Vigencia de Derechos", bold=True)
    for label, value in (
        ("Fecha de emisión", f"{content.issued:%d/%m/%Y}"),
        ("Número de Seguridad Social", content.nss),
        ("CURP", content.curp),
        ("Nombre", content.name),
        ("Situación", content.situacion),
        ("Unidad de Medicina Familiar", content.umf),
        ("Turno", content.turno),
        ("Consultorio", content.consultorio),
        ("Con derecho al servicio médico", "SI" if content.con_derecho else "NO"),
        ("Vigente desde", f"{content.start:%d/%m/%Y}"),
        ("Vigente hasta", f"{content.end:%d/%m/%Y}"),
    ):
        if stacked:
            line(label, bold=True)
            line(value)
        else:
            line(f"{label}: {value}")
    if history:
        line(history, bold=True)
        for employer in content.earlier:
            cells = (employer.registro, str(employer.modalidad), employer.name)
            line(" ".join((*cells, employer.description)).strip())
    line("Patrón del último movimiento del asegurado", bold=True)
    pdf.set_font("Helvetica", "B", 8)
    for width, label in zip(
        widths,
        ("Registro patronal", "Modalidad", "Nombre o razón social", "Descripción"),
        strict=True,
    ):
        pdf.cell(width, 6, shown(label), border=1)
    pdf.ln(6)
    pdf.set_font("Helvetica", "", 8)
    rows = [content.last] if history else [content.last, *content.earlier]
    for employer in rows:
        cells = (employer.registro, str(employer.modalidad), employer.name, employer.description)
        top = pdf.get_y()
        height = max(
            len(pdf.multi_cell(width, 5, shown(text), dry_run=True, output="LINES"))
            for width, text in zip(widths, cells, strict=True)
        )
        x = pdf.l_margin
        for width, text in zip(widths, cells, strict=True):
            pdf.set_xy(x, top)
            pdf.multi_cell(width, 5, shown(text), border=1)
            x += width
        pdf.set_xy(pdf.l_margin, top + 5 * height)
    for text in footer:
        line(text)
    return bytes(pdf.output())


LAYOUTS: dict[str, Callable[[Content], bytes]] = {
    "stacked": stacked_pdf,
    "columns": columns_pdf,
    "header_rows": header_rows_pdf,
}


def image_only_pdf() -> bytes:
    """A PDF holding only a picture (a scanned constancia): no text layer."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 300), "white")
    ImageDraw.Draw(image).rectangle((40, 40, 560, 260), outline="black", width=4)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(io.BytesIO(buffer.getvalue()), x=10, y=10, w=180)
    return bytes(pdf.output())


def text_pdf(*lines: str) -> bytes:
    """A PDF with some text, one line each."""
    page = _Page()
    for text in lines:
        page.line(text)
    return page.bytes()


def text_lines(data: bytes) -> list[str]:
    """The lines of a PDF's text (pypdf's order), blank ones left out: to write them again in
    another order or with a line moved (`text_pdf(*lines)`)."""
    from autohelper.documents.pdf import pdf_bytes_text

    return [line for line in pdf_bytes_text(data).splitlines() if line.strip()]


def moved(lines: list[str], line: str, after: str, nth: int = 1) -> list[str]:
    """`lines` with `line` taken out and put back after the `nth` line that starts with
    `after`."""
    rest = [other for other in lines if other != line]
    places = [index for index, other in enumerate(rest) if other.startswith(after)]
    place = places[nth - 1] + 1
    return [*rest[:place], line, *rest[place:]]


def bomb_pdf(content: bytes, pages: int = 1) -> bytes:
    """A small PDF (pypdf) whose pages' content streams, Flate-compressed, expand to `content`
    each: a decompression bomb when `content` is long and repetitive (synthetic)."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    for _ in range(pages):
        page = writer.add_blank_page(612, 792)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
        stream = DecodedStreamObject()
        stream.set_data(content)
        page[NameObject("/Contents")] = writer._add_object(stream.flate_encode())
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def bomb_lines(count: int) -> bytes:
    """A page's content of `count` short lines of text (each a text operation)."""
    line = b"0 -10 Td (Registro patronal Y5845183325 modalidad 32) Tj\n"
    return b"BT /F1 9 Tf 20 700 Td " + line * count + b"ET\n"


def bomb_string(length: int) -> bytes:
    """A page's content of one string of `length` characters."""
    return b"BT /F1 9 Tf 10 10 Td (" + b"A" * length + b") Tj ET\n"

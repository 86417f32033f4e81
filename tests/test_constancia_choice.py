"""Two reader bugs, through real PDFs (fpdf2) read as a student's file is read:

- "Con derecho al servicio médico" printed as a choice (SI and NO, each with a box or a mark,
  or after a caption "SI/NO:"): the marked option is the answer; a choice that cannot be read
  (no mark, two, the mark on another line) is unknown, never a "SI". A NO marked is never
  `vigente` (the first SI printed after the label was read as the answer).
- A constancia's title and date of issue repeated on its second page, or a print stamp
  ("Fecha de impresión: … Página 1 de 1") under it, are one constancia (they were refused as
  "el archivo trae 2 constancias"); two constancias that differ are still refused.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from fpdf import FPDF

from autohelper.documents import expectation_for, judge, parse_constancia, read_constancia
from autohelper.documents.constancia import ConstanciaFacts, SeveralConstancias
from autohelper.documents.pdf import pdf_bytes_text

TODAY = datetime.date.today()
ISSUED = TODAY - datetime.timedelta(days=1)
LABEL = "Con derecho al servicio médico"
# A Unicode font for the ballot boxes (☐ ☒); fpdf2's core fonts have none.
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

# A run of one line: ("text", s) in Helvetica, ("zapf", s) in ZapfDingbats (a generator's
# check boxes without a Unicode font: pypdf gives "o" as ❏, "n" as ■), ("unicode", s) in
# DejaVu Sans, ("box", "X" or "") a box drawn as lines with an X as text in it or nothing.
Run = tuple[str, str]


class _Sheet:
    """Lines of runs written left to right, as a generator places text; a page header and a
    page footer on every page when given (what report engines print)."""

    def __init__(self, header: tuple[str, ...] = (), footer: str = "") -> None:
        sheet = self

        class _Pdf(FPDF):
            def header(self) -> None:
                for text in header:
                    sheet.write([("text", text)])

            def footer(self) -> None:
                if footer:
                    self.set_y(-15)
                    sheet.write([("text", footer.format(page=self.page_no()))])

        self.pdf = _Pdf(format="letter")
        if DEJAVU.exists():
            self.pdf.add_font("dejavu", "", str(DEJAVU))
        self.pdf.set_auto_page_break(True, 20)
        self.pdf.alias_nb_pages()
        self.pdf.add_page()

    def write(self, runs: list[Run]) -> None:
        pdf, x = self.pdf, 15.0
        if pdf.will_page_break(5):
            pdf.add_page()
        y = pdf.get_y() + 4
        for kind, text in runs:
            if kind == "box":
                pdf.rect(x, y - 3.2, 3.6, 3.6)
                pdf.set_font("Helvetica", size=9)
                if text:
                    pdf.text(x + 0.7, y, text)
                x += 6
                continue
            font = {"text": "Helvetica", "zapf": "ZapfDingbats", "unicode": "dejavu"}[kind]
            pdf.set_font(font, size=9)
            pdf.text(x, y, text)
            x += pdf.get_string_width(text) + 2
        pdf.set_y(pdf.get_y() + 5)

    def bytes(self) -> bytes:
        return bytes(self.pdf.output())


def _facts_lines(
    choice: list[list[Run]],
    situacion: str | None = "VIGENTE",
    curp: str = "HEGG560427MVZRRL04",
    nss: str = "04185612340",
    issued: datetime.date = ISSUED,
) -> list[list[Run]]:
    """A constancia of an ITSON student (ITSON the employer of the last movement, modalidad
    32), dates around today, with the lines of `choice` for "Con derecho…"."""

    def text(*lines: str) -> list[list[Run]]:
        return [[("text", line)] for line in lines]

    return [
        *text(
            f"Fecha de emisión: {issued:%d/%m/%Y}",
            f"Número de Seguridad Social: {nss}",
            f"CURP: {curp}",
            "Nombre: GLORIA HERNÁNDEZ GARCÍA",
        ),
        *(text(f"Situación: {situacion}") if situacion else []),
        *choice,
        *text(
            "Unidad de Medicina Familiar: 37",
            "Turno: MATUTINO",
            "Consultorio: 12",
            f"Vigente desde: {TODAY - datetime.timedelta(days=5):%d/%m/%Y}",
            f"Vigente hasta: {TODAY + datetime.timedelta(days=364):%d/%m/%Y}",
            "Patrón del último movimiento del asegurado",
            "Registro patronal: Y5845183325",
            "Modalidad: 32",
            "Nombre o razón social: INSTITUTO TECNOLÓGICO DE SONORA",
            "Descripción: SEGURO FACULTATIVO ESTUDIANTES",
        ),
    ]


def _pdf(lines: list[list[Run]], title: bool = True, **sheet: str | tuple[str, ...]) -> bytes:
    page = _Sheet(**sheet)  # type: ignore[arg-type]
    if title:
        page.write([("text", "INSTITUTO MEXICANO DEL SEGURO SOCIAL")])
        page.write([("text", "CONSTANCIA DE VIGENCIA DE DERECHOS")])
    for runs in lines:
        page.write(runs)
    return page.bytes()


def _read(data: bytes) -> ConstanciaFacts:
    return parse_constancia(pdf_bytes_text(data))


def _verdict(facts: ConstanciaFacts) -> str:
    return judge(facts, expectation_for("itson"), today=TODAY).code


# -- bug 1: a choice ---------------------------------------------------------------------------
def _x(marked: bool) -> str:
    return "X" if marked else " "


# layout -> the "Con derecho…" line(s) with SI marked (True) or NO marked (False).
CHOICES: dict[str, Callable[[bool], list[list[Run]]]] = {
    # The independent mirror's check-box form.
    "brackets-after": lambda si: [[("text", f"{LABEL}:   SI [{_x(si)}]    NO [{_x(not si)}]")]],
    "parens-after": lambda si: [[("text", f"{LABEL}: SI ( {_x(si)} ) NO ( {_x(not si)} )")]],
    "brackets-before": lambda si: [[("text", f"{LABEL}: [{_x(si)}] SI [{_x(not si)}] NO")]],
    "ballot-glyphs": lambda si: [
        [("text", f"{LABEL}:"), ("unicode", f"{'☒☐'[not si]} SI {'☐☒'[not si]} NO")]
    ],
    # ZapfDingbats boxes, each before its option, glued to it in the text ("❏SI ■NO").
    "zapf-boxes": lambda si: [
        [
            ("text", f"{LABEL}:"),
            ("zapf", "on"[si]),
            ("text", "SI"),
            ("zapf", "no"[si]),
            ("text", "NO"),
        ]
    ],
    "caption": lambda si: [[("text", f"{LABEL} SI/NO: {'SI' if si else 'NO'}")]],
    "caption-parens": lambda si: [[("text", f"{LABEL} (SI/NO): {'SI' if si else 'NO'}")]],
    "choice-below": lambda si: [
        [("text", LABEL)],
        [("text", f"SI [{_x(si)}]   NO [{_x(not si)}]")],
    ],
}


def _needs_font(layout: str) -> None:
    if layout == "ballot-glyphs" and not DEJAVU.exists():
        pytest.skip(f"no Unicode font at {DEJAVU}")


def test_the_layouts_print_their_boxes_as_pypdf_reads_them() -> None:
    text = pdf_bytes_text(_pdf(CHOICES["zapf-boxes"](False)))
    assert "❏SI ■NO" in text  # not "☐ SI ☒ NO": the reader must know ZapfDingbats' boxes
    if DEJAVU.exists():
        assert "☐ SI ☒ NO" in pdf_bytes_text(_pdf(CHOICES["ballot-glyphs"](False)))


@pytest.mark.parametrize("situacion", ["VIGENTE", "BAJA"])
@pytest.mark.parametrize("layout", sorted(CHOICES))
def test_no_marked_is_read_no_and_never_vigente(layout: str, situacion: str) -> None:
    # Situación VIGENTE too: only the marked NO says the rights are not there.
    _needs_font(layout)
    facts = _read(_pdf(_facts_lines(CHOICES[layout](False), situacion)))
    assert facts.con_derecho is False
    assert not facts.con_derecho_unclear
    assert _verdict(facts) == "sin_derecho"


@pytest.mark.parametrize("layout", sorted(CHOICES))
def test_si_marked_is_read_con_derecho(layout: str) -> None:
    _needs_font(layout)
    facts = _read(_pdf(_facts_lines(CHOICES[layout](True))))
    assert facts.con_derecho is True
    assert _verdict(facts) == "vigente"


# Boxes drawn as lines with an X as text in one: the text has the X and the words only.
DRAWN: dict[str, tuple[list[Run], bool | None]] = {
    # "SI NO X": the X after NO, and no box before SI: boxes after their options.
    "after-no-marked": ([("text", "SI"), ("box", ""), ("text", "NO"), ("box", "X")], False),
    # "X SI NO": boxes before their options.
    "before-si-marked": ([("box", "X"), ("text", "SI"), ("box", ""), ("text", "NO")], True),
    # "SI X NO": SI's box after it or NO's box before it, the text cannot tell.
    "after-si-marked": ([("text", "SI"), ("box", "X"), ("text", "NO"), ("box", "")], None),
    "before-no-marked": ([("box", ""), ("text", "SI"), ("box", "X"), ("text", "NO")], None),
}


@pytest.mark.parametrize("layout", sorted(DRAWN))
def test_drawn_boxes_pair_the_x_with_its_option_or_leave_it_unknown(layout: str) -> None:
    runs, expected = DRAWN[layout]
    facts = _read(_pdf(_facts_lines([[("text", f"{LABEL}:"), *runs]], situacion="BAJA")))
    assert facts.con_derecho is expected
    assert facts.con_derecho_unclear is (expected is None)
    assert _verdict(facts) == ("vigente" if expected else "sin_derecho")


# Choices that cannot be read, NO being the marked one where one is marked.
UNCLEAR: dict[str, list[list[Run]]] = {
    "x-on-the-next-line": [[("text", f"{LABEL}   SI   NO")], [("text", "                X")]],
    "choice-below-x-further-below": [
        [("text", LABEL)],
        [("text", "SI    NO")],
        [("text", "        X")],
    ],
    "no-mark": [[("text", f"{LABEL}:   SI [ ]    NO [ ]")]],
    "two-marks": [[("text", f"{LABEL}:   SI [X]    NO [X]")]],
    "both-options-bare": [[("text", f"{LABEL}: SI/NO")]],
    "boxes-at-both-ends": [[("text", f"{LABEL}: [ ] SI [X] NO [ ]")]],
    "two-boxes-for-no": [[("text", f"{LABEL}: SI [ ] NO [X] [ ]")]],
}


@pytest.mark.parametrize("layout", sorted(UNCLEAR))
def test_a_choice_that_cannot_be_read_is_unknown_never_si(layout: str) -> None:
    facts = _read(_pdf(_facts_lines(UNCLEAR[layout], situacion=None)))
    assert facts.con_derecho is None
    assert facts.con_derecho_unclear
    verdict = judge(facts, expectation_for("itson"), today=TODAY)
    assert (verdict.code, verdict.missing) == ("ilegible", ("con_derecho",))
    # With a situación of no rights, the verdict falls back to it: never vigente.
    baja = _read(_pdf(_facts_lines(UNCLEAR[layout], situacion="BAJA")))
    assert (baja.con_derecho, _verdict(baja)) == (None, "sin_derecho")


@pytest.mark.parametrize("layout", sorted(UNCLEAR))
def test_an_unreadable_choice_is_not_replaced_by_a_vigente_situacion(layout: str) -> None:
    """The mark may be on NO: a VIGENTE situación never stands in for it (a wrong "vigente"
    is the worst answer the reader can give)."""
    facts = _read(_pdf(_facts_lines(UNCLEAR[layout], situacion="VIGENTE")))
    assert facts.con_derecho_unclear
    assert _verdict(facts) == "ilegible"


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("SI", True),
        ("SÍ", True),
        ("NO", False),
        ("CON DERECHO", True),
        ("SIN DERECHO", False),
        ("SI [X]", True),
        ("[X] NO", False),
        ("SI [ ]", None),  # its only box empty: nothing said
    ],
)
def test_a_single_option_printed_keeps_its_reading(printed: str, expected: bool | None) -> None:
    for lines in ([[("text", f"{LABEL}: {printed}")]], [[("text", LABEL)], [("text", printed)]]):
        facts = _read(_pdf(_facts_lines(lines, situacion=None)))
        assert facts.con_derecho is expected, lines


# -- bug 2: one constancia, its title or date printed again ------------------------------------
def _paged(footer: str = "Página {page} de 2") -> bytes:
    """A two-page constancia: a title and the date of issue at the head of each page, a page
    number under it, its employers' history running onto page 2."""
    history = [[("text", f"Y58{n:08d}   10   EMPRESA DE PRUEBA {n} SA DE CV")] for n in range(45)]
    facts = _facts_lines(CHOICES["brackets-after"](True))[1:]  # the header dates it
    lines = [*facts, [("text", "Patrones anteriores")]]
    header = (
        "INSTITUTO MEXICANO DEL SEGURO SOCIAL",
        "CONSTANCIA DE VIGENCIA DE DERECHOS",
        f"Fecha de emisión: {ISSUED:%d/%m/%Y}",
    )
    return _pdf([*lines, *history], title=False, header=header, footer=footer)


def _with_stamp(printed: datetime.date, on_top: bool = False) -> bytes:
    stamp = [("text", f"Fecha de impresión: {printed:%d/%m/%Y} 10:42:17    Página 1 de 1")]
    facts = _facts_lines(CHOICES["caption"](True))
    return _pdf([stamp, *facts] if on_top else [*facts, stamp])


SINGLE: dict[str, Callable[[], bytes]] = {
    "print-stamp-same-day": lambda: _with_stamp(ISSUED),
    "print-stamp-days-later": lambda: _with_stamp(TODAY),
    # Read first, the print date would be taken for the date of issue.
    "print-stamp-on-top": lambda: _with_stamp(TODAY, on_top=True),
    "page-header-on-page-2": _paged,
    "page-header-and-stamp": lambda: _paged(
        f"Fecha de impresión: {TODAY:%d/%m/%Y} 10:42:17   Página {{page}} de 2"
    ),
}


@pytest.mark.parametrize("layout", sorted(SINGLE))
def test_a_repeated_header_or_print_stamp_is_one_constancia(layout: str, tmp_path: Path) -> None:
    path = tmp_path / "comprobanteVigenciaDerechos04185612340.pdf"
    path.write_bytes(SINGLE[layout]())
    text = pdf_bytes_text(path.read_bytes())
    assert text.count("Fecha de emisión") + text.count("Fecha de impresión") >= 2
    if layout.startswith("page-header"):
        assert text.count("CONSTANCIA DE VIGENCIA DE DERECHOS") == 2
        assert "Página 2 de 2" in text
    facts = read_constancia(path)  # raised SeveralConstancias
    assert facts.copies == 1
    assert facts.issued == ISSUED  # the date of issue, not the print stamp's
    assert facts.con_derecho is True
    assert _verdict(facts) == "vigente"


def _two(first: bytes, second: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for data in (first, second):
        writer.append(PdfReader(io.BytesIO(data)))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _one(**changes: object) -> bytes:
    choice = CHOICES["brackets-after"](bool(changes.pop("si", True)))
    return _pdf(_facts_lines(choice, **changes))  # type: ignore[arg-type]


TWO: dict[str, Callable[[], bytes]] = {
    "an-old-and-a-new-one": lambda: _two(_one(issued=datetime.date(2020, 3, 1)), _one()),
    "the-same-day-si-then-no": lambda: _two(_one(), _one(si=False, situacion="BAJA")),
    "another-person": lambda: _two(_one(), _one(curp="BEML920313HMCLNS09", nss="09139253356")),
}


@pytest.mark.parametrize("files", sorted(TWO))
def test_two_constancias_that_differ_are_still_refused(files: str, tmp_path: Path) -> None:
    path = tmp_path / "dos.pdf"
    path.write_bytes(TWO[files]())
    assert _read(path.read_bytes()).copies == 2
    with pytest.raises(SeveralConstancias):
        read_constancia(path)


def test_one_constancia_printed_twice_is_one(tmp_path: Path) -> None:
    # The same values twice: whichever is read, the verdict is the same.
    path = tmp_path / "dos_veces.pdf"
    path.write_bytes(_two(_one(), _one()))
    facts = read_constancia(path)
    assert facts.copies == 1
    assert _verdict(facts) == "vigente"

"""Real PDFs for the mock's documents (fpdf2): what a portal would attach or let download.

Text is written with a core font, so pypdf (and any reader) extracts it as written. The
layouts of the IMSS documents are not known (PORTALS.md): the mock's are plausible, not copies.
"""

from __future__ import annotations

from collections.abc import Iterable


def text_pdf(title: str, lines: Iterable[str]) -> bytes:
    """A one-column PDF: a bold title, then one line of text per entry."""
    from fpdf import FPDF

    pdf = FPDF(format="Letter")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", style="B", size=13)
    pdf.multi_cell(0, 8, _latin(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    for line in lines:
        pdf.multi_cell(0, 6, _latin(line) or " ", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _latin(text: str) -> str:
    # The core fonts cover Latin-1 (accents, ñ); anything else becomes "?" rather than failing.
    return text.encode("latin-1", "replace").decode("latin-1")

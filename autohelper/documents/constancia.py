"""Reading a constancia de vigencia de derechos (IMSS-02-020-B) from its text.

Rules over normalised text, not a parser of one layout: labels in their plausible wordings
(labels.py) with their values on the same line or below (layout.py), and values that have a
shape of their own (a CURP, a registro patronal, a modalidad's description) found wherever they
are printed. Employers are grouped by their registro patronal, whether the table was flattened
row by row or column by column. What is not read is None: never a guess.
"""

from __future__ import annotations

import datetime
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stdnum import luhn

from autohelper.documents.employers import Employer, employer_columns, read_employers
from autohelper.documents.labels import CHOICE_TOKEN, CURP_ANYWHERE, NSS_ANYWHERE, SHAPES
from autohelper.documents.layout import Layout, Value
from autohelper.documents.pdf import pdf_text, shown_path
from autohelper.documents.text import DATE_RE, date_from_match, find_dates, fold
from autohelper.errors import DocumentError, NotAConstancia
from autohelper.privacy import mask

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ConstanciaFacts:
    """What a constancia says; None where it could not be read. The NSS, CURP and name are the
    person's: kept for comparison with the profile, shown only masked (not even in repr)."""

    recognised: bool = False
    situacion: str | None = None
    con_derecho: bool | None = None
    # "Con derecho al servicio médico" printed as a choice that cannot be read (both options
    # and no mark, two marks, the mark on another line): its answer is unknown, and the
    # situación should not stand in for it (it may say VIGENTE where NO is marked).
    con_derecho_unclear: bool = False
    umf: str | None = None
    turno: str | None = None
    consultorio: str | None = None
    vigencia_start: datetime.date | None = None
    vigencia_end: datetime.date | None = None
    issued: datetime.date | None = None
    nss: str | None = field(default=None, repr=False)
    curp: str | None = field(default=None, repr=False)
    name: str | None = field(default=None, repr=False)
    employers: tuple[Employer, ...] = ()
    last_employer: Employer | None = None
    # How the employer of the last movement was known: "caption" (printed under "Patrón del
    # último movimiento del asegurado") or "only_employer" (the constancia lists just one).
    # With none known, "out_of_order" when the caption is there but no registro is under it
    # (the text is not in a constancia's order), else None.
    last_employer_basis: str | None = None
    # How many constancias the text holds, at least: the most different values printed for a
    # fact a constancia states once (the person's NSS or CURP, the answer to "Con derecho al
    # servicio médico", the date after one wording of the date of issue). A title, a page
    # header or a print stamp printed again with the same values is no other constancia.
    # More than one: the file is several constancias (not judged).
    copies: int = 1

    def unknown(self) -> tuple[str, ...]:
        """The facts that could not be read."""
        names = (
            "situacion", "con_derecho", "umf", "turno", "consultorio", "vigencia_start",
            "vigencia_end", "issued", "nss", "curp", "name", "last_employer",
        )  # fmt: skip
        missing = [name for name in names if getattr(self, name) is None]
        if not self.employers:
            missing.append("employers")
        return tuple(missing)

    def public(self) -> dict[str, Any]:
        """The facts as JSON-ready data with the personal ones masked (journal, --json)."""

        def day(value: datetime.date | None) -> str | None:
            return value.isoformat() if value else None

        return {
            "situacion": self.situacion,
            "con_derecho": self.con_derecho,
            "umf": self.umf,
            "turno": self.turno,
            "consultorio": self.consultorio,
            "vigencia_start": day(self.vigencia_start),
            "vigencia_end": day(self.vigencia_end),
            "issued": day(self.issued),
            "nss": mask(self.nss, "nss") if self.nss else None,
            "curp": mask(self.curp, "curp") if self.curp else None,
            "name": mask(self.name, "name") if self.name else None,
            "employers": [employer.public() for employer in self.employers],
            "last_employer": self.last_employer.public() if self.last_employer else None,
            "last_employer_basis": self.last_employer_basis,
        }


class SeveralConstancias(DocumentError):
    """The file holds more than one constancia (e.g. an old one and a new one): which one is
    the student's present one cannot be told, so none is judged."""

    key = "document.several_constancias"


def read_constancia(path: Path | str, shown: str | None = None) -> ConstanciaFacts:
    """Read the constancia PDF at `path` (left where it is). Raises a DocumentError subclass
    when the file gives no text, NotAConstancia when its text is not a constancia's (nothing of
    one, or no NSS nor CURP: a guide that quotes a constancia's lines is not one),
    SeveralConstancias when it holds more than one. `shown` names the file in those errors
    (default: `shown_path(path)`)."""
    shown = shown_path(path) if shown is None else shown
    facts = parse_constancia(pdf_text(path, shown))
    if not facts.recognised or (facts.nss is None and facts.curp is None):
        raise NotAConstancia(path=shown)
    if facts.copies > 1:
        raise SeveralConstancias(path=shown, copies=facts.copies)
    return facts


def parse_constancia(text: str) -> ConstanciaFacts:
    """The facts a constancia's text states. `recognised` is False when nothing in the text
    is a constancia's (no situation, no "con derecho", no employer, no caption)."""
    doc = Layout(text)
    employer_columns(doc)
    recognised = bool(
        doc.all_hits("con_derecho", "sin_derecho", "situacion", "registro", "caption")
    ) or any("VIGENCIA DE DERECHOS" in re.sub(r"\s+", " ", line) for line in doc.folded)
    nss = _nss(doc)
    employers, last, basis = read_employers(doc, nss)
    start, end = _vigencia(doc)
    con_derecho, unclear = _con_derecho(doc)
    facts = ConstanciaFacts(
        recognised=recognised,
        situacion=_situacion(doc),
        con_derecho=con_derecho,
        con_derecho_unclear=unclear,
        umf=_number(_first(doc, "umf", SHAPES["umf"])),
        turno=_turno(doc),
        consultorio=_number(_first(doc, "consultorio", SHAPES["consultorio"])),
        vigencia_start=start,
        vigencia_end=end,
        issued=_date(doc, "issued"),
        nss=nss,
        curp=_curp(doc),
        name=_person_name(doc),
        employers=tuple(employers),
        last_employer=last,
        last_employer_basis=basis,
        copies=_copies(doc),
    )
    log.debug("constancia read; not read: %s", ", ".join(facts.unknown()) or "nothing")
    return facts


def _copies(doc: Layout) -> int:
    """How many constancias the text holds at least (see ConstanciaFacts.copies). Only values
    that differ count: a two-page constancia repeats its title and date of issue on each page,
    and a report engine stamps "Fecha de impresión: … Página 1 de 1" under it; neither is a
    second constancia, while an old and a new one differ in their date, answer or person."""
    # The person's block: the values of its labels (a CURP-shaped word elsewhere, e.g. in a
    # cell, is no second person).
    nss = {
        re.sub(r"\D", "", value.text)
        for hit in doc.all_hits("nss")
        if (value := doc.value(hit, SHAPES["nss"])) is not None
    }
    curps = {
        fold(value.text)
        for hit in doc.all_hits("curp")
        if (value := doc.value(hit, SHAPES["curp"])) is not None
    }
    answers = set()
    for hit in doc.all_hits("con_derecho"):
        value = doc.value(hit, SHAPES["con_derecho"])
        answer = _choice(doc, value) if value is not None else None
        if answer is not None:
            answers.add(answer)
    # Dates compared per wording: a print stamp ("Fecha de impresión") may be later than the
    # date of issue ("Fecha de emisión") of the same constancia.
    issued: dict[str, set[datetime.date]] = {}
    for hit in doc.all_hits("issued"):
        value = doc.value(hit, DATE_RE)
        match = DATE_RE.search(fold(value.text)) if value is not None else None
        day = date_from_match(match) if match else None
        if day is not None:
            wording = re.sub(r"\s+", "", doc.folded[hit.line][hit.start : hit.end])
            issued.setdefault(wording, set()).add(day)
    counts = [len(nss), len(curps), len(answers), *(len(days) for days in issued.values())]
    return max(1, *counts)


# -- single facts -------------------------------------------------------------------------------
def _first(doc: Layout, name: str, shape: re.Pattern[str] | None) -> Value | None:
    """The value of the most specific label of a field that has one."""
    hits = sorted(doc.all_hits(name), key=lambda hit: (hit.rank, hit.line, hit.start))
    for hit in hits:
        value = doc.value(hit, shape)
        if value is not None:
            return value
    return None


def _number(value: Value | None) -> str | None:
    if value is None:
        return None
    digits = re.sub(r"\D", "", value.text)
    return str(int(digits)) if digits else None


def _situacion(doc: Layout) -> str | None:
    value = _first(doc, "situacion", SHAPES["situacion"])
    if value is None:
        return None
    words = re.sub(r"\s+", " ", fold(value.text)).strip()
    return "NO VIGENTE" if words.replace(" ", "") == "NOVIGENTE" else words


def _con_derecho(doc: Layout) -> tuple[bool | None, bool]:
    """The answer to "Con derecho al servicio médico", and whether it is printed as a choice
    that cannot be read (ConstanciaFacts.con_derecho_unclear)."""
    value = _first(doc, "con_derecho", SHAPES["con_derecho"])
    if value is not None:
        answer = _choice(doc, value)
        return answer, answer is None
    # "SIN DERECHO" printed as a value (upper case, as the IMSS prints data), not in a sentence.
    for hit in doc.all_hits("sin_derecho"):
        printed = doc.raw[hit.line][hit.start : hit.end]
        if printed == printed.upper():
            return False, False
    return None, False


_ANSWERS = {"SI": True, "CONDERECHO": True, "NO": False, "SINDERECHO": False}


def _choice(doc: Layout, value: Value) -> bool | None:
    """The answer a "Con derecho" value gives, read from its line up to the next label: one
    option printed ("SI"), maybe with its box marked; or both printed, each with its box, and
    exactly one box marked ("SI [ ]  NO [X]", "☐ SI ☒ NO", "SI  NO  X"). Boxes go with the
    options after them when the choice starts with a box, with the options before them when
    it ends with one. Anything else (no mark, two marks, a mark between the options only, the
    mark on another line) is None: a wrong "SI" would say the insurance is in force."""
    row = doc.hits[value.line]
    stop = min((hit.start for hit in row if hit.start >= value.end), default=None)
    text = doc.masked[value.line][value.start : stop]
    tokens = [
        (match.lastgroup or "", re.sub(r"\s+", "", match.group(0)))
        for match in CHOICE_TOKEN.finditer(text)
    ]
    options = [_ANSWERS[word] for kind, word in tokens if kind == "option"]
    if not options or len(options) != len(set(options)):
        return None  # an option printed twice: no choice between two
    if len(tokens) == 1:
        return options[0]
    boxes_before = tokens[0][0] != "option"
    if boxes_before == (tokens[-1][0] != "option"):
        # Boxes at both ends, or none there ("SI [X] NO": SI's box or NO's?, "SI NO").
        return None
    boxes: list[list[str]] = []  # each option's boxes
    pending: list[str] = []
    for kind, _ in tokens:
        if kind == "option":
            boxes.append(pending if boxes_before else [])
            pending = []
        elif boxes_before:
            pending.append(kind)
        else:
            boxes[-1].append(kind)
    if any(len(own) > 1 for own in boxes):
        return None  # two boxes for one option
    marked = [option for option, own in zip(options, boxes, strict=True) if own == ["marked"]]
    # One option printed with its box: marked, that answer; empty, nothing said.
    return marked[0] if len(marked) == 1 else None


def _turno(doc: Layout) -> str | None:
    value = _first(doc, "turno", SHAPES["turno"])
    if value is None:
        return None
    word = re.sub(r"\s+", " ", fold(value.text))
    return {"M": "MATUTINO", "V": "VESPERTINO", "N": "NOCTURNO"}.get(word, word)


def _date(doc: Layout, name: str) -> datetime.date | None:
    value = _first(doc, name, DATE_RE)
    if value is None:
        return None
    match = DATE_RE.search(fold(value.text))
    return date_from_match(match) if match else None


def _vigencia(doc: Layout) -> tuple[datetime.date | None, datetime.date | None]:
    start, end = _date(doc, "start"), _date(doc, "end")
    if start is not None and end is not None:
        return start, end
    # "Vigencia: del 01/02/2026 al 31/01/2027", "Periodo de vigencia 01/02/2026 - 31/01/2027"
    for line in doc.folded:
        if not re.search(r"VIGEN|PERIODO", line):
            continue
        dates = find_dates(line)
        for first, second in zip(dates, dates[1:], strict=False):
            if re.fullmatch(r"\s*(?:AL?|HASTA|-|–)\s*", line[first[1] : second[0]]):
                return start or first[2], end or second[2]
    return start, end


def _nss(doc: Layout) -> str | None:
    value = _first(doc, "nss", SHAPES["nss"])
    if value is not None:
        return re.sub(r"\D", "", value.text)
    # No label: the one number of NSS shape (eleven digits, Luhn) in the whole text.
    found = {
        match.group(1)
        for line in doc.masked
        for match in NSS_ANYWHERE.finditer(line)
        if luhn.is_valid(match.group(1))
    }
    return found.pop() if len(found) == 1 else None


def _curp(doc: Layout) -> str | None:
    found = {match.group(1) for line in doc.folded for match in CURP_ANYWHERE.finditer(line)}
    if len(found) == 1:
        return found.pop()
    value = _first(doc, "curp", SHAPES["curp"])
    return fold(value.text) if value else None


def _person_name(doc: Layout) -> str | None:
    names = _first(doc, "name", None)
    first, second = _first(doc, "surname1", None), _first(doc, "surname2", None)
    if first is None and second is None:
        return names.text if names else None
    parts = [part.text for part in (names, first, second) if part is not None]
    return " ".join(parts)

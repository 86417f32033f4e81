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
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from stdnum import luhn

from autohelper.documents.labels import (
    CURP_ANYWHERE,
    DESCRIPTION_RE,
    EMPLOYER_FIELDS,
    MODALIDADES,
    NSS_ANYWHERE,
    REGISTRO_ANYWHERE,
    SHAPES,
)
from autohelper.documents.layout import Layout, Value
from autohelper.documents.pdf import pdf_text, shown_path
from autohelper.documents.text import DATE_RE, date_from_match, find_dates, fold, name_key
from autohelper.errors import NotAConstancia
from autohelper.privacy import mask

log = logging.getLogger(__name__)

# How many lines without an employer's label may follow the last registro patronal and still
# belong to its employer (a wrapped name, a description, values under their labels).
_EMPLOYER_TAIL = 3


@dataclass(frozen=True)
class Employer:
    """One employer of the person as the constancia lists it (not personal data)."""

    registro: str
    modalidad: int | None = None
    name: str | None = None
    description: str | None = None

    @property
    def is_school(self) -> bool | None:
        """True when registered as a school's students (modalidad 32, "SEGURO FACULTATIVO
        ESTUDIANTES"); False for any other known modalidad or description; None when the
        constancia does not say (modalidad 32 without a description)."""
        described = fold(self.description or "")
        if "ESTUDIANT" in described:
            return True
        if described or (self.modalidad is not None and self.modalidad != 32):
            return False
        return None

    def public(self) -> dict[str, Any]:
        return {
            "registro_patronal": self.registro,
            "modalidad": self.modalidad,
            "name": self.name,
            "description": self.description,
        }


@dataclass(frozen=True)
class ConstanciaFacts:
    """What a constancia says; None where it could not be read. The NSS, CURP and name are the
    person's: kept for comparison with the profile, shown only masked (not even in repr)."""

    recognised: bool = False
    situacion: str | None = None
    con_derecho: bool | None = None
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
    last_employer_basis: str | None = None

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


def read_constancia(path: Path | str) -> ConstanciaFacts:
    """Read the constancia PDF at `path` (left where it is). Raises a DocumentError subclass
    when the file gives no text, NotAConstancia when its text is not a constancia's."""
    facts = parse_constancia(pdf_text(path))
    if not facts.recognised:
        raise NotAConstancia(path=shown_path(path))
    return facts


def parse_constancia(text: str) -> ConstanciaFacts:
    """The facts a constancia's text states. `recognised` is False when nothing in the text
    is a constancia's (no situation, no "con derecho", no employer, no caption)."""
    doc = Layout(text)
    _employer_columns(doc)
    recognised = bool(
        doc.all_hits("con_derecho", "sin_derecho", "situacion", "registro", "caption")
    ) or any("VIGENCIA DE DERECHOS" in re.sub(r"\s+", " ", line) for line in doc.folded)
    nss = _nss(doc)
    employers, last, basis = _employers(doc, nss)
    start, end = _vigencia(doc)
    facts = ConstanciaFacts(
        recognised=recognised,
        situacion=_situacion(doc),
        con_derecho=_con_derecho(doc),
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
    )
    log.debug("constancia read; not read: %s", ", ".join(facts.unknown()) or "nothing")
    return facts


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


def _con_derecho(doc: Layout) -> bool | None:
    value = _first(doc, "con_derecho", SHAPES["con_derecho"])
    if value is not None:
        return fold(value.text).replace(" ", "") in ("SI", "CONDERECHO")
    # "SIN DERECHO" printed as a value (upper case, as the IMSS prints data), not in a sentence.
    for hit in doc.all_hits("sin_derecho"):
        printed = doc.raw[hit.line][hit.start : hit.end]
        if printed == printed.upper():
            return False
    return None


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


# -- employers ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Occurrence:
    """A registro patronal printed somewhere (an employer may be printed more than once)."""

    pos: int
    line: int
    start: int
    end: int
    registro: str


def _employer_columns(doc: Layout) -> None:
    """A "Nombre" among the employer table's labels is the employer's name, not the person's."""
    for hit in doc.all_hits("name"):
        near = range(max(0, hit.line - 1), min(len(doc.raw), hit.line + 2))
        beside = [
            other
            for line in near
            for other in doc.hits[line]
            if other.field in EMPLOYER_FIELDS and (line == hit.line or doc.label_only(line))
        ]
        if beside and doc.label_only(hit.line):
            doc.reclassify(hit, "employer_name")


def _registro_key(text: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", fold(text))


def _occurrences(doc: Layout, nss: str | None) -> list[_Occurrence]:
    found: dict[tuple[int, int], _Occurrence] = {}

    def add(line: int, start: int, end: int) -> None:
        registro = _registro_key(doc.raw[line][start:end])
        if registro == nss:
            return
        found.setdefault(
            (line, start), _Occurrence(doc.position(line, start), line, start, end, registro)
        )

    labels = doc.all_hits("registro")
    for hit in labels:
        value = doc.value(hit, SHAPES["registro"])
        if value is not None:
            add(value.line, value.start, value.end)
    for index, line in enumerate(doc.masked):
        for match in REGISTRO_ANYWHERE.finditer(line):
            add(index, match.start(1), match.end(1))
    if labels and nss:
        # Eleven digits below a registro label, not the NSS and not another label's value.
        first = doc.position(labels[0].line, labels[0].start)
        for index, line in enumerate(doc.masked):
            for match in NSS_ANYWHERE.finditer(line):
                if doc.position(index, match.start()) < first:
                    continue
                before = [hit for hit in doc.hits[index] if hit.end <= match.start()]
                if before and before[-1].field not in EMPLOYER_FIELDS:
                    continue
                add(index, match.start(1), match.end(1))
    return sorted(found.values(), key=lambda occ: occ.pos)


def _area_lines(doc: Layout, occurrences: list[_Occurrence]) -> range:
    """The lines of the employers' part: from the first employer label or registro to a few
    lines after the last registro, stopping at another section's label or at prose."""
    starts = [occ.line for occ in occurrences] + [
        hit.line for hit in doc.all_hits(*EMPLOYER_FIELDS, "caption")
    ]
    first = min(starts)
    end, unlabelled = occurrences[-1].line + 1, 0
    while end < len(doc.raw) and unlabelled < _EMPLOYER_TAIL:
        fields = {hit.field for hit in doc.hits[end]}
        if fields - EMPLOYER_FIELDS - {"caption"}:
            break
        unlabelled = 0 if fields else unlabelled + 1
        letters = re.sub(r"[^A-Za-zÀ-ÿ]", "", doc.raw[end])
        lower = sum(char.islower() for char in letters)
        if not fields and len(doc.raw[end].split()) >= 5 and lower > len(letters) // 2:
            break  # a sentence, not a table cell
        end += 1
    return range(first, end)


def _employers(doc: Layout, nss: str | None) -> tuple[list[Employer], Employer | None, str | None]:
    everywhere = _occurrences(doc, nss)
    if not everywhere:
        return [], None, None
    area = _area_lines(doc, everywhere)
    blanked = _blank_values(doc, area, everywhere)
    # A registro on a caption's line that is also printed elsewhere only points at an entry.
    caption_lines = {hit.line for hit in doc.all_hits("caption")}
    occurrences = [
        occ
        for occ in everywhere
        if occ.line not in caption_lines
        or sum(other.registro == occ.registro for other in everywhere) == 1
    ]
    regs = [occ.pos for occ in occurrences]
    modalidades = _pick(
        _anchors(doc, regs, "modalidad"),
        _labelled(doc, area, "modalidad", SHAPES["modalidad"], _modalidad),
        _lone_modalidades(doc, area, occurrences),
    )
    descriptions = _pick(
        _anchors(doc, regs, "description"),
        _labelled(doc, area, "description", None, _text),
        [
            (
                doc.position(line, match.start(1)),
                _text(doc.raw[line][match.start(1) : match.end(1)]),
            )
            for line in area
            for match in DESCRIPTION_RE.finditer(doc.masked[line])
        ],
    )
    names = _pick(
        _anchors(doc, regs, "employer_name"),
        _labelled(doc, area, "employer_name", None, _employer_name),
        _text_runs(doc, area, blanked),
        join=True,
    )
    merged: dict[str, Employer] = {}
    for index, occ in enumerate(occurrences):
        found = Employer(occ.registro, modalidades[index], names[index], descriptions[index])
        known = merged.get(occ.registro)
        merged[occ.registro] = found if known is None else _merge(known, found)
    employers = list(merged.values())
    last_registro = _captioned(doc, everywhere, employers)
    if last_registro is not None:
        return employers, merged[last_registro], "caption"
    if len(employers) == 1:
        return employers, employers[0], "only_employer"
    return employers, None, None


@dataclass(frozen=True)
class _Anchors:
    """Where the registros are, and whether an attribute's column comes before theirs."""

    regs: list[int]
    before: bool

    def block(self, pos: int) -> int:
        """The registro a value at `pos` belongs to, when values cannot pair in order."""
        if self.before:
            return min(
                (i for i, reg in enumerate(self.regs) if reg >= pos), default=len(self.regs) - 1
            )
        return max((i for i, reg in enumerate(self.regs) if reg <= pos), default=0)


def _anchors(doc: Layout, regs: list[int], name: str) -> _Anchors:
    """An attribute printed before the registro (its label first: "Nombre o razón social |
    Registro patronal") belongs to the registro after it; otherwise to the one before it."""
    own = doc.all_hits(name)
    registro = doc.all_hits("registro")
    before = bool(own and registro) and (own[0].line, own[0].start) < (
        registro[0].line,
        registro[0].start,
    )
    return _Anchors(regs, before)


def _merge(known: Employer, found: Employer) -> Employer:
    return replace(
        known,
        modalidad=known.modalidad if known.modalidad is not None else found.modalidad,
        name=known.name or found.name,
        description=known.description or found.description,
    )


def _text(text: str) -> str | None:
    value = re.sub(r"\s+", " ", text).strip(" :;,|-")
    return value or None


def _employer_name(text: str) -> str | None:
    """A name, without a modalidad's description printed in the same cell."""
    folded = fold(text)  # aligned with `text`, character for character
    for match in reversed(list(DESCRIPTION_RE.finditer(folded))):
        text = text[: match.start(1)] + " " + text[match.end(1) :]
    value = _text(text)
    return value if value and len(re.sub(r"[^A-Z]", "", fold(value))) >= 2 else None


def _modalidad(text: str) -> int | None:
    digits = re.match(r"\s*(\d{1,2})", text)
    return int(digits.group(1)) if digits else None


def _labelled(
    doc: Layout, area: range, name: str, shape: re.Pattern[str] | None, convert: Any
) -> list[tuple[int, Any]]:
    """(position, value) of each label of `name` in the employers' part."""
    found = []
    for hit in doc.all_hits(name):
        if hit.line not in area:
            continue
        value = doc.value(hit, shape)
        if value is None:
            continue
        converted = convert(value.text)
        if converted is not None:
            found.append((doc.position(value.line, value.start), converted))
    return found


def _lone_modalidades(
    doc: Layout, area: range, occurrences: list[_Occurrence]
) -> list[tuple[int, int]]:
    """Numbers standing alone in the employers' part that are IMSS modalidades."""
    taken = {(occ.line, occ.start) for occ in occurrences}
    found = []
    for line in area:
        text = doc.masked[line]
        dates = find_dates(text)
        for match in re.finditer(r"(?<![\w/.-])(\d{1,2})(?![\w/.-])", text):
            if any(start <= match.start() < end for start, end, _ in dates):
                continue
            if (line, match.start()) in taken or int(match.group(1)) not in MODALIDADES:
                continue
            found.append((doc.position(line, match.start()), int(match.group(1))))
    return found


def _blank_values(doc: Layout, area: range, occurrences: list[_Occurrence]) -> dict[int, str]:
    """The employers' lines with everything that is not a name blanked out."""
    blanked: dict[int, str] = {}
    for line in area:
        text = list(doc.masked[line])

        def blank(start: int, end: int, text: list[str] = text) -> None:
            text[start:end] = "\x00" * (end - start)

        for occ in occurrences:
            if occ.line == line:
                blank(occ.start, occ.end)
        for hit in doc.hits[line]:
            if hit.field == "caption":
                blank(hit.end, len(text))  # names the employer of the last movement: no entry
        for start, end, _ in find_dates(doc.masked[line]):
            blank(start, end)
        for match in DESCRIPTION_RE.finditer(doc.masked[line]):
            blank(match.start(1), match.end(1))
        for match in re.finditer(r"(?<![A-Z0-9])\d{1,4}(?![A-Z0-9])", doc.masked[line]):
            blank(match.start(), match.end())
        blanked[line] = "".join(text)
    return blanked


def _text_runs(doc: Layout, area: range, blanked: dict[int, str]) -> list[tuple[int, str]]:
    """Stretches of words in the employers' part (names), a name wrapped onto the next line
    (upper case, short, starting that line) joined to it."""
    runs: list[tuple[int, str]] = []
    last_line_end: tuple[int, bool] | None = None  # (line, the last run reached the line's end)
    for line in area:
        text = blanked[line]
        pieces = [
            (match.start(), match.end())
            for match in re.finditer(r"[^\x00]+", text)
            if len(re.sub(r"[^A-Z]", "", text[match.start() : match.end()])) >= 2
        ]
        for number, (start, end) in enumerate(pieces):
            printed = _text(doc.raw[line][start:end])
            if printed is None:
                continue
            continues = (
                number == 0
                and runs
                and last_line_end == (line - 1, True)
                and not doc.hits[line]
                and printed == printed.upper()
                and len(printed.split()) <= 6
                and not text[:start].strip("\x00 ")
                and _wrapped(runs[-1][1], printed)
            )
            if continues:
                pos, previous = runs[-1]
                runs[-1] = (pos, f"{previous} {printed}")
            else:
                runs.append((doc.position(line, start), printed))
        reached_end = bool(pieces) and not text[pieces[-1][1] :].strip("\x00 :;,|-")
        last_line_end = (line, reached_end)
    return runs


# Words a name does not end with, or that start its second line: where a cell wraps.
_JOINING = re.compile(r"(?:^|\s)(?:DE|DEL|LA|LAS|LOS|EL|Y|E|EN|PARA|A)$")
_CONTINUING = re.compile(
    r"^(?:DE|DEL|LA|LAS|LOS|Y|E|EN|PARA)\s|^(?:S\.?\s?A\.?|S\.?\s?C\.?|A\.?\s?C\.?|S\.?\s?DE\s?R\.?\s?L\.?|I\.?\s?A\.?\s?P\.?)(?:\s|,|$)"
)


def _wrapped(first: str, second: str) -> bool:
    """Whether `second` (the next line) continues the name `first`: the first stops on a joining
    word ("INSTITUTO TECNOLOGICO DE" / "SONORA") or the second starts with one or with a company
    suffix ("S.A. DE C.V."). Two names one under the other are not joined."""
    return bool(_JOINING.search(fold(first).rstrip(" ,"))) or bool(_CONTINUING.search(fold(second)))


def _pick(
    anchors: _Anchors,
    labelled: list[tuple[int, Any]],
    shaped: list[tuple[int, Any]],
    join: bool = False,
) -> list[Any]:
    """One value for each registro occurrence. When exactly one value per registro was found,
    they pair in order (a table flattened by rows or by columns alike); otherwise each value
    goes to the registro whose stretch of text holds it: the first one found, or with `join`
    all of them (the pieces of a name split around other cells)."""
    for candidates in (labelled, shaped):
        if len(candidates) == len(anchors.regs):
            return [value for _, value in sorted(candidates, key=lambda item: item[0])]
    chosen: list[Any] = [None] * len(anchors.regs)
    for source in (labelled, shaped):  # what a label names first; shapes fill the rest
        filled: set[int] = set()
        for pos, value in sorted(source, key=lambda item: item[0]):
            index = anchors.block(pos)
            if chosen[index] is None:
                chosen[index] = value
                filled.add(index)
            elif join and index in filled:
                # Words split around other cells of the same row are one name.
                chosen[index] = f"{chosen[index]} {value}"
    return chosen


def _captioned(
    doc: Layout, occurrences: list[_Occurrence], employers: Iterable[Employer]
) -> str | None:
    """The registro of the employer under "Patrón del último movimiento del asegurado": the
    one named on the caption's line, else the first printed after the caption."""
    for hit in doc.all_hits("caption"):
        row = doc.hits[hit.line]
        if any(other.field in EMPLOYER_FIELDS for other in row):
            continue  # a column of a table, not a caption over an employer
        after = [other for other in row if other.start >= hit.end]
        stop = after[0].start if after else len(doc.masked[hit.line])
        inline = doc.masked[hit.line][hit.end : stop]
        if re.search(r"[A-Z0-9]", inline):
            named = _named(inline, occurrences, employers)
            if named is not None:
                return named
        pos = doc.position(hit.line, hit.end)
        following = [occ for occ in occurrences if occ.pos >= pos]
        if following:
            return following[0].registro
    return None


def _named(
    inline: str, occurrences: list[_Occurrence], employers: Iterable[Employer]
) -> str | None:
    key = _registro_key(inline)
    for occ in occurrences:
        if occ.registro in key:
            return occ.registro
    for employer in employers:
        if employer.name and name_key(employer.name) and name_key(employer.name) in key:
            return employer.registro
    return None

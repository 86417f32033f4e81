"""The employers a constancia lists, and which one is the employer of the last movement.

Every registro patronal printed is an entry (or a pointer to one); its modalidad, name and
description are the values found near it. When there is exactly one of a kind per registro,
they pair in order, which holds whether the table was flattened row by row or column by column;
otherwise each value goes to the registro on its side (the side its label's column is on).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, replace
from typing import Any

from autohelper.documents.labels import (
    DESCRIPTION_RE,
    EMPLOYER_FIELDS,
    LABELS,
    MODALIDADES,
    NSS_ANYWHERE,
    REGISTRO_ANYWHERE,
    SHAPES,
)
from autohelper.documents.layout import Hit, Layout
from autohelper.documents.text import find_dates, fold, name_key

# How many lines without an employer's label may follow the last registro patronal and still
# belong to its employer (a wrapped name, a description, values under their labels).
_EMPLOYER_TAIL = 3
# The labels an employers' table may print (its columns, and the caption of the last movement).
_TABLE_FIELDS = EMPLOYER_FIELDS | {"caption"}


@dataclass(frozen=True)
class Employer:
    """One employer of the person as the constancia lists it (not personal data)."""

    registro: str
    modalidad: int | None = None
    name: str | None = None
    description: str | None = None
    # Its cells wrap over lines that cannot be told apart (where the name ends, whether a line
    # under it is its own): name and description unknown, and no verdict may rest on it.
    unclear: bool = False

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
            "unclear": self.unclear,
        }


@dataclass(frozen=True)
class _Occurrence:
    """A registro patronal printed somewhere (an employer may be printed more than once)."""

    pos: int
    line: int
    start: int
    end: int
    registro: str


def employer_columns(doc: Layout) -> None:
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
        if fields - _TABLE_FIELDS or _prose(doc, end):
            break
        unlabelled = 0 if fields else unlabelled + 1
        end += 1
    return range(first, end)


def _prose(doc: Layout, line: int) -> bool:
    """A sentence (five words or more besides any label's, mostly lower case), not a table
    cell: "Este documento es informativo y se emite … a la fecha de su emisión". A line with a
    label of the table is the table's."""
    if any(hit.field in _TABLE_FIELDS for hit in doc.hits[line]):
        return False
    text = "".join(
        " " if folded == "\x00" else char
        for char, folded in zip(doc.raw[line], doc.masked[line], strict=True)
    )
    letters = re.sub(r"[^A-Za-zÀ-ÿ]", "", text)
    lower = sum(char.islower() for char in letters)
    return len(text.split()) >= 5 and lower > len(letters) // 2


def _foreign(doc: Layout, line: int) -> list[tuple[int, int]]:
    """The stretches of a line in the employers' part that are not the table's: a sentence, and
    each label of another field with its value ("CURP: …", "Turno: M", a heading such as
    "Patrones anteriores"), up to the next label. They are never an employer's cell."""
    if _prose(doc, line):
        return [(0, len(doc.raw[line]))]
    row = doc.hits[line]
    spans = []
    for index, hit in enumerate(row):
        if hit.field not in _TABLE_FIELDS:
            stop = row[index + 1].start if index + 1 < len(row) else len(doc.raw[line])
            spans.append((hit.start, stop))
    return spans


def _in_spans(spans: list[tuple[int, int]], column: int) -> bool:
    return any(start <= column < end for start, end in spans)


def read_employers(
    doc: Layout, nss: str | None
) -> tuple[list[Employer], Employer | None, str | None]:
    """The employers printed, the employer of the last movement (or None) and how it was
    known: "caption" or "only_employer"; or, with no employer of the last movement,
    "out_of_order" when the text is not in a constancia's order: a caption followed by
    registros but none under it, or a registro printed away from the employers' part."""
    everywhere = _occurrences(doc, nss)
    if not everywhere:
        return [], None, None
    area = _area_lines(doc, everywhere)
    # A header row's words are never a value; a row under a header with a column the reader
    # does not know is read by that header's columns alone (`under`).
    headers, under = _tables(doc, area, everywhere)
    blanked = _blank_values(doc, area, everywhere, headers)
    # A row's cells wrapped onto the lines under it: read as that row's, never as rows or
    # names of their own.
    wrapped = _wrapped_rows(doc, everywhere)
    continued = {line for lines in wrapped.values() for line in lines}
    cells = [line for line in area if line not in continued]
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
        _labelled(doc, area, "modalidad", SHAPES["modalidad"], _modalidad, headers=headers),
        _lone_modalidades(doc, cells, occurrences),
    )
    descriptions = _pick(
        _anchors(doc, regs, "description"),
        _labelled(doc, area, "description", None, _text, everywhere, headers),
        [
            (
                doc.position(line, match.start(1)),
                _text(doc.raw[line][match.start(1) : match.end(1)]),
            )
            for line in cells
            for match in DESCRIPTION_RE.finditer(doc.masked[line])
            if not _in_spans(_foreign(doc, line), match.start(1))
        ],
    )
    names = _pick(
        _anchors(doc, regs, "employer_name"),
        _labelled(doc, area, "employer_name", None, _employer_name, everywhere, headers),
        _text_runs(doc, cells, blanked),
        join=doc.line_of,
    )
    unclear = [False] * len(occurrences)
    for index, occ in enumerate(occurrences):
        if wrapped.get(occ.line):
            read = _wrapped_cells(doc, occ, wrapped[occ.line], everywhere)
            if read is None:
                names[index], descriptions[index], unclear[index] = None, None, True
            else:
                names[index], descriptions[index] = read
    # A row under a header with a column the reader does not know: only its header's columns
    # say what its cells are (none of the above may take the unknown column's cells); a row
    # that cannot be put under them is unknown, and one whose cells wrap onto other lines
    # unclear.
    marks: dict[int, bool | None] = {}
    for index, occ in enumerate(occurrences):
        if occ.line not in under:
            continue
        wraps = bool(wrapped.get(occ.line))
        row = None if wraps else _row_cells(doc, occ.line, under[occ.line], everywhere)
        row = row or _Cells(None, None, None, None)
        unclear[index] = unclear[index] or wraps
        modalidades[index], names[index], descriptions[index] = (
            row.modalidad,
            row.name,
            row.description,
        )
        marks[occ.line] = row.marked
    merged: dict[str, Employer] = {}
    for index, occ in enumerate(occurrences):
        found = Employer(
            occ.registro, modalidades[index], names[index], descriptions[index], unclear[index]
        )
        known = merged.get(occ.registro)
        merged[occ.registro] = found if known is None else _merge(known, found)
    employers = list(merged.values())
    if len(employers) > 1 and _strays(doc, everywhere):
        # A registro printed amid other sections' facts: the text is not in a constancia's
        # order, and what stands under the caption is not known to be its employer.
        last_registro, out_of_order = None, True
    else:
        last_registro, out_of_order = _captioned(doc, everywhere, employers, marks)
    if last_registro is not None:
        return employers, merged[last_registro], "caption"
    # A caption with registros after it but none under it: the text is not in a constancia's
    # order (said so), rather than the first registro found further on; not even the only one
    # listed ("Patrón del último movimiento" empty, one employer under "Patrones anteriores").
    if out_of_order:
        return employers, None, "out_of_order"
    if len(employers) == 1:
        return employers, employers[0], "only_employer"
    return employers, None, None


# How many lines a wrapped row may take under its first one: a name and a description of up
# to four lines each. More lines than that are not known to be the row's.
_WRAPPED_LINES = 8
# Lines a page may print between a table's rows (a page's heading): never a cell.
_PAGE_HEADINGS = frozenset({"INSTITUTO MEXICANO DEL SEGURO SOCIAL", "IMSS"})


def _row_words(doc: Layout, line: int, start: int, end: int, occurrences: list[_Occurrence]) -> str:
    """The printed words of a stretch of a row, with its labels, other sections' facts and
    other cells (registros, numbers such as the modalidad, dates) blanked: what is left of the
    name and description columns."""
    text = [
        " " if folded == "\x00" else char
        for char, folded in zip(doc.raw[line][start:end], doc.masked[line][start:end], strict=True)
    ]

    def blank(begin: int, stop: int) -> None:
        for column in range(max(begin, start), min(stop, end)):
            text[column - start] = " "

    for begin, stop in _foreign(doc, line):
        blank(begin, stop)
    for occ in occurrences:
        if occ.line == line:
            blank(occ.start, occ.end)
    for begin, stop, _ in find_dates(doc.masked[line]):
        blank(begin, stop)
    for match in re.finditer(r"(?<![A-Z0-9])\d{1,4}(?![A-Z0-9])", doc.masked[line]):
        blank(match.start(), match.end())
    return re.sub(r"\s+", " ", "".join(text)).strip(" :;,|-")


def _cell_line(doc: Layout, line: int) -> bool:
    """Whether a line may be a piece of a table's cell wrapped under its row: a few words, no
    label, no registro, no sentence, nothing shaped like a code, a hash, an address or a
    "label: value", no page's heading or number."""
    text = re.sub(r"\s+", " ", doc.raw[line]).strip(" |")
    folded = fold(text)
    if doc.hits[line] or _prose(doc, line) or _PAGE_NUMBER.fullmatch(doc.folded[line]):
        return False
    if REGISTRO_ANYWHERE.search(doc.masked[line]) or folded.strip(" .") in _PAGE_HEADINGS:
        return False
    if len(text) > 48 or len(text.split()) > 6 or len(re.sub(r"[^A-Z]", "", folded)) < 2:
        return False
    if re.search(r"[:@|<>=_\\]|WWW|HTTP|\d{5}", folded):
        return False
    # A word mixing letters and digits (a hash, a CURP, a folio) is no name's.
    return not re.search(r"[A-Z]\d|\d[A-Z]", folded)


def _wrapped_rows(doc: Layout, occurrences: list[_Occurrence]) -> dict[int, list[int]]:
    """For each line holding a registro, the lines under it that may be its cells wrapped
    (`_cell_line`), up to the next row, label, sentence or other text, or the document's end.
    Rows with none are absent."""
    rows = sorted({occ.line for occ in occurrences})
    found: dict[int, list[int]] = {}
    for row in rows:
        lines = []
        for line in range(row + 1, len(doc.raw)):
            if line in rows or not _cell_line(doc, line):
                break
            lines.append(line)
        if lines:
            found[row] = lines
    return found


def _wrapped_cells(
    doc: Layout, occ: _Occurrence, lines: list[int], occurrences: list[_Occurrence]
) -> tuple[str | None, str | None] | None:
    """The name and description of a row whose cells wrap onto `lines`, read cell after cell
    (the order a PDF writes a table's cells in): the name's lines, then the description's.
    The description (a known one, joined across its lines) bounds the name. What cannot be
    told apart is unknown, never a guess: words after the description (a page's footer, or a
    name printed line by line across the row), or, with no description, lines that do not
    continue a name (a line ending in "DE", one starting with "S.A."...). None then."""
    if len(lines) > _WRAPPED_LINES or any(
        start < occ.start for start, _ in _foreign(doc, occ.line)
    ):
        return None
    pieces = [_row_words(doc, occ.line, 0, len(doc.raw[occ.line]), occurrences)]
    pieces += [re.sub(r"\s+", " ", doc.raw[line]).strip(" |") for line in lines]
    pieces = [piece for piece in pieces if piece]
    joined = " ".join(pieces)
    folded = fold(joined)
    found = list(DESCRIPTION_RE.finditer(folded))
    if len(found) > 1:
        return None
    if not found:
        for before, after in zip(pieces, pieces[1:], strict=False):
            if not _wrapped(before, after):
                return None
        return _employer_name(joined), None
    match = found[0]
    description = _text(joined[match.start(1) : match.end(1)])
    before = joined[: match.start(1)]
    after = joined[match.end(1) :]
    description_first = _column_order(doc, "description", "employer_name")
    name_text, rest = (after, before) if description_first else (before, after)
    if _text(rest) is not None:
        return None
    return _employer_name(name_text), description


def _column_order(doc: Layout, first: str, second: str) -> bool:
    """Whether the table's label of `first` comes before its label of `second`."""
    one, two = doc.all_hits(first), doc.all_hits(second)
    return bool(one and two) and (one[0].line, one[0].start) < (two[0].line, two[0].start)


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
        unclear=known.unclear or found.unclear,
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
    doc: Layout,
    area: range,
    name: str,
    shape: re.Pattern[str] | None,
    convert: Any,
    occurrences: list[_Occurrence] | None = None,
    headers: Collection[int] = (),
) -> list[tuple[int, Any]]:
    """(position, value) of each label of `name` in the employers' part. A free value that
    holds a registro is a whole row read as one cell (a header row whose other labels were
    not read, "REGISTRO PATRONALMODALIDAD" glued by the PDF): only its words are the name,
    and only a known description in it is the description. A label of a header row (in
    `headers`) has no value on its own line: the words after it there head another column
    ("Descripción Movimiento")."""
    found = []
    for hit in doc.all_hits(name):
        if hit.line not in area:
            continue
        value = doc.value(hit, shape)
        if value is None or (value.line == hit.line and hit.line in headers):
            continue
        text = value.text
        if any(
            occ.line == value.line and value.start <= occ.start < value.end
            for occ in occurrences or ()
        ):
            text = _row_words(doc, value.line, value.start, value.end, occurrences or [])
            if name == "description":
                match = DESCRIPTION_RE.search(fold(text))
                text = text[match.start(1) : match.end(1)] if match else ""
        converted = convert(text)
        if converted is not None:
            found.append((doc.position(value.line, value.start), converted))
    return found


def _lone_modalidades(
    doc: Layout, area: Iterable[int], occurrences: list[_Occurrence]
) -> list[tuple[int, int]]:
    """Numbers standing alone in the employers' part that are IMSS modalidades."""
    taken = {(occ.line, occ.start) for occ in occurrences}
    found = []
    for line in area:
        text = doc.masked[line]
        dates = find_dates(text)
        foreign = _foreign(doc, line)
        for match in re.finditer(r"(?<![\w/.-])(\d{1,2})(?![\w/.-])", text):
            if any(start <= match.start() < end for start, end, _ in dates):
                continue
            if _in_spans(foreign, match.start()):
                continue
            if (line, match.start()) in taken or int(match.group(1)) not in MODALIDADES:
                continue
            found.append((doc.position(line, match.start()), int(match.group(1))))
    return found


def _blank_values(
    doc: Layout, area: range, occurrences: list[_Occurrence], headers: Collection[int] = ()
) -> dict[int, str]:
    """The employers' lines with everything that is not a name blanked out (all of a header
    row: its words head columns)."""
    blanked: dict[int, str] = {}
    for line in area:
        if line in headers:
            blanked[line] = "\x00" * len(doc.masked[line])
            continue
        text = list(doc.masked[line])

        def blank(start: int, end: int, text: list[str] = text) -> None:
            text[start:end] = "\x00" * (end - start)

        for start, end in _foreign(doc, line):
            blank(start, end)
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


def _text_runs(doc: Layout, area: Iterable[int], blanked: dict[int, str]) -> list[tuple[int, str]]:
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
            # A yes/no mark in a cell of its own is never a name.
            and re.sub(r"[^A-Z]", "", text[match.start() : match.end()]) not in ("SI", "NO")
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
    join: Callable[[int], int] | None = None,
) -> list[Any]:
    """One value for each registro occurrence. When exactly one value per registro was found,
    they pair in order (a table flattened by rows or by columns alike); otherwise each value
    goes to the registro whose stretch of text holds it: the first one found, or with `join`
    (the line of a position) all of them on one line (the pieces of a name split around other
    cells of its row). With `join`, pieces on different lines for one registro (no row holds
    them all) leave it unknown: which one is its name would be a guess."""
    for candidates in (labelled, shaped):
        if len(candidates) == len(anchors.regs):
            return [value for _, value in sorted(candidates, key=lambda item: item[0])]
    chosen: list[Any] = [None] * len(anchors.regs)
    unknown: set[int] = set()
    for source in (labelled, shaped):  # what a label names first; shapes fill the rest
        filled: dict[int, int | None] = {}  # index -> the line of its pieces
        for pos, value in sorted(source, key=lambda item: item[0]):
            index = anchors.block(pos)
            if index in unknown:
                continue
            if chosen[index] is None:
                chosen[index] = value
                filled[index] = join(pos) if join else None
            elif join and index in filled:
                if filled[index] == join(pos):
                    # Words split around other cells of the same row are one name.
                    chosen[index] = f"{chosen[index]} {value}"
                else:
                    chosen[index] = None
                    unknown.add(index)
    return chosen


def _captioned(
    doc: Layout,
    occurrences: list[_Occurrence],
    employers: Iterable[Employer],
    marks: dict[int, bool | None],
) -> tuple[str | None, bool]:
    """The registro of the employer under "Patrón del último movimiento del asegurado": the
    one named on the caption's line, else the first printed after the caption if it is under
    it (`_under`); and, when there is none, whether registros follow a caption but not under
    it (the text is out of order)."""
    out_of_order = False
    for hit in doc.all_hits("caption"):
        row = doc.hits[hit.line]
        if any(other.field in EMPLOYER_FIELDS for other in row):
            # A column of the employers' table: the row marked in it (SI or X) is the one.
            marked = _marked_rows(doc, hit, occurrences, marks)
            if len(marked) == 1:
                return marked[0], False
            continue
        after = [other for other in row if other.start >= hit.end]
        stop = after[0].start if after else len(doc.masked[hit.line])
        inline = doc.masked[hit.line][hit.end : stop]
        if re.search(r"[A-Z0-9]", inline):
            named = _named(inline, occurrences, employers)
            if named is not None:
                return named, False
        pos = doc.position(hit.line, hit.end)
        following = [occ for occ in occurrences if occ.pos >= pos]
        if following and _under(doc, hit, following[0]):
            return following[0].registro, False
        out_of_order = out_of_order or bool(following)
    return None, out_of_order


def _strays(doc: Layout, occurrences: list[_Occurrence]) -> bool:
    """Whether a registro is printed away from the employers' part: not on a line with a label
    of the table (the caption's included), and not below one, or below another registro,
    through the table's lines (its labels, cells, rows, a page's number) and at most one line
    of another section (a box beside the table, read into it: "CURP: …"). More than that
    ("Situación: VIGENTE", "Número de Seguridad Social: …" above a row) is text out of order."""
    lines = {occ.line for occ in occurrences}
    for occ in occurrences:
        if any(start < occ.start for start, _ in _foreign(doc, occ.line)):
            return True
        if any(hit.field in _TABLE_FIELDS for hit in doc.hits[occ.line]):
            continue
        others = 0
        for line in range(occ.line - 1, -1, -1):
            if line in lines or any(
                hit.field in _TABLE_FIELDS or _employers_heading(doc, hit) for hit in doc.hits[line]
            ):
                break
            if _foreign(doc, line) and not _PAGE_NUMBER.fullmatch(doc.folded[line]):
                others += 1
                if others > 1:
                    return True
        else:
            return True
    return False


def _employers_heading(doc: Layout, hit: Hit) -> bool:
    """A heading of the employers' part ("Patrones", "Historial de patrones", "Datos del
    patrón"): a table of employers starts under it."""
    if hit.field != "_other":
        return False
    return bool(re.search(r"PATRON|HISTORIAL", doc.folded[hit.line][hit.start : hit.end]))


def _under(doc: Layout, caption: Hit, occ: _Occurrence) -> bool:
    """Whether the registro is printed under the caption, in its own section: the lines
    between them are the employers' table's (its labels, the employer's cells, a page's
    number) but for at most one fact of another section (a box beside it, read into it:
    "CURP: …"); never a heading of another section ("Patrones anteriores") or a sentence, and
    nothing else before the registro on its line. A registro further on is not known to be
    the one the caption names (text out of order): not a guess."""
    others = 0
    for line in range(caption.line + 1, occ.line):
        if not _foreign(doc, line) or _PAGE_NUMBER.fullmatch(doc.folded[line]):
            continue
        heading = any(hit.field == "_other" for hit in doc.hits[line])
        others += 1
        if heading or _prose(doc, line) or others > 1:
            return False
    return not any(start < occ.start for start, _ in _foreign(doc, occ.line))


# A page's number between the caption and its table (a page break): "Página 1 de 2".
_PAGE_NUMBER = re.compile(r"\s*(?:PAGINA|HOJA)\s*\d+\s*(?:DE\s*\d+)?\s*")


def _marked_rows(
    doc: Layout, caption: Hit, occurrences: list[_Occurrence], marks: dict[int, bool | None]
) -> list[str]:
    """The registros of the rows below a caption column that hold a lone SI or X (for a row
    read under its header's columns, `marks`: in the caption's column, not in another)."""
    marked = []
    for occ in occurrences:
        if occ.line <= caption.line:
            continue
        if occ.line in marks:
            if marks[occ.line]:
                marked.append(occ.registro)
            continue
        text = doc.masked[occ.line][occ.end :]
        if re.search(r"(?<![A-Z0-9])(?:SI|X)(?![A-Z0-9])", text):
            marked.append(occ.registro)
    return sorted(set(marked))


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


# -- a table with columns the reader does not know ---------------------------------------------
# A table's header row may name columns the reader has no label for ("Movimiento", "Tipo de
# movimiento", "Salario", "No."). Their words are never a value, and their cells are never read
# as a known field: each row is put under the header's columns by the shapes of its cells, and
# what cannot be put there for sure is unknown, never a guess.

# The cells a row's shapes find; the name and the unknown columns take what lies between them.
_SHAPED_COLUMNS = frozenset({"modalidad", "description", "caption"})
# The table's labels, printed glued to one another ("REGISTRO PATRONALMODALIDAD").
_GLUED_LABELS = [
    (field, re.compile("|".join(f"(?:{label})" for label in LABELS[field])))
    for field in sorted(_TABLE_FIELDS)
]
# Where a header's next word starts (past spaces and separators), and an unknown word in it.
_HEADER_WORD = re.compile(r"[^\s|.,;:-]")
_WORD = re.compile(r"[^\s|]+")
# More pieces than a row of a constancia's table holds: not read as one (the ways to place its
# cells grow with their number).
_MAX_ROW_PIECES = 60
# A cell that is a value of its own shape (a number, an amount, a dash for none; dates are
# found whole): what an unknown column next to the name may hold and still be told from it.
_VALUE_WORD = re.compile(r"(?:[$#]\s*)?[-+]?\d[\d.,:/-]*%?|[-–—]+")
# The pieces of a row: an amount with its currency sign, or a run of printed characters.
_ROW_PIECE = re.compile(r"\$\s*[^\s|]+|[^\s|]+")
# What a column of the last movement marks its row with.
_MARKS = frozenset({"SI", "NO", "X"})


@dataclass(frozen=True)
class _Piece:
    """A piece of a row: where it is on its line, and what it is ("registro", "value", "word")."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class _Cells:
    """A row read under its header's columns; None where a cell is empty or not known."""

    modalidad: int | None
    name: str | None
    description: str | None
    # Marked (SI or X) in a column of the last movement; None when not known.
    marked: bool | None = False


def _header_columns(doc: Layout, line: int, occurrences: list[_Occurrence]) -> list[str | None]:
    """The columns of an employers' table's header row, in order: each a field (its label) or
    None for a column the reader does not know (words that are none of the table's labels,
    another section's label among them; side by side, one None). Labels glued to one another
    ("REGISTRO PATRONALMODALIDAD", "RAZÓN SOCIALDESCRIPCIÓN") are their columns; a "Nombre"
    among them is the employer's. Empty when the line is no header row: fewer than two of the
    table's labels, or anything a row or a "label: value" holds (a registro, a digit, a
    description, a colon)."""
    if ":" in doc.raw[line] or any(occ.line == line for occ in occurrences):
        return []
    folded = doc.folded[line]
    if re.search(r"\d", folded) or DESCRIPTION_RE.search(folded):
        return []
    own = {
        hit.start: (hit.end, "employer_name" if hit.field == "name" else hit.field)
        for hit in doc.hits[line]
        if hit.field in _TABLE_FIELDS or hit.field == "name"
    }
    columns: list[str | None] = []
    word = _HEADER_WORD.search(folded)
    while word is not None:
        label = _label_at(folded, word.start(), own)
        unknown = _WORD.match(folded, word.start())
        end, field = label or (unknown.end() if unknown else len(folded), None)
        if field is not None or not columns or columns[-1] is not None:
            columns.append(field)
        word = _HEADER_WORD.search(folded, end)
    return columns if sum(column in EMPLOYER_FIELDS for column in columns) >= 2 else []


def _label_at(
    folded: str, position: int, own: dict[int, tuple[int, str]]
) -> tuple[int, str] | None:
    """The table's label that starts at `position` in a header row, the longest that ends a
    word or runs into another label: (its end, its field); None if none does."""
    found = [
        (match.end(), field)
        for field, pattern in _GLUED_LABELS
        if (match := pattern.match(folded, position))
    ]
    if position in own:
        found.append(own[position])
    for end, field in sorted(found, reverse=True):
        if not re.match(r"[A-Z0-9]", folded[end : end + 1]) or any(
            pattern.match(folded, end) for _, pattern in _GLUED_LABELS
        ):
            return end, field
    return None


def _tables(
    doc: Layout, area: range, occurrences: list[_Occurrence]
) -> tuple[set[int], dict[int, list[str | None]]]:
    """The header rows of the employers' part; and, for each row (a line with a registro) under
    a header that has a column the reader does not know, that header's columns. A table ends at
    the next header row or at a heading of employers ("Patrones anteriores"), not at a page's
    number."""
    headers = {line: found for line in area if (found := _header_columns(doc, line, occurrences))}
    rows: dict[int, list[str | None]] = {}
    lines = {occ.line for occ in occurrences}
    for header, columns in headers.items():
        if None not in columns:
            continue
        for line in range(header + 1, area.stop):
            if line in headers or any(_employers_heading(doc, hit) for hit in doc.hits[line]):
                break
            if line in lines:
                rows[line] = columns
    return set(headers), rows


def _row_cells(
    doc: Layout, line: int, columns: list[str | None], occurrences: list[_Occurrence]
) -> _Cells | None:
    """A row read under its header's columns (None when it cannot be put under them: not one
    registro, another section's fact on it, a header naming a column twice, no way to fit)."""
    known = [column for column in columns if column is not None]
    pieces = _row_pieces(doc, line, occurrences)
    if pieces is None or len(pieces) > _MAX_ROW_PIECES:
        return None
    if len(set(known)) != len(known) or "registro" not in known:
        return None
    registros = [index for index, piece in enumerate(pieces) if piece.kind == "registro"]
    if len(registros) != 1:
        return None
    split, at = columns.index("registro"), registros[0]
    left = _side_cells(doc, line, columns[:split], pieces[:at])
    right = _side_cells(doc, line, columns[split + 1 :], pieces[at + 1 :])
    if left is None or right is None:
        return None
    read = {**left, **right}
    return _Cells(
        read.get("modalidad"),
        read.get("employer_name"),
        read.get("description"),
        read.get("caption", False),
    )


def _row_pieces(doc: Layout, line: int, occurrences: list[_Occurrence]) -> list[_Piece] | None:
    """The pieces of a row in order: its registros and dates whole, the caption's words left
    out; None when another section's label is on it."""
    if any(hit.field not in _TABLE_FIELDS for hit in doc.hits[line]):
        return None
    folded = doc.folded[line]
    whole = sorted(
        [(occ.start, occ.end, "registro") for occ in occurrences if occ.line == line]
        + [(start, end, "value") for start, end, _ in find_dates(doc.masked[line])]
    )
    captions = [(hit.start, hit.end) for hit in doc.hits[line] if hit.field == "caption"]
    pieces: list[_Piece] = []
    cursor = 0
    for start, end, kind in [*whole, (len(folded), len(folded), "")]:
        if start < cursor:
            continue
        for match in _ROW_PIECE.finditer(folded, cursor, start):
            if not _in_spans(captions, match.start()):
                shape = "value" if _VALUE_WORD.fullmatch(match.group()) else "word"
                pieces.append(_Piece(match.start(), match.end(), shape))
        if kind:
            pieces.append(_Piece(start, end, kind))
            cursor = end
    return pieces


def _side_cells(
    doc: Layout, line: int, columns: list[str | None], pieces: list[_Piece]
) -> dict[str, Any] | None:
    """The cells of one side of a row (before or after its registro) under their columns:
    every way to place its shaped cells (modalidad, description, a mark; each may be empty),
    the pieces between them going to the name and unknown columns there; of the ways that
    leave the fewest cells empty or unknown, what they all agree on (None where they differ: a
    lone "SI" between an unknown column and a mark's is either's). None when no way fits."""
    shaped = [index for index, column in enumerate(columns) if column in _SHAPED_COLUMNS]
    fits: list[dict[int, tuple[int, int]]] = []

    def free(after: int, before: int) -> int:
        return sum(column not in _SHAPED_COLUMNS for column in columns[after + 1 : before])

    def place(number: int, cursor: int, last: int, chosen: dict[int, tuple[int, int]]) -> None:
        if number == len(shaped):
            if cursor == len(pieces) or free(last, len(columns)):
                fits.append(chosen)
            return
        place(number + 1, cursor, last, chosen)  # this cell empty
        column = shaped[number]
        for first in range(cursor, len(pieces)):
            if first > cursor and not free(last, column):
                break
            end = _cell_end(doc, line, columns[column], pieces, first)
            if end is not None:
                place(number + 1, end, column, {**chosen, column: (first, end)})

    def empty(chosen: dict[int, tuple[int, int]]) -> int:
        """The cells a way leaves empty: its empty shaped cells, and the name and unknown
        columns between two of its cells that have fewer pieces than columns."""
        bounds = [-1, *sorted(chosen), len(columns)]
        return (
            len(shaped)
            - len(chosen)
            + sum(
                max(0, free(low, high) - len(_between(pieces, chosen, low, high)))
                for low, high in zip(bounds, bounds[1:], strict=False)
            )
        )

    place(0, 0, -1, {})
    if not fits:
        return None
    # A way whose name cannot be told from its unknown neighbours' cells counts one more.
    scored = [
        (empty(chosen) + (read.get("employer_name", "") is None), read)
        for chosen in fits
        if (read := _side_values(doc, line, columns, pieces, chosen)) is not None
    ]
    fewest = min(score for score, _ in scored)
    readings = [read for score, read in scored if score == fewest]
    return {
        field: value if all(other[field] == value for other in readings) else None
        for field, value in readings[0].items()
    }


def _between(
    pieces: list[_Piece], chosen: dict[int, tuple[int, int]], low: int, high: int
) -> list[_Piece]:
    """The pieces between the cells of columns `low` and `high` (-1: the side's start; a column
    not in `chosen`: its end)."""
    start = chosen[low][1] if low in chosen else 0
    stop = chosen[high][0] if high in chosen else len(pieces)
    return pieces[start:stop]


def _cell_end(
    doc: Layout, line: int, field: str | None, pieces: list[_Piece], first: int
) -> int | None:
    """Where a shaped cell starting at `pieces[first]` ends (the index after its last piece), or
    None when no cell of that field starts there: a modalidad is one of the IMSS's numbers (a
    row number or a salary is none), a description a known one whole, a mark SI, NO or X."""
    piece = pieces[first]
    text = doc.folded[line][piece.start : piece.end]
    if field == "modalidad":
        fits = re.fullmatch(r"\d{1,2}", text) is not None and int(text) in MODALIDADES
        return first + 1 if fits else None
    if field == "caption":
        return first + 1 if text in _MARKS else None
    match = DESCRIPTION_RE.match(doc.masked[line], piece.start)
    if piece.kind != "word" or match is None or match.start(1) != piece.start:
        return None
    ends = [index + 1 for index in range(first, len(pieces)) if pieces[index].end == match.end(1)]
    return ends[0] if ends else None


def _side_values(
    doc: Layout,
    line: int,
    columns: list[str | None],
    pieces: list[_Piece],
    chosen: dict[int, tuple[int, int]],
) -> dict[str, Any]:
    """What one way of placing a side's shaped cells reads: the modalidad, the description,
    whether the row is marked (SI or X under a caption's column), and the name (the pieces
    between the cells around its column, less its unknown neighbours' cells)."""
    read: dict[str, Any] = {}
    for index, column in enumerate(columns):
        cell = chosen.get(index)
        text = doc.raw[line][pieces[cell[0]].start : pieces[cell[1] - 1].end] if cell else ""
        if column == "modalidad":
            read[column] = int(text) if text else None
        elif column == "description":
            read[column] = _text(text)
        elif column == "caption":
            read[column] = fold(text) in ("SI", "X")
    if "employer_name" in columns:
        name = columns.index("employer_name")
        low = max((index for index in chosen if index < name), default=-1)
        high = min((index for index in chosen if index > name), default=len(columns))
        read["employer_name"] = _name_in(
            doc.raw[line],
            _between(pieces, chosen, low, high),
            sum(column is None for column in columns[low + 1 : name]),
            sum(column is None for column in columns[name + 1 : high]),
        )
    return read


def _name_in(raw: str, stretch: list[_Piece], before: int, after: int) -> str | None:
    """The name in the pieces a name column shares with `before` unknown columns before it and
    `after` after it. Each unknown column's cell is told from the name only as one value of its
    own shape at the name's edge (a row number, a date, an amount); words, an empty cell or more
    values than columns there, and where the name ends is not known: None."""

    def values(pieces: Iterable[_Piece]) -> int:
        count = 0
        for piece in pieces:
            if piece.kind != "value":
                break
            count += 1
        return count

    if before:
        if values(stretch) != before:
            return None
        stretch = stretch[before:]
    if after:
        if values(reversed(stretch)) != after:
            return None
        stretch = stretch[: len(stretch) - after]
    if not stretch:
        return None
    return _employer_name(raw[stretch[0].start : stretch[-1].end])

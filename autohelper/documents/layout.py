"""Labels and their values in a document's text, whatever the layout: a value on the label's
line or on the next, a header row over a row of values, a column of labels over a column of
values. The text is folded (text.fold) for matching and values are cut from the printed text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from autohelper.documents.labels import DATE_FIELDS, DESCRIPTION_RE, LABELS, SHAPES
from autohelper.documents.text import DATE_RE, clean_value, fold, prepare

_SEPARATORS = re.compile(r"[\s:;.,|=\-–—\x00]*")
_MASK = "\x00"
# How far below a label its value may be (a wrapped cell, a blank line of the layout).
_LOOKAHEAD = 3


@dataclass(frozen=True)
class Hit:
    """One label found: its field, how specific its wording is (0 is most), where it is."""

    field: str
    rank: int
    line: int
    start: int
    end: int


@dataclass(frozen=True)
class Value:
    """A value read after a label: the printed text, and where it was (line, start, end)."""

    text: str
    line: int
    start: int
    end: int


# What each label's value looks like when walking a row of values under a row of labels.
_ROW_SHAPES: dict[str, re.Pattern[str]] = {
    **SHAPES,
    **dict.fromkeys(DATE_FIELDS, DATE_RE),
    "description": DESCRIPTION_RE,
}


def _span(match: re.Match[str]) -> tuple[int, int]:
    """Where the value is in a shape's match: its first group, or all of a date."""
    if match.re is DATE_RE:
        return match.start(), match.end()
    return match.start(1), match.end(1)


def _compile() -> list[tuple[str, int, re.Pattern[str]]]:
    patterns = []
    for field, labels in LABELS.items():
        for rank, label in enumerate(labels):
            patterns.append((field, rank, re.compile(rf"(?<![A-Z0-9])(?:{label})(?![A-Z0-9])")))
    return patterns


_PATTERNS = _compile()


class Layout:
    """A document's lines (printed and folded), its labels, and ways to read their values."""

    def __init__(self, text: str) -> None:
        lines = [line for line in prepare(text).split("\n") if line.strip()]
        self.raw = lines
        self.folded = [fold(line) for line in lines]
        self.hits: list[list[Hit]] = [self._find_hits(i) for i in range(len(lines))]
        self.masked = [self._mask(i) for i in range(len(lines))]
        offsets, total = [], 0
        for line in lines:
            offsets.append(total)
            total += len(line) + 1
        self.offsets = offsets

    # -- labels -------------------------------------------------------------------------------
    def _find_hits(self, index: int) -> list[Hit]:
        line = self.folded[index]
        found = []
        for field, rank, pattern in _PATTERNS:
            for match in pattern.finditer(line):
                found.append(Hit(field, rank, index, match.start(), match.end()))
        # The longest label wins where wordings overlap ("NOMBRE O RAZON SOCIAL" over "NOMBRE").
        found.sort(key=lambda hit: (hit.start, -(hit.end - hit.start)))
        chosen: list[Hit] = []
        for hit in found:
            if chosen and hit.start < chosen[-1].end:
                continue
            chosen.append(hit)
        return chosen

    def _mask(self, index: int) -> str:
        line = self.folded[index]
        for hit in self.hits[index]:
            line = line[: hit.start] + _MASK * (hit.end - hit.start) + line[hit.end :]
        return line

    def reclassify(self, hit: Hit, field: str) -> None:
        """Read a label as another field's (a "Nombre" heading a column of employers)."""
        row = self.hits[hit.line]
        row[row.index(hit)] = Hit(field, hit.rank, hit.line, hit.start, hit.end)

    def all_hits(self, *fields: str) -> list[Hit]:
        """The labels of these fields, in document order."""
        return [hit for row in self.hits for hit in row if hit.field in fields]

    def position(self, line: int, column: int) -> int:
        """An offset in the whole text, to order things across lines."""
        return self.offsets[line] + column

    def line_of(self, position: int) -> int:
        """The line an offset of `position` is on."""
        return bisect.bisect_right(self.offsets, position) - 1

    def label_only(self, index: int) -> bool:
        """A line with labels and nothing else."""
        line = self.masked[index]
        return bool(self.hits[index]) and _SEPARATORS.fullmatch(line) is not None

    def bare(self, index: int) -> bool:
        """A line with no label at all."""
        return not self.hits[index]

    # -- values -------------------------------------------------------------------------------
    def value(self, hit: Hit, shape: re.Pattern[str] | None) -> Value | None:
        """The value of one label: after it on its line, else below it (header rows, columns
        of labels over columns of values, the next line). A shaped value must match `shape` at
        the start of the text found; a free one runs to the next label or the line's end."""
        row = self.hits[hit.line]
        following = [other for other in row if other.start >= hit.end]
        stop = following[0].start if following else len(self.masked[hit.line])
        lead = _SEPARATORS.match(self.masked[hit.line], hit.end, stop)
        start = lead.end() if lead else hit.end
        if start < stop:
            return self._cut(hit.line, start, stop, shape)
        if len(row) >= 2 and self.label_only(hit.line):
            return self._from_header_row(hit, shape)
        return self._from_below(hit, shape)

    def _cut(self, line: int, start: int, stop: int, shape: re.Pattern[str] | None) -> Value | None:
        text = self.masked[line]
        lead = _SEPARATORS.match(text, start, stop)
        start = lead.end() if lead else start
        if shape is None:
            value = clean_value(self.raw[line][start:stop])
            if not re.search(r"[A-Za-z0-9]", value) or _MASK in text[start:stop]:
                return None
            return Value(value, line, start, stop)
        match = shape.match(text, start, stop)
        if match is None:
            return None
        begin, end = _span(match)
        return Value(self.raw[line][begin:end], line, begin, end)

    def _from_header_row(self, hit: Hit, shape: re.Pattern[str] | None) -> Value | None:
        """Labels side by side over a row of values: walk the row, each label taking the
        next text of its shape (a free one takes what lies before the next shaped value)."""
        below = self._next_value_line(hit.line)
        if below is None:
            return None
        row = self.hits[hit.line]
        # A line with a label of its own ("CURP: …" under the employers' header) is that
        # label's fact, not this header's row of values.
        header = {other.field for other in row}
        if any(other.field not in header for other in self.hits[below]):
            return None
        text = self.masked[below]
        shapes: list[re.Pattern[str] | None] = [
            DATE_RE if other.field in DATE_FIELDS else SHAPES.get(other.field) for other in row
        ]
        if any(shapes) and not any(own and own.search(text) for own in shapes):
            return None  # nothing of the shapes its labels expect: not its row
        cursor = 0
        for index, other in enumerate(row):
            own = shapes[index]
            if own is not None:
                match = own.search(text, cursor)
                if match is None:
                    continue
                span = _span(match)
                cursor = match.end()
            else:
                nxt = next((s for s in shapes[index + 1 :] if s is not None), None)
                found = nxt.search(text, cursor) if nxt is not None else None
                end = found.start() if found is not None else len(text)
                span = (cursor, end)
                cursor = end
            if other is hit:
                value = clean_value(self.raw[below][span[0] : span[1]])
                if not value or (shape is not None and own is None):
                    return None
                return Value(value, below, *span)
        return None

    def _next_value_line(self, index: int) -> int | None:
        for below in range(index + 1, min(index + 1 + _LOOKAHEAD, len(self.raw))):
            if not self.label_only(below):
                return below
        return None

    def _from_below(self, hit: Hit, shape: re.Pattern[str] | None) -> Value | None:
        """A column of labels (one a line) over a column of values of the same length pairs
        them in order; otherwise the first fitting line below the label is its value."""
        top = hit.line
        while top > 0 and self._single_label(top - 1):
            top -= 1
        bottom = hit.line
        while bottom + 1 < len(self.raw) and self._single_label(bottom + 1):
            bottom += 1
        labels = bottom - top + 1
        values = 0
        while bottom + 1 + values < len(self.raw) and self.bare(bottom + 1 + values):
            values += 1
        if labels >= 2 and self._single_label(hit.line) and values >= labels:
            line = bottom + 1 + (hit.line - top)
            return self._cut(line, 0, len(self.masked[line]), shape)
        for below in range(hit.line + 1, min(hit.line + 1 + _LOOKAHEAD, len(self.raw))):
            if self.label_only(below):
                continue
            stop = self.hits[below][0].start if self.hits[below] else len(self.masked[below])
            found = self._cut(below, 0, stop, shape)
            if found is not None or shape is None:
                return found
        return None

    def _single_label(self, index: int) -> bool:
        """A line holding one readable label and nothing else (headings do not count)."""
        row = self.hits[index]
        return (
            len(row) == 1
            and not row[0].field.startswith("_")
            and row[0].field != "caption"
            and self.label_only(index)
        )

"""Normalised text for reading documents: the same letters whatever the PDF's case, accents,
spacing or ligatures, with each folded character at the same index as the printed one (so a
value found in the folded text is cut from the printed text), dates in their usual Spanish
spellings, and the key that compares names.
"""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata

# Characters PDFs use for spacing or invisible joins; all become a plain space or vanish.
_SPACES = re.compile(r"[^\S\n]")
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def prepare(text: str) -> str:
    """Compatibility forms composed (ligatures split, full-width letters plain), line breaks
    unified, every other kind of space a plain space, invisible characters gone."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    return _SPACES.sub(" ", text)


@functools.lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    upper = base.upper()
    # One character for one: the folded text must stay aligned with the printed one.
    return upper if len(upper) == 1 else char


def fold(text: str) -> str:
    """Upper case without accents, one character for each character of `text` (prepared)."""
    return "".join(_fold_char(char) for char in text)


def name_key(text: str) -> str:
    """A name as compared: accents, case, spaces and punctuation do not count."""
    return re.sub(r"[^A-Z0-9]", "", fold(prepare(text)))


def clean_value(text: str) -> str:
    """A printed value with its spacing collapsed and stray separators trimmed."""
    return re.sub(r"\s+", " ", text).strip(" :;,|-–=\t")


_MONTHS = {
    "ENERO": 1, "ENE": 1, "FEBRERO": 2, "FEB": 2, "MARZO": 3, "MAR": 3, "ABRIL": 4, "ABR": 4,
    "MAYO": 5, "MAY": 5, "JUNIO": 6, "JUN": 6, "JULIO": 7, "JUL": 7, "AGOSTO": 8, "AGO": 8,
    "SEPTIEMBRE": 9, "SETIEMBRE": 9, "SEPT": 9, "SEP": 9, "SET": 9, "OCTUBRE": 10, "OCT": 10,
    "NOVIEMBRE": 11, "NOV": 11, "DICIEMBRE": 12, "DIC": 12,
}  # fmt: skip

# On folded text: 17/11/2026, 17-11-2026, 17.11.2026, 2026-11-17, 17 de noviembre de 2026,
# 17/NOV/2026, 17-NOV-2026, 17 NOV 2026; a two-digit year too (see `_year`) with numbers
# (17/11/26) and with a month's name between two like separators (17-NOV-26, 17/NOV/26), not
# after spaces or "DE" ("5 DE MAYO 12" may be a name).
DATE_RE = re.compile(
    r"(?<![\d/.-])(?:"
    r"(?P<d1>\d{1,2})\s*([/.-])\s*(?P<m1>\d{1,2})\s*\2\s*(?P<y1>\d{4}|\d{2})"
    r"|(?P<y2>\d{4})-(?P<m2>\d{1,2})-(?P<d2>\d{1,2})"
    r"|(?P<d3>\d{1,2})\s*(?:[/.-]|\s+DE\s+|\s)\s*(?P<m3>[A-Z]{3,10})\.?"
    r"\s*(?:[/.-]|\s+DEL?\s+|\s)\s*(?P<y3>\d{4})"
    r"|(?P<d4>\d{1,2})\s*(?P<s4>[/.-])\s*(?P<m4>[A-Z]{3,10})\.?\s*(?P=s4)\s*(?P<y4>\d{2})"
    r")(?![\d/])"
)


def date_from_match(match: re.Match[str]) -> datetime.date | None:
    """The date a DATE_RE match spells, or None when it is no real date (31/02, an unknown
    month name)."""
    groups = match.groupdict()
    try:
        if groups["d1"]:
            return datetime.date(_year(groups["y1"]), int(groups["m1"]), int(groups["d1"]))
        if groups["y2"]:
            return datetime.date(int(groups["y2"]), int(groups["m2"]), int(groups["d2"]))
        if groups["d4"]:
            month = _MONTHS.get(groups["m4"])
            if month is None:
                return None
            return datetime.date(_year(groups["y4"]), month, int(groups["d4"]))
        month = _MONTHS.get(groups["m3"] or "")
        if month is None:
            return None
        return datetime.date(int(groups["y3"]), month, int(groups["d3"]))
    except ValueError:
        return None


def _year(written: str) -> int:
    """A year as printed: four digits as they are; two (`24/11/26`, `24-NOV-26`: layouts
    PORTALS.md does not rule out) in the century that puts it at most 20 years from now, as
    a reader of a constancia (dates of validity and issue) would take it: 20YY until 20 years
    ahead."""
    year = int(written)
    if len(written) == 4:
        return year
    now = datetime.date.today().year
    candidate = now - now % 100 + year
    return candidate - 100 if candidate > now + 20 else candidate


def find_dates(folded: str) -> list[tuple[int, int, datetime.date]]:
    """Every real date in a folded text, as (start, end, date)."""
    found = []
    for match in DATE_RE.finditer(folded):
        date = date_from_match(match)
        if date is not None:
            found.append((match.start(), match.end(), date))
    return found

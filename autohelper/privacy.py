"""Masking of personal data: the one place that decides what a CURP, NSS, email or name looks
like in logs, errors, summaries, reports and the journal.

`mask(value, kind)` masks one value; a `Redactor` knows the raw values of one run and scrubs
them from any text (a logging filter uses it, so a stray f-string cannot leak them).
"""

from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import quote, quote_plus

# PERSONAL_FIELDS is here too, read when first used (see __getattr__ at the end).
__all__ = ["ACTIVE", "RedactingFilter", "Redactor", "looks_personal", "mask", "mask_if_personal"]

ELLIPSIS = "…"
SECRET_MASK = "••••"


def mask(value: str, kind: str = "text") -> str:
    """Mask `value` by kind: curp `HEGG…L04`, nss `12…34`, email `j…@gmail.com`, names, streets
    and colonias `M… G…`, phone `…67`, student ID `…345`, a house number `…`, secret `••••`; any
    other text keeps at most its first and last characters."""
    value = str(value)
    if kind == "secret" or not value:
        return SECRET_MASK if kind == "secret" else value
    if kind == "curp" and len(value) >= 10:
        return f"{value[:4]}{ELLIPSIS}{value[-3:]}"
    if kind in ("nss", "postal_code") and len(value) >= 5:
        return f"{value[:2]}{ELLIPSIS}{value[-2:]}"
    if kind == "email" and "@" in value:
        local, _, domain = value.partition("@")
        return f"{local[:1]}{ELLIPSIS}@{domain}"
    if kind in ("names", "first_surname", "second_surname", "name", "street", "colonia"):
        return " ".join(f"{word[:1]}{ELLIPSIS}" for word in value.split())
    # A person knows their number by its end; the rest would tell others too much.
    if kind == "phone" and len(value) >= 8:
        return f"{ELLIPSIS}{value[-2:]}"
    if kind == "student_id" and len(value) >= 8:
        return f"{ELLIPSIS}{value[-3:]}"
    if kind in ("exterior_number", "interior_number") or len(value) <= 4:
        return ELLIPSIS
    return f"{value[:1]}{ELLIPSIS}{value[-1:]}"


# What a value typed where a name goes (a profile key, a YAML tag) looks like when it is
# personal data: a CURP (or an RFC: 4 letters, 6 digits, maybe a homoclave), an email, a run of
# 5 or more digits however grouped (an NSS, a phone, a student ID, a postal code), or words
# separated by spaces (a name or an address: no key or tag has a space).
_CURP_LIKE = re.compile(r"[A-Z]{4}\d{6}[A-Z0-9]{0,8}", re.IGNORECASE)
_DIGIT_RUN = re.compile(r"\d(?:[\s./-]?\d){4,}")
_WORDS = re.compile(r"\S+\s+\S+")


def looks_personal(text: str) -> str | None:
    """The kind `mask` should use when `text` looks like personal data, else None."""
    text = str(text).strip()
    if "@" in text:
        return "email"
    if _CURP_LIKE.fullmatch(text):
        return "curp"
    if _DIGIT_RUN.search(text):
        return "phone" if _DIGIT_RUN.fullmatch(text) else "text"
    if _WORDS.search(text):
        return "names"
    return None


# A CURP and an email as they stand in any text (their shapes are unmistakable): what a text
# from elsewhere (another tool's report) is scrubbed of when nobody's values are known.
_CURP_IN_TEXT = re.compile(r"\b[A-Z][AEIOUX][A-Z]{2}\d{6}[HMX][A-Z]{5}[0-9A-Z]\d\b")
_EMAIL_IN_TEXT = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")


# A run of 10 or more digits (an NSS, a phone, a student ID), not a decimal's part.
_LONG_NUMBER_IN_TEXT = re.compile(r"(?<!\d)(?<!\d\.)\d{10,}(?!\d)(?!\.\d)")


def mask_shapes(text: str, numbers: bool = False) -> str:
    """`text` with every CURP and email in it masked by their shapes alone; with `numbers`,
    every run of 10 or more digits too, as an NSS (`12…34`). Not by default: in a JUnit report
    (merge-junit) a long number is data of its own, a count or a time (`time="1000000000"`),
    and masked it would not merge again."""
    text = _CURP_IN_TEXT.sub(lambda found: mask(found.group(), "curp"), text)
    text = _EMAIL_IN_TEXT.sub(lambda found: mask(found.group(), "email"), text)
    if numbers:
        text = _LONG_NUMBER_IN_TEXT.sub(lambda found: mask(found.group(), "nss"), text)
    return text


def mask_if_personal(text: str) -> str:
    """`text` itself when it is an ordinary word (a key with a typo: `emial`), masked when it
    looks like personal data someone typed in the wrong place."""
    kind = looks_personal(text)
    return str(text) if kind is None else mask(str(text).strip(), kind)


# Numbers shorter than this are masked only where they stand alone (no digit either side).
SHORT_NUMBER = 8

# What in an address opens the person's request to whoever holds it: an emailed link's one-use
# token (`confirmacionUrl?token=…`: while valid, it opens the page with their NSS or their
# constancia), a session id in the address. Masked in any text a Redactor scrubs, whatever the
# run knows; the name and the `=` stay, so the address still reads as what it was.
_URL_SECRETS = re.compile(
    r"(?i)([?&;](?:token|access_token|ticket|jsessionid|sessionid|sid)=)[^&#;?\s\"'<>]+"
)


class Redactor:
    """Replaces every known raw value (and its case variants) in a text by its masked form."""

    def __init__(self) -> None:
        # (length of the value's spelling, its pattern, its masked form)
        self._patterns: list[tuple[int, re.Pattern[str], str]] = []

    def add(self, value: str | None, kind: str = "text") -> None:
        if not value or len(str(value)) < 3:
            return
        value = str(value)
        masked = mask(value, kind)
        # A short number (an exterior number, a postal code) inside a longer one is not it: the
        # 123 of a street number is not masked out of a registro patronal's 34123. Long ones
        # (an NSS, a phone, a student id) are masked wherever they appear.
        alone = (
            (r"(?<!\d)", r"(?!\d)") if value.isdigit() and len(value) < SHORT_NUMBER else ("", "")
        )
        # URLs carry values encoded (an emailed link's `correo=a%40b.mx`), JSON and HTML
        # escaped (a trace's snapshots and requests): scrub those too.
        escaped = (json.dumps(value)[1:-1], html.escape(value))
        for spelling in {value, quote(value, safe=""), quote_plus(value, safe=""), *escaped}:
            pattern = re.compile(alone[0] + re.escape(spelling) + alone[1], re.IGNORECASE)
            self._patterns.append((len(spelling), pattern, masked))
        # Longest first, so a value that contains another is replaced whole.
        self._patterns.sort(key=lambda item: -item[0])

    def add_profile(self, data: Mapping[str, object]) -> None:
        for key, value in data.items():
            if key in _personal_fields() and isinstance(value, str):
                self.add(value, key)

    def add_secrets(self, values: Iterable[str]) -> None:
        for value in values:
            self.add(value, "secret")

    def secrets_only(self) -> Redactor:
        """The same, for its secrets alone (a password given again during the run included)."""
        only = Redactor()
        only._patterns = [item for item in self._patterns if item[2] == SECRET_MASK]
        return only

    def merge(self, other: Redactor) -> None:
        self._patterns.extend(other._patterns)
        self._patterns.sort(key=lambda item: -item[0])

    def __call__(self, text: str) -> str:
        for _, pattern, masked in self._patterns:
            text = pattern.sub(masked, text)
        return _URL_SECRETS.sub(rf"\1{ELLIPSIS}", text)


class RedactingFilter(logging.Filter):
    """A logging filter that scrubs a Redactor's values from every record it passes."""

    def __init__(self, redactor: Redactor) -> None:
        super().__init__()
        self.redactor = redactor

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        record.msg = self.redactor(message)
        record.args = None
        return True


# The values of the run in progress, for the one place that writes text without a run at hand:
# the crash log of the top-level error handler.
ACTIVE = Redactor()


def _personal_fields() -> frozenset[str]:
    # The profile fields that are personal data, as the profile's field list declares them:
    # one source, so a new field says whether it is personal where it is defined. Read when
    # needed: masking a value or importing this module must not load the profile machinery.
    from autohelper.profile import PERSONAL_FIELDS

    return PERSONAL_FIELDS


def __getattr__(name: str) -> Any:
    if name == "PERSONAL_FIELDS":
        return _personal_fields()
    raise AttributeError(name)


# The most characters of a typed value a message shows: the rest is cut with "…".
TYPED_LIMIT = 60


def typed(text: str, limit: int = TYPED_LIMIT) -> str:
    """A value the person typed, as a message may show it: masked when it looks like personal
    data (a CURP, an email, an NSS or phone number given where a step or a date goes), control
    characters escaped as Python writes them (`\\n`, `\\x1b`), cut at `limit` characters
    with "…"."""
    return escaped(mask_if_personal(text), limit)


def escaped(text: str, limit: int = TYPED_LIMIT) -> str:
    """`text` with its control characters escaped as Python writes them (`\\n`, `\\x1b`), cut
    at `limit` characters with "…": what `typed` shows of a value known to be no one's."""
    cut = len(text) > limit
    text = text[:limit]
    shown = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    return shown + ELLIPSIS if cut else shown

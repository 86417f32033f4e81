"""Validation of the identifiers a student types: CURP, NSS, email, postal code and the rest.

Every function is pure: it takes the raw text and returns a `Result` holding the normalised value,
the problems (the value is rejected) and the warnings (the value is accepted but looks suspicious).
Each problem is a catalogue key plus parameters, so the caller renders it in the person's language
and no function here decides the language or formats a whole identifier into text.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from stdnum import luhn
from stdnum.mx import curp as stdnum_curp

from autohelper.messages import t

# RENAPO's two-letter state codes (the same set python-stdnum accepts; a test keeps them equal).
CURP_STATES: dict[str, str] = {
    "AS": "Aguascalientes",
    "BC": "Baja California",
    "BS": "Baja California Sur",
    "CC": "Campeche",
    "CL": "Coahuila",
    "CM": "Colima",
    "CS": "Chiapas",
    "CH": "Chihuahua",
    "DF": "Ciudad de México",
    "DG": "Durango",
    "GT": "Guanajuato",
    "GR": "Guerrero",
    "HG": "Hidalgo",
    "JC": "Jalisco",
    "MC": "Estado de México",
    "MN": "Michoacán",
    "MS": "Morelos",
    "NT": "Nayarit",
    "NL": "Nuevo León",
    "OC": "Oaxaca",
    "PL": "Puebla",
    "QT": "Querétaro",
    "QR": "Quintana Roo",
    "SP": "San Luis Potosí",
    "SL": "Sinaloa",
    "SR": "Sonora",
    "TC": "Tabasco",
    "TS": "Tamaulipas",
    "TL": "Tlaxcala",
    "VZ": "Veracruz",
    "YN": "Yucatán",
    "ZS": "Zacatecas",
    "NE": "Nacido en el extranjero",
}
# H and M are the historic letters; RENAPO issues X for non-binary people since 2024.
CURP_SEXES = ("H", "M", "X")
CURP_LENGTH = 18
NSS_LENGTH = 11
# stdnum keeps the words RENAPO never issues as the first four letters; reuse its list.
_BLOCKED_WORDS: frozenset[str] = frozenset(getattr(stdnum_curp, "_name_blacklist", ()))
_CHECK_ALPHABET = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ"
_VOWELS = frozenset("AEIOU")

# Pragmatic email syntax: what the portals accept, not all of RFC 5322.
_EMAIL_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
_EMAIL_LABEL = re.compile(r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")
# Misspellings of the big providers that students type every day.
_DOMAIN_TYPOS = {
    "gmial.com": "gmail.com",
    "gmai.com": "gmail.com",
    "gamil.com": "gmail.com",
    "gmail.co": "gmail.com",
    "gmail.con": "gmail.com",
    "gmail.cm": "gmail.com",
    "hotmial.com": "hotmail.com",
    "hotmai.com": "hotmail.com",
    "hotmail.con": "hotmail.com",
    "hotmal.com": "hotmail.com",
    "outlok.com": "outlook.com",
    "outlook.con": "outlook.com",
    "yahoo.con": "yahoo.com",
    "yaho.com": "yahoo.com",
    "itson.mx.com": "itson.edu.mx",
    "potros.itson.mx": "potros.itson.edu.mx",
}
# Words joined by one space, apostrophe, dot or dash, or by a dot and a space ("MA. DE LOURDES").
_NAME_RE = re.compile(r"^[^\W\d_]+(?:(?:\. |[ '.-])[^\W\d_]+)*\.?$")
# Typographic apostrophes (what phones and word processors type) stored as the plain ASCII one
# the portals' forms and people's official documents use: O’BRIEN and OʼBRIEN become O'BRIEN.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'"})
# A street or colonia: words and numbers ("Calle 5 de Mayo", "Av. Juárez #12-B", "Mz 3/Lt 4").
_PLACE_RE = re.compile(r"^[^\W_][\w .,#'/°º-]*$")
# An exterior or interior number: "123", "123-B", "S/N", "Depto. 4".
_HOUSE_NUMBER_RE = re.compile(r"^[^\W_][\w ./#-]*$")

# Bounds on free text. Their purpose is to catch a pasted line (an address, a whole message)
# before it reaches a portal's form, not to judge real values, so they are generous:
# - an email address is at most 254 characters (RFC 5321: a path is 256 octets, with <>);
# - a given name or a surname: 50 characters, far more than any real one needs;
# - a street or a colonia: 70 characters; an exterior or interior number: 10 (the sizes the
#   IMSS address forms ask for, rounded up).
EMAIL_MAX = 254
EMAIL_LOCAL_MAX = 64  # the part before the @ (RFC 5321)
NAME_MAX = 50
PLACE_MAX = 70
HOUSE_NUMBER_MAX = 10
STUDENT_ID_LENGTH = 11  # ITSON's ID, shown zero-padded; a shorter entry is padded
_TRUE = frozenset({"true", "sí", "si", "s", "yes", "y", "1", "verdadero"})
_FALSE = frozenset({"false", "no", "n", "0", "falso"})


@dataclasses.dataclass(frozen=True)
class Problem:
    """One thing wrong (or suspicious) with a value: a catalogue key, its parameters and, when
    known, the profile field and file line it belongs to."""

    key: str
    params: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    field: str | None = None
    line: int | None = None

    def message(self, lang: str | None = None) -> str:
        """The text alone, in `lang` (default: the process language)."""
        return t(self.key, lang, **self.params)

    def describe(self, lang: str | None = None) -> str:
        """`line: field: text`, leaving out the parts that are not known."""
        prefix = "".join(
            f"{part}: " for part in (self.line, self.field) if part is not None and part != ""
        )
        return prefix + self.message(lang)

    def at(self, field: str | None = None, line: int | None = None) -> Problem:
        """The same problem attributed to a field and a line."""
        return dataclasses.replace(self, field=field or self.field, line=line or self.line)


@dataclasses.dataclass(frozen=True)
class Result:
    """The outcome of one validation: the normalised value, problems and warnings."""

    value: str
    problems: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


def _result(value: str, problems: list[Problem], warnings: list[Problem] | None = None) -> Result:
    return Result(value, tuple(problems), tuple(warnings or ()))


def undecoded_byte(raw: str) -> Problem | None:
    """The problem of a text holding a byte that was not UTF-8, or None. Python reads such a
    byte from the terminal (an argument, a line typed) as a surrogate escape, U+DC80-U+DCFF:
    the terminal sends Latin-1 or another code page (`é` as the byte 0xE9). Named as the byte
    it was, never as an invisible character pasted from somewhere."""
    found = re.search("[\udc80-\udcff]", raw)
    if found is None:
        return None
    return Problem("validation.not_utf8", {"byte": f"0x{ord(found.group()) - 0xDC00:02X}"})


# --- CURP -----------------------------------------------------------------------------------


def _fold(raw: str) -> str:
    """NFKC (full-width ＨＥＧＧ and ５６ become HEGG and 56) without the invisible format
    characters (zero-width space, direction marks) that copies from PDFs and chats carry."""
    text = unicodedata.normalize("NFKC", str(raw))
    return "".join(char for char in text if unicodedata.category(char) != "Cf")


def normalize_curp(raw: str) -> str:
    """Upper case without any whitespace or dashes: how people paste a CURP from a PDF."""
    return re.sub(r"[\s_-]+", "", _fold(raw)).upper()


def _century(curp: str) -> int | None:
    """The century the homoclave (character 17) says: a digit for births in the 1900s, a
    letter for the 2000s; None when it is neither (an `Ñ`, a `*`), which says no century."""
    homoclave = curp[16:17]
    if re.fullmatch(r"[0-9]", homoclave):
        return 1900
    return 2000 if re.fullmatch(r"[A-Z]", homoclave) else None


def _curp_date(curp: str) -> datetime.date | None:
    """The date characters 5-10 encode, in the homoclave's century; with no century (a bad
    homoclave), in whichever of the two has that date (2000 first)."""
    digits = curp[4:10]
    if not (len(digits) == 6 and digits.isascii() and digits.isdigit()):
        return None
    century = _century(curp)
    for start in (century,) if century is not None else (2000, 1900):
        try:
            return datetime.date(start + int(digits[:2]), int(digits[2:4]), int(digits[4:6]))
        except ValueError:
            continue
    return None


# The most characters of a refused CURP its messages may quote in total: as many as its masked
# form shows (HEGG…L04). A part beyond it is named by position, its value shown as "…".
_CURP_QUOTE_BUDGET = 7
# Problems that reveal the date without a `part` parameter, and what they fall back to.
_DATE_REVEALING = {"validation.curp.date_1900": "validation.curp.date"}


def _within_quote_budget(problems: list[Problem]) -> list[Problem]:
    """The problems, with the parts quoted beyond _CURP_QUOTE_BUDGET replaced by "…" so that
    the messages of one CURP never spell out the whole value (7 parts at fault would)."""
    spent, kept = 0, []
    for problem in problems:
        part = problem.params.get("part")
        cost = len(part) if part is not None else 6 if problem.key in _DATE_REVEALING else 0
        if cost and spent + cost > _CURP_QUOTE_BUDGET:
            key = _DATE_REVEALING.get(problem.key, problem.key)
            problem = dataclasses.replace(problem, key=key, params={**problem.params, "part": "…"})
            cost = 0
        spent += cost
        kept.append(problem)
    return kept


def validate_curp(raw: str, today: datetime.date | None = None) -> Result:
    """Check a CURP part by part (length, the 4 letters, the birth date, the sex, the state,
    the 3 consonants, the homoclave, the check digit) and report every part at fault.
    `today` (default: the system's date) bounds the birth date; tests pass their own."""
    value = normalize_curp(raw)
    if not value:
        return _result(value, [Problem("validation.required")])
    if len(value) != CURP_LENGTH:
        return _result(value, [Problem("validation.curp.length", {"length": len(value)})])
    problems: list[Problem] = []
    letters, date, sex = value[:4], value[4:10], value[10]
    state, consonants, homoclave, check = value[11:13], value[13:16], value[16], value[17]
    if not re.fullmatch(r"[A-Z]{4}", letters):
        problems.append(Problem("validation.curp.letters", {"part": letters}))
    elif letters in _BLOCKED_WORDS:
        problems.append(Problem("validation.curp.blocked_word", {"part": letters}))
    elif letters[1] not in _VOWELS and letters[1] != "X":
        # RENAPO: the 2nd letter is the first surname's first inner vowel, X when it has none
        # (or when the 4 letters would form a forbidden word); never another consonant.
        problems.append(Problem("validation.curp.inner_vowel", {"part": letters[1]}))
    if not re.fullmatch(r"[0-9]{6}", date):
        problems.append(Problem("validation.curp.date_format", {"part": date}))
    elif (birth := _curp_date(value)) is None:
        if _century(value) == 1900 and date[:2] == "00" and date[2:] == "0229":
            # 29 Feb exists in 2000 but not in 1900; the homoclave's digit said 1900.
            problems.append(Problem("validation.curp.date_1900"))
        else:
            problems.append(Problem("validation.curp.date", {"part": date}))
    elif _century(value) is not None and birth > (today or datetime.date.today()):
        # Without a century (a bad homoclave, said below) "after today" would be a guess.
        problems.append(Problem("validation.curp.date_future", {"part": date}))
    if sex not in CURP_SEXES:
        problems.append(Problem("validation.curp.sex", {"part": sex}))
    if state not in CURP_STATES:
        problems.append(
            Problem("validation.curp.state", {"part": state, "valid": ", ".join(CURP_STATES)})
        )
    if not re.fullmatch(r"[A-Z]{3}", consonants) or set(consonants) & _VOWELS:
        problems.append(Problem("validation.curp.consonants", {"part": consonants}))
    if not re.fullmatch(r"[A-Z0-9]", homoclave):
        problems.append(Problem("validation.curp.homoclave", {"part": homoclave}))
    if not check.isascii() or not check.isdigit():
        problems.append(Problem("validation.curp.check_format", {"part": check}))
    elif all(char in _CHECK_ALPHABET for char in value[:17]):
        expected = stdnum_curp.calc_check_digit(value)
        if check != expected:
            problems.append(Problem("validation.curp.check_digit", {"expected": expected}))
    warnings: list[Problem] = []
    if not problems:
        # A safety net: stdnum must agree. It predates the X sex letter, so an X CURP is checked
        # as H without stdnum's check digit (already verified above over the real letter).
        as_stdnum = value[:10] + "H" + value[11:] if sex == "X" else value
        if not stdnum_curp.is_valid(as_stdnum, validate_check_digits=sex != "X"):
            problems.append(Problem("validation.curp.invalid"))
    if not problems:
        warnings.extend(_implausible_age(value, today or datetime.date.today()))
    return _result(value, _within_quote_budget(problems), warnings)


# The ages a student may have: a CURP whose birth date gives one outside them is accepted with a
# warning, since it is most likely a homoclave typed wrong (its century), not a real age. The
# bounds are generous (a 12-year-old in secondary school, a retiree back at university).
STUDENT_AGE_MIN = 12
STUDENT_AGE_MAX = 80
# A homoclave's digit and the letter it is mistaken for (same shape), both ways. O and 0 weigh
# the same in the check digit (25 and 0, times 2, modulo 10), so it cannot catch that one.
_LOOKALIKE_LETTER = {"0": "O", "1": "I", "2": "Z", "5": "S", "6": "G", "8": "B"}
_LOOKALIKE_DIGIT = {letter: digit for digit, letter in _LOOKALIKE_LETTER.items()}


def _implausible_age(curp: str, today: datetime.date) -> list[Problem]:
    """A warning when a valid CURP's birth date gives an age no student has (over
    STUDENT_AGE_MAX, under STUDENT_AGE_MIN), pointing at the homoclave (character 17) that
    set its century, and at the look-alike typed for it (`0` for the letter `O`). The date
    itself is never quoted: only the character, which the masked CURP shows too."""
    birth = _curp_date(curp)
    if birth is None:
        return []
    age = today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
    homoclave = curp[16]
    if age > STUDENT_AGE_MAX and homoclave.isdigit():
        letter = _LOOKALIKE_LETTER.get(homoclave)
        key = "validation.curp.age_old_lookalike" if letter else "validation.curp.age_old"
        params = {"max": STUDENT_AGE_MAX, "char": homoclave, "other": letter or ""}
        return [Problem(key, params)]
    if age < STUDENT_AGE_MIN and homoclave.isalpha():
        digit = _LOOKALIKE_DIGIT.get(homoclave)
        key = "validation.curp.age_young_lookalike" if digit else "validation.curp.age_young"
        params = {"min": STUDENT_AGE_MIN, "char": homoclave, "other": digit or ""}
        return [Problem(key, params)]
    return []


def curp_birth_date(curp: str) -> datetime.date | None:
    """The birth date a valid CURP encodes (None when it encodes no real date)."""
    value = normalize_curp(curp)
    return _curp_date(value) if len(value) == CURP_LENGTH else None


def curp_sex(curp: str) -> str | None:
    """The sex letter a CURP encodes: H (hombre), M (mujer) or X (no binario); None if absent."""
    value = normalize_curp(curp)
    return value[10] if len(value) == CURP_LENGTH and value[10] in CURP_SEXES else None


# --- NSS ------------------------------------------------------------------------------------


def normalize_digits(raw: str) -> str:
    """Digits as typed, without the spaces, dashes and dots people group them with."""
    return re.sub(r"[\s.-]+", "", _fold(raw))


def validate_nss(raw: str, curp: str | None = None) -> Result:
    """Check an NSS: 11 digits, the last a Luhn check digit over the first 10. With a CURP, warn
    when the NSS's birth-year digits (positions 5-6) differ from the CURP's year."""
    value = normalize_digits(raw)
    if not value:
        return _result(value, [Problem("validation.required")])
    wrong = _first_non_digit(value)
    if wrong is not None:  # which one, not the number (personal): a letter O for a zero, say
        return _result(value, [Problem("validation.nss.digits", wrong)])
    if len(value) != NSS_LENGTH:
        return _result(value, [Problem("validation.nss.length", {"length": len(value)})])
    expected = luhn.calc_check_digit(value[:10])
    if value[10] != expected:
        return _result(value, [Problem("validation.nss.check_digit", {"expected": expected})])
    warnings: list[Problem] = []
    if curp:
        curp_value = normalize_curp(curp)
        curp_year = curp_value[4:6]
        if len(curp_year) == 2 and curp_year.isdigit() and curp_year != value[4:6]:
            warnings.append(
                Problem(
                    "validation.nss.birth_year", {"nss_year": value[4:6], "curp_year": curp_year}
                )
            )
    return _result(value, [], warnings)


# --- Email ----------------------------------------------------------------------------------


def normalize_email(raw: str) -> str:
    """Trimmed, with the domain in lower case (domains are case-insensitive; local parts are
    kept as typed because a few servers distinguish them)."""
    local, at, domain = str(raw).strip().rpartition("@")
    return f"{local}@{domain.lower()}" if at else str(raw).strip()


def validate_email(raw: str) -> Result:
    """A pragmatic email check: one @, a plausible local part, a domain with a dot and a
    top-level domain of letters. Warns about well-known misspellings of big providers."""
    value = normalize_email(raw)
    if not value:
        return _result(value, [Problem("validation.required")])
    if len(value) > EMAIL_MAX:
        return _result(value, [_too_long(value, EMAIL_MAX)])
    if any(char.isspace() for char in value):
        return _result(value, [Problem("validation.email.spaces")])
    if value.count("@") != 1:
        return _result(value, [Problem("validation.email.at")])
    local, _, domain = value.partition("@")
    problems: list[Problem] = []
    if len(local) > EMAIL_LOCAL_MAX:
        problems.append(
            Problem("validation.email.local_length", {"length": len(local), "max": EMAIL_LOCAL_MAX})
        )
    elif not local or not _EMAIL_LOCAL.match(local):
        problems.append(Problem("validation.email.local"))
    labels = domain.split(".")
    if (
        len(labels) < 2
        or not all(_EMAIL_LABEL.match(label) for label in labels)
        or not re.fullmatch(r"[a-z]{2,}", labels[-1])
    ):
        problems.append(Problem("validation.email.domain", {"domain": domain}))
    warnings: list[Problem] = []
    if not problems and domain in _DOMAIN_TYPOS:
        warnings.append(
            Problem(
                "validation.email.typo", {"domain": domain, "suggestion": _DOMAIN_TYPOS[domain]}
            )
        )
    return _result(value, problems, warnings)


def emails_match(a: str, b: str) -> bool:
    """Whether two entries of the same address agree (as a form asking twice checks)."""
    return normalize_email(a).lower() == normalize_email(b).lower()


# --- Postal code and the other fields -------------------------------------------------------


def validate_postal_code(raw: str) -> Result:
    """Five digits; the first two name a state (01-99), so 00 never exists."""
    value = normalize_digits(raw)
    if not value:
        return _result(value, [Problem("validation.required")])
    wrong = _first_non_digit(value)
    if wrong is not None:  # which one, not the code (personal): a letter O for a zero, say
        return _result(value, [Problem("validation.postal_code.digits", wrong)])
    if len(value) != 5:
        return _result(value, [Problem("validation.postal_code.format", {"length": len(value)})])
    if value.startswith("00"):
        return _result(value, [Problem("validation.postal_code.state")])
    return _result(value, [])


def _first_non_digit(value: str) -> dict[str, Any] | None:
    """The position (1-based) and the character of the first non-digit in a number field, as
    its message shows them: one character says nothing of the number (personal) around it. A
    character that prints as nothing (a control character) is shown by its code point."""
    for index, char in enumerate(value):
        if not (char.isascii() and char.isdigit()):
            shown = char if char.isprintable() and not char.isspace() else f"U+{ord(char):04X}"
            return {"position": index + 1, "char": shown}
    return None


def _too_long(value: str, limit: int) -> Problem:
    return Problem("validation.too_long", {"length": len(value), "max": limit})


def validate_name(raw: str, required: bool = True) -> Result:
    """A name or surname: letters (accents included), spaces, apostrophes, dots and dashes, at
    most NAME_MAX characters. Inner runs of spaces are collapsed because portals compare names
    literally."""
    # NFC: a JOSÉ copied from a PDF or typed on macOS carries a separate combining accent.
    value = " ".join(unicodedata.normalize("NFC", str(raw)).translate(_APOSTROPHES).split())
    if not value:
        return _result(value, [Problem("validation.required")] if required else [])
    if len(value) > NAME_MAX:
        return _result(value, [_too_long(value, NAME_MAX)])
    if not _NAME_RE.match(value):
        return _result(value, [Problem("validation.name.format")])
    return _result(value, [])


def validate_place(raw: str) -> Result:
    """A street or a colonia: letters, digits, spaces and . , # ' / ° - ; at most PLACE_MAX
    characters, inner spaces collapsed."""
    value = " ".join(str(raw).split())
    if not value:
        return _result(value, [Problem("validation.required")])
    if len(value) > PLACE_MAX:
        return _result(value, [_too_long(value, PLACE_MAX)])
    if not _PLACE_RE.match(value):
        return _result(value, [Problem("validation.place.format")])
    return _result(value, [])


def validate_house_number(raw: str) -> Result:
    """An exterior or interior number as written on the house: "123", "123-B", "S/N"; at most
    HOUSE_NUMBER_MAX characters."""
    value = " ".join(str(raw).split())
    if not value:
        return _result(value, [Problem("validation.required")])
    if len(value) > HOUSE_NUMBER_MAX:
        return _result(value, [_too_long(value, HOUSE_NUMBER_MAX)])
    if not _HOUSE_NUMBER_RE.match(value):
        return _result(value, [Problem("validation.house_number.format")])
    return _result(value, [])


PHONE_LENGTH = 10


def validate_phone(raw: str) -> Result:
    """A Mexican phone number: 10 digits (a leading +52 or 52 country code is dropped). A
    refusal says how many digits there are, which character is no digit, and that the `1`
    mobiles once had after the 52 (`+52 1 644 …`, dropped in 2019) no longer goes there."""
    typed = normalize_digits(str(raw).replace("(", "").replace(")", ""))
    value = typed
    country = value.startswith("+52") or (value.startswith("52") and len(value) >= 12)
    if value.startswith("+52"):
        value = value[3:]
    elif country:
        value = value[2:]
    if value.startswith("+"):  # another country's code: a Mexican number has none
        return _result(value, [Problem("validation.phone.country")])
    wrong = _first_non_digit(value)
    if wrong is not None:
        return _result(value, [Problem("validation.phone.digits", wrong)])
    if len(value) != PHONE_LENGTH:
        if country and len(value) == PHONE_LENGTH + 1 and value.startswith("1"):
            return _result(value, [Problem("validation.phone.mobile_prefix")])
        key = "validation.phone.length_after_52" if country else "validation.phone.format"
        return _result(value, [Problem(key, {"length": len(value)})])
    return _result(value, [])


def validate_student_id(raw: str) -> Result:
    """The student ID ITSON's CIA asks for: up to 11 digits, stored zero-padded to 11 as ITSON
    shows it (its help desk pads a shorter one the same way)."""
    value = normalize_digits(raw)
    if not value:
        return _result(value, [Problem("validation.required")])
    if not (value.isascii() and value.isdigit()):
        return _result(value, [Problem("validation.student_id.format")])
    if len(value) > STUDENT_ID_LENGTH:
        return _result(value, [_too_long(value, STUDENT_ID_LENGTH)])
    return _result(value.zfill(STUDENT_ID_LENGTH), [])


def validate_choice(raw: str, choices: tuple[str, ...]) -> Result:
    """One of a fixed list of words, case-insensitive."""
    value = str(raw).strip().lower()
    if value not in choices:
        return _result(value, [Problem("validation.choice", {"choices": ", ".join(choices)})])
    return _result(value, [])


def parse_bool(raw: str | bool) -> bool | None:
    """`true`/`false` and their Spanish and English spellings; None when it is neither."""
    if isinstance(raw, bool):
        return raw
    word = str(raw).strip().lower()
    return True if word in _TRUE else False if word in _FALSE else None


def validate_bool(raw: str | bool) -> Result:
    """A yes/no answer, normalised to `true` or `false`."""
    parsed = parse_bool(raw)
    if parsed is None:
        return _result(str(raw).strip(), [Problem("validation.bool")])
    return _result("true" if parsed else "false", [])

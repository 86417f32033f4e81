"""A constancia read and judged: the report `check_constancia` gives.

Everything a report shows that comes from the PDF (an employer's name or registro, the
situation, the verdict's basis) passes through `scrub`: the profile's personal values and the
constancia's own NSS, CURP and name are masked (a Redactor), and so is anything shaped like a
CURP (or a piece of one) or an NSS, whoever's it is. A constancia whose CURP and NSS are both
another person's is not judged as the student's (`ConstanciaOfSomeoneElse`).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from autohelper.documents.constancia import ConstanciaFacts, read_constancia
from autohelper.documents.pdf import mask_ids, shown_path
from autohelper.documents.verdict import Expectation, Verdict, expectation_for, judge
from autohelper.errors import DocumentError
from autohelper.privacy import ELLIPSIS, Redactor, mask


class ConstanciaOfSomeoneElse(DocumentError):
    """The constancia's CURP and NSS both differ from the profile's: another person's. Its
    verdict is not the student's, so none is given (exit as for an unreadable document)."""

    key = "document.someone_else"


# A CURP's first half (four letters, the birth date) or second half (sex, state, consonants,
# homoclave, check digit), inside any word: a CURP cut by the layout is still one.
_STATES = (
    "AS|BC|BS|CC|CL|CM|CS|CH|DF|DG|GT|GR|HG|JC|MC|MN|MS|NT|NL|OC|PL|QT|QR|SP|SL|SR|TC|TS|TL|VZ"
    "|YN|ZS|NE"
)
_CURP_PIECE = re.compile(
    rf"[A-Z]{{4}}\d{{6}}|[HMX](?:{_STATES})[B-DF-HJ-NP-TV-Z]{{3}}[A-Z0-9]\d(?![A-Z0-9])"
)
_WORD = re.compile(r"[A-Z0-9]+", re.IGNORECASE)


def mask_shapes(text: str) -> str:
    """`text` with every CURP and NSS-shaped number (grouped too: `mask_ids`) and every word
    holding a CURP (or half of one) masked: a whole CURP as `mask` shows it, a piece as `…`."""

    def word(match: re.Match[str]) -> str:
        token = match.group(0)
        if not _CURP_PIECE.search(token.upper()):
            return token
        return mask(token.upper(), "curp") if len(token) == 18 else ELLIPSIS

    return _WORD.sub(word, mask_ids(text))


def redactor_for(facts: ConstanciaFacts, profile: Mapping[str, object] | None) -> Redactor:
    """A Redactor of the profile's personal values and the constancia's own NSS, CURP and name."""
    redactor = Redactor()
    if profile:
        redactor.add_profile(profile)
    redactor.add(facts.nss, "nss")
    redactor.add(facts.curp, "curp")
    redactor.add(facts.name, "name")
    return redactor


def _scrub_tree(value: Any, scrub: Any) -> Any:
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, dict):
        return {key: _scrub_tree(item, scrub) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_scrub_tree(item, scrub) for item in value]
    return value


def _key(value: object) -> str:
    return re.sub(r"[^A-Z0-9]", "", str(value).upper())


def identity_mismatches(
    facts: ConstanciaFacts, profile: Mapping[str, object] | None
) -> list[tuple[str, str]]:
    """The identifiers ("curp", "nss") the constancia and the profile both have and that
    differ, each with the constancia's value masked."""
    found = []
    for name in ("curp", "nss"):
        own, read = (profile or {}).get(name), getattr(facts, name)
        if own and read and _key(own) != _key(read):
            found.append((name, mask(read, name)))
    return found


@dataclass(frozen=True)
class VigenciaReport:
    """A constancia read and judged: where it was (masked), its facts, the verdict (its basis
    already scrubbed), and what scrubs the PDF's text for showing."""

    path: str
    facts: ConstanciaFacts
    verdict: Verdict
    redactor: Redactor = field(default_factory=Redactor, repr=False, compare=False)

    def shown(self, text: str | None) -> str | None:
        """A text from the PDF as it may be shown: the redactor's values and CURP- or
        NSS-shaped strings masked."""
        if text is None:
            return None
        return mask_shapes(self.redactor(text))

    def public(self) -> dict[str, Any]:
        """For the journal and --json: no personal data unmasked (the NSS, CURP and name are
        masked; every other text from the PDF is scrubbed by `shown`)."""
        data = {
            **self.verdict.public(),
            "expectation": self.verdict.expectation.public(),
            "facts": self.facts.public(),
        }
        return {"file": self.path, **_scrub_tree(data, self.shown)}


def check_constancia(
    path: Path | str,
    institution: str | None = None,
    expectation: Expectation | None = None,
    *,
    profile: Mapping[str, object] | None = None,
    today: datetime.date | None = None,
) -> VigenciaReport:
    """Read the constancia PDF at `path` (it stays where it is) and judge it against the
    expectation for `institution` (or the one given). `profile` (the profile's values, as
    `Profile.as_template_values()` gives them) is whose constancia it should be: its personal
    values are scrubbed from what the report shows. Raises a DocumentError subclass when the
    file is not a readable constancia, ConstanciaOfSomeoneElse when its CURP and NSS are both
    another person's. `today` (default: the system's date) is the day the constancia's dates
    are judged against."""
    # The file's name may hold the profile's values (a renamed `Gloria Hernandez.pdf`): masked
    # in every error about it, and (with the constancia's own values too) in the report.
    known = Redactor()
    if profile:
        known.add_profile(profile)
    shown = shown_path(path, known)
    facts = read_constancia(path, shown)
    mismatches = dict(identity_mismatches(facts, profile))
    if len(mismatches) == 2:
        raise ConstanciaOfSomeoneElse(
            path=shown, curp=mismatches["curp"], nss=mismatches["nss"], suffix=""
        )
    redactor = redactor_for(facts, profile)
    verdict = judge(facts, expectation or expectation_for(institution), today)
    report = VigenciaReport(shown_path(path, redactor), facts, verdict, redactor)
    # The verdict explains itself with the basis (an employer's name): scrubbed too.
    return replace(report, verdict=replace(verdict, basis=_scrub_tree(verdict.basis, report.shown)))

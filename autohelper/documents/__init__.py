"""Reading what the portals hand out: the constancia de vigencia de derechos (a PDF) and what it
means for the student.

    report = check_constancia(path, institution="itson")   # DocumentError if unreadable
    report.verdict.code       # "vigente", "sin_derecho", "otro_patron", "otra_escuela", "ilegible"
    report.public()           # JSON-ready: verdict, the facts it rests on; personal data masked
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from autohelper.documents.constancia import ConstanciaFacts, parse_constancia, read_constancia
from autohelper.documents.employers import Employer
from autohelper.documents.pdf import pdf_text, shown_path
from autohelper.documents.verdict import VERDICTS, Expectation, Verdict, expectation_for, judge

__all__ = [
    "VERDICTS",
    "ConstanciaFacts",
    "Employer",
    "Expectation",
    "Verdict",
    "VigenciaReport",
    "check_constancia",
    "expectation_for",
    "judge",
    "parse_constancia",
    "pdf_text",
    "read_constancia",
    "shown_path",
]


@dataclass(frozen=True)
class VigenciaReport:
    """A constancia read and judged: where it was (masked), its facts, the verdict."""

    path: str
    facts: ConstanciaFacts
    verdict: Verdict

    def public(self) -> dict[str, Any]:
        """For the journal and --json: no personal data unmasked (the NSS, CURP and name are
        masked; the employers' names and registros are not the student's)."""
        return {
            "file": self.path,
            **self.verdict.public(),
            "expectation": self.verdict.expectation.public(),
            "facts": self.facts.public(),
        }


def check_constancia(
    path: Path | str, institution: str | None = None, expectation: Expectation | None = None
) -> VigenciaReport:
    """Read the constancia PDF at `path` (it stays where it is) and judge it against the
    expectation for `institution` (or the one given). Raises a DocumentError subclass when
    the file is not a readable constancia."""
    facts = read_constancia(path)
    verdict = judge(facts, expectation or expectation_for(institution))
    return VigenciaReport(shown_path(path), facts, verdict)

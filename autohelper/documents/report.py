"""A constancia read and judged: the report `check_constancia` gives."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from autohelper.documents.constancia import ConstanciaFacts, read_constancia
from autohelper.documents.pdf import shown_path
from autohelper.documents.verdict import Expectation, Verdict, expectation_for, judge


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

"""Readers an `outcome` may name for a downloaded document (`read: constancia`): what the document
means, as yields (recorded by the run) and as `name: value` lines its cases match.

The names are what a scenario may write; the readers themselves load on first use (pypdf is not
paid for by loading a scenario).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Reading:
    """What a reader found: yields with no personal data in them (an employer's name and
    registro patronal are not the student's), one per fact; and what that means for the
    person, in their language (empty when the reader has nothing to say)."""

    yields: dict[str, str]
    meaning: str = ""

    @property
    def text(self) -> str:
        """The yields as `name: value` lines: what the outcome's `matches` look at."""
        return "\n".join(f"{name}: {value}" for name, value in self.yields.items())


def read_constancia(path: Path, profile: Mapping[str, str]) -> Reading:
    """The constancia de vigencia judged against what the profile's institution expects."""
    from autohelper.documents.report import check_constancia

    # Whose constancia it should be: another person's is a DocumentError, not a verdict; the
    # profile's values are scrubbed from what is yielded, with CURP- and NSS-shaped strings.
    report = check_constancia(path, institution=profile.get("institution"), profile=profile)
    facts = report.facts
    yields = {"verdict": report.verdict.code}
    if facts.con_derecho is not None:
        yields["con_derecho"] = "si" if facts.con_derecho else "no"
    last = facts.last_employer
    for name, value in (
        ("situacion", facts.situacion),
        ("umf", facts.umf),
        ("patron", last.name if last else None),
        ("registro_patronal", last.registro if last else None),
        ("modalidad", str(last.modalidad) if last and last.modalidad is not None else None),
    ):
        shown = report.shown(value)
        if shown:
            yields[name] = shown
    # The words `autohelper vigencia --pdf` uses for the same verdict.
    return Reading(yields, report.verdict.explanation())


READERS: dict[str, Callable[[Path, Mapping[str, str]], Reading]] = {
    "constancia": read_constancia,
}
# What each reader may yield (a scenario's `{run.x}` may name them).
READER_YIELDS: dict[str, tuple[str, ...]] = {
    "constancia": (
        "verdict",
        "con_derecho",
        "situacion",
        "umf",
        "patron",
        "registro_patronal",
        "modalidad",
    ),
}

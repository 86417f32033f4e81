"""What a constancia means for the student, against what their procedure expects.

The expectation is small data (`expectation_for`): for ITSON, con derecho with "INSTITUTO
TECNOLOGICO DE SONORA" as the employer of the last movement in modalidad 32; for a school whose
Servicios Escolares registers students, or an unknown one, any school in modalidad 32. Each
verdict keeps the facts it rests on, and explains itself in the student's language.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace
from typing import Any

from autohelper.documents.constancia import ConstanciaFacts
from autohelper.documents.employers import Employer
from autohelper.documents.names import NameMatch, compare_name
from autohelper.messages import t

FACULTATIVO = 32
VERDICTS = ("vigente", "sin_derecho", "otro_patron", "otra_escuela", "fuera_de_fecha", "ilegible")
# A constancia says what the IMSS knew the day it was issued: one older than this is not taken
# as "in force now" (a new one takes minutes to download).
MAX_AGE_DAYS = 30
# What is missing when the last employer's name is close to the school's but not the same.
NAME_CLOSE = "last_employer.name_close"
# Situations that mean no rights, used only when "con derecho" itself could not be read.
_SITUATION_RIGHTS = {"VIGENTE": True, "NO VIGENTE": False, "BAJA": False}


@dataclass(frozen=True)
class Expectation:
    """What a good constancia shows for one procedure. No `employer_names`: any school."""

    institution: str
    employer_names: tuple[str, ...] = ()
    modalidad: int = FACULTATIVO
    contacts: tuple[str, ...] = ()

    @property
    def any_school(self) -> bool:
        return not self.employer_names

    def names_school(self, name: str | None) -> bool | None:
        """Whether `name` is the expected school's (accents, case, spaces and punctuation do
        not count, nor the usual abbreviations: `compare_name`; the printed name may carry
        more, e.g. a wrapped cell); None if no name. A close name is not the school's."""
        match = self.school_match(name)
        return None if match is None else match == "same"

    def school_match(self, name: str | None) -> NameMatch | None:
        """How `name` compares with the expected school's names: the best of "same", "close"
        (alike, not the same: a misprint or another school) and "other"; None if no name."""
        if name is None:
            return None
        found = {compare_name(name, expected) for expected in self.employer_names}
        return next((match for match in ("same", "close") if match in found), "other")

    def public(self) -> dict[str, Any]:
        return {
            "institution": self.institution,
            "employer": self.employer_names[0] if self.employer_names else None,
            "modalidad": self.modalidad,
        }


# Facts about schools; the lead will move these into the procedures' data.
_ITSON = Expectation(
    institution="itson",
    employer_names=("INSTITUTO TECNOLOGICO DE SONORA",),
    contacts=(
        "mesadeayuda@itson.edu.mx",
        "WhatsApp 6444-20-73-51, 6441-61-78-36",
        "tel. 6444-410-90-04 (8:00–16:00)",  # no words: said as is in either language
    ),
)


def expectation_for(institution: str | None) -> Expectation:
    """The expectation for a profile's institution: ITSON's school by name; "escolar",
    "generic", none or an unknown one: any school in modalidad 32."""
    if (institution or "").strip().lower() == "itson":
        return _ITSON
    return Expectation(institution=(institution or "generic").strip().lower() or "generic")


@dataclass(frozen=True)
class Verdict:
    """A verdict code (one of VERDICTS), the facts it rests on, and what is missing."""

    code: str
    expectation: Expectation
    basis: dict[str, Any] = field(default_factory=dict)
    missing: tuple[str, ...] = ()

    def explanation(self, lang: str | None = None) -> str:
        """What the constancia means, in one or two sentences."""
        key = f"verdict.{self.code}.explain"
        if self.code == "fuera_de_fecha":
            key += "." + str(self.basis.get("date_problem"))
        elif self.code == "otro_patron" and (differs := self._school_differs()) is not None:
            key += f".school_{differs}"
        elif self.missing == (NAME_CLOSE,):
            key += ".name_close"
        return t(key, lang, **self._params(lang))

    def _school_differs(self) -> str | None:
        """When the employer of the last movement is the expected school itself, what differs:
        "modalidad" (another one than 32: a job there, not the insurance) or "description"
        (modalidad 32, but not as a student's: "IMSS / CFE"); None for another employer. Saying
        "es ITSON (modalidad 10), no ITSON" would name the same school twice."""
        employer = self.basis.get("last_employer") or {}
        if not self.expectation.names_school(employer.get("name")):
            return None
        in_32 = employer.get("modalidad") == self.expectation.modalidad
        return "description" if in_32 else "modalidad"

    def advice(self, lang: str | None = None, command_suffix: str = "") -> str:
        """What the student should do now; the commands it shows end with `command_suffix`
        (` --profile NAME` when one was named)."""
        key = f"verdict.{self.code}.advice"
        if self.missing == (NAME_CLOSE,):
            key += ".name_close"
        if self.expectation.contacts and self.code != "vigente":
            key += "_contacts"
        return t(key, lang, **self._params(lang), suffix=command_suffix)

    def _params(self, lang: str | None) -> dict[str, Any]:
        employer = self.basis.get("last_employer") or {}
        school = (
            self.expectation.employer_names[0]
            if self.expectation.employer_names
            else t("verdict.any_school", lang)
        )
        return {
            "school": school,
            "employer": employer.get("name") or employer.get("registro_patronal") or "?",
            "modalidad": employer.get("modalidad") or "?",
            "expected_modalidad": self.expectation.modalidad,
            "description": employer.get("description") or "?",
            "missing": ", ".join(t(f"fact.{name}", lang) for name in self.missing),
            "contacts": "; ".join(self.expectation.contacts),
            "end": _shown_date(self.basis.get("vigencia_end")),
            "issued": _shown_date(self.basis.get("issued")),
            "max_age": MAX_AGE_DAYS,
        }

    def public(self) -> dict[str, Any]:
        return {"verdict": self.code, "basis": self.basis, "missing": list(self.missing)}


def _shown_date(value: object) -> str:
    """An ISO date of the basis as the constancia prints it (dd/mm/yyyy); "?" if none."""
    try:
        return datetime.date.fromisoformat(str(value)).strftime("%d/%m/%Y")
    except ValueError:
        return "?"


def judge(
    facts: ConstanciaFacts, expectation: Expectation, today: datetime.date | None = None
) -> Verdict:
    """The verdict of a constancia's facts against an expectation, on `today` (default: the
    system's date). Its dates must make sense: issued in the future, it is `fuera_de_fecha`
    whatever it says; a constancia that would be `vigente` but whose vigencia ended before
    `today`, or that was issued more than MAX_AGE_DAYS ago, is `fuera_de_fecha` too (download
    a new one); with neither its end nor its date of issue read, `ilegible`."""
    today = today or datetime.date.today()
    verdict = _judge(facts, expectation)
    dates = {"vigencia_end": facts.vigencia_end, "issued": facts.issued}
    problem = None
    if facts.issued is not None and facts.issued > today:
        problem = "issued_future"
    elif verdict.code != "vigente":
        return verdict
    elif facts.vigencia_end is not None and facts.vigencia_end < today:
        problem = "ended"
    elif facts.issued is not None and (today - facts.issued).days > MAX_AGE_DAYS:
        problem = "old"
    elif facts.vigencia_end is None and facts.issued is None:
        return replace(verdict, code="ilegible", missing=("vigencia_end", "issued"))
    if problem is None:
        return verdict
    basis = dict(verdict.basis)
    basis.update({name: day.isoformat() for name, day in dates.items() if day is not None})
    basis["date_problem"] = problem
    return Verdict("fuera_de_fecha", expectation, basis)


def _judge(facts: ConstanciaFacts, expectation: Expectation) -> Verdict:
    """The verdict from the rights and the employer of the last movement (dates aside)."""
    basis: dict[str, Any] = {}
    rights = facts.con_derecho
    if rights is not None:
        basis["con_derecho"] = rights
    elif facts.situacion in _SITUATION_RIGHTS and not (
        # A choice printed (SI/NO boxes) whose mark cannot be read: the situación may say the
        # rights are gone, never stand in for a "con derecho" the document may deny.
        facts.con_derecho_unclear and _SITUATION_RIGHTS[facts.situacion]
    ):
        rights = _SITUATION_RIGHTS[facts.situacion]
        basis["situacion"] = facts.situacion
    if rights is None:
        return Verdict("ilegible", expectation, basis, ("con_derecho",))
    last = facts.last_employer
    if last is not None:
        basis["last_employer"] = last.public()
        basis["last_employer_basis"] = facts.last_employer_basis
    if not rights:
        return Verdict("sin_derecho", expectation, basis)
    if last is None:
        if facts.last_employer_basis == "out_of_order":
            missing: tuple[str, ...] = ("last_employer.out_of_order",)
        else:
            missing = ("last_employer",) if facts.employers else ("employers",)
        return Verdict("ilegible", expectation, basis, missing)
    return _with_rights(last, expectation, basis)


def _with_rights(last: Employer, expectation: Expectation, basis: dict[str, Any]) -> Verdict:
    if last.unclear:
        # Its name and description are not known (cells wrapped over lines that cannot be
        # told apart): neither which school nor whether it is one.
        return Verdict("ilegible", expectation, basis, ("last_employer.unclear",))
    modalidad = last.modalidad
    if modalidad is None and last.is_school:
        modalidad = FACULTATIVO  # only modalidad 32 is described "SEGURO FACULTATIVO ESTUDIANTES"
    # Modalidad 32 is a school's unless its description says otherwise ("IMSS / CFE").
    school = modalidad == expectation.modalidad and last.is_school is not False
    if expectation.any_school:
        if school:
            return Verdict("vigente", expectation, basis)
        if modalidad is None and last.is_school is None:
            return Verdict("ilegible", expectation, basis, ("last_employer.modalidad",))
        return Verdict("otro_patron", expectation, basis)
    named = expectation.school_match(last.name)
    if named is None:
        return Verdict("ilegible", expectation, basis, ("last_employer.name",))
    if named == "same":
        if modalidad is None:
            return Verdict("ilegible", expectation, basis, ("last_employer.modalidad",))
        # The school as an employer in another modalidad is a job there, not the insurance.
        return Verdict("vigente" if school else "otro_patron", expectation, basis)
    if named == "close" and school:
        # Alike but not the same ("INSTITUTO TECNOLOGICO DE SONOR"): the student's school
        # misprinted, or another one. "Ask that school for the baja" would send them to their
        # own, "vigente" may be wrong: the student compares the names.
        return Verdict("ilegible", expectation, basis, (NAME_CLOSE,))
    return Verdict("otra_escuela" if school else "otro_patron", expectation, basis)

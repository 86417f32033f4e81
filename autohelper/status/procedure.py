"""Procedures as data: the steps a student goes through for one institution, read from
`scenarios/procedures/<id>.yaml` into frozen dataclasses.

A step is a scenario to run, something done by hand or at an office (`manual`), or a wait in
business days. Rules say what decides its state: `done_when` (a mark recorded with
`autohelper done`, a run of its scenario, the profile), `skipped_when`, `blocked_when` and
`in_person_when`. The loader (`procedure_loader.py`) reports every problem as
`file:line:column: message`; the format is documented in docs/status.md.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from autohelper.errors import AutohelperError, UsageError
from autohelper.files import FileProblem, read_text
from autohelper.messages import localized
from autohelper.scenario.model import Position

STEP_KINDS = ("scenario", "manual", "wait")
RUN_STATUSES = ("success", "error", "declined", "unknown", "interrupted", "in_person")
CONTACT_KINDS = ("email", "whatsapp", "phone", "office")
# Scenario ids the procedures may name before their files exist: these flows are being written
# in parallel (the CIA request, the vigencia check, the clinic registration). A procedure that
# names a scenario which is neither an existing scenario file nor in this list is invalid. Once
# every file exists this list changes nothing and may be emptied.
PLANNED_SCENARIOS = ("imss-nss", "itson-solicitud", "imss-vigencia", "imss-umf")
# The most business days a window may name (`first`, `last`): a year of them is far more than
# any office takes, and keeps the day arithmetic of `status` short.
MAX_WINDOW_DAYS = 365

# Every user text of a procedure is given in both languages.
Text = dict[str, str]
# The one placeholder of a procedure's texts, allowed only in a rule's texts (`why`, `tell`,
# `where`, `bring`): where a command the text shows takes the profile, ` --profile NAME` when
# one was named on the command line, else nothing (`autohelper done vigencia{profile}`).
PROFILE_PLACEHOLDER = "{profile}"
RULE_TEXTS = ("why", "tell", "where", "bring")
RuleSource = Literal["mark", "run", "profile"]


class ProcedureError(AutohelperError):
    """A procedure file is invalid; `problems` holds every `file:line:column: message`."""

    key = "procedure.invalid"

    def __init__(self, problems: list[str]) -> None:
        super().__init__(count=len(problems), problems="\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Rule:
    """One condition that decides a step's state, and what to tell the person when it does.

    `mark`: the student recorded the step done. `run`: a counted run of the step's scenario
    whose status (when given) and yields (each given key) match. `profile`: every named field
    matches (`true`/`false` for yes/no fields, `set` for a field that has any value)."""

    source: RuleSource
    status: str | None = None
    yields: tuple[tuple[str, str], ...] = ()
    profile: tuple[tuple[str, str], ...] = ()
    why: Text | None = None  # skipped / blocked: what happened and what to do
    tell: Text | None = None  # blocked: what to tell the help desk
    where: Text | None = None  # in person: which office
    bring: Text | None = None  # in person: what to take
    after_window: bool = False  # blocked only once the wait this step follows is over
    pos: Position | None = None


@dataclass(frozen=True)
class Window:
    """Business days after step `after` was done: the `first` one and (optionally) the `last`
    one. A wait step is waiting within it; another step cannot start before `first`."""

    after: str
    first: int
    last: int | None = None


@dataclass(frozen=True)
class ProcedureStep:
    id: str
    kind: str  # one of STEP_KINDS
    title: Text
    explain: Text
    depends_on: tuple[str, ...] = ()
    scenario: str | None = None
    where: Text | None = None  # manual: the office where it is done
    window: Window | None = None
    done_when: tuple[Rule, ...] = ()
    skipped_when: tuple[Rule, ...] = ()
    blocked_when: tuple[Rule, ...] = ()
    in_person_when: tuple[Rule, ...] = ()
    pos: Position | None = None

    @property
    def requires(self) -> tuple[str, ...]:
        """The steps this one needs first: `depends_on` and its window's `after`."""
        if self.window and self.window.after not in self.depends_on:
            return (*self.depends_on, self.window.after)
        return self.depends_on

    @property
    def markable(self) -> bool:
        """Whether `autohelper done` may record this step."""
        return any(rule.source == "mark" for rule in self.done_when)

    def describe(self, lang: str | None = None) -> str:
        return localized(self.title, lang)


@dataclass(frozen=True)
class Contact:
    kind: str  # one of CONTACT_KINDS
    value: str | Text  # office: a text; the others: an address or a number
    hours: str | None = None

    def shown(self, lang: str | None = None) -> str:
        return self.value if isinstance(self.value, str) else localized(self.value, lang)


@dataclass(frozen=True)
class HelpDesk:
    name: Text
    contacts: tuple[Contact, ...]
    hours: str | None = None


@dataclass(frozen=True)
class ClosedDays:
    """Days the institution's offices are closed beyond weekends and federal rest days."""

    first: datetime.date
    last: datetime.date
    why: Text | None = None


@dataclass(frozen=True)
class Procedure:
    id: str
    title: Text
    institution: Text
    help_desk: HelpDesk
    steps: tuple[ProcedureStep, ...]
    closed: tuple[ClosedDays, ...] = ()
    guide: str | None = None
    path: str = ""

    def step(self, step_id: str) -> ProcedureStep | None:
        return next((step for step in self.steps if step.id == step_id), None)

    @property
    def step_ids(self) -> tuple[str, ...]:
        return tuple(step.id for step in self.steps)


def filled(text: Text, command_suffix: str) -> Text:
    """A rule's text with its commands completed: `{profile}` replaced by `command_suffix`
    (the profile named on the command line, or nothing)."""
    return {
        lang: value.replace(PROFILE_PLACEHOLDER, command_suffix) for lang, value in text.items()
    }


# -- finding procedure files -----------------------------------------------------------------
_PROCEDURE_KEY = re.compile(r"^procedure\s*:", re.MULTILINE)


def procedures_dir() -> Path:
    """`<scenarios>/procedures`: the scenarios folder is AUTOHELPER_SCENARIOS when set, else the
    repository's (`scenario.loader.scenarios_dir`: a variable naming no folder is said, naming
    it, rather than blamed on the institution's procedure file)."""
    from autohelper.scenario.loader import scenarios_dir

    return scenarios_dir() / "procedures"


def procedure_paths() -> list[Path]:
    return sorted(procedures_dir().glob("*.yaml"))


def declares_procedure(path: Path) -> bool:
    """Whether the file has a top-level `procedure:` key (a scenario has `id:` instead)."""
    try:  # checked: a FIFO or /dev/zero is no file to read to its end
        return bool(_PROCEDURE_KEY.search(read_text(path)))
    except FileProblem:
        return False


def is_procedure_file(path: Path) -> bool:
    """A procedure by location (the scenarios' `procedures/` folder) or by content. A path that
    cannot be resolved (a symlink loop) is judged by its folder; reading it then reports why it
    cannot be read."""
    try:
        folder = path.resolve().parent
    except (OSError, RuntimeError):  # RuntimeError: Python before 3.13 on a symlink loop
        folder = path.absolute().parent
    try:
        in_folder = folder == procedures_dir().resolve()
    except (OSError, RuntimeError, UsageError):  # UsageError: AUTOHELPER_SCENARIOS is no folder
        in_folder = False
    return in_folder or declares_procedure(path)


def procedure_for(institution: str | None, lang: str | None = None) -> Procedure:
    """The procedure a profile's `institution` picks (`generic` is read as `escolar`)."""
    from autohelper.profile import INSTITUTION_ALIASES, INSTITUTIONS
    from autohelper.status.procedure_loader import load_procedure

    if not institution:
        raise UsageError("status.no_institution", choices="|".join(INSTITUTIONS))
    name = INSTITUTION_ALIASES.get(institution, institution)
    path = procedures_dir() / f"{name}.yaml"
    if not path.is_file():
        raise UsageError("status.no_procedure", institution=institution, path=str(path))
    return load_procedure(path, lang)

"""The scenario model: immutable, typed steps built from YAML by `loader.py`.

A scenario is data. Each step type is a frozen dataclass registered in `STEP_TYPES` under the
YAML key that introduces it; the registry feeds the loader (what keys exist, how each is parsed),
the validator (did-you-mean) and the docs (`docs/scenarios.md`), so they cannot drift apart.

YAML shape of one step: exactly one step-type key, whose value is the step's primary parameter,
plus sibling keys: the step's own parameters and the common `description`, `id`, `timeout`.

    - fill: {css: "#registroCurp"}
      value: "{profile.curp}"
      description: Escribir tu CURP
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar, Literal

from autohelper.messages import localized

# A user-facing text in a scenario: one string (Spanish) or {"es": ..., "en": ...}.
Text = str | dict[str, str]

LOCATOR_KINDS = ("role", "label", "text", "placeholder", "testid", "css")
TEMPLATE_RE = re.compile(r"\{(profile|secret)\.([a-z_][a-z0-9_]*)\}")


@dataclass(frozen=True)
class Position:
    """Where something was written: `file:line:column` (1-based)."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Locator:
    """One way to find an element. `name` goes with `role`; `has_text` filters any kind."""

    kind: str  # one of LOCATOR_KINDS
    value: str
    name: str | None = None
    exact: bool = False
    has_text: str | None = None

    def describe(self) -> str:
        text = f"{self.kind}={self.value!r}"
        if self.name is not None:
            text += f" name={self.name!r}"
        if self.has_text is not None:
            text += f" has_text={self.has_text!r}"
        return text


# "The first that matches": one scenario survives a portal's known variants.
Target = tuple[Locator, ...]


def describe_target(target: Target) -> str:
    return " | ".join(locator.describe() for locator in target)


@dataclass(frozen=True)
class Template:
    """A value with `{profile.x}` / `{secret.x}` references; `{{` and `}}` are literal braces."""

    raw: str

    @property
    def refs(self) -> tuple[tuple[str, str], ...]:
        return tuple((m.group(1), m.group(2)) for m in TEMPLATE_RE.finditer(self.raw))

    def render(self, profile: dict[str, str], secrets: dict[str, str]) -> str:
        def substitute(match: re.Match[str]) -> str:
            source = profile if match.group(1) == "profile" else secrets
            return str(source[match.group(2)])

        return TEMPLATE_RE.sub(substitute, self.raw).replace("{{", "{").replace("}}", "}")

    @property
    def sensitive_kind(self) -> str | None:
        """The masking kind of the value: the field it comes from, `secret`, or None (literal)."""
        for source, name in self.refs:
            return "secret" if source == "secret" else name
        return None


@dataclass(frozen=True)
class Step:
    """Common to every step: a one-line description, an optional id, where it was written."""

    kind: ClassVar[str] = ""
    # Retried on a transient failure (DESIGN.md's table): only idempotent steps.
    retried: ClassVar[bool] = False
    # The YAML key's value is parsed into this field.
    primary: ClassVar[str] = ""

    description: Text
    pos: Position
    id: str | None = None
    timeout: float | None = None  # seconds; None means the engine's default

    def describe(self, lang: str | None = None) -> str:
        return localized(self.description, lang)


@dataclass(frozen=True)
class Goto(Step):
    """Open a URL; it must be on one of the scenario's declared origins."""

    kind: ClassVar[str] = "goto"
    retried: ClassVar[bool] = True
    primary: ClassVar[str] = "url"
    url: str = ""


@dataclass(frozen=True)
class Click(Step):
    """A click that only navigates or opens UI (never one that sends data: that is `submit`)."""

    kind: ClassVar[str] = "click"
    retried: ClassVar[bool] = True
    primary: ClassVar[str] = "target"
    target: Target = ()


@dataclass(frozen=True)
class Fill(Step):
    """Type a value (profile, secret or literal) into a field."""

    kind: ClassVar[str] = "fill"
    retried: ClassVar[bool] = True
    primary: ClassVar[str] = "target"
    target: Target = ()
    value: Template = Template("")
    # Type key by key (fires key events; for fields whose page blocks paste or reacts per key).
    type: bool = False


@dataclass(frozen=True)
class Select(Step):
    """Choose an option of a drop-down by its value or label."""

    kind: ClassVar[str] = "select"
    retried: ClassVar[bool] = True
    primary: ClassVar[str] = "target"
    target: Target = ()
    value: Template = Template("")


@dataclass(frozen=True)
class Check(Step):
    """Tick (`value: true`) or untick (`value: false`) a checkbox or radio."""

    kind: ClassVar[str] = "check"
    retried: ClassVar[bool] = True
    primary: ClassVar[str] = "target"
    target: Target = ()
    value: bool = True


@dataclass(frozen=True)
class Expect(Step):
    """Wait until any of the locators is visible, or the URL / title matches."""

    kind: ClassVar[str] = "expect"
    retried: ClassVar[bool] = True
    primary: ClassVar[str] = "target"
    target: Target = ()
    url: str | None = None  # a regular expression searched in the page URL
    title: str | None = None  # a substring of the page title


@dataclass(frozen=True)
class Captcha(Step):
    """Show the CAPTCHA image to the person and put their answer in the field."""

    kind: ClassVar[str] = "captcha"
    primary: ClassVar[str] = "image"
    image: Target = ()
    answer: Target = ()
    refresh: Target = ()


@dataclass(frozen=True)
class SummaryItem:
    label: Text
    value: Template


@dataclass(frozen=True)
class Confirm(Step):
    """Show the person what will be sent (masked) and ask yes/no; no means nothing is sent."""

    kind: ClassVar[str] = "confirm"
    primary: ClassVar[str] = "items"
    items: tuple[SummaryItem, ...] = ()


@dataclass(frozen=True)
class Submit(Step):
    """Press the button that sends. Never retried; recorded in the journal before the press."""

    kind: ClassVar[str] = "submit"
    primary: ClassVar[str] = "target"
    target: Target = ()


@dataclass(frozen=True)
class Manual(Step):
    """The person does something in the visible browser, then presses Enter."""

    kind: ClassVar[str] = "manual"
    primary: ClassVar[str] = "instruction"
    instruction: Text = ""


OutcomeResult = Literal["success", "continue", "retry", "error"]
OUTCOME_RESULTS: tuple[str, ...] = ("success", "continue", "retry", "error")


@dataclass(frozen=True)
class OutcomeCase:
    """When `when` matches: `success` ends the run well, `continue` goes on to the next step,
    `retry` goes back to step `from_step` (a wrong CAPTCHA; at most 3 times), `error` stops the
    run with `message` as the advice. `yields` maps a name (`nss`, `folio`, `umf`) to a regular
    expression whose first group (or whole match) is read from the matched element's text."""

    when: Target
    result: str  # one of OUTCOME_RESULTS
    pos: Position
    message: Text | None = None
    from_step: str | None = None
    yields: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Outcome(Step):
    """Classify the page: the first case whose locator is visible wins; none means unknown."""

    kind: ClassVar[str] = "outcome"
    primary: ClassVar[str] = "cases"
    cases: tuple[OutcomeCase, ...] = ()


@dataclass(frozen=True)
class EmailLink(Step):
    """The portal emailed a link: the person pastes it (or opens it in this browser); the
    scripted QA human follows the newest matching link in the mock's outbox."""

    kind: ClassVar[str] = "email_link"
    primary: ClassVar[str] = "contains"
    contains: str = ""


@dataclass(frozen=True)
class Screenshot(Step):
    """Keep evidence; personal-data fields are masked on live runs."""

    kind: ClassVar[str] = "screenshot"
    primary: ClassVar[str] = "name"
    name: str = ""


STEP_TYPES: dict[str, type[Step]] = {
    cls.kind: cls
    for cls in (
        Goto,
        Click,
        Fill,
        Select,
        Check,
        Expect,
        Captcha,
        Confirm,
        Submit,
        Manual,
        Outcome,
        EmailLink,
        Screenshot,
    )
}
COMMON_KEYS = ("description", "id", "timeout")


@dataclass(frozen=True)
class Needs:
    profile: tuple[str, ...] = ()
    secrets: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scenario:
    id: str
    title: Text
    portal: str
    origins: tuple[str, ...]
    needs: Needs
    steps: tuple[Step, ...]
    path: str = ""
    description: Text = ""

    def step_index(self, step_id: str) -> int:
        for index, step in enumerate(self.steps):
            if step.id == step_id:
                return index
        raise KeyError(step_id)


HEADER_KEYS = ("id", "title", "portal", "origins", "needs", "steps", "description")
NEEDS_KEYS = ("profile", "secrets")

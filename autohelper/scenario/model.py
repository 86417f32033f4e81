"""The scenario model: immutable, typed steps built from YAML by `loader.py`.

A scenario is data. Each step type is a frozen dataclass registered in `STEP_TYPES` under the
YAML key that introduces it; the registry feeds the loader (what keys exist, how each is parsed),
the validator (did-you-mean) and the docs (`docs/scenarios.md`), so they cannot drift apart.

YAML shape of one step: exactly one step-type key, whose value is the step's primary parameter,
plus sibling keys: the step's own parameters and the common `description`, `id`, `timeout`,
`optional` and `dialog`.

    - fill: {css: "#registroCurp"}
      value: "{profile.curp}"
      description: Escribir tu CURP
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar, Literal

from autohelper.messages import localized

# A user-facing text in a scenario: one string (Spanish) or {"es": ..., "en": ...}.
Text = str | dict[str, str]
# A regular expression. A field of this type is compiled when the file loads (`FIELD_PARSERS`),
# so one the engine compiles mid-run is never one that fails to.
Regex = str

LOCATOR_KINDS = ("role", "label", "text", "placeholder", "testid", "css")
FRAME_KINDS = ("name", "url", "css")
# `{profile.x}`, `{secret.x}`, and `{run.x}`: what an earlier step of the run yielded.
TEMPLATE_RE = re.compile(r"\{(profile|secret|run)\.([a-z_][a-z0-9_]*)\}")
STEP_ID_RE = re.compile(r"[a-z][a-z0-9_-]{0,39}")
# A scenario's id names the folder of its QA evidence: one plain folder name, never a path.
SCENARIO_ID_RE = re.compile(r"[a-z][a-z0-9_-]{0,59}")
MAX_SECONDS = 600.0  # the longest wait a step may declare: ten minutes
MIN_SECONDS = 0.5  # the shortest: less fails every step but a ready one, and blames the portal
MAX_TRIES = 10
# The ARIA roles Playwright's get_by_role accepts (a test keeps this list equal to its own).
ARIA_ROLES = (
    "alert",
    "alertdialog",
    "application",
    "article",
    "banner",
    "blockquote",
    "button",
    "caption",
    "cell",
    "checkbox",
    "code",
    "columnheader",
    "combobox",
    "complementary",
    "contentinfo",
    "definition",
    "deletion",
    "dialog",
    "directory",
    "document",
    "emphasis",
    "feed",
    "figure",
    "form",
    "generic",
    "grid",
    "gridcell",
    "group",
    "heading",
    "img",
    "insertion",
    "link",
    "list",
    "listbox",
    "listitem",
    "log",
    "main",
    "marquee",
    "math",
    "menu",
    "menubar",
    "menuitem",
    "menuitemcheckbox",
    "menuitemradio",
    "meter",
    "navigation",
    "none",
    "note",
    "option",
    "paragraph",
    "presentation",
    "progressbar",
    "radio",
    "radiogroup",
    "region",
    "row",
    "rowgroup",
    "rowheader",
    "scrollbar",
    "search",
    "searchbox",
    "separator",
    "slider",
    "spinbutton",
    "status",
    "strong",
    "subscript",
    "superscript",
    "switch",
    "tab",
    "table",
    "tablist",
    "tabpanel",
    "term",
    "textbox",
    "time",
    "timer",
    "toolbar",
    "tooltip",
    "tree",
    "treegrid",
    "treeitem",
)


@dataclass(frozen=True)
class Position:
    """Where something was written: `file:line:column` (1-based)."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class FrameRef:
    """One frame on the way to an element: by its name, a fragment of its URL, or the CSS of
    its `<frame>`/`<iframe>` element in the frame above."""

    kind: str  # one of FRAME_KINDS
    value: str

    def describe(self) -> str:
        return f"{self.kind}={self.value!r}"


@dataclass(frozen=True)
class Locator:
    """One way to find an element. `name` goes with `role`; `has_text` filters any kind;
    `frame` is the path of frames (outermost first) the element lives in."""

    kind: str  # one of LOCATOR_KINDS
    value: str
    name: str | None = None
    exact: bool = False
    has_text: str | None = None
    frame: tuple[FrameRef, ...] = ()

    def describe(self) -> str:
        text = f"{self.kind}={self.value!r}"
        if self.name is not None:
            text += f" name={self.name!r}"
        if self.has_text is not None:
            text += f" has_text={self.has_text!r}"
        if self.frame:
            text += " frame=" + " > ".join(ref.describe() for ref in self.frame)
        return text


# "The first that matches": one scenario survives a portal's known variants.
Target = tuple[Locator, ...]


def describe_target(target: Target) -> str:
    return " | ".join(locator.describe() for locator in target)


@dataclass(frozen=True)
class Template:
    """A value with `{profile.x}` / `{secret.x}` / `{run.x}` references (`run`: what an earlier
    step yielded, e.g. a clinic read off the page, for a summary); `{{` and `}}` are literal
    braces."""

    raw: str

    @property
    def refs(self) -> tuple[tuple[str, str], ...]:
        return tuple((m.group(1), m.group(2)) for m in TEMPLATE_RE.finditer(self.raw))

    def render(
        self,
        profile: Mapping[str, str],
        secrets: Mapping[str, str],
        run: Mapping[str, str] | None = None,
    ) -> str:
        def substitute(match: re.Match[str]) -> str:
            if match.group(1) == "profile":
                # A field the scenario needs is there (checked before the run); an optional
                # one may be missing, and is then empty.
                return str(profile.get(match.group(2), ""))
            if match.group(1) == "run":
                # Yielded by an earlier step (checked at load) when its page showed it.
                return str((run or {}).get(match.group(2), ""))
            return str(secrets[match.group(2)])

        return TEMPLATE_RE.sub(substitute, self.raw).replace("{{", "{").replace("}}", "}")

    @property
    def sensitive_kind(self) -> str | None:
        """The masking kind of the value: the field it comes from, `secret`, or None (a literal,
        or a yield that is no personal data: a clinic's name)."""
        from autohelper.profile import PERSONAL_FIELDS

        for source, name in self.refs:
            if source == "run":
                return name if name in PERSONAL_FIELDS else None
            return "secret" if source == "secret" else name
        return None


@dataclass(frozen=True)
class BrowserDialog:
    """A browser dialog (`alert`, `confirm`, `prompt`) the step causes, and the answer to give;
    `text`, when given, must be part of the dialog's message."""

    accept: bool
    text: str | None = None


@dataclass(frozen=True)
class Step:
    """Common to every step: a one-line description, an optional id, where it was written;
    `optional` for a page that appears only sometimes (absent after its wait: go on);
    `dialog` for the browser dialog the step causes."""

    kind: ClassVar[str] = ""
    # Retried on a transient failure (DESIGN.md's table): only idempotent steps.
    retried: ClassVar[bool] = False
    # Changes nothing on the portal and types no personal data: the drift check may take it.
    read_only: ClassVar[bool] = False
    # The YAML key's value is parsed into this field.
    primary: ClassVar[str] = ""

    description: Text
    pos: Position
    id: str | None = None
    timeout: float | None = None  # seconds; None means the engine's default
    optional: bool = False
    dialog: BrowserDialog | None = None

    def describe(self, lang: str | None = None) -> str:
        return localized(self.description, lang)

    @property
    def targets(self) -> tuple[Target, ...]:
        """The targets the step acts on (for checks and the drift walk)."""
        target = getattr(self, "target", ())
        return (target,) if target else ()


@dataclass(frozen=True)
class Goto(Step):
    """Open a URL; it must be on one of the scenario's declared origins."""

    kind: ClassVar[str] = "goto"
    retried: ClassVar[bool] = True
    read_only: ClassVar[bool] = True
    primary: ClassVar[str] = "url"
    url: str = ""


@dataclass(frozen=True)
class Click(Step):
    """A click that only navigates or opens UI (never one that sends data: that is `submit`).
    `overlay: true` (an optional click only): a window that may also open later, on any load
    (a welcome window a page opens again, late): from this step on, whenever it shows, it is
    pressed before any action or check (Playwright's locator handler)."""

    kind: ClassVar[str] = "click"
    retried: ClassVar[bool] = True
    read_only: ClassVar[bool] = True
    primary: ClassVar[str] = "target"
    target: Target = ()
    overlay: bool = False


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
    # Leave the field afterwards, for a page that checks or rewrites a value when it loses focus.
    blur: bool = False


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
    """Wait until any of the locators is visible (and its value matches `value`), or the URL /
    title matches."""

    kind: ClassVar[str] = "expect"
    retried: ClassVar[bool] = True
    read_only: ClassVar[bool] = True
    primary: ClassVar[str] = "target"
    target: Target = ()
    url: Regex | None = None  # searched in the page URL
    title: str | None = None  # a substring of the page title
    # What the found field's value must match: a value the page fills in late (a read-only
    # input an AJAX answer fills).
    value: Regex | None = None


@dataclass(frozen=True)
class Captcha(Step):
    """Show the CAPTCHA image to the person and put their answer in the field."""

    kind: ClassVar[str] = "captcha"
    primary: ClassVar[str] = "image"
    image: Target = ()
    answer: Target = ()
    refresh: Target = ()

    @property
    def targets(self) -> tuple[Target, ...]:
        return tuple(t for t in (self.image, self.answer, self.refresh) if t)


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
class Until:
    """What shows that a send went through when the page does not navigate: an element, a URL
    (a regular expression), or the answer to a request whose URL contains `response`."""

    target: Target = ()
    url: Regex | None = None
    response: str | None = None

    def describe(self) -> str:
        return describe_target(self.target) if self.target else self.url or self.response or ""


@dataclass(frozen=True)
class Submit(Step):
    """Press the button that sends, after a `confirm`. Never retried; recorded in the journal
    before the press. By default the send is through when the button's page (or frame) has
    navigated; `until` says otherwise for a save that does not navigate."""

    kind: ClassVar[str] = "submit"
    primary: ClassVar[str] = "target"
    target: Target = ()
    until: Until | None = None


@dataclass(frozen=True)
class Manual(Step):
    """The person does something in the visible browser, then presses Enter."""

    kind: ClassVar[str] = "manual"
    primary: ClassVar[str] = "instruction"
    instruction: Text = ""


@dataclass(frozen=True)
class Ask(Step):
    """Ask the person a yes/no question of its own (a precondition, never a send): yes goes on;
    no ends the run, `declined`, with the `if_no` explanation (who this is not for, whom to
    ask). A later step acts on the answer (e.g. ticks a declaration): never a stored value."""

    kind: ClassVar[str] = "ask"
    # It touches no page: a walk of a portal may pass it (the scripted person says yes).
    read_only: ClassVar[bool] = True
    primary: ClassVar[str] = "question"
    question: Text = ""
    if_no: Text = ""


OutcomeResult = Literal["success", "continue", "retry", "error", "in_person"]
OUTCOME_RESULTS: tuple[str, ...] = ("success", "continue", "retry", "error", "in_person")


@dataclass(frozen=True)
class OutcomeCase:
    """When `when` is visible (or, for a document, `matches` is found in its text):
    `success` ends the run well, `continue` goes on to the next step, `retry` goes back to step
    `from_step` (at most `max_tries` tries in all, `last_try` said before the last one,
    `at_limit` what to do when they are spent),
    `error` stops the run with `message` as the advice, `in_person` ends it well but says the
    step must be done at an office (`message` says where and what to bring). `yields` maps a
    name (`nss`, `folio`) to a regular expression whose first group (or whole match) is read
    from the matched element's text (or the document's); `sets` records literal values (what an
    answer means, e.g. `verdict: sin_derecho`) the way yields are recorded; `forgets` drops what
    earlier steps yielded that this answer shows was not so (a clinic read off a confirmation
    the portal then refused as «ya registrado»)."""

    when: Target
    result: str  # one of OUTCOME_RESULTS
    pos: Position
    message: Text | None = None
    from_step: str | None = None
    yields: tuple[tuple[str, Regex], ...] = ()
    matches: Regex | None = None
    max_tries: int = 3
    last_try: Text | None = None
    sets: tuple[tuple[str, str], ...] = ()
    at_limit: Text | None = None
    forgets: tuple[str, ...] = ()


@dataclass(frozen=True)
class Outcome(Step):
    """Classify the page (or a downloaded `document`): the first case that matches wins; none
    means an answer nobody declared."""

    kind: ClassVar[str] = "outcome"
    read_only: ClassVar[bool] = True
    primary: ClassVar[str] = "cases"
    cases: tuple[OutcomeCase, ...] = ()
    document: str | None = None  # the `save_as` of an earlier download
    # A reader of that document (autohelper/documents/readers.py): its findings become yields,
    # and the cases' `matches` look at them as `name: value` lines (`^verdict: vigente$`).
    read: str | None = None

    @property
    def targets(self) -> tuple[Target, ...]:
        return tuple(case.when for case in self.cases if case.when)


@dataclass(frozen=True)
class EmailLink(Step):
    """The portal emailed a link: the person pastes it (or opens it in this browser); an answer
    that is not the link is asked again, «salir» leaves it for later (a resumable stop); the
    scripted QA human follows the newest matching link in the mock's outbox."""

    kind: ClassVar[str] = "email_link"
    primary: ClassVar[str] = "contains"
    contains: str = ""


@dataclass(frozen=True)
class Screenshot(Step):
    """Keep evidence; personal-data fields are masked unless the profile is a synthetic one."""

    kind: ClassVar[str] = "screenshot"
    read_only: ClassVar[bool] = True
    primary: ClassVar[str] = "name"
    name: str = ""


@dataclass(frozen=True)
class Choose(Step):
    """The person picks one of a select's options (or one of the links the target matches),
    and the pick is put in the page; options that arrive late (chained selects) are waited
    for, also when the page puts a new list in the old one's place; an option that only asks
    to choose («--Selecciona por favor--», an empty value or -1, words such as «Selecciona el
    turno») is never offered. `remember` names a profile field: the pick is yielded under that
    name, and a value the profile already has is picked again when it is among the options."""

    kind: ClassVar[str] = "choose"
    primary: ClassVar[str] = "target"
    target: Target = ()
    remember: str | None = None


@dataclass(frozen=True)
class Download(Step):
    """Click what produces a file; keep the file for the run (private, 0600) under `save_as`,
    for later steps (an `outcome` may read it). A link that shows a page instead (in its tab or
    a new one) is known a few seconds after the page, not after the whole wait: an optional
    download is then skipped (when shown in the same tab and the next step's first element is
    not there, a browser showing a PDF, the run goes back to the page it replaced); a required
    one stops, saying no file came (`run.no_download`)."""

    kind: ClassVar[str] = "download"
    read_only: ClassVar[bool] = True
    primary: ClassVar[str] = "target"
    target: Target = ()
    save_as: str = ""


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
        Ask,
        Outcome,
        EmailLink,
        Screenshot,
        Choose,
        Download,
    )
}
COMMON_KEYS = ("description", "id", "timeout", "optional", "dialog")


@dataclass(frozen=True)
class Needs:
    """What the steps use: profile fields that must be set (checked before any browser),
    profile fields used when set (empty otherwise: an interior number), and secrets."""

    profile: tuple[str, ...] = ()
    secrets: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    # How prompts name a secret to the person (`{es: tu contraseña del CIA, en: ...}`).
    secret_labels: tuple[tuple[str, Text], ...] = ()

    def secret_label(self, name: str) -> Text | None:
        """The words for secret `name`, when the scenario gives them."""
        return dict(self.secret_labels).get(name)


@dataclass(frozen=True)
class Firewall:
    """How a portal's web application firewall shows itself instead of the portal."""

    name: str
    # Any of these in the page's text: its block page.
    block_text: tuple[str, ...] = ()
    # Any of these in the HTML of a short page: its challenge page. (Such scripts are injected
    # into ordinary pages too, so a long page with one is still the portal.)
    challenge_html: tuple[str, ...] = ()


@dataclass(frozen=True)
class Portal:
    id: str
    name: Text
    origins: tuple[str, ...]
    firewall: Firewall | None = None
    # Phrases (case-insensitive) of the portal's "down for maintenance" pages.
    maintenance: tuple[str, ...] = ()
    session_cookie: str | None = None
    path: str = ""

    @property
    def maintenance_re(self) -> str:
        """One pattern for all the maintenance phrases ("" when there are none)."""
        return "|".join(re.escape(phrase) for phrase in self.maintenance)


DEFAULT_QA_PROFILE = "student"

# A portal with no facts: what a scenario with its own origins and no portal file runs with.
UNKNOWN = Portal(id="", name="", origins=())


@dataclass(frozen=True)
class SignIn:
    """The scenario's sign-in block (the steps from `first` to `last`) and how an expired session
    shows mid-flow: the portal's sign-in page (`expired` visible, or the URL matching `url`).
    The engine then asks for a new sign-in and goes on where it was, at most once per step."""

    first: str
    last: str
    expired: Target = ()
    url: Regex | None = None


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
    sign_in: SignIn | None = None
    # What a successful run yields that belongs in the student's profile (offered, never forced).
    save_to_profile: tuple[str, ...] = ()
    # The portal's facts (firewall, maintenance texts), from its portal file.
    facts: Portal = UNKNOWN
    # Done once for good (a request filed with an institution): a student's run stops before
    # any browser when their journal holds a success of it, unless they ask again.
    once: bool = False
    # Profile fields another scenario provides (`nss` → `imss-nss`): a profile without one is
    # told to run that scenario first.
    requires: tuple[tuple[str, str], ...] = ()
    # The synthetic profile (`fixtures/profiles/<name>.yaml`) a QA run or a demo uses when no
    # profile is named: a flow that needs an NSS runs as a student who has one.
    qa_profile: str = DEFAULT_QA_PROFILE

    def step_index(self, step_id: str) -> int:
        for index, step in enumerate(self.steps):
            if step.id == step_id:
                return index
        raise KeyError(step_id)


HEADER_KEYS = (
    "id",
    "title",
    "portal",
    "origins",
    "needs",
    "steps",
    "description",
    "sign_in",
    "save_to_profile",
    "once",
    "requires",
    "qa_profile",
)
SIGN_IN_KEYS = ("first", "last", "expired", "url")
NEEDS_KEYS = ("profile", "secrets", "optional")

"""What a QA case expects of the tool, what a run showed, and the verdict.

A run is classified into one observed behaviour (`observe`): success, or a named failure at a
step ("portal changed at step X", the firewall, the portal's own error, nothing sent, ...). The
case's expectation (`Expectation`) names one of the same kinds (`KINDS`, a registry that also
feeds the case loader and the docs), optionally the step and the portal's words. A failure the
tool reports badly fails the case even when the flow "failed as expected": another kind (a
timeout instead of "portal changed"), another step, or a message that does not name its step.

A verdict never depends on the language a run is shown in: the engine runs every case in
`JUDGED_LANG` (Spanish: the language the case files quote the tool in, as they quote the portals),
the expected words are matched against what it said there, and the report gives the tool's
message in the person's language (`observe(..., said_in=JUDGED_LANG)` translates it back).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from autohelper.errors import Phrase
from autohelper.messages import LANGS, current_lang, localized, quoted, t

if TYPE_CHECKING:
    from autohelper.engine.events import RunResult
    from autohelper.qa.record import CaseRecorder
    from autohelper.scenario.model import Text

# The language QA runs the engine in, so the one its words are judged in, whatever language the
# report is shown in: the case files quote the tool's own messages (an in-person answer's
# advice, a constancia's meaning) in Spanish, the scenarios' first language.
JUDGED_LANG = "es"


@dataclass(frozen=True)
class Kind:
    """One named behaviour: which parameters a case may give it, which it must, and which one a
    bare value stands for (`portal_error: "Token expirado"` is its `text`)."""

    name: str
    params: tuple[str, ...] = ("step",)
    required: tuple[str, ...] = ()
    primary: str | None = "step"


# The behaviours a case can expect (the keys of `expect:` in a case file).
KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind("success", ("yields", "text"), primary=None),
        Kind("in_person", ("step", "text")),
        Kind("portal_changed", required=("step",)),
        Kind("firewall"),
        Kind("portal_error", ("text", "step"), ("text",), primary="text"),
        Kind("limit_of_tries", ("text", "step"), primary="text"),
        Kind("declined"),
        Kind("not_sent"),
        Kind("unknown"),
        Kind("unavailable"),
        Kind("unrecognised"),
    )
}

# The engine's stop messages, by catalogue key, as the kinds above; a stop not listed here is
# observed under its own key (e.g. `run.step_failed`: a raw browser error, a timeout).
_BY_KEY = {
    "run.portal_changed": "portal_changed",
    "run.no_option": "portal_changed",
    "run.no_options": "portal_changed",
    "run.firewall": "firewall",
    "run.portal_error": "portal_error",
    # A downloaded document's own answer (a constancia "sin derecho"): the portal's words too.
    "run.document_answer": "portal_error",
    "run.too_many_attempts": "limit_of_tries",
    "run.too_many_attempts_quiet": "limit_of_tries",
    "run.not_sent": "not_sent",
    "run.unavailable": "unavailable",
    # The CAPTCHA's image never came drawn, even asked for again: the portal did not deliver.
    "run.captcha_broken": "unavailable",
    # A sign-in's press never answered: the portal too slow to let anyone in.
    "run.sign_in_unanswered": "not_loaded",
    "run.unavailable_after_submit": "unavailable",
    "run.unavailable_after_link": "unavailable",
    "run.unavailable_after_link_used": "unavailable",
    "run.unknown": "unrecognised",
    "run.submit_unknown": "unknown",
    "run.declined": "declined",
    "run.secret_not_given": "declined",
    "run.no_choice": "declined",
    # Stops no case expects, named all the same so a report says what they were.
    "run.network": "network",
    "run.origin": "origin",
    "run.unexpected_dialog": "unexpected_dialog",
    "run.unexpected_dialog_after_send": "unknown",
    "run.no_download": "portal_changed",
    "run.frame_down": "unavailable",
    "run.covered": "portal_changed",
    "run.step_failed": "step_failed",
    "run.expired_again": "expired",
    "run.bad_link": "bad_link",
    "run.unknown_document": "unrecognised",
    "run.no_document": "no_document",
    "run.answered_no": "declined",
    "run.link_later": "declined",
    "run.link_later_demo": "declined",
    "run.no_options_said": "portal_error",
    "run.not_actionable": "portal_changed",
    "run.form_elsewhere": "origin",
    "run.field_lost": "field_lost",
    "run.field_too_long": "field_lost",
    "run.page_gone": "page_gone",
    # The page never came: the mirror does not serve it (404), the browser could not open it,
    # it did not load in time, it redirects in a loop, its certificate is refused.
    "run.target_not_found": "not_loaded",
    "run.page_not_loaded": "not_loaded",
    "run.page_not_loaded_mirror": "not_loaded",
    "run.slow": "not_loaded",
    "run.redirect_loop": "not_loaded",
    "run.redirect_loop_mirror": "not_loaded",
    "run.tls": "not_loaded",
}


@dataclass(frozen=True)
class StepRef:
    """A step of the case's scenario, as the case named it (by id or description)."""

    index: int  # 0-based
    id: str | None
    description: Text
    written: str

    def describe(self, lang: str | None = None) -> str:
        text = f"{self.index + 1}. {quoted(localized(self.description, lang), lang)}"
        return f"{text} ({self.id})" if self.id else text


@dataclass(frozen=True)
class Expectation:
    """What the case expects: a kind, and optionally the step, the portal's words (a
    substring) and, for a success, what it must yield (name, and a pattern or None)."""

    kind: str
    step: StepRef | None = None
    text: str | None = None
    yields: tuple[tuple[str, str | None], ...] = ()

    def describe(self, lang: str | None = None) -> str:
        words = t(f"qa.kind.{self.kind}", lang)
        if self.text:
            words += " " + quoted(self.text, lang)
        if self.step is not None:
            words += t("qa.at_step", lang, step=self.step.describe(lang))
        if self.yields:
            words += t("qa.yielding", lang, names=", ".join(name for name, _ in self.yields))
        return words


@dataclass(frozen=True)
class Observed:
    """What a run showed: its kind, the step it stopped at (0-based; None for a success), and
    the evidence of the stop as the tool reported it (already redacted by the engine)."""

    kind: str
    step: int | None = None
    step_text: str = ""
    message: str = ""
    locator: str = ""
    url: str = ""
    portal: str = ""
    screenshot: str = ""
    reported_step: str = ""  # the step the message names, in the language the run spoke
    yields: dict[str, str] = field(default_factory=dict)
    # The step's description in every language (the message names it in the run's), and what
    # the run said in its own language (`message` is the person's: the same words, translated
    # back from the scenario's texts and the catalogue where they come from there).
    step_names: tuple[str, ...] = ()
    said: str = ""

    def describe(self, lang: str | None = None) -> str:
        key = f"qa.kind.{self.kind}"
        from autohelper.messages import has

        words = t(key, lang) if has(key) else self.kind
        if self.portal:
            words += " " + quoted(self.portal, lang)
        if self.step is not None:
            words += t("qa.at_step", lang, step=f"{self.step + 1}. {quoted(self.step_text, lang)}")
        return words


def observe(
    result: RunResult, recorder: CaseRecorder, said_in: str | None = None, lang: str | None = None
) -> Observed:
    """Classify how a run ended, from its result and the steps the recorder saw. The run spoke
    `said_in` (default: the process language); the observation is told in `lang` (the same
    default), its `said` kept in the run's words for the verdict."""
    lang = lang or current_lang()
    words = _Translation(recorder, said_in or current_lang(), lang)
    failed = recorder.failed_step()
    if result.status == "in_person":
        # Ends well, at the step whose answer sends the person to an office: the last one run.
        failed = recorder.steps[-1] if recorder.steps else None
    step = failed.index if failed is not None else None
    step_text = failed.step.describe(lang) if failed is not None else ""
    names = tuple(failed.step.describe(one) for one in LANGS) if failed is not None else ()
    message = words.message(result)
    if result.status == "success":
        return Observed(
            result.status, yields=dict(result.yields), message=message, said=result.message
        )
    if result.status == "in_person":
        return Observed(
            result.status,
            step=step,
            step_text=step_text,
            yields=dict(result.yields),
            message=message,
            step_names=names,
            said=result.message,
        )
    error = result.error
    params = dict(error.params) if error is not None else {}
    key = error.key if error is not None else f"run.{result.status}"
    kind = _BY_KEY.get(key, key)
    if result.status == "declined":
        kind = "declined"
    elif result.status == "unknown" and key not in _BY_KEY:
        kind = "unknown"  # a stop of its own kind (an answer nobody declared) keeps it
    portal = str(params.get("portal") or params.get("said") or "")
    return Observed(
        kind,
        step=step,
        step_text=step_text,
        message=message,
        locator=str(params.get("target") or params.get("option") or ""),
        url=str(params.get("url") or ""),
        portal=portal,
        screenshot=str(params.get("screenshot") or ""),
        reported_step=str(params.get("step") or ""),
        step_names=names,
        said=portal or result.message,
    )


class _Translation:
    """A run's words in another language than the one it spoke: the scenario's texts it quotes
    (a step's description, an outcome's advice), each as the scenario gives it in `lang`, and a
    stop's catalogue message rendered again in `lang`. What has no other language (the portal's
    words, a document reader's meaning) stays as the run said it."""

    def __init__(self, recorder: CaseRecorder, said_in: str, lang: str) -> None:
        self.said_in, self.lang = said_in, lang
        self.texts: dict[str, str] = {}
        if said_in == lang:
            return
        found: list[dict[str, str]] = []
        for record in recorder.steps:
            _scenario_texts(record.step, found)
        for text in found:
            said, shown = localized(text, said_in), localized(text, lang)
            if said and said != shown:
                self.texts[said] = shown

    def text(self, value: str) -> str:
        """`value` in `lang` when it is one of the scenario's texts, else as it is."""
        return self.texts.get(value, value)

    def message(self, result: RunResult) -> str:
        if self.said_in == self.lang or not result.message:
            return result.message
        error = result.error
        if error is not None and result.message == error.message(self.said_in):
            params = {
                name: value.message(self.lang)
                if isinstance(value, Phrase)
                else self.text(value)
                if isinstance(value, str)
                else value
                for name, value in error.params.items()
            }
            return t(error.key, self.lang, **params)
        if result.message == t("run.done", self.said_in):
            return t("run.done", self.lang)
        # An ending's message: a document's meaning and the outcome's advice, one per line.
        shown = result.message
        for said in sorted(self.texts, key=len, reverse=True):
            shown = shown.replace(said, self.texts[said])
        return shown


def _scenario_texts(value: Any, found: list[dict[str, str]], depth: int = 0) -> None:
    """Every text a step gives in several languages (`{es: ..., en: ...}`), its outcomes' too."""
    if depth > 6:
        return
    if isinstance(value, dict):
        if value and all(key in LANGS and isinstance(v, str) for key, v in value.items()):
            found.append(value)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for one in dataclasses.fields(value):
            _scenario_texts(getattr(value, one.name), found, depth + 1)
    elif isinstance(value, tuple | list):
        for item in value:
            _scenario_texts(item, found, depth + 1)


@dataclass(frozen=True)
class Verdict:
    """Whether the tool behaved as the case expected; `problems` say how it did not."""

    ok: bool
    problems: tuple[str, ...] = ()


def _normal(text: str) -> str:
    return " ".join(text.split())


def judge(expected: Expectation, observed: Observed, recorder: CaseRecorder) -> Verdict:
    """The verdict: every way the run differs from the expectation, in the person's words."""
    problems: list[str] = []
    if observed.kind != expected.kind:
        problems.append(
            t("qa.problem.kind", expected=expected.describe(), observed=observed.describe())
        )
    else:
        problems += _same_kind_problems(expected, observed)
    # A "no" sends nothing: no submit without a yes of its own (a send the person confirmed
    # before the "no", a sign-in, stands). The portal refusing a form sends nothing at all.
    if expected.kind == "not_sent" and recorder.sent():
        problems.append(t("qa.problem.sent"))
    if expected.kind == "declined" and recorder.sent(unconfirmed=True):
        problems.append(t("qa.problem.sent"))
    if expected.kind == "declined" and recorder.pressed(unconfirmed=True):
        problems.append(t("qa.problem.pressed"))
    # The message must name the step the run stopped at: else it points the person away.
    named = observed.reported_step
    names = {_normal(name) for name in (*observed.step_names, observed.step_text)}
    if observed.step is not None and named and _normal(named) not in names:
        problems.append(t("qa.problem.message_step", named=named, step=observed.step_text))
    return Verdict(not problems, tuple(problems))


def _same_kind_problems(expected: Expectation, observed: Observed) -> list[str]:
    problems: list[str] = []
    if expected.step is not None and observed.step != expected.step.index:
        at = "-"
        if observed.step is not None:
            at = f"{observed.step + 1}. {quoted(observed.step_text)}"
        problems.append(t("qa.problem.step", expected=expected.step.describe(), observed=at))
    if expected.text is not None:
        # Matched against the run's own words (in JUDGED_LANG under `autohelper qa`), told in
        # the person's language, and in the words matched too when those differ.
        said = observed.said or observed.portal or observed.message
        if _normal(expected.text) not in _normal(said):
            shown = observed.portal or observed.message or "-"
            if _normal(shown) != _normal(said):
                shown += f"” — {JUDGED_LANG}: “{said}"
            problems.append(t("qa.problem.text", expected=expected.text, observed=shown))
    for name, pattern in expected.yields:
        value = observed.yields.get(name)
        if value is None:
            problems.append(t("qa.problem.no_yield", name=name))
        elif pattern is not None and not re.fullmatch(pattern, value):
            problems.append(t("qa.problem.bad_yield", name=name, pattern=pattern))
    return problems

"""What a QA case expects of the tool, what a run showed, and the verdict.

A run is classified into one observed behaviour (`observe`): success, or a named failure at a
step ("portal changed at step X", the firewall, the portal's own error, nothing sent, ...). The
case's expectation (`Expectation`) names one of the same kinds (`KINDS`, a registry that also
feeds the case loader and the docs), optionally the step and the portal's words. A failure the
tool reports badly fails the case even when the flow "failed as expected": another kind (a
timeout instead of "portal changed"), another step, or a message that does not name its step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from autohelper.messages import localized, t

if TYPE_CHECKING:
    from autohelper.engine.events import RunResult
    from autohelper.qa.record import CaseRecorder
    from autohelper.scenario.model import Text


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
        Kind("success", ("yields",), primary=None),
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
    "run.unavailable_after_submit": "unavailable",
    "run.unavailable_after_link": "unavailable",
    "run.unknown": "unrecognised",
    "run.submit_unknown": "unknown",
    "run.declined": "declined",
    "run.secret_not_given": "declined",
    "run.no_choice": "declined",
    # Stops no case expects, named all the same so a report says what they were.
    "run.network": "network",
    "run.origin": "origin",
    "run.unexpected_dialog": "unexpected_dialog",
    "run.step_failed": "step_failed",
    "run.expired_again": "expired",
    "run.bad_link": "bad_link",
    "run.unknown_document": "unrecognised",
    "run.no_document": "no_document",
}


@dataclass(frozen=True)
class StepRef:
    """A step of the case's scenario, as the case named it (by id or description)."""

    index: int  # 0-based
    id: str | None
    description: Text
    written: str

    def describe(self, lang: str | None = None) -> str:
        text = f"{self.index + 1}. «{localized(self.description, lang)}»"
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
            words += f" «{self.text}»"
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
    reported_step: str = ""  # the step the message names
    yields: dict[str, str] = field(default_factory=dict)

    def describe(self, lang: str | None = None) -> str:
        key = f"qa.kind.{self.kind}"
        from autohelper.messages import has

        words = t(key, lang) if has(key) else self.kind
        if self.portal:
            words += f" «{self.portal}»"
        if self.step is not None:
            words += t("qa.at_step", lang, step=f"{self.step + 1}. «{self.step_text}»")
        return words


def observe(result: RunResult, recorder: CaseRecorder) -> Observed:
    """Classify how a run ended, from its result and the steps the recorder saw."""
    failed = recorder.failed_step()
    step = failed.index if failed is not None else None
    step_text = failed.step.describe() if failed is not None else ""
    if result.status == "success":
        return Observed(result.status, yields=dict(result.yields), message=result.message)
    if result.status == "in_person":
        # Ends well, at the step whose answer sends the person to an office: the last one run.
        last = recorder.steps[-1] if recorder.steps else None
        return Observed(
            result.status,
            step=last.index if last is not None else None,
            step_text=last.step.describe() if last is not None else "",
            yields=dict(result.yields),
            message=result.message,
        )
    error = result.error
    params = dict(error.params) if error is not None else {}
    key = error.key if error is not None else f"run.{result.status}"
    kind = _BY_KEY.get(key, key)
    if result.status == "declined":
        kind = "declined"
    elif result.status == "unknown":
        kind = "unknown"
    return Observed(
        kind,
        step=step,
        step_text=step_text,
        message=result.message,
        locator=str(params.get("target") or params.get("option") or ""),
        url=str(params.get("url") or ""),
        portal=str(params.get("portal") or params.get("said") or ""),
        screenshot=str(params.get("screenshot") or ""),
        reported_step=str(params.get("step") or ""),
    )


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
    if observed.step is not None and named and _normal(named) != _normal(observed.step_text):
        problems.append(t("qa.problem.message_step", named=named, step=observed.step_text))
    return Verdict(not problems, tuple(problems))


def _same_kind_problems(expected: Expectation, observed: Observed) -> list[str]:
    problems: list[str] = []
    if expected.step is not None and observed.step != expected.step.index:
        at = f"{observed.step + 1}. «{observed.step_text}»" if observed.step is not None else "-"
        problems.append(t("qa.problem.step", expected=expected.step.describe(), observed=at))
    if expected.text is not None:
        said = observed.portal or observed.message
        if _normal(expected.text) not in _normal(said):
            problems.append(t("qa.problem.text", expected=expected.text, observed=said or "-"))
    for name, pattern in expected.yields:
        value = observed.yields.get(name)
        if value is None:
            problems.append(t("qa.problem.no_yield", name=name))
        elif pattern is not None and not re.fullmatch(pattern, value):
            problems.append(t("qa.problem.bad_yield", name=name, pattern=pattern))
    return problems

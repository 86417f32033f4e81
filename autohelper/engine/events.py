"""What a run tells the world: events, and the listeners that act on them.

The runner emits an event at each point of a run (started, a step started and finished, a submit
about to be pressed and what came of it, finished); the journal, the terminal's progress and QA
reports are listeners. The runner writes to none of them directly, so a new observer of runs is
a new listener, not a change to the engine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from autohelper.messages import t

if TYPE_CHECKING:
    from autohelper.errors import AutohelperError
    from autohelper.scenario.model import Scenario, Step


@dataclass(frozen=True)
class Document:
    """A file the run downloaded: where the run keeps it (private, 0600) and the name the portal
    gave it (which may hold personal data: an NSS)."""

    path: Path
    filename: str


@dataclass
class RunResult:
    """How a run ended: `success`, `in_person` (done, but the step is to be done at an office),
    `error`, `declined`, `unknown` (a submit whose result never came) or `interrupted`; and the
    documents it downloaded, by their `save_as`."""

    status: str
    message: str = ""
    yields: dict[str, str] = field(default_factory=dict)
    error: AutohelperError | None = None
    run_id: int | None = None  # the journal's id for the run, when a journal listened
    documents: dict[str, Document] = field(default_factory=dict)


@dataclass(frozen=True)
class StepRecord:
    """One step as it ran: `ok`, `error`, `skipped` (an optional page that did not appear) or
    `by_hand` (the person did it in the browser); `detail` is already redacted."""

    index: int
    step: Step
    status: str
    started_at: str
    duration_ms: int
    detail: str | None = None


class RunListener:
    """Receives a run's events; every method does nothing unless a listener overrides it."""

    def run_started(self, scenario: Scenario) -> None:
        """The run begins (before the first step)."""

    def step_started(self, index: int, total: int, step: Step) -> None:
        """Step `index` (0-based) of `total` begins."""

    def step_finished(self, record: StepRecord) -> None:
        """A step ended, one way or another."""

    def submit_pressing(self, index: int, step: Step, summary: str) -> None:
        """A submit is about to be pressed: a listener that must keep it keeps it now, durably,
        before this returns (a crash right after the press must still leave a trace)."""

    def submit_finished(self, index: int, step: Step, result: str) -> None:
        """What came of the press: `http 200`, `ok`, `unknown`, `not_sent`, `expired`."""

    def submit_refused(self, index: int, step: Step) -> None:
        """The portal's answer to the last press of step `index` was a refusal: a declared
        outcome sent the run back to the form before it, to be sent again (a wrong CAPTCHA, a
        wrong password). Nothing of that press was taken, whatever its HTTP status said."""

    def run_finished(self, result: RunResult) -> None:
        """The run ended (also after Ctrl-C or a crash: status `interrupted`)."""


class Listeners(RunListener):
    """Many listeners as one: each event goes to each, in order."""

    def __init__(self, listeners: Iterable[RunListener] = ()) -> None:
        self.listeners = list(listeners)

    def run_started(self, scenario: Scenario) -> None:
        for listener in self.listeners:
            listener.run_started(scenario)

    def step_started(self, index: int, total: int, step: Step) -> None:
        for listener in self.listeners:
            listener.step_started(index, total, step)

    def step_finished(self, record: StepRecord) -> None:
        for listener in self.listeners:
            listener.step_finished(record)

    def submit_pressing(self, index: int, step: Step, summary: str) -> None:
        for listener in self.listeners:
            listener.submit_pressing(index, step, summary)

    def submit_finished(self, index: int, step: Step, result: str) -> None:
        for listener in self.listeners:
            listener.submit_finished(index, step, result)

    def submit_refused(self, index: int, step: Step) -> None:
        for listener in self.listeners:
            listener.submit_refused(index, step)

    def run_finished(self, result: RunResult) -> None:
        for listener in self.listeners:
            listener.run_finished(result)


class Progress(RunListener):
    """The terminal's progress: one line per step, "Paso n/total: description"."""

    def __init__(self, say: Callable[[str], None]) -> None:
        self.say = say

    def step_started(self, index: int, total: int, step: Step) -> None:
        self.say(t("run.step", n=index + 1, total=total, description=step.describe()))

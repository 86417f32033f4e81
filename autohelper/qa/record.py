"""The evidence a QA case keeps: every step with its duration and outcome (a run listener), the
observed behaviour and the verdict, the screenshot of the stop, the Playwright trace, the mock's
request log; written as one JSON file in the case's folder, and told first by what a person
needs to act: the step, the locator, the URL.

A passing case keeps nothing (its folder is removed). Texts come already redacted by the engine;
what the mock logged (URLs with a CURP or an email in them) and what the run yielded are masked
here unless the run used the synthetic profile.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from autohelper.engine.events import RunListener, StepRecord
from autohelper.messages import quoted, t
from autohelper.privacy import mask

if TYPE_CHECKING:
    from autohelper.privacy import Redactor
    from autohelper.qa.expect import Observed, Verdict
    from autohelper.scenario.model import Step

REPORT_NAME = "case.json"
REQUESTS_NAME = "requests.json"
TRACE_NAME = "trace.zip"


class CaseRecorder(RunListener):
    """Keeps what a case's run did: each step as it ended, each submit pressed and its result."""

    def __init__(self) -> None:
        self.total = 0
        self.steps: list[StepRecord] = []
        self.submits: list[tuple[int, str]] = []  # (step index, result)
        self.pressings: list[int] = []
        # Which pressings (their positions in `pressings`) came without a yes of their own: no
        # `confirm` step ended well since the pressing before.
        self.unconfirmed: set[int] = set()
        self._unconfirmed_submits: list[int] = []  # positions in `submits` of those
        self._yes = False

    def step_started(self, index: int, total: int, step: Step) -> None:
        self.total = total

    def step_finished(self, record: StepRecord) -> None:
        self.steps.append(record)
        if record.step.kind == "confirm" and record.status == "ok":
            self._yes = True

    def submit_pressing(self, index: int, step: Step, summary: str) -> None:
        if not self._yes:
            self.unconfirmed.add(len(self.pressings))
        self._yes = False
        self.pressings.append(index)

    def submit_finished(self, index: int, step: Step, result: str) -> None:
        if len(self.pressings) - 1 in self.unconfirmed:
            self._unconfirmed_submits.append(len(self.submits))
        self.submits.append((index, result))

    def failed_step(self) -> StepRecord | None:
        """The step the run stopped at: the last one that ended in error."""
        return next((r for r in reversed(self.steps) if r.status == "error"), None)

    def pressed(self, unconfirmed: bool = False) -> bool:
        """Whether a submit was pressed (only those without a yes of their own: `unconfirmed`)."""
        return bool(self.unconfirmed if unconfirmed else self.pressings)

    def sent(self, unconfirmed: bool = False) -> bool:
        """Whether a submit went through (`http NNN` or `ok`), as opposed to `not_sent` (only
        those without a yes of their own: `unconfirmed`)."""
        submits = self.submits
        if unconfirmed:
            submits = [self.submits[n] for n in self._unconfirmed_submits]
        return any(result.startswith("http") or result == "ok" for _, result in submits)


@dataclass
class CaseReport:
    """One case as it ran: what a report shows and what the JSON file keeps."""

    case: str
    scenario: str
    expected: str
    observed: str
    ok: bool
    problems: list[str]
    message: str
    step: str = ""  # "n/total «description» (id)" of the stop, first thing a person reads
    locator: str = ""
    url: str = ""
    steps: list[dict[str, Any]] = field(default_factory=list)
    yields: dict[str, str] = field(default_factory=dict)
    screenshot: str | None = None
    trace: str | None = None
    requests: str | None = None
    report: str | None = None
    synthetic: bool = True

    def headline(self) -> str:
        """The step, the locator and the URL, on the first line of a failure."""
        parts = [t("qa.headline.step", step=self.step) if self.step else ""]
        parts += [t("qa.headline.locator", locator=self.locator) if self.locator else ""]
        parts += [t("qa.headline.url", url=self.url) if self.url else ""]
        return " · ".join(part for part in parts if part)

    def evidence(self) -> list[tuple[str, str]]:
        """(name, path) of each file kept: only files that are there (a report never points
        at evidence that was not kept, or was removed with a passing case's folder)."""
        found = [
            ("screenshot", self.screenshot),
            ("trace", self.trace),
            ("requests", self.requests),
            ("report", self.report),
        ]
        return [(name, path) for name, path in found if path and Path(path).is_file()]

    def failure_text(self) -> str:
        """What a failed case says: where first, then what was expected and what came, the
        tool's own message, and the evidence."""
        lines = [self.headline()] if self.headline() else []
        lines += [t("qa.failure.expected", text=self.expected)]
        lines += [t("qa.failure.observed", text=self.observed)]
        lines += [f"  - {problem}" for problem in self.problems]
        if self.message:
            lines += [t("qa.failure.message"), *(f"  {line}" for line in self.message.splitlines())]
        lines += [t("qa.failure.steps")]
        lines += [f"  {_step_line(step)}" for step in self.steps]
        lines += [t(f"qa.evidence.{name}", path=path) for name, path in self.evidence()]
        return "\n".join(lines)


def _step_line(step: dict[str, Any]) -> str:
    status = t(f"qa.step_status.{step['status']}")
    line = f"{step['n']:>2}. {status:<8} {step['ms']:>6} ms  {step['description']}"
    # An error's detail is the message shown above, in the journal's words: not again.
    detail = step.get("detail") if step["status"] != "error" else None
    return line + (f"  ({detail.splitlines()[0]})" if detail else "")


def build_report(
    case_id: str,
    scenario: str,
    expected: str,
    observed: Observed,
    verdict: Verdict,
    recorder: CaseRecorder,
    synthetic: bool,
) -> CaseReport:
    """The report of one case from what the run showed; yields masked unless synthetic."""
    failed = recorder.failed_step()
    step = ""
    if failed is not None:
        step = f"{failed.index + 1}/{recorder.total} {quoted(failed.step.describe())}"
        step += f" ({failed.step.id})" if failed.step.id else ""
    yields = {
        name: value if synthetic else mask(value, name) for name, value in observed.yields.items()
    }
    screenshot = observed.screenshot if observed.screenshot not in ("", "-") else None
    return CaseReport(
        case=case_id,
        scenario=scenario,
        expected=expected,
        observed=observed.describe(),
        ok=verdict.ok,
        problems=list(verdict.problems),
        message=observed.message,
        step=step,
        locator=observed.locator,
        url=observed.url,
        steps=[
            {
                "n": record.index + 1,
                "id": record.step.id,
                "kind": record.step.kind,
                "description": record.step.describe(),
                "status": record.status,
                "ms": record.duration_ms,
                "detail": record.detail,
            }
            for record in recorder.steps
        ],
        yields=yields,
        screenshot=screenshot,
        synthetic=synthetic,
    )


def keep_requests(folder: Path, requests: list[dict[str, Any]], redactor: Redactor) -> Path:
    """The mock's request log of the case, scrubbed by the run's redactor (a no-op for the
    synthetic profile, whose values it does not know)."""
    from autohelper.privatefiles import private_dir, write_private

    text = json.dumps(requests, ensure_ascii=False, indent=1)
    return write_private(private_dir(folder) / REQUESTS_NAME, redactor(text).encode("utf-8"))


def save_report(folder: Path, report: CaseReport) -> Path:
    from autohelper.privatefiles import private_dir, write_private

    path = private_dir(folder) / REPORT_NAME
    report.report = str(path)
    write_private(path, json.dumps(asdict(report), ensure_ascii=False, indent=1).encode("utf-8"))
    return path


def discard(folder: Path) -> None:
    """A passing case keeps nothing."""
    shutil.rmtree(folder, ignore_errors=True)

"""One QA worker: a browser, a mock (or the mirror) and a front, for every case it runs.

Parallel runs share nothing a run writes: each worker (a pytest-xdist process, or the only
process) has its own mock on its own port, its own front, its own journal and its own folder;
cases run one after another on the worker's one browser, each in a fresh context
(`session.execute`). A case's folder keeps its evidence only when the case fails.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from autohelper.errors import UsageError
from autohelper.messages import current_lang, set_lang
from autohelper.privatefiles import private_dir
from autohelper.qa.expect import JUDGED_LANG, judge, observe
from autohelper.qa.record import (
    TRACE_NAME,
    CaseRecorder,
    CaseReport,
    build_report,
    discard,
    keep_requests,
    save_report,
)
from autohelper.target import parse_against

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

    from autohelper.browser.front import PortalFront
    from autohelper.browser.provider import BrowserProvider
    from autohelper.engine.events import RunResult
    from autohelper.mock import MockPortal
    from autohelper.qa.cases import Case

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RunSettings:
    """What every case of one QA run shares: the target, the browser, the profile, where
    evidence goes."""

    against: str = "fixtures"
    artifacts: Path = Path("test-results") / "qa"
    browser: str | None = None
    connect: str | None = None
    cdp: str | None = None
    profile: str | None = None  # None: the synthetic profile

    @property
    def kind(self) -> str:
        return parse_against(self.against).kind

    @property
    def mirror_url(self) -> str | None:
        return parse_against(self.against).mirror_url


def case_folder(settings: RunSettings, case: Case) -> Path:
    """Where one case's evidence goes (the same on every worker: case ids are unique): two
    plain folders below the artifacts folder, whatever the ids hold, since a passing case's
    folder is deleted; one that would be anywhere else (`..`, a link leading out, the
    workers' own `.workers`) is refused, nothing deleted."""
    folder = settings.artifacts / case.scenario / case.name
    root = Path(os.path.realpath(settings.artifacts))
    real = Path(os.path.realpath(folder))
    parts = real.relative_to(root).parts if real.is_relative_to(root) else ()
    if len(parts) != 2 or any(part.startswith(".") for part in parts):
        raise UsageError(
            "qa.case_folder_outside",
            case=case.id,
            artifacts=str(settings.artifacts),
            folder=str(real),
        )
    return folder


@contextlib.contextmanager
def speaking(lang: str) -> Iterator[None]:
    """The engine speaks `lang` for the length of a case's run, whatever the person's language:
    the case's words are judged in one language (`expect.JUDGED_LANG`), so a verdict never
    depends on the language the report is shown in. The person's comes back after, for the
    report (cases run one after another in a worker: nothing else speaks meanwhile)."""
    shown = current_lang()
    set_lang(lang)
    try:
        yield
    finally:
        set_lang(shown)


class Worker:
    """The browser, mock and front of one worker process; started on first use."""

    def __init__(self, settings: RunSettings, name: str = "main") -> None:
        self.settings = settings
        self.name = name
        self.mock: MockPortal | None = None
        self.front: PortalFront | None = None
        self.playwright: Playwright | None = None
        self.provider: BrowserProvider | None = None
        self.browser: Browser | None = None
        self.folder = settings.artifacts / ".workers" / name
        self._saved_env: dict[str, str | None] = {}
        self._driver = contextlib.ExitStack()  # the driver, stopped unless a thread keeps it

    @property
    def journal(self) -> Path:
        return self.folder / "journal.sqlite3"

    def start(self) -> None:
        from autohelper.browser.driver import playwright_session
        from autohelper.browser.front import PortalFront
        from autohelper.browser.provider import provider_for

        spec = parse_against(self.settings.against)
        # This worker's own journal and user data: nothing a run writes is shared. Made here,
        # 0700 (with `.workers` above it), before anything writes into them.
        private_dir(self.folder / "data")
        self._set_env("AUTOHELPER_DATA_DIR", str(self.folder / "data"))
        upstream = spec.mirror_url or ""
        if spec.kind == "fixtures":
            from autohelper.mock import MockPortal

            self.mock = MockPortal()
            upstream = self.mock.start()
        self.front = PortalFront(upstream)
        self.front.start()
        self.provider = provider_for(
            self.settings.browser, True, self.settings.connect, self.settings.cdp, not spec.is_live
        )
        self.playwright = self._driver.enter_context(playwright_session())
        self.browser = self.provider.open(self.playwright, self.front)

    def _set_env(self, name: str, value: str) -> None:
        self._saved_env.setdefault(name, os.environ.get(name))
        os.environ[name] = value

    def close(self) -> None:
        """Close the browser, then stop the front and the mock; restore the environment."""
        if self.browser is not None:
            with contextlib.suppress(Exception):
                self.browser.close()
        if self.playwright is not None:
            with contextlib.suppress(Exception):
                self._driver.close()
        if self.front is not None:
            self.front.stop()
        if self.mock is not None:
            self.mock.stop()
        self.browser = self.playwright = self.front = self.mock = None
        for name, value in self._saved_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        self._saved_env.clear()

    def _browser(self) -> Browser:
        """The worker's browser, opened again if it went away (a remote one may)."""
        assert self.playwright is not None and self.provider is not None
        if self.browser is None or not self.browser.is_connected():
            log.info("worker %s: opening the browser again", self.name)
            self.browser = self.provider.open(self.playwright, self.front)
        return self.browser

    def run(self, case: Case) -> CaseReport:
        """Run one case on a fresh context; its report (evidence kept only on failure)."""
        from autohelper import privacy
        from autohelper.session import SessionRequest, execute, plan_run, redacting

        folder = case_folder(self.settings, case)  # refused before any browser
        if self.browser is None:
            self.start()
        discard(folder)  # a former run's evidence must not pass for this one's
        if self.mock is not None:
            self.mock.reset()
            if case.mock:
                self.mock.configure(**dict(case.mock))
        human = case.human.human()
        request = SessionRequest(
            scenario=case.scenario_path,
            human=human,
            against=self.settings.against,
            profile=self.settings.profile,
            mode="qa",
            artifacts=folder,
            journal=self.journal,
            mock_options=dict(case.mock),
            step_timeout=case.timeout,
            trace=folder / TRACE_NAME,
            secrets=case.human.first_secrets(),
            profile_values=dict(case.profile),
        )
        plan = plan_run(request)
        if not plan.synthetic:
            # A trace holds every page as it was, personal data included: never for a real
            # profile, whatever the outcome.
            plan = dataclasses.replace(plan, trace=None)
        private_dir(folder)  # and the scenario's folder above it, when it makes it
        recorder = CaseRecorder()

        def keep_trace(result: RunResult | None) -> bool:
            # Retain on failure: a crash, or a run that did not behave as the case expects.
            if result is None:
                return True
            observed = observe(result, recorder, said_in=JUDGED_LANG)
            return not judge(case.expect, observed, recorder).ok

        assert self.front is not None and self.provider is not None
        privacy.ACTIVE.merge(plan.redactor)
        with redacting(plan.redactor), speaking(JUDGED_LANG):
            # Every case records a trace, few keep it: DOM snapshots, no screencast (the
            # screenshot of the stop is kept apart).
            result = execute(
                plan,
                self._browser(),
                self.provider,
                self.front,
                human,
                [recorder],
                keep_trace,
                screencast=False,
            )
        observed = observe(result, recorder, said_in=JUDGED_LANG)
        verdict = judge(case.expect, observed, recorder)
        report = build_report(
            case.id,
            case.scenario,
            case.expect.describe(),
            observed,
            verdict,
            recorder,
            plan.synthetic,
        )
        if report.ok:
            discard(folder)
            # The screenshot of the stop went with the folder: the reports (JUnit's properties,
            # the failure text) name only what was kept, and a passing case keeps nothing.
            report.screenshot = None
            return report
        report.requests = str(keep_requests(folder, self._requests(), plan.redactor))
        trace = folder / TRACE_NAME
        report.trace = str(trace) if plan.trace is not None and trace.exists() else None
        save_report(folder, report)
        return report

    def _requests(self) -> list[dict[str, Any]]:
        """The mock's request log; a mirror's when it offers one (it may not: not in the
        contract), else nothing."""
        if self.mock is not None:
            return self.mock.requests
        url = f"{self.settings.mirror_url}/__mock__/requests"
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:  # noqa: S310 (the mirror)
                data = json.loads(answer.read().decode("utf-8"))
        except (OSError, ValueError) as exc:
            log.debug("no request log from the mirror: %s", exc)
            return []
        return data if isinstance(data, list) else []

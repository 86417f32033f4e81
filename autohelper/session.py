"""One guided or unattended run of a scenario, from files to a result.

Everything that can be wrong with the input (scenario, profile, secrets, target, browser) is
checked before a browser starts. Then the target is set up (the bundled mock, a mirror behind
the front, or the live portals), one browser is launched, the engine runs, and the browser is
closed whatever happens (Ctrl-C included).
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from autohelper import privacy
from autohelper import profile as profiles
from autohelper.browser import find_browser, has_display, launch
from autohelper.engine.retry import FAST, RetryPolicy
from autohelper.engine.runner import RunOptions, RunResult, run_scenario
from autohelper.errors import UsageError
from autohelper.front import PortalFront
from autohelper.human import Human
from autohelper.journal import Journal
from autohelper.privacy import RedactingFilter, Redactor
from autohelper.scenario.loader import find_scenario, load_scenario, scenarios_dir
from autohelper.scenario.model import Scenario
from autohelper.target import TargetSpec, parse_against

log = logging.getLogger(__name__)

FIXTURES_DIR = Path(__file__).resolve().parents[1] / "fixtures"
FIXTURE_PROFILE = FIXTURES_DIR / "profiles" / "student.yaml"


@dataclass
class SessionRequest:
    """What the CLI (or a test) asks for; `profile` is a name or a path (None: the default
    profile for students, the synthetic fixture profile for QA)."""

    scenario: str
    human: Human
    against: str = "live"
    profile: str | None = None
    mode: str = "student"  # "student" or "qa"
    headless: bool | None = None  # None: visible when a display exists
    browser: str | None = None
    artifacts: Path | None = None
    journal: Path | None = None
    mock_options: dict[str, Any] = field(default_factory=dict)
    step_timeout: float | None = None
    trace: Path | None = None  # a Playwright trace file; on live runs it holds personal data


@dataclass
class SessionResult:
    result: RunResult
    scenario: Scenario
    profile_path: Path | None
    artifacts: Path
    # True when the NSS the portal gave can be offered for saving into the student's profile.
    can_save_nss: bool = False


def _secrets(scenario: Scenario, ask: Callable[[str], str] | None) -> dict[str, str]:
    """From AUTOHELPER_SECRET_<NAME>, else a hidden prompt; never stored anywhere."""
    values: dict[str, str] = {}
    for name in scenario.needs.secrets:
        value = os.environ.get(f"AUTOHELPER_SECRET_{name.upper()}")
        if not value and ask is not None:
            value = ask(name)
        if not value:
            raise UsageError(
                "session.secret_missing", name=name, env=f"AUTOHELPER_SECRET_{name.upper()}"
            )
        values[name] = value
    return values


@contextlib.contextmanager
def _target(spec: TargetSpec, mock_options: dict[str, Any]) -> Iterator[PortalFront | None]:
    """The front for a mock or mirror (None for live), started and stopped around the run."""
    if spec.is_live:
        yield None
        return
    mock = None
    upstream = spec.mirror_url or ""
    if spec.kind == "fixtures":
        from autohelper.mock import MockPortal
        from autohelper.mock.config import build

        mock = MockPortal(build(mock_options))
        upstream = mock.start()
    front = PortalFront(upstream)
    front.start()
    try:
        yield front
    finally:
        front.stop()
        if mock is not None:
            mock.stop()


@contextlib.contextmanager
def _redacting(redactor: Redactor) -> Iterator[None]:
    """Every log record of the run passes through the redactor, whatever handler prints it."""
    filt = RedactingFilter(redactor)
    root = logging.getLogger()
    handlers = list(root.handlers)
    for handler in handlers:
        handler.addFilter(filt)
    try:
        yield
    finally:
        for handler in handlers:
            handler.removeFilter(filt)


def run_session(
    request: SessionRequest, ask_secret: Callable[[str], str] | None = None
) -> SessionResult:
    """Load and check everything, set up the target and the browser, run, clean up."""
    scenario = load_scenario(find_scenario(request.scenario, scenarios_dir()))
    spec = parse_against(request.against)
    if request.mode == "qa" and spec.is_live:
        raise UsageError("session.qa_live")
    profile_ref: str | Path | None = request.profile
    # With no profile named, QA runs and the bundled mock (the demo) use the synthetic one.
    is_fixture = profile_ref is None and (request.mode == "qa" or spec.kind == "fixtures")
    if is_fixture:
        profile_ref = FIXTURE_PROFILE
    profile = profiles.load_profile(profile_ref, trusted=is_fixture)
    profile_path = profiles.resolve_profile_path(profile_ref)
    profiles.require_fields(profile, scenario.needs.profile, profile_path)
    secrets = _secrets(scenario, ask_secret)
    choice = find_browser(request.browser)
    headless = request.headless if request.headless is not None else not has_display()

    redactor = profiles.redactor_for(profile)
    redactor.add_secrets(secrets.values())
    privacy.ACTIVE.merge(redactor)
    artifacts = request.artifacts or Path(platformdirs.user_cache_dir("autohelper")) / "runs"
    journal = Journal(request.journal)
    options = RunOptions(
        artifacts=artifacts,
        live=spec.is_live,
        mode=request.mode,
        target=spec.kind,
        retry=FAST if not spec.is_live else RetryPolicy(),
        step_timeout=request.step_timeout or (15.0 if spec.is_live else 10.0),
        submit_timeout=45.0 if spec.is_live else 20.0,
    )
    from playwright.sync_api import sync_playwright

    with (
        _redacting(redactor),
        _target(spec, request.mock_options) as front,
        sync_playwright() as pw,
    ):
        browser = launch(pw, choice, headless, front.launch_args() if front else [])
        try:
            context = browser.new_context(
                ignore_https_errors=front is not None,
                locale="es-MX",
                viewport={"width": 1280, "height": 900},
            )
            if request.trace is not None:
                # A trace holds every page as it was, personal data included: only on request.
                context.tracing.start(screenshots=True, snapshots=True)
            page = context.new_page()
            try:
                result = run_scenario(
                    page,
                    scenario,
                    profile.as_template_values(),
                    secrets,
                    request.human,
                    options,
                    journal,
                    redactor,
                )
            finally:
                if request.trace is not None:
                    context.tracing.stop(path=str(request.trace))
        finally:
            _close(browser)
    can_save = (
        "nss" in result.yields
        and not is_fixture
        and request.mode == "student"
        and result.yields["nss"] != (profile.nss or "")
    )
    return SessionResult(result, scenario, profile_path, artifacts, can_save)


def _close(browser: Any) -> None:
    """Close the browser whatever state it is in: after Ctrl-C, the terminal may already have
    interrupted Chromium too, and a failing close must not hide why we are stopping."""
    try:
        browser.close()
    except Exception as exc:
        log.debug("browser close: %s", exc)


def save_nss(outcome: SessionResult) -> Path:
    """Write the NSS the portal gave into the student's profile (validated like any value)."""
    assert outcome.profile_path is not None
    update = profiles.update_profile(outcome.profile_path, {"nss": outcome.result.yields["nss"]})
    return update.path

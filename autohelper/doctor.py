"""`autohelper doctor`: which browser will be used and why, whether Playwright really drives it
(it is launched, hidden, and closed at once), and what is missing."""

from __future__ import annotations

import importlib.util
import logging
import subprocess
from dataclasses import dataclass

from autohelper.browser import (
    BASE_ARGS,
    BrowserChoice,
    find_browser,
    has_display,
    playwright_chromium,
)
from autohelper.errors import BrowserNotFound
from autohelper.messages import t

log = logging.getLogger(__name__)

# A bound on the launch, not a wait: a Chromium starts in well under a second; a loaded machine
# may take longer, and a binary that is not a Chromium fails long before.
LAUNCH_TIMEOUT_MS = 15_000


@dataclass(frozen=True)
class Finding:
    ok: bool
    text: str


def _version(path: str) -> str:
    try:
        out = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return "?"
    lines = out.stdout.strip().splitlines()
    return lines[0] if lines else "?"  # a binary that is not a browser may print a page


def diagnose(explicit_browser: str | None = None) -> list[Finding]:
    findings = [
        Finding(
            importlib.util.find_spec("playwright") is not None,
            t("doctor.playwright_ok")
            if importlib.util.find_spec("playwright")
            else t("doctor.playwright_missing"),
        )
    ]
    try:
        choice = find_browser(explicit_browser)
    except BrowserNotFound as exc:
        findings.append(Finding(False, exc.message()))
    else:
        if choice.path is None:
            findings.append(
                Finding(True, t("doctor.browser_playwright", path=str(playwright_chromium())))
            )
        else:
            findings.append(
                Finding(
                    True,
                    t(
                        f"doctor.browser_{'system' if choice.reason == 'system' else 'explicit'}",
                        path=choice.path,
                        version=_version(choice.path),
                        source=choice.reason,
                    ),
                )
            )
        if findings[0].ok:
            findings.append(launch_check(choice))
        if explicit_browser is None:
            shell = find_browser(shell=True)
            if shell.reason == "headless-shell" and shell.path is not None:
                findings.append(Finding(True, t("doctor.shell_yes", path=shell.path)))
            elif choice.reason in ("playwright", "system"):
                findings.append(Finding(True, t("doctor.shell_no")))
    findings.append(
        Finding(True, t("doctor.display_yes" if has_display() else "doctor.display_no"))
    )
    return findings


def launch_check(choice: BrowserChoice) -> Finding:
    """Launch the browser hidden through Playwright, read its version, close it: whether it
    really is a Chromium that Playwright can drive. The library's own words go to the debug
    log; the finding says it plainly."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    from autohelper.browser.driver import playwright_session

    path = choice.path or str(playwright_chromium())
    try:
        with playwright_session() as pw:
            browser = pw.chromium.launch(
                executable_path=choice.path,
                headless=True,
                args=list(BASE_ARGS),
                timeout=LAUNCH_TIMEOUT_MS,
            )
            try:
                version = browser.version
            finally:
                browser.close()
    except PlaywrightTimeout as exc:
        log.debug("doctor: launch timed out: %s", exc)
        return Finding(False, t("doctor.launch_timeout", path=path))
    except PlaywrightError as exc:
        log.debug("doctor: launch failed: %s", exc)
        return Finding(False, t("doctor.launch_failed", path=path))
    return Finding(True, t("doctor.launch_ok", version=version))

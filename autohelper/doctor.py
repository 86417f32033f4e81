"""`autohelper doctor`: which browser will be used and why, and what is missing."""

from __future__ import annotations

import importlib.util
import subprocess
from dataclasses import dataclass

from autohelper.browser import find_browser, has_display, playwright_chromium
from autohelper.errors import BrowserNotFound
from autohelper.messages import t


@dataclass(frozen=True)
class Finding:
    ok: bool
    text: str


def _version(path: str) -> str:
    try:
        out = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return "?"
    return out.stdout.strip() or "?"


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
    findings.append(
        Finding(True, t("doctor.display_yes" if has_display() else "doctor.display_no"))
    )
    return findings

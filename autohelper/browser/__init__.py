"""The browser: finding a Chromium, providing one to a run (launched here, or elsewhere), and
the front that lets it see the live portals' URLs while a mock or mirror answers."""

from __future__ import annotations

from autohelper.browser.find import (
    BASE_ARGS,
    BrowserChoice,
    find_browser,
    has_display,
    headless_shell,
    playwright_chromium,
)

__all__ = [
    "BASE_ARGS",
    "BrowserChoice",
    "find_browser",
    "has_display",
    "headless_shell",
    "playwright_chromium",
]

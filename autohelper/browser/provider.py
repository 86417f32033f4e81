"""Where a run's browser comes from: the seam between a run and its browser.

Today a local launch (`LocalLaunch`); a Playwright server (`--connect`) and a Chromium's DevTools
endpoint (`--cdp`) plug in here next, and so do QA's pooled workers. A provider gives a
Browser, and the options of each context opened on it (a remote browser reaches a mirror
through the front as a proxy, since launch flags cannot reach it).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from autohelper.browser.find import BASE_ARGS, BrowserChoice
from autohelper.errors import BrowserLaunchFailed

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

    from autohelper.browser.front import PortalFront

log = logging.getLogger(__name__)


class BrowserProvider(Protocol):
    def open(self, playwright: Playwright, front: PortalFront | None) -> Browser:
        """A browser that reaches the live portals, or the front (a mock or mirror) when given."""

    def context_options(self, front: PortalFront | None) -> dict[str, Any]:
        """What each context on that browser needs to reach its target."""


@dataclass(frozen=True)
class LocalLaunch:
    """A Chromium started here: the front is reached through its resolver rules."""

    choice: BrowserChoice
    headless: bool

    def open(self, playwright: Playwright, front: PortalFront | None) -> Browser:
        from playwright.sync_api import Error as PlaywrightError

        args = [*BASE_ARGS, *(front.launch_args() if front else [])]
        try:
            return playwright.chromium.launch(
                executable_path=self.choice.path, headless=self.headless, args=args
            )
        except PlaywrightError as exc:
            # The first line says what went wrong; the rest is Chromium's own log, for -v.
            log.debug("browser launch failed: %s", exc)
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else "?"
            path = self.choice.path or "playwright"
            raise BrowserLaunchFailed(path=path, reason=reason) from None

    def context_options(self, front: PortalFront | None) -> dict[str, Any]:
        # The front's certificate is made up on the spot: only its own hosts go through it.
        return {"ignore_https_errors": front is not None}

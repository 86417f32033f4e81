"""Where a run's browser comes from: the seam between a run and its browser.

A local launch (`LocalLaunch`), a Playwright server (`PlaywrightServer`, `--connect`) or a
Chromium's DevTools endpoint (`DevToolsEndpoint`, `--cdp`); `provider_for` picks one from the
command line. A provider gives a Browser, and the options of each context opened on it: a
browser launched here reaches a mock or mirror through resolver rules given at launch; a remote
one cannot take launch flags, so each of its contexts is given the front as a proxy.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from autohelper.browser.find import (
    BASE_ARGS,
    HEADLESS_ARGS,
    OFFLINE_ARGS,
    BrowserChoice,
    find_browser,
)
from autohelper.errors import BrowserLaunchFailed, UsageError, Words, os_reason

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

    from autohelper.browser.front import PortalFront

log = logging.getLogger(__name__)


class BrowserProvider(Protocol):
    def open(self, playwright: Playwright, front: PortalFront | None) -> Browser:
        """A browser that reaches the live portals, or the front (a mock or mirror) when given."""

    def context_options(self, front: PortalFront | None) -> dict[str, Any]:
        """What each context on that browser needs to reach its target."""


def launch_args(headless: bool, front: PortalFront | None) -> list[str]:
    """Chromium's flags for a browser started here (the benchmark's and the tests' too): the
    front's resolver rules and the offline flags when it goes to a mock or a mirror."""
    args = [*BASE_ARGS, *(HEADLESS_ARGS if headless else ())]
    if front is not None:
        args += [*OFFLINE_ARGS, *front.launch_args()]
    return args


@dataclass(frozen=True)
class LocalLaunch:
    """A Chromium started here: the front is reached through its resolver rules."""

    choice: BrowserChoice
    headless: bool

    def open(self, playwright: Playwright, front: PortalFront | None) -> Browser:
        from playwright.sync_api import Error as PlaywrightError

        args = launch_args(self.headless, front)
        try:
            # Ctrl-C is ours to handle: we close the browser ourselves. Left to the driver
            # (Playwright's default), it would close the browser at the same moment as we do.
            return playwright.chromium.launch(
                executable_path=self.choice.path,
                headless=self.headless,
                args=args,
                handle_sigint=False,
            )
        except PlaywrightError as exc:
            # Playwright's and Chromium's own words (English, a log) only for -vv.
            log.debug("browser launch failed: %s", exc)
            path = self.choice.path or "playwright"
            reason = playwright_reason(exc, "browser.reason.closed")
            raise BrowserLaunchFailed(path=path, reason=reason) from None

    def context_options(self, front: PortalFront | None) -> dict[str, Any]:
        # The front's certificate is made up on the spot: only its own hosts go through it.
        return {"ignore_https_errors": front is not None}


def _through_front(front: PortalFront | None) -> dict[str, Any]:
    """A remote browser's contexts: the front as their proxy (its certificate is its own)."""
    if front is None:
        return {}
    return {"proxy": front.proxy(), "ignore_https_errors": True}


_HTTP_STATUS = re.compile(r"(?:WebSocket error: \S+|Unexpected status) (\d{3})\b")


def playwright_reason(exc: Exception, otherwise: str) -> Words:
    """Why Playwright could not launch or reach a browser, as a phrase: the system's reason
    it quotes (a refused connection, an unknown host, no permission...), a timeout, an HTTP
    answer that is no browser's; else `otherwise`. Its own text is English: the caller logs
    it at debug level (-vv)."""
    text = str(exc)
    reason = os_reason(text)
    if reason.key != "os.unknown":
        return reason
    if "Timeout" in text:
        return Words("os.timed_out")
    status = _HTTP_STATUS.search(text)
    if status is not None:
        return Words("browser.reason.http_status", status=status.group(1))
    return Words(otherwise)


def _unreachable(endpoint: str, exc: Exception) -> BrowserLaunchFailed:
    log.debug("remote browser %s: %s", endpoint, exc)
    reason = playwright_reason(exc, "browser.reason.remote_other")
    return BrowserLaunchFailed("browser.remote_failed", endpoint=endpoint, reason=reason)


@dataclass(frozen=True)
class PlaywrightServer:
    """A browser from a Playwright server (`python -m playwright run-server`, or any service
    speaking its protocol) at a `ws://` endpoint. `executable` names the server machine's
    Chromium; a server accepts it only when started with `--unsafe`."""

    endpoint: str
    headless: bool = True
    executable: str | None = None

    def open(self, playwright: Playwright, front: PortalFront | None) -> Browser:
        from playwright.sync_api import Error as PlaywrightError

        options: dict[str, Any] = {"headless": self.headless, "args": list(BASE_ARGS)}
        if self.executable:
            options["executablePath"] = self.executable
        headers = {"x-playwright-launch-options": json.dumps(options)}
        try:
            return playwright.chromium.connect(self.endpoint, headers=headers, timeout=30_000)
        except PlaywrightError as exc:
            raise _unreachable(self.endpoint, exc) from None

    def context_options(self, front: PortalFront | None) -> dict[str, Any]:
        return _through_front(front)


@dataclass(frozen=True)
class DevToolsEndpoint:
    """A running Chromium's DevTools endpoint (`--remote-debugging-port`; Selenium Grid 4 nodes
    and browser fleets expose one): `http://host:port` or its `ws://` URL."""

    endpoint: str

    def open(self, playwright: Playwright, front: PortalFront | None) -> Browser:
        from playwright.sync_api import Error as PlaywrightError

        try:
            return playwright.chromium.connect_over_cdp(self.endpoint, timeout=30_000)
        except PlaywrightError as exc:
            raise _unreachable(self.endpoint, exc) from None

    def context_options(self, front: PortalFront | None) -> dict[str, Any]:
        return _through_front(front)


def check_endpoints(connect: str | None, cdp: str | None) -> None:
    """Refuse `--connect` with `--cdp`, and an address neither could use (the CLI calls this
    before it prints anything)."""
    if connect and cdp:
        raise UsageError("browser.connect_and_cdp")
    if connect and not connect.startswith(("ws://", "wss://")):
        raise UsageError("browser.bad_connect", value=connect)
    if cdp and not cdp.startswith(("ws://", "wss://", "http://", "https://")):
        raise UsageError("browser.bad_cdp", value=cdp)


def provider_for(
    browser: str | None = None,
    headless: bool = True,
    connect: str | None = None,
    cdp: str | None = None,
    offline: bool = False,
) -> BrowserProvider:
    """The provider the command line names: `--connect WS`, `--cdp URL`, else a local launch
    (of `--browser` or the Chromium `find_browser` picks). `offline`: the run goes to a mock
    or a mirror, never a live portal; hidden, it may use the lighter headless shell."""
    check_endpoints(connect, cdp)
    if connect:
        return PlaywrightServer(connect, headless, browser)
    if cdp:
        return DevToolsEndpoint(cdp)
    return LocalLaunch(find_browser(browser, shell=headless and offline), headless)

"""What the engine watches on a page: where the main frame goes (the origin guard), how the
last document arrived (status, method: a POST result is never reloaded), and whether the page
is the portal at all or a firewall block or a maintenance page."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from autohelper.target import host_matches

if TYPE_CHECKING:
    from playwright.sync_api import Frame, Page, Request, Response

FIREWALL_MARKERS = ("Incapsula incident ID", "Request unsuccessful", "_Incapsula_Resource")
MAINTENANCE_RE = re.compile(
    r"mantenimiento|servicio no disponible|service unavailable|temporalmente fuera de servicio",
    re.IGNORECASE,
)
_NEUTRAL_SCHEMES = ("about", "data", "blob", "chrome-error")


def origin_allowed(url: str, origins: tuple[str, ...]) -> bool:
    """True when `url` is on one of the declared origins (`scheme://host`, host may be `*.x`).
    http and https of the same host count as one origin: the portals' own links mix them."""
    parts = urlsplit(url)
    if parts.scheme in _NEUTRAL_SCHEMES:
        return True
    for origin in origins:
        declared = urlsplit(origin)
        if parts.scheme in ("http", "https") and host_matches(
            parts.hostname or "", declared.hostname or declared.netloc
        ):
            return True
    return False


@dataclass
class PageWatch:
    """Listens to one page for the whole run."""

    page: Page
    origins: tuple[str, ...]
    violation: str | None = None
    last_status: int | None = None
    last_method: str = "GET"
    requests_sent: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.page.on("framenavigated", self._on_navigated)
        self.page.on("request", self._on_request)
        self.page.on("response", self._on_response)

    def _on_navigated(self, frame: Frame) -> None:
        if frame == self.page.main_frame and not origin_allowed(frame.url, self.origins):
            self.violation = self.violation or frame.url

    def _on_request(self, request: Request) -> None:
        if request.is_navigation_request() and request.frame == self.page.main_frame:
            self.last_method = request.method
            self.requests_sent.append(request.method)
        elif request.method not in ("GET", "HEAD", "OPTIONS"):
            self.requests_sent.append(request.method)

    def _on_response(self, response: Response) -> None:
        request = response.request
        if request.is_navigation_request() and request.frame == self.page.main_frame:
            self.last_status = response.status

    def body_text(self) -> str:
        try:
            return self.page.locator("body").inner_text(timeout=2000)
        except Exception:  # a page mid-navigation has no body yet: nothing to classify
            return ""

    def is_firewall(self) -> bool:
        try:
            html = self.page.content()
        except Exception:
            return False
        return any(marker in html for marker in FIREWALL_MARKERS)

    def is_unavailable(self) -> bool:
        """A 5xx document, or a page that says the service is down for maintenance."""
        if self.last_status is not None and self.last_status >= 500:
            return True
        text = self.body_text()
        return len(text) < 2000 and bool(MAINTENANCE_RE.search(text))

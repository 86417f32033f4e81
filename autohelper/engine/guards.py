"""What the engine watches on a page: where the main frame goes (the origin guard), how the
last document arrived (status, method: a POST result is never reloaded), and whether the page
is the portal at all or a firewall block or a maintenance page."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from autohelper.target import origin_allowed

if TYPE_CHECKING:
    from playwright.sync_api import Frame, Page, Request, Response

FIREWALL_MARKERS = ("Incapsula incident ID", "Request unsuccessful", "_Incapsula_Resource")
MAINTENANCE_RE = re.compile(
    r"mantenimiento|servicio no disponible|service unavailable|temporalmente fuera de servicio",
    re.IGNORECASE,
)


@dataclass
class PageWatch:
    """Listens to one page for the whole run."""

    page: Page
    origins: tuple[str, ...]
    violation: str | None = None
    last_status: int | None = None
    last_method: str = "GET"
    requests_sent: list[str] = field(default_factory=list)
    navigations: int = 0
    _inspected: tuple[int, tuple[bool, bool]] | None = None

    def __post_init__(self) -> None:
        self.page.on("framenavigated", self._on_navigated)
        self.page.on("request", self._on_request)
        self.page.on("response", self._on_response)

    def _on_navigated(self, frame: Frame) -> None:
        if frame != self.page.main_frame:
            return
        self.navigations += 1
        if not origin_allowed(frame.url, self.origins):
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

    def _inspect(self) -> tuple[bool, bool]:
        """(firewall page?, maintenance text?) of the current document, looked at once per
        navigation: one round trip to the page, not a copy of its HTML."""
        if self._inspected is not None and self._inspected[0] == self.navigations:
            return self._inspected[1]
        try:
            found = self.page.evaluate(
                """([markers, pattern]) => {
                    const html = document.documentElement ? document.documentElement.outerHTML : "";
                    const text = document.body ? document.body.innerText : "";
                    return [markers.some(m => html.includes(m)),
                            text.length < 2000 && new RegExp(pattern, "i").test(text)];
                }""",
                [list(FIREWALL_MARKERS), MAINTENANCE_RE.pattern],
            )
            answer = (bool(found[0]), bool(found[1]))
        except Exception:  # a page mid-navigation has no document yet: nothing to classify
            return (False, False)
        self._inspected = (self.navigations, answer)
        return answer

    def is_firewall(self) -> bool:
        return self._inspect()[0]

    def is_unavailable(self) -> bool:
        """A 5xx document, or a page that says the service is down for maintenance."""
        if self.last_status is not None and self.last_status >= 500:
            return True
        return self._inspect()[1]

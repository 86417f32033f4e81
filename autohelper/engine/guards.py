"""What the engine watches on a page: where the main frame goes (the origin guard), how the last
document arrived (status, method: a POST result is never reloaded), whether the page is the
portal at all or its firewall's or a maintenance page (from the portal's facts: the engine
knows no portal), and the browser dialogs (`alert`, `confirm`) the page opens.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from playwright.sync_api import Error as PlaywrightError

from autohelper.scenario.model import BrowserDialog, Portal
from autohelper.target import origin_allowed

if TYPE_CHECKING:
    from playwright.sync_api import Dialog, Frame, Page, Request, Response

log = logging.getLogger(__name__)

# A page this short that names maintenance is a maintenance page, not a portal page that happens
# to mention the word; the same length tells a firewall's challenge page from a portal page.
SHORT_PAGE = 2000

_INSPECT = """([block, challenge, maintenance, short]) => {
    const text = document.body ? document.body.innerText : "";
    const html = document.documentElement ? document.documentElement.outerHTML : "";
    const isShort = text.length < short;
    return [block.some(m => text.includes(m)) || (isShort && challenge.some(m => html.includes(m))),
            isShort && maintenance !== "" && new RegExp(maintenance, "i").test(text)];
}"""


@dataclass
class PageWatch:
    """Listens to one page for the whole run."""

    page: Page
    origins: tuple[str, ...]
    facts: Portal
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
        if request.is_navigation_request() or request.method not in ("GET", "HEAD", "OPTIONS"):
            # A send shows as a request: a navigation (a form post, in any frame) or an AJAX
            # write. What a submit whose answer never came may have sent is counted here.
            self.requests_sent.append(request.method)

    def _on_response(self, response: Response) -> None:
        request = response.request
        if request.is_navigation_request() and request.frame == self.page.main_frame:
            self.last_status = response.status

    def _inspect(self) -> tuple[bool, bool]:
        """(firewall page?, maintenance page?) of the current document, looked at once per
        navigation: one round trip to the page, not a copy of its HTML."""
        if self._inspected is not None and self._inspected[0] == self.navigations:
            return self._inspected[1]
        firewall = self.facts.firewall
        try:
            found = self.page.evaluate(
                _INSPECT,
                [
                    list(firewall.block_text if firewall else ()),
                    list(firewall.challenge_html if firewall else ()),
                    self.facts.maintenance_re,
                    SHORT_PAGE,
                ],
            )
        except PlaywrightError as exc:
            # A page mid-navigation has no document yet: nothing to classify, look again later.
            log.debug("page inspection skipped: %s", exc)
            return (False, False)
        answer = (bool(found[0]), bool(found[1]))
        self._inspected = (self.navigations, answer)
        return answer

    def is_firewall(self) -> bool:
        return self._inspect()[0]

    def is_unavailable(self) -> bool:
        """A 5xx document, or a page that says the service is down for maintenance."""
        if self.last_status is not None and self.last_status >= 500:
            return True
        return self._inspect()[1]


class DialogGuard:
    """Answers the browser dialogs of the pages it watches. A dialog the current step declared
    gets the declared answer; any other is dismissed (the only answer that sends nothing) and
    remembered, so the run stops and says so: nothing is ever dismissed silently."""

    def __init__(self) -> None:
        self.declared: BrowserDialog | None = None
        self.unexpected: str | None = None

    def watch(self, page: Page) -> None:
        page.on("dialog", self._on_dialog)

    def _on_dialog(self, dialog: Dialog) -> None:
        declared = self.declared
        if dialog.type == "beforeunload":
            dialog.accept()  # leaving the page is what the step asked for
        elif declared is not None and (declared.text is None or declared.text in dialog.message):
            dialog.accept() if declared.accept else dialog.dismiss()
        else:
            self.unexpected = self.unexpected or dialog.message
            dialog.dismiss()

    def take_unexpected(self) -> str | None:
        message, self.unexpected = self.unexpected, None
        return message

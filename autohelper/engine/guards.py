"""What the engine watches on a page: where the main frame goes (the origin guard), how the
current document arrived (its status; whether it came from a send, which is never reloaded),
whether it is the portal at all or its firewall's or a maintenance page (from the portal's
facts: the engine knows no portal), and the browser dialogs (`alert`, `confirm`) it opens.

Nothing here asks the page after each step: the page reports its own facts once per document
(an init script, through the console), and navigations and dialogs arrive as events.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from playwright.sync_api import Error as PlaywrightError

from autohelper.scenario.model import BrowserDialog, Portal
from autohelper.target import origin_allowed

if TYPE_CHECKING:
    from playwright.sync_api import ConsoleMessage, Dialog, Frame, Page, Request

log = logging.getLogger(__name__)

# A page this short that names maintenance is a maintenance page, not a portal page that happens
# to mention the word.
SHORT_PAGE = 2000
# A firewall's challenge page is its marker (a script, an iframe holding the challenge) and next
# to nothing else: a few words at most, no field of its own. A firewall may inject the same
# marker into the portal's ordinary pages (Incapsula does), short forms and answers included:
# those are the portal.
CHALLENGE_TEXT = 40
# How the page's report is told from the page's own console messages.
REPORT_TAG = "__autohelper_page__"
# What a document says when a click in it opens a page of its own (a new tab).
NEW_TAB_TAG = "__autohelper_new_tab__"
# How a frame's document reports (its address, maintenance page?, its HTTP status).
FRAME_TAG = "__autohelper_frame__"
# Where each document keeps whether it is busy with a request of its own (see _REPORT_JS).
BUSY_KEY = "__autohelper_busy__"

# Runs in every document before its own scripts. Every frame tells when a click in it opens a new
# tab (a link's or a form's target `_blank`, or a name no frame of the window has), once the
# page's own handlers let it (the event reaches the window, its default action not prevented),
# and when its script opens one (`window.open`): the run then awaits that tab, and no other
# click waits for anything. The main frame reports,
# once its content is there: firewall page?, maintenance page?, the HTTP status the document
# came with.
_REPORT_JS = """(facts => {
    const opensTab = (name) => {
        const lower = name.toLowerCase();
        if (!name || lower === "_self" || lower === "_parent" || lower === "_top") return false;
        try {
            return lower === "_blank" || !window.top.frames[name];
        } catch (error) {
            return true;
        }
    };
    // A page's own script opening a tab (a button's onclick calling window.open) says so too.
    const open = window.open;
    window.open = function (url, name, ...rest) {
        const target = name === undefined || name === null ? "" : String(name).trim();
        if (opensTab(target || "_blank")) console.debug(facts.tab);
        return open.call(this, url, name, ...rest);
    };
    // Whether this document is busy with a request of its own, for the engine to read after
    // typing or ticking (a field's own post on change, PeopleSoft's FieldChange): leaving (a
    // form posted into this frame, a new address) or a write (not a GET) still in flight or
    // just answered (its answer is then being put into the page). Nothing is asked of the page:
    // the engine reads this in the look it makes anyway.
    // Once per document (the script may be run again in one: a tab opened before it was watched).
    if (!Object.prototype.hasOwnProperty.call(window, facts.busy)) {
        const busy = {leaving: false, writes: 0, answered: -Infinity};
        Object.defineProperty(window, facts.busy, {value: busy});
        const here = name => !name || name.trim().toLowerCase() === "_self";
        const submit = HTMLFormElement.prototype.submit;
        HTMLFormElement.prototype.submit = function () {
            if (here(this.target)) busy.leaving = true;
            return submit.call(this);
        };
        addEventListener("submit", event => {
            const form = event.target;
            if (!event.defaultPrevented && form instanceof HTMLFormElement && here(form.target)) {
                busy.leaving = true;
            }
        });
        if (window.navigation) {
            navigation.addEventListener("navigate", event => {
                if (!event.destination.sameDocument && !event.downloadRequest) busy.leaving = true;
            });
        }
        const answered = () => { busy.writes--; busy.answered = performance.now(); };
        // A write to the document's own site: another's (a page's analytics) is not the page
        // posting a field, and never holds a step.
        const write = (method, url) => {
            if (/^(GET|HEAD|OPTIONS)$/i.test(method || "GET")) return false;
            try {
                return new URL(url, location.href).origin === location.origin;
            } catch (error) {
                return false;
            }
        };
        const pageFetch = window.fetch;
        window.fetch = function (resource, init) {
            const method = (init && init.method)
                || (resource instanceof Request ? resource.method : "GET");
            const url = resource instanceof Request ? resource.url : String(resource);
            const answer = pageFetch.apply(this, arguments);
            if (write(method, url)) {
                busy.writes++;
                answer.then(answered, answered);
            }
            return answer;
        };
        const xhrOpen = XMLHttpRequest.prototype.open, xhrSend = XMLHttpRequest.prototype.send;
        XMLHttpRequest.prototype.open = function (method, url) {
            this[facts.busy] = write(method, url);
            return xhrOpen.apply(this, arguments);
        };
        XMLHttpRequest.prototype.send = function () {
            if (this[facts.busy]) {
                busy.writes++;
                this.addEventListener("loadend", answered, {once: true});
            }
            return xhrSend.apply(this, arguments);
        };
    }
    addEventListener("click", event => {
        const e = event.target instanceof Element ? event.target : null;
        if (!e || event.defaultPrevented) return;
        const link = e.closest("a[href], area[href]");
        const control = link ? null : e.closest("button, input[type=submit], input[type=image]");
        const form = control ? control.form : null;
        if (!link && !form) return;
        let target = link ? link.target : control.getAttribute("formtarget") || form.target;
        if (!target) {
            const base = document.querySelector("base[target]");
            target = base ? base.target : "";
        }
        if (opensTab(target.trim())) console.debug(facts.tab);
    });
    // A maintenance page: a short page saying so, and either no field of its own or the words
    // in its title or a heading. A working form with a notice of maintenance to come (a banner:
    // «el domingo habrá mantenimiento») is the portal, up.
    const underMaintenance = (text) => {
        if (text.length >= facts.short || facts.maintenance === "") return false;
        const words = new RegExp(facts.maintenance, "i");
        if (!words.test(text)) return false;
        if (!document.querySelector("input:not([type=hidden]), select, textarea")) return true;
        const headings = Array.from(document.querySelectorAll("h1, h2, h3"), h => h.textContent);
        return words.test([document.title, ...headings].join(" "));
    };
    if (window.top !== window) {
        // A frame's document (PeopleSoft's TargetContent) says whether the server failed it:
        // a step that finds nothing in it then says the portal is down, not that it changed.
        const frameReport = () => {
            const text = document.body ? document.body.innerText : "";
            const nav = performance.getEntriesByType("navigation")[0];
            console.debug(facts.frame + JSON.stringify([
                location.href,
                underMaintenance(text),
                nav && nav.responseStatus ? nav.responseStatus : 0,
            ]));
        };
        if (document.readyState === "loading") {
            document.addEventListener("DOMContentLoaded", frameReport, {once: true});
        } else {
            frameReport();
        }
        return;
    }
    const report = () => {
        const text = document.body ? document.body.innerText : "";
        // A challenge page is almost empty, with no field: only then is its markup serialized.
        const bare = text.trim().length < facts.bare
            && !document.querySelector("input:not([type=hidden]), select, textarea");
        const html = bare && document.documentElement ? document.documentElement.outerHTML : "";
        const nav = performance.getEntriesByType("navigation")[0];
        console.debug(facts.tag + JSON.stringify([
            facts.block.some(m => text.includes(m))
                || (bare && facts.challenge.some(m => html.includes(m))),
            underMaintenance(text),
            nav && nav.responseStatus ? nav.responseStatus : 0,
        ]));
    };
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", report, {once: true});
    } else {
        report();
    }
})"""


@dataclass
class PageWatch:
    """Listens to one page for the whole run."""

    page: Page
    origins: tuple[str, ...]
    facts: Portal
    violation: str | None = None
    # The current document: its status, and whether a send produced it (never reloaded).
    status: int | None = None
    posted: bool = False
    firewall: bool = False
    maintenance: bool = False
    navigations: int = 0
    # A click in one of the page's documents is opening a new tab (the page said so).
    new_tab: bool = False
    # Requests that can carry a send (a navigation, an AJAX write): a submit counts them to
    # tell a send whose answer never came from one that never left.
    sends: int = 0
    # Documents each frame has had (navigations committed): a step that saw its frame leaving
    # waits for the next one.
    documents: Counter[Frame] = field(default_factory=Counter)
    # The window's last navigation that failed (its address, the browser's reason), while the
    # browser's error page stands in for it: a step that then finds nothing says the page did
    # not load, not that the portal changed.
    failed: tuple[str, str] | None = None
    # Frames' documents the server failed (a 5xx, a maintenance page), by address.
    frames_down: set[str] = field(default_factory=set)
    # The requests made since the last press (while `counting_sends`).
    pressed_requests: list[Request] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.page.on("framenavigated", self._on_navigated)
        self.page.on("requestfailed", self._on_failed)
        self.page.on("console", self._on_console)
        firewall = self.facts.firewall
        script = (
            _REPORT_JS
            + "("
            + json.dumps(
                {
                    "tag": REPORT_TAG,
                    "tab": NEW_TAB_TAG,
                    "frame": FRAME_TAG,
                    "busy": BUSY_KEY,
                    "block": list(firewall.block_text if firewall else ()),
                    "challenge": list(firewall.challenge_html if firewall else ()),
                    "maintenance": self.facts.maintenance_re,
                    "short": SHORT_PAGE,
                    "bare": CHALLENGE_TEXT,
                }
            )
            + ")"
        )
        self.page.add_init_script(script)
        self._script = script

    def look_now(self) -> None:
        """Run the report in the document the page already shows (a tab the portal opened came
        with its first document before it was watched): its facts, and its clicks that open a
        tab, as for every document after it."""
        with contextlib.suppress(PlaywrightError):  # gone meanwhile: the next document reports
            self.page.evaluate(self._script)

    def _on_navigated(self, frame: Frame) -> None:
        self.documents[frame] += 1
        if frame != self.page.main_frame:
            return
        # A new document: what was known of the last one no longer holds.
        self.navigations += 1
        self.status, self.posted, self.firewall, self.maintenance = None, False, False, False
        if not frame.url.startswith("chrome-error:"):
            self.failed = None
        if not origin_allowed(frame.url, self.origins, neutral=True):
            self.violation = self.violation or frame.url

    def _on_failed(self, request: Request) -> None:
        # A navigation of a frame not there yet (a popup's) has no frame to ask for: not ours.
        with contextlib.suppress(PlaywrightError):
            if request.is_navigation_request() and request.frame == self.page.main_frame:
                self.failed = (request.url, request.failure or "")

    def _on_console(self, message: ConsoleMessage) -> None:
        text = message.text
        if text == NEW_TAB_TAG:
            self.new_tab = True
            return
        if text.startswith(FRAME_TAG):
            with contextlib.suppress(ValueError, TypeError):
                url, maintenance, status = json.loads(text[len(FRAME_TAG) :])
                down = bool(maintenance) or int(status) >= 500
                (self.frames_down.add if down else self.frames_down.discard)(str(url))
            return
        if not text.startswith(REPORT_TAG):
            return
        try:
            firewall, maintenance, status = json.loads(text[len(REPORT_TAG) :])
        except ValueError:  # a page writing our tag itself: not our report
            return
        self.firewall, self.maintenance = bool(firewall), bool(maintenance)
        self.status = int(status) or self.status

    @contextlib.contextmanager
    def counting_sends(self) -> Iterator[None]:
        """Count the requests that can carry a send while a submit is pressed: only then, so
        that no other step pays for an event per request. Every request made meanwhile is
        kept (`made_since_press`)."""
        self.pressed_requests = []
        self.page.on("request", self._on_request)
        try:
            yield
        finally:
            # A page closed under the send has no listener left to remove.
            with contextlib.suppress(PlaywrightError):
                self.page.remove_listener("request", self._on_request)

    def _on_request(self, request: Request) -> None:
        self.pressed_requests.append(request)
        if request.is_navigation_request() or request.method not in ("GET", "HEAD", "OPTIONS"):
            self.sends += 1

    def made_since_press(self, request: Request) -> bool:
        """Whether `request` was made while the last press was counted: the press's own
        answer, not one to a request the page had under way before it (a field's post)."""
        return any(request is made for made in self.pressed_requests)

    def arrived(self, status: int | None, posted: bool) -> None:
        """What the engine knows of the document a step just opened (a goto's, or a send's or
        an emailed link's: `posted`, never reloaded)."""
        self.status = status if status is not None else self.status
        self.posted = posted

    def is_firewall(self) -> bool:
        return self.firewall

    def is_unavailable(self) -> bool:
        """A 5xx document, or a page that says the service is down for maintenance."""
        return (self.status is not None and self.status >= 500) or self.maintenance


class DialogGuard:
    """Answers the browser dialogs of the pages it watches. A dialog the current step declared
    gets the declared answer. Any other is dismissed (the only answer that sends nothing) and
    remembered: a question (`confirm`, `prompt`) stops the run, which says so; a notice
    (`alert`, whose only button is «Aceptar»: closing it decides nothing, the page goes on the
    same) is told to the person and the run goes on (a PeopleSoft «su sesión está por expirar»
    while the person reads the summary). Nothing is ever dismissed silently."""

    def __init__(self) -> None:
        self.declared: BrowserDialog | None = None
        self.unexpected: str | None = None
        self.notices: list[str] = []  # alerts nobody declared, not yet told
        # The words of the last declared dialog answered: the portal may give its answer to a
        # send that way (an alert on the page that comes back), for the outcome to read.
        self.answered: str | None = None

    def watch(self, page: Page) -> None:
        page.on("dialog", self._on_dialog)

    def _on_dialog(self, dialog: Dialog) -> None:
        declared = self.declared
        if dialog.type == "beforeunload":
            dialog.accept()  # leaving the page is what the step asked for
        elif declared is not None and (declared.text is None or declared.text in dialog.message):
            self.answered = dialog.message
            dialog.accept() if declared.accept else dialog.dismiss()
        elif dialog.type == "alert":
            self.notices.append(dialog.message)
            dialog.dismiss()
        else:
            self.unexpected = self.unexpected or dialog.message
            dialog.dismiss()

    def take_unexpected(self) -> str | None:
        message, self.unexpected = self.unexpected, None
        return message

    def take_notices(self) -> list[str]:
        notices, self.notices = self.notices, []
        return notices

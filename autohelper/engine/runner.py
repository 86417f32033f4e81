"""Runs one scenario on a Page it is given: a loop over the steps, each handed to the handler
registered for its class (`steps.py`), with the guards around it.

Steps marked `retried` go through the retry policy, and only for transient failures; a locator
that matches nothing after its wait is a changed portal, not a timeout (or, for an optional
step, a page that did not appear this time). The origin guard, the firewall check, the
maintenance check and the dialog guard run around every step; an expired session sends the run
back to its sign-in block, once per step. Events go to listeners; personal data reaches text
(logs, events, errors) only through the run's Redactor.
"""

from __future__ import annotations

import contextlib
import logging
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from autohelper.engine import locate
from autohelper.engine.events import Document, Listeners, RunListener, RunResult, StepRecord
from autohelper.engine.evidence import Evidence
from autohelper.engine.guards import DialogGuard, PageWatch
from autohelper.engine.retry import NetworkError, RetryPolicy, SlowPage, TransientError
from autohelper.errors import (
    AutohelperError,
    Declined,
    FirewallBlocked,
    OriginViolation,
    PortalChanged,
    RunStopped,
    SubmitUnknown,
    Words,
)
from autohelper.human import Human
from autohelper.messages import t
from autohelper.privacy import PERSONAL_FIELDS, SECRET_MASK, Redactor, mask
from autohelper.scenario import model as m
from autohelper.target import origin_allowed

if TYPE_CHECKING:
    from playwright.sync_api import Frame, Page
    from playwright.sync_api import Locator as PwLocator

    from autohelper.engine.steps import Held

log = logging.getLogger(__name__)
T = TypeVar("T")

# How long a sign-in page that has just come (an expired session) may take to load before its
# marks are looked for.
SIGN_IN_LOAD_MS = 5000
# How long an outcome lets the answer page settle for a dialog declared but not come yet.
SETTLE_MS = 3000
# How long a frame on the way to an element may take to load when the page is looked at for it.
LOOK_MS = 1000


@dataclass(frozen=True)
class RunOptions:
    """How to run: timeouts in seconds, where evidence goes, whether this is a live run."""

    artifacts: Path
    live: bool = True
    # Mask inputs and personal values on screenshots: whenever the profile is not synthetic.
    mask_screenshots: bool = True
    step_timeout: float = 15.0
    submit_timeout: float = 45.0
    # A bound on every wait, a step's own `timeout:` and the send's included (`--timeout` of
    # QA, a case's `timeout:`): a case that expects a wait to run out need not sit through 30 s.
    max_wait: float | None = None
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    # The step to start at (0: the first). A run resumed after its send starts past the send.
    start_at: int = 0
    # A person at a visible browser may do a step by hand when its target is not found (live
    # student runs only: against a mock, a missing target is what QA must see).
    hand_off: bool = False
    # Whether a run stopped after its send can be taken up again (`--resume`): not against the
    # bundled mock, which forgets its links when it stops.
    resumable: bool = True


def network_stop(error: str, live: bool) -> str | None:
    """The stop for a browser network error (`net::ERR_…`), or None for any other error. A
    redirect loop and a TLS failure are no lost connection: each is said as itself."""
    if "net::ERR_TOO_MANY_REDIRECTS" in error:
        return "run.redirect_loop" if live else "run.redirect_loop_mirror"
    if re.search(r"net::ERR_\w*(CERT|SSL)", error):
        return "run.tls"
    return "run.network" if "net::ERR_" in error else None


# What a person can do by hand in the browser when the scenario's target is not found.
# Whether a document is still being read, or still waits for a stylesheet of its own (what
# it shows is drawn only once that has come; one that failed has come, as a timing entry).
_READY_STATE_JS = """() => document.readyState === "loading"
    || (document.readyState !== "complete"
        && Array.from(document.querySelectorAll("link[rel~=stylesheet]")).some(
            l => !l.sheet && !performance.getEntriesByName(l.href).length))"""

# What tells a firewall's or an anti-robot page from the portal's, whoever makes it: its words,
# its markup (the challenge widgets of the usual vendors), or a refusal (401, 403, 429) on a
# page with little on it; and never a field to type into (a checkbox, a button at most).
_CHALLENGE_WORDS = re.compile(
    r"security check|verificaci[oó]n de seguridad|no eres un robot|no soy un robot|"
    r"not a robot|are you (?:a )?human|checking (?:your browser|if the site connection)|"
    r"just a moment|un momento, por favor|incident id|access denied|acceso denegado",
    re.IGNORECASE,
)
_CHALLENGE_MARKUP = (
    "cf-chl",
    "challenge-platform",
    "cf-turnstile",
    "g-recaptcha",
    "h-captcha",
    "hcaptcha.com",
    "captcha-delivery",
    "px-captcha",
)
# The window's words (the start of them), whether it has a field to type into, its markup when
# short, and its HTTP status.
_PAGE_FACTS_JS = """() => {
    const text = document.body ? document.body.innerText : "";
    const typed = document.querySelector(
        "input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=button])"
        + ":not([type=submit]):not([type=image]), select, textarea:not([name$=captcha-response])");
    const html = text.length < 3000 && document.documentElement
        ? document.documentElement.outerHTML.slice(0, 200000) : "";
    const nav = performance.getEntriesByType("navigation")[0];
    const status = nav && nav.responseStatus ? nav.responseStatus : 0;
    return [text.slice(0, 3000), Boolean(typed), html, status];
}"""


def firewall_name(scenario: m.Scenario, seen: str) -> str:
    """The firewall a challenge page (its words and markup, `seen`) is: the portal's own when
    it bears its marks, else one new to it."""
    facts = scenario.facts.firewall
    ours = facts is not None and any(
        mark in seen for mark in (*facts.block_text, *facts.challenge_html)
    )
    return facts.name if facts is not None and ours else t("run.firewall_unnamed")


def challenge_seen(page: Page | Frame, scenario: m.Scenario) -> str | None:
    """The window's words and markup when it shows a firewall's block or an anti-robot check
    (see above; the markers of the portal's own firewall, its file's, count too); None when
    it does not."""
    try:
        text, typed, html, status = page.evaluate(_PAGE_FACTS_JS)
    except PlaywrightError:
        return None
    if typed or len(text) >= 3000:
        return None
    facts = scenario.facts.firewall
    declared = (*facts.block_text, *facts.challenge_html) if facts is not None else ()
    short = len(text.strip()) < 600
    words = bool(_CHALLENGE_WORDS.search(text)) or any(mark in text for mark in declared)
    markup = any(marker in html for marker in (*_CHALLENGE_MARKUP, *declared))
    refused = int(status) in (401, 403, 429) and short
    if (words and (markup or refused or short)) or (markup and refused):
        return f"{text}\n{html}"
    return None


# How many times, at one outcome, the person may go on by hand from an answer nobody declared.
ANSWERS_BY_HAND = 3

HAND_OFF_STEPS = (m.Click, m.Fill, m.Select, m.Check, m.Choose, m.Expect, m.Captcha, m.Submit)


# How long an optional step gives a window the page is bringing in to show (a Bootstrap modal:
# a 150 ms backdrop, then a 300 ms slide).
MOTION_MS = 1_000
# The element at the middle of the page is fixed and covers nearly all of it (a backdrop), or
# an animation that ends is running (not a spinner's endless one).
_COVERED_OR_MOVING_JS = """() => {
    for (let e = document.elementFromPoint(innerWidth / 2, innerHeight / 2);
         e && e !== document.body && e !== document.documentElement; e = e.parentElement) {
        if (getComputedStyle(e).position === "fixed") {
            const box = e.getBoundingClientRect();
            if (box.width >= innerWidth * 0.9 && box.height >= innerHeight * 0.9) return true;
            break;
        }
    }
    return document.getAnimations().some(a => a.playState === "running"
        && a.effect && a.effect.getComputedTiming().endTime !== Infinity);
}"""


# Playwright's words when another element would take the click (a window over the page).
COVERED = "intercepts pointer events"
# The words of the topmost positioned element with words of its own (the window over the page).
_COVERING_WORDS_JS = """() => {
    let best = null, bestZ = -Infinity;
    for (const e of document.body ? document.body.querySelectorAll("*") : []) {
        const style = getComputedStyle(e);
        if (style.position !== "fixed" && style.position !== "absolute") continue;
        if (style.visibility === "hidden" || !e.getClientRects().length) continue;
        const z = parseInt(style.zIndex, 10);
        const text = (e.innerText || "").trim();
        if (text && (Number.isNaN(z) ? 0 : z) > bestZ) {
            best = text;
            bestZ = Number.isNaN(z) ? 0 : z;
        }
    }
    return best || "";
}"""


class Restart(Exception):
    """Go back to step `index` (an outcome's retry, or a new sign-in)."""

    def __init__(self, index: int) -> None:
        self.index = index


class Finished(Exception):
    """The run is over, well (`success`, or `in_person`: to be done at an office)."""

    def __init__(self, status: str, message: str, yields: dict[str, str]) -> None:
        self.status = status
        self.message = message
        self.yields = yields


class Skip(Exception):
    """An optional step whose page did not appear: go on."""


class Secrets:
    """The run's secrets. A secret is typed as given; once a submit has sent it, typing it again
    (a wrong password, an expired session) needs the person to give it again: the machine never
    re-sends a password on its own."""

    def __init__(self, given: Mapping[str, str], human: Human, redactor: Redactor) -> None:
        self.values = dict(given)
        self.human = human
        self.redactor = redactor
        self.typed: set[str] = set()
        self.spent: set[str] = set()

    def __getitem__(self, name: str) -> str:
        if name in self.spent:
            answer = self.human.secret(name)
            if not answer:
                raise Declined("run.secret_not_given", name=name)
            self.redactor.add(answer, "secret")
            self.values[name] = answer
            self.spent.discard(name)
        self.typed.add(name)
        return self.values[name]

    def sent(self) -> None:
        """A submit was pressed: every secret typed so far has gone to the portal."""
        self.spent |= self.typed
        self.typed.clear()


class _Masked(Mapping[str, str]):
    """Secrets as a summary shows them: masked, never looked up (nothing is typed)."""

    def __getitem__(self, name: str) -> str:
        return SECRET_MASK

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


class _Typed(Mapping[str, str]):
    """Secrets as a field is filled with them: from the run's Secrets."""

    def __init__(self, secrets: Secrets) -> None:
        self.secrets = secrets

    def __getitem__(self, name: str) -> str:
        return self.secrets[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.secrets.values)

    def __len__(self) -> int:
        return len(self.secrets.values)


class Runner:
    """One run of one scenario. Handlers (steps.py, outcome.py) act through its helpers."""

    def __init__(
        self,
        page: Page,
        scenario: m.Scenario,
        profile: dict[str, str],
        secrets: Mapping[str, str],
        human: Human,
        options: RunOptions,
        listeners: list[RunListener] | None = None,
        redactor: Redactor | None = None,
    ) -> None:
        from autohelper.engine.steps import HANDLERS

        missing = set(m.STEP_TYPES.values()) - set(HANDLERS)
        assert not missing, f"step types without a handler: {missing}"
        self.handlers = HANDLERS
        self.page = page
        self.scenario = scenario
        self.profile = profile
        self.human = human
        self.options = options
        self.events = Listeners(listeners or [])
        self.redactor = redactor or Redactor()
        self.secrets = Secrets(secrets, human, self.redactor)
        self.watch = PageWatch(page, scenario.origins, scenario.facts)
        self.dialogs = DialogGuard()
        self.dialog_said: str | None = None
        # The dialog the step just ended declared: it may come with the page that step brought
        # back once that page has loaded (an alert on `onload`) or shortly after, so it holds
        # through the outcome right after, until that outcome decides.
        self.carried_dialog: m.BrowserDialog | None = None
        self.dialogs.watch(page)
        # Pages the portal opens (a link with target=_blank): the run follows them.
        self.opened: list[Page] = []
        page.context.on("page", self._on_page)
        token = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        personal = [v for k, v in profile.items() if k in PERSONAL_FIELDS]
        self.evidence = Evidence(
            options.artifacts, token, options.mask_screenshots, personal, options.max_wait
        )
        self.index = 0
        self.yields: dict[str, str] = {}
        self.confirmed = False
        self.summary = ""
        self.captcha_attempt = 0
        self.last_press: int | None = None  # the submit step pressed last (its answer to come)
        self.awaiting_answer = False  # pressed, and no outcome has read the answer yet
        # What the next outcome's cases matched on the page right before the last press (its
        # words): not the answer when anything else is (outcome._fresh_first).
        self.before_press: frozenset[str] = frozenset()
        # The emailed link was taken by the portal (it sent the browser on to another page).
        self.link_used = False
        # The page's watch at the last press and its count of requests that could carry a
        # send before it: whether anything went out since (`sent_since_press`).
        self.press_watch: PageWatch | None = None
        self.press_sends = 0
        # The last look before a press found its form posts into a tab of its own.
        self.press_opens_tab = False
        # How often the person went on by hand from an answer no case took, at this step.
        self.answers_by_hand = 0
        # The words of the alerts nobody declared that came since the last press, its answer
        # not read yet: the portal may answer a send that way (a folio in an alert).
        self.answer_notices: list[str] = []
        self.tries: Counter[tuple[int, int]] = Counter()
        self.downloads: dict[str, Path] = {}
        self.filenames: dict[str, str] = {}  # each download's name as the portal gave it
        self.signed_in_again: set[int] = set()  # steps that already sent us back to sign in
        self.overlays: set[int] = set()  # `overlay` steps whose window is pressed when it shows
        self.told_plain_http = False  # the person knows a secret goes to an unencrypted page
        # The fields filled, ticked or chosen in on the form to be sent next (since the last
        # goto, click or send), by step: looked at once more right before the press.
        self.form: dict[int, Held] = {}

    # -- the loop ---------------------------------------------------------------------------
    def run(self) -> RunResult:
        self.events.run_started(self.scenario)
        try:
            result = self._run_steps()
        except BaseException:  # Ctrl-C or a bug: the listeners still learn how the run ended
            self.events.run_finished(RunResult("interrupted", yields=self._masked_yields()))
            raise
        result.documents = {
            name: Document(path, self.filenames.get(name, path.name))
            for name, path in self.downloads.items()
        }
        self.events.run_finished(result)
        return result

    def _run_steps(self) -> RunResult:
        steps = self.scenario.steps
        index = self.options.start_at
        try:
            while index < len(steps):
                self.index = index
                try:
                    self._step(index, steps[index])
                except Restart as restart:
                    index = restart.index
                    continue
                index += 1
        except Finished as done:
            return RunResult(done.status, done.message, done.yields)
        except Declined as exc:
            return RunResult("declined", exc.message(), error=exc)
        except SubmitUnknown as exc:
            return RunResult("unknown", exc.message(), error=exc)
        except AutohelperError as exc:
            return RunResult("error", exc.message(), dict(self.yields), error=exc)
        return RunResult("success", t("run.done"), dict(self.yields))

    def _step(self, index: int, step: m.Step) -> None:
        self.events.step_started(index, len(self.scenario.steps), step)
        started = datetime.now(UTC).isoformat(timespec="milliseconds")
        clock = time.monotonic()
        status, detail = "ok", None
        # What a dialog the last step declared said (its answer to a send, perhaps), for this
        # step only.
        self.dialog_said, self.dialogs.answered = self.dialogs.answered, None
        carried, self.carried_dialog = self.carried_dialog, None
        self.answers_by_hand = 0
        self.dialogs.declared = step.dialog or (carried if isinstance(step, m.Outcome) else None)
        try:
            self.guard(step)
            handler = self.handlers[type(step)]
            if step.retried:
                self.options.retry.call(lambda: self._attempt(handler, step))
            else:
                handler(self, step)
            self.guard(step)
            if step.dialog is not None and not isinstance(step, m.Outcome):
                self.carried_dialog = step.dialog
        except Skip:
            status = "skipped"
        except (Restart, Finished):
            raise
        except PortalChanged as exc:
            if not (self.options.hand_off and isinstance(step, HAND_OFF_STEPS)):
                status, detail = "error", exc.message("en")
                raise
            self._hand_off(step, exc)
            # Done by the person: the journal keeps the locator that failed, to fix the scenario.
            status, detail = "by_hand", f"not found: {exc.params.get('target', '?')}"
        except TransientError as exc:
            status, detail = "error", str(exc)
            key = (
                "run.network"
                if isinstance(exc, NetworkError)
                else "run.slow"
                if isinstance(exc, SlowPage)
                else "run.unavailable"
            )
            raise self.stop(key, step) from None
        except AutohelperError as exc:
            status, detail = "error", exc.message("en")
            raise
        except PlaywrightError as exc:
            # Anything else the browser reports still stops with the step, page and evidence.
            status, detail = "error", str(exc)
            reason = self.redactor(str(exc).strip().splitlines()[0] if str(exc).strip() else "?")
            key = network_stop(str(exc), self.options.live) or "run.step_failed"
            raise self.stop(key, step, reason=reason) from None
        finally:
            # Between this step and the next only a carried declaration holds (see above).
            self.dialogs.declared = self.carried_dialog
            if status == "ok" and self.answers_by_hand:
                status, detail = "by_hand", "answer not recognised: the person went on by hand"
            duration = int((time.monotonic() - clock) * 1000)
            detail = self.redactor(detail) if detail else None
            self.events.step_finished(StepRecord(index, step, status, started, duration, detail))

    def _hand_off(self, step: m.Step, missing: PortalChanged) -> None:
        """The person does the step in the visible browser (told what to do and, for a field,
        which value from their profile: masked unless they ask). A submit still needs its yes
        first, and is kept as pressed before the person presses it."""
        value: tuple[str, str | None] | None = None
        if isinstance(step, m.Fill | m.Select):
            kind = step.value.sensitive_kind
            full = self.value(step.value)
            secret = kind == "secret"
            value = (mask(full, kind) if kind else full, None if secret else full)
        if isinstance(step, m.Submit):
            if not self.confirmed:
                raise Declined(step=step.describe())
            self.confirmed = False
            self.events.submit_pressing(self.index, step, self.redactor(self.summary))
            self.last_press = self.index
            self.awaiting_answer = True
            self.press_watch = None  # the person presses it: nobody counts what goes out
            self.secrets.sent()
        target = missing.params.get("target", "?")
        done = self.human.hand_off(self.page, step.describe(), target, value)
        if isinstance(step, m.Submit):
            self.events.submit_finished(self.index, step, "by_hand" if done else "not_sent")
        if not done:
            raise missing

    def unknown_send(self) -> type[RunStopped]:
        """What a press whose answer never came is: a send that may have gone through
        (`SubmitUnknown`: the run ends `unknown`, status says to check before sending again),
        unless that press was the sign-in's (nothing of the request went with it: a plain
        stop, to try again)."""
        sign_in = self.scenario.sign_in
        pressed = self.scenario.steps[self.last_press] if self.last_press is not None else None
        if sign_in is not None and pressed is not None and pressed.id == sign_in.last:
            return RunStopped
        return SubmitUnknown

    def tell_notices(self) -> None:
        """Tell the person the alerts nobody declared that came (closed: their only button
        decides nothing); after a press whose answer is not read yet, kept as words that
        answer may be in (`answer_notices`)."""
        for notice in self.dialogs.take_notices():
            log.debug("step %s: an alert nobody declared, closed", self.index + 1)
            self.human.progress(t("run.portal_notice", text=self.redactor(_one_line(notice))))
            if self.awaiting_answer:
                self.answer_notices.append(notice)

    def answer_by_hand(self, step: m.Step) -> bool:
        """The portal showed what no case of outcome `step` takes (a notice of its own to pass,
        «Su contraseña vence en 3 días… Continuar»): a student who sees the browser may pass it
        by hand, told never to send anything again, and the answer is then read again. A
        bounded few times a step; never in QA, nor with a browser nobody sees."""
        if not self.options.hand_off or self.answers_by_hand >= ANSWERS_BY_HAND:
            return False
        self.answers_by_hand += 1
        return self.human.unknown_answer(self.page, step.describe())

    def going_back(self, to: int) -> None:
        """An outcome sends the run back to step `to`. When that is at or before the last
        send, the portal refused that send (it asks for its form again: a wrong CAPTCHA or
        password), whatever the HTTP status of its answer: the listeners learn it, so that the
        journal never keeps it as a send that went through (nor offers to resume after it)."""
        if self.last_press is not None and to <= self.last_press:
            self.events.submit_refused(self.last_press, self.scenario.steps[self.last_press])
            self.last_press = None

    def _attempt(self, handler: Callable[[Runner, Any], None], step: m.Step) -> None:
        """One try of a retried step: first put the page right if the portal was down."""
        self.recover_if_unavailable()
        try:
            handler(self, step)
        except PlaywrightTimeout as exc:
            if isinstance(step, m.Goto):
                raise SlowPage(str(exc)) from exc
            raise
        except PlaywrightError as exc:
            # A lost connection is retried; a redirect loop or a bad certificate would not heal.
            if network_stop(str(exc), True) == "run.network":
                raise NetworkError(str(exc)) from exc
            raise
        self.recover_if_unavailable()

    def recover_if_unavailable(self) -> None:
        self._overrule_report()
        if not self.watch.is_unavailable():
            return
        if self.watch.posted:
            return  # a send's answer is never reloaded: that would send it again
        response = self.page.reload(wait_until="domcontentloaded")
        self.watch.arrived(response.status if response else None, posted=False)
        if self.watch.is_unavailable():
            raise TransientError(f"portal unavailable ({self.watch.status})")

    # -- guards -----------------------------------------------------------------------------
    def guard(self, step: m.Step) -> None:
        """Between steps and on any failure: the origin, dialogs nobody declared, the
        portal's firewall (handed to the person)."""
        if self.watch.violation:
            raise self.stop("run.origin", step, OriginViolation, where=self.watch.violation)
        self.tell_notices()
        dialog = self.dialogs.take_unexpected()
        if dialog is not None and self.awaiting_answer and self.sent_since_press():
            # After a press, before its answer was read: the send may have gone through.
            cls = self.unknown_send()
            raise self.stop("run.unexpected_dialog_after_send", step, cls, text=dialog)
        if dialog is not None:
            raise self.stop("run.unexpected_dialog", step, text=dialog)
        self._overrule_report()
        if self.watch.is_firewall():
            if self.human.firewall(self.page) and not self.watch.is_firewall():
                return
            name = self.scenario.facts.firewall.name if self.scenario.facts.firewall else "?"
            raise self.stop("run.firewall", step, FirewallBlocked, firewall=name)

    def sent_since_press(self) -> bool:
        """Whether the last press let a request out that could carry the send (a page asking
        «¿Seguro?» before posting has not), or its answer came in another tab."""
        if self.press_watch is None:
            return True  # pressed by the person (hand-off): nobody counted
        return self.watch is not self.press_watch or self.watch.sends > self.press_sends

    def press_whenever_shown(self, step: m.Click) -> None:
        """An `overlay` step's window may open again later, on any load (a welcome window a
        page opens on every load, or late, after the step that looked for it): from now on,
        whenever it shows, Playwright presses it before any action or check (a locator
        handler), and waits for it to go. Only a window of the page itself (not in a frame)."""
        if self.index in self.overlays or step.target[0].frame:
            return
        self.overlays.add(self.index)
        index, timeout = self.index, self.timeout_ms(step)

        def press(window: PwLocator) -> None:
            log.debug("step %s: its window showed again; pressed", index + 1)
            window.first.click(timeout=timeout)

        self.page.add_locator_handler(locate.every(self.page, step.target), press)

    def _shows_now(self, target: m.Target) -> bool:
        """Whether an element of `target` is on the page now (in its frame, when that is
        there), without waiting."""
        if not locate.frame_present(self.page, target[0].frame):
            return False
        with contextlib.suppress(locate.FrameMissing, PlaywrightError):
            frame = locate.frame_for(self.page, target[0].frame, LOOK_MS)
            return locate.any_of(frame, target).count() > 0
        return False

    def _overrule_report(self) -> None:
        """A page the report took for the firewall's or a maintenance page by its words alone,
        that holds what comes next, is the portal answering (`_holds_what_comes`)."""
        if (self.watch.firewall or self.watch.maintenance) and self._holds_what_comes():
            self.watch.firewall = self.watch.maintenance = False

    def _holds_what_comes(self) -> bool:
        """Whether the page holds an element this step or the next two look for. A page the
        page's report took for the firewall's or a maintenance page by its words alone (short,
        naming maintenance: a notice of maintenance to come above «Continuar»; a short answer
        carrying the script a firewall injects into ordinary pages too) that holds one is the
        portal answering. Asked only when the report said so."""
        steps = self.scenario.steps[self.index : self.index + 3]
        return any(self._shows_now(target) for step in steps for target in step.targets)

    def ensure_origin(self, step: m.Step, frame: Frame | None = None) -> None:
        """Personal data is typed only into pages (and frames) of the declared origins."""
        for url in (self.page.url, frame.url if frame is not None else self.page.url):
            if not origin_allowed(url, self.scenario.origins):
                raise self.stop("run.origin", step, OriginViolation, where=url)

    def signed_out(self, step: m.Step) -> None:
        """When the portal's sign-in page shows up mid-flow (the session expired), go back to
        the sign-in block: the person signs in again and the steps after it run again, each
        typed value typed again, a submit only after a new yes. Once per step at most."""
        sign_in = self.scenario.sign_in
        if sign_in is None or not self.past_sign_in() or not self._shows_sign_in():
            return
        if self.index in self.signed_in_again:
            raise self.stop("run.expired_again", step)
        self.signed_in_again.add(self.index)
        self.human.progress(t("run.expired"))
        raise Restart(self.scenario.step_index(sign_in.first))

    def past_sign_in(self) -> bool:
        """The run is past the scenario's sign-in block (where an expired session can show)."""
        sign_in = self.scenario.sign_in
        return sign_in is not None and self.index > self.scenario.step_index(sign_in.last)

    def expired_at_once(self, step: m.Step, frame: tuple[m.FrameRef, ...]) -> m.Target:
        """Before a wait for the portal's answer, past the sign-in: a sign-in page already at
        its address sends the run back to sign in now; its marks (in the same frame) are
        returned, to be waited for with the answer, so that a session that expires meanwhile
        is noticed when its page comes, not after the step's whole timeout.

        Marks in a frame that holds the answer's (the top, for an answer awaited in a frame of
        a frameset) cannot be waited for with it: the sign-in page replaces the whole window
        (PeopleSoft's `top.location` to `?cmd=expire`), so the answer's frame goes away, and
        that ends the wait; the page that came is then looked at once loaded (`signed_out`).
        When the answer's frame is already gone, that page is looked at now, not after the
        whole wait for a frame that will not come."""
        sign_in = self.scenario.sign_in
        if sign_in is None or not self.past_sign_in():
            return ()
        if sign_in.url and re.search(sign_in.url, self.page.url):
            self.signed_out(step)
        if not sign_in.expired:
            return ()
        marks_frame = sign_in.expired[0].frame
        if marks_frame == frame:
            return sign_in.expired
        if frame[: len(marks_frame)] == marks_frame and not locate.frame_present(self.page, frame):
            self.signed_out(step)
        return ()

    def _shows_sign_in(self) -> bool:
        sign_in = self.scenario.sign_in
        assert sign_in is not None
        if sign_in.url and re.search(sign_in.url, self.page.url):
            return True
        if not sign_in.expired:
            return False
        try:
            scope = locate.frame_for(self.page, sign_in.expired[0].frame, 1000)
            # The sign-in page may have just replaced the page (the frame the answer was awaited
            # in went away as it came): its marks are there once it has loaded, not before.
            scope.wait_for_load_state("domcontentloaded", timeout=SIGN_IN_LOAD_MS)
            return locate.any_of(scope, sign_in.expired).count() > 0
        except (locate.FrameMissing, PlaywrightError):
            return False

    # -- dialogs ----------------------------------------------------------------------------
    def dialog_words(self) -> str | None:
        """The words of the dialog declared for this step (or carried to it) that came so far:
        one that came before the step began, or while it waited."""
        if self.dialogs.answered is not None:
            self.dialog_said, self.dialogs.answered = self.dialogs.answered, None
        return self.dialog_said

    def awaiting_dialog(self) -> bool:
        """A dialog is declared for this step (the send before it said one may come) and has
        not come yet."""
        return self.dialogs.declared is not None and self.dialog_words() is None

    def settle(self, step: m.Step) -> None:
        """Let the page finish loading (its `load` event, where an `onload` alert comes) and go
        quiet (no request for half a second: a short timer's alert comes meanwhile), within
        SETTLE_MS; a page that does neither in that time is taken as it is."""
        timeout = min(self.timeout_ms(step), SETTLE_MS)
        deadline = time.monotonic() + timeout / 1000
        try:
            self.page.wait_for_load_state("load", timeout=timeout)
            left = max(1.0, (deadline - time.monotonic()) * 1000)
            self.page.wait_for_load_state("networkidle", timeout=left)
        except PlaywrightTimeout:
            log.debug("step %s: the page did not settle in %d ms", self.index, timeout)

    def stop(
        self, key: str, step: m.Step, cls: type[RunStopped] = RunStopped, **params: str
    ) -> RunStopped:
        """The error that stops the run at `step`, with the page and a screenshot."""
        shot = self.evidence.screenshot(self.page, f"error-{step.kind}")
        url = self._step_url(step)
        if url.startswith("chrome-error:") and isinstance(step, m.Goto):
            url = step.url  # the browser's error page says less than the address it missed
        return cls(
            key,
            step=step.describe(),
            url=self.redactor(url),
            screenshot=shot,
            check=self.where_to_check(),
            check_also=self.where_to_check("run.check_also"),
            **{k: self.redactor(v) for k, v in params.items()},
        )

    def _step_url(self, step: m.Step) -> str:
        """The address of the document `step` acts in: its frame's (a form in PeopleSoft's
        TargetContent), else the window's."""
        named = next((t[0].frame for t in step.targets if t and t[0].frame), None)
        if named:
            with contextlib.suppress(locate.FrameMissing, PlaywrightError):
                frame = locate.frame_for(self.page, named, LOOK_MS)
                if frame.url and frame.url != "about:blank":
                    return frame.url
        return self.page.url

    def where_to_check(self, key: str = "run.check") -> Words:
        """Where a person can tell whether a send went through, for the messages that cannot
        tell it themselves: the email too when this portal writes (the scenario waits for a
        link it mails), else only the portal (one that mails nothing we know of)."""
        if any(isinstance(s, m.EmailLink) for s in self.scenario.steps):
            return Words(f"{key}.email")
        return Words(f"{key}.portal")

    # -- locators ---------------------------------------------------------------------------
    def timeout_ms(self, step: m.Step, default: float | None = None) -> float:
        seconds = step.timeout or default or self.options.step_timeout
        if self.options.max_wait is not None:
            seconds = min(seconds, self.options.max_wait)
        return 1000 * seconds

    def frame(self, step: m.Step, target: m.Target, default: float | None = None) -> Frame:
        """The frame `target` lives in; a missing frame is a missing target."""
        try:
            return locate.frame_for(self.page, target[0].frame, self.timeout_ms(step, default))
        except locate.FrameMissing:
            raise self.missing(step, target) from None

    def find(
        self, step: m.Step, target: m.Target, default: float | None = None
    ) -> tuple[PwLocator, Frame]:
        """The first visible element of `target` (a locator: actions on it wait for it, as
        Playwright's do) and its frame. An optional step whose element does not come (or whose
        next step's comes first) is skipped."""
        frame = self.frame(step, target, default)
        if step.optional:
            self.acting(step, target, lambda: self._wait_optional(step, frame, target))
        if len(target) == 1:
            return locate.any_of(frame, target), frame
        return self._first_alternative(step, frame, target, default), frame

    def _first_alternative(
        self, step: m.Step, frame: Frame, target: m.Target, default: float | None
    ) -> PwLocator:
        """A list of locators means the first of them that matches, not whichever of their
        elements comes first in the page: a cookie banner's «Aceptar» above the dialog's, a
        header's «Buscar» above the form's, are never pressed for them. The first is most
        often there already (one look); else any of them is waited for, and the first of
        them showing is taken."""
        alternatives = [locate.any_of(frame, (locator,)) for locator in target]
        union = locate.any_of(frame, target)
        timeout = self.timeout_ms(step, default)

        def look() -> PwLocator:
            if alternatives[0].count() > 0:
                return alternatives[0]
            union.wait_for(state="visible", timeout=timeout)
            return next((found for found in alternatives if found.count() > 0), union)

        return self.acting(step, target, look)

    def acting(self, step: m.Step, target: m.Target, action: Callable[[], T]) -> T:
        """Run an action on `target` (which waits for it): when it never comes, or its frame
        went away, the target is missing (see `missing`)."""
        try:
            return action()
        except PlaywrightTimeout as exc:
            if COVERED in str(exc) and not step.optional:
                words = self.covering_words(target)
                if words:
                    raise self.stop(
                        "run.covered",
                        step,
                        PortalChanged,
                        words=words,
                        target=m.describe_target(target),
                    ) from None
            raise self.missing(step, target) from None
        except PlaywrightError as exc:
            if not locate.is_gone(exc):
                raise
            raise self.missing(step, target) from None

    def covering_words(self, target: m.Target) -> str:
        """The words of the window of the page's own that lies over the page (the topmost
        positioned element with words), on one line; "" when none can be read."""
        try:
            frame = locate.frame_for(self.page, target[0].frame, LOOK_MS)
            return _one_line(str(frame.evaluate(_COVERING_WORDS_JS)))
        except (locate.FrameMissing, PlaywrightError):
            return ""

    def wait_visible(self, step: m.Step, target: m.Target, default: float | None = None) -> None:
        """Wait until `target` shows (an `expect`, a page's first element): any alternative."""
        frame = self.frame(step, target, default)
        if step.optional:
            self.acting(step, target, lambda: self._wait_optional(step, frame, target))
        found = locate.any_of(frame, target)
        timeout = self.timeout_ms(step, default)
        self.acting(step, target, lambda: found.wait_for(state="visible", timeout=timeout))

    def _wait_optional(self, step: m.Step, frame: Frame, target: m.Target) -> None:
        """Wait for the optional element or, when the next step's elements are in the same
        frame, for whichever comes first: a page that is not coming costs nothing to skip. The
        next step's every element counts (an outcome's every answer, not only the one expected:
        an error answer ends the wait as soon as the expected one would). A portal's error or
        maintenance page holds nothing optional: skipped at once, for the next step to judge."""
        if self.watch.is_unavailable():
            raise Skip()
        steps = self.scenario.steps
        following = steps[self.index + 1].targets if self.index + 1 < len(steps) else ()
        same_frame = [other for other in following if other[0].frame == target[0].frame]
        own = locate.every(frame, target)
        # Looked at once before any wait, as the race below would decide at its first look:
        # the optional element there, or (it not there) the next step's first element (an
        # outcome's expected answer, on the page the send just loaded). Two small looks cost
        # less than a race through every element of the next step when one of them decides.
        if own.count() > 0:
            return
        if not (same_frame and locate.any_of(frame, same_frame[0]).count() > 0):
            race = own
            for other in same_frame:
                race = race.or_(locate.every(frame, other))
            race.first.wait_for(state="visible", timeout=self.timeout_ms(step))
            if own.count() > 0:
                return
        # The next step's element came first. A window the page is still bringing in (its
        # backdrop already over the page, the window sliding in after it: Bootstrap's) is not
        # there yet, and would cover that next step: while the page is covered or moving, it
        # is given a moment to show.
        if self._covered_or_moving(frame):
            with contextlib.suppress(PlaywrightTimeout):
                own.first.wait_for(state="visible", timeout=MOTION_MS)
                return
        raise Skip()

    def _covered_or_moving(self, frame: Frame) -> bool:
        """Whether something fixed covers the page (a modal's backdrop) or an animation that
        ends is running (one fading in)."""
        try:
            return bool(frame.evaluate(_COVERED_OR_MOVING_JS))
        except PlaywrightError:  # the document went away meanwhile: nothing to wait for
            return False

    def missing(self, step: m.Step, target: m.Target) -> AutohelperError | Skip:
        """What a target that never showed means: an optional page that did not appear, a
        maintenance page (retried), the firewall, an expired session, or a changed portal."""
        if step.optional:
            if not self._shows_now(target):
                return Skip()
            # There, but what the step does could not be done (a box disabled until the terms
            # are read, an element covered): not a page that did not come, and never passed
            # over as one (a summary would then say it was done). The person does it (live),
            # or the run stops saying so.
            return self.stop(
                "run.not_actionable", step, PortalChanged, target=m.describe_target(target)
            )
        self.recover_if_unavailable()
        self.guard(step)
        self.signed_out(step)
        failed = self.watch.failed
        if failed is not None and self.page.url.startswith("chrome-error:"):
            # The browser shows its own error page: the page never came (an address the
            # portal file does not declare, a site down), nothing of the portal changed.
            where, reason = failed
            key = "run.page_not_loaded" if self.options.live else "run.page_not_loaded_mirror"
            return self.stop(key, step, where=where, reason=reason or "?")
        if self._frame_down(target):
            # The frame holds the server's error or maintenance page: down, not changed.
            key = "run.unavailable_after_submit" if self.awaiting_answer else "run.frame_down"
            return self.stop(key, step)
        self.challenge_or_block(step)
        if self._still_parsing(target):
            # The document is still being read (a stylesheet or script it waits for, slow to
            # come): the element may be further down. Slow, not changed: tried again (a
            # retried step), then said as a slow portal.
            raise SlowPage("the page was still loading")
        return self.stop(
            "run.portal_changed", step, PortalChanged, target=m.describe_target(target)
        )

    def challenge_or_block(self, step: m.Step) -> None:
        """Where a step found nothing, a page that is a firewall's or an anti-robot check's,
        whether or not the portal's file declares one (a firewall put in front of it this
        morning): handed to the person (a visible browser, live), then the step is tried
        again; else the run stops saying so, never «el portal cambió». Never passed by us."""
        seen = challenge_seen(self.page, self.scenario)
        if seen is None:
            return
        log.debug("step %s: a firewall's or anti-robot page where the portal was", self.index + 1)
        if self.human.firewall(self.page) and challenge_seen(self.page, self.scenario) is None:
            raise SlowPage("the person passed a firewall's check")
        name = firewall_name(self.scenario, seen)
        raise self.stop("run.firewall", step, FirewallBlocked, firewall=name)

    def _still_parsing(self, target: m.Target) -> bool:
        """Whether the document `target` lives in (or the window's) has not been read to its
        end yet (`readyState` "loading"), or still waits for a stylesheet of its own. A page
        read whole that only waits for an image or a frame is not: what it lacks, it lacks."""
        try:
            frames = [self.page.main_frame]
            if target[0].frame:
                frames.append(locate.frame_for(self.page, target[0].frame, LOOK_MS))
            return any(frame.evaluate(_READY_STATE_JS) for frame in frames)
        except (locate.FrameMissing, PlaywrightError):
            return False

    def _frame_down(self, target: m.Target) -> bool:
        """Whether the frame `target` lives in holds a document the server failed."""
        refs = target[0].frame
        if not refs or not self.watch.frames_down:
            return False
        try:
            frame = locate.frame_for(self.page, refs, LOOK_MS)
        except (locate.FrameMissing, PlaywrightError):
            return False
        return frame.url in self.watch.frames_down

    # -- values -----------------------------------------------------------------------------
    def value(self, template: m.Template) -> str:
        """A template's value to type: profile values, and secrets (asked again once sent)."""
        return template.render(self.profile, _Typed(self.secrets), self.yields)

    def shown(self, template: m.Template) -> str:
        """A template's value as a summary shows it (secrets masked, never looked up)."""
        return template.render(self.profile, _Masked(), self.yields)

    def hold(self, held: Held) -> None:
        """Keep what a field is to hold when its form is sent (a step run again replaces it)."""
        self.form[id(held.step)] = held

    def _on_page(self, page: Page) -> None:
        self.opened.append(page)

    def follow_new_tab(self) -> None:
        """After a click: if the portal opened a new tab, go on there."""
        if self.opened:
            self.switch_to(self.opened.pop())
            self.opened.clear()

    def switch_to(self, page: Page) -> None:
        """Go on in another tab; the new page is watched, and judged where it already is."""
        self.page = page
        self.watch = PageWatch(page, self.scenario.origins, self.scenario.facts)
        self.dialogs.watch(page)
        page.wait_for_load_state("domcontentloaded")
        self.watch.look_now()
        if not origin_allowed(page.url, self.scenario.origins, neutral=True):
            self.watch.violation = page.url

    def _masked_yields(self) -> dict[str, str]:
        return {k: self.redactor(v) for k, v in self.yields.items()}


def run_scenario(
    page: Page,
    scenario: m.Scenario,
    profile: dict[str, str],
    secrets: Mapping[str, str],
    human: Human,
    options: RunOptions,
    listeners: list[RunListener] | None = None,
    redactor: Redactor | None = None,
) -> RunResult:
    """Run `scenario` on `page` (the caller owns the browser) and return what came of it."""
    return Runner(page, scenario, profile, secrets, human, options, listeners, redactor).run()


def _one_line(text: str, limit: int = 300) -> str:
    """A dialog's words on one line, cut at `limit` characters ("…" marks a cut)."""
    said = " ".join(text.split())
    return said if len(said) <= limit else said[: limit - 1] + "…"

"""One handler per step class, registered in `HANDLERS` by `@handles(StepClass)`.

A handler acts on the page through the runner's helpers (`find`, `value`, `stop`, ...) and
raises to stop; the runner's loop does the rest (guards, retries, events). The outcome handler
lives in `outcome.py`.
"""

from __future__ import annotations

import contextlib
import html
import logging
import re
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import parse_qsl, unquote, urlsplit

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from autohelper.engine import locate
from autohelper.engine.guards import BUSY_KEY
from autohelper.engine.retry import SlowPage
from autohelper.engine.runner import COVERED, Skip
from autohelper.errors import (
    Declined,
    OriginViolation,
    PortalChanged,
    RunStopped,
    SubmitUnknown,
)
from autohelper.human import NEW_IMAGE, wants_to_quit
from autohelper.messages import localized, t
from autohelper.privacy import PERSONAL_FIELDS, mask
from autohelper.scenario import model as m
from autohelper.target import from_mirror, origin_allowed

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from playwright.sync_api import Download, Frame, Response
    from playwright.sync_api import Locator as PwLocator

    from autohelper.engine.runner import Runner

S = TypeVar("S", bound=m.Step)
Handler = Callable[["Runner", Any], None]
HANDLERS: dict[type[m.Step], Handler] = {}

# An option that only asks to choose: "--Selecciona por favor--" (value -1), an empty value, or
# words that ask for a choice ("Selecciona el turno", value 0: PORTALS.md states the placeholder
# of one list only).
_PLACEHOLDER_JS = (
    "o => o.disabled || o.value === '' || o.value === '-1'"
    " || /^\\s*(--|selecci[oó]n|seleccione|elige|escoja|escoge)/i.test(o.text)"
)
# A list's real options: [value, label, "selected" or ""].
_REAL_OPTIONS = f"""s => Array.from(s.options)
    .filter(o => !({_PLACEHOLDER_JS})(o))
    .map(o => [o.value, o.text.trim(), o.selected ? "selected" : ""])"""


def handles(cls: type[S]) -> Callable[[Callable[[Runner, S], None]], Callable[[Runner, S], None]]:
    """Register the decorated function as the handler of step class `cls`."""

    def register(handler: Callable[[Runner, S], None]) -> Callable[[Runner, S], None]:
        HANDLERS[cls] = handler
        return handler

    return register


@handles(m.Goto)
def goto(run: Runner, step: m.Goto) -> None:
    run.form.clear()
    response = run.page.goto(step.url, wait_until="domcontentloaded", timeout=run.timeout_ms(step))
    status = response.status if response else None
    run.watch.arrived(status, posted=False)
    if status in (404, 410):
        # No such page at the address: on the live portal it is gone (the portal changed); on
        # a mirror (or the mock) the mirror lacks it, or its address or path prefix is wrong.
        if run.options.live:
            raise run.stop("run.page_gone", step, PortalChanged, status=str(status))
        split = urlsplit(step.url)
        path = f"/{split.netloc}{split.path or '/'}"
        raise run.stop("run.target_not_found", step, status=str(status), path=path)


def _click(run: Runner, step: m.Step, target: m.Target, element: PwLocator) -> None:
    """Click (the click waits for the element); when the portal opens the next page in a new
    tab, the run follows it there. The page says, as the click happens, when it opens a tab
    (guards.py): the tab is then awaited, as it is reported only after the click returns; a
    click that opens nothing waits for nothing more."""
    timeout = run.timeout_ms(step)
    run.watch.new_tab = False
    run.form.clear()  # a click leaves the form (its next page), or acts beside it
    run.acting(step, target, lambda: _click_and_await(run, step, element, timeout))
    if run.watch.new_tab and not run.opened:
        with contextlib.suppress(PlaywrightTimeout):  # none came: the next step judges the page
            run.page.context.wait_for_event("page", timeout=timeout)
    run.follow_new_tab()


# In a click's timeout, Playwright's call log once the click itself was made and what is left
# is the page it asked for (a navigation that has not yet come).
CLICK_DONE = "click action done"


def _click_and_await(run: Runner, step: m.Step, element: PwLocator, timeout: float) -> None:
    """Click. Playwright waits, within the click's timeout, for a navigation the click starts
    to come: a portal slow to answer it (an ID posted, answered in 12 s) is then no element
    missing, nor a changed portal. The page it asked for is awaited as long as a send's answer
    is; still not there, the portal is slow (retried, then said so)."""
    documents = sum(run.watch.documents.values())
    try:
        element.click(timeout=timeout)
    except PlaywrightTimeout as exc:
        if CLICK_DONE not in str(exc):
            raise
        if sum(run.watch.documents.values()) != documents:
            return  # it came meanwhile
        wait = run.timeout_ms(step, run.options.submit_timeout)
        log.debug("step %s: the page the click asked for is slow to come", run.index + 1)
        try:
            run.page.wait_for_event("framenavigated", timeout=wait)
        except PlaywrightTimeout:
            raise SlowPage(str(exc)) from None


@handles(m.Click)
def click(run: Runner, step: m.Click) -> None:
    try:
        element, _ = run.find(step, step.target)
        _click(run, step, step.target, element)
    finally:
        # Pressed or skipped: from here on, the window is pressed whenever it shows.
        if step.overlay:
            run.press_whenever_shown(step)


@handles(m.Fill)
def fill(run: Runner, step: m.Fill) -> None:
    field, frame = run.find(step, step.target)
    run.ensure_origin(step, frame)
    _tell_plain_http(run, step, frame)
    held = _fill_field(run, step, field, frame)
    # A password is not looked at again before the send: it would be handed to the page once
    # more, and typing it again may need the person (a secret sent is never re-sent by us).
    if not _secret(step):
        run.hold(held)


def _secret(step: m.Fill) -> bool:
    return any(source == "secret" for source, _ in step.value.refs)


def _fill_field(run: Runner, step: m.Fill, field: PwLocator, frame: Frame) -> Held:
    """Type the step's value and look once at the field (one call, as a read-back costs):
    what it holds, and whether its document is busy with a post of its own (see `_settle`).
    What the field holds is what it is to hold when the form is sent (`_look_before_press`)."""
    value = run.value(step.value)
    timeout = run.timeout_ms(step)

    def type_it(clear: bool) -> None:
        if step.type:
            if clear:
                run.acting(step, step.target, lambda: field.fill("", timeout=timeout))
            run.acting(step, step.target, lambda: field.press_sequentially(value, timeout=timeout))
        else:
            run.acting(step, step.target, lambda: field.fill(value, timeout=timeout))

    documents = run.watch.documents[frame]
    type_it(clear=False)
    look = _look(run, step, field)
    if look.busy:
        # Focusing this field changed the one before, and the page posts on change (a
        # non-deferred FieldChange): the text may have gone into a document about to be
        # replaced. Once the page has its answer, a field that came back empty is typed again
        # (typing sends nothing), once; never a secret (a page that posts as it is typed, a
        # PIN's, would be sent it again), and a field that kept anything keeps it.
        _settle(run, step, frame, look.busy, documents)
        if run.acting(step, step.target, field.count) == 0:  # the page moved on without it
            return Held(step, frame, look.id, look.name, "value", value)
        look = _look(run, step, field)
        if not (look.value or "").strip() and not _secret(step):
            type_it(clear=True)
            look = _look(run, step, field)
    elif look.value is not None and look.value != value:
        # A page script moved the focus while the text went in (a sign-in page focusing its
        # first field on load, as the CIA's does): the text landed elsewhere or nowhere; or,
        # typed key by key, it went after what the field kept from before (a retry after the
        # portal's error). It is typed once more, into the field cleared first; a field that
        # reformats what it gets (upper case, a mask) keeps its own version after that.
        log.debug("step %s: the field did not keep what was typed; typing it again", run.index)
        type_it(clear=True)
        look = _look(run, step, field)
    cut = look.value is not None and 0 <= look.limit < len(value)
    if cut and look.value == value[: look.limit] and not _secret(step):
        # The portal's field holds fewer characters than the profile's value: cut short, it
        # would be sent so. Nothing is sent; the person shortens it where it is kept.
        refs = [name for source, name in step.value.refs if source == "profile"]
        fix = t("run.field_fix", field=refs[0]) if refs else ""
        raise run.stop(
            "run.field_too_long", step, limit=str(look.limit), length=str(len(value)), fix=fix
        )
    if step.blur:
        field.blur()
    return Held(step, frame, look.id, look.name, "value", value)


def _tell_plain_http(run: Runner, step: m.Fill, frame: Frame) -> None:
    """Once per run, before a secret is typed into a page that is not encrypted (`http://`):
    the person should know it travels in the clear. A fact about the portal, not a stop."""
    if run.told_plain_http or not any(source == "secret" for source, _ in step.value.refs):
        return
    where = urlsplit(frame.url)
    if where.scheme != "http":
        return
    run.told_plain_http = True
    run.human.progress(t("run.plain_http", origin=f"{where.scheme}://{where.netloc}"))


@handles(m.Select)
def select(run: Runner, step: m.Select) -> None:
    field, frame = run.find(step, step.target)
    run.ensure_origin(step, frame)
    wanted = run.value(step.value)
    # One look at the options: by label (what a person reads) first, then by value.
    value, id_, name = run.acting(
        step,
        step.target,
        lambda: field.evaluate(
            """(s, wanted) => {
            const norm = x => x.trim().toLowerCase();
            const byLabel = Array.from(s.options).find(o => norm(o.text) === norm(wanted));
            const value = byLabel ? byLabel.value
                : Array.from(s.options).some(o => o.value === wanted) ? wanted : null;
            return [value, s.id || "", s.name || ""];
        }""",
            wanted,
            timeout=run.timeout_ms(step),
        ),
    )
    if value is None:
        raise run.stop("run.no_option", step, PortalChanged, option=wanted)
    field.select_option(value=value, timeout=run.timeout_ms(step))
    run.hold(Held(step, frame, id_, name, "value", value))


@handles(m.Check)
def check(run: Runner, step: m.Check) -> None:
    field, frame = run.find(step, step.target)
    run.ensure_origin(step, frame)
    run.hold(_check_field(run, step, field, frame))


def _check_field(run: Runner, step: m.Check, field: PwLocator, frame: Frame) -> Held:
    """Tick (or untick), and look once: a box whose click posts the page (a FieldChange) is
    let settle before the next step, and ticked again if the page that came does not show it."""
    timeout = run.timeout_ms(step)
    documents = run.watch.documents[frame]
    run.acting(step, step.target, lambda: _set_checked(field, step.value, timeout))
    look = _look(run, step, field)
    if look.busy:  # the tick posted the page: its answer is let come, once
        _settle(run, step, frame, look.busy, documents)
        look = _look(run, step, field)
        # A box the page that came shows otherwise is ticked again, once (a tick sends nothing).
        if look.value is not None and look.value != _checked(step.value):
            run.acting(step, step.target, lambda: _set_checked(field, step.value, timeout))
            look = _look(run, step, field)
    return Held(step, frame, look.id, look.name, "check", _checked(step.value))


# Playwright's words when the click it made on a box (or its label) left the box as it was.
_UNCHANGED = "did not change its state"
# The box a label (or an element inside one) stands for, pressed as a label passes its click on;
# whether it is now as wanted.
_PRESS_BOX_JS = """(e, want) => {
    const label = e.closest ? e.closest("label") : null;
    const box = e.control || (label && label.control) || e;
    if (box.checked !== want) box.click();
    return box.checked === want;
}"""


def _set_checked(field: PwLocator, value: bool, timeout: float) -> None:
    """Tick (or untick) as a person does. A box drawn by its label, with a link in the label's
    words ("acepto los Términos y condiciones"), takes Playwright's click at the label's middle
    on the link, and the box stays as it was: the label's box is then pressed as the label
    passes a click on to it (a tick sends nothing)."""
    try:
        field.set_checked(value, timeout=timeout)
    except PlaywrightError as exc:
        if _UNCHANGED not in str(exc) or not field.evaluate(_PRESS_BOX_JS, value, timeout=timeout):
            raise


def _checked(value: bool) -> str:
    return "true" if value else "false"


# How many times the look before a press types a lost field again before it stops; the
# page is let settle once first.
SETTLE_ROUNDS = 2
# How long a page's own AJAX write (a FieldChange by fetch, behind a processing mask) may take
# to be answered and put into the page.
SETTLE_WRITE_MS = 3_000
# How long after its write is answered a page is taken as having put the answer in.
QUIET_MS = 150


@dataclass(frozen=True)
class Look:
    """A field as a look found it: what it holds (a box: "true"/"false"), its id and name (to
    find it again with the others in one look before the send), and what its document is busy
    with: "leaving" (its form posted, a new address), "writing" (an AJAX write of its own not
    yet answered and put in) or "" (nothing)."""

    value: str | None  # None: an element with no value of its own (not judged)
    id: str
    name: str
    busy: str
    limit: int = -1  # the field's `maxlength` (-1: none)


@dataclass
class Held:
    """A field the run filled, ticked or chose in, and what it is to hold when the form is sent
    (what the person said yes to). Found again by its id or name (with the others, in one
    look), else by its step's locator."""

    step: m.Fill | m.Check | m.Select
    frame: Frame
    id: str
    name: str
    kind: str  # "value" or "check"
    wanted: str


# What the document of `e` is busy with (guards.py keeps it), as `Look.busy` says.
_BUSY_JS = """const busyWith = (win, key) => {
    const busy = win[key];
    if (!busy) return "";
    if (busy.leaving) return "leaving";
    return busy.writes > 0 || performance.now() - busy.answered < QUIET_MS ? "writing" : "";
};""".replace("QUIET_MS", str(QUIET_MS))

# The field's value (a box: whether it is ticked), id and name, and what its document is busy
# with.
_LOOK_JS = (
    """(e, key) => {
    """
    + _BUSY_JS
    + """
    // A box found by its label, or by words inside its label, stands for its control.
    const label = e.closest ? e.closest("label") : null;
    if (label && label.control) e = label.control;
    const box = e.type === "checkbox" || e.type === "radio";
    const field = /^(INPUT|SELECT|TEXTAREA)$/.test(e.tagName);
    // null: nothing of its own to look at (an ARIA box, an editable element): not judged.
    const value = !field ? null : box ? String(e.checked) : String(e.value);
    return [value, field ? e.id || "" : "", field ? e.name || "" : "",
            busyWith(e.ownerDocument.defaultView, key),
            field && typeof e.maxLength === "number" ? e.maxLength : -1];
}"""
)


def _evaluate(found: PwLocator, script: str, arg: Any, timeout: float) -> Any:
    """`script` run on the element of `found`: in one call when it is there already (a field
    just typed into, a button just found), as a locator's evaluate costs three (wait for the
    element, evaluate, let go of it); else its evaluate, which waits for it."""
    now = found.evaluate_all(f"(all, arg) => all.length ? [({script})(all[0], arg)] : []", arg)
    if now:
        return now[0]
    return found.evaluate(script, arg, timeout=timeout)


# A document replaced while it was being looked at.
_REPLACED = "Execution context was destroyed"


def _look(run: Runner, step: m.Step, field: PwLocator) -> Look:
    """One look at a field. A document replaced under the look (the page posted on change, its
    answer landing as the field was read) is a page leaving: let settle, then looked at again,
    never a field the portal took away."""

    def read() -> Any:
        try:
            return _evaluate(field, _LOOK_JS, BUSY_KEY, run.timeout_ms(step))
        except PlaywrightTimeout:
            raise
        except PlaywrightError as exc:
            if _REPLACED not in str(exc):
                raise
            return [None, "", "", "leaving", -1]

    value, id_, name, busy, limit = run.acting(step, step.targets[0], read)
    shown = None if value is None else str(value)
    return Look(shown, str(id_), str(name), str(busy), int(limit))


# Whether the document is quiet again: no write of its own in flight, its last answer put in.
_QUIET_JS = """key => {
    const busy = window[key];
    return !busy || busy.leaving
        || (busy.writes === 0 && performance.now() - busy.answered >= QUIET_MS);
}""".replace("QUIET_MS", str(QUIET_MS))


def _settle(run: Runner, step: m.Step, frame: Frame, busy: str, documents: int) -> None:
    """Let a page busy with a request of its own finish it: a frame that is leaving (its form
    posted) has its next document loaded; an AJAX write is answered and put in. Bounded; a page
    that does not settle in time is taken as it is (the look before the send decides)."""
    timeout = run.timeout_ms(step)
    page = run.page
    try:
        if busy == "writing":
            try:
                frame.wait_for_function(
                    _QUIET_JS, arg=BUSY_KEY, timeout=min(SETTLE_WRITE_MS, timeout)
                )
                return
            except PlaywrightTimeout:
                raise
            except PlaywrightError:
                pass  # the answer replaced the document: it is waited for below
        if run.watch.documents[frame] == documents:
            page.wait_for_event(
                "framenavigated",
                predicate=lambda f: f in (frame, page.main_frame),
                timeout=timeout,
            )
        (page.main_frame if frame.is_detached() else frame).wait_for_load_state(
            "domcontentloaded", timeout=timeout
        )
    except PlaywrightError as exc:
        log.debug("step %s: the page did not settle: %s", run.index, exc)


@handles(m.Expect)
def expect_step(run: Runner, step: m.Expect) -> None:
    timeout = run.timeout_ms(step)
    found = None
    if step.target and step.value is None:
        run.wait_visible(step, step.target)
    elif step.target:
        found = run.find(step, step.target)[0]  # its value is waited for below
    try:
        if found is not None and step.value is not None:
            expect(found).to_have_value(re.compile(step.value), timeout=timeout)
        if step.url:
            expect(run.page).to_have_url(re.compile(step.url), timeout=timeout)
        if step.title:
            expect(run.page).to_have_title(re.compile(re.escape(step.title)), timeout=timeout)
    except AssertionError:
        run.recover_if_unavailable()
        run.signed_out(step)
        if found is not None and step.value is not None:
            wanted = f"{m.describe_target(step.target)} value~{step.value!r}"
        else:
            wanted = step.url or step.title or ""
        raise run.stop("run.portal_changed", step, PortalChanged, target=wanted) from None


@handles(m.Captcha)
def captcha(run: Runner, step: m.Captcha) -> None:
    image, frame = run.find(step, step.image)
    run.ensure_origin(step, frame)
    timeout = run.timeout_ms(step)
    # Loaded, and with anything drawn, in one look that waits for the image's load.
    drawn = run.acting(step, step.image, lambda: image.evaluate(_LOADED_JS, timeout))
    if drawn < 0:  # never loaded in time
        raise run.missing(step, step.image)
    # An image that came broken (its answer failed once) shows a person nothing to read: the
    # portal's own refresh asks for another, once.
    if not drawn and (step.refresh is None or not _new_image(run, step, image, timeout)):
        raise run.stop("run.captcha_broken", step)
    run.captcha_attempt += 1
    answer_field, _ = run.find(step, step.answer)
    while True:
        answer = run.human.captcha(run.page, image, run.captcha_attempt, run.options.artifacts)
        if answer == NEW_IMAGE and step.refresh:
            # The person cannot read it: the portal's own refresh, a new image, ask again.
            _new_image(run, step, image, timeout)
            continue
        if answer and answer.strip() and answer != NEW_IMAGE:
            typed = answer.strip()
            run.acting(step, step.answer, partial(answer_field.fill, typed, timeout=timeout))
            return
        if answer_field.input_value().strip():
            return  # typed in the browser
        # Nothing typed anywhere: a CAPTCHA is never sent empty; ask again.
        run.human.progress(t("run.captcha_empty"))


# Whether a loaded image has anything drawn (a broken one is `complete` with no width).
_DRAWN_JS = "e => e.naturalWidth > 0"
# An image's drawn width once it has loaded (0: it came broken), waiting for its load at most
# `ms` milliseconds (-1: it has not loaded by then).
_LOADED_JS = """(e, ms) => e.complete ? e.naturalWidth : new Promise(done => {
    const end = () => done(e.complete ? e.naturalWidth : 0);
    e.addEventListener("load", end, {once: true});
    e.addEventListener("error", end, {once: true});
    setTimeout(() => done(e.complete ? e.naturalWidth : -1), ms);
})"""


def _new_image(run: Runner, step: m.Captcha, image: PwLocator, timeout: float) -> bool:
    """Press the CAPTCHA's own refresh and wait for the new image; whether it has anything
    drawn."""
    assert step.refresh is not None
    old_src = image.get_attribute("src") or ""
    refresh, _ = run.find(step, step.refresh)
    refresh.click(timeout=timeout)
    expect(image).not_to_have_attribute("src", old_src, timeout=timeout)
    expect(image).to_have_js_property("complete", True, timeout=timeout)
    return bool(image.evaluate(_DRAWN_JS))


@handles(m.Confirm)
def confirm(run: Runner, step: m.Confirm) -> None:
    summary = []
    for item in step.items:
        value = run.shown(item.value)
        if not value.strip():
            continue  # nothing of it is sent (an interior number the person does not have)
        kind = item.value.sensitive_kind
        summary.append((localized(item.label), mask(value, kind) if kind else value))
    run.summary = "; ".join(f"{label}: {value}" for label, value in summary)
    run.confirmed = run.human.confirm(step.describe(), summary)
    if not run.confirmed:
        raise Declined(step=step.describe())


@handles(m.Submit)
def submit(run: Runner, step: m.Submit) -> None:
    if not run.confirmed:  # the loader orders confirm before submit; this is the backstop
        raise Declined(step=step.describe())
    run.confirmed = False  # one yes, one press
    button, frame = run.find(step, step.target)
    run.ensure_origin(step, frame)
    # A form posts where its action says, whatever page it is on: never off the portal's sites.
    # The look waits for the button to show (the locator takes visible elements only): it must
    # be there before anything is recorded as pressed; a missing one is a changed portal (or,
    # live, the person's to press), not a send that never left.
    action = _look_before_press(run, step, button, frame)
    if action and not origin_allowed(action, run.scenario.origins):
        raise run.stop("run.form_elsewhere", step, OriginViolation, where=action)
    run.before_press = _outcome.shown_before_press(run)
    run.events.submit_pressing(run.index, step, run.redactor(run.summary))
    run.last_press = run.index
    run.awaiting_answer = True
    run.answer_notices = []
    run.secrets.sent()
    run.form.clear()  # sent: what the next form holds is the next send's
    sends_before = run.press_sends = run.watch.sends
    run.press_watch = run.watch
    try:
        with run.watch.counting_sends(), _still_waiting(run, step):
            status = _press(run, step, button, frame)
    except PlaywrightTimeout as exc:
        sent = run.watch.sends > sends_before
        run.events.submit_finished(run.index, step, "unknown" if sent else "not_sent")
        run.guard(step)  # a dialog nobody declared explains it better than a timeout
        if sent:
            raise _unanswered(run, step) from None
        # The button there but under a window of the page's own: that window, in its words,
        # not «the portal did not accept the form».
        words = run.covering_words(step.target) if COVERED in str(exc) else ""
        if words:
            target = m.describe_target(step.target)
            raise run.stop("run.covered", step, words=words, target=target) from None
        raise run.stop("run.not_sent", step) from None
    except PlaywrightError:
        # Any other failure once pressed: a request that left may have been taken (its answer
        # failed, or the page's own navigation replaced it): sent, answer unknown, never "could
        # not reach" nor tried again. Nothing left: the browser's error says why.
        if run.watch.sends > sends_before:
            run.events.submit_finished(run.index, step, "unknown")
            run.guard(step)
            raise _unanswered(run, step) from None
        run.events.submit_finished(run.index, step, "not_sent")
        raise
    run.events.submit_finished(run.index, step, f"http {status}" if status else "ok")


def _unanswered(run: Runner, step: m.Submit) -> RunStopped:
    """The stop for a press whose answer never came: a send that may have gone through, or,
    for the sign-in's press, a sign-in that did not answer (nothing of the request went)."""
    if run.unknown_send() is SubmitUnknown:
        return run.stop("run.submit_unknown", step, SubmitUnknown)
    return run.stop("run.sign_in_unanswered", step)


# How long a press's answer may take before the person is told it is still awaited (a send
# answered in 20 s: silence read as a hang, and the button pressed again by hand).
STILL_WAITING_S = 5.0


@contextlib.contextmanager
def _still_waiting(run: Runner, step: m.Submit) -> Iterator[None]:
    """Tell the person, once, when the answer to a press is long in coming: it is still
    awaited, for how long at most, and the button is not to be pressed again."""
    seconds = round(run.timeout_ms(step, run.options.submit_timeout) / 1000)
    said = t("run.still_waiting", step=step.describe(), seconds=str(seconds))
    timer = threading.Timer(STILL_WAITING_S, run.human.progress, (said,))
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


# Before a press, in the button's document (one call, the one that reads where its form
# posts): the field with the focus is left (its change fires now, not with the press), what
# the document is busy with, and whether each field the run filled holds what it is to hold
# (null: not on this page; compared as letters and digits, in any case: a portal may return a
# field in upper case). `arg.fields`: [id, name, kind, wanted].
_BEFORE_PRESS_JS = (
    """(e, arg) => {
    """
    + _BUSY_JS
    + """
    const doc = e.ownerDocument;
    const active = doc.activeElement;
    if (active && active !== e && /^(INPUT|SELECT|TEXTAREA)$/.test(active.tagName)) active.blur();
    const plain = v => String(v).normalize("NFD").replace(/[^\\p{L}\\p{N}]/gu, "").toLowerCase();
    // The button's own form first (a search box elsewhere may share an id), then the page.
    const own = e.form ? Array.from(e.form.elements) : [];
    const held = arg.fields.map(([id, name, kind, wanted]) => {
        let f = own.find(x => (id && x.id === id) || (!id && name && x.name === name));
        if (!f && id) f = doc.getElementById(id);
        if (!f && name) {
            const named = doc.getElementsByName(name);
            f = named.length === 1 ? named[0] : null;
        }
        if (!f) return null;
        // Lost: a box no longer as ticked, or a value that no longer holds every letter and
        // digit typed (emptied, cut short, replaced); what a portal adds or changes around
        // them (upper case, accents, a mask's signs, a country code) is the portal's.
        if (kind === "check") return String(f.checked) === wanted;
        return plain(f.value).includes(plain(wanted));
    });
    const action = !e.form ? null : e.hasAttribute("formaction") ? e.formAction : e.form.action;
    // Whether the form posts into a tab of its own (its target `_blank`, or a name no frame of
    // the window has): its answer comes there, not in this frame.
    const target = (!e.form ? "" : e.getAttribute("formtarget") || e.form.target || "").trim();
    const lower = target.toLowerCase();
    let ownTab = false;
    if (target && !["_self", "_parent", "_top"].includes(lower)) {
        try {
            ownTab = lower === "_blank" || !window.top.frames[target];
        } catch (error) {
            ownTab = true;
        }
    }
    return [action, busyWith(doc.defaultView, arg.key), held, ownTab];
}"""
)


def _look_before_press(run: Runner, step: m.Submit, button: PwLocator, frame: Frame) -> str | None:
    """The last look before a press: the fields filled on this form still hold what the person
    said yes to (a page that posts on change may have replaced them); a field that lost it is
    typed again (typing sends nothing) and looked at again, a few times at most; one that still
    does not hold it stops the run before anything is sent. A page busy with a post of its own
    is let settle first. Where the button's form posts, for the origin check."""
    timeout = run.timeout_ms(step)
    lost: list[Held] = []
    action: str | None = None
    settled = False
    for attempt in range(SETTLE_ROUNDS + 1):
        fields = list(run.form.values())
        here = [h for h in fields if h.frame == frame and (h.id or h.name)]
        arg = {"key": BUSY_KEY, "fields": [[h.id, h.name, h.kind, h.wanted] for h in here]}
        documents = run.watch.documents[frame]
        # The look waits for the button to show (the locator takes visible elements only): it
        # must be there before anything is recorded as pressed; a missing one is a changed
        # portal (or, live, the person's to press), not a send that never left.
        action, busy, held, run.press_opens_tab = run.acting(
            step, step.target, partial(_evaluate, button, _BEFORE_PRESS_JS, arg, timeout)
        )
        if busy and not settled:
            settled = True  # once: a page that keeps posting (a poll) is taken as it is
            _settle(run, step, frame, busy, documents)
            continue
        lost = [h for h, ok in zip(here, held, strict=True) if ok is False]
        others = [h for h in fields if h.frame != frame or not (h.id or h.name)]
        lost += [h for h in others if not _holds(run, h)]
        if not lost or attempt == SETTLE_ROUNDS:
            break
        for entry in lost:
            log.debug("step %s: a field lost its value; typing it again", run.index)
            try:
                run.hold(_again(run, entry))
            except Skip:  # an optional field the page no longer shows: not this form's
                run.form.pop(id(entry.step), None)
    if lost:
        raise run.stop("run.field_lost", step, field=lost[0].step.describe())
    return action


def _holds(run: Runner, entry: Held) -> bool:
    """A field in another frame than the button's, or found by its locator only: looked at
    alone (one call each; a form's fields are in the button's document)."""
    try:
        field = next(
            (
                found
                for found in (locate.any_of(entry.frame, (one,)) for one in entry.step.target)
                if found.count() > 0
            ),
            None,
        )
        if field is None:
            return True  # not on this page
        look = _look(run, entry.step, field)
    except PlaywrightError:
        return True  # its frame went away: not on this page
    if look.value is None:
        return True
    if entry.kind == "check":
        return look.value == entry.wanted
    return _plain(entry.wanted) in _plain(look.value)


def _plain(text: str) -> str:
    """Letters and digits, without accents or case (as `_BEFORE_PRESS_JS` compares them)."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if ch.isalnum()).lower()


def _again(run: Runner, entry: Held) -> Held:
    """Type (tick, choose) a field again, as its step did."""
    step = entry.step
    field, frame = run.find(step, step.target)
    if isinstance(step, m.Fill):
        return _fill_field(run, step, field, frame)
    if isinstance(step, m.Check):
        return _check_field(run, step, field, frame)
    field.select_option(value=entry.wanted, timeout=run.timeout_ms(step))
    return entry


# Playwright's words when the frame a navigation was awaited in is detached meanwhile.
NAVIGATING_FRAME_GONE = "Navigating frame was detached"
# The browser's word for a navigation stopped before its answer (another one replaced it).
NAVIGATION_ABORTED = "net::ERR_ABORTED"


def _next_document(run: Runner, frame: Frame, documents: int, timeout: float) -> None:
    """Wait for the frame's next document after a press (committed since `documents`, or to
    come) to load; the whole window's, should the portal answer at the top."""
    page = run.page
    if run.watch.documents[frame] == documents:
        page.wait_for_event(
            "framenavigated", predicate=lambda f: f in (frame, page.main_frame), timeout=timeout
        )
    (page.main_frame if frame.is_detached() else frame).wait_for_load_state(
        "domcontentloaded", timeout=timeout
    )


def _press_into_a_new_tab(
    run: Runner, button: PwLocator, timeout: float, click_timeout: float
) -> None:
    """The form posts into a tab of its own: its answer is that tab's first document, and the
    run goes on there (as after a link that opens one)."""
    with run.page.context.expect_page(timeout=timeout) as opened:
        button.click(timeout=click_timeout, no_wait_after=True)
    tab = opened.value
    with contextlib.suppress(PlaywrightError):  # a tab slow to load: the outcome waits on
        tab.wait_for_load_state("domcontentloaded", timeout=timeout)
    run.opened.clear()
    run.switch_to(tab)


def _press(run: Runner, step: m.Submit, button: PwLocator, frame: Frame) -> int | None:
    """Press, and wait for what shows the send went through (by default: the button's page or
    frame navigates); the HTTP status of the answer, when one came as a document."""
    timeout = run.timeout_ms(step, run.options.submit_timeout)
    click_timeout = run.timeout_ms(step)
    until = step.until
    if until is None and run.press_opens_tab:
        _press_into_a_new_tab(run, button, timeout, click_timeout)
        return None
    if until is None:
        documents = run.watch.documents[frame]
        pressed = False
        try:
            with frame.expect_navigation(wait_until="domcontentloaded", timeout=timeout) as nav:
                button.click(timeout=click_timeout, no_wait_after=True)
                pressed = True
            response = nav.value
        except PlaywrightError as exc:
            if not pressed or isinstance(exc, PlaywrightTimeout):
                raise
            if NAVIGATION_ABORTED in str(exc):
                # The navigation awaited was aborted: another replaced it (the press's post
                # replacing one the page still had under way, a FieldChange's; or the page's
                # own script sending a second). The answer is still coming: the frame's next
                # document is waited for, as the press's answer; none in time is a send whose
                # answer is unknown (the caller's), never a lost connection.
                _next_document(run, frame, documents, timeout)
                return None
            # Only the wait for the answer, not the click (a frame gone before it): pressed,
            # the button's frame went away instead of loading an answer.
            if frame == run.page.main_frame or NAVIGATING_FRAME_GONE not in str(exc):
                raise
            # The frame went away under its answer: the portal answered at the top (PeopleSoft
            # sends the whole window to its sign-in page when the session expired). The send
            # went through; the outcome reads the page that came instead.
            run.page.wait_for_load_state("domcontentloaded", timeout=timeout)
            return None
        if response is None:
            return None
        # A frame's answer tells the watch only when the portal failed it (a 5xx): the outcome
        # then says "unavailable after the send" instead of "an answer I do not know".
        if frame == run.page.main_frame or response.status >= 500:
            run.watch.arrived(response.status, posted=response.request.method == "POST")
        return response.status
    if until.response is not None:
        wanted = until.response
        # The press's own answer: not one to a request the page had under way before it (a
        # field's post, PeopleSoft's FieldChange, answered after the press).
        watch = run.watch

        def own_answer(response: Response) -> bool:
            return wanted in response.url and watch.made_since_press(response.request)

        with run.page.expect_response(own_answer, timeout=timeout) as answer:
            button.click(timeout=click_timeout, no_wait_after=True)
        if answer.value.status >= 500:  # as a frame's: the outcome says "unavailable"
            run.watch.arrived(answer.value.status, posted=True)
        return answer.value.status
    button.click(timeout=click_timeout, no_wait_after=True)
    if until.url is not None:
        run.page.wait_for_url(re.compile(until.url), timeout=timeout)
    else:
        scope = locate.frame_for(run.page, until.target[0].frame, timeout)
        locate.any_of(scope, until.target).wait_for(state="visible", timeout=timeout)
    return None


@handles(m.Manual)
def manual(run: Runner, step: m.Manual) -> None:
    run.human.manual(localized(step.instruction))


@handles(m.Ask)
def ask(run: Runner, step: m.Ask) -> None:
    if not run.human.ask(localized(step.question)):
        raise Declined("run.answered_no", step=step.describe(), advice=localized(step.if_no))


@handles(m.EmailLink)
def email_link(run: Runner, step: m.EmailLink) -> None:
    """The person gives the emailed link, after a send: an answer that cannot be used is asked
    again (never the end of a run whose request went out), until the link, or «salir»."""
    email = run.profile.get("email", "")
    run.opened.clear()  # a tab that opens from here on is the person opening the link
    url_before = run.page.url
    attempt = 0
    # A link that came in two pieces (a mail wrapped at 76 columns, pasted line by line): the
    # unusable piece before is tried with the next answer after it.
    piece = ""
    while True:
        attempt += 1
        if attempt > LINK_ASKS:
            # Never a loop without end (a script giving the same unusable link): the request
            # stands, and the link can be given later.
            later = "run.link_later" if run.options.resumable else "run.link_later_demo"
            raise Declined(later, step=step.describe())
        wait = run.timeout_ms(step)  # how long a scripted person waits for the email
        answer = run.human.email_link(run.page, step.contains, email, attempt, wait)
        if answer is None:  # "I opened it in this browser": believed only if something opened
            if run.opened:
                run.follow_new_tab()
                return
            if run.page.url != url_before:
                run.page.wait_for_load_state("domcontentloaded", timeout=run.timeout_ms(step))
                return
            run.human.progress(t("run.link_not_opened"))
            continue
        if wants_to_quit(answer):
            later = "run.link_later" if run.options.resumable else "run.link_later_demo"
            raise Declined(later, step=step.describe())
        link = _the_link(run, step, piece + answer.strip()) if piece else None
        link = link or _the_link(run, step, answer)
        if link is None:
            last = re.findall(r"https?://\S+", answer)
            piece = last[-1] if last and answer.rstrip().endswith(last[-1]) else ""
            wrapped = step.contains in unquote(answer) and re.search(r"https?://", answer)
            key = "run.link_elsewhere" if wrapped else "run.not_the_link"
            if piece and not wrapped and origin_allowed(piece, run.scenario.origins):
                key = "run.link_piece"  # the link's start, cut where the email's line ended
            hosts = ", ".join(_hosts(run.scenario.origins))
            run.human.progress(t(key, contains=step.contains, hosts=hosts))
            continue
        timeout = run.timeout_ms(step)
        response = run.page.goto(link, wait_until="domcontentloaded", timeout=timeout)
        # Opening the link confirms the request (its token works once): its answer is kept as
        # a send's, never reloaded by us when the portal is down (the person opens it later).
        # A link the portal took and sent on to another page (its 302) was used up there; that
        # page is an ordinary GET, reloaded like any other when the portal is down.
        run.link_used = response is not None and response.url.split("#")[0] != link.split("#")[0]
        run.watch.arrived(response.status if response else None, posted=not run.link_used)
        return


# How many answers the link step takes before it leaves the link for later.
LINK_ASKS = 10


def _the_link(run: Runner, step: m.EmailLink, text: str) -> str | None:
    """The emailed link in what the person pasted (the link alone, or a piece of the email
    around it), as the live URL; None when no link there is on the scenario's sites and holds
    what the step expects. A link a mail service wrapped to check it first (Outlook's Safe
    Links, `…safelinks.protection.outlook.com/?url=<the link>&…`; Google's `?q=`) is taken
    out of its wrapper: what is opened is the portal's own address, never the wrapper's."""
    for found in re.findall(r"https?://[^\s\"'<>]+", html.unescape(text)):
        for candidate in _unwrapped(found.rstrip(".,;)»")):
            link = from_mirror(candidate, run.scenario.origins)
            if origin_allowed(link, run.scenario.origins) and step.contains in link:
                return link
    return None


def _unwrapped(url: str, depth: int = 0) -> list[str]:
    """`url`, then every address its query carries as a parameter's value (a wrapper's
    `url=`, `q=`, `u=`), those carried in turn too (two levels at most)."""
    found = [url]
    if depth >= 2:
        return found
    for _, value in parse_qsl(urlsplit(url).query, keep_blank_values=False):
        if re.match(r"https?://", value):
            found += _unwrapped(value, depth + 1)
    return found


def _hosts(origins: tuple[str, ...]) -> list[str]:
    """The declared origins as a person reads them (`https://portal.example`), wildcards
    left out."""
    return [origin for origin in origins if "*" not in origin]


@handles(m.Screenshot)
def screenshot(run: Runner, step: m.Screenshot) -> None:
    path = run.evidence.screenshot(run.page, step.name)
    run.human.progress(t("run.screenshot", path=path))


# The words of a dialog showing on the page (a modal of the page's own: an ARIA dialog, jQuery
# UI's, Bootstrap's), without its title bar and buttons, or "".
_DIALOG_WORDS_JS = """() => {
    const shown = "[role=dialog], [role=alertdialog], .ui-dialog, .modal.show";
    const chrome = "button, [role=button], .ui-dialog-titlebar, .modal-header, .modal-footer";
    for (const d of document.querySelectorAll(shown)) {
        if (!d.getClientRects().length) continue;
        const words = [];
        const walker = document.createTreeWalker(d, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (!node.parentElement.closest(chrome)) words.push(node.data.trim());
        }
        const text = words.filter(Boolean).join(" ");
        if (text) return text;
    }
    return "";
}"""


def _dialog_words(frame: Frame) -> str:
    """What a dialog showing in `frame` says, on one line ("" for none, or a frame gone)."""
    try:
        return " ".join(str(frame.evaluate(_DIALOG_WORDS_JS)).split())
    except PlaywrightError:
        return ""


@handles(m.Choose)
def choose(run: Runner, step: m.Choose) -> None:
    element, frame = run.find(step, step.target)
    run.ensure_origin(step, frame)
    timeout = run.timeout_ms(step)
    is_select = run.acting(
        step, step.target, lambda: element.evaluate("e => e.tagName === 'SELECT'", timeout=timeout)
    )
    if is_select:
        # Chained selects fill their options after the choice before: wait for a real one.
        try:
            _wait_for_options(element, frame, timeout)
        except PlaywrightTimeout:
            # A dialog on the page may say why (no clinic serves a postal code): its words.
            said = _dialog_words(frame)
            if said:
                raise run.stop("run.no_options_said", step, portal=said) from None
            raise run.stop("run.no_options", step, PortalChanged) from None
        options: list[list[str]] = element.evaluate(_REAL_OPTIONS)
        labels = [label for _, label, _ in options]
    else:
        links = locate.every(frame, step.target)
        labels = [text.strip() for text in links.all_inner_texts()]
    pick = _pick(run, step, labels)
    if is_select and not options[pick][2]:
        element.select_option(value=options[pick][0], timeout=run.timeout_ms(step))
    elif is_select:
        # Already the list's choice (the only clinic, preselected): chosen again, the page
        # would hear a change no person made, and fetch the lists after it once more while
        # the next step goes on (a consultorio sent empty).
        log.debug("step %s: the option was already chosen; left as it is", run.index + 1)
    else:
        _click(run, step, step.target, locate.every(frame, step.target).nth(pick))
    if step.remember:
        run.yields[step.remember] = labels[pick]
        run.redactor.add(labels[pick], step.remember)


# Whether a list has a real option: "gone" when the page took it away (it put a new list in
# its place, as a page loading the options as a fragment does), else whether it has one.
_HAS_OPTIONS_JS = f"""s => !s.isConnected ? "gone"
    : Array.from(s.options).some(o => !({_PLACEHOLDER_JS})(o))"""


def _wait_for_options(element: PwLocator, frame: Frame, timeout: float) -> None:
    """Wait until the list `element` finds has a real option. A list the page replaces while
    it is waited on (the same id, the new options) is found again, within the same time."""
    deadline = time.monotonic() + timeout / 1000
    while True:
        left = max(1.0, (deadline - time.monotonic()) * 1000)
        handle = element.element_handle(timeout=left)
        left = max(1.0, (deadline - time.monotonic()) * 1000)
        found = frame.wait_for_function(_HAS_OPTIONS_JS, arg=handle, timeout=left)
        if found.json_value() != "gone":
            return
        if time.monotonic() >= deadline:
            raise PlaywrightTimeout(f"Timeout {timeout:.0f}ms exceeded waiting for options")


def _pick(run: Runner, step: m.Choose, labels: list[str]) -> int:
    """The person's pick; a remembered value among the options is picked again, and said."""
    # Letters and digits, accents and case aside: a profile's «Constitución» is the list's
    # «CONSTITUCION».
    given = run.profile.get(step.remember or "", "").strip()
    remembered = _plain(given)
    # As written first (a list may hold «CENTRO», «Centro» and «CENTRO » as different ones),
    # then accents and case aside.
    exact = [index for index, label in enumerate(labels) if given and label.strip() == given]
    for index, label in enumerate(labels):
        if exact and index != exact[0]:
            continue
        if remembered and _plain(label) == remembered:
            # The profile's value (personal: a colonia), masked as the summary shows it.
            kind = step.remember or ""
            shown = mask(label, kind) if kind in PERSONAL_FIELDS else label
            run.human.progress(t("run.chose_remembered", choice=shown))
            return index
    pick = run.human.choose(step.describe(), labels)
    if pick is None or not 0 <= pick < len(labels):
        raise Declined("run.no_choice", step=step.describe())
    return pick


@handles(m.Download)
def download(run: Runner, step: m.Download) -> None:
    element, _ = run.find(step, step.target)
    timeout = run.timeout_ms(step, run.options.submit_timeout)
    click_timeout = run.timeout_ms(step)
    window = run.page.main_frame
    documents = run.watch.documents[window]
    run.opened.clear()  # a tab that opens from here on is the link's
    came: list[Download] = []

    def arrived(download: Download) -> None:
        came.append(download)

    run.page.on("download", arrived)
    try:
        run.acting(step, step.target, lambda: element.click(timeout=click_timeout))
        got = _await_download(run, came, timeout, documents)
    finally:
        run.page.remove_listener("download", arrived)
    if got is None:
        if not step.optional:
            # A page instead of the file (or nothing): what the person can do is in the words.
            raise run.stop("run.no_download", step, PortalChanged)
        # The portal showed the document instead of handing it over.
        if run.watch.documents[window] != documents and not _next_step_here(run, timeout):
            # Shown in this very tab (a browser that shows PDFs), where the next step has
            # nothing to read: back to the page it replaced (a GET, it sends nothing).
            with contextlib.suppress(PlaywrightError):
                run.page.go_back(wait_until="domcontentloaded", timeout=click_timeout)
        run.opened.clear()  # a viewer's tab stays the person's; the run stays here
        raise Skip()
    path = run.evidence.keep_download(got, step.save_as)
    run.downloads[step.save_as] = path
    run.filenames[step.save_as] = got.suggested_filename


# How long a page shown instead of a file (in this tab, or a tab the link opened) is given to
# start the download itself (a «su descarga comenzará en un momento» page) before the run
# takes it as the portal's way of showing the document.
SHOWN_GRACE_S = 3.0
# The slices the wait for a download is cut into, to look at what the link did meanwhile.
DOWNLOAD_LOOK_MS = 500


def _await_download(
    run: Runner, came: list[Download], timeout: float, documents: int
) -> Download | None:
    """The download the click started, else None: when none came in `timeout`, or as soon as
    the link has shown a page instead (a new document in this tab, or a tab it opened, loaded
    for SHOWN_GRACE_S without a download): not a wait through the whole timeout for a file
    that will not come."""
    window = run.page.main_frame
    deadline = time.monotonic() + timeout / 1000
    shown_since: float | None = None
    while not came:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        with contextlib.suppress(PlaywrightTimeout):
            came.append(
                run.page.wait_for_event("download", timeout=min(left * 1000, DOWNLOAD_LOOK_MS))
            )
            break
        shown = run.watch.documents[window] != documents or any(
            not tab.is_closed() and tab.url not in ("", "about:blank") for tab in run.opened
        )
        if shown and shown_since is None:
            shown_since = time.monotonic()
        if shown_since is not None and time.monotonic() - shown_since >= SHOWN_GRACE_S:
            log.debug("step %s: the link showed a page, not a file", run.index + 1)
            return None
    return came[0]


def _next_step_here(run: Runner, timeout: float) -> bool:
    """Whether the page the window now shows has the next step's first element (once loaded):
    a link that showed the next page rather than a document."""
    steps = run.scenario.steps
    following = steps[run.index + 1].targets if run.index + 1 < len(steps) else ()
    if not following:
        return True
    try:
        run.page.wait_for_load_state("domcontentloaded", timeout=timeout)
        scope = locate.frame_for(run.page, following[0][0].frame, 1000)
        return locate.any_of(scope, following[0]).count() > 0
    except (locate.FrameMissing, PlaywrightError):
        return False


from autohelper.engine import outcome as _outcome  # noqa: E402,F401  (registers its handler)

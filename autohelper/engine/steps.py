"""One handler per step class, registered in `HANDLERS` by `@handles(StepClass)`.

A handler acts on the page through the runner's helpers (`find`, `value`, `stop`, ...) and
raises to stop; the runner's loop does the rest (guards, retries, events). The outcome handler
lives in `outcome.py`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from autohelper.engine import locate
from autohelper.engine.runner import Skip
from autohelper.errors import Declined, PortalChanged, SubmitUnknown
from autohelper.human import NEW_IMAGE
from autohelper.messages import localized, t
from autohelper.privacy import mask
from autohelper.scenario import model as m
from autohelper.target import from_mirror, origin_allowed

if TYPE_CHECKING:
    from playwright.sync_api import Frame
    from playwright.sync_api import Locator as PwLocator

    from autohelper.engine.runner import Runner

S = TypeVar("S", bound=m.Step)
Handler = Callable[["Runner", Any], None]
HANDLERS: dict[type[m.Step], Handler] = {}

# An option that only asks to choose: "--Selecciona por favor--" (value -1), or an empty value.
_PLACEHOLDER_JS = "o => o.disabled || o.value === '' || o.value === '-1' || /^\\s*--/.test(o.text)"
_REAL_OPTIONS = f"""s => Array.from(s.options)
    .filter(o => !({_PLACEHOLDER_JS})(o)).map(o => [o.value, o.text.trim()])"""


def handles(cls: type[S]) -> Callable[[Callable[[Runner, S], None]], Callable[[Runner, S], None]]:
    """Register the decorated function as the handler of step class `cls`."""

    def register(handler: Callable[[Runner, S], None]) -> Callable[[Runner, S], None]:
        HANDLERS[cls] = handler
        return handler

    return register


@handles(m.Goto)
def goto(run: Runner, step: m.Goto) -> None:
    run.page.goto(step.url, wait_until="domcontentloaded", timeout=run.timeout_ms(step))


def _click(run: Runner, step: m.Step, element: PwLocator) -> None:
    """Click; when the portal opens the next page in a new tab, follow it there."""
    timeout = run.timeout_ms(step)
    opens_tab = element.evaluate(
        "e => { const a = e.closest('a'); return !!a && a.target === '_blank'; }"
    )
    if opens_tab:
        with run.page.context.expect_page(timeout=timeout) as new_page:
            element.click(timeout=timeout)
        run.switch_to(new_page.value)
    else:
        element.click(timeout=timeout)
    run.page.wait_for_load_state("domcontentloaded", timeout=timeout)


@handles(m.Click)
def click(run: Runner, step: m.Click) -> None:
    element, _ = run.find(step, step.target)
    _click(run, step, element)


@handles(m.Fill)
def fill(run: Runner, step: m.Fill) -> None:
    field, frame = run.find(step, step.target)
    run.ensure_origin(step, frame)
    value = run.value(step.value)
    if step.type:
        field.fill("")
        field.press_sequentially(value)
    else:
        field.fill(value)
    field.blur()


@handles(m.Select)
def select(run: Runner, step: m.Select) -> None:
    field, frame = run.find(step, step.target)
    run.ensure_origin(step, frame)
    wanted = run.value(step.value)
    # One look at the options: by label (what a person reads) first, then by value.
    value = field.evaluate(
        """(s, wanted) => {
            const norm = x => x.trim().toLowerCase();
            const byLabel = Array.from(s.options).find(o => norm(o.text) === norm(wanted));
            if (byLabel) return byLabel.value;
            return Array.from(s.options).some(o => o.value === wanted) ? wanted : null;
        }""",
        wanted,
    )
    if value is None:
        raise run.stop("run.no_option", step, PortalChanged, option=wanted)
    field.select_option(value=value, timeout=run.timeout_ms(step))


@handles(m.Check)
def check(run: Runner, step: m.Check) -> None:
    field, frame = run.find(step, step.target)
    run.ensure_origin(step, frame)
    field.set_checked(step.value, timeout=run.timeout_ms(step))


@handles(m.Expect)
def expect_step(run: Runner, step: m.Expect) -> None:
    timeout = run.timeout_ms(step)
    found = run.find(step, step.target)[0] if step.target else None
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
    expect(image).to_have_js_property("complete", True, timeout=timeout)
    run.captcha_attempt += 1
    answer_field, _ = run.find(step, step.answer)
    while True:
        answer = run.human.captcha(run.page, image, run.captcha_attempt, run.options.artifacts)
        if answer == NEW_IMAGE and step.refresh:
            # The person cannot read it: the portal's own refresh, a new image, ask again.
            old_src = image.get_attribute("src") or ""
            refresh, _ = run.find(step, step.refresh)
            refresh.click(timeout=timeout)
            expect(image).not_to_have_attribute("src", old_src, timeout=timeout)
            expect(image).to_have_js_property("complete", True, timeout=timeout)
            continue
        if answer and answer != NEW_IMAGE:
            answer_field.fill(answer)
            return
        if answer_field.input_value().strip():
            return  # typed in the browser
        # Nothing typed anywhere: a CAPTCHA is never sent empty; ask again.
        run.human.progress(t("run.captcha_empty"))


@handles(m.Confirm)
def confirm(run: Runner, step: m.Confirm) -> None:
    summary = []
    for item in step.items:
        value = run.shown(item.value)
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
    run.events.submit_pressing(run.index, step, run.redactor(run.summary))
    run.secrets.sent()
    sent_before = len(run.watch.requests_sent)
    try:
        _press(run, step, button, frame)
    except PlaywrightTimeout:
        sent = len(run.watch.requests_sent) > sent_before
        run.events.submit_finished(run.index, step, "unknown" if sent else "not_sent")
        run.guard(step)  # a dialog nobody declared explains it better than a timeout
        if sent:
            raise run.stop("run.submit_unknown", step, SubmitUnknown) from None
        raise run.stop("run.not_sent", step) from None
    status = run.watch.last_status
    run.events.submit_finished(run.index, step, f"http {status}" if status else "ok")


def _press(run: Runner, step: m.Submit, button: PwLocator, frame: Frame) -> None:
    """Press, and wait for what shows the send went through (by default: the button's page or
    frame navigates)."""
    timeout = run.timeout_ms(step, run.options.submit_timeout)
    click_timeout = run.timeout_ms(step)
    until = step.until
    if until is None:
        with frame.expect_navigation(wait_until="domcontentloaded", timeout=timeout):
            button.click(timeout=click_timeout)
    elif until.response is not None:
        wanted = until.response
        with run.page.expect_response(lambda r: wanted in r.url, timeout=timeout):
            button.click(timeout=click_timeout)
    else:
        button.click(timeout=click_timeout)
        if until.url is not None:
            run.page.wait_for_url(re.compile(until.url), timeout=timeout)
        else:
            scope = locate.frame_for(run.page, until.target[0].frame, timeout)
            locate.any_of(scope, until.target).wait_for(state="visible", timeout=timeout)


@handles(m.Manual)
def manual(run: Runner, step: m.Manual) -> None:
    run.human.manual(localized(step.instruction))


@handles(m.EmailLink)
def email_link(run: Runner, step: m.EmailLink) -> None:
    email = run.profile.get("email", "")
    link = run.human.email_link(run.page, step.contains, email)
    if link is None:
        pages = run.page.context.pages
        if pages[-1] is not run.page:  # opened in a new tab of this browser: follow it
            run.switch_to(pages[-1])
        return
    link = from_mirror(link, run.scenario.origins)
    if not origin_allowed(link, run.scenario.origins) or step.contains not in link:
        raise run.stop("run.bad_link", step)
    run.page.goto(link, wait_until="domcontentloaded", timeout=run.timeout_ms(step))


@handles(m.Screenshot)
def screenshot(run: Runner, step: m.Screenshot) -> None:
    path = run.evidence.screenshot(run.page, step.name)
    run.human.progress(t("run.screenshot", path=path))


@handles(m.Choose)
def choose(run: Runner, step: m.Choose) -> None:
    element, frame = run.find(step, step.target)
    run.ensure_origin(step, frame)
    is_select = element.evaluate("e => e.tagName === 'SELECT'")
    if is_select:
        # Chained selects fill their options after the choice before: wait for a real one.
        try:
            frame.wait_for_function(
                f"s => Array.from(s.options).some(o => !({_PLACEHOLDER_JS})(o))",
                arg=element.element_handle(),
                timeout=run.timeout_ms(step),
            )
        except PlaywrightTimeout:
            raise run.stop("run.no_options", step, PortalChanged) from None
        options: list[list[str]] = element.evaluate(_REAL_OPTIONS)
        labels = [label for _, label in options]
    else:
        links = locate.every(frame, step.target)
        labels = [text.strip() for text in links.all_inner_texts()]
    pick = _pick(run, step, labels)
    if is_select:
        element.select_option(value=options[pick][0], timeout=run.timeout_ms(step))
    else:
        _click(run, step, locate.every(frame, step.target).nth(pick))
    if step.remember:
        run.yields[step.remember] = labels[pick]
        run.redactor.add(labels[pick], step.remember)


def _pick(run: Runner, step: m.Choose, labels: list[str]) -> int:
    """The person's pick; a remembered value among the options is picked again, and said."""
    remembered = run.profile.get(step.remember or "", "")
    for index, label in enumerate(labels):
        if remembered and label.strip().lower() == remembered.strip().lower():
            run.human.progress(t("run.chose_remembered", choice=label))
            return index
    pick = run.human.choose(step.describe(), labels)
    if pick is None or not 0 <= pick < len(labels):
        raise Declined("run.no_choice", step=step.describe())
    return pick


@handles(m.Download)
def download(run: Runner, step: m.Download) -> None:
    element, _ = run.find(step, step.target)
    timeout = run.timeout_ms(step, run.options.submit_timeout)
    try:
        with run.page.expect_download(timeout=timeout) as info:
            element.click(timeout=run.timeout_ms(step))
    except PlaywrightTimeout:
        if step.optional:  # the portal showed the document instead of handing it over
            raise Skip() from None
        raise
    path = run.evidence.keep_download(info.value, step.save_as)
    run.downloads[step.save_as] = path
    run.filenames[step.save_as] = info.value.suggested_filename


from autohelper.engine import outcome as _outcome  # noqa: E402,F401  (registers its handler)

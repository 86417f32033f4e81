"""Runs one scenario on a Page it is given.

Each step kind has one handler. Steps marked `retried` go through the retry policy, and only
for transient failures; a locator that matches nothing after its wait is a changed portal, not
a timeout. The origin guard, the firewall check and the maintenance check run around every step.
Personal data reaches text (logs, journal, errors) only through the run's Redactor.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from autohelper.engine import locate
from autohelper.engine.guards import PageWatch
from autohelper.engine.retry import NetworkError, RetryPolicy, TransientError
from autohelper.errors import (
    AutohelperError,
    Declined,
    FirewallBlocked,
    OriginViolation,
    PortalChanged,
    RunStopped,
    SubmitUnknown,
)
from autohelper.human import NEW_IMAGE, Human
from autohelper.journal import Journal
from autohelper.messages import localized, t
from autohelper.privacy import PERSONAL_FIELDS, Redactor, mask
from autohelper.scenario import model as m
from autohelper.target import from_mirror, origin_allowed

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

log = logging.getLogger(__name__)

MAX_CAPTCHA_ATTEMPTS = 3


@dataclass(frozen=True)
class RunOptions:
    """How to run: timeouts in seconds, where evidence goes, whether this is a live run."""

    artifacts: Path
    live: bool = True
    step_timeout: float = 15.0
    submit_timeout: float = 45.0
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    mode: str = "student"  # or "qa": only labels the journal row
    target: str = "live"


@dataclass
class RunResult:
    status: str  # success | error | declined | unknown (a submit whose result never came)
    run_id: int | None = None
    message: str = ""
    yields: dict[str, str] = field(default_factory=dict)
    error: AutohelperError | None = None


class _Restart(Exception):
    """An outcome asked to go back to an earlier step (a wrong CAPTCHA)."""

    def __init__(self, index: int) -> None:
        self.index = index


class _Finished(Exception):
    def __init__(self, message: str, yields: dict[str, str]) -> None:
        self.message = message
        self.yields = yields


class Runner:
    def __init__(
        self,
        page: Page,
        scenario: m.Scenario,
        profile: dict[str, str],
        secrets: dict[str, str],
        human: Human,
        options: RunOptions,
        journal: Journal | None = None,
        redactor: Redactor | None = None,
    ) -> None:
        self.page = page
        self.scenario = scenario
        self.profile = profile
        self.secrets = secrets
        self.human = human
        self.options = options
        self.journal = journal
        self.redactor = redactor or Redactor()
        self.watch = PageWatch(page, scenario.origins)
        self.run_id: int | None = None
        self.captcha_attempt = 0
        self.yields: dict[str, str] = {}
        # One handler per step kind, named after it: a kind without one fails right here.
        self._handlers: dict[str, Callable[[m.Step], None]] = {
            kind: getattr(self, f"_{kind}") for kind in m.STEP_TYPES
        }
        self._confirmed = False
        self._summary = ""
        options.artifacts.mkdir(parents=True, exist_ok=True)

    # -- the loop ---------------------------------------------------------------------------
    def run(self) -> RunResult:
        if self.journal:
            self.run_id = self.journal.start_run(
                self.scenario.id, self.options.target, self.options.mode
            )
        try:
            result = self._run_steps()
        except BaseException:  # Ctrl-C or a bug: the journal still says how the run ended
            if self.journal and self.run_id is not None:
                self.journal.end_run(self.run_id, "interrupted", None, {})
            raise
        result.run_id = self.run_id
        if self.journal and self.run_id is not None:
            self.journal.end_run(
                self.run_id,
                result.status,
                self.redactor(result.message),
                {k: self._mask_yield(k, v) for k, v in result.yields.items()},
            )
        return result

    def _run_steps(self) -> RunResult:
        steps = self.scenario.steps
        index = 0
        total = len(steps)
        try:
            while index < total:
                step = steps[index]
                self.human.progress(
                    t("run.step", n=index + 1, total=total, description=step.describe())
                )
                try:
                    self._timed(index, step)
                except _Restart as restart:
                    index = restart.index
                    continue
                index += 1
        except _Finished as done:
            return RunResult("success", message=done.message, yields=done.yields)
        except Declined as exc:
            return RunResult("declined", message=exc.message(), error=exc)
        except SubmitUnknown as exc:
            return RunResult("unknown", message=exc.message(), error=exc)
        except AutohelperError as exc:
            return RunResult("error", message=exc.message(), yields=self.yields, error=exc)
        return RunResult("success", message=t("run.done"), yields=self.yields)

    def _timed(self, index: int, step: m.Step) -> None:
        started = datetime.now(UTC).isoformat(timespec="milliseconds")
        clock = time.monotonic()
        status, detail = "ok", None
        try:
            self._guard(step)
            handler = self._handlers[step.kind]
            if step.retried:
                self.options.retry.call(lambda: self._attempt(handler, step))
            else:
                handler(step)
            self._guard(step)
        except (_Restart, _Finished):
            raise
        except TransientError as exc:
            status, detail = "error", str(exc)
            key = "run.network" if isinstance(exc, NetworkError) else "run.unavailable"
            raise self._stop(key, step) from None
        except AutohelperError as exc:
            status, detail = "error", exc.message("en")
            raise
        except PlaywrightError as exc:
            # Anything else the browser reports still stops with the step, page and evidence.
            status, detail = "error", str(exc)
            reason = self.redactor(str(exc).strip().splitlines()[0] if str(exc).strip() else "?")
            key = "run.network" if "net::ERR_" in str(exc) else "run.step_failed"
            raise self._stop(key, step, reason=reason) from None
        finally:
            if self.journal and self.run_id is not None:
                self.journal.record_step(
                    self.run_id,
                    index,
                    step.kind,
                    step.describe(),
                    status,
                    started,
                    int((time.monotonic() - clock) * 1000),
                    self.redactor(detail) if detail else None,
                )

    def _attempt(self, handler: Callable[[m.Step], None], step: m.Step) -> None:
        """One try of a retried step: first put the page right if the portal was down."""
        self._recover_if_unavailable()
        try:
            handler(step)
        except PlaywrightError as exc:
            if "net::ERR_" in str(exc):
                raise NetworkError(str(exc)) from exc
            raise
        self._recover_if_unavailable()

    def _recover_if_unavailable(self) -> None:
        if not self.watch.is_unavailable():
            return
        if self.watch.last_method != "GET":
            return  # a POST result is never reloaded: that would send it again
        self.page.reload(wait_until="domcontentloaded")
        if self.watch.is_unavailable():
            raise TransientError(f"portal unavailable ({self.watch.last_status})")

    # -- guards -----------------------------------------------------------------------------
    def _guard(self, step: m.Step) -> None:
        if self.watch.violation:
            raise self._stop("run.origin", step, OriginViolation, where=self.watch.violation)
        if self.watch.is_firewall():
            if self.human.firewall(self.page) and not self.watch.is_firewall():
                return
            raise self._stop("run.firewall", step, FirewallBlocked)

    def _ensure_origin(self, step: m.Step) -> None:
        """Personal data is typed only into pages of the declared origins."""
        if not origin_allowed(self.page.url, self.scenario.origins):
            raise self._stop("run.origin", step, OriginViolation, where=self.page.url)

    def _stop(
        self, key: str, step: m.Step, cls: type[RunStopped] = RunStopped, **params: str
    ) -> RunStopped:
        shot = self._evidence(f"error-{step.kind}")
        url = self.page.url
        if url.startswith("chrome-error:") and isinstance(step, m.Goto):
            url = step.url  # the browser's error page says less than the address it missed
        return cls(
            key,
            step=step.describe(),
            url=self.redactor(url),
            screenshot=shot,
            **{k: self.redactor(v) for k, v in params.items()},
        )

    def _evidence(self, name: str) -> str:
        """A screenshot; on live runs every element showing personal data is masked."""
        safe = re.sub(r"[^a-z0-9_-]+", "-", name.lower()).strip("-") or "shot"
        path = self.options.artifacts / f"run{self.run_id or 0}-{safe}.png"
        masks: list[Locator] = []
        if self.options.live:
            masks.append(self.page.locator("input, textarea, select"))
            for name, value in self.profile.items():
                if name in PERSONAL_FIELDS and len(value) >= 4:
                    masks.append(self.page.get_by_text(value))
        try:
            self.page.screenshot(path=str(path), full_page=True, mask=masks, timeout=10_000)
        except Exception as exc:  # evidence is best effort; the error it belongs to matters more
            log.debug("screenshot failed: %s", exc)
            return "-"
        return str(path)

    # -- locators ---------------------------------------------------------------------------
    def _timeout_ms(self, step: m.Step, default: float | None = None) -> float:
        return 1000 * (step.timeout or default or self.options.step_timeout)

    def _find(self, step: m.Step, target: m.Target, default: float | None = None) -> Locator:
        found = locate.any_of(self.page, target)
        try:
            found.wait_for(state="visible", timeout=self._timeout_ms(step, default))
        except PlaywrightTimeout:
            self._recover_if_unavailable()  # a maintenance page: retried, not "changed"
            self._guard(step)
            raise self._stop(
                "run.portal_changed", step, PortalChanged, target=m.describe_target(target)
            ) from None
        return found

    def _value(self, template: m.Template) -> str:
        return template.render(self.profile, self.secrets)

    # -- step handlers ----------------------------------------------------------------------
    def _goto(self, step: m.Step) -> None:
        assert isinstance(step, m.Goto)
        self.page.goto(step.url, wait_until="domcontentloaded", timeout=self._timeout_ms(step))

    def _click(self, step: m.Step) -> None:
        assert isinstance(step, m.Click)
        element = self._find(step, step.target)
        timeout = self._timeout_ms(step)
        opens_tab = element.evaluate(
            "e => { const a = e.closest('a'); return !!a && a.target === '_blank'; }"
        )
        if opens_tab:  # the portal opens the next page in a new tab: follow it there
            with self.page.context.expect_page(timeout=timeout) as new_page:
                element.click(timeout=timeout)
            self._switch_to(new_page.value)
        else:
            element.click(timeout=timeout)
        self.page.wait_for_load_state("domcontentloaded", timeout=timeout)

    def _switch_to(self, page: Page) -> None:
        """Go on in another tab; the new page is watched, and judged where it already is."""
        self.page = page
        self.watch = PageWatch(page, self.scenario.origins)
        page.wait_for_load_state("domcontentloaded")
        if not origin_allowed(page.url, self.scenario.origins):
            self.watch.violation = page.url

    def _fill(self, step: m.Step) -> None:
        assert isinstance(step, m.Fill)
        self._ensure_origin(step)
        field_ = self._find(step, step.target)
        value = self._value(step.value)
        if step.type:
            field_.fill("")
            field_.press_sequentially(value)
        else:
            field_.fill(value)
        field_.blur()

    def _select(self, step: m.Step) -> None:
        assert isinstance(step, m.Select)
        self._ensure_origin(step)
        field_ = self._find(step, step.target)
        value = self._value(step.value)
        try:
            field_.select_option(label=value, timeout=self._timeout_ms(step))
        except Exception:
            field_.select_option(value=value, timeout=self._timeout_ms(step))

    def _check(self, step: m.Step) -> None:
        assert isinstance(step, m.Check)
        self._find(step, step.target).set_checked(step.value)

    def _expect(self, step: m.Step) -> None:
        assert isinstance(step, m.Expect)
        timeout = self._timeout_ms(step)
        if step.target:
            self._find(step, step.target)
        try:
            if step.url:
                expect(self.page).to_have_url(re.compile(step.url), timeout=timeout)
            if step.title:
                expect(self.page).to_have_title(re.compile(re.escape(step.title)), timeout=timeout)
        except AssertionError:
            self._recover_if_unavailable()
            raise self._stop(
                "run.portal_changed", step, PortalChanged, target=step.url or step.title or ""
            ) from None

    def _captcha(self, step: m.Step) -> None:
        assert isinstance(step, m.Captcha)
        self._ensure_origin(step)
        timeout = self._timeout_ms(step)
        image = self._find(step, step.image)
        expect(image).to_have_js_property("complete", True, timeout=timeout)
        self.captcha_attempt += 1
        answer_field = self._find(step, step.answer)
        while True:
            answer = self.human.captcha(
                self.page, image, self.captcha_attempt, self.options.artifacts
            )
            if answer != NEW_IMAGE or not step.refresh:
                break
            # The person cannot read it: the portal's own refresh, a new image, ask again.
            old_src = image.get_attribute("src") or ""
            self._find(step, step.refresh).click(timeout=timeout)
            expect(image).not_to_have_attribute("src", old_src, timeout=timeout)
            expect(image).to_have_js_property("complete", True, timeout=timeout)
        if answer is not None and answer != NEW_IMAGE:
            answer_field.fill(answer)

    def _confirm(self, step: m.Step) -> None:
        assert isinstance(step, m.Confirm)
        summary = []
        for item in step.items:
            value = self._value(item.value)
            kind = item.value.sensitive_kind
            summary.append((localized(item.label), mask(value, kind) if kind else value))
        self._summary = "; ".join(f"{label}: {value}" for label, value in summary)
        self._confirmed = self.human.confirm(step.describe(), summary)
        if not self._confirmed:
            raise Declined(step=step.describe())

    def _submit(self, step: m.Step) -> None:
        assert isinstance(step, m.Submit)
        if not self._confirmed:  # the loader orders confirm before submit; this is the backstop
            raise Declined(step=step.describe())
        self._confirmed = False  # one yes, one press
        self._ensure_origin(step)
        button = self._find(step, step.target)
        submit_id = None
        if self.journal and self.run_id is not None:
            submit_id = self.journal.record_submit(
                self.run_id,
                self.scenario.steps.index(step),
                step.describe(),
                self.redactor(self._summary),
            )
        sent_before = len(self.watch.requests_sent)
        timeout = self._timeout_ms(step, self.options.submit_timeout)
        try:
            with self.page.expect_navigation(wait_until="domcontentloaded", timeout=timeout):
                button.click(timeout=self._timeout_ms(step))
        except PlaywrightTimeout:
            sent = len(self.watch.requests_sent) > sent_before
            if submit_id is not None:
                self.journal.finish_submit(submit_id, "unknown" if sent else "not_sent")  # type: ignore[union-attr]
            if sent:
                raise self._stop("run.submit_unknown", step, SubmitUnknown) from None
            raise self._stop("run.not_sent", step) from None
        if submit_id is not None:
            self.journal.finish_submit(submit_id, f"http {self.watch.last_status}")  # type: ignore[union-attr]

    def _manual(self, step: m.Step) -> None:
        assert isinstance(step, m.Manual)
        self.human.manual(localized(step.instruction))

    def _outcome(self, step: m.Step) -> None:
        assert isinstance(step, m.Outcome)
        self._guard(step)
        if self.watch.is_unavailable():  # a 5xx or maintenance page answers at once: no wait
            raise self._stop("run.unavailable_after_submit", step)
        union = locate.any_of(self.page, tuple(loc for case in step.cases for loc in case.when))
        try:
            union.wait_for(state="visible", timeout=self._timeout_ms(step))
        except PlaywrightTimeout:
            self._guard(step)
            key = "run.unavailable_after_submit" if self.watch.is_unavailable() else "run.unknown"
            raise self._stop(key, step) from None
        for case in step.cases:
            matched = locate.any_of(self.page, case.when)
            if matched.count() and matched.is_visible():
                self._apply(step, case, matched)
                return
        raise self._stop("run.unknown", step)  # it vanished between the wait and the look

    def _apply(self, step: m.Outcome, case: m.OutcomeCase, matched: Locator) -> None:
        text = matched.inner_text()
        for name, pattern in case.yields:
            found = re.search(pattern, text)
            if found:
                value = found.group(1) if found.groups() else found.group(0)
                self.yields[name] = value
                if name in PERSONAL_FIELDS:
                    self.redactor.add(value, name)  # from here on, it is scrubbed like the rest
        advice = localized(case.message) if case.message else ""
        if case.result == "success":
            raise _Finished(advice or t("run.done"), dict(self.yields))
        if case.result == "continue":
            if advice:
                self.human.progress(advice)
            return
        if case.result == "retry":
            if self.captcha_attempt >= MAX_CAPTCHA_ATTEMPTS:
                raise self._stop(
                    "run.too_many_attempts",
                    step,
                    portal=self.redactor(text.strip()),
                    n=str(MAX_CAPTCHA_ATTEMPTS),
                )
            self.human.progress(advice or t("run.retrying"))
            assert case.from_step is not None
            raise _Restart(self.scenario.step_index(case.from_step))
        raise self._stop(
            "run.portal_error", step, portal=self.redactor(text.strip()), advice=advice
        )

    def _email_link(self, step: m.Step) -> None:
        assert isinstance(step, m.EmailLink)
        email = self.profile.get("email", "")
        link = self.human.email_link(self.page, step.contains, email)
        if link is None:
            pages = self.page.context.pages
            if pages[-1] is not self.page:  # opened in a new tab of this browser: follow it
                self._switch_to(pages[-1])
            return
        link = from_mirror(link, self.scenario.origins)
        if not origin_allowed(link, self.scenario.origins) or step.contains not in link:
            raise self._stop("run.bad_link", step)
        self.page.goto(link, wait_until="domcontentloaded", timeout=self._timeout_ms(step))

    def _screenshot(self, step: m.Step) -> None:
        assert isinstance(step, m.Screenshot)
        path = self._evidence(step.name)
        self.human.progress(t("run.screenshot", path=path))

    def _mask_yield(self, name: str, value: str) -> str:
        return mask(value, name) if name in PERSONAL_FIELDS else value


def run_scenario(
    page: Page,
    scenario: m.Scenario,
    profile: dict[str, str],
    secrets: dict[str, str],
    human: Human,
    options: RunOptions,
    journal: Journal | None = None,
    redactor: Redactor | None = None,
) -> RunResult:
    """Run `scenario` on `page` (the caller owns the browser) and return what came of it."""
    return Runner(page, scenario, profile, secrets, human, options, journal, redactor).run()

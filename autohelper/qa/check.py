"""`autohelper check`: the read-only walk of a scenario, to see whether a portal still matches it.

1. The steps up to the first that is not read-only (`Step.read_only`: a fill types data, a
   submit sends) run on the engine itself, as in a real run: each says ok, or changed (the
   locator, the URL, and what the page offers instead, from its accessibility snapshot); a
   firewall, a network error, a portal that stays down or a mirror without a goto's page means
   it could not be reached.
2. From there to the first submit (the form's page), nothing is typed, clicked or sent: every
   target of those steps (fields, the CAPTCHA, the send button) is looked for in the page as
   it is, hidden ones too (a modal's button is there before its modal opens); a missing one is
   a change, with the form's fields that no step uses as what the page offers instead; a
   required field (`required`, `aria-required` or a label starting with `*`) that no step
   fills is a change too. A step that only a typed page would show (`expect`) is not checked.
   A click there that would leave the page (a link, a form's submit button), or a click whose
   element is missing (a change: where it led cannot be followed), ends what can be seen: the
   steps after it, up to the submit, are on a page the walk never reaches, and are reported as
   not checked (never as changed). What the page offers and a new required field are shown
   scrubbed of anything shaped like a CURP, an email or a long number (a remembered session may
   show the person's own); a new required field names the form's page and steps.
3. A walk that ended before the scenario's own send (a sign-in first, or a click that leaves
   the page or is missing) is not complete: an "ok" then says how far it saw, never that the
   portal matches the whole scenario.

Against the live portals it is one walk per scenario, one after the other, with no retries:
never a loop, never in parallel (the portals' etiquette, PORTALS.md). Exit 0 as expected, 1 a
change, 2 could not reach or could not check at all (an unknown scenario, a bad option).
"""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from autohelper.messages import quoted, t
from autohelper.scenario import model as m

if TYPE_CHECKING:
    from playwright.sync_api import Frame, Page, Playwright
    from playwright.sync_api import Locator as PwLocator

    from autohelper.browser.front import PortalFront
    from autohelper.browser.provider import BrowserProvider

EXIT_OK, EXIT_CHANGED, EXIT_UNREACHABLE = 0, 1, 2
# Stops that say nothing about the portal's pages: it could not be reached.
UNREACHABLE = (
    "firewall",
    "network",
    "unavailable",
    # A page that never came: the mirror without the page a goto opens (its problem, not the
    # portal's), a redirect loop, a refused certificate, a page that did not load in time (a
    # mirror that takes the connection and never answers: slow, not changed).
    "not_loaded",
)
# Steps that need a page only a send can bring: the walk ends before them.
AFTER_SEND = (m.Submit, m.Outcome, m.EmailLink, m.Manual, m.Download)
# Steps with nothing on the page to look at, or whose page needs typing first.
NOT_ON_PAGE = (m.Confirm, m.Expect, m.Screenshot)
# Whether clicking an element would leave the page: a link to another address, or a form's
# submit button (a button that only opens UI, a modal, stays).
_LEAVES_JS = """e => {
    const link = e.closest('a[href]');
    if (link) {
        const href = link.getAttribute('href').trim();
        const stays = /^javascript:\\s*(void\\b|;|$)/i.test(href);
        return !(href === '' || href.startsWith('#') || stays);
    }
    if (!e.form || !['BUTTON', 'INPUT'].includes(e.tagName)) return false;
    const type = (e.getAttribute('type') || (e.tagName === 'BUTTON' ? 'submit' : '')).toLowerCase();
    return type === 'submit' || type === 'image';
}"""
MARK = "data-autohelper-check"
# How long to look for each further field once the form's page is there (seconds).
FIELD_WAIT = 1.5
# Roles worth offering as "what the page has instead".
_OFFER_ROLES = (
    "link",
    "button",
    "textbox",
    "combobox",
    "checkbox",
    "radio",
    "heading",
    "tab",
    "menuitem",
    "img",
    "searchbox",
    "spinbutton",
    "listbox",
)
_ARIA_LINE = re.compile(r"^\s*-\s+([a-z]+)\s+\"((?:[^\"\\]|\\.)*)\"", re.M)

_CONTROLS_JS = f"""(roots) => {{
    const seen = new Set();
    const out = [];
    const labelOf = (el) => {{
        if (el.labels && el.labels.length) return el.labels[0].innerText.trim();
        if (el.getAttribute('aria-label')) return el.getAttribute('aria-label').trim();
        let node = el.previousElementSibling;
        while (node) {{
            if (node.tagName === 'LABEL') return node.innerText.trim();
            node = node.previousElementSibling;
        }}
        const group = el.parentElement && el.parentElement.querySelector('label');
        return group ? group.innerText.trim() : (el.placeholder || '').trim();
    }};
    for (const root of roots) {{
        const controls = root.querySelectorAll('input, select, textarea');
        for (const el of controls) {{
            if (seen.has(el)) continue;
            seen.add(el);
            const type = (el.getAttribute('type') || el.tagName).toLowerCase();
            if (['hidden', 'submit', 'button', 'image', 'reset'].includes(type)) continue;
            const style = window.getComputedStyle(el);
            const box = el.getBoundingClientRect();
            const visible = style.visibility !== 'hidden' && style.display !== 'none'
                && box.width > 0 && box.height > 0;
            const label = labelOf(el);
            out.push({{
                id: el.id || '', name: el.getAttribute('name') || '', type, label,
                visible, disabled: el.disabled,
                used: el.hasAttribute('{MARK}'),
                required: el.required || el.getAttribute('aria-required') === 'true'
                    || label.startsWith('*'),
            }});
        }}
    }}
    return out;
}}"""


@dataclass(frozen=True)
class StepCheck:
    """One step as the walk found it: `ok`, `changed`, `absent` (an optional page that did not
    appear), `not_checked` (nothing to see without typing) or `unreachable`."""

    index: int
    id: str | None
    kind: str
    description: str
    status: str
    locator: str = ""
    url: str = ""
    offers: tuple[str, ...] = ()
    detail: str = ""


@dataclass
class Walk:
    """One scenario's walk: every step it reached, the new required fields, and the verdict."""

    scenario: str
    target: str
    steps: list[StepCheck] = field(default_factory=list)
    new_required: list[str] = field(default_factory=list)
    message: str = ""
    unreachable: bool = False
    # The form's page (its URL, its first and last step, 0-based), when the walk looked at one.
    form_url: str = ""
    form_steps: tuple[int, int] | None = None
    # How far the walk looked (0-based), and whether that covers every step up to the
    # scenario's own send (not so when a sign-in comes first, or a click ended what is seen).
    seen_until: int | None = None
    complete: bool = False
    step_count: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.new_required) or any(step.status == "changed" for step in self.steps)

    @property
    def status(self) -> str:
        if self.changed:
            return "changed"
        return "unreachable" if self.unreachable else "ok"

    @property
    def partial(self) -> bool:
        """An "ok" that covers only the steps before a send or sign-in the walk does not make."""
        return self.status == "ok" and not self.complete and self.seen_until is not None

    def as_dict(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario,
            "target": self.target,
            "status": self.status,
            "message": self.message,
            "steps": [dataclasses.asdict(step) for step in self.steps],
            "new_required_fields": self.new_required,
            "new_required_url": self.form_url if self.new_required else "",
            "complete": self.complete,
            "seen_until": self.seen_until,
        }


@dataclass(frozen=True)
class CheckRequest:
    """What `autohelper check` asks for."""

    scenarios: tuple[str, ...] = ()
    every: bool = False
    against: str = "live"
    mock_options: dict[str, Any] = field(default_factory=dict)
    step_timeout: float | None = None
    browser: str | None = None
    connect: str | None = None
    cdp: str | None = None
    artifacts: Path | None = None


def exit_code(walks: list[Walk]) -> int:
    """1 when any walk found a change (a change found outranks a walk that could not finish),
    else 2 when any could not reach its portal, else 0."""
    if any(walk.changed for walk in walks):
        return EXIT_CHANGED
    return EXIT_UNREACHABLE if any(walk.unreachable for walk in walks) else EXIT_OK


def scenarios_to_check(request: CheckRequest) -> list[m.Scenario]:
    """The scenarios named (or all with `--all`), loaded and checked before any browser."""
    from autohelper.errors import UsageError
    from autohelper.scenario.loader import (
        find_scenario,
        load_scenario,
        load_scenarios,
        scenario_files,
        scenarios_dir,
    )

    if request.every:
        return load_scenarios(scenario_files(scenarios_dir()))
    if not request.scenarios:
        raise UsageError("check.no_scenario")
    return [load_scenario(find_scenario(name, scenarios_dir())) for name in request.scenarios]


def check(request: CheckRequest, on_walk: Callable[[Walk], None] | None = None) -> list[Walk]:
    """Walk each scenario in turn (never in parallel), on one browser, a fresh context each."""
    from autohelper.errors import MirrorUnreachable
    from autohelper.mock.config import build
    from autohelper.session import serve_target
    from autohelper.target import parse_against

    spec = parse_against(request.against)
    scenarios = scenarios_to_check(request)
    build(request.mock_options)  # a bad setting is a usage error before any browser
    from autohelper.browser.driver import playwright_session
    from autohelper.browser.provider import provider_for

    offline = spec.kind != "live"
    provider = provider_for(request.browser, True, request.connect, request.cdp, offline)
    walks: list[Walk] = []
    with contextlib.ExitStack() as stack:
        try:
            front = stack.enter_context(serve_target(spec, request.mock_options))
        except MirrorUnreachable as exc:
            # Nothing answered at the address: every walk "could not reach" (exit 2).
            for scenario in scenarios:
                walk = Walk(scenario.id, spec.kind, message=exc.message(), unreachable=True)
                walks.append(walk)
                if on_walk is not None:
                    on_walk(walk)
            return walks
        pw = stack.enter_context(playwright_session())
        walks += _walk_all(request, scenarios, provider, front, pw, spec.kind, on_walk)
    return walks


def _walk_all(
    request: CheckRequest,
    scenarios: list[m.Scenario],
    provider: BrowserProvider,
    front: PortalFront | None,
    pw: Playwright,
    kind: str,
    on_walk: Callable[[Walk], None] | None,
) -> list[Walk]:
    """Each scenario in turn on one browser, a fresh context each."""
    walks: list[Walk] = []
    browser = provider.open(pw, front)
    try:
        for scenario in scenarios:
            context = browser.new_context(
                **provider.context_options(front),
                locale="es-MX",
                viewport={"width": 1280, "height": 900},
            )
            try:
                walk = _walk(context.new_page(), scenario, request, kind)
            finally:
                context.close()
            walks.append(walk)
            if on_walk is not None:
                on_walk(walk)
    finally:
        browser.close()
    return walks


def _prefix(scenario: m.Scenario) -> int:
    """How many steps from the start are read-only."""
    for index, step in enumerate(scenario.steps):
        if not step.read_only:
            return index
    return len(scenario.steps)


def _walk(page: Page, scenario: m.Scenario, request: CheckRequest, kind: str) -> Walk:
    import platformdirs

    from autohelper.engine.retry import FAST, RetryPolicy
    from autohelper.engine.runner import RunOptions, run_scenario
    from autohelper.human import ScriptedHuman
    from autohelper.privacy import Redactor
    from autohelper.qa.expect import observe
    from autohelper.qa.record import CaseRecorder

    live = kind == "live"
    walk = Walk(scenario.id, kind, step_count=len(scenario.steps))
    count = _prefix(scenario)
    artifacts = request.artifacts or Path(platformdirs.user_cache_dir("autohelper")) / "check"
    options = RunOptions(
        artifacts=artifacts,
        live=live,
        mask_screenshots=live,
        # One polite walk against the live portals: no retries there.
        retry=RetryPolicy(attempts=1) if live else FAST,
        step_timeout=request.step_timeout or (15.0 if live else 10.0),
    )
    recorder = CaseRecorder()
    # The sign-in block lies beyond the read-only steps: the walk never signs in.
    prefix = dataclasses.replace(scenario, steps=scenario.steps[:count], sign_in=None)
    result = run_scenario(
        page, prefix, {}, {}, ScriptedHuman(confirm=False), options, [recorder], Redactor()
    )
    observed = observe(result, recorder)
    for record in recorder.steps:
        status = {"ok": "ok", "skipped": "absent"}.get(record.status, "changed")
        if record.status == "error" and observed.kind in UNREACHABLE:
            status = "unreachable"
        walk.steps.append(
            StepCheck(
                record.index,
                record.step.id,
                record.step.kind,
                record.step.describe(),
                status,
                locator=observed.locator if status == "changed" else "",
                url=observed.url if record.status == "error" else "",
                offers=_aria_offers(page, record.step) if status == "changed" else (),
                detail=observed.message if record.status == "error" else "",
            )
        )
    if recorder.steps:
        walk.seen_until = recorder.steps[-1].index
    if result.status not in ("success", "in_person"):
        walk.unreachable = observed.kind in UNREACHABLE
        walk.message = observed.message
        return walk
    # The run follows a link that opens its page in a new tab (gob.mx's may): the form is in
    # the walk's newest tab, where the run ended.
    _compare_form(page.context.pages[-1], scenario, count, options.step_timeout, walk)
    return walk


# -- the form's page: looked at, never typed into ------------------------------------------------
def _region(scenario: m.Scenario, start: int) -> Iterator[tuple[int, m.Step]]:
    """The steps of the form's page: from the first that is not read-only to the first submit
    (included); none after a step that needs a send."""
    for index in range(start, len(scenario.steps)):
        step = scenario.steps[index]
        if isinstance(step, AFTER_SEND) and not isinstance(step, m.Submit):
            return
        yield index, step
        if isinstance(step, m.Submit):
            return


def _hidden_too(scope: Page | Frame, locator: m.Locator) -> PwLocator:
    """A scenario locator that also finds hidden elements (a closed modal's button)."""
    from autohelper.engine import locate

    if locator.kind != "role":
        return locate.one(scope, locator)
    kwargs: dict[str, Any] = {"exact": locator.exact, "include_hidden": True}
    if locator.name is not None:
        kwargs["name"] = locator.name
    found = scope.get_by_role(locator.value, **kwargs)  # type: ignore[arg-type]
    return found.filter(has_text=locator.has_text) if locator.has_text is not None else found


def _find(page: Page, target: m.Target, wait: float) -> PwLocator | None:
    """The element `target` names, in its frame, attached (visible or not), or None."""
    from playwright.sync_api import Error as PlaywrightError

    from autohelper.engine import locate

    try:
        scope = locate.frame_for(page, target[0].frame, wait * 1000)
    except locate.FrameMissing:
        return None
    union = _hidden_too(scope, target[0])
    for locator in target[1:]:
        union = union.or_(_hidden_too(scope, locator))
    try:
        union.first.wait_for(state="attached", timeout=wait * 1000)
    except PlaywrightError:
        return None
    return union.first


def _leaves_page(found: PwLocator) -> bool:
    from playwright.sync_api import Error as PlaywrightError

    try:
        return bool(found.evaluate(_LEAVES_JS))
    except PlaywrightError:
        return False


def _compare_form(page: Page, scenario: m.Scenario, start: int, wait: float, walk: Walk) -> None:
    missing: list[tuple[int, m.Step, m.Target]] = []
    first = True
    left_at: int | None = None  # the click that would leave the page (0-based)
    for index, step in _region(scenario, start):
        if left_at is not None:
            # On a page the walk never reaches: nothing there to judge.
            beyond = t("check.beyond", step=left_at + 1)
            walk.steps.append(
                StepCheck(index, step.id, step.kind, step.describe(), "not_checked", detail=beyond)
            )
            continue
        status, locator = "ok", ""
        if isinstance(step, NOT_ON_PAGE) or not step.targets:
            status = "not_checked"
        for target in step.targets if status == "ok" else ():
            found = _find(page, target, wait if first else FIELD_WAIT)
            first = False
            if found is not None:
                found.evaluate(f"e => e.setAttribute('{MARK}', '1')")
                if isinstance(step, m.Click) and _leaves_page(found):
                    left_at = index
                continue
            status = "absent" if step.optional else "changed"
            locator = m.describe_target(target)
            if not step.optional:
                missing.append((index, step, target))
                if isinstance(step, m.Click):
                    # Where a missing click led cannot be followed: the steps after it are
                    # on a page the walk never reaches, not changes of this one.
                    left_at = index
            break
        walk.steps.append(
            StepCheck(
                index,
                step.id,
                step.kind,
                step.describe(),
                status,
                locator=locator,
                url=page.url if status == "changed" else "",
            )
        )
    walk.form_url = page.url
    seen = [s.index for s in walk.steps if s.index >= start and not _beyond(s)]
    if seen:
        walk.form_steps = (start, seen[-1])
        walk.seen_until = seen[-1]
    last = walk.steps[-1] if walk.steps else None
    sign_in_first = (
        scenario.sign_in is not None and last is not None and last.id == scenario.sign_in.last
    )
    walk.complete = (left_at is None and not sign_in_first) or (
        walk.seen_until is not None and walk.seen_until >= len(scenario.steps) - 1
    )
    if missing and _behind_a_firewall(page, scenario, missing[0][1], walk):
        return
    controls = _controls(page)
    renamed: set[str] = set()  # a missing field's likeliest new self: said once, there
    for index, _step, target in missing:
        offers = _ranked(target, [_describe_control(c) for c in controls if not c["used"]])
        renamed.update(offers[:1])
        position = next(i for i, s in enumerate(walk.steps) if s.index == index)
        walk.steps[position] = dataclasses.replace(walk.steps[position], offers=_scrubbed(offers))
    walk.new_required = list(
        _scrubbed(
            _describe_control(c)
            for c in controls
            if c["required"]
            and c["visible"]
            and not c["disabled"]
            and not c["used"]
            and _describe_control(c) not in renamed
        )
    )


def _beyond(step: StepCheck) -> bool:
    """Whether the walk never saw `step`'s page (it lies past a click that leaves it)."""
    return step.status == "not_checked" and bool(step.detail)


def _scrubbed(texts: Iterable[str]) -> tuple[str, ...]:
    """What a page shows, as check may print it: a CURP, an email or a long number in it (a
    remembered session's own) masked by its shape alone, as nobody's values are known here."""
    from autohelper.privacy import mask_shapes

    return tuple(dict.fromkeys(mask_shapes(text, numbers=True) for text in texts))


def _behind_a_firewall(page: Page, scenario: m.Scenario, step: m.Step, walk: Walk) -> bool:
    """Whether the form's page is a firewall's block or anti-robot check (declared or new):
    then what it lacks says nothing of the portal, which could not be reached (its steps are
    unreachable, never changed), as a firewall met before the form is."""
    from autohelper.engine.runner import challenge_seen, firewall_name

    seen = challenge_seen(page, scenario)
    if seen is None:
        return False
    walk.steps = [
        dataclasses.replace(s, status="unreachable", locator="", offers=(), url=page.url)
        if s.status == "changed"
        else s
        for s in walk.steps
    ]
    walk.unreachable = True
    walk.message = t(
        "run.firewall",
        step=step.describe(),
        url=page.url,
        screenshot="-",
        firewall=firewall_name(scenario, seen),
    )
    return True


def _controls(page: Page) -> list[dict[str, Any]]:
    """The form controls of the forms that hold a field the scenario uses (else the page's)."""
    roots = page.evaluate_handle(
        f"""() => {{
            const used = Array.from(document.querySelectorAll('[{MARK}]'));
            const forms = new Set(used.map(e => e.closest('form')).filter(f => f));
            return forms.size ? Array.from(forms) : [document.body];
        }}"""
    )
    controls: list[dict[str, Any]] = page.evaluate(_CONTROLS_JS, roots)
    return controls


def _describe_control(control: dict[str, Any]) -> str:
    parts = [quoted(control["label"])] if control["label"] else []
    parts.append(control["type"] + (f"#{control['id']}" if control["id"] else ""))
    if control["name"]:
        parts.append(f"name={control['name']}")
    return " ".join(parts)


def _words(target: m.Target) -> str:
    return " ".join(f"{loc.value} {loc.name or ''} {loc.has_text or ''}" for loc in target)


def _ranked(target: m.Target, offers: list[str], limit: int = 5) -> tuple[str, ...]:
    """The offers most like what the target looked for, best first."""
    wanted = re.sub(r"[^a-z0-9áéíóúñ]+", " ", _words(target).lower())

    def likeness(offer: str) -> float:
        text = re.sub(r"[^a-z0-9áéíóúñ]+", " ", offer.lower())
        return difflib.SequenceMatcher(None, wanted, text).ratio()

    return tuple(sorted(dict.fromkeys(offers), key=likeness, reverse=True)[:limit])


def _aria_offers(page: Page, step: m.Step) -> tuple[str, ...]:
    """What the page offers instead, from its accessibility snapshot: the roles and names most
    like the missing target's."""
    from playwright.sync_api import Error as PlaywrightError

    if not step.targets:
        return ()
    try:
        snapshot = page.locator("body").aria_snapshot(timeout=5000)
    except PlaywrightError:
        return ()
    offers = [
        f'{role} "{name}"'
        for role, name in _ARIA_LINE.findall(snapshot)
        if role in _OFFER_ROLES and name.strip()
    ]
    return _scrubbed(_ranked(step.targets[0], offers))


def render(walk: Walk) -> list[str]:
    """A walk as lines for the terminal."""
    from autohelper.qa.cases import target_words

    lines = [t("check.walk", scenario=walk.scenario, target=target_words(walk.target))]
    marks = {"ok": "✔", "changed": "✘", "absent": "–", "not_checked": "·", "unreachable": "✘"}
    for step in walk.steps:
        line = f"  {marks.get(step.status, '?')} {step.index + 1}. {step.description}"
        if step.status == "not_checked" and step.detail:
            line += f" — {step.detail}"
        else:
            line += t(f"check.status.{step.status}")
        lines.append(line)
        if step.locator:
            lines.append("      " + t("check.locator", locator=step.locator))
        if step.url:
            lines.append("      " + t("check.url", url=step.url))
        if step.offers:
            lines.append("      " + t("check.offers", offers="; ".join(step.offers)))
    # Where the field is: the form's page, and its steps (the scenario's, counted from 1).
    where = " — " + t("check.url", url=walk.form_url) if walk.form_url else ""
    if walk.form_steps is not None:
        where += t("check.form_steps", steps=_steps(*walk.form_steps))
    for control in walk.new_required:
        lines.append("  ✘ " + t("check.new_required", field=control) + where)
    if walk.message and walk.status != "ok":
        lines += ["  " + line for line in walk.message.splitlines()]
    if walk.partial and walk.seen_until is not None:
        rest = _steps(walk.seen_until + 1, walk.step_count - 1)
        lines.append("  " + t("check.verdict.partial", step=walk.seen_until + 1, rest=rest))
    else:
        lines.append("  " + t(f"check.verdict.{walk.status}"))
    return lines


def _steps(first: int, last: int) -> str:
    """Steps `first` to `last` (0-based) as the terminal counts them, from 1."""
    if first == last:
        return t("check.step_one", step=first + 1)
    return t("check.step_range", first=first + 1, last=last + 1)

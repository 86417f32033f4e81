"""One guided or unattended run of a scenario, from files to a result, in three parts:

1. the plan (`plan_run`): everything that can be wrong with the input (scenario, profile,
   secrets, target) is checked before any browser starts;
2. the browser, from a provider (`browser/provider.py`: launched here, a Playwright server or
   a DevTools endpoint);
3. the execution (`execute`) of one scenario on one fresh context of that browser, with the
   run's listeners (the journal, the terminal's progress).

The target (the bundled mock, a mirror behind the front, or the live portals) is set up around
the run and the browser is closed whatever happens (Ctrl-C included).
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs

from autohelper import privacy, resume
from autohelper import profile as profiles
from autohelper.browser import has_display
from autohelper.browser.provider import BrowserProvider, provider_for
from autohelper.engine.events import Document, Progress, RunListener, RunResult
from autohelper.engine.retry import FAST, RetryPolicy
from autohelper.errors import MirrorUnreachable, UsageError, Words
from autohelper.files import os_problem, probe_folder, same_file
from autohelper.human import Human, SecretName, name_secrets, secret_env
from autohelper.journal import Journal
from autohelper.journal import default_path as default_journal_path
from autohelper.messages import t
from autohelper.once import refuse_repeat
from autohelper.privacy import RedactingFilter, Redactor, mask
from autohelper.privatefiles import make_private, own_private_dir, private_dir, write_private
from autohelper.resume import ResumePoint
from autohelper.scenario.loader import find_scenario, load_scenario, scenarios_dir
from autohelper.scenario.model import Scenario
from autohelper.target import TargetSpec, parse_against, shown_against
from autohelper.threads import exit_if_stuck

if TYPE_CHECKING:
    from playwright.sync_api import Browser

    from autohelper.browser.front import PortalFront
    from autohelper.engine.runner import RunOptions

log = logging.getLogger(__name__)

FIXTURES_DIR = Path(__file__).resolve().parents[1] / "fixtures"


def qa_profile_path(scenario: Scenario) -> Path:
    """The synthetic profile a QA run (or a demo) of `scenario` uses: its header's `qa_profile`."""
    return FIXTURES_DIR / "profiles" / f"{scenario.qa_profile}.yaml"


@dataclass
class SessionRequest:
    """What the CLI (or a test) asks for; `profile` is a name or a path (None: the default
    profile for students, the synthetic fixture profile for QA)."""

    scenario: str
    human: Human
    against: str = "live"
    profile: str | None = None
    mode: str = "student"  # "student" or "qa"
    headless: bool | None = None  # None: visible when a display exists
    browser: str | None = None
    artifacts: Path | None = None
    journal: Path | None = None
    mock_options: dict[str, Any] = field(default_factory=dict)
    step_timeout: float | None = None
    trace: Path | None = None  # a Playwright trace file; with a real profile, personal data
    again: bool = False  # run a scenario done once for good (`once: true`) again anyway
    resume: bool = False  # take up today's sent request at its link step (resume.py)
    connect: str | None = None  # a Playwright server's ws:// endpoint (browser/provider.py)
    cdp: str | None = None  # a Chromium's DevTools endpoint
    # Secrets given by the caller (a QA case's scripted person), before the environment's.
    secrets: dict[str, str] = field(default_factory=dict)
    # Profile fields that replace the profile's for this run only (a QA case's person).
    profile_values: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RunPlan:
    """Everything a run needs, checked: nothing here can fail once a browser is up."""

    scenario: Scenario
    target: TargetSpec
    mode: str
    profile: profiles.Profile
    profile_path: Path | None
    synthetic: bool  # the bundled test profile: never saved to, screenshots unmasked
    secrets: dict[str, str]
    redactor: Redactor
    options: RunOptions
    journal: Path | None
    mock_options: dict[str, Any]
    trace: Path | None
    headless: bool
    profile_key: str = ""  # whose run, in the journal: the profile file's resolved path
    resume: ResumePoint | None = None


@dataclass
class SessionResult:
    result: RunResult
    scenario: Scenario
    profile_path: Path | None
    artifacts: Path
    # What a live run yielded that the scenario says belongs in the profile, and that differs
    # from what the profile holds: offered to the student, never saved unasked.
    saveable: dict[str, str] = field(default_factory=dict)
    # The same from the mock or a mirror: made up there, shown but never offered for saving.
    simulated: dict[str, str] = field(default_factory=dict)


def _secrets(
    scenario: Scenario,
    ask: Callable[[str], str] | None,
    given: dict[str, str] | None = None,
    ask_later: bool = False,
) -> dict[str, str]:
    """As given (a QA case's scripted person), else from AUTOHELPER_SECRET_<NAME>, else a hidden
    prompt (`ask_later`: left out, for `ask_secrets` to ask once the run has said what it
    uses); never stored anywhere."""
    values: dict[str, str] = {}
    for name in scenario.needs.secrets:
        env = secret_env(name)
        value = (given or {}).get(name) or os.environ.get(env) or ""
        # Only spaces are no secret either (a variable set to " "): sent, it would use up one
        # of the portal's few sign-in tries. A secret's own spaces are kept.
        if not value.strip() and ask is not None:
            if ask_later:
                continue
            value = ask(name)
        if not value.strip():
            # Nobody to ask (QA, unattended): the variable is the only way, and is said alone.
            key = "session.secret_missing" if ask is not None else "session.secret_unattended"
            raise UsageError(key, name=SecretName(name), env=env)
        values[name] = value
    return values


def ask_secrets(plan: RunPlan, ask: Callable[[str], str] | None) -> None:
    """Ask the secrets a plan made with `ask_later` still lacks, and mask them from now on."""
    values = _secrets(plan.scenario, ask, plan.secrets)
    plan.redactor.add_secrets(value for name, value in values.items() if name not in plan.secrets)
    plan.secrets.update(values)


def _profile_ref(
    request: SessionRequest, spec: TargetSpec, scenario: Scenario
) -> tuple[str | Path, bool]:
    """The profile a run uses, and whether it is a bundled synthetic one: with no profile
    named, QA runs and the bundled mock (the demo) use the scenario's synthetic one."""
    if request.profile is None and (request.mode == "qa" or spec.kind == "fixtures"):
        return qa_profile_path(scenario), True
    return profiles.resolve_profile_path(request.profile), False


def profile_key(path: Path) -> str:
    """How the journal names a profile (as marks do): its file's resolved path."""
    return str(path.expanduser().resolve())


def journal_url(spec: TargetSpec) -> str | None:
    """How the journal names a mirror (its URL, never any credentials); None for live and the
    bundled mock. A send is resumed only against the mirror it went to."""
    return shown_against(spec.mirror_url) if spec.mirror_url else None


def pending_resume(request: SessionRequest) -> ResumePoint | None:
    """A request of this scenario sent today with this profile and target whose emailed link
    is still to be opened (a journal that is not there yet has none)."""
    path = request.journal or default_journal_path()
    if request.mode != "student" or not path.exists():
        return None
    scenario = load_scenario(find_scenario(request.scenario, scenarios_dir()))
    spec = parse_against(request.against)
    ref, _ = _profile_ref(request, spec, scenario)
    return resume.find(
        Journal(path), scenario, profile_key(Path(ref)), spec.kind, target_url=journal_url(spec)
    )


def refuse_mock_off_fixtures(spec: TargetSpec, mock_options: Collection[Any]) -> None:
    """Mock settings (`--mock`) change the bundled mock only: with any other target they would
    be silently ignored (and a student would be on the live portals thinking it a test). `run`,
    `qa` and `check` refuse them alike, before anything starts."""
    if mock_options and spec.kind != "fixtures":
        raise UsageError("session.mock_needs_fixtures")


def plan_run(
    request: SessionRequest,
    ask_secret: Callable[[str], str] | None = None,
    ask_later: bool = False,
) -> RunPlan:
    """Load and check everything a run needs, before any browser. `ask_later`: a secret to
    type is left for `ask_secrets`, so that it is asked after the run's opening lines."""
    from autohelper.engine.runner import RunOptions

    spec = parse_against(request.against)
    refuse_mock_off_fixtures(spec, request.mock_options)
    scenario = load_scenario(find_scenario(request.scenario, scenarios_dir()))
    if request.mode == "qa" and spec.is_live:
        raise UsageError("session.qa_live")
    profile_ref, synthetic = _profile_ref(request, spec, scenario)
    profile = profiles.load_profile(profile_ref, trusted=synthetic)
    if request.profile_values:
        profile = profiles.with_values(profile, request.profile_values)
    profile_path = profiles.resolve_profile_path(profile_ref)
    if request.trace is not None:
        check_trace(request.trace, profile_path, request.journal or default_journal_path())
    profiles.require_fields(profile, scenario.needs.profile, profile_path, dict(scenario.requires))
    # The journal is checked now (and migrated if older): a damaged one or a read-only disk is
    # found before the browser starts, not after a request was sent.
    journal = Journal(request.journal)
    key = profile_key(profile_path)
    if not request.again and not request.resume:
        refuse_repeat(
            scenario,
            request.mode,
            spec.kind,
            key,
            request.journal,
            journal_url(spec),
            institution=profile.institution,
            command_suffix=profiles.profile_suffix(request.profile),
        )
    point = None
    if request.resume:
        point = resume.resume_point(
            journal,
            scenario,
            key,
            spec.kind,
            target_url=journal_url(spec),
            command_suffix=profiles.profile_suffix(request.profile),
        )
    name_secrets(scenario.needs.secret_labels)
    secrets = _secrets(scenario, ask_secret, request.secrets, ask_later)
    redactor = profiles.redactor_for(profile)
    redactor.add_secrets(secrets.values())
    artifacts = request.artifacts or Path(platformdirs.user_cache_dir("autohelper")) / "runs"
    headless = request.headless if request.headless is not None else not has_display()
    _check_artifacts(artifacts, own=request.artifacts is None)
    options = RunOptions(
        artifacts=artifacts,
        live=spec.is_live,
        mask_screenshots=not synthetic,
        retry=FAST if not spec.is_live else RetryPolicy(),
        # A student at a visible browser may stand in for a step the live portal changed.
        hand_off=spec.is_live and request.mode == "student" and not headless,
        step_timeout=request.step_timeout or (15.0 if spec.is_live else 10.0),
        submit_timeout=45.0 if spec.is_live else 20.0,
        max_wait=request.step_timeout,
        start_at=point.step if point else 0,
        resumable=spec.kind != "fixtures",
    )
    return RunPlan(
        scenario=scenario,
        target=spec,
        mode=request.mode,
        profile=profile,
        profile_path=profile_path,
        synthetic=synthetic,
        secrets=secrets,
        redactor=redactor,
        options=options,
        journal=request.journal,
        mock_options=request.mock_options,
        trace=request.trace,
        headless=headless,
        profile_key=key,
        resume=point,
    )


def check_trace(trace: Path, profile_path: Path, journal_path: Path) -> None:
    """A trace is saved over whatever its path holds, at the end of the run: the profile in
    use, the journal, or any file that is not an earlier trace is refused now, by name."""
    import zipfile  # here: only a run with --trace needs it

    for key, other in (
        ("session.trace_is_profile", profile_path),
        ("session.trace_is_journal", journal_path),
    ):
        if same_file(trace, other):
            raise UsageError(key, path=str(trace))
    try:
        if not trace.exists():
            return
        # Playwright's traces are zips holding `trace.trace` (or `N-trace.trace`).
        if trace.is_file() and zipfile.is_zipfile(trace):
            with zipfile.ZipFile(trace) as archive:
                if any(name.endswith(".trace") for name in archive.namelist()):
                    return
    except (OSError, zipfile.BadZipFile) as exc:
        log.debug("trace %s: %s", trace, exc)
    raise UsageError("session.trace_not_a_trace", path=str(trace))


def _check_artifacts(folder: Path, own: bool) -> None:
    """The folder for the run's screenshots and CAPTCHA images, tried now: a folder that is a
    file, or a disk that refuses the write, is said before anything is sent. Made 0700 when
    missing; our own (the cache's `runs`) tightened to 0700 when there, but one the person
    named (`--artifacts .`) left as it is: its mode is theirs, and the files in it are 0600."""
    try:
        probe_folder(own_private_dir(folder) if own else private_dir(folder))
    except OSError as exc:
        raise UsageError(
            "session.artifacts_unusable", path=str(folder), reason=os_problem(exc, writing=True)
        ) from None


def opening_lines(plan: RunPlan) -> list[str]:
    """What the first lines of a run say: which profile (masked), which target, a trace that
    will hold personal data, a resumed send."""
    if plan.synthetic:
        who = t("session.profile_synthetic")
    else:
        assert plan.profile_path is not None
        who = t("session.profile_own", name=plan.profile_path.stem, who=_masked_name(plan))
    spec = plan.target
    target = t(f"session.target_{spec.kind}", url=spec.shown_url)
    lines = [t("session.using", profile=who, target=target)]
    if not plan.synthetic and spec.kind == "fixtures":
        lines.append(t("session.own_profile_on_mock"))
    elif not plan.synthetic and spec.kind == "mirror":
        lines.append(t("session.own_profile_on_mirror", url=spec.shown_url))
    if plan.trace is not None and not plan.synthetic:
        lines.append(t("cli.trace_warning", path=str(plan.trace)))
    if plan.resume is not None:
        lines.append(t("session.resuming", time=plan.resume.sent_time()))
    return lines


def _masked_name(plan: RunPlan) -> str:
    profile = plan.profile
    names = [
        mask(value, kind)
        for kind, value in (("names", profile.names), ("first_surname", profile.first_surname))
        if value
    ]
    if names:
        return " ".join(names)
    return mask(profile.curp, "curp") if profile.curp else "-"


@contextlib.contextmanager
def serve_target(spec: TargetSpec, mock_options: dict[str, Any]) -> Iterator[PortalFront | None]:
    """The front for a mock or mirror (None for live), started and stopped around the run."""
    if spec.is_live:
        yield None
        return
    from autohelper.browser.front import PortalFront

    mock = None
    upstream = spec.mirror_url or ""
    if spec.kind == "mirror":
        probe_mirror(upstream)
    if spec.kind == "fixtures":
        from autohelper.mock import MockPortal
        from autohelper.mock.config import build

        mock = MockPortal(build(mock_options))
        upstream = mock.start()
    front = PortalFront(upstream)
    front.start()
    try:
        yield front
    finally:
        front.stop()
        if mock is not None:
            mock.stop()


def probe_mirror(url: str, timeout: float = 10.0) -> None:
    """One request to the mirror before the browser starts: one that cannot be reached is said
    as such (the front would answer 502, which reads like a portal in maintenance). Any HTTP
    answer, even an error page, means it is there."""
    import http.client
    import socket
    import ssl
    import urllib.error
    import urllib.request

    class Stay(urllib.request.HTTPRedirectHandler):
        """A redirect is an answer: the mirror is there (and its target is no business of a
        probe: it may be off the portal's sites)."""

        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    # A test mirror's certificate is its own business: the front relays to it unverified too.
    context = ssl._create_unverified_context()  # noqa: S323
    opener = urllib.request.build_opener(Stay, urllib.request.HTTPSHandler(context=context))
    try:
        with opener.open(url + "/", timeout=timeout):
            return
    except urllib.error.HTTPError:
        return
    except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
        reason = getattr(exc, "reason", exc)
        log.debug("mirror %s unreachable: %r", shown_against(url), reason)
        if isinstance(reason, ConnectionRefusedError):
            key = "target.mirror_refused"
        elif isinstance(reason, TimeoutError | socket.timeout):
            key = "target.mirror_timeout"
        elif isinstance(reason, socket.gaierror):
            key = "target.mirror_unknown_host"
        elif isinstance(reason, ssl.SSLError):
            key = "target.mirror_tls"
        elif isinstance(reason, ConnectionResetError):  # RemoteDisconnected too
            # Closed without a word: often an HTTPS server spoken to in plain HTTP.
            key = "target.mirror_closed" if url.startswith("http:") else "target.mirror_other"
        elif isinstance(reason, http.client.HTTPException):
            key = "target.mirror_not_http"
        else:
            key = "target.mirror_other"
        raise MirrorUnreachable(url=shown_against(url), reason=Words(key)) from None


@contextlib.contextmanager
def redacting(redactor: Redactor) -> Iterator[None]:
    """Every log record of the run passes through the redactor, whatever handler prints it."""
    filt = RedactingFilter(redactor)
    root = logging.getLogger()
    handlers = list(root.handlers)
    for handler in handlers:
        handler.addFilter(filt)
    try:
        yield
    finally:
        for handler in handlers:
            handler.removeFilter(filt)


def execute(
    plan: RunPlan,
    browser: Browser,
    provider: BrowserProvider,
    front: PortalFront | None,
    human: Human,
    listeners: list[RunListener] | None = None,
    keep_trace: Callable[[RunResult | None], bool] | None = None,
    screencast: bool = True,
) -> RunResult:
    """Run the plan's scenario on a fresh context of `browser`; the context is closed after.

    With `plan.trace`, the trace is recorded and saved there, unless `keep_trace` says from the
    result (None after a crash) that it is not wanted (QA keeps it only on failure). Without
    `screencast` it holds each action's DOM snapshot but no film of the page, which costs about
    a third of a run's CPU (measured: docs/benchmark.md)."""
    from autohelper.engine.runner import run_scenario

    context = browser.new_context(
        **provider.context_options(front),
        locale="es-MX",
        viewport={"width": 1280, "height": 900},
    )
    if plan.trace is not None:
        # A trace holds every page as it was, personal data included: only on request.
        context.tracing.start(screenshots=screencast, snapshots=True)
    journal = Journal(plan.journal).listener(
        plan.mode,
        plan.target.kind,
        plan.redactor,
        plan.profile_key,
        plan.resume.run_id if plan.resume else None,
        journal_url(plan.target),
    )
    every = [Progress(human.progress), journal, *(listeners or [])]
    try:
        result = run_scenario(
            context.new_page(),
            plan.scenario,
            plan.profile.as_template_values(),
            plan.secrets,
            human,
            plan.options,
            every,
            plan.redactor,
        )
    except KeyboardInterrupt:
        # The browser's own close (the caller's) ends it all, the context with it; should
        # any of that hang, the person is not kept waiting.
        exit_if_stuck()
        raise
    except BaseException:
        _finish(context, plan.trace, keep_trace is None or keep_trace(None), _scrubber(plan))
        raise
    _finish(context, plan.trace, keep_trace is None or keep_trace(result), _scrubber(plan))
    return result


def _scrubber(plan: RunPlan) -> Redactor:
    """What a saved trace must not hold: the passwords typed, always (a synthetic profile's
    values stay, for QA to read); a student's own values too."""
    return plan.redactor if plan.options.mask_screenshots else plan.redactor.secrets_only()


def _finish(
    context: Any, trace: Path | None, keep: bool = True, scrub: Redactor | None = None
) -> None:
    """Save the trace (0600) if one was asked for and is kept, and close the context."""
    if trace is not None and keep:
        _save_trace(context, trace, scrub)
    elif trace is not None:
        context.tracing.stop()
    _close(context)


def _save_trace(context: Any, trace: Path, scrub: Redactor | None = None) -> None:
    """The trace holds every page as it was (`scrub`'s values taken out of its text: the DOM
    snapshots, the requests' bodies): it is written in a private folder (0700) beside its
    place, made 0600 there, then moved into place, so it is never readable by others, not even
    for a moment."""
    folder = Path(tempfile.mkdtemp(prefix=".autohelper-trace-", dir=trace.parent))
    try:
        staged = folder / "trace.zip"
        context.tracing.stop(path=str(staged))
        if scrub is not None:
            _scrub_zip(staged, folder / "scrubbed.zip", scrub)
        os.replace(make_private(staged), trace)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _scrub_zip(path: Path, spare: Path, scrub: Redactor) -> None:
    """Every text member of the zip at `path` through `scrub` (as the page wrote the values:
    in JSON, in HTML, in a form's body); images and other binary members as they are."""
    import zipfile

    with zipfile.ZipFile(path) as source, zipfile.ZipFile(spare, "w") as target:
        for member in source.infolist():
            data = source.read(member)
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                target.writestr(member, data)
                continue
            target.writestr(member, scrub(text).encode("utf-8"))
    os.replace(spare, path)


def run_session(
    request: SessionRequest, ask_secret: Callable[[str], str] | None = None
) -> SessionResult:
    """Plan, say what the run uses, set up the target and the browser, run, clean up."""
    plan = plan_run(request, ask_secret, ask_later=True)
    if request.headless is False and not has_display():
        # Chromium's own words for this are a wall of X11 errors.
        raise UsageError("browser.no_display")
    for line in opening_lines(plan):
        request.human.progress(line)
    # The password is typed once the student knows which profile and which portal it is for.
    ask_secrets(plan, ask_secret)
    offline = plan.target.kind != "live"
    provider = provider_for(request.browser, plan.headless, request.connect, request.cdp, offline)
    privacy.ACTIVE.merge(plan.redactor)
    from autohelper.browser.driver import playwright_session

    with (
        redacting(plan.redactor),
        serve_target(plan.target, plan.mock_options) as front,
        playwright_session() as pw,
    ):
        browser = provider.open(pw, front)
        try:
            result = execute(plan, browser, provider, front, request.human)
        finally:
            _close(browser)
    differs = _saveable(plan, result)
    live = plan.target.is_live
    return SessionResult(
        result,
        plan.scenario,
        plan.profile_path,
        plan.options.artifacts,
        saveable=differs if live else {},
        simulated={} if live else differs,
    )


def _saveable(plan: RunPlan, result: RunResult) -> dict[str, str]:
    if plan.synthetic or plan.mode != "student" or result.status != "success":
        return {}
    current = plan.profile.as_template_values()
    return {
        name: result.yields[name]
        for name in plan.scenario.save_to_profile
        if name in result.yields and result.yields[name] != current.get(name)
    }


def _close(closable: Any) -> None:
    """Close a browser or context whatever state it is in: after Ctrl-C, the terminal may have
    interrupted Chromium too, and a failing close must not hide why we are stopping."""
    from playwright.sync_api import Error as PlaywrightError

    try:
        closable.close()
    except PlaywrightError as exc:
        log.debug("close: %s", exc)


def save_to_profile(outcome: SessionResult, names: list[str]) -> Path:
    """Write the chosen yields into the student's profile (validated like any value)."""
    assert outcome.profile_path is not None
    values = {name: outcome.saveable[name] for name in names}
    return profiles.update_profile(outcome.profile_path, values).path


def keep_document(document: Document, folder: Path) -> Path:
    """A copy of a document the run downloaded, for the student: in `folder`, under the name the
    portal gave it, 0600, never over a file that is there already. Returns its path."""
    from autohelper.engine.evidence import safe_name

    name = Path(safe_name(document.filename, document.path.name))
    target = folder / name
    number = 1
    while target.exists():
        target = folder / f"{name.stem}-{number}{name.suffix}"
        number += 1
    return write_private(target, document.path.read_bytes())


def discard_documents(outcome: SessionResult) -> None:
    """Delete the run's own copies of what it downloaded (personal data: kept only if asked)."""
    for document in outcome.result.documents.values():
        document.path.unlink(missing_ok=True)

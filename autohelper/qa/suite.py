"""`autohelper qa` over many cases: the friendly front of the pytest plugin (`plugin.py`).

Everything the person can get wrong (case files, scenario names, the target, the shard) is
checked here, before any browser; then pytest runs in this process with the plugin, pytest's
terminal replaced by the plugin's own lines in the person's language, `-n N` for workers,
`--junitxml` and pytest-html for the reports. In this process rather than a child: a child
pytest paid a second interpreter and its imports, about a second of CPU per run. The exit code
is 0 only when every case behaved as expected (a shard with no case of its own has nothing to
fail: 0 too).

The run uses the machine: without `--workers`, one worker (a browser, a mock, a front) per CPU
this process may use, at most `MAX_DEFAULT_WORKERS`, never more than the cases that will run
(one runs in this process, without pytest-xdist's worker processes).
"""

from __future__ import annotations

import dataclasses
import errno
import logging
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from autohelper.errors import UsageError, Words
from autohelper.files import os_problem, probe_folder, same_file
from autohelper.messages import current_lang
from autohelper.privacy import typed
from autohelper.qa.cases import Case, case_files, cases_dir, load_cases
from autohelper.qa.shard import in_shard, read_shard
from autohelper.target import parse_against

# pytest's exit codes that are no failure of a case.
_OK = 0
_NO_TESTS = 5
# Where the evidence of failed cases goes without `--artifacts` (the plugin's default too).
DEFAULT_ARTIFACTS = Path("test-results") / "qa"
# The most workers a run starts unasked: each is a Python process, a Chromium, a mock and a
# front (a few hundred MB); more takes `--workers N` (up to 32).
MAX_DEFAULT_WORKERS = 8


@dataclass(frozen=True)
class SuiteRequest:
    """A QA run of many cases, as the command line asks for it."""

    scenarios: tuple[str, ...] = ()
    every: bool = False
    against: str = "fixtures"
    workers: int | None = None  # None: as many as the machine and the cases call for
    junit: Path | None = None
    html: Path | None = None
    shard: str | None = None
    cases: tuple[Path, ...] = ()
    artifacts: Path | None = None
    browser: str | None = None
    connect: str | None = None
    cdp: str | None = None
    profile: str | None = None


def available_cpus() -> int:
    """The CPUs this process may run on (a container's or `taskset`'s limit, where the system
    tells it), else the machine's."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def default_workers(cases: int, cpus: int | None = None) -> int:
    """The workers of a run that does not say (`--workers`): one per CPU, at most
    `MAX_DEFAULT_WORKERS`, never more than the `cases` that will run, at least one."""
    cpus = available_cpus() if cpus is None else cpus
    return max(1, min(cpus, MAX_DEFAULT_WORKERS, cases))


def _running(request: SuiteRequest, cases: Sequence[Case]) -> int:
    """How many of `cases` this run will run: those of its shard that run against its target
    (a case skipped there takes no worker)."""
    spec = parse_against(request.against)
    shard = read_shard(request.shard) if request.shard is not None else None
    return sum(
        1
        for case in cases
        if (shard is None or in_shard(case.id, shard))
        and case.runs_against(spec.kind, spec.mirror_url)
    )


def select(request: SuiteRequest) -> tuple[list[Path], list[Case]]:
    """The case files to run and their cases: every case file checked (all problems at once),
    then those of the scenarios named (or all with `--all`)."""
    files = case_files(request.cases or (cases_dir(),))
    files, chosen, _ = _choose(request, files, load_cases(files))
    return files, chosen


def _choose(
    request: SuiteRequest, files: list[Path], cases: list[Case]
) -> tuple[list[Path], list[Case], list[Path]]:
    """The files and cases of the scenarios named (or all), and the scenario files named."""
    from autohelper.scenario.loader import find_scenario, load_scenario, scenarios_dir
    from autohelper.scenario.nodes import did_you_mean

    if not cases:
        raise UsageError("qa.no_cases", paths=", ".join(str(path) for path in files))
    named: list[Path] = []
    if request.every or not request.scenarios:
        wanted = {case.scenario for case in cases}
    else:
        wanted = set()
        for name in request.scenarios:
            # The scenario's own id (a name or a file may be given, as for `run`).
            named.append(find_scenario(name, scenarios_dir()))
            wanted.add(load_scenario(named[-1]).id)
        covered = {case.scenario for case in cases}
        for name in sorted(wanted - covered):
            raise UsageError(
                "qa.no_cases_for",
                scenario=name,
                covered=", ".join(sorted(covered)) or "-",
                hint=did_you_mean(name, covered),
            )
    chosen = [case for case in cases if case.scenario in wanted]
    by_file = {Path(case.pos.file) for case in chosen}
    return [path for path in files if path in by_file], chosen, named


def _refuse_reports_over_inputs(
    request: SuiteRequest, files: Sequence[Path], cases: Sequence[Case], named: Sequence[Path]
) -> None:
    """A report written over a file the run reads (a case file, a scenario, the profile) would
    destroy it: refused before anything runs, as are two reports in one file."""
    from autohelper.profile import resolve_profile_path
    from autohelper.scenario.loader import load_scenario
    from autohelper.session import qa_profile_path

    given = (("--junit", request.junit), ("--html", request.html))
    reports = [(option, path) for option, path in given if path is not None]
    if len(reports) == 2 and same_file(reports[0][1], reports[1][1]):
        raise UsageError("qa.same_report", path=str(reports[0][1]))
    if not reports:
        return
    inputs: list[tuple[Path, Words]] = [(path, Words("qa.input.cases")) for path in files]
    scenarios = {case.scenario_path: case.scenario for case in cases}
    for named_path in named:
        scenarios.setdefault(str(named_path), load_scenario(named_path).id)
    for scenario_path, scenario_id in scenarios.items():
        inputs.append((Path(scenario_path), Words("qa.input.scenario", id=scenario_id)))
    if request.profile is not None:
        inputs.append((resolve_profile_path(request.profile), Words("qa.input.profile")))
    else:  # each scenario's synthetic profile
        for scenario_path in scenarios:
            profile = qa_profile_path(load_scenario(Path(scenario_path)))
            inputs.append((profile, Words("qa.input.profile")))
    for option, report in reports:
        for path, what in inputs:
            if same_file(report, path):
                raise UsageError("qa.report_is_input", option=option, path=str(report), what=what)
    # Not read by this run, but the student's: their other profiles, the journal.
    from autohelper.files import refuse_unrelated
    from autohelper.outputs import refuse_personal_outputs

    refuse_personal_outputs(dict(reports))
    # Nor anyone's file that is no earlier report of its kind (notes.yaml): the options took
    # YAML files through, for the refusals above to name them in their own words.
    for option, report in reports:
        refuse_unrelated(option, report, "junit" if option == "--junit" else "html")


def _refuse_unsafe_paths(files: Sequence[Path]) -> None:
    """pytest reads `::` in a path as a test's name and `[` as its parameters: such a case
    file would not run (a raw pytest error, or no case at all)."""
    for path in files:
        shown = os.path.abspath(path)
        for part in ("::", "["):
            if part in shown:
                raise UsageError("qa.case_path_unsafe", path=str(path), part=part)


def _evidence_folder(request: SuiteRequest) -> Path:
    """`--artifacts` (checked as the option was parsed), or the default `test-results/qa`
    under the current folder, checked the same way here: made if missing, a file tried in
    it, before any browser (each case would otherwise fail on it, with a traceback)."""
    if request.artifacts is not None:
        return request.artifacts.absolute()
    from autohelper.privatefiles import make_dirs

    folder = DEFAULT_ARTIFACTS.absolute()
    try:
        try:
            make_dirs(folder)
        except FileNotFoundError:
            # The folders above are there, yet nothing can be made in them (/proc, /sys).
            raise PermissionError(errno.EACCES, "cannot create files here") from None
        probe_folder(folder)
    except OSError as exc:
        reason = os_problem(exc, writing=True)
        raise UsageError("qa.artifacts_unwritable", path=str(folder), reason=reason) from None
    return folder


def pytest_args(
    request: SuiteRequest,
    files: Sequence[Path],
    artifacts: Path | None = None,
    reports: Mapping[str, Path] | None = None,
) -> list[str]:
    """The command line of the pytest run (as after `python -m pytest`). Every value is given
    as `--option=value` and every file as an absolute path, so that nothing the person named
    (`-k.yaml`, `-o.xml`) is read as an option of pytest's. `reports` are the files pytest is to
    write its JUnit and HTML reports to (by default, those of the request)."""
    root = Path(os.path.commonpath([str(path.resolve().parent) for path in files])).parent
    workers = request.workers or 1  # `run_suite` has chosen them when the person did not
    if reports is None:
        reports = {
            name: path
            for name, path in (("junit", request.junit), ("html", request.html))
            if path is not None
        }
    args = [
        # No configuration of whatever folder the person is in, no cache written there.
        f"--config-file={os.devnull}",
        f"--rootdir={root}",
        "-p",
        "no:cacheprovider",
        "-p",
        "no:terminal",
        # Plugins the cases do not use are not loaded either: pytest-playwright's fixtures,
        # and Hypothesis's (where it is installed, importing it costs each process of the run
        # most of a second).
        "-p",
        "no:playwright",
        "-p",
        "no:hypothesispytest",
        "--qa-front",
        f"--qa-lang={current_lang()}",
        f"--qa-against={request.against}",
        f"--numprocesses={workers if workers > 1 else 0}",
    ]
    if workers > 1:
        # Cases differ a lot in length (a missing element waits out its timeout): a worker
        # that is done takes cases from a busy one.
        args.append("--dist=worksteal")
    optional = {
        "--junitxml": reports.get("junit"),
        "--html": reports.get("html"),
        "--qa-shard": request.shard,
        "--qa-artifacts": artifacts if artifacts is not None else request.artifacts,
        "--qa-browser": request.browser,
        "--qa-connect": request.connect,
        "--qa-cdp": request.cdp,
        "--qa-profile": request.profile,
    }
    for option, value in optional.items():
        if value is not None:
            args.append(f"{option}={value}")
    if "html" in reports:
        args.append("--self-contained-html")
    level = logging.getLogger().getEffectiveLevel()
    if level < logging.WARNING:
        # `-v`/`-vv`: the cases' log lines on stderr as they come (pytest would keep them for
        # its reports), from the workers too.
        args += ["--capture=no", f"--qa-log-level={logging.getLevelName(level)}"]
    return [*args, *(os.path.abspath(path) for path in files)]


def _deliver(draft: Path, path: Path, key: str) -> None:
    """Write a report pytest wrote in the run's scratch folder where the person asked for it;
    a write that fails (a full disk, /dev/full) is said with the path, not as a traceback."""
    from autohelper.privatefiles import write_private

    try:
        data = draft.read_bytes()
        if path.exists() and not path.is_file():
            # A device or a pipe (/dev/stdout): written through, its mode left alone. Opened
            # without waiting: a pipe nobody reads fails at once (ENXIO), never hangs the run.
            fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
            os.set_blocking(fd, True)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
        else:
            write_private(path, data)
    except OSError as exc:
        raise UsageError(key, path=str(path), reason=os_problem(exc, writing=True)) from None


def run_suite(request: SuiteRequest) -> int:
    """Check everything, then run the cases with pytest (its lines are the plugin's); the
    exit code."""
    spec = parse_against(request.against)
    if spec.is_live:
        raise UsageError("session.qa_live")
    if request.shard is not None and read_shard(request.shard) is None:
        # The command line refuses it as it parses it; a caller of this function, here.
        raise UsageError("qa.bad_shard", option="--shard", value=typed(request.shard))
    from autohelper.browser.provider import provider_for

    # The browser options once, here: a wrong path or endpoint is one message, not one per case.
    provider_for(request.browser, True, request.connect, request.cdp, offline=True)
    every_file = case_files(request.cases or (cases_dir(),))
    every_case = load_cases(every_file)
    files, chosen, named = _choose(request, every_file, every_case)
    if request.workers is None:
        request = dataclasses.replace(request, workers=default_workers(_running(request, chosen)))
    _refuse_reports_over_inputs(request, every_file, every_case, named)
    _refuse_unsafe_paths(files)
    if spec.kind == "mirror":
        from autohelper.session import probe_mirror

        probe_mirror(spec.mirror_url or "")  # said once here, not once per case
    artifacts = _evidence_folder(request)
    import tempfile

    import pytest

    reports = {
        name: (path, key)
        for name, path, key in (
            ("junit", request.junit, "qa.junit_unwritable"),
            ("html", request.html, "qa.html_unwritable"),
        )
        if path is not None
    }
    # pytest writes the reports in a scratch folder of the run's own; each is then written
    # where the person asked for it: a write that fails there is said with its path, and a
    # run that stops early leaves a former report as it was.
    with tempfile.TemporaryDirectory(prefix="autohelper-qa-") as scratch:
        drafts = {name: Path(scratch) / f"{name}.report" for name in reports}
        # pytest writes the reports (and xdist's workers their evidence) with the process's
        # umask: 077 for the run, so none is readable by others even for an instant.
        before = os.umask(0o077)
        try:
            code = pytest.main(pytest_args(request, files, artifacts, drafts))
        finally:
            os.umask(before)
        refused: list[UsageError] = []
        for name, (path, key) in reports.items():
            if drafts[name].is_file():
                try:
                    _deliver(drafts[name], path, key)
                except UsageError as exc:  # the other report is still written
                    refused.append(exc)
    if code == pytest.ExitCode.INTERRUPTED:
        # pytest took the Ctrl-C and stopped; the command says so and ends with 130.
        raise KeyboardInterrupt
    if refused:
        raise refused[0]
    if code == _NO_TESTS and request.shard is None:
        # Every file given to pytest holds a case of the run: none collected is our bug (a
        # path pytest misread), never a silent success.
        raise RuntimeError(f"pytest collected no case of {[str(path) for path in files]}")
    return 0 if code in (_OK, _NO_TESTS) else 1

"""`autohelper qa` over many cases: the friendly front of the pytest plugin (`plugin.py`).

Everything the person can get wrong (case files, scenario names, the target, the shard) is
checked here, before any browser; then pytest runs in this process with the plugin, pytest's
terminal replaced by the plugin's own lines in the person's language, `-n N` for workers,
`--junitxml` and pytest-html for the reports. In this process rather than a child: a child
pytest paid a second interpreter and its imports, about a second of CPU per run. The exit code
is 0 only when every case behaved as expected (a shard with no case of its own has nothing to
fail: 0 too).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from autohelper.errors import UsageError
from autohelper.messages import current_lang
from autohelper.qa.cases import Case, case_files, cases_dir, load_cases
from autohelper.target import parse_against

# pytest's exit codes that are no failure of a case.
_OK = 0
_NO_TESTS = 5


@dataclass(frozen=True)
class SuiteRequest:
    """A QA run of many cases, as the command line asks for it."""

    scenarios: tuple[str, ...] = ()
    every: bool = False
    against: str = "fixtures"
    workers: int = 1
    junit: Path | None = None
    html: Path | None = None
    shard: str | None = None
    cases: tuple[Path, ...] = ()
    artifacts: Path | None = None
    browser: str | None = None
    connect: str | None = None
    cdp: str | None = None
    profile: str | None = None


def select(request: SuiteRequest) -> tuple[list[Path], list[Case]]:
    """The case files to run and their cases: every case file checked (all problems at once),
    then those of the scenarios named (or all with `--all`)."""
    from autohelper.scenario.loader import find_scenario, load_scenario, scenarios_dir
    from autohelper.scenario.nodes import did_you_mean

    files = case_files(request.cases or (cases_dir(),))
    cases = load_cases(files)
    if not cases:
        raise UsageError("qa.no_cases", paths=", ".join(str(path) for path in files))
    if request.every or not request.scenarios:
        wanted = {case.scenario for case in cases}
    else:
        wanted = set()
        for name in request.scenarios:
            # The scenario's own id (a name or a file may be given, as for `run`).
            wanted.add(load_scenario(find_scenario(name, scenarios_dir())).id)
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
    return [path for path in files if path in by_file], chosen


def pytest_args(request: SuiteRequest, files: Sequence[Path]) -> list[str]:
    """The command line of the pytest run (as after `python -m pytest`)."""
    root = Path(os.path.commonpath([str(path.resolve().parent) for path in files])).parent
    args = [
        # No configuration of whatever folder the person is in, no cache written there.
        "-c",
        os.devnull,
        "--rootdir",
        str(root),
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
        "--qa-lang",
        current_lang(),
        "--qa-against",
        request.against,
        "-n",
        str(request.workers if request.workers > 1 else 0),
    ]
    if request.workers > 1:
        # Cases differ a lot in length (a missing element waits out its timeout): a worker
        # that is done takes cases from a busy one.
        args += ["--dist", "worksteal"]
    optional = {
        "--junitxml": request.junit,
        "--html": request.html,
        "--qa-shard": request.shard,
        "--qa-artifacts": request.artifacts,
        "--qa-browser": request.browser,
        "--qa-connect": request.connect,
        "--qa-cdp": request.cdp,
        "--qa-profile": request.profile,
    }
    for option, value in optional.items():
        if value is not None:
            args += [option, str(value)]
    if request.html is not None:
        args.append("--self-contained-html")
    level = logging.getLogger().getEffectiveLevel()
    if level < logging.WARNING:
        # `-v`/`-vv`: the cases' log lines on stderr as they come (pytest would keep them for
        # its reports), from the workers too.
        args += ["--capture=no", "--qa-log-level", logging.getLevelName(level)]
    return [*args, *(str(path) for path in files)]


def run_suite(request: SuiteRequest) -> int:
    """Check everything, then run the cases with pytest (its lines are the plugin's); the
    exit code."""
    from autohelper.qa.plugin import parse_shard

    spec = parse_against(request.against)
    if spec.is_live:
        raise UsageError("session.qa_live")
    if request.shard is not None:
        try:
            parse_shard(request.shard)
        except Exception as exc:  # pytest's UsageError, with our message
            raise UsageError("qa.bad_shard", value=request.shard) from exc
    from autohelper.browser.provider import provider_for

    # The browser options once, here: a wrong path or endpoint is one message, not one per case.
    provider_for(request.browser, True, request.connect, request.cdp, offline=True)
    files, _ = select(request)
    if spec.kind == "mirror":
        from autohelper.session import probe_mirror

        probe_mirror(spec.mirror_url or "")  # said once here, not once per case
    from autohelper.privatefiles import make_dirs, make_private

    reports = [path for path in (request.junit, request.html) if path is not None]
    for path in reports:
        make_dirs(path.parent)
    import pytest

    # pytest writes the reports (and xdist's workers their evidence) with the process's umask:
    # 077 for the run, so none is readable by others even for an instant; an older report kept
    # its mode through the rewrite, so each is tightened afterwards too.
    before = os.umask(0o077)
    try:
        code = pytest.main(pytest_args(request, files))
    finally:
        os.umask(before)
        for path in reports:
            if path.is_file():
                make_private(path)
    if code == pytest.ExitCode.INTERRUPTED:
        # pytest took the Ctrl-C and stopped; the command says so and ends with 130.
        raise KeyboardInterrupt
    return 0 if code in (_OK, _NO_TESTS) else 1

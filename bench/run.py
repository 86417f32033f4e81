"""Speed benchmark: every number is a ratio against a baseline measured side by side.

1. The NSS flow in one process, one browser each, the subjects in turn (the order rotated every
   round): the engine (`run_scenario`, with a journal, as `autohelper qa` runs it), the same
   flow written by hand with Playwright, and with Selenium + chromedriver. A fresh context per
   run for each: a Playwright browser context, a WebDriver BiDi user context for Selenium.
2. A whole QA run: `autohelper qa imss-nss --against fixtures` as a process, against a
   hand-written script started the same way (bench/standalone.py).
3. Start-up: `autohelper --help`, `autohelper status --json`, `import autohelper.cli`, against
   `python -c pass`; and `status` with a thousand runs in the journal against an empty one.
4. QA throughput (`--qa`, bench/throughput.py): the bundled case set with 1, 2 and 4 workers.
5. The parallel model (`--qa`): K worker processes against one async process, K flows at a time.

Run with `make bench` or `.venv/bin/python bench/run.py --runs N`. Absolute seconds depend on
the machine; the ratios are what DESIGN.md's "Speed" section asks about. The load average is
printed with the results: a busy machine makes every number noisier.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

import throughput  # noqa: E402
from flows import MOCK_SETTINGS, engine_flow, playwright_flow, selenium_flow  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SCENARIO = ROOT / "scenarios" / "imss-nss.yaml"
PROFILE = ROOT / "fixtures" / "profiles" / "student.yaml"
RESULTS = Path(__file__).resolve().parent / "results.json"
TIMEOUT_MS = 30_000
# DESIGN.md "Speed" and issue 12: (subject, baseline) -> (bound, "max" or "min").
TARGETS = {
    ("engine", "playwright"): (1.05, "max"),
    ("selenium", "engine"): (1.3, "min"),
    ("autohelper qa", "hand-written process"): (1.05, "max"),
    ("autohelper --help", "python -c pass"): (3.0, "max"),
}

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

    from autohelper.browser.front import PortalFront


@dataclass(frozen=True)
class Comparison:
    """Median seconds of a subject and its baseline, and their ratio."""

    name: str
    subject: str
    baseline: str
    subject_median: float
    baseline_median: float
    subject_samples: list[float]
    baseline_samples: list[float]

    @property
    def ratio(self) -> float:
        """Median of the subject over median of the baseline."""
        return self.subject_median / self.baseline_median

    @property
    def paired_ratio(self) -> float:
        """Median of the run-by-run ratios: steadier when the machine's load drifts, since
        the samples were taken interleaved."""
        pairs = zip(self.subject_samples, self.baseline_samples, strict=True)
        return statistics.median(s / b for s, b in pairs)

    def as_dict(self) -> dict[str, Any]:
        return {
            **asdict(self),
            "ratio": round(self.ratio, 3),
            "paired_ratio": round(self.paired_ratio, 3),
        }


# -- 1. the flow in one process ----------------------------------------------------------------
def bench_flows(runs: int, with_selenium: bool) -> list[Comparison]:
    """Engine, hand-written Playwright and Selenium on the NSS flow, in turn, the order rotated
    every round so that none always runs first (after another's clean-up) or last."""
    from playwright.sync_api import sync_playwright

    from autohelper.browser import find_browser
    from autohelper.browser.front import PortalFront
    from autohelper.browser.provider import launch_args
    from autohelper.mock import MockPortal
    from autohelper.mock.config import build
    from autohelper.scenario.loader import load_scenario

    scenario = load_scenario(SCENARIO)
    profile = _profile_values()
    curp, email = profile["curp"], profile["email"]
    samples: dict[str, list[float]] = {"engine": [], "playwright": []}
    with (
        MockPortal(build(MOCK_SETTINGS)) as portal,
        PortalFront(portal.url) as front,
        sync_playwright() as playwright,
        tempfile.TemporaryDirectory(prefix="autohelper-bench-") as tmp,
    ):
        browser = playwright.chromium.launch(
            executable_path=find_browser(shell=True).path,
            headless=True,
            args=launch_args(True, front),
        )
        subjects: dict[str, Callable[[], object]] = {
            "engine": lambda: _in_fresh_context(
                browser, lambda page: engine_flow(page, scenario, profile, Path(tmp))
            ),
            "playwright": lambda: _in_fresh_context(
                browser, lambda page: playwright_flow(page, curp, email)
            ),
        }
        driver = _selenium(front) if with_selenium else None
        if driver is not None:
            samples["selenium"] = []
            subjects["selenium"] = lambda: _selenium_run(driver, curp, email)
        try:
            for subject in subjects.values():  # warm-up: first navigation, TLS, caches
                portal.reset()
                subject()
            names = list(subjects)
            for round_ in range(runs):
                shift = round_ % len(names)
                for name in names[shift:] + names[:shift]:
                    portal.reset()
                    samples[name].append(_timed(subjects[name]))
        finally:
            if driver is not None:
                driver.quit()
            browser.close()
    comparisons = [_compare("the NSS flow", "engine", "playwright", samples)]
    if with_selenium:
        comparisons.append(_compare("the NSS flow", "selenium", "engine", samples))
    return comparisons


def _in_fresh_context(browser: Browser, flow: Callable[[Page], object]) -> object:
    """Run `flow` on the first page of a new context, closed afterwards."""
    context = browser.new_context(ignore_https_errors=True, locale="es-MX")
    context.set_default_timeout(TIMEOUT_MS)
    try:
        return flow(context.new_page())
    finally:
        context.close()


def _selenium(front: PortalFront) -> Any:
    """A Selenium session on Debian's chromedriver and Chromium, reaching the mock through the
    same front, with the same flags as the engine's browser."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ModuleNotFoundError:
        raise SystemExit(
            "selenium not installed: `make bench` installs the benchmark's own set-up "
            "(or run with --skip-selenium)"
        ) from None

    from autohelper.browser import find_browser
    from autohelper.browser.provider import launch_args

    chromedriver = shutil.which("chromedriver")
    if chromedriver is None:
        raise SystemExit("chromedriver not found: `make bench` installs Debian's chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = find_browser(shell=True).path or ""
    for arg in ("--headless=new", "--no-sandbox", "--ignore-certificate-errors"):
        options.add_argument(arg)
    for arg in launch_args(True, front):
        options.add_argument(arg)
    options.add_argument("--lang=es-MX")
    options.enable_bidi = True  # user contexts: the isolation of a fresh Playwright context
    driver = webdriver.Chrome(service=Service(chromedriver), options=options)
    driver.set_script_timeout(TIMEOUT_MS / 1000)
    return driver


def _selenium_run(driver: Any, curp: str, email: str) -> object:
    """One Selenium run with the isolation each Playwright run has: a tab in a user context of
    its own (WebDriver BiDi's `browser.createUserContext`, what Chromium calls a browser
    context: no cookies, storage or cache shared), removed afterwards. The session's first tab
    stays open so that the session lives on."""
    home = driver.current_window_handle
    user_context = driver.browser.create_user_context(accept_insecure_certs=True)
    tab = driver.browsing_context.create(type="tab", user_context=user_context)
    driver.switch_to.window(tab)
    try:
        return selenium_flow(driver, curp, email)
    finally:
        driver.browsing_context.close(tab)
        driver.browser.remove_user_context(user_context)
        driver.switch_to.window(home)


# -- 2. a whole QA run, as a process --------------------------------------------------------------
def bench_process(runs: int) -> list[Comparison]:
    """`autohelper qa` against the hand-written whole-process script, started the same way."""
    python = sys.executable
    cli = shutil.which("autohelper", path=str(Path(python).parent)) or "autohelper"
    mock = [arg for key, value in MOCK_SETTINGS.items() for arg in ("--mock", f"{key}={value}")]
    with tempfile.TemporaryDirectory(prefix="autohelper-bench-") as tmp:
        env = {
            **os.environ,
            "AUTOHELPER_DATA_DIR": str(Path(tmp) / "data"),
            "XDG_CACHE_HOME": str(Path(tmp) / "cache"),
        }
        commands = {
            "autohelper qa": [cli, "qa", "imss-nss", "--against", "fixtures", *mock],
            "hand-written process": [python, str(Path(__file__).parent / "standalone.py")],
        }
        samples = _rotated(commands, runs, env)
    return [_compare("a whole QA run", "autohelper qa", "hand-written process", samples)]


# -- 3. start-up --------------------------------------------------------------------------------
def bench_startup(runs: int) -> list[Comparison]:
    """`autohelper --help`, `status --json` and `import autohelper.cli` against a bare
    interpreter; `status` with a thousand runs in the journal against an empty journal."""
    python = sys.executable
    cli = shutil.which("autohelper", path=str(Path(python).parent)) or "autohelper"
    with tempfile.TemporaryDirectory(prefix="autohelper-bench-") as tmp:
        empty, full = _status_homes(Path(tmp))
        commands = {
            "python -c pass": ([python, "-c", "pass"], None),
            "autohelper --help": ([cli, "--help"], None),
            "import autohelper.cli": ([python, "-c", "import autohelper.cli"], None),
            "autohelper status --json": ([cli, "status", "--json"], empty),
            "status, 1000 runs in the journal": ([cli, "status", "--json"], full),
        }
        samples = _rotated(
            {name: argv for name, (argv, _) in commands.items()},
            runs,
            envs={name: env for name, (_, env) in commands.items()},
        )
    return [
        _compare("start-up", "autohelper --help", "python -c pass", samples),
        _compare("start-up", "import autohelper.cli", "python -c pass", samples),
        _compare("start-up", "autohelper status --json", "python -c pass", samples),
        _compare(
            "the journal at scale",
            "status, 1000 runs in the journal",
            "autohelper status --json",
            samples,
        ),
    ]


def _status_homes(tmp: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Two homes for `status`: a student's profile and an empty journal, and the same profile
    with a journal of a thousand runs (a year of a busy student's, and more)."""
    from autohelper.journal import Journal
    from autohelper.profile import update_profile

    homes = []
    for name, runs in (("empty", 0), ("full", 1000)):
        env = {
            **os.environ,
            "AUTOHELPER_CONFIG_DIR": str(tmp / name / "config"),
            "AUTOHELPER_DATA_DIR": str(tmp / name / "data"),
            "XDG_CACHE_HOME": str(tmp / name / "cache"),
        }
        os.environ.update({k: env[k] for k in ("AUTOHELPER_CONFIG_DIR", "AUTOHELPER_DATA_DIR")})
        raw = yaml.safe_load(PROFILE.read_text(encoding="utf-8"))
        update_profile(
            "default",
            {k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in raw.items()},
        )
        journal = Journal()
        for n in range(runs):
            scenario = ("imss-nss", "itson-solicitud", "imss-vigencia", "imss-umf")[n % 4]
            run_id = journal.start_run(scenario, "live" if n % 3 else "fixtures", "student")
            journal.end_run(run_id, "error" if n % 5 else "success", "mensaje", {"folio": str(n)})
        homes.append(env)
    return homes[0], homes[1]


def _profile_values() -> dict[str, str]:
    """The synthetic QA profile's values, as templates read them."""
    raw = yaml.safe_load(PROFILE.read_text(encoding="utf-8"))
    return {k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in raw.items()}


# -- measuring ----------------------------------------------------------------------------------
def _timed(action: Callable[[], object]) -> float:
    """Seconds `action` took, on the monotonic performance clock."""
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _rotated(
    commands: dict[str, list[str]],
    runs: int,
    env: dict[str, str] | None = None,
    envs: dict[str, dict[str, str] | None] | None = None,
) -> dict[str, list[float]]:
    """Wall seconds of each command, run `runs` times in turns whose order rotates."""

    def run(name: str) -> float:
        argv, where = commands[name], (envs or {}).get(name) or env
        return _timed(lambda: subprocess.run(argv, check=True, capture_output=True, env=where))

    names = list(commands)
    for name in names:  # warm the page cache and .pyc files
        run(name)
    samples: dict[str, list[float]] = {name: [] for name in names}
    for round_ in range(runs):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            samples[name].append(run(name))
    return samples


def _compare(what: str, subject: str, baseline: str, samples: dict[str, list[float]]) -> Comparison:
    return Comparison(
        what,
        subject,
        baseline,
        statistics.median(samples[subject]),
        statistics.median(samples[baseline]),
        samples[subject],
        samples[baseline],
    )


def playwright_modules_after_cli_import() -> list[str]:
    """Modules named `playwright*` in `sys.modules` after `import autohelper.cli`, in a clean
    interpreter (this process has imported Playwright itself)."""
    probe = (
        "import json, sys, autohelper.cli; "
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'playwright')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True
    ).stdout
    return list(json.loads(out))


# -- report -------------------------------------------------------------------------------------
def verdict(comparison: Comparison) -> str:
    """ "ok", "MISSED" or "" (no target) for a comparison's paired ratio."""
    target = TARGETS.get((comparison.subject, comparison.baseline))
    if target is None:
        return ""
    bound, kind = target
    met = comparison.paired_ratio <= bound if kind == "max" else comparison.paired_ratio >= bound
    return f"{'ok' if met else 'MISSED'} ({'≤' if kind == 'max' else '≥'} {bound})"


def print_table(comparisons: Sequence[Comparison]) -> None:
    """A small fixed-width table: subject, baseline, their medians, the ratios, the target."""
    rows = [("subject", "baseline", "subject s", "baseline s", "ratio", "paired", "target")]
    rows += [
        (
            c.subject,
            c.baseline,
            f"{c.subject_median:.3f}",
            f"{c.baseline_median:.3f}",
            f"{c.ratio:.2f}",
            f"{c.paired_ratio:.2f}",
            verdict(c),
        )
        for c in comparisons
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for n, row in enumerate(rows):
        print(
            "  ".join(
                cell.ljust(w) if i in (0, 1, 6) else cell.rjust(w)
                for i, (cell, w) in enumerate(zip(row, widths, strict=True))
            )
        )
        if n == 0:
            print("  ".join("-" * w for w in widths))


def compile_ahead() -> int:
    """Our modules compiled, as `make bytecode` (and `make bench`) does: where
    PYTHONDONTWRITEBYTECODE is set, a module changed since its last compile is compiled from
    source in every process that imports it, and each process subject would pay for it (an
    edited CLI module put `--help` at 3.1 times a bare interpreter instead of 2.5). Returns how
    many modules needed it."""
    import compileall
    import importlib.util

    package = Path(__file__).resolve().parent.parent / "autohelper"
    stale = 0
    for source in package.rglob("*.py"):
        cached = Path(importlib.util.cache_from_source(str(source)))
        if not cached.exists() or cached.stat().st_mtime < source.stat().st_mtime:
            stale += 1
    if stale:
        compileall.compile_dir(str(package), quiet=1)
    return stale


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=9, help="measured rounds (default 9)")
    parser.add_argument("--skip-flows", action="store_true", help="no browser flows")
    parser.add_argument("--skip-process", action="store_true", help="no whole-process runs")
    parser.add_argument("--skip-selenium", action="store_true", help="no Selenium subject")
    parser.add_argument("--qa", action="store_true", help="also QA throughput and the model")
    parser.add_argument("--qa-only", action="store_true", help="QA throughput and the model only")
    parser.add_argument("--qa-rounds", type=int, default=3, help="rounds of the QA runs")
    parser.add_argument("--qa-cases", type=Path, help="case files for the QA part (default: all)")
    parser.add_argument("--output", type=Path, default=RESULTS, help="where the JSON goes")
    # The children of part 5 (not for people).
    parser.add_argument("--flow-child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--processes-child", type=int, nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--async-child", type=int, nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.flow_child is not None:
        throughput.flow_child(args.flow_child)
        return 0
    if args.processes_child is not None:
        throughput.processes_child(*args.processes_child)
        return 0
    if args.async_child is not None:
        throughput.async_child(*args.async_child)
        return 0
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    stale = compile_ahead()
    if stale:
        print(f"compiled ahead (their bytecode was stale or missing): {stale} module(s)")
    load_before = [round(x, 2) for x in os.getloadavg()]
    leaked = playwright_modules_after_cli_import()
    comparisons: list[Comparison] = []
    if not args.qa_only:
        if not args.skip_flows:
            comparisons += bench_flows(args.runs, not args.skip_selenium)
        if not args.skip_process:
            comparisons += bench_process(args.runs)
        comparisons += bench_startup(args.runs)
    qa: list[throughput.Throughput] = []
    model: list[throughput.Throughput] = []
    if args.qa or args.qa_only:
        print(f"QA throughput, load average before: {[round(x, 2) for x in os.getloadavg()]}")
        qa = throughput.bench_qa((1, 2, 4), args.qa_rounds, args.qa_cases)
        model = throughput.bench_model((1, 4), flows=3, rounds=args.qa_rounds)
    load_after = [round(x, 2) for x in os.getloadavg()]

    rounds = [f"{args.runs} rounds"] if comparisons else []
    if qa:
        rounds.append(f"QA {args.qa_rounds} round(s)")
    print(
        f"{', '.join(rounds) or 'no rounds'}, medians; python {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} CPUs, "
        f"load average {load_before} before, {load_after} after"
    )
    if comparisons:
        print_table(comparisons)
    print(f"playwright modules after `import autohelper.cli`: {leaked or 'none'}")
    ok = not leaked and all("MISSED" not in verdict(c) for c in comparisons)
    if qa:
        throughput.print_throughput(qa, qa[0])
        for entry in qa[1:]:
            workers = int(entry.name.rsplit(" ", 1)[1])
            target = throughput.QA_TARGETS.get(workers)
            ratio = entry.per_minute / qa[0].per_minute
            if target is not None:
                met = ratio >= target
                mark = "ok" if met else "MISSED"
                print(f"{entry.name} / --workers 1: {ratio:.2f} ({mark} ≥ {target})")
                ok = ok and met
    if model:
        throughput.print_throughput(model, model[0])
    args.output.write_text(
        json.dumps(
            {
                "runs": args.runs,
                "python": platform.python_version(),
                "machine": platform.machine(),
                "cpus": os.cpu_count(),
                "load_average": {"before": load_before, "after": load_after},
                "playwright_modules_after_cli_import": leaked,
                "ok": ok,
                "comparisons": [{**c.as_dict(), "target": verdict(c)} for c in comparisons],
                "qa_throughput": [entry.as_dict() for entry in qa],
                "parallel_model": [entry.as_dict() for entry in model],
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"written {args.output}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

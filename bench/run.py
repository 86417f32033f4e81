"""Speed benchmark: every number is a ratio against a baseline measured side by side.

1. Engine overhead: the imss-nss scenario run by the engine versus a hand-written Playwright
   script of the same flow. Same browser (one launch), same mock portal, same front; the two
   alternate (A, B, A, B...) and each run gets a fresh browser context.
2. Start-up: `autohelper --help` and `import autohelper.cli` versus a bare `python -c pass`
   (and versus `import playwright.sync_api`, the cost the CLI avoids by importing it lazily).
3. QA throughput: the whole bundled case set (`autohelper qa --all --against fixtures`) with
   `--workers 1`, 2 and 4, interleaved; cases per minute against one worker, and the peak
   memory of the whole process tree (pytest, its workers, their browsers).
4. The parallel model (issue 6): the hand-written flow run K at a time by K worker processes
   (a sync browser each, as QA's workers are) versus one process driving K contexts of one
   browser with Playwright's async API; flows per minute and peak memory.

Run with `make bench` or `.venv/bin/python bench/run.py --runs N`. Absolute seconds depend on
the machine; the ratios are what DESIGN.md's "Speed" section asks about.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
SCENARIO = ROOT / "scenarios" / "imss-nss.yaml"
PROFILE = ROOT / "fixtures" / "profiles" / "student.yaml"
RESULTS = Path(__file__).resolve().parent / "results.json"
START_URL = "https://www.imss.gob.mx/tramites/imss02008"
ENGINE_TARGET = 1.5  # engine/baseline ratio DESIGN.md calls "near 1"
TIMEOUT_MS = 30_000

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

    from autohelper.scenario.model import Scenario


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


def _timed(action: Callable[[], object]) -> float:
    """Seconds `action` took, on the monotonic performance clock."""
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


# -- 1. engine overhead -------------------------------------------------------------------------
def baseline_flow(page: Page, curp: str, email: str) -> str:
    """The imss-nss flow written by hand with Playwright; returns the NSS shown at the end."""
    page.goto(START_URL, wait_until="domcontentloaded")
    page.get_by_role("link", name="TRÁMITE DIGITALIZADO").click()
    page.get_by_role("button", name="INICIAR").click()  # an <a role=button>
    page.get_by_role("button", name="Aceptar", exact=True).click()
    page.fill("#registroCurp", curp)
    page.fill("#correoInput", email)
    page.locator("#correoConfirmacionInput").press_sequentially(email)
    captcha = page.evaluate(
        "async () => (await fetch('/__mock__/captcha', {cache: 'no-store'})).text()"
    )
    page.fill("input[name=captcha]", str(captcha).strip())
    with page.expect_navigation(wait_until="domcontentloaded"):
        page.click("#continuar")
    page.wait_for_selector("div.alert-success")
    outbox = json.loads(
        page.evaluate("async () => (await fetch('/__mock__/outbox', {cache: 'no-store'})).text()")
    )
    link = next(
        link
        for message in reversed(outbox)
        for link in message.get("links", [])
        if "confirmacionUrl" in link
    )
    page.goto(link, wait_until="domcontentloaded")
    text = page.locator("div.alert-success").inner_text()
    if not any(ch.isdigit() for ch in text):
        raise RuntimeError(f"baseline: no NSS on the final page: {text!r}")
    return text


def engine_flow(page: Page, scenario: Scenario, profile: dict[str, str], artifacts: Path) -> str:
    """The same flow, run by the engine exactly as `autohelper qa` would."""
    from autohelper.engine.retry import FAST
    from autohelper.engine.runner import RunOptions, run_scenario
    from autohelper.human import ScriptedHuman

    options = RunOptions(artifacts=artifacts, live=False, retry=FAST)
    result = run_scenario(page, scenario, profile, {}, ScriptedHuman(), options)
    if result.status != "success" or "nss" not in result.yields:
        raise RuntimeError(f"engine: {result.status}: {result.message}")
    return result.yields["nss"]


def bench_engine(runs: int) -> Comparison:
    """Alternate engine and baseline runs in one browser, a fresh context for each."""
    from playwright.sync_api import sync_playwright

    from autohelper.browser import BASE_ARGS, find_browser
    from autohelper.browser.front import PortalFront
    from autohelper.mock import MockPortal
    from autohelper.scenario.loader import load_scenario

    scenario = load_scenario(SCENARIO)
    raw = yaml.safe_load(PROFILE.read_text(encoding="utf-8"))
    profile = {k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in raw.items()}
    engine_times: list[float] = []
    baseline_times: list[float] = []
    with (
        # A person who already has an NSS: the scenario does not fill the address step yet.
        MockPortal(_nss_found()) as portal,
        PortalFront(portal.url) as front,
        sync_playwright() as playwright,
        tempfile.TemporaryDirectory(prefix="autohelper-bench-") as tmp,
    ):
        browser = playwright.chromium.launch(
            executable_path=find_browser().path,
            headless=True,
            args=[*BASE_ARGS, *front.launch_args()],
        )

        def in_context(flow: Callable[[Page], object]) -> Callable[[], object]:
            def run() -> object:
                return _in_fresh_context(browser, flow)

            return run

        engine = in_context(lambda page: engine_flow(page, scenario, profile, Path(tmp)))
        baseline = in_context(lambda page: baseline_flow(page, profile["curp"], profile["email"]))
        engine()  # warm-up of both: first navigation, TLS session, JIT, font caches
        baseline()
        for _ in range(runs):
            portal.reset()
            engine_times.append(_timed(engine))
            portal.reset()
            baseline_times.append(_timed(baseline))
        browser.close()
    return Comparison(
        "engine overhead (imss-nss flow)",
        "engine run_scenario",
        "hand-written Playwright",
        statistics.median(engine_times),
        statistics.median(baseline_times),
        engine_times,
        baseline_times,
    )


def _nss_found() -> Any:
    from autohelper.mock.config import MockConfig

    return MockConfig().changed({"imss.nss_found": True})


def _in_fresh_context(browser: Browser, flow: Callable[[Page], object]) -> object:
    """Run `flow` on the first page of a new context, closed afterwards."""
    context = browser.new_context(ignore_https_errors=True, locale="es-MX")
    context.set_default_timeout(TIMEOUT_MS)
    try:
        return flow(context.new_page())
    finally:
        context.close()


# -- 2. start-up --------------------------------------------------------------------------------
def _command_time(argv: Sequence[str]) -> float:
    """Wall seconds of one subprocess run, which must succeed."""
    return _timed(lambda: subprocess.run(argv, check=True, capture_output=True))


def bench_startup(runs: int) -> list[Comparison]:
    """`autohelper --help` and `import autohelper.cli` against bare and Playwright imports."""
    python = sys.executable
    cli = shutil.which("autohelper", path=str(Path(python).parent)) or "autohelper"
    commands = {
        "python -c pass": [python, "-c", "pass"],
        "import playwright.sync_api": [python, "-c", "import playwright.sync_api"],
        "autohelper --help": [cli, "--help"],
        "import autohelper.cli": [python, "-c", "import autohelper.cli"],
    }
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for argv in commands.values():  # warm the page cache and .pyc files
        _command_time(argv)
    for _ in range(runs):
        for name, argv in commands.items():  # interleaved, like the engine runs
            samples[name].append(_command_time(argv))

    def compare(subject: str, baseline: str) -> Comparison:
        return Comparison(
            f"start-up: {subject}",
            subject,
            baseline,
            statistics.median(samples[subject]),
            statistics.median(samples[baseline]),
            samples[subject],
            samples[baseline],
        )

    return [
        compare("autohelper --help", "python -c pass"),
        compare("import autohelper.cli", "python -c pass"),
        compare("import autohelper.cli", "import playwright.sync_api"),
        compare("import playwright.sync_api", "python -c pass"),
    ]


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


# -- memory of a process tree -------------------------------------------------------------------
def _tree_rss(root: int) -> int:
    """Bytes of memory of `root` and all its descendants: the sum of their proportional set
    sizes (PSS), so pages they share are counted once."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
            parents[int(stat.parent.name)] = int(fields[1])
        except (OSError, ValueError, IndexError):
            continue
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        children = [child for child, parent in parents.items() if parent == pid]
        tree.update(children)
        frontier.extend(children)
    total = 0
    for pid in tree:
        try:
            # PSS: a page shared by n processes counts 1/n in each (Chromium shares a lot).
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        found = re.search(r"^Pss:\s+(\d+) kB", rollup, re.M)
        total += int(found.group(1)) * 1024 if found else 0
    return total


class PeakMemory:
    """Samples a process tree's memory while it runs (a bench may poll; the engine never does)."""

    def __init__(self, pid: int, every: float = 0.5) -> None:
        self.pid, self.every, self.peak = pid, every, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _tree_rss(self.pid))
            self._stop.wait(self.every)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _run_measured(argv: Sequence[str]) -> tuple[float, int, str]:
    """Wall seconds, peak tree memory (bytes) and stdout of one command, which must succeed."""
    started = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    with PeakMemory(child.pid) as memory:
        out, _ = child.communicate()
    elapsed = time.perf_counter() - started
    if child.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited {child.returncode}:\n{out[-3000:]}")
    return elapsed, memory.peak, out


@dataclass
class Throughput:
    """One configuration measured several times: items done per run, seconds, peak memory."""

    name: str
    items: int
    seconds: list[float]
    peak_bytes: list[int]

    @property
    def per_minute(self) -> float:
        return 60 * self.items / statistics.median(self.seconds)

    @property
    def peak_mib(self) -> float:
        return max(self.peak_bytes) / 2**20

    def as_dict(self) -> dict[str, Any]:
        return {
            **asdict(self),
            "per_minute": round(self.per_minute, 2),
            "peak_mib": round(self.peak_mib, 1),
        }


# -- 3. QA throughput ---------------------------------------------------------------------------
QA_TARGETS = {2: 1.4, 4: 1.6}  # cases per minute against one worker (issue 11)


def bench_qa(workers: Sequence[int], rounds: int) -> list[Throughput]:
    """The bundled set with each worker count, interleaved round by round."""
    results = {n: Throughput(f"qa --workers {n}", 0, [], []) for n in workers}
    with tempfile.TemporaryDirectory(prefix="autohelper-bench-qa-") as tmp:
        env_data = Path(tmp) / "data"
        for round_ in range(rounds):
            for n in workers:
                argv = [
                    sys.executable,
                    "-m",
                    "autohelper",
                    "qa",
                    "--all",
                    "--against",
                    "fixtures",
                    "--workers",
                    str(n),
                    "--artifacts",
                    str(Path(tmp) / f"evidence-{n}"),
                ]
                os.environ["AUTOHELPER_DATA_DIR"] = str(env_data)
                seconds, peak, out = _run_measured(argv)
                found = re.search(r"^(\d+) caso\(s\): (\d+) como se esperaba", out, re.M)
                if not found or found.group(1) != found.group(2):
                    raise RuntimeError(f"qa --workers {n}: not every case passed:\n{out[-2000:]}")
                results[n].items = int(found.group(1))
                results[n].seconds.append(seconds)
                results[n].peak_bytes.append(peak)
                print(
                    f"  round {round_ + 1}: --workers {n}: {seconds:.1f} s, {peak / 2**20:.0f} MiB"
                )
    return [results[n] for n in workers]


# -- 4. the parallel model: worker processes or one async process ------------------------------
async def async_flow(page: Any, curp: str, email: str) -> str:
    """`baseline_flow` with Playwright's async API (the emailed link found by its address)."""
    await page.goto(START_URL, wait_until="domcontentloaded")
    await page.get_by_role("link", name="TRÁMITE DIGITALIZADO").click()
    await page.get_by_role("button", name="INICIAR").click()
    await page.get_by_role("button", name="Aceptar", exact=True).click()
    await page.fill("#registroCurp", curp)
    await page.fill("#correoInput", email)
    await page.locator("#correoConfirmacionInput").press_sequentially(email)
    captcha = await page.evaluate(
        "async () => (await fetch('/__mock__/captcha', {cache: 'no-store'})).text()"
    )
    await page.fill("input[name=captcha]", str(captcha).strip())
    async with page.expect_navigation(wait_until="domcontentloaded"):
        await page.click("#continuar")
    await page.wait_for_selector("div.alert-success")
    outbox = json.loads(
        await page.evaluate(
            "async () => (await fetch('/__mock__/outbox', {cache: 'no-store'})).text()"
        )
    )
    link = next(
        link
        for message in reversed(outbox)
        if message.get("to") == email
        for link in message.get("links", [])
        if "confirmacionUrl" in link
    )
    await page.goto(link, wait_until="domcontentloaded")
    text = str(await page.locator("div.alert-success").inner_text())
    if not any(ch.isdigit() for ch in text):
        raise RuntimeError(f"async flow: no NSS on the final page: {text!r}")
    return text


def _profile() -> dict[str, str]:
    raw = yaml.safe_load(PROFILE.read_text(encoding="utf-8"))
    return {k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in raw.items()}


def flow_child(flows: int) -> None:
    """One worker process: its own mock, front and browser; `flows` flows, one at a time."""
    from playwright.sync_api import sync_playwright

    from autohelper.browser import BASE_ARGS, find_browser
    from autohelper.browser.front import PortalFront
    from autohelper.mock import MockPortal

    profile = _profile()
    with (
        MockPortal(_nss_found()) as portal,
        PortalFront(portal.url) as front,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(
            executable_path=find_browser().path,
            headless=True,
            args=[*BASE_ARGS, *front.launch_args()],
        )
        for _ in range(flows):
            _in_fresh_context(
                browser, lambda page: baseline_flow(page, profile["curp"], profile["email"])
            )
        browser.close()


def async_child(tasks: int, flows: int) -> None:
    """One process, one mock, front and browser; `tasks` flows at a time in their contexts."""
    import asyncio

    from playwright.async_api import async_playwright

    from autohelper.browser import BASE_ARGS, find_browser
    from autohelper.browser.front import PortalFront
    from autohelper.mock import MockPortal

    profile = _profile()
    local, _, domain = profile["email"].partition("@")

    async def main() -> None:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=find_browser().path,
                headless=True,
                args=[*BASE_ARGS, *front.launch_args()],
            )

            async def task(number: int) -> None:
                email = f"{local}.{number}@{domain}"  # each task knows its own emails
                for _ in range(flows):
                    context = await browser.new_context(ignore_https_errors=True, locale="es-MX")
                    context.set_default_timeout(TIMEOUT_MS)
                    try:
                        await async_flow(await context.new_page(), profile["curp"], email)
                    finally:
                        await context.close()

            await asyncio.gather(*(task(n) for n in range(tasks)))
            await browser.close()

    with MockPortal(_nss_found()) as portal, PortalFront(portal.url) as front:
        asyncio.run(main())


def bench_model(parallel: Sequence[int], flows: int, rounds: int) -> list[Throughput]:
    """K flows at a time, `flows` each: K processes versus one async process, interleaved."""
    here = str(Path(__file__).resolve())
    results: dict[str, Throughput] = {}
    for _ in range(rounds):
        for k in parallel:
            for model in ("processes", "async"):
                if model == "processes":
                    # K sync workers: a small launcher starts them and waits for all.
                    argv = [sys.executable, here, "--processes-child", str(k), str(flows)]
                else:
                    argv = [sys.executable, here, "--async-child", str(k), str(flows)]
                seconds, peak, _ = _run_measured(argv)
                entry = results.setdefault(
                    f"{model} x{k}", Throughput(f"{model} x{k}", k * flows, [], [])
                )
                entry.seconds.append(seconds)
                entry.peak_bytes.append(peak)
    return list(results.values())


def processes_child(workers: int, flows: int) -> None:
    """Start `workers` flow children and wait for all (so one tree is measured)."""
    here = str(Path(__file__).resolve())
    children = [
        subprocess.Popen([sys.executable, here, "--flow-child", str(flows)]) for _ in range(workers)
    ]
    codes = [child.wait() for child in children]
    if any(codes):
        raise SystemExit(f"a flow child failed: {codes}")


def print_throughput(results: Sequence[Throughput], baseline: Throughput) -> None:
    head = ("configuration", "items", "median s", "per min", "ratio", "peak MiB")
    print(f"{head[0]:<22}{head[1]:>6}{head[2]:>10}{head[3]:>9}{head[4]:>7}{head[5]:>10}")
    for entry in results:
        ratio = entry.per_minute / baseline.per_minute
        print(
            f"{entry.name:<22}{entry.items:>6}{statistics.median(entry.seconds):>10.1f}"
            f"{entry.per_minute:>9.1f}{ratio:>7.2f}{entry.peak_mib:>10.0f}"
        )


# -- report -------------------------------------------------------------------------------------
def print_table(comparisons: Sequence[Comparison]) -> None:
    """A small fixed-width table: subject, baseline, their medians and the ratio."""
    rows = [("subject", "baseline", "subject s", "baseline s", "ratio", "paired")]
    rows += [
        (
            c.subject,
            c.baseline,
            f"{c.subject_median:.3f}",
            f"{c.baseline_median:.3f}",
            f"{c.ratio:.2f}",
            f"{c.paired_ratio:.2f}",
        )
        for c in comparisons
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for n, row in enumerate(rows):
        print(
            "  ".join(
                cell.ljust(w) if i < 2 else cell.rjust(w)
                for i, (cell, w) in enumerate(zip(row, widths, strict=True))
            )
        )
        if n == 0:
            print("  ".join("-" * w for w in widths))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5, help="measured runs of each (default 5)")
    parser.add_argument("--skip-engine", action="store_true", help="no engine overhead")
    parser.add_argument("--skip-qa", action="store_true", help="no QA throughput (the long part)")
    parser.add_argument("--qa-only", action="store_true", help="QA throughput and the model only")
    parser.add_argument("--qa-rounds", type=int, default=2, help="rounds of the QA runs")
    parser.add_argument("--output", type=Path, default=RESULTS, help="where the JSON goes")
    # The children of part 4 (not for people).
    parser.add_argument("--flow-child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--processes-child", type=int, nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--async-child", type=int, nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.flow_child is not None:
        flow_child(args.flow_child)
        return 0
    if args.processes_child is not None:
        processes_child(*args.processes_child)
        return 0
    if args.async_child is not None:
        async_child(*args.async_child)
        return 0
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    load_before = [round(x, 2) for x in os.getloadavg()]
    leaked = playwright_modules_after_cli_import()
    comparisons: list[Comparison] = []
    engine: Comparison | None = None
    if not args.qa_only:
        comparisons = list(bench_startup(args.runs))
        if not args.skip_engine:
            engine = bench_engine(args.runs)
            comparisons.insert(0, engine)
    qa: list[Throughput] = []
    model: list[Throughput] = []
    if not args.skip_qa or args.qa_only:
        print(f"QA throughput, load average before: {load_before}")
        qa = bench_qa((1, 2, 4), args.qa_rounds)
        model = bench_model((1, 4), flows=3, rounds=args.qa_rounds)

    load = [round(x, 2) for x in os.getloadavg()]
    print(
        f"{args.runs} runs each, medians; python {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} CPUs, load average {load}"
    )
    if comparisons:
        print_table(comparisons)
    print(f"playwright modules after `import autohelper.cli`: {leaked or 'none'}")
    ok = not leaked and (engine is None or engine.ratio <= ENGINE_TARGET)
    if engine is not None:
        verdict = "ok" if engine.ratio <= ENGINE_TARGET else "ABOVE TARGET"
        print(f"engine/baseline {engine.ratio:.2f} (target <= {ENGINE_TARGET}): {verdict}")
    if qa:
        print_throughput(qa, qa[0])
        for entry in qa[1:]:
            workers = int(entry.name.rsplit(" ", 1)[1])
            target = QA_TARGETS.get(workers)
            ratio = entry.per_minute / qa[0].per_minute
            if target is not None:
                verdict = "ok" if ratio >= target else "BELOW TARGET"
                print(f"{entry.name} / --workers 1: {ratio:.2f} (target >= {target}): {verdict}")
                ok = ok and ratio >= target
    if model:
        print_throughput(model, model[0])

    args.output.write_text(
        json.dumps(
            {
                "runs": args.runs,
                "python": platform.python_version(),
                "machine": platform.machine(),
                "cpus": os.cpu_count(),
                "load_average": load,
                "engine_target": ENGINE_TARGET,
                "playwright_modules_after_cli_import": leaked,
                "ok": ok,
                "comparisons": [c.as_dict() for c in comparisons],
                "load_average_before_qa": load_before,
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

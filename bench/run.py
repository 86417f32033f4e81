"""Speed benchmark: every number is a ratio against a baseline measured side by side.

1. Engine overhead: the imss-nss scenario run by the engine versus a hand-written Playwright
   script of the same flow. Same browser (one launch), same mock portal, same front; the two
   alternate (A, B, A, B...) and each run gets a fresh browser context.
2. Start-up: `autohelper --help` and `import autohelper.cli` versus a bare `python -c pass`
   (and versus `import playwright.sync_api`, the cost the CLI avoids by importing it lazily).

Run with `make bench` or `.venv/bin/python bench/run.py --runs N`. Absolute seconds depend on
the machine; the ratios are what DESIGN.md's "Speed" section asks about.
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
        MockPortal() as portal,
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
    parser.add_argument("--skip-engine", action="store_true", help="start-up only")
    parser.add_argument("--output", type=Path, default=RESULTS, help="where the JSON goes")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    leaked = playwright_modules_after_cli_import()
    startup = bench_startup(args.runs)
    comparisons = list(startup)
    engine: Comparison | None = None
    if not args.skip_engine:
        engine = bench_engine(args.runs)
        comparisons.insert(0, engine)

    load = [round(x, 2) for x in os.getloadavg()]
    print(
        f"{args.runs} runs each, medians; python {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} CPUs, load average {load}"
    )
    print_table(comparisons)
    print(f"playwright modules after `import autohelper.cli`: {leaked or 'none'}")
    ok = not leaked and (engine is None or engine.ratio <= ENGINE_TARGET)
    if engine is not None:
        verdict = "ok" if engine.ratio <= ENGINE_TARGET else "ABOVE TARGET"
        print(f"engine/baseline {engine.ratio:.2f} (target <= {ENGINE_TARGET}): {verdict}")

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

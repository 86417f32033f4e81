"""QA throughput and the parallel model, for the benchmark (bench/run.py parts 4 and 5).

4. QA throughput: the whole bundled case set (`autohelper qa --all --against fixtures`) with
   `--workers 1`, 2 and 4, interleaved; cases per minute against one worker, and the peak
   memory of the whole process tree (pytest, its workers, their browsers).
5. The parallel model: the hand-written flow run K at a time by K worker processes (a sync
   browser each, as QA's workers are) versus one process driving K contexts of one browser
   with Playwright's async API; flows per minute and peak memory.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from flows import MOCK_SETTINGS, START_URL, playwright_flow  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PROFILE = ROOT / "fixtures" / "profiles" / "student.yaml"
TIMEOUT_MS = 30_000
RUNNER = str(Path(__file__).resolve().parent / "run.py")  # its hidden options start children
QA_TARGETS = {2: 1.4, 4: 1.6}  # cases per minute against one worker (issue 11)


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


# -- 4. QA throughput ---------------------------------------------------------------------------
def bench_qa(workers: Sequence[int], rounds: int, cases: Path | None = None) -> list[Throughput]:
    """The bundled set (or the case files `cases` names) with each worker count, interleaved
    round by round."""
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
                    *(["--cases", str(cases)] if cases else []),
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


# -- 5. the parallel model: worker processes or one async process ------------------------------
async def async_flow(page: Any, curp: str, email: str) -> str:
    """`flows.playwright_flow` with Playwright's async API, the same checks step by step (the
    emailed link found by its address: several flows share one mock here)."""
    from playwright.async_api import expect

    await page.goto(START_URL, wait_until="domcontentloaded")
    await expect(page.get_by_text("IMSS-02-008").first).to_be_visible()
    await page.get_by_role("link", name="TRÁMITE DIGITALIZADO").click()
    await expect(page.get_by_text("Asignación de Número de Seguridad Social").first).to_be_visible()
    await page.get_by_role("button", name="INICIAR").click()
    await expect(page.get_by_text("Bienvenido")).to_be_visible()
    await page.get_by_role("button", name="Aceptar", exact=True).click()
    await expect(page.get_by_text("Consulta de personas físicas por CURP")).to_be_visible()
    await page.fill("#registroCurp", curp)
    await page.fill("#correoInput", email)
    await page.locator("#correoConfirmacionInput").press_sequentially(email)
    await expect(page.locator("img#captchaImg")).to_have_js_property("complete", True)
    captcha = await page.evaluate(
        "async () => (await fetch('/__mock__/captcha', {cache: 'no-store'})).text()"
    )
    await page.fill("input[name=captcha]", str(captcha).strip())
    async with page.expect_navigation(wait_until="domcontentloaded"):
        await page.click("button#continuar")
    await expect(page.locator("div.alert.alert-success")).to_contain_text("liga de confirmación")
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
    text = await page.locator("div.alert.alert-success").filter(has_text="NSS").inner_text()
    if not re.search(r"\d{11}", text):
        raise RuntimeError(f"async flow: no NSS on the final page: {text!r}")
    return str(text)


def _profile() -> dict[str, str]:
    raw = yaml.safe_load(PROFILE.read_text(encoding="utf-8"))
    return {k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in raw.items()}


def flow_child(flows: int) -> None:
    """One worker process: its own mock, front and browser; `flows` flows, one at a time."""
    from playwright.sync_api import sync_playwright

    from autohelper.browser import find_browser
    from autohelper.browser.front import PortalFront
    from autohelper.browser.provider import launch_args
    from autohelper.mock import MockPortal
    from autohelper.mock.config import build

    profile = _profile()
    with (
        MockPortal(build(MOCK_SETTINGS)) as portal,
        PortalFront(portal.url) as front,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(
            executable_path=find_browser(shell=True).path,
            headless=True,
            args=launch_args(True, front),
        )
        for _ in range(flows):
            context = browser.new_context(ignore_https_errors=True, locale="es-MX")
            context.set_default_timeout(TIMEOUT_MS)
            try:
                playwright_flow(context.new_page(), profile["curp"], profile["email"])
            finally:
                context.close()
        browser.close()


def async_child(tasks: int, flows: int) -> None:
    """One process, one mock, front and browser; `tasks` flows at a time in their contexts."""
    import asyncio

    from playwright.async_api import async_playwright

    from autohelper.browser import find_browser
    from autohelper.browser.front import PortalFront
    from autohelper.browser.provider import launch_args
    from autohelper.mock import MockPortal
    from autohelper.mock.config import build

    profile = _profile()
    local, _, domain = profile["email"].partition("@")

    async def main() -> None:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=find_browser(shell=True).path,
                headless=True,
                args=launch_args(True, front),
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

    with MockPortal(build(MOCK_SETTINGS)) as portal, PortalFront(portal.url) as front:
        asyncio.run(main())


def bench_model(parallel: Sequence[int], flows: int, rounds: int) -> list[Throughput]:
    """K flows at a time, `flows` each: K processes versus one async process, interleaved."""
    results: dict[str, Throughput] = {}
    for _ in range(rounds):
        for k in parallel:
            for model in ("processes", "async"):
                if model == "processes":
                    # K sync workers: a small launcher starts them and waits for all.
                    argv = [sys.executable, RUNNER, "--processes-child", str(k), str(flows)]
                else:
                    argv = [sys.executable, RUNNER, "--async-child", str(k), str(flows)]
                seconds, peak, _ = _run_measured(argv)
                entry = results.setdefault(
                    f"{model} x{k}", Throughput(f"{model} x{k}", k * flows, [], [])
                )
                entry.seconds.append(seconds)
                entry.peak_bytes.append(peak)
    return list(results.values())


def processes_child(workers: int, flows: int) -> None:
    """Start `workers` flow children and wait for all (so one tree is measured)."""
    children = [
        subprocess.Popen([sys.executable, RUNNER, "--flow-child", str(flows)])
        for _ in range(workers)
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

"""What many tests share: the synthetic student, a scenario copied and edited, a scenario of
our own on the lab's pages, and one way to run the engine on pytest-playwright's page."""

from __future__ import annotations

import base64
import contextlib
import os
import queue
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from playwright.sync_api import Page

from autohelper.engine import RunOptions, RunResult, run_scenario
from autohelper.engine.events import RunListener
from autohelper.engine.retry import FAST
from autohelper.human import Human, ScriptedHuman
from autohelper.journal import Journal
from autohelper.privacy import Redactor
from autohelper.scenario.loader import load_scenario
from autohelper.scenario.model import Scenario

ROOT = Path(__file__).resolve().parents[1]
CURP = "HEGG560427MVZRRL04"
EMAIL = "estudiante.prueba@example.com"
# Synthetic, like fixtures/profiles/student.yaml: a student with no NSS yet, and an address.
PROFILE = {
    "curp": CURP,
    "email": EMAIL,
    "postal_code": "91000",
    "street": "AVENIDA DE PRUEBA",
    "exterior_number": "123",
}

Edit = tuple[str, str] | Callable[[str], str]


def copy_scenario(tmp_path: Path, name: str = "imss-nss", *edits: Edit) -> Scenario:
    """A bundled scenario, copied and edited: `(old, new)` replaces text (which must be there),
    a function rewrites it. Each edit must change the text, so a test cannot silently run the
    original after the scenario moved on."""
    text = (ROOT / "scenarios" / f"{name}.yaml").read_text(encoding="utf-8")
    for edit in edits:
        if callable(edit):
            changed = edit(text)
        else:
            assert edit[0] in text, f"the edit's text is not in {name}.yaml: {edit[0]!r}"
            changed = text.replace(edit[0], edit[1])
        assert changed != text, "the edit must change the scenario"
        text = changed
    return write_scenario(tmp_path, text, f"{name}.yaml")


def yield_pattern(scenario: str, name: str) -> str:
    """The one pattern the bundled scenario `scenario` reads its yield `name` with (every
    outcome case that yields it uses the same)."""
    from autohelper.scenario import model as m

    loaded = load_scenario(ROOT / "scenarios" / f"{scenario}.yaml")
    patterns = {
        pattern
        for step in loaded.steps
        if isinstance(step, m.Outcome)
        for case in step.cases
        for yielded, pattern in case.yields
        if yielded == name
    }
    assert len(patterns) == 1, patterns
    return patterns.pop()


def write_scenario(tmp_path: Path, text: str, name: str = "s.yaml") -> Scenario:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_scenario(path)


# The smallest scenario that passes against the bundled mock (about a second): for tests of
# what surrounds a run (its files, reports, options), not of the flows.
MINI_SCENARIO = """\
id: mini-ok
title: Mini
portal: imss
needs: {profile: [curp]}
steps:
  - goto: https://www.imss.gob.mx/tramites/imss02008
    description: abrir
  - outcome:
      - {when: {text: "IMSS-02-008"}, result: success}
    description: ver
"""
LAB = "https://lab.autohelper.test"
LAB_PASSWORD = "lab-secreto"
LAB_STUDENT = {**PROFILE, "student_id": "00000012345", "phone": "6441234567"}
# The lab's sign-in up to its send: an entry page, a warning page that appears only sometimes,
# the form (each test adds the send and how it reads the answer).
LAB_SIGN_IN_FORM = """
  - goto: https://lab.autohelper.test/entry
    description: Abrir la entrada
  - fill: {css: "#txtID"}
    value: "{profile.student_id}"
    description: Escribir tu ID
  - click: {css: "#btnEntrar"}
    description: Entrar
  - click: {role: link, name: Continuar}
    optional: true
    timeout: 20
    description: Pasar el aviso (a veces no aparece)
  - fill: {css: "#userid"}
    id: sign-in
    value: "{profile.student_id}"
    description: Escribir tu ID otra vez
  - fill: {css: "#pwd"}
    value: "{secret.lab_password}"
    description: Escribir tu contraseña
  - confirm: [{label: ID, value: "{profile.student_id}"}]
    description: Confirmar el inicio de sesión
"""


def lab_scenario(
    tmp_path: Path,
    steps: str,
    profile: tuple[str, ...] = (),
    secrets: tuple[str, ...] = (),
    header: str = "",
) -> Scenario:
    """A scenario of our own on the lab's pages (the mock's `lab` portal)."""
    needs = f"needs:\n  profile: [{', '.join(profile)}]\n  secrets: [{', '.join(secrets)}]\n"
    text = f"id: lab\ntitle: Laboratorio\nportal: lab\n{needs}{header}steps:\n{steps}"
    return write_scenario(tmp_path, text, "lab.yaml")


def engine_run(
    page: Page,
    scenario: Scenario,
    tmp_path: Path,
    human: Human | None = None,
    journal: Journal | None = None,
    profile: Mapping[str, str] = PROFILE,
    secrets: Mapping[str, str] | None = None,
    listeners: list[RunListener] | None = None,
    **options: float | bool | int,
) -> RunResult:
    """Run `scenario` on `page` as QA would (the scripted human by default), keeping it in
    `journal` when given."""
    opts = RunOptions(
        artifacts=tmp_path / "artifacts",
        live=bool(options.get("live", False)),
        mask_screenshots=bool(options.get("mask_screenshots", False)),
        retry=FAST,
        step_timeout=float(options.get("step_timeout", 5.0)),
        submit_timeout=float(options.get("submit_timeout", 10.0)),
        max_wait=float(options["max_wait"]) if "max_wait" in options else None,
        start_at=int(options.get("start_at", 0)),
        hand_off=bool(options.get("hand_off", False)),
        resumable=bool(options.get("resumable", True)),
    )
    redactor = Redactor()
    redactor.add_profile(dict(profile))
    every = list(listeners or [])
    if journal is not None:
        every.append(journal.listener("qa", "fixtures", redactor))
    return run_scenario(
        page,
        scenario,
        dict(profile),
        dict(secrets or {}),
        human or ScriptedHuman(),
        opts,
        every,
        redactor,
    )


def magenta_pixels(page: Page, png: Path) -> int:
    """Pixels of Playwright's mask colour (#FF00FF) in a screenshot, counted by a canvas."""
    data = base64.b64encode(png.read_bytes()).decode()
    page.set_content(f'<img id="shot" src="data:image/png;base64,{data}">')
    return int(
        page.evaluate("""async () => {
        const img = document.getElementById("shot");
        await img.decode();
        const canvas = Object.assign(document.createElement("canvas"),
                                     {width: img.naturalWidth, height: img.naturalHeight});
        const context = canvas.getContext("2d");
        context.drawImage(img, 0, 0);
        const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
        let count = 0;
        for (let i = 0; i < pixels.length; i += 4) {
            if (pixels[i] > 240 && pixels[i + 1] < 15 && pixels[i + 2] > 240) count++;
        }
        return count;
    }""")
    )


def console(*args: str, input: str | None = None) -> Result:
    """`autohelper ARGS...` in-process under the real console entry point (`autohelper.cli.main`,
    the one top-level error handler); stdout and stderr kept apart."""
    import autohelper.cli

    class Script:
        name = "autohelper"

        def main(self, args: Sequence[str], prog_name: str | None = None, **_: Any) -> None:
            saved = sys.argv
            sys.argv = ["autohelper", *args]
            try:
                autohelper.cli.main()
            finally:
                sys.argv = saved

    return CliRunner().invoke(Script(), list(args), input=input)  # type: ignore[arg-type]


class CliThread:
    """The thread this test process runs `autohelper` commands on, in-process: one thread,
    keeping one Playwright driver for every command that drives a browser (a driver costs
    about a CPU-second to start; each command still opens and closes its own browser). Not
    the tests' own thread: Playwright's sync API cannot share a thread with the one
    pytest-playwright's tests already run in this process."""

    _running: CliThread | None = None

    def __init__(self) -> None:
        self._jobs: queue.Queue[tuple[Callable[[], Any], Future[Any]] | None] = queue.Queue()
        self._thread = threading.Thread(target=self._serve, name="autohelper-cli", daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        from autohelper.browser.driver import keep_driver

        with keep_driver():
            while (job := self._jobs.get()) is not None:
                work, done = job
                try:
                    done.set_result(work())
                except BaseException as exc:  # the test that asked gets it, as raised
                    done.set_exception(exc)

    @classmethod
    def call(cls, work: Callable[[], Any]) -> Any:
        if cls._running is None:
            cls._running = CliThread()
        done: Future[Any] = Future()
        cls._running._jobs.put((work, done))
        return done.result()

    @classmethod
    def stop(cls) -> None:
        """At the end of the session: the driver is stopped on its own thread."""
        running, cls._running = cls._running, None
        if running is not None:
            running._jobs.put(None)
            running._thread.join(timeout=30)


def as_at_a_shell() -> None:
    """For a child in a pseudo-terminal (pexpect's `preexec_fn`): Ctrl-C and Ctrl-\\ as a shell
    gives them to the command a person starts. A suite started in the background (`make test &`)
    has both ignored, and a child would inherit that: its Ctrl-C tests would wait forever."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGQUIT, signal.SIG_DFL)


def step_count(scenario: str) -> int:
    """How many steps a bundled scenario has (what "Paso i/N" counts)."""
    from autohelper.scenario.loader import find_scenario, load_scenario, scenarios_dir

    return len(load_scenario(find_scenario(scenario, scenarios_dir())).steps)


@contextlib.contextmanager
def own_disk(folder: Path, size: str) -> Iterator[Path]:
    """A small disk of its own (tmpfs, `size` such as "1m") mounted at `folder`: a real one, to
    fill or to remount read-only (a permission bit would not stop root). Root only: skipped
    where it cannot be mounted."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a disk needs root")
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount here: {mounted.stderr.decode(errors='replace').strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)

"""Starting Playwright's driver (a Node.js process) for a run, `qa`, `check` or `doctor`.

The driver is started with SIGINT blocked in the threads its start creates (autohelper.threads):
Ctrl-C is the main thread's.

Every start of the driver compiles Playwright's JavaScript again: about a fifth of a second of
a whole `autohelper qa` run on two cores. Node (22 and later) keeps that work in a compile cache
when `NODE_COMPILE_CACHE` names a folder; we name one in autohelper's cache folder (private,
0700) unless the environment already names one. What it holds is Playwright's own code, compiled,
never a page or a person's data; the driver is started with a umask of 077 all the same, so every
file it or the browser writes for us is its owner's alone from its first byte.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Playwright

log = logging.getLogger(__name__)

CACHE_ENV = "NODE_COMPILE_CACHE"

# The driver a thread keeps for every session it starts meanwhile (`keep_driver`).
_kept = threading.local()


def compile_cache() -> Path | None:
    """The compile cache folder the driver will use: the environment's, else ours (created
    0700); None when it cannot be created (the driver then compiles as usual)."""
    named = os.environ.get(CACHE_ENV)
    if named:
        return Path(named)
    import platformdirs

    from autohelper.privatefiles import private_dir

    folder = Path(platformdirs.user_cache_dir("autohelper")) / "node-compile-cache"
    try:
        private_dir(folder)
    except OSError as exc:
        log.debug("no compile cache for the driver: %s", exc)
        return None
    os.environ[CACHE_ENV] = str(folder)
    return folder


@contextlib.contextmanager
def private_umask() -> Iterator[None]:
    """A umask of 077 while a child process is started: it keeps it for its whole life."""
    before = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(before)


def start_playwright() -> Playwright:
    """Playwright's sync API on a freshly started driver; stop it with `.stop()`."""
    from playwright.sync_api import sync_playwright

    from autohelper.threads import sigint_blocked

    compile_cache()
    # The thread asyncio starts to wait for the driver process must not take the person's
    # Ctrl-C: the main thread, blocked reading the terminal, would never learn of it.
    with private_umask(), sigint_blocked():
        return sync_playwright().start()


@contextlib.contextmanager
def playwright_session() -> Iterator[Playwright]:
    """`start_playwright`, stopped on the way out whatever happens; or, in a thread that keeps
    one (`keep_driver`), that driver, left running."""
    kept: Playwright | None = getattr(_kept, "playwright", None)
    if kept is not None:
        yield kept
        return
    playwright = start_playwright()
    try:
        yield playwright
    finally:
        playwright.stop()


@contextlib.contextmanager
def keep_driver() -> Iterator[Playwright]:
    """One driver for every session this thread starts until the block ends (a driver costs
    about a CPU-second to start): for a process that runs many sessions in turn, as a test
    suite does. Each session still opens and closes its own browser."""
    if getattr(_kept, "playwright", None) is not None:
        raise RuntimeError("this thread already keeps a driver")
    playwright = start_playwright()
    _kept.playwright = playwright
    try:
        yield playwright
    finally:
        _kept.playwright = None
        playwright.stop()

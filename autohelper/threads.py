"""Background threads that leave Ctrl-C to the main thread, and a last resort after Ctrl-C.

Python runs its SIGINT handler in the main thread, but the kernel may hand the signal to any
thread that does not block it; the main thread, blocked reading the terminal, would then never
wake up and the person's Ctrl-C would seem ignored. Our servers' threads (and the threads they
start for each request, which inherit the mask) therefore block SIGINT, and so does every thread
started while Playwright's driver starts (asyncio's, waiting for the driver process to end).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socketserver
import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any

from autohelper.messages import t


@contextlib.contextmanager
def sigint_blocked() -> Iterator[None]:
    """SIGINT blocked in this thread for the block, and in every thread started meanwhile
    (they keep the mask they were born with); a Ctrl-C that comes meanwhile waits for the end
    of the block, then reaches the main thread as usual."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: signals only reach the main thread
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def start_daemon(target: Callable[[], Any], name: str) -> threading.Thread:
    """Start a daemon thread running `target` with SIGINT blocked in it (and its children)."""
    thread = threading.Thread(target=target, name=name, daemon=True)
    with sigint_blocked():
        thread.start()
    return thread


# How soon a server notices it is asked to stop (socketserver's default is half a second, paid
# by every run and every test at the end).
STOP_WITHIN = 0.02


def serve_in_background(server: socketserver.BaseServer, name: str) -> threading.Thread:
    """Serve `server` from a daemon thread that blocks SIGINT; its `shutdown()` returns within
    STOP_WITHIN seconds."""
    return start_daemon(lambda: server.serve_forever(poll_interval=STOP_WITHIN), name)


def exit_if_stuck(seconds: float = 20.0) -> threading.Timer:
    """After Ctrl-C, the clean-up (closing the browser, stopping its driver and our servers)
    takes a second or two. Should any of it hang, the person is not left waiting: after
    `seconds` the process says it was cancelled and ends with 130 anyway. The browser's driver
    closes the browser when our end of its pipe closes."""

    def give_up() -> None:
        sys.stderr.write(t("core.interrupted") + "\n")
        sys.stderr.flush()
        os._exit(130)

    timer = threading.Timer(seconds, give_up)
    timer.daemon = True
    timer.start()
    return timer

"""Background threads that leave Ctrl-C to the main thread, and a last resort after Ctrl-C.

Python runs its SIGINT handler in the main thread, but the kernel may hand the signal to any
thread that does not block it; the main thread, blocked reading the terminal, would then never
wake up and the person's Ctrl-C would seem ignored. Our servers' threads (and the threads they
start for each request, which inherit the mask) therefore block SIGINT.
"""

from __future__ import annotations

import os
import signal
import socketserver
import sys
import threading
from collections.abc import Callable
from typing import Any

from autohelper.messages import t


def start_daemon(target: Callable[[], Any], name: str) -> threading.Thread:
    """Start a daemon thread running `target` with SIGINT blocked in it (and its children)."""
    thread = threading.Thread(target=target, name=name, daemon=True)
    if not hasattr(signal, "pthread_sigmask"):  # Windows: signals only reach the main thread
        thread.start()
        return thread
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        thread.start()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
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

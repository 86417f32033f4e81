"""Ctrl-C belongs to the main thread: our servers' threads block it, and a clean-up that hangs
after Ctrl-C still ends the process with 130."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from typing import Any

import pytest

from autohelper.mock import MockPortal
from autohelper.threads import sigint_blocked, start_daemon

pytestmark = pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="POSIX signal masks")


def blocked_in_a_thread() -> set[int]:
    seen: list[set[int]] = []
    thread = start_daemon(lambda: seen.append(signal.pthread_sigmask(signal.SIG_BLOCK, [])), "t")
    thread.join(timeout=5)
    return seen[0]


def test_a_background_thread_blocks_ctrl_c_and_the_main_thread_keeps_it() -> None:
    assert signal.SIGINT in blocked_in_a_thread()
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, [])


def test_threads_started_while_ctrl_c_is_blocked_keep_it_blocked_and_the_caller_gets_it_back() -> (
    None
):
    import threading

    seen: list[set[int]] = []
    with sigint_blocked():
        thread = threading.Thread(
            target=lambda: seen.append(signal.pthread_sigmask(signal.SIG_BLOCK, []))
        )
        thread.start()
    thread.join(timeout=5)
    assert signal.SIGINT in seen[0]
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, [])


def test_the_mock_answers_requests_from_threads_that_block_ctrl_c() -> None:
    seen: list[set[int]] = []
    with MockPortal() as portal:
        original = portal.answer

        def spy(*args: Any, **kwargs: Any) -> Any:
            seen.append(signal.pthread_sigmask(signal.SIG_BLOCK, []))
            return original(*args, **kwargs)

        portal.answer = spy  # type: ignore[method-assign]
        with contextlib.suppress(urllib.error.HTTPError):  # any answer will do
            urllib.request.urlopen(portal.url + "/", timeout=10).close()
    assert seen and all(signal.SIGINT in mask for mask in seen)


def test_a_clean_up_that_hangs_after_ctrl_c_still_ends_with_130() -> None:
    code = (
        "import time\n"
        "from autohelper.threads import exit_if_stuck\n"
        "exit_if_stuck(0.2)\n"
        "time.sleep(30)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=20,
        env={**os.environ, "AUTOHELPER_LANG": "es"},
    )
    assert done.returncode == 130
    assert "Cancelado. Desde aquí no se envió nada." in done.stderr

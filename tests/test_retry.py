"""The one retry policy: transient failures only, bounded in attempts and in time."""

from __future__ import annotations

import pytest

from autohelper.engine.retry import NetworkError, RetryPolicy, TransientError

QUICK = RetryPolicy(attempts=3, max_seconds=5.0, initial_wait=0.001, max_wait=0.002)


def test_a_transient_failure_is_tried_again_until_it_passes() -> None:
    calls: list[int] = []

    def flaky() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise NetworkError("net::ERR_CONNECTION_RESET")
        return "ok"

    assert QUICK.call(flaky) == "ok"
    assert len(calls) == 3


def test_the_attempts_are_bounded_and_the_last_failure_is_raised() -> None:
    calls: list[int] = []

    def down() -> None:
        calls.append(1)
        raise TransientError(f"503 #{len(calls)}")

    with pytest.raises(TransientError, match="503 #3"):
        QUICK.call(down)
    assert len(calls) == 3


def test_anything_else_is_not_retried() -> None:
    calls: list[int] = []

    def broken() -> None:
        calls.append(1)
        raise ValueError("a bug, or a changed portal: trying again would not help")

    with pytest.raises(ValueError):
        QUICK.call(broken)
    assert calls == [1]


def test_the_time_bound_stops_before_the_attempts_run_out() -> None:
    calls: list[int] = []
    slow = RetryPolicy(attempts=50, max_seconds=0.05, initial_wait=0.02, max_wait=0.02)

    def down() -> None:
        calls.append(1)
        raise TransientError("503")

    with pytest.raises(TransientError):
        slow.call(down)
    assert 2 <= len(calls) < 50

"""The one retry policy: bounded in attempts and time, backoff with jitter, and only for
transient failures (network errors, 5xx and maintenance pages) of steps that are safe to repeat.
A submit never comes through here."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from tenacity import (
    Retrying,
    before_sleep_log,
    retry_if_exception_type,
    stop_after_attempt,
    stop_after_delay,
    wait_exponential_jitter,
)

log = logging.getLogger(__name__)
T = TypeVar("T")


class TransientError(Exception):
    """A failure worth one more try: the network hiccuped or the portal answered 5xx."""


class NetworkError(TransientError):
    """The browser could not reach the portal at all (DNS, connection, TLS)."""


class SlowPage(TransientError):
    """A page opened by address did not load within the step's time (opening it again sends
    nothing)."""


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 4
    max_seconds: float = 60.0
    initial_wait: float = 0.5
    max_wait: float = 5.0

    def call(self, action: Callable[[], T]) -> T:
        retrying = Retrying(
            stop=stop_after_attempt(self.attempts) | stop_after_delay(self.max_seconds),
            wait=wait_exponential_jitter(multiplier=self.initial_wait, max=self.max_wait),
            retry=retry_if_exception_type(TransientError),
            before_sleep=before_sleep_log(log, logging.INFO),
            reraise=True,
        )
        return retrying(action)


# Tests and QA against a local mock need no long pauses between attempts.
FAST = RetryPolicy(attempts=4, max_seconds=20.0, initial_wait=0.05, max_wait=0.3)

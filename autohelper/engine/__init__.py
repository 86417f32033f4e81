"""The engine: runs a scenario on a Playwright page it is given (`run_scenario`).

The runner is loaded on first use: the journal and `status` import the engine's events, and
must not pay for Playwright.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from autohelper.engine.events import RunListener, RunResult

if TYPE_CHECKING:
    from autohelper.engine.runner import RunOptions, run_scenario

__all__ = ["RunListener", "RunOptions", "RunResult", "run_scenario"]


def __getattr__(name: str) -> Any:
    if name in ("RunOptions", "run_scenario"):
        from autohelper.engine import runner

        return getattr(runner, name)
    raise AttributeError(name)

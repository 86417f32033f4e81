"""The engine: runs a scenario on a Playwright page it is given (`run_scenario`)."""

from __future__ import annotations

from autohelper.engine.runner import RunOptions, RunResult, run_scenario

__all__ = ["RunOptions", "RunResult", "run_scenario"]

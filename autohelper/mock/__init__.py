"""The mock portals: a local mirror of the live origins for tests and QA runs."""

from __future__ import annotations

from autohelper.mock.config import MockConfig
from autohelper.mock.server import MockPortal, serve_forever

__all__ = ["MockConfig", "MockPortal", "serve_forever"]

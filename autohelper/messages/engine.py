"""Messages of the engine layer."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {}

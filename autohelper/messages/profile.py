"""Messages of the profile and its validation (owned by profile.py and validation.py)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {}

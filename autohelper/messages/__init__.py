"""The one catalogue of user-facing text: Spanish by default, English on request.

Each concern keeps its own table in a sibling module (`core`, `engine`, `profile`, ...); they are
merged here. `t(key, lang, **params)` renders one message; a missing key is a bug and shows the key.
"""

from __future__ import annotations

import locale
import os
from typing import Any

from autohelper.messages import (
    clickwords,
    commands,
    core,
    documents,
    engine,
    files,
    profile,
    qa,
    scenario,
    status,
)

LANGS = ("es", "en")
_CATALOGUE: dict[str, dict[str, str]] = {}
_TABLES = (clickwords, commands, core, documents, engine, files, profile, qa, scenario, status)
for _table in (module.MESSAGES for module in _TABLES):
    _overlap = _CATALOGUE.keys() & _table.keys()
    assert not _overlap, f"duplicate message keys: {sorted(_overlap)}"
    _CATALOGUE.update(_table)

_current_lang: str | None = None


def detect_lang() -> str:
    """The language from AUTOHELPER_LANG, else an English locale means English, else Spanish."""
    explicit = os.environ.get("AUTOHELPER_LANG", "").strip().lower()[:2]
    if explicit in LANGS:
        return explicit
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "en" if value.lower().startswith("en") else "es"
    loc = locale.getlocale()[0] or ""
    return "en" if loc.lower().startswith("en") else "es"


def set_lang(lang: str | None) -> str:
    """Fix the language for this process (the CLI calls it once); returns the one in force."""
    global _current_lang
    _current_lang = lang if lang in LANGS else detect_lang()
    return _current_lang


def current_lang() -> str:
    return _current_lang or set_lang(None)


def t(key: str, lang: str | None = None, /, **params: Any) -> str:
    """Render message `key` in `lang` (default: the process language) with `params`."""
    entry = _CATALOGUE.get(key)
    if entry is None:
        return key if not params else f"{key} {params}"
    text = entry.get(lang or current_lang()) or entry["es"]
    return text.format(**params) if params else text


def has(key: str) -> bool:
    return key in _CATALOGUE


def localized(value: str | dict[str, str], lang: str | None = None) -> str:
    """A scenario text: either one string or a {"es": ..., "en": ...} mapping."""
    if isinstance(value, str):
        return value
    lang = lang or current_lang()
    return value.get(lang) or value.get("es") or next(iter(value.values()), "")

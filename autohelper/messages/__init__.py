"""The one catalogue of user-facing text: Spanish by default, English on request.

Each concern keeps its own table in a sibling module (`core`, `engine`, `profile`, ...); they are
merged here. `t(key, lang, **params)` renders one message; a missing key is a bug and shows the key.

The tables every command needs (Click's words, the help pages, the core messages) are loaded
with this module; the others on the first key they may hold, so `--help` reads no more than it
shows.
"""

from __future__ import annotations

import importlib
import os
import re
from typing import Any

LANGS = ("es", "en")
FIRST_TABLES = ("clickwords", "commands", "core")
# Prefixes held by the first tables alone: a miss there is a miss (help pages look up keys that
# may not exist, option by option, and must not load every table for it).
FIRST_ONLY = ("click.", "help.")
LATER_TABLES = ("documents", "engine", "files", "profile", "qa", "scenario", "status")
_CATALOGUE: dict[str, dict[str, str]] = {}
_loaded: list[str] = []


def _load(names: tuple[str, ...]) -> None:
    for name in names:
        if name in _loaded:
            continue
        table = importlib.import_module(f"autohelper.messages.{name}").MESSAGES
        overlap = _CATALOGUE.keys() & table.keys()
        assert not overlap, f"duplicate message keys: {sorted(overlap)}"
        _CATALOGUE.update(table)
        _loaded.append(name)


def _entry(key: str) -> dict[str, str] | None:
    entry = _CATALOGUE.get(key)
    if (
        entry is None
        and len(_loaded) < len(FIRST_TABLES) + len(LATER_TABLES)
        and not key.startswith(FIRST_ONLY)
    ):
        _load(LATER_TABLES)
        entry = _CATALOGUE.get(key)
    return entry


def catalogue() -> dict[str, dict[str, str]]:
    """Every message, all tables loaded (for checks and tests)."""
    _load(LATER_TABLES)
    return _CATALOGUE


_load(FIRST_TABLES)

_current_lang: str | None = None


# What a person may write for a language: its code, alone or as a locale (`en_US.UTF-8`,
# `es-MX`), or its name in either language, in any case.
_LANG_NAMES = {
    "es": "es", "spa": "es", "spanish": "es", "espanol": "es", "español": "es",
    "castellano": "es",
    "en": "en", "eng": "en", "english": "en", "ingles": "en", "inglés": "en",
}  # fmt: skip


def lang_code(value: str | None) -> str | None:
    """The language `value` names (`es`, `EN`, `en_US.UTF-8`, `es-MX`, `english`), or None for
    none we have (`fr`, `esperanto`, an empty text)."""
    if value is None:
        return None
    primary = re.split(r"[_.@-]", value.strip().lower(), maxsplit=1)[0]
    return _LANG_NAMES.get(primary)


def detect_lang() -> str:
    """The language from AUTOHELPER_LANG, else Spanish. The system's locale does not choose:
    Spanish is the default and English is asked for (`--lang en`, AUTOHELPER_LANG=en), so the
    same command says the same words on a student's machine and on an English-locale server."""
    return lang_code(os.environ.get("AUTOHELPER_LANG")) or "es"


def set_lang(lang: str | None) -> str:
    """Fix the language for this process (the CLI calls it once); returns the one in force."""
    global _current_lang
    _current_lang = lang if lang in LANGS else detect_lang()
    return _current_lang


def current_lang() -> str:
    return _current_lang or set_lang(None)


def t(key: str, lang: str | None = None, /, **params: Any) -> str:
    """Render message `key` in `lang` (default: the process language) with `params`."""
    entry = _entry(key)
    if entry is None:
        return key if not params else f"{key} {params}"
    text = entry.get(lang or current_lang()) or entry["es"]
    return text.format(**params) if params else text


def quoted(text: str, lang: str | None = None) -> str:
    """`text` in the quotation marks of `lang`: «…» in Spanish, “…” in English."""
    return f"«{text}»" if (lang or current_lang()) == "es" else f"“{text}”"


def has(key: str) -> bool:
    return _entry(key) is not None


def localized(value: str | dict[str, str], lang: str | None = None) -> str:
    """A scenario text: either one string or a {"es": ..., "en": ...} mapping."""
    if isinstance(value, str):
        return value
    lang = lang or current_lang()
    return value.get(lang) or value.get("es") or next(iter(value.values()), "")

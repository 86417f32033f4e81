"""The mock's configuration: faults every site shares, and each site's own settings under its
name (`--mock imss.result_version=1`, `--mock cia.lockout_after=3`).

A bare setting name (`result_version=1`) still works when exactly one site has it. Values come
typed by the setting's default (bool, int, float, tuple of words, text) and are checked for
range here, before any server starts, with a reason in the person's language. Values given as
data (the control `POST /__mock__/config`, `MockPortal.configure`) must already be of that type:
`true` is no number.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from autohelper.errors import UsageError
from autohelper.messages import t
from autohelper.mock.site import MockSettingError

HTTP_METHODS = ("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS")
_TRUE = ("true", "1", "yes", "sí", "si", "y", "s")
_FALSE = ("false", "0", "no", "n")


@dataclass(frozen=True)
class MockConfig:
    """How the mock behaves. `fail_paths`, `fail_methods`, `delay_paths` and `delay_methods`
    limit which requests a fault applies to (substrings of the live path, HTTP methods); empty
    means every non-`__mock__` request. `drift_pages` limits `drift` to the pages whose
    template name holds one of its substrings (empty: every drifted page). `sites` holds each
    site's settings by its name (absent: defaults)."""

    delay: float = 0.0
    delay_paths: tuple[str, ...] = ()
    delay_methods: tuple[str, ...] = ()
    fail_first: int = 0
    fail_paths: tuple[str, ...] = ()
    fail_methods: tuple[str, ...] = ()
    firewall: bool = False
    mail_delay: float = 0.0  # seconds an email takes to reach the outbox (a mirror's may)
    drift: bool = False
    drift_pages: tuple[str, ...] = ()
    sites: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in ("fail_methods", "delay_methods"):
            object.__setattr__(self, name, tuple(m.upper() for m in getattr(self, name)))
        for seconds in (self.delay, self.mail_delay):
            if not math.isfinite(seconds) or not 0 <= seconds <= 600:
                raise MockSettingError("mock.range_seconds", low=0, high=600)
        if not 0 <= self.fail_first <= 1000:
            raise MockSettingError("mock.range_int", low=0, high=1000)
        unknown = [m for m in (*self.fail_methods, *self.delay_methods) if m not in HTTP_METHODS]
        if unknown:
            raise MockSettingError("mock.http_methods", methods=", ".join(HTTP_METHODS))
        pages = drifted_pages()
        for part in self.drift_pages:
            if not any(part in page for page in pages):
                raise MockSettingError("mock.drift_pages", part=part, pages=", ".join(pages))

    def drifts(self, template: str) -> bool:
        """Whether `drift` applies to the page of this template."""
        if not self.drift:
            return False
        return not self.drift_pages or any(part in template for part in self.drift_pages)

    def changed(self, options: Mapping[str, Any]) -> MockConfig:
        """A copy with `options` (canonical names, typed values) applied; checks every value."""
        generic: dict[str, Any] = {}
        per_site: dict[str, dict[str, Any]] = {}
        for key, value in options.items():
            site, _, name = canonical(key).rpartition(".")
            if site:
                per_site.setdefault(site, {})[name] = value
            else:
                generic[name] = value
        sites = dict(self.sites)
        for site, changes in per_site.items():
            base = sites.get(site) or site_settings()[site]()
            sites[site] = dataclasses.replace(base, **changes)
        return dataclasses.replace(self, **generic, sites=sites)


def site_settings() -> dict[str, type[Any]]:
    """Each site's name → its settings dataclass."""
    from autohelper.mock.sites import SITE_TYPES

    return {site.name: site.settings_type for site in SITE_TYPES}


def drifted_pages() -> list[str]:
    """The templates some site drifts (`drift=true`), by name."""
    from autohelper.mock.sites import SITE_TYPES

    return sorted({name for site in SITE_TYPES for name in site.drifts})


def _defaults() -> dict[str, Any]:
    """Every setting by canonical name (`delay`, `imss.result_version`) → its default."""
    names: dict[str, Any] = {
        f.name: f.default for f in dataclasses.fields(MockConfig) if f.name != "sites"
    }
    for site, settings in site_settings().items():
        for f in dataclasses.fields(settings):
            names[f"{site}.{f.name}"] = f.default
    return names


def known_settings() -> list[str]:
    return sorted(_defaults())


def canonical(key: str) -> str:
    """The canonical name of a setting: itself, or `site.key` for a bare name that exactly one
    site has. KeyError for an unknown or ambiguous name."""
    defaults = _defaults()
    if key in defaults:
        return key
    owners = [name for name in defaults if name.endswith(f".{key}")]
    if len(owners) == 1:
        return owners[0]
    raise KeyError(key)


def parse_options(pairs: Iterable[str]) -> dict[str, Any]:
    """`key=value` pairs (the command line's `--mock`) into typed settings by canonical name;
    every value is checked (a UsageError names the option and why) before any server starts."""
    defaults = _defaults()
    options: dict[str, Any] = {}
    for pair in pairs:
        raw_key, sep, raw = pair.partition("=")
        try:
            key = canonical(raw_key.strip())
        except KeyError:
            key = ""
        if not sep or not key:
            raise UsageError(
                "session.bad_mock_option", option=pair, known=", ".join(known_settings())
            )
        try:
            options[key] = _typed(defaults[key], raw.strip())
            MockConfig().changed({key: options[key]})  # its own checks, naming this option
        except MockSettingError as exc:
            reason = t(exc.key, **exc.params)
            raise UsageError("session.bad_mock_value", option=pair, reason=reason) from None
    build(options)  # checks of the settings together, before any start
    return options


def build(options: Mapping[str, Any]) -> MockConfig:
    """A MockConfig from typed options; a value out of range is a UsageError with its reason."""
    try:
        return MockConfig().changed(options)
    except MockSettingError as exc:
        option = " ".join(f"{key}={value}" for key, value in options.items())
        raise UsageError(
            "session.bad_mock_value", option=option, reason=t(exc.key, **exc.params)
        ) from None


def typed_change(key: str, value: Any) -> tuple[str, Any]:
    """One change given as data (JSON, Python) → (canonical name, value of the setting's type):
    a list (or comma-separated text) of words for a tuple, an int or float for a float. KeyError
    for an unknown name; MockSettingError for a value of another type."""
    name = canonical(key)
    default = _defaults()[name]
    if isinstance(default, bool):
        if isinstance(value, bool):
            return name, value
        raise MockSettingError("mock.expected_bool")
    number = isinstance(value, int | float) and not isinstance(value, bool)  # True is an int
    if isinstance(default, int):
        if number and isinstance(value, int):
            return name, value
        raise MockSettingError("mock.expected_int")
    if isinstance(default, float):
        try:
            as_float = float(value) if number else math.nan
        except OverflowError:  # an int of more than 308 digits
            as_float = math.inf
        if math.isfinite(as_float):
            return name, as_float
        raise MockSettingError("mock.expected_number")
    if isinstance(default, tuple):
        if isinstance(value, str):
            return name, _typed(default, value)
        if isinstance(value, list | tuple) and all(isinstance(part, str) for part in value):
            return name, tuple(value)
        raise MockSettingError("mock.expected_words")
    if isinstance(value, str):
        return name, value
    raise MockSettingError("mock.expected_text")


def _typed(default: Any, raw: str) -> Any:
    """`raw` as the type of `default`; MockSettingError says what was expected."""
    if isinstance(default, bool):
        if raw.lower() in _TRUE:
            return True
        if raw.lower() in _FALSE:
            return False
        raise MockSettingError("mock.expected_bool")
    if isinstance(default, int):
        try:
            return int(raw)
        except ValueError:
            raise MockSettingError("mock.expected_int") from None
    if isinstance(default, float):
        try:
            value = float(raw)
        except ValueError:
            raise MockSettingError("mock.expected_number") from None
        if not math.isfinite(value):
            raise MockSettingError("mock.expected_number")
        return value
    if isinstance(default, tuple):
        return tuple(part.strip() for part in raw.split(",") if part.strip())
    return raw

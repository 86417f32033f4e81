"""Where the browser goes: the live portals, the bundled mock, or any mirror; and which sites
a scenario may visit.

A mirror serves each live origin under a path prefix named after its host
(`https://www.imss.gob.mx/x` at `MIRROR/www.imss.gob.mx/x`). The browser keeps showing live URLs:
its resolver sends the portal hosts to a local `PortalFront` (front.py) that forwards to the
mirror. Everything here is plain data and string work, cheap to import.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from autohelper.errors import UsageError


@dataclass(frozen=True)
class TargetSpec:
    """`live`, `fixtures` (the bundled mock) or `mirror` (with its base URL)."""

    kind: str
    mirror_url: str | None = None

    @property
    def is_live(self) -> bool:
        return self.kind == "live"


def parse_against(against: str) -> TargetSpec:
    """`live`, `fixtures` or a URL (`http(s)://host[:port][/prefix]`)."""
    if against in ("live", "fixtures"):
        return TargetSpec(against)
    parts = urlsplit(against)
    if parts.scheme in ("http", "https") and parts.netloc:
        return TargetSpec("mirror", against.rstrip("/"))
    raise UsageError("target.bad_against", value=against)


def host_matches(host: str, pattern: str) -> bool:
    """`*.gob.mx` matches `www.gob.mx` and `a.b.gob.mx`; a plain pattern matches itself."""
    host, pattern = host.lower(), pattern.lower()
    if pattern.startswith("*."):
        return host.endswith(pattern[1:])
    return host == pattern


_NEUTRAL_SCHEMES = ("about", "data", "blob", "chrome-error")


def origin_allowed(url: str, origins: Iterable[str]) -> bool:
    """Whether `url` is on one of `origins` (`scheme://host[:port]`; host may start with `*.`).

    Hosts are compared whole ("https://imss.gob.mx.evil.example" does not pass); http and
    https count as one, because the portals' own links mix them; a port is checked only when
    the origin names one. Blank and error pages belong to no site and always pass.
    """
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:  # a malformed port or IPv6 address belongs to no declared origin
        return False
    if parts.scheme in _NEUTRAL_SCHEMES:
        return True
    if parts.scheme not in ("http", "https"):
        return False
    for origin in origins:
        declared = urlsplit(origin.lower())
        pattern = declared.netloc.rsplit(":", 1)[0] if declared.netloc else ""
        if declared.scheme not in ("http", "https") or not pattern:
            continue
        try:
            declared_port = declared.port
        except ValueError:
            continue
        if host_matches(parts.hostname or "", pattern) and (
            declared_port is None or declared_port == port
        ):
            return True
    return False


def from_mirror(url: str, origins: Iterable[str]) -> str:
    """A mirror's own address for a live page (`http://mirror/<host[:port]>/path`) as the live
    URL (`https://<host>/path`, or `http://<host>:<port>/path` for a plain-HTTP origin) when
    `<host>` is a declared origin; any other URL unchanged. An emailed link copied from a
    mirror's outbox can then be opened like the live one."""
    origins = tuple(origins)
    if origin_allowed(url, origins):
        return url
    parts = urlsplit(url)
    netloc, _, rest = parts.path.lstrip("/").partition("/")
    host, _, port = netloc.partition(":")
    if not host or (port and not port.isdigit()):
        return url
    base = live_origin(host.lower(), int(port) if port else None, origins)
    live = f"{base}/{rest}" + (f"?{parts.query}" if parts.query else "")
    return live if origin_allowed(live, origins) else url


def host_patterns(origins: Iterable[str]) -> tuple[str, ...]:
    """The host patterns (`www.imss.gob.mx`, `*.gob.mx`) of some origins, without ports."""
    patterns: dict[str, None] = {}
    for origin in origins:
        netloc = urlsplit(origin.lower()).netloc
        if netloc:
            patterns[netloc.rsplit(":", 1)[0] if ":" in netloc else netloc] = None
    return tuple(patterns)


def live_origin(host: str, port: int | None, origins: Iterable[str]) -> str:
    """`scheme://host[:port]` as the live portal spells it: `http` only where a declared origin
    for that host and port is plain HTTP (the CIA's sign-in), else `https`."""
    netloc = f"{host}:{port}" if port is not None else host
    for origin in origins:
        declared = urlsplit(origin.lower())
        pattern = declared.netloc.rsplit(":", 1)[0] if ":" in declared.netloc else declared.netloc
        try:
            declared_port = declared.port
        except ValueError:
            continue
        if declared.scheme == "http" and declared_port == port and host_matches(host, pattern):
            return f"http://{netloc}"
    return f"https://{netloc}"


def resolver_rules(port: int, origins: Iterable[str]) -> str:
    """Chromium `--host-resolver-rules`: the portals' hosts to the front (whatever port the URL
    names: the front reads it back from the Host header); any other name to nowhere, so a run
    against a mirror can never reach a real portal by accident."""
    rules = [f"MAP {pattern} 127.0.0.1:{port}" for pattern in host_patterns(origins)]
    rules += ["MAP * ~NOTFOUND", "EXCLUDE localhost", "EXCLUDE 127.0.0.1"]
    return ", ".join(rules)

"""Where the browser goes: the live portals, the bundled mock, or any mirror; and which sites
a scenario may visit.

A mirror serves each live origin under a path prefix named after its host
(`https://www.imss.gob.mx/x` at `MIRROR/www.imss.gob.mx/x`). The browser keeps showing live URLs:
its resolver sends the portal hosts to a local `PortalFront` (front.py) that forwards to the
mirror. Everything here is plain data and string work, cheap to import.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit

from autohelper.errors import UsageError, Words


@dataclass(frozen=True)
class TargetSpec:
    """`live`, `fixtures` (the bundled mock) or `mirror` (with its base URL)."""

    kind: str
    mirror_url: str | None = None

    @property
    def is_live(self) -> bool:
        return self.kind == "live"

    @property
    def shown_url(self) -> str:
        """The mirror's URL as messages show it (`shown_against`); "" for live and fixtures."""
        return shown_against(self.mirror_url) if self.mirror_url else ""


def parse_against(against: str) -> TargetSpec:
    """`live`, `fixtures` or a mirror's URL (`http(s)://host[:port][/prefix]`), checked whole:
    anything the front or the probe could not use (a space, a broken host or port, credentials,
    a query) is the person's error, named with the value (its credentials never shown)."""
    if against in ("live", "fixtures"):
        return TargetSpec(against)
    shown = shown_against(against)
    scheme, sep, _ = against.partition("://")
    if not sep or scheme.lower() not in ("http", "https"):
        raise UsageError("target.bad_against", value=shown)
    problem = _url_problem(against) or _live_host_problem(against)
    if problem is not None:
        raise UsageError("target.bad_mirror_url", value=shown, reason=Words(problem))
    return TargetSpec("mirror", against.rstrip("/"))


def _live_host_problem(url: str) -> str | None:
    """A live portal's own host given as a mirror: a run there would reach the real portal with
    a mirror's ways (its oracles, fast retries, `qa`), so it is refused."""
    from autohelper.scenario.portal import all_origins

    host = (urlsplit(url).hostname or "").rstrip(".")
    patterns = host_patterns(all_origins())
    if any(host_matches(host, pattern) for pattern in patterns):
        return "target.url_live"
    return None


# What a mirror's path may hold (RFC 3986 `pchar` and `/`); anything else is written as %XX.
_PATH = re.compile(r"[A-Za-z0-9\-._~%!$&'()*+,;=:@/]*")
# A host name once IDNA-encoded: labels of letters, digits, `-` and `_`, dot-separated.
_HOST = re.compile(r"[a-z0-9_-]{1,63}(\.[a-z0-9_-]{1,63})*\.?", re.IGNORECASE)


def _url_problem(url: str) -> str | None:
    """The catalogue key of what is wrong with a mirror's `http(s)://` URL, or None."""
    if any(char.isspace() or _unprintable(char) for char in url):
        return "target.url_space"
    try:
        parts = urlsplit(url)
    except ValueError:  # a bracketed IPv6 address that is not one, or not closed
        return "target.url_host"
    if "@" in parts.netloc:
        return "target.url_credentials"
    if parts.query or parts.fragment or "?" in url or "#" in url:
        return "target.url_query"
    if not _host_ok(parts.netloc, parts.hostname or ""):
        return "target.url_host"
    try:
        port = parts.port
    except ValueError:  # not a number, or out of range
        return "target.url_port"
    if port == 0:
        return "target.url_port"
    if not _PATH.fullmatch(parts.path):
        return "target.url_path"
    return None


def _host_ok(netloc: str, host: str) -> bool:
    if netloc.startswith("["):
        try:
            return ipaddress.ip_address(host).version == 6
        except ValueError:
            return False
    try:
        encoded = host.encode("idna").decode("ascii")
    except UnicodeError:  # an empty or too long label
        return False
    return bool(_HOST.fullmatch(encoded)) and len(encoded) <= 253


def _unprintable(char: str) -> bool:
    """A control, format (bidirectional overrides...) or unassigned character."""
    return unicodedata.category(char)[0] == "C"


def shown_against(value: str) -> str:
    """An --against value as a message, a log or the journal may show it: any `user:password@`
    replaced by `…@`, a personal-looking part of the path (a CURP, an email, a long number)
    masked, each value of a query or fragment masked, control characters escaped (they would
    act on the terminal). An ordinary mirror's URL is shown as it is."""
    scheme, sep, rest = value.partition("://")
    if sep:
        cut = min((i for i in (rest.find(c) for c in "/?#") if i >= 0), default=len(rest))
        netloc, after = rest[:cut], rest[cut:]
        if "@" in netloc:
            netloc = "…@" + netloc.rpartition("@")[2]
        value = f"{scheme}://{netloc}{_shown_after_host(after)}"
    else:  # no URL at all (a CURP pasted where the URL goes): its parts as a path's
        value = _shown_after_host(value)
    return "".join(
        char if char == " " or not (char.isspace() or _unprintable(char)) else _escaped(char)
        for char in value
    )


def _shown_after_host(rest: str) -> str:
    """A URL's path, query and fragment with what looks personal masked (`%XX` decoded to
    judge): a path segment, or a value of the query or the fragment, that looks like personal
    data as `privacy.looks_personal` sees it, or a value whose name is a profile field's
    (`curp=`, `email=`)."""
    path, mark, tail = rest, "", ""
    cut = min((i for i in (rest.find(c) for c in "?#") if i >= 0), default=-1)
    if cut >= 0:
        path, mark, tail = rest[:cut], rest[cut], rest[cut + 1 :]
    shown = "/".join(_shown_part(segment) for segment in path.split("/"))
    if mark:
        shown += mark + _shown_query(tail)
    return shown


# An email as it would be typed (a dotted domain): `p@q` in a path is no one's address.
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def _shown_part(part: str, name: str = "") -> str:
    """One segment of a path, or a query's value (`name` its name), masked when personal."""
    from urllib.parse import unquote

    from autohelper.privacy import PERSONAL_FIELDS, looks_personal, mask

    text = unquote(part.replace("+", " ") if name else part).strip()
    if not text or _is_address(text):
        return part
    kind = looks_personal(text)
    if kind == "email" and not _EMAIL.fullmatch(text):
        kind = None
    if kind == "names" and not name:
        kind = None  # words in a path (`/a/b%20c`) are a folder's name, not a person's
    if name.lower() in PERSONAL_FIELDS:
        kind = name.lower()
    return part if kind is None else mask(text, kind)


def _is_address(text: str) -> bool:
    """An IP address, with a port or not: a mirror's path may name a host so (`/127.0.0.1:8000`);
    it is no person's."""
    host = text.rsplit(":", 1)[0] if text.count(":") == 1 else text
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def _shown_query(query: str) -> str:
    """`a=1&curp=X` with each personal value masked (`?`, `#`, `&`, `;` kept as they are)."""
    parts = re.split(r"([?#&;])", query)
    for index in range(0, len(parts), 2):
        name, equals, value = parts[index].partition("=")
        if equals:
            parts[index] = f"{name}={_shown_part(value, name or '=')}"
        else:  # a bare value (`?` and a CURP, no name)
            parts[index] = _shown_part(name)
    return "".join(parts)


def _escaped(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


# A declared origin's host: dot-separated labels of letters, digits and `-`, optionally after a
# `*.` wildcard prefix (any subdomain); then an optional port.
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_ORIGIN_HOST = re.compile(rf"(?:\*\.)?{_LABEL}(?:\.{_LABEL})*", re.IGNORECASE)


def origin_problem(origin: str) -> str | None:
    """The catalogue key of what is wrong with a declared origin, or None when it is one:
    `http(s)://host[:port]`, the host optionally starting with `*.`, the port from 1 to 65535,
    nothing after them (no path, query, credentials, spaces). No IPv6 address: a portal has a
    name."""
    scheme, sep, rest = origin.partition("://")
    if not sep or scheme.lower() not in ("http", "https"):
        return "scenario.origin_scheme"
    if any(char in "/?#@\\" or char.isspace() or _unprintable(char) for char in rest):
        return "scenario.origin_rest"
    host, colon, port = rest.partition(":")
    if not _ORIGIN_HOST.fullmatch(host) or len(host) > 253:
        return "scenario.origin_host"
    if colon and not (
        port.isascii() and port.isdigit() and len(port) <= 5 and 0 < int(port) < 65536
    ):
        return "scenario.origin_port"
    return None


def _declared(origin: str) -> tuple[str, str, int | None] | None:
    """A declared origin as (scheme, host pattern, port), lowercase; None when it is not one
    (the loaders reject those; this never raises, whatever it is given)."""
    try:
        parts = urlsplit(origin.lower())
        port = parts.port
    except ValueError:  # a malformed port or IPv6 address
        return None
    pattern = parts.netloc.rsplit(":", 1)[0] if ":" in parts.netloc else parts.netloc
    if parts.scheme not in ("http", "https") or not pattern:
        return None
    return parts.scheme, pattern, port


def host_matches(host: str, pattern: str) -> bool:
    """`*.gob.mx` matches `www.gob.mx` and `a.b.gob.mx`; a plain pattern matches itself."""
    host, pattern = host.lower(), pattern.lower()
    if pattern.startswith("*."):
        return host.endswith(pattern[1:])
    return host == pattern


_NEUTRAL_SCHEMES = ("about", "data", "blob", "chrome-error")


def split_as_browser(url: str) -> SplitResult:
    """`url`'s parts as the browser reads them (the WHATWG URL rules): in an http(s) address a
    backslash is a slash, so `https://evil.example\\@portal.gob.mx/` goes to evil.example,
    not to the host Python's own reading finds after the `@`. (Tabs and newlines, dropped by
    both, and spaces around it, are read alike already.)"""
    return urlsplit(url.replace("\\", "/"))


def origin_allowed(url: str, origins: Iterable[str], neutral: bool = False) -> bool:
    """Whether `url` is on one of `origins` (`scheme://host[:port]`; host may start with `*.`).

    Hosts are compared whole ("https://imss.gob.mx.evil.example" does not pass); http and
    https count as one, because the portals' own links mix them; a port is checked only when
    the origin names one. Blank, error, `data:` and `blob:` pages belong to no site: they pass
    only as `neutral` places a page may go through (a new tab, a network error), never as a
    place to go to or to type into (their content is anyone's: a `data:` page's own script
    reads what is typed there)."""
    try:
        parts = split_as_browser(url)
        port = parts.port
    except ValueError:  # a malformed port or IPv6 address belongs to no declared origin
        return False
    if parts.scheme in _NEUTRAL_SCHEMES:
        return neutral
    if parts.scheme not in ("http", "https"):
        return False
    for origin in origins:
        declared = _declared(origin)
        if declared is None:
            continue
        _, pattern, declared_port = declared
        if host_matches(parts.hostname or "", pattern) and (
            declared_port is None or declared_port == port
        ):
            return True
    return False


def from_mirror(url: str, origins: Iterable[str]) -> str:
    """A mirror's own address for a live page (`http://mirror[/prefix]/<host[:port]>/path`) as
    the live URL (`https://<host>/path`, or `http://<host>:<port>/path` for a plain-HTTP origin)
    when `<host>` is a declared origin; any other URL unchanged. An emailed link copied from a
    mirror's outbox can then be opened like the live one. The mirror's path prefix (`--against
    http://m/sub/dir`) is not known here: the first path segment that is a declared origin's
    host is the one."""
    origins = tuple(origins)
    if origin_allowed(url, origins):
        return url
    parts = split_as_browser(url)
    segments = parts.path.lstrip("/").split("/")
    for index, netloc in enumerate(segments):
        host, _, port = netloc.partition(":")
        if not host or (port and not (port.isascii() and port.isdigit())):
            continue
        rest = "/".join(segments[index + 1 :])
        base = live_origin(host.lower(), int(port) if port else None, origins)
        live = f"{base}/{rest}" + (f"?{parts.query}" if parts.query else "")
        if origin_allowed(live, origins):
            return live
    return url


def host_patterns(origins: Iterable[str]) -> tuple[str, ...]:
    """The host patterns (`www.imss.gob.mx`, `*.gob.mx`) of some origins, without ports."""
    patterns: dict[str, None] = {}
    for origin in origins:
        declared = _declared(origin)
        if declared is not None:
            patterns[declared[1]] = None
    return tuple(patterns)


def live_origin(host: str, port: int | None, origins: Iterable[str]) -> str:
    """`scheme://host[:port]` as the live portal spells it: `http` only where a declared origin
    for that host and port is plain HTTP (the CIA's sign-in), else `https`."""
    netloc = f"{host}:{port}" if port is not None else host
    for origin in origins:
        declared = _declared(origin)
        if declared is None:
            continue
        scheme, pattern, declared_port = declared
        if scheme == "http" and declared_port == port and host_matches(host, pattern):
            return f"http://{netloc}"
    return f"https://{netloc}"


def resolver_rules(port: int, origins: Iterable[str]) -> str:
    """Chromium `--host-resolver-rules`: the portals' hosts to the front (whatever port the URL
    names: the front reads it back from the Host header); any other name to nowhere, so a run
    against a mirror can never reach a real portal by accident."""
    rules = [f"MAP {pattern} 127.0.0.1:{port}" for pattern in host_patterns(origins)]
    rules += ["MAP * ~NOTFOUND", "EXCLUDE localhost", "EXCLUDE 127.0.0.1"]
    return ", ".join(rules)

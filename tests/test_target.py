"""Targets and origins: what --against accepts, which URLs a scenario may visit, and a
mirror's address for a live page read back as the live one."""

from __future__ import annotations

import pytest

from autohelper.errors import UsageError
from autohelper.target import (
    TargetSpec,
    from_mirror,
    host_patterns,
    live_origin,
    origin_allowed,
    origin_problem,
    parse_against,
)


def test_against_accepts_live_fixtures_and_urls_only() -> None:
    assert parse_against("live") == TargetSpec("live")
    assert parse_against("http://127.0.0.1:9000/m/") == TargetSpec(
        "mirror", "http://127.0.0.1:9000/m"
    )
    with pytest.raises(UsageError) as caught:
        parse_against("fixture")
    assert "--against acepta live, fixtures o una URL" in caught.value.message("es")


@pytest.mark.parametrize(
    ("value", "shown", "reason"),
    [
        ("http://[::1", "http://[::1", "el nombre del servidor no es válido"),
        ("http://[zz]:80", "http://[zz]:80", "el nombre del servidor no es válido"),
        ("http://a b", "http://a b", "tiene espacios o caracteres de control"),
        ("http://a\x1bb", "http://a\\x1bb", "tiene espacios o caracteres de control"),
        ("http://a%20b", "http://a%20b", "el nombre del servidor no es válido"),
        ("http://", "http://", "el nombre del servidor no es válido"),
        ("http://h..x:80", "http://h..x:80", "el nombre del servidor no es válido"),
        ("http://h:99999", "http://h:99999", "el puerto debe ser un número entre 1 y 65535"),
        ("http://h:0", "http://h:0", "el puerto debe ser un número entre 1 y 65535"),
        ("http://h:x", "http://h:x", "el puerto debe ser un número entre 1 y 65535"),
        ("http://h/?a=1", "http://h/?a=1", "lleva una consulta (?…) o un fragmento (#…)"),
        ("http://h/m#x", "http://h/m#x", "lleva una consulta (?…) o un fragmento (#…)"),
        ("http://h/ñ", "http://h/ñ", "la ruta tiene caracteres que una URL no lleva tal cual"),
        ("http://u:pw@127.0.0.1:1", "http://…@127.0.0.1:1", "lleva usuario o contraseña"),
        ("https://u@h/p@q", "https://…@h/p@q", "lleva usuario o contraseña"),
        # A live portal is no mirror: QA (and a mirror's ways) would reach the real portal.
        ("https://www.imss.gob.mx", "https://www.imss.gob.mx", "es un portal real, no un espejo"),
        ("http://imss.gob.mx:443/", "http://imss.gob.mx:443/", "es un portal real, no un espejo"),
        ("http://SMARTWEB1.itson.edu.mx:8400", "http://SMARTWEB1.itson.edu.mx:8400", "portal real"),
        (
            "https://serviciosdigitales.imss.gob.mx./m",
            "https://serviciosdigitales.imss.gob.mx./m",
            "es un portal real",
        ),
    ],
)
def test_a_mirror_url_that_cannot_be_used_is_named_with_why(
    value: str, shown: str, reason: str
) -> None:
    # Each of these crashed (an invalid IPv6 address, a space) or was blamed on the network.
    with pytest.raises(UsageError) as caught:
        parse_against(value)
    message = caught.value.message("es")
    assert message.startswith(f"--against: «{shown}» no es una URL de espejo que pueda usar: ")
    assert reason in message
    assert "pw" not in message


def test_credentials_are_never_shown_even_in_a_url_broken_otherwise() -> None:
    for value in ("http://u:secreto@[::1", "ftp://u:secreto@h"):
        with pytest.raises(UsageError) as caught:
            parse_against(value)
        assert "secreto" not in caught.value.message("en")
        assert "…@" in caught.value.message("en")


def test_mirror_urls_that_work_are_accepted() -> None:
    for value in (
        "http://127.0.0.1:9000",
        "https://[::1]:8443/espejo/",
        "http://localhost",
        "http://mirror_1.example.com:8000/a/b%20c",
        "HTTP://Example.COM",
        "http://ñandú.example:80",
    ):
        assert parse_against(value) == TargetSpec("mirror", value.rstrip("/"))


def test_origins_compare_whole_hosts_with_wildcards_and_ports() -> None:
    origins = ["https://*.imss.gob.mx", "http://127.0.0.1:8000"]
    assert origin_allowed("https://a.imss.gob.mx/x", origins)
    assert not origin_allowed("https://imss.gob.mx/x", origins)
    assert not origin_allowed("https://imss.gob.mx.evil.example/x", origins)
    assert origin_allowed("http://a.imss.gob.mx/x", origins)  # the portals mix http and https
    assert origin_allowed("http://127.0.0.1:8000/", origins)
    assert not origin_allowed("http://127.0.0.1:8001/", origins)
    # A page of no site passes only as a place gone through, never as one to go to.
    assert origin_allowed("about:blank", origins, neutral=True)
    assert not origin_allowed("about:blank", origins)
    assert not origin_allowed("file:///etc/passwd", origins)


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        # A backslash is a slash to the browser: the host is evil.example (Python alone read
        # the host after the `@`, and let a scenario's goto or a pasted link go there).
        ("https://evil.example\\@serviciosdigitales.imss.gob.mx/portal", False),
        ("https:\\\\evil.example/x", False),
        # ...and the other way round: the portal's host, a path after it.
        ("https://serviciosdigitales.imss.gob.mx\\@evil.example/", True),
        ("https://serviciosdigitales.imss.gob.mx\\\\evil.example", True),
        # Read alike by both: a tab dropped, a %5C kept in the user part.
        ("https://evil.example\t@serviciosdigitales.imss.gob.mx/", True),
        ("https://evil.example%5C@serviciosdigitales.imss.gob.mx/", True),
        (" https://evil.example/", False),
    ],
)
def test_an_address_is_on_an_origin_as_the_browser_reads_it(url: str, allowed: bool) -> None:
    """Each expectation is what Chromium's (WHATWG) URL parser gives as the host."""
    assert origin_allowed(url, ["https://serviciosdigitales.imss.gob.mx"]) is allowed


def test_a_mirrors_address_of_a_declared_origin_reads_as_the_live_url() -> None:
    origins = ["https://serviciosdigitales.imss.gob.mx"]
    assert from_mirror("http://127.0.0.1:9000/serviciosdigitales.imss.gob.mx/c?t=1", origins) == (
        "https://serviciosdigitales.imss.gob.mx/c?t=1"
    )
    assert from_mirror("https://elsewhere.example/c", origins) == "https://elsewhere.example/c"


@pytest.mark.parametrize(
    "origin",
    [
        "https://www.imss.gob.mx",
        "https://*.gob.mx",
        "http://smartweb1.itson.edu.mx:8400",
        "HTTPS://A-B.example:1",
        "http://127.0.0.1:65535",
    ],
)
def test_a_well_formed_origin_has_no_problem(origin: str) -> None:
    assert origin_problem(origin) is None


@pytest.mark.parametrize(
    ("origin", "problem"),
    [
        ("ftp://x", "scenario.origin_scheme"),
        ("www.example.com", "scenario.origin_scheme"),
        ("http://[::1", "scenario.origin_host"),
        ("https://a]", "scenario.origin_host"),
        ("https://a[", "scenario.origin_host"),
        ("https://*.*.gob.mx", "scenario.origin_host"),
        ("https://a..b", "scenario.origin_host"),
        ("https://-a", "scenario.origin_host"),
        ("https://", "scenario.origin_host"),
        ("https://a:99999", "scenario.origin_port"),
        ("https://a:0", "scenario.origin_port"),
        ("https://a:", "scenario.origin_port"),
        ("https://a:80:81", "scenario.origin_port"),
        ("https://a/", "scenario.origin_rest"),
        ("https://user@a", "scenario.origin_rest"),
        ("https://a?x", "scenario.origin_rest"),
        ("https://a b", "scenario.origin_rest"),
    ],
)
def test_a_malformed_origin_is_named_with_what_is_wrong(origin: str, problem: str) -> None:
    assert origin_problem(origin) == problem


def test_a_malformed_declared_origin_never_raises_and_matches_nothing() -> None:
    origins = ["http://[::1", "https://a]", "https://a[", "https://a:99999", "https://*.gob.mx"]
    assert origin_allowed("https://www.gob.mx/x", origins)
    assert not origin_allowed("https://a/x", origins)
    assert host_patterns(origins) == ("*.gob.mx",)
    assert live_origin("a", 99999, origins) == "https://a:99999"

"""Targets and origins: what --against accepts, which URLs a scenario may visit, and a
mirror's address for a live page read back as the live one."""

from __future__ import annotations

import pytest

from autohelper.errors import UsageError
from autohelper.target import TargetSpec, from_mirror, origin_allowed, parse_against


def test_against_accepts_live_fixtures_and_urls_only() -> None:
    assert parse_against("live") == TargetSpec("live")
    assert parse_against("http://127.0.0.1:9000/m/") == TargetSpec(
        "mirror", "http://127.0.0.1:9000/m"
    )
    with pytest.raises(UsageError) as caught:
        parse_against("fixture")
    assert "--against acepta live, fixtures o una URL" in caught.value.message("es")


def test_origins_compare_whole_hosts_with_wildcards_and_ports() -> None:
    origins = ["https://*.imss.gob.mx", "http://127.0.0.1:8000"]
    assert origin_allowed("https://a.imss.gob.mx/x", origins)
    assert not origin_allowed("https://imss.gob.mx/x", origins)
    assert not origin_allowed("https://imss.gob.mx.evil.example/x", origins)
    assert origin_allowed("http://a.imss.gob.mx/x", origins)  # the portals mix http and https
    assert origin_allowed("http://127.0.0.1:8000/", origins)
    assert not origin_allowed("http://127.0.0.1:8001/", origins)
    assert origin_allowed("about:blank", origins)
    assert not origin_allowed("file:///etc/passwd", origins)


def test_a_mirrors_address_of_a_declared_origin_reads_as_the_live_url() -> None:
    origins = ["https://serviciosdigitales.imss.gob.mx"]
    assert from_mirror("http://127.0.0.1:9000/serviciosdigitales.imss.gob.mx/c?t=1", origins) == (
        "https://serviciosdigitales.imss.gob.mx/c?t=1"
    )
    assert from_mirror("https://elsewhere.example/c", origins) == "https://elsewhere.example/c"

"""Portal files: the facts of each portal, read with positions like scenarios."""

from __future__ import annotations

from pathlib import Path

import pytest

from autohelper.errors import ScenarioError
from autohelper.scenario.portal import all_portals, find_portal, load_portal_file


def test_the_bundled_portals_load_and_carry_their_facts() -> None:
    imss = find_portal("imss")
    assert imss is not None and imss.firewall is not None
    assert "Incapsula incident ID" in imss.firewall.block_text
    assert "https://serviciosdigitales.imss.gob.mx" in imss.origins
    itson = find_portal("itson")
    assert itson is not None and itson.firewall is None
    assert "http://smartweb1.itson.edu.mx:8400" in itson.origins
    assert {p.id for p in all_portals()} >= {"imss", "itson", "lab"}
    assert find_portal("nope") is None


def test_a_bad_portal_file_names_every_problem_with_its_place(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(
        "id: x\nname: X\norigins:\n  - www.example.com\n  - ftp://x\n  - https://a:99999\n"
        "  - 'http://[::1'\nfirewal:\n  name: F\n",
        encoding="utf-8",
    )
    with pytest.raises(ScenarioError) as caught:
        load_portal_file(path, "en")
    written = "It is written http(s)://host[:port], e.g. https://serviciosdigitales.imss.gob.mx, "
    written += "https://*.imss.gob.mx or http://smartweb1.itson.edu.mx:8400"
    scheme = "it must start with http:// or https://"
    problems = caught.value.problems
    assert problems[:3] == [
        f"{path}:4:5: invalid origin 'www.example.com': {scheme}. {written}",
        f"{path}:5:5: invalid origin 'ftp://x': {scheme}. {written}",
        f"{path}:6:5: invalid origin 'https://a:99999': the port must be a number from 1 to "
        f"65535. {written}",
    ]
    assert problems[3].startswith(f"{path}:7:5: invalid origin 'http://[::1': ")
    assert problems[4:] == [f"{path}:8:1: unknown key 'firewal' (did you mean 'firewall'?)"]


def test_each_mock_site_uses_its_portals_session_cookie() -> None:
    from autohelper.mock.imss import ImssSite
    from autohelper.mock.lab import LabSite

    for site, portal_id in ((ImssSite, "imss"), (LabSite, "lab")):
        portal = find_portal(portal_id)
        assert portal is not None and portal.session_cookie == site.cookie

"""What the engine watches, on a real page: the page reports its own facts (firewall,
maintenance, status) once per document; leaving the declared origins is noticed."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from autohelper.engine.guards import PageWatch
from autohelper.mock import MockPortal
from autohelper.scenario.portal import find_portal

pytestmark = pytest.mark.browser
LAB = "https://lab.autohelper.test"


def watch(page: Page, origins: tuple[str, ...] = (LAB,)) -> PageWatch:
    portal = find_portal("lab")
    assert portal is not None
    return PageWatch(page, origins, portal)


def test_an_ordinary_page_is_neither_firewall_nor_maintenance(
    page: Page, portal: MockPortal
) -> None:
    watched = watch(page)
    page.goto(f"{LAB}/entry")
    page.wait_for_function("document.readyState !== 'loading'")
    assert (watched.is_firewall(), watched.is_unavailable(), watched.status) == (False, False, 200)


def test_the_portals_firewall_page_is_recognised_from_its_facts(
    page: Page, portal: MockPortal
) -> None:
    portal.configure(firewall=True)
    watched = watch(page)
    page.goto(f"{LAB}/entry")
    page.get_by_text("Lab firewall block").wait_for()
    assert watched.is_firewall() and watched.status == 403


def test_a_maintenance_answer_is_unavailable_and_a_new_document_forgets_it(
    page: Page, portal: MockPortal
) -> None:
    portal.configure(fail_first=1)
    watched = watch(page)
    page.goto(f"{LAB}/entry")
    page.get_by_text("mantenimiento").wait_for()
    assert watched.is_unavailable() and watched.status == 503
    page.goto(f"{LAB}/entry")
    page.locator("#txtID").wait_for()
    assert not watched.is_unavailable() and watched.navigations == 2


def test_leaving_the_declared_origins_is_noticed(page: Page, portal: MockPortal) -> None:
    watched = watch(page, origins=("https://plain.autohelper.test",))
    page.goto(f"{LAB}/entry")
    assert watched.violation == f"{LAB}/entry"

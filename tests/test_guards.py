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


IMSS = "https://serviciosdigitales.imss.gob.mx/gestionAsegurados-web-externo/vigencia"
# Incapsula injects its script into the portal's ordinary pages, short forms included.
INJECTED = '<script src="/_Incapsula_Resource?SWJIYLWA=719d34d31c8e3a6e6fffd425f7e032f3"></script>'


@pytest.mark.parametrize(
    ("body", "firewall"),
    [
        pytest.param(
            '<h1>Constancia de vigencia</h1><label for="c">CURP</label><input id="c">'
            "<button>Continuar</button>",
            False,
            id="a-short-form-with-the-injected-script",
        ),
        pytest.param("<p>Tu NSS es: 12345678901</p>" * 3, False, id="a-short-page-of-text"),
        pytest.param(
            '<iframe id="main-iframe" src="/_Incapsula_Resource?CWUDNSAI=23"></iframe>',
            True,
            id="the-challenge-nothing-but-its-marker",
        ),
    ],
)
def test_a_firewalls_marker_is_its_challenge_only_on_a_page_with_nothing_else(
    page: Page, portal: MockPortal, body: str, firewall: bool
) -> None:
    """A mirror of the IMSS vigencia form with Incapsula's script (as live pages have it) was
    called the firewall's block page: the run stopped on the portal's own form."""
    facts = find_portal("imss")
    assert facts is not None
    watched = PageWatch(page, ("https://serviciosdigitales.imss.gob.mx",), facts)
    html = f"<html><head>{INJECTED}</head><body>{body}</body></html>"
    page.route(IMSS, lambda route: route.fulfill(body=html, content_type="text/html"))
    page.goto(IMSS)
    page.wait_for_function("document.readyState !== 'loading'")
    assert watched.is_firewall() is firewall


@pytest.mark.parametrize(
    ("target", "opens"),
    [
        ("role=button[name='Continuar']", True),  # its script calls window.open
        ("text=TRÁMITE DIGITALIZADO", True),  # a link to _blank
        ("text=Abrir en otra ventana", True),  # a window no frame is named after
        ("#misma", False),  # a link into the page itself
    ],
)
def test_the_page_says_when_a_click_opens_a_new_tab(
    page: Page, portal: MockPortal, target: str, opens: bool
) -> None:
    """What lets a click await the tab it opens, with no round trip for the others: a button
    whose script opened a tab was followed only when the tab came before the click returned."""
    watched = watch(page)
    page.goto(f"{LAB}/new-tab")
    page.locator(target).click()
    page.wait_for_load_state()
    assert watched.new_tab is opens


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


def test_a_new_document_is_not_taken_as_busy_with_a_write_it_never_made(
    page: Page, portal: MockPortal
) -> None:
    """A field typed into just after its page loaded is not "just answered" (the page never
    wrote): a look then lets it be, as it does a page that has been open a while."""
    from autohelper.engine.guards import BUSY_KEY
    from autohelper.engine.steps import _LOOK_JS, QUIET_MS

    watch(page)
    page.goto(f"{LAB}/entry")
    # A frame made now: its document is younger than the quiet time a write's answer is given.
    age, (_, _, _, busy, _) = page.evaluate(
        """async ([look, key]) => {
            const frame = document.createElement("iframe");
            frame.srcdoc = "<input id=x>";
            const loaded = new Promise(done => frame.onload = done);
            document.body.append(frame);
            await loaded;
            const field = frame.contentDocument.getElementById("x");
            return [frame.contentWindow.performance.now(), eval(look)(field, key)];
        }""",
        [_LOOK_JS, BUSY_KEY],
    )
    assert age < QUIET_MS
    assert busy == ""

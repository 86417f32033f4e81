"""The front between the browser and a mirror: live URLs kept, the mirror's own addresses
rewritten back to live ones, cookies and redirects working; and the whole NSS flow, unchanged,
against a mirror that follows the contract in its own style (absolute mirror links, host-prefixed
cookie paths, compressed bodies)."""

from __future__ import annotations

import gzip
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Page
from support import CURP, engine_run

from autohelper.browser.front import PortalFront
from autohelper.mock import MockPortal
from autohelper.mock.captcha import nss_for
from autohelper.scenario.loader import load_scenario, scenarios_dir

LIVE = re.compile(r"https://((?:[a-z0-9-]+\.)+gob\.mx)")


def test_the_mirrors_own_addresses_become_live_ones() -> None:
    front = PortalFront("http://127.0.0.1:9000/m")
    assert (
        front.rewrite_location("http://127.0.0.1:9000/m/www.gob.mx/a?b=1")
        == "https://www.gob.mx/a?b=1"
    )
    assert front.rewrite_location("/m/www.imss.gob.mx/x") == "https://www.imss.gob.mx/x"
    assert (
        front.rewrite_location("/gestionAsegurados-web-externo/y")
        == "/gestionAsegurados-web-externo/y"
    )
    cookie = "S=1; Domain=127.0.0.1; Path=/www.imss.gob.mx/app; Secure; HttpOnly; SameSite=None"
    assert front.rewrite_cookie(cookie) == "S=1; HttpOnly; Path=/"
    body = b'<a href="http://127.0.0.1:9000/m/www.gob.mx/t">x</a><a href="/m/www.imss.gob.mx/u">'
    assert front.rewrite_body(body) == (
        b'<a href="https://www.gob.mx/t">x</a><a href="https://www.imss.gob.mx/u">'
    )


class ForeignMirror:
    """The bundled mock re-dressed as another team's mirror: it writes its own absolute
    addresses into pages, redirects and emails, scopes cookies under the host prefix, and
    compresses every body whatever the client asked for."""

    def __init__(self, portal: MockPortal) -> None:
        self.portal = portal
        mirror = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                self._serve()

            def do_POST(self) -> None:  # noqa: N802
                self._serve()

            def log_message(self, *args: object) -> None:
                pass

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                reply = mirror.portal.answer(
                    self.command, self.path, body, self.headers.get("Cookie", "")
                )
                own = f"http://127.0.0.1:{mirror.port}"
                payload = LIVE.sub(lambda m: f"{own}/{m.group(1)}", reply.body.decode("utf-8"))
                packed = gzip.compress(payload.encode("utf-8"))
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                self.send_header("Content-Encoding", "gzip")
                for name, value in reply.headers:
                    if name.lower() == "location":
                        value = LIVE.sub(lambda m: f"{own}/{m.group(1)}", value)
                    if name.lower() == "set-cookie":
                        host = self.path.lstrip("/").split("/", 1)[0]
                        # Scoped to the application, like the live portal's JSESSIONID.
                        value = (
                            value.replace("Path=/", f"Path=/{host}/gestionAsegurados-web-externo")
                            + "; Domain=127.0.0.1"
                        )
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(packed)))
                self.end_headers()
                self.wfile.write(packed)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def foreign(portal: MockPortal, front: PortalFront) -> Iterator[ForeignMirror]:
    mirror = ForeignMirror(portal)
    previous, front.upstream = front.upstream, mirror.url
    yield mirror
    front.upstream = previous
    mirror.stop()


@pytest.mark.browser
@pytest.mark.parametrize("version", [1, 2])
def test_the_scenario_runs_unchanged_against_a_foreign_mirror(
    page: Page, portal: MockPortal, foreign: ForeignMirror, tmp_path: Path, version: int
) -> None:
    # A person who already has an NSS: the scenario does not fill the new NSS's address step.
    portal.configure(result_version=version)
    scenario = load_scenario(scenarios_dir() / "imss-nss.yaml")
    result = engine_run(page, scenario, tmp_path)
    assert result.status == "success", result.message
    assert page.url.startswith("https://serviciosdigitales.imss.gob.mx/")
    # Version 2 gives a new NSS after the address step (its colonia picked from the list).
    assert result.yields == ({"nss": nss_for(CURP), "colonia": "CENTRO"} if version == 2 else {})
    assert portal.posts("asignacionNSS/valida") == 1


def test_a_plain_http_origin_with_a_port_keeps_its_scheme_and_port() -> None:
    front = PortalFront("http://127.0.0.1:9000/m")
    # The CIA signs in on plain HTTP, port 8400: a mirror serves it under `host:port`.
    assert (
        front.rewrite_location("http://127.0.0.1:9000/m/smartweb1.itson.edu.mx:8400/psp/X?a=1")
        == "http://smartweb1.itson.edu.mx:8400/psp/X?a=1"
    )
    assert front.rewrite_location("/m/smartweb2.itson.edu.mx:8400/psp/Y") == (
        "http://smartweb2.itson.edu.mx:8400/psp/Y"
    )
    # A port no portal declares stays https, as every other portal host.
    assert front.rewrite_location("/m/apps9.itson.edu.mx/CIA/index.aspx") == (
        "https://apps9.itson.edu.mx/CIA/index.aspx"
    )
    body = b'<form action="/m/smartweb1.itson.edu.mx:8400/psp/ITSONPRD/?cmd=login">'
    assert front.rewrite_body(body) == (
        b'<form action="http://smartweb1.itson.edu.mx:8400/psp/ITSONPRD/?cmd=login">'
    )


@pytest.mark.browser
def test_the_browser_reaches_a_plain_http_origin_with_a_port_through_the_front(
    page: Page, portal: MockPortal
) -> None:
    page.goto("http://plain.autohelper.test:8400/hello")
    assert page.url == "http://plain.autohelper.test:8400/hello"
    assert page.locator("#origen").inner_text() == "http://plain.autohelper.test:8400"
    assert (portal.requests[0]["host"], portal.requests[0]["path"]) == (
        "plain.autohelper.test:8400",
        "/hello",
    )
    page.get_by_role("link", name="Volver a HTTPS").click()
    page.wait_for_url("https://lab.autohelper.test/done?what=https")

"""The front between the browser and a mirror: live URLs kept, the mirror's own addresses
rewritten back to live ones, cookies and redirects working; and the whole NSS flow, unchanged,
against a mirror that follows the contract in its own style (absolute mirror links, host-prefixed
cookie paths, compressed bodies)."""

from __future__ import annotations

import gzip
import os
import re
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

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
    assert front.rewrite_cookie(cookie, "www.imss.gob.mx") == "S=1; HttpOnly; Path=/"
    # A session the portal shares between its servers keeps its domain (PeopleSoft's can).
    shared = "PS_TOKEN=a; Domain=.itson.edu.mx; Path=/"
    host = "smartweb1.itson.edu.mx:8400"
    assert front.rewrite_cookie(shared, host) == "PS_TOKEN=a; Domain=.itson.edu.mx; Path=/"
    assert front.rewrite_cookie(shared, "www.imss.gob.mx") == "PS_TOKEN=a; Path=/"
    assert front.rewrite_cookie("T=1; Domain=edu.mx", host) == "T=1; Domain=.edu.mx; Path=/"
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


# -- the front as a proxy (for browsers launched elsewhere) ------------------------------------
def _proxy_exchange(port: int, request: bytes) -> bytes:
    """Send `request` to the front as a browser sends to its proxy; the raw answer's head."""
    import socket

    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(request)
        return conn.recv(65536)


def test_the_front_as_a_proxy_tunnels_only_to_the_portals_hosts(mock_portal: MockPortal) -> None:
    import socket
    import ssl

    with PortalFront(mock_portal.url) as front:
        refused = _proxy_exchange(front.port, b"CONNECT example.com:443 HTTP/1.1\r\n\r\n")
        assert refused.startswith(b"HTTP/1.1 403"), refused
        # A portal host: the tunnel opens, TLS ends at the front, and the page inside it is
        # the mock's, at its live URL.
        with socket.create_connection(("127.0.0.1", front.port), timeout=10) as raw:
            raw.sendall(b"CONNECT www.imss.gob.mx:443 HTTP/1.1\r\nHost: www.imss.gob.mx\r\n\r\n")
            assert raw.recv(4096).startswith(b"HTTP/1.1 200")
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE  # the front's own certificate, made up on the spot
            with context.wrap_socket(raw, server_hostname="www.imss.gob.mx") as tls:
                tls.sendall(
                    b"GET /tramites/imss02008 HTTP/1.1\r\nHost: www.imss.gob.mx\r\n"
                    b"Connection: close\r\n\r\n"
                )
                answer = b""
                while chunk := tls.recv(65536):
                    answer += chunk
    assert answer.startswith(b"HTTP/1.1 200"), answer[:200]
    assert "IMSS-02-008" in answer.decode("utf-8")


def test_the_front_as_a_proxy_answers_absolute_urls_of_portals_only(
    mock_portal: MockPortal,
) -> None:
    with PortalFront(mock_portal.url) as front:
        page = _proxy_exchange(
            front.port,
            b"GET http://www.imss.gob.mx/tramites/imss02008 HTTP/1.1\r\n"
            b"Host: www.imss.gob.mx\r\nConnection: close\r\n\r\n",
        )
        elsewhere = _proxy_exchange(
            front.port,
            b"GET http://example.com/ HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n",
        )
    assert page.startswith(b"HTTP/1.1 200"), page[:200]
    assert elsewhere.startswith(b"HTTP/1.1 403"), elsewhere[:200]
    assert not [r for r in mock_portal.requests if "example.com" in r["host"]]


def _server_side_nodelay(port: int, client: socket.socket) -> int:
    """TCP_NODELAY on this process's end of `client`'s connection to `port` (the servers run
    in the test's process): the accepted socket is found among the process's descriptors."""
    wanted = client.getsockname()
    for name in os.listdir("/proc/self/fd"):
        try:
            copy = os.dup(int(name))
        except OSError:  # gone meanwhile
            continue
        try:
            found = socket.socket(fileno=copy)
        except OSError:  # not a socket: its copy is closed here (a pipe's copy left open
            os.close(copy)  # kept the Playwright driver from ever seeing its input end)
            continue
        with found:
            if found.family != socket.AF_INET:
                continue
            try:
                ours = found.getsockname()[1] == port and found.getpeername() == wanted
            except OSError:  # not connected, or not an internet socket
                continue
            if ours:
                return found.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
    raise AssertionError(f"no server socket for {wanted} on port {port}")


def test_the_mock_and_the_front_send_each_answer_without_waiting_for_an_acknowledgement(
    mock_portal: MockPortal, front: PortalFront
) -> None:
    """Both write an answer's head and its body apart: with Nagle's algorithm on, the body of
    every answer after a kept-alive connection's first waited for the browser's delayed
    acknowledgement (40 ms here, for every request of every page: 44 ms a request, measured)."""
    for port in (urlsplit(mock_portal.url).port, front.port):
        assert port is not None
        with socket.create_connection(("127.0.0.1", port)) as client:
            client.sendall(b"GET /__mock__/outbox HTTP/1.1\r\nHost: www.imss.gob.mx\r\n\r\n")
            assert client.recv(1024).startswith(b"HTTP/1.1 ")
            assert _server_side_nodelay(port, client) != 0, port

"""A mirror that misbehaves, through the front: the browser always gets an answer (a 502 naming
the mirror's problem, never a dropped connection, which a browser answers by sending again),
bodies are decoded and rewritten whatever their encoding or type's case, and a mirror address
that is not an HTTP server, or not an HTTPS one, is said as such before any browser."""

from __future__ import annotations

import contextlib
import gzip
import http.client
import http.server
import socket
import threading
import zlib
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page
from support import console

from autohelper.browser.front import PortalFront
from autohelper.errors import MirrorUnreachable
from autohelper.session import probe_mirror
from autohelper.target import from_mirror

ORIGINS = ("https://www.imss.gob.mx",)
FORM = (
    b'<!doctype html><meta charset="utf-8"><title>form</title>'
    b'<form method="post" action="/send"><input name="a" value="1">'
    b"<button>Enviar</button></form>"
)


class RawMirror:
    """A mirror on 127.0.0.1 that answers each request with `answer(method, path, headers)`:
    the raw bytes to write, and whether to close (a normal close) after them. It keeps what it
    was asked."""

    def __init__(self, answer: Callable[[str, str, dict[str, str]], bytes]) -> None:
        self.answer = answer
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def posts(self) -> int:
        return sum(1 for method, _, _ in self.requests if method == "POST")

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        with conn:
            reader = conn.makefile("rb")
            head = reader.readline().decode("latin-1").split()
            headers: dict[str, str] = {}
            while (line := reader.readline()) not in (b"\r\n", b"\n", b""):
                name, _, value = line.decode("latin-1").partition(":")
                headers[name.strip().lower()] = value.strip()
            reader.read(int(headers.get("content-length") or 0))
            self.requests.append((head[0], head[1], headers))
            conn.sendall(self.answer(head[0], head[1], headers))
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)  # a normal close, never a reset

    def stop(self) -> None:
        self.listener.close()


def reply(status: str, headers: dict[str, str], body: bytes, extra: int = 0) -> bytes:
    """An HTTP/1.1 answer; `extra` bytes more announced than sent (an answer cut short)."""
    lines = [f"HTTP/1.1 {status}", *(f"{k}: {v}" for k, v in headers.items())]
    lines += [f"Content-Length: {len(body) + extra}", "Connection: close", "", ""]
    return "\r\n".join(lines).encode("latin-1") + body


@pytest.fixture
def mirror_with() -> Iterator[Callable[..., tuple[RawMirror, PortalFront]]]:
    """A RawMirror and a front of its own (plain HTTP to the front, as a browser to an http
    origin)."""
    running: list[tuple[RawMirror, PortalFront]] = []

    def start(answer: Callable[[str, str, dict[str, str]], bytes]) -> tuple[RawMirror, PortalFront]:
        mirror = RawMirror(answer)
        front = PortalFront(mirror.url, timeout=10, origins=ORIGINS)
        front.start()
        running.append((mirror, front))
        return mirror, front

    yield start
    for mirror, front in running:
        front.stop()
        mirror.stop()


def through(front: PortalFront, method: str = "GET", path: str = "/p") -> tuple[int, str, bytes]:
    """A request for www.imss.gob.mx to the front: its status, Content-Type and body."""
    conn = http.client.HTTPConnection("127.0.0.1", front.port, timeout=20)
    try:
        conn.request(
            method,
            path,
            body=b"a=1" if method == "POST" else None,
            headers={"Host": "www.imss.gob.mx"},
        )
        answer = conn.getresponse()
        return answer.status, answer.getheader("Content-Type") or "", answer.read()
    finally:
        conn.close()


# -- 1. every upstream failure is a 502 page, never a dropped connection -------------------------
def test_a_post_cut_short_by_the_mirror_is_a_502_and_reaches_it_once(
    mirror_with: Callable[..., tuple[RawMirror, PortalFront]],
) -> None:
    def answer(method: str, path: str, headers: dict[str, str]) -> bytes:
        return reply("200 OK", {"Content-Type": "text/html"}, b"<p>recibido</p>", extra=100)

    mirror, front = mirror_with(answer)
    status, content_type, body = through(front, "POST", "/send")
    assert (status, mirror.posts()) == (502, 1)
    assert content_type.startswith("text/html")
    assert "su respuesta llegó cortada" in body.decode("utf-8")
    assert mirror.url in body.decode("utf-8")


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b"SSH-2.0-OpenSSH_9.6\r\n", "no responde como un servidor HTTP"),
        (
            reply("200 OK", {"Content-Type": "text/html", "Content-Encoding": "gzip"}, b"nope"),
            "su respuesta comprimida (gzip o deflate) está dañada",
        ),
        (b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", "su respuesta llegó cortada"),
    ],
    ids=["not-http", "bad-gzip", "cut-short"],
)
def test_each_failure_of_the_mirror_is_a_502_naming_it(
    mirror_with: Callable[..., tuple[RawMirror, PortalFront]], raw: bytes, words: str
) -> None:
    _, front = mirror_with(lambda *_: raw)
    status, _, body = through(front)
    assert status == 502
    assert words in body.decode("utf-8")


@pytest.mark.browser
def test_the_browser_never_sends_a_form_twice_when_the_answer_is_cut_short(
    page: Page, front: PortalFront
) -> None:
    """Chromium sends a POST again by itself when its keep-alive connection closes without an
    answer; with a 502 it does not, and the page says what happened."""

    def answer(method: str, path: str, headers: dict[str, str]) -> bytes:
        if method == "GET":
            return reply("200 OK", {"Content-Type": "text/html; charset=utf-8"}, FORM)
        return reply("200 OK", {"Content-Type": "text/html"}, b"<p>recibido</p>", extra=100)

    mirror = RawMirror(answer)
    previous, front.upstream = front.upstream, mirror.url
    try:
        page.goto("https://www.imss.gob.mx/form")
        status = None
        with contextlib.suppress(PlaywrightError):  # net::ERR_EMPTY_RESPONSE, before the fix
            with page.expect_navigation() as navigation:
                page.get_by_role("button", name="Enviar").click()
            status = navigation.value.status if navigation.value else None
        page.wait_for_timeout(500)  # time for a re-sent POST, if any
        assert mirror.posts() == 1
        assert status == 502
        assert "llegó cortada" in page.locator("body").inner_text()
    finally:
        front.upstream = previous
        mirror.stop()


# -- 2, 3. encodings --------------------------------------------------------------------------
def _page_linking_the_mirror(mirror: RawMirror) -> bytes:
    return f'<a href="{mirror.url}/www.imss.gob.mx/next">siguiente</a>'.encode()


@pytest.mark.parametrize("wbits", [-zlib.MAX_WBITS, zlib.MAX_WBITS], ids=["raw", "zlib"])
def test_a_deflate_body_raw_or_zlib_wrapped_is_decoded_and_rewritten(
    mirror_with: Callable[..., tuple[RawMirror, PortalFront]], wbits: int
) -> None:
    holder: list[RawMirror] = []

    def answer(method: str, path: str, headers: dict[str, str]) -> bytes:
        packer = zlib.compressobj(wbits=wbits)
        body = packer.compress(_page_linking_the_mirror(holder[0])) + packer.flush()
        return reply("200 OK", {"Content-Type": "text/html", "Content-Encoding": "deflate"}, body)

    mirror, front = mirror_with(answer)
    holder.append(mirror)
    status, _, body = through(front)
    assert (status, body) == (200, b'<a href="https://www.imss.gob.mx/next">siguiente</a>')


def test_the_mirror_is_asked_only_for_encodings_the_front_decodes(
    mirror_with: Callable[..., tuple[RawMirror, PortalFront]],
) -> None:
    page = b"<p>hola</p>"

    def answer(method: str, path: str, headers: dict[str, str]) -> bytes:
        if path.endswith("/gz"):
            packed = gzip.compress(page)
            return reply(
                "200 OK", {"Content-Type": "text/html", "Content-Encoding": "gzip"}, packed
            )
        return reply("200 OK", {"Content-Type": "text/html", "Content-Encoding": "br"}, b"\x0b\x02")

    mirror, front = mirror_with(answer)
    assert through(front, path="/gz")[::2] == (200, page)
    assert mirror.requests[0][2]["accept-encoding"] == "gzip, deflate"
    # Another encoding anyway: a 502 naming it, never a compressed body without its header.
    status, _, body = through(front, path="/br")
    assert status == 502
    assert "respondió comprimido con «br»" in body.decode("utf-8")


# -- 5. media types are case-insensitive -------------------------------------------------------
@pytest.mark.parametrize(
    "content_type",
    ["Text/HTML; charset=UTF-8", "application/XHTML+xml", "image/svg+xml", "application/xml"],
)
def test_a_body_is_rewritten_whatever_the_case_of_its_textual_type(
    mirror_with: Callable[..., tuple[RawMirror, PortalFront]], content_type: str
) -> None:
    holder: list[RawMirror] = []

    def answer(method: str, path: str, headers: dict[str, str]) -> bytes:
        return reply("200 OK", {"Content-Type": content_type}, _page_linking_the_mirror(holder[0]))

    mirror, front = mirror_with(answer)
    holder.append(mirror)
    assert through(front)[2] == b'<a href="https://www.imss.gob.mx/next">siguiente</a>'


# -- 6. a mirror mounted under a path ---------------------------------------------------------
def test_a_link_from_a_mirror_under_a_sub_path_reads_as_the_live_url() -> None:
    origins = ["https://serviciosdigitales.imss.gob.mx"]
    link = "http://127.0.0.1:8000/sub/dir/serviciosdigitales.imss.gob.mx/c/v?t=1"
    assert from_mirror(link, origins) == "https://serviciosdigitales.imss.gob.mx/c/v?t=1"
    assert from_mirror("http://127.0.0.1:8000/sub/dir/x", origins) == (
        "http://127.0.0.1:8000/sub/dir/x"
    )


# -- 4, 7. the probe: not HTTP, not HTTPS -----------------------------------------------------
@pytest.fixture
def ssh_port() -> Iterator[int]:
    """A port that answers every connection with an SSH banner."""
    listener = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            with conn:
                conn.recv(65536)
                conn.sendall(b"SSH-2.0-OpenSSH_9.6\r\n")

    threading.Thread(target=serve, daemon=True).start()
    yield listener.getsockname()[1]
    listener.close()


def test_a_mirror_port_that_does_not_speak_http_is_exit_1_with_its_words(ssh_port: int) -> None:
    url = f"http://127.0.0.1:{ssh_port}"
    result = console("qa", "imss-nss", "--single", "--against", url)
    assert result.exit_code == 1, result.output
    assert f"No se pudo conectar con el espejo {url}: no responde como un servidor HTTP" in (
        result.stderr
    )
    english = console("--lang", "en", "check", "imss-nss", "--against", url)
    assert english.exit_code in (1, 2), english.output
    assert "Traceback" not in english.output
    assert f"the mirror {url}: it does not answer as an HTTP server" in english.output


def test_https_to_a_plain_http_mirror_is_said_as_a_tls_problem() -> None:
    class Quiet(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"https://127.0.0.1:{server.server_address[1]}"
    try:
        with pytest.raises(MirrorUnreachable) as caught:
            probe_mirror(url, timeout=5)
    finally:
        server.shutdown()
        server.server_close()
    assert caught.value.message() == (
        f"No se pudo conectar con el espejo {url}: no habla HTTPS en esa dirección "
        "(¿es http://?). Revisa la dirección y que el espejo esté corriendo (por ejemplo, "
        "autohelper mock serve)."
    )
    assert "it does not speak HTTPS at that address (is it http://?)" in (
        caught.value.message("en")
    )


def test_plain_http_to_a_mirror_that_hangs_up_hints_at_https() -> None:
    listener = socket.create_server(("127.0.0.1", 0))

    def hang_up() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.recv(65536)

    threading.Thread(target=hang_up, daemon=True).start()
    url = f"http://127.0.0.1:{listener.getsockname()[1]}"
    try:
        with pytest.raises(MirrorUnreachable) as caught:
            probe_mirror(url, timeout=5)
    finally:
        listener.close()
    assert "cerró la conexión sin responder (si es un servidor HTTPS, escribe https://)" in (
        caught.value.message()
    )

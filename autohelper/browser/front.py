"""The front between the browser and a mirror of the portals.

Chromium's resolver maps the portal hosts to this server (`launch_args()`), which speaks TLS or
plain HTTP on one port (it peeks at the first byte) and forwards each request to the mirror
under the Host's prefix. Whatever the mirror writes of its own address (links, redirects,
cookie paths, emailed links) is rewritten back to the live one, so URLs, cookies and redirects
behave as on the live portal. Playwright's request routing is not used for this: a redirect
fulfilled by a route handler is not re-intercepted (DESIGN.md).

A browser the front did not launch (a Playwright server, a DevTools endpoint) cannot take
resolver rules: its context is given the front as an HTTP proxy instead (`proxy()`). The same
port then also speaks proxy: absolute-form requests for http, and CONNECT tunnels for https that
end here, TLS-terminated with the front's certificate. Either way only the portals' hosts are
answered; any other host is refused (403), so a run never reaches a live site.
"""

from __future__ import annotations

import datetime
import html
import http.client
import ipaddress
import logging
import re
import socket
import socketserver
import ssl
import tempfile
import zlib
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from autohelper.target import host_matches, host_patterns, live_origin, resolver_rules
from autohelper.threads import serve_in_background

log = logging.getLogger(__name__)

_HOP_HEADERS = {
    "connection",
    "keep-alive",
    "proxy-connection",
    "transfer-encoding",
    "te",
    "trailer",
    "upgrade",
    "content-length",
    "host",
    "accept-encoding",
}
# A host as a mirror writes it in a path: `www.imss.gob.mx`, or `smartweb1.itson.edu.mx:8400`.
_HOST = r"((?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d{1,5})?)"
# Media types besides `text/*` and `*+xml`/`*+json` whose bodies are rewritten.
_TEXT_TYPES = (
    "application/json",
    "application/javascript",
    "application/x-javascript",
    "application/ecmascript",
    "application/xml",
)


def _self_signed_context(hosts: tuple[str, ...]) -> ssl.SSLContext:
    """A throwaway certificate: the browser context of a mirror run ignores HTTPS errors."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "autohelper mirror front")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName(p) for p in hosts]
                + [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    with tempfile.TemporaryDirectory() as tmp:
        cert_path, key_path = Path(tmp) / "cert.pem", Path(tmp) / "key.pem"
        cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        key_path.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        context.load_cert_chain(cert_path, key_path)
    return context


class _FrontHandler(BaseHTTPRequestHandler):
    server: _FrontServer
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # as the mock's: no 40 ms wait per kept-alive request

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        log.debug("front: " + format, *args)

    def do_GET(self) -> None:
        self._forward()

    do_POST = do_PUT = do_DELETE = do_HEAD = do_OPTIONS = do_PATCH = do_GET

    def do_CONNECT(self) -> None:
        """A browser given the front as its proxy opens a tunnel for each https origin: only to
        the portals' hosts, and the tunnel ends here, TLS-terminated with the front's own
        certificate, so the requests inside it are forwarded like any other."""
        host, _, port = self.path.rpartition(":")
        if not port.isdigit() or not self.server.front.is_portal_host(host):
            self.send_error(403, "not a portal host")
            return
        self.send_response(200, "Connection Established")
        self.end_headers()
        self.close_connection = True
        try:
            tunnel = self.server.ssl_context.wrap_socket(self.connection, server_side=True)
        except (ssl.SSLError, OSError) as exc:
            log.debug("front: TLS in the tunnel to %s failed: %s", self.path, exc)
            return
        self.server.tls_by_socket[id(tunnel)] = True
        try:
            _FrontHandler(tunnel, self.client_address, self.server)
        except OSError as exc:
            log.debug("front: tunnel to %s closed: %s", self.path, exc)
        finally:
            self.server.tls_by_socket.pop(id(tunnel), None)

    def _forward(self) -> None:
        front = self.server.front
        tls = bool(self.server.tls_by_socket.get(id(self.connection)))
        if self.path.startswith(("http://", "https://")):
            # A proxy's request in absolute form (plain http through the front as a proxy).
            absolute = urlsplit(self.path)
            del self.headers["Host"]
            self.headers["Host"] = absolute.netloc
            tls = absolute.scheme == "https"
            self.path = absolute.path or "/"
            self.path += f"?{absolute.query}" if absolute.query else ""
        # The Host keeps a port the live URL names (`smartweb1.itson.edu.mx:8400`): the mirror
        # serves that origin under `host:port`, as the contract says.
        host = (self.headers.get("Host") or "").lower()
        name, _, port = host.partition(":")
        if not front.is_portal_host(name):
            # Only the portals: a test never reaches a live site through the front.
            self.send_error(403, "not a portal host")
            return
        default = "443" if tls else "80"
        host = name if port in ("", default) else host
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_HEADERS}
        headers["X-Forwarded-Host"] = self.headers.get("Host") or host
        headers["X-Forwarded-Proto"] = "https" if tls else "http"
        # Only what `_decoded` unpacks: a body may need rewriting.
        headers["Accept-Encoding"] = "gzip, deflate"
        try:
            status, reason, answer, payload = self._fetch(host, body, headers)
        except Exception as exc:  # noqa: BLE001 - whatever the mirror did, the browser gets a 502
            # Never a dropped connection: a browser re-sends a request (a POST too) whose
            # keep-alive connection closed without an answer. One press, one send.
            log.debug("front: upstream failed: %r", exc, exc_info=True)
            self._bad_gateway(exc)
            return
        self.send_response(status, reason)
        for name, value in answer:
            lower = name.lower()
            if lower in _HOP_HEADERS or lower == "content-encoding":
                continue
            if lower == "location":
                value = front.rewrite_location(value)
            elif lower == "set-cookie":
                value = front.rewrite_cookie(value, host)
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    def _fetch(
        self, host: str, body: bytes | None, headers: dict[str, str]
    ) -> tuple[int, str, list[tuple[str, str]], bytes]:
        """The mirror's answer, its body decoded and rewritten; raises on anything unusable."""
        front = self.server.front
        upstream = urlsplit(front.upstream)
        connection: http.client.HTTPConnection
        if upstream.scheme == "https":
            # A test mirror's certificate is its own business: we only relay to it.
            unverified = ssl._create_unverified_context()  # noqa: S323
            connection = http.client.HTTPSConnection(
                upstream.netloc, timeout=front.timeout, context=unverified
            )
        else:
            connection = http.client.HTTPConnection(upstream.netloc, timeout=front.timeout)
        try:
            connection.request(
                self.command, f"{upstream.path}/{host}{self.path}", body=body, headers=headers
            )
            response = connection.getresponse()
            payload = response.read()
        finally:
            connection.close()
        if payload:
            payload = _decoded(payload, response.getheader("Content-Encoding") or "")
        if payload and _is_text(response.getheader("Content-Type") or ""):
            payload = front.rewrite_body(payload)
        return response.status, response.reason, response.getheaders(), payload

    def _bad_gateway(self, exc: Exception) -> None:
        """A short page naming what the mirror did wrong, in the person's language."""
        from autohelper.messages import t

        problem = t(_problem_key(exc), encoding=getattr(exc, "encoding", ""))
        from autohelper.target import shown_against

        # The page can end up in a screenshot: the mirror's address with nothing personal.
        url = shown_against(self.server.front.upstream)
        text = t("front.mirror_failed", url=url, problem=problem)
        page = (
            "<!doctype html><meta charset=utf-8><title>502 Bad Gateway</title>"
            f"<h1>502 Bad Gateway</h1><p>{html.escape(text)}</p>"
        ).encode()
        self.close_connection = True
        self.send_response(502)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(page)


class UnsupportedEncoding(ValueError):
    """The mirror compressed a body in a way the front does not unpack (`br`, `zstd`...)."""

    def __init__(self, encoding: str) -> None:
        super().__init__(encoding)
        self.encoding = encoding


def _decoded(payload: bytes, content_encoding: str) -> bytes:
    """The body without its `Content-Encoding` (a list, applied in order: undone from the end).
    `deflate` is zlib-wrapped by the standard, raw as IIS sends it; browsers take both."""
    codings = [c.strip().lower() for c in content_encoding.split(",") if c.strip()]
    for coding in reversed(codings):
        if coding in ("gzip", "x-gzip"):
            payload = zlib.decompress(payload, 32 + zlib.MAX_WBITS)  # gzip or zlib header
        elif coding == "deflate":
            try:
                payload = zlib.decompress(payload, zlib.MAX_WBITS)
            except zlib.error:
                payload = zlib.decompress(payload, -zlib.MAX_WBITS)
        elif coding != "identity":
            raise UnsupportedEncoding(coding)
    return payload


def _is_text(content_type: str) -> bool:
    """Whether a body of this media type (case-insensitive) may hold the mirror's addresses."""
    media = content_type.partition(";")[0].strip().lower()
    return media.startswith("text/") or media in _TEXT_TYPES or media.endswith(("+xml", "+json"))


def _problem_key(exc: Exception) -> str:
    """The catalogue phrase for what went wrong between the front and the mirror."""
    if isinstance(exc, UnsupportedEncoding):
        return "front.problem_encoding"
    if isinstance(exc, zlib.error):
        return "front.problem_compressed"
    if isinstance(exc, http.client.IncompleteRead):
        return "front.problem_cut"
    if isinstance(exc, ConnectionRefusedError):
        return "target.mirror_refused"
    if isinstance(exc, TimeoutError):
        return "target.mirror_timeout"
    if isinstance(exc, ssl.SSLError):
        return "target.mirror_tls"
    # Before HTTPException: RemoteDisconnected is both, a closed connection.
    if isinstance(exc, OSError):
        return "front.problem_connection"
    if isinstance(exc, http.client.HTTPException):
        return "target.mirror_not_http"
    return "front.problem_other"


class _FrontServer(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, front: PortalFront) -> None:
        self.front = front
        self.ssl_context = _self_signed_context(host_patterns(front.origins))
        self.tls_by_socket: dict[int, bool] = {}
        super().__init__(("127.0.0.1", 0), _FrontHandler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # socketserver would print the traceback to stderr (a browser that hung up mid-answer):
        # the debug log keeps it, the screen does not.
        log.debug("front: connection from %s failed", client_address, exc_info=True)

    def finish_request(self, request: Any, client_address: Any) -> None:
        # One port for both schemes: a TLS ClientHello starts with byte 0x16.
        try:
            first = request.recv(1, socket.MSG_PEEK)
        except OSError:
            return
        if first == b"\x16":
            try:
                request = self.ssl_context.wrap_socket(request, server_side=True)
            except (ssl.SSLError, OSError):
                return
            self.tls_by_socket[id(request)] = True
        try:
            super().finish_request(request, client_address)
        finally:
            self.tls_by_socket.pop(id(request), None)


class PortalFront:
    """Serves the live portal hosts from a mirror; start it, then launch Chromium with
    `launch_args()` and open contexts with `ignore_https_errors=True`."""

    def __init__(
        self, upstream: str = "", timeout: float = 60.0, origins: tuple[str, ...] | None = None
    ) -> None:
        self.upstream = upstream.rstrip("/")
        self.timeout = timeout
        if origins is None:
            from autohelper.scenario.portal import all_origins

            origins = all_origins()
        # Every portal's origins: the hosts the front answers for, and their live schemes.
        self.origins = origins
        self._server: _FrontServer | None = None

    def start(self) -> int:
        self._server = _FrontServer(self)
        serve_in_background(self._server, "portal-front")
        log.debug("front listening on 127.0.0.1:%s", self.port)
        return self.port

    @property
    def port(self) -> int:
        assert self._server is not None, "front not started"
        return int(self._server.server_address[1])

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def launch_args(self) -> list[str]:
        """For a browser launched here: the portals' hosts resolve to the front."""
        return [f"--host-resolver-rules={resolver_rules(self.port, self.origins)}"]

    def proxy(self) -> dict[str, str]:
        """For a browser launched elsewhere (a Playwright server, a DevTools endpoint): the
        front as the context's HTTP proxy; it refuses every host but the portals'."""
        return {"server": f"http://127.0.0.1:{self.port}"}

    def __enter__(self) -> PortalFront:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # Rewrites: the mirror's own addresses back to live ones, so the browser never leaves them.
    def _mirror_host_re(self) -> re.Pattern[str]:
        return re.compile(re.escape(self.upstream) + "/" + _HOST, re.I)

    def is_portal_host(self, netloc: str) -> bool:
        """Whether `host[:port]` is one of the portals' hosts."""
        host = netloc.partition(":")[0]
        return any(host_matches(host, pattern) for pattern in host_patterns(self.origins))

    def _live(self, netloc: str) -> str:
        """`host[:port]` of a mirror path as the live origin (scheme included)."""
        host, _, port = netloc.lower().partition(":")
        return live_origin(host, int(port) if port else None, self.origins)

    def rewrite_location(self, value: str) -> str:
        value = self._mirror_host_re().sub(lambda m: self._live(m.group(1)), value)
        prefix = urlsplit(self.upstream).path
        if prefix and value.startswith(prefix + "/"):
            value = value[len(prefix) :]
        first, _, rest = value[1:].partition("/") if value.startswith("/") else ("", "", "")
        if first and self.is_portal_host(first):
            return f"{self._live(first)}/{rest}"
        return value

    def rewrite_cookie(self, value: str, host: str = "") -> str:
        """Every cookie of a mirror is host-wide, `Path=/`: a mirror may scope its session to
        the application's path, as the live portal does; the oracles at the host's root
        (`/__mock__/captcha`) must still see that session. Its `Domain` stays only where it
        holds the live `host` the browser asked (`.example.edu.mx` for `app1.example.edu.mx`: a
        session a portal shares between its servers, as PeopleSoft's can); a mirror's own
        (`127.0.0.1`) would make the browser refuse the cookie. `Secure` and `SameSite` go too:
        the portals' own links mix http and https, and the cookie must survive both."""
        name = host.rpartition(":")[0] if host.count(":") == 1 else host
        kept = []
        for part in value.split(";"):
            key, _, attribute = part.strip().partition("=")
            key = key.strip().lower()
            if key == "domain":
                domain = attribute.strip().lstrip(".").lower()
                shared = "." in domain and (name == domain or name.endswith("." + domain))
                if shared and self.is_portal_host(name):
                    kept.append(f"Domain=.{domain}")
                continue
            if key not in ("path", "secure", "samesite"):
                kept.append(part.strip())
        return "; ".join([*kept, "Path=/"])

    def rewrite_body(self, payload: bytes) -> bytes:
        text = payload.decode("utf-8", errors="surrogateescape")
        text = self._mirror_host_re().sub(lambda m: self._live(m.group(1)), text)
        prefix = re.escape(urlsplit(self.upstream).path)

        def root_relative(match: re.Match[str]) -> str:
            netloc = match.group(2)
            if not self.is_portal_host(netloc):
                return match.group(0)
            return f"{match.group(1)}{self._live(netloc)}/"

        text = re.sub(
            r"""(["'(=])""" + prefix + "/" + _HOST + "/",
            root_relative,
            text,
            flags=re.I,
        )
        return text.encode("utf-8", errors="surrogateescape")

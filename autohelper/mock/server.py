"""The mock portal server: a mirror of the live origins on 127.0.0.1, one path prefix per host.

`https://www.imss.gob.mx/tramites/imss02008` is served at `/www.imss.gob.mx/tramites/imss02008`,
`http://smartweb1.itson.edu.mx:8400/psp/x` at `/smartweb1.itson.edu.mx:8400/psp/x`. Each prefix
belongs to one site (`sites.py`); the faults every site shares (slow answers, 5xx, the firewall)
are applied here first. A forwarding front (elsewhere) makes the browser see live URLs, so pages,
redirects and emails here only ever name live URLs. `/__mock__/...` (bare or under any host) are
QA controls.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from collections.abc import Callable
from http.cookies import CookieError, SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any, cast
from urllib.parse import parse_qsl, unquote, urlsplit

from autohelper.errors import UsageError, os_reason
from autohelper.messages import t
from autohelper.mock.config import MockConfig, known_settings, typed_change
from autohelper.mock.model import Request, Response, SharedState
from autohelper.mock.pages import Pages
from autohelper.mock.site import MockSettingError, Site
from autohelper.mock.sites import SITE_TYPES
from autohelper.threads import serve_in_background

logger = logging.getLogger(__name__)

DEFAULT_FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


class MockPortal:
    """The mock portals (every site of `sites.py`), served over real HTTP in a background
    thread."""

    def __init__(self, config: MockConfig | None = None, fixtures_dir: Path | None = None) -> None:
        self._initial = config or MockConfig()
        self.config = self._initial
        self.state = SharedState()
        self.state.clear(self.config.fail_first, self.config.mail_delay)
        self.pages = Pages(fixtures_dir or DEFAULT_FIXTURES)
        self.sites: list[Site[Any, Any]] = [site(self.pages, self.state) for site in SITE_TYPES]
        self._server: _MirrorServer | None = None
        self._thread: threading.Thread | None = None

    def start(self, port: int = 0) -> str:
        """Listen on 127.0.0.1 (port 0: a free one) and return the base URL."""
        if self._server is None:
            self._server = _MirrorServer(("127.0.0.1", port), _Handler)
            self._server.portal = self
            self._thread = serve_in_background(self._server, "mock-portal")
        return self.url

    def stop(self) -> None:
        """Stop serving and free the port."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> MockPortal:
        self.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def url(self) -> str:
        """The base URL, `http://127.0.0.1:PORT`; hosts are path prefixes under it."""
        if self._server is None:
            raise RuntimeError("the mock portal is not started")
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def site(self, name: str) -> Site[Any, Any]:
        """The site called `name` (`imss`, `cia`, `lab`)."""
        return next(site for site in self.sites if site.name == name)

    def configure(self, **changes: Any) -> MockConfig:
        """Apply changes (`result_version=1`, or `**{"imss.result_version": 1}`) to the current
        config and reset the state. An unknown name raises TypeError, a value of another type
        or out of range ValueError (a MockSettingError)."""
        try:
            typed = dict(typed_change(key, value) for key, value in changes.items())
        except KeyError as exc:
            raise TypeError(f"unknown mock setting {exc}") from None
        self.config = self.config.changed(typed)
        self._clear()
        return self.config

    def reset(self) -> None:
        """Back to the config given at construction, with no sessions, emails or request log."""
        self.config = self._initial
        self._clear()

    def _clear(self) -> None:
        self.state.clear(self.config.fail_first, self.config.mail_delay)
        for site in self.sites:
            site.reset()

    @property
    def requests(self) -> list[dict[str, Any]]:
        """Every request received outside `/__mock__/`: method, host, path, query, time, status."""
        with self.state.lock:
            return [dict(r) for r in self.state.requests]

    def posts(self, path_part: str) -> int:
        """How many POSTs went to a live path containing `path_part` as a whole: `valida`
        counts `.../valida`, not `.../validaDomicilio`."""
        whole = re.compile(re.escape(path_part) + r"(?![A-Za-z0-9_])")
        return sum(1 for r in self.requests if r["method"] == "POST" and whole.search(r["path"]))

    @property
    def outbox(self) -> list[dict[str, Any]]:
        """The emails sent so far, oldest first."""
        with self.state.lock:
            self.state.deliver()
            return json.loads(json.dumps(self.state.outbox))  # type: ignore[no-any-return]

    def answer(self, method: str, raw_path: str, body: bytes, cookie_header: str) -> Response:
        """Route one HTTP request: controls, faults, then the pages."""
        split = urlsplit(raw_path)
        host, path = _split_host(unquote(split.path))
        cookies = _cookies(cookie_header)
        if "/__mock__/" in path:
            # Controls answer at any depth, so a page can also reach them page-relatively.
            control = Request(method, host, path[path.index("/__mock__/") :], {}, {}, cookies)
            return self._control(control, body)
        record = {
            "method": method,
            "host": host,
            "path": path,
            "query": split.query,
            "time": time.time(),
            "status": 0,
        }
        with self.state.lock:
            self.state.requests.append(record)
        response = self._page(method, host, path, split.query, body, cookies)
        record["status"] = response.status
        return response

    def _page(
        self, method: str, host: str, path: str, query: str, body: bytes, cookies: dict[str, str]
    ) -> Response:
        config = self.config
        generation = self.state.generation
        site = self._site_for(host, path)
        if site is None:
            return Response.html(self.pages.render("_mock/not_found.html"), status=404)
        if (
            config.delay
            and _matches(path, config.delay_paths)
            and (not config.delay_methods or method in config.delay_methods)
        ):
            # The configured slowness is the point of this mode; an Event wait is interruptible.
            threading.Event().wait(config.delay)
            if self.state.generation != generation:
                # The mock was reset (or configured) meanwhile: this answer belongs to a run that
                # is over. It must not spend the next run's faults or act on its state.
                logger.debug("a request held across a reset is dropped: %s %s", method, path)
                return Response.html(self.pages.render("_mock/maintenance.html"), status=503)
        if config.firewall and site.firewall_page:
            return Response.html(self.pages.render(site.firewall_page), status=403)
        with self.state.lock:
            fail = (
                self.state.failures_left > 0
                and _matches(path, config.fail_paths)
                and (not config.fail_methods or method in config.fail_methods)
            )
            if fail:
                self.state.failures_left -= 1
        if fail:
            return Response.html(self.pages.render("_mock/maintenance.html"), status=503)
        path, params = _path_params(path)
        form = dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
        req = Request(
            method,
            host,
            path,
            dict(parse_qsl(query, keep_blank_values=True)),
            form,
            cookies,
            params,
            body,
        )
        response = site.handle(req, config)
        if response is None:
            return Response.html(self.pages.render("_mock/not_found.html"), status=404)
        return response

    def _site_for(self, host: str, path: str) -> Site[Any, Any] | None:
        """The site that answers for `host` and `path`: the longest matching prefix wins."""
        score, site = max(((s.match(host, path), s) for s in self.sites), key=lambda x: x[0])
        return site if score else None

    def _control(self, req: Request, body: bytes) -> Response:
        method, name = req.method, req.path[len("/__mock__/") :].rstrip("/")
        if method == "GET" and name == "captcha":
            # The CAPTCHA of the caller's session on the host it asked through: the session
            # cookie of whichever site of that host the visitor has one for.
            text = None
            with self.state.lock:
                for site in self.sites:
                    sid = site.session_id(req) if req.host in site.hosts else None
                    text = text or self.state.captchas.get((req.host, sid or ""))
            return Response.text(text) if text else Response.text("no captcha", status=404)
        if method == "GET" and name in ("outbox", "requests"):
            data = self.outbox if name == "outbox" else self.requests
            return Response(
                body=json.dumps(data, ensure_ascii=False).encode("utf-8"),
                content_type="application/json; charset=utf-8",
            )
        if method == "POST" and name == "reset":
            self.reset()
            return Response.text("ok")
        if method == "POST" and name == "config":
            return self._config_control(body)
        return Response.text("unknown control", status=404)

    def _config_control(self, body: bytes) -> Response:
        """`POST /__mock__/config` with a JSON object of changes: "ok", or a 400 saying which
        setting and why, in the server's language (the words of `--mock`'s errors)."""
        try:
            changes = json.loads(body or b"{}")
        except ValueError:  # not JSON, not UTF-8, or an int of over 4300 digits
            changes = None
        if not isinstance(changes, dict):
            return Response.text(t("mock.control_not_object"), status=400)
        typed: dict[str, Any] = {}
        named = ""  # the setting a refusal is about
        try:
            for named, value in changes.items():
                canonical, typed[named] = typed_change(named, value)
                self.config.changed({canonical: typed[named]})  # its own checks, by its name
            named = ", ".join(typed)
            self.configure(**typed)  # the settings together
        except KeyError:
            known = ", ".join(known_settings())
            return Response.text(t("mock.control_unknown", name=named, known=known), status=400)
        except MockSettingError as exc:
            reason = t(exc.key, **exc.params)
            return Response.text(t("mock.control_bad_value", name=named, reason=reason), status=400)
        return Response.text("ok")


def serve_forever(
    port: int = 0,
    config: MockConfig | None = None,
    fixtures_dir: Path | None = None,
    on_ready: Callable[[str], None] | None = None,
) -> None:
    """Serve the mock in the foreground until interrupted (for `autohelper mock serve`);
    `on_ready` gets the base URL once it listens (the real port, when `port` is 0)."""
    portal = MockPortal(config, fixtures_dir)
    try:
        url = portal.start(port)
    except OSError as exc:  # the port is taken, or not ours to use
        logger.debug("mock portal: cannot listen on port %s: %s", port, exc)
        raise UsageError("mock.port_unavailable", port=port, reason=os_reason(exc)) from None
    logger.info("Mock portal listening on %s", url)
    if on_ready is not None:
        on_ready(url)
    try:
        threading.Event().wait()
    finally:
        portal.stop()


class _MirrorServer(ThreadingHTTPServer):
    daemon_threads = True
    portal: MockPortal

    def handle_error(self, request: Any, client_address: Any) -> None:
        # socketserver prints the traceback of a dropped connection to stderr: a browser that
        # closed mid-answer is no news; it goes to the debug log.
        logger.debug("mock portal: connection from %s failed", client_address, exc_info=True)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # An answer goes out as two writes (its head, then its body): with Nagle's algorithm on,
    # the body waits for the client to acknowledge the head, which a client delays up to
    # 40 ms, on every request of a kept-alive connection after its first.
    disable_nagle_algorithm = True

    def do_GET(self) -> None:  # noqa: N802 (the name http.server dispatches to)
        self._serve("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._serve("POST")

    def _serve(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        portal = cast(_MirrorServer, self.server).portal
        try:
            response = portal.answer(method, self.path, body, self.headers.get("Cookie", ""))
        except Exception as exc:  # a bug in the mock must show as a 500, not a hung browser
            # One line on the screen; the traceback only in the debug log (-vv).
            logger.error("mock portal failed on %s %s: %s", method, self.path, _one_line(exc))
            logger.debug("mock portal traceback", exc_info=True)
            response = Response.text("mock error", status=500)
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        for name, value in response.headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(response.body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (stdlib signature)
        logger.debug("mock %s - %s", self.address_string(), format % args)


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


def _split_host(path: str) -> tuple[str, str]:
    """`/<host>/rest` → (host, `/rest`); a bare `/__mock__/...` has no host."""
    if path.startswith("/__mock__/"):
        return "", path
    host, _, rest = path.lstrip("/").partition("/")
    return host.lower(), "/" + rest


def _path_params(path: str) -> tuple[str, dict[str, str]]:
    """Strip `;name=value` path parameters (like `;JSESSIONIDASEGEXTERNO=...`) from segments."""
    params: dict[str, str] = {}
    segments = []
    for segment in path.split("/"):
        head, *extra = segment.split(";")
        segments.append(head)
        for item in extra:
            name, _, value = item.partition("=")
            params[name] = value
    return "/".join(segments), params


def _cookies(header: str) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(header)
    except CookieError:
        return {}
    return {name: morsel.value for name, morsel in jar.items()}


def _matches(path: str, substrings: tuple[str, ...]) -> bool:
    return not substrings or any(s in path for s in substrings)

"""The mock portal's configuration, its request/response values and its shared state.

Kept apart from the HTTP plumbing (`server.py`) and the IMSS pages (`imss.py`) so both can use
them without importing each other.
"""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass, field
from typing import Any

DEFAULT_EMAIL_MISMATCH = "Los correos electrónicos no coinciden, verifíquelos."
DEFAULT_CAPTCHA_WRONG = "El texto de la imagen no coincide, favor de intentar nuevamente."

# The cookie the live portal uses for its session; also accepted as a `;NAME=value` path parameter.
SESSION_COOKIE = "JSESSIONIDASEGEXTERNO"


@dataclass(frozen=True)
class MockConfig:
    """How the mock behaves; `MockPortal.configure(**changes)` swaps in a modified copy.

    `fail_paths`, `fail_methods` and `delay_paths` limit which requests a fault applies to
    (substrings of the live path, HTTP methods); empty means every non-`__mock__` request.
    """

    result_version: int = 2
    nss_found: bool = False
    delay: float = 0.0
    delay_paths: tuple[str, ...] = ()
    fail_first: int = 0
    fail_paths: tuple[str, ...] = ()
    fail_methods: tuple[str, ...] = ()
    firewall: bool = False
    drift: bool = False
    subdelegacion: bool = False
    email_mismatch_message: str = DEFAULT_EMAIL_MISMATCH
    captcha_wrong_message: str = DEFAULT_CAPTCHA_WRONG

    def __post_init__(self) -> None:
        if self.result_version not in (1, 2):
            raise ValueError(f"result_version must be 1 or 2, not {self.result_version!r}")
        if self.delay < 0 or self.fail_first < 0:
            raise ValueError("delay and fail_first must not be negative")


@dataclass(frozen=True)
class Request:
    """One request as the pages see it: the live host and path, with the mirror prefix removed."""

    method: str
    host: str
    path: str
    query: dict[str, str]
    form: dict[str, str]
    cookies: dict[str, str]
    path_params: dict[str, str] = field(default_factory=dict)


@dataclass
class Response:
    """What a page answers; the server adds Content-Length and writes it out."""

    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def html(cls, text: str, status: int = 200) -> Response:
        """An HTML page."""
        return cls(status=status, body=text.encode("utf-8"))

    @classmethod
    def text(cls, text: str, status: int = 200) -> Response:
        """A plain-text answer (the CAPTCHA oracle, errors of the control paths)."""
        return cls(status, text.encode("utf-8"), "text/plain; charset=utf-8")

    @classmethod
    def redirect(cls, location: str) -> Response:
        """A 302 like the portal's, to a live absolute or root-relative URL."""
        return cls(status=302, headers=[("Location", location)])


@dataclass
class Session:
    """One visitor of serviciosdigitales, keyed by the session cookie."""

    captcha: str | None = None
    # What the next render of the form shows once: a message and the values to keep.
    flash: dict[str, str] | None = None
    # The finished request (NSS, folio, date) shown by the result pages.
    result: dict[str, str] | None = None


@dataclass
class Confirmation:
    """An emailed v2 confirmation token."""

    curp: str
    email: str
    used: bool = False


class PortalState:
    """Everything the mock remembers between requests, behind one lock (threaded server)."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.sessions: dict[str, Session] = {}
        self.tokens: dict[str, Confirmation] = {}
        self.outbox: list[dict[str, Any]] = []
        self.requests: list[dict[str, Any]] = []
        self.failures_left = 0

    def clear(self, fail_first: int = 0) -> None:
        """Forget sessions, tokens, emails and the request log."""
        with self.lock:
            self.sessions.clear()
            self.tokens.clear()
            self.outbox.clear()
            self.requests.clear()
            self.failures_left = fail_first

    def session(self, session_id: str | None) -> tuple[str, Session]:
        """The session with this id, created if unknown (a new id when none is given)."""
        with self.lock:
            if not session_id:
                session_id = secrets.token_hex(16).upper()
            return session_id, self.sessions.setdefault(session_id, Session())

    def send_email(
        self, to: str, subject: str, body: str, links: list[str], attachments: list[str]
    ) -> None:
        """Put a message in the outbox that `/__mock__/outbox` shows."""
        with self.lock:
            self.outbox.append(
                {
                    "to": to,
                    "subject": subject,
                    "body": body,
                    "links": links,
                    "attachments": attachments,
                }
            )

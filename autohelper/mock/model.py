"""What every site of the mock shares: the request and response values, and the state that is
not one site's (the outbox, the request log, the faults still to serve).

Kept apart from the HTTP plumbing (`server.py`) and the sites (`imss.py`, `lab.py`, ...) so
each can use them without importing the others.
"""

from __future__ import annotations

import base64
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Request:
    """One request as a site sees it: the live host (with its port, when the live URL names
    one) and path, the mirror prefix removed."""

    method: str
    host: str
    path: str
    query: dict[str, str]
    form: dict[str, str]
    cookies: dict[str, str]
    path_params: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    def json(self) -> Any:
        """The body as JSON (AJAX posts), or None when it is not JSON."""
        try:
            return json.loads(self.body or b"null")
        except ValueError:
            return None


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
    def json(cls, data: Any, status: int = 200) -> Response:
        """A JSON answer, as the portals' AJAX endpoints give."""
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        return cls(status, body, "application/json; charset=utf-8")

    @classmethod
    def redirect(cls, location: str) -> Response:
        """A 302 like the portals', to a live absolute or root-relative URL."""
        return cls(status=302, headers=[("Location", location)])

    @classmethod
    def file(cls, data: bytes, filename: str, content_type: str, inline: bool = False) -> Response:
        """A document, as the IMSS applications send theirs: `Content-Disposition:
        attachment;filename = <name>` (spaces around `=` as they write it)."""
        disposition = f"{'inline' if inline else 'attachment'};filename = {filename}"
        return cls(200, data, content_type, [("Content-Disposition", disposition)])


def attachment(filename: str, data: bytes, content_type: str = "application/pdf") -> dict[str, str]:
    """An outbox attachment as the mirror contract spells it (DESIGN.md)."""
    return {
        "filename": filename,
        "content_type": content_type,
        "content_base64": base64.b64encode(data).decode("ascii"),
    }


class SharedState:
    """What the mock remembers across sites, behind one lock (the server is threaded)."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.outbox: list[dict[str, Any]] = []
        # Emails on their way (`mail_delay`): (when each reaches the outbox, the email).
        self.mail_delay = 0.0
        self.in_transit: list[tuple[float, dict[str, Any]]] = []
        self.requests: list[dict[str, Any]] = []
        self.failures_left = 0
        # Which configuration's turn it is: bumped at every clear, so a request held back by a
        # delay across a reset (the case that made it slow is over) cannot act on the next one.
        self.generation = 0
        # The CAPTCHA each visitor was last shown, by (host, session id): applications of one
        # host share its CAPTCHA servlet (the NSS and the vigencia forms do).
        self.captchas: dict[tuple[str, str], str] = {}

    def clear(self, fail_first: int = 0, mail_delay: float = 0.0) -> None:
        """Forget emails (those on their way too), CAPTCHAs and the request log; arm the faults
        again."""
        with self.lock:
            self.outbox.clear()
            self.in_transit.clear()
            self.mail_delay = mail_delay
            self.requests.clear()
            self.captchas.clear()
            self.failures_left = fail_first
            self.generation += 1

    def send_email(
        self,
        to: str,
        subject: str,
        body: str,
        links: list[str] | None = None,
        attachments: list[dict[str, str]] | None = None,
    ) -> None:
        """Put a message in the outbox that `/__mock__/outbox` shows (`mail_delay` seconds
        later, when set)."""
        message = {
            "to": to,
            "subject": subject,
            "body": body,
            "links": list(links or []),
            "attachments": list(attachments or []),
        }
        with self.lock:
            self.in_transit.append((time.monotonic() + self.mail_delay, message))
            self.deliver()

    def deliver(self) -> None:
        """Move the emails whose time has come into the outbox, in the order they were sent."""
        with self.lock:
            now = time.monotonic()
            while self.in_transit and self.in_transit[0][0] <= now:
                self.outbox.append(self.in_transit.pop(0)[1])

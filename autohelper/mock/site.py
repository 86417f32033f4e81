"""One portal on the mock: a `Site` answers for its live hosts, keeps its visitors' sessions,
reads its own settings from the mock's configuration, and shows its own pages.

A new portal is a subclass (its routes and its settings dataclass), its pages under
`fixtures/portal/<host>[:port]/`, and one line in `sites.py`. What every site shares (faults,
templates, the outbox, the control paths) is the server's and the model's.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar, cast

from autohelper.mock.model import Request, Response, SharedState
from autohelper.mock.pages import Drift, Pages

if TYPE_CHECKING:
    from autohelper.mock.config import MockConfig

C = TypeVar("C")
S = TypeVar("S")
# A route answers a request, given the mock's configuration and the visitor's session id.
Route = Callable[[Request, "MockConfig", str], Response]


class MockSettingError(ValueError):
    """A site setting out of range; a catalogue key (and parameters) says why, in words for
    the person who typed `--mock key=value`."""

    def __init__(self, key: str, /, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


@dataclass
class Visitor:
    """What a site remembers of one visitor (a session cookie); sites subclass it."""


class Site(Generic[C, S]):
    """Base of every mock portal. `C` is the site's settings dataclass, `S` its session."""

    name: ClassVar[str]  # the namespace of its settings: `--mock <name>.<setting>=...`
    hosts: ClassVar[tuple[str, ...]]  # `host` or `host:port`, as a mirror prefixes them
    # Path prefixes it answers for on those hosts (empty: all). Several applications can share
    # a host: the longest matching prefix wins (vigencia and the clinic app on serviciosdigitales).
    prefixes: ClassVar[tuple[str, ...]] = ()
    settings_type: ClassVar[type[Any]]
    session_type: ClassVar[type[Any]] = Visitor
    cookie: ClassVar[str]
    # Page template → the drift that `--mock drift=true` applies to it.
    drifts: ClassVar[Mapping[str, Drift]] = {}
    # Page template → the changes its `plain_markup` setting applies: where PORTALS.md leaves the
    # markup open (classes, ids of a field it names without saying id or name, a dialog's
    # elements), another markup that honours every fact, as a mirror built from the facts may.
    plain: ClassVar[Mapping[str, Drift]] = {}
    # The firewall page this portal's firewall would answer with (None: no firewall known).
    firewall_page: ClassVar[str | None] = None

    def __init__(self, pages: Pages, shared: SharedState) -> None:
        self.pages = pages
        self.shared = shared
        self.lock = shared.lock
        self.sessions: dict[str, S] = {}

    def reset(self) -> None:
        """Forget every visitor (and whatever else the site keeps)."""
        with self.lock:
            self.sessions.clear()

    def settings(self, config: MockConfig) -> C:
        return cast(C, config.sites.get(self.name) or self.settings_type())

    def routes(self) -> Mapping[tuple[str, str], Route]:
        """(method, live path) → route; a site with other needs overrides `handle`."""
        return {}

    def handle(self, req: Request, config: MockConfig) -> Response | None:
        """The response for one of the site's hosts, or None when it has no such page."""
        route = self.routes().get((req.method, req.path.rstrip("/") or "/"))
        if route is None:
            return None
        return self.with_session(req, lambda sid: route(req, config, sid))

    def session_id(self, req: Request) -> str | None:
        return req.cookies.get(self.cookie)

    def session(self, session_id: str) -> S:
        with self.lock:
            return self.sessions.setdefault(session_id, cast(S, self.session_type()))

    def with_session(self, req: Request, answer: Callable[[str], Response]) -> Response:
        """Run `answer` with the visitor's session id (a new one for a new visitor), setting
        the cookie when the visitor did not send it."""
        session_id = self.session_id(req) or secrets.token_hex(16).upper()
        self.session(session_id)
        response = answer(session_id)
        if req.cookies.get(self.cookie) != session_id:
            response.headers.append(("Set-Cookie", f"{self.cookie}={session_id}; Path=/; HttpOnly"))
        return response

    def match(self, host: str, path: str) -> int:
        """How well this site claims `host` and `path`: the length of its matching prefix plus
        one, or 0 when it does not answer for them."""
        if host not in self.hosts:
            return 0
        if not self.prefixes:
            return 1
        return max((len(p) + 1 for p in self.prefixes if path.startswith(p)), default=0)

    def show_captcha(self, req: Request, session_id: str, text: str) -> None:
        """Remember the CAPTCHA this visitor is being shown (the QA oracle reads it)."""
        with self.lock:
            self.shared.captchas[(req.host, session_id)] = text

    def take_captcha(self, req: Request, session_id: str) -> str | None:
        """The CAPTCHA the visitor was shown, forgotten at once: it answers one send only."""
        with self.lock:
            return self.shared.captchas.pop((req.host, session_id), None)

    def plain_markup(self, config: MockConfig) -> bool:
        """Whether this site's `plain_markup` setting is on (False for a site without it)."""
        return bool(getattr(self.settings(config), "plain_markup", False))

    def page(self, name: str, config: MockConfig, /, **values: str) -> str:
        """A template of this site, in its plain markup and drifted when the configuration asks
        for them (the plain markup first: a drift applies to the page as it is shown)."""
        plain = self.plain.get(name, ()) if self.plain_markup(config) else ()
        drift = self.drifts.get(name, ()) if config.drifts(name) else ()
        return self.pages.render(name, (*plain, *drift), **values)

    def page_response(self, name: str, config: MockConfig, /, **values: str) -> Response:
        return Response.html(self.page(name, config, **values))

"""The lab: small pages of our own, each showing one thing the engine must handle on real
portals (a form in a nested frame saved by a whole-form post, a save without navigation, an
in-page dialog, a browser `confirm()`, chained selects, a list of links, a PDF download, a page
that appears only sometimes, a sign-in with a lockout, a session that expires mid-form, a
plain-HTTP origin with a port). Not a portal: the engine's tests run on it.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any

from autohelper.mock.model import Request, Response
from autohelper.mock.pdf import text_pdf
from autohelper.mock.site import MockSettingError, Site, Visitor

if TYPE_CHECKING:
    from autohelper.mock.config import MockConfig

HOST = "lab.autohelper.test"
PLAIN_HOST = "plain.autohelper.test:8400"
LIVE = f"https://{HOST}"
MSG_BAD_LOGIN = "Tu ID o tu contraseña no son válidos."
MSG_LOCKED = "Tu cuenta está bloqueada. Comunícate con la mesa de ayuda."
MSG_EXPIRED = "Tu sesión expiró. Vuelve a iniciar sesión."

# What the chained selects offer: a parent's value → its children (label, value).
CHAINED = {
    "SR": [("UMF 1 HERMOSILLO", "1"), ("UMF 37 CAJEME", "37")],
    "SL": [("UMF 2 CULIACAN", "2")],
    "1": [("MATUTINO 8:00 A 14:00", "M"), ("VESPERTINO 14:00 A 20:00", "V")],
    "37": [("MATUTINO 7:00 A 13:00", "M")],
    "2": [("VESPERTINO 14:00 A 20:00", "V")],
}


@dataclass(frozen=True)
class LabSettings:
    """`--mock lab.<name>=value`: how the lab's pages behave."""

    warning: bool = True  # the entry leads to the "Continuar" warning page first
    password: str = "lab-secreto"
    lockout_after: int = 3  # failed sign-ins that lock the account
    expire_at_save: bool = False  # the first save of /form finds the session expired
    save_delay: float = 0.0  # seconds before the AJAX save answers
    options_delay: float = 0.3  # seconds before the chained selects' options arrive

    def __post_init__(self) -> None:
        if not 1 <= self.lockout_after <= 100:
            raise MockSettingError("mock.range_int", low=1, high=100)
        for delay in (self.save_delay, self.options_delay):
            if not 0 <= delay <= 600:
                raise MockSettingError("mock.range_seconds", low=0, high=600)


@dataclass
class LabVisitor(Visitor):
    signed_in: bool = False
    expired_once: bool = False


class LabSite(Site[LabSettings, LabVisitor]):
    name = "lab"
    hosts = (HOST, PLAIN_HOST)
    settings_type = LabSettings
    session_type = LabVisitor
    cookie = "LABSESSION"
    firewall_page = "_mock/lab-block.html"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.saves: Counter[str] = Counter()  # what was sent, by page: what a test counts
        self.failures = 0

    def reset(self) -> None:
        with self.lock:
            super().reset()
            self.saves.clear()
            self.failures = 0

    def handle(self, req: Request, config: MockConfig) -> Response | None:
        if req.host == PLAIN_HOST:
            if req.path.rstrip("/") != "/hello":
                return None
            origin = f"http://{PLAIN_HOST}"
            return self.page_response(f"{PLAIN_HOST}/hello.html", config, origin=origin)
        return self.with_session(req, lambda sid: self._answer(req, config, sid))

    def _answer(self, req: Request, config: MockConfig, sid: str) -> Response:
        settings = self.settings(config)
        visitor = self.session(sid)
        path = req.path.rstrip("/") or "/"
        if req.method == "POST":
            return self._post(path, req, config, settings, visitor)
        if path == "/chained/options":
            threading.Event().wait(settings.options_delay)  # options that arrive late
            items = CHAINED.get(req.query.get("parent", ""), [])
            return Response.json([{"label": label, "value": value} for label, value in items])
        if path in ("/home", "/form") and not visitor.signed_in:
            return Response.redirect(f"{LIVE}/login?cmd=expire")
        values = {
            "message": self._login_message(req) if path == "/login" else "",
            "userid": "",
            "nss": "",
            "saved_display": "none",
            "curp": "",
            "telefono": "",
            "what": req.query.get("what", ""),
            "name": req.query.get("nombre", ""),
        }
        name = f"{HOST}{path}.html"
        if not (self.pages.root / name).is_file():
            return Response.html(self.pages.render("_mock/not_found.html"), status=404)
        return self.page_response(name, config, **values)

    def _login_message(self, req: Request) -> str:
        if req.query.get("cmd") == "expire":
            return _alert(MSG_EXPIRED)
        if req.query.get("errorCode") == "105":
            return _alert(MSG_LOCKED if req.query.get("locked") else MSG_BAD_LOGIN)
        return ""

    def _post(
        self,
        path: str,
        req: Request,
        config: MockConfig,
        settings: LabSettings,
        visitor: LabVisitor,
    ) -> Response:
        if path == "/frames/form":
            saved = req.form.get("ICAction") == "#ICSave"
            if saved:
                with self.lock:
                    self.saves["frames"] += 1
                    folio = str(100 + self.saves["frames"])
            message = _success(f"Guardado con folio {folio}") if saved else ""
            return self.page_response(
                f"{HOST}/frames/form.html",
                config,
                message=message,
                nss=req.form.get("LAB_NSS", ""),
                saved_display="inline" if saved else "none",
            )
        if path == "/ajax/save":
            threading.Event().wait(settings.save_delay)
            with self.lock:
                self.saves["ajax"] += 1
                folio = str(200 + self.saves["ajax"])
            return Response.json({"correcto": True, "mensaje": f"Guardado con folio {folio}"})
        if path in ("/dialog/send", "/confirm/send"):
            with self.lock:
                self.saves[path.split("/")[1]] += 1
            return Response.redirect(f"{LIVE}/done?what={path.split('/')[1]}")
        if path == "/download/report":
            # A constancia's identity (the mock's synthetic student) and its right, no employer.
            lines = ["CURP: HEGG560427MVZRRL04", "Con derecho al servicio médico: SI", "Folio: 123"]
            pdf = text_pdf("Constancia de prueba", lines)
            return Response.file(pdf, "comprobantePrueba.pdf", "application/pdf")
        if path == "/entry":
            return Response.redirect(f"{LIVE}/warning" if settings.warning else f"{LIVE}/login")
        if path == "/login":
            return self._sign_in(req, settings, visitor)
        if path == "/form":
            return self._save_form(req, config, settings, visitor)
        return Response.html(self.pages.render("_mock/not_found.html"), status=404)

    def _sign_in(self, req: Request, settings: LabSettings, visitor: LabVisitor) -> Response:
        with self.lock:
            locked = self.failures >= settings.lockout_after
            if not locked and req.form.get("pwd") == settings.password:
                visitor.signed_in = True
                return Response.redirect(f"{LIVE}/home")
            self.failures += 1
            locked = locked or self.failures >= settings.lockout_after
        return Response.redirect(f"{LIVE}/login?errorCode=105" + ("&locked=1" if locked else ""))

    def _save_form(
        self, req: Request, config: MockConfig, settings: LabSettings, visitor: LabVisitor
    ) -> Response:
        with self.lock:
            if settings.expire_at_save and not visitor.expired_once:
                visitor.expired_once = True
                visitor.signed_in = False
            if not visitor.signed_in:
                return Response.redirect(f"{LIVE}/login?cmd=expire")
            self.saves["form"] += 1
            folio = str(300 + self.saves["form"])
        return self.page_response(
            f"{HOST}/form.html",
            config,
            message=_success(f"Tu solicitud fue registrada con el folio {folio}."),
            curp=req.form.get("curp", ""),
            telefono=req.form.get("telefono", ""),
        )


def _alert(text: str) -> str:
    return f'<div class="alert alert-danger">{escape(text)}</div>'


def _success(text: str) -> str:
    return f'<div class="alert alert-success">{escape(text)}</div>'

"""The IMSS site of the mock: the pages of the IMSS-02-008 path (imss.gob.mx, gob.mx,
serviciosdigitales), honouring every fact of PORTALS.md. Templates are under
`fixtures/portal/<host>/...` (see `pages.py` for the template syntax and layouts).
"""

from __future__ import annotations

import hashlib
import re
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urlencode

from autohelper.mock import captcha
from autohelper.mock.model import Request, Response, attachment
from autohelper.mock.pages import Drift
from autohelper.mock.pdf import text_pdf
from autohelper.mock.site import MockSettingError, Route, Site, Visitor

if TYPE_CHECKING:
    from autohelper.mock.config import MockConfig

SERVICIOS = "serviciosdigitales.imss.gob.mx"
CONTEXT = "/gestionAsegurados-web-externo"
# Redirects and emailed links name the live origin: the browser only ever sees live URLs.
LIVE_CONTEXT = f"https://{SERVICIOS}{CONTEXT}"
FORM_URL = f"{LIVE_CONTEXT}/asignacionNSS"
# The cookie the live application uses for its session (scenarios/portals/imss.yaml); also
# accepted as a `;JSESSIONIDASEGEXTERNO=value` path parameter, as real links carry it.
SESSION_COOKIE = "JSESSIONIDASEGEXTERNO"

DEFAULT_EMAIL_MISMATCH = "Los correos electrónicos no coinciden, verifíquelos."
DEFAULT_CAPTCHA_WRONG = "El texto de la imagen no coincide, favor de intentar nuevamente."

# The 18-character shape of a CURP (the check digit itself is not verified, like a quick portal).
CURP_RE = re.compile(r"^[A-Z]{4}\d{6}[HMX][A-Z]{2}[B-DF-HJ-NP-TV-Z]{3}[A-Z\d]\d$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

MSG_REQUIRED = "Favor de capturar los campos obligatorios."
MSG_CURP = "El formato de la CURP no es válido, verifíquelo."
MSG_EMAIL = "El formato del correo electrónico no es válido, verifíquelo."
MSG_SUBDELEGACION = (
    "Tu solicitud requiere que acudas a la subdelegación que te corresponde para concluir tu "
    "trámite."
)
MSG_CONFIRMATION_SENT = (
    "Para continuar con su trámite le hemos enviado una liga de confirmación a su correo "
    "electrónico."
)
MSG_TOKEN_INVALID = "Confirmación inválida"
MSG_TOKEN_USED = "Este token ya fue utilizado"
MSG_NO_REQUEST = "No hay una solicitud en proceso. Inicie nuevamente su trámite."

# What `MockConfig.drift` changes, per template: (original, drifted) text, as a portal redesign
# might. Applied to the real page, so the drifted page differs from it in nothing else.
DRIFTS: dict[str, Drift] = {
    f"{SERVICIOS}{CONTEXT}/asignacionNSS.html": (
        ('id="registroCurp"', 'id="curpInput"'),
        ("getElementById('registroCurp')", "getElementById('curpInput')"),
    ),
}


@dataclass(frozen=True)
class ImssSettings:
    """`--mock imss.<name>=value` (or the bare name): the portal versions and answers."""

    result_version: int = 2
    nss_found: bool = False
    subdelegacion: bool = False
    email_mismatch_message: str = DEFAULT_EMAIL_MISMATCH
    captcha_wrong_message: str = DEFAULT_CAPTCHA_WRONG

    def __post_init__(self) -> None:
        if self.result_version not in (1, 2):
            raise MockSettingError("mock.one_of", choices="1, 2")


@dataclass
class ImssVisitor(Visitor):
    """One visitor of serviciosdigitales."""

    # What the next render of the form shows once: a message and the values to keep.
    flash: dict[str, str] | None = None
    # The finished request (NSS, folio, date) shown by the result pages.
    result: dict[str, str] | None = None


@dataclass
class Confirmation:
    """An emailed confirmation token (result version 2)."""

    curp: str
    email: str
    used: bool = False


class ImssSite(Site[ImssSettings, ImssVisitor]):
    """The three hosts of the NSS path."""

    name = "imss"
    hosts = ("www.imss.gob.mx", "www.gob.mx", SERVICIOS)
    settings_type = ImssSettings
    session_type = ImssVisitor
    cookie = SESSION_COOKIE
    drifts: ClassVar[Mapping[str, Drift]] = DRIFTS
    firewall_page = "_mock/incapsula-block.html"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tokens: dict[str, Confirmation] = {}

    def reset(self) -> None:
        with self.lock:
            super().reset()
            self.tokens.clear()

    def session_id(self, req: Request) -> str | None:
        # The cookie, else a `;JSESSIONIDASEGEXTERNO=` path parameter.
        return req.cookies.get(SESSION_COOKIE) or req.path_params.get(SESSION_COOKIE)

    def handle(self, req: Request, config: MockConfig) -> Response | None:
        """The response for a live host and path, or None when the mock has no such page."""
        if req.host == "www.imss.gob.mx" and req.path.rstrip("/") == "/tramites/imss02008":
            return self.page_response("www.imss.gob.mx/tramites/imss02008.html", config)
        if req.host == "www.gob.mx" and req.path.startswith(
            "/tramites/ficha/asignacion-de-numero-de-seguridad-social"
        ):
            name = "www.gob.mx/tramites/ficha/asignacion-de-numero-de-seguridad-social/IMSS2008"
            return self.page_response(name + ".html", config)
        if req.host != SERVICIOS or not req.path.startswith(CONTEXT + "/"):
            return None
        route = self.routes().get((req.method, req.path[len(CONTEXT) :].rstrip("/")))
        if route is None:
            return None
        return self.with_session(req, lambda sid: route(req, config, sid))

    def routes(self) -> Mapping[tuple[str, str], Route]:
        return {
            ("GET", "/asignacionNSS"): self.form,
            ("POST", "/asignacionNSS/valida"): self.valida,
            ("GET", "/servlet/CaptchaServlet"): self.captcha_image,
            ("GET", "/resultadoAsignacion"): self.result_v1,
            ("GET", "/reporteNSS"): self.report_v1,
            ("GET", "/confirmacionUrl"): self.confirm,
            ("GET", "/solicitudFinalizada"): self.finished,
        }

    def _page(self, name: str, config: MockConfig, **values: str) -> Response:
        return self.page_response(f"{SERVICIOS}{CONTEXT}/{name}.html", config, **values)

    def form(self, req: Request, config: MockConfig, sid: str) -> Response:
        """The form; a pending message (error or success) shows instead of the welcome modal."""
        with self.lock:
            visitor = self.sessions[sid]
            flash, visitor.flash = visitor.flash, None
        flash = flash or {}
        message = ""
        if flash.get("error"):
            message = f'<div class="alert alert-danger">{escape(flash["error"])}</div>'
        elif flash.get("success"):
            message = f'<div class="alert alert-success">{escape(flash["success"])}</div>'
        return self._page(
            "asignacionNSS",
            config,
            modal_display="none" if message else "block",
            content_display="block" if message else "none",
            message=message,
            curp=flash.get("curp", ""),
            correo=flash.get("correo", ""),
            correo_confirmacion=flash.get("correo_confirmacion", ""),
            ts=str(int(time.time() * 1000)),
        )

    def captcha_image(self, req: Request, config: MockConfig, sid: str) -> Response:
        """A new CAPTCHA text for the session on every load, drawn as SVG."""
        text = captcha.new_text()
        self.show_captcha(req, sid, text)
        return Response(
            body=captcha.svg(text),
            content_type="image/svg+xml",
            headers=[("Cache-Control", "no-store, no-cache, must-revalidate")],
        )

    def _check(self, req: Request, settings: ImssSettings, expected: str | None) -> str | None:
        """The server-side error message for a submitted form, or None if it passes."""
        curp = req.form.get("curp", "").strip().upper()
        correo = req.form.get("correoElectronico.correo", "").strip()
        confirmacion = req.form.get("correoElectronicoFiscal.correo", "").strip()
        answer = req.form.get("captcha", "")
        if not (curp and correo and confirmacion and answer):
            return MSG_REQUIRED
        if not CURP_RE.match(curp):
            return MSG_CURP
        if not EMAIL_RE.match(correo):
            return MSG_EMAIL
        if correo.lower() != confirmacion.lower():
            return settings.email_mismatch_message
        if expected is None or answer != expected:
            return settings.captcha_wrong_message
        if settings.subdelegacion:
            return MSG_SUBDELEGACION
        return None

    def valida(self, req: Request, config: MockConfig, sid: str) -> Response:
        """Check the form, then redirect like the portal: back to the form or to the result."""
        settings = self.settings(config)
        curp = req.form.get("curp", "").strip().upper()
        correo = req.form.get("correoElectronico.correo", "").strip()
        visitor = self.session(sid)
        # A CAPTCHA answers one submission only, right or wrong.
        expected = self.take_captcha(req, sid)
        error = self._check(req, settings, expected)
        kept = {
            "curp": req.form.get("curp", ""),
            "correo": correo,
            "correo_confirmacion": req.form.get("correoElectronicoFiscal.correo", ""),
        }
        if error:
            visitor.flash = {"error": error, **kept}
            return Response.redirect(FORM_URL)
        if settings.result_version == 1:
            visitor.result = _result(curp, correo, settings)
            self.shared.send_email(
                correo,
                "Asignación de Número de Seguridad Social",
                f"Estimado(a) asegurado(a):\n\nTu Número de Seguridad Social es: "
                f"{visitor.result['nss']}\nCURP: {curp}\n\nSe adjunta el reporte.\n\nIMSS",
                attachments=[attachment("reporteNSS.pdf", _nss_pdf("Reporte", visitor.result))],
            )
            return Response.redirect(f"{LIVE_CONTEXT}/resultadoAsignacion")
        token = secrets.token_urlsafe(24)
        with self.lock:
            self.tokens[token] = Confirmation(curp=curp, email=correo)
        link = f"{LIVE_CONTEXT}/confirmacionUrl?" + urlencode(
            {"token": token, "curp": curp, "correo": correo}
        )
        self.shared.send_email(
            correo,
            "Confirmación de correo electrónico - Asignación de NSS",
            "Para continuar con su trámite de asignación o localización del Número de Seguridad "
            f"Social, abra la siguiente liga (válida solo el día de hoy):\n{link}\n\nIMSS",
            links=[link],
        )
        visitor.flash = {"success": MSG_CONFIRMATION_SENT, **kept}
        return Response.redirect(FORM_URL)

    def result_v1(self, req: Request, config: MockConfig, sid: str) -> Response:
        """Version 1 result: the NSS went by email; ACEPTAR and VER REPORTE."""
        result = self.sessions[sid].result
        if result is None:
            return self._page("mensaje", config, message=MSG_NO_REQUEST)
        return self._page("resultadoAsignacion", config, correo=result["correo"])

    def report_v1(self, req: Request, config: MockConfig, sid: str) -> Response:
        """What VER REPORTE opens (a PDF on the live portal, a page here)."""
        result = self.sessions[sid].result
        if result is None:
            return self._page("mensaje", config, message=MSG_NO_REQUEST)
        return self._page(
            "reporteNSS", config, curp=result["curp"], nss=result["nss"], fecha=result["fecha"]
        )

    def confirm(self, req: Request, config: MockConfig, sid: str) -> Response:
        """The emailed link: a valid unused token finishes the request and redirects."""
        token = req.query.get("token", "")
        with self.lock:
            confirmation = self.tokens.get(token)
            if confirmation is None or confirmation.curp != req.query.get("curp", "").upper():
                return self._page("mensaje", config, message=MSG_TOKEN_INVALID)
            if confirmation.used:
                return self._page("mensaje", config, message=MSG_TOKEN_USED)
            confirmation.used = True
        result = _result(confirmation.curp, confirmation.email, self.settings(config))
        self.sessions[sid].result = result
        self.shared.send_email(
            confirmation.email,
            "Asignación de Número de Seguridad Social",
            f"Tu Número de Seguridad Social es: {result['nss']}\nFolio: {result['folio']}\n"
            "Se adjuntan el comprobante y tu tarjeta de NSS.\n\nIMSS",
            attachments=[
                attachment("comprobante.pdf", _nss_pdf("Comprobante", result)),
                attachment("tarjetaNSS.pdf", _nss_pdf("Tarjeta", result)),
            ],
        )
        return Response.redirect(f"{LIVE_CONTEXT}/solicitudFinalizada")

    def finished(self, req: Request, config: MockConfig, sid: str) -> Response:
        """The final page: the NSS in a green alert, the documents table, `#finalizaTramite`."""
        result = self.sessions[sid].result
        if result is None:
            return self._page("mensaje", config, message=MSG_NO_REQUEST)
        if result["found"]:
            alert = f"Tu NSS es: {escape(result['nss'])}"
        else:
            alert = f"Asignación de NSS exitosa.<br>NSS: {escape(result['nss'])}"
        return self._page(
            "solicitudFinalizada", config, alert=alert, folio=result["folio"], fecha=result["fecha"]
        )


def _result(curp: str, correo: str, settings: ImssSettings) -> dict[str, str]:
    """The finished request: NSS from the CURP, a folio, today's date as the portal writes it."""
    folio = str(int(hashlib.sha256(f"folio{curp}".encode()).hexdigest(), 16))[:10]
    return {
        "curp": curp,
        "correo": correo,
        "nss": captcha.nss_for(curp),
        "folio": folio,
        "fecha": date.today().strftime("%d/%m/%Y"),
        "found": "1" if settings.nss_found else "",
    }


def _nss_pdf(kind: str, result: dict[str, str]) -> bytes:
    """The NSS documents the portal attaches (their real layout is not known)."""
    return text_pdf(
        f"{kind} de Número de Seguridad Social",
        [f"NSS: {result['nss']}", f"CURP: {result['curp']}", f"Fecha: {result['fecha']}"],
    )

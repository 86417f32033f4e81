"""The pages of the IMSS-02-008 path (imss.gob.mx, gob.mx, serviciosdigitales), by live host.

Templates are files under `fixtures/portal/<host>/...`; `{{name}}` inserts an escaped value and
`{{!name}}` an HTML fragment this module built (and escaped) itself. A host with a `_layout.html`
holds the shared head, header and footer there: each page of that host is its `<title>` line
followed by its body content, put into the layout's `{{title}}` and `{{!content}}` slots.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import time
from collections.abc import Callable
from datetime import date
from html import escape
from pathlib import Path
from urllib.parse import urlencode

from autohelper.mock import captcha
from autohelper.mock.model import (
    SESSION_COOKIE,
    Confirmation,
    MockConfig,
    PortalState,
    Request,
    Response,
)

SERVICIOS = "serviciosdigitales.imss.gob.mx"
CONTEXT = "/gestionAsegurados-web-externo"
# Redirects and emailed links name the live origin: the browser only ever sees live URLs.
LIVE_CONTEXT = f"https://{SERVICIOS}{CONTEXT}"
FORM_URL = f"{LIVE_CONTEXT}/asignacionNSS"

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

_PLACEHOLDER = re.compile(r"\{\{(!?)(\w+)\}\}")
_TITLE = re.compile(r"<title>(.*)</title>\n")

# What `MockConfig.drift` changes, per template: (original, drifted) text, as a portal redesign
# might. Applied to the real page, so the drifted page differs from it in nothing else.
DRIFTS: dict[str, tuple[tuple[str, str], ...]] = {
    f"{SERVICIOS}{CONTEXT}/asignacionNSS.html": (
        ('id="registroCurp"', 'id="curpInput"'),
        ("getElementById('registroCurp')", "getElementById('curpInput')"),
    ),
}


class Pages:
    """Loads and fills the HTML templates, in their host's layout, drifted when asked."""

    def __init__(self, fixtures_dir: Path) -> None:
        self.root = fixtures_dir / "portal"

    def template(self, name: str, drift: bool = False) -> str:
        """The unfilled text for `host/path` (or `_mock/...`): in its layout, drifted if asked."""
        text = (self.root / name).read_text(encoding="utf-8")
        layout = self.root / name.split("/", 1)[0] / "_layout.html"
        if layout.is_file():
            title = _TITLE.match(text)
            if title is None:
                raise ValueError(f"{name} must start with its <title> line to fill {layout}")
            text = (
                layout.read_text(encoding="utf-8")
                .replace("{{title}}", title.group(1))
                .replace("{{!content}}", text[title.end() :].rstrip("\n"))
            )
        for original, drifted in DRIFTS.get(name, ()) if drift else ():
            if original not in text:
                raise ValueError(
                    f"the drift {original!r} → {drifted!r} no longer applies to {name}"
                )
            text = text.replace(original, drifted)
        return text

    def render(self, name: str, drift: bool = False, **values: str) -> str:
        """Fill a template; a placeholder without a value is a bug, so it raises KeyError."""

        def fill(match: re.Match[str]) -> str:
            value = values[match.group(2)]
            return value if match.group(1) else escape(value)

        return _PLACEHOLDER.sub(fill, self.template(name, drift))


class ImssSite:
    """Answers requests for the three hosts of the NSS path, using the shared state."""

    def __init__(self, pages: Pages, state: PortalState) -> None:
        self.pages = pages
        self.state = state

    def handle(self, req: Request, config: MockConfig) -> Response | None:
        """The response for a live host and path, or None when the mock has no such page."""
        if req.host == "www.imss.gob.mx" and req.path.rstrip("/") == "/tramites/imss02008":
            return Response.html(self.pages.render("www.imss.gob.mx/tramites/imss02008.html"))
        if req.host == "www.gob.mx" and req.path.startswith(
            "/tramites/ficha/asignacion-de-numero-de-seguridad-social"
        ):
            name = "www.gob.mx/tramites/ficha/asignacion-de-numero-de-seguridad-social/IMSS2008"
            return Response.html(self.pages.render(name + ".html"))
        if req.host != SERVICIOS or not req.path.startswith(CONTEXT + "/"):
            return None
        routes: dict[tuple[str, str], Callable[[Request, MockConfig, str], Response]] = {
            ("GET", "/asignacionNSS"): self.form,
            ("POST", "/asignacionNSS/valida"): self.valida,
            ("GET", "/servlet/CaptchaServlet"): self.captcha_image,
            ("GET", "/resultadoAsignacion"): self.result_v1,
            ("GET", "/reporteNSS"): self.report_v1,
            ("GET", "/confirmacionUrl"): self.confirm,
            ("GET", "/solicitudFinalizada"): self.finished,
        }
        route = routes.get((req.method, req.path[len(CONTEXT) :].rstrip("/")))
        if route is None:
            return None
        # The session comes from the cookie, else from a `;JSESSIONIDASEGEXTERNO=` path parameter.
        wanted = req.cookies.get(SESSION_COOKIE) or req.path_params.get(SESSION_COOKIE)
        session_id, _ = self.state.session(wanted)
        response = route(req, config, session_id)
        if req.cookies.get(SESSION_COOKIE) != session_id:
            response.headers.append(
                ("Set-Cookie", f"{SESSION_COOKIE}={session_id}; Path=/; HttpOnly")
            )
        return response

    def _page(self, name: str, drift: bool = False, **values: str) -> str:
        return self.pages.render(f"{SERVICIOS}{CONTEXT}/{name}.html", drift, **values)

    def form(self, req: Request, config: MockConfig, sid: str) -> Response:
        """The form; a pending message (error or success) shows instead of the welcome modal."""
        with self.state.lock:
            session = self.state.sessions[sid]
            flash, session.flash = session.flash, None
        flash = flash or {}
        message = ""
        if flash.get("error"):
            message = f'<div class="alert alert-danger">{escape(flash["error"])}</div>'
        elif flash.get("success"):
            message = f'<div class="alert alert-success">{escape(flash["success"])}</div>'
        return Response.html(
            self._page(
                "asignacionNSS",
                config.drift,
                modal_display="none" if message else "block",
                content_display="block" if message else "none",
                message=message,
                curp=flash.get("curp", ""),
                correo=flash.get("correo", ""),
                correo_confirmacion=flash.get("correo_confirmacion", ""),
                ts=str(int(time.time() * 1000)),
            )
        )

    def captcha_image(self, req: Request, config: MockConfig, sid: str) -> Response:
        """A new CAPTCHA text for the session on every load, drawn as SVG."""
        text = captcha.new_text()
        with self.state.lock:
            self.state.sessions[sid].captcha = text
        return Response(
            body=captcha.svg(text),
            content_type="image/svg+xml",
            headers=[("Cache-Control", "no-store, no-cache, must-revalidate")],
        )

    def _check(self, req: Request, config: MockConfig, expected: str | None) -> str | None:
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
            return config.email_mismatch_message
        if expected is None or answer != expected:
            return config.captcha_wrong_message
        if config.subdelegacion:
            return MSG_SUBDELEGACION
        return None

    def valida(self, req: Request, config: MockConfig, sid: str) -> Response:
        """Check the form, then redirect like the portal: back to the form or to the result."""
        curp = req.form.get("curp", "").strip().upper()
        correo = req.form.get("correoElectronico.correo", "").strip()
        with self.state.lock:
            session = self.state.sessions[sid]
            # A CAPTCHA answers one submission only, right or wrong.
            expected, session.captcha = session.captcha, None
        error = self._check(req, config, expected)
        kept = {
            "curp": req.form.get("curp", ""),
            "correo": correo,
            "correo_confirmacion": req.form.get("correoElectronicoFiscal.correo", ""),
        }
        if error:
            session.flash = {"error": error, **kept}
            return Response.redirect(FORM_URL)
        if config.result_version == 1:
            session.result = _result(curp, correo, config)
            self.state.send_email(
                correo,
                "Asignación de Número de Seguridad Social",
                f"Estimado(a) asegurado(a):\n\nTu Número de Seguridad Social es: "
                f"{session.result['nss']}\nCURP: {curp}\n\nSe adjunta el reporte.\n\nIMSS",
                [],
                ["reporteNSS.pdf"],
            )
            return Response.redirect(f"{LIVE_CONTEXT}/resultadoAsignacion")
        token = secrets.token_urlsafe(24)
        with self.state.lock:
            self.state.tokens[token] = Confirmation(curp=curp, email=correo)
        link = f"{LIVE_CONTEXT}/confirmacionUrl?" + urlencode(
            {"token": token, "curp": curp, "correo": correo}
        )
        self.state.send_email(
            correo,
            "Confirmación de correo electrónico - Asignación de NSS",
            "Para continuar con su trámite de asignación o localización del Número de Seguridad "
            f"Social, abra la siguiente liga (válida solo el día de hoy):\n{link}\n\nIMSS",
            [link],
            [],
        )
        session.flash = {"success": MSG_CONFIRMATION_SENT, **kept}
        return Response.redirect(FORM_URL)

    def result_v1(self, req: Request, config: MockConfig, sid: str) -> Response:
        """Version 1 result: the NSS went by email; ACEPTAR and VER REPORTE."""
        result = self.state.sessions[sid].result
        if result is None:
            return Response.html(self._page("mensaje", message=MSG_NO_REQUEST))
        return Response.html(self._page("resultadoAsignacion", correo=result["correo"]))

    def report_v1(self, req: Request, config: MockConfig, sid: str) -> Response:
        """What VER REPORTE opens (a PDF on the live portal, a page here)."""
        result = self.state.sessions[sid].result
        if result is None:
            return Response.html(self._page("mensaje", message=MSG_NO_REQUEST))
        return Response.html(
            self._page("reporteNSS", curp=result["curp"], nss=result["nss"], fecha=result["fecha"])
        )

    def confirm(self, req: Request, config: MockConfig, sid: str) -> Response:
        """The emailed link: a valid unused token finishes the request and redirects."""
        token = req.query.get("token", "")
        with self.state.lock:
            confirmation = self.state.tokens.get(token)
            if confirmation is None or confirmation.curp != req.query.get("curp", "").upper():
                return Response.html(self._page("mensaje", message=MSG_TOKEN_INVALID))
            if confirmation.used:
                return Response.html(self._page("mensaje", message=MSG_TOKEN_USED))
            confirmation.used = True
        result = _result(confirmation.curp, confirmation.email, config)
        self.state.sessions[sid].result = result
        self.state.send_email(
            confirmation.email,
            "Asignación de Número de Seguridad Social",
            f"Tu Número de Seguridad Social es: {result['nss']}\nFolio: {result['folio']}\n"
            "Se adjuntan el comprobante y tu tarjeta de NSS.\n\nIMSS",
            [],
            ["comprobante.pdf", "tarjetaNSS.pdf"],
        )
        return Response.redirect(f"{LIVE_CONTEXT}/solicitudFinalizada")

    def finished(self, req: Request, config: MockConfig, sid: str) -> Response:
        """The final page: the NSS in a green alert, the documents table, `#finalizaTramite`."""
        result = self.state.sessions[sid].result
        if result is None:
            return Response.html(self._page("mensaje", message=MSG_NO_REQUEST))
        if result["found"]:
            alert = f"Tu NSS es: {escape(result['nss'])}"
        else:
            alert = f"Asignación de NSS exitosa.<br>NSS: {escape(result['nss'])}"
        return Response.html(
            self._page(
                "solicitudFinalizada", alert=alert, folio=result["folio"], fecha=result["fecha"]
            )
        )


def _result(curp: str, correo: str, config: MockConfig) -> dict[str, str]:
    """The finished request: NSS from the CURP, a folio, today's date as the portal writes it."""
    folio = str(int(hashlib.sha256(f"folio{curp}".encode()).hexdigest(), 16))[:10]
    return {
        "curp": curp,
        "correo": correo,
        "nss": captcha.nss_for(curp),
        "folio": folio,
        "fecha": date.today().strftime("%d/%m/%Y"),
        "found": "1" if config.nss_found else "",
    }

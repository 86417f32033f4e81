"""The IMSS site of the mock: the pages of the IMSS-02-008 path (imss.gob.mx, gob.mx,
serviciosdigitales `gestionAsegurados-web-externo`), honouring every fact of PORTALS.md, and the
information page of the clinic registration (`www.imss.gob.mx/tramites/registro-umf`; the clinic
application itself is `umf.py`). Templates are under `fixtures/portal/<host>/...` (see `pages.py`
for the template syntax and layouts).

After the emailed link: a person who already has an NSS (`nss_found=true`) goes straight to
`asignacionNSS/solicitudFinalizada`; everyone else (the default, as on the live portal for most
first-year students) first gets the address step `asignacionNSS/capturaDomicilio` with the postal
code component (`postal.py`), then `asignacionNSS/finalizar` assigns the NSS.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from html import escape
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urlencode

from autohelper.mock import captcha, postal
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
ADDRESS_URL = f"{FORM_URL}/capturaDomicilio"
FINAL_URL = f"{FORM_URL}/solicitudFinalizada"
# The cookie the live application uses for its session (scenarios/portals/imss.yaml); also
# accepted as a `;JSESSIONIDASEGEXTERNO=value` path parameter, as real links carry it.
SESSION_COOKIE = "JSESSIONIDASEGEXTERNO"
UMF_INFO_PATH = "/tramites/registro-umf"

# Assumed: the email-mismatch wording has never been seen; it stays configurable.
DEFAULT_EMAIL_MISMATCH = "Los correos electrónicos no coinciden, verifíquelos."
# Known (the application's CAPTCHA message, PORTALS.md); configurable all the same.
DEFAULT_CAPTCHA_WRONG = "El captcha no fue válido, favor de intentar nuevamente"

# The 18-character shape of a CURP (the check digit itself is not verified, like a quick portal).
CURP_RE = re.compile(r"^[A-Z]{4}\d{6}[HMX][A-Z]{2}[B-DF-HJ-NP-TV-Z]{3}[A-Z\d]\d$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# What an issued token looks like (`secrets.token_urlsafe(24)`); anything else is "Token invalido".
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")

MSG_REQUIRED = "Favor de capturar los campos obligatorios."  # assumed wording
MSG_CURP = "El formato de la CURP no es válido, verifíquelo."
MSG_EMAIL = "El formato del correo electrónico no es válido, verifíquelo."  # assumed wording
# Known as written; the link's address is assumed.
MSG_SUBDELEGACION_HTML = (
    "Tu solicitud requiere que acudas a la subdelegación.<br>"
    '<a href="https://www.imss.gob.mx/tramites/imss02008" target="_blank" id="requisitos">'
    "Consulta los requisitos</a>"
)
MSG_CONFIRMATION_SENT = (
    "Para continuar con su trámite le hemos enviado una liga de confirmación a su correo "
    "electrónico."
)
MSG_EXISTING_REQUEST = (
    "Usted ya cuenta con una solicitud para Generación de Número de Seguridad Social registrada, "
    "cuyo folio es: {folio}"
)
# PORTALS.md knows this one only up to its "...": the mock shows it exactly as far as it is known.
MSG_RENAPO = (
    "Debido a una falla técnica, no se pudo verificar tu CURP ante el Registro Nacional de "
    "Población..."
)
MSG_PERIOD_LIMIT = (
    "El número de operaciones por periodo ha sido alcanzada ({n} operación(es) cada {m} "
    "día(s)) , favor de intentar más tarde."
)
MSG_EMAIL_OTHER_CURP = (
    "El correo electrónico que capturó ya se encuentra registrado en el Instituto relacionado a "
    "una CURP distinta a la capturada."
)
MSG_NO_UMF_HOME = (
    "No se encontraron UMF asociadas a su domicilio particular, para continuar con el trámite es "
    "necesario que acuda a una Subdelegación"
)
MSG_POSTAL_NO_UMF = (
    "El Código Postal {code} no se encuentra relacionado a ninguna Unidad Médica Familiar (UMF)"
)
MSG_TOKEN_INVALID = "Confirmación inválida"
MSG_TOKEN_EXPIRED = "Token expirado"
MSG_TOKEN_USED = "Este token ya fue utilizado"
MSG_TOKEN_MALFORMED = "Token invalido"
MSG_RESENT = "El comprobante ha sido reenviado"
MSG_NO_REQUEST = "No hay una solicitud en proceso. Inicie nuevamente su trámite."  # assumed
RESENDS_PER_SESSION = 3

# `imss.answer=<name>`: a known answer of the path instead of the normal one. Which step gives
# each is assumed: `sin_umf_domicilio` answers the address step's `finalizar`, the others the
# form's `valida` (after the CAPTCHA, like every answer about the person).
ANSWERS = (
    "",
    "solicitud_existente",
    "falla_renapo",
    "limite_operaciones",
    "correo_otra_curp",
    "sin_umf_domicilio",
)

# `imss.link_answer=<name>`: a known answer of the path that the emailed link gives instead of
# going on (on a page of its own, in `div.alert.alert-danger`, as the token's answers; the
# token is not used up). PORTALS.md lists these messages without saying where they show.
LINK_ANSWERS: dict[str, str] = {"falla_renapo": MSG_RENAPO}

# `imss.domicilio_answer=<name>`: what `validaDomicilio` answers (false) for a postal code a
# clinic serves, instead of true: another known message of the path, in `#mensajeError`.
DOMICILIO_ANSWERS: dict[str, str] = {"sin_umf_domicilio": MSG_NO_UMF_HOME}

# What `MockConfig.drift` changes, per template: (original, drifted) text, as a portal redesign
# might. Applied to the real page, so the drifted page differs from it in nothing else.
DRIFTS: dict[str, Drift] = {
    f"{SERVICIOS}{CONTEXT}/asignacionNSS.html": (
        ('id="registroCurp"', 'id="curpInput"'),
        ("getElementById('registroCurp')", "getElementById('curpInput')"),
    ),
    f"{SERVICIOS}{CONTEXT}/capturaDomicilio.html": (
        ('id="continuar"', 'id="siguiente"'),
        ("getElementById('continuar')", "getElementById('siguiente')"),
    ),
    "www.imss.gob.mx/tramites/registro-umf.html": (
        (">Registro en línea</a>", ">Iniciar trámite</a>"),
    ),
    **postal.DRIFTS,
}

# `imss.plain_markup=true`: what PORTALS.md leaves open, done otherwise (see `postal.PLAIN`): the
# final page's green alert without Bootstrap's classes (its words are the fact, with the NSS in
# their own element: `finished`), the address step's fields found by their names, gob.mx's
# header with an «Iniciar sesión» link.
PLAIN: dict[str, Drift] = {
    f"{SERVICIOS}{CONTEXT}/solicitudFinalizada.html": (
        (
            '<div class="alert alert-success">{{!alert}}</div>',
            '<div class="aviso-exito" role="status" style="background:#dff0d8;color:#3c763d;'
            'padding:12px">{{!alert}}</div>',
        ),
    ),
    f"{SERVICIOS}{CONTEXT}/capturaDomicilio.html": (
        (
            "return document.getElementById(id).value.trim() === '';",
            "return document.getElementsByName(id)[0].value.trim() === '';",
        ),
        (
            "document.getElementById('domicilio.asentamiento.clave')",
            "document.getElementsByName('domicilio.asentamiento.clave')[0]",
        ),
    ),
    # gob.mx's header has a sign-in link whose name contains «INICIAR» (before the procedure's).
    "www.gob.mx/tramites/ficha/asignacion-de-numero-de-seguridad-social/IMSS2008.html": (
        (
            '<a href="/participa">Participa</a></span>',
            '<a href="/participa">Participa</a><a href="https://www.gob.mx/login">Iniciar sesión'
            "</a></span>",
        ),
    ),
    **postal.PLAIN,
}


# `imss.new_tabs=true`: box 3 and «INICIAR» open their pages in a new tab (gob.mx's links often
# do; PORTALS.md does not say).
NEW_TABS: dict[str, Drift] = {
    "www.imss.gob.mx/tramites/imss02008.html": (
        ('id="tramiteDigitalizado" href=', 'id="tramiteDigitalizado" target="_blank" href='),
    ),
    "www.gob.mx/tramites/ficha/asignacion-de-numero-de-seguridad-social/IMSS2008.html": (
        ('id="iniciar" role="button" href=', 'id="iniciar" role="button" target="_blank" href='),
    ),
}


@dataclass(frozen=True)
class ImssSettings:
    """`--mock imss.<name>=value` (or the bare name): the portal versions and answers."""

    result_version: int = 2
    nss_found: bool = False  # the person already has an NSS: no address step
    subdelegacion: bool = False
    answer: str = ""  # one of ANSWERS
    period_operations: int = 1  # N and M of the per-period limit's message
    period_days: int = 1
    token_expired: bool = False  # emailed links are dated yesterday: "Token expirado"
    ajax_delay: float = 0.2  # seconds before the address step's AJAX answers arrive
    email_mismatch_message: str = DEFAULT_EMAIL_MISMATCH
    captcha_wrong_message: str = DEFAULT_CAPTCHA_WRONG
    plain_markup: bool = False  # PLAIN: another markup where PORTALS.md leaves it open
    link_answer: str = ""  # one of LINK_ANSWERS: the emailed link's answer instead of going on
    # PORTALS.md: the form "opens with a modal", nothing said of its re-renders. A page that
    # opens it on every load (the one with an answer of the send too), and one that shows the
    # form under the modal's backdrop (which takes the clicks) instead of hiding it.
    welcome_every_load: bool = False
    welcome_overlay: bool = False
    # Seconds after the page is ready before the modal opens (a fade-in after a script's own
    # start): the page first shows without it.
    welcome_delay: float = 0.0
    new_tabs: bool = False  # NEW_TABS
    # PORTALS.md lists the emailed link's answers without saying where they show: on a page of
    # their own (the default), or back on the form page with its answers (`link_errors_on_form`).
    link_errors_on_form: bool = False
    # PORTALS.md: on false, `#mensajeError` shows "e.g." the postal code's message; another
    # known message of the path ("No se encontraron UMF...") may come there instead.
    domicilio_answer: str = ""  # one of DOMICILIO_ANSWERS

    def __post_init__(self) -> None:
        if self.result_version not in (1, 2):
            raise MockSettingError("mock.one_of", choices="1, 2")
        if self.answer not in ANSWERS:
            raise MockSettingError("mock.one_of", choices=", ".join(ANSWERS[1:]))
        if self.link_answer and self.link_answer not in LINK_ANSWERS:
            raise MockSettingError("mock.one_of", choices=", ".join(LINK_ANSWERS))
        if self.domicilio_answer and self.domicilio_answer not in DOMICILIO_ANSWERS:
            raise MockSettingError("mock.one_of", choices=", ".join(DOMICILIO_ANSWERS))
        for count in (self.period_operations, self.period_days):
            if not 1 <= count <= 1000:
                raise MockSettingError("mock.range_int", low=1, high=1000)
        if not 0 <= self.ajax_delay <= 600:
            raise MockSettingError("mock.range_seconds", low=0, high=600)
        if not 0 <= self.welcome_delay <= 60:
            raise MockSettingError("mock.range_seconds", low=0, high=60)


@dataclass
class Confirmation:
    """An emailed confirmation token (result version 2), good once, on the day it was issued."""

    curp: str
    email: str
    issued: date = field(default_factory=date.today)
    used: bool = False


@dataclass
class ImssVisitor(Visitor):
    """One visitor of serviciosdigitales."""

    # What the next render of the form shows once: a message and the values to keep.
    flash: dict[str, str] | None = None
    # A confirmed request still waiting for its address (a person with no NSS yet).
    pending: Confirmation | None = None
    # What the next render of the address step shows once in `#mensajeError`.
    address_error: str = ""
    # The finished request (NSS, folio, date) shown by the result pages.
    result: dict[str, str] | None = None
    resends: int = 0


class ImssSite(Site[ImssSettings, ImssVisitor]):
    """The three hosts of the NSS path (and the clinic registration's information page)."""

    name = "imss"
    hosts = ("www.imss.gob.mx", "www.gob.mx", SERVICIOS)
    settings_type = ImssSettings
    session_type = ImssVisitor
    cookie = SESSION_COOKIE
    drifts: ClassVar[Mapping[str, Drift]] = DRIFTS
    plain: ClassVar[Mapping[str, Drift]] = PLAIN
    firewall_page = "_mock/incapsula-block.html"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tokens: dict[str, Confirmation] = {}

    def reset(self) -> None:
        with self.lock:
            super().reset()
            self.tokens.clear()

    def page(self, name: str, config: MockConfig, /, **values: str) -> str:
        html = super().page(name, config, **values)
        if self.settings(config).new_tabs:
            for old, new in NEW_TABS.get(name, ()):
                html = html.replace(old, new)
        return html

    def session_id(self, req: Request) -> str | None:
        # The cookie, else a `;JSESSIONIDASEGEXTERNO=` path parameter.
        return req.cookies.get(SESSION_COOKIE) or req.path_params.get(SESSION_COOKIE)

    def handle(self, req: Request, config: MockConfig) -> Response | None:
        """The response for a live host and path, or None when the mock has no such page."""
        path = req.path.rstrip("/")
        if req.host == "www.imss.gob.mx" and path == "/tramites/imss02008":
            return self.page_response("www.imss.gob.mx/tramites/imss02008.html", config)
        if req.host == "www.imss.gob.mx" and path == UMF_INFO_PATH:
            return self.page_response(f"www.imss.gob.mx{UMF_INFO_PATH}.html", config)
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
        documents: dict[tuple[str, str], Route] = {
            ("POST", f"/asignacionNSS/{action}"): self._document_route(action)
            for action in DOCUMENTS
        }
        return {
            ("GET", "/asignacionNSS"): self.form,
            ("POST", "/asignacionNSS/valida"): self.valida,
            ("GET", "/servlet/CaptchaServlet"): self.captcha_image,
            ("GET", "/resultadoAsignacion"): self.result_v1,
            ("GET", "/reporteNSS"): self.report_v1,
            # PORTALS.md names the emailed link both ways: both answer.
            ("GET", "/confirmacionUrl"): self.confirm,
            ("GET", "/asignacionNSS/confirmacionUrl"): self.confirm,
            ("GET", "/asignacionNSS/capturaDomicilio"): self.address,
            ("POST", postal.LOOKUP_PATH): self.postal_lookup,
            ("POST", "/asignacionNSS/validaDomicilio"): self.valida_domicilio,
            ("POST", "/asignacionNSS/finalizar"): self.finish,
            ("GET", "/asignacionNSS/solicitudFinalizada"): self.finished,
            ("GET", "/solicitudFinalizada"): self.finished,
            ("POST", "/asignacionNSS/reenvioMail"): self.resend,
            **documents,
        }

    def _page(self, name: str, config: MockConfig, **values: str) -> Response:
        return self.page_response(f"{SERVICIOS}{CONTEXT}/{name}.html", config, **values)

    def form(self, req: Request, config: MockConfig, sid: str) -> Response:
        """The form; a pending message (error or success) shows instead of the welcome modal
        (with it, under `welcome_every_load`)."""
        settings = self.settings(config)
        with self.lock:
            visitor = self.sessions[sid]
            flash, visitor.flash = visitor.flash, None
        flash = flash or {}
        message = ""
        if flash.get("error_html"):
            message = f'<div class="alert alert-danger">{flash["error_html"]}</div>'
        elif flash.get("error"):
            message = f'<div class="alert alert-danger">{escape(flash["error"])}</div>'
        elif flash.get("success"):
            message = f'<div class="alert alert-success">{escape(flash["success"])}</div>'
        welcome = settings.welcome_every_load or not message
        hides = welcome and not settings.welcome_overlay
        late = ""
        if welcome and settings.welcome_delay > 0:
            late = (
                "<script>setTimeout(function () {"
                "document.getElementById('modalBienvenida').style.display = 'block';"
                + ("document.getElementById('contenido').style.display = 'none';" if hides else "")
                + f"}}, {int(settings.welcome_delay * 1000)});</script>"
            )
            welcome = hides = False
        return self._page(
            "asignacionNSS",
            config,
            modal_display="block" if welcome else "none",
            content_display="none" if hides else "block",
            late_welcome=late,
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

    def _check(self, req: Request, settings: ImssSettings, expected: str | None) -> dict[str, str]:
        """The server-side error for a submitted form (`error`, or `error_html` for a message
        with markup), or nothing when it passes."""
        curp = req.form.get("curp", "").strip().upper()
        correo = req.form.get("correoElectronico.correo", "").strip()
        confirmacion = req.form.get("correoElectronicoFiscal.correo", "").strip()
        answer = req.form.get("captcha", "")
        if not (curp and correo and confirmacion and answer):
            return {"error": MSG_REQUIRED}
        if not CURP_RE.match(curp):
            return {"error": MSG_CURP}
        if not EMAIL_RE.match(correo):
            return {"error": MSG_EMAIL}
        if correo.lower() != confirmacion.lower():
            return {"error": settings.email_mismatch_message}
        if expected is None or answer != expected:
            return {"error": settings.captcha_wrong_message}
        if settings.subdelegacion:
            return {"error_html": MSG_SUBDELEGACION_HTML}
        answers = {
            "solicitud_existente": MSG_EXISTING_REQUEST.format(folio=_folio(curp)),
            "falla_renapo": MSG_RENAPO,
            "limite_operaciones": MSG_PERIOD_LIMIT.format(
                n=settings.period_operations, m=settings.period_days
            ),
            "correo_otra_curp": MSG_EMAIL_OTHER_CURP,
        }
        if settings.answer in answers:
            return {"error": answers[settings.answer]}
        return {}

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
            visitor.flash = {**error, **kept}
            return Response.redirect(FORM_URL)
        if settings.result_version == 1:
            visitor.result = _result(curp, correo, settings.nss_found)
            self.shared.send_email(
                correo,
                "Asignación de Número de Seguridad Social",
                f"Estimado(a) asegurado(a):\n\nTu Número de Seguridad Social es: "
                f"{visitor.result['nss']}\nCURP: {curp}\n\nSe adjunta el reporte.\n\nIMSS",
                attachments=[attachment("reporteNSS.pdf", _reporte_pdf(visitor.result))],
            )
            return Response.redirect(f"{LIVE_CONTEXT}/resultadoAsignacion")
        token = secrets.token_urlsafe(24)
        issued = date.today() - timedelta(days=1 if settings.token_expired else 0)
        with self.lock:
            self.tokens[token] = Confirmation(curp=curp, email=correo, issued=issued)
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
        """The emailed link, good once and only on the day it was issued: a found NSS goes to
        the final page, a new one to the address step."""
        token = req.query.get("token", "")
        if not TOKEN_RE.match(token):
            return self._link_answer(config, sid, MSG_TOKEN_MALFORMED)
        with self.lock:
            confirmation = self.tokens.get(token)
            if (
                confirmation is None
                or confirmation.curp != req.query.get("curp", "").strip().upper()
                or confirmation.email.lower() != req.query.get("correo", "").strip().lower()
            ):
                return self._link_answer(config, sid, MSG_TOKEN_INVALID)
            if confirmation.issued != date.today():
                return self._link_answer(config, sid, MSG_TOKEN_EXPIRED)
            if confirmation.used:
                return self._link_answer(config, sid, MSG_TOKEN_USED)
            answer = LINK_ANSWERS.get(self.settings(config).link_answer)
            if answer is not None:
                return self._link_answer(config, sid, answer)
            confirmation.used = True
        visitor = self.sessions[sid]
        if not self.settings(config).nss_found:
            visitor.pending = confirmation
            return Response.redirect(ADDRESS_URL)
        visitor.result = _result(confirmation.curp, confirmation.email, found=True)
        self._send_documents(visitor.result)
        return Response.redirect(FINAL_URL)

    def _link_answer(self, config: MockConfig, sid: str, message: str) -> Response:
        """The emailed link's answer: a page of its own, or (`link_errors_on_form`) the form
        page again, the answer in its alert as the form's own answers (302, as the portal's)."""
        if not self.settings(config).link_errors_on_form:
            return self._page("mensaje", config, message=message)
        with self.lock:
            self.sessions[sid].flash = {"error": message}
        return Response.redirect(FORM_URL)

    def address(self, req: Request, config: MockConfig, sid: str) -> Response:
        """The address step: the postal code component, `#mensajeError`, Cancelar, Continuar."""
        with self.lock:
            visitor = self.sessions[sid]
            error, visitor.address_error = visitor.address_error, ""
        if visitor.pending is None:
            return self._page("mensaje", config, message=MSG_NO_REQUEST)
        return self._page(
            "capturaDomicilio",
            config,
            error=error,
            error_display="block" if error else "none",
            **postal.component_slots(self, config, CONTEXT),
        )

    def postal_lookup(self, req: Request, config: MockConfig, sid: str) -> Response:
        return postal.lookup_answer(req, self.settings(config).ajax_delay)

    def valida_domicilio(self, req: Request, config: MockConfig, sid: str) -> Response:
        """`{"resultado": bool, "mensaje": ...}`: whether a clinic serves the postal code."""
        postal.wait(self.settings(config).ajax_delay)
        error = _postal_error(postal.requested_code(req))
        if not error:
            error = DOMICILIO_ANSWERS.get(self.settings(config).domicilio_answer, "")
        return Response.json({"resultado": not error, "mensaje": error})

    def finish(self, req: Request, config: MockConfig, sid: str) -> Response:
        """`#formularioDomicilioNSS` posted: assign the NSS, or back to the address step."""
        visitor = self.sessions[sid]
        pending = visitor.pending
        if pending is None:
            return self._page("mensaje", config, message=MSG_NO_REQUEST)
        code = req.form.get("domicilio.codigoPostal.codigoPostal", "").strip()
        found = postal.lookup(code)
        error = _postal_error(code)
        if not error and (
            found is None
            or found.colonia(req.form.get("domicilio.asentamiento.clave", "")) is None
            or not req.form.get("domicilio.calle", "").strip()
            or not req.form.get("domicilio.numExteriorAlf", "").strip()
        ):
            error = MSG_REQUIRED
        if not error and self.settings(config).answer == "sin_umf_domicilio":
            error = MSG_NO_UMF_HOME
        if error:
            visitor.address_error = error
            return Response.redirect(ADDRESS_URL)
        visitor.pending = None
        visitor.result = _result(pending.curp, pending.email, found=False)
        self._send_documents(visitor.result)
        return Response.redirect(FINAL_URL)

    def finished(self, req: Request, config: MockConfig, sid: str) -> Response:
        """The final page: the NSS in a green alert, the documents table, `#finalizaTramite`."""
        result = self.sessions[sid].result
        if result is None:
            return self._page("mensaje", config, message=MSG_NO_REQUEST)
        nss = escape(result["nss"])
        if self.plain_markup(config):
            # The words as known, each part in an element of its own (a mirror may), a line
            # break of the source between them: what reads the NSS must read the alert, not
            # just the element holding the words, and across lines.
            if result["found"]:
                alert = f"<strong>Tu NSS es:</strong>\n<strong>{nss}</strong>"
            else:
                alert = f"<strong>Asignación de NSS exitosa.</strong><br>\nNSS: <span>{nss}</span>"
        elif result["found"]:
            alert = f"Tu NSS es: {nss}"
        else:
            alert = f"Asignación de NSS exitosa.<br>NSS: {nss}"
        return self._page(
            "solicitudFinalizada", config, alert=alert, folio=result["folio"], fecha=result["fecha"]
        )

    def _document_route(self, action: str) -> Route:
        filename, inline = DOCUMENTS[action]

        def document(req: Request, config: MockConfig, sid: str) -> Response:
            result = self.sessions[sid].result
            if result is None:
                return self._page("mensaje", config, message=MSG_NO_REQUEST)
            make = _comprobante_pdf if filename == "comprobanteNSS.pdf" else _tarjeta_pdf
            return Response.file(make(result), filename, "application/pdf", inline=inline)

        return document

    def resend(self, req: Request, config: MockConfig, sid: str) -> Response:
        """`reenvioMail`: the documents again, at most three times a session; the answer is
        the same either way."""
        with self.lock:
            visitor = self.sessions[sid]
            visitor.resends += 1
            send = visitor.result is not None and visitor.resends <= RESENDS_PER_SESSION
        if send and visitor.result is not None:
            self._send_documents(visitor.result)
        return Response.json({"mensaje": MSG_RESENT})

    def _send_documents(self, result: dict[str, str]) -> None:
        self.shared.send_email(
            result["correo"],
            "Asignación de Número de Seguridad Social",
            f"Tu Número de Seguridad Social es: {result['nss']}\nFolio: {result['folio']}\n"
            "Se adjuntan el comprobante y tu tarjeta de NSS.\n\nIMSS",
            attachments=[
                attachment("comprobante.pdf", _comprobante_pdf(result)),
                attachment("tarjetaNSS.pdf", _tarjeta_pdf(result)),
            ],
        )


# The final page's documents: POST action → (file name, shown inline). Which of each pair is
# inline ("get", to print) and which an attachment ("download") is assumed.
DOCUMENTS: dict[str, tuple[str, bool]] = {
    "getComprobante": ("comprobanteNSS.pdf", True),
    "downloadComprobante": ("comprobanteNSS.pdf", False),
    "getTarjetaNSS": ("tarjetaNSS.pdf", True),
    "downloadTarjetaNSS": ("tarjetaNSS.pdf", False),
}


def _postal_error(code: str) -> str:
    """Why the address step cannot go on with this postal code ("" when it can)."""
    found = postal.lookup(code)
    if found is None:
        return postal.MSG_UNKNOWN
    if not found.clinics():
        return MSG_POSTAL_NO_UMF.format(code=found.code)
    return ""


def _folio(curp: str) -> str:
    return str(int(hashlib.sha256(f"folio{curp}".encode()).hexdigest(), 16))[:10]


def _result(curp: str, correo: str, found: bool) -> dict[str, str]:
    """The finished request: NSS from the CURP, a folio, today's date as the portal writes it."""
    return {
        "curp": curp,
        "correo": correo,
        "nss": captcha.nss_for(curp),
        "folio": _folio(curp),
        "fecha": date.today().strftime("%d/%m/%Y"),
        "found": "1" if found else "",
    }


# One function per document (their real layouts are not known), so nicer generators can
# replace each without touching the pages.
def _reporte_pdf(result: dict[str, str]) -> bytes:
    return text_pdf("Reporte de Número de Seguridad Social", _nss_lines(result))


def _comprobante_pdf(result: dict[str, str]) -> bytes:
    return text_pdf(
        "Comprobante de Número de Seguridad Social",
        [f"Folio: {result['folio']}", *_nss_lines(result)],
    )


def _tarjeta_pdf(result: dict[str, str]) -> bytes:
    return text_pdf("Tarjeta de Número de Seguridad Social", _nss_lines(result))


def _nss_lines(result: dict[str, str]) -> list[str]:
    return [f"NSS: {result['nss']}", f"CURP: {result['curp']}", f"Fecha: {result['fecha']}"]

"""The IMSS vigencia application of the mock: "Solicitud de constancia de vigencia de derechos"
(IMSS-02-020-B), `serviciosdigitales.imss.gob.mx/gestionAsegurados-web-externo/vigencia`,
honouring every fact of PORTALS.md.

It shares its host, its context and its session cookie with the NSS application (imss.py), and so
its CAPTCHA servlet: the form's image is `<context>/servlet/CaptchaServlet`, which the NSS site
answers, keeping the text per host and session where `take_captcha` finds it. This site claims
only the `vigencia` prefix (the longest prefix wins). The constancia is `documents.py`'s
(`constancia_pdf`), one of its cases per `vigencia.case`.

What the portal's public source does not show is assumed here, and said so where it is chosen:
the `#myModal` wording, the page's headings and intro, the constancia's printed labels and layout,
where the link's answers are shown, the emails' subjects (but the report's) and bodies.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape, unescape
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urlencode

from stdnum.mx import curp as stdnum_curp

from autohelper.mock.documents import ConstanciaCase, MockPerson, constancia_pdf
from autohelper.mock.model import Request, Response, attachment
from autohelper.mock.pages import Drift
from autohelper.mock.site import MockSettingError, Route, Site, Visitor
from autohelper.mock.umf import synthetic_name

if TYPE_CHECKING:
    from autohelper.mock.config import MockConfig

HOST = "serviciosdigitales.imss.gob.mx"
CONTEXT = "/gestionAsegurados-web-externo"
PREFIX = f"{CONTEXT}/vigencia"
# Emailed links and redirects name the live origin: the browser only ever sees live URLs.
LIVE = f"https://{HOST}{PREFIX}"
# The application's session cookie: one web application with the NSS form (imss.py), so the
# same cookie, which is also what the shared CAPTCHA servlet keys its text by.
SESSION_COOKIE = "JSESSIONIDASEGEXTERNO"
_PAGES = f"{HOST}{PREFIX}"

# Page 1's answers, verbatim (PORTALS.md), in the order the server checks them, by the name
# `--mock vigencia.answer=<name>` forces one with.
MSG_REQUIRED = "Este campo es obligatorio"
MSG_CAPTCHA = "El captcha no fue válido, favor de intentar nuevamente"
MSG_NOT_ONLINE = (
    "La Constancia de Vigencia de Derechos no se puede generar por Internet. En caso de que se "
    "requiera generar su Constancia, favor de acudir a la Subdelegación"
)
MSG_DOMAIN = "El dominio del correo electrónico es inválido. Intente con otro"
MSG_GMAIL = "Los correos Gmail no deben contener '-' ni '+'."
MSG_EMAIL_OTHER_CURP = (
    "El correo electrónico que capturó ya se encuentra registrado en el Instituto relacionado a "
    "una CURP distinta a la capturada."
)
# The limit's numbers are not known: these are assumed.
PERIOD_OPERATIONS, PERIOD_DAYS = 3, 1
MSG_PERIOD_LIMIT = (
    f"El número de operaciones por periodo ha sido alcanzada ({PERIOD_OPERATIONS} operación(es) "
    f"cada {PERIOD_DAYS} día(s)) , favor de intentar más tarde."
)
MSG_CLARIFICATION = (
    "Estimado asegurado(a) o pensionado(a), el Número de seguridad social asociado a la CURP que "
    "ingresó, requiere realizar su aclaración, por lo que le agradeceremos acudir a la "
    "Subdelegación más cercana."
)
MSG_RENAPO = (
    "No se localizó información en RENAPO con la CURP capturada, por favor consúltala aquí."
)
MSG_INCONSISTENCIES = (
    "El Instituto (IMSS) ha localizado inconsistencias en tus datos, por lo que es necesario te "
    "presentes en tu subdelegación más cercana para regularizar tu información."
)
# The page appends the period to this message (PORTALS.md: "a period appended").
MSG_SENT = (
    "Para continuar con su trámite le hemos enviado una liga de confirmación a su correo "
    "electrónico"
)
# Not among the known answers (the live page may check it in the browser): assumed, as on the
# NSS form of this mock, and configurable.
DEFAULT_EMAIL_MISMATCH = "Los correos electrónicos no coinciden, verifíquelos."

# The emailed link's answers, verbatim. Which of the two "invalid" wordings answers which case is
# assumed: "Token invalido" for a link without a token, "Confirmación inválida" for an unknown one.
MSG_TOKEN_MISSING = "Token invalido"
MSG_TOKEN_UNKNOWN = "Confirmación inválida"
MSG_TOKEN_EXPIRED = "Token expirado"
MSG_TOKEN_USED = "Este token ya fue utilizado"
MSG_DAILY_LIMIT = (
    "Has agotado el número de consultas permitidas por día.<br>Podrás realizar nuevas consultas "
    "mañana o si lo prefieres puedes acudir a la Unidad Medica Familiar (UMF) que te corresponde "
    "para solicitar tu comprobante de vigencia de derechos."
)
MSG_REPORT_ERROR = "Mensaje: Ocurrió un error al generar el reporte de vigencia."
MSG_NOT_REGISTERED = (
    "El asegurado / pensionado con número de seguridad social {nss} no se encuentra registrado "
    "aún como derechohabiente, por lo tanto no podrá obtener su comprobante de vigencia de "
    "derechos."
)
MSG_RESENT = "El comprobante ha sido reenviado"
# The mock's own (no request in this session): assumed wording.
MSG_NO_REQUEST = "No hay una solicitud en proceso. Inicie nuevamente su trámite."

REPORT_SUBJECT = "IMSS DIGITAL REPORTE DE VIGENCIA DE DERECHOS"
# Assumed: the confirmation email's subject and both bodies are not known.
CONFIRMATION_SUBJECT = "Confirmación de correo electrónico - Constancia de vigencia de derechos"
RESENDS_PER_SESSION = 3  # as the NSS application's resend (PORTALS.md); the answer is the same

# `answer` names → (where the answer is given, its text), in the server's order.
FORM_ANSWERS: dict[str, str] = {
    "required": MSG_REQUIRED,
    "captcha": MSG_CAPTCHA,
    "not_online": MSG_NOT_ONLINE,
    "email_domain": MSG_DOMAIN,
    "gmail": MSG_GMAIL,
    "email_other_curp": MSG_EMAIL_OTHER_CURP,
    "period_limit": MSG_PERIOD_LIMIT,
    "clarification": MSG_CLARIFICATION,
    "renapo": MSG_RENAPO,
    "inconsistencies": MSG_INCONSISTENCIES,
}
LINK_ANSWERS: dict[str, str] = {
    "daily_limit": MSG_DAILY_LIMIT,
    "report_error": MSG_REPORT_ERROR,
    "not_registered": MSG_NOT_REGISTERED,
}
# `vigencia.case` → the constancia of that case (autohelper/mock/documents.py): con derecho with
# the procedure's school (ITSON) as the employer of the last movement in modalidad 32; sin
# derecho (BAJA); con derecho through a job, the school's registration not through yet; con
# derecho in modalidad 32 through another school.
CASES: dict[str, ConstanciaCase] = {
    "itson": "vigente",
    "no_rights": "sin_derecho",
    "other_employer": "otro_patron",
    "other_school": "otra_escuela",
}

# What `MockConfig.drift` changes, per template (a portal redesign, applied to the real pages so
# that the drifted ones differ from them in nothing else): page 1's NSS input renamed, and the
# final page's download button.
DRIFTS: dict[str, Drift] = {
    f"{_PAGES}/consulta.html": (
        ('id="nss"', 'id="nssVigencia"'),
        ('for="nss"', 'for="nssVigencia"'),
    ),
    f"{_PAGES}/finalizado.html": (
        ('id="descargarReporte"', 'id="descargaReporte"'),
        ("getElementById('descargarReporte')", "getElementById('descargaReporte')"),
    ),
}

_EMAIL_RE = re.compile(r"^[^@\s]+@([^@\s]+)$")
_DOMAIN_RE = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$")
# RFC 2606's reserved top-level domains: no mail goes there, so the mock calls them invalid
# (and tests can reach the domain answer without a real domain).
_RESERVED_TLDS = ("test", "example", "invalid", "localhost")
_GMAIL = ("gmail.com", "googlemail.com")


@dataclass(frozen=True)
class VigenciaSettings:
    """`--mock vigencia.<name>=value`: which answer the application gives, and which constancia.

    `answer`: one of FORM_ANSWERS (page 1 gives it at its place in the server's order: a real
    check that comes first still wins) or LINK_ANSWERS (the emailed link gives it); empty: only
    the real checks. `case`: the constancia's content (CASES). `several_emails`: the CURP has
    several emails on file, so `#myModalActualizacion` comes before the send. `token_age_days`:
    the emailed link is dated that many days back (1 or more: "Token expirado"). `link_alert`:
    the link's answers come as the browser's own `alert()` over a page without them (where the
    live application shows them is not known).
    """

    answer: str = ""
    case: str = "itson"
    several_emails: bool = False
    token_age_days: int = 0
    mismatch_message: str = DEFAULT_EMAIL_MISMATCH
    link_alert: bool = False

    def __post_init__(self) -> None:
        answers = (*FORM_ANSWERS, *LINK_ANSWERS)
        if self.answer and self.answer not in answers:
            raise MockSettingError("mock.one_of", choices=", ".join(answers))
        if self.case not in CASES:
            raise MockSettingError("mock.one_of", choices=", ".join(CASES))
        if not 0 <= self.token_age_days <= 365:
            raise MockSettingError("mock.range_int", low=0, high=365)


@dataclass
class VigenciaVisitor(Visitor):
    """One visitor of the vigencia application (a session: opening `vigencia` starts anew)."""

    # A checked request waiting for "Continuar" in `#myModalActualizacion`.
    pending: dict[str, str] | None = None
    # The finished request (NSS, email, folio, date) and its constancia, for `finalizado`.
    result: dict[str, str] | None = None
    constancia: bytes = b""
    resends: int = 0


@dataclass
class VigenciaToken:
    """An emailed link: good once, on the calendar day it was issued."""

    curp: str
    nss: str
    email: str
    issued: date
    used: bool = False


def _today() -> date:
    """The mock's calendar (tests replace it to cross midnight)."""
    return date.today()


class VigenciaSite(Site[VigenciaSettings, VigenciaVisitor]):
    """The vigencia application, under its prefix on the NSS application's host."""

    name = "vigencia"
    hosts = (HOST,)
    prefixes = (PREFIX,)
    settings_type = VigenciaSettings
    session_type = VigenciaVisitor
    cookie = SESSION_COOKIE
    drifts: ClassVar[Mapping[str, Drift]] = DRIFTS
    firewall_page = "_mock/incapsula-block.html"  # the same host, behind the same firewall

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tokens: dict[str, VigenciaToken] = {}
        # The Instituto's emails, each tied to the CURP it was first given with.
        self.emails: dict[str, str] = {}

    def reset(self) -> None:
        with self.lock:
            super().reset()
            self.tokens.clear()
            self.emails.clear()

    def session_id(self, req: Request) -> str | None:
        # The cookie, else a `;JSESSIONIDASEGEXTERNO=` path parameter, as the NSS application.
        return req.cookies.get(SESSION_COOKIE) or req.path_params.get(SESSION_COOKIE)

    def routes(self) -> Mapping[tuple[str, str], Route]:
        return {
            ("POST", "/consultar"): self.consultar,
            ("GET", "/confirmacionUrl"): self.confirm,
            ("GET", "/finalizado"): self.finished,
            ("POST", "/reenvioMail"): self.resend,
            ("POST", "/viewReport"): self.view_report,
            ("POST", "/downloadReport"): self.download_report,
        }

    def handle(self, req: Request, config: MockConfig) -> Response | None:
        """The response for a path under `vigencia`, or None when the application has none."""
        if not req.path.startswith(PREFIX):
            return None
        path = req.path[len(PREFIX) :].rstrip("/")
        if req.method == "GET" and path == "":
            return self.form(req, config)
        route = self.routes().get((req.method, path))
        if route is None:
            return None
        return self.with_session(req, lambda sid: route(req, config, sid))

    # Page 1 ----------------------------------------------------------------------------------

    def form(self, req: Request, config: MockConfig) -> Response:
        """Page 1 in a new session: the server invalidates the visitor's old one."""
        old = self.session_id(req)
        sid = secrets.token_hex(16).upper()
        with self.lock:
            if old:
                self.sessions.pop(old, None)
                self.shared.captchas.pop((req.host, old), None)
            self.sessions[sid] = VigenciaVisitor()
        response = self._form_page(config, base="")
        response.headers.append(("Set-Cookie", f"{SESSION_COOKIE}={sid}; Path=/; HttpOnly"))
        return response

    def _form_page(
        self,
        config: MockConfig,
        base: str,
        message: str = "",
        values: Mapping[str, str] | None = None,
        update: bool = False,
    ) -> Response:
        """Page 1. `base` leads from the page's URL to the context: the form answers at
        `vigencia` and, after a send, at `vigencia/consultar`, and its links are relative."""
        kept = values or {}
        return self.page_response(
            f"{_PAGES}/consulta.html",
            config,
            base=base,
            message=message,
            curp=kept.get("curp", ""),
            nss=kept.get("nss", ""),
            correo=kept.get("correo", ""),
            correo_confirmacion=kept.get("correo_confirmacion", ""),
            actualizacion_display="block" if update else "none",
            ts=str(int(time.time() * 1000)),
        )

    def consultar(self, req: Request, config: MockConfig, sid: str) -> Response:
        """The send: the checks in the server's order; page 1 again with the answer (the live
        application answers on page 1 itself: a redirect to `vigencia` would start a new
        session), or the email with the link and the success message."""
        settings = self.settings(config)
        visitor = self.session(sid)
        if req.form.get("actualizacionConfirmada") == "true":
            # "Continuar" in `#myModalActualizacion`: the request checked just before.
            with self.lock:
                pending, visitor.pending = visitor.pending, None
            if pending is None:
                return self._form_page(config, "../", _danger(MSG_REQUIRED))
            return self._send(req, config, pending)
        values = {
            "curp": req.form.get("curp", "").strip().upper(),
            "nss": req.form.get("nss", "").strip(),
            "correo": req.form.get("correoElectronico.correo", "").strip(),
            "correo_confirmacion": req.form.get("correoElectronicoFiscal.correo", "").strip(),
        }
        # A CAPTCHA answers one send only, right or wrong.
        expected = self.take_captcha(req, sid)
        error = self._check(values, req.form.get("captcha", ""), expected, settings)
        if error:
            return self._form_page(config, "../", _danger(error), values)
        if settings.several_emails:
            with self.lock:
                visitor.pending = values
            return self._form_page(config, "../", values=values, update=True)
        return self._send(req, config, values)

    def _check(
        self,
        values: Mapping[str, str],
        answer: str,
        expected: str | None,
        settings: VigenciaSettings,
    ) -> str | None:
        """Page 1's answer for a send, or None when it passes: the real checks the mock can make,
        and the answer the settings force, each at its place in the server's order."""
        forced = settings.answer
        if not all(values.values()) or not answer or forced == "required":
            return MSG_REQUIRED
        if _email_key(values["correo"]) != _email_key(values["correo_confirmacion"]):
            return settings.mismatch_message  # assumed place: with the field checks
        if expected is None or answer != expected or forced == "captcha":
            return MSG_CAPTCHA
        if forced == "not_online":
            return MSG_NOT_ONLINE
        match = _EMAIL_RE.match(values["correo"])
        domain = match.group(1).lower() if match else ""
        if not _DOMAIN_RE.match(domain) or domain.rsplit(".", 1)[-1] in _RESERVED_TLDS:
            return MSG_DOMAIN
        if forced == "email_domain":
            return MSG_DOMAIN
        local = values["correo"].rsplit("@", 1)[0]
        if (domain in _GMAIL and ("-" in local or "+" in local)) or forced == "gmail":
            return MSG_GMAIL
        with self.lock:
            owner = self.emails.get(_email_key(values["correo"]))
        if (owner is not None and owner != values["curp"]) or forced == "email_other_curp":
            return MSG_EMAIL_OTHER_CURP
        if forced in ("period_limit", "clarification"):
            return FORM_ANSWERS[forced]
        if not stdnum_curp.is_valid(values["curp"]) or forced == "renapo":
            return MSG_RENAPO
        if forced == "inconsistencies":
            return MSG_INCONSISTENCIES
        return None

    def _send(self, req: Request, config: MockConfig, values: Mapping[str, str]) -> Response:
        """Email the confirmation link; page 1 with the success message."""
        settings = self.settings(config)
        token = secrets.token_urlsafe(24)
        issued = _today() - timedelta(days=settings.token_age_days)
        with self.lock:
            self.emails.setdefault(_email_key(values["correo"]), values["curp"])
            self.tokens[token] = VigenciaToken(
                values["curp"], values["nss"], values["correo"], issued
            )
        # The live link carries the CURP, email and NSS encrypted: here the token stands for them.
        link = f"{LIVE}/confirmacionUrl?" + urlencode({"token": token})
        self.shared.send_email(
            values["correo"],
            CONFIRMATION_SUBJECT,
            "Para continuar con tu solicitud de constancia de vigencia de derechos, abre la "
            f"siguiente liga (válida solo el día de hoy):\n{link}\n\nIMSS",
            links=[link],
        )
        success = f'<div class="alert alert-success">{escape(MSG_SENT)}.</div>'
        return self._form_page(config, "../", success, values)

    # The emailed link and the final page -----------------------------------------------------

    def confirm(self, req: Request, config: MockConfig, sid: str) -> Response:
        """The emailed link: the token's checks, then the link's answers, or the constancia
        emailed and a redirect to `finalizado`."""
        settings = self.settings(config)
        token = req.query.get("token", "")
        with self.lock:
            found = self.tokens.get(token)
            if not token:
                error = MSG_TOKEN_MISSING
            elif found is None:
                error = MSG_TOKEN_UNKNOWN
            elif found.used:
                error = MSG_TOKEN_USED
            elif found.issued != _today():
                error = MSG_TOKEN_EXPIRED
            else:
                error = ""
                found.used = True
        if error or found is None:
            return self._link_answer(config, escape(error))
        if settings.answer in LINK_ANSWERS:
            # Verbatim HTML: the daily limit's `<br>` is the portal's; the NSS is all digits.
            text = LINK_ANSWERS[settings.answer].replace("{nss}", escape(found.nss))
            return self._link_answer(config, text)
        pdf = constancia_pdf(CASES[settings.case], _person(found.curp, found.nss), _today())
        folio = str(int(hashlib.sha256(f"vigencia{found.nss}{token}".encode()).hexdigest(), 16))
        result = {
            "nss": found.nss,
            "correo": found.email,
            "folio": folio[:10],
            "fecha": _today().strftime("%d/%m/%Y"),
        }
        with self.lock:
            visitor = self.session(sid)
            visitor.result, visitor.constancia, visitor.resends = result, pdf, 0
        self._email_report(result, pdf)
        return Response.redirect(f"{LIVE}/finalizado")

    def _email_report(self, result: Mapping[str, str], pdf: bytes) -> None:
        self.shared.send_email(
            result["correo"],
            REPORT_SUBJECT,
            "Estimado(a) derechohabiente:\n\nSe adjunta tu comprobante de vigencia de derechos."
            "\n\nIMSS",
            attachments=[attachment(_filename(result["nss"]), pdf)],
        )

    def _link_answer(self, config: MockConfig, html: str) -> Response:
        """The emailed link's answer: on its page, or (`link_alert`) in an `alert()` the page
        shows as it loads, its line break a new line."""
        if not self.settings(config).link_alert:
            return self._message(config, html)
        words = unescape(html.replace("<br>", "\n"))
        return self.page_response(f"{_PAGES}/mensaje-alerta.html", config, words=json.dumps(words))

    def _message(self, config: MockConfig, html: str) -> Response:
        """The answer page of the link and of documents asked for without a request (assumed:
        where the live application shows them is not known)."""
        return self.page_response(f"{_PAGES}/mensaje.html", config, message=html)

    def finished(self, req: Request, config: MockConfig, sid: str) -> Response:
        """`vigencia/finalizado`: the documents table and `#finalizaTramite`."""
        result = self.session(sid).result
        if result is None:
            return self._message(config, escape(MSG_NO_REQUEST))
        return self.page_response(
            f"{_PAGES}/finalizado.html", config, folio=result["folio"], fecha=result["fecha"]
        )

    def resend(self, req: Request, config: MockConfig, sid: str) -> Response:
        """`#enviarReporte`: the constancia emailed again (a few times a session); the answer is
        the same either way."""
        visitor = self.session(sid)
        with self.lock:
            send = visitor.result is not None and visitor.resends < RESENDS_PER_SESSION
            if send:
                visitor.resends += 1
        if send and visitor.result is not None:
            self._email_report(visitor.result, visitor.constancia)
        return Response.json({"mensaje": MSG_RESENT})

    def view_report(self, req: Request, config: MockConfig, sid: str) -> Response:
        """`#imprimirReporte`: the constancia inline (the page opens it in a new tab)."""
        return self._report(config, sid, inline=True)

    def download_report(self, req: Request, config: MockConfig, sid: str) -> Response:
        """`#descargarReporte`: the constancia as an attachment."""
        return self._report(config, sid, inline=False)

    def _report(self, config: MockConfig, sid: str, inline: bool) -> Response:
        visitor = self.session(sid)
        if visitor.result is None:
            return self._message(config, escape(MSG_NO_REQUEST))
        name = _filename(visitor.result["nss"])
        return Response.file(visitor.constancia, name, "application/pdf", inline=inline)


def _danger(text: str) -> str:
    return f'<div class="alert alert-danger">{escape(text)}</div>'


def _filename(nss: str) -> str:
    return f"comprobanteVigenciaDerechos{nss}.pdf"


def _email_key(email: str) -> str:
    """An email as the Instituto compares them: case aside, and a Gmail address without the
    dots of its local part (PORTALS.md: Gmail ignores them)."""
    local, at, domain = email.strip().lower().rpartition("@")
    if not at:
        return domain
    if domain in _GMAIL:
        local = local.replace(".", "")
    return f"{local}@{domain}"


# The person ---------------------------------------------------------------------------------


def _person(curp: str, nss: str) -> MockPerson:
    """Whom the constancia is about: the CURP and NSS given on page 1, and the made-up name the
    mock's IMSS applications give that CURP (the clinic application's `synthetic_name`: for the
    fixture profiles, the profile's own name)."""
    names, first, second = synthetic_name(curp).split(" ", 2)
    return MockPerson(nss=nss, curp=curp, names=names, first_surname=first, second_surname=second)

"""The clinic (UMF) application of the mock: `serviciosdigitales.imss.gob.mx/portal-ciudadano-web-
externo/` ("Alta en clínica o UMF con CURP"), honouring every fact of PORTALS.md; its information
page is the IMSS site's (`imss.py`), its postal code component `postal.py`'s.

Step 1 (`derechohabientes/tramite/registro`) answers a student as the application's own code
does: "No es posible realizar el trámite por internet para estudiantes." (`umf.students_online
=true` lets them through, a mock mode); `umf.answer=<name>` gives any other known answer. Step 2
(`registro/inicio`) chains postal code → colonia → clinic → turno → consultorio, validates
(`validaciones`: `{correcto, mensaje}` or HTTP 412 with field errors), and its "Confirmación
requerida" dialog's Aceptar posts `finalizar`; `solicitud/finalizada` shows the registration and
the acuse PDF.

Assumed (not known of the live application, each said again where it is used): the session
cookie's name, the CAPTCHA servlet's path, the field names of step 1, the endpoints that fill the
selects, the body of the AJAX posts (the fields, form-encoded), which field errors go with which
412 message, the `finalizar` success text, the folio's shape, the acuse's address and layout, and
that the acuse is also emailed.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from html import escape
from typing import TYPE_CHECKING, Any, ClassVar

from autohelper.mock import captcha, postal
from autohelper.mock.documents import MockPerson, acuse_umf_pdf
from autohelper.mock.imss import CURP_RE, DEFAULT_EMAIL_MISMATCH, EMAIL_RE, MSG_EMAIL, SERVICIOS
from autohelper.mock.model import Request, Response, attachment
from autohelper.mock.pages import Drift
from autohelper.mock.site import MockSettingError, Route, Site, Visitor

if TYPE_CHECKING:
    from autohelper.mock.config import MockConfig

CONTEXT = "/portal-ciudadano-web-externo"
TRAMITE = "/derechohabientes/tramite"
LIVE_CONTEXT = f"https://{SERVICIOS}{CONTEXT}"
FORM_URL = f"{LIVE_CONTEXT}{TRAMITE}/registro"
STEP2_URL = f"{FORM_URL}/inicio"
FINAL_URL = f"{LIVE_CONTEXT}{TRAMITE}/solicitud/finalizada"
SESSION_COOKIE = "JSESSIONID"  # assumed: the application's cookie is not known
TEMPLATES = f"{SERVICIOS}{CONTEXT}{TRAMITE}"

FECHA = "%d/%m/%Y %H:%M"  # the final page's "Fecha y hora" (assumed format)
UMF_FIELD = "medicoEnTurno.unidadMedicaFamiliar.idUMF"
SHIFT_FIELD = "medicoEnTurno.turno.idTurno"

MSG_REQUIRED = "Este campo es obligatorio."
MSG_CAPTCHA = "La información del captcha no coincide, favor de intentar nuevamente."
MSG_NSS_NOT_FOUND = (
    "El Instituto (IMSS) no ha podido localizar tu Número de Seguridad Social (NSS), por favor "
    "consúltalo aquí."
)
MSG_RENAPO = "No se localizó información en RENAPO con la CURP capturada"
MSG_CURP_NOT_IMSS = "No se encontró información en el IMSS con la CURP capturada"
MSG_EMAIL_OTHER_CURP = "El correo que ingresó ya se encuentra asociado a otro CURP."
MSG_STUDENT = "No es posible realizar el trámite por internet para estudiantes."
MSG_STUDENT_OLD = (
    "El NSS proporcionado corresponde al de un estudiante, para realizar el trámite es necesario "
    "acudir a ventanilla."
)
MSG_BAJA = (
    "El asegurado/pensionado se encuentra en baja, su situación de vigencia no permite realizar "
    "la solicitud"
)
MSG_ALREADY_REGISTERED = "Ya se encuentra registrado el NSS en alguna clínica."
MSG_NO_EMPLOYMENT = (
    "No cuenta con una relación laboral que le otorgue servicio médico. Con lo cual no tiene "
    "acceso al registro en clínica."
)
MSG_INCONSISTENT = (
    "Se encontraron inconsistencias en tus datos, por este motivo no es posible realizar el "
    "trámite por Internet, favor de acudir a la Unidad de Medicina Familiar que te corresponde."
)
MSG_NO_CLINIC = (
    "No se localizó ninguna clínica con el código postal capturado, por favor preséntese a su "
    "clínica más cercana para realizar el trámite."
)
MSG_SELECT_CLINIC = "Para poder continuar es requerido que seleccione la clínica y/o el turno"
MSG_SELECT_SHIFT = "Selecciona el turno de tu preferencia"
MSG_REGISTERED = "Tu solicitud de registro en clínica ha sido registrada."  # assumed
MSG_NO_SESSION = "Tu sesión ha expirado, inicia nuevamente tu trámite."  # assumed

# `umf.answer=<name>`: step 1's known answers, given after the form is complete (even with a
# right CAPTCHA, for `captcha` and `obligatorio`).
ANSWERS: dict[str, str] = {
    "obligatorio": MSG_REQUIRED,
    "captcha": MSG_CAPTCHA,
    "nss_no_localizado": MSG_NSS_NOT_FOUND,
    "renapo": MSG_RENAPO,
    "curp_no_imss": MSG_CURP_NOT_IMSS,
    "correo_otro_curp": MSG_EMAIL_OTHER_CURP,
    "estudiante": MSG_STUDENT,
    "estudiante_anterior": MSG_STUDENT_OLD,
    "baja": MSG_BAJA,
    "ya_registrado": MSG_ALREADY_REGISTERED,
    "sin_relacion_laboral": MSG_NO_EMPLOYMENT,
    "inconsistencias": MSG_INCONSISTENT,
}

# The terms checkbox the application shows only sometimes (`umf.terms_checkbox=true`).
TERMS_HTML = (
    '<div class="form-group">\n      <input type="checkbox" id="chkTCActualizaCURP" '
    'name="aceptaTerminos" value="true">\n      <label for="chkTCActualizaCURP">He leído y '
    "acepto los Términos y condiciones</label>\n    </div>"
)
# With `umf.plain_markup`: the box styled by hand, as many sites do: the real checkbox hidden
# (no size) inside its label, a drawn box beside the words, and the terms a link in them (a
# click at the label's middle lands on the link, not on the box).
PLAIN_TERMS_HTML = (
    '<div class="form-group">\n      <label class="custom-check" for="chkTCActualizaCURP" '
    'style="display:inline-block">\n'
    '        <input type="checkbox" id="chkTCActualizaCURP" name="aceptaTerminos" value="true" '
    'style="position:absolute;opacity:0;width:0;height:0">\n'
    '        <span class="checkmark" style="display:inline-block;width:16px;height:16px;'
    'border:1px solid #333"></span>\n'
    '        He leído y acepto los <a href="#terminos">Términos y condiciones</a></label>\n'
    "    </div>"
)

DRIFTS: dict[str, Drift] = {
    f"{TEMPLATES}/registro.html": (
        ('id="registroCurp"', 'id="curp"'),
        ("getElementById('registroCurp')", "getElementById('curp')"),
    ),
    f"{TEMPLATES}/registro/inicio.html": ((UMF_FIELD, "medicoEnTurno.umf.id"),),
    f"{TEMPLATES}/solicitud/finalizada.html": (('id="tblDetalleSolicitud"', 'id="tblDetalle"'),),
    **postal.DRIFTS,
}

# `umf.plain_markup=true`: what PORTALS.md leaves open, done otherwise (see `postal.PLAIN`). Only
# the CAPTCHA's label is known of this application: here its image, refresh icon and answer have
# other ids, the image (named for nothing like a CAPTCHA) another path (PLAIN_CAPTCHA_PATH) and
# a wrapper with its refresh icon, the answer another name, and the label points at no input.
# Step 2's selects and consultorio are found by their names, and the "Confirmación requerida"
# text is one paragraph per line. The terms checkbox is styled by hand (PLAIN_TERMS_HTML), and
# the final table's cells break their lines.
PLAIN_CAPTCHA_PATH = "/stickyImg"
PLAIN_CAPTCHA_NAME = "textoCaptcha"
PLAIN: dict[str, Drift] = {
    f"{TEMPLATES}/registro.html": (
        (
            f'<img id="captchaImg" src="{CONTEXT}/servlet/CaptchaServlet?{{{{ts}}}}"',
            f'<span class="imagen"><img id="imagenVerificacion" '
            f'src="{CONTEXT}{PLAIN_CAPTCHA_PATH}?{{{{ts}}}}"',
        ),
        ('<img id="refreshCaptcha"', '<img id="recargarCaptcha"'),
        (
            '<br><input type="text" id="captcha" name="captcha"',
            f'</span><br><input type="text" id="respuesta" name="{PLAIN_CAPTCHA_NAME}"',
        ),
        ("getElementById('captchaImg')", "getElementById('imagenVerificacion')"),
        ("getElementById('refreshCaptcha')", "getElementById('recargarCaptcha')"),
        (
            "imagen.src = '/portal-ciudadano-web-externo/servlet/CaptchaServlet?'",
            f"imagen.src = '{CONTEXT}{PLAIN_CAPTCHA_PATH}?'",
        ),
    ),
    # The final table's cells break their lines (the date from its time, the address in two).
    f"{TEMPLATES}/solicitud/finalizada.html": (
        ("<td>{{fecha}}</td>", "<td>{{fecha}}<br><small>hora del centro</small></td>"),
        ("<td>{{direccion}}</td>", "<td>{{direccion}},<br>SONORA</td>"),
    ),
    f"{TEMPLATES}/registro/inicio.html": (
        *(
            (f' id="{name}" name="{name}"', f' name="{name}"')
            for name in (UMF_FIELD, SHIFT_FIELD, "medicoEnTurno.consultorio.idConsultorio")
        ),
        (postal.BY_ID, postal.BY_ID_OR_NAME),
        (
            "      if (i > 0) { texto.appendChild(document.createElement('br')); }\n"
            "      texto.appendChild(document.createTextNode(linea));",
            "      var parrafo = document.createElement('p');\n"
            "      parrafo.textContent = linea;\n"
            "      texto.appendChild(parrafo);",
        ),
    ),
    **postal.PLAIN,
}


# `umf.table_header`: how the final table's header row is styled, which PORTALS.md leaves open
# (its words are the fact): as written; in capitals by CSS (`text-transform`, which the page's
# `innerText` follows); or each cell starting with a non-breaking space. A name → the `<thead>`'s
# attributes and what goes before each header's words.
TABLE_HEADERS: dict[str, tuple[str, str]] = {
    "as_written": ("", ""),
    "uppercase": (' style="text-transform:uppercase"', ""),
    "nbsp": ("", "&nbsp;"),
}


@dataclass(frozen=True)
class UmfSettings:
    """`--mock umf.<name>=value`: the clinic application's answers and modes."""

    answer: str = ""  # one of ANSWERS: that answer at step 1 instead of the normal one
    students_online: bool = False  # a mock mode: students go on to step 2
    terms_checkbox: bool = False  # step 1 shows (and needs) `#chkTCActualizaCURP`
    ajax_delay: float = 0.2  # seconds before each AJAX answer of step 2
    mismatch_message: str = DEFAULT_EMAIL_MISMATCH  # assumed: not known for this app
    plain_markup: bool = False  # PLAIN: another markup where PORTALS.md leaves it open
    table_header: str = "as_written"  # one of TABLE_HEADERS: the final table's header row
    # "validaciones" or "finalizar": that answer is PORTALS.md's no-clinic Error dialog (listed
    # among both's errors), whatever was chosen.
    no_clinic_at: str = ""

    def __post_init__(self) -> None:
        if self.answer and self.answer not in ANSWERS:
            raise MockSettingError("mock.one_of", choices=", ".join(ANSWERS))
        if self.no_clinic_at not in ("", "validaciones", "finalizar"):
            raise MockSettingError("mock.one_of", choices="validaciones, finalizar")
        if self.table_header not in TABLE_HEADERS:
            raise MockSettingError("mock.one_of", choices=", ".join(TABLE_HEADERS))
        if not 0 <= self.ajax_delay <= 600:
            raise MockSettingError("mock.range_seconds", low=0, high=600)


@dataclass
class UmfVisitor(Visitor):
    """One visitor of the clinic application."""

    flash: dict[str, str] | None = None  # step 1's message and values, shown once
    person: dict[str, str] | None = None  # who passed step 1: curp, nss, correo, nombre
    registration: dict[str, str] | None = None  # what `finalizar` registered


@dataclass(frozen=True)
class Choice:
    """What step 2's fields chose, once checked."""

    code: str
    colonia: postal.Colonia
    clinic: postal.Clinic
    shift: postal.Shift


class UmfSite(Site[UmfSettings, UmfVisitor]):
    """The clinic application, on the NSS application's host under its own context."""

    name = "umf"
    hosts = (SERVICIOS,)
    prefixes = (CONTEXT + "/",)
    settings_type = UmfSettings
    session_type = UmfVisitor
    cookie = SESSION_COOKIE
    drifts: ClassVar[Mapping[str, Drift]] = DRIFTS
    plain: ClassVar[Mapping[str, Drift]] = PLAIN
    firewall_page = "_mock/incapsula-block.html"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.finalizations = 0  # registrations sent: what a test counts
        self.registered: set[str] = set()  # NSS already registered at a clinic

    def reset(self) -> None:
        with self.lock:
            super().reset()
            self.finalizations = 0
            self.registered.clear()

    def handle(self, req: Request, config: MockConfig) -> Response | None:
        route = self.routes().get((req.method, req.path[len(CONTEXT) :].rstrip("/")))
        if route is None:
            return None
        return self.with_session(req, lambda sid: route(req, config, sid))

    def routes(self) -> Mapping[tuple[str, str], Route]:
        return {
            ("GET", f"{TRAMITE}/registro"): self.form,
            ("POST", f"{TRAMITE}/validar"): self.validar,
            ("GET", "/servlet/CaptchaServlet"): self.captcha_image,
            ("GET", PLAIN_CAPTCHA_PATH): self.captcha_image,
            ("GET", f"{TRAMITE}/registro/inicio"): self.step2,
            ("POST", postal.LOOKUP_PATH): self.postal_lookup,
            ("GET", f"{TRAMITE}/registro/umfs"): self.clinics,
            ("GET", f"{TRAMITE}/registro/turnos"): self.shifts,
            ("GET", f"{TRAMITE}/registro/consultorio"): self.consultorio,
            ("POST", f"{TRAMITE}/registro/validaciones"): self.validaciones,
            ("POST", f"{TRAMITE}/registro/finalizar"): self.finalizar,
            ("GET", f"{TRAMITE}/solicitud/finalizada"): self.finalizada,
            ("GET", f"{TRAMITE}/solicitud/acuse"): self.acuse,
        }

    def _page(self, name: str, config: MockConfig, **values: str) -> Response:
        return self.page_response(f"{TEMPLATES}/{name}.html", config, **values)

    # -- step 1 ---------------------------------------------------------------------------------
    def form(self, req: Request, config: MockConfig, sid: str) -> Response:
        """Step 1: the form, with the pending message above it and the values kept."""
        with self.lock:
            visitor = self.sessions[sid]
            flash, visitor.flash = visitor.flash, None
        flash = flash or {}
        message = ""
        if flash.get("error"):
            message = f'<div class="alert alert-danger">{escape(flash["error"])}</div>'
        return self._page(
            "registro",
            config,
            message=message,
            curp=flash.get("curp", ""),
            nss=flash.get("nss", ""),
            correo=flash.get("correo", ""),
            correo_confirmacion=flash.get("correo_confirmacion", ""),
            terminos=self._terms(config),
            ts=str(int(time.time() * 1000)),
        )

    def _terms(self, config: MockConfig) -> str:
        """Step 1's terms checkbox when this mock shows it (styled by hand in its plain markup)."""
        if not self.settings(config).terms_checkbox:
            return ""
        return PLAIN_TERMS_HTML if self.plain_markup(config) else TERMS_HTML

    def captcha_image(self, req: Request, config: MockConfig, sid: str) -> Response:
        """The application's own CAPTCHA servlet (assumed path): a new text on every load."""
        text = captcha.new_text()
        self.show_captcha(req, sid, text)
        return Response(
            body=captcha.svg(text),
            content_type="image/svg+xml",
            headers=[("Cache-Control", "no-store, no-cache, must-revalidate")],
        )

    def _check(self, req: Request, settings: UmfSettings, expected: str | None) -> str:
        """Step 1's answer for a posted form ("" when the person goes on to step 2)."""
        form = {key: value.strip() for key, value in req.form.items()}
        if PLAIN_CAPTCHA_NAME in form:  # the plain markup's name for the answer
            form["captcha"] = form.pop(PLAIN_CAPTCHA_NAME)
        curp, nss = form.get("curp", "").upper(), form.get("nss", "")
        correo = form.get("correoElectronico.correo", "")
        needed = [curp, nss, correo, form.get("correoElectronicoFiscal.correo", "")]
        needed.append(form.get("captcha", ""))
        if settings.terms_checkbox:
            needed.append(form.get("aceptaTerminos", ""))
        if not all(needed):
            return MSG_REQUIRED
        if expected is None or form["captcha"] != expected:
            return MSG_CAPTCHA
        # Assumed: which known answer a malformed CURP, email or NSS gets.
        if not CURP_RE.match(curp):
            return MSG_RENAPO
        if not EMAIL_RE.match(correo):
            return MSG_EMAIL
        if correo.lower() != form["correoElectronicoFiscal.correo"].lower():
            return settings.mismatch_message
        if not (len(nss) == 11 and nss.isdigit() and captcha.luhn_digit(nss[:10]) == nss[10]):
            return MSG_NSS_NOT_FOUND
        if settings.answer:
            return ANSWERS[settings.answer]
        with self.lock:
            if nss in self.registered:
                return MSG_ALREADY_REGISTERED
        # The mock's people are the students of Seguro Facultativo: refused online, as the
        # application's code refuses students, unless the mock is told otherwise.
        return "" if settings.students_online else MSG_STUDENT

    def validar(self, req: Request, config: MockConfig, sid: str) -> Response:
        """Step 1 posted: back to the form with the answer, or on to step 2."""
        settings = self.settings(config)
        visitor = self.session(sid)
        expected = self.take_captcha(req, sid)  # one CAPTCHA, one send
        error = self._check(req, settings, expected)
        if error:
            visitor.flash = {
                "error": error,
                "curp": req.form.get("curp", ""),
                "nss": req.form.get("nss", ""),
                "correo": req.form.get("correoElectronico.correo", ""),
                "correo_confirmacion": req.form.get("correoElectronicoFiscal.correo", ""),
            }
            return Response.redirect(FORM_URL)
        curp = req.form["curp"].strip().upper()
        visitor.person = {
            "curp": curp,
            "nss": req.form["nss"].strip(),
            "correo": req.form["correoElectronico.correo"].strip(),
            "nombre": synthetic_name(curp),
        }
        visitor.registration = None
        return Response.redirect(STEP2_URL)

    # -- step 2 ---------------------------------------------------------------------------------
    def step2(self, req: Request, config: MockConfig, sid: str) -> Response:
        """Step 2: "Bienvenido:", the postal code component, the clinic and the turno."""
        person = self.sessions[sid].person
        if person is None:
            return Response.redirect(FORM_URL)
        return self._page(
            "registro/inicio",
            config,
            nombre=person["nombre"],
            curp=person["curp"],
            **postal.component_slots(self, config, CONTEXT),
        )

    def postal_lookup(self, req: Request, config: MockConfig, sid: str) -> Response:
        return postal.lookup_answer(req, self.settings(config).ajax_delay)

    def clinics(self, req: Request, config: MockConfig, sid: str) -> Response:
        """The clinics of a postal code (and colonia): `{correcto, mensaje, umfs}` (assumed)."""
        postal.wait(self.settings(config).ajax_delay)
        found = postal.lookup(req.query.get("codigoPostal", ""))
        colonia = req.query.get("asentamiento")
        clinics = found.clinics(colonia) if found is not None else []
        if not clinics:
            return Response.json({"correcto": False, "mensaje": MSG_NO_CLINIC, "umfs": []})
        return Response.json(
            {
                "correcto": True,
                "mensaje": "",
                "umfs": [
                    {
                        "idUMF": c.id,
                        "descripcion": c.name,
                        "direccion": c.address,
                        "horario": c.hours,
                    }
                    for c in clinics
                ],
            }
        )

    def shifts(self, req: Request, config: MockConfig, sid: str) -> Response:
        """A clinic's turnos: `[{idTurno, descripcion}]` (assumed)."""
        postal.wait(self.settings(config).ajax_delay)
        clinic = postal.CLINICS.get(req.query.get("idUMF", ""))
        shifts = clinic.shifts if clinic is not None else ()
        return Response.json([{"idTurno": s.id, "descripcion": s.name} for s in shifts])

    def consultorio(self, req: Request, config: MockConfig, sid: str) -> Response:
        """The consultorio of a clinic's turno: `{idConsultorio}` (assumed)."""
        postal.wait(self.settings(config).ajax_delay)
        clinic = postal.CLINICS.get(req.query.get("idUMF", ""))
        shift = clinic.shift(req.query.get("idTurno", "")) if clinic is not None else None
        return Response.json({"idConsultorio": shift.consultorio if shift is not None else ""})

    def _choice(self, req: Request) -> Choice | Response:
        """Step 2's fields checked: the choice, or the answer that refuses them."""
        form = {key: value.strip() for key, value in req.form.items()}
        code = form.get("domicilio.codigoPostal.codigoPostal", "")
        found = postal.lookup(code)
        if found is None or not found.clinics():
            return Response.json({"correcto": False, "mensaje": MSG_NO_CLINIC})
        errors = []
        colonia = found.colonia(form.get("domicilio.asentamiento.clave", ""))
        # Assumed: the address fields' errors are the application's "Este campo es obligatorio."
        if colonia is None:
            errors.append({"campo": "domicilio.asentamiento.clave", "mensaje": MSG_REQUIRED})
        for name in ("domicilio.calle", "domicilio.numExteriorAlf"):
            if not form.get(name):
                errors.append({"campo": name, "mensaje": MSG_REQUIRED})
        offered = {c.id: c for c in found.clinics(colonia.key if colonia else None)}
        clinic = offered.get(form.get(UMF_FIELD, ""))
        shift = clinic.shift(form.get(SHIFT_FIELD, "")) if clinic is not None else None
        # Assumed: no clinic chosen gets the first known message, a clinic without turno the
        # second.
        if clinic is None:
            errors.append({"campo": UMF_FIELD, "mensaje": MSG_SELECT_CLINIC})
        elif shift is None:
            errors.append({"campo": SHIFT_FIELD, "mensaje": MSG_SELECT_SHIFT})
        if errors or colonia is None or clinic is None or shift is None:
            return Response.json({"errores": errors}, status=412)
        return Choice(found.code, colonia, clinic, shift)

    def validaciones(self, req: Request, config: MockConfig, sid: str) -> Response:
        """`#validarInfo`: `{correcto, mensaje}`, or 412 with the field errors."""
        postal.wait(self.settings(config).ajax_delay)
        if self.sessions[sid].person is None:
            return Response.json({"correcto": False, "mensaje": MSG_NO_SESSION})
        choice = self._choice(req)
        if isinstance(choice, Response):
            return choice
        if self.settings(config).no_clinic_at == "validaciones":
            return Response.json({"correcto": False, "mensaje": MSG_NO_CLINIC})
        return Response.json({"correcto": True, "mensaje": ""})

    def finalizar(self, req: Request, config: MockConfig, sid: str) -> Response:
        """The dialog's Aceptar: register the clinic (once per NSS), email the acuse."""
        postal.wait(self.settings(config).ajax_delay)
        visitor = self.sessions[sid]
        person = visitor.person
        if person is None:
            return Response.json({"correcto": False, "mensaje": MSG_NO_SESSION})
        choice = self._choice(req)
        if isinstance(choice, Response):
            return choice
        if self.settings(config).no_clinic_at == "finalizar":
            return Response.json({"correcto": False, "mensaje": MSG_NO_CLINIC})
        with self.lock:
            if person["nss"] in self.registered:
                return Response.json({"correcto": False, "mensaje": MSG_ALREADY_REGISTERED})
            self.registered.add(person["nss"])
            self.finalizations += 1
            count = self.finalizations
        folio = str(int(hashlib.sha256(f"umf{person['nss']}{count}".encode()).hexdigest(), 16))
        registration = {
            **person,
            "folio": folio[:10],
            "fecha": datetime.now().strftime(FECHA),
            "clinica": choice.clinic.name,
            "direccion": choice.clinic.address,
            "turno": choice.shift.name,
            "consultorio": choice.shift.consultorio,
        }
        visitor.registration = registration
        # Assumed: the application emails the acuse too.
        self.shared.send_email(
            person["correo"],
            "Registro en clínica o Unidad de Medicina Familiar",
            f"Tu registro en clínica quedó con el folio {registration['folio']}.\n"
            f"Clínica: {choice.clinic.name}\nTurno: {choice.shift.name}\n"
            f"Consultorio: {choice.shift.consultorio}\nSe adjunta el acuse.\n\nIMSS",
            attachments=[attachment("acuseTramite.pdf", _acuse_pdf(registration))],
        )
        return Response.json({"correcto": True, "mensaje": MSG_REGISTERED})

    def finalizada(self, req: Request, config: MockConfig, sid: str) -> Response:
        """The final page: the registration in `#tblDetalleSolicitud`, the acuse link."""
        registration = self.sessions[sid].registration
        if registration is None:
            return Response.redirect(FORM_URL)
        style, before = TABLE_HEADERS[self.settings(config).table_header]
        return self._page(
            "solicitud/finalizada",
            config,
            **{k: registration[k] for k in ("folio", "fecha", "clinica", "direccion", "turno")},
            consultorio=registration["consultorio"],
            encabezado=style,
            antes=before,
        )

    def acuse(self, req: Request, config: MockConfig, sid: str) -> Response:
        """ "Imprimir comprobante": the acuse PDF (an attachment, `acuseTramite.pdf`)."""
        registration = self.sessions[sid].registration
        if registration is None:
            return Response.redirect(FORM_URL)
        return Response.file(_acuse_pdf(registration), "acuseTramite.pdf", "application/pdf")


def _acuse_pdf(registration: dict[str, str]) -> bytes:
    """The acuse of the clinic registration (`acuseTramite.pdf`; its real layout is not known)."""
    names, first, second = registration["nombre"].split(" ", 2)
    person = MockPerson(
        nss=registration["nss"],
        curp=registration["curp"],
        names=names,
        first_surname=first,
        second_surname=second,
    )
    return acuse_umf_pdf(
        person,
        folio=registration["folio"],
        clinic=registration["clinica"],
        address=registration["direccion"],
        turno=registration["turno"],
        consultorio=registration["consultorio"],
        when=datetime.strptime(registration["fecha"], FECHA),
    )


# Synthetic names from a CURP's letters (first surname's initial, second surname's initial, the
# name's initial, the sex): HEGG560427M... is GLORIA HERNANDEZ GARCIA, the fixture profile.
_SURNAME_WORDS = (
    "ALVAREZ BELTRAN CASTRO DIAZ ESPINOZA FLORES GARCIA HERNANDEZ IBARRA JIMENEZ KURI LOPEZ "
    "MARTINEZ NAVARRO ORTIZ PEREZ QUINTERO RAMIREZ SANCHEZ TORRES URIBE VALENZUELA WONG "
    "XOCHIPA YANEZ ZAVALA"
)
_NAME_WORDS = {
    "M": "ANA BEATRIZ CARMEN DIANA ELENA FERNANDA GLORIA HILDA IRENE JULIA KARLA LAURA MARIA "
    "NORMA OLGA PAULA QUETZALLI ROSA SOFIA TERESA URSULA VERONICA WENDY XIMENA YOLANDA ZOILA",
    "H": "ALBERTO BRUNO CARLOS DANIEL EDUARDO FELIPE GERARDO HUGO IVAN JORGE KEVIN LUIS MANUEL "
    "NICOLAS OSCAR PEDRO QUIRINO RAUL SERGIO TOMAS ULISES VICTOR WILFRIDO XAVIER YAHIR ZENON",
}
_SURNAMES = {word[0]: word for word in _SURNAME_WORDS.split()}
_NAMES = {sex: {word[0]: word for word in words.split()} for sex, words in _NAME_WORDS.items()}


def synthetic_name(curp: str) -> str:
    """A made-up full name whose initials match the CURP's, as the portal shows the person's."""
    names = _NAMES.get(curp[10:11], _NAMES["M"])
    return " ".join(
        (
            names.get(curp[3:4], "ANA"),
            _SURNAMES.get(curp[0:1], "GARCIA"),
            _SURNAMES.get(curp[2:3], "LOPEZ"),
        )
    )

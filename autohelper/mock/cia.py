"""The CIA site of the mock: ITSON's Centro de Información Académica, a classic Oracle PeopleSoft
portal (PORTALS.md, "The university portal"), from the `www.itson.mx/cia` entry through the
ASP.NET front on apps9 to the PeopleSoft sign-in on plain HTTP (smartweb1 or smartweb2), the
homepage, the Autoservicio frameset and the Seguro Facultativo request.

What PORTALS.md states is honoured as written. The Seguro Facultativo pages are NOT known: the
form here is PORTALS.md's *assumed form* (its labels and messages are the contract; its component
name, ids and layout are ours). Where ITSON's behaviour is unknown (its wording of a refused
sign-in, where the page shows it, its lockout limit, the expiry wording) it is a setting.
Templates are under `fixtures/portal/apps9.itson.edu.mx/` and `fixtures/portal/<PS_PAGES>/`.
"""

from __future__ import annotations

import json
import re
import secrets
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from html import escape
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urlencode

from autohelper.mock.model import Request, Response
from autohelper.mock.pages import Drift
from autohelper.mock.site import MockSettingError, Site, Visitor

if TYPE_CHECKING:
    from autohelper.mock.config import MockConfig

ENTRY_HOST = "www.itson.mx"
APPS9 = "apps9.itson.edu.mx"
SERVERS = ("smartweb1", "smartweb2")
PORTS = (8400, 8600)  # 8400 is the documented one; 8600 is seen too
PS_HOSTS = tuple(f"{server}.itson.edu.mx:{port}" for server in SERVERS for port in PORTS)
# Every PeopleSoft server shows the same pages: their templates live under one host's folder.
PS_PAGES = "smartweb1.itson.edu.mx:8400"

# Site ITSONPRD, portal EMPLOYEE, node HRMS; `psp` is the portal servlet (the frameset around a
# page), `psc` the content servlet (the page itself, as the frames load it).
PSP = "/psp/ITSONPRD/EMPLOYEE/HRMS"
PSC = "/psc/ITSONPRD/EMPLOYEE/HRMS"
SIGN_IN = f"{PSP}/?cmd=login&languageCd=ESP"
REFUSED = f"{PSP}/?cmd=login&errorCode=105&languageCd=ESP"
EXPIRE = f"{PSP}/?cmd=expire"
HOMEPAGE = f"{PSP}/h/?tab=DEFAULT"
# PeopleSoft's own scripts: a folder's navigation page, the NAV tree, the header, the search.
FOLDER_SCRIPT = "/s/WEBLIB_PTPP_SC.HOMEPAGE.FieldFormula.IScript_AppHP"
NAV_SCRIPT = "/s/WEBLIB_PT_NAV.ISCRIPT1.FieldFormula.IScript_PT_NAV_INFRAME"
HEADER_SCRIPT = "/s/WEBLIB_PT_NAV.ISCRIPT1.FieldFormula.IScript_UniHeader_Frame"
SEARCH_SCRIPT = "/s/WEBLIB_PORTAL.PORTAL_SEARCH_PB.FieldFormula.IScript_PortalSearch"

ROOT_FOLDER = "PORTAL_ROOT_OBJECT.CO_EMPLOYEE_SELF_SERVICE"  # Autoservicio
# ASSUMED: the folder's portal name (ITSON names its own objects ITSR_*).
SEGURO_FOLDER = f"{ROOT_FOLDER}.ITSR_SEGURO_FACULTATIVO"
# ASSUMED component of the assumed form; only "Solicitud Seguro" and the page title are known.
FORM_COMPONENT = "ITSR_MENU.ITSR_SEGURO_FAC.GBL"
FORM_URL = f"{PSC}/c/{FORM_COMPONENT}?Page=ITSR_SEGURO_FAC&Action=A"
FORM_TITLE = "Solicitud de Seguro Facultativo"
LEAF = "Solicitud Seguro"
DRIFTED_LEAF = "Afiliación al IMSS"  # the renamed menu leaf of `drift=true`
# ASSUMED: another leaf of the folder whose name holds the leaf's (`cia.status_leaf`); PORTALS.md
# says only that entries with "seguro" and "facultativo" exist.
STATUS_COMPONENT = "ITSR_MENU.ITSR_SEGURO_EST.GBL"
STATUS_LEAF = "Estatus de Solicitud Seguro"

DEFAULT_PASSWORD = "cia-secreto"
# ASSUMED wordings: ITSON's own are not known (PORTALS.md gives PeopleSoft's English for 105).
DEFAULT_BAD_LOGIN = "Tu ID de usuario y/o contraseña no son válidos."
DEFAULT_LOCKED = (
    "Tu cuenta está bloqueada por exceder el número de intentos permitidos. "
    "Comunícate con la Mesa de Ayuda."
)
DEFAULT_EXPIRED = "Tu sesión ha expirado. Inicia sesión de nuevo."
MESSAGE_PLACES = ("form", "bottom", "dialog")
# ASSUMED: a notice the homepage may show in a browser alert (`cia.home_alert`): advice for when
# an account is locked, which says nothing of this one.
HOME_ALERT = "AVISO: Si tu cuenta está bloqueada por adeudos, acude a Tesorería."
# The whitespace before a folio (`cia.folio_space`): a space, PeopleSoft's &nbsp;, a line break.
FOLIO_SPACES = {"space": "folio ", "nbsp": "folio&nbsp;", "br": "folio<br>"}
# Where a field error shows (`cia.field_errors_at`): the SSSMSG alert on the form, or a message
# page closed by "Aceptar" (#ICOK), PeopleSoft's way for errors and warnings (PORTALS.md).
ERROR_PLACES = ("alert", "message")
MSG_BAD_ID = "Ingresa tu ID ITSON de 11 dígitos."  # ASSUMED (apps9's own check)

# The assumed form's messages (PORTALS.md): the success and refusal texts are the contract.
MSG_SAVED = "Tu solicitud de Seguro Facultativo fue registrada con el folio {folio}."
MSG_EXISTS = "Ya tienes una solicitud de Seguro Facultativo registrada (folio {folio})."
# ASSUMED: how an alert names a field (the contract says only that it names it).
MSG_REQUIRED = 'El campo "{label}" es obligatorio.'
MSG_NOT_DECLARED = 'Para guardar tu solicitud marca la casilla "{label}".'
MSG_REFUSED_FIELD = 'El campo "{label}" no es válido.'  # ASSUMED (`cia.refuse_field`)
# ASSUMED (`cia.form_notice`): a notice the form always shows, in an alert's own markup, naming
# fields the save's refusals name too (a mirror showed one).
FORM_NOTICE = (
    "Importante: verifica que tu CURP y tu Teléfono celular coincidan con los de tu expediente "
    "antes de guardar."
)
# ASSUMED (`cia.save_warning`): a warning beside the folio, in an alert's markup (a mirror
# showed one): the person is to read it, the request is saved all the same.
SAVE_WARNING = (
    "Advertencia: entrega tu comprobante de NSS en Servicios Estudiantiles en un plazo de "
    "5 días hábiles."
)
MSG_NOTIFY = "La notificación no está disponible para esta página."
FOLIO_BASE = 4_810_000

ID_RE = re.compile(r"^\d{11}$")
CURP_RE = re.compile(r"^[A-Z]{4}\d{6}[HMX][A-Z]{2}[B-DF-HJ-NP-TV-Z]{3}[A-Z\d]\d$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
DECLARATION = "ITSR_SEGURO_ITSR_DECLARA"
DECLARATION_LABEL = (
    "Declaro que no cuento con otro servicio médico (IMSS, ISSSTE, PEMEX, SEDENA u otro)"
)


@dataclass(frozen=True)
class Field:
    """A field of the assumed form: its (assumed) id, its (contract) label, its rule."""

    id: str
    label: str
    pattern: re.Pattern[str]
    problem: str  # the alert when the value does not match (ASSUMED wording)


FIELDS = (
    Field(
        "ITSR_SEGURO_NSS",
        "Número de Seguridad Social",
        re.compile(r"^\d{11}$"),
        'El campo "Número de Seguridad Social" debe tener 11 dígitos.',
    ),
    Field(
        "ITSR_SEGURO_NATIONAL_ID",
        "CURP",
        CURP_RE,
        'El campo "CURP" no tiene el formato de una CURP (18 caracteres).',
    ),
    Field(
        "ITSR_SEGURO_EMAIL_ADDR",
        "Correo electrónico",
        EMAIL_RE,
        'El campo "Correo electrónico" no tiene el formato de un correo electrónico.',
    ),
    Field(
        "ITSR_SEGURO_PHONE",
        "Teléfono celular",
        re.compile(r"^\d{10}$"),
        'El campo "Teléfono celular" debe tener 10 dígitos.',
    ),
)

# The fields by the short names `cia.refuse_field` takes, in FIELDS' order.
REFUSABLE = ("nss", "curp", "email", "phone")

# The synthetic student every mock account belongs to (no real person).
STUDENT_NAME = "Alumna de Prueba Sonora"


@dataclass(frozen=True)
class Folder:
    """A folder of the Autoservicio tree: its portal name and path, its NAV and its navigation
    page (templates)."""

    name: str
    fname: str
    path: str
    nav: str
    page: str

    @property
    def portal_url(self) -> str:
        """The folder in the frameset (psp), as its links open it (`_top`)."""
        return f"{PSP}{FOLDER_SCRIPT}?pt_fname={self.fname}&FolderPath={self.path}&IsFolder=true"

    @property
    def nav_url(self) -> str:
        """The NAV frame with this folder open."""
        return (
            f"{PSC}{NAV_SCRIPT}?pt_fname=CO_EMPLOYEE_SELF_SERVICE&FolderPath={self.path}"
            "&IsFolder=true&PortalCacheContent=true"
        )

    @property
    def page_url(self) -> str:
        """Its navigation page ("Página de Navegación Base"), as TargetContent loads it."""
        return f"{PSC}{FOLDER_SCRIPT}?pt_fname={self.fname}&FolderPath={self.path}&IsFolder=true"


ROOT = Folder("Autoservicio", "CO_EMPLOYEE_SELF_SERVICE", ROOT_FOLDER, "nav.html", "folder.html")
SEGURO = Folder(
    "Seguro Facultativo",
    "ITSR_SEGURO_FACULTATIVO",
    SEGURO_FOLDER,
    "nav_seguro.html",
    "folder_seguro.html",
)
FOLDERS = {folder.path: folder for folder in (ROOT, SEGURO)}

# Other components the menus open: component → (title, page, the one line it shows). Only
# "Boleta de Calificación"'s component name is known; the rest (and every text) is ASSUMED.
COMPONENTS = {
    "ITSR_MENU.ITSR_BOL_CAL_GBL.GBL": (
        "Boleta de Calificación",
        "ITSR_BOL_CAL",
        "No hay calificaciones para mostrar en el periodo actual.",
    ),
    "SA_LEARNER_SERVICES.SSS_STUDENT_CENTER.GBL": (
        "Centro de Alumnado",
        "SSS_STUDENT_CENTER",
        "No tienes avisos pendientes.",
    ),
    "MAINTAIN_SECURITY.USER_SELF_SERVICE.GBL": (
        "Mi Perfil de Sistema",
        "USER_SELF_SERVICE",
        "Para cambiar tu contraseña usa la opción ¿Has olvidado tu Usuario / Contraseña?",
    ),
    STATUS_COMPONENT: (
        STATUS_LEAF,
        "ITSR_SEGURO_EST",
        "No tienes solicitudes de Seguro Facultativo en revisión.",
    ),
    "MANAGE_FAVORITES.EDIT_FAVORITES.GBL": (
        "Favoritos",
        "EDIT_FAVORITES",
        "No has añadido ningún favorito.",
    ),
}
# The leaves of Autoservicio besides the Seguro Facultativo folder (PORTALS.md names them).
AUTOSERVICIO_LEAVES = (
    "ITSR_MENU.ITSR_BOL_CAL_GBL.GBL",
    "SA_LEARNER_SERVICES.SSS_STUDENT_CENTER.GBL",
)


def component_url(component: str) -> str:
    """A component in the content servlet, as the NAV's leaves open it in TargetContent."""
    return f"{PSC}/c/{component}?Page={COMPONENTS[component][1]}&Action=U"


def _menu(leaf: str) -> tuple[tuple[str, str, str], ...]:
    """What the NAV search finds: (name, URL, target) of each entry of Autoservicio."""
    return (
        (ROOT.name, ROOT.portal_url, "_top"),
        (SEGURO.name, SEGURO.portal_url, "_top"),
        (leaf, FORM_URL, "_self"),
        *((COMPONENTS[c][0], component_url(c), "_self") for c in AUTOSERVICIO_LEAVES),
    )


# The portal's own links, as every page of it may write them (`{{url_<name>}}` in templates).
LINKS = {
    "url_home": HOMEPAGE,
    "url_logout": f"{PSP}/?cmd=logout",
    "url_favorites": f"{PSP}/c/MANAGE_FAVORITES.EDIT_FAVORITES.GBL",
    "url_profile": f"{PSP}/c/MAINTAIN_SECURITY.USER_SELF_SERVICE.GBL",
    "url_header": f"{PSC}{HEADER_SCRIPT}",
    "url_search": f"{PSC}{SEARCH_SCRIPT}",
    "url_root": ROOT.portal_url,
    "url_seguro": SEGURO.portal_url,
    "url_form": FORM_URL,
    "url_form_post": f"{PSC}/c/{FORM_COMPONENT}",
    "url_boleta": component_url("ITSR_MENU.ITSR_BOL_CAL_GBL.GBL"),
    "url_alumnado": component_url("SA_LEARNER_SERVICES.SSS_STUDENT_CENTER.GBL"),
}


# A renamed menu leaf: the "portal changed" case. Applied to the real pages, so the drifted
# pages differ from them in nothing else.
DRIFTS: dict[str, Drift] = {
    f"{PS_PAGES}/nav_seguro.html": ((f">{LEAF}</a>", f">{DRIFTED_LEAF}</a>"),),
    f"{PS_PAGES}/folder_seguro.html": ((f">{LEAF}</a>", f">{DRIFTED_LEAF}</a>"),),
}


# `cia.plain_markup=true`: what PORTALS.md leaves open, done as an independent mirror did it
# (every stated fact kept): the sign-in page warns that an account is locked after several
# failures, the homepage has a notice of its own using the word, the NAV folders carry an
# icon whose words come before their names, and the form's CURP label is decorated as
# PeopleSoft marks a required field.
_NAV_ICON = '<img src="/cs/ITSONPRD/cache/PT_NAV_FOLDER_CLOSED.gif" alt="Carpeta cerrada">&nbsp;'
PLAIN: dict[str, Drift] = {
    f"{PS_PAGES}/signin.html": (
        (
            "        {{!message_bottom}}",
            '        {{!message_bottom}}\n        <p class="login-note">Por tu seguridad, después '
            "de varios intentos fallidos tu cuenta quedará bloqueada temporalmente.</p>",
        ),
    ),
    f"{PS_PAGES}/home.html": (
        (
            "    {{!shortcut}}\n",
            "    {{!shortcut}}\n    <p>Alumno: si tienes adeudos, tu reinscripción quedará "
            "bloqueada hasta que los cubras.</p>\n",
        ),
    ),
    f"{PS_PAGES}/nav.html": (
        (
            'target="_top">Seguro Facultativo</a>',
            f'target="_top">{_NAV_ICON}Seguro Facultativo</a>',
        ),
    ),
    f"{PS_PAGES}/nav_seguro.html": (
        (
            'target="_top">Seguro Facultativo</a>',
            f'target="_top">{_NAV_ICON}Seguro Facultativo</a>',
        ),
    ),
    f"{PS_PAGES}/seguro.html": (
        ('class="PSEDITBOXLABEL">CURP</label>', 'class="PSEDITBOXLABEL">*CURP:</label>'),
    ),
}


@dataclass(frozen=True)
class CiaSettings:
    """`--mock cia.<name>=value`: what the CIA does where the live portal varies or is unknown."""

    password: str = DEFAULT_PASSWORD  # every mock account accepts it (docs/qa.md)
    warning: bool = True  # the ID leads to the "Continuar" warning page (the live one varies)
    server: str = "smartweb1"  # where apps9 sends the visitor: smartweb1 or smartweb2
    port: int = 8400  # 8400, or 8600 (also seen)
    # ASSUMED: ITSON's lockout limit is not known; PeopleSoft sites commonly allow a few tries.
    lockout_after: int = 3
    bad_login_message: str = DEFAULT_BAD_LOGIN
    locked_message: str = DEFAULT_LOCKED
    expired_message: str = DEFAULT_EXPIRED
    # ASSUMED: where the sign-in page shows those: in the form above the ID field, under the
    # button, or as a browser alert() dialog.
    login_message_at: str = "form"
    expire_at_save: bool = False  # the mock's first save finds the session expired
    autoservicio_links: int = 2  # "Autoservicio" links on the homepage (a scraper saw more)
    existing_folio: int = 0  # not 0: every account already has a solicitud with this folio
    plain_markup: bool = False  # PLAIN: another markup where PORTALS.md leaves it open
    # What PORTALS.md leaves open, one variant each (`_vary`):
    home_alert: bool = False  # the homepage shows HOME_ALERT in a browser alert on load
    autoservicio_tab: bool = False  # homepage tabs "Inicio | Autoservicio" before the menu
    status_leaf: bool = False  # STATUS_LEAF listed before "Solicitud Seguro" in the NAV
    sentence_case: bool = False  # the NAV says "Seguro facultativo", "Solicitud seguro"
    checkbox_drawn: bool = False  # the declaration's input 0×0, drawn by its label.PSCHECKBOX
    ajax_save: bool = False  # «Guardar» posts the form by AJAX (PeopleSoft 8.5x): _AJAX_SAVE
    folio_space: str = "space"  # before the folio: FOLIO_SPACES
    field_errors_at: str = "alert"  # ERROR_PLACES
    # ASSUMED: the CIA's own checks are not known; not "": it refuses this field whatever it
    # holds (`nss`, `curp`, `email`, `phone`), as a check the mock does not make would.
    refuse_field: str = ""
    form_notice: bool = False  # the form always shows FORM_NOTICE as an alert, above its answer
    save_warning: bool = False  # a save's success comes with SAVE_WARNING as an alert beside it

    def __post_init__(self) -> None:
        if self.server not in SERVERS:
            raise MockSettingError("mock.one_of", choices=", ".join(SERVERS))
        if self.port not in PORTS:
            raise MockSettingError("mock.one_of", choices=", ".join(map(str, PORTS)))
        if self.login_message_at not in MESSAGE_PLACES:
            raise MockSettingError("mock.one_of", choices=", ".join(MESSAGE_PLACES))
        if not 1 <= self.lockout_after <= 100:
            raise MockSettingError("mock.range_int", low=1, high=100)
        if not 1 <= self.autoservicio_links <= 2:
            raise MockSettingError("mock.range_int", low=1, high=2)
        if not 0 <= self.existing_folio <= 999_999_999:
            raise MockSettingError("mock.range_int", low=0, high=999_999_999)
        if self.folio_space not in FOLIO_SPACES:
            raise MockSettingError("mock.one_of", choices=", ".join(FOLIO_SPACES))
        if self.field_errors_at not in ERROR_PLACES:
            raise MockSettingError("mock.one_of", choices=", ".join(ERROR_PLACES))
        if self.refuse_field and self.refuse_field not in REFUSABLE:
            raise MockSettingError("mock.one_of", choices=", ".join(REFUSABLE))

    @property
    def origin(self) -> str:
        return f"http://{self.server}.itson.edu.mx:{self.port}"


@dataclass
class CiaVisitor(Visitor):
    """One visitor of one host (apps9 and each PeopleSoft server keep their own cookie)."""

    itson_id: str = ""  # apps9: the ID typed on index.aspx
    user: str = ""  # PeopleSoft: the signed-in account, "" when signed out
    refusal: str = ""  # why the last sign-in was refused: "bad" or "locked"


@dataclass(frozen=True)
class Solicitud:
    """A saved Seguro Facultativo request, as a test reads it."""

    folio: str
    nss: str
    curp: str
    email: str
    phone: str
    saved_at: str


class CiaSite(Site[CiaSettings, CiaVisitor]):
    """The CIA's hosts: the entry, apps9 (ASP.NET) and the PeopleSoft servers."""

    name = "cia"
    hosts = (ENTRY_HOST, APPS9, *PS_HOSTS)
    settings_type = CiaSettings
    session_type = CiaVisitor
    cookie = "ASP.NET_SessionId"  # apps9's; each PeopleSoft server names its own (_cookie_for)
    drifts: ClassVar[Mapping[str, Drift]] = DRIFTS
    plain: ClassVar[Mapping[str, Drift]] = PLAIN
    firewall_page = None  # no firewall is known in front of the CIA

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.failures: Counter[str] = Counter()  # failed sign-ins by account
        self.solicitudes: dict[str, Solicitud] = {}  # by student ID
        # Saves by outcome ("saved", "refused", "invalid", "expired"): what a test counts.
        self.saves: Counter[str] = Counter()
        self.expired_once = False

    def reset(self) -> None:
        with self.lock:
            super().reset()
            self.failures.clear()
            self.solicitudes.clear()
            self.saves.clear()
            self.expired_once = False

    # Sessions: PeopleSoft names its cookie after the server and port, so that two servers (or
    # ports) of one host never share a session.

    def _cookie_for(self, host: str) -> str:
        if host in PS_HOSTS:
            name, _, port = host.partition(":")
            return f"{name.split('.')[0]}-{port}-PORTAL-PSJSESSIONID"
        return self.cookie

    def session_id(self, req: Request) -> str | None:
        return req.cookies.get(self._cookie_for(req.host))

    def with_session(self, req: Request, answer: Callable[[str], Response]) -> Response:
        cookie = self._cookie_for(req.host)
        session_id = req.cookies.get(cookie) or secrets.token_hex(16).upper()
        self.session(session_id)
        response = answer(session_id)
        if req.cookies.get(cookie) != session_id:
            response.headers.append(("Set-Cookie", f"{cookie}={session_id}; Path=/; HttpOnly"))
        return response

    def handle(self, req: Request, config: MockConfig) -> Response | None:
        if req.host == ENTRY_HOST:
            if req.path.lower().rstrip("/") == "/cia":
                return Response.redirect(f"https://{APPS9}/CIA/index.aspx")
            return None
        if req.host == APPS9:
            answer = self._apps9
        elif req.path.startswith(("/psp/ITSONPRD", "/psc/ITSONPRD")):
            answer = self._peoplesoft
        else:
            return None
        return self.with_session(
            req, lambda sid: answer(req, config, self.session(sid)) or _not_found(self)
        )

    def page(self, name: str, config: MockConfig, /, **values: str) -> str:
        return _vary(name, super().page(name, config, **LINKS, **values), self.settings(config))

    # apps9: the ID, the warning, the help-desk chat.

    def _apps9(self, req: Request, config: MockConfig, visitor: CiaVisitor) -> Response | None:
        settings = self.settings(config)
        path = req.path.lower().rstrip("/")
        sign_in = settings.origin + SIGN_IN
        if path in ("/cia", "/cia/index.aspx"):
            if req.method != "POST":
                return self.page_response(f"{APPS9}/CIA/index.html", config, message="")
            itson_id = req.form.get("txtITSONET", "").strip()
            if not ID_RE.match(itson_id):
                message = f'<span id="lblMensaje" class="error">{escape(MSG_BAD_ID)}</span>'
                return self.page_response(f"{APPS9}/CIA/index.html", config, message=message)
            # The ID stays in apps9's session; the sign-in page does not get it (its captured
            # markup has an empty #userid: the student types the ID there again).
            visitor.itson_id = itson_id
            return Response.redirect("/CIA/CIA.ASPX" if settings.warning else sign_in)
        if path == "/cia/cia.aspx":
            if not visitor.itson_id:
                return Response.redirect("/CIA/index.aspx")
            if req.method == "POST":
                return Response.redirect(sign_in)
            return self.page_response(f"{APPS9}/CIA/CIA.html", config)
        if path in ("/chatmesa", "/chatmesa/chatmesaayuda.aspx"):
            return self.page_response(f"{APPS9}/chatmesa/chatmesaayuda.html", config)
        return None

    # PeopleSoft.

    def _peoplesoft(self, req: Request, config: MockConfig, visitor: CiaVisitor) -> Response | None:
        path = req.path
        if path.rstrip("/") in ("/psp/ITSONPRD", PSP, PSC):
            return self._command(req, config, visitor)
        if not path.startswith((PSP + "/", PSC + "/")):
            return None
        if not visitor.user:
            # A post on a dead session is PeopleSoft's expiry; a page asks for the sign-in.
            return Response.redirect(EXPIRE if req.method == "POST" else SIGN_IN)
        portal, rest = path.startswith(PSP), path[len(PSP) :]
        if portal and rest == "/h/":
            return self._homepage(config)
        if rest == FOLDER_SCRIPT:
            folder = FOLDERS.get(req.query.get("FolderPath", ROOT_FOLDER))
            if folder is None:
                return None
            if portal:
                return self._frameset(config, folder.name, folder.nav_url, folder.page_url)
            return self.page_response(f"{PS_PAGES}/{folder.page}", config)
        if not portal and rest == NAV_SCRIPT:
            folder = FOLDERS.get(req.query.get("FolderPath", ""), ROOT)
            return self.page_response(f"{PS_PAGES}/{folder.nav}", config)
        if not portal and rest == HEADER_SCRIPT:
            return self.page_response(f"{PS_PAGES}/header.html", config)
        if not portal and rest == SEARCH_SCRIPT:
            return self._search(req, config)
        if rest.startswith("/c/"):
            return self._component(req, config, visitor, rest[len("/c/") :], portal)
        return None

    def _command(self, req: Request, config: MockConfig, visitor: CiaVisitor) -> Response:
        """The portal root's commands: `cmd=login` (page and post), `expire`, `logout`."""
        settings = self.settings(config)
        cmd = req.query.get("cmd", "")
        if cmd == "login" and req.method == "POST":
            return self._sign_in(req, settings, visitor)
        if cmd == "logout":
            visitor.user = ""
            return self._sign_in_page(config, "")
        if cmd == "expire":
            # The sign-in page itself, which breaks out of the frames it was loaded in.
            return self._sign_in_page(config, settings.expired_message)
        if cmd == "login":
            message = ""
            if req.query.get("errorCode") == "105":
                locked = visitor.refusal == "locked"
                message = settings.locked_message if locked else settings.bad_login_message
            return self._sign_in_page(config, message)
        return Response.redirect(HOMEPAGE if visitor.user else SIGN_IN)

    def _sign_in_page(self, config: MockConfig, message: str) -> Response:
        place = self.settings(config).login_message_at
        values = {"message_form": "", "message_bottom": "", "message_script": ""}
        if message and place == "dialog":
            text = json.dumps(message).replace("</", "<\\/")
            values["message_script"] = f"<script>window.alert({text});</script>"
        elif message:
            values[f"message_{place}"] = f'<div class="login-error">{escape(message)}</div>'
        return self.page_response(f"{PS_PAGES}/signin.html", config, **values)

    def _sign_in(self, req: Request, settings: CiaSettings, visitor: CiaVisitor) -> Response:
        """Any 11-digit ID with the configured password; a failure counts against the account,
        which stays locked (for this mock's life) once it reaches the limit."""
        user = req.form.get("userid", "").strip()
        password = req.form.get("pwd", "").encode("utf-8")
        right = secrets.compare_digest(password, settings.password.encode("utf-8"))
        with self.lock:
            locked = self.failures[user] >= settings.lockout_after
            if right and not locked and ID_RE.match(user):
                self.failures.pop(user, None)
                visitor.user, visitor.refusal = user, ""
                return Response.redirect(HOMEPAGE)
            if not locked:
                self.failures[user] += 1
            locked = self.failures[user] >= settings.lockout_after
            visitor.refusal = "locked" if locked else "bad"
        return Response.redirect(REFUSED)

    def _homepage(self, config: MockConfig) -> Response:
        shortcut = ""
        if self.settings(config).autoservicio_links > 1:
            url = escape(LINKS["url_root"])
            shortcut = f'<a class="EOPP_SCSECTIONFOLDERLINK" href="{url}">Autoservicio</a>'
        return self.page_response(
            f"{PS_PAGES}/home.html", config, student=STUDENT_NAME, shortcut=shortcut
        )

    def _frameset(self, config: MockConfig, title: str, nav: str, content: str) -> Response:
        return self.page_response(
            f"{PS_PAGES}/frameset.html", config, title=title, nav=nav, content=content
        )

    def _search(self, req: Request, config: MockConfig) -> Response:
        """The NAV search: menu entries whose name holds every word asked for."""
        words = _plain(req.query.get("SEARCH_TEXT", "")).split()
        leaf = DRIFTED_LEAF if config.drifts(f"{PS_PAGES}/nav_seguro.html") else LEAF
        found = [e for e in _menu(leaf) if words and all(w in _plain(e[0]) for w in words)]
        items = "".join(
            f'<li><a class="PTNAVLINK" href="{escape(url)}" target="{target}">{escape(name)}</a>'
            "</li>"
            for name, url, target in found
        )
        results = f"<ul>{items}</ul>" if found else _sss("INFO", "No se encontraron resultados.")
        query = req.query.get("SEARCH_TEXT", "")
        return self.page_response(f"{PS_PAGES}/search.html", config, query=query, results=results)

    def _component(
        self, req: Request, config: MockConfig, visitor: CiaVisitor, component: str, portal: bool
    ) -> Response | None:
        if component == FORM_COMPONENT:
            title, folder = FORM_TITLE, SEGURO
        elif component in COMPONENTS:
            title, folder = COMPONENTS[component][0], ROOT
        else:
            return None
        if portal:  # the component inside the frameset, as a psp link opens it
            content = f"{PSC}/c/{component}" + (f"?{urlencode(req.query)}" if req.query else "")
            return self._frameset(config, title, folder.nav_url, content)
        if component == FORM_COMPONENT:
            return self._form(req, config, visitor)
        text = COMPONENTS[component][2]
        return self.page_response(
            f"{PS_PAGES}/component.html", config, title=title, text=text, student=STUDENT_NAME
        )

    # The assumed form.

    def _form(self, req: Request, config: MockConfig, visitor: CiaVisitor) -> Response:
        """GET: the empty form. POST (every action posts the whole form): `#ICSave` saves,
        `#ICList` ("Regresar") goes back to the folder, `#ICSendNotify` ("Notificar") answers
        with a message page closed by `#ICOK`; anything else shows the form again."""
        values = {f.id: req.form.get(f.id, "").strip() for f in FIELDS}
        declared = "Y" in (req.form.get(DECLARATION), req.form.get(f"{DECLARATION}$chk"))
        action = req.form.get("ICAction", "") if req.method == "POST" else ""
        messages, popup, saved = "", "", False
        if action == "#ICSave":
            outcome = self._save(config, visitor, values, declared)
            if outcome is None:
                return Response.redirect(EXPIRE)
            messages, saved, errors = outcome
            if errors and self.settings(config).field_errors_at == "message":
                return self._message_page(config, errors[0], values, declared)
        elif action == "#ICList":
            return Response.redirect(SEGURO.page_url)
        elif action == "#ICSendNotify":
            popup = (
                '<div id="ptpopupmsg" class="PSMSGBOX" role="dialog">'
                f'<span class="PSMSGTEXT">{escape(MSG_NOTIFY)}</span> '
                '<input type="button" id="#ICOK" name="#ICOK" value="Aceptar" '
                "onclick=\"submitAction_win0(document.win0,'#ICOK');\"></div>"
            )
        return self.page_response(
            f"{PS_PAGES}/seguro.html",
            config,
            student=STUDENT_NAME,
            emplid=visitor.user,
            state=str(int(req.form.get("ICStateNum", "0") or 0) + 1),
            messages=messages,
            popup=popup,
            saved_display="block" if saved else "none",
            nss=values["ITSR_SEGURO_NSS"],
            curp=values["ITSR_SEGURO_NATIONAL_ID"],
            email=values["ITSR_SEGURO_EMAIL_ADDR"],
            phone=values["ITSR_SEGURO_PHONE"],
            declared="Y" if declared else "N",
            checked="checked" if declared else "",
        )

    def _message_page(
        self, config: MockConfig, text: str, values: dict[str, str], declared: bool
    ) -> Response:
        """PeopleSoft's message page: the error and "Aceptar" (#ICOK), which posts the form's
        values back and shows the form again."""
        hidden = "".join(
            f'<input type="hidden" name="{name}" value="{escape(value)}">'
            for name, value in (
                *values.items(),
                (f"{DECLARATION}$chk", "Y" if declared else "N"),
            )
        )
        return self.page_response(f"{PS_PAGES}/message.html", config, text=text, hidden=hidden)

    def _save(
        self, config: MockConfig, visitor: CiaVisitor, values: dict[str, str], declared: bool
    ) -> tuple[str, bool, list[str]] | None:
        """The messages of a save, whether it saved and its field errors; None when the session
        expired."""
        settings = self.settings(config)
        space = FOLIO_SPACES[settings.folio_space]
        with self.lock:
            if settings.expire_at_save and not self.expired_once:
                self.expired_once = True
                visitor.user = ""
                self.saves["expired"] += 1
                return None
            existing = self.solicitudes.get(visitor.user)
            folio = existing.folio if existing else str(settings.existing_folio or "")
            if folio:
                self.saves["refused"] += 1
                refused = _sss("ALERT", MSG_EXISTS.format(folio=folio))
                return refused.replace("folio ", space), False, []
            errors = _field_errors(values, declared, settings.refuse_field)
            if errors:
                self.saves["invalid"] += 1
                return "".join(_sss("ALERT", error) for error in errors), False, errors
            folio = str(FOLIO_BASE + self.saves["saved"] + 1)
            self.saves["saved"] += 1
            self.solicitudes[visitor.user] = Solicitud(
                folio=folio,
                nss=values["ITSR_SEGURO_NSS"],
                curp=values["ITSR_SEGURO_NATIONAL_ID"].upper(),
                email=values["ITSR_SEGURO_EMAIL_ADDR"],
                phone=values["ITSR_SEGURO_PHONE"],
                saved_at=datetime.now().isoformat(timespec="seconds"),
            )
            warning = _sss("ALERT", SAVE_WARNING) if settings.save_warning else ""
        saved = _sss("SUCCESS", MSG_SAVED.format(folio=folio)).replace("folio ", space)
        return saved + warning, True, []


# The pages each variant changes, and how (on the page as rendered: after the plain markup and a
# drift, so that they combine).
_HOME_TABS = (
    '<table id="pthometabs" role="presentation"><tr>'
    f'<td class="PTTABACTIVE"><a href="{HOMEPAGE}">Inicio</a></td>'
    f'<td class="PTTAB"><a href="{PSP}/h/?tab=ITSR_AUTOSERV">Autoservicio</a></td>'
    "</tr></table>\n"
)
_DRAWN_BOX = (
    "<style>input.PSCHECKBOX { position: absolute; opacity: 0; width: 0; height: 0; margin: 0;"
    " padding: 0; border: 0; } label.PSCHECKBOX::before { content: ''; display: inline-block;"
    " width: 13px; height: 13px; border: 1px solid #7f7f7f; margin-right: 6px; }"
    " input.PSCHECKBOX:checked + label.PSCHECKBOX::before { background: #006db6; }</style>\n"
)
# PeopleSoft 8.5x posts an action by AJAX and puts the answer into the page (no new document):
# the same whole-form post and the same answer page, its body swapped in; a redirect (an expired
# session) sends the whole window where it leads, as PeopleSoft's own script does.
_AJAX_SAVE = """<script>
(() => {
  const full = submitAction_win0;
  submitAction_win0 = function (form, id) {
    if (id !== '#ICSave') return full(form, id);
    form.ICAction.value = id;
    document.getElementById('WAIT_win0').style.display = 'block';
    fetch(form.action, {method: 'POST', body: new URLSearchParams(new FormData(form))})
      .then(r => r.redirected ? (top.location = r.url) : r.text().then(html => {
        const answer = new DOMParser().parseFromString(html, 'text/html');
        document.body.replaceWith(document.adoptNode(answer.body));
      }));
  };
})();
</script>
"""
_LEAF_ROW = '<tr><td width="12"></td><td width="12"></td><td><a class="PTNAVLINK"'
_STATUS_ROW = (
    f'{_LEAF_ROW} href="{escape(component_url(STATUS_COMPONENT))}" target="TargetContent">'
    f"{STATUS_LEAF}</a></td></tr>\n  "
)
_NAV_PAGES = ("nav.html", "nav_seguro.html", "folder.html", "folder_seguro.html")


def _vary(name: str, html: str, settings: CiaSettings) -> str:
    """The page `name` as rendered, with the variants `settings` ask for."""
    page = name.rpartition("/")[2] if name.startswith(PS_PAGES) else ""
    if page == "home.html":
        if settings.home_alert:
            alert = json.dumps(HOME_ALERT)
            script = f"<script>window.addEventListener('load', () => alert({alert}));</script>"
            html = html.replace("</head>", f"{script}\n</head>", 1)
        if settings.autoservicio_tab:
            html = html.replace("<p>Bienvenido(a)", f"{_HOME_TABS}<p>Bienvenido(a)", 1)
    if page == "nav_seguro.html" and settings.status_leaf:
        html = html.replace(_LEAF_ROW, _STATUS_ROW + _LEAF_ROW, 1)
    if page in _NAV_PAGES and settings.sentence_case:
        html = html.replace("Seguro Facultativo</a>", "Seguro facultativo</a>")
        html = html.replace("Solicitud Seguro</a>", "Solicitud seguro</a>")
    if page == "seguro.html" and settings.checkbox_drawn:
        html = html.replace("</head>", f"{_DRAWN_BOX}</head>", 1)
    if page == "seguro.html" and settings.form_notice:
        title = '<h1><span class="PATRANSACTIONTITLE">'
        html = html.replace(title, _sss("ALERT", FORM_NOTICE) + "\n" + title, 1)
    if page == "seguro.html" and settings.ajax_save:
        html = html.replace("</head>", f"{_AJAX_SAVE}</head>", 1)
    return html


def _field_errors(values: dict[str, str], declared: bool, refused: str = "") -> list[str]:
    """One alert per field that is empty, malformed or refused, in the page's order."""
    errors = []
    for field, short in zip(FIELDS, REFUSABLE, strict=True):
        value = values[field.id]
        if not value:
            errors.append(MSG_REQUIRED.format(label=field.label))
        elif not field.pattern.match(value.upper() if field.label == "CURP" else value):
            errors.append(field.problem)
        elif short == refused:
            errors.append(MSG_REFUSED_FIELD.format(label=field.label))
    if not declared:
        errors.append(MSG_NOT_DECLARED.format(label=DECLARATION_LABEL))
    return errors


def _sss(kind: str, text: str) -> str:
    """A self-service message: INFO, ALERT or SUCCESS, as PeopleSoft's SSSMSG tables."""
    return (
        f'<table class="SSSMSG{kind}FRAME" role="presentation" width="100%"><tr><td>'
        f'<span class="SSSMSG{kind}TEXT">{escape(text)}</span></td></tr></table>'
    )


def _plain(text: str) -> str:
    """Lower case without accents, for the menu search."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _not_found(site: CiaSite) -> Response:
    return Response.html(site.pages.render("_mock/not_found.html"), status=404)

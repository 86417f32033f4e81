"""The mock CIA (ITSON's PeopleSoft portal) over real HTTP: the entry and its warning page, the
sign-in with its refusals and lockout, the homepage, the frameset and its NAV tree, the assumed
Seguro Facultativo form (saved, refused, field errors), the session that expires at a save,
smartweb2, the drift; and the whole path by hand in a real Chromium."""

from __future__ import annotations

import http.cookiejar
import json
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from playwright.sync_api import FrameLocator, Page, expect

from autohelper.mock import MockPortal
from autohelper.mock.cia import (
    DEFAULT_BAD_LOGIN,
    DEFAULT_EXPIRED,
    DEFAULT_LOCKED,
    DEFAULT_PASSWORD,
    DRIFTED_LEAF,
    DRIFTS,
    FORM_URL,
    HOME_ALERT,
    NAV_SCRIPT,
    PSC,
    SEGURO,
    CiaSite,
)
from autohelper.mock.config import parse_options

STUDENT_ID = "00000123456"
OTHER_ID = "00000654321"
ENTRY = "https://www.itson.mx/cia"
SIGN_IN = "http://smartweb1.itson.edu.mx:8400/psp/ITSONPRD/EMPLOYEE/HRMS/?cmd=login&languageCd=ESP"
PS = "http://smartweb1.itson.edu.mx:8400"
FORM = PS + FORM_URL
GOOD = {
    "ITSR_SEGURO_NSS": "12345678903",
    "ITSR_SEGURO_NATIONAL_ID": "HEGG560427MVZRRL04",
    "ITSR_SEGURO_EMAIL_ADDR": "estudiante.prueba@example.com",
    "ITSR_SEGURO_PHONE": "6441234567",
    "ITSR_SEGURO_ITSR_DECLARA": "Y",
    "ITSR_SEGURO_ITSR_DECLARA$chk": "Y",
}
SUCCESS = re.compile(
    r'<span class="SSSMSGSUCCESSTEXT">Tu solicitud de Seguro Facultativo fue registrada con el '
    r"folio (\d+)\.</span>"
)


@dataclass
class Reply:
    status: int
    headers: Any
    text: str

    @property
    def location(self) -> str:
        return str(self.headers["Location"])


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # tests look at each 302 themselves


class Client:
    """A browser-like HTTP client on live URLs through the mirror: keeps cookies, resolves
    relative links against the page it is on, and follows no redirect by itself."""

    def __init__(self, portal: MockPortal) -> None:
        self.base = portal.url
        self.here = ENTRY
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
        )

    def open(self, url: str, data: dict[str, str] | None = None) -> Reply:
        self.here = urljoin(self.here, url)
        parts = urlsplit(self.here)
        mirror = f"{self.base}/{parts.netloc}{parts.path}" + (
            f"?{parts.query}" if parts.query else ""
        )
        body = urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(mirror, body, timeout=10) as response:
                return Reply(response.status, response.headers, response.read().decode())
        except urllib.error.HTTPError as error:
            return Reply(error.code, error.headers, error.read().decode())

    def follow(self, reply: Reply) -> Reply:
        assert reply.status == 302, reply.text
        return self.open(reply.location)

    def sign_in(self, user: str = STUDENT_ID, password: str = DEFAULT_PASSWORD) -> Reply:
        """Post the sign-in form the way its button does; the 302 that answers."""
        self.open(SIGN_IN)
        return self.open(
            "?cmd=login&languageCd=ESP", {"timezoneOffset": "0", "userid": user, "pwd": password}
        )

    def save(self, **changes: str) -> Reply:
        """Open the form and post it with "Guardar" (fields absent from `changes` as GOOD)."""
        assert "PATRANSACTIONTITLE" in self.open(FORM).text
        form = {"ICAction": "#ICSave", "ICStateNum": "1", **GOOD, **changes}
        return self.open(FORM.split("?")[0], {k: v for k, v in form.items() if v is not None})


def site(portal: MockPortal) -> CiaSite:
    cia = portal.site("cia")
    assert isinstance(cia, CiaSite)
    return cia


def _alerts(text: str) -> list[str]:
    return re.findall(r'<span class="SSSMSGALERTTEXT">(.*?)</span>', text)


# The entry, apps9 and the warning page.


def test_the_entry_leads_to_apps9_with_the_known_markup(portal: MockPortal) -> None:
    client = Client(portal)
    entry = client.open(ENTRY)
    assert entry.location == "https://apps9.itson.edu.mx/CIA/index.aspx"
    page = client.follow(entry).text
    assert re.search(
        r'<input name="txtITSONET" type="text" maxlength="11" id="txtITSONET" '
        r'placeholder="Ingresar ID ITSON de 11 dígitos">',
        page,
    )
    assert 'id="btnConexionTrayectorias"' in page
    assert re.search(r'<input name="passwordtrayectorias" type="password"[^>]*display:none', page)


@pytest.mark.parametrize(
    ("settings", "sign_in"),
    [
        ({}, SIGN_IN),
        ({"cia.server": "smartweb2"}, SIGN_IN.replace("smartweb1", "smartweb2")),
        ({"cia.port": 8600}, SIGN_IN.replace(":8400", ":8600")),
    ],
)
def test_the_id_leads_through_the_warning_page_to_the_sign_in(
    portal: MockPortal, settings: dict[str, Any], sign_in: str
) -> None:
    portal.configure(**settings)
    client = Client(portal)
    client.open("https://apps9.itson.edu.mx/CIA/index.aspx")
    warning = client.open("index.aspx", {"txtITSONET": STUDENT_ID, "btnConexionTrayectorias": ""})
    assert warning.location == "/CIA/CIA.ASPX"
    page = client.follow(warning).text
    assert '<input type="submit" name="btnContinuar" value="Continuar"' in page
    assert client.open("CIA.ASPX", {"btnContinuar": "Continuar"}).location == sign_in
    assert STUDENT_ID not in sign_in  # the ID is typed again on the sign-in page


def test_without_the_warning_the_id_leads_straight_to_the_sign_in(portal: MockPortal) -> None:
    portal.configure(**{"cia.warning": False})
    client = Client(portal)
    client.open("https://apps9.itson.edu.mx/CIA/index.aspx")
    assert client.open("index.aspx", {"txtITSONET": STUDENT_ID}).location == SIGN_IN


def test_apps9_refuses_an_id_that_is_not_11_digits(portal: MockPortal) -> None:
    client = Client(portal)
    client.open("https://apps9.itson.edu.mx/CIA/index.aspx")
    reply = client.open("index.aspx", {"txtITSONET": "12345"})
    assert reply.status == 200 and "Ingresa tu ID ITSON de 11 dígitos." in reply.text
    # The warning page is not reachable without an ID.
    assert client.open("CIA.ASPX").location == "/CIA/index.aspx"


# The sign-in.


def test_the_sign_in_page_has_the_captured_markup(portal: MockPortal) -> None:
    client = Client(portal)
    page = client.open(SIGN_IN).text
    assert "<title>Sistema CIA - Instituto Tecnológico de Sonora</title>" in page
    assert re.search(
        r'<form [^>]*action="\?cmd=login&amp;languageCd=ESP" method="post" id="login" '
        r'name="login"',
        page,
    )
    assert '<input type="hidden" name="timezoneOffset" value="0">' in page
    assert (
        '<input class="input" id="userid" type="text" name="userid" placeholder="Ingresar ID '
        'ITSON de 11 dígitos" maxlength="11">'
    ) in page
    assert re.search(
        r'<input [^>]*id="pwd" type="password"[^>]*placeholder="Ingresar contraseña"', page
    )
    assert re.search(r'<button class="login-form-btn">\s*Iniciar Sesión\s*</button>', page)
    assert re.search(
        r'href="http://smartweb1\.itson\.edu\.mx:8700/psp/ITSONPRD/EMPLOYEE/HRMS/c/'
        r'MAINTAIN_SECURITY\.EMAIL_PSWD\.GBL\?[^"]*"[^>]*>¿Has olvidado tu Usuario / Contraseña\?',
        page,
    )
    assert 'onload="setFocus(); if (top != self) top.location = location"' in page
    assert 'id="myIframe"' in page and 'src="https://apps9.itson.edu.mx/chatmesa/' in page
    assert ">Ayuda</button>" in page
    chat = client.open("https://apps9.itson.edu.mx/chatmesa/chatmesaayuda.aspx")
    assert chat.status == 200 and "Mesa de ayuda ITSON" in chat.text


def test_signed_in_the_homepage_has_the_menu_and_two_autoservicio_links(
    portal: MockPortal,
) -> None:
    client = Client(portal)
    signed_in = client.sign_in()
    assert signed_in.location == "/psp/ITSONPRD/EMPLOYEE/HRMS/h/?tab=DEFAULT"
    home = client.follow(signed_in).text
    assert re.search(r'<span class="PALEVEL0PRIMARY">[^<]+</span>', home)
    assert len(re.findall(r"<a [^>]*>Autoservicio</a>", home)) == 2
    assert re.search(r'<a class="PSNAVPARENTLINK" [^>]*>Autoservicio</a>', home)
    assert re.search(r'<a class="PTNAVLINK" [^>]*>[^<]+</a>', home)
    for link in ("Inicio", "Favoritos", "Desconexión"):
        assert re.search(rf"<a [^>]*>{link}</a>", home)
    portal.configure(**{"cia.autoservicio_links": 1})
    client = Client(portal)
    assert len(re.findall(r">Autoservicio</a>", client.follow(client.sign_in()).text)) == 1


def test_a_wrong_password_comes_back_with_error_code_105_and_a_message(
    portal: MockPortal,
) -> None:
    client = Client(portal)
    refused = client.sign_in(password="otra")
    assert refused.location == (
        "/psp/ITSONPRD/EMPLOYEE/HRMS/?cmd=login&errorCode=105&languageCd=ESP"
    )
    page = client.follow(refused).text
    assert f'<div class="login-error">{DEFAULT_BAD_LOGIN}</div>' in page
    assert 'id="userid"' in page and "Autoservicio" not in page
    # A refused ID, too: an account is 11 digits.
    assert "errorCode=105" in client.sign_in(user="123").location


@pytest.mark.parametrize("place", ["form", "bottom", "dialog"])
def test_the_refusals_wording_and_place_are_settings(portal: MockPortal, place: str) -> None:
    portal.configure(
        **{"cia.bad_login_message": "Datos incorrectos.", "cia.login_message_at": place}
    )
    client = Client(portal)
    page = client.follow(client.sign_in(password="otra")).text
    if place == "dialog":
        assert '<script>window.alert("Datos incorrectos.");</script>' in page
    else:
        shown = page.index('<div class="login-error">Datos incorrectos.</div>')
        assert (shown < page.index('id="userid"')) == (place == "form")


def test_an_account_locks_after_the_configured_failures_for_the_mocks_life(
    portal: MockPortal,
) -> None:
    client = Client(portal)
    for _ in range(2):
        assert DEFAULT_BAD_LOGIN in client.follow(client.sign_in(password="otra")).text
    assert DEFAULT_LOCKED in client.follow(client.sign_in(password="otra")).text
    # Locked: the right password no longer signs in, from any browser.
    again = Client(portal)
    refused = again.sign_in()
    assert "errorCode=105" in refused.location
    assert DEFAULT_LOCKED in again.follow(refused).text
    # Another account is not affected; a reset of the mock unlocks.
    assert Client(portal).sign_in(user=OTHER_ID).location.endswith("/h/?tab=DEFAULT")
    portal.reset()
    assert Client(portal).sign_in().location.endswith("/h/?tab=DEFAULT")


def test_a_sign_in_clears_the_failures_and_the_limit_is_a_setting(portal: MockPortal) -> None:
    client = Client(portal)
    client.sign_in(password="otra")
    client.sign_in(password="otra")
    assert client.sign_in().location.endswith("/h/?tab=DEFAULT")
    client.sign_in(password="otra")
    client.sign_in(password="otra")
    assert client.sign_in().location.endswith("/h/?tab=DEFAULT")
    portal.configure(**{"cia.lockout_after": 1, "cia.password": "otra-clave"})
    client = Client(portal)
    assert client.sign_in().location.endswith("/h/?tab=DEFAULT") is False
    assert DEFAULT_LOCKED in client.follow(client.sign_in(password="otra-clave")).text
    assert Client(portal).sign_in(user=OTHER_ID, password="otra-clave").status == 302


def test_pages_need_a_session_and_desconexion_ends_it(portal: MockPortal) -> None:
    client = Client(portal)
    assert client.open(PS + "/psp/ITSONPRD/EMPLOYEE/HRMS/h/?tab=DEFAULT").location == (
        "/psp/ITSONPRD/EMPLOYEE/HRMS/?cmd=login&languageCd=ESP"
    )
    assert client.open(FORM).location.endswith("?cmd=login&languageCd=ESP")
    client.follow(client.sign_in())
    assert client.open(FORM).status == 200
    logout = client.open(PS + "/psp/ITSONPRD/EMPLOYEE/HRMS/?cmd=logout")
    assert logout.status == 200 and 'id="userid"' in logout.text
    assert client.open(FORM).status == 302


# The frameset and the menu.


def test_autoservicio_opens_the_frameset_with_the_known_frames(portal: MockPortal) -> None:
    client = Client(portal)
    home = client.follow(client.sign_in()).text
    href = re.findall(r'<a class="PSNAVPARENTLINK" href="([^"]+)">Autoservicio</a>', home)[0]
    frameset = client.open(href.replace("&amp;", "&")).text
    assert "<frameset" in frameset and "<body" not in frameset
    frames = dict(re.findall(r'<frame name="(\w+)" [^>]*src="([^"]+)"', frameset))
    assert list(frames) == ["UniversalHeader", "NAV", "TargetContent"]
    assert "IScript_UniHeader_Frame" in frames["UniversalHeader"]
    nav_url = frames["NAV"].replace("&amp;", "&")
    for marker in (
        "IScript_PT_NAV_INFRAME",
        "PortalCacheContent=true",
        "CO_EMPLOYEE_SELF_SERVICE&FolderPath",
    ):
        assert marker in nav_url
    assert "IScript_PT_NAV_INFRAME" not in client.here  # only the NAV frame's URL has it
    header = client.open(frames["UniversalHeader"]).text
    assert all(f">{link}</a>" in header for link in ("Inicio", "Favoritos", "Desconexión"))
    nav = client.open(nav_url).text
    assert '<a class="PTNAVSELPARENTLINK"' in nav and ">Autoservicio</a>" in nav
    assert re.search(
        r'<td width="12"></td><td colspan="2"><a class="PSNAVPARENTLINK" [^>]*>Seguro '
        r"Facultativo</a>",
        nav,
    )
    assert re.search(
        r'<a class="PTNAVLINK" href="[^"]*/c/ITSR_MENU\.ITSR_BOL_CAL_GBL\.GBL'
        r'[^"]*" target="TargetContent">Boleta de Calificación</a>',
        nav,
    )
    assert ">Centro de Alumnado</a>" in nav and 'name="srchnav"' in nav
    assert "Solicitud Seguro" not in nav  # inside its folder, still closed
    content = client.open(frames["TargetContent"].replace("&amp;", "&")).text
    assert "<title>Página de Navegación Base</title>" in content
    assert re.search(r'<a class="EOPP_SCSECTIONFOLDERLINK" [^>]*>Seguro Facultativo</a>', content)
    assert re.search(
        r'<a class="EOPP_SCSECTIONCONTENTLINK" [^>]*>Boleta de Calificación</a>', content
    )


def test_the_seguro_facultativo_folder_shows_the_leaf(portal: MockPortal) -> None:
    client = Client(portal)
    client.follow(client.sign_in())
    nav = client.open(
        PS + "/psc/ITSONPRD/EMPLOYEE/HRMS/s/WEBLIB_PT_NAV.ISCRIPT1.FieldFormula."
        "IScript_PT_NAV_INFRAME?pt_fname=CO_EMPLOYEE_SELF_SERVICE&FolderPath=PORTAL_ROOT_OBJECT"
        ".CO_EMPLOYEE_SELF_SERVICE.ITSR_SEGURO_FACULTATIVO&IsFolder=true&PortalCacheContent=true"
    ).text
    assert '<a class="PTNAVSELPARENTLINK" ' in nav and "Seguro Facultativo</a>" in nav
    leaf = re.search(
        r'<td width="12"></td><td width="12"></td><td><a class="PTNAVLINK" href="([^"]+)" '
        r'target="TargetContent">Solicitud Seguro</a>',
        nav,
    )
    assert leaf and leaf.group(1).replace("&amp;", "&") == FORM_URL
    assert "/psc/ITSONPRD/EMPLOYEE/HRMS/c/" in FORM_URL and "&Action=" in FORM_URL
    boleta = client.open(
        PS + "/psc/ITSONPRD/EMPLOYEE/HRMS/c/ITSR_MENU.ITSR_BOL_CAL_GBL.GBL?Page=ITSR_BOL_CAL"
    ).text
    assert '<span class="PATRANSACTIONTITLE">Boleta de Calificación</span>' in boleta


def test_the_nav_search_finds_the_seguro_entries(portal: MockPortal) -> None:
    client = Client(portal)
    client.follow(client.sign_in())
    search = PS + "/psc/ITSONPRD/EMPLOYEE/HRMS/s/WEBLIB_PORTAL.PORTAL_SEARCH_PB.FieldFormula."
    found = client.open(search + "IScript_PortalSearch?SEARCH_TEXT=seguro").text
    assert ">Seguro Facultativo</a>" in found and ">Solicitud Seguro</a>" in found
    assert ">Boleta de Calificación</a>" not in found
    assert "No se encontraron" in client.open(search + "IScript_PortalSearch?SEARCH_TEXT=xyz").text


def test_a_psp_component_url_opens_it_inside_the_frameset(portal: MockPortal) -> None:
    client = Client(portal)
    client.follow(client.sign_in())
    page = client.open(FORM.replace("/psc/", "/psp/")).text
    assert "<title>Solicitud de Seguro Facultativo</title>" in page
    assert f'name="TargetContent" id="TargetContent" src="{FORM_URL.replace("&", "&amp;")}"' in page


# The assumed form.


def test_the_form_has_the_contracts_labels_and_peoplesofts_conventions(
    portal: MockPortal,
) -> None:
    client = Client(portal)
    client.follow(client.sign_in())
    form = client.open(FORM).text
    assert '<span class="PATRANSACTIONTITLE">Solicitud de Seguro Facultativo</span>' in form
    assert len(re.findall(r"<form ", form)) == 1 and 'name="win0"' in form
    assert f'<span class="PSEDITBOX_DISPONLY" id="ITSR_SEGURO_EMPLID">{STUDENT_ID}</span>' in form
    assert re.search(r'<span class="PSEDITBOX_DISPONLY" id="ITSR_SEGURO_NAME">[^<]+</span>', form)
    for label, maxlength in (
        ("Número de Seguridad Social", 11),
        ("CURP", 18),
        ("Correo electrónico", 70),
        ("Teléfono celular", 10),
    ):
        match = re.search(rf'<label for="(\w+)" class="PSEDITBOXLABEL">{label}</label>', form)
        assert match, label
        assert re.search(
            rf'<input type="text" class="PSEDITBOX" id="{match.group(1)}" '
            rf'name="{match.group(1)}" maxlength="{maxlength}"',
            form,
        )
    box = re.search(
        r'<input type="checkbox" [^>]*id="(\w+)"[^>]*>\s*<label for="(\w+)" class="PSCHECKBOX">'
        r"Declaro que no cuento con otro servicio médico \(IMSS, ISSSTE, PEMEX, SEDENA u otro\)"
        r"</label>",
        form,
    )
    assert box and box.group(1) == box.group(2)
    assert f'name="{box.group(1)}$chk" id="{box.group(1)}$chk" value="N"' in form
    for button in ("Guardar", "Regresar", "Notificar"):
        assert re.search(
            rf'id="#IC\w+" [^>]*value="{button}" [^>]*onclick="javascript:submitAction_win0'
            r"\(document\.win0,'#IC\w+'\);\"",
            form,
        )
    assert 'id="#ICSave" name="#ICSave"' in form
    assert '<div id="WAIT_win0" class="PSWAIT" style="display:none">' in form
    assert '<div id="SAVED_win0" class="PSSAVED" style="display:none">Guardado</div>' in form


def test_guardar_saves_once_and_a_second_save_is_refused_with_the_folio(
    portal: MockPortal,
) -> None:
    client = Client(portal)
    client.follow(client.sign_in())
    saved = client.save()
    assert saved.status == 200
    match = SUCCESS.search(saved.text)
    assert match
    folio = match.group(1)
    assert 'style="display:block">Guardado</div>' in saved.text
    cia = site(portal)
    assert cia.saves == {"saved": 1}
    assert cia.solicitudes[STUDENT_ID].folio == folio
    assert cia.solicitudes[STUDENT_ID].nss == GOOD["ITSR_SEGURO_NSS"]
    again = client.save()
    assert _alerts(again.text) == [
        f"Ya tienes una solicitud de Seguro Facultativo registrada (folio {folio})."
    ]
    assert 'style="display:none">Guardado</div>' in again.text
    assert cia.saves == {"saved": 1, "refused": 1}
    assert portal.posts("/c/ITSR_MENU.ITSR_SEGURO_FAC.GBL") == 2  # the request log shows both
    # Another student has no solicitud yet: a new folio.
    other = Client(portal)
    other.follow(other.sign_in(user=OTHER_ID))
    second = SUCCESS.search(other.save().text)
    assert second and second.group(1) != folio


def test_an_existing_solicitud_can_be_configured(portal: MockPortal) -> None:
    portal.configure(**{"cia.existing_folio": 4810001})
    client = Client(portal)
    client.follow(client.sign_in())
    assert _alerts(client.save().text) == [
        "Ya tienes una solicitud de Seguro Facultativo registrada (folio 4810001)."
    ]
    assert site(portal).solicitudes == {}


@pytest.mark.parametrize(
    ("changes", "alert"),
    [
        (
            {"ITSR_SEGURO_ITSR_DECLARA": None, "ITSR_SEGURO_ITSR_DECLARA$chk": "N"},
            'Para guardar tu solicitud marca la casilla "Declaro que no cuento con otro servicio '
            'médico (IMSS, ISSSTE, PEMEX, SEDENA u otro)".',
        ),
        (
            {"ITSR_SEGURO_NSS": "1234567890"},
            'El campo "Número de Seguridad Social" debe tener 11 dígitos.',
        ),
        ({"ITSR_SEGURO_NSS": ""}, 'El campo "Número de Seguridad Social" es obligatorio.'),
        (
            {"ITSR_SEGURO_NATIONAL_ID": "HEGG560427"},
            'El campo "CURP" no tiene el formato de una CURP (18 caracteres).',
        ),
        (
            {"ITSR_SEGURO_EMAIL_ADDR": "estudiante.example.com"},
            'El campo "Correo electrónico" no tiene el formato de un correo electrónico.',
        ),
        ({"ITSR_SEGURO_PHONE": "644123"}, 'El campo "Teléfono celular" debe tener 10 dígitos.'),
    ],
)
def test_a_field_error_names_the_field_and_saves_nothing(
    portal: MockPortal, changes: dict[str, Any], alert: str
) -> None:
    client = Client(portal)
    client.follow(client.sign_in())
    page = client.save(**changes).text
    assert [a.replace("&quot;", '"') for a in _alerts(page)] == [alert]
    assert site(portal).saves == {"invalid": 1} and site(portal).solicitudes == {}
    assert 'class="SSSMSGSUCCESSTEXT"' not in page
    # What was typed stays in the form.
    for field, value in {**GOOD, **changes}.items():
        if field.startswith("ITSR_SEGURO_") and "DECLARA" not in field:
            assert f'id="{field}" name="{field}" maxlength="' in page
            assert re.search(rf'id="{field}" [^>]*value="{re.escape(value or "")}"', page)


def test_regresar_and_notificar(portal: MockPortal) -> None:
    client = Client(portal)
    client.follow(client.sign_in())
    client.open(FORM)
    back = client.open(FORM.split("?")[0], {"ICAction": "#ICList"})
    assert "Página de Navegación Base" in client.follow(back).text
    client.open(FORM)
    notify = client.open(FORM.split("?")[0], {"ICAction": "#ICSendNotify", **GOOD}).text
    assert '<input type="button" id="#ICOK" name="#ICOK" value="Aceptar"' in notify
    ok = client.open(FORM.split("?")[0], {"ICAction": "#ICOK", **GOOD}).text
    assert 'id="#ICOK"' not in ok and f'value="{GOOD["ITSR_SEGURO_NSS"]}"' in ok
    assert site(portal).saves == {}


def test_the_first_save_can_find_the_session_expired(portal: MockPortal) -> None:
    portal.configure(**{"cia.expire_at_save": True})
    client = Client(portal)
    client.follow(client.sign_in())
    expired = client.save()
    assert expired.location == "/psp/ITSONPRD/EMPLOYEE/HRMS/?cmd=expire"
    page = client.follow(expired).text
    assert 'id="userid"' in page and DEFAULT_EXPIRED in page
    assert "if (top != self) top.location = location" in page
    assert client.open(FORM).status == 302  # signed out
    assert site(portal).saves == {"expired": 1}
    client.follow(client.sign_in())
    assert SUCCESS.search(client.save().text)
    assert site(portal).saves == {"expired": 1, "saved": 1}


# Settings, drift, faults.


def test_settings_are_checked_and_reachable_from_the_command_line(portal: MockPortal) -> None:
    assert parse_options(["cia.password=s3creta", "cia.server=smartweb2"]) == {
        "cia.password": "s3creta",
        "cia.server": "smartweb2",
    }
    for bad in (
        {"cia.server": "smartweb3"},
        {"cia.port": 80},
        {"cia.lockout_after": 0},
        {"cia.login_message_at": "top"},
        {"cia.autoservicio_links": 3},
        {"cia.folio_space": "tab"},
        {"cia.field_errors_at": "popup"},
        {"cia.refuse_field": "name"},
    ):
        with pytest.raises(ValueError):
            portal.configure(**bad)


def test_drift_renames_the_leaf_and_nothing_else(portal: MockPortal) -> None:
    portal.configure(drift=True)
    client = Client(portal)
    client.follow(client.sign_in())
    nav = client.open(
        PS + "/psc/ITSONPRD/EMPLOYEE/HRMS/s/WEBLIB_PT_NAV.ISCRIPT1.FieldFormula."
        "IScript_PT_NAV_INFRAME?pt_fname=CO_EMPLOYEE_SELF_SERVICE&FolderPath=PORTAL_ROOT_OBJECT"
        ".CO_EMPLOYEE_SELF_SERVICE.ITSR_SEGURO_FACULTATIVO&IsFolder=true&PortalCacheContent=true"
    ).text
    assert f">{DRIFTED_LEAF}</a>" in nav and ">Solicitud Seguro</a>" not in nav
    for name, drift in DRIFTS.items():
        real, drifted = portal.pages.template(name), portal.pages.template(name, drift)
        assert drifted == real.replace(">Solicitud Seguro</a>", f">{DRIFTED_LEAF}</a>")


def test_maintenance_and_no_firewall(portal: MockPortal) -> None:
    portal.configure(fail_first=1, fail_paths=["/psp/ITSONPRD"])
    client = Client(portal)
    down = client.open(SIGN_IN)
    assert down.status == 503 and "mantenimiento" in down.text
    assert client.open(SIGN_IN).status == 200
    portal.reset()
    portal.configure(firewall=True)
    assert Client(portal).open(SIGN_IN).status == 200


# The whole path by hand in a real Chromium, through the front.


def _to_the_sign_in(page: Page, warning: bool = True) -> None:
    page.goto(ENTRY)
    page.locator("#txtITSONET").fill(STUDENT_ID)
    page.locator("#btnConexionTrayectorias").click()
    if warning:
        page.get_by_role("button", name="Continuar").click()
    expect(page).to_have_title("Sistema CIA - Instituto Tecnológico de Sonora")
    expect(page.locator("#userid")).to_be_focused()


def _sign_in(page: Page, password: str = DEFAULT_PASSWORD) -> None:
    page.locator("#userid").fill(STUDENT_ID)
    page.locator("#pwd").fill(password)
    page.get_by_role("button", name="Iniciar Sesión").click()


def _open_the_form(page: Page) -> FrameLocator:
    page.get_by_role("link", name="Autoservicio", exact=True).last.click()
    nav = page.frame_locator('frame[name="NAV"]')
    nav.get_by_role("link", name="Seguro Facultativo", exact=True).click()
    nav.get_by_role("link", name="Solicitud Seguro", exact=True).click()
    content = page.frame_locator('frame[name="TargetContent"]')
    expect(content.locator("span.PATRANSACTIONTITLE")).to_have_text(
        "Solicitud de Seguro Facultativo"
    )
    return content


def _fill_and_save(content: FrameLocator) -> None:
    content.get_by_label("Número de Seguridad Social").fill(GOOD["ITSR_SEGURO_NSS"])
    content.get_by_label("CURP").fill(GOOD["ITSR_SEGURO_NATIONAL_ID"])
    content.get_by_label("Correo electrónico").fill(GOOD["ITSR_SEGURO_EMAIL_ADDR"])
    content.get_by_label("Teléfono celular").fill(GOOD["ITSR_SEGURO_PHONE"])
    content.get_by_label("Declaro que no cuento con otro servicio médico").check()
    content.locator('[id="#ICSave"]').click()


@pytest.mark.browser
def test_browser_the_whole_path_by_hand(portal: MockPortal, page: Page) -> None:
    _to_the_sign_in(page)
    assert page.url == SIGN_IN
    _sign_in(page)
    expect(page.locator("span.PALEVEL0PRIMARY")).not_to_be_empty()
    content = _open_the_form(page)
    expect(content.locator("#ITSR_SEGURO_EMPLID")).to_have_text(STUDENT_ID)
    _fill_and_save(content)
    expect(content.locator(".SSSMSGSUCCESSTEXT")).to_have_text(
        re.compile(r"^Tu solicitud de Seguro Facultativo fue registrada con el folio \d+\.$")
    )
    expect(content.locator("#SAVED_win0")).to_be_visible()
    expect(content.locator("#WAIT_win0")).to_be_hidden()
    assert site(portal).saves == {"saved": 1}
    assert portal.posts("/c/ITSR_MENU.ITSR_SEGURO_FAC.GBL") == 1


@pytest.mark.browser
def test_browser_a_wrong_password_then_the_lockout(portal: MockPortal, page: Page) -> None:
    _to_the_sign_in(page)
    _sign_in(page, "otra")
    expect(page).to_have_url(re.compile(r"\?cmd=login&errorCode=105&languageCd=ESP$"))
    expect(page.get_by_text(DEFAULT_BAD_LOGIN)).to_be_visible()
    expect(page.locator("#userid")).to_be_focused()
    _sign_in(page, "otra")
    _sign_in(page, "otra")
    expect(page.get_by_text(DEFAULT_LOCKED)).to_be_visible()
    _sign_in(page)
    expect(page.get_by_text(DEFAULT_LOCKED)).to_be_visible()
    expect(page.get_by_role("link", name="Autoservicio")).to_have_count(0)


@pytest.mark.browser
def test_browser_the_session_expires_mid_form_and_a_new_sign_in_saves(
    portal: MockPortal, page: Page
) -> None:
    portal.configure(**{"cia.expire_at_save": True})
    _to_the_sign_in(page)
    _sign_in(page)
    _fill_and_save(_open_the_form(page))
    # The sign-in page breaks out of the frames: the whole window is at ?cmd=expire.
    expect(page).to_have_url(f"{PS}/psp/ITSONPRD/EMPLOYEE/HRMS/?cmd=expire")
    expect(page.get_by_text(DEFAULT_EXPIRED)).to_be_visible()
    expect(page.locator("frame")).to_have_count(0)
    _sign_in(page)
    content = _open_the_form(page)
    _fill_and_save(content)
    expect(content.locator(".SSSMSGSUCCESSTEXT")).to_contain_text("fue registrada con el folio")
    assert site(portal).saves == {"expired": 1, "saved": 1}


@pytest.mark.browser
def test_browser_smartweb2_without_the_warning(portal: MockPortal, page: Page) -> None:
    portal.configure(**{"cia.server": "smartweb2", "cia.warning": False})
    _to_the_sign_in(page, warning=False)
    assert page.url == SIGN_IN.replace("smartweb1", "smartweb2")
    _sign_in(page)
    content = _open_the_form(page)
    assert all("smartweb2.itson.edu.mx:8400" in frame.url for frame in page.frames[1:])
    _fill_and_save(content)
    expect(content.locator(".SSSMSGSUCCESSTEXT")).to_be_visible()
    assert {r["host"] for r in portal.requests} >= {"smartweb2.itson.edu.mx:8400"}
    assert "smartweb1.itson.edu.mx:8400" not in {r["host"] for r in portal.requests}


def test_the_variants_left_open_render_as_documented(portal: MockPortal) -> None:
    portal.configure(
        **{
            "cia.home_alert": True,
            "cia.autoservicio_tab": True,
            "cia.status_leaf": True,
            "cia.sentence_case": True,
            "cia.checkbox_drawn": True,
        }
    )
    client = Client(portal)
    home = client.follow(client.sign_in()).text
    assert f"alert({json.dumps(HOME_ALERT)})" in home
    # The tab comes before the menu's folder link, both named "Autoservicio".
    assert home.index(">Autoservicio</a></td>") < home.index('"PSNAVPARENTLINK"')
    nav = client.open(PS + PSC + NAV_SCRIPT + "?FolderPath=" + SEGURO.path).text
    assert nav.index(">Estatus de Solicitud seguro</a>") < nav.index(">Solicitud seguro</a>")
    assert ">Seguro facultativo</a>" in nav
    form = client.open(FORM).text
    assert "input.PSCHECKBOX { position: absolute; opacity: 0; width: 0; height: 0;" in form


@pytest.mark.parametrize(("space", "shown"), [("nbsp", "folio&nbsp;"), ("br", "folio<br>")])
def test_the_folios_space_is_a_setting_in_the_success_and_the_refusal(
    portal: MockPortal, space: str, shown: str
) -> None:
    portal.configure(**{"cia.folio_space": space})
    client = Client(portal)
    client.follow(client.sign_in())
    assert f"{shown}4810001.</span>" in client.save().text
    assert f"({shown}4810001).</span>" in client.save().text


def test_a_refused_field_on_a_message_page_and_aceptar_returns_to_the_form(
    portal: MockPortal,
) -> None:
    portal.configure(**{"cia.refuse_field": "phone", "cia.field_errors_at": "message"})
    client = Client(portal)
    client.follow(client.sign_in())
    page = client.save().text
    assert 'id="#ICOK"' in page and "El campo &quot;Teléfono celular&quot; no es válido." in page
    assert "SSSMSGALERTTEXT" not in page and "PSEDITBOX" not in page
    assert site(portal).saves == {"invalid": 1}
    # "Aceptar" posts the values back: the form again, holding them, nothing saved.
    back = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', page))
    form = client.open(FORM.split("?")[0], back).text
    assert f'value="{GOOD["ITSR_SEGURO_PHONE"]}"' in form and "checked" in form
    assert site(portal).saves == {"invalid": 1}

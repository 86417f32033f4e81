"""The NSS path after the emailed link on the mock (PORTALS.md, "the NSS path for a person who has
no NSS yet"): the address step with the postal code component, `validaDomicilio`, `finalizar`,
the final page's documents and resend, the path's other answers and the link's errors; over
HTTP, and the address step's page in a real Chromium."""

from __future__ import annotations

import io
import json
import re
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader
from test_mock import CURP, EMAIL, LIVE_SD, SD, Client, pdf_text

from autohelper.mock import MockPortal
from autohelper.mock.captcha import nss_for
from autohelper.mock.imss import DRIFTS
from autohelper.mock.postal import COMPONENT

ADDRESS_URL = f"{LIVE_SD}/asignacionNSS/capturaDomicilio"
FINAL_URL = f"{LIVE_SD}/asignacionNSS/solicitudFinalizada"
ADDRESS = {
    "domicilio.codigoPostal.codigoPostal": "91000",
    "domicilio.asentamiento.clave": "0001",
    "domicilio.calle": "Calle de Prueba",
    "domicilio.numExteriorAlf": "12",
    "domicilio.numInteriorAlf": "",
}
MSG_REQUIRED = "Favor de capturar los campos obligatorios."


class NssClient(Client):
    """The test client, plus JSON posts (the pages' AJAX calls) and binary answers (PDFs)."""

    def raw(self, path: str, data: bytes | None = None) -> tuple[int, Any, bytes]:
        request = urllib.request.Request(self.base + path, data, method="POST" if data else "GET")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with self.opener.open(request, timeout=10) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def post_json(self, path: str, data: Any) -> tuple[int, Any]:
        status, _, body = self.raw(path, json.dumps(data).encode())
        return status, json.loads(body)

    def post_form(self, path: str, data: dict[str, str] | None = None) -> tuple[int, Any, bytes]:
        """A form post whose answer may be binary."""
        request = urllib.request.Request(
            self.base + path, urlencode(data or {}).encode(), method="POST"
        )
        try:
            with self.opener.open(request, timeout=10) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def confirmed(self) -> str:
        """Send the form, open the emailed link; the Location it redirects to."""
        assert self.submit().status == 302
        reply = self.follow(self.link())
        assert reply.status == 302, reply.text
        return str(reply.headers["Location"])

    def link(self) -> str:
        return str(json.loads(self.request(SD + "/__mock__/outbox").text)[-1]["links"][0])


def alert_danger(text: str) -> str:
    match = re.search(r'<div class="alert alert-danger">(.*?)</div>', text, re.S)
    assert match, "no server-side error shown"
    return match.group(1)


def mensaje_error(text: str) -> tuple[str, str]:
    """`#mensajeError` of the address step: (its display, its text)."""
    match = re.search(
        r'<div class="alert alert-danger" id="mensajeError" style="display:(\w+)">(.*?)</div>', text
    )
    assert match, "no #mensajeError"
    return match.group(1), match.group(2)


def postal(client: NssClient, code: str) -> Any:
    return client.post_json(
        SD + "/domicilio/codigoPostal", {"codigoPostal": {"codigoPostal": code}}
    )


# -- the address step ---------------------------------------------------------------------------
def test_a_new_nss_is_sent_to_the_address_step(portal: MockPortal) -> None:
    client = NssClient(portal)
    assert client.confirmed() == ADDRESS_URL
    page = client.follow(ADDRESS_URL).text
    assert "<h2>Datos del domicilio</h2>" in page
    assert "Para continuar con el trámite captura los datos de tu domicilio:" in page
    assert mensaje_error(page) == ("none", "")
    assert (
        '<form id="formularioDomicilioNSS" '
        'action="/gestionAsegurados-web-externo/asignacionNSS/finalizar" method="post">'
    ) in page
    assert '<button type="button" id="cancelar" class="btn btn-default">Cancelar</button>' in page
    assert (
        '<button type="button" id="continuar" class="btn btn-primary" style="display:none">'
        "Continuar</button>"
    ) in page
    # The postal code component, as on the live pages.
    assert (
        'id="domicilio.codigoPostal.codigoPostal" name="domicilio.codigoPostal.codigoPostal" '
        'class="form-control" maxlength="5"'
    ) in page
    assert '<button type="button" id="busquedaCp" class="btn btn-primary">Buscar</button>' in page
    assert '<button type="button" id="limpiarForm" class="btn btn-default">Limpiar</button>' in page
    assert re.search(
        r'<select id="domicilio\.asentamiento\.clave" name="domicilio\.asentamiento\.clave"[^>]*>'
        r'\s*<option value="-1">--Selecciona por favor--</option>\s*</select>',
        page,
    )
    for name, length in (("calle", 70), ("numExteriorAlf", 10), ("numInteriorAlf", 10)):
        assert f'name="domicilio.{name}" class="form-control" maxlength="{length}"' in page
    assert "text-transform: uppercase" in page
    assert "127.0.0.1" not in page
    assert portal.outbox[-1]["attachments"] == []  # nothing assigned yet


def test_the_link_answers_under_both_of_its_known_paths(portal: MockPortal) -> None:
    client = NssClient(portal)
    client.submit()
    link = client.link()
    assert urlsplit(link).path.endswith("/gestionAsegurados-web-externo/confirmacionUrl")
    other = link.replace("/confirmacionUrl?", "/asignacionNSS/confirmacionUrl?")
    assert client.follow(other).headers["Location"] == ADDRESS_URL
    assert "Este token ya fue utilizado" in client.follow(link).text  # the same token, once


def test_a_found_nss_skips_the_address_step(portal: MockPortal) -> None:
    portal.configure(nss_found=True)
    client = NssClient(portal)
    assert client.confirmed() == FINAL_URL
    assert f"Tu NSS es: {nss_for(CURP)}" in client.follow(FINAL_URL).text
    assert "No hay una solicitud en proceso" in client.follow(ADDRESS_URL).text
    [message] = [m for m in portal.outbox if m["attachments"]]
    assert [a["filename"] for a in message["attachments"]] == ["comprobante.pdf", "tarjetaNSS.pdf"]


def test_the_postal_code_lookup_gives_the_estado_municipio_and_colonias(
    portal: MockPortal,
) -> None:
    client = NssClient(portal)
    status, found = postal(client, "91000")
    assert status == 200 and found["resultado"] is True
    assert (found["estado"], found["municipio"]) == ("VERACRUZ DE IGNACIO DE LA LLAVE", "XALAPA")
    assert [c["descripcion"] for c in found["asentamientos"]] == [
        "CENTRO",
        "AGUACATAL",
        "LOS ÁNGELES",
    ]
    for unknown in ("00000", "12345", ""):
        assert postal(client, unknown)[1] == {
            "resultado": False,
            "mensaje": "No se localizó información con el código postal ingresado.",
        }


@pytest.mark.parametrize(
    ("code", "answer"),
    [
        ("91000", {"resultado": True, "mensaje": ""}),
        (
            "85760",
            {
                "resultado": False,
                "mensaje": "El Código Postal 85760 no se encuentra relacionado a ninguna Unidad "
                "Médica Familiar (UMF)",
            },
        ),
    ],
)
def test_valida_domicilio_says_whether_a_clinic_serves_the_postal_code(
    portal: MockPortal, code: str, answer: dict[str, Any]
) -> None:
    client = NssClient(portal)
    body = {"codigoPostal": {"codigoPostal": code}}
    assert client.post_json(SD + "/asignacionNSS/validaDomicilio", body) == (200, answer)


def test_finalizar_assigns_the_new_nss_and_emails_its_documents(portal: MockPortal) -> None:
    client = NssClient(portal)
    client.confirmed()
    reply = client.request(SD + "/asignacionNSS/finalizar", ADDRESS)
    assert reply.status == 302 and reply.headers["Location"] == FINAL_URL
    final = client.follow(FINAL_URL).text
    nss = nss_for(CURP)
    assert f'<div class="alert alert-success">Asignación de NSS exitosa.<br>NSS: {nss}</div>' in (
        final
    )
    message = portal.outbox[-1]
    assert message["to"] == EMAIL
    assert [a["filename"] for a in message["attachments"]] == ["comprobante.pdf", "tarjetaNSS.pdf"]
    assert nss in pdf_text(message["attachments"][0])
    # The request is done: the address step is not offered again.
    assert "No hay una solicitud en proceso" in client.follow(ADDRESS_URL).text
    assert portal.posts("asignacionNSS/finalizar") == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"domicilio.asentamiento.clave": "-1"}, MSG_REQUIRED),
        ({"domicilio.calle": " "}, MSG_REQUIRED),
        ({"domicilio.numExteriorAlf": ""}, MSG_REQUIRED),
        (
            {"domicilio.codigoPostal.codigoPostal": "85930"},
            "El Código Postal 85930 no se encuentra relacionado a ninguna Unidad Médica Familiar "
            "(UMF)",
        ),
        (
            {"domicilio.codigoPostal.codigoPostal": "00000"},
            "No se localizó información con el código postal ingresado.",
        ),
    ],
)
def test_an_incomplete_address_goes_back_with_the_message(
    portal: MockPortal, change: dict[str, str], message: str
) -> None:
    client = NssClient(portal)
    client.confirmed()
    reply = client.request(SD + "/asignacionNSS/finalizar", {**ADDRESS, **change})
    assert reply.headers["Location"] == ADDRESS_URL
    assert mensaje_error(client.follow(ADDRESS_URL).text) == ("block", message)
    assert mensaje_error(client.follow(ADDRESS_URL).text) == ("none", "")  # shown once
    assert not [m for m in portal.outbox if m["attachments"]]


def test_no_umf_for_the_home_address_is_an_answer_of_its_own(portal: MockPortal) -> None:
    portal.configure(**{"imss.answer": "sin_umf_domicilio"})
    client = NssClient(portal)
    client.confirmed()
    reply = client.request(SD + "/asignacionNSS/finalizar", ADDRESS)
    assert reply.headers["Location"] == ADDRESS_URL
    assert mensaje_error(client.follow(ADDRESS_URL).text) == (
        "block",
        "No se encontraron UMF asociadas a su domicilio particular, para continuar con el "
        "trámite es necesario que acuda a una Subdelegación",
    )


# -- the path's other answers -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (
            {"imss.answer": "solicitud_existente"},
            "Usted ya cuenta con una solicitud para Generación de Número de Seguridad Social "
            "registrada, cuyo folio es: FOLIO",
        ),
        (
            {"imss.answer": "falla_renapo"},
            "Debido a una falla técnica, no se pudo verificar tu CURP ante el Registro Nacional "
            "de Población...",
        ),
        (
            {"imss.answer": "limite_operaciones"},
            "El número de operaciones por periodo ha sido alcanzada (1 operación(es) cada 1 "
            "día(s)) , favor de intentar más tarde.",
        ),
        (
            {"imss.answer": "limite_operaciones", "period_operations": 3, "period_days": 30},
            "El número de operaciones por periodo ha sido alcanzada (3 operación(es) cada 30 "
            "día(s)) , favor de intentar más tarde.",
        ),
        (
            {"imss.answer": "correo_otra_curp"},
            "El correo electrónico que capturó ya se encuentra registrado en el Instituto "
            "relacionado a una CURP distinta a la capturada.",
        ),
        (
            {"subdelegacion": True},
            'Tu solicitud requiere que acudas a la subdelegación.<br><a href="https://www.imss.'
            'gob.mx/tramites/imss02008" target="_blank" id="requisitos">Consulta los requisitos'
            "</a>",
        ),
    ],
    ids=["existente", "renapo", "limite", "limite-n-m", "correo", "subdelegacion"],
)
def test_the_forms_known_answers_are_shown_verbatim(
    portal: MockPortal, settings: dict[str, Any], message: str
) -> None:
    portal.configure(**settings)
    client = NssClient(portal)
    reply = client.submit()
    assert reply.headers["Location"] == f"{LIVE_SD}/asignacionNSS"
    shown = alert_danger(client.follow(reply.headers["Location"]).text)
    folio = re.search(r"cuyo folio es: (\d{10})$", shown)
    assert shown == (message.replace("FOLIO", folio.group(1)) if folio else message)
    assert portal.outbox == []


def test_a_wrong_captcha_gets_the_applications_own_wording(portal: MockPortal) -> None:
    client = NssClient(portal)
    page = client.follow(client.submit(captcha="zzz").headers["Location"]).text
    assert alert_danger(page) == "El captcha no fue válido, favor de intentar nuevamente"


@pytest.mark.parametrize(
    ("settings", "modal", "form"),
    [
        ({}, "none", "block"),
        ({"imss.welcome_every_load": True}, "block", "none"),
        ({"imss.welcome_every_load": True, "imss.welcome_overlay": True}, "block", "block"),
    ],
    ids=["answer-without-modal", "modal-every-load", "modal-over-the-form"],
)
def test_the_welcome_modal_may_open_again_with_the_sends_answer(
    portal: MockPortal, settings: dict[str, Any], modal: str, form: str
) -> None:
    """PORTALS.md: the form "opens with a modal"; whether a re-render does is not known."""
    portal.configure(**settings)
    client = NssClient(portal)
    page = client.follow(client.submit(captcha="zzz").headers["Location"]).text
    assert alert_danger(page) == "El captcha no fue válido, favor de intentar nuevamente"
    assert f'<div id="modalBienvenida" style="display:{modal}">' in page
    assert f'<main id="contenido" style="display:{form}">' in page


# -- the emailed link ---------------------------------------------------------------------------
def test_a_link_is_good_once(portal: MockPortal) -> None:
    client = NssClient(portal)
    client.confirmed()
    assert "Este token ya fue utilizado" in client.follow(client.link()).text


def test_a_link_from_another_day_has_expired(portal: MockPortal) -> None:
    portal.configure(token_expired=True)
    client = NssClient(portal)
    client.submit()
    expired = client.follow(client.link())
    assert expired.status == 200
    assert '<div class="alert alert-danger">Token expirado</div>' in expired.text
    assert "Token expirado" in client.follow(client.link()).text  # still expired, not used


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda link: re.sub(r"token=[^&]*", "token=", link), "Token invalido"),
        (lambda link: re.sub(r"token=[^&]*&", "", link), "Token invalido"),
        (lambda link: link.replace("token=", "token=%21%21"), "Token invalido"),
        (lambda link: link.replace("token=", "token=x"), "Confirmación inválida"),
        (
            lambda link: link.replace(f"curp={CURP}", "curp=BEML920313HMCLNS09"),
            "Confirmación inválida",
        ),
        (lambda link: link.replace("correo=", "correo=otro"), "Confirmación inválida"),
    ],
    ids=["empty", "missing", "malformed", "unknown", "other-curp", "other-email"],
)
def test_a_bad_link_says_why(portal: MockPortal, change: Any, message: str) -> None:
    client = NssClient(portal)
    client.submit()
    page = client.follow(change(client.link()))
    assert f'<div class="alert alert-danger">{message}</div>' in page.text
    assert client.follow(client.link()).headers["Location"] == ADDRESS_URL  # still unused


def test_the_link_can_give_a_known_answer_of_the_path_and_keep_its_token(
    portal: MockPortal,
) -> None:
    portal.configure(**{"imss.link_answer": "falla_renapo"})
    client = NssClient(portal)
    client.submit()
    page = client.follow(client.link())
    assert page.status == 200
    assert alert_danger(page.text) == (
        "Debido a una falla técnica, no se pudo verificar tu CURP ante el Registro Nacional de "
        "Población..."
    )
    tokens = portal.site("imss").tokens  # type: ignore[attr-defined]
    assert [confirmation.used for confirmation in tokens.values()] == [False]


# -- the final page -----------------------------------------------------------------------------
def finished_client(portal: MockPortal) -> NssClient:
    client = NssClient(portal)
    client.confirmed()
    client.request(SD + "/asignacionNSS/finalizar", ADDRESS)
    return client


@pytest.mark.parametrize(
    ("action", "disposition", "title"),
    [
        ("getComprobante", "inline;filename = comprobanteNSS.pdf", "Comprobante"),
        ("downloadComprobante", "attachment;filename = comprobanteNSS.pdf", "Comprobante"),
        ("getTarjetaNSS", "inline;filename = tarjetaNSS.pdf", "Tarjeta"),
        ("downloadTarjetaNSS", "attachment;filename = tarjetaNSS.pdf", "Tarjeta"),
    ],
)
def test_the_final_pages_documents(
    portal: MockPortal, action: str, disposition: str, title: str
) -> None:
    client = finished_client(portal)
    status, headers, body = client.post_form(f"{SD}/asignacionNSS/{action}")
    assert status == 200
    assert headers["Content-Type"] == "application/pdf"
    assert headers["Content-Disposition"] == disposition
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    assert text.startswith(f"{title} de Número de Seguridad Social")
    assert nss_for(CURP) in text
    # Another visitor, with no finished request, gets no document.
    status, headers, body = NssClient(portal).post_form(f"{SD}/asignacionNSS/{action}")
    assert headers["Content-Type"].startswith("text/html")
    assert "No hay una solicitud en proceso" in body.decode()


def test_resend_sends_at_most_three_times_with_the_same_answer(portal: MockPortal) -> None:
    client = finished_client(portal)
    before = len(portal.outbox)
    for _ in range(5):
        status, _, body = client.post_form(f"{SD}/asignacionNSS/reenvioMail")
        assert (status, json.loads(body)) == (200, {"mensaje": "El comprobante ha sido reenviado"})
    resent = portal.outbox[before:]
    assert len(resent) == 3
    assert all(m["to"] == EMAIL and len(m["attachments"]) == 2 for m in resent)


def test_the_final_page_is_served_under_both_paths(portal: MockPortal) -> None:
    client = finished_client(portal)
    for path in ("/asignacionNSS/solicitudFinalizada", "/solicitudFinalizada"):
        assert "Asignación de NSS exitosa." in client.request(SD + path).text


# -- drift and settings -------------------------------------------------------------------------
def test_drift_renames_the_address_steps_continue_and_the_postal_code_input(
    portal: MockPortal,
) -> None:
    portal.configure(drift=True)
    client = NssClient(portal)
    client.confirmed()
    page = client.follow(ADDRESS_URL).text
    assert 'id="continuar"' not in page and 'id="siguiente"' in page
    assert "domicilio.codigoPostal.codigoPostal" not in page and 'name="domicilio.cp"' in page
    name = "serviciosdigitales.imss.gob.mx/gestionAsegurados-web-externo/capturaDomicilio.html"
    for template in (name, COMPONENT):
        expected = portal.pages.template(template)
        for original, drifted in DRIFTS[template]:
            expected = expected.replace(original, drifted)
        assert portal.pages.template(template, DRIFTS[template]) == expected


@pytest.mark.parametrize(
    "settings",
    [
        {"imss.answer": "otra"},
        {"imss.period_operations": 0},
        {"imss.period_days": 1001},
        {"imss.ajax_delay": -1.0},
        {"imss.link_answer": "otra"},
    ],
)
def test_settings_out_of_range_are_refused(portal: MockPortal, settings: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        portal.configure(**settings)


# -- in a browser --------------------------------------------------------------------------------
def address_step(portal: MockPortal, page: Page) -> None:
    """The emailed link, opened in the browser (a new session): the address step."""
    client = NssClient(portal)
    client.submit()
    page.goto(client.link())
    expect(page).to_have_url(ADDRESS_URL)


@pytest.mark.browser
def test_browser_the_address_step_with_the_postal_code_component(
    portal: MockPortal, page: Page
) -> None:
    address_step(portal, page)
    cp = page.locator('[id="domicilio.codigoPostal.codigoPostal"]')
    colonias = page.locator('[id="domicilio.asentamiento.clave"]')
    continuar = page.locator("#continuar")
    mensaje = page.locator("div.alert.alert-danger#mensajeError")
    expect(continuar).to_be_hidden()
    expect(page.locator('[id="domicilio.calle"]')).to_be_hidden()

    cp.fill("9a1")  # digits only
    expect(cp).to_have_value("91")
    cp.fill("00000")
    page.locator("#busquedaCp").click()
    dialog = page.get_by_role("dialog", name="Error")
    expect(dialog).to_contain_text("No se localizó información con el código postal ingresado.")
    dialog.get_by_role("button", name="Aceptar").click()
    expect(dialog).to_have_count(0)
    expect(cp).to_be_editable()

    cp.fill("85760")
    page.get_by_role("button", name="Buscar").click()
    expect(page.locator('[id="domicilio.estado"]')).to_have_value("SONORA")
    expect(page.locator('[id="domicilio.municipio"]')).to_have_value("ÁLAMOS")
    expect(cp).not_to_be_editable()
    expect(mensaje).to_have_text(
        "El Código Postal 85760 no se encuentra relacionado a ninguna Unidad Médica Familiar (UMF)"
    )
    expect(continuar).to_be_hidden()

    page.get_by_role("button", name="Limpiar").click()
    expect(cp).to_have_value("")
    expect(cp).to_be_editable()
    expect(mensaje).to_be_hidden()

    cp.fill("91000")
    page.locator("#busquedaCp").click()
    # The colonias arrive after the search (AJAX, with the mock's delay).
    expect(colonias.locator("option")).to_have_text(
        ["--Selecciona por favor--", "CENTRO", "AGUACATAL", "LOS ÁNGELES"]
    )
    expect(continuar).to_be_visible()
    expect(mensaje).to_be_hidden()

    continuar.click()  # nothing chosen yet: the page says so, nothing is sent
    expect(mensaje).to_have_text(MSG_REQUIRED)
    assert portal.posts("asignacionNSS/finalizar") == 0

    page.locator("#cancelar").click()
    cancel = page.get_by_role("dialog", name="Atención")
    expect(cancel).to_contain_text("¿Estás seguro que deseas cancelar?")
    expect(cancel.get_by_role("button")).to_have_text(["No", "Si"])
    cancel.get_by_role("button", name="No").click()
    expect(cancel).to_have_count(0)

    colonias.select_option(label="AGUACATAL")
    calle = page.locator('[id="domicilio.calle"]')
    calle.fill("calle de prueba")
    expect(calle).to_have_css("text-transform", "uppercase")
    page.locator('[id="domicilio.numExteriorAlf"]').fill("12")
    continuar.click()
    expect(page).to_have_url(FINAL_URL)
    expect(page.locator("div.alert.alert-success")).to_have_text(
        f"Asignación de NSS exitosa.NSS: {nss_for(CURP)}"
    )
    assert portal.posts("asignacionNSS/finalizar") == 1


@pytest.mark.browser
def test_browser_cancelling_the_address_step_goes_back_to_the_start(
    portal: MockPortal, page: Page
) -> None:
    address_step(portal, page)
    page.get_by_role("button", name="Cancelar").click()
    page.get_by_role("dialog", name="Atención").get_by_role("button", name="Si").click()
    expect(page).to_have_url(f"{LIVE_SD}/asignacionNSS")
    assert portal.posts("asignacionNSS/finalizar") == 0

"""The clinic (UMF) application on the mock (PORTALS.md, "IMSS: alta en clínica / UMF"): its
information page, step 1 and every known answer (a student refused online by default), step 2's
chained selects, `validaciones` and `finalizar`, the final page and the acuse; over HTTP, and
step 2 with its dialogs in a real Chromium."""

from __future__ import annotations

import io
import json
import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader
from test_mock import CURP, EMAIL
from test_mock_nss import NssClient

from autohelper.mock import MockPortal
from autohelper.mock.captcha import nss_for
from autohelper.mock.umf import ANSWERS, DRIFTS, TEMPLATES, synthetic_name

HOST = "serviciosdigitales.imss.gob.mx"
APP = f"/{HOST}/portal-ciudadano-web-externo"
UMF = f"{APP}/derechohabientes/tramite"
LIVE_UMF = f"https://{HOST}/portal-ciudadano-web-externo/derechohabientes/tramite"
NSS = nss_for(CURP)
STUDENT = "No es posible realizar el trámite por internet para estudiantes."
CAPTCHA_WRONG = "La información del captcha no coincide, favor de intentar nuevamente."
EMAIL_MISMATCH = "Los correos electrónicos no coinciden, verifíquelos."  # assumed (configurable)
NO_CLINIC = (
    "No se localizó ninguna clínica con el código postal capturado, por favor preséntese a su "
    "clínica más cercana para realizar el trámite."
)
CHOICE = {
    "domicilio.codigoPostal.codigoPostal": "91000",
    "domicilio.asentamiento.clave": "0001",
    "domicilio.calle": "Calle de Prueba",
    "domicilio.numExteriorAlf": "12",
    "domicilio.numInteriorAlf": "",
    "medicoEnTurno.unidadMedicaFamiliar.idUMF": "3001",
    "medicoEnTurno.turno.idTurno": "2",
    "medicoEnTurno.consultorio.idConsultorio": "15",
}


class UmfClient(NssClient):
    """A visitor of the clinic application (its own session cookie)."""

    def step1(self, **changes: str) -> Any:
        """Load the form and its CAPTCHA, then post it like `button#continuar`."""
        assert self.request(UMF + "/registro").status == 200
        assert self.request(APP + "/servlet/CaptchaServlet?1").status == 200
        form = {
            "curp": CURP,
            "nss": NSS,
            "correoElectronico.correo": EMAIL,
            "correoElectronicoFiscal.correo": EMAIL,
            "captcha": self.oracle(),
            **changes,
        }
        return self.request(UMF + "/validar", form)

    def answer(self, **changes: str) -> str:
        """Step 1's message (the alert above the form after the redirect)."""
        reply = self.step1(**changes)
        assert reply.status == 302 and reply.headers["Location"] == f"{LIVE_UMF}/registro"
        page = self.follow(reply.headers["Location"]).text
        match = re.search(
            r'<div class="alert alert-danger">(.*?)</div>\s*<form id="registroAseguradoDatos'
            r'BasicosForm"',
            page,
            re.S,
        )
        assert match, "no message above the form"
        return match.group(1)

    def json(self, path: str, data: dict[str, str] | None = None) -> tuple[int, Any]:
        reply = self.request(path, data)
        return reply.status, json.loads(reply.text)


def in_step2(portal: MockPortal) -> UmfClient:
    portal.configure(**{"umf.students_online": True})
    client = UmfClient(portal)
    reply = client.step1()
    assert reply.headers["Location"] == f"{LIVE_UMF}/registro/inicio"
    return client


# -- the information page and step 1 ------------------------------------------------------------
def test_the_information_page_links_to_the_online_form(portal: MockPortal) -> None:
    page = UmfClient(portal).request("/www.imss.gob.mx/tramites/registro-umf")
    assert page.status == 200
    assert f'href="{LIVE_UMF}/registro">Registro en línea</a>' in page.text


def test_step_1_has_the_known_fields_and_texts(portal: MockPortal) -> None:
    page = UmfClient(portal).request(UMF + "/registro").text
    for step in ("Paso 2 Capturar dirección", "Paso 3 Seleccionar clínica", "Paso 4 Trámite"):
        assert step in page
    assert (
        "Tener a la mano: CURP, Código postal, Correo electrónico válido, el cual será asociado "
        "a tu CURP"
    ) in page
    assert (
        '<form id="registroAseguradoDatosBasicosForm" action="/portal-ciudadano-web-externo/'
        'derechohabientes/tramite/validar" method="post">'
    ) in page
    assert re.search(r'id="registroCurp"[^>]*placeholder="Ingresa tu CURP"', page)
    assert 'id="nss" name="nss"' in page
    assert 'id="correoInput"' in page
    assert 'placeholder="Confirma tu correo electrónico"' in page
    assert 'id="correoConfirmacionInput"' in page
    assert "Escribe las letras de la imagen que se muestra" in page
    assert '<button type="submit" id="continuar" class="btn btn-primary">Continuar</button>' in page
    assert "chkTCActualizaCURP" not in page  # only sometimes
    assert '<div class="alert' not in page and "127.0.0.1" not in page


def test_the_terms_checkbox_shows_when_asked_and_is_then_required(portal: MockPortal) -> None:
    portal.configure(**{"umf.terms_checkbox": True, "umf.students_online": True})
    client = UmfClient(portal)
    page = client.request(UMF + "/registro").text
    assert 'type="checkbox" id="chkTCActualizaCURP"' in page
    assert "He leído y acepto los Términos y condiciones" in page
    assert client.answer() == "Este campo es obligatorio."
    reply = client.step1(aceptaTerminos="true")
    assert reply.headers["Location"] == f"{LIVE_UMF}/registro/inicio"


def test_its_captcha_servlet_is_its_own_and_answers_one_send(portal: MockPortal) -> None:
    portal.configure(**{"umf.students_online": True})
    client = UmfClient(portal)
    texts = set()
    for n in range(3):
        image = client.request(f"{APP}/servlet/CaptchaServlet?{n}")
        assert image.headers["Content-Type"] == "image/svg+xml"
        texts.add(client.oracle())
    assert len(texts) == 3  # a new text on every load
    assert [c.name for c in client.jar] == ["JSESSIONID"]  # the clinic application's session
    form = {
        "curp": CURP,
        "nss": NSS,
        "correoElectronico.correo": EMAIL,
        "correoElectronicoFiscal.correo": EMAIL,
        "captcha": client.oracle(),
    }
    assert client.request(UMF + "/validar", form).headers["Location"].endswith("/inicio")
    again = client.request(UMF + "/validar", form)  # the same answer again: already used
    assert again.headers["Location"] == f"{LIVE_UMF}/registro"
    assert CAPTCHA_WRONG in client.follow(again.headers["Location"]).text


def test_a_student_is_refused_online_by_default(portal: MockPortal) -> None:
    client = UmfClient(portal)
    reply = client.step1(curp=CURP.lower())
    assert reply.headers["Location"] == f"{LIVE_UMF}/registro"
    page = client.follow(reply.headers["Location"]).text
    assert f'<div class="alert alert-danger">{STUDENT}</div>' in page
    for kept in (f'value="{CURP.lower()}"', f'value="{NSS}"', f'value="{EMAIL}"'):
        assert kept in page  # what was typed stays; the CAPTCHA does not
    assert '<div class="alert' not in client.request(UMF + "/registro").text  # shown once
    assert (
        client.follow(f"{LIVE_UMF}/registro/inicio").headers["Location"] == f"{LIVE_UMF}/registro"
    )


@pytest.mark.parametrize("name", sorted(ANSWERS))
def test_every_known_answer_can_be_chosen(portal: MockPortal, name: str) -> None:
    portal.configure(**{"umf.answer": name, "umf.students_online": True})
    assert UmfClient(portal).answer() == ANSWERS[name]


def test_the_known_answers_are_verbatim() -> None:
    assert ANSWERS["estudiante"] == STUDENT
    assert ANSWERS["estudiante_anterior"] == (
        "El NSS proporcionado corresponde al de un estudiante, para realizar el trámite es "
        "necesario acudir a ventanilla."
    )
    assert ANSWERS["nss_no_localizado"] == (
        "El Instituto (IMSS) no ha podido localizar tu Número de Seguridad Social (NSS), por "
        "favor consúltalo aquí."
    )
    assert ANSWERS["baja"] == (
        "El asegurado/pensionado se encuentra en baja, su situación de vigencia no permite "
        "realizar la solicitud"
    )
    assert ANSWERS["inconsistencias"].startswith("Se encontraron inconsistencias en tus datos")
    assert len(ANSWERS) == 12


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"nss": ""}, "Este campo es obligatorio."),
        ({"captcha": "zzzzz"}, CAPTCHA_WRONG),
        ({"curp": "HEGG560427XVZRRL0"}, ANSWERS["renapo"]),
        ({"nss": NSS[:10] + str((int(NSS[10]) + 1) % 10)}, ANSWERS["nss_no_localizado"]),
        ({"correoElectronicoFiscal.correo": "otro@example.com"}, EMAIL_MISMATCH),
    ],
    ids=["required", "captcha", "curp", "nss-check-digit", "email"],
)
def test_step_1_checks_what_it_is_given(
    portal: MockPortal, changes: dict[str, str], message: str
) -> None:
    portal.configure(**{"umf.students_online": True})
    assert UmfClient(portal).answer(**changes) == message


# -- step 2 -------------------------------------------------------------------------------------
def test_students_online_reach_step_2(portal: MockPortal) -> None:
    client = in_step2(portal)
    page = client.follow(f"{LIVE_UMF}/registro/inicio").text
    assert f'Bienvenido: <strong id="nombreAsegurado">{synthetic_name(CURP)}</strong>' in page
    assert synthetic_name(CURP) == "GLORIA HERNANDEZ GARCIA"  # the fixture profile's initials
    assert f'CURP: <span id="curpAsegurado">{CURP}</span>' in page
    assert "Para ubicar tu clínica, ingresa los datos de tu domicilio." in page
    assert 'name="domicilio.codigoPostal.codigoPostal"' in page and 'id="busquedaCp"' in page
    assert '<form id="datosDomicilioUmfForm"' in page
    assert "Selecciona la clínica o UMF y el turno de tu preferencia." in page
    for field, label in (
        ("medicoEnTurno.unidadMedicaFamiliar.idUMF", "Clínica o UMF*:"),
        ("medicoEnTurno.turno.idTurno", "Turno*:"),
    ):
        assert f'<label for="{field}">{label}</label>' in page
        assert re.search(
            rf'<select id="{re.escape(field)}" name="{re.escape(field)}"[^>]*>\s*'
            r'<option value="-1">--Selecciona por favor--</option>\s*</select>',
            page,
        )
    assert re.search(
        r'id="medicoEnTurno\.consultorio\.idConsultorio" '
        r'name="medicoEnTurno\.consultorio\.idConsultorio" class="form-control" readonly',
        page,
    )
    assert (
        '<button type="button" id="cancelarTramite" class="btn btn-default">Cancelar</button>'
        in (page)
    )
    assert (
        '<button type="button" id="validarInfo" class="btn btn-primary" style="display:none">'
        "Continuar</button>"
    ) in page


def test_the_selects_are_filled_in_a_chain(portal: MockPortal) -> None:
    client = in_step2(portal)
    status, everything = client.json(UMF + "/registro/umfs?codigoPostal=91000")
    assert status == 200 and everything["correcto"] is True
    assert [u["descripcion"] for u in everything["umfs"]] == [
        "UMF No. 10 XALAPA",
        "UMF No. 66 XALAPA",
    ]
    _, aguacatal = client.json(UMF + "/registro/umfs?codigoPostal=91000&asentamiento=0002")
    [umf] = aguacatal["umfs"]
    assert umf["idUMF"] == "3002" and umf["direccion"] and umf["horario"]
    _, shifts = client.json(UMF + "/registro/turnos?idUMF=3001")
    assert shifts == [
        {"idTurno": "1", "descripcion": "MATUTINO 08:00 A 14:00"},
        {"idTurno": "2", "descripcion": "VESPERTINO 14:00 A 20:00"},
    ]
    assert client.json(UMF + "/registro/consultorio?idUMF=3001&idTurno=2")[1] == {
        "idConsultorio": "15"
    }
    assert client.json(UMF + "/registro/umfs?codigoPostal=85760") == (
        200,
        {"correcto": False, "mensaje": NO_CLINIC, "umfs": []},
    )


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        (
            {"medicoEnTurno.unidadMedicaFamiliar.idUMF": "-1", "medicoEnTurno.turno.idTurno": "-1"},
            [
                [
                    "medicoEnTurno.unidadMedicaFamiliar.idUMF",
                    "Para poder continuar es requerido que seleccione la clínica y/o el turno",
                ]
            ],
        ),
        (
            {"medicoEnTurno.turno.idTurno": "-1"},
            [["medicoEnTurno.turno.idTurno", "Selecciona el turno de tu preferencia"]],
        ),
        (
            {"domicilio.asentamiento.clave": "0002"},  # UMF No. 10 does not serve this colonia
            [
                [
                    "medicoEnTurno.unidadMedicaFamiliar.idUMF",
                    "Para poder continuar es requerido que seleccione la clínica y/o el turno",
                ]
            ],
        ),
        (
            {"domicilio.calle": "", "domicilio.numExteriorAlf": " "},
            [
                ["domicilio.calle", "Este campo es obligatorio."],
                ["domicilio.numExteriorAlf", "Este campo es obligatorio."],
            ],
        ),
    ],
    ids=["no-clinic", "no-turno", "clinic-of-another-colonia", "no-street"],
)
def test_validaciones_answers_412_with_the_field_errors(
    portal: MockPortal, changes: dict[str, str], errors: list[list[str]]
) -> None:
    client = in_step2(portal)
    status, answer = client.json(UMF + "/registro/validaciones", {**CHOICE, **changes})
    assert status == 412
    assert [[e["campo"], e["mensaje"]] for e in answer["errores"]] == errors
    assert client.json(UMF + "/registro/validaciones", CHOICE) == (
        200,
        {"correcto": True, "mensaje": ""},
    )
    assert portal.site("umf").finalizations == 0


def test_validaciones_says_when_no_clinic_serves_the_postal_code(portal: MockPortal) -> None:
    client = in_step2(portal)
    for code in ("85760", "00000"):
        changed = {**CHOICE, "domicilio.codigoPostal.codigoPostal": code}
        assert client.json(UMF + "/registro/validaciones", changed) == (
            200,
            {"correcto": False, "mensaje": NO_CLINIC},
        )


def test_finalizar_registers_once_and_the_final_page_shows_it(portal: MockPortal) -> None:
    client = in_step2(portal)
    assert client.request(f"{UMF}/solicitud/finalizada").status == 302  # nothing registered yet
    status, answer = client.json(UMF + "/registro/finalizar", CHOICE)
    assert status == 200 and answer["correcto"] is True
    assert client.json(UMF + "/registro/finalizar", CHOICE)[1] == {
        "correcto": False,
        "mensaje": "Ya se encuentra registrado el NSS en alguna clínica.",
    }
    assert portal.site("umf").finalizations == 1
    page = client.request(f"{UMF}/solicitud/finalizada").text
    assert '<div class="alert alert-success">Haz finalizado tu trámite con éxito</div>' in page
    assert "Estos son los datos de tu trámite en línea:" in page
    assert (
        "<th>Folio</th><th>Fecha y hora</th><th>Clínica asignada</th>"
        "<th>Dirección de la clínica o UMF</th><th>Turno</th><th>Consultorio</th>"
    ) in page
    row = re.search(
        r'<table class="table" id="tblDetalleSolicitud">.*?<tbody>\s*<tr>(.*?)</tr>', page, re.S
    )
    assert row
    cells = re.findall(r"<td>(.*?)</td>", row.group(1))
    assert re.fullmatch(r"\d{10}", cells[0])
    assert re.fullmatch(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}", cells[1])
    assert cells[2:] == [
        "UMF No. 10 XALAPA",
        "AV. DE LAS PRUEBAS 100, COL. CENTRO, C.P. 91000, XALAPA, VER.",
        "VESPERTINO 14:00 A 20:00",
        "15",
    ]
    assert (
        "Siguientes pasos:</strong> Imprime los documentos generados y preséntate directamente "
        "en tu consultorio asignado."
    ) in page
    assert ">Imprimir comprobante</a>" in page
    assert '<button type="button" id="cerrarDetalle" class="btn btn-primary">Salir del trámite' in (
        page
    )
    # The acuse: downloaded, and emailed (assumed) to the address given at step 1.
    status, headers, body = client.raw(f"{UMF}/solicitud/acuse")
    assert (
        status == 200 and headers["Content-Disposition"] == "attachment;filename = acuseTramite.pdf"
    )
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages)
    assert f"Folio: {cells[0]}" in text and "UMF No. 10 XALAPA" in text and NSS in text
    [message] = portal.outbox
    assert message["to"] == EMAIL
    assert [a["filename"] for a in message["attachments"]] == ["acuseTramite.pdf"]
    # The NSS is registered now: step 1 says so to anyone who tries again.
    assert UmfClient(portal).answer() == "Ya se encuentra registrado el NSS en alguna clínica."


@pytest.mark.parametrize(
    ("style", "thead", "first"),
    [
        ("uppercase", '<thead style="text-transform:uppercase">', "<th>Folio</th>"),
        ("nbsp", "<thead>", "<th>&nbsp;Folio</th>"),
    ],
)
def test_the_final_tables_header_row_may_be_styled_its_words_kept(
    portal: MockPortal, style: str, thead: str, first: str
) -> None:
    portal.configure(**{"umf.table_header": style})
    client = in_step2(portal)
    assert client.json(UMF + "/registro/finalizar", CHOICE)[1]["correcto"] is True
    page = client.request(f"{UMF}/solicitud/finalizada").text
    assert f"{thead}<tr>{first}" in page
    words = re.findall(r"<th>(?:&nbsp;)?(.*?)</th>", page)
    assert words == [
        "Folio",
        "Fecha y hora",
        "Clínica asignada",
        "Dirección de la clínica o UMF",
        "Turno",
        "Consultorio",
    ]


def test_step_2_needs_step_1(portal: MockPortal) -> None:
    client = UmfClient(portal)
    assert client.request(f"{UMF}/registro/inicio").headers["Location"] == f"{LIVE_UMF}/registro"
    status, answer = client.json(UMF + "/registro/finalizar", CHOICE)
    assert status == 200 and answer["correcto"] is False
    assert portal.site("umf").finalizations == 0


def test_the_two_applications_of_the_host_keep_their_own_sessions(portal: MockPortal) -> None:
    client = UmfClient(portal)
    client.request(UMF + "/registro")
    client.request("/serviciosdigitales.imss.gob.mx/gestionAsegurados-web-externo/asignacionNSS")
    cookies = {cookie.name for cookie in client.jar}
    assert cookies == {"JSESSIONID", "JSESSIONIDASEGEXTERNO"}
    assert client.request(f"{APP}/no-existe").status == 404


def test_drift_changes_each_page_only_by_its_declared_transforms(portal: MockPortal) -> None:
    portal.configure(drift=True, **{"umf.students_online": True})
    client = UmfClient(portal)
    assert 'id="registroCurp"' not in client.request(UMF + "/registro").text
    assert "UMF No." not in json.dumps(DRIFTS)  # drifts change markup, not data
    client.request(APP + "/servlet/CaptchaServlet")
    form = {
        "curp": CURP,
        "nss": NSS,
        "correoElectronico.correo": EMAIL,
        "correoElectronicoFiscal.correo": EMAIL,
        "captcha": client.oracle(),
    }
    client.request(UMF + "/validar", form)
    step2 = client.request(UMF + "/registro/inicio").text
    assert 'id="medicoEnTurno.unidadMedicaFamiliar.idUMF"' not in step2
    assert 'id="medicoEnTurno.umf.id"' in step2 and 'name="domicilio.cp"' in step2
    for name in ("registro", "registro/inicio", "solicitud/finalizada"):
        template = f"{TEMPLATES}/{name}.html"
        expected = portal.pages.template(template)
        for original, drifted in DRIFTS[template]:
            assert original in expected
            expected = expected.replace(original, drifted)
        assert portal.pages.template(template, DRIFTS[template]) == expected


@pytest.mark.parametrize(
    "settings",
    [{"umf.answer": "otra"}, {"umf.ajax_delay": 601.0}, {"umf.table_header": "negritas"}],
)
def test_umf_settings_out_of_range_are_refused(
    portal: MockPortal, settings: dict[str, Any]
) -> None:
    with pytest.raises(ValueError):
        portal.configure(**settings)


# -- in a browser -------------------------------------------------------------------------------
def browser_step1(portal: MockPortal, page: Page) -> None:
    """Step 1 in the browser, answered with the oracle read through the page (same session)."""
    page.goto(f"{LIVE_UMF}/registro")
    page.locator("#registroCurp").fill(CURP.lower())
    page.locator("#nss").fill(NSS)
    page.locator("#correoInput").fill(EMAIL)
    page.locator("#correoConfirmacionInput").fill(EMAIL)
    expect(page.locator("#captchaImg")).to_have_js_property("complete", True)
    answer = page.evaluate("fetch('/__mock__/captcha').then(r => r.text())")
    page.get_by_label("Escribe las letras de la imagen que se muestra").fill(answer)
    page.locator("button#continuar").click()


@pytest.mark.browser
def test_browser_the_student_refusal_shows_above_the_form(portal: MockPortal, page: Page) -> None:
    browser_step1(portal, page)
    expect(page).to_have_url(f"{LIVE_UMF}/registro")
    expect(page.locator("div.alert.alert-danger")).to_have_text(STUDENT)
    expect(page.locator("#registroCurp")).to_have_value(CURP)  # upper-cased on blur, kept


@pytest.mark.browser
def test_browser_step_2_chained_selects_the_dialog_and_the_acuse(
    portal: MockPortal, page: Page
) -> None:
    portal.configure(**{"umf.students_online": True})
    browser_step1(portal, page)
    expect(page).to_have_url(f"{LIVE_UMF}/registro/inicio")
    expect(page.locator("#datosAsegurado")).to_contain_text(f"Bienvenido: {synthetic_name(CURP)}")
    validar = page.locator("#validarInfo")
    expect(validar).to_be_hidden()
    page.locator('[id="domicilio.codigoPostal.codigoPostal"]').fill("91000")
    page.locator("#busquedaCp").click()
    expect(validar).to_be_visible()  # the postal code was found and has clinics

    umf = page.locator('[id="medicoEnTurno.unidadMedicaFamiliar.idUMF"]')
    turno = page.locator('select[name="medicoEnTurno.turno.idTurno"]')
    consultorio = page.locator('[id="medicoEnTurno.consultorio.idConsultorio"]')
    page.locator('[id="domicilio.asentamiento.clave"]').select_option(label="CENTRO")
    expect(umf.locator("option")).to_have_text(
        ["--Selecciona por favor--", "UMF No. 10 XALAPA", "UMF No. 66 XALAPA"]
    )
    expect(turno.locator("option")).to_have_count(1)
    umf.select_option(label="UMF No. 10 XALAPA")
    expect(page.locator("#datosUmf")).to_contain_text(
        "AV. DE LAS PRUEBAS 100, COL. CENTRO, C.P. 91000, XALAPA, VER."
    )
    expect(page.locator("#datosUmf")).to_contain_text("LUNES A VIERNES DE 08:00 A 20:00")
    expect(turno.locator("option")).to_have_text(
        ["--Selecciona por favor--", "MATUTINO 08:00 A 14:00", "VESPERTINO 14:00 A 20:00"]
    )

    validar.click()  # no turno yet: the 412's message beside the field
    expect(page.locator('span.error[data-campo="medicoEnTurno.turno.idTurno"]')).to_have_text(
        "Selecciona el turno de tu preferencia"
    )
    expect(page.locator('span.error[data-campo="medicoEnTurno.turno.idTurno"]')).to_be_visible()
    expect(page.locator("#mensajesError")).to_contain_text("Este campo es obligatorio.")

    turno.select_option(label="VESPERTINO 14:00 A 20:00")
    expect(consultorio).to_have_value("15")
    expect(consultorio).not_to_be_editable()
    page.locator('[id="domicilio.calle"]').fill("Calle de Prueba")
    page.locator('[id="domicilio.numExteriorAlf"]').fill("12")

    validar.click()
    dialog = page.get_by_role("dialog", name="Confirmación requerida")
    expect(dialog).to_contain_text(
        "Los datos ingresados son los siguientes: UMF: UMF No. 10 XALAPA Turno: VESPERTINO "
        "14:00 A 20:00 Consultorio : 15"
    )
    expect(dialog.get_by_role("button")).to_have_text(["Cancelar", "Aceptar"])
    dialog.get_by_role("button", name="Cancelar").click()
    expect(dialog).to_have_count(0)
    assert portal.site("umf").finalizations == 0

    validar.click()
    page.get_by_role("dialog", name="Confirmación requerida").get_by_role(
        "button", name="Aceptar"
    ).click()
    expect(page).to_have_url(f"{LIVE_UMF}/solicitud/finalizada")
    expect(page.locator("div.alert.alert-success")).to_have_text(
        "Haz finalizado tu trámite con éxito"
    )
    expect(page.locator("#tblDetalleSolicitud tbody td")).to_have_count(6)
    expect(page.locator("#tblDetalleSolicitud tbody td").nth(2)).to_have_text("UMF No. 10 XALAPA")
    assert portal.site("umf").finalizations == 1
    assert portal.posts("registro/finalizar") == 1

    with page.expect_download() as download:
        page.get_by_role("link", name="Imprimir comprobante").click()
    assert download.value.suggested_filename == "acuseTramite.pdf"


@pytest.mark.browser
def test_browser_no_clinic_for_the_postal_code_and_the_cancel_dialog(
    portal: MockPortal, page: Page
) -> None:
    portal.configure(**{"umf.students_online": True})
    browser_step1(portal, page)
    expect(page).to_have_url(f"{LIVE_UMF}/registro/inicio")
    page.locator('[id="domicilio.codigoPostal.codigoPostal"]').fill("85760")
    page.get_by_role("button", name="Buscar").click()
    error = page.get_by_role("dialog", name="Error")
    expect(error).to_contain_text(NO_CLINIC)
    error.get_by_role("button", name="Aceptar").click()
    expect(error).to_have_count(0)
    expect(page.locator("#validarInfo")).to_be_hidden()

    page.locator("#cancelarTramite").click()
    warning = page.get_by_role("dialog", name="Advertencia")
    expect(warning).to_contain_text(
        "Toda la información capturada hasta el momento se perderá, ¿Está seguro que desea "
        "cancelar?"
    )
    expect(warning.get_by_role("button")).to_have_text(["No", "Si"])
    warning.get_by_role("button", name="Si").click()
    expect(page).to_have_url(f"{LIVE_UMF}/registro")
    assert portal.site("umf").finalizations == 0

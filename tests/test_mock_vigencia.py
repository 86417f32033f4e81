"""The mock's vigencia application (IMSS-02-020-B) over real HTTP: page 1 and its new session,
the shared CAPTCHA used once, every verbatim answer in the server's order, the emailed link (good
once, the same day), the constancia emailed and downloaded as a real PDF, the final page's
documents; and the modal and the whole path in a real Chromium."""

from __future__ import annotations

import base64
import datetime
import html
import http.cookiejar
import io
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from autohelper.documents import check_constancia
from autohelper.errors import UsageError
from autohelper.mock import MockPortal, vigencia
from autohelper.mock.captcha import nss_for
from autohelper.mock.config import parse_options

CURP = "HEGG560427MVZRRL04"
OTHER_CURP = "BEML920313HMCLNS09"
NSS = nss_for(CURP)
EMAIL = "estudiante.prueba@example.com"
HOST = "serviciosdigitales.imss.gob.mx"
SD = f"/{HOST}/gestionAsegurados-web-externo"
LIVE_SD = f"https://{HOST}/gestionAsegurados-web-externo"
LIVE_FORM = f"{LIVE_SD}/vigencia"
PDF_NAME = f"comprobanteVigenciaDerechos{NSS}.pdf"

# PORTALS.md's answers, verbatim, by the `vigencia.answer` name that forces each.
FORM_ANSWERS = {
    "required": "Este campo es obligatorio",
    "captcha": "El captcha no fue válido, favor de intentar nuevamente",
    "not_online": "La Constancia de Vigencia de Derechos no se puede generar por Internet. En "
    "caso de que se requiera generar su Constancia, favor de acudir a la Subdelegación",
    "email_domain": "El dominio del correo electrónico es inválido. Intente con otro",
    "gmail": "Los correos Gmail no deben contener '-' ni '+'.",
    "email_other_curp": "El correo electrónico que capturó ya se encuentra registrado en el "
    "Instituto relacionado a una CURP distinta a la capturada.",
    "period_limit": "El número de operaciones por periodo ha sido alcanzada (3 operación(es) "
    "cada 1 día(s)) , favor de intentar más tarde.",
    "clarification": "Estimado asegurado(a) o pensionado(a), el Número de seguridad social "
    "asociado a la CURP que ingresó, requiere realizar su aclaración, por lo que le "
    "agradeceremos acudir a la Subdelegación más cercana.",
    "renapo": "No se localizó información en RENAPO con la CURP capturada, por favor consúltala "
    "aquí.",
    "inconsistencies": "El Instituto (IMSS) ha localizado inconsistencias en tus datos, por lo "
    "que es necesario te presentes en tu subdelegación más cercana para regularizar tu "
    "información.",
}
LINK_ANSWERS = {
    "daily_limit": "Has agotado el número de consultas permitidas por día.<br>Podrás realizar "
    "nuevas consultas mañana o si lo prefieres puedes acudir a la Unidad Medica Familiar (UMF) "
    "que te corresponde para solicitar tu comprobante de vigencia de derechos.",
    "report_error": "Mensaje: Ocurrió un error al generar el reporte de vigencia.",
    "not_registered": f"El asegurado / pensionado con número de seguridad social {NSS} no se "
    "encuentra registrado aún como derechohabiente, por lo tanto no podrá obtener su "
    "comprobante de vigencia de derechos.",
}
SENT = (
    '<div class="alert alert-success">Para continuar con su trámite le hemos enviado una liga de '
    "confirmación a su correo electrónico.</div>"
)


@dataclass
class Reply:
    status: int
    headers: Any
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # each 302 is looked at by the test


class Client:
    """A browser-like HTTP client: keeps cookies, does not follow redirects."""

    def __init__(self, portal: MockPortal) -> None:
        self.base = portal.url
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def request(self, path: str, data: dict[str, str] | None = None) -> Reply:
        body = urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, body, timeout=10) as response:
                return Reply(response.status, response.headers, response.read())
        except urllib.error.HTTPError as error:
            return Reply(error.code, error.headers, error.read())

    def follow(self, live_url: str) -> Reply:
        """Open a live URL (a Location or an emailed link) through the mirror, as the front."""
        parts = urlsplit(live_url)
        query = f"?{parts.query}" if parts.query else ""
        return self.request(f"/{parts.netloc}{parts.path}{query}")

    @property
    def session(self) -> str:
        return next(c.value for c in self.jar if c.name == "JSESSIONIDASEGEXTERNO")

    def open_form(self) -> str:
        """Page 1 and its CAPTCHA image (the NSS application's servlet); the oracle's answer."""
        page = self.request(SD + "/vigencia")
        assert page.status == 200
        src = re.search(r'<img id="captchaImg" src="(servlet/CaptchaServlet\?\d+)"', page.text)
        assert src, "no CAPTCHA image"
        assert self.request(f"{SD}/{src.group(1)}").status == 200
        return self.request(f"/{HOST}/__mock__/captcha").text

    def send(
        self,
        curp: str = CURP,
        nss: str = NSS,
        email: str = EMAIL,
        confirm: str | None = None,
        captcha: str | None = None,
        fresh: bool = True,
    ) -> Reply:
        """Page 1 filled and sent as `#myModal`'s `#submitContinuar` sends it."""
        answer = self.open_form() if fresh else ""
        form = {
            "strTipoTramite": "vigencia",
            "curp": curp,
            "nss": nss,
            "correoElectronico.correo": email,
            "correoElectronicoFiscal.correo": email if confirm is None else confirm,
            "captcha": answer if captcha is None else captcha,
        }
        return self.request(SD + "/vigencia/consultar", form)


def danger(text: str) -> str:
    match = re.search(r'<div class="alert alert-danger">(.*?)</div>', text, re.S)
    assert match, "no answer in div.alert.alert-danger"
    return html.unescape(match.group(1))


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def emailed_link(portal: MockPortal) -> str:
    """The link of the newest email that has one (the constancia's email has none)."""
    [link] = next(e["links"] for e in reversed(portal.outbox) if e["links"])
    return str(link)


def finish(client: Client, portal: MockPortal) -> Reply:
    """Page 1 sent, then the emailed link opened in the same session: its redirect."""
    assert SENT in client.send().text
    return client.follow(emailed_link(portal))


# Page 1 -------------------------------------------------------------------------------------


def test_page_one_has_the_known_form_and_modals(portal: MockPortal) -> None:
    text = Client(portal).request(SD + "/vigencia").text
    assert (
        '<form id="registroAseguradoDatosBasicosForm" action="vigencia/consultar" method="post">'
        in text
    )
    assert re.search(
        r'id="registroCurp" name="curp" [^>]*maxlength="18" placeholder="Ingresa tu CURP"', text
    )
    assert re.search(r'id="nss" name="nss" [^>]*maxlength="11" placeholder="Ingresa tu NSS"', text)
    assert 'id="correoInput" name="correoElectronico.correo"' in text
    assert 'id="correoConfirmacionInput" name="correoElectronicoFiscal.correo"' in text
    assert ">Confirma tu correo electrónico</label>" in text
    assert ">Escribe las letras de la imagen que se muestra</label>" in text
    assert 'id="refreshCaptcha"' in text and '<input type="text" name="captcha"' in text
    assert '<input type="hidden" id="strTipoTramite"' in text
    assert '<button type="button" id="continuar" class="btn btn-primary">Continuar</button>' in text
    assert "¿No te sabes tu CURP? Consúltala aquí." in text
    assert "¿No te sabes tu NSS? Consúltalo aquí." in text
    assert re.search(r'<div class="modal fade" id="myModal" [^>]*data-backdrop="static"', text)
    modal = text[text.index('id="myModal"') : text.index('id="myModalActualizacion"')]
    assert 'id="submitContinuar"' in modal
    update = text[text.index('id="myModalActualizacion"') :]
    assert ">Actualización necesaria</h4>" in update
    assert 'id="submitCancelar">Salir</button>' in update
    assert 'id="submitContinuar">Continuar</button>' in update
    assert 'id="myModalActualizacion" ' in text and 'style="display:none"' in update
    assert "127.0.0.1" not in text and "<header>IMSS · Servicios Digitales</header>" in text


def test_opening_vigencia_starts_a_new_session(portal: MockPortal) -> None:
    client = Client(portal)
    answer = client.open_form()
    first = client.session
    reopened = client.request(SD + "/vigencia")
    assert reopened.headers["Set-Cookie"].startswith("JSESSIONIDASEGEXTERNO=")
    assert client.session != first
    # The old session's CAPTCHA went with it.
    assert client.request(f"/{HOST}/__mock__/captcha").status == 404
    reply = client.send(captcha=answer, fresh=False)
    assert danger(reply.text) == FORM_ANSWERS["captcha"]
    # A finished request is the old session's too.
    assert finish(client, portal).status == 302
    assert "finalizaTramite" in client.request(SD + "/vigencia/finalizado").text
    client.request(SD + "/vigencia")
    assert "No hay una solicitud en proceso" in client.request(SD + "/vigencia/finalizado").text
    assert (
        client.request(SD + "/vigencia/downloadReport", {})
        .headers["Content-Type"]
        .startswith("text/html")
    )


def test_the_captcha_is_the_nss_applications_and_answers_one_send(portal: MockPortal) -> None:
    client = Client(portal)
    answer = client.open_form()
    # Case-sensitive, and gone after a wrong try: the right answer no longer passes.
    assert (
        danger(client.send(captcha=answer.swapcase(), fresh=False).text)
        == (FORM_ANSWERS["captcha"])
    )
    assert danger(client.send(captcha=answer, fresh=False).text) == FORM_ANSWERS["captcha"]
    assert portal.outbox == []
    # The NSS application still answers its own form on the same host.
    assert (
        "Paso 1: Consulta de personas físicas por CURP"
        in client.request(SD + "/asignacionNSS").text
    )
    assert client.request(SD + "/vigencia/no-existe").status == 404


def test_an_answer_keeps_the_values_and_shows_a_new_captcha(portal: MockPortal) -> None:
    client = Client(portal)
    reply = client.send(captcha="malo")
    assert reply.status == 200  # page 1 answers the post itself, at vigencia/consultar
    assert f'value="{CURP}"' in reply.text and f'value="{NSS}"' in reply.text
    assert f'value="{EMAIL}"' in reply.text
    # Relative to vigencia/consultar: the same form, the same servlet.
    assert 'action="../vigencia/consultar"' in reply.text
    image = re.search(r'src="\.\./(servlet/CaptchaServlet\?\d+)"', reply.text)
    assert image and client.request(f"{SD}/{image.group(1)}").status == 200
    answer = client.request(f"/{HOST}/__mock__/captcha").text
    assert SENT in client.send(captcha=answer, fresh=False).text


@pytest.mark.parametrize("field", ["curp", "nss", "email", "confirm", "captcha"])
def test_every_field_is_required(portal: MockPortal, field: str) -> None:
    reply = Client(portal).send(**{field: ""})
    assert danger(reply.text) == "Este campo es obligatorio"
    assert portal.outbox == []


@pytest.mark.parametrize(
    ("email", "answer"),
    [
        ("estudiante@localhost", "email_domain"),
        ("estudiante@sin-punto", "email_domain"),
        ("estudiante@dominio.invalid", "email_domain"),
        ("estudiante-prueba@gmail.com", "gmail"),
        ("estudiante+vigencia@gmail.com", "gmail"),
    ],
)
def test_real_email_checks(portal: MockPortal, email: str, answer: str) -> None:
    reply = Client(portal).send(email=email)
    assert danger(reply.text) == FORM_ANSWERS[answer]
    assert portal.outbox == []


def test_emails_must_match_but_gmail_dots_do_not_count(portal: MockPortal) -> None:
    client = Client(portal)
    reply = client.send(confirm="otro@example.com")
    assert danger(reply.text) == "Los correos electrónicos no coinciden, verifíquelos."
    portal.configure(**{"vigencia.mismatch_message": "No coinciden."})
    assert danger(client.send(confirm="otro@example.com").text) == "No coinciden."
    assert (
        SENT
        in client.send(
            email="estudiante.prueba@gmail.com", confirm="estudianteprueba@gmail.com"
        ).text
    )


def test_an_email_tied_to_another_curp(portal: MockPortal) -> None:
    client = Client(portal)
    assert SENT in client.send(email="e.s.t@gmail.com").text
    reply = client.send(curp=OTHER_CURP, nss=nss_for(OTHER_CURP), email="est@gmail.com")
    assert danger(reply.text) == FORM_ANSWERS["email_other_curp"]
    assert SENT in client.send(email="est@gmail.com").text  # the same CURP may use it again


def test_a_curp_renapo_does_not_know(portal: MockPortal) -> None:
    reply = Client(portal).send(curp=CURP[:-1] + "5")  # a wrong check digit
    assert danger(reply.text) == FORM_ANSWERS["renapo"]


@pytest.mark.parametrize("name", list(FORM_ANSWERS))
def test_each_answer_of_page_one_verbatim(portal: MockPortal, name: str) -> None:
    portal.configure(**{"vigencia.answer": name})
    reply = Client(portal).send()
    assert reply.status == 200
    assert danger(reply.text) == FORM_ANSWERS[name]
    assert portal.outbox == []


def test_answers_come_in_the_servers_order(portal: MockPortal) -> None:
    portal.configure(**{"vigencia.answer": "inconsistencies"})
    client = Client(portal)
    assert danger(client.send(captcha="malo").text) == FORM_ANSWERS["captcha"]
    assert danger(client.send(email="a@b.invalid").text) == FORM_ANSWERS["email_domain"]
    assert danger(client.send().text) == FORM_ANSWERS["inconsistencies"]
    portal.configure(**{"vigencia.answer": "captcha"})
    assert danger(client.send(nss="").text) == FORM_ANSWERS["required"]


def test_success_emails_a_link_to_the_same_application(portal: MockPortal) -> None:
    client = Client(portal)
    reply = client.send()
    assert reply.status == 200 and SENT in reply.text
    [email] = portal.outbox
    link = emailed_link(portal)
    assert email["to"] == EMAIL and link in email["body"] and email["attachments"] == []
    assert re.fullmatch(rf"{re.escape(LIVE_SD)}/vigencia/confirmacionUrl\?token=[\w-]+", link)
    assert CURP not in link and NSS not in link and "127.0.0.1" not in email["body"]


def test_several_emails_ask_for_the_update_first(portal: MockPortal) -> None:
    portal.configure(**{"vigencia.several_emails": True})
    client = Client(portal)
    reply = client.send()
    assert 'id="myModalActualizacion" ' in reply.text
    update = reply.text[reply.text.index('id="myModalActualizacion"') :]
    assert 'style="display:block"' in update.split(">", 1)[0]
    assert portal.outbox == []
    confirmed = client.request(SD + "/vigencia/consultar", {"actualizacionConfirmada": "true"})
    assert SENT in confirmed.text and portal.outbox[-1]["to"] == EMAIL
    again = client.request(SD + "/vigencia/consultar", {"actualizacionConfirmada": "true"})
    assert danger(again.text) == FORM_ANSWERS["required"] and len(portal.outbox) == 1


# The emailed link ---------------------------------------------------------------------------


def test_the_link_works_once(portal: MockPortal) -> None:
    client = Client(portal)
    reply = finish(client, portal)
    assert reply.status == 302 and reply.headers["Location"] == f"{LIVE_FORM}/finalizado"
    link = emailed_link(portal)
    assert danger(client.follow(link).text) == "Este token ya fue utilizado"
    assert danger(client.follow(link.replace("token=", "token=x")).text) == (
        "Confirmación inválida"
    )
    assert danger(client.follow(f"{LIVE_FORM}/confirmacionUrl").text) == "Token invalido"


def test_the_link_works_in_another_browser(portal: MockPortal) -> None:
    sender = Client(portal)
    sender.send()
    other = Client(portal)
    assert other.follow(emailed_link(portal)).status == 302
    assert 'id="descargarReporte"' in other.request(SD + "/vigencia/finalizado").text
    assert "No hay una solicitud en proceso" in sender.request(SD + "/vigencia/finalizado").text


def test_the_link_expires_at_midnight(portal: MockPortal, monkeypatch: pytest.MonkeyPatch) -> None:
    calendar = [datetime.date(2026, 3, 2)]
    monkeypatch.setattr(vigencia, "_today", lambda: calendar[-1])
    client = Client(portal)
    client.send()
    calendar.append(datetime.date(2026, 3, 3))  # issued on the 2nd, opened on the 3rd
    assert danger(client.follow(emailed_link(portal)).text) == "Token expirado"
    calendar.append(datetime.date(2026, 3, 2))
    assert client.follow(emailed_link(portal)).status == 302  # expiry did not use it up


def test_a_link_dated_yesterday_has_expired(portal: MockPortal) -> None:
    portal.configure(**{"vigencia.token_age_days": 1})
    client = Client(portal)
    client.send()
    assert danger(client.follow(emailed_link(portal)).text) == "Token expirado"
    assert len(portal.outbox) == 1


@pytest.mark.parametrize("name", list(LINK_ANSWERS))
def test_each_answer_of_the_link_verbatim(portal: MockPortal, name: str) -> None:
    portal.configure(**{"vigencia.answer": name})
    client = Client(portal)
    assert SENT in client.send().text
    reply = client.follow(emailed_link(portal))
    assert reply.status == 200 and danger(reply.text) == LINK_ANSWERS[name]
    assert [e["attachments"] for e in portal.outbox] == [[]]
    assert "No hay una solicitud en proceso" in client.request(SD + "/vigencia/finalizado").text


# The constancia -----------------------------------------------------------------------------


def test_the_constancia_is_emailed_as_a_real_pdf(portal: MockPortal, tmp_path: Path) -> None:
    finish(Client(portal), portal)
    email = portal.outbox[-1]
    assert email["to"] == EMAIL
    assert email["subject"] == "IMSS DIGITAL REPORTE DE VIGENCIA DE DERECHOS"
    [pdf] = email["attachments"]
    assert pdf["filename"] == PDF_NAME and pdf["content_type"] == "application/pdf"
    data = base64.b64decode(pdf["content_base64"])
    text = pdf_text(data)
    # The person is the one of page 1, with the name the mock's applications give the CURP
    # (the fixture profile's own).
    for fact in (
        f"Número de Seguridad Social: {NSS}",
        f"CURP: {CURP}",
        "Nombre: GLORIA HERNANDEZ GARCIA",
        "Situación: VIGENTE",
        "Con derecho al servicio médico: SI",
    ):
        assert fact in text
    last = text[text.index("Patrón del último movimiento del asegurado") :]
    assert re.search(r"\n[A-Z0-9]{11} 32 INSTITUTO TECNOLÓGICO DE SONORA SEGURO FACULTATIVO", last)
    issued = datetime.date.today().strftime("%d/%m/%Y")
    assert f"Fecha de emisión: {issued}" in text
    report = check_constancia(write(tmp_path, data), institution="itson")
    assert (report.facts.nss, report.facts.curp) == (NSS, CURP)
    assert report.verdict.code == "vigente"
    assert report.facts.vigencia_start and report.facts.vigencia_end
    assert report.facts.vigencia_start < report.facts.vigencia_end


def write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / PDF_NAME
    path.write_bytes(data)
    return path


# Each case of the mock, as the constancia reader judges it for an ITSON student.
@pytest.mark.parametrize(
    ("case", "verdict", "facts"),
    [
        ("itson", "vigente", ["Situación: VIGENTE", "Con derecho al servicio médico: SI"]),
        ("no_rights", "sin_derecho", ["Situación: BAJA", "Con derecho al servicio médico: NO"]),
        ("other_employer", "otro_patron", ["Con derecho al servicio médico: SI", " 10 "]),
        ("other_school", "otra_escuela", ["Con derecho al servicio médico: SI", " 32 "]),
    ],
)
def test_the_constancias_cases(
    portal: MockPortal, tmp_path: Path, case: str, verdict: str, facts: list[str]
) -> None:
    portal.configure(**{"vigencia.case": case})
    finish(Client(portal), portal)
    [pdf] = portal.outbox[-1]["attachments"]
    data = base64.b64decode(pdf["content_base64"])
    text = pdf_text(data)
    for fact in facts:
        assert fact in text
    assert ("INSTITUTO TECNOLÓGICO DE SONORA" in text) == (case == "itson")
    assert check_constancia(write(tmp_path, data), institution="itson").verdict.code == verdict


def test_the_final_page_and_its_documents(portal: MockPortal) -> None:
    client = Client(portal)
    final = client.follow(finish(client, portal).headers["Location"])
    assert final.status == 200
    assert "<th>Folio</th><th>Fecha</th><th>Documento</th>" in final.text
    assert re.search(r"<td>\d+</td><td>\d{2}/\d{2}/\d{4}</td>", final.text)
    for element in ("enviarReporte", "imprimirReporte", "descargarReporte", "finalizaTramite"):
        assert f'id="{element}"' in final.text
    emailed = base64.b64decode(portal.outbox[-1]["attachments"][0]["content_base64"])

    download = client.request(SD + "/vigencia/downloadReport", {})
    assert download.status == 200 and download.headers["Content-Type"] == "application/pdf"
    assert download.headers["Content-Disposition"] == f"attachment;filename = {PDF_NAME}"
    assert download.body == emailed and download.body.startswith(b"%PDF-")
    view = client.request(SD + "/vigencia/viewReport", {})
    assert view.headers["Content-Disposition"] == f"inline;filename = {PDF_NAME}"
    assert view.body == emailed


def test_the_constancia_is_sent_again(portal: MockPortal) -> None:
    client = Client(portal)
    finish(client, portal)
    for _ in range(4):
        reply = client.request(SD + "/vigencia/reenvioMail", {})
        assert reply.headers["Content-Type"].startswith("application/json")
        assert reply.text == '{"mensaje": "El comprobante ha sido reenviado"}'
    reports = [e for e in portal.outbox if e["attachments"]]
    assert len(reports) == 4  # the first and three resends: the answer stays the same after
    assert {e["attachments"][0]["filename"] for e in reports} == {PDF_NAME}


# Settings -----------------------------------------------------------------------------------


def test_settings_are_checked_before_any_start() -> None:
    options = parse_options(["vigencia.answer=daily_limit", "vigencia.case=no_rights"])
    assert options == {"vigencia.answer": "daily_limit", "vigencia.case": "no_rights"}
    assert parse_options(["several_emails=true"]) == {"vigencia.several_emails": True}
    for bad in ("vigencia.answer=nope", "vigencia.case=nope", "vigencia.token_age_days=-1"):
        with pytest.raises(UsageError):
            parse_options([bad])


def test_drift_renames_the_nss_input_and_the_download_and_nothing_else(
    portal: MockPortal,
) -> None:
    portal.configure(drift=True)
    client = Client(portal)
    page = client.request(SD + "/vigencia").text
    assert 'id="nss"' not in page and 'id="nssVigencia"' in page
    final = client.follow(finish(client, portal).headers["Location"]).text
    assert 'id="descargarReporte"' not in final and 'id="descargaReporte"' in final
    for name, drift in vigencia.DRIFTS.items():
        expected = portal.pages.template(name)
        for original, drifted in drift:
            assert original in expected
            expected = expected.replace(original, drifted)
        assert portal.pages.template(name, drift) == expected


def test_the_firewall_covers_the_application(portal: MockPortal) -> None:
    portal.configure(firewall=True)
    reply = Client(portal).request(SD + "/vigencia")
    assert reply.status == 403 and "Incapsula incident ID" in reply.text


# In a real Chromium -------------------------------------------------------------------------


def fill_page_one(page: Page) -> None:
    page.goto(LIVE_FORM)
    page.locator("#registroCurp").fill(CURP)
    page.locator("#nss").fill(NSS)
    page.locator("#correoInput").fill(EMAIL)
    page.locator("#correoConfirmacionInput").fill(EMAIL)
    expect(page.locator("#captchaImg")).to_have_js_property("complete", True)
    answer = page.evaluate("() => fetch('/__mock__/captcha').then(r => r.text())")
    page.locator("input[name=captcha]").fill(answer)


@pytest.mark.browser
def test_browser_the_modal_comes_before_the_send(portal: MockPortal, page: Page) -> None:
    fill_page_one(page)
    modal = page.locator("#myModal")
    expect(modal).to_be_hidden()
    page.locator("#continuar").click()
    expect(modal).to_be_visible()
    expect(page.locator("#continuar")).to_be_disabled()
    page.mouse.click(5, 5)  # the backdrop is static
    page.keyboard.press("Escape")
    expect(modal).to_be_visible()
    modal.get_by_role("button", name="Cancelar").click()
    expect(modal).to_be_hidden()
    expect(page.locator("#continuar")).to_be_enabled()
    assert portal.posts("vigencia/consultar") == 0
    page.locator("#continuar").click()
    page.locator("#myModal #submitContinuar").click()
    expect(page.locator("div.alert.alert-success")).to_have_text(
        "Para continuar con su trámite le hemos enviado una liga de confirmación a su correo "
        "electrónico."
    )
    assert page.url == f"{LIVE_FORM}/consultar"
    assert portal.posts("vigencia/consultar") == 1


@pytest.mark.browser
def test_browser_from_the_form_to_the_downloaded_constancia(
    portal: MockPortal, page: Page, tmp_path: Path
) -> None:
    fill_page_one(page)
    page.locator("#continuar").click()
    page.locator("#myModal #submitContinuar").click()
    expect(page.locator("div.alert.alert-success")).to_be_visible()
    outbox = page.evaluate("() => fetch('/__mock__/outbox').then(r => r.json())")
    page.goto(outbox[-1]["links"][0])
    expect(page).to_have_url(f"{LIVE_FORM}/finalizado")

    page.locator("#enviarReporte").click()
    dialog = page.get_by_role("dialog", name="Mensaje de sistema")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("El comprobante ha sido reenviado")
    dialog.get_by_role("button", name="Aceptar").click()
    expect(dialog).to_be_hidden()

    with page.expect_download() as caught:
        page.locator("#descargarReporte").click()
    download = caught.value
    assert download.suggested_filename == PDF_NAME
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    text = pdf_text(target.read_bytes())
    assert "con derecho" in text.lower() and "INSTITUTO TECNOLÓGICO DE SONORA" in text
    expect(page).to_have_url(f"{LIVE_FORM}/finalizado")


@pytest.mark.browser
def test_browser_several_emails_ask_for_the_update(portal: MockPortal, page: Page) -> None:
    portal.configure(**{"vigencia.several_emails": True})
    fill_page_one(page)
    page.locator("#continuar").click()
    page.locator("#myModal #submitContinuar").click()
    update = page.get_by_role("dialog", name="Actualización necesaria")
    expect(update).to_be_visible()
    assert portal.outbox == []
    # Two buttons share the id `submitContinuar`: only the modal's own is unambiguous.
    expect(page.locator("#submitContinuar")).to_have_count(2)
    update.locator("#submitContinuar").click()
    expect(page.locator("div.alert.alert-success")).to_be_visible()
    assert [email["to"] for email in portal.outbox] == [EMAIL]

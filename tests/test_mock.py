"""The mock IMSS portal over real HTTP: pages per host prefix, CAPTCHA oracle, validation,
both result versions, the confirmation token, faults, drift, the request log; and the page JS
in a real Chromium."""

from __future__ import annotations

import base64
import http.cookiejar
import io
import json
import re
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader
from stdnum import luhn

from autohelper.errors import UsageError
from autohelper.mock import MockPortal
from autohelper.mock.captcha import ALPHABET, nss_for
from autohelper.mock.config import parse_options
from autohelper.mock.imss import DRIFTS, MSG_NO_REQUEST
from autohelper.mock.pages import Pages
from autohelper.mock.server import serve_forever


def pdf_text(attachment: dict[str, str]) -> str:
    """The text of an outbox attachment, read as a real PDF."""
    reader = PdfReader(io.BytesIO(base64.b64decode(attachment["content_base64"])))
    return "\n".join(page.extract_text() for page in reader.pages)


CURP = "HEGG560427MVZRRL04"
EMAIL = "estudiante.prueba@example.com"
SD = "/serviciosdigitales.imss.gob.mx/gestionAsegurados-web-externo"
LIVE_SD = "https://serviciosdigitales.imss.gob.mx/gestionAsegurados-web-externo"


@dataclass
class Reply:
    status: int
    headers: Any
    text: str


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # tests look at each 302 themselves


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
                return Reply(response.status, response.headers, response.read().decode())
        except urllib.error.HTTPError as error:
            return Reply(error.code, error.headers, error.read().decode())

    def follow(self, live_url: str) -> Reply:
        """Open a live URL (a Location or an emailed link) through the mirror, like the front."""
        parts = urlsplit(live_url)
        return self.request(
            f"/{parts.netloc}{parts.path}" + (f"?{parts.query}" if parts.query else "")
        )

    def oracle(self) -> str:
        return self.request("/serviciosdigitales.imss.gob.mx/__mock__/captcha").text

    def submit(
        self,
        curp: str = CURP,
        email: str = EMAIL,
        confirm: str | None = None,
        captcha: str | None = None,
    ) -> Reply:
        """Load the form and a CAPTCHA image, then post like the page's Buscar button."""
        assert self.request(SD + "/asignacionNSS").status == 200
        assert self.request(SD + "/servlet/CaptchaServlet?1").status == 200
        answer = captcha if captcha is not None else self.oracle()
        form = {
            "curp": curp,
            "correoElectronico.correo": email,
            "correoElectronicoFiscal.correo": email if confirm is None else confirm,
            "captcha": answer,
        }
        return self.request(SD + "/asignacionNSS/valida", form)


def _danger(text: str) -> str:
    match = re.search(r'<div class="alert alert-danger">(.*?)</div>', text, re.S)
    assert match, "no server-side error shown"
    return match.group(1)


def test_pages_are_served_under_host_prefixes_with_live_links(portal: MockPortal) -> None:
    client = Client(portal)
    start = client.request("/www.imss.gob.mx/tramites/imss02008")
    assert start.status == 200
    assert "SOLICITUD DE ASIGNACIÓN O LOCALIZACIÓN DEL NÚMERO DE SEGURIDAD SOCIAL" in start.text
    assert "HOMOCLAVE IMSS-02-008" in start.text
    assert "YA PUEDES HACER TU TRÁMITE POR INTERNET:" in start.text
    gob = "https://www.gob.mx/tramites/ficha/asignacion-de-numero-de-seguridad-social/IMSS2008"
    assert f'href="{gob}"><span class="num">3</span> TRÁMITE DIGITALIZADO' in start.text
    ficha = client.follow(gob)
    assert (
        "Asignación de Número de Seguridad Social" in ficha.text and "NO PRESENCIAL" in ficha.text
    )
    assert f'href="{LIVE_SD}/asignacionNSS">INICIAR</a>' in ficha.text
    form = client.request(SD + "/asignacionNSS;JSESSIONIDASEGEXTERNO=0A1B")
    assert "Paso 1: Consulta de personas físicas por CURP" in form.text
    assert form.headers["Set-Cookie"] == "JSESSIONIDASEGEXTERNO=0A1B; Path=/; HttpOnly"
    for text in (start.text, ficha.text, form.text):
        assert "127.0.0.1" not in text
    assert client.request("/www.imss.gob.mx/no-existe").status == 404


def test_form_has_the_known_fields(portal: MockPortal) -> None:
    text = Client(portal).request(SD + "/asignacionNSS").text
    assert (
        '<form id="registroAseguradoDatosBasicosForm" action="asignacionNSS/valida" method="post">'
        in text
    )
    assert 'id="registroCurp" name="curp" class="form-control" maxlength="18"' in text
    assert '<label for="curp">' in text and 'id="curp"' not in text
    assert (
        'id="correoInput" name="correoElectronico.correo" class="form-control" maxlength="100"'
        in text
    )
    assert 'id="correoConfirmacionInput" name="correoElectronicoFiscal.correo"' in text
    assert re.search(r'<img id="captchaImg" src="servlet/CaptchaServlet\?\d+"', text)
    assert '<input type="text" name="captcha" class="form-control" maxlength="10"' in text
    assert '<button type="button" id="continuar" class="btn btn-primary">Buscar</button>' in text


def test_captcha_is_new_on_every_load_and_the_oracle_knows_it(portal: MockPortal) -> None:
    client = Client(portal)
    assert client.request("/www.gob.mx/__mock__/captcha").status == 404  # no session yet
    texts = []
    for _ in range(3):
        image = client.request(SD + "/servlet/CaptchaServlet?123")
        assert image.headers["Content-Type"] == "image/svg+xml"
        assert image.text.startswith("<svg")
        oracle = client.oracle()
        assert 5 <= len(oracle) <= 6 and set(oracle) <= set(ALPHABET)
        texts.append(oracle)
    assert len(set(texts)) == 3
    # The oracle answers on the host that showed the image, as a browser's cookies would.
    assert client.request("/www.imss.gob.mx/__mock__/captcha").status == 404


def test_wrong_captcha_is_rejected_and_values_kept(portal: MockPortal) -> None:
    client = Client(portal)
    reply = client.submit(curp=CURP.lower(), captcha="nope")
    assert reply.status == 302 and reply.headers["Location"] == f"{LIVE_SD}/asignacionNSS"
    page = client.follow(reply.headers["Location"])
    assert _danger(page.text) == "El captcha no fue válido, favor de intentar nuevamente"
    assert f'value="{CURP.lower()}"' in page.text and f'value="{EMAIL}"' in page.text
    assert 'name="captcha" class="form-control" maxlength="10" autocomplete="off">' in page.text
    assert 'id="modalBienvenida" style="display:none"' in page.text
    assert portal.outbox == []


def test_captcha_answer_is_case_sensitive(portal: MockPortal) -> None:
    client = Client(portal)
    client.request(SD + "/asignacionNSS")
    client.request(SD + "/servlet/CaptchaServlet")
    answer = client.oracle()
    reply = client.submit(captcha=answer.swapcase())
    assert "captcha no fue válido" in _danger(client.follow(reply.headers["Location"]).text)


@pytest.mark.parametrize(
    ("curp", "confirm", "message"),
    [
        ("HEGG560427XVZRRL0", EMAIL, "El formato de la CURP no es válido, verifíquelo."),
        (CURP, "otro@example.com", "Los correos electrónicos no coinciden, verifíquelos."),
    ],
)
def test_server_side_validation(portal: MockPortal, curp: str, confirm: str, message: str) -> None:
    client = Client(portal)
    reply = client.submit(curp=curp, confirm=confirm)
    assert _danger(client.follow(reply.headers["Location"]).text) == message


def test_messages_and_subdelegacion_are_configurable(portal: MockPortal) -> None:
    portal.configure(email_mismatch_message="Correos distintos.", subdelegacion=True)
    client = Client(portal)
    assert (
        _danger(client.follow(client.submit(confirm="x@example.com").headers["Location"]).text)
        == "Correos distintos."
    )
    page = client.follow(client.submit().headers["Location"]).text
    assert _danger(page).startswith("Tu solicitud requiere que acudas a la subdelegación")


def test_version_1_result_page_and_email(portal: MockPortal) -> None:
    portal.configure(result_version=1)
    client = Client(portal)
    reply = client.submit()
    assert reply.headers["Location"] == f"{LIVE_SD}/resultadoAsignacion"
    page = client.follow(reply.headers["Location"]).text
    assert ">ACEPTAR</a>" in page and ">VER REPORTE</a>" in page and EMAIL in page
    [email] = portal.outbox
    nss = nss_for(CURP)
    assert email["to"] == EMAIL and nss in email["body"]
    assert [a["filename"] for a in email["attachments"]] == ["reporteNSS.pdf"]
    assert email["links"] == []
    assert nss in pdf_text(email["attachments"][0])
    assert nss in client.request(SD + "/reporteNSS").text


def test_version_2_confirmation_link_leads_to_the_nss(portal: MockPortal) -> None:
    client = Client(portal)
    reply = client.submit()
    page = client.follow(reply.headers["Location"]).text
    assert (
        '<div class="alert alert-success">Para continuar con su trámite le hemos enviado una '
        "liga de confirmación a su correo electrónico.</div>"
    ) in page
    outbox = json.loads(client.request(SD + "/__mock__/outbox").text)
    [link] = outbox[-1]["links"]
    assert outbox[-1]["to"] == EMAIL and link in outbox[-1]["body"]
    assert link.startswith(f"{LIVE_SD}/confirmacionUrl?token=") and f"curp={CURP}" in link
    confirmed = Client(portal).follow(link)  # another browser: the link works on its own
    assert confirmed.status == 302
    # A person with no NSS yet (the default) gives an address first.
    assert confirmed.headers["Location"] == f"{LIVE_SD}/asignacionNSS/capturaDomicilio"
    assert (
        "Path=/" in confirmed.headers["Set-Cookie"]
        and "Domain" not in confirmed.headers["Set-Cookie"]
    )
    final = client.follow(link)
    assert "Este token ya fue utilizado" in final.text
    assert "Confirmación inválida" in client.follow(link.replace("token=", "token=x")).text


def test_solicitud_finalizada_shows_a_valid_nss(portal: MockPortal) -> None:
    client = Client(portal)
    client.submit()
    link = portal.outbox[-1]["links"][0]
    assert client.follow(link).headers["Location"].endswith("/asignacionNSS/capturaDomicilio")
    address = {
        "domicilio.codigoPostal.codigoPostal": "91000",
        "domicilio.asentamiento.clave": "0001",
        "domicilio.calle": "Calle de Prueba",
        "domicilio.numExteriorAlf": "12",
    }
    finished = client.request(SD + "/asignacionNSS/finalizar", address)
    assert finished.headers["Location"] == f"{LIVE_SD}/asignacionNSS/solicitudFinalizada"
    final = client.follow(finished.headers["Location"]).text
    match = re.search(r'alert alert-success">Asignación de NSS exitosa\.<br>NSS: (\d{11})<', final)
    assert match and luhn.is_valid(match.group(1)) and match.group(1) == nss_for(CURP)
    assert match.group(1)[4:6] == CURP[4:6]
    assert re.search(r"<th>Folio</th><th>Fecha</th><th>Documento</th>", final)
    assert re.search(r"<td>\d{2}/\d{2}/\d{4}</td>", final)
    for icon in (
        "enviarReporte",
        "imprimirReporte",
        "descargarReporte",
        "enviarTarjeta",
        "imprimirTarjeta",
        "descargarTarjeta",
        "finalizaTramite",
    ):
        assert f'id="{icon}"' in final
    attachments = portal.outbox[-1]["attachments"]
    assert [a["filename"] for a in attachments] == ["comprobante.pdf", "tarjetaNSS.pdf"]
    assert all(a["content_type"] == "application/pdf" for a in attachments)
    assert nss_for(CURP) in pdf_text(attachments[1])
    assert "127.0.0.1" not in final + json.dumps(portal.outbox)


def test_found_nss_wording(portal: MockPortal) -> None:
    portal.configure(nss_found=True)
    client = Client(portal)
    client.submit()
    confirmed = client.follow(portal.outbox[-1]["links"][0])
    assert confirmed.headers["Location"] == f"{LIVE_SD}/asignacionNSS/solicitudFinalizada"
    final = client.follow(confirmed.headers["Location"])
    assert f"Tu NSS es: {nss_for(CURP)}" in final.text


def test_fail_first_answers_maintenance_then_recovers(portal: MockPortal) -> None:
    portal.configure(fail_first=2)
    client = Client(portal)
    for _ in range(2):
        reply = client.request("/www.imss.gob.mx/tramites/imss02008")
        assert reply.status == 503 and "mantenimiento" in reply.text
    assert client.request("/www.imss.gob.mx/tramites/imss02008").status == 200


def test_fail_can_target_only_the_submit(portal: MockPortal) -> None:
    portal.configure(fail_first=1, fail_paths=("valida",), fail_methods=("POST",))
    client = Client(portal)
    assert client.submit().status == 503
    assert client.submit().status == 302
    assert portal.posts("asignacionNSS/valida") == 2


def test_delay_can_target_only_the_posts_of_a_path(portal: MockPortal) -> None:
    """The form and its send share a path: `delay_methods` slows the send alone."""
    portal.configure(delay=0.6, delay_paths=("asignacionNSS",), delay_methods=("post",))
    client = Client(portal)
    started = time.monotonic()
    assert client.request(SD + "/asignacionNSS").status == 200
    assert time.monotonic() - started < 0.5
    started = time.monotonic()
    client.submit()
    assert time.monotonic() - started >= 0.6
    with pytest.raises(UsageError):
        parse_options(["delay_methods=FETCH"])


def test_a_send_held_across_a_reset_spends_nothing_of_the_next_configuration(
    portal: MockPortal,
) -> None:
    """QA's cases follow one another on one mock: a send slowed by one case (whose run gave up
    waiting) wakes during the next. It must not use the next case's armed failure (found when
    the save-fails case got a success) nor reach its state."""
    import threading

    portal.configure(delay=0.8, delay_paths=("asignacionNSS",), delay_methods=("POST",))
    client = Client(portal)
    assert client.request(SD + "/asignacionNSS").status == 200
    held: list[Reply] = []
    sender = threading.Thread(target=lambda: held.append(client.submit()))
    sender.start()
    time.sleep(0.2)  # the send is being held
    portal.reset()
    portal.configure(fail_first=1, fail_paths=("asignacionNSS",), fail_methods=("POST",))
    sender.join(timeout=10)
    assert held and held[0].status == 503  # the old run's answer: nothing done
    assert portal.requests == []  # the log is the new run's alone
    fresh = Client(portal)
    assert fresh.request(SD + "/asignacionNSS").status == 200
    assert fresh.submit().status == 503  # the armed failure is still there for its own send
    assert fresh.submit().status != 503


def test_firewall_blocks_every_page_but_not_the_controls(portal: MockPortal) -> None:
    portal.configure(firewall=True)
    client = Client(portal)
    reply = client.request(SD + "/asignacionNSS")
    assert reply.status == 403
    assert (
        "Request unsuccessful. Incapsula incident ID: 123000000000000000-0000000000000000"
        in reply.text
    )
    assert client.request("/__mock__/outbox").text == "[]"


def test_drift_renames_the_curp_field(portal: MockPortal) -> None:
    portal.configure(drift=True)
    text = Client(portal).request(SD + "/asignacionNSS").text
    assert 'id="registroCurp"' not in text and 'id="curpInput"' in text


def test_drift_pages_limit_the_drift_to_the_pages_named(portal: MockPortal) -> None:
    portal.configure(drift=True, drift_pages=("capturaDomicilio", "codigoPostal"))
    assert 'id="registroCurp"' in Client(portal).request(SD + "/asignacionNSS").text
    portal.configure(drift_pages=("asignacionNSS.html",))
    assert 'id="curpInput"' in Client(portal).request(SD + "/asignacionNSS").text
    portal.configure(drift=False)
    assert 'id="registroCurp"' in Client(portal).request(SD + "/asignacionNSS").text
    with pytest.raises(UsageError) as caught:
        parse_options(["drift_pages=capturaDomicilio,asignacionNss"])
    assert "«asignacionNss» no está en el nombre de ninguna página" in caught.value.message("es")
    assert "gestionAsegurados-web-externo/capturaDomicilio.html" in caught.value.message("es")


def test_the_drifted_form_differs_from_the_real_one_only_by_the_declared_drift(
    portal: MockPortal,
) -> None:
    name = "serviciosdigitales.imss.gob.mx/gestionAsegurados-web-externo/asignacionNSS.html"
    expected = portal.pages.template(name)
    for original, drifted in DRIFTS[name]:
        assert original in expected
        expected = expected.replace(original, drifted)
    assert portal.pages.template(name, DRIFTS[name]) == expected
    assert "registroCurp" not in expected


def test_a_drift_that_no_longer_applies_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "portal" / "h").mkdir(parents=True)
    (tmp_path / "portal" / "h" / "p.html").write_text('<input id="otro">', encoding="utf-8")
    with pytest.raises(ValueError, match="no longer applies"):
        Pages(tmp_path).template("h/p.html", (('id="viejo"', 'id="nuevo"'),))


def test_pages_of_a_host_share_its_layout(portal: MockPortal) -> None:
    host = portal.pages.root / "serviciosdigitales.imss.gob.mx"
    pages = sorted(host.glob("gestionAsegurados-web-externo/*.html"))
    assert len(pages) == 6
    for page in pages:
        text = portal.pages.template(page.relative_to(portal.pages.root).as_posix())
        title = page.read_text(encoding="utf-8").splitlines()[0]
        assert text.startswith(
            f'<!DOCTYPE html>\n<html lang="es">\n<head>\n<meta charset="utf-8">\n{title}\n'
        )
        assert text.count("<title>") == 1 and text.count("{{") == text.count("}}")
        assert text.count("<header>IMSS · Servicios Digitales</header>") == 1
        assert text.endswith("\n</body>\n</html>\n") and text.count("<body>") == 1
    reporte = Client(portal).request(SD + "/reporteNSS").text  # no request yet: the message page
    assert "<title>Asignación de Número de Seguridad Social</title>" in reporte
    assert MSG_NO_REQUEST in reporte


def test_request_log_counts_posts_and_reset_clears(portal: MockPortal) -> None:
    client = Client(portal)
    client.submit(captcha="bad")
    client.submit()
    assert portal.posts("/asignacionNSS/valida") == 2
    logged = json.loads(client.request("/__mock__/requests").text)
    assert [r["method"] for r in logged].count("POST") == 2
    assert all("__mock__" not in r["path"] for r in logged)
    assert {r["host"] for r in logged} == {"serviciosdigitales.imss.gob.mx"}
    assert client.request("/__mock__/reset", {}).text == "ok"
    assert portal.requests == [] and portal.outbox == []


def test_config_control_applies_changes(portal: MockPortal) -> None:
    request = urllib.request.Request(
        portal.url + "/__mock__/config", json.dumps({"result_version": 1}).encode(), method="POST"
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.read() == b"ok"
    assert portal.config.sites["imss"].result_version == 1
    with pytest.raises(TypeError):
        portal.configure(no_such_mode=True)
    with pytest.raises(ValueError):
        portal.configure(**{"imss.result_version": 7})


@pytest.mark.browser
def test_browser_modal_then_curp_upper_cased_on_blur(portal: MockPortal, page: Page) -> None:
    page.goto(portal.url + SD + "/asignacionNSS")
    expect(page.get_by_role("dialog")).to_contain_text("Bienvenido")
    expect(page.locator("#registroCurp")).to_be_hidden()
    page.get_by_role("button", name="Aceptar").click()
    expect(page.get_by_text("Paso 1: Consulta de personas físicas por CURP")).to_be_visible()
    page.locator("#registroCurp").fill(CURP.lower())
    page.locator("#correoInput").click()
    expect(page.locator("#registroCurp")).to_have_value(CURP)


@pytest.mark.browser
def test_browser_paste_into_confirmation_is_blocked(portal: MockPortal, page: Page) -> None:
    page.goto(portal.url + SD + "/asignacionNSS")
    page.get_by_role("button", name="Aceptar").click()
    page.locator("#correoInput").fill(EMAIL)
    page.locator("#correoInput").select_text()
    page.keyboard.press("ControlOrMeta+C")
    page.locator("#correoConfirmacionInput").focus()
    page.keyboard.press("ControlOrMeta+V")
    expect(page.locator("#errorWrapperAux #mailConfirmacionErrors")).to_have_text(
        "No se permite copiar-pegar para este campo, es necesario que se capture"
    )
    expect(page.locator("#correoConfirmacionInput")).to_have_value("")


@pytest.mark.browser
def test_browser_submit_with_the_oracle_answer(portal: MockPortal, page: Page) -> None:
    page.goto(portal.url + SD + "/asignacionNSS")
    page.get_by_role("button", name="Aceptar").click()
    page.locator("#continuar").click()
    expect(page.locator("#divErrorCampos")).to_be_visible()
    assert portal.posts("valida") == 0
    page.locator("#registroCurp").fill(CURP)
    page.locator("#correoInput").fill(EMAIL)
    page.locator("#correoConfirmacionInput").press_sequentially(EMAIL)
    expect(page.locator("#captchaImg")).to_have_js_property("complete", True)
    answer = page.request.get(
        portal.url + "/serviciosdigitales.imss.gob.mx/__mock__/captcha"
    ).text()
    page.locator("input[name=captcha]").fill(answer)
    # The 302 names the live host, which only the front serves: never let the browser go there.
    page.route(re.compile(r"^https://"), lambda route: route.abort())
    with page.expect_response(lambda r: r.request.method == "POST"):
        page.get_by_role("button", name="Buscar").click()
    assert portal.posts("asignacionNSS/valida") == 1
    assert portal.outbox[-1]["to"] == EMAIL


def test_a_failing_page_is_one_line_on_screen_and_its_traceback_only_in_the_debug_log(
    portal: MockPortal, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: Any) -> None:
        raise KeyError("a bug in a mock site")

    monkeypatch.setattr(portal, "_page", broken)
    caplog.set_level("DEBUG", logger="autohelper.mock.server")
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(portal.url + "/www.imss.gob.mx/tramites/imss02008")
    assert caught.value.code == 500
    shown = [r for r in caplog.records if r.levelname != "DEBUG"]
    assert [r.getMessage() for r in shown] == [
        "mock portal failed on GET /www.imss.gob.mx/tramites/imss02008: "
        "KeyError: 'a bug in a mock site'"
    ]
    assert shown[0].exc_info is None
    assert any(r.exc_info for r in caplog.records if r.levelname == "DEBUG")


def test_a_port_in_use_is_said_in_the_persons_language() -> None:
    # Not the C library's "Address already in use".
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(UsageError) as caught:
            serve_forever(port)
    assert caught.value.message("es") == (
        f"No puedo usar el puerto {port} para el simulado (otro programa ya lo está usando). "
        "Prueba otro con --port, o --port 0 para uno libre."
    )
    assert caught.value.message("en") == (
        f"Cannot use port {port} for the mock (another program is already using it). Try "
        "another with --port, or --port 0 for a free one."
    )

"""Shapes an independent mirror may take where PORTALS.md leaves them open, that the scenarios
must take in their stride (the mock's own settings cover the rest: fixtures/qa)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page
from support import engine_run, lab_scenario

from autohelper.errors import PortalChanged
from autohelper.mock import MockPortal
from autohelper.scenario.loader import find_scenario, load_scenario, scenarios_dir
from autohelper.target import from_mirror, origin_allowed, resolver_rules


@pytest.mark.parametrize("scenario", ["imss-nss", "imss-vigencia", "imss-umf"])
def test_the_gob_mx_page_of_no_documented_address_may_be_on_the_bare_domain(scenario: str) -> None:
    """PORTALS.md: the gob.mx page between imss.gob.mx and the form has no documented URL; a
    mirror may put it on `gob.mx` itself, which `*.gob.mx` does not cover."""
    origins = load_scenario(find_scenario(scenario, scenarios_dir())).origins
    page = "https://gob.mx/tramites/ficha/asignacion-de-numero-de-seguridad-social/IMSS2008"
    assert origin_allowed(page, origins)
    assert "MAP gob.mx 127.0.0.1:8443" in resolver_rules(8443, origins)
    # A mirror's own address for it is read back as that page.
    mirrored = "http://127.0.0.1:9000/gob.mx/tramites/ficha/x"
    assert from_mirror(mirrored, origins) == "https://gob.mx/tramites/ficha/x"
    # Still nothing beside gob.mx's own sites.
    assert not origin_allowed("https://gob.mx.example.com/x", origins)
    assert not origin_allowed("https://notgob.mx/x", origins)


AWAY = """\
  - goto: https://lab.autohelper.test/away
    description: Abrir la página
  - click: {css: "#seguir"}
    description: Seguir al trámite
  - expect: {text: "Trámite"}
    timeout: 1
    description: Llegar al trámite
"""


@pytest.mark.browser
def test_a_page_the_browser_could_not_open_is_said_so_not_a_changed_portal(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    """A link to a site the browser cannot reach (a mirror's page on a site the portal file
    does not declare): its own error page stands where the next page should be, and a step
    finding nothing there names the address that did not load, not a portal that changed."""
    header = "origins: [https://lab.autohelper.test, https://elsewhere.autohelper.test]\n"
    result = engine_run(page, lab_scenario(tmp_path, AWAY, header=header), tmp_path)
    assert result.error is not None
    assert not isinstance(result.error, PortalChanged)
    assert result.error.key == "run.page_not_loaded_mirror", result.message
    assert "no pudo abrir https://elsewhere.autohelper.test/tramite" in result.message
    assert "net::ERR_NAME_NOT_RESOLVED" in result.message
    assert "El portal cambió" not in result.message


LABEL = "*Escribe las letras de la imagen que se muestra"
# PORTALS.md states only the clinic app's CAPTCHA label: two shapes of a mirror around it.
CAPTCHA_BLOCKS = {
    "a line break after the label": f"""
        <div class="form-group"><label for="x">{LABEL}</label><br>
        <img id="imagenVerificacion" src="/stickyImg?1" alt="i">
        <img id="recargarCaptcha" src="data:image/svg+xml,%3Csvg/%3E">
        <br><input type="text" id="respuesta" name="respuesta"></div>""",
    "a row of columns after the label": f"""
        <div class="form-group"><label for="x">{LABEL}</label>
        <div class="row">
          <div class="col"><img id="imagenVerificacion" src="/stickyImg?1" alt="i"></div>
          <div class="col"><a href="#" id="recargar">&#8635;</a></div>
          <div class="col"><input type="text" id="respuesta" name="respuesta"></div>
        </div></div>""",
    "the label's words in a strong of a div": f"""
        <div class="form-group">
          <div class="etiqueta"><strong>{LABEL[1:]}</strong></div>
          <div class="contenedor"><img id="imagenVerificacion" src="/imagenSeguridad?1" alt="i">
            <button type="button" title="Otra imagen">&#x21bb;</button></div>
          <input type="text" id="respuesta" name="codigoSeguridad" maxlength="6"></div>""",
}


@pytest.mark.browser
@pytest.mark.parametrize("shape", list(CAPTCHA_BLOCKS))
def test_the_clinic_captcha_is_found_by_its_one_fact_whatever_wraps_it(
    page: Page, shape: str
) -> None:
    """As the engine takes a list of locators: the first that matches. The form has other
    images and fields around the CAPTCHA's block; only the block's own are taken."""
    from autohelper.engine import locate
    from autohelper.scenario import model as m

    page.set_content(
        '<form><img id="logo" src="/logo.png" alt="IMSS">'
        '<div class="form-group"><label for="nss">NSS</label><input type="text" id="nss"></div>'
        f"{CAPTCHA_BLOCKS[shape]}"
        '<div><input type="checkbox" id="terminos"><input type="text" id="otro"></div>'
        '<button id="continuar">Continuar</button></form>'
    )
    scenario = load_scenario(find_scenario("imss-umf", scenarios_dir()))
    [step] = [s for s in scenario.steps if isinstance(s, m.Captcha)]

    def first(target: m.Target) -> str:
        for locator in target:
            found = locate.any_of(page.main_frame, (locator,))
            if found.count() > 0:
                return str(found.first.get_attribute("id"))
        return "none"

    assert first(step.image) == "imagenVerificacion"
    assert first(step.answer) == "respuesta"


def test_a_constancia_printing_two_digit_years_is_read(tmp_path: Path) -> None:
    """PORTALS.md names the constancia's dates (the vigencia's start and end, the date issued)
    but not how they are printed: `24/11/26` is read as 2026, not left unreadable."""
    import datetime
    import re

    from constancias import text_lines, text_pdf

    from autohelper.documents import check_constancia
    from autohelper.mock.documents import constancia_pdf

    issued = datetime.date.today()
    lines = [
        re.sub(r"\b(\d\d)/(\d\d)/\d\d(\d\d)\b", r"\1/\2/\3", line)
        for line in text_lines(constancia_pdf("vigente", issued=issued))
    ]
    assert any(issued.strftime("%d/%m/%y") in line for line in lines)  # the layout tried
    path = tmp_path / "constancia.pdf"
    path.write_bytes(text_pdf(*lines))
    report = check_constancia(path, institution="itson")
    assert report.verdict.code == "vigente", report.public()
    assert report.facts.issued == issued


@pytest.mark.parametrize(
    ("text", "consultorio"),
    [
        ("Los datos ingresados son los siguientes: UMF: 37 Turno: MATUTINO Consultorio : 12", "12"),
        (
            "UMF: 37\nTurno: MATUTINO\nConsultorio : CONSULTORIO 12\nCancelar\nAceptar",
            "CONSULTORIO 12",
        ),
        ("UMF: 37 Turno: MATUTINO Consultorio : 4 Cancelar Aceptar", "4"),
    ],
)
def test_the_clinic_confirmation_gives_the_whole_consultorio(text: str, consultorio: str) -> None:
    """PORTALS.md: "UMF: ... Turno: ... Consultorio : ..."; what a consultorio reads like is not
    said (a number, or words with it)."""
    import re

    from autohelper.scenario import model as m

    scenario = load_scenario(find_scenario("imss-umf", scenarios_dir()))
    [pattern] = [
        regex
        for step in scenario.steps
        if isinstance(step, m.Outcome)
        for case in step.cases
        for name, regex in case.yields
        if name == "consultorio" and "Consultorio" in regex
    ]
    found = re.search(pattern, text)
    assert found is not None and found.group(1) == consultorio


@pytest.mark.browser
def test_an_answer_that_ends_well_without_what_it_yields_says_so(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    """A final page the scenario's pattern cannot read the number off: the run still ends well
    (the portal said it did), and the person is told to look for the number themselves."""
    from autohelper.human import ScriptedHuman

    steps = """\
  - goto: https://lab.autohelper.test/receipt
    description: Abrir
  - outcome:
      - when: {css: "#tblDetalle"}
        result: success
        yields: {folio: 'Folio\\s*:\\s*(\\d+)'}
    description: Leer el folio
"""
    human = ScriptedHuman()
    result = engine_run(page, lab_scenario(tmp_path, steps), tmp_path, human)
    assert result.status == "success", result.message
    assert "folio" not in result.yields
    # A portal that mails nothing (no step waits for its email): the page alone, never «o en
    # tu correo» (the CIA's folio).
    assert "No pude leer «folio» en la respuesta del portal: búscalo tú en la página." in (
        human.prompts
    )


@pytest.mark.browser
def test_the_guides_buscar_is_found_as_an_input_button_of_the_captchas_form(page: Page) -> None:
    """PORTALS.md: `button#continuar` in one copy, «BUSCAR» in the guides, "treat both as one
    step with fallback locators": «BUSCAR» as an <input type=button> of the form with the
    CAPTCHA is pressed, never the header's own «Buscar»."""
    from autohelper.engine import locate
    from autohelper.scenario import model as m

    page.set_content(
        '<header><form id="busqueda"><input name="q"><button>Buscar</button></form></header>'
        '<main><form id="registroAseguradoDatosBasicosForm"><input id="registroCurp">'
        '<img id="captchaImg" src="/c.png" alt="c"><input name="captcha">'
        '<input type="button" id="boton" value="BUSCAR"></form></main>'
    )
    scenario = load_scenario(find_scenario("imss-nss", scenarios_dir()))
    [submit] = [s for s in scenario.steps if isinstance(s, m.Submit)][:1]
    first = next(
        found
        for found in (locate.any_of(page.main_frame, (one,)) for one in submit.target)
        if found.count() > 0
    )
    assert first.get_attribute("id") == "boton"


NOTICE = """\
  - goto: https://lab.autohelper.test/{page}
    description: Abrir el aviso
  - click: {{css: "#continuar"}}
    description: Continuar
  - expect: {{css: "#userid"}}
    timeout: 2
    description: Llegar al inicio de sesión
"""


@pytest.mark.browser
@pytest.mark.parametrize("notice", ["maintenance-notice", "firewall-words"])
def test_a_short_page_that_names_maintenance_or_the_firewall_but_holds_the_next_step_goes_on(
    page: Page, portal: MockPortal, tmp_path: Path, notice: str
) -> None:
    """A notice of maintenance to come above «Continuar» (a warning page before a sign-in), or
    a short answer with the firewall's words or script in it, is the portal working when it
    holds what the step looks for: not «portal unavailable» after three reloads, nor a block."""
    result = engine_run(page, lab_scenario(tmp_path, NOTICE.format(page=notice)), tmp_path)
    assert result.status == "success", result.message
    assert page.url.endswith("/login")


@pytest.mark.browser
def test_a_dismissible_alert_is_quoted_without_its_close_button(page: Page) -> None:
    """A Bootstrap dismissible alert holds its «×» button: the portal's words are quoted
    without it («×¡Error! …» read as one word before)."""
    from autohelper.engine.outcome import _own_words

    page.set_content(
        '<div class="alert alert-danger"><button type="button" class="close">×</button>'
        "<strong>¡Error!</strong> El asegurado no se encuentra vigente.</div>"
        '<div id="plain" class="alert">Sin botón</div>'
    )
    assert (
        _own_words(page.locator(".alert-danger")) == "¡Error! El asegurado no se encuentra vigente."
    )
    assert _own_words(page.locator("#plain")) == ""  # its inner text is quoted as it is


TERMS = """\
  - goto: https://lab.autohelper.test/terms-gated
    description: Abrir el registro
  - check: {css: "#acepto"}
    optional: true
    timeout: 1
    description: Marcar los términos (si el portal los pide)
  - expect: {css: "#listo"}
    description: Llegar al envío
"""


@pytest.mark.browser
def test_an_optional_box_that_is_there_but_cannot_be_ticked_stops_instead_of_being_skipped(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    """A terms box disabled until the terms are opened: the optional step found it and could
    not tick it. Skipping it as absent would send without it (and a summary would say ✔)."""
    result = engine_run(page, lab_scenario(tmp_path, TERMS), tmp_path)
    assert result.error is not None and result.error.key == "run.not_actionable", result.message
    assert result.message.startswith(
        "No pude hacer el paso «Marcar los términos (si el portal los pide)»: css='#acepto' "
        "está en la página, pero no se dejó"
    )


DOWN_IN_AN_ALERT = """\
  - goto: https://lab.autohelper.test/alert-link
    description: Abrir
  - click: {css: "#aviso"}
    dialog: accept
    description: Seguir
  - outcome:
      - when: {text: "Listo"}
        result: success
    timeout: 20
    description: Leer la respuesta
"""


@pytest.mark.browser
def test_an_alert_that_says_the_service_is_down_is_the_answer_at_once(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    """A declared alert that no case takes, in the portal's maintenance words: the portal is
    down now (said at once), not an answer nobody declared after the outcome's whole wait."""
    result = engine_run(page, lab_scenario(tmp_path, DOWN_IN_AN_ALERT), tmp_path)
    assert result.error is not None, result.message
    assert result.error.key == "run.unavailable_after_submit", result.message

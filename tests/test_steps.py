"""Each step kind on a page of our own (no portal needed): what it does to the page, what the
person is shown, and what it reports when the page is not as the scenario says."""

from __future__ import annotations

import stat
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page
from support import PROFILE, engine_run, lab_scenario

from autohelper.engine import RunOptions, RunResult, run_scenario
from autohelper.engine.events import Progress, RunListener
from autohelper.engine.retry import FAST
from autohelper.errors import PortalChanged
from autohelper.human import ScriptedHuman
from autohelper.journal import Journal
from autohelper.mock import MockPortal
from autohelper.scenario.loader import load_scenario
from autohelper.scenario.model import Step

pytestmark = pytest.mark.browser

PAGE = """<!doctype html><title>Solicitud Seguro</title>
<h1>Solicitud de Seguro Facultativo</h1>
<label for="sexo">Sexo</label>
<select id="sexo"><option value="">--Seleccione--</option><option value="M">Mujer</option>
<option value="H">Hombre</option></select>
<label><input type="checkbox" id="declaro"> Declaro no tener otro seguro</label>
<input id="nss" placeholder="Tu NSS">
<button type="button" onclick="document.querySelector('#hecho').hidden = false">Guardar</button>
<p id="hecho" hidden>Solicitud guardada</p>
"""
ORIGIN = "https://portal.invalid"
HEADER = f"""id: steps
title: Pasos
portal: lab
origins: [{ORIGIN}]
needs:
  profile: [nss]
steps:
"""


def run_steps(
    page: Page,
    tmp_path: Path,
    steps: str,
    human: ScriptedHuman,
    timeout: float = 5.0,
    content: str = PAGE,
    start: str | None = None,
) -> RunResult:
    path = tmp_path / "steps.yaml"
    path.write_text(HEADER + steps, encoding="utf-8")
    # On the scenario's own origin: a blank page is no place to type personal data into.
    page.route(
        f"{ORIGIN}/",
        lambda route: route.fulfill(content_type="text/html; charset=utf-8", body=content),
    )
    page.goto(start or f"{ORIGIN}/")
    options = RunOptions(artifacts=tmp_path / "art", live=False, retry=FAST, step_timeout=timeout)
    progress = [Progress(human.progress)]  # the terminal's step lines, as a person sees them
    return run_scenario(
        page, load_scenario(path), {"nss": "12345678903"}, {}, human, options, progress
    )


def test_expect_select_check_fill_click_manual_screenshot(page: Page, tmp_path: Path) -> None:
    human = ScriptedHuman()
    result = run_steps(
        page,
        tmp_path,
        """
  - expect: {role: heading, name: Solicitud de Seguro Facultativo}
    title: Solicitud Seguro
    description: Ver el formulario
  - select: {label: Sexo}
    value: Mujer
    description: Elegir el sexo por su etiqueta
  - check: {label: Declaro no tener otro seguro}
    description: Marcar la declaración
  - fill: [{css: "#no-existe"}, {placeholder: Tu NSS}]
    value: "{profile.nss}"
    description: Escribir el NSS (la segunda forma de encontrarlo)
  - manual: Revisa que todo esté bien en el navegador
    description: Revisión a mano
  - click: {role: button, name: Guardar}
    description: Guardar
  - expect: {text: Solicitud guardada}
    description: Ver la confirmación
  - screenshot: comprobante
    description: Guardar la evidencia
""",
        human,
    )
    assert result.status == "success", result.message
    assert page.locator("#sexo").input_value() == "M"
    assert page.locator("#declaro").is_checked()
    assert page.locator("#nss").input_value() == "12345678903"
    assert "Revisa que todo esté bien en el navegador" in human.prompts
    [shot] = (tmp_path / "art").iterdir()
    assert shot.name.endswith("-comprobante.png")
    assert "Paso 8/8: Guardar la evidencia" in human.prompts


# A sign-in page whose load script focuses the ID field (as the CIA's does): here it happens
# the first time the password field gets the focus, i.e. in the middle of typing into it.
FOCUS_THIEF = """<form>
<input id="userid" maxlength="11" value="00000231857">
<input id="pwd" type="password">
</form>
<script>
  document.getElementById("pwd").addEventListener(
    "focus", () => setTimeout(() => document.getElementById("userid").focus()), {once: true});
</script>"""


def test_text_that_a_page_script_sent_elsewhere_is_typed_again(page: Page, tmp_path: Path) -> None:
    result = run_steps(
        page,
        tmp_path,
        """
  - fill: {css: "#pwd"}
    value: cia-secreto
    description: Escribir la contraseña
""",
        ScriptedHuman(),
        content=FOCUS_THIEF,
    )
    assert result.status == "success", result.message
    assert page.input_value("#pwd") == "cia-secreto"
    assert page.input_value("#userid") == "00000231857"


def test_no_personal_value_is_typed_into_a_page_of_no_site(page: Page, tmp_path: Path) -> None:
    """A `data:` page belongs to no declared origin, and its own script reads what is typed
    there."""
    steps = '  - fill: {placeholder: Tu NSS}\n    value: "{profile.nss}"\n'
    steps += "    description: Escribir el NSS\n"
    start = "data:text/html,<input placeholder='Tu NSS'>"
    result = run_steps(page, tmp_path, steps, ScriptedHuman(), start=start)
    assert result.status == "error"
    assert "salió de los sitios permitidos en el paso «Escribir el NSS»" in result.message
    assert page.locator("input").input_value() == ""


@pytest.mark.parametrize("where", ["action", "formaction"])
def test_a_form_that_posts_off_the_portal_is_never_sent(
    page: Page, tmp_path: Path, where: str
) -> None:
    """The page is on the portal's origin; its form's action (or its button's formaction)
    is not: the yes was given, yet nothing leaves."""
    elsewhere = "https://elsewhere.invalid/recibe"
    posted: list[str] = []
    page.route(f"{elsewhere}*", lambda route: (posted.append(route.request.url), route.abort()))
    form = f'<form method="post" action="{elsewhere if where == "action" else "/guardar"}">'
    button = (
        f'<button formaction="{elsewhere}">Enviar</button>'
        if where == "formaction"
        else ("<button>Enviar</button>")
    )
    content = f"{form}<input placeholder='Tu NSS' name=nss>{button}</form>"
    steps = """
  - fill: {placeholder: Tu NSS}
    value: "{profile.nss}"
    description: Escribir el NSS
  - confirm: [{label: NSS, value: "{profile.nss}"}]
    description: Confirmar
  - submit: {role: button, name: Enviar}
    description: Enviar la solicitud
"""
    result = run_steps(page, tmp_path, steps, ScriptedHuman(), content=content)
    assert result.status == "error"
    assert result.message.startswith(
        f"El formulario del paso «Enviar la solicitud» enviaría tus datos a {elsewhere}, fuera "
        "de los sitios del portal: no lo envié."
    ), result.message
    assert posted == []


def test_a_submit_whose_button_never_shows_is_a_changed_portal_and_nothing_is_pressed(
    page: Page, tmp_path: Path
) -> None:
    """The button is in the page but hidden: after the yes, the run waits for it to show and
    stops on the step, as a changed portal; nothing was sent and no send was recorded."""
    posted: list[str] = []
    page.route(f"{ORIGIN}/guardar", lambda route: (posted.append(route.request.url), route.abort()))
    content = (
        '<form method="post" action="/guardar"><input placeholder="Tu NSS" name=nss>'
        "<button hidden>Enviar</button></form>"
    )
    steps = """
  - fill: {placeholder: Tu NSS}
    value: "{profile.nss}"
    description: Escribir el NSS
  - confirm: [{label: NSS, value: "{profile.nss}"}]
    description: Confirmar
  - submit: {css: "form button"}
    timeout: 0.5
    description: Enviar la solicitud
"""
    pressing: list[int] = []

    class Presses(RunListener):
        def submit_pressing(self, index: int, step: Step, summary: str) -> None:
            pressing.append(index)

    path = tmp_path / "steps.yaml"
    path.write_text(HEADER + steps, encoding="utf-8")
    page.route(
        f"{ORIGIN}/",
        lambda route: route.fulfill(content_type="text/html; charset=utf-8", body=content),
    )
    page.goto(f"{ORIGIN}/")
    options = RunOptions(artifacts=tmp_path / "art", live=False, retry=FAST, step_timeout=5)
    result = run_scenario(
        page, load_scenario(path), {"nss": "12345678903"}, {}, ScriptedHuman(), options, [Presses()]
    )
    assert result.status == "error", result.message
    assert isinstance(result.error, PortalChanged), result.error
    assert "Enviar la solicitud" in result.message
    assert pressing == [] and posted == []


def test_a_list_of_locators_acts_on_the_first_that_matches_not_on_the_first_in_the_page(
    page: Page, tmp_path: Path
) -> None:
    """A cookie banner's «Aceptar» and a header's «Buscar» come before the portal's own in the
    page: the scenario's first locator is the portal's, and it is the one pressed."""
    posted: list[str] = []
    page.route(f"{ORIGIN}/*", lambda route: (posted.append(route.request.url), route.abort()))
    content = (
        "<div>Este sitio usa cookies <button onclick=\"fetch('/banner')\">Aceptar</button></div>"
        '<form action="/busqueda"><input name="q"><button>Buscar</button></form>'
        '<div role="dialog"><p>Bienvenido</p>'
        '<button onclick="this.parentNode.remove()">Aceptar</button></div>'
        '<form method="post" action="/guardar"><input placeholder="Tu NSS" name=nss>'
        '<button id="continuar">Buscar</button></form>'
    )
    steps = """
  - click: [{css: "[role=dialog] button"}, {role: button, name: Aceptar, exact: true}]
    description: Aceptar la bienvenida
  - fill: {placeholder: Tu NSS}
    value: "{profile.nss}"
    description: Escribir el NSS
  - confirm: [{label: NSS, value: "{profile.nss}"}]
    description: Confirmar
  - submit: [{css: "button#continuar"}, {role: button, name: Buscar}]
    timeout: 1
    description: Enviar la solicitud
"""
    run_steps(page, tmp_path, steps, ScriptedHuman(), content=content)
    # Neither the banner's button (it would have fetched /banner) nor the header's search.
    assert [url.rsplit("/", 1)[1] for url in posted] == ["guardar"]


def test_select_takes_an_option_value_too(page: Page, tmp_path: Path) -> None:
    result = run_steps(
        page,
        tmp_path,
        """
  - select: {css: "#sexo"}
    value: H
    description: Elegir por valor
""",
        ScriptedHuman(),
    )
    assert result.status == "success", result.message
    assert page.locator("#sexo").input_value() == "H"


ASK = """
  - ask: {es: "¿Confirmas que no tienes otro seguro médico?", en: "No other insurance?"}
    if_no: {es: Entonces no necesitas este trámite., en: Then you do not need this.}
    description: No tener otro seguro
  - check: {label: Declaro no tener otro seguro}
    description: Marcar la declaración
  - fill: {placeholder: Tu NSS}
    value: "{profile.nss}"
    description: Escribir el NSS
"""


@pytest.mark.parametrize("answer", [True, False], ids=["yes", "no"])
def test_ask_goes_on_after_a_yes_and_a_no_stops_before_anything_is_touched(
    page: Page, tmp_path: Path, answer: bool
) -> None:
    human = ScriptedHuman(answers=[answer])
    result = run_steps(page, tmp_path, ASK, human)
    assert "¿Confirmas que no tienes otro seguro médico?" in human.prompts
    assert page.locator("#declaro").is_checked() is answer
    assert page.locator("#nss").input_value() == ("12345678903" if answer else "")
    if answer:
        assert result.status == "success", result.message
        return
    assert result.status == "declined"
    assert result.message == (
        "Respondiste que no («No tener otro seguro»): me detengo sin llenar ni enviar nada.\n"
        "Entonces no necesitas este trámite."
    )
    assert "Paso 2/3: Marcar la declaración" not in human.prompts


@pytest.mark.parametrize(
    ("step", "missing"),
    [
        ("- expect: {text: Paso 2}", "text='Paso 2'"),
        ("- expect: {title: Otra cosa}", "Otra cosa"),
        ("- click: [{css: '#a'}, {role: button, name: Enviar}]", "css='#a' | role='button'"),
    ],
)
def test_a_page_unlike_the_scenario_names_the_step_and_what_is_missing(
    page: Page, tmp_path: Path, step: str, missing: str
) -> None:
    step_text = f"  {step}\n    timeout: 0.5\n    description: El paso que falla\n"
    result = run_steps(page, tmp_path, step_text, ScriptedHuman())
    assert isinstance(result.error, PortalChanged)
    assert "El portal cambió en este paso: «El paso que falla»" in result.message
    assert missing in result.message


LAB = "https://lab.autohelper.test"


def test_choose_over_chained_selects_waits_for_each_list_and_remembers_the_pick(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    scenario = lab_scenario(
        tmp_path,
        f"""
  - goto: {LAB}/chained
    description: Abrir
  - select: {{label: Estado}}
    value: SONORA
    description: Elegir el estado
  - choose: {{label: "Clínica o UMF*:"}}
    remember: postal_code
    description: Elige tu clínica
  - choose: {{label: "Turno*:"}}
    description: Elige tu turno
  - expect: {{text: "Elegiste: UMF 37 CAJEME / MATUTINO 7:00 A 13:00"}}
    description: Ver la elección
""",
    )
    # The clinics arrive after the state is chosen, the shifts after the clinic (0.3 s each).
    human = ScriptedHuman(choices=["CAJEME"])
    result = engine_run(page, scenario, tmp_path, human)
    assert result.status == "success", result.message
    assert result.yields == {"postal_code": "UMF 37 CAJEME"}
    # The person saw the real options only, never the "--Selecciona--" placeholder.
    assert "UMF 1 HERMOSILLO" in human.prompts and not any("--" in p for p in human.prompts)


def test_choose_waits_for_a_list_the_page_replaces_and_knows_a_worded_placeholder(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    """Each list's options come as a new list put in its place (the same id and name); the
    shifts' placeholder is «Selecciona el turno», value 0: never offered, never chosen."""
    scenario = lab_scenario(
        tmp_path,
        f"""
  - goto: {LAB}/chained?swap=1
    description: Abrir
  - select: {{label: Estado}}
    value: SONORA
    description: Elegir el estado
  - choose: {{label: "Clínica o UMF*:"}}
    description: Elige tu clínica
  - choose: {{label: "Turno*:"}}
    description: Elige tu turno
  - expect: {{text: "Elegiste: UMF 37 CAJEME / MATUTINO 7:00 A 13:00"}}
    description: Ver la elección
""",
    )
    human = ScriptedHuman(choices=["CAJEME", "MATUTINO"])
    result = engine_run(page, scenario, tmp_path, human)
    assert result.status == "success", result.message
    assert not any("Selecciona el turno" in prompt for prompt in human.prompts), human.prompts


def test_an_optional_download_shown_in_the_same_tab_goes_back_to_the_page_it_left(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    """A portal (or a browser that shows PDFs) may show the document in the tab instead of
    handing it over: the steps after it read the page it replaced, so the run goes back to it."""
    scenario = lab_scenario(
        tmp_path,
        f"""
  - goto: {LAB}/receipt
    description: Abrir
  - download: {{role: link, name: Imprimir comprobante}}
    save_as: acuse
    optional: true
    timeout: 1
    description: Descargar el comprobante
  - outcome:
      - when: {{css: "#tblDetalle"}}
        result: success
    timeout: 2
    description: Terminar
""",
    )
    result = engine_run(page, scenario, tmp_path)
    assert result.status == "success", result.message
    assert page.url.endswith("/receipt")


def test_a_window_of_the_page_over_the_form_is_quoted_not_called_a_missing_element(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    """A window of the page's own (no dialog role: a mirror's PeopleSoft session warning) lies
    over the form: the box is there but cannot be ticked. The run says what covers the page,
    in its words, not «no encontré» the box that is right there."""
    steps = f"""\
  - goto: {LAB}/covered
    description: Abrir
  - check: {{label: Declaro que no cuento con otro servicio médico}}
    timeout: 2
    description: Marcar la declaración
"""
    result = engine_run(page, lab_scenario(tmp_path, steps), tmp_path)
    assert result.error is not None and result.error.key == "run.covered", result.message
    assert result.message.startswith(
        "En el paso «Marcar la declaración» una ventana del portal tapa la página: «Su sesión "
        "está por expirar. Haga clic en Aceptar para continuar.»"
    )
    assert "No encontré" not in result.message


def test_a_send_whose_button_lies_under_a_window_of_the_page_is_said_as_such_not_refused(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    """The same window over the form at the press: nothing was sent, and the run says what
    covers the page, not «el portal no aceptó el formulario… revisa los mensajes»."""
    steps = f"""\
  - goto: {LAB}/covered
    description: Abrir
  - confirm: [{{label: Dato, value: x}}]
    description: Revisar
  - submit: {{role: button, name: Guardar}}
    timeout: 2
    description: Guardar
  - outcome:
      - when: {{css: "#listo"}}
        result: success
    description: Leer la respuesta
"""
    result = engine_run(page, lab_scenario(tmp_path, steps), tmp_path)
    assert result.error is not None and result.error.key == "run.covered", result.message
    assert result.message.startswith(
        "En el paso «Guardar» una ventana del portal tapa la página: «Su sesión está por "
        "expirar. Haga clic en Aceptar para continuar.»"
    )
    assert "no se envió nada en este paso" in result.message
    assert portal.site("lab").saves["confirm"] == 0


def test_a_value_longer_than_the_portals_field_stops_naming_the_limit_and_sends_nothing(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    """A street of 30 characters into a field that takes 20: it was «un campo ya no tenía lo
    que confirmaste… la página lo borró», and «vuelve a correr» met the same wall. Now the
    limit is named with where to shorten it, before anything is sent."""
    steps = f"""\
  - goto: {LAB}/short-field
    description: Abrir
  - fill: {{label: Calle}}
    value: "{{profile.street}}"
    description: Escribir tu calle
  - confirm: [{{label: Calle, value: "{{profile.street}}"}}]
    description: Revisar
  - submit: {{css: "#enviar"}}
    description: Enviar
"""
    profile = {**PROFILE, "street": "AVENIDA DE PRUEBA LARGA NUMERO"}
    scenario = lab_scenario(tmp_path, steps, profile=("street",))
    result = engine_run(page, scenario, tmp_path, profile=profile)
    assert result.error is not None and result.error.key == "run.field_too_long", result.message
    assert result.message.startswith(
        "En el paso «Escribir tu calle» el campo del portal admite hasta 20 caracteres y tu "
        "dato tiene 30: se cortaría, así que no envié nada. Acórtalo como lo escribirías en el "
        "formulario (autohelper profile set street=…) y vuelve a correr el trámite."
    )
    assert "AVENIDA" not in result.message
    assert portal.site("lab").saves["confirm"] == 0


RECEIPT_SHOWN = """\
  - goto: {lab}/receipt
    description: Abrir
  - download: {{role: link, name: Imprimir comprobante}}
    save_as: acuse
    optional: {optional}
    timeout: 20
    description: Descargar el comprobante
  - outcome:
      - when: {{css: "#tblDetalle"}}
        result: success
    timeout: 2
    description: Terminar
"""


@pytest.mark.parametrize("optional", [True, False])
def test_a_link_that_shows_a_page_instead_of_a_file_is_told_apart_without_waiting_it_out(
    page: Page, portal: MockPortal, tmp_path: Path, optional: bool
) -> None:
    """The link showed a page (the receipt in the tab), and no file is coming: an optional
    download is skipped, a required one stops in the person's words (it was Playwright's
    English «Timeout 30000ms exceeded»), each a few seconds after the page, not after the
    step's whole wait (20 s here)."""
    steps = RECEIPT_SHOWN.format(lab=LAB, optional=str(optional).lower())
    started = time.monotonic()
    result = engine_run(page, lab_scenario(tmp_path, steps), tmp_path)
    assert time.monotonic() - started < 15, "the download's whole wait was waited out"
    if optional:
        assert result.status == "success", result.message
        assert page.url.endswith("/receipt")
        return
    assert result.error is not None and result.error.key == "run.no_download", result.message
    assert result.message.startswith(
        "En el paso «Descargar el comprobante» no llegó el archivo: el portal mostró una página "
        "en lugar de entregarlo"
    )
    assert "Timeout" not in result.message


def test_an_optional_window_still_coming_in_over_the_page_is_waited_for_not_skipped(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    """The next step's button shows at once, but a backdrop already covers the page and the
    window comes 0.2 s later (Bootstrap's way): it is accepted, then the button is pressed."""
    scenario = lab_scenario(
        tmp_path,
        f"""
  - goto: {LAB}/late-window
    description: Abrir
  - click: {{css: "#aceptar"}}
    optional: true
    timeout: 5
    description: Aceptar la ventana si llega
  - click: {{css: "#seguir"}}
    timeout: 2
    description: Seguir
  - expect: {{text: Seguiste}}
    description: Ver que siguió
""",
    )
    result = engine_run(page, scenario, tmp_path)
    assert result.status == "success", result.message


@pytest.mark.parametrize("remembered", ["sinaloa", "Sínaloa", "  SINALOA "])
def test_choose_picks_a_remembered_value_again_without_asking(
    page: Page, portal: MockPortal, tmp_path: Path, remembered: str
) -> None:
    """Case, accents and spacing aside: a profile's «Constitución» is a list's «CONSTITUCION»
    (it used to fall through to asking, or to a script's first option)."""
    scenario = lab_scenario(
        tmp_path,
        f"""
  - goto: {LAB}/chained
    description: Abrir
  - choose: {{label: Estado}}
    remember: postal_code
    description: Elige tu estado
""",
    )
    human = ScriptedHuman(choices=[0])
    result = engine_run(page, scenario, tmp_path, human, profile={"postal_code": remembered})
    assert result.status == "success", result.message
    assert page.locator("#estado").input_value() == "SL"
    # What the profile gives, as it gives it (here a personal field, masked as a summary is).
    assert "Elegí la opción que dice tu perfil: SI…OA" in human.prompts
    assert not any("SINALOA" in prompt for prompt in human.prompts)


def test_choose_leaves_an_option_already_chosen_as_it_is(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    """The page came with the option chosen (its only clinic, preselected): chosen again, the
    page would hear a change no person made and fetch the next list once more while the run
    goes on (a mirror's consultorio was sent empty that way). No change, no fetch."""
    scenario = lab_scenario(
        tmp_path,
        f"""
  - goto: {LAB}/chained?preset=SL
    description: Abrir
  - choose: {{label: Estado}}
    remember: postal_code
    description: Elige tu estado
""",
    )
    human = ScriptedHuman(choices=[0])
    result = engine_run(page, scenario, tmp_path, human, profile={"postal_code": "SINALOA"})
    assert result.status == "success", result.message
    assert page.locator("#estado").input_value() == "SL"
    assert not [r for r in portal.requests if r["path"].startswith("/chained/options")]


def test_choose_among_links_clicks_the_one_picked(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    scenario = lab_scenario(
        tmp_path,
        f"""
  - goto: {LAB}/links
    description: Abrir
  - choose: {{css: "a.tramite"}}
    description: Elige tu trámite
  - expect: {{text: "Trámite terminado: cambio"}}
    description: Ver el trámite elegido
""",
    )
    result = engine_run(page, scenario, tmp_path, ScriptedHuman(choices=[1]))
    assert result.status == "success", result.message


def test_a_download_is_kept_private_and_read_by_an_outcome(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    scenario = lab_scenario(
        tmp_path,
        f"""
  - goto: {LAB}/download
    description: Abrir
  - download: {{css: "#descargarReporte"}}
    save_as: constancia
    description: Descargar el comprobante
  - outcome:
      - matches: 'con derecho al servicio m[eé]dico:\\s*no'
        result: error
        message: Sin derecho.
      - matches: 'con derecho al servicio m[eé]dico:\\s*si'
        result: success
        yields: {{folio: 'Folio: (\\d+)'}}
    document: constancia
    description: Leer el comprobante
""",
    )
    result = engine_run(page, scenario, tmp_path)
    assert result.status == "success", result.message
    assert result.yields == {"folio": "123"}
    # Named after `save_as`, not the portal's name (the constancia's holds the NSS).
    [kept] = (tmp_path / "artifacts").glob("*.pdf")
    assert kept.name.endswith("-constancia.pdf")
    assert result.documents["constancia"].path == kept
    assert result.documents["constancia"].filename == "comprobantePrueba.pdf"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert stat.S_IMODE(kept.parent.stat().st_mode) == 0o700


def test_a_downloaded_document_is_judged_by_its_reader(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    # The lab's PDF says "con derecho: SI" but names no employer: the verdict is "ilegible".
    scenario = lab_scenario(
        tmp_path,
        f"""
  - goto: {LAB}/download
    description: Abrir
  - download: {{css: "#descargarReporte"}}
    save_as: constancia
    description: Descargar
  - outcome:
      - matches: '^verdict: vigente$'
        result: success
      - matches: '^verdict: ilegible$'
        result: error
        message: No se ve quién es tu patrón.
    document: constancia
    read: constancia
    description: Juzgar la constancia
""",
    )
    result = engine_run(page, scenario, tmp_path)
    assert result.status == "error"
    assert "No se ve quién es tu patrón." in result.message
    assert result.yields == {"verdict": "ilegible", "con_derecho": "si"}


def test_a_secret_for_a_plain_http_page_is_announced_once_and_never_for_https(
    page: Page, tmp_path: Path
) -> None:
    form = '<!doctype html><input id="pwd" type="password" aria-label="Contraseña">'
    for url in ("http://plain.autohelper.test:8400/entrar", f"{LAB}/entrar"):
        page.route(url, lambda route: route.fulfill(content_type="text/html", body=form))
    steps = "".join(
        f"""
  - goto: {url}
    description: Abrir {url}
  - fill: {{css: "#pwd"}}
    value: "{{secret.lab_password}}"
    description: Escribir la contraseña
"""
        for url in (f"{LAB}/entrar", "http://plain.autohelper.test:8400/entrar") * 2
    )
    human = ScriptedHuman()
    result = engine_run(
        page,
        lab_scenario(tmp_path, steps, secrets=("lab_password",)),
        tmp_path,
        human,
        secrets={"lab_password": "lab-secreto"},
    )
    assert result.status == "success", result.message
    notices = [line for line in human.prompts if "no está cifrada" in line]
    assert notices == [
        "Aviso: la página donde vas a escribir tu contraseña (http://plain.autohelper.test:8400) "
        "no está cifrada (http://, sin candado): lo que escribes ahí viaja por la red sin "
        "protección. Así funciona ese portal; no es un error. Mejor no lo hagas desde una red "
        "Wi-Fi pública."
    ]
    assert page.locator("#pwd").input_value() == "lab-secreto"


def test_an_optional_download_that_brings_no_file_is_skipped(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    # The link shows a page instead of handing a file over (as a portal may show a PDF inline).
    scenario = lab_scenario(
        tmp_path,
        f"""
  - goto: {LAB}/links
    description: Abrir
  - download: {{css: "a.tramite"}}
    save_as: acuse
    optional: true
    timeout: 1
    description: Descargar el acuse, si lo da
  - expect: {{text: "Trámite terminado: alta"}}
    description: Seguir en la página que mostró
""",
    )
    journal = Journal(tmp_path / "journal.sqlite3")
    result = engine_run(page, scenario, tmp_path, journal=journal)
    assert result.status == "success", result.message
    assert result.documents == {}
    [run] = journal.runs()
    assert [row["status"] for row in journal.rows("steps", run.id)] == ["ok", "skipped", "ok"]


def test_a_dialogs_own_words_leave_out_its_title_bar_and_buttons(page: Page) -> None:
    """What an outcome quotes of a jQuery UI dialog: its content, not «Error … Aceptar»."""
    from autohelper.engine.outcome import _own_words

    page.set_content(
        '<div role="dialog" aria-describedby="d"><span>Error</span>'
        '<div id="d">No se localizó información con el código postal ingresado.</div>'
        "<button>Aceptar</button></div>"
        '<div role="dialog" id="modal"><h4>Actualización necesaria</h4><p>Elige tu correo.</p>'
        "<button>Salir</button><button>Continuar</button></div>"
        '<p id="p" aria-describedby="d">Un párrafo</p>'
    )
    assert _own_words(page.locator("[aria-describedby=d][role=dialog]")) == (
        "No se localizó información con el código postal ingresado."
    )
    # No description: its title and text, without its buttons.
    assert " ".join(_own_words(page.locator("#modal")).split()) == (
        "Actualización necesaria Elige tu correo."
    )
    assert _own_words(page.locator("#p")) == ""  # not a dialog: its text says it all
    assert _own_words(page.locator("#nothing")) == ""


SIGN_IN = """<!doctype html><title>Entrar</title>
<input id="pwd" type="password">
<button type="button" onclick="alert(document.body.dataset.answer)">Entrar</button>
"""
ANSWERS = """
  - click: {role: button, name: Entrar}
    dialog: accept
    description: Entrar
  - outcome:
      - when: [{text: bloquead}, {text: locked}]
        result: error
        message: Pide que la desbloqueen.
      - when: {css: "#pwd"}
        result: success
        message: El formulario otra vez
    description: Ver si entraste
"""


@pytest.mark.parametrize(
    ("answer", "status", "said"),
    [
        ("Tu cuenta está bloqueada por intentos fallidos.", "error", "bloqueada"),
        ("Usuario o contraseña no válidos.", "success", "El formulario otra vez"),
    ],
)
def test_the_words_of_a_declared_dialog_are_the_portals_answer_to_the_outcome(
    page: Page, tmp_path: Path, answer: str, status: str, said: str
) -> None:
    """An alert a step declared answers the outcome after it when a case's text is in its words
    (quoted by them); when none is, the page decides as usual."""
    content = SIGN_IN.replace("<title>", f'<body data-answer="{answer}"><title>')
    result = run_steps(page, tmp_path, ANSWERS, ScriptedHuman(), content=content)
    assert result.status == status, result.message
    assert said in result.message
    if status == "error":
        assert f"El portal respondió: «{answer}»" in result.message


@pytest.mark.parametrize("answer", ["error-words", "http-500"])
def test_an_optional_step_is_skipped_as_soon_as_the_next_steps_any_answer_shows(
    page: Page, tmp_path: Path, answer: str
) -> None:
    """An optional window after a send, before its outcome: the answer is the outcome's second
    case (an error), or the portal's error page; the optional step does not wait out its 30 s
    for an element that is not coming (it waited whenever the first case was not the answer)."""
    status = 500 if answer == "http-500" else 200
    page.route(
        f"{ORIGIN}/respuesta",
        lambda route: route.fulfill(
            status=status, content_type="text/html", body="<p>Error del portal: intenta luego</p>"
        ),
    )
    content = '<form method="post" action="/respuesta"><button>Enviar</button></form>'
    steps = """
  - confirm: [{label: NSS, value: "{profile.nss}"}]
    description: Confirmar
  - submit: {role: button, name: Enviar}
    description: Enviar la solicitud
  - click: {role: button, name: Aceptar}
    optional: true
    timeout: 30
    description: Cerrar la bienvenida si aparece
  - outcome:
      - when: {text: Listo}
        result: success
      - when: {text: Error del portal}
        result: error
        message: Vuelve a intentarlo más tarde.
    description: Leer la respuesta
"""
    started = time.monotonic()
    result = run_steps(page, tmp_path, steps, ScriptedHuman(), content=content)
    assert result.status == "error", result.message
    assert time.monotonic() - started < 20, "the optional step waited out its whole timeout"


def test_a_remembered_value_written_as_an_option_is_picked_over_its_look_alikes() -> None:
    """A list with «CENTRO », «Centro» and «CENTRO» (different colonias to the portal): the
    one written as the profile has it is chosen, not the first that matches with case and
    spaces aside."""
    from types import SimpleNamespace

    from autohelper.engine.steps import _pick
    from autohelper.scenario import model as m

    human = ScriptedHuman()
    run = SimpleNamespace(profile={"colonia": "Centro"}, human=human)
    step = m.Choose("Elige tu colonia", m.Position("s.yaml", 1, 1), remember="colonia")
    assert _pick(run, step, ["CENTRO ", "Centro", "CENTRO"]) == 1  # type: ignore[arg-type]
    assert _pick(run, step, ["CENTRO ", "LOMAS"]) == 0  # type: ignore[arg-type]
    assert human.prompts == ["Elegí la opción que dice tu perfil: C…"] * 2

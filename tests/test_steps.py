"""Each step kind on a page of our own (no portal needed): what it does to the page, what the
person is shown, and what it reports when the page is not as the scenario says."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from autohelper.engine import RunOptions, RunResult, run_scenario
from autohelper.engine.retry import FAST
from autohelper.errors import PortalChanged
from autohelper.human import ScriptedHuman
from autohelper.scenario.loader import load_scenario

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
HEADER = """id: steps
title: Pasos
portal: test
origins: [https://portal.invalid]
needs:
  profile: [nss]
steps:
"""


def run_steps(
    page: Page, tmp_path: Path, steps: str, human: ScriptedHuman, timeout: float = 5.0
) -> RunResult:
    path = tmp_path / "steps.yaml"
    path.write_text(HEADER + steps, encoding="utf-8")
    page.set_content(PAGE)
    options = RunOptions(artifacts=tmp_path / "art", live=False, retry=FAST, step_timeout=timeout)
    return run_scenario(page, load_scenario(path), {"nss": "12345678903"}, {}, human, options)


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
    assert [p.name for p in (tmp_path / "art").iterdir()] == ["run0-comprobante.png"]
    assert "Paso 8/8: Guardar la evidencia" in human.prompts


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
    step_text = f"  {step}\n    description: El paso que falla\n"
    result = run_steps(page, tmp_path, step_text, ScriptedHuman(), timeout=1.0)
    assert isinstance(result.error, PortalChanged)
    assert "El portal cambió en este paso: «El paso que falla»" in result.message
    assert missing in result.message

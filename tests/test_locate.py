"""Locators in frames, on the lab's pages: a frameset's frame by name, a frame by a fragment of
its URL, an iframe by its element's CSS, nested; a whole-form post saved from a nested frame."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route
from support import PROFILE, engine_run, lab_scenario

from autohelper.errors import PortalChanged
from autohelper.journal import Journal
from autohelper.mock import MockPortal
from autohelper.scenario.model import Scenario

pytestmark = pytest.mark.browser

NSS = "12345678903"
INNER = '[TargetContent, {css: "iframe#formFrame"}]'


def save_from_the_frame(tmp_path: Path, answer: str) -> Scenario:
    """Open the lab's frames, confirm, save from the nested frame, and expect `answer`."""
    return lab_scenario(
        tmp_path,
        f"""
  - goto: https://lab.autohelper.test/frames
    description: Abrir el marco
  - confirm: [{{label: NSS, value: "{{profile.nss}}"}}]
    description: Confirmar
  - submit: {{role: link, name: Guardar, frame: {INNER}}}
    description: Guardar
  - outcome:
      - when: {answer}
        result: success
    description: Leer la respuesta
""",
        profile=("nss",),
    )


def test_a_form_in_a_nested_frame_is_filled_and_saved_by_a_whole_form_post(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    scenario = lab_scenario(
        tmp_path,
        f"""
  - goto: https://lab.autohelper.test/frames
    description: Abrir el marco
  - fill: {{label: "Número de Seguridad Social", frame: {INNER}}}
    value: "{{profile.nss}}"
    description: Escribir el NSS
  - check: {{label: "Declaro que los datos son correctos", frame: {INNER}}}
    description: Declarar
  - confirm: [{{label: NSS, value: "{{profile.nss}}"}}]
    description: Confirmar
  - submit: {{role: link, name: Guardar, frame: {INNER}}}
    description: Guardar
  - outcome:
      - when: {{text: "Guardado con folio", frame: {INNER}}}
        result: success
        yields: {{folio: 'folio (\\d+)'}}
    description: Leer el folio
""",
        profile=("nss",),
    )
    journal = Journal(tmp_path / "j.sqlite3")
    result = engine_run(page, scenario, tmp_path, profile={**PROFILE, "nss": NSS}, journal=journal)
    assert result.status == "success", result.message
    assert result.yields == {"folio": "101"}
    assert portal.site("lab").saves["frames"] == 1
    assert portal.posts("/frames/form") == 1
    inner = page.frame(name="Inner")
    assert inner is not None and inner.locator("#SAVED_win0").is_visible()
    [row] = journal.runs()
    [submit] = journal.rows("submits", row.id)
    assert submit["result"] == "http 200" and NSS not in submit["summary"]


def test_a_send_from_a_frame_answered_by_a_5xx_is_unavailable_after_the_send(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    """Not "an answer I do not know": the portal failed the send, which may or may not have
    arrived."""
    portal.configure(fail_first=1, fail_methods=("POST",), fail_paths=("/frames/form",))
    scenario = save_from_the_frame(tmp_path, f'{{text: "Guardado con folio", frame: {INNER}}}')
    result = engine_run(page, scenario, tmp_path, profile={**PROFILE, "nss": NSS}, step_timeout=2)
    assert result.error is not None and result.error.key == "run.unavailable_after_submit"
    assert result.message.startswith("Después de enviar, el portal respondió con un error")
    assert portal.posts("/frames/form") == 1  # never sent again


def test_a_frame_found_by_a_fragment_of_its_url_drives_another_frame(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    scenario = lab_scenario(
        tmp_path,
        """
  - goto: https://lab.autohelper.test/frames
    description: Abrir el marco
  - click: {css: "a.PTNAVLINK", frame: {url: IScript_PT_NAV_INFRAME}}
    description: Abrir la hoja del menú
  - expect: {text: "Página con un formulario anidado", frame: TargetContent}
    description: Ver la página en el marco de contenido
""",
    )
    result = engine_run(page, scenario, tmp_path)
    assert result.status == "success", result.message
    # The leaf's link targets TargetContent: the content page is loaded twice, once by the
    # frameset and once by the click. The expect step may already see the first one's text
    # while the click's request is on its way: its arrival is waited for (bounded).
    deadline = time.monotonic() + 5
    while _loads(portal, "/frames/content") < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert _loads(portal, "/frames/content") == 2


def _loads(portal: MockPortal, path: str) -> int:
    return [r["path"] for r in portal.requests].count(path)


def test_a_frame_that_never_comes_is_a_changed_portal_naming_the_frame(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    scenario = lab_scenario(
        tmp_path,
        """
  - goto: https://lab.autohelper.test/frames
    description: Abrir el marco
  - click: {css: "a", frame: Contenido}
    timeout: 0.5
    description: Buscar en un marco que no existe
""",
    )
    result = engine_run(page, scenario, tmp_path)
    assert isinstance(result.error, PortalChanged)
    assert "«Buscar en un marco que no existe»" in result.message
    assert "frame=name='Contenido'" in result.message


def test_a_send_from_a_frame_answered_by_the_whole_page_leaving_is_sent_once_and_read(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    """A portal may answer a frame's send at the top (PeopleSoft's expired session sends the
    whole window to its sign-in page): the frame is gone before its answer finished loading.
    The send went through; the outcome reads the page that came instead."""
    leave = (
        "<!doctype html><title>Sesión</title>"
        "<script>top.location.href = 'https://lab.autohelper.test/done';</script>"
        # Its own document never finishes loading: only the top's navigation ends the wait.
        '<script src="https://lab.autohelper.test/never.js"></script>'
    )
    sent: list[str] = []

    def answer(route: Route) -> None:
        if route.request.method == "POST":
            sent.append(route.request.url)
            route.fulfill(status=200, content_type="text/html", body=leave)
        else:
            route.continue_()

    page.route("**/frames/form*", answer)
    page.route("**/never.js", lambda route: None)  # held: never answered
    scenario = save_from_the_frame(tmp_path, '{text: "Trámite terminado"}')
    journal = Journal(tmp_path / "j.sqlite3")
    result = engine_run(
        page, scenario, tmp_path, profile={**PROFILE, "nss": NSS}, journal=journal, step_timeout=5.0
    )
    assert result.status == "success", result.message
    assert len(sent) == 1
    [row] = journal.runs()
    [submit] = journal.rows("submits", row.id)
    assert submit["result"] == "ok"

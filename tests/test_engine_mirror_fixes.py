"""What independent mirrors of the portals showed the engine missing, on the lab's pages: a
session that expires at a save in a frame and sends the whole window to the sign-in page by
script; a refused sign-in said in a browser alert once the page has loaded (or shortly after);
a link that opens the next page in a new tab."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from playwright.sync_api import Page
from support import LAB_PASSWORD, LAB_SIGN_IN_FORM, LAB_STUDENT, engine_run, lab_scenario

from autohelper.errors import PortalChanged
from autohelper.human import ScriptedHuman
from autohelper.journal import Journal
from autohelper.mock import MockPortal

pytestmark = pytest.mark.browser

LAB = "https://lab.autohelper.test"
PASSWORD = LAB_PASSWORD
STUDENT = LAB_STUDENT

# The lab's sign-in as the CIA's scenario has it: a refusal is told by the sign-in form coming
# back, or by the words of an alert the submit declares (a lockout's).
SIGN_IN = (
    LAB_SIGN_IN_FORM
    + """  - submit: {role: button, name: Iniciar Sesión}
    id: sign-in-send
    dialog: accept
    description: Iniciar sesión
  - outcome:
      - when: {text: bloqueada}
        result: error
        message: Llama a la mesa de ayuda.
      - when: {role: heading, name: Bienvenido}
        result: continue
      - when: {css: "#pwd"}
        result: retry
        from: sign-in
        max_tries: 3
        message: El portal no aceptó tu contraseña. Escríbela de nuevo.
    description: Ver si entraste
"""
)
# A form in a frameset's TargetContent, as PeopleSoft's.
FRAMED_FORM = """
  - goto: https://lab.autohelper.test/session-frames
    description: Abrir la solicitud
  - fill: {label: CURP, frame: TargetContent}
    value: "{profile.curp}"
    description: Escribir tu CURP
  - confirm: [{label: CURP, value: "{profile.curp}"}]
    description: Confirmar la solicitud
  - submit: {role: button, name: Guardar, frame: TargetContent}
    description: Guardar la solicitud
  - outcome:
      - when: {css: ".alert-success", has_text: folio, frame: TargetContent}
        result: success
        yields: {folio: 'folio (\\d+)'}
    timeout: 40
    description: Leer el folio
"""
# The CIA's: the address of PeopleSoft's expiry page, and its sign-in form's password field.
HEADER = (
    "sign_in: {first: sign-in, last: sign-in-send, url: 'cmd=expire', expired: {css: '#pwd'}}\n"
)


class TypingHuman(ScriptedHuman):
    """A person who takes a moment to type their password again, as people do: whatever the
    page that refused it still does meanwhile (an alert) has happened by then."""

    def secret(self, name: str) -> str | None:
        time.sleep(1.2)
        return super().secret(name)


def sign_in_then(tmp_path: Path, steps: str = ""):  # type: ignore[no-untyped-def]
    return lab_scenario(
        tmp_path,
        SIGN_IN + steps,
        profile=("student_id", "curp"),
        secrets=("lab_password",),
        header=HEADER,
    )


# -- 1. a session that expires at a save in a frame, told by a script -----------------------
def test_a_save_in_a_frame_answered_by_a_script_to_the_sign_in_page_signs_in_again_and_saves_once(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    """The save's answer, in its frame, sends the whole window to `?cmd=expire`, which
    redirects to the sign-in page (its address no longer says `cmd=expire`, and its form comes
    after a slow script): the sign-in page is known by its password field once it has loaded,
    the person signs in again, and the request is saved once."""
    portal.configure(**{"lab.expire_by_script": True})
    human = ScriptedHuman(secrets={"lab_password": [PASSWORD]})  # the person signs in again
    journal = Journal(tmp_path / "j.sqlite3")
    started = time.monotonic()
    result = engine_run(
        page,
        sign_in_then(tmp_path, FRAMED_FORM),
        tmp_path,
        human,
        journal,
        profile=STUDENT,
        secrets={"lab_password": PASSWORD},
    )
    assert result.status == "success", result.message
    assert result.yields["folio"] == "401"
    lab = portal.site("lab")
    assert portal.posts("/session-frames/form") == 2  # the expired one, then the one saved
    assert lab.saves["session-frames"] == 1
    assert portal.posts("/login") == 2
    assert any("venció" in line for line in human.prompts)
    assert time.monotonic() - started < 40, "the answer's whole timeout was waited out"


# -- 2. a refused sign-in said in an alert once the page has loaded --------------------------
@pytest.mark.parametrize("when", ["onload", "late"])
def test_a_refusal_alert_after_the_answer_page_loads_is_accepted_and_the_sign_in_asked_again(
    page: Page, portal: MockPortal, tmp_path: Path, when: str
) -> None:
    portal.configure(**{"lab.refusal_alert": when})
    human = TypingHuman(secrets={"lab_password": [PASSWORD]})
    result = engine_run(
        page,
        sign_in_then(tmp_path),
        tmp_path,
        human,
        profile=STUDENT,
        secrets={"lab_password": "equivocada"},
    )
    assert result.status == "success", result.message
    assert portal.posts("/login") == 2
    assert "El portal no aceptó tu contraseña. Escríbela de nuevo." in human.prompts


@pytest.mark.parametrize("when", ["onload", "late"])
def test_the_words_of_a_refusal_alert_after_the_page_loads_are_the_outcomes_answer(
    page: Page, portal: MockPortal, tmp_path: Path, when: str
) -> None:
    """A lockout said only in the alert (the page shows the sign-in form, a retry): its words,
    read before the outcome decides, stop the run instead of asking the password again."""
    portal.configure(**{"lab.refusal_alert": when, "lab.lockout_after": 1})
    human = ScriptedHuman(secrets={"lab_password": [PASSWORD]})
    result = engine_run(
        page,
        sign_in_then(tmp_path),
        tmp_path,
        human,
        profile=STUDENT,
        secrets={"lab_password": "mala"},
    )
    assert result.status == "error", result.message
    assert "Tu cuenta está bloqueada" in result.message
    assert "Llama a la mesa de ayuda." in result.message
    assert portal.posts("/login") == 1
    assert not any("lab_password" in line for line in human.prompts)  # never asked again


# -- 3. a click that opens the next page in a new tab --------------------------------------
@pytest.mark.parametrize(
    ("target", "what"),
    [
        ("{text: TRÁMITE DIGITALIZADO}", "pestaña"),
        ("{role: link, name: Abrir en otra ventana}", "ventana"),
        ("{role: button, name: Continuar}", "script"),
    ],
    ids=["target-blank", "named-window", "window-open"],
)
def test_a_click_that_opens_a_new_tab_is_followed_there(
    page: Page, portal: MockPortal, tmp_path: Path, target: str, what: str
) -> None:
    scenario = lab_scenario(
        tmp_path,
        f"""
  - goto: {LAB}/new-tab
    description: Abrir
  - click: {target}
    description: Abrir el trámite (en otra pestaña)
  - expect: {{text: "Trámite terminado: {what}"}}
    timeout: 3
    description: Ver la página nueva
""",
    )
    result = engine_run(page, scenario, tmp_path)
    assert result.status == "success", result.message
    assert len(page.context.pages) == 2


def test_a_tab_opened_by_the_portal_follows_its_own_new_tab_too(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    """The tab's first document came before the run watched it: its clicks are watched all the
    same (the IMSS mirror whose box 3 and «INICIAR» both opened tabs)."""
    scenario = lab_scenario(
        tmp_path,
        f"""
  - goto: {LAB}/new-tab
    description: Abrir
  - click: {{role: link, name: Abrir el paso 2 en otra pestaña}}
    description: Abrir el paso 2 (en otra pestaña)
  - click: {{role: link, name: INICIAR, exact: true}}
    description: Iniciar (en otra pestaña más)
  - expect: {{text: "Trámite terminado: segunda"}}
    timeout: 3
    description: Ver la página nueva
""",
    )
    result = engine_run(page, scenario, tmp_path)
    assert result.status == "success", result.message
    assert len(page.context.pages) == 3


# -- 4. a list that stays empty while a dialog says why -------------------------------------
EMPTY_LIST = """<!DOCTYPE html><html lang="es"><head><meta charset="utf-8"><title>UMF</title></head>
<body><label for="umf">Clínica o UMF*:</label>
<select id="umf"><option value="-1">--Selecciona por favor--</option></select>
<div role="dialog" style="position:fixed;top:20%;left:20%;background:#fff;border:1px solid">
  <span>Error</span><p>No se localizó ninguna clínica con el código postal capturado, por favor
  preséntese a su clínica más cercana para realizar el trámite.</p><button>Aceptar</button></div>
</body></html>"""


@pytest.mark.parametrize("dialog", [True, False], ids=["a-dialog-says-why", "no-dialog"])
def test_a_list_that_stays_empty_quotes_the_dialog_that_says_why(
    page: Page, portal: MockPortal, tmp_path: Path, dialog: bool
) -> None:
    """An independent mirror's clinic list stayed empty while its «Error» dialog said no clinic
    serves the postal code: the run said only "no options in time"."""
    html = EMPTY_LIST if dialog else EMPTY_LIST.split('<div role="dialog"')[0] + "</body></html>"
    page.route(f"{LAB}/clinica", lambda route: route.fulfill(body=html, content_type="text/html"))
    scenario = lab_scenario(
        tmp_path,
        f"""
  - goto: {LAB}/clinica
    description: Abrir
  - choose: {{css: "#umf"}}
    timeout: 1
    description: Elegir tu clínica
""",
    )
    result = engine_run(page, scenario, tmp_path)
    assert result.status == "error"
    if dialog:
        assert result.message.startswith(
            "La lista del paso «Elegir tu clínica» no ofreció opciones, y el portal dice: «Error "
            "No se localizó ninguna clínica con el código postal capturado, por favor preséntese "
            "a su clínica más cercana para realizar el trámite.»"
        ), result.message
        assert not isinstance(result.error, PortalChanged)  # the portal's answer, not a change
    else:
        assert result.message.startswith("La lista del paso «Elegir tu clínica» no ofreció")
        assert isinstance(result.error, PortalChanged)


# -- a save answered by sending the whole window to the portal's page, the folio there ------
def test_a_save_answered_by_a_new_frameset_is_read_there(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    """The save's answer, in its frame, sends the whole window to the portal's page again,
    whose TargetContent shows the folio: the frame the answer was awaited in went away, and the
    answer is read in the new one (it was "an answer I do not know" though the request was
    saved)."""
    portal.configure(**{"lab.result_at_top": True})
    journal = Journal(tmp_path / "j.sqlite3")
    result = engine_run(
        page,
        sign_in_then(tmp_path, FRAMED_FORM),
        tmp_path,
        ScriptedHuman(),
        journal,
        profile=STUDENT,
        secrets={"lab_password": PASSWORD},
    )
    assert result.status == "success", result.message
    assert result.yields["folio"] == "401"
    assert portal.site("lab").saves["session-frames"] == 1

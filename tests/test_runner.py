"""The runner's loop on the lab's pages: optional steps, browser and in-page dialogs, saves that
do not navigate, a sign-in that fails and is asked again (never re-sent by the machine), an
expired session mid-form that is signed into again without a second send, bounded retries."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page
from support import LAB_PASSWORD, LAB_SIGN_IN_FORM, LAB_STUDENT, PROFILE, engine_run, lab_scenario

from autohelper.engine.runner import RunResult
from autohelper.errors import FirewallBlocked, PortalChanged
from autohelper.human import ScriptedHuman, TerminalHuman
from autohelper.journal import Journal
from autohelper.mock import MockPortal

pytestmark = pytest.mark.browser

LAB = "https://lab.autohelper.test"
PASSWORD = LAB_PASSWORD
STUDENT = LAB_STUDENT

SIGN_IN = (
    LAB_SIGN_IN_FORM
    + """  - submit: {role: button, name: Iniciar Sesión}
    id: sign-in-send
    description: Iniciar sesión
  - outcome:
      - when: {role: heading, name: Bienvenido}
        result: continue
      - when: {css: ".alert-danger", has_text: bloqueada}
        result: error
        message: Llama a la mesa de ayuda.
      - when: {css: ".alert-danger", has_text: "no son válidos"}
        result: retry
        from: sign-in
        max_tries: 3
        message: El portal no aceptó tu contraseña. Escríbela de nuevo.
        last_try: Último intento antes de que la cuenta se bloquee.
    description: Ver si entraste
"""
)
FORM = """
  - click: {role: link, name: Formulario}
    description: Abrir el formulario
  - fill: {label: CURP}
    value: "{profile.curp}"
    description: Escribir tu CURP
  - fill: {label: Teléfono celular}
    value: "{profile.phone}"
    description: Escribir tu teléfono
  - confirm: [{label: CURP, value: "{profile.curp}"}]
    description: Confirmar la solicitud
  - submit: {role: button, name: Guardar}
    description: Guardar la solicitud
  - outcome:
      - when: {css: ".alert-success", has_text: folio}
        result: success
        yields: {folio: 'folio (\\d+)'}
    description: Leer el folio
"""
HEADER = "sign_in: {first: sign-in, last: sign-in-send, url: 'cmd=expire'}\n"


def signed_in_form(tmp_path: Path):  # type: ignore[no-untyped-def]
    return lab_scenario(
        tmp_path,
        SIGN_IN + FORM,
        profile=("student_id", "curp", "phone"),
        secrets=("lab_password",),
        header=HEADER,
    )


@pytest.mark.parametrize("warning", [True, False], ids=["warning-page", "no-warning-page"])
def test_an_optional_page_is_passed_when_present_and_skipped_when_absent(
    page: Page, portal: MockPortal, tmp_path: Path, warning: bool
) -> None:
    portal.configure(**{"lab.warning": warning})
    journal = Journal(tmp_path / "j.sqlite3")
    result = engine_run(
        page,
        signed_in_form(tmp_path),
        tmp_path,
        journal=journal,
        profile=STUDENT,
        secrets={"lab_password": PASSWORD},
    )
    assert result.status == "success", result.message
    [run] = journal.runs()
    optional = [s for s in journal.rows("steps", run.id) if s["position"] == 3]
    assert [s["status"] for s in optional] == ["ok" if warning else "skipped"]
    assert portal.site("lab").saves["form"] == 1


def test_a_wrong_password_is_asked_again_never_resent_and_the_last_try_is_announced(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    human = ScriptedHuman(secrets={"lab_password": [PASSWORD]})
    result = engine_run(
        page,
        signed_in_form(tmp_path),
        tmp_path,
        human,
        profile=STUDENT,
        secrets={"lab_password": "equivocada"},
    )
    assert result.status == "success", result.message
    assert portal.posts("/login") == 2
    asked = [p for p in human.prompts if "lab_password" in p]
    assert len(asked) == 1  # the person gave it again; the machine did not re-send the first


def test_a_retry_loop_stops_at_its_limit_with_the_portals_words(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    portal.configure(**{"lab.lockout_after": 5})
    human = ScriptedHuman(secrets={"lab_password": ["mala-2", "mala-3"]})
    result = engine_run(
        page,
        signed_in_form(tmp_path),
        tmp_path,
        human,
        profile=STUDENT,
        secrets={"lab_password": "mala-1"},
    )
    assert result.status == "error"
    assert result.message.startswith(
        "Lo intentamos 3 veces y el portal respondió lo mismo: «Tu ID o tu contraseña no son "
        "válidos.»"
    )
    assert portal.posts("/login") == 3
    assert "Último intento antes de que la cuenta se bloquee." in human.prompts
    assert "mala" not in result.message
    assert "Vuelve a intentarlo con calma más tarde." in result.message  # no `at_limit` here


def _three_wrong_passwords(
    page: Page, portal: MockPortal, tmp_path: Path, sign_in: str
) -> RunResult:
    """The lab's sign-in (as `sign_in` writes it) then its form, given three wrong passwords,
    the lab locking no account before five."""
    portal.configure(**{"lab.lockout_after": 5})
    scenario = lab_scenario(
        tmp_path,
        sign_in + FORM,
        profile=("student_id", "curp", "phone"),
        secrets=("lab_password",),
        header=HEADER,
    )
    human = ScriptedHuman(secrets={"lab_password": ["mala-2", "mala-3"]})
    return engine_run(
        page, scenario, tmp_path, human, profile=STUDENT, secrets={"lab_password": "mala-1"}
    )


def test_a_retry_loops_own_word_for_its_limit_replaces_try_again_later(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    """`at_limit`: when the tries are spent, what to do then (an account that may lock is not
    to be tried again later), instead of «try again calmly later»."""
    limit = "        at_limit: No pruebes más contraseñas; recupérala.\n"
    sign_in = SIGN_IN.replace("        last_try:", limit + "        last_try:")
    assert sign_in != SIGN_IN
    result = _three_wrong_passwords(page, portal, tmp_path, sign_in)
    assert result.error is not None and result.error.key == "run.too_many_attempts"
    assert "Me detengo aquí («Ver si entraste»).\nNo pruebes más contraseñas; recupérala." in (
        result.message
    )
    assert "con calma" not in result.message


def test_a_retry_loop_whose_answer_has_no_words_stops_without_an_empty_quote(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    """A retry told by the sign-in form coming back (its words not known): nothing to quote."""
    sign_in = SIGN_IN.replace('{css: ".alert-danger", has_text: "no son válidos"}', '{css: "#pwd"}')
    result = _three_wrong_passwords(page, portal, tmp_path, sign_in)
    assert result.error is not None and result.error.key == "run.too_many_attempts_quiet"
    assert result.message.startswith(
        "Lo intentamos 3 veces y el portal dio la misma respuesta cada vez. Me detengo aquí "
        "(«Ver si entraste»)."
    )
    assert "«»" not in result.message and portal.posts("/login") == 3


def test_a_locked_account_stops_with_the_advice(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    portal.configure(**{"lab.lockout_after": 1})
    result = engine_run(
        page,
        signed_in_form(tmp_path),
        tmp_path,
        profile=STUDENT,
        secrets={"lab_password": "mala"},
    )
    assert result.status == "error"
    assert "Llama a la mesa de ayuda." in result.message
    assert portal.posts("/login") == 1


def test_a_session_that_expires_at_the_save_is_signed_into_again_and_saved_once(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    portal.configure(**{"lab.expire_at_save": True})
    human = ScriptedHuman(secrets={"lab_password": [PASSWORD]})  # the person signs in again
    journal = Journal(tmp_path / "j.sqlite3")
    result = engine_run(
        page,
        signed_in_form(tmp_path),
        tmp_path,
        human,
        journal,
        profile=STUDENT,
        secrets={"lab_password": PASSWORD},
    )
    assert result.status == "success", result.message
    assert portal.site("lab").saves["form"] == 1
    assert portal.posts("/login") == 2  # signed in twice, the second time with a new yes
    assert any("venció" in line for line in human.prompts)
    # Four confirmations: sign-in, save (expired), sign-in again, save.
    assert sum(1 for line in human.prompts if line.startswith("Confirmar")) == 4
    [run] = journal.runs()
    results = [s["result"] for s in journal.rows("submits", run.id)]
    assert results == ["http 200", "http 200", "http 200", "http 200"]


@pytest.mark.parametrize(
    "header",
    [HEADER, "sign_in: {first: sign-in, last: sign-in-send, expired: {css: '#pwd'}}\n"],
    ids=["by-its-address", "by-its-marks"],
)
def test_an_expired_session_is_signed_into_again_when_its_page_comes_not_after_the_timeout(
    page: Page, portal: MockPortal, tmp_path: Path, header: str
) -> None:
    """The answer after the save has a long timeout; the sign-in page that came instead (known
    by its address, or by its marks) sends the run back to sign in at once."""
    portal.configure(**{"lab.expire_at_save": True})
    form = FORM.replace(
        "    description: Leer el folio", "    timeout: 40\n    description: Leer el folio"
    )
    scenario = lab_scenario(
        tmp_path,
        SIGN_IN + form,
        profile=("student_id", "curp", "phone"),
        secrets=("lab_password",),
        header=header,
    )
    human = ScriptedHuman(secrets={"lab_password": [PASSWORD]})
    started = time.monotonic()
    result = engine_run(
        page, scenario, tmp_path, human, profile=STUDENT, secrets={"lab_password": PASSWORD}
    )
    assert result.status == "success", result.message
    assert portal.posts("/login") == 2 and portal.site("lab").saves["form"] == 1
    assert time.monotonic() - started < 40, "the answer's whole timeout was waited out"


def test_a_browser_confirm_nobody_declared_stops_the_run_with_its_text_redacted(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    scenario = lab_scenario(
        tmp_path,
        f"""
  - goto: {LAB}/confirm?nombre=GLORIA%20HERNANDEZ
    description: Abrir
  - click: {{role: button, name: Enviar}}
    description: Enviar sin declarar el diálogo
""",
    )
    profile = {**PROFILE, "names": "GLORIA", "first_surname": "HERNANDEZ"}
    result = engine_run(page, scenario, tmp_path, profile=profile)
    assert result.status == "error"
    assert "El portal abrió un diálogo que el escenario no esperaba" in result.message
    assert "«¿Seguro que deseas enviar tu solicitud, G… H…?»" in result.message
    assert portal.site("lab").saves["confirm"] == 0


SEND_AND_READ = """\
  - goto: {lab}/send-ask{query}
    description: Abrir
  - confirm: [{{label: Dato, value: x}}]
    description: Revisar
  - submit: {{css: "#enviar"}}
    description: Enviar
  - outcome:
      - when: {{css: "#listo"}}
        result: success
    description: Leer la respuesta
"""


@pytest.mark.browser
def test_a_browser_notice_nobody_declared_is_told_and_the_send_goes_through_once(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    """An `alert` has only «Aceptar»: closing it decides nothing (a PeopleSoft «su sesión está
    por expirar» while the person reads the summary). Told, and the run goes on; it once
    stopped the run as «no se envió nada» after the save had gone through."""
    steps = SEND_AND_READ.format(lab=LAB, query="?notice=1")
    human = ScriptedHuman()
    result = engine_run(page, lab_scenario(tmp_path, steps), tmp_path, human)
    assert result.status == "success", result.message
    assert portal.site("lab").saves["ask"] == 1
    notice = "Su sesión está por expirar. Haga clic en Aceptar para continuar."
    assert f"El portal mostró un aviso: «{notice}». Solo tenía «Aceptar»: lo cerré y sigo." in (
        human.prompts
    )


@pytest.mark.browser
def test_a_form_that_posts_into_a_tab_of_its_own_is_followed_there_and_kept_as_sent(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    """A mirror's final step posted into a new tab: the address arrived, but the run waited
    30 s in the old tab and said «no se envió nada» (journal: `not_sent`). Now the run goes on
    in the answer's tab and reads it there."""
    steps = SEND_AND_READ.format(lab=LAB, query="").replace("/send-ask", "/send-new-tab")
    journal = Journal(tmp_path / "j.sqlite3")
    started = time.monotonic()
    result = engine_run(page, lab_scenario(tmp_path, steps), tmp_path, ScriptedHuman(), journal)
    assert result.status == "success", result.message
    assert time.monotonic() - started < 15, "the old tab's navigation was waited for"
    assert portal.site("lab").saves["confirm"] == 1
    [row] = journal.runs()
    [submit] = journal.rows("submits", row.id)
    assert submit["result"] == "ok"


@pytest.mark.browser
def test_an_answer_nobody_declared_right_after_a_send_leaves_the_send_unknown(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    """The portal answered a send in a way no case takes (a mirror's popup before its folio):
    nobody can tell whether it went through, so the run ends `unknown` (status then says so),
    not a plain error whose next step reads «fill it in and save it again»."""
    steps = SEND_AND_READ.format(lab=LAB, query="?notice=1").replace('"#listo"', '"#nada"')
    journal = Journal(tmp_path / "j.sqlite3")
    result = engine_run(
        page, lab_scenario(tmp_path, steps), tmp_path, ScriptedHuman(), journal, max_wait=1
    )
    assert result.status == "unknown", result.message
    assert result.message.startswith("No reconozco la respuesta del portal en el paso «Leer")
    assert portal.site("lab").saves["ask"] == 1
    [row] = journal.runs()
    assert row.status == "unknown"


@pytest.mark.browser
def test_a_browser_question_nobody_declared_after_a_send_leaves_the_send_unknown(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    """A `confirm` on the answer page, after the request went out: closed unanswered, the run
    stops, but never saying nothing was sent; whether it arrived is for the portal to tell."""
    human = ScriptedHuman()
    steps = SEND_AND_READ.format(lab=LAB, query="")
    result = engine_run(page, lab_scenario(tmp_path, steps), tmp_path, human)
    assert result.status == "unknown", result.message
    assert portal.site("lab").saves["ask"] == 1
    assert "«¿Deseas imprimir tu acuse ahora?»" in result.message
    assert "No sé si tu solicitud llegó" in result.message
    assert "no se envió nada" not in result.message


def test_a_declared_browser_confirm_is_accepted_and_the_send_goes_through(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    scenario = lab_scenario(
        tmp_path,
        f"""
  - goto: {LAB}/confirm
    description: Abrir
  - confirm: [{{label: Dato, value: x}}]
    description: Confirmar
  - submit: {{role: button, name: Enviar}}
    dialog: {{accept: true, text: "¿Seguro que deseas enviar"}}
    description: Enviar y aceptar el diálogo del navegador
  - expect: {{text: "Trámite terminado: confirm"}}
    description: Ver que terminó
""",
    )
    result = engine_run(page, scenario, tmp_path)
    assert result.status == "success", result.message
    assert portal.site("lab").saves["confirm"] == 1


def test_an_in_page_dialog_is_an_ordinary_element(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    scenario = lab_scenario(
        tmp_path,
        f"""
  - goto: {LAB}/dialog
    description: Abrir
  - click: {{role: button, name: Continuar}}
    description: Validar
  - expect: {{role: dialog, name: Confirmación requerida}}
    description: Ver el diálogo de confirmación
  - confirm: [{{label: UMF, value: "12"}}]
    description: Confirmar
  - submit: {{role: button, name: Aceptar}}
    description: Aceptar en el diálogo
  - expect: {{text: "Trámite terminado: dialog"}}
    description: Ver que terminó
""",
    )
    result = engine_run(page, scenario, tmp_path)
    assert result.status == "success", result.message
    assert portal.site("lab").saves["dialog"] == 1


AJAX = f"""
  - goto: {LAB}/ajax
    description: Abrir
  - fill: {{label: Dato}}
    value: "abc"
    description: Escribir
  - confirm: [{{label: Dato, value: abc}}]
    description: Confirmar
  - submit: {{role: button, name: Guardar}}
    until: UNTIL
    description: Guardar sin navegar
  - outcome:
      - when: {{css: "#resultado", has_text: folio}}
        result: success
        yields: {{folio: 'folio (\\d+)'}}
    description: Leer el folio
"""


@pytest.mark.parametrize(
    "until", ['{css: "#resultado", has_text: folio}', "{response: /ajax/save}"]
)
def test_a_save_without_navigation_is_sent_once_even_when_its_answer_is_slow(
    page: Page, portal: MockPortal, tmp_path: Path, until: str
) -> None:
    portal.configure(**{"lab.save_delay": 1.0})
    scenario = lab_scenario(tmp_path, AJAX.replace("UNTIL", until))
    result = engine_run(page, scenario, tmp_path, step_timeout=8.0)
    assert result.status == "success", result.message
    assert result.yields == {"folio": "201"}
    assert portal.posts("/ajax/save") == 1


def test_a_save_whose_answer_never_comes_is_unknown_and_sent_once(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    portal.configure(**{"lab.save_delay": 5.0})
    scenario = lab_scenario(tmp_path, AJAX.replace("UNTIL", "{response: /ajax/save}"))
    result = engine_run(page, scenario, tmp_path, submit_timeout=1.0)
    assert result.status == "unknown"
    assert portal.posts("/ajax/save") == 1


def test_a_bound_on_every_wait_covers_the_sends_own_timeout(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    """QA's `--timeout` (a case's `timeout:`) bounds a step's own `timeout:` too: the save
    below would wait 30 s for an answer that comes after 3; bounded to 1 s, it is unknown."""
    portal.configure(**{"lab.save_delay": 3.0})
    steps = AJAX.replace("UNTIL", "{response: /ajax/save}").replace(
        "    description: Guardar sin navegar",
        "    timeout: 30\n    description: Guardar sin navegar",
    )
    result = engine_run(page, lab_scenario(tmp_path, steps), tmp_path, max_wait=1.0)
    assert result.status == "unknown", result.message
    assert portal.posts("/ajax/save") == 1


def test_a_save_without_navigation_answered_by_a_5xx_is_unavailable_after_the_send(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    """Not "an answer I do not know" after the outcome's whole wait: the portal failed the send,
    which may or may not have arrived; it is never sent again."""
    portal.configure(fail_first=1, fail_methods=("POST",), fail_paths=("/ajax/save",))
    scenario = lab_scenario(tmp_path, AJAX.replace("UNTIL", "{response: /ajax/save}"))
    result = engine_run(page, scenario, tmp_path, step_timeout=5.0)
    assert result.error is not None and result.error.key == "run.unavailable_after_submit"
    assert portal.posts("/ajax/save") == 1


def test_a_page_slower_than_every_wait_is_retried_then_said_in_the_persons_words(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    """Not Playwright's "Page.goto: Timeout 500ms exceeded": a page opened by address is
    retried like an unreachable one (opening it again sends nothing), then the stop says what
    happened."""
    portal.configure(delay=5.0, delay_paths=("/ajax",))
    scenario = lab_scenario(tmp_path, f"  - goto: {LAB}/ajax\n    description: Abrir\n")
    result = engine_run(page, scenario, tmp_path, max_wait=0.5)
    assert result.status == "error"
    assert result.message.startswith(
        ("La página del paso «Abrir» no terminó de cargar", "No pude llegar al portal en el paso")
    ), result.message
    assert "Timeout" not in result.message and "net::" not in result.message


def test_a_required_page_that_does_not_come_is_a_changed_portal(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    portal.configure(**{"lab.warning": False})
    scenario = lab_scenario(
        tmp_path,
        SIGN_IN.replace("    optional: true\n    timeout: 20\n", "    timeout: 0.5\n"),
        profile=("student_id",),
        secrets=("lab_password",),
    )
    result = engine_run(
        page, scenario, tmp_path, profile=STUDENT, secrets={"lab_password": PASSWORD}
    )
    assert isinstance(result.error, PortalChanged)
    assert "«Pasar el aviso (a veces no aparece)»" in result.message


def test_a_run_can_start_at_a_later_step(page: Page, portal: MockPortal, tmp_path: Path) -> None:
    """What a resumed run does: the steps before `start_at` (here, one that would fail) are
    not run, and the journal keeps only the steps that ran."""
    scenario = lab_scenario(
        tmp_path,
        """
  - expect: {text: "Nunca está aquí"}
    timeout: 1
    description: Un paso que fallaría
  - goto: https://lab.autohelper.test/done?what=retomado
    description: Abrir la página final
  - expect: {text: "Trámite terminado: retomado"}
    description: Leerla
""",
    )
    journal = Journal(tmp_path / "j.sqlite3")
    result = engine_run(page, scenario, tmp_path, journal=journal, start_at=1)
    assert result.status == "success", result.message
    [run] = journal.runs()
    assert [row["position"] for row in journal.rows("steps", run.id)] == [1, 2]


HAND_OFF = f"""
  - goto: {LAB}/ajax
    description: Abrir
  - fill: {{label: Dato del estudiante}}
    value: "{{profile.phone}}"
    timeout: 0.5  # never on the page: only this step waits briefly
    description: Escribir tu teléfono
  - confirm: [{{label: Teléfono, value: "{{profile.phone}}"}}]
    description: Confirmar
  - submit: {{role: button, name: Guardar}}
    until: {{css: "#resultado", has_text: folio}}
    description: Guardar
  - outcome:
      - when: {{css: "#resultado", has_text: folio}}
        result: success
    description: Ver el folio
"""


class Keyboard(io.StringIO):
    """The student at the terminal: before pressing Enter at the hand-off, they type the value
    into the browser themselves; then "s" at the confirmation."""

    def __init__(self, page: Page, phone: str) -> None:
        super().__init__()
        self.page, self.phone, self.lines = page, phone, ["\n", "s\n"]

    def readline(self, size: int | None = -1) -> str:
        if len(self.lines) == 2:
            self.page.locator("#folioEntrada").fill(self.phone)
        return self.lines.pop(0)


def test_a_live_run_hands_a_missing_field_to_the_student_and_journals_it(
    page: Page,
    portal: MockPortal,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    scenario = lab_scenario(tmp_path, HAND_OFF, profile=("phone",))
    monkeypatch.setattr("sys.stdin", Keyboard(page, STUDENT["phone"]))
    shown: list[str] = []
    journal = Journal(tmp_path / "j.sqlite3")
    result = engine_run(
        page,
        scenario,
        tmp_path,
        TerminalHuman(headless=False, echo=shown.append),
        journal,
        profile=STUDENT,
        live=True,
        hand_off=True,
        mask_screenshots=True,
    )
    assert result.status == "success", result.message
    assert page.locator("#folioEntrada").input_value() == STUDENT["phone"]
    assert shown[0].startswith(
        "No encontré en la página lo que el paso «Escribir tu teléfono» busca "
        "(label='Dato del estudiante')"
    )
    assert "El valor de tu perfil para ese campo: …67" in shown[1]  # masked unless asked
    assert STUDENT["phone"] not in "\n".join(shown) + capsys.readouterr().out
    [run] = journal.runs()
    by_hand = [s for s in journal.rows("steps", run.id) if s["status"] == "by_hand"]
    assert [(s["description"], s["detail"]) for s in by_hand] == [
        ("Escribir tu teléfono", "not found: label='Dato del estudiante'")
    ]
    assert portal.posts("/ajax/save") == 1


NOTICE_AFTER_SEND = f"""
  - goto: {LAB}/send-notice
    description: Abrir
  - fill: {{label: Dato}}
    value: "{{profile.phone}}"
    description: Escribir tu teléfono
  - confirm: [{{label: Teléfono, value: "{{profile.phone}}"}}]
    description: Confirmar
  - submit: {{role: button, name: Guardar}}
    until: {{response: /ajax/save}}
    description: Guardar
  - outcome:
      - when: {{css: "#resultado", has_text: folio}}
        result: success
    timeout: 1
    description: Ver el folio
"""


@pytest.mark.parametrize("passes", [True, False])
def test_a_notice_nobody_declared_after_a_send_is_passed_by_the_student_then_read_again(
    page: Page, portal: MockPortal, tmp_path: Path, passes: bool
) -> None:
    """A notice of the portal's own after the save («Tu contraseña vence en 3 días…
    Continuar»), before its answer: a student who sees the browser passes it by hand, told
    not to send again, and the answer is read then (not «No reconozco la respuesta»). QA
    never stands in; a person who says «salir» gets the unknown answer as before."""
    scenario = lab_scenario(tmp_path, NOTICE_AFTER_SEND, profile=("phone",))

    def passed(shown: Page) -> None:
        shown.get_by_role("button", name="Continuar").click()

    by_hand = passed if passes else None
    human = ScriptedHuman(by_hand=by_hand)
    journal = Journal(tmp_path / "j.sqlite3")
    result = engine_run(
        page, scenario, tmp_path, human, journal, profile=STUDENT, live=True, hand_off=True
    )
    told = [p for p in human.prompts if p.startswith("No reconozco lo que el portal muestra")]
    assert told == [
        "No reconozco lo que el portal muestra después de «Ver el folio». Mira el navegador: si "
        "es un aviso que se puede pasar (por ejemplo, con «Continuar» o «Aceptar»), pásalo tú, "
        "sin volver a enviar nada ni a presionar «Guardar» o «Enviar»; vuelvo a leer la "
        "respuesta."
    ]
    assert portal.posts("/ajax/save") == 1
    [run] = journal.runs()
    steps = {s["description"]: s for s in journal.rows("steps", run.id)}
    if passes:
        assert result.status == "success", result.message
        assert steps["Ver el folio"]["status"] == "by_hand"
    else:
        assert result.status == "unknown", result.message
        assert result.message.startswith("No reconozco la respuesta del portal")
    # In QA (no hand-off) the run stops at the unknown answer, nobody asked.
    qa = ScriptedHuman(by_hand=by_hand)
    stopped = engine_run(page, scenario, tmp_path, qa, profile=STUDENT)
    assert stopped.status == "unknown", stopped.message
    assert not any(p.startswith("No reconozco lo que") for p in qa.prompts)


SLOW_PARSE = f"""
  - goto: {LAB}/slow-parse-start
    description: Abrir
  - click: {{css: "#ir"}}
    description: Ir a la página lenta
  - click: {{css: "#siguiente"}}
    timeout: 2
    description: Seguir
  - expect: {{text: Listo}}
    description: Listo
"""


# Opened at once (a stylesheet does not hold the document's reading): nothing is drawn yet.
SLOW_STYLE = f"""
  - goto: {LAB}/slow-style
    description: Abrir
  - click: {{css: "#siguiente"}}
    timeout: 2
    description: Seguir
  - expect: {{text: Listo}}
    description: Listo
"""


@pytest.mark.parametrize("waits_for", ["script", "style"])
def test_a_page_still_being_read_when_its_element_is_awaited_is_slow_not_changed(
    page: Page, portal: MockPortal, tmp_path: Path, waits_for: str
) -> None:
    """The page waits for a script of its own (3 s) before the button, or for its stylesheet
    before anything is drawn: past the step's 2 s it is still loading. It was «El portal
    cambió»; it is awaited again (a retried step) and found."""
    portal.configure(delay=3.0, delay_paths=(f"/slow-{waits_for}.",))
    scenario = lab_scenario(tmp_path, SLOW_PARSE if waits_for == "script" else SLOW_STYLE)
    result = engine_run(page, scenario, tmp_path, profile=STUDENT)
    assert result.status == "success", result.message


def test_a_saves_answer_is_its_own_not_one_to_a_request_the_page_made_before_the_press(
    page: Page, portal: MockPortal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page's own request, made before the press (a check as it loads), is answered after
    it: `until: {response: /ajax/}` took that answer for the save's, and the outcome read the
    page before the save had answered («No reconozco», though saved). Meanwhile the person is
    told, once, that the answer is still awaited (the save was 20 s of silence)."""
    monkeypatch.setattr("autohelper.engine.steps.STILL_WAITING_S", 1.0)
    portal.configure(**{"lab.save_delay": 4.0}, delay=2.5, delay_paths=("/ajax/estado",))
    steps = NOTICE_AFTER_SEND.replace("/send-notice", "/send-while-polling").replace(
        "until: {response: /ajax/save}", "until: {response: /ajax/}"
    )
    scenario = lab_scenario(tmp_path, steps, profile=("phone",))
    human = ScriptedHuman()
    result = engine_run(page, scenario, tmp_path, human, profile=STUDENT, submit_timeout=10.0)
    assert result.status == "success", result.message
    assert portal.posts("/ajax/save") == 1
    waiting = [said for said in human.prompts if said.startswith("Sigo esperando")]
    assert waiting == [
        "Sigo esperando la respuesta del portal a «Guardar» (hasta 10 s). No cierres el "
        "navegador ni vuelvas a presionar el botón."
    ]


def test_a_saves_answer_in_an_alert_nobody_declared_is_read_as_the_answer(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    """Saved, the folio in a browser alert and nowhere on the page: the alert was told
    («El portal mostró un aviso…») and the run ended «No reconozco la respuesta». Its words
    are the answer's, as a declared dialog's are."""
    steps = NOTICE_AFTER_SEND.replace("/send-notice", "/send-alert-answer").replace(
        """      - when: {css: "#resultado", has_text: folio}
        result: success""",
        """      - when: [{css: "#resultado", has_text: folio}, {text: con folio}]
        result: success
        yields: {folio: 'folio (\\d+)'}""",
    )
    scenario = lab_scenario(tmp_path, steps, profile=("phone",))
    result = engine_run(page, scenario, tmp_path, profile=STUDENT)
    assert result.status == "success", result.message
    assert result.yields == {"folio": "201"}
    assert portal.posts("/ajax/save") == 1


def test_a_notice_of_maintenance_to_come_on_a_working_form_is_the_portal_up(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    """A banner «el domingo habrá mantenimiento» above a working form: the page was taken for
    a maintenance page (reloaded, then «el portal no está disponible»)."""
    steps = f"""
  - goto: {LAB}/banner-maintenance
    description: Abrir
  - fill: {{css: "#dato"}}
    value: "{{profile.phone}}"
    description: Escribir
  - click: {{css: "#siguiente"}}
    description: Seguir
  - expect: {{text: Listo}}
    description: Listo
"""
    result = engine_run(page, lab_scenario(tmp_path, steps, profile=("phone",)), tmp_path)
    assert result.status == "success", result.message
    assert len([r for r in portal.requests if r["path"] == "/banner-maintenance"]) == 1
    # The page alone, nothing after it to show the form is what comes (`check`'s walk of a
    # page before its form is typed into): up all the same.
    alone = steps.split("  - fill:")[0]
    result = engine_run(page, lab_scenario(tmp_path, alone), tmp_path)
    assert result.status == "success", result.message


@pytest.mark.parametrize("where", ["step", "answer"])
def test_an_anti_robot_check_no_portal_file_declares_is_a_firewall_never_a_change(
    page: Page, portal: MockPortal, tmp_path: Path, where: str
) -> None:
    """A check «no soy un robot» put in front of the site this morning, where a step looked
    for its element, or where an answer was to be read: «El portal cambió… el escenario
    necesita actualizarse» / «No reconozco la respuesta». It is a firewall's: a person's, and
    the run stops saying so (nothing ticked by us)."""
    look = (
        '  - click: {css: "#siguiente"}\n    timeout: 1\n    description: Seguir\n'
        if where == "step"
        else '  - outcome:\n      - when: {css: "#resultado"}\n        result: success\n'
        "    timeout: 1\n    description: Leer la respuesta\n"
    )
    steps = f"  - goto: {LAB}/challenge-unknown\n    description: Abrir\n" + look
    result = engine_run(page, lab_scenario(tmp_path, steps), tmp_path)
    assert isinstance(result.error, FirewallBlocked), result.message
    assert result.message.startswith(
        "El portal respondió con una página de bloqueo o de verificación de su firewall (uno "
        "que el portal no tenía antes, o una verificación de que no eres un robot)"
    )
    assert not page.locator("input[type=checkbox]").is_checked()


def test_qa_never_stands_in_for_a_missing_field(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    scenario = lab_scenario(tmp_path, HAND_OFF, profile=("phone",))
    result = engine_run(page, scenario, tmp_path, profile=STUDENT, step_timeout=2.0)
    assert isinstance(result.error, PortalChanged)
    assert "Dato del estudiante" in result.message
    assert portal.posts("/ajax/save") == 0

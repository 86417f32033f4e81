"""A form whose fields post the page on change (PeopleSoft's non-deferred FieldChange), on the
lab's `/fieldchange`: what is saved is what the person said yes to, the page's own post is let
settle before the next step and before the press, and a press whose navigation the page
replaces is a send (never "could not reach the portal"), kept in the journal as finished."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page
from support import engine_run, lab_scenario

from autohelper.human import ScriptedHuman
from autohelper.journal import Journal
from autohelper.mock import MockPortal

pytestmark = pytest.mark.browser

PROFILE = {
    "nss": "12345678903",
    "curp": "HEGG560427MVZRRL04",
    "email": "estudiante.prueba@example.com",
}
SENT = {
    "nss": PROFILE["nss"],
    "curp": PROFILE["curp"],
    "email": PROFILE["email"],
    "declara": "Y",
}


def form(query: str, framed: bool = False) -> str:
    """The lab's form, in a frameset's TargetContent when `framed` (as PeopleSoft's)."""
    text = f"""  - goto: https://lab.autohelper.test/fieldchange?{query}
    description: Abrir la solicitud
  - fill: {{label: Número de Seguridad Social}}
    value: "{{profile.nss}}"
    description: Escribir tu NSS
  - fill: {{label: CURP}}
    value: "{{profile.curp}}"
    description: Escribir tu CURP
  - fill: {{label: Correo electrónico}}
    value: "{{profile.email}}"
    description: Escribir tu correo
  - check: {{label: Declaro que no cuento con otro servicio médico}}
    description: Marcar la declaración
  - confirm:
      - {{label: NSS, value: "{{profile.nss}}"}}
      - {{label: CURP, value: "{{profile.curp}}"}}
      - {{label: Correo, value: "{{profile.email}}"}}
    description: Confirmar la solicitud
  - submit: {{role: button, name: Guardar}}
    description: Guardar la solicitud
  - outcome:
      - when: {{css: .alert-success, has_text: folio}}
        result: success
        yields: {{folio: 'folio (\\d+)'}}
    description: Leer el folio
"""
    if not framed:
        return text
    text = text.replace("/fieldchange?", "/fieldchange-frames?").replace(
        "has_text: folio}", "has_text: folio, frame: TargetContent}"
    )
    step = r"(  - (fill|check|submit|outcome):.*?)(\n    (value|desc|yields))"
    return re.sub(step, _framed, text)


def _framed(found: re.Match[str]) -> str:
    head = found.group(1)
    return (
        head[: head.rindex("}")]
        + ", frame: TargetContent}"
        + head[head.rindex("}") + 1 :]
        + (found.group(3))
    )


def run_form(  # type: ignore[no-untyped-def]
    page: Page, tmp_path: Path, query: str, journal: Journal, framed: bool = False
):
    scenario = lab_scenario(tmp_path, form(query, framed), profile=("nss", "curp", "email"))
    return engine_run(page, scenario, tmp_path, ScriptedHuman(), journal, profile=PROFILE)


@pytest.mark.parametrize(
    ("query", "framed"),
    [
        ("fc=nss&delay=0.05", False),  # the NSS posts the page as the CURP is focused
        ("fc=curp&delay=0.05", True),  # its answer lands while the next field is typed
        ("fc=email&delay=0.05", True),  # the last field's, as the box is ticked
        ("fc=nss,curp,email,declara&delay=0.05", True),  # every field, and the box
        ("fc=nss&ajax=1&delay=0.3", False),  # by AJAX, behind a processing mask
    ],
)
def test_fields_typed_after_a_field_that_posts_on_change_are_saved_as_confirmed(
    page: Page, portal: MockPortal, tmp_path: Path, query: str, framed: bool
) -> None:
    journal = Journal(tmp_path / "j.sqlite3")
    result = run_form(page, tmp_path, query, journal, framed)
    assert result.status == "success", result.message
    assert portal.site("lab").saved == [SENT]  # one save, holding what the person saw
    [run] = journal.runs()
    [submit] = journal.submits(run.id)
    assert submit.result == "http 200"


def test_a_tick_that_posts_the_page_is_let_settle_before_the_save(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    """The box's click posts the page and its answer takes 0.4 s: the save is pressed once it
    has come (pressed before, the save's navigation aborted the tick's: "could not reach the
    portal", though the request was saved)."""
    journal = Journal(tmp_path / "j.sqlite3")
    result = run_form(page, tmp_path, "fc=declara&delay=0.4", journal, framed=True)
    assert result.status == "success", result.message
    assert "conexión" not in result.message
    assert portal.site("lab").saved == [SENT]
    [run] = journal.runs()
    [submit] = journal.submits(run.id)
    assert submit.result == "http 200"


def test_a_press_whose_navigation_the_page_replaces_is_a_send_not_a_lost_connection(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    """Guardar posts a FieldChange and, before its answer, the save: the navigation the press
    started is aborted (`net::ERR_ABORTED`) by the page's own. The save is the press's answer:
    read once, never said to be a lost connection, never pressed again; the journal keeps how
    the send finished."""
    journal = Journal(tmp_path / "j.sqlite3")
    result = run_form(page, tmp_path, "save=aborting&delay=0.5", journal)
    assert result.status == "success", result.message
    assert result.yields["folio"] == "501"
    assert portal.site("lab").saved == [SENT]
    [run] = journal.runs()
    [submit] = journal.submits(run.id)
    assert submit.result != "pending"


def test_a_field_that_does_not_keep_what_was_typed_stops_the_run_before_the_press(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    """The CURP empties itself when left: typed again, it does not hold; nothing is pressed,
    and the message names the field's step."""
    journal = Journal(tmp_path / "j.sqlite3")
    result = run_form(page, tmp_path, "lose=curp", journal)
    assert result.status == "error"
    assert "No envié nada" in result.message
    assert "Escribir tu CURP" in result.message
    assert portal.posts("/fieldchange") == 0
    assert portal.site("lab").saved == []
    [run] = journal.runs()
    assert journal.submits(run.id) == []


def test_a_post_to_another_site_never_holds_a_step(
    page: Page, portal: MockPortal, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A page's analytics post each change to their own site, and may never be answered: not
    the page posting a field, so no step waits for them."""
    page.route("https://analytics.invalid/**", lambda route: None)  # never answered
    page.add_init_script(
        "addEventListener('change', () => fetch('https://analytics.invalid/collect',"
        " {method: 'POST', body: 'x'}), true)"
    )
    scenario = lab_scenario(tmp_path, form("fc=none"), profile=("nss", "curp", "email"))
    with caplog.at_level("DEBUG", logger="autohelper.engine.steps"):
        result = engine_run(
            page, scenario, tmp_path, ScriptedHuman(), profile=PROFILE, step_timeout=2
        )
    assert result.status == "success", result.message
    assert portal.site("lab").saved == [SENT]
    assert not [r for r in caplog.records if "did not settle" in r.getMessage()]

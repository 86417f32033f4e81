"""The look at each field before a press (what is sent is what the person confirmed), against
pages a portal may have: a value the page reformats is the portal's, a value cut short is lost,
a box found by words in its label or drawn by ARIA is not misjudged, a search box sharing the
form's field id is not taken for it, an optional field gone never skips the send, a page that
polls its own site does not hold every step."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route

from autohelper.engine import RunOptions, RunResult, run_scenario
from autohelper.engine.retry import FAST
from autohelper.human import ScriptedHuman
from autohelper.scenario.loader import load_scenario

pytestmark = pytest.mark.browser

ORIGIN = "https://portal.invalid"
HEADER = f"""id: looks
title: Miradas
portal: lab
origins: [{ORIGIN}]
needs:
  profile: [nss]
steps:
  - goto: {ORIGIN}/
    description: Abrir
"""
SEND = """  - confirm: [{label: Dato, value: "{profile.nss}"}]
    description: Confirmar
  - submit: {role: button, name: Enviar}
    description: Enviar
  - outcome:
      - when: {text: Listo}
        result: success
    description: Leer
"""


def run(
    page: Page, tmp_path: Path, steps: str, content: str, nss: str = "12345678903"
) -> tuple[RunResult, list[str]]:
    """The steps on `content` (opened by the scenario's own goto, so the page is watched from
    its first document); the bodies of the POSTs the page made."""
    posts: list[str] = []

    def answer(route: Route) -> None:
        if route.request.method == "POST":
            posts.append(route.request.post_data or "")
            route.fulfill(content_type="text/html", body="<p>Listo</p>")
        else:
            route.fulfill(content_type="text/html; charset=utf-8", body=content)

    page.route(f"{ORIGIN}/**", answer)
    path = tmp_path / "looks.yaml"
    path.write_text(HEADER + steps + SEND, encoding="utf-8")
    options = RunOptions(artifacts=tmp_path / "art", live=False, retry=FAST, step_timeout=3)
    result = run_scenario(page, load_scenario(path), {"nss": nss}, {}, ScriptedHuman(), options, [])
    return result, posts


FILL = """  - fill: {label: Dato}
    value: "{profile.nss}"
    description: Escribir el dato
"""


def form(field: str, extra: str = "") -> str:
    return (
        f"<form method=post action=/guardar>{extra}<label>Dato {field}</label>"
        "<button>Enviar</button></form>"
    )


@pytest.mark.parametrize(
    ("value", "onchange"),
    [
        (
            "José Núñez",
            "this.value=this.value.normalize('NFD').replace(/[\\u0300-\\u036f]/g,'').toUpperCase()",
        ),
        (
            "6449876543",
            "const v=this.value; this.value='+52 ('+v.slice(0,3)+') '+v.slice(3,6)+'-'+v.slice(6)",
        ),
    ],
    ids=["upper-case-without-accents", "phone-mask"],
)
def test_a_value_the_page_reformats_is_sent_as_the_portal_keeps_it(
    page: Page, tmp_path: Path, value: str, onchange: str
) -> None:
    field = f'<input id=dato name=dato onchange="{onchange}">'
    result, posts = run(page, tmp_path, FILL, form(field), nss=value)
    assert result.status == "success", result.message
    assert len(posts) == 1


def test_a_value_cut_short_by_the_field_is_never_sent(page: Page, tmp_path: Path) -> None:
    """A field that holds 10 characters of an 11-digit NSS: the run stops before the press,
    naming the field's limit (at the step that typed it)."""
    result, posts = run(page, tmp_path, FILL, form("<input id=dato name=dato maxlength=10>"))
    assert result.status == "error"
    assert result.error is not None and result.error.key == "run.field_too_long"
    assert "admite hasta 10 caracteres" in result.message and "no envié nada" in result.message
    assert "Escribir el dato" in result.message
    assert posts == []


@pytest.mark.parametrize(
    "box",
    [
        "<input type=checkbox id=ok name=ok><span>Acepto los términos</span>",
        '<span role=checkbox aria-checked=false tabindex=0 onclick="this.setAttribute('
        "'aria-checked', this.getAttribute('aria-checked') === 'true' ? 'false' : 'true')\">"
        "Acepto los términos</span>",
    ],
    ids=["words-inside-its-label", "aria"],
)
def test_a_box_ticked_through_its_words_is_not_taken_for_lost(
    page: Page, tmp_path: Path, box: str
) -> None:
    steps = (
        FILL
        + """  - check: {text: Acepto los términos}
    description: Aceptar los términos
"""
    )
    content = form("<input id=dato name=dato>", f"<label>{box}</label>")
    result, posts = run(page, tmp_path, steps, content)
    assert result.status == "success", result.message
    assert len(posts) == 1


def test_a_search_box_with_the_same_id_is_not_the_forms_field(page: Page, tmp_path: Path) -> None:
    search = '<form action="/buscar"><input id=dato placeholder="Buscar"></form>'
    result, posts = run(page, tmp_path, FILL, search + form("<input id=dato name=dato>"))
    assert result.status == "success", result.message
    assert posts == ["dato=12345678903"]


def test_a_page_that_polls_its_own_site_does_not_hold_each_step(page: Page, tmp_path: Path) -> None:
    """A POST to its own site every 150 ms: each step lets it settle once, at most a few
    seconds, not its whole timeout again and again."""
    poll = "<script>setInterval(() => fetch('/ping', {method: 'POST'}), 150)</script>"
    started = time.monotonic()
    result, posts = run(page, tmp_path, FILL, poll + form("<input id=dato name=dato>"))
    assert result.status == "success", result.message
    assert "dato=12345678903" in posts
    assert time.monotonic() - started < 25, "the settle waits were not bounded"


def test_a_box_drawn_by_a_label_with_a_link_in_its_words_is_ticked(
    page: Page, tmp_path: Path
) -> None:
    """A hand-styled box (hidden, drawn by its label) whose words hold a link: a click at the
    label's middle lands on the link and leaves the box as it was; the box is pressed as its
    label passes a click on, and the form goes with it ticked."""
    steps = (
        FILL
        + """  - check:
      - {css: "#acepto"}
      - {css: "label:has(#acepto)"}
    description: Aceptar los términos
"""
    )
    box = (
        '<label style="display:inline-block"><input type=checkbox id=acepto name=acepto value=si '
        'style="opacity:0;position:absolute;width:0;height:0"><span class=box></span> He leído y '
        'acepto los <a href="#terminos">Términos y condiciones</a></label>'
    )
    result, posts = run(page, tmp_path, steps, form("<input id=dato name=dato>", box))
    assert result.status == "success", result.message
    assert posts == ["acepto=si&dato=12345678903"]

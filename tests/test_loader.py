"""The scenario loader: every step type parses into the model; every mistake is reported at its
exact `file:line:column`, all of them at once, in Spanish by default and English on request."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from autohelper.errors import ScenarioError, UsageError
from autohelper.scenario import model
from autohelper.scenario.fields import FIELD_PARSERS, type_key
from autohelper.scenario.loader import (
    describe_step_types,
    find_scenario,
    load_scenario,
    load_scenarios,
    scenarios_dir,
)
from autohelper.scenario.model import (
    Ask,
    Captcha,
    Check,
    Choose,
    Click,
    Confirm,
    Download,
    EmailLink,
    Expect,
    Fill,
    Goto,
    Locator,
    Manual,
    Outcome,
    OutcomeCase,
    Position,
    Screenshot,
    Select,
    Submit,
    SummaryItem,
    Template,
)

HEADER = """\
id: demo
title: {es: Demostración, en: Demo}
portal: imss
origins: ["https://serviciosdigitales.imss.gob.mx", "https://*.example.org"]
needs:
  profile: [curp, email]
  secrets: [cia_password]
steps:
"""

VALID = (
    HEADER
    + """\
  - goto: https://serviciosdigitales.imss.gob.mx/portal
    description: Abrir el portal
    timeout: 30
  - click: [{css: "#continuar"}, {role: button, name: Buscar, exact: true}]
    description: Continuar
  - fill: {label: CURP}
    value: "{profile.curp}"
    type: true
    description: Escribir tu CURP
  - select: {testid: estado}
    value: "Ciudad de México"
    description: Elegir estado
  - check: {text: Acepto, has_text: términos}
    value: false
    description: Aceptar
  - expect: {url: "/paso2$"}
    description: Esperar el paso 2
  - expect: {placeholder: Correo}
    title: Registro
    description: Esperar el correo
  - captcha: {css: "img.captcha"}
    answer: {css: "#captcha"}
    id: captcha
    description: Resolver el CAPTCHA
  - confirm:
      - {label: CURP, value: "{profile.curp}"}
      - {label: {es: Clave, en: Password}, value: "{secret.cia_password}"}
    description: Confirmar los datos
  - submit: {role: button, name: Enviar}
    description: Enviar
  - manual: {es: Revisa tu correo, en: Check your email}
    description: Revisar el correo
  - outcome:
      - when: {css: ".folio"}
        result: success
        yields: {folio: "Folio: (\\\\d+)"}
      - when: {text: "Captcha incorrecto"}
        result: retry
        from: captcha
      - when: {text: "ya registrado"}
        result: error
        message: Ya tienes registro; ve a tu clínica.
    description: Ver el resultado
  - email_link: confirmar
    description: Abrir el enlace del correo
  - screenshot: final
    description: Guardar evidencia
  - choose: {css: "#colonia", frame: [TargetContent, {css: "iframe#inner"}]}
    remember: postal_code
    optional: true
    description: Elegir tu colonia
  - download: {css: "#descargarReporte"}
    save_as: constancia
    dialog: {accept: true, text: "¿Descargar?"}
    description: Descargar la constancia
  - outcome:
      - matches: "CON DERECHO"
        result: success
      - matches: "SIN DERECHO"
        result: in_person
        message: Ve a tu clínica.
    document: constancia
    description: Leer la constancia
  - ask: {es: "¿No tienes otro seguro médico?", en: "No other health insurance?"}
    if_no: {es: Entonces no lo necesitas., en: Then you do not need it.}
    description: Preguntar por otro seguro
"""
)


def write(tmp_path: Path, text: str, name: str = "s.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, text: str, lang: str = "en") -> list[str]:
    path = write(tmp_path, text)
    with pytest.raises(ScenarioError) as info:
        load_scenario(path, lang)
    # Strip the tmp dir so the asserts read as `s.yaml:line:col: message`.
    return [problem.replace(f"{tmp_path}/", "") for problem in info.value.problems]


def test_valid_scenario_with_every_step_type(tmp_path: Path) -> None:
    path = write(tmp_path, VALID)
    scenario = load_scenario(path)
    assert scenario.id == "demo" and scenario.title == {"es": "Demostración", "en": "Demo"}
    assert scenario.needs == model.Needs(("curp", "email"), ("cia_password",))
    assert scenario.path == str(path)
    steps = scenario.steps
    assert {type(step) for step in steps} == set(model.STEP_TYPES.values())
    pos = Position(str(path), 9, 5)
    url = "https://serviciosdigitales.imss.gob.mx/portal"
    assert steps[0] == Goto("Abrir el portal", pos, None, 30.0, url=url)
    assert isinstance(steps[1], Click)
    buscar = Locator("role", "button", name="Buscar", exact=True)
    assert steps[1].target == (Locator("css", "#continuar"), buscar)
    assert isinstance(steps[2], Fill)
    assert steps[2].value == Template("{profile.curp}") and steps[2].type is True
    assert isinstance(steps[3], Select) and steps[3].target == (Locator("testid", "estado"),)
    assert isinstance(steps[4], Check) and steps[4].value is False
    assert steps[4].target == (Locator("text", "Acepto", has_text="términos"),)
    assert isinstance(steps[5], Expect) and steps[5].url == "/paso2$" and steps[5].target == ()
    assert isinstance(steps[6], Expect) and steps[6].title == "Registro"
    assert isinstance(steps[7], Captcha) and steps[7].answer == (Locator("css", "#captcha"),)
    assert steps[7].refresh == () and steps[7].id == "captcha"
    assert isinstance(steps[8], Confirm)
    assert steps[8].items[1] == SummaryItem(
        {"es": "Clave", "en": "Password"}, Template("{secret.cia_password}")
    )
    assert isinstance(steps[9], Submit)
    assert isinstance(steps[10], Manual) and steps[10].describe("en") == "Revisar el correo"
    assert isinstance(steps[11], Outcome)
    success, retry, error = steps[11].cases
    case_pos = Position(str(path), 42, 9)
    assert success == OutcomeCase(
        (Locator("css", ".folio"),), "success", case_pos, yields=(("folio", r"Folio: (\d+)"),)
    )
    assert retry.result == "retry" and retry.from_step == "captcha"
    assert error.message == "Ya tienes registro; ve a tu clínica."
    assert isinstance(steps[12], EmailLink) and steps[12].contains == "confirmar"
    assert isinstance(steps[13], Screenshot) and steps[13].name == "final"
    assert (
        isinstance(steps[14], Choose) and steps[14].remember == "postal_code" and steps[14].optional
    )
    assert steps[14].target[0].frame == (
        model.FrameRef("name", "TargetContent"),
        model.FrameRef("css", "iframe#inner"),
    )
    assert isinstance(steps[15], Download) and steps[15].save_as == "constancia"
    assert steps[15].dialog == model.BrowserDialog(accept=True, text="¿Descargar?")
    assert isinstance(steps[16], Outcome) and steps[16].document == "constancia"
    assert [c.matches for c in steps[16].cases] == ["CON DERECHO", "SIN DERECHO"]
    assert steps[16].cases[1].result == "in_person"
    assert isinstance(steps[17], Ask) and steps[17].describe("en") == "Preguntar por otro seguro"
    assert steps[17].question == {
        "es": "¿No tienes otro seguro médico?",
        "en": "No other health insurance?",
    }
    assert steps[17].if_no == {"es": "Entonces no lo necesitas.", "en": "Then you do not need it."}
    # Frozen all the way down: tuples, not lists.
    assert isinstance(scenario.steps, tuple) and isinstance(steps[8].items, tuple)
    with pytest.raises(dataclasses.FrozenInstanceError):
        steps[0].id = "x"  # type: ignore[misc]


def test_unknown_header_key_with_suggestion(tmp_path: Path) -> None:
    text = VALID.replace("title:", "tittle:", 1)
    assert problems(tmp_path, text) == [
        "s.yaml:1:1: missing key 'title'",
        "s.yaml:2:1: unknown key 'tittle' (did you mean 'title'?)",
    ]


def test_unknown_step_type(tmp_path: Path) -> None:
    text = HEADER + "  - clik: {css: a}\n    description: x\n"
    assert problems(tmp_path, text) == [
        "s.yaml:9:5: unknown step type 'clik' (did you mean 'click'?)"
    ]


def test_unknown_sibling_key_on_fill(tmp_path: Path) -> None:
    text = HEADER + "  - fill: {css: a}\n    vale: x\n    description: x\n"
    assert problems(tmp_path, text) == [
        "s.yaml:9:5: missing key 'value'",
        "s.yaml:10:5: unknown key 'vale' (did you mean 'value'?)",
    ]


def test_locator_with_two_kinds(tmp_path: Path) -> None:
    text = HEADER + "  - click: {css: a, text: b}\n    description: x\n"
    assert problems(tmp_path, text) == [
        "s.yaml:9:21: a locator has one kind, but this one has 'css' and 'text'; "
        "for alternatives use a list"
    ]


def test_plain_string_locator(tmp_path: Path) -> None:
    text = HEADER + "  - click: '#go'\n    description: x\n"
    assert problems(tmp_path, text) == [
        's.yaml:9:12: a locator cannot be a plain string; write, for example, {css: "#go"}'
    ]


def test_template_unknown_profile_field(tmp_path: Path) -> None:
    text = HEADER + "  - fill: {css: a}\n    value: '{profile.crup}'\n    description: x\n"
    assert problems(tmp_path, text) == [
        "s.yaml:10:12: '{profile.crup}' is not a profile field (did you mean 'curp'?)"
    ]


def test_template_field_not_in_needs(tmp_path: Path) -> None:
    text = HEADER + "  - fill: {css: a}\n    value: 'x {profile.nss}'\n    description: x\n"
    assert problems(tmp_path, text) == [
        "s.yaml:10:12: '{profile.nss}' is not declared in needs.profile (nor in needs.optional)"
    ]


def test_secret_not_declared_and_bad_brace(tmp_path: Path) -> None:
    text = HEADER + "  - fill: {css: a}\n    value: '{secret.pin} {x'\n    description: x\n"
    assert problems(tmp_path, text) == [
        "s.yaml:10:12: '{secret.pin}' is not declared in needs.secrets",
        "s.yaml:10:26: '{x': the brace “{” is not closed (a “}” is missing); a template is "
        "written {profile.x} or {secret.x}; for a literal brace write {{",
    ]


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (
            '"{profile.curp"',
            "es",
            "s.yaml:10:13: '{profile.curp': la llave «{» no se cierra (falta «}»); una plantilla "
            "se escribe {profile.x} o {secret.x}; para una llave literal escribe {{",
        ),
        (
            "Hola {profile.curp y {{adiós}}",
            "en",
            "s.yaml:10:17: '{profile.curp y': the brace “{” is not closed (a “}” is missing); a "
            "template is written {profile.x} or {secret.x}; for a literal brace write {{",
        ),
        (
            "'x {una plantilla que no existe y es larga}'",
            "en",
            "s.yaml:10:15: '{una plantilla que no existe y…' is not a valid template "
            "({profile.x} or {secret.x}); for a literal brace write {{",
        ),
    ],
    ids=["unclosed", "unclosed-before-another-brace", "long"],
)
def test_a_bad_brace_is_quoted_as_written_at_its_own_column(
    tmp_path: Path, value: str, lang: str, expected: str
) -> None:
    """What the file says, never a corrected text (`{profile.curp` is not `{profile.curp}`),
    at the brace, saying whether it is not closed or not a template."""
    text = HEADER + f"  - fill: {{css: a}}\n    value: {value}\n    description: x\n"
    assert problems(tmp_path, text, lang) == [expected]


def test_literal_braces_are_fine(tmp_path: Path) -> None:
    text = HEADER + "  - fill: {css: a}\n    value: '{{literal}}'\n    description: x\n"
    assert load_scenario(write(tmp_path, text)).steps[0] == Fill(
        "x",
        Position(str(tmp_path / "s.yaml"), 9, 5),
        target=(Locator("css", "a"),),
        value=Template("{{literal}}"),
    )


def test_goto_outside_origins(tmp_path: Path) -> None:
    url = "https://imss.gob.mx.evil.example/"
    text = HEADER + f"  - goto: '{url}'\n    description: x\n"
    assert problems(tmp_path, text) == [
        f"s.yaml:9:11: '{url}' is not in the declared origins: "
        "https://serviciosdigitales.imss.gob.mx, https://*.example.org"
    ]


@pytest.mark.parametrize(
    "url",
    [
        "ftp://x",
        # A page of no site: its content (and script) is the scenario's, not a portal's.
        "data:text/html,<input id=registroCurp>",
        "about:blank",
        "blob:https://serviciosdigitales.imss.gob.mx/1",
    ],
)
def test_goto_to_an_address_that_is_not_http_says_so(tmp_path: Path, url: str) -> None:
    """No declared origin can take these, so the list of origins is not the point."""
    text = HEADER + f"  - goto: '{url}'\n    description: x\n"
    assert problems(tmp_path, text) == [
        f"s.yaml:9:11: '{url}' is not an http:// or https:// address: goto only opens web "
        "pages on the declared origins"
    ]
    assert problems(tmp_path, text, "es") == [
        f"s.yaml:9:11: '{url}' no es una dirección http:// ni https://: goto solo abre páginas "
        "web de los orígenes declarados"
    ]


def test_retry_from_unknown_or_later_step(tmp_path: Path) -> None:
    text = (
        HEADER
        + """\
  - outcome:
      - when: {css: a}
        result: retry
        from: captha
    description: x
  - captcha: {css: img}
    answer: {css: input}
    id: captha
    description: later
"""
    )
    assert problems(tmp_path, text) == [
        "s.yaml:12:15: 'from: captha' is not the id of an earlier step"
    ]


def test_outcome_case_rules(tmp_path: Path) -> None:
    text = (
        HEADER
        + """\
  - outcome:
      - {when: {css: a}, result: error}
      - {when: {css: b}, result: retry}
      - {when: {css: c}, result: sucess}
      - {when: {css: d}, result: success, yields: {nss: "(\\\\d+"}}
    description: x
"""
    )
    found = problems(tmp_path, text)
    assert found[:3] == [
        "s.yaml:10:9: an 'error' case needs a 'message' (the advice for the person)",
        "s.yaml:11:9: a 'retry' case needs 'from' (the id of the step to repeat from)",
        "s.yaml:12:34: unknown result 'sucess' (did you mean 'success'?); "
        "use one of: success, continue, retry, error, in_person",
    ]
    assert found[3].startswith("s.yaml:13:57: invalid regular expression '(\\d+': ")


def test_an_in_person_case_without_advice_is_named_as_such(tmp_path: Path) -> None:
    text = HEADER + "  - outcome:\n      - {when: {css: a}, result: in_person}\n"
    text += "    description: x\n"
    assert problems(tmp_path, text) == [
        "s.yaml:10:9: an 'in_person' case needs a 'message' (the advice for the person)"
    ]


def test_a_secret_name_that_will_not_do_is_said_as_a_name_with_one_that_would(
    tmp_path: Path,
) -> None:
    text = HEADER.replace("[cia_password]", "[CIA Password]", 1)
    text += "  - goto: https://serviciosdigitales.imss.gob.mx/x\n    description: x\n"
    [problem] = problems(tmp_path, text)
    assert problem.startswith("s.yaml:")
    assert problem.split(": ", 1)[1].startswith(
        "“CIA Password” will not do as a secret's name: only lower-case letters without "
        "accents, digits and “_”, starting with a letter or “_” (for instance cia_password)"
    )


def test_duplicate_ids(tmp_path: Path) -> None:
    text = (
        HEADER
        + """\
  - screenshot: a
    id: shot
    description: x
  - screenshot: b
    id: shot
    description: y
"""
    )
    assert problems(tmp_path, text) == [
        "s.yaml:13:9: duplicate id 'shot' (already used on line 10)"
    ]


def test_missing_description(tmp_path: Path) -> None:
    text = HEADER + "  - screenshot: a\n"
    assert problems(tmp_path, text) == ["s.yaml:9:5: missing key 'description'"]


def test_yaml_syntax_error_position(tmp_path: Path) -> None:
    text = HEADER + "  - screenshot: a\n    description: [x\n"
    found = problems(tmp_path, text)
    assert len(found) == 1 and found[0].startswith("s.yaml:11:1: invalid YAML: ")


def test_multiple_problems_reported_together_in_spanish(tmp_path: Path) -> None:
    text = VALID.replace("title:", "tittle:", 1).replace("clik", "x").replace("click:", "clik:")
    text = text.replace("curp, email", "curp, emial")
    assert problems(tmp_path, text, lang="es") == [
        "s.yaml:1:1: falta la clave 'title'",
        "s.yaml:2:1: clave desconocida 'tittle' (¿quisiste decir 'title'?)",
        "s.yaml:6:19: 'emial' no es un dato del perfil (¿quisiste decir 'email'?)",
        "s.yaml:12:5: tipo de paso desconocido 'clik' (¿quisiste decir 'click'?)",
    ]


def test_load_scenarios_collects_every_file(tmp_path: Path) -> None:
    good = write(tmp_path, VALID, "good.yaml")
    bad1 = write(tmp_path, HEADER + "  - screenshot: a\n", "bad1.yaml")
    bad2 = write(tmp_path, "id: [", "bad2.yaml")
    assert [s.id for s in load_scenarios([good])] == ["demo"]
    with pytest.raises(ScenarioError) as info:
        load_scenarios([bad1, good, bad2])
    assert [p.split(":")[0] for p in info.value.problems] == [str(bad1), str(bad2)]
    assert info.value.params["count"] == 2


def test_steps_validated_against_header_regardless_of_key_order(tmp_path: Path) -> None:
    # `steps` before `needs`: templates are still checked against the declared needs.
    lines = VALID.splitlines(keepends=True)
    text = "".join(lines[7:] + lines[:7])
    assert load_scenario(write(tmp_path, text)).steps[2].pos.line == 7


def test_find_scenario_by_name_path_and_typo(tmp_path: Path) -> None:
    (tmp_path / "imss").mkdir()
    alta = write(tmp_path / "imss", VALID, "alta_seguro.yaml")
    assert find_scenario("alta_seguro", tmp_path) == alta
    assert find_scenario(str(alta), tmp_path) == alta
    with pytest.raises(UsageError) as info:
        find_scenario("alta_segur", tmp_path)
    assert info.value.key == "scenario.unknown"
    assert "alta_seguro" in info.value.message("en")
    with pytest.raises(UsageError):
        find_scenario(str(tmp_path / "none.yaml"), tmp_path)
    # Portal and procedure files live beside the scenarios but are not scenarios.
    (tmp_path / "portals").mkdir()
    write(tmp_path / "portals", VALID, "alta_portal.yaml")
    with pytest.raises(UsageError) as info:
        find_scenario("alta_portal", tmp_path)
    assert "alta_portal" not in info.value.message("en").split("Available:")[1]


def test_scenarios_dir_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("AUTOHELPER_SCENARIOS", raising=False)
    assert scenarios_dir() == Path(__file__).parents[1] / "scenarios"
    monkeypatch.setenv("AUTOHELPER_SCENARIOS", str(tmp_path))
    assert scenarios_dir() == tmp_path


def test_every_step_field_has_a_parser() -> None:
    # A new field type in model.py must be taught to the loader, not crash it at load time.
    for cls in model.STEP_TYPES.values():
        for f in dataclasses.fields(cls):
            if f.name != "pos":
                assert type_key(f) in FIELD_PARSERS, (cls, f.name)


def test_docs_table_matches_the_registry() -> None:
    docs = (Path(__file__).parents[1] / "docs" / "scenarios.md").read_text(encoding="utf-8")
    table = re.search(r"<!-- step-types:start -->\n(.*?)<!-- step-types:end -->", docs, re.S)
    assert table is not None
    assert table.group(1) == describe_step_types()


def test_the_docs_example_of_each_step_is_a_valid_scenario(tmp_path: Path) -> None:
    """docs/scenarios.md's "one example of each", copied whole under a header, loads: a reader
    who copies it gets no error (a submit there once lacked its own confirm)."""
    docs = (Path(__file__).parents[1] / "docs" / "scenarios.md").read_text(encoding="utf-8")
    block = re.search(r"One example of each.*?\n```yaml\n(.*?)```", docs, re.S)
    assert block is not None
    steps = "".join(f"  {line}\n" for line in block.group(1).splitlines())
    header = (
        "id: doc-example\ntitle: Ejemplo\nportal: imss\n"
        "needs: {profile: [curp, email, phone, postal_code]}\nsteps:\n"
    )
    scenario = load_scenario(write(tmp_path, header + steps))
    kinds = {step.kind for step in scenario.steps}
    assert kinds == set(model.STEP_TYPES), set(model.STEP_TYPES) - kinds


@pytest.mark.parametrize(
    ("steps", "expected"),
    [
        (
            "  - click: {css: a}\n    fill: {css: b}\n    description: x\n",
            "s.yaml:10:5: a step has one step type, but this one has 'click' and 'fill'",
        ),
        ("  - expect: {title: ''}\n    description: x\n", "s.yaml:9:21: expected a non-empty text"),
        (
            "  - screenshot: a\n    timeout: 0\n    description: x\n",
            "s.yaml:10:14: expected a number of seconds from 0.5 to 600",
        ),
        (
            # Every step would fail but one already there, and the portal would be blamed.
            "  - screenshot: a\n    timeout: 0.0001\n    description: x\n",
            "s.yaml:10:14: expected a number of seconds from 0.5 to 600",
        ),
        (
            "  - click: {css: a, name: b}\n    description: x\n",
            "s.yaml:9:21: 'name' only goes with 'role'",
        ),
        ("  - click: []\n    description: x\n", "s.yaml:9:12: the list cannot be empty"),
        ("  - confirm: [{label: x}]\n    description: x\n", "s.yaml:9:15: missing key 'value'"),
        (
            "  - outcome: [{when: {css: a}, result: success, from: x}]\n    description: x\n",
            "s.yaml:9:49: 'from' only goes with result: retry",
        ),
        (
            "  - description: x\n",
            "s.yaml:9:5: the step has no step type; use one of: " + ", ".join(model.STEP_TYPES),
        ),
    ],
)
def test_step_shape_problems(tmp_path: Path, steps: str, expected: str) -> None:
    assert problems(tmp_path, HEADER + steps) == [expected]


def test_unreadable_and_empty_files(tmp_path: Path) -> None:
    assert problems(tmp_path, "") == ["s.yaml:1:1: the file is empty"]
    with pytest.raises(ScenarioError) as info:
        load_scenario(tmp_path / "missing.yaml", "en")
    assert info.value.problems[0].startswith(f"{tmp_path}/missing.yaml: cannot read the file: ")


def test_odd_yaml_is_a_problem_with_a_position_not_a_crash(tmp_path: Path) -> None:
    text = (
        HEADER
        + "  - [goto, click]: x\n    description: x\n  - goto: https://[::1/\n    description: y\n"
    )
    found = problems(tmp_path, text)
    assert [line.split(": ")[0] for line in found] == ["s.yaml:9:5", "s.yaml:11:11"]
    assert "unknown step type '[…]'" in found[0]


CONFIRM = "  - confirm: [{label: CURP, value: '{profile.curp}'}]\n    description: c\n"


@pytest.mark.parametrize(
    ("steps", "expected"),
    [
        (
            "  - submit: {css: '#go'}\n    description: s\n",
            "s.yaml:9:5: a 'submit' needs its own 'confirm' before it: nothing is sent without "
            "the person's yes",
        ),
        (
            CONFIRM
            + "  - submit: {css: '#go'}\n    description: s\n"
            + "  - submit: {css: '#again'}\n    description: t\n",
            "s.yaml:13:5: a 'submit' needs its own 'confirm' before it: nothing is sent without "
            "the person's yes",
        ),
        (
            "  - click: {css: '{'}\n    description: x\n",
            "s.yaml:9:18: invalid CSS selector '{': unexpected “{” at character 1",
        ),
        (
            "  - click: {css: 'div >'}\n    description: x\n",
            "s.yaml:9:18: invalid CSS selector 'div >': it ends too early",
        ),
        (
            "  - click: {role: buton, name: Go}\n    description: x\n",
            "s.yaml:9:19: unknown ARIA role 'buton' (did you mean 'button'?)",
        ),
        (
            "  - click: {css: a}\n    timeout: 100000000000000000000000000000\n"
            "    description: x\n",
            "s.yaml:10:14: expected a number of seconds from 0.5 to 600",
        ),
        (
            "  - click: {text: '{profile.curp}'}\n    description: x\n",
            "s.yaml:9:19: a locator cannot carry profile data or secrets ('text'): it is written "
            "into logs and reports",
        ),
        (
            "  - click: {css: a}\n    id: Paso Uno\n    description: x\n",
            "s.yaml:10:9: invalid step id 'Paso Uno': lower-case letters, digits, '-' and '_', "
            "starting with a letter (up to 40)",
        ),
        (
            "  - click: [{css: a, frame: NAV}, {css: b}]\n    description: x\n",
            "s.yaml:9:12: a locator's alternatives are looked for together, in one document: "
            "they must all name the same frame",
        ),
        (
            "  - click: {css: a, frame: {name: A, url: b}}\n    description: x\n",
            "s.yaml:9:28: each frame is named in exactly one way: name, url, css",
        ),
        (
            "  - outcome: [{matches: x, result: success}]\n    description: x\n",
            "s.yaml:9:5: 'matches' reads a document's text: name it with 'document'",
        ),
        (
            "  - outcome: [{matches: x, result: success}]\n    document: nada\n"
            "    description: x\n",
            "s.yaml:10:15: no earlier 'download' step keeps a document 'nada'",
        ),
        (
            "  - outcome: [{matches: x, result: success}]\n    read: constancia\n"
            "    description: x\n",
            "s.yaml:10:5: 'read' reads a downloaded document: name it with 'document'",
        ),
        (
            "  - download: {css: a}\n    save_as: c\n    description: d\n"
            "  - outcome: [{matches: x, result: success}]\n    document: c\n"
            "    read: constansia\n    description: x\n",
            "s.yaml:14:11: unknown document reader 'constansia' (did you mean 'constancia'?)",
        ),
        (
            "  - click: {css: a}\n    dialog: aceptar\n    description: x\n",
            "s.yaml:10:13: 'dialog' is accept, dismiss or {accept: true|false, text: ...}",
        ),
        (
            "  - outcome: [{when: {css: a}, result: retry, from: later}]\n"
            "    description: x\n"
            "  - click: {css: a}\n    id: later\n    description: y\n",
            "s.yaml:9:53: 'from: later' is not the id of an earlier step",
        ),
    ],
)
def test_checks_that_catch_at_load_time_what_would_fail_after_a_send(
    tmp_path: Path, steps: str, expected: str
) -> None:
    assert expected in problems(tmp_path, HEADER + steps)


def test_sign_in_block_and_portal_facts(tmp_path: Path) -> None:
    text = (
        HEADER.replace(
            "origins: [", "sign_in: {first: user, last: go, url: 'cmd=expire'}\norigins: ["
        )
        + "  - fill: {css: '#userid'}\n    id: user\n    value: '{profile.curp}'\n"
        "    description: u\n"
        + CONFIRM
        + "  - submit: {css: button}\n    id: go\n    description: g\n"
    )
    scenario = load_scenario(write(tmp_path, text))
    assert scenario.sign_in == model.SignIn("user", "go", url="cmd=expire")
    assert scenario.facts.id == "imss" and scenario.facts.firewall is not None
    bad = text.replace("first: user, last: go", "first: go, last: usr")
    assert problems(tmp_path, bad) == [
        "s.yaml:4:28: there is no step with id 'usr' (did you mean 'user'?)"
    ]


def test_a_scenario_inherits_its_portals_origins_and_an_unknown_portal_is_named(
    tmp_path: Path,
) -> None:
    text = (
        HEADER.replace(
            'origins: ["https://serviciosdigitales.imss.gob.mx", "https://*.example.org"]\n', ""
        )
        + "  - goto: https://www.imss.gob.mx/tramites/imss02008\n    description: g\n"
    )
    scenario = load_scenario(write(tmp_path, text))
    assert "https://serviciosdigitales.imss.gob.mx" in scenario.origins
    assert problems(tmp_path, text.replace("portal: imss", "portal: imsss")) == [
        "s.yaml:3:9: unknown portal 'imsss' (there is no scenarios/portals/imsss.yaml) "
        "(did you mean 'imss'?)",
        "s.yaml:8:11: 'https://www.imss.gob.mx/tramites/imss02008' is not in the declared "
        "origins: there are none (write origins: in the header, or name with portal: a portal "
        "that declares them)",
    ]
    assert problems(tmp_path, text.replace("portal: imss", "portal: imsss"), "es")[1] == (
        "s.yaml:8:11: 'https://www.imss.gob.mx/tramites/imss02008' no está en los orígenes "
        "declarados: no hay ninguno (escribe origins: en la cabecera, o nombra con portal: un "
        "portal que los declare)"
    )


def test_the_role_list_is_playwrights() -> None:
    import inspect
    import typing

    from playwright.sync_api import Page

    role = inspect.signature(Page.get_by_role).parameters["role"].annotation
    assert set(model.ARIA_ROLES) == set(typing.get_args(role))


def test_bounded_retries_are_counted_from_one_to_ten(tmp_path: Path) -> None:
    steps = (
        "  - click: {css: a}\n    id: start\n    description: y\n"
        "  - outcome: [{when: {css: a}, result: retry, from: start, max_tries: 50}]\n"
        "    description: x\n"
    )
    assert problems(tmp_path, HEADER + steps) == [
        "s.yaml:12:71: expected a whole number from 1 to 10"
    ]


def test_once_and_the_scenario_that_provides_a_needed_field(tmp_path: Path) -> None:
    header = HEADER.replace("steps:\n", "once: true\nrequires: {curp: imss-nss}\nsteps:\n")
    steps = "  - goto: https://serviciosdigitales.imss.gob.mx/portal\n    description: g\n"
    scenario = load_scenario(write(tmp_path, header + steps))
    assert scenario.once is True
    assert scenario.requires == (("curp", "imss-nss"),)
    assert load_scenario(write(tmp_path, HEADER + steps)).once is False
    bad = header.replace("{curp: imss-nss}", "{curp: imss-nsss, phone: imss-nss}")
    assert problems(tmp_path, bad + steps) == [
        "s.yaml:9:18: there is no scenario 'imss-nsss' (did you mean 'imss-nss'?)",
        "s.yaml:9:29: 'phone' is not declared in needs.profile (nor in needs.optional)",
    ]


def test_a_scenario_names_the_synthetic_profile_its_qa_runs_use(tmp_path: Path) -> None:
    from autohelper.session import qa_profile_path

    steps = "  - goto: https://serviciosdigitales.imss.gob.mx/x\n    description: g\n"
    plain = load_scenario(write(tmp_path, HEADER + steps))
    assert plain.qa_profile == "student"
    assert qa_profile_path(plain).name == "student.yaml"
    header = HEADER.replace("steps:\n", "qa_profile: student-with-nss\nsteps:\n")
    named = load_scenario(write(tmp_path, header + steps))
    assert named.qa_profile == "student-with-nss"
    assert qa_profile_path(named).is_file()
    typo = header.replace("student-with-nss", "student-with-ns")
    assert problems(tmp_path, typo + steps) == [
        "s.yaml:8:13: there is no QA profile 'student-with-ns' in fixtures/profiles/ "
        "(did you mean 'student-with-nss'?); there are: student, student-with-nss"
    ]


def test_run_templates_name_what_an_earlier_step_yields(tmp_path: Path) -> None:
    steps = (
        "  - expect: {css: '#consultorio'}\n    value: '\\S'\n    description: e\n"
        "  - outcome:\n"
        "      - when: {css: '.dialogo'}\n        result: continue\n"
        "        yields: {clinic: 'UMF: (.+)'}\n        sets: {verdict: sin_derecho}\n"
        "    description: o\n"
        "  - choose: {css: select}\n    remember: colonia\n    description: c\n"
        "  - confirm:\n"
        "      - {label: Clínica, value: '{run.clinic}'}\n"
        "      - {label: Colonia, value: '{run.colonia}'}\n"
        "      - {label: Veredicto, value: '{run.verdict}'}\n"
        "    description: r\n"
    )
    scenario = load_scenario(write(tmp_path, HEADER + steps))
    expect, outcome, _, confirm = scenario.steps
    assert isinstance(expect, Expect) and expect.value == "\\S"
    assert isinstance(outcome, Outcome) and outcome.cases[0].sets == (("verdict", "sin_derecho"),)
    assert isinstance(confirm, Confirm)
    clinic, colonia, verdict = (item.value for item in confirm.items)
    run = {"clinic": "UMF No. 1", "colonia": "CENTRO", "verdict": "sin_derecho"}
    assert clinic.render({}, {}, run) == "UMF No. 1"
    # A yield that is personal data is masked in a summary; a clinic's name is not.
    assert (clinic.sensitive_kind, colonia.sensitive_kind) == (None, "colonia")
    assert verdict.render({}, {}, {}) == ""  # the page did not show it: empty, not a crash

    early = HEADER + (
        "  - confirm: [{label: x, value: '{run.clinic}'}]\n    description: r\n"
        "  - outcome: [{when: {css: a}, result: continue, yields: {clinic: 'x'}}]\n"
        "    description: o\n"
        "  - confirm: [{label: x, value: '{run.clinc}'}]\n    description: r\n"
        "  - expect: {url: x}\n    value: y\n    description: e\n"
    )
    assert problems(tmp_path, early) == [
        "s.yaml:9:33: no earlier step yields '{run.clinic}' (an outcome's `yields` and `sets`, "
        "what its `read` finds, a choose's `remember`)",
        "s.yaml:13:33: no earlier step yields '{run.clinc}' (an outcome's `yields` and `sets`, "
        "what its `read` finds, a choose's `remember`) (did you mean 'clinic'?)",
        "s.yaml:16:5: `value` is an element's value: the expect needs a locator",
    ]


def test_forgets_names_only_what_an_earlier_step_yields(tmp_path: Path) -> None:
    """An answer that shows an earlier reading was not so drops it (`forgets`): a name no
    earlier step yields is a typo, said where it is written (its own outcome's do not count)."""
    text = HEADER + (
        "  - outcome: [{when: {css: a}, result: continue, yields: {clinic: 'x'}}]\n"
        "    description: o\n"
        "  - outcome:\n"
        "      - {when: {css: b}, result: continue, yields: {folio: 'y'}}\n"
        "      - {when: {css: c}, result: success, forgets: [clinc, folio]}\n"
        "    description: p\n"
    )
    assert problems(tmp_path, text, "es") == [
        "s.yaml:13:53: `forgets` nombra 'clinc', que no lo da ningún paso anterior (los `yields`"
        " y `sets` de un outcome, lo que lee su `read`, el `remember` de un choose) (¿quisiste "
        "decir 'clinic'?)",
        "s.yaml:13:60: `forgets` nombra 'folio', que no lo da ningún paso anterior (los `yields`"
        " y `sets` de un outcome, lo que lee su `read`, el `remember` de un choose)",
    ]
    fine = text.replace("[clinc, folio]", "clinic")
    scenario = load_scenario(write(tmp_path, fine))
    outcome = scenario.steps[1]
    assert isinstance(outcome, Outcome) and outcome.cases[1].forgets == ("clinic",)


@pytest.mark.parametrize(
    ("pattern", "refused"),
    [
        ("^(a+)+$", True),
        ("(\\w+\\s?)*", True),
        ("(?:x*)*y", True),
        ("((ab)+)+", True),
        ("(\\d+,)*\\d+", False),  # the comma splits the text one way only
        ("folio\\s+\\d+", False),
        ("(a|b)+", False),
    ],
)
def test_a_regex_that_could_run_for_hours_is_refused_where_it_is_written(
    tmp_path: Path, pattern: str, refused: bool
) -> None:
    """A repeat of a repeat: `re` tries every split of a text that almost matches (a value of
    33 characters took 74 s against `^(a+)+$`); a step's timeout cannot stop it."""
    text = HEADER + f"  - expect: {{url: '{pattern}'}}\n    description: x\n"
    if not refused:
        assert load_scenario(write(tmp_path, text)).steps
        return
    assert problems(tmp_path, text, "es") == [
        f"s.yaml:9:19: la expresión regular '{pattern}' repite una parte que ya se repite "
        "(como (a+)+): con un texto que casi coincide tardaría horas, más que cualquier "
        "tiempo de espera; quita una de las repeticiones (por ejemplo (a+)+ es a+)"
    ]


def test_a_broken_regex_is_worded_in_the_persons_language_where_it_breaks(
    tmp_path: Path,
) -> None:
    # `re`'s own words ("unterminated character set at position 1") are English: each reason
    # is a phrase of ours, at the column of the character that breaks the pattern.
    text = (
        HEADER
        + """\
  - expect: {url: "a[b"}
    description: x
  - expect: {url: 'it''s(x'}
    description: y
  - expect: {url: z\\q}
    description: w
"""
    )
    assert problems(tmp_path, text, "es") == [
        "s.yaml:9:21: expresión regular inválida 'a[b': un conjunto [ no se cierra con ] (para "
        "un [ literal, escribe \\[)",
        "s.yaml:11:25: expresión regular inválida 'it's(x': un ( no se cierra con ) (para un ( "
        "literal, escribe \\()",
        "s.yaml:13:20: expresión regular inválida 'z\\q': el escape \\q no existe (para una \\ "
        "literal, escribe \\\\)",
    ]
    assert problems(tmp_path, text)[0] == (
        "s.yaml:9:21: invalid regular expression 'a[b': a set [ is not closed with ] (for a "
        "literal [, write \\[)"
    )


@pytest.mark.parametrize(
    ("origin", "reason"),
    [
        ("http://[::1", "the host name is not valid"),
        ("https://a]", "the host name is not valid"),
        ("https://a[", "the host name is not valid"),
        ("https://*.*.gob.mx", "the host name is not valid"),
        ("ftp://x", "it must start with http:// or https://"),
        ("https://a:99999", "the port must be a number from 1 to 65535"),
        ("https://a:0", "the port must be a number from 1 to 65535"),
        ("https://a/path", "nothing goes after the host and port"),
    ],
)
def test_a_malformed_origin_is_named_where_it_is_written(
    tmp_path: Path, origin: str, reason: str
) -> None:
    # The goto is checked against no origin then: a broken origin's intent is unknown.
    text = HEADER.replace('"https://*.example.org"', f'"{origin}"') + (
        "  - goto: https://a.example.org/x\n    description: x\n"
    )
    (found,) = problems(tmp_path, text)
    assert found.startswith(f"s.yaml:4:53: invalid origin '{origin}': {reason}")


def test_a_malformed_origin_is_told_in_spanish(tmp_path: Path) -> None:
    text = HEADER.replace('"https://*.example.org"', '"https://a:99999"')
    text += "  - goto: https://serviciosdigitales.imss.gob.mx/\n    description: x\n"
    (found,) = problems(tmp_path, text, "es")
    assert found.startswith(
        "s.yaml:4:53: origen inválido 'https://a:99999': el puerto debe ser un número entre 1 y"
    )


def test_a_scenarios_folder_named_by_the_environment_must_be_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """AUTOHELPER_SCENARIOS with a typo (or a file) read as "no scenarios": `scenarios list`
    printed nothing, exit 0. It is said now, naming the variable."""
    from autohelper.scenario.loader import scenarios_dir

    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    for wrong in (tmp_path / "missing", tmp_path / "a-file"):
        monkeypatch.setenv("AUTOHELPER_SCENARIOS", str(wrong))
        with pytest.raises(UsageError) as caught:
            scenarios_dir()
        assert caught.value.message("en") == (
            f"AUTOHELPER_SCENARIOS names “{wrong}”, which is not a folder: fix it, or unset it "
            "to use the bundled scenarios."
        )
    # A stray space or a right-to-left mark is seen, written out, never shown raw.
    for wrong_text, shown in ((" ", "“ ”"), ("a\u202eb", "“a\\u202eb”")):
        monkeypatch.setenv("AUTOHELPER_SCENARIOS", wrong_text)
        with pytest.raises(UsageError) as caught:
            scenarios_dir()
        assert f"AUTOHELPER_SCENARIOS names {shown}, which" in caught.value.message("en")
    monkeypatch.setenv("AUTOHELPER_SCENARIOS", str(tmp_path))
    assert scenarios_dir() == tmp_path


# Every place a scenario holds a regular expression: the steps (`P` is the pattern, written in
# single quotes), and the line and column where the pattern's first character is.
REGEX_SLOTS = {
    "yields": (
        "  - outcome:\n      - when: {css: '#ok'}\n        result: success\n"
        "        yields: {folio: 'P'}\n    description: x\n",
        (12, 26),
    ),
    "matches": (
        "  - download: {css: a}\n    save_as: doc\n    description: d\n  - outcome:\n"
        "      - matches: 'P'\n        result: success\n    document: doc\n    description: x\n",
        (13, 19),
    ),
    "expect value": ("  - expect: {css: '#f'}\n    value: 'P'\n    description: x\n", (10, 13)),
    "expect url": ("  - expect: {css: '#f'}\n    url: 'P'\n    description: x\n", (10, 11)),
    "expect page url": ("  - expect: {url: 'P'}\n    description: x\n", (9, 20)),
    "until url": (
        "  - confirm: [{label: a, value: b}]\n    description: c\n  - submit: {css: b}\n"
        "    until: {url: 'P'}\n    description: x\n",
        (12, 19),
    ),
    "sign_in url": (
        "  - goto: https://serviciosdigitales.imss.gob.mx/a\n    id: a\n    description: x\n",
        (8, 36),
    ),
}
TOO_DEEP = "it nests too many groups ( … ) (more than 100 one inside another)"


def _with_pattern(slot: str, pattern: str) -> tuple[str, tuple[int, int]]:
    steps, where = REGEX_SLOTS[slot]
    text = HEADER + steps.replace("'P'", f"'{pattern}'")
    if slot == "sign_in url":
        text = text.replace(
            "steps:\n", f"sign_in: {{first: a, last: a, url: '{pattern}'}}\nsteps:\n"
        )
    return text, where


@pytest.mark.parametrize("slot", REGEX_SLOTS)
@pytest.mark.parametrize(
    ("pattern", "offset", "shown", "detail"),
    [
        # `re` raises OverflowError for a count past its limit: the loader crashed, exit 3.
        ("a{99999999999}", 1, "a{99999999999}", "the repeat {99999999999} is too large"),
        ("a{1,4294967296}", 1, "a{1,4294967296}", "the repeat {1,4294967296} is too large"),
        # Digits Python will not read as a number at all (a ValueError).
        ("x{" + "9" * 5000 + "}", 1, "x{" + "9" * 57 + "…", "the repeat {" + "9" * 21 + "…}"),
        # ~500 nested groups exhaust the stack (a RecursionError): refused past 100, said at
        # the 101st `(`, the pattern quoted only as far as it helps.
        ("(" * 1200 + "a" + ")" * 1200, 100, "(" * 59 + "…", TOO_DEEP),
        ("(?:" * 1200 + "a" + ")" * 1200, 300, "(?:" * 19 + "(?…", TOO_DEEP),
    ],
)
def test_a_regex_re_cannot_hold_is_refused_where_it_is_written_in_every_place(
    tmp_path: Path, slot: str, pattern: str, offset: int, shown: str, detail: str
) -> None:
    """A repeat count too large or groups nested too deep made `re.compile` raise something
    else than `re.error`: every scenario loader crashed (exit 3). Each is a problem now, where
    it is written, in every slot that holds a regular expression."""
    text, (line, column) = _with_pattern(slot, pattern)
    (found,) = problems(tmp_path, text)
    assert found.startswith(
        f"s.yaml:{line}:{column + offset}: invalid regular expression '{shown}': {detail}"
    ), found


def test_a_regex_re_cannot_hold_is_said_in_spanish(tmp_path: Path) -> None:
    text, _ = _with_pattern("yields", "a{99999999999}")
    nested, _ = _with_pattern("yields", "(" * 200 + ")" * 200)
    assert problems(tmp_path, text, "es") == [
        "s.yaml:12:27: expresión regular inválida 'a{99999999999}': la repetición {99999999999} "
        "es demasiado grande (a lo más 4294967294)"
    ]
    assert problems(tmp_path, nested, "es") == [
        f"s.yaml:12:126: expresión regular inválida '{'(' * 59}…': anida demasiados grupos "
        "( … ) (más de 100 uno dentro de otro)"
    ]


def test_a_hundred_nested_groups_still_load(tmp_path: Path) -> None:
    text, _ = _with_pattern("yields", "(" * 100 + "a" + ")" * 100 + r"\(" * 300 + "[(]" * 300)
    (step,) = load_scenario(write(tmp_path, text)).steps
    assert isinstance(step, Outcome) and step.cases[0].yields[0][1].startswith("(" * 100 + "a)")


def test_an_expect_steps_own_url_is_a_regex_checked_at_load(tmp_path: Path) -> None:
    """`expect: <locator>` with a sibling `url:` was read as plain text: `scenarios validate`
    said ✔ and the run crashed at the step (re.error, exit 3). It is compiled at load, as the
    `expect: {url: ...}` form always was."""
    text = HEADER + "  - expect: {css: '#f'}\n    url: \"vigencia((\"\n    description: x\n"
    assert problems(tmp_path, text, "es") == [
        "s.yaml:10:20: expresión regular inválida 'vigencia((': un ( no se cierra con ) (para "
        "un ( literal, escribe \\()"
    ]
    good = HEADER + "  - expect: {css: '#f'}\n    url: 'vigencia$'\n    description: x\n"
    (step,) = load_scenario(write(tmp_path, good)).steps
    assert isinstance(step, Expect) and step.url == "vigencia$"


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        (
            "(?i",
            "flags such as (?i) are malformed or not closed: alone at the start, (?i), or with "
            "the part they apply to, (?i:…); the flags are a, i, m, s, u and x",
        ),
        ("(?-i", "flags such as (?i) are malformed or not closed"),
        ("(?i-", "flags such as (?i) are malformed or not closed"),
        (
            "(?<n>a)",
            "Python knows no group (?<n: a named group is written (?P<name>…), one that "
            "captures nothing (?:…); for a literal (, write \\(",
        ),
        ("(?P=x)", "a named group, (?P<name>…), or a reference to a group is not valid"),
    ],
)
def test_a_broken_group_is_given_its_own_reason(tmp_path: Path, pattern: str, reason: str) -> None:
    """`(?i` was said to be a named group's or a group reference's problem."""
    text = HEADER + f"  - expect: {{url: '{pattern}'}}\n    description: x\n"
    (found,) = problems(tmp_path, text)
    assert found.startswith("s.yaml:9:") and f"'{pattern}': {reason}" in found, found


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        (
            "  - goto: 12345\n    description: x\n",
            's.yaml:9:11: expected a text, but 12345 is a number: write it in quotes ("12345")',
        ),
        (
            "  - screenshot: a\n    id: 123\n    description: x\n",
            's.yaml:10:9: expected a text, but 123 is a number: write it in quotes ("123")',
        ),
        (
            "  - screenshot: a\n    description: 1.5\n",
            's.yaml:10:18: expected a text, but 1.5 is a number: write it in quotes ("1.5")',
        ),
        (
            "  - screenshot: a\n    description: no\n",
            "s.yaml:10:18: expected a text, but YAML reads no as yes/no (true/false): write it "
            'in quotes ("no")',
        ),
        (
            "  - screenshot: a\n    description: 2026-01-01\n",
            "s.yaml:10:18: expected a text, but YAML reads 2026-01-01 as a date: write it in "
            'quotes ("2026-01-01")',
        ),
        (
            "  - click: {css: a, frame: 5}\n    description: x\n",
            's.yaml:9:28: expected a text, but 5 is a number: write it in quotes ("5")',
        ),
        (
            "  - screenshot: a\n    description: [a, b]\n",
            "s.yaml:10:18: expected a text, not a list",
        ),
        (
            "  - screenshot: a\n    description: !!binary aGk=\n",
            "s.yaml:10:18: expected a text, but the tag !!binary makes it something else: "
            "remove it",
        ),
        ("  - screenshot: a\n    description: ''\n", "s.yaml:10:18: expected a non-empty text"),
    ],
)
def test_a_value_that_is_no_text_says_what_it_is_and_the_way_out(
    tmp_path: Path, step: str, expected: str
) -> None:
    """`goto: 12345`, `id: 123` were said to need "a non-empty text": values plainly not
    empty. What YAML read instead is said, and that quotes make it text."""
    assert problems(tmp_path, HEADER + step) == [expected]


def test_a_value_that_is_no_text_is_said_in_spanish(tmp_path: Path) -> None:
    text = HEADER + "  - goto: 12345\n    description: sí\n    id: [a]\n"
    assert problems(tmp_path, text, "es") == [
        "s.yaml:9:11: se esperaba un texto, pero 12345 es un número: escríbelo entre comillas "
        '("12345")',
        "s.yaml:11:9: se esperaba un texto, no una lista",
    ]


def test_an_overlay_is_an_optional_click_whose_window_may_come_again(tmp_path: Path) -> None:
    """`overlay` says a window may open again at any load: only for a window that is sometimes
    not there (an optional click); said where it is written, in the reader's language."""
    step = "  - click: {css: '#aceptar'}\n    overlay: true\n    description: c\n"
    assert problems(tmp_path, HEADER + step) == [
        "s.yaml:10:5: `overlay` is for a window that is sometimes not there: the click needs "
        "`optional: true`"
    ]
    assert problems(tmp_path, HEADER + step, "es") == [
        "s.yaml:10:5: `overlay` es para una ventana que a veces no está: el click necesita "
        "`optional: true`"
    ]
    scenario = load_scenario(write(tmp_path, HEADER + step + "    optional: true\n"))
    click = scenario.steps[0]
    assert isinstance(click, Click) and click.overlay and click.optional


@pytest.mark.parametrize(
    ("written", "code"), [("\\u202e", "U+202E"), ("\\u2066", "U+2066"), ("\\e[2J", "U+001B")]
)
def test_a_text_with_an_invisible_character_is_refused_where_it_is_written(
    tmp_path: Path, written: str, code: str
) -> None:
    """A right-to-left override in a description showed the text other than it reads in the
    file, and went raw to the terminal in «El portal cambió en este paso: «…»» (written here
    as YAML escapes: the file itself stays plain)."""
    goto = "  - goto: https://serviciosdigitales.imss.gob.mx/x\n"
    text = HEADER + goto + f'    description: "Abrir{written}"\n'
    [problem] = problems(tmp_path, text, "es")
    assert problem == (
        f"s.yaml:10:18: el texto lleva un carácter invisible ({code}: un control, o uno que "
        "cambia la dirección en que se muestra el texto); quítalo"
    )

"""QA cases as data: the bundled set loads, covers every fault the mock offers for the
scenarios it names, and a mistake in a case file is reported like one in a scenario
(`file:line:column: message`, with a "did you mean"), all at once, before any browser."""

from __future__ import annotations

from pathlib import Path

import pytest

from autohelper import messages
from autohelper.qa.cases import Case, CasesInvalid, case_files, cases_dir, load_cases
from autohelper.qa.expect import KINDS
from autohelper.scenario.loader import scenario_files, scenarios_dir


@pytest.fixture(autouse=True)
def _spanish(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setattr(messages, "_current_lang", None)


def bundled() -> list[Case]:
    return load_cases(case_files([cases_dir()]))


def test_the_bundled_cases_load_with_unique_ids() -> None:
    cases = bundled()
    assert len({case.id for case in cases}) == len(cases) > 0
    assert {case.expect.kind for case in cases} <= set(KINDS)


def test_every_bundled_scenario_that_has_cases_is_covered_under_every_fault() -> None:
    """Every fault and version of the mock that a scenario meets has a case: a scenario's file
    without one of these would leave that behaviour untested."""
    by_scenario: dict[str, list[Case]] = {}
    for case in bundled():
        by_scenario.setdefault(case.scenario, []).append(case)
    assert "imss-nss" in by_scenario
    for scenario, cases in by_scenario.items():
        settings = {name for case in cases for name, _ in case.mock}
        kinds = {case.expect.kind for case in cases}
        for fault in ("firewall", "drift", "delay", "fail_first"):
            assert fault in settings, (scenario, fault)
        assert {"success", "portal_changed", "firewall", "declined"} <= kinds, scenario
    nss = by_scenario["imss-nss"]
    assert {"imss.result_version", "imss.nss_found", "imss.answer", "imss.token_expired"} <= {
        name for case in nss for name, _ in case.mock
    }
    assert {value for case in nss for name, value in case.mock if name == "imss.answer"} == {
        "solicitud_existente",
        "falla_renapo",
        "limite_operaciones",
        "correo_otra_curp",
    }  # `sin_umf_domicilio` answers the address step, which the scenario does not reach yet


def test_a_case_file_names_only_scenarios_that_exist() -> None:
    existing = {path.stem for path in scenario_files(scenarios_dir())}
    assert {case.scenario for case in bundled()} <= existing


BAD = """\
scenario: imss-nss
cases:
  - id: one
    mokc: {drift: true}
    expect:
      portal_chnaged: {step: form}
  - id: two
    mock: {drfit: true, delay: lots}
    expect:
      portal_changed: {step: formm}
  - id: one
    expect: {portal_error: {}}
  - id: three
    expect: success
    against: mirrors
"""


def test_every_mistake_of_a_case_file_is_positioned_with_a_suggestion(tmp_path: Path) -> None:
    path = tmp_path / "qa" / "bad.yaml"
    path.parent.mkdir()
    path.write_text(BAD, encoding="utf-8")
    with pytest.raises(CasesInvalid) as raised:
        load_cases([path])
    problems = raised.value.problems
    assert problems == [
        f"{path}:4:5: clave desconocida 'mokc' (¿quisiste decir 'mock'?)",
        f"{path}:6:7: clave desconocida 'portal_chnaged' (¿quisiste decir 'portal_changed'?)",
        f"{path}:8:12: ajuste del simulado desconocido 'drfit' (¿quisiste decir 'drift'?)",
        f"{path}:8:32: Valor no válido en la opción del simulado «delay=lots». Se espera un "
        "número (finito).",
        f"{path}:10:30: el escenario no tiene el paso 'formm' (¿quisiste decir 'form'?) "
        "(nómbralo por su id o su descripción)",
        f"{path}:11:9: id repetido 'one' (ya usado en la línea 3)",
        f"{path}:12:13: 'portal_error' necesita 'text'",
        f"{path}:15:14: 'mirrors' no es fixtures, mirror, any ni la URL de un espejo "
        "(¿quisiste decir 'mirror'?)",
    ]
    assert str(raised.value.message()).startswith("8 problema(s) en los casos de QA:\n")


def test_a_case_names_its_step_by_id_description_or_number(tmp_path: Path) -> None:
    path = tmp_path / "steps.qa.yaml"
    path.write_text(
        "scenario: imss-nss\ncases:\n"
        "  - {id: a, expect: {portal_changed: {step: form}}}\n"
        "  - {id: b, expect: {portal_changed: {step: Escribir tu CURP}}}\n"
        "  - {id: c, expect: {portal_changed: {step: Type your CURP}}}\n"
        "  - {id: d, expect: {portal_changed: {step: 9}}}\n",
        encoding="utf-8",
    )
    cases = load_cases([path])
    assert {case.expect.step.index for case in cases if case.expect.step} == {8}
    assert [case.id for case in cases] == ["imss-nss/a", "imss-nss/b", "imss-nss/c", "imss-nss/d"]


def test_a_case_with_mock_settings_runs_only_against_the_bundled_mock(tmp_path: Path) -> None:
    path = tmp_path / "t.qa.yaml"
    path.write_text(
        "scenario: imss-nss\ncases:\n"
        "  - {id: mocked, mock: {drift: true}, expect: {portal_changed: {step: form}}}\n"
        "  - {id: anywhere, expect: declined, human: {confirm: false}}\n"
        "  - {id: one-mirror, expect: success, against: 'http://127.0.0.1:8000/'}\n",
        encoding="utf-8",
    )
    mocked, anywhere, one_mirror = load_cases([path])
    assert mocked.runs_against("fixtures", None)
    assert not mocked.runs_against("mirror", "http://127.0.0.1:8000")
    assert anywhere.runs_against("mirror", "http://x:1") and anywhere.runs_against("fixtures", None)
    assert one_mirror.runs_against("mirror", "http://127.0.0.1:8000")
    assert not one_mirror.runs_against("mirror", "http://127.0.0.1:9000")
    assert anywhere.human.confirm == (False,)


def test_a_case_gives_the_secrets_the_run_starts_with_and_those_given_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AUTOHELPER_SECRET_CIA_PASSWORD", "del-entorno")
    path = tmp_path / "t.qa.yaml"
    path.write_text(
        "scenario: itson-solicitud\ncases:\n"
        "  - {id: again, expect: success, human: {secrets: {cia_password: [mala, buena]}}}\n"
        "  - {id: env, expect: success, human: {ask: [false]}}\n",
        encoding="utf-8",
    )
    again, env = load_cases([path])
    assert (again.human.ask, env.human.ask) == ((), (False,))
    assert env.human.human().ask("¿Sin otro servicio médico?") is False
    assert again.human.first_secrets() == {"cia_password": "mala"}
    person = again.human.human()
    assert (person.secret("cia_password"), person.secret("cia_password")) == ("buena", None)
    assert env.human.first_secrets() == {}
    assert env.human.human().secret("cia_password") == "del-entorno"


def test_a_case_names_only_secrets_its_scenario_uses_each_with_a_value(tmp_path: Path) -> None:
    path = tmp_path / "qa" / "bad.yaml"
    path.parent.mkdir()
    path.write_text(
        "scenario: itson-solicitud\ncases:\n"
        "  - {id: a, expect: success, human: {secrets: {cia_pasword: [x]}}}\n"
        "  - {id: b, expect: success, human: {secrets: {cia_password: []}}}\n",
        encoding="utf-8",
    )
    with pytest.raises(CasesInvalid) as raised:
        load_cases([path])
    assert raised.value.problems == [
        f"{path}:3:48: el escenario no usa el secreto 'cia_pasword' (¿quisiste decir "
        "'cia_password'?)",
        f"{path}:4:62: 'cia_password' necesita al menos un valor: el primero es con el que "
        "empieza la corrida",
    ]


def test_a_case_gives_its_person_other_profile_values_checked_like_a_profile(
    tmp_path: Path,
) -> None:
    path = tmp_path / "qa" / "profile.yaml"
    path.parent.mkdir()
    path.write_text(
        "scenario: imss-nss\ncases:\n"
        "  - {id: a, expect: success, profile: {postal_code: '85760', street: calle uno}}\n"
        "  - {id: b, expect: success, profile: {postal_code: '00000', postal_cod: '85760'}}\n",
        encoding="utf-8",
    )
    with pytest.raises(CasesInvalid) as raised:
        load_cases([path])
    assert raised.value.problems == [
        f"{path}:4:53: ningún código postal empieza con 00 (los dos primeros dígitos son el "
        "estado)",
        f"{path}:4:62: campo desconocido 'postal_cod'. ¿Quisiste decir 'postal_code'?",
    ]
    good = path.read_text(encoding="utf-8").splitlines()[:3]
    path.write_text("\n".join(good) + "\n", encoding="utf-8")
    [case] = load_cases([path])
    assert case.profile == (("postal_code", "85760"), ("street", "calle uno"))

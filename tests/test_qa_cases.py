"""QA cases as data: the bundled set loads, covers every fault the mock offers for the
scenarios it names, and a mistake in a case file is reported like one in a scenario
(`file:line:column: message`, with a "did you mean"), all at once, before any browser."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from autohelper.mock.cia import CiaSite
from autohelper.mock.config import drifted_pages
from autohelper.mock.imss import ANSWERS as IMSS_ANSWERS
from autohelper.mock.imss import LINK_ANSWERS as IMSS_LINK_ANSWERS
from autohelper.mock.postal import lookup
from autohelper.mock.umf import ANSWERS as UMF_ANSWERS
from autohelper.mock.umf import TABLE_HEADERS
from autohelper.mock.vigencia import CASES, FORM_ANSWERS, LINK_ANSWERS
from autohelper.qa.cases import Case, CasesInvalid, case_files, cases_dir, load_cases
from autohelper.qa.expect import KINDS
from autohelper.scenario.loader import scenario_files, scenarios_dir


def bundled() -> list[Case]:
    return load_cases(case_files([cases_dir()]))


def test_the_bundled_cases_load_with_unique_ids() -> None:
    cases = bundled()
    assert len({case.id for case in cases}) == len(cases) > 0
    assert {case.expect.kind for case in cases} <= set(KINDS)


def by_scenario() -> dict[str, list[Case]]:
    found: dict[str, list[Case]] = {}
    for case in bundled():
        found.setdefault(case.scenario, []).append(case)
    return found


def values(cases: list[Case], setting: str) -> set[Any]:
    return {value for case in cases for name, value in case.mock if name == setting}


# The mock CIA has no firewall page: none is known in front of the live CIA.
NO_FIREWALL = {"itson-solicitud"}


def test_every_bundled_scenario_is_covered_under_every_fault() -> None:
    """Every fault and version of the mock that a scenario meets has a case: a scenario's file
    without one of these would leave that behaviour untested."""
    cases = by_scenario()
    assert set(cases) == {"imss-nss", "imss-vigencia", "imss-umf", "itson-solicitud"}
    assert CiaSite.firewall_page is None
    for scenario, mine in cases.items():
        settings = {name for case in mine for name, _ in case.mock}
        kinds = {case.expect.kind for case in mine}
        faults = {"drift", "delay", "fail_first", "fail_methods"}
        faults |= set() if scenario in NO_FIREWALL else {"firewall"}
        assert faults <= settings, (scenario, faults - settings)
        wanted = {"success", "portal_changed", "declined", "unknown", "unavailable"}
        wanted |= set() if scenario in NO_FIREWALL else {"firewall"}
        assert wanted <= kinds, (scenario, wanted - kinds)


def test_every_drifted_page_a_scenario_meets_has_its_case() -> None:
    named = {page for case in bundled() for page in dict(case.mock).get("drift_pages", ())}
    covered = {page for page in drifted_pages() if any(part in page for part in named)}
    # The CIA's one drift (its menu leaf) is on two pages at once: `drift: true` alone.
    assert True in values(by_scenario()["itson-solicitud"], "drift")
    covered |= set(CiaSite.drifts)
    # The clinic's information page is visited by no scenario.
    assert set(drifted_pages()) - covered == {"www.imss.gob.mx/tramites/registro-umf.html"}


def test_every_verbatim_answer_and_version_of_the_mock_has_its_case() -> None:
    cases = by_scenario()
    nss = cases["imss-nss"]
    assert {"imss.result_version", "imss.nss_found", "imss.token_expired"} <= {
        name for case in nss for name, _ in case.mock
    }
    assert values(nss, "imss.answer") == set(IMSS_ANSWERS) - {""}
    assert values(nss, "imss.subdelegacion") == {True}
    assert values(nss, "imss.link_answer") == set(IMSS_LINK_ANSWERS)
    assert values(nss, "imss.welcome_every_load") == values(nss, "imss.welcome_overlay") == {True}
    # The address step's postal codes: one no clinic serves, one the IMSS does not know.
    postal = {value for case in nss for name, value in case.profile if name == "postal_code"}
    assert {lookup(code) is None for code in postal} == {True, False}
    vigencia = cases["imss-vigencia"]
    assert values(vigencia, "vigencia.answer") == {*FORM_ANSWERS, *LINK_ANSWERS}
    assert values(vigencia, "vigencia.case") | {"itson"} == set(CASES)
    assert {"vigencia.several_emails", "vigencia.token_age_days"} <= {
        name for case in vigencia for name, _ in case.mock
    }
    umf = cases["imss-umf"]
    # `estudiante` says what the default refusal of a student says.
    assert values(umf, "umf.answer") == set(UMF_ANSWERS) - {"estudiante"}
    assert {"umf.students_online", "umf.terms_checkbox", "umf.ajax_delay"} <= {
        name for case in umf for name, _ in case.mock
    }
    assert values(umf, "umf.table_header") | {"as_written"} == set(TABLE_HEADERS)
    # The markup PORTALS.md leaves open, done otherwise: the same flows still end the same way.
    assert values(nss, "imss.plain_markup") == {True}
    assert values(umf, "umf.plain_markup") == {True}
    cia = cases["itson-solicitud"]
    assert values(cia, "cia.server") == {"smartweb2"} and values(cia, "cia.port") == {8600}
    for setting in ("cia.warning", "cia.expire_at_save", "cia.existing_folio"):
        assert values(cia, setting), setting
    assert values(cia, "cia.login_message_at") == {"bottom", "dialog"}


def test_a_case_file_names_only_scenarios_that_exist() -> None:
    existing = {path.stem for path in scenario_files(scenarios_dir())}
    assert {case.scenario for case in bundled()} <= existing


def test_a_case_files_scenario_path_is_read_from_the_case_files_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A scenario kept outside `scenarios/`, named by a path relative to the case file: found
    from any current folder (the path as given from the current folder, when only it has it)."""
    mine = tmp_path / "project"
    (mine / "qa").mkdir(parents=True)
    (mine / "my-nss.yaml").write_text(
        (scenarios_dir() / "imss-nss.yaml")
        .read_text(encoding="utf-8")
        .replace("id: imss-nss", "id: my-nss"),
        encoding="utf-8",
    )
    cases = mine / "qa" / "mine.yaml"
    cases.write_text(
        "scenario: ../my-nss.yaml\ncases:\n  - id: ok\n    expect: success\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    [case] = load_cases([cases])
    assert case.id == "my-nss/ok"
    monkeypatch.chdir(mine / "qa")  # the same path, from the current folder
    cases.write_text(
        "scenario: ./../my-nss.yaml\ncases:\n  - id: ok\n    expect: success\n", encoding="utf-8"
    )
    assert [case.id for case in load_cases([Path("mine.yaml")])] == ["my-nss/ok"]
    # A case file named after its scenario is never read as that scenario itself.
    named = tmp_path / "cases" / "my-nss.yaml"
    named.parent.mkdir()
    named.write_text(
        "scenario: my-nss.yaml\ncases:\n  - id: ok\n    expect: success\n", encoding="utf-8"
    )
    monkeypatch.chdir(mine)
    assert [case.id for case in load_cases([named])] == ["my-nss/ok"]
    # A path from the home folder, as a shell would read it (YAML has no shell to expand it).
    monkeypatch.setenv("HOME", str(mine))
    named.write_text(
        "scenario: ~/my-nss.yaml\ncases:\n  - id: ok\n    expect: success\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    assert [case.id for case in load_cases([named])] == ["my-nss/ok"]


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


def refused(tmp_path: Path, text: str) -> tuple[Path, CasesInvalid]:
    """A case file (qa/cases.yaml) with `text`, and how loading it is refused."""
    path = tmp_path / "qa" / "cases.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CasesInvalid) as raised:
        load_cases([path])
    return path, raised.value


def test_every_mistake_of_a_case_file_is_positioned_with_a_suggestion(tmp_path: Path) -> None:
    path, refusal = refused(tmp_path, BAD)
    problems = refusal.problems
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
    assert str(refusal.message()).startswith("8 problema(s) en los casos de QA:\n")


def test_a_case_cannot_expect_what_its_scenario_never_yields_nor_set_another_portals_mock(
    tmp_path: Path,
) -> None:
    """Both were taken: a yield no step gives failed the case late («no dio folio_x»); a
    setting of the CIA's mock in a case of an IMSS scenario changed nothing, the case
    passing as if it tested it."""
    path, refusal = refused(
        tmp_path,
        "scenario: imss-nss\ncases:\n"
        "  - {id: a, expect: {success: {yields: [nss, nsss]}}}\n"
        "  - {id: b, mock: {cia.warning: false, imss.nss_found: true}, expect: success}\n",
    )
    assert refusal.problems == [
        f"{path}:3:46: el escenario imss-nss nunca da 'nsss' (¿quisiste decir 'nss'?); da: "
        "colonia, folio, nss",
        f"{path}:4:20: 'cia.warning' es un ajuste del portal simulado 'cia' (www.itson.mx, "
        "apps9.itson.edu.mx, smartweb1.itson.edu.mx, smartweb2.itson.edu.mx), que el escenario "
        "imss-nss no visita: no cambiaría nada de este caso",
    ]


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
    assert env.human.human().secret("cia_password") is None  # never the environment's again


def test_a_case_names_only_secrets_its_scenario_uses_each_with_a_value(tmp_path: Path) -> None:
    path, refusal = refused(
        tmp_path,
        "scenario: itson-solicitud\ncases:\n"
        "  - {id: a, expect: success, human: {secrets: {cia_pasword: [x]}}}\n"
        "  - {id: b, expect: success, human: {secrets: {cia_password: []}}}\n",
    )
    assert refusal.problems == [
        f"{path}:3:48: el escenario no usa el secreto 'cia_pasword' (¿quisiste decir "
        "'cia_password'?)",
        f"{path}:4:62: 'cia_password' necesita al menos un valor: el primero es con el que "
        "empieza la corrida",
    ]


def test_a_case_gives_its_person_other_profile_values_checked_like_a_profile(
    tmp_path: Path,
) -> None:
    path, refusal = refused(
        tmp_path,
        "scenario: imss-nss\ncases:\n"
        "  - {id: a, expect: success, profile: {postal_code: '85760', street: calle uno}}\n"
        "  - {id: b, expect: success, profile: {postal_code: '00000', postal_cod: '85760'}}\n",
    )
    assert refusal.problems == [
        f"{path}:4:53: ningún código postal empieza con 00 (los dos primeros dígitos son el "
        "estado)",
        f"{path}:4:62: campo desconocido 'postal_cod'. ¿Quisiste decir 'postal_code'?",
    ]
    good = path.read_text(encoding="utf-8").splitlines()[:3]
    path.write_text("\n".join(good) + "\n", encoding="utf-8")
    [case] = load_cases([path])
    assert case.profile == (("postal_code", "85760"), ("street", "calle uno"))


def test_a_mirror_url_with_a_password_is_refused_without_showing_it(tmp_path: Path) -> None:
    text = (
        "scenario: imss-nss\ncases:\n"
        "  - {id: one, expect: success, against: 'http://ana:S3creta-99@127.0.0.1:8000/'}\n"
    )
    path, refusal = refused(tmp_path, text)
    [problem] = refusal.problems
    assert problem.startswith(f"{path}:3:41: ") and "http://…@127.0.0.1:8000/" in problem
    assert "S3creta-99" not in problem and "ana" not in problem


def test_a_case_files_regex_that_re_cannot_hold_is_said_where_it_is(tmp_path: Path) -> None:
    """A repeat count past `re`'s limit (OverflowError) or groups nested too deep
    (RecursionError) in a case's `yields` crashed `qa --cases` (exit 3)."""
    nested = "(" * 1200 + ")" * 1200
    path, refusal = refused(
        tmp_path,
        "scenario: imss-nss\ncases:\n"
        "  - id: a\n    expect: {success: {yields: {nss: 'a{99999999999}'}}}\n"
        f"  - id: b\n    expect: {{success: {{yields: {{nss: '{nested}'}}}}}}\n",
    )
    assert refusal.problems == [
        f"{path}:4:40: expresión regular inválida 'a{{99999999999}}': la repetición "
        "{99999999999} es demasiado grande (a lo más 4294967294)",
        f"{path}:6:139: expresión regular inválida '{'(' * 59}…': anida demasiados grupos "
        "( … ) (más de 100 uno dentro de otro)",
    ]


def test_a_case_value_that_is_no_text_says_what_it_is(tmp_path: Path) -> None:
    """`step: 1.5`, `tags: [5]`, `yields: {nss: 5}` were said to need "a non-empty text"."""
    path, refusal = refused(
        tmp_path,
        "scenario: imss-nss\ncases:\n"
        "  - id: a\n    expect: {portal_changed: {step: 1.5}}\n"
        "  - id: b\n    tags: [5]\n    expect: {success: {yields: {nss: 5}}}\n",
    )
    assert refusal.problems == [
        f"{path}:4:37: se esperaba un paso: su número (1, 2, …), su id o su descripción; 1.5 no "
        "es ninguno (un id o una descripción así se escribe entre comillas)",
        f'{path}:6:12: se esperaba un texto, pero 5 es un número: escríbelo entre comillas ("5")',
        f'{path}:7:38: se esperaba un texto, pero 5 es un número: escríbelo entre comillas ("5")',
    ]


def test_a_tag_that_is_a_pytest_mark_is_refused_where_it_is_written(tmp_path: Path) -> None:
    """Tags become pytest marks: `xfail` counted a failing case as skipped (exit 0), `skip`
    never ran it. Refused at the tag; a tag that is no tag says what one looks like."""
    path, refusal = refused(
        tmp_path,
        "scenario: imss-nss\ncases:\n"
        "  - id: a\n    tags: [xfail, skip, lento]\n    expect: success\n"
        "  - id: b\n    tags: ['1']\n    expect: success\n",
    )
    assert refusal.problems == [
        f"{path}:4:12: la etiqueta 'xfail' es una marca de pytest que cambiaría cómo corre el "
        "caso (xfail lo daría por omitido aunque falle); elige otra",
        f"{path}:4:19: la etiqueta 'skip' es una marca de pytest que cambiaría cómo corre el "
        "caso (xfail lo daría por omitido aunque falle); elige otra",
        f"{path}:7:12: etiqueta no válida '1': empieza con una letra minúscula, y luego "
        "minúsculas, dígitos y _ (hasta 40)",
    ]


def test_a_case_file_named_twice_is_read_once(tmp_path: Path) -> None:
    """`--cases a.yaml --cases a.yaml`, or a folder and a file in it: each case was said to be
    «repetido» against itself."""
    from autohelper.qa.cases import case_files

    folder = tmp_path / "qa"
    folder.mkdir()
    cases = folder / "a.yaml"
    cases.write_text(
        "scenario: imss-nss\ncases:\n  - id: uno\n    expect: success\n", encoding="utf-8"
    )
    files = case_files([cases, cases, folder, Path(f"{folder}/../qa/a.yaml")])
    assert files == [cases]
    assert [case.id for case in load_cases(files)] == ["imss-nss/uno"]


def test_a_link_to_a_missing_case_file_in_a_folder_is_named_not_passed_over(
    tmp_path: Path,
) -> None:
    """`broken.yaml` pointing nowhere: «la carpeta no tiene archivos de casos» hid it."""
    from autohelper.errors import UsageError

    folder = tmp_path / "qa"
    folder.mkdir()
    (folder / "broken.yaml").symlink_to(tmp_path / "gone.yaml")
    with pytest.raises(UsageError) as refused_:
        case_files([folder])
    assert refused_.value.message("es") == (
        f"{folder / 'broken.yaml'} es un enlace a un archivo que no existe: no sé qué casos "
        "tenía. Arréglalo o bórralo."
    )

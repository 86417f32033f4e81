"""A QA verdict never depends on the language the run is shown in: the bundled cases quote the
tool's own messages in Spanish (an in-person answer's advice, a constancia's meaning), and the
same cases pass, or fail, with `--lang en` (or AUTOHELPER_LANG=en) as without it; the report
still tells what was said in the person's language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_cli import autohelper_cmd

from autohelper.engine.events import RunResult, StepRecord
from autohelper.errors import RunStopped
from autohelper.messages import set_lang
from autohelper.qa.expect import Expectation, StepRef, judge, observe
from autohelper.qa.record import CaseRecorder
from autohelper.scenario import model as m
from autohelper.scenario.loader import find_scenario, load_scenario, scenarios_dir

# Cases of the bundled files whose expected words are the tool's own (localized) message, and
# one whose words are not in it, in any language.
NSS_CASES = """\
scenario: imss-nss
cases:
  - id: subdelegacion
    mock: {imss.subdelegacion: true}
    expect:
      in_person: {text: el IMSS te dará tu NSS en persona, step: Leer la respuesta del IMSS}
"""
VIGENCIA_CASES = """\
scenario: imss-vigencia
cases:
  - id: sin-derecho
    mock: {vigencia.case: no_rights}
    expect:
      portal_error:
        text: NO tienes derecho al servicio médico
        step: Leer tu constancia y ver qué significa
"""
WRONG_WORDS = """\
scenario: imss-nss
cases:
  - id: subdelegacion-other-words
    mock: {imss.subdelegacion: true}
    expect:
      in_person: {text: el IMSS no te dará nada, step: Leer la respuesta del IMSS}
"""


def cases_folder(tmp_path: Path, **files: str) -> Path:
    folder = tmp_path / "qa"
    folder.mkdir()
    for name, text in files.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


def qa(tmp_path: Path, folder: Path, lang: str) -> tuple[int, str]:
    language = ("--lang", lang) if lang else ()
    result = autohelper_cmd(
        *language,
        "qa",
        "--all",
        "--against",
        "fixtures",
        "--cases",
        str(folder),
        "--artifacts",
        str(tmp_path / f"evidence-{lang or 'default'}"),
        "--workers",  # two cases: no faster on two worker processes than on this one
        "1",
    )
    return result.exit_code, result.stdout


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["", "en"])  # the default (Spanish) and English
def test_the_tools_own_words_pass_in_every_language(tmp_path: Path, lang: str) -> None:
    folder = cases_folder(tmp_path, nss=NSS_CASES, vigencia=VIGENCIA_CASES)
    code, out = qa(tmp_path, folder, lang)
    assert code == 0, out
    summary = "2 case(s): 2 as expected" if lang == "en" else "2 caso(s): 2 como se esperaba"
    assert summary in out


@pytest.mark.browser
def test_a_wrong_text_fails_in_english_too_and_says_what_was_said_in_english(
    tmp_path: Path,
) -> None:
    code, out = qa(tmp_path, cases_folder(tmp_path, nss=WRONG_WORDS), "en")
    assert code == 1, out
    assert "1 case(s): 0 as expected, 1 not" in out
    problem = next(line for line in out.splitlines() if "the portal was to say" in line)
    # What was said, in English, then the Spanish it was compared with.
    assert re.search(
        r"“el IMSS no te dará nada”, but it said “This case cannot be solved online: IMSS gives"
        r" you your NSS in person\..*” — es: “Este caso no se resuelve en línea: el IMSS te dará"
        r" tu NSS en persona\..*”$",
        problem,
    ), problem
    assert "The tool's message:\n      This case cannot be solved online" in out
    # English quotes throughout: the expectation and the step it names too, not «…».
    assert "«" not in out and "»" not in out, out


# -- the verdict function on a run the engine told in Spanish --------------------------------------
NSS = load_scenario(find_scenario("imss-nss", scenarios_dir()))
ANSWER = next(
    n for n, step in enumerate(NSS.steps) if step.describe("es") == "Leer la respuesta del IMSS"
)


def in_person_at_the_answer() -> tuple[RunResult, CaseRecorder, m.OutcomeCase]:
    """The run as the engine ends it on the subdelegación answer, in Spanish."""
    step = NSS.steps[ANSWER]
    assert isinstance(step, m.Outcome)
    case = next(c for c in step.cases if c.result == "in_person" and isinstance(c.message, dict))
    assert isinstance(case.message, dict)
    recorder = CaseRecorder()
    for n in range(ANSWER + 1):
        recorder.step_started(n, len(NSS.steps), NSS.steps[n])
        recorder.step_finished(StepRecord(n, NSS.steps[n], "ok", "t", 10))
    return RunResult("in_person", case.message["es"]), recorder, case


def test_the_verdict_on_spanish_words_is_the_same_shown_in_english() -> None:
    result, recorder, case = in_person_at_the_answer()
    assert isinstance(case.message, dict)
    step = NSS.steps[ANSWER]
    expected = Expectation(
        "in_person", StepRef(ANSWER, step.id, step.description, ""), "el IMSS te dará tu NSS"
    )
    for lang in ("es", "en"):
        set_lang(lang)
        observed = observe(result, recorder, said_in="es")
        assert judge(expected, observed, recorder).ok
        assert observed.message == case.message[lang]  # told in the person's language
        assert observed.step_text == step.describe(lang)


def test_a_stop_is_told_in_english_and_judged_on_its_spanish_words() -> None:
    step = NSS.steps[ANSWER]
    assert isinstance(step, m.Outcome)
    case = next(c for c in step.cases if c.result == "error" and isinstance(c.message, dict))
    assert isinstance(case.message, dict)
    recorder = CaseRecorder()
    for n in range(ANSWER + 1):
        state = "error" if n == ANSWER else "ok"
        recorder.step_started(n, len(NSS.steps), NSS.steps[n])
        recorder.step_finished(StepRecord(n, NSS.steps[n], state, "t", 1))
    set_lang("es")  # as `autohelper qa` runs the engine
    error = RunStopped(
        "run.portal_error",
        step=step.describe(),
        portal="Usted ya cuenta con una solicitud",
        advice=case.message["es"],
        url="https://x",
        screenshot="-",
    )
    result = RunResult("error", error.message(), error=error)
    set_lang("en")  # as the report is shown
    observed = observe(result, recorder, said_in="es")
    assert observed.message == RunStopped(
        "run.portal_error",
        step=step.describe("en"),
        portal="Usted ya cuenta con una solicitud",
        advice=case.message["en"],
        url="https://x",
        screenshot="-",
    ).message("en")
    expected = Expectation("portal_error", text="Usted ya cuenta con una solicitud")
    verdict = judge(expected, observed, recorder)
    assert verdict.ok, verdict.problems  # the message names its step, in Spanish: no problem

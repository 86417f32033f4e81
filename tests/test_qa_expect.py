"""How a run is judged against a case: the run is classified by what the tool reported (its
stop, at which step), and a failure reported badly fails the case even when the flow "failed
as expected": another step, a timeout instead of "portal changed", a message naming another
step, a send that went out when nothing was to be sent."""

from __future__ import annotations

from autohelper.engine.events import RunResult, StepRecord
from autohelper.errors import Declined, PortalChanged, RunStopped
from autohelper.qa.expect import Expectation, StepRef, judge, observe
from autohelper.qa.record import CaseRecorder
from autohelper.scenario.loader import find_scenario, load_scenario, scenarios_dir

SCENARIO = load_scenario(find_scenario("imss-nss", scenarios_dir()))
CURP_STEP = SCENARIO.step_index("form")  # "Escribir tu CURP"
EMAIL_STEP = CURP_STEP + 1
URL = "https://serviciosdigitales.imss.gob.mx/gestionAsegurados-web-externo/asignacionNSS"


def ref(index: int) -> StepRef:
    step = SCENARIO.steps[index]
    return StepRef(index, step.id, step.description, step.id or "")


def stopped_at(
    index: int, error: RunStopped | None, status: str = "error"
) -> tuple[RunResult, CaseRecorder]:
    """A run whose steps went well up to `index`, which ended in `error`."""
    recorder = CaseRecorder()
    for n in range(index + 1):
        state = "error" if n == index else "ok"
        recorder.step_started(n, len(SCENARIO.steps), SCENARIO.steps[n])
        recorder.step_finished(StepRecord(n, SCENARIO.steps[n], state, "t", 10))
    message = error.message() if error else ""
    return RunResult(status, message, error=error), recorder


def changed_at(index: int) -> RunStopped:
    return PortalChanged(
        step=SCENARIO.steps[index].describe(), target="css='#x'", url=URL, screenshot="/s.png"
    )


def test_portal_changed_at_the_expected_step_passes() -> None:
    result, recorder = stopped_at(CURP_STEP, changed_at(CURP_STEP))
    observed = observe(result, recorder)
    assert (observed.kind, observed.step, observed.locator, observed.url) == (
        "portal_changed",
        CURP_STEP,
        "css='#x'",
        URL,
    )
    verdict = judge(Expectation("portal_changed", ref(CURP_STEP)), observed, recorder)
    assert verdict.ok, verdict.problems


def test_portal_changed_reported_at_another_step_fails_the_case() -> None:
    result, recorder = stopped_at(EMAIL_STEP, changed_at(EMAIL_STEP))
    verdict = judge(
        Expectation("portal_changed", ref(CURP_STEP)), observe(result, recorder), recorder
    )
    assert not verdict.ok
    assert verdict.problems == (
        "se esperaba en el paso 9. «Escribir tu CURP» (form), pero se informó en el paso "
        "10. «Escribir tu correo electrónico»",
    )


def test_portal_changed_reported_as_a_timeout_fails_the_case() -> None:
    timeout = RunStopped(
        "run.step_failed",
        step=SCENARIO.steps[CURP_STEP].describe(),
        reason="Timeout 10000ms exceeded.",
        url=URL,
        screenshot="/s.png",
    )
    result, recorder = stopped_at(CURP_STEP, timeout)
    observed = observe(result, recorder)
    assert observed.kind == "step_failed"
    verdict = judge(Expectation("portal_changed", ref(CURP_STEP)), observed, recorder)
    assert not verdict.ok
    assert verdict.problems[0].startswith(
        "se esperaba «el portal cambió en el paso 9. «Escribir tu CURP» (form)», pero la "
        "herramienta informó «el paso falló (error del navegador) en el paso 9."
    )


def test_a_message_that_names_another_step_than_where_the_run_stopped_fails() -> None:
    result, recorder = stopped_at(CURP_STEP, changed_at(EMAIL_STEP))
    verdict = judge(Expectation("portal_changed"), observe(result, recorder), recorder)
    assert not verdict.ok
    assert "el mensaje nombra el paso «Escribir tu correo electrónico»" in verdict.problems[0]


def test_declined_passes_only_when_nothing_was_pressed() -> None:
    confirm = SCENARIO.steps.index(next(s for s in SCENARIO.steps if s.kind == "confirm"))
    error = Declined(step=SCENARIO.steps[confirm].describe())
    result, recorder = stopped_at(confirm, error, status="declined")
    assert judge(Expectation("declined", ref(confirm)), observe(result, recorder), recorder).ok
    recorder.submit_pressing(confirm + 1, SCENARIO.steps[confirm + 1], "")
    recorder.submit_finished(confirm + 1, SCENARIO.steps[confirm + 1], "http 302")
    verdict = judge(Expectation("declined"), observe(result, recorder), recorder)
    assert not verdict.ok
    assert len(verdict.problems) == 2  # a send went out, and a submit was pressed


def test_declined_after_a_send_confirmed_before_passes() -> None:
    """A send with its own yes (a sign-in), then a "no" to the next one (or no password again,
    back at the sign-in): the first send stands."""
    confirm = SCENARIO.steps.index(next(s for s in SCENARIO.steps if s.kind == "confirm"))
    recorder = CaseRecorder()
    for n in (*range(confirm + 2), *range(3, confirm + 1)):  # to the send, then back and on
        state = "error" if n == confirm and recorder.pressings else "ok"
        recorder.step_finished(StepRecord(n, SCENARIO.steps[n], state, "t", 10))
        if n == confirm + 1:
            recorder.submit_pressing(n, SCENARIO.steps[n], "")
            recorder.submit_finished(n, SCENARIO.steps[n], "http 302")
    error = Declined(step=SCENARIO.steps[confirm].describe())
    result = RunResult("declined", error.message(), error=error)
    assert judge(Expectation("declined", ref(confirm)), observe(result, recorder), recorder).ok


def test_the_portals_words_must_be_in_what_it_said() -> None:
    outcome = SCENARIO.steps[CURP_STEP + 6]
    error = RunStopped(
        "run.portal_error",
        portal="Token expirado",
        advice="…",
        step=outcome.describe(),
        screenshot="/s.png",
    )
    result, recorder = stopped_at(CURP_STEP + 6, error)
    observed = observe(result, recorder)
    assert judge(Expectation("portal_error", text="Token expirado"), observed, recorder).ok
    verdict = judge(Expectation("portal_error", text="Confirmación inválida"), observed, recorder)
    assert verdict.problems == (
        "el portal debía decir «Confirmación inválida», pero dijo «Token expirado»",
    )


def test_a_documents_own_answer_is_the_portals_words_at_its_step() -> None:
    """A constancia "sin derecho": what the document says, as the reader put it."""
    last = len(SCENARIO.steps) - 1
    error = RunStopped(
        "run.document_answer",
        said="La constancia dice que NO tienes derecho al servicio médico.",
        advice="…",
        name="constancia",
        step=SCENARIO.steps[last].describe(),
        screenshot="/s.png",
    )
    result, recorder = stopped_at(last, error)
    observed = observe(result, recorder)
    assert (observed.kind, observed.step) == ("portal_error", last)
    expected = Expectation("portal_error", ref(last), text="NO tienes derecho")
    assert judge(expected, observed, recorder).ok


def test_in_person_is_observed_at_the_step_that_sends_the_person_to_an_office() -> None:
    outcome = CURP_STEP + 6
    result, recorder = stopped_at(outcome, None, status="in_person")
    recorder.steps[-1] = StepRecord(outcome, SCENARIO.steps[outcome], "ok", "t", 10)
    result = RunResult("in_person", "Acude a tu Subdelegación.")
    observed = observe(result, recorder)
    assert (observed.kind, observed.step) == ("in_person", outcome)
    assert judge(Expectation("in_person", ref(outcome), "Subdelegación"), observed, recorder).ok
    verdict = judge(Expectation("in_person", ref(CURP_STEP)), observed, recorder)
    assert not verdict.ok


def test_a_success_must_yield_what_the_case_names() -> None:
    recorder = CaseRecorder()
    good = RunResult("success", "Listo.", {"nss": "12345678901"})
    assert judge(
        Expectation("success", yields=(("nss", r"\d{11}"),)), observe(good, recorder), recorder
    ).ok
    short = RunResult("success", "Listo.", {"nss": "123"})
    verdict = judge(
        Expectation("success", yields=(("nss", r"\d{11}"), ("folio", None))),
        observe(short, recorder),
        recorder,
    )
    assert verdict.problems == (
        "«nss» no tiene la forma esperada (\\d{11})",
        "la corrida no obtuvo «folio»",
    )


def test_every_stop_of_the_engine_is_reported_in_words_never_as_its_key() -> None:
    """A stop not listed was reported under its catalogue key («Se obtuvo: run.target_not_found
    en el paso 1»): every message that stops a run (it shows the screenshot) has a kind, and
    every kind its words in both languages."""
    from autohelper.messages import has, t
    from autohelper.messages.engine import MESSAGES
    from autohelper.qa.expect import _BY_KEY

    stops = [key for key, text in MESSAGES.items() if "{screenshot}" in text["es"]]
    assert len(stops) > 20
    assert [key for key in stops if key not in _BY_KEY] == []
    for kind in set(_BY_KEY.values()):
        assert has(f"qa.kind.{kind}"), kind
        assert t(f"qa.kind.{kind}", "en") != t(f"qa.kind.{kind}", "es"), kind

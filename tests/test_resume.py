"""Which sent request a run may take up at its link step, read from the journal: only a send
whose answer was read, today, for the same scenario, profile and target, not finished since."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from support import copy_scenario

from autohelper.errors import UsageError
from autohelper.journal import Journal
from autohelper.mock import MockPortal
from autohelper.resume import ResumePoint, link_step_after, resume_point
from autohelper.scenario.model import Scenario

PROFILE = "/home/ana/.config/autohelper/profiles/default.yaml"


@pytest.fixture
def scenario(tmp_path: Path) -> Scenario:
    return copy_scenario(tmp_path, "imss-nss")


def sent_run(
    journal: Journal,
    scenario: Scenario,
    result: str = "http 200",
    answer_read: bool = True,
    status: str = "interrupted",
    profile: str = PROFILE,
    resumes: int | None = None,
) -> int:
    """A run that pressed the scenario's submit and (when `answer_read`) read the answer: the
    steps up to the link step ran (an optional one skipped)."""
    submit = next(i for i, s in enumerate(scenario.steps) if s.kind == "submit")
    run = journal.start_run(scenario.id, "live", "student", profile, resumes)
    for position in range(submit + 1):
        journal.record_step(run, position, "x", "x", "ok", "t", 1)
    journal.finish_submit(journal.record_submit(run, submit, "Enviar", "CURP: H…4"), result)
    if answer_read:
        for position in range(submit + 1, scenario.step_index("link")):
            step = scenario.steps[position]
            done = "skipped" if step.optional else "ok"
            journal.record_step(run, position, step.kind, "Leer", done, "t", 1)
    journal.end_run(run, status, None, {})
    return run


def test_the_send_is_taken_up_at_the_link_step(scenario: Scenario, tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j.sqlite3")
    run = sent_run(journal, scenario)
    point = resume_point(journal, scenario, PROFILE, "live")
    assert (point.run_id, point.step) == (run, scenario.step_index("link"))
    assert link_step_after(scenario, 0) == point.step
    # A resumed run stopped again («salir»): its origin's send is still the one to take up.
    journal.end_run(
        journal.start_run(scenario.id, "live", "student", PROFILE, run), "declined", None, {}
    )
    assert resume_point(journal, scenario, PROFILE, "live") == point


@pytest.mark.parametrize(
    ("change", "key"),
    [
        ({"result": "not_sent"}, "resume.nothing"),
        ({"result": "refused"}, "resume.nothing"),  # the portal asked for its form again
        ({"answer_read": False}, "resume.nothing"),  # pressed, its answer never read
        ({"status": "success"}, "resume.nothing"),
        ({"profile": "/home/otra/perfil.yaml"}, "resume.nothing"),
    ],
)
def test_nothing_to_take_up(
    scenario: Scenario, tmp_path: Path, change: dict[str, object], key: str
) -> None:
    journal = Journal(tmp_path / "j.sqlite3")
    sent_run(journal, scenario, **change)  # type: ignore[arg-type]
    with pytest.raises(UsageError) as caught:
        resume_point(journal, scenario, PROFILE, "live")
    assert caught.value.key == key


@pytest.mark.parametrize("result", ["pending", "unknown", "http 200"])
def test_a_send_whose_answer_was_not_a_refusal_still_counts_as_sent(
    scenario: Scenario, tmp_path: Path, result: str
) -> None:
    journal = Journal(tmp_path / "j.sqlite3")
    run = sent_run(journal, scenario, result=result)
    assert resume_point(journal, scenario, PROFILE, "live").run_id == run


def test_a_send_of_another_day_has_an_expired_link(scenario: Scenario, tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j.sqlite3")
    sent_run(journal, scenario)
    yesterday = datetime.now(UTC) - timedelta(days=1)
    with sqlite3.connect(journal.path) as db:
        db.execute("UPDATE submits SET pressed_at = ?", (yesterday.isoformat(),))
    with pytest.raises(UsageError) as caught:
        resume_point(journal, scenario, PROFILE, "live")
    assert caught.value.key == "resume.expired"
    assert caught.value.params["day"] == yesterday.astimezone().date().isoformat()


def test_a_later_success_ends_it_and_a_demo_cannot_be_resumed(
    scenario: Scenario, tmp_path: Path
) -> None:
    journal = Journal(tmp_path / "j.sqlite3")
    first = sent_run(journal, scenario)
    journal.end_run(
        journal.start_run(scenario.id, "live", "student", PROFILE, first), "success", None, {}
    )
    with pytest.raises(UsageError):
        resume_point(journal, scenario, PROFILE, "live")
    with pytest.raises(UsageError) as caught:
        resume_point(journal, scenario, PROFILE, "fixtures")
    assert caught.value.key == "resume.fixtures"


def test_the_time_of_the_send_is_local() -> None:
    stamp = datetime(2026, 11, 17, 18, 5, tzinfo=UTC)
    assert ResumePoint(1, 15, stamp.isoformat()).sent_time() == stamp.astimezone().strftime("%H:%M")


def test_a_link_already_used_leaves_nothing_to_take_up(scenario: Scenario, tmp_path: Path) -> None:
    """The run went on past the page the link opened (the address step): the link worked and
    is good once; going back to it would only meet "Este token ya fue utilizado"."""
    journal = Journal(tmp_path / "j.sqlite3")
    run = sent_run(journal, scenario)
    address = scenario.step_index("address")
    for position in range(scenario.step_index("link"), address + 1):
        journal.record_step(run, position, "x", "x", "ok", "t", 1)
    with pytest.raises(UsageError) as caught:
        resume_point(journal, scenario, PROFILE, "live")
    assert caught.value.key == "resume.link_used"
    # The address sent too: the last send has no link after it; the first one's was used.
    submits = [i for i, step in enumerate(scenario.steps) if step.kind == "submit"]
    journal.finish_submit(journal.record_submit(run, submits[-1], "Enviar", "-"), "http 200")
    journal.commit()
    with pytest.raises(UsageError) as caught:
        resume_point(journal, scenario, PROFILE, "live")
    assert caught.value.key == "resume.link_used"


def test_the_command_to_start_again_names_the_scenario_as_run_takes_it(
    scenario: Scenario, tmp_path: Path
) -> None:
    """A copy of a scenario is run by its file: `autohelper run <its id>` would not find it."""
    from autohelper.scenario.loader import find_scenario, load_scenario, scenarios_dir

    bundled = load_scenario(find_scenario("imss-nss", scenarios_dir()))
    journal = Journal(tmp_path / "j.sqlite3")
    for which, named in ((scenario, scenario.path), (bundled, "imss-nss")):
        with pytest.raises(UsageError) as caught:
            resume_point(journal, which, PROFILE, "fixtures")
        assert caught.value.message("es").endswith(f"autohelper run {named} --against fixtures")
        with pytest.raises(UsageError) as caught:
            resume_point(journal, which, PROFILE, "live")
        assert caught.value.message("es").endswith(f"Para empezar: autohelper run {named}")


@pytest.mark.browser
def test_a_send_to_one_mirror_is_taken_up_only_against_that_mirror(portal: MockPortal) -> None:
    """A run against mirror A stops at the link («salir»): only a run against A takes it up;
    a run against another mirror is not offered it, nor may it --resume it."""
    from support import CliThread
    from terminal_session import own_profile

    from autohelper.human import ScriptedHuman
    from autohelper.session import SessionRequest, pending_resume, plan_run, run_session

    own_profile()
    human = ScriptedHuman(links=["salir"])
    first = SessionRequest("imss-nss", human, against=portal.url, headless=True)
    outcome = CliThread.call(lambda: run_session(first))
    assert outcome.result.status == "declined"
    [run] = Journal().runs()
    assert (run.target, run.target_url) == ("mirror", portal.url)

    same = SessionRequest("imss-nss", ScriptedHuman(), against=portal.url + "/")
    point = pending_resume(same)
    assert point is not None and point.run_id == run.id
    other = SessionRequest("imss-nss", ScriptedHuman(), against="http://127.0.0.1:9")
    assert pending_resume(other) is None
    other.resume = True
    with pytest.raises(UsageError) as caught:
        plan_run(other)
    assert caught.value.key == "resume.nothing"

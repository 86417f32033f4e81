"""A send the portal refused is no send to take up: the IMSS answers a wrong CAPTCHA with HTTP 200
and the form again, the scenario's outcome sends the run back to the form, and a run cut short
then (Ctrl-C at the next CAPTCHA) is not offered at the emailed link, which will never come.
A send that went through after it still is. The engine on the real mock, in a real Chromium."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page
from support import PROFILE, copy_scenario

from autohelper.engine import RunOptions, run_scenario
from autohelper.engine.retry import FAST
from autohelper.errors import UsageError
from autohelper.human import ORACLE, ScriptedHuman
from autohelper.journal import Journal
from autohelper.mock import MockPortal
from autohelper.privacy import Redactor
from autohelper.resume import find, resume_point
from autohelper.scenario.model import Scenario

OWNER = "/home/ana/.config/autohelper/profiles/default.yaml"


class CutShort(ScriptedHuman):
    """A person who types the CAPTCHAs given, then presses Ctrl-C at the prompt that comes
    next: the CAPTCHA's (`at="captcha"`) or the link's (`at="link"`)."""

    def __init__(self, captchas: list[str], at: str) -> None:
        super().__init__(captcha_answers=captchas)
        self.given = len(captchas)
        self.at = at

    def captcha(self, *args: Any) -> str | None:
        if self.given == 0:
            raise KeyboardInterrupt
        self.given -= 1
        return super().captcha(*args)

    def email_link(self, *args: Any) -> str | None:
        if self.at == "link":
            raise KeyboardInterrupt
        return super().email_link(*args)


def student_run(page: Page, scenario: Scenario, tmp_path: Path, human: ScriptedHuman) -> Journal:
    """A student's live run (as the journal keeps it), cut short by the person's Ctrl-C."""
    journal = Journal(tmp_path / "journal.sqlite3")
    redactor = Redactor()
    redactor.add_profile(dict(PROFILE))
    options = RunOptions(artifacts=tmp_path / "artifacts", live=False, retry=FAST)
    listener = journal.listener("student", "live", redactor, OWNER)
    with pytest.raises(KeyboardInterrupt):
        run_scenario(page, scenario, dict(PROFILE), {}, human, options, [listener], redactor)
    return journal


@pytest.mark.browser
def test_a_send_refused_for_its_captcha_then_ctrl_c_is_not_offered_at_the_link(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    scenario = copy_scenario(tmp_path, "imss-nss")
    journal = student_run(page, scenario, tmp_path, CutShort(["WRONG1"], at="captcha"))
    assert portal.posts("asignacionNSS/valida") == 1  # it went out, and was refused
    [run] = journal.runs()
    assert run.status == "interrupted"
    [submit] = journal.submits(run.id)
    assert submit.result == "refused"  # not "http 200": the portal took nothing
    assert find(journal, scenario, OWNER, "live") is None
    with pytest.raises(UsageError) as caught:
        resume_point(journal, scenario, OWNER, "live")
    assert caught.value.key == "resume.nothing"


@pytest.mark.browser
def test_a_send_that_went_through_after_a_refused_one_is_still_taken_up(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    scenario = copy_scenario(tmp_path, "imss-nss")
    human = CutShort(["WRONG1", ORACLE], at="link")
    journal = student_run(page, scenario, tmp_path, human)
    assert portal.posts("asignacionNSS/valida") == 2
    [run] = journal.runs()
    assert [s.result for s in journal.submits(run.id)] == ["refused", "http 200"]
    point = find(journal, scenario, OWNER, "live")
    assert point is not None
    assert (point.run_id, point.step) == (run.id, scenario.step_index("link"))
    assert point.sent_at == journal.submits(run.id)[1].pressed_at

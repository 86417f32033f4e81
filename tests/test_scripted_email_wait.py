"""The scripted QA person and mail that comes late (a mirror's, like real mail, arrives seconds
after the send): at the `email_link` step it waits, as long as the step allows, for a message that
came after the run's send, and never takes a link from an older one (an earlier run's, already
used). The vigencia flow on a real Chromium against the mock over HTTP, its emails delayed by the
mock's `mail_delay`."""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from playwright.sync_api import Page
from support import ROOT, copy_scenario, engine_run

from autohelper.engine import RunResult
from autohelper.engine.events import RunListener, StepRecord
from autohelper.human import ScriptedHuman
from autohelper.mock import MockPortal
from autohelper.scenario.loader import load_scenario
from autohelper.scenario.model import Scenario

PROFILE_FILE = ROOT / "fixtures" / "profiles" / "student-with-nss.yaml"
STUDENT = {k: str(v) for k, v in yaml.safe_load(PROFILE_FILE.read_text("utf-8")).items()}
LINK = "vigencia/confirmacionUrl"


class Durations(RunListener):
    """How long each step took, by its kind."""

    def __init__(self) -> None:
        self.ms: dict[str, int] = {}

    def step_finished(self, record: StepRecord) -> None:
        self.ms[record.step.kind] = record.duration_ms


def vigencia(page: Page, tmp_path: Path, scenario: Scenario | None = None) -> RunResult:
    """One run of the vigencia flow as the student with an NSS, by a new scripted person."""
    scenario = scenario or load_scenario(ROOT / "scenarios" / "imss-vigencia.yaml")
    return engine_run(
        page, scenario, tmp_path, ScriptedHuman(), profile=STUDENT, submit_timeout=20.0
    )


def opened_tokens(portal: MockPortal) -> list[str]:
    """The tokens of the emailed links the browser opened, in order."""
    return [
        parse_qs(r["query"])["token"][0]
        for r in portal.requests
        if r["method"] == "GET" and r["path"].endswith(LINK)
    ]


def link_emails(portal: MockPortal) -> list[dict[str, object]]:
    """The mock's emails with a vigencia link, oldest first."""
    return [m for m in portal.outbox if any(LINK in str(link) for link in m["links"])]


def token(message: dict[str, object]) -> str:
    links = message["links"]
    assert isinstance(links, list)
    [link] = [str(link) for link in links if LINK in str(link)]
    return parse_qs(urlsplit(link).query)["token"][0]


def test_the_mocks_mail_delay_holds_an_email_back_for_that_long(portal: MockPortal) -> None:
    portal.configure(mail_delay=0.6)
    portal.state.send_email("a@example.com", "Asunto", "Cuerpo", ["https://x.test/?token=1"])
    assert portal.outbox == []
    time.sleep(0.8)
    assert [m["to"] for m in portal.outbox] == ["a@example.com"]
    portal.state.send_email("b@example.com", "Otro", "Cuerpo")
    portal.reset()  # an email still on its way belongs to a run that is over
    time.sleep(0.8)
    assert portal.outbox == []


@pytest.mark.browser
def test_an_email_that_comes_late_is_waited_for(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    portal.configure(mail_delay=2.0)
    result = vigencia(page, tmp_path)
    assert result.status == "success", result.message
    assert result.yields["verdict"] == "vigente"
    assert portal.posts("vigencia/consultar") == 1
    [message] = link_emails(portal)
    assert opened_tokens(portal) == [token(message)]


@pytest.mark.browser
def test_a_second_run_takes_its_own_late_link_not_the_earlier_runs_used_one(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    portal.configure(mail_delay=1.5)
    first = vigencia(page, tmp_path / "first")
    assert first.status == "success", first.message
    # The same mock, not reset: the first run's email (its link used) is still in the outbox
    # when the second run's send goes out, and the second run's email comes 1.5 s later.
    second = vigencia(page, tmp_path / "second")
    assert second.status == "success", second.message
    assert "ya fue utilizado" not in second.message
    assert portal.posts("vigencia/consultar") == 2
    older, newer = link_emails(portal)
    assert opened_tokens(portal) == [token(older), token(newer)]


@pytest.mark.browser
def test_no_newer_email_within_the_steps_timeout_is_no_link_even_with_an_older_one_there(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    portal.configure(mail_delay=1.5)
    first = vigencia(page, tmp_path / "first")
    assert first.status == "success", first.message
    # The second run's link step allows 1 s: its email (1.5 s) does not come in time, and the
    # first run's link, older than the send, is not taken instead.
    hurried = copy_scenario(
        tmp_path,
        "imss-vigencia",
        (f"email_link: {LINK}\n    timeout: 30", f"email_link: {LINK}\n    timeout: 1"),
    )
    durations = Durations()
    second = engine_run(
        page,
        hurried,
        tmp_path / "second",
        ScriptedHuman(),
        profile=STUDENT,
        submit_timeout=20.0,
        listeners=[durations],
    )
    assert second.status == "error"
    assert second.error is not None and second.error.key == "human.no_email_link"
    assert len(opened_tokens(portal)) == 1  # the first run's only
    # It waited for the step's timeout, and no longer.
    assert 900 <= durations.ms["email_link"] < 4000

"""`autohelper status --html` opened in a real Chromium: it renders, every step's title is
visible, and no raw personal data is on the page unless `--reveal`."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from playwright.sync_api import Page, expect

from autohelper import profile as prof
from autohelper.cli import cli
from autohelper.journal import Journal, default_path

pytestmark = pytest.mark.browser

RAW = {
    "curp": "HEGG560427MVZRRL04",
    "email": "gloria.prueba@example.com",
    "names": "GLORIA",
    "first_surname": "HERNANDEZ",
    "second_surname": "GARCIA",
    "nss": "12345678903",
    "student_id": "00000012345",
}
FOLIO = "4815162342"


@pytest.fixture(autouse=True)
def _student(monkeypatch: pytest.MonkeyPatch) -> None:
    """An ITSON student whose wait is over: every section of the page shows."""
    monkeypatch.delenv("AUTOHELPER_PROFILE", raising=False)
    prof.update_profile(
        None,
        {
            **RAW,
            "postal_code": "85000",
            "institution": "itson",
            "has_other_insurance": "no",
            "nss_from_employer": "no",
        },
    )
    journal = Journal()
    run_id = journal.start_run("itson-solicitud", "live", "student")
    journal.end_run(run_id, "success", None, {"folio": FOLIO})
    stamp = "2026-11-13T18:00:00.000+00:00"
    with sqlite3.connect(default_path()) as db:
        db.execute("UPDATE runs SET started_at = ?, ended_at = ?", (stamp, stamp))


def _page(tmp_path: Path, *extra: str) -> tuple[Path, list[str]]:
    path = tmp_path / "estado.html"
    args = ["status", "--as-of", "2026-11-24", "--html", str(path), *extra]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    titles = CliRunner().invoke(cli, ["status", "--json", "--as-of", "2026-11-24"]).stdout
    return path, [step["title"] for step in json.loads(titles)["steps"]]


def test_every_step_is_visible_and_nothing_personal_without_reveal(
    page: Page, tmp_path: Path
) -> None:
    path, titles = _page(tmp_path)
    page.goto(path.as_uri())
    expect(page).to_have_title("Seguro Facultativo en el ITSON (guía 004)")
    assert len(titles) == 6
    for title in titles:
        expect(page.locator("li strong", has_text=title).first).to_be_visible()
    expect(page.locator("#step-espera .state")).to_have_text("atrasado")
    expect(page.locator("#contacts")).to_contain_text("mesadeayuda@itson.edu.mx")
    expect(page.locator("#contacts pre")).to_contain_text("Soy G… H… G…, ID …345.")
    shown = page.content() + page.locator("body").inner_text()
    for value in (*RAW.values(), FOLIO):
        assert value not in shown, value


def test_reveal_puts_the_names_and_folio_in_the_message(page: Page, tmp_path: Path) -> None:
    path, _ = _page(tmp_path, "--reveal")
    page.goto(path.as_uri())
    message = page.locator("#contacts pre")
    expect(message).to_contain_text("Soy GLORIA HERNANDEZ GARCIA, ID 00000012345.")
    expect(message).to_contain_text(f"(folio {FOLIO})")

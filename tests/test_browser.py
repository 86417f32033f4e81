"""Finding a browser: an explicit path first, then AUTOHELPER_BROWSER, Playwright's own build,
the system's; a wrong path is named, with where it came from."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from autohelper.browser import find_browser
from autohelper.errors import BrowserNotFound


def fake_browser(path: Path) -> Path:
    path.write_text("#!/bin/sh\necho Chromium 1.0\n")
    path.chmod(0o755)
    return path


def test_an_explicit_path_wins_over_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AUTOHELPER_BROWSER", str(fake_browser(tmp_path / "env-chrome")))
    explicit = fake_browser(tmp_path / "my-chrome")
    assert find_browser(str(explicit)).path == str(explicit)
    assert find_browser(str(explicit)).reason == "--browser"
    assert find_browser().reason == "AUTOHELPER_BROWSER"


def test_a_path_that_is_not_a_program_names_itself_and_its_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AUTOHELPER_BROWSER", str(tmp_path / "missing"))
    with pytest.raises(BrowserNotFound) as caught:
        find_browser()
    message = caught.value.message("es")
    assert str(tmp_path / "missing") in message and "AUTOHELPER_BROWSER" in message


def test_playwrights_own_build_before_the_system_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("AUTOHELPER_BROWSER", raising=False)
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path))
    build = tmp_path / "chromium-1200" / "chrome-linux"
    build.mkdir(parents=True)
    fake_browser(build / "chrome")
    assert find_browser().path is None  # Playwright's own: no executable_path needed
    assert find_browser().reason == "playwright"


def test_with_no_browser_at_all_the_message_says_how_to_get_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("AUTOHELPER_BROWSER", raising=False)
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path))
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(BrowserNotFound) as caught:
        find_browser()
    assert "apt-get install chromium" in caught.value.message("es")
    assert os.environ["PATH"] == str(tmp_path)

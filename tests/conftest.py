"""Shared fixtures: the browser pytest-playwright launches, the mock portal over real HTTP, and
the front that lets the browser see the live portal URLs while the mock answers.

One mock, one front and one browser serve the whole session (starting Chromium is the slow
part); each test gets the mock reset to its defaults and a fresh browser context.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from autohelper.browser import find_browser
from autohelper.browser.front import PortalFront
from autohelper.browser.provider import launch_args
from autohelper.mock import MockPortal
from autohelper.mock.config import build

# pytester: the QA plugin's own pytest runs, in-process (tests/test_qa_plugin.py).
pytest_plugins = ["pytester"]

# No timed tests: Hypothesis's per-example deadline would fail on a loaded CI machine.
settings.register_profile("autohelper", deadline=None)
settings.load_profile("autohelper")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests that drive a browser first, each file's in its own order: they take nine
    tenths of the suite's CPU, a few of them seconds each. Under `--dist worksteal` (`make
    test`) a worker that is done steals another's pending tests, so what is left for the end
    is short tests, not a long one with the other workers idle beside it."""
    items.sort(key=lambda item: not _drives_a_browser(item))


def _drives_a_browser(item: pytest.Item) -> bool:
    fixtures = getattr(item, "fixturenames", ())
    return item.get_closest_marker("browser") is not None or "page" in fixtures


def pytest_sessionfinish(session: pytest.Session) -> None:
    from support import CliThread

    CliThread.stop()


@pytest.fixture(scope="session")
def driver_compile_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One compile cache for every Playwright driver a worker's tests start (a user's cache
    persists the same way between runs); tests of the cache itself name their own."""
    return tmp_path_factory.mktemp("node-compile-cache")


@pytest.fixture(autouse=True)
def _private_dirs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, driver_compile_cache: Path
) -> None:
    """No test touches the real user's profile, journal or cache."""
    monkeypatch.setenv("AUTOHELPER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("AUTOHELPER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("NODE_COMPILE_CACHE", str(driver_compile_cache))
    monkeypatch.delenv("AUTOHELPER_LANG", raising=False)


@pytest.fixture
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The profile's tests: their own home and XDG folders too, no AUTOHELPER_PROFILE from the
    shell, and Spanish asked for by name; returns the config folder."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("AUTOHELPER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("AUTOHELPER_LANG", "es")
    monkeypatch.delenv("AUTOHELPER_PROFILE", raising=False)
    return tmp_path / "config"


@pytest.fixture(autouse=True)
def _default_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts in the default language, Spanish (a C locale): the language is the
    process's, and a test before it in the same worker may have run a command in English
    (`--lang en`, a QA plugin run with `--qa-lang en`)."""
    from autohelper import messages

    monkeypatch.setenv("LANG", "C.UTF-8")
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(messages, "_current_lang", None)


@pytest.fixture(autouse=True)
def _no_secret_labels(monkeypatch: pytest.MonkeyPatch) -> None:
    """Secrets are named by their bare name until a run plans a scenario that labels them (a
    test before it in the same worker may have planned one)."""
    from autohelper import human

    monkeypatch.setattr(human, "_SECRET_WORDS", {}, raising=False)


@pytest.fixture
def short_tmp() -> Iterator[Path]:
    """Chromium's singleton socket path must stay short: a TMPDIR of our own, under /tmp (for
    runs in a subprocess)."""
    path = Path(tempfile.mkdtemp(prefix="ah-", dir="/tmp"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


# The IMSS address step's and the UMF form's AJAX answers come late, as on the portals (0.2 s
# by default, for QA); here 0.05 s: still after the action that asked, so a step that does not
# wait for them fails all the same, without a fifth of a second of idle per answer, dozens of
# times per run of the suite. The lab's chained lists keep their 0.3 s (their tests are about it).
SUITE_MOCK = {"imss.ajax_delay": 0.05, "umf.ajax_delay": 0.05}


@pytest.fixture(scope="session")
def mock_portal() -> Iterator[MockPortal]:
    """One mock portal server for the whole test session."""
    with MockPortal(build(SUITE_MOCK)) as portal:
        yield portal


@pytest.fixture
def portal(mock_portal: MockPortal) -> Iterator[MockPortal]:
    """The session's mock portal, reset to its default config and empty state for each test."""
    mock_portal.reset()
    yield mock_portal
    mock_portal.reset()


@pytest.fixture(scope="session")
def front(mock_portal: MockPortal) -> Iterator[PortalFront]:
    """The live portal hosts, answered by the mock (the browser is launched pointing at it)."""
    with PortalFront(mock_portal.url) as running:
        yield running


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any], front: PortalFront
) -> dict[str, Any]:
    """The system Chromium (Playwright's download is not available here), quiet on the network,
    resolving the portal hosts to the front."""
    headless = browser_type_launch_args.get("headless", True)
    return {
        **browser_type_launch_args,
        # Hidden, the lighter headless shell when installed (as the tool uses for a mock).
        "executable_path": find_browser(shell=headless).path,
        "args": launch_args(headless, front),
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "ignore_https_errors": True, "locale": "es-MX"}

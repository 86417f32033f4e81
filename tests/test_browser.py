"""Finding a browser: an explicit path first, then AUTOHELPER_BROWSER, Playwright's own build,
the system's; a wrong path is named, with where it came from."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest
from support import CliThread

from autohelper.browser import find_browser
from autohelper.browser.driver import playwright_session
from autohelper.browser.find import BrowserChoice
from autohelper.browser.provider import BrowserProvider, LocalLaunch, PlaywrightServer
from autohelper.errors import BrowserLaunchFailed, BrowserNotFound


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


@pytest.mark.parametrize("name", ["missing", "a-folder"])
def test_a_path_that_is_not_a_program_names_itself_and_its_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    (tmp_path / "a-folder").mkdir()  # searchable, so "executable" to os.access
    monkeypatch.setenv("AUTOHELPER_BROWSER", str(tmp_path / name))
    with pytest.raises(BrowserNotFound) as caught:
        find_browser()
    message = caught.value.message("es")
    assert str(tmp_path / name) in message and "AUTOHELPER_BROWSER" in message


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


@pytest.fixture
def only_fakes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A PATH holding a fake system Chromium and a fake headless shell, nothing else."""
    import autohelper.browser.find as find

    monkeypatch.delenv("AUTOHELPER_BROWSER", raising=False)
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path / "none"))
    monkeypatch.setattr(find, "SHELL_PATHS", ())
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake_browser(bin_dir / "chromium")
    fake_browser(bin_dir / "chromium-headless-shell")
    monkeypatch.setenv("PATH", str(bin_dir))
    return bin_dir


def test_the_headless_shell_only_for_a_hidden_run_against_a_mock_or_mirror(
    only_fakes: Path,
) -> None:
    from autohelper.browser.provider import LocalLaunch, provider_for

    assert find_browser(shell=True).path == str(only_fakes / "chromium-headless-shell")
    assert find_browser(shell=True).reason == "headless-shell"
    assert find_browser().path == str(only_fakes / "chromium")

    def picked(headless: bool, offline: bool) -> str | None:
        provider = provider_for(None, headless, offline=offline)
        assert isinstance(provider, LocalLaunch)
        return provider.choice.path

    assert picked(headless=True, offline=True) == str(only_fakes / "chromium-headless-shell")
    assert picked(headless=True, offline=False) == str(only_fakes / "chromium")  # live portals
    assert picked(headless=False, offline=True) == str(only_fakes / "chromium")  # a window


def test_a_named_browser_wins_over_the_headless_shell(
    only_fakes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = fake_browser(tmp_path / "my-chrome")
    assert find_browser(str(mine), shell=True).path == str(mine)
    monkeypatch.setenv("AUTOHELPER_BROWSER", str(mine))
    assert find_browser(shell=True).reason == "AUTOHELPER_BROWSER"


def test_playwrights_headless_shell_download_is_found(
    only_fakes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (only_fakes / "chromium-headless-shell").unlink()
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path))
    build = tmp_path / "chromium_headless_shell-1200" / "chrome-linux"
    build.mkdir(parents=True)
    fake_browser(build / "headless_shell")
    assert find_browser(shell=True).path == str(build / "headless_shell")
    assert find_browser(shell=False).path == str(only_fakes / "chromium")


# -- a browser that will not start or answer: the reason in the person's words ---------------
def _open_fails(provider: BrowserProvider) -> BrowserLaunchFailed:
    """Open `provider` on the suite's CLI thread (Playwright's sync API cannot share the
    thread of pytest-playwright's tests); the error it gives."""

    def work() -> BrowserLaunchFailed:
        with playwright_session() as playwright:
            try:
                provider.open(playwright, None)
            except BrowserLaunchFailed as exc:
                return exc
        raise AssertionError("it opened")

    failed: BrowserLaunchFailed = CliThread.call(work)
    return failed


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.browser  # the Playwright driver, no browser
def test_a_remote_browser_that_refuses_is_said_in_the_persons_language() -> None:
    # Playwright says "WebSocket error: connect ECONNREFUSED 127.0.0.1:1" (only in the debug log).
    endpoint = f"ws://127.0.0.1:{_closed_port()}"
    failed = _open_fails(PlaywrightServer(endpoint))
    assert failed.message("es") == (
        f"No pude usar el navegador remoto {endpoint}: rechazó la conexión (¿no está corriendo?)"
    )
    assert failed.message("en") == (
        f"Could not use the remote browser {endpoint}: it refused the connection (is it not "
        "running?)"
    )


@pytest.mark.browser
def test_a_program_that_is_not_chromium_is_said_in_the_persons_language() -> None:
    # Playwright says "Target page, context or browser has been closed".
    failed = _open_fails(LocalLaunch(BrowserChoice("/bin/true", "--browser"), headless=True))
    assert failed.message("es") == (
        "El navegador /bin/true no pudo arrancar: se cerró en cuanto arrancó: no parece un "
        "Chromium que Playwright pueda manejar (con -vv verás el detalle)\n"
        "Revisa `autohelper doctor`, o usa otro con --browser RUTA."
    )
    assert "it closed as soon as it started" in failed.message("en")


def _descendants(pid: int) -> list[list[str]]:
    """The command lines of every process below `pid`."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat[stat.rfind(")") + 2 :].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, pending = [], list(children.get(pid, []))
    while pending:
        child = pending.pop()
        pending += children.get(child, [])
        try:
            raw = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        found.append(raw.decode(errors="replace").split("\0"))
    return found


@pytest.mark.browser
def test_an_offline_browser_keeps_playwrights_own_disabled_features(browser: object) -> None:
    """Chromium keeps only the last `--disable-features`: a list of ours after Playwright's
    (site isolation, once) turned its own back on (HTTPS upgrades, paint holding...)."""
    launched = [
        argv
        for argv in _descendants(os.getpid())
        if "--remote-debugging-pipe" in argv and not any(a.startswith("--type=") for a in argv)
    ]
    assert launched, "the session's browser process was not found"
    for argv in launched:
        assert "--disable-site-isolation-trials" in argv
        features = [a for a in argv if a.startswith("--disable-features=")]
        assert len(features) == 1, features
        assert {"HttpsUpgrades", "PaintHolding"} <= set(features[0].split("=", 1)[1].split(","))

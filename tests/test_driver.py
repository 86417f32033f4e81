"""Playwright's driver starts with a compile cache in autohelper's private cache folder (or the
one the environment names), and with a umask that keeps what it writes to its owner."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

import pytest

from autohelper.browser import driver

T = TypeVar("T")


def on_a_thread(work: Callable[[], T]) -> T:
    """Playwright's sync API on a thread of its own: this process's own thread may already
    run pytest-playwright's."""
    with ThreadPoolExecutor(1) as one:
        return one.submit(work).result()


def _modes(folder: Path) -> dict[str, int]:
    return {
        str(path.relative_to(folder)): stat.S_IMODE(path.stat().st_mode)
        for path in [folder, *folder.rglob("*")]
    }


def test_the_driver_keeps_its_compiled_code_in_a_private_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(driver.CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    umask = os.umask(0o022)
    try:

        def start_and_stop() -> int:
            playwright = driver.start_playwright()
            after = os.umask(0o022)  # ours again as soon as the driver is started
            playwright.stop()
            return after

        assert on_a_thread(start_and_stop) == 0o022
    finally:
        os.umask(umask)
    folder = tmp_path / "cache" / "autohelper" / "node-compile-cache"
    assert os.environ[driver.CACHE_ENV] == str(folder)
    modes = _modes(folder)
    assert len(modes) > 1, "the driver wrote no compile cache"
    assert modes["."] == 0o700
    assert {name: mode for name, mode in modes.items() if mode & 0o077} == {}


def test_a_compile_cache_the_environment_names_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(driver.CACHE_ENV, str(tmp_path / "theirs"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert driver.compile_cache() == tmp_path / "theirs"
    assert os.environ[driver.CACHE_ENV] == str(tmp_path / "theirs")
    assert not (tmp_path / "cache").exists()


def test_without_a_cache_folder_the_driver_compiles_as_usual(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(driver.CACHE_ENV, raising=False)
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder would go")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert driver.compile_cache() is None
    assert driver.CACHE_ENV not in os.environ


def test_a_thread_that_keeps_a_driver_gives_it_to_every_session_and_stops_it_at_the_end() -> None:
    def sessions() -> tuple[bool, bool, bool, bool]:
        with driver.keep_driver() as kept:
            with driver.playwright_session() as first:
                pass
            with driver.playwright_session() as second:
                pass
            # Left running by both sessions: it still answers.
            request = kept.request.new_context()
            alive = request is not None
            request.dispose()
            try:
                with driver.keep_driver():
                    pass
                nested = True
            except RuntimeError:
                nested = False
        with driver.playwright_session() as fresh:  # its own again, once the block ended
            own = fresh is not kept
        return first is kept and second is kept, alive, nested, own

    same, alive, nested, own = on_a_thread(sessions)
    assert same and alive and own
    assert not nested

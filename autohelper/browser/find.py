"""Find a Chromium: an explicit path, Playwright's own build when installed, else the system's.
For a hidden browser going to a mock or a mirror, Chromium's headless shell when one is
installed (as Playwright itself does for headless runs). Plain file-system work: nothing here
imports Playwright (start-up stays fast)."""

from __future__ import annotations

import logging
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from autohelper.errors import BrowserNotFound

log = logging.getLogger(__name__)

# Without these, Chromium keeps dialing Google's services (refused on closed networks) and QUIC.
BASE_ARGS = (
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
# A hidden browser has no screen to draw to: no GPU process (less CPU for the same pages).
HEADLESS_ARGS = ("--disable-gpu",)
# Against the bundled mock or a mirror (pages we or QA serve, never a stranger's), one renderer
# may serve every site: Chromium's site isolation, kept for the live portals, costs a new
# process at each cross-site navigation, about a seventh of a flow's CPU. This switch alone
# turns it off (measured: the full browser's renderers for a page with two cross-site frames,
# 5 without it, 2 with it, as with the features added). Never a `--disable-features` or
# `--enable-features` of ours: Chromium keeps only the last of each, and Playwright passes its
# own list (HTTPS upgrades off, paint holding off...), which ours would silently replace.
OFFLINE_ARGS = ("--disable-site-isolation-trials",)
SYSTEM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Chromium's "old" headless mode as a browser of its own, without the desktop browser's parts:
# the same Blink and V8, under half the CPU for the same flows (measured in docs/benchmark.md).
# Debian's binary first (its /usr/bin name is a shell wrapper: one process more), then the
# wrapper, then Playwright's download of it.
SHELL_PATHS = ("/usr/lib/chromium/chromium-headless-shell",)
SHELL_NAMES = ("chromium-headless-shell", "chrome-headless-shell")


@dataclass(frozen=True)
class BrowserChoice:
    """`path` None means Playwright's own build; `reason` says why this one (for doctor)."""

    path: str | None
    reason: str


def playwright_chromium() -> Path | None:
    """Playwright's own Chromium, when `playwright install chromium` has been run."""
    base = Path(os.environ.get("PLAYWRIGHT_BROWSERS_PATH") or Path.home() / ".cache/ms-playwright")
    for candidate in sorted(base.glob("chromium-*/chrome-linux*/chrome"), reverse=True):
        if os.access(candidate, os.X_OK):
            return candidate
    return None


def headless_shell() -> str | None:
    """Chromium's headless shell, when installed (Debian's `chromium-headless-shell`, or
    Playwright's `chromium-headless-shell` download)."""
    for path in SHELL_PATHS:
        if os.access(path, os.X_OK):
            return path
    for name in SHELL_NAMES:
        found = shutil.which(name)
        if found:
            return found
    base = Path(os.environ.get("PLAYWRIGHT_BROWSERS_PATH") or Path.home() / ".cache/ms-playwright")
    pattern = "chromium_headless_shell-*/chrome-*/*headless[_-]shell"  # both namings
    for candidate in sorted(base.glob(pattern), reverse=True):
        if os.access(candidate, os.X_OK):
            return str(candidate)
    return None


def find_browser(explicit: str | None = None, shell: bool = False) -> BrowserChoice:
    """The browser to use, in order: --browser, AUTOHELPER_BROWSER, then, when `shell` (a
    hidden browser for a mock or a mirror), the headless shell; Playwright's, the system's."""
    for source, value in (
        ("--browser", explicit),
        ("AUTOHELPER_BROWSER", os.environ.get("AUTOHELPER_BROWSER")),
    ):
        if value:
            path = shutil.which(value) or value
            if not (os.path.isfile(path) and os.access(path, os.X_OK)):  # a folder is "x" too
                raise BrowserNotFound("browser.bad_path", path=value, source=source)
            return BrowserChoice(path, source)
    if shell:
        found = headless_shell()
        if found:
            return BrowserChoice(found, "headless-shell")
    if playwright_chromium():
        return BrowserChoice(None, "playwright")
    for name in SYSTEM_NAMES:
        found = shutil.which(name)
        if found:
            return BrowserChoice(found, "system")
    raise BrowserNotFound()


def has_display() -> bool:
    """Whether a visible browser can be shown here."""
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))

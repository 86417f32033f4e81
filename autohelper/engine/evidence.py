"""What a run keeps: screenshots at each stop (masked unless the profile is a synthetic one) and
downloaded documents, each in the run's private folder.

Every file is created 0600 inside a folder made 0700, from the first byte: a screenshot of a
student's form or a downloaded constancia is personal data.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from playwright.sync_api import Error as PlaywrightError

from autohelper.privatefiles import make_private, private_dir, write_private

if TYPE_CHECKING:
    from playwright.sync_api import Download, Locator, Page

log = logging.getLogger(__name__)


def _without_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def safe_name(name: str, default: str = "file") -> str:
    """A file name made of safe characters only (a portal's suggested name may hold anything)."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip(".-")
    return stem[:80] or default


class Evidence:
    """Screenshots and downloads of one run, in its private folder."""

    def __init__(
        self,
        folder: Path,
        token: str,
        mask: bool,
        personal: Iterable[str],
        max_wait: float | None = None,
    ) -> None:
        self.folder = folder
        # QA's bound on every wait (`--timeout`) bounds a screenshot's too: a page still loading
        # can keep Chromium from producing the frame until the whole wait has passed.
        self.max_wait = max_wait
        self.token = token  # tells this run's files from another's in the same folder
        self.mask = mask
        # Profile values worth masking on a screenshot (long enough to be matched as text),
        # also as a portal may show them: without their accents ("HERNANDEZ" for Hernández;
        # the match ignores case already).
        values = [value for value in personal if len(value) >= 4]
        self.personal = list(dict.fromkeys([*values, *map(_without_accents, values)]))

    def screenshot(self, page: Page, name: str) -> str:
        """A full-page screenshot; unless the profile is synthetic, every input and every
        element showing a personal value is masked. Returns its path, or "-" if the page
        could not be captured (evidence is best effort: the stop it belongs to matters more)."""
        path = private_dir(self.folder) / f"{self.token}-{safe_name(name.lower(), 'shot')}.png"
        masks: list[Locator] = []
        if self.mask:
            # In every frame: a portal's form may live in one (PeopleSoft's frameset).
            for frame in page.frames:
                masks.append(frame.locator("input, textarea, select"))
                masks.extend(frame.get_by_text(value) for value in self.personal)
        data = None
        # Chromium now and then answers "Unable to capture screenshot" while its compositor is
        # busy (seen under load, on a static page): one more try, of the viewport only.
        for full_page in (True, False):
            if page.is_closed() or page.url == "about:blank":  # nothing shown: nothing to keep
                break
            try:
                wait = 10_000 if full_page else 5_000
                if self.max_wait is not None:
                    wait = min(wait, max(1_000, int(self.max_wait * 1000)))
                data = page.screenshot(full_page=full_page, mask=masks, timeout=wait)
                break
            except PlaywrightError as exc:
                log.debug("screenshot failed (full page: %s): %s", full_page, exc)
        if data is None:
            return "-"
        return str(write_private(path, data))

    def keep_download(self, download: Download, name: str) -> Path:
        """Save a download in the run's private folder, 0600, named after the step's `save_as`:
        the portal's own name may hold personal data (the constancia's holds the NSS)."""
        suffix = Path(safe_name(download.suggested_filename, "document")).suffix[:10]
        path = private_dir(self.folder) / f"{self.token}-{safe_name(name)}{suffix}"
        download.save_as(path)
        return make_private(path)

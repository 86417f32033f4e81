"""The text of a downloaded document, for an `outcome` that reads it (pypdf for PDFs)."""

from __future__ import annotations

import logging
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError

log = logging.getLogger(__name__)


def document_text(path: Path) -> str:
    """The text of a PDF (every page, in order), or of a text file; "" when it has none that
    can be read (an image-only PDF, a damaged file): the outcome then matches no case."""
    data = path.read_bytes()
    if not data.startswith(b"%PDF"):
        return data.decode("utf-8", "replace")
    try:
        reader = PdfReader(path)
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, OSError) as exc:
        log.debug("unreadable PDF %s: %s", path.name, exc)
        return ""

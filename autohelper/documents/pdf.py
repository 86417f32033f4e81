"""The text of a PDF, through pypdf. Every way a file can fail to give text is a DocumentError
subclass whose message names the file (with any NSS or CURP in its name masked: the IMSS names
the constancia `comprobanteVigenciaDerechos<NSS>.pdf`)."""

from __future__ import annotations

import io
import logging
import re
import stat
from pathlib import Path
from typing import Any

from pypdf import PasswordType, PdfReader, apply_configuration
from pypdf.errors import LimitReachedError

from autohelper.errors import (
    DocumentDamaged,
    DocumentEmpty,
    DocumentEncrypted,
    DocumentError,
    DocumentNotAFile,
    DocumentNoText,
    DocumentNotFound,
    DocumentNotPdf,
    os_reason,
)
from autohelper.privacy import mask

log = logging.getLogger(__name__)

# A constancia has a page or two of a few kilobytes each. Reading stops at MAX_PAGES pages, and
# a PDF whose pages' content (decompressed) or text is larger than a constancia's could ever be
# is refused before its text is extracted (a small file can expand to gigabytes, or hold
# hundreds of thousands of text operations that take minutes to lay out).
MAX_PAGES = 20
MAX_CONTENT_BYTES = 1_000_000  # the decompressed content streams of all the pages read
MAX_TEXT_CHARS = 200_000  # the text extracted from them
# pypdf's own limits (pypdf.Configuration), lowered from its defaults (75 MB per stream...):
# no stream read for a constancia needs more than MAX_CONTENT_BYTES decompressed.
_XFORMS_PER_PAGE = 200
_PARSING_WORK = 2_000_000
# The PDF header may follow some junk, but within the first kilobyte (as readers accept it).
_HEADER_WINDOW = 1024
_CURP_IN_TEXT = re.compile(r"[A-Za-z]{4}\d{6}[HMXhmx][A-Za-z]{5}[A-Za-z0-9]\d")
_NSS_IN_TEXT = re.compile(r"(?<!\d)\d{11}(?!\d)")


def shown_path(path: Path | str) -> str:
    """The path as messages show it: an NSS or a CURP in it masked."""
    text = str(path)
    text = _CURP_IN_TEXT.sub(lambda m: mask(m.group(0), "curp"), text)
    return _NSS_IN_TEXT.sub(lambda m: mask(m.group(0), "nss"), text)


def pdf_text(path: Path | str) -> str:
    """All the text of the PDF at `path`, page after page; raises a DocumentError subclass for
    a missing path, a directory, an empty file, a file that is not a PDF, a PDF that needs a
    password, one with no text layer (a scan), or one too damaged to read."""
    path = Path(path)
    shown = shown_path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise DocumentNotFound(path=shown) from None
    except OSError as exc:
        raise DocumentError(path=shown, reason=os_reason(exc)) from None
    if stat.S_ISDIR(info.st_mode):
        raise DocumentNotAFile(path=shown)
    if not stat.S_ISREG(info.st_mode):  # never opened: a pipe would wait, /dev/zero not end
        raise DocumentNotRegular(path=shown)
    if info.st_size == 0:
        raise DocumentEmpty(path=shown)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(path=shown, reason=os_reason(exc)) from None
    return pdf_bytes_text(data, shown)


class DocumentNotRegular(DocumentNotAFile):
    """The path is a device or a pipe (/dev/null, a FIFO), not a file that holds a PDF."""

    key = "document.not_regular"


class DocumentTooBig(DocumentError):
    """The PDF's pages hold far more content or text than a constancia's (a decompression
    bomb, or a document of another kind): refused before reading it all."""

    key = "document.too_big"


def pdf_bytes_text(
    data: bytes,
    shown: str = "PDF",
    *,
    max_content: int = MAX_CONTENT_BYTES,
    max_text: int = MAX_TEXT_CHARS,
) -> str:
    """The text of a PDF held in memory; `shown` names it in errors. DocumentTooBig when the
    pages' decompressed content exceeds `max_content` bytes or their text `max_text`
    characters."""
    if not data.strip():
        raise DocumentEmpty(path=shown)
    if b"%PDF-" not in data[:_HEADER_WINDOW]:
        raise DocumentNotPdf(path=shown)
    limit = max_content + 1
    limits: dict[str, Any] = {
        "zlib_maximum_output_length": limit,
        "lzw_maximum_output_length": limit,
        "run_length_maximum_output_length": limit,
        "brotli_maximum_output_length": limit,
        "array_based_stream_maximum_output_length": limit,
        "xform_maximum_invocations_per_extraction": _XFORMS_PER_PAGE,
        "stream_parsing_work_maximum_count": _PARSING_WORK,
    }
    try:
        with apply_configuration(**limits):
            text, pages = _text(data, shown, max_content)
    except LimitReachedError:
        log.debug("pypdf stopped at one of its limits")
        raise DocumentTooBig(path=shown) from None
    if len(text) > max_text:
        raise DocumentTooBig(path=shown)
    if not text.strip():
        raise DocumentNoText(path=shown)
    log.debug("read %d page(s), %d characters of text", pages, len(text))
    return text


def _text(data: bytes, shown: str, max_content: int) -> tuple[str, int]:
    """The text of the PDF's first MAX_PAGES pages and how many were read (within pypdf's
    limits, set by the caller: LimitReachedError goes up)."""
    # pypdf raises many kinds of exception on a broken file (its own, ValueError, KeyError,
    # zlib and struct errors, RecursionError...). A file from outside is untrusted input: any
    # failure to parse it is "damaged", never a crash. Its messages may quote the file's bytes,
    # so only the exception's type is logged.
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
    except LimitReachedError:
        raise
    except Exception as exc:
        log.debug("pypdf could not open the PDF: %s", type(exc).__name__)
        raise DocumentDamaged(path=shown) from None
    if reader.is_encrypted:
        try:
            # An owner password only restricts printing or copying: the empty user password
            # opens such a file, as any viewer does.
            opened = reader.decrypt("") != PasswordType.NOT_DECRYPTED
        except LimitReachedError:
            raise
        except Exception as exc:
            log.debug("pypdf could not decrypt the PDF: %s", type(exc).__name__)
            opened = False
        if not opened:
            raise DocumentEncrypted(path=shown)
    try:
        pages = reader.pages[:MAX_PAGES]
        # The size of every page's content, decompressed, before any text is laid out.
        size = 0
        for page in pages:
            contents = page.get_contents()
            size += len(contents.get_data()) if contents is not None else 0
            if size > max_content:
                log.debug("the pages' content exceeds %d bytes", max_content)
                raise DocumentTooBig(path=shown)
        texts = [page.extract_text() or "" for page in pages]
    except (LimitReachedError, DocumentTooBig):
        raise
    except Exception as exc:
        log.debug("pypdf could not extract the text: %s", type(exc).__name__)
        raise DocumentDamaged(path=shown) from None
    return "\n".join(texts), len(texts)

"""The text of a PDF, through pypdf. Every way a file can fail to give text is a DocumentError
subclass whose message names the file as `shown_path` shows it (any NSS, CURP or email in it
masked, grouped forms too, and the profile's own values when the caller knows them: the IMSS
names the constancia `comprobanteVigenciaDerechos<NSS>.pdf`, and people rename it)."""

from __future__ import annotations

import contextlib
import io
import logging
import re
import stat
from collections.abc import Callable, Iterator
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
# A constancia's file weighs tens of kilobytes: one far heavier is refused by its size alone,
# before a byte of it is read (reading 300 MB to say "damaged" took 19 s and 930 MB of memory).
MAX_FILE_BYTES = 20_000_000
MAX_CONTENT_BYTES = 1_000_000  # the decompressed content streams of all the pages read
MAX_TEXT_CHARS = 200_000  # the text extracted from them
# pypdf's own limits (pypdf.Configuration), lowered from its defaults (75 MB per stream...):
# no stream read for a constancia needs more than MAX_CONTENT_BYTES decompressed.
_XFORMS_PER_PAGE = 200
_PARSING_WORK = 2_000_000
# The PDF header may follow some junk, but within the first kilobyte (as readers accept it).
_HEADER_WINDOW = 1024
# A whole CURP, its parts maybe grouped (`HEGG 560427 MVZRRL04`, `HEGG-560427-MVZRRL04`).
_SEP = r"[ ._-]?"
_CURP_LIKE = re.compile(
    rf"[A-Z]{{4}}{_SEP}\d{{6}}{_SEP}[HMX][A-Z]{{5}}{_SEP}[A-Z0-9]\d(?![A-Z0-9])", re.IGNORECASE
)
# Eleven digits however grouped (an NSS: `0418-56-1234-0`), not part of a longer number.
_NSS_LIKE = re.compile(r"(?<!\d)\d(?:[ ._-]?\d){10}(?!\d)")
# Five digits or more, maybe grouped (a phone `662 123 4567`, a student ID).
_DIGIT_RUN = re.compile(r"(?<!\d)\d(?:[ ._-]?\d){4,}(?!\d)")
# An email in a file name: no space or folder separator in it.
_EMAIL_IN_PATH = re.compile(r"[^\s/\\@]+@[^\s/\\@]+\.[^\s/\\@]+")


def mask_ids(text: str) -> str:
    """`text` with every CURP and every NSS in it masked as `mask` shows them, however their
    parts are grouped (the masked NSS keeps its digits only: `04…40`)."""
    text = _CURP_LIKE.sub(lambda m: mask(re.sub(r"[ ._-]", "", m.group(0)), "curp"), text)
    return _NSS_LIKE.sub(lambda m: mask(re.sub(r"\D", "", m.group(0)), "nss"), text)


def shown_path(path: Path | str, known: Callable[[str], str] | None = None) -> str:
    """The path as messages (and JSON) show it: any CURP, NSS or email in it masked, grouped
    forms included, after the values `known` masks (a Redactor of the profile's values: its
    names, phone, student ID in a renamed file's name, a number of them grouped too). Other
    numbers (a date) stay as they are, so the person still recognises their file."""
    text = str(path)
    if known is not None:

        def grouped(match: re.Match[str]) -> str:
            digits = re.sub(r"\D", "", match.group(0))
            masked = known(digits)
            return match.group(0) if masked == digits else masked

        text = _DIGIT_RUN.sub(grouped, known(text))
    text = _EMAIL_IN_PATH.sub(lambda m: mask(m.group(0), "email"), text)
    return mask_ids(text)


def pdf_text(path: Path | str, shown: str | None = None) -> str:
    """All the text of the PDF at `path`, page after page; raises a DocumentError subclass for
    a missing path, a directory, an empty file, a file that is not a PDF, a PDF that needs a
    password, one with no text layer (a scan), or one too damaged to read. `shown` names the
    file in those errors (default: `shown_path(path)`)."""
    path = Path(path)
    shown = shown_path(path) if shown is None else shown
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
    if info.st_size > MAX_FILE_BYTES:
        raise DocumentFileTooBig(path=shown, size=megabytes(info.st_size))
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)  # a file still growing is cut, not read whole
    except OSError as exc:
        raise DocumentError(path=shown, reason=os_reason(exc)) from None
    if len(data) > MAX_FILE_BYTES:
        raise DocumentFileTooBig(path=shown, size=megabytes(len(data)))
    return pdf_bytes_text(data, shown)


def megabytes(size: int) -> str:
    """A file's size as a message shows it: `300 MB`, `20.5 MB`."""
    shown = f"{size / 1_000_000:.1f}".removesuffix(".0")
    return f"{shown} MB"


class DocumentNotRegular(DocumentNotAFile):
    """The path is a device or a pipe (/dev/null, a FIFO), not a file that holds a PDF."""

    key = "document.not_regular"


class DocumentTooBig(DocumentError):
    """The PDF's pages hold far more content or text than a constancia's (a decompression
    bomb, or a document of another kind): refused before reading it all."""

    key = "document.too_big"


class DocumentFileTooBig(DocumentTooBig):
    """The file weighs more than MAX_FILE_BYTES: refused by its size, never read."""

    key = "document.file_too_big"

    def __init__(self, *, path: str, size: str) -> None:
        super().__init__(path=path, size=size, limit=megabytes(MAX_FILE_BYTES))


class DocumentNoPages(DocumentNoText):
    """A PDF with no page at all: nothing to read, and no scan either."""

    key = "document.no_pages"


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
        with apply_configuration(**limits), _pypdf_unheard():
            text, pages = _text(data, shown, max_content)
    except LimitReachedError:
        log.debug("pypdf stopped at one of its limits")
        raise DocumentTooBig(path=shown) from None
    if len(text) > max_text:
        raise DocumentTooBig(path=shown)
    if pages == 0:
        raise DocumentNoPages(path=shown)
    if not text.strip():
        raise DocumentNoText(path=shown)
    log.debug("read %d page(s), %d characters of text", pages, len(text))
    return text


class _Counted(logging.Handler):
    """Counts the records it gets, and shows none."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@contextlib.contextmanager
def _pypdf_unheard() -> Iterator[None]:
    """pypdf's own log lines (`invalid pdf header: b'junk'`, under `-v`) kept from the
    terminal while it reads: English, and they may quote the file's bytes. How many there
    were is logged at debug, as its exceptions' types are."""
    pypdf_log = logging.getLogger("pypdf")
    counted = _Counted()
    propagate = pypdf_log.propagate
    pypdf_log.addHandler(counted)
    pypdf_log.propagate = False
    try:
        yield
    finally:
        pypdf_log.removeHandler(counted)
        pypdf_log.propagate = propagate
        if counted.count:
            log.debug("pypdf logged %d line(s) while reading (not shown)", counted.count)


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

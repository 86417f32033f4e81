"""The text of a PDF, through pypdf. Every way a file can fail to give text is a DocumentError
subclass whose message names the file (with any NSS or CURP in its name masked: the IMSS names
the constancia `comprobanteVigenciaDerechos<NSS>.pdf`)."""

from __future__ import annotations

import io
import logging
import re
import stat
from pathlib import Path

from pypdf import PasswordType, PdfReader

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

# A constancia has a page or two; reading stops here so a huge PDF cannot hold the reader.
MAX_PAGES = 20
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
    if not stat.S_ISREG(info.st_mode):
        raise DocumentNotAFile(path=shown)
    if info.st_size == 0:
        raise DocumentEmpty(path=shown)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(path=shown, reason=os_reason(exc)) from None
    return pdf_bytes_text(data, shown)


def pdf_bytes_text(data: bytes, shown: str = "PDF") -> str:
    """The text of a PDF held in memory; `shown` names it in errors."""
    if not data.strip():
        raise DocumentEmpty(path=shown)
    if b"%PDF-" not in data[:_HEADER_WINDOW]:
        raise DocumentNotPdf(path=shown)
    # pypdf raises many kinds of exception on a broken file (its own, ValueError, KeyError,
    # zlib and struct errors, RecursionError...). A file from outside is untrusted input: any
    # failure to parse it is "damaged", never a crash. Its messages may quote the file's bytes,
    # so only the exception's type is logged.
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
    except Exception as exc:
        log.debug("pypdf could not open the PDF: %s", type(exc).__name__)
        raise DocumentDamaged(path=shown) from None
    if reader.is_encrypted:
        try:
            # An owner password only restricts printing or copying: the empty user password
            # opens such a file, as any viewer does.
            opened = reader.decrypt("") != PasswordType.NOT_DECRYPTED
        except Exception as exc:
            log.debug("pypdf could not decrypt the PDF: %s", type(exc).__name__)
            opened = False
        if not opened:
            raise DocumentEncrypted(path=shown)
    try:
        pages = [page.extract_text() or "" for page in reader.pages[:MAX_PAGES]]
    except Exception as exc:
        log.debug("pypdf could not extract the text: %s", type(exc).__name__)
        raise DocumentDamaged(path=shown) from None
    text = "\n".join(pages)
    if not text.strip():
        raise DocumentNoText(path=shown)
    log.debug("read %d page(s), %d characters of text", len(pages), len(text))
    return text

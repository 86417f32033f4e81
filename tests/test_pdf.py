"""The text of a PDF, and every way a file fails to give one: each a typed error whose message
names the file, with an NSS or CURP in the file name masked. Real PDFs throughout."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from constancias import bomb_lines, bomb_pdf, bomb_string, image_only_pdf, text_pdf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader, PdfWriter

from autohelper.documents.pdf import DocumentTooBig, pdf_bytes_text, pdf_text, shown_path
from autohelper.errors import (
    DocumentDamaged,
    DocumentEmpty,
    DocumentEncrypted,
    DocumentError,
    DocumentNotAFile,
    DocumentNoText,
    DocumentNotFound,
    DocumentNotPdf,
)
from autohelper.mock.documents import MockPerson, constancia_pdf

NSS = MockPerson().nss


def _write(tmp_path: Path, data: bytes, name: str = "doc.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _encrypted(user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(constancia_pdf("vigente"))))
    writer.encrypt(user_password=user_password, owner_password="dueño-secreto")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_text_of_a_real_pdf_keeps_accents(tmp_path: Path) -> None:
    text = pdf_text(_write(tmp_path, constancia_pdf("vigente")))
    assert "Con derecho al servicio médico: SI" in text
    assert "INSTITUTO TECNOLÓGICO DE SONORA" in text
    assert NSS in text


@pytest.mark.parametrize(
    ("make", "error", "phrase"),
    [
        (lambda p: p / "missing.pdf", DocumentNotFound, "no existe ese archivo"),
        (lambda p: p, DocumentNotAFile, "no es un archivo"),
        (lambda p: _write(p, b""), DocumentEmpty, "el archivo está vacío"),
        (lambda p: _write(p, b"  \n\t "), DocumentEmpty, "el archivo está vacío"),
        (lambda p: _write(p, b"Hola, no soy un PDF."), DocumentNotPdf, "no es un PDF"),
        (lambda p: _write(p, b"\x89PNG\r\n\x1a\n" + b"\0" * 64), DocumentNotPdf, "no es un PDF"),
        (lambda p: _write(p, _encrypted("clave")), DocumentEncrypted, "pide una contraseña"),
        (lambda p: _write(p, image_only_pdf()), DocumentNoText, "no tiene texto"),
        (lambda p: _write(p, b"%PDF-1.7\n" + b"\x13garbage" * 200), DocumentDamaged, "dañado"),
        (
            lambda p: _write(p, constancia_pdf("vigente")[:900]),
            DocumentDamaged,
            "dañado o incompleto",
        ),
    ],
    ids=[
        "missing",
        "directory",
        "empty",
        "blank",
        "text",
        "png",
        "password",
        "image",
        "garbage",
        "truncated",
    ],  # fmt: skip
)
def test_each_unreadable_file_is_its_own_error_naming_the_file(
    tmp_path: Path, make: object, error: type[DocumentError], phrase: str
) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    with pytest.raises(error) as caught:
        pdf_text(path)
    message = caught.value.message("es")
    assert message.startswith(f"No pude leer {path}: ")
    assert phrase in message
    assert caught.value.message("en").startswith(f"I could not read {path}: ")


def test_an_owner_password_alone_does_not_stop_reading(tmp_path: Path) -> None:
    # Restrictions on printing or copying open with the empty user password, as in any viewer.
    text = pdf_text(_write(tmp_path, _encrypted("")))
    assert "Con derecho al servicio médico: SI" in text


def test_the_nss_in_a_file_name_is_masked_in_messages(tmp_path: Path) -> None:
    name = f"comprobanteVigenciaDerechos{NSS}.pdf"
    with pytest.raises(DocumentEmpty) as caught:
        pdf_text(_write(tmp_path, b"", name))
    message = caught.value.message("es")
    assert NSS not in message
    assert f"comprobanteVigenciaDerechos{NSS[:2]}…{NSS[-2:]}.pdf" in message


def test_shown_path_masks_curp_and_nss_only() -> None:
    shown = shown_path(f"/home/ana/HEGG560427MVZRRL04-{NSS}-2026.pdf")
    assert shown == f"/home/ana/HEGG…L04-{NSS[:2]}…{NSS[-2:]}-2026.pdf"
    assert shown_path("/tmp/constancia-20261123.pdf") == "/tmp/constancia-20261123.pdf"


def test_a_pdf_with_text_that_is_not_a_constancia_still_gives_its_text() -> None:
    assert "Lorem ipsum" in pdf_bytes_text(text_pdf("Lorem ipsum dolor sit amet."))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(min_size=0, max_size=2000))
def test_any_bytes_after_a_pdf_header_are_text_or_a_document_error(junk: bytes) -> None:
    with contextlib.suppress(DocumentError):
        pdf_bytes_text(b"%PDF-1.4\n" + junk)


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=1, max_value=100))
def test_a_truncated_constancia_is_text_or_a_document_error(percent: int) -> None:
    data = constancia_pdf("vigente")
    try:
        text = pdf_bytes_text(data[: len(data) * percent // 100])
    except DocumentError:
        return
    assert text.strip()


# -- PDFs far bigger than a constancia: refused, not read ------------------------------------------
@pytest.mark.parametrize(
    "data",
    [
        # a few pages, each one string that decompresses to 10 MB (the file: ~30 KB)
        pytest.param(bomb_pdf(bomb_string(10_000_000), pages=3), id="big-string"),
        # 20,000 short lines on each of two pages (1.2 MB of content each; the file: ~8 KB)
        pytest.param(bomb_pdf(bomb_lines(20_000), pages=2), id="many-lines"),
    ],
)
def test_a_pdf_whose_content_expands_far_beyond_a_constancia_is_refused(
    tmp_path: Path, data: bytes
) -> None:
    assert len(data) < 100_000
    with pytest.raises(DocumentTooBig) as raised:
        pdf_text(_write(tmp_path, data))
    assert "demasiado grande o complejo para ser una constancia" in raised.value.message("es")
    assert "too big or complex to be a constancia" in raised.value.message("en")


def test_the_limits_are_on_content_and_on_text() -> None:
    small = bomb_pdf(bomb_lines(100))
    assert "Registro patronal" in pdf_bytes_text(small)
    with pytest.raises(DocumentTooBig):
        pdf_bytes_text(small, max_content=1_000)  # its content: ~5.8 KB
    with pytest.raises(DocumentTooBig):
        pdf_bytes_text(small, max_text=1_000)  # its text: ~4.3 K characters
    # A constancia is far within both limits.
    assert "Con derecho" in pdf_bytes_text(constancia_pdf("vigente"))

"""The student's guided session in a real terminal (a pseudo-terminal): the CAPTCHA typed at
the prompt, the masked summary and the yes, the emailed link pasted, the NSS saved; and Ctrl-C,
which closes the browser and exits 130 having sent nothing."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest

from autohelper.journal import Journal
from autohelper.mock import MockPortal
from autohelper.mock.captcha import nss_for
from autohelper.profile import load_profile, update_profile

pytestmark = pytest.mark.browser
CURP = "HEGG560427MVZRRL04"
EMAIL = "estudiante.prueba@example.com"


@pytest.fixture
def short_tmp() -> Iterator[Path]:
    """Chromium's singleton socket path must stay short: a TMPDIR of our own, under /tmp."""
    path = Path(tempfile.mkdtemp(prefix="ah-", dir="/tmp"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def student_session(portal: MockPortal, tmp: Path) -> pexpect.spawn:
    # A person who already has an NSS (found): the emailed link leads to the final page.
    portal.configure(nss_found=True)
    address = {"postal_code": "91000", "street": "AVENIDA DE PRUEBA", "exterior_number": "123"}
    update_profile("default", {"curp": CURP, "email": EMAIL, **address})
    env = {**os.environ, "TMPDIR": str(tmp), "LANG": "es_MX.UTF-8", "COLUMNS": "200"}
    env.pop("DISPLAY", None)
    return pexpect.spawn(
        sys.executable,
        ["-m", "autohelper", "run", "imss-nss", "--against", portal.url, "--headless"],
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(50, 200),
    )


def current_captcha(portal: MockPortal) -> str:
    """What the image shows (the person reads it; the test asks the mock it runs in-process)."""
    with portal.state.lock:
        shown = list(portal.state.captchas.values())
    assert len(shown) == 1
    return str(shown[0])


def test_a_student_types_the_captcha_confirms_pastes_the_link_and_keeps_the_nss(
    portal: MockPortal, short_tmp: Path
) -> None:
    child = student_session(portal, short_tmp)
    child.expect("La imagen del CAPTCHA está en: (\\S+)")
    assert Path(child.match.group(1)).is_file()
    child.expect("Escribe los caracteres de la imagen")
    child.sendline(current_captcha(portal))
    child.expect("Esto es lo que se enviará:")
    child.expect("CURP: HEGG…L04")
    child.expect("¿Lo envío\\? \\[s/N\\]")
    assert portal.posts("asignacionNSS/valida") == 0  # nothing before the yes
    child.sendline("s")
    child.expect("Pégala aquí")
    [mail] = [m for m in portal.outbox if m["to"] == EMAIL]
    child.sendline(mail["links"][0])
    child.expect("Tu NSS: ")
    child.expect("¿Guardo «NSS» en tu perfil\\? \\[S/n\\]")
    child.sendline("sí")
    child.expect("Guardado en tu perfil")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert portal.posts("asignacionNSS/valida") == 1
    assert load_profile("default").nss == nss_for(CURP)
    assert CURP not in child.before and EMAIL not in child.before


def test_ctrl_c_at_the_captcha_closes_the_browser_and_sends_nothing(
    portal: MockPortal, short_tmp: Path
) -> None:
    child = student_session(portal, short_tmp)
    child.expect("Escribe los caracteres de la imagen")
    child.sendintr()
    child.expect("Cancelado. No se envió nada más.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130, child.before
    assert "Traceback" not in child.before
    assert "ERROR" not in child.before  # no noise from the browser's driver after ours
    assert portal.posts("asignacionNSS/valida") == 0
    # Playwright removes the browser's profile folder only when the browser was closed.
    assert not list(short_tmp.glob("playwright*"))
    assert [run.status for run in Journal().runs()] == ["interrupted"]

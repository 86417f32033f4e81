"""A student's session in a pseudo-terminal (pexpect), against the test's own mock portal: what
the terminal tests and the bad-input tests of prompts after a send share."""

from __future__ import annotations

import os
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode

import pexpect
from support import as_at_a_shell

from autohelper.mock import MockPortal
from autohelper.mock.imss import Confirmation
from autohelper.profile import update_profile

CURP = "HEGG560427MVZRRL04"
EMAIL = "estudiante.prueba@example.com"


def own_profile() -> None:
    """The student's own default profile: what the NSS scenario needs."""
    address = {"postal_code": "91000", "street": "AVENIDA DE PRUEBA", "exterior_number": "123"}
    update_profile("default", {"curp": CURP, "email": EMAIL, **address})


def student_session(
    portal: MockPortal, tmp: Path, args: list[str] | None = None, lang: str | None = None
) -> pexpect.spawn:
    """`autohelper run imss-nss --against <the mock> --headless` (or `run ARGS`) in a
    pseudo-terminal, for a student whose own profile has a CURP and an email. The first call
    sets the mock up; a second one (a resumed run) keeps its state."""
    if args is None:
        # A person who already has an NSS (found): the emailed link leads to the final page.
        portal.configure(nss_found=True)
        own_profile()
        args = ["imss-nss", "--against", portal.url, "--headless"]
    env = {**os.environ, "TMPDIR": str(tmp), "LANG": "es_MX.UTF-8", "COLUMNS": "200"}
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    return pexpect.spawn(
        sys.executable,
        ["-m", "autohelper", *(["--lang", lang] if lang else []), "run", *args],
        env=env,
        encoding="utf-8",
        preexec_fn=as_at_a_shell,
        timeout=90,  # a bound, not a wait: a loaded CI machine starts Chromium slowly
        dimensions=(50, 200),
    )


def reading_the_terminal(child: pexpect.spawn, within: float = 30.0) -> None:
    """Wait until the child's main thread sleeps in a read of its terminal (fd 0, as
    /proc/PID/syscall shows it). A Ctrl-C sent after the prompt is printed but before that
    read begins is noted by Python and acted on only at the next wake-up, which never comes:
    a race no person can hit, but a test on a loaded machine can."""
    path = Path(f"/proc/{child.pid}/syscall")
    if not path.exists():  # not Linux: the race stays possible, and rare
        return
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        fields = path.read_text().split()
        if len(fields) > 1 and fields[1] == "0x0" and fields[0] != "running":
            return
        time.sleep(0.01)
    raise AssertionError("the child never came to wait at its terminal")


def expired_link(portal: MockPortal) -> str:
    """A link the mock issued yesterday for this person: "Token expirado" today."""
    site = portal.site("imss")
    token = "ayer-" + "x" * 20
    with portal.state.lock:
        tokens: dict[str, Confirmation] = site.tokens  # type: ignore[attr-defined]
        tokens[token] = Confirmation(CURP, EMAIL, issued=date.today() - timedelta(days=1))
    query = urlencode({"token": token, "curp": CURP, "correo": EMAIL})
    return f"https://serviciosdigitales.imss.gob.mx/gestionAsegurados-web-externo/confirmacionUrl?{query}"


def current_captcha(portal: MockPortal) -> str:
    """What the image shows (the person reads it; the test asks the mock it runs in-process)."""
    with portal.state.lock:
        shown = list(portal.state.captchas.values())
    assert len(shown) == 1
    return str(shown[0])


def send_to_the_link_step(child: pexpect.spawn, portal: MockPortal) -> None:
    """The CAPTCHA typed, the summary confirmed: the request goes out; the link is asked for."""
    child.expect("Escribe los caracteres de la imagen")
    child.sendline(current_captcha(portal))
    child.expect("¿Lo envío\\? \\[s/N\\]")
    child.sendline("s")
    child.expect("pégala aquí \\(escribe «salir» para dejarla para después\\)")


def the_link(portal: MockPortal) -> str:
    [mail] = [m for m in portal.outbox if m["to"] == EMAIL]
    return str(mail["links"][0])

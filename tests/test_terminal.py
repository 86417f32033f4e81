"""The student's guided session in a real terminal (a pseudo-terminal): the CAPTCHA typed at
the prompt, the masked summary and the yes, the emailed link pasted, the NSS saved; and Ctrl-C,
which closes the browser and exits 130 having sent nothing."""

from __future__ import annotations

import io
import os
import signal
import sys
from pathlib import Path

import pexpect
import pytest
from support import as_at_a_shell
from terminal_session import (
    CURP,
    EMAIL,
    current_captcha,
    expired_link,
    reading_the_terminal,
    send_to_the_link_step,
    student_session,
    the_link,
)

from autohelper.journal import Journal
from autohelper.mock import MockPortal
from autohelper.mock.captcha import nss_for
from autohelper.profile import load_profile

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[1]


def test_a_student_types_the_captcha_confirms_pastes_the_link_and_sees_the_nss(
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
    child.expect("pégala aquí")
    [mail] = [m for m in portal.outbox if m["to"] == EMAIL]
    child.sendline(mail["links"][0])
    child.expect("Tu NSS: ")
    # A mirror's NSS is not the student's: said, never offered for the profile.
    child.expect("Estos datos \\(NSS\\) vienen del espejo \\S+, no del portal real: no los")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "¿Guardo" not in child.before
    assert portal.posts("asignacionNSS/valida") == 1
    assert load_profile("default").nss is None
    assert CURP not in child.before and EMAIL not in child.before


def threads_that_take_ctrl_c(pid: int) -> list[str]:
    """The threads of process `pid` that do not block SIGINT (Linux's /proc)."""
    taking = []
    for task in sorted(Path(f"/proc/{pid}/task").iterdir()):
        status = dict(
            line.split(":\t", 1)
            for line in (task / "status").read_text().splitlines()
            if ":\t" in line
        )
        if not int(status["SigBlk"], 16) & (1 << (signal.SIGINT - 1)):
            taking.append(task.name)
    return taking


def _chromium_under(folder: Path) -> list[str]:
    """The command lines of Chromium processes still running with their profile in `folder`."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            line = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if str(folder) in line and "chrom" in line.lower():
            found.append(line[:200])
    return found


def cancel(child: pexpect.spawn, at_a_prompt: bool = True) -> None:
    """Ctrl-C (at a prompt: once the child waits there), then what a person sees: cancelled,
    nothing more sent, exit 130, no traceback."""
    if at_a_prompt:
        reading_the_terminal(child)
    child.sendintr()
    child.expect("Cancelado. Desde aquí no se envió nada.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130, child.before
    assert "Traceback" not in child.before


def test_ctrl_c_at_the_captcha_closes_the_browser_and_sends_nothing(
    portal: MockPortal, short_tmp: Path
) -> None:
    child = student_session(portal, short_tmp)
    child.expect("Escribe los caracteres de la imagen")
    if Path("/proc/self/task").is_dir():
        # The main thread alone may take Ctrl-C (the kernel hands it to any thread that does
        # not block it; the main thread, reading the terminal, would then never wake up).
        assert threads_that_take_ctrl_c(child.pid) == [str(child.pid)]
    cancel(child)
    assert "ERROR" not in child.before  # no noise from the browser's driver after ours
    assert portal.posts("asignacionNSS/valida") == 0
    # Playwright removes the browser's profile folder only when the browser was closed.
    assert not list(short_tmp.glob("playwright*"))
    assert [run.status for run in Journal().runs()] == ["interrupted"]


@pytest.mark.parametrize("workers", [("--workers", "1"), ()], ids=["in-process", "default"])
def test_ctrl_c_during_qa_cases_stops_them_closes_the_browser_and_exits_130(
    short_tmp: Path, tmp_path: Path, workers: tuple[str, ...]
) -> None:
    """`qa` runs its cases with pytest in its own process (one worker) or in worker processes
    (the default on two CPUs): pytest takes the Ctrl-C first, and the command still ends as an
    interrupted one, its browsers closed."""
    cases = tmp_path / "qa"
    cases.mkdir()
    (cases / "cases.yaml").write_text(
        "scenario: imss-nss\ncases:\n"
        + "".join(
            f"  - {{id: found-{n}, mock: {{nss_found: true}}, expect: success}}\n" for n in range(3)
        ),
        encoding="utf-8",
    )
    env = {**os.environ, "TMPDIR": str(short_tmp), "COLUMNS": "200"}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "autohelper", "qa", "--all", "--against", "fixtures", "--cases", str(cases)]
        + list(workers),
        env=env,
        encoding="utf-8",
        preexec_fn=as_at_a_shell,
        timeout=90,
    )
    child.expect("✔ imss-nss/found-")  # the first case is done, the next one under way
    cancel(child, at_a_prompt=False)
    assert "3 como se esperaba" not in child.before
    # The browser was closed: no profile folder of a Chromium left. A worker process stopped
    # mid-case may leave the driver's empty tracing folder (nothing in it): not a browser.
    left = [p for p in short_tmp.glob("playwright*") if not p.name.startswith("playwright-tracing")]
    assert not left, left
    tracing = [p for p in short_tmp.glob("playwright-tracing*") if any(p.iterdir())]
    assert not tracing
    if workers:  # in one process, the run's own cleanup: nothing of Playwright's left at all
        assert not list(short_tmp.glob("playwright*"))
    assert not _chromium_under(short_tmp)


def test_at_the_link_a_wrong_text_an_empty_line_and_an_expired_link_are_asked_again(
    portal: MockPortal, short_tmp: Path
) -> None:
    child = student_session(portal, short_tmp)
    send_to_the_link_step(child, portal)
    child.sendline("ya lo abrí")
    child.expect("Esa no es la liga \\(la del correo del portal contiene «confirmacionUrl»\\); ")
    child.expect("pégala otra vez o escribe «salir».")
    child.sendline("")
    child.expect("No escribiste nada. Pega la liga del correo, o escribe «salir».")
    child.sendline(expired_link(portal))
    child.expect("El IMSS dice «Token expirado»: esa liga venció")
    child.expect("Cópiala de tu correo y pégala aquí")
    child.sendline(the_link(portal))
    child.expect("Tu NSS: (\\d{11})")
    assert child.match.group(1) == nss_for(CURP)  # in full, to its owner, on the terminal only
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert portal.posts("asignacionNSS/valida") == 1
    [run] = Journal().runs()
    assert nss_for(CURP) not in str(run.yields)


def test_a_run_cut_short_after_its_send_is_resumed_at_the_link_without_a_second_send(
    portal: MockPortal, short_tmp: Path
) -> None:
    child = student_session(portal, short_tmp)
    send_to_the_link_step(child, portal)
    reading_the_terminal(child)
    child.sendintr()  # Ctrl-C: the person went to look for the email
    child.expect(
        "Tu solicitud de hoy a las \\d\\d:\\d\\d ya se envió. Para retomarla en el paso de la "
        "liga, sin enviarla de nuevo: (autohelper run imss-nss --against \\S+ --resume)"
    )
    assert child.match.group(1) == f"autohelper run imss-nss --against {portal.url} --resume"
    child.expect("Cancelado. Desde aquí no se envió nada.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130

    # The next run offers to take it up (the same as --resume).
    again = student_session(portal, short_tmp, ["imss-nss", "--against", portal.url, "--headless"])
    again.expect(
        "Hoy a las \\d\\d:\\d\\d enviaste esta solicitud y falta abrir la liga del correo. "
        "¿La retomo ahí, sin enviar nada de nuevo\\? \\[S/n\\]"
    )
    again.sendline("")
    again.expect("Retomo la solicitud que enviaste hoy a las \\d\\d:\\d\\d, en el paso de la liga")
    again.expect("Paso 17/29: Abrir la liga de confirmación que llegó a tu correo")
    again.expect("pégala aquí")
    again.sendline(the_link(portal))
    again.expect("Tu NSS: ")
    again.expect(pexpect.EOF)
    again.close()
    assert again.exitstatus == 0, again.before
    assert portal.posts("asignacionNSS/valida") == 1
    assert load_profile("default").nss is None  # a mirror's NSS: never saved
    first, resumed = Journal().runs()
    assert (first.status, resumed.status, resumed.resumes) == ("interrupted", "success", first.id)
    assert Journal().submits(resumed.id) == []


def test_make_demo_is_finished_with_only_what_the_terminal_shows(short_tmp: Path) -> None:
    """Anyone can finish the demo: no display, no mock port, no oracle; the CAPTCHA's text and
    the mock's email (with its link) are read off the terminal, as a person would."""
    env = {**os.environ, "TMPDIR": str(short_tmp), "LANG": "es_MX.UTF-8", "COLUMNS": "200"}
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    child = pexpect.spawn(
        "make",
        ["demo"],
        cwd=str(ROOT),
        env=env,
        encoding="utf-8",
        preexec_fn=as_at_a_shell,
        timeout=60,
        dimensions=(50, 200),
    )
    transcript = io.StringIO()
    child.logfile_read = transcript
    child.expect(
        "Perfil: perfil de prueba \\(datos inventados\\). Destino: el portal simulado incluido "
        "\\(nada sale de tu computadora\\)."
    )
    child.expect("Práctica con el portal simulado, sin pantalla para ver la imagen: dice «(\\w+)»")
    captcha = child.match.group(1)
    child.expect("Escribe los caracteres de la imagen")
    child.sendline(captcha)
    child.expect("¿Lo envío\\? \\[s/N\\]")
    child.sendline("s")
    child.expect("Correo recibido \\(portal simulado: con el real llega a tu buzón\\):")
    child.expect("Para: e…@example.com")
    child.expect("(https://\\S+/confirmacionUrl\\?\\S+)")
    link = child.match.group(1)
    child.expect("Copia su liga y pégala aquí")
    child.sendline(link)
    # The mock's default person has no NSS yet: the address step, a colonia, a second yes.
    child.expect("Escribe el número de tu opción")
    child.sendline("1")
    child.expect("¿Lo envío\\? \\[s/N\\]")
    child.sendline("s")
    child.expect("Tu NSS: \\d{11}")
    # «Listo. El IMSS te asignó tu NSS»: practice, said as such (a student copied it down).
    child.expect("Esto fue una práctica con el portal simulado: nada de esto es real")
    child.expect("Para hacerlo de verdad: autohelper run imss-nss")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, transcript.getvalue()
    assert "127.0.0.1" not in transcript.getvalue()  # the mock's address is never needed

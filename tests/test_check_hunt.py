"""Findings of a hunt around `autohelper check` and the words of a run that cannot go on: a
sign-in over several pages, a mirror without a page, a redirect loop, a bad certificate, and
the next step's command after a run against a mirror."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page
from support import LAB, engine_run, lab_scenario
from test_cli import autohelper_cmd

from autohelper.engine import RunResult
from autohelper.mock import MockPortal

GONE = f"""\
  - goto: {LAB}/no-such-page
    description: Abrir la página
  - expect: {{text: Hola}}
    description: Ver la página
"""


def _english(result: RunResult) -> str:
    assert result.error is not None
    return result.error.message("en")


BEYOND_ES = "no se revisa: va en la página que abre el paso 4"
BEYOND_EN = "not checked: it is on the page step 4 opens"


# -- 1. check: the steps past a click that leaves the page are not judged on the wrong page ----
@pytest.mark.browser
def test_check_of_a_sign_in_over_several_pages_does_not_call_the_later_pages_changed() -> None:
    result = autohelper_cmd("check", "itson-solicitud", "--against", "fixtures")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "  ✔ 4. Entrar con tu ID" in lines
    assert (
        f"  · 6. Escribir tu ID ITSON en la página de inicio de sesión — {BEYOND_ES} "
        "(la revisión no escribe ni envía nada para llegar ahí)"
    ) in lines
    assert "CAMBIÓ" not in result.stdout
    # Only what can be seen without signing in was looked at: not «the portal matches».
    assert lines[-1] == (
        "  Sin cambios en lo que se puede ver sin enviar nada, hasta el paso 4; lo que sigue "
        "(pasos 5 a 22) no se revisó: va tras un envío o un inicio de sesión que la revisión "
        "no hace."
    )

    english = autohelper_cmd("--lang", "en", "check", "itson-solicitud", "--against", "fixtures")
    assert english.exit_code == 0, english.output
    assert f"  · 7. Type your CIA password — {BEYOND_EN}" in english.stdout
    assert "CHANGED" not in english.stdout


# -- 2. a 404 at a goto: a mirror without the page, or (live) a page gone ----------------------
@pytest.mark.browser
def test_a_404_at_a_goto_against_a_mirror_names_the_target_not_a_changed_portal(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    result = engine_run(page, lab_scenario(tmp_path, GONE), tmp_path, live=False)
    assert result.status == "error"
    assert result.message.startswith(
        "El destino de --against respondió 404 (no tiene esa página) al abrir "
        f"{LAB}/no-such-page en el paso «Abrir la página»."
    )
    assert "revisa su dirección y su prefijo de ruta" in result.message
    assert "<espejo>/lab.autohelper.test/no-such-page" in result.message
    assert "El portal cambió" not in result.message
    assert "respondió 404" not in _english(result)
    assert "check its address and its path prefix" in _english(result)


@pytest.mark.browser
def test_a_404_at_a_goto_on_the_live_portal_says_the_page_is_gone(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    result = engine_run(page, lab_scenario(tmp_path, GONE), tmp_path, live=True)
    assert result.status == "error"
    assert result.message.startswith(
        "La página del paso «Abrir la página» ya no existe: el portal respondió 404 en "
        f"{LAB}/no-such-page. El portal cambió;"
    )
    english = _english(result)
    assert english.startswith("The page of step “Abrir la página” no longer exists")


@pytest.mark.browser
def test_a_mirror_with_a_wrong_path_prefix_is_said_in_english_with_exit_1(
    portal: MockPortal,
) -> None:
    result = autohelper_cmd(
        "--lang", "en", "qa", "imss-nss", "--single", "--against", f"{portal.url}/wrong",
        "--timeout", "2",
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    assert "The --against target answered 404 (it has no such page)" in result.output
    assert "<mirror>/www.imss.gob.mx/tramites/imss02008" in result.output
    assert "The portal changed" not in result.output
    assert "Traceback" not in result.output


@pytest.mark.browser
def test_check_against_a_mirror_without_the_page_could_not_reach_it(portal: MockPortal) -> None:
    check = ["check", "imss-nss", "--against", f"{portal.url}/wrong", "--timeout", "2", "--json"]
    result = autohelper_cmd(*check)
    assert result.exit_code == 2, result.output
    (walk,) = json.loads(result.stdout)["walks"]
    assert walk["status"] == "unreachable"
    assert walk["message"].startswith("El destino de --against respondió 404")


# -- 3. a redirect loop, a TLS failure: not "no internet" ---------------------------------------
LOOP = f"""\
  - goto: {LAB}/loop
    description: Abrir la página
"""


class _Loop(BaseHTTPRequestHandler):
    """A mirror whose every page redirects to itself."""

    def do_GET(self) -> None:
        self.send_response(302)
        self.send_header("Location", self.path)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


@pytest.fixture
def looping_mirror() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Loop)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.browser
def test_a_redirect_loop_is_said_as_such_not_as_no_internet(looping_mirror: str) -> None:
    run = ["qa", "imss-nss", "--single", "--against", looping_mirror, "--timeout", "2"]
    result = autohelper_cmd(*run)
    assert result.exit_code == 1, result.output
    assert (
        "El espejo (o el portal simulado) manda al navegador en un ciclo de redirecciones en "
        "el paso «Abrir la página del trámite IMSS-02-008 en imss.gob.mx»"
    ) in result.output
    assert "sin internet" not in result.output
    english = autohelper_cmd("--lang", "en", *run)
    assert english.exit_code == 1, english.output
    assert "The mirror (or the mock portal) sends the browser round a loop of redirects" in (
        english.output
    )
    assert "no internet" not in english.output


def test_a_redirect_loop_on_the_live_portal_blames_the_portal_not_the_connection() -> None:
    from autohelper.engine.runner import network_stop
    from autohelper.messages import t

    error = "net::ERR_TOO_MANY_REDIRECTS at https://www.itson.mx/cia"
    key = network_stop(error, live=True)
    assert key is not None
    words = {"step": "Abrir", "url": "https://www.itson.mx/cia", "screenshot": "s.png"}
    assert t(key, "es", **words).startswith(
        "El portal manda al navegador en un ciclo de redirecciones en el paso «Abrir»"
    )
    assert "No es tu conexión" in t(key, "es", **words)
    assert t(key, "en", **words).startswith("The portal sends the browser round a loop")


@pytest.mark.browser
def test_a_bad_certificate_is_a_tls_problem_not_no_internet(
    page: Page, portal: MockPortal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(url: str, **_: object) -> None:
        raise PlaywrightError(f"net::ERR_CERT_AUTHORITY_INVALID at {url}")

    monkeypatch.setattr(page, "goto", refused)
    result = engine_run(page, lab_scenario(tmp_path, LOOP), tmp_path, live=True)
    assert result.status == "error"
    assert result.message.startswith(
        "La conexión segura (HTTPS) falló en el paso «Abrir la página»: "
        "net::ERR_CERT_AUTHORITY_INVALID"
    )
    assert "No es falta de internet" in result.message
    english = _english(result)
    assert english.startswith("The secure (HTTPS) connection failed")


def test_a_refused_connection_is_still_a_network_problem(
    page: Page, portal: MockPortal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(url: str, **_: object) -> None:
        raise PlaywrightError(f"net::ERR_CONNECTION_REFUSED at {url}")

    monkeypatch.setattr(page, "goto", refused)
    result = engine_run(page, lab_scenario(tmp_path, LOOP), tmp_path, live=True)
    assert result.message.startswith("No pude llegar al portal en el paso «Abrir la página»")


# -- 4. after a run against a mirror: the next command goes to the real portal, said plainly ----
def test_after_a_mirror_run_the_next_step_says_it_is_on_the_real_portal() -> None:
    from autohelper import messages
    from autohelper.cli.status import next_after_run
    from autohelper.profile import update_profile

    update_profile(
        "default",
        {
            "curp": "HEGG560427MVZRRL04",
            "institution": "itson",
            "nss": "67905612346",
            "has_other_insurance": "false",
        },
    )
    mirror = "http://127.0.0.1:8000/espejo"
    lines = next_after_run(None, mirror)
    note = next(i for i, line in enumerate(lines) if "practicaste" in line)
    assert lines[note] == (
        f"Esta vez practicaste contra el espejo {mirror}: el comando de abajo y autohelper next "
        f"van al portal real. Para seguir practicando, añade --against {mirror}."
    )
    assert lines[note + 1].startswith("Lo que sigue: ")
    assert "  Comando: autohelper run itson-solicitud" in lines
    assert not any("practi" in line for line in next_after_run(None, "live"))
    messages.set_lang("en")
    english = next_after_run(None, mirror)
    assert f"This time you practised against the mirror {mirror}" in "\n".join(english)


@pytest.mark.parametrize(
    "key",
    ["run.slow", "run.page_not_loaded_mirror", "run.target_not_found", "run.tls", "run.network"],
)
def test_a_page_that_never_came_is_a_portal_not_reached_never_a_changed_one(key: str) -> None:
    """A mirror that takes the connection and never answers stopped the walk as «no terminó
    de cargar a tiempo», and `check` called that a change (exit 1): a page that never came says
    nothing of the portal's pages (exit 2, `unreachable`)."""
    from autohelper.qa.check import UNREACHABLE
    from autohelper.qa.expect import _BY_KEY

    assert _BY_KEY[key] in UNREACHABLE

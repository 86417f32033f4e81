"""Findings of QA's drift round (drift4) on `autohelper check`: a missing click in the form's
region, a walk that ends before the scenario's own send, page text with someone's data, a new
required field without its page, and input errors read by CI as a changed portal."""

from __future__ import annotations

import json
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from test_cli import autohelper_cmd

from autohelper.privacy import mask_shapes

CURP = "HEGG560427MVZRRL04"
NSS = "12345678903"
PHONE = "6441234567"
EMAIL = "laura.prueba@example.com"
BEYOND_ES = (
    "no se revisa: va en la página que abre el paso 3 (la revisión no escribe ni envía nada "
    "para llegar ahí)"
)


def _scenario(tmp_path: Path, name: str, steps: str, header: str = "") -> Path:
    """A scenario of our own on the lab's host (`portal: lab`), as a file `check` is given."""
    path = tmp_path / f"{name}.yaml"
    text = (
        f"id: {name}\ntitle: Laboratorio\nportal: lab\n"
        "needs:\n  profile: [student_id]\n  secrets: [lab_password]\n"
        f"{header}steps:\n{steps}"
    )
    path.write_text(text, encoding="utf-8")
    return path


# -- D4: a missing click in the form's region ends what can be seen -----------------------------
# The lab's entry page (the bundled mock) has #txtID and #btnEntrar: the scenario's button is
# another one, as when ITSON's apps9 lost #btnConexionTrayectorias.
MISSING_CLICK = """\
  - goto: https://lab.autohelper.test/entry
    description: Abrir la entrada
  - fill: {css: "#txtID"}
    value: "{profile.student_id}"
    description: Escribir tu ID
  - click: {css: "#btnConexion"}
    description: Entrar con tu ID
  - click: {role: link, name: Continuar}
    optional: true
    description: Pasar el aviso
  - fill: {css: "#userid"}
    value: "{profile.student_id}"
    description: Escribir tu ID otra vez
  - fill: {css: "#pwd"}
    value: "{secret.lab_password}"
    description: Escribir tu contraseña
  - confirm: [{label: ID, value: "{profile.student_id}"}]
    description: Confirmar el inicio de sesión
  - submit: {role: button, name: Iniciar Sesión}
    description: Iniciar sesión
"""


@pytest.mark.browser
def test_a_missing_click_is_changed_and_the_steps_of_the_page_it_opened_are_not_checked(
    tmp_path: Path,
) -> None:
    scenario = str(_scenario(tmp_path, "lab-click", MISSING_CLICK))
    result = autohelper_cmd("check", scenario, "--against", "fixtures", "--timeout", "2")
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert "  ✘ 3. Entrar con tu ID — CAMBIÓ" in lines
    assert "      no encontré css='#btnConexion'" in lines
    for number, words in [
        (4, "Pasar el aviso"),
        (5, "Escribir tu ID otra vez"),
        (6, "Escribir tu contraseña"),
        (7, "Confirmar el inicio de sesión"),
        (8, "Iniciar sesión"),
    ]:
        assert f"  · {number}. {words} — {BEYOND_ES}" in lines, result.stdout
    # The entry page's address is said once, for the step that is not there, never for the
    # sign-in page's fields the walk never reached.
    assert result.stdout.count("página: https://lab.autohelper.test/entry") == 1, result.stdout
    assert "#userid" not in result.stdout and "#pwd" not in result.stdout
    assert lines[-1] == "  El portal cambió: el escenario necesita actualizarse."

    english = autohelper_cmd(
        "--lang", "en", "check", scenario, "--against", "fixtures", "--timeout", "2", "--json"
    )  # fmt: skip
    assert english.exit_code == 1, english.output
    (walk,) = json.loads(english.stdout)["walks"]
    statuses = [(step["index"], step["status"]) for step in walk["steps"]]
    assert statuses == [(0, "ok"), (1, "ok"), (2, "changed")] + [
        (index, "not_checked") for index in range(3, 8)
    ]
    for step in walk["steps"][3:]:
        assert step["detail"].startswith("not checked: it is on the page step 3 opens"), step
        assert (step["url"], step["locator"], step["offers"]) == ("", "", [])
    assert (walk["complete"], walk["seen_until"]) == (False, 2)


# -- D9: a walk that ends before the scenario's own send says how far it looked ----------------
@pytest.mark.browser
def test_a_walk_that_stops_before_the_sign_in_does_not_say_the_portal_matches() -> None:
    result = autohelper_cmd("check", "itson-solicitud", "--against", "fixtures")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "coincide con el escenario" not in result.stdout
    assert lines[-1] == (
        "  Sin cambios en lo que se puede ver sin enviar nada, hasta el paso 4; lo que sigue "
        "(pasos 5 a 22) no se revisó: va tras un envío o un inicio de sesión que la revisión no "
        "hace."
    )

    # In JSON too; a walk that reaches its own send (imss-nss) is complete and says so.
    both = ["check", "itson-solicitud", "imss-nss", "--against", "fixtures", "--json"]
    english = autohelper_cmd("--lang", "en", *both)
    assert english.exit_code == 0, english.output
    document = json.loads(english.stdout)
    assert (document["status"], document["exit_code"]) == ("ok", 0)
    itson, nss = document["walks"]
    assert (itson["status"], itson["complete"], itson["seen_until"]) == ("ok", False, 3)
    assert (nss["status"], nss["complete"]) == ("ok", True)
    assert nss["seen_until"] == nss["steps"][-1]["index"] == 13
    text = autohelper_cmd("--lang", "en", *both[:-1])
    assert text.exit_code == 0, text.output
    assert (
        "  No change in what can be seen without sending anything, up to step 4; what follows "
        "(steps 5 to 22) was not checked: it comes after a send or a sign-in the walk does not "
        "make."
    ) in text.stdout.splitlines()
    assert text.stdout.splitlines()[-1] == "  No change: the portal matches the scenario."


SIGN_IN_FIRST = """\
  - goto: https://lab.autohelper.test/login
    description: Abrir el inicio de sesión
  - fill: {css: "#userid"}
    id: sign-in
    value: "{profile.student_id}"
    description: Escribir tu ID
  - fill: {css: "#pwd"}
    value: "{secret.lab_password}"
    description: Escribir tu contraseña
  - confirm: [{label: ID, value: "{profile.student_id}"}]
    description: Confirmar el inicio de sesión
  - submit: {role: button, name: Iniciar Sesión}
    id: sign-in-send
    description: Iniciar sesión
  - outcome:
      - {when: {role: link, name: Formulario}, result: continue}
    description: Ver la página de inicio
  - click: {role: link, name: Formulario}
    description: Abrir el formulario
  - expect: {css: "#curp"}
    description: Ver el formulario
"""


@pytest.mark.browser
def test_a_walk_that_reaches_only_the_sign_in_send_does_not_say_the_portal_matches(
    tmp_path: Path,
) -> None:
    header = 'sign_in: {first: sign-in, last: sign-in-send, expired: {css: "#pwd"}}\n'
    path = _scenario(tmp_path, "lab-sign-in", SIGN_IN_FIRST, header)
    result = autohelper_cmd("--lang", "en", "check", str(path), "--against", "fixtures")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "  ✔ 5. Iniciar sesión" in lines
    assert lines[-1] == (
        "  No change in what can be seen without sending anything, up to step 5; what follows "
        "(steps 6 to 8) was not checked: it comes after a send or a sign-in the walk does not "
        "make."
    )


# -- D10 and D6: page text with someone's data; a new required field's page ----------------------
SESSION_PAGE = f"""<!DOCTYPE html>
<html lang="es"><head><meta charset="utf-8"><title>Entrada</title></head><body>
<h1>Bienvenida de nuevo</h1>
<button type="button">Continuar como {CURP}</button>
<a href="/nss">Tu NSS {NSS}</a>
<a href="/correo">Sesión de {EMAIL}</a>
</body></html>"""
FORM_PAGE = f"""<!DOCTYPE html>
<html lang="es"><head><meta charset="utf-8"><title>Formulario</title></head><body>
<form method="post" action="/form">
  <label for="txtID">ID</label><input id="txtID" name="id" type="text">
  <label for="curpGuardada">CURP registrada {CURP}</label>
  <input id="curpGuardada" name="curpGuardada" type="text">
  <label for="correoGuardado">Correo {EMAIL}</label>
  <input id="correoGuardado" name="correoGuardado" type="text">
  <label for="nssConfirma">*Confirma el NSS {NSS}</label>
  <input id="nssConfirma" name="nssConfirma" type="text">
  <label for="telefono">Teléfono {PHONE}</label>
  <input id="telefono" name="telefono" type="tel" required>
  <button type="submit">Enviar</button>
</form>
</body></html>"""
PAGES = {"/lab.autohelper.test/session": SESSION_PAGE, "/lab.autohelper.test/form": FORM_PAGE}


class _Mirror(BaseHTTPRequestHandler):
    """A mirror of the lab's host serving `PAGES` (the mirror contract: `/<host>/<path>`)."""

    def do_GET(self) -> None:
        page = PAGES.get(self.path.split("?")[0])
        body = (page or "no").encode("utf-8")
        self.send_response(200 if page else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


@pytest.fixture
def mirror() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Mirror)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


# A read-only step whose button is gone (what the page offers comes from its accessibility
# snapshot), and a form whose field is gone (what it offers comes from its fields).
SESSION_STEPS = """\
  - goto: https://lab.autohelper.test/session
    description: Abrir la entrada
  - click: {role: button, name: Entrar}
    description: Entrar
"""
FORM_STEPS = """\
  - goto: https://lab.autohelper.test/form
    description: Abrir el formulario
  - fill: {css: "#txtID"}
    value: "{profile.student_id}"
    description: Escribir tu ID
  - fill: {css: "#curp"}
    value: "{profile.student_id}"
    description: Escribir tu CURP
  - confirm: [{label: ID, value: "{profile.student_id}"}]
    description: Confirmar
  - submit: {role: button, name: Enviar}
    description: Enviar
"""


@pytest.mark.browser
def test_what_the_page_offers_and_a_new_required_field_are_masked(
    tmp_path: Path, mirror: str
) -> None:
    paths = [
        str(_scenario(tmp_path, "lab-session", SESSION_STEPS)),
        str(_scenario(tmp_path, "lab-form", FORM_STEPS)),
    ]
    check = ["check", *paths, "--against", mirror, "--timeout", "2"]
    text = autohelper_cmd(*check)
    as_json = autohelper_cmd("--lang", "en", *check, "--json")
    for result in (text, as_json):
        assert result.exit_code == 1, result.output
        for raw in (CURP, NSS, PHONE, EMAIL):
            assert raw not in result.output, (raw, result.output)
    session, form = json.loads(as_json.stdout)["walks"]
    (offered,) = [step["offers"] for step in session["steps"] if step["offers"]]
    assert set(offered) >= {
        'button "Continuar como HEGG…L04"',
        'link "Tu NSS 12…03"',
        'link "Sesión de l…@example.com"',
    }, offered
    (fields,) = [step["offers"] for step in form["steps"] if step["offers"]]
    assert "“CURP registrada HEGG…L04” text#curpGuardada name=curpGuardada" in fields, fields
    assert "“Correo l…@example.com” text#correoGuardado name=correoGuardado" in fields, fields
    shown = set(fields) | set(form["new_required_fields"])
    assert "“*Confirma el NSS 12…03” text#nssConfirma name=nssConfirma" in shown, shown
    assert "“Teléfono 64…67” tel#telefono name=telefono" in shown, shown
    assert 'button "Continuar como HEGG…L04"' in text.stdout


NEW_REQUIRED_STEPS = """\
  - goto: https://lab.autohelper.test/form
    description: Abrir el formulario
  - fill: {css: "#txtID"}
    value: "{profile.student_id}"
    description: Escribir tu ID
  - fill: {css: "#curpGuardada"}
    value: "{profile.student_id}"
    description: Escribir tu CURP
  - fill: {css: "#correoGuardado"}
    value: "{profile.student_id}"
    description: Escribir tu correo
  - fill: {css: "#nssConfirma"}
    value: "{profile.student_id}"
    description: Escribir tu NSS
  - confirm: [{label: ID, value: "{profile.student_id}"}]
    description: Confirmar
  - submit: {role: button, name: Enviar}
    description: Enviar
"""


@pytest.mark.browser
def test_a_new_required_field_names_its_page_and_the_steps_of_its_form(
    tmp_path: Path, mirror: str
) -> None:
    path = str(_scenario(tmp_path, "lab-required", NEW_REQUIRED_STEPS))
    check = ["check", path, "--against", mirror, "--timeout", "2"]
    text = autohelper_cmd(*check)
    assert text.exit_code == 1, text.output
    assert (
        "  ✘ campo obligatorio nuevo que el escenario no llena: «Teléfono 64…67» "
        "tel#telefono name=telefono — página: https://lab.autohelper.test/form "
        "(formulario: pasos 2 a 7)"
    ) in text.stdout.splitlines(), text.stdout

    english = autohelper_cmd("--lang", "en", *check)
    assert (
        "  ✘ a new required field the scenario does not fill: “Teléfono 64…67” tel#telefono "
        "name=telefono — page: https://lab.autohelper.test/form (form: steps 2 to 7)"
    ) in english.stdout.splitlines(), english.stdout

    as_json = autohelper_cmd(*check, "--json")
    (walk,) = json.loads(as_json.stdout)["walks"]
    assert walk["status"] == "changed"
    assert all(step["status"] in ("ok", "not_checked") for step in walk["steps"])
    # The field as it always was, its page in a key of its own.
    assert walk["new_required_fields"] == ["«Teléfono 64…67» tel#telefono name=telefono"]
    assert walk["new_required_url"] == "https://lab.autohelper.test/form"


# -- D11: input errors are "could not check" (2), never "changed" (1) ---------------------------
def test_an_unknown_scenario_could_not_be_checked_exit_2_with_json() -> None:
    result = autohelper_cmd("check", "imss-nsss", "--against", "fixtures", "--json")
    assert result.exit_code == 2, result.output
    document = json.loads(result.stdout)
    assert document == {
        "status": "error",
        "exit_code": 2,
        "message": document["message"],
        "walks": [],
    }
    assert document["message"].startswith("No conozco el escenario 'imss-nsss'")
    assert "imss-nss" in result.stderr

    english = autohelper_cmd("--lang", "en", "check", "--against", "fixtures", "--json")
    assert english.exit_code == 2, english.output
    assert json.loads(english.stdout)["message"] == "Name one or more scenarios, or use --all."
    text = autohelper_cmd("check", "imss-nsss", "--against", "fixtures")
    assert (text.exit_code, text.stdout) == (2, "")
    assert text.stderr.startswith("Error: No conozco el escenario 'imss-nsss'")


# -- the shape mask of long numbers, and merge-junit that does not use it ------------------------
def test_the_shape_mask_masks_long_numbers_only_when_asked_and_never_a_decimal() -> None:
    text = f"NSS {NSS}. Tel {PHONE}, folio 123456789, t=0.12345678901, {CURP}, {EMAIL}"
    assert mask_shapes(text, numbers=True) == (
        "NSS 12…03. Tel 64…67, folio 123456789, t=0.12345678901, HEGG…L04, l…@example.com"
    )
    assert mask_shapes(text) == (
        f"NSS {NSS}. Tel {PHONE}, folio 123456789, t=0.12345678901, HEGG…L04, l…@example.com"
    )


def test_merge_junit_keeps_its_long_counts_and_times(tmp_path: Path) -> None:
    shard = tmp_path / "s.xml"
    shard.write_text(
        '<testsuite name="s" tests="2147483647" time="1000000000">'
        f'<testcase classname="a" name="{CURP}"/></testsuite>',
        encoding="utf-8",
    )
    out = tmp_path / "out.xml"
    result = autohelper_cmd("merge-junit", str(out), str(shard))
    assert result.exit_code == 0, result.output
    suite = ET.parse(out).getroot().find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("time")) == ("2147483647", "1000000000")
    assert CURP not in out.read_text(encoding="utf-8")


# -- D3: a firewall's check where the form was (a check nobody declared) --------------------------
FORM_BEHIND_A_CHECK = """\
  - goto: https://lab.autohelper.test/challenge-unknown
    description: Abrir la entrada
  - fill: {css: "#txtID"}
    value: "{profile.student_id}"
    description: Escribir tu ID
  - click: {css: "#btnEntrar"}
    description: Entrar con tu ID
"""


@pytest.mark.browser
def test_a_check_nobody_declared_where_the_form_was_is_a_portal_not_reached_never_changed(
    tmp_path: Path,
) -> None:
    """A firewall's «no soy un robot» in front of ITSON's apps9 (a drift mirror's): the form's
    fields it lacks were «CAMBIÓ», exit 1; `qa` said «firewall». It is a portal not reached."""
    scenario = str(_scenario(tmp_path, "lab-check", FORM_BEHIND_A_CHECK))
    result = autohelper_cmd("check", scenario, "--against", "fixtures", "--timeout", "2")
    assert result.exit_code == 2, result.output
    assert "CAMBIÓ" not in result.stdout
    assert "página de bloqueo o de verificación de su firewall (uno que el portal no tenía" in (
        result.stdout
    )

"""The engine on a real Chromium against the mock portal over HTTP: the NSS flow in both result
versions, the person in the loop, retries that are safe and the submit that is never retried,
the origin guard, a changed portal, the firewall, and the journal it leaves."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from playwright.sync_api import Page
from support import CURP, EMAIL, PROFILE, Edit, copy_scenario, engine_run, magenta_pixels

from autohelper.engine import RunResult
from autohelper.errors import FirewallBlocked, OriginViolation, PortalChanged, SubmitUnknown
from autohelper.human import NEW_IMAGE, ORACLE, OUTBOX, ScriptedHuman
from autohelper.journal import Journal
from autohelper.mock import MockPortal
from autohelper.mock.captcha import nss_for
from autohelper.scenario.model import Scenario

pytestmark = pytest.mark.browser

VALIDA = "asignacionNSS/valida"


def nss_scenario(tmp_path: Path, *edits: Edit) -> Scenario:
    return copy_scenario(tmp_path, "imss-nss", *edits)


# The scenario typing another address into the confirmation field: the portal objects.
OTHER_CONFIRMATION_EMAIL = (
    '  - fill: {css: "#correoConfirmacionInput"}\n    value: "{profile.email}"',
    '  - fill: {css: "#correoConfirmacionInput"}\n    value: "otro@example.com"',
)


def run(
    page: Page,
    scenario: Scenario,
    tmp_path: Path,
    human: ScriptedHuman | None = None,
    journal: Journal | None = None,
    **options: float,
) -> RunResult:
    return engine_run(page, scenario, tmp_path, human, journal, **options)


def test_a_new_nss_follows_the_link_gives_the_address_and_reads_the_nss(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    journal = Journal(tmp_path / "journal.sqlite3")
    human = ScriptedHuman(choices=["AGUACATAL"])
    result = run(page, nss_scenario(tmp_path), tmp_path, human, journal=journal)
    assert result.status == "success", result.message
    assert result.yields == {"nss": nss_for(CURP), "colonia": "AGUACATAL"}
    assert "Asignación de NSS exitosa" in page.locator("div.alert-success").inner_text()
    assert portal.posts(VALIDA) == 1
    assert portal.posts("asignacionNSS/finalizar") == 1
    [row] = journal.runs()
    assert (row.status, row.yields["nss"]) == (
        "success",
        f"{nss_for(CURP)[:2]}…{nss_for(CURP)[-2:]}",
    )
    assert row.yields["colonia"] == "A…"
    first, address = journal.rows("submits", row.id)
    assert "HEGG…L04" in first["summary"] and CURP not in first["summary"]
    assert "AVENIDA" not in address["summary"] and "A… D… P…" in address["summary"]
    # The colonia chosen is sent, so it is shown (masked); an interior number the profile
    # does not have is not (nothing of it is sent).
    assert "Colonia: A…" in address["summary"]
    assert "Número interior" not in address["summary"]


def test_a_found_nss_goes_from_the_link_straight_to_the_final_page(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    portal.configure(nss_found=True)
    result = run(page, nss_scenario(tmp_path), tmp_path)
    assert result.status == "success", result.message
    assert result.yields == {"nss": nss_for(CURP)}
    assert page.url.startswith(
        "https://serviciosdigitales.imss.gob.mx/gestionAsegurados-web-externo/asignacionNSS/"
        "solicitudFinalizada"
    )
    assert portal.posts("asignacionNSS/finalizar") == 0


def test_a_postal_code_without_a_clinic_stops_before_the_address_is_sent(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    profile = {**PROFILE, "postal_code": "85760"}
    result = engine_run(page, nss_scenario(tmp_path), tmp_path, profile=profile)
    # Not a failure: the NSS is then assigned at the Subdelegación (a visit, for `status`).
    assert result.status == "in_person"
    assert "no tiene una clínica (UMF)" in result.message
    assert "autohelper profile set nss=TU_NSS" in result.message
    assert portal.posts("asignacionNSS/finalizar") == 0


def test_v1_ends_on_the_report_page_and_the_nss_goes_by_email(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    portal.configure(result_version=1)
    result = run(page, nss_scenario(tmp_path), tmp_path)
    assert result.status == "success", result.message
    assert "correo" in result.message and result.yields == {}
    assert page.get_by_text("VER REPORTE").first.is_visible()
    assert [mail["to"] for mail in portal.outbox] == [EMAIL]


def test_a_wrong_captcha_gets_a_new_image_and_a_second_try(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    human = ScriptedHuman(captcha_answers=["zzzzz", ORACLE])
    result = run(page, nss_scenario(tmp_path), tmp_path, human)
    assert result.status == "success", result.message
    assert portal.posts(VALIDA) == 2
    assert any("El CAPTCHA no coincidió" in line for line in human.prompts)


def test_three_wrong_captchas_stop_the_run(page: Page, portal: MockPortal, tmp_path: Path) -> None:
    human = ScriptedHuman(captcha_answers=["zzzzz"])
    result = run(page, nss_scenario(tmp_path), tmp_path, human)
    assert result.status == "error"
    assert result.message.startswith(
        "Lo intentamos 3 veces y el portal respondió lo mismo: «El captcha no fue válido"
    )
    assert portal.posts(VALIDA) == 3


def test_a_declined_confirmation_sends_nothing(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    journal = Journal(tmp_path / "journal.sqlite3")
    result = run(page, nss_scenario(tmp_path), tmp_path, ScriptedHuman(confirm=False), journal)
    assert result.status == "declined"
    assert "no se envió nada" in result.message
    assert portal.posts(VALIDA) == 0
    [row] = journal.runs()
    assert row.status == "declined" and journal.rows("submits", row.id) == []


def test_the_summary_before_the_submit_is_masked(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    human = ScriptedHuman(confirm=False)
    run(page, nss_scenario(tmp_path), tmp_path, human)
    assert "CURP: HEGG…L04" in human.prompts
    assert not any(CURP in line or EMAIL in line for line in human.prompts)


def test_differing_emails_show_the_portals_message_in_spanish(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    scenario = nss_scenario(tmp_path, OTHER_CONFIRMATION_EMAIL)
    result = run(page, scenario, tmp_path)
    assert result.status == "error"
    assert "El portal respondió: «Los correos electrónicos no coinciden" in result.message
    assert "Revisa tu correo en el perfil" in result.message


def test_maintenance_pages_are_retried_until_the_portal_answers(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    portal.configure(fail_first=2)
    result = run(page, nss_scenario(tmp_path), tmp_path)
    assert result.status == "success", result.message
    statuses = [r["status"] for r in portal.requests if "imss02008" in r["path"]]
    assert statuses[:3] == [503, 503, 200]


def test_a_slow_submit_is_recorded_as_unknown_and_never_sent_twice(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    portal.configure(delay=1.5, delay_paths=("valida",))  # 3x the submit's wait
    journal = Journal(tmp_path / "journal.sqlite3")
    result = run(page, nss_scenario(tmp_path), tmp_path, journal=journal, submit_timeout=0.5)
    assert result.status == "unknown"
    assert isinstance(result.error, SubmitUnknown)
    assert "revisa tu correo" in result.message
    assert portal.posts(VALIDA) == 1
    [row] = journal.runs()
    [submit] = journal.rows("submits", row.id)
    assert submit["result"] == "unknown"


def test_a_failed_submit_is_not_retried(page: Page, portal: MockPortal, tmp_path: Path) -> None:
    portal.configure(fail_first=1, fail_methods=("POST",))
    result = run(page, nss_scenario(tmp_path), tmp_path)
    assert result.status == "error"
    assert "No sé si tu solicitud llegó" in result.message
    assert portal.posts(VALIDA) == 1


def test_leaving_the_declared_origins_stops_before_any_data_is_typed(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    # Only the IMSS hosts, not gob.mx, where the guide's path goes next.
    only_imss = "origins: [https://www.imss.gob.mx, https://serviciosdigitales.imss.gob.mx]\n"
    scenario = nss_scenario(tmp_path, ("needs:\n", only_imss + "needs:\n"))
    result = run(page, scenario, tmp_path)
    assert isinstance(result.error, OriginViolation)
    assert "www.gob.mx" in result.message
    assert not [r for r in portal.requests if r["host"] == "serviciosdigitales.imss.gob.mx"]


def test_a_renamed_field_is_reported_as_a_changed_portal_naming_the_step(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    portal.configure(drift=True)
    # Only the step whose field was renamed waits briefly; the steps before it keep theirs.
    field = '  - fill: {css: "#registroCurp"}\n    id: form\n'
    curp = (field, field + "    timeout: 0.5\n")
    result = run(page, nss_scenario(tmp_path, curp), tmp_path)
    assert isinstance(result.error, PortalChanged)
    assert "El portal cambió en este paso: «Escribir tu CURP»" in result.message
    assert "#registroCurp" in result.message
    screenshot = result.message.split("Captura: ")[1].splitlines()[0]
    assert Path(screenshot).is_file()


def test_the_firewall_page_is_handed_to_the_person(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    portal.configure(firewall=True)
    result = run(page, nss_scenario(tmp_path), tmp_path)
    assert isinstance(result.error, FirewallBlocked)
    assert "firewall" in result.message
    assert len(portal.requests) == 1  # seen once, handed over, never retried


class ClearsTheChallenge(ScriptedHuman):
    """A person who solves the firewall's check in the browser, then says so."""

    def __init__(self, portal: MockPortal) -> None:
        super().__init__()
        self.portal = portal
        self.asked = 0

    def firewall(self, page: Page) -> bool:
        self.asked += 1
        self.portal.configure(firewall=False)
        page.reload()
        return True


def test_after_the_person_clears_the_firewall_the_run_goes_on(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    portal.configure(firewall=True)
    human = ClearsTheChallenge(portal)
    result = run(page, nss_scenario(tmp_path), tmp_path, human)
    assert result.status == "success", result.message
    assert human.asked == 1


def test_an_unreadable_captcha_can_be_swapped_for_a_new_image(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    portal.configure(result_version=1)  # its result page shows no CAPTCHA of its own
    human = ScriptedHuman(captcha_answers=[NEW_IMAGE, ORACLE])
    result = run(page, nss_scenario(tmp_path), tmp_path, human)
    assert result.status == "success", result.message
    images = [r for r in portal.requests if "CaptchaServlet" in r["path"]]
    assert len(images) == 2  # the form's own, then the one the refresh asked for
    assert portal.posts(VALIDA) == 1


def test_an_unreachable_site_is_retried_then_reported_with_the_step(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    # Hosts outside the portals resolve nowhere in tests (the front's resolver rules).
    scenario = nss_scenario(
        tmp_path,
        ("needs:\n", "origins: [https://portal.invalid]\nneeds:\n"),
        (
            "https://www.imss.gob.mx/tramites/imss02008",
            "https://portal.invalid/tramites/imss02008",
        ),
    )
    result = run(page, scenario, tmp_path)
    assert result.status == "error"
    assert "No pude llegar al portal en el paso «Abrir la página del trámite" in result.message
    assert "Página: https://portal.invalid/tramites/imss02008" in result.message
    assert not portal.requests


@pytest.mark.parametrize("masked", [True, False], ids=["real-profile", "synthetic-profile"])
def test_screenshots_mask_the_fields_with_personal_data_unless_the_profile_is_synthetic(
    page: Page, portal: MockPortal, tmp_path: Path, masked: bool
) -> None:
    scenario = nss_scenario(tmp_path, OTHER_CONFIRMATION_EMAIL)
    result = run(page, scenario, tmp_path, mask_screenshots=masked)
    assert result.status == "error"  # the portal's email error, with the form and its values
    [shot] = (tmp_path / "artifacts").glob("*.png")
    assert stat.S_IMODE(shot.stat().st_mode) == 0o600
    assert stat.S_IMODE(shot.parent.stat().st_mode) == 0o700
    pixels = magenta_pixels(page, shot)
    assert pixels > 2000 if masked else pixels == 0


LINK = "https://serviciosdigitales.imss.gob.mx/gestionAsegurados-web-externo/confirmacionUrl"


def stale_link(portal: MockPortal, token: str, days_old: int = 1, used: bool = False) -> str:
    """A link the mock issued earlier (a day old: expired; or already opened: used)."""
    from datetime import date, timedelta
    from urllib.parse import urlencode

    from autohelper.mock.imss import Confirmation

    issued = date.today() - timedelta(days=days_old)
    site = portal.site("imss")
    with portal.state.lock:
        tokens: dict[str, Confirmation] = site.tokens  # type: ignore[attr-defined]
        tokens[token] = Confirmation(CURP, EMAIL, issued=issued, used=used)
    return f"{LINK}?" + urlencode({"token": token, "curp": CURP, "correo": EMAIL})


def test_after_the_send_an_answer_that_is_not_the_link_is_asked_again_never_the_end(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    expired = stale_link(portal, "caducada-" + "x" * 20)
    used = stale_link(portal, "usada-" + "y" * 20, days_old=0, used=True)
    human = ScriptedHuman(
        links=[
            "no sé cuál es",  # not a link
            None,  # "I opened it in this browser", but nothing opened
            "https://www.example.com/confirmacionUrl?token=zz",  # a link elsewhere
            f"Abra la siguiente liga:\n{expired}\n\nIMSS",  # a piece of the email: expired
            used,
            OUTBOX,
        ]
    )
    result = run(page, nss_scenario(tmp_path), tmp_path, human)
    assert result.status == "success", result.message
    assert portal.posts(VALIDA) == 1
    said = "\n".join(human.prompts)
    not_the_link = "Esa no es la liga (la del correo del portal contiene «confirmacionUrl»)"
    assert said.count(not_the_link) == 1
    # The link's words at another site: said as a link the mail service wrapped.
    assert said.count("Esa dirección lleva «confirmacionUrl», pero va a otro sitio") == 1
    assert "No veo la liga abierta en el navegador." in said
    assert "El IMSS dice «Token expirado»: esa liga venció" in said
    assert "El IMSS dice «Este token ya fue utilizado»" in said


def test_salir_at_the_link_stops_the_run_saying_the_request_went_out(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    """Against the bundled mock (a demo), which forgets its links when it stops, the run is not
    said to be resumable (a mirror's is: tests/test_bad_inputs.py, in a terminal)."""
    journal = Journal(tmp_path / "journal.sqlite3")
    human = ScriptedHuman(links=["salir"])
    result = run(page, nss_scenario(tmp_path), tmp_path, human, journal, resumable=False)
    assert result.status == "declined"
    assert result.message.startswith("Saliste en la liga")
    assert "esta demostración no se puede retomar" in result.message
    assert "retoma esta sesión" not in result.message
    [row] = journal.runs()
    [submit] = journal.submits(row.id)
    assert (row.status, submit.result) == ("declined", "http 200")


def test_a_link_answered_by_maintenance_says_the_request_arrived_and_to_open_it_later(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    """The link came by email, so the send had arrived: not "I cannot tell whether your
    request arrived" (that is a send's answer), but the portal is down: the same link later."""
    portal.configure(fail_first=1, fail_methods=("GET",), fail_paths=("confirmacionUrl",))
    journal = Journal(tmp_path / "journal.sqlite3")
    result = run(page, nss_scenario(tmp_path), tmp_path, journal=journal)
    assert result.error is not None and result.error.key == "run.unavailable_after_link"
    assert "Tu solicitud sí llegó" in result.message
    assert "abre la misma liga más tarde" in result.message
    assert "No sé si tu solicitud llegó" not in result.message
    assert portal.posts(VALIDA) == 1
    # The page is the link's, its one-use token masked: while valid, it opens the request.
    assert "confirmacionUrl?token=…&" in result.message
    [token] = {m["links"][0].split("token=")[1].split("&")[0] for m in portal.state.outbox}
    [row] = journal.runs()
    kept = [row.message or "", *(repr(tuple(r)) for r in journal.rows("steps", row.id))]
    assert not any(token in text for text in kept)


def test_an_empty_captcha_is_never_sent_it_is_asked_again(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    human = ScriptedHuman(captcha_answers=["", "  ", ORACLE])
    result = run(page, nss_scenario(tmp_path), tmp_path, human)
    assert result.status == "success", result.message
    assert (
        human.prompts.count("El CAPTCHA está vacío: nunca lo envío así. Escríbelo, por favor.") == 2
    )
    assert portal.posts(VALIDA) == 1  # one send, with the CAPTCHA typed

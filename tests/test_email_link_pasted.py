"""The emailed link as people and mail services hand it over: wrapped by the mail service to
check it first (Outlook's Safe Links), cut in two lines (a mail wrapped at 76 columns, pasted
line by line), or never usable at all (a script giving the same wrong text). The vigencia flow
on a real Chromium against the mock over HTTP."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import yaml
from playwright.sync_api import Page
from support import ROOT, engine_run

from autohelper.human import ScriptedHuman
from autohelper.mock import MockPortal
from autohelper.scenario.loader import load_scenario

PROFILE_FILE = ROOT / "fixtures" / "profiles" / "student-with-nss.yaml"
STUDENT = {k: str(v) for k, v in yaml.safe_load(PROFILE_FILE.read_text("utf-8")).items()}
SAFE_LINKS = "https://nam12.safelinks.protection.outlook.com/?url={url}&data=05%7C02&reserved=0"


class Pasting(ScriptedHuman):
    """A person who pastes the emailed link as `shape` makes it (the link from the mock's
    outbox, as the scripted person reads it)."""

    def __init__(self, shape: str) -> None:
        super().__init__()
        self.shape, self.pieces = shape, []  # type: list[str]

    def email_link(
        self, page: Page, contains: str, email: str, attempt: int, wait_ms: float = 0.0
    ) -> str | None:
        if self.pieces:
            return self.pieces.pop(0)
        link = super().email_link(page, contains, email, attempt, wait_ms)
        assert link is not None
        if self.shape == "safelinks":
            return SAFE_LINKS.format(url=quote(link, safe=""))
        half = link.index("confirmacionUrl") - 4  # cut before the words the link must hold
        self.pieces = [link[half:]]
        return link[:half]


def vigencia(page: Page, tmp_path: Path, human: ScriptedHuman) -> object:
    scenario = load_scenario(ROOT / "scenarios" / "imss-vigencia.yaml")
    return engine_run(page, scenario, tmp_path, human, profile=STUDENT, submit_timeout=20.0)


def opened(portal: MockPortal) -> list[str]:
    return [r["host"] for r in portal.requests if r["path"].endswith("confirmacionUrl")]


def test_a_link_outlook_wrapped_is_opened_as_the_portals_own(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    """Outlook's Safe Links wraps the link (`…safelinks…/?url=<the link>`): the tool said
    «Esa no es la liga (… contiene «confirmacionUrl»)» of an address that holds it, and a
    scripted person gave it again without end. The portal's own address is taken out of the
    wrapper and opened; the wrapper's site never is."""
    human = Pasting("safelinks")
    result = vigencia(page, tmp_path, human)
    assert result.status == "success", result.message  # type: ignore[attr-defined]
    assert opened(portal) == ["serviciosdigitales.imss.gob.mx"]
    assert not any("safelinks" in r["host"] for r in portal.requests)


def test_a_link_pasted_in_two_lines_is_joined(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    human = Pasting("two_lines")
    result = vigencia(page, tmp_path, human)
    assert result.status == "success", result.message  # type: ignore[attr-defined]
    assert len(opened(portal)) == 1
    # The first piece is said to be the link's start (not «Esa no es la liga»).
    assert (
        "Eso parece solo el principio de la liga (tu correo la partió en dos líneas): pega "
        "también lo que sigue, o escribe «salir»." in human.prompts
    )
    assert not any(said.startswith("Esa no es la liga") for said in human.prompts)


def test_a_link_never_usable_is_left_for_later_not_asked_for_ever(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    """A script (or a person) giving an address the link step cannot use, again and again:
    QA never ended (4 500 refusals in 40 s). After ten answers the link is left for later:
    the request stands, nothing else is opened."""
    human = Stubborn()
    result = vigencia(page, tmp_path, human)
    assert result.status == "declined", result.message  # type: ignore[attr-defined]
    refusals = [p for p in human.prompts if p.startswith("Esa dirección lleva «")]
    assert len(refusals) == 10
    assert refusals[0] == (
        "Esa dirección lleva «vigencia/confirmacionUrl», pero va a otro sitio: tu correo la "
        "envolvió para revisarla antes (como hace Outlook). Abre el correo y copia la liga "
        "original, la que empieza con una de estas direcciones: https://www.imss.gob.mx, "
        "https://serviciosdigitales.imss.gob.mx, https://www.gob.mx, https://gob.mx; o escribe "
        "«salir»."
    )
    assert opened(portal) == []


class Stubborn(ScriptedHuman):
    """A script that gives the same address the link step cannot use, every time."""

    def email_link(
        self, page: Page, contains: str, email: str, attempt: int, wait_ms: float = 0.0
    ) -> str | None:
        return (
            "https://elsewhere.example/gestionAsegurados-web-externo/vigencia/confirmacionUrl?t=1"
        )

"""The vigencia and clinic scenarios on a real Chromium against the mock over HTTP, as the student
who has an NSS (fixtures/profiles/student-with-nss.yaml): each ends well-formed with what the
portal (or the constancia) said, one send per yes, nothing personal in what they record; the
constancia the flow downloads gets the same verdict from `autohelper vigencia --pdf`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page
from support import ROOT, console, engine_run, yield_pattern

from autohelper.engine import RunResult
from autohelper.engine.events import RunListener
from autohelper.human import ScriptedHuman
from autohelper.journal import Journal, RunRow
from autohelper.mock import MockPortal
from autohelper.mock.captcha import nss_for
from autohelper.scenario.loader import load_scenario
from autohelper.scenario.model import Step

pytestmark = pytest.mark.browser

PROFILE_FILE = ROOT / "fixtures" / "profiles" / "student-with-nss.yaml"
STUDENT = {k: str(v) for k, v in yaml.safe_load(PROFILE_FILE.read_text("utf-8")).items()}
CURP, NSS, EMAIL = STUDENT["curp"], STUDENT["nss"], STUDENT["email"]
RAW = (CURP, NSS, EMAIL, "LUIS", "BELTRAN", "MARTINEZ", "CALLE DE PRUEBA")


def test_the_fixture_student_has_the_nss_the_mock_gives_their_curp() -> None:
    assert nss_for(CURP) == NSS


def flow(
    name: str, page: Page, tmp_path: Path, human: ScriptedHuman | None = None
) -> tuple[RunResult, RunRow, Journal]:
    """The bundled scenario `name`, run as the student with an NSS, kept in a journal."""
    journal = Journal(tmp_path / "journal.sqlite3")
    scenario = load_scenario(ROOT / "scenarios" / f"{name}.yaml")
    result = engine_run(
        page, scenario, tmp_path, human, journal, profile=STUDENT, submit_timeout=20.0
    )
    [row] = journal.runs()
    return result, row, journal


def recorded(journal: Journal, row: RunRow) -> str:
    """Everything the journal keeps of a run, as text."""
    parts = [row.message or "", repr(row.yields)]
    for table in ("steps", "submits"):
        parts += [repr(tuple(r)) for r in journal.rows(table, row.id)]
    return "\n".join(parts)


def assert_nothing_personal(*texts: str) -> None:
    for text in texts:
        for value in RAW:
            assert value.lower() not in text.lower(), f"leaked {value[:4]}…"


def cli_verdict(pdf: Path, tmp_path: Path) -> str:
    """The verdict `autohelper vigencia --pdf FILE` gives, as the student with that profile
    (their own file: readable by them only)."""
    own = tmp_path / "student.yaml"
    own.write_bytes(PROFILE_FILE.read_bytes())
    own.chmod(0o600)
    result = console("vigencia", "--pdf", str(pdf), "--profile", str(own), "--json")
    return str(json.loads(result.stdout)["verdict"])


# -- vigencia ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("case", "verdict", "said"),
    [
        ("itson", "vigente", "tu Seguro Facultativo está vigente"),
        ("no_rights", "sin_derecho", "NO tienes derecho al servicio médico"),
        ("other_employer", "otro_patron", "pero el patrón de tu último movimiento es"),
        ("other_school", "otra_escuela", "pero por otra escuela"),
    ],
)
def test_vigencia_reads_the_verdict_off_the_downloaded_constancia(
    page: Page, portal: MockPortal, tmp_path: Path, case: str, verdict: str, said: str
) -> None:
    portal.configure(**{"vigencia.case": case})
    result, row, journal = flow("imss-vigencia", page, tmp_path)
    assert result.status == ("success" if verdict == "vigente" else "error"), result.message
    assert result.yields["verdict"] == verdict
    assert said in result.message  # the reader's words, as `vigencia --pdf` says them
    assert "El portal respondió" not in result.message  # a document is not the portal
    # One send, one link, one download: the verdict comes from the PDF the flow downloaded.
    assert portal.posts("vigencia/consultar") == 1
    assert portal.posts("vigencia/downloadReport") == 1
    pdf = result.documents["constancia"].path
    assert result.documents["constancia"].filename == f"comprobanteVigenciaDerechos{NSS}.pdf"
    assert NSS not in pdf.name  # kept under `save_as`, not the portal's name
    assert cli_verdict(pdf, tmp_path) == verdict
    # The journal: the verdict and the facts it rests on, nothing personal.
    assert (row.status, row.yields["verdict"]) == (result.status, verdict)
    assert row.yields["situacion"] == ("BAJA" if case == "no_rights" else "VIGENTE")
    [submit] = journal.rows("submits", row.id)
    assert "NSS: 09…56" in submit["summary"]
    assert_nothing_personal(recorded(journal, row), result.message)


@pytest.mark.parametrize("failures", [1, 1000])
def test_vigencia_a_page_the_link_sent_on_to_that_fails_is_loaded_again_and_never_the_link(
    page: Page, portal: MockPortal, tmp_path: Path, failures: int
) -> None:
    """The portal took the emailed link (its 302) and the page it sent the browser on to
    answered 500: that page is an ordinary GET, loaded again a bounded few times; the link is
    never opened again (its token is used up). Still down: «no la abras otra vez», not «abre
    la misma liga más tarde» (which would meet «ya fue utilizado»)."""
    portal.configure(fail_first=failures, fail_methods=("GET",), fail_paths=("finalizado",))
    result, _, _ = flow("imss-vigencia", page, tmp_path)
    links = [r for r in portal.requests if "confirmacionUrl" in r["path"]]
    assert len(links) == 1
    if failures == 1:
        assert result.status == "success", result.message
        assert result.yields["verdict"] == "vigente"
        return
    assert result.error is not None, result.message
    assert result.error.key == "run.unavailable_after_link_used", result.message
    assert "esa liga ya quedó usada: no la abras otra vez" in result.message
    assert "abre la misma liga" not in result.message


def test_vigencia_says_what_every_verdict_of_the_reader_means() -> None:
    """Each verdict the constancia reader can give has its case in the scenario's outcome,
    with advice in both languages: one without would end the run as an answer nobody declared
    (a portal that changed), not as what the constancia says."""
    import re

    from autohelper.documents.verdict import VERDICTS
    from autohelper.scenario import model as m

    scenario = load_scenario(ROOT / "scenarios" / "imss-vigencia.yaml")
    [judged] = [s for s in scenario.steps if isinstance(s, m.Outcome) and s.document]
    for verdict in VERDICTS:
        cases = [
            c for c in judged.cases if c.matches and re.search(c.matches, f"verdict: {verdict}")
        ]
        assert cases, verdict
        assert cases[0].message is not None, verdict


def test_vigencia_a_student_not_registered_yet_gets_the_sin_derecho_verdict(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    portal.configure(**{"vigencia.answer": "not_registered"})
    result, row, journal = flow("imss-vigencia", page, tmp_path)
    assert result.status == "error"
    assert row.yields == {"verdict": "sin_derecho"}  # what status reads as "not yet"
    assert "no se encuentra registrado aún como derechohabiente" in result.message
    assert "09…56" in result.message  # the portal's words, the NSS in them masked
    assert "todavía no te tiene registrado" in result.message
    assert portal.posts("vigencia/downloadReport") == 0
    assert_nothing_personal(recorded(journal, row), result.message)


def test_vigencia_the_daily_limit_is_explained(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    portal.configure(**{"vigencia.answer": "daily_limit"})
    result, row, _ = flow("imss-vigencia", page, tmp_path)
    assert (result.status, row.status) == ("error", "error")
    assert "Has agotado el número de consultas permitidas por día" in result.message
    assert "Vuelve a intentarlo mañana, o pide tu comprobante de vigencia en tu Unidad" in (
        result.message
    )
    assert "verdict" not in row.yields


def test_vigencia_what_only_a_subdelegacion_can_do_is_a_visit_not_a_failure(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    portal.configure(**{"vigencia.answer": "not_online"})
    result, row, _ = flow("imss-vigencia", page, tmp_path)
    assert (result.status, row.status) == ("in_person", "in_person")
    assert "Pídela en persona en tu Subdelegación del IMSS" in result.message
    assert not portal.outbox  # no link was sent


def test_vigencia_without_the_students_yes_nothing_is_sent(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    human = ScriptedHuman(confirm=False)
    result, row, journal = flow("imss-vigencia", page, tmp_path, human)
    assert (result.status, row.status) == ("declined", "declined")
    assert portal.posts("vigencia/consultar") == 0 and journal.rows("submits", row.id) == []
    assert "CURP: BEML…S09" in human.prompts and f"NSS: {NSS[:2]}…{NSS[-2:]}" in human.prompts


# -- the clinic ----------------------------------------------------------------------------------
@pytest.mark.parametrize("answer", ["", "estudiante_anterior"], ids=["today", "older-wording"])
def test_umf_the_student_refusal_ends_in_person_not_as_an_error(
    page: Page, portal: MockPortal, tmp_path: Path, answer: str
) -> None:
    if answer:
        portal.configure(**{"umf.answer": answer})
    result, row, journal = flow("imss-umf", page, tmp_path)
    assert (result.status, row.status) == ("in_person", "in_person"), result.message
    assert "se hace en persona, y no es un error" in result.message
    for what in ("CURP", "NSS", "comprobante de domicilio", "identificación", "constancia"):
        assert what in result.message
    assert portal.posts("tramite/validar") == 1
    assert portal.site("umf").finalizations == 0
    assert len(journal.rows("submits", row.id)) == 1


@pytest.mark.parametrize(
    ("answer", "status", "said"),
    [
        ("ya_registrado", "success", "ya está registrado en una clínica"),
        ("sin_relacion_laboral", "error", "autohelper run imss-vigencia"),
        ("inconsistencias", "in_person", "acude a la Unidad de Medicina Familiar"),
    ],
)
def test_umf_the_other_answers_of_step_1(
    page: Page, portal: MockPortal, tmp_path: Path, answer: str, status: str, said: str
) -> None:
    portal.configure(**{"umf.answer": answer})
    result, row, _ = flow("imss-umf", page, tmp_path)
    assert (result.status, row.status) == (status, status)
    assert said in result.message


def test_umf_online_the_student_chooses_confirms_once_and_gets_the_registration(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    portal.configure(**{"umf.students_online": True, "umf.terms_checkbox": True})
    human = ScriptedHuman(choices=["CAMPESTRE", 0, "VESPERTINO"])
    result, row, journal = flow("imss-umf", page, tmp_path, human)
    assert result.status == "success", result.message
    # What the final page shows, read back: the portal's own registration.
    registration = portal.site("umf").sessions
    [done] = [v.registration for v in registration.values() if v.registration]
    assert result.yields == {
        "colonia": "CAMPESTRE",
        "clinic": "UMF No. 1 CIUDAD OBREGÓN",
        "turno": "VESPERTINO 14:00 A 20:00",
        "consultorio": "21",
        "folio": done["folio"],
    }
    # Two sends (step 1, the dialog's Aceptar), each after its own yes; one registration.
    assert portal.posts("tramite/validar") == 1 and portal.posts("registro/finalizar") == 1
    assert portal.site("umf").finalizations == 1
    assert len(journal.rows("submits", row.id)) == 2
    # The second yes was asked with what the portal was about to register.
    for shown in (
        "Clínica: UMF No. 1 CIUDAD OBREGÓN",
        "Turno: VESPERTINO 14:00 A 20:00",
        "Consultorio: 21",
        "Colonia: C…",
    ):
        assert shown in human.prompts
    assert "Colonia: CAMPESTRE" not in human.prompts  # the colonia is personal: masked
    assert result.documents["acuse"].filename == "acuseTramite.pdf"
    assert row.yields["colonia"] == "C…" and row.yields["clinic"] == "UMF No. 1 CIUDAD OBREGÓN"
    assert_nothing_personal(recorded(journal, row))


def test_umf_a_postal_code_lookup_that_failed_once_is_pressed_again_not_a_stop(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    """«Buscar» a postal code answers 503 once and the page shows nothing: a lookup sends
    nothing, so it is pressed again, once, and the flow goes on (it stopped as «No reconozco
    la respuesta» after 30 s)."""
    portal.configure(
        **{"umf.students_online": True},
        fail_first=1,
        fail_methods=("POST",),
        fail_paths=("domicilio/codigoPostal",),
    )
    human = ScriptedHuman(choices=["CAMPESTRE", 0, "VESPERTINO"])
    journal = Journal(tmp_path / "journal.sqlite3")
    scenario = load_scenario(ROOT / "scenarios" / "imss-umf.yaml")
    result = engine_run(page, scenario, tmp_path, human, journal, profile=STUDENT, max_wait=2.0)
    assert result.status == "success", result.message
    assert portal.posts("domicilio/codigoPostal") == 2
    assert portal.site("umf").finalizations == 1
    assert (
        "El portal no respondió a «Buscar tu código postal («Buscar»)». Lo intento una vez más "
        "(solo es una consulta: no envía nada)." in human.prompts
    )


def test_umf_already_registered_at_the_final_send_forgets_the_clinic_it_was_about_to_register(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    """The NSS registered elsewhere while the person chose (another tab, the clinic's desk):
    `finalizar` answers «Ya se encuentra registrado». Done, and the clinic read off the
    confirmation is not said to be theirs: that was this attempt's, not where they are."""
    portal.configure(**{"umf.students_online": True, "umf.terms_checkbox": True})
    site = portal.site("umf")

    class RegisteredMeanwhile(RunListener):
        confirms = 0

        def step_started(self, index: int, total: int, step: Step) -> None:
            self.confirms += step.kind == "confirm"
            if self.confirms == 2:  # the clinic's confirmation, after step 1's
                site.registered.add(NSS)

    journal = Journal(tmp_path / "journal.sqlite3")
    human = ScriptedHuman(choices=["CAMPESTRE", 0, "VESPERTINO"])
    scenario = load_scenario(ROOT / "scenarios" / "imss-umf.yaml")
    result = engine_run(
        page,
        scenario,
        tmp_path,
        human,
        journal,
        STUDENT,
        None,
        [RegisteredMeanwhile()],
        submit_timeout=20.0,
    )
    assert result.status == "success", result.message
    assert "Tu NSS ya está registrado en una clínica" in result.message
    assert "Clínica: UMF No. 1 CIUDAD OBREGÓN" in human.prompts  # it was confirmed, then refused
    assert result.yields == {"colonia": "CAMPESTRE"}
    [row] = journal.runs()
    assert set(row.yields) == {"colonia"}
    assert portal.posts("registro/finalizar") == 1 and site.finalizations == 0


def test_umf_an_empty_cell_of_the_final_table_is_never_read_as_the_next_ones_words() -> None:
    """A mirror's table with a seventh column («Estatus: REGISTRADO») and the consultorio's
    cell empty: the pattern passed over the tab and read «REGISTRADO» as the consultorio. Now
    only spaces are passed over within a cell: nothing is read (and the person is told)."""
    import re

    from autohelper.scenario import model as m

    scenario = load_scenario(ROOT / "scenarios" / "imss-umf.yaml")
    [final] = [
        case
        for step in scenario.steps
        if isinstance(step, m.Outcome)
        for case in step.cases
        if "folio" in dict(case.yields)
    ]
    header = "FOLIO\tFecha y hora\tClínica asignada\tDirección\tTurno\tConsultorio\tEstatus\n"

    def read(row: str) -> dict[str, str | None]:
        found = {name: re.search(pattern, header + row) for name, pattern in final.yields}
        return {name: match.group(1) if match else None for name, match in found.items()}

    full = "\u00a04810\t25/11/2026\nal mediodía\t UMF No. 1\tCalle 1\tMATUTINO\t5\tREGISTRADO"
    assert read(full) == {
        "folio": "4810",
        "clinic": "UMF No. 1",
        "turno": "MATUTINO",
        "consultorio": "5",
    }
    empty = "4810\t25/11/2026\tUMF No. 1\tCalle 1\tMATUTINO\t\tREGISTRADO"
    assert read(empty)["consultorio"] is None
    # Nor from the date's second line (a <br>): five tabs from there reach «REGISTRADO» too.
    broken = "4810\t25/11/2026\n01:26\tUMF No. 1\tCalle 1\tMATUTINO\t\tREGISTRADO"
    assert read(broken) == {
        "folio": "4810",
        "clinic": "UMF No. 1",
        "turno": "MATUTINO",
        "consultorio": None,
    }
    assert read("\t25/11/2026\tUMF No. 1\tCalle 1\tMATUTINO\t5")["folio"] is None


def test_umf_in_english_the_clinic_is_confirmed_in_english_words(
    page: Page, portal: MockPortal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--lang en`: the clinic's confirm names each field in English, as `vigencia --pdf` does
    (“Consulting room”), never a Spanish label beside English words."""
    from autohelper import messages

    monkeypatch.setattr(messages, "_current_lang", "en")
    portal.configure(**{"umf.students_online": True, "umf.terms_checkbox": True})
    human = ScriptedHuman(choices=["CAMPESTRE", 0, "VESPERTINO"])
    result, _, _ = flow("imss-umf", page, tmp_path, human)
    assert result.status == "success", result.message
    for shown in (
        "Consulting room: 21",
        "Neighbourhood (colonia): C…",
        "Clinic: UMF No. 1 CIUDAD OBREGÓN",
    ):
        assert shown in human.prompts
    said = "\n".join(human.prompts)
    assert "Consultorio" not in said and "Colonia:" not in said, said


@pytest.mark.parametrize(
    ("setting", "status", "said"),
    [
        ({"vigencia.answer": "clarification"}, "in_person", "acude a la Subdelegación"),
        ({"vigencia.answer": "period_limit"}, "error", "cuando pase ese periodo"),
        ({"vigencia.several_emails": True}, "error", "Esa decisión es tuya"),
    ],
    ids=["clarification", "period-limit", "several-emails"],
)
def test_vigencia_page_1s_other_answers(
    page: Page,
    portal: MockPortal,
    tmp_path: Path,
    setting: dict[str, object],
    status: str,
    said: str,
) -> None:
    portal.configure(**setting)
    result, row, _ = flow("imss-vigencia", page, tmp_path)
    assert (result.status, row.status) == (status, status)
    assert said in result.message
    assert not portal.outbox  # no link was sent


# A cookie bar whose button says «Aceptar», first in the page, and the welcome window's
# «Aceptar» written in capitals (a mirror's: the same on screen, «aceptar» upper-cased by CSS).
COOKIE_BAR_AND_CAPITALS = """
document.addEventListener("DOMContentLoaded", () => {
    const bar = document.createElement("div");
    bar.id = "cookies";
    bar.innerHTML = '<p>Usamos cookies.</p><button type="button">Aceptar</button>';
    bar.querySelector("button").onclick = () => bar.remove();
    document.body.prepend(bar);
    const own = document.getElementById("btnAceptarBienvenida");
    if (own) own.textContent = "ACEPTAR";
});
"""


def test_nss_the_welcome_windows_own_aceptar_is_pressed_not_a_cookie_bars_before_it(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    """The first «Aceptar» of the page was pressed (a cookie bar's), the welcome window stayed
    over the form and the run stopped at the send («una ventana del portal tapa la página»);
    and «ACEPTAR» was «el portal cambió». The window's own button is pressed, in any case."""
    portal.configure(**{"imss.nss_found": True})
    page.add_init_script(COOKIE_BAR_AND_CAPITALS)
    result, row, _ = flow("imss-nss", page, tmp_path)
    assert result.status == "success", result.message
    assert page.locator("#cookies").count() == 1  # never pressed: it is there still


def test_nss_a_captcha_image_that_came_broken_is_asked_for_again_before_anyone_reads_it(
    page: Page, portal: MockPortal, tmp_path: Path
) -> None:
    """The CAPTCHA's image answered 503 once: a student was shown a broken image to type, and
    QA stopped with «Este sitio no tiene el oráculo de CAPTCHA». The portal's own refresh asks
    for another first."""
    portal.configure(
        **{"imss.nss_found": True},
        fail_first=1,
        fail_methods=("GET",),
        fail_paths=("CaptchaServlet",),
    )
    human = ScriptedHuman()
    result, row, _ = flow("imss-nss", page, tmp_path, human)
    assert result.status == "success", result.message
    images = [r for r in portal.requests if "CaptchaServlet" in r["path"]]
    assert [r["status"] for r in images][:2] == [503, 200]


def test_nss_is_read_where_the_words_name_it_never_another_number_of_the_page() -> None:
    """A mirror's final page with a contact number of 11 digits in its footer and the NSS
    written in groups («04 18 96 1234 4»): the footer's number was reported (and offered to be
    saved) as the person's NSS. The NSS is read after «NSS:» / «Tu NSS es:», or not at all."""
    import re

    pattern = yield_pattern("imss-nss", "nss")

    def read(text: str) -> str | None:
        found = re.search(pattern, text)
        return found.group(1) if found else None

    footer = "\nLlámanos: 80062300050"
    assert read("Asignación de NSS exitosa.\nNSS: 04189612344" + footer) == "04189612344"
    assert read("Tu NSS es: 04189612344" + footer) == "04189612344"
    assert read("Asignación de NSS exitosa.\nNSS: 04 18 96 1234 4" + footer) is None

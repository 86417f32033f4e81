"""Two reader bugs found by an independent mirror built from PORTALS.md, through real PDFs
(fpdf2) read as a student's file is read:

- The school written with the abbreviations employers' names carry ("INST. TECNOLOGICO DE
  SONORA", con derecho SI, modalidad 32, "SEGURO FACULTATIVO ESTUDIANTES") was "otra escuela",
  telling the student to ask "that school" (their own) for a baja. Abbreviations, dots and
  spacing now match word by word; a name close to the school's but not the same is `ilegible`
  (the student compares the names), never `otra_escuela`; another school stays another.
- Dates printed "25-NOV-26" (day, month's name, two-digit year) were not read: `ilegible`.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from constancias import ITSON, LAYOUTS, SHOP, Content, Emp, table_pdf, text_pdf
from support import console

from autohelper import profile as prof
from autohelper.documents import check_constancia, read_constancia

TODAY = datetime.date.today()
STUDENT = "SEGURO FACULTATIVO ESTUDIANTES"
MONTHS = ["ENE", "FEB", "MAR", "ABR", "MAY", "JUN", "JUL", "AGO", "SEP", "OCT", "NOV", "DIC"]
BAJA_ES, BAJA_EN = "pide a esa escuela que te dé de baja", "ask that school to deregister you"

# Layouts of tests/constancias.py, and the employers' table drawn cell by cell (names wrap).
BUILDERS = {**LAYOUTS, "table": table_pdf}


def _school(name: str, modalidad: int = 32, description: str = STUDENT) -> Content:
    return Content("VIGENTE", True, Emp(ITSON.registro, modalidad, name, description), (SHOP,))


def _file(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "comprobanteVigenciaDerechos.pdf"
    path.write_bytes(data)
    return path


ABBREVIATED = [
    "INST. TECNOLOGICO DE SONORA",  # the mirror's
    "INST TECNOLOGICO DE SONORA",
    "INST. TEC. DE SONORA",
    "Inst. Tecnol. de Sonora",
    "INSTITUTO TECNOLÓG. DE SONORA",
    "INST.TECNOLOGICO  DE  SONORA.",
    "INSTITUTO TECNOLOGICO DE SONORA (ITSON)",
]


@pytest.mark.parametrize("layout", sorted(BUILDERS))
@pytest.mark.parametrize("name", ABBREVIATED)
def test_the_school_abbreviated_is_the_school(tmp_path: Path, layout: str, name: str) -> None:
    path = _file(tmp_path, BUILDERS[layout](_school(name)))
    verdict = check_constancia(path, institution="itson").verdict
    assert verdict.code == "vigente", (verdict.code, verdict.missing, verdict.basis)


def test_the_school_abbreviated_in_another_modalidad_is_said_as_itself(tmp_path: Path) -> None:
    path = _file(tmp_path, table_pdf(_school("INST. TEC. DE SONORA", 10, "")))
    verdict = check_constancia(path, institution="itson").verdict
    assert verdict.code == "otro_patron"
    # The school named once, with what differs: not "INST. TEC. DE SONORA …, no INSTITUTO …".
    assert "en la modalidad 10, no en la 32" in verdict.explanation("es")
    assert "in modalidad 10, not in 32" in verdict.explanation("en")


CLOSE = [
    "INSTITUTO TECNOLOGICO DE SONOR",  # cut short
    "INSTITUTO TECNOLOGICO DE SNORA",  # misprinted
    "INST. TEC. DE SON.",  # too short a dotted word to say which place
    "INSTITUTO TECNOLOGICO SUPERIOR DE SONORA",  # a word more
    "INSTITUTO TECNOLOGICO SONORA",  # a word less
    "ITSON",  # the acronym alone: another school's may spell the same
]


@pytest.mark.parametrize("layout", ["table", "header_rows"])
@pytest.mark.parametrize("name", CLOSE)
def test_a_name_close_to_the_school_is_ilegible_never_otra_escuela(
    tmp_path: Path, layout: str, name: str
) -> None:
    path = _file(tmp_path, BUILDERS[layout](_school(name)))
    verdict = check_constancia(path, institution="itson").verdict
    assert (verdict.code, verdict.missing) == ("ilegible", ("last_employer.name_close",))
    assert "se parece a INSTITUTO TECNOLOGICO DE SONORA, pero no es igual" in (
        verdict.explanation("es")
    )
    assert "looks like INSTITUTO TECNOLOGICO DE SONORA but is not the same" in (
        verdict.explanation("en")
    )
    assert "compara tú" in verdict.advice("es") and BAJA_ES not in verdict.advice("es")
    assert "compare" in verdict.advice("en") and BAJA_EN not in verdict.advice("en")


OTHER_SCHOOLS = [
    "INSTITUTO TECNOLOGICO DE HERMOSILLO",
    "INST. TECNOLOGICO DE HERMOSILLO",
    "INST. TEC. DE NOGALES",
    "INSTITUTO TECNOLOGICO SUPERIOR DE CAJEME",
    "UNIVERSIDAD DE SONORA",
    "UNIV. TECNOLOGICA DEL SUR DE SONORA",
]


@pytest.mark.parametrize("name", OTHER_SCHOOLS)
def test_another_school_stays_otra_escuela(tmp_path: Path, name: str) -> None:
    path = _file(tmp_path, table_pdf(_school(name)))
    verdict = check_constancia(path, institution="itson").verdict
    assert verdict.code == "otra_escuela", (verdict.code, verdict.missing)
    assert BAJA_ES in verdict.advice("es")


def _save_profile() -> None:
    prof.save_profile(
        prof.Profile(
            curp="HEGG560427MVZRRL04",
            email="estudiante.prueba@example.com",
            names="GLORIA",
            first_surname="HERNANDEZ",
            postal_code="83000",
            institution="itson",
        ),
        "default",
    )


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_command_says_vigente_for_the_abbreviated_school_and_ilegible_for_a_close_one(
    tmp_path: Path, lang: str
) -> None:
    _save_profile()
    args = ("--lang", "en") if lang == "en" else ()
    abbreviated = _file(tmp_path, table_pdf(_school("INST. TECNOLOGICO DE SONORA")))
    result = console(*args, "vigencia", "--pdf", str(abbreviated))
    assert result.exit_code == 0, result.output
    assert {"es": "Veredicto: vigente\n", "en": "Verdict: in force"}[lang] in result.stdout

    close = tmp_path / "close" / "constancia.pdf"
    close.parent.mkdir()
    close.write_bytes(table_pdf(_school("INSTITUTO TECNOLOGICO DE SONOR")))
    result = console(*args, "vigencia", "--pdf", str(close))
    assert result.exit_code == 1, result.output
    said = {"es": "Veredicto: ilegible\n", "en": "Verdict: unreadable (ilegible)\n"}[lang]
    assert said in result.stdout
    assert "(otra escuela)" not in result.stdout and "Veredicto: otra" not in result.stdout
    assert BAJA_ES not in result.stdout and BAJA_EN not in result.stdout
    assert "HEGG560427MVZRRL04" not in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def _spelled(day: datetime.date, separator: str, lower: bool) -> str:
    month = MONTHS[day.month - 1].lower() if lower else MONTHS[day.month - 1]
    return f"{day:%d}{separator}{month}{separator}{day:%y}"


def _dated_pdf(
    start: datetime.date, end: datetime.date, issued: datetime.date, **spell: bool | str
) -> bytes:
    """The mirror's plain layout: "LABEL: value" lines, then the employers' table."""

    def shown(day: datetime.date) -> str:
        return _spelled(day, str(spell.get("separator", "-")), bool(spell.get("lower")))

    return text_pdf(
        "INSTITUTO MEXICANO DEL SEGURO SOCIAL",
        "CONSTANCIA DE VIGENCIA DE DERECHOS",
        f"FECHA DE EMISIÓN: {shown(issued)}",
        "NÚMERO DE SEGURIDAD SOCIAL: 04185612340",
        "CURP: HEGG560427MVZRRL04",
        "NOMBRE: GLORIA HERNANDEZ GARCIA",
        "UMF: 37",
        "SITUACIÓN: VIGENTE",
        "CON DERECHO AL SERVICIO MÉDICO: SI",
        f"VIGENTE DESDE: {shown(start)}",
        f"VIGENTE HASTA: {shown(end)}",
        "Patrón del último movimiento del asegurado",
        "Registro patronal Modalidad Nombre o razón social Descripción",
        f"{ITSON.registro} 32 INSTITUTO TECNOLOGICO DE SONORA {STUDENT}",
    )


@pytest.mark.parametrize("separator", ["-", "/", "."])
@pytest.mark.parametrize("lower", [False, True])
def test_dates_with_the_months_name_and_a_two_digit_year(
    tmp_path: Path, separator: str, lower: bool
) -> None:
    start, end = datetime.date(2026, 10, 26), datetime.date(2027, 4, 24)
    issued = datetime.date(2026, 11, 25)
    data = _dated_pdf(start, end, issued, separator=separator, lower=lower)
    facts = read_constancia(_file(tmp_path, data))
    assert (facts.vigencia_start, facts.vigencia_end, facts.issued) == (start, end, issued)


def test_a_constancia_dated_day_mon_yy_gets_its_verdict(tmp_path: Path) -> None:
    # The mirror's date_MON2.pdf: every date as 25-NOV-26 was `ilegible` (no end, no issue).
    issued = TODAY - datetime.timedelta(days=1)
    data = _dated_pdf(
        issued - datetime.timedelta(days=30), TODAY + datetime.timedelta(days=150), issued
    )
    report = check_constancia(_file(tmp_path, data), institution="itson")
    assert report.facts.issued == issued
    assert report.verdict.code == "vigente", report.verdict.missing
    old = _dated_pdf(
        TODAY - datetime.timedelta(days=400),
        TODAY - datetime.timedelta(days=40),
        TODAY - datetime.timedelta(days=60),
    )
    assert check_constancia(_file(tmp_path, old), institution="itson").verdict.code == (
        "fuera_de_fecha"
    )

"""Reading a constancia: the mock's PDFs, constancias laid out otherwise (tests/constancias.py),
and the rules one by one on plain text, perturbed by Hypothesis (case, accents, spacing, a value
on the label's line or the next). What is not printed must come back unknown."""

from __future__ import annotations

import datetime
import random
import re
import unicodedata
from pathlib import Path

import pytest
from constancias import (
    CONTENTS,
    ITSON,
    LAYOUTS,
    SHOP,
    Content,
    moved,
    table_pdf,
    text_lines,
    text_pdf,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from autohelper.documents import (
    ConstanciaFacts,
    Employer,
    expectation_for,
    judge,
    parse_constancia,
    read_constancia,
    readers,
)
from autohelper.documents.pdf import pdf_bytes_text
from autohelper.documents.report import ConstanciaOfSomeoneElse, mask_shapes
from autohelper.documents.text import fold, name_key
from autohelper.errors import NotAConstancia
from autohelper.mock.documents import (
    CASES,
    MockPerson,
    acuse_umf_pdf,
    comprobante_nss_pdf,
    constancia_pdf,
)

PERSON = MockPerson()
ISSUED = datetime.date(2026, 11, 23)


# -- the mock's constancias -----------------------------------------------------------------
@pytest.mark.parametrize("case", CASES)
def test_mock_constancia_is_read_fully(case: str) -> None:
    data = constancia_pdf(case, PERSON, ISSUED)  # type: ignore[arg-type]
    facts = parse_constancia(pdf_bytes_text(data))
    assert facts.recognised
    assert facts.unknown() == ()
    assert (facts.nss, facts.curp, facts.name) == (PERSON.nss, PERSON.curp, PERSON.full_name)
    assert (facts.umf, facts.turno, facts.consultorio) == ("37", "MATUTINO", "12")
    assert facts.issued == ISSUED
    assert facts.con_derecho is (case != "sin_derecho")
    assert facts.situacion == ("BAJA" if case == "sin_derecho" else "VIGENTE")
    assert facts.last_employer_basis == "caption"


def test_mock_vigente_lists_itson_last_and_an_earlier_job() -> None:
    facts = parse_constancia(pdf_bytes_text(constancia_pdf("vigente", PERSON, ISSUED)))
    assert facts.last_employer == Employer(
        "Y5845183325", 32, "INSTITUTO TECNOLÓGICO DE SONORA", "SEGURO FACULTATIVO ESTUDIANTES"
    )
    assert [e.registro for e in facts.employers] == ["Y5845183325", "E7012345109"]
    assert facts.employers[1].modalidad == 10
    assert facts.vigencia_start == ISSUED - datetime.timedelta(days=4)
    assert facts.vigencia_end == ISSUED + datetime.timedelta(days=365)


def test_other_documents_of_the_mock_are_not_constancias(tmp_path: Path) -> None:
    for data in (acuse_umf_pdf(PERSON), comprobante_nss_pdf(PERSON)):
        assert not parse_constancia(pdf_bytes_text(data)).recognised
    path = tmp_path / "acuseTramite.pdf"
    path.write_bytes(acuse_umf_pdf(PERSON))
    with pytest.raises(NotAConstancia) as caught:
        read_constancia(path)
    assert caught.value.message("es").startswith(f"No pude leer {path}: no parece una constancia")


# -- other layouts ----------------------------------------------------------------------------
def _expected(content: Content) -> dict[str, object]:
    return {
        "nss": content.nss,
        "curp": content.curp,
        "name": name_key(content.name),
        "situacion": content.situacion,
        "con_derecho": content.con_derecho,
        "umf": content.umf,
        "turno": content.turno,
        "consultorio": content.consultorio,
        "start": content.start,
        "end": content.end,
        "issued": content.issued,
        "last": (
            content.last.registro,
            content.last.modalidad,
            name_key(content.last.name),
            content.last.description or None,
        ),
        "registros": sorted(e.registro for e in (content.last, *content.earlier)),
    }


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("case", sorted(CONTENTS))
def test_constancias_laid_out_otherwise_read_the_same(layout: str, case: str) -> None:
    content = CONTENTS[case]
    facts = parse_constancia(pdf_bytes_text(LAYOUTS[layout](content)))
    last = facts.last_employer
    assert last is not None, facts
    got = {
        "nss": facts.nss,
        "curp": facts.curp,
        "name": name_key(facts.name or ""),
        "situacion": facts.situacion,
        "con_derecho": facts.con_derecho,
        "umf": facts.umf,
        "turno": facts.turno,
        "consultorio": facts.consultorio,
        "start": facts.vigencia_start,
        "end": facts.vigencia_end,
        "issued": facts.issued,
        "last": (last.registro, last.modalidad, name_key(last.name or ""), last.description),
        "registros": sorted(e.registro for e in facts.employers),
    }
    assert got == _expected(content)
    for employer in facts.employers:
        printed = next(
            e for e in (content.last, *content.earlier) if e.registro == employer.registro
        )
        assert employer.modalidad == printed.modalidad
        assert name_key(employer.name or "") == name_key(printed.name)


# -- rules, on plain text --------------------------------------------------------------------
BASE = """INSTITUTO MEXICANO DEL SEGURO SOCIAL
CONSTANCIA DE VIGENCIA DE DERECHOS
Número de Seguridad Social: 04185612340
CURP: HEGG560427MVZRRL04
Nombre: GLORIA HERNÁNDEZ GARCÍA
Situación: VIGENTE
Con derecho al servicio médico: SI
UMF: 37
Turno: MATUTINO
Consultorio: 12
Vigente desde: 19/11/2026
Vigente hasta: 23/11/2027
Fecha de emisión: 23/11/2026
Patrón del último movimiento del asegurado
Registro patronal: Y5845183325
Modalidad: 32
Nombre o razón social: INSTITUTO TECNOLÓGICO DE SONORA
Descripción: SEGURO FACULTATIVO ESTUDIANTES
"""


def _summary(text: str) -> tuple[object, ...]:
    facts = parse_constancia(text)
    last = facts.last_employer
    return (
        facts.nss,
        facts.curp,
        name_key(facts.name or ""),
        facts.situacion,
        facts.con_derecho,
        facts.umf,
        facts.turno,
        facts.consultorio,
        facts.vigencia_start,
        facts.vigencia_end,
        facts.issued,
        last
        and (
            last.registro,
            last.modalidad,
            name_key(last.name or ""),
            fold(last.description or ""),
        ),
    )


EXPECTED = (
    "04185612340",
    "HEGG560427MVZRRL04",
    "GLORIAHERNANDEZGARCIA",
    "VIGENTE",
    True,
    "37",
    "MATUTINO",
    "12",
    datetime.date(2026, 11, 19),
    datetime.date(2027, 11, 23),
    datetime.date(2026, 11, 23),
    ("Y5845183325", 32, "INSTITUTOTECNOLOGICODESONORA", "SEGURO FACULTATIVO ESTUDIANTES"),
)


def test_base_text_reads_every_fact() -> None:
    assert _summary(BASE) == EXPECTED


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


@st.composite
def _perturbed(draw: st.DrawFn) -> str:
    lines = []
    for line in BASE.splitlines():
        label, sep, value = line.partition(": ")
        case = draw(st.sampled_from(["keep", "upper", "lower", "title"]))
        if case != "keep":
            # Values are data the IMSS prints upper case; labels may be any case.
            label = getattr(label, case)()
        if draw(st.booleans()):
            label, value = _strip_accents(label), _strip_accents(value)
        gap = draw(st.sampled_from([" ", "   ", "\t", "\u00a0", " \u00a0 "]))
        if sep and draw(st.booleans()):
            lines.append(f"{draw(st.sampled_from(['', ' ', '  ']))}{label}")
            lines.append(f"{value}{draw(st.sampled_from(['', ' ']))}")
        elif sep:
            colon = draw(st.sampled_from([":", " :", "", " -"]))
            lines.append(f"{label}{colon}{gap}{value}")
        else:
            lines.append(label)
        if draw(st.integers(0, 9)) == 0:
            lines.append("")
    return "\n".join(lines)


@settings(max_examples=150, deadline=None)
@given(_perturbed())
def test_case_accents_spacing_and_line_breaks_do_not_change_the_facts(text: str) -> None:
    assert _summary(text) == EXPECTED


def test_unknown_facts_are_none_never_guessed() -> None:
    facts = parse_constancia(
        "CONSTANCIA DE VIGENCIA DE DERECHOS\nCon derecho al servicio médico: SI\n"
    )
    assert facts.recognised and facts.con_derecho is True
    assert set(facts.unknown()) == {
        "situacion", "umf", "turno", "consultorio", "vigencia_start", "vigencia_end", "issued",
        "nss", "curp", "name", "last_employer", "employers",
    }  # fmt: skip


def test_a_label_with_an_unreadable_value_is_unknown() -> None:
    facts = parse_constancia(
        BASE.replace("Con derecho al servicio médico: SI", "Con derecho al servicio médico: ???")
    )
    assert facts.con_derecho is None
    facts = parse_constancia(BASE.replace("Vigente hasta: 23/11/2027", "Vigente hasta: 31/02/2027"))
    assert facts.vigencia_end is None


def test_sin_derecho_printed_as_data_counts_but_not_in_a_sentence() -> None:
    head = "CONSTANCIA DE VIGENCIA DE DERECHOS\n"
    printed = head + "EL ASEGURADO SE ENCUENTRA SIN DERECHO AL SERVICIO MÉDICO\n"
    assert parse_constancia(printed).con_derecho is False
    prose = head + "Si usted está sin derecho al servicio médico, acuda a su UMF.\n"
    assert parse_constancia(prose).con_derecho is None


def test_a_vigencia_range_on_one_line() -> None:
    text = BASE.replace(
        "Vigente desde: 19/11/2026\nVigente hasta: 23/11/2027\n",
        "Vigencia: del 19/11/2026 al 23/11/2027\n",
    )
    facts = parse_constancia(text)
    assert (facts.vigencia_start, facts.vigencia_end) == (
        datetime.date(2026, 11, 19),
        datetime.date(2027, 11, 23),
    )


@pytest.mark.parametrize(
    "spelled",
    ["23/11/2026", "23-11-2026", "2026-11-23", "23 de noviembre de 2026", "23/NOV/2026",
     "23-Nov-2026", "23 NOV 2026", "23 de Noviembre del 2026"],
)  # fmt: skip
def test_dates_in_their_usual_spellings(spelled: str) -> None:
    facts = parse_constancia(
        BASE.replace("Fecha de emisión: 23/11/2026", f"Fecha de emisión: {spelled}")
    )
    assert facts.issued == datetime.date(2026, 11, 23)


def test_several_employers_without_a_caption_leave_the_last_unknown() -> None:
    text = """CONSTANCIA DE VIGENCIA DE DERECHOS
Con derecho al servicio médico: SI
Registro patronal  Modalidad  Nombre o razón social
Y5845183325  32  INSTITUTO TECNOLOGICO DE SONORA
E7012345109  10  ABARROTES LA ESPERANZA SA DE CV
"""
    facts = parse_constancia(text)
    assert [e.name for e in facts.employers] == [
        "INSTITUTO TECNOLOGICO DE SONORA",
        "ABARROTES LA ESPERANZA SA DE CV",
    ]
    assert [e.modalidad for e in facts.employers] == [32, 10]
    assert facts.last_employer is None and facts.last_employer_basis is None


def test_a_single_employer_is_the_last_one_and_says_why() -> None:
    text = (
        "CONSTANCIA DE VIGENCIA DE DERECHOS\nRegistro patronal: Y5845183325 Modalidad: 32\n"
        "Razón social: INSTITUTO TECNOLOGICO DE SONORA\n"
    )
    facts = parse_constancia(text)
    assert facts.last_employer is not None and facts.last_employer.registro == "Y5845183325"
    assert facts.last_employer_basis == "only_employer"


def test_a_caption_naming_the_employer_on_its_line() -> None:
    text = """CONSTANCIA DE VIGENCIA DE DERECHOS
Registro patronal  Modalidad  Nombre o razón social
Y5845183325  32  INSTITUTO TECNOLOGICO DE SONORA
E7012345109  10  ABARROTES LA ESPERANZA SA DE CV
Patrón del último movimiento del asegurado: ABARROTES LA ESPERANZA, S.A. DE C.V.
"""
    facts = parse_constancia(text)
    assert facts.last_employer is not None and facts.last_employer.registro == "E7012345109"
    assert facts.last_employer_basis == "caption"


def test_a_name_wrapped_in_its_cell_is_joined() -> None:
    text = """CONSTANCIA DE VIGENCIA DE DERECHOS
Patrón del último movimiento del asegurado
Registro patronal Modalidad Nombre o razón social
Y5845183325 32
INSTITUTO TECNOLOGICO DE
SONORA
"""
    facts = parse_constancia(text)
    assert facts.last_employer is not None
    assert facts.last_employer.name == "INSTITUTO TECNOLOGICO DE SONORA"


def test_an_all_digit_registro_is_taken_only_where_a_label_owns_it() -> None:
    text = BASE.replace("Registro patronal: Y5845183325", "Registro patronal: 12345678901")
    facts = parse_constancia(text)
    assert [e.registro for e in facts.employers] == ["12345678901"]
    assert facts.nss == "04185612340"


def test_an_nss_without_a_label_is_the_one_number_of_its_shape() -> None:
    text = BASE.replace("Número de Seguridad Social: 04185612340", "04185612340")
    assert parse_constancia(text).nss == "04185612340"
    # Two different NSS-shaped numbers: which one is the person's is not known.
    twice = text.replace("Consultorio: 12", "Consultorio: 12\n79654321011")
    assert parse_constancia(twice).nss is None


def test_personal_facts_never_show_in_repr_and_are_masked_in_public() -> None:
    facts = parse_constancia(BASE)
    shown = repr(facts) + str(facts.public())
    for personal in ("04185612340", "HEGG560427MVZRRL04", "GLORIA", "HERNÁNDEZ"):
        assert personal not in shown
    assert facts.public()["nss"] == "04…40"
    assert facts.public()["curp"] == "HEGG…L04"


def test_a_random_text_is_not_a_constancia() -> None:
    assert not parse_constancia(
        "Lorem ipsum dolor sit amet.\nFactura 123\nTotal: 450.00"
    ).recognised


def test_extraction_noise_ligatures_and_invisible_characters() -> None:
    noisy = BASE.replace("Consultorio", "Consul\u00adtorio").replace(
        "Situación", "Situaci\u00f3n\u200b"
    )
    noisy = noisy.replace("INSTITUTO", "INSTITUTO").replace("Nombre:", "Nombre :")
    assert _summary(noisy) == EXPECTED
    assert re.sub(r"\s", "", "ﬁ") != "fi"  # the ligature itself is composed away by prepare()
    assert (
        _summary(BASE.replace("Nombre o razón social", "Nombre o razón social".replace("fi", "ﬁ")))
        == EXPECTED
    )


def test_read_constancia_reads_a_file_and_leaves_it(tmp_path: Path) -> None:
    path = tmp_path / f"comprobanteVigenciaDerechos{PERSON.nss}.pdf"
    data = constancia_pdf("otra_escuela", PERSON, ISSUED)
    path.write_bytes(data)
    facts = read_constancia(path)
    assert facts.last_employer is not None and facts.last_employer.modalidad == 32
    assert path.read_bytes() == data
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_several_labels_on_a_line_upper_case_and_a_dashed_registro() -> None:
    text = """CONSTANCIA DE VIGENCIA DE DERECHOS
NOMBRE: HERNANDEZ GARCIA GLORIA
NSS: 04185612340    CURP: HEGG560427MVZRRL04
DELEGACIÓN: SONORA    UMF: 037    TURNO: M    CONSULTORIO: 12
VIGENCIA: VIGENTE HASTA 23/11/2027
CON DERECHO AL SERVICIO MÉDICO: SI
PATRÓN DEL ÚLTIMO MOVIMIENTO DEL ASEGURADO
REGISTRO PATRONAL: Y58-45183-32-5
NOMBRE O RAZÓN SOCIAL: INSTITUTO TECNOLOGICO DE SONORA
MODALIDAD: 32 SEGURO FACULTATIVO ESTUDIANTES
"""
    facts = parse_constancia(text)
    assert (facts.nss, facts.curp, facts.name) == (
        "04185612340",
        "HEGG560427MVZRRL04",
        "HERNANDEZ GARCIA GLORIA",
    )
    assert (facts.umf, facts.turno, facts.consultorio) == ("37", "MATUTINO", "12")
    assert facts.vigencia_end == datetime.date(2027, 11, 23)
    assert facts.situacion is None  # "VIGENCIA:" is no situation label: not guessed
    assert facts.last_employer == Employer(
        "Y5845183325", 32, "INSTITUTO TECNOLOGICO DE SONORA", "SEGURO FACULTATIVO ESTUDIANTES"
    )


def test_labels_without_colons_and_a_row_under_the_caption() -> None:
    text = """Constancia de vigencia de derechos
Nombre HERNANDEZ GARCIA GLORIA Sexo MUJER
Situación afiliatoria VIGENTE
Derecho al servicio médico SÍ
Clínica de adscripción UMF 37 HERMOSILLO
Patrón del último movimiento del asegurado
Y5845183325   INSTITUTO TECNOLÓGICO DE SONORA   32   SEGURO FACULTATIVO ESTUDIANTES
Fecha de emisión 23/11/2026   Página 1 de 1
"""
    facts = parse_constancia(text)
    assert facts.name == "HERNANDEZ GARCIA GLORIA"
    assert (facts.situacion, facts.con_derecho, facts.umf) == ("VIGENTE", True, "37")
    assert facts.issued == datetime.date(2026, 11, 23)
    assert facts.last_employer is not None
    assert facts.last_employer.name == "INSTITUTO TECNOLÓGICO DE SONORA"
    assert facts.last_employer.modalidad == 32


@pytest.mark.parametrize(
    ("marks", "last"),
    [(("SI", "NO"), "Y5845183325"), (("", "X"), "E7012345109"), (("SI", "SI"), None)],
)
def test_the_last_movement_as_a_marked_column(marks: tuple[str, str], last: str | None) -> None:
    text = f"""CONSTANCIA DE VIGENCIA DE DERECHOS
Con derecho al servicio medico SI
Registro patronal | Nombre o razón social | Modalidad | Patrón del último movimiento
Y5845183325 | INSTITUTO TECNOLOGICO DE SONORA | 32 | {marks[0]}
E7012345109 | ABARROTES LA ESPERANZA | 10 | {marks[1]}
"""
    facts = parse_constancia(text)
    assert [e.name for e in facts.employers] == [
        "INSTITUTO TECNOLOGICO DE SONORA",
        "ABARROTES LA ESPERANZA",
    ]
    assert (facts.last_employer.registro if facts.last_employer else None) == last


# -- lines out of place -------------------------------------------------------------------------
MOCK_LINES = text_lines(constancia_pdf("vigente", PERSON, ISSUED))
ITSON_ROW = Employer(
    "Y5845183325", 32, "INSTITUTO TECNOLÓGICO DE SONORA", "SEGURO FACULTATIVO ESTUDIANTES"
)
SHOP_ROW = Employer("E7012345109", 10, "ABARROTES LA ESPERANZA, S.A. DE C.V.")
CURP_LINE = f"CURP: {PERSON.curp}"


def _facts_of(lines: list[str]) -> ConstanciaFacts:
    # Through a real PDF, as the student's file would be read.
    return parse_constancia(pdf_bytes_text(text_pdf(*lines)))


def _no_personal_data_in_employers(facts: ConstanciaFacts) -> None:
    shown = str([employer.public() for employer in facts.employers])
    for piece in (PERSON.curp[:10], PERSON.curp[10:], PERSON.nss, "GLORIA", "HERNÁNDEZ"):
        assert piece not in shown, piece


@pytest.mark.parametrize(
    "after",
    [
        # Under the header of "Patrones anteriores", over the row (the bad-input hunt's PDF).
        ("Registro patronal", 2),
        # Under the caption's header, over the row of the employer of the last movement.
        ("Registro patronal", 1),
        # Between the caption and its table.
        ("Patrón del último", 1),
    ],
)
def test_a_fact_of_another_section_inside_the_employers_table_is_no_row(
    after: tuple[str, int],
) -> None:
    facts = _facts_of(moved(MOCK_LINES, CURP_LINE, *after))
    assert facts.employers == (ITSON_ROW, SHOP_ROW)
    assert facts.last_employer == ITSON_ROW
    assert facts.curp == PERSON.curp
    _no_personal_data_in_employers(facts)


def _out_of_order(seed: int) -> list[str]:
    lines = MOCK_LINES[:]
    random.Random(seed).shuffle(lines)
    return lines


@pytest.mark.parametrize(
    "lines",
    [
        # The bad-input hunt's shuffled.pdf (random.seed(1)): the caption is followed by
        # "Turno: MATUTINO", a heading, a sentence... and only then by a registro.
        pytest.param(_out_of_order(1), id="caption-then-other-sections"),
        # The caption is followed by a row, but the other row stands amid the person's facts.
        pytest.param(_out_of_order(29), id="a-row-amid-other-facts"),
        # A header row over the title "INSTITUTO MEXICANO DEL SEGURO SOCIAL", not over a row.
        pytest.param(_out_of_order(562), id="a-header-over-no-row"),
        # The caption, then the heading of the next section and its table.
        pytest.param(
            [line for line in MOCK_LINES if not line.startswith("Y58")], id="empty-caption"
        ),
    ],
)
def test_text_out_of_order_leaves_the_last_employer_unknown_and_says_so(
    lines: list[str],
) -> None:
    facts = _facts_of(lines)
    assert facts.con_derecho is True
    assert facts.last_employer is None
    assert facts.last_employer_basis == "out_of_order"
    verdict = judge(facts, expectation_for("itson"))
    assert verdict.code == "ilegible"
    assert verdict.missing == ("last_employer.out_of_order",)
    assert "no sigue el orden de una constancia" in verdict.explanation("es")
    assert "not in a constancia's order" in verdict.explanation("en")
    # What is read of each employer is what its row says, or unknown: never another line's.
    for employer in facts.employers:
        printed = ITSON_ROW if employer.registro == ITSON_ROW.registro else SHOP_ROW
        for name in ("modalidad", "name", "description"):
            assert getattr(employer, name) in (getattr(printed, name), None), employer
    _no_personal_data_in_employers(facts)


@pytest.mark.parametrize(
    ("between", "first"),
    [
        # A box of the person's facts read into the table: its number is no modalidad...
        ("Consultorio: 10", Employer("Y5845183325", None, "INSTITUTO TECNOLOGICO DE SONORA")),
        # ... its value no modalidad's description ...
        (
            "Estatus: CONTINUACION VOLUNTARIA",
            Employer("Y5845183325", None, "INSTITUTO TECNOLOGICO DE SONORA"),
        ),
        # ... and a sentence (with a label's word in it) no name.
        ("Consulte este documento a la fecha de su emisión en el portal", Employer("Y5845183325")),
    ],
)
def test_a_line_of_another_section_among_the_rows_is_no_cell(between: str, first: Employer) -> None:
    row = "Y5845183325 INSTITUTO TECNOLOGICO DE SONORA" if first.name else "Y5845183325"
    text = f"""CONSTANCIA DE VIGENCIA DE DERECHOS
Con derecho al servicio médico: SI
Patrón del último movimiento del asegurado
{row}
{between}
E7012345109 10 ABARROTES LA ESPERANZA SA DE CV
"""
    facts = parse_constancia(text)
    assert facts.employers == (
        first,
        Employer("E7012345109", 10, "ABARROTES LA ESPERANZA SA DE CV"),
    )


def test_a_line_under_a_header_with_none_of_its_values_is_not_its_row() -> None:
    # A page break: the next page's header between the table's header and its row.
    lines = moved(MOCK_LINES, "INSTITUTO MEXICANO DEL SEGURO SOCIAL", "Registro patronal", 2)
    facts = _facts_of(lines)
    assert facts.employers == (ITSON_ROW, SHOP_ROW)
    assert facts.last_employer == ITSON_ROW


def test_a_page_number_between_the_caption_and_its_table_is_no_disorder() -> None:
    lines = moved([*MOCK_LINES, "Página 1 de 2"], "Página 1 de 2", "Patrón del último")
    assert _facts_of(lines).last_employer == ITSON_ROW


def test_pieces_of_a_name_on_different_lines_are_no_name() -> None:
    # Two rows without labels and, between them, a line that belongs to no row: which of the
    # words are the first employer's name is not known.
    text = """CONSTANCIA DE VIGENCIA DE DERECHOS
Con derecho al servicio médico: SI
Patrón del último movimiento del asegurado
Y5845183325 32
INSTITUTO TECNOLOGICO DE SONORA
MERCADO CENTRAL
E7012345109 10 ABARROTES LA ESPERANZA SA DE CV
"""
    facts = parse_constancia(text)
    assert facts.last_employer is not None and facts.last_employer.registro == "Y5845183325"
    assert facts.last_employer.name is None
    assert "MERCADO" not in str(facts.employers)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("ABARROTES LA ESPERANZA, S.A. DE C.V.", "ABARROTES LA ESPERANZA, S.A. DE C.V."),
        ("Y5845183325", "Y5845183325"),
        ("HEGG560427MVZRRL04", "HEGG…L04"),
        ("SA 3HMCLNS09", "SA …"),  # the second half of a CURP, cut by the layout
        ("hegg560427 ABARROTES", "… ABARROTES"),  # its first half
        ("04185612340", "04…40"),
        ("04 18 56 12 34 0", "04…40"),
        ("644-410-9004", "644-410-9004"),  # ten digits: a phone, no NSS
    ],
)
def test_mask_shapes_masks_curps_their_halves_and_nss(text: str, shown: str) -> None:
    assert mask_shapes(text) == shown


def test_the_scenario_reader_scrubs_its_yields_and_refuses_someone_elses(tmp_path: Path) -> None:
    lines = [
        line.replace("ABARROTES LA ESPERANZA", f"ABARROTES GARCIA {PERSON.curp[10:]}")
        for line in text_lines(constancia_pdf("otro_patron", PERSON, ISSUED))
    ]
    lines = [line.replace("OPERADORA", f"OPERADORA {PERSON.curp[10:]}") for line in lines]
    path = tmp_path / "constancia.pdf"
    path.write_bytes(text_pdf(*lines))
    profile = {"curp": PERSON.curp, "nss": PERSON.nss, "first_surname": "GARCIA"}
    reading = readers.read_constancia(path, profile)
    assert reading.yields["verdict"] == "otro_patron"
    assert PERSON.curp[10:] not in reading.text + reading.meaning
    assert reading.yields["patron"].startswith("OPERADORA …")
    other = {"curp": "BEML920313HMCLNS09", "nss": "09139253356"}
    with pytest.raises(ConstanciaOfSomeoneElse) as caught:
        readers.read_constancia(path, other)
    assert "HEGG…L04" in caught.value.message("es") and "04…40" in caught.value.message("es")


# -- tables whose cells wrap, history first, glued labels (hunt14) ------------------------------
_WIDTHS = {
    # name column, description column: the name over 1 to 4 lines, the description over 1 to 3.
    "no-wrap": (30, 20, 80, 60),
    "name-2-desc-2": (30, 20, 40, 45),
    "name-3-desc-3": (30, 20, 25, 25),
    "name-4": (30, 20, 20, 60),
    "desc-2-only": (30, 20, 80, 30),
}
_FOOTERS = {
    "none": (),
    "page": ("Página 1 de 1",),
    "sentence": ("Este documento es informativo y se emite a la fecha de su emisión.",),
    "institution": ("INSTITUTO MEXICANO DEL SEGURO SOCIAL",),
    "hash": ("||3b8a8fce900f1221d0fb0087f4de5c757781dc14||",),
}


# Every width with every spelling, each with another footer and with or without a job before:
# every pair of widths and footers, spellings and jobs is met (the whole product, 150 PDFs, found
# nothing more).
_SPELLINGS = [(False, True), (True, False), (True, True)]
_WRAPS = [
    (widths, footer, *spelling, earlier)
    for n, (widths, spelling) in enumerate((w, s) for w in sorted(_WIDTHS) for s in _SPELLINGS)
    for footer, earlier in [(sorted(_FOOTERS)[n % len(_FOOTERS)], n % 2 == 1)]
]


@pytest.mark.parametrize(("widths", "footer", "upper", "accents", "earlier"), _WRAPS)
def test_a_row_whose_cells_wrap_reads_its_name_and_description(
    widths: str, footer: str, upper: bool, accents: bool, earlier: bool
) -> None:
    # hunt14 finding 1: "INSTITUTO" / "TECNOLÓGICO DE" / "SONORA" / "SEGURO FACULTATIVO" /
    # "ESTUDIANTES" under the row was read "INSTITUTO" ("SEGURO FACULTATIVO"): otro_patron.
    content = Content("VIGENTE", True, ITSON, (SHOP,) if earlier else ())
    data = table_pdf(
        content, _WIDTHS[widths], upper=upper, accents=accents, footer=_FOOTERS[footer]
    )
    facts = parse_constancia(pdf_bytes_text(data))
    last = facts.last_employer
    assert last is not None and facts.last_employer_basis == "caption"
    assert (last.registro, last.modalidad) == (ITSON.registro, 32)
    assert name_key(last.name or "") == name_key(ITSON.name)
    assert fold(last.description or "") == "SEGURO FACULTATIVO ESTUDIANTES"
    assert judge(facts, expectation_for("itson")).code == "vigente"
    assert not last.unclear
    for employer in facts.employers[1:]:
        # The job's name, wrapped without a description to bound it (or with a footer's
        # line after it): read, or unknown; never another line's.
        assert employer.name is None or name_key(employer.name) == name_key(SHOP.name)
        assert employer.description is None


@pytest.mark.parametrize("case", ["otro_patron", "otra_escuela", "sin_derecho"])
def test_wrapped_cells_of_other_employers_keep_their_verdict(case: str) -> None:
    content = CONTENTS[case]
    facts = parse_constancia(pdf_bytes_text(table_pdf(content, _WIDTHS["name-3-desc-3"])))
    assert judge(facts, expectation_for("itson")).code in (case, "ilegible")
    if content.last.description:
        assert facts.last_employer is not None
        assert name_key(facts.last_employer.name or "") == name_key(content.last.name)


_UNCLEAR_ROWS = {
    # Each cell's lines printed across the row, line by line: the name is cut by the
    # description, and what is the description's is not known.
    "across-description-wraps": [
        "Y5845183325 32 INSTITUTO SEGURO FACULTATIVO",
        "TECNOLÓGICO DE ESTUDIANTES",
        "SONORA",
    ],
    "across-name-wraps": [
        "Y5845183325 32 INSTITUTO SEGURO FACULTATIVO ESTUDIANTES",
        "TECNOLÓGICO DE",
        "SONORA",
    ],
    # A line after a wrapped row's description that may be its cell or anything else.
    "a-line-after-the-description": [
        "Y5845183325 32 INSTITUTO",
        "TECNOLOGICO DE SONORA",
        "SEGURO FACULTATIVO",
        "ESTUDIANTES",
        "UNIVERSIDAD DE SONORA",
    ],
}


@pytest.mark.parametrize("rows", sorted(_UNCLEAR_ROWS))
@pytest.mark.parametrize("institution", ["itson", "generic"])
def test_wrapped_cells_that_cannot_be_told_apart_are_ilegible(rows: str, institution: str) -> None:
    lines = [
        "CONSTANCIA DE VIGENCIA DE DERECHOS",
        "Fecha de emisión: 23/11/2026",
        "Con derecho al servicio médico: SI",
        "Patrón del último movimiento del asegurado",
        "Registro patronal   Modalidad   Nombre o razón social   Descripción",
        *_UNCLEAR_ROWS[rows],
    ]
    facts = _facts_of(lines)
    verdict = judge(facts, expectation_for(institution), today=ISSUED)
    assert (verdict.code, verdict.missing) == ("ilegible", ("last_employer.unclear",))
    assert facts.last_employer is not None and facts.last_employer.unclear
    assert (facts.last_employer.name, facts.last_employer.description) == (None, None)
    assert "no se distingue" in verdict.explanation("es")
    assert "cannot be told" in verdict.explanation("en")


@pytest.mark.parametrize("heading", ["Patrones", "Historial de patrones", "Patrones anteriores"])
@pytest.mark.parametrize("widths", ["no-wrap", "name-2-desc-2"])
def test_the_history_printed_before_the_caption_leaves_the_row_under_it_the_last(
    heading: str, widths: str
) -> None:
    # hunt14 finding 2: "Patrones" / a job's row / the caption / ITSON's row read as text out
    # of order ("bajo el título no está su patrón").
    content = Content("VIGENTE", True, ITSON, (SHOP,))
    data = table_pdf(content, _WIDTHS[widths], history=heading)
    facts = parse_constancia(pdf_bytes_text(data))
    assert facts.last_employer is not None, facts
    assert facts.last_employer.registro == ITSON.registro
    assert facts.last_employer_basis == "caption"
    assert name_key(facts.last_employer.name or "") == name_key(ITSON.name)
    assert [e.registro for e in facts.employers] == [SHOP.registro, ITSON.registro]
    assert judge(facts, expectation_for("itson")).code == "vigente"


def test_the_hunts_history_first_text() -> None:
    lines = [
        "CONSTANCIA DE VIGENCIA DE DERECHOS",
        "Fecha de emisión: 23/11/2026",
        "Con derecho al servicio médico: SI",
        "Patrones",
        "Y5845183325 10 ABARROTES LA PASADITA SA DE CV",
        "Patrón del último movimiento del asegurado",
        "E8015183109 32 INSTITUTO TECNOLOGICO DE SONORA SEGURO FACULTATIVO ESTUDIANTES",
    ]
    facts = _facts_of(lines)
    assert facts.last_employer == Employer(
        "E8015183109", 32, "INSTITUTO TECNOLOGICO DE SONORA", "SEGURO FACULTATIVO ESTUDIANTES"
    )


@pytest.mark.parametrize("stacked", [True, False])
@pytest.mark.parametrize("accents", [True, False])
def test_glued_header_labels_leave_registro_and_modalidad_out_of_the_name(
    stacked: bool, accents: bool
) -> None:
    # hunt14 finding 7: "REGISTRO PATRONALMODALIDAD NOMBRE O RAZON SOCIAL DESCRIPCION" over
    # the row: the name was read "E8015183109 32 INSTITUTO TECNOLOGICO DE SONORA".
    content = Content("VIGENTE", True, ITSON, (SHOP,))
    data = table_pdf(content, _WIDTHS["no-wrap"], upper=True, accents=accents, stacked=stacked)
    assert "PATRONALMODALIDAD" in pdf_bytes_text(data)
    facts = parse_constancia(pdf_bytes_text(data))
    assert facts.employers == (
        Employer(ITSON.registro, 32, fold(ITSON.name) if not accents else ITSON.name.upper(),
                 "SEGURO FACULTATIVO ESTUDIANTES"),
        Employer(SHOP.registro, 10, SHOP.name),
    )  # fmt: skip
    assert facts.last_employer == facts.employers[0]

"""What a constancia's facts mean against an expectation: every verdict, the facts it rests on,
the name comparison, and the explanation in Spanish and English."""

from __future__ import annotations

import datetime
import json
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autohelper.documents import ConstanciaFacts, Employer, expectation_for, judge

ITSON = Employer(
    "Y5845183325", 32, "INSTITUTO TECNOLÓGICO DE SONORA", "SEGURO FACULTATIVO ESTUDIANTES"
)
UNISON = Employer("Y5812345106", 32, "UNIVERSIDAD DE SONORA", "SEGURO FACULTATIVO ESTUDIANTES")
SHOP = Employer("E7012345109", 10, "ABARROTES LA ESPERANZA SA DE CV")
ITSON_AS_JOB = Employer("Y5845183325", 10, "INSTITUTO TECNOLOGICO DE SONORA")
ITSON_NO_MODALIDAD = Employer("Y5845183325", None, "INSTITUTO TECNOLOGICO DE SONORA")
ITSON_DESCRIBED = Employer(
    "Y5845183325", None, "INSTITUTO TECNOLOGICO DE SONORA", "SEGURO FACULTATIVO ESTUDIANTES"
)
CFE = Employer(
    "C1234567890", 32, "COMISION FEDERAL DE ELECTRICIDAD", "SEGURO FACULTATIVO IMSS / CFE"
)


TODAY = datetime.date.today()


def facts(
    rights: bool | None = True, last: Employer | None = ITSON, **more: object
) -> ConstanciaFacts:
    """Facts of a constancia issued yesterday, in force for a year (unless `more` says)."""
    employers = (last,) if last else ()
    more.setdefault("issued", TODAY - datetime.timedelta(days=1))
    more.setdefault("vigencia_end", TODAY + datetime.timedelta(days=364))
    return ConstanciaFacts(
        recognised=True,
        con_derecho=rights,
        employers=more.pop("employers", employers),  # type: ignore[arg-type]
        last_employer=last,
        last_employer_basis="caption" if last else None,
        nss="04185612340",
        curp="HEGG560427MVZRRL04",
        name="GLORIA HERNANDEZ GARCIA",
        **more,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("given_facts", "code"),
    [
        (facts(True, ITSON), "vigente"),
        (facts(False, ITSON), "sin_derecho"),
        (facts(False, SHOP), "sin_derecho"),
        (facts(True, SHOP), "otro_patron"),
        (facts(True, CFE), "otro_patron"),
        (facts(True, UNISON), "otra_escuela"),
        (facts(True, ITSON_AS_JOB), "otro_patron"),
        (facts(True, Employer("Y5812345106", 32, "UNIVERSIDAD DE SONORA")), "otra_escuela"),
        (facts(True, ITSON_DESCRIBED), "vigente"),
        (facts(None, ITSON), "ilegible"),
        (facts(True, None, employers=(ITSON, SHOP)), "ilegible"),
        (facts(True, None), "ilegible"),
        (facts(True, Employer("Y5845183325", 32, None)), "ilegible"),
        (facts(True, ITSON_NO_MODALIDAD), "ilegible"),
        (facts(None, ITSON, situacion="BAJA"), "sin_derecho"),
        (facts(None, ITSON, situacion="VIGENTE"), "vigente"),
    ],
)  # fmt: skip
def test_verdicts_for_itson(given_facts: ConstanciaFacts, code: str) -> None:
    assert judge(given_facts, expectation_for("itson")).code == code


@pytest.mark.parametrize(
    ("last", "code"),
    [(ITSON, "vigente"), (UNISON, "vigente"), (SHOP, "otro_patron"), (CFE, "otro_patron"),
     (Employer("Y5812345106", 32, "UNIVERSIDAD X"), "vigente"),
     (Employer("Y5812345106", None, "UNIVERSIDAD X"), "ilegible")],
)  # fmt: skip
def test_any_school_in_modalidad_32_counts_for_a_generic_procedure(
    last: Employer, code: str
) -> None:
    assert judge(facts(True, last), expectation_for("escolar")).code == code


@pytest.mark.parametrize("institution", [None, "", "generic", "escolar", "unknown-school"])
def test_expectation_without_a_known_school_accepts_any_school(institution: str | None) -> None:
    expectation = expectation_for(institution)
    assert expectation.any_school
    assert expectation.modalidad == 32


@pytest.mark.parametrize("institution", ["itson", "ITSON", " Itson "])
def test_expectation_for_itson_names_the_school(institution: str) -> None:
    expectation = expectation_for(institution)
    assert expectation.employer_names == ("INSTITUTO TECNOLOGICO DE SONORA",)
    assert expectation.modalidad == 32
    assert any("mesadeayuda@itson.edu.mx" in contact for contact in expectation.contacts)


def _variants() -> st.SearchStrategy[str]:
    words = ["INSTITUTO", "TECNOLÓGICO", "DE", "SONORA"]

    def spell(word: str, case: str, accents: bool, dot: bool) -> str:
        if not accents:
            word = "".join(
                c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c)
            )
        word = {"upper": word.upper(), "lower": word.lower(), "title": word.title()}[case]
        return word + ("." if dot else "")

    spelled = st.tuples(
        *[
            st.builds(
                spell,
                st.just(w),
                st.sampled_from(["upper", "lower", "title"]),
                st.booleans(),
                st.booleans(),
            )
            for w in words
        ]
    )
    return st.builds(
        lambda parts, gaps: "".join(p + g for p, g in zip(parts, gaps, strict=True)),
        spelled,
        st.lists(
            st.sampled_from([" ", "  ", "\t", "\u00a0", ", ", "-", ""]), min_size=4, max_size=4
        ),
    )


@settings(deadline=None)
@given(_variants())
def test_the_school_is_named_whatever_the_case_accents_spaces_or_punctuation(name: str) -> None:
    expectation = expectation_for("itson")
    assert expectation.names_school(name)
    assert judge(facts(True, Employer("Y5845183325", 32, name)), expectation).code == "vigente"


def test_another_name_is_not_the_school() -> None:
    expectation = expectation_for("itson")
    assert not expectation.names_school("INSTITUTO TECNOLOGICO DE HERMOSILLO")
    assert not expectation.names_school("UNIVERSIDAD DE SONORA")


def test_a_verdict_rests_on_the_facts_it_names_and_holds_no_personal_data() -> None:
    verdict = judge(facts(True, SHOP), expectation_for("itson"))
    public = verdict.public()
    assert public["verdict"] == "otro_patron"
    assert public["basis"]["con_derecho"] is True
    assert public["basis"]["last_employer"]["registro_patronal"] == "E7012345109"
    assert public["basis"]["last_employer"]["modalidad"] == 10
    assert public["basis"]["last_employer_basis"] == "caption"
    text = json.dumps(public, ensure_ascii=False)
    for personal in ("04185612340", "HEGG560427MVZRRL04", "GLORIA"):
        assert personal not in text


def test_situation_stands_in_only_when_con_derecho_is_unreadable() -> None:
    verdict = judge(facts(None, ITSON, situacion="BAJA"), expectation_for("itson"))
    assert verdict.basis["situacion"] == "BAJA"
    assert "con_derecho" not in verdict.basis
    # When both are printed, "con derecho" decides.
    assert judge(facts(True, ITSON, situacion="BAJA"), expectation_for("itson")).code == "vigente"


def test_ilegible_says_what_is_missing() -> None:
    verdict = judge(facts(True, None, employers=(ITSON, SHOP)), expectation_for("itson"))
    assert verdict.missing == ("last_employer",)
    assert "el patrón del último movimiento" in verdict.explanation("es")
    assert "the employer of the last movement" in verdict.explanation("en")


def test_explanations_name_the_employers_in_both_languages() -> None:
    verdict = judge(facts(True, UNISON), expectation_for("itson"))
    spanish, english = verdict.explanation("es"), verdict.explanation("en")
    assert "UNIVERSIDAD DE SONORA" in spanish and "INSTITUTO TECNOLOGICO DE SONORA" in spanish
    assert "otra escuela" in spanish
    assert "another school" in english
    assert "mesadeayuda@itson.edu.mx" in verdict.advice("es")


def test_sin_derecho_advice_depends_on_the_school() -> None:
    itson = judge(facts(False, SHOP), expectation_for("itson")).advice("es")
    generic = judge(facts(False, SHOP), expectation_for(None)).advice("es")
    assert "2 a 5 días hábiles" in itson and "mesadeayuda@itson.edu.mx" in itson
    assert "Servicios Escolares" in generic and "itson" not in generic


def test_vigente_points_to_the_clinic() -> None:
    verdict = judge(facts(True, ITSON), expectation_for("itson"))
    assert "clínica (UMF)" in verdict.advice("es")
    assert "clinic (UMF)" in verdict.advice("en")


# -- the constancia's dates ------------------------------------------------------------------------
DAY = datetime.date(2026, 11, 24)
D = datetime.date


def dated(
    issued: datetime.date | None, end: datetime.date | None, **more: object
) -> ConstanciaFacts:
    return facts(issued=issued, vigencia_end=end, **more)


@pytest.mark.parametrize(
    ("given_facts", "code", "problem"),
    [
        # issued yesterday, in force for a year: the verdict stands
        (dated(D(2026, 11, 23), D(2027, 11, 23)), "vigente", None),
        # old_2020.pdf: "Vigente hasta 01/03/2021", issued 01/03/2020
        (dated(D(2020, 3, 1), D(2021, 3, 1)), "fuera_de_fecha", "ended"),
        # ended yesterday
        (dated(D(2026, 11, 20), D(2026, 11, 23)), "fuera_de_fecha", "ended"),
        # still in force by its end, but issued more than MAX_AGE_DAYS ago
        (dated(D(2026, 9, 1), D(2027, 9, 1)), "fuera_de_fecha", "old"),
        # future_2030.pdf: issued in 2030, whatever it says
        (dated(D(2030, 3, 1), D(2031, 3, 1)), "fuera_de_fecha", "issued_future"),
        (dated(D(2030, 3, 1), None, rights=False), "fuera_de_fecha", "issued_future"),
        # an old sin_derecho stays sin_derecho (its end is in the past by nature)
        (dated(D(2026, 11, 24), D(2026, 10, 25), rights=False), "sin_derecho", None),
        # only one of the dates read is enough
        (dated(None, D(2027, 1, 1)), "vigente", None),
        (dated(D(2026, 11, 24), None), "vigente", None),
        # neither: no verdict of "in force"
        (dated(None, None), "ilegible", None),
    ],
)  # fmt: skip
def test_a_constancia_out_of_date_is_not_in_force(
    given_facts: ConstanciaFacts, code: str, problem: str | None
) -> None:
    verdict = judge(given_facts, expectation_for("itson"), today=DAY)
    assert verdict.code == code
    assert verdict.basis.get("date_problem") == problem
    if code == "ilegible":
        assert verdict.missing == ("vigencia_end", "issued")
    if problem:
        for lang in ("es", "en"):
            assert "imss-vigencia" in verdict.advice(lang)
            assert verdict.explanation(lang)


def test_out_of_date_explanations_name_the_dates() -> None:
    ended = judge(
        dated(datetime.date(2020, 3, 1), datetime.date(2021, 3, 1)),
        expectation_for("itson"),
        today=DAY,
    )
    assert "vigentes hasta el 01/03/2021: esa fecha ya pasó" in ended.explanation("es")
    assert "in force until 01/03/2021: that date has passed" in ended.explanation("en")
    future = judge(dated(datetime.date(2030, 3, 1), None), expectation_for(None), today=DAY)
    assert "se emitió el 01/03/2030" in future.explanation("es")
    assert "fecha es imposible" in future.explanation("es")
    assert "impossible" in future.explanation("en")
    old = judge(dated(datetime.date(2026, 9, 1), None), expectation_for(None), today=DAY)
    assert "01/09/2026, hace más de 30 días" in old.explanation("es")

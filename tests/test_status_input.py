"""What `status`, `done`, `undo` and `next` make of what a person types: step names (any case,
quoted safely, personal data masked), dates (exactly a year, a month and a day that exist),
output files, and the order `done` weighs on a long procedure."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from support import console

from autohelper import profile as prof
from autohelper.errors import UsageError
from autohelper.status.business_days import parse_day

ROOT = Path(__file__).resolve().parents[1]
CURP = "HEGG560427MVZRRL04"
EMAIL = "estudiante.prueba@example.com"
PHONE = "6449876543"
NSS = "67745656388"
STEPS = "precondicion, nss, solicitud, espera, vigencia, umf"


@pytest.fixture(autouse=True)
def _no_profile_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AUTOHELPER_PROFILE", raising=False)


autohelper_cmd = console  # `autohelper ARGS...` in-process, stdout and stderr apart


def make_profile(name: str | None = None, **values: str) -> None:
    fields = {"curp": CURP, "email": EMAIL, "nss": NSS, "institution": "itson"}
    fields.update(values)
    fields.update(has_other_insurance="no", nss_from_employer="no")
    prof.update_profile(name, {key: value for key, value in fields.items() if value})


def _header() -> str:
    """The ITSON procedure up to its steps: its id, titles, help desk and closed days."""
    text = (ROOT / "scenarios" / "procedures" / "itson.yaml").read_text(encoding="utf-8")
    return text.split("\nsteps:", 1)[0] + "\nsteps:\n"


def use_procedure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, steps: str) -> None:
    """Make `steps` (YAML, indented as under `steps:`) the procedure an ITSON profile follows."""
    folder = tmp_path / "scenarios" / "procedures"
    folder.mkdir(parents=True)
    (folder / "itson.yaml").write_text(_header() + steps, encoding="utf-8")
    monkeypatch.setenv("AUTOHELPER_SCENARIOS", str(folder.parent))


def _manual(step_id: str, depends_on: Sequence[str] = (), done_when: str = "[mark]") -> str:
    needs = f"    depends_on: [{', '.join(depends_on)}]\n" if depends_on else ""
    return (
        f"  - id: {step_id}\n    kind: manual\n"
        f"    title: {{es: Paso {step_id}, en: Step {step_id}}}\n"
        f"    explain: {{es: Hazlo, en: Do it}}\n{needs}    done_when: {done_when}\n"
    )


# -- 1. a long procedure -----------------------------------------------------------------------
def test_done_on_a_long_chain_weighs_every_earlier_step_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """40 steps, each needing the two before it: every path back from the last one was walked
    once per path (about 10^8 of them), so `done` hung. Each step's earlier steps are now found
    once: the first step is still found, 39 steps back, and named in the note."""
    chain = [_manual(f"s{i}", [f"s{j}" for j in (i - 2, i - 1) if j >= 0]) for i in range(40)]
    use_procedure(tmp_path, monkeypatch, "".join(chain))
    make_profile()
    assert autohelper_cmd("done", "s0", "--on", "2026-11-12").exit_code == 0
    result = autohelper_cmd("done", "s39", "--on", "2026-11-10")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "✔ Marcado como hecho: s39 (Paso s39), el martes 10 de noviembre de 2026.\n"
    )
    assert result.stderr.startswith(
        "Aviso: el martes 10 de noviembre de 2026 es antes de «s0» (Paso s0), que suele ir primero"
    )
    assert result.stderr.count("Aviso:") == 1
    # `status` weighs the order of what is done the same way (timeline.comes_after).
    status = autohelper_cmd("status", "--as-of", "2026-11-12")
    assert status.exit_code == 0, status.output
    assert "s39" in status.stdout


def test_the_order_of_the_real_procedures_is_unchanged() -> None:
    """The steps each step comes after, and which orders are strict (a window on the way)."""
    from autohelper.status.procedure import procedure_for
    from autohelper.status.timeline import comes_after

    assert comes_after(procedure_for("itson", "es")) == {
        "precondicion": {},
        "nss": {},
        "solicitud": {"precondicion": False, "nss": False},
        "espera": {"solicitud": True, "precondicion": False, "nss": False},
        "vigencia": {"espera": False, "solicitud": True, "precondicion": False, "nss": False},
        "umf": {
            "vigencia": False,
            "espera": False,
            "solicitud": True,
            "precondicion": False,
            "nss": False,
        },
    }
    assert comes_after(procedure_for("escolar", "es"))["umf"] == {
        "vigencia": False,
        "confirmacion": False,
        "entrega": True,
        "nss": False,
    }


# -- 2. personal data typed in the wrong place ---------------------------------------------------
@pytest.mark.parametrize(
    ("args", "raw", "shown"),
    [
        (("done", CURP), CURP, "«HEGG…L04» no es un paso del procedimiento itson."),
        (("undo", EMAIL), EMAIL, "«e…@example.com» no es un paso del procedimiento itson."),
        (("done", "solicitud", "--on", CURP), CURP, "--on: «HEGG…L04» no es una fecha"),
        (("status", "--as-of", PHONE), PHONE, "--as-of: «…43» no es una fecha"),
        (("next", "--as-of", NSS), NSS, "--as-of: «…88» no es una fecha"),
        (("done", "ana maria garcia"), "maria", "«a… m… g…» no es un paso"),
    ],
)
def test_personal_data_typed_as_a_step_or_a_date_is_masked(
    args: tuple[str, ...], raw: str, shown: str
) -> None:
    make_profile()
    result = autohelper_cmd(*args)
    assert result.exit_code == 1, result.output
    assert raw not in result.output
    assert result.stderr.startswith(f"Error: {shown}")


# -- 3. a step done_when does not let `done` mark ------------------------------------------------
_SCENARIO_STEP = """  - id: cia
    kind: scenario
    scenario: itson-solicitud
    title: {es: Solicitud, en: Request}
    explain: {es: Hazla, en: Do it}
"""


@pytest.mark.parametrize(
    ("steps", "step", "es", "en"),
    [
        (
            _manual("a", done_when="[{profile: {nss: set}}, {profile: {student_id: set}}]"),
            "a",
            "«a» no se marca a mano: queda hecho según tu perfil (nss, student_id). Revísalo "
            "con autohelper profile show y corrígelo con autohelper profile set.",
            "“a” is not marked by hand: your profile gets it done (nss, student_id). Check it "
            "with autohelper profile show and fix it with autohelper profile set.",
        ),
        (
            _SCENARIO_STEP + "    done_when: [{run: {status: success}}]\n",
            "cia",
            "«cia» no se marca a mano: queda hecho con una corrida de su trámite "
            "(autohelper run itson-solicitud).",
            "“cia” is not marked by hand: a run of it gets it done "
            "(autohelper run itson-solicitud).",
        ),
        (
            _SCENARIO_STEP
            + "    done_when: [{run: {status: success}}, {profile: {nss_from_employer: true}}]\n",
            "cia",
            "«cia» no se marca a mano: queda hecho con una corrida de su trámite "
            "(autohelper run itson-solicitud) o según tu perfil (nss_from_employer: "
            "autohelper profile show).",
            "“cia” is not marked by hand: a run of it gets it done (autohelper run "
            "itson-solicitud), or your profile does (nss_from_employer: autohelper profile show).",
        ),
    ],
)
def test_a_step_that_is_not_a_wait_and_cannot_be_marked_says_how_it_gets_done(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, steps: str, step: str, es: str, en: str
) -> None:
    use_procedure(tmp_path, monkeypatch, steps)
    make_profile()
    for args, message in ((("done", step), es), (("--lang", "en", "undo", step.upper()), en)):
        result = autohelper_cmd(*args)
        assert result.exit_code == 1, result.output
        assert result.stderr == f"Error: {message}\n"


# -- 4. dates ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("2026-W46-5", "status.bad_date"),
        ("2026-W46", "status.bad_date"),
        ("20261113", "status.bad_date_meant"),  # not taken, but the date it means is said
        ("2026-11-13T00", "status.bad_date"),
        ("2026-317", "status.bad_date"),
        ("2026-11-13 ", "status.bad_date_meant"),
    ],
)
def test_only_a_year_a_month_and_a_day_are_a_date(text: str, key: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_day(text, "--on")
    assert caught.value.key == key


@pytest.mark.parametrize(
    ("args", "es"),
    [
        (
            ("done", "solicitud", "--on", "20261113"),
            "--on: «20261113» no es una fecha AAAA-MM-DD; ¿quisiste decir 2026-11-13?",
        ),
        (
            ("status", "--as-of", "2026/11/13"),
            "--as-of: «2026/11/13» no es una fecha AAAA-MM-DD; ¿quisiste decir 2026-11-13?",
        ),
        (
            ("done", "solicitud", "--on", "2026.11.13"),
            "--on: «2026.11.13» no es una fecha AAAA-MM-DD; ¿quisiste decir 2026-11-13?",
        ),
        # The year last: read day first, as dates are written in Mexico (and the constancia)...
        (
            ("done", "solicitud", "--on", "05/11/2026"),
            "--on: «05/11/2026» no es una fecha AAAA-MM-DD; ¿quisiste decir 2026-11-05?",
        ),
        # ... else month first, when only that is a date; neither: no guess.
        (
            ("done", "solicitud", "--on", "11/13/2026"),
            "--on: «11/13/2026» no es una fecha AAAA-MM-DD; ¿quisiste decir 2026-11-13?",
        ),
        (
            ("done", "solicitud", "--on", "31/02/2026"),
            "--on: «31/02/2026» no es una fecha AAAA-MM-DD (por ejemplo 2026-11-17).",
        ),
        # Spaces pasted before a date are shown as typed: the date is not masked as a number.
        (
            ("status", "--as-of", " 2026-11-13"),
            "--as-of: « 2026-11-13» no es una fecha AAAA-MM-DD; ¿quisiste decir 2026-11-13?",
        ),
        # Eight digits that are no date stay masked: they may be a number of the person's.
        (
            ("done", "solicitud", "--on", "12345678"),
            "--on: «…78» no es una fecha AAAA-MM-DD (por ejemplo 2026-11-17).",
        ),
    ],
)
def test_a_date_typed_another_way_is_shown_with_the_date_it_means(
    args: tuple[str, ...], es: str
) -> None:
    make_profile()
    result = autohelper_cmd(*args)
    assert result.exit_code == 1, result.output
    assert result.stderr == f"Error: {es}\n"
    result = autohelper_cmd("--lang", "en", "done", "solicitud", "--on", "20261113")
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        "Error: --on: “20261113” is not a date YYYY-MM-DD; did you mean 2026-11-13?\n"
    )


def test_digits_of_other_scripts_are_not_a_date() -> None:
    with pytest.raises(UsageError) as caught:
        parse_day("٢٠٢٦-١١-١٣", "--on")
    assert caught.value.key == "status.bad_date"


@pytest.mark.parametrize(
    ("text", "es", "en"),
    [
        (
            "2026-13-01",
            "«2026-13-01» no es una fecha: no existe el mes 13 (los meses van del 01 al 12).",
            "“2026-13-01” is not a date: there is no month 13 (months go from 01 to 12).",
        ),
        (
            "2026-00-10",
            "«2026-00-10» no es una fecha: no existe el mes 0 (los meses van del 01 al 12).",
            "“2026-00-10” is not a date: there is no month 0 (months go from 01 to 12).",
        ),
        (
            "2026-02-30",
            "«2026-02-30» no es una fecha: febrero de 2026 tiene 28 días, no hay día 30.",
            "“2026-02-30” is not a date: February 2026 has 28 days, there is no day 30.",
        ),
        (
            "2028-02-30",
            "«2028-02-30» no es una fecha: febrero de 2028 tiene 29 días, no hay día 30.",
            "“2028-02-30” is not a date: February 2028 has 29 days, there is no day 30.",
        ),
        (
            "2026-04-31",
            "«2026-04-31» no es una fecha: abril de 2026 tiene 30 días, no hay día 31.",
            "“2026-04-31” is not a date: April 2026 has 30 days, there is no day 31.",
        ),
        (
            "2026-12-00",
            "«2026-12-00» no es una fecha: diciembre de 2026 tiene 31 días, no hay día 0.",
            "“2026-12-00” is not a date: December 2026 has 31 days, there is no day 0.",
        ),
    ],
)
def test_a_month_or_day_that_does_not_exist_is_named(text: str, es: str, en: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_day(text, "--on")
    assert caught.value.message("es") == f"--on: {es}"
    assert caught.value.message("en") == f"--on: {en}"


def test_a_day_that_does_not_exist_is_named_by_the_command_too() -> None:
    make_profile()
    result = autohelper_cmd("--lang", "en", "done", "solicitud", "--on", "2026-02-29")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: --on: “2026-02-29” is not a date: February 2026 has 28 days, there is no day 29.\n"
    )


def test_a_month_and_day_of_one_digit_are_read_as_the_person_wrote_them() -> None:
    import datetime

    assert parse_day("2026-11-5", "--on") == datetime.date(2026, 11, 5)
    assert parse_day("2026-1-09", "--on") == datetime.date(2026, 1, 9)


# -- 5. one file for two outputs -----------------------------------------------------------------
def test_html_and_ics_to_the_same_file_is_refused_before_writing(tmp_path: Path) -> None:
    make_profile()
    target = tmp_path / "same.out"
    (tmp_path / "link").symlink_to(tmp_path)
    for html in (str(target), str(tmp_path / "." / "same.out"), str(tmp_path / "link/same.out")):
        result = autohelper_cmd("status", "--ics", str(target), "--html", html)
        assert result.exit_code == 1, result.output
        assert result.stdout == ""
        assert result.stderr.startswith("Error: --html y --ics apuntan al mismo archivo (")
        assert not target.exists()
    english = autohelper_cmd("--lang", "en", "status", "--html", "a.out", "--ics", "./a.out")
    assert english.stderr.startswith("Error: --html and --ics name the same file (a.out)")
    ok = autohelper_cmd("status", "--ics", str(target), "--html", str(tmp_path / "page.html"))
    assert ok.exit_code == 0, ok.output


# -- 6. next marking a day that has not come -----------------------------------------------------
def test_next_marking_a_day_ahead_says_it_has_not_come_like_done() -> None:
    make_profile(institution="escolar")
    result = autohelper_cmd("next", "--as-of", "2099-11-25", input="s\n")
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(
        "✔ Marcado como hecho: entrega (Entregar tu NSS en Servicios Escolares), "
        "el miércoles 25 de noviembre de 2099.\n"
    )
    assert result.stderr == (
        "Aviso: el miércoles 25 de noviembre de 2099 aún no llega; autohelper status lo tomará "
        "en cuenta desde ese día.\n"
    )


# -- 7. step names as typed ----------------------------------------------------------------------
def test_a_step_id_in_capitals_is_the_step() -> None:
    make_profile()
    result = autohelper_cmd("done", "SOLICITUD", "--on", "2026-11-13")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("✔ Marcado como hecho: solicitud (")
    undone = autohelper_cmd("undo", "Solicitud")
    assert undone.exit_code == 0, undone.output


def test_a_misspelt_step_in_capitals_gets_a_suggestion() -> None:
    make_profile()
    result = autohelper_cmd("done", "SOLICITU")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: «SOLICITU» no es un paso del procedimiento itson (¿quisiste decir "
        f"'solicitud'?). Pasos: {STEPS}.\n"
    )


def test_a_step_name_with_control_characters_is_escaped_and_a_long_one_cut() -> None:
    make_profile()
    result = autohelper_cmd("undo", "paso\x1b[31mrojo\x07")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: «paso\\x1b[31mrojo\\x07» no es un paso del procedimiento itson. Pasos: {STEPS}.\n"
    )
    result = autohelper_cmd("done", "x" * 5000)
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: «{'x' * 60}…» no es un paso del procedimiento itson. Pasos: {STEPS}.\n"
    )


def test_a_step_name_with_a_newline_stays_on_one_line() -> None:
    make_profile()
    result = autohelper_cmd("done", "paso\nnuevo")
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1
    assert "«p… n…»" in result.stderr  # two words: taken for a name, masked


# -- 8. no institution -----------------------------------------------------------------------------
def test_a_profile_without_an_institution_gets_one_command_per_institution() -> None:
    make_profile(institution="")
    result = autohelper_cmd("status")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: Tu perfil no dice tu institución, y de ella depende el procedimiento. Agrégala "
        "con la línea de la tuya:\n"
        "  autohelper profile set institution=itson\n"
        "  autohelper profile set institution=escolar\n"
    )
    make_profile("ana", institution="")
    result = autohelper_cmd("--lang", "en", "done", "nss", "--profile", "ana")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[1:] == [
        "  autohelper profile set institution=itson --profile ana",
        "  autohelper profile set institution=escolar --profile ana",
    ]
    assert all("|" not in line for line in lines)

"""The profile through the CLI: set, show, check, init; storage, permissions and privacy."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from autohelper import profile as prof
from autohelper.cli import cli
from autohelper.errors import AutohelperError, ProfileError
from autohelper.messages import t

CURP = "HEGG560427MVZRRL04"
NSS = "12345678903"  # Luhn-valid; digits 5-6 are "56", as the CURP's year
EMAIL = "ana.lopez@gmail.com"
COMPLETE = [
    f"curp={CURP}",
    f"nss={NSS}",
    f"email={EMAIL}",
    "names=Gloria",
    "first_surname=Hernández",
    "second_surname=García",
    "postal_code=85000",
    "institution=itson",
    "has_other_insurance=no",
    "nss_from_employer=false",
]


# Each test has its own config folder and home (`isolated`, tests/conftest.py).
pytestmark = pytest.mark.usefixtures("isolated")


def default_path(config: Path) -> Path:
    return config / "profiles" / "default.yaml"


def run(*args: str, input: str | None = None) -> tuple[int, str]:
    """Invoke the CLI as `main()` would: an AutohelperError shows `Error: <message>`, exit 1.
    Any other exception is a bug and fails the test."""
    result: Result = CliRunner().invoke(cli, list(args), input=input)
    output = result.output
    if isinstance(result.exception, AutohelperError):
        output += t("core.error_prefix", message=result.exception.message()) + "\n"
    elif result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, output


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --- set ------------------------------------------------------------------------------------


def test_set_creates_a_private_file(isolated: Path) -> None:
    code, output = run("profile", "set", f"curp={CURP.lower()}", f"email={EMAIL}")
    path = default_path(isolated)
    assert code == 0, output
    assert f"Perfil creado: {path}" in output
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700
    assert prof.load_profile().curp == CURP  # normalised to upper case
    assert [p.name for p in path.parent.iterdir()] == ["default.yaml"]  # no temp file left


def test_set_updates_and_keeps_other_fields(isolated: Path) -> None:
    run("profile", "set", f"curp={CURP}")
    code, output = run("profile", "set", "postal_code=85000", "has_other_insurance=sí")
    assert code == 0
    assert "Perfil actualizado" in output
    profile = prof.load_profile()
    assert (profile.curp, profile.postal_code, profile.has_other_insurance) == (CURP, "85000", True)


def test_invalid_value_exits_1_and_writes_nothing(isolated: Path) -> None:
    run("profile", "set", f"curp={CURP}")
    before = default_path(isolated).read_bytes()
    code, output = run("profile", "set", "curp=HEGG560427MVZRRL05", "postal_code=85000")
    assert code == 1
    assert "curp: el dígito verificador de la CURP no coincide (debería ser 4)" in output
    assert default_path(isolated).read_bytes() == before


def test_invalid_value_on_a_new_profile_creates_no_file(isolated: Path) -> None:
    code, _ = run("profile", "set", "curp=PEGL891313MJCRMS08")
    assert code == 1
    assert not default_path(isolated).exists()


@pytest.mark.parametrize(
    ("curp", "message"),
    [
        ("HEGG560427MVZRRL05", "el dígito verificador de la CURP no coincide (debería ser 4)"),
        ("PEGL891313MJCRMS06", "la fecha de nacimiento 891313 no existe"),
        ("HEGG560427MZZRRL06", "el estado 'ZZ' (caracteres 12-13) no existe"),
        ("HEGG560427QVZRRL04", "el sexo (carácter 11) debe ser H, M o X, no 'Q'"),
    ],
)
def test_set_rejects_each_curp_fault_with_its_message(curp: str, message: str) -> None:
    code, output = run("profile", "set", f"curp={curp}")
    assert code == 1
    assert message in output


@pytest.mark.parametrize("curp", ["HEGG560427MVZRRL04", "BEML920313HMCLNS09", "PEGL890909MJCRMS08"])
def test_set_accepts_published_examples(curp: str) -> None:
    assert run("profile", "set", f"curp={curp}")[0] == 0


def test_set_lists_every_problem(isolated: Path) -> None:
    code, output = run("profile", "set", "crup=x", "curp:BEML920313HMCLNS09")
    assert code == 1
    assert "no tiene la forma CLAVE=VALOR" in output
    # A malformed argument may hold personal data, so it is echoed masked.
    assert "BEML920313HMCLNS09" not in output
    code, output = run("profile", "set", "crup=x", "nss=12345678900", "birth_date=1")
    assert code == 1
    assert "3 problema(s)" in output
    assert "campo desconocido 'crup'. ¿Quisiste decir 'curp'?" in output
    assert "nss: el dígito verificador del NSS no coincide (debería ser 3)" in output
    assert "'birth_date' se calcula de la CURP" in output


def test_set_warns_when_nss_and_curp_years_differ() -> None:
    code, output = run("profile", "set", "curp=BEML920313HMCLNS09", f"nss={NSS}")
    assert code == 0
    assert "Aviso: nss: el año de nacimiento del NSS (dígitos 5-6: 56)" in output


def test_required_field_cannot_be_emptied_but_optional_can() -> None:
    run("profile", "set", f"curp={CURP}", f"nss={NSS}")
    assert run("profile", "set", "curp=")[0] == 1
    assert run("profile", "set", "nss=")[0] == 0
    assert prof.load_profile().nss is None


# --- permissions ----------------------------------------------------------------------------


def test_world_readable_profile_is_refused_with_the_fix(isolated: Path) -> None:
    run("profile", "set", f"curp={CURP}")
    path = default_path(isolated)
    os.chmod(path, 0o644)
    for args in (("profile", "show"), ("profile", "check"), ("profile", "set", "nss=")):
        code, output = run(*args)
        assert code == 1
        assert f"chmod 600 {path}" in output
        assert CURP not in output
    with pytest.raises(ProfileError, match="0644"):
        prof.load_profile()


# --- show -----------------------------------------------------------------------------------


def test_show_masks_by_default_and_reveals_on_request() -> None:
    run("profile", "set", *COMPLETE)
    code, output = run("profile", "show")
    assert code == 0
    for raw in (CURP, NSS, EMAIL, "Gloria", "Hernández", "85000", "1956-04-27"):
        assert raw not in output
    assert "HEGG…L04" in output
    assert "a…@gmail.com" in output
    assert "--reveal" in output
    code, output = run("profile", "show", "--reveal")
    assert code == 0
    for raw in (CURP, NSS, EMAIL, "Gloria", "1956-04-27"):
        assert raw in output


def test_show_missing_profile_says_how_to_create_it() -> None:
    code, output = run("profile", "show")
    assert code == 1
    assert "autohelper init" in output


# --- check ----------------------------------------------------------------------------------


def test_check_exit_codes(isolated: Path) -> None:
    run("profile", "set", f"curp={CURP}")
    code, output = run("profile", "check")
    assert code == 1
    assert "email: falta; fíjalo con `autohelper profile set email=...`" in output
    run("profile", "set", *COMPLETE)
    code, output = run("profile", "check")
    assert code == 0
    assert f"El perfil {default_path(isolated)} es válido." in output


def test_check_file_names_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "alumno.yaml"
    path.write_text(
        "# hand-written\ncurp: HEGG560427MVZRRL05\nemial: x@y.com\npostal_code: 85000\n",
        encoding="utf-8",
    )
    os.chmod(path, 0o600)
    code, output = run("profile", "check", str(path))
    assert code == 1
    assert "2: curp: el dígito verificador de la CURP no coincide (debería ser 4)" in output
    assert "3: emial: campo desconocido 'emial'. ¿Quisiste decir 'email'?" in output
    assert "4: postal_code: escribe el valor entre comillas" in output


def test_check_yaml_error_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "roto.yaml"
    path.write_text("curp: HEGG560427MVZRRL04\nemail: [unclosed\n", encoding="utf-8")
    os.chmod(path, 0o600)
    code, output = run("profile", "check", str(path))
    assert code == 1
    assert f"{path}:3:" in output or f"{path}:2:" in output
    assert "el YAML no es válido" in output


def test_a_key_written_twice_is_a_problem_with_its_line(tmp_path: Path) -> None:
    """YAML keeps the last value silently; a hand-edited profile means one of them."""
    path = tmp_path / "alumno.yaml"
    path.write_text(f"curp: {CURP}\nemail: {EMAIL}\ncurp: BEML920313HMCLNS09\n", encoding="utf-8")
    os.chmod(path, 0o600)
    code, output = run("profile", "check", str(path))
    assert code == 1
    assert "3: curp: clave repetida (ya está en la línea 1); deja una sola" in output
    code, output = run("profile", "set", "--profile", str(path), "postal_code=85000")
    assert code == 1
    assert "clave repetida" in output
    assert "85000" not in path.read_text(encoding="utf-8")  # nothing written


# --- init -----------------------------------------------------------------------------------


def test_init_wizard_reasks_after_an_invalid_curp(isolated: Path) -> None:
    answers = [
        "HEGG560427MVZRRL05",  # wrong check digit: asked again
        CURP,
        "",  # no NSS yet
        EMAIL,
        "ana.lopez@gmial.ru",  # confirmation differs: the email is asked again
        EMAIL,
        EMAIL,
        "Gloria",
        "Hernández",
        "García",
        "85000",
        "Calle 5 de Mayo",
        "123-B",
        "",  # no interior number
        "harvard",  # not a choice: asked again
        "itson",
        "no",
        "no",
        "1234567",  # a short ITSON ID: padded
        "",
    ]
    code, output = run("init", input="\n".join(answers) + "\n")
    assert code == 0, output
    assert "debería ser 4" in output
    assert "Inténtalo de nuevo." in output
    assert "los dos correos no coinciden" in output
    assert "debe ser uno de: itson, escolar" in output
    assert "Tu CURP (18 caracteres)" in output  # the one-line explanation
    assert "Colonia" not in output.split("Listo. Resumen")[0]  # filled in by a flow, not asked
    summary = output.split("Listo. Resumen")[1]
    assert "HEGG…L04" in summary
    assert CURP not in summary
    assert "5 de Mayo" not in summary and "123-B" not in summary
    profile = prof.load_profile()
    assert (profile.curp, profile.nss, profile.institution) == (CURP, None, "itson")
    assert (profile.street, profile.exterior_number, profile.interior_number) == (
        "Calle 5 de Mayo",
        "123-B",
        None,
    )
    assert profile.student_id == "00001234567"
    assert profile.has_other_insurance is False
    assert mode(default_path(isolated)) == 0o600
    assert prof.check_profile() == []
    # A new profile: says so, and what to run next.
    assert output.splitlines()[-2:] == [
        f"Perfil creado: {default_path(isolated)}",
        "Siguiente paso: autohelper run imss-nss (o pruébalo antes sin riesgo con "
        "autohelper run imss-nss --against fixtures)",
    ]


# Answers after the email for a complete profile (names ... phone).
_REST = ["Gloria", "Hernández", "", "85000", "", "", "", "itson", "no", "no", "", ""]


def test_init_email_typo_is_offered_a_fix_before_the_confirmation() -> None:
    answers = [CURP, "", "ana.lopez@gmial.com", "", EMAIL, *_REST]
    code, output = run("init", input="\n".join(answers) + "\n")
    assert code == 0, output
    warning = output.index("Aviso: email: ¿quisiste decir gmail.com en vez de gmial.com?")
    offer = output.index("¿Lo corrijo a …@gmail.com? (Enter o sí: corregirlo;")
    confirmation = output.index("Escribe el correo otra vez")
    assert warning < offer < confirmation
    assert prof.load_profile().email == EMAIL


def test_init_email_typo_can_be_kept_on_purpose() -> None:
    typed = "ana.lopez@gmial.com"
    answers = [CURP, "", typed, "quizá", "no", typed, *_REST]
    code, output = run("init", input="\n".join(answers) + "\n")
    assert code == 0, output
    assert "responde sí o no" in output  # "quizá" is asked again
    assert prof.load_profile().email == typed


def test_init_eof_is_a_plain_cancel_and_saves_nothing(isolated: Path) -> None:
    from support import console  # the real entry point: its handler says it, exit 1

    result = console("init", input=f"{CURP}\n\n")
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        "Error: Cancelado: la entrada terminó antes de acabar; no se guardó nada.\n"
    )
    assert not default_path(isolated).exists()


def test_init_keeps_current_values_on_enter() -> None:
    run("profile", "set", *COMPLETE)
    run("profile", "set", "colonia=Centro")
    code, output = run("init", "--profile", "default", input="\n" * 20)
    assert code == 0, output
    assert "Enter para conservar HEGG…L04" in output
    assert prof.load_profile().nss == NSS
    assert prof.load_profile().colonia == "Centro"  # not asked, and kept
    assert output.splitlines()[-2:] == [
        f"Perfil actualizado: {prof.resolve_profile_path()}",
        # The profile was named on the line: the command names it too.
        "Siguiente paso: autohelper status --profile default (dice qué sigue en tu trámite)",
    ]


# --- named profiles, language, API ----------------------------------------------------------


def test_named_profiles_and_paths(isolated: Path, tmp_path: Path) -> None:
    assert run("profile", "set", "--profile", "ana", f"curp={CURP}")[0] == 0
    assert (isolated / "profiles" / "ana.yaml").is_file()
    path = tmp_path / "otros" / "beto.yaml"
    assert run("profile", "set", "--profile", str(path), "curp=BEML920313HMCLNS09")[0] == 0
    assert mode(path) == 0o600
    assert prof.load_profile(str(path)).curp == "BEML920313HMCLNS09"
    assert prof.resolve_profile_path("x.yaml") == Path("x.yaml")
    code, output = run("profile", "show", "--profile", "../bad name")
    assert code == 1


def test_a_profile_name_too_long_is_refused_with_the_maximum(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = "p" * 300  # longer than any file name the system takes
    expected = (
        f"el nombre de perfil '{'p' * 20}…' tiene 300 caracteres; un nombre de perfil tiene "
        "como máximo 64"
    )
    code, output = run("profile", "set", "--profile", name, "names=GLORIA")
    assert code == 1 and expected in output
    monkeypatch.setenv("AUTOHELPER_PROFILE", name)
    code, output = run("status")
    assert code == 1 and expected in output
    monkeypatch.delenv("AUTOHELPER_PROFILE")
    assert run("profile", "set", "--profile", "p" * 64, f"curp={CURP}")[0] == 0


def test_a_profile_path_the_system_cannot_look_up_is_named_with_why(tmp_path: Path) -> None:
    path = tmp_path / f"{'p' * 300}.yaml"
    for args in (("show",), ("set", f"curp={CURP}")):
        code, output = run("profile", *args, "--profile", str(path))
        assert code == 1
        assert output.endswith(": el nombre es demasiado largo para el sistema\n")


def test_english_with_lang_en() -> None:
    code, output = run("--lang", "en", "profile", "set", "curp=HEGG560427MVZRRL05")
    assert code == 1
    assert "the CURP check digit does not match (it should be 4)" in output
    code, output = run("--lang", "en", "profile", "set", f"curp={CURP}")
    assert "Profile created" in output


def test_xdg_config_home_is_honoured(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("AUTOHELPER_CONFIG_DIR")
    assert prof.resolve_profile_path() == tmp_path / "xdg" / "autohelper" / "profiles" / (
        "default.yaml"
    )


def test_template_values_missing_and_redactor() -> None:
    run("profile", "set", *COMPLETE)
    profile = prof.load_profile()
    values = profile.as_template_values()
    assert values["has_other_insurance"] == "false"
    assert values["birth_date"] == "1956-04-27"
    assert values["sex"] == "M"
    assert "student_id" not in values
    assert profile.missing(["curp", "student_id", "phone"]) == ["student_id", "phone"]
    assert set(prof.FIELDS) >= {"curp", "nss", "email", "student_id", "phone", "birth_date"}
    with pytest.raises(ProfileError) as info:
        prof.require_fields(profile, ["student_id"], "default")
    assert "autohelper profile set student_id=..." in info.value.message()
    with pytest.raises(ProfileError) as info:
        prof.require_fields(
            prof.Profile(curp=CURP), ["nss", "phone", "student_id"], "default", {"nss": "imss-nss"}
        )
    assert info.value.message() == (
        "Primero consigue tu NSS: autohelper run imss-nss (si ya lo tienes, guárdalo con "
        "`autohelper profile set nss=...`)\n"
        "el perfil default no tiene phone, student_id; fíjalo con `autohelper profile set "
        "phone=... student_id=...` o con `autohelper init`"
    )
    assert info.value.message("en").startswith("First get your NSS: autohelper run imss-nss")
    redact = prof.redactor_for(profile)
    text = redact(f"curp {CURP.lower()} nss {NSS} mail {EMAIL} born 27/04/1956")
    for raw in (CURP.lower(), NSS, EMAIL, "27/04/1956"):
        assert raw not in text


def test_trusted_load_skips_the_permission_check_for_shipped_fixtures(tmp_path: Path) -> None:
    path = tmp_path / "fixture.yaml"
    path.write_text(f"curp: {CURP}\n", encoding="utf-8")
    os.chmod(path, 0o644)
    with pytest.raises(ProfileError):
        prof.load_profile(path)
    assert prof.load_profile(path, trusted=True).curp == CURP


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "shown"),
    [
        (CURP, "HEGG…L04"),
        ("zeta.unique@example.com", "z…@example.com"),
        ("6621234567", "…67"),
        ("Gloria Hernández", "G… H…"),
    ],
)
def test_an_unknown_key_that_looks_like_personal_data_is_masked(
    tmp_path: Path, key: str, shown: str
) -> None:
    """A value typed where the key goes is personal data: the message names it masked."""
    code, output = run("profile", "set", f"{key}=x")
    assert code == 1
    assert f"  - {shown}: campo desconocido '{shown}'" in output
    assert key not in output
    path = tmp_path / "alumno.yaml"
    path.write_text(f"curp: {CURP}\n'{key}': x\n", encoding="utf-8")
    os.chmod(path, 0o600)
    code, output = run("profile", "check", str(path))
    assert code == 1
    assert f"2: {shown}: campo desconocido '{shown}'" in output
    assert key not in output


def test_an_unknown_key_whatever_its_value_is_reported_once(tmp_path: Path) -> None:
    """The key is the problem: not also its value's type, which would name the key again."""
    path = tmp_path / "alumno.yaml"
    path.write_text(f"curp: {CURP}\n{CURP}: 5\nemial: [x]\n", encoding="utf-8")
    os.chmod(path, 0o600)
    code, output = run("profile", "check", str(path))
    assert code == 1
    assert "2: HEGG…L04: campo desconocido 'HEGG…L04';" in output
    assert "3: emial: campo desconocido 'emial'. ¿Quisiste decir 'email'?" in output
    assert output.count("HEGG…L04") == 2 and output.count("emial") == 2
    assert CURP not in output


def test_a_yaml_tag_that_looks_like_an_email_is_masked(tmp_path: Path) -> None:
    path = tmp_path / "alumno.yaml"
    path.write_text(f"curp: {CURP}\nemail: !zeta.unique@example.com\n", encoding="utf-8")
    os.chmod(path, 0o600)
    code, output = run("profile", "check", str(path))
    assert code == 1
    assert f"{path}:2:8: el YAML no es válido: etiqueta de YAML desconocida «!z…@example.com»" in (
        output
    )
    assert "zeta.unique" not in output


def test_keys_yaml_reads_as_true_or_null_are_named_as_written_with_their_line(
    tmp_path: Path,
) -> None:
    path = tmp_path / "alumno.yaml"
    path.write_text(f"curp: {CURP}\nyes: 1\n~: x\n", encoding="utf-8")
    os.chmod(path, 0o600)
    code, output = run("profile", "check", str(path))
    assert code == 1
    assert "2: yes: campo desconocido 'yes'" in output
    assert "3: ~: campo desconocido '~'" in output
    assert "None" not in output and "True" not in output


@pytest.mark.parametrize(
    ("assignment", "field", "sign"),
    [
        ("student_id=-1", "student_id", "-"),
        ("student_id=+1234567", "student_id", "+"),
        ("nss=-12345678903", "nss", "-"),
        ("postal_code=-85000", "postal_code", "-"),
        ("phone=-6621234567", "phone", "-"),
    ],
)
def test_a_signed_number_is_refused_with_its_field(
    isolated: Path, assignment: str, field: str, sign: str
) -> None:
    code, output = run("profile", "set", assignment)
    assert code == 1
    assert f"{field}: lleva solo dígitos, sin el signo «{sign}» delante" in output
    assert not default_path(isolated).exists()
    # A phone's country code is no sign.
    assert run("profile", "set", "phone=+52 662 123 4567")[0] == 0
    assert prof.load_profile().phone == "6621234567"


def test_saving_through_a_symbolic_link_updates_the_file_it_leads_to(tmp_path: Path) -> None:
    """A profile linked from elsewhere (a synced folder) stays one file: the link is kept."""
    real = tmp_path / "synced" / "perfil.yaml"
    assert run("profile", "set", "--profile", str(real), f"curp={CURP}")[0] == 0
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    code, output = run("profile", "set", "--profile", str(link), "postal_code=85000")
    assert code == 0, output
    assert link.is_symlink()
    assert prof.load_profile(real).postal_code == "85000"
    assert mode(real) == 0o600
    assert sorted(p.name for p in real.parent.iterdir()) == ["perfil.yaml"]  # no temp file


def test_a_loop_of_links_is_refused_with_its_reason(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    code, output = run("profile", "set", "--profile", str(tmp_path / "a.yaml"), f"curp={CURP}")
    assert code == 1
    assert "es un enlace simbólico que, de enlace en enlace, vuelve a sí mismo" in output
    assert (tmp_path / "a.yaml").is_symlink()


def test_every_folder_a_save_creates_is_private(tmp_path: Path, isolated: Path) -> None:
    assert run("profile", "set", f"curp={CURP}")[0] == 0
    assert mode(isolated) == 0o700  # AUTOHELPER_CONFIG_DIR itself
    assert mode(isolated / "profiles") == 0o700
    path = tmp_path / "nueva" / "carpeta" / "x.yaml"
    assert run("profile", "set", "--profile", str(path), f"curp={CURP}")[0] == 0
    assert (mode(tmp_path / "nueva"), mode(path.parent), mode(path)) == (0o700, 0o700, 0o600)


def test_init_at_a_terminal_a_nul_typed_is_dropped_and_ctrl_d_ends_with_exit_1(
    isolated: Path,
) -> None:
    """In a real terminal (a NUL is only lost there): a NUL typed in an answer (Ctrl-@, or
    Ctrl-Space in many terminals) is dropped, not the rest of its line with it (the answer was
    then taken to continue on the next line); Ctrl-D at a question ends the wizard as the end
    of any input does, exit 1, nothing saved."""
    import sys

    import pexpect
    from support import as_at_a_shell

    child = pexpect.spawn(
        sys.executable,
        ["-m", "autohelper", "init"],
        encoding="utf-8",
        preexec_fn=as_at_a_shell,
        timeout=30,
    )
    child.expect("CURP: ")
    child.send(f"{CURP[:8]}\x00{CURP[8:]}\r")
    child.expect(r"NSS \(Enter para dejarlo vacío\): ", timeout=10)
    child.sendeof()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1, child.before
    assert "Cancelado: la entrada terminó antes de acabar; no se guardó nada." in child.before
    assert "Traceback" not in child.before
    assert not default_path(isolated).exists()


# --- init: what it keeps, where it stops ----------------------------------------------------


def test_init_on_a_path_the_system_cannot_look_up_is_named_with_why(tmp_path: Path) -> None:
    code, output = run("init", "--profile", str(tmp_path / f"{'p' * 300}.yaml"), input="")
    assert code == 1
    assert output.endswith(": el nombre es demasiado largo para el sistema\n")


def test_init_asks_again_only_the_invalid_fields_and_keeps_the_rest(isolated: Path) -> None:
    run("profile", "set", *COMPLETE, "colonia=Centro", "phone=6449876543")
    path = default_path(isolated)
    path.write_text(path.read_text().replace("'6449876543'", "'644987654'"))  # 9 digits
    # 14 Enters keep curp ... student_id; the phone, the one bad field, is asked anew.
    code, output = run("init", input="\n" * 14 + "6441112233\n")
    assert code == 0, output
    assert "El perfil actual tiene 1 problema(s); te pregunto de nuevo esos campos" in output
    assert "phone: el teléfono debe tener 10 dígitos" in output
    assert "644987654" not in output
    assert "Enter para conservar HEGG…L04" in output
    profile = prof.load_profile()
    assert (profile.curp, profile.nss, profile.email) == (CURP, NSS, EMAIL)
    assert (profile.colonia, profile.phone) == ("Centro", "6441112233")  # colonia: not asked


def test_init_an_invalid_colonia_is_asked_although_the_wizard_never_asks_it(
    isolated: Path,
) -> None:
    run("profile", "set", *COMPLETE)
    path = default_path(isolated)
    path.write_text(path.read_text() + "colonia: 'Centro$'\n")
    code, output = run("init", input="\n" * 10 + "Centro\n" + "\n" * 10)
    assert code == 0, output
    assert "Colonia" in output.split("Listo. Resumen")[0]
    assert prof.load_profile().colonia == "Centro"


def test_init_ctrl_c_says_nothing_was_saved_and_exits_130(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from support import console

    import autohelper.human

    run("profile", "set", *COMPLETE)
    before = default_path(isolated).read_bytes()
    answers = iter([CURP, ""])

    def prompt(text: str, **options: object) -> str:
        answer = next(answers, None)
        if answer is None:
            raise KeyboardInterrupt  # what human.prompt raises on Ctrl-C
        return answer

    monkeypatch.setattr(autohelper.human, "prompt", prompt)
    result = console("init")
    assert result.exit_code == 130, result.output
    assert "no se guardó nada de lo que escribiste; el perfil quedó como estaba" in result.stderr
    assert "Desde aquí no se envió nada" not in result.stderr
    assert default_path(isolated).read_bytes() == before


def test_init_a_profile_that_cannot_be_saved_is_said_before_the_first_question(
    tmp_path: Path,
) -> None:
    (tmp_path / "file").write_text("")
    target = tmp_path / "file" / "sub" / "p.yaml"
    code, output = run("init", "--profile", str(target), input="\n".join([CURP, "", *_REST]))
    assert code == 1
    assert "no pude guardar el perfil" in output
    assert "una parte de la ruta es un archivo" in output
    assert "CURP" not in output


def test_set_keeps_the_students_own_comments_above_their_keys(isolated: Path) -> None:
    run("profile", "set", *COMPLETE)
    path = default_path(isolated)
    text = path.read_text().replace("email:", "# el de la escuela, no el personal\nemail:")
    path.write_text(text + "# folio ITSON pendiente\n")
    code, output = run("profile", "set", "phone=6441112233")
    assert code == 0, output
    lines = path.read_text().splitlines()
    assert lines[lines.index("# el de la escuela, no el personal") + 1].startswith("email:")
    assert lines[-1] == "# folio ITSON pendiente"
    assert sum(line.startswith("# autohelper:") for line in lines) == 2  # our header once
    assert prof.load_profile().phone == "6441112233"


def test_set_keeps_a_comment_after_a_value_on_its_line(isolated: Path) -> None:
    """A comment after a value stays after it, the changed value's too; a `#` inside quotes
    is part of the value, not a comment."""
    run("profile", "set", *COMPLETE)
    path = default_path(isolated)
    lines = path.read_text().splitlines()
    for number, line in enumerate(lines):
        if line.startswith("email:"):
            lines[number] = line + "  # el de la escuela"
        if line.startswith("postal_code:"):
            lines[number] = line + "\t# casa de mis papás"
    path.write_text("\n".join(lines) + '\ncolonia: "Centro #2"  # la vieja\n')
    code, output = run("profile", "set", "postal_code=85010")
    assert code == 0, output
    text = path.read_text()
    assert "  # el de la escuela\n" in text
    assert "postal_code: '85010'  # casa de mis papás\n" in text
    assert "colonia: 'Centro #2'  # la vieja\n" in text
    assert prof.load_profile().colonia == "Centro #2"


def test_set_a_field_name_alone_is_named_as_typed_and_a_value_masked() -> None:
    code, output = run("profile", "set", "nss")
    assert code == 1 and "'nss' no tiene la forma CLAVE=VALOR" in output
    code, output = run("profile", "set", CURP)
    assert code == 1 and CURP not in output and "no tiene la forma CLAVE=VALOR" in output


def test_set_an_empty_key_says_so_and_masks_the_value() -> None:
    """`=x` was echoed as a bare "…", which named no argument; a value after the `=` may still
    be personal data (`=CURP`), so it stays masked."""
    code, output = run("profile", "set", "=x")
    assert code == 1
    assert "'=…' no tiene clave antes del «=»: escribe CLAVE=VALOR" in output
    code, output = run("--lang", "en", "profile", "set", f"={CURP}")
    assert code == 1 and CURP not in output
    assert "'=H…4' has no key before the “=”: write KEY=VALUE" in output


@pytest.mark.parametrize(
    ("pair", "es", "en"),
    [
        (
            "street=ana@gmail.com",
            "street: solo letras, dígitos, espacios y . , # ' / ° -; sobra «@» "
            "(U+0040 COMMERCIAL AT)",
            "street: letters, digits, spaces and . , # ' / ° - only; remove «@» "
            "(U+0040 COMMERCIAL AT)",
        ),
        (
            "colonia=X😀",
            "colonia: solo letras, dígitos, espacios y . , # ' / ° -; sobra «😀» "
            "(U+1F600 GRINNING FACE)",
            "colonia: letters, digits, spaces and . , # ' / ° - only; remove «😀» "
            "(U+1F600 GRINNING FACE)",
        ),
        (
            "exterior_number=12*",
            "exterior_number: solo letras, dígitos, espacios y . / # - (por ejemplo 123-B o "
            "S/N); sobra «*» (U+002A ASTERISK)",
            "exterior_number: letters, digits, spaces and . / # - only (for example 123-B or "
            "S/N); remove «*» (U+002A ASTERISK)",
        ),
        (
            "street=Calle\u200b5",
            "street: solo letras, dígitos, espacios y . , # ' / ° -; lleva un carácter "
            "invisible, U+200B ZERO WIDTH SPACE",
            "street: letters, digits, spaces and . , # ' / ° - only; it holds an invisible "
            "character, U+200B ZERO WIDTH SPACE",
        ),
    ],
)
def test_an_address_field_names_the_character_it_does_not_take(pair: str, es: str, en: str) -> None:
    code, output = run("profile", "set", pair)
    assert code == 1 and es in output, output
    code, output = run("--lang", "en", "profile", "set", pair)
    assert code == 1 and en in output, output


def test_set_a_key_given_twice_is_refused_and_changes_nothing(isolated: Path) -> None:
    """The file refuses a key written twice; the command line does too: `nss=` last would
    silently unset the NSS just given."""
    assert run("profile", "set", f"curp={CURP}", f"nss={NSS}")[0] == 0
    before = default_path(isolated).read_bytes()
    code, output = run("profile", "set", "nss=09139253356", "nss=")
    assert code == 1
    assert "Error: nss está dos veces en la orden" in output
    assert default_path(isolated).read_bytes() == before
    assert prof.load_profile().nss == NSS


@pytest.mark.parametrize(
    ("field", "word"),
    [(field, word) for field, words in prof.FIELD_WORDS.items() for word in words],
)
def test_every_word_for_a_field_suggests_that_field(field: str, word: str) -> None:
    for typed in (word, word.upper(), word.replace(" ", "_")):
        (problem,) = prof.validate_value(typed, "x").problems
        if field in prof.DERIVED_FIELDS:
            assert problem.key == "profile.derived_field"
        else:
            assert problem.key == "profile.unknown_field"
            assert problem.params["suggestion"] == field


def test_a_field_in_capitals_or_by_its_label_gets_its_key_and_a_stranger_the_list() -> None:
    suggested = {
        key: prof.validate_value(key, "x").problems[0].params.get("suggestion")
        for key in ("CURP", "EMAIL", "NSS", "Postal_Code", "CÓDIGO POSTAL", "Primer apellido")
    }
    assert suggested == {
        "CURP": "curp",
        "EMAIL": "email",
        "NSS": "nss",
        "Postal_Code": "postal_code",
        "CÓDIGO POSTAL": "postal_code",
        "Primer apellido": "first_surname",
    }
    # A misspelling is never taken for a field nobody sets: `yes` is not `sex`.
    assert prof.validate_value("yes", "1").problems[0].key == "profile.unknown_field_list"


def test_names_are_stored_nfkc_as_the_curp_is() -> None:
    code, output = run("profile", "set", "names=Ｊｏｓé Ｌｕｉｓ", "first_surname=ＬÓＰＥＺ")
    assert code == 0, output
    profile = prof.load_profile()
    assert (profile.names, profile.first_surname) == ("José Luis", "LÓPEZ")


def test_a_profile_file_named_like_personal_data_is_shown_masked(tmp_path: Path) -> None:
    path = tmp_path / "ana.lopez@gmail.com.yaml"
    code, output = run("profile", "set", "--profile", str(path), f"curp={CURP}")
    assert code == 0 and path.is_file()
    assert f"Perfil creado: {tmp_path}/a…@gmail.com.yaml" in output
    for args in (("show",), ("check",)):
        code, output = run("profile", *args, "--profile", str(path))
        assert f"{tmp_path}/a…@gmail.com.yaml" in output and EMAIL not in output
    assert prof.shown_path(tmp_path / "alumno.yaml") == f"{tmp_path}/alumno.yaml"


# --- the commands messages suggest name the profile used ------------------------------------


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "es",
            "Error: Primero consigue tu NSS: autohelper run imss-nss --profile wiz2 (si ya lo "
            "tienes, guárdalo con `autohelper profile set nss=... --profile wiz2`)\n"
            "el perfil {path} no tiene student_id, phone; fíjalo con `autohelper profile set "
            "student_id=... phone=... --profile wiz2` o con `autohelper init --profile wiz2`\n",
        ),
        (
            "en",
            "Error: First get your NSS: autohelper run imss-nss --profile wiz2 (if you already "
            "have it, save it with `autohelper profile set nss=... --profile wiz2`)\n"
            "the profile {path} lacks student_id, phone; set it with `autohelper profile set "
            "student_id=... phone=... --profile wiz2` or with `autohelper init --profile wiz2`\n",
        ),
    ],
)
def test_run_with_missing_fields_names_the_profile_in_every_command(
    lang: str, expected: str
) -> None:
    """`run --profile wiz2` stops before any browser for the fields the profile lacks; each
    command it shows changes wiz2, not the default profile (exit 1)."""
    from support import console

    lacking = [pair for pair in COMPLETE if not pair.startswith("nss=")]
    assert run("profile", "set", *lacking, "--profile", "wiz2")[0] == 0
    result = console(
        "--lang", lang, "run", "itson-solicitud", "--profile", "wiz2", "--against", "fixtures"
    )
    assert result.exit_code == 1, result.output
    path = prof.resolve_profile_path("wiz2")
    assert result.stderr == expected.format(path=path)


def test_run_with_missing_fields_on_the_default_profile_adds_no_profile() -> None:
    """No profile named: the commands are as they were. (The live portal, as the default
    profile only runs there: the fields are checked before any browser starts.)"""
    from support import console

    assert run("profile", "set", *COMPLETE)[0] == 0
    result = console("run", "itson-solicitud")
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        f"Error: el perfil {prof.resolve_profile_path()} no tiene student_id, phone; fíjalo "
        "con `autohelper profile set student_id=... phone=...` o con `autohelper init`\n"
    )


# Every answer of the wizard for a profile with no NSS; `insured` answers "other insurance".
def _wizard(insured: str) -> str:
    answers = [CURP, "", EMAIL, EMAIL, "Gloria", "Hernández", "", "85000", "", "", ""]
    return "\n".join([*answers, "itson", insured, "no", "", ""]) + "\n"


def test_init_with_a_profile_name_gives_the_next_step_for_that_profile() -> None:
    code, output = run("init", "--profile", "wiz", input=_wizard("no"))
    assert code == 0, output
    assert output.splitlines()[-1] == (
        "Siguiente paso: autohelper run imss-nss --profile wiz (o pruébalo antes sin riesgo con "
        "autohelper run imss-nss --against fixtures --profile wiz)"
    )
    code, output = run("--lang", "en", "init", "--profile", "wiz", input="\n" * 20)
    assert code == 0, output
    assert output.splitlines()[-1] == (
        "Next step: autohelper run imss-nss --profile wiz (or try it first, risk-free, with "
        "autohelper run imss-nss --against fixtures --profile wiz)"
    )


@pytest.mark.parametrize("name", [None, "wiz"])
def test_init_with_other_insurance_says_what_status_says_not_to_run_the_nss(
    name: str | None,
) -> None:
    """The wizard was told the student has other health insurance: the procedure is blocked,
    so the next step is not a run but what `status` says (fix the profile, or ask the help
    desk), with the profile named when it was."""
    named = ["--profile", name] if name else []
    suffix = f" --profile {name}" if name else ""
    code, output = run("init", *named, input=_wizard("sí"))
    assert code == 0, output
    assert "autohelper run" not in output
    assert output.splitlines()[-3:] == [
        "Siguiente paso: por ahora ninguno.",
        "  Tu perfil dice que ya tienes otro seguro médico, y el Seguro Facultativo es solo para "
        "quien no lo tiene. Si ya no lo tienes, corrige tu perfil: autohelper profile set "
        f"has_other_insurance=no{suffix}",
        "  Si tu perfil está bien, pregunta tus dudas a Mesa de ayuda del ITSON: autohelper "
        f"status{suffix} te da sus datos y un mensaje listo para enviar.",
    ]
    code, output = run("--lang", "en", "init", *named, input="\n" * 20)
    assert code == 0, output
    assert output.splitlines()[-3:] == [
        "Next step: none for now.",
        "  Your profile says you already have other health insurance, and the Seguro Facultativo "
        "is only for those who do not. If you no longer have it, fix your profile: autohelper "
        f"profile set has_other_insurance=no{suffix}",
        "  If your profile is right, ask ITSON help desk about it: autohelper "
        f"status{suffix} gives you their contacts and a message ready to send.",
    ]


def test_profile_check_names_the_profile_in_the_commands_it_gives() -> None:
    run("profile", "set", f"curp={CURP}", "--profile", "wiz")
    code, output = run("profile", "check", "--profile", "wiz")
    assert code == 1
    assert "  - email: falta; fíjalo con `autohelper profile set email=... --profile wiz`" in (
        output.splitlines()
    )


def test_a_profile_not_found_is_created_with_commands_that_name_it(tmp_path: Path) -> None:
    code, output = run("profile", "show", "--profile", "typo")
    assert code == 1
    assert output.endswith(
        "créalo con `autohelper init --profile typo` o `autohelper profile set curp=... "
        "--profile typo`\n"
    )
    elsewhere = tmp_path / "x.yaml"
    code, output = run("--lang", "en", "profile", "show", "--profile", str(elsewhere))
    assert f"create it with `autohelper init --profile {elsewhere}` or " in output
    code, output = run("profile", "show")
    assert output.endswith("créalo con `autohelper init` o `autohelper profile set curp=...`\n")


@pytest.mark.parametrize("value", ["", " "])
def test_a_required_field_set_empty_is_said_once(value: str) -> None:
    from support import console

    result = console("profile", "set", f"names={value}")
    assert result.exit_code == 1
    assert "1 problema(s) en el perfil" in result.stderr, result.stderr
    assert result.stderr.count("names: falta el valor") == 1, result.stderr

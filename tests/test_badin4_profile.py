"""What a fourth hunt for bad input found in profiles: `--profile Ana.YAML` (or `perfil.txt`,
`p.json`) read as a profile's name, creating another profile than the file named; a YAML value
`=` said as PyYAML's own tag `!!value`; a CURP whose homoclave `0` was meant as the letter `O`
(a birth in 1901, which its check digit cannot catch) taken without a word; and an NSS or a
phone number refused without saying which character or how many digits."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from stdnum.mx import curp as stdnum_curp
from support import console

from autohelper import profile as prof
from autohelper import validation as v
from autohelper import yamlerrors
from autohelper.errors import UsageError

pytestmark = pytest.mark.usefixtures("isolated")

CURP = "HEGG560427MVZRRL04"
# Born 10 May 2001: the homoclave is the letter A... or, typed as the digit 0, 1901. O and 0
# weigh the same in the check digit, so both CURPs are valid.
CURP_1901 = "GOMA010510HSRLRN04"
PROFILE = (
    f"curp: {CURP}\nemail: ana@example.com\nnames: ANA\nfirst_surname: LOPEZ\n"
    'postal_code: "83000"\ninstitution: itson\nhas_other_insurance: false\n'
    "nss_from_employer: false\n"
)


def _private(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)
    return path


def _curp(first17: str) -> str:
    return first17 + stdnum_curp.calc_check_digit(first17)


# --- D3. a value with a file's ending is that file ---------------------------------------------


@pytest.mark.parametrize("name", ["Ana.YAML", "perfil.txt", "perfil.json", "p.Yml", "x.TOML"])
def test_a_profile_value_with_a_files_ending_in_any_case_is_a_path(name: str) -> None:
    assert prof.resolve_profile_path(name) == Path(name)


@pytest.mark.parametrize("name", ["Ana.YAML", "perfil.txt", "perfil.json"])
def test_show_and_check_read_the_same_file_in_the_current_folder(
    name: str, isolated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _private(tmp_path / name, PROFILE)
    shown = console("profile", "show", "--profile", name)
    assert shown.exit_code == 0, shown.output
    assert shown.stdout.splitlines()[0] == f"Perfil {name}"
    assert "HEGG…L04" in shown.stdout
    checked = console("profile", "check", name)
    assert checked.exit_code == 0, checked.output
    assert console("profile", "check", "--profile", name).exit_code == 0
    assert not (isolated / "profiles").exists()  # no profile named `Ana.YAML.yaml` made


def test_set_with_a_capitalised_yaml_ending_changes_that_file_not_a_new_profile(
    isolated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = _private(tmp_path / "Ana.YAML", PROFILE)
    result = console("profile", "set", "--profile", "Ana.YAML", "names=BEATRIZ")
    assert result.exit_code == 0, result.output
    assert "names: BEATRIZ" in path.read_text(encoding="utf-8")
    assert not (isolated / "profiles").exists()


def test_a_dotted_name_beside_a_file_of_that_name_is_refused_not_made_a_profile(
    isolated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _private(tmp_path / "ana.maria", PROFILE)
    result = console("profile", "set", "--profile", "ana.maria", f"curp={CURP}")
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        f"Error: 'ana.maria' es el nombre de un archivo de esta carpeta, y ningún perfil en "
        f"{isolated / 'profiles'} se llama así: no sé si quieres el archivo o un perfil nuevo "
        "con ese nombre; no hice nada. Para el archivo escribe --profile ./ana.maria; para un "
        "perfil con nombre, elige uno sin punto\n"
    )
    assert not (isolated / "profiles").exists()
    english = console("--lang", "en", "profile", "show", "--profile", "ana.maria")
    assert english.exit_code == 1
    assert "'ana.maria' is the name of a file in this folder" in english.stderr
    assert "For the file write --profile ./ana.maria" in english.stderr
    # The path form reads the file; a named profile of that name, once there, is the name's.
    assert console("profile", "show", "--profile", "./ana.maria").exit_code == 0
    (isolated / "profiles").mkdir(parents=True)
    _private(isolated / "profiles" / "ana.maria.yaml", PROFILE)
    assert prof.resolve_profile_path("ana.maria") == isolated / "profiles" / "ana.maria.yaml"


def test_a_dotted_name_with_no_file_beside_it_is_still_a_name(
    isolated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert prof.resolve_profile_path("ana.maria") == isolated / "profiles" / "ana.maria.yaml"


def test_a_name_that_is_no_name_says_a_files_ending_makes_a_path() -> None:
    with pytest.raises(UsageError) as raised:
        prof.resolve_profile_path("ana!")
    assert raised.value.message("es") == (
        "'ana!' no es un nombre de perfil válido (letras, dígitos, . _ -) ni una ruta "
        "(con / o con la terminación de un archivo, como .yaml)"
    )


# --- D4. a lone `=` -----------------------------------------------------------------------------


def test_a_lone_equals_sign_in_a_profile_is_said_as_such_at_its_place(tmp_path: Path) -> None:
    path = _private(tmp_path / "p.yaml", PROFILE.replace(f"curp: {CURP}", "curp: ="))
    result = console("profile", "check", str(path))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {path}:1:7: el YAML no es válido: un «=» solo no es un valor que YAML lea; si "
        'es el texto «=», escríbelo entre comillas ("="); si no, escribe el valor después de '
        "los dos puntos, sin «=»\n"
    )
    assert "!!value" not in result.stderr
    english = console("--lang", "en", "profile", "check", str(path))
    assert f"{path}:1:7: invalid YAML: a lone “=” is no value YAML reads" in english.stderr


@pytest.mark.parametrize(
    ("text", "where"), [("description: =\n", (1, 14)), ("a:\n  - [x, =]\n", (2, 9))]
)
def test_a_lone_equals_sign_anywhere_in_yaml_is_named(text: str, where: tuple[int, int]) -> None:
    with pytest.raises(yamlerrors.FileProblem) as raised:
        yamlerrors.compose(text)
    assert raised.value.key == "yaml.lone_equals"
    assert (raised.value.line, raised.value.column) == where


def test_an_equals_sign_in_quotes_is_text() -> None:
    node = yamlerrors.compose('description: "="\n')
    assert node is not None and yamlerrors.construct(node) == {"description": "="}


# --- D5. a CURP's birth date no student has ----------------------------------------------------


def test_a_curp_giving_a_birth_in_1901_is_accepted_with_a_warning_on_the_homoclave() -> None:
    result = v.validate_curp(CURP_1901, today=datetime.date(2026, 11, 25))
    assert result.ok
    (warning,) = result.warnings
    assert warning.message("es") == (
        "la fecha de nacimiento de la CURP (caracteres 5-10) daría más de 80 años: la "
        "homoclave (carácter 17) es el dígito 0, que indica un nacimiento antes del 2000; "
        "quien nació en 2000 o después lleva ahí una letra: ¿escribiste 0 en vez de la letra O?"
    )
    assert warning.message("en").endswith("did you type 0 instead of the letter O?")
    # The same CURP with the letter: no warning.
    fixed = CURP_1901[:16] + "O" + CURP_1901[17]
    assert v.validate_curp(fixed, today=datetime.date(2026, 11, 25)).warnings == ()


def test_a_curp_giving_an_age_under_twelve_points_at_a_letter_for_a_digit() -> None:
    young = _curp("GOMA200510HSRLRNO")  # 2020 with the letter O; 1920 with the digit 0
    result = v.validate_curp(young, today=datetime.date(2026, 11, 25))
    assert result.ok
    (warning,) = result.warnings
    assert warning.key == "validation.curp.age_young_lookalike"
    assert "¿escribiste la letra O en vez de 0?" in warning.message("es")
    assert "did you type the letter O instead of 0?" in warning.message("en")


@pytest.mark.parametrize(
    ("curp", "today", "warned"),
    [
        (CURP, datetime.date(2026, 11, 25), False),  # 70
        (_curp("GOMA450510HSRLRN0"), datetime.date(2025, 5, 10), False),  # 80 that day
        (_curp("GOMA450510HSRLRN0"), datetime.date(2026, 5, 9), False),  # 80 still
        (_curp("GOMA450510HSRLRN0"), datetime.date(2026, 5, 10), True),  # 81
        (_curp("GOMA140510HSRLRNA"), datetime.date(2026, 5, 10), False),  # 12 that day
        (_curp("GOMA140510HSRLRNA"), datetime.date(2026, 5, 9), True),  # 11
    ],
)
def test_the_age_bounds_are_12_and_80(curp: str, today: datetime.date, warned: bool) -> None:
    result = v.validate_curp(curp, today=today)
    assert result.ok
    assert bool(result.warnings) is warned


def test_profile_set_and_check_warn_of_the_1901_curp_masked() -> None:
    result = console("profile", "set", f"curp={CURP_1901}")
    assert result.exit_code == 0, result.output
    assert "Aviso: curp: la fecha de nacimiento de la CURP (caracteres 5-10) daría más de 80" in (
        result.stderr
    )
    assert "¿escribiste 0 en vez de la letra O?" in result.stderr
    assert CURP_1901 not in result.output
    complete = console(
        "--lang",
        "en",
        "profile",
        "set",
        "email=ana@example.com",
        "names=ANA",
        "first_surname=LOPEZ",
        "postal_code=83000",
        "institution=itson",
        "has_other_insurance=no",
        "nss_from_employer=no",
    )
    assert complete.exit_code == 0, complete.output
    assert "Warning: curp: the CURP's birth date (characters 5-10) would mean an age over 80" in (
        complete.stderr
    )
    checked = console("profile", "check")
    assert checked.exit_code == 0, checked.output
    assert "¿escribiste 0 en vez de la letra O?" in checked.stderr
    assert CURP_1901 not in checked.output


def test_init_warns_of_the_1901_curp_and_keeps_it() -> None:
    rest = ["ANA", "LOPEZ", "", "85000", "", "", "", "itson", "no", "no", "", ""]
    answers = [CURP_1901, "", "ana@example.com", "ana@example.com", *rest]
    result = console("init", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "¿escribiste 0 en vez de la letra O?" in result.stderr
    assert CURP_1901 not in result.stderr  # (stdout echoes what was typed, as a terminal does)
    assert prof.load_profile().curp == CURP_1901


# --- D11. which character, how many digits ------------------------------------------------------


def test_an_nss_with_a_letter_names_its_position_and_the_letter_only() -> None:
    result = console("profile", "set", "nss=O9139253356")
    assert result.exit_code == 1
    assert "nss: el NSS solo lleva dígitos: su carácter 1 es «O»" in result.stderr
    assert "9139253356" not in result.output
    english = console("--lang", "en", "profile", "set", "nss=0913925335l")
    assert "nss: the NSS holds digits only: its character 11 is “l”" in english.stderr


def test_a_control_character_in_a_number_is_named_by_its_code_point() -> None:
    (problem,) = v.validate_nss("0913\x1b9253356").problems
    assert problem.message("es") == "el NSS solo lleva dígitos: su carácter 5 es «U+001B»"


@pytest.mark.parametrize(
    ("phone", "es", "en"),
    [
        (
            "+52 1 644 123 4567",
            "el teléfono tiene 11 dígitos después del 52 de México: el 1 que seguía al 52 en "
            "los celulares ya no se usa (desde 2019); quítalo y deja los 10 dígitos",
            "the phone number has 11 digits after Mexico's 52: the 1 that mobiles had after "
            "the 52 is no longer used (since 2019); remove it and keep the 10 digits",
        ),
        (
            "52 1 644 123 4567",
            "el teléfono tiene 11 dígitos después del 52 de México",
            "the phone number has 11 digits after Mexico's 52",
        ),
        (
            "644 123 456",
            "el teléfono debe tener 10 dígitos (tiene 9)",
            "the phone number must have 10 digits (it has 9)",
        ),
        (
            "+52 644 123 45",
            "el teléfono debe tener 10 dígitos después del 52 de México (tiene 8)",
            "the phone number must have 10 digits after Mexico's 52 (it has 8)",
        ),
        (
            "644 123 45G7",
            "el teléfono solo lleva dígitos: su carácter 9 es «G»",
            "the phone number holds digits only: its character 9 is “G”",
        ),
        (
            "+1 555 123 4567",
            "el teléfono debe ser de México: 10 dígitos, sin prefijo de país o con +52",
            "the phone number must be a Mexican one: 10 digits, with no country code or +52",
        ),
    ],
)
def test_a_phone_refused_says_how_many_digits_and_why(phone: str, es: str, en: str) -> None:
    result = console("profile", "set", f"phone={phone}")
    assert result.exit_code == 1
    assert f"phone: {es}" in result.stderr
    english = console("--lang", "en", "profile", "set", f"phone={phone}")
    assert f"phone: {en}" in english.stderr


@pytest.mark.parametrize("phone", ["6441234567", "+52 644 123 4567", "52 644 123 4567"])
def test_a_good_phone_is_still_taken(phone: str) -> None:
    result = v.validate_phone(phone)
    assert (result.value, result.problems) == ("6441234567", ())

"""What a hunt for bad profile input found: unknown keys lost by `init`, a bad homoclave taken
for a century, bytes a terminal sent that are not UTF-8, YAML booleans and dates, a file of
thousands of unknown keys, and three small ones (a long email local part, a blank profile
name, `check FILE --profile OTHER`)."""

from __future__ import annotations

import difflib
import stat
from pathlib import Path

import pytest
from support import console

from autohelper import profile as prof
from autohelper import validation as v

STUDENT = Path(__file__).parent.parent / "fixtures" / "profiles" / "student.yaml"
UNKNOWN = 'telefono_casa: "6621234567"  # la de mis papás\nnotas: llamar a mi tía\nemial: a@b.mx\n'


# Each test has its own config folder and home (`isolated`, tests/conftest.py).
pytestmark = pytest.mark.usefixtures("isolated")


def student(tmp_path: Path, extra: str = "", drop: tuple[str, ...] = ()) -> Path:
    """The sample profile, 0600, without the keys `drop` and with the lines `extra` added."""
    lines = [line for line in STUDENT.read_text().splitlines() if not line.startswith(drop)]
    path = tmp_path / "p.yaml"
    path.write_text("\n".join(lines) + "\n" + extra)
    path.chmod(0o600)
    return path


def enters(count: int = 40) -> str:
    return "\n" * count


# --- 1. init keeps what it does not use ----------------------------------------------------


def test_init_keeps_unknown_keys_as_comments_and_names_them_without_values(
    tmp_path: Path,
) -> None:
    path = student(tmp_path, "# de la casa\n" + UNKNOWN + "lista: |\n  uno\n  dos\n")
    result = console("init", "--profile", str(path), input=enters())
    assert result.exit_code == 0, result.output
    text = path.read_text()
    block = text[text.index("# Estas claves no las usa autohelper") :].splitlines()
    assert block[1:] == [
        "# de la casa",
        '# telefono_casa: "6621234567"  # la de mis papás',
        "# notas: llamar a mi tía",
        "# emial: a@b.mx",
        "# lista: |",
        "#   uno",
        "#   dos",
    ]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "no se borran: al guardar quedan como comentario" in result.output
    assert "(telefono_casa, notas, emial, lista) quedaron como comentario" in result.output
    for value in ("6621234567", "llamar a mi tía", "a@b.mx", "la de mis papás"):
        assert value not in result.output + result.stderr
    # The file saved is a valid profile, and a second wizard keeps the block as it is.
    assert console("profile", "check", str(path)).exit_code == 0
    assert console("init", "--profile", str(path), input=enters()).exit_code == 0
    assert path.read_text() == text


def test_init_marker_line_follows_the_language(tmp_path: Path) -> None:
    path = student(tmp_path, "notas: llamar a mi tía\n")
    result = console("--lang", "en", "init", "--profile", str(path), input=enters())
    assert result.exit_code == 0, result.output
    assert "# autohelper does not use these keys; they are kept as comments" in path.read_text()
    assert "The keys autohelper does not use (notas) are kept as comments" in result.output


def test_init_offers_a_misspelt_keys_value_masked_and_takes_it_on_enter(tmp_path: Path) -> None:
    path = student(tmp_path, "emial: ana.lopez@gmail.com\nnotas: hola\n", drop=("email",))
    result = console("init", "--profile", str(path), input=enters())
    assert result.exit_code == 0, result.output
    assert "Correo (Enter para usar a…@gmail.com, escrito como 'emial')" in result.output
    assert "ana.lopez" not in result.output + result.stderr
    assert prof.load_profile(path).email == "ana.lopez@gmail.com"
    text = path.read_text()
    assert "emial" not in text  # taken under its right key: not kept twice
    assert "# notas: hola" in text


def test_init_keeps_a_misspelt_key_whose_value_was_not_taken(tmp_path: Path) -> None:
    path = student(tmp_path, "emial: ana.lopez@gmail.com\n", drop=("email",))
    email = "otra@example.com"
    answers = f"\n\n{email}\n{email}\n" + enters()
    result = console("init", "--profile", str(path), input=answers)
    assert result.exit_code == 0, result.output
    assert prof.load_profile(path).email == email
    assert "# emial: ana.lopez@gmail.com" in path.read_text()


def test_set_still_refuses_a_file_with_unknown_keys(tmp_path: Path) -> None:
    path = student(tmp_path, UNKNOWN)
    before = path.read_text()
    result = console("profile", "set", "phone=6441112233", "--profile", str(path))
    assert result.exit_code == 1
    assert "campo desconocido 'notas'" in result.stderr
    assert path.read_text() == before


# --- 2. a bad homoclave says no century ------------------------------------------------------


def test_a_bad_homoclave_is_the_only_problem_reported() -> None:
    result = v.validate_curp("HEGG560427MVZRRLÑ4")
    assert [p.key for p in result.problems] == ["validation.curp.homoclave"]
    # 29 Feb of a year 00: a date in 2000, so neither "no existe" nor "1900" without a century.
    leap = v.validate_curp("HEGG000229MVZRRL*4")
    assert [p.key for p in leap.problems] == ["validation.curp.homoclave"]


def test_set_a_curp_with_a_bad_homoclave_says_nothing_of_the_date(tmp_path: Path) -> None:
    result = console(
        "profile", "set", "curp=HEGG560427MVZRRLÑ4", "--profile", str(tmp_path / "p.yaml")
    )
    assert result.exit_code == 1
    assert "la homoclave (carácter 17: 'Ñ') debe ser una letra o un dígito" in result.stderr
    assert "posterior a hoy" not in result.stderr


# --- 3. bytes that are not UTF-8 -------------------------------------------------------------


@pytest.mark.parametrize("field", ["names", "street", "curp", "email"])
def test_set_a_byte_not_utf8_is_said_as_the_terminals(tmp_path: Path, field: str) -> None:
    # What Python makes of `names=Jos\xe9` typed in a Latin-1 terminal: a surrogate escape.
    arg = f"{field}=Jos\udce9"
    result = console("profile", "set", arg, "--profile", str(tmp_path / "p.yaml"))
    assert result.exit_code == 1
    assert f"{field}: tu terminal no envía UTF-8: el byte 0xE9 no es texto UTF-8" in result.stderr
    assert "configura la terminal en UTF-8 o escribe el texto sin acentos" in result.stderr
    assert "invisible" not in result.stderr and "U+DCE9" not in result.stderr


def test_set_a_byte_not_utf8_in_english(tmp_path: Path) -> None:
    result = console(
        "--lang", "en", "profile", "set", "names=Jos\udce9", "--profile", str(tmp_path / "p.yaml")
    )
    assert "your terminal does not send UTF-8: byte 0xE9 is not UTF-8 text" in result.stderr


def test_init_a_byte_not_utf8_typed_is_said_as_the_terminals(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import autohelper.human

    answers = iter(["HEGG560427MVZRRL04", "", "a@example.com", "a@example.com", "Jos\udce9"])

    def prompt(text: str, **options: object) -> str:
        answer = next(answers, None)
        if answer is None:
            raise KeyboardInterrupt
        return answer

    monkeypatch.setattr(autohelper.human, "prompt", prompt)
    result = console("init")
    assert "names: tu terminal no envía UTF-8: el byte 0xE9" in result.stderr
    assert "invisible" not in result.stderr


# --- 4. YAML booleans and dates --------------------------------------------------------------


def test_check_a_yaml_boolean_or_date_asks_for_quotes(tmp_path: Path) -> None:
    path = student(
        tmp_path,
        "interior_number: no\nstreet: 2020-01-01\n",
        drop=("street", "interior_number"),
    )
    result = console("profile", "check", str(path))
    assert result.exit_code == 1
    assert (
        'interior_number: escribe el valor entre comillas (por ejemplo interior_number: "...") '
        "para que YAML no lo lea como sí/no (true/false)"
    ) in result.stderr
    assert (
        'street: escribe el valor entre comillas (por ejemplo street: "...") para que YAML no '
        "lo lea como una fecha"
    ) in result.stderr
    assert "el valor debe ser texto" not in result.stderr


# --- 5. thousands of unknown keys ------------------------------------------------------------


def test_check_lists_a_screenful_and_guesses_no_more(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = student(tmp_path, "".join(f"clave{n}: x\n" for n in range(500)))
    calls: list[str] = []
    real = difflib.get_close_matches

    def counted(word: str, *args: object, **kwargs: object) -> list[str]:
        calls.append(word)
        return real(word, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(difflib, "get_close_matches", counted)
    result = console("profile", "check", str(path))
    assert result.exit_code == 1
    assert "500 problema(s)" in result.stderr
    assert result.stderr.count("campo desconocido") == 20
    assert "  … y 480 más" in result.stderr
    assert len(calls) <= 20


# --- 6. small ones ---------------------------------------------------------------------------


def test_an_email_local_part_over_64_names_the_limit() -> None:
    result = v.validate_email("a" * 65 + "@example.com")
    assert [p.message("es") for p in result.problems] == [
        "la parte antes de la @ tiene 65 caracteres; como máximo lleva 64"
    ]
    assert v.validate_email("a" * 64 + "@example.com").ok


def test_a_blank_profile_name_is_said_blank(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUTOHELPER_PROFILE", "  ")
    result = console("profile", "check")
    assert result.exit_code == 1
    assert "el perfil indicado (--profile o AUTOHELPER_PROFILE) está en blanco" in result.stderr
    assert "''" not in result.stderr


def test_check_a_file_and_another_profile_is_a_usage_error(tmp_path: Path) -> None:
    path = student(tmp_path)
    result = console("profile", "check", str(path), "--profile", "otro")
    assert result.exit_code == 2
    assert f"el archivo {path} o --profile otro, no los dos" in result.stderr


def test_check_a_file_wins_over_autohelper_profile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AUTOHELPER_PROFILE", "otro")
    result = console("profile", "check", str(student(tmp_path)))
    assert result.exit_code == 0, result.stderr
    assert "es válido" in result.output


def test_changes_made_at_once_keep_each_others_fields(tmp_path: Path) -> None:
    """Several `profile set` at the same moment (here threads, each with its own open folder):
    each reads, changes and writes the file in turn, so every field set is there after."""
    import threading

    path = tmp_path / "p" / "perfil.yaml"
    path.parent.mkdir()
    path.write_text(STUDENT.read_text(encoding="utf-8"), encoding="utf-8")
    path.chmod(0o600)
    changes = [
        ("phone", "6441234567"),
        ("student_id", "00000012345"),
        ("exterior_number", "123"),
        ("interior_number", "4B"),
        ("street", "CALLE UNO"),
        ("colonia", "CENTRO"),
    ]
    for _round in range(4):
        start = threading.Barrier(len(changes))

        def set_one(field: str, value: str, start: threading.Barrier = start) -> None:
            start.wait()
            prof.update_profile(path, {field: value})

        threads = [threading.Thread(target=set_one, args=change) for change in changes]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        values = prof.load_profile(path).stored_values()
        for field, value in changes:
            assert values.get(field) == value, (field, values.get(field))
        path.write_text(STUDENT.read_text(encoding="utf-8"), encoding="utf-8")

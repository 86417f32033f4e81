"""Bad inputs, as a person would make them, through the real entry point (`autohelper.cli.main`).

Every case answers with exit code 1 or 2, a message in the requested language that names the
place (`file:line:column`, the field, the option or the path), no traceback, no English fragment
from a library in a Spanish answer, and no personal value in full. One table per family; to
cover a new mistake, add a row.
"""

from __future__ import annotations

import os
import re
import sqlite3
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import autohelper.cli

CURP = "HEGG560427MVZRRL04"
EMAIL = "ana.lopez@gmail.com"


@dataclass(frozen=True)
class Case:
    """One mistake: the command (`{tmp}` is the test's folder), the files it finds there, what
    it must answer. English cases pass `--lang en` (or set AUTOHELPER_LANG) themselves."""

    id: str
    args: tuple[str, ...]
    exit: int
    says: str  # must appear in stderr, `{tmp}` filled in
    files: dict[str, str | bytes] = field(default_factory=dict)
    env: dict[str, str] = field(default_factory=dict)
    secret: str = ""  # a personal value the answer must not show in full
    # A state files cannot set up (a read-only disk, which stops even root): done before.
    prepare: Callable[[Path, pytest.MonkeyPatch], None] | None = None

    @property
    def lang(self) -> str:
        pairs = zip(self.args, self.args[1:], strict=False)
        english = ("--lang", "en") in pairs or self.env.get("AUTOHELPER_LANG") == "en"
        return "en" if english else "es"


# Library and Click English that must never reach a Spanish answer.
ENGLISH = re.compile(
    r"Traceback|Errno|No such|Invalid value|Missing (argument|option)|Usage:|Try '|"
    r"mapping values|could not find|found character|while (scanning|parsing)|codec|"
    r"is not a valid|not in the range|expected|unacceptable|Did you mean|duplicate|"
    r"does not exist|Permission denied|Is a directory|Not a directory"
)
SPANISH = re.compile(r"Uso:|Prueba '|No existe|Falta|Valor no válido|no pude|YAML inválido")


class _ConsoleScript:
    name = "autohelper"

    def main(self, args: Sequence[str], prog_name: str | None = None, **_: Any) -> None:
        saved = sys.argv
        sys.argv = ["autohelper", *args]
        try:
            autohelper.cli.main()
        finally:
            sys.argv = saved


@pytest.fixture(autouse=True)
def _spanish_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AUTOHELPER_PROFILE", raising=False)


def arrange(case: Case, tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The files, environment and state the case finds."""
    for name, content in case.files.items():
        path = tmp / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        path.chmod(0o600)
    for name, value in case.env.items():
        monkeypatch.setenv(name, value)
    if case.prepare is not None:
        case.prepare(tmp, monkeypatch)


def answer(
    case: Case, tmp: Path, monkeypatch: pytest.MonkeyPatch, arranged: bool = False
) -> tuple[Result, str]:
    """Run the case (arranged first, unless it was); its stderr with the test's folder written
    `{tmp}`."""
    if not arranged:
        arrange(case, tmp, monkeypatch)
    args = [arg.replace("{tmp}", str(tmp)) for arg in case.args]
    result = CliRunner().invoke(_ConsoleScript(), args)  # type: ignore[arg-type]
    return result, result.stderr.replace(str(tmp), "{tmp}")


def check(case: Case, tmp: Path, monkeypatch: pytest.MonkeyPatch, arranged: bool = False) -> None:
    result, err = answer(case, tmp, monkeypatch, arranged)
    assert result.exit_code == case.exit, err
    assert case.says in err, err
    assert "Traceback" not in result.output
    if case.lang == "es":
        assert not ENGLISH.search(err), ENGLISH.search(err)
    else:
        assert not SPANISH.search(err), SPANISH.search(err)
    if case.secret:
        assert case.secret not in result.output


def table(cases: list[Case]) -> Any:
    return pytest.mark.parametrize("case", cases, ids=[c.id for c in cases])


# --- YAML files: scenarios and profiles --------------------------------------------------------

_VALIDATE = ("scenarios", "validate", "{tmp}/s.yaml")
_CHECK = ("profile", "check", "{tmp}/p.yaml")
_DEEP_MAPPING = "".join("  " * i + "a:\n" for i in range(300))
_BOMB = (
    "a: &a [x,x,x,x,x,x,x,x,x,x]\n"
    + "".join(
        f"{n}: &{n} [{', '.join([f'*{p}'] * 10)}]\n" for p, n in zip("abcd", "bcde", strict=True)
    )
    + "f: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
)

YAML_FILES = [
    Case(
        "scenario-tab",
        _VALIDATE,
        1,
        "{tmp}/s.yaml:2:1: YAML inválido: hay un tabulador; en YAML la sangría va solo con "
        "espacios",
        {"s.yaml": "id: x\n\ttitle: y\n"},
    ),
    Case(
        "scenario-colon-in-value",
        _VALIDATE,
        1,
        "{tmp}/s.yaml:2:14: YAML inválido: aquí no cabe un «clave: valor»",
        {"s.yaml": "id: x\ntitle: Paso 1: abrir\n"},
    ),
    Case(
        "scenario-missing-colon-en",
        ("--lang", "en", *_VALIDATE),
        1,
        "{tmp}/s.yaml:2:1: invalid YAML: this key lacks its “:”",
        {"s.yaml": "id: x\ntitle\nportal: imss\n"},
    ),
    Case(
        "scenario-not-utf8",
        _VALIDATE,
        1,
        "{tmp}/s.yaml:2:16: no pude leer el archivo: el archivo no está en UTF-8 (el byte 0xF3 "
        "no es UTF-8 válido)",
        {"s.yaml": "id: x\ntitle: Asignación\n".encode("latin-1")},
    ),
    Case(
        "scenario-not-utf8-en",
        ("--lang", "en", *_VALIDATE),
        1,
        "{tmp}/s.yaml:1:10: cannot read the file: the file is not UTF-8 (byte 0xE9 is not valid "
        "UTF-8)",
        {"s.yaml": "title: Tr\xe9mite\n".encode("latin-1")},
    ),
    Case(
        "scenario-brackets-100000",
        _VALIDATE,
        1,
        "{tmp}/s.yaml:1:51: YAML inválido: anidado a más de 50 niveles",
        {"s.yaml": "[" * 100_000},
    ),
    Case(
        "scenario-deep-mapping-en",
        ("--lang", "en", *_VALIDATE),
        1,
        "{tmp}/s.yaml:50:99: invalid YAML: nested more than 50 levels deep",
        {"s.yaml": _DEEP_MAPPING},
    ),
    Case(
        "scenario-alias-bomb",
        _VALIDATE,
        1,
        "{tmp}/s.yaml:5:36: YAML inválido: los alias se expanden a más de 100000 elementos",
        {"s.yaml": _BOMB},
    ),
    Case(
        "scenario-duplicate-anchor-en",
        ("--lang", "en", *_VALIDATE),
        1,
        "{tmp}/s.yaml:2:8: invalid YAML: the anchor “&t” was already defined on line 1",
        {"s.yaml": "id: &t x\ntitle: &t y\n"},
    ),
    Case(
        "scenario-python-tag",
        _VALIDATE,
        1,
        "{tmp}/s.yaml:1:5: YAML inválido: etiqueta de YAML desconocida «!!python/object/apply:os."
        "system»",
        {"s.yaml": "id: !!python/object/apply:os.system [ls]\n"},
    ),
    Case(
        "scenario-impossible-date",
        _VALIDATE,
        1,
        "{tmp}/s.yaml:2:8: YAML inválido: este valor parece una fecha pero no existe",
        {"s.yaml": "id: x\ntitle: 2024-13-45\n"},
    ),
    Case(
        "scenario-is-a-folder",
        ("scenarios", "validate", "{tmp}/d.yaml"),
        1,
        "{tmp}/d.yaml: no pude leer el archivo: es una carpeta, no un archivo",
        {"d.yaml/x": ""},
    ),
    Case(
        "scenario-missing-file-en",
        ("--lang", "en", "scenarios", "validate", "{tmp}/none.yaml"),
        1,
        "{tmp}/none.yaml: cannot read the file: the file does not exist",
    ),
    Case(
        "profile-tab",
        _CHECK,
        1,
        "Error: {tmp}/p.yaml:2:1: el YAML no es válido: hay un tabulador",
        {"p.yaml": f"curp: {CURP}\n\temail: {EMAIL}\n"},
        secret=CURP,
    ),
    Case(
        "profile-unclosed-quote-en",
        ("--lang", "en", *_CHECK),
        1,
        "Error: {tmp}/p.yaml:2:8: invalid YAML: the quotes opened here are never closed",
        {"p.yaml": f'curp: {CURP}\nemail: "{EMAIL}\n'},
        secret=EMAIL,
    ),
    Case(
        "profile-not-utf8",
        _CHECK,
        1,
        "Error: no pude leer el perfil {tmp}/p.yaml:2:17: el archivo no está en UTF-8 (el byte "
        "0xFA",
        {"p.yaml": "names: Ana\nfirst_surname: Núñez\n".encode("latin-1")},
    ),
    Case(
        "profile-brackets-100000",
        _CHECK,
        1,
        "Error: {tmp}/p.yaml:1:57: el YAML no es válido: anidado a más de 50 niveles",
        {"p.yaml": "names: " + "[" * 100_000},
    ),
    Case(
        "profile-deep-mapping-en",
        ("--lang", "en", *_CHECK),
        1,
        "Error: {tmp}/p.yaml:50:99: invalid YAML: nested more than 50 levels deep",
        {"p.yaml": _DEEP_MAPPING},
    ),
    Case(
        "profile-two-documents",
        _CHECK,
        1,
        "Error: {tmp}/p.yaml:2:1: el YAML no es válido: el archivo tiene más de un documento",
        {"p.yaml": f"curp: {CURP}\n---\nemail: {EMAIL}\n"},
        secret=CURP,
    ),
    Case(
        "profile-duplicate-key",
        _CHECK,
        1,
        "  - 3: curp: clave repetida (ya está en la línea 1); deja una sola",
        {"p.yaml": f"curp: {CURP}\nemail: {EMAIL}\ncurp: BEML920313HMCLNS09\n"},
        secret="BEML920313HMCLNS09",
    ),
    Case(
        "profile-duplicate-key-en",
        ("--lang", "en", *_CHECK),
        1,
        "  - 2: email: duplicate key (already on line 1); keep only one",
        {"p.yaml": f"email: {EMAIL}\nemail: otra@gmail.com\n"},
        secret=EMAIL,
    ),
    Case(
        # The value checked is the last one, as YAML reads it: its problem names its line.
        "profile-duplicate-key-value-at-the-last-line",
        _CHECK,
        1,
        "  - 3: curp: el dígito verificador de la CURP no coincide (debería ser 4)",
        {"p.yaml": f"curp: {CURP}\nemail: {EMAIL}\ncurp: HEGG560427MVZRRL05\n"},
        secret="HEGG560427MVZRRL05",
    ),
    Case(
        "profile-a-list",
        _CHECK,
        1,
        "Error: {tmp}/p.yaml: el perfil debe ser pares `clave: valor`, uno por línea (no una "
        "lista ni un solo valor)",
        {"p.yaml": f"- {CURP}\n"},
        secret=CURP,
    ),
    Case(
        "profile-is-a-folder",
        ("profile", "show", "--profile", "{tmp}/p.yaml"),
        1,
        "Error: no pude leer el perfil {tmp}/p.yaml: es una carpeta, no un archivo",
        {"p.yaml/x": ""},
    ),
    # An invisible line break (pasted from a web page or a PDF) would cut the line in two
    # where the person sees one: named at its place, as an editor counts lines.
    Case(
        "profile-invisible-line-break",
        _CHECK,
        1,
        "Error: {tmp}/p.yaml:2:11: el YAML no es válido: hay un salto de línea invisible "
        "(U+2028) que YAML toma como fin de línea",
        {"p.yaml": f"curp: {CURP}\nnames: ANA\u2028LOPEZ: X\n"},
        secret=CURP,
    ),
    Case(
        "scenario-next-line-character-en",
        ("--lang", "en", *_VALIDATE),
        1,
        "{tmp}/s.yaml:2:9: invalid YAML: there is an invisible line break (U+0085)",
        {"s.yaml": "id: x\ntitle: a\u0085b: c\n"},
    ),
]


@table(YAML_FILES)
def test_yaml_files(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    check(case, tmp_path, monkeypatch)


# --- Profile values ----------------------------------------------------------------------------

_SET = ("profile", "set")

PROFILE_VALUES = [
    Case(
        "curp-check-digit",
        (*_SET, "curp=HEGG560427MVZRRL05"),
        1,
        "  - curp: el dígito verificador de la CURP no coincide (debería ser 4)",
        secret="HEGG560427MVZRRL05",
    ),
    Case(
        "curp-state-en",
        ("--lang", "en", *_SET, "curp=HEGG560427MZZRRL06"),
        1,
        "  - curp: unknown state 'ZZ' (characters 12-13)",
        secret="HEGG560427MZZRRL06",
    ),
    Case(
        "curp-not-key-value",
        (*_SET, CURP),
        1,
        "Error: 'H…4' no tiene la forma CLAVE=VALOR",
        secret=CURP,
    ),
    Case(
        "names-too-long",
        (*_SET, "names=" + "Ana " * 20),
        1,
        "  - names: es demasiado largo: 79 caracteres (máximo 50)",
        secret="Ana Ana Ana",
    ),
    Case(
        "email-too-long-en",
        ("--lang", "en", *_SET, "email=" + "a" * 64 + "@" + ".".join(["b" * 60] * 4) + ".mx"),
        1,
        "  - email: it is too long: 311 characters (at most 254)",
        secret="a" * 64,
    ),
    Case(
        "street-too-long",
        (*_SET, "street=" + "Avenida de los Insurgentes " * 3),
        1,
        "  - street: es demasiado largo: 80 caracteres (máximo 70)",
        secret="Avenida de los Insurgentes",
    ),
    Case(
        "exterior-number-too-long",
        (*_SET, "exterior_number=12345678901"),
        1,
        "  - exterior_number: es demasiado largo: 11 caracteres (máximo 10)",
        secret="12345678901",
    ),
    Case(
        "interior-number-bad-character-en",
        ("--lang", "en", *_SET, "interior_number=#"),
        1,
        "  - interior_number: letters, digits, spaces and . / # - only",
    ),
    Case(
        "student-id-letters",
        (*_SET, "student_id=A01234567"),
        1,
        "  - student_id: el ID escolar lleva solo dígitos, hasta 11 (como el ID ITSON)",
        secret="A01234567",
    ),
    Case(
        "student-id-too-long",
        (*_SET, "student_id=123456789012"),
        1,
        "  - student_id: es demasiado largo: 12 caracteres (máximo 11)",
        secret="123456789012",
    ),
    Case(
        "phone-short-en",
        ("--lang", "en", *_SET, "phone=644123"),
        1,
        "  - phone: the phone number must have 10 digits",
    ),
    Case(
        "birth-date-by-hand",
        (*_SET, "birth_date=1956-04-27"),
        1,
        "  - birth_date: 'birth_date' se calcula de la CURP; fija la CURP en su lugar",
    ),
    Case(
        "sex-by-hand-en",
        ("--lang", "en", *_SET, "sex=M"),
        1,
        "  - sex: 'sex' is derived from the CURP; set the CURP instead",
    ),
    Case(
        "birth-date-in-the-file",
        _CHECK,
        1,
        "  - 2: birth_date: 'birth_date' se calcula de la CURP",
        {"p.yaml": f"curp: {CURP}\nbirth_date: '1956-04-27'\n"},
        secret=CURP,
    ),
    Case(
        "unknown-field",
        (*_SET, "crup=x"),
        1,
        "  - crup: campo desconocido 'crup'. ¿Quisiste decir 'curp'?",
    ),
    Case(
        "a-key-given-twice",
        (*_SET, "nss=09139253356", "nss="),
        1,
        "Error: nss está dos veces en la orden; escríbelo una sola vez, con el valor que "
        "quieres (no cambié nada)",
    ),
    Case(
        "a-key-given-twice-en",
        ("--lang", "en", *_SET, "phone=6441234567", " phone=6449999999"),
        1,
        "Error: phone is given twice in the command; give it once",
        secret="6449999999",
    ),
    Case(
        "field-in-capitals",
        (*_SET, "CURP=x"),
        1,
        "  - CURP: campo desconocido 'CURP'. ¿Quisiste decir 'curp'?",
    ),
    Case(
        "field-in-capitals-in-the-file-en",
        ("--lang", "en", *_CHECK),
        1,
        "  - 1: NSS: unknown field 'NSS'. Did you mean 'nss'?",
        {"p.yaml": "NSS: '12345678903'\n"},
    ),
    Case("field-in-spanish-correo", (*_SET, "correo=a@b.mx"), 1, "¿Quisiste decir 'email'?"),
    Case("field-in-spanish-telefono", (*_SET, "teléfono=1"), 1, "¿Quisiste decir 'phone'?"),
    Case(
        "field-in-spanish-cp",
        (*_SET, "cp=85000"),
        1,
        "  - cp: campo desconocido 'cp'. ¿Quisiste decir 'postal_code'?",
    ),
    Case(
        "field-in-spanish-codigo-postal-en",
        ("--lang", "en", *_SET, "Código_Postal=85000"),
        1,
        "  - Código_Postal: unknown field 'Código_Postal'. Did you mean 'postal_code'?",
    ),
    Case("field-in-spanish-calle", (*_SET, "calle=x"), 1, "¿Quisiste decir 'street'?"),
    Case("field-in-spanish-sexo", (*_SET, "sexo=H"), 1, "  - sexo: 'sexo' se calcula de la CURP"),
    Case(
        "names-zero-width-space",
        (*_SET, "names=JOSE\u200bLUIS"),
        1,
        "  - names: solo letras, espacios, apóstrofos, puntos y guiones; lleva un carácter "
        "invisible, U+200B ZERO WIDTH SPACE (suele venir de copiar y pegar)",
        secret="JOSE",
    ),
    Case(
        "names-emoji-en",
        ("--lang", "en", *_SET, "names=JOSÉ 😀"),
        1,
        "  - names: letters, spaces, apostrophes, dots and dashes only; remove «😀» "
        "(U+1F600 GRINNING FACE)",
        secret="JOSÉ",
    ),
    Case(
        "profile-name-an-email",
        ("profile", "show", "--profile", "juan@gmail.com"),
        1,
        "Error: 'j…@gmail.com' no es un nombre de perfil válido",
        secret="juan@gmail.com",
    ),
    Case(
        "profile-name-an-email-en",
        ("--lang", "en", "status", "--profile", "juan@gmail.com"),
        1,
        "Error: 'j…@gmail.com' is neither a valid profile name",
        secret="juan@gmail.com",
    ),
    Case(
        "profile-path-a-curp",
        ("status", "--profile", "{tmp}/BEML920313HMCLNS09.yaml"),
        1,
        "Error: no existe el perfil {tmp}/BEML…S09.yaml; créalo con "
        "`autohelper init --profile '{tmp}/BEML…S09.yaml'`",
        secret="BEML920313HMCLNS09",
    ),
    Case(
        "profile-name-a-curp-en",
        ("--lang", "en", "profile", "show", "--profile", "BEML920313HMCLNS09"),
        1,
        "/profiles/BEML…S09.yaml does not exist",
        secret="BEML920313HMCLNS09",
    ),
    Case(
        "unquoted-number-in-the-file",
        _CHECK,
        1,
        '  - 1: postal_code: escribe el valor entre comillas (por ejemplo postal_code: "...")',
        {"p.yaml": "postal_code: 85000\n"},
    ),
    Case(
        "nothing-to-set-en",
        ("--lang", "en", *_SET),
        1,
        "Error: give at least one KEY=VALUE",
    ),
    Case(
        "profile-folder-is-a-file",
        ("profile", "set", "--profile", "{tmp}/afile/p.yaml", f"curp={CURP}"),
        1,
        "Error: no pude guardar el perfil {tmp}/afile/p.yaml: una parte de la ruta es un "
        "archivo, no una carpeta",
        {"afile": ""},
        secret=CURP,
    ),
]


@table(PROFILE_VALUES)
def test_profile_values(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUTOHELPER_CONFIG_DIR", str(tmp_path / "config"))
    check(case, tmp_path, monkeypatch)


# --- CLI options and usage errors, in both languages ------------------------------------------

CLI_OPTIONS = [
    Case("unknown-command", ("nosuchcommand",), 2, "Error: No existe el comando 'nosuchcommand'."),
    Case(
        "unknown-command-en",
        ("--lang", "en", "nosuchcommand"),
        2,
        "Error: No such command 'nosuchcommand'.",
    ),
    Case(
        "unknown-command-did-you-mean",
        ("scenario",),
        2,
        "Error: No existe el comando 'scenario'. ¿Quisiste decir 'scenarios'?",
    ),
    Case(
        "unknown-subcommand-en",
        ("--lang", "en", "profile", "shwo"),
        2,
        "Error: No such command 'shwo'. Did you mean 'show'?",
    ),
    Case("missing-argument", ("run",), 2, "Error: Falta el argumento 'ESCENARIO'."),
    Case("missing-argument-en", ("--lang", "en", "run"), 2, "Error: Missing argument 'SCENARIO'."),
    Case(
        "missing-argument-english-locale",
        ("run",),
        2,
        "Usage: autohelper run [OPTIONS] SCENARIO",
        env={"AUTOHELPER_LANG": "en"},
    ),
    Case(
        "bad-number",
        ("qa", "x", "--timeout", "abc"),
        2,
        "Error: Valor no válido para '--timeout': 'abc' no es un número válido.",
    ),
    Case(
        "bad-number-en",
        ("--lang", "en", "qa", "x", "--timeout", "abc"),
        2,
        "Error: Invalid value for '--timeout': 'abc' is not a valid number.",
    ),
    Case(
        "number-below-the-floor",
        ("qa", "x", "--timeout", "0.1"),
        2,
        "Error: Valor no válido para '--timeout': 0.1 no está en el rango 0.5<=x<=600.",
    ),
    Case(
        "not-a-number-that-parses",  # Click's range alone lets it through
        ("qa", "x", "--timeout", "nan"),
        2,
        "Error: Valor no válido para '--timeout': nan no está en el rango 0.5<=x<=600.",
    ),
    Case(
        "beyond-what-a-timer-can-wait-en",  # Node's timers overflow: a 1 ms wait
        ("--lang", "en", "check", "x", "--timeout", "1e10"),
        2,
        "Error: Invalid value for '--timeout': 10000000000.0 is not in the range 0.5<=x<=600.",
    ),
    Case(
        "no-such-option",
        ("qa", "x", "--bogus"),
        2,
        "Error: No existe la opción '--bogus'. ¿Quisiste decir '--browser'?",
    ),
    Case(
        "no-such-option-en",
        ("--lang", "en", "run", "x", "--tarce"),
        2,
        "Error: No such option '--tarce'. Did you mean '--trace'?",
    ),
    Case(
        "option-without-its-value",
        ("qa", "x", "--timeout"),
        2,
        "Error: A la opción '--timeout' le falta su valor.",
    ),
    Case(
        "bad-choice",
        ("--lang", "fr", "doctor"),
        2,
        "Error: --lang fr: no conozco ese idioma; usa uno de estos: es, en.\n"
        "--lang fr: unknown language; use one of these: es, en.",
    ),
    Case(
        "extra-argument-en",
        ("--lang", "en", "run", "a", "b"),
        2,
        "Error: Got unexpected extra argument (b)",
    ),
    Case(
        "port-too-high",
        ("mock", "serve", "--port", "99999"),
        2,
        "Error: Valor no válido para '--port': 99999 no está en el rango 0<=x<=65535.",
    ),
    Case(
        "port-negative-en",
        ("--lang", "en", "mock", "serve", "--port", "-1"),
        2,
        "Error: Invalid value for '--port': -1 is not in the range 0<=x<=65535.",
    ),
    Case(
        "port-not-a-number",
        ("mock", "serve", "--port", "ocho"),
        2,
        "Error: Valor no válido para '--port': 'ocho' no es un número entero válido.",
    ),
    Case(
        "report-name-too-long-for-the-system",  # even asking about it fails: ENAMETOOLONG
        ("status", "--ics", "{tmp}/" + "x" * 300 + ".ics"),
        2,
        ": el nombre es demasiado largo para el sistema",
    ),
    Case(
        "folder-name-too-long-for-the-system-en",
        ("--lang", "en", "qa", "imss-nss", "--artifacts", "{tmp}/" + "x" * 300),
        2,
        ": the name is too long for the system",
    ),
    Case(
        "report-into-a-folder-that-takes-no-file",  # it exists: not "the folder does not exist"
        ("status", "--ics", "/proc/autohelper.ics"),
        2,
        "Error: Valor no válido para '--ics': /proc/autohelper.ics: no tienes permiso para "
        "escribir ahí",
    ),
    Case(
        "artifacts-under-a-folder-that-takes-none-en",
        ("--lang", "en", "qa", "imss-nss", "--artifacts", "/proc/autohelper"),
        2,
        "Error: Invalid value for '--artifacts': /proc/autohelper: you have no permission to "
        "write there",
    ),
    Case(
        "artifacts-is-a-file",
        ("qa", "imss-nss", "--against", "fixtures", "--artifacts", "{tmp}/afile"),
        2,
        "Error: Valor no válido para '--artifacts': {tmp}/afile: es un archivo, no una carpeta",
        {"afile": ""},
    ),
    Case(
        "artifacts-under-a-file-en",
        ("--lang", "en", "qa", "imss-nss", "--artifacts", "{tmp}/afile/shots"),
        2,
        "Error: Invalid value for '--artifacts': {tmp}/afile/shots: part of the path is a file, "
        "not a folder",
        {"afile": ""},
    ),
    Case(
        "trace-into-a-missing-folder",
        ("run", "imss-nss", "--trace", "{tmp}/nowhere/trace.zip"),
        2,
        "Error: Valor no válido para '--trace': {tmp}/nowhere/trace.zip: la carpeta "
        "{tmp}/nowhere no existe; créala o elige otra ruta",
    ),
    Case(
        "trace-is-a-folder-en",
        ("--lang", "en", "run", "imss-nss", "--trace", "{tmp}"),
        2,
        "Error: Invalid value for '--trace': {tmp}: it is a folder, not a file",
    ),
    Case(
        "cases-not-yaml",
        ("qa", "--all", "--against", "fixtures", "--cases", "{tmp}/casos.txt"),
        1,
        "Error: «{tmp}/casos.txt» no es un archivo de casos: su nombre debe terminar en .yaml o "
        ".yml.",
        {"casos.txt": "scenario: imss-nss\n"},
    ),
    Case(
        "cases-folder-without-any-en",
        ("--lang", "en", "qa", "--all", "--against", "fixtures", "--cases", "{tmp}/casos"),
        1,
        "Error: The folder “{tmp}/casos” has no case files (.yaml or .yml).",
        {"casos/notas.txt": "scenario: imss-nss\n"},
    ),
    Case(
        "check-a-folder",
        ("profile", "check", "{tmp}"),
        2,
        "Error: Valor no válido para '[ARCHIVO]': Archivo '{tmp}': es una carpeta, no un archivo.",
    ),
    # An empty path is said as such (not as the current folder), with an example file name.
    Case(
        "status-html-empty",
        ("status", "--html", ""),
        2,
        "Error: Valor no válido para '--html': la ruta está vacía: indica un archivo (por ejemplo "
        "informe.html)",
    ),
    Case(
        "merge-junit-output-blank-en",
        ("--lang", "en", "merge-junit", " ", "{tmp}/a.xml"),
        2,
        "the path is empty: name a file (for example report.xml)",
        {"a.xml": "<testsuites/>"},
    ),
]


@table(CLI_OPTIONS)
def test_cli_options(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    check(case, tmp_path, monkeypatch)


@pytest.mark.skipif(os.geteuid() == 0, reason="permission bits do not stop root")
@pytest.mark.parametrize("option", ["--artifacts", "--trace"])
def test_a_read_only_folder_is_refused_before_the_run(
    option: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    target = "{tmp}/locked" + ("/t.zip" if option == "--trace" else "")
    case = Case(
        option,
        ("qa" if option == "--artifacts" else "run", "imss-nss", option, target),
        2,
        "no tienes permiso para escribir ahí",
    )
    try:
        check(case, tmp_path, monkeypatch)
    finally:
        locked.chmod(0o700)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (
            ("qa", "imss-nss", "--artifacts", "{tmp}/shots"),
            "Error: Valor no válido para '--artifacts': {tmp}/shots: el disco es de solo lectura",
        ),
        (
            ("--lang", "en", "run", "imss-nss", "--trace", "{tmp}/t.zip"),
            "Error: Invalid value for '--trace': {tmp}/t.zip: the disk is read-only",
        ),
    ],
)
def test_a_read_only_disk_is_refused_before_the_run(
    args: tuple[str, ...], says: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only disk stops even root: simulated where the write is tried."""
    import errno

    import autohelper.cli.paths

    def read_only(folder: Path) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(autohelper.cli.paths, "probe_folder", read_only)
    check(Case("read-only", args, 2, says), tmp_path, monkeypatch)


# --- The journal: damaged, a folder, unreadable, newer, on a read-only disk -------------------

_JOURNAL = "data/journal.sqlite3"  # AUTOHELPER_DATA_DIR is {tmp}/data (conftest)
_STUDENT = {"config/profiles/default.yaml": f"curp: {CURP}\nemail: {EMAIL}\ninstitution: itson\n"}
_NOT_SQLITE = "esto no es una base de datos\n" * 40


def _newer_journal(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp / "data").mkdir()
    with sqlite3.connect(tmp / _JOURNAL) as db:
        db.execute("PRAGMA user_version = 99")


def _read_only_disk(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A journal on a read-only disk: SQLite opened read-only stands for it (root included)."""
    import autohelper.journal

    autohelper.journal.Journal(tmp / _JOURNAL)
    monkeypatch.setattr(
        autohelper.journal, "_open", lambda p: sqlite3.connect(f"file:{p}?mode=ro", uri=True)
    )


def _unreadable(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A journal its user may not read (another owner's, or mode 000): permission bits do not
    stop root, so the access check answers as for anyone else."""
    (tmp / "data").mkdir()
    (tmp / _JOURNAL).write_bytes(b"")
    (tmp / _JOURNAL).chmod(0)
    real = os.access

    def access(path: Any, mode: int) -> bool:
        return False if str(path).endswith("sqlite3") else real(path, mode)

    monkeypatch.setattr(os, "access", access)


JOURNAL_STATES = [
    Case(
        "damaged-at-run",
        ("run", "imss-nss", "--against", "fixtures"),
        1,
        "Error: El diario {tmp}/data/journal.sqlite3 está dañado o no es un diario de "
        "autohelper (no es una base de datos SQLite que pueda leer). Para apartarlo sin "
        "borrarlo y empezar uno nuevo: autohelper journal repair",
        {_JOURNAL: _NOT_SQLITE},
    ),
    Case(
        "damaged-at-status-en",
        ("--lang", "en", "status"),
        1,
        "Error: The journal {tmp}/data/journal.sqlite3 is damaged or is not an autohelper journal",
        {_JOURNAL: b"\x00\xff" * 600, **_STUDENT},
    ),
    Case(
        "a-folder",
        ("done", "precondicion"),
        1,
        "Error: {tmp}/data/journal.sqlite3 es una carpeta, no el archivo del diario. Para "
        "apartarla sin borrar nada y empezar un diario nuevo: autohelper journal repair",
        {f"{_JOURNAL}/x": "", **_STUDENT},
    ),
    Case(
        "newer-schema-en",
        ("--lang", "en", "status"),
        1,
        "Error: The journal {tmp}/data/journal.sqlite3 is from a newer autohelper (schema 99; "
        "this one knows up to 4). Update autohelper, or set the journal aside",
        _STUDENT,
        prepare=_newer_journal,
    ),
    Case(
        "unreadable",
        ("status",),
        1,
        "Error: No puedo abrir el diario {tmp}/data/journal.sqlite3: no tienes permiso para "
        "leerlo. Si es tuyo, dale permisos de lectura (chmod 600 {tmp}/data/journal.sqlite3)",
        _STUDENT,
        prepare=_unreadable,
    ),
    Case(
        "read-only-disk",
        ("done", "precondicion"),
        1,
        "Error: No puedo escribir en el diario {tmp}/data/journal.sqlite3: el disco es de "
        "solo lectura. Usa otra carpeta para el diario con AUTOHELPER_DATA_DIR=/otra/carpeta",
        _STUDENT,
        prepare=_read_only_disk,
    ),
    Case(
        "read-only-disk-repair-en",
        ("--lang", "en", "journal", "repair"),
        1,
        "Error: Cannot write to the journal {tmp}/data/journal.sqlite3: the disk is read-only.",
        prepare=_read_only_disk,
    ),
    Case(
        "data-folder-is-a-file",
        ("run", "imss-nss", "--against", "fixtures"),
        1,
        "Error: No puedo crear ni abrir el diario {tmp}/data/journal.sqlite3: una parte de la "
        "ruta es un archivo, no una carpeta. Usa otra carpeta con AUTOHELPER_DATA_DIR",
        {"data": ""},
    ),
]


@table(JOURNAL_STATES)
def test_journal_states(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    arrange(case, tmp_path, monkeypatch)
    before = {p: p.stat().st_mtime_ns for p in (tmp_path / "data").glob("*")}
    check(case, tmp_path, monkeypatch, arranged=True)
    # Never lost: whatever was there is still there, unchanged (SQLite may add its side files).
    after = {p: p.stat().st_mtime_ns for p in (tmp_path / "data").glob("*")}
    assert {p: after.get(p) for p in before} == before


# --- The file system and the display: what a run needs before its browser -------------------


def _no_display(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)


FILE_SYSTEM = [
    Case(
        "headed-without-a-display",
        ("run", "imss-nss", "--against", "fixtures", "--headed"),
        1,
        "Error: Pediste el navegador visible (--headed), pero esta sesión no tiene pantalla",
        prepare=_no_display,
    ),
    Case(
        "headed-without-a-display-en",
        ("--lang", "en", "run", "imss-nss", "--against", "fixtures", "--headed"),
        1,
        "Error: You asked for a visible browser (--headed), but this session has no display",
        prepare=_no_display,
    ),
    Case(
        "cache-folder-is-a-file",
        ("run", "imss-nss", "--against", "fixtures"),
        1,
        "Error: No puedo guardar las capturas de la corrida en {tmp}/cache/autohelper/runs: una "
        "parte de la ruta es un archivo, no una carpeta",
        {"cache/autohelper": ""},
    ),
    Case(
        "resume-with-nothing-sent-en",
        ("--lang", "en", "run", "imss-nss", "--against", "http://127.0.0.1:9", "--resume"),
        1,
        "Error: There is no sent imss-nss request to resume (with this profile and target).",
        {
            "config/profiles/default.yaml": f"curp: {CURP}\nemail: {EMAIL}\npostal_code: "
            '"91000"\nstreet: AVENIDA DE PRUEBA\nexterior_number: "123"\n'
        },
        secret=EMAIL,
    ),
    Case(
        "mirror-refuses",
        ("qa", "imss-nss", "--against", "http://127.0.0.1:9"),
        1,
        "Error: No se pudo conectar con el espejo http://127.0.0.1:9: rechazó la conexión (¿no "
        "está corriendo?). Revisa la dirección y que el espejo esté corriendo",
    ),
    Case(
        "mirror-unknown-host-en",
        ("--lang", "en", "qa", "imss-nss", "--against", "http://no-such-host.invalid"),
        1,
        "Error: Could not connect to the mirror http://no-such-host.invalid: there is no server "
        "by that name.",
    ),
    Case(
        "resume-a-demo",
        ("run", "imss-nss", "--against", "fixtures", "--resume"),
        1,
        "Error: El portal simulado incluido olvida sus ligas al cerrarse: una demostración no "
        "se puede retomar.",
    ),
    # The command to start again keeps the profile named (else it would run the default one).
    Case(
        "resume-with-nothing-sent-named-profile",
        ("run", "imss-nss", "--against", "http://127.0.0.1:9", "--resume", "--profile", "ana"),
        1,
        "(con este perfil y este destino). Para empezar: autohelper run imss-nss --profile ana",
        {
            "config/profiles/ana.yaml": f"curp: {CURP}\nemail: {EMAIL}\npostal_code: "
            '"91000"\nstreet: AVENIDA DE PRUEBA\nexterior_number: "123"\n'
        },
        secret=EMAIL,
    ),
    Case(
        "resume-a-demo-named-profile-en",
        (
            "--lang",
            "en",
            "run",
            "imss-nss",
            "--against",
            "fixtures",
            "--resume",
            "--profile",
            "ana",
        ),
        1,
        "Start again: autohelper run imss-nss --profile ana --against fixtures",
        {
            "config/profiles/ana.yaml": f"curp: {CURP}\nemail: {EMAIL}\npostal_code: "
            '"91000"\nstreet: AVENIDA DE PRUEBA\nexterior_number: "123"\n'
        },
    ),
    # AUTOHELPER_CONFIG_DIR naming a file: not "create it with autohelper init", which could
    # not make the folder either.
    Case(
        "config-dir-is-a-file",
        ("status",),
        1,
        "Error: no pude leer el perfil {tmp}/config-file/profiles/default.yaml: una parte de la "
        "ruta es un archivo, no una carpeta",
        {"config-file": ""},
        prepare=lambda tmp, mp: mp.setenv("AUTOHELPER_CONFIG_DIR", str(tmp / "config-file")),
    ),
]


@table(FILE_SYSTEM)
def test_file_system_and_display(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    check(case, tmp_path, monkeypatch)


# --- Prompts after a send: the person leaves the link for later ---------------------------------

PROMPTS_AFTER_A_SEND = [
    pytest.param(
        None,
        ("Escribe los caracteres de la imagen", "¿Lo envío\\? \\[s/N\\]", "s", "pégala aquí"),
        "salir",
        "Dejaste la liga para después («Abrir la liga de confirmación que llegó a tu correo»). "
        "Tu solicitud ya se envió: no la envíes otra vez. La liga vale solo el día en que llegó; "
        "cuando la tengas, retoma esta sesión.",
        id="salir",
    ),
    pytest.param(
        "en",
        ("Type the characters in the image", "Send it\\? \\[y/N\\]", "y", "paste it here"),
        "quit",
        "You left the link for later (“Open the confirmation link from your email”). Your "
        "request was already sent: do not send it again. The link is valid only on the day it "
        "arrived; once you have it, resume this session.",
        id="quit-en",
    ),
]


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "flow", "leave", "says"), PROMPTS_AFTER_A_SEND)
def test_prompts_after_a_send(
    portal: Any,
    short_tmp: Path,
    lang: str | None,
    flow: tuple[str, str, str, str],
    leave: str,
    says: str,
) -> None:
    """In a real terminal: leaving the link for later ends with exit 1, the step named, the
    request said to be sent, how to resume it, no traceback, one language."""
    import io

    import pexpect
    from terminal_session import current_captcha, student_session

    child = student_session(portal, short_tmp, lang=lang)
    transcript = io.StringIO()
    child.logfile_read = transcript
    captcha_prompt, confirm_prompt, yes, link_prompt = flow
    child.expect(captcha_prompt)
    child.sendline(current_captcha(portal))
    child.expect(confirm_prompt)
    child.sendline(yes)
    child.expect(link_prompt)
    child.sendline(leave)
    child.expect(pexpect.EOF)
    child.close()
    shown = " ".join(transcript.getvalue().split())
    assert child.exitstatus == 1, shown
    assert " ".join(says.split()) in shown
    assert "autohelper run imss-nss --against" in shown and "--resume" in shown
    assert "Traceback" not in shown
    assert portal.posts("asignacionNSS/valida") == 1
    if lang == "en":
        assert not SPANISH.search(shown), SPANISH.search(shown)
    else:
        assert not ENGLISH.search(shown), ENGLISH.search(shown)

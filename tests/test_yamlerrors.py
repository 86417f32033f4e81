"""Reading a person's YAML file: each library failure is one catalogue phrase at its
`line:column`, in Spanish and English, never PyYAML's or the codec's English; absurd nesting and
alias bombs are bounded problems, not crashes or hangs."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from autohelper import yamlerrors as ye

# (name, YAML text, expected `f.yaml:line:column: phrase` in Spanish)
CASES = [
    (
        "value with a colon",
        "a: b: c\n",
        "f.yaml:1:5: aquí no cabe un «clave: valor»; si el valor lleva «: », escríbelo entre "
        "comillas, o revisa la sangría",
    ),
    ("tab", "a:\n\t- b\n", "f.yaml:2:1: hay un tabulador; en YAML la sangría va solo con espacios"),
    (
        "missing colon",
        "a: 1\nb\nc: 2\n",
        "f.yaml:2:1: a esta clave le falta «:» (cada línea es «clave: valor»)",
    ),
    (
        "reserved @",
        "a: @x\n",
        "f.yaml:1:4: un valor no puede empezar con «@»; escríbelo entre comillas",
    ),
    (
        "unclosed list",
        "a: [1, 2\nb: 3\n",
        "f.yaml:2:2: falta «,» o «]» en la lista abierta en la línea 1",
    ),
    (
        "unclosed at the end",
        "x: [",
        "f.yaml:1:5: el archivo termina antes de tiempo (¿falta cerrar un «[», un «{» o unas "
        "comillas?)",
    ),
    (
        "unclosed mapping",
        "a: {x: 1\n",
        "f.yaml:2:1: falta «,» o «}» en el mapeo abierto en la línea 1",
    ),
    (
        "unclosed quote",
        'a: "abc\nb: 2\n',
        "f.yaml:1:4: las comillas que se abren aquí nunca se cierran",
    ),
    (
        "a quote left open that a later line closes",
        'a: x\nnss: "677\nb: 1\nc: "x"\n',
        "f.yaml:2:6: las comillas que se abren aquí no se cierran en su línea: YAML sigue "
        "leyendo hasta la línea 4, y lo que sigue ya no es válido",
    ),
    (
        "a quoted value over two lines, then another problem",
        'a: "one\n  two"\nb: c: d\n',
        "f.yaml:3:5: aquí no cabe un «clave: valor»; si el valor lleva «: », escríbelo entre "
        "comillas, o revisa la sangría",
    ),
    (
        "bad escape",
        'a: "c:\\dir"\n',
        "f.yaml:1:8: «\\d» no es un escape válido entre comillas dobles; usa comillas simples o "
        "escribe \\\\",
    ),
    (
        "indentation",
        "a:\n  b: 1\n c: 2\n",
        "f.yaml:3:2: la sangría no cuadra con el bloque que empieza en la línea 1",
    ),
    (
        "duplicate anchor",
        "a: &x 1\nb: &x 2\n",
        "f.yaml:2:4: el ancla «&x» ya se definió en la línea 1",
    ),
    ("undefined alias", "a: *y\n", "f.yaml:1:4: el alias «*y» no tiene antes un ancla «&y»"),
    ("recursive alias", "a: &x [*x]\n", "f.yaml:1:8: el alias «*x» está dentro de su propia ancla"),
    (
        "two documents",
        "a: 1\n---\nb: 2\n",
        "f.yaml:2:1: el archivo tiene más de un documento (un «---» de más); debe tener uno solo",
    ),
    (
        "python tag",
        "a: !!python/object:os.system x\n",
        "f.yaml:1:4: etiqueta de YAML desconocida «!!python/object:os.system»; quítala o escribe "
        "el valor entre comillas",
    ),
    (
        # An email typed after a "!" is a tag: the message must not carry it whole.
        "tag that is an email",
        "email: !zeta.unique@example.com\n",
        "f.yaml:1:8: etiqueta de YAML desconocida «!z…@example.com»; quítala o escribe el valor "
        "entre comillas",
    ),
    (
        "alias that is a CURP",
        "curp: *HEGG560427MVZRRL04\n",
        "f.yaml:1:7: el alias «*HEGG…L04» no tiene antes un ancla «&HEGG…L04»",
    ),
    (
        "bad integer",
        "a: !!int abc\n",
        "f.yaml:1:4: este valor no es un número entero (!!int); si es texto, escríbelo entre "
        "comillas",
    ),
    (
        "impossible date",
        "a: 2024-13-45\n",
        "f.yaml:1:4: este valor parece una fecha pero no existe; si es texto, escríbelo entre "
        "comillas",
    ),
    (
        "control character",
        "a: b\x07c\n",
        "f.yaml:1:5: hay un carácter de control (U+0007) que YAML no permite",
    ),
    (
        "deep list",
        "[" * 100_000,
        "f.yaml:1:51: anidado a más de 50 niveles; ningún archivo de autohelper llega a tanto",
    ),
    (
        "deep mapping",
        "".join("  " * i + "a:\n" for i in range(200)),
        "f.yaml:50:99: anidado a más de 50 niveles; ningún archivo de autohelper llega a tanto",
    ),
    (
        "alias bomb",
        "a: &a [x,x,x,x,x,x,x,x,x,x]\n"
        + "".join(
            f"{n}: &{n} [{', '.join([f'*{p}'] * 10)}]\n"
            for p, n in zip("abcd", "bcde", strict=True)
        )
        + "f: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n",
        "f.yaml:5:36: los alias se expanden a más de 100000 elementos",
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_yaml_problem_is_one_phrase_at_its_place(name: str, text: str, expected: str) -> None:
    started = time.monotonic()
    with pytest.raises(ye.FileProblem) as info:
        ye.compose(text)
    assert info.value.located("f.yaml", "es") == expected
    assert time.monotonic() - started < 5  # bounded: no hang on a bomb


def test_english_phrase_for_the_same_problem() -> None:
    with pytest.raises(ye.FileProblem) as info:
        ye.compose("a:\n\t- b\n")
    assert (
        info.value.located("f.yaml", "en")
        == "f.yaml:2:1: there is a tab; YAML indents with spaces only"
    )


def test_honest_yaml_composes_and_constructs() -> None:
    node = ye.compose(
        "\ufeffa: &x [1, {b: c}]\nd: *x\ne: '2024-13-45'\nbase: &m {k: 1}\nm:\n  <<: *m\n"
    )
    assert node is not None
    assert ye.construct(node) == {
        "a": [1, {"b": "c"}],
        "d": [1, {"b": "c"}],
        "e": "2024-13-45",
        "base": {"k": 1},
        "m": {"k": 1},
    }
    assert ye.compose("# only a comment\n") is None


def test_a_merge_of_a_scalar_points_at_the_mapping() -> None:
    node = ye.compose("a: &x 1\nb:\n  <<: *x\n")
    assert node is not None
    with pytest.raises(ye.FileProblem) as info:
        ye.construct(node)
    assert info.value.located("f.yaml", "es") == (
        "f.yaml:3:3: «<<» solo combina un mapeo o una lista de mapeos"
    )


def test_a_latin1_file_names_the_line_and_column_of_its_first_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "perfil.yaml"
    path.write_bytes("names: Ana\nfirst_surname: Núñez\n".encode("latin-1"))
    with pytest.raises(ye.FileProblem) as info:
        ye.read_text(path)
    assert info.value.located(str(path), "es") == (
        f"{path}:2:17: el archivo no está en UTF-8 (el byte 0xFA no es UTF-8 válido); "
        "guárdalo como UTF-8 en tu editor"
    )


def test_a_column_counts_characters_not_bytes(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_bytes("a: ñandú \xff\n".encode("utf-8", errors="surrogateescape")[:-2] + b"\xff\n")
    with pytest.raises(ye.FileProblem) as info:
        ye.read_text(path)
    assert (info.value.line, info.value.column) == (1, 10)


@pytest.mark.parametrize(
    ("make", "key"),
    [
        (lambda p: p, "file.not_found"),
        (lambda p: (p.mkdir(), p)[1], "file.is_directory"),
        (lambda p: Path("/dev/null"), "file.not_regular"),
        (lambda p: (p.write_bytes(b"a" * (ye.MAX_BYTES + 1)), p)[1], "file.too_big"),
    ],
    ids=["missing", "folder", "device", "huge"],
)
def test_files_that_cannot_be_read_say_why(tmp_path: Path, make: object, key: str) -> None:
    path = make(tmp_path / "x.yaml")  # type: ignore[operator]
    with pytest.raises(ye.FileProblem) as info:
        ye.read_text(path)
    assert info.value.key == key
    assert info.value.line is None
    assert "Errno" not in info.value.message("es")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_a_file_without_read_permission(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    path.chmod(0)
    with pytest.raises(ye.FileProblem) as info:
        ye.read_text(path)
    assert info.value.message("es") == "no tienes permiso para leerlo"


def test_os_errors_never_show_the_c_library_text() -> None:
    import errno

    assert ye.os_problem(OSError(errno.EROFS, "Read-only file system"), writing=True).message(
        "es"
    ) == ("el disco es de solo lectura")
    # The system's other reasons, as errors.os_reason words them; a rare one by its name.
    assert ye.os_problem(OSError(errno.EIO, "Input/output error")).message("en") == (
        "the disk failed to read or write (a damaged disk or USB stick?)"
    )
    assert ye.os_problem(OSError(errno.ENAMETOOLONG, "File name too long")).message("es") == (
        "el nombre es demasiado largo para el sistema"
    )
    assert ye.os_problem(OSError(errno.EXDEV, "Invalid cross-device link")).message("en") == (
        "the system could not read it (error EXDEV)"
    )
    assert ye.os_problem(OSError(errno.ENOENT, "x"), writing=True).message("es") == (
        "la carpeta donde iría no existe"
    )
    assert ye.os_problem(OSError(errno.ELOOP, "Too many levels")).message("es") == (
        "es un enlace simbólico que, de enlace en enlace, vuelve a sí mismo"
    )


ROOT = Path(__file__).resolve().parent.parent
BUNDLED = sorted(
    p for folder in ("scenarios", "fixtures", "autohelper") for p in (ROOT / folder).rglob("*.yaml")
)


def _shape(node: object) -> object:
    """A composed node as plain data: kind, tag, value or children, and where it starts and
    ends (the lines and columns every later message quotes)."""
    import yaml

    assert isinstance(node, yaml.Node)
    place = (node.start_mark.line, node.start_mark.column, node.end_mark.line, node.end_mark.column)
    if isinstance(node, yaml.ScalarNode):
        return ("scalar", node.tag, node.value, node.style, place)
    if isinstance(node, yaml.SequenceNode):
        return ("seq", node.tag, node.flow_style, place, [_shape(n) for n in node.value])
    pairs = [(_shape(k), _shape(v)) for k, v in node.value]
    return ("map", node.tag, node.flow_style, place, pairs)


@pytest.mark.skipif(not ye.yaml.__with_libyaml__, reason="PyYAML built without libyaml")
def test_libyaml_composes_every_bundled_file_exactly_as_the_reference_path() -> None:
    assert len(BUNDLED) > 10
    for path in BUNDLED:
        text = path.read_text(encoding="utf-8")
        reference = ye._BoundedLoader(text)
        try:
            expected = reference.get_single_node()
        finally:
            reference.dispose()
        got = ye._compose_fast(text)
        assert (got is None) == (expected is None), path
        if got is not None:
            assert _shape(got) == _shape(expected), path


@pytest.mark.skipif(not ye.yaml.__with_libyaml__, reason="PyYAML built without libyaml")
def test_a_well_formed_file_never_reaches_the_slow_path(monkeypatch: pytest.MonkeyPatch) -> None:
    def slow(text: str) -> None:
        raise AssertionError("the pure-Python path composed a well-formed file")

    monkeypatch.setattr(ye, "_BoundedLoader", slow)
    node = ye.compose((ROOT / "scenarios" / "imss-nss.yaml").read_text(encoding="utf-8"))
    assert node is not None
    with pytest.raises(AssertionError):  # a problem still goes to the path that words it
        ye.compose("a: b: c\n")


def test_bounded_problems_read_the_same_whichever_path_finds_them() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(5)
    )
    with pytest.raises(ye.FileProblem) as info:
        ye.compose(bomb)
    assert info.value.key == "yaml.too_big"
    with pytest.raises(ye.FileProblem) as info:
        ye.compose("a: " + "[" * (ye.MAX_DEPTH + 5) + "]" * (ye.MAX_DEPTH + 5) + "\n")
    assert info.value.key == "yaml.too_deep"

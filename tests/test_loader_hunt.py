"""Scenario files a hunt broke: a scenario of the scenarios folder whose `id` is not its file's
name (refused at the id, by `scenarios validate` and by every command that loads it, before
anything is journaled), and a `fill:` whose locator is empty (said to be missing, not text)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import ROOT, console

from autohelper.errors import ScenarioError
from autohelper.journal import Journal, default_path
from autohelper.scenario.loader import load_scenario


@pytest.fixture
def renamed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the scenarios folder whose imss-umf.yaml says `id: imss-nss` (a copied file
    whose id was not changed), made the scenarios folder."""
    folder = tmp_path / "scn"
    shutil.copytree(ROOT / "scenarios", folder)
    path = folder / "imss-umf.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.startswith("id: "))
    lines[index] = "id: imss-nss\n"
    path.write_text("".join(lines), encoding="utf-8")
    monkeypatch.setenv("AUTOHELPER_SCENARIOS", str(folder))
    return path


def _id_line(path: Path) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.startswith("id: "))


def test_validate_refuses_an_id_that_is_not_the_file_name_at_the_id(renamed: Path) -> None:
    result = console("scenarios", "validate")
    assert result.exit_code == 1
    assert (
        f"{renamed}:{_id_line(renamed)}:5: el id 'imss-nss' no es el nombre del archivo "
        "(imss-umf.yaml): en la carpeta de escenarios, el archivo de un escenario lleva su id "
        "por nombre (id: imss-umf)"
    ) in result.stderr, result.stderr
    english = console("--lang", "en", "scenarios", "validate", str(renamed))
    assert english.exit_code == 1
    assert "the id 'imss-nss' is not the file's name (imss-umf.yaml)" in english.stderr


def test_list_does_not_show_one_id_twice(renamed: Path) -> None:
    result = console("scenarios", "list")
    assert result.exit_code == 1
    assert result.stdout.count("imss-nss") <= 1
    assert "no es el nombre del archivo" in result.stderr


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("run", "imss-umf", "--against", "fixtures"), "no es el nombre del archivo"),
        (("check", "imss-umf"), "no es el nombre del archivo"),
        # Its cases are refused for their scenario's problem, not as the NSS scenario's cases.
        (("qa", "imss-umf"), "el escenario 'imss-umf' tiene 1 problema(s)"),
    ],
)
def test_commands_that_load_it_refuse_it_and_journal_nothing(
    renamed: Path, args: tuple[str, ...], words: str
) -> None:
    result = console(*args)
    # `check` could not check (its exit 1 means «the portal changed»).
    assert result.exit_code == (2 if args[0] == "check" else 1), result.output
    assert "Traceback" not in result.output
    assert words in result.stderr, result.stderr
    assert "imss-nss/" not in result.stderr
    assert not default_path().exists() or Journal(writable=False).runs() == []


def test_a_file_given_by_its_path_elsewhere_keeps_its_id(tmp_path: Path) -> None:
    path = tmp_path / "copia.yaml"
    shutil.copy(ROOT / "scenarios" / "imss-umf.yaml", path)
    assert load_scenario(path).id == "imss-umf"


EMPTY_FILL = """\
id: s
title: S
portal: imss
needs: {profile: [curp]}
steps:
  - goto: https://www.imss.gob.mx/tramites/imss02008
    description: abrir
  - fill:
    css: "#curp"
    value: "{profile.curp}"
    description: curp
  - click: ""
    description: vacío
"""


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "es",
            "falta el localizador: este valor está vacío (si lo escribiste en las líneas de "
            'abajo, sángralas bajo esta clave); escribe, por ejemplo, {css: "#id"}',
        ),
        (
            "en",
            "the locator is missing: this value is empty (if you wrote it on the lines below, "
            'indent them under this key); write, for example, {css: "#id"}',
        ),
    ],
)
def test_an_empty_locator_is_said_to_be_missing(tmp_path: Path, lang: str, words: str) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(EMPTY_FILL, encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path, lang)
    problems = caught.value.problems
    assert f"{path}:8:10: {words}" in problems, problems
    assert f"{path}:12:12: {words}" in problems, problems
    assert not any('{css: ""}' in problem for problem in problems)

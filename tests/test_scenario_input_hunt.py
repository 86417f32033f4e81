"""Inputs a QA hunt found dangerous: a scenario id that is a path (QA deleted the folder it
named), escapes that are no Unicode character (a crash, exit 3), a FIFO given as a scenario (a
hang). Each is refused at its `file:line:column` with exit 1, in Spanish and English."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from click.testing import Result
from support import MINI_SCENARIO, ROOT, console
from test_cli import autohelper_cmd

from autohelper import yamlerrors
from autohelper.scenario.loader import load_scenarios, scenario_files, scenarios_dir


def scenario(tmp_path: Path, first_line: str, name: str = "s.yaml") -> Path:
    """The minimal scenario with its `id:` line replaced."""
    path = tmp_path / name
    path.write_text(MINI_SCENARIO.replace("id: mini-ok\n", first_line + "\n"), encoding="utf-8")
    return path


def refused(result: Result) -> str:
    """The answer to a bad input: exit 1, no traceback; its stderr."""
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    return result.stderr


# --- A scenario id is a folder name, never a path -------------------------------------------

_ID_RULE = "letras minúsculas, números, '-' y '_', empezando por una letra (hasta 60)"


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ("id: /tmp/victim", "/tmp/victim"),
        ("id: ../..", "../.."),
        ('id: "imss/../.."', "imss/../.."),
        ('id: "imss-nss\\n"', "imss-nss\\n"),
        ("id: Mini", "Mini"),
        ("id: " + "a" * 61, "a" * 60 + "…"),
    ],
)
def test_a_scenario_id_that_is_not_a_folder_name_is_refused_at_its_place(
    tmp_path: Path, line: str, shown: str
) -> None:
    path = scenario(tmp_path, line)
    err = refused(console("scenarios", "validate", str(path)))
    assert f"{path}:1:5: id de escenario inválido '{shown}': {_ID_RULE}" in err


def test_a_scenario_id_that_is_a_path_in_english(tmp_path: Path) -> None:
    path = scenario(tmp_path, "id: ../..")
    err = refused(console("--lang", "en", "scenarios", "validate", str(path)))
    assert f"{path}:1:5: invalid scenario id '../..': lower-case letters, digits" in err


def test_every_bundled_scenario_id_is_a_folder_name(tmp_path: Path) -> None:
    assert len(load_scenarios(scenario_files(scenarios_dir()))) >= 4
    result = console("scenarios", "validate", str(scenario(tmp_path, "id: mini-ok")))
    assert result.exit_code == 0, result.output
    assert "mini-ok" in result.stdout


def test_qa_never_deletes_the_folder_a_scenario_id_points_at(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """QA keeps a case's evidence in `artifacts/<scenario id>/<case id>` and clears it first:
    an absolute id made that any folder of the disk."""
    victim = tmp_path / "victim" / "keep"
    victim.mkdir(parents=True)
    (victim / "data.txt").write_text("precious", encoding="utf-8")
    scenarios = tmp_path / "scenarios"
    (scenarios / "portals").mkdir(parents=True)
    (scenarios / "portals" / "imss.yaml").write_bytes(
        (ROOT / "scenarios" / "portals" / "imss.yaml").read_bytes()
    )
    scenario(scenarios, f"id: {tmp_path / 'victim'}", "evil.yaml")
    cases = tmp_path / "cases.yaml"
    cases.write_text("scenario: evil\ncases:\n  - id: keep\n    expect: success\n", "utf-8")
    monkeypatch.setenv("AUTOHELPER_SCENARIOS", str(scenarios))
    args = ("qa", "evil", "--against", "fixtures", "--cases", str(cases))
    result = autohelper_cmd(*args, "--artifacts", str(tmp_path / "artifacts"))
    assert (victim / "data.txt").read_text(encoding="utf-8") == "precious"
    assert f"{cases}:1:11: el escenario 'evil' tiene 1 problema(s)" in refused(result)


# --- Escapes that are no Unicode character --------------------------------------------------

_SURROGATE = "es media pareja UTF-16, no un carácter"


@pytest.mark.parametrize(
    ("line", "where", "escape"),
    [
        ('id: "\\ud800"', "1:6", "\\ud800"),
        ('id: "x"\ntitle: "a \\\\ b \\udcff"', "2:16", "\\udcff"),
        ('id: "x"\ntitle: "a \\\n  \\U0000DFFF"', "3:3", "\\U0000DFFF"),
        ('id: "x"\ntitle: "\\ud83d\\ude00"', "2:9", "\\ud83d"),
        ('"\\ud800": x', "1:2", "\\ud800"),
    ],
)
def test_a_surrogate_escape_in_a_scenario_is_refused_at_its_place(
    tmp_path: Path, line: str, where: str, escape: str
) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(line + "\n", encoding="utf-8")
    err = refused(console("scenarios", "validate", str(path)))
    assert f"{path}:{where}: YAML inválido: «{escape}» {_SURROGATE}" in err


def test_a_surrogate_escape_in_a_profile_is_refused_in_english(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text('curp: "HEGG560427MVZRRL04"\nemail: "a\\udcff@b.mx"\n', encoding="utf-8")
    path.chmod(0o600)
    err = refused(console("--lang", "en", "profile", "check", str(path)))
    assert f"{path}:2:10: invalid YAML: “\\udcff” is half a UTF-16 pair, not a character" in err


def test_a_surrogate_escape_in_a_qa_case_is_refused_before_any_browser(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    text = 'scenario: imss-nss\ncases:\n  - id: x\n    description: "\\ud800"\n'
    path.write_text(text + "    expect: success\n", encoding="utf-8")
    args = ("qa", "imss-nss", "--against", "fixtures", "--cases", str(path))
    err = refused(autohelper_cmd(*args, "--artifacts", str(tmp_path / "artifacts")))
    assert f"{path}:4:19: YAML inválido: «\\ud800» {_SURROGATE}" in err


def test_an_escaped_backslash_before_u_is_text_not_a_surrogate() -> None:
    node = yamlerrors.compose('a: "\\\\ud800"\n')
    assert node is not None
    assert yamlerrors.construct(node) == {"a": "\\ud800"}


@pytest.mark.parametrize(
    ("text", "where", "escape"),
    [
        ('id: "\\U0010FFFF\\U00110000"', "1:16", "\\U00110000"),
        ('id: x\ntitle: "\\UFFFFFFFF"', "2:9", "\\UFFFFFFFF"),
    ],
)
def test_an_escape_past_unicode_is_refused_at_its_place(
    tmp_path: Path, text: str, where: str, escape: str
) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(text + "\n", encoding="utf-8")
    err = refused(console("scenarios", "validate", str(path)))
    assert f"{path}:{where}: YAML inválido: «{escape}» no es ningún carácter" in err
    err = refused(console("--lang", "en", "scenarios", "validate", str(path)))
    assert f"{path}:{where}: invalid YAML: “{escape}” is no character: Unicode ends at" in err


# --- Files that are no regular file -----------------------------------------------------------


def test_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "f.yaml"
    os.mkfifo(fifo)
    answer: list[Result] = []
    worker = threading.Thread(
        target=lambda: answer.append(console("scenarios", "validate", str(fifo))), daemon=True
    )
    worker.start()
    worker.join(timeout=5)
    hung = worker.is_alive()
    if hung:  # a writer that closes at once: the reader sees the end, the command finishes
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        worker.join(timeout=20)
    assert not hung, "validate waited on the FIFO"
    err = refused(answer[0])
    assert f"{fifo}: no pude leer el archivo: no es un archivo normal" in err

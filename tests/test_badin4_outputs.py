"""What a fourth hunt for bad input found in reports and their inputs: `status --html -` wrote a
file named `-`; a report into a pipe (`/dev/stderr`, `/proc/self/fd/1`) was said as a missing
folder or as no permission, after the timeline was printed; `merge-junit` said a Latin-1 file
only as "a character that cannot go there" and a DOCTYPE only as "malformed XML" at its
entity's use; `done ＳＯＬＩＣＩＴＵＤ` (full width) found no step; a journal's yields edited by
hand printed their line breaks and escape sequences raw."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import console
from test_status import add_run, make_profile

from autohelper.journal import default_path

OK_JUNIT = (
    '<?xml version="1.0" encoding="utf-8"?>\n<testsuites><testsuite name="s" tests="1" '
    'errors="0" failures="0" skipped="0" time="1"><testcase classname="x" name="a" time="1"/>'
    "</testsuite></testsuites>\n"
)


@pytest.fixture(autouse=True)
def _no_profile_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AUTOHELPER_PROFILE", raising=False)


@pytest.fixture
def pipe_fd() -> Iterator[int]:
    """The writing end of a pipe this process holds, as `/dev/stderr` is when piped."""
    read, write = os.pipe()
    yield write
    os.close(read)
    os.close(write)


# --- D6. `-` and targets that are no regular file --------------------------------------------


@pytest.mark.parametrize(
    ("args", "example"),
    [
        (("status", "--html", "-"), "informe.html"),
        (("status", "--ics", "-"), "informe.ics"),
        (("merge-junit", "-", "in.xml"), "informe.xml"),
    ],
)
def test_a_dash_is_no_file_and_no_file_named_dash_is_made(
    args: tuple[str, ...], example: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_profile()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.xml").write_text(OK_JUNIT, encoding="utf-8")
    result = console(*args)
    assert result.exit_code == 2, result.output
    assert (
        "«-» no es un archivo normal: autohelper no escribe informes en la salida estándar; "
        f"indica la ruta de un archivo (por ejemplo {example}; para un archivo llamado «-», ./-)"
    ) in result.stderr
    assert result.stdout == ""
    assert not (tmp_path / "-").exists()
    english = console("--lang", "en", *args)
    assert "“-” is not a regular file: autohelper writes no report to standard output" in (
        english.stderr
    )
    assert not (tmp_path / "-").exists()


def test_qa_refuses_a_dash_before_anything_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = console("qa", "imss-nss", "--against", "fixtures", "--junit", "-")
    assert result.exit_code == 2, result.output
    assert "«-» no es un archivo normal" in result.stderr
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("option", ["--html", "--ics"])
def test_status_into_a_proc_fd_pipe_is_refused_as_no_regular_file_before_printing(
    option: str, pipe_fd: int
) -> None:
    make_profile()
    path = f"/proc/self/fd/{pipe_fd}"
    result = console("status", option, path)
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        f"Error: No pude escribir {path}: no es un archivo normal sino un dispositivo, una "
        "tubería o un socket; no escribo ahí: elige la ruta de un archivo\n"
    )
    assert result.stdout == ""  # refused before the timeline, not after it
    english = console("--lang", "en", "status", option, path)
    assert english.exit_code == 1
    assert english.stderr == (
        f"Error: Cannot write {path}: it is not a regular file but a device, a pipe or a "
        "socket; I do not write there: choose a file's path\n"
    )


def test_status_into_a_link_to_a_pipe_like_dev_stderr_is_not_a_missing_folder(
    tmp_path: Path, pipe_fd: int
) -> None:
    make_profile()
    link = tmp_path / "stderr"
    link.symlink_to(f"/proc/self/fd/{pipe_fd}")  # what /dev/stderr is
    result = console("status", "--ics", str(link))
    assert result.exit_code == 1, result.output
    assert f"No pude escribir {link}: no es un archivo normal" in result.stderr
    assert "la carpeta donde iría no existe" not in result.stderr
    assert result.stdout == ""


def test_a_private_write_through_a_link_to_a_pipe_is_refused_as_no_regular_file(
    tmp_path: Path, pipe_fd: int
) -> None:
    """The last guard, under every report's write: `/dev/stderr` resolves to a name such as
    `pipe:[123]` that is no file, so it was taken for a new file in a missing folder."""
    from autohelper.files import os_problem
    from autohelper.privatefiles import NotRegularFileError, write_private

    link = tmp_path / "stderr"
    link.symlink_to(f"/proc/self/fd/{pipe_fd}")
    with pytest.raises(NotRegularFileError) as raised:
        write_private(link, b"x")
    assert os_problem(raised.value, writing=True).key == "file.not_regular_write"


def test_status_into_dev_null_is_refused_before_printing() -> None:
    make_profile()
    result = console("status", "--html", "/dev/null")
    assert result.exit_code == 1
    assert "No pude escribir /dev/null: no es un archivo normal" in result.stderr
    assert result.stdout == ""


def test_merge_junit_into_a_pipe_is_refused_before_its_inputs_are_read(
    tmp_path: Path, pipe_fd: int
) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_text("<testsuites>", encoding="utf-8")
    path = f"/proc/self/fd/{pipe_fd}"
    result = console("merge-junit", path, str(broken))
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        f"Error: No pude escribir el JUnit «{path}»: no es un archivo normal sino un "
        "dispositivo, una tubería o un socket; no escribo ahí: elige la ruta de un archivo\n"
    )


# --- D10. merge-junit: not UTF-8, a DOCTYPE ---------------------------------------------------


def test_a_latin1_junit_is_said_not_utf8_with_its_byte_and_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.xml"
    path.write_bytes(OK_JUNIT.replace('name="s"', 'name="Asignación"').encode("latin-1"))
    result = console("merge-junit", str(tmp_path / "out.xml"), str(path))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: El JUnit «{path}» no está en UTF-8: el byte 0xF3 (byte 77 del archivo, línea "
        "2, columna 38) no es UTF-8 válido (¿se guardó como Latin-1?); guárdalo como UTF-8.\n"
    )
    english = console("--lang", "en", "merge-junit", str(tmp_path / "out.xml"), str(path))
    assert english.stderr == (
        f"Error: The JUnit file “{path}” is not UTF-8: byte 0xF3 (byte 77 of the file, line 2, "
        "column 38) is not valid UTF-8 (saved as Latin-1?); save it as UTF-8.\n"
    )
    assert not (tmp_path / "out.xml").exists()


def test_a_junit_declaring_latin1_is_still_merged(tmp_path: Path) -> None:
    path = tmp_path / "declared.xml"
    text = OK_JUNIT.replace('name="s"', 'name="Asignación"').replace("utf-8", "ISO-8859-1")
    path.write_bytes(text.encode("latin-1"))
    result = console("merge-junit", str(tmp_path / "out.xml"), str(path))
    assert result.exit_code == 0, result.output
    assert 'name="Asignación"' in (tmp_path / "out.xml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
        '<!DOCTYPE r [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;">]>',
        '<!DOCTYPE testsuites SYSTEM "junit.dtd">',
    ],
)
def test_a_junit_with_a_doctype_is_refused_at_its_line(tmp_path: Path, doctype: str) -> None:
    path = tmp_path / "dtd.xml"
    body = OK_JUNIT.split("\n", 1)[1].replace('name="s"', 'name="&x;"')
    path.write_text(f'<?xml version="1.0"?>\n\n{doctype}\n{body}', encoding="utf-8")
    result = console("merge-junit", str(tmp_path / "out.xml"), str(path))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: El JUnit «{path}» trae en la línea 3 un DOCTYPE que declara entidades o un "
        "DTD: no acepto DOCTYPE ni entidades en un JUnit (ningún informe los lleva); quítalo.\n"
    )
    english = console("--lang", "en", "merge-junit", str(tmp_path / "out.xml"), str(path))
    assert f"“{path}” has, on line 3, a DOCTYPE declaring entities or a DTD" in english.stderr


def test_a_bare_html_doctype_is_still_said_to_be_no_junit(tmp_path: Path) -> None:
    path = tmp_path / "page.xml"
    path.write_text("<!DOCTYPE html><html><body>no</body></html>", encoding="utf-8")
    result = console("merge-junit", str(tmp_path / "out.xml"), str(path))
    assert result.exit_code == 1
    assert "su elemento principal es <html>" in result.stderr


# --- minor: full-width step ids, control characters in yields ---------------------------------


def test_done_takes_a_full_width_step_id() -> None:
    make_profile()
    result = console("done", "ＳＯＬＩＣＩＴＵＤ", "--on", "2026-11-13")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("✔ Marcado como hecho: solicitud")


def test_a_misspelt_full_width_step_id_gets_a_did_you_mean() -> None:
    make_profile()
    result = console("done", "ＳＯＬＩＣＩＴＵ")
    assert result.exit_code == 1
    assert "¿quisiste decir 'solicitud'?" in result.stderr


def test_status_shows_hand_edited_yields_without_their_control_characters() -> None:
    make_profile()
    add_run("itson-solicitud", "success", {"folio": "4815"}, day="2026-11-13")
    with sqlite3.connect(default_path()) as db:
        db.execute(
            "UPDATE runs SET yields = ?",
            ('{"folio": "48\\r\\n15\\u001b[2J", "nota\\u0007": "x\\u202ey"}',),
        )
    for args in ((), ("--reveal",)):
        result = console("status", "--as-of", "2026-11-16", *args)
        assert result.exit_code == 0, result.output
        for control in ("\r", "\x1b", "\x07", "\u202e"):
            assert control not in result.stdout
        assert "nota x y" in result.stdout
    assert "folio 48 15 [2J" in result.stdout  # revealed: the text, its breaks as spaces

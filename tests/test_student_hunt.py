"""What a bad-input hunt on the student's commands found: a report written over the profile or
the journal, a comment lost to a byte order mark, a wizard that asked everything before finding
it could not save, and messages that named the wrong cause (a loop of links, a device given as
the constancia, an empty path, a journal linked to a missing disk, a control character in a
key, the input ending at `next`'s question)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest
from support import ROOT, console

from autohelper import profile as prof
from autohelper.journal import default_path as journal_path

FIXTURE = ROOT / "fixtures" / "profiles" / "student.yaml"


@pytest.fixture(autouse=True)
def _no_profile_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AUTOHELPER_PROFILE", raising=False)


def student(**values: str) -> Path:
    """The synthetic student as the default profile (0600 in 0700 folders), then `values`."""
    path = prof.resolve_profile_path(None)
    path.parent.mkdir(parents=True, mode=0o700)
    shutil.copyfile(FIXTURE, path)
    path.chmod(0o600)
    if values:
        prof.update_profile(None, values)
    return path


def marks() -> list[tuple[str, str]]:
    with sqlite3.connect(journal_path()) as db:
        return list(db.execute("SELECT step, kind FROM marks ORDER BY id"))


# -- 1. a report is never written over the profile or the journal --------------------------------
def test_status_html_onto_the_profile_in_use_is_refused_and_the_profile_kept(
    tmp_path: Path,
) -> None:
    profile = student()
    before = profile.read_bytes()
    result = console("status", "--html", str(profile))
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        f"Error: --html apunta a tu perfil ({profile}): escribir ahí borraría tus datos. No "
        "escribí nada; da otro archivo (por ejemplo tramite.html).\n"
    )
    assert result.stdout == ""  # refused before the timeline is shown
    # A link to it, and the profile named by its path, are the same file.
    (tmp_path / "link.html").symlink_to(profile)
    copy = tmp_path / "mio.yaml"
    shutil.copyfile(profile, copy)
    copy.chmod(0o600)
    for args in (
        ("status", "--html", str(tmp_path / "link.html")),
        ("status", "--ics", str(copy), "--profile", str(copy)),
    ):
        result = console(*args)
        assert result.exit_code == 1, result.output
        assert "apunta a tu perfil" in result.stderr
    assert profile.read_bytes() == before
    assert copy.read_bytes() == before


def test_status_ics_onto_the_journal_is_refused_and_the_journal_kept(tmp_path: Path) -> None:
    student()
    assert console("done", "solicitud", "--on", "2026-11-13").exit_code == 0
    journal = journal_path()
    before = journal.read_bytes()
    result = console("--lang", "en", "status", "--ics", str(journal))
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        f"Error: --ics names the autohelper journal ({journal}): writing there would destroy "
        "what you ran and marked. Nothing was written; give another file (for example "
        "procedure.ics).\n"
    )
    os.link(journal, tmp_path / "hard.html")  # a hard link is the journal too
    result = console("status", "--html", str(tmp_path / "hard.html"))
    assert result.exit_code == 1, result.output
    assert "--html apunta al diario de autohelper" in result.stderr
    assert journal.read_bytes() == before
    status = console("status")
    assert status.exit_code == 0, status.output
    assert marks() == [("solicitud", "done")]


# -- 2. a byte order mark costs no comment ---------------------------------------------------------
def test_a_profile_saved_with_a_byte_order_mark_keeps_its_first_comments(tmp_path: Path) -> None:
    lines = [line for line in FIXTURE.read_text().splitlines() if not line.startswith("#")]
    lines[0] += "  # la de mi acta"
    path = tmp_path / "p.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + "\n".join(["# MI NOTA", *lines, ""]).encode())
    path.chmod(0o600)
    result = console("profile", "set", "phone=6441112233", "--profile", str(path))
    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    saved = text.splitlines()
    assert saved[saved.index("# MI NOTA") + 1] == "curp: HEGG560427MVZRRL04  # la de mi acta"
    assert prof.load_profile(path).phone == "6441112233"


# -- 3. the wizard finds a folder that takes no file before its first question --------------------
@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc")
@pytest.mark.parametrize("lang", ["es", "en"])
def test_init_where_nothing_can_be_written_is_said_before_the_first_question(
    lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """/proc and /sys take no file, yet the permission bits let root write there: as root."""
    monkeypatch.setattr(os, "access", lambda *args, **kwargs: True)
    answers = "HEGG560427MVZRRL04\n" * 40
    monkeypatch.setenv("AUTOHELPER_CONFIG_DIR", "/proc/x")
    first = console("--lang", lang, "init", input=answers)
    second = console("--lang", lang, "init", "--profile", "/sys/x/p.yaml", input=answers)
    says = {
        "es": "no pude guardar el perfil {}: no tienes permiso para escribir ahí",
        "en": "could not save the profile {}: ",
    }[lang]
    for result, path in ((first, "/proc/x/profiles/default.yaml"), (second, "/sys/x/p.yaml")):
        assert result.exit_code == 1, result.output
        assert result.stderr.startswith("Error: " + says.format(path)), result.stderr
        assert "CURP" not in result.stdout  # not one question asked
    assert not Path("/proc/x").exists()


# -- 4. the right cause, in each message -----------------------------------------------------------
def test_profile_show_of_a_loop_of_links_says_it_is_a_loop(isolated_profiles: Path) -> None:
    (isolated_profiles / "loop.yaml").symlink_to("loop.yaml")
    result = console("profile", "show", "--profile", "loop")
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        f"Error: no pude leer el perfil {isolated_profiles / 'loop.yaml'}: es un enlace "
        "simbólico que, de enlace en enlace, vuelve a sí mismo\n"
    )
    english = console("--lang", "en", "profile", "check", "--profile", "loop")
    assert english.exit_code == 1, english.output
    assert "it is a symbolic link that leads, link after link, back to itself" in english.stderr
    assert "init" not in result.stderr + english.stderr
    assert (isolated_profiles / "loop.yaml").is_symlink()


@pytest.fixture
def isolated_profiles() -> Path:
    folder = prof.profiles_dir()
    folder.mkdir(parents=True, mode=0o700)
    return folder


@pytest.mark.parametrize("kind", ["fifo", "/dev/null", "/dev/zero"])
def test_vigencia_on_a_device_or_a_pipe_says_it_is_not_a_regular_file(
    kind: str, tmp_path: Path
) -> None:
    if kind == "fifo":
        path = tmp_path / "constancia.pdf"
        os.mkfifo(path)  # opened, it would wait for a writer forever
    else:
        path = Path(kind)
    result = console("vigencia", "--pdf", str(path))
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        f"Error: No pude leer {path}: no es un archivo normal sino un dispositivo o una "
        "tubería. Indica el PDF de la constancia.\n"
    )
    english = console("--lang", "en", "vigencia", "--pdf", str(path))
    assert english.stderr == (
        f"Error: I could not read {path}: it is not a regular file but a device or a pipe. "
        "Give the constancia's PDF.\n"
    )
    assert stat.S_ISFIFO(path.stat().st_mode) or kind != "fifo"


def test_vigencia_with_an_empty_path_says_it_is_empty() -> None:
    result = console("vigencia", "--pdf", "")
    assert result.exit_code == 2, result.output
    assert "Error: Valor no válido para '--pdf': la ruta está vacía: indica el PDF de la " in (
        result.stderr
    )
    english = console("--lang", "en", "vigencia", "--pdf", "")
    assert english.exit_code == 2, english.output
    assert "Invalid value for '--pdf': the path is empty: give the constancia's PDF" in (
        english.stderr
    )
    assert "No pude leer ." not in result.stderr


def test_a_journal_linked_into_a_missing_folder_is_named_as_such(tmp_path: Path) -> None:
    student()
    journal = journal_path()
    journal.parent.mkdir(parents=True, mode=0o700)
    target = tmp_path / "usb" / "journal.sqlite3"
    journal.symlink_to(target)
    result = console("done", "solicitud", "--on", "2026-11-13")
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        f"Error: El diario {journal} es un enlace simbólico a {target}, y la carpeta de ese "
        "destino no existe (¿un disco sin conectar, una carpeta movida?). Conecta el disco o "
        "corrige el enlace; para apartarlo sin borrarlo y empezar un diario nuevo: autohelper "
        "journal repair\n"
    )
    # Read, it is no empty history either: status says the same, in English too.
    english = console("--lang", "en", "status")
    assert english.exit_code == 1, english.output
    assert f"The journal {journal} is a symbolic link to {target}, and the folder it leads " in (
        english.stderr
    )
    assert journal.is_symlink() and not target.parent.exists()


def test_a_key_with_a_control_character_is_shown_escaped() -> None:
    """Escaped, not dropped: the key stays recognisable, and no ESC reaches a terminal."""
    path = student()
    with path.open("a", encoding="utf-8") as handle:
        handle.write('"\\e[31mRED": x\n"\\aBELL": y\n')
    before = path.read_bytes()
    for args in (("profile", "check"), ("profile", "set", "phone=6441112233")):
        result = console(*args)
        assert result.exit_code == 1, result.output
        assert "\x1b" not in result.stderr and "\x07" not in result.stderr
        assert "  - 18: \\x1b[31mRED: campo desconocido '\\x1b[31mRED'; " in result.stderr
        assert "  - 19: \\x07BELL: campo desconocido '\\x07BELL'; " in result.stderr
    english = console("--lang", "en", "profile", "check")
    assert "  - 18: \\x1b[31mRED: unknown field '\\x1b[31mRED'; " in english.stderr
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("lang", "says"),
    [
        ("es", "Cancelado: la entrada terminó sin tu respuesta; no marqué nada."),
        ("en", "Cancelled: the input ended without your answer; nothing was marked."),
    ],
)
def test_next_the_input_ending_at_the_mark_question_says_nothing_was_marked(
    lang: str, says: str
) -> None:
    student(institution="escolar")
    result = console("--lang", lang, "next", "--as-of", "2026-09-15", input="")
    assert result.exit_code == 1, result.output
    assert result.stderr == f"Error: {says}\n"
    assert not journal_path().exists() or marks() == []


def test_next_the_input_ending_at_the_run_question_says_nothing_was_run() -> None:
    student()
    result = console("next", "--as-of", "2026-11-13", input="")
    assert result.exit_code == 1, result.output
    assert "¿Lo corro ahora? (autohelper run itson-solicitud)" in result.stdout
    assert (
        result.stderr == "Error: Cancelado: la entrada terminó sin tu respuesta; no corrí nada.\n"
    )

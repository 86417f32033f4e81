"""What the tool writes never reaches what is not a file of ours: a device, a pipe or a socket
given as an output is refused before it is opened (never chmodded, never waited on); a folder
the person named keeps its mode; a profile linked into a folder that is not there (a disk not
connected) is not saved where the disk would go."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from support import CURP, console

from autohelper import privatefiles
from autohelper.files import os_problem
from autohelper.privatefiles import (
    NotRegularFileError,
    make_private,
    own_private_dir,
    private_dir,
    write_private,
)

JUNIT = (
    '<?xml version="1.0" encoding="utf-8"?><testsuite name="s" tests="1" failures="0" '
    'errors="0" skipped="0" time="1"><testcase classname="c" name="n"/></testsuite>'
)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def within_seconds(work: Callable[[], object], fifo: Path | None = None) -> object:
    """`work()` on a thread, failed after a few seconds instead of hanging the suite; a pipe it
    blocks on is opened for reading so that the thread can end."""
    outcome: dict[str, object] = {}

    def target() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # handed to the test
            outcome["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(5)
    if thread.is_alive():
        if fifo is not None:
            os.close(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))
        thread.join(5)
        pytest.fail("the write waited for a reader of the pipe")
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome.get("value")


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "fifo"
    os.mkfifo(path, 0o644)
    os.chmod(path, 0o644)
    return path


@pytest.fixture
def unix_socket() -> Iterator[Path]:
    # A short folder: a socket's path may not be longer than about 100 bytes.
    folder = Path(tempfile.mkdtemp(prefix="ah-", dir="/tmp"))
    path = folder / "s"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    os.chmod(path, 0o755)
    try:
        yield path
    finally:
        server.close()
        path.unlink()
        folder.rmdir()


# -- D1, D6: an output that is no regular file -------------------------------------------------


def test_a_pipe_is_refused_before_it_is_opened_and_keeps_its_mode(fifo: Path) -> None:
    with pytest.raises(NotRegularFileError):
        within_seconds(lambda: write_private(fifo, b"report"), fifo)
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and mode(fifo) == 0o644


def test_a_pipe_someone_reads_is_refused_too(fifo: Path) -> None:
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        with pytest.raises(NotRegularFileError):
            within_seconds(lambda: write_private(fifo, b"report"), fifo)
        assert os.read(reader, 100) == b""  # not a byte written
    finally:
        os.close(reader)
    assert mode(fifo) == 0o644


def test_a_socket_is_refused_and_keeps_its_mode(unix_socket: Path) -> None:
    with pytest.raises(NotRegularFileError):
        write_private(unix_socket, b"report")
    assert mode(unix_socket) == 0o755


def test_a_link_to_a_pipe_is_refused(tmp_path: Path, fifo: Path) -> None:
    link = tmp_path / "report.html"
    link.symlink_to(fifo)
    with pytest.raises(NotRegularFileError):
        within_seconds(lambda: write_private(link, b"report"), fifo)
    assert mode(fifo) == 0o644 and link.is_symlink()


def test_a_folder_is_refused_and_keeps_its_mode(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    folder.chmod(0o755)
    with pytest.raises(IsADirectoryError):
        write_private(folder, b"report")
    assert mode(folder) == 0o755


@pytest.mark.parametrize("reader", [False, True])
def test_a_pipe_put_there_after_the_check_is_neither_waited_on_nor_chmodded(
    fifo: Path, monkeypatch: pytest.MonkeyPatch, reader: bool
) -> None:
    """The open itself is safe too: a pipe that appears between the check and the open (the
    check is skipped here) makes it fail at once, never wait, and its mode stays."""
    monkeypatch.setattr(privatefiles, "refuse_odd", lambda path: path)
    held = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK) if reader else None
    try:
        with pytest.raises(OSError) as caught:
            within_seconds(lambda: write_private(fifo, b"report"), fifo)
    finally:
        if held is not None:
            os.close(held)
    assert os_problem(caught.value, writing=True).key == "file.not_regular_write"
    assert mode(fifo) == 0o644


def test_a_link_put_there_after_the_check_is_not_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("theirs", encoding="utf-8")
    elsewhere.chmod(0o644)
    link = tmp_path / "report.html"
    link.symlink_to(elsewhere)
    monkeypatch.setattr(privatefiles, "refuse_odd", lambda path: path)
    with pytest.raises(OSError):
        write_private(link, b"report")
    assert elsewhere.read_text(encoding="utf-8") == "theirs" and mode(elsewhere) == 0o644


def test_a_regular_file_is_still_written_0600_also_through_a_link(tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    report.write_text("an older and longer report", encoding="utf-8")
    report.chmod(0o644)
    link = tmp_path / "link.html"
    link.symlink_to(report)
    assert write_private(link, b"new") == link
    assert report.read_bytes() == b"new" and mode(report) == 0o600 and link.is_symlink()
    fresh = write_private(tmp_path / "fresh.html", b"x")
    assert fresh.read_bytes() == b"x" and mode(fresh) == 0o600


def test_why_a_device_or_a_pipe_is_refused_is_said_in_both_languages(fifo: Path) -> None:
    problem = os_problem(NotRegularFileError(fifo), writing=True)
    assert problem.message("es") == (
        "no es un archivo normal sino un dispositivo, una tubería o un socket; no escribo ahí: "
        "elige la ruta de un archivo"
    )
    assert problem.message("en") == (
        "it is not a regular file but a device, a pipe or a socket; I do not write there: "
        "choose a file's path"
    )
    assert os_problem(NotRegularFileError(fifo)).key == "file.not_regular"


def _autohelper(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real command in a child (a hang is a timeout, not a stuck suite)."""
    env = {
        **os.environ,
        "HOME": str(tmp_path / "home"),
        "AUTOHELPER_DATA_DIR": str(tmp_path / "data"),
        "AUTOHELPER_CONFIG_DIR": str(tmp_path / "config"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    return subprocess.run(
        [sys.executable, "-m", "autohelper", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )


def test_merge_junit_into_a_pipe_says_so_at_once(tmp_path: Path, fifo: Path) -> None:
    shard = tmp_path / "in.xml"
    shard.write_text(JUNIT, encoding="utf-8")
    try:
        done = _autohelper(tmp_path, "merge-junit", str(fifo), str(shard))
    except subprocess.TimeoutExpired:
        os.close(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))
        pytest.fail("merge-junit waited for a reader of the pipe")
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stderr == (
        f"Error: No pude escribir el JUnit «{fifo}»: no es un archivo normal sino un "
        "dispositivo, una tubería o un socket; no escribo ahí: elige la ruta de un archivo\n"
    )
    assert "Traceback" not in done.stderr and mode(fifo) == 0o644
    english = _autohelper(tmp_path, "--lang", "en", "merge-junit", str(fifo), str(shard))
    assert english.returncode == 1
    assert english.stderr == (
        f"Error: Could not write the JUnit file “{fifo}”: it is not a regular file but a "
        "device, a pipe or a socket; I do not write there: choose a file's path\n"
    )


def test_merge_junit_from_a_pipe_says_so_at_once(tmp_path: Path, fifo: Path) -> None:
    """A shard's report that is a pipe (or a device) is refused before it is read: a pipe
    nobody writes to would block the read forever."""

    def merge() -> object:
        return console("merge-junit", str(tmp_path / "out.xml"), str(fifo))

    result = within_seconds(merge, fifo)
    assert result.exit_code == 1  # type: ignore[attr-defined]
    assert result.stderr == (  # type: ignore[attr-defined]
        f"Error: No pude leer el JUnit «{fifo}»: no es un archivo normal (¿un dispositivo o una "
        "tubería?)\n"
    )
    assert not (tmp_path / "out.xml").exists()


# -- D3: a folder the person named keeps its mode ----------------------------------------------


def test_an_existing_folder_is_left_as_it_is_and_a_new_one_is_private(tmp_path: Path) -> None:
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    theirs.chmod(0o755)
    assert private_dir(theirs) == theirs
    assert mode(theirs) == 0o755
    made = private_dir(theirs / "evidence" / "imss-nss")
    assert (mode(theirs / "evidence"), mode(made), mode(theirs)) == (0o700, 0o700, 0o755)


def test_our_own_folder_is_tightened_when_it_is_there(tmp_path: Path) -> None:
    ours = tmp_path / "cache" / "autohelper" / "runs"
    ours.mkdir(parents=True)
    ours.chmod(0o755)
    assert own_private_dir(ours) == ours and mode(ours) == 0o700


def test_a_run_leaves_the_artifacts_folder_the_person_named_as_it_is(tmp_path: Path) -> None:
    from autohelper.human import ScriptedHuman
    from autohelper.session import SessionRequest, plan_run

    named = tmp_path / "art755"
    named.mkdir()
    named.chmod(0o755)
    request = SessionRequest(
        "imss-nss", ScriptedHuman(), against="fixtures", mode="qa", artifacts=named
    )
    assert plan_run(request).options.artifacts == named
    assert mode(named) == 0o755
    # Our own folder in the cache is ours to keep private, even if an older version left it
    # looser.
    runs = tmp_path / "cache" / "autohelper" / "runs"
    runs.mkdir(parents=True)
    runs.chmod(0o755)
    plan_run(SessionRequest("imss-nss", ScriptedHuman(), against="fixtures", mode="qa"))
    assert mode(runs) == 0o700


# -- D4: a profile linked into a folder that is not there --------------------------------------


@pytest.mark.parametrize("lang", ["es", "en"])
def test_a_profile_linked_to_a_missing_folder_is_not_saved(tmp_path: Path, lang: str) -> None:
    unplugged = tmp_path / "usb"  # a disk's mount point, the disk not connected
    link = tmp_path / f"{CURP}.yaml"
    link.symlink_to(unplugged / "perfil.yaml")
    result = console("--lang", lang, "profile", "set", "--profile", str(link), f"curp={CURP}")
    assert result.exit_code == 1, result.output
    shown = tmp_path / "HEGG…L04.yaml"
    words = {
        "es": f"Error: no guardé el perfil {shown}: es un enlace simbólico a {unplugged}/perfil"
        ".yaml, y la carpeta de ese destino no existe (¿un disco sin conectar, una carpeta "
        "movida?). Conecta el disco o corrige el enlace\n",
        "en": f"Error: did not save the profile {shown}: it is a symbolic link to {unplugged}/"
        "perfil.yaml, and the folder it leads into does not exist (a disk not connected, a "
        "folder moved?). Connect the disk or fix the link\n",
    }
    assert result.stderr == words[lang]
    assert CURP not in result.output
    assert not unplugged.exists() and link.is_symlink()


def test_the_wizard_refuses_such_a_link_before_its_first_question(tmp_path: Path) -> None:
    from autohelper.errors import ProfileError
    from autohelper.profile import check_writable

    link = tmp_path / "perfil.yaml"
    link.symlink_to(tmp_path / "usb" / "perfil.yaml")
    with pytest.raises(ProfileError) as caught:
        check_writable(link)
    assert caught.value.key == "profile.link_to_nowhere"
    assert not (tmp_path / "usb").exists()


def test_tightening_a_downloaded_file_spares_a_pipe_and_keeps_doing_a_file(
    tmp_path: Path, fifo: Path
) -> None:
    with pytest.raises(NotRegularFileError):
        within_seconds(lambda: make_private(fifo), fifo)
    assert mode(fifo) == 0o644
    download = tmp_path / "constancia.pdf"
    download.write_bytes(b"%PDF")
    download.chmod(0o644)
    assert make_private(download) == download and mode(download) == 0o600


def test_status_html_into_a_pipe_is_refused_and_the_pipe_keeps_its_mode(tmp_path: Path) -> None:
    """`status --html`/`--ics` write through `write_private`: a pipe (or a device such as
    /dev/null) is neither waited on nor chmodded; the person is told why, exit 1."""
    from test_status import make_profile

    make_profile("ana")
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe, 0o644)
    result = console("status", "--profile", "ana", "--html", str(pipe))
    assert result.exit_code == 1
    assert f"No pude escribir {pipe}: no es un archivo normal" in result.stderr
    assert stat.S_ISFIFO(os.stat(pipe).st_mode) and mode(pipe) == 0o644
    english = console("--lang", "en", "status", "--profile", "ana", "--ics", str(pipe))
    assert english.exit_code == 1
    assert f"Cannot write {pipe}: it is not a regular file" in english.stderr

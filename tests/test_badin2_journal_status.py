"""What `status`, `done`, `undo` and `journal repair` make of a journal they cannot use as usual,
and what a report's path may replace.

- a data folder that cannot be entered, or only read (chmod 000, 500: said as the folder's
  permissions, with the chmod that fixes it; `status` still reads what it can), a full disk
  (said as a full disk, not a failing one);
- a journal that is unusable (a loop of links, a data folder that is a file) is said by `status`
  as by `done`, never read as no history; another program's SQLite file is not a journal;
- `~user` naming no one in AUTOHELPER_DATA_DIR or an output option: said, not a crash;
- the rest-day cache: whatever is wrong with it, the days are computed again;
- report paths: never a procedure or scenario file status reads, nor an unrelated file.

Permission bits do not stop root: those tests run the command in a subprocess without root's
override (`setpriv`), as the person would meet it.
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import console, own_disk

from autohelper import profile as prof
from autohelper.errors import UsageError
from autohelper.journal import Journal, default_path
from autohelper.status import business_days
from autohelper.status.business_days import BusinessCalendar, federal_rest_days

ROOT = Path(__file__).resolve().parents[1]
NO_USER = "autohelper-no-such-user-7q"
# Run without root's power to ignore permission bits (a plain user needs nothing).
_NO_OVERRIDE = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner"]


@pytest.fixture(autouse=True)
def _no_profile_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AUTOHELPER_PROFILE", raising=False)
    monkeypatch.delenv("AUTOHELPER_SCENARIOS", raising=False)


def make_profile() -> None:
    prof.update_profile(
        None,
        {
            "curp": "HEGG560427MVZRRL04",
            "email": "estudiante.prueba@example.com",
            "nss": "67745656388",
            "institution": "itson",
            "has_other_insurance": "no",
            "nss_from_employer": "no",
        },
    )


def as_a_user(*args: str, lang: str = "es") -> subprocess.CompletedProcess[str]:
    """`python -m autohelper ARGS` with the test's folders, as a person whom permission bits
    stop."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("root without setpriv: permission bits would not stop the command")
        prefix = _NO_OVERRIDE
    return subprocess.run(
        [*prefix, sys.executable, "-m", "autohelper", "--lang", lang, *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        env={**os.environ, "AUTOHELPER_LANG": lang},
    )


@pytest.fixture
def data_folder() -> Iterator[Path]:
    """The journal's folder, given back its permissions after the test."""
    folder = default_path().parent
    folder.mkdir(parents=True, exist_ok=True)
    try:
        yield folder
    finally:
        os.chmod(folder, 0o700)


# -- 1. a data folder that cannot be entered -------------------------------------------------
@pytest.mark.parametrize(
    "args", [("status",), ("done", "solicitud", "--on", "2026-11-10"), ("journal", "repair")]
)
def test_a_data_folder_that_cannot_be_entered_is_named_with_what_to_do(
    args: tuple[str, ...], data_folder: Path, tmp_path: Path
) -> None:
    """It was exit 3: a PermissionError from `path.is_dir()` (and `path.exists()` in
    `repair`)."""
    make_profile()
    Journal().record_mark("/p/ana.yaml", "itson", "solicitud", "2026-11-10", "done")
    os.chmod(data_folder, 0)
    done = as_a_user(*args)
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith(
        f"Error: No puedo entrar a la carpeta {data_folder} (sin permiso)"
    )
    assert f"chmod 700 {data_folder}" in done.stderr
    assert "AUTOHELPER_DATA_DIR=/otra/carpeta" in done.stderr
    assert not (tmp_path / "cache" / "autohelper" / "crash").exists()


def test_a_data_folder_that_cannot_be_entered_is_said_in_english(data_folder: Path) -> None:
    make_profile()
    Journal()
    os.chmod(data_folder, 0)
    done = as_a_user("status", lang="en")
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith(f"Error: Cannot enter the folder {data_folder} (no permission)")
    assert f"chmod 700 {data_folder}" in done.stderr


# -- 5. a folder that can only be read, a full disk ------------------------------------------
def test_a_data_folder_that_can_only_be_read_is_said_as_its_permissions_and_status_reads(
    data_folder: Path,
) -> None:
    """Every command said «el disco es de solo lectura … vuelve a montar»."""
    make_profile()
    assert console("done", "solicitud", "--on", "2026-11-10").exit_code == 0
    key = str(prof.resolve_profile_path(None).resolve())
    os.chmod(data_folder, 0o500)
    done = as_a_user("done", "vigencia", "--on", "2026-11-20")
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith(
        f"Error: No puedo escribir en la carpeta del diario {data_folder} (no tienes permiso de "
        "escritura en ella;"
    )
    assert f"chmod 700 {data_folder}" in done.stderr
    assert "solo lectura" not in done.stderr
    shown = as_a_user("status", "--json", "--as-of", "2026-11-12")
    assert shown.returncode == 0, shown.stderr
    steps = {step["id"]: step for step in json.loads(shown.stdout)["steps"]}
    assert steps["solicitud"]["state"] == "done"
    os.chmod(data_folder, 0o700)
    marks = Journal().marks(key, "itson")
    assert [(m.step, m.kind) for m in marks] == [("solicitud", "done")]


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A small disk of its own (tmpfs), to fill: root only."""
    with own_disk(tmp_path / "disk", "1m") as folder:
        yield folder


def fill(folder: Path) -> None:
    with (folder / "filler").open("wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 4096)
                handle.flush()
        except OSError:
            pass


def test_a_full_disk_is_said_as_full_and_status_still_reads(
    small_disk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`done`, `undo` said «el disco falló al leer o escribir (¿un disco o una memoria USB
    dañados?)», and `status` failed too."""
    monkeypatch.setenv("AUTOHELPER_DATA_DIR", str(small_disk))
    make_profile()
    assert console("done", "solicitud", "--on", "2026-11-10").exit_code == 0
    fill(small_disk)
    journal = small_disk / "journal.sqlite3"
    for args in (("done", "vigencia", "--on", "2026-11-20"), ("undo", "solicitud")):
        result = console(*args)
        assert result.exit_code == 1, result.output
        assert result.stderr == (
            f"Error: No pude escribir en el diario {journal}: no queda espacio en el disco.\n"
        )
    shown = console("status", "--json", "--as-of", "2026-11-12")
    assert shown.exit_code == 0, shown.stderr
    steps = {step["id"]: step for step in json.loads(shown.stdout)["steps"]}
    assert steps["solicitud"]["state"] == "done"


# -- 8. an unusable journal is no empty one --------------------------------------------------
def test_status_says_a_journal_that_is_a_loop_of_links_as_done_does(data_folder: Path) -> None:
    """`status` showed a fresh procedure, exit 0, telling the student to redo their steps."""
    make_profile()
    (data_folder / "journal.sqlite3").symlink_to("journal.sqlite3")
    by_done = console("done", "solicitud", "--on", "2026-11-10")
    by_status = console("status")
    assert by_status.exit_code == by_done.exit_code == 1
    assert by_status.stderr == by_done.stderr
    assert "vuelve a sí mismo" in by_status.stderr
    assert by_status.stdout == ""


def test_status_says_a_data_folder_that_is_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_profile()
    afile = tmp_path / "afile"
    afile.write_text("mine\n", encoding="utf-8")
    monkeypatch.setenv("AUTOHELPER_DATA_DIR", str(afile))
    result = console("status")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: No puedo crear ni abrir el diario {afile}/journal.sqlite3: una parte de la ruta "
        "es un archivo, no una carpeta. Usa otra carpeta con AUTOHELPER_DATA_DIR=/otra/carpeta.\n"
    )
    assert result.stdout == ""


# -- 13. another program's SQLite file -------------------------------------------------------
def test_another_programs_sqlite_file_is_refused_untouched_and_repair_sets_it_aside(
    data_folder: Path,
) -> None:
    """`status` and `done` added autohelper's tables to it; `journal repair` said it was fine."""
    make_profile()
    path = data_folder / "journal.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE foo (x)")
    db.close()
    before = path.read_bytes()
    for args in (("status",), ("done", "solicitud", "--on", "2026-11-10")):
        result = console(*args)
        assert result.exit_code == 1, result.output
        assert result.stderr.startswith(
            f"Error: El diario {path} está dañado o no es un diario de autohelper"
        )
    assert path.read_bytes() == before
    assert sorted(p.name for p in data_folder.iterdir()) == ["journal.sqlite3"]
    repaired = console("journal", "repair")
    assert repaired.exit_code == 0
    assert repaired.stdout.startswith("Aparté el diario anterior")
    (aside,) = data_folder.glob("journal.sqlite3.old-*")
    assert aside.read_bytes() == before


# -- 2. `~user` with no home folder ----------------------------------------------------------
def test_a_data_dir_under_a_user_with_no_home_is_said_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """It was exit 3: RuntimeError: Could not determine home directory."""
    make_profile()
    monkeypatch.setenv("AUTOHELPER_DATA_DIR", f"~{NO_USER}/x")
    for args in (("status",), ("done", "solicitud")):
        result = console(*args)
        assert result.exit_code == 1, result.output
        assert result.stderr == (
            f"Error: La variable AUTOHELPER_DATA_DIR (~{NO_USER}/x) no sirve: «~{NO_USER}» sería "
            f"la carpeta personal del usuario «{NO_USER}», pero ese usuario no existe en este "
            "equipo (o no tiene carpeta personal); escribe la ruta completa, o «~/» para la tuya.\n"
        )
    assert not (tmp_path / "cache" / "autohelper" / "crash").exists()


def test_a_config_dir_or_a_profile_under_a_user_with_no_home_is_said_naming_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Both were exit 3 (RuntimeError from Path.expanduser), in both languages."""
    no_home = (
        f"«~{NO_USER}» sería la carpeta personal del usuario «{NO_USER}», pero ese usuario no "
        "existe en este equipo (o no tiene carpeta personal); escribe la ruta completa, o «~/» "
        "para la tuya."
    )
    for args in (("status", "--profile", f"~{NO_USER}/x.yaml"), ("profile", "show")):
        if args[0] == "profile":
            monkeypatch.setenv("AUTOHELPER_CONFIG_DIR", f"~{NO_USER}/x")
        result = console(*args)
        assert result.exit_code == 1, result.output
        said = "La variable AUTOHELPER_CONFIG_DIR" if args[0] == "profile" else "El perfil"
        assert result.stderr.startswith(f"Error: {said}"), result.stderr
        assert result.stderr.endswith(no_home + "\n"), result.stderr


@pytest.mark.parametrize(
    "args",
    [("status", "--html", "{path}.html"), ("status", "--ics", "{path}.ics")],
    ids=["html", "ics"],
)
def test_an_output_under_a_user_with_no_home_is_said_naming_the_option(
    args: tuple[str, ...],
) -> None:
    make_profile()
    path = f"~{NO_USER}/x"
    result = console(*(arg.replace("{path}", path) for arg in args))
    assert result.exit_code == 2, result.output  # a bad option value, as Click says them
    assert f"'{args[1]}': {path}." in result.stderr
    assert "ese usuario no existe en este equipo (o no tiene carpeta personal)" in result.stderr


# -- 3. a report over a file status reads ----------------------------------------------------
@pytest.fixture
def own_scenarios(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "scenarios"
    shutil.copytree(ROOT / "scenarios", folder)
    monkeypatch.setenv("AUTOHELPER_SCENARIOS", str(folder))
    return folder


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("procedures/itson.yaml", "procedure"),
        ("procedures/escolar.yaml", "procedure"),
        ("itson-solicitud.yaml", "scenario"),
        ("imss-nss.yaml", "scenario"),
    ],
)
def test_status_refuses_a_report_over_a_procedure_or_scenario_file(
    own_scenarios: Path, name: str, kind: str
) -> None:
    """`status --html <scenarios>/procedures/itson.yaml` said «Página guardada» and destroyed
    the procedure."""
    from autohelper.status.standing import check_outputs

    make_profile()
    path = own_scenarios / name
    with pytest.raises(UsageError) as caught:
        check_outputs(None, {"--html": path})
    assert caught.value.key == f"status.output_is_{kind}"
    before = path.read_bytes()
    result = console("status", "--html", str(path))
    assert result.exit_code == 1
    what = "un archivo de procedimiento" if kind == "procedure" else "un archivo de la carpeta"
    assert result.stderr.startswith(f"Error: --html apunta a {what}"), result.stderr
    assert path.read_bytes() == before


def test_status_refuses_a_report_over_an_empty_scenario_file(own_scenarios: Path) -> None:
    """An empty file is no earlier report to keep, but one of the scenarios folder's still is
    the person's."""
    make_profile()
    path = own_scenarios / "new-scenario.yaml"
    path.touch()
    result = console("status", "--ics", str(path))
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"Error: --ics apunta a un archivo de la carpeta de escenarios ({path})"
    )
    assert path.read_bytes() == b""


# -- 11. a report over an unrelated file -----------------------------------------------------
NOTES = "mis notas: llamar al CIA el lunes\n"


@pytest.mark.parametrize(
    ("args", "option", "what"),
    [
        (("status", "--html", "{out}"), "'--html'", "una página HTML"),
        (("status", "--ics", "{out}"), "'--ics'", "un calendario (iCalendar, .ics)"),
        (("qa", "--cases", "{cases}", "--html", "{out}"), "'--html'", "una página HTML"),
        (("qa", "--cases", "{cases}", "--junit", "{out}"), "'--junit'", "un informe JUnit (XML)"),
        (("merge-junit", "{out}", "{good}"), "'SALIDA'", "un informe JUnit (XML)"),
    ],
    ids=["status-html", "status-ics", "qa-html", "qa-junit", "merge-junit"],
)
def test_a_report_is_not_written_over_an_unrelated_file(
    args: tuple[str, ...], option: str, what: str, tmp_path: Path
) -> None:
    make_profile()
    out = tmp_path / "notes.txt"
    out.write_text(NOTES, encoding="utf-8")
    good = tmp_path / "good.xml"
    good.write_text('<?xml version="1.0"?><testsuites></testsuites>', encoding="utf-8")
    places = {"{out}": str(out), "{good}": str(good), "{cases}": str(tmp_path / "cases.yaml")}
    result = console(*(places.get(arg, arg) for arg in args))
    assert result.exit_code == 2, result.output  # a bad option value, as Click says them
    assert (
        f"Error: Valor no válido para {option}: {out}: ya existe y no es {what}: no lo reemplazo. "
        "Elige otro archivo, o bórralo tú si ya no lo necesitas\n"
    ) in result.stderr
    assert out.read_text(encoding="utf-8") == NOTES


@pytest.mark.parametrize(
    ("args", "option", "what"),
    [
        (("status", "--html", "{out}"), "--html", "una página HTML"),
        (("status", "--ics", "{out}"), "--ics", "un calendario (iCalendar, .ics)"),
        (("merge-junit", "{out}", "{good}"), "SALIDA", "un informe JUnit (XML)"),
        (("qa", "--against", "fixtures", "--junit", "{out}"), "--junit", "un informe JUnit (XML)"),
        (("qa", "--against", "fixtures", "--html", "{out}"), "--html", "una página HTML"),
    ],
    ids=["status-html", "status-ics", "merge-junit", "qa-junit", "qa-html"],
)
def test_a_report_is_not_written_over_an_unrelated_yaml_file(
    args: tuple[str, ...], option: str, what: str, tmp_path: Path
) -> None:
    """A YAML file is let through as the option is read (the command names its own ones: a
    profile, a scenario), and refused by the command last."""
    make_profile()
    out = tmp_path / "notes.yaml"
    out.write_text(NOTES, encoding="utf-8")
    good = tmp_path / "good.xml"
    good.write_text('<?xml version="1.0"?><testsuites></testsuites>', encoding="utf-8")
    places = {"{out}": str(out), "{good}": str(good)}
    result = console(*(places.get(arg, arg) for arg in args))
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        f"Error: {option} {out} ya existe y no es {what}: no lo reemplazo. Elige otro archivo, "
        "o bórralo tú si ya no lo necesitas.\n"
    )
    assert out.read_text(encoding="utf-8") == NOTES


def test_a_report_replaces_an_earlier_report_of_its_kind_or_an_empty_file(
    tmp_path: Path,
) -> None:
    make_profile()
    page, calendar, empty = tmp_path / "t.html", tmp_path / "t.ics", tmp_path / "empty.html"
    empty.touch()
    for _ in range(2):
        result = console("status", "--html", str(page), "--ics", str(calendar))
        assert result.exit_code == 0, result.output
    assert page.read_text(encoding="utf-8").startswith("<!doctype html>")
    assert calendar.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert console("status", "--html", str(empty)).exit_code == 0
    assert empty.read_text(encoding="utf-8").startswith("<!doctype html>")
    merged = tmp_path / "merged.xml"
    shard = tmp_path / "shard.xml"
    shard.write_text(
        '<?xml version="1.0"?><testsuites><testsuite name="s" tests="0"/></testsuites>',
        encoding="utf-8",
    )
    for _ in range(2):
        result = console("merge-junit", str(merged), str(shard))
        assert result.exit_code == 0, result.output


# -- 4. the rest-day cache -------------------------------------------------------------------
REVOLUCION = datetime.date(2026, 11, 16)


def cache_file() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("autohelper")) / "rest-days-mx.json"


def test_a_rest_day_cache_nested_too_deep_is_computed_again() -> None:
    """It was exit 3: a RecursionError from json.loads."""
    path = cache_file()
    path.parent.mkdir(parents=True)
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert federal_rest_days(2026)[REVOLUCION] == "Día de la Revolución"
    assert json.loads(path.read_text(encoding="utf-8"))["2026-es"]


def test_a_rest_day_cache_that_is_a_pipe_is_not_waited_on() -> None:
    """`status` hung forever, reading a FIFO nobody writes."""
    path = cache_file()
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    found: list[dict[datetime.date, str]] = []
    worker = threading.Thread(target=lambda: found.append(federal_rest_days(2026)), daemon=True)
    worker.start()
    worker.join(30)
    if worker.is_alive():  # let the reader go, then fail
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)
        pytest.fail("the rest-day cache, a pipe, was waited on")
    assert found[0][REVOLUCION] == "Día de la Revolución"


@pytest.mark.parametrize(
    "entry",
    [[], [["2026-11-16"]], [["2031-11-17", "Día de la Revolución"]], "2026-11-16", [[1, "x"]]],
    ids=["no-days", "no-name", "another-year", "not-a-list", "not-a-date"],
)
def test_an_implausible_rest_day_cache_entry_is_computed_again(entry: object) -> None:
    """A year with no rest days was trusted: 16 November 2026 counted as a business day."""
    federal_rest_days(2026)  # a cache of this `holidays` release
    path = cache_file()
    cache = json.loads(path.read_text(encoding="utf-8"))
    cache["2026-es"] = entry
    path.write_text(json.dumps(cache), encoding="utf-8")
    assert not BusinessCalendar().is_business_day(REVOLUCION)


def test_a_rest_day_cache_too_big_is_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    federal_rest_days(2026)
    path = cache_file()
    cache = json.loads(path.read_text(encoding="utf-8"))
    cache["2026-es"] = [["2026-01-01", "Año Nuevo"]]  # plausible, but not what it says
    cache["padding"] = "x" * 100
    path.write_text(json.dumps(cache), encoding="utf-8")
    monkeypatch.setattr(business_days, "_CACHE_BYTES", 50)
    assert federal_rest_days(2026)[REVOLUCION] == "Día de la Revolución"

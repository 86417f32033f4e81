"""The pytest plugin of autohelper's QA cases (registered as a `pytest11` entry point, as tavern
does for its YAML tests): each case file (`qa/*.yaml`, or `*.qa.yaml`) is a pytest `File`
whose cases are `Item`s, so `-k`, markers, `-n N` (pytest-xdist), `--junitxml` and pytest-html
come from pytest, and QA can mix the cases into their own suites.

    pytest fixtures/qa -n 4 --junitxml=qa.xml --html=qa.html --self-contained-html
    pytest fixtures/qa --qa-against http://127.0.0.1:8000 -k drift
    pytest fixtures/qa --qa-connect ws://127.0.0.1:3000/ --qa-browser /usr/bin/chromium
    pytest fixtures/qa --qa-shard 2/3

A failed case is reported at its line in the case file with the step, the locator and the URL
first, never as a Python traceback. Only public hooks are used; each worker process keeps its
browser, mock and front in `config.stash` and closes them at the end.
"""

from __future__ import annotations

import argparse
import base64
import html
import logging
import os
import re
import sys
from collections.abc import Generator, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

# The report classes pytest and pytest-xdist build a failure from (no public name for them).
from _pytest._code.code import ReprExceptionInfo, ReprFileLocation, ReprTracebackNative

from autohelper import LOG_FORMAT
from autohelper.errors import AutohelperError
from autohelper.messages import catalogue, current_lang, set_lang, t
from autohelper.privacy import typed
from autohelper.qa.cases import Case, load_case_file, target_words
from autohelper.qa.shard import in_shard, read_shard
from autohelper.qa.worker import RunSettings, Worker

if TYPE_CHECKING:
    from autohelper.qa.record import CaseReport

SETTINGS = pytest.StashKey[RunSettings]()
WORKER = pytest.StashKey[Worker]()
SHARD = pytest.StashKey[tuple[int, int] | None]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("autohelper", "autohelper QA cases (docs/qa.md)")
    group.addoption(
        "--qa-against",
        default="fixtures",
        help="fixtures (the bundled mock, one per worker) or a mirror's URL",
    )
    group.addoption("--qa-browser", default=None, help="path of the Chromium to use")
    group.addoption("--qa-connect", default=None, help="a Playwright server's ws:// endpoint")
    group.addoption("--qa-cdp", default=None, help="a Chromium's DevTools endpoint")
    group.addoption("--qa-profile", default=None, help="profile (default: the synthetic one)")
    group.addoption(
        "--qa-artifacts",
        default=str(Path("test-results") / "qa"),
        help="folder for the evidence of failed cases (default: test-results/qa)",
    )
    group.addoption("--qa-shard", default=None, help="i/n: run the i-th of n shards")
    group.addoption("--qa-lang", default=None, help="language of reports: es or en")
    group.addoption(
        "--qa-log-level",
        default=None,
        choices=("INFO", "DEBUG"),
        help="autohelper's log lines on stderr from this level (with -s; `autohelper -v qa`)",
    )
    # Only `autohelper qa` passes it: its own words instead of pytest's terminal.
    group.addoption("--qa-front", action="store_true", help=argparse.SUPPRESS)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "qa: a QA case of autohelper (a case file's item)")
    if config.getoption("qa_lang"):
        set_lang(config.getoption("qa_lang"))
    if config.getoption("qa_log_level"):
        # A worker's own stderr (`autohelper qa` itself has it set up already: a no-op there).
        logging.basicConfig(
            level=config.getoption("qa_log_level"), format=LOG_FORMAT, stream=sys.stderr
        )
    config.stash[SETTINGS] = RunSettings(
        against=config.getoption("qa_against"),
        artifacts=Path(config.getoption("qa_artifacts")).absolute(),
        browser=config.getoption("qa_browser"),
        connect=config.getoption("qa_connect"),
        cdp=config.getoption("qa_cdp"),
        profile=config.getoption("qa_profile"),
    )
    config.stash[SHARD] = parse_shard(config.getoption("qa_shard"))
    if config.getoption("qa_front") and not hasattr(config, "workerinput"):
        config.pluginmanager.register(FrontReporter(config), "autohelper-qa-front")


def parse_shard(value: str | None) -> tuple[int, int] | None:
    """`i/n` (1 ≤ i ≤ n) as (i, n); a bad value is a usage error of pytest's."""
    if value is None:
        return None
    shard = read_shard(value)
    if shard is None:
        raise pytest.UsageError(t("qa.bad_shard", option="--qa-shard", value=typed(value)))
    return shard


def is_case_file(path: Path, named: bool = False) -> bool:
    """A QA case file: a YAML file in a folder named `qa`, or named `*.qa.yaml`, or any YAML
    file `named` on the command line (as `autohelper qa --cases FOLDER` names each it found)."""
    if path.suffix not in (".yaml", ".yml"):
        return False
    return named or path.parent.name == "qa" or path.name.endswith((".qa.yaml", ".qa.yml"))


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> CaseFile | None:
    if is_case_file(file_path, named=parent.session.isinitpath(file_path)):
        return CaseFile.from_parent(parent, path=file_path)
    return None


def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    shard = config.stash[SHARD]
    if shard is None:
        return
    kept: list[pytest.Item] = []
    dropped: list[pytest.Item] = []
    for item in items:
        key = item.case.id if isinstance(item, CaseItem) else item.nodeid
        (kept if in_shard(key, shard) else dropped).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


class CaseFile(pytest.File):
    """One case file; its problems are reported as `file:line:column`, all at once."""

    def collect(self) -> Iterable[pytest.Item]:
        settings = self.config.stash[SETTINGS]
        for case in load_case_file(self.path):
            item: CaseItem = CaseItem.from_parent(self, name=case.name, case=case)
            item.add_marker("qa")
            for tag in case.tags:
                self.config.addinivalue_line("markers", f"{tag}: a tag of QA cases")
                item.add_marker(tag)
            if not case.runs_against(settings.kind, settings.mirror_url):
                against = target_words(case.against)
                item.add_marker(pytest.mark.skip(reason=t("qa.skip_target", against=against)))
            yield item

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException]) -> str:  # type: ignore[override]
        if isinstance(excinfo.value, AutohelperError):
            return excinfo.value.message()
        return str(super().repr_failure(excinfo))


class CaseFailed(Exception):
    """The tool did not behave as the case expected; the report says how."""

    def __init__(self, report: CaseReport) -> None:
        super().__init__(report.case)
        self.report = report


class CaseItem(pytest.Item):
    """One case: run on this worker's browser, judged against its expectation."""

    def __init__(self, *, case: Case, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case
        self.case_report: CaseReport | None = None

    def runtest(self) -> None:
        worker = _worker(self.config)
        report = worker.run(self.case)
        self.case_report = report
        self.user_properties.append(("expected", report.expected))
        self.user_properties.append(("observed", report.observed))
        for name, path in report.evidence():
            self.user_properties.append((name, path))
        if not report.ok:
            raise CaseFailed(report)

    def repr_failure(  # type: ignore[override]
        self, excinfo: pytest.ExceptionInfo[BaseException]
    ) -> str | ReprExceptionInfo:
        if isinstance(excinfo.value, CaseFailed):
            return self._failure(excinfo.value.report.failure_text())
        if isinstance(excinfo.value, AutohelperError):
            return self._failure(excinfo.value.message())
        return str(super().repr_failure(excinfo))

    def _failure(self, text: str) -> ReprExceptionInfo:
        """A failure as pytest's reports take it (and pytest-xdist carries it): the whole text
        (the terminal's, JUnit's element text) and, as its `message` (JUnit's attribute, the
        short summary's line), that text cut here, in the person's language, before pytest
        would cut it in English."""
        return ReprExceptionInfo(
            reprtraceback=ReprTracebackNative([text]),
            reprcrash=ReprFileLocation(str(self.path), self.case.pos.line, short_message(text)),
        )

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, self.case.pos.line - 1, f"{self.case.id}: {self.case.describe()}"


# pytest's JUnit report cuts a failure's `message` attribute past this many characters (whole
# lines; `_pytest.junitxml.MESSAGE_ATTR_BUDGET`) and says so in English.
MESSAGE_BUDGET = 500
# Room kept for the note that says what was cut (the longest is under 100 characters).
_NOTE_ROOM = 100


def short_message(text: str, budget: int = MESSAGE_BUDGET) -> str:
    """`text` when it fits in `budget` characters; else its first whole lines and a note, in the
    person's language, of how many lines were left out (the report's element text has them)."""
    lines = text.splitlines() or [""]
    if sum(len(line) + 1 for line in lines) <= budget:
        return text
    room = budget - _NOTE_ROOM
    kept: list[str] = []
    size = 0
    for line in lines:
        if size + len(line) + 1 > room:
            break
        kept.append(line)
        size += len(line) + 1
    if not kept:  # the first line alone is too long: its beginning
        kept = [lines[0][: room - 2] + "…"]
    left = len(lines) - len(kept)
    if left:
        note = t("qa.junit.more_line" if left == 1 else "qa.junit.more_lines", count=left)
    else:
        note = t("qa.junit.cut")
    return "\n".join([*kept, note])


def _worker(config: pytest.Config) -> Worker:
    if WORKER not in config.stash:
        name = os.environ.get("PYTEST_XDIST_WORKER", "main")
        config.stash[WORKER] = Worker(config.stash[SETTINGS], name)
    return config.stash[WORKER]


def pytest_unconfigure(config: pytest.Config) -> None:
    if WORKER in config.stash:
        config.stash[WORKER].close()
        del config.stash[WORKER]
    # The reports name the cases and their failures, screenshots inlined in the HTML: private
    # like the rest of the evidence. pytest and pytest-html wrote them at the session's end
    # (with the umask, `autohelper qa` sets it to 077; a plain `pytest` does not).
    from autohelper.privatefiles import make_private

    for option in ("xmlpath", "htmlpath"):
        report = getattr(config.option, option, None)
        if report and not hasattr(config, "workerinput") and Path(report).is_file():
            make_private(Path(report))
            if option == "htmlpath" and current_lang() != "en":
                page = Path(report).read_text(encoding="utf-8")
                Path(report).write_text(localize_html(page), encoding="utf-8")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if not isinstance(item, CaseItem) or report.when != "call":
        return report
    case_report = item.case_report
    if case_report is not None:
        # Plain attributes travel with the report to xdist's controller and to the reports.
        report.qa_case = item.case.id  # type: ignore[attr-defined]
        report.qa_expected = case_report.expected  # type: ignore[attr-defined]
        report.qa_observed = case_report.observed  # type: ignore[attr-defined]
        report.qa_headline = case_report.headline()  # type: ignore[attr-defined]
    if report.failed and case_report is not None and item.config.pluginmanager.hasplugin("html"):
        report.extras = [*getattr(report, "extras", []), *_html_extras(case_report)]  # type: ignore[attr-defined]
    return report


def _html_extras(report: CaseReport) -> list[dict[str, Any]]:
    """pytest-html's extras of a failed case: the steps, then the screenshot inline."""
    from pytest_html import extras

    rows = "".join(
        f"<tr><td>{step['n']}</td><td>{html.escape(t('qa.step_status.' + step['status']))}</td>"
        f"<td>{step['ms']} ms</td><td>{html.escape(step['description'])}</td></tr>"
        for step in report.steps
    )
    found: list[dict[str, Any]] = [
        extras.html(
            f'<div class="qa-case"><p class="qa-headline">{html.escape(report.headline())}</p>'
            f'<table class="qa-steps">{rows}</table></div>'
        )
    ]
    if report.screenshot and Path(report.screenshot).is_file():
        data = base64.b64encode(Path(report.screenshot).read_bytes()).decode("ascii")
        found.append(extras.image(data, t("qa.html.screenshot")))
    return found


@pytest.hookimpl(optionalhook=True)
def pytest_html_report_title(report: Any) -> None:
    report.title = t("qa.html.title")


@pytest.hookimpl(optionalhook=True)
def pytest_html_results_table_header(cells: list[str]) -> None:
    cells[:] = [_said(cell, "qa.html.col.") for cell in cells]
    cells.insert(2, f"<th>{html.escape(t('qa.html.expected'))}</th>")
    cells.insert(3, f"<th>{html.escape(t('qa.html.observed'))}</th>")


@pytest.hookimpl(optionalhook=True)
def pytest_html_results_table_row(report: pytest.TestReport, cells: list[str]) -> None:
    cells.insert(2, f"<td>{html.escape(getattr(report, 'qa_expected', ''))}</td>")
    cells.insert(3, f"<td>{html.escape(getattr(report, 'qa_observed', ''))}</td>")


# pytest-html's page is in English only: its words are said in the report's language, the
# columns' and results' through its hooks, its template's in the file it wrote (exact
# fragments; the page's script keys on the results' data, never on these words).
_CELL = re.compile(r"(<t[hd][^>]*>)([A-Za-z]+)(</t[hd]>)")
_PAGE_WORDS = {  # (before, English, after): the message
    ("<h2>", "Summary", "</h2>"): "qa.html.summary",
    ("<h2>", "Environment", "</h2>"): "qa.html.environment",
    (">", "(Un)check the boxes to filter the results.", "<"): "qa.html.filter",
    (">", "There are still tests running. ", "<"): "qa.html.running",
    (">", "Reload this page to get the latest results!", "<"): "qa.html.reload",
    (">", "Show all details", "<"): "qa.html.show_all",
    (">", "Hide all details", "<"): "qa.html.hide_all",
    (">", "No results found. Check the filters.", "<"): "qa.html.no_results",
}
_RUN_COUNT = re.compile(r'(<p class="run-count">)(\d+) tests? took ([^<]*)\.(</p>)')
_RUN_DONE = re.compile(r'(<p class="run-count">)(\d+/\d+) tests? done\.(</p>)')
_GENERATED = re.compile(r"Report generated on (\S+) at (\S+) by ")
_DATA_WORDS = {
    "No log output captured.": "qa.html.no_log",
    "&#34;Platform&#34;:": "qa.html.env.platform",
    "&#34;Packages&#34;:": "qa.html.env.packages",
    "&#34;Plugins&#34;:": "qa.html.env.plugins",
}
_RESULT_CELL = re.compile(r"(col-result\\?(?:&#34;|&quot;)&gt;)([A-Za-z]+)(&lt;/td&gt;)")
_OUTCOME = re.compile(r'(<span class="([a-z]+)">)(\d+) ([A-Za-z ]+)(,?</span>)')


def _said(cell: str, prefix: str) -> str:
    """A header or result cell with its English word in the report's language."""

    def swap(found: re.Match[str]) -> str:
        key = prefix + found[2].lower()
        return found[1] + html.escape(t(key)) + found[3] if _known(key) else found[0]

    return _CELL.sub(swap, cell)


def _known(key: str) -> bool:
    return key in catalogue()


def _iso_day(day: str) -> str:
    """pytest-html's date (`24-Nov-2026`, English month names) as `2026-11-24`."""
    import datetime

    try:
        return datetime.datetime.strptime(day, "%d-%b-%Y").date().isoformat()
    except ValueError:
        return day


def localize_html(page: str) -> str:
    """pytest-html's fixed words of a written report, in the report's language (named on its
    `<html>`, for screen readers and translators)."""
    page = re.sub(r"<html(?![^>]*\blang=)", f'<html lang="{current_lang()}"', page, count=1)
    for (before, words, after), key in _PAGE_WORDS.items():
        page = page.replace(before + words + after, before + html.escape(t(key)) + after)
    page = _RUN_COUNT.sub(
        lambda m: m[1] + html.escape(t("qa.html.took", count=m[2], duration=m[3])) + m[4], page
    )
    page = _RUN_DONE.sub(lambda m: m[1] + html.escape(t("qa.html.done", count=m[2])) + m[3], page)
    page = _GENERATED.sub(
        lambda m: html.escape(t("qa.html.generated", date=_iso_day(m[1]), time=m[2])), page
    )
    # Words inside the page's data (escaped JSON): the environment's keys, an empty log.
    for words, key in _DATA_WORDS.items():
        page = page.replace(words, html.escape(t(key)))
    # Each case's result cell, inside the page's data (escaped JSON): its `result` stays
    # pytest-html's word, which the page's filters and sorting key on.
    page = _RESULT_CELL.sub(
        lambda m: (
            m[1] + html.escape(t("qa.html.result." + m[2].lower())) + m[3]
            if _known("qa.html.result." + m[2].lower())
            else m[0]
        ),
        page,
    )
    return _OUTCOME.sub(
        lambda m: (
            m[1] + m[3] + " " + html.escape(t("qa.html.outcome." + m[2])) + m[5]
            if _known("qa.html.outcome." + m[2])
            else m[0]
        ),
        page,
    )


def _text(report: pytest.TestReport | pytest.CollectReport) -> str:
    """A report's failure text as the case says it: not `longreprtext`, which starts, under
    pytest-xdist, with the worker's line (`[gw1] linux -- Python 3.11.7 /path/python`)."""
    return str(report.longrepr).strip() if report.longrepr is not None else ""


class FrontReporter:
    """`autohelper qa`'s own words (pytest's terminal is off then): one line per case as it
    ends, the failures' details, a summary, in the person's language."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.counts = {"passed": 0, "failed": 0, "skipped": 0}

    def _say(self, text: str) -> None:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            self.counts["failed"] += 1
            self._say(t("qa.front.collect_failed", path=report.nodeid, detail=_text(report)))

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        name = getattr(report, "qa_case", None) or report.nodeid
        if report.when == "call" or (report.when == "setup" and not report.passed):
            if report.skipped:
                reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else ""
                reason = reason.removeprefix("Skipped: ")  # pytest's, in English
                self.counts["skipped"] += 1
                self._say(t("qa.front.skipped", case=name, reason=reason))
            elif report.passed:
                self.counts["passed"] += 1
                observed = getattr(report, "qa_observed", "")
                self._say(t("qa.front.passed", case=name, observed=observed))
            else:
                self.counts["failed"] += 1
                self._say(t("qa.front.failed", case=name))
                self._say("\n".join(f"    {line}" for line in _text(report).splitlines()))
        elif report.when == "teardown" and report.failed:
            self.counts["failed"] += 1
            self._say(t("qa.front.failed", case=name))
            self._say(_text(report))

    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        # The reports' paths are said by `autohelper qa` once it has written them there (pytest
        # writes them in a scratch folder).
        self._say(t("qa.front.summary", total=sum(self.counts.values()), **self.counts))
        if self.counts["failed"]:
            self._say(t("qa.front.evidence", path=str(self.config.stash[SETTINGS].artifacts)))

"""QA commands: `qa` (cases, or one unattended run), `check` (the read-only drift walk) and
`merge-junit` (one report from the shards of a run).

Thin on purpose: each parses its options and calls one function of `autohelper.qa` (or the
session, for one run). Playwright and pytest are never imported here.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

import click

from autohelper.cli.localized import LocalizedCommand
from autohelper.cli.paths import OutputFile, OutputFolder
from autohelper.errors import UsageError
from autohelper.messages import t

# Help texts and placeholders come from the catalogue (messages/commands.py, `help.qa*`).
_against = click.option("--against", default="live", show_default=True)
_browser = click.option("--browser", default=None)
_connect = click.option("--connect", default=None)
_cdp = click.option("--cdp", default=None)
_mock_options = click.option("--mock", "mock_options", multiple=True)


class _Seconds(click.FloatRange):
    """A step's wait: a number of seconds in range. Click's own range lets "nan" through (no
    comparison with it is true), and Playwright would get a wait it cannot use."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        seconds = super().convert(value, param, ctx)
        if math.isnan(seconds):
            self.fail(
                click.types._("{value} is not in the range {range}.").format(  # type: ignore[attr-defined]
                    value=value, range=self._describe_range()
                ),
                param,
                ctx,
            )
        return seconds


class _EvidenceFolder(OutputFolder):
    """`--artifacts`: an empty path is refused (it would quietly mean the current folder)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Path:
        if isinstance(value, str) and not value.strip():
            self.fail(t("qa.empty_path"), param, ctx)
        return super().convert(value, param, ctx)


class _CasesPath(click.Path):
    """`--cases`: an empty path is refused (it would quietly mean every YAML file under the
    current folder)."""

    def __init__(self) -> None:
        super().__init__(path_type=Path)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not value.strip():
            self.fail(t("qa.empty_cases"), param, ctx)
        return super().convert(value, param, ctx)


class _Shard(click.ParamType[str, Any]):
    """`--shard i/n` (1 ≤ i ≤ n): anything else is a usage error of the command line, said
    with the value as it was typed, before any case file is read."""

    name = "shard"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from autohelper.privacy import typed
        from autohelper.qa.shard import read_shard

        if read_shard(str(value)) is None:
            self.fail(t("qa.shard_value", value=typed(str(value))), param, ctx)
        return str(value)


# At most ten minutes: beyond, Node's timers overflow and a wait becomes 1 ms.
_timeout = click.option("--timeout", "step_timeout", type=_Seconds(min=0.5, max=600), default=None)


def _say(text: str) -> None:
    click.echo(text)


@click.command("qa", cls=LocalizedCommand)
@click.argument("scenarios", nargs=-1)
@click.option("--all", "every", is_flag=True)
# QA never runs against the live portals: by default, the bundled mock (as `pytest --qa-against`).
@click.option("--against", default="fixtures", show_default=True)
# Without --workers, as many as the machine and the cases call for (qa/suite.py).
@click.option("--workers", type=click.IntRange(1, 32), default=None)
@click.option("--junit", type=OutputFile("junit"), default=None)
@click.option("--html", "html_file", type=OutputFile("html"), default=None)
@click.option("--shard", type=_Shard(), default=None)
@click.option("--cases", type=_CasesPath(), multiple=True)
@click.option("--profile", "profile", default=None, envvar="AUTOHELPER_PROFILE")
@click.option("--single", is_flag=True)
@click.option("--decline", is_flag=True)
@_mock_options
@_timeout
@click.option("--artifacts", type=_EvidenceFolder(), default=None)
@_browser
@_connect
@_cdp
def qa(
    scenarios: tuple[str, ...],
    every: bool,
    against: str,
    workers: int | None,
    junit: Path | None,
    html_file: Path | None,
    shard: str | None,
    cases: tuple[Path, ...],
    profile: str | None,
    single: bool,
    decline: bool,
    mock_options: tuple[str, ...],
    step_timeout: float | None,
    artifacts: Path | None,
    browser: str | None,
    connect: str | None,
    cdp: str | None,
) -> None:
    """The QA cases of the scenarios named (or all), unattended; exit 0 only when every case
    behaved as expected. With --single (implied by --mock, --decline or --timeout): one run of
    one scenario (exit 0 only on success)."""
    if single or mock_options or decline or step_timeout is not None:
        # Options that do not go together: a usage error of the command line (exit 2).
        if not scenarios and not every:
            raise click.UsageError(t("qa.one_run_needs_scenario"))
        many = len(scenarios) != 1 or every or (workers or 1) > 1
        if many or junit or html_file or shard or cases:
            raise click.UsageError(t("qa.one_run_only"))
        sys.exit(
            _one_run(
                scenarios[0],
                against,
                profile,
                decline,
                mock_options,
                step_timeout,
                artifacts,
                browser,
                connect,
                cdp,
            )
        )
    from autohelper.qa.suite import SuiteRequest, run_suite

    _require("pytest", "xdist", "pytest_html")
    if profile is not None:
        from autohelper.profile import check_profile

        # A profile that is not there (or cannot be read) is said once, before any case starts,
        # not as every case failing.
        check_profile(profile)
    request = SuiteRequest(
        scenarios=scenarios,
        every=every,
        against=against,
        workers=workers,
        junit=junit,
        html=html_file,
        shard=shard,
        cases=cases,
        artifacts=artifacts,
        browser=browser,
        connect=connect,
        cdp=cdp,
        profile=profile,
    )
    code = run_suite(request)
    # Said once the reports are where the person asked for them.
    for key, path in (("qa.front.junit", junit), ("qa.front.html", html_file)):
        if path is not None:
            click.echo(t(key, path=str(path)))
    sys.exit(code)


def _require(*modules: str) -> None:
    """The QA extras (pytest, pytest-xdist, pytest-html) must be installed."""
    import importlib.util

    for module in modules:
        if importlib.util.find_spec(module) is None:
            raise UsageError("qa.needs_extra", module=module)


def _one_run(
    scenario: str,
    against: str,
    profile: str | None,
    decline: bool,
    mock_options: tuple[str, ...],
    step_timeout: float | None,
    artifacts: Path | None,
    browser: str | None,
    connect: str | None,
    cdp: str | None,
) -> int:
    """One unattended run (the scripted human answers), as `qa` always did."""
    from autohelper.cli import render_result
    from autohelper.human import ScriptedHuman
    from autohelper.mock.config import parse_options
    from autohelper.session import SessionRequest, run_session

    human = ScriptedHuman(confirm=not decline, on_progress=_say)
    request = SessionRequest(
        scenario=scenario,
        human=human,
        against=against,
        profile=profile,
        mode="qa",
        headless=True,
        browser=browser,
        artifacts=artifacts,
        mock_options=parse_options(mock_options),
        step_timeout=step_timeout,
        connect=connect,
        cdp=cdp,
    )
    outcome = run_session(request)
    code = render_result(outcome)
    if artifacts is None:
        # A QA engineer who named an artifacts folder keeps the documents there as evidence.
        from autohelper.session import discard_documents

        discard_documents(outcome)
    return code


@click.command("check", cls=LocalizedCommand)
@click.argument("scenarios", nargs=-1)
@click.option("--all", "every", is_flag=True)
@_against
@_mock_options
@_timeout
@click.option("--json", "as_json", is_flag=True)
@click.option("--artifacts", type=_EvidenceFolder(), default=None)
@_browser
@_connect
@_cdp
def check(
    scenarios: tuple[str, ...],
    every: bool,
    against: str,
    mock_options: tuple[str, ...],
    step_timeout: float | None,
    as_json: bool,
    artifacts: Path | None,
    browser: str | None,
    connect: str | None,
    cdp: str | None,
) -> None:
    """Walk the read-only part of each scenario: exit 0 as expected, 1 a change, 2 could not
    reach or could not check."""
    from autohelper.errors import AutohelperError
    from autohelper.mock.config import parse_options
    from autohelper.qa.check import EXIT_UNREACHABLE, CheckRequest, exit_code, render
    from autohelper.qa.check import check as walk_all
    from autohelper.session import refuse_mock_off_fixtures
    from autohelper.target import parse_against

    def show(walk: Any) -> None:
        if not as_json:
            for line in render(walk):
                click.echo(line)

    try:
        refuse_mock_off_fixtures(parse_against(against), mock_options)
        request = CheckRequest(
            scenarios=scenarios,
            every=every,
            against=against,
            mock_options=parse_options(mock_options),
            step_timeout=step_timeout,
            browser=browser,
            connect=connect,
            cdp=cdp,
            artifacts=artifacts,
        )
        walks = walk_all(request, show)
    except AutohelperError as exc:
        # Nothing was checked (an unknown scenario, a bad setting, no browser): not a change,
        # which exit 1 would tell CI, but "could not check", with the JSON CI reads.
        exc.exit_code = EXIT_UNREACHABLE
        if as_json:
            document = {
                "status": "error",
                "exit_code": EXIT_UNREACHABLE,
                "message": exc.message(),
                "walks": [],
            }
            click.echo(json.dumps(document, ensure_ascii=False, indent=2))
        raise
    if as_json:
        code = exit_code(walks)
        status = {0: "ok", 1: "changed", 2: "unreachable"}[code]
        document = {"status": status, "exit_code": code, "walks": [w.as_dict() for w in walks]}
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
    sys.exit(exit_code(walks))


@click.command("merge-junit", cls=LocalizedCommand)
@click.argument("output", type=OutputFile("junit"))
@click.argument(
    "inputs", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
def merge_junit(output: Path, inputs: tuple[Path, ...]) -> None:
    """One JUnit file from the JUnit files of a run's shards (`qa --shard i/n --junit ...`)."""
    from autohelper.errors import Words
    from autohelper.files import refuse_unrelated, same_file
    from autohelper.outputs import refuse_personal_outputs
    from autohelper.qa.junit import merge

    refuse_personal_outputs({t("help.metavar.output"): output})

    for path in inputs:  # the merged report would overwrite a shard's before it was read
        if same_file(output, path):
            what = Words("qa.input.junit")
            option = t("help.metavar.output")
            raise UsageError("qa.report_is_input", option=option, path=str(output), what=what)
    refuse_unrelated(t("help.metavar.output"), output, "junit")  # last: the more telling first
    totals = merge(inputs, output)
    click.echo(t("qa.junit_merged", path=str(output), **totals))


COMMANDS = (qa, check, merge_junit)

"""The command line: Click commands only. Each parses options, calls one plain function,
renders its result and exits. Playwright is never imported here (start-up stays fast)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

import click

from autohelper.cli.errors import handle_errors
from autohelper.messages import has, set_lang, t
from autohelper.privacy import mask


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--lang",
    type=click.Choice(["es", "en"]),
    default=None,
    help="Idioma de los mensajes / message language (es, en).",
)
@click.option("-v", "--verbose", count=True, help="Más detalle en el registro (-v, -vv).")
@click.version_option(package_name="autohelper")
@click.pass_context
def cli(ctx: click.Context, lang: str | None, verbose: int) -> None:
    """autohelper: tu guía para el Seguro Facultativo del IMSS.

    \b
    Para empezar:  autohelper init
    NSS (IMSS):    autohelper run imss-nss
    Probar sin riesgo con el portal simulado:  autohelper run imss-nss --against fixtures
    """
    set_lang(lang)
    ctx.ensure_object(dict)
    ctx.obj["verbose"] = verbose
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(
        level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )
    if verbose < 2:
        # Playwright's driver shares the terminal: after Ctrl-C it dies too, and asyncio would
        # report its closed pipe on top of our own clean message.
        logging.getLogger("asyncio").setLevel(logging.CRITICAL)


def main() -> None:
    """Console entry point: runs the CLI under the one top-level error handler."""
    handle_errors(cli)


# -- running scenarios ------------------------------------------------------------------------
_against = click.option(
    "--against",
    default="live",
    show_default=True,
    metavar="live|fixtures|URL",
    help="Portal real (live), el simulado incluido (fixtures) o un espejo (URL).",
)
_browser = click.option(
    "--browser", metavar="RUTA", default=None, help="Ruta de Chromium (o AUTOHELPER_BROWSER)."
)
_mock_options = click.option(
    "--mock",
    "mock_options",
    multiple=True,
    metavar="CLAVE=VALOR",
    help="Con --against fixtures: modo del simulado (p. ej. result_version=1).",
)
_profile = click.option(
    "--profile",
    "profile",
    metavar="NOMBRE|ARCHIVO",
    default=None,
    envvar="AUTOHELPER_PROFILE",  # the same as the profile commands
    help="Perfil con tus datos (por omisión, el tuyo; con fixtures, uno de prueba).",
)


def _progress(text: str) -> None:
    click.echo(text)


def _render(outcome: Any) -> int:
    """Show a session's result; returns the exit code (0 only for success)."""
    result = outcome.result
    if result.status == "success":
        click.secho(result.message, fg="green")
        for name, value in result.yields.items():
            click.echo(
                f"{t('cli.yield.' + name) if has('cli.yield.' + name) else name}: "
                f"{mask(value, name)}"
            )
        return 0
    click.secho(result.message, fg="yellow" if result.status == "declined" else "red", err=True)
    return 1


@cli.command()
@click.argument("scenario")
@_against
@_profile
@click.option(
    "--headless/--headed",
    default=None,
    help="Navegador oculto o visible (por omisión: visible si hay pantalla).",
)
@click.option(
    "--trace",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    metavar="ARCHIVO",
    help="Guardar una traza de Playwright (en el portal real contiene tus datos).",
)
@_mock_options
@_browser
def run(
    scenario: str,
    against: str,
    profile: str | None,
    headless: bool | None,
    trace: Path | None,
    mock_options: tuple[str, ...],
    browser: str | None,
) -> None:
    """Sesión guiada: el navegador recorre el trámite, tú escribes el CAPTCHA y confirmas."""
    from autohelper.browser import has_display
    from autohelper.human import ScriptedHuman, TerminalHuman, ask_yes_no
    from autohelper.mock.config import parse_options
    from autohelper.session import SessionRequest, run_session, save_nss

    shown_headless = headless if headless is not None else not has_display()
    human: Any
    if against != "live" and not sys.stdin.isatty():
        # A demo with nobody at the keyboard: the mock's oracle answers, and we say so.
        click.echo(t("cli.demo_unattended"))
        human = ScriptedHuman(on_progress=_progress)
    else:
        human = TerminalHuman(headless=shown_headless)
    if trace is not None and against == "live":
        click.secho(t("cli.trace_warning", path=str(trace)), fg="yellow", err=True)
    request = SessionRequest(
        scenario=scenario,
        human=human,
        against=against,
        profile=profile,
        headless=headless,
        browser=browser,
        trace=trace,
        mock_options=parse_options(mock_options),
    )
    outcome = run_session(request, ask_secret=_ask_secret)
    code = _render(outcome)
    if outcome.can_save_nss and ask_yes_no(t("cli.save_nss"), default=True):
        path = save_nss(outcome)
        click.echo(t("cli.nss_saved", path=str(path)))
    sys.exit(code)


def _ask_secret(name: str) -> str:
    return str(
        click.prompt(
            t("cli.secret_prompt", name=name), hide_input=True, default="", show_default=False
        )
    )


@cli.command()
@click.argument("scenario")
@_against
@_profile
@click.option("--decline", is_flag=True, help="Responder «no» a la confirmación del envío.")
@_mock_options
@click.option(
    "--timeout",
    "step_timeout",
    type=click.FloatRange(min=0.5),
    default=None,
    metavar="SEG",
    help="Espera máxima de cada paso, en segundos (10 por omisión).",
)
@click.option(
    "--artifacts",
    type=click.Path(path_type=Path),
    default=None,
    help="Carpeta para capturas de pantalla.",
)
@_browser
def qa(
    scenario: str,
    against: str,
    profile: str | None,
    decline: bool,
    mock_options: tuple[str, ...],
    step_timeout: float | None,
    artifacts: Path | None,
    browser: str | None,
) -> None:
    """Corrida desatendida contra el simulado o un espejo; código 0 solo si termina con éxito."""
    from autohelper.human import ScriptedHuman
    from autohelper.mock.config import parse_options
    from autohelper.session import SessionRequest, run_session

    human = ScriptedHuman(confirm=not decline, on_progress=_progress)
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
    )
    outcome = run_session(request)
    sys.exit(_render(outcome))


# -- scenarios ----------------------------------------------------------------------------------
@cli.group()
def scenarios() -> None:
    """Listar y validar escenarios (archivos YAML de cada trámite)."""


@scenarios.command("list")
def scenarios_list() -> None:
    """Los escenarios disponibles."""
    from autohelper.messages import localized
    from autohelper.scenario.loader import load_scenarios, scenarios_dir

    for scenario in load_scenarios(sorted(scenarios_dir().glob("*.yaml"))):
        click.echo(f"{scenario.id:<16} {localized(scenario.title)}")


@scenarios.command("validate")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
def scenarios_validate(files: tuple[Path, ...]) -> None:
    """Revisa escenarios sin abrir el navegador (todos, si no das archivos)."""
    from autohelper.scenario.loader import load_scenarios, scenarios_dir

    paths = list(files) or sorted(scenarios_dir().glob("*.yaml"))
    loaded = load_scenarios(paths)
    for scenario in loaded:
        click.echo(t("cli.scenario_ok", id=scenario.id, path=scenario.path))


# -- the mock portal -----------------------------------------------------------------------------
@cli.group()
def mock() -> None:
    """El portal simulado del IMSS (para probar sin tocar el portal real)."""


@mock.command("serve")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--mock",
    "mock_options",
    multiple=True,
    metavar="CLAVE=VALOR",
    help="Modo del simulado (p. ej. result_version=1, fail_first=2, drift=true).",
)
def mock_serve(port: int, mock_options: tuple[str, ...]) -> None:
    """Sirve el simulado en 127.0.0.1 (en forma de espejo: /www.imss.gob.mx/...)."""
    from autohelper.mock import serve_forever
    from autohelper.mock.config import build, parse_options

    config = build(parse_options(mock_options))

    def announce(url: str) -> None:
        click.echo(t("cli.mock_serving", base=url, url=f"{url}/www.imss.gob.mx/tramites/imss02008"))

    serve_forever(port, config, on_ready=announce)


@cli.command()
@_browser
def doctor(browser: str | None) -> None:
    """Qué navegador se usará y por qué, y qué falta."""
    from autohelper.doctor import diagnose

    findings = diagnose(browser)
    for finding in findings:
        click.echo(("✔ " if finding.ok else "✘ ") + finding.text)
    sys.exit(0 if all(f.ok for f in findings) else 1)


def _register() -> None:
    from autohelper.cli import profile as profile_commands

    for command in profile_commands.COMMANDS:
        cli.add_command(command)


_register()

"""`autohelper vigencia --pdf FILE`: read a constancia de vigencia the student already has, show
what it says (personal data masked) and what it means. No browser; the PDF stays where it is.

Thin on purpose: the reading and the verdict are `autohelper.documents.check_constancia`; an
unreadable file is a DocumentError the top-level handler shows ("No pude leer …", exit 1), and
so is a constancia whose CURP and NSS are both another person's (no verdict is given for it).
Everything shown from the PDF passes through the report's `shown` (the profile's values and
CURP- or NSS-shaped strings masked).
Exit code: 0 when the constancia shows the Seguro Facultativo in force as expected, else 1.
"""

from __future__ import annotations

import datetime
import json
import logging
import shlex
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from autohelper.cli.localized import LocalizedCommand
from autohelper.messages import t
from autohelper.privacy import mask

if TYPE_CHECKING:
    from autohelper.documents import Expectation, VigenciaReport
    from autohelper.profile import Profile


def _expectation(profile_name: str | None) -> tuple[Expectation, Profile | None]:
    """The profile's expectation; with no profile named and none saved, the generic one."""
    from autohelper import profile as prof
    from autohelper.documents import expectation_for

    path = prof.resolve_profile_path(profile_name)
    if profile_name is None and not path.exists():
        return expectation_for(None), None
    profile = prof.load_profile(path)
    return expectation_for(profile.institution), profile


class _PdfPath(click.Path):
    """`--pdf`: an empty path is refused (as a path it would quietly mean the current folder)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not value.strip():
            self.fail(t("document.empty_path"), param, ctx)
        return super().convert(value, param, ctx)


# Help texts and placeholders come from the catalogue (messages/commands.py, `help.vigencia*`).
@click.command("vigencia", cls=LocalizedCommand)
@click.option("--pdf", "pdf_path", required=True, type=_PdfPath(path_type=Path))
@click.option("--profile", "profile_name", default=None, envvar="AUTOHELPER_PROFILE")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def vigencia_command(
    ctx: click.Context, pdf_path: Path, profile_name: str | None, as_json: bool
) -> int:
    from autohelper.documents import check_constancia
    from autohelper.documents.report import ConstanciaOfSomeoneElse, identity_mismatches
    from autohelper.profile import profile_suffix

    if not (ctx.obj or {}).get("verbose"):
        # pypdf warns about harmless quirks of a PDF's structure; -v shows them.
        logging.getLogger("pypdf").setLevel(logging.ERROR)
    expectation, profile = _expectation(profile_name)
    values = profile.as_template_values() if profile is not None else None
    # The commands the messages show keep the --profile named (masked where it looks personal).
    suffix = profile_suffix(profile_name)
    try:
        report = check_constancia(pdf_path, expectation=expectation, profile=values)
    except ConstanciaOfSomeoneElse as exc:
        exc.params["suffix"] = suffix
        raise
    mismatches = identity_mismatches(report.facts, values)
    record = _record_command(report, profile, mismatches, profile_name)
    if as_json:
        _echo_json(report, profile, mismatches, record, suffix)
    else:
        _echo_report(report, profile, mismatches, suffix)
        if record is not None:
            click.echo(t("vigencia.record_hint", command=record))
    return 0 if report.verdict.code == "vigente" else 1


def _record_command(
    report: VigenciaReport,
    profile: Profile | None,
    mismatches: list[tuple[str, str]],
    profile_name: str | None,
) -> str | None:
    """For a vigente constancia of this student: the `autohelper done` that records the
    vigencia step of their procedure (on the day the constancia was issued), which `status`
    would otherwise keep showing as next; None when there is nothing to record."""
    from autohelper.errors import AutohelperError
    from autohelper.status.procedure import procedure_for

    if report.verdict.code != "vigente" or profile is None or mismatches:
        return None
    try:
        procedure = procedure_for(profile.institution)
    except AutohelperError:  # no institution, no procedure: nothing to record it in
        return None
    step = next((s for s in procedure.steps if s.scenario == "imss-vigencia" and s.markable), None)
    if step is None:
        return None
    words = ["autohelper", "done", step.id]
    issued = report.facts.issued
    if issued is not None and issued <= datetime.date.today():
        words += ["--on", issued.isoformat()]
    from autohelper.profile import profile_suffix

    # The profile as every suggested command shows it (masked where it looks personal).
    return shlex.join(words) + profile_suffix(profile_name)


def _echo_json(
    report: VigenciaReport,
    profile: Profile | None,
    mismatches: list[tuple[str, str]],
    record: str | None = None,
    suffix: str = "",
) -> None:
    data: dict[str, Any] = {
        **report.public(),
        "explanation": report.verdict.explanation(),
        "advice": report.verdict.advice(command_suffix=suffix),
        "profile": profile is not None,
        "not_yours": [name for name, _ in mismatches],
        "done_command": record,
    }
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _yes_no(value: bool | None) -> str | None:
    if value is None:
        return None
    return t("vigencia.yes" if value else "vigencia.no")


def _echo_report(
    report: VigenciaReport,
    profile: Profile | None,
    mismatches: list[tuple[str, str]],
    suffix: str = "",
) -> None:
    facts = report.facts
    click.echo(t("vigencia.header", path=report.path))
    rows: list[tuple[str, str | None]] = [
        ("nss", mask(facts.nss, "nss") if facts.nss else None),
        ("curp", mask(facts.curp, "curp") if facts.curp else None),
        ("name", mask(facts.name, "name") if facts.name else None),
        ("situacion", report.shown(facts.situacion)),
        ("con_derecho", _yes_no(facts.con_derecho)),
        ("umf", report.shown(facts.umf)),
        ("turno", report.shown(facts.turno)),
        ("consultorio", report.shown(facts.consultorio)),
    ]
    for name in ("vigencia_start", "vigencia_end", "issued"):
        day = getattr(facts, name)
        rows.append((name, day.strftime("%d/%m/%Y") if day else None))
    labels = [t(f"fact.{name}") for name, _ in rows]
    width = max(len(label) for label in labels)
    for label, (_, value) in zip(labels, rows, strict=True):
        click.echo(f"  {label.ljust(width)}  {value or t('vigencia.unknown')}")
    if facts.employers:
        click.echo(t("vigencia.employers"))
        for employer in facts.employers:
            parts = [
                report.shown(employer.registro) or "?",
                f"mod. {employer.modalidad or '?'}",
                report.shown(employer.name) or "?",
            ]
            if employer.description:
                parts.append(f"({report.shown(employer.description)})")
            if employer == facts.last_employer:
                parts.append(t("vigencia.last_marker"))
            click.echo("  " + "  ".join(parts))
    else:
        click.echo(t("vigencia.no_employers"))
    for name, value in mismatches:
        click.secho(t("vigencia.not_yours", fact=t(f"fact.{name}"), value=value), fg="yellow")
    expectation = report.verdict.expectation
    if profile is None:
        click.echo(t("vigencia.no_profile"))
    elif expectation.any_school:
        click.echo(
            t(
                "vigencia.expectation_any",
                institution=expectation.institution,
                modalidad=expectation.modalidad,
            )
        )
    else:
        click.echo(
            t(
                "vigencia.expectation_school",
                institution=expectation.institution,
                school=expectation.employer_names[0],
                modalidad=expectation.modalidad,
            )
        )
    verdict = report.verdict
    color = {"vigente": "green", "ilegible": "red"}.get(verdict.code, "yellow")
    click.secho(t("vigencia.verdict", code=t(f"yield.verdict.{verdict.code}")), fg=color, bold=True)
    click.echo(verdict.explanation())
    click.echo(t("vigencia.advice", advice=verdict.advice(command_suffix=suffix)))


COMMANDS: list[click.Command] = [vigencia_command]

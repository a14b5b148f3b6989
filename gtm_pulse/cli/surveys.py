"""The survey definitions: list, validate, show them, and a template to answer one."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from gtm_pulse.cli.context import catalog, open_store
from gtm_pulse.cli.group import PulseGroup
from gtm_pulse.cli.options import PERIOD, AsPath, db_option
from gtm_pulse.cli.output import echo_records, error_line

if TYPE_CHECKING:
    from pathlib import Path

    from gtm_pulse.core.periods import Period


@click.group(cls=PulseGroup)
def surveys() -> None:
    """List, validate and show survey definitions."""


@surveys.command("list")
def surveys_list() -> None:
    """List the available surveys."""
    from gtm_pulse.report.survey_text import catalog_text

    text = catalog_text(catalog().latest())
    if text:
        click.echo(text)


@surveys.command("validate")
@click.argument("files", nargs=-1, type=click.Path(path_type=AsPath))
def surveys_validate(files: tuple[Path, ...]) -> None:
    """Check survey files (default: every shipped survey); exit 2 if any is broken."""
    from gtm_pulse.errors import SurveyError
    from gtm_pulse.services.surveys import check_survey_files

    broken = 0
    for path, found in check_survey_files(files):
        if isinstance(found, SurveyError):
            broken += 1
            for line in found.lines():  # a survey file of anyone's: its values are quoted
                click.echo(error_line(line), err=True)
        else:
            click.echo(f"ok: {path} ({found.id} v{found.version}, {found.parts()})")
    if broken:
        sys.exit(2)


@surveys.command("template")
@click.argument("survey_id")
@click.option("--role", default="sales", show_default=True, help="Whose answers: sets the guesses.")
@click.option(
    "--period",
    type=PERIOD,
    help="The period answered (default: the current one): sets the follow-ups.",
)
@db_option
@click.pass_context
def surveys_template(ctx: click.Context, survey_id: str, role: str, period: Period | None) -> None:
    """Print a skeleton answers file for 'submit': every question, guess and follow-up due.

    Every answer is null and '_allowed' says what it may be; replace the nulls and submit it:

    \b
      gtm-pulse surveys template monthly-pulse --role sales > answers.json
      gtm-pulse submit --role sales --answers answers.json
    """
    import json

    from gtm_pulse.services.submission import submission_period
    from gtm_pulse.services.surveys import answers_template_for

    survey = catalog().get(survey_id)
    chosen = submission_period(survey, period)
    document = answers_template_for(open_store(ctx), survey, role, chosen)
    click.echo(json.dumps(document, indent=2, ensure_ascii=False))


@surveys.command("show")
@click.argument("survey_id")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def surveys_show(survey_id: str, fmt: str) -> None:
    """Show a survey: every dimension and question (json: all fields, as loaded)."""
    from gtm_pulse.report.survey_text import survey_text

    survey = catalog().get(survey_id)
    if fmt == "json":
        echo_records(survey)
        return
    click.echo(survey_text(survey))

"""The survey definitions: list, validate, show them, and a template to answer one."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from gtm_pulse.cli.context import (
    catalog,
    open_store,
)
from gtm_pulse.cli.group import PulseGroup
from gtm_pulse.cli.options import (
    AsPath,
    db_option,
)
from gtm_pulse.cli.output import echo_records, error_line

if TYPE_CHECKING:
    from pathlib import Path


# -- surveys ------------------------------------------------------------------------------------


@click.group(cls=PulseGroup)
def surveys() -> None:
    """List, validate and show survey definitions."""


@surveys.command("list")
def surveys_list() -> None:
    """List the available surveys."""
    for survey in catalog().latest():
        minutes = survey.estimated_seconds() / 60
        click.echo(
            f"{survey.id:<22} v{survey.version:<3} {survey.cadence:<10} "
            f"~{minutes:.1f} min  {survey.title}\n  {survey.parts()}"
        )


@surveys.command("validate")
@click.argument("files", nargs=-1, type=click.Path(path_type=AsPath))
def surveys_validate(files: tuple[Path, ...]) -> None:
    """Check survey files (default: every shipped survey); exit 2 if any is broken."""
    from gtm_pulse.errors import SurveyError
    from gtm_pulse.store.survey_files import load_survey_file, shipped_dir

    paths = list(files) or sorted(shipped_dir().glob("*.toml"))
    broken = 0
    for path in paths:
        try:
            survey = load_survey_file(path)
        except SurveyError as error:
            broken += 1
            for line in error.lines():  # a survey file of anyone's: its values are quoted
                click.echo(error_line(line), err=True)
            continue
        click.echo(f"ok: {path} ({survey.id} v{survey.version}, {survey.parts()})")
    if broken:
        sys.exit(2)


@surveys.command("template")
@click.argument("survey_id")
@click.option("--role", default="sales", show_default=True, help="Whose answers: sets the guesses.")
@click.option(
    "--period", help="The period answered (default: the current one): sets the follow-ups."
)
@db_option
@click.pass_context
def surveys_template(ctx: click.Context, survey_id: str, role: str, period: str | None) -> None:
    """Print a skeleton answers file for 'submit': every question, guess and follow-up due.

    Every answer is null and '_allowed' says what it may be; replace the nulls and submit it:

    \b
      gtm-pulse surveys template monthly-pulse --role sales > answers.json
      gtm-pulse submit --role sales --answers answers.json
    """
    import json

    from gtm_pulse.core.commitments import asked_in
    from gtm_pulse.core.template import answers_template
    from gtm_pulse.services.submission import respondent_role, submission_period

    survey = catalog().get(survey_id)
    chosen = str(submission_period(survey, period))
    due = []
    store = open_store(ctx)
    if store.path.exists():  # a team's commitments due; without a database there are none
        snapshot = store.load()
        respondent_role(snapshot.require_team(), role)
        due = asked_in(snapshot.commitments, chosen, snapshot.response(survey.id, chosen, role))
    document = answers_template(survey, role, chosen, due)
    click.echo(json.dumps(document, indent=2, ensure_ascii=False))


@surveys.command("show")
@click.argument("survey_id")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def surveysshow(survey_id: str, fmt: str) -> None:
    """Show a survey: every dimension and question (json: all fields, as loaded)."""
    survey = catalog().get(survey_id)
    if fmt == "json":
        echo_records(survey)
        return
    click.echo(f"{survey.title} ({survey.id} v{survey.version}, {survey.cadence})")
    if survey.description:
        click.echo(survey.description)
    scale = ", ".join(f"{i}={label}" for i, label in enumerate(survey.scale.labels, start=1))
    click.echo(f"Scale: {scale}")
    for dimension in survey.dimensions:
        click.echo(f"\n{dimension.name} [{dimension.id}]")
        for question in survey.questions_in(dimension.id):
            flags: list[str] = [question.kind]
            if question.reverse:
                flags.append("reverse")
            if not question.is_required:
                flags.append("optional")
            if question.predict:
                flags.append("predict the other's answer")
            if question.tension:
                flags.append(f"{question.tension} tension: not flagged, not indexed")
            if question.metric:
                flags.append(f"metric {question.metric}")
            click.echo(f"  {question.id}: {question.text}  ({', '.join(flags)})")
            for option in question.options:
                click.echo(f"      - {option.id}: {option.label}")
            if question.severities:
                click.echo(f"      severities: {', '.join(question.severities)}")
        if dimension.comment:
            click.echo(f"  (comment) {dimension.comment}")
    if survey.mirrors:
        click.echo("\nMirror pairs (the same question about each function)")
        for mirror in survey.mirrors:
            about = ", ".join(f"{role}: {qid}" for role, qid in mirror.about.items())
            click.echo(f"  {mirror.id}: {mirror.name} ({about})")
    minutes = survey.estimated_seconds() / 60
    click.echo(f"\n{survey.parts()}; about {minutes:.1f} minutes to fill.")

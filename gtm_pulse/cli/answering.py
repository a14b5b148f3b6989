"""Answering the pulse: take it in the TUI, submit a file of answers, see who is missing."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from gtm_pulse.cli.context import catalog, open_store
from gtm_pulse.cli.freshness import sync_before, sync_option
from gtm_pulse.cli.launch import require_terminal, run_tui
from gtm_pulse.cli.options import PERIOD, db_option
from gtm_pulse.cli.output import show

if TYPE_CHECKING:
    from gtm_pulse.core.periods import Period


@click.command()
@click.option("--role", required=True, help="Who answers: sales or marketing (or a team role).")
@click.option(
    "--period", type=PERIOD, help="The period (2026-11 or 2026-Q4); default: the current one."
)
@click.option("--survey", "survey_id", default="monthly-pulse", show_default=True)
@db_option
@click.pass_context
def take(ctx: click.Context, role: str, period: Period | None, survey_id: str) -> None:
    """Take a survey in the TUI, straight from the command line.

    Every answer is saved as a draft the moment it is given; run the same command again to
    carry on where you left off. Example:

    \b
      gtm-pulse take --role sales
    """
    from gtm_pulse.services.submission import respondent_role, submission_period

    survey = catalog().get(survey_id)
    chosen = submission_period(survey, period)
    store = open_store(ctx)
    if store.exists():
        respondent_role(store.load().require_team(), role)
    # After the checks above (a bad role or period is said first), before textual is imported.
    require_terminal("the survey", "without one, answer from a file with 'gtm-pulse submit'")
    from gtm_pulse.services.opening import Start

    run_tui(ctx, Start(role=role, survey_id=survey.id, period=chosen))


# -- status -------------------------------------------------------------------------------------


@click.command()
@click.option(
    "--period", type=PERIOD, help="A month (2026-11) or a quarter (2026-Q4); default: today's."
)
@click.option("--survey", "survey_id", help="Only this survey.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option(
    "--due",
    is_flag=True,
    help="Only what is still missing in the current periods; one line when nothing is.",
)
@sync_option
@db_option
@click.pass_context
def status(
    ctx: click.Context,
    period: Period | None,
    survey_id: str | None,
    fmt: str,
    due: bool,
    sync_first: bool,
) -> None:
    """Who has submitted the surveys due this period, and who is missing.

    Exits 0 when everyone has submitted and 1 when someone is missing, so a cron job can send
    reminders. A month also covers the quarterly surveys of its quarter. --due lists only who
    still owes what this month and quarter (a reminder); when nothing is due it prints one
    line. On a laptop that syncs, the text also says when each member last synced and what
    waits to be revealed, as of this laptop's last sync; --sync syncs first. Example, weekday
    mornings, a mail only while someone is missing:

    \b
      0 9 * * 1-5  out=$(gtm-pulse status --due) || echo "$out" | mail -s gtm-pulse ceo@acme.com
    """
    from gtm_pulse.core.periods import not_future, today
    from gtm_pulse.services.status import build_status

    if due and period:
        raise click.UsageError("--due is about the current periods: leave out --period")
    if sync_first:
        sync_before(ctx)
    snapshot = open_store(ctx).load(one_shot=True)
    team = snapshot.require_team()
    surveys = [catalog().get(survey_id)] if survey_id else catalog().latest()
    asked = not_future(period) if period else None
    report = build_status(team, surveys, snapshot, asked, today())
    if fmt == "json":
        import json

        shown = report.outstanding() if due else report
        click.echo(json.dumps(shown.to_json(), indent=2))
    elif due:
        click.echo(report.due_text())
    else:
        from gtm_pulse.services.freshness import freshness_of

        fresh = freshness_of(snapshot)
        click.echo(report.to_text() + (f"\n\n{fresh.status_text()}" if fresh else ""))
    ctx.exit(0 if report.complete else 1)


# -- submit -------------------------------------------------------------------------------------


@click.command()
@click.option("--role", required=True, help="Who answers: sales or marketing (or a team role).")
@click.option(
    "--period", type=PERIOD, help="The period (2026-11 or 2026-Q4); default: the current one."
)
@click.option("--survey", "survey_id", default="monthly-pulse", show_default=True)
@click.option(
    "--answers",
    "answers_file",
    required=True,
    type=click.Path(exists=True, dir_okay=False, allow_dash=True, path_type=str),
    help='A JSON object {question id: value} ("-" reads standard input).',
)
@click.option("--amend", is_flag=True, help="Replace an earlier submission (kept in history).")
@db_option
@click.pass_context
def submit(
    ctx: click.Context,
    role: str,
    period: Period | None,
    survey_id: str,
    answers_file: str,
    amend: bool,
) -> None:
    """Submit answers without the TUI, for scripts and other tools.

    Values: likert, a number on the scale; single choice, the option id; multi choice, a list of
    option ids or an object {option id: severity}; text, a string. Comments go under
    "_comments": {dimension id: text}. Example:

    \b
      echo '{"respect-seriously": 4, ...}' | gtm-pulse submit --role sales --answers -
    """
    from gtm_pulse.services.submission import build_response, read_answers_file, refuse_second

    store = open_store(ctx)
    snapshot = store.load(one_shot=True, to_write=True)  # the write reuses its parse
    survey = catalog().get(survey_id)
    if not amend:
        refuse_second(snapshot, survey, role, period)
    source = "<stdin>" if answers_file == "-" else answers_file
    with click.open_file(answers_file, "rb") as handle:
        raw = read_answers_file(handle.read(), source)
    response = build_response(snapshot, survey, role, period, raw, source)
    stored = store.submit(response, survey, amend=amend, read=snapshot)
    respondent = show(stored.respondent)
    action = "Amended" if stored.revision > 1 else "Submitted"
    click.echo(
        f"{action} {survey.id} {stored.period} for {respondent} ({stored.role}), "
        f"revision {stored.revision}."
    )
    if stored.seal is not None:  # a receipt: 'gtm-pulse db check' finds any later change
        click.echo(f"Sealed: sha256 {stored.seal.sha256}")

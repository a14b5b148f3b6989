"""The reports: compare one period, the trend over time, the offsite dashboard."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from gtm_pulse.cli.context import (
    catalog,
    open_early,
    open_store,
    require_database,
    snapshot_to_compare,
)
from gtm_pulse.cli.freshness import say_freshness, sync_before, sync_option
from gtm_pulse.cli.launch import board_of, require_terminal, run_dashboard
from gtm_pulse.cli.options import (
    PERIOD,
    AsPath,
    check_export_folder,
    check_output,
    db_option,
    pair_option,
    width_option,
)
from gtm_pulse.cli.output import chart_width, emit

if TYPE_CHECKING:
    from pathlib import Path

    from gtm_pulse.core.periods import Period


@click.command("compare")
@click.option(
    "--period", type=PERIOD, help="The period to compare (default: the current one, if complete)."
)
@click.option("--survey", "survey_id", default="monthly-pulse", show_default=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "csv", "markdown"]),
    default="text",
    show_default=True,
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=AsPath),
    callback=check_output,
    help="Write the report to FILE (mode 0600) instead of printing it.",
)
@width_option
@click.option(
    "--partial",
    is_flag=True,
    help="Before both VPs have submitted: show what the pair submitted (one side alone: no "
    "gap figures); says whose answers it opens early, and records it.",
)
@click.option(
    "--full",
    is_flag=True,
    help="Text: every section (each statement, the trend, guesses, flags, comments), not "
    "the one-screen verdict.",
)
@pair_option
@sync_option
@db_option
@click.pass_context
def compare_command(
    ctx: click.Context,
    period: Period | None,
    survey_id: str,
    fmt: str,
    output: Path | None,
    width: int | None,
    partial: bool,
    full: bool,
    pair: tuple[str, str],
    sync_first: bool,
) -> None:
    """Where the two VPs diverge: the verdict on one screen; --full for every section.

    The verdict: both indices and the quadrant, each dimension's scores and gap, and at most
    five things to talk about first, each answer quoted as given. Without --period: the
    current period when both VPs have submitted it, else the latest period both have (with a
    note). A period only one VP has submitted exits 1, naming who is missing; no data at all
    exits 1 too. On a laptop that syncs, the report ends with how fresh its data is (JSON:
    "synced"); --sync syncs first. Examples:

    \b
      gtm-pulse compare
      gtm-pulse compare --sync
      gtm-pulse compare --full
      gtm-pulse compare --period 2026-10 --format markdown --output offsite.md
      gtm-pulse compare --format json | jq .indices
      gtm-pulse compare --pair cro,sales
    """
    from gtm_pulse.core.periods import today
    from gtm_pulse.report import render
    from gtm_pulse.services.comparing import build_review
    from gtm_pulse.services.freshness import freshness_of

    if sync_first:
        sync_before(ctx)
    snapshot = snapshot_to_compare(ctx)
    review = build_review(
        snapshot, catalog(), survey_id, period, today(), partial=partial, pair=pair
    )
    if review.opening is not None:
        open_early(ctx, snapshot.require_team(), [review.opening])
    to_terminal = output is None and fmt == "text"
    if to_terminal:  # only text colours: the other formats never import the charts
        from gtm_pulse.report.charts import use_colour

        colour = use_colour()
    else:
        colour = False
    fresh = freshness_of(snapshot)
    width_used = chart_width(width, to_terminal)
    emit(render(review, fmt, width_used, colour=colour, full=full, fresh=fresh), output)


@click.command("trend")
@click.option("--survey", "survey_id", default="monthly-pulse", show_default=True)
@click.option(
    "--since", type=PERIOD, help="The first period to show (default: the first one recorded)."
)
@click.option("--dimension", help="Chart one dimension (its id or name): both sides and the gap.")
@width_option
@pair_option
@db_option
@click.pass_context
def trend_command(
    ctx: click.Context,
    survey_id: str,
    since: Period | None,
    dimension: str | None,
    width: int | None,
    pair: tuple[str, str],
) -> None:
    """The indices and the gaps over time, as line charts, with each period's figures.

    Only periods both VPs submitted count. Examples:

    \b
      gtm-pulse trend
      gtm-pulse trend --since 2026-01 --dimension "Shared goals"
    """
    from gtm_pulse.report.charts import Ink, use_colour
    from gtm_pulse.report.trend import render_trend
    from gtm_pulse.services.trending import build_trend_view

    snapshot = snapshot_to_compare(ctx)
    view = build_trend_view(snapshot, catalog(), survey_id, since, dimension, pair)
    ink = Ink(use_colour())
    width_used = chart_width(width, to_stdout=True)
    text = render_trend(
        view.company, view.survey, pair, view.history, width_used, ink, view.dimension, view.opened
    )
    click.echo(text, nl=False)


# -- dashboard ----------------------------------------------------------------------------------


@click.command("dashboard")
@click.option("--survey", "survey_id", default="monthly-pulse", show_default=True)
@click.option(
    "--period", type=PERIOD, help="The period to open on (default: the latest both submitted)."
)
@click.option(
    "--export",
    "export_dir",
    type=click.Path(file_okay=False, path_type=AsPath),
    callback=check_export_folder,
    help="Write every view and slide as SVG and the agenda as Markdown into DIR; no terminal.",
)
@pair_option
@sync_option
@db_option
@click.pass_context
def dashboard_command(
    ctx: click.Context,
    survey_id: str,
    period: Period | None,
    export_dir: Path | None,
    pair: tuple[str, str],
    sync_first: bool,
) -> None:
    """The offsite dashboard: overview, dimensions, items, trend, frictions, comments, agenda,
    perceptions (guesses, blame, metrics) and the team matrix.

    Keys: 1-9 views, [ ] earlier / later period, Enter on a dimension shows its items, p
    presentation mode (slides), a add a commitment, d mark one done, e export, q quit.
    Examples:

    \b
      gtm-pulse dashboard
      gtm-pulse dashboard --sync
      gtm-pulse dashboard --period 2026-10 --export board-pack/
      gtm-pulse dashboard --pair cro,marketing
    """
    if sync_first:  # before the app (and textual) starts: a failed sync is one line
        sync_before(ctx)
    store = open_store(ctx)
    require_database(store)  # no database yet: exit 1, saying so (Board reads it, once)
    board = board_of(store, survey_id, period, pair)  # a bad period or a missing side: said first
    if export_dir is not None:
        from gtm_pulse.tui.dashboard.app import export_headless

        written = export_headless(board, export_dir)
        click.echo(f"Exported {len(written)} files to {export_dir}:")
        for path in written:
            click.echo(f"  {path.name}")
        say_freshness(board.snapshot)
        return
    require_terminal("the dashboard", "use --export DIR, or 'gtm-pulse compare'")
    run_dashboard(board)

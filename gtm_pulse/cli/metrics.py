"""The team's operating numbers, shown beside perceptions (``gtm-pulse metrics``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from gtm_pulse.cli.context import open_store
from gtm_pulse.cli.group import PulseGroup
from gtm_pulse.cli.options import PERIOD, db_option
from gtm_pulse.cli.output import echo_records, show

if TYPE_CHECKING:
    from gtm_pulse.core.periods import Period


@click.group(cls=PulseGroup)
def metrics() -> None:
    """The team's monthly numbers (MQL acceptance, follow-up time...), shown beside the
    survey items that cite them: "Sales rates lead quality 2/5 while acceptance fell from 60%
    to 45%".
    """


@metrics.command("define")
@click.argument("metric_id", metavar="ID")
@click.option("--name", help="What the team calls it (default: the usual name of a known ID).")
@click.option("--unit", help='Its unit, shown after values: "%", "h", "k€"...')
@click.option("--better", type=click.Choice(["higher", "lower"]), help="Which direction is good.")
@db_option
@click.pass_context
def metrics_define(
    ctx: click.Context, metric_id: str, name: str | None, unit: str | None, better: str | None
) -> None:
    """Add a metric, or change its name, unit or direction (values are kept).

    The monthly pulse cites mql-acceptance and lead-follow-up-hours; with those IDs (and
    forecast-accuracy, pipeline-created) the name, unit and direction have defaults. Examples:

    \b
      gtm-pulse metrics define mql-acceptance
      gtm-pulse metrics define win-rate --name "Win rate" --unit % --better higher
    """
    from gtm_pulse.core.metrics import checked_metric

    metric = checked_metric(metric_id, name, unit, better)
    saved = open_store(ctx).define_metric(metric)
    click.echo(
        f"Metric {saved.id}: {show(saved.name)}"
        + (f" ({show(saved.unit)})" if saved.unit else "")
        + f", {saved.better} is better."
    )


@metrics.command("set")
@click.argument("values", nargs=-1, required=True, metavar="ID=VALUE...")
@click.option("--period", type=PERIOD, help="The month (2026-11); default: the current one.")
@db_option
@click.pass_context
def metrics_set(ctx: click.Context, values: tuple[str, ...], period: Period | None) -> None:
    """Record this period's values of defined metrics; all are written, or none. Example:

    \b
      gtm-pulse metrics set --period 2026-11 mql-acceptance=45 lead-follow-up-hours=36
    """
    from gtm_pulse.core.metrics import parse_assignments
    from gtm_pulse.core.periods import resolve

    parsed = parse_assignments(values)
    chosen = resolve(period, "monthly")  # refuses a future period
    saved = open_store(ctx).set_metric_values(chosen, parsed)
    shown = ", ".join(f"{m.id} {m.shown(parsed[m.id])}" for m in saved)
    click.echo(f"{chosen}: {show(shown)}")


@metrics.command("list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@db_option
@click.pass_context
def metrics_list(ctx: click.Context, fmt: str) -> None:
    """The team's metrics with their latest values."""
    from gtm_pulse.report.listings import metrics_text

    found = list(open_store(ctx).load().metrics.values())
    if fmt == "json":
        echo_records(found)
        return
    click.echo(metrics_text(found))

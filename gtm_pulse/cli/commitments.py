"""Commitments from the offsite (``gtm-pulse actions``)."""

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
def actions() -> None:
    """Commitments from the offsite: record them, list them, mark them done.

    From its due period on, every pulse asks both VPs whether a commitment happened (yes,
    partly or no); compare shows the follow-through next to the trend.
    """


@actions.command("add")
@click.argument("text")
@click.option("--owner", required=True, help="Who owns it: a role of the team (sales, ceo...).")
@click.option(
    "--due", type=PERIOD, required=True, help="The first period whose pulse asks about it."
)
@click.option("--agreed-in", type=PERIOD, help="The period whose review led to it (the offsite's).")
@db_option
@click.pass_context
def actions_add(
    ctx: click.Context, text: str, owner: str, due: Period, agreed_in: Period | None
) -> None:
    """Record a commitment. Example:

    \b
      gtm-pulse actions add "One lead definition" --owner marketing --due 2026-12
    """
    from gtm_pulse.core.commitments import check_dates, describe

    commitment = open_store(ctx).add_commitment(text, owner, due, agreed_in, check=check_dates)
    click.echo(f"Recorded {show(describe(commitment))}.")


@actions.command("list")
@click.option("--open", "only_open", is_flag=True, help="Only the commitments not done yet.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@db_option
@click.pass_context
def actions_list(ctx: click.Context, only_open: bool, fmt: str) -> None:
    """List the commitments, open ones first."""
    from gtm_pulse.report.listings import commitments_text, listed_commitments

    commitments = open_store(ctx).load(one_shot=True).commitments
    shown = listed_commitments(commitments, only_open)
    if fmt == "json":
        echo_records(shown)
        return
    click.echo(commitments_text(shown, any_recorded=bool(commitments)))


@actions.command("done")
@click.argument("number", type=click.IntRange(min=1))
@click.option("--undo", is_flag=True, help="Open it again.")
@db_option
@click.pass_context
def actions_done(ctx: click.Context, number: int, undo: bool) -> None:
    """Mark commitment NUMBER done (pulses stop asking about it), or open it again."""
    from gtm_pulse.core.commitments import describe

    commitment = open_store(ctx).set_commitment_done(number, done=not undo)
    state = "open again" if undo else "done"
    click.echo(f"{show(describe(commitment))} is {state}.")

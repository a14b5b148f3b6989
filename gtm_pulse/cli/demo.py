"""The demo: twelve months of a demo team, never the real database."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from gtm_pulse.cli.context import catalog
from gtm_pulse.cli.launch import board_of, run_dashboard
from gtm_pulse.cli.options import AsPath

if TYPE_CHECKING:
    from pathlib import Path


@click.command()
@click.option(
    "--db",
    "keep",
    type=click.Path(dir_okay=False, path_type=AsPath),
    help="Keep the demo database at this new path (default: a throwaway temp folder).",
)
@click.option("--seed", default=7, show_default=True, help="Seed of the generated answers.")
def demo(keep: Path | None, seed: int) -> None:
    """Twelve months of a demo team, never your real database.

    In a terminal it opens the offsite dashboard; piped (or in CI) it prints compare's report
    and exits 0. The story: alignment slides after a missed quarter, an offsite agrees a lead
    definition and a follow-up SLA, and the pulses that follow show it recover.
    """
    from gtm_pulse.core.periods import today
    from gtm_pulse.core.roles import CORE_PAIR
    from gtm_pulse.services.demo import demo_database
    from gtm_pulse.store.database import Store

    with demo_database(keep, catalog(), seed, today()) as (path, throwaway):
        if sys.stdin.isatty() and sys.stdout.isatty():
            run_dashboard(board_of(Store(path), "monthly-pulse", None, CORE_PAIR))
        else:
            _print_demo(path, throwaway)


def _print_demo(path: Path, throwaway: bool) -> None:
    """Without a terminal: say where the demo is, then print compare's report of it."""
    from gtm_pulse.core.periods import today
    from gtm_pulse.report import render
    from gtm_pulse.services.comparing import build_review
    from gtm_pulse.store.database import Store

    review = build_review(Store(path).load(), catalog(), "monthly-pulse", None, today())
    click.echo(f"Demo database: {path}" + (" (throwaway)" if throwaway else ""))
    click.echo("")
    click.echo(render(review, "text", 80).rstrip("\n"))

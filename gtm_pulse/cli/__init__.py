"""The ``gtm-pulse`` command line: a lazy click group, one module per family of commands.

``gtm-pulse --help`` imports none of the command modules (:class:`~gtm_pulse.cli.group.
LazyGroup` holds each command's short help), and each command imports what it needs inside its
body, so the printing commands stay fast; textual is imported only by the TUI commands. User
mistakes arrive as :class:`~gtm_pulse.errors.PulseError` and leave as one line per problem and
a non-zero exit.
"""

from __future__ import annotations

import click

from gtm_pulse import __version__
from gtm_pulse.cli.group import LazyGroup
from gtm_pulse.cli.options import DB_HELP, TEAM_HELP, AsPath, remember
from gtm_pulse.store.paths import DB_ENV, TEAM_ENV

# Each command: where it lives, and the first paragraph of its docstring (its short help in
# 'gtm-pulse --help'; tests/cli/test_lazy_group.py keeps the two the same).
COMMANDS: dict[str, tuple[str, str]] = {
    "actions": (
        "gtm_pulse.cli.commitments:actions",
        "Commitments from the offsite: record them, list them, mark them done.",
    ),
    "compare": (
        "gtm_pulse.cli.reports:compare_command",
        "Where the two VPs diverge: the verdict on one screen; --full for every section.",
    ),
    "dashboard": (
        "gtm_pulse.cli.reports:dashboard_command",
        "The offsite dashboard: overview, dimensions, items, trend, frictions, comments, agenda,"
        " perceptions (guesses, blame, metrics) and the team matrix.",
    ),
    "db": (
        "gtm_pulse.cli.keeping:db",
        "Keep the database: check it, back it up, restore a backup.",
    ),
    "demo": (
        "gtm_pulse.cli.demo:demo",
        "Twelve months of a demo team, never your real database.",
    ),
    "export": (
        "gtm_pulse.cli.sharing:export_command",
        "Write responses as a bundle another laptop can import (JSON with a SHA-256 checksum).",
    ),
    "import": (
        "gtm_pulse.cli.sharing:import_command",
        "Import bundles: all checked first, then all added at once, or nothing.",
    ),
    "init": (
        "gtm_pulse.cli.teams:init",
        "Set up the team: the company and who holds each role.",
    ),
    "join": (
        "gtm_pulse.cli.syncing:join_command",
        "Make this laptop's database from the team the CEO published, then sync.",
    ),
    "metrics": (
        "gtm_pulse.cli.metrics:metrics",
        "The team's monthly numbers (MQL acceptance, follow-up time...), shown beside the"
        ' survey items that cite them: "Sales rates lead quality 2/5 while acceptance fell'
        ' from 60% to 45%".',
    ),
    "status": (
        "gtm_pulse.cli.answering:status",
        "Who has submitted the surveys due this period, and who is missing.",
    ),
    "submit": (
        "gtm_pulse.cli.answering:submit",
        "Submit answers without the TUI, for scripts and other tools.",
    ),
    "surveys": (
        "gtm_pulse.cli.surveys:surveys",
        "List, validate and show survey definitions.",
    ),
    "sync": (
        "gtm_pulse.cli.syncing:sync_command",
        "Send this laptop's new records to the team's remote and take the others'.",
    ),
    "take": (
        "gtm_pulse.cli.answering:take",
        "Take a survey in the TUI, straight from the command line.",
    ),
    "teams": (
        "gtm_pulse.cli.teams:teams_command",
        "List the teams the database holds (choose one with --team ID, or $GTM_PULSE_TEAM).",
    ),
    "trend": (
        "gtm_pulse.cli.reports:trend_command",
        "The indices and the gaps over time, as line charts, with each period's figures.",
    ),
}


@click.group(cls=LazyGroup, lazy=COMMANDS, invoke_without_command=True)
@click.version_option(__version__, prog_name="gtm-pulse")
@click.option(
    "--db",
    type=click.Path(path_type=AsPath),  # a folder is refused by open_store, naming who set it
    envvar=DB_ENV,
    callback=remember,
    expose_value=False,
    help=DB_HELP,
)
@click.option("--team", envvar=TEAM_ENV, callback=remember, expose_value=False, help=TEAM_HELP)
@click.pass_context
def cli(ctx: click.Context) -> None:
    """gtm-pulse keeps your VP of Sales and VP of Marketing aligned.

    Each month both VPs answer the same short pulse; the CEO compares the answers and sees where
    they diverge. Start with 'gtm-pulse init', then 'gtm-pulse status'.
    """
    from gtm_pulse.cli.context import Invocation  # not on the way to --help (see group.py)

    ctx.ensure_object(Invocation)
    if ctx.invoked_subcommand is None:
        from gtm_pulse.cli.launch import require_terminal, run_tui

        require_terminal(
            "gtm-pulse", "'gtm-pulse status' and 'gtm-pulse compare' print without one"
        )
        run_tui(ctx, None)


def main() -> None:
    """The console script: ``gtm-pulse``."""
    cli(prog_name="gtm-pulse")

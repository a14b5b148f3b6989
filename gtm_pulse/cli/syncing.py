"""Every laptop in the loop: sync with a shared folder or a git repository, and join a team."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from gtm_pulse.cli.context import catalog, open_store
from gtm_pulse.cli.options import db_option
from gtm_pulse.cli.output import show

if TYPE_CHECKING:
    from gtm_pulse.services.syncing import SyncReport


def _print(report: SyncReport) -> None:
    """One line per thing published, imported, waiting or skipped, then the summary."""
    for line in report.lines():
        click.echo(show(line))
    click.echo(show(report.summary()))


@click.command("sync")
@click.argument("remote", required=False)
@click.option("--dry-run", is_flag=True, help="Say what would move; write nothing.")
@click.option(
    "--trust-new-keys",
    is_flag=True,
    help="Accept a member's new signing key (a VP's new laptop) that the CEO vouches for: on "
    "the CEO's laptop, the key seen on that member's records; elsewhere, the key in the CEO's "
    "newer team record. Without it, a key other than the first one seen is refused.",
)
@db_option
@click.pass_context
def sync_command(
    ctx: click.Context, remote: str | None, dry_run: bool, trust_new_keys: bool
) -> None:
    """Send this laptop's new records to the team's remote and take the others'.

    REMOTE is a folder a file-sync service keeps in step (Dropbox, Google Drive, Syncthing, a
    network share) or a git repository (a URL or a path); it is remembered, so 'gtm-pulse
    sync' alone reuses it. The CEO's first sync publishes the team. A response leaves this
    laptop sealed (encrypted, committed to, signed) and opens for the others only once the
    other VP's sealed response is there too. Commitments (and their done marks), metrics and
    the CEO's changes to the team travel too, signed; each laptop ends with the same numbers.
    Syncing twice changes nothing; safe from cron. Examples:

    \b
      gtm-pulse sync ~/Dropbox/gtm-pulse
      gtm-pulse sync git@github.com:northwind/gtm-pulse.git
      gtm-pulse sync --dry-run
    """
    from gtm_pulse.services.syncing import sync

    _print(sync(open_store(ctx), catalog(), remote, dry_run=dry_run, trust_new_keys=trust_new_keys))


@click.command("join")
@click.argument("remote")
@click.option("--role", required=True, help="Your role in the team (sales, marketing...).")
@db_option
@click.pass_context
def join_command(ctx: click.Context, remote: str, role: str) -> None:
    """Make this laptop's database from the team the CEO published, then sync.

    REMOTE is the shared folder or git repository the CEO synced with; it is remembered. The
    database (--db, $GTM_PULSE_DB or the default) must not exist yet. Example, the VP of
    Sales' laptop:

    \b
      gtm-pulse join ~/Dropbox/gtm-pulse --role sales
    """
    from gtm_pulse.core import roles
    from gtm_pulse.services.syncing import join

    store = open_store(ctx)
    report = join(store, catalog(), remote, role)
    team = store.load().require_team()
    name = show(team.members[role])
    click.echo(f"Joined {show(team.company)} as the {roles.title(role)}, {name}.")
    _print(report)

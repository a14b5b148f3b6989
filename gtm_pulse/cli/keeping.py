"""Keeping the database: check it, back it up, restore a backup (``gtm-pulse db``)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from gtm_pulse.cli.context import catalog, open_store
from gtm_pulse.cli.group import PulseGroup
from gtm_pulse.cli.options import AsPath, db_option
from gtm_pulse.cli.output import error_line

if TYPE_CHECKING:
    from pathlib import Path


@click.group(cls=PulseGroup)
def db() -> None:
    """Keep the database: check it, back it up, restore a backup."""


@db.command("check")
@db_option
@click.pass_context
def db_check(ctx: click.Context) -> None:
    """Check every record: JSON, schema, each response valid against its survey version and
    its seal intact. Exit 0 when all is well, 2 with one line per problem."""
    from gtm_pulse.store.integrity import check_database

    store = open_store(ctx)
    found = check_database(store.path, catalog(), one_shot=True)
    counts = ", ".join(f"{n} {kind}(s)" for kind, n in found.counts.items())
    if found.ok:
        click.echo(f"ok: {store.path}: {counts}")
        return
    for problem in found.problems:
        click.echo(error_line(problem), err=True)
    click.echo(f"{len(found.problems)} problem(s) in {store.path} ({counts})", err=True)
    sys.exit(2)


@db.command("backup")
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=AsPath))
@db_option
@click.pass_context
def db_backup(ctx: click.Context, folder: Path | None) -> None:
    """Copy the database to FOLDER (default: backups/ beside it), timestamped, under the lock."""
    target = open_store(ctx).backup(folder)
    click.echo(f"Backed up to {target}")


@db.command("restore")
@click.argument("backup", type=click.Path(exists=True, dir_okay=False, path_type=AsPath))
@db_option
@click.pass_context
def db_restore(ctx: click.Context, backup: Path) -> None:
    """Replace the database with BACKUP, after checking it; the current file is kept first."""
    from gtm_pulse.services.keeping import check_restorable

    check_restorable(backup, catalog())
    store = open_store(ctx)
    saved = store.restore(backup)
    if saved is not None:
        click.echo(f"The database as it was is kept in {saved}")
    click.echo(f"Restored {store.path} from {backup}")

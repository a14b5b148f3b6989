"""Carrying responses between laptops: export and import bundles."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from gtm_pulse.cli.context import catalog, open_early, open_store
from gtm_pulse.cli.options import PERIOD, AsPath, check_output, db_option
from gtm_pulse.cli.output import emit, show

if TYPE_CHECKING:
    from pathlib import Path

    from gtm_pulse.core.periods import Period


@click.command("export")
@click.option("--survey", "survey_id", default="monthly-pulse", show_default=True)
@click.option("--period", type=PERIOD, help="Only this period (default: every period).")
@click.option("--role", help="Only this role's responses (default: every role).")
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=AsPath),
    callback=check_output,
    help="The bundle file to write (mode 0600); default: standard output.",
)
@db_option
@click.pass_context
def export_command(
    ctx: click.Context, survey_id: str, period: Period | None, role: str | None, output: Path | None
) -> None:
    """Write responses as a bundle another laptop can import (JSON with a SHA-256 checksum).

    Periods only one VP has submitted are sealed: they are left out unless --role names whose
    responses to carry, which says on stderr whose answers it opens early and records it.
    Example, the VP of Sales sending this month's answers to the CEO:

    \b
      gtm-pulse export --period 2026-11 --role sales --output dana-2026-11.json
    """
    from gtm_pulse.core.periods import resolve
    from gtm_pulse.services.sharing import build_export, export_openings

    survey = catalog().get(survey_id)
    chosen = resolve(period, survey.cadence) if period is not None else None
    snapshot = open_store(ctx).load(one_shot=True)
    if role is not None:
        early = export_openings(snapshot, survey, chosen, role)
        open_early(ctx, snapshot.require_team(), early)
    export = build_export(snapshot, survey, chosen, role)
    for sealed in export.left_out:
        click.echo(
            f"gtm-pulse: note: {survey.id} {sealed} left out: sealed until both VPs have "
            "submitted (a VP exports their own with --role)",
            err=True,
        )
    emit(export.text, output, what=f"{export.count} response(s) of {survey.id}")


@click.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=AsPath))
@click.option("--dry-run", is_flag=True, help="Say what would change; write nothing.")
@click.option(
    "--trust-new-keys",
    is_flag=True,
    help="Accept a signing key new to this database for a role that has one (a member who "
    "also answers on another laptop).",
)
@db_option
@click.pass_context
def import_command(
    ctx: click.Context, files: tuple[Path, ...], dry_run: bool, trust_new_keys: bool
) -> None:
    """Import bundles: all checked first, then all added at once, or nothing.

    Importing the same bundle twice changes nothing; a later revision of a stored response (an
    amendment) replaces it. A bundle of another team, whose checksum does not match, whose
    survey version is unknown here, or that holds a response that conflicts with one already
    stored for the same survey, period and role is refused with the reason. Example:

    \b
      gtm-pulse import dana-2026-11.json sam-2026-11.json
    """
    from gtm_pulse.services.sharing import import_bundles
    from gtm_pulse.store.bundles import read_bundle

    bundles = [read_bundle(path) for path in files]
    done = import_bundles(
        open_store(ctx), catalog(), bundles, trust_new_keys=trust_new_keys, dry_run=dry_run
    )
    added, amended, same = done.added, done.amended, done.same
    verb = "Would add" if dry_run else "Added"
    for response in added:
        click.echo(f"{verb} {show(' '.join(response.key))} ({show(response.respondent)})")
    for response in amended:
        click.echo(
            f"{'Would amend' if dry_run else 'Amended'} {show(' '.join(response.key))} to "
            f"revision {response.revision} ({show(response.respondent)})"
        )
    for response in same:
        click.echo(f"Already there: {show(' '.join(response.key))}")
    changed = f", {len(amended)} {'to amend' if dry_run else 'amended'}" if amended else ""
    if dry_run:
        click.echo(
            f"Dry run: {len(added)} to add{changed}, {len(same)} already there; nothing written."
        )
    else:
        click.echo(f"{len(added)} added{changed}, {len(same)} already there.")

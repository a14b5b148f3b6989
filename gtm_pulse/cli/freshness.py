"""``--sync`` for the commands that read the team's data (``compare``, ``status``,
``dashboard``): sync with the remembered remote first, then read what it brought.

The sync's one-line summary goes to stderr, so ``compare --format json`` stays valid JSON on
stdout; a sync that fails is its one error line and the command's exit, nothing else printed.
How fresh the data is afterwards is said by each command from the database alone
(:mod:`gtm_pulse.services.freshness`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import click

from gtm_pulse.cli.context import catalog, open_store
from gtm_pulse.cli.output import show

if TYPE_CHECKING:
    from gtm_pulse.store.snapshot import Snapshot

F = TypeVar("F", bound=Callable[..., object])


def sync_option(command: F) -> F:
    """``--sync``: sync with the remote first (see the module)."""
    return click.option(
        "--sync",
        "sync_first",
        is_flag=True,
        help="Sync with the team's remote first (its summary on stderr); a failed sync exits "
        "non-zero with one line.",
    )(command)


def sync_before(ctx: click.Context) -> None:
    """Sync this laptop with its remembered remote, printing the summary line on stderr."""
    from gtm_pulse.services.syncing import sync

    report = sync(open_store(ctx), catalog(), None)
    click.echo(show(report.summary()), err=True)


def say_freshness(snapshot: Snapshot) -> None:
    """Print how fresh ``snapshot``'s data is, one line, on a laptop that syncs (else nothing)."""
    from gtm_pulse.services.freshness import freshness_of

    fresh = freshness_of(snapshot)
    if fresh is not None:
        click.echo(show(fresh.line()))

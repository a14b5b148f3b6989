"""What one invocation of ``gtm-pulse`` shares between its options and its command.

``--db`` and ``--team`` may be given before or after the command; their callbacks keep them in
an :class:`Invocation` (``ctx.obj`` of the root context), where :func:`open_store` finds them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from pathlib import Path

    from gtm_pulse.core.models import Team
    from gtm_pulse.core.seal_rule import Opening
    from gtm_pulse.core.surveys import Catalog
    from gtm_pulse.store.database import Store
    from gtm_pulse.store.snapshot import Snapshot


@dataclass
class Invocation:
    """The state of one command line, kept in the root context's ``obj``."""

    db: Path | None = None
    """``--db`` (or ``$GTM_PULSE_DB``), wherever on the line it was given."""
    db_from: str | None = None
    """Which of them gave it, as its messages name it: ``"--db "`` or ``"GTM_PULSE_DB="``."""
    team: str | None = None
    """``--team`` (or ``$GTM_PULSE_TEAM``): the team of a database that holds several."""
    used: Path | None = None
    """The database this command opened: checked for its permissions once it is done."""


def invocation(ctx: click.Context) -> Invocation:
    """The :class:`Invocation` of ``ctx``'s command line (made on first use)."""
    return ctx.find_root().ensure_object(Invocation)


def open_store(ctx: click.Context) -> Store:
    """The store for this invocation: ``--db``, then ``$GTM_PULSE_DB``, then the default path.

    Remembered, so that a database other users can read gets a warning once the command is done.
    """
    from gtm_pulse.errors import DatabaseError

    store = unchecked_store(ctx)
    state = invocation(ctx)
    if _unreadable(store.path):
        given = state.db_from or "the default database "  # which of them set it
        what = "a folder" if store.path.is_dir() else "a file that cannot be read"
        raise DatabaseError(f"{given}{store.path} is {what}, not a gtm-pulse database file")
    state.used = store.path
    return store


def unchecked_store(ctx: click.Context) -> Store:
    """The store of :func:`open_store`, unchecked; its files are kept from any output."""
    from gtm_pulse.store.database import Store
    from gtm_pulse.store.files import keep_safe
    from gtm_pulse.store.paths import default_db_path

    state = invocation(ctx)
    store = Store(state.db or default_db_path(), team=state.team)
    keep_safe(*store.kept_files())  # no --output may replace the database or its companions
    return store


def _unreadable(path: Path) -> bool:
    """Whether ``path`` is a folder or an existing file its owner cannot read (by the mode
    bits too: root reads anything, but a file made unreadable is not one to use)."""
    import os
    import stat

    try:
        mode = path.stat().st_mode
    except OSError:
        return False  # none yet (init makes it), or one that reading reports
    if stat.S_ISDIR(mode):
        return True
    return not (mode & stat.S_IRUSR and os.access(path, os.R_OK))


def warn_if_shared(ctx: click.Context) -> None:
    """After a command that used the database: warn (once) if other users can read it.

    After, not before: a refused command says only what is wrong, and a file that is not a
    database gets no advice about its permissions.
    """
    state = invocation(ctx)
    path, state.used = state.used, None
    if path is None:
        return
    try:
        mode = path.stat().st_mode
    except OSError:
        return
    if mode & 0o077:
        click.echo(
            f"gtm-pulse: warning: {path} can be read by other users (mode {mode & 0o777:o}); "
            f"it holds candid answers: chmod 600 {path}",
            err=True,
        )


def catalog() -> Catalog:
    """The shipped surveys, read and validated only if the command asks for one."""
    from gtm_pulse.store.survey_files import LazyCatalog

    return LazyCatalog()


def require_database(store: Store) -> None:
    """Exit 1 saying there is nothing to compare when ``store`` has no database file yet."""
    from gtm_pulse.errors import NotReadyError

    if not store.exists():
        raise NotReadyError(
            f"nothing to compare yet: no gtm-pulse database at {store.path}; run "
            "'gtm-pulse init', then each VP takes the pulse"
        )


def snapshot_to_compare(ctx: click.Context, *, one_shot: bool = True) -> Snapshot:
    """The database, or exit 1 saying there is nothing to compare when there is none yet.

    ``one_shot``: the command exits once it has printed (see ``Store.load``).
    """
    store = open_store(ctx)
    require_database(store)
    return store.load(one_shot=one_shot)


def open_early(ctx: click.Context, team: Team, openings: list[Opening]) -> None:
    """Record each override that opens answers before the seal allowed, then say on stderr
    whose it opens. Recorded first: what cannot be recorded is not shown (the error exits)."""
    from gtm_pulse.cli.output import show

    store = open_store(ctx)
    for opening in openings:
        store.record_override(opening.override.to_json())  # its own locked write
        click.echo(f"gtm-pulse: note: {show(opening.note(team))}", err=True)

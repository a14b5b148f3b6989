"""Starting the TUIs: the pulse app and the offsite dashboard (textual is imported only here)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import click

from gtm_pulse.cli.context import catalog, open_store

if TYPE_CHECKING:
    from gtm_pulse.core.periods import Period
    from gtm_pulse.services.board import Board
    from gtm_pulse.store.database import Store


def require_terminal(what: str, instead: str) -> None:
    """Refuse, as a usage error (one line, exit 2), unless stdin and stdout are a terminal.

    The one check every TUI command makes before it starts textual: without a terminal an app
    never gets a key and draws into whatever stdout is (issue 14: ``take --role sales
    </dev/null`` ran for 7 minutes of CPU, drawing into stderr). ``instead`` says what works.
    """
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise click.UsageError(f"{what} needs a terminal; {instead}")


def run_tui(ctx: click.Context, start: Any) -> None:
    """Run the pulse TUI (the only place textual is imported: ~300 ms).

    The CEO's "dashboard" entry at home ends the pulse app with the dashboard's board: the
    dashboard is an app of its own, so it runs here, and quitting it comes back home.
    """
    import gc

    # The collector rests while textual is imported and the first screen is built: collections
    # there mostly scan objects that live as long as the app (~7 ms of the start). PulseApp
    # sets it going again once that screen is drawn; if it never gets there, this does.
    gc.disable()
    try:
        from gtm_pulse.tui.app import PulseApp

        store = open_store(ctx)
        # A broken database: a one-line error here, not a traceback in the TUI. The app draws
        # its first screen from what was read: the file is read once before it shows.
        snapshot = store.load() if store.exists() else None
        app = PulseApp(store, catalog(), start, snapshot)
        board = app.run()
    finally:
        gc.enable()
    while board is not None:
        run_dashboard(board)
        app = PulseApp(store, catalog())  # back home; the survey asked for was opened already
        board = app.run()
    if app.return_code:
        sys.exit(app.return_code)


def board_of(store: Store, survey_id: str, period: Period | None, pair: tuple[str, str]) -> Board:
    """The dashboard's data; refuses (exit 1) a period only one side submitted, like compare."""
    from gtm_pulse.core.periods import today
    from gtm_pulse.services.board import Board

    return Board(store, catalog(), survey_id, today(), period, pair)


def run_dashboard(board: Any) -> None:
    """Run the dashboard TUI on ``board`` (textual is imported here only: ~300 ms), the
    collector resting until its first screen is drawn, as in ``run_tui``."""
    import gc

    gc.disable()
    try:
        from gtm_pulse.tui.dashboard.app import DashboardApp

        DashboardApp(board).run()
    finally:
        gc.enable()

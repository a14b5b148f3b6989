"""A child of the benchmark: start the offsite dashboard, wait until it takes keys, quit.

    python benchmarks/dashboard_probe.py DB [TEAM]    the dashboard, as 'gtm-pulse dashboard'
    python benchmarks/tui_probe.py minimal            a Textual app with one Static: the floor
    python benchmarks/dashboard_probe.py floor [M...] that app after importing modules M (by
                                                      default what the dashboard imports
                                                      beyond textual: its honest floor)

Modelled on :mod:`benchmarks.tui_probe` and timed the same way: the probe prints
``READY <wall-clock time>`` of the moment the app went idle with its first screen drawn (headless,
80x24), and the parent counts from its launch to it. ``TEAM`` picks one team of a database that
holds several (the 100k-response one), as ``--team`` does.
"""

from __future__ import annotations

import sys

#: The libraries 'gtm-pulse dashboard' imports that a one-Static Textual app does not (checked
#: with ``sys.modules`` at the end of a run); home imports the first three.
LIBRARIES = ("click", "tinydb", "orjson", "plotext", "textual_plotext")


def main() -> None:
    from tui_probe import _ready  # this folder is the script's: sys.path[0]

    if sys.argv[1] == "floor":
        import importlib

        for name in sys.argv[2:] or LIBRARIES:
            importlib.import_module(name)
        sys.argv[1:] = ["minimal"]
        from tui_probe import main as minimal

        minimal()
        return

    # What 'gtm-pulse dashboard' does before its TUI shows: the CLI's command module, the
    # board (one read of the database, the review of the period shown) and the app.
    import gtm_pulse.cli.reports  # noqa: F401  # the module behind 'gtm-pulse dashboard'
    from gtm_pulse.core.periods import today
    from gtm_pulse.services.board import Board
    from gtm_pulse.store.database import Store
    from gtm_pulse.store.survey_files import LazyCatalog

    store = Store(sys.argv[1], team=sys.argv[2] if len(sys.argv) > 2 else None)
    board = Board(store, LazyCatalog(), "monthly-pulse", today())
    import gc

    gc.disable()  # as run_dashboard does, before textual is imported
    from gtm_pulse.tui.dashboard.app import DashboardApp

    DashboardApp(board).run(headless=True, size=(80, 24), auto_pilot=_ready)


if __name__ == "__main__":
    main()

"""Starting the pulse TUI: the collector 'run_tui' stops for the start runs again afterwards."""

from __future__ import annotations

import gc

from gtm_pulse.store import Store
from tests.tui.driving import make_app


async def test_the_collector_runs_again_once_the_first_screen_is_drawn(store: Store) -> None:
    frozen = gc.get_freeze_count()  # other tests' one-shot reads may have frozen some
    gc.disable()  # as run_tui does before importing textual
    try:
        async with make_app(store, role=None).run_test() as pilot:
            await pilot.pause()
            assert gc.isenabled()
            assert gc.get_freeze_count() > frozen  # the start's objects, out of later scans
    finally:
        gc.enable()


async def test_an_app_started_with_the_collector_on_leaves_it_alone(store: Store) -> None:
    frozen = gc.get_freeze_count()
    async with make_app(store, role=None).run_test() as pilot:
        await pilot.pause()
        assert gc.isenabled() and gc.get_freeze_count() <= frozen  # frozen ones may die

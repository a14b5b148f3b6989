"""Starting the pulse TUI: the collector 'run_tui' stops for the start runs again afterwards,
and what the start made is handed back to it soon after."""

from __future__ import annotations

import gc

import pytest

from gtm_pulse.store.database import Store
from gtm_pulse.tui import collector
from tests.tui.driving import make_app


async def test_the_collector_runs_again_once_the_first_screen_is_drawn(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(collector, "UNFREEZE_AFTER_S", 0.1)
    gc.unfreeze()  # other tests' one-shot reads may have frozen some: start from none
    gc.disable()  # as run_tui does before importing textual
    try:
        async with make_app(store, role=None).run_test() as pilot:
            await pilot.pause()
            assert gc.isenabled()
            assert gc.get_freeze_count() > 0  # the start's objects, out of the first scans
            await pilot.pause(0.3)
            assert gc.get_freeze_count() == 0  # handed back: nothing of the start is kept
    finally:
        gc.unfreeze()
        gc.enable()


async def test_an_app_started_with_the_collector_on_leaves_it_alone(store: Store) -> None:
    gc.unfreeze()
    async with make_app(store, role=None).run_test() as pilot:
        await pilot.pause()
        assert gc.isenabled() and gc.get_freeze_count() == 0

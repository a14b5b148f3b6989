"""The dashboard's header says how fresh its data is on a laptop that syncs (issue 17)."""

from __future__ import annotations

import re
from pathlib import Path

from textual.widgets import Static

from gtm_pulse.store.sync_seen import LaptopSeen
from tests.tui.dashboard_data import dashboard, demo_store


def header(app) -> str:
    return str(app.query_one("#dash-header", Static).render())


async def test_the_header_ends_with_when_this_laptop_last_synced(tmp_path: Path) -> None:
    store = demo_store(tmp_path)
    state = store.remember_sync(remote=str(tmp_path / "shared"), synced=True)
    assert state.laptop is not None
    store.remember_seen([LaptopSeen(state.laptop, "ceo", state.last_sync or "")], [])
    app = dashboard(store)
    async with app.run_test(size=(160, 36)):
        assert re.search(r" · synced 2026-11-15 \d\d:\d\d UTC$", header(app)), header(app)


async def test_without_a_remote_the_header_says_nothing_of_syncing(tmp_path: Path) -> None:
    app = dashboard(demo_store(tmp_path))
    async with app.run_test(size=(160, 36)):
        assert "synced" not in header(app)

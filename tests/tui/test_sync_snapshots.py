"""Snapshots of joining a shared team from set-up (issue 17), at 80x24 and at 120x40.

Update after a deliberate change with ``pytest tests/tui/test_sync_snapshots.py
--snapshot-update`` and look at the SVGs in ``__snapshots__`` before committing them.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from gtm_pulse.core.models import Team
from gtm_pulse.core.surveys import Catalog
from gtm_pulse.store.database import Store
from tests.services.test_syncing import Laptop
from tests.tui.driving import make_app
from tests.tui.test_snapshots import steady_cursor  # noqa: F401  (autouse: no blinking cursor)

SMALL, LARGE = (80, 24), (120, 40)


@pytest.fixture
def new_laptop(monkeypatch: pytest.MonkeyPatch) -> Store:
    """A laptop with no database yet, whose path the screens name: the per-user default under
    a fixed home (never written), not pytest's numbered folder, so the snapshots stay the same."""
    monkeypatch.setenv("HOME", "/home/dana")
    return Store("~/.local/share/gtm-pulse/pulse.json")


async def to_join_form(pilot) -> None:
    await pilot.click("#setup-join")  # set-up's other way in
    await pilot.pause()


def test_set_up_offers_to_join_at_120x40(snap_compare, new_laptop: Store) -> None:
    # The join button one row under Save, as at 80x24 (test_snapshots.test_setup_for_a_new_team).
    assert snap_compare(make_app(new_laptop, role=None), terminal_size=LARGE)


def test_the_join_form(snap_compare, new_laptop: Store) -> None:
    # Sales or Marketing offered until the shared team is read; the database's path named.
    app = make_app(new_laptop, role=None)
    assert snap_compare(app, run_before=to_join_form, terminal_size=SMALL)


def test_the_join_form_at_120x40(snap_compare, new_laptop: Store) -> None:
    app = make_app(new_laptop, role=None)
    assert snap_compare(app, run_before=to_join_form, terminal_size=LARGE)


def test_the_join_form_with_the_shared_team_read(
    snap_compare,
    new_laptop: Store,
    tmp_path: Path,
    catalog: Catalog,
    team: Team,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The CEO published the team in ./shared (relative: the snapshot shows no tmp path).
    ceo = Laptop(tmp_path / "ceo", catalog)
    ceo.store.init(team)
    (tmp_path / "shared").mkdir()
    ceo.sync(str(tmp_path / "shared"))
    monkeypatch.chdir(tmp_path)

    async def read_the_team(pilot) -> None:
        await to_join_form(pilot)
        await pilot.press(*"shared", "enter")  # reads the team: its seats, by name
        while any(not worker.is_finished for worker in pilot.app.workers):
            await asyncio.sleep(0.02)
        await pilot.pause()
        await pilot.press("down")  # the cursor on Marketing's seat (Sales' still chosen)

    app = make_app(new_laptop, role=None)
    assert snap_compare(app, run_before=read_the_team, terminal_size=SMALL)

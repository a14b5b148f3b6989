"""What the pulse TUI reads before its first screen: the database once (as ``run_tui`` read it),
and no sync at all on a laptop that never shared (issue 18: a 100k-response database was
parsed three times before home showed, and once more by the start's sync check)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gtm_pulse.core.surveys import Catalog
from gtm_pulse.services import background_sync
from gtm_pulse.services.syncing import join
from gtm_pulse.store import database, sync_state
from gtm_pulse.store.database import Store
from gtm_pulse.tui.app import PulseApp
from gtm_pulse.tui.screens.home import HomeScreen
from tests.services.test_syncing import Laptop
from tests.tui.test_sync import ceo, folder, notices, settle  # noqa: F401  # fixtures

SIZE = (80, 24)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every whole read of a database file, by the store's reads and the sync's check."""
    seen: list[Path] = []
    for module, name in ((database, "read_database_bytes"), (sync_state, "read_database")):
        real = getattr(module, name)

        def counted(path: Path, *args: Any, real: Any = real, **kwargs: Any) -> Any:
            seen.append(path)
            return real(path, *args, **kwargs)

        monkeypatch.setattr(module, name, counted)
    return seen


async def test_home_is_drawn_from_the_one_read_run_tui_made(
    store: Store, catalog: Catalog, reads: list[Path]
) -> None:
    snapshot = store.load()  # run_tui's read, which refuses a broken database in one line
    app = PulseApp(store, catalog, None, snapshot)
    async with app.run_test(size=SIZE):
        await settle(app)
        assert isinstance(app.screen, HomeScreen)
    assert reads == [store.path]


async def test_a_laptop_without_a_remote_starts_no_sync(
    store: Store, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[Store] = []
    monkeypatch.setattr(background_sync, "sync_if_shared", lambda store, _: asked.append(store))
    async with PulseApp(store, catalog, None, store.load()).run_test(size=SIZE) as pilot:
        await settle(app := pilot.app)
        assert asked == [] and notices(app) == []  # type: ignore[arg-type]


async def test_a_laptop_with_a_remote_syncs_at_the_start(
    db_path: Path,
    catalog: Catalog,
    folder: Path,  # noqa: F811
    ceo: Laptop,  # noqa: F811
) -> None:
    sales = Store(db_path)
    join(sales, catalog, str(folder), "sales")
    app = PulseApp(sales, catalog, None, sales.load())
    async with app.run_test(size=SIZE):
        await settle(app)
        assert notices(app) == [
            f"Synced with {folder}: 0 published, 0 imported, 0 waiting, 0 skipped."
        ]

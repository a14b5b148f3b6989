"""The dashboard builds the view shown first, and each other view when it is first shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Static, TabbedContent

from gtm_pulse.store.database import Store
from gtm_pulse.tui.dashboard.views import View
from tests.tui.dashboard_data import dashboard, demo_store

SIZE = (120, 36)


@pytest.fixture
def demo(tmp_path: Path) -> Store:
    return demo_store(tmp_path)


def built(app) -> list[str]:
    return [view.name for view in app.query(View)]


async def test_the_first_screen_builds_the_overview_only(demo: Store) -> None:
    app = dashboard(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert built(app) == ["overview"]
        assert len(list(app.query("*"))) < 70  # all nine views built at start made 124


async def test_a_view_is_drawn_for_the_period_shown_when_it_is_first_opened(demo: Store) -> None:
    app = dashboard(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("left_square_bracket")  # an earlier period, before Items is built
        await pilot.pause()
        period = str(app.board.period)
        await pilot.press("3")
        await pilot.pause()
        assert built(app) == ["overview", "items"]
        shown = app.board.items()
        table = app.query_one("#items-table", DataTable)
        assert table.row_count == len(shown)
        assert table.coordinate_to_cell_key((0, 0)).row_key.value == shown[0].question_id
        assert str(app.query_one("#dash-header", Static).render()).startswith(period)


async def test_a_tab_chosen_with_the_mouse_builds_its_view(demo: Store) -> None:
    app = dashboard(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#--content-tab-trend")
        await pilot.pause()
        assert app.query_one(TabbedContent).active == "trend"
        assert "trend" in built(app)
        assert app.query_one("#view-trend", View).query("Chart")


async def test_d_before_the_agenda_was_shown_builds_it_and_asks_for_a_pick(demo: Store) -> None:
    app = dashboard(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        await pilot.pause()
        assert app.query_one(TabbedContent).active == "agenda"
        assert app.focused is app.query_one("#commitments-table", DataTable)
        assert [n.message for n in app._notifications][-1].startswith("Pick a commitment")

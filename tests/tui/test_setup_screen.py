"""The first-run set-up screen at 80x24: every part on screen, the keys said, the file named
(issue 14, item 8)."""

from __future__ import annotations

from pathlib import Path

from textual.content import Content
from textual.widgets import Button, Static

from gtm_pulse.store.database import Store
from gtm_pulse.tui.screens.home import HomeScreen
from gtm_pulse.tui.screens.setup import SetupScreen
from gtm_pulse.tui.widgets.keybar import KeyBar
from tests.tui.driving import make_app, screen_text

SIZE = (80, 24)


def shown(static: Static) -> str:
    """The words a Static shows, whatever the width wraps them to."""
    visual = static.visual
    assert isinstance(visual, Content)
    return visual.plain


async def test_at_80x24_the_save_button_is_whole_on_screen(db_path: Path) -> None:
    # db_path is a long pytest folder: its line wraps, as a real data folder's may.
    app = make_app(Store(db_path), role=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SetupScreen)
        button = screen.query_one("#setup-save", Button)
        where = screen.find_widget(button)
        assert where.visible_region == where.region  # no row of it clipped by its container
        assert screen.region.contains_region(where.region)
        assert where.region.bottom <= screen.query_one(KeyBar).region.y  # above the key bar


async def test_the_set_up_screen_says_tab_moves_between_fields(db_path: Path) -> None:
    app = make_app(Store(db_path), role=None)
    async with app.run_test(size=SIZE) as pilot:
        assert "Tab moves between the fields." in screen_text(app)
        await pilot.press("tab")  # from the company...
        assert app.focused is not None and app.focused.id == "setup-sales"  # ...to the next


async def test_the_set_up_screen_says_where_the_team_will_be_saved(db_path: Path) -> None:
    app = make_app(Store(db_path), role=None)
    async with app.run_test(size=SIZE):
        path = app.screen.query_one("#setup-path", Static)
        assert shown(path) == f"The team will be saved in {db_path}"
        assert path.region.height >= 1 and app.screen.region.contains_region(path.region)


async def test_after_saving_it_says_where_the_database_is(db_path: Path) -> None:
    app = make_app(Store(db_path), role=None)
    async with app.run_test(size=SIZE) as pilot:
        for text in ("Northwind", "Dana", "Sam", "Alex"):
            await pilot.press(*text, "enter")  # Enter on the CEO's field saves
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert [n.message for n in app._notifications] == [f"Team Northwind saved in {db_path}"]
    assert Store(db_path).load().team.company == "Northwind"


async def test_at_80x24_the_join_button_is_whole_even_under_an_error(db_path: Path) -> None:
    app = make_app(Store(db_path), role=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#setup-save")  # nothing typed: an error line above the buttons
        await pilot.pause()
        screen = app.screen
        assert shown(screen.query_one("#setup-error", Static))
        where = screen.find_widget(screen.query_one("#setup-join", Button))
        assert where.visible_region == where.region
        assert where.region.bottom <= screen.query_one(KeyBar).region.y

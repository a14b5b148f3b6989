"""The key bar: the keys that work on the focused widget, kept current, and clickable."""

from __future__ import annotations

from typing import Any

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Input, OptionList, Static

from gtm_pulse.store.database import Store
from gtm_pulse.tui.screens.choice import ChoiceScreen
from gtm_pulse.tui.screens.take import TakeScreen
from gtm_pulse.tui.widgets.keybar import KeyBar
from tests.tui.driving import answer_pages, make_app


class Pad(Static, can_focus=True):
    """A focusable widget with a key of its own."""

    BINDINGS = [Binding("d", "done", "Done")]


class Keys(App[None]):
    """A widget with a key of its own, a text input, and app keys: shown, hidden, disabled."""

    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("x", "secret", "Secret", show=False),
        Binding("s", "save", "Save"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.bells = 0
        self.saved = 0

    def compose(self) -> ComposeResult:
        yield Pad("pad", id="pad")
        yield Input(id="input")
        yield KeyBar()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "save" else True  # None: shown, but disabled

    def action_save(self) -> None:
        self.saved += 1

    def bell(self) -> None:
        self.bells += 1


def shown(app: App[Any]) -> str:
    """The bar's line on the screen now (each screen has its own bar)."""
    return app.screen.query_one(KeyBar).render().plain


async def test_the_bar_names_the_shown_keys_of_the_focused_widget_and_the_app() -> None:
    app = Keys()
    async with app.run_test(size=(80, 8)) as pilot:
        app.query_one("#pad", Pad).focus()
        await pilot.pause()
        line = shown(app)
        assert line.startswith(" d Done  q Quit  s Save ")
        assert "Secret" not in line
        assert line.rstrip().endswith("▏^p palette")
        assert len(line) == 80


async def test_the_bar_follows_the_focus() -> None:
    app = Keys()
    async with app.run_test(size=(80, 8)) as pilot:
        app.query_one("#pad", Pad).focus()
        await pilot.pause()
        assert shown(app).startswith(" d Done  q Quit  s Save ")
        app.query_one("#input", Input).focus()
        await pilot.pause()
        # A text input takes printable keys, so their bindings no longer apply: the bar says so.
        assert shown(app).strip() == "▏^p palette"


async def test_a_click_on_a_key_presses_it_and_a_disabled_key_rings_the_bell() -> None:
    app = Keys()
    async with app.run_test(size=(80, 8)) as pilot:
        app.query_one("#pad", Pad).focus()
        await pilot.pause()
        await pilot.click(KeyBar, offset=(17, 0))  # " d Done  q Quit  s Save ": the 's'
        await pilot.pause()
        assert (app.saved, app.bells) == (0, 1)
        await pilot.click(KeyBar, offset=(9, 0))  # the 'q'
        await pilot.pause()
        assert app.return_code == 0 and not app.is_running


async def test_each_pulse_page_shows_its_keys_and_a_click_moves_on(store: Store) -> None:
    app = make_app(store)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TakeScreen)
        # n/a and the dimension's comment have keys of their own; it all fits in 80 columns
        line = " 1-9 Answer  0 n/a  n Next  p Previous  c Comment  r Review  esc Home  q Quit "
        assert shown(app) == line
        await pilot.press("4")
        await pilot.pause()
        assert app.screen.index == 1
        start = shown(app).index(" n Next")
        await pilot.click(KeyBar, offset=(start + 1, 0))
        await pilot.pause()
        assert app.screen.index == 2


async def test_a_follow_up_page_offers_no_n_a_and_no_comment_key(
    store: Store,
) -> None:
    # Given a commitment due: its follow-up (a single choice, Commitments asks no comment) is first
    store.add_commitment("One written lead definition", "marketing", "2026-11")
    app = make_app(store)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.screen.page.question.kind == "single"
        assert shown(app).startswith(" 1-9 Answer  n Next  p Previous  r Review  esc Home")
        await pilot.press("0", "c")  # neither answers nor opens anything
        await pilot.pause()
        assert isinstance(app.screen, TakeScreen) and app.screen.session.answers == {}


async def test_a_narrow_bar_cuts_the_line_rather_than_wrapping_it() -> None:
    app = Keys()
    async with app.run_test(size=(20, 8)) as pilot:
        app.query_one("#pad", Pad).focus()
        await pilot.pause()
        bar = app.query_one(KeyBar)
        # Wrapped at a word, the one row would end "s " with "Save" on a row that is not shown.
        assert bar.render_line(0).text == " d Done  q Quit  s S"


async def test_the_bar_stays_when_a_widget_is_maximised(store: Store) -> None:
    app = make_app(store, role=None)
    async with app.run_test() as pilot:
        await pilot.pause()
        entries = app.screen.query_one("#home-entries", OptionList)
        app.screen.maximize(entries)
        await pilot.pause()
        assert app.screen.maximized is entries
        bar = app.screen.query_one(KeyBar)
        assert bar.region.height == 1  # still laid out, on screen
        assert bar.render_line(0).text.startswith(" q Quit ")


async def test_a_dialog_names_its_own_keys_and_tab_never_rests_on_the_page(store: Store) -> None:
    app = make_app(store)
    async with app.run_test() as pilot:
        await pilot.pause()
        seen = set()
        for _ in range(6):  # round the page twice: the answer list, Next and Review
            await pilot.press("tab")
            await pilot.pause()
            seen.add(app.focused.id if app.focused else None)
            assert shown(app).startswith(" ") and " n Next " in shown(app)  # keys that work
        assert seen == {"picker", "take-next", "take-review"}  # Previous is off on page 1
    async with make_app(store).run_test() as pilot:
        await answer_pages(pilot)
        await pilot.press("s")  # the review's confirmation dialog
        await pilot.pause()
        assert isinstance(pilot.app.screen, ChoiceScreen)
        assert shown(pilot.app).strip() == "esc Cancel"

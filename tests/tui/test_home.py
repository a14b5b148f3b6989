"""The home screen: each VP's way in, the CEO's (status, comparison, dashboard), and where the
cursor starts (issue 14, item 6)."""

from __future__ import annotations

import click
import pytest
from textual.widgets import OptionList

from gtm_pulse.core.asking import asked_survey
from gtm_pulse.core.models import Draft, Survey, Team
from gtm_pulse.core.periods import parse_period, today
from gtm_pulse.core.surveys import Catalog
from gtm_pulse.report import render
from gtm_pulse.services.board import Board
from gtm_pulse.services.comparing import build_review
from gtm_pulse.store.database import Store
from gtm_pulse.tui.app import PulseApp
from gtm_pulse.tui.messages import OpenDashboard, ShowComparison
from gtm_pulse.tui.screens.comparison import ComparisonScreen
from gtm_pulse.tui.screens.home import HomeScreen
from tests.helpers import full_answers, submit_everything_due, submit_one, submit_pair
from tests.tui.driving import make_app, screen_text


def entries(app: PulseApp) -> OptionList:
    return app.screen.query_one("#home-entries", OptionList)


def highlighted_id(app: PulseApp) -> str:
    """The id of the entry under the cursor: ``take|ROLE|SURVEY|PERIOD``, ``compare|...``."""
    listing = entries(app)
    assert listing.highlighted is not None
    return listing.get_option_at_index(listing.highlighted).id or ""


def choose(app: PulseApp, option_id: str) -> None:
    """Put the cursor on the entry ``option_id`` (Enter then opens it)."""
    listing = entries(app)
    ids = [listing.get_option_at_index(i).id for i in range(listing.option_count)]
    listing.highlighted = ids.index(option_id)


@pytest.fixture
def pair_team(store: Store) -> Store:
    """The store with a team of the two VPs only: no third role with surveys of its own due."""
    store.init(Team(company="Acme", members={"sales": "Dana", "marketing": "Sam", "ceo": "Alex"}),
               replace=True)  # fmt: skip
    return store


# -- the CEO's entries --------------------------------------------------------------------------


async def test_the_ceo_entries_say_who_has_submitted_each_survey(
    store: Store, monthly: Survey
) -> None:
    submit_one(store, monthly, "2026-11", "marketing", full_answers(monthly, "marketing"))
    async with make_app(store, role=None).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(pilot.app)
    assert "I am the CEO: Alex Morgan" in text
    assert "Compare Monthly pulse · 2026-11 · waiting for Sales (Dana Ortiz)" in text
    assert "Compare Quarterly deep dive · 2026-Q4 · waiting for both VPs" in text


async def test_a_sealed_comparison_says_who_is_missing_and_opens_nothing(
    store: Store, monthly: Survey
) -> None:
    submit_one(store, monthly, "2026-11", "marketing", full_answers(monthly, "marketing"))
    posted: list[object] = []
    app = make_app(store, role=None)
    async with app.run_test(message_hook=posted.append) as pilot:
        choose(app, "compare|monthly-pulse|2026-11")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)  # the seal holds
        assert [n.message for n in app._notifications] == [
            "Monthly pulse 2026-11 stays sealed until both VPs submit: "
            "Marketing (Sam Lee) has, Sales (Dana Ortiz) has not."
        ]
    assert not [m for m in posted if isinstance(m, ShowComparison)]


async def test_once_both_vps_submitted_the_comparison_opens_as_compare_prints_it(
    store: Store, monthly: Survey, catalog: Catalog
) -> None:
    submit_pair(store, monthly, "2026-11", full_answers(monthly, "sales", seed=1),
                full_answers(monthly, "marketing", seed=2))  # fmt: skip
    posted: list[object] = []
    app = make_app(store, role=None)
    async with app.run_test(size=(80, 24), message_hook=posted.append) as pilot:
        assert "Compare Monthly pulse · 2026-11 · both VPs submitted" in screen_text(app)
        choose(app, "compare|monthly-pulse|2026-11")
        await pilot.press("enter")  # Enter on the CEO's comparison entry
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ComparisonScreen)
        review = build_review(
            store.load(), catalog, "monthly-pulse", parse_period("2026-11"), today()
        )
        assert screen.shown == render(review, "text", 75)  # compare's own text, 80 - 5 wide
        await pilot.press("f")  # every section, as 'compare --full'
        assert screen.shown == render(review, "text", 75, full=True)
        await pilot.press("escape")  # back home
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert ShowComparison("monthly-pulse", "2026-11") in posted


async def test_the_dashboard_entry_ends_the_app_with_the_board_to_open(
    store: Store, monthly: Survey
) -> None:
    submit_pair(store, monthly, "2026-10", full_answers(monthly, "sales"),
                full_answers(monthly, "marketing"))  # fmt: skip
    posted: list[object] = []
    app = make_app(store, role=None)
    async with app.run_test(message_hook=posted.append) as pilot:
        assert "Dashboard · every month both VPs submitted, latest 2026-10" in screen_text(app)
        choose(app, "dashboard|monthly-pulse")
        await pilot.press("enter")
        await pilot.pause()
    assert OpenDashboard("monthly-pulse") in posted
    board = app.return_value
    assert isinstance(board, Board) and board.period == "2026-10"  # the latest complete month


async def test_before_any_complete_month_the_dashboard_entry_says_so(store: Store) -> None:
    app = make_app(store, role=None)
    async with app.run_test() as pilot:
        choose(app, "dashboard|monthly-pulse")
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, HomeScreen)
        assert [n.message for n in app._notifications] == [
            "The dashboard opens once both VPs have submitted the same month's pulse."
        ]


def test_run_tui_runs_the_dashboard_the_home_screen_asked_for_then_comes_home(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gtm_pulse.cli import cli, launch

    board = object()
    results = [board, None]  # the first home ends with the dashboard; the second with q
    monkeypatch.setattr(PulseApp, "run", lambda self: results.pop(0))
    shown: list[object] = []
    monkeypatch.setattr(launch, "run_dashboard", shown.append)
    with click.Context(cli) as ctx:
        launch.run_tui(ctx, None)
    assert shown == [board] and results == []


# -- where the cursor starts, and where it goes -------------------------------------------------


async def test_the_cursor_starts_on_a_draft_in_progress(store: Store, catalog: Catalog) -> None:
    quarterly = catalog.get("quarterly-deep-dive")
    store.save_draft(Draft(survey_id=quarterly.id, survey_version=quarterly.version,
                           role="marketing", period="2026-Q4",
                           answers={quarterly.questions[0].id: 3}))  # fmt: skip
    app = make_app(store, role=None)
    async with app.run_test():
        assert highlighted_id(app) == "take|marketing|quarterly-deep-dive|2026-Q4"


async def test_the_cursor_starts_on_the_survey_due_soonest_that_is_not_submitted(
    store: Store, monthly: Survey
) -> None:
    # Sales has submitted the month: Marketing's month is due before anyone's quarter.
    submit_one(store, monthly, "2026-11", "sales", full_answers(monthly, "sales"))
    app = make_app(store, role=None)
    async with app.run_test():
        assert highlighted_id(app) == "take|marketing|monthly-pulse|2026-11"


async def test_once_everyone_submitted_the_cursor_starts_on_the_comparison(
    pair_team: Store, catalog: Catalog
) -> None:
    submit_everything_due(pair_team, catalog)
    app = make_app(pair_team, role=None)
    async with app.run_test():
        assert highlighted_id(app) == "compare|monthly-pulse|2026-11"


async def test_up_on_the_first_entry_stays_there(store: Store) -> None:
    app = make_app(store, role=None)
    async with app.run_test() as pilot:
        assert highlighted_id(app) == "take|sales|monthly-pulse|2026-11"
        await pilot.press("up")  # above it is only the heading "I am the VP of Sales"
        assert highlighted_id(app) == "take|sales|monthly-pulse|2026-11"  # not the last line
        await pilot.press("end", "down")
        assert highlighted_id(app) == "dashboard|monthly-pulse"  # Down on the last stays too


async def test_the_quarterly_entry_says_what_it_is_and_when_it_is_due(
    store: Store, catalog: Catalog
) -> None:
    # The counts are the pages the VP will answer: every question and, for a VP, each guess.
    quarterly = len(asked_survey(catalog.get("quarterly-deep-dive"), "sales").questions)
    monthly = len(asked_survey(catalog.get("monthly-pulse"), "sales").questions)
    async with make_app(store, role=None).run_test(size=(80, 24)) as pilot:
        text = screen_text(pilot.app)
    assert f"Quarterly deep dive · {quarterly} answers · due by the end of 2026-Q4" in text
    assert f"Monthly pulse · {monthly} answers · due by the end of 2026-11" in text

"""The pulse TUI with a remote (issue 17): it syncs when it starts and after a submission, in a
worker thread, and joins a shared team from its set-up screen.

The remote is a real folder in tmp_path; the CEO's laptop (a database, keys folder and cache of
its own) publishes the team with the real sync first. The app's laptop is the test's database.
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import Button, Input, RadioSet, Static

from gtm_pulse.core.models import Survey, Team
from gtm_pulse.core.surveys import Catalog
from gtm_pulse.services.syncing import join, sync
from gtm_pulse.store.database import Store
from gtm_pulse.tui.app import PulseApp
from gtm_pulse.tui.screens.home import HomeScreen
from gtm_pulse.tui.screens.join import JoinScreen
from gtm_pulse.tui.screens.setup import SetupScreen
from gtm_pulse.tui.screens.submitted import SubmittedScreen
from tests.helpers import full_answers, submit_one
from tests.services.test_syncing import Laptop, submits
from tests.tui.driving import answer_pages, make_app, screen_text
from tests.tui.test_take import submit_from_review

SIZE = (80, 24)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The shared folder every laptop syncs with."""
    shared = tmp_path / "shared"
    shared.mkdir()
    return shared


@pytest.fixture
def ceo(tmp_path: Path, catalog: Catalog, team: Team, folder: Path) -> Laptop:
    """The CEO's laptop, which set up the team and published it (init, then sync)."""
    laptop = Laptop(tmp_path / "ceo", catalog)
    laptop.store.init(team)
    laptop.sync(str(folder))
    return laptop


def notices(app: PulseApp) -> list[str]:
    return [notification.message for notification in app._notifications]


async def settle(app: PulseApp) -> None:
    """Wait for the app's workers (a sync, a join) and for what their ends post."""
    for _ in range(3):  # a worker started after a refresh; its end's message; what it posts
        await app.wait_for_refresh()
        while any(not worker.is_finished for worker in app.workers):  # any node's, failed too
            await asyncio.sleep(0.02)
        await app._animator.wait_until_complete()


async def open_join_form(pilot) -> None:
    assert isinstance(pilot.app.screen, SetupScreen)
    await pilot.click("#setup-join")
    await pilot.pause()
    assert isinstance(pilot.app.screen, JoinScreen)


# -- joining from the set-up screen --------------------------------------------------------------


async def test_joining_from_the_set_up_screen_makes_the_database(
    db_path: Path, folder: Path, ceo: Laptop
) -> None:
    app = make_app(Store(db_path), role=None)
    async with app.run_test(size=SIZE) as pilot:
        await open_join_form(pilot)
        await pilot.press(*str(folder), "enter")  # reads the team the CEO published
        await settle(app)
        assert "Northwind Analytics: whose seat is this laptop's?" in screen_text(app)
        assert "VP of Marketing: Sam Lee" in screen_text(app)
        await pilot.press("down", "enter")  # Marketing's seat, and Enter joins as it
        await settle(app)
        assert isinstance(app.screen, HomeScreen)
        assert notices(app)[0] == "Joined Northwind Analytics as the VP of Marketing, Sam Lee."
        assert notices(app)[1].startswith(f"Synced with {folder}: 0 published, 0 imported")
    joined = Store(db_path)
    assert joined.load().require_team().company == "Northwind Analytics"
    assert joined.sync_state().role == "marketing"
    assert joined.sync_state().remote == str(folder)


async def test_the_seat_the_arrow_moved_to_is_the_one_the_join_button_takes(
    db_path: Path, folder: Path, ceo: Laptop
) -> None:
    # Down only highlighted Marketing's seat: Tab and Enter then joined as Sales.
    app = make_app(Store(db_path), role=None)
    async with app.run_test(size=SIZE) as pilot:
        await open_join_form(pilot)
        await pilot.press(*str(folder), "enter")
        await settle(app)
        await pilot.press("down", "tab", "enter")  # Marketing's seat, then the Join button
        await settle(app)
        assert notices(app)[0] == "Joined Northwind Analytics as the VP of Marketing, Sam Lee."
    assert Store(db_path).sync_state().role == "marketing"


async def test_a_remote_changed_after_its_team_was_read_is_read_before_joining(
    db_path: Path, folder: Path, ceo: Laptop, tmp_path: Path
) -> None:
    # The seats shown were the first remote's: Join on another one asked nothing of it.
    other = tmp_path / "other"
    other.mkdir()
    app = make_app(Store(db_path), role=None)
    async with app.run_test(size=SIZE) as pilot:
        await open_join_form(pilot)
        await pilot.press(*str(folder), "enter")
        await settle(app)
        app.screen.query_one("#join-remote", Input).value = str(other)
        await pilot.click("#join-go")
        await settle(app)
        assert isinstance(app.screen, JoinScreen)
        said = str(app.screen.query_one("#join-error", Static).render())
        assert said == f"The seats shown are {folder}'s: press Enter to read this one."
    assert not db_path.exists()


async def test_join_without_reading_the_team_first_takes_the_first_seat(
    db_path: Path, folder: Path, ceo: Laptop
) -> None:
    # Sales or Marketing before the team is read: the first (Sales) is chosen.
    app = make_app(Store(db_path), role=None)
    async with app.run_test(size=SIZE) as pilot:
        await open_join_form(pilot)
        app.screen.query_one("#join-remote", Input).value = str(folder)
        await pilot.click("#join-go")
        await settle(app)
        assert notices(app)[0] == "Joined Northwind Analytics as the VP of Sales, Dana Ortiz."
    assert Store(db_path).sync_state().role == "sales"


async def test_joining_through_a_git_repository(
    db_path: Path, tmp_path: Path, catalog: Catalog, team: Team
) -> None:
    repo = tmp_path / "remote.git"  # a bare repository on disk: git, without a network
    subprocess.run(["git", "init", "-q", "--bare", str(repo)], check=True)
    ceo = Laptop(tmp_path / "ceo", catalog)
    ceo.store.init(team)
    ceo.sync(str(repo))
    app = make_app(Store(db_path), role=None)
    async with app.run_test(size=SIZE) as pilot:
        await open_join_form(pilot)
        await pilot.press(*str(repo), "enter")  # cloned in a worker: the form stays live
        await settle(app)
        assert "VP of Sales: Dana Ortiz" in screen_text(app)
        await pilot.click("#join-go")
        await settle(app)
        assert notices(app)[0] == "Joined Northwind Analytics as the VP of Sales, Dana Ortiz."
    assert Store(db_path).sync_state().remote == str(repo)


async def test_a_remote_with_no_team_is_one_line_on_the_form(db_path: Path, folder: Path) -> None:
    app = make_app(Store(db_path), role=None)
    async with app.run_test(size=SIZE) as pilot:
        await open_join_form(pilot)
        await pilot.press(*str(folder), "enter")
        await settle(app)
        await pilot.click("#join-go")
        await settle(app)
        assert isinstance(app.screen, JoinScreen)  # the form stays, to correct the remote
        error = app.screen.query_one("#join-error").render()
        assert str(error) == (
            f"{folder} holds no published team: the CEO runs 'gtm-pulse init', then "
            f"'gtm-pulse sync {folder}', first"
        )
        assert not app.screen.query_one("#join-go", Button).disabled
    assert not db_path.exists()  # nothing made


async def test_escape_goes_back_to_set_up(db_path: Path) -> None:
    app = make_app(Store(db_path), role=None)
    async with app.run_test(size=SIZE) as pilot:
        await open_join_form(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)


async def test_the_join_form_offers_sales_and_marketing_before_the_team_is_read(
    db_path: Path,
) -> None:
    app = make_app(Store(db_path), role=None)
    async with app.run_test(size=SIZE) as pilot:
        await open_join_form(pilot)
        choice = app.screen.query_one("#join-role", RadioSet)
        labels = [str(button.label) for button in choice.query("RadioButton")]
        assert labels == ["VP of Sales", "VP of Marketing"]


async def test_take_role_on_a_new_database_opens_the_survey_after_joining(
    db_path: Path, folder: Path, ceo: Laptop
) -> None:
    # 'gtm-pulse take --role sales' on a laptop with no database: join, then the survey.
    app = make_app(Store(db_path), role="sales")
    async with app.run_test(size=SIZE) as pilot:
        await open_join_form(pilot)
        app.screen.query_one("#join-remote", Input).value = str(folder)
        await pilot.click("#join-go")
        await settle(app)
        assert "Respect & trust · 1 of" in screen_text(app)


# -- syncing when it starts and after a submission ---------------------------------------------


@pytest.fixture
def sales(db_path: Path, catalog: Catalog, folder: Path, ceo: Laptop) -> Store:
    """The app's laptop: the VP of Sales', joined to the team (with the real join)."""
    store = Store(db_path)
    join(store, catalog, str(folder), "sales")
    return store


async def test_a_submission_publishes_a_sealed_response_to_the_remote(
    sales: Store, folder: Path
) -> None:
    app = make_app(sales, "sales")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)  # the sync at the start: nothing to publish yet
        assert not (folder / "records" / "response").exists()
        await answer_pages(pilot)
        await submit_from_review(pilot)
        await settle(app)
        assert isinstance(app.screen, SubmittedScreen)
        assert notices(app)[-1] == (
            f"Synced with {folder}: 1 published, 0 imported, 1 waiting, 0 skipped."
        )
    published = list((folder / "records" / "response").rglob("*.json"))
    assert len(published) == 1
    assert b"Keep it up" not in published[0].read_bytes()  # sealed: the answers do not show


async def test_the_start_sync_shows_what_it_did(sales: Store, folder: Path) -> None:
    app = make_app(sales, role=None)
    async with app.run_test(size=SIZE):
        await settle(app)
        assert notices(app) == [
            f"Synced with {folder}: 0 published, 0 imported, 0 waiting, 0 skipped."
        ]


async def test_a_sync_error_is_one_line_and_the_app_goes_on(sales: Store, folder: Path) -> None:
    shutil.rmtree(folder)  # the shared folder is gone (a share not mounted)
    app = make_app(sales, role=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        assert notices(app) == [f"Sync failed: {folder}: no such folder or git repository"]
        await pilot.press("down")  # still running: home takes keys
        assert isinstance(app.screen, HomeScreen)
    assert app.return_code in (None, 0)


async def test_a_bug_in_a_sync_is_one_line_too(
    sales: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gtm_pulse.services import background_sync

    def broken(store: Store, catalog: Catalog) -> None:
        raise RuntimeError("a bug below the services")

    monkeypatch.setattr(background_sync, "sync_if_shared", broken)
    app = make_app(sales, role=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        assert notices(app) == ["Sync failed: RuntimeError: a bug below the services"]
        await pilot.press("down")
        assert isinstance(app.screen, HomeScreen)
    assert app.return_code in (None, 0)


async def test_a_sync_that_imports_refreshes_home(
    sales: Store, tmp_path: Path, catalog: Catalog, folder: Path, monthly: Survey
) -> None:
    # Both VPs submitted and synced, Marketing last: its key is released, for Sales to import.
    marketing = Laptop(tmp_path / "marketing", catalog)
    marketing.join(str(folder), "marketing")
    submits(marketing, "marketing", monthly)
    submit_one(sales, monthly, "2026-11", "sales", full_answers(monthly, "sales"))
    sync(sales, catalog)
    marketing.sync()
    app = make_app(sales, role=None)
    async with app.run_test(size=SIZE):
        assert "waiting for Marketing (Sam Lee)" in screen_text(app)
        await settle(app)
        assert "1 imported" in notices(app)[0]
        assert "Monthly pulse · 2026-11 · both VPs submitted" in screen_text(app)


async def test_a_sync_that_imports_shows_both_side_by_side_after_submitting(
    sales: Store, tmp_path: Path, catalog: Catalog, folder: Path, monthly: Survey
) -> None:
    # Marketing submitted and synced first. Sales submits in the TUI, whose sync publishes
    # Sales' sealed response; Marketing's laptop then syncs and releases Marketing's key, and
    # Sales' next sync imports Marketing's answers: the submitted screen shows both.
    marketing = Laptop(tmp_path / "marketing", catalog)
    marketing.join(str(folder), "marketing")
    submits(marketing, "marketing", monthly)
    marketing.sync()
    app = make_app(sales, "sales")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        await answer_pages(pilot)
        await submit_from_review(pilot)
        await settle(app)
        assert "Marketing has not submitted 2026-11 yet" in screen_text(app)
        marketing.sync()  # Marketing's laptop sees Sales' sealed response: releases its key
        app.sync_in_background()
        await settle(app)
        assert "1 imported" in notices(app)[-1]
        assert "Both VPs have submitted" in screen_text(app)


async def test_syncs_asked_for_during_one_make_one_more_after_it(sales: Store) -> None:
    app = make_app(sales, role=None)
    async with app.run_test(size=SIZE):
        await settle(app)  # the start's sync
        app.sync_in_background()  # a submission...
        app.sync_in_background()  # ...and two more while its sync runs: one sync for both
        app.sync_in_background()
        await settle(app)
        assert len(notices(app)) == 3  # the start's, the submission's, one for the two others


async def test_without_a_remote_nothing_is_synced_nor_said(store: Store) -> None:
    app = make_app(store, role=None)
    async with app.run_test(size=SIZE):
        await settle(app)
        assert notices(app) == []
    assert store.sync_state().remote is None


def test_the_app_starts_without_the_sync_machinery() -> None:
    # Imported in the sync's worker only: a laptop that never shares never pays for it.
    code = (
        "import sys, gtm_pulse.tui.app; "
        "print(sorted(m for m in sys.modules if m.startswith(('gtm_pulse.services.syncing', "
        "'gtm_pulse.store.exchange', 'gtm_pulse.store.reveal', 'cryptography', 'filelock'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr

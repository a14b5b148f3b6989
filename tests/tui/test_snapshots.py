"""Snapshots of every TUI screen at 80x24 (pytest-textual-snapshot): one behaviour each.

Update after a deliberate change with ``pytest tests/tui/test_snapshots.py --snapshot-update``
and look at the SVGs in ``__snapshots__`` before committing them.
"""

from __future__ import annotations

import pytest

from gtm_pulse.core.models import Survey
from gtm_pulse.store.database import Store
from tests.tui.driving import answer_pages, make_app
from tests.tui.test_take import stored

SIZE = (80, 24)


@pytest.fixture(autouse=True)
def steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """No blinking cursor: a snapshot taken mid-blink would differ from run to run."""
    from textual.widgets import Input, TextArea

    monkeypatch.setattr(Input, "cursor_blink", False, raising=False)
    monkeypatch.setattr(TextArea, "cursor_blink", False, raising=False)


def test_home(snap_compare, store: Store, monthly: Survey) -> None:
    stored(store, monthly, "marketing")  # shows a submitted entry next to not-started ones
    assert snap_compare(make_app(store, role=None), terminal_size=SIZE)


def test_setup_for_a_new_team(snap_compare, monkeypatch: pytest.MonkeyPatch) -> None:
    # The screen names the database's path: the per-user default, under a fixed home (never
    # written: nothing is saved), not pytest's numbered folder, so the snapshot stays the same.
    monkeypatch.setenv("HOME", "/home/dana")
    store = Store("~/.local/share/gtm-pulse/pulse.json")
    assert snap_compare(make_app(store, role=None), terminal_size=SIZE)


def test_a_likert_question_page(snap_compare, store: Store) -> None:
    # A statement and a guess answered (4, 4): the next statement with its scale and progress.
    assert snap_compare(make_app(store), press=["4", "_", "4", "_"], terminal_size=SIZE)


def test_the_prediction_step(snap_compare, store: Store) -> None:
    # The first statement answered (4): the guess at Marketing's answer to it follows.
    assert snap_compare(make_app(store), press=["4", "_"], terminal_size=SIZE)


def test_the_frictions_checklist(snap_compare, store: Store) -> None:
    async def to_checklist(pilot) -> None:
        # Every statement and guess before it answered (4); no comment page in the way
        while pilot.app.screen.page.question.kind != "multi":
            await answer_pages(pilot, 1)
        await pilot.press("1", "right", "right", "4")  # lead quality: severe; messaging: minor

    assert snap_compare(make_app(store), run_before=to_checklist, terminal_size=SIZE)


def test_review_with_a_missing_answer(snap_compare, store: Store) -> None:
    async def to_review(pilot) -> None:
        await answer_pages(pilot, 6)
        await pilot.press("r")

    assert snap_compare(make_app(store), run_before=to_review, terminal_size=SIZE)


def test_submitted_and_sealed(snap_compare, store: Store, monthly: Survey) -> None:
    stored(store, monthly, "sales")  # Sales has submitted; Marketing has not
    assert snap_compare(make_app(store, "sales"), terminal_size=SIZE)


def test_submitted_by_both_side_by_side(snap_compare, store: Store, monthly: Survey) -> None:
    stored(store, monthly, "sales")
    stored(store, monthly, "marketing")
    assert snap_compare(make_app(store, "marketing"), terminal_size=SIZE)


def test_submit_confirmation(snap_compare, store: Store) -> None:
    async def to_confirm(pilot) -> None:
        await answer_pages(pilot)
        await pilot.press("s")

    assert snap_compare(make_app(store), run_before=to_confirm, terminal_size=SIZE)

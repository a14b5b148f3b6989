"""Snapshots of every dashboard view and every slide at 80x24 and 120x40, and of the form.

On the demo data set, the period of the offsite (2026-05, the low point) so every chart has
something to show. 80x24 is a laptop's terminal, 120x40 a projector's. Update after a
deliberate change with ``pytest tests/tui/test_dashboard_snapshots.py --snapshot-update`` and
look at the SVGs before committing them: nothing clipped, no legend over a bar, every tab named.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gtm_pulse.tui.dashboard.presentation import SLIDES
from gtm_pulse.tui.dashboard.views import VIEWS
from tests.tui.dashboard_data import dashboard, demo_store

SIZES = {"80x24": (80, 24), "120x40": (120, 40)}


@pytest.fixture(autouse=True)
def steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """No blinking cursor: a snapshot taken mid-blink would differ from run to run."""
    from textual.widgets import Input

    monkeypatch.setattr(Input, "cursor_blink", False, raising=False)


@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
@pytest.mark.parametrize(
    "key", [str(n) for n in range(1, len(VIEWS) + 1)], ids=[view.name for view in VIEWS]
)
def test_each_view(snap_compare, tmp_path: Path, key: str, size: tuple[int, int]) -> None:
    app = dashboard(demo_store(tmp_path), "2026-05")
    assert snap_compare(app, press=[key], terminal_size=size)  # the view's number key


@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
@pytest.mark.parametrize("number", range(len(SLIDES)), ids=SLIDES)
def test_each_slide(snap_compare, tmp_path: Path, number: int, size: tuple[int, int]) -> None:
    app = dashboard(demo_store(tmp_path), "2026-05")
    # p: presentation mode, on the headline; each → one slide further.
    assert snap_compare(app, press=["p", *["right"] * number], terminal_size=size)


def test_commitment_form(snap_compare, tmp_path: Path) -> None:
    app = dashboard(demo_store(tmp_path), "2026-05")
    # 7: the agenda; a: the form; then the commitment's text, typed.
    assert snap_compare(app, press=["7", "a", *"One lead definition"], terminal_size=(120, 40))


def test_drill_down_at_80x24(snap_compare, tmp_path: Path) -> None:
    app = dashboard(demo_store(tmp_path), "2026-05")
    # 2: dimensions; down: the second (Shared goals); enter: its statements in Items.
    assert snap_compare(app, press=["2", "down", "enter"], terminal_size=(80, 24))

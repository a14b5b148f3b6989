"""Snapshots of every dashboard view, of presentation mode and of the commitment form.

On the demo data set at 120x36 (a projector), the period of the offsite (2026-05, the low
point) so every chart has something to show; the overview also at 80x24. Update after a
deliberate change with ``pytest tests/tui/test_dashboard_snapshots.py --snapshot-update`` and
look at the SVGs before committing them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui.dashboard_data import dashboard, demo_store

SIZE = (120, 36)


@pytest.fixture(autouse=True)
def steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """No blinking cursor: a snapshot taken mid-blink would differ from run to run."""
    from textual.widgets import Input

    monkeypatch.setattr(Input, "cursor_blink", False, raising=False)


@pytest.mark.parametrize(
    "key",
    ["1", "2", "3", "4", "5", "6", "7", "8", "9"],
    ids=[
        "overview", "dimensions", "items", "trend", "frictions", "comments", "agenda",
        "perceptions", "team",
    ],
)  # fmt: skip
def test_each_view(snap_compare, tmp_path: Path, key: str) -> None:
    app = dashboard(demo_store(tmp_path), "2026-05")
    assert snap_compare(app, press=[key], terminal_size=SIZE)


def test_presentation_mode_headline(snap_compare, tmp_path: Path) -> None:
    app = dashboard(demo_store(tmp_path), "2026-05")
    assert snap_compare(app, press=["p"], terminal_size=SIZE)


def test_presentation_mode_gaps_slide(snap_compare, tmp_path: Path) -> None:
    app = dashboard(demo_store(tmp_path), "2026-05")
    assert snap_compare(app, press=["p", "right", "right"], terminal_size=SIZE)


def test_presentation_mode_readings_slide(snap_compare, tmp_path: Path) -> None:
    app = dashboard(demo_store(tmp_path), "2026-05")
    assert snap_compare(app, press=["p", *["right"] * 4], terminal_size=SIZE)


def test_perceptions_at_80x24(snap_compare, tmp_path: Path) -> None:
    app = dashboard(demo_store(tmp_path), "2026-05")
    assert snap_compare(app, press=["8"], terminal_size=(80, 24))


def test_team_at_80x24(snap_compare, tmp_path: Path) -> None:
    app = dashboard(demo_store(tmp_path), "2026-05")
    assert snap_compare(app, press=["9"], terminal_size=(80, 24))


def test_commitment_form(snap_compare, tmp_path: Path) -> None:
    app = dashboard(demo_store(tmp_path), "2026-05")
    assert snap_compare(app, press=["7", "a", *"One lead definition"], terminal_size=SIZE)


def test_overview_at_80x24(snap_compare, tmp_path: Path) -> None:
    app = dashboard(demo_store(tmp_path), "2026-05")
    assert snap_compare(app, terminal_size=(80, 24))


def test_drill_down_at_80x24(snap_compare, tmp_path: Path) -> None:
    app = dashboard(demo_store(tmp_path), "2026-05")
    assert snap_compare(app, press=["2", "down", "enter"], terminal_size=(80, 24))

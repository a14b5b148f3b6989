"""The dashboard's export is the same on every run: nothing is caught mid-animation."""

from __future__ import annotations

from pathlib import Path

from gtm_pulse.core.periods import parse_period
from gtm_pulse.services.board import Board
from gtm_pulse.store.survey_files import load_catalog
from gtm_pulse.tui.dashboard.app import export_headless
from tests.tui.dashboard_data import DAY, demo_store


def test_two_exports_of_the_same_board_are_byte_identical(tmp_path: Path) -> None:
    # The tab bar's underline glides for 0.3 s to each view's tab: the exported views caught
    # it on its way, under another tab, somewhere else on every run.
    store = demo_store(tmp_path)
    board = Board(store, load_catalog(), "monthly-pulse", DAY, parse_period("2026-05"))
    first = export_headless(board, tmp_path / "first")
    second = export_headless(board, tmp_path / "second")
    assert [p.name for p in first] == [p.name for p in second]
    for one, other in zip(first, second, strict=True):
        assert one.read_bytes() == other.read_bytes(), one.name

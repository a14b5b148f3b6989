"""The demo data set the dashboard tests run on, and a way to build the dashboard over it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from gtm_pulse.core.periods import parse_period
from gtm_pulse.services.board import Board
from gtm_pulse.services.demo import build_demo
from gtm_pulse.store.database import Store
from gtm_pulse.store.survey_files import load_catalog
from gtm_pulse.tui.dashboard.app import DashboardApp

#: The demo's "today" in every dashboard test (the conftest freezes the same day).
DAY = dt.date(2026, 11, 15)


def demo_store(folder: Path) -> Store:
    store = Store(folder / "demo.json")
    build_demo(store, load_catalog(), 7, DAY)
    return store


def dashboard(store: Store, period: str | None = None, **options: object) -> DashboardApp:
    asked = parse_period(period) if period is not None else None  # the test's edge
    board = Board(store, load_catalog(), "monthly-pulse", DAY, asked)
    return DashboardApp(board, **options)  # type: ignore[arg-type]

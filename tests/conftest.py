"""Fixtures shared by every test: an isolated environment, a real store, real surveys.

Autouse isolation: each test gets its own database path and data folders (never the user's real
database), a frozen "today" (2026-11-15), and NO_COLOR unset (it breaks Textual snapshots).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gtm_pulse.core.models import Survey, Team
from gtm_pulse.core.surveys import Catalog
from gtm_pulse.services.demo import DEMO_TEAM
from gtm_pulse.store.database import Store
from gtm_pulse.store.survey_files import load_catalog

TODAY = "2026-11-15"


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private database path and data folders, a frozen today, and colour allowed."""
    db = tmp_path / "data" / "pulse.json"
    monkeypatch.setenv("GTM_PULSE_DB", str(db))
    monkeypatch.setenv("GTM_PULSE_TODAY", TODAY)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return db


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="session")
def monthly(catalog: Catalog) -> Survey:
    return catalog.get("monthly-pulse")


@pytest.fixture
def team() -> Team:
    return DEMO_TEAM


@pytest.fixture
def db_path(isolated_env: Path) -> Path:
    return isolated_env


@pytest.fixture
def store(db_path: Path, team: Team) -> Store:
    """A real database file in tmp_path with the demo team."""
    store = Store(db_path)
    store.init(team)
    return store

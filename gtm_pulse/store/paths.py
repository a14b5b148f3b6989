"""Where the database lives: ``--db``, then ``GTM_PULSE_DB``, then the platform's data folder."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

DB_ENV = "GTM_PULSE_DB"
#: Picks the team of a database that holds several (also ``--team``).
TEAM_ENV = "GTM_PULSE_TEAM"
DB_FILENAME = "pulse.json"


def default_db_path() -> Path:
    """The per-user database: e.g. ``~/.local/share/gtm-pulse/pulse.json`` on Linux."""
    from platformdirs import user_data_path  # ~5 ms; only commands that open a database pay it

    return user_data_path("gtm-pulse", appauthor=False) / DB_FILENAME

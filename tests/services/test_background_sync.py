"""The pulse TUI's sync and join without the TUI (issue 17): one line to show, never a raise
for a user's error."""

from __future__ import annotations

from pathlib import Path

import pytest

from gtm_pulse.core.models import Team
from gtm_pulse.core.surveys import Catalog
from gtm_pulse.errors import SyncError, TeamError
from gtm_pulse.services import syncing
from gtm_pulse.services.background_sync import (
    SharedTeam,
    SyncOutcome,
    join_shared_team,
    read_shared_team,
    sync_if_shared,
)
from gtm_pulse.store.database import Store
from tests.services.test_syncing import Laptop


@pytest.fixture
def folder(tmp_path: Path, catalog: Catalog, team: Team) -> str:
    """A shared folder where the CEO's laptop published the team."""
    shared = tmp_path / "shared"
    shared.mkdir()
    ceo = Laptop(tmp_path / "ceo", catalog)
    ceo.store.init(team)
    ceo.sync(str(shared))
    return str(shared)


def test_a_laptop_that_never_shared_does_not_sync(store: Store, catalog: Catalog) -> None:
    assert sync_if_shared(store, catalog) is None


def test_no_database_yet_does_not_sync(db_path: Path, catalog: Catalog) -> None:
    assert sync_if_shared(Store(db_path), catalog) is None
    assert not db_path.exists()


def test_a_shared_laptop_syncs_and_says_so(db_path: Path, catalog: Catalog, folder: str) -> None:
    store = Store(db_path)
    join_shared_team(store, catalog, folder, "sales")
    assert sync_if_shared(store, catalog) == SyncOutcome(
        f"Synced with {folder}: 0 published, 0 imported, 0 waiting, 0 skipped.",
        "information",
        imported=False,
    )


def test_a_skipped_file_makes_a_warning_that_points_at_the_list(
    db_path: Path, catalog: Catalog, folder: str
) -> None:
    store = Store(db_path)
    join_shared_team(store, catalog, folder, "sales")
    (Path(folder) / "records" / "stray.txt").write_text("not a record")
    outcome = sync_if_shared(store, catalog)
    assert outcome is not None and outcome.severity == "warning"
    assert outcome.line.endswith("1 skipped. 'gtm-pulse sync' lists what.")


def test_the_shared_team_is_read_without_writing_anything(
    db_path: Path, folder: str, team: Team
) -> None:
    store = Store(db_path)
    assert read_shared_team(store, folder) == SharedTeam(
        team.company, tuple((role, team.members[role]) for role in team.respondent_roles)
    )
    assert not db_path.exists()


def test_a_folder_with_no_team_is_a_sync_error(db_path: Path, tmp_path: Path) -> None:
    with pytest.raises(SyncError, match="holds no published team"):
        read_shared_team(Store(db_path), str(tmp_path))


def test_joining_greets_as_join_does(db_path: Path, catalog: Catalog, folder: str) -> None:
    joined = join_shared_team(Store(db_path), catalog, folder, "marketing")
    assert joined.greeting == "Joined Northwind Analytics as the VP of Marketing, Sam Lee."
    assert joined.outcome.severity == "information"


def test_a_role_not_in_the_team_makes_nothing(db_path: Path, catalog: Catalog, folder: str) -> None:
    with pytest.raises(TeamError, match="role 'cfo' is not in team"):
        join_shared_team(Store(db_path), catalog, folder, "cfo")
    assert not db_path.exists()


def test_a_first_sync_that_fails_still_joins(
    db_path: Path, catalog: Catalog, folder: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # join makes the database, then syncs: a sync failing there leaves the team joined, and
    # the form must not offer to join again (the database exists now).
    def failing(*args: object, **kwargs: object) -> None:
        raise SyncError("the remote went away")

    monkeypatch.setattr(syncing, "sync", failing)
    joined = join_shared_team(Store(db_path), catalog, folder, "sales")
    assert joined.outcome == SyncOutcome("Sync failed: the remote went away", "error", False)
    assert Store(db_path).sync_state().role == "sales"

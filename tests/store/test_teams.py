"""One database, many teams (a board's portfolio); and drafts in their own small file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from gtm_pulse.cli import cli
from gtm_pulse.core.models import Draft, Survey, Team
from gtm_pulse.errors import TeamError
from gtm_pulse.store.database import Store
from gtm_pulse.store.format import drafts_path
from tests.helpers import scored, submit_pair

ACME = Team(id="acme", company="Acme", members={"sales": "Ann", "marketing": "Bo", "ceo": "Cy"})
BETA = Team(id="beta", company="Beta", members={"sales": "Di", "marketing": "Ed", "ceo": "Flo"})


@pytest.fixture
def board(db_path: Path, monthly: Survey) -> Path:
    """Two teams in one file, each with its own November."""
    for team, score in ((ACME, 4), (BETA, 2)):
        store = Store(db_path, team=team.id)
        store.init(team)
        submit_pair(store, monthly, "2026-11", scored(monthly, score), scored(monthly, score))
    return db_path


def test_each_team_sees_only_its_own_records(board: Path) -> None:
    acme, beta = Store(board, team="acme").load(), Store(board, team="beta").load()
    assert acme.team == ACME and beta.team == BETA
    assert {r.respondent for r in acme.responses} == {"Ann", "Bo"}
    assert {r.respondent for r in beta.responses} == {"Di", "Ed"}


def test_without_a_team_a_database_of_several_says_which_there_are(board: Path) -> None:
    with pytest.raises(TeamError, match=r"holds 2 teams \(acme, beta\): choose one with --team"):
        Store(board).load()


def test_an_unknown_team_lists_the_known_ones(board: Path) -> None:
    with pytest.raises(TeamError, match=r"no team 'gamma' in .* \(teams: acme, beta\)"):
        Store(board, team="gamma").load().require_team()


def test_the_teams_are_listed_by_id_with_their_responses(board: Path) -> None:
    listed = Store(board).teams()
    assert [(entry.team, entry.responses) for entry in listed] == [(ACME, 2), (BETA, 2)]


def test_only_a_database_of_one_team_names_its_only_team(board: Path, db_path: Path) -> None:
    assert Store(board).only_team_id() is None
    single = db_path.with_name("single.json")
    Store(single, team="acme").init(ACME)
    assert Store(single).only_team_id() == "acme"


def test_commitments_are_numbered_per_team(board: Path) -> None:
    assert Store(board, team="acme").add_commitment("A", "sales", "2026-12").number == 1
    assert Store(board, team="beta").add_commitment("B", "sales", "2026-12").number == 1
    assert [c.text for c in Store(board, team="beta").load().commitments] == ["B"]


def test_the_cli_picks_the_team_by_option_or_environment(
    board: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    acme = json.loads(runner.invoke(cli, ["--team", "acme", "compare", "--format", "json"]).output)
    assert acme["company"] == "Acme" and acme["indices"]["health"] == 75.0
    monkeypatch.setenv("GTM_PULSE_TEAM", "beta")
    beta = json.loads(runner.invoke(cli, ["compare", "--format", "json"]).output)
    assert beta["company"] == "Beta" and beta["indices"]["health"] == 25.0
    monkeypatch.delenv("GTM_PULSE_TEAM")
    listed = runner.invoke(cli, ["teams"]).output.splitlines()
    assert [line.split()[:2] for line in listed] == [["acme", "2"], ["beta", "2"]]
    refused = runner.invoke(cli, ["status"])
    assert refused.exit_code == 2 and "holds 2 teams (acme, beta)" in refused.output


def test_records_from_before_teams_belong_to_the_default_team(
    store: Store, monthly: Survey
) -> None:
    submit_pair(store, monthly, "2026-11", scored(monthly, 4), scored(monthly, 3))
    data = json.loads(store.path.read_bytes())
    for doc in data["responses"].values():
        del doc["team"]
    for doc in data["team"].values():
        del doc["id"]
    store.path.write_text(json.dumps(data))
    assert len(Store(store.path).load().responses) == 2


def test_autosave_writes_the_drafts_file_and_leaves_the_database_alone(
    store: Store, monthly: Survey
) -> None:
    before = store.path.read_bytes()
    draft = Draft(survey_id=monthly.id, survey_version=1, role="sales", period="2026-11")
    store.save_draft(draft)
    assert store.path.read_bytes() == before
    assert drafts_path(store.path).exists()
    assert [d.key for d in store.load().drafts] == [draft.key]
    submit_pair(store, monthly, "2026-11", scored(monthly, 4), scored(monthly, 3))
    assert store.load().drafts == []  # submitting took the draft away


def test_a_draft_kept_inside_an_older_database_is_still_found_and_cleared(
    store: Store, monthly: Survey
) -> None:
    data = json.loads(store.path.read_bytes())
    data["drafts"] = {
        "1": {"survey_id": monthly.id, "survey_version": 1, "role": "sales",
              "period": "2026-11", "answers": {"respect-seriously": 2},
              "updated_at": "2026-11-10T09:00:00+00:00"},
    }  # fmt: skip
    store.path.write_text(json.dumps(data))
    assert store.load().draft(monthly.id, "2026-11", "sales").answers == {"respect-seriously": 2}
    assert store.discard_draft(monthly.id, "2026-11", "sales") is True
    assert store.load().drafts == []

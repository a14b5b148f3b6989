"""The dashboard's data without the UI: which periods it pages through, and drilling down."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from gtm_pulse.core.models import Survey, Team
from gtm_pulse.core.periods import parse_period
from gtm_pulse.core.surveys import Catalog
from gtm_pulse.errors import NotReadyError, TeamError
from gtm_pulse.services.board import Board
from gtm_pulse.store.database import Store
from tests.helpers import scored, submit_one, submit_pair

DAY = dt.date(2026, 11, 15)


@pytest.fixture
def filled(store: Store, monthly: Survey) -> Store:
    submit_pair(store, monthly, "2026-08", scored(monthly, 4), scored(monthly, 4))
    submit_pair(store, monthly, "2026-09", scored(monthly, 4), scored(monthly, 3, goals_success=1))
    submit_pair(store, monthly, "2026-10", scored(monthly, 4), scored(monthly, 2))
    submit_one(store, monthly, "2026-11", "sales", scored(monthly, 5))  # sealed: not a page
    return store


def test_pages_are_the_periods_both_submitted_starting_at_the_latest(
    filled: Store, catalog: Catalog
) -> None:
    board = Board(filled, catalog, "monthly-pulse", DAY)
    assert board.periods == ["2026-08", "2026-09", "2026-10"]
    assert board.period == "2026-10"
    assert board.step(1) is False and board.period == "2026-10"
    assert board.step(-2) is True and board.period == "2026-08"
    assert board.review.current.alignment == 100
    assert board.step(-1) is False


def test_an_incomplete_period_is_refused_like_compare(filled: Store, catalog: Catalog) -> None:
    with pytest.raises(NotReadyError, match=r"Marketing .* has not submitted yet"):
        Board(filled, catalog, "monthly-pulse", DAY, parse_period("2026-11"))


def test_drilling_down_keeps_one_dimensions_items_largest_first(
    filled: Store, catalog: Catalog
) -> None:
    board = Board(filled, catalog, "monthly-pulse", DAY, parse_period("2026-09"))
    assert len(board.items()) == 17  # 18 statements, one a healthy tension
    board.focus = "goals"
    assert [i.question_id for i in board.items()] == [
        "goals-success",
        "goals-one-strategy",
        "goals-incentives",
    ]


def test_reload_sees_a_new_commitment_and_stays_on_the_period(
    filled: Store, catalog: Catalog
) -> None:
    board = Board(filled, catalog, "monthly-pulse", DAY, parse_period("2026-09"))
    filled.add_commitment("One lead definition", "marketing", "2026-10", "2026-09")
    assert board.review.commitments == []
    board.reload()
    assert board.period == "2026-09"
    assert [t.commitment.number for t in board.review.commitments] == [1]


def test_a_mistyped_team_lists_the_teams_instead_of_calling_the_file_empty(
    filled: Store, catalog: Catalog
) -> None:
    with pytest.raises(TeamError, match=r"no team 'acmee' in .* \(teams: default\)"):
        Board(Store(filled.path, team="acmee"), catalog, "monthly-pulse", DAY)


def test_reload_after_the_team_left_the_file_names_the_teams_it_holds(
    filled: Store, catalog: Catalog, team: Team
) -> None:
    board = Board(filled, catalog, "monthly-pulse", DAY)
    other = Store(filled.path.with_name("other.json"), team="acme")
    other.init(replace(team, id="acme"))
    filled.restore(other.path)  # the database now holds team acme only
    with pytest.raises(TeamError, match=r"no team 'default' in .* \(teams: acme\)"):
        board.reload()


def test_team_matrices_are_built_once_and_again_after_reload(
    filled: Store, catalog: Catalog, monthly: Survey
) -> None:
    board = Board(filled, catalog, "monthly-pulse", DAY)
    assert board.matrices() == []  # only the two VPs answered: no matrix of three roles
    submit_one(filled, monthly, "2026-09", "revops", scored(monthly, 3))
    assert board.matrices() == []  # the board answers from the snapshot it read
    board.reload()
    first = board.matrices()
    assert [m.period for m in first] == ["2026-09"]
    assert board.matrices()[0] is first[0]  # kept for the next redraw, not built again
    board.reload()
    assert board.matrices()[0] is not first[0]

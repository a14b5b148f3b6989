"""Predictions, mirror pairs and the team matrix: how they are asked, stored and read."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from gtm_pulse.core.analysis import compare
from gtm_pulse.core.asking import as_answers, asked_survey
from gtm_pulse.core.models import Response, Survey, Team
from gtm_pulse.core.perceptions import perceive
from gtm_pulse.core.periods import parse_period
from gtm_pulse.core.predictions import prediction_id, with_predictions
from gtm_pulse.core.sealing import canonical, seal_holds, sealed
from gtm_pulse.core.surveys import Catalog
from gtm_pulse.core.team_matrix import matrix
from gtm_pulse.errors import AnswerError
from gtm_pulse.services.comparing import build_review
from gtm_pulse.services.submission import build_response
from gtm_pulse.store.database import Store
from tests.helpers import scored, submit_one, submit_pair

DAY = dt.date(2026, 11, 15)


def test_each_guess_follows_its_statement_worded_as_the_other_vp_reads_it(
    monthly: Survey,
) -> None:
    asked = with_predictions(monthly, "sales")
    ids = [q.id for q in asked.questions]
    at = ids.index("respect-seriously")
    assert ids[at + 1] == prediction_id("respect-seriously")
    guess = asked.question(prediction_id("respect-seriously"))
    # Marketing reads "{other}" as Sales: the statement as Marketing was asked it.
    assert asked.render(guess.text, "sales") == (
        'Your guess: how will Marketing answer "Sales takes my team\'s work seriously."'
    )
    assert len(asked.questions) == len(monthly.questions) + 4


def test_only_the_two_vps_predict_each_other(monthly: Survey) -> None:
    assert with_predictions(monthly, "revops") is monthly
    assert asked_survey(monthly, "cro") is monthly


def test_guesses_are_required_and_stored_apart_from_the_answers(
    store: Store, monthly: Survey
) -> None:
    raw = scored(monthly, 4)
    with pytest.raises(AnswerError) as caught:
        build_response(store.load(), monthly, "sales", parse_period("2026-11"), raw, "answers.json")
    assert "answers.json: _predictions.goals-success: required but not answered" in (
        caught.value.lines()
    )
    guesses = {"respect-seriously": 2, "goals-success": 3, "frictions-lead-quality": 5,
               "frictions-blame": 1}  # fmt: skip
    response = build_response(
        store.load(),
        monthly,
        "sales",
        parse_period("2026-11"),
        {**raw, "_predictions": guesses},
        "x",
    )
    assert response.predictions == guesses
    assert not any(key.startswith("predict-") for key in response.answers)
    assert as_answers(response)[prediction_id("goals-success")] == 3  # amending starts here


@pytest.mark.parametrize(
    ("given", "problem"),
    [
        ({"strategy-markets": 3}, "_predictions.strategy-markets: not a statement sales predicts"),
        ([3], "_predictions: expected an object question id -> expected answer"),
        ({"goals-success": 9}, "_predictions.goals-success: 9 is out of range 1-5"),
    ],
)
def test_a_bad_guess_is_refused_naming_it(
    store: Store, monthly: Survey, given: object, problem: str
) -> None:
    raw = {**scored(monthly, 4), "_predictions": given}
    with pytest.raises(AnswerError) as caught:
        build_response(store.load(), monthly, "sales", parse_period("2026-11"), raw, "f.json")
    assert any(line.startswith(f"f.json: {problem}") for line in caught.value.lines())


def test_guesses_are_sealed_and_older_seals_still_hold(monthly: Survey) -> None:
    plain = Response(survey_id=monthly.id, survey_version=1, role="sales", respondent="D",
                     period="2026-10", answers={"respect-seriously": 4})  # fmt: skip
    assert b"predictions" not in canonical(plain)  # a response from before predictions
    with_guess = sealed(replace(plain, predictions={"respect-seriously": 2}))
    assert seal_holds(with_guess)
    assert not seal_holds(replace(with_guess, predictions={"respect-seriously": 3}))


def test_a_wider_pair_has_no_readings_and_no_blame(
    store: Store, catalog: Catalog, monthly: Survey
) -> None:
    team = Team(company="N", members={"sales": "D", "marketing": "S", "ceo": "A", "cro": "P"})
    store.init(team, replace=True)
    submit_pair(store, monthly, "2026-11", scored(monthly, 4), scored(monthly, 2))
    submit_one(store, monthly, "2026-11", "cro", scored(monthly, 3))
    review = build_review(store.load(), catalog, "monthly-pulse", None, DAY, pair=("cro", "sales"))
    assert review.perceptions.readings == [] and review.perceptions.understanding is None
    assert review.perceptions.blame == [] and review.perceptions.blame_asymmetry is None
    core = build_review(store.load(), catalog, "monthly-pulse", None, DAY)
    assert core.perceptions.understanding is not None and core.perceptions.blame


def test_golden_pairwise_matrix(monthly: Survey) -> None:
    """Three roles over the 17 indexed statements (scale 1-5, span 4):
    Sales 4 everywhere, Marketing 2 everywhere, RevOps 3 everywhere but goals-success 5.
        Sales-Marketing: every gap 2          -> 100 x (1 - 2/4)              = 50
        Sales-RevOps: 16 gaps of 1 and one 1  -> 100 x (1 - 17/17/4)          = 75
        Marketing-RevOps: 16 gaps of 1, one 3 -> 100 x (1 - (16 + 3)/17/4)    = 72.0588
    """

    def of(role: str, raw: dict) -> Response:
        return Response(survey_id=monthly.id, survey_version=monthly.version, role=role,
                        respondent=role, period="2026-11", answers=raw)  # fmt: skip

    responses = {
        "sales": of("sales", scored(monthly, 4)),
        "marketing": of("marketing", scored(monthly, 2)),
        "revops": of("revops", scored(monthly, 3, goals_success=5)),
    }
    found = matrix(monthly, responses, ["sales", "marketing", "cro", "revops"])
    assert found is not None and found.roles == ["sales", "marketing", "revops"]
    assert found.alignment("sales", "marketing") == found.alignment("marketing", "sales") == 50
    assert found.alignment("sales", "revops") == 75
    assert round(found.alignment("marketing", "revops"), 4) == 72.0588
    assert found.alignment("sales", "sales") is None
    assert [(a, b) for a, b, _ in found.pairs()] == [
        ("sales", "marketing"), ("marketing", "revops"), ("sales", "revops")
    ]  # fmt: skip
    assert matrix(monthly, {k: responses[k] for k in ("sales", "marketing")}, ["sales"]) is None


def test_a_reading_is_the_guess_minus_the_other_sides_score_reverse_items_flipped(
    monthly: Survey,
) -> None:
    # frictions-blame is reverse-scored: a raw 1 ("we never blame") is a health score of 5.
    sales = Response(survey_id=monthly.id, survey_version=monthly.version, role="sales",
                     respondent="D", period="2026-11", answers={"frictions-blame": 1},
                     predictions={"frictions-blame": 4})  # fmt: skip
    marketing = replace(sales, role="marketing", answers={"frictions-blame": 4}, predictions={})
    (reading,) = perceive(compare(monthly, sales, marketing)).readings
    # Sales guessed raw 4 (score 2); Marketing answered raw 4 (score 2): read right.
    assert (reading.by, reading.of, reading.guess, reading.actual) == ("sales", "marketing", 2, 2)
    assert reading.misreading == 0

"""A statement answered "n/a" (issue 14): out of every figure, shown as said, and counted.

On the shipped monthly pulse, everything else alike at 4, so any figure that counted an n/a
would move: alignment stays 100 and health 75 over the statements both answered.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from gtm_pulse.cli import cli
from gtm_pulse.core.analysis import compare
from gtm_pulse.core.models import NOT_APPLICABLE, Survey
from gtm_pulse.core.periods import parse_period
from gtm_pulse.core.surveys import Catalog
from gtm_pulse.errors import AnswerError
from gtm_pulse.report import render
from gtm_pulse.services.comparing import Review, build_review
from gtm_pulse.store.database import Store
from tests.helpers import full_answers, scored, submit_one
from tests.report.test_report import STRICT

DAY = dt.date(2026, 11, 15)
BLAME = "frictions-blame"  # reverse and predicted: n/a in a month no number was missed


def _pair(store: Store, monthly: Survey, period: str, sales: dict, marketing: dict) -> None:
    submit_one(store, monthly, period, "sales", scored(monthly, 4) | sales)
    submit_one(store, monthly, period, "marketing", scored(monthly, 4) | marketing)


def _review(store: Store, catalog: Catalog, period: str = "2026-11") -> Review:
    return build_review(store.load(), catalog, "monthly-pulse", parse_period(period), DAY)


def test_n_a_on_one_side_is_in_no_figure(store: Store, monthly: Survey, catalog: Catalog):
    _pair(store, monthly, "2026-11", {BLAME: NOT_APPLICABLE}, {BLAME: 1})  # 1: scored 5
    review = _review(store, catalog)
    current = review.current
    assert current is not None
    assert BLAME not in {i.question_id for i in current.items}
    assert (current.alignment, current.health) == (100.0, 75.0)
    assert not current.flags and not review.agenda
    assert [(n.question_id, n.left, n.right) for n in current.not_applicable] == [
        (BLAME, NOT_APPLICABLE, 1)
    ]
    full = render(review, "text", 80, full=True)
    assert "Blame after a missed number: Sales: n/a · Marketing: Strongly disagree (1)" in full
    assert "n/a: 1 statement left out (Sales 1)" in render(review, "text", 80)


def test_n_a_on_both_sides_is_counted_for_each(store: Store, monthly: Survey, catalog: Catalog):
    _pair(store, monthly, "2026-11", {BLAME: "n/a"}, {BLAME: "n/a", "respect-credit": "n/a"})
    document = json.loads(render(_review(store, catalog), "json", 80))
    assert document["not_applicable"]["count"] == {"sales": 1, "marketing": 2}
    assert [i["answers"] for i in document["not_applicable"]["items"]] == [
        {"sales": 4, "marketing": "n/a"},
        {"sales": "n/a", "marketing": "n/a"},
    ]
    assert document["not_applicable"]["reconsider"] == []  # one period is not two running


def test_both_n_a_two_periods_running_is_named_to_reconsider(
    store: Store, monthly: Survey, catalog: Catalog
):
    for period in ("2026-10", "2026-11"):
        _pair(store, monthly, period, {BLAME: "n/a"}, {BLAME: "n/a"})
    review = _review(store, catalog)
    assert review.reconsider == [BLAME]
    full = render(review, "text", 80, full=True)
    assert "two periods running, worth reconsidering: Blame after a missed number" in " ".join(
        full.split()
    )
    markdown = render(review, "markdown", 80)
    assert "worth reconsidering: Blame after a missed number" in markdown


def test_n_a_in_one_period_only_is_not_to_reconsider(
    store: Store, monthly: Survey, catalog: Catalog
):
    _pair(store, monthly, "2026-10", {BLAME: "n/a"}, {})
    _pair(store, monthly, "2026-11", {BLAME: "n/a"}, {BLAME: "n/a"})
    assert _review(store, catalog).reconsider == []


def test_a_guess_at_an_n_a_answer_is_no_misreading(store: Store, monthly: Survey, catalog):
    guesses = {q.id: 4 for q in monthly.predicted} | {"goals-success": "n/a"}
    sales = {BLAME: 2, "_predictions": guesses}
    marketing = {BLAME: "n/a", "_predictions": {q.id: 4 for q in monthly.predicted}}
    _pair(store, monthly, "2026-11", sales, marketing)
    review = _review(store, catalog)
    assert review.perceptions is not None
    assert BLAME not in {r.question_id for r in review.perceptions.readings if r.by == "sales"}
    document = json.loads(render(review, "json", 80))
    jsonschema.validate(document, STRICT)  # a guess of "n/a" and the n/a section fit the schema
    item = next(i for i in document["items"] if i["question_id"] == "goals-success")
    assert item["guesses"] == {"sales": "n/a", "marketing": 4}
    assert "goals-success" not in {
        r.question_id for r in review.perceptions.readings if r.by == "sales"
    }


def test_the_answers_file_takes_n_a_and_nothing_else(tmp_path: Path, store, monthly: Survey):
    answers = full_answers(monthly, "sales") | {BLAME: "n/a"}
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers))
    result = CliRunner().invoke(cli, ["submit", "--role", "sales", "--answers", str(path)])
    assert result.exit_code == 0, result.output
    (response,) = store.load().responses_for("monthly-pulse")
    assert response.answers[BLAME] == "n/a"
    path.write_text(json.dumps(answers | {BLAME: "N/A"}))
    refused = CliRunner().invoke(cli, ["submit", "--role", "marketing", "--answers", str(path)])
    assert refused.exit_code == 2
    assert "expected a whole number 1-5 or 'n/a', got 'N/A'" in refused.output


def test_a_check_of_the_answers_refuses_n_a_for_text(monthly: Survey):
    from gtm_pulse.core.answers import check_answers

    with pytest.raises(AnswerError, match="frictions-checklist"):
        check_answers(monthly, {"frictions-checklist": "n/a"}, partial=True)


def test_compare_of_two_n_a_sides_alone_keeps_the_indices_of_the_rest(monthly: Survey, store):
    _pair(store, monthly, "2026-11", {BLAME: "n/a"}, {BLAME: "n/a"})
    snapshot = store.load()
    left, right = (
        next(r for r in snapshot.responses_for("monthly-pulse") if r.role == role)
        for role in ("sales", "marketing")
    )
    assert (
        len(compare(monthly, left, right).items)
        == len([q for q in monthly.likert if q.tension is None]) - 1
    )

"""The surveys' version 3 (issue 14): one thing per statement, the study's constructs, stages.

The relationship stage is worked by hand on the quarterly deep dive's twenty stage statements
(none of them reverse): a side answering all of them k scores 100 x k / 5, so 1 -> 20
(undefined), 2 -> 40 (defined), 3 -> 60 (aligned), 4 -> 80 (integrated); ten at 2 and ten at 3
-> mean 2.5 -> 50 (defined). The pair's score is the mean of the two sides'.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from gtm_pulse.core.models import Survey
from gtm_pulse.core.periods import parse_period
from gtm_pulse.core.stages import Placement, place, stage_of
from gtm_pulse.core.surveys import Catalog
from gtm_pulse.report import render
from gtm_pulse.services.comparing import build_review
from gtm_pulse.services.trending import build_trend
from gtm_pulse.store.database import Store
from tests.helpers import full_answers, scored, submit_one

DAY = dt.date(2026, 11, 15)

#: Every v2 monthly statement the issue named, and where its meaning went in version 3.
SPLIT_OR_REWORDED = {
    # double-barrelled
    "respect-seriously": (["respect-seriously"], ["respect-seriously", "respect-judgement"]),
    "respect-mocking": (["respect-mocking"], ["respect-mocking", "respect-passive"]),
    "respect-bypass": (["respect-bypass"], []),
    "strategy-personas": (["strategy-icp"], ["strategy-icp", "strategy-personas"]),
    "strategy-markets": (["strategy-markets"], ["strategy-leave-alone"]),
    "frictions-lead-definition": (["frictions-lead-definition"], ["lead-sla-hand-off"]),
    "frictions-content": (["frictions-content"], ["frictions-messaging"]),
    "frictions-blame": (["frictions-blame"], ["frictions-blame", "frictions-fix-together"]),
    # presupposing
    "frictions-cadence": (["frictions-cadence"], ["frictions-cadence"]),
    "frictions-lead-follow-up": (["frictions-lead-follow-up"], ["lead-sla-follow-up"]),
    "frictions-lead-quality": (["frictions-lead-quality"], ["lead-sla-quality"]),
    "respect-defend": (["respect-credit"], ["respect-credit"]),
}

#: What made a v2 statement double-barrelled or presupposing: none of it may remain.
GONE = (
    "and judgement", "mocked or", "my team or", "and buyer personas", "and which to leave",
    "and a hand-off", "messaging and content", "rather than fix", "Our regular meetings",
    "I would ",
)  # fmt: skip

#: The constructs of Kotler, Rackham & Krishnaswamy (2006) the quarterly version 1 missed.
CONSTRUCTS = (
    "insight-customers", "respect-upstream", "goals-beyond-year", "strategy-key-accounts",
    "metrics-funnel-analysis", "lead-sla-stages", "lead-sla-recycling",
    "integration-people-move", "integration-training", "integration-systems", "integration-crm",
)  # fmt: skip


@pytest.fixture(scope="module")
def quarterly(catalog: Catalog) -> Survey:
    return catalog.get("quarterly-deep-dive")


def test_both_surveys_are_version_3_and_the_old_ones_still_load(catalog: Catalog):
    assert catalog.get("monthly-pulse").version == catalog.get("quarterly-deep-dive").version == 3
    assert catalog.get("monthly-pulse", 2).version == 2
    assert catalog.get("quarterly-deep-dive", 1).version == 1


@pytest.mark.parametrize("old", SPLIT_OR_REWORDED)
def test_each_named_statement_was_split_or_reworded(catalog: Catalog, old: str):
    v2, v3 = catalog.get("monthly-pulse", 2), catalog.get("monthly-pulse")
    quarterly = catalog.get("quarterly-deep-dive")
    monthly_ids, quarterly_ids = SPLIT_OR_REWORDED[old]
    before = v2.question(old)
    assert before is not None
    for question_id in monthly_ids:
        after = v3.question(question_id)
        assert after is not None and after.text != before.text, question_id
    for question_id in quarterly_ids:
        assert quarterly.question(question_id) is not None, question_id


def test_no_statement_is_double_barrelled_or_presupposing_any_more(catalog: Catalog):
    for survey in (catalog.get("monthly-pulse"), catalog.get("quarterly-deep-dive")):
        for question in survey.likert:
            assert not [words for words in GONE if words in question.text], question.id


def test_the_quarterly_covers_every_construct_and_the_monthly_stays_short(catalog: Catalog):
    quarterly = catalog.get("quarterly-deep-dive")
    assert [c for c in CONSTRUCTS if quarterly.question(c) is None] == []
    monthly = catalog.get("monthly-pulse")
    assert monthly.estimated_seconds() < 5 * 60
    assert len(monthly.predicted) == 4 and len(monthly.mirrors) == 2
    assert [q.id for q in monthly.likert if q.tension] == ["strategy-horizon"]
    assert {q.metric for q in monthly.likert if q.metric} == {
        "mql-acceptance",
        "lead-follow-up-hours",
    }


# -- the relationship stage ---------------------------------------------------------------------


def _answers(quarterly: Survey, role: str, value: int, **others: int) -> dict:
    assert quarterly.stage is not None
    stage = dict.fromkeys(quarterly.stage.questions, value) | {
        k.replace("_", "-"): v for k, v in others.items()
    }
    return full_answers(quarterly, role) | scored(quarterly, 3) | stage


@pytest.mark.parametrize(
    ("value", "score", "stage"),
    [(1, 20.0, "undefined"), (2, 40.0, "defined"), (3, 60.0, "aligned"), (4, 80.0, "integrated")],
)
def test_each_of_the_four_stages_on_a_hand_worked_example(
    store: Store, quarterly: Survey, catalog: Catalog, value: int, score: float, stage: str
):
    submit_one(store, quarterly, "2026-Q3", "sales", _answers(quarterly, "sales", value))
    (response,) = store.load().responses_for("quarterly-deep-dive")
    assert place(quarterly, response) == Placement(score, stage)


def test_the_pair_and_a_difference_of_stage_are_said(
    store: Store, quarterly: Survey, catalog: Catalog
):
    assert quarterly.stage is not None
    half = {q.replace("-", "_"): 2 for q in quarterly.stage.questions[:10]}
    submit_one(store, quarterly, "2026-Q3", "sales", _answers(quarterly, "sales", 3, **half))
    submit_one(store, quarterly, "2026-Q3", "marketing", _answers(quarterly, "marketing", 4))
    review = build_review(
        store.load(), catalog, "quarterly-deep-dive", parse_period("2026-Q3"), DAY
    )
    (placed,) = review.history.stages
    assert placed.by_role == {
        "sales": Placement(50.0, "defined"),
        "marketing": Placement(80.0, "integrated"),
    }
    assert placed.pair == Placement(65.0, "aligned") and placed.differ
    verdict = render(review, "text", 80)
    assert (
        "Relationship stage: Sales defined (50), Marketing integrated (80): they place it on "
        "different stages" in " ".join(verdict.split())
    )
    document = json.loads(render(review, "json", 80))
    assert document["relationship_stage"] == {"sales": "defined", "marketing": "integrated"}
    assert document["relationship_stage_detail"]["pair"] == {"stage": "aligned", "score": 65.0}


def test_a_stage_needs_half_of_its_statements_answered(store: Store, quarterly: Survey):
    assert quarterly.stage is not None
    skipped = dict.fromkeys(quarterly.stage.questions[:11], "n/a")  # 9 of 20 left: not half
    answers = _answers(quarterly, "sales", 3) | skipped
    submit_one(store, quarterly, "2026-Q3", "sales", answers)
    (response,) = store.load().responses_for("quarterly-deep-dive")
    assert place(quarterly, response) is None


def test_a_band_is_read_from_its_start(quarterly: Survey):
    assert quarterly.stage is not None
    readings = [stage_of(quarterly.stage, v) for v in (20, 39.99, 40, 79.9, 80, 100)]
    assert readings == ["undefined", "undefined", "defined", "aligned", "integrated", "integrated"]


def test_the_trend_shows_the_stage_over_quarters(store: Store, quarterly: Survey, catalog):
    for period, value in (("2026-Q2", 2), ("2026-Q3", 3)):
        for role in ("sales", "marketing"):
            submit_one(store, quarterly, period, role, _answers(quarterly, role, value))
    _, history = build_trend(store.load(), catalog, "quarterly-deep-dive", None)
    assert [(s.period, s.pair.stage if s.pair else None) for s in history.stages] == [
        ("2026-Q2", "defined"),
        ("2026-Q3", "aligned"),
    ]


# -- versions -----------------------------------------------------------------------------------


def test_a_trend_across_versions_compares_only_what_both_ask_alike(store: Store, catalog: Catalog):
    v2, v3 = catalog.get("monthly-pulse", 2), catalog.get("monthly-pulse")
    for role in ("sales", "marketing"):
        submit_one(store, v2, "2026-10", role, full_answers(v2, role))
        submit_one(store, v3, "2026-11", role, full_answers(v3, role))
    review = build_review(store.load(), catalog, "monthly-pulse", parse_period("2026-11"), DAY)
    alike = {
        q.id
        for q in v3.likert
        if (old := v2.question(q.id)) is not None and old.text == q.text and not q.tension
    }
    shared = review.history.shared
    assert shared is not None and shared.versions == (2, 3)
    assert {i.question_id for c in review.history.comparisons for i in c.items} == alike
    assert review.current is not None and review.current.survey.version == 3
    assert len(review.current.items) == len([q for q in v3.likert if not q.tension])
    verdict = " ".join(render(review, "text", 80).split())
    said = f"Changes compare versions 2 and 3: the {len(alike)} statements both ask alike"
    assert said in verdict
    document = json.loads(render(review, "json", 80))
    assert document["trend"]["shared"] == {"versions": [2, 3], "statements": len(alike)}


def test_an_older_period_compares_on_the_definition_it_was_answered_on(
    store: Store, catalog: Catalog
):
    v2 = catalog.get("monthly-pulse", 2)
    for role in ("sales", "marketing"):
        submit_one(store, v2, "2026-10", role, full_answers(v2, role))
    review = build_review(store.load(), catalog, "monthly-pulse", parse_period("2026-10"), DAY)
    assert review.survey.version == 2
    assert "Would defend the other's work" in render(review, "text", 80, full=True)

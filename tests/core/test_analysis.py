"""Golden figures: a small data set whose gaps, indices, flags and agenda were worked by hand.

Scale 1-5. Scores (reverse item r2 flipped: 6 - answer):

    item  dim      Sales  Marketing  gap   joint
    r1    respect  4      2          +2    3
    r2    respect  4 (2)  2 (4)      +2    3
    g1    goals    5      3          +2    4
    g2    goals    2      2           0    2

mean |gap| = 1.5 -> alignment = 100 x (1 - 1.5/4) = 62.5
mean joint = 3   -> health    = 100 x (3 - 1)/4   = 50
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from gtm_pulse.core.agenda import agenda
from gtm_pulse.core.analysis import Comparison, compare, dimension_means
from gtm_pulse.core.models import Response
from gtm_pulse.core.surveys import parse_survey
from gtm_pulse.core.trend import arrow, trend

SURVEY = parse_survey(
    {
        "id": "golden",
        "version": 1,
        "title": "Golden",
        "cadence": "monthly",
        "scale": {"points": 5, "labels": ["1", "2", "3", "4", "5"]},
        "dimensions": [
            {"id": "respect", "name": "Respect & trust"},
            {"id": "goals", "name": "Goals"},
        ],
        "questions": [
            {
                "id": "r1",
                "label": "Respect",
                "dimension": "respect",
                "kind": "likert",
                "text": "We respect each other.",
            },
            {
                "id": "r2",
                "label": "Mockery",
                "dimension": "respect",
                "kind": "likert",
                "text": "We mock.",
                "reverse": True,
            },
            {
                "id": "g1",
                "label": "One strategy",
                "dimension": "goals",
                "kind": "likert",
                "text": "One strategy.",
            },
            {
                "id": "g2",
                "label": "Same incentives",
                "dimension": "goals",
                "kind": "likert",
                "text": "Same incentives.",
            },
            {
                "id": "f",
                "label": "Frictions",
                "dimension": "goals",
                "kind": "multi",
                "text": "Frictions?",
                "options": [
                    {"id": "a", "label": "Leads"},
                    {"id": "b", "label": "Decks"},
                    {"id": "c", "label": "Cadence"},
                ],
                "severities": ["minor", "severe"],
            },
        ],
    },
    "golden.toml",
)


def response(role: str, period: str, **answers: object) -> Response:
    return Response(
        survey_id="golden",
        survey_version=1,
        role=role,
        respondent=role,
        period=period,
        answers=answers,
    )


SALES = response("sales", "2026-10", r1=4, r2=2, g1=5, g2=2, f={"a": "severe", "b": "minor"})
MARKETING = response("marketing", "2026-10", r1=2, r2=4, g1=3, g2=2, f={"b": "severe"})
# The month before: r1 agreed, r2 one point apart, g1 two apart -> alignment 81.25.
BEFORE = compare(
    SURVEY,
    response("sales", "2026-09", r1=3, r2=3, g1=5, g2=2),
    response("marketing", "2026-09", r1=3, r2=4, g1=3, g2=2),
)


@pytest.fixture
def result() -> Comparison:
    return compare(SURVEY, SALES, MARKETING, previous=BEFORE)


def test_item_scores_and_signed_gaps(result: Comparison) -> None:
    assert [(i.question_id, i.left, i.right, i.gap) for i in result.items] == [
        ("r1", 4, 2, 2),
        ("r2", 4, 2, 2),
        ("g1", 5, 3, 2),
        ("g2", 2, 2, 0),
    ]


def test_dimension_means_gaps_and_joint_level(result: Comparison) -> None:
    assert [
        (d.dimension_id, d.left_mean, d.right_mean, d.mean_abs_gap, d.joint)
        for d in result.dimensions
    ] == [
        ("respect", 4.0, 2.0, 2.0, 3.0),
        ("goals", 3.5, 2.5, 1.0, 3.0),
    ]
    assert dimension_means(SURVEY, SALES) == {"respect": 4.0, "goals": 3.5}


def test_indices_and_quadrant(result: Comparison) -> None:
    assert (result.alignment, result.health) == (62.5, 50.0)
    assert result.quadrant == "divergent and struggling"
    assert BEFORE.alignment == 81.25


def test_flags_each_with_its_reason(result: Comparison) -> None:
    # One flag per statement with every reason; answers quoted as given (r2 is reverse:
    # Marketing agreeing 4 is the worse answer), named by the statement's label.
    assert [(f.kinds, f.question_id, f.reason) for f in result.flags] == [
        (
            ("gap", "low-trust"),
            "r1",
            "Respect: Sales: 4 (4) · Marketing: 2 (2); 2 points apart, Marketing sees it worse; "
            "low trust from Marketing",
        ),
        (
            ("gap", "low-trust"),
            "r2",
            "Mockery: Sales: 2 (2) · Marketing: 4 (4); 2 points apart, Marketing sees it worse "
            "(agreeing here means trouble); low trust from Marketing",
        ),
        (
            ("gap",),
            "g1",
            "One strategy: Sales: 5 (5) · Marketing: 3 (3); 2 points apart, Marketing sees it "
            "worse",
        ),
        (
            ("shared-problem",),
            "g2",
            "Same incentives: both 2 (2); both at the bad end: a shared problem",
        ),
        (("blind-spot",), "f", "Sales marks 'Leads' severe; Marketing does not mention it"),
        # 81.25 -> 62.5: a fall of 18.75, rounded half up
        (("alignment-drop",), None, "alignment fell 19 points since 2026-09 (81 -> 63)"),
    ]
    assert [f.kind for f in result.flags] == [
        "gap",
        "gap",
        "gap",
        "shared-problem",
        "blind-spot",
        "alignment-drop",
    ]


def test_frictions_named_by_both_or_one_side(result: Comparison) -> None:
    assert [(f.option_id, f.left, f.right, f.named_by) for f in result.frictions] == [
        ("a", "severe", None, "left"),
        ("b", "minor", "severe", "both"),
    ]


def test_agenda_starts_with_the_largest_fastest_growing_gap(result: Comparison) -> None:
    # growth since 2026-09: r1 +2, r2 +1, g1 0 -> weights 2 x 1.5, 2 x 1.25, 2 x 1;
    # g2 is a shared problem (both 2): (T + 1 - joint) x (1 + fall / 4) = (2 + 1 - 2) x 1
    assert [(a.question_id, a.kind, a.growth, a.weight) for a in agenda(result, BEFORE)] == [
        ("r1", "divergence", 2.0, 3.0),
        ("r2", "divergence", 1.0, 2.5),
        ("g1", "divergence", 0.0, 2.0),
        ("g2", "shared-problem", 0.0, 1.0),
    ]


def test_agenda_without_history_ranks_by_gap_then_survey_order(result: Comparison) -> None:
    # r1, r2, g1 each 2 apart (weight 2); the shared problem g2 weighs 1
    assert [a.question_id for a in agenda(result)] == ["r1", "r2", "g1", "g2"]


def test_trend_changes_arrows_and_runs(result: Comparison) -> None:
    healed = compare(
        SURVEY,
        response("sales", "2026-11", r1=3, r2=3, g1=4, g2=4),
        response("marketing", "2026-11", r1=3, r2=3, g1=4, g2=4),
    )
    history = trend([healed, result, BEFORE])  # any order: sorted by period
    assert history.periods == ["2026-09", "2026-10", "2026-11"]
    assert [history.change(i) for i in range(3)] == [None, -18.75, 37.5]
    assert [arrow(history.change(i)) for i in range(3)] == ["→", "↓", "↑"]
    assert history.dimension_gap(1, "respect") == 2.0
    decline = history.longest_run(improving=False)
    assert (decline.length, decline.start, decline.end) == (1, "2026-09", "2026-10")
    assert history.longest_run(improving=True).length == 1


def test_longest_run_of_improvement_spans_consecutive_rises() -> None:
    def at(period: str, value: int) -> Comparison:
        both = {"r1": value, "r2": 6 - value, "g1": value, "g2": value}
        return compare(
            SURVEY,
            response("sales", period, **both),
            response("marketing", period, **{**both, "g2": 1}),
        )

    # g2 gap shrinks 3, 2, 1, then grows to 2: alignment rises twice, then falls.
    history = trend([at("2026-01", 4), at("2026-02", 3), at("2026-03", 2), at("2026-04", 3)])
    run = history.longest_run(improving=True)
    assert (run.length, run.start, run.end) == (2, "2026-01", "2026-03")


def test_thresholds_come_from_the_survey() -> None:
    strict = replace(SURVEY, thresholds=replace(SURVEY.thresholds, gap=3.0, low_trust=1.0))
    kinds = [f.kind for f in compare(strict, SALES, MARKETING).flags]
    assert kinds == ["shared-problem", "blind-spot"]  # g2: both 2, at the default 2.0
    stricter = replace(strict, thresholds=replace(strict.thresholds, shared_problem=1.0))
    kinds = [f.kind for f in compare(stricter, SALES, MARKETING).flags]
    assert kinds == ["blind-spot"]

"""Properties of predictions, mirror pairs and healthy tension over generated answers."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gtm_pulse.core.analysis import compare
from gtm_pulse.core.models import Response
from gtm_pulse.core.perceptions import perceive
from gtm_pulse.store.survey_files import load_catalog

MONTHLY = load_catalog().get("monthly-pulse")
LIKERT = [q for q in MONTHLY.questions if q.kind == "likert"]
PREDICTED = [q.id for q in MONTHLY.questions if q.predict]
TENSIONS = [q.id for q in MONTHLY.questions if q.tension]
POINTS = MONTHLY.scale.points

answers = st.fixed_dictionaries({q.id: st.integers(1, POINTS) for q in LIKERT})
guesses = st.fixed_dictionaries({qid: st.integers(1, POINTS) for qid in PREDICTED})


def response(role: str, given: dict, predictions: dict | None = None) -> Response:
    return Response(
        survey_id=MONTHLY.id, survey_version=MONTHLY.version, role=role, respondent=role,
        period="2026-11", answers=given, predictions=predictions or {},
    )  # fmt: skip


@given(answers, answers)
def test_perfect_predictions_give_understanding_100_and_no_blind_spot(a: dict, b: dict) -> None:
    sales = response("sales", a, {qid: b[qid] for qid in PREDICTED})
    marketing = response("marketing", b, {qid: a[qid] for qid in PREDICTED})
    perceived = perceive(compare(MONTHLY, sales, marketing))
    assert perceived.understanding == 100
    assert perceived.by_side == {"sales": 100, "marketing": 100}
    assert perceived.blind_spots == []


@given(answers, answers, guesses, guesses)
def test_understanding_stays_in_0_100(a: dict, b: dict, ga: dict, gb: dict) -> None:
    perceived = perceive(compare(MONTHLY, response("sales", a, ga), response("marketing", b, gb)))
    assert perceived.understanding is not None and 0 <= perceived.understanding <= 100


@given(answers, answers, guesses, guesses)
def test_swapping_roles_mirrors_blame_asymmetry(a: dict, b: dict, ga: dict, gb: dict) -> None:
    sales, marketing = response("sales", a, ga), response("marketing", b, gb)
    forward = perceive(compare(MONTHLY, sales, marketing))
    backward = perceive(compare(MONTHLY, marketing, sales))
    assert backward.self_favour == forward.self_favour  # each side keeps its own figure
    assert backward.blame_asymmetry == forward.blame_asymmetry
    assert [b.sides[::-1] for b in backward.blame] == [f.sides for f in forward.blame]
    assert backward.understanding == forward.understanding
    assert sorted(r.misreading for r in backward.readings) == sorted(
        r.misreading for r in forward.readings
    )


@given(answers, answers, st.integers(1, POINTS), st.integers(1, POINTS))
def test_a_healthy_tension_never_moves_an_index_or_raises_a_flag(
    a: dict, b: dict, left: int, right: int
) -> None:
    base = compare(MONTHLY, response("sales", a), response("marketing", b))
    moved = compare(
        MONTHLY,
        response("sales", {**a, **dict.fromkeys(TENSIONS, left)}),
        response("marketing", {**b, **dict.fromkeys(TENSIONS, right)}),
    )
    assert (moved.alignment, moved.health) == (base.alignment, base.health)
    assert moved.dimensions == base.dimensions
    assert [f.reason for f in moved.flags] == [f.reason for f in base.flags]
    assert all(f.question_id not in TENSIONS for f in moved.flags)
    assert [t.gap for t in moved.tensions] == [left - right] * len(TENSIONS)


@given(answers)
def test_the_shipped_pulse_has_what_the_perceptions_need(a: dict) -> None:
    assert 3 <= len(PREDICTED) <= 5 and len(MONTHLY.mirrors) >= 2 and TENSIONS
    assert MONTHLY.estimated_seconds() < 5 * 60
    same = perceive(compare(MONTHLY, response("sales", a), response("marketing", dict(a))))
    assert same.blame_asymmetry == 0  # both rate each function alike: nobody blames anyone

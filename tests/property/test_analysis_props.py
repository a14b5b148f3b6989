"""Properties of the analysis over generated answers to the shipped monthly pulse."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from gtm_pulse.core.analysis import compare, score
from gtm_pulse.core.models import Response
from gtm_pulse.store.survey_files import load_catalog

MONTHLY = load_catalog().get("monthly-pulse")
LIKERT = [q for q in MONTHLY.questions if q.kind == "likert"]
POINTS = MONTHLY.scale.points

answers = st.fixed_dictionaries({q.id: st.integers(1, POINTS) for q in LIKERT})


def response(role: str, given_answers: dict) -> Response:
    return Response(survey_id=MONTHLY.id, survey_version=MONTHLY.version, role=role,
                    respondent=role, period="2026-11", answers=given_answers)  # fmt: skip


@given(answers)
def test_identical_answers_give_alignment_100_and_no_gap_flags(same: dict) -> None:
    result = compare(MONTHLY, response("sales", same), response("marketing", same))
    assert result.alignment == 100
    assert not [f for f in result.flags if f.kind == "gap"]


@given(answers, answers)
def test_swapping_roles_flips_every_signed_gap_and_keeps_the_rest(a: dict, b: dict) -> None:
    forward = compare(MONTHLY, response("sales", a), response("marketing", b))
    backward = compare(MONTHLY, response("marketing", b), response("sales", a))
    assert [i.gap for i in backward.items] == [-i.gap for i in forward.items]
    assert [i.size for i in backward.items] == [i.size for i in forward.items]
    assert (backward.alignment, backward.health) == (forward.alignment, forward.health)


@given(answers, answers)
def test_indices_stay_between_0_and_100(a: dict, b: dict) -> None:
    result = compare(MONTHLY, response("sales", a), response("marketing", b))
    assert 0 <= result.alignment <= 100
    assert 0 <= result.health <= 100


@given(st.sampled_from(LIKERT), st.integers(1, POINTS))
def test_reverse_items_flip_the_scale(question, value: int) -> None:
    flipped = replace(question, reverse=not question.reverse)
    assert score(question, value, POINTS) + score(flipped, value, POINTS) == POINTS + 1

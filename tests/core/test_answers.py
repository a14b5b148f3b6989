"""Answers are checked against the survey; every problem names its question id."""

from __future__ import annotations

import pytest

from gtm_pulse.core.answers import check_answers
from gtm_pulse.core.models import Survey
from gtm_pulse.errors import AnswerError
from tests.helpers import full_answers as answered


def full_answers(survey: Survey) -> dict:
    """Answers to the survey's own questions: predictions are added by submission, not here."""
    raw = answered(survey)
    raw.pop("_predictions", None)
    return raw


def first(survey: Survey, kind: str) -> str:
    return next(q.id for q in survey.questions if q.kind == kind)


def problems(survey: Survey, raw: dict, **kwargs) -> list[str]:
    with pytest.raises(AnswerError) as caught:
        check_answers(survey, raw, **kwargs)
    return caught.value.problems


def test_a_full_answer_set_passes(monthly: Survey) -> None:
    checked = check_answers(monthly, full_answers(monthly))
    assert set(checked.answers) == {q.id for q in monthly.questions}


def test_likert_out_of_range_names_the_question(monthly: Survey) -> None:
    qid = first(monthly, "likert")
    raw = {**full_answers(monthly), qid: 9}
    assert problems(monthly, raw) == [f"question {qid!r}: 9 is out of range 1-5"]


@pytest.mark.parametrize("value", [True, 3.0, "3", [3]])
def test_likert_needs_a_whole_number(monthly: Survey, value: object) -> None:
    qid = first(monthly, "likert")
    (problem,) = problems(monthly, {**full_answers(monthly), qid: value})
    assert problem.startswith(f"question {qid!r}: expected a whole number 1-5")


def test_unknown_question(monthly: Survey) -> None:
    assert problems(monthly, {**full_answers(monthly), "nope": 3}) == [
        f"unknown question 'nope' (not in survey monthly-pulse v{monthly.version})"
    ]


def test_required_questions_missing_are_listed_in_survey_order(monthly: Survey) -> None:
    required = [q.id for q in monthly.questions if q.is_required]
    assert problems(monthly, {}) == [
        f"question {qid!r}: required but not answered" for qid in required
    ]


def test_partial_answers_are_fine_for_drafts(monthly: Survey) -> None:
    qid = first(monthly, "likert")
    assert check_answers(monthly, {qid: 4}, partial=True).answers == {qid: 4}


def test_multi_choice_as_a_list_or_with_severities(monthly: Survey) -> None:
    question = next(q for q in monthly.questions if q.kind == "multi")
    a, b = question.options[0].id, question.options[1].id
    severe = question.severities[-1]
    as_list = check_answers(monthly, {question.id: [a, b]}, partial=True).answers[question.id]
    as_object = check_answers(monthly, {question.id: {a: severe}}, partial=True).answers[
        question.id
    ]
    assert as_list == {a: None, b: None}
    assert as_object == {a: severe}


def test_multi_choice_refuses_unknown_options_and_severities(monthly: Survey) -> None:
    question = next(q for q in monthly.questions if q.kind == "multi")
    option = question.options[0].id
    (unknown,) = problems(monthly, {question.id: ["martians"]}, partial=True)
    assert unknown.startswith(f"question {question.id!r}: 'martians' is not an option (options: ")
    (severity,) = problems(monthly, {question.id: {option: "apocalyptic"}}, partial=True)
    assert "severity 'apocalyptic'" in severity


def test_multi_choice_refuses_a_repeated_pick(monthly: Survey) -> None:
    question = next(q for q in monthly.questions if q.kind == "multi")
    option = question.options[0].id
    (problem,) = problems(monthly, {question.id: [option, option]}, partial=True)
    assert "picked twice" in problem


def test_blank_text_counts_as_unanswered(monthly: Survey) -> None:
    qid = first(monthly, "text")
    assert qid not in check_answers(monthly, {qid: ""}, partial=True).answers


def test_comments_are_kept_exactly_and_checked(monthly: Survey) -> None:
    dimension = next(d for d in monthly.dimensions if d.comment)
    text = "[bold]not bold[/] \x1b[31m"
    raw = {**full_answers(monthly), "_comments": {dimension.id: text}}
    assert check_answers(monthly, raw).comments == {dimension.id: text}
    bad = {**full_answers(monthly), "_comments": {"weather": "sunny"}}
    (problem,) = problems(monthly, bad)
    assert problem.startswith("_comments: unknown dimension 'weather'")


def test_the_source_prefixes_every_line(monthly: Survey) -> None:
    with pytest.raises(AnswerError) as caught:
        check_answers(monthly, {"nope": 1}, partial=True, source="answers.json")
    assert caught.value.lines() == [
        f"answers.json: unknown question 'nope' (not in survey monthly-pulse v{monthly.version})"
    ]

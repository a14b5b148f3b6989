"""The survey flow without any UI: pages, progress, resume, carry-over and submit."""

from __future__ import annotations

import pytest

from gtm_pulse.core.models import NOT_APPLICABLE, Draft, Survey, Team
from gtm_pulse.errors import AnswerError
from gtm_pulse.services.taking import TakeSession, build_pages, carry_over
from gtm_pulse.store.database import Store


def session(store: Store, survey: Survey, team: Team, **kwargs) -> TakeSession:
    return TakeSession(store, survey, team, "sales", "2026-11", **kwargs)


def test_pages_are_the_questions_grouped_by_dimension_with_no_comment_pages(
    monthly: Survey,
) -> None:
    # Given a survey whose dimensions ask for comments
    assert any(d.comment for d in monthly.dimensions)
    # When it is cut into pages
    pages = build_pages(monthly)
    # Then each page is a question of its dimension: a comment is opened from them, not passed
    assert [p.question for p in pages] == [
        q for d in monthly.dimensions for q in monthly.questions_in(d.id)
    ]
    assert all(p.question.dimension == p.dimension.id for p in pages)


def test_a_chosen_answer_is_named_in_words(store: Store, monthly: Survey, team: Team) -> None:
    first, second = monthly.questions[0], monthly.questions[1]
    taking = session(store, monthly, team, answers={first.id: 4, second.id: NOT_APPLICABLE})
    assert taking.said(first) == "Agree (4)"
    assert taking.said(second) == "n/a"
    assert taking.said(monthly.questions[2]) is None  # not answered: nothing to name


def test_n_a_is_kept_as_given(store: Store, monthly: Survey, team: Team) -> None:
    taking = session(store, monthly, team)
    taking.answer(monthly.questions[0], NOT_APPLICABLE)
    draft = store.load().draft("monthly-pulse", "2026-11", "sales")
    assert draft.answers == {monthly.questions[0].id: "n/a"}
    assert taking.resume_page() == 1  # answered: n/a is an answer


def test_the_first_missing_page_skips_optional_questions(
    store: Store, monthly: Survey, team: Team
) -> None:
    taking = session(store, monthly, team)
    answers = {p.question.id: 3 for p in taking.pages if p.question.kind == "likert"}
    taking = session(store, monthly, team, answers=answers)
    # Only the checklist and the free-text question are left, and both are optional.
    assert taking.resume_page() < len(taking.pages)
    assert taking.first_missing_page() is None
    del answers[taking.pages[3].question.id]
    taking = session(store, monthly, team, answers=answers)
    assert taking.first_missing_page() == 3


def test_every_answer_is_saved_as_it_is_given(store: Store, monthly: Survey, team: Team) -> None:
    taking = session(store, monthly, team)
    taking.answer(monthly.questions[0], 4)
    draft = store.load().draft("monthly-pulse", "2026-11", "sales")
    assert draft.answers == {monthly.questions[0].id: 4}


def test_a_bad_answer_is_refused_and_not_saved(store: Store, monthly: Survey, team: Team) -> None:
    taking = session(store, monthly, team)
    with pytest.raises(ValueError, match="out of range"):
        taking.answer(monthly.questions[0], 9)
    assert taking.answers == {}
    assert store.load().drafts == []


def test_resume_is_the_first_unanswered_question(store: Store, monthly: Survey, team: Team) -> None:
    q = monthly.questions
    taking = session(store, monthly, team, answers={q[0].id: 3, q[2].id: 3})
    assert taking.resume_page() == 1
    assert taking.position(1) == (2, len(taking.survey.questions))


def test_carry_over_keeps_only_answers_that_still_fit(monthly: Survey) -> None:
    q = monthly.questions
    draft = Draft(survey_id=monthly.id, survey_version=1, role="sales", period="2026-11",
                  answers={q[0].id: 3, "gone": 2})  # fmt: skip
    assert carry_over(draft, monthly) == ({q[0].id: 3}, ["gone"])


def test_submit_needs_every_required_answer(store: Store, monthly: Survey, team: Team) -> None:
    taking = session(store, monthly, team, answers={monthly.questions[0].id: 3})
    with pytest.raises(AnswerError, match="required but not answered"):
        taking.submit()
    assert store.load().responses == []

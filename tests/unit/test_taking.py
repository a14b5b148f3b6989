"""The survey flow without any UI: pages, progress, resume, carry-over and submit."""

from __future__ import annotations

import pytest

from gtm_pulse.errors import AnswerError
from gtm_pulse.models import Draft, Survey, Team
from gtm_pulse.store import Store
from gtm_pulse.taking import TakeSession, build_pages, carry_over


def session(store: Store, survey: Survey, team: Team, **kwargs) -> TakeSession:
    return TakeSession(store, survey, team, "sales", "2026-11", **kwargs)


def test_pages_group_questions_by_dimension_and_end_each_with_its_comment(monthly: Survey) -> None:
    pages = build_pages(monthly)
    assert len([p for p in pages if p.question]) == len(monthly.questions)
    assert len([p for p in pages if p.is_comment]) == sum(
        1 for d in monthly.dimensions if d.comment
    )
    first_comment = next(i for i, p in enumerate(pages) if p.is_comment)
    assert pages[first_comment].dimension == pages[first_comment - 1].dimension


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

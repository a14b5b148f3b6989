"""Taking a survey: the pages a VP walks through, the answers given so far, autosave and submit.

Textual-free, so the whole flow is testable without a UI and the TUI screens stay wiring. Every
answer and comment is written to the store as a draft the moment it is given; a new session for
the same survey, period and role picks the draft up again. Commitments due by the period are
asked first (see :mod:`gtm_pulse.core.commitments`).

A dimension's optional comment is not a page: pages are questions only, so a key meant for an
answer never lands in a comment box, and the comment is opened on purpose from any page of its
dimension (issue 14).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gtm_pulse.core.answers import COMMENTS_KEY, check_answer, check_answers, is_answered
from gtm_pulse.core.asking import asked_survey, separate
from gtm_pulse.core.models import (
    NOT_APPLICABLE,
    RESERVED_PREFIXES,
    Answer,
    Commitment,
    Dimension,
    Draft,
    Question,
    Response,
    Survey,
    Team,
)
from gtm_pulse.core.periods import Period
from gtm_pulse.store.database import Store


@dataclass(frozen=True)
class Page:
    """One screenful: a question, with the dimension it belongs to (whose comment it can open)."""

    dimension: Dimension
    question: Question


def build_pages(survey: Survey) -> list[Page]:
    """Questions in survey order, grouped by dimension; no page of their own for comments.

    Comment pages between the statements took the digits and the ``q`` meant for the next
    answer (issue 14: "43242" was saved as a comment), and cost a key each to pass.
    """
    return [
        Page(dimension, question)
        for dimension in survey.dimensions
        for question in survey.questions_in(dimension.id)
    ]


def carry_over(draft: Draft, survey: Survey) -> tuple[dict[str, Answer], list[str]]:
    """The answers of a draft (maybe of another survey version) that still fit ``survey``.

    Returns the answers kept and the ids of those dropped, so the UI can say what was lost.
    """
    kept: dict[str, Answer] = {}
    dropped: list[str] = []
    for question_id, value in draft.answers.items():
        question = survey.question(question_id)
        try:
            if question is None:
                raise ValueError("no longer asked")
            kept[question_id] = check_answer(question, value, survey)
        except ValueError:
            dropped.append(question_id)
    return kept, dropped


class TakeSession:
    """One VP answering one survey for one period, autosaving as they go."""

    def __init__(
        self,
        store: Store,
        survey: Survey,
        team: Team,
        role: str,
        period: Period,
        *,
        answers: dict[str, Answer] | None = None,
        comments: dict[str, str] | None = None,
        amending: bool = False,
        due: Sequence[Commitment] = (),
    ) -> None:
        self.store = store
        self.recorded = survey
        """The survey itself: what the response records (see :meth:`submit`)."""
        self.survey = asked_survey(survey, role, due)
        """What is asked: the survey, opened by a question per commitment ``due``, with a
        guess at the other VP's answer after each predicted statement."""
        self.team = team
        self.role = role
        self.period = period
        self.amending = amending
        # A draft may hold follow-ups on commitments marked done since: no longer asked.
        self.answers: dict[str, Answer] = {
            key: value
            for key, value in (answers or {}).items()
            if not key.startswith(RESERVED_PREFIXES) or self.survey.question(key) is not None
        }
        self.comments: dict[str, str] = dict(comments or {})
        self.pages = build_pages(self.survey)

    @property
    def respondent(self) -> str:
        return self.team.members[self.role]

    def text(self, template: str) -> str:
        """Survey text as this respondent reads it ({other} and {own} filled in)."""
        return self.survey.render(template, self.role)

    # -- answering --------------------------------------------------------------------------

    def answer(self, question: Question, value: object) -> None:
        """Record an answer and autosave it; ValueError (with the reason) if it does not fit."""
        checked = check_answer(question, value, self.survey)
        answers = dict(self.answers)
        if question.kind == "text" and not is_answered(question, checked):
            answers.pop(question.id, None)
        else:
            answers[question.id] = checked
        self.save(answers=answers)

    def comment(self, dimension: Dimension, text: str) -> None:
        """Record a dimension's comment exactly as typed (blank removes it) and autosave it."""
        comments = dict(self.comments)
        if text.strip():
            comments[dimension.id] = text
        else:
            comments.pop(dimension.id, None)
        self.save(comments=comments)

    def save(
        self, *, answers: dict[str, Answer] | None = None, comments: dict[str, str] | None = None
    ) -> None:
        """Write the draft now (atomic and locked, like every write), then keep it in memory.

        Memory changes only once the write has landed, so what the screen shows is what a
        restart would show; a failed write raises and changes nothing.
        """
        answers = self.answers if answers is None else answers
        comments = self.comments if comments is None else comments
        self.store.save_draft(
            Draft(
                survey_id=self.survey.id,
                survey_version=self.survey.version,
                role=self.role,
                period=self.period,
                answers=answers,
                comments=comments,
                amending=self.amending,
            )
        )
        self.answers, self.comments = answers, comments

    # -- progress ---------------------------------------------------------------------------

    def is_answered(self, question: Question) -> bool:
        return is_answered(question, self.answers.get(question.id))

    def said(self, question: Question) -> str | None:
        """A chosen answer in words, as the VP picked it: "Agree (4)", "n/a", an option's label.

        None when ``question`` has no answer, or is a checklist or free text (those show what
        was given in the answer itself). A revisited page names its answer with this, so it
        is not told by colour alone (issue 14).
        """
        value = self.answers.get(question.id)
        if value is None:
            return None
        if question.kind == "likert" and value == NOT_APPLICABLE:
            return NOT_APPLICABLE
        if question.kind == "likert" and isinstance(value, int):
            return f"{self.survey.scale.labels[value - 1]} ({value})"
        if question.kind == "single" and isinstance(value, str):
            option = question.option(value)
            return option.label if option else value
        return None

    def missing(self) -> list[Question]:
        """Required questions still without an answer, in survey order."""
        return [q for q in self.survey.questions if q.is_required and not self.is_answered(q)]

    def answered_count(self) -> int:
        return sum(1 for q in self.survey.questions if self.is_answered(q))

    def resume_page(self) -> int:
        """The first page whose question has no answer; ``len(pages)`` means: go to review."""
        for index, page in enumerate(self.pages):
            if not self.is_answered(page.question):
                return index
        return len(self.pages)

    def first_missing_page(self) -> int | None:
        """The page of the first required question without an answer; None if there is none."""
        for index, page in enumerate(self.pages):
            if page.question.is_required and not self.is_answered(page.question):
                return index
        return None

    def position(self, index: int) -> tuple[int, int]:
        """(n, total) of the question on page ``index`` among all questions, for "3 of 17"."""
        return index + 1, len(self.pages)

    # -- submitting -------------------------------------------------------------------------

    def submit(self) -> Response:
        """Validate everything and store the response (an amendment keeps the earlier revision).

        Raises :class:`~gtm_pulse.errors.AnswerError` listing what is missing or wrong.
        """
        checked = check_answers(self.survey, {**self.answers, COMMENTS_KEY: self.comments})
        parts = separate(checked.answers)
        response = Response(
            survey_id=self.survey.id,
            survey_version=self.survey.version,
            role=self.role,
            respondent=self.respondent,
            period=self.period,
            answers=parts.answers,
            comments=checked.comments,
            follow_ups=parts.follow_ups,
            predictions=parts.predictions,
        )
        return self.store.submit(response, self.recorded, amend=self.amending)

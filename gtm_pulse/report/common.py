"""Small lookups every report format shares: names and wording the CEO reads."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from gtm_pulse.core import figures, roles, wording
from gtm_pulse.core.agenda import AgendaItem
from gtm_pulse.core.analysis import Comparison, Friction
from gtm_pulse.core.models import NOT_APPLICABLE, FollowUp, Survey

if TYPE_CHECKING:  # comparing imports the store; the formats import this module first
    from gtm_pulse.core.stages import Stages
    from gtm_pulse.services.comparing import Review


def not_applicable_words(review: Review, current: Comparison) -> list[str]:
    """``Label: Sales: Agree (4) · Marketing: n/a``, one per statement a side answered n/a."""
    names = (roles.function_name(review.pair[0]), roles.function_name(review.pair[1]))
    survey = current.survey
    return [
        f"{survey.label(n.question_id)}: {wording.quote_pair(survey, names, (n.left, n.right))}"
        for n in current.not_applicable
    ]


def not_applicable_count(current: Comparison) -> dict[str, int]:
    """Role -> how many statements that side answered n/a (both roles of the pair)."""
    left, right = current.pair
    return {
        left: sum(1 for n in current.not_applicable if n.left == NOT_APPLICABLE),
        right: sum(1 for n in current.not_applicable if n.right == NOT_APPLICABLE),
    }


def stage_now(review: Review) -> Stages | None:
    """The placements of the period reviewed, if its survey places the relationship."""
    found = review.history.stages
    return found[-1] if found and found[-1].period == review.period else None


def stage_words(placed: Stages, pair: tuple[str, str]) -> str:
    """``Sales defined (52), Marketing aligned (64): they place it on different stages``."""
    sides = [
        f"{roles.function_name(role)} {placed.by_role[role].stage} "
        f"({figures.shown(placed.by_role[role].score)})"
        for role in pair
        if role in placed.by_role
    ]
    words = ", ".join(sides)
    if placed.differ:
        return f"{words}: they place it on different stages"
    if placed.pair is not None:
        return f"{words}: both {placed.pair.stage}"
    return words


def gap_meaning(survey: Survey) -> str:
    """What a dimension's ``|gap|`` is: not the difference of the two means shown beside it."""
    span = survey.scale.points - 1
    return f"|gap|: the mean distance between the two answers per statement, 0 to {span}"


#: What the agenda says when there is nothing on it.
NO_AGENDA = (
    "Nothing to talk about first: the two sides answered every statement alike and see no "
    "shared problem."
)


def question_text(survey: Survey, question_id: str) -> str:
    """The question's wording as the CEO reads it (see :meth:`Survey.neutral`)."""
    question = survey.question(question_id)
    return survey.neutral(question.text) if question else question_id


def dimension_name(survey: Survey, dimension_id: str) -> str:
    """A dimension's name (its id when the survey no longer has it)."""
    found = survey.dimension(dimension_id)
    return found.name if found else dimension_id


def choice_label(survey: Survey, question_id: str, option_id: str) -> str:
    """An option's label (its id when the survey no longer has it)."""
    question = survey.question(question_id)
    option = question.option(option_id) if question else None
    return option.label if option else option_id


def named_by_role(friction: Friction, pair: tuple[str, str]) -> str:
    """``both`` or the role that alone named the friction (the JSON form)."""
    return {"both": "both", "left": pair[0], "right": pair[1]}[friction.named_by]


def friction_named_by(friction: Friction, pair: tuple[str, str]) -> str:
    """``both``, or ``only Sales`` / ``only Marketing`` (the words a report shows)."""
    who = named_by_role(friction, pair)
    return who if who == "both" else f"only {roles.function_name(who)}"


def follow_up_answers(answers: Mapping[str, FollowUp], pair: tuple[str, str]) -> list[str]:
    """``["Sales: yes", "Marketing: partly"]``: what each side said a commitment's follow-up.

    In the pair's order; a side that did not answer is left out. One wording for every report.
    """
    return [
        f"{roles.function_name(role)}: {answers[role].status}" for role in pair if role in answers
    ]


def agenda_words(review: Review, current: Comparison, item: AgendaItem) -> str:
    """``Label: Sales: Disagree (2) · Marketing: Agree (4); 2 points apart, wider by 1 since
    2026-04. 'The whole statement.'``: one agenda item in words, the answers as given."""
    survey = current.survey
    found = current.item(item.question_id)
    assert found is not None
    names = (roles.function_name(review.pair[0]), roles.function_name(review.pair[1]))
    said = wording.quote_pair(survey, names, (found.left_answer, found.right_answer))
    previous = (
        review.history.comparisons[-2].period if len(review.history.comparisons) > 1 else None
    )
    if item.kind == "shared-problem":
        why = "both at the bad end: a shared problem"
        if previous and item.growth > 0:
            why += f", worse by {item.growth:g} since {previous}"
    else:
        question = survey.question(item.question_id)
        assert question is not None
        answers = (found.left_answer, found.right_answer)
        why = f"{wording.points(found.size)} apart, {wording.worse_side(question, names, answers)}"
        if previous and item.growth > 0:
            why += f", wider by {item.growth:g} since {previous}"
    text = question_text(survey, item.question_id)
    return f"{survey.label(item.question_id)}: {said}; {why}. '{text}'"

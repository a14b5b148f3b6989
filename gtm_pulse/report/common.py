"""Small lookups every report format shares: names and wording the CEO reads."""

from __future__ import annotations

from collections.abc import Mapping

from gtm_pulse import roles
from gtm_pulse.analysis import Friction
from gtm_pulse.models import FollowUp, Survey


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

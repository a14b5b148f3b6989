"""Check raw answers against a survey: the one validation shared by ``submit``, the TUI and import.

Raw answers are JSON values (likert: int, or ``"n/a"`` when it does not apply; single: option
id; multi: a list of option ids or an object option id -> severity; text: a string). Every
problem is reported with its question id.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from gtm_pulse.core.models import NOT_APPLICABLE, TEXT_MAX, Answer, Question, Survey
from gtm_pulse.errors import AnswerError

#: The key of an answers file that holds per-dimension comments: ``{"respect": "..."}``.
COMMENTS_KEY = "_comments"


def section(
    raw: Mapping[str, Any], key: str, expected: str, source: str
) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """``raw`` without the reserved ``key`` (``_follow_ups``, ``_predictions``), and the object
    under it: None when absent, an :class:`AnswerError` saying ``expected`` when not an object."""
    given = raw.get(key)
    rest = {k: v for k, v in raw.items() if k != key}
    if given is not None and not isinstance(given, dict):
        raise AnswerError([f"{key}: expected {expected}"], source)
    return rest, given


def check_answer(question: Question, value: object, survey: Survey) -> Answer:
    """The stored form of ``value`` as an answer to ``question``; ValueError says what is wrong."""
    if question.kind == "likert":
        points = survey.scale.points
        if value == NOT_APPLICABLE:
            return NOT_APPLICABLE
        if type(value) is not int:  # bool is an int subclass: True must not pass as 1
            raise ValueError(
                f"expected a whole number 1-{points} or {NOT_APPLICABLE!r}, got {_show(value)}"
            )
        if not 1 <= value <= points:
            raise ValueError(f"{value} is out of range 1-{points}")
        return value
    if question.kind == "single":
        if not isinstance(value, str) or question.option(value) is None:
            raise ValueError(f"{_show(value)} is not an option ({_options(question)})")
        return value
    if question.kind == "multi":
        return _check_multi(question, value)
    if not isinstance(value, str):
        raise ValueError(f"expected text, got {_show(value)}")
    if len(value) > TEXT_MAX:
        raise ValueError(f"text is {len(value)} characters; the limit is {TEXT_MAX}")
    return value


def _check_multi(question: Question, value: object) -> dict[str, str | None]:
    if isinstance(value, list):
        picks: dict[str, object] = {}
        for item in value:
            if not isinstance(item, str):
                raise ValueError(f"expected option ids, got {_show(item)}")
            if item in picks:
                raise ValueError(f"option {item!r} is picked twice")
            picks[item] = None
    elif isinstance(value, dict):
        picks = dict(value)
    else:
        raise ValueError(
            f"expected a list of options or an object option -> severity, got {_show(value)}"
        )
    result: dict[str, str | None] = {}
    for option, severity in picks.items():
        if question.option(option) is None:
            raise ValueError(f"{option!r} is not an option ({_options(question)})")
        if severity is not None and severity not in question.severities:
            allowed = ", ".join(question.severities) or "none: this question takes no severity"
            raise ValueError(f"severity {_show(severity)} for {option!r} is not one of: {allowed}")
        result[option] = severity  # checked just above
    return result


def _options(question: Question) -> str:
    return "options: " + ", ".join(option.id for option in question.options)


def _show(value: object, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def is_answered(question: Question, value: Answer | None) -> bool:
    """Whether ``value`` counts as an answer: blank text does not."""
    if value is None:
        return False
    if question.kind == "text":
        return isinstance(value, str) and bool(value.strip())
    return True


@dataclass
class CheckedAnswers:
    """Answers and comments that fit a survey, in the form the store keeps."""

    answers: dict[str, Answer] = field(default_factory=dict)
    comments: dict[str, str] = field(default_factory=dict)

    def missing(self, survey: Survey) -> list[str]:
        """Ids of the required questions that have no answer yet, in survey order."""
        return [
            q.id
            for q in survey.questions
            if q.is_required and not is_answered(q, self.answers.get(q.id))
        ]


def question_named(key: str) -> str:
    """``question 'respect-seriously'``: how a problem names a question by default."""
    return f"question {key!r}"


def check_answers(
    survey: Survey,
    raw: Mapping[str, object],
    *,
    partial: bool = False,
    source: str = "answers",
    named: Callable[[str], str] = question_named,
) -> CheckedAnswers:
    """Validate a whole answers document against ``survey``.

    ``raw`` maps question ids to values, plus an optional ``_comments`` object of dimension id ->
    comment. ``partial`` allows unanswered required questions (drafts). Raises
    :class:`AnswerError` listing every problem, each naming its question by ``named`` (an
    answers file names a guess ``_predictions.goals-success``, not by its internal id).
    """
    problems: list[str] = []
    refused: set[str] = set()
    checked = CheckedAnswers()
    for key, value in raw.items():
        if key == COMMENTS_KEY:
            checked.comments = _check_comments(survey, value, problems)
            continue
        question = survey.question(key)
        if question is None:
            problems.append(
                f"unknown question {key!r} (not in survey {survey.id} v{survey.version})"
            )
            continue
        if value is None or (question.kind == "text" and value == ""):
            continue
        try:
            checked.answers[key] = check_answer(question, value, survey)
        except ValueError as error:
            problems.append(f"{named(key)}: {error}")
            refused.add(key)
    if not partial:
        problems.extend(
            f"{named(qid)}: required but not answered"
            for qid in checked.missing(survey)
            if qid not in refused  # already reported, with the reason its value was refused
        )
    if problems:
        raise AnswerError(problems, source)
    return checked


def _check_comments(survey: Survey, value: object, problems: list[str]) -> dict[str, str]:
    if not isinstance(value, dict):
        problems.append(f"{COMMENTS_KEY}: expected an object dimension id -> comment")
        return {}
    comments: dict[str, str] = {}
    for dimension_id, text in value.items():
        dimension = survey.dimension(dimension_id)
        if dimension is None:
            known = ", ".join(d.id for d in survey.dimensions)
            problems.append(f"{COMMENTS_KEY}: unknown dimension {dimension_id!r} (known: {known})")
        elif dimension.comment is None:
            problems.append(f"{COMMENTS_KEY}: dimension {dimension_id!r} asks no comment")
        elif not isinstance(text, str):
            problems.append(f"{COMMENTS_KEY}.{dimension_id}: expected text, got {_show(text)}")
        elif len(text) > TEXT_MAX:
            problems.append(f"{COMMENTS_KEY}.{dimension_id}: comment is over {TEXT_MAX} characters")
        elif text.strip():
            comments[dimension_id] = text
    return comments

"""Predictions: after answering a ``predict = true`` statement, a VP guesses the other VP's answer.

Like follow-ups, the guesses are asked as ordinary likert questions added to the survey (one
right after each predicted statement), so the TUI, ``submit`` and validation treat them like any
answer; they are stored apart, in ``Response.predictions`` (question id -> the answer expected,
as the other VP would give it), so the survey's own answers keep meaning what the survey asked.

Only the two VPs predict each other: a wider team's roles (CRO, RevOps...) answer the survey
without guesses, since "the other side" has no single answer for them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any, cast

from gtm_pulse.core import roles
from gtm_pulse.core.answers import section
from gtm_pulse.core.models import (
    NOT_APPLICABLE,
    PREDICTION_PREFIX,
    Answer,
    Guess,
    Question,
    Survey,
)
from gtm_pulse.errors import AnswerError

#: The key of an answers file that holds predictions: ``{"goals-success": 2}``.
PREDICTIONS_KEY = "_predictions"


def predicted_role(role: str) -> str | None:
    """Whose answers ``role`` predicts: the other VP of the core pair; None for anyone else."""
    left, right = roles.CORE_PAIR
    return {left: right, right: left}.get(role)


def prediction_id(question_id: str) -> str:
    """The id of the question asking for a guess at the other VP's answer to ``question_id``."""
    return f"{PREDICTION_PREFIX}{question_id}"


def predicted(survey: Survey) -> list[Question]:
    """The statements of ``survey`` each VP predicts the other's answer to."""
    return survey.predicted


def _literal(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def prediction_question(survey: Survey, question: Question, role: str) -> Question:
    """ "How will Marketing answer: 'Sales and I agree...'?", worded as the other VP reads it."""
    other = predicted_role(role)
    assert other is not None, "only the two VPs predict each other"
    statement = survey.render(question.text, other)
    name = roles.function_name(other)
    return Question(
        id=prediction_id(question.id),
        dimension=question.dimension,
        kind="likert",
        text=_literal(f'Your guess: how will {name} answer "{statement}"'),
        help=f"Pick the answer you expect {name} to give; nobody sees it until both submit.",
    )


def with_predictions(survey: Survey, role: str) -> Survey:
    """``survey`` with a guess at the other VP's answer right after each predicted statement.

    ``survey`` itself for a role that predicts nobody, or a survey without predictions. The
    copy is for asking and validating only; responses record the survey itself.
    """
    if predicted_role(role) is None or not any(q.predict for q in survey.questions):
        return survey
    asked: list[Question] = []
    for question in survey.questions:
        asked.append(question)
        if question.predict and question.kind == "likert":
            asked.append(prediction_question(survey, question, role))
    return replace(survey, questions=asked)


def split(answers: Mapping[str, Answer]) -> tuple[dict[str, Answer], dict[str, Guess]]:
    """Checked answers of the extended survey -> (the other answers, the predictions)."""
    plain: dict[str, Answer] = {}
    guesses: dict[str, Guess] = {}
    for key, value in answers.items():
        if key.startswith(PREDICTION_PREFIX) and isinstance(value, int | str):
            # checked: a text guess is n/a
            guesses[key.removeprefix(PREDICTION_PREFIX)] = cast(Guess, value)
        else:
            plain[key] = value
    return plain, guesses


def as_answers(predictions: Mapping[str, int | str]) -> dict[str, Answer]:
    """Predictions back as answers to the prediction questions (to amend a response)."""
    return {prediction_id(question_id): value for question_id, value in predictions.items()}


def expand(raw: Mapping[str, Any], survey: Survey, role: str, source: str) -> dict[str, Any]:
    """An answers file's ``_predictions`` object turned into answers to the prediction questions.

    ``{"goals-success": 2}``. An entry for a statement the survey does not predict (or from a
    role that predicts nobody) is an :class:`AnswerError` naming it; the value itself is checked
    with the other answers, and a predicted statement left out is reported as missing there.
    """
    answers, given = section(
        raw, PREDICTIONS_KEY, "an object question id -> expected answer", source
    )
    if given is None:
        return answers
    asked = _asked(survey, role)
    listed = ", ".join(sorted(asked)) or "none"
    problems = [
        f"{PREDICTIONS_KEY}.{question_id}: not a statement {role} predicts (predicted: {listed})"
        for question_id in given
        if question_id not in asked
    ]
    if problems:
        raise AnswerError(problems, source)
    answers.update({prediction_id(question_id): value for question_id, value in given.items()})
    return answers


def _asked(survey: Survey, role: str) -> set[str]:
    """The statements ``role`` guesses the other side's answer to (none for a wider role)."""
    return {q.id for q in predicted(survey)} if predicted_role(role) else set()


def problems(survey: Survey, role: str, predictions: Mapping[str, object], name: str) -> list[str]:
    """What is wrong with stored predictions: a statement not predicted, or off the scale."""
    asked = _asked(survey, role)
    points = survey.scale.points
    found = []
    for question_id, value in predictions.items():
        if question_id not in asked:
            found.append(f"{name}: prediction for {question_id!r}, which {role} does not predict")
        elif value != NOT_APPLICABLE and (type(value) is not int or not 1 <= value <= points):
            found.append(
                f"{name}: prediction for {question_id!r} is {value!r}, not 1-{points} or "
                f"{NOT_APPLICABLE!r}"
            )
    return found

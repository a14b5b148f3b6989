"""What a VP is asked beyond the survey's own questions, and how the answers are stored apart.

Two kinds of question are added: a follow-up on each commitment due (first, see
:mod:`gtm_pulse.core.commitments`) and a guess at the other VP's answer after each predicted
statement (see :mod:`gtm_pulse.core.predictions`). ``submit``, the TUI and amending all go through
here, so they ask, check and store exactly the same things.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from gtm_pulse.core import commitments, predictions
from gtm_pulse.core.answers import question_named
from gtm_pulse.core.models import (
    FOLLOW_UP_PREFIX,
    PREDICTION_PREFIX,
    Answer,
    Commitment,
    FollowUp,
    Guess,
    Response,
    Survey,
)
from gtm_pulse.core.periods import Period


def asked_survey(survey: Survey, role: str, due: Sequence[Commitment] = ()) -> Survey:
    """``survey`` as ``role`` is asked it: follow-ups on ``due`` first, guesses after statements."""
    return predictions.with_predictions(commitments.with_follow_ups(survey, due), role)


@dataclass(frozen=True)
class Parts:
    """Checked answers of the asked survey, sorted into where a response keeps them."""

    answers: dict[str, Answer]
    follow_ups: dict[str, FollowUp]
    predictions: dict[str, Guess]


def separate(answers: Mapping[str, Answer]) -> Parts:
    """The survey's own answers, the follow-ups and the predictions, apart."""
    rest, guesses = predictions.split(answers)
    own, follow_ups = commitments.split(rest)
    return Parts(own, follow_ups, guesses)


def expand(
    raw: Mapping[str, Any],
    survey: Survey,
    role: str,
    due: Sequence[Commitment],
    period: Period,
    source: str,
) -> dict[str, Any]:
    """An answers file's ``_follow_ups`` and ``_predictions`` turned into plain answers."""
    raw = commitments.expand(raw, due, period, source)
    return predictions.expand(raw, survey, role, source)


def written(key: str) -> str:
    """How an answers file writes the question ``key`` names: ``_predictions.goals-success``
    for a guess, ``_follow_ups.3`` (``.comment``) for a follow-up, else ``question 'id'``.

    Problems name what the person wrote, never the ids gtm-pulse adds internally.
    """
    if key.startswith(PREDICTION_PREFIX):
        return f"{predictions.PREDICTIONS_KEY}.{key.removeprefix(PREDICTION_PREFIX)}"
    if key.startswith(FOLLOW_UP_PREFIX):
        number, _, comment = key.removeprefix(FOLLOW_UP_PREFIX).partition("-")
        return f"{commitments.FOLLOW_UPS_KEY}.{number}" + (f".{comment}" if comment else "")
    return question_named(key)


def as_answers(response: Response) -> dict[str, Answer]:
    """Everything ``response`` answered, as answers to the asked survey (to amend it)."""
    return {
        **response.answers,
        **commitments.as_answers(response.follow_ups),
        **predictions.as_answers(response.predictions),
    }

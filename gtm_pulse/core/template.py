"""A skeleton answers file for ``submit``: every question, guess and follow-up, left unanswered.

``gtm-pulse surveys template ID --role R`` prints it. Each answer is ``null`` (nothing is
chosen for the VP: a filled-in default would be submitted as if it had been chosen), and
``_allowed`` says what each may be. ``submit`` reads ``_about`` and ``_allowed`` as notes and
ignores them, so the file is valid as printed: replace the nulls and submit it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from gtm_pulse.core.answers import COMMENTS_KEY
from gtm_pulse.core.commitments import FOLLOW_UPS_KEY
from gtm_pulse.core.models import NOT_APPLICABLE, Commitment, Question, Survey
from gtm_pulse.core.periods import Period
from gtm_pulse.core.predictions import PREDICTIONS_KEY, predicted, predicted_role

#: Keys of an answers file that are notes for the person filling it, never answers.
NOTE_KEYS = ("_about", "_allowed")


def answers_template(
    survey: Survey, role: str, period: Period, due: Sequence[Commitment]
) -> dict[str, Any]:
    """The skeleton of ``role``'s answers to ``survey`` for ``period``, ``due`` followed up."""
    scale = ", ".join(f"{n} {label}" for n, label in enumerate(survey.scale.labels, 1))
    allowed: dict[str, str] = {"scale": f"{scale}; or {NOT_APPLICABLE!r} when it does not apply"}
    document: dict[str, Any] = {
        "_about": (
            f"{survey.title} ({survey.id} v{survey.version}) for {role}, {period}: replace "
            "each null with an answer ('_allowed' says which); optional ones may stay null"
        )
    }
    for question in survey.questions:
        document[question.id] = None
        allowed[question.id] = (
            f"{survey.render(question.text, role)} ({_allowed(survey, question)})"
        )
    guessed = predicted(survey) if predicted_role(role) else []
    if guessed:
        document[PREDICTIONS_KEY] = {q.id: None for q in guessed}
        points = survey.scale.points
        allowed[PREDICTIONS_KEY] = (
            f"your guess at the other VP's answer to each: 1-{points} or {NOT_APPLICABLE!r}"
        )
    if due:
        document[FOLLOW_UPS_KEY] = {str(c.number): None for c in due}
        allowed[FOLLOW_UPS_KEY] = (
            "did it happen? 'yes', 'partly' or 'no', or {'status': ..., 'comment': ...}: "
            + "; ".join(f"#{c.number} {c.text}" for c in due)
        )
    commented = [d for d in survey.dimensions if d.comment]
    if commented:
        document[COMMENTS_KEY] = {d.id: "" for d in commented}
        allowed[COMMENTS_KEY] = "optional text per dimension: " + "; ".join(
            f"{d.id}: {d.comment}" for d in commented
        )
    document["_allowed"] = allowed
    return document


def _allowed(survey: Survey, question: Question) -> str:
    need = "" if question.is_required else "optional; "
    if question.kind == "likert":
        return f"{need}1-{survey.scale.points} or {NOT_APPLICABLE!r}: see 'scale'"
    if question.kind == "single":
        return f"{need}one of: " + ", ".join(o.id for o in question.options)
    if question.kind == "multi":
        picks = ", ".join(o.id for o in question.options)
        severities = "/".join(question.severities)
        rated = f" (or an object option -> {severities})" if severities else ""
        return f"{need}a list of: {picks}{rated}"
    return f"{need}text"

"""What each side answered on its own: one side's scores and picks, and everyone's comments.

Apart from :mod:`gtm_pulse.core.analysis` because neither needs the other side: ``--partial``
shows a :class:`Solo` while a response is missing, and a :class:`Remark` quotes each side as typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gtm_pulse.core import roles
from gtm_pulse.core.analysis import Flag, dimension_means, indexed, low_trust, score
from gtm_pulse.core.models import Response, Survey
from gtm_pulse.core.periods import Period


@dataclass(frozen=True)
class Pick:
    """A friction one side picked, with its severity."""

    question_id: str
    option_id: str
    label: str
    severity: str | None


@dataclass(frozen=True)
class Solo:
    """One side's answers alone: what ``--partial`` shows while the other side is missing.

    Without the other side there is no gap, so no gap figure exists here at all; a low-trust
    flag needs only one side's score and is kept.
    """

    survey: Survey
    period: Period
    role: str
    scores: dict[str, float]
    """Question id -> score (reverse items flipped), indexed items answered only."""
    dimensions: dict[str, float]
    """Dimension id -> mean score, for dimensions with at least one score."""
    picks: list[Pick]
    flags: list[Flag]


def solo(survey: Survey, response: Response) -> Solo:
    """The scores, frictions and low-trust flags of one response on its own."""
    points = survey.scale.points
    scores = {
        q.id: s
        for q in survey.questions
        if indexed(q) and (s := score(q, response.answers.get(q.id), points)) is not None
    }
    name = roles.function_name(response.role)
    flags = [
        flag
        for q in survey.questions
        if q.id in scores and (flag := low_trust(survey, q, name, scores[q.id]))
    ]
    picks = [
        Pick(q.id, option.id, option.label, chosen[option.id])
        for q in survey.questions
        if q.kind == "multi" and isinstance(chosen := response.answers.get(q.id), dict)
        for option in q.options
        if option.id in chosen
    ]
    means = {d: m for d, m in dimension_means(survey, response).items() if m is not None}
    return Solo(survey, response.period, response.role, scores, means, picks, flags)


@dataclass(frozen=True)
class Remark:
    """What each side wrote in one place: a dimension's comment or a free-text question."""

    prompt: str
    """The comment prompt or the question, in the CEO's neutral wording."""
    by_role: dict[str, str]
    """Role -> the text as typed; a role that wrote nothing is absent."""
    dimension_id: str
    question_id: str | None = None
    """Set for a free-text question; None for a dimension's comment."""


def remarks(survey: Survey, responses: Sequence[Response]) -> list[Remark]:
    """Every comment and free-text answer any of ``responses`` holds, in survey order."""
    found = []
    for dimension in survey.dimensions:
        for question in survey.questions_in(dimension.id):
            if question.kind != "text":
                continue
            written = {
                r.role: text
                for r in responses
                if isinstance(text := r.answers.get(question.id), str) and text.strip()
            }
            if written:
                prompt = survey.neutral(question.text)
                found.append(Remark(prompt, written, dimension.id, question.id))
        written = {
            r.role: text for r in responses if (text := r.comments.get(dimension.id, "")).strip()
        }
        if written:
            found.append(Remark(dimension.comment or dimension.name, written, dimension.id))
    return found

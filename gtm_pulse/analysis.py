"""Pure analysis over the models: scores and gaps. No UI, no I/O.

Scores are on the survey's scale with reverse items flipped, so a higher score always means
"healthier" and the two VPs' scores are comparable item by item.
"""

from __future__ import annotations

from statistics import fmean

from gtm_pulse.models import Question, Response, Survey


def score(question: Question, value: object, points: int) -> float | None:
    """A likert answer as a health score (reverse items flipped); None for other kinds."""
    if question.kind != "likert" or type(value) is not int:
        return None
    return float(points + 1 - value if question.reverse else value)


def dimension_means(survey: Survey, response: Response) -> dict[str, float | None]:
    """Each dimension's mean score in ``response`` (None where it has no likert answer)."""
    means: dict[str, float | None] = {}
    for dimension in survey.dimensions:
        scores = [
            s
            for q in survey.questions_in(dimension.id)
            if (s := score(q, response.answers.get(q.id), survey.scale.points)) is not None
        ]
        means[dimension.id] = fmean(scores) if scores else None
    return means

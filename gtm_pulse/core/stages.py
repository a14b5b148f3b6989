"""Where the relationship stands: the four stages of Sales-Marketing integration.

Kotler, Rackham and Krishnaswamy ("Ending the War Between Sales and Marketing", Harvard
Business Review, July-August 2006) describe four types of relationship: **undefined** (each
function goes its own way and meets in conflict), **defined** (rules and processes keep the
peace), **aligned** (shared goals, the two plan and talk together) and **integrated** (shared
systems, metrics, budgets and people). Their diagnostic sums twenty statements scored 1-5 and
reads the total in bands. A survey's ``[stage]`` rule does the same with its own statements:
each side's **stage score** is 100 x its mean score over them / P (reverse statements flipped,
n/a left out), 20 to 100 on a 1-5 scale as twenty answers would total, and the bands the file
names say which stage it falls in. The pair's score is the mean of the two sides' scores.

Pure: no I/O, no UI.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gtm_pulse.core.analysis import mean, score
from gtm_pulse.core.models import Response, StageRule, Survey
from gtm_pulse.core.periods import Period

#: A side is placed only when it answered at least this share of the rule's statements (n/a
#: left out): a stage read off two answers would say more than they do.
MOST_LEFT_OUT = 0.5


@dataclass(frozen=True)
class Placement:
    """One side's (or the pair's) stage score, and the stage it falls in."""

    score: float
    stage: str


def stage_of(rule: StageRule, value: float) -> str:
    """The name of the band ``value`` falls in: the last whose start it reaches."""
    found = rule.bands[0].name
    for band in rule.bands:
        if value >= band.starts:
            found = band.name
    return found


def place(survey: Survey, response: Response) -> Placement | None:
    """Where ``response`` places the relationship; None without a rule or enough answers."""
    rule = survey.stage
    if rule is None:
        return None
    points = survey.scale.points
    scores = [
        s
        for question_id in rule.questions
        if (q := survey.question(question_id)) is not None
        and (s := score(q, response.answers.get(question_id), points)) is not None
    ]
    if len(scores) < len(rule.questions) * MOST_LEFT_OUT or not scores:
        return None
    value = 100 * mean(scores) / points
    return Placement(value, stage_of(rule, value))


@dataclass(frozen=True)
class Stages:
    """Each side's placement and the pair's, for one period."""

    period: Period
    by_role: dict[str, Placement]
    pair: Placement | None

    @property
    def differ(self) -> bool:
        """Whether the two sides place the relationship on different stages."""
        return len({p.stage for p in self.by_role.values()}) > 1


def stages(survey: Survey, responses: Sequence[Response]) -> Stages | None:
    """The placements of ``responses`` (one period, the pair's sides); None without a rule."""
    if survey.stage is None or not responses:
        return None
    by_role = {r.role: p for r in responses if (p := place(survey, r)) is not None}
    pair = None
    if len(by_role) == len(responses) == 2:
        value = mean(p.score for p in by_role.values())
        pair = Placement(value, stage_of(survey.stage, value))
    return Stages(responses[0].period, by_role, pair)

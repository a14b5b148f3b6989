"""The offsite's agenda: the few statements worth talking about first, and why.

Ranks divergences and shared problems together, so an offsite never sees only one kind.
"""

from __future__ import annotations

from dataclasses import dataclass

from gtm_pulse.core.analysis import Comparison, shared_problem

#: The most items an agenda holds, in every format: an offsite talks about five things, not 17.
AGENDA_SIZE = 5


@dataclass(frozen=True)
class AgendaItem:
    """An item worth discussing, with why it ranks where it does."""

    question_id: str
    gap: float
    growth: float
    """How much the item worsened since the previous period (0 without one): for a divergence
    the growth of |gap|, for a shared problem the fall of both sides' mean score."""
    weight: float
    kind: str = "divergence"
    """``divergence`` (the two answer apart) or ``shared-problem`` (both at the bad end)."""


def agenda(current: Comparison, previous: Comparison | None = None) -> list[AgendaItem]:
    """At most :data:`AGENDA_SIZE` items, ranked so the offsite starts with what matters most.

    A **divergence** (the two answer apart) weighs |gap| x (1 + max(0, growth) / (P - 1)),
    growth being the change of |gap| since the previous period: the largest, fastest-growing
    disagreement first. A **shared problem** (both at or below the threshold, see
    :func:`shared_problem`) weighs (T + 1 - joint) x (1 + max(0, fall) / (P - 1)), T the
    threshold, joint the mean of both scores, fall how much it dropped: both at the very
    bottom weighs as a flagged gap of 2. A statement that is both counts as a shared problem,
    with the larger weight. When both kinds exist, each gets at least one of the places.
    """
    survey = current.survey
    span = survey.scale.points - 1
    line = survey.thresholds.shared_problem
    order = {q.id: n for n, q in enumerate(survey.questions)}
    ranked = []
    for item in current.items:
        before = previous.item(item.question_id) if previous else None
        growth = item.size - before.size if before else 0.0
        apart = item.size * (1 + max(0.0, growth) / span)
        if shared_problem(survey, item):
            joint = (item.left + item.right) / 2
            fall = (before.left + before.right) / 2 - joint if before else 0.0
            weight = max((line + 1 - joint) * (1 + max(0.0, fall) / span), apart)
            ranked.append(AgendaItem(item.question_id, item.gap, fall, weight, "shared-problem"))
        elif item.size > 0:
            ranked.append(AgendaItem(item.question_id, item.gap, growth, apart))
    ranked.sort(key=lambda a: (-a.weight, -abs(a.gap), order[a.question_id]))
    top = ranked[:AGENDA_SIZE]
    for kind in ("divergence", "shared-problem"):
        if not any(a.kind == kind for a in top) and (
            best := next((a for a in ranked if a.kind == kind), None)
        ):
            top[-1:] = [best]  # the last place goes to the heaviest of the kind left out
            top.sort(key=lambda a: (-a.weight, -abs(a.gap), order[a.question_id]))
    return top

"""The demo's twelve months: a story a CEO recognises, generated from a seed, the same every time.

Months 1-3 go well. Then a quarter is missed and the two VPs drift apart: Sales says the leads
are bad, Marketing says Sales does not follow up, both name a friction the other does not
mention, and the blame starts. After the low point an offsite agrees a lead definition, a
follow-up SLA and a joint pipeline review; the next pulses check them, and alignment recovers.

Each statement leans one way when the two disagree (``LEANS``: Sales higher or Marketing higher);
how far apart they are and how well things go are set per month (``DRIFT``, ``LEVEL``). The
answers are those targets plus a little seeded noise. During the slide each VP assumes the other
sees things as they do (so their guesses miss, and each rates its own function above how the
other rates it); after the offsite they read each other well. RevOps answers the monthly pulse
too, between the two, and the team's metrics move with the story.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from gtm_pulse.core.commitments import FOLLOW_UPS_KEY
from gtm_pulse.core.models import Commitment, Survey
from gtm_pulse.core.predictions import PREDICTIONS_KEY, predicted_role

#: How far apart the two VPs are (in scale points) and how well things go (1-5), per month.
DRIFT = (0.4, 0.5, 0.6, 1.3, 1.9, 2.5, 1.9, 1.3, 0.9, 0.6, 0.4, 0.3)
LEVEL = (3.8, 3.7, 3.6, 3.1, 2.7, 2.4, 2.8, 3.2, 3.5, 3.8, 4.0, 4.1)

#: The month after whose pulse the offsite meets (0-based), and the slide's first month.
OFFSITE_AFTER, SLIDE_FROM = 5, 3

#: +1: Sales scores it higher when they disagree; -1: Marketing does; absent: they agree.
LEANS: dict[str, int] = {
    "respect-seriously": 1,  # Marketing feels dismissed; Sales does not see it
    "respect-mocking": 1,
    "respect-defend": -1,  # Sales would not stand up for Marketing's work
    "respect-bypass": 1,
    "goals-success": 1,
    "goals-incentives": -1,
    "strategy-personas": -1,
    "strategy-markets": 1,
    "frictions-lead-quality": -1,  # "leads are bad", says Sales
    "frictions-lead-follow-up": 1,  # "Sales does not follow up", says Marketing
    "frictions-content": -1,
    "frictions-lead-definition": -1,
    "frictions-messaging": 1,  # Marketing never hears when the deck changes
    "frictions-cadence": 1,
    "goals-planned-together": 1,
    "lead-sla-quantity": -1,
    "lead-sla-quality": -1,
    "lead-sla-follow-up": 1,  # "Sales does not follow up", says Marketing
    "lead-sla-rejections": 1,
    "insight-from-field": 1,
    "insight-research": -1,
    "metrics-trusted": -1,
    # Version 3's new statements (the monthly pulse's and the quarterly deep dive's).
    "respect-credit": -1,  # Sales never credits Marketing in front of others
    "respect-judgement": 1,
    "respect-passive": 1,
    "respect-upstream": 1,
    "strategy-icp": -1,
    "strategy-key-accounts": -1,
    "frictions-fix-together": 1,
    "metrics-pipeline-review": -1,
    "insight-customers": -1,
    "insight-win-loss-change": 1,
    "lead-sla-hand-off": -1,
    "lead-sla-recycling": 1,
}


#: Healthy tension: where each side stands on deals now vs brand later (a 1-5 answer), always.
TENSION = {"strategy-horizon": {"sales": 4.4, "marketing": 2.2, "revops": 3.4}}

#: The team's metrics, month by month: acceptance sinks with the slide, follow-up time swells.
METRICS: dict[str, tuple[float, ...]] = {
    "mql-acceptance": (62, 61, 58, 52, 46, 41, 47, 55, 61, 65, 68, 71),
    "lead-follow-up-hours": (30, 31, 34, 46, 58, 70, 52, 38, 29, 24, 21, 18),
}


@dataclass(frozen=True)
class Agreed:
    """A commitment the offsite makes, and how each side answers it month by month."""

    text: str
    owner: str
    due_after: int
    """Months after the offsite's month when it falls due."""
    said: dict[str, tuple[str, ...]]
    """Role -> status in each month from the due month on (the last repeats)."""
    done_after: int | None
    """Months after the due month when the CEO marks it done (None: still open)."""


OFFSITE = (
    Agreed(
        "Write down one definition of a sales-qualified lead, signed by both VPs",
        "marketing", 1, {"sales": ("partly", "yes"), "marketing": ("yes",), "revops": ("yes",)}, 1,
    ),
    Agreed(
        "Lead SLA: Sales follows up every qualified lead within two working days",
        "sales", 1,
        {"sales": ("yes",), "marketing": ("no", "partly", "yes"), "revops": ("partly", "yes")}, 2,
    ),
    Agreed(
        "A monthly joint pipeline review, with the CEO in the chair",
        "ceo", 2, {"sales": ("yes",), "marketing": ("yes",), "revops": ("yes",)}, 1,
    ),
    Agreed(
        "Every rejected lead goes back to Marketing with the reason",
        "sales", 2,
        {"sales": ("partly", "partly", "yes"), "marketing": ("no", "partly", "yes"),
         "revops": ("partly",)},
        None,
    ),
)  # fmt: skip

#: What each side writes, by phase: before the slide, during it, after the offsite.
WISHES = {
    "sales": (
        "Keep the webinar leads coming: they convert.",
        "Stop counting MQLs nobody would buy from. The leads are bad.",
        "Keep sending the reasons rejected leads come back with; they help us both.",
    ),
    "marketing": (
        "Share win stories from the field while they are fresh.",
        "Start following up the leads we send: half of them sit untouched for a week.",
        "Keep the two-day follow-up going; acceptance is up for the third month.",
    ),
    "revops": (
        "Keep the CRM stages tidy; the forecast depends on them.",
        "Agree one lead definition so the funnel report means something.",
        "Keep the joint pipeline review; the numbers finally match.",
    ),
}
COMMENTS = {
    ("sales", 1, "frictions"): "Leads are bad. My reps waste Mondays on students and competitors.",
    ("marketing", 1, "frictions"): "Sales doesn't follow up, then the quarter is missed and it is "
    "our fault.",
    ("marketing", 1, "respect"): "The 'marketing fluff' jokes in the forecast call have to stop.",
    ("sales", 1, "goals"): "We missed the quarter. Marketing hit its MQL number anyway.",
    ("sales", 2, "frictions"): "The signed lead definition ended most of the arguing.",
    ("marketing", 2, "goals"): "One pipeline number for both teams makes planning easier.",
}  # fmt: skip
FRICTIONS = {
    ("sales", 0): {"cadence": "minor"},
    ("marketing", 0): {"messaging": "minor"},
    ("sales", 1): {"lead-quality": "severe", "blame": "moderate"},
    ("marketing", 1): {"lead-follow-up": "severe", "messaging": "moderate"},
    ("sales", 2): {"lead-definition": "minor"},
    ("marketing", 2): {"lead-follow-up": "minor"},
    ("revops", 0): {"cadence": "minor"},
    ("revops", 1): {"lead-definition": "severe", "lead-quality": "moderate"},
    ("revops", 2): {"cadence": "minor"},
}
OWNERS = {0: "both", 1: "nobody", 2: "marketing"}
"""Who each side says owns the lead definition, by phase (the quarterly deep dive asks)."""


def phase(month: int) -> int:
    """0 before the slide, 1 during it (to the offsite), 2 after the offsite."""
    if month < SLIDE_FROM:
        return 0
    return 1 if month <= OFFSITE_AFTER else 2


def answers_for(
    survey: Survey,
    role: str,
    month: int,
    rng: random.Random,
    due: Sequence[Commitment] = (),
    offsite_month: int = OFFSITE_AFTER,
) -> dict[str, Any]:
    """One answers file for ``month`` (0-11) of the story, follow-ups and guesses included."""
    points = survey.scale.points
    stage = phase(month)
    answers: dict[str, Any] = {}
    guesses: dict[str, int] = {}
    other = predicted_role(role)
    for question in survey.questions:
        if question.kind == "likert":
            target = _target(question.id, role, month)
            value = _clamp(target + rng.gauss(0, 0.3), points)
            answers[question.id] = points + 1 - value if question.reverse else value
            if question.predict and other is not None:
                # During the slide each assumes the other sees it the same way; else reads well.
                seen = target if stage == 1 else _target(question.id, other, month)
                guess = _clamp(seen + rng.gauss(0, 0.3), points)
                guesses[question.id] = points + 1 - guess if question.reverse else guess
        elif question.kind == "multi":
            picks = FRICTIONS[(role, stage)]
            answers[question.id] = {k: v for k, v in picks.items() if question.option(k)}
        elif question.kind == "single":
            wanted = OWNERS[stage] if stage != 1 else ("marketing" if role == "sales" else "sales")
            chosen = question.option(wanted) or question.options[0]
            answers[question.id] = chosen.id
        elif question.id.endswith("start-stop"):
            answers[question.id] = WISHES[role][stage]
    comments = {
        dimension.id: text
        for dimension in survey.dimensions
        if dimension.comment and (text := COMMENTS.get((role, stage, dimension.id)))
    }
    if comments:
        answers["_comments"] = comments
    if guesses:
        answers[PREDICTIONS_KEY] = guesses
    if due:
        answers[FOLLOW_UPS_KEY] = {
            str(c.number): follow_up(c.number, role, month, offsite_month) for c in due
        }
    return answers


def _target(question_id: str, role: str, month: int) -> float:
    """The score ``role`` gives ``question_id`` in ``month`` before noise (1-5, health)."""
    if question_id in TENSION:
        return TENSION[question_id].get(role, LEVEL[month])
    side = {"sales": 1, "marketing": -1}.get(role, 0)  # RevOps sits between the two
    return LEVEL[month] + side * LEANS.get(question_id, 0) * DRIFT[month] / 2


def _clamp(value: float, points: int) -> int:
    return max(1, min(points, round(value)))


def follow_up(number: int, role: str, month: int, offsite_month: int = OFFSITE_AFTER) -> str:
    """What ``role`` says about commitment ``number`` in ``month``."""
    agreed = OFFSITE[number - 1]
    said = agreed.said[role]
    step = month - (offsite_month + agreed.due_after)
    return said[min(max(step, 0), len(said) - 1)]


def submitted_at(year: int, month: int, today: dt.date) -> dt.datetime:
    """When a month's pulse is submitted in the story: the 24th at a fixed hour, or the start
    of ``today`` for a month whose 24th is still to come (the demo never writes the future)."""
    usual = dt.datetime(year, month, 24, 9, 30, tzinfo=dt.UTC)
    return min(usual, dt.datetime.combine(today, dt.time(0, 0), dt.UTC))


def response_id(rng: random.Random) -> str:
    """A response id from the story's seed, so two demos are identical."""
    return uuid.UUID(int=rng.getrandbits(128), version=4).hex

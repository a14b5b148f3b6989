"""A throwaway demo team with twelve months of answers: what ``make demo`` shows a new user.

The months tell the story in :mod:`gtm_pulse.services.story`. Generation is deterministic for a
given seed and day, so two runs tell the same story.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from gtm_pulse.core.commitments import check_dates, due_by
from gtm_pulse.core.metrics import KNOWN
from gtm_pulse.core.models import Survey, Team
from gtm_pulse.core.periods import Period, convert, period_of
from gtm_pulse.core.predictions import PREDICTIONS_KEY, predicted, predicted_role
from gtm_pulse.core.roles import CORE_PAIR
from gtm_pulse.core.surveys import Catalog
from gtm_pulse.errors import DatabaseError
from gtm_pulse.services import story
from gtm_pulse.services.submission import build_response
from gtm_pulse.store.database import Store

DEMO_TEAM = Team(
    company="Northwind Analytics",
    members={
        "sales": "Dana Ortiz",
        "marketing": "Sam Lee",
        "ceo": "Alex Morgan",
        "revops": "Priya Shah",
    },
)


def generate_answers(survey: Survey, role: str, rng: random.Random, mood: float) -> dict[str, Any]:
    """A full, valid answers document for ``survey`` as ``role`` would give it.

    ``mood`` in [0, 1] is how well the VP thinks things go: it sets the centre of likert scores
    (reverse items are answered the other way round) and how many frictions are picked.
    """
    points = survey.scale.points
    answers: dict[str, Any] = {}
    for question in survey.questions:
        if question.kind == "likert":
            feeling = 1 - mood if question.reverse else mood
            centre = 1 + feeling * (points - 1)
            answers[question.id] = max(1, min(points, round(rng.gauss(centre, 0.7))))
        elif question.kind == "single":
            answers[question.id] = rng.choice(question.options).id
        elif question.kind == "multi":
            count = max(0, round((1 - mood) * 4 + rng.uniform(-1, 1)))
            picked = rng.sample(question.options, min(count, len(question.options)))
            severities = question.severities
            answers[question.id] = {
                option.id: (rng.choice(severities) if severities else None) for option in picked
            }
        elif question.kind == "text" and rng.random() < 0.5:
            answers[question.id] = _WISHES.get(role, "Keep talking to us.")
    if predicted_role(role) is not None and (asked := predicted(survey)):
        answers[PREDICTIONS_KEY] = {
            q.id: max(1, min(points, answers[q.id] + rng.choice((-1, 0, 0, 1)))) for q in asked
        }
    return answers


#: What each side would like the other to start or stop doing.
_WISHES = {
    "sales": "Start sitting in on two discovery calls a month; stop gating content.",
    "marketing": "Start logging why leads are rejected; stop rewriting our decks.",
}


def build_demo(store: Store, catalog: Catalog, seed: int, day: dt.date) -> None:
    """Fill ``store`` (a new file) with the team and the twelve months ending in ``day``'s.

    Everything goes through the same validation as ``submit``; ids and submission times come
    from the seed and the calendar, so two runs give the same database but for the moments the
    team and the commitments were written.
    """
    rng = random.Random(seed)
    salts = random.Random(f"seals-{seed}")
    keys = random.Random(f"keys-{seed}")
    store = Store(  # seals and signing keys repeat too
        store.path,
        salts=lambda: salts.randbytes(32).hex(),
        keys=store.keys,
        key_secrets=lambda: keys.randbytes(32),
    )
    store.init(DEMO_TEAM)
    for metric_id in story.METRICS:
        store.define_metric(KNOWN[metric_id])
    monthly = catalog.get("monthly-pulse")
    quarterly = (
        catalog.get("quarterly-deep-dive") if "quarterly-deep-dive" in catalog.ids() else None
    )
    current = period_of("monthly", day)
    months = [current.shifted(step - 11) for step in range(12)]
    for index, month in enumerate(months):
        asked = [(monthly, month)]
        if quarterly is not None and month.number % 3 == 0:  # a quarter's last month
            asked.append((quarterly, convert(month, "quarterly")))
        for survey, period in asked:
            snapshot = store.load()
            due = due_by(snapshot.commitments, period)
            answering = DEMO_TEAM.respondent_roles if survey is monthly else CORE_PAIR
            for role in answering:
                raw = story.answers_for(survey, role, index, rng, due)
                response = build_response(snapshot, survey, role, period, raw, "demo")
                response = replace(
                    response,
                    id=story.response_id(rng),
                    submitted_at=story.submitted_at(month.year, month.number, day),
                )
                store.submit(response, survey)
        store.set_metric_values(month, {m: v[index] for m, v in story.METRICS.items()})
        _offsite(store, index, month)


def _offsite(store: Store, index: int, month: Period) -> None:
    """After the low point's pulse the offsite agrees commitments; the CEO closes them later."""
    if index == story.OFFSITE_AFTER:
        for agreed in story.OFFSITE:
            due = month.shifted(agreed.due_after)
            store.add_commitment(agreed.text, agreed.owner, due, agreed_in=month, check=check_dates)
    for number, agreed in enumerate(story.OFFSITE, start=1):
        if agreed.done_after is None:
            continue
        if index == story.OFFSITE_AFTER + agreed.due_after + agreed.done_after:
            store.set_commitment_done(number)


def demo_path(keep: Path | None) -> tuple[Path, Path | None]:
    """Where the demo writes: ``keep`` (which must not exist), else a new temp folder.

    Returns the database path and the throwaway folder to remove afterwards (None to keep).
    Refuses an existing file: the demo must never write over someone's real data.
    """
    if keep is None:
        folder = Path(tempfile.mkdtemp(prefix="gtm-pulse-demo-"))
        return folder / "demo.json", folder
    if keep.exists():
        raise DatabaseError(f"{keep} already exists; the demo only writes a new database")
    return keep, None


@contextmanager
def demo_database(
    keep: Path | None, catalog: Catalog, seed: int, day: dt.date
) -> Iterator[tuple[Path, bool]]:
    """Build the demo at ``keep`` (see :func:`demo_path`) or in a throwaway folder; yields its
    path and whether it is thrown away, which happens when the ``with`` block ends."""
    path, throwaway = demo_path(keep)
    try:
        # The demo team's signing keys stay with the demo, never among the user's own.
        keys = (throwaway / "keys") if throwaway else path.with_name(path.name + ".keys")
        build_demo(Store(path, keys=keys), catalog, seed, day)
        yield path, throwaway is not None
    finally:
        if throwaway is not None:
            shutil.rmtree(throwaway, ignore_errors=True)

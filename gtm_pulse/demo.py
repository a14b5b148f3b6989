"""A throwaway demo team with seeded, valid answers: what ``make demo`` shows a new user.

Generation is deterministic for a given seed, so two runs tell the same story.
"""

from __future__ import annotations

import random
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from gtm_pulse.errors import DatabaseError
from gtm_pulse.models import Survey, Team
from gtm_pulse.periods import today
from gtm_pulse.status import build_status
from gtm_pulse.store import Store
from gtm_pulse.submission import build_response
from gtm_pulse.surveys import Catalog

DEMO_TEAM = Team(
    company="Northwind Analytics",
    members={"sales": "Dana Ortiz", "marketing": "Sam Lee", "ceo": "Alex Morgan"},
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
    return answers


#: What each side would like the other to start or stop doing.
_WISHES = {
    "sales": "Start sitting in on two discovery calls a month; stop gating content.",
    "marketing": "Start logging why leads are rejected; stop rewriting our decks.",
}


def run_demo(keep: Path | None, seed: int, catalog: Catalog, echo: Callable[[str], None]) -> None:
    """Build a demo database (a temp folder unless ``keep``), fill every survey due, print status.

    Refuses to touch an existing file: the demo must never write over someone's real data.
    """
    folder = None
    if keep is None:
        folder = Path(tempfile.mkdtemp(prefix="gtm-pulse-demo-"))
        path = folder / "demo.json"
    else:
        path = keep
        if path.exists():
            raise DatabaseError(f"{path} already exists; the demo only writes a new database")
    store = Store(path)
    store.init(DEMO_TEAM)
    rng = random.Random(seed)
    snapshot = store.load()
    for survey in catalog.latest():
        for role, mood in (("sales", 0.45), ("marketing", 0.7)):
            raw = generate_answers(survey, role, rng, mood)
            store.submit(build_response(snapshot, survey, role, None, raw, "demo"), survey)
    report = build_status(DEMO_TEAM, catalog.latest(), store.load(), None, today())
    echo(f"Demo database: {path}" + (" (throwaway)" if folder else ""))
    echo("")
    echo(report.to_text())
    if folder is not None:
        shutil.rmtree(folder)

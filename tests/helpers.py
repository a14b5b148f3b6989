"""Builders shared by tests (conftest holds fixtures only)."""

from __future__ import annotations

import random

from gtm_pulse.core.models import Survey
from gtm_pulse.core.periods import parse_period
from gtm_pulse.core.predictions import PREDICTIONS_KEY, predicted, predicted_role
from gtm_pulse.core.surveys import Catalog
from gtm_pulse.services.demo import generate_answers
from gtm_pulse.services.submission import build_response
from gtm_pulse.store.database import Store


def full_answers(survey: Survey, role: str = "sales", seed: int = 1, mood: float = 0.5) -> dict:
    """A complete, valid answers document (every question answered, text included)."""
    answers = generate_answers(survey, role, random.Random(seed), mood)
    for question in survey.questions:
        if question.kind == "text":
            answers[question.id] = f"{role} wrote this"
    return answers


def scored(survey: Survey, default: int, **scores: int) -> dict:
    """Likert answers that *score* ``default`` (or ``scores[id]``, with ``_`` for ``-`` in ids).

    Reverse items get the raw answer that scores so (P + 1 - score): tests state health scores,
    the way the golden figures are worked by hand.
    """
    wanted = {key.replace("_", "-"): value for key, value in scores.items()}
    points = survey.scale.points
    answers = {}
    for question in survey.questions:
        if question.kind == "likert":
            value = wanted.pop(question.id, default)
            answers[question.id] = points + 1 - value if question.reverse else value
    assert not wanted, f"no likert items {sorted(wanted)} in {survey.id}"
    return answers


def submit_pair(store: Store, survey: Survey, period: str, sales: dict, marketing: dict) -> None:
    """Store both VPs' responses for ``period`` through the same path ``submit`` takes."""
    for role, raw in (("sales", sales), ("marketing", marketing)):
        submit_one(store, survey, period, role, raw)


def with_guesses(survey: Survey, role: str, raw: dict) -> dict:
    """``raw``, where a VP who gives no ``_predictions`` expects the other to answer alike."""
    if PREDICTIONS_KEY in raw or predicted_role(role) is None:
        return raw
    guesses = {q.id: raw[q.id] for q in predicted(survey) if isinstance(raw.get(q.id), int | str)}
    return {**raw, PREDICTIONS_KEY: guesses} if guesses else raw


def submit_one(store: Store, survey: Survey, period: str, role: str, raw: dict) -> None:
    """Submit ``raw`` through the same path ``submit`` takes (see :func:`with_guesses`)."""
    raw = with_guesses(survey, role, raw)
    chosen = parse_period(period)  # the test's edge: text in, a parsed period on
    store.submit(build_response(store.load(), survey, role, chosen, raw, "test"), survey)


def submit_everything_due(store: Store, catalog: Catalog) -> None:
    """Both VPs submit every survey of the frozen today's periods (2026-11, 2026-Q4)."""
    for survey in catalog.latest():
        period = "2026-11" if survey.cadence == "monthly" else "2026-Q4"
        submit_pair(store, survey, period, full_answers(survey, "sales"),
                    full_answers(survey, "marketing"))  # fmt: skip

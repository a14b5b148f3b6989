"""Builders shared by tests (conftest holds fixtures only)."""

from __future__ import annotations

import random

from gtm_pulse.demo import generate_answers
from gtm_pulse.models import Survey


def full_answers(survey: Survey, role: str = "sales", seed: int = 1, mood: float = 0.5) -> dict:
    """A complete, valid answers document (every question answered, text included)."""
    answers = generate_answers(survey, role, random.Random(seed), mood)
    for question in survey.questions:
        if question.kind == "text":
            answers[question.id] = f"{role} wrote this"
    return answers

"""What each VP said, in the words of the scale: the one way a report quotes an answer.

An agreement statement's answer is quoted as given ("Disagree (2)"), never as the score the
analysis works with: a reverse statement ("I saw the other side's work mocked") is scored
flipped, and a flipped number beside the original wording tells the room the opposite of what
a VP said. Which answer is the worse one is said in words instead (:func:`worse_side`).
Pure: no I/O, no UI.
"""

from __future__ import annotations

from gtm_pulse.core.models import Question, Survey


def answer_words(survey: Survey, answer: int | str) -> str:
    """``Disagree (2)``: an answer as given, with its scale label; ``n/a`` as it is."""
    if not isinstance(answer, int):
        return str(answer)
    labels = survey.scale.labels
    if 1 <= answer <= len(labels):
        return f"{labels[answer - 1]} ({answer})"
    return str(answer)


def quote_pair(survey: Survey, names: tuple[str, str], answers: tuple[int | str, int | str]) -> str:
    """``Sales: Disagree (2) · Marketing: Agree (4)``, or ``both Disagree (2)`` when alike."""
    left, right = answers
    if left == right:
        return f"both {answer_words(survey, left)}"
    return f"{names[0]}: {answer_words(survey, left)} · {names[1]}: {answer_words(survey, right)}"


def worse_side(question: Question, names: tuple[str, str], answers: tuple[int, int]) -> str:
    """Which side sees it worse, in words: ``Marketing sees it worse``, or ``alike``.

    For a reverse statement agreeing is the worse answer, and the words say so, so nobody has
    to know which statements are scored backwards.
    """
    left, right = answers
    if left == right:
        return "alike"
    worse = names[0] if (left > right) == question.reverse else names[1]
    why = " (agreeing here means trouble)" if question.reverse else ""
    return f"{worse} sees it worse{why}"


def given(question: Question, score: float, points: int) -> int:
    """The answer as given behind an analysis score (reverse statements are scored flipped)."""
    return int(points + 1 - score) if question.reverse else int(score)


def said_by(survey: Survey, question_id: str, score: float) -> str:
    """``Disagree (2)``: the answer as given behind ``score`` on ``question_id``."""
    question = survey.question(question_id)
    answer = given(question, score, survey.scale.points) if question else int(score)
    return answer_words(survey, answer)


def points(size: float) -> str:
    """``1 point``, ``2 points``: a distance on the scale."""
    return f"{size:g} point" + ("" if size == 1 else "s")

"""Commitments from the offsite, and the follow-up questions the next pulses ask about them.

A commitment is open until someone marks it done. From its ``due`` period on, every pulse asks
both VPs whether it happened (yes / partly / no, plus an optional comment). The follow-ups are
asked as a first section of the survey, built here as ordinary questions, so the TUI, ``submit``
and validation treat them like any answer; they are stored apart, in ``Response.follow_ups``,
so the survey's own answers keep meaning exactly what the survey asked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from gtm_pulse.core import roles
from gtm_pulse.core.analysis import mean
from gtm_pulse.core.answers import section
from gtm_pulse.core.models import (
    FOLLOW_UP_CREDIT,
    FOLLOW_UP_PREFIX,
    Answer,
    Commitment,
    Dimension,
    FollowUp,
    Option,
    Question,
    Response,
    Survey,
)
from gtm_pulse.core.periods import Period, convert, current_if_future
from gtm_pulse.errors import AnswerError, CommitmentError

#: The key of an answers file that holds follow-ups: ``{"3": "yes"}`` or
#: ``{"3": {"status": "partly", "comment": "..."}}``.
FOLLOW_UPS_KEY = "_follow_ups"

#: The section the follow-up questions open the survey with.
FOLLOW_UP_DIMENSION = Dimension(
    id="follow-up",
    name="Commitments",
    description="What the team agreed at the offsite, checked in the pulses that follow.",
)

STATUS_OPTIONS = [
    Option(id="yes", label="Yes, it happened"),
    Option(id="partly", label="Partly"),
    Option(id="no", label="No"),
]

_STATUS_ID = re.compile(r"follow-up-(\d+)")
_COMMENT_ID = re.compile(r"follow-up-(\d+)-comment")


def status_id(number: int) -> str:
    """The question id asking whether commitment ``number`` happened."""
    return f"{FOLLOW_UP_PREFIX}{number}"


def comment_id(number: int) -> str:
    """The question id of the optional comment on commitment ``number``."""
    return f"{FOLLOW_UP_PREFIX}{number}-comment"


def due_by(commitments: Iterable[Commitment], period: Period) -> list[Commitment]:
    """Open commitments whose due period has come by ``period``, by number.

    Months and quarters mix: a quarter counts as its last month, on both sides.
    """
    asked = convert(period, "monthly")
    return [
        c
        for c in sorted(commitments, key=lambda c: c.number)
        if not c.done and convert(c.due, "monthly") <= asked
    ]


def asked_in(
    commitments: Iterable[Commitment], period: Period, previous: Response | None = None
) -> list[Commitment]:
    """The commitments a pulse for ``period`` asks about, by number: those due by it and, when
    amending, every one the ``previous`` revision answered (even if marked done since), so
    an amendment never silently drops a follow-up that was given."""
    answered = set(previous.follow_ups) if previous is not None else set()
    due = {c.number for c in due_by(commitments, period)}
    return [c for c in sorted(commitments, key=lambda c: c.number)
            if c.number in due or str(c.number) in answered]  # fmt: skip


def date_problem(due: Period, agreed_in: Period | None) -> tuple[str, str] | None:
    """What is wrong with a commitment's dates, as (field, words), or None: it cannot be agreed
    in a period still to come, nor fall due in a period that ends before the one it was agreed
    in (months and quarters compared by the months they span). One rule for ``actions add`` and
    the dashboard's form, which checks it before it closes."""
    if agreed_in is None:
        return None
    if (current := current_if_future(agreed_in)) is not None:
        return "agreed_in", f"{agreed_in} is in the future (the current period is {current})"
    ends, starts = _months(due)[1], _months(agreed_in)[0]
    if ends < starts:
        return "due", f"{due} ends before {agreed_in}, the period it was agreed in"
    return None


def check_dates(commitment: Commitment) -> None:
    """Refuse a commitment whose dates :func:`date_problem` finds wrong, with
    :class:`CommitmentError` naming the field; what callers hand ``Store.add_commitment``."""
    if (problem := date_problem(commitment.due, commitment.agreed_in)) is not None:
        field, words = problem
        raise CommitmentError(f"commitment {field}: {words}")


def _months(period: Period) -> tuple[Period, Period]:
    """The first and last month of ``period``."""
    last = convert(period, "monthly")
    return (last.shifted(-2), last) if period.cadence == "quarterly" else (last, last)


def describe(commitment: Commitment) -> str:
    """``#3 "Agree one lead definition" (Marketing, due 2026-06)``: how pulses name it."""
    owner = roles.function_name(commitment.owner)
    return f'#{commitment.number} "{commitment.text}" ({owner}, due {commitment.due})'


def _literal(text: str) -> str:
    """User text inside a question text, where braces would read as placeholders."""
    return text.replace("{", "{{").replace("}", "}}")


def with_follow_ups(survey: Survey, due: Sequence[Commitment]) -> Survey:
    """``survey`` opened by one question per commitment due (and an optional comment on each).

    Without commitments due it is ``survey`` itself. The copy is for asking and validating
    only; responses record the survey itself.
    """
    if not due:
        return survey
    asked: list[Question] = []
    for commitment in due:
        asked.append(
            Question(
                id=status_id(commitment.number),
                dimension=FOLLOW_UP_DIMENSION.id,
                kind="single",
                text=_literal(f"Did this happen? {describe(commitment)}"),
                options=STATUS_OPTIONS,
            )
        )
        asked.append(
            Question(
                id=comment_id(commitment.number),
                dimension=FOLLOW_UP_DIMENSION.id,
                kind="text",
                text=_literal(f"Anything to add about #{commitment.number}?"),
            )
        )
    return replace(
        survey,
        dimensions=[FOLLOW_UP_DIMENSION, *survey.dimensions],
        questions=[*asked, *survey.questions],
    )


def split(answers: Mapping[str, Answer]) -> tuple[dict[str, Answer], dict[str, FollowUp]]:
    """Checked answers of the extended survey -> (the survey's answers, the follow-ups)."""
    plain: dict[str, Answer] = {}
    statuses: dict[str, str] = {}
    comments: dict[str, str] = {}
    for key, value in answers.items():
        if (match := _COMMENT_ID.fullmatch(key)) and isinstance(value, str):
            comments[match[1]] = value
        elif (match := _STATUS_ID.fullmatch(key)) and isinstance(value, str):
            statuses[match[1]] = value
        else:
            plain[key] = value
    follow_ups = {
        number: FollowUp(status=status, comment=comments.get(number, ""))  # type: ignore[arg-type]
        for number, status in statuses.items()
    }
    return plain, follow_ups


def as_answers(follow_ups: Mapping[str, FollowUp]) -> dict[str, Answer]:
    """Follow-ups back as answers to the follow-up questions (to amend a response)."""
    answers: dict[str, Answer] = {}
    for number, follow_up in follow_ups.items():
        answers[status_id(int(number))] = follow_up.status
        if follow_up.comment:
            answers[comment_id(int(number))] = follow_up.comment
    return answers


def expand(
    raw: Mapping[str, Any], due: Sequence[Commitment], period: str, source: str
) -> dict[str, Any]:
    """An answers file's ``_follow_ups`` object turned into answers to the follow-up questions.

    ``{"3": "yes"}`` or ``{"3": {"status": "partly", "comment": "..."}}``. A malformed entry, or
    one for a commitment not due by ``period``, is an :class:`AnswerError` naming it; a due one
    left out is reported with the other answers (it is a required question).
    """
    answers, given = section(raw, FOLLOW_UPS_KEY, "an object commitment number -> status", source)
    if given is None:
        return answers
    numbers = {str(c.number) for c in due}
    listed = ", ".join(f"#{c.number}" for c in due) or "none"
    problems = []
    for number, value in given.items():
        where = f"{FOLLOW_UPS_KEY}.{number}"
        if value is None:  # left unanswered (a template's null): reported as missing
            continue
        if number not in numbers:
            problems.append(
                f"{where}: no open commitment #{number} is due by {period} (due: {listed})"
            )
            continue
        if isinstance(value, str):
            value = {"status": value}
        if not isinstance(value, dict) or set(value) - {"status", "comment"}:
            expected = 'expected "yes", "partly" or "no", or {"status": ..., "comment": ...}'
            problems.append(f"{where}: {expected}")
            continue
        answers[status_id(int(number))] = value.get("status")
        if value.get("comment") is not None:
            answers[comment_id(int(number))] = value["comment"]
    if problems:
        raise AnswerError(problems, source)
    return answers


def follow_through(responses: Iterable[Response]) -> float | None:
    """0-100: how much of what was committed happened, as the VPs say (partly counts half).

    None when no response holds a follow-up.
    """
    credits = [FOLLOW_UP_CREDIT[f.status] for r in responses for f in r.follow_ups.values()]
    return 100 * mean(credits) if credits else None


@dataclass(frozen=True)
class Tracked:
    """A commitment with what each VP said about it, period by period."""

    commitment: Commitment
    follow_ups: list[tuple[Period, dict[str, FollowUp]]]
    """(period, role -> follow-up), oldest first; only periods where someone answered."""

    def latest(self) -> tuple[Period, dict[str, FollowUp]] | None:
        return self.follow_ups[-1] if self.follow_ups else None


def track(
    commitments: Iterable[Commitment], responses: Iterable[Response], until: Period
) -> list[Tracked]:
    """Every commitment agreed by ``until``, with the follow-ups ``responses`` hold on it.

    ``responses`` must already be the ones the reader may see (both sides submitted, or the
    CEO's explicit ``--partial``): follow-ups are answers, sealed like the rest.
    """
    last = until
    by_number: dict[str, dict[Period, dict[str, FollowUp]]] = {}
    for response in sorted(responses, key=lambda r: r.period):
        for number, follow_up in response.follow_ups.items():
            by_number.setdefault(number, {}).setdefault(response.period, {})[response.role] = (
                follow_up
            )
    tracked = []
    for commitment in sorted(commitments, key=lambda c: c.number):
        agreed = commitment.agreed_in
        if agreed is not None and convert(agreed, last.cadence) > last:
            continue
        periods = by_number.get(str(commitment.number), {})
        tracked.append(Tracked(commitment, sorted(periods.items())))
    return tracked

"""The words and numbers every record shares: answer kinds, reserved ids, ``now``, new ids."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from gtm_pulse.core.models.fields import StrictInt, StrictStr

QuestionKind = Literal["likert", "single", "multi", "text"]
FollowUpStatus = Literal["yes", "partly", "no"]

#: One answer as stored: likert -> int (or :data:`NOT_APPLICABLE`), single -> option id,
#: text -> str, multi -> {option id: severity or None}.
Answer = StrictInt | StrictStr | dict[StrictStr, StrictStr | None]

#: The answer to a statement that does not apply this period (blame in a month no number was
#: missed): stored as given, left out of every gap, index and flag, and counted apart.
NOT_APPLICABLE = "n/a"

#: A guess of the other side's answer: a point of the scale, or :data:`NOT_APPLICABLE`.
Guess = StrictInt | Literal["n/a"]

#: Placeholders a question's text may use; see :func:`gtm_pulse.core.roles.other_side`.
PLACEHOLDERS = frozenset({"other", "own"})

#: Question ids gtm-pulse adds to what a VP is asked: follow-ups on commitments and predictions
#: of the other side's answers. A survey's own question ids may not start with either.
FOLLOW_UP_PREFIX, PREDICTION_PREFIX = "follow-up-", "predict-"
RESERVED_PREFIXES = (FOLLOW_UP_PREFIX, PREDICTION_PREFIX)

#: Seconds a VP needs per question kind: the basis of the "under 4 minutes" promise.
SECONDS_PER_KIND: dict[str, int] = {"likert": 10, "single": 12, "multi": 30, "text": 45}

#: How much each follow-up answer counts towards follow-through: partly is half done.
FOLLOW_UP_CREDIT: dict[str, float] = {"yes": 1.0, "partly": 0.5, "no": 0.0}

#: The team of a database that was never given another name (and of every older file).
DEFAULT_TEAM = "default"


def now() -> dt.datetime:
    """The current moment, in UTC: every timestamp gtm-pulse writes.

    On a frozen day (``GTM_PULSE_TODAY``, for tests and reproducible demos) it is that day at
    the clock's time, so nothing is ever written with a date after "today".
    """
    from gtm_pulse.core.periods import today

    moment = dt.datetime.now(dt.UTC)
    day = today()
    return moment if day == moment.date() else dt.datetime.combine(day, moment.timetz())


def new_id() -> str:
    """A random id for a new response (imported on first use: ~1.5 ms nobody reading needs)."""
    import uuid

    return uuid.uuid4().hex

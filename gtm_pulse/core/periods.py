"""Survey periods: ``YYYY-MM`` for monthly surveys, ``YYYY-Qn`` for quarterly ones.

A period is a value, not a date: it orders, steps back and forth, and says which cadence it
belongs to. "Today" comes from :func:`today`, which tests and the demo can freeze.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from typing import Literal

from gtm_pulse.errors import PeriodError

Cadence = Literal["monthly", "quarterly"]

#: Set to an ISO date (``2026-11-15``) to freeze "today": used by tests and reproducible demos.
TODAY_ENV = "GTM_PULSE_TODAY"

# [0-9], not \d: \d also matches the digits of other scripts (Arabic-Indic, fullwidth...),
# which int() accepts: a period is spelled in ASCII digits only.
_MONTHLY = re.compile(r"([0-9]{4})-([0-9]{2})")
_QUARTERLY = re.compile(r"([0-9]{4})-[Qq]([0-9])")


class Period(str):
    """One survey period: its canonical text (``2026-11``, ``2026-Q4``), with its cadence and
    ``ordinal`` (months or quarters since year 0) worked out once, when it is parsed.

    A ``str`` so that records, JSON and TinyDB hold it as the text a person types, and a period
    parsed at the edge travels everywhere without being parsed again. Within a cadence the text
    orders as time does (four-digit years, two-digit months), so periods sort as strings.
    """

    cadence: Cadence
    ordinal: int

    def __new__(cls, cadence: Cadence, ordinal: int) -> Period:
        year, number = divmod(ordinal, 12 if cadence == "monthly" else 4)
        text = (
            f"{year:04d}-{number + 1:02d}" if cadence == "monthly" else f"{year:04d}-Q{number + 1}"
        )
        period = super().__new__(cls, text)
        object.__setattr__(period, "cadence", cadence)
        object.__setattr__(period, "ordinal", ordinal)
        return period

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a Period is immutable: cannot set {name}")

    def __getnewargs__(self) -> tuple[Cadence, int]:  # type: ignore[override]
        return (self.cadence, self.ordinal)

    @property
    def year(self) -> int:
        return self.ordinal // self._per_year

    @property
    def number(self) -> int:
        """The month (1-12) or the quarter (1-4) within the year."""
        return self.ordinal % self._per_year + 1

    @property
    def _per_year(self) -> int:
        return 12 if self.cadence == "monthly" else 4

    def shifted(self, steps: int) -> Period:
        """The period ``steps`` periods later (earlier when negative)."""
        return Period(self.cadence, self.ordinal + steps)

    def previous(self) -> Period:
        return self.shifted(-1)

    def next(self) -> Period:
        return self.shifted(1)


@functools.lru_cache(maxsize=1024)
def parse_period(text: str) -> Period:
    """Parse ``2026-11`` or ``2026-Q4``; raise :class:`PeriodError` naming the bad value.

    Called only at the edges: an option, a form, a stored record. Cached because a database
    holds thousands of records over a few dozen periods: each text is parsed once per run.
    """
    value = text.strip()
    if match := _MONTHLY.fullmatch(value):
        year, month = int(match[1]), int(match[2])
        if year < 1:
            raise PeriodError(f"period {text!r}: the year must be 0001 or later")
        if 1 <= month <= 12:
            return Period("monthly", year * 12 + month - 1)
        raise PeriodError(f"period {text!r}: month must be 01-12")
    if match := _QUARTERLY.fullmatch(value):
        year, quarter = int(match[1]), int(match[2])
        if year < 1:
            raise PeriodError(f"period {text!r}: the year must be 0001 or later")
        if 1 <= quarter <= 4:
            return Period("quarterly", year * 4 + quarter - 1)
        raise PeriodError(f"period {text!r}: quarter must be Q1-Q4")
    raise PeriodError(f"period {text!r} is not YYYY-MM (monthly) or YYYY-Qn (quarterly)")


def period_of(cadence: Cadence, day: dt.date) -> Period:
    """The period of ``cadence`` that contains ``day``."""
    if cadence == "monthly":
        return Period("monthly", day.year * 12 + day.month - 1)
    return Period("quarterly", day.year * 4 + (day.month - 1) // 3)


def convert(period: Period, cadence: Cadence) -> Period:
    """The period of ``cadence`` that contains ``period`` (a month maps to its quarter).

    A quarter maps to its last month, the month in which a quarterly survey is usually taken.
    """
    if period.cadence == cadence:
        return period
    if cadence == "quarterly":
        return Period("quarterly", period.year * 4 + (period.number - 1) // 3)
    return Period("monthly", period.year * 12 + period.number * 3 - 1)


def resolve(period: Period | None, cadence: Cadence, day: dt.date | None = None) -> Period:
    """The period a command works on: ``period`` if given (it must fit ``cadence`` and not be
    in the future), else today's."""
    if period is None:
        return period_of(cadence, day or today())
    if period.cadence != cadence:
        example = "2026-11" if cadence == "monthly" else "2026-Q4"
        raise PeriodError(f"period {period!r} does not fit a {cadence} survey (use e.g. {example})")
    return not_future(period, day)


def not_future(period: Period, day: dt.date | None = None) -> Period:
    """``period``, unless it comes after the current period of its cadence: nothing can have
    been answered, compared or exported there yet, so asking for it is a mistake to name."""
    if (current := current_if_future(period, day)) is not None:
        raise PeriodError(f"period {period} is in the future (the current period is {current})")
    return period


def current_if_future(period: Period, day: dt.date | None = None) -> Period | None:
    """The current period of ``period``'s cadence when ``period`` comes after it, else None."""
    current = period_of(period.cadence, day or today())
    return current if period > current else None


def today() -> dt.date:
    """Today's date, or the frozen date in ``GTM_PULSE_TODAY``."""
    frozen = os.environ.get(TODAY_ENV)
    if not frozen:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(frozen)
    except ValueError:
        raise PeriodError(f"{TODAY_ENV}={frozen!r} is not an ISO date (YYYY-MM-DD)") from None

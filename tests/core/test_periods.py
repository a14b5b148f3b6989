"""Periods: parsing, ordering, stepping, and the frozen clock."""

from __future__ import annotations

import datetime as dt

import pytest

from gtm_pulse.core.periods import convert, parse_period, period_of, resolve, today
from gtm_pulse.errors import PeriodError


@pytest.mark.parametrize("text", ["2026-11", "2026-01", "2026-Q1", "2026-Q4"])
def test_valid_periods_round_trip(text: str) -> None:
    assert str(parse_period(text)) == text


def test_lowercase_quarter_is_normalised() -> None:
    assert str(parse_period("2026-q3")) == "2026-Q3"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2026-13", "month must be 01-12"),
        ("2026-00", "month must be 01-12"),
        ("26-1", "is not YYYY-MM"),
        ("2026-Q5", "quarter must be Q1-Q4"),
        ("2026-Q0", "quarter must be Q1-Q4"),
        ("2026-1", "is not YYYY-MM"),
        ("", "is not YYYY-MM"),
        ("november", "is not YYYY-MM"),
    ],
)
def test_malformed_periods_name_the_value(text: str, reason: str) -> None:
    with pytest.raises(PeriodError) as caught:
        parse_period(text)
    assert reason in str(caught.value)
    assert repr(text) in str(caught.value)


def test_periods_order_and_step_across_years() -> None:
    december = parse_period("2025-12")
    assert december.next() == parse_period("2026-01")
    assert parse_period("2026-Q1").previous() == parse_period("2025-Q4")
    assert december < december.next()


def test_period_of_a_day() -> None:
    day = dt.date(2026, 11, 15)
    assert str(period_of("monthly", day)) == "2026-11"
    assert str(period_of("quarterly", day)) == "2026-Q4"


def test_a_month_converts_to_its_quarter_and_back_to_the_quarters_last_month() -> None:
    assert str(convert(parse_period("2026-02"), "quarterly")) == "2026-Q1"
    assert str(convert(parse_period("2026-Q1"), "monthly")) == "2026-03"


def test_resolve_refuses_a_period_of_the_other_cadence() -> None:
    with pytest.raises(PeriodError, match="does not fit a monthly survey"):
        resolve(parse_period("2026-Q4"), "monthly")


def test_resolve_defaults_to_the_frozen_today() -> None:
    assert today() == dt.date(2026, 11, 15)
    assert str(resolve(None, "quarterly")) == "2026-Q4"


def test_a_bad_frozen_today_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GTM_PULSE_TODAY", "yesterday")
    with pytest.raises(PeriodError, match="GTM_PULSE_TODAY"):
        today()

"""Commitments: when a pulse asks about them, how follow-ups are asked, kept and counted."""

from __future__ import annotations

import datetime as dt

import pytest

from gtm_pulse.core.answers import check_answers
from gtm_pulse.core.commitments import (
    as_answers,
    due_by,
    expand,
    follow_through,
    split,
    track,
    with_follow_ups,
)
from gtm_pulse.core.models import Commitment, FollowUp, Response, Survey
from gtm_pulse.core.periods import parse_period
from gtm_pulse.errors import AnswerError


def commitment(number: int, due: str, *, done: bool = False, text: str = "Do it") -> Commitment:
    return Commitment(
        number=number,
        text=text,
        owner="marketing",
        due=parse_period(due),  # records hold parsed periods, as the store reads them
        agreed_in=parse_period("2026-06"),
        done_at=dt.datetime(2026, 9, 1, tzinfo=dt.UTC) if done else None,
    )


def test_open_commitments_are_due_from_their_period_on() -> None:
    agreed = [
        commitment(1, "2026-07"),
        commitment(2, "2026-08"),
        commitment(3, "2026-07", done=True),
    ]
    assert [c.number for c in due_by(agreed, parse_period("2026-06"))] == []
    assert [c.number for c in due_by(agreed, parse_period("2026-07"))] == [1]
    assert [c.number for c in due_by(agreed, parse_period("2026-09"))] == [1, 2]


def test_quarters_and_months_meet_at_the_quarters_last_month() -> None:
    by_quarter = [commitment(1, "2026-Q3")]
    assert due_by(by_quarter, parse_period("2026-08")) == []
    assert [c.number for c in due_by(by_quarter, parse_period("2026-09"))] == [1]
    assert [c.number for c in due_by([commitment(2, "2026-08")], parse_period("2026-Q3"))] == [2]


def test_follow_up_questions_open_the_survey_and_are_required(monthly: Survey) -> None:
    asked = with_follow_ups(monthly, [commitment(4, "2026-07", text="Use {braces} [bold]")])
    first, second = asked.questions[:2]
    assert (first.id, first.kind, first.is_required) == ("follow-up-4", "single", True)
    assert (second.id, second.kind, second.is_required) == ("follow-up-4-comment", "text", False)
    assert asked.render(first.text, "sales") == (
        'Did this happen? #4 "Use {braces} [bold]" (Marketing, due 2026-07)'
    )
    assert asked.dimensions[0].name == "Commitments"
    assert with_follow_ups(monthly, []) is monthly


def test_follow_ups_split_from_the_answers_and_come_back(monthly: Survey) -> None:
    asked = with_follow_ups(monthly, [commitment(1, "2026-07"), commitment(2, "2026-07")])
    raw = {"follow-up-1": "partly", "follow-up-1-comment": "Half done", "follow-up-2": "no"}
    checked = check_answers(asked, raw, partial=True)
    answers, follow_ups = split(checked.answers)
    assert answers == {}
    assert follow_ups == {
        "1": FollowUp(status="partly", comment="Half done"),
        "2": FollowUp(status="no"),
    }
    assert as_answers(follow_ups) == raw


def test_the_answers_file_form_is_expanded_and_checked() -> None:
    due = [commitment(1, "2026-07"), commitment(2, "2026-07")]
    raw = {"x": 1, "_follow_ups": {"1": "yes", "2": {"status": "no", "comment": "Later"}}}
    assert expand(raw, due, "2026-07", "a.json") == {
        "x": 1,
        "follow-up-1": "yes",
        "follow-up-2": "no",
        "follow-up-2-comment": "Later",
    }


@pytest.mark.parametrize(
    ("given", "problem"),
    [
        ([], "_follow_ups: expected an object commitment number -> status"),
        ({"9": "yes"}, "_follow_ups.9: no open commitment #9 is due by 2026-07 (due: #1)"),
        ({"1": 3}, '_follow_ups.1: expected "yes", "partly" or "no"'),
        ({"1": {"status": "yes", "mood": "ok"}}, '_follow_ups.1: expected "yes"'),
    ],
)
def test_a_malformed_follow_up_names_where(given: object, problem: str) -> None:
    with pytest.raises(AnswerError) as caught:
        expand({"_follow_ups": given}, [commitment(1, "2026-07")], "2026-07", "a.json")
    assert caught.value.lines()[0].startswith(f"a.json: {problem}")


def response(role: str, period: str, **follow_ups: str) -> Response:
    return Response(
        survey_id="monthly-pulse",
        survey_version=1,
        role=role,
        respondent=role,
        period=parse_period(period),
        answers={},
        follow_ups={n.lstrip("_"): FollowUp(status=s) for n, s in follow_ups.items()},
    )


def test_follow_through_counts_partly_as_half() -> None:
    said = [
        response("sales", "2026-07", _1="yes", _2="partly"),
        response("marketing", "2026-07", _1="no"),
    ]
    assert follow_through(said) == 50.0
    assert follow_through([response("sales", "2026-07")]) is None


def test_tracking_gathers_each_sides_follow_ups_by_period() -> None:
    agreed = [commitment(1, "2026-07"), commitment(2, "2026-08")]
    said = [
        response("sales", "2026-08", _1="yes", _2="no"),
        response("sales", "2026-07", _1="partly"),
        response("marketing", "2026-07", _1="yes"),
    ]
    first, second = track(agreed, said, parse_period("2026-08"))
    assert [(p, {r: f.status for r, f in a.items()}) for p, a in first.follow_ups] == [
        ("2026-07", {"sales": "partly", "marketing": "yes"}),
        ("2026-08", {"sales": "yes"}),
    ]
    assert second.latest() == ("2026-08", {"sales": FollowUp(status="no")})
    # Reviewing a period before the offsite shows nothing it agreed.
    assert track(agreed, said, parse_period("2026-05")) == []


def test_an_amendment_keeps_asking_about_a_commitment_done_since(store, monthly: Survey) -> None:
    from gtm_pulse.services.submission import build_response
    from tests.helpers import scored, with_guesses

    store.add_commitment("One lead definition", "marketing", "2026-11")
    raw = with_guesses(monthly, "sales", scored(monthly, 4)) | {"_follow_ups": {"1": "yes"}}
    store.submit(
        build_response(store.load(), monthly, "sales", parse_period("2026-11"), raw, "a"), monthly
    )
    store.set_commitment_done(1)
    assert due_by(store.load().commitments, parse_period("2026-11")) == []
    amended = build_response(store.load(), monthly, "sales", parse_period("2026-11"), raw, "a")
    assert amended.follow_ups == {"1": FollowUp(status="yes")}  # not silently dropped
    with pytest.raises(AnswerError, match=r"_follow_ups\.1: required but not answered"):
        without = {k: v for k, v in raw.items() if k != "_follow_ups"}
        build_response(store.load(), monthly, "sales", parse_period("2026-11"), without, "a")

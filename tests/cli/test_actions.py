"""``gtm-pulse actions`` and the follow-ups the next pulse asks, through ``submit`` and compare."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner, Result

from gtm_pulse.cli import cli
from gtm_pulse.core.models import Survey
from gtm_pulse.store.database import Store
from tests.helpers import full_answers, scored, submit_pair


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_add_list_and_done(store: Store) -> None:
    added = run("actions", "add", "One written lead definition", "--owner", "marketing",
                "--due", "2026-12", "--agreed-in", "2026-11")  # fmt: skip
    assert added.exit_code == 0, added.output
    assert added.output == ('Recorded #1 "One written lead definition" (Marketing, due 2026-12).\n')
    run("actions", "add", "Follow up every lead in 48 h", "--owner", "sales", "--due", "2027-Q1")
    assert run("actions", "done", "1").output == (
        '#1 "One written lead definition" (Marketing, due 2026-12) is done.\n'
    )
    listed = run("actions", "list").output.splitlines()
    assert listed[0].startswith("#2   open") and "Follow up every lead in 48 h" in listed[0]
    assert listed[1].startswith("#1   done 20")
    assert len(run("actions", "list", "--open").output.splitlines()) == 1
    as_json = json.loads(run("actions", "list", "--format", "json").output)
    assert [(c["number"], c["owner"], c["due"]) for c in as_json] == [
        (2, "sales", "2027-Q1"),
        (1, "marketing", "2026-12"),
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "x", "--owner", "cfo", "--due", "2026-12"], "owner 'cfo' is not a role"),
        (["add", "x", "--owner", "sales", "--due", "2026-13"], "month must be 01-12"),
        (["add", "x", "--owner", "sales", "--due", "26-1"], "period '26-1' is not YYYY-MM"),
        (["add", "   ", "--owner", "sales", "--due", "2026-12"], "text: must not be blank"),
        (["add", "x", "--due", "2026-12"], "Missing option '--owner'"),
        (["done", "4"], "no commitment #4 (commitments: none yet)"),
        (["done", "0"], "Invalid value for 'NUMBER': 0 is not in the range x>=1"),
    ],
)
def test_mistakes_are_one_line_and_write_nothing(
    store: Store, args: list[str], message: str
) -> None:
    before = store.path.read_bytes()
    result = run("actions", *args)
    assert result.exit_code == 2
    assert len(result.output.splitlines()) == 1 and message in result.output
    assert store.path.read_bytes() == before


def test_a_pulse_with_a_commitment_due_requires_its_follow_up(
    store: Store, monthly: Survey
) -> None:
    store.add_commitment("One written lead definition", "marketing", "2026-11")
    answers = full_answers(monthly, "sales")
    refused = run("submit", "--role", "sales", "--answers", "-", input=json.dumps(answers))
    assert refused.exit_code == 2
    assert "_follow_ups.1: required but not answered" in refused.output
    answers["_follow_ups"] = {"1": {"status": "partly", "comment": "Draft [shared]"}}
    done = run("submit", "--role", "sales", "--answers", "-", input=json.dumps(answers))
    assert done.exit_code == 0, done.output
    (response,) = store.load().responses
    assert response.follow_ups["1"].status == "partly"
    assert "follow-up-1" not in response.answers  # kept apart from the survey's own answers


def test_a_commitment_not_due_yet_is_not_asked(store: Store, monthly: Survey) -> None:
    store.add_commitment("Joint pipeline review", "ceo", "2026-12")
    answers = full_answers(monthly, "sales") | {"_follow_ups": {"1": "yes"}}
    result = run("submit", "--role", "sales", "--answers", "-", input=json.dumps(answers))
    assert result.exit_code == 2
    assert "_follow_ups.1: no open commitment #1 is due by 2026-11 (due: none)" in result.output
    del answers["_follow_ups"]
    assert (
        run("submit", "--role", "sales", "--answers", "-", input=json.dumps(answers)).exit_code == 0
    )


def test_follow_ups_appear_in_compare_beside_the_trend(store: Store, monthly: Survey) -> None:
    submit_pair(store, monthly, "2026-09", scored(monthly, 4), scored(monthly, 3))
    store.add_commitment("One written lead definition", "marketing", "2026-10", "2026-09")
    submit_pair(
        store, monthly, "2026-10",
        scored(monthly, 4) | {"_follow_ups": {"1": "partly"}},
        scored(monthly, 4) | {"_follow_ups": {"1": {"status": "yes", "comment": "Signed"}}},
    )  # fmt: skip
    document = json.loads(run("compare", "--format", "json").output)
    (tracked,) = document["commitments"]
    assert tracked["follow_ups"] == [
        {
            "period": "2026-10",
            "by_role": {
                "sales": {"status": "partly", "comment": ""},
                "marketing": {"status": "yes", "comment": "Signed"},
            },
        }
    ]
    assert [p["follow_through"] for p in document["trend"]["periods"]] == [None, 75.0]
    verdict = run("compare", "--width", "80").output
    assert "Commitments: 1 open of 1 · follow-through this period 75%" in verdict
    text = run("compare", "--width", "80", "--full").output
    assert "Follow-through of commitments (yes 100, partly 50, no 0): 2026-10 75%" in text
    assert '#1 "One written lead definition" (Marketing, due 2026-10) · open' in text
    assert "   2026-10  Sales: partly   Marketing: yes" in text
    assert (
        "| 1 | One written lead definition | Marketing | 2026-10 | open |"
        in run("compare", "--format", "markdown").output
    )


@pytest.mark.parametrize(
    ("dates", "message"),
    [
        (("--due", "2027-06", "--agreed-in", "2027-05"),
         "commitment agreed_in: 2027-05 is in the future (the current period is 2026-11)"),
        (("--due", "2026-09", "--agreed-in", "2026-10"),
         "commitment due: 2026-09 ends before 2026-10, the period it was agreed in"),
        (("--due", "2026-Q3", "--agreed-in", "2026-10"),
         "commitment due: 2026-Q3 ends before 2026-10, the period it was agreed in"),
    ],
)  # fmt: skip
def test_impossible_dates_are_refused_and_nothing_is_recorded(
    store: Store, dates: tuple[str, ...], message: str
) -> None:
    result = run("actions", "add", "x", "--owner", "sales", *dates)
    assert result.exit_code != 0
    assert result.output == f"gtm-pulse: error: {message}\n"
    assert store.load().commitments == []


def test_a_month_inside_the_quarter_it_was_agreed_in_is_a_fair_due_date(store: Store) -> None:
    result = run("actions", "add", "x", "--owner", "sales", "--due", "2026-11",
                 "--agreed-in", "2026-Q4")  # fmt: skip
    assert result.exit_code == 0, result.output

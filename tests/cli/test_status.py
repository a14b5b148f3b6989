"""``gtm-pulse status --due``: only what is still missing now, for a reminder (issue 14, item 6)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner, Result

from gtm_pulse.cli import cli
from gtm_pulse.core.models import Survey, Team
from gtm_pulse.core.surveys import Catalog
from gtm_pulse.store.database import Store
from tests.helpers import full_answers, submit_everything_due, submit_one, submit_pair


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), prog_name="gtm-pulse", catch_exceptions=False)


@pytest.fixture
def pair_team(store: Store) -> Store:
    """A team of the two VPs (and the CEO): every survey due is theirs alone."""
    store.init(Team(company="Acme", members={"sales": "Dana", "marketing": "Sam", "ceo": "Alex"}),
               replace=True)  # fmt: skip
    return store


def test_due_lists_only_who_still_owes_what_and_exits_1(pair_team: Store, monthly: Survey) -> None:
    # Given Sales has submitted the month, and nobody the quarter
    submit_one(pair_team, monthly, "2026-11", "sales", full_answers(monthly, "sales"))
    # When the reminder runs
    result = run("status", "--due")
    # Then it names Marketing's month and both quarters, and nothing already submitted
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == "Acme · 2026-11-15"
    monthly_at = next(n for n, line in enumerate(lines) if "(monthly-pulse v" in line)
    assert lines[monthly_at].endswith("· 2026-11")
    assert lines[monthly_at + 1].split() == ["VP", "of", "Marketing", "Sam", "missing"]
    assert not any("submitted" in line for line in lines[:-1])
    assert sum("missing" in line for line in lines[:-1]) == 3  # Marketing's month, 2 quarters
    assert lines[-1] == "3 submission(s) missing."


def test_due_is_one_line_and_exit_0_when_nothing_is_missing(
    pair_team: Store, catalog: Catalog
) -> None:
    submit_everything_due(pair_team, catalog)
    result = run("status", "--due")
    assert result.exit_code == 0
    assert result.output == (
        "Acme · 2026-11-15 · nothing due: everyone has submitted 2026-11 and 2026-Q4\n"
    )


def test_due_as_json_keeps_only_the_missing_roles(pair_team: Store, monthly: Survey) -> None:
    submit_one(pair_team, monthly, "2026-11", "sales", full_answers(monthly, "sales"))
    result = run("status", "--due", "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.output)
    by_id = {s["survey"]: s for s in report["surveys"]}
    assert [r["role"] for r in by_id["monthly-pulse"]["roles"]] == ["marketing"]
    assert by_id["monthly-pulse"]["missing"] == ["marketing"]
    assert [r["role"] for r in by_id["quarterly-deep-dive"]["roles"]] == ["sales", "marketing"]


def test_due_leaves_out_a_survey_everyone_has_submitted(pair_team: Store, monthly: Survey) -> None:
    submit_pair(pair_team, monthly, "2026-11", full_answers(monthly, "sales"),
                full_answers(monthly, "marketing"))  # fmt: skip
    result = run("status", "--due")
    assert result.exit_code == 1  # the quarter is still due
    assert "monthly-pulse" not in result.output and "(quarterly-deep-dive v" in result.output


def test_due_with_a_period_is_refused_in_one_line(pair_team: Store) -> None:
    result = run("status", "--due", "--period", "2026-10")
    assert result.exit_code == 2
    assert result.output == (
        "gtm-pulse: error: --due is about the current periods: leave out --period "
        "(see 'gtm-pulse status --help')\n"
    )


def test_the_help_shows_the_crontab_line_whole() -> None:
    cron = 'out=$(gtm-pulse status --due) || echo "$out" | mail -s gtm-pulse ceo@acme.com'
    lines = [line.strip() for line in run("status", "--help").output.splitlines()]
    assert f"0 9 * * 1-5  {cron}" in lines

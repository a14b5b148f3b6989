"""``metrics define|set|list``, ``init --member`` and ``compare --pair`` through click."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from gtm_pulse.cli import cli
from gtm_pulse.core.models import Survey, Team
from gtm_pulse.store.database import Store
from tests.helpers import scored, submit_one, submit_pair


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_metrics_are_defined_set_and_listed(store: Store) -> None:
    assert run("metrics", "define", "mql-acceptance").output == (
        "Metric mql-acceptance: MQL-to-SQL acceptance (%), higher is better.\n"
    )
    defined = run("metrics", "define", "win-rate", "--name", "Win rate", "--unit", "%")
    assert defined.exit_code == 0, defined.output
    assert run("metrics", "set", "--period", "2026-10", "mql-acceptance=60").exit_code == 0
    result = run("metrics", "set", "mql-acceptance=45%", "win-rate=21.5")  # today: 2026-11
    assert result.output == "2026-11: mql-acceptance 45%, win-rate 21.5%\n"
    listed = run("metrics", "list").output.splitlines()
    assert listed == [
        "mql-acceptance (MQL-to-SQL acceptance, higher is better): 2026-10 60%  2026-11 45%",
        "win-rate (Win rate, higher is better): 2026-11 21.5%",
    ]
    as_json = json.loads(run("metrics", "list", "--format", "json").output)
    assert as_json[0]["values"] == {"2026-10": 60.0, "2026-11": 45.0}
    # Redefining keeps the values.
    run("metrics", "define", "win-rate", "--name", "Win rate (deals)", "--better", "higher")
    assert store.load().metrics["win-rate"].values == {"2026-11": 21.5}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("set", "mql-acceptance=45", "nope=3"), "unknown metric 'nope' (defined: mql-acceptance)"),
        (("set", "mql-acceptance=lots"), "'mql-acceptance=lots': 'lots' is not a number"),
        (("set", "mql-acceptance=nan"), "'mql-acceptance=nan': 'nan' is not a finite number"),
        (("set", "mql-acceptance"), "'mql-acceptance': expected NAME=VALUE"),
        (("set", "--period", "2026-13", "mql-acceptance=1"), "period '2026-13'"),
        (("set", "--period", "2027-01", "mql-acceptance=1"), "period 2027-01 is in the future"),
        (("define", "win-rate"), "metric 'win-rate': give --name"),
        (("define", "Win Rate", "--name", "x"), "metric id 'Win Rate'"),
    ],
)
def test_bad_metric_input_is_refused_and_nothing_is_written(
    store: Store, args: tuple[str, ...], message: str
) -> None:
    run("metrics", "define", "mql-acceptance")
    before = store.path.read_bytes()
    result = run("metrics", *args)
    assert result.exit_code == 2
    assert result.output.startswith(f"gtm-pulse: error: {message}")
    assert len(result.output.splitlines()) == 1
    assert store.path.read_bytes() == before


def test_compare_shows_the_metric_beside_the_item_that_cites_it(
    store: Store, monthly: Survey
) -> None:
    run("metrics", "define", "mql-acceptance")
    run("metrics", "set", "--period", "2026-10", "mql-acceptance=60")
    run("metrics", "set", "--period", "2026-11", "mql-acceptance=45")
    submit_pair(store, monthly, "2026-11", scored(monthly, 4, frictions_lead_quality=2),
                scored(monthly, 4))  # fmt: skip
    result = run("compare", "--width", "200", "--full")  # metrics are in the full report
    assert result.exit_code == 0, result.output
    assert (
        "↓ 'The leads Marketing passed to Sales this month matched our agreed definition of a "
        "qualified lead.': "
        "Sales: Disagree (2) · Marketing: Agree (4), while MQL-to-SQL acceptance fell from 60% "
        "(2026-10) to 45% (2026-11)"
    ) in " ".join(result.output.split())  # one sentence, wrapped at 200 columns


def test_a_wider_team_answers_and_compare_takes_any_pair(db_path: Path, monthly: Survey) -> None:
    result = run("init", "--company", "N", "--sales", "D", "--marketing", "S", "--ceo", "A",
                 "--member", "cro=Pat Kim", "--member", "cs=Chris")  # fmt: skip
    assert result.exit_code == 0, result.output
    store = Store(db_path)
    assert store.load().team.respondent_roles == ["sales", "marketing", "cro", "cs"]
    submit_pair(store, monthly, "2026-11", scored(monthly, 4), scored(monthly, 2))
    submit_one(store, monthly, "2026-11", "cro", scored(monthly, 3))
    submit_one(store, monthly, "2026-11", "cs", scored(monthly, 4))
    text = run("compare", "--width", "100", "--full").output  # the team is in the full report
    assert "── Team: pairwise alignment, 2026-11" in text
    assert "Least aligned: Sales and Marketing (50)." in text
    pair = run("compare", "--pair", "cro,sales", "--format", "json")
    assert pair.exit_code == 0, pair.output
    document = json.loads(pair.output)
    assert [p["role"] for p in document["pair"]] == ["cro", "sales"]
    assert document["indices"]["alignment"] == 75.0
    assert document["perceptions"]["readings"] == []  # only the two VPs guess each other
    trend = run("trend", "--pair", "cs,marketing", "--width", "80")
    assert trend.exit_code == 0, trend.output
    shouted = run("compare", "--pair", "CRO, Sales", "--format", "json")  # roles are slugs
    assert json.loads(shouted.output)["pair"] == document["pair"]


@pytest.mark.parametrize(
    ("member", "message"),
    [
        ("cro", "--member 'cro': expected ROLE=NAME"),
        ("CRO=Pat", "--member 'CRO=Pat': a role is lowercase letters, digits and dashes"),
        ("sales=Pat", "--member 'sales=Pat': name the sales with --sales"),
        ("cro=  ", "--member 'cro=  ': expected ROLE=NAME"),
    ],
)
def test_a_bad_member_is_refused_and_nothing_is_written(
    db_path: Path, member: str, message: str
) -> None:
    result = run("init", "--company", "N", "--sales", "D", "--marketing", "S", "--ceo", "A",
                 "--member", member)  # fmt: skip
    assert result.exit_code == 2
    assert f"gtm-pulse: error: {message}" in result.output
    assert not db_path.exists()


@pytest.mark.parametrize(
    ("pair", "message"),
    [
        ("cro", "Invalid value for '--pair': 'cro': give two roles"),
        ("sales,sales", "--pair sales,sales: compare two different roles"),
        ("sales,ceo", "--pair: role 'ceo' does not answer surveys"),
    ],
)
def test_a_bad_pair_is_a_one_line_error(store: Store, team: Team, pair: str, message: str) -> None:
    result = run("compare", "--pair", pair)
    assert result.exit_code == 2
    assert result.output.startswith(f"gtm-pulse: error: {message}")

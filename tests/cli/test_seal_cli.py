"""The seal through click (issue 15): ``--pair`` with a wider role reveals nothing of a VP
before both VPs have submitted, and the CEO's overrides say whose answers they open early,
record it, and every later report of that period says so."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner, Result

from gtm_pulse.cli import cli
from gtm_pulse.core.models import Survey
from gtm_pulse.store.database import Store
from tests.helpers import full_answers, scored, submit_one
from tests.report.test_report import STRICT

#: In every text Sales typed: where it shows, Sales' answers leaked.
MARKER = "SALES-SECRET"

MISSING = (
    "gtm-pulse: error: monthly-pulse 2026-11: Marketing (Sam Lee) has not submitted yet, only "
    "Sales (Dana Ortiz) and RevOps (Priya Shah) have; the answers stay sealed until both VPs "
    "have submitted ('compare --partial' opens them early)\n"
)

OPENED = "opened early by the CEO's override on 2026-11-15 (compare --partial: Sales)"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def sealed(store: Store, monthly: Survey) -> Store:
    """2026-11: Sales (answers, a comment and a follow-up comment, each marked) and RevOps have
    submitted; Marketing has not."""
    store.add_commitment("Fix lead scoring", "sales", "2026-11")
    sales = full_answers(monthly, "sales") | {
        "frictions-start-stop": f"{MARKER} answer",
        "_comments": {"respect": f"{MARKER} comment"},
        "_follow_ups": {"1": {"status": "no", "comment": f"{MARKER} follow-up"}},
    }
    submit_one(store, monthly, "2026-11", "sales", sales)
    submit_one(
        store, monthly, "2026-11", "revops", scored(monthly, 3) | {"_follow_ups": {"1": "no"}}
    )
    return store


def test_compare_with_revops_is_refused_before_marketing_submits(sealed: Store) -> None:
    result = run("compare", "--period", "2026-11", "--pair", "sales,revops", "--full")
    assert result.exit_code == 1
    assert result.stderr == MISSING
    assert MARKER not in result.output


def test_trend_with_revops_is_refused_before_marketing_submits(sealed: Store) -> None:
    result = run("trend", "--pair", "sales,revops")
    assert result.exit_code == 1
    assert result.stderr == (
        "gtm-pulse: error: nothing to chart: no period in which all of Sales (Dana Ortiz), "
        "Marketing (Sam Lee) and RevOps (Priya Shah) submitted monthly-pulse (2026-11: "
        "Marketing (Sam Lee) has not submitted yet)\n"
    )
    assert MARKER not in result.output


def test_dashboard_export_with_revops_is_refused_before_marketing_submits(
    sealed: Store, tmp_path: Path
) -> None:
    folder = tmp_path / "pack"
    result = run("dashboard", "--export", str(folder), "--pair", "sales,revops")
    assert result.exit_code == 1
    assert result.stderr == MISSING
    written = [p.read_text() for p in folder.rglob("*") if p.is_file()] if folder.exists() else []
    assert not any(MARKER in text for text in [result.output, *written])


def test_partial_says_whose_answers_it_opens_and_records_it(sealed: Store) -> None:
    result = run("compare", "--period", "2026-11", "--partial")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == (
        "gtm-pulse: note: --partial opens Sales (Dana Ortiz)'s answers for 2026-11 before "
        "Marketing (Sam Lee) has submitted; recorded"
    )
    (record,) = sealed.load().overrides().values()
    assert record == {
        "survey_id": "monthly-pulse", "period": "2026-11", "roles": ["sales"],
        "date": "2026-11-15", "by": "compare --partial", "team": "default",
    }  # fmt: skip


def test_export_of_one_role_says_whose_answers_it_opens_and_records_it(sealed: Store) -> None:
    result = run("export", "--period", "2026-11", "--role", "sales")
    assert result.exit_code == 0
    assert result.stderr == (
        "gtm-pulse: note: --role opens Sales (Dana Ortiz)'s answers for 2026-11 before "
        "Marketing (Sam Lee) has submitted; recorded\n"
    )
    (record,) = sealed.load().overrides().values()
    assert (record["by"], record["roles"]) == ("export --role", ["sales"])


@pytest.fixture
def opened(sealed: Store, monthly: Survey) -> Store:
    """2026-11 opened early by ``compare --partial``, then Marketing submitted."""
    assert run("compare", "--period", "2026-11", "--partial").exit_code == 0
    submit_one(
        sealed, monthly, "2026-11", "marketing", scored(monthly, 2) | {"_follow_ups": {"1": "no"}}
    )
    return sealed


@pytest.mark.parametrize("args", [(), ("--full",), ("--format", "markdown")])
def test_every_later_report_of_the_period_says_it_was_opened_early(
    opened: Store, args: tuple[str, ...]
) -> None:
    result = run("compare", "--period", "2026-11", "--width", "200", *args)
    assert result.exit_code == 0, result.output
    assert f"2026-11 was {OPENED}." in result.stdout


def test_the_json_report_lists_the_overrides_that_opened_the_period(opened: Store) -> None:
    result = run("compare", "--period", "2026-11", "--format", "json")
    document = json.loads(result.stdout)
    assert document["opened_early"] == [
        {"date": "2026-11-15", "by": "compare --partial", "roles": ["sales"]}
    ]
    jsonschema.validate(document, STRICT)


def test_the_dashboard_header_says_the_period_was_opened_early(
    opened: Store, tmp_path: Path
) -> None:
    folder = tmp_path / "pack"
    assert run("dashboard", "--export", str(folder)).exit_code == 0
    overview = (folder / "01-overview.svg").read_text()
    assert "opened&#160;early&#160;by&#160;the&#160;CEO&#x27;s&#160;override&#160;on" in overview
    assert f"2026-11 was {OPENED}." in (folder / "agenda.md").read_text()


def test_the_csv_and_the_trend_say_it_was_opened_early_too(opened: Store) -> None:
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(run("compare", "--format", "csv").output)))
    assert {r["opened_early"] for r in rows if r["period"] == "2026-11"} == {OPENED}
    assert {r["opened_early"] for r in rows if r["period"] != "2026-11"} <= {""}
    trend = run("trend", "--width", "120")
    assert trend.exit_code == 0, trend.output
    assert f"Note: 2026-11 was {OPENED}." in " ".join(trend.output.split())


def test_db_check_names_an_override_record_of_another_shape(opened: Store) -> None:
    import json

    data = json.loads(opened.path.read_text())
    (record,) = data["overrides"].values()
    record["date"] = 5
    opened.path.write_text(json.dumps(data))
    result = run("db", "check")
    assert result.exit_code == 2
    assert "override #1: not a record of a CEO's override" in result.output

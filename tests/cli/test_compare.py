"""``gtm-pulse compare`` and ``gtm-pulse trend`` through click: exit codes, errors, files."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from gtm_pulse.cli import cli
from gtm_pulse.core.models import Survey
from gtm_pulse.core.termtext import cell_width
from gtm_pulse.store.database import Store
from tests.helpers import scored, submit_one, submit_pair


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def history(store: Store, monthly: Survey) -> Store:
    """Three months both VPs submitted: aligned, then drifting apart."""
    for period, marketing in (("2026-09", 4), ("2026-10", 3), ("2026-11", 2)):
        submit_pair(store, monthly, period, scored(monthly, 4), scored(monthly, marketing))
    return store


def test_compare_prints_the_report_and_exits_0(history: Store) -> None:
    verdict = run("compare", "--width", "80")
    assert verdict.exit_code == 0, verdict.output
    assert verdict.output.startswith(
        "Northwind Analytics · Monthly Sales & Marketing pulse · 2026-11"
    )
    # the one-screen verdict: health 62.5 -> 50 is a change of -12.5, shown half up as -13
    assert len(verdict.output.splitlines()) <= 22
    for line in ("Alignment 50 ↓ -25   Health 50 ↓ -13   divergent and struggling",
                 "Talk about these first", "1 Work taken seriously ",
                 "More: compare --full (18 flags, every statement, trend, comments)"):  # fmt: skip
        assert line in verdict.output
    assert "── " not in verdict.output
    result = run("compare", "--width", "80", "--full")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "Northwind Analytics · Monthly Sales & Marketing pulse · 2026-11"
    )
    for section in ("Alignment   50/100  ↓ -25 since 2026-10", "Quadrant   divergent and",
                    "── Dimensions", "── Gap per statement", "── Trend", "── Frictions",
                    "── Flags", "── Agenda", "── Comments"):  # fmt: skip
        assert section in result.output


def test_a_missing_side_exits_1_naming_who(store: Store, monthly: Survey) -> None:
    submit_one(store, monthly, "2026-11", "marketing", scored(monthly, 3))
    result = run("compare", "--period", "2026-11")
    assert result.exit_code == 1
    assert result.output == (
        "gtm-pulse: error: monthly-pulse 2026-11: Sales (Dana Ortiz) has not submitted yet, only "
        "Marketing (Sam Lee) has; a comparison needs both ('compare --partial' shows the "
        "submitted side alone)\n"
    )


def test_partial_shows_the_submitted_side_and_exits_0(store: Store, monthly: Survey) -> None:
    submit_one(store, monthly, "2026-11", "marketing", scored(monthly, 3))
    result = run("compare", "--partial", "--width", "80")
    assert result.exit_code == 0
    assert "PARTIAL VIEW (--partial): only Marketing (Sam Lee) has" in result.output


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("none", "nothing to compare yet: no gtm-pulse database at"),
        ("team", "nothing to compare yet: no responses to monthly-pulse in"),
    ],
)
def test_no_data_at_all_exits_1_with_a_clear_message(
    setup: str, message: str, db_path: Path, team
) -> None:
    if setup == "team":
        Store(db_path).init(team)
    for command in (["compare"], ["trend"], ["dashboard", "--export", "out"]):
        result = run(*command)
        assert result.exit_code == 1
        assert result.output.startswith("gtm-pulse: error: nothing to")
    assert message in run("compare").output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--period", "2026-13"], "period '2026-13': month must be 01-12"),
        (["--period", "26-1"], "period '26-1' is not YYYY-MM (monthly) or YYYY-Qn (quarterly)"),
        (["--period", "2026-Q5"], "period '2026-Q5': quarter must be Q1-Q4"),
        (["--period", "2026-Q3"], "period '2026-Q3' does not fit a monthly survey"),
        (["--survey", "nope"], "unknown survey 'nope'"),
        (["--width", "39"], "Invalid value for '--width': 39 is not in the range 40<=x<=1000"),
        (["--format", "xml"], "Invalid value for '--format': 'xml' is not one of"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(history: Store, args: list[str], message: str) -> None:
    before = history.path.read_bytes()
    result = run("compare", *args)
    assert result.exit_code == 2
    assert len(result.output.splitlines()) == 1 and message in result.output
    assert history.path.read_bytes() == before


def test_output_writes_an_owner_only_file_and_prints_nothing(
    history: Store, tmp_path: Path
) -> None:
    target = tmp_path / "offsite.md"
    result = CliRunner().invoke(cli, ["compare", "--format", "markdown", "--output", str(target)])
    assert result.exit_code == 0
    assert result.stdout == "" and f"Wrote {target}" in result.stderr
    assert target.read_text().startswith("# Offsite agenda: Northwind Analytics")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_output_into_a_missing_folder_is_one_line(history: Store, tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "report.json"
    result = run("compare", "--format", "json", "--output", str(target))
    assert result.exit_code == 2
    assert result.output == f"gtm-pulse: error: cannot write {target}: No such file or directory\n"


def test_json_is_the_default_period_with_its_trend(history: Store) -> None:
    document = json.loads(run("compare", "--format", "json").output)
    assert document["period"] == "2026-11"
    assert [p["alignment"] for p in document["trend"]["periods"]] == [100.0, 75.0, 50.0]
    assert document["trend"]["longest_decline"] == {
        "length": 2, "start": "2026-09", "end": "2026-11"
    }  # fmt: skip


@pytest.mark.parametrize("width", [60, 80, 120, 200])
def test_trend_draws_lines_within_the_width(history: Store, width: int) -> None:
    for extra in ([], ["--dimension", "Shared goals"], ["--since", "2026-10"]):
        result = run("trend", "--width", str(width), *extra)
        assert result.exit_code == 0, result.output
        assert max(cell_width(line) for line in result.output.splitlines()) <= width


def test_trend_lists_every_period_with_its_change(history: Store) -> None:
    result = run("trend", "--width", "100")
    rows = [line.split() for line in result.output.splitlines() if line[:5] == "2026-"]
    assert [row[:4] for row in rows] == [
        ["2026-09", "100", "75", "—"],
        ["2026-10", "75", "↓", "-25"],
        ["2026-11", "50", "↓", "-25"],
    ]
    assert "Longest decline of alignment: 2 periods (2026-09 → 2026-11)" in result.output


def test_trend_of_an_unknown_dimension_names_the_known_ones(history: Store) -> None:
    result = run("trend", "--dimension", "vibes")
    assert result.exit_code == 2
    assert "--dimension 'vibes': monthly-pulse has no such dimension (known: respect" in (
        result.output
    )


def test_a_missing_side_names_a_hostile_vp_with_visible_escapes(
    db_path: Path, monthly: Survey
) -> None:
    # color=True: click would otherwise strip the escape sequences itself (not a terminal).
    store = Store(db_path)
    hostile = "Dana\x1b]0;pwned\x07 \x1b[31mOrtiz"
    init = ["init", "--company", "N", "--sales", hostile, "--marketing", "Sam", "--ceo", "A"]
    assert CliRunner().invoke(cli, init).exit_code == 0
    submit_one(store, monthly, "2026-11", "marketing", scored(monthly, 3))
    result = CliRunner().invoke(cli, ["compare", "--period", "2026-11"], color=True)
    assert result.exit_code == 1
    assert "Sales (Dana\\x1b]0;pwned\\x07 \\x1b[31mOrtiz) has not submitted" in result.output
    assert "\x1b" not in result.output and "\x07" not in result.output


@pytest.mark.parametrize(
    "command", [["compare"], ["trend"], ["dashboard", "--export", "out"]], ids=lambda c: c[0]
)
def test_a_mistyped_team_lists_the_teams_it_holds(history: Store, command: list[str]) -> None:
    result = run("--team", "northwnd", *command)
    assert result.exit_code == 2
    assert result.output == (
        f"gtm-pulse: error: no team 'northwnd' in {history.path} (teams: default); choose one "
        "with --team, or add it with 'gtm-pulse --team northwnd init'\n"
    )


@pytest.mark.parametrize("command", ["compare", "trend"])
def test_piped_without_width_is_80_columns_whatever_columns_says(
    history: Store, command: str
) -> None:
    full = ["--full"] if command == "compare" else []  # the full report's rules span the width
    result = CliRunner(env={"COLUMNS": "150"}).invoke(cli, [command, *full], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert max(cell_width(line) for line in result.output.splitlines()) == 80
    if command == "compare":  # the verdict too: its 104-cell title line is wrapped at 80
        verdict = CliRunner(env={"COLUMNS": "150"}).invoke(cli, [command], catch_exceptions=False)
        assert verdict.exit_code == 0, verdict.output
        lines = verdict.output.splitlines()
        assert max(cell_width(line) for line in lines) <= 80
        assert lines[:2] == [
            "Northwind Analytics · Monthly Sales & Marketing pulse · 2026-11",
            "Sales: Dana Ortiz · Marketing: Sam Lee",
        ]

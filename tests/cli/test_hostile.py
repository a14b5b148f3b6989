"""Hostile and broken input on every command: one clear line, a non-zero exit, nothing lost.

And user text that fights back (markup, escape sequences, control characters, right-to-left
marks, 10,000-character lines) is stored exactly and shown literally everywhere.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from gtm_pulse.cli import cli
from gtm_pulse.models import Survey
from gtm_pulse.safe_text import for_terminal
from gtm_pulse.store import Store
from gtm_pulse.termtext import cell_width
from tests.helpers import full_answers, scored, submit_pair


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def filled(store: Store, monthly: Survey) -> Store:
    submit_pair(store, monthly, "2026-10", scored(monthly, 4), scored(monthly, 3))
    return store


#: Every command and option that takes a period, with the rest of a valid command line.
PERIOD_TAKERS = {
    "take --period": ["take", "--role", "sales", "--period"],
    "status --period": ["status", "--period"],
    "submit --period": ["submit", "--role", "sales", "--answers", "-", "--period"],
    "compare --period": ["compare", "--period"],
    "trend --since": ["trend", "--since"],
    "dashboard --period": ["dashboard", "--export", "out", "--period"],
    "export --period": ["export", "--period"],
    "actions add --due": ["actions", "add", "x", "--owner", "sales", "--due"],
    "actions add --agreed-in": ["actions", "add", "x", "--owner", "sales", "--due", "2026-12",
                                "--agreed-in"],
}  # fmt: skip

BAD_PERIODS = {
    "2026-13": "period '2026-13': month must be 01-12",
    "26-1": "period '26-1' is not YYYY-MM (monthly) or YYYY-Qn (quarterly)",
    "2026-Q5": "period '2026-Q5': quarter must be Q1-Q4",
}


@pytest.mark.parametrize("period", list(BAD_PERIODS))
@pytest.mark.parametrize("command", list(PERIOD_TAKERS))
def test_a_malformed_period_is_one_line_on_every_command(
    filled: Store, tmp_path: Path, command: str, period: str
) -> None:
    before = filled.path.read_bytes()
    result = run(*PERIOD_TAKERS[command], period, input="{}")
    assert result.exit_code == 2, result.output
    assert result.output.strip().splitlines() == [f"gtm-pulse: error: {BAD_PERIODS[period]}"]
    assert filled.path.read_bytes() == before
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["take", "--role", "cfo"], "role 'cfo' does not answer surveys in this team"),
        (["submit", "--role", "cfo", "--answers", "-"], "role 'cfo' does not answer surveys"),
        (["export", "--role", "cfo"], "role 'cfo' does not answer surveys in this team"),
        (["actions", "add", "x", "--owner", "cfo", "--due", "2026-12"], "owner 'cfo' is not a"),
    ],
)
def test_an_unknown_role_is_one_line(filled: Store, args: list[str], message: str) -> None:
    before = filled.path.read_bytes()
    result = run(*args, input="{}")
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1 and message in result.output
    assert filled.path.read_bytes() == before


def test_an_out_of_range_answer_names_the_question_and_the_value(
    filled: Store, monthly: Survey
) -> None:
    before = filled.path.read_bytes()
    answers = full_answers(monthly) | {"respect-seriously": 7, "goals-success": 0}
    result = run("submit", "--role", "sales", "--answers", "-", input=json.dumps(answers))
    assert result.exit_code == 2
    assert sorted(result.output.splitlines()) == [
        "gtm-pulse: error: <stdin>: question 'goals-success': 0 is out of range 1-5",
        "gtm-pulse: error: <stdin>: question 'respect-seriously': 7 is out of range 1-5",
    ]
    assert filled.path.read_bytes() == before


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        ({"frictions-start-stop": "ok \ud800"}, "answers.frictions-start-stop holds a lone "
                                                 "surrogate (\\ud800)"),
        ({"_comments": {"respect": "\udcff"}}, "comments.respect holds a lone surrogate (\\udcff)"),
    ],
)  # fmt: skip
def test_a_lone_surrogate_is_one_line_naming_the_field(
    filled: Store, monthly: Survey, extra: dict, said: str
) -> None:
    # JSON can spell half a UTF-16 pair ("\ud800"); UTF-8, which seals and exports use, cannot.
    before = filled.path.read_bytes()
    answers = json.dumps(full_answers(monthly) | extra)
    result = run("submit", "--role", "sales", "--answers", "-", input=answers)
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"gtm-pulse: error: monthly-pulse 2026-11 sales: {said}, half of a character pair and "
        "not text: remove it"
    ]
    assert filled.path.read_bytes() == before


# -- user text that fights back ----------------------------------------------------------------

NAME = "[bold]Dana[/] [@click=app.quit] \x1b[31m\u200fأحمد\x07"
COMMENT = "Leads [red]suck[/]\x1b[2J\rreally\u202e txet\u200f " + "long" * 2_500  # 10,000+ chars


@pytest.fixture
def hostile(db_path: Path, monthly: Survey) -> Store:
    run("init", "--company", "Acme \x1b]0;pwned\x07", "--sales", NAME, "--marketing", "Sam",
        "--ceo", "Alex")  # fmt: skip
    store = Store(db_path)
    sales = full_answers(monthly, "sales") | {
        "_comments": {"respect": COMMENT},
        "frictions-start-stop": COMMENT,
    }
    submit_pair(store, monthly, "2026-11", sales, full_answers(monthly, "marketing"))
    return store


def test_hostile_text_is_stored_exactly(hostile: Store) -> None:
    snapshot = hostile.load()
    assert snapshot.team.members["sales"] == NAME
    sales = snapshot.response("monthly-pulse", "2026-11", "sales")
    assert sales.comments["respect"] == COMMENT
    assert sales.answers["frictions-start-stop"] == COMMENT


@pytest.mark.parametrize("width", ["60", "200"])
def test_compare_shows_hostile_text_literally_within_the_width(hostile: Store, width: str) -> None:
    verdict = run("compare", "--width", width).output
    text = run("compare", "--width", width, "--full").output  # comments are in the full report
    for shown in (verdict, text):
        assert "\x1b" not in shown and "\x07" not in shown and "\r" not in shown
        assert "Acme \\x1b]0;pwned\\x07" in shown
        assert "[bold]Dana[/] [@click=app.quit]" in shown
        assert "\\x1b[31m\\u200fأحمد\\x07" in shown
        assert max(cell_width(line) for line in shown.splitlines()) <= int(width)
    assert "[red]suck[/]\\x1b[2J" in text and "\\u202e txet\\u200f" in text


def test_status_shows_names_literally(hostile: Store) -> None:
    output = run("status").output
    assert "Acme \\x1b]0;pwned\\x07" in output and "\x1b" not in output


def test_exports_keep_hostile_text_exactly_or_escape_it(hostile: Store, tmp_path: Path) -> None:
    document = json.loads(run("compare", "--format", "json").output)
    assert {"sales": COMMENT} in [c["by_role"] for c in document["comments"]]
    assert document["pair"][0]["name"] == NAME
    rows = list(csv.DictReader(io.StringIO(run("compare", "--format", "csv").output, newline="")))
    said = next(r for r in rows if r["question_id"] == "frictions-start-stop")
    assert said["sales_answer"] == for_terminal(COMMENT)  # visible escapes, nothing lost
    markdown = run("compare", "--format", "markdown").output
    assert "\x1b" not in markdown
    assert r"Leads \[red\]suck\[/\]\\x1b\[2J\\x0dreally\\u202e" in markdown
    bundle = tmp_path / "b.json"
    run("export", "--output", str(bundle))
    exported = json.loads(bundle.read_text())["payload"]["responses"]
    assert COMMENT in [r["comments"].get("respect") for r in exported]

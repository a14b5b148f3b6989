"""Hostile and broken input on every command: one clear line, a non-zero exit, nothing lost.

And user text that fights back (markup, escape sequences, control characters, right-to-left
marks, 10,000-character lines) is stored exactly and shown literally everywhere.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from gtm_pulse.cli import cli
from gtm_pulse.core.models import Survey
from gtm_pulse.core.safe_text import for_terminal
from gtm_pulse.core.termtext import cell_width
from gtm_pulse.store.database import Store
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


# -- hostile records and files (issue 15, items 7 and 10) -----------------------------------


def _edit_database(store: Store, change: Any) -> bytes:
    """Apply ``change`` to the database's JSON (as someone editing the file would); its bytes."""
    data = json.loads(store.path.read_bytes())
    change(data)
    store.path.write_text(json.dumps(data))
    return store.path.read_bytes()


def test_a_team_member_name_that_is_not_text_is_refused_before_submit_writes(
    store: Store, monthly: Survey
) -> None:
    def number_for_a_name(data: dict) -> None:
        data["team"]["1"]["members"]["sales"] = 5

    before = _edit_database(store, number_for_a_name)
    answers = json.dumps(full_answers(monthly))
    for _ in range(2):  # a retry says the same: nothing was stored the first time
        result = run("submit", "--role", "sales", "--answers", "-", input=answers)
        assert result.exit_code == 2
        assert result.output.splitlines() == [
            f"gtm-pulse: error: the database {store.path} holds a bad team (record #1); "
            "'gtm-pulse db check' says what is wrong with it"
        ]
        assert store.path.read_bytes() == before


def test_a_commitment_number_that_is_not_an_integer_is_one_line(store: Store) -> None:
    assert run("actions", "add", "Agree SLA", "--owner", "sales", "--due", "2026-12").exit_code == 0

    def text_for_a_number(data: dict) -> None:
        data["commitments"]["1"]["number"] = "1"

    before = _edit_database(store, text_for_a_number)
    for args in (
        ["actions", "add", "y", "--owner", "sales", "--due", "2026-12"],
        ["actions", "list"],
    ):
        result = run(*args)
        assert result.exit_code == 2, result.output
        assert result.output.splitlines() == [
            f"gtm-pulse: error: the database {store.path} holds a bad commitment (record #1); "
            "'gtm-pulse db check' says what is wrong with it"
        ]
    assert store.path.read_bytes() == before


@pytest.mark.parametrize("where", ["database", "answers", "bundle"])
def test_a_5000_digit_number_is_one_line_on_the_command_line(
    filled: Store, monthly: Survey, tmp_path: Path, where: str
) -> None:
    digits = "9" * 5_000
    if where == "database":
        raw = filled.path.read_bytes()
        filled.path.write_bytes(raw[:-1] + b', "x": {"1": {"n": ' + digits.encode() + b"}}}")
        args, said = ["status"], "holds a number too long to be read"
    elif where == "answers":
        answers = json.dumps(full_answers(monthly))[:-1] + f', "x": {digits}}}'
        args, said = ["submit", "--role", "sales", "--answers", "-"], "<stdin>: holds a number"
    else:
        bundle = tmp_path / "b.json"
        bundle.write_text(f'{{"format": "gtm-pulse-bundle", "payload": {digits}}}')
        args, said = ["import", str(bundle)], f"the bundle {bundle} holds a number too long"
    before = filled.path.read_bytes()
    result = run(*args, input=answers if where == "answers" else None)
    assert result.exit_code == 2
    (line,) = result.output.splitlines()
    assert line.startswith("gtm-pulse: error: ") and said in line
    if where != "database":
        assert filled.path.read_bytes() == before


def test_surveys_validate_a_100k_deep_array_is_one_line(tmp_path: Path) -> None:
    survey = tmp_path / "deep.toml"
    survey.write_text(f"a = {'[' * 100_000}{']' * 100_000}\n")
    result = run("surveys", "validate", str(survey))
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"gtm-pulse: error: {survey}: nested too deeply to be a survey"
    ]


def _other_laptop(tmp_path: Path, team_args: list[str]) -> Path:
    """A second database of the same team (another VP's laptop)."""
    other = tmp_path / "laptop" / "pulse.json"
    assert run("--db", str(other), "init", *team_args).exit_code == 0
    return other


TEAM_ARGS = ["--company", "Acme", "--sales", "Dana Ortiz", "--marketing", "Sam Lee", "--ceo",
             "Alex Kim"]  # fmt: skip


@pytest.fixture
def ours(db_path: Path) -> Path:
    assert run("init", *TEAM_ARGS).exit_code == 0
    return db_path


def test_import_refuses_a_period_in_the_future(
    ours: Path, tmp_path: Path, monthly: Survey, monkeypatch: pytest.MonkeyPatch
) -> None:
    other, bundle = _other_laptop(tmp_path, TEAM_ARGS), tmp_path / "future.json"
    monkeypatch.setenv("GTM_PULSE_TODAY", "2027-01-15")  # a laptop whose clock runs ahead
    answers = json.dumps(full_answers(monthly))
    run("--db", str(other), "submit", "--role", "sales", "--period", "2026-12", "--answers", "-",
        input=answers)  # fmt: skip
    run("--db", str(other), "export", "--role", "sales", "--output", str(bundle))
    monkeypatch.setenv("GTM_PULSE_TODAY", "2026-11-15")
    before = ours.read_bytes()
    result = run("import", str(bundle))
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"gtm-pulse: error: the bundle {bundle}: responses[0].period: 2026-12 is in the future "
        "(the current period is 2026-11); nothing was imported"
    ]
    assert ours.read_bytes() == before


def test_import_refuses_a_revision_that_skips_one(
    ours: Path, tmp_path: Path, monthly: Survey
) -> None:
    other = _other_laptop(tmp_path, TEAM_ARGS)
    first, third = tmp_path / "r1.json", tmp_path / "r3.json"
    submit = ["--db", str(other), "submit", "--role", "sales", "--answers", "-"]
    export = ["--db", str(other), "export", "--role", "sales", "--output"]
    run(*submit, input=json.dumps(full_answers(monthly, seed=1)))
    run(*export, str(first))
    for seed in (2, 3):
        run(*submit, "--amend", input=json.dumps(full_answers(monthly, seed=seed)))
    run(*export, str(third))
    assert run("import", str(first)).exit_code == 0
    before = ours.read_bytes()
    result = run("import", str(third))
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"gtm-pulse: error: {third}: monthly-pulse 2026-11 sales: revision 3 skips revision 2 "
        "(this database holds revision 1): import each revision's bundle in turn; nothing was "
        "imported"
    ]
    assert ours.read_bytes() == before

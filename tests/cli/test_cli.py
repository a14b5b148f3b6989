"""The CLI through click's CliRunner: every command, its errors, and its exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from gtm_pulse import __version__
from gtm_pulse.cli import cli
from gtm_pulse.core.models import Survey
from gtm_pulse.store.database import Store
from tests.helpers import full_answers

INIT = ["init", "--company", "Northwind", "--sales", "Dana", "--marketing", "Sam", "--ceo", "Alex"]


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def initialised(db_path: Path) -> Path:
    assert run(*INIT).exit_code == 0
    return db_path


def submit(monthly: Survey, role: str, *extra: str, answers: dict | None = None) -> Result:
    payload = json.dumps(answers if answers is not None else full_answers(monthly, role))
    return run("submit", "--role", role, "--answers", "-", *extra, input=payload)


def test_help_lists_the_commands() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for command in ("init", "status", "submit", "surveys", "demo"):
        assert command in result.output


def test_compare_help_shows_each_example_on_its_own_line() -> None:
    lines = [line.strip() for line in run("compare", "--help").output.splitlines()]
    for example in (
        "gtm-pulse compare",
        "gtm-pulse compare --full",
        "gtm-pulse compare --period 2026-10 --format markdown --output offsite.md",
        "gtm-pulse compare --format json | jq .indices",
    ):
        assert example in lines


@pytest.mark.parametrize(
    "command",
    [["take"], ["init"], ["submit"], ["compare"], ["trend"], ["dashboard"], ["export"],
     ["import"], ["actions", "add"]],
    ids=" ".join,
)  # fmt: skip
def test_help_examples_are_not_rewrapped(command: list[str]) -> None:
    # Each example in the docstring is one line of --help, exactly as written.
    found: click.Command | None = cli
    for name in command:
        assert isinstance(found, click.Group)
        found = found.get_command(click.Context(found), name)  # imported on demand
    assert found is not None
    examples = [
        line.strip()
        for line in (found.help or "").splitlines()
        if line.strip().startswith(("gtm-pulse ", "echo "))
    ]
    assert examples
    lines = [line.strip() for line in run(*command, "--help").output.splitlines()]
    for example in examples:
        assert example in lines


def test_version() -> None:
    assert run("--version").output.strip() == f"gtm-pulse, version {__version__}"


def test_init_creates_the_database_at_the_env_path(db_path: Path) -> None:
    result = run(*INIT)
    assert result.exit_code == 0, result.output
    assert "Team Northwind (default) saved" in result.output
    assert Store(db_path).load().team.members["sales"] == "Dana"


def test_db_option_works_before_and_after_the_command(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert run("--db", str(first), *INIT).exit_code == 0
    assert run(*INIT, "--db", str(second)).exit_code == 0
    assert first.exists() and second.exists()


def test_init_without_a_terminal_names_the_missing_option(db_path: Path) -> None:
    result = run("init", "--company", "Northwind", "--sales", "Dana")
    assert result.exit_code == 2
    assert "missing --marketing (no terminal to ask for it)" in result.output
    assert not db_path.exists()


def test_init_with_a_blank_name_is_refused(db_path: Path) -> None:
    result = run("init", "--company", "N", "--sales", "  ", "--marketing", "S", "--ceo", "A")
    assert result.exit_code == 2
    # One line, naming the option; CliRunner calls the program "cli" in the help hint.
    assert (
        result.output.strip()
        == "gtm-pulse: error: --sales must not be blank (see 'cli init --help')"
    )
    assert not db_path.exists()


def test_init_force_replaces_the_only_team_keeping_its_id(tmp_path: Path) -> None:
    db = str(tmp_path / "acme.json")
    assert run("--db", db, "--team", "acme", *INIT).exit_code == 0
    replaced = run("--db", db, *INIT[:2], "Acme Two", *INIT[3:], "--force")
    assert replaced.exit_code == 0, replaced.output
    assert "Team Acme Two (acme) saved" in replaced.output
    assert run("--db", db, "teams").output.split() == ["acme", "0", "response(s)", "Acme", "Two"]
    assert run("--db", db, "status").exit_code == 1  # one team again: no --team needed


def test_init_without_force_on_a_one_team_database_names_that_team(tmp_path: Path) -> None:
    db = str(tmp_path / "acme.json")
    assert run("--db", db, "--team", "acme", *INIT).exit_code == 0
    again = run("--db", db, *INIT)
    assert again.exit_code == 2
    assert "already has a team 'acme' (Northwind)" in again.output


def test_a_malformed_team_id_names_the_team_option(db_path: Path) -> None:
    result = run("--team", "Bad Team", *INIT)
    assert result.exit_code == 2
    assert result.output.startswith("gtm-pulse: error: --team 'Bad Team': a team id is lowercase")
    assert "--id" not in result.output
    assert not db_path.exists()


def test_teams_with_a_malformed_team_record_is_one_line(tmp_path: Path) -> None:
    db = tmp_path / "board.json"
    assert run("--db", str(db), "--team", "acme", *INIT).exit_code == 0
    assert run("--db", str(db), "--team", "zeta", *INIT).exit_code == 0
    tables = json.loads(db.read_text())
    broken = next(k for k, doc in tables["team"].items() if doc["id"] == "zeta")
    del tables["team"][broken]["company"]
    db.write_text(json.dumps(tables))
    result = run("--db", str(db), "teams")
    assert result.exit_code == 2
    assert result.output == (
        f"gtm-pulse: error: the database {db} holds a bad team (record #{broken}); "
        "'gtm-pulse db check' says what is wrong with it\n"
    )


def test_status_before_init_says_what_to_do(db_path: Path) -> None:
    result = run("status")
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"gtm-pulse: error: no gtm-pulse database at {db_path}: run 'gtm-pulse init' first"
    )


def test_status_exits_1_until_both_vps_submit(initialised: Path, monthly: Survey) -> None:
    result = run("status", "--survey", "monthly-pulse")
    assert result.exit_code == 1
    assert "2 submission(s) missing." in result.output
    assert submit(monthly, "sales").exit_code == 0
    assert submit(monthly, "marketing").exit_code == 0
    done = run("status", "--survey", "monthly-pulse")
    assert done.exit_code == 0, done.output
    assert "Everyone has submitted." in done.output


def test_status_json_names_who_is_missing(initialised: Path, monthly: Survey) -> None:
    submit(monthly, "sales")
    result = run("status", "--format", "json")
    report = json.loads(result.output)
    assert result.exit_code == 1
    by_id = {s["survey"]: s for s in report["surveys"]}
    assert by_id["monthly-pulse"]["period"] == "2026-11"
    assert by_id["monthly-pulse"]["missing"] == ["marketing"]
    assert by_id["quarterly-deep-dive"]["period"] == "2026-Q4"
    assert by_id["quarterly-deep-dive"]["missing"] == ["sales", "marketing"]
    assert report["complete"] is False


def test_status_for_a_quarter_shows_only_quarterly_surveys(initialised: Path) -> None:
    report = json.loads(run("status", "--period", "2026-Q3", "--format", "json").output)
    assert [s["survey"] for s in report["surveys"]] == ["quarterly-deep-dive"]


@pytest.mark.parametrize("period", ["2026-13", "26-1", "2026-Q5"])
def test_malformed_periods_are_refused_everywhere(
    initialised: Path, monthly: Survey, period: str
) -> None:
    for result in (run("status", "--period", period), submit(monthly, "sales", "--period", period)):
        assert result.exit_code == 2
        assert f"period {period!r}" in result.output
        assert "Traceback" not in result.output


def test_submit_stores_a_valid_response(initialised: Path, monthly: Survey) -> None:
    result = submit(monthly, "sales")
    assert result.exit_code == 0, result.output
    first, seal = result.output.splitlines()
    assert first == "Submitted monthly-pulse 2026-11 for Dana (sales), revision 1."
    (stored,) = Store(initialised).load().responses
    assert seal == f"Sealed: sha256 {stored.seal.sha256}"
    assert stored.role == "sales" and stored.respondent == "Dana"


def test_submit_from_a_file(initialised: Path, monthly: Survey, tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(full_answers(monthly, "marketing")))
    result = run("submit", "--role", "marketing", "--answers", str(answers), "--period", "2026-10")
    assert result.exit_code == 0, result.output
    assert Store(initialised).load().responses[0].period == "2026-10"


def test_submit_twice_is_refused_then_amend_keeps_history(
    initialised: Path, monthly: Survey
) -> None:
    submit(monthly, "sales")
    before = initialised.read_bytes()
    again = submit(monthly, "sales")
    assert again.exit_code == 2
    assert "already submitted monthly-pulse for 2026-11" in again.output
    assert initialised.read_bytes() == before
    amended = submit(monthly, "sales", "--amend")
    assert amended.exit_code == 0
    assert "Amended monthly-pulse 2026-11 for Dana (sales), revision 2." in amended.output
    assert len(Store(initialised).load().history) == 1


def test_bad_answers_name_each_question_and_write_nothing(
    initialised: Path, monthly: Survey
) -> None:
    likert = [q.id for q in monthly.questions if q.kind == "likert"]
    answers = {**full_answers(monthly), likert[0]: 0, likert[1]: "agree"}
    before = initialised.read_bytes()
    result = submit(monthly, "sales", answers=answers)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    prefix = "gtm-pulse: error: <stdin>: question"
    assert lines == [
        f"{prefix} {likert[0]!r}: 0 is out of range 1-5",
        f"{prefix} {likert[1]!r}: expected a whole number 1-5 or 'n/a', got 'agree'",
    ]
    assert initialised.read_bytes() == before


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ("{not json", "<stdin>: not valid JSON (line 1, column 2"),
        ("[1, 2]", "<stdin>: expected a JSON object {question id: value}, got list"),
    ],
)
def test_unreadable_answers_files(initialised: Path, payload: str, message: str) -> None:
    result = run("submit", "--role", "sales", "--answers", "-", input=payload)
    assert result.exit_code == 2
    assert message in result.output


def test_unknown_role_is_refused(initialised: Path, monthly: Survey) -> None:
    result = submit(monthly, "ceo")
    assert result.exit_code == 2
    assert (
        "role 'ceo' does not answer surveys in this team (roles: sales, marketing)" in result.output
    )


def test_future_period_is_refused(initialised: Path, monthly: Survey) -> None:
    result = submit(monthly, "sales", "--period", "2027-01")
    assert result.exit_code == 2
    assert "period 2027-01 is in the future (the current period is 2026-11)" in result.output


def test_surveys_list_shows_both_shipped_surveys() -> None:
    output = run("surveys", "list").output
    assert "monthly-pulse" in output and "quarterly-deep-dive" in output


def test_surveys_validate_shipped_and_broken(tmp_path: Path) -> None:
    assert run("surveys", "validate").exit_code == 0
    broken = tmp_path / "broken.toml"
    broken.write_text('id = "x"\nversion = 0\n')
    result = run("surveys", "validate", str(broken))
    assert result.exit_code == 2
    assert f"gtm-pulse: error: {broken}: version: Input should be greater than or equal to 1" in (
        result.output
    )
    assert "Traceback" not in result.output


def test_surveys_show_json_is_the_survey_as_loaded(monthly: Survey) -> None:
    result = run("surveys", "show", "monthly-pulse", "--format", "json")
    assert Survey.from_json(json.loads(result.output)) == monthly


def test_surveys_show_text_lists_every_question(monthly: Survey) -> None:
    output = run("surveys", "show", "monthly-pulse").output
    assert all(f"{q.id}:" in output for q in monthly.questions)


def test_unknown_survey_is_one_line() -> None:
    result = run("surveys", "show", "weekly")
    assert result.exit_code == 2
    assert result.output.startswith("gtm-pulse: error: unknown survey 'weekly' (available: ")


def test_demo_uses_a_throwaway_database(db_path: Path) -> None:
    result = run("demo")
    assert result.exit_code == 0, result.output
    assert "(throwaway)" in result.output
    assert "Northwind Analytics" in result.output
    assert not db_path.exists()


def test_demo_never_writes_over_an_existing_file(tmp_path: Path) -> None:
    existing = tmp_path / "real.json"
    existing.write_text("precious")
    result = run("demo", "--db", str(existing))
    assert result.exit_code == 2
    assert existing.read_text() == "precious"


def test_names_are_printed_literally(db_path: Path) -> None:
    name = "[bold]Dana[/] \x1b[31m"
    run("init", "--company", "[@click=app.quit]", "--sales", name, "--marketing", "S", "--ceo", "A")
    output = run("status").output
    assert "[@click=app.quit]" in output
    assert "[bold]Dana[/] \\x1b[31m" in output
    assert "\x1b" not in output
    assert Store(db_path).load().team.members["sales"] == name


def test_error_lines_show_a_hostile_company_with_visible_escapes(db_path: Path) -> None:
    # color=True: click would otherwise strip the escape sequences itself (not a terminal).
    evil = ["init", "--company", "Evil\x1b[2J Co", "--sales", "D", "--marketing", "S", "--ceo", "A"]
    assert run(*evil).exit_code == 0
    again = CliRunner().invoke(cli, evil, color=True)
    assert again.exit_code == 2
    assert "already has a team 'default' (Evil\\x1b[2J Co)" in again.output
    assert "\x1b" not in again.output


def test_an_unknown_option_is_shown_with_visible_escapes(initialised: Path) -> None:
    result = CliRunner().invoke(cli, ["status", "--\x1b[2Jx"], color=True)
    assert result.exit_code == 2
    assert "No such option '--\\x1b[2Jx'" in result.output
    assert "\x1b" not in result.output


def test_default_database_is_in_the_platform_data_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("GTM_PULSE_DB")
    assert run(*INIT).exit_code == 0
    assert (tmp_path / "xdg-data" / "gtm-pulse" / "pulse.json").exists()


def test_an_unwritable_database_location_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run("--db", str(blocker / "pulse.json"), *INIT)
    assert result.exit_code == 2
    assert result.output.startswith(f"gtm-pulse: error: cannot write the database {blocker}")
    assert blocker.read_text() == "not a folder"


def test_take_on_a_broken_database_is_one_line_not_a_tui(tmp_path: Path) -> None:
    broken = tmp_path / "pulse.json"
    broken.write_text("{oops")
    result = run("--db", str(broken), "take", "--role", "sales")
    assert result.exit_code == 2
    assert result.output.startswith(f"gtm-pulse: error: the database {broken} is not valid JSON")
    assert broken.read_text() == "{oops"


@pytest.mark.parametrize(
    "command",
    [
        ["status", "--period", "2027-01"],
        ["compare", "--period", "2027-01"],
        ["trend", "--since", "2027-01"],
        ["dashboard", "--period", "2027-01", "--export", "out"],
        ["export", "--period", "2027-01", "--output", "out.json"],
    ],
    ids=lambda c: c[0],
)
def test_every_command_refuses_a_future_period(
    initialised: Path, command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(*command)
    assert result.exit_code == 2, result.output
    assert result.output == (
        "gtm-pulse: error: period 2027-01 is in the future (the current period is 2026-11)\n"
    )
    assert not (tmp_path / "out").exists() and not (tmp_path / "out.json").exists()


def test_year_zero_is_named_as_the_year(initialised: Path) -> None:
    result = run("status", "--period", "0000-01")
    assert result.exit_code == 2
    assert "period '0000-01': the year must be 0001 or later" in result.output

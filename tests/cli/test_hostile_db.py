"""The README's hostile databases through the real command line, on every command that opens one.

Each row of "Hostile and broken input" that is about a database file: every command refuses it
with one line on stderr naming the file and what is wrong, exit 2, nothing on stdout, and the
file byte for byte as it was, with nothing new beside it (no backup, no temp file, no drafts
file). A store that quietly reads a broken file as an empty database fails here: reads then say
"no team", and writes replace the file.

The files are mode 0600, as gtm-pulse makes a database: a damaged database keeps its mode.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from gtm_pulse.cli import cli
from gtm_pulse.core.models import Survey, Team
from gtm_pulse.store.database import Store
from tests.helpers import full_answers, scored, submit_one, submit_pair, with_guesses

PERIOD = "2026-10"


def run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)


@cache
def huge_not_a_database() -> bytes:
    """100 MB of valid JSON that is not a database (built once: ~0.1 s)."""
    return b'{"junk": "' + b"x" * 100_000_000 + b'"}'


#: Each README row about a database file: its bytes, and what the one line says about it.
HOSTILE: dict[str, tuple[Callable[[], bytes], str]] = {
    "empty": (lambda: b"", "is empty"),
    "truncated mid-write": (
        lambda: b'{"meta":{"1":{"app":"gtm-pulse","schema_version":2}},"team":{"1":{"comp',
        "is not valid JSON (line 1, column 67",
    ),
    "binary": (lambda: bytes(range(256)) * 4, "is not text (binary data?)"),
    "not JSON": (lambda: b'{"meta": {"1": ', "is not valid JSON (line 1"),
    "nested 100,000 levels deep": (
        lambda: b"[" * 100_000 + b"]" * 100_000,
        "is nested too deeply to be read",
    ),
    "100 MB that is not a database": (
        huge_not_a_database,
        "is not a gtm-pulse database (no gtm-pulse schema record)",
    ),
    "another app's file": (
        lambda: b'{"meta": {"1": {"app": "other", "schema_version": 1}}}',
        "is not a gtm-pulse database (no gtm-pulse schema record)",
    ),
    "a TinyDB file": (
        lambda: b'{"_default": {"1": {"a": 1}}}',
        "is not a gtm-pulse database (no gtm-pulse schema record)",
    ),
    "a newer schema": (
        lambda: b'{"meta": {"1": {"app": "gtm-pulse", "schema_version": 99}}}',
        "was written by a newer gtm-pulse (schema 99; this version reads up to",
    ),
}

#: Every command that opens the database, reading or writing; ``{answers}`` and ``{bundle}``
#: are files made by the ``inputs`` fixture.
COMMANDS = {
    "status": ["status"],
    "teams": ["teams"],
    "compare": ["compare", "--period", PERIOD],
    "trend": ["trend"],
    "export": ["export"],
    "actions list": ["actions", "list"],
    "metrics list": ["metrics", "list"],
    "db check": ["db", "check"],
    "db backup": ["db", "backup"],
    "init --force": ["init", "--force", "--company", "N", "--sales", "D", "--marketing", "S",
                     "--ceo", "A"],
    "submit": ["submit", "--role", "sales", "--period", PERIOD, "--answers", "{answers}"],
    "submit --amend": ["submit", "--amend", "--role", "sales", "--period", PERIOD, "--answers",
                       "{answers}"],
    "actions add": ["actions", "add", "One lead definition", "--owner", "sales", "--due",
                    "2026-12"],
    "actions done": ["actions", "done", "1"],
    "metrics define": ["metrics", "define", "mql-acceptance"],
    "metrics set": ["metrics", "set", "--period", PERIOD, "mql-acceptance=45"],
    "import": ["import", "{bundle}"],
}  # fmt: skip

#: Reading 100 MB costs ~0.3 s a command: a reader, the checker and the writers that create.
HUGE_COMMANDS = ["status", "db check", "init --force", "submit"]

CASES = [
    pytest.param(row, command, id=f"{row}-{command}")
    for row in HOSTILE
    for command in COMMANDS
    if row != "100 MB that is not a database" or command in HUGE_COMMANDS
]


@pytest.fixture
def inputs(tmp_path: Path, team: Team, monthly: Survey) -> dict[str, str]:
    """An answers file and a bundle made by 'export' on another laptop, outside the db folder."""
    made = tmp_path / "inputs"
    made.mkdir()
    answers = made / "answers.json"
    answers.write_text(json.dumps(with_guesses(monthly, "sales", full_answers(monthly))))
    laptop = Store(made / "laptop.json")
    laptop.init(team)
    submit_one(laptop, monthly, PERIOD, "sales", scored(monthly, 4))
    bundle = made / "bundle.json"
    exported = run(laptop.path, "export", "--role", "sales", "--output", str(bundle))
    assert exported.exit_code == 0, exported.output
    return {"answers": str(answers), "bundle": str(bundle)}


def _argv(command: str, inputs: dict[str, str]) -> list[str]:
    return [arg.format(**inputs) for arg in COMMANDS[command]]


def _beside(db: Path) -> set[str]:
    """What the database's folder holds, but the lock file (a writer takes it before reading)."""
    return {p.name for p in db.parent.rglob("*")} - {f"{db.name}.lock"}


@pytest.mark.parametrize(("row", "command"), CASES)
def test_a_hostile_database_is_one_line_exit_2_and_left_byte_for_byte(
    db_path: Path, inputs: dict[str, str], row: str, command: str
) -> None:
    # Given: a database file that is not one gtm-pulse can read.
    content, message = HOSTILE[row]
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db_path.write_bytes(content())
    db_path.chmod(0o600)
    around = _beside(db_path)

    # When: the command opens it.
    result = run(db_path, *_argv(command, inputs))

    # Then: one line naming the file and the problem, exit 2, nothing written anywhere.
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"gtm-pulse: error: the database {db_path} {message}"), line
    assert db_path.read_bytes() == content()
    assert _beside(db_path) == around


# -- a record inside a valid file that does not fit ---------------------------------------------

BAD_RECORD = "holds a bad response (record #{n}); 'gtm-pulse db check' says what is wrong with it"

#: The commands that read responses, so must meet the bad record (the others need not).
RESPONSE_READERS = ["status", "compare", "trend", "export", "submit --amend", "import"]


@pytest.fixture
def bad_record(store: Store, monthly: Survey) -> tuple[Path, int]:
    """A database of three months of pulses in which one response lost its period."""
    for period in ("2026-08", "2026-09", PERIOD):
        submit_pair(store, monthly, period, scored(monthly, 4), scored(monthly, 3))
    data = json.loads(store.path.read_bytes())
    number = sorted(data["responses"], key=int)[-1]
    del data["responses"][number]["period"]
    store.path.write_text(json.dumps(data))
    store.path.chmod(0o600)
    return store.path, int(number)


@pytest.mark.parametrize("command", RESPONSE_READERS)
def test_a_bad_record_is_one_line_pointing_at_db_check(
    bad_record: tuple[Path, int], inputs: dict[str, str], command: str
) -> None:
    db, number = bad_record
    before = db.read_bytes()
    around = _beside(db)
    result = run(db, *_argv(command, inputs))
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == [
        f"gtm-pulse: error: the database {db} {BAD_RECORD.format(n=number)}"
    ]
    assert db.read_bytes() == before
    assert _beside(db) == around


def test_db_check_names_every_bad_record(bad_record: tuple[Path, int]) -> None:
    db, number = bad_record
    data = json.loads(db.read_bytes())
    data["responses"]["1"]["answers"] = ["not", "a", "mapping"]
    db.write_text(json.dumps(data))
    before = db.read_bytes()
    result = run(db, "db", "check")
    assert result.exit_code == 2
    *problems, summary = result.stderr.splitlines()
    assert problems == [
        "gtm-pulse: error: response #1: answers: Input should be a valid dictionary",
        f"gtm-pulse: error: response #{number}: period: Field required",
    ]
    assert summary.startswith(f"2 problem(s) in {db} (1 team(s), 4 response(s)")  # the 4 good
    assert db.read_bytes() == before

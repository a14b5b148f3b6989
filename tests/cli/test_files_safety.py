"""The database's files are safe from the commands that write files (issue 15, items 4-6, 9, 10).

No ``--output`` or ``--export`` replaces the database, its lock, its drafts or its backups, or a
path that is not a regular file; a symlinked database is written through to its target; a
read-only one is not written at all; ``--db`` and ``$GTM_PULSE_DB`` that name a folder or an
unreadable file say which of the two set it; and the messages about files say what they refused.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from filelock import FileLock

from gtm_pulse.cli import cli
from gtm_pulse.core.models import Survey, Team
from gtm_pulse.store import transaction as store_module
from gtm_pulse.store.database import Store
from tests.helpers import scored, submit_pair


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def one_error(result: Result) -> str:
    """The one line a refused command prints, checked to be exactly one ``error:`` line."""
    lines = result.output.strip().splitlines()
    assert result.exit_code == 2, result.output
    assert len(lines) == 1 and lines[0].startswith("gtm-pulse: error: "), result.output
    return lines[0]


@pytest.fixture
def filled(store: Store, monthly: Survey) -> Store:
    submit_pair(store, monthly, "2026-10", scored(monthly, 4), scored(monthly, 3))
    return store


def _files(folder: Path) -> dict[str, bytes]:
    """Every regular file under ``folder`` (relative name -> bytes): what a refusal must keep."""
    return {
        os.fspath(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


# -- item 4: no output replaces the database's files -----------------------------------------

WRITERS = {
    "export --output": ["export", "--output"],
    "compare --output": ["compare", "--period", "2026-10", "--output"],
}


def _kept_targets(store: Store, tmp_path: Path) -> dict[str, Path]:
    """Every spelling of a file an output must not replace, made to exist."""
    backup = store.backup()
    store.drafts_path.write_bytes(b'{"meta": {}}')  # exists; its content is not the point
    link = tmp_path / "innocent.json"
    link.symlink_to(store.path)
    return {
        "the database": store.path,
        "the lock": store.lock_path,
        "the drafts file": store.drafts_path,
        "a backup": backup,
        "a ../ spelling": store.path.parent / ".." / store.path.parent.name / store.path.name,
        "a symlink to the database": link,
    }


@pytest.mark.parametrize("target", ["the database", "the lock", "the drafts file", "a backup",
                                    "a ../ spelling", "a symlink to the database"])  # fmt: skip
@pytest.mark.parametrize("writer", list(WRITERS))
def test_an_output_over_a_file_of_the_database_is_refused_and_nothing_is_written(
    filled: Store, tmp_path: Path, writer: str, target: str
) -> None:
    path = _kept_targets(filled, tmp_path)[target]
    before = _files(tmp_path)
    line = one_error(run(*WRITERS[writer], str(path)))
    assert line.startswith(f"gtm-pulse: error: refusing to write {path}: it is ")
    assert line.endswith("; nothing was written")
    assert _files(tmp_path) == before


@pytest.mark.parametrize("writer", list(WRITERS))
def test_an_output_over_a_path_that_is_not_a_regular_file_is_refused(
    filled: Store, tmp_path: Path, writer: str
) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)  # replaced by a regular file today, as /dev/null would be when run as root
    line = one_error(run(*WRITERS[writer], str(pipe)))
    assert line == f"gtm-pulse: error: refusing to write {pipe}: it is not a regular file; " + (
        "nothing was written"
    )
    assert stat.S_ISFIFO(pipe.lstat().st_mode)


def test_an_output_through_a_symlink_to_another_file_writes_that_file(
    filled: Store, tmp_path: Path
) -> None:
    report, link = tmp_path / "report.md", tmp_path / "latest.md"
    report.write_text("old")
    link.symlink_to(report)
    result = run("compare", "--period", "2026-10", "--format", "markdown", "--output", str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and report.read_text().startswith("#")


def test_a_dashboard_export_into_the_database_folder_is_refused_before_anything_is_written(
    filled: Store, tmp_path: Path
) -> None:
    before = _files(tmp_path)
    line = one_error(run("dashboard", "--period", "2026-10", "--export", str(filled.path.parent)))
    assert line == (
        f"gtm-pulse: error: refusing to export into {filled.path.parent}: it is the folder of "
        f"the gtm-pulse database {filled.path}; choose another folder; nothing was written"
    )
    assert _files(tmp_path) == before


# -- item 5: a symlinked database is written through -----------------------------------------


@pytest.fixture
def linked(db_path: Path, tmp_path: Path, team: Team) -> tuple[Path, Path]:
    """The database path is a symlink to a shared file in another folder: (link, target)."""
    target = tmp_path / "shared" / "pulse.json"
    Store(target).init(team)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db_path.symlink_to(target)
    return db_path, target


def test_a_write_to_a_symlinked_database_lands_in_its_target_and_keeps_the_link(
    linked: tuple[Path, Path],
) -> None:
    link, target = linked
    result = run("actions", "add", "Agree the lead definition", "--owner", "sales", "--due",
                 "2026-12")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and link.resolve() == target
    assert b"Agree the lead definition" in target.read_bytes()


def test_the_lock_and_drafts_of_a_symlinked_database_are_beside_its_target(
    linked: tuple[Path, Path],
) -> None:
    link, target = linked
    store = Store(link)
    assert store.lock_path == target.with_name("pulse.json.lock")
    assert store.drafts_path == target.with_name("pulse.drafts.json")
    run("actions", "add", "x", "--owner", "sales", "--due", "2026-12")
    assert target.with_name("pulse.json.lock").exists()
    assert not link.with_name("pulse.json.lock").exists()


# -- item 6: a read-only database is not written ---------------------------------------------

INIT = ["--company", "Acme", "--sales", "Dana", "--marketing", "Sam", "--ceo", "Alex"]


@pytest.mark.parametrize(
    "args",
    [
        ["actions", "add", "x", "--owner", "sales", "--due", "2026-12"],
        ["metrics", "define", "mql", "--name", "MQL"],
        ["init", "--force", *INIT],
    ],
    ids=lambda args: " ".join(args[:2]),
)
def test_a_read_only_database_is_refused_saying_how_to_allow_writes(
    filled: Store, args: list[str]
) -> None:
    filled.path.chmod(0o400)
    before = filled.path.read_bytes()
    line = one_error(run(*args))
    assert line == (
        f"gtm-pulse: error: the database {filled.path} is read-only (mode 400); nothing was "
        f"written; to allow writes: chmod u+w {filled.path}"
    )
    assert filled.path.read_bytes() == before
    assert stat.S_IMODE(filled.path.stat().st_mode) == 0o400


def test_a_read_only_database_is_not_replaced_by_a_restore(filled: Store) -> None:
    backup = filled.backup()
    filled.path.chmod(0o400)
    line = one_error(run("db", "restore", str(backup)))
    assert line.endswith(f"to allow writes: chmod u+w {filled.path}")
    assert stat.S_IMODE(filled.path.stat().st_mode) == 0o400


def test_a_read_only_database_can_still_be_read_and_backed_up(filled: Store) -> None:
    filled.path.chmod(0o400)
    assert run("compare", "--period", "2026-10").exit_code == 0
    assert run("db", "backup").exit_code == 0


# -- item 9: --db and $GTM_PULSE_DB that cannot be a database --------------------------------


def test_gtm_pulse_db_naming_a_folder_is_one_line_naming_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    monkeypatch.setenv("GTM_PULSE_DB", str(folder))
    assert one_error(run("status")) == (
        f"gtm-pulse: error: GTM_PULSE_DB={folder} is a folder, not a gtm-pulse database file"
    )


@pytest.mark.parametrize("where", ["before", "after"])
def test_db_naming_a_folder_is_one_line_naming_the_option(tmp_path: Path, where: str) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    args = ["--db", str(folder), "status"] if where == "before" else ["status", "--db", str(folder)]
    assert one_error(run(*args)) == (
        f"gtm-pulse: error: --db {folder} is a folder, not a gtm-pulse database file"
    )


def test_db_naming_an_unreadable_file_is_one_line_naming_the_option(filled: Store) -> None:
    filled.path.chmod(0o000)  # refused by its mode even as root, who could read it
    try:
        assert one_error(run("--db", str(filled.path), "status")) == (
            f"gtm-pulse: error: --db {filled.path} is a file that cannot be read, not a "
            "gtm-pulse database file"
        )
    finally:
        filled.path.chmod(0o600)


# -- item 10: the messages about files --------------------------------------------------------


def test_restoring_a_broken_file_names_it_and_says_nothing_was_restored(
    filled: Store, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{broken")
    before = filled.path.read_bytes()
    assert one_error(run("db", "restore", str(bad))) == (
        f"gtm-pulse: error: the backup {bad} is not valid JSON (line 1, column 2: Expecting "
        "property name enclosed in double quotes); nothing was restored"
    )
    assert filled.path.read_bytes() == before


def test_the_busy_message_says_how_long_this_process_waited_and_that_others_were_queued(
    filled: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "LOCK_TIMEOUT_S", 0.2)
    with FileLock(filled.lock_path):  # another process holds the database
        line = one_error(run("actions", "add", "x", "--owner", "sales", "--due", "2026-12"))
    assert line == (
        f"gtm-pulse: error: the database {filled.path} is busy: this process waited 0 s for "
        f"{filled.lock_path} while other gtm-pulse processes wrote or were queued before it; "
        "try again in a moment"
    )


def test_every_folder_made_on_the_way_to_the_database_is_owner_only(tmp_path: Path) -> None:
    db = tmp_path / "new" / "deeper" / "deepest" / "pulse.json"
    umask = os.umask(0o022)  # the common default, under which mkdir makes 0755
    try:
        result = run("--db", str(db), "init", *INIT)
    finally:
        os.umask(umask)
    assert result.exit_code == 0, result.output
    for folder in (tmp_path / "new", db.parent.parent, db.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_a_value_an_error_quotes_is_cut_to_300_characters(tmp_path: Path) -> None:
    survey = tmp_path / "huge-key.toml"
    survey.write_text(f"{'k' * 2_000_000} = 1\n")  # echoed whole today: a 2 MB line
    result = run("surveys", "validate", str(survey))
    assert result.exit_code == 2
    (line,) = [line for line in result.output.splitlines() if "kkk" in line]
    assert "...(1,999,7" in line and "more characters)..." in line
    assert len(line) < 300 + len(str(survey)) + 60


def test_an_error_line_is_cut_at_1000_characters(filled: Store) -> None:
    long = "many words " * 2_000  # a value with spaces is cut as a line, not as a word
    line = one_error(run("status", "--period", long))
    assert len(line) == 1_000 and line.endswith("more characters)")

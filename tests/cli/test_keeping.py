"""db check / backup / restore, export / import and the seal, through the command line."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from click.testing import CliRunner, Result

from gtm_pulse.cli import cli
from gtm_pulse.core.models import Survey, Team
from gtm_pulse.store.database import Store
from tests.helpers import full_answers, scored, submit_pair


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_db_check_says_ok_or_lists_each_problem(store: Store, monthly: Survey) -> None:
    submit_pair(store, monthly, "2026-11", scored(monthly, 4), scored(monthly, 3))
    ok = run("db", "check")
    assert ok.exit_code == 0
    assert ok.output.startswith(f"ok: {store.path}: 1 team(s), 2 response(s)")
    data = json.loads(store.path.read_bytes())
    next(iter(data["responses"].values()))["answers"]["respect-seriously"] = 1
    store.path.write_text(json.dumps(data))
    broken = run("db", "check")
    assert broken.exit_code == 2
    assert "its answers no longer match its seal (changed after submitting)" in broken.output
    assert "its signature does not hold (changed after it was signed)" in broken.output
    assert "2 problem(s) in" in broken.output


def test_a_damaged_drafts_file_blocks_nothing_it_need_not(store: Store, monthly: Survey) -> None:
    store.drafts_path.write_text("{broken")
    answers = json.dumps(full_answers(monthly, "sales"))
    submitted = run("submit", "--role", "sales", "--answers", "-", input=answers)
    assert submitted.exit_code == 0 and submitted.output.startswith("Submitted monthly-pulse")
    status = run("status")  # it shows drafts, so it must read the file: one line, the way out
    assert status.exit_code == 2
    assert status.output.splitlines() == [
        f"gtm-pulse: error: the drafts file {store.drafts_path} is not valid JSON (line 1, column "
        "2: Expecting property name enclosed in double quotes); a drafts file has only "
        "unfinished answers, never submitted ones, and no backup includes it: delete "
        f"{store.drafts_path} to carry on (losing those drafts)"
    ]
    checked = run("db", "check")
    assert checked.exit_code == 2
    assert checked.stderr.splitlines()[-1].startswith(f"1 problem(s) in {store.path}")
    store.drafts_path.unlink()
    assert run("db", "check").exit_code == 0


def test_backup_then_restore_through_the_cli(store: Store, monthly: Survey, tmp_path: Path) -> None:
    made = run("db", "backup", str(tmp_path / "safe"))
    assert made.exit_code == 0
    backup = Path(made.output.strip().removeprefix("Backed up to "))
    assert backup.parent == tmp_path / "safe"
    submit_pair(store, monthly, "2026-11", scored(monthly, 4), scored(monthly, 3))
    restored = run("db", "restore", str(backup))
    assert restored.exit_code == 0, restored.output
    assert "The database as it was is kept in" in restored.output
    assert store.load().responses == []


def test_a_named_team_checks_ok_and_its_backup_restores(
    db_path: Path, monthly: Survey, team: Team
) -> None:
    acme = Store(db_path, team="acme")
    acme.init(Team(id="acme", company="Acme", members=dict(team.members)))
    submit_pair(acme, monthly, "2026-11", scored(monthly, 4), scored(monthly, 3))
    assert run("--team", "acme", "db", "check").exit_code == 0
    backup = Path(run("db", "backup").output.strip().removeprefix("Backed up to "))
    restored = run("--team", "acme", "db", "restore", str(backup))
    assert restored.exit_code == 0, restored.output


def test_restore_that_cannot_keep_the_current_file_is_one_line_and_changes_nothing(
    store: Store, tmp_path: Path
) -> None:
    backup = Path(run("db", "backup", str(tmp_path / "safe")).output.split(" to ")[-1].strip())
    (store.path.parent / "backups").write_text("a file where the folder should be")
    before = store.path.read_bytes()
    result = run("db", "restore", str(backup))
    assert result.exit_code == 2
    assert len(result.output.splitlines()) == 1
    assert result.output.startswith("gtm-pulse: error: cannot keep the current database in ")
    assert result.output.rstrip().endswith("before restoring: File exists; nothing was restored")
    assert store.path.read_bytes() == before


def test_restore_refuses_a_broken_backup_and_changes_nothing(store: Store, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"meta": {"1": {"app": "gtm-pulse", "schema_version": 2}}, "team": {"1": {}}}')
    before = store.path.read_bytes()
    result = run("db", "restore", str(bad))
    assert result.exit_code == 2
    assert result.output.startswith(f"gtm-pulse: error: {bad} is not restorable: team #1:")
    assert store.path.read_bytes() == before
    assert not (store.path.parent / "backups").exists()


def test_export_and_import_between_two_laptops(
    store: Store, monthly: Survey, team: Team, tmp_path: Path
) -> None:
    submit_pair(store, monthly, "2026-11", scored(monthly, 4), scored(monthly, 3))
    bundle = tmp_path / "nov.json"
    exported = run("export", "--period", "2026-11", "--role", "sales", "--output", str(bundle))
    assert exported.exit_code == 0
    assert exported.stderr == f"Wrote {bundle} (1 response(s) of monthly-pulse)\n"
    assert stat.S_IMODE(bundle.stat().st_mode) == 0o600
    laptop = tmp_path / "laptop.json"
    Store(laptop).init(team)
    dry = run("--db", str(laptop), "import", "--dry-run", str(bundle))
    assert dry.output.splitlines() == [
        "Would add monthly-pulse 2026-11 sales (Dana Ortiz)",
        "Dry run: 1 to add, 0 already there; nothing written.",
    ]
    assert Store(laptop).load().responses == []
    assert run("--db", str(laptop), "import", str(bundle)).output.endswith(
        "1 added, 0 already there.\n"
    )
    again = run("--db", str(laptop), "import", str(bundle))
    assert again.output.splitlines()[-1] == "0 added, 1 already there."


def test_an_amendment_travels_and_a_dry_run_says_so(
    store: Store, monthly: Survey, team: Team, tmp_path: Path
) -> None:
    submit_pair(store, monthly, "2026-11", scored(monthly, 4), scored(monthly, 3))
    laptop = tmp_path / "laptop.json"
    Store(laptop).init(team)
    bundle = tmp_path / "nov.json"
    run("export", "--period", "2026-11", "--role", "sales", "--output", str(bundle))
    run("--db", str(laptop), "import", str(bundle))
    answers = json.dumps(full_answers(monthly, "sales"))
    run("submit", "--role", "sales", "--amend", "--answers", "-", input=answers)
    run("export", "--period", "2026-11", "--role", "sales", "--output", str(bundle))
    dry = run("--db", str(laptop), "import", "--dry-run", str(bundle))
    assert dry.output.splitlines() == [
        "Would amend monthly-pulse 2026-11 sales to revision 2 (Dana Ortiz)",
        "Dry run: 0 to add, 1 to amend, 0 already there; nothing written.",
    ]
    done = run("--db", str(laptop), "import", str(bundle))
    assert done.output.splitlines()[-1] == "0 added, 1 amended, 0 already there."
    revisions = Store(laptop).load().revisions("monthly-pulse", "2026-11", "sales")
    assert [r.revision for r in revisions] == [1, 2]


def test_an_amendment_after_both_answers_were_seen_is_flagged_in_compare(
    store: Store, monthly: Survey
) -> None:
    submit_pair(store, monthly, "2026-11", scored(monthly, 4), scored(monthly, 3))
    answers = json.dumps(full_answers(monthly, "sales"))
    amended = run("submit", "--role", "sales", "--amend", "--answers", "-", input=answers)
    assert amended.exit_code == 0
    flags = json.loads(run("compare", "--format", "json").output)["flags"]
    late = [f["reason"] for f in flags if f["kind"] == "late-amendment"]
    assert len(late) == 1
    assert late[0].startswith(
        "Sales amended its answers after both sides' were revealed (revision 2"
    )


def test_a_database_others_can_read_gets_a_warning_after_the_command(store: Store) -> None:
    os.chmod(store.path, 0o644)
    result = run("status")
    assert result.stderr.splitlines() == [
        f"gtm-pulse: warning: {store.path} can be read by other users (mode 644); it holds "
        f"candid answers: chmod 600 {store.path}"
    ]
    os.chmod(store.path, 0o600)
    assert run("status").stderr == ""


def test_export_of_every_role_leaves_sealed_periods_out(store: Store, monthly: Survey) -> None:
    from tests.helpers import submit_one

    submit_pair(store, monthly, "2026-10", scored(monthly, 4), scored(monthly, 3))
    submit_one(store, monthly, "2026-11", "sales", scored(monthly, 2))
    everyone = run("export")
    periods = {r["period"] for r in json.loads(everyone.stdout)["payload"]["responses"]}
    assert periods == {"2026-10"}
    assert "monthly-pulse 2026-11 left out: sealed until both VPs have submitted" in (
        everyone.stderr
    )
    own = json.loads(run("export", "--role", "sales", "--period", "2026-11").stdout)
    assert [r["role"] for r in own["payload"]["responses"]] == ["sales"]

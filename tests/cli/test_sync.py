"""``gtm-pulse sync`` and ``gtm-pulse join`` through click: three laptops, one shared folder.

Each laptop is its own database and its own keys folder (``$GTM_PULSE_DB``,
``$GTM_PULSE_KEYS``); its sync cache follows from its database's path.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from gtm_pulse.cli import cli
from gtm_pulse.core.models import Survey, Team
from gtm_pulse.errors import EXIT_USER_ERROR
from gtm_pulse.store.database import Store
from tests.helpers import full_answers, submit_one

MARKER = "ZEBRA-42"


class Laptops:
    """Runs gtm-pulse as one laptop or another: each with its database and keys folder."""

    def __init__(self, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.root = root
        self.monkeypatch = monkeypatch

    def use(self, name: str) -> Store:
        """Be laptop ``name`` from now on; its store."""
        self.monkeypatch.setenv("GTM_PULSE_DB", str(self.root / name / "pulse.json"))
        self.monkeypatch.setenv("GTM_PULSE_KEYS", str(self.root / name / "keys"))
        return Store(self.root / name / "pulse.json")

    def run(self, name: str, *args: str) -> Result:
        self.use(name)
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    folder = tmp_path / "shared"
    folder.mkdir()
    return folder


@pytest.fixture
def laptops(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shared: Path, team: Team) -> Laptops:
    """The CEO's laptop has run init and synced with the shared folder; nobody joined yet."""
    found = Laptops(tmp_path, monkeypatch)
    found.use("ceo").init(team)
    result = found.run("ceo", "sync", str(shared))
    assert result.exit_code == 0, result.output
    return found


def submit(laptops: Laptops, role: str, survey: Survey, answers: dict) -> None:
    submit_one(laptops.use(role), survey, "2026-11", role, answers)


def marked(survey: Survey) -> dict:
    answers = full_answers(survey, "sales")
    for question in survey.questions:
        if question.kind == "text":
            answers[question.id] = f"{MARKER} leads go nowhere"
    return answers


def test_the_ceo_sync_publishes_the_team_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shared: Path, team: Team
) -> None:
    laptops = Laptops(tmp_path, monkeypatch)
    laptops.use("ceo").init(team)
    result = laptops.run("ceo", "sync", str(shared))
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        f"published the team {team.id} ({team.company})",
        f"Synced with {shared}: 1 published, 0 imported, 0 waiting, 0 skipped.",
    ]


def test_the_remote_is_remembered_after_first_use(laptops: Laptops, shared: Path) -> None:
    result = laptops.run("ceo", "sync")
    assert result.exit_code == 0
    assert (
        result.output == f"Synced with {shared}: 0 published, 0 imported, 0 waiting, 0 skipped.\n"
    )


def test_the_ceo_compares_what_both_vps_submitted_on_their_own_laptops(
    laptops: Laptops, shared: Path, monthly: Survey, team: Team
) -> None:
    for role in ("sales", "marketing"):
        joined = laptops.run(role, "join", str(shared), "--role", role)
        assert joined.exit_code == 0, joined.output
    submit(laptops, "sales", monthly, marked(monthly))
    assert laptops.run("sales", "sync").exit_code == 0
    waiting = laptops.run("marketing", "sync")
    assert "sealed: sales monthly-pulse 2026-11 revision 1 stays sealed until marketing" in (
        waiting.output
    )
    submit(laptops, "marketing", monthly, full_answers(monthly, "marketing"))
    assert laptops.run("marketing", "sync").exit_code == 0
    seen = laptops.run("ceo", "sync")
    assert "imported monthly-pulse 2026-11 sales revision 1 (Dana Ortiz)" in seen.output
    from_laptops = laptops.run("ceo", "compare", "--format", "json")
    assert from_laptops.exit_code == 0, from_laptops.output

    # The same answers, as each VP's laptop stored them, in one database compare the same.
    authored = [
        laptops.use(role).load().response("monthly-pulse", "2026-11", role)
        for role in ("sales", "marketing")
    ]
    single = laptops.use("single")
    single.init(team)
    single.import_responses([r for r in authored if r is not None], [monthly])
    in_one = laptops.run("single", "compare", "--format", "json")
    compared = json.loads(from_laptops.output)
    assert compared.pop("synced")["remote"] == str(shared)  # how fresh: one database never synced
    assert compared == json.loads(in_one.output)


def test_before_both_submitted_nothing_in_the_remote_holds_the_answer(
    laptops: Laptops, shared: Path, monthly: Survey
) -> None:
    for role in ("sales", "marketing"):
        laptops.run(role, "join", str(shared), "--role", role)
    submit(laptops, "sales", monthly, marked(monthly))
    laptops.run("sales", "sync")
    laptops.run("marketing", "sync")
    laptops.run("ceo", "sync")
    remote = b"".join(p.read_bytes() for p in shared.rglob("*") if p.is_file())
    assert MARKER.encode() not in remote
    assert laptops.use("marketing").load().responses == []
    assert laptops.run("marketing", "compare").exit_code == 1


def test_dry_run_lists_what_would_move_and_writes_nothing(
    laptops: Laptops, shared: Path, monthly: Survey
) -> None:
    laptops.run("sales", "join", str(shared), "--role", "sales")
    submit(laptops, "sales", monthly, marked(monthly))
    before = sorted(shared.rglob("*"))
    result = laptops.run("sales", "sync", "--dry-run")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "would publish sealed sales monthly-pulse 2026-11 revision 1",
        f"Dry run with {shared}: 1 published, 0 imported, 0 waiting, 0 skipped; nothing written.",
    ]
    assert sorted(shared.rglob("*")) == before


def test_a_foreign_file_is_skipped_with_one_line(laptops: Laptops, shared: Path) -> None:
    (shared / "records" / "team" / "notes (conflicted copy).txt").write_text("hello")
    result = laptops.run("ceo", "sync")
    assert result.exit_code == 0
    (line,) = [line for line in result.output.splitlines() if "conflicted copy" in line]
    assert line.startswith("skipped records/team/notes (conflicted copy).txt: ")


def test_join_without_a_published_team_is_one_line(laptops: Laptops, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = laptops.run("sales", "join", str(empty), "--role", "sales")
    assert result.exit_code == EXIT_USER_ERROR
    assert result.output == (
        f"gtm-pulse: error: {empty} holds no published team: the CEO runs 'gtm-pulse init', "
        f"then 'gtm-pulse sync {empty}', first\n"
    )


def test_join_an_unknown_role_is_one_line(laptops: Laptops, shared: Path) -> None:
    result = laptops.run("sales", "join", str(shared), "--role", "finance")
    assert result.exit_code == EXIT_USER_ERROR
    assert len(result.output.splitlines()) == 1 and "role 'finance' is not in team" in result.output


def test_sync_without_a_remote_is_one_line(laptops: Laptops) -> None:
    laptops.use("other").init(
        Team(company="X", members={"sales": "a", "marketing": "b", "ceo": "c"})
    )
    result = laptops.run("other", "sync")
    assert result.exit_code == EXIT_USER_ERROR
    assert result.output.startswith("gtm-pulse: error: no remote to sync with yet")
    assert len(result.output.splitlines()) == 1


def test_sync_without_a_database_says_how_to_begin(laptops: Laptops, shared: Path) -> None:
    result = laptops.run("nobody", "sync", str(shared))
    assert result.exit_code == EXIT_USER_ERROR
    assert len(result.output.splitlines()) == 1
    assert "'gtm-pulse join REMOTE --role ROLE'" in result.output


def test_three_laptops_through_a_bare_git_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, monthly: Survey, team: Team
) -> None:
    import subprocess

    repo = tmp_path / "pulse.git"
    subprocess.run(["git", "init", "-q", "--bare", str(repo)], check=True)
    laptops = Laptops(tmp_path, monkeypatch)
    laptops.use("ceo").init(team)
    assert laptops.run("ceo", "sync", str(repo)).exit_code == 0
    for role in ("sales", "marketing"):
        assert laptops.run(role, "join", str(repo), "--role", role).exit_code == 0
        submit(laptops, role, monthly, full_answers(monthly, role))
        assert laptops.run(role, "sync").exit_code == 0
    seen = laptops.run("ceo", "sync")
    assert seen.exit_code == 0, seen.output
    assert seen.output.splitlines()[-1] == (
        f"Synced with {repo}: 1 published, 2 imported, 0 waiting, 0 skipped."
    )
    assert laptops.run("ceo", "compare").exit_code == 0


def test_join_says_whose_seat_this_laptop_took(laptops: Laptops, shared: Path, team: Team) -> None:
    joined = laptops.run("sales", "join", str(shared), "--role", "sales")
    assert joined.exit_code == 0, joined.output
    first = joined.output.splitlines()[0]
    assert first == f"Joined {team.company} as the VP of Sales, {team.members['sales']}."

"""Status and freshness of synced data (issue 17): each laptop's status file in the remote, and
what the last sync saw, remembered in the local database.

Three laptops share a folder, or a bare git repository, on disk (the helpers of
``test_syncing``).
"""

# ruff: noqa: F811  (pytest fixtures imported from test_syncing are arguments here)
from __future__ import annotations

import datetime as dt
import json
import subprocess
import threading
from pathlib import Path

import pytest

from gtm_pulse.core.models import Survey, Team
from gtm_pulse.core.surveys import Catalog
from gtm_pulse.services.freshness import freshness_of, waiting_note
from gtm_pulse.store.sync_seen import Waiting, seen_in

# The three laptops and their remote are test_syncing's fixtures, used here by name.
from tests.services.test_syncing import (  # noqa: F401
    Laptop,
    laptops,
    remote,
    submits,
    three_laptops,
)

SALES_WAITS = Waiting("sales", "monthly-pulse", "2026-11", 1, ("marketing",))


def status_files(remote: str, laptop: Laptop) -> dict[str, dict]:
    """The laptops' status files as ``remote`` holds them now (the bare repository's main)."""
    root = Path(remote)
    if not (root / "HEAD").is_file():
        return {p.name: json.loads(p.read_bytes()) for p in sorted(root.glob("laptops/*.json"))}
    names = subprocess.run(
        ["git", "-C", remote, "ls-tree", "--name-only", "main", "laptops/"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return {
        Path(name).name: json.loads(
            subprocess.run(
                ["git", "-C", remote, "show", f"main:{name}"], capture_output=True, check=True
            ).stdout
        )
        for name in names
    }


def test_every_laptop_publishes_its_own_status_file(
    laptops: dict[str, Laptop], remote: str, team: Team
) -> None:
    files = status_files(remote, laptops["ceo"])
    by_role = {data["role"]: (name, data) for name, data in files.items()}
    assert sorted(by_role) == ["ceo", "marketing", "sales"]
    for role, laptop in laptops.items():
        name, data = by_role[role]
        state = laptop.store.sync_state()
        assert name == f"{state.laptop}.json"
        assert (data["team"], data["name"]) == (team.id, team.members[role])
        assert data["synced_at"] <= (state.last_sync or "")


def test_a_vp_laptop_signs_its_status_with_its_role_key(
    laptops: dict[str, Laptop], remote: str, monthly: Survey
) -> None:
    sales = laptops["sales"]
    submits(sales, "sales", monthly)
    sales.sync()
    laptop = sales.store.sync_state().laptop
    data = status_files(remote, sales)[f"{laptop}.json"]
    registered = [public for public, _ in sales.store.load().keys["sales"]]
    assert data["key"] in registered and data["signature"]
    assert data["waiting"] == [{**SALES_WAITS.to_json(), "mine": True}]


def test_each_sync_remembers_every_member_last_sync_and_what_waits(
    laptops: dict[str, Laptop], monthly: Survey
) -> None:
    sales, ceo = laptops["sales"], laptops["ceo"]
    submits(sales, "sales", monthly)
    sales.sync()
    ceo.sync()
    seen = seen_in(ceo.store.load())
    assert {s.role for s in seen.laptops} == {"ceo", "sales", "marketing"}
    assert seen.last_sync("sales") == seen_in(sales.store.load()).last_sync("sales")
    assert seen.waiting == (SALES_WAITS,)
    assert seen.synced_at == ceo.store.sync_state().last_sync


def test_a_dry_run_publishes_no_status_and_remembers_nothing(
    laptops: dict[str, Laptop], remote: str, monthly: Survey
) -> None:
    sales, ceo = laptops["sales"], laptops["ceo"]
    submits(sales, "sales", monthly)
    sales.sync()
    before = status_files(remote, ceo), ceo.store.path.read_bytes()
    ceo.sync(dry_run=True)
    assert (status_files(remote, ceo), ceo.store.path.read_bytes()) == before


def test_once_revealed_nothing_waits(laptops: dict[str, Laptop], monthly: Survey) -> None:
    sales, marketing, ceo = laptops["sales"], laptops["marketing"], laptops["ceo"]
    submits(sales, "sales", monthly)
    submits(marketing, "marketing", monthly)
    for laptop in (sales, marketing, ceo):
        laptop.sync()
    assert seen_in(ceo.store.load()).waiting == ()
    assert waiting_note(ceo.store.load(), "monthly-pulse") is None


def test_a_laptop_that_never_synced_has_no_freshness(store) -> None:
    assert freshness_of(store.load()) is None


# -- files another laptop cannot be trusted for --------------------------------------------------


@pytest.fixture
def folder_laptops(tmp_path: Path, catalog: Catalog, team: Team) -> tuple[Path, dict[str, Laptop]]:
    shared = tmp_path / "shared"
    shared.mkdir()
    return shared, three_laptops(tmp_path, catalog, team, str(shared))


def sales_file(shared: Path, sales: Laptop) -> Path:
    return shared / "laptops" / f"{sales.store.sync_state().laptop}.json"


def test_a_forged_status_file_is_ignored_with_one_line(
    folder_laptops: tuple[Path, dict[str, Laptop]], monthly: Survey
) -> None:
    shared, found = folder_laptops
    sales, ceo = found["sales"], found["ceo"]
    submits(sales, "sales", monthly)
    sales.sync()
    ceo.sync()  # before the reveal: the CEO's laptop knows no Sales key, the file's own holds
    target = sales_file(shared, sales)
    data = json.loads(target.read_bytes())
    data["synced_at"] = "2030-01-01T00:00:00+00:00"  # changed after it was signed
    target.write_text(json.dumps(data))
    report = ceo.sync()
    (line,) = [line for line in report.skipped if target.name in line]
    assert line.startswith(f"ignored laptops/{target.name}: ") and "signature" in line
    assert seen_in(ceo.store.load()).last_sync("sales") != "2030-01-01T00:00:00+00:00"
    assert target.is_file()


def test_an_unsigned_file_for_a_role_whose_key_is_known_is_ignored(
    folder_laptops: tuple[Path, dict[str, Laptop]], monthly: Survey
) -> None:
    shared, found = folder_laptops
    sales, marketing, ceo = found["sales"], found["marketing"], found["ceo"]
    submits(sales, "sales", monthly)
    submits(marketing, "marketing", monthly)
    for laptop in (sales, marketing, ceo):
        laptop.sync()  # revealed: the CEO's laptop knows the Sales key now
    target = sales_file(shared, sales)
    data = json.loads(target.read_bytes())
    data.update(key=None, signature=None, synced_at="2030-01-01T00:00:00+00:00")
    target.write_text(json.dumps(data))
    report = ceo.sync()
    (line,) = [line for line in report.skipped if target.name in line]
    assert "not signed by a key of sales" in line


@pytest.mark.parametrize(
    ("name", "content", "why"),
    [
        ("0123456789abcdef.json", b'{"format": "gtm-pulse-laptop", "vers', "not valid JSON"),
        ("0123456789abcdef.json", b'{"format": "gtm-pulse-laptop", "version": 1}', "shape"),
        ("notes (conflicted copy).json", b"{}", "unknown name"),
    ],
)
def test_an_unreadable_or_foreign_laptop_file_is_one_line_and_never_a_crash(
    folder_laptops: tuple[Path, dict[str, Laptop]], name: str, content: bytes, why: str
) -> None:
    shared, found = folder_laptops
    (shared / "laptops" / name).write_bytes(content)
    report = found["ceo"].sync()
    (line,) = [line for line in report.skipped if name in line]
    assert why in line and "\n" not in line
    assert report.summary().endswith("1 skipped.")
    assert (shared / "laptops" / name).read_bytes() == content


def test_another_team_status_file_is_not_ours_to_judge(
    folder_laptops: tuple[Path, dict[str, Laptop]],
) -> None:
    shared, found = folder_laptops
    ceo = found["ceo"]
    mine = json.loads(sales_file(shared, found["sales"]).read_bytes())
    other = {**mine, "team": "someone-else", "laptop": "fedcba9876543210"}
    (shared / "laptops" / "fedcba9876543210.json").write_text(json.dumps(other))
    assert ceo.sync().skipped == []
    assert "fedcba9876543210" not in {s.laptop for s in seen_in(ceo.store.load()).laptops}


# -- git: one file per laptop, so concurrent syncs never conflict --------------------------------


def test_two_laptops_syncing_concurrently_through_git_never_conflict(
    tmp_path: Path, catalog: Catalog, team: Team, monthly: Survey
) -> None:
    repo = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(repo)], check=True)
    found = {name: Laptop(tmp_path / name, catalog) for name in ("ceo", "sales", "marketing")}
    found["ceo"].store.init(team)
    found["ceo"].sync(str(repo))
    found["sales"].join(str(repo), "sales")
    found["marketing"].join(str(repo), "marketing")
    submits(found["sales"], "sales", monthly)
    submits(found["marketing"], "marketing", monthly)
    failures: list[BaseException] = []

    def run(laptop: Laptop) -> None:
        try:
            for _ in range(3):  # each round rewrites both status files: rebased on each other
                laptop.sync()
        except BaseException as error:  # reported below, on the test's thread
            failures.append(error)

    threads = [threading.Thread(target=run, args=(found[r],)) for r in ("sales", "marketing")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    found["ceo"].sync()
    files = status_files(str(repo), found["ceo"])
    assert sorted(data["role"] for data in files.values()) == ["ceo", "marketing", "sales"]
    seen = seen_in(found["ceo"].store.load())
    for role in ("sales", "marketing"):  # an unchanged file is rewritten hourly in git
        own = seen_in(found[role].store.load()).last_sync(role)
        assert own is not None and seen.last_sync(role) is not None
        age = dt.datetime.fromisoformat(own) - dt.datetime.fromisoformat(seen.last_sync(role))
        assert dt.timedelta(0) <= age < dt.timedelta(hours=1)


def test_a_laptop_in_another_time_zone_is_remembered_in_utc(
    folder_laptops: tuple[Path, dict[str, Laptop]],
) -> None:
    shared, found = folder_laptops
    sales, ceo = found["sales"], found["ceo"]
    target = sales_file(shared, sales)
    data = json.loads(target.read_bytes())  # unsigned: Sales holds no key before submitting
    data["synced_at"] = "2026-11-15T11:00:00+02:00"
    target.write_text(json.dumps(data))
    ceo.sync()
    assert seen_in(ceo.store.load()).last_sync("sales") == "2026-11-15T09:00:00+00:00"


def commits_on_main(repo: str) -> int:
    """How many commits the bare repository's ``main`` holds."""
    done = subprocess.run(
        ["git", "-C", repo, "rev-list", "--count", "main"], capture_output=True, text=True
    )
    return int(done.stdout)


def test_an_idle_sync_through_git_adds_no_commit_within_the_hour(
    tmp_path: Path, catalog: Catalog, team: Team, monthly: Survey
) -> None:
    # Given a laptop that synced through git, when it syncs again with nothing new (cron),
    # then the repository's history does not grow; a change to what waits is a commit at once.
    repo = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(repo)], check=True)
    ceo, sales = Laptop(tmp_path / "ceo", catalog), Laptop(tmp_path / "sales", catalog)
    ceo.store.init(team)
    ceo.sync(str(repo))
    sales.join(str(repo), "sales")
    before = commits_on_main(str(repo))
    for _ in range(3):
        sales.sync()
        ceo.sync()
    assert commits_on_main(str(repo)) == before
    submits(sales, "sales", monthly)
    sales.sync()
    assert commits_on_main(str(repo)) > before
    data = next(d for d in status_files(str(repo), sales).values() if d["role"] == "sales")
    assert [w["role"] for w in data["waiting"]] == ["sales"]


def test_a_folder_status_file_is_rewritten_at_every_sync(
    folder_laptops: tuple[Path, dict[str, Laptop]],
) -> None:
    shared, found = folder_laptops
    sales = found["sales"]
    name = sales_file(shared, sales)
    before = json.loads(name.read_text())["synced_at"]
    sales.sync()
    assert json.loads(name.read_text())["synced_at"] > before


def test_a_vp_first_answer_does_not_report_its_own_unsigned_status_file(
    folder_laptops: tuple[Path, dict[str, Laptop]], monthly: Survey
) -> None:
    # Given Sales' status file written before its first answer made its key (unsigned),
    # when Sales submits and syncs, then its own old file is rewritten, not reported.
    shared, found = folder_laptops
    assert json.loads(sales_file(shared, found["sales"]).read_text())["signature"] is None
    submits(found["sales"], "sales", monthly)
    report = found["sales"].sync()
    assert report.skipped == []
    assert json.loads(sales_file(shared, found["sales"]).read_text())["signature"]

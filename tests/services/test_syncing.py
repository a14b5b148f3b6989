"""``sync`` and ``join`` (issue 17): three laptops, one remote, sealed until both VPs commit.

A "laptop" is a database, a keys folder and a sync cache in its own tmp folder; the remote is a
shared folder, or a bare git repository (``git init --bare``), on disk: no network.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from gtm_pulse.core.models import Survey, Team
from gtm_pulse.core.surveys import Catalog
from gtm_pulse.errors import SyncError, TeamError
from gtm_pulse.services.syncing import SyncReport, join, sync
from gtm_pulse.store.database import Store
from tests.helpers import full_answers, submit_one

MARKER = "ZEBRA-42"


class Laptop:
    """One member's laptop: its database, its keys folder and its sync cache."""

    def __init__(self, root: Path, catalog: Catalog) -> None:
        self.root = root
        self.catalog = catalog
        self.store = Store(root / "pulse.json", keys=root / "keys")
        self.cache = root / "cache"

    def sync(self, remote: str | None = None, *, dry_run: bool = False) -> SyncReport:
        return sync(self.store, self.catalog, remote, dry_run=dry_run, cache=self.cache)

    def join(self, remote: str, role: str) -> SyncReport:
        return join(self.store, self.catalog, remote, role, cache=self.cache)


def submits(laptop: Laptop, role: str, survey: Survey) -> None:
    """``role`` submits ``survey`` for 2026-11 on ``laptop``: Sales' free texts hold
    :data:`MARKER`, so a test can look for them in the remote."""
    answers = marked(survey, "sales") if role == "sales" else full_answers(survey, role)
    submit_one(laptop.store, survey, "2026-11", role, answers)


def marked(survey: Survey, role: str) -> dict:
    """Full answers whose free texts all hold :data:`MARKER` (the Sales VP's words)."""
    answers = full_answers(survey, role)
    for question in survey.questions:
        if question.kind == "text":
            answers[question.id] = f"{MARKER} leads go nowhere"
    return answers


@pytest.fixture(params=["folder", "git"])
def remote(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A shared folder, or a bare git repository, that every laptop syncs with."""
    if request.param == "folder":
        folder = tmp_path / "shared"
        folder.mkdir()
        return str(folder)
    repo = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(repo)], check=True)
    return str(repo)


def three_laptops(tmp_path: Path, catalog: Catalog, team: Team, remote: str) -> dict[str, Laptop]:
    """The CEO's laptop (init, then sync: the team published) and both VPs' (joined)."""
    found = {name: Laptop(tmp_path / name, catalog) for name in ("ceo", "sales", "marketing")}
    found["ceo"].store.init(team)
    found["ceo"].sync(remote)
    found["sales"].join(remote, "sales")
    found["marketing"].join(remote, "marketing")
    return found


def everyone_syncs(found: dict[str, Laptop], times: int = 2) -> None:
    """Sales, Marketing and the CEO sync in turn, ``times`` rounds: two reveal and bring
    everything everywhere (a key released in round one is taken in round two)."""
    for _ in range(times):
        for name in ("sales", "marketing", "ceo"):
            found[name].sync()


@pytest.fixture
def laptops(tmp_path: Path, catalog: Catalog, team: Team, remote: str) -> dict[str, Laptop]:
    """The three laptops on the shared folder or the bare git repository (:func:`remote`)."""
    return three_laptops(tmp_path, catalog, team, remote)


def remote_bytes(remote: str) -> bytes:
    """Every byte the remote holds: the folder's files, or every object of the repository."""
    root = Path(remote)
    if (root / "HEAD").is_file():  # a bare repository: unpack what git stores, all of it
        listing = subprocess.run(
            ["git", "-C", remote, "rev-list", "--all", "--objects"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        objects = [word for word in listing if len(word) == 40]
        return b"".join(
            subprocess.run(
                ["git", "-C", remote, "cat-file", "-p", sha], capture_output=True, check=True
            ).stdout
            for sha in objects
        )
    return b"".join(path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file())


def record_files(remote: str, laptop: Laptop) -> list[Path]:
    """The record files of ``remote`` as a laptop's view has them (its clone, for git)."""
    root = Path(remote)
    if not (root / "HEAD").is_file():
        return sorted((root / "records").rglob("*.json"))
    return sorted(laptop.cache.rglob("records/*/*.json"))


def test_the_ceo_sync_publishes_the_team_and_remembers_the_remote(
    tmp_path: Path, catalog: Catalog, team: Team, remote: str
) -> None:
    ceo = Laptop(tmp_path / "ceo", catalog)
    ceo.store.init(team)
    report = ceo.sync(remote)
    assert report.published == [f"published the team {team.id} ({team.company})"]
    state = ceo.store.sync_state()
    assert state.remote == remote and state.last_sync and state.laptop and state.ceo_key


def test_a_vp_joins_from_the_published_team(laptops: dict[str, Laptop], team: Team) -> None:
    joined = laptops["sales"].store.load().require_team()
    assert joined == team
    state = laptops["sales"].store.sync_state()
    assert state.role == "sales"
    assert state.ceo_key == laptops["ceo"].store.sync_state().ceo_key


def test_answers_reach_every_laptop_once_both_vps_submitted(
    laptops: dict[str, Laptop], monthly: Survey
) -> None:
    sales, marketing, ceo = laptops["sales"], laptops["marketing"], laptops["ceo"]
    submits(sales, "sales", monthly)
    submits(marketing, "marketing", monthly)
    everyone_syncs(laptops)
    for laptop in (sales, marketing, ceo):
        keys = sorted(r.key for r in laptop.store.load().responses)
        assert keys == [
            ("monthly-pulse", "2026-11", "marketing"),
            ("monthly-pulse", "2026-11", "sales"),
        ]
    mine = sales.store.load().response("monthly-pulse", "2026-11", "sales")
    assert ceo.store.load().response("monthly-pulse", "2026-11", "sales") == mine


def test_before_both_submitted_the_remote_and_the_other_vp_hold_nothing_readable(
    laptops: dict[str, Laptop], monthly: Survey, remote: str
) -> None:
    sales, marketing, ceo = laptops["sales"], laptops["marketing"], laptops["ceo"]
    submits(sales, "sales", monthly)
    report = sales.sync()
    assert report.published == ["published sealed sales monthly-pulse 2026-11 revision 1"]
    waiting = marketing.sync()
    ceo.sync()
    assert MARKER.encode() not in remote_bytes(remote)
    assert marketing.store.load().responses == []
    assert ceo.store.load().responses == []
    assert waiting.waiting == [
        "sealed: sales monthly-pulse 2026-11 revision 1 stays sealed until marketing has submitted"
    ]


def test_the_ceo_reveals_when_the_author_laptop_stays_closed(
    laptops: dict[str, Laptop], monthly: Survey
) -> None:
    sales, marketing, ceo = laptops["sales"], laptops["marketing"], laptops["ceo"]
    submits(sales, "sales", monthly)
    sales.sync()  # and the Sales laptop stays closed from now on
    submits(marketing, "marketing", monthly)
    marketing.sync()
    report = ceo.sync()
    assert (
        "published the key of sales monthly-pulse 2026-11 revision 1 in its author's place"
        in report.published
    )
    assert len(report.imported) == 2
    marketing.sync()
    assert marketing.store.load().response("monthly-pulse", "2026-11", "sales") is not None


def test_a_second_sync_publishes_and_imports_nothing(
    laptops: dict[str, Laptop], monthly: Survey
) -> None:
    sales, marketing, ceo = laptops["sales"], laptops["marketing"], laptops["ceo"]
    submits(sales, "sales", monthly)
    submits(marketing, "marketing", monthly)
    everyone_syncs(laptops)
    for laptop in (ceo, sales, marketing):
        again = laptop.sync()
        assert again.lines() == [], again.lines()


def test_a_tampered_sealed_record_is_refused_with_one_line_and_left_in_place(
    tmp_path: Path, catalog: Catalog, team: Team, monthly: Survey
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    ceo, sales = Laptop(tmp_path / "ceo", catalog), Laptop(tmp_path / "sales", catalog)
    ceo.store.init(team)
    ceo.sync(str(shared))
    sales.join(str(shared), "sales")
    submits(sales, "sales", monthly)
    sales.sync()
    (original,) = (shared / "records" / "response").glob("*.json")
    envelope = json.loads(original.read_bytes())
    envelope["payload"]["ciphertext"] = "00" + envelope["payload"]["ciphertext"][2:]
    from gtm_pulse.store.exchange import FolderRemote, publish

    name = publish(FolderRemote(shared), "response", envelope["payload"])
    report = ceo.sync()
    refused = [line for line in report.skipped if name in line]
    assert len(refused) == 1 and "\n" not in refused[0] and "refused" in refused[0]
    assert (shared / name).is_file() and original.is_file()


def test_a_dry_run_writes_nothing(laptops: dict[str, Laptop], monthly: Survey, remote: str) -> None:
    sales = laptops["sales"]
    submits(sales, "sales", monthly)
    before = remote_bytes(remote), sales.store.path.read_bytes()
    report = sales.sync(dry_run=True)
    assert report.published == ["would publish sealed sales monthly-pulse 2026-11 revision 1"]
    assert (remote_bytes(remote), sales.store.path.read_bytes()) == before
    assert sales.sync().published == ["published sealed sales monthly-pulse 2026-11 revision 1"]


def test_join_refuses_a_remote_without_a_team(tmp_path: Path, catalog: Catalog) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    with pytest.raises(SyncError, match="holds no published team"):
        Laptop(tmp_path / "sales", catalog).join(str(shared), "sales")


def test_join_refuses_a_role_the_team_does_not_have(
    laptops: dict[str, Laptop], tmp_path: Path, catalog: Catalog, remote: str
) -> None:
    with pytest.raises(TeamError, match="role 'finance' is not in team"):
        Laptop(tmp_path / "finance", catalog).join(remote, "finance")
    assert not (tmp_path / "finance" / "pulse.json").exists()


def test_sync_without_a_remote_says_to_name_one(store: Store, catalog: Catalog) -> None:
    with pytest.raises(SyncError, match="no remote to sync with yet"):
        sync(store, catalog, None)


def amend(store: Store, survey: Survey, role: str, raw: dict) -> None:
    """Amend ``role``'s 2026-11 response the way ``submit --amend`` does."""
    from gtm_pulse.core.periods import parse_period
    from gtm_pulse.services.submission import build_response
    from tests.helpers import with_guesses

    raw = with_guesses(survey, role, raw)
    response = build_response(store.load(), survey, role, parse_period("2026-11"), raw, "test")
    store.submit(response, survey, amend=True)


def test_the_author_says_what_waits_for_the_other_vp(
    laptops: dict[str, Laptop], monthly: Survey
) -> None:
    submit_one(laptops["sales"].store, monthly, "2026-11", "sales", marked(monthly, "sales"))
    report = laptops["sales"].sync()
    assert report.waiting == [
        "sealed: sales monthly-pulse 2026-11 revision 1, written here, stays sealed until "
        "marketing has submitted"
    ]


def test_amendments_arrive_in_order_with_their_history(
    laptops: dict[str, Laptop], monthly: Survey
) -> None:
    sales, marketing, ceo = laptops["sales"], laptops["marketing"], laptops["ceo"]
    submits(sales, "sales", monthly)
    sales.sync()
    amend(sales.store, monthly, "sales", full_answers(monthly, "sales", seed=3))  # before reveal
    sales.sync()
    submits(marketing, "marketing", monthly)
    for laptop in (marketing, sales, marketing):
        laptop.sync()
    amend(marketing.store, monthly, "marketing", full_answers(monthly, "marketing", seed=5))
    marketing.sync()
    report = ceo.sync()
    assert [line.split(" (")[0] for line in report.imported] == [
        "imported monthly-pulse 2026-11 marketing revision 1",
        "imported monthly-pulse 2026-11 marketing revision 2",
        "imported monthly-pulse 2026-11 sales revision 1",
        "imported monthly-pulse 2026-11 sales revision 2",
    ]
    seen = ceo.store.load()
    for role, laptop in (("sales", sales), ("marketing", marketing)):
        arrived = seen.revisions("monthly-pulse", "2026-11", role)
        # as the author stored them: no late_arrival mark on the sales amendment made before
        # the reveal, though it reached the CEO in the same sync as both first answers
        assert arrived == laptop.store.load().revisions("monthly-pulse", "2026-11", role)
    latest = marketing.store.load().response("monthly-pulse", "2026-11", "marketing")
    assert latest is not None and latest.amended_after_reveal


def test_a_synced_database_passes_db_check(laptops: dict[str, Laptop], monthly: Survey) -> None:
    from gtm_pulse.store.integrity import check_database

    sales, marketing, ceo = laptops["sales"], laptops["marketing"], laptops["ceo"]
    submits(sales, "sales", monthly)
    submits(marketing, "marketing", monthly)
    for laptop in (sales, marketing, ceo, sales):
        laptop.sync()
    for laptop in (sales, marketing, ceo):
        checked = check_database(laptop.store.path, laptop.catalog)
        assert checked.ok, checked.problems


def test_a_wrong_key_release_is_refused_with_one_line_and_the_answer_stays_sealed(
    tmp_path: Path, catalog: Catalog, team: Team, monthly: Survey
) -> None:
    from gtm_pulse.store.exchange import FolderRemote, publish

    shared = tmp_path / "shared"
    shared.mkdir()
    ceo, sales, marketing = (Laptop(tmp_path / n, catalog) for n in ("ceo", "sales", "marketing"))
    ceo.store.init(team)
    ceo.sync(str(shared))
    sales.join(str(shared), "sales")
    marketing.join(str(shared), "marketing")
    submits(sales, "sales", monthly)
    sales.sync()
    (sealed,) = (shared / "records" / "response").glob("*.json")
    commitment = json.loads(sealed.read_bytes())["payload"]["commitment"]
    publish(FolderRemote(shared), "key-release", {"commitment": commitment, "key": "11" * 32})
    report = marketing.sync()
    (line,) = [line for line in report.skipped if "refused" in line]
    assert "\n" not in line and "key" in line
    assert marketing.store.load().responses == []


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_any_order_of_submits_and_syncs_converges_and_never_leaks(
    laptops: dict[str, Laptop], monthly: Survey, remote: str, seed: int
) -> None:
    import random

    chooser = random.Random(seed)
    sales, marketing, ceo = laptops["sales"], laptops["marketing"], laptops["ceo"]
    steps = [
        "submit sales",
        "submit marketing",
        *chooser.choices(["sales", "marketing", "ceo"], k=6),
    ]
    chooser.shuffle(steps)
    submitted: set[str] = set()
    for step in steps:
        if step == "submit sales":
            submits(sales, "sales", monthly)
        elif step == "submit marketing":
            answers = full_answers(monthly, "marketing")
            submit_one(marketing.store, monthly, "2026-11", "marketing", answers)
        else:
            laptops[step].sync()
        submitted |= {step.split()[1]} if step.startswith("submit") else set()
        if submitted != {"sales", "marketing"}:
            assert MARKER.encode() not in remote_bytes(remote)
            assert marketing.store.load().response("monthly-pulse", "2026-11", "sales") is None
            assert ceo.store.load().responses == []
    everyone_syncs(laptops)
    authored = {
        role: laptop.store.load().response("monthly-pulse", "2026-11", role)
        for role, laptop in (("sales", sales), ("marketing", marketing))
    }
    for laptop in (sales, marketing, ceo):
        held = laptop.store.load()
        assert {r.role: r for r in held.responses} == authored
        assert laptop.sync().lines() == []


def test_two_laptops_syncing_at_the_same_moment_both_land(
    laptops: dict[str, Laptop], monthly: Survey
) -> None:
    import threading

    sales, marketing, ceo = laptops["sales"], laptops["marketing"], laptops["ceo"]
    submits(sales, "sales", monthly)
    submits(marketing, "marketing", monthly)
    failures: list[BaseException] = []

    def run(laptop: Laptop) -> None:
        try:
            laptop.sync()
        except BaseException as error:  # reported below, on the test's thread
            failures.append(error)

    threads = [threading.Thread(target=run, args=(laptop,)) for laptop in (sales, marketing)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    for laptop in (ceo, sales, marketing):
        laptop.sync()
    for laptop in (ceo, sales, marketing):
        assert {r.role for r in laptop.store.load().responses} == {"sales", "marketing"}


def test_a_hand_edited_sync_record_is_one_line_naming_db_check(
    laptops: dict[str, Laptop], monthly: Survey
) -> None:
    from gtm_pulse.errors import DatabaseError

    sales = laptops["sales"]
    submits(sales, "sales", monthly)
    sales.sync()
    data = json.loads(sales.store.path.read_bytes())
    for doc in data["sync"].values():
        if doc.get("kind") == "sealing":
            doc["revision"] = "one"
    sales.store.path.write_text(json.dumps(data))
    with pytest.raises(DatabaseError, match="holds a bad sync record"):
        sales.sync()


def test_a_folder_named_by_a_relative_path_is_remembered_absolute(
    tmp_path: Path, catalog: Catalog, team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given the CEO and a VP who name the shared folder relative to where they stand,
    # when they later sync from another folder (or from cron), the same remote is found.
    (tmp_path / "shared").mkdir()
    monkeypatch.chdir(tmp_path)
    ceo, sales = Laptop(tmp_path / "ceo", catalog), Laptop(tmp_path / "sales", catalog)
    ceo.store.init(team)
    ceo.sync("shared")
    sales.join("shared", "sales")
    monkeypatch.chdir(tmp_path / "ceo")
    for laptop in (ceo, sales):
        assert laptop.store.sync_state().remote == str(tmp_path / "shared")
        assert laptop.sync().skipped == []


def test_a_joined_laptop_lists_the_members_in_the_ceo_order(
    tmp_path: Path, catalog: Catalog, remote: str
) -> None:
    # The record's canonical JSON sorts the members by role; the team keeps the CEO's order.
    team = Team(
        id="northwind",
        company="Northwind",
        members={"sales": "Dana", "marketing": "Sam", "ceo": "Alex", "cs": "Kim"},
    )
    found = three_laptops(tmp_path, catalog, team, remote)
    for laptop in found.values():
        assert list(laptop.store.load().require_team().members) == [
            "sales",
            "marketing",
            "ceo",
            "cs",
        ]


def test_a_team_record_from_before_the_members_order_is_still_joined(
    tmp_path: Path, catalog: Catalog, team: Team
) -> None:
    # A remote shared with the first version of sync holds team records without "roles".
    from gtm_pulse.core.roles import REQUIRED_ROLES
    from gtm_pulse.store.exchange import FolderRemote, publish

    shared = tmp_path / "shared"
    shared.mkdir()
    ceo = Laptop(tmp_path / "ceo", catalog)
    ceo.store.init(team)
    ceo.sync(str(shared))
    (published,) = (shared / "records" / "team").iterdir()
    payload = json.loads(published.read_bytes())["payload"]
    del payload["roles"]
    published.unlink()
    publish(FolderRemote(shared), "team", payload)
    sales = Laptop(tmp_path / "sales", catalog)
    sales.join(str(shared), "sales")
    fallback = ["sales", "marketing", "ceo", *sorted(set(team.members) - set(REQUIRED_ROLES))]
    assert list(sales.store.load().require_team().members) == fallback


def test_a_ceo_first_sync_refuses_another_team_published_under_the_same_id(
    tmp_path: Path, catalog: Catalog, team: Team, remote: str
) -> None:
    # Given a VP who ran init (same team id, their own names) and synced first,
    # when the CEO's laptop syncs, then it refuses rather than seal to the VP's reveal key.
    from dataclasses import replace

    vp = Laptop(tmp_path / "vp", catalog)
    vp.store.init(replace(team, company="Someone Else"))
    vp.sync(remote)
    ceo = Laptop(tmp_path / "ceo", catalog)
    ceo.store.init(team)
    with pytest.raises(SyncError, match="that another laptop published"):
        ceo.sync(remote)
    assert ceo.store.sync_state().ceo_key is None


def test_a_ceo_first_sync_refuses_a_same_named_team_another_laptop_published(
    tmp_path: Path, catalog: Catalog, team: Team, remote: str
) -> None:
    # The same company and names, another laptop's reveal key: still not this team's record.
    impostor = Laptop(tmp_path / "impostor", catalog)
    impostor.store.init(team)
    impostor.sync(remote)
    ceo = Laptop(tmp_path / "ceo", catalog)
    ceo.store.init(team)
    with pytest.raises(SyncError, match="that another laptop published"):
        ceo.sync(remote)
    assert ceo.store.sync_state().ceo_key is None

"""``sync`` carries commitments, their done marks, metrics and the CEO's team changes (issue 17):
signed records, merged so that every laptop ends with the same data.

The laptops and remotes are those of :mod:`tests.services.test_syncing`: three databases with
their own keys folders in tmp folders, one shared folder or one bare git repository.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from gtm_pulse.core.models import Metric, Team
from gtm_pulse.core.periods import parse_period
from gtm_pulse.core.surveys import Catalog
from gtm_pulse.errors import SyncError
from gtm_pulse.store.exchange import FolderRemote, publish
from tests.services.test_syncing import Laptop, everyone_syncs, three_laptops

DUE = parse_period("2027-03")


def adds(laptop: Laptop, text: str, owner: str = "marketing") -> None:
    """``gtm-pulse actions add TEXT --owner OWNER --due 2027-03`` on ``laptop``."""
    laptop.store.add_commitment(text, owner, DUE)


def commitments(laptop: Laptop) -> list[tuple[int, str, bool]]:
    return [(c.number, c.text, c.done) for c in laptop.store.load().commitments]


def sets(laptop: Laptop, period: str, **values: float) -> None:
    """``gtm-pulse metrics set --period PERIOD id=value...`` (defining the metrics first)."""
    for metric_id in values:
        if metric_id.replace("_", "-") not in laptop.store.load().metrics:
            laptop.store.define_metric(Metric(id=metric_id.replace("_", "-"), name=metric_id))
    chosen = {k.replace("_", "-"): v for k, v in values.items()}
    laptop.store.set_metric_values(parse_period(period), chosen)


def shared_folder(tmp_path: Path, catalog: Catalog, team: Team) -> tuple[Path, dict[str, Laptop]]:
    """Three laptops on one shared folder (for tests that edit the remote's files)."""
    shared = tmp_path / "shared"
    shared.mkdir()
    return shared, three_laptops(tmp_path, catalog, team, str(shared))


@pytest.fixture(params=["folder", "git"])
def laptops(request: pytest.FixtureRequest, tmp_path: Path, catalog: Catalog, team: Team) -> dict:
    """Three laptops on a shared folder, or on a bare git repository."""
    if request.param == "folder":
        return shared_folder(tmp_path, catalog, team)[1]
    repo = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(repo)], check=True)
    return three_laptops(tmp_path, catalog, team, str(repo))


def test_a_commitment_reaches_every_laptop_with_its_number(laptops: dict[str, Laptop]) -> None:
    adds(laptops["ceo"], "One lead definition")
    report = laptops["ceo"].sync()
    assert report.published == [
        'published commitment #1 "One lead definition" (Marketing, due 2027-03)'
    ]
    got = laptops["sales"].sync()
    assert got.imported == ['imported commitment #1 "One lead definition" (Marketing, due 2027-03)']
    assert commitments(laptops["sales"]) == [(1, "One lead definition", False)]


def test_two_laptops_adding_at_once_never_share_a_number(laptops: dict[str, Laptop]) -> None:
    adds(laptops["sales"], "Weekly pipeline call", "sales")
    adds(laptops["marketing"], "One lead definition")
    adds(laptops["marketing"], "Shared dashboard")
    laptops["sales"].sync()
    report = laptops["marketing"].sync()
    everyone_syncs(laptops)
    held = {name: commitments(laptop) for name, laptop in laptops.items()}
    assert held["ceo"] == held["sales"] == held["marketing"]
    assert sorted(n for n, _, _ in held["ceo"]) == [1, 2, 3]
    moved = [line for line in report.notes if "is now" in line]
    assert not [line for line in report.imported if "is now" in line]  # nothing arrived with it
    sales_kept = held["ceo"][0][1] == "Weekly pipeline call"
    if sales_kept:  # the lower record hash kept #1: Marketing's first moved after its second
        assert moved == [
            'commitment #1 ("One lead definition") is now #3: #1 was taken by '
            '"Weekly pipeline call" (owned by Sales)'
        ]
    else:
        assert moved == []  # Marketing's kept #1; Sales' moves on Sales' laptop instead


def test_the_move_is_said_on_the_laptop_whose_commitment_moved(
    laptops: dict[str, Laptop],
) -> None:
    adds(laptops["sales"], "Weekly pipeline call", "sales")
    adds(laptops["marketing"], "One lead definition")
    laptops["sales"].sync()
    said = laptops["marketing"].sync().notes + laptops["sales"].sync().notes
    moved = [line for line in said if "is now #2: #1 was taken by" in line]
    assert len(moved) == 1 and "\n" not in moved[0]


def test_a_commitment_marked_done_is_done_everywhere(laptops: dict[str, Laptop]) -> None:
    adds(laptops["ceo"], "One lead definition")
    everyone_syncs(laptops)
    laptops["marketing"].store.set_commitment_done(1)
    report = laptops["marketing"].sync()
    assert report.published == ["published commitment #1 marked done"]
    assert laptops["ceo"].sync().imported == ["imported commitment #1 marked done"]
    laptops["ceo"].store.set_commitment_done(1, done=False)
    everyone_syncs(laptops)
    assert {commitments(laptop)[0][2] for laptop in laptops.values()} == {False}


def test_concurrent_done_and_undo_converge(laptops: dict[str, Laptop]) -> None:
    adds(laptops["ceo"], "One lead definition")
    everyone_syncs(laptops)
    laptops["sales"].store.set_commitment_done(1)
    laptops["marketing"].store.set_commitment_done(1)
    laptops["marketing"].store.set_commitment_done(1, done=False)
    everyone_syncs(laptops)
    held = {tuple(commitments(laptop)) for laptop in laptops.values()}
    assert len(held) == 1


def test_metric_values_travel_and_a_conflict_is_settled_the_same_everywhere(
    laptops: dict[str, Laptop],
) -> None:
    sets(laptops["ceo"], "2026-10", mql_acceptance=60)
    everyone_syncs(laptops)
    sets(laptops["sales"], "2026-11", mql_acceptance=45)
    sets(laptops["marketing"], "2026-11", mql_acceptance=50)
    laptops["sales"].sync()
    said = laptops["marketing"].sync().imported + laptops["sales"].sync().imported
    everyone_syncs(laptops)
    values = {
        name: laptop.store.load().metrics["mql-acceptance"].values
        for name, laptop in laptops.items()
    }
    assert values["ceo"] == values["sales"] == values["marketing"]
    kept = values["ceo"][parse_period("2026-11")]
    assert kept in (45, 50) and values["ceo"][parse_period("2026-10")] == 60
    (conflict,) = [line for line in said if "set at the same time, was not kept" in line]
    assert f"mql-acceptance 2026-11 = {kept:g}" in conflict


def test_a_later_value_wins_over_an_earlier_one_whatever_the_clocks(
    laptops: dict[str, Laptop],
) -> None:
    sets(laptops["sales"], "2026-11", mql_acceptance=45)
    everyone_syncs(laptops)
    sets(laptops["marketing"], "2026-11", mql_acceptance=47)  # seen 45: its change is later
    everyone_syncs(laptops)
    for laptop in laptops.values():
        assert laptop.store.load().metrics["mql-acceptance"].values == {parse_period("2026-11"): 47}


def test_a_second_sync_publishes_and_imports_nothing(laptops: dict[str, Laptop]) -> None:
    adds(laptops["sales"], "Weekly pipeline call", "sales")
    adds(laptops["marketing"], "One lead definition")
    sets(laptops["ceo"], "2026-11", mql_acceptance=45)
    laptops["marketing"].store.set_commitment_done(1)
    everyone_syncs(laptops)
    for laptop in laptops.values():
        assert laptop.sync().lines() == []


def test_a_dry_run_says_what_would_move_and_writes_nothing(laptops: dict[str, Laptop]) -> None:
    adds(laptops["ceo"], "One lead definition")
    before = laptops["ceo"].store.path.read_bytes()
    report = laptops["ceo"].sync(dry_run=True)
    assert report.published == [
        'would publish commitment #1 "One lead definition" (Marketing, due 2027-03)'
    ]
    assert laptops["ceo"].store.path.read_bytes() == before
    assert laptops["sales"].sync().imported == []


def test_a_tampered_commitment_is_refused_with_one_line_and_left_in_place(
    tmp_path: Path, catalog: Catalog, team: Team
) -> None:
    shared, found = shared_folder(tmp_path, catalog, team)
    adds(found["ceo"], "One lead definition")
    found["ceo"].sync()
    (original,) = (shared / "records" / "commitment").glob("*.json")
    payload = json.loads(original.read_bytes())["payload"]
    payload["text"] = "Marketing owns every lead"
    name = publish(FolderRemote(shared), "commitment", payload)
    report = found["sales"].sync()
    (refused,) = [line for line in report.skipped if name in line]
    assert "\n" not in refused and "signature does not hold" in refused
    assert commitments(found["sales"]) == [(1, "One lead definition", False)]
    assert (shared / name).is_file() and original.is_file()


def test_an_unsigned_metric_is_refused_with_one_line(
    tmp_path: Path, catalog: Catalog, team: Team
) -> None:
    shared, found = shared_folder(tmp_path, catalog, team)
    payload = {
        "version": 1,
        "team": team.id,
        "author": {"role": "sales", "key": "ab" * 32},
        "metric": "mql-acceptance",
        "period": "2026-11",
        "value": 99,
        "clock": 9,
    }
    name = publish(FolderRemote(shared), "metric", payload)
    report = found["marketing"].sync()
    assert report.skipped == [f"refused {name}: an unsigned metric record (left in the remote)"]
    assert found["marketing"].store.load().metrics == {}


def test_a_team_change_signed_by_a_vp_is_refused(
    tmp_path: Path, catalog: Catalog, team: Team, monthly: object
) -> None:
    from dataclasses import replace

    from gtm_pulse.store.record_payloads import Author, signed, team_change_payload
    from gtm_pulse.store.reveal import signer

    shared, found = shared_folder(tmp_path, catalog, team)
    sales = found["sales"]
    key = sales.store.author_key("sales", sales.root / "keys")
    changed = replace(team, members={**team.members, "ceo": "Mallory"})
    payload = signed(
        "team-change",
        team_change_payload(changed, {}, 5),
        Author("sales", key),
        signer(key, sales.root / "keys"),
    )
    name = publish(FolderRemote(shared), "team-change", payload)
    report = found["marketing"].sync()
    assert f"refused {name}: sales may not write a team-change record (left in the remote)" in (
        report.skipped
    )
    assert found["marketing"].store.load().require_team() == team


def test_the_ceo_s_team_change_reaches_the_vps(laptops: dict[str, Laptop], team: Team) -> None:
    from dataclasses import replace

    changed = replace(team, members={**team.members, "marketing": "Sam Lee-Park"})
    laptops["ceo"].store.init(changed, replace=True)  # gtm-pulse init --force
    report = laptops["ceo"].sync()
    assert [line for line in report.published if "the team as changed here" in line]
    got = laptops["marketing"].sync()
    assert any("took the team as the CEO changed it" in line for line in got.imported)
    assert laptops["marketing"].store.load().require_team() == changed


def test_a_vp_who_ran_init_cannot_publish_the_team(
    tmp_path: Path, catalog: Catalog, team: Team, monthly: object
) -> None:
    from tests.services.test_syncing import submits

    shared = tmp_path / "shared"
    shared.mkdir()
    sales = Laptop(tmp_path / "sales", catalog)
    sales.store.init(team)
    submits(sales, "sales", monthly)  # type: ignore[arg-type]
    with pytest.raises(SyncError, match="only the CEO's laptop publishes the team"):
        sales.sync(str(shared))
    assert not (shared / "records").exists()


def test_a_vp_s_new_laptop_is_trusted_only_with_trust_new_keys(
    tmp_path: Path, catalog: Catalog, team: Team
) -> None:
    from gtm_pulse.services.syncing import sync

    shared, found = shared_folder(tmp_path, catalog, team)
    adds(found["sales"], "Weekly pipeline call", "sales")
    everyone_syncs(found)  # the first Sales key is known everywhere
    laptop = Laptop(tmp_path / "sales-new", catalog)  # a new laptop: a new key
    laptop.join(str(shared), "sales")
    adds(laptop, "Call every lead in 24 h", "sales")
    laptop.sync()
    refused = found["ceo"].sync()
    assert any("signed by a key sales does not have here" in line for line in refused.skipped)
    ceo = found["ceo"]
    vouched = sync(ceo.store, catalog, None, cache=ceo.cache, trust_new_keys=True)
    assert any("accepted a new signing key of sales" in line for line in vouched.imported)
    assert len(commitments(ceo)) == 2
    marketing = found["marketing"]
    plain = marketing.sync()
    assert any("the CEO vouches for a new signing key of sales" in line for line in plain.skipped)
    assert len(commitments(marketing)) == 1
    trusted = sync(marketing.store, catalog, None, cache=marketing.cache, trust_new_keys=True)
    assert any("accepted a new signing key of sales" in line for line in trusted.imported)
    assert commitments(marketing) == commitments(ceo)


def test_a_synced_database_with_commitments_and_metrics_passes_db_check(
    laptops: dict[str, Laptop],
) -> None:
    from gtm_pulse.store.integrity import check_database

    adds(laptops["sales"], "Weekly pipeline call", "sales")
    adds(laptops["marketing"], "One lead definition")
    sets(laptops["ceo"], "2026-11", mql_acceptance=45)
    laptops["marketing"].store.set_commitment_done(1)
    everyone_syncs(laptops)
    for laptop in laptops.values():
        checked = check_database(laptop.store.path, laptop.catalog)
        assert checked.ok, checked.problems


def test_a_commitment_added_during_the_merge_is_kept_for_the_next_sync(
    laptops: dict[str, Laptop],
) -> None:
    from gtm_pulse.store.record_views import Base

    store = laptops["sales"].store
    seen = store.load()
    adds(laptops["sales"], "Added while the sync ran", "sales")  # after the sync read it
    wrote = store.apply_records((seen.commitments, seen.metrics), [], [], Base())
    assert not wrote
    assert commitments(laptops["sales"]) == [(1, "Added while the sync ran", False)]
    assert laptops["sales"].sync().published == [
        'published commitment #1 "Added while the sync ran" (Sales, due 2027-03)'
    ]


def test_records_accepted_once_are_not_validated_again(
    laptops: dict[str, Laptop], monkeypatch: pytest.MonkeyPatch
) -> None:
    from gtm_pulse.core import schema
    from gtm_pulse.core.models import Commitment

    adds(laptops["ceo"], "One lead definition")
    sets(laptops["ceo"], "2026-11", mql_acceptance=45)
    everyone_syncs(laptops)
    checked: list[type] = []
    validated = schema.validated

    def counting(model: type, data: object) -> object:
        checked.append(model)
        return validated(model, data)

    monkeypatch.setattr(schema, "validated", counting)
    assert laptops["sales"].sync().lines() == []
    assert Commitment not in checked and Metric not in checked  # pydantic: ~110 ms from cron


def test_a_commitment_owned_by_a_role_not_in_the_team_is_refused(
    tmp_path: Path, catalog: Catalog, team: Team
) -> None:
    # `actions add --owner cfo` is refused locally; the same record through the remote too.
    from gtm_pulse.core.models import Commitment
    from gtm_pulse.store.record_payloads import Author, commitment_payload, signed
    from gtm_pulse.store.reveal import signer

    shared, found = shared_folder(tmp_path, catalog, team)
    sales = found["sales"]
    key = sales.store.author_key("sales", sales.root / "keys")
    ghost = Commitment(number=3, text="Ghost", owner="cfo", due=parse_period("2026-12"))
    payload = signed(
        "commitment",
        commitment_payload(team.id, "0" * 16, ghost),
        Author("sales", key),
        signer(key, sales.root / "keys"),
    )
    name = publish(FolderRemote(shared), "commitment", payload)
    report = found["ceo"].sync()
    assert f"refused {name}: its owner 'cfo' is not a role of this team (left in the remote)" in (
        report.skipped
    )
    assert found["ceo"].store.load().commitments == []


def test_a_company_renamed_by_the_ceo_is_said_as_such(
    laptops: dict[str, Laptop], team: Team
) -> None:
    from dataclasses import replace

    laptops["ceo"].store.init(replace(team, company="Northwind Two"), replace=True)
    laptops["ceo"].sync()
    got = laptops["sales"].sync()
    (line,) = [line for line in got.imported if "took the team as the CEO changed it" in line]
    assert "Northwind Two" in line

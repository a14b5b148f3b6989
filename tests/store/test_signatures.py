"""Signed records (issue 15): what a bundle or a hand edit can no longer do unseen.

Two "laptops" are two databases of one team with their own keys folders: Sales answers on one,
the CEO imports on the other. Every check is the real one: ``plan_import`` for a bundle,
``check_database`` for ``db check``.
"""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from gtm_pulse.core.models import Survey, Team
from gtm_pulse.core.periods import parse_period
from gtm_pulse.core.surveys import Catalog
from gtm_pulse.errors import BundleError
from gtm_pulse.store.bundles import make_bundle, plan_import, read_bundle
from gtm_pulse.store.database import Store
from gtm_pulse.store.integrity import check_database
from gtm_pulse.store.signing import signature_holds
from tests.helpers import scored, submit_one


@pytest.fixture
def sales_laptop(tmp_path: Path, team: Team) -> Store:
    store = Store(tmp_path / "sales" / "pulse.json", keys=tmp_path / "sales" / "keys")
    store.init(team)
    return store


@pytest.fixture
def ceo_laptop(tmp_path: Path, team: Team) -> Store:
    store = Store(tmp_path / "ceo" / "pulse.json", keys=tmp_path / "ceo" / "keys")
    store.init(team)
    return store


def bundle_of(store: Store, monthly: Survey, path: Path, **edit: object) -> Path:
    bundle = make_bundle(store.load(), monthly, "2026-11", "sales")
    for response in bundle["payload"]["responses"]:
        response.update(edit)
    if edit:  # an attacker recomputes the checksum, as the issue describes
        import hashlib

        from gtm_pulse.core.sealing import canonical_json

        bundle["sha256"] = hashlib.sha256(canonical_json(bundle["payload"])).hexdigest()
    path.write_text(json.dumps(bundle))
    return path


def test_a_submission_is_signed_with_a_key_kept_on_its_laptop(sales_laptop: Store, monthly: Survey):
    submit_one(sales_laptop, monthly, "2026-11", "sales", scored(monthly, 4))
    snapshot = sales_laptop.load()
    (response,) = snapshot.responses
    assert response.signature is not None and signature_holds(response)
    ((public, _),) = snapshot.keys["sales"]
    assert public == response.signature.key
    key_file = sales_laptop.keys / f"{public}.key"  # type: ignore[operator]
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(key_file.parent.stat().st_mode) == 0o700
    assert key_file.read_text().strip().encode() not in sales_laptop.path.read_bytes()


def test_a_stripped_seal_with_a_recomputed_checksum_is_refused(
    sales_laptop: Store, ceo_laptop: Store, monthly: Survey, catalog: Catalog, tmp_path: Path
):
    submit_one(sales_laptop, monthly, "2026-11", "sales", scored(monthly, 4))
    good = bundle_of(sales_laptop, monthly, tmp_path / "good.json")
    plan = plan_import(ceo_laptop.load(), catalog, [read_bundle(good)])
    ceo_laptop.import_responses(plan.add, plan.surveys, plan.keys)  # the CEO now knows the key
    submit_one(sales_laptop, monthly, "2026-10", "sales", scored(monthly, 4))
    edited = {"seal": None, "signature": None, "answers": scored(monthly, 1)}
    forged = bundle_of(sales_laptop, monthly, tmp_path / "forged.json", period="2026-09", **edited)
    with pytest.raises(BundleError, match="not signed, though sales signs every record since"):
        plan_import(ceo_laptop.load(), catalog, [read_bundle(forged)])


def test_another_members_revision_2_is_refused(
    sales_laptop: Store, ceo_laptop: Store, monthly: Survey, catalog: Catalog, tmp_path: Path
):
    submit_one(sales_laptop, monthly, "2026-11", "sales", scored(monthly, 4))
    plan = plan_import(
        ceo_laptop.load(), catalog, [read_bundle(bundle_of(sales_laptop, monthly, tmp_path / "a"))]
    )
    ceo_laptop.import_responses(plan.add, plan.surveys, plan.keys)
    # Someone else builds "revision 2" of Sales' response on a laptop of their own.
    impostor = Store(tmp_path / "x" / "pulse.json", keys=tmp_path / "x" / "keys")
    impostor.init(sales_laptop.load().require_team())
    submit_one(impostor, monthly, "2026-11", "sales", scored(monthly, 4))
    impostor.submit(replace_answers(impostor, monthly, scored(monthly, 1)), monthly, amend=True)
    bundle = make_bundle(impostor.load(), monthly, "2026-11", "sales")
    path = tmp_path / "impostor.json"
    path.write_text(json.dumps(bundle))
    with pytest.raises(BundleError, match="signed by a key this database does not know"):
        plan_import(ceo_laptop.load(), catalog, [read_bundle(path)])


def replace_answers(store: Store, monthly: Survey, answers: dict):
    from dataclasses import replace

    (current,) = store.load().responses
    return replace(current, answers=answers, seal=None, signature=None)


def test_an_edited_date_and_a_deleted_history_record_show_in_db_check(
    sales_laptop: Store, monthly: Survey, catalog: Catalog
):
    submit_one(sales_laptop, monthly, "2026-11", "sales", scored(monthly, 4))
    for answer in (3, 2):
        sales_laptop.submit(
            replace_answers(sales_laptop, monthly, scored(monthly, answer)), monthly, amend=True
        )
    assert check_database(sales_laptop.path, catalog).ok
    data = json.loads(sales_laptop.path.read_text())
    (current,) = data["responses"].values()
    current["submitted_at"] = "2026-11-01T09:00:00+00:00"
    _first, second = data["history"]
    del data["history"][second]
    sales_laptop.path.write_text(json.dumps(data))
    problems = check_database(sales_laptop.path, catalog).problems
    assert problems == [
        "response monthly-pulse 2026-11 sales (revision 3): its signature does not hold "
        "(changed after it was signed)",
        "response monthly-pulse 2026-11 sales: revision 2 is missing from its history "
        "(revisions 1 and 3 are there)",
    ]


def test_a_replaced_history_record_breaks_the_chain(
    sales_laptop: Store, monthly: Survey, catalog: Catalog
):
    submit_one(sales_laptop, monthly, "2026-11", "sales", scored(monthly, 4))
    sales_laptop.submit(
        replace_answers(sales_laptop, monthly, scored(monthly, 3)), monthly, amend=True
    )
    before = json.loads(sales_laptop.path.read_text())
    # Another valid, signed revision 1 (from a copy of the database) put in the history.
    other = Store(sales_laptop.path.with_name("copy.json"), keys=sales_laptop.keys)
    other.init(sales_laptop.load().require_team())
    submit_one(other, monthly, "2026-11", "sales", scored(monthly, 5))
    (swapped,) = json.loads(other.path.read_text())["responses"].values()
    (history_id,) = before["history"]
    before["history"][history_id] = swapped
    sales_laptop.path.write_text(json.dumps(before))
    problems = check_database(sales_laptop.path, catalog).problems
    assert problems == [
        "response monthly-pulse 2026-11 sales: revision 2 does not follow revision 1 "
        "(its history was replaced or reordered)"
    ]


def test_an_amendment_arriving_after_both_sides_is_flagged_by_the_importer(
    sales_laptop: Store, ceo_laptop: Store, monthly: Survey, catalog: Catalog, tmp_path: Path
):
    from gtm_pulse.services.comparing import build_review
    from tests.report.test_ceo_reading import DAY

    submit_one(sales_laptop, monthly, "2026-11", "sales", scored(monthly, 4))
    first = bundle_of(sales_laptop, monthly, tmp_path / "first.json")
    plan = plan_import(ceo_laptop.load(), catalog, [read_bundle(first)])
    ceo_laptop.import_responses(plan.add, plan.surveys, plan.keys)
    submit_one(ceo_laptop, monthly, "2026-11", "marketing", scored(monthly, 4))  # both here
    # Sales amends on a laptop that never held Marketing's answers: not after reveal there.
    amended = sales_laptop.submit(
        replace_answers(sales_laptop, monthly, scored(monthly, 2)), monthly, amend=True
    )
    assert not amended.amended_after_reveal
    second = bundle_of(sales_laptop, monthly, tmp_path / "second.json")
    plan = plan_import(ceo_laptop.load(), catalog, [read_bundle(second)])
    (written,) = ceo_laptop.import_responses(plan.amend, plan.surveys, plan.keys)
    assert written.late_arrival and signature_holds(written)
    review = build_review(ceo_laptop.load(), catalog, "monthly-pulse", parse_period("2026-11"), DAY)
    assert review.current is not None
    (late,) = [f for f in review.current.flags if f.kind == "late-amendment"]
    assert "after this database held both sides' answers" in late.reason
    assert check_database(ceo_laptop.path, catalog).ok


# -- db check refuses what the commands refuse (issue 15, item 8) --------------------------------


def test_a_moment_that_is_a_number_is_a_problem_for_db_check(
    sales_laptop: Store, monthly: Survey, catalog: Catalog
):
    submit_one(sales_laptop, monthly, "2026-11", "sales", scored(monthly, 4))
    data = json.loads(sales_laptop.path.read_text())
    (current,) = data["responses"].values()
    current["submitted_at"] = 5
    sales_laptop.path.write_text(json.dumps(data))
    problems = check_database(sales_laptop.path, catalog).problems
    assert problems == ["response #1: submitted_at: expected an ISO 8601 date and time, got 5"]


def test_a_key_written_twice_is_a_problem_for_db_check(
    sales_laptop: Store, monthly: Survey, catalog: Catalog
):
    submit_one(sales_laptop, monthly, "2026-11", "sales", scored(monthly, 4))
    text = sales_laptop.path.read_text()
    sales_laptop.path.write_text(text.replace('"revision":1', '"revision":1,"revision":1', 1))
    problems = check_database(sales_laptop.path, catalog).problems
    assert problems == [
        f"{sales_laptop.path}: the key 'revision' is written 2 times in one object; reading "
        "keeps only the last, so the next write would drop the others"
    ]

"""Bundles between two real databases: the round trip, idempotence, and every refusal.

Each refusal asserts that the target database is byte-for-byte unchanged.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from gtm_pulse.core.models import Survey, Team
from gtm_pulse.core.periods import parse_period
from gtm_pulse.core.sealing import canonical_json
from gtm_pulse.core.surveys import Catalog
from gtm_pulse.errors import BundleError, ImportConflictError, PulseError
from gtm_pulse.services.submission import build_response
from gtm_pulse.store.bundles import MAX_BYTES, make_bundle, plan_import, read_bundle
from gtm_pulse.store.database import Store
from tests.helpers import scored, submit_pair, with_guesses


@pytest.fixture
def source(tmp_path: Path, team: Team, monthly: Survey) -> Store:
    """The CEO's laptop: two months both VPs submitted."""
    store = Store(tmp_path / "ceo.json")
    store.init(team)
    comment = {"_comments": {"respect": "[bold]ok[/] \x1b[31m\u200f" + "x" * 10_000}}
    submit_pair(store, monthly, "2026-10", scored(monthly, 4) | comment, scored(monthly, 3))
    submit_pair(store, monthly, "2026-11", scored(monthly, 5), scored(monthly, 2))
    return store


@pytest.fixture
def target(tmp_path: Path, team: Team) -> Store:
    store = Store(tmp_path / "vp.json")
    store.init(team)
    return store


def write(path: Path, bundle: dict) -> Path:
    path.write_text(json.dumps(bundle))
    return path


def exported(source: Store, monthly: Survey, tmp_path: Path, **only: str | None) -> Path:
    bundle = make_bundle(source.load(), monthly, only.get("period"), only.get("role"))
    return write(tmp_path / "bundle.json", bundle)


def import_into(target: Store, catalog: Catalog, *paths: Path) -> list:
    plan = plan_import(target.load(), catalog, [read_bundle(p) for p in paths])
    return target.import_responses([*plan.add, *plan.amend], plan.surveys)


def test_a_round_trip_carries_every_response_exactly(
    source: Store, target: Store, monthly: Survey, catalog: Catalog, tmp_path: Path
) -> None:
    added = import_into(target, catalog, exported(source, monthly, tmp_path))
    assert len(added) == 4
    assert sorted(target.load().responses, key=lambda r: r.key) == sorted(
        source.load().responses, key=lambda r: r.key
    )  # ids, seals, timestamps and the 10,000-character comment: all as they were


def test_importing_the_same_bundle_twice_changes_nothing(
    source: Store, target: Store, monthly: Survey, catalog: Catalog, tmp_path: Path
) -> None:
    bundle = exported(source, monthly, tmp_path)
    import_into(target, catalog, bundle)
    before = target.path.read_bytes()
    assert import_into(target, catalog, bundle) == []
    assert target.path.read_bytes() == before


def test_export_picks_a_period_and_a_role(source: Store, monthly: Survey, tmp_path: Path) -> None:
    bundle = read_bundle(exported(source, monthly, tmp_path, period="2026-11", role="sales"))
    assert [r.key for r in bundle.responses] == [("monthly-pulse", "2026-11", "sales")]


def rewritten(bundle_path: Path, change) -> Path:
    """The bundle with its payload changed and its checksum recomputed: an honest-looking file."""
    data = json.loads(bundle_path.read_text())
    change(data["payload"])
    data["sha256"] = hashlib.sha256(canonical_json(data["payload"])).hexdigest()
    return write(bundle_path.with_name("changed.json"), data)


def refused(target: Store, catalog: Catalog, path: Path, message: str) -> None:
    before = target.path.read_bytes()
    with pytest.raises(PulseError) as caught:
        import_into(target, catalog, path)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
    assert target.path.read_bytes() == before


def test_a_checksum_that_does_not_match_is_refused(
    source: Store, target: Store, monthly: Survey, catalog: Catalog, tmp_path: Path
) -> None:
    path = exported(source, monthly, tmp_path)
    data = json.loads(path.read_text())
    data["payload"]["responses"][0]["answers"]["respect-seriously"] = 1
    refused(target, catalog, write(path, data), "the checksum does not match its content")


def test_an_unknown_survey_version_is_refused(
    source: Store, target: Store, monthly: Survey, catalog: Catalog, tmp_path: Path
) -> None:
    def to_v9(payload: dict) -> None:
        for response in payload["responses"]:
            response["survey_version"] = 9

    path = rewritten(exported(source, monthly, tmp_path), to_v9)
    refused(target, catalog, path, "survey monthly-pulse version 9 is unknown here")


def test_a_malformed_period_is_refused_in_the_words_of_its_check(
    source: Store, target: Store, monthly: Survey, catalog: Catalog, tmp_path: Path
) -> None:
    def to_month_13(payload: dict) -> None:
        payload["responses"][0]["period"] = "2026-13"

    path = rewritten(exported(source, monthly, tmp_path), to_month_13)
    refused(target, catalog, path, "responses[0].period: period '2026-13': month must be 01-12")
    with pytest.raises(BundleError) as caught:
        read_bundle(path)
    assert "Value error" not in str(caught.value)


def test_a_lone_surrogate_is_refused_naming_where_it_is(
    source: Store, target: Store, monthly: Survey, catalog: Catalog, tmp_path: Path
) -> None:
    def half_a_character(payload: dict) -> None:
        payload["responses"][1]["comments"]["respect"] = "fine \ud800"

    path = rewritten(exported(source, monthly, tmp_path), half_a_character)
    refused(target, catalog, path, "responses[1].comments.respect holds a lone surrogate (\\ud800)")


def test_changed_answers_break_the_seal_even_with_a_fresh_checksum(
    source: Store, target: Store, monthly: Survey, catalog: Catalog, tmp_path: Path
) -> None:
    def soften(payload: dict) -> None:
        payload["responses"][0]["answers"]["respect-seriously"] = 5

    path = rewritten(exported(source, monthly, tmp_path), soften)
    refused(target, catalog, path, "its answers no longer match its seal")


def test_an_out_of_range_answer_is_refused(
    source: Store, target: Store, monthly: Survey, catalog: Catalog, tmp_path: Path
) -> None:
    def break_it(payload: dict) -> None:
        payload["responses"][0]["answers"]["respect-seriously"] = 9
        payload["responses"][0]["seal"] = None

    path = rewritten(exported(source, monthly, tmp_path), break_it)
    refused(target, catalog, path, "question 'respect-seriously': 9 is out of range 1-5")


def test_a_role_this_team_does_not_have_is_refused(
    source: Store, target: Store, monthly: Survey, catalog: Catalog, tmp_path: Path
) -> None:
    def to_cro(payload: dict) -> None:
        payload["responses"][0]["role"] = "cro"
        payload["responses"][0]["seal"] = None

    path = rewritten(exported(source, monthly, tmp_path), to_cro)
    refused(target, catalog, path, "role 'cro' is not a respondent of the team")


def test_a_conflict_with_a_stored_response_is_refused(
    source: Store, target: Store, monthly: Survey, catalog: Catalog, tmp_path: Path
) -> None:
    submit_pair(target, monthly, "2026-11", scored(monthly, 1), scored(monthly, 1))
    path = exported(source, monthly, tmp_path)
    refused(target, catalog, path, "already holds a different revision 1 (submitted 20")
    assert len(target.load().responses) == 2  # and 2026-10, which had no conflict, was not added


def test_two_bundles_that_disagree_are_refused(
    source: Store, target: Store, monthly: Survey, catalog: Catalog, tmp_path: Path
) -> None:
    first = exported(source, monthly, tmp_path, period="2026-11")
    other = Store(tmp_path / "other.json")
    other.init(Team(company="N", members={"sales": "Dana Ortiz", "marketing": "Sam Lee"}))
    submit_pair(other, monthly, "2026-11", scored(monthly, 1), scored(monthly, 1))
    second = write(tmp_path / "second.json", make_bundle(other.load(), monthly, "2026-11", None))
    before = target.path.read_bytes()
    with pytest.raises(BundleError, match=f"differs from the response in {first}"):
        import_into(target, catalog, first, second)
    assert target.path.read_bytes() == before


BAD_BUNDLES = {
    "empty": (b"", "is empty"),
    "truncated": (b'{"format": "gtm-pulse-bundle", "payl', "is not valid JSON (line 1"),
    "binary": (bytes(range(256)) * 8, "is not text"),
    "deeply nested": (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    "another file": (b'{"meta": {"1": {"app": "gtm-pulse"}}}', "is not a gtm-pulse bundle"),
    "a newer format": (
        b'{"format": "gtm-pulse-bundle", "format_version": 2}',
        "has format version 2; this gtm-pulse reads version 1",
    ),
    "wrong schema": (
        b'{"format": "gtm-pulse-bundle", "format_version": 1, "payload": {"responses": [{}]},'
        b' "sha256": "' + hashlib.sha256(b'{"responses":[{}]}').hexdigest().encode() + b'"}',
        "responses[0].survey_id: Field required",
    ),
}


@pytest.mark.parametrize("name", list(BAD_BUNDLES))
def test_broken_bundles_are_refused_naming_the_file(
    name: str, target: Store, catalog: Catalog, tmp_path: Path
) -> None:
    content, message = BAD_BUNDLES[name]
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    refused(target, catalog, path, message)
    with pytest.raises(BundleError) as caught:
        read_bundle(path)
    assert str(path) in str(caught.value)


def test_a_huge_bundle_is_refused_before_it_is_read(
    target: Store, catalog: Catalog, tmp_path: Path
) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:  # 100 MB, sparse: nothing to read is read
        handle.truncate(100 * 1000 * 1000)
    assert path.stat().st_size > MAX_BYTES
    refused(target, catalog, path, "is 100 MB; a bundle is at most 32 MiB")


# -- teams and respondents ---------------------------------------------------------------------


def test_a_bundle_of_another_team_is_refused(
    db_path: Path, team: Team, monthly: Survey, catalog: Catalog, tmp_path: Path
) -> None:
    acme, beta = Store(db_path, team="acme"), Store(db_path, team="beta")
    acme.init(Team(id="acme", company="Acme", members=dict(team.members)))
    beta.init(Team(id="beta", company="Beta", members=dict(team.members)))
    submit_pair(acme, monthly, "2026-11", scored(monthly, 4), scored(monthly, 3))
    path = exported(acme, monthly, tmp_path, role="sales")
    refused(beta, catalog, path, "holds team 'acme''s responses, not team 'beta''s")
    assert beta.load().responses == []


def test_a_response_from_someone_else_than_the_teams_member_is_refused(
    source: Store, monthly: Survey, catalog: Catalog, tmp_path: Path
) -> None:
    other = Store(tmp_path / "other.json")
    other.init(Team(company="Other", members={"sales": "Eve Imposter", "marketing": "Sam Lee"}))
    path = exported(source, monthly, tmp_path, period="2026-11", role="sales")
    refused(other, catalog, path, "answered by 'Dana Ortiz', but this team's sales is 'Eve Imp")


# -- amendments travel -------------------------------------------------------------------------


def amend(store: Store, monthly: Survey, score: int) -> None:
    """Sales amends November on ``store``, as ``submit --amend`` does."""
    raw = with_guesses(monthly, "sales", scored(monthly, score))
    response = build_response(store.load(), monthly, "sales", parse_period("2026-11"), raw, "")
    store.submit(response, monthly, amend=True)


def test_a_later_revision_replaces_the_stored_one_which_goes_to_history(
    source: Store, target: Store, monthly: Survey, catalog: Catalog, tmp_path: Path
) -> None:
    import_into(target, catalog, exported(source, monthly, tmp_path, period="2026-11"))
    amend(source, monthly, 1)
    bundle = exported(source, monthly, tmp_path, period="2026-11", role="sales")
    plan = plan_import(target.load(), catalog, [read_bundle(bundle)])
    assert ([r.revision for r in plan.amend], plan.add, plan.same) == ([2], [], [])
    assert import_into(target, catalog, bundle) == plan.amend
    assert target.load().revisions("monthly-pulse", "2026-11", "sales") == source.load().revisions(
        "monthly-pulse", "2026-11", "sales"
    )  # revision 1 in history, revision 2 current: as on the laptop that amended
    before = target.path.read_bytes()
    assert import_into(target, catalog, bundle) == []  # twice: nothing changes
    assert target.path.read_bytes() == before


def test_an_older_revision_is_already_there_once_its_amendment_arrived(
    source: Store, target: Store, monthly: Survey, catalog: Catalog, tmp_path: Path
) -> None:
    first = write(tmp_path / "first.json", make_bundle(source.load(), monthly, "2026-11", "sales"))
    import_into(target, catalog, first)
    amend(source, monthly, 1)
    import_into(target, catalog, exported(source, monthly, tmp_path, period="2026-11"))
    before = target.path.read_bytes()
    assert import_into(target, catalog, first) == []
    assert target.path.read_bytes() == before


def test_an_earlier_revision_that_differs_is_refused(
    source: Store, target: Store, monthly: Survey, catalog: Catalog, tmp_path: Path
) -> None:
    import_into(target, catalog, exported(source, monthly, tmp_path, period="2026-11"))
    amend(target, monthly, 1)
    amend(target, monthly, 2)  # revision 3 here
    amend(source, monthly, 5)  # a different revision 2 there
    path = exported(source, monthly, tmp_path, period="2026-11", role="sales")
    refused(target, catalog, path, "already holds revision 3, later than this revision 2")


def test_two_laptops_amending_apart_is_refused_without_sending_the_user_in_circles(
    source: Store, target: Store, monthly: Survey, catalog: Catalog, tmp_path: Path
) -> None:
    import_into(target, catalog, exported(source, monthly, tmp_path, period="2026-11"))
    amend(target, monthly, 1)
    amend(source, monthly, 2)
    path = exported(source, monthly, tmp_path, period="2026-11", role="sales")
    refused(target, catalog, path, "already holds a different revision 2")


def test_a_later_revision_from_another_respondent_is_refused(
    source: Store, target: Store, team: Team, monthly: Survey, catalog: Catalog, tmp_path: Path
) -> None:
    target.init(Team(company=team.company, members={**team.members, "sales": "Pat"}), replace=True)
    submit_pair(target, monthly, "2026-11", scored(monthly, 1), scored(monthly, 1))
    target.init(team, replace=True)  # Dana took over sales
    amend(source, monthly, 2)
    path = exported(source, monthly, tmp_path, period="2026-11", role="sales")
    refused(target, catalog, path, "holds this response from 'Pat', not 'Dana Ortiz'")


def test_an_import_checks_again_under_the_lock(
    source: Store, target: Store, monthly: Survey, catalog: Catalog, tmp_path: Path
) -> None:
    import_into(target, catalog, exported(source, monthly, tmp_path, period="2026-11"))
    amend(source, monthly, 2)
    bundle = exported(source, monthly, tmp_path, period="2026-11", role="sales")
    plan = plan_import(target.load(), catalog, [read_bundle(bundle)])
    amend(target, monthly, 1)  # meanwhile, on this laptop
    before = target.path.read_bytes()
    with pytest.raises(ImportConflictError, match=r"different revision 2 .*; nothing was imported"):
        target.import_responses(plan.amend, plan.surveys)
    assert target.path.read_bytes() == before

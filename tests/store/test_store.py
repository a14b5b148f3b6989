"""The store on real files: round trips, one submission per role, refusals that touch nothing."""

from __future__ import annotations

import gc
import json
import stat
from dataclasses import replace
from pathlib import Path

import pytest

from gtm_pulse import errors
from gtm_pulse.core.models import Draft, Response, Survey, Team
from gtm_pulse.core.sealing import seal_holds
from gtm_pulse.errors import AlreadySubmittedError, DatabaseError, SurveyError, TeamError
from gtm_pulse.store import format as store_module
from gtm_pulse.store.database import Store
from gtm_pulse.store.format import SCHEMA_VERSION
from tests.helpers import full_answers


def response(survey: Survey, role: str = "sales", period: str = "2026-11", **kwargs) -> Response:
    return Response(
        survey_id=survey.id,
        survey_version=survey.version,
        role=role,
        respondent="Dana Ortiz" if role == "sales" else "Sam Lee",
        period=period,
        answers=kwargs.pop("answers", {survey.questions[0].id: 4}),
        **kwargs,
    )


def test_init_then_load_round_trips_the_team(store: Store, team: Team) -> None:
    assert store.load().team == team


def test_submitted_response_round_trips(store: Store, monthly: Survey) -> None:
    sent = response(monthly, answers=full_answers(monthly), comments={"respect": "[/] ok"})
    stored = store.submit(sent, monthly)
    assert store.load().responses == [stored]
    assert replace(stored, seal=None, signature=None) == sent  # the store adds only these


def test_a_submission_is_sealed_and_the_seal_catches_any_change(
    store: Store, monthly: Survey
) -> None:
    stored = store.submit(response(monthly, answers=full_answers(monthly)), monthly)
    (loaded,) = store.load().responses
    assert loaded.seal is not None and seal_holds(loaded)
    qid = next(q.id for q in monthly.questions if q.kind == "likert")
    tampered = replace(loaded, answers={**loaded.answers, qid: 6 - loaded.answers[qid]})
    assert not seal_holds(tampered)
    # Two seals of the same answers differ (the salt), so a hash does not give answers away.
    again = store.submit(response(monthly, answers=full_answers(monthly)), monthly, amend=True)
    assert again.seal.sha256 != stored.seal.sha256


def test_an_amendment_after_both_submitted_is_marked(store: Store, monthly: Survey) -> None:
    store.submit(response(monthly), monthly)
    first = store.submit(response(monthly), monthly, amend=True)  # Marketing has not submitted
    assert not first.amended_after_reveal
    store.submit(response(monthly, role="marketing"), monthly)
    late = store.submit(response(monthly), monthly, amend=True)
    assert late.amended_after_reveal and late.revision == 3
    history = store.load().revisions(monthly.id, "2026-11", "sales")
    assert [r.amended_after_reveal for r in history] == [False, False, True]


def test_a_fresh_store_sees_writes_of_another(store: Store, monthly: Survey) -> None:
    Store(store.path).submit(response(monthly), monthly)
    Store(store.path).submit(response(monthly, role="marketing"), monthly)
    assert len(Store(store.path).load().responses) == 2


def test_resubmission_is_refused_and_changes_nothing(store: Store, monthly: Survey) -> None:
    store.submit(response(monthly), monthly)
    before = store.path.read_bytes()
    with pytest.raises(AlreadySubmittedError, match="use --amend"):
        store.submit(response(monthly), monthly)
    assert store.path.read_bytes() == before


def test_amend_keeps_the_previous_revision_in_history(store: Store, monthly: Survey) -> None:
    qid = monthly.questions[0].id
    first = store.submit(response(monthly, answers={qid: 2}), monthly)
    second = store.submit(response(monthly, answers={qid: 5}), monthly, amend=True)
    snapshot = store.load()
    assert second.revision == 2
    assert snapshot.responses == [second]
    assert snapshot.revisions(monthly.id, "2026-11", "sales") == [first, second]


def test_one_submission_per_survey_period_and_role(store: Store, monthly: Survey) -> None:
    store.submit(response(monthly, period="2026-10"), monthly)
    store.submit(response(monthly, period="2026-11"), monthly)
    store.submit(response(monthly, role="marketing"), monthly)
    assert len(store.load().responses) == 3


def test_drafts_upsert_and_vanish_on_submit(store: Store, monthly: Survey) -> None:
    qid = monthly.questions[0].id
    draft = Draft(survey_id=monthly.id, survey_version=1, role="sales", period="2026-11")
    store.save_draft(replace(draft, answers={qid: 1}))
    store.save_draft(replace(draft, answers={qid: 3}))
    assert [d.answers for d in store.load().drafts] == [{qid: 3}]
    store.submit(response(monthly), monthly)
    assert store.load().drafts == []


def test_discard_draft(store: Store) -> None:
    draft = Draft(survey_id="monthly-pulse", survey_version=1, role="marketing", period="2026-11")
    store.save_draft(draft)
    assert store.discard_draft("monthly-pulse", "2026-11", "marketing") is True
    assert store.discard_draft("monthly-pulse", "2026-11", "marketing") is False


def test_database_and_lock_files_are_private(store: Store, monthly: Survey) -> None:
    store.submit(response(monthly), monthly)
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.lock_path.stat().st_mode) == 0o600


def test_init_twice_is_refused_unless_forced(store: Store, monthly: Survey) -> None:
    store.submit(response(monthly), monthly)
    with pytest.raises(TeamError, match="already has a team"):
        store.init(Team(company="Other", members={"sales": "a", "marketing": "b", "ceo": "c"}))
    new_team = Team(company="Renamed", members={"sales": "a", "marketing": "b", "ceo": "c"})
    store.init(new_team, replace=True)
    assert store.load().team == new_team
    assert len(store.load().responses) == 1


def test_writes_before_init_are_refused(db_path: Path, monthly: Survey) -> None:
    with pytest.raises(TeamError, match="run 'gtm-pulse init'"):
        Store(db_path).submit(response(monthly), monthly)
    assert not db_path.exists()


def test_stale_temp_files_are_cleaned_on_the_next_write(store: Store, monthly: Survey) -> None:
    stale = store.path.parent / f".{store.path.name}.abc123.tmp"
    stale.write_text("half a write")
    store.submit(response(monthly), monthly)
    assert not stale.exists()


def test_a_survey_edited_without_a_new_version_is_refused(store: Store, monthly: Survey) -> None:
    store.submit(response(monthly), monthly)
    edited = replace(monthly, title="Edited in place")
    before = store.path.read_bytes()
    with pytest.raises(SurveyError, match="give the changed survey a new version"):
        store.submit(response(monthly, role="marketing"), edited)
    assert store.path.read_bytes() == before


def test_the_survey_answered_is_recorded(store: Store, monthly: Survey) -> None:
    store.submit(response(monthly), monthly)
    recorded = store.load().recorded_surveys[(monthly.id, monthly.version)]
    assert Survey.from_json(recorded) == monthly


# -- files that are not ours are never written ------------------------------------------------

BAD_FILES = {
    "not JSON": (b'{"meta": {"1": ', "is not valid JSON (line 1"),
    "empty": (b"", "is empty"),
    "binary": (bytes(range(256)) * 4, "is not text"),
    "a JSON list": (b"[1, 2, 3]", "is not a gtm-pulse database"),
    "a plain TinyDB file": (b'{"_default": {"1": {"a": 1}}}', "is not a gtm-pulse database"),
    "another app's meta": (b'{"meta": {"1": {"app": "other", "schema_version": 1}}}', "not a gtm"),
    "future schema": (
        b'{"meta": {"1": {"app": "gtm-pulse", "schema_version": 99}}}',
        "written by a newer gtm-pulse (schema 99",
    ),
    "deeply nested": (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    "truncated mid-write": (
        b'{"meta":{"1":{"app":"gtm-pulse","schema_version":2}},"team":{"1":{"comp',
        "is not valid JSON (line 1, column 67",
    ),
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_bad_files_are_refused_and_left_byte_for_byte(
    name: str, db_path: Path, monthly: Survey, team: Team
) -> None:
    content, message = BAD_FILES[name]
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db_path.write_bytes(content)
    store = Store(db_path)
    attempts = [
        store.load,
        lambda: store.init(team, replace=True),
        lambda: store.submit(response(monthly), monthly),
        lambda: store.save_draft(
            Draft(survey_id=monthly.id, survey_version=1, role="sales", period="2026-11")
        ),
    ]
    for attempt in attempts:
        with pytest.raises(DatabaseError) as caught:
            attempt()
        assert message in str(caught.value)
        assert str(db_path) in str(caught.value)
        assert "\n" not in str(caught.value)
    assert db_path.read_bytes() == content


def test_a_bad_record_inside_a_valid_file_is_a_clear_error(store: Store) -> None:
    data = json.loads(store.path.read_bytes())
    data["responses"] = {"1": {"survey_id": "monthly-pulse", "period": "2026-13"}}
    store.path.write_text(json.dumps(data))
    with pytest.raises(DatabaseError, match="holds a bad response"):
        _ = store.load().responses


def _no_survey_id(data: dict) -> None:
    del next(iter(data["surveys"].values()))["id"]


def _commitment_without_owner(data: dict) -> None:
    del next(iter(data["commitments"].values()))["owner"]


def _response_without_its_time(data: dict) -> None:
    del next(iter(data["responses"].values()))["submitted_at"]


@pytest.mark.parametrize(
    ("damage", "attempt", "kind"),
    [
        (_no_survey_id, lambda store, survey: store.load().recorded_surveys, "survey definition"),
        (_commitment_without_owner, lambda store, survey: store.set_commitment_done(1),
         "commitment"),
        (_response_without_its_time, lambda store, survey: store.submit(
            response(survey), survey, amend=True), "response"),
    ],
    ids=["survey definition", "commitment done", "amended response"],
)  # fmt: skip
def test_a_malformed_record_is_one_line_pointing_at_db_check(
    store: Store, monthly: Survey, damage, attempt, kind: str
) -> None:
    store.submit(response(monthly), monthly)
    store.add_commitment("One lead definition", "marketing", "2026-12")
    data = json.loads(store.path.read_bytes())
    damage(data)
    store.path.write_text(json.dumps(data))
    before = store.path.read_bytes()
    with pytest.raises(DatabaseError, match=rf"holds a bad {kind} \(record #1\); 'gtm-pulse db"):
        attempt(store, monthly)
    assert store.path.read_bytes() == before


def test_an_older_schema_is_migrated(
    store: Store, monthly: Survey, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Pretend the next schema renames the team's company field, and this file predates it.
    current = store_module.SCHEMA_VERSION

    def rename_company(tables: dict) -> dict:
        for doc in tables.get("team", {}).values():
            doc["company"] = doc.pop("organisation")
        return tables

    data = json.loads(store.path.read_bytes())
    team_doc = data["team"]["1"]
    team_doc["organisation"] = team_doc.pop("company")
    store.path.write_text(json.dumps(data))
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", current + 1)
    monkeypatch.setitem(store_module.MIGRATIONS, current, rename_company)

    assert store.load().team.company == "Northwind Analytics"
    store.submit(response(monthly), monthly)  # the first write persists the migration
    written = json.loads(store.path.read_bytes())
    assert written["meta"]["1"]["schema_version"] == current + 1
    assert written["team"]["1"]["company"] == "Northwind Analytics"


def test_a_schema_1_database_opens_with_no_commitments_and_is_written_as_current(
    store: Store, monthly: Survey
) -> None:
    store.submit(response(monthly), monthly)
    data = json.loads(store.path.read_bytes())
    data["meta"]["1"]["schema_version"] = 1
    store.path.write_text(json.dumps(data))
    snapshot = store.load()
    assert snapshot.commitments == [] and snapshot.responses[0].follow_ups == {}
    store.add_commitment("Agree one lead definition", "marketing", "2026-12")
    assert json.loads(store.path.read_bytes())["meta"]["1"]["schema_version"] == SCHEMA_VERSION


def test_commitments_are_numbered_in_order_and_marked_done(store: Store) -> None:
    first = store.add_commitment("Agree one lead definition", "marketing", "2026-12", "2026-11")
    second = store.add_commitment("Follow up every lead within 48 h", "sales", "2027-Q1")
    assert (first.number, second.number) == (1, 2)
    store.set_commitment_done(1)
    snapshot = store.load()
    assert [c.done for c in snapshot.commitments] == [True, False]
    assert snapshot.commitment(1).agreed_in == "2026-11"
    store.set_commitment_done(1, done=False)
    assert not store.load().commitment(1).done


@pytest.mark.parametrize(
    ("text", "owner", "due", "error", "message"),
    [
        ("  ", "sales", "2026-12", "CommitmentError", "commitment text: must not be blank"),
        ("x", "cfo", "2026-12", "TeamError", "owner 'cfo' is not a role of this team"),
        ("x", "sales", "2026-13", "CommitmentError", "month must be 01-12"),
    ],
)
def test_a_bad_commitment_is_refused_and_nothing_is_written(
    store: Store, text: str, owner: str, due: str, error: str, message: str
) -> None:
    before = store.path.read_bytes()
    with pytest.raises(getattr(errors, error), match=message):
        store.add_commitment(text, owner, due)
    assert store.path.read_bytes() == before


def test_marking_an_unknown_commitment_names_the_known_ones(store: Store) -> None:
    store.add_commitment("Agree one lead definition", "marketing", "2026-12")
    with pytest.raises(errors.CommitmentError, match=r"no commitment #7 \(commitments: #1\)"):
        store.set_commitment_done(7)


def test_a_huge_file_is_refused_with_one_line_and_left_alone(
    db_path: Path, monthly: Survey
) -> None:
    # 100 MB of valid JSON that is not a database: read, refused, never written.
    db_path.parent.mkdir(parents=True)
    content = b'{"junk": "' + b"x" * 100_000_000 + b'"}'
    db_path.write_bytes(content)
    store = Store(db_path)
    for attempt in (store.load, lambda: store.submit(response(monthly), monthly)):
        with pytest.raises(DatabaseError, match="is not a gtm-pulse database"):
            attempt()
    assert db_path.stat().st_size == len(content)


def test_a_definition_recorded_before_a_field_existed_still_matches_its_survey(
    store: Store, monthly: Survey
) -> None:
    """A database from before predictions recorded surveys without ``predict`` or ``mirrors``:
    the same file read today must not count as edited without a new version."""
    store.submit(response(monthly), monthly)
    data = json.loads(store.path.read_bytes())
    (record,) = data["surveys"].values()
    definition = record["definition"]
    definition["thresholds"].pop("misread")  # each key left out holds its default today
    for question in definition["questions"]:
        for key, default in (("predict", False), ("tension", None), ("metric", None)):
            if question[key] == default:
                question.pop(key)
    store.path.write_text(json.dumps(data))
    store.submit(response(monthly, role="marketing"), monthly)  # not refused
    edited = replace(monthly, title="Another title")
    with pytest.raises(SurveyError, match="differs from the copy recorded"):
        store.submit(response(monthly, period="2026-10"), edited)


DRAFTS_ADVICE = "a drafts file has only unfinished answers, never submitted ones"


def test_a_damaged_drafts_file_does_not_fail_a_submission_that_was_stored(
    store: Store, monthly: Survey
) -> None:
    store.drafts_path.write_text("{broken")
    stored = store.submit(response(monthly), monthly)
    assert Store(store.path).load().responses == [stored]
    assert store.drafts_path.read_text() == "{broken"  # left as it was
    with pytest.raises(DatabaseError) as caught:
        _ = store.load().drafts
    message = str(caught.value)
    assert message.startswith(f"the drafts file {store.drafts_path} is not valid JSON")
    assert DRAFTS_ADVICE in message and f"delete {store.drafts_path} to carry on" in message
    assert "\n" not in message


def test_a_bad_record_in_the_drafts_file_says_the_file_can_be_deleted(store: Store) -> None:
    store.save_draft(Draft(survey_id="monthly-pulse", survey_version=1, role="sales",
                           period="2026-11"))  # fmt: skip
    data = json.loads(store.drafts_path.read_bytes())
    next(iter(data["drafts"].values()))["answers"] = ["not", "a", "mapping"]
    store.drafts_path.write_text(json.dumps(data))
    with pytest.raises(DatabaseError, match=r"holds a bad draft \(record #1\); a drafts file"):
        _ = store.load().drafts


def test_only_a_one_shot_read_freezes_what_the_collector_sees(store: Store) -> None:
    # gc.freeze keeps every live object from the collector for good: right for a command that
    # exits after printing, a leak of cycles for the TUI that reloads on every change.
    frozen = gc.get_freeze_count()
    store.load()
    assert gc.get_freeze_count() == frozen and gc.isenabled()
    store.load(one_shot=True)
    assert gc.get_freeze_count() > frozen and gc.isenabled()

"""The store's writes on real files: round trips, one submission per role, refusals that
touch nothing."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from gtm_pulse import errors
from gtm_pulse.core.commitments import check_dates
from gtm_pulse.core.models import Draft, Survey, Team
from gtm_pulse.core.sealing import seal_holds
from gtm_pulse.errors import AlreadySubmittedError, DatabaseError, SurveyError, TeamError
from gtm_pulse.store.database import Store
from tests.helpers import full_answers
from tests.store.responses import response


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
    draft = Draft(
        survey_id="monthly-pulse",
        survey_version=1,
        role="marketing",
        period="2026-11",
    )
    store.save_draft(draft)
    assert store.discard_draft("monthly-pulse", "2026-11", "marketing") is True
    assert store.discard_draft("monthly-pulse", "2026-11", "marketing") is False


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


def test_the_callers_check_refuses_a_commitment_and_nothing_is_written(store: Store) -> None:
    before = store.path.read_bytes()
    with pytest.raises(errors.CommitmentError, match="2026-09 ends before 2026-10"):
        store.add_commitment("x", "sales", "2026-09", "2026-10", check=check_dates)
    assert store.path.read_bytes() == before

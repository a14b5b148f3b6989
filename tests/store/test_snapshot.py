"""Reading: a fresh store sees another's writes; a record of another shape is one line
pointing at db check."""

from __future__ import annotations

import json

import pytest

from gtm_pulse.core.models import Draft, Survey
from gtm_pulse.errors import DatabaseError
from gtm_pulse.store.database import Store
from tests.store.responses import response


def test_a_fresh_store_sees_writes_of_another(store: Store, monthly: Survey) -> None:
    Store(store.path).submit(response(monthly), monthly)
    Store(store.path).submit(response(monthly, role="marketing"), monthly)
    assert len(Store(store.path).load().responses) == 2


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


def test_a_bad_record_in_the_drafts_file_says_the_file_can_be_deleted(store: Store) -> None:
    store.save_draft(Draft(survey_id="monthly-pulse", survey_version=1, role="sales",
                           period="2026-11"))  # fmt: skip
    data = json.loads(store.drafts_path.read_bytes())
    next(iter(data["drafts"].values()))["answers"] = ["not", "a", "mapping"]
    store.drafts_path.write_text(json.dumps(data))
    with pytest.raises(DatabaseError, match=r"holds a bad draft \(record #1\); a drafts file"):
        _ = store.load().drafts

"""A submit writes on the snapshot it was built from when the file has not changed since
(the ``submit`` command parses the database once), and on the file as it is now when it has."""

from __future__ import annotations

import json

import pytest

from gtm_pulse.core.models import Survey
from gtm_pulse.errors import AlreadySubmittedError
from gtm_pulse.store import format as store_format
from gtm_pulse.store.database import Store
from tests.store.responses import response


def test_an_unchanged_file_is_not_parsed_again(
    store: Store, monthly: Survey, monkeypatch: pytest.MonkeyPatch
) -> None:
    snapshot = store.load(to_write=True)

    def parse_again(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was parsed again")

    with monkeypatch.context() as patched:
        patched.setattr(store_format, "read_database", parse_again)
        stored = store.submit(response(monthly), monthly, read=snapshot)
    assert snapshot.raw is None  # not kept while the file is written
    assert store.load().responses == [stored]


def test_a_write_between_reading_and_submitting_is_kept(store: Store, monthly: Survey) -> None:
    snapshot = store.load(to_write=True)
    other = Store(store.path).submit(response(monthly, role="marketing"), monthly)
    mine = store.submit(response(monthly), monthly, read=snapshot)
    assert sorted(r.role for r in store.load().responses) == ["marketing", "sales"]
    assert store.load().response(monthly.id, "2026-11", "marketing") == other
    assert not mine.amended_after_reveal  # a first submission, not an amendment


def test_a_submission_made_since_the_snapshot_is_still_refused(
    store: Store, monthly: Survey
) -> None:
    snapshot = store.load(to_write=True)
    Store(store.path).submit(response(monthly), monthly)
    before = store.path.read_bytes()
    with pytest.raises(AlreadySubmittedError, match="use --amend"):
        store.submit(response(monthly), monthly, read=snapshot)
    assert store.path.read_bytes() == before


def test_an_amendment_on_the_snapshot_moves_the_revision_to_history(
    store: Store, monthly: Survey
) -> None:
    first = store.submit(response(monthly), monthly)
    store.submit(response(monthly, role="marketing"), monthly)
    second = store.submit(response(monthly), monthly, amend=True, read=store.load(to_write=True))
    assert (second.revision, second.amended_after_reveal) == (2, True)
    assert store.load().revisions(monthly.id, "2026-11", "sales") == [first, second]


def test_a_new_record_takes_the_largest_id_plus_one(store: Store, monthly: Survey) -> None:
    store.submit(response(monthly, period="2026-09"), monthly)
    store.submit(response(monthly, period="2026-10"), monthly)
    data = json.loads(store.path.read_bytes())
    del data["responses"]["1"]  # a gap: the next id is 3, as TinyDB numbers them, never 2
    store.path.write_bytes(store_format.encode(data))
    store.submit(response(monthly), monthly, read=store.load(to_write=True))
    data = json.loads(store.path.read_bytes())
    assert list(data["responses"]) == ["2", "3"]
    assert data["responses"]["3"]["period"] == "2026-11"

"""The database file on disk: files not ours are refused untouched, older schemas migrate,
a one-shot read freezes what it parsed."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest

from gtm_pulse.core.models import Draft, Survey, Team
from gtm_pulse.errors import DatabaseError
from gtm_pulse.store import format as store_module
from gtm_pulse.store.database import Store
from gtm_pulse.store.format import SCHEMA_VERSION
from tests.store.responses import response

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


def test_only_a_one_shot_read_freezes_what_the_collector_sees(store: Store) -> None:
    # gc.freeze keeps every live object from the collector for good: right for a command that
    # exits after printing, a leak of cycles for the TUI that reloads on every change.
    frozen = gc.get_freeze_count()
    store.load()
    assert gc.get_freeze_count() == frozen and gc.isenabled()
    store.load(one_shot=True)
    assert gc.get_freeze_count() > frozen and gc.isenabled()

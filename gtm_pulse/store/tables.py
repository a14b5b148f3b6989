"""The tables of a database as read, looked up and changed in place: what a submit needs.

TinyDB answers each query by building a ``Document`` for every record of the table it asks
(measured on 100,000 responses: ~0.1 s a query, and a submit made several) and rewrites the
whole table on each insert or removal. Inside the locked write of a submit, these few plain
lookups go through the records once instead. They keep TinyDB's file layout exactly: record
ids are the table's largest plus one, and a table a write touches is in the file afterwards,
if empty.
"""

from __future__ import annotations

from typing import Any

from gtm_pulse.core.models import DEFAULT_TEAM
from gtm_pulse.store.format import TEAM, Data, team_of


def table(tables: Data, name: str) -> dict[str, dict[str, Any]]:
    """The table ``name`` of ``tables``, made (empty) if the file has none yet, as TinyDB
    makes a table it writes to."""
    return tables.setdefault(name, {})


def insert(tables: Data, name: str, doc: dict[str, Any]) -> str:
    """Add ``doc`` to the table ``name`` under the next free record id (TinyDB's: the largest
    id there plus one); returns that id."""
    records = table(tables, name)
    doc_id = str(max(map(int, records), default=0) + 1)
    records[doc_id] = doc
    return doc_id


def has_team(tables: Data, team: str) -> bool:
    """Whether ``tables`` hold the team record of ``team`` (one without an id is the default
    team's)."""
    return any(doc.get("id", DEFAULT_TEAM) == team for doc in tables.get(TEAM, {}).values())


def responses_of(
    tables: Data, name: str, team: str, survey_id: str, period: str
) -> dict[str, tuple[str, dict[str, Any]]]:
    """Role -> (record id, record) of the first record of ``team`` in the table ``name`` for
    ``survey_id`` and ``period``, every role in one pass over the table (the first found, as a
    TinyDB ``get`` returns it)."""
    found: dict[str, tuple[str, dict[str, Any]]] = {}
    for doc_id, doc in tables.get(name, {}).items():
        if doc.get("period") == period and doc.get("survey_id") == survey_id:
            role = doc.get("role")
            if isinstance(role, str) and role not in found and team_of(doc) == team:
                found[role] = (doc_id, doc)
    return found


def remove_where(tables: Data, name: str, team: str, key: tuple[str, str, str]) -> None:
    """Remove every record of ``team`` in the table ``name`` for ``key`` (survey, period,
    role); the table is in the file afterwards, as TinyDB leaves it."""
    records = table(tables, name)
    gone = [
        doc_id
        for doc_id, doc in records.items()
        if team_of(doc) == team
        and (doc.get("survey_id"), doc.get("period"), doc.get("role")) == key
    ]
    for doc_id in gone:
        del records[doc_id]

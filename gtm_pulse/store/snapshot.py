"""The read side of the store: one team's records as the database held them at one moment.

Apart from the writes because reading takes no lock (each write replaces the file atomically,
so a reader always sees a whole one) and most commands only read: they parse the file once and
answer from this snapshot, which never changes after. A record of another shape than gtm-pulse
wrote is one line pointing at ``db check``, never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from gtm_pulse.core.models import DEFAULT_TEAM, Commitment, Draft, Metric, Response, Team
from gtm_pulse.errors import DatabaseError, TeamError
from gtm_pulse.store.format import (
    COMMITMENTS,
    DRAFTS,
    HISTORY,
    KEYS,
    METRICS,
    OVERRIDES,
    RESPONSES,
    SURVEYS,
    TEAM,
    Data,
    drafts_advice,
    drafts_path,
    read_drafts,
    team_ids,
)

#: What reading a record that does not have the shape gtm-pulse wrote can raise.
SHAPE_ERRORS = (KeyError, TypeError, ValueError, AttributeError)


def bad_record(kind: str, doc_id: str, where: Path) -> DatabaseError:
    """The one line for a stored record of another shape: which, and where to look closer."""
    return DatabaseError(
        f"the database {where} holds a bad {kind} (record #{doc_id}); 'gtm-pulse db check' "
        "says what is wrong with it"
    )


def plain_team(team: Team) -> Team:
    """``team``, if its company and every role and name are text; else ``TypeError``.

    Checked on reading, before any write: a name that is a number would otherwise be stored
    in a response and only then fail to print, so a retry would say "already submitted".
    """
    texts = [team.company, team.id, *team.members, *team.members.values()]
    if not all(isinstance(text, str) for text in texts):
        raise TypeError("a team's company, roles and names are text")
    return team


def commitment_number(doc: dict[str, Any], doc_id: str, where: Path) -> int:
    """A stored commitment's number, or :func:`bad_record` when it is not an integer."""
    number = doc.get("number")
    if type(number) is not int:
        raise bad_record("commitment", doc_id, where)
    return number


def record(model: Any, doc: Any, kind: str, doc_id: str, where: Path) -> Any:
    """``model.from_json(doc)``; a record of another shape is the one-line error of
    :func:`bad_record`, not a traceback."""
    try:
        return model.from_json(doc)
    except SHAPE_ERRORS:
        raise bad_record(kind, doc_id, where) from None


@dataclass
class Snapshot:
    """One team's view of the database as read at one moment, parsed on demand.

    Commands read the file once and answer from this snapshot; it never changes after reading,
    except one handed to ``Repository.submit(read=...)``, which writes on its tables.
    Only the records of ``team_id`` are seen; survey definitions are shared by every team.
    """

    path: Path
    tables: Data = field(repr=False)
    team_id: str = DEFAULT_TEAM
    raw: bytes | None = field(default=None, repr=False, compare=False)
    """The bytes the tables were parsed from, kept for a write that follows (see
    ``Store.load(to_write=True)``); None otherwise."""

    def _docs(self, table: str) -> dict[str, dict[str, Any]]:
        """The records of ``table`` that belong to this snapshot's team, by record id."""
        team = self.team_id
        records = self.tables.get(table, {}).items()
        return {k: d for k, d in records if d.get("team", DEFAULT_TEAM) == team}

    @cached_property
    def team(self) -> Team | None:
        for doc_id, doc in self.tables.get(TEAM, {}).items():
            if doc.get("id", DEFAULT_TEAM) == self.team_id:
                try:
                    return plain_team(Team.from_json(doc))
                except SHAPE_ERRORS:
                    raise bad_record("team", doc_id, self.path) from None
        return None

    def team_ids(self) -> list[str]:
        """The ids of every team the database holds (not only this snapshot's), sorted."""
        return team_ids(self.tables)

    def require_team(self) -> Team:
        """The team, or a :class:`TeamError` saying what to do."""
        if self.team is not None:
            return self.team
        others = team_ids(self.tables)
        if not others:
            raise TeamError(f"no team in {self.path} yet: run 'gtm-pulse init' first")
        raise TeamError(
            f"no team {self.team_id!r} in {self.path} (teams: {', '.join(others)}); "
            f"choose one with --team, or add it with 'gtm-pulse --team {self.team_id} init'"
        )

    def _parse(self, docs: dict[str, dict[str, Any]], model: type[Any], kind: str) -> list[Any]:
        """Every record as ``model``: a plain conversion of what was validated on the way in;
        a record of another shape is a one-line error pointing at ``db check``."""
        return [record(model, doc, kind, doc_id, self.path) for doc_id, doc in docs.items()]

    @cached_property
    def responses(self) -> list[Response]:
        """The current revision of every submitted response."""
        return self._parse(self._docs(RESPONSES), Response, "response")

    @cached_property
    def history(self) -> list[Response]:
        """Earlier revisions that an amendment replaced, oldest first."""
        return self._parse(self._docs(HISTORY), Response, "response revision")

    @cached_property
    def keys(self) -> dict[str, list[tuple[str, str]]]:
        """Role -> its registered public signing keys, each with when it was registered."""
        found: dict[str, list[tuple[str, str]]] = {}
        for doc_id, doc in self._docs(KEYS).items():
            try:
                found.setdefault(doc["role"], []).append((doc["public"], doc["since"]))
            except SHAPE_ERRORS:
                raise bad_record("signing key", doc_id, self.path) from None
        return found

    @cached_property
    def drafts(self) -> list[Draft]:
        """Unfinished responses: the drafts file's, and any a database from before kept inside.

        Read on first use: the commands that only compare never open the drafts file.
        """
        side = drafts_path(self.path)
        found = self._parse(self._docs(DRAFTS), Draft, "draft")
        tables = read_drafts(side)
        if tables is not None:
            newer = []
            for doc_id, doc in Snapshot(side, tables, self.team_id)._docs(DRAFTS).items():
                try:
                    newer.append(Draft.from_json(doc))
                except SHAPE_ERRORS:
                    raise DatabaseError(
                        f"the drafts file {side} holds a bad draft (record #{doc_id})"
                        + drafts_advice(side)
                    ) from None
            keys = {d.key for d in newer}
            found = [*newer, *(d for d in found if d.key not in keys)]
        return found

    def response(self, survey_id: str, period: str, role: str) -> Response | None:
        return next((r for r in self.responses if r.key == (survey_id, period, role)), None)

    def responses_for(self, survey_id: str, period: str | None = None) -> list[Response]:
        return [
            r for r in self.responses
            if r.survey_id == survey_id and (period is None or r.period == period)
        ]  # fmt: skip

    def revisions(self, survey_id: str, period: str, role: str) -> list[Response]:
        """Every revision of one response, oldest first, the current one last."""
        key = (survey_id, period, role)
        current = self.response(*key)
        earlier = sorted((r for r in self.history if r.key == key), key=lambda r: r.revision)
        return [*earlier, *([current] if current else [])]

    def draft(self, survey_id: str, period: str, role: str) -> Draft | None:
        return next((d for d in self.drafts if d.key == (survey_id, period, role)), None)

    @cached_property
    def commitments(self) -> list[Commitment]:
        """Every commitment, open or done, by number."""
        docs = self._docs(COMMITMENTS)
        for doc_id, doc in docs.items():
            commitment_number(doc, doc_id, self.path)  # a number sorts: no "3" among 1 and 2
        found = self._parse(docs, Commitment, "commitment")
        return sorted(found, key=lambda c: c.number)

    def commitment(self, number: int) -> Commitment | None:
        return next((c for c in self.commitments if c.number == number), None)

    @cached_property
    def metrics(self) -> dict[str, Metric]:
        """The team's metrics by id, in the order they were defined, with their values."""
        found = self._parse(self._docs(METRICS), Metric, "metric")
        return {metric.id: metric for metric in found}

    def overrides(self) -> dict[str, dict[str, Any]]:
        """The CEO's overrides that opened answers early (see ``Store.record_override``), by
        record id, as recorded: :mod:`gtm_pulse.services.comparing` reads them."""
        return self._docs(OVERRIDES)

    @cached_property
    def recorded_surveys(self) -> dict[tuple[str, int], dict[str, Any]]:
        """The survey definitions responses were given against, as first recorded."""
        recorded = {}
        for doc_id, doc in self.tables.get(SURVEYS, {}).items():
            try:
                recorded[(doc["id"], doc["version"])] = doc["definition"]
            except SHAPE_ERRORS:  # a missing field, or an id that is a list (unhashable)
                raise bad_record("survey definition", doc_id, self.path) from None
        return recorded

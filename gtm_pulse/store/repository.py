"""The write side of the store: every change to a team's records, each in one locked transaction.

Apart from the reads because each write re-reads what is stored *under the lock* (see
:mod:`gtm_pulse.store.transaction`) and decides there: a second submission, a conflicting
import or an unknown commitment is refused before anything is written. The store only stores:
the rules a record must follow (a commitment's dates, say) are checked by its callers.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB

from gtm_pulse.core import roles
from gtm_pulse.core.models import (
    DEFAULT_TEAM,
    Commitment,
    Draft,
    Metric,
    Response,
    Survey,
    Team,
    now,
    to_json,
)
from gtm_pulse.core.periods import Period
from gtm_pulse.errors import (
    AlreadySubmittedError,
    AnswerError,
    CommitmentError,
    DatabaseError,
    ImportConflictError,
    MetricError,
    SurveyError,
    TeamError,
)
from gtm_pulse.store import tables as tables_of
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
    read_database,
    team_of,
)
from gtm_pulse.store.snapshot import Snapshot, commitment_number, record
from gtm_pulse.store.transaction import Transactions


class Repository(Transactions):
    """One team's records in the database at ``path``, changed one transaction at a time."""

    def __init__(
        self,
        path: Path | str,
        *,
        team: str | None = None,
        salts: Callable[[], str] | None = None,
        keys: Path | None = None,
        key_secrets: Callable[[], bytes] | None = None,
    ) -> None:
        super().__init__(path, team=team)
        self.salts = salts
        """Where seals get their salt: random; the demo passes a seeded source to be repeatable."""
        self.keys = keys
        """This laptop's private signing keys (default: gtm_pulse.store.signing.keys_dir())."""
        self.key_secrets = key_secrets
        """Where new keys get their secret: random; the demo passes a seeded source."""

    def init(self, team: Team, *, replace: bool = False) -> None:
        """Add ``team`` to the database (created if new); ``replace`` changes a team of that id.

        Responses are kept either way.
        """
        with self._transaction(create=True) as (db, _):
            table = db.table(TEAM)
            existing = table.get(_team_query(team.id))
            if existing is not None and not replace:
                company = existing.get("company", "?")
                raise TeamError(
                    f"{self.path} already has a team {team.id!r} ({company}); use "
                    "'gtm-pulse init --force' to replace it (responses are kept)"
                )
            if existing is not None:
                table.remove(doc_ids=[existing.doc_id])
            table.insert(to_json(team))

    def _require_team(self, db: TinyDB, team: str) -> None:
        if not db.table(TEAM).get(_team_query(team)):
            raise TeamError(f"no team in {self.path} yet: run 'gtm-pulse init' first")

    def submit(
        self,
        response: Response,
        survey: Survey,
        *,
        amend: bool = False,
        read: Snapshot | None = None,
    ) -> Response:
        """Store ``response`` as the one submission for its (survey, period, role).

        A second submission is refused unless ``amend``; an amendment moves the previous
        revision into history and stores this one with the next revision number, marked
        ``amended_after_reveal`` when the other VP had submitted too (their answers were
        visible). The response is sealed, the matching draft removed and the survey definition
        recorded (see :meth:`_record_survey`). Text holding a lone surrogate (see
        :func:`gtm_pulse.core.sealing.lone_surrogate`) is refused with :class:`AnswerError`.

        ``read``: the snapshot the response was built from, loaded with ``to_write`` (the
        ``submit`` command's): under the lock, when the file still holds the very bytes it
        was read from, its tables are written on instead of parsing the file again. It is
        handed over: its tables change, so it must not be read after.
        """
        from gtm_pulse.core.sealing import lone_surrogate, sealed  # hashing: only writers pay it

        unreadable = lone_surrogate(to_json(response))
        if unreadable:  # UTF-8 has no bytes for it: it could be neither sealed nor exported
            raise AnswerError(
                [
                    f"{unreadable[0]} holds a lone surrogate ({unreadable[1]}), half of a "
                    "character pair and not text: remove it"
                ],
                source=f"{response.survey_id} {response.period} {response.role}",
            )
        with self._locked():
            self._remove_stale_temp_files()
            with self._open(self.path, read=read) as (db, team):
                tables = db.storage.read() or {}
                if not tables_of.has_team(tables, team):
                    raise TeamError(f"no team in {self.path} yet: run 'gtm-pulse init' first")
                self._record_survey(db, survey)
                survey_id, period, role = response.key
                stored = tables_of.responses_of(tables, RESPONSES, team, survey_id, period)
                previous = stored.get(role)
                if previous is not None:
                    prev = _stored(Response, *previous, "response", self.path)
                    if not amend:
                        raise AlreadySubmittedError.of(role, survey_id, period, prev.revision)
                    # The next revision's submitted_at says when this one was superseded.
                    del tables[RESPONSES][previous[0]]
                    tables_of.insert(tables, HISTORY, previous[1])
                    revealed = all(other in stored for other in roles.CORE_PAIR if other != role)
                    response = replace(
                        response, revision=prev.revision + 1, amended_after_reveal=revealed
                    )
                salt = self.salts() if self.salts else None
                response = sealed(response, salt)  # it covers the revision and the mark
                response = self._signed(
                    db, team, response, prev if previous is not None else None
                )  # last: it covers the seal
                tables_of.insert(tables, RESPONSES, {**to_json(response), "team": team})
                # A draft kept inside by a database from before the drafts file.
                tables_of.remove_where(tables, DRAFTS, team, response.key)
                db.storage.write(tables)
            # The response is committed: a drafts file that cannot be read or written now must
            # not turn that into a failure. The draft left behind is harmless (an amendment
            # would start from it), and reading the damaged file says it can be deleted.
            with contextlib.suppress(DatabaseError):
                self._drop_draft(team, response.survey_id, response.period, response.role)
        return response

    def _signed(
        self, db: TinyDB, team: str, response: Response, previous: Response | None
    ) -> Response:
        """``response`` signed with this laptop's key for its role (made and registered on
        first use), chained to the revision it replaces."""
        from gtm_pulse.store import signing

        folder = self.keys or signing.keys_dir()
        table = db.table(KEYS)
        mine = Query().team == team
        registered = [doc["public"] for doc in table.search(mine & (Query().role == response.role))]
        member = f"{team}.{response.role}"
        public, new = signing.key_for(folder, registered, member, self.key_secrets)
        if new:
            table.insert(
                {"team": team, "role": response.role, "public": public, "since": now().isoformat()}
            )
        prev = (
            signing.record_hash(previous)
            if previous is not None and previous.signature is not None
            else None
        )
        return signing.sign(response, folder, public, prev)

    def _record_survey(self, db: TinyDB, survey: Survey) -> None:
        """Keep the definition a response was given against, so it stays checkable later.

        The same id and version with different content means a survey file was edited without
        bumping its version: refused, since old answers would silently change meaning.
        """
        table = db.table(SURVEYS)
        definition = to_json(survey)
        found = table.get((Query().id == survey.id) & (Query().version == survey.version))
        if found is None:
            table.insert({"id": survey.id, "version": survey.version, "definition": definition})
        elif not _same_survey(found.get("definition"), survey):
            raise SurveyError(
                f"survey {survey.id}",
                [
                    f"version {survey.version} differs from the copy recorded in {self.path} "
                    "when it was first answered; give the changed survey a new version number"
                ],
            )

    def save_draft(self, draft: Draft) -> None:
        """Autosave an unfinished response (one draft per survey, period and role).

        Only the small drafts file is rewritten: the cost stays flat as the database grows.
        """
        with self._locked():
            team = self.team or self._team_id(read_database(self.path))
            self._remove_stale_temp_files()
            with self._open(self.drafts_path, create=True) as (db, _):
                key = _key_query(team, draft.survey_id, draft.period, draft.role)
                db.table(DRAFTS).upsert({**to_json(draft), "team": team}, key)

    def discard_draft(self, survey_id: str, period: str, role: str) -> bool:
        """Remove a draft; returns whether there was one."""
        with self._locked():
            tables = read_database(self.path)
            team = self._team_id(tables)
            found = self._drop_draft(team, survey_id, period, role)
            key = (team, survey_id, period, role)
            kept_inside = [  # by a database from before the drafts file
                doc
                for doc in tables.get(DRAFTS, {}).values()
                if (team_of(doc), doc.get("survey_id"), doc.get("period"), doc.get("role")) == key
            ]
            if kept_inside:
                with self._open(self.path) as (db, _):
                    db.table(DRAFTS).remove(_key_query(*key))
        return found or bool(kept_inside)

    def _drop_draft(self, team: str, survey_id: str, period: str, role: str) -> bool:
        """Remove a draft from the drafts file (the lock held); whether there was one."""
        if not self.drafts_path.exists():
            return False
        with self._open(self.drafts_path) as (db, _):
            return bool(db.table(DRAFTS).remove(_key_query(team, survey_id, period, role)))

    def add_commitment(
        self,
        text: str,
        owner: str,
        due: Period,
        agreed_in: Period | None = None,
        *,
        check: Callable[[Commitment], None] | None = None,
    ) -> Commitment:
        """Record a commitment with the team's next free number; the owner must be on the team.

        ``check``: the caller's rules for it (its dates: see
        :func:`gtm_pulse.core.commitments.check_dates`), run once it is numbered and checked
        as input, before anything is written; the store only stores.
        """
        with self._transaction() as (db, team):
            found = db.table(TEAM).get(_team_query(team))
            if found is None:
                raise TeamError(f"no team in {self.path} yet: run 'gtm-pulse init' first")
            roles_known = found.get("members", {})
            if owner not in roles_known:
                known = ", ".join(roles_known)
                raise TeamError(f"owner {owner!r} is not a role of this team (roles: {known})")
            table = db.table(COMMITMENTS)
            mine = table.search(_mine(team))
            numbers = [commitment_number(doc, str(doc.doc_id), self.path) for doc in mine]
            number = max(numbers, default=0) + 1
            commitment = _new_commitment(number, text, owner, due, agreed_in)
            if check is not None:
                check(commitment)
            table.insert({**to_json(commitment), "team": team})
        return commitment

    def set_commitment_done(self, number: int, *, done: bool = True) -> Commitment:
        """Mark commitment ``number`` done (or open again); :class:`CommitmentError` if unknown."""
        with self._transaction() as (db, team):
            table = db.table(COMMITMENTS)
            mine = {
                doc.doc_id: _from_doc(Commitment, doc, "commitment", self.path)
                for doc in table.search(_mine(team))
            }
            found = next((i for i, c in mine.items() if c.number == number), None)
            if found is None:
                numbers = ", ".join(f"#{c.number}" for c in mine.values()) or "none yet"
                raise CommitmentError(f"no commitment #{number} (commitments: {numbers})")
            updated: Commitment = replace(mine[found], done_at=now() if done else None)
            table.update({**to_json(updated), "team": team}, doc_ids=[found])
        return updated

    def record_override(self, record: dict[str, Any]) -> bool:
        """Record that a CEO's override opened answers early (``record``: survey, period, roles,
        date and which override; see ``comparing.Override``), unless the same one already is;
        whether it was written. Its own locked transaction, on a freshly opened database."""
        with self._transaction() as (db, team):
            self._require_team(db, team)
            table = db.table(OVERRIDES)
            doc = {**record, "team": team}
            if any(dict(found) == doc for found in table.search(_mine(team))):
                return False
            table.insert(doc)
        return True

    def define_metric(self, metric: Metric) -> Metric:
        """Add the metric, or change its name, unit and direction (its values are kept)."""
        with self._transaction() as (db, team):
            self._require_team(db, team)
            table = db.table(METRICS)
            found = table.get(_mine(team) & (Query().id == metric.id))
            if found is None:
                table.insert({**to_json(metric), "team": team})
                return metric
            stored = _from_doc(Metric, found, "metric", self.path)
            kept = replace(metric, values=stored.values)
            table.update({**to_json(kept), "team": team}, doc_ids=[found.doc_id])
            return kept

    def set_metric_values(self, period: Period, values: dict[str, float]) -> list[Metric]:
        """Record ``values`` (metric id -> value) for ``period``, all or nothing.

        Every id must name a metric already defined: a typo must not start a new metric.
        """
        with self._transaction() as (db, team):
            table = db.table(METRICS)
            mine = {doc["id"]: doc for doc in table.search(_mine(team))}
            unknown = [metric_id for metric_id in values if metric_id not in mine]
            if unknown:
                known = ", ".join(mine) or "none yet"
                raise MetricError(
                    f"unknown metric {unknown[0]!r} (defined: {known}); add it with "
                    f"'gtm-pulse metrics define {unknown[0]} --name ...'"
                )
            updated = []
            for metric_id, value in values.items():
                doc = mine[metric_id]
                metric = _from_doc(Metric, doc, "metric", self.path)
                metric = replace(metric, values={**metric.values, period: value})
                table.update({**to_json(metric), "team": team}, doc_ids=[doc.doc_id])
                updated.append(metric)
        return updated

    def import_responses(
        self,
        responses: list[Response],
        surveys: list[Survey],
        keys: Sequence[tuple[str, str, str]] = (),
        *,
        mark_late: bool = True,
    ) -> list[Response]:
        """Write ``responses`` (already checked) in one transaction; returns those written.

        Under the lock each is checked again against what is stored now (see
        :func:`gtm_pulse.store.bundles.import_verdict`): the same content is skipped
        (importing twice changes nothing), a later revision replaces the current one, which
        moves to history exactly as an amendment does, and any conflict refuses the whole
        import: nothing is written. An
        amendment arriving once this database holds both VPs' answers for its period is marked
        ``late_arrival`` (its author's laptop may never have held the other side). ``keys``:
        (role, public key, since) first seen in the bundles, registered. ``mark_late=False``
        (``sync``): no ``late_arrival`` mark, since a sealed revision's author could not have
        read the other side before its own laptop held it, which its signed
        ``amended_after_reveal`` says already.
        """
        from gtm_pulse.store.bundles import import_verdict  # hashing: only imports pay it

        written = []
        with self._transaction() as (db, team):
            self._require_team(db, team)
            table = db.table(RESPONSES)
            for role, public, since in keys:
                db.table(KEYS).insert(
                    {"team": team, "role": role, "public": public, "since": since}
                )
            for response in responses:
                key = _key_query(team, *response.key)
                found = table.get(key)
                current = earlier = None
                if found is not None:
                    current = _from_doc(Response, found, "response", self.path)
                    earlier = [
                        _from_doc(Response, doc, "response revision", self.path)
                        for doc in db.table(HISTORY).search(key)
                    ]
                try:
                    verdict = import_verdict(response, current, earlier or [], self.path)
                except ImportConflictError as error:
                    raise ImportConflictError(
                        f"{' '.join(response.key)}: {error}; nothing was imported"
                    ) from None
                if verdict == "same":
                    continue
                if found is not None:  # as Store.submit(amend=True) does
                    both = all(
                        table.get(_key_query(team, response.survey_id, response.period, role))
                        for role in roles.CORE_PAIR
                    )
                    if mark_late and both and not response.amended_after_reveal:
                        response = replace(response, late_arrival=True)
                    db.table(HISTORY).insert(dict(found))
                    table.remove(doc_ids=[found.doc_id])
                table.insert({**to_json(response), "team": team})
                written.append(response)
            if written:
                for survey in surveys:
                    self._record_survey(db, survey)
        return written


def _stored(model: Any, doc_id: str, doc: Any, kind: str, where: Path) -> Any:
    """:func:`record` for a record found in the tables as read."""
    return record(model, doc, kind, doc_id, where)


def _from_doc(model: Any, doc: Any, kind: str, where: Path) -> Any:
    """:func:`record` for a TinyDB document, which knows its own id."""
    return record(model, doc, kind, str(doc.doc_id), where)


def _new_commitment(
    number: int, text: str, owner: str, due: str, agreed_in: str | None
) -> Commitment:
    """A commitment checked like any input (text not blank, periods well formed)."""
    from gtm_pulse.core import schema
    from gtm_pulse.core.pydantic_errors import first_error
    from gtm_pulse.core.schema import ValidationError  # input is checked here (the edge)

    data = {"number": number, "text": text, "owner": owner, "due": due, "agreed_in": agreed_in}
    try:
        commitment: Commitment = schema.validated(schema.Commitment, data)
    except ValidationError as error:
        field, message = first_error(error)
        raise CommitmentError(f"commitment {field}: {message}") from None
    return commitment


def _same_survey(recorded: Any, survey: Survey) -> bool:
    """Whether a recorded definition means what ``survey`` means.

    Compared as surveys, not as JSON: a definition recorded before a field existed (say
    ``predict``) holds no such key and still equals the same file read today.
    """
    try:
        return Survey.from_json(recorded) == survey
    except (KeyError, TypeError, ValueError):
        return False


def _mine(team: str) -> Any:
    """The records of ``team`` (records from before teams belong to the default team)."""
    doc = Query()
    return (doc.team == team) | ~doc.team.exists() if team == DEFAULT_TEAM else doc.team == team


def _team_query(team: str) -> Any:
    if team == DEFAULT_TEAM:
        return (Query().id == team) | ~Query().id.exists()
    return Query().id == team


def _key_query(team: str, survey_id: str, period: str, role: str) -> Any:
    doc = Query()
    return _mine(team) & (doc.survey_id == survey_id) & (doc.period == period) & (doc.role == role)

"""``gtm-pulse db check``: is every record in a database file what gtm-pulse wrote?

Beyond what opening the file checks (JSON, a gtm-pulse schema), each record is parsed on its
own, so one bad record is named instead of hiding the rest: the team, every response and earlier
revision (valid against the survey version it answered, its seal intact, one per survey, period
and role), every draft and commitment. Also what
:mod:`gtm_pulse.store.bundles` checks before import.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gtm_pulse.core import predictions, schema
from gtm_pulse.core.answers import COMMENTS_KEY, check_answers
from gtm_pulse.core.models import DEFAULT_TEAM, Response, Survey, Team
from gtm_pulse.core.pydantic_errors import first_error
from gtm_pulse.core.schema import ValidationError
from gtm_pulse.core.sealing import seal_holds
from gtm_pulse.core.surveys import Catalog, parse_survey
from gtm_pulse.errors import DatabaseError, PulseError
from gtm_pulse.store.format import Data, Records, read_database_bytes, read_drafts_records, team_of


@dataclass
class Checked:
    """What a check found: how many records of each kind, and one line per problem."""

    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_database(path: Path, catalog: Catalog, *, one_shot: bool = False) -> Checked:
    """Check every record of the database at ``path`` (every team's, and the drafts file);
    opening a file may raise (one line). ``one_shot``: the process ends soon after (see
    :func:`~gtm_pulse.store.format.read_database`).

    The file is read and parsed once, and each survey definition the responses answered is
    parsed and validated once, however many responses answered it.
    """
    collecting = gc.isenabled()
    gc.disable()  # a record or two per stored one, and no cycle among them: see format._parse
    try:
        return _checked(path, catalog, *read_database_bytes(path, one_shot=one_shot))
    finally:
        if collecting:
            gc.enable()


def _checked(path: Path, catalog: Catalog, raw: bytes, tables: Data) -> Checked:
    records = Records.of(tables)
    found = Checked()
    found.problems += duplicate_keys(path, raw, tables)
    teams = {
        team_id: team
        for team_id, team in _many(records.teams, schema.Team, "team", found, own_id=True)
    }
    recorded = {
        (doc.get("id"), doc.get("version")): doc.get("definition")
        for doc in records.surveys.values()
    }
    stored: dict[int, dict[str, Any]] = {}  # id(response) -> its JSON, when stored as is
    current = _many(records.responses, schema.Response, "response", found, stored)
    found.problems += [
        f"response {' '.join(key[1:])} (team {key[0]}): stored {times} times (one is allowed)"
        for key, times in _repeated((team_id, *r.key) for team_id, r in current)
    ]
    earlier = _many(records.history, schema.Response, "earlier revision", found, stored)
    known: dict[tuple[str, int], Survey | None] = {}
    for team_id, response in [*current, *earlier]:
        if team_id not in teams:
            found.problems.append(
                f"response {' '.join(response.key)}: its team {team_id!r} is not in the database"
            )
            continue
        found.problems += response_problems(
            response, catalog, recorded, teams[team_id], known, stored.get(id(response))
        )
    found.problems += signature_problems(records, [*current, *earlier], stored)
    found.problems += override_problems(records)
    drafts = _many(records.drafts, schema.Draft, "draft", found)
    try:
        side = read_drafts_records(path)
    except DatabaseError as error:  # a problem like any other: the database itself may be fine
        found.problems.append(str(error))
    else:
        if side is not None:
            drafts += _many(side.drafts, schema.Draft, "draft", found)
    found.counts["draft"] = len(drafts)
    commitments = _many(records.commitments, schema.Commitment, "commitment", found)
    found.problems += [
        f"commitment #{n} (team {team_id}): numbered twice"
        for (team_id, n), _ in _repeated((team_id, c.number) for team_id, c in commitments)
    ]
    metrics = _many(records.metrics, schema.Metric, "metric", found)
    found.problems += [
        f"metric {metric_id} (team {team_id}): defined twice"
        for (team_id, metric_id), _ in _repeated((team_id, m.id) for team_id, m in metrics)
    ]
    return found


def duplicate_keys(path: Path, raw: bytes, tables: Data) -> list[str]:
    """A line per key an object of the file holds twice: reading keeps only the last one, so
    the next write would drop the others without a word (a hand edit gone wrong).

    ``raw`` is the file's bytes and ``tables`` what they parsed to. A file that is exactly
    what gtm-pulse writes for ``tables`` holds no key twice (one more key would be one more
    pair in the bytes): that comparison costs a tenth of reading the file again, key by key,
    which only a file written otherwise (by hand, by an older gtm-pulse) still needs.
    """
    import json

    if written_as_parsed(raw, tables):
        return []
    repeated: Counter[str] = Counter()

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        seen = Counter(key for key, _ in items)
        repeated.update({key: n - 1 for key, n in seen.items() if n > 1})
        return dict(items)

    collecting = gc.isenabled()
    gc.disable()  # millions of new objects and no cycle among them: see format._parse
    try:
        json.loads(raw, object_pairs_hook=pairs)
    except (ValueError, RecursionError):  # read_database already said what is wrong
        return []
    finally:
        if collecting:
            gc.enable()
    return [
        f"{path}: the key {key!r} is written {n + 1} times in one object; reading keeps only "
        "the last, so the next write would drop the others"
        for key, n in sorted(repeated.items())
    ]


def written_as_parsed(raw: bytes, tables: Data) -> bool:
    """Whether ``raw`` is byte for byte what :func:`~gtm_pulse.store.format.encode` writes
    for ``tables``: compared record by record, without a second copy of the file in memory."""
    import orjson

    position = 0

    def follows(piece: bytes) -> bool:
        nonlocal position
        if not raw.startswith(piece, position):
            return False
        position += len(piece)
        return True

    try:
        if not follows(b"{"):
            return False
        for t, (name, table) in enumerate(tables.items()):
            if not follows(b"," * (t > 0) + orjson.dumps(name) + b":{"):
                return False
            for d, (doc_id, doc) in enumerate(table.items()):
                if not follows(b"," * (d > 0) + orjson.dumps(doc_id) + b":" + orjson.dumps(doc)):
                    return False
            if not follows(b"}"):
                return False
    except TypeError:  # orjson refuses it (a lone surrogate...): the file was written otherwise
        return False
    return follows(b"}") and position == len(raw)


def override_problems(records: Records) -> list[str]:
    """A line per override record (a CEO's --partial or export --role) of another shape: the
    reports read them to say a period was opened early, and would refuse the database."""
    from gtm_pulse.core.seal_rule import Override

    problems = []
    for doc_id, doc in records.overrides.items():
        try:
            override = Override.from_json(doc)
            dt.date.fromisoformat(override.date)
            if not all(
                isinstance(v, str) for v in (override.survey_id, override.period, override.by)
            ):
                raise TypeError
        except (KeyError, TypeError, ValueError, AttributeError):
            problems.append(f"override #{doc_id}: not a record of a CEO's override")
    return problems


def registered_keys(records: Records) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """(team, role) -> the registered public keys, each with when it was registered."""
    found: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for doc in records.keys.values():
        if isinstance(doc, dict) and all(isinstance(doc.get(k), str) for k in ("public", "since")):
            team, role = str(doc.get("team", DEFAULT_TEAM)), str(doc.get("role"))
            found.setdefault((team, role), []).append((doc["public"], doc["since"]))
    return found


def signature_problems(
    stored: Records,
    records: list[tuple[str, Response]],
    as_json: dict[int, dict[str, Any]] | None = None,
) -> list[str]:
    """What the signatures say: each must hold under a key registered for its role, a record
    made after its role had a key must be signed, and each response's revisions must follow
    one another (none missing, none replaced). ``as_json``: id(response) -> its JSON, for the
    records the caller holds it of (see :func:`response_problems`)."""
    from gtm_pulse.store.signing import chain_problems

    keys = registered_keys(stored)
    problems = []
    chains: dict[tuple[str, ...], list[Response]] = {}
    for team_id, response in records:
        data = as_json.get(id(response)) if as_json else None
        problems += record_problems(response, keys.get((team_id, response.role), []), data)
        chains.setdefault((team_id, *response.key), []).append(response)
    for (_, *key), revisions in sorted(chains.items()):
        problems += chain_problems(revisions, f"response {' '.join(key)}")
    return problems


def record_problems(
    response: Response, keys: list[tuple[str, str]], data: dict[str, Any] | None = None
) -> list[str]:
    """What is wrong with one record's signature, given its role's registered keys (``data``:
    the record's JSON, when the caller holds it)."""
    from gtm_pulse.store.signing import signature_holds

    name = f"response {' '.join(response.key)} (revision {response.revision})"
    signature = response.signature
    if signature is None:
        since = min((dt.datetime.fromisoformat(when) for _, when in keys), default=None)
        if since is not None and response.submitted_at >= since:
            return [
                f"{name}: not signed, though {response.role} signs every record since "
                f"{since:%Y-%m-%d} (its signature was stripped)"
            ]
        return []
    if signature.key not in {public for public, _ in keys}:
        return [f"{name}: signed by a key this database does not know for {response.role}"]
    if not signature_holds(response, data):
        return [f"{name}: its signature does not hold (changed after it was signed)"]
    return []


def _repeated(keys: Iterable[tuple[Any, ...]]) -> list[tuple[tuple[Any, ...], int]]:
    """The keys seen more than once, sorted, with how many times each (one Counter pass)."""
    return [(key, times) for key, times in sorted(Counter(keys).items()) if times > 1]


def response_problems(
    response: Response,
    catalog: Catalog,
    recorded: dict[tuple[Any, Any], Any],
    team: Team | None,
    known: dict[tuple[str, int], Survey | None] | None = None,
    data: dict[str, Any] | None = None,
) -> list[str]:
    """What is wrong with one response: its survey, its answers, its role, its seal.

    ``known``: the surveys already found, by id and version, to look each up once (parsing a
    definition costs more than checking a response against it); filled as they are found.
    ``data``: the response's JSON (``to_json`` of it) when the caller holds it: the seal is
    checked on it rather than on the response written out again.
    """
    name = f"response {response.survey_id} {response.period} {response.role}"
    if response.revision > 1:
        name += f" (revision {response.revision})"
    which = (response.survey_id, response.survey_version)
    if known is not None and which in known:
        survey = known[which]
    else:
        survey = survey_definition(*which, catalog, recorded)
        if known is not None:
            known[which] = survey
    if survey is None:
        return [f"{name}: survey {response.survey_id} version {response.survey_version} is unknown"]
    problems = []
    try:
        check_answers(survey, {**response.answers, COMMENTS_KEY: response.comments}, source=name)
    except PulseError as error:
        problems += error.lines()
    if team is not None and response.role not in team.respondent_roles:
        problems.append(f"{name}: role {response.role!r} is not a respondent of the team")
    problems += predictions.problems(survey, response.role, response.predictions, name)
    if not seal_holds(response, data):
        problems.append(f"{name}: its answers no longer match its seal (changed after submitting)")
    return problems


def survey_definition(
    survey_id: str, version: int, catalog: Catalog, recorded: dict[tuple[Any, Any], Any]
) -> Survey | None:
    """The survey a response answered: as recorded in the database, else from the catalog."""
    definition = recorded.get((survey_id, version))
    if definition is not None:
        try:
            return parse_survey(definition, f"survey {survey_id} v{version} (recorded)")
        except PulseError:
            return None
    try:
        return catalog.get(survey_id, version)
    except PulseError:
        return None


def _many(
    docs: dict[str, dict[str, Any]],
    model: type,
    kind: str,
    found: Checked,
    stored: dict[int, dict[str, Any]] | None = None,
    *,
    own_id: bool = False,
) -> list[tuple[str, Any]]:
    """Every record of ``docs`` checked against ``model``: (its team, the record) pairs.

    A team record's team is its own ``id`` (``own_id``); every other record names its team in
    ``team``. ``stored``: filled with id(record) -> its JSON for each record stored exactly as
    gtm-pulse writes it (see :func:`gtm_pulse.core.schema.validated_as_stored`).
    """
    parsed: list[tuple[str, Any]] = []
    for doc_id, doc in docs.items():
        record = {key: value for key, value in doc.items() if key != "team"}
        team_id = doc.get("id", DEFAULT_TEAM) if own_id else team_of(doc)
        if not isinstance(team_id, str):  # sorted and counted below: a list or a number breaks it
            found.problems.append(f"{kind} #{doc_id}: team: {team_id!r} is not a team id")
            continue
        try:
            checked, as_stored = schema.validated_as_stored(model, record)  # type: Any, bool
        except ValidationError as error:
            where, message = first_error(error)
            found.problems.append(f"{kind} #{doc_id}: {where or 'record'}: {message}")
            continue
        parsed.append((team_id, checked))
        if as_stored and stored is not None:
            stored[id(checked)] = record
    found.counts[kind] = len(parsed)
    return parsed

"""Bundles: responses that travel between laptops as one checked file, no server needed.

A bundle is JSON: a format name and version, a payload (the team, the survey id and version,
the responses) and the SHA-256 of the payload's canonical form. Import checks everything before
writing anything: the file, the checksum, the team, each response against its survey version,
its seal, its role and respondent in this team, and any conflict with what the database holds.
A later revision of a stored response (an amendment made on another laptop) replaces it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from gtm_pulse.core import roles
from gtm_pulse.core.models import DEFAULT_TEAM, Response, Survey, now, to_json
from gtm_pulse.core.periods import current_if_future
from gtm_pulse.core.sealing import canonical, canonical_json, lone_surrogate
from gtm_pulse.errors import BundleError, ImportConflictError
from gtm_pulse.store.files import parse_json
from gtm_pulse.store.snapshot import Snapshot

if TYPE_CHECKING:
    from gtm_pulse.core.seal_rule import Opening
    from gtm_pulse.core.surveys import Catalog

FORMAT = "gtm-pulse-bundle"
FORMAT_VERSION = 1

#: A bundle bigger than this is refused before it is read: years of a team's pulses fit in a
#: few MB, and a 100 MB file is an accident or an attack, not a bundle.
MAX_BYTES = 32 * 1024 * 1024


def _submitted(snapshot: Snapshot, survey: Survey) -> dict[str, set[str]]:
    """Period -> the roles that submitted ``survey`` for it."""
    by_period: dict[str, set[str]] = {}
    for response in snapshot.responses_for(survey.id):
        by_period.setdefault(response.period, set()).add(response.role)
    return by_period


def sealed_periods(snapshot: Snapshot, survey: Survey) -> list[str]:
    """The periods of ``survey`` that some but not all of the core pair have submitted.

    Their answers are sealed: an export of every role leaves them out (a VP carries their own
    with ``--role``), so no bundle reveals one side before the other has answered.
    """
    by_period = _submitted(snapshot, survey)
    return sorted(p for p, done in by_period.items() if not set(roles.CORE_PAIR) <= done)


def exported(
    snapshot: Snapshot, survey: Survey, period: str | None, role: str | None
) -> list[Response]:
    """The responses an export writes: of ``period`` and ``role`` if given, oldest first.

    Without ``role``, only those the sealing rule lets show
    (:func:`gtm_pulse.core.seal_rule.may_show`): nothing of a period before both VPs submitted
    it. With ``role``, that role's every response: the override :func:`openings` describes.
    """
    from gtm_pulse.core.seal_rule import may_show

    submitted = _submitted(snapshot, survey)
    chosen = [
        r
        for r in snapshot.responses_for(survey.id, period)
        if r.role == role or (role is None and may_show(r.role, submitted[r.period]))
    ]
    return sorted(chosen, key=lambda r: (r.period, r.role))


def openings(
    snapshot: Snapshot, survey: Survey, period: str | None, role: str, today: str
) -> list[Opening]:
    """What ``export --role ROLE`` opens early: one :class:`~gtm_pulse.core.seal_rule.Opening`
    per period of its responses the sealing rule still holds, dated ``today``."""
    from gtm_pulse.core.seal_rule import Opening, Override, may_show

    submitted = _submitted(snapshot, survey)
    found = []
    for response in exported(snapshot, survey, period, role):
        done = submitted[response.period]
        if may_show(role, done):
            continue
        waiting = tuple(r for r in dict.fromkeys([*roles.CORE_PAIR, role]) if r not in done)
        override = Override(survey.id, response.period, (role,), today, "export --role")
        found.append(Opening(override, waiting))
    return found


def make_bundle(
    snapshot: Snapshot, survey: Survey, period: str | None, role: str | None
) -> dict[str, Any]:
    """The bundle of ``survey``'s responses (of ``period`` and ``role`` if given).

    Without ``role``, answers still sealed are left out (see :func:`exported`).
    """
    chosen = exported(snapshot, survey, period, role)
    version = max((r.survey_version for r in chosen), default=survey.version)
    payload = {
        "exported_at": now().isoformat(),
        "team": snapshot.team_id,
        "survey": {"id": survey.id, "version": version},
        "period": period,
        "role": role,
        "responses": to_json(chosen),
    }
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "payload": payload,
        "sha256": hashlib.sha256(canonical_json(payload)).hexdigest(),
    }


@dataclass
class Bundle:
    """A bundle file read and checked on its own (not yet against a database)."""

    path: Path
    team: str
    """The id of the team it was exported from (bundles from before teams: the default team)."""
    responses: list[Response]


def read_bundle(path: Path) -> Bundle:
    """Read and check one bundle file; :class:`BundleError` names the file and the problem."""
    # Validation imports pydantic (~110 ms with the models): only import pays it, not export.
    from gtm_pulse.core import schema
    from gtm_pulse.core.pydantic_errors import first_error
    from gtm_pulse.core.schema import ValidationError

    where = f"the bundle {path}"
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise BundleError(
                f"{where} is {size / 1e6:.0f} MB; a bundle is at most {MAX_BYTES // 2**20} MiB"
            )
        raw = path.read_bytes()
    except OSError as error:
        raise BundleError(f"cannot read {where}: {error.strerror}") from None
    data = parse_json(raw, where, BundleError)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BundleError(f'{where} is not a gtm-pulse bundle (no "format": "{FORMAT}")')
    if data.get("format_version") != FORMAT_VERSION:
        raise BundleError(
            f"{where} has format version {data.get('format_version')!r}; this gtm-pulse reads "
            f"version {FORMAT_VERSION} (upgrade gtm-pulse if the bundle is newer)"
        )
    payload = data.get("payload")
    if hashlib.sha256(canonical_json(payload)).hexdigest() != data.get("sha256"):
        raise BundleError(
            f"{where}: the checksum does not match its content (changed or damaged on the way)"
        )
    unreadable = lone_surrogate(payload)
    if unreadable:
        raise BundleError(
            f"{where}: {unreadable[0]} holds a lone surrogate ({unreadable[1]}), half of a "
            "character pair and not text; it cannot be imported"
        )
    records = payload.get("responses") if isinstance(payload, dict) else None
    if not isinstance(records, list):
        raise BundleError(f'{where}: the payload has no "responses" list')
    team = payload.get("team", DEFAULT_TEAM)  # type: ignore[union-attr]  # a dict: checked above
    if not isinstance(team, str):
        raise BundleError(f"{where}: the payload's team is {team!r}, not a team id")
    responses = []
    for index, record in enumerate(records):
        try:
            response = schema.validated(schema.Response, record)
        except ValidationError as error:
            field_path, message = first_error(error)
            raise BundleError(f"{where}: responses[{index}].{field_path}: {message}") from None
        # Nobody can have answered a period that has not begun: a wrong clock, or a forgery.
        if (current := current_if_future(response.period)) is not None:
            raise BundleError(
                f"{where}: responses[{index}].period: {response.period} is in the future (the "
                f"current period is {current}); nothing was imported"
            )
        responses.append(response)
    return Bundle(path, team, responses)


@dataclass
class ImportPlan:
    """What importing some bundles into a database would do."""

    add: list[Response] = field(default_factory=list)
    amend: list[Response] = field(default_factory=list)
    """Later revisions of stored responses: each replaces the stored one, kept in history."""
    same: list[Response] = field(default_factory=list)
    surveys: list[Survey] = field(default_factory=list)
    """The survey versions the added and amended responses answered (recorded with them)."""
    keys: list[tuple[str, str, str]] = field(default_factory=list)
    """(role, public key, since) first seen in these bundles for a role with no key here yet
    (or with --trust-new-keys); since: when the first record signed with it was submitted."""


def _signature_problems(
    snapshot: Snapshot,
    response: Response,
    first_seen: list[tuple[str, str, str]],
    trust_new_keys: bool = False,
) -> list[str]:
    """What is wrong with an incoming response's signature, against this database's keys.

    A role with no key here trusts the first key it sees (added to ``first_seen``, registered
    on import); from then on a record must be signed by a key registered for its role, hold,
    and follow the revision stored here. Refusing a key a role does not have keeps someone
    who edits a bundle from signing another member's answers with a key of their own.
    """
    from gtm_pulse.store.integrity import record_problems
    from gtm_pulse.store.signing import record_hash

    role, signature = response.role, response.signature
    keys = list(snapshot.keys.get(role, []))
    keys += [(public, since) for r, public, since in first_seen if r == role]
    known = {public for public, _ in keys}
    if signature is not None and signature.key not in known and (not keys or trust_new_keys):
        # Signing began no later than this record: an unsigned one from then on was stripped.
        since = response.submitted_at.isoformat()
        first_seen.append((role, signature.key, since))
        keys.append((signature.key, since))
    problems = record_problems(response, keys)
    if problems and signature is not None and signature.key not in known and keys:
        return [
            f"{problems[0]} (another laptop of the member? 'import --trust-new-keys' accepts it)"
        ]
    current = snapshot.response(*response.key)
    if (
        not problems
        and current is not None
        and current.signature is not None
        and signature is not None
        and response.revision == current.revision + 1
        and signature.prev != record_hash(current)
    ):
        problems.append(
            f"response {' '.join(response.key)} (revision {response.revision}): does not follow "
            f"the revision {current.revision} stored here"
        )
    return problems


def plan_import(
    snapshot: Snapshot,
    catalog: Catalog,
    bundles: list[Bundle],
    *,
    trust_new_keys: bool = False,
) -> ImportPlan:
    """Check every response of ``bundles`` against ``snapshot``; refuse all on any problem.

    Each bundle must come from this team, and each response from the team's member in its
    role. A response already stored (in any revision) is "same": importing twice changes
    nothing. A later revision of a stored one from the same respondent is an amendment; an
    earlier one, another respondent's, or a different one of the same revision is refused (see
    :func:`import_verdict`), and so are two different ones for the same key
    across the bundles. Raises :class:`BundleError`.
    """
    from gtm_pulse.store.integrity import response_problems, survey_definition  # imports pydantic

    team = snapshot.require_team()
    plan = ImportPlan()
    planned: dict[tuple[str, str, str], tuple[Response, Path]] = {}
    for bundle in bundles:
        if bundle.team != snapshot.team_id:
            raise BundleError(
                f"{bundle.path} holds team {bundle.team!r}'s responses, not team "
                f"{snapshot.team_id!r}'s: choose its team with --team; nothing was imported"
            )
        for response in bundle.responses:
            key = response.key
            where = f"{bundle.path}: {' '.join(key)}"
            survey = survey_definition(
                response.survey_id, response.survey_version, catalog, snapshot.recorded_surveys
            )
            if survey is None:
                raise BundleError(
                    f"{where}: survey {response.survey_id} version {response.survey_version} is "
                    "unknown here (upgrade gtm-pulse, or add the survey file)"
                )
            problems = response_problems(response, catalog, snapshot.recorded_surveys, team)
            if problems:
                raise BundleError(f"{bundle.path}: {problems[0]}")
            member = team.members[response.role]  # a respondent role: checked just above
            if response.respondent != member:
                raise BundleError(
                    f"{where}: answered by {response.respondent!r}, but this team's "
                    f"{response.role} is {member!r}; nothing was imported"
                )
            if key in planned:
                first, source = planned[key]
                if canonical(first) != canonical(response):
                    raise BundleError(f"{where}: differs from the response in {source}")
                continue
            planned[key] = (response, bundle.path)
            current = snapshot.response(*key)
            earlier = [r for r in snapshot.history if r.key == key]
            try:
                verdict = import_verdict(response, current, earlier, snapshot.path)
            except ImportConflictError as error:
                raise ImportConflictError(f"{where}: {error}") from None
            if verdict == "same":
                plan.same.append(response)
                continue
            if verdict == "amend" and current and response.revision > current.revision + 1:
                raise BundleError(
                    f"{where}: revision {response.revision} skips revision "
                    f"{current.revision + 1} (this database holds revision {current.revision}): "
                    "import each revision's bundle in turn; nothing was imported"
                )
            # After the conflicts: a response that conflicts is refused for that, first.
            signed = _signature_problems(snapshot, response, plan.keys, trust_new_keys)
            if signed:
                raise BundleError(f"{bundle.path}: {signed[0]}")
            (plan.add if verdict == "add" else plan.amend).append(response)
            if survey.key not in {s.key for s in plan.surveys}:
                plan.surveys.append(survey)
    return plan


def import_verdict(
    incoming: Response, current: Response | None, earlier: list[Response], where: Path
) -> Literal["add", "amend", "same"]:
    """What importing ``incoming`` does, given the stored ``current`` revision of its survey,
    period and role and the ``earlier`` ones in history.

    "add" when none is stored; "same" when a stored revision has the same content (importing
    twice changes nothing, even once a later amendment has arrived); "amend" for a strictly
    later revision from the same respondent: an amendment made on another laptop. Anything
    else is refused with :class:`ImportConflictError` saying why: an earlier revision, another
    respondent's answers, or different answers under the same revision number.
    """
    if current is None:
        return "add"
    content = canonical(incoming)
    if any(canonical(stored) == content for stored in [current, *earlier]):
        return "same"
    if incoming.respondent != current.respondent:
        raise ImportConflictError(
            f"{where} holds this response from {current.respondent!r}, not {incoming.respondent!r}"
        )
    if incoming.revision > current.revision:
        return "amend"
    if incoming.revision < current.revision:
        raise ImportConflictError(
            f"{where} already holds revision {current.revision}, later than this revision "
            f"{incoming.revision}"
        )
    raise ImportConflictError(
        f"{where} already holds a different revision {current.revision} (submitted "
        f"{current.submitted_at:%Y-%m-%d}): it was amended apart on two laptops; the "
        "respondent amends the one to keep and exports it again"
    )

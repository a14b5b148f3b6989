"""``gtm-pulse db check``: is every record in a database file what gtm-pulse wrote?

Beyond what opening the file checks (JSON, a gtm-pulse schema), each record is parsed on its
own, so one bad record is named instead of hiding the rest: the team, every response and earlier
revision (valid against the survey version it answered, its seal intact, one per survey, period
and role), every draft and commitment. Also what :mod:`gtm_pulse.bundles` checks before import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from gtm_pulse import schema
from gtm_pulse.answers import COMMENTS_KEY, check_answers
from gtm_pulse.errors import PulseError
from gtm_pulse.models import Response, Survey, Team
from gtm_pulse.sealing import seal_holds
from gtm_pulse.store import COMMITMENTS, DRAFTS, HISTORY, RESPONSES, SURVEYS, TEAM, read_database
from gtm_pulse.surveys import Catalog, parse_survey


@dataclass
class Checked:
    """What a check found: how many records of each kind, and one line per problem."""

    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_database(path: Path, catalog: Catalog) -> Checked:
    """Check every record of the database at ``path``; opening it may raise (one line)."""
    tables = read_database(path)
    found = Checked()
    teams = _many(tables, TEAM, schema.Team, "team", found)
    team = teams[0] if teams else None
    recorded = {
        (doc.get("id"), doc.get("version")): doc.get("definition")
        for doc in tables.get(SURVEYS, {}).values()
    }
    current = _many(tables, RESPONSES, schema.Response, "response", found)
    keys = [r.key for r in current]
    found.problems += [
        f"response {' '.join(key)}: stored {keys.count(key)} times (one is allowed)"
        for key in sorted(set(keys))
        if keys.count(key) > 1
    ]
    earlier = _many(tables, HISTORY, schema.Response, "earlier revision", found)
    for response in [*current, *earlier]:
        found.problems += response_problems(response, catalog, recorded, team)
    _many(tables, DRAFTS, schema.Draft, "draft", found)
    commitments = _many(tables, COMMITMENTS, schema.Commitment, "commitment", found)
    numbers = [c.number for c in commitments]
    found.problems += [
        f"commitment #{n}: numbered twice" for n in sorted(set(numbers)) if numbers.count(n) > 1
    ]
    return found


def response_problems(
    response: Response,
    catalog: Catalog,
    recorded: dict[tuple[Any, Any], Any],
    team: Team | None,
) -> list[str]:
    """What is wrong with one response: its survey, its answers, its role, its seal."""
    name = f"response {response.survey_id} {response.period} {response.role}"
    if response.revision > 1:
        name += f" (revision {response.revision})"
    survey = survey_definition(response.survey_id, response.survey_version, catalog, recorded)
    if survey is None:
        return [f"{name}: survey {response.survey_id} version {response.survey_version} is unknown"]
    problems = []
    try:
        check_answers(survey, {**response.answers, COMMENTS_KEY: response.comments}, source=name)
    except PulseError as error:
        problems += error.lines()
    if team is not None and response.role not in team.respondent_roles:
        problems.append(f"{name}: role {response.role!r} is not a respondent of the team")
    if not seal_holds(response):
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


def _many(tables: dict, table: str, model: type, kind: str, found: Checked) -> list[Any]:
    parsed = []
    for doc_id, doc in tables.get(table, {}).items():
        try:
            parsed.append(schema.validated(model, doc))
        except ValidationError as error:
            first = error.errors(include_url=False)[0]
            where = ".".join(str(part) for part in first["loc"]) or "record"
            found.problems.append(f"{kind} #{doc_id}: {where}: {first['msg']}")
    found.counts[kind] = len(parsed)
    return parsed

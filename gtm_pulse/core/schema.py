"""Validation of everything that comes from outside: survey files, teams, answers, bundles.

The one module that imports pydantic (an import-linter contract in ``pyproject.toml`` says so).
The records of :mod:`gtm_pulse.core.models` carry their own constraints; :func:`validated`
hands a record's class to pydantic's ``TypeAdapter``, which applies them, and returns the
record. Only the commands that take input import this module (pydantic costs ~65 ms to
import and build; see :mod:`gtm_pulse.core.models`).
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError
from pydantic_core import InitErrorDetails

from gtm_pulse.core.models import (
    DEFAULT_TEAM,
    Commitment,
    Draft,
    FollowUp,
    Metric,
    Record,
    Response,
    Seal,
    Signature,
    Survey,
    Team,
    to_json,
)
from gtm_pulse.core.pydantic_errors import first_error
from gtm_pulse.errors import TeamError

__all__ = [
    "Commitment",
    "Draft",
    "FollowUp",
    "Metric",
    "Response",
    "Seal",
    "Signature",
    "Survey",
    "Team",
    "ValidationError",
    "checked_team",
    "validated",
    "validated_as_stored",
]

R = TypeVar("R", bound=Record)

#: pydantic words a dataclass's problems unlike a model's; users (and the tests) read a model's.
_AS_A_MODEL = {"unexpected_keyword_argument": "extra_forbidden", "dataclass_type": "model_type"}


_ADAPTERS: dict[type, TypeAdapter[Any]] = {}


def _adapter(record: type[Record]) -> TypeAdapter[Any]:
    """pydantic's validator of ``record``, built once (~1-20 ms a class)."""
    if record not in _ADAPTERS:
        _ADAPTERS[record] = TypeAdapter(record)
    return _ADAPTERS[record]


def validated(record: type[R], data: object) -> R:
    """``data`` checked against ``record``'s constraints and rules, as that record.

    Raises pydantic's ``ValidationError``; callers turn it into one line per problem.
    """
    return validated_as_stored(record, data)[0]


def validated_as_stored(record: type[R], data: object) -> tuple[R, bool]:
    """:func:`validated`, and whether ``data`` is already the record's JSON (``to_json`` of
    it, key for key and type for type): then the record is read from ``data`` as a database
    read would, and a caller may use ``data`` wherever it needs that JSON.
    """
    import orjson

    try:
        checked = _adapter(record).validate_python(data)
    except ValidationError as error:
        raise _worded_as_a_model(error) from None
    # Rebuilt as a database read would build it: the same types (a parsed moment's time zone
    # is datetime's UTC, not pydantic's), whichever way a record arrives. When validation
    # changed nothing (a stored record, checked by db check: ~3x faster for a response), that
    # is reading ``data`` itself; orjson tells it, writing 1 apart from true and from 1.0.
    if type(data) is dict:
        try:
            as_stored = orjson.dumps(checked) == orjson.dumps(data)
        except TypeError:  # a value orjson refuses (a lone surrogate...): the long way
            as_stored = False
        if as_stored:
            return record.from_json(data), True
    return record.from_json(to_json(checked)), False


def _worded_as_a_model(error: ValidationError) -> ValidationError:
    """``error`` with the problems that pydantic words differently for a dataclass worded as
    for a model: "Extra inputs are not permitted", not "Unexpected keyword argument"."""
    problems = error.errors(include_url=False)
    if not any(problem["type"] in _AS_A_MODEL for problem in problems):
        return error
    details = []
    for problem in problems:
        detail = InitErrorDetails(
            type=_AS_A_MODEL.get(problem["type"], problem["type"]),
            loc=problem["loc"],
            input=problem["input"],
        )
        if "ctx" in problem:
            detail["ctx"] = problem["ctx"]
        details.append(detail)
    return ValidationError.from_exception_data(error.title, details)


def checked_team(company: str, members: dict[str, str], team_id: str = DEFAULT_TEAM) -> Team:
    """A team checked like any input; :class:`TeamError` ``"<field>: <problem>"`` otherwise.

    The field is ``company`` or the role whose name is wrong, so the CLI can name its option
    and the set-up screen its box.
    """
    try:
        return validated(Team, {"id": team_id, "company": company, "members": members})
    except ValidationError as error:
        where, message = first_error(error)
        field = where.rsplit(".", 1)[-1] or "team"  # members.cro -> cro: the role, as asked
        raise TeamError(f"{field}: {message}") from None

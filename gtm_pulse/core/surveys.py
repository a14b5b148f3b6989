"""Survey definitions: the rules a survey file must keep, and the catalog of known surveys.

Files are read by :mod:`gtm_pulse.store.survey_files`.

A broken file yields one line per problem, each naming the file, the field path and the bad value,
so a survey author can fix them all in one pass.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gtm_pulse.core.models import Survey
from gtm_pulse.errors import SurveyError, UnknownSurveyError

if TYPE_CHECKING:
    from gtm_pulse.core.schema import ValidationError

#: The survey ``take`` and ``submit`` use when none is named.
DEFAULT_SURVEY = "monthly-pulse"


def label_problems(survey: Survey) -> list[str]:
    """A line for each question of a survey file without a short label.

    Required in files (charts and the agenda name statements by it), not in the copies a
    database recorded before labels existed: those borrow the file's labels when read.
    """
    return [
        f"questions[{index}] (id {question.id!r}).label: required field is missing "
        "(a short name, at most 32 characters, for charts and the agenda)"
        for index, question in enumerate(survey.questions)
        if not question.label
    ]


def parse_survey(data: dict[str, Any], source: Path | str) -> Survey:
    """Validate already-parsed survey data (a TOML file, or a copy kept in the database)."""
    from gtm_pulse.core import schema
    from gtm_pulse.core.schema import ValidationError  # input is checked here (the edge)

    try:
        return schema.validated(schema.Survey, data)
    except ValidationError as error:
        raise SurveyError(source, format_validation_error(error, data)) from None
    except RecursionError:
        raise SurveyError(source, ["nested too deeply to be a survey"]) from None


def format_validation_error(error: ValidationError, data: object) -> list[str]:
    """One line per pydantic error: ``field.path: message (got value)``."""
    lines = []
    for item in error.errors(include_url=False):
        location = _path(item["loc"], data)
        message = item["msg"].removeprefix("Value error, ")
        if item["type"] == "missing":
            lines.append(f"{location}: required field is missing")
            continue
        if "\n" in message:  # a survey-level check already names each field
            lines.extend(message.splitlines())
            continue
        shown = "" if item["type"] == "value_error" else f" (got {_short(item['input'])})"
        lines.append(f"{location}: {message}{shown}" if location else f"{message}{shown}")
    return lines


def _path(location: Sequence[int | str], data: object) -> str:
    """``("questions", 3, "reverse")`` -> ``questions[3] (id 'x').reverse``."""
    parts: list[str] = []
    node = data
    for step in location:
        if isinstance(step, int):
            parts[-1:] = [f"{parts[-1] if parts else ''}[{step}]"]
            node = node[step] if isinstance(node, list) and step < len(node) else None
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                parts[-1] += f" (id {node['id']!r})"
        else:
            parts.append(str(step))
            node = node.get(step) if isinstance(node, dict) else None
    return ".".join(parts)


def _short(value: object, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


class Catalog:
    """Every survey available to a command, newest version of each id first."""

    def __init__(self, surveys: Iterable[Survey], sources: dict[tuple[str, int], Path]) -> None:
        self.surveys: tuple[Survey, ...] = tuple(surveys)
        self.sources = sources

    def ids(self) -> list[str]:
        return sorted({survey.id for survey in self.surveys})

    def latest(self) -> list[Survey]:
        """The newest version of each survey id, sorted by id."""
        return [self.get(survey_id) for survey_id in self.ids()]

    def get(self, survey_id: str, version: int | None = None) -> Survey:
        """The survey ``survey_id`` (its newest version unless ``version`` is given)."""
        matches = [s for s in self.surveys if s.id == survey_id]
        if version is not None:
            matches = [s for s in matches if s.version == version]
        if not matches:
            known = ", ".join(self.ids()) or "none"
            wanted = survey_id if version is None else f"{survey_id} version {version}"
            raise UnknownSurveyError(f"unknown survey {wanted!r} (available: {known})")
        return max(matches, key=lambda survey: survey.version)

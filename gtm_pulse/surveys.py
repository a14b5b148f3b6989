"""Load and validate survey definition files (``surveys/*.toml``).

A broken file yields one line per problem, each naming the file, the field path and the bad value,
so a survey author can fix them all in one pass.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gtm_pulse import __version__
from gtm_pulse.errors import OutputError, SurveyError, UnknownSurveyError
from gtm_pulse.models import Survey, to_json

if TYPE_CHECKING:
    from pydantic import ValidationError

#: The survey ``take`` and ``submit`` use when none is named.
DEFAULT_SURVEY = "monthly-pulse"


def shipped_dir() -> Path:
    """Where the shipped surveys are: inside the installed package, or the repo's ``surveys/``.

    The wheel carries the repo-root ``surveys/`` as ``gtm_pulse/surveys/``; an editable install
    or a source checkout reads the repo-root folder itself.
    """
    package = Path(__file__).resolve().parent
    inside = package / "surveys"
    return inside if inside.is_dir() else package.parent / "surveys"


def load_survey_file(path: Path) -> Survey:
    """Load one survey file; raise :class:`SurveyError` listing every problem in it."""
    return _parse_file(_read(path), path)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise SurveyError(path, [f"cannot read: {error.strerror or error}"]) from None


def _parse_file(raw: bytes, path: Path) -> Survey:
    import tomllib

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SurveyError(path, [f"not UTF-8 text (byte {error.start})"]) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SurveyError(path, [f"not valid TOML: {error}"]) from None
    except RecursionError:  # tomllib recurses once per nested array or inline table
        raise SurveyError(path, ["nested too deeply to be a survey"]) from None
    except ValueError:  # an integer of over 4,300 digits (sys.get_int_max_str_digits)
        raise SurveyError(path, ["holds a number too long to be read"]) from None
    survey = parse_survey(data, path)
    if problems := label_problems(survey):
        raise SurveyError(path, problems)
    return survey


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
    from pydantic import ValidationError  # input is checked here: see gtm_pulse.models

    from gtm_pulse import schema

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


def load_catalog(folders: Iterable[Path] | None = None) -> Catalog:
    """Load every ``*.toml`` in ``folders`` (default: the shipped surveys).

    Raises :class:`SurveyError` for the first broken file; two files with the same id and
    version are an error too, since responses name their survey by that pair. A file whose
    exact bytes were validated before is read from :class:`ValidatedSurveys` instead.
    """
    surveys: list[Survey] = []
    sources: dict[tuple[str, int], Path] = {}
    known = ValidatedSurveys()
    for folder in folders if folders is not None else [shipped_dir()]:
        for path in sorted(folder.glob("*.toml")):
            survey = known.survey(_read(path), path)
            if survey.key in sources:
                raise SurveyError(
                    path,
                    [
                        f"id {survey.id!r} version {survey.version} is also defined in "
                        f"{sources[survey.key]}"
                    ],
                )
            sources[survey.key] = path
            surveys.append(survey)
    known.save()
    return Catalog(tuple(surveys), sources)


class ValidatedSurveys:
    """Survey files validated before, by the SHA-256 of their bytes, in the user's cache folder.

    Validating the two shipped surveys with pydantic costs ~60 ms (importing it, building the
    models), more than a whole ``compare``: a file is validated once per content and per
    gtm-pulse version, then read back as plain data. Editing a file changes its hash, so it is
    validated again. The cache is best effort: unreadable or unwritable, it is ignored.
    """

    LIMIT = 64
    """At most this many files are remembered (the most recent)."""

    def __init__(self) -> None:
        self.path = _cache_path()
        self.entries: dict[str, Any] = {}
        self.changed = False
        try:
            import json

            data = json.loads(self.path.read_bytes())
            if data.get("gtm_pulse") == __version__:
                self.entries = dict(data.get("surveys", {}))
        except Exception:  # best effort: any damage just means validating again
            self.entries = {}

    def survey(self, raw: bytes, path: Path) -> Survey:
        """The survey in ``raw`` (the bytes of ``path``): remembered, or validated now."""
        import hashlib

        digest = hashlib.sha256(raw).hexdigest()
        if digest in self.entries:
            # Best effort: an entry damaged in any way (the cache is a file anyone can edit)
            # raises whatever its shape makes from_json raise; it is validated again instead.
            with contextlib.suppress(Exception):
                return Survey.from_json(self.entries[digest])
        survey = _parse_file(raw, path)
        self.entries[digest] = to_json(survey)
        self.changed = True
        return survey

    def save(self) -> None:
        if not self.changed:
            return
        import json

        from gtm_pulse.files import atomic_write

        kept = dict(list(self.entries.items())[-self.LIMIT :])
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            atomic_write(
                self.path, json.dumps({"gtm_pulse": __version__, "surveys": kept}).encode()
            )
        except (OSError, OutputError):  # a cache: not written this time, validated again next
            pass


def _cache_path() -> Path:
    from platformdirs import user_cache_path

    return user_cache_path("gtm-pulse", appauthor=False) / "validated-surveys.json"


class LazyCatalog(Catalog):
    """The catalog, read and validated the first time anything asks for a survey.

    Commands that find what they need in the database (compare reads the definitions it
    recorded) never pay for parsing TOML and validating it with pydantic.
    """

    def __init__(self, folders: Iterable[Path] | None = None) -> None:
        self._folders = folders

    @cached_property
    def _loaded(self) -> Catalog:
        return load_catalog(self._folders)

    @property
    def surveys(self) -> tuple[Survey, ...]:  # type: ignore[override]
        return self._loaded.surveys

    @property
    def sources(self) -> dict[tuple[str, int], Path]:  # type: ignore[override]
        return self._loaded.sources

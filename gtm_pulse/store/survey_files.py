"""Survey definition files (``surveys/*.toml``) on disk: read, parsed, validated once per content.

The rules a survey must keep live in :mod:`gtm_pulse.core.surveys`; this module reads the files
(and a cache of the ones already validated, in the user's cache folder) and hands their data to
those rules.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path
from typing import Any

from gtm_pulse import __version__
from gtm_pulse.core.models import Survey, to_json
from gtm_pulse.core.surveys import Catalog, label_problems, parse_survey
from gtm_pulse.errors import OutputError, SurveyError


def shipped_dir() -> Path:
    """Where the shipped surveys are: inside the installed package, or the repo's ``surveys/``.

    The wheel carries the repo-root ``surveys/`` as ``gtm_pulse/surveys/``; an editable install
    or a source checkout reads the repo-root folder itself.
    """
    package = Path(__file__).resolve().parent.parent
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
        try:  # CPython's built-in SHA-256: hashlib starts OpenSSL first (~2.3 ms, status's)
            from _sha256 import sha256  # type: ignore[import-not-found, unused-ignore]
        except ImportError:  # pragma: no cover - another Python (3.12 names it _sha2)
            from hashlib import sha256

        digest = sha256(raw).hexdigest()
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

        from gtm_pulse.store.files import atomic_write

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

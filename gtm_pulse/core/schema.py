"""Validation of everything that comes from outside: survey files, teams, answers, bundles.

pydantic models, one per record of :mod:`gtm_pulse.core.models`, with every rule a record must keep;
:func:`validated` checks data and returns the plain record. Survey models forbid unknown keys
so that a typo in a survey file is an error, not a silent default. Only the commands that take
input import this module (pydantic costs ~65 ms to import and build; see :mod:`.models`).
"""

from __future__ import annotations

import datetime as dt
import string
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictInt,
    StrictStr,
    StringConstraints,
    field_validator,
    model_validator,
)

from gtm_pulse.core import models, roles
from gtm_pulse.core.models import (
    DEFAULT_TEAM,
    NAME_MAX,
    PLACEHOLDERS,
    RESERVED_PREFIXES,
    TEXT_MAX,
    FollowUpStatus,
    new_id,
    now,
)
from gtm_pulse.core.periods import Cadence, parse_period
from gtm_pulse.core.pydantic_errors import first_error
from gtm_pulse.errors import PeriodError, TeamError


def _iso_text(value: object) -> object:
    """A stored moment is ISO 8601 text: pydantic would read the number 5 as a Unix time,
    where every command reading the record refuses it (``db check`` must refuse it too)."""
    if isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str):
        raise ValueError(f"expected an ISO 8601 date and time, got {value!r}")
    return value


#: A moment as records store it: ISO 8601 text with its time zone, e.g. 2026-11-24T09:30:00+00:00.
Moment = Annotated[dt.datetime, BeforeValidator(_iso_text)]

#: The longest a question's short label may be: it must fit a chart's label column at 80 columns.
LABEL_MAX = 32

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)]
RoleId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]{0,31}$")]
QuestionKind = Literal["likert", "single", "multi", "text"]


def _check_period(value: str) -> str:
    try:
        return str(parse_period(value))
    except PeriodError as error:  # pydantic reports ValueError with the field's location
        raise ValueError(str(error)) from None


PeriodStr = Annotated[str, AfterValidator(_check_period)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=NAME_MAX)]
Text = Annotated[str, StringConstraints(max_length=TEXT_MAX)]

#: One answer as stored: likert -> int, single -> option id, text -> str,
#: multi -> {option id: severity or None}.
Answer = StrictInt | StrictStr | dict[StrictStr, StrictStr | None]


def _short_text(text: str, limit: int = 40) -> str:
    """``text`` cut to ``limit`` characters for a message."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


class _Definition(BaseModel):
    """A part of a survey file: immutable, unknown keys are errors, and types are strict:
    ``points = "5"`` or ``version = true`` is a mistake to name, not a value to convert."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Scale(_Definition):
    """The agreement scale of likert questions: ``points`` values 1..points, one label each."""

    points: int = Field(ge=2, le=11)
    labels: list[Annotated[str, StringConstraints(min_length=1)]]

    @model_validator(mode="after")
    def _one_label_per_point(self) -> Scale:
        if len(self.labels) != self.points:
            raise ValueError(
                f"scale has {self.points} points but {len(self.labels)} labels; give one per point"
            )
        return self


class Dimension(_Definition):
    """A theme of the survey (e.g. Respect & trust) that groups questions and their gaps."""

    id: Slug
    name: Annotated[str, StringConstraints(min_length=1)]
    description: str = ""
    comment: str | None = None
    """The prompt of the optional free comment on this dimension; None asks no comment."""


class Option(_Definition):
    """A choice of a single or multi question; answers refer to it by ``id``."""

    id: Slug
    label: Annotated[str, StringConstraints(min_length=1)]


class Question(_Definition):
    """One survey item. The same wording is shown to both VPs; see :meth:`Survey.render`."""

    id: Slug
    dimension: Slug
    kind: QuestionKind
    text: Annotated[str, StringConstraints(min_length=1)]
    label: Annotated[str, StringConstraints(max_length=LABEL_MAX)] = ""
    """Required in a survey file (see :func:`gtm_pulse.core.surveys.label_problems`); a definition a
    database recorded before labels existed has none."""
    help: str = ""
    reverse: bool = False
    """Likert only: agreeing means trouble, so the score is flipped before analysis."""
    required: bool | None = None
    """Default: required for likert, single and multi; optional for text."""
    options: list[Option] = []
    severities: list[Annotated[str, StringConstraints(min_length=1)]] = []
    """Multi only: how bad a picked item is, mildest first; the last entry is "severe"."""
    predict: bool = False
    """Likert only: each VP also predicts the other VP's answer."""
    tension: Literal["healthy"] | None = None
    """Likert only: different answers are expected and useful; never flagged, not indexed."""
    metric: Slug | None = None
    """A team metric this item speaks to, shown beside its scores."""

    @field_validator("id")
    @classmethod
    def _not_reserved(cls, value: str) -> str:
        for prefix in RESERVED_PREFIXES:
            if value.startswith(prefix):
                raise ValueError(
                    f"{value!r}: ids starting {prefix!r} are kept for the questions gtm-pulse "
                    "adds (follow-ups, predictions)"
                )
        return value

    @field_validator("label")
    @classmethod
    def _label_is_plain(cls, label: str) -> str:
        if label and (label != label.strip() or not label.isprintable()):
            raise ValueError("a label is one line of printable text, without spaces at its ends")
        return label

    @field_validator("text")
    @classmethod
    def _known_placeholders(cls, text: str) -> str:
        try:
            parts = [
                (field, spec, conversion)
                for _, field, spec, conversion in string.Formatter().parse(text)
                if field is not None
            ]
        except ValueError as error:
            raise ValueError(
                f"bad braces in text ({error}); write a literal brace as {{{{ or }}}}"
            ) from None
        # A format spec or conversion ("{other:>999999999}") would be applied when the text is
        # shown: a width of a billion characters is a survey file that exhausts memory.
        for field, spec, conversion in parts:
            if spec or conversion:
                shown = f"{{{field}{'!' + conversion if conversion else ''}{':' if spec else ''}"
                raise ValueError(
                    f"placeholder {_short_text(shown + (spec or ''))}}}: no format spec or "
                    "conversion "
                    f"is allowed; write {{{field}}}"
                )
        fields = [field for field, _, _ in parts]
        unknown = sorted({field for field in fields if field not in PLACEHOLDERS})
        if unknown:
            known = ", ".join(f"{{{name}}}" for name in sorted(PLACEHOLDERS))
            shown = ", ".join(f"{{{name}}}" for name in unknown)
            raise ValueError(f"unknown placeholder {shown} (known: {known})")
        return text

    @model_validator(mode="after")
    def _fields_fit_kind(self) -> Question:
        problems = []
        likert_only = {"reverse": self.reverse, "predict": self.predict, "tension": self.tension}
        for name, value in likert_only.items():
            if value and self.kind != "likert":
                problems.append(f"{name} is only for likert questions, not {self.kind}")
        if self.kind in ("single", "multi"):
            if len(self.options) < 2:
                problems.append(f"a {self.kind} question needs at least 2 options")
            ids = [option.id for option in self.options]
            duplicates = sorted({i for i in ids if ids.count(i) > 1})
            if duplicates:
                problems.append(f"duplicate option id {', '.join(map(repr, duplicates))}")
        elif self.options:
            problems.append(f"options are only for single and multi questions, not {self.kind}")
        if self.severities and self.kind != "multi":
            problems.append(f"severities are only for multi questions, not {self.kind}")
        if len(set(self.severities)) != len(self.severities):
            problems.append("severities must be distinct")
        if problems:
            raise ValueError("; ".join(problems))
        return self


class Thresholds(_Definition):
    """When compare raises a flag and names a quadrant; a survey file may set its own."""

    gap: float = Field(default=2.0, gt=0)
    """An item is flagged when the two scores differ by at least this many points."""
    low_trust: float = Field(default=2.0, ge=0)
    """A trust item scored at or below this by either side is flagged."""
    trust_dimension: str = "respect"
    """The dimension whose items are trust items."""
    shared_problem: float = Field(default=2.0, ge=0)
    """A statement both sides score at or below this is a shared problem."""
    alignment_drop: float = Field(default=10.0, gt=0)
    """Alignment falling by at least this much since the previous period is flagged."""
    aligned: float = Field(default=75.0, ge=0, le=100)
    """Alignment index at or above which the pair counts as aligned."""
    healthy: float = Field(default=60.0, ge=0, le=100)
    """Health index at or above which things count as healthy."""
    misread: float = Field(default=2.0, gt=0)
    """A prediction this many points or more off the other side's answer is a blind spot."""


class Mirror(_Definition):
    """One question about each VP's function (``about``: role -> question id)."""

    id: Slug
    name: Annotated[str, StringConstraints(min_length=1)]
    about: dict[RoleId, Slug]

    @field_validator("about")
    @classmethod
    def _one_per_side(cls, about: dict[str, str]) -> dict[str, str]:
        if set(about) != set(roles.CORE_PAIR):
            pair = " and ".join(roles.CORE_PAIR)
            raise ValueError(f"name one question about each of {pair}, got {sorted(about)}")
        if len(set(about.values())) != len(about):
            raise ValueError("the two questions must differ")
        return about


class Band(_Definition):
    """One relationship stage and the stage score (20-100 on a 1-5 scale) from which it starts."""

    name: Slug
    starts: float = Field(ge=0, le=100)


class StageRule(_Definition):
    """The statements that place the relationship on stages, and the stages' bands."""

    questions: list[Slug] = Field(min_length=1)
    bands: list[Band] = Field(min_length=2)

    @model_validator(mode="after")
    def _bands_rise(self) -> StageRule:
        starts = [band.starts for band in self.bands]
        if starts != sorted(set(starts)):
            raise ValueError("bands must start at rising scores, lowest stage first")
        names = [band.name for band in self.bands]
        if len(set(names)) != len(names):
            raise ValueError("band names must differ")
        if len(set(self.questions)) != len(self.questions):
            raise ValueError("a statement is listed twice")
        return self


class Survey(_Definition):
    """A survey definition from ``surveys/*.toml``, identified by ``id`` and ``version``."""

    id: Slug
    version: int = Field(ge=1)
    title: Annotated[str, StringConstraints(min_length=1)]
    description: str = ""
    cadence: Cadence
    scale: Scale
    dimensions: list[Dimension] = Field(min_length=1)
    questions: list[Question] = Field(min_length=1)
    thresholds: Thresholds = Thresholds()
    mirrors: list[Mirror] = []
    stage: StageRule | None = None

    @model_validator(mode="after")
    def _references_hold(self) -> Survey:
        # One line per problem, each naming its field path: the loader shows them one per line.
        problems = []
        seen: dict[str, int] = {}
        for index, dimension in enumerate(self.dimensions):
            if dimension.id in seen:
                problems.append(f"dimensions[{index}].id: duplicate dimension id {dimension.id!r}")
            seen.setdefault(dimension.id, index)
        seen = {}
        labels: dict[str, str] = {}
        for index, question in enumerate(self.questions):
            if question.id in seen:
                problems.append(
                    f"questions[{index}].id: duplicate question id {question.id!r} "
                    f"(first at questions[{seen[question.id]}])"
                )
            seen.setdefault(question.id, index)
            if question.label and question.label.casefold() in labels:
                problems.append(
                    f"questions[{index}] (id {question.id!r}).label: {question.label!r} is also "
                    f"the label of {labels[question.label.casefold()]!r}; labels must differ"
                )
            if question.label:
                labels.setdefault(question.label.casefold(), question.id)
            if question.dimension not in {d.id for d in self.dimensions}:
                known = ", ".join(d.id for d in self.dimensions)
                problems.append(
                    f"questions[{index}].dimension: unknown dimension {question.dimension!r} "
                    f"(known: {known})"
                )
        for dimension in self.dimensions:
            if not any(q.dimension == dimension.id for q in self.questions):
                problems.append(f"dimension {dimension.id!r} has no questions")
        kinds = {q.id: q.kind for q in self.questions}
        mirror_ids = [m.id for m in self.mirrors]
        for index, mirror in enumerate(self.mirrors):
            if mirror_ids.index(mirror.id) != index:
                problems.append(f"mirrors[{index}].id: duplicate mirror id {mirror.id!r}")
            for role, question_id in mirror.about.items():
                if kinds.get(question_id) != "likert":
                    problems.append(
                        f"mirrors[{index}] (id {mirror.id!r}).about.{role}: {question_id!r} is "
                        "not a likert question of this survey"
                    )
        if self.stage is not None:
            for index, question_id in enumerate(self.stage.questions):
                staged = next((q for q in self.questions if q.id == question_id), None)
                if staged is None or staged.kind != "likert" or staged.tension:
                    problems.append(
                        f"stage.questions[{index}]: {question_id!r} is not an indexed likert "
                        "statement of this survey"
                    )
            lowest = 100 / self.scale.points
            if self.stage.bands[0].starts > lowest:
                problems.append(
                    f"stage.bands[0].starts: the lowest stage must start at or below {lowest:g}, "
                    "the lowest score"
                )
        if problems:
            raise ValueError("\n".join(problems))
        return self


class Team(BaseModel):
    """The company and who holds each role; ``sales``, ``marketing`` and ``ceo`` are required."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Slug = DEFAULT_TEAM
    company: Name
    members: dict[RoleId, Name]
    """Role -> the person's name, e.g. ``{"sales": "Dana Ortiz"}``."""

    @field_validator("company")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value

    @field_validator("members")
    @classmethod
    def _required_roles_named(cls, members: dict[str, str]) -> dict[str, str]:
        missing = [role for role in roles.REQUIRED_ROLES if role not in members]
        if missing:
            raise ValueError(f"missing role {', '.join(missing)}")
        blank = [role for role, name in members.items() if not name.strip()]
        if blank:
            raise ValueError(f"blank name for {', '.join(blank)}")
        return members


class FollowUp(BaseModel):
    """A VP's answer to "did this commitment happen?", asked in the pulse after it fell due."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    status: FollowUpStatus
    comment: Text = ""


class Commitment(BaseModel):
    """Something the team agreed to do at an offsite, checked by the pulses that follow.

    Open until marked done; every pulse from its ``due`` period on asks both VPs whether it
    happened, so the next offsite sees follow-through next to the trend.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    number: int = Field(ge=1)
    """Shown as ``#3``; ``gtm-pulse actions done 3`` names it."""
    text: Name
    owner: RoleId
    due: PeriodStr
    """The first period whose pulse asks about it (a month, or a quarter's last month)."""
    agreed_in: PeriodStr | None = None
    """The period whose review led to it (the offsite's), if known."""
    created_at: Moment = Field(default_factory=now)
    done_at: Moment | None = None

    @field_validator("text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value


Hex64 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class Seal(BaseModel):
    """A commitment to a response's content: SHA-256 of its canonical form and a random salt.

    Made when the response is stored; anyone can later recompute it (see
    :mod:`gtm_pulse.core.sealing`), so an answer changed afterwards, in the file or in transit,
    no longer matches. The salt keeps the hash from giving the answers away.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    salt: Hex64
    sha256: Hex64


class Signature(BaseModel):
    """An Ed25519 signature over a response, by the public key it names."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    prev: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] | None
    value: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{128}$")]


class Response(BaseModel):
    """One VP's submitted answers to one survey for one period (one revision of it)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(default_factory=new_id)
    survey_id: Slug
    survey_version: int = Field(ge=1)
    role: RoleId
    respondent: Name
    period: PeriodStr
    answers: dict[str, Answer]
    comments: dict[str, Text] = {}
    """Dimension id -> the VP's free comment on it."""
    follow_ups: dict[str, FollowUp] = {}
    """Commitment number -> whether it happened, for the commitments due by ``period``."""
    predictions: dict[str, StrictInt | Literal["n/a"]] = {}
    """Question id -> the answer this VP expects from the other VP."""
    submitted_at: Moment = Field(default_factory=now)
    revision: int = Field(default=1, ge=1)
    """1 for the first submission; each amendment adds one and keeps the previous in history."""
    amended_after_reveal: bool = False
    """An amendment made once both VPs had submitted, i.e. after seeing the other's answers."""
    seal: Seal | None = None
    """Set by the store when the response is submitted (None only in files from before seals)."""
    signature: Signature | None = None
    """The member's Ed25519 signature (see :mod:`gtm_pulse.store.signing`)."""
    late_arrival: bool = False
    """An amendment that reached this database once it held both VPs' answers."""


class Draft(BaseModel):
    """An unfinished response, autosaved after every answer so nothing is lost."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    survey_id: Slug
    survey_version: int = Field(ge=1)
    role: RoleId
    period: PeriodStr
    answers: dict[str, Answer] = {}
    comments: dict[str, Text] = {}
    amending: bool = False
    """True when the draft revises an already submitted response."""
    updated_at: Moment = Field(default_factory=now)


def validated(schema: type[BaseModel], data: object) -> Any:
    """``data`` checked against ``schema``, as the plain record of the same name.

    Raises pydantic's ``ValidationError``; callers turn it into one line per problem.
    """
    plain = schema.model_validate(data).model_dump(mode="json")
    record = getattr(models, schema.__name__)
    build = getattr(record, "from_json", None)
    return build(plain) if build else record(**plain)


def checked_team(company: str, members: dict[str, str], team_id: str = DEFAULT_TEAM) -> models.Team:
    """A team checked like any input; :class:`TeamError` ``"<field>: <problem>"`` otherwise.

    The field is ``company`` or the role whose name is wrong, so the CLI can name its option
    and the set-up screen its box.
    """
    from pydantic import ValidationError

    try:
        return validated(Team, {"id": team_id, "company": company, "members": members})
    except ValidationError as error:
        where, message = first_error(error)
        field = where.rsplit(".", 1)[-1] or "team"  # members.cro -> cro: the role, as asked
        raise TeamError(f"{field}: {message}") from None


class Metric(BaseModel):
    """A number the team tracks each month beside the pulse."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Slug
    name: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    unit: Annotated[str, StringConstraints(max_length=20)] = ""
    better: Literal["higher", "lower"] = "higher"
    values: dict[PeriodStr, float] = {}

"""The records everything shares: surveys, teams, responses, drafts, commitments.

Plain frozen dataclasses, not pydantic models: reading must stay fast. Importing pydantic's
``BaseModel`` costs about 46 ms and building the models about 20 ms more (measured: compare's
floor, ``import click, tinydb, plotext, pydantic``, is 66 ms), so the commands that only read
(compare, trend, export) never touch pydantic. Input from outside (survey files, answers, a
bundle, a record under ``db check``) is validated by :mod:`gtm_pulse.core.schema`, which builds
these records once it passes; the database holds only what was validated on the way in, so its
records are read back with :meth:`from_json`, a plain conversion.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Mapping
from typing import Any, Literal

from gtm_pulse.core import roles
from gtm_pulse.core.periods import Cadence

QuestionKind = Literal["likert", "single", "multi", "text"]
FollowUpStatus = Literal["yes", "partly", "no"]

#: One answer as stored: likert -> int (or :data:`NOT_APPLICABLE`), single -> option id,
#: text -> str, multi -> {option id: severity or None}.
Answer = int | str | dict[str, str | None]

#: The answer to a statement that does not apply this period (blame in a month no number was
#: missed): stored as given, left out of every gap, index and flag, and counted apart.
NOT_APPLICABLE = "n/a"

#: Placeholders a question's text may use; see :func:`gtm_pulse.core.roles.other_side`.
PLACEHOLDERS = frozenset({"other", "own"})

#: Question ids gtm-pulse adds to what a VP is asked: follow-ups on commitments and predictions
#: of the other side's answers. A survey's own question ids may not start with either.
FOLLOW_UP_PREFIX, PREDICTION_PREFIX = "follow-up-", "predict-"
RESERVED_PREFIXES = (FOLLOW_UP_PREFIX, PREDICTION_PREFIX)

#: Seconds a VP needs per question kind: the basis of the "under 4 minutes" promise.
SECONDS_PER_KIND: dict[str, int] = {"likert": 10, "single": 12, "multi": 30, "text": 45}

#: How much each follow-up answer counts towards follow-through: partly is half done.
FOLLOW_UP_CREDIT: dict[str, float] = {"yes": 1.0, "partly": 0.5, "no": 0.0}

#: The team of a database that was never given another name (and of every older file).
DEFAULT_TEAM = "default"

NAME_MAX = 20_000
TEXT_MAX = 100_000


def _fill(text: str, other: str, own: str) -> str:
    """``text`` with ``{other}`` and ``{own}`` filled in; ``{other}'s`` of a name ending in s is
    ``Sales'`` ("Sales's work" reads as a slip in front of the VP of Marketing)."""
    for field, name in (("other", other), ("own", own)):
        if name.endswith("s"):
            text = text.replace(f"{{{field}}}'s", f"{{{field}}}'")
    return text.format(other=other, own=own)


def now() -> dt.datetime:
    """The current moment, in UTC: every timestamp gtm-pulse writes.

    On a frozen day (``GTM_PULSE_TODAY``, for tests and reproducible demos) it is that day at
    the clock's time, so nothing is ever written with a date after "today".
    """
    from gtm_pulse.core.periods import today

    moment = dt.datetime.now(dt.UTC)
    day = today()
    return moment if day == moment.date() else dt.datetime.combine(day, moment.timetz())


def new_id() -> str:
    """A random id for a new response (imported on first use: ~1.5 ms nobody reading needs)."""
    import uuid

    return uuid.uuid4().hex


def to_json(record: Any) -> Any:
    """A record (or anything holding records) as plain JSON values: what the database stores."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_json(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, dt.datetime):
        return record.isoformat()
    if isinstance(record, Mapping):
        return {key: to_json(value) for key, value in record.items()}
    if isinstance(record, list | tuple):
        return [to_json(value) for value in record]
    return record


def _time(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value)


def _shape(data: Mapping[str, Any], **types: type) -> None:
    """TypeError unless each named field present in ``data`` has its type.

    A cheap guard on the fields analysis relies on, for records read back from a database:
    a hand-edited file then fails with a clear error instead of deep inside a chart.
    """
    for name, kind in types.items():
        if name in data and not isinstance(data[name], kind):
            raise TypeError(f"{name} is not {kind.__name__}")


# -- surveys -------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Scale:
    """The agreement scale of likert questions: ``points`` values 1..points, one label each."""

    points: int
    labels: list[str]


@dataclasses.dataclass(frozen=True)
class Dimension:
    """A theme of the survey (e.g. Respect & trust) that groups questions and their gaps."""

    id: str
    name: str
    description: str = ""
    comment: str | None = None
    """The prompt of the optional free comment on this dimension; None asks no comment."""


@dataclasses.dataclass(frozen=True)
class Option:
    """A choice of a single or multi question; answers refer to it by ``id``."""

    id: str
    label: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class Question:
    """One survey item. The same wording is shown to both VPs; see :meth:`Survey.render`."""

    id: str
    dimension: str
    kind: QuestionKind
    text: str
    label: str = dataclasses.field(default="", compare=False)
    """A short name (at most 32 characters) for charts, flags and the agenda, where the whole
    statement does not fit. Presentation only, so it is left out of equality: relabelling a
    question does not change what its answers mean (nor need a new survey version)."""
    help: str = ""
    reverse: bool = False
    """Likert only: agreeing means trouble, so the score is flipped before analysis."""
    required: bool | None = None
    """Default: required for likert, single and multi; optional for text."""
    options: list[Option] = dataclasses.field(default_factory=list)
    severities: list[str] = dataclasses.field(default_factory=list)
    """Multi only: how bad a picked item is, mildest first; the last entry is "severe"."""
    predict: bool = False
    """Likert only: after answering, each VP predicts the other VP's answer."""
    tension: Literal["healthy"] | None = None
    """Likert only: "healthy" when different answers are expected and useful (deals now vs
    brand later): its gap is shown apart, never flagged, and left out of the indices."""
    metric: str | None = None
    """The id of a team metric this item speaks to (shown beside its scores), if any."""

    @property
    def is_required(self) -> bool:
        return self.required if self.required is not None else self.kind != "text"

    def option(self, option_id: str) -> Option | None:
        return next((option for option in self.options if option.id == option_id), None)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Question:
        return cls(
            **{k: v for k, v in data.items() if k not in ("options",)},
            options=[Option(**option) for option in data.get("options", [])],
        )


@dataclasses.dataclass(frozen=True)
class Thresholds:
    """When compare raises a flag and names a quadrant; a survey file may set its own."""

    gap: float = 2.0
    """An item is flagged when the two scores differ by at least this many points."""
    low_trust: float = 2.0
    """A trust item scored at or below this by either side is flagged."""
    trust_dimension: str = "respect"
    """The dimension whose items are trust items."""
    shared_problem: float = 2.0
    """A statement both sides score at or below this (after its direction) is a shared problem:
    they agree things are bad, which the CEO must see as much as a disagreement."""
    alignment_drop: float = 10.0
    """Alignment falling by at least this much since the previous period is flagged."""
    aligned: float = 75.0
    """Alignment index at or above which the pair counts as aligned."""
    healthy: float = 60.0
    """Health index at or above which things count as healthy."""
    misread: float = 2.0
    """A prediction this many points or more off the other side's answer is a blind spot."""


@dataclasses.dataclass(frozen=True)
class Mirror:
    """The same question asked about each function: how each side rates itself and the other.

    ``about`` maps a role to the question about that role's function, e.g. ``{"marketing":
    "frictions-lead-quality", "sales": "frictions-lead-follow-up"}``; both VPs answer both.
    """

    id: str
    name: str
    about: dict[str, str]


@dataclasses.dataclass(frozen=True)
class Band:
    """One relationship stage and the stage score from which it starts."""

    name: str
    starts: float


@dataclasses.dataclass(frozen=True)
class StageRule:
    """How a survey places the relationship on stages (see :mod:`gtm_pulse.core.stages`).

    The stage score of one side is 100 x its mean score over ``questions`` / P (reverse
    statements flipped, n/a left out): 20 to 100 on a 1-5 scale, as a total of twenty 1-5
    answers would be. ``bands`` name the stages from the lowest up.
    """

    questions: list[str]
    bands: list[Band]


@dataclasses.dataclass(frozen=True, kw_only=True)
class Survey:
    """A survey definition from ``surveys/*.toml``, identified by ``id`` and ``version``."""

    id: str
    version: int
    title: str
    description: str = dataclasses.field(default="", compare=False)
    """Words for the VP before the first question: presentation, so left out of equality."""
    cadence: Cadence
    scale: Scale
    dimensions: list[Dimension]
    questions: list[Question]
    thresholds: Thresholds = Thresholds()
    mirrors: list[Mirror] = dataclasses.field(default_factory=list)
    stage: StageRule | None = None
    """How answers place the relationship on stages (undefined ... integrated), if they do."""

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Survey:
        """A survey as validated before (a file that passed, or the copy a database recorded)."""
        return cls(
            id=data["id"],
            version=data["version"],
            title=data["title"],
            description=data.get("description", ""),
            cadence=data["cadence"],
            scale=Scale(**data["scale"]),
            dimensions=[Dimension(**d) for d in data["dimensions"]],
            questions=[Question.from_json(q) for q in data["questions"]],
            thresholds=Thresholds(**data.get("thresholds", {})),
            mirrors=[Mirror(**m) for m in data.get("mirrors", [])],
            stage=_stage(data.get("stage")),
        )

    @property
    def key(self) -> tuple[str, int]:
        return (self.id, self.version)

    @functools.cached_property
    def _by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    def question(self, question_id: str) -> Question | None:
        return self._by_id.get(question_id)

    def label(self, question_id: str) -> str:
        """The question's short label: what charts, flags and the agenda call it.

        A definition recorded before labels existed has none: its id stands in.
        """
        question = self._by_id.get(question_id)
        return (question.label if question else "") or question_id

    def with_labels(self, other: Survey) -> Survey:
        """This survey with the labels ``other`` (the same definition, read from its file) has.

        A database records the definition its responses answered; one recorded before labels
        existed gets them from the survey file of the same id and version, if its meaning is
        the same.
        """
        if other != self:
            return self
        return dataclasses.replace(
            self,
            questions=[
                dataclasses.replace(q, label=q.label or other.label(q.id)) for q in self.questions
            ],
        )

    @functools.cached_property
    def likert(self) -> list[Question]:
        """The agreement statements, in survey order: what every comparison scores."""
        return [q for q in self.questions if q.kind == "likert"]

    @functools.cached_property
    def predicted(self) -> list[Question]:
        """The statements each VP also guesses the other VP's answer to."""
        return [q for q in self.likert if q.predict]

    def dimension(self, dimension_id: str) -> Dimension | None:
        return next((d for d in self.dimensions if d.id == dimension_id), None)

    def questions_in(self, dimension_id: str) -> list[Question]:
        return [q for q in self.questions if q.dimension == dimension_id]

    def render(self, text: str, role: str) -> str:
        """``text`` with ``{other}`` and ``{own}`` filled in for the respondent's ``role``."""
        return _fill(text, roles.other_side(role), roles.function_name(role))

    def neutral(self, text: str) -> str:
        """``text`` as the CEO reads it: ``{other}`` is "the other side", ``{own}`` "my side".

        Reports are read by neither VP, so neither VP's wording fits; the sentence stays whole.
        """
        filled = _fill(text, roles.NEUTRAL_OTHER, roles.NEUTRAL_OWN)
        return filled[:1].upper() + filled[1:] if text.startswith("{") else filled

    def answer_count(self) -> int:
        """How many answers a VP gives: every question and every guess (the TUI's "3 of 24";
        follow-ups on commitments come on top, in the periods they are due)."""
        return len(self.questions) + len(self.predicted)

    def parts(self) -> str:
        """``24 answers: 18 statements, 4 guesses, 1 checklist, 1 free-text question``: the one
        way ``surveys list``, ``surveys show`` and ``validate`` count a survey."""
        kinds = [q.kind for q in self.questions]
        found = [
            (kinds.count("likert"), "statement"),
            (len(self.predicted), "guess"),
            (kinds.count("single"), "single choice"),
            (kinds.count("multi"), "checklist"),
            (kinds.count("text"), "free-text question"),
        ]
        named = [
            f"{n} {word}{'es' if word == 'guess' and n != 1 else '' if n == 1 else 's'}"
            for n, word in found
            if n
        ]
        return f"{self.answer_count()} answers: {', '.join(named)}"

    def estimated_seconds(self) -> int:
        """How long a VP needs to answer every question, by :data:`SECONDS_PER_KIND`; a
        prediction of the other VP's answer is one more agreement statement."""
        predictions = sum(1 for q in self.questions if q.predict)
        return (
            sum(SECONDS_PER_KIND[q.kind] for q in self.questions)
            + predictions * (SECONDS_PER_KIND["likert"])
        )


def _stage(data: Mapping[str, Any] | None) -> StageRule | None:
    if data is None:
        return None
    return StageRule(list(data["questions"]), [Band(**band) for band in data["bands"]])


# -- the team ------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, kw_only=True)
class Team:
    """The company and who holds each role; ``sales``, ``marketing`` and ``ceo`` are required."""

    company: str
    members: dict[str, str]
    """Role -> the person's name, e.g. ``{"sales": "Dana Ortiz"}``."""
    id: str = DEFAULT_TEAM
    """Which team of the database this is (one database can hold a board's many teams)."""

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Team:
        return cls(
            company=data["company"],
            members=dict(data["members"]),
            id=data.get("id", DEFAULT_TEAM),
        )

    @property
    def respondent_roles(self) -> list[str]:
        """The roles that answer surveys: everyone but the CEO, core pair first."""
        extra = sorted(r for r in self.members if r not in roles.REQUIRED_ROLES)
        return [*roles.CORE_PAIR, *extra]


# -- answers -------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class FollowUp:
    """A VP's answer to "did this commitment happen?", asked in the pulse after it fell due."""

    status: FollowUpStatus
    comment: str = ""


@dataclasses.dataclass(frozen=True)
class Seal:
    """A commitment to a response's content: SHA-256 of its canonical form and a random salt.

    Made when the response is stored; anyone can later recompute it (see
    :mod:`gtm_pulse.core.sealing`), so an answer changed afterwards, in the file or in transit,
    no longer matches. The salt keeps the hash from giving the answers away.
    """

    salt: str
    sha256: str


@dataclasses.dataclass(frozen=True)
class Signature:
    """An Ed25519 signature over a response (see :mod:`gtm_pulse.store.signing`), by ``key``."""

    key: str
    """The public key, hex: one of the role's keys in the database's ``keys`` table."""
    prev: str | None
    """The hash of the revision before this one (None for revision 1): a chain per response."""
    value: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class Response:
    """One VP's submitted answers to one survey for one period (one revision of it)."""

    id: str = dataclasses.field(default_factory=new_id)
    survey_id: str
    survey_version: int
    role: str
    respondent: str
    period: str
    answers: dict[str, Answer]
    comments: dict[str, str] = dataclasses.field(default_factory=dict)
    """Dimension id -> the VP's free comment on it."""
    follow_ups: dict[str, FollowUp] = dataclasses.field(default_factory=dict)
    """Commitment number -> whether it happened, for the commitments due by ``period``."""
    predictions: dict[str, int | str] = dataclasses.field(default_factory=dict)
    """Question id -> the answer this VP expects from the other VP (on the scale, as given, or
    ``n/a`` when the VP expects the other to find it does not apply)."""
    submitted_at: dt.datetime = dataclasses.field(default_factory=now)
    revision: int = 1
    """1 for the first submission; each amendment adds one and keeps the previous in history."""
    amended_after_reveal: bool = False
    """An amendment made once both VPs had submitted, i.e. after seeing the other's answers."""
    seal: Seal | None = None
    """Set by the store when the response is submitted (None only in files from before seals)."""
    signature: Signature | None = None
    """Set by the store, on the member's laptop, after the seal (None before signatures)."""
    late_arrival: bool = False
    """Set by an importing database: an amendment that arrived once it held both VPs' answers
    for the period. Not signed or sealed: it is what this database saw, not what the author
    said (the author's laptop may never have held the other side)."""

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Response:
        """A stored response, read back without checks beyond its shape (see ``_shape``).

        Built straight into the instance's ``__dict__``: a frozen dataclass's ``__init__``
        sets each of its 15 fields through ``object.__setattr__``, and reading a database
        builds one response per record (measured: a third of parsing them).
        """
        seal = data.get("seal")
        signature = data.get("signature")
        comments = data.get("comments", {})
        _shape(data, answers=dict, comments=dict, period=str, role=str, survey_version=int)
        _shape(comments, **dict.fromkeys(comments, str))
        _shape(data, predictions=dict, follow_ups=dict)
        response = object.__new__(cls)
        response.__dict__.update(
            id=data["id"],
            survey_id=data["survey_id"],
            survey_version=data["survey_version"],
            role=data["role"],
            respondent=data["respondent"],
            period=data["period"],
            answers=dict(data["answers"]),
            comments=dict(comments),
            follow_ups={n: FollowUp(**f) for n, f in data.get("follow_ups", {}).items()},
            predictions=dict(data.get("predictions", {})),
            submitted_at=_time(data["submitted_at"]),
            revision=data.get("revision", 1),
            amended_after_reveal=data.get("amended_after_reveal", False),
            seal=Seal(**seal) if seal else None,
            signature=Signature(**signature) if signature else None,
            late_arrival=data.get("late_arrival", False),
        )
        return response

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.survey_id, self.period, self.role)


@dataclasses.dataclass(frozen=True, kw_only=True)
class Draft:
    """An unfinished response, autosaved after every answer so nothing is lost."""

    survey_id: str
    survey_version: int
    role: str
    period: str
    answers: dict[str, Answer] = dataclasses.field(default_factory=dict)
    comments: dict[str, str] = dataclasses.field(default_factory=dict)
    amending: bool = False
    """True when the draft revises an already submitted response."""
    updated_at: dt.datetime = dataclasses.field(default_factory=now)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Draft:
        return cls(
            survey_id=data["survey_id"],
            survey_version=data["survey_version"],
            role=data["role"],
            period=data["period"],
            answers=dict(data.get("answers", {})),
            comments=dict(data.get("comments", {})),
            amending=data.get("amending", False),
            updated_at=_time(data["updated_at"]),
        )

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.survey_id, self.period, self.role)


# -- commitments ---------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, kw_only=True)
class Commitment:
    """Something the team agreed to do at an offsite, checked by the pulses that follow.

    Open until marked done; every pulse from its ``due`` period on asks both VPs whether it
    happened, so the next offsite sees follow-through next to the trend.
    """

    number: int
    """Shown as ``#3``; ``gtm-pulse actions done 3`` names it."""
    text: str
    owner: str
    due: str
    """The first period whose pulse asks about it (a month, or a quarter's last month)."""
    agreed_in: str | None = None
    """The period whose review led to it (the offsite's), if known."""
    created_at: dt.datetime = dataclasses.field(default_factory=now)
    done_at: dt.datetime | None = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Commitment:
        done = data.get("done_at")
        return cls(
            number=data["number"],
            text=data["text"],
            owner=data["owner"],
            due=data["due"],
            agreed_in=data.get("agreed_in"),
            created_at=_time(data["created_at"]),
            done_at=_time(done) if done else None,
        )

    @property
    def done(self) -> bool:
        return self.done_at is not None


# -- operating numbers ---------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, kw_only=True)
class Metric:
    """A number the team tracks each month beside the pulse (e.g. MQL-to-SQL acceptance).

    Survey items name it (``metric = "mql-acceptance"``) to show its trend beside their scores.
    """

    id: str
    name: str
    unit: str = ""
    better: Literal["higher", "lower"] = "higher"
    values: dict[str, float] = dataclasses.field(default_factory=dict)
    """Period -> value."""

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Metric:
        return cls(
            id=data["id"],
            name=data["name"],
            unit=data.get("unit", ""),
            better=data.get("better", "higher"),
            values={period: float(value) for period, value in data.get("values", {}).items()},
        )

    def shown(self, value: float) -> str:
        """``45%``, ``36 h``, ``1,200 k€``: a value with its unit."""
        number = f"{value:,.0f}" if abs(value) >= 100 else f"{value:g}"
        if not self.unit:
            return number
        return f"{number}{self.unit}" if self.unit in ("%", "x") else f"{number} {self.unit}"

"""The document ``compare --format json`` writes, declared once: its JSON Schema is generated.

:mod:`.as_json` builds these dicts (mypy checks it does); ``python -m gtm_pulse.report.schema
--write`` turns them into ``gtm_pulse/schemas/compare.schema.json``, whose descriptions are the
docstrings below. A class's docstring describes an object; a docstring under a field describes
that field. Within one ``schema_version`` fields may be added, never removed, renamed or retyped.
"""

from __future__ import annotations

from typing import Annotated, Literal, NotRequired

from typing_extensions import TypedDict  # pydantic reads field docstrings only from this one

from gtm_pulse.core.models.fields import Ge, Le, MaxLen, MinLen, Pattern

Period = Annotated[str, Pattern(r"^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$")]
Role = Annotated[str, Pattern(r"^[a-z][a-z0-9-]{0,31}$")]
Index = Annotated[float, Ge(0), Le(100)]
Size = Annotated[float, Ge(0)]
Count = Annotated[int, Ge(0)]
Quadrant = Literal[
    "aligned & healthy", "aligned but struggling", "divergent", "divergent and struggling"
]
FlagKind = Literal[
    "gap", "shared-problem", "low-trust", "blind-spot", "late-amendment", "alignment-drop"
]
ByRoleNumber = dict[Role, float | None]


class SurveyInfo(TypedDict):
    id: str
    version: Annotated[int, Ge(1)]
    title: str
    scale_points: Annotated[int, Ge(2)]


class PairMember(TypedDict):
    role: Role
    function: str
    name: str


class OpenedEarly(TypedDict):
    date: Annotated[str, Pattern(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
    """The day the override ran, YYYY-MM-DD."""
    by: Literal["compare --partial", "export --role"]
    """Which override."""
    roles: list[Role]
    """Whose answers it opened early."""


class Thresholds(TypedDict):
    gap: float
    low_trust: float
    trust_dimension: str
    shared_problem: float
    """A statement both sides score at or below this (after its direction) is a shared
    problem."""
    alignment_drop: float
    aligned: float
    healthy: float
    misread: float
    """A guess at least this many points off the other side's answer is a blind spot."""


class Indices(TypedDict):
    alignment: Index
    health: Index
    quadrant: Quadrant
    previous_period: Period | None
    alignment_change: float | None
    health_change: float | None


class Dimension(TypedDict):
    id: str
    name: str
    scores: ByRoleNumber
    mean_abs_gap: Size | None
    joint: float | None


class Item(TypedDict):
    question_id: str
    label: str
    """The statement's short label, as charts and the agenda name it."""
    dimension: str
    text: str
    reverse: bool
    answers: dict[str, int | None]
    """The raw answers on the scale, before reverse items are flipped."""
    scores: ByRoleNumber
    gap: float | None
    size: Size | None
    flagged: bool
    """Whether the statement has a flag (of any kind)."""
    flag_kinds: list[FlagKind]
    """The kinds of the statement's flag, empty when it has none."""
    guesses: dict[str, int | str | None]
    """Each side's guess at the other side's answer, as given on the scale, or "n/a"; null
    where it made none."""


class Choice(TypedDict):
    question_id: str
    text: str
    answers: dict[str, str]
    labels: dict[str, str]
    agree: bool


class Friction(TypedDict):
    question_id: str
    option_id: str
    label: str
    severities: dict[str, str | None]
    named: dict[str, bool]
    named_by: str
    """"both", or the one role that named it."""


class Flag(TypedDict):
    kind: FlagKind
    """The first of kinds."""
    kinds: Annotated[list[FlagKind], MinLen(1)]
    reason: str
    question_id: str | None
    label: str | None
    """The statement's short label; null for a flag on the whole period."""


class NotApplicableItem(TypedDict):
    question_id: str
    label: str
    text: str
    answers: dict[str, int | str]
    """The answers as given by role: a number or "n/a"."""


class NotApplicable(TypedDict):
    count: dict[str, Count]
    """Role -> how many statements it answered n/a."""
    items: list[NotApplicableItem]
    reconsider: list[str]
    """Statements both sides answered n/a this period and the one before."""


class AgendaItem(TypedDict):
    rank: Annotated[int, Ge(1)]
    question_id: str
    label: str
    kind: Literal["divergence", "shared-problem"]
    text: str
    answers: dict[str, int | None]
    """The answers as given, by role."""
    gap: float
    growth: float
    """How much it worsened since the previous period: for a divergence the growth of |gap|,
    for a shared problem the fall of the joint score."""
    weight: Size


class TrendPeriod(TypedDict):
    period: Period
    alignment: Index
    health: Index
    quadrant: Quadrant
    alignment_change: float | None
    health_change: float | None
    dimension_gaps: dict[str, Size]
    follow_through: Index | None
    """0-100: commitments followed up in this period that happened, as both sides say (partly
    counts half); null when none was asked."""
    understanding: Index | None
    """Mutual understanding 0-100 in that period; null when nobody guessed."""
    blame_asymmetry: float | None
    """Mean blame asymmetry over the mirror pairs in that period; null without any."""
    relationship_stage: dict[str, str] | None
    """Role -> stage that period; null for a survey without a stage rule."""


class Run(TypedDict):
    length: Annotated[int, Ge(1)]
    start: Period
    end: Period


class Shared(TypedDict):
    versions: list[int]
    statements: Count


class Trend(TypedDict):
    periods: list[TrendPeriod]
    longest_improvement: Run | None
    longest_decline: Run | None
    shared: Shared | None
    """Set when the periods were answered on different survey versions: the trend compares only
    the statements every version asks alike (same id, wording and direction)."""


class FollowUpAnswer(TypedDict):
    status: Literal["yes", "partly", "no"]
    comment: str


class FollowUpPeriod(TypedDict):
    period: Period
    by_role: dict[Role, FollowUpAnswer]


class Commitment(TypedDict):
    number: Annotated[int, Ge(1)]
    text: str
    owner: Role
    due: Period
    agreed_in: Period | None
    done: bool
    follow_ups: list[FollowUpPeriod]


class Comment(TypedDict):
    dimension: str
    question_id: str | None
    prompt: str
    by_role: dict[str, str]


class Tension(TypedDict):
    question_id: str
    dimension: str
    text: str
    answers: dict[str, int | None]
    scores: ByRoleNumber
    gap: float


class Reading(TypedDict):
    question_id: str
    text: str
    by: Role
    of: Role
    guess: float
    actual: float
    misreading: float
    """guess minus actual, in score points"""
    blind_spot: bool


class MirrorSide(TypedDict):
    question_id: str
    own: float
    by_other: float
    favour: float
    """own minus by_other"""


class Mirror(TypedDict):
    id: str
    name: str
    asymmetry: float
    sides: dict[Role, MirrorSide]


class Perceptions(TypedDict):
    understanding: Index | None
    """100 x (1 - mean |misreading| / (scale_points - 1)) over both sides' guesses; null without
    guesses."""
    by_side: ByRoleNumber
    readings: list[Reading]
    blame_asymmetry: float | None
    """Mean over mirror pairs of both sides' self-favour; null without mirror pairs."""
    self_favour: ByRoleNumber
    mirrors: list[Mirror]


class MetricInfo(TypedDict):
    id: str
    name: str
    unit: str
    better: Literal["higher", "lower"]


class MetricValue(TypedDict):
    period: Period
    value: float


class MetricSeen(TypedDict):
    question_id: str
    metric: MetricInfo
    values: Annotated[list[MetricValue], MinLen(1)]
    change: float | None
    sentence: str


class MatrixPair(TypedDict):
    roles: Annotated[list[Role], MinLen(2), MaxLen(2)]
    alignment: Index


class Matrix(TypedDict):
    period: Period
    roles: Annotated[list[Role], MinLen(3)]
    pairs: list[MatrixPair]


class StagePair(TypedDict):
    stage: str
    score: float


class StageDetail(TypedDict):
    scores: dict[str, float]
    """Role -> stage score, 20-100 on a 1-5 scale: 100 x mean score / points over the stage
    statements."""
    pair: StagePair | None
    differ: bool
    """Whether the two sides place it on different stages."""


class Compared(TypedDict):
    """The figures of the period: every gap figure is null when only one role submitted."""

    indices: Indices | None
    """Null when partial."""
    dimensions: list[Dimension]
    items: list[Item]
    """Every agreement statement answered: one per question id."""
    choices: list[Choice]
    """Single-choice questions both roles answered."""
    frictions: list[Friction]
    flags: list[Flag]
    """Something to talk about. A statement has one flag carrying every reason (kinds); the
    reason quotes the answers as given."""
    not_applicable: NotApplicable
    """Statements a side answered n/a: left out of every gap, index and flag, shown and counted
    here."""
    agenda: Annotated[list[AgendaItem], MaxLen(5)]
    """At most five statements to discuss, first first. A divergence weighs |gap| x (1 + max(0,
    growth) / (scale_points - 1)); a shared problem (both scores at or below
    thresholds.shared_problem) weighs (shared_problem + 1 - joint score) x (1 + max(0, fall) /
    (scale_points - 1)). When both kinds exist, each has at least one place."""


class Perceived(TypedDict):
    """How the two sides see each other; empty lists and nulls when partial."""

    tensions: list[Tension]
    """Items marked tension = "healthy": different answers are expected; never flagged, not in
    the indices. Empty when partial."""
    perceptions: Perceptions | None
    """How each side reads the other (predictions) and blames the other (mirror pairs); null
    when partial."""
    metrics: list[MetricSeen]
    """Team metrics beside the items that cite them, values up to `period`. Empty when
    partial."""
    matrix: Matrix | None
    """Pairwise alignment of every role that answered `period`, with three or more; else
    null."""


class MemberSync(TypedDict):
    role: Role
    name: str
    last_sync: str | None
    """When a laptop of this member last synced (ISO 8601, UTC, that laptop's clock), as this
    laptop's last sync saw it; null when none was seen."""


class SealedWaiting(TypedDict):
    """A sealed response in the remote that waits to be revealed."""

    role: Role
    survey: str
    period: Period
    revision: Annotated[int, Ge(1)]
    missing: list[Role]
    """The VPs whose sealed response for the same period is not in the remote yet; empty when
    both are and only its key is missing (the author's or the CEO's next sync releases it)."""


class Synced(TypedDict):
    """How fresh this laptop's data is, as of its last sync with the team's remote."""

    remote: str
    """The remote synced with (a token in an https URL hidden)."""
    synced_at: str | None
    """When this laptop last synced (ISO 8601, UTC); null when it has not yet."""
    members: list[MemberSync]
    """Every member of the team, and when each last synced."""
    waiting: list[SealedWaiting]
    """What waited to be revealed at that sync."""


class Document(Compared, Perceived):
    """One comparison of two roles' answers to one survey for one period. Within a
    schema_version, fields may be added but are never removed, renamed or retyped, so objects
    allow properties not listed here: a consumer should ignore the ones it does not know.
    Per-side values are objects keyed by role; a signed gap is the first role of `pair` minus
    the second. Scores are on the survey's scale (1..scale_points) with reverse items flipped,
    so higher is always healthier."""

    schema_version: Literal[2]
    """2: one flag per statement with every reason (kinds); flagged means any flag; shared
    problems; an agenda of at most five divergences and shared problems."""
    company: str
    survey: SurveyInfo
    period: Period
    pair: Annotated[list[PairMember], MinLen(2), MaxLen(2)]
    """The two roles compared, in gap order."""
    partial: bool
    """True when only one role submitted and --partial asked to see it: every gap figure is
    null."""
    missing: list[Role]
    """Roles of the pair that have not submitted the period."""
    note: str | None
    """Why the period shown is not the one asked for, if it is not."""
    opened_early: list[OpenedEarly]
    """The CEO's overrides (compare --partial, export --role) that opened this period's answers
    before both VPs had submitted it, oldest first; empty when none did."""
    thresholds: Thresholds
    relationship_stage: dict[str, str] | None
    """Where each side places the relationship on the survey's stages (undefined, defined,
    aligned, integrated for the quarterly deep dive), by role; null for a survey without a
    stage rule or a period whose answers do not place it."""
    relationship_stage_detail: StageDetail | None
    trend: Trend
    """Every period both roles submitted, up to and including `period`, oldest first."""
    commitments: list[Commitment]
    """Commitments agreed by `period`, with the follow-ups each side gave in the periods
    shown."""
    comments: list[Comment]
    """Comments and free-text answers, exactly as typed."""
    synced: NotRequired[Synced]
    """Present only on a laptop that syncs with a remote (gtm-pulse sync): how fresh its data
    is."""

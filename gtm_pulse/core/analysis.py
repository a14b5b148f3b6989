"""Pure analysis over the models: scores, gaps, indices, flags, frictions, trend and agenda.

No UI and no I/O: compare, the TUI and the dashboard all render what these functions return.

Scores are on the survey's scale (1..P) with reverse items flipped (``P + 1 - answer``), so a
higher score always means "healthier" and two VPs' scores compare item by item. A pair is two
roles, ``left`` and ``right`` (Sales and Marketing by default); a signed gap is left minus right.

Formulas, over the likert items both sides answered (P = scale points):

* **alignment** = 100 x (1 - mean |gap| / (P - 1)): 100 when the answers are identical, 0 when
  every item sits at opposite ends of the scale.
* **health** = 100 x (mean joint score - 1) / (P - 1), where an item's joint score is the mean of
  both sides' scores: 100 when both rate everything at the top, 0 at the bottom.

Items marked ``tension = "healthy"`` (deals now vs brand later) are expected to differ: they are
kept apart (``Comparison.tensions``), never flagged, and left out of both indices, the
dimension figures and the agenda. Predictions and mirror pairs are read in
:mod:`gtm_pulse.core.perceptions`; the wider team's pairwise matrix in
:mod:`gtm_pulse.core.team_matrix`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

from gtm_pulse.core import figures, roles, wording
from gtm_pulse.core.models import NOT_APPLICABLE, Question, Response, Survey
from gtm_pulse.core.periods import Period

if TYPE_CHECKING:  # gtm_pulse.core.stages reads scores with this module's functions
    pass


def mean(values: Iterable[float]) -> float:
    """The arithmetic mean, summed exactly (as ``statistics.fmean``, without its ~2 ms import)."""
    numbers = list(values)
    return math.fsum(numbers) / len(numbers)


def score(question: Question, value: object, points: int) -> float | None:
    """A likert answer as a health score (reverse items flipped); None for other kinds."""
    if question.kind != "likert" or type(value) is not int:
        return None
    return float(points + 1 - value if question.reverse else value)


def indexed(question: Question) -> bool:
    """Whether ``question`` counts in the indices: likert, and no healthy tension expected."""
    return question.kind == "likert" and question.tension is None


def dimension_means(survey: Survey, response: Response) -> dict[str, float | None]:
    """Each dimension's mean score in ``response`` (None where it has no indexed answer)."""
    means: dict[str, float | None] = {}
    points = survey.scale.points
    for dimension in survey.dimensions:
        scores = [
            s
            for q in survey.questions_in(dimension.id)
            if indexed(q) and (s := score(q, response.answers.get(q.id), points)) is not None
        ]
        means[dimension.id] = mean(scores) if scores else None
    return means


class ItemGap(NamedTuple):
    """One likert item answered by both sides.

    A named tuple, not a frozen dataclass: a trend builds hundreds of items and a frozen
    dataclass's ``__init__`` (one ``object.__setattr__`` per field) was most of the cost of a
    comparison. ``gap`` and ``size`` are fields, worked out once: every figure reads them.
    """

    question_id: str
    dimension_id: str
    left: float
    right: float
    gap: float
    """Signed: left minus right (Sales minus Marketing by default)."""
    size: float
    left_answer: int
    """The answer as given, on the scale (``left`` is its score: flipped for reverse items)."""
    right_answer: int


class NotApplicable(NamedTuple):
    """A statement one side or both answered ``n/a``: out of every figure, shown and counted."""

    question_id: str
    dimension_id: str
    left: int | str
    """The answer as given: a number, or ``n/a``."""
    right: int | str

    @property
    def both(self) -> bool:
        return self.left == NOT_APPLICABLE and self.right == NOT_APPLICABLE


class DimensionGap(NamedTuple):
    """A dimension's scores on both sides and how far apart they are (a named tuple, as
    :class:`ItemGap`)."""

    dimension_id: str
    left_mean: float
    right_mean: float
    mean_abs_gap: float

    @property
    def joint(self) -> float:
        """The level both sides see together: the mean of the two means."""
        return (self.left_mean + self.right_mean) / 2


#: The kinds of flag, in the order a flag on one statement names them.
FLAG_KINDS = (
    "gap",
    "shared-problem",
    "low-trust",
    "blind-spot",
    "late-amendment",
    "alignment-drop",
)


@dataclass(frozen=True)
class Flag:
    """Something to talk about, with the reason in words.

    A statement gets one flag carrying every reason it is flagged for (two VPs apart on it,
    both at the bad end, a low trust answer), so the CEO reads each statement once.
    """

    kinds: tuple[str, ...]
    """Why, from :data:`FLAG_KINDS`, in that order; a statement's flag may have several."""
    reason: str
    question_id: str | None = None

    @property
    def kind(self) -> str:
        """The first of :attr:`kinds`: the one a list shows first."""
        return self.kinds[0]


@dataclass(frozen=True)
class Friction:
    """One friction item picked by either side, with each side's severity."""

    question_id: str
    option_id: str
    label: str
    left: str | None
    right: str | None
    left_named: bool
    right_named: bool

    @property
    def named_by(self) -> str:
        """``both``, ``left`` or ``right``."""
        if self.left_named and self.right_named:
            return "both"
        return "left" if self.left_named else "right"


@dataclass(frozen=True)
class Choice:
    """A single-choice question both sides answered: each side's option id."""

    question_id: str
    left: str
    right: str

    @property
    def agree(self) -> bool:
        return self.left == self.right


@dataclass(frozen=True)
class Comparison:
    """Two responses to one survey for one period, compared."""

    survey: Survey
    period: Period
    pair: tuple[str, str]
    items: list[ItemGap]
    dimensions: list[DimensionGap]
    alignment: float
    health: float
    responses: tuple[Response, Response]
    """The two responses compared, left first."""
    tensions: list[ItemGap] = field(default_factory=list)
    """Items where healthy tension is expected: shown apart, never flagged, never indexed."""
    not_applicable: list[NotApplicable] = field(default_factory=list)
    """Statements a side answered ``n/a``: left out of gaps, indices and flags."""
    previous: Comparison | None = field(default=None, repr=False, compare=False)
    """The comparison of the period before (for the alignment-drop flag), if any."""

    @cached_property
    def flags(self) -> list[Flag]:
        """Something to talk about, each with its reason; worked out when first asked for.

        A trend compares every period but reports flags for few: leaving them lazy halves
        the cost of a review (measured on 24 months).
        """
        return _flags(self, self.previous)

    @cached_property
    def frictions(self) -> list[Friction]:
        """Each friction either side picked (lazy: a trend reads them for few periods)."""
        return _frictions(self.survey, *self.responses)

    @cached_property
    def choices(self) -> list[Choice]:
        """Single-choice questions both sides answered (lazy, as :attr:`frictions`)."""
        left, right = self.responses
        return [
            Choice(q.id, a, b)
            for q in self.survey.questions
            if q.kind == "single"
            and isinstance(a := left.answers.get(q.id), str)
            and isinstance(b := right.answers.get(q.id), str)
        ]

    @property
    def quadrant(self) -> str:
        """Where the pair stands: alignment and health against the survey's thresholds."""
        t = self.survey.thresholds
        aligned, healthy = self.alignment >= t.aligned, self.health >= t.healthy
        if aligned:
            return "aligned & healthy" if healthy else "aligned but struggling"
        return "divergent" if healthy else "divergent and struggling"

    def item(self, question_id: str) -> ItemGap | None:
        """The item of ``question_id``, whether indexed or a healthy tension."""
        return self._by_question.get(question_id)

    @cached_property
    def _by_question(self) -> dict[str, ItemGap]:
        """Every item by question id: the agenda, CSV and metrics look items up one by one."""
        return {i.question_id: i for i in (*self.items, *self.tensions)}


def compare(
    survey: Survey,
    left: Response,
    right: Response,
    previous: Comparison | None = None,
) -> Comparison:
    """Compare ``left`` and ``right`` (same survey and period); ``previous`` adds the drop flag."""
    points = survey.scale.points
    items: list[ItemGap] = []
    tensions: list[ItemGap] = []
    # Dimension id -> [sum of left scores, of right scores, of |gap|, count]. Scores are whole
    # points, so plain sums are exact (no fsum needed).
    sums: dict[str, list[float]] = {}
    skipped: list[NotApplicable] = []
    mine, theirs = left.answers, right.answers
    for question in survey.likert:  # score() inlined: a trend runs this for every period
        given_a, given_b = mine.get(question.id), theirs.get(question.id)
        if type(given_a) is not int or type(given_b) is not int:
            if NOT_APPLICABLE in (given_a, given_b) and None not in (given_a, given_b):
                assert isinstance(given_a, int | str) and isinstance(given_b, int | str)
                skipped.append(NotApplicable(question.id, question.dimension, given_a, given_b))
            continue
        a, b = (
            (points + 1 - given_a, points + 1 - given_b) if question.reverse else (given_a, given_b)
        )
        size = abs(a - b)
        found = ItemGap(
            question.id,
            question.dimension,
            float(a),
            float(b),
            float(a - b),
            float(size),
            given_a,
            given_b,
        )
        if question.tension is not None:
            tensions.append(found)
            continue
        items.append(found)
        if (sum_ := sums.get(question.dimension)) is None:
            sums[question.dimension] = [a, b, size, 1]
        else:
            sum_[0] += a
            sum_[1] += b
            sum_[2] += size
            sum_[3] += 1
    dimensions = [
        DimensionGap(d.id, s[0] / s[3], s[1] / s[3], s[2] / s[3])
        for d in survey.dimensions
        if (s := sums.get(d.id))
    ]
    span = points - 1
    count = len(items)
    total = [sum(s[n] for s in sums.values()) for n in range(3)]
    alignment = 100 * (1 - total[2] / count / span) if count else 100.0
    health = 100 * ((total[0] + total[1]) / 2 / count - 1) / span if count else 0.0
    result = Comparison(
        survey=survey,
        period=left.period,
        pair=(left.role, right.role),
        items=items,
        dimensions=dimensions,
        alignment=alignment,
        health=health,
        responses=(left, right),
        previous=previous,
        tensions=tensions,
        not_applicable=skipped,
    )
    return result


def _frictions(survey: Survey, left: Response, right: Response) -> list[Friction]:
    found = []
    for question in survey.questions:
        if question.kind != "multi":
            continue
        picks_left = left.answers.get(question.id)
        picks_right = right.answers.get(question.id)
        picks_left = picks_left if isinstance(picks_left, dict) else {}
        picks_right = picks_right if isinstance(picks_right, dict) else {}
        for option in question.options:
            if option.id in picks_left or option.id in picks_right:
                found.append(
                    Friction(
                        question.id,
                        option.id,
                        option.label,
                        picks_left.get(option.id),
                        picks_right.get(option.id),
                        option.id in picks_left,
                        option.id in picks_right,
                    )
                )
    return found


def _flags(result: Comparison, previous: Comparison | None) -> list[Flag]:
    survey, t = result.survey, result.survey.thresholds
    names = (roles.function_name(result.pair[0]), roles.function_name(result.pair[1]))
    flags = [f for item in result.items if (f := _statement_flag(survey, names, item))]
    for friction in result.frictions:
        question = survey.question(friction.question_id)
        assert question is not None
        severe = question.severities[-1] if question.severities else None
        if severe is None:
            continue
        for name, mine, other_named, other_name in (
            (names[0], friction.left, friction.right_named, names[1]),
            (names[1], friction.right, friction.left_named, names[0]),
        ):
            if mine == severe and not other_named:
                flags.append(
                    Flag(
                        ("blind-spot",),
                        f"{name} marks '{friction.label}' {severe}; "
                        f"{other_name} does not mention it",
                        friction.question_id,
                    )
                )
    for name, response in zip(names, result.responses, strict=True):
        if response.amended_after_reveal or response.late_arrival:
            seen = (
                "after both sides' were revealed"
                if response.amended_after_reveal
                else "after this database held both sides' answers (it arrived by import)"
            )
            flags.append(
                Flag(
                    ("late-amendment",),
                    f"{name} amended its answers {seen} "
                    f"(revision {response.revision}, {response.submitted_at:%Y-%m-%d})",
                )
            )
    if previous is not None and previous.alignment - result.alignment >= t.alignment_drop:
        fall = previous.alignment - result.alignment
        lines = (t.aligned,)
        flags.append(
            Flag(
                ("alignment-drop",),
                f"alignment fell {figures.shown(fall, (t.alignment_drop,))} points since "
                f"{previous.period} ({figures.shown(previous.alignment, lines)} -> "
                f"{figures.shown(result.alignment, lines)})",
            )
        )
    return flags


def shared_problem(survey: Survey, item: ItemGap) -> bool:
    """Whether both sides score ``item`` at the bad end: aligned, and struggling on it."""
    line = survey.thresholds.shared_problem
    return item.left <= line and item.right <= line


def _statement_flag(survey: Survey, names: tuple[str, str], item: ItemGap) -> Flag | None:
    """The one flag of a statement, with every reason it has; None when it has none.

    Worded only when flagged (most statements are not). The answers are quoted as given
    (:mod:`gtm_pulse.core.wording`); which side sees it worse is said in words.
    """
    t = survey.thresholds
    question = survey.question(item.question_id)
    assert question is not None
    answers = (item.left_answer, item.right_answer)
    kinds, why = [], []
    if item.size >= t.gap:
        kinds.append("gap")
        why.append(
            f"{wording.points(item.size)} apart, {wording.worse_side(question, names, answers)}"
        )
    if shared_problem(survey, item):
        kinds.append("shared-problem")
        why.append("both at the bad end: a shared problem")
    if question.dimension == t.trust_dimension:
        low = [
            name
            for name, score in zip(names, (item.left, item.right), strict=True)
            if score <= t.low_trust
        ]
        if low:
            kinds.append("low-trust")
            who = "both" if len(low) == 2 else low[0]
            why.append(f"low trust from {who}")
    if not kinds:
        return None
    said = wording.quote_pair(survey, names, answers)
    return Flag(
        tuple(kinds),
        f"{survey.label(item.question_id)}: {said}; {'; '.join(why)}",
        item.question_id,
    )


def low_trust(survey: Survey, question: Question, name: str, value: float) -> Flag | None:
    """The low-trust flag when ``name`` scores a trust item at or below the threshold (one
    side alone, as ``--partial`` shows it); the answer is quoted as given."""
    t = survey.thresholds
    if question.dimension != t.trust_dimension or value > t.low_trust:
        return None
    said = wording.said_by(survey, question.id, value)
    return Flag(
        ("low-trust",), f"{survey.label(question.id)}: {name}: {said}; low trust", question.id
    )

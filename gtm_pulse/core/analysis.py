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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

from gtm_pulse.core import figures, roles, wording
from gtm_pulse.core.models import NOT_APPLICABLE, Question, Response, Survey

if TYPE_CHECKING:  # gtm_pulse.core.stages reads scores with this module's functions
    from gtm_pulse.core.stages import Stages


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
    period: str
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


def _low_trust(survey: Survey, question: Question, name: str, value: float) -> Flag | None:
    """The low-trust flag when ``name`` scores a trust item at or below the threshold (one
    side alone, as ``--partial`` shows it); the answer is quoted as given."""
    t = survey.thresholds
    if question.dimension != t.trust_dimension or value > t.low_trust:
        return None
    said = wording.said_by(survey, question.id, value)
    return Flag(
        ("low-trust",), f"{survey.label(question.id)}: {name}: {said}; low trust", question.id
    )


# -- one side alone ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Pick:
    """A friction one side picked, with its severity."""

    question_id: str
    option_id: str
    label: str
    severity: str | None


@dataclass(frozen=True)
class Solo:
    """One side's answers alone: what ``--partial`` shows while the other side is missing.

    Without the other side there is no gap, so no gap figure exists here at all; a low-trust
    flag needs only one side's score and is kept.
    """

    survey: Survey
    period: str
    role: str
    scores: dict[str, float]
    """Question id -> score (reverse items flipped), indexed items answered only."""
    dimensions: dict[str, float]
    """Dimension id -> mean score, for dimensions with at least one score."""
    picks: list[Pick]
    flags: list[Flag]


def solo(survey: Survey, response: Response) -> Solo:
    """The scores, frictions and low-trust flags of one response on its own."""
    points = survey.scale.points
    scores = {
        q.id: s
        for q in survey.questions
        if indexed(q) and (s := score(q, response.answers.get(q.id), points)) is not None
    }
    name = roles.function_name(response.role)
    flags = [
        flag
        for q in survey.questions
        if q.id in scores and (flag := _low_trust(survey, q, name, scores[q.id]))
    ]
    picks = [
        Pick(q.id, option.id, option.label, chosen[option.id])
        for q in survey.questions
        if q.kind == "multi" and isinstance(chosen := response.answers.get(q.id), dict)
        for option in q.options
        if option.id in chosen
    ]
    means = {d: m for d, m in dimension_means(survey, response).items() if m is not None}
    return Solo(survey, response.period, response.role, scores, means, picks, flags)


# -- comments ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Remark:
    """What each side wrote in one place: a dimension's comment or a free-text question."""

    prompt: str
    """The comment prompt or the question, in the CEO's neutral wording."""
    by_role: dict[str, str]
    """Role -> the text as typed; a role that wrote nothing is absent."""
    dimension_id: str
    question_id: str | None = None
    """Set for a free-text question; None for a dimension's comment."""


def remarks(survey: Survey, responses: Sequence[Response]) -> list[Remark]:
    """Every comment and free-text answer any of ``responses`` holds, in survey order."""
    found = []
    for dimension in survey.dimensions:
        for question in survey.questions_in(dimension.id):
            if question.kind != "text":
                continue
            written = {
                r.role: text
                for r in responses
                if isinstance(text := r.answers.get(question.id), str) and text.strip()
            }
            if written:
                prompt = survey.neutral(question.text)
                found.append(Remark(prompt, written, dimension.id, question.id))
        written = {
            r.role: text for r in responses if (text := r.comments.get(dimension.id, "")).strip()
        }
        if written:
            found.append(Remark(dimension.comment or dimension.name, written, dimension.id))
    return found


# -- over time --------------------------------------------------------------------------------


def arrow(change: float | None, *, higher_is_better: bool = True) -> str:
    """``↑`` better, ``↓`` worse, ``→`` unchanged (or no previous period)."""
    if change is None or abs(change) < 1e-9:
        return "→"
    return "↑" if (change > 0) == higher_is_better else "↓"


@dataclass(frozen=True)
class Run:
    """A stretch of consecutive periods in which alignment rose (or fell) every time."""

    length: int
    """How many period-to-period steps it lasted."""
    start: str
    end: str


@dataclass(frozen=True)
class Shared:
    """A trend over periods answered on different versions of a survey compares only the
    statements every version asks alike: these versions, this many indexed statements."""

    versions: tuple[int, ...]
    statements: int

    def words(self) -> str:
        """``versions 2 and 3: the 12 statements both ask alike``."""
        *first, last = (str(v) for v in self.versions)
        both = "both" if len(self.versions) == 2 else "all"
        return (
            f"versions {', '.join(first)} and {last}: the {self.statements} statements "
            f"{both} ask alike"
        )


def common_ground(surveys: Sequence[Survey]) -> frozenset[str]:
    """The agreement statements every one of ``surveys`` asks alike: the same id, wording,
    direction, dimension and tension. A reworded statement means something else: left out."""

    def key(q: Question) -> tuple[object, ...]:
        return (q.id, q.text, q.reverse, q.dimension, q.tension)

    found = [{key(q) for q in survey.likert} for survey in surveys]
    common = set.intersection(*found) if found else set()
    return frozenset(str(k[0]) for k in common)


def restricted(survey: Survey, statements: frozenset[str]) -> Survey:
    """``survey`` asking no agreement statement outside ``statements`` (other kinds kept),
    and no mirror pair that asks one of those left out."""
    kept = [q for q in survey.questions if q.kind != "likert" or q.id in statements]
    mirrors = [m for m in survey.mirrors if set(m.about.values()) <= statements]
    return replace(survey, questions=kept, mirrors=mirrors)


@dataclass(frozen=True)
class Trend:
    """Indices and dimension gaps per period, oldest first."""

    comparisons: list[Comparison]
    shared: Shared | None = None
    """Set when the periods were answered on different survey versions (see :class:`Shared`)."""
    stages: list[Stages] = field(default_factory=list)
    """Where each side placed the relationship, per period (a survey with a stage rule)."""

    @property
    def periods(self) -> list[str]:
        return [c.period for c in self.comparisons]

    def change(self, index: int, measure: str = "alignment") -> float | None:
        """The change of ``alignment`` or ``health`` at ``index`` against the period before."""
        if index == 0:
            return None
        now, before = self.comparisons[index], self.comparisons[index - 1]
        return float(getattr(now, measure) - getattr(before, measure))

    def dimension_gap(self, index: int, dimension_id: str) -> float | None:
        found = [d for d in self.comparisons[index].dimensions if d.dimension_id == dimension_id]
        return found[0].mean_abs_gap if found else None

    def longest_run(self, *, improving: bool) -> Run | None:
        """The longest run of alignment rising (``improving``) or falling; None if none."""
        best: Run | None = None
        start = 0
        for index in range(1, len(self.comparisons) + 1):
            change = self.change(index) if index < len(self.comparisons) else None
            going = change is not None and (change > 0 if improving else change < 0)
            if going:
                continue
            length = index - 1 - start
            if length > 0 and (best is None or length > best.length):
                best = Run(length, self.periods[start], self.periods[index - 1])
            start = index
        return best


def trend(
    comparisons: Sequence[Comparison],
    shared: Shared | None = None,
    stages: Sequence[Stages] = (),
) -> Trend:
    """A trend over comparisons of one survey, sorted by period."""
    return Trend(sorted(comparisons, key=lambda c: c.period), shared, list(stages))


# -- agenda -----------------------------------------------------------------------------------


#: The most items an agenda holds, in every format: an offsite talks about five things, not 17.
AGENDA_SIZE = 5


@dataclass(frozen=True)
class AgendaItem:
    """An item worth discussing, with why it ranks where it does."""

    question_id: str
    gap: float
    growth: float
    """How much the item worsened since the previous period (0 without one): for a divergence
    the growth of |gap|, for a shared problem the fall of both sides' mean score."""
    weight: float
    kind: str = "divergence"
    """``divergence`` (the two answer apart) or ``shared-problem`` (both at the bad end)."""


def agenda(current: Comparison, previous: Comparison | None = None) -> list[AgendaItem]:
    """At most :data:`AGENDA_SIZE` items, ranked so the offsite starts with what matters most.

    A **divergence** (the two answer apart) weighs |gap| x (1 + max(0, growth) / (P - 1)),
    growth being the change of |gap| since the previous period: the largest, fastest-growing
    disagreement first. A **shared problem** (both at or below the threshold, see
    :func:`shared_problem`) weighs (T + 1 - joint) x (1 + max(0, fall) / (P - 1)), T the
    threshold, joint the mean of both scores, fall how much it dropped: both at the very
    bottom weighs as a flagged gap of 2. A statement that is both counts as a shared problem,
    with the larger weight. When both kinds exist, each gets at least one of the places.
    """
    survey = current.survey
    span = survey.scale.points - 1
    line = survey.thresholds.shared_problem
    order = {q.id: n for n, q in enumerate(survey.questions)}
    ranked = []
    for item in current.items:
        before = previous.item(item.question_id) if previous else None
        growth = item.size - before.size if before else 0.0
        apart = item.size * (1 + max(0.0, growth) / span)
        if shared_problem(survey, item):
            joint = (item.left + item.right) / 2
            fall = (before.left + before.right) / 2 - joint if before else 0.0
            weight = max((line + 1 - joint) * (1 + max(0.0, fall) / span), apart)
            ranked.append(AgendaItem(item.question_id, item.gap, fall, weight, "shared-problem"))
        elif item.size > 0:
            ranked.append(AgendaItem(item.question_id, item.gap, growth, apart))
    ranked.sort(key=lambda a: (-a.weight, -abs(a.gap), order[a.question_id]))
    top = ranked[:AGENDA_SIZE]
    for kind in ("divergence", "shared-problem"):
        if not any(a.kind == kind for a in top) and (
            best := next((a for a in ranked if a.kind == kind), None)
        ):
            top[-1:] = [best]  # the last place goes to the heaviest of the kind left out
            top.sort(key=lambda a: (-a.weight, -abs(a.gap), order[a.question_id]))
    return top

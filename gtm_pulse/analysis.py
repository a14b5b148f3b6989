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
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import fmean

from gtm_pulse import roles
from gtm_pulse.models import Question, Response, Survey


def score(question: Question, value: object, points: int) -> float | None:
    """A likert answer as a health score (reverse items flipped); None for other kinds."""
    if question.kind != "likert" or type(value) is not int:
        return None
    return float(points + 1 - value if question.reverse else value)


def dimension_means(survey: Survey, response: Response) -> dict[str, float | None]:
    """Each dimension's mean score in ``response`` (None where it has no likert answer)."""
    means: dict[str, float | None] = {}
    for dimension in survey.dimensions:
        scores = [
            s
            for q in survey.questions_in(dimension.id)
            if (s := score(q, response.answers.get(q.id), survey.scale.points)) is not None
        ]
        means[dimension.id] = fmean(scores) if scores else None
    return means


@dataclass(frozen=True)
class ItemGap:
    """One likert item answered by both sides."""

    question_id: str
    dimension_id: str
    left: float
    right: float

    @property
    def gap(self) -> float:
        """Signed: left minus right (Sales minus Marketing by default)."""
        return self.left - self.right

    @property
    def size(self) -> float:
        return abs(self.gap)


@dataclass(frozen=True)
class DimensionGap:
    """A dimension's scores on both sides and how far apart they are."""

    dimension_id: str
    left_mean: float
    right_mean: float
    mean_abs_gap: float

    @property
    def joint(self) -> float:
        """The level both sides see together: the mean of the two means."""
        return (self.left_mean + self.right_mean) / 2


@dataclass(frozen=True)
class Flag:
    """Something to talk about, with the reason in words."""

    kind: str
    """``gap``, ``low-trust``, ``blind-spot`` or ``alignment-drop``."""
    reason: str
    question_id: str | None = None


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
class Comparison:
    """Two responses to one survey for one period, compared."""

    survey: Survey
    period: str
    pair: tuple[str, str]
    items: list[ItemGap]
    dimensions: list[DimensionGap]
    alignment: float
    health: float
    frictions: list[Friction]
    flags: list[Flag] = field(default_factory=list)

    @property
    def quadrant(self) -> str:
        """Where the pair stands: alignment and health against the survey's thresholds."""
        t = self.survey.thresholds
        aligned, healthy = self.alignment >= t.aligned, self.health >= t.healthy
        if aligned:
            return "aligned & healthy" if healthy else "aligned but struggling"
        return "divergent" if healthy else "divergent and struggling"

    def item(self, question_id: str) -> ItemGap | None:
        return next((i for i in self.items if i.question_id == question_id), None)


def compare(
    survey: Survey,
    left: Response,
    right: Response,
    previous: Comparison | None = None,
) -> Comparison:
    """Compare ``left`` and ``right`` (same survey and period); ``previous`` adds the drop flag."""
    points = survey.scale.points
    items = []
    for question in survey.questions:
        a = score(question, left.answers.get(question.id), points)
        b = score(question, right.answers.get(question.id), points)
        if a is not None and b is not None:
            items.append(ItemGap(question.id, question.dimension, a, b))
    dimensions = [
        DimensionGap(
            d.id,
            fmean(i.left for i in members),
            fmean(i.right for i in members),
            fmean(i.size for i in members),
        )
        for d in survey.dimensions
        if (members := [i for i in items if i.dimension_id == d.id])
    ]
    span = points - 1
    alignment = 100 * (1 - fmean(i.size for i in items) / span) if items else 100.0
    health = 100 * (fmean((i.left + i.right) / 2 for i in items) - 1) / span if items else 0.0
    result = Comparison(
        survey=survey,
        period=left.period,
        pair=(left.role, right.role),
        items=items,
        dimensions=dimensions,
        alignment=alignment,
        health=health,
        frictions=_frictions(survey, left, right),
    )
    result.flags.extend(_flags(result, previous))
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
    left_name, right_name = (roles.function_name(r) for r in result.pair)
    points = survey.scale.points
    flags = []
    for item in result.items:
        question = survey.question(item.question_id)
        assert question is not None
        text = _short(question.text)
        if item.size >= t.gap:
            higher, lower = (left_name, right_name) if item.gap > 0 else (right_name, left_name)
            flags.append(
                Flag(
                    "gap",
                    f"{higher} scores '{text}' {item.size:g} points above {lower} "
                    f"({left_name} {item.left:g}, {right_name} {item.right:g} of {points})",
                    item.question_id,
                )
            )
        if item.dimension_id == t.trust_dimension:
            for name, value in ((left_name, item.left), (right_name, item.right)):
                if value <= t.low_trust:
                    flags.append(
                        Flag(
                            "low-trust",
                            f"{name} scores '{text}' {value:g} of {points}",
                            item.question_id,
                        )
                    )
    for friction in result.frictions:
        question = survey.question(friction.question_id)
        assert question is not None
        severe = question.severities[-1] if question.severities else None
        if severe is None:
            continue
        for name, mine, other_named, other_name in (
            (left_name, friction.left, friction.right_named, right_name),
            (right_name, friction.right, friction.left_named, left_name),
        ):
            if mine == severe and not other_named:
                flags.append(
                    Flag(
                        "blind-spot",
                        f"{name} marks '{friction.label}' {severe}; "
                        f"{other_name} does not mention it",
                        friction.question_id,
                    )
                )
    if previous is not None and previous.alignment - result.alignment >= t.alignment_drop:
        flags.append(
            Flag(
                "alignment-drop",
                f"alignment fell {previous.alignment - result.alignment:.0f} points since "
                f"{previous.period} ({previous.alignment:.0f} -> {result.alignment:.0f})",
            )
        )
    return flags


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


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
class Trend:
    """Indices and dimension gaps per period, oldest first."""

    comparisons: list[Comparison]

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


def trend(comparisons: Sequence[Comparison]) -> Trend:
    """A trend over comparisons of one survey, sorted by period."""
    return Trend(sorted(comparisons, key=lambda c: c.period))


# -- agenda -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgendaItem:
    """An item worth discussing, with why it ranks where it does."""

    question_id: str
    gap: float
    growth: float
    """How much the gap's size grew since the previous period (0 without one)."""
    weight: float


def agenda(current: Comparison, previous: Comparison | None = None) -> list[AgendaItem]:
    """Items ranked so the offsite starts with the largest, fastest-growing disagreement.

    weight = |gap| x (1 + max(0, growth) / (P - 1)), where growth is the change of |gap| since
    the previous period. Items the two sides answer identically are left out.
    """
    span = current.survey.scale.points - 1
    order = {q.id: n for n, q in enumerate(current.survey.questions)}
    ranked = []
    for item in current.items:
        if item.size == 0:
            continue
        before = previous.item(item.question_id) if previous else None
        growth = item.size - before.size if before else 0.0
        weight = item.size * (1 + max(0.0, growth) / span)
        ranked.append(AgendaItem(item.question_id, item.gap, growth, weight))
    return sorted(ranked, key=lambda a: (-a.weight, -abs(a.gap), order[a.question_id]))

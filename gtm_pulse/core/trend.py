"""Comparisons over time: the trend of one survey, its runs, and the statements versions share.

A trend over periods answered on different survey versions compares only what every version
asks alike (:func:`common_ground`), so a reworded statement never reads as a change of heart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from gtm_pulse.core.analysis import Comparison
from gtm_pulse.core.models import Question, Survey

if TYPE_CHECKING:
    from gtm_pulse.core.periods import (
        Period,  # gtm_pulse.core.stages reads scores with gtm_pulse.core.analysis
    )
    from gtm_pulse.core.stages import Stages


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
    def periods(self) -> list[Period]:
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

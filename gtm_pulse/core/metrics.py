"""Operating numbers beside perceptions: the team's monthly metrics and the items that cite them.

A survey item names a metric (``metric = "mql-acceptance"``); when the team records that metric,
compare and the dashboard show its trend beside the item's scores: "Sales rates lead quality
2/5 while MQL-to-SQL acceptance fell from 60% to 45%". Pure: no I/O.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from gtm_pulse.core import roles, wording
from gtm_pulse.core.analysis import Comparison
from gtm_pulse.core.models import Metric
from gtm_pulse.core.periods import Period, convert
from gtm_pulse.core.pydantic_errors import first_error
from gtm_pulse.core.trend import arrow
from gtm_pulse.errors import MetricError

#: Metrics most GTM teams track, so ``metrics define ID`` needs no more than the id.
KNOWN: dict[str, Metric] = {
    m.id: m
    for m in (
        Metric(id="mql-acceptance", name="MQL-to-SQL acceptance", unit="%", better="higher"),
        Metric(id="lead-follow-up-hours", name="Lead follow-up time", unit="h", better="lower"),
        Metric(id="forecast-accuracy", name="Forecast accuracy", unit="%", better="higher"),
        Metric(id="pipeline-created", name="Pipeline created", unit="k", better="higher"),
    )
}


def checked_metric(
    metric_id: str, name: str | None, unit: str | None, better: str | None
) -> Metric:
    """A metric definition checked like any input; a known id fills what is not given."""
    from gtm_pulse.core import schema
    from gtm_pulse.core.schema import ValidationError

    known = KNOWN.get(metric_id)
    if name is None and known is None:
        raise MetricError(
            f"metric {metric_id!r}: give --name (ids with defaults: {', '.join(KNOWN)})"
        )
    data = {
        "id": metric_id,
        "name": name if name is not None else known.name,  # type: ignore[union-attr]
        "unit": unit if unit is not None else (known.unit if known else ""),
        "better": better or (known.better if known else "higher"),
    }
    try:
        return schema.validated(schema.Metric, data)
    except ValidationError as error:
        where, message = first_error(error)
        field = where or "metric"
        raise MetricError(f"metric {field} {data.get(field, '')!r}: {message}") from None


def parse_assignments(pairs: Iterable[str]) -> dict[str, float]:
    """``["mql-acceptance=45", "pipeline-created=1200"]`` -> {id: value}; a one-line error else."""
    values: dict[str, float] = {}
    for pair in pairs:
        name, sep, text = pair.partition("=")
        name = name.strip()
        if not sep or not name:
            raise MetricError(f"{pair!r}: expected NAME=VALUE, e.g. mql-acceptance=45")
        try:
            value = float(text.strip().removesuffix("%").replace("_", ""))
        except ValueError:
            raise MetricError(f"{pair!r}: {text.strip()!r} is not a number") from None
        if not math.isfinite(value):
            raise MetricError(f"{pair!r}: {text.strip()!r} is not a finite number")
        if name in values:
            raise MetricError(f"{pair!r}: {name} is given twice")
        values[name] = value
    if not values:
        raise MetricError("give at least one NAME=VALUE, e.g. mql-acceptance=45")
    return values


def _month(period: Period) -> Period:
    return convert(period, "monthly")


def series(metric: Metric, until: Period | None = None) -> list[tuple[Period, float]]:
    """The metric's values oldest first, up to ``until`` (a quarter counts as its last month)."""
    last = _month(until) if until is not None else None
    found = sorted((_month(period), period, value) for period, value in metric.values.items())
    return [(period, value) for month, period, value in found if last is None or month <= last]


@dataclass(frozen=True)
class Beside:
    """A metric shown beside a survey item: its values up to the period reviewed."""

    question_id: str
    metric: Metric
    values: list[tuple[Period, float]]
    """(period, value), oldest first; at least one."""

    @property
    def latest(self) -> tuple[Period, float]:
        return self.values[-1]

    @property
    def change(self) -> float | None:
        """The latest value minus the one before; None with a single value."""
        return self.values[-1][1] - self.values[-2][1] if len(self.values) > 1 else None

    @property
    def arrow(self) -> str:
        return arrow(self.change, higher_is_better=self.metric.better == "higher")

    def movement(self, start: int = 3) -> str:
        """``fell from 60% (2026-09) to 45% (2026-11)``: over the last ``start`` values."""
        shown = self.metric.shown
        period, value = self.latest
        if len(self.values) == 1:
            return f"stood at {shown(value)} ({period})"
        first_period, first = self.values[-min(start, len(self.values))]
        verb = "rose" if value > first else "fell" if value < first else "held"
        if verb == "held":
            return f"held at {shown(value)} from {first_period} to {period}"
        return f"{verb} from {shown(first)} ({first_period}) to {shown(value)} ({period})"


def beside(comparison: Comparison, metrics: Mapping[str, Metric]) -> list[Beside]:
    """Every item of the comparison that cites a metric with a value by its period."""
    found = []
    for question in comparison.survey.questions:
        metric = metrics.get(question.metric) if question.metric else None
        if metric is None or comparison.item(question.id) is None:
            continue
        values = series(metric, comparison.period)
        if values:
            found.append(Beside(question.id, metric, values))
    return found


def sentence(comparison: Comparison, seen: Beside) -> str:
    """``Sales rates 'Leads ...' 2/5, Marketing 4/5, while MQL-to-SQL acceptance fell ...``."""
    survey = comparison.survey
    item = comparison.item(seen.question_id)
    question = survey.question(seen.question_id)
    assert item is not None and question is not None
    names = (roles.function_name(comparison.pair[0]), roles.function_name(comparison.pair[1]))
    said = wording.quote_pair(survey, names, (item.left_answer, item.right_answer))
    return f"'{survey.neutral(question.text)}': {said}, while {seen.metric.name} {seen.movement()}"

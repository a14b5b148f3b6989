"""Indices and gaps over time: the trend part of ``compare`` and the whole of ``gtm-pulse trend``.

Lines over time are plotext line charts (see
:func:`gtm_pulse.report.charts.line_chart`); the figures under them say what a line cannot:
each dimension's change and the longest runs.
"""

from __future__ import annotations

from collections.abc import Mapping

from gtm_pulse.core import figures, roles
from gtm_pulse.core.commitments import follow_through
from gtm_pulse.core.models import Dimension, Survey
from gtm_pulse.core.periods import Period
from gtm_pulse.core.safe_text import for_terminal
from gtm_pulse.core.termtext import clip, pad, wrap
from gtm_pulse.core.trend import Trend, arrow
from gtm_pulse.report.charts import LEFT_COLOUR, RIGHT_COLOUR, Ink, Series, line_chart, rule
from gtm_pulse.report.common import stage_words

#: Markers and colours of successive lines, so each reads without colour too.
_MARKERS = ("braille", "dot", "x", "+", "o", "*", "#", "@", "%", "&")
_COLOURS = ("blue", "green", "red", "cyan", "magenta", "yellow", "white", "blue", "green", "red")

#: What the arrows mean; every table of changes is followed by this line.
ARROWS = "↑ better  ↓ worse  → unchanged"


def indices_chart(history: Trend, width: int, ink: Ink) -> list[str]:
    """Alignment and health, 0-100, one line each."""
    return line_chart(
        "Alignment and health, 0-100",
        history.periods,
        [
            Series("alignment", [c.alignment for c in history.comparisons], "*", "blue"),
            Series("health", [c.health for c in history.comparisons], "dot", "green"),
        ],
        width,
        ink,
        ylim=(0, 100),
        height=12,
    )


def trend_section(history: Trend, width: int, ink: Ink) -> list[str]:
    """Compare's trend: the indices over time, each dimension's gap now and the longest runs."""
    periods = history.periods
    lines = indices_chart(history, width, ink)
    last = len(periods) - 1
    survey = history.comparisons[-1].survey
    lines.append(clip(f"{'Dimension':<24}{'gap now':>8}  change since {periods[last - 1]}", width))
    for dimension in survey.dimensions:
        now = history.dimension_gap(last, dimension.id)
        if now is None:
            continue
        before = history.dimension_gap(last - 1, dimension.id)
        change = now - before if before is not None else None
        worse_up = arrow(change, higher_is_better=False)
        moved = "new" if change is None else f"{worse_up} {figures.change(change)}"
        shown = figures.shown(now, digits=1)
        lines.append(clip(f"{pad(dimension.name, 24)}{shown:>8}  {moved}", width))
    lines.append(ARROWS)
    return lines + longest_runs(history, width) + follow_through_line(history, width)


def follow_through_line(history: Trend, width: int) -> list[str]:
    """``Follow-through of commitments: 2026-07 50% · 2026-08 100%`` (periods asked only)."""
    shown = [
        f"{c.period} {figures.shown(value)}%"
        for c in history.comparisons
        if (value := follow_through(c.responses)) is not None
    ]
    if not shown:
        return []
    text = "Follow-through of commitments (yes 100, partly 50, no 0): " + " · ".join(shown)
    return wrap(text, width)


def longest_runs(history: Trend, width: int) -> list[str]:
    """The longest runs of alignment improving and declining, one line each (if any)."""
    lines = []
    for improving, word in ((True, "improvement"), (False, "decline")):
        run = history.longest_run(improving=improving)
        if run is not None:
            steps = "period" if run.length == 1 else "periods"
            text = f"Longest {word} of alignment: {run.length} {steps} ({run.start} → {run.end})"
            lines.append(clip(text, width))
    return lines


def render_trend(
    company: str,
    survey: Survey,
    pair: tuple[str, str],
    history: Trend,
    width: int,
    ink: Ink,
    dimension: Dimension | None = None,
    opened: Mapping[Period, str] | None = None,
) -> str:
    """``gtm-pulse trend``: the indices and the gaps over time as line charts, then the figures.

    ``opened``: period -> the words saying a CEO's override opened it early.
    """
    periods = history.periods
    span = f"{periods[0]} to {periods[-1]}" if len(periods) > 1 else periods[0]
    lines = [
        ink(clip(f"{for_terminal(company)} · {survey.title} · {span}", width), bold=True),
        clip(f"{len(periods)} period(s) both sides submitted", width),
        *(wrap(f"Across {history.shared.words()}.", width) if history.shared else []),
        "",
        rule("Alignment and health", width, ink),
        *indices_chart(history, width, ink),
        "",
    ]
    points = survey.scale.points
    if dimension is None:
        shown = [d for d in survey.dimensions if _gaps(history, d.id)]
        lines.append(rule(f"Gap per dimension: mean |gap|, 0 to {points - 1}", width, ink))
        lines += line_chart(
            "Mean |gap| per dimension (lower is better)",
            periods,
            [
                Series(d.name, _gaps(history, d.id), _MARKERS[n % 10], _COLOURS[n % 10])
                for n, d in enumerate(shown)
            ],
            width,
            ink,
            ylim=(0, points - 1),
        )
    else:
        left, right = (roles.function_name(role) for role in pair)
        lines.append(rule(f"{dimension.name}: each side's mean score, 1 to {points}", width, ink))
        lines += line_chart(
            f"{dimension.name}: {left} and {right}",
            periods,
            [
                Series(left, _means(history, dimension.id, 0), "braille", LEFT_COLOUR),
                Series(right, _means(history, dimension.id, 1), "dot", RIGHT_COLOUR),
                Series("mean |gap|", _gaps(history, dimension.id), "x", "red"),
            ],
            width,
            ink,
            ylim=(0, points),
        )
    lines += ["", rule("Per period", width, ink), *_table(history, width, dimension), ARROWS]
    lines += longest_runs(history, width)
    for period, words in (opened or {}).items():
        lines += wrap(f"Note: {period} was {words}.", width)
    if history.stages:
        names = " · ".join(b.name for b in survey.stage.bands) if survey.stage else ""
        lines += ["", rule(f"Relationship stage ({names})", width, ink)]
        lines += [
            line
            for placed in history.stages
            for line in wrap(f"{placed.period}: {stage_words(placed, pair)}", width)
        ]
    return "\n".join(lines) + "\n"


def _gaps(history: Trend, dimension_id: str) -> list[float | None]:
    return [history.dimension_gap(n, dimension_id) for n in range(len(history.comparisons))]


def _means(history: Trend, dimension_id: str, side: int) -> list[float | None]:
    found = []
    for comparison in history.comparisons:
        match = [d for d in comparison.dimensions if d.dimension_id == dimension_id]
        found.append((match[0].left_mean, match[0].right_mean)[side] if match else None)
    return found


def _table(history: Trend, width: int, dimension: Dimension | None) -> list[str]:
    head = f"{'period':<9}{'alignment':>10}{'':7}{'health':>7}{'':7}{'follow-through':>14}"
    head += " quadrant" if dimension is None else f" {'gap':>5}"
    rows = [clip(head, width)]
    for n, comparison in enumerate(history.comparisons):
        cells = [f"{comparison.period:<9}"]
        t = comparison.survey.thresholds
        for measure, line, drop in (
            ("alignment", t.aligned, (-t.alignment_drop,)),
            ("health", t.healthy, ()),
        ):
            change = history.change(n, measure)
            moved = "" if change is None else f"{arrow(change)} {figures.change(change, drop)}"
            value = figures.shown(getattr(comparison, measure), (line,))
            cells.append(f"{value:>{len(measure) + 1}} {moved:<6}")
        done = follow_through(comparison.responses)
        cells.append(f"{figures.shown(done):>13}%" if done is not None else f"{'—':>14}")
        if dimension is None:
            cells.append(f" {comparison.quadrant}")
        else:
            gap = history.dimension_gap(n, dimension.id)
            cells.append(f" {figures.shown(gap, digits=1):>5}" if gap is not None else "     —")
        rows.append(clip("".join(cells), width))
    return rows

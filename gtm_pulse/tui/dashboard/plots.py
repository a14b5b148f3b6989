"""The dashboard's charts, drawn on a textual-plotext figure (``PlotextPlot.plt``).

Each function clears the figure and draws one analysis result; :class:`~.chart.Chart` calls it
again before every render, at the widget's size. Bars are vertical: plotext places a bar on the
columns of its x position exactly, while horizontal bars only get whole rows when each has
several (measured, see ``gtm_pulse.charts``).
Grouped bars are two series at explicit positions: plotext's ``multiple_bar`` overlaps them.
The two sides use different markers, so the charts read in an SVG or on a projector without
colour too.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from gtm_pulse import roles
from gtm_pulse.analysis import Comparison, ItemGap, Trend
from gtm_pulse.charts import ordered_xticks, ordered_yticks
from gtm_pulse.models import Survey
from gtm_pulse.perceptions import Perceptions, figures
from gtm_pulse.report.common import dimension_name
from gtm_pulse.team_matrix import Matrix

if TYPE_CHECKING:
    from textual_plotext.plot import Plot

LEFT_MARKER, RIGHT_MARKER = "█", "▒"
LEFT_COLOUR, RIGHT_COLOUR = "blue+", "magenta+"
_LINE_MARKERS = ("braille", "dot", "x", "+", "o", "*", "#", "@", "%", "&")
_LINE_COLOURS = ("cyan+", "green+", "red+", "yellow+", "magenta+", "blue+", "white", "orange")


def dimension_bars(plt: Plot, comparison: Comparison) -> None:
    """Each dimension's mean score on both sides, side by side (scale 0..P)."""
    plt.clear_data()
    plt.clear_figure()
    survey = comparison.survey
    names = [dimension_name(survey, d.dimension_id) for d in comparison.dimensions]
    left, right = (roles.function_name(role) for role in comparison.pair)
    count = len(comparison.dimensions)
    # 4 units per dimension: two bars 1.2 apart and a gap. A bar's width is relative to its
    # series' spacing (4): 0.2 makes it 0.8 units, leaving air between the two at any size.
    plt.bar([4 * n + 1 for n in range(count)], [d.left_mean for d in comparison.dimensions],
            width=0.2, marker=LEFT_MARKER, color=LEFT_COLOUR, label=left)  # fmt: skip
    plt.bar([4 * n + 2.2 for n in range(count)], [d.right_mean for d in comparison.dimensions],
            width=0.2, marker=RIGHT_MARKER, color=RIGHT_COLOUR, label=right)  # fmt: skip
    ordered_xticks(plt, [4 * n + 1.6 for n in range(count)], names)
    plt.xlim(0, 4 * count - 0.8)
    plt.ylim(0, survey.scale.points)
    plt.title(f"Mean score per dimension, 1 to {survey.scale.points}")


def gap_bars(plt: Plot, items: Sequence[ItemGap], survey: Survey, pair: tuple[str, str]) -> None:
    """Each statement's signed gap, largest first, numbered as in the table beside it."""
    plt.clear_data()
    plt.clear_figure()
    span = survey.scale.points - 1
    left, right = (roles.function_name(role) for role in pair)
    ranks = list(range(1, len(items) + 1))
    if items:
        # One series per side, each over every rank (0 where the other side is higher): a bar's
        # width is relative to its series' spacing, and plotext colours a series, not a bar.
        plt.bar(ranks, [max(0.0, i.gap) for i in items], width=0.5, marker=LEFT_MARKER,
                color=LEFT_COLOUR, label=f"{left} higher")  # fmt: skip
        plt.bar(ranks, [min(0.0, i.gap) for i in items], width=0.5, marker=RIGHT_MARKER,
                color=RIGHT_COLOUR, label=f"{right} higher")  # fmt: skip
        ordered_xticks(plt, ranks, [str(rank) for rank in ranks])
        plt.xlim(0, len(items) + 1)
    plt.hline(0)
    plt.ylim(-span, span)
    ordered_yticks(plt, list(range(-span, span + 1)))
    plt.title(f"Gap per statement: above 0 {left} scores higher, below 0 {right} does")


def misreading_bars(plt: Plot, perceived: Perceptions, survey: Survey) -> None:
    """Each side's guess minus the other's answer, statement by statement (0: read right)."""
    plt.clear_data()
    plt.clear_figure()
    span = survey.scale.points - 1
    statements = list(dict.fromkeys(r.question_id for r in perceived.readings))
    count = len(statements)
    for offset, role, marker, colour in (
        (1, perceived.pair[0], LEFT_MARKER, LEFT_COLOUR),
        (2.2, perceived.pair[1], RIGHT_MARKER, RIGHT_COLOUR),
    ):
        guesses = {r.question_id: r.misreading for r in perceived.readings if r.by == role}
        plt.bar([4 * n + offset for n in range(count)],
                [guesses.get(q, 0.0) for q in statements], width=0.2, marker=marker,
                color=colour, label=f"{roles.function_name(role)} guessed")  # fmt: skip
    if count:
        ordered_xticks(plt, [4 * n + 1.6 for n in range(count)], [str(n + 1) for n in range(count)])
        plt.xlim(0, 4 * count - 0.8)
    plt.hline(0)
    plt.ylim(-span, span)
    ordered_yticks(plt, list(range(-span, span + 1)))
    plt.title("Guess minus the other's answer, per statement: above 0 thought it better")


def quadrant(plt: Plot, history: Trend, aligned: float, healthy: float) -> None:
    """Health across, alignment up: the thresholds split the four quadrants; the trail is the
    periods so far, the last one marked."""
    plt.clear_data()
    plt.clear_figure()
    points = history.comparisons
    if len(points) > 1:
        plt.plot([c.health for c in points], [c.alignment for c in points],
                 marker="dot", color="gray")  # fmt: skip
    last = points[-1]
    plt.scatter([last.health], [last.alignment], marker="●", color="yellow+")
    plt.vline(healthy)
    plt.hline(aligned)
    plt.xlim(0, 100)
    plt.ylim(0, 100)
    # Labels take the figure's background only if told: textual-plotext sets the theme (and
    # so the canvas colour) when it draws, after these calls; "default" follows it.
    for label, x, y in (
        ("aligned & healthy", (healthy + 100) / 2, (aligned + 100) / 2),
        ("aligned, struggling", healthy / 2, (aligned + 100) / 2),
        ("divergent", (healthy + 100) / 2, aligned / 4),
        ("divergent, struggling", healthy / 2, aligned / 4),
    ):
        plt.text(label, x=x, y=y, alignment="center", color="gray", background="default")
    plt.xlabel("health")
    plt.title(f"alignment (up) against health (across) · {last.period}")


def index_lines(plt: Plot, history: Trend) -> None:
    """Alignment and health over the periods, 0-100, and mutual understanding if measured."""
    plt.clear_data()
    plt.clear_figure()
    x = list(range(len(history.periods)))
    plt.plot(x, [c.alignment for c in history.comparisons], marker="braille",
             color="cyan+", label="alignment")  # fmt: skip
    plt.plot(x, [c.health for c in history.comparisons], marker="dot",
             color="green+", label="health")  # fmt: skip
    understood = [
        (n, value)
        for n, c in enumerate(history.comparisons)
        if (value := figures(c)[0]) is not None
    ]
    if understood:
        xs, ys = zip(*understood, strict=True)
        plt.plot(list(xs), list(ys), marker="x", color="yellow+", label="understanding")
    _period_ticks(plt, history.periods)
    plt.ylim(0, 100)
    plt.title("Alignment, health and understanding, 0-100" if understood else
              "Alignment and health, 0-100")  # fmt: skip


def dimension_gap_lines(plt: Plot, history: Trend, survey: Survey) -> None:
    """Each dimension's mean |gap| over the periods (lower is better)."""
    plt.clear_data()
    plt.clear_figure()
    count = len(history.comparisons)
    for n, dimension in enumerate(survey.dimensions):
        points = [
            (x, gap)
            for x in range(count)
            if (gap := history.dimension_gap(x, dimension.id)) is not None
        ]
        if points:
            xs, ys = zip(*points, strict=True)
            plt.plot(list(xs), list(ys), marker=_LINE_MARKERS[n % len(_LINE_MARKERS)],
                     color=_LINE_COLOURS[n % len(_LINE_COLOURS)], label=dimension.name)  # fmt: skip
    _period_ticks(plt, history.periods)
    plt.ylim(0, survey.scale.points - 1)
    plt.title("Mean |gap| per dimension (lower is better)")


def pair_lines(plt: Plot, matrices: Sequence[Matrix]) -> None:
    """Each pair's alignment over the periods three or more roles answered, 0-100."""
    plt.clear_data()
    plt.clear_figure()
    periods = [m.period for m in matrices]
    pairs = list(dict.fromkeys((a, b) for m in matrices for a, b, _ in m.pairs()))
    pairs.sort(key=lambda pair: [r for m in matrices for r in m.roles].index(pair[0]))
    for n, (a, b) in enumerate(pairs):
        points = [
            (x, value) for x, m in enumerate(matrices) if (value := m.alignment(a, b)) is not None
        ]
        xs, ys = zip(*points, strict=True)
        label = f"{roles.function_name(a)}-{roles.function_name(b)}"
        plt.plot(list(xs), list(ys), marker=_LINE_MARKERS[n % len(_LINE_MARKERS)],
                 color=_LINE_COLOURS[n % len(_LINE_COLOURS)], label=label)  # fmt: skip
    if periods:
        _period_ticks(plt, periods)
    plt.ylim(0, 100)
    plt.title("Alignment of each pair over time, 0-100")


def _period_ticks(plt: Plot, periods: Sequence[str]) -> None:
    step = max(1, (len(periods) + 5) // 6)
    x = list(range(len(periods)))
    ordered_xticks(plt, x[::step], list(periods[::step]))
    if len(periods) == 1:
        plt.xlim(-1, 1)

"""The dashboard's charts, drawn on a textual-plotext figure (``PlotextPlot.plt``), and their
legends, which are drawn beside a chart, never over its bars.

Each painter clears the figure and draws one analysis result at the widget's size;
:class:`~.chart.Chart` calls it again before every render. Bars are vertical: plotext places a
bar on the columns of its x position exactly, while horizontal bars only get whole rows when
each has several (measured, see ``gtm_pulse.report.charts``); the slides' labelled gap chart is
drawn as text instead (:func:`gap_rows`).
Grouped bars are two series at explicit positions: plotext's ``multiple_bar`` overlaps them.
The two sides use different markers, so the charts read in an SVG or on a projector without
colour too.

Value axes span the survey's scale: scores 1..P, gaps -(P-1)..+(P-1) with a tick on every
integer. plotext maps the axis onto the rows it has, so a gap chart needs at least one row per
integer (``2 (P-1) + 1``): with fewer, two ticks share a row and one is dropped (a +2 bar then
reads as +1). The views give their gap charts that height (see ``dashboard.tcss``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text

from gtm_pulse.core import roles
from gtm_pulse.core.analysis import Comparison, ItemGap
from gtm_pulse.core.models import Survey
from gtm_pulse.core.perceptions import Perceptions, figures
from gtm_pulse.core.trend import Trend
from gtm_pulse.report.charts import ordered_xticks, ordered_yticks
from gtm_pulse.report.common import dimension_name

if TYPE_CHECKING:
    from textual.geometry import Size
    from textual_plotext.plot import Plot

    from gtm_pulse.core.team_matrix import Matrix

LEFT_MARKER, RIGHT_MARKER = "█", "▒"
LEFT_COLOUR, RIGHT_COLOUR = "blue+", "magenta+"
_LINE_MARKERS = ("braille", "dot", "x", "+", "o", "*", "#", "@", "%", "&")
_LINE_COLOURS = ("cyan+", "green+", "red+", "yellow+", "magenta+", "blue+", "white", "orange")

#: Columns plotext takes beside the plot area for the y tick labels and the frame (at most).
_Y_AXIS = 7

#: Each plotext colour used here, as Rich names it (for the legends, drawn by Rich).
_RICH_COLOUR = {"orange": "dark_orange", "gray": "grey50"}

Entry = tuple[str, str, str]
"""One legend line: the marker as drawn, its plotext colour, what it stands for."""


def legend(entries: Sequence[Entry], *, inline: bool = False) -> Text:
    """The key of a chart, to show beside it (plotext's own covers bars): one entry a line,
    or ``inline`` one after the other (over or under a chart, where the width is short)."""
    text = Text()
    for n, (marker, colour, label) in enumerate(entries):
        if n:
            text.append("   " if inline else "\n")
        text.append(marker * 2, style=_rich_colour(colour))
        text.append(f" {label}")
    return text


def _rich_colour(colour: str) -> str:
    """A plotext colour name (``blue+``: the bright blue) as Rich names it."""
    if colour.endswith("+"):
        return "bright_" + colour[:-1]
    return _RICH_COLOUR.get(colour, colour)


def side_legend(pair: tuple[str, str], words: str = "", key: Sequence[str] = ()) -> Text:
    """The two sides' markers, under a heading (``Sees it better:``) when ``words`` says what
    a bar of theirs means, then ``key``: what each numbered group of bars is."""
    left, right = (roles.function_name(role) for role in pair)
    entries = [(LEFT_MARKER, LEFT_COLOUR, left), (RIGHT_MARKER, RIGHT_COLOUR, right)]
    text = Text(f"{words}:\n", style="bold") + legend(entries) if words else legend(entries)
    if key:
        text.append("\n\n" + "\n".join(f"{n} {name}" for n, name in enumerate(key, start=1)))
    return text


def inline_side_legend(pair: tuple[str, str]) -> Text:
    """``██ Sales   ▒▒ Marketing`` on one line, over a chart."""
    left, right = (roles.function_name(role) for role in pair)
    entries = [(LEFT_MARKER, LEFT_COLOUR, left), (RIGHT_MARKER, RIGHT_COLOUR, right)]
    return legend(entries, inline=True)


def _line_marker(marker: str) -> str:
    return {"braille": "⣿", "dot": "•"}.get(marker, marker)


def dimension_bars(plt: Plot, size: Size, comparison: Comparison) -> None:
    """Each dimension's mean score on both sides, side by side, on the scale 1..P.

    The dimensions are named under their bars where the names fit, else numbered as in the
    table beside (plotext would drop a label that overlaps its neighbour).
    """
    plt.clear_data()
    plt.clear_figure()
    survey = comparison.survey
    points = survey.scale.points
    names = [dimension_name(survey, d.dimension_id) for d in comparison.dimensions]
    count = len(comparison.dimensions)
    # 4 units per dimension: two bars 1.2 apart and a gap. A bar's width is relative to its
    # series' spacing (4): 0.2 makes it 0.8 units, leaving air between the two at any size.
    # The bars rise from 1, the scale's floor: from 0 they would all look a point better.
    plt.bar([4 * n + 1 for n in range(count)], [d.left_mean for d in comparison.dimensions],
            width=0.2, marker=LEFT_MARKER, color=LEFT_COLOUR, minimum=1)  # fmt: skip
    plt.bar([4 * n + 2.2 for n in range(count)], [d.right_mean for d in comparison.dimensions],
            width=0.2, marker=RIGHT_MARKER, color=RIGHT_COLOUR, minimum=1)  # fmt: skip
    ordered_xticks(plt, [4 * n + 1.6 for n in range(count)], dimension_ticks(names, size.width))
    plt.xlim(0, 4 * count - 0.8)
    plt.ylim(1, points)
    ordered_yticks(plt, list(range(1, points + 1)))
    plt.title(f"Mean score per dimension, 1 to {points}")


def dimension_ticks(names: Sequence[str], width: int) -> list[str]:
    """The dimensions' names if each fits under its bars at ``width``, else their numbers."""
    room = (width - _Y_AXIS) // max(1, len(names)) - 1
    if all(len(name) <= room for name in names):
        return list(names)
    return [str(n) for n in range(1, len(names) + 1)]


def gap_bars(
    plt: Plot, size: Size, items: Sequence[ItemGap], survey: Survey, pair: tuple[str, str]
) -> None:
    """Each statement's signed gap (left minus right score), largest first, numbered as in the
    table beside; the axis spans every integer from -(P-1) to +(P-1)."""
    plt.clear_data()
    plt.clear_figure()
    span = survey.scale.points - 1
    ranks = list(range(1, len(items) + 1))
    if items:
        # One series per side, each over every rank (0 where the other side is higher): a bar's
        # width is relative to its series' spacing, and plotext colours a series, not a bar.
        plt.bar(ranks, [max(0.0, i.gap) for i in items], width=0.5, marker=LEFT_MARKER,
                color=LEFT_COLOUR)  # fmt: skip
        plt.bar(ranks, [min(0.0, i.gap) for i in items], width=0.5, marker=RIGHT_MARKER,
                color=RIGHT_COLOUR)  # fmt: skip
        ordered_xticks(plt, ranks, [str(rank) for rank in ranks])
        plt.xlim(0.4, len(items) + 0.6)
    plt.hline(0)
    plt.ylim(-span, span)
    ordered_yticks(plt, list(range(-span, span + 1)))


def misreading_bars(plt: Plot, size: Size, perceived: Perceptions, survey: Survey) -> None:
    """Each side's guess minus the other's answer, statement by statement (0: read right),
    numbered as in the table; the axis spans every integer from -(P-1) to +(P-1)."""
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
                color=colour)  # fmt: skip
    if count:
        ordered_xticks(plt, [4 * n + 1.6 for n in range(count)], [str(n + 1) for n in range(count)])
        plt.xlim(0, 4 * count - 0.8)
    plt.hline(0)
    plt.ylim(-span, span)
    ordered_yticks(plt, list(range(-span, span + 1)))


def quadrant(plt: Plot, size: Size, history: Trend, aligned: float, healthy: float) -> None:
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
    # The names of Comparison.quadrant, on the top and bottom rows: half way up a quadrant a
    # short chart put them on the threshold line. Labels take the figure's background only if
    # told: textual-plotext sets the theme (the canvas colour) when it draws; "default" follows.
    for label, x, y in (
        ("aligned & healthy", (healthy + 100) / 2, 100),
        ("aligned but struggling", healthy / 2, 100),
        ("divergent", (healthy + 100) / 2, 0),
        ("divergent and struggling", healthy / 2, 0),
    ):
        plt.text(label, x=x, y=y, alignment="center", color="gray", background="default")
    plt.xlabel("health")
    plt.title(f"alignment (up) against health (across) · {last.period}")


def index_lines(plt: Plot, size: Size, history: Trend) -> None:
    """Alignment and health over the periods, 0-100, and mutual understanding if measured."""
    plt.clear_data()
    plt.clear_figure()
    x = list(range(len(history.periods)))
    for (marker, colour, _), values in zip(
        index_entries(history), _index_values(history), strict=False
    ):
        xs = [n for n in x if values[n] is not None]
        plt.plot(xs, [values[n] for n in xs], marker=marker, color=colour)
    _period_ticks(plt, history.periods, size.width)
    plt.ylim(0, 100)
    plt.title("Alignment, health and understanding, 0-100" if len(index_entries(history)) > 2
              else "Alignment and health, 0-100")  # fmt: skip


def _index_values(history: Trend) -> list[list[float | None]]:
    return [
        [c.alignment for c in history.comparisons],
        [c.health for c in history.comparisons],
        [figures(c)[0] for c in history.comparisons],
    ]


def index_entries(history: Trend) -> list[Entry]:
    """The lines :func:`index_lines` draws (understanding only where it was measured)."""
    entries: list[Entry] = [("braille", "cyan+", "alignment"), ("dot", "green+", "health")]
    if any(value is not None for value in _index_values(history)[2]):
        entries.append(("x", "yellow+", "understanding"))
    return entries


def index_legend(history: Trend, *, inline: bool = False) -> Text:
    entries = [(_line_marker(m), c, label) for m, c, label in index_entries(history)]
    return legend(entries, inline=inline)


def dimension_gap_lines(plt: Plot, size: Size, history: Trend, survey: Survey) -> None:
    """Each dimension's mean |gap| over the periods, 0..P-1 (lower is better)."""
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
                     color=_LINE_COLOURS[n % len(_LINE_COLOURS)])  # fmt: skip
    _period_ticks(plt, history.periods, size.width)
    span = survey.scale.points - 1
    plt.ylim(0, span)
    ordered_yticks(plt, list(range(span + 1)))
    plt.title("Mean |gap| per dimension (lower is better)")


def dimension_gap_legend(survey: Survey, *, inline: bool = False) -> Text:
    return legend(
        [
            (_line_marker(_LINE_MARKERS[n % len(_LINE_MARKERS)]),
             _LINE_COLOURS[n % len(_LINE_COLOURS)], dimension.name)
            for n, dimension in enumerate(survey.dimensions)
        ],
        inline=inline,
    )  # fmt: skip


def _pairs(matrices: Sequence[Matrix]) -> list[tuple[str, str]]:
    pairs = list(dict.fromkeys((a, b) for m in matrices for a, b, _ in m.pairs()))
    pairs.sort(key=lambda pair: [r for m in matrices for r in m.roles].index(pair[0]))
    return pairs


def pair_lines(plt: Plot, size: Size, matrices: Sequence[Matrix]) -> None:
    """Each pair's alignment over the periods three or more roles answered, 0-100."""
    plt.clear_data()
    plt.clear_figure()
    periods = [m.period for m in matrices]
    for n, (a, b) in enumerate(_pairs(matrices)):
        points = [
            (x, value) for x, m in enumerate(matrices) if (value := m.alignment(a, b)) is not None
        ]
        xs, ys = zip(*points, strict=True)
        plt.plot(list(xs), list(ys), marker=_LINE_MARKERS[n % len(_LINE_MARKERS)],
                 color=_LINE_COLOURS[n % len(_LINE_COLOURS)])  # fmt: skip
    if periods:
        _period_ticks(plt, periods, size.width)
    plt.ylim(0, 100)
    plt.title("Alignment of each pair over time, 0-100")


def pair_legend(matrices: Sequence[Matrix], *, inline: bool = False) -> Text:
    return legend(
        [
            (_line_marker(_LINE_MARKERS[n % len(_LINE_MARKERS)]),
             _LINE_COLOURS[n % len(_LINE_COLOURS)],
             f"{roles.function_name(a)}-{roles.function_name(b)}")
            for n, (a, b) in enumerate(_pairs(matrices))
        ],
        inline=inline,
    )  # fmt: skip


def _period_ticks(plt: Plot, periods: Sequence[str], width: int) -> None:
    """A period label every few periods: as many as fit at ``width`` without touching."""
    fit = max(1, (width - _Y_AXIS) // (max(map(len, periods), default=7) + 2))
    step = max(1, -(-len(periods) // fit))
    x = list(range(len(periods)))
    ordered_xticks(plt, x[::step], list(periods[::step]))
    if len(periods) == 1:
        plt.xlim(-1, 1)


def gap_rows(items: Sequence[ItemGap], survey: Survey, pair: tuple[str, str], width: int) -> Text:
    """Every statement's signed gap as a labelled bar, one row each, centred in ``width``.

    Text, not plotext: a slide names every bar, and a row per bar with its label is exact at
    any width. Right of the axis the left side (Sales) sees it better, left of it the right
    side does; the axis row below ticks every integer from -(P-1) to +(P-1).
    """
    span = survey.scale.points - 1
    labels = [survey.label(item.question_id) for item in items]
    label_w = max(map(len, labels), default=0)
    value_w = 4  # " +3" and a space
    # At least 3 cells a point: room for every tick ("-4") with a space between.
    per_point = max(3, min(8, (width - label_w - 1 - 1 - value_w) // (2 * span)))
    half = span * per_point
    used = label_w + 1 + 2 * half + 1 + value_w
    margin = " " * max(0, (width - used) // 2)
    left, right = (roles.function_name(role) for role in pair)
    text = Text(no_wrap=True, overflow="crop")
    towards_right = next(
        (w for w in (f"{left} sees it better ▶", f"{left} better ▶") if len(w) <= half), f"{left} ▶"
    )
    towards_left = next(
        (w for w in (f"◀ {right} sees it better", f"◀ {right} better") if len(w) <= half),
        f"◀ {right}",
    )
    head = towards_left.rjust(half)[-half:] + "│" + towards_right[:half]
    text.append(margin + " " * (label_w + 1) + head + "\n", style="bold")
    for label, item in zip(labels, items, strict=True):
        cells = round(abs(item.gap) * per_point)
        text.append(margin + label.ljust(label_w) + " ")
        if item.gap > 0:
            text.append(" " * half + "│")
            text.append(LEFT_MARKER * cells, style=_rich_colour(LEFT_COLOUR))
            text.append(" " * (half - cells))
        else:
            text.append(" " * (half - cells))
            text.append(RIGHT_MARKER * cells, style=_rich_colour(RIGHT_COLOUR))
            text.append("│" + " " * half)
        text.append(f" {item.gap:+.0f}".rjust(value_w) + "\n")
    # One column before the bars (the space after the labels) takes the sign of the lowest tick.
    axis = [" "] * (2 * half + 4)
    for value in range(-span, span + 1):
        tick = f"{value:+d}" if value else "0"
        at = 1 + half + value * per_point - (len(tick) - 1 if value < 0 else 0)
        axis[at : at + len(tick)] = tick
    text.append(margin + " " * label_w + "".join(axis).rstrip(), style="dim")
    return text

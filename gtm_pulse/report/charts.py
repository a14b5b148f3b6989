"""Terminal charts of analysis results: lists of lines, never wider than the width asked for.

Bars are drawn here, one text row per bar; lines over time are drawn by plotext. Why not plotext
for the bars too: plotext 5.3 rasterises a bar chart onto a canvas whose rows do not line up with
the bars once a bar gets a single row (measured: with 15 items at one row each, bars landed on
their neighbours' labels), and its grouped bars overlap. A report whose bars can sit on the wrong
label is worse than none, and a row per bar is exact at any width.

Without colour (``NO_COLOR``, a pipe, a file) every chart still reads: the two sides use
different glyphs, and values are printed beside the bars.
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from gtm_pulse.core import figures, roles
from gtm_pulse.core.analysis import Comparison
from gtm_pulse.core.answered import Solo
from gtm_pulse.core.termtext import cell_width, clip, pad, strip_style
from gtm_pulse.report.common import dimension_name

#: The narrowest and widest widths the charts are laid out for by default.
MIN_WIDTH, MAX_WIDTH = 40, 200

#: Glyphs of the two sides of a pair, so the charts read without colour.
LEFT_GLYPH, RIGHT_GLYPH = "█", "▒"
LEFT_COLOUR, RIGHT_COLOUR = "blue", "magenta"


def use_colour(stream: TextIO | None = None) -> bool:
    """Colour only for a terminal, and never when ``NO_COLOR`` is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


#: ANSI colour codes, as terminals (and click.style, which these reports used to call) know them.
_ANSI = {
    "black": 30, "red": 31, "green": 32, "yellow": 33,
    "blue": 34, "magenta": 35, "cyan": 36, "white": 37,
}  # fmt: skip


def _style(text: str, fg: str | None, bold: bool) -> str:
    """``text`` in colour ``fg`` and/or bold, then reset: the escapes click.style writes, kept
    here so the reports need no CLI library."""
    colour = f"\x1b[{_ANSI[fg]}m" if fg else ""
    return f"{colour}\x1b[{1 if bold else 22}m{text}\x1b[0m"


@dataclass(frozen=True)
class Ink:
    """Paints text when colour is on; leaves it plain when off."""

    colour: bool

    def __call__(self, text: str, fg: str | None = None, *, bold: bool = False) -> str:
        if not self.colour or not text:
            return text
        return _style(text, fg, bold)


def rule(title: str, width: int, ink: Ink) -> str:
    """A section heading: ``── Title ─────`` across the width."""
    head = clip(f"── {title} ", width)
    return ink(head + "─" * max(0, width - cell_width(head)), bold=True)


def _bar(cells: int, glyph: str) -> str:
    return glyph * max(0, cells)


def _scale_cells(value: float, low: float, high: float, span: int) -> int:
    """How many of ``span`` cells ``value`` fills on the scale ``low``..``high``."""
    share = (value - low) / (high - low) if high > low else 0.0
    return round(min(1.0, max(0.0, share)) * span)


# -- dimension scores, both sides ---------------------------------------------------------------


def dimension_bars(comparison: Comparison, width: int, ink: Ink) -> list[str]:
    """Grouped bars: each dimension's mean score on both sides (1..P), with the mean |gap|."""
    survey = comparison.survey
    points = survey.scale.points
    names = [dimension_name(comparison.survey, d.dimension_id) for d in comparison.dimensions]
    sides = [roles.function_name(role) for role in comparison.pair]
    label_w = min(max(map(cell_width, names), default=0), max(8, width // 4))
    side_w = max(map(cell_width, sides))
    tail = "  |gap| 0.0"
    bar_w = width - label_w - 1 - side_w - 1 - 1 - 4 - len(tail)
    if bar_w < 20:  # narrow: the legend's glyphs tell the sides apart, so drop their names
        bar_w += side_w + 1
        side_w = -1
    lines = [_axis(points, label_w + 1 + side_w + 1, bar_w)]
    for name, dim in zip(names, comparison.dimensions, strict=True):
        gap = f"  |gap| {figures.shown(dim.mean_abs_gap, digits=1)}"
        rows = (
            (name, sides[0], dim.left_mean, LEFT_GLYPH, LEFT_COLOUR, ""),
            ("", sides[1], dim.right_mean, RIGHT_GLYPH, RIGHT_COLOUR, gap),
        )
        for label, side, value, glyph, colour, extra in rows:
            cells = _scale_cells(value, 1, points, bar_w)
            bar = ink(_bar(cells, glyph), colour) + " " * (bar_w - cells)
            named = f"{pad(side, side_w)} " if side_w > 0 else ""
            shown = figures.shown(value, digits=1)
            lines.append(f"{pad(label, label_w)} {named}{bar} {shown:>4}{extra}".rstrip())
    return lines


def solo_bars(alone: Solo, width: int, ink: Ink) -> list[str]:
    """One side's mean score per dimension, for a partial review (no second side, no gaps)."""
    survey = alone.survey
    points = survey.scale.points
    shown = [
        (d.name, alone.dimensions[d.id]) for d in survey.dimensions if d.id in alone.dimensions
    ]
    label_w = min(max((cell_width(name) for name, _ in shown), default=0), max(8, width // 3))
    bar_w = width - label_w - 1 - 1 - 4
    lines = [_axis(points, label_w + 1, bar_w)]
    for name, value in shown:
        cells = _scale_cells(value, 1, points, bar_w)
        bar = ink(_bar(cells, LEFT_GLYPH), LEFT_COLOUR) + " " * (bar_w - cells)
        lines.append(f"{pad(name, label_w)} {bar} {figures.shown(value, digits=1):>4}")
    return lines


def _axis(points: int, indent: int, bar_w: int) -> str:
    """Tick labels 1..P above a bar area of ``bar_w`` cells."""
    row = [" "] * (bar_w + 1)
    for value in range(1, points + 1):
        at = _scale_cells(value, 1, points, bar_w)
        label = str(value)
        at = min(at, bar_w + 1 - len(label))
        row[at : at + len(label)] = label
    return (" " * indent + "".join(row)).rstrip()


# -- item gaps, diverging -----------------------------------------------------------------------


def gap_bars(comparison: Comparison, width: int, ink: Ink) -> list[str]:
    """Diverging bars of each item's signed gap, largest first; ``!`` marks a flagged gap.

    Right of the axis the left side (Sales) sees it better, left of it the right side does:
    the bars are score points, reverse statements flipped, so "better" is said in words and
    never read off an answer's number ("Sales higher" on a reverse statement would be the
    opposite of what Sales answered).
    """
    survey = comparison.survey
    order = {q.id: n for n, q in enumerate(survey.questions)}
    items = sorted(comparison.items, key=lambda i: (-i.size, order[i.question_id]))
    left, right = (roles.function_name(role) for role in comparison.pair)
    rows = [Bar(survey.label(i.question_id), i.gap, i.size >= survey.thresholds.gap) for i in items]
    sides = (f"{right} sees it better", f"{left} sees it better")
    short = (f"{right} better", f"{left} better")
    return diverging_bars(rows, sides, survey.scale.points - 1, width, ink, short=short)


@dataclass(frozen=True)
class Bar:
    """One row of a diverging chart: its label, signed value and whether to mark it ``!``.

    A row without a value is a heading: its label alone, over the rows that follow.
    """

    label: str
    value: float | None
    marked: bool = False


def diverging_bars(
    rows: Sequence[Bar],
    sides: tuple[str, str],
    span: float,
    width: int,
    ink: Ink,
    *,
    short: tuple[str, str] | None = None,
) -> list[str]:
    """Bars left or right of an axis by sign, scaled to ``span``; ``sides`` name the two halves
    (``short`` when the halves are too narrow for them; default: their first words).

    Positive values grow right in the left side's glyph, negative ones left in the right
    side's: the same reading as the gap chart wherever it is used.
    """
    longest = max((cell_width(r.label) for r in rows), default=0)
    label_w = min(longest, max(10, width * 2 // 5))  # a 32-cell label whole at 80 columns
    value_w = 4
    half = (width - label_w - 1 - 1 - 1 - value_w - 2) // 2
    negative, positive = sides
    if max(cell_width(negative), cell_width(positive)) + 2 > half:  # narrow: shorter words
        negative, positive = short or tuple(s.split(" ")[0] for s in sides)
    head = pad(f"◀ {negative}", half, right=True) + "│" + pad(f"{positive} ▶", half)
    lines = [(" " * (label_w + 1) + head).rstrip()]
    for row in rows:
        if row.value is None:
            lines.append(clip(row.label, width))
            continue
        cells = _scale_cells(abs(row.value), 0, span, half)
        if row.value > 0:
            bar = (
                " " * half + "│" + ink(_bar(cells, LEFT_GLYPH), LEFT_COLOUR) + " " * (half - cells)
            )
        elif row.value < 0:
            bar = (
                " " * (half - cells)
                + ink(_bar(cells, RIGHT_GLYPH), RIGHT_COLOUR)
                + "│"
                + " " * half
            )
        else:
            bar = " " * half + "│" + " " * half
        marked = ink("!", "red", bold=True) if row.marked else " "
        lines.append(f"{pad(row.label, label_w)} {bar} {row.value:+4.0f}{marked}".rstrip())
    return lines


# -- a matrix, as a heat map ----------------------------------------------------------------------

#: Shades from least to most aligned, so the heat map reads without colour.
SHADES = ("░", "▒", "▓", "█")


def shade(value: float) -> tuple[str, str]:
    """The glyph and colour of an alignment 0-100: red below 50, yellow below 75, else green."""
    glyph = SHADES[min(len(SHADES) - 1, int(value // 25))]
    colour = "red" if value < 50 else "yellow" if value < 75 else "green"
    return glyph, colour


def heatmap(names: Sequence[str], value: Any, width: int, ink: Ink, *, cell: int = 9) -> list[str]:
    """A square grid: ``value(i, j)`` (a number 0-100 or None) for every pair of ``names``.

    Each cell shows a shade and the number (``▓▓ 82``); the diagonal is blank.
    """
    longest = max(map(cell_width, names), default=0)
    label_w = min(longest, max(6, width // 4))
    cell = max(5, min(max(cell, longest + 2), (width - label_w - 1) // max(1, len(names))))
    lines = [" " * (label_w + 1) + "".join(pad(n, cell - 1) + " " for n in names).rstrip()]
    for i, name in enumerate(names):
        row = pad(name, label_w) + " "
        for j in range(len(names)):
            found = value(i, j)
            if found is None:
                row += pad("  ·", cell)
                continue
            glyph, colour = shade(found)
            number = f"{found:3.0f}"
            row += ink(glyph * 2, colour) + pad(number, cell - 2)
        lines.append(row.rstrip())
    return lines


# -- plotext helpers -----------------------------------------------------------------------------


def ordered_xticks(figure: Any, ticks: Sequence[float], labels: Sequence[str]) -> None:
    """``figure.xticks(ticks, labels)``, keeping the order given.

    plotext 5.3.2 drops duplicate ticks through a ``set`` (``utility.brush``), so the order in
    which it places tick labels, and with it where crowded labels land, followed Python's string
    hash seed: the same chart drew differently from one run to the next (measured: dashboard
    snapshots flipped with ``PYTHONHASHSEED``). The pairs are put back in order, duplicates
    removed as plotext meant to. ``figure`` is a plotext figure (``_figure_class``).
    """
    figure.xticks(list(ticks), list(labels))
    _keep_order(figure, "x", ticks, labels)


def ordered_yticks(figure: Any, ticks: Sequence[float]) -> None:
    """``figure.yticks(ticks)``, keeping the order given: see :func:`ordered_xticks`."""
    labels = [f"{tick:g}" for tick in ticks]
    figure.yticks(list(ticks), labels)
    _keep_order(figure, "y", ticks, labels)


def _keep_order(figure: Any, axis: str, ticks: Sequence[float], labels: Sequence[str]) -> None:
    pairs = list(dict.fromkeys(zip(ticks, map(str, labels), strict=True)))
    monitor = figure._active.monitor  # where plotext 5.3 keeps a figure's ticks
    getattr(monitor, f"{axis}ticks")[0] = [tick for tick, _ in pairs]
    getattr(monitor, f"{axis}labels")[0] = [label for _, label in pairs]


# -- lines over time (plotext) ------------------------------------------------------------------


@dataclass(frozen=True)
class Series:
    """One line of a line chart: a label, a value per period (None: no value), its marker."""

    label: str
    values: Sequence[float | None]
    marker: str = "braille"
    colour: str = "blue"


def line_chart(
    title: str,
    periods: Sequence[str],
    series: Sequence[Series],
    width: int,
    ink: Ink,
    *,
    ylim: tuple[float, float] | None = None,
    height: int = 14,
) -> list[str]:
    """A plotext line chart of ``series`` over ``periods``, exactly ``width`` cells wide at most.

    plotext 5.3 ends every line with a colour reset even in its colourless theme, so its output
    is stripped of colour whenever colour is off.
    """
    import plotext as plt  # part of the measured import floor; kept local to the one user

    plt.clear_figure()
    plt.limit_size(False, False)  # plotext caps the size at the terminal's, even with no terminal
    plt.plotsize(width, height)
    if not ink.colour:
        plt.theme("clear")
    x = list(range(len(periods)))
    drawn = []
    for line in series:
        points = [(i, v) for i, v in zip(x, line.values, strict=True) if v is not None]
        if not points:
            continue
        xs, ys = zip(*points, strict=True)
        colour = line.colour if ink.colour else None
        # No plotext label: its legend is drawn inside the plot, over the lines.
        plt.plot(list(xs), list(ys), marker=line.marker, color=colour)
        drawn.append(line)
    if ylim is not None:
        plt.ylim(*ylim)
    step = max(1, math.ceil(len(periods) * 9 / max(1, width - 10)))
    ordered_xticks(plt.main(), x[::step], [str(p) for p in periods[::step]])  # the one figure
    if len(periods) == 1:
        plt.xlim(-1, 1)
    plt.title(title)
    text = plt.build()
    lines = text.splitlines()
    if not ink.colour:
        lines = [strip_style(line) for line in lines]
    return [line.rstrip() for line in lines] + _legend(drawn, width, ink)


#: What each plotext marker looks like in a legend.
_MARKER_GLYPHS = {"braille": "⣿", "dot": "•", "hd": "▞", "fhd": "▞", "sd": "█"}


def _legend(drawn: Sequence[Series], width: int, ink: Ink) -> list[str]:
    """The lines' markers and labels under the chart, wrapped to the width."""
    entries = [
        ink(_MARKER_GLYPHS.get(line.marker, line.marker) * 2, line.colour) + " " + line.label
        for line in drawn
    ]
    rows: list[str] = []
    for entry in entries:
        joined = f"{rows[-1]}   {entry}" if rows else entry
        if rows and cell_width(joined) <= width:
            rows[-1] = joined
        else:
            rows.append(clip(entry, width) if not ink.colour else entry)
    return rows

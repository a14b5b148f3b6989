"""A textual-plotext plot that draws its chart afresh at every render, at the widget's size.

Why: a plotext figure keeps state from its previous size. Drawn once and then rendered at
another size (a tab shown for the first time, a resized terminal), the tick labels landed a
column apart from run to run (measured: the dimensions view differed between two identical
snapshot runs). Drawing the chart again right before each render makes the output a pure
function of the data and the size, and lets a painter fit its labels to that size (names where
they fit, numbers where they would overlap: plotext drops a tick label that collides).
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import RenderResult
from textual.geometry import Size
from textual.widget import Widget
from textual_plotext import PlotextPlot
from textual_plotext.plot import Plot

Painter = Callable[[Plot, Size], None]
"""Draws one chart on ``plt`` for a widget of the given size (in cells)."""


class Chart(PlotextPlot):
    """A plot whose painter (a function of ``plt`` and the size) runs before every render."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._painter: Painter | None = None

    def paint(self, painter: Painter) -> None:
        """Show the chart ``painter`` draws (at whatever size the widget has when rendered)."""
        self._painter = painter
        self.refresh()

    def render(self) -> RenderResult:
        if self._painter is not None:
            self.plt.clear_figure()
            self._painter(self.plt, self.size)
        return super().render()


class TextChart(Widget):
    """A chart drawn as text by a function of the widget's width (every render)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._draw: Callable[[int], Text] | None = None

    def paint(self, draw: Callable[[int], Text]) -> None:
        """Show what ``draw`` returns for the widget's width."""
        self._draw = draw
        self.refresh(layout=True)

    def render(self) -> RenderResult:
        return self._draw(self.size.width) if self._draw is not None else Text()

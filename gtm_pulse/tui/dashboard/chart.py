"""A textual-plotext plot that draws its chart afresh at every render.

Why: a plotext figure keeps state from its previous size. Drawn once and then rendered at
another size (a tab shown for the first time, a resized terminal), the tick labels landed a
column apart from run to run (measured: the dimensions view differed between two identical
snapshot runs). Drawing the chart again right before each render makes the output a pure
function of the data and the size.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import RenderResult
from textual_plotext import PlotextPlot
from textual_plotext.plot import Plot

Painter = Callable[[Plot], None]


class Chart(PlotextPlot):
    """A plot whose painter (a function of ``plt``) runs before every render."""

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
            self._painter(self.plt)
        return super().render()

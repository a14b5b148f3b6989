"""Each dimension, both sides beside each other; Enter drills into its statements."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import DataTable, Static

from gtm_pulse.core import roles
from gtm_pulse.core.figures import shown
from gtm_pulse.report.common import dimension_name, gap_meaning
from gtm_pulse.services.board import Board
from gtm_pulse.tui.dashboard import plots
from gtm_pulse.tui.dashboard.chart import Chart
from gtm_pulse.tui.dashboard.views.base import View, headings
from gtm_pulse.tui.literal import literal_text


@dataclass
class DrillDown(Message):
    """Show the items of one dimension (None: every item)."""

    dimension_id: str | None


class DimensionsView(View):
    name, title = "dimensions", "Dimensions"

    def compose(self) -> ComposeResult:
        yield Static(id="dimensions-legend", classes="legend inline")
        yield Chart(id="dimensions-plot")
        yield DataTable(id="dimensions-table", cursor_type="row")
        yield Static(id="dimensions-hint", classes="dim")

    def show(self, board: Board) -> None:
        current = board.review.current
        assert current is not None
        hint = f"{gap_meaning(current.survey)} · Enter: the statements of a dimension"
        self.query_one("#dimensions-hint", Static).update(hint)
        self.query_one("#dimensions-plot", Chart).paint(
            partial(plots.dimension_bars, comparison=current)
        )
        self.query_one("#dimensions-legend", Static).update(plots.inline_side_legend(board.pair))
        table = self.query_one(DataTable)
        headings(table, "#", "Dimension", *map(roles.short_name, board.pair), "|gap|")
        table.clear()
        for number, d in enumerate(current.dimensions, start=1):
            table.add_row(
                str(number), literal_text(dimension_name(current.survey, d.dimension_id)),
                shown(d.left_mean, digits=1), shown(d.right_mean, digits=1),
                shown(d.mean_abs_gap, digits=1),
                key=d.dimension_id,
            )  # fmt: skip

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.post_message(DrillDown(str(event.row_key.value)))

"""The frictions named this period, by both sides first."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from gtm_pulse.core import roles
from gtm_pulse.report.common import friction_named_by
from gtm_pulse.services.board import Board
from gtm_pulse.tui.dashboard.views.base import View, headings
from gtm_pulse.tui.literal import literal_text


class FrictionsView(View):
    name, title = "frictions", "Frictions"

    def compose(self) -> ComposeResult:
        yield Static("Frictions named this period, by both sides first", classes="section")
        yield DataTable(id="frictions-table", cursor_type="row")

    def show(self, board: Board) -> None:
        review = board.review
        current = review.current
        assert current is not None
        order = {"both": 0, "left": 1, "right": 2}
        table = self.query_one(DataTable)
        headings(table, "Friction", "Named by", *map(roles.function_name, board.pair))
        table.clear()
        for f in sorted(current.frictions, key=lambda f: order[f.named_by]):
            table.add_row(
                literal_text(f.label),
                friction_named_by(f, review.pair),
                f.left or "—",
                f.right or "—",
            )
        if not current.frictions:
            table.add_row("Neither side named a friction.", "", "", "")

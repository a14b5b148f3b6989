"""The period's comments, each side's beside the other's, as typed."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from gtm_pulse.core import roles
from gtm_pulse.report.common import dimension_name
from gtm_pulse.services.board import Board
from gtm_pulse.tui.dashboard.views.base import View
from gtm_pulse.tui.literal import literal_lines, literal_str


def _comment(text: str) -> Text:
    """A comment as typed: each of its lines on a line of its own, the later ones indented
    (as the reports show them), control characters visible, never markup."""
    return Text("\n  ".join(literal_lines(text)))


class CommentsView(View):
    name, title = "comments", "Comments"

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="comments-list"):
            yield Static(id="comments-text")

    def show(self, board: Board) -> None:
        review = board.review
        parts: list[RenderableType] = []
        for remark in review.remarks:
            where = dimension_name(review.survey, remark.dimension_id)
            parts.append(Text(f"{where}: {remark.prompt}", style="bold"))
            table = Table(box=None, expand=True, padding=(0, 2, 1, 0))
            for role in review.pair:
                head = f"{roles.function_name(role)} ({literal_str(review.names[role])})"
                table.add_column(Text(head), ratio=1)
            table.add_row(*(_comment(remark.by_role.get(role, "—")) for role in review.pair))
            parts.append(table)
        shown = Group(*parts) if parts else Text("No comments this period.")
        self.query_one("#comments-text", Static).update(shown)

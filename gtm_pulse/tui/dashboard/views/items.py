"""Every statement's gap, largest first, and the highlighted one in words."""

from __future__ import annotations

from functools import partial

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import DataTable, Static

from gtm_pulse.core import roles
from gtm_pulse.core.analysis import Comparison, ItemGap
from gtm_pulse.report.common import dimension_name, question_text
from gtm_pulse.services.board import Board
from gtm_pulse.tui.dashboard import plots, words
from gtm_pulse.tui.dashboard.chart import Chart
from gtm_pulse.tui.dashboard.views.base import View, headings
from gtm_pulse.tui.literal import literal_text


class ItemsView(View):
    """Every statement's gap as a bar (numbered), the table of them, and the highlighted one
    in words: its wording and both answers as given."""

    name, title = "items", "Items"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._comparison: Comparison | None = None
        self._items: dict[str, ItemGap] = {}
        """The statements shown, by id: the detail line describes the highlighted one."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="items-top"):
            yield Chart(id="items-plot")
            with Vertical(id="items-side"):
                yield Static(id="items-filter", classes="section")
                yield Static(id="items-legend", classes="legend")
        yield DataTable(id="items-table", cursor_type="row")
        yield Static(id="items-detail")

    def show(self, board: Board) -> None:
        review = board.review
        current = review.current
        assert current is not None
        items = board.items()
        self._comparison, self._items = current, {i.question_id: i for i in items}
        where = "every statement" if board.focus is None else (
            dimension_name(review.survey, board.focus) + " only · Escape: every statement"
        )  # fmt: skip
        self.query_one("#items-filter", Static).update(
            Content(f"Gap per statement, largest first: {where}")
        )
        self.query_one("#items-legend", Static).update(
            plots.side_legend(review.pair, "Sees it better")
        )
        self.query_one("#items-plot", Chart).paint(
            partial(plots.gap_bars, items=items, survey=review.survey, pair=review.pair)
        )
        table = self.query_one(DataTable)
        headings(table, "#", "Gap", *map(roles.short_name, board.pair), "Metric", "Statement")
        table.clear()
        flag_at = review.survey.thresholds.gap
        metrics = {seen.question_id: seen for seen in review.metrics}
        for rank, item in enumerate(items, start=1):
            gap = f"{item.gap:+.0f}" + (" !" if item.size >= flag_at else "")
            seen = metrics.get(item.question_id)
            metric = f"{seen.metric.shown(seen.latest[1])} {seen.arrow}" if seen else ""
            # The answers as given beside the label: a reverse statement's score is flipped.
            table.add_row(
                str(rank), gap, str(item.left_answer), str(item.right_answer), literal_text(metric),
                literal_text(review.survey.label(item.question_id)), key=item.question_id,
            )  # fmt: skip
        self._describe(items[0].question_id if items else None)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if event.row_key.value is not None:
            self._describe(str(event.row_key.value))

    def _describe(self, question_id: str | None) -> None:
        """The statement ``question_id`` in full, and what each side answered, in words."""
        detail = self.query_one("#items-detail", Static)
        item = self._items.get(question_id) if question_id else None
        comparison = self._comparison
        if item is None or comparison is None:
            detail.update(Content("No statement both sides answered."))
            return
        text = question_text(comparison.survey, item.question_id)
        detail.update(Content(f"{text}\n{words.said_and_worse(comparison, item)}"))

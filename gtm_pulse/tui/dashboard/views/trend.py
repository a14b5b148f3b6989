"""The indices and the gaps over time, and how commitments were followed through."""

from __future__ import annotations

from functools import partial

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from gtm_pulse.core.commitments import follow_through
from gtm_pulse.core.figures import shown
from gtm_pulse.services.board import Board
from gtm_pulse.tui.dashboard import plots, words
from gtm_pulse.tui.dashboard.chart import Chart
from gtm_pulse.tui.dashboard.views.base import View


class TrendView(View):
    name, title = "trend", "Trend"

    def compose(self) -> ComposeResult:
        with Horizontal():
            with Vertical(id="trend-plots"):
                yield Static(id="trend-indices-legend", classes="legend inline")
                yield Chart(id="trend-indices")
                yield Static(id="trend-gaps-legend", classes="legend inline")
                yield Chart(id="trend-gaps")
            with VerticalScroll(id="trend-side"):
                yield Static(id="trend-follow-through")

    def show(self, board: Board) -> None:
        review = board.review
        history = review.history
        self.query_one("#trend-indices", Chart).paint(partial(plots.index_lines, history=history))
        self.query_one("#trend-indices-legend", Static).update(
            plots.index_legend(history, inline=True)
        )
        self.query_one("#trend-gaps", Chart).paint(
            partial(plots.dimension_gap_lines, history=history, survey=review.survey)
        )
        self.query_one("#trend-gaps-legend", Static).update(
            plots.dimension_gap_legend(review.survey, inline=True)
        )
        lines = ["Follow-through of commitments", "(yes 100, partly 50, no 0)", ""]
        for comparison in history.comparisons:
            value = follow_through(comparison.responses)
            done = "—" if value is None else f"{shown(value)}%"
            lines.append(
                f"{comparison.period}  alignment {words.alignment(comparison):>3} {done:>5}"
            )
        for improving, word in ((True, "improvement"), (False, "decline")):
            run = history.longest_run(improving=improving)
            if run is not None:
                lines.append(f"\nLongest {word}: {run.length} ({run.start} → {run.end})")
        self.query_one("#trend-follow-through", Static).update(Content("\n".join(lines)))

"""The overview: both indices and how they moved, the quadrant chart, and the flags."""

from __future__ import annotations

from functools import partial

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Digits, Static

from gtm_pulse.services.board import Board
from gtm_pulse.tui.dashboard import plots, words
from gtm_pulse.tui.dashboard.chart import Chart
from gtm_pulse.tui.dashboard.views.base import View


class OverviewView(View):
    name, title = "overview", "Overview"

    def compose(self) -> ComposeResult:
        with Horizontal(id="overview-top"):
            with Vertical(id="overview-figures"):
                with Horizontal(id="overview-indices"):
                    for measure in ("alignment", "health"):
                        with Vertical():
                            yield Static(measure.title(), classes="figure-label")
                            yield Digits(id=f"overview-{measure}")
                            yield Static(id=f"overview-{measure}-change")
                yield Static(id="overview-since", classes="dim")
                yield Static(id="overview-quadrant")
            yield Chart(id="overview-plot")
        yield Static(id="overview-flags-title", classes="section")
        with VerticalScroll(id="overview-flags"):
            yield Static(id="overview-flags-text")

    def show(self, board: Board) -> None:
        review = board.review
        current = review.current
        assert current is not None  # the board only pages through complete periods
        history = review.history
        self.query_one("#overview-alignment", Digits).update(words.alignment(current))
        self.query_one("#overview-health", Digits).update(words.health(current))
        for measure in ("alignment", "health"):
            moved = words.change(history, measure)
            self.query_one(f"#overview-{measure}-change", Static).update(Content(moved or ""))
        before = f"changes since {history.periods[-2]}" if len(history.periods) > 1 else ""
        self.query_one("#overview-since", Static).update(Content(before))
        self.query_one("#overview-quadrant", Static).update(Content(current.quadrant))
        t = current.survey.thresholds
        self.query_one("#overview-plot", Chart).paint(
            partial(plots.quadrant, history=history, aligned=t.aligned, healthy=t.healthy)
        )
        self.query_one("#overview-flags-title", Static).update(
            Content(f"Flags ({len(current.flags)})")
        )
        flags = [f"• {words.flag(f)}" for f in current.flags] or ["No flags this period."]
        self.query_one("#overview-flags-text", Static).update(Content("\n".join(flags)))

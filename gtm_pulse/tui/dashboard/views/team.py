"""The wider GTM team: every pair of roles that answered, as a heat map of alignment."""

from __future__ import annotations

from functools import partial

from rich.console import RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from gtm_pulse.core import roles
from gtm_pulse.core.figures import shown
from gtm_pulse.core.team_matrix import Matrix
from gtm_pulse.report.charts import shade
from gtm_pulse.services.board import Board
from gtm_pulse.tui.dashboard import plots
from gtm_pulse.tui.dashboard.chart import Chart
from gtm_pulse.tui.dashboard.views.base import View


class TeamView(View):
    """The wider GTM team: every pair of roles that answered, as a heat map of alignment."""

    name, title = "team", "Team"

    def compose(self) -> ComposeResult:
        yield Static(id="team-title", classes="section")
        with Horizontal(id="team-top"):
            yield Static(id="team-heatmap")
            yield Static(id="team-note")
        yield Static(id="team-legend", classes="legend inline")
        yield Chart(id="team-plot")

    def show(self, board: Board) -> None:
        review = board.review
        found = review.matrix
        title = self.query_one("#team-title", Static)
        note = self.query_one("#team-note", Static)
        heat = self.query_one("#team-heatmap", Static)
        history = board.matrices()
        self.query_one("#team-plot", Chart).paint(partial(plots.pair_lines, matrices=history))
        self.query_one("#team-legend", Static).update(plots.pair_legend(history, inline=True))
        aligned = review.survey.thresholds.aligned
        if found is None:
            title.update(Content(f"Pairwise alignment, {review.period}"))
            left, right = (roles.function_name(role) for role in review.pair)
            heat.update(Content(f"Only {left} and {right} answered this period."))
            wider = len(board.snapshot.require_team().respondent_roles) > 2
            note.update(
                Content(
                    "The matrix shows once a third role has answered the period."
                    if wider
                    else "A wider team (CRO, Customer Success, RevOps...) answers the same "
                    "pulse:\ngtm-pulse init --force ... --member cro=NAME"
                )
            )
            return
        title.update(Content(f"Pairwise alignment, {found.period} (100: identical answers)"))
        heat.update(_heatmap(found, aligned))
        a, b, lowest = found.pairs()[0]
        note.update(
            Content(
                f"Least aligned: {roles.function_name(a)} and {roles.function_name(b)} "
                f"({shown(lowest, [aligned])}).\n\ncompare --pair {a},{b} looks closer.\n\n"
                "░ under 25 · ▒ under 50 · ▓ under 75 · █ 75 and up"
            )
        )


def _heatmap(found: Matrix, aligned: float) -> Table:
    """The matrix as a grid of coloured cells, shaded too so it reads without colour."""
    table = Table(box=None, padding=0, show_edge=False)
    names = [roles.function_name(role) for role in found.roles]
    table.add_column("")
    for name in names:
        table.add_column(Text(name, style="bold"), justify="center")
    for role, name in zip(found.roles, names, strict=True):
        cells: list[RenderableType] = [Padding(Text(name, style="bold"), (1, 2, 1, 0))]
        for other in found.roles:
            value = found.alignment(role, other)
            if value is None:
                cells.append(Padding(Text("·", justify="center"), (1, 3)))
                continue
            glyph, colour = shade(value)
            label = Text(
                f"{glyph * 2} {shown(value, [aligned]):>3}", style="bold black", justify="center"
            )
            cells.append(Padding(label, (1, 3), style=f"on {colour}"))
        table.add_row(*cells)
    return table

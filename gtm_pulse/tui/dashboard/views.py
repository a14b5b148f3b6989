"""The dashboard's nine views, each redrawn from the :class:`~gtm_pulse.board.Board`.

A view draws one aspect of the review; it holds no state of its own, so paging to another
period is one :meth:`View.show` per view. User text (names, comments, commitments) goes through
:func:`~gtm_pulse.tui.literal.literal` or ``Text`` and shows exactly as typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Digits, Static

from gtm_pulse import roles
from gtm_pulse.board import Board
from gtm_pulse.charts import shade
from gtm_pulse.commitments import follow_through
from gtm_pulse.metrics import sentence
from gtm_pulse.perceptions import Perceptions
from gtm_pulse.report.common import (
    dimension_name,
    follow_up_answers,
    friction_named_by,
    question_text,
)
from gtm_pulse.report.perceived import blame_words, signed
from gtm_pulse.safe_text import for_terminal
from gtm_pulse.team_matrix import Matrix
from gtm_pulse.tui.dashboard import plots
from gtm_pulse.tui.dashboard.chart import Chart


class View(Vertical):
    """One tab of the dashboard."""

    name: ClassVar[str]
    title: ClassVar[str]

    def show(self, board: Board) -> None:
        """Draw ``board``'s current review."""
        raise NotImplementedError


def _headings(table: DataTable, *labels: str) -> None:
    """Give ``table`` its columns on the first draw: they name the board's pair of roles."""
    if not table.columns:
        table.add_columns(*labels)


def _cell(text: str) -> Text:
    """User or survey text as a table cell: literal, never markup."""
    return Text(for_terminal(text))


class OverviewView(View):
    name, title = "overview", "Overview"

    def compose(self) -> ComposeResult:
        with Horizontal(id="overview-top"):
            with Vertical(id="overview-figures"):
                yield Static("Alignment", classes="figure-label")
                yield Digits(id="overview-alignment")
                yield Static("Health", classes="figure-label")
                yield Digits(id="overview-health")
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
        index = len(history.comparisons) - 1
        self.query_one("#overview-alignment", Digits).update(f"{current.alignment:.0f}")
        self.query_one("#overview-health", Digits).update(f"{current.health:.0f}")
        change = history.change(index) if index else None
        since = (
            f"\nalignment {change:+.0f} since {history.periods[-2]}" if change is not None else ""
        )
        self.query_one("#overview-quadrant", Static).update(Content(current.quadrant + since))
        t = current.survey.thresholds
        self.query_one("#overview-plot", Chart).paint(
            partial(plots.quadrant, history=history, aligned=t.aligned, healthy=t.healthy)
        )
        self.query_one("#overview-flags-title", Static).update(
            Content(f"Flags ({len(current.flags)})")
        )
        lines = [f"• [{f.kind}] {f.reason}" for f in current.flags] or ["No flags this period."]
        self.query_one("#overview-flags-text", Static).update(Content("\n".join(lines)))


@dataclass
class DrillDown(Message):
    """Show the items of one dimension (None: every item)."""

    dimension_id: str | None


class DimensionsView(View):
    name, title = "dimensions", "Dimensions"

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Chart(id="dimensions-plot")
            with Vertical(id="dimensions-side"):
                yield DataTable(id="dimensions-table", cursor_type="row")
                yield Static("Enter: the items of the selected dimension", classes="dim")

    def show(self, board: Board) -> None:
        current = board.review.current
        assert current is not None
        self.query_one("#dimensions-plot", Chart).paint(
            partial(plots.dimension_bars, comparison=current)
        )
        table = self.query_one(DataTable)
        _headings(table, "Dimension", *map(roles.short_name, board.pair), "|gap|")
        table.clear()
        for d in current.dimensions:
            table.add_row(
                _cell(dimension_name(current.survey, d.dimension_id)),
                f"{d.left_mean:.1f}", f"{d.right_mean:.1f}", f"{d.mean_abs_gap:.1f}",
                key=d.dimension_id,
            )  # fmt: skip

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.post_message(DrillDown(str(event.row_key.value)))


class ItemsView(View):
    name, title = "items", "Items"

    def compose(self) -> ComposeResult:
        yield Static(id="items-filter", classes="section")
        yield Chart(id="items-plot")
        yield DataTable(id="items-table", cursor_type="row")

    def show(self, board: Board) -> None:
        review = board.review
        items = board.items()
        where = "every statement" if board.focus is None else (
            dimension_name(review.survey, board.focus) + " only · Escape: every statement"
        )  # fmt: skip
        self.query_one("#items-filter", Static).update(
            Content(f"Gap per statement, largest first: {where}")
        )
        self.query_one("#items-plot", Chart).paint(
            partial(plots.gap_bars, items=items, survey=review.survey, pair=review.pair)
        )
        table = self.query_one(DataTable)
        _headings(table, "#", "Gap", *map(roles.short_name, board.pair), "Metric", "Statement")
        table.clear()
        flag_at = review.survey.thresholds.gap
        metrics = {seen.question_id: seen for seen in review.metrics}
        for rank, item in enumerate(items, start=1):
            gap = f"{item.gap:+.0f}" + (" !" if item.size >= flag_at else "")
            seen = metrics.get(item.question_id)
            metric = f"{seen.metric.shown(seen.latest[1])} {seen.arrow}" if seen else ""
            table.add_row(
                str(rank), gap, f"{item.left:g}", f"{item.right:g}", _cell(metric),
                _cell(question_text(review.survey, item.question_id)), key=item.question_id,
            )  # fmt: skip


class TrendView(View):
    name, title = "trend", "Trend"

    def compose(self) -> ComposeResult:
        with Horizontal():
            with Vertical(id="trend-plots"):
                yield Chart(id="trend-indices")
                yield Chart(id="trend-gaps")
            with VerticalScroll(id="trend-side"):
                yield Static(id="trend-follow-through")

    def show(self, board: Board) -> None:
        review = board.review
        history = review.history
        self.query_one("#trend-indices", Chart).paint(partial(plots.index_lines, history=history))
        self.query_one("#trend-gaps", Chart).paint(
            partial(plots.dimension_gap_lines, history=history, survey=review.survey)
        )
        lines = ["Follow-through of commitments", "(yes 100, partly 50, no 0)", ""]
        for comparison in history.comparisons:
            value = follow_through(comparison.responses)
            shown = "—" if value is None else f"{value:.0f}%"
            lines.append(f"{comparison.period}  alignment {comparison.alignment:3.0f}  {shown:>5}")
        for improving, word in ((True, "improvement"), (False, "decline")):
            run = history.longest_run(improving=improving)
            if run is not None:
                lines.append(f"\nLongest {word}: {run.length} ({run.start} → {run.end})")
        self.query_one("#trend-follow-through", Static).update(Content("\n".join(lines)))


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
        _headings(table, "Friction", "Named by", *map(roles.function_name, board.pair))
        table.clear()
        for f in sorted(current.frictions, key=lambda f: order[f.named_by]):
            table.add_row(
                _cell(f.label), friction_named_by(f, review.pair), f.left or "—", f.right or "—"
            )
        if not current.frictions:
            table.add_row("Neither side named a friction.", "", "", "")


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
                head = f"{roles.function_name(role)} ({for_terminal(review.names[role])})"
                table.add_column(Text(head), ratio=1)
            table.add_row(*(_cell(remark.by_role.get(role, "—")) for role in review.pair))
            parts.append(table)
        shown = Group(*parts) if parts else Text("No comments this period.")
        self.query_one("#comments-text", Static).update(shown)


class AgendaView(View):
    name, title = "agenda", "Agenda"

    def compose(self) -> ComposeResult:
        yield Static("Talk about these first", classes="section")
        yield DataTable(id="agenda-table", cursor_type="row")
        yield Static(id="commitments-title", classes="section")
        yield DataTable(id="commitments-table", cursor_type="row")
        yield Static(
            "a: add a commitment   Tab, ↑ ↓: pick one   d: mark it done (or open again)",
            classes="dim",
        )

    def on_mount(self) -> None:
        self.query_one("#agenda-table", DataTable).add_columns(
            "#", "Statement", "Gap", "Grew", "Weight"
        )
        self.query_one("#commitments-table", DataTable).add_columns(
            "#", "Commitment", "Owner", "Due", "State", "Latest follow-up"
        )

    def show(self, board: Board) -> None:
        review = board.review
        agenda = self.query_one("#agenda-table", DataTable)
        agenda.clear()
        for rank, item in enumerate(review.agenda, start=1):
            agenda.add_row(
                str(rank), _cell(question_text(review.survey, item.question_id)),
                f"{item.gap:+g}", f"{item.growth:+g}", f"{item.weight:.2f}",
            )  # fmt: skip
        commitments = self.query_one("#commitments-table", DataTable)
        keep = commitments.cursor_row  # marking one done redraws: stay on it
        commitments.clear()
        done = sum(1 for t in review.commitments if t.commitment.done)
        self.query_one("#commitments-title", Static).update(
            Content(f"Commitments: {len(review.commitments) - done} open, {done} done")
        )
        for tracked in review.commitments:
            c = tracked.commitment
            latest = tracked.latest()
            said = (
                f"{latest[0]} " + ", ".join(follow_up_answers(latest[1], review.pair))
                if latest
                else "not asked yet"
            )
            commitments.add_row(
                f"#{c.number}", _cell(c.text), roles.function_name(c.owner), c.due,
                "done" if c.done else "open", said, key=str(c.number),
            )  # fmt: skip
        if commitments.row_count:
            commitments.move_cursor(row=min(keep, commitments.row_count - 1))

    @property
    def commitments_table(self) -> DataTable:
        return self.query_one("#commitments-table", DataTable)

    def select_commitment(self, number: int) -> None:
        """Put the keyboard on commitment ``number``'s row."""
        table = self.commitments_table
        table.focus()
        table.move_cursor(row=table.get_row_index(str(number)))

    def selected_commitment(self) -> int | None:
        """The number of the commitment under the table's cursor, if any."""
        table = self.commitments_table
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return int(str(key.value))


class PerceptionsView(View):
    """How each VP reads the other, where each blames the other, and the numbers beside."""

    name, title = "perceptions", "Perceptions"

    def compose(self) -> ComposeResult:
        with Horizontal(id="perceptions-top"):
            yield Static(id="perceptions-figures")
            yield Chart(id="perceptions-plot")
        with Horizontal(id="perceptions-bottom"):
            yield DataTable(id="readings-table", cursor_type="row")
            with VerticalScroll(id="perceptions-side"):
                yield Static(id="perceptions-text")

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(
            "#", "Guessed by", "Guess", "Answer", "Off", "Statement"
        )

    def show(self, board: Board) -> None:
        review = board.review
        current = review.current
        perceived = review.perceptions
        assert current is not None and perceived is not None
        survey = current.survey
        self.query_one("#perceptions-figures", Static).update(Content(_figures(perceived)))
        self.query_one("#perceptions-plot", Chart).paint(
            partial(plots.misreading_bars, perceived=perceived, survey=survey)
        )
        table = self.query_one(DataTable)
        table.clear()
        statements = dict.fromkeys(r.question_id for r in perceived.readings)
        numbers = {question_id: n for n, question_id in enumerate(statements, start=1)}
        misread = survey.thresholds.misread
        for reading in perceived.readings:
            off = f"{reading.misreading:+g}" + (" !" if abs(reading.misreading) >= misread else "")
            table.add_row(
                str(numbers[reading.question_id]), roles.function_name(reading.by),
                f"{reading.guess:g}", f"{reading.actual:g}", off,
                _cell(question_text(survey, reading.question_id)),
            )  # fmt: skip
        if not perceived.readings:
            table.add_row("", "No guesses this period.", "", "", "", "")
        lines = []
        if perceived.blame:
            lines.append("Blame on mirror pairs (own function minus the other's rating)")
            for blame in perceived.blame:
                lines.append(f"\n{blame.name}: asymmetry {signed(blame.asymmetry)}")
                for words in blame_words(current, [blame]):
                    lines.append(f"  {words}")
        if review.metrics:
            lines.append("\nNumbers beside perceptions")
            lines += [f"{seen.arrow} {sentence(current, seen)}" for seen in review.metrics]
        self.query_one("#perceptions-text", Static).update(
            Content("\n".join(lines) or "No mirror pairs or metrics this period.")
        )


def _figures(perceived: Perceptions) -> str:
    """The understanding and blame figures, each with both sides'."""
    lines = ["Understanding"]
    if perceived.understanding is None:
        lines.append("no guesses")
    else:
        lines.append(f"{perceived.understanding:.0f}/100")
        lines += [f"  {roles.function_name(r)} {v:.0f}" for r, v in perceived.by_side.items()]
    lines += ["", "Blame asymmetry"]
    if perceived.blame_asymmetry is None:
        lines.append("no mirror pairs")
    else:
        lines.append(f"{signed(perceived.blame_asymmetry)} (0: none)")
        lines += [
            f"  {roles.function_name(r)} {signed(v)}" for r, v in perceived.self_favour.items()
        ]
    spots = len(perceived.blind_spots)
    lines += ["", f"Blind spots: {spots}", "(a guess 2+ off: ! in the table)" if spots else ""]
    return "\n".join(lines).rstrip()


class TeamView(View):
    """The wider GTM team: every pair of roles that answered, as a heat map of alignment."""

    name, title = "team", "Team"

    def compose(self) -> ComposeResult:
        yield Static(id="team-title", classes="section")
        with Horizontal(id="team-top"):
            yield Static(id="team-heatmap")
            yield Static(id="team-note")
        yield Chart(id="team-plot")

    def show(self, board: Board) -> None:
        review = board.review
        found = review.matrix
        title = self.query_one("#team-title", Static)
        note = self.query_one("#team-note", Static)
        heat = self.query_one("#team-heatmap", Static)
        history = board.matrices()
        self.query_one("#team-plot", Chart).paint(partial(plots.pair_lines, matrices=history))
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
        heat.update(_heatmap(found))
        a, b, lowest = found.pairs()[0]
        note.update(
            Content(
                f"Least aligned: {roles.function_name(a)} and {roles.function_name(b)} "
                f"({lowest:.0f}).\n\ncompare --pair {a},{b} looks closer.\n\n"
                "░ under 25 · ▒ under 50 · ▓ under 75 · █ 75 and up"
            )
        )


def _heatmap(found: Matrix) -> Table:
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
            label = Text(f"{glyph * 2} {value:3.0f}", style="bold black", justify="center")
            cells.append(Padding(label, (1, 3), style=f"on {colour}"))
        table.add_row(*cells)
    return table


VIEWS: tuple[type[View], ...] = (
    OverviewView,
    DimensionsView,
    ItemsView,
    TrendView,
    FrictionsView,
    CommentsView,
    AgendaView,
    PerceptionsView,
    TeamView,
)

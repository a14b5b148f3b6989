"""The dashboard's nine views, each redrawn from the :class:`~gtm_pulse.services.board.Board`.

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

from gtm_pulse.core import roles, wording
from gtm_pulse.core.analysis import Comparison, ItemGap
from gtm_pulse.core.commitments import follow_through
from gtm_pulse.core.figures import shown
from gtm_pulse.core.metrics import sentence
from gtm_pulse.core.perceptions import Perceptions
from gtm_pulse.core.safe_text import for_terminal, terminal_lines
from gtm_pulse.core.team_matrix import Matrix
from gtm_pulse.report.charts import shade
from gtm_pulse.report.common import (
    dimension_name,
    follow_up_answers,
    friction_named_by,
    gap_meaning,
    question_text,
)
from gtm_pulse.report.perceived import blame_words, signed
from gtm_pulse.services.board import Board
from gtm_pulse.services.comparing import Review
from gtm_pulse.tui.dashboard import plots, words
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
        _headings(table, "#", "Dimension", *map(roles.short_name, board.pair), "|gap|")
        table.clear()
        for number, d in enumerate(current.dimensions, start=1):
            table.add_row(
                str(number), _cell(dimension_name(current.survey, d.dimension_id)),
                shown(d.left_mean, digits=1), shown(d.right_mean, digits=1),
                shown(d.mean_abs_gap, digits=1),
                key=d.dimension_id,
            )  # fmt: skip

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.post_message(DrillDown(str(event.row_key.value)))


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
        _headings(table, "#", "Gap", *map(roles.short_name, board.pair), "Metric", "Statement")
        table.clear()
        flag_at = review.survey.thresholds.gap
        metrics = {seen.question_id: seen for seen in review.metrics}
        for rank, item in enumerate(items, start=1):
            gap = f"{item.gap:+.0f}" + (" !" if item.size >= flag_at else "")
            seen = metrics.get(item.question_id)
            metric = f"{seen.metric.shown(seen.latest[1])} {seen.arrow}" if seen else ""
            # The answers as given beside the label: a reverse statement's score is flipped.
            table.add_row(
                str(rank), gap, str(item.left_answer), str(item.right_answer), _cell(metric),
                _cell(review.survey.label(item.question_id)), key=item.question_id,
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


def _comment(text: str) -> Text:
    """A comment as typed: each of its lines on a line of its own, the later ones indented
    (as the reports show them), control characters visible, never markup."""
    return Text("\n  ".join(terminal_lines(text)))


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
            table.add_row(*(_comment(remark.by_role.get(role, "—")) for role in review.pair))
            parts.append(table)
        shown = Group(*parts) if parts else Text("No comments this period.")
        self.query_one("#comments-text", Static).update(shown)


class AgendaView(View):
    """The ranked discussion list (the kind, the gap, the answers as given) and the
    commitments, each table with its short columns first so a narrow screen keeps them."""

    name, title = "agenda", "Agenda"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._review: Review | None = None
        """The review shown: the detail line describes its highlighted agenda item."""

    def compose(self) -> ComposeResult:
        yield Static("Talk about these first", classes="section")
        yield DataTable(id="agenda-table", cursor_type="row")
        yield Static(id="agenda-detail")
        yield Static(id="commitments-title", classes="section")
        yield DataTable(id="commitments-table", cursor_type="row")
        yield Static(
            "a: add a commitment   Tab, ↑ ↓: pick one   d: mark it done (or open again)",
            classes="dim",
        )

    def on_mount(self) -> None:
        self.query_one("#commitments-table", DataTable).add_columns(
            "#", "State", "Due", "Owner", "Latest follow-up", "Commitment"
        )

    def show(self, board: Board) -> None:
        review = board.review
        current = review.current
        assert current is not None
        self._review = review
        agenda = self.query_one("#agenda-table", DataTable)
        _headings(
            agenda, "#", "Kind", "Gap", "Grew", *map(roles.short_name, board.pair), "Statement",
            "Weight",
        )  # fmt: skip
        agenda.clear()
        for rank, item in enumerate(review.agenda, start=1):
            found = current.item(item.question_id)
            answers = (str(found.left_answer), str(found.right_answer)) if found else ("", "")
            agenda.add_row(
                str(rank), words.KIND_WORDS.get(item.kind, item.kind), f"{item.gap:+g}",
                f"{item.growth:+g}", *answers, _cell(review.survey.label(item.question_id)),
                f"{item.weight:.2f}", key=item.question_id,
            )  # fmt: skip
        self._describe(review.agenda[0].question_id if review.agenda else None)
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
                f"#{c.number}", "done" if c.done else "open", c.due,
                roles.function_name(c.owner), said, _cell(c.text), key=str(c.number),
            )  # fmt: skip
        if commitments.row_count:
            commitments.move_cursor(row=min(keep, commitments.row_count - 1))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "agenda-table" and event.row_key.value is not None:
            self._describe(str(event.row_key.value))

    def _describe(self, question_id: str | None) -> None:
        """The highlighted agenda item's statement with both answers as given, in words."""
        detail = self.query_one("#agenda-detail", Static)
        review = self._review
        current = review.current if review else None
        item = (
            next((a for a in review.agenda if a.question_id == question_id), None)
            if review
            else None
        )
        if review is None or current is None or item is None:
            detail.update(Content("The two sides answered every statement alike."))
            return
        label = review.survey.label(item.question_id)
        detail.update(Content(f"{label}: {words.agenda_said(current, item)}"))

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
            yield Static(id="perceptions-legend", classes="legend")
        with Horizontal(id="perceptions-bottom"):
            yield DataTable(id="readings-table", cursor_type="row")
            with VerticalScroll(id="perceptions-side"):
                yield Static(id="perceptions-text")

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(
            "#", "Statement", "Guessed by", "Guess", "Answer", "Off by"
        )

    def show(self, board: Board) -> None:
        review = board.review
        current = review.current
        perceived = review.perceptions
        assert current is not None and perceived is not None
        survey = current.survey
        points = survey.scale.points
        self.query_one("#perceptions-figures", Static).update(Content(_figures(perceived)))
        self.query_one("#perceptions-plot", Chart).paint(
            partial(plots.misreading_bars, perceived=perceived, survey=survey)
        )
        self.query_one("#perceptions-legend", Static).update(
            plots.side_legend(perceived.pair, "Guessed")
        )
        table = self.query_one(DataTable)
        table.clear()
        statements = dict.fromkeys(r.question_id for r in perceived.readings)
        numbers = {question_id: n for n, question_id in enumerate(statements, start=1)}
        misread = survey.thresholds.misread
        for reading in perceived.readings:
            question = survey.question(reading.question_id)
            assert question is not None  # a reading is of a statement the survey asks
            off = abs(reading.misreading)
            # The guess and the answer as given, beside the label (scores are flipped for a
            # reverse statement); how far off is a distance, the same either way.
            table.add_row(
                str(numbers[reading.question_id]), _cell(survey.label(reading.question_id)),
                roles.function_name(reading.by),
                str(wording.given(question, reading.guess, points)),
                str(wording.given(question, reading.actual, points)),
                f"{off:g}" + (" !" if off >= misread else ""),
            )  # fmt: skip
        if not perceived.readings:
            table.add_row("", "No guesses this period.", "", "", "", "")
        lines = []
        if perceived.blame:
            lines.append("Blame on mirror pairs (own function minus the other's rating)")
            for blame in perceived.blame:
                lines.append(f"\n{blame.name}: asymmetry {signed(blame.asymmetry)}")
                for said in blame_words(current, [blame]):
                    lines.append(f"  {said}")
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
        lines.append(f"{shown(perceived.understanding)}/100")
        lines += [f"  {roles.function_name(r)} {shown(v)}" for r, v in perceived.by_side.items()]
    lines += ["", "Blame asymmetry"]
    if perceived.blame_asymmetry is None:
        lines.append("no mirror pairs")
    else:
        lines.append(f"{signed(perceived.blame_asymmetry)} (0: none)")
        lines += [
            f"  {roles.function_name(r)} {signed(v)}" for r, v in perceived.self_favour.items()
        ]
    spots = len(perceived.blind_spots)
    lines += ["", f"Blind spots: {spots}", "(2+ off: ! in the table)" if spots else ""]
    return "\n".join(lines).rstrip()


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

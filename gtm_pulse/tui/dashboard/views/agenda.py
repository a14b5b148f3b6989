"""What to talk about first, and the commitments from the offsite."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import DataTable, Static

from gtm_pulse.core import roles
from gtm_pulse.report.common import follow_up_answers
from gtm_pulse.services.board import Board
from gtm_pulse.services.comparing import Review
from gtm_pulse.tui.dashboard import words
from gtm_pulse.tui.dashboard.views.base import View, headings
from gtm_pulse.tui.literal import literal_text


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
        headings(
            agenda, "#", "Kind", "Gap", "Grew", *map(roles.short_name, board.pair), "Statement",
            "Weight",
        )  # fmt: skip
        agenda.clear()
        for rank, item in enumerate(review.agenda, start=1):
            found = current.item(item.question_id)
            answers = (str(found.left_answer), str(found.right_answer)) if found else ("", "")
            agenda.add_row(
                str(rank), words.KIND_WORDS.get(item.kind, item.kind), f"{item.gap:+g}",
                f"{item.growth:+g}", *answers, literal_text(review.survey.label(item.question_id)),
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
                roles.function_name(c.owner), said, literal_text(c.text), key=str(c.number),
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

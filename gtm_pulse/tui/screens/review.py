"""Review: every answer and what is still missing; jump back to any page, then submit.

Each row shows the whole statement, wrapped, beside its answer: cut to one line, the four
"Your guess: how will Marketing an…" rows looked the same (issue 14). The list opens on the
first required answer still missing, so Enter from the top goes there.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from gtm_pulse.core import roles
from gtm_pulse.core.models import NOT_APPLICABLE, Answer, Dimension, Question
from gtm_pulse.errors import PulseError
from gtm_pulse.services.opening import Start
from gtm_pulse.services.taking import TakeSession
from gtm_pulse.tui.literal import literal, literal_text
from gtm_pulse.tui.messages import Submitted
from gtm_pulse.tui.screens.choice import ChoiceScreen
from gtm_pulse.tui.widgets.keybar import KeyBar

#: Free text (an answer, a comment) is shown up to this many characters; statements never cut.
TEXT_SHOWN = 160


@dataclass(frozen=True)
class Jump:
    """Where the review sends the VP back to: a page, and whether to open its dimension's
    comment there."""

    page: int
    comment: bool = False


def describe(question: Question, value: Answer | None, session: TakeSession) -> Text:
    """An answer in words: "4 Agree", "n/a", an option's label, frictions with severities, text."""
    if value is None or (isinstance(value, str) and not value.strip() and question.kind == "text"):
        return Text("missing" if question.is_required else "skipped", "dim")
    if question.kind == "likert" and value == NOT_APPLICABLE:
        return Text(NOT_APPLICABLE)
    if question.kind == "likert" and isinstance(value, int):
        return Text(f"{value} {session.survey.scale.labels[value - 1]}")
    if question.kind == "single" and isinstance(value, str):
        option = question.option(value)
        return Text(option.label) if option else literal_text(value)
    if question.kind == "multi" and isinstance(value, dict):
        if not value:
            return Text("none")
        parts = []
        for option_id, severity in value.items():
            option = question.option(option_id)
            label = option.label if option else option_id
            parts.append(f"{label} ({severity})" if severity else label)
        return Text(", ".join(parts))
    return _shown(str(value))


def _shown(text: str) -> Text:
    """User text as typed, on one line, control characters visible, long text cut."""
    text = text.replace("\n", " ")
    if len(text) > TEXT_SHOWN:
        text = text[: TEXT_SHOWN - 1] + "…"
    return literal_text(text)


def _row(mark: str, asked: str, answer: Text) -> Table:
    """One review row: mark, the statement wrapped in full, the answer beside it.

    The same column ratios in every row keep the answers in one column.
    """
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(width=1)
    grid.add_column(ratio=2)
    grid.add_column(ratio=1)
    grid.add_row(mark, Text(asked), answer)
    return grid


class ReviewScreen(Screen[Jump | Submitted | None]):
    """Dismisses with where to jump to, or with :class:`Submitted` once submitting (here,
    after a confirmation) worked.

    ``read_only`` shows a submitted response's answers with nothing to change.
    """

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("s", "submit", "Submit"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, session: TakeSession, *, read_only: bool = False) -> None:
        super().__init__()
        self.session = session
        self.read_only = read_only

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Submit is hidden when viewing: a submitted response is amended from its own screen.
        return not (action == "submit" and self.read_only)

    def compose(self) -> ComposeResult:
        session = self.session
        title = "Your answers" if self.read_only else "Review your answers"
        yield Static(
            Content(f"{title} · {session.survey.title} · {session.period} · ")
            + literal(roles.title(session.role)),
            id="review-header",
        )
        missing = session.missing()
        if self.read_only:
            summary = f"{session.answered_count()} of {len(session.survey.questions)} answered."
        elif missing:
            summary = (
                f"{len(missing)} required question(s) still missing (✗). "
                "Enter jumps to the first one."
            )
        else:
            summary = "Everything required is answered. Press s to submit."
        yield Static(Content(summary), id="review-summary")
        rows = OptionList(*self._rows(), id="review-list")
        first_missing = None if self.read_only else session.first_missing_page()
        if first_missing is not None:
            rows.highlighted = rows.get_option_index(f"page:{first_missing}")
        yield rows
        yield KeyBar()

    def on_mount(self) -> None:
        # Highlighted before it was laid out, the list did not scroll to the first missing row.
        self.call_after_refresh(self.query_one("#review-list", OptionList).scroll_to_highlight)

    def _rows(self) -> list[Option]:
        session = self.session
        rows = []
        pages = session.pages
        for index, page in enumerate(pages):
            question = page.question
            value = session.answers.get(question.id)
            answered = session.is_answered(question)
            mark = "✓" if answered else ("✗" if question.is_required else "·")
            prompt = _row(mark, session.text(question.text), describe(question, value, session))
            rows.append(Option(prompt, id=f"page:{index}"))
            last_of_dimension = (
                index + 1 == len(pages) or pages[index + 1].dimension != page.dimension
            )
            if last_of_dimension and page.dimension.comment:
                row = self._comment_row(page.dimension)
                if row is not None:
                    first = next(i for i, p in enumerate(pages) if p.dimension == page.dimension)
                    rows.append(Option(row, id=f"comment:{first}"))
        return rows

    def _comment_row(self, dimension: Dimension) -> Table | None:
        comment = self.session.comments.get(dimension.id)
        if comment is None and self.read_only:
            return None
        answer = _shown(comment) if comment else Text("no comment", "dim")
        return _row("·", f"Comment: {dimension.name}", answer)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if self.read_only:
            return
        kind, _, page = (event.option.id or "page:0").partition(":")
        self.dismiss(Jump(int(page), comment=kind == "comment"))

    def action_back(self) -> None:
        self.dismiss(None)

    def action_submit(self) -> None:
        missing = self.session.missing()
        if missing:
            self.notify(
                f"{len(missing)} required question(s) are not answered yet.", severity="error"
            )
            return
        body = (
            f"Submit your {self.session.survey.title} for {self.session.period}? "
            "Your answers stay sealed until the other VP has submitted too."
        )
        self.app.push_screen(
            ChoiceScreen("Submit?", body, [("submit", "Submit"), ("cancel", "Not yet")]),
            self._confirmed,
        )

    def _confirmed(self, choice: str | None) -> None:
        if choice != "submit":
            return
        session = self.session
        try:
            session.submit()
        except PulseError as error:
            self.notify(" ".join(error.lines()), severity="error", markup=False)
            return
        start = Start(session.role, session.survey.id, session.period)
        self.dismiss(Submitted(session.recorded, start))  # the app shows it, in the take's place

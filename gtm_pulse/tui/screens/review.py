"""Review: every answer and what is still missing; jump back to any page, then submit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from gtm_pulse import roles
from gtm_pulse.errors import PulseError
from gtm_pulse.models import Answer, Question
from gtm_pulse.taking import TakeSession
from gtm_pulse.tui.literal import literal
from gtm_pulse.tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from gtm_pulse.tui.app import PulseApp

CLIP = 34


def describe(question: Question, value: Answer | None, session: TakeSession) -> Content:
    """An answer in words: "4 Agree", an option's label, frictions with severities, text."""
    if value is None or (isinstance(value, str) and not value.strip() and question.kind == "text"):
        return Content.styled("missing" if question.is_required else "skipped", "dim")
    if question.kind == "likert" and isinstance(value, int):
        return Content(f"{value} {session.survey.scale.labels[value - 1]}")
    if question.kind == "single" and isinstance(value, str):
        option = question.option(value)
        return Content(option.label if option else value)
    if question.kind == "multi" and isinstance(value, dict):
        if not value:
            return Content("none")
        parts = []
        for option_id, severity in value.items():
            option = question.option(option_id)
            label = option.label if option else option_id
            parts.append(f"{label} ({severity})" if severity else label)
        return Content(", ".join(parts))
    return literal(_clip(str(value).replace("\n", " "), 60))


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class ReviewScreen(Screen[int | None]):
    """Dismisses with a page index to jump to; submitting happens here (after a confirmation).

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

    @property
    def pulse(self) -> PulseApp:
        return self.app  # type: ignore[return-value]

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
            summary = f"{len(missing)} required question(s) still missing. Enter jumps to one."
        else:
            summary = "Everything required is answered. Press s to submit."
        yield Static(Content(summary), id="review-summary")
        yield OptionList(*self._rows(), id="review-list")
        yield KeyBar()

    def _rows(self) -> list[Option]:
        session = self.session
        rows = []
        for index, page in enumerate(session.pages):
            if page.question is None:
                comment = session.comments.get(page.dimension.id)
                if comment is None and self.read_only:
                    continue
                answer = (
                    literal(_clip(comment.replace("\n", " "), 60))
                    if comment
                    else (Content.styled("no comment", "dim"))
                )
                prompt = Content(f"· {_clip('Comment: ' + page.dimension.name, CLIP):<{CLIP}} ")
                rows.append(Option(prompt + answer, id=str(index)))
                continue
            question = page.question
            value = session.answers.get(question.id)
            answered = session.is_answered(question)
            mark = "✓" if answered else ("✗" if question.is_required else "·")
            text = _clip(session.text(question.text), CLIP)
            prompt = Content(f"{mark} {text:<{CLIP}} ")
            rows.append(Option(prompt + describe(question, value, session), id=str(index)))
        return rows

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if not self.read_only:
            self.dismiss(int(event.option.id or 0))

    def action_back(self) -> None:
        self.dismiss(None)

    def action_submit(self) -> None:
        from gtm_pulse.tui.screens.choice import ChoiceScreen

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
        from gtm_pulse.tui.screens.submitted import SubmittedScreen
        from gtm_pulse.tui.starting import Start

        session = self.session
        try:
            session.submit()
        except PulseError as error:
            self.notify(" ".join(error.lines()), severity="error", markup=False)
            return
        self.pulse.draft_touched = False
        start = Start(session.role, session.survey.id, session.period)
        self.app.pop_screen()  # this review; the take screen below becomes the result
        self.app.switch_screen(SubmittedScreen(session.recorded, start, just_now=True))

"""Answering: one question per page, with progress, autosaving every answer as it is given."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Button, Static, TextArea

from gtm_pulse import roles
from gtm_pulse.errors import PulseError
from gtm_pulse.taking import Page, TakeSession
from gtm_pulse.tui.literal import literal
from gtm_pulse.tui.widgets.keybar import KeyBar
from gtm_pulse.tui.widgets.pickers import AnswerText, FrictionPicker, Picked, ScalePicker

if TYPE_CHECKING:
    from gtm_pulse.tui.app import PulseApp

#: Typing is saved this long after the last key press (and always when leaving the page).
TEXT_SAVE_DELAY_S = 0.4


class _Body(VerticalScroll, can_focus=False):
    """The page's question and answer: scrolled to the answer, never a stop of its own for Tab
    (focused, it took the number keys away from the answer list)."""


class TakeScreen(Screen[None]):
    """Walks the session's pages; the review screen comes after the last one."""

    # Shown: they work wherever the focus is (a button, the answer list), except in a comment
    # box, which takes letters and names its own ctrl+n / ctrl+r.
    BINDINGS = [
        Binding("escape", "home", "Home"),
        Binding("n", "next", "Next"),
        Binding("p", "previous", "Previous"),
        Binding("r", "review", "Review"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, session: TakeSession, index: int | None = None) -> None:
        super().__init__()
        self.session = session
        start = session.resume_page() if index is None else index
        # Everything answered (e.g. amending): open on the last page with the review on top.
        self.review_first = start >= len(session.pages)
        self.index = min(start, len(session.pages) - 1)
        self._save_timer: Timer | None = None

    @property
    def pulse(self) -> PulseApp:
        return self.app  # type: ignore[return-value]

    @property
    def page(self) -> Page:
        return self.session.pages[self.index]

    def compose(self) -> ComposeResult:
        session, page = self.session, self.page
        n, total = session.position(self.index)
        who = f"{roles.title(session.role)} ({session.respondent})"
        verb = "Amending" if session.amending else "Answering"
        yield Static(
            Content(f"{verb} {session.survey.title} · {session.period} · ") + literal(who),
            id="take-header",
        )
        progress = f"{page.dimension.name} · {n} of {total}"
        if page.is_comment:
            progress = f"{page.dimension.name} · comment (optional)"
        yield Static(Content(progress), id="take-progress")
        # The question stays in view above the answer, which scrolls on a short terminal.
        if page.question is None:
            asked = session.text(page.dimension.comment or "")
        else:
            optional = "" if page.question.is_required else "  (optional)"
            asked = session.text(page.question.text) + optional
        yield Static(Content(asked), id="take-question")
        with _Body(id="take-body"):
            if page.question is None:
                current = session.comments.get(page.dimension.id, "")
                yield AnswerText(current, id="take-text")
            else:
                question = page.question
                if question.help:
                    yield Static(Content(question.help), classes="dim")
                current = session.answers.get(question.id)
                if question.kind in ("likert", "single"):
                    yield ScalePicker(question, session.survey.scale, current)
                elif question.kind == "multi":
                    yield FrictionPicker(question, current)
                else:
                    yield AnswerText(current if isinstance(current, str) else "", id="take-text")
        with Horizontal(id="take-nav"):
            yield Button("‹ Previous", id="take-previous", disabled=self.index == 0)
            yield Button("Next ›", id="take-next", variant="primary")
            yield Button("Review", id="take-review")
        yield KeyBar()

    def on_mount(self) -> None:
        self.focus_answer()
        if self.review_first:
            self.action_review()

    def focus_answer(self) -> None:
        for widget in self.query("#picker, #take-text"):
            widget.focus()
            return

    # -- answers ----------------------------------------------------------------------------

    def on_picked(self, message: Picked) -> None:
        try:
            self.session.answer(message.question, message.value)
        except ValueError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        except PulseError as error:  # e.g. the database is locked or unwritable
            self.notify(f"Not saved: {error}", severity="error", markup=False)
            return
        self.pulse.draft_touched = True
        if message.advance:
            self.call_after_refresh(self.action_next)

    def on_text_area_changed(self, _: TextArea.Changed) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(TEXT_SAVE_DELAY_S, self.save_text)

    def save_text(self) -> None:
        """Autosave the text on this page, if it changed."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        areas = self.query(AnswerText)
        if not areas:
            return
        text = areas.first().text
        page = self.page
        try:
            if page.question is None:
                if text != self.session.comments.get(page.dimension.id, ""):
                    self.session.comment(page.dimension, text)
                    self.pulse.draft_touched = True
            elif text != self.session.answers.get(page.question.id, ""):
                self.session.answer(page.question, text)
                self.pulse.draft_touched = True
        except (ValueError, PulseError) as error:
            self.notify(f"Not saved: {error}", severity="error", markup=False)

    # -- navigation -------------------------------------------------------------------------

    async def go(self, index: int) -> None:
        """Show page ``index`` (saving typed text first); past the last page, the review."""
        self.save_text()
        if index >= len(self.session.pages):
            self.action_review()
            return
        self.index = max(0, index)
        await self.recompose()
        self.focus_answer()

    async def action_next(self) -> None:
        if self.app.screen is not self:  # a key pressed right after answering opened another screen
            return
        await self.go(self.index + 1)

    async def action_previous(self) -> None:
        await self.go(self.index - 1)

    def action_review(self) -> None:
        from gtm_pulse.tui.screens.review import ReviewScreen

        self.save_text()

        async def jump(index: int | None) -> None:
            if index is not None:
                await self.go(index)

        self.app.push_screen(ReviewScreen(self.session), jump)

    def action_home(self) -> None:
        self.save_text()
        if self.pulse.draft_touched:
            self.notify("Draft saved.")
        self.dismiss()

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "take-next":
            await self.action_next()
        elif event.button.id == "take-previous":
            await self.action_previous()
        else:
            self.action_review()

"""Answering: one question per page, with progress, autosaving every answer as it is given.

A dimension's comment opens over the page with ``c`` (ctrl+o from a free-text answer), from any
page of the dimension, so it never stands between two answers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.widgets import Button, Static, TextArea

from gtm_pulse.core import roles
from gtm_pulse.core.models import PREDICTION_PREFIX, Dimension
from gtm_pulse.errors import PulseError
from gtm_pulse.services.taking import Page, TakeSession
from gtm_pulse.tui.literal import literal
from gtm_pulse.tui.messages import Autosaves, Submitted
from gtm_pulse.tui.widgets.keybar import KeyBar
from gtm_pulse.tui.widgets.pickers import AnswerText, FrictionPicker, Picked, ScalePicker

if TYPE_CHECKING:
    from gtm_pulse.tui.screens.review import Jump

#: Typing is saved this long after the last key press (and always when leaving the page).
TEXT_SAVE_DELAY_S = 0.4


class _SaveLater:
    """Runs ``save`` :data:`TEXT_SAVE_DELAY_S` after the last key press: one timer per screen,
    restarted by each key, stopped when the text is saved some other way."""

    def __init__(self, screen: Screen[Any], save: Callable[[], None]) -> None:
        self.screen, self.save = screen, save
        self.timer: Timer | None = None

    def restart(self) -> None:
        if self.timer is not None:
            self.timer.stop()
        self.timer = self.screen.set_timer(TEXT_SAVE_DELAY_S, self.save)

    def stop(self) -> bool:
        """Stop the timer; returns whether a save was still waiting."""
        waiting = self.timer is not None
        if self.timer is not None:
            self.timer.stop()
            self.timer = None
        return waiting


class _Body(VerticalScroll, can_focus=False):
    """The page's question and answer: scrolled to the answer, never a stop of its own for Tab
    (focused, it took the number keys away from the answer list)."""


class CommentDialog(ModalScreen[bool]):
    """A dimension's optional comment, opened with ``c`` from any of its pages.

    Over the page, not a page of its own, so no answer key can fall into it by accident; the
    keys typed here stay here. It autosaves like every answer (as typed, and on closing) and
    returns whether the comment changed.
    """

    BINDINGS = [Binding("escape", "done", "Done")]

    def __init__(self, session: TakeSession, dimension: Dimension) -> None:
        super().__init__()
        self.session = session
        self.dimension = dimension
        self.changed = False
        self.typed = session.comments.get(dimension.id, "")
        self._later = _SaveLater(self, self.save_text)

    def compose(self) -> ComposeResult:
        with Vertical(id="comment-box"):
            yield Static(Content(f"{self.dimension.name} · comment (optional)"), id="comment-title")
            yield Static(Content(self.session.text(self.dimension.comment or "")))
            yield TextArea(self.typed, id="comment-text")  # every printable key is text
            yield Static(Content("Saved as you type. Esc: back to the answers."), classes="dim")
        yield KeyBar()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.typed = event.text_area.text  # kept here: on unmount the box is already gone
        self._later.restart()

    def save_text(self) -> None:
        """Autosave the comment, if it changed."""
        self._later.stop()
        text = self.typed
        if text == self.session.comments.get(self.dimension.id, ""):
            return
        try:
            self.session.comment(self.dimension, text)
        except (ValueError, PulseError) as error:
            self.notify(f"Not saved: {error}", severity="error", markup=False)
            return
        self.changed = True

    def on_unmount(self) -> None:
        # Quitting (ctrl+c) with the dialog open unmounts it: typing not yet saved is saved.
        if self._later.stop():
            self.save_text()

    def action_done(self) -> None:
        self.save_text()
        self.dismiss(self.changed)


class TakeScreen(Screen[Submitted | None]):
    """Walks the session's pages; the review screen comes after the last one.

    Dismisses with :class:`Submitted` once the review submitted the response, None for home.
    ``autosaves`` (the app's) records that an answer was autosaved.
    """

    # Shown: they work wherever the focus is (a button, the answer list), except in a free-text
    # answer, which takes letters and names its own ctrl+n / ctrl+o / ctrl+r.
    BINDINGS = [
        Binding("escape", "home", "Home"),
        Binding("n", "next", "Next"),
        Binding("p", "previous", "Previous"),
        Binding("c", "comment", "Comment"),
        Binding("r", "review", "Review"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, session: TakeSession, autosaves: Autosaves) -> None:
        super().__init__()
        self.session = session
        self.autosaves = autosaves
        start = session.resume_page()
        # Everything answered (e.g. amending): open on the last page with the review on top.
        self.review_first = start >= len(session.pages)
        self.index = min(start, len(session.pages) - 1)
        self._later = _SaveLater(self, self.save_text)

    @property
    def page(self) -> Page:
        return self.session.pages[self.index]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The comment key is for a dimension that asks for one; elsewhere it is not shown.
        return action != "comment" or bool(self.page.dimension.comment)

    def compose(self) -> ComposeResult:
        session, page = self.session, self.page
        question = page.question
        n, total = session.position(self.index)
        who = f"{roles.title(session.role)} ({session.respondent})"
        verb = "Amending" if session.amending else "Answering"
        yield Static(
            Content(f"{verb} {session.survey.title} · {session.period} · ") + literal(who),
            id="take-header",
        )
        progress = f"{page.dimension.name} · {n} of {total}"
        if page.dimension.id in session.comments:
            progress += " · commented"
        yield Static(Content(progress), id="take-progress")
        # The question stays in view above the answer, which scrolls on a short terminal.
        optional = "" if question.is_required else "  (optional)"
        yield Static(Content(session.text(question.text) + optional), id="take-question")
        with _Body(id="take-body"):
            if question.help:
                yield Static(Content(question.help), classes="dim")
            said = session.said(question)
            if said is not None:  # a revisited page names its answer, not by colour alone
                whose = "Your guess" if question.id.startswith(PREDICTION_PREFIX) else "Your answer"
                yield Static(Content(f"{whose}: ") + Content.styled(said, "bold"), id="take-said")
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
        self.autosaves.kept = True
        if message.advance:
            self.call_after_refresh(self.action_next)

    def on_text_area_changed(self, _: TextArea.Changed) -> None:
        self._later.restart()

    def save_text(self) -> None:
        """Autosave the text on this page, if it changed."""
        self._later.stop()
        areas = self.query(AnswerText)
        if not areas:
            return
        text = areas.first().text
        question = self.page.question
        try:
            if text != self.session.answers.get(question.id, ""):
                self.session.answer(question, text)
                self.autosaves.kept = True
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

        async def jump(to: Jump | Submitted | None) -> None:
            if isinstance(to, Submitted):  # the submitted screen takes this one's place
                self.dismiss(to)
            elif to is not None:
                await self.go(to.page)
                if to.comment:
                    self.action_comment()

        self.app.push_screen(ReviewScreen(self.session), jump)

    def action_comment(self) -> None:
        """Open the comment of the page's dimension over the page (typing there answers nothing)."""
        dimension = self.page.dimension
        if not dimension.comment or self.app.screen is not self:
            return
        self.save_text()

        async def closed(changed: bool | None) -> None:
            if changed:
                self.autosaves.kept = True
                await self.recompose()  # the progress line says "commented"
            self.focus_answer()

        self.app.push_screen(CommentDialog(self.session, dimension), closed)

    def action_home(self) -> None:
        self.save_text()
        if self.autosaves.kept:
            self.notify("Draft saved.")
        self.dismiss()

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "take-next":
            await self.action_next()
        elif event.button.id == "take-previous":
            await self.action_previous()
        else:
            self.action_review()

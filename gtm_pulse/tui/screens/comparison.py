"""The CEO's comparison inside the pulse TUI: ``gtm-pulse compare``'s own text, scrollable.

The same words and figures as the command prints (``report.render``), laid out at the screen's
width, so what the CEO reads at home is what ``compare`` pastes into a mail. Only a complete
review reaches this screen: the app builds it with the period named, and ``build_review``
refuses a period one VP has not submitted.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from gtm_pulse.report import render
from gtm_pulse.report.charts import MAX_WIDTH, MIN_WIDTH
from gtm_pulse.services.comparing import Review
from gtm_pulse.tui.widgets.keybar import KeyBar

#: Columns the report leaves free: the scroll area's padding (2 each side) and its scroll bar.
_MARGIN = 5


class ComparisonScreen(Screen[None]):
    """One period's comparison as text: the verdict first, every section with ``f``."""

    BINDINGS = [
        Binding("f", "toggle_full", "Every section"),
        Binding("escape", "app.pop_screen", "Home"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, review: Review) -> None:
        super().__init__()
        self.review = review
        self.full = False
        """Every section (``compare --full``) rather than the one-screen verdict."""
        self.shown = ""
        """The report on screen: what ``gtm-pulse compare`` prints at this width."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="comparison-body"):
            yield Static(id="comparison-text")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#comparison-body").focus()  # arrows and Page keys scroll at once
        self._draw(self.app.size.width)

    def on_resize(self, event: events.Resize) -> None:
        self._draw(event.size.width)

    def action_toggle_full(self) -> None:
        self.full = not self.full
        self._draw(self.app.size.width)

    def _draw(self, screen_width: int) -> None:
        width = max(MIN_WIDTH, min(MAX_WIDTH, screen_width - _MARGIN))
        self.shown = render(self.review, "text", width, full=self.full)
        # Content, not markup: the report quotes comments and names as the VPs typed them.
        self.query_one("#comparison-text", Static).update(Content(self.shown.rstrip("\n")))

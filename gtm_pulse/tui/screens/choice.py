"""A modal question with a few answers, e.g. "Submit now?" or "Keep or discard this draft?"."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from gtm_pulse.tui.widgets.keybar import KeyBar


class ChoiceScreen(ModalScreen[str | None]):
    """Returns the id of the chosen button, or None when dismissed with escape."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, title: str, body: Content | str, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.body = body
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(id="choice-box"):
            yield Static(Content(self.title_text), id="choice-title")
            yield Static(self.body if isinstance(self.body, Content) else Content(self.body))
            with Horizontal(id="choice-buttons"):
                for index, (choice_id, label) in enumerate(self.choices):
                    yield Button(
                        Content(label), id=choice_id, variant="primary" if index == 0 else "default"
                    )
        yield KeyBar()  # its own keys: the bar of the screen below would name keys that sleep

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

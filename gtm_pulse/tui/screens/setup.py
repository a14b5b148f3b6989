"""First run: name the company and who holds each role, instead of an error; or join a team
the CEO has shared already (the join form, which the app opens)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Input, Static

from gtm_pulse.core.models import DEFAULT_TEAM
from gtm_pulse.errors import TeamError
from gtm_pulse.tui.literal import literal_str
from gtm_pulse.tui.messages import JoinShared, TeamSaved
from gtm_pulse.tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from gtm_pulse.store.database import Store

FIELDS = [
    ("company", "Company"),
    ("sales", "VP of Sales"),
    ("marketing", "VP of Marketing"),
    ("ceo", "CEO"),
]


class SetupScreen(Screen[None]):
    """Asks for the team once; saving opens the home screen and says where the team went.

    Laid out to fit 80x24 with the button in full, and rows to spare for an error and a long
    path: the path sits beside the button, where it may wrap onto the button's three rows. The
    way to join a shared team is one row below (a compact button): a VP's laptop takes it.
    """

    BINDINGS = [Binding("escape", "app.quit", "Quit")]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    def compose(self) -> ComposeResult:
        with Vertical(id="setup"):
            yield Static("Welcome to gtm-pulse", id="setup-title")
            yield Static(
                "No team yet. Who is on it? Tab moves between the fields.",
                id="setup-hint",
                classes="dim",
            )
            for field, label in FIELDS:
                yield Input(placeholder=label, id=f"setup-{field}")
            yield Static("", id="setup-error")
            with Horizontal(id="setup-actions"):  # the path beside the button: rows to spare
                yield Button("Save team", id="setup-save", variant="primary")
                # Content, not markup: a path may hold brackets.
                where = f"The team will be saved in {literal_str(str(self.store.path))}"
                yield Static(Content(where), id="setup-path", classes="dim")
            with Horizontal(id="setup-join-row"):
                yield Button("Join a team that is already shared", id="setup-join", compact=True)
                yield Static("the CEO ran 'gtm-pulse sync'", classes="dim")
        yield KeyBar()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.focus_next()
        if event.input.id == "setup-ceo":
            self.save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "setup-join":
            self.post_message(JoinShared())  # the app opens the join form
        else:
            self.save()

    def save(self) -> None:
        values = {field: self.query_one(f"#setup-{field}", Input).value for field, _ in FIELDS}
        company = values.pop("company")
        from gtm_pulse.core.schema import checked_team  # pydantic: ~50 ms, paid only on set-up

        try:
            team = checked_team(company, values, self.store.team or DEFAULT_TEAM)
        except TeamError as error:
            self.query_one("#setup-error", Static).update(Content(str(error)))
            return
        self.store.init(team)
        self.post_message(TeamSaved(team))  # the app decides what comes next

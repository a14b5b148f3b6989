"""First run: name the company and who holds each role, instead of an error."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Input, Static

from gtm_pulse.errors import TeamError
from gtm_pulse.models import DEFAULT_TEAM
from gtm_pulse.tui.widgets.keybar import KeyBar

FIELDS = [
    ("company", "Company"),
    ("sales", "VP of Sales"),
    ("marketing", "VP of Marketing"),
    ("ceo", "CEO"),
]


class SetupScreen(Screen[None]):
    """Asks for the team once; saving opens the home screen."""

    BINDINGS = [Binding("escape", "app.quit", "Quit")]

    def compose(self) -> ComposeResult:
        with Vertical(id="setup"):
            yield Static("Welcome to gtm-pulse", id="setup-title")
            yield Static("No team yet. Who is on it?", classes="dim")
            for field, label in FIELDS:
                yield Input(placeholder=label, id=f"setup-{field}")
            yield Static("", id="setup-error")
            yield Button("Save team", id="setup-save", variant="primary")
        yield KeyBar()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.focus_next()
        if event.input.id == "setup-ceo":
            self.save()

    def on_button_pressed(self, _: Button.Pressed) -> None:
        self.save()

    def save(self) -> None:
        values = {field: self.query_one(f"#setup-{field}", Input).value for field, _ in FIELDS}
        company = values.pop("company")
        from gtm_pulse.schema import checked_team  # pydantic: ~50 ms, paid only on set-up

        try:
            team = checked_team(company, values, self.app.store.team or DEFAULT_TEAM)  # type: ignore[attr-defined]
        except TeamError as error:
            self.query_one("#setup-error", Static).update(Content(str(error)))
            return
        self.app.store.init(team)  # type: ignore[attr-defined]
        from gtm_pulse.tui.screens.home import HomeScreen
        from gtm_pulse.tui.starting import open_survey

        self.app.switch_screen(HomeScreen())
        start = self.app.start  # type: ignore[attr-defined]
        if start is None:  # plain 'gtm-pulse': home is where to go
            return
        if start.role in team.respondent_roles:  # 'take --role R' on a new database: carry on
            open_survey(self.app, start)  # type: ignore[arg-type]
        else:
            roles = ", ".join(team.respondent_roles)
            self.app.notify(
                f"Role {start.role!r} does not answer surveys in this team (roles: {roles}).",
                severity="error",
            )

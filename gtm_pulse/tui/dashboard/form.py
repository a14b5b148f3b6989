"""The form that records a commitment during the offsite: what, who owns it, when it is due."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Select, Static

from gtm_pulse.core import roles
from gtm_pulse.core.commitments import date_problem
from gtm_pulse.core.periods import Period, parse_period
from gtm_pulse.errors import PeriodError
from gtm_pulse.tui.widgets.keybar import KeyBar


@dataclass(frozen=True)
class NewCommitment:
    """What the form returns: checked, ready for :meth:`Store.add_commitment`."""

    text: str
    owner: str
    due: Period


class CommitmentForm(ModalScreen[NewCommitment | None]):
    """Returns the new commitment, or None when cancelled (escape)."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, owners: list[str], due: str, agreed_in: Period) -> None:
        super().__init__()
        self.owners = owners
        self.due = due
        self.agreed_in = agreed_in
        """The period under review: a commitment cannot fall due before it."""

    def compose(self) -> ComposeResult:
        with Vertical(id="form-box"):
            yield Static("A commitment from the offsite", id="form-title")
            yield Input(placeholder="What will happen, e.g. one written lead definition",
                        id="form-text")  # fmt: skip
            options = [(roles.title(role), role) for role in self.owners]
            yield Select(options, value=self.owners[0], allow_blank=False, id="form-owner")
            yield Input(value=self.due, placeholder="Due: 2026-12 or 2026-Q1", id="form-due")
            yield Static(id="form-error")
            with Horizontal(id="form-buttons"):
                yield Button("Save", id="form-save", variant="primary")
                yield Button("Cancel", id="form-cancel")
        yield KeyBar()  # its own keys: the dashboard's do nothing while the form is open

    def on_input_submitted(self) -> None:
        self.save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "form-save":
            self.save()
        else:
            self.dismiss(None)

    def save(self) -> None:
        """Dismiss with the commitment, or say what is wrong and stay open."""
        text = self.query_one("#form-text", Input).value
        due = self.query_one("#form-due", Input).value
        error = self.query_one("#form-error", Static)
        if not text.strip():
            error.update(Content("Say what will happen."))
            return
        try:
            period = parse_period(due)  # typed in the form: this is its edge
        except PeriodError as problem:
            error.update(Content(str(problem)))
            return
        if (dates := date_problem(period, self.agreed_in)) is not None:
            error.update(Content(f"Due: {dates[1]}"))  # the review's period is never ahead
            return
        owner = self.query_one("#form-owner", Select).value
        self.dismiss(NewCommitment(text, str(owner), period))

"""Join a team the CEO has shared (``gtm-pulse join`` in the TUI), from the set-up screen.

The VP names the shared folder or git repository the CEO synced with; Enter reads the team
published there and offers its seats by name (before that: Sales or Marketing); Join makes this
laptop's database from it and syncs. Reading and joining run in worker threads: a git clone
must not freeze the form. A remote that cannot be used is one line on the form, which stays.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Input, RadioButton, RadioSet, Static
from textual.worker import Worker, WorkerState

from gtm_pulse.core import roles
from gtm_pulse.errors import PulseError
from gtm_pulse.tui.literal import literal, literal_str
from gtm_pulse.tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from gtm_pulse.core.surveys import Catalog
    from gtm_pulse.services.background_sync import Joined, SharedTeam  # noqa: F401
    from gtm_pulse.store.database import Store

#: The worker groups: reading the shared team, and joining it.
READ, JOIN = "read-team", "join"


class SeatChoice(RadioSet):
    """The seats, where the arrow keys choose the seat they move to and Enter joins.

    A plain RadioSet's arrows only move a highlight: a VP of Marketing who pressed Down, then
    Tab and Enter, joined as Sales, the seat still pressed.
    """

    BINDINGS = [Binding("enter", "join", "Join", show=False)]

    def action_next_button(self) -> None:
        super().action_next_button()
        self.action_toggle_button()

    def action_previous_button(self) -> None:
        super().action_previous_button()
        self.action_toggle_button()

    class Chosen(Message):
        """Enter on a seat: join as it."""

    def action_join(self) -> None:
        self.action_toggle_button()
        self.post_message(self.Chosen())


class JoinScreen(Screen["Joined | None"]):
    """The join form; dismisses with :class:`~gtm_pulse.services.background_sync.Joined`
    once this laptop's database is made, None when the VP goes back to set-up."""

    BINDINGS = [Binding("escape", "back", "Back to set-up")]

    def __init__(self, store: Store, catalog: Catalog) -> None:
        super().__init__()
        self.store = store
        self.catalog = catalog
        self.roles: list[str] = list(roles.CORE_PAIR)
        """The roles offered, in the order of the choice's buttons."""
        self.read_from: str | None = None
        """The remote whose team the seats were read from (None: Sales and Marketing)."""
        self.reading: str | None = None
        """The remote being read."""

    def compose(self) -> ComposeResult:
        with Vertical(id="join"):
            yield Static("Join a team that is already shared", id="join-title")
            yield Static(
                "Name the shared folder or git repository the CEO synced with, then Enter: "
                "the team's seats show below.",
                id="join-hint",
                classes="dim",
            )
            yield Input(placeholder="e.g. ~/Dropbox/gtm-pulse or a git URL", id="join-remote")
            yield Static("Your role:", id="join-found")
            yield self._choice([(role, None) for role in self.roles])
            yield Static("", id="join-error")
            with Horizontal(id="join-actions"):
                yield Button("Join", id="join-go", variant="primary")
                path = literal_str(str(self.store.path))
                where = f"This laptop's database will be saved in {path}"
                yield Static(Content(where), id="join-path", classes="dim")
        yield KeyBar()

    def _choice(self, seats: list[tuple[str, str | None]]) -> SeatChoice:
        """One button per (role, name), the first pressed; a name shows as typed."""
        buttons = []
        for n, (role, name) in enumerate(seats):
            label = Content(roles.title(role))
            if name is not None:
                label += Content(": ") + literal(name)
            buttons.append(RadioButton(label, value=n == 0))
        return SeatChoice(*buttons, id="join-role", compact=True)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        remote = event.value.strip()
        if not remote:
            self._say_error("Name the shared folder or git repository first.")
            return
        from gtm_pulse.services.background_sync import read_shared_team

        self._say_error("")
        self.reading = remote
        self.query_one("#join-found", Static).update(Content("Reading the shared team..."))
        work = partial(read_shared_team, self.store, remote)
        self.run_worker(work, thread=True, group=READ, exclusive=True, exit_on_error=False)

    def on_button_pressed(self, _: Button.Pressed) -> None:
        self.join()

    def on_seat_choice_chosen(self, _: SeatChoice.Chosen) -> None:
        self.join()

    def join(self) -> None:
        """Join as the role chosen, in a worker; the button rests until it ends."""
        remote = self.query_one("#join-remote", Input).value.strip()
        if not remote:
            self._say_error("Name the shared folder or git repository first.")
            self.query_one("#join-remote", Input).focus()
            return
        if self.read_from is not None and remote != self.read_from:
            self._say_error(
                f"The seats shown are {self.read_from}'s: press Enter to read this one."
            )
            self.query_one("#join-remote", Input).focus()
            return
        role = self.roles[max(self.query_one("#join-role", RadioSet).pressed_index, 0)]
        from gtm_pulse.services.background_sync import join_shared_team

        self._say_error("")
        self.query_one("#join-go", Button).disabled = True
        work = partial(join_shared_team, self.store, self.catalog, remote, role)
        self.run_worker(work, thread=True, group=JOIN, exclusive=True, exit_on_error=False)

    async def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group not in (READ, JOIN) or not worker.is_finished:
            return
        event.stop()  # the form's own workers: nothing for the app
        if worker.group == JOIN:
            self.query_one("#join-go", Button).disabled = False
        if event.state == WorkerState.ERROR:
            error = worker.error
            known = isinstance(error, PulseError)
            self._say_error(str(error) if known else f"{type(error).__name__}: {error}")
            if worker.group == READ:
                self.query_one("#join-found", Static).update(Content("Your role:"))
        elif event.state == WorkerState.SUCCESS and worker.group == READ:
            shared = worker.result
            assert shared is not None  # read_shared_team returns a team or raises
            await self._offer(shared)
        elif event.state == WorkerState.SUCCESS:
            self.dismiss(worker.result)  # the app goes on as after set-up

    async def _offer(self, shared: SharedTeam) -> None:
        """The seats of the team read: its company named, one button per role with its name."""
        self.roles = [role for role, _ in shared.seats]
        self.read_from = self.reading
        found = literal(shared.company) + Content(": whose seat is this laptop's?")
        self.query_one("#join-found", Static).update(found)
        await self.query_one("#join-role", RadioSet).remove()
        choice = self._choice(list(shared.seats))
        await self.query_one("#join", Vertical).mount(choice, after="#join-found")
        choice.focus()

    def _say_error(self, text: str) -> None:
        """One line under the choice (an error's words are shown as typed)."""
        self.query_one("#join-error", Static).update(literal(text))

    def action_back(self) -> None:
        self.dismiss(None)

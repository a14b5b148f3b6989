"""The pulse app: wiring only. Screens live in :mod:`gtm_pulse.tui.screens`."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from gtm_pulse.store import Store
from gtm_pulse.surveys import Catalog
from gtm_pulse.tui.screens.home import HomeScreen
from gtm_pulse.tui.screens.setup import SetupScreen
from gtm_pulse.tui.starting import Start, open_survey


class PulseApp(App[None]):
    """Home screen (or set-up for a new team); or straight into a survey with ``start``."""

    CSS_PATH = "pulse.tcss"
    TITLE = "gtm-pulse"
    BINDINGS = [
        # Users expect Ctrl+C to quit a terminal program; drafts are saved, so nothing is lost.
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(self, store: Store, catalog: Catalog, start: Start | None = None) -> None:
        super().__init__()
        self.store = store
        self.catalog = catalog
        self.start = start
        self.draft_touched = False
        """Set once an answer is autosaved, so quitting can say the draft is kept."""

    def on_mount(self) -> None:
        snapshot = self.store.load() if self.store.exists() else None
        if snapshot is None or snapshot.team is None:
            self.push_screen(SetupScreen())
        elif self.start is not None:
            self.push_screen(HomeScreen())
            open_survey(self, self.start)
        else:
            self.push_screen(HomeScreen())

    def action_quit(self) -> None:
        from gtm_pulse.tui.screens.take import TakeScreen

        if isinstance(self.screen, TakeScreen):
            self.screen.save_text()
        message = "Draft saved: run gtm-pulse again to carry on." if self.draft_touched else None
        self.exit(message=message)

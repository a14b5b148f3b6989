"""The pulse app: wiring only. Screens live in :mod:`gtm_pulse.tui.screens`."""

from __future__ import annotations

import gc
from typing import Any

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from gtm_pulse.store import Store
from gtm_pulse.surveys import Catalog
from gtm_pulse.tui.screens.home import HomeScreen
from gtm_pulse.tui.starting import Start, open_survey

#: Seconds after the first screen until what the start made goes back among the objects the
#: collector scans: by then the user is reading the screen, and a later full collection frees
#: whatever of it became garbage (a screen left, the start's own cycles).
UNFREEZE_AFTER_S = 2.0


class PulseApp(App[None]):
    """Home screen (or set-up for a new team); or straight into a survey with ``start``."""

    CSS_PATH = "pulse.tcss"
    ALLOW_IN_MAXIMIZED_VIEW = "KeyBar"  # the key bar stays when a widget is maximised
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

    def get_default_screen(self) -> Screen[Any]:
        """Home is the base of the stack, not pushed over Textual's blank default screen: one
        screen fewer to compose and lay out before the first key is taken. Set-up (once per team)
        is pushed over the blank one and gives way to home when the team is saved."""
        snapshot = self.store.load() if self.store.exists() else None
        if snapshot is None or snapshot.team is None:
            return super().get_default_screen()
        return HomeScreen()

    def on_mount(self) -> None:
        self.call_after_refresh(self._collect_again)
        if not isinstance(self.screen, HomeScreen):
            from gtm_pulse.tui.screens.setup import SetupScreen  # once per team: not at every start

            self.push_screen(SetupScreen())
        elif self.start is not None:
            open_survey(self, self.start)

    def _collect_again(self) -> None:
        """Once the first screen is drawn, after ``run_tui`` stopped the collector: freeze what
        the start made, so turning the collector on does not scan it all at the first key
        press (~10 ms), start it again, and a little later hand those objects back to it."""
        if gc.isenabled():  # started with the collector on (the tests): leave it alone
            return
        gc.freeze()
        gc.enable()
        self.set_timer(UNFREEZE_AFTER_S, gc.unfreeze)

    def action_quit(self) -> None:
        from gtm_pulse.tui.screens.take import TakeScreen

        if isinstance(self.screen, TakeScreen):
            self.screen.save_text()
        message = "Draft saved: run gtm-pulse again to carry on." if self.draft_touched else None
        self.exit(message=message)

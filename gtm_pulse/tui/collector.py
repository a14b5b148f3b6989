"""The garbage collector around a TUI's start, for both apps (the pulse and the dashboard).

The command that starts a TUI stops the collector before importing textual (``run_tui``,
``run_dashboard``): importing it and building the first screen make tens of thousands of objects
that live as long as the app, and collections during the start scan them for nothing. Once the
first screen is drawn, :func:`collect_again` freezes what the start made, so the first key press
does not pay for scanning it all (~10 ms), starts the collector again, and a little later hands
those objects back to it.
"""

from __future__ import annotations

import gc

from textual.app import App

#: Seconds after the first screen until what the start made goes back among the objects the
#: collector scans: by then the user is reading the screen, and a later full collection frees
#: whatever of it became garbage (a screen left, the start's own cycles).
UNFREEZE_AFTER_S = 2.0


def collect_again(app: App[object]) -> None:
    """Call once ``app``'s first screen is drawn (``call_after_refresh``). An app started with
    the collector on (the tests) is left alone."""
    if gc.isenabled():
        return
    gc.freeze()
    gc.enable()
    app.set_timer(UNFREEZE_AFTER_S, gc.unfreeze)

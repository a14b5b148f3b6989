"""A child of the benchmark: start a TUI, wait until its first screen takes keys, quit.

    python benchmarks/tui_probe.py gtm DB     the pulse, as 'gtm-pulse' starts it
    python benchmarks/tui_probe.py minimal    a Textual app with one Static: the floor

Both run headless at 80x24. "Ready to take a key" is the first moment the pilot gets control:
the screen is mounted and the app idle. The probe prints ``READY <wall-clock time>`` then, and
the parent counts from its launch to that moment: what comes after (the app closing, the
interpreter tearing down) is not part of the wait a user sees before typing.
"""

from __future__ import annotations

import sys
import time


async def _ready(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    print(f"READY {time.time()}", flush=True)
    pilot.app.exit()


def main() -> None:
    if sys.argv[1] == "minimal":
        from textual.app import App, ComposeResult
        from textual.widgets import Static

        class Minimal(App[None]):
            def compose(self) -> ComposeResult:
                yield Static("ready")

        Minimal().run(headless=True, size=(80, 24), auto_pilot=_ready)
        return
    # What 'gtm-pulse' does before its TUI shows: the CLI module, the store, the app.
    import gtm_pulse.cli  # noqa: F401
    from gtm_pulse.store import Store
    from gtm_pulse.surveys import LazyCatalog
    from gtm_pulse.tui.app import PulseApp

    store = Store(sys.argv[2])
    store.load()
    PulseApp(store, LazyCatalog(), None).run(headless=True, size=(80, 24), auto_pilot=_ready)


if __name__ == "__main__":
    main()

"""A child of the benchmark: start a TUI, wait until its first screen takes keys, quit.

    python benchmarks/tui_probe.py gtm DB [TEAM]   the pulse, as 'gtm-pulse [--team TEAM]' starts it
    python benchmarks/tui_probe.py minimal         a Textual app with one Static: the floor

Both run headless at 80x24. "Ready to take a key" is the moment the app goes idle with its
first screen drawn (see ``_ready``). The probe prints ``READY <wall-clock time>`` of that moment,
and the parent counts from its launch to it: what comes after (the app closing, the
interpreter tearing down) is not part of the wait a user sees before typing.
"""

from __future__ import annotations

import asyncio
import sys
import time

#: Idle is Textual's own test (``textual._wait.wait_for_idle``): under 1 ms of CPU in 20 ms, a
#: window long enough to span a frame of its 60 Hz screen updates.
IDLE_WINDOW_S, IDLE_CPU_S, STEP_S = 0.020, 0.001, 0.004
GIVE_UP_S = 10.0


async def _ready(pilot) -> None:  # type: ignore[no-untyped-def]
    """Print the moment the app went idle with its first screen up, then quit.

    ``pilot.pause()`` tests for idle in 20 ms jumps, so it reports up to 20 ms late, by an
    amount that depends on where the work ends within a jump: a 1 ms overrun cost 20. The same
    test slid along in 4 ms steps finds the moment the work ended, within a step. An app still
    busy after ``GIVE_UP_S`` fails the run rather than hang it.
    """
    began = time.perf_counter()
    samples = [(began, time.process_time())]
    start = 0
    while True:
        await asyncio.sleep(STEP_S)
        now, cpu = time.perf_counter(), time.process_time()
        samples.append((now, cpu))
        while now - samples[start + 1][0] >= IDLE_WINDOW_S:
            start += 1  # the latest sample that opens a full window ending now
        since, cpu_then = samples[start]
        if now - since >= IDLE_WINDOW_S and cpu - cpu_then < IDLE_CPU_S:
            break
        if now - began > GIVE_UP_S:
            pilot.app.exit()
            raise SystemExit(f"the app was still busy after {GIVE_UP_S} s")
    print(f"READY {time.time() - (time.perf_counter() - since)}", flush=True)
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
    # What 'gtm-pulse' does before its TUI shows: the CLI module, then (run_tui) the collector
    # stopped until the first screen is drawn, the store and the app.
    import gc

    import gtm_pulse.cli.launch  # noqa: F401  # what the root command imports to run the TUI

    gc.disable()
    from gtm_pulse.store.database import Store
    from gtm_pulse.store.survey_files import LazyCatalog
    from gtm_pulse.tui.app import PulseApp

    store = Store(sys.argv[2], team=sys.argv[3] if len(sys.argv) > 3 else None)
    snapshot = store.load()
    PulseApp(store, LazyCatalog(), None, snapshot).run(
        headless=True, size=(80, 24), auto_pilot=_ready
    )


if __name__ == "__main__":
    main()

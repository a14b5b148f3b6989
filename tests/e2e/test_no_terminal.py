"""Without a terminal, the TUI commands say so in one line and exit 2 at once (issue 14, item 3).

``gtm-pulse take --role sales </dev/null`` once ran for 7 minutes of CPU, drawing the TUI into
stderr. Run here inside a real terminal (tmux) with stdin and stdout redirected, as a script or
cron job would, and as a plain child process with neither a terminal.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gtm_pulse.store.database import Store
from tests.e2e.test_imports import PROBE
from tests.e2e.test_tmux import SCRIPT, TMUX, Terminal

#: The TUI commands and the one line each prints instead.
REFUSALS = {
    "take --role sales": "gtm-pulse: error: the survey needs a terminal; without one, answer "
    "from a file with 'gtm-pulse submit' (see 'gtm-pulse take --help')",
    "": "gtm-pulse: error: gtm-pulse needs a terminal; 'gtm-pulse status' and 'gtm-pulse "
    "compare' print without one (see 'gtm-pulse --help')",
}


@pytest.mark.slow
@pytest.mark.skipif(TMUX is None, reason="tmux is not installed (.ci/run installs it)")
@pytest.mark.parametrize("args", list(REFUSALS), ids=["take", "bare"])
@pytest.mark.parametrize(
    "redirect", ["</dev/null >out 2>err", "</dev/null 2>err", ">out 2>err"],
    ids=["neither", "no-stdin", "no-stdout"],
)  # fmt: skip
def test_in_a_terminal_with_stdio_redirected_it_refuses_within_2_seconds(
    store: Store, tmp_path: Path, args: str, redirect: str
) -> None:
    # Given a real terminal whose command has stdin, stdout or both redirected
    env = {
        "GTM_PULSE_DB": str(store.path),
        "GTM_PULSE_TODAY": os.environ["GTM_PULSE_TODAY"],
        "TERM": "xterm-256color",
    }
    # When it runs (killed after 2 seconds: a TUI drawn without a terminal never ends)
    command = f"cd {shlex.quote(str(tmp_path))} && timeout -s KILL 2 {SCRIPT} {args} {redirect}"
    terminal = Terminal(f"sh -c {shlex.quote(command + '; echo $? > rc')}", env)
    try:
        rc = tmp_path / "rc"
        deadline = time.monotonic() + 10
        while not (rc.exists() and rc.read_text().strip()) and time.monotonic() < deadline:
            time.sleep(0.05)
        # Then it has exited 2 (not 137, killed) with its one line on stderr, nothing on stdout
        assert rc.read_text().strip() == "2", (tmp_path / "err").read_text()[-800:]
        assert (tmp_path / "err").read_text().splitlines() == [REFUSALS[args]]
        if "out" in redirect.split(">")[1]:
            assert (tmp_path / "out").read_text() == ""
    finally:
        terminal.close()


@pytest.mark.parametrize("args", list(REFUSALS), ids=["take", "bare"])
def test_a_child_without_a_terminal_exits_2_at_once_with_one_line(store: Store, args: str) -> None:
    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "gtm_pulse", *args.split()],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=10,
    )  # fmt: skip
    assert time.monotonic() - start < 2
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [REFUSALS[args]]


@pytest.mark.parametrize("args", list(REFUSALS), ids=["take", "bare"])
def test_refusing_never_imports_textual(store: Store, args: str) -> None:
    # Printing one line must cost what a printing command costs (~300 ms less than a TUI).
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args.split()],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, check=True, timeout=10,
    )  # fmt: skip
    assert result.stdout.splitlines()[-1] == "HEAVY:"

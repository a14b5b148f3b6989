"""compare as the CEO runs it: the installed script, piped (CI) or in a real terminal.

Piped output has no colour and fits ``--width``; in a pseudo-terminal it takes the terminal's
width and colour, unless ``NO_COLOR`` is set.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import shutil
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from gtm_pulse.models import Survey
from gtm_pulse.store import Store
from gtm_pulse.termtext import cell_width, strip_style
from tests.helpers import scored, submit_pair

SCRIPT = shutil.which("gtm-pulse", path=str(Path(sys.executable).parent)) or "gtm-pulse"


@pytest.fixture
def filled(store: Store, monthly: Survey) -> Store:
    comment = {"_comments": {"respect": "Ça va. 東京 [bold]x[/] \x1b[2J" + " long" * 50}}
    submit_pair(store, monthly, "2026-10", scored(monthly, 4), scored(monthly, 3))
    submit_pair(store, monthly, "2026-11", scored(monthly, 4) | comment, scored(monthly, 2))
    return store


@pytest.mark.parametrize("width", [60, 80, 120, 200])
def test_piped_compare_fits_the_width_without_colour(filled: Store, width: int) -> None:
    result = subprocess.run(
        [SCRIPT, "compare", "--width", str(width)],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout
    lines = result.stdout.splitlines()
    assert len(lines) > 60
    assert max(cell_width(line) for line in lines) <= width


def test_piped_compare_without_width_uses_80_columns(filled: Store) -> None:
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    result = subprocess.run([SCRIPT, "compare"], capture_output=True, text=True, env=env)
    assert max(cell_width(line) for line in result.stdout.splitlines()) == 80


def in_terminal(args: list[str], columns: int, env: dict[str, str]) -> str:
    """Run the script in a pseudo-terminal ``columns`` wide; return what it printed."""
    pid, fd = pty.fork()
    if pid == 0:  # child: the pty is its terminal
        os.execve(SCRIPT, [SCRIPT, *args], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    output = b""
    while True:
        ready, _, _ = select.select([fd], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, output[-500:]
    return output.decode("utf-8").replace("\r\n", "\n")


def test_in_a_terminal_compare_has_colour_and_the_terminal_width(filled: Store) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS")}
    shown = in_terminal(["compare"], 100, env)
    assert "\x1b[" in shown
    widths = [cell_width(strip_style(line)) for line in shown.splitlines()]
    assert max(widths) == 100


def test_no_color_in_a_terminal_means_no_escape_codes(filled: Store) -> None:
    env = {**{k: v for k, v in os.environ.items() if k != "COLUMNS"}, "NO_COLOR": "1"}
    for args in (["compare"], ["trend"]):
        shown = in_terminal(args, 90, env)
        assert "\x1b" not in shown, args
        assert max(cell_width(line) for line in shown.splitlines()) <= 90

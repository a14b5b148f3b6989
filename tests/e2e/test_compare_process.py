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

from gtm_pulse.core.models import Survey
from gtm_pulse.core.termtext import cell_width, strip_style
from gtm_pulse.store.database import Store
from tests.helpers import scored, submit_pair

SCRIPT = shutil.which("gtm-pulse", path=str(Path(sys.executable).parent)) or "gtm-pulse"


@pytest.fixture
def filled(store: Store, monthly: Survey) -> Store:
    comment = {"_comments": {"respect": "Ça va. 東京 [bold]x[/] \x1b[2J" + " long" * 50}}
    submit_pair(store, monthly, "2026-10", scored(monthly, 4), scored(monthly, 3))
    submit_pair(store, monthly, "2026-11", scored(monthly, 4) | comment, scored(monthly, 2))
    return store


def piped(*args: str, env: dict[str, str] | None = None) -> str:
    """What the script prints with its output piped (no terminal); it must exit 0."""
    result = subprocess.run(
        [SCRIPT, *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("width", [60, 80, 120, 200])
def test_piped_compare_fits_the_width_without_colour(filled: Store, width: int) -> None:
    verdict = piped("compare", "--width", str(width))
    full = piped("compare", "--width", str(width), "--full")
    for shown in (verdict, full):
        assert "\x1b" not in shown
        assert max(cell_width(line) for line in shown.splitlines()) <= width
    assert len(full.splitlines()) > 60
    if width >= 80:  # the verdict's promise: one screen of a laptop terminal
        assert len(verdict.splitlines()) <= 22


def test_piped_compare_without_width_uses_80_columns(filled: Store) -> None:
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    full = piped("compare", "--full", env=env)
    assert max(cell_width(line) for line in full.splitlines()) == 80  # its rules span the width
    assert full == piped("compare", "--full", "--width", "80", env=env)
    assert piped("compare", env=env) == piped("compare", "--width", "80", env=env)


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
    full = in_terminal(["compare", "--full"], 100, env)
    assert "\x1b[" in full
    widths = [cell_width(strip_style(line)) for line in full.splitlines()]
    assert max(widths) == 100
    # the verdict in a terminal 120 wide: as piped at --width 120, in colour; its 104-cell
    # title line, wrapped at 80 or 100, is one line
    verdict = in_terminal(["compare"], 120, env)
    assert "\x1b[" in verdict
    assert strip_style(verdict) == strip_style(piped("compare", "--width", "120", env=env))
    assert strip_style(verdict).splitlines()[0] == (
        "Northwind Analytics · Monthly Sales & Marketing pulse · 2026-11 · Sales: Dana Ortiz · "
        "Marketing: Sam Lee"
    )


def test_no_color_in_a_terminal_means_no_escape_codes(filled: Store) -> None:
    env = {**{k: v for k, v in os.environ.items() if k != "COLUMNS"}, "NO_COLOR": "1"}
    for args in (["compare"], ["compare", "--full"], ["trend"]):
        shown = in_terminal(args, 90, env)
        assert "\x1b" not in shown, args
        assert max(cell_width(line) for line in shown.splitlines()) <= 90

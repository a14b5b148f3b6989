"""Printing commands stay fast: they never import textual (~300 ms), and the core never does."""

from __future__ import annotations

import subprocess
import sys

import pytest

PROBE = """
import sys
from gtm_pulse.cli import cli
try:
    cli(sys.argv[1:], prog_name="gtm-pulse")
except SystemExit:
    pass
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "textual_plotext"))
print("HEAVY:" + ",".join(heavy))
"""


@pytest.mark.parametrize(
    "args",
    [["--help"], ["status"], ["surveys", "list"], ["surveys", "show", "monthly-pulse"]],
)
def test_printing_commands_do_not_import_textual(args: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines()[-1] == "HEAVY:"


def test_the_core_modules_do_not_import_textual() -> None:
    code = (
        "import sys, gtm_pulse.store, gtm_pulse.surveys, gtm_pulse.answers, gtm_pulse.status;"
        "print(any(m.startswith('textual') for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"

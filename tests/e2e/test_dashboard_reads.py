"""``dashboard`` reads the database once: on a board's 90 MB file a second parse is seconds.

Counted in a separate Python process with an audit hook on ``open`` (hooks cannot be removed,
so the test process stays clean).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from gtm_pulse.core.models import Survey
from gtm_pulse.store.database import Store
from tests.helpers import scored, submit_one

COUNT_OPENS = """
import sys
from gtm_pulse.cli import cli

path, args = sys.argv[1], sys.argv[2:]
opened = []
sys.addaudithook(lambda event, what: event == "open" and str(what[0]) == path and opened.append(1))
try:
    cli(args, prog_name="gtm-pulse")
finally:
    print(len(opened), file=sys.stderr)
"""


def test_the_dashboard_reads_the_database_once(
    store: Store, monthly: Survey, tmp_path: Path
) -> None:
    # A period only one VP submitted: refused once the database is read, before any TUI.
    submit_one(store, monthly, "2026-11", "sales", scored(monthly, 3))
    args = ["--db", str(store.path), "dashboard", "--period", "2026-11", "--export", "out"]
    result = subprocess.run(
        [sys.executable, "-c", COUNT_OPENS, str(store.path), *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 1, result.stderr
    assert "Marketing (Sam Lee) has not submitted yet" in result.stderr
    assert result.stderr.splitlines()[-1] == "1"

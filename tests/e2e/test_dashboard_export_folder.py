"""The folder ``dashboard --export`` creates is owner-only, like the files it holds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from gtm_pulse.core.models import Survey
from gtm_pulse.store.database import Store
from tests.helpers import scored, submit_pair

SCRIPT = shutil.which("gtm-pulse", path=str(Path(sys.executable).parent)) or "gtm-pulse"


def test_the_export_folder_is_created_with_mode_0700(
    store: Store, monthly: Survey, tmp_path: Path
) -> None:
    submit_pair(store, monthly, "2026-11", scored(monthly, 4), scored(monthly, 2))
    folder = tmp_path / "board-pack"
    previous = os.umask(0o022)  # a common umask: without an explicit mode, 0755
    try:
        result = subprocess.run(
            [SCRIPT, "--db", str(store.path), "dashboard", "--export", str(folder)],
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=120,
        )
    finally:
        os.umask(previous)
    assert result.returncode == 0, result.stderr
    assert folder.stat().st_mode & 0o777 == 0o700

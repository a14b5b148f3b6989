"""``import`` racing another import: it reports what it added, not what it planned to add.

The plan is made from a read without the lock; the write re-checks under it. Here the real
``gtm-pulse import`` plans while the test holds the lock, and the database gains the same
response before the import gets the lock, as if another import had landed first. The test knows
the import has read the database (and so planned) when the file's access time moves.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from filelock import FileLock

from gtm_pulse.cli import cli
from gtm_pulse.core.models import Survey, Team
from gtm_pulse.store.database import Store
from tests.helpers import scored, submit_one

SCRIPT = shutil.which("gtm-pulse", path=str(Path(sys.executable).parent)) or "gtm-pulse"


def _unread(path: Path) -> None:
    """Set ``path``'s access time to 0: the next read moves it (relatime or strictatime)."""
    os.utime(path, ns=(0, path.stat().st_mtime_ns))


def _was_read(path: Path) -> bool:
    return path.stat().st_atime_ns != 0


def test_an_import_that_lost_the_race_says_already_there_not_added(
    store: Store, team: Team, monthly: Survey, tmp_path: Path
) -> None:
    # Given: a bundle of the VP of Sales' answers, from their own laptop's database.
    laptop = Store(tmp_path / "laptop.json")
    laptop.init(team)
    submit_one(laptop, monthly, "2026-11", "sales", scored(monthly, 4))
    bundle = tmp_path / "dana.json"
    exported = CliRunner().invoke(
        cli, ["--db", str(laptop.path), "export", "--role", "sales", "--output", str(bundle)]
    )
    assert exported.exit_code == 0, exported.output
    # ... and the CEO's database as it will be once another import has added it.
    landed = tmp_path / "landed.json"
    shutil.copy(store.path, landed)
    assert CliRunner().invoke(cli, ["--db", str(landed), "import", str(bundle)]).exit_code == 0

    probe = tmp_path / "probe"
    probe.write_text("x")
    _unread(probe)
    probe.read_text()
    if not _was_read(probe):
        pytest.skip("this file system does not record access times (noatime)")

    # When: the import has planned (the response is new), the other import lands before it
    # gets the lock.
    with FileLock(store.lock_path, mode=0o600):
        _unread(store.path)
        racer = subprocess.Popen(
            [SCRIPT, "--db", str(store.path), "import", str(bundle)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 60
        while not _was_read(store.path):
            assert racer.poll() is None, racer.communicate()
            assert time.monotonic() < deadline, "the import never read the database"
            time.sleep(0.01)
        os.replace(shutil.copy(landed, tmp_path / "landing.json"), store.path)
    out, err = racer.communicate(timeout=60)

    # Then: it added nothing, and says so.
    assert racer.returncode == 0, err
    assert out == "Already there: monthly-pulse 2026-11 sales\n0 added, 1 already there.\n"
    assert len(store.load().responses) == 1

"""A shared database (a network drive, a host everyone reaches over SSH) with many users at once.

16 real processes submit and export at the same moment; every submission lands, and every
export is a whole, valid bundle holding what its process had submitted.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from gtm_pulse.store.bundles import read_bundle
from gtm_pulse.store.database import Store

SHARER = Path(__file__).with_name("sharer.py")
BASE = 2000 * 12  # period index of 2000-01
EACH = 10


@pytest.mark.slow
def test_sixteen_processes_submitting_and_exporting_lose_nothing(
    store: Store, tmp_path: Path
) -> None:
    jobs = [(role, BASE + block * EACH) for role in ("sales", "marketing") for block in range(8)]
    children = []
    for n, (role, first) in enumerate(jobs):
        args = [str(store.path), role, str(first), str(EACH), str(tmp_path / f"export-{n}.json")]
        children.append(
            subprocess.Popen(
                [sys.executable, str(SHARER), *args],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    for child in children:
        out, err = child.communicate(timeout=300)
        assert child.returncode == 0, err
        assert out.count("ack ") == EACH

    responses = Store(store.path).load().responses
    assert len(responses) == 16 * EACH
    assert len({r.key for r in responses}) == 16 * EACH
    for n in range(16):
        assert read_bundle(tmp_path / f"export-{n}.json").responses  # whole and checksummed

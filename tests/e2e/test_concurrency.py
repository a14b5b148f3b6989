"""Real processes writing one database at once lose nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from gtm_pulse.store import Store

WRITER = Path(__file__).with_name("writer.py")
BASE = 2000 * 12  # period index of 2000-01


@pytest.mark.slow
def test_eight_processes_submitting_25_each_keep_all_200(store: Store) -> None:
    # Four processes per role, each on its own 25 months: 200 distinct (period, role) pairs.
    jobs = [(role, BASE + block * 25) for role in ("sales", "marketing") for block in range(4)]
    children = [
        subprocess.Popen(
            [sys.executable, str(WRITER), str(store.path), role, str(first), "25"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for role, first in jobs
    ]
    for child in children:
        out, err = child.communicate(timeout=300)
        assert child.returncode == 0, err
        assert out.count("ack ") == 25

    responses = Store(store.path).load().responses
    assert len(responses) == 200
    assert len({r.key for r in responses}) == 200

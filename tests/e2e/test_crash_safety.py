"""A writer killed with SIGKILL at random moments never corrupts the file or loses a done write."""

from __future__ import annotations

import random
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gtm_pulse.periods import Period
from gtm_pulse.store import Store

WRITER = Path(__file__).with_name("writer.py")
KILLS = 50


@pytest.mark.slow
def test_sigkill_mid_write_50_times(store: Store) -> None:
    rng = random.Random(20261122)
    acknowledged: set[str] = set()
    next_index = 2000 * 12
    for _ in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, str(WRITER), str(store.path), "sales", str(next_index), "100000"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.12))
        child.send_signal(signal.SIGKILL)
        child.wait()
        acks = [
            int(line.split()[1])
            for line in child.stdout.read().splitlines()
            if line.startswith("ack")
        ]
        child.stdout.close()
        acknowledged.update(str(Period("monthly", index)) for index in acks)
        # The writer may have finished one more write after its last ack: skip past it.
        next_index = (max(acks) if acks else next_index) + 2

        stored = {r.period for r in Store(store.path).load().responses}
        assert acknowledged <= stored
    assert len(acknowledged) > KILLS  # the kills did land between writes, not only before them
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600

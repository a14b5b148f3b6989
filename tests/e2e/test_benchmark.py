"""The benchmark harness runs (quick sizes) and produces every figure; targets are checked by
running it in full (benchmarks/README.md), not here: a timed unit test would be flaky."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

RUN = Path(__file__).resolve().parents[2] / "benchmarks" / "run.py"


@pytest.mark.slow
def test_the_quick_benchmark_produces_every_figure() -> None:
    done = subprocess.run(
        [sys.executable, str(RUN), "--quick"], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("gtm-pulse benchmark · ") and "quick" in lines[0]
    figures = [line.split()[0] for line in lines[2:]]
    assert figures == ["1", "1", "1", "2", "3", "3", *["4"] * 8, "5", "5", *["6"] * 4]
    for prefix in ("1  compare cold start", "1  compare --format json cold start",
                   "1  status cold start", "2  gtm-pulse --help", "3  TUI first screen",
                   "3  dashboard first screen",
                   "4  compare at 200 responses", "4    the text report, one screen",
                   "4    peak memory at 1,000",
                   "4    growth, 200 to 1,000 (JSON)", "4    growth, 200 to 1,000 (text)",
                   "5  autosave at 1,000",
                   "6  a new laptop joins, 2 months (folder)",
                   "6  sync again, nothing new, 2 months (git)"):  # fmt: skip
        assert any(line.startswith(prefix) for line in lines), prefix
    assert all(" ms " in line or "MB" in line or "n^" in line for line in lines[2:])

"""``submit`` and ``db check`` as whole processes, against the parse of the same file (issue 18,
item 4), with each process's peak memory.

    python benchmarks/writes.py                  1k and 100k responses, 5 runs each
    python benchmarks/writes.py --sizes 1000 --runs 3

Each run times, one after the other: the floor (a process that imports orjson and parses the
database file with the collector off, as gtm-pulse reads it), ``gtm-pulse db check`` and
``gtm-pulse submit`` of one response for one team of the database; medians over the runs. Each
submit answers an earlier month than the one before, so no run is refused and the database
grows by one response a run. Peak memory is each process's own (``ru_maxrss`` of the child).
:func:`measure` is what ``run.py`` can call.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

TODAY = "2026-11-15"
TEAM = "team-00000"
FLOOR = "import gc, sys, orjson; gc.disable(); orjson.loads(open(sys.argv[1], 'rb').read())"


def answers_file(folder: Path) -> Path:
    """A complete answers file for the VP of Sales (every question, and the guesses asked)."""
    from gtm_pulse.core.predictions import PREDICTIONS_KEY, predicted
    from gtm_pulse.services.demo import generate_answers
    from gtm_pulse.store.survey_files import load_catalog

    survey = load_catalog().get("monthly-pulse")
    answers: dict[str, object] = generate_answers(survey, "sales", random.Random(1), 0.5)
    for question in survey.questions:
        if question.kind == "text":
            answers[question.id] = "sales wrote this"
    guesses = {q.id: answers[q.id] for q in predicted(survey) if isinstance(answers[q.id], int)}
    path = folder / "answers.json"
    path.write_text(json.dumps({**answers, PREDICTIONS_KEY: guesses}))
    return path


def run(command: list[str], env: dict[str, str], ok: tuple[int, ...] = (0,)) -> tuple[float, float]:
    """Wall time (s) and peak memory (MB) of one process, which must exit with one of ``ok``."""
    start = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    out, err = child.communicate()
    if child.returncode not in ok:
        raise SystemExit(f"{command[1:]} failed: {(out + err).decode()[-600:]}")
    return elapsed, usage.ru_maxrss / 1024


def measure(database: Path, runs: int, folder: Path) -> dict[str, float]:
    """Medians (s, MB) of the floor, db check and submit on ``database``, interleaved."""
    from gtm_pulse.core.periods import Period, parse_period

    script = str(Path(sys.executable).with_name("gtm-pulse"))
    env = dict(
        os.environ,
        GTM_PULSE_TODAY=TODAY,
        GTM_PULSE_KEYS=str(folder / "keys"),  # a signing key of its own, never the user's
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # byte code cached, as installed (see run.py)
    answers = answers_file(folder)
    db = [script, "--db", str(database), "--team", TEAM]
    start = parse_period("2020-01").ordinal  # counted down: long before the generated months
    samples: dict[str, list[tuple[float, float]]] = {"floor": [], "check": [], "submit": []}
    for number in range(runs + 1):  # the first: warm-up (byte code, page cache, the key made)
        period = str(Period("monthly", start - number))
        commands = {
            "floor": [sys.executable, "-c", FLOOR, str(database)],
            "check": [*db, "db", "check"],
            "submit": [*db, "submit", "--role", "sales", "--period", period,
                       "--answers", str(answers)],
        }  # fmt: skip
        for name, command in commands.items():
            # db check exits 2 once a submit signed a record: the generated ones, unsigned and
            # dated the same frozen day, then look stripped of their signatures (rightly).
            sample = run(command, env, (0, 2) if name == "check" else (0,))
            if number:
                samples[name].append(sample)
    figures: dict[str, float] = {}
    for name, values in samples.items():
        figures[f"{name}_s"] = statistics.median(t for t, _ in values)
        figures[f"{name}_mb"] = statistics.median(m for _, m in values)
        figures[f"{name}_spread"] = max(t for t, _ in values) / min(t for t, _ in values)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ["GTM_PULSE_TODAY"] = TODAY
    from benchmarks.generate import generate

    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        for size in args.sizes:
            database = folder / f"{size}.json"
            generate(database, size)
            figures = measure(database, args.runs, folder)
            mb = database.stat().st_size / 1e6
            print(
                f"{size:>7,} responses ({mb:.0f} MB): parse {figures['floor_s']:.2f} s "
                f"{figures['floor_mb']:.0f} MB · db check {figures['check_s']:.2f} s "
                f"{figures['check_mb']:.0f} MB ({figures['check_s'] / figures['floor_s']:.1f}x "
                f"the parse, {figures['check_mb'] / figures['floor_mb']:.2f}x its memory) · "
                f"submit {figures['submit_s']:.2f} s {figures['submit_mb']:.0f} MB "
                f"({figures['submit_mb'] / figures['floor_mb']:.2f}x) · spread max/min: parse "
                f"{figures['floor_spread']:.2f}, check {figures['check_spread']:.2f}, submit "
                f"{figures['submit_spread']:.2f}",
                flush=True,
            )


if __name__ == "__main__":
    main()

"""A child process for the crash and concurrency tests: runs real ``gtm-pulse`` commands in turn.

Usage: python writer.py PLAN FIRST
PLAN is a JSON list of ``[index, [arg, ...]]``; the commands whose index is FIRST or later run
one after the other as ``gtm-pulse ARG...`` (the console script beside this Python), each in
its own process. Prints "ready" once, "start N" before command N and "ack N" once it has
exited 0, so the parent knows which writes were done (and which one a kill interrupted).
``{recorded}`` in an argument is the number the last ``actions add`` of this run printed.
A command that fails prints "fail N" and its output on stderr, and the run stops with exit 1.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

GTM_PULSE = shutil.which("gtm-pulse", path=str(Path(sys.executable).parent)) or "gtm-pulse"


def main() -> None:
    plan = json.loads(Path(sys.argv[1]).read_text())
    first = int(sys.argv[2])
    recorded = ""
    print("ready", flush=True)
    for index, args in plan:
        if index < first:
            continue
        print(f"start {index}", flush=True)
        done = subprocess.run(
            [GTM_PULSE, *(arg.replace("{recorded}", recorded) for arg in args)],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            print(f"fail {index}", flush=True)
            sys.stderr.write(f"{args}: exit {done.returncode}\n{done.stdout}{done.stderr}")
            sys.exit(1)
        if found := re.match(r"Recorded #(\d+) ", done.stdout):
            recorded = found.group(1)
        print(f"ack {index} {done.stdout.splitlines()[0] if done.stdout else ''}", flush=True)


def recorded(path: Path, team: str | None = None) -> dict[str, object]:
    """What the database at ``path`` holds, in the shape the tests' models of it take.

    Responses by (period, role) as (revision, the answer to ``MARK``), so an amendment shows;
    earlier revisions likewise; commitments by number as (text, done); metrics' values.
    """
    from gtm_pulse.store.database import Store  # the parent's need: the runs above import nothing

    snapshot = Store(path, team=team).load()
    return {
        "responses": {
            (r.period, r.role): (r.revision, r.answers.get(MARK)) for r in snapshot.responses
        },
        "history": sorted(
            (r.period, r.role, r.revision, r.answers.get(MARK)) for r in snapshot.history
        ),
        "commitments": {c.number: (c.text, c.done) for c in snapshot.commitments},
        "metrics": {m.id: dict(m.values) for m in snapshot.metrics.values()},
    }


#: The answer the tests set apart in each submission, to tell one revision from another.
MARK = "respect-seriously"


if __name__ == "__main__":
    main()

"""``gtm-pulse`` commands killed with SIGKILL at random moments never corrupt the database or
lose a write they acknowledged.

A child (``writer.py``) runs real commands one after the other: ``submit``, ``submit
--amend``, ``metrics set``, ``actions add``, ``actions done`` and ``import`` of a bundle made by
``export``. The test kills the child and the command it is running, as one process group, at a
random moment (every other kill, a moment after a command has taken the lock); then
``gtm-pulse db check`` must pass and every table must hold exactly what was acknowledged, plus
at most the command the kill interrupted (landed whole, or not at all, never in part). The next
child starts from the first write that did not land.

The database carries ~2 MB of long answers, so each write takes a while (the file is written,
fsynced and renamed) and some kills land inside one: the temp files they leave are counted.
"""

from __future__ import annotations

import fcntl
import json
import os
import random
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from filelock import FileLock

from gtm_pulse.cli import cli
from gtm_pulse.core.models import Survey, Team
from gtm_pulse.core.periods import Period
from gtm_pulse.store.database import Store
from tests.e2e.writer import GTM_PULSE, MARK, recorded
from tests.helpers import full_answers, submit_one, with_guesses

WRITER = Path(__file__).with_name("writer.py")
KILLS = 40
TIME_LIMIT_S = 45.0  # kills stop here even if fewer than KILLS landed (a loaded machine)
MAX_WAIT_S = 0.7  # a kill comes 0 to this long after the child is ready: 0 to ~5 commands
IN_LOCK_WAIT_S = 0.02  # or this long after a command took the lock: reading, then writing
BASE = 2000 * 12  # period index of 2000-01: round k writes period BASE + k
KINDS = ("submit", "amend", "metric", "commitment", "done", "import")
WINDOW = 60  # commands planned ahead of each child: more than it can run before its kill

#: The answer to MARK in the first submission, its amendment and the imported response.
FIRST, AMENDED, IMPORTED = 2, 4, 3


def period(k: int) -> str:
    return str(Period("monthly", BASE + k))


class Pulse:
    """The database under test, the files its commands need, and a model of what it holds."""

    def __init__(self, db: Path, folder: Path, team: Team, survey: Survey) -> None:
        self.db, self.folder, self.survey = db, folder, survey
        self.laptop = Store(folder / "laptop.json")  # the VP of Marketing's own
        self.laptop.init(team)
        self.answers = {}
        for mark in (FIRST, AMENDED):
            path = folder / f"answers-{mark}.json"
            raw = with_guesses(survey, "sales", full_answers(survey) | {MARK: mark})
            path.write_text(json.dumps(raw))
            self.answers[mark] = str(path)
        self.bundles: dict[int, str] = {}
        self.model = recorded(db)

    def bundle(self, k: int) -> str:
        """A bundle of the VP of Marketing's answers for round ``k``, made by ``export``."""
        if k not in self.bundles:
            raw = full_answers(self.survey, "marketing") | {MARK: IMPORTED}
            submit_one(self.laptop, self.survey, period(k), "marketing", raw)
            out = self.folder / f"bundle-{k}.json"
            args = ["--db", str(self.laptop.path), "export", "--period", period(k), "--role",
                    "marketing", "--output", str(out)]  # fmt: skip
            assert CliRunner().invoke(cli, args).exit_code == 0
            self.bundles[k] = str(out)
        return self.bundles[k]

    def command(self, op: int) -> list[str]:
        """Write number ``op``: round ``op // 6`` runs each kind of write once, in turn."""
        k, kind = divmod(op, len(KINDS))
        db = ["--db", str(self.db)]
        return db + {
            0: ["submit", "--role", "sales", "--period", period(k), "--answers",
                self.answers[FIRST]],
            1: ["submit", "--amend", "--role", "sales", "--period", period(k), "--answers",
                self.answers[AMENDED]],
            2: ["metrics", "set", "--period", period(k), f"mql-acceptance={k % 90 + 5}"],
            3: ["actions", "add", f"commitment {k}", "--owner", "marketing", "--due", "2026-12"],
            4: ["actions", "done", str(k + 1)],  # each add lands once: round k's is #k+1
            5: ["import", self.bundle(k)],
        }[kind]  # fmt: skip

    def after(self, op: int) -> dict[str, object]:
        """The model once write ``op`` has landed (the model itself is left as it is)."""
        k, kind = divmod(op, len(KINDS))
        responses = dict(self.model["responses"])
        history = list(self.model["history"])
        commitments = dict(self.model["commitments"])
        metric = dict(self.model["metrics"]["mql-acceptance"])
        if KINDS[kind] == "submit":
            responses[(period(k), "sales")] = (1, FIRST)
        elif KINDS[kind] == "amend":
            history.append((period(k), "sales", 1, FIRST))
            responses[(period(k), "sales")] = (2, AMENDED)
        elif KINDS[kind] == "metric":
            metric[period(k)] = k % 90 + 5
        elif KINDS[kind] == "commitment":
            commitments[k + 1] = (f"commitment {k}", False)
        elif KINDS[kind] == "done":
            commitments[k + 1] = (f"commitment {k}", True)
        else:
            responses[(period(k), "marketing")] = (1, IMPORTED)
        return {"responses": responses, "history": sorted(history), "commitments": commitments,
                "metrics": {"mql-acceptance": metric}}  # fmt: skip


def _wait_for_a_writer(lock: Path) -> bool:
    """Wait until a command holds ``lock`` (it is writing); False if none does within 2 s.

    Probes with a non-blocking ``flock``, as the store's lock is, released at once.
    """
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + 2.0
        while time.monotonic() < deadline:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return True
            fcntl.flock(fd, fcntl.LOCK_UN)
            time.sleep(0.001)
        return False
    finally:
        os.close(fd)


def _check(db: Path) -> None:
    checked = subprocess.run([GTM_PULSE, "--db", str(db), "db", "check"], capture_output=True,
                             text=True)  # fmt: skip
    assert checked.returncode == 0, checked.stderr


@pytest.mark.slow
def test_commands_killed_at_random_lose_no_acknowledged_write(
    store: Store, team: Team, monthly: Survey, tmp_path: Path
) -> None:
    # Given: a database with ~2 MB of long answers and a metric, and what it holds now.
    long = "x" * 100_000
    for n in range(4):
        raw = full_answers(monthly) | {MARK: 1, "frictions-start-stop": long}
        raw["_comments"] = {d.id: long for d in monthly.dimensions}
        submit_one(store, monthly, f"1999-0{n + 1}", "sales", raw)
    assert CliRunner().invoke(cli, ["metrics", "define", "mql-acceptance"]).exit_code == 0
    assert store.path.stat().st_size > 2_000_000
    pulse = Pulse(store.path, tmp_path, team, monthly)
    assert pulse.model["metrics"] == {"mql-acceptance": {}} and len(pulse.model["responses"]) == 4

    rng = random.Random(20261122)
    done = 0  # writes that landed: the next child starts at this one
    kills = interrupted = landed_unacked = torn = 0
    acked_kinds: set[str] = set()
    started = time.monotonic()
    while kills < KILLS and time.monotonic() - started < TIME_LIMIT_S:
        plan = tmp_path / "plan.json"
        plan.write_text(json.dumps([[op, pulse.command(op)] for op in range(done, done + WINDOW)]))
        errors = (tmp_path / "writer.err").open("w+")
        child = subprocess.Popen(
            [sys.executable, str(WRITER), str(plan), str(done)],
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            start_new_session=True,  # its own process group: the kill takes the command too
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"

        # When: the child and the command it runs are killed at a random moment, every other
        # time a moment after a command has taken the lock to write.
        if kills % 2 and _wait_for_a_writer(store.lock_path):
            time.sleep(rng.uniform(0.0, IN_LOCK_WAIT_S))
        else:
            time.sleep(rng.uniform(0.0, MAX_WAIT_S))
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()
        lines = child.stdout.read().splitlines()
        child.stdout.close()
        errors.seek(0)
        assert not any(line.startswith("fail") for line in lines), errors.read()
        errors.close()
        kills += 1
        with FileLock(store.lock_path, timeout=30):  # the killed command has let go of it: gone
            pass
        torn += len(list(store.path.parent.glob(f".{store.path.name}.*.tmp")))

        # Then: the database checks, and holds every acknowledged write, the one the kill
        # interrupted whole or not at all, and nothing else.
        _check(store.path)
        acked = [int(line.split()[1]) for line in lines if line.startswith("ack ")]
        assert acked == list(range(done, done + len(acked)))
        for op in acked:
            pulse.model = pulse.after(op)
            acked_kinds.add(KINDS[op % len(KINDS)])
        done += len(acked)
        interrupted += f"start {done}" in lines
        found = recorded(store.path)
        if found != pulse.model:
            assert found == pulse.after(done), f"after write {done} ({pulse.command(done)})"
            pulse.model = found
            done += 1
            landed_unacked += 1

    took = time.monotonic() - started
    print(f"{kills} kills ({interrupted} during a command, {torn} inside a write); {done} "
          f"writes, {landed_unacked} landed unacknowledged; {took:.1f} s")  # fmt: skip
    assert kills >= KILLS // 2
    assert interrupted >= kills // 2  # most kills land during a command, not between two
    assert acked_kinds == set(KINDS)  # every kind of write was acknowledged at least once
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600

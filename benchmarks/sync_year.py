"""Item 6: syncing a year of a team's records, through a shared folder and a git repository.

The year is made as the team makes it (issue 17's three laptops): the CEO runs ``init`` and
syncs, both VPs join, and each month both VPs submit the monthly pulse and sync, the CEO
syncing last, so the remote holds 24 sealed responses, their key releases and the team. What
is timed, as whole ``gtm-pulse`` processes (a new laptop, then cron's):

- a VP's new laptop joining the remote: it reads every record, opens the 24 responses and
  imports them into a new database (a fresh clone for git);
- the CEO's laptop syncing again when nothing is new: the steady state of a sync from cron.

The floor beside each is the git work alone for the git remote (``git clone`` of the bare
repository; ``git pull`` and ``git push`` in the CEO's clone), for information: what the
``git`` command costs whatever gtm-pulse does around it.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import time
from pathlib import Path

from gtm_pulse.core.models import Team
from gtm_pulse.core.periods import Period, period_of, today
from gtm_pulse.services.submission import build_response
from gtm_pulse.services.syncing import join, sync
from gtm_pulse.store.database import Store
from gtm_pulse.store.survey_files import load_catalog

TEAM = Team(
    id="northwind",
    company="Northwind",
    members={"sales": "Dana Ortiz", "marketing": "Sam Lee", "ceo": "Alex Kim"},
)


def make_year(root: Path, remote: str, months: int) -> dict[str, dict[str, str]]:
    """Three laptops under ``root`` that have synced ``months`` months through ``remote``;
    returns each laptop's environment (database, keys folder, cache folder) for a process."""
    from benchmarks.generate import _answers

    catalog = load_catalog()
    survey = catalog.get("monthly-pulse")
    laptops = {}
    for name in ("ceo", "sales", "marketing"):
        folder = root / name
        laptops[name] = Store(folder / "pulse.json", keys=folder / "keys")
    caches = {name: root / name / "cache" for name in laptops}
    laptops["ceo"].init(TEAM)
    sync(laptops["ceo"], catalog, remote, cache=caches["ceo"])
    for role in ("sales", "marketing"):
        join(laptops[role], catalog, remote, role, cache=caches[role])
    last = period_of("monthly", today())
    rng = random.Random(1)
    for month in range(months):
        period = Period("monthly", last.ordinal - months + 1 + month)
        for role in ("sales", "marketing"):
            store = laptops[role]
            raw = _answers(survey, rng, 3.5)
            raw["_predictions"] = {q.id: raw[q.id] for q in survey.questions if q.predict}
            store.submit(build_response(store.load(), survey, role, period, raw, "bench"), survey)
            sync(store, catalog, None, cache=caches[role])
        sync(laptops["ceo"], catalog, None, cache=caches["ceo"])
    return {
        name: {
            "GTM_PULSE_DB": str(store.path),
            "GTM_PULSE_KEYS": str(root / name / "keys"),
            "XDG_CACHE_HOME": str(caches[name]),
        }
        for name, store in laptops.items()
    }


def timed(command: list[str], env: dict[str, str]) -> float:
    """Wall time (ms) of one whole process, which must succeed."""
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True)
    elapsed = (time.perf_counter() - start) * 1000
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.decode()[-500:]}")
    return elapsed


def measure(
    root: Path, script: str, base_env: dict[str, str], months: int, runs: int
) -> dict[str, dict[str, float]]:
    """Item 6's medians (ms) for a folder and a bare git repository, each a year's records."""
    results = {}
    for kind in ("folder", "git"):
        place = root / kind
        place.mkdir(parents=True)
        remote = place / ("shared" if kind == "folder" else "remote.git")
        if kind == "folder":
            remote.mkdir()
        else:
            subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
        ceo = {**base_env, **make_year(place, str(remote), months)["ceo"]}
        timed([script, "sync"], ceo)  # warm-up: the command's own clone made, byte code written
        clone = next(Path(ceo["XDG_CACHE_HOME"], "gtm-pulse").rglob(".git"), None)
        samples: dict[str, list[float]] = {"join": [], "again": [], "clone": [], "pull": []}
        for run in range(runs):
            new = place / f"new-{run}"
            joiner = {
                **base_env,
                "GTM_PULSE_DB": str(new / "pulse.json"),
                "GTM_PULSE_KEYS": str(new / "keys"),
                "XDG_CACHE_HOME": str(new / "cache"),
            }
            samples["join"].append(timed([script, "join", str(remote), "--role", "sales"], joiner))
            samples["again"].append(timed([script, "sync"], ceo))
            if kind == "git" and clone is not None:
                git = ["git", "-C", str(clone.parent)]
                samples["clone"].append(
                    timed(["git", "clone", "-q", str(remote), str(new / "floor")], base_env)
                )
                samples["pull"].append(
                    timed([*git, "pull", "-q", "--rebase"], base_env)
                    + timed([*git, "push", "-q", "origin", "main"], base_env)
                )
            joined = len(Store(new / "pulse.json").load().responses)
            if joined != 2 * months:  # the join must really bring the whole year
                raise SystemExit(f"the {kind} join imported {joined} of {2 * months} responses")
        results[kind] = {name: statistics.median(v) for name, v in samples.items() if v}
    return results

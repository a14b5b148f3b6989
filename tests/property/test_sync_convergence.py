"""Three laptops in any order (issue 17): submit, amend, sync, ``actions add`` and ``metrics
set`` on the Sales, Marketing and CEO laptops, then everyone syncs twice. Every laptop then holds
the same commitments (numbered 1..n, no number twice) and metric values, a third sync changes
nothing, and the CEO's ``compare --format json`` is what a single database given the same
answers, commitments and metric values says.

Real databases, keys folders and sync caches in tmp folders; one shared folder (or, for fewer
examples, one bare git repository).
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from gtm_pulse.core.metrics import checked_metric
from gtm_pulse.core.models import Survey
from gtm_pulse.core.periods import parse_period
from gtm_pulse.core.surveys import Catalog
from gtm_pulse.services.demo import DEMO_TEAM
from gtm_pulse.store.database import Store
from tests.helpers import full_answers, submit_one
from tests.services.test_syncing import Laptop, amend

LAPTOPS = ("sales", "marketing", "ceo")
VPS = ("sales", "marketing")
METRICS = ("mql-acceptance", "lead-follow-up-hours")
DUE = parse_period("2027-03")  # after 2026-11: the pulses do not ask about them yet

steps = st.lists(
    st.one_of(
        st.tuples(st.just("submit"), st.sampled_from(VPS)),
        st.tuples(st.just("amend"), st.sampled_from(VPS)),
        st.tuples(st.just("sync"), st.sampled_from(LAPTOPS)),
        st.tuples(st.just("add"), st.sampled_from(LAPTOPS)),
        st.tuples(
            st.just("metric"),
            st.sampled_from(LAPTOPS),
            st.sampled_from(METRICS),
            st.sampled_from(["2026-10", "2026-11"]),
            st.integers(min_value=1, max_value=99),
        ),
    ),
    max_size=14,
)


class World:
    """Three laptops on one remote, and what was done on them, in order."""

    def __init__(self, root: Path, catalog: Catalog, survey: Survey, remote: str) -> None:
        self.catalog, self.survey = catalog, survey
        self.laptops = {name: Laptop(root / name, catalog) for name in LAPTOPS}
        self.laptops["ceo"].store.init(DEMO_TEAM)
        self.laptops["ceo"].sync(remote)
        for role in VPS:
            self.laptops[role].join(remote, role)
        self.answers: list[tuple[str, dict[str, Any]]] = []
        """Each VP's submissions and amendments, in the order they were made."""
        self.values: dict[tuple[str, str], list[tuple[str, float]]] = {}
        """(metric, period) -> (laptop, value) as set, in order."""
        self.added = 0

    def run(self, step: tuple[Any, ...]) -> None:
        kind, where = step[0], step[1]
        laptop = self.laptops[where]
        if kind in ("submit", "amend"):
            raw = full_answers(self.survey, where, seed=len(self.answers) + 1)
            done = laptop.store.load().response(self.survey.id, "2026-11", where)
            if done is None:
                submit_one(laptop.store, self.survey, "2026-11", where, raw)
            else:
                amend(laptop.store, self.survey, where, raw)
            self.answers.append((where, raw))
        elif kind == "sync":
            laptop.sync()
        elif kind == "add":
            self.added += 1
            laptop.store.add_commitment(f"Commitment {self.added} from {where}", where, DUE)
        else:
            _, _, metric_id, period, value = step
            if metric_id not in laptop.store.load().metrics:
                laptop.store.define_metric(checked_metric(metric_id, None, None, None))
            laptop.store.set_metric_values(parse_period(period), {metric_id: float(value)})
            self.values.setdefault((metric_id, period), []).append((where, float(value)))

    def finish(self) -> None:
        """Both VPs have answered; everyone syncs twice."""
        for role in VPS:
            if not any(who == role for who, _ in self.answers):
                self.run(("submit", role))
        for _ in range(2):
            for name in LAPTOPS:
                self.laptops[name].sync()


def compare_json(store: Store, catalog: Catalog) -> dict[str, Any]:
    """``gtm-pulse compare --format json`` of ``store``, as a document."""
    import datetime as dt

    from gtm_pulse.report import render
    from gtm_pulse.services.comparing import build_review

    review = build_review(store.load(), catalog, "monthly-pulse", None, dt.date(2026, 11, 15))
    document: dict[str, Any] = json.loads(render(review, "json", 80))
    return document


def without_late_marks(document: dict[str, Any]) -> Any:
    """``document`` without the late-amendment flags. A single database marks every amendment
    made once both VPs had answered; a laptop marks an amendment only when it held the other
    side's answers (what its author could have seen), which is the point of sealing."""

    def late(item: Any) -> bool:
        return isinstance(item, dict) and "late-amendment" in (item.get("kinds") or [])

    def strip(node: Any) -> Any:
        if isinstance(node, dict):
            return {key: strip(value) for key, value in node.items()}
        if isinstance(node, list):
            return [strip(item) for item in node if not late(item)]
        return node

    return strip(document)


def check(world: World, root: Path) -> None:
    """What every run must end with (see the module)."""
    held = {name: laptop.store.load() for name, laptop in world.laptops.items()}
    ceo = held["ceo"]
    numbered = [(c.number, c.text, c.owner, c.done) for c in ceo.commitments]
    assert [n for n, *_ in numbered] == list(range(1, world.added + 1))
    metrics = {m.id: m for m in ceo.metrics.values()}
    for snapshot in held.values():
        assert [(c.number, c.text, c.owner, c.done) for c in snapshot.commitments] == numbered
        assert dict(snapshot.metrics) == metrics
        assert {r.role: r for r in snapshot.responses} == {r.role: r for r in ceo.responses}
    for (metric_id, period), set_values in world.values.items():
        kept = metrics[metric_id].values[parse_period(period)]
        assert kept in {value for _, value in set_values}
        if len({where for where, _ in set_values}) == 1:  # one laptop: its last value stands
            assert kept == set_values[-1][1]
    for laptop in world.laptops.values():
        assert laptop.sync().lines() == []
    # The same answers, commitments and metric values in one database.
    single = Store(root / "single" / "pulse.json", keys=root / "single" / "keys")
    single.init(DEMO_TEAM)
    for role, raw in world.answers:
        if single.load().response("monthly-pulse", "2026-11", role) is None:
            submit_one(single, world.survey, "2026-11", role, raw)
        else:
            amend(single, world.survey, role, raw)
    for _, text, owner, _ in numbered:
        single.add_commitment(text, owner, DUE)
    for metric in metrics.values():
        single.define_metric(metric)
        for period, value in metric.values.items():
            single.set_metric_values(period, {metric.id: value})
    together = compare_json(single, world.catalog)
    apart = compare_json(world.laptops["ceo"].store, world.catalog)
    assert without_late_marks(apart) == without_late_marks(together)


@pytest.mark.slow
@settings(
    max_examples=30,  # ~25 s on 2 cores; the suite stays under ~10 minutes
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps)
@example(  # two laptops add commitments, and set one metric's month, between syncs
    [
        ("add", "sales"),
        ("add", "marketing"),
        ("sync", "sales"),
        ("add", "ceo"),
        ("metric", "sales", "mql-acceptance", "2026-11", 45),
        ("metric", "marketing", "mql-acceptance", "2026-11", 50),
        ("submit", "sales"),
        ("sync", "marketing"),
        ("amend", "sales"),
        ("submit", "marketing"),
    ]
)
def test_any_order_on_a_folder_converges_to_the_single_database(
    catalog: Catalog, monthly: Survey, done: list[tuple[Any, ...]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "shared").mkdir()
        world = World(root, catalog, monthly, str(root / "shared"))
        for step in done:
            world.run(step)
        world.finish()
        check(world, root)


@pytest.mark.slow
@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps)
def test_any_order_on_a_bare_git_repository_converges_too(
    catalog: Catalog, monthly: Survey, done: list[tuple[Any, ...]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        subprocess.run(["git", "init", "-q", "--bare", str(root / "remote.git")], check=True)
        world = World(root, catalog, monthly, str(root / "remote.git"))
        for step in done:
            world.run(step)
        world.finish()
        check(world, root)

"""The demo: twelve months that tell the story, the same every time, never the user's database."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from gtm_pulse.core.periods import parse_period
from gtm_pulse.core.surveys import Catalog
from gtm_pulse.services.comparing import build_review
from gtm_pulse.services.demo import build_demo
from gtm_pulse.services.trending import build_trend
from gtm_pulse.store.database import Store

DAY = dt.date(2026, 11, 15)


def built(path: Path, catalog: Catalog, seed: int = 7) -> Store:
    store = Store(path)
    build_demo(store, catalog, seed, DAY)
    return store


def without_timestamps(path: Path) -> dict:
    """The database, minus the moments the team, the commitments and the keys were written."""
    data = json.loads(path.read_bytes())
    for doc in data["meta"].values():
        doc.pop("created_at")
    for doc in data["commitments"].values():
        doc.pop("created_at")
        doc.pop("done_at")
    for doc in data["keys"].values():  # when each signing key was registered
        doc.pop("since")
    return data


def test_two_runs_give_identical_databases_but_for_timestamps(
    tmp_path: Path, catalog: Catalog
) -> None:
    first = built(tmp_path / "one.json", catalog).path
    second = built(tmp_path / "two.json", catalog).path
    assert without_timestamps(first) == without_timestamps(second)
    assert without_timestamps(first) != without_timestamps(
        built(tmp_path / "x.json", catalog, 8).path
    )


def test_twelve_months_and_the_quarters_in_them(tmp_path: Path, catalog: Catalog) -> None:
    snapshot = built(tmp_path / "demo.json", catalog).load()
    monthly = {r.period for r in snapshot.responses_for("monthly-pulse")}
    assert sorted(monthly) == ["2025-12", *(f"2026-{m:02d}" for m in range(1, 12))]
    quarters = {r.period for r in snapshot.responses_for("quarterly-deep-dive")}
    assert quarters == {"2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"}
    # RevOps answers the monthly pulse beside the two VPs; the deep dive is the VPs' alone.
    assert all(
        {r.role for r in snapshot.responses_for("monthly-pulse", m)}
        == {"sales", "marketing", "revops"}
        for m in monthly
    )
    assert all(len(snapshot.responses_for("quarterly-deep-dive", q)) == 2 for q in quarters)


def test_the_story_shows_in_the_figures(tmp_path: Path, catalog: Catalog) -> None:
    store = built(tmp_path / "demo.json", catalog)
    _, history = build_trend(store.load(), catalog, "monthly-pulse", None)
    alignment = [c.alignment for c in history.comparisons]
    low = min(alignment)
    low_at = alignment.index(low)
    assert 2 < low_at < 10  # it slides, then recovers
    assert alignment[-1] - low >= 20
    assert alignment[0] - low >= 20
    # The slide: Sales says the leads are bad, Marketing that Sales does not follow up.
    slide = history.comparisons[low_at]
    blind = [f.reason for f in slide.flags if f.kind == "blind-spot"]
    assert "Sales marks 'Lead quality' severe; Marketing does not mention it" in blind
    assert "Marketing marks 'Slow or missing lead follow-up' severe; Sales does not mention it" in (
        blind
    )


def test_the_offsite_commitments_are_followed_up_and_closed(
    tmp_path: Path, catalog: Catalog
) -> None:
    snapshot = built(tmp_path / "demo.json", catalog).load()
    commitments = snapshot.commitments
    assert len(commitments) == 4
    assert {c.agreed_in for c in commitments} == {"2026-05"}
    assert [c.done for c in commitments] == [True, True, True, False]
    asked = [r for r in snapshot.responses_for("monthly-pulse") if r.follow_ups]
    assert min(r.period for r in asked) == "2026-06"
    november = snapshot.response("monthly-pulse", "2026-11", "sales")
    assert set(november.follow_ups) == {"4"}  # only the open one is still asked


def test_the_story_shows_in_perceptions_blame_metrics_and_the_team(
    tmp_path: Path, catalog: Catalog
) -> None:
    store = built(tmp_path / "demo.json", catalog)
    snapshot = store.load()
    low = build_review(snapshot, catalog, "monthly-pulse", parse_period("2026-05"), DAY)
    end = build_review(snapshot, catalog, "monthly-pulse", parse_period("2026-11"), DAY)
    # At the low point each VP assumes the other sees it the same way, and blames the other.
    assert end.perceptions.understanding - low.perceptions.understanding >= 20
    assert low.perceptions.blind_spots and not end.perceptions.blind_spots
    assert low.perceptions.blame_asymmetry >= 1.5 and abs(end.perceptions.blame_asymmetry) <= 0.5
    # Acceptance fell while Sales rated lead quality low; it recovered with the SLA.
    (acceptance,) = [m for m in low.metrics if m.metric.id == "mql-acceptance"]
    assert acceptance.change < 0 and acceptance.arrow == "↓"
    assert low.current.item("frictions-lead-quality").left <= 2
    # Healthy tension: Sales leans to deals, Marketing to brand, every month, never flagged.
    assert low.current.tensions[0].gap >= 2 and end.current.tensions[0].gap >= 2
    assert all(f.question_id != "strategy-horizon" for f in low.current.flags)
    # The wider team: RevOps sits between the two VPs.
    assert low.matrix.roles == ["sales", "marketing", "revops"]
    assert low.matrix.pairs()[0][:2] == ("sales", "marketing")

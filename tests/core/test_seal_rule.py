"""The sealing rule in one place (``gtm_pulse.core.seal_rule``): neither VP's answers appear
before both VPs have submitted a period, a wider role's once it and both VPs have; the CEO's
overrides say whose answers they open early and are remembered by every later review of that
period."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from gtm_pulse.core.models import Survey, Team
from gtm_pulse.core.periods import parse_period
from gtm_pulse.core.seal_rule import may_show
from gtm_pulse.core.surveys import Catalog
from gtm_pulse.errors import NotReadyError
from gtm_pulse.services.comparing import build_review, team_matrix
from gtm_pulse.services.trending import build_trend
from gtm_pulse.store.bundles import exported, make_bundle, openings
from gtm_pulse.store.database import Store
from tests.helpers import scored, submit_one

TODAY = dt.date(2026, 11, 15)

WIDE = Team(
    company="Northwind Analytics",
    members={
        "sales": "Dana Ortiz",
        "marketing": "Sam Lee",
        "ceo": "Alex Morgan",
        "cro": "Pat Kim",
        "revops": "Priya Shah",
    },
)


@pytest.fixture
def wide(db_path: Path) -> Store:
    """A team with a CRO and RevOps beside the two VPs."""
    store = Store(db_path)
    store.init(WIDE)
    return store


def submit(store: Store, survey: Survey, period: str, *roles: str) -> None:
    for role in roles:
        submit_one(store, survey, period, role, scored(survey, 3))


@pytest.mark.parametrize(
    ("role", "submitted", "shows"),
    [
        ("sales", {"sales"}, False),
        ("sales", {"sales", "revops"}, False),
        ("sales", {"sales", "marketing"}, True),
        ("revops", {"sales", "revops"}, False),
        ("revops", {"sales", "marketing"}, False),
        ("revops", {"sales", "marketing", "revops"}, True),
    ],
)
def test_a_role_shows_once_it_and_both_vps_have_submitted(
    role: str, submitted: set[str], shows: bool
) -> None:
    assert may_show(role, submitted) is shows


def test_a_wider_pair_is_not_compared_before_marketing_submits(
    store: Store, catalog: Catalog, monthly: Survey
) -> None:
    # given Sales and RevOps submitted, Marketing not
    submit(store, monthly, "2026-11", "sales", "revops")
    # when the CEO compares Sales with RevOps, then the seal holds and names who is missing
    with pytest.raises(NotReadyError) as refused:
        build_review(
            store.load(),
            catalog,
            "monthly-pulse",
            parse_period("2026-11"),
            TODAY,
            pair=("sales", "revops"),
        )
    assert str(refused.value) == (
        "monthly-pulse 2026-11: Marketing (Sam Lee) has not submitted yet, only Sales "
        "(Dana Ortiz) and RevOps (Priya Shah) have; the answers stay sealed until both VPs "
        "have submitted ('compare --partial' opens them early)"
    )


def test_a_wider_pair_has_no_trend_before_marketing_submits(
    store: Store, catalog: Catalog, monthly: Survey
) -> None:
    submit(store, monthly, "2026-11", "sales", "revops")
    with pytest.raises(NotReadyError, match=r"\(2026-11: Marketing \(Sam Lee\) has not submitted"):
        build_trend(store.load(), catalog, "monthly-pulse", None, pair=("sales", "revops"))


def test_a_wider_role_shows_once_it_and_both_vps_submitted(
    store: Store, catalog: Catalog, monthly: Survey
) -> None:
    submit(store, monthly, "2026-10", "sales", "marketing", "revops")
    submit(store, monthly, "2026-11", "sales", "revops")  # sealed: Marketing is missing
    snapshot = store.load()
    review = build_review(
        snapshot, catalog, "monthly-pulse", parse_period("2026-10"), TODAY, pair=("sales", "revops")
    )
    assert review.current is not None and not review.opened_early
    _, history = build_trend(snapshot, catalog, "monthly-pulse", None, pair=("sales", "revops"))
    assert [c.period for c in history.comparisons] == ["2026-10"]


def test_the_matrix_holds_only_roles_whose_answers_may_show(wide: Store, monthly: Survey) -> None:
    # given Sales, the CRO and RevOps submitted (three roles), Marketing not
    submit(wide, monthly, "2026-11", "sales", "cro", "revops")
    # then no cell shows: one beside Sales' would reveal Sales' answers
    assert team_matrix(wide.load(), monthly, "2026-11", WIDE) is None
    # when Marketing submits, then every role that submitted shows
    submit(wide, monthly, "2026-11", "marketing")
    found = team_matrix(wide.load(), monthly, "2026-11", WIDE)
    assert found is not None and found.roles == ["sales", "marketing", "cro", "revops"]


def test_partial_says_whose_answers_it_opens_before_whom(
    store: Store, catalog: Catalog, monthly: Survey, team: Team
) -> None:
    submit(store, monthly, "2026-11", "sales")
    review = build_review(
        store.load(), catalog, "monthly-pulse", parse_period("2026-11"), TODAY, partial=True
    )
    assert review.opening is not None
    assert review.opening.note(team) == (
        "--partial opens Sales (Dana Ortiz)'s answers for 2026-11 before Marketing (Sam Lee) "
        "has submitted; recorded"
    )
    assert review.opened_early_words == (
        "opened early by the CEO's override on 2026-11-15 (compare --partial: Sales)"
    )


def test_partial_opens_nothing_early_once_the_shown_side_may_show(
    store: Store, catalog: Catalog, monthly: Survey
) -> None:
    # given both VPs submitted, RevOps not: Sales' answers may show already
    submit(store, monthly, "2026-11", "sales", "marketing")
    review = build_review(
        store.load(), catalog, "monthly-pulse", parse_period("2026-11"), TODAY,
        pair=("sales", "revops"), partial=True,
    )  # fmt: skip
    assert review.alone is not None and review.opening is None and not review.opened_early


def test_a_recorded_override_marks_every_later_review_of_its_period(
    store: Store, catalog: Catalog, monthly: Survey
) -> None:
    submit(store, monthly, "2026-11", "sales")
    opened = build_review(
        store.load(), catalog, "monthly-pulse", parse_period("2026-11"), TODAY, partial=True
    )
    assert opened.opening is not None
    store.record_override(opened.opening.override.to_json())
    submit(store, monthly, "2026-11", "marketing")
    later = build_review(store.load(), catalog, "monthly-pulse", parse_period("2026-11"), TODAY)
    assert later.current is not None
    assert [(o.date, o.by, o.roles) for o in later.opened_early] == [
        ("2026-11-15", "compare --partial", ("sales",))
    ]


def test_the_same_override_is_recorded_once(store: Store) -> None:
    record = {
        "survey_id": "monthly-pulse", "period": "2026-11", "roles": ["sales"],
        "date": "2026-11-15", "by": "compare --partial",
    }  # fmt: skip
    assert store.record_override(record) is True
    assert store.record_override(record) is False
    assert len(store.load().overrides()) == 1


def test_an_export_of_every_role_holds_only_answers_that_may_show(
    store: Store, monthly: Survey
) -> None:
    submit(store, monthly, "2026-10", "sales", "marketing", "revops")
    submit(store, monthly, "2026-11", "sales", "revops")
    chosen = exported(store.load(), monthly, None, None)
    assert [(r.period, r.role) for r in chosen] == [
        ("2026-10", "marketing"), ("2026-10", "revops"), ("2026-10", "sales"),
    ]  # fmt: skip
    assert make_bundle(store.load(), monthly, "2026-11", None)["payload"]["responses"] == []


def test_an_export_of_one_role_opens_its_sealed_periods_early(
    store: Store, monthly: Survey, team: Team
) -> None:
    submit(store, monthly, "2026-10", "sales", "marketing")
    submit(store, monthly, "2026-11", "sales")
    found = openings(store.load(), monthly, None, "sales", "2026-11-15")
    assert [o.note(team) for o in found] == [
        "--role opens Sales (Dana Ortiz)'s answers for 2026-11 before Marketing (Sam Lee) has "
        "submitted; recorded"
    ]

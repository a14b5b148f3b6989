"""Which period compare looks at, the sealing rule, and what a missing side gets.

Real databases in tmp_path, filled through the same path ``submit`` takes. Today is 2026-11-15.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from gtm_pulse.core.models import Survey
from gtm_pulse.core.periods import parse_period
from gtm_pulse.core.surveys import Catalog
from gtm_pulse.errors import DatabaseError, NotReadyError, TeamError, UnknownDimensionError
from gtm_pulse.services.comparing import build_review, survey_version
from gtm_pulse.services.trending import build_trend, find_dimension
from gtm_pulse.store.database import Store
from gtm_pulse.store.survey_files import load_catalog
from tests.helpers import scored, submit_one, submit_pair

TODAY = dt.date(2026, 11, 15)


def review(store: Store, catalog: Catalog, period: str | None = None, **options: object):
    asked = parse_period(period) if period is not None else None
    return build_review(store.load(), catalog, "monthly-pulse", asked, TODAY, **options)


def test_the_current_period_is_compared_when_both_submitted_it(
    store: Store, catalog: Catalog, monthly: Survey
) -> None:
    submit_pair(store, monthly, "2026-10", scored(monthly, 4), scored(monthly, 4))
    submit_pair(store, monthly, "2026-11", scored(monthly, 4), scored(monthly, 2))
    result = review(store, catalog)
    assert (result.period, result.note) == ("2026-11", None)
    assert result.history.periods == ["2026-10", "2026-11"]


def test_an_incomplete_current_period_falls_back_to_the_latest_complete_one_with_a_note(
    store: Store, catalog: Catalog, monthly: Survey
) -> None:
    submit_pair(store, monthly, "2026-09", scored(monthly, 4), scored(monthly, 4))
    submit_one(store, monthly, "2026-11", "sales", scored(monthly, 3))
    result = review(store, catalog)
    assert result.period == "2026-09"
    assert result.note == "2026-11 is not complete (Marketing has not submitted); showing 2026-09"


def test_a_period_only_one_side_submitted_names_who_is_missing(
    store: Store, catalog: Catalog, monthly: Survey
) -> None:
    submit_one(store, monthly, "2026-11", "sales", scored(monthly, 3))
    with pytest.raises(NotReadyError) as caught:
        review(store, catalog, "2026-11")
    assert caught.value.exit_code == 1
    assert str(caught.value) == (
        "monthly-pulse 2026-11: Marketing (Sam Lee) has not submitted yet, only Sales "
        "(Dana Ortiz) has; a comparison needs both ('compare --partial' shows the submitted "
        "side alone)"
    )


def test_the_default_period_with_one_side_only_also_names_who_is_missing(
    store: Store, catalog: Catalog, monthly: Survey
) -> None:
    submit_one(store, monthly, "2026-10", "marketing", scored(monthly, 3))
    with pytest.raises(NotReadyError, match=r"2026-10: Sales \(Dana Ortiz\) has not submitted"):
        review(store, catalog)


def test_partial_shows_the_one_side_with_no_gap_figures(
    store: Store, catalog: Catalog, monthly: Survey
) -> None:
    submit_pair(store, monthly, "2026-10", scored(monthly, 4), scored(monthly, 4))
    submit_one(store, monthly, "2026-11", "sales", scored(monthly, 3, respect_seriously=1))
    result = review(store, catalog, "2026-11", partial=True)
    assert result.partial and result.current is None and result.agenda == []
    assert result.missing == ["marketing"]
    assert result.alone is not None and result.alone.role == "sales"
    assert result.alone.scores["respect-seriously"] == 1
    assert [f.kind for f in result.alone.flags] == ["low-trust"]
    # The trend holds only periods both sides submitted: the sealed side stays out of it.
    assert result.history.periods == ["2026-10"]


def test_partial_with_nobody_in_the_period_is_still_an_error(
    store: Store, catalog: Catalog, monthly: Survey
) -> None:
    submit_pair(store, monthly, "2026-10", scored(monthly, 4), scored(monthly, 4))
    with pytest.raises(NotReadyError, match=r"neither Sales .* nor Marketing .* has submitted"):
        review(store, catalog, "2026-08", partial=True)


def test_no_responses_at_all_is_not_ready(store: Store, catalog: Catalog) -> None:
    with pytest.raises(NotReadyError, match="nothing to compare yet: no responses"):
        review(store, catalog)


def test_a_database_without_a_team_is_not_ready(db_path: Path, catalog: Catalog) -> None:
    from gtm_pulse.store.format import encode, new_database

    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(encode(new_database()))
    with pytest.raises(NotReadyError, match="has no team"):
        review(Store(db_path), catalog)


def test_a_period_of_the_wrong_cadence_is_a_user_error(store: Store, catalog: Catalog) -> None:
    from gtm_pulse.errors import PeriodError

    with pytest.raises(PeriodError, match="does not fit a monthly survey"):
        review(store, catalog, "2026-Q3")


def test_a_pair_must_be_two_different_respondent_roles(store: Store, catalog: Catalog) -> None:
    with pytest.raises(TeamError, match="compare two different roles"):
        review(store, catalog, pair=("sales", "sales"))
    with pytest.raises(TeamError, match="role 'ceo' does not answer surveys"):
        review(store, catalog, pair=("sales", "ceo"))


def test_the_previous_period_is_the_last_complete_one(
    store: Store, catalog: Catalog, monthly: Survey
) -> None:
    # 2026-09 skipped by Marketing: the drop is measured against 2026-08, not hidden.
    submit_pair(store, monthly, "2026-08", scored(monthly, 4), scored(monthly, 4))
    submit_one(store, monthly, "2026-09", "sales", scored(monthly, 4))
    submit_pair(store, monthly, "2026-10", scored(monthly, 4), scored(monthly, 2))
    result = review(store, catalog, "2026-10")
    assert result.history.periods == ["2026-08", "2026-10"]
    drop = [f.reason for f in result.current.flags if f.kind == "alignment-drop"]
    assert drop == ["alignment fell 50 points since 2026-08 (100 -> 50)"]


def test_trend_since_a_period_keeps_the_drop_against_the_one_before(
    store: Store, catalog: Catalog, monthly: Survey
) -> None:
    submit_pair(store, monthly, "2026-09", scored(monthly, 4), scored(monthly, 4))
    submit_pair(store, monthly, "2026-10", scored(monthly, 4), scored(monthly, 2))
    _, history = build_trend(store.load(), catalog, "monthly-pulse", parse_period("2026-10"))
    assert history.periods == ["2026-10"]
    assert [f.kind for f in history.comparisons[0].flags].count("alignment-drop") == 1


def test_trend_with_no_complete_period_is_not_ready(
    store: Store, catalog: Catalog, monthly: Survey
) -> None:
    submit_one(store, monthly, "2026-10", "sales", scored(monthly, 4))
    with pytest.raises(NotReadyError, match="nothing to chart"):
        build_trend(store.load(), catalog, "monthly-pulse", None)


def test_old_responses_are_read_with_the_definition_they_answered(
    tmp_path: Path, store: Store, monthly: Survey
) -> None:
    # The database recorded the version answered; a newer catalog only ships the next one.
    submit_pair(store, monthly, "2026-10", scored(monthly, 4), scored(monthly, 2))
    version = f"version = {monthly.version}"
    newer_version = f"version = {monthly.version + 1}"
    text = (load_catalog().sources[monthly.key]).read_text().replace(version, newer_version)
    folder = tmp_path / "surveys"
    folder.mkdir()
    (folder / "monthly.toml").write_text(text.replace("judgement seriously", "judgement"))
    newer = load_catalog([folder])
    assert survey_version(store.load(), newer, "monthly-pulse", monthly.version) == monthly
    result = review(store, newer, "2026-10")
    assert result.survey.version == monthly.version and result.current.alignment == 50


def test_a_recorded_survey_of_another_shape_is_a_database_error(
    store: Store, catalog: Catalog, monthly: Survey
) -> None:
    import json

    submit_pair(store, monthly, "2026-10", scored(monthly, 4), scored(monthly, 2))
    tables = json.loads(store.path.read_text())
    (record,) = tables["surveys"].values()
    record["definition"]["questions"][0] = "not a question"  # str.get: an AttributeError
    store.path.write_text(json.dumps(tables))
    bad = f"holds a bad copy of survey monthly-pulse version {monthly.version}"
    with pytest.raises(DatabaseError, match=bad):
        survey_version(store.load(), catalog, "monthly-pulse", monthly.version)


def test_a_dimension_is_found_by_id_or_name_in_any_case(monthly: Survey) -> None:
    assert find_dimension(monthly, "goals").id == "goals"
    assert find_dimension(monthly, "  shared GOALS ").id == "goals"
    with pytest.raises(UnknownDimensionError, match="--dimension 'nope': monthly-pulse has no"):
        find_dimension(monthly, "nope")

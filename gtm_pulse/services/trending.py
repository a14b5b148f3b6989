"""What ``gtm-pulse trend`` shows: the history of one survey, and which periods opened early."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from gtm_pulse.core.seal_rule import opened_early_words
from gtm_pulse.services.comparing import build_trend, find_dimension, overrides_of

if TYPE_CHECKING:
    from gtm_pulse.core.analysis import Trend
    from gtm_pulse.core.models import Dimension, Survey
    from gtm_pulse.core.surveys import Catalog
    from gtm_pulse.store.database import Snapshot


@dataclass(frozen=True)
class TrendView:
    """Everything the trend report draws, for one pair of roles."""

    company: str
    survey: Survey
    history: Trend
    dimension: Dimension | None
    """The one dimension charted (``--dimension``), or None for the indices."""
    opened: dict[str, str]
    """Period -> the words saying a CEO's override opened it before the seal allowed."""


def build_trend_view(
    snapshot: Snapshot,
    catalog: Catalog,
    survey_id: str,
    since: str | None,
    dimension: str | None,
    pair: tuple[str, str],
) -> TrendView:
    """The trend of ``survey_id`` from ``since``; ``dimension`` (its id or name) to chart one.

    Raises what ``build_trend`` and ``find_dimension`` raise: an unknown survey, period or
    dimension, each one line for the user.
    """
    survey, history = build_trend(snapshot, catalog, survey_id, since, pair=pair)
    chosen = find_dimension(survey, dimension) if dimension is not None else None
    team = snapshot.require_team()
    opened = {  # every report of a period an override opened says so: the trend too
        period: words
        for period in history.periods
        if (words := opened_early_words(overrides_of(snapshot, survey.id, period)))
    }
    return TrendView(team.company, survey, history, chosen, opened)

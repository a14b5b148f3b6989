"""What ``gtm-pulse trend`` shows: the history of one survey, and which periods opened early."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from gtm_pulse.core import roles
from gtm_pulse.core.periods import Period, resolve
from gtm_pulse.core.seal_rule import concerned, opened_early_words, who
from gtm_pulse.errors import NotReadyError, UnknownDimensionError
from gtm_pulse.services.comparing import (
    Pairing,
    check_pair,
    overrides_of,
    ready_team,
    resolve_survey,
)

if TYPE_CHECKING:
    from gtm_pulse.core.models import Dimension, Survey
    from gtm_pulse.core.surveys import Catalog
    from gtm_pulse.core.trend import Trend
    from gtm_pulse.store.snapshot import Snapshot


@dataclass(frozen=True)
class TrendView:
    """Everything the trend report draws, for one pair of roles."""

    company: str
    survey: Survey
    history: Trend
    dimension: Dimension | None
    """The one dimension charted (``--dimension``), or None for the indices."""
    opened: dict[Period, str]
    """Period -> the words saying a CEO's override opened it before the seal allowed."""


def build_trend_view(
    snapshot: Snapshot,
    catalog: Catalog,
    survey_id: str,
    since: Period | None,
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


def build_trend(
    snapshot: Snapshot,
    catalog: Catalog,
    survey_id: str,
    since: Period | None,
    *,
    pair: tuple[str, str] = roles.CORE_PAIR,
) -> tuple[Survey, Trend]:
    """Every period the pair may be compared on (from ``since`` on: both VPs and both roles of
    the pair submitted it), compared, oldest first."""
    team = ready_team(snapshot)
    pair = check_pair(team, pair)
    survey = resolve_survey(snapshot, catalog, survey_id)
    first = resolve(since, survey.cadence) if since is not None else None
    pairing = Pairing(snapshot, catalog, survey, pair)
    history = pairing.history(since=first)
    found = history.comparisons
    if not found:
        where = f" since {first}" if first else ""
        everyone = [who(team, role) for role in concerned(pair)]
        if len(everyone) == 2:
            named = f"both {everyone[0]} and {everyone[1]}"
        else:
            named = f"all of {', '.join(everyone[:-1])} and {everyone[-1]}"
        message = f"nothing to chart: no period{where} in which {named} submitted {survey.id}"
        latest = pairing.periods[-1] if pairing.periods else None
        if latest is not None and pairing.waiting(latest):
            missing = [who(team, role) for role in pairing.waiting(latest)]
            has = "have" if len(missing) > 1 else "has"
            message += f" ({latest}: {' and '.join(missing)} {has} not submitted yet)"
        raise NotReadyError(message)
    return survey, history


def find_dimension(survey: Survey, wanted: str) -> Dimension:
    """The dimension whose id or name is ``wanted`` (any case); else a one-line error."""
    key = wanted.strip().casefold()
    for dimension in survey.dimensions:
        if key in (dimension.id.casefold(), dimension.name.casefold()):
            return dimension
    known = ", ".join(f"{d.id} ({d.name})" for d in survey.dimensions)
    raise UnknownDimensionError(
        f"--dimension {wanted!r}: {survey.id} has no such dimension (known: {known})"
    )

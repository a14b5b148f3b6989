"""What the offsite dashboard shows, without the UI: the periods to page through and each review.

Textual-free, so paging and drill-down are testable as plain Python and the dashboard's widgets
only draw. Only periods the pair may be compared on are pages (the seal, see
:func:`gtm_pulse.core.seal_rule.may_show`: both VPs and both roles of the pair submitted
them); the one shown first is the period asked for, else the latest.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property

from gtm_pulse.core.analysis import ItemGap
from gtm_pulse.core.periods import Period, resolve
from gtm_pulse.core.roles import CORE_PAIR
from gtm_pulse.core.surveys import Catalog
from gtm_pulse.core.team_matrix import Matrix
from gtm_pulse.services.comparing import (
    Pairing,
    Review,
    build_review,
    check_pair,
    resolve_survey,
    team_matrix,
)
from gtm_pulse.store.database import Store


class Board:
    """The dashboard's state: the store, the survey, the complete periods and the one shown."""

    def __init__(
        self,
        store: Store,
        catalog: Catalog,
        survey_id: str,
        today: dt.date,
        period: Period | None = None,
        pair: tuple[str, str] = CORE_PAIR,
    ) -> None:
        self.store, self.catalog, self.today = store, catalog, today
        self.pair = pair
        self.snapshot = store.load()
        self.survey = resolve_survey(self.snapshot, catalog, survey_id)
        self.focus: str | None = None
        """The dimension drilled into (its items only), or None for every item."""
        self._reviews: dict[str, Review] = {}
        self._matrices: dict[tuple[str, int, str], Matrix | None] = {}
        """Each period's team matrix by (survey id, version, period), built once until reload."""
        # The same checks and messages as compare: a malformed or incomplete period is refused.
        asked = resolve(period, self.survey.cadence, today) if period is not None else None
        first = build_review(self.snapshot, catalog, self.survey.id, asked, today, pair=pair)
        self._reviews[first.period] = first
        self.index = self.periods.index(first.period)

    @cached_property
    def periods(self) -> list[Period]:
        """Every period the pair may be compared on, oldest first: the pages."""
        check_pair(self.snapshot.require_team(), self.pair)  # reload may find the team gone
        return Pairing(self.snapshot, self.catalog, self.survey, self.pair).complete

    @property
    def period(self) -> Period:
        return self.periods[self.index]

    @property
    def review(self) -> Review:
        """The review of the period shown (built once per period until :meth:`reload`)."""
        if self.period not in self._reviews:
            self._reviews[self.period] = build_review(
                self.snapshot, self.catalog, self.survey.id, self.period, self.today, pair=self.pair
            )
        return self._reviews[self.period]

    def step(self, delta: int) -> bool:
        """Page ``delta`` periods back or forth; False (and no change) past either end."""
        target = self.index + delta
        if not 0 <= target < len(self.periods):
            return False
        self.index = target
        return True

    def reload(self) -> None:
        """Read the database again (after a commitment was added or closed), same period."""
        period = self.period
        self.snapshot = self.store.load()
        self._reviews.clear()
        self._matrices.clear()
        self.__dict__.pop("periods", None)
        self.index = self.periods.index(period)

    def matrices(self) -> list[Matrix]:
        """The team matrix of every period up to the one shown that three or more roles
        answered (with the shown period's survey version), oldest first."""
        team = self.snapshot.require_team()
        survey = self.review.survey
        found = []
        for period in self.periods[: self.index + 1]:
            key = (survey.id, survey.version, period)
            if key not in self._matrices:  # the Team view redraws on every page and key
                self._matrices[key] = team_matrix(self.snapshot, survey, period, team)
            found.append(self._matrices[key])
        return [m for m in found if m is not None]

    def items(self) -> list[ItemGap]:
        """The shown period's item gaps, largest first, within the drilled-into dimension."""
        current = self.review.current
        if current is None:
            return []
        order = {q.id: n for n, q in enumerate(current.survey.questions)}
        chosen = [i for i in current.items if self.focus in (None, i.dimension_id)]
        return sorted(chosen, key=lambda i: (-i.size, order[i.question_id]))

"""The dashboard's nine views, each redrawn from the :class:`~gtm_pulse.services.board.Board`.

A view draws one aspect of the review; it holds no state of its own, so paging to another
period is one :meth:`View.show` per view. User text (names, comments, commitments) goes through
:mod:`gtm_pulse.tui.literal` and shows exactly as typed. One module per view.
"""

from __future__ import annotations

from gtm_pulse.tui.dashboard.views.agenda import AgendaView
from gtm_pulse.tui.dashboard.views.base import View
from gtm_pulse.tui.dashboard.views.comments import CommentsView
from gtm_pulse.tui.dashboard.views.dimensions import DimensionsView, DrillDown
from gtm_pulse.tui.dashboard.views.frictions import FrictionsView
from gtm_pulse.tui.dashboard.views.items import ItemsView
from gtm_pulse.tui.dashboard.views.overview import OverviewView
from gtm_pulse.tui.dashboard.views.perceptions import PerceptionsView
from gtm_pulse.tui.dashboard.views.team import TeamView
from gtm_pulse.tui.dashboard.views.trend import TrendView

__all__ = ["VIEWS", "AgendaView", "DrillDown", "View"]

VIEWS: tuple[type[View], ...] = (
    OverviewView,
    DimensionsView,
    ItemsView,
    TrendView,
    FrictionsView,
    CommentsView,
    AgendaView,
    PerceptionsView,
    TeamView,
)

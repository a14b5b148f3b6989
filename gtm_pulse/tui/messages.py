"""What a screen asks the pulse app for: small messages, so that the home and set-up screens
need not import what comes after them and :class:`~gtm_pulse.tui.app.PulseApp` decides it.
(Other screens still import each other: issue 16 removes that.)"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from gtm_pulse.core.models import Team


@dataclass
class ShowComparison(Message):
    """The CEO chose a comparison at home: ``compare``'s report of ``survey_id``, ``period``."""

    survey_id: str
    period: str


@dataclass
class OpenDashboard(Message):
    """The CEO chose the dashboard at home: open it on the latest period both VPs submitted."""

    survey_id: str


@dataclass
class TeamSaved(Message):
    """The set-up screen saved ``team`` in the store: home comes next (or the survey asked for)."""

    team: Team

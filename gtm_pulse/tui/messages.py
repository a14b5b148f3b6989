"""What the screens tell the pulse app, and what they return: small messages and results.

A screen never imports another screen nor reaches into the app: it posts one of these messages
(or dismisses with one of these results) and :class:`~gtm_pulse.tui.app.PulseApp`, the one
router, decides what comes next.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from gtm_pulse.core.models import Survey, Team
    from gtm_pulse.core.periods import Period
    from gtm_pulse.services.opening import Start
    from gtm_pulse.services.taking import TakeSession


@dataclass
class ShowComparison(Message):
    """The CEO chose a comparison at home: ``compare``'s report of ``survey_id``, ``period``."""

    survey_id: str
    period: Period


@dataclass
class OpenDashboard(Message):
    """The CEO chose the dashboard at home: open it on the latest period both VPs submitted."""

    survey_id: str


@dataclass
class TeamSaved(Message):
    """The set-up screen saved ``team`` in the store: home comes next (or the survey asked for)."""

    team: Team


@dataclass
class JoinShared(Message):
    """The set-up screen's other way in: join a team the CEO already shared (the join form)."""


class SyncedIn(Message, bubble=False):
    """A sync brought records from the remote: the screen it is posted to reads them again."""


@dataclass
class OpenSurvey(Message):
    """A VP chose a survey at home: open ``start`` (its answers, or the survey to answer)."""

    start: Start


@dataclass
class EndedPeriodDraft(Message):
    """A VP chose a draft for a period that has ended: submit it late, or discard it."""

    start: Start


@dataclass
class ViewAnswers(Message):
    """Show the answers of a submitted response (``session``), with nothing to change."""

    session: TakeSession


@dataclass(frozen=True)
class Submitted:
    """What the review (and then the take screen) returns once the response is submitted."""

    survey: Survey
    start: Start


@dataclass(frozen=True)
class Amend:
    """What the submitted screen returns when the VP chose to amend ``start``'s response."""

    start: Start


@dataclass
class Autosaves:
    """Whether an answer was autosaved since the last submission, so quitting can say the
    draft is kept: the app owns it and hands it to the take screen."""

    kept: bool = False

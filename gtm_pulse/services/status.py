"""Who has submitted what is due: the report behind ``gtm-pulse status``.

Pure: built from the team, the surveys and a database snapshot, so the TUI's home screen can show
the same facts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from gtm_pulse.core import roles
from gtm_pulse.core.answers import is_answered
from gtm_pulse.core.models import Response, Survey, Team
from gtm_pulse.core.periods import Period, convert, period_of
from gtm_pulse.core.safe_text import for_terminal
from gtm_pulse.store.snapshot import Snapshot


@dataclass(frozen=True)
class RoleStatus:
    """One respondent's state for one survey period."""

    role: str
    name: str
    response: Response | None
    draft_answered: int | None
    """How many questions a saved draft has answered; None when there is no draft."""
    draft_questions: int | None = None
    """How many questions that draft asks: statements, guesses and follow-ups, as the TUI counts."""

    @property
    def submitted(self) -> bool:
        return self.response is not None


@dataclass(frozen=True)
class SurveyStatus:
    """One survey due in the period asked about."""

    survey: Survey
    period: Period
    roles: list[RoleStatus]

    @property
    def missing(self) -> list[str]:
        return [r.role for r in self.roles if not r.submitted]


@dataclass(frozen=True)
class StatusReport:
    """Everything ``status`` prints, in text or JSON."""

    company: str
    today: dt.date
    surveys: list[SurveyStatus]

    @property
    def complete(self) -> bool:
        return all(not s.missing for s in self.surveys)

    def to_json(self) -> dict[str, Any]:
        """A stable shape for scripts: every survey due, every role, and who is missing."""
        return {
            "company": self.company,
            "date": self.today.isoformat(),
            "complete": self.complete,
            "surveys": [
                {
                    "survey": s.survey.id,
                    "version": s.survey.version,
                    "title": s.survey.title,
                    "period": str(s.period),  # plain text in JSON
                    "roles": [
                        {
                            "role": r.role,
                            "name": r.name,
                            "submitted": r.submitted,
                            "submitted_at": r.response.submitted_at.isoformat()
                            if r.response
                            else None,
                            "revision": r.response.revision if r.response else None,
                            "draft_answered": r.draft_answered,
                            "draft_questions": r.draft_questions,
                        }
                        for r in s.roles
                    ],
                    "missing": s.missing,
                }
                for s in self.surveys
            ],
        }

    def outstanding(self) -> StatusReport:
        """Only what is still missing: the surveys someone has not submitted, and only the
        roles that have not (``status --due``, the reminder a cron job sends)."""
        due = [
            SurveyStatus(s.survey, s.period, [r for r in s.roles if not r.submitted])
            for s in self.surveys
            if s.missing
        ]
        return StatusReport(self.company, self.today, due)

    def due_text(self) -> str:
        """:meth:`outstanding` as text; one line when nothing is due, so a reminder stays quiet
        enough to read in a cron mail or a chat message."""
        if self.complete:
            periods = sorted({s.period for s in self.surveys})
            done = f"everyone has submitted {' and '.join(periods)}" if periods else "no surveys"
            return f"{for_terminal(self.company)} · {self.today.isoformat()} · nothing due: {done}"
        return self.outstanding().to_text()

    def to_text(self) -> str:
        """The human report; user text goes through :func:`for_terminal`."""
        lines = [f"{for_terminal(self.company)} · {self.today.isoformat()}"]
        for s in self.surveys:
            lines.append("")
            lines.append(f"{s.survey.title} ({s.survey.id} v{s.survey.version}) · {s.period}")
            for r in s.roles:
                who = f"  {roles.title(r.role):<17} {_clip(for_terminal(r.name), 24):<24} "
                if r.response is not None:
                    when = r.response.submitted_at.strftime("%Y-%m-%d %H:%M UTC")
                    amended = f", revision {r.response.revision}" if r.response.revision > 1 else ""
                    lines.append(f"{who}submitted {when}{amended}")
                elif r.draft_answered is not None:
                    lines.append(
                        f"{who}missing (draft: {r.draft_answered} of {r.draft_questions} answered)"
                    )
                else:
                    lines.append(f"{who}missing")
        missing = sum(len(s.missing) for s in self.surveys)
        lines.append("")
        lines.append(
            "Everyone has submitted." if not missing else f"{missing} submission(s) missing."
        )
        return "\n".join(lines)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def build_status(
    team: Team,
    surveys: list[Survey],
    snapshot: Snapshot,
    asked: Period | None,
    today: dt.date,
) -> StatusReport:
    """Who has submitted each survey for ``asked`` (default: the period containing ``today``).

    A monthly period also covers quarterly surveys of its quarter; a quarter covers only
    quarterly surveys (monthly ones are due per month).
    """
    due: list[SurveyStatus] = []
    for survey in surveys:
        if asked is None:
            period = period_of(survey.cadence, today)
        elif asked.cadence == survey.cadence or survey.cadence == "quarterly":
            period = convert(asked, survey.cadence)
        else:
            continue
        states = [
            RoleStatus(
                role,
                team.members[role],
                snapshot.response(survey.id, period, role),
                *_draft_counts(snapshot, survey, period, role),
            )
            for role in team.respondent_roles
        ]
        due.append(SurveyStatus(survey, period, states))
    return StatusReport(team.company, today, due)


def questions_asked(snapshot: Snapshot, survey: Survey, period: Period, role: str) -> int:
    """How many answers ``role`` gives ``survey`` for ``period``: its questions, the guesses at
    the other VP's answers and the follow-ups on commitments due, as the TUI counts its pages
    (the home screen says "24 answers" before anyone starts)."""
    if snapshot.commitments:  # follow-ups: commitments and asking (~10 ms) only when there are any
        from gtm_pulse.core.asking import asked_survey
        from gtm_pulse.core.commitments import asked_in

        return len(asked_survey(survey, role, asked_in(snapshot.commitments, period)).questions)
    from gtm_pulse.core.predictions import with_predictions

    return len(with_predictions(survey, role).questions)


def _draft_counts(
    snapshot: Snapshot, survey: Survey, period: Period, role: str
) -> tuple[int | None, int | None]:
    """A saved draft's answered and asked questions, counted over the survey as ``role`` is
    asked it (guesses and follow-ups included, as the TUI's progress counts); None, None when
    there is no draft."""
    draft = snapshot.draft(survey.id, period, role)
    if draft is None:
        return None, None
    from gtm_pulse.core.asking import (
        asked_survey,  # only with a draft: the home screen starts faster
    )
    from gtm_pulse.core.commitments import asked_in

    asked = asked_survey(survey, role, asked_in(snapshot.commitments, period))
    answered = sum(1 for q in asked.questions if is_answered(q, draft.answers.get(q.id)))
    return answered, len(asked.questions)

"""What opening a survey means: submitted already, a draft of another version, or a session.

Textual-free: the pulse app asks :func:`open_survey` and shows the screen the answer names, so
home, ``gtm-pulse take`` and the submitted screen's "amend" open a survey the same way, and the
decision is testable without a UI. It never reads the other VP's answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gtm_pulse.core.models import Survey
    from gtm_pulse.core.periods import Period
    from gtm_pulse.core.surveys import Catalog
    from gtm_pulse.services.taking import TakeSession
    from gtm_pulse.store.database import Store


@dataclass(frozen=True)
class Start:
    """Who takes which survey for which period."""

    role: str
    survey_id: str
    period: Period


@dataclass(frozen=True)
class AlreadySubmitted:
    """``start``'s response is in: show it (and what may be seen of the other side's)."""

    survey: Survey
    start: Start


@dataclass(frozen=True)
class Answering:
    """Answer (or amend) in ``session``: a draft picked up, a submission amended, or new."""

    session: TakeSession


@dataclass(frozen=True)
class OlderDraft:
    """A draft started on another version of the survey: keep what still fits, or start again."""

    start: Start
    question: str
    """The choice put to the VP, in words: the two versions and how many answers still fit."""
    keep: TakeSession
    """The session that carries on with the answers (and comments) that still fit."""
    fresh: TakeSession
    """The session that starts again, once the draft is discarded."""


Opening = AlreadySubmitted | Answering | OlderDraft


def open_survey(store: Store, catalog: Catalog, start: Start, *, amend: bool = False) -> Opening:
    """What opening ``start`` means now; ``amend`` opens a submitted response to change it."""
    # Imported here, not at the top: the app imports this module, and its first screen should
    # not wait for what only opening a survey needs (~6 ms: asking, commitments, analysis, taking).
    from gtm_pulse.core.asking import as_answers, asked_survey
    from gtm_pulse.core.commitments import asked_in
    from gtm_pulse.services.taking import TakeSession, carry_over

    snapshot = store.load()
    team = snapshot.require_team()
    survey = catalog.get(start.survey_id)
    response = snapshot.response(survey.id, start.period, start.role)
    if response is not None and not amend:
        return AlreadySubmitted(survey, start)
    draft = snapshot.draft(survey.id, start.period, start.role)
    due = asked_in(snapshot.commitments, start.period, response if amend else None)

    def session(answers: dict, comments: dict) -> TakeSession:
        return TakeSession(
            store, survey, team, start.role, start.period,
            answers=answers, comments=comments, amending=response is not None, due=due,
        )  # fmt: skip

    if draft is not None and draft.survey_version != survey.version:
        kept, dropped = carry_over(draft, asked_survey(survey, start.role, due))
        comments = {d: c for d, c in draft.comments.items() if _asks_comment(survey, d)}
        fit = "1 answer still fits" if len(kept) == 1 else f"{len(kept)} answers still fit"
        lost = {0: "", 1: ", 1 does not"}.get(len(dropped), f", {len(dropped)} do not")
        question = (
            f"Your draft was started on version {draft.survey_version} of this survey; "
            f"this is version {survey.version}. {fit}{lost}."
        )
        return OlderDraft(start, question, session(kept, comments), session({}, {}))
    if draft is not None:
        return Answering(session(draft.answers, draft.comments))
    if response is not None:  # amending: start from what was submitted
        return Answering(session(as_answers(response), response.comments))
    return Answering(session({}, {}))


def _asks_comment(survey: Survey, dimension_id: str) -> bool:
    dimension = survey.dimension(dimension_id)
    return dimension is not None and dimension.comment is not None

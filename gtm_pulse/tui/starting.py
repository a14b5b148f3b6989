"""Opening a survey in the TUI: submitted already, a draft of another version, or a fresh start.

Kept apart from the screens because the home screen, ``gtm-pulse take`` and the submitted
screen's "amend" all go through it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.content import Content

if TYPE_CHECKING:
    from gtm_pulse.core.models import Survey
    from gtm_pulse.tui.app import PulseApp


@dataclass(frozen=True)
class Start:
    """Who takes which survey for which period."""

    role: str
    survey_id: str
    period: str


def open_survey(app: PulseApp, start: Start, *, amend: bool = False) -> None:
    """Push the right screen for ``start``; never shows the other VP's answers."""
    # Imported here, not at the top: home imports this module, and its first screen should not
    # wait for what only opening a survey needs (~6 ms: asking, commitments, analysis, taking).
    from gtm_pulse.core.asking import as_answers, asked_survey
    from gtm_pulse.core.commitments import asked_in
    from gtm_pulse.services.taking import TakeSession, carry_over
    from gtm_pulse.tui.screens.choice import ChoiceScreen
    from gtm_pulse.tui.screens.submitted import SubmittedScreen

    snapshot = app.store.load()
    team = snapshot.require_team()
    survey = app.catalog.get(start.survey_id)
    response = snapshot.response(survey.id, start.period, start.role)
    if response is not None and not amend:
        app.push_screen(SubmittedScreen(survey, start, just_now=False))
        return
    draft = snapshot.draft(survey.id, start.period, start.role)
    due = asked_in(snapshot.commitments, start.period, response if amend else None)

    def begin(answers: dict, comments: dict) -> None:
        from gtm_pulse.tui.screens.take import TakeScreen

        session = TakeSession(
            app.store, survey, team, start.role, start.period,
            answers=answers, comments=comments, amending=response is not None, due=due,
        )  # fmt: skip
        app.push_screen(TakeScreen(session))

    if draft is not None and draft.survey_version != survey.version:
        kept, dropped = carry_over(draft, asked_survey(survey, start.role, due))
        comments = {d: c for d, c in draft.comments.items() if _asks_comment(survey, d)}

        def chosen(choice: str | None) -> None:
            if choice == "keep":
                begin(kept, comments)
            elif choice == "discard":
                app.store.discard_draft(survey.id, start.period, start.role)
                begin({}, {})

        fit = "1 answer still fits" if len(kept) == 1 else f"{len(kept)} answers still fit"
        lost = {0: "", 1: ", 1 does not"}.get(len(dropped), f", {len(dropped)} do not")
        body = (
            f"Your draft was started on version {draft.survey_version} of this survey; "
            f"this is version {survey.version}. {fit}{lost}."
        )
        app.push_screen(
            ChoiceScreen("An older draft", Content(body),
                         [("keep", "Keep what fits"), ("discard", "Start again")]),
            chosen,
        )  # fmt: skip
        return
    if draft is not None:
        begin(draft.answers, draft.comments)
    elif response is not None:  # amending: start from what was submitted
        begin(as_answers(response), response.comments)
    else:
        begin({}, {})


def offer_stale_draft(app: PulseApp, start: Start) -> None:
    """A draft for a finished period: carry on and submit late, or discard it."""
    from gtm_pulse.tui.screens.choice import ChoiceScreen

    def chosen(choice: str | None) -> None:
        if choice == "late":
            open_survey(app, start)
        elif choice == "discard":
            app.store.discard_draft(start.survey_id, start.period, start.role)
            app.notify(f"Draft for {start.period} discarded.")
            app.screen.refresh_entries()  # type: ignore[attr-defined]

    body = f"This draft is for {start.period}, a period that has ended."
    app.push_screen(
        ChoiceScreen("An unfinished draft", Content(body),
                     [("late", "Carry on and submit late"), ("discard", "Discard it")]),
        chosen,
    )  # fmt: skip


def _asks_comment(survey: Survey, dimension_id: str) -> bool:
    dimension = survey.dimension(dimension_id)
    return dimension is not None and dimension.comment is not None

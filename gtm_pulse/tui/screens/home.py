"""Home: the team, this period, what is due for whom, and the way in for each VP."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from gtm_pulse import roles
from gtm_pulse.periods import parse_period, period_of, today
from gtm_pulse.status import build_status
from gtm_pulse.tui.literal import literal
from gtm_pulse.tui.starting import Start, offer_stale_draft, open_survey
from gtm_pulse.tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from gtm_pulse.tui.app import PulseApp


class HomeScreen(Screen[None]):
    """Pick who you are and which survey; refreshed whenever it comes back into view."""

    BINDINGS = [
        Binding("q", "app.quit", "Quit"),
        Binding("escape", "app.quit", "Quit", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._shown = False
        """Set once the screen has shown: later resumes rebuild the entries."""

    @property
    def pulse(self) -> PulseApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        # Built here, not after mounting: the first screen is laid out and drawn once.
        title, subtitle, options, first = self._entries()
        yield Static(title, id="home-title")
        yield Static(subtitle, id="home-subtitle", classes="dim")
        entries = OptionList(*options, id="home-entries")
        entries.highlighted = first
        yield entries
        yield Static(
            "Enter opens your survey. Answers stay sealed until both VPs submit.",
            classes="dim",
            id="home-hint",
        )
        yield KeyBar()

    def on_screen_resume(self) -> None:
        if self._shown:  # back from a survey or a dialog: what is due may have changed
            self.refresh_entries()
        self._shown = True

    def refresh_entries(self) -> None:
        title, subtitle, options, first = self._entries()
        self.query_one("#home-title", Static).update(title)
        self.query_one("#home-subtitle", Static).update(subtitle)
        entries = self.query_one("#home-entries", OptionList)
        entries.clear_options()
        entries.add_options(options)
        entries.highlighted = first
        entries.focus()

    def _entries(self) -> tuple[Content, Content, list[Option], int | None]:
        """The title, the dates line, one entry per survey due for each respondent (and any
        unfinished draft of an earlier period), and the first entry that can be chosen."""
        snapshot = self.pulse.store.load()
        team = snapshot.require_team()
        day = today()
        report = build_status(team, self.pulse.catalog.latest(), snapshot, None, day)
        title = literal(team.company) + Content(" · gtm-pulse")
        subtitle = Content(
            f"Today {day.isoformat()} · this month {period_of('monthly', day)} · "
            f"this quarter {period_of('quarterly', day)}"
        )
        options: list[Option] = []
        for role in team.respondent_roles:
            options.append(
                Option(
                    Content.styled(f"I am the {roles.title(role)}: ", "bold")
                    + literal(team.members[role]),
                    disabled=True,
                )
            )
            for survey_status in report.surveys:
                state = next(s for s in survey_status.roles if s.role == role)
                survey, period = survey_status.survey, survey_status.period
                if state.response is not None:
                    when = state.response.submitted_at.strftime("%Y-%m-%d")
                    note = f"submitted {when}"
                elif state.draft_answered is not None:
                    note = f"draft: {state.draft_answered} of {state.draft_questions} answered"
                else:
                    note = "not started"
                options.append(
                    Option(
                        Content(f"   {survey.title} · {period} · {note}"),
                        id=f"take|{role}|{survey.id}|{period}",
                    )
                )
            current = {(s.survey.id, str(s.period)) for s in report.surveys}
            for draft in snapshot.drafts:
                if draft.role != role or (draft.survey_id, draft.period) in current:
                    continue
                options.append(
                    Option(
                        Content(
                            f"   Unfinished draft: {draft.survey_id} · {draft.period} "
                            "(submit late or discard)"
                        ),
                        id=f"stale|{role}|{draft.survey_id}|{draft.period}",
                    )
                )
        first = next((n for n, option in enumerate(options) if not option.disabled), None)
        return title, subtitle, options, first

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        kind, role, survey_id, period = (event.option.id or "").split("|")
        start = Start(role=role, survey_id=survey_id, period=str(parse_period(period)))
        if kind == "stale":
            offer_stale_draft(self.pulse, start)
        else:
            open_survey(self.pulse, start)

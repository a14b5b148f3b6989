"""After submitting (or when already submitted): view your answers, amend, and, once both VPs
have submitted, the side-by-side summary. Before that, nothing of the other side shows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from gtm_pulse import roles
from gtm_pulse.analysis import dimension_means
from gtm_pulse.commitments import as_answers
from gtm_pulse.models import Response, Survey
from gtm_pulse.taking import TakeSession
from gtm_pulse.tui.starting import Start, open_survey
from gtm_pulse.tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from gtm_pulse.tui.app import PulseApp


def counterpart(role: str) -> str:
    """Whose answers are compared with ``role``'s: the other half of the core pair."""
    return roles.MARKETING if role == roles.SALES else roles.SALES


class SubmittedScreen(Screen[None]):
    """The state of a submitted response, and what may be seen of the other side's."""

    BINDINGS = [
        Binding("v", "view", "View my answers"),
        Binding("a", "amend", "Amend"),
        Binding("escape", "home", "Home"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, survey: Survey, start: Start, *, just_now: bool) -> None:
        super().__init__()
        self.survey = survey
        self.start = start
        self.just_now = just_now
        self.other_role = counterpart(start.role)
        self.response: Response | None = None
        self.other: Response | None = None

    @property
    def pulse(self) -> PulseApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        snapshot = self.pulse.store.load()
        self.team = snapshot.require_team()
        self.response = response = snapshot.response(
            self.survey.id, self.start.period, self.start.role
        )
        assert response is not None
        # Sealed: the other side's answers are read only because this side has submitted.
        self.other = snapshot.response(self.survey.id, self.start.period, self.other_role)
        when = response.submitted_at.strftime("%Y-%m-%d %H:%M UTC")
        title = "Submitted. Thank you." if self.just_now else "Already submitted"
        yield Static(Content(title), id="submitted-title")
        revision = f" (revision {response.revision})" if response.revision > 1 else ""
        yield Static(
            Content(
                f"You submitted {self.survey.title} for {self.start.period} on {when}{revision}."
            )
        )
        other_name = roles.function_name(self.other_role)
        if self.other is None:
            yield Static(
                Content(
                    f"{other_name} has not submitted {self.start.period} yet. Both sides' answers "
                    "stay sealed until they do."
                ),
                id="submitted-sealed",
            )
        else:
            yield Static(
                Content(
                    "Both VPs have submitted: side by side, by dimension (1-5, "
                    "higher is healthier)."
                ),
                id="submitted-both",
            )
            yield self._summary(response, self.other)
        yield KeyBar()

    def _summary(self, mine: Response, theirs: Response) -> DataTable:
        table: DataTable = DataTable(id="submitted-table", cursor_type="none", zebra_stripes=True)
        own = roles.function_name(self.start.role)
        other = roles.function_name(self.other_role)
        table.add_columns("Dimension", f"You ({own})", other, "Gap")
        my_means = dimension_means(self.survey, mine)
        their_means = dimension_means(self.survey, theirs)
        for dimension in self.survey.dimensions:
            a, b = my_means[dimension.id], their_means[dimension.id]
            if a is None or b is None:
                continue
            table.add_row(
                Text(dimension.name), Text(f"{a:.1f}"), Text(f"{b:.1f}"), Text(f"{abs(a - b):.1f}")
            )
        return table

    def action_view(self) -> None:
        from gtm_pulse.tui.screens.review import ReviewScreen

        response = self.response
        assert response is not None
        snapshot = self.pulse.store.load()
        followed = [snapshot.commitment(int(n)) for n in response.follow_ups]
        session = TakeSession(
            self.pulse.store, self.survey, self.team, self.start.role, self.start.period,
            answers={**response.answers, **as_answers(response.follow_ups)},
            comments=response.comments, due=[c for c in followed if c is not None],
        )  # fmt: skip
        self.app.push_screen(ReviewScreen(session, read_only=True))

    def action_amend(self) -> None:
        app = self.pulse
        self.dismiss()
        open_survey(app, self.start, amend=True)

    def action_home(self) -> None:
        self.dismiss()

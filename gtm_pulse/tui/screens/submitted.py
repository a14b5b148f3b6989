"""After submitting (or when already submitted): view your answers, amend, and, once both VPs
have submitted, the side-by-side summary. Before that, nothing of anyone else's answers shows.

A VP sees the other VP's answers beside their own, with the gap as compare measures it. A wider
team's role (CRO, RevOps...) sees both VPs' beside their own, once both VPs have submitted: the
Sales-Marketing seal is the one every view keeps."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from gtm_pulse.core import roles
from gtm_pulse.core.analysis import compare, dimension_means
from gtm_pulse.core.asking import as_answers
from gtm_pulse.core.models import Response, Survey
from gtm_pulse.services.opening import Start
from gtm_pulse.services.taking import TakeSession
from gtm_pulse.store.database import Store
from gtm_pulse.tui.messages import Amend, SyncedIn, ViewAnswers
from gtm_pulse.tui.widgets.keybar import KeyBar


class SubmittedScreen(Screen[Amend | None]):
    """The state of a submitted response, and what may be seen of the other side's.

    Dismisses with :class:`Amend` when the VP chose to amend it, None for home.
    """

    BINDINGS = [
        Binding("v", "view", "View my answers"),
        Binding("a", "amend", "Amend"),
        Binding("escape", "home", "Home"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, store: Store, survey: Survey, start: Start, *, just_now: bool) -> None:
        super().__init__()
        self.store = store
        self.survey = survey
        self.start = start
        self.just_now = just_now
        self.response: Response | None = None
        self.others: dict[str, Response | None] = {}
        """The VPs whose answers may show beside this response, by role (None: not submitted)."""

    def compose(self) -> ComposeResult:
        snapshot = self.store.load()
        self.team = snapshot.require_team()
        self.response = response = snapshot.response(
            self.survey.id, self.start.period, self.start.role
        )
        assert response is not None
        # Sealed: the VPs' answers are read only because this side has submitted, and shown
        # only once both VPs have.
        self.others = {
            role: snapshot.response(self.survey.id, self.start.period, role)
            for role in roles.CORE_PAIR
            if role != self.start.role
        }
        when = response.submitted_at.strftime("%Y-%m-%d %H:%M UTC")
        title = "Submitted. Thank you." if self.just_now else "Already submitted"
        yield Static(Content(title), id="submitted-title")
        revision = f" (revision {response.revision})" if response.revision > 1 else ""
        yield Static(
            Content(
                f"You submitted {self.survey.title} for {self.start.period} on {when}{revision}."
            )
        )
        missing = [roles.function_name(r) for r, other in self.others.items() if other is None]
        if missing:
            who = " and ".join(missing)
            has = "have" if len(missing) > 1 else "has"
            yield Static(
                Content(
                    f"{who} {has} not submitted {self.start.period} yet. The answers stay "
                    "sealed until both VPs have."
                ),
                id="submitted-sealed",
            )
        else:
            yield Static(
                Content(
                    "Both VPs have submitted: side by side, by dimension (1-5, higher is "
                    "healthier)."
                    + ("" if len(self.others) > 1 else " |gap|: the mean gap per statement.")
                ),
                id="submitted-both",
            )
            yield self._summary(response)
        yield KeyBar()

    async def on_synced_in(self, _: SyncedIn) -> None:
        """A sync brought the other VP's answers: side by side now, if both are in."""
        await self.recompose()

    def _summary(self, mine: Response) -> DataTable:
        """This response beside the VPs': with the other VP, the gap as compare measures it."""
        table: DataTable = DataTable(id="submitted-table", cursor_type="none", zebra_stripes=True)
        own = f"You ({roles.function_name(self.start.role)})"
        others = {role: other for role, other in self.others.items() if other is not None}
        if len(others) == 1:
            ((other_role, theirs),) = others.items()
            table.add_columns("Dimension", own, roles.function_name(other_role), "|gap|")
            for gap in compare(self.survey, mine, theirs).dimensions:
                dimension = self.survey.dimension(gap.dimension_id)
                assert dimension is not None
                table.add_row(
                    Text(dimension.name), Text(f"{gap.left_mean:.1f}"),
                    Text(f"{gap.right_mean:.1f}"), Text(f"{gap.mean_abs_gap:.1f}"),
                )  # fmt: skip
            return table
        table.add_columns("Dimension", own, *(roles.function_name(role) for role in others))
        means = [dimension_means(self.survey, r) for r in (mine, *others.values())]
        for dimension in self.survey.dimensions:
            scores = [m[dimension.id] for m in means]
            if None in scores:
                continue
            table.add_row(Text(dimension.name), *(Text(f"{score:.1f}") for score in scores))
        return table

    def action_view(self) -> None:
        response = self.response
        assert response is not None
        snapshot = self.store.load()
        followed = [snapshot.commitment(int(n)) for n in response.follow_ups]
        session = TakeSession(
            self.store, self.survey, self.team, self.start.role, self.start.period,
            answers=as_answers(response),  # statements, follow-ups and guesses
            comments=response.comments, due=[c for c in followed if c is not None],
        )  # fmt: skip
        self.post_message(ViewAnswers(session))

    def action_amend(self) -> None:
        self.dismiss(Amend(self.start))

    def action_home(self) -> None:
        self.dismiss()

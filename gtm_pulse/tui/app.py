"""The pulse app: wiring, and the one router. Screens live in :mod:`gtm_pulse.tui.screens`.

Screens never import each other: each posts a message or dismisses with a result (see
:mod:`gtm_pulse.tui.messages`), and the handlers here decide which screen comes next.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from gtm_pulse.core.surveys import Catalog
from gtm_pulse.errors import PulseError
from gtm_pulse.services.opening import Start
from gtm_pulse.store.database import Store
from gtm_pulse.store.snapshot import Snapshot
from gtm_pulse.store.sync_seen import seen_in
from gtm_pulse.tui.collector import collect_again
from gtm_pulse.tui.literal import literal_str
from gtm_pulse.tui.messages import (
    Amend,
    Autosaves,
    EndedPeriodDraft,
    JoinShared,
    OpenDashboard,
    OpenSurvey,
    ShowComparison,
    Submitted,
    SyncedIn,
    TeamSaved,
    ViewAnswers,
)
from gtm_pulse.tui.screens.home import HomeScreen

if TYPE_CHECKING:
    # Named only in the base's string below, which ruff does not read; imported when the
    # dashboard opens: the analysis behind it costs ~40 ms of the start.
    from gtm_pulse.core.models import Survey, Team
    from gtm_pulse.services.background_sync import Joined, SyncOutcome
    from gtm_pulse.services.board import Board  # noqa: F401
    from gtm_pulse.services.taking import TakeSession

#: The worker group of the app's syncs (one at a time).
SYNC = "sync"


class PulseApp(App["Board | None"]):
    """Home screen (or set-up for a new team); or straight into a survey with ``start``.

    It returns the dashboard's board when the CEO opened the dashboard from home: the dashboard
    is an app of its own, which ``run_tui`` runs once this one has ended (then home again).
    """

    CSS_PATH = "pulse.tcss"
    ALLOW_IN_MAXIMIZED_VIEW = "KeyBar"  # the key bar stays when a widget is maximised
    TITLE = "gtm-pulse"
    BINDINGS = [
        # Users expect Ctrl+C to quit a terminal program; drafts are saved, so nothing is lost.
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(
        self,
        store: Store,
        catalog: Catalog,
        start: Start | None = None,
        snapshot: Snapshot | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.catalog = catalog
        self.start = start
        self._first = snapshot
        """The database as ``run_tui`` read it (to refuse a broken one before textual starts):
        the first screen is drawn from it, not from another read; let go once it is drawn."""
        self.autosaves = Autosaves()
        """Set once an answer is autosaved, so quitting can say the draft is kept."""
        self._sync_again = False
        """Set when a sync is asked for while one runs: one more follows it."""

    def get_default_screen(self) -> Screen[Any]:
        """Home is the base of the stack, not pushed over Textual's blank default screen: one
        screen fewer to compose and lay out before the first key is taken. Set-up (once per team)
        is pushed over the blank one and gives way to home when the team is saved."""
        if self._first is None and self.store.exists():
            self._first = self.store.load()
        snapshot = self._first
        if snapshot is None or snapshot.team is None:
            return super().get_default_screen()
        return HomeScreen(self.store, self.catalog, snapshot)

    def on_mount(self) -> None:
        self.call_after_refresh(collect_again, self)  # run_tui stopped the collector
        first, self._first = self._first, None
        if not isinstance(self.screen, HomeScreen):
            from gtm_pulse.tui.screens.setup import SetupScreen  # once per team: not at every start

            self.push_screen(SetupScreen(self.store))
            return
        if self.start is not None:
            self.open_survey(self.start)
        if first is None or _remembers_a_remote(first):  # no remote, no sync: not even a thread
            self.call_after_refresh(self.sync_in_background)  # after the first screen is drawn

    # -- syncing with the team's remote ---------------------------------------------------------

    def sync_in_background(self) -> None:
        """Sync with the remote this laptop remembers, in a thread (the screen keeps taking
        keys); nothing at all when it has none. One sync at a time: asked for during one,
        another follows it (a submission made meanwhile is published by that one)."""
        if any(w.group == SYNC and not w.is_finished for w in self.workers):
            self._sync_again = True
            return
        self.run_worker(self._sync, thread=True, group=SYNC, exit_on_error=False)

    def _sync(self) -> SyncOutcome | None:
        """The worker's work: imported here, so the app starts without the sync machinery."""
        from gtm_pulse.services.background_sync import sync_if_shared

        return sync_if_shared(self.store, self.catalog)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Say what a sync did in one line; a failure too, never the end of the app."""
        worker = event.worker
        if worker.group != SYNC or not worker.is_finished:
            return
        if event.state == WorkerState.SUCCESS and worker.result is not None:
            self.show_sync(worker.result)
        elif event.state == WorkerState.ERROR:  # a bug below the services: still one line
            error = worker.error
            line = f"Sync failed: {type(error).__name__}: {error}"
            self.notify(literal_str(line), severity="error", markup=False)
        if self._sync_again and event.state != WorkerState.CANCELLED:  # not while quitting
            self._sync_again = False
            self.sync_in_background()

    def show_sync(self, outcome: SyncOutcome, *, refresh: bool = True) -> None:
        """Notify ``outcome``'s line; if records arrived, the screen shown reads them again."""
        self.notify(literal_str(outcome.line), severity=outcome.severity, markup=False)
        if outcome.imported and refresh:
            self.screen.post_message(SyncedIn())

    # -- set-up -----------------------------------------------------------------------------------

    def on_join_shared(self, _: JoinShared) -> None:
        """The join form over set-up; back from it, set-up again (nothing was made)."""
        from gtm_pulse.tui.screens.join import JoinScreen

        def ended(joined: Joined | None) -> None:
            if joined is not None:
                self.team_ready(joined.team, joined.greeting)  # home reads what arrived
                self.show_sync(joined.outcome, refresh=False)

        self.push_screen(JoinScreen(self.store, self.catalog), ended)

    def on_team_saved(self, message: TeamSaved) -> None:
        """Home in place of set-up, saying where the team went (as ``gtm-pulse init`` does)."""
        self.team_ready(message.team, f"Team {message.team.company} saved in {self.store.path}")

    def team_ready(self, team: Team, notice: str) -> None:
        """Home in place of set-up, with ``notice`` (the team saved, or joined; shown as
        typed); then the survey ``take --role R`` asked for, if R answers surveys in this team."""
        self.switch_screen(HomeScreen(self.store, self.catalog))
        self.notify(literal_str(notice), markup=False)
        if self.start is None:  # plain 'gtm-pulse': home is where to go
            return
        if self.start.role in team.respondent_roles:  # 'take --role R' on a new database
            self.open_survey(self.start)
        else:
            known = ", ".join(team.respondent_roles)
            self.notify(
                f"Role {self.start.role!r} does not answer surveys in this team (roles: {known}).",
                severity="error",
                markup=False,
            )

    def on_show_comparison(self, message: ShowComparison) -> None:
        """The comparison, if both VPs submitted the period; else a notice naming who has not
        (``build_review`` keeps the seal, whatever the home screen showed)."""
        from gtm_pulse.core.periods import today
        from gtm_pulse.services.comparing import build_review

        try:
            review = build_review(
                self.store.load(), self.catalog, message.survey_id, message.period, today()
            )
        except PulseError as error:
            self.notify(str(error), severity="warning", markup=False)
            return
        from gtm_pulse.tui.screens.comparison import ComparisonScreen

        self.push_screen(ComparisonScreen(review))

    def on_open_dashboard(self, message: OpenDashboard) -> None:
        """End with the dashboard's board (see the class), or say why there is none yet."""
        from gtm_pulse.core.periods import today
        from gtm_pulse.services.board import Board

        try:
            board = Board(self.store, self.catalog, message.survey_id, today())
        except PulseError as error:
            self.notify(str(error), severity="warning", markup=False)
            return
        self.exit(board)

    # -- surveys ----------------------------------------------------------------------------------

    def on_open_survey(self, message: OpenSurvey) -> None:
        self.open_survey(message.start)

    def open_survey(self, start: Start, *, amend: bool = False) -> None:
        """Push the screen :func:`~gtm_pulse.services.opening.open_survey` names for ``start``:
        its submitted response, the survey to answer, or the choice an older draft asks for."""
        from gtm_pulse.services.opening import AlreadySubmitted, Answering, open_survey

        opening = open_survey(self.store, self.catalog, start, amend=amend)
        if isinstance(opening, AlreadySubmitted):
            self.show_submitted(opening.survey, opening.start, just_now=False)
            return
        if isinstance(opening, Answering):
            self.take(opening.session)
            return
        from gtm_pulse.tui.screens.choice import ChoiceScreen

        def chosen(choice: str | None) -> None:
            if choice == "keep":
                self.take(opening.keep)
            elif choice == "discard":
                self.store.discard_draft(start.survey_id, start.period, start.role)
                self.take(opening.fresh)

        self.push_screen(
            ChoiceScreen("An older draft", Content(opening.question),
                         [("keep", "Keep what fits"), ("discard", "Start again")]),
            chosen,
        )  # fmt: skip

    def take(self, session: TakeSession) -> None:
        """Answer in ``session``; once it is submitted, the submitted screen takes its place."""
        from gtm_pulse.tui.screens.take import TakeScreen

        def ended(result: Submitted | None) -> None:
            if result is not None:
                self.autosaves.kept = False  # submitted: no draft left to speak of
                self.show_submitted(result.survey, result.start, just_now=True)
                self.sync_in_background()  # the sealed response leaves for the remote

        self.push_screen(TakeScreen(session, self.autosaves), ended)

    def show_submitted(self, survey: Survey, start: Start, *, just_now: bool) -> None:
        """The state of ``start``'s response; amending it opens the survey again."""
        from gtm_pulse.tui.screens.submitted import SubmittedScreen

        def ended(result: Amend | None) -> None:
            if result is not None:
                self.open_survey(result.start, amend=True)

        self.push_screen(SubmittedScreen(self.store, survey, start, just_now=just_now), ended)

    def on_view_answers(self, message: ViewAnswers) -> None:
        """A submitted response's answers, read only."""
        from gtm_pulse.tui.screens.review import ReviewScreen

        self.push_screen(ReviewScreen(message.session, read_only=True))

    def on_ended_period_draft(self, message: EndedPeriodDraft) -> None:
        """A draft for a finished period: carry on and submit late, or discard it."""
        from gtm_pulse.tui.screens.choice import ChoiceScreen

        start = message.start

        def chosen(choice: str | None) -> None:
            if choice == "late":
                self.open_survey(start)
            elif choice == "discard":
                self.store.discard_draft(start.survey_id, start.period, start.role)
                self.notify(f"Draft for {start.period} discarded.")
                if isinstance(self.screen, HomeScreen):
                    self.screen.refresh_entries()

        body = f"This draft is for {start.period}, a period that has ended."
        self.push_screen(
            ChoiceScreen("An unfinished draft", Content(body),
                         [("late", "Carry on and submit late"), ("discard", "Discard it")]),
            chosen,
        )  # fmt: skip

    async def action_quit(self) -> None:
        """Quit, saving the open page's text first (Textual awaits its own quit action too)."""
        from gtm_pulse.tui.screens.take import TakeScreen

        if isinstance(self.screen, TakeScreen):
            self.screen.save_text()
        kept = self.autosaves.kept
        message = "Draft saved: run gtm-pulse again to carry on." if kept else None
        self.exit(message=message)


def _remembers_a_remote(snapshot: Snapshot) -> bool:
    """Whether the laptop that read ``snapshot`` syncs with a remote: from the snapshot already
    read, where the sync's own check reads the whole database again (~0.6 s of a 100k-response
    one). A sync record it cannot read: True, so the sync says what is wrong, in one line."""
    try:
        return seen_in(snapshot).remote is not None
    except PulseError:
        return True

"""Home: the team, this period, what is due for whom, the way in for each VP, and the CEO's.

Each respondent has a survey entry per survey due; the CEO has one comparison entry per survey
(who has submitted it; the comparison once both VPs have, the seal and who is missing before)
and the dashboard. The cursor starts on what is due next, not on the first line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from gtm_pulse.core import roles
from gtm_pulse.core.models import Survey, Team
from gtm_pulse.core.periods import Period, period_of, today
from gtm_pulse.core.surveys import Catalog
from gtm_pulse.services.opening import Start
from gtm_pulse.services.status import SurveyStatus, build_status, questions_asked
from gtm_pulse.store.database import Store
from gtm_pulse.store.snapshot import Snapshot
from gtm_pulse.tui.literal import literal, literal_str
from gtm_pulse.tui.messages import (
    EndedPeriodDraft,
    OpenDashboard,
    OpenSurvey,
    ShowComparison,
    SyncedIn,
)
from gtm_pulse.tui.widgets.keybar import KeyBar

#: The survey the dashboard entry opens, as ``gtm-pulse dashboard`` does by default.
DASHBOARD_SURVEY = "monthly-pulse"


class Entries(OptionList):
    """The home screen's list, where Up on the first entry and Down on the last stay put.

    OptionList wraps round: Up on the first survey jumped to the last line of the list, the
    last role's 31-question quarterly survey (issue 14), and Enter there began it.
    """

    def action_cursor_up(self) -> None:
        if not self._step(-1):
            self.scroll_home(animate=False)  # the role's heading above the first entry shows

    def action_cursor_down(self) -> None:
        self._step(1)

    def _step(self, direction: int) -> bool:
        """Move to the next entry that can be chosen in ``direction``; False if there is none."""
        if self.highlighted is None:
            self.action_first()
            return self.highlighted is not None
        index = self.highlighted + direction
        while 0 <= index < self.option_count:
            if not self.get_option_at_index(index).disabled:
                self.highlighted = index
                return True
            index += direction
        return False


@dataclass(frozen=True)
class Listing:
    """What the home screen shows, built from one snapshot."""

    title: Content
    subtitle: Content
    options: list[Option]
    first: int | None
    """The entry the cursor starts on: what is due next."""
    refusals: dict[str, str]
    """Option id -> what to say instead of opening it (a sealed comparison, no dashboard yet)."""
    targets: dict[str, Callable[[], Message]]
    """Option id -> the message choosing it posts: what to open, already parsed."""


class HomeScreen(Screen[None]):
    """Pick who you are and what to open; refreshed whenever it comes back into view."""

    BINDINGS = [
        Binding("q", "app.quit", "Quit"),
        Binding("escape", "app.quit", "Quit", show=False),
    ]

    def __init__(self, store: Store, catalog: Catalog, snapshot: Snapshot | None = None) -> None:
        super().__init__()
        self.store = store
        self.catalog = catalog
        self._first = snapshot
        """The database as just read, for the first listing (later ones read it again)."""
        self._shown = False
        """Set once the screen has shown: later resumes rebuild the entries."""
        self._refusals: dict[str, str] = {}
        self._targets: dict[str, Callable[[], Message]] = {}

    def compose(self) -> ComposeResult:
        # Built here, not after mounting: the first screen is laid out and drawn once.
        listing = self._listing(self._first)
        self._first = None  # a 100k-response database is ~1 GB of objects: not kept
        self._refusals, self._targets = listing.refusals, listing.targets
        yield Static(listing.title, id="home-title")
        yield Static(listing.subtitle, id="home-subtitle", classes="dim")
        entries = Entries(*listing.options, id="home-entries")
        entries.highlighted = listing.first
        yield entries
        yield Static(
            "Enter opens the entry. Answers stay sealed until both VPs submit.",
            classes="dim",
            id="home-hint",
        )
        yield KeyBar()

    def on_screen_resume(self) -> None:
        if self._shown:  # back from a survey or a dialog: what is due may have changed
            self.refresh_entries()
        self._shown = True

    def on_synced_in(self, _: SyncedIn) -> None:
        """A sync brought the other side's answers: what is due and sealed may have changed."""
        self.refresh_entries()

    def refresh_entries(self) -> None:
        listing = self._listing()
        self._refusals, self._targets = listing.refusals, listing.targets
        self.query_one("#home-title", Static).update(listing.title)
        self.query_one("#home-subtitle", Static).update(listing.subtitle)
        entries = self.query_one("#home-entries", Entries)
        entries.clear_options()
        entries.add_options(listing.options)
        entries.highlighted = listing.first
        entries.focus()

    def _listing(self, snapshot: Snapshot | None = None) -> Listing:
        """What to show, from ``snapshot`` or else the database read now."""
        if snapshot is None:
            snapshot = self.store.load()
        team = snapshot.require_team()
        day = today()
        report = build_status(team, self.catalog.latest(), snapshot, None, day)
        title = literal(team.company) + Content(" · gtm-pulse")
        subtitle = Content(
            f"Today {day.isoformat()} · this month {period_of('monthly', day)} · "
            f"this quarter {period_of('quarterly', day)}"
        )
        options: list[Option] = []
        targets: dict[str, Callable[[], Message]] = {}
        due: list[tuple[tuple[int, int], int]] = []  # (rank, index) of what could be next
        for role in team.respondent_roles:
            options.append(_heading(role, team))
            for survey_status in report.surveys:
                option, rank = _survey_entry(snapshot, survey_status, role)
                if rank is not None:
                    due.append((rank, len(options)))
                options.append(option)
                start = Start(role, survey_status.survey.id, survey_status.period)
                targets[option.id or ""] = partial(OpenSurvey, start)
            current = {(s.survey.id, s.period) for s in report.surveys}
            for draft in snapshot.drafts:
                if draft.role != role or (draft.survey_id, draft.period) in current:
                    continue
                period = draft.period
                due.append(((1, _last_month(period)), len(options)))
                option_id = f"stale|{role}|{draft.survey_id}|{period}"
                options.append(
                    Option(
                        Content(
                            f"   Unfinished draft: {draft.survey_id} · {period} "
                            "(submit late or discard)"
                        ),
                        id=option_id,
                    )
                )
                start = Start(role, draft.survey_id, period)
                targets[option_id] = partial(EndedPeriodDraft, start)
        refusals: dict[str, str] = {}
        options.append(_heading(roles.CEO, team))
        for survey_status in report.surveys:
            option, refusal = _comparison_entry(survey_status, team)
            survey_id, period = survey_status.survey.id, survey_status.period
            targets[option.id or ""] = partial(ShowComparison, survey_id, period)
            if refusal is None:  # both VPs submitted: next once nothing is left to answer
                due.append(((3, _last_month(survey_status.period)), len(options)))
            else:
                refusals[option.id or ""] = refusal
            options.append(option)
        option, refusal = _dashboard_entry(snapshot)
        if refusal is not None:
            refusals[option.id or ""] = refusal
        targets[option.id or ""] = partial(OpenDashboard, DASHBOARD_SURVEY)
        options.append(option)
        first = min(due)[1] if due else None
        if first is None:
            first = next((n for n, option in enumerate(options) if not option.disabled), None)
        return Listing(title, subtitle, options, first, refusals, targets)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        if option_id in self._refusals:
            self.notify(self._refusals[option_id], markup=False)  # names are shown as typed
            return
        if (target := self._targets.get(option_id)) is not None:
            self.post_message(target())


def _heading(role: str, team: Team) -> Option:
    """``I am the VP of Sales: Dana Ortiz``, a line that cannot be chosen."""
    return Option(
        Content.styled(f"I am the {roles.title(role)}: ", "bold") + literal(team.members[role]),
        disabled=True,
    )


def _survey_entry(
    snapshot: Snapshot, survey_status: SurveyStatus, role: str
) -> tuple[Option, tuple[int, int] | None]:
    """``role``'s entry for one survey due, and its rank as what is due next (None once
    submitted): a draft before a survey not started, each by the end of its period."""
    state = next(s for s in survey_status.roles if s.role == role)
    survey, period = survey_status.survey, survey_status.period
    name, by = short_title(survey), f"due by the end of {period}"
    if state.response is not None:
        words, rank = f"{period} · submitted {state.response.submitted_at:%Y-%m-%d}", None
    elif state.draft_answered is not None:
        answered = f"draft: {state.draft_answered} of {state.draft_questions} answered"
        words, rank = f"{answered} · {by}", (0, _last_month(period))
    else:
        count = questions_asked(snapshot, survey, period, role)
        words, rank = f"{count} answers · {by}", (2, _last_month(period))
    return Option(Content(f"   {name} · {words}"), id=f"take|{role}|{survey.id}|{period}"), rank


def _comparison_entry(survey_status: SurveyStatus, team: Team) -> tuple[Option, str | None]:
    """The CEO's entry for one survey's comparison: which VPs have submitted it, and what to
    say instead of opening it while the seal holds (None once both have)."""
    survey, period = survey_status.survey, survey_status.period
    submitted = {s.role for s in survey_status.roles if s.submitted}
    missing = [role for role in roles.CORE_PAIR if role not in submitted]
    head = Content(f"   Compare {short_title(survey)} · {period} · ")
    option_id = f"compare|{survey.id}|{period}"
    if not missing:
        return Option(head + Content("both VPs submitted: Enter opens it"), id=option_id), None
    sealed = f"{short_title(survey)} {period} stays sealed until both VPs submit: "
    if len(missing) == 2:
        words = Content("waiting for both VPs")
        refusal = sealed + "neither " + " nor ".join(_who(r, team) for r in missing) + " has."
    else:
        (done,) = submitted & set(roles.CORE_PAIR)
        words = Content(f"waiting for {_who(missing[0], team)}")
        refusal = sealed + f"{_who(done, team)} has, {_who(missing[0], team)} has not."
    return Option(head + words, id=option_id), refusal


def _who(role: str, team: Team) -> str:
    """``Sales (Dana Ortiz)``, as ``compare`` names a side; the name shown as typed."""
    return f"{roles.function_name(role)} ({literal_str(team.members[role])})"


def _dashboard_entry(snapshot: Snapshot) -> tuple[Option, str | None]:
    """The CEO's dashboard entry, and what to say instead of opening it before any period
    is complete."""
    complete = _complete_periods(snapshot, DASHBOARD_SURVEY)
    option_id = f"dashboard|{DASHBOARD_SURVEY}"
    if not complete:
        text = "   Dashboard · opens once both VPs have submitted a monthly pulse"
        return Option(Content(text), id=option_id), (
            "The dashboard opens once both VPs have submitted the same month's pulse."
        )
    latest = max(complete)
    text = f"   Dashboard · every month both VPs submitted, latest {latest}"
    return Option(Content(text), id=option_id), None


def _complete_periods(snapshot: Snapshot, survey_id: str) -> set[str]:
    """The periods of ``survey_id`` both VPs have submitted (without loading the analysis)."""
    by_role: dict[str, set[str]] = {role: set() for role in roles.CORE_PAIR}
    for response in snapshot.responses_for(survey_id):
        by_role.get(response.role, set()).add(response.period)
    left, right = (by_role[role] for role in roles.CORE_PAIR)
    return left & right


def short_title(survey: Survey) -> str:
    """``Quarterly deep dive`` for "Quarterly Sales & Marketing deep dive": under "I am the VP
    of Sales" the two functions add nothing, and the shorter line leaves room at 80 columns
    for the count of answers and when the survey is due."""
    return survey.title.replace(" Sales & Marketing", "")


def _last_month(period: Period) -> int:
    """The months since year 0 to the end of ``period``: monthly and quarterly surveys, ranked
    by when each is due."""
    if period.cadence == "monthly":
        return period.ordinal
    return period.ordinal * 3 + 2

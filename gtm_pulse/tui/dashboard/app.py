"""The offsite dashboard: wiring only. Views, slides, the form and export live beside it.

Only the view shown first is built with the app; each other view is built, and drawn, the first
time it is shown (its key, its tab, a drill-down or the export): the nine together are ~120
widgets, and building them all made the first screen take twice as long as it needs to.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Static, TabbedContent, TabPane, Tabs

from gtm_pulse.core.roles import CORE_PAIR, function_name
from gtm_pulse.errors import OutputError, PulseError
from gtm_pulse.services.board import Board
from gtm_pulse.services.freshness import freshness_of
from gtm_pulse.tui.collector import collect_again
from gtm_pulse.tui.dashboard import words
from gtm_pulse.tui.dashboard.form import CommitmentForm, NewCommitment
from gtm_pulse.tui.dashboard.views import VIEWS, AgendaView, DrillDown, View
from gtm_pulse.tui.literal import literal_str
from gtm_pulse.tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from textual.pilot import Pilot

#: The width from which every tab shows its key and its name (``1 Overview``) with the usual
#: padding; narrower, the tabs show their names only, closer together, so all nine stay on
#: screen (at 80 columns the full labels ran past the edge and hid Perceptions and Team).
WIDE = sum(len(f"{n} {view.title}") + 2 for n, view in enumerate(VIEWS, start=1))


class DashboardApp(App[None]):
    """The CEO's screen at the offsite: nine views of one period, paged through the periods."""

    CSS_PATH = "dashboard.tcss"
    ALLOW_IN_MAXIMIZED_VIEW = "KeyBar"  # the key bar stays when a widget is maximised
    TITLE = "gtm-pulse dashboard"
    BINDINGS = [
        # One entry in the key bar for the nine: a narrow screen's tabs do not show their keys.
        Binding("1", f"view('{VIEWS[0].name}')", "Views", key_display="1-9"),
        *(
            Binding(str(n), f"view('{view.name}')", view.title, show=False)
            for n, view in enumerate(VIEWS[1:], start=2)
        ),
        Binding("left_square_bracket", "period(-1)", "Earlier"),
        Binding("right_square_bracket", "period(1)", "Later"),
        Binding("p", "present", "Present"),
        Binding("a", "add_commitment", "Commit"),
        Binding("d", "toggle_done", "Done"),
        Binding("e", "export", "Export"),
        Binding("escape", "unfocus_dimension", "All items", show=False),
        Binding("q", "quit", "Quit"),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(self, board: Board, export_to: Path | None = None) -> None:
        super().__init__()
        self.board = board
        self.export_to = export_to
        """Where the ``e`` key exports (default: a folder named for the period, here)."""
        self._narrow: bool | None = None
        """Whether the tabs are labelled for a narrow screen (None before they are made)."""

    def compose(self) -> ComposeResult:
        # Labelled for the screen's width from the start: relabelling nine tabs and restyling
        # every widget for the class -narrow once they are up cost the first screen ~10 ms.
        narrow = self._narrow = self.size.width < WIDE
        self.set_class(narrow, "-narrow")
        yield Static(id="dash-header")
        with TabbedContent(id="views"):
            for number, view in enumerate(VIEWS, start=1):
                with TabPane(_tab_label(number, view, narrow=narrow), id=view.name):
                    if number == 1:  # the view shown first; the others in build_view
                        yield view(id=f"view-{view.name}")
        yield KeyBar()

    def on_mount(self) -> None:
        self.call_after_refresh(collect_again, self)  # run_dashboard stopped the collector
        self.redraw()

    def on_resize(self, event: events.Resize) -> None:
        self._fit_tabs(event.size.width)

    def _fit_tabs(self, width: int) -> None:
        """Label the tabs for ``width``, and say (class ``-narrow``) whether it is narrow: the
        views that lay out side by side when wide stack then (see ``dashboard.tcss``)."""
        narrow = width < WIDE
        if narrow == self._narrow:
            return
        self._narrow = narrow
        self.set_class(narrow, "-narrow")
        tabbed = self.query_one(TabbedContent)
        for number, view in enumerate(VIEWS, start=1):
            tabbed.get_tab(view.name).label = _tab_label(number, view, narrow=narrow)

    @property
    def active_view(self) -> str:
        return self.query_one(TabbedContent).active

    async def build_view(self, name: str) -> View:
        """View ``name``, built and drawn for the board's period the first time it is asked
        for (:meth:`redraw` keeps it drawn from then on)."""
        pane = self.query_one(f"#{name}", TabPane)
        built = pane.query_children(View)
        if built:
            return built.first()
        view = next(v for v in VIEWS if v.name == name)(id=f"view-{name}")
        await pane.mount(view)
        view.show(self.board)
        return view

    async def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        """A tab chosen with the mouse (or the keys of the tab bar): its view, built."""
        if event.pane.id is not None:
            await self.build_view(event.pane.id)

    def redraw(self) -> None:
        """Draw every view built so far for the board's period (after paging, drilling or a
        commitment); the others are drawn when they are built."""
        board = self.board
        review = board.review
        position = f"{board.index + 1} of {len(board.periods)}"
        current = review.current
        assert current is not None  # the board pages through complete periods only
        # The figures first: on a narrow screen the header is cut at the end, not the start.
        pair = (
            "" if board.pair == CORE_PAIR else " · " + " and ".join(map(function_name, board.pair))
        )
        # The seal broken on request: every report says so, before what a narrow screen cuts.
        early = f" · {review.opened_early_words}" if review.opened_early_words else ""
        fresh = freshness_of(board.snapshot)  # a laptop that syncs: as of when (else nothing)
        synced = f" · {fresh.short()}" if fresh is not None else ""
        header = (
            f"{review.period} ({position}) · alignment {words.alignment(current)} · "
            f"health {words.health(current)}{pair}{early} · {literal_str(review.company)} · "
            f"{review.survey.title}{synced}"
        )
        self.query_one("#dash-header", Static).update(Content(header))
        for view in self.query(View):
            view.show(board)

    # -- actions ------------------------------------------------------------------------------

    async def action_view(self, name: str) -> None:
        """Show view ``name`` (built if it is shown for the first time) and put the keyboard in
        its table (if it has one), so arrows and Enter act on the rows at once."""
        view = await self.build_view(name)
        tabbed = self.query_one(TabbedContent)
        tabbed.active = name
        tables = view.query(DataTable)
        # Focus must leave the previous view too: TabbedContent shows the pane holding focus.
        (tables.first() if tables else tabbed.query_one(Tabs)).focus()

    def action_period(self, delta: int) -> None:
        if not self.board.step(delta):
            where = "earlier" if delta < 0 else "later"
            self.notify(f"No {where} period both VPs submitted.", severity="warning")
            return
        self.redraw()

    async def on_drill_down(self, message: DrillDown) -> None:
        self.board.focus = message.dimension_id
        self.redraw()
        await self.action_view("items")

    def action_unfocus_dimension(self) -> None:
        if self.board.focus is not None:
            self.board.focus = None
            self.redraw()

    def action_present(self) -> None:
        from gtm_pulse.tui.dashboard.presentation import PresentationScreen

        self.push_screen(PresentationScreen(self.board))

    def action_add_commitment(self) -> None:
        team = self.board.snapshot.require_team()
        due = str(self.board.period.next())

        async def save(new: NewCommitment | None) -> None:
            if new is None:
                return
            try:
                made = self.board.store.add_commitment(
                    new.text, new.owner, new.due, agreed_in=self.board.period
                )
            except PulseError as error:
                self.notify(str(error), severity="error", markup=False)
                return
            self.board.reload()
            self.redraw()
            await self.action_view("agenda")
            self.query_one(AgendaView).select_commitment(made.number)
            self.notify(f"Recorded commitment #{made.number}.", markup=False)

        self.push_screen(CommitmentForm(list(team.members), due, self.board.period), save)

    async def action_toggle_done(self) -> None:
        agenda = await self.build_view("agenda")
        assert isinstance(agenda, AgendaView)
        number = agenda.selected_commitment()
        if number is None or self.focused is not agenda.commitments_table:
            # d acts only on a commitment the user can see selected, never on a hidden cursor.
            await self.action_view("agenda")
            agenda.commitments_table.focus()
            self.notify("Pick a commitment with ↑ ↓, then press d.")
            return
        commitment = self.board.snapshot.commitment(number)
        done = not (commitment is not None and commitment.done)
        try:
            self.board.store.set_commitment_done(number, done=done)
        except PulseError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.board.reload()
        self.redraw()
        self.notify(f"Commitment #{number} is {'done' if done else 'open again'}.")

    def action_export(self) -> None:
        folder = (
            self.export_to or Path.cwd() / f"gtm-pulse-{self.board.survey.id}-{self.board.period}"
        )

        async def export() -> None:
            from gtm_pulse.tui.dashboard.export import export_all

            try:
                written = await export_all(self, folder)
            except (OSError, PulseError) as error:  # PulseError: a file it must not replace
                self.notify(f"Export failed: {error}", severity="error", markup=False)
                return
            self.notify(f"Exported {len(written)} files to {folder}", markup=False)

        self.run_worker(export(), exclusive=True)


def _tab_label(number: int, view: type[View], *, narrow: bool) -> Content:
    """``Overview`` on a narrow screen, ``1 Overview`` on a wide one (plain text, no markup)."""
    return Content(view.title if narrow else f"{number} {view.title}")


def export_headless(board: Board, folder: Path) -> list[Path]:
    """Run the dashboard without a terminal just long enough to export it into ``folder``."""
    from gtm_pulse.tui.dashboard.export import EXPORT_SIZE, export_all

    app = DashboardApp(board)
    written: list[Path] = []
    failed: list[OSError | PulseError] = []

    async def export(pilot: Pilot[object]) -> None:
        await pilot.pause()
        try:
            written.extend(await export_all(app, folder))
        except (OSError, PulseError) as error:  # reported by the caller, once the app stopped
            failed.append(error)
        app.exit()

    app.run(headless=True, size=EXPORT_SIZE, auto_pilot=export)
    if failed:
        error = failed[0]
        if isinstance(error, PulseError):  # a file the export must not replace: its own words
            raise error
        raise OutputError(f"cannot export to {folder}: {error.strerror or error}")
    return written

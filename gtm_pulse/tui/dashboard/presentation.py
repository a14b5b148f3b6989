"""Presentation mode: one chart per screen in large type, paged like slides, for a projector.

Each slide uses its screen: the headline is the verdict (both indices, how they moved, the
quadrant, the top of the agenda); the gap slide names every bar. A statement is named by its
label and quoted with the answers as given (see :mod:`.words`).
"""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Digits, Static

from gtm_pulse.core.commitments import describe
from gtm_pulse.core.figures import shown
from gtm_pulse.report.common import follow_up_answers
from gtm_pulse.report.perceived import signed
from gtm_pulse.services.board import Board
from gtm_pulse.services.comparing import Review
from gtm_pulse.tui.dashboard import plots, words
from gtm_pulse.tui.dashboard.chart import Chart, TextChart
from gtm_pulse.tui.literal import literal_str

#: Slide ids, in the order they are shown.
SLIDES = (
    "headline", "dimensions", "gaps", "trend", "readings", "flags", "agenda", "commitments",
)  # fmt: skip

#: How many agenda items and flags a slide holds: more would not read from the back of a room.
SHOWN_ON_A_SLIDE = 5

#: How many agenda items the headline names under the verdict (on a short screen).
ON_THE_HEADLINE = 3

#: From this many rows the headline has room for the whole agenda.
TALL = 34


class PresentationScreen(Screen[None]):
    """The review of the board's period as slides; Escape goes back to the dashboard."""

    BINDINGS: ClassVar = [
        Binding("right,space,pagedown,n", "page(1)", "Next"),
        Binding("left,pageup,backspace", "page(-1)", "Previous"),
        Binding("escape,p", "app.pop_screen", "Leave"),
    ]

    def __init__(self, board: Board, start: int = 0) -> None:
        super().__init__()
        self.board = board
        self.index = start

    def compose(self) -> ComposeResult:
        review = self.board.review
        current = review.current
        assert current is not None
        company = literal_str(review.company)
        history = review.history
        with ContentSwitcher(initial=SLIDES[self.index], id="slides"):
            with Vertical(id="headline", classes="slide"):
                yield Static(Content(f"{company} · {review.survey.title}"), classes="slide-title")
                yield Static(Content(review.period), classes="slide-subtitle")
                with Horizontal(id="headline-figures"):
                    for measure, figure in (
                        ("alignment", words.alignment(current)),
                        ("health", words.health(current)),
                    ):
                        with Vertical():
                            yield Static(measure.title(), classes="figure-label")
                            yield Digits(figure)
                            moved = words.since(history, measure)
                            yield Static(Content(moved or "first period"), classes="change")
                yield Static(Content(current.quadrant.upper()), classes="slide-quadrant")
                yield Static(id="headline-agenda", classes="slide-text")
            with Vertical(id="dimensions", classes="slide"):
                yield Static("Where each side stands", classes="slide-title")
                yield Static(plots.inline_side_legend(review.pair), classes="slide-legend")
                yield Chart(id="slide-dimensions")
            with Vertical(id="gaps", classes="slide"):
                yield Static("Where they diverge", classes="slide-title")
                yield TextChart(id="slide-gaps")
            with Vertical(id="trend", classes="slide"):
                yield Static("Is it getting better?", classes="slide-title")
                yield Static(plots.index_legend(history, inline=True), classes="slide-legend")
                yield Chart(id="slide-trend")
            with Vertical(id="readings", classes="slide"):
                yield Static("Do they read each other?", classes="slide-title")
                with Horizontal(id="slide-readings-top"):
                    yield Chart(id="slide-readings")
                    yield Static(id="slide-readings-key", classes="legend")
                yield Static(id="slide-readings-legend", classes="slide-subtitle")
            with Vertical(id="flags", classes="slide"):
                yield Static(f"Flags ({len(current.flags)})", classes="slide-title")
                yield Static(id="slide-flags", classes="slide-text")
            with Vertical(id="agenda", classes="slide"):
                yield Static("Talk about these first", classes="slide-title")
                yield Static(id="slide-agenda", classes="slide-text")
            with Vertical(id="commitments", classes="slide"):
                yield Static("What we agreed, and did", classes="slide-title")
                yield Static(id="slide-commitments", classes="slide-text")
        yield Static(id="slide-footer")

    def on_mount(self) -> None:
        review = self.board.review
        current = review.current
        assert current is not None
        items = self.board.items()
        self.query_one("#slide-dimensions", Chart).paint(
            partial(plots.dimension_bars, comparison=current)
        )
        self.query_one("#slide-gaps", TextChart).paint(
            partial(plots.gap_rows, items, review.survey, review.pair)
        )
        self.query_one("#slide-trend", Chart).paint(
            partial(plots.index_lines, history=review.history)
        )
        perceived = review.perceptions
        assert perceived is not None
        self.query_one("#slide-readings", Chart).paint(
            partial(plots.misreading_bars, perceived=perceived, survey=review.survey)
        )
        statements = dict.fromkeys(r.question_id for r in perceived.readings)
        self.query_one("#slide-readings-key", Static).update(
            plots.side_legend(
                perceived.pair, "Guessed", [review.survey.label(q) for q in statements]
            )
        )
        self.query_one("#slide-readings-legend", Static).update(Content(_reading_legend(review)))
        flags = [f"• {words.flag(f)}" for f in current.flags[:SHOWN_ON_A_SLIDE]]
        hidden = len(current.flags) - SHOWN_ON_A_SLIDE
        if hidden > 0:
            flags.append(f"… and {hidden} more (the dashboard's Overview lists them all)")
        self.query_one("#slide-flags", Static).update(
            Content("\n\n".join(flags or ["No flags this period."]))
        )
        agenda = [
            f"{rank}. {words.agenda_head(current, item)}\n   {words.agenda_said(current, item)}"
            for rank, item in enumerate(review.agenda[:SHOWN_ON_A_SLIDE], start=1)
        ]
        alike = "The two sides answered every statement alike."
        self.query_one("#slide-agenda", Static).update(Content("\n\n".join(agenda or [alike])))
        commitments = []
        for tracked in review.commitments:
            latest = tracked.latest()
            said = (
                ", ".join(follow_up_answers(latest[1], review.pair)) if latest else "not asked yet"
            )
            state = "done" if tracked.commitment.done else "open"
            commitments.append(f"{describe(tracked.commitment)} · {state} · {said}")
        self.query_one("#slide-commitments", Static).update(
            Content("\n\n".join(literal_str(c) for c in commitments) or "No commitments yet.")
        )
        self.show_footer()
        self._fit_headline(self.size.height)

    def on_resize(self, event: events.Resize) -> None:
        self._fit_headline(event.size.height)

    def _fit_headline(self, height: int) -> None:
        """Name as many agenda items under the verdict as the screen holds: the top three at
        24 rows, all five (a line apart) on a taller screen."""
        review = self.board.review
        current = review.current
        assert current is not None
        tall = height >= TALL
        top = [
            f"{rank}. {current.survey.label(item.question_id)} "
            f"({words.KIND_WORDS.get(item.kind, item.kind)})\n"
            f"   {words.agenda_quote(current, item)}"
            for rank, item in enumerate(
                review.agenda[: SHOWN_ON_A_SLIDE if tall else ON_THE_HEADLINE], start=1
            )
        ]
        heading = "Talk about these first:" + ("\n" if tall else "")
        shown_top = ("\n\n" if tall else "\n").join(top)
        self.query_one("#headline-agenda", Static).update(
            Content(
                f"{heading}\n{shown_top}"
                if top
                else "The two sides answered every statement alike."
            )
        )

    def show_footer(self) -> None:
        self.query_one("#slide-footer", Static).update(
            Content(
                f"{self.board.review.period} · slide {self.index + 1} of {len(SLIDES)} · "
                "→ next  ← previous  Esc back to the dashboard"
            )
        )

    def action_page(self, delta: int) -> None:
        self.index = max(0, min(len(SLIDES) - 1, self.index + delta))
        self.query_one(ContentSwitcher).current = SLIDES[self.index]
        self.show_footer()


def _reading_legend(review: Review) -> str:
    """``Understanding 69/100 · blame asymmetry +2.5``."""
    perceived = review.perceptions
    assert perceived is not None
    if perceived.understanding is None:
        return "No guesses at the other side's answers this period."
    parts = [f"Understanding {shown(perceived.understanding)}/100"]
    if perceived.blame_asymmetry is not None:
        parts.append(f"blame asymmetry {signed(perceived.blame_asymmetry)}")
    return " · ".join(parts)

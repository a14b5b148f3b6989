"""How each VP reads the other, where each blames the other, and the numbers beside."""

from __future__ import annotations

from functools import partial

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Static

from gtm_pulse.core import roles, wording
from gtm_pulse.core.figures import shown
from gtm_pulse.core.metrics import sentence
from gtm_pulse.core.perceptions import Perceptions
from gtm_pulse.report.perceived import blame_words, signed
from gtm_pulse.services.board import Board
from gtm_pulse.tui.dashboard import plots
from gtm_pulse.tui.dashboard.chart import Chart
from gtm_pulse.tui.dashboard.views.base import View
from gtm_pulse.tui.literal import literal_text


class PerceptionsView(View):
    """How each VP reads the other, where each blames the other, and the numbers beside."""

    name, title = "perceptions", "Perceptions"

    def compose(self) -> ComposeResult:
        with Horizontal(id="perceptions-top"):
            yield Static(id="perceptions-figures")
            yield Chart(id="perceptions-plot")
            yield Static(id="perceptions-legend", classes="legend")
        with Horizontal(id="perceptions-bottom"):
            yield DataTable(id="readings-table", cursor_type="row")
            with VerticalScroll(id="perceptions-side"):
                yield Static(id="perceptions-text")

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(
            "#", "Statement", "Guessed by", "Guess", "Answer", "Off by"
        )

    def show(self, board: Board) -> None:
        review = board.review
        current = review.current
        perceived = review.perceptions
        assert current is not None and perceived is not None
        survey = current.survey
        points = survey.scale.points
        self.query_one("#perceptions-figures", Static).update(Content(_figures(perceived)))
        self.query_one("#perceptions-plot", Chart).paint(
            partial(plots.misreading_bars, perceived=perceived, survey=survey)
        )
        self.query_one("#perceptions-legend", Static).update(
            plots.side_legend(perceived.pair, "Guessed")
        )
        table = self.query_one(DataTable)
        table.clear()
        statements = dict.fromkeys(r.question_id for r in perceived.readings)
        numbers = {question_id: n for n, question_id in enumerate(statements, start=1)}
        misread = survey.thresholds.misread
        for reading in perceived.readings:
            question = survey.question(reading.question_id)
            assert question is not None  # a reading is of a statement the survey asks
            off = abs(reading.misreading)
            # The guess and the answer as given, beside the label (scores are flipped for a
            # reverse statement); how far off is a distance, the same either way.
            table.add_row(
                str(numbers[reading.question_id]), literal_text(survey.label(reading.question_id)),
                roles.function_name(reading.by),
                str(wording.given(question, reading.guess, points)),
                str(wording.given(question, reading.actual, points)),
                f"{off:g}" + (" !" if off >= misread else ""),
            )  # fmt: skip
        if not perceived.readings:
            table.add_row("", "No guesses this period.", "", "", "", "")
        lines = []
        if perceived.blame:
            lines.append("Blame on mirror pairs (own function minus the other's rating)")
            for blame in perceived.blame:
                lines.append(f"\n{blame.name}: asymmetry {signed(blame.asymmetry)}")
                for said in blame_words(current, [blame]):
                    lines.append(f"  {said}")
        if review.metrics:
            lines.append("\nNumbers beside perceptions")
            lines += [f"{seen.arrow} {sentence(current, seen)}" for seen in review.metrics]
        self.query_one("#perceptions-text", Static).update(
            Content("\n".join(lines) or "No mirror pairs or metrics this period.")
        )


def _figures(perceived: Perceptions) -> str:
    """The understanding and blame figures, each with both sides'."""
    lines = ["Understanding"]
    if perceived.understanding is None:
        lines.append("no guesses")
    else:
        lines.append(f"{shown(perceived.understanding)}/100")
        lines += [f"  {roles.function_name(r)} {shown(v)}" for r, v in perceived.by_side.items()]
    lines += ["", "Blame asymmetry"]
    if perceived.blame_asymmetry is None:
        lines.append("no mirror pairs")
    else:
        lines.append(f"{signed(perceived.blame_asymmetry)} (0: none)")
        lines += [
            f"  {roles.function_name(r)} {signed(v)}" for r, v in perceived.self_favour.items()
        ]
    spots = len(perceived.blind_spots)
    lines += ["", f"Blind spots: {spots}", "(2+ off: ! in the table)" if spots else ""]
    return "\n".join(lines).rstrip()

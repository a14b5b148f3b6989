"""The offsite dashboard under Pilot, on the demo data: keys only, as at the offsite."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from textual.widgets import DataTable, Input, Static, TabbedContent

from gtm_pulse.core.figures import shown
from gtm_pulse.report import render
from gtm_pulse.services.board import Board
from gtm_pulse.store.database import Store
from gtm_pulse.store.survey_files import load_catalog
from gtm_pulse.tui.dashboard.app import DashboardApp
from gtm_pulse.tui.dashboard.form import CommitmentForm
from gtm_pulse.tui.dashboard.presentation import PresentationScreen
from gtm_pulse.tui.dashboard.views import VIEWS
from tests.helpers import scored, submit_pair
from tests.tui.dashboard_data import DAY, dashboard, demo_store
from tests.tui.driving import screen_text

SIZE = (120, 36)

#: The two screens the dashboard is laid out for: a laptop's terminal and a projector's.
NARROW, WIDE = (80, 24), (120, 40)


@pytest.fixture
def demo(tmp_path: Path) -> Store:
    return demo_store(tmp_path)


def active(app) -> str:
    return app.query_one(TabbedContent).active


def screen_lines(app) -> list[str]:
    """The screen as it shows now, line by line (what a person reads, without styles)."""
    import io

    from rich.console import Console

    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True)
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text().splitlines()


def chart_lines(app, selector: str) -> list[str]:
    """The lines a chart widget draws at its size now (its plotext figure, built afresh)."""
    return app.screen.query_one(selector).render().plain.splitlines()


def y_ticks(lines: list[str]) -> list[str]:
    """The y axis's tick labels of a plotext chart, top to bottom."""
    return [
        line.split("┤")[0].split("├")[0].strip() for line in lines if "┤" in line or "├" in line
    ]


def notices(app) -> list[str]:
    """The notifications shown so far, newest last."""
    return [notice.message for notice in app._notifications]


async def test_number_keys_switch_views(demo: Store) -> None:
    app = dashboard(demo)
    async with app.run_test(size=SIZE) as pilot:
        assert active(app) == "overview"
        for key, view in (("2", "dimensions"), ("4", "trend"), ("7", "agenda"), ("1", "overview")):
            await pilot.press(key)
            await pilot.pause()
            assert active(app) == view
        assert "Flags (0)" in screen_text(app)


async def test_brackets_page_through_the_periods(demo: Store) -> None:
    app = dashboard(demo)
    async with app.run_test(size=SIZE) as pilot:
        assert "2026-11 (12 of 12) · alignment 96" in screen_text(app)
        for _ in range(6):
            await pilot.press("left_square_bracket")  # one period earlier, six times
        await pilot.pause()
        assert "2026-05 (6 of 12) · alignment 47" in screen_text(app)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "2026-06 (7 of 12)" in screen_text(app)
        for _ in range(8):  # past the last page: stays on it and says so
            await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "2026-11 (12 of 12)" in screen_text(app)
        assert notices(app)[-1] == "No later period both VPs submitted."


async def test_enter_on_a_dimension_drills_into_its_items(demo: Store) -> None:
    app = dashboard(demo, "2026-05")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")  # Dimensions, its table focused
        await pilot.press("down", "enter")  # the second dimension: Shared goals
        await pilot.pause()
        assert active(app) == "items"
        table = app.query_one("#items-table", DataTable)
        assert table.row_count == 3
        filter_text = str(app.query_one("#items-filter", Static).render())
        assert filter_text.endswith("Shared goals only · Escape: every statement")
        await pilot.press("escape")
        await pilot.pause()
        assert table.row_count == 17


async def test_adding_a_commitment_stores_it_for_the_next_pulse(demo: Store) -> None:
    app = dashboard(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7", "a")
        await pilot.pause()
        assert isinstance(app.screen, CommitmentForm)
        await pilot.press(*"Share [win] stories weekly")
        await pilot.press("tab", "tab")  # past the owner (VP of Sales) to the due period
        due = app.screen.query_one("#form-due", Input)
        assert due.value == "2026-12"  # the period after the one reviewed
        await pilot.press("enter")
        await pilot.pause()
        assert active(app) == "agenda"
        assert notices(app) == ["Recorded commitment #5."]
    made = demo.load().commitment(5)
    assert (made.text, made.owner, made.due, made.agreed_in) == (
        "Share [win] stories weekly", "sales", "2026-12", "2026-11"
    )  # fmt: skip


async def test_a_commitment_without_text_is_refused_in_the_form(demo: Store) -> None:
    app = dashboard(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CommitmentForm)
        assert "Say what will happen." in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
    assert len(demo.load().commitments) == 4


async def test_d_marks_the_selected_commitment_done_and_again_open(demo: Store) -> None:
    app = dashboard(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7", "d")  # not on a commitment yet: moves there, changes nothing
        await pilot.pause()
        assert [c.done for c in demo.load().commitments] == [True, True, True, False]
        await pilot.press("down", "down", "down", "d")  # #4, the open one
        await pilot.pause()
        assert demo.load().commitment(4).done
        assert notices(app)[-1] == "Commitment #4 is done."
        await pilot.press("d")
        await pilot.pause()
        assert not demo.load().commitment(4).done


async def test_presentation_mode_pages_like_slides(demo: Store) -> None:
    app = dashboard(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PresentationScreen)
        assert "slide 1 of 8" in screen_text(app)
        await pilot.press("right", "space", "pagedown")
        await pilot.pause()
        assert "slide 4 of 8" in screen_text(app) and "Is it getting better?" in screen_text(app)
        await pilot.press("left")
        await pilot.pause()
        assert "slide 3 of 8" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, PresentationScreen)


async def test_e_exports_every_view_and_slide_and_the_agenda(demo: Store, tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    app = dashboard(demo, export_to=folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert active(app) == "items"  # back where the user was
    svgs = sorted(p.name for p in folder.glob("*.svg"))
    assert len(svgs) == 17 and svgs[0] == "01-overview.svg"
    for name in svgs:
        ElementTree.parse(folder / name)  # well-formed SVG
    assert (folder / "agenda.md").read_text().startswith("# Offsite agenda: Northwind Analytics")


async def test_hostile_comments_show_literally_and_run_nothing(store: Store, monthly) -> None:
    text = "[@click=app.quit] [bold]x[/] \x1b[2J\u202eevil"
    sales = scored(monthly, 4) | {"_comments": {"respect": text}, "frictions-start-stop": text}
    submit_pair(store, monthly, "2026-11", sales, scored(monthly, 2))
    app = dashboard(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6")
        await pilot.pause()
        assert "[@click=app.quit] [bold]x[/] \\x1b[2J\\u202eevil" in screen_text(app)
        await pilot.click("#comments-text")  # a click on the text runs no action
        await pilot.pause()
        assert app.is_running


async def test_the_perceptions_view_reads_guesses_blame_and_metrics(demo: Store) -> None:
    app = dashboard(demo, "2026-05")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("8")
        await pilot.pause()
        assert active(app) == "perceptions"
        table = app.query_one("#readings-table", DataTable)
        assert table.row_count == 8  # four statements, each guessed by both VPs
        text = screen_text(app)
        review = app.board.review
        understanding = f"{shown(review.perceptions.understanding)}/100"
        assert understanding in text and "Blame asymmetry" in text
        assert "Lead hand-off: asymmetry" in text
        await pilot.press("right_square_bracket")  # the next period redraws the view
        await pilot.pause()
        assert app.board.period == "2026-06"
        later = f"{shown(app.board.review.perceptions.understanding)}/100"
        assert later in screen_text(app)


async def test_the_team_view_shows_every_pair_of_roles(demo: Store) -> None:
    app = dashboard(demo, "2026-05")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("9")
        await pilot.pause()
        assert active(app) == "team"
        text = screen_text(app)
        matrix = app.board.review.matrix
        assert matrix is not None and matrix.roles == ["sales", "marketing", "revops"]
        low = matrix.alignment("sales", "marketing")
        assert f"Least aligned: Sales and Marketing ({shown(low)})" in text
        assert "RevOps" in text and "Alignment of each pair over time" in text


async def test_follow_ups_read_as_in_the_reports_on_the_agenda_and_the_slide(demo: Store) -> None:
    app = dashboard(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7")
        await pilot.pause()
        table = app.query_one("#commitments-table", DataTable)
        cells = [str(table.get_row_at(row)[4]) for row in range(table.row_count)]
        said = [cell for cell in cells if cell != "not asked yet"]
        assert said  # the demo asks about its commitments after the offsite
        markdown = render(app.board.review, "markdown", 100)
        for cell in said:
            assert re.fullmatch(r"\d{4}-\d{2} Sales: \w+, Marketing: \w+", cell), cell
            assert cell in markdown  # the Markdown report's words, period first
        await pilot.press("p")
        await pilot.pause()
        slide = str(app.screen.query_one("#slide-commitments", Static).render())
        for cell in said:
            assert cell.split(" ", 1)[1] in slide


async def test_another_pair_is_shown_in_every_view(demo: Store) -> None:
    board = Board(demo, load_catalog(), "monthly-pulse", DAY, pair=("revops", "sales"))
    app = DashboardApp(board)

    def headings(table: str) -> list[str]:
        return [str(c.label) for c in app.query_one(table, DataTable).columns.values()]

    async with app.run_test(size=SIZE) as pilot:
        for key in "123456789":  # every view draws the pair
            await pilot.press(key)
            await pilot.pause()
        assert headings("#dimensions-table") == ["#", "Dimension", "RevOps", "Sales", "|gap|"]
        assert headings("#items-table")[2:4] == ["RevOps", "Sales"]
        assert headings("#frictions-table")[2:] == ["RevOps", "Sales"]
        header = str(app.query_one("#dash-header", Static).render())
        assert (
            header.startswith("2026-11 (12 of 12) · alignment ")
            and " · RevOps and Sales · " in header
        )


async def test_the_team_view_says_what_a_matrix_waits_for(store: Store, monthly) -> None:
    submit_pair(store, monthly, "2026-10", scored(monthly, 4), scored(monthly, 3))
    app = dashboard(store)  # the team has a RevOps lead, who has not answered 2026-10
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("9")
        await pilot.pause()
        note = str(app.query_one("#team-note", Static).render())
        assert note == "The matrix shows once a third role has answered the period."


async def test_a_due_date_before_the_review_keeps_the_form_open_with_its_text(demo: Store) -> None:
    app = dashboard(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7", "a")
        await pilot.pause()
        await pilot.press(*"Share win stories weekly", "tab", "tab")
        due = app.screen.query_one("#form-due", Input)
        due.value = "2026-09"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CommitmentForm)  # still open, nothing lost
        assert app.screen.query_one("#form-text", Input).value == "Share win stories weekly"
        error = str(app.screen.query_one("#form-error", Static).render())
        assert error == "Due: 2026-09 ends before 2026-11, the period it was agreed in"
    assert len(demo.load().commitments) == 4


# -- issue 13: the dashboard at 80x24 and 120x40 ------------------------------------------------


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "120x40"])
async def test_every_tab_is_on_screen_and_reachable(demo: Store, size) -> None:
    app = dashboard(demo, "2026-05")
    async with app.run_test(size=size) as pilot:
        tabbed = app.query_one(TabbedContent)
        for view in VIEWS:
            tab = tabbed.get_tab(view.name)
            assert tab.region.right <= size[0], f"{view.title} ends past the screen's edge"
            assert view.title in str(tab.label)
        await pilot.press("9")
        await pilot.pause()
        assert active(app) == "team"
        lines = screen_lines(app)
        assert "Overview" in lines[1] and "Perceptions" in lines[1] and "Team" in lines[1]


async def test_a_wide_screen_numbers_the_tabs(demo: Store) -> None:
    app = dashboard(demo, "2026-05")
    async with app.run_test(size=WIDE):
        assert "1 Overview" in screen_lines(app)[1] and "9 Team" in screen_lines(app)[1]


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "120x40"])
async def test_the_items_chart_has_a_row_for_every_gap_from_minus_4_to_plus_4(
    demo: Store, size
) -> None:
    app = dashboard(demo, "2026-05")
    async with app.run_test(size=size) as pilot:
        await pilot.press("3")
        await pilot.pause()
        lines = chart_lines(app, "#items-plot")
        ticks = [t for t in y_ticks(lines) if t]
        assert ticks == ["4", "3", "2", "1", "0", "-1", "-2", "-3", "-4"]
        # The largest gap (+3) reaches the +3 row and not the +4 one: the bars are at scale.
        row = {y_ticks([line])[0]: line for line in lines if "┤" in line}
        assert "█" in row["3"] and "█" not in row["4"]


async def test_the_items_legend_is_beside_the_chart_not_over_its_bars(demo: Store) -> None:
    app = dashboard(demo, "2026-05")
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("3")
        await pilot.pause()
        assert not any("Sales" in line for line in chart_lines(app, "#items-plot"))
        legend = str(app.query_one("#items-legend", Static).render())
        assert "Sales" in legend and "Marketing" in legend


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "120x40"])
async def test_the_dimensions_chart_names_every_dimension_on_a_1_to_5_axis(
    demo: Store, size
) -> None:
    app = dashboard(demo, "2026-05")
    async with app.run_test(size=size) as pilot:
        await pilot.press("2")
        await pilot.pause()
        lines = chart_lines(app, "#dimensions-plot")
        for name in ("Respect & trust", "Shared goals", "Strategy clarity", "Frictions"):
            assert any(name in line for line in lines), name
        ticks = [t for t in y_ticks(lines) if t]
        assert ticks == ["5", "4", "3", "2", "1"]


async def test_the_agenda_at_80x24_keeps_its_gap_and_state_columns(demo: Store) -> None:
    app = dashboard(demo, "2026-05")
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("7")
        await pilot.pause()
        lines = screen_lines(app)
        agenda_head = next(line for line in lines if "Kind" in line)
        assert all(word in agenda_head for word in ("Gap", "Grew", "Statement"))
        commitments_head = next(line for line in lines if "Commitment" in line and "#" in line)
        assert "State" in commitments_head and "Due" in commitments_head
        assert app.query_one("#agenda-table", DataTable).row_count <= 5
        assert "shared problem" in "\n".join(lines)


async def test_perceptions_at_80x24_show_each_statement_by_its_label(demo: Store) -> None:
    app = dashboard(demo, "2026-05")
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("8")
        await pilot.pause()
        text = "\n".join(screen_lines(app))
        survey = app.board.review.survey
        for reading in app.board.review.perceptions.readings[:6]:  # the rows on screen
            assert survey.label(reading.question_id) in text


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "120x40"])
async def test_the_gap_slide_labels_every_bar_on_the_full_scale(demo: Store, size) -> None:
    app = dashboard(demo, "2026-05")
    async with app.run_test(size=size) as pilot:
        await pilot.press("p", "right", "right")
        await pilot.pause()
        lines = screen_lines(app)
        survey = app.board.review.survey
        for item in app.board.items():
            row = next(line for line in lines if survey.label(item.question_id) in line)
            assert row.rstrip().endswith(f"{item.gap:+.0f}")  # the bar, then its value
        axis = next(line for line in lines if "+4" in line)
        assert axis.split() == ["-4", "-3", "-2", "-1", "0", "+1", "+2", "+3", "+4"]


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "120x40"])
async def test_the_headline_slide_is_the_verdict(demo: Store, size) -> None:
    app = dashboard(demo, "2026-05")
    async with app.run_test(size=size) as pilot:
        await pilot.press("p")
        await pilot.pause()
        text = "\n".join(screen_lines(app))
        review = app.board.review
        assert "DIVERGENT AND STRUGGLING" in text
        assert "-9 since 2026-04" in text and "-4 since 2026-04" in text  # the demo's low point
        for item in review.agenda[:3]:
            assert review.survey.label(item.question_id) in text
        used = [n for n, line in enumerate(screen_lines(app)[:-1]) if line.strip()]
        assert used[-1] - used[0] >= size[1] * 0.6  # it uses its screen


async def test_exported_svgs_load_nothing_from_the_network(demo: Store, tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    app = dashboard(demo, "2026-05", export_to=folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await app.workers.wait_for_complete()
        await pilot.pause()
    svgs = sorted(folder.glob("*.svg"))
    assert len(svgs) == 17
    for path in svgs:
        svg = path.read_text()
        ElementTree.fromstring(svg)  # still well-formed
        # The namespace names SVG; it is not fetched. Anything else would be.
        rest = svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
        assert "http" not in rest and "url(" not in rest, path.name
        assert '"DejaVu Sans Mono"' in svg


async def test_a_reverse_statement_is_quoted_as_each_side_answered_it(
    store: Store, monthly
) -> None:
    # Given: Sales strongly agrees that it saw Marketing's work mocked (a reverse statement,
    # scored 1), Marketing strongly disagrees (scored 5); everything else alike.
    sales = scored(monthly, 3, respect_mocking=1)
    marketing = scored(monthly, 3, respect_mocking=5)
    assert (sales["respect-mocking"], marketing["respect-mocking"]) == (5, 1)
    submit_pair(store, monthly, "2026-11", sales, marketing)
    app = dashboard(store)
    label = monthly.label("respect-mocking")
    quoted = "Sales: Strongly agree (5) · Marketing: Strongly disagree (1)"
    async with app.run_test(size=WIDE) as pilot:
        flags = str(app.query_one("#overview-flags-text", Static).render())
        assert f"{label}: {quoted}" in flags
        await pilot.press("3")
        await pilot.pause()
        row = app.query_one("#items-table", DataTable).get_row("respect-mocking")
        assert [str(cell) for cell in row[2:4]] == ["5", "1"]  # as given, never the scores
        assert str(row[5]) == label
        assert quoted in str(app.query_one("#items-detail", Static).render())
        await pilot.press("7")
        await pilot.pause()
        agenda = app.query_one("#agenda-table", DataTable)
        first = agenda.get_row_at(0)
        assert str(first[6]) == label and [str(c) for c in first[4:6]] == ["5", "1"]
        assert quoted in str(app.query_one("#agenda-detail", Static).render())
        await pilot.press("p", *["right"] * 6)  # the agenda slide
        await pilot.pause()
        assert quoted in str(app.screen.query_one("#slide-agenda", Static).render())


async def test_a_comment_on_several_lines_shows_on_several_lines(store: Store, monthly) -> None:
    comment = "The leads are late.\nAnd nobody says why."
    sales = scored(monthly, 4) | {"_comments": {"respect": comment}}
    submit_pair(store, monthly, "2026-11", sales, scored(monthly, 3))
    app = dashboard(store)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("6")
        await pilot.pause()
        lines = screen_lines(app)
        first = next(n for n, line in enumerate(lines) if "The leads are late." in line)
        assert lines[first + 1].lstrip().startswith("And nobody says why.")
        assert lines[first + 1].index("And") > lines[first].index("The")  # indented
        assert "\\x0a" not in "\n".join(lines)


def _just_under_healthy(monthly) -> tuple[dict, dict]:
    """Health 59.56, under the 60 line, and a shared problem. Over the 17 indexed statements:
    Sales 4 on sixteen and 1 on the lead definition (65); Marketing 3 on fifteen, 4 on goals
    incentives and 1 on the lead definition (50): 100 x (115/34 - 1) / 4 = 59.5588."""
    sales = scored(monthly, 4) | {LEAD_DEFINITION: 1}
    return sales, scored(monthly, 3, goals_incentives=4) | {LEAD_DEFINITION: 1}


LEAD_DEFINITION = "frictions-lead-definition"


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "120x40"])
async def test_a_figure_under_its_line_keeps_the_decimal_and_a_shared_problem_shows(
    store: Store, monthly, size: tuple[int, int]
) -> None:
    # Given: health just under 60 (the "healthy" line) and a statement both answer 1.
    submit_pair(store, monthly, "2026-11", *_just_under_healthy(monthly))
    app = dashboard(store)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert app.board.review.current.health == pytest.approx(59.5588, abs=1e-4)
        text = "\n".join(screen_lines(app))
        assert "health 59.6" in text and "health 60" not in text
        await pilot.press("7")  # the agenda: the shared problem has its place, in words
        await pilot.pause()
        agenda = app.query_one("#agenda-table", DataTable)
        kinds = [str(agenda.get_row_at(n)[1]) for n in range(agenda.row_count)]
        assert "shared problem" in kinds and agenda.row_count <= 5
        await pilot.press("p")  # the headline slide names the quadrant the figure is in
        await pilot.pause()
        assert "STRUGGLING" in "\n".join(screen_lines(app)).upper()

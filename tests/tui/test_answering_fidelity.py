"""Issue 14, input fidelity, under Pilot: nothing is recorded that the VP did not choose.

Enter on nothing chosen answers nothing; comments never stand between answers (a key opens the
dimension's comment from any of its pages); n/a has a key; the review shows whole statements and
opens on the first missing answer; a revisited page names its answer in words.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from gtm_pulse.core.models import NOT_APPLICABLE, PREDICTION_PREFIX, Survey
from gtm_pulse.store.database import Store
from gtm_pulse.tui.app import PulseApp
from gtm_pulse.tui.screens.choice import ChoiceScreen
from gtm_pulse.tui.screens.review import ReviewScreen
from gtm_pulse.tui.screens.submitted import SubmittedScreen
from gtm_pulse.tui.screens.take import CommentDialog, TakeScreen
from gtm_pulse.tui.widgets.pickers import ScalePicker
from tests.tui.driving import answer_pages, make_app, screen_text
from tests.tui.test_take import submit_from_review


class Keys:
    """Presses keys one at a time, as a VP would, and counts them."""

    def __init__(self, pilot: Pilot) -> None:
        self.pilot = pilot
        self.count = 0

    async def press(self, *keys: str) -> None:
        for key in keys:
            self.count += 1
            await self.pilot.press(key)
            await self.pilot.pause()


def take_screen(app: PulseApp) -> TakeScreen:
    screen = app.screen
    assert isinstance(screen, TakeScreen)
    return screen


def notices(app: PulseApp) -> list[str]:
    return [notification.message for notification in app._notifications]


def draft_of(store: Store):
    return store.load().draft("monthly-pulse", "2026-11", "sales")


def line_with(text: str, words: str) -> str:
    """The first line of ``text`` that holds ``words``."""
    return next(line for line in text.splitlines() if words in line)


# -- 1. Enter on nothing chosen records nothing ---------------------------------------------


async def test_enter_on_an_unanswered_statement_records_nothing_and_names_the_keys(
    store: Store,
) -> None:
    app = make_app(store)
    async with app.run_test() as pilot:
        await pilot.press("enter")  # meant as "next" on a page where nothing is chosen
        await pilot.pause()
        screen = take_screen(app)
        assert screen.index == 0  # still here
        assert screen.session.answers == {}
        assert notices(app) == [
            "Nothing chosen yet: press 1-5 to answer, 0 for n/a, or ↑/↓ to choose and then "
            "Enter. n skips."
        ]
    assert store.load().drafts == []  # not "1 Strongly disagree"


async def test_enter_after_arrowing_to_an_option_records_that_option(
    store: Store, monthly: Survey
) -> None:
    app = make_app(store)
    async with app.run_test() as pilot:
        await pilot.press("down", "down")  # the first press lands on 1, the second on 2
        await pilot.press("enter")
        await pilot.pause()
        screen = take_screen(app)
        assert screen.session.answers == {monthly.questions[0].id: 2}
        assert screen.index == 1  # and it moves on, as a number key does


async def test_enter_on_the_checklist_ticks_nothing_not_chosen(store: Store) -> None:
    app = make_app(store)
    async with app.run_test() as pilot:
        while take_screen(app).page.question.kind != "multi":
            await answer_pages(pilot, 1)
        checklist = take_screen(app).page.question
        await pilot.press("enter")
        await pilot.pause()
        assert checklist.id not in take_screen(app).session.answers
        assert notices(app)[-1].startswith("Nothing chosen yet: press 1-9 to tick a friction")


# -- 2. Comments never catch answer keys ----------------------------------------------------


async def test_the_whole_pulse_takes_no_more_keys_than_answers_plus_three(
    store: Store, monthly: Survey
) -> None:
    # Answers: 18 statements + 4 guesses + the checklist + the free-text question = 24. The two
    # optional ones count as one answer each: the checklist by ticking one friction (its key,
    # at the mildest severity) and leaving it (n), the free text left blank (ctrl+n).
    app = make_app(store)
    async with app.run_test() as pilot:
        keys = Keys(pilot)
        answers = len(take_screen(app).session.survey.questions)
        while isinstance(app.screen, TakeScreen):
            question = app.screen.page.question
            if question.kind == "likert":  # a statement or a guess
                await keys.press("4")
            elif question.kind == "multi":
                await keys.press("1", "n")
            elif question.kind == "text":
                await keys.press("ctrl+n")
            else:
                pytest.fail(f"a page nobody answers in the monthly pulse: {question.id}")
        assert isinstance(app.screen, ReviewScreen)  # the last page led straight here
        await keys.press("s")
        assert isinstance(app.screen, ChoiceScreen)
        await keys.press("enter")  # confirmed
        assert isinstance(app.screen, SubmittedScreen)
    assert (answers, keys.count) == (24, 27)
    assert keys.count <= answers + 3
    response = store.load().response("monthly-pulse", "2026-11", "sales")
    assert response.comments == {}
    assert all(response.answers[q.id] == 4 for q in monthly.questions if q.kind == "likert")


async def test_the_comment_key_opens_the_dimensions_comment_from_each_of_its_pages(
    store: Store,
) -> None:
    app = make_app(store)
    async with app.run_test() as pilot:
        take = take_screen(app)
        pages = take.session.pages
        for index, page in enumerate(pages):
            assert take.index == index
            text_page = page.question.kind == "text"  # a text box takes c: ctrl+o there
            await pilot.press("ctrl+o" if text_page else "c")
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, CommentDialog)
            assert dialog.dimension == page.dimension
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is take
            await pilot.press("ctrl+n" if text_page else "n")  # on, without answering
            await pilot.pause()
        assert take.session.answers == {}  # opening and closing comments answered nothing
        assert isinstance(app.screen, ReviewScreen)


async def test_digits_and_q_typed_in_a_comment_stay_in_it(store: Store, monthly: Survey) -> None:
    first = monthly.questions[0].id
    app = make_app(store)
    async with app.run_test() as pilot:
        await pilot.press("4")  # the first statement; its guess is next
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*"43242q", "escape")
        await pilot.pause()
        screen = take_screen(app)
        assert app.is_running  # q was a letter of the comment
        assert screen.index == 1  # still on the guess: no digit answered it
        assert screen.session.answers == {first: 4}
        assert screen.session.comments == {"respect": "43242q"}
    assert draft_of(store).comments == {"respect": "43242q"}
    assert draft_of(store).answers == {first: 4}


async def test_quitting_with_a_comment_open_keeps_what_was_typed(store: Store) -> None:
    app = make_app(store)
    async with app.run_test() as pilot:
        await pilot.press("c", *"late", "ctrl+c")  # before the typing pause saves it
        await pilot.pause()
    assert draft_of(store).comments == {"respect": "late"}


async def test_a_comment_row_of_the_review_opens_that_comment(store: Store) -> None:
    app = make_app(store)
    async with app.run_test() as pilot:
        await pilot.press("r")
        await pilot.pause()
        rows = app.screen.query_one("#review-list", OptionList)
        ids = [rows.get_option_at_index(i).id for i in range(rows.option_count)]
        rows.highlighted = ids.index("comment:0")  # Respect & trust, whose first page is 0
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CommentDialog) and app.screen.dimension.id == "respect"


# -- 4. n/a -----------------------------------------------------------------------------------


async def test_n_a_by_key_is_stored_as_n_a_in_the_draft_and_the_response(
    store: Store, monthly: Survey
) -> None:
    first = monthly.questions[0].id
    app = make_app(store)
    async with app.run_test() as pilot:
        await pilot.press("0")  # the statement does not apply this month
        await pilot.pause()
        await pilot.press("0")  # nor can Sales guess Marketing's answer to it
        await pilot.pause()
        assert draft_of(store).answers == {first: "n/a", f"{PREDICTION_PREFIX}{first}": "n/a"}
        await answer_pages(pilot)
        await submit_from_review(pilot)
    response = store.load().response("monthly-pulse", "2026-11", "sales")
    assert response.answers[first] == NOT_APPLICABLE
    assert response.predictions[first] == NOT_APPLICABLE


async def test_the_n_a_entry_under_the_scale_answers_when_chosen(
    store: Store, monthly: Survey
) -> None:
    app = make_app(store)
    async with app.run_test() as pilot:
        assert take_screen(app).query_one(ScalePicker).highlighted is None  # nothing preselected
        await pilot.press("up", "enter")  # up from nothing: the last entry, n/a
        await pilot.pause()
        assert take_screen(app).session.answers == {monthly.questions[0].id: NOT_APPLICABLE}


async def test_the_review_and_a_revisited_page_show_n_a_as_the_answer(
    store: Store, monthly: Survey
) -> None:
    app = make_app(store)
    async with app.run_test() as pilot:
        await pilot.press("0", "p")  # n/a, then back to the statement
        await pilot.pause()
        screen = take_screen(app)
        assert screen.index == 0
        assert "Your answer: n/a" in screen_text(app)
        picker = screen.query_one(ScalePicker)
        assert picker.highlighted is not None
        assert picker.values[picker.highlighted] == NOT_APPLICABLE
        await pilot.press("r")
        await pilot.pause()
        statement = monthly.render(monthly.questions[0].text, "sales")
        row = line_with(screen_text(app), " ".join(statement.split()[:3]))
        assert row.rstrip(" ▎").endswith("n/a")


# -- 5. The review and revisited pages ------------------------------------------------------


async def test_a_revisited_statement_and_guess_name_their_answers(store: Store) -> None:
    app = make_app(store)
    async with app.run_test() as pilot:
        await pilot.press("4", "2", "p")  # Agree; the guess: Disagree; back to the guess
        await pilot.pause()
        assert "Your guess: Disagree (2)" in screen_text(app)
        await pilot.press("p")
        await pilot.pause()
        assert "Your answer: Agree (4)" in screen_text(app)


async def test_the_review_shows_every_guess_whole_at_80x24(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await answer_pages(pilot)
        assert isinstance(app.screen, ReviewScreen)
        session = app.screen.session
        rows = app.screen.query_one("#review-list", OptionList)
        seen = []
        step = max(1, rows.scrollable_content_region.height - 1)
        for y in range(
            0, int(rows.max_scroll_y) + step, step
        ):  # the whole list, a screen at a time
            rows.scroll_to(y=y, animate=False, immediate=True)
            await pilot.pause()
            seen.append(screen_text(app))
        shown = "\n".join(seen)
        assert "…" not in shown
        guesses = [q for q in session.survey.questions if q.id.startswith(PREDICTION_PREFIX)]
        assert len(guesses) == 4
        for guess in guesses:  # each ends as it should: its own statement, not a common prefix
            assert session.text(guess.text).split()[-1] in shown


async def test_enter_from_the_top_of_the_review_jumps_to_the_first_missing_answer(
    store: Store,
) -> None:
    app = make_app(store)
    async with app.run_test() as pilot:
        await answer_pages(pilot, 3)
        await pilot.press("n")  # page 3 left unanswered
        await pilot.pause()
        await answer_pages(pilot, 2)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert take_screen(app).index == 3

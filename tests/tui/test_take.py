"""The pulse TUI under Pilot: each VP's full flow, resume, review-and-edit, sealing, amending."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import DataTable

from gtm_pulse.core.analysis import compare
from gtm_pulse.core.answers import check_answers
from gtm_pulse.core.asking import asked_survey, expand, separate
from gtm_pulse.core.models import Draft, Response, Survey, Team, to_json
from gtm_pulse.core.periods import parse_period
from gtm_pulse.core.sealing import seal_holds
from gtm_pulse.services.opening import Start
from gtm_pulse.store.database import Store
from gtm_pulse.store.survey_files import load_catalog
from gtm_pulse.tui.app import PulseApp
from gtm_pulse.tui.screens.choice import ChoiceScreen
from gtm_pulse.tui.screens.home import HomeScreen
from gtm_pulse.tui.screens.review import ReviewScreen
from gtm_pulse.tui.screens.setup import SetupScreen
from gtm_pulse.tui.screens.submitted import SubmittedScreen
from gtm_pulse.tui.screens.take import TakeScreen
from gtm_pulse.tui.widgets.keybar import KeyBar
from tests.helpers import full_answers
from tests.tui.driving import answer_pages, make_app, screen_text

FIXED = dt.datetime(2026, 11, 10, 9, 30, tzinfo=dt.UTC)


def stored(store: Store, survey: Survey, role: str, period: str = "2026-11", **answers) -> Response:
    """A response submitted outside the TUI (the other VP, on their laptop).

    Marketing is generated in a better mood than Sales, so the two differ.
    """
    mood = 0.8 if role == "marketing" else 0.4
    raw = {**full_answers(survey, role, seed=len(role), mood=mood), **answers}
    raw = expand(raw, survey, role, (), period, "test")
    checked = check_answers(asked_survey(survey, role), raw)
    parts = separate(checked.answers)
    response = Response(
        survey_id=survey.id, survey_version=survey.version, role=role,
        respondent=store.load().team.members[role], period=period,
        answers=parts.answers, comments=checked.comments, predictions=parts.predictions,
        submitted_at=FIXED,
    )  # fmt: skip
    return store.submit(response, survey)


async def submit_from_review(pilot) -> None:
    await pilot.press("s")  # submit...
    await pilot.pause()
    assert isinstance(pilot.app.screen, ChoiceScreen)
    await pilot.press("enter")  # ...and confirm (the focused first button)
    await pilot.pause()


@pytest.mark.parametrize("role", ["sales", "marketing"])
async def test_full_flow_ends_in_a_stored_valid_response(
    store: Store, monthly: Survey, role: str
) -> None:
    app = make_app(store, role)
    async with app.run_test() as pilot:
        await answer_pages(pilot)
        assert isinstance(app.screen, ReviewScreen)
        await submit_from_review(pilot)
        assert isinstance(app.screen, SubmittedScreen)
    response = store.load().response("monthly-pulse", "2026-11", role)
    assert response is not None
    assert response.respondent == store.load().team.members[role]
    check_answers(monthly, {**response.answers, "_comments": response.comments})
    likert = [q.id for q in monthly.questions if q.kind == "likert"]
    assert all(response.answers[q] == 4 for q in likert)
    multi = next(q for q in monthly.questions if q.kind == "multi")
    assert response.answers[multi.id] == {multi.options[0].id: multi.severities[-1]}
    assert store.load().drafts == []


async def test_home_leads_each_vp_to_their_survey(store: Store) -> None:
    app = make_app(store, role=None)
    async with app.run_test() as pilot:
        assert isinstance(app.screen, HomeScreen)
        text = screen_text(app)
        assert "I am the VP of Sales" in text and "I am the VP of Marketing" in text
        await pilot.press("enter")  # the first entry: the VP of Sales' monthly pulse
        await pilot.pause()
        assert isinstance(app.screen, TakeScreen)
        assert app.screen.session.role == "sales"
        assert "Respect & trust · 1 of 24" in screen_text(app)  # 20 questions and 4 guesses


async def test_resume_after_quitting_midway(store: Store, monthly: Survey) -> None:
    async with make_app(store).run_test() as pilot:
        await answer_pages(pilot, 3, likert=2)
        await pilot.press("q")
    draft = store.load().draft("monthly-pulse", "2026-11", "sales")
    assert draft is not None and list(draft.answers.values()) == [2, 2, 2]

    app = make_app(store)
    async with app.run_test():
        screen = app.screen
        assert isinstance(screen, TakeScreen)
        assert screen.index == 3
        assert screen.session.answers == draft.answers


async def test_ctrl_c_quits_and_says_the_draft_is_saved(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    app = make_app(store)
    async with app.run_test() as pilot:
        await answer_pages(pilot, 1)
        await pilot.press("ctrl+c")
        assert not app.is_running
    assert app.return_code == 0
    assert "Draft saved: run gtm-pulse again to carry on." in capsys.readouterr().err


KILLED_CHILD = """
import asyncio, sys, time
from gtm_pulse.store.database import Store
from tests.tui.driving import answer_pages, make_app

async def main():
    app = make_app(Store(sys.argv[1]))
    async with app.run_test() as pilot:
        await answer_pages(pilot, 5, likert=5)  # four statements and one guess
        print("answered", flush=True)
        time.sleep(60)  # killed here, mid-survey

asyncio.run(main())
"""


async def test_resume_after_the_process_is_killed(store: Store) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_CHILD, str(store.path)],
        stdout=subprocess.PIPE, text=True, cwd=Path(__file__).parents[2], env=os.environ,
    )  # fmt: skip
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "answered"
    child.send_signal(signal.SIGKILL)
    child.wait()

    app = make_app(store)
    async with app.run_test() as pilot:
        screen = app.screen
        assert isinstance(screen, TakeScreen)
        # five pages answered (no comment page in the way): on to Goals
        assert screen.index == 5
        await pilot.press("r")
        await pilot.pause()
        assert screen_text(app).count("5 Strongly agree") == 5


async def test_review_and_edit(store: Store, monthly: Survey) -> None:
    first = monthly.questions[0].id
    app = make_app(store)
    async with app.run_test() as pilot:
        await answer_pages(pilot)
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("enter")  # the first row: jump back to question 1
        await pilot.pause()
        assert isinstance(app.screen, TakeScreen) and app.screen.index == 0
        await pilot.press("1")  # change the answer; it moves on to question 2
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert "1 Strongly disagree" in screen_text(app)
        await submit_from_review(pilot)
    assert store.load().response("monthly-pulse", "2026-11", "sales").answers[first] == 1


async def test_missing_answers_block_submitting(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(notifications=True) as pilot:
        await answer_pages(pilot, 2)
        await pilot.press("r")
        await pilot.pause()
        assert "required question(s) still missing" in screen_text(app)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)  # no confirmation: nothing to submit yet
    assert store.load().responses == []


async def test_sealed_until_both_submit(store: Store, monthly: Survey) -> None:
    stored(store, monthly, "sales", _comments={"respect": "SALES-SECRET-COMMENT"})
    app = make_app(store, "marketing")
    async with app.run_test() as pilot:
        seen = [screen_text(app)]
        while isinstance(app.screen, TakeScreen):
            await answer_pages(pilot, 1)
            seen.append(screen_text(app))
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("escape", "escape")  # back to the take screen, then home
        await pilot.pause()
        seen.append(screen_text(app))
    # Every screen Marketing saw before submitting: nothing of Sales' answers.
    assert len(seen) > 20
    assert not any("SALES-SECRET-COMMENT" in text for text in seen)
    assert not any("Both VPs have submitted" in text for text in seen)


async def test_after_both_submit_each_sees_the_side_by_side_summary(
    store: Store, monthly: Survey
) -> None:
    stored(store, monthly, "sales")
    app = make_app(store, "marketing")
    async with app.run_test() as pilot:
        await answer_pages(pilot)
        await submit_from_review(pilot)
        text = screen_text(app)
        assert "Both VPs have submitted" in text
        for dimension in monthly.dimensions:
            assert dimension.name in text


def table_columns(app) -> list[str]:
    table = app.screen.query_one("#submitted-table", DataTable)
    return [str(column.label) for column in table.columns.values()]


async def test_the_side_by_side_gap_is_compares(store: Store, monthly: Survey) -> None:
    sales, marketing = stored(store, monthly, "sales"), stored(store, monthly, "marketing")
    app = make_app(store, "marketing")
    async with app.run_test() as pilot:
        await pilot.pause()
        assert table_columns(app) == ["Dimension", "You (Marketing)", "Sales", "|gap|"]
        table = app.screen.query_one("#submitted-table", DataTable)
        shown = [str(table.get_row_at(row)[3]) for row in range(table.row_count)]
    expected = [f"{d.mean_abs_gap:.1f}" for d in compare(monthly, marketing, sales).dimensions]
    assert shown == expected  # the figure compare prints, not the difference of two means


async def test_a_wider_team_role_sees_the_vps_only_once_both_submitted(
    store: Store, monthly: Survey
) -> None:
    stored(store, monthly, "revops")
    stored(store, monthly, "sales", _comments={"respect": "SALES-SECRET-COMMENT"})
    async with make_app(store, "revops").run_test() as pilot:
        await pilot.pause()
        text = screen_text(app := pilot.app)
        assert "Marketing has not submitted 2026-11 yet" in text
        assert "Both VPs have submitted" not in text and not app.screen.query("#submitted-table")
        await pilot.press("v")  # its own answers only
        await pilot.pause()
        assert "SALES-SECRET-COMMENT" not in screen_text(app)
    stored(store, monthly, "marketing")
    async with make_app(store, "revops").run_test() as pilot:
        await pilot.pause()
        assert "Both VPs have submitted" in screen_text(pilot.app)
        assert table_columns(pilot.app) == ["Dimension", "You (RevOps)", "Sales", "Marketing"]


async def test_viewing_a_submitted_response_shows_its_guesses(store: Store) -> None:
    app = make_app(store, "sales")
    async with app.run_test() as pilot:
        await answer_pages(pilot)
        await submit_from_review(pilot)
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen) and app.screen.read_only
        text = screen_text(app)
        assert "24 of 24 answered" in text and "missing" not in text  # 20 statements, 4 guesses


async def test_only_one_side_submitted_shows_it_is_sealed(store: Store, monthly: Survey) -> None:
    app = make_app(store, "sales")
    async with app.run_test() as pilot:
        await answer_pages(pilot)
        await submit_from_review(pilot)
        assert "Marketing has not submitted 2026-11 yet" in screen_text(app)
        assert not app.screen.query("#submitted-table")


async def test_already_submitted_offers_view_and_amend(store: Store, monthly: Survey) -> None:
    first = monthly.questions[0].id
    stored(store, monthly, "sales", **{first: 5})
    app = make_app(store, "sales")
    async with app.run_test() as pilot:
        assert isinstance(app.screen, SubmittedScreen)
        assert "Already submitted" in screen_text(app)
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen) and app.screen.read_only
        assert "Submit" not in app.screen.query_one(KeyBar).render().plain  # viewing only
        await pilot.press("escape", "a")
        await pilot.pause()
        screen = app.screen_stack[-2]
        assert isinstance(screen, TakeScreen) and screen.session.amending
        assert screen.session.answers[first] == 5  # amending starts from what was submitted
        assert isinstance(app.screen, ReviewScreen)  # all answered: straight to the review
        await pilot.press("enter")  # first row: question 1
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        await submit_from_review(pilot)
        assert "revision 2" in screen_text(app)
    snapshot = store.load()
    assert snapshot.response("monthly-pulse", "2026-11", "sales").answers[first] == 2
    assert [r.answers[first] for r in snapshot.revisions("monthly-pulse", "2026-11", "sales")] == [
        5,
        2,
    ]


MARKUP = "[bold]x[/] [@click=app.quit] [/"


async def test_markup_in_names_and_comments_round_trips_literally(db_path: Path) -> None:
    store = Store(db_path)
    members = {"sales": f"Dana {MARKUP}", "marketing": "Sam", "ceo": "A"}
    store.init(Team(company=f"Acme {MARKUP}", members=members))
    app = make_app(store, role=None)
    async with app.run_test() as pilot:
        home = screen_text(app)
        assert f"Acme {MARKUP}" in home and f"Dana {MARKUP}" in home
        await pilot.press("enter")  # the VP of Sales' monthly pulse
        await pilot.pause()
        await pilot.press("c")  # the Respect & trust comment
        await pilot.pause()
        await pilot.press(*MARKUP, "escape")
        await pilot.pause()
        await pilot.press("c")  # opened again: as typed
        await pilot.pause()
        assert MARKUP in screen_text(app)
        await pilot.press("escape", "r")
        await pilot.pause()
        assert "[@click=app.quit]" in screen_text(app)  # the review row (wrapped in its column)
        assert app.is_running  # [@click=app.quit] did not quit
    draft = store.load().draft("monthly-pulse", "2026-11", "sales")
    assert draft.comments == {"respect": MARKUP}


async def test_first_run_asks_for_the_team(db_path: Path) -> None:
    app = make_app(Store(db_path), role=None)
    async with app.run_test() as pilot:
        assert isinstance(app.screen, SetupScreen)
        for text in ("Northwind", "Dana", "Sam", "Alex"):
            await pilot.press(*text, "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert Store(db_path).load().team.members["marketing"] == "Sam"


async def test_take_on_a_new_database_goes_on_to_the_survey_after_set_up(db_path: Path) -> None:
    app = make_app(Store(db_path), role="marketing")
    async with app.run_test() as pilot:
        assert isinstance(app.screen, SetupScreen)
        for text in ("Northwind", "Dana", "Sam", "Alex"):
            await pilot.press(*text, "enter")
        await pilot.pause()
        assert isinstance(app.screen, TakeScreen) and app.screen.session.role == "marketing"
        assert isinstance(app.screen_stack[-2], HomeScreen)  # Escape goes home


async def test_take_with_a_role_the_new_team_lacks_says_so_at_home(db_path: Path) -> None:
    app = PulseApp(
        Store(db_path), load_catalog(), Start("cfo", "monthly-pulse", parse_period("2026-11"))
    )
    async with app.run_test() as pilot:
        for text in ("Northwind", "Dana", "Sam", "Alex"):
            await pilot.press(*text, "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert [n.message for n in app._notifications] == [
            f"Team Northwind saved in {db_path}",
            "Role 'cfo' does not answer surveys in this team (roles: sales, marketing).",
        ]


async def test_a_draft_for_a_finished_period_can_be_discarded(
    store: Store, monthly: Survey
) -> None:
    store.save_draft(Draft(survey_id=monthly.id, survey_version=1, role="sales", period="2026-10",
                           answers={monthly.questions[0].id: 3}))  # fmt: skip
    app = make_app(store, role=None)
    async with app.run_test() as pilot:
        assert "Unfinished draft: monthly-pulse · 2026-10" in screen_text(app)
        home = app.screen
        entries = home.query_one("#home-entries")
        ids = [entries.get_option_at_index(i).id or "" for i in range(entries.option_count)]
        target = next(i for i, option_id in enumerate(ids) if option_id.startswith("stale|sales"))
        entries.highlighted = target
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.click("#discard")
        await pilot.pause()
        assert "Unfinished draft" not in screen_text(app)
    assert store.load().drafts == []


async def test_a_draft_from_an_older_survey_version_keeps_what_fits(
    store: Store, monthly: Survey, tmp_path: Path
) -> None:
    # Version 2 of the pulse drops the first question.
    data = to_json(monthly)
    dropped = data["questions"].pop(0)["id"]
    data["version"] = 2
    folder = tmp_path / "surveys"
    folder.mkdir()
    (folder / "monthly-pulse.toml").write_text(_toml(data))
    catalog = load_catalog([folder])
    kept = monthly.questions[1].id
    store.save_draft(Draft(survey_id=monthly.id, survey_version=1, role="sales", period="2026-11",
                           answers={dropped: 4, kept: 2}))  # fmt: skip
    app = make_app(store, "sales", catalog)
    async with app.run_test() as pilot:
        assert isinstance(app.screen, ChoiceScreen)
        assert "1 answer still fits, 1 does not." in screen_text(app)
        await pilot.press("enter")  # keep what fits
        await pilot.pause()
        assert isinstance(app.screen, TakeScreen)
        assert app.screen.session.answers == {kept: 2}


def _toml(data: dict) -> str:
    """A minimal TOML writer for survey data (strings, ints, bools, lists of tables)."""

    def value(v: object) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, int):
            return str(v)
        if isinstance(v, list):
            return "[" + ", ".join(value(x) for x in v) + "]"
        if isinstance(v, dict):
            return (
                "{ " + ", ".join(f"{k} = {value(x)}" for k, x in v.items() if x is not None) + " }"
            )
        return json.dumps(v)

    lines = [
        f"{k} = {value(v)}"
        for k, v in data.items()
        if v is not None and not isinstance(v, (list, dict))
    ]
    lines += ["[scale]"] + [f"{k} = {value(v)}" for k, v in data["scale"].items()]
    for table in ("dimensions", "questions"):
        for item in data[table]:
            lines.append(f"[[{table}]]")
            lines += [f"{k} = {value(v)}" for k, v in item.items() if v is not None]
    return "\n".join(lines) + "\n"


async def test_a_click_on_the_scale_answers(store: Store, monthly: Survey) -> None:
    app = make_app(store)
    async with app.run_test() as pilot:
        # The list has a one-line border: the 4th scale point is on row 4.
        await pilot.click("#picker", offset=(6, 4))
        await pilot.pause()
        assert app.screen.session.answers == {monthly.questions[0].id: 4}
        assert app.screen.index == 1


async def test_a_draft_for_a_finished_period_can_be_submitted_late(
    store: Store, monthly: Survey
) -> None:
    store.save_draft(Draft(survey_id=monthly.id, survey_version=monthly.version, role="marketing",
                           period="2026-10", answers={monthly.questions[0].id: 3}))  # fmt: skip
    app = make_app(store, role=None)
    async with app.run_test() as pilot:
        entries = app.screen.query_one("#home-entries")
        ids = [entries.get_option_at_index(i).id or "" for i in range(entries.option_count)]
        entries.highlighted = ids.index("stale|marketing|monthly-pulse|2026-10")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.click("#late")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TakeScreen)
        assert (screen.session.period, screen.index) == ("2026-10", 1)
        await answer_pages(pilot)
        await submit_from_review(pilot)
    assert store.load().response("monthly-pulse", "2026-10", "marketing") is not None


async def test_escape_sequences_in_names_show_and_do_nothing(db_path: Path) -> None:
    store = Store(db_path)
    name = "Dana \x1b[2J\x1b[31mred"
    store.init(Team(company="Acme", members={"sales": name, "marketing": "Sam", "ceo": "A"}))
    app = make_app(store, role=None)
    async with app.run_test():
        assert "Dana \\x1b[2J\\x1b[31mred" in screen_text(app)
    assert store.load().team.members["sales"] == name


async def test_an_autosave_that_cannot_write_says_so_and_keeps_running(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from filelock import FileLock

    from gtm_pulse.store import transaction as store_module

    monkeypatch.setattr(store_module, "LOCK_TIMEOUT_S", 0.2)
    app = make_app(store)
    async with app.run_test(notifications=True) as pilot:
        with FileLock(store.lock_path):  # another process holds the database
            await pilot.press("4")
            await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, TakeScreen) and app.screen.index == 0
        assert app.screen.session.answers == {}  # memory matches the file: nothing
        assert "Not saved: the database" in screen_text(app)
    assert store.load().drafts == []


async def test_the_guess_follows_its_statement_and_is_stored_sealed(
    store: Store, monthly: Survey
) -> None:
    # The first statement as Marketing reads it, its first words (the line may wrap after them)
    as_marketing = " ".join(monthly.render(monthly.questions[0].text, "marketing").split()[:3])
    app = make_app(store)
    async with app.run_test() as pilot:
        await pilot.press("4")  # the first statement, predicted
        await pilot.pause()
        text = screen_text(app)
        assert "Respect & trust · 2 of 24" in text
        assert f'Your guess: how will Marketing answer "{as_marketing}' in text
        await pilot.press("2")  # Sales expects Marketing to disagree
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TakeScreen)
        assert screen.session.answers["predict-respect-seriously"] == 2
        draft = store.load().draft("monthly-pulse", "2026-11", "sales")
        assert draft.answers["predict-respect-seriously"] == 2  # autosaved like any answer
        await answer_pages(pilot)
        await submit_from_review(pilot)
    response = store.load().response("monthly-pulse", "2026-11", "sales")
    assert response.predictions["respect-seriously"] == 2
    assert set(response.predictions) == {
        "respect-seriously", "goals-success", "frictions-lead-quality", "frictions-blame"
    }  # fmt: skip
    assert not any(key.startswith("predict-") for key in response.answers)
    assert seal_holds(response)


async def test_status_and_home_count_a_draft_as_the_pages_do(store: Store) -> None:
    from click.testing import CliRunner

    from gtm_pulse.cli import cli

    async with make_app(store).run_test() as pilot:
        await answer_pages(pilot, 3)
        session = pilot.app.screen.session
        answered, asked = session.answered_count(), len(session.survey.questions)
    assert (answered, asked) == (3, 24)  # a statement, its guess, the next statement
    output = CliRunner().invoke(cli, ["status"]).output
    assert f"missing (draft: {answered} of {asked} answered)" in output
    report = json.loads(CliRunner().invoke(cli, ["status", "--format", "json"]).output)
    sales = report["surveys"][0]["roles"][0]
    assert (sales["draft_answered"], sales["draft_questions"]) == (answered, asked)
    async with make_app(store, role=None).run_test() as home:
        assert f"draft: {answered} of {asked} answered" in screen_text(home.app)


async def test_on_a_short_terminal_the_question_stays_in_view(store: Store) -> None:
    app = make_app(store, "marketing")

    def checklist() -> bool:
        question = app.screen.page.question
        return question is not None and question.kind == "multi"

    async with app.run_test(size=(60, 20)) as pilot:
        while isinstance(app.screen, TakeScreen) and not checklist():
            await answer_pages(pilot, 1)
        assert checklist()
        shown = " ".join(screen_text(app).split())
        words = app.screen.page.question.text.split()[:4]
        assert " ".join(words) in shown  # not scrolled away by the list under it

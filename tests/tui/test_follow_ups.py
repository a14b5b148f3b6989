"""The pulse after an offsite: it opens with the commitments due, under Pilot, keys only."""

from __future__ import annotations

import json

from click.testing import CliRunner

from gtm_pulse.cli import cli
from gtm_pulse.core.models import Survey
from gtm_pulse.store.database import Store
from gtm_pulse.tui.screens.review import ReviewScreen
from gtm_pulse.tui.screens.take import TakeScreen
from tests.helpers import scored, submit_one, submit_pair
from tests.tui.driving import answer_pages, make_app, screen_text
from tests.tui.test_take import submit_from_review


async def test_a_pulse_with_open_commitments_asks_about_them_first(
    store: Store, monthly: Survey
) -> None:
    # Given the October offsite agreed two things, due in November, and one for later
    submit_pair(store, monthly, "2026-10", scored(monthly, 4), scored(monthly, 2))
    store.add_commitment("One written [lead] definition", "marketing", "2026-11", "2026-10")
    store.add_commitment("Sales follows up every lead in 48 h", "sales", "2026-11", "2026-10")
    store.add_commitment("Joint pipeline review", "ceo", "2026-12", "2026-10")
    submit_one(store, monthly, "2026-11", "marketing", scored(monthly, 4) | {
        "_follow_ups": {"1": "yes", "2": "no"}
    })  # fmt: skip
    app = make_app(store, "sales")
    async with app.run_test() as pilot:
        # When Sales opens November's pulse
        screen = app.screen
        assert isinstance(screen, TakeScreen)
        text = screen_text(app)
        assert "Commitments · 1 of 28" in text
        assert (
            'Did this happen? #1 "One written [lead] definition" (Marketing, due 2026-11)' in text
        )
        await pilot.press("2")  # partly
        await pilot.pause()
        await pilot.press(*"Draft shared", "ctrl+n")  # the optional comment on #1
        await pilot.pause()
        assert "#2" in screen_text(app)
        await pilot.press("1")  # yes
        await pilot.pause()
        await pilot.press("ctrl+n")  # no comment on #2
        await pilot.pause()
        assert "Respect & trust · 5 of 28" in screen_text(app)  # #3 is not due: not asked
        await answer_pages(pilot)
        assert isinstance(app.screen, ReviewScreen)
        await submit_from_review(pilot)
    # Then the answers are kept with the response, apart from the survey's own
    response = store.load().response("monthly-pulse", "2026-11", "sales")
    assert {n: (f.status, f.comment) for n, f in response.follow_ups.items()} == {
        "1": ("partly", "Draft shared"),
        "2": ("yes", ""),
    }
    # And compare's JSON shows what each side said, next to the trend
    document = json.loads(CliRunner().invoke(cli, ["compare", "--format", "json"]).output)
    said = {c["number"]: c["follow_ups"] for c in document["commitments"]}
    assert said[1][-1]["by_role"]["sales"] == {"status": "partly", "comment": "Draft shared"}
    assert said[2][-1]["by_role"] == {
        "sales": {"status": "yes", "comment": ""},
        "marketing": {"status": "no", "comment": ""},
    }
    assert said[3] == []
    assert document["trend"]["periods"][-1]["follow_through"] == 62.5


async def test_a_commitment_done_since_the_draft_is_no_longer_asked(
    store: Store, monthly: Survey
) -> None:
    store.add_commitment("One written lead definition", "marketing", "2026-11")
    app = make_app(store, "sales")
    async with app.run_test() as pilot:
        await pilot.press("1")  # answers the follow-up; the draft keeps it
        await pilot.pause()
    store.set_commitment_done(1)
    app = make_app(store, "sales")
    async with app.run_test() as pilot:
        assert "Respect & trust · 1 of 24" in screen_text(app)
        await answer_pages(pilot)
        await submit_from_review(pilot)
    assert store.load().response("monthly-pulse", "2026-11", "sales").follow_ups == {}

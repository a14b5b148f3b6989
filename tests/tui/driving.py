"""Drive the real pulse app under Pilot the way a VP would: keys only."""

from __future__ import annotations

from textual.pilot import Pilot

from gtm_pulse.core.periods import parse_period
from gtm_pulse.core.surveys import Catalog
from gtm_pulse.services.opening import Start
from gtm_pulse.store.database import Store
from gtm_pulse.store.survey_files import load_catalog
from gtm_pulse.tui.app import PulseApp
from gtm_pulse.tui.screens.take import TakeScreen


def make_app(store: Store, role: str | None = "sales", catalog: Catalog | None = None) -> PulseApp:
    start = Start(role, "monthly-pulse", parse_period("2026-11")) if role else None
    return PulseApp(store, catalog or load_catalog(), start)


async def answer_page(pilot: Pilot, likert: int = 4, text: str = "Keep it up") -> None:
    """Answer the page on screen as a person would, then move on."""
    screen = pilot.app.screen
    assert isinstance(screen, TakeScreen)
    question = screen.page.question
    if question.kind == "likert":
        await pilot.press(str(likert))
    elif question.kind == "single":
        await pilot.press("1")
    elif question.kind == "multi":
        await pilot.press("1", "right", "right", "n")  # tick the first friction, rate it severe
    else:
        await pilot.press(*text, "ctrl+n")
    await pilot.pause()


async def answer_pages(pilot: Pilot, count: int | None = None, **kwargs: object) -> None:
    """Answer ``count`` pages (default: all, ending on the review screen)."""
    done = 0
    while isinstance(pilot.app.screen, TakeScreen) and (count is None or done < count):
        await answer_page(pilot, **kwargs)  # type: ignore[arg-type]
        done += 1


def screen_text(app: PulseApp) -> str:
    """Every character the screen shows now (from an SVG screenshot, tags and escapes removed)."""
    import html
    import re

    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")

"""Export for slides and the board pack: every view and every slide as SVG, the agenda as Markdown.

Runs inside the app (a worker, from the ``e`` key) or headless (``dashboard --export DIR``, no
terminal needed: :func:`gtm_pulse.tui.dashboard.app.export_headless`). Files are written
atomically with mode 0600, like everything that holds the VPs' answers.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from textual.await_complete import AwaitComplete
from textual.screen import Screen
from textual.widget import AwaitMount

from gtm_pulse.report.as_markdown import render_markdown
from gtm_pulse.services.board import Board
from gtm_pulse.store.files import atomic_write
from gtm_pulse.tui.dashboard.presentation import SLIDES, PresentationScreen
from gtm_pulse.tui.dashboard.views import VIEWS

if TYPE_CHECKING:
    from textual.constants import AnimationLevel


class Dashboard(Protocol):
    """What the export drives: the running dashboard app, named by what it does rather than
    imported (the app imports this module)."""

    board: Board
    animation_level: AnimationLevel

    @property
    def active_view(self) -> str: ...

    @property
    def screen(self) -> Screen[object]: ...

    async def action_view(self, name: str) -> None: ...

    def export_screenshot(self, *, title: str | None = None) -> str: ...

    def push_screen(self, screen: Screen[Any]) -> AwaitMount: ...

    def pop_screen(self) -> AwaitComplete: ...


#: The size of exported screens: a 16:9 slide's worth of terminal.
EXPORT_SIZE = (120, 36)

#: Width of the charts in the exported Markdown agenda.
MARKDOWN_WIDTH = 100

#: The fonts an exported SVG asks for, all local: a board pack must look the same offline.
FONT_STACK = '"Fira Code", "DejaVu Sans Mono", "Menlo", "Consolas", monospace'

# Rich's SVG template (rich 15, used by Textual's screenshots) loads Fira Code from a CDN in
# two @font-face rules, names rich's site in a comment, and clips each line through a
# ``clip-path="url(#...)"``. Opened offline, the first makes a network request and the page
# falls back to another font; the clips only trim glyphs that overhang their line.
_FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}\s*")
_COMMENT = re.compile(r"<!--.*?-->\s*", re.DOTALL)
_CLIP_ATTRIBUTE = re.compile(r'\s+clip-path="url\(#[^)"]*\)"')
_CLIP_PATH = re.compile(r"<clipPath\b.*?</clipPath>\s*", re.DOTALL)
_FONT_FAMILY = re.compile(r"font-family:\s*Fira Code,\s*monospace;")


def offline_svg(svg: str) -> str:
    """``svg`` (a Rich export) with no external resource or ``url()`` left in it: the fonts a
    local stack, the CDN fonts, the comment and the line clips removed."""
    svg = _FONT_FACE.sub("", svg)
    svg = _COMMENT.sub("", svg)
    svg = _CLIP_ATTRIBUTE.sub("", svg)
    svg = _CLIP_PATH.sub("", svg)
    return _FONT_FAMILY.sub(f"font-family: {FONT_STACK};", svg)


async def _settle(app: Dashboard) -> None:
    """Let a view switch lay out and draw before it is captured (two refreshes: layout, paint)."""
    for _ in range(2):
        await app.screen.wait_for_refresh()


def _save(app: Dashboard, folder: Path, name: str, title: str) -> Path:
    target = folder / name
    atomic_write(target, offline_svg(app.export_screenshot(title=title)).encode("utf-8"))
    return target


async def export_all(app: Dashboard, folder: Path) -> list[Path]:
    """Write the views, the slides and ``agenda.md`` of the shown period into ``folder``.

    Nothing animates meanwhile: the tab bar's underline glides to each view's tab for 0.3 s,
    and the captures caught it on its way, somewhere else on every run."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)  # owner only, like the files in it
    level, app.animation_level = app.animation_level, "none"
    try:
        return await _export_all(app, folder)
    finally:
        app.animation_level = level


async def _export_all(app: Dashboard, folder: Path) -> list[Path]:
    board = app.board
    stem = f"{board.survey.id} {board.period}"
    written = []
    shown = app.active_view
    for number, view in enumerate(VIEWS, start=1):
        await app.action_view(view.name)  # built the first time it is shown
        await _settle(app)
        written.append(
            _save(app, folder, f"{number:02d}-{view.name}.svg", f"{stem} · {view.title}")
        )
    slides = PresentationScreen(board)
    await app.push_screen(slides)
    for number, slide in enumerate(SLIDES, start=1):
        slides.action_page(number - 1 - slides.index)
        await _settle(app)
        name = f"slide-{number:02d}-{slide}.svg"
        written.append(_save(app, folder, name, f"{stem} · {slide}"))
    app.pop_screen()
    await app.action_view(shown)
    agenda = folder / "agenda.md"
    atomic_write(agenda, render_markdown(board.review, MARKDOWN_WIDTH).encode("utf-8"))
    written.append(agenda)
    return written

"""The one gate from user text to Textual: shown as typed, never parsed as markup or run.

``[/]`` or ``[@click=app.quit]`` in a name or comment must show as typed; ``Content(text)`` and a
rich ``Text`` do not parse markup, and :func:`~gtm_pulse.core.safe_text.for_terminal` makes
control characters visible. Every name, comment, commitment, path or survey text the TUI shows
goes through one of these (a test checks that no other TUI module imports
:mod:`gtm_pulse.core.safe_text`).
"""

from __future__ import annotations

from rich.style import StyleType
from rich.text import Text
from textual.content import Content

from gtm_pulse.core.safe_text import for_terminal, terminal_lines


def literal(text: str) -> Content:
    """``text`` as Textual content that shows exactly what was typed."""
    return Content(for_terminal(text))


def literal_text(text: str, style: StyleType = "") -> Text:
    """``text`` as a rich ``Text`` (a table cell, a rich renderable) shown exactly as typed."""
    return Text(for_terminal(text), style)


def literal_str(text: str) -> str:
    """``text`` with its control characters made visible, for a string that is never parsed
    as markup: a notification sent with ``markup=False``, or a part of a ``Content(...)``."""
    return for_terminal(text)


def literal_lines(text: str) -> list[str]:
    """``text`` split at its line breaks, each line as :func:`literal_str` shows it: a comment
    typed on several lines shows as several lines."""
    return terminal_lines(text)

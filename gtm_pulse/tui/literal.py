"""The gate from user text to Textual: shown literally, never parsed as markup or run as actions.

``[/]`` or ``[@click=app.quit]`` in a name or comment must show as typed; ``Content(text)`` does not
parse markup, and :func:`~gtm_pulse.core.safe_text.for_terminal` makes control characters visible.
"""

from __future__ import annotations

from textual.content import Content

from gtm_pulse.core.safe_text import for_terminal


def literal(text: str) -> Content:
    """``text`` as Textual content that shows exactly what was typed."""
    return Content(for_terminal(text))

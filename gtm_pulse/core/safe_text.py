"""The single gate from user text (names, comments, company) to what a terminal shows.

User text is stored exactly as typed. Printed to a terminal, control characters would act instead
of showing: an escape sequence could recolour or clear the screen, a bidi override could reorder
the line. :func:`for_terminal` shows them as visible escapes. Every printed report and CLI message
uses it; the TUI's gate, :func:`gtm_pulse.tui.literal.literal`, adds to it that markup is never
interpreted. Here, not in the TUI, so printing commands never import textual.
"""

from __future__ import annotations

import unicodedata

# Bidirectional marks, embeddings, overrides and isolates: they reorder the text shown around
# them, so a name could show its letters in another order than typed.
_BIDI_CONTROLS = frozenset(
    "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def for_terminal(text: str) -> str:
    """``text`` with control and bidi-override characters shown as ``\\x1b``-style escapes."""
    if text.isprintable():
        return text
    return "".join(_visible(char) for char in text)


def terminal_lines(text: str) -> list[str]:
    """``text`` split at its line breaks, each line through :func:`for_terminal`.

    A comment typed on several lines shows as several lines (a report indents the ones after
    the first), not as ``\x0a``; any other control character stays a visible escape.
    """
    return [for_terminal(line) for line in text.replace("\r\n", "\n").split("\n")]


def _visible(char: str) -> str:
    if char in _BIDI_CONTROLS or unicodedata.category(char) in ("Cc", "Cs"):
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    return char

"""Plain-text layout for a terminal: cell widths, clipping, wrapping and side-by-side columns.

Printed reports promise that no line is wider than the width asked for. ``len()`` counts code
points, but a terminal gives East Asian wide characters two cells, combining marks none, and an
emoji sequence joined with U+200D one glyph, so every measure here is in cells, taken from
rich's tables (:mod:`rich.cells`): the ones Textual draws with, so a report shown in the TUI
lines up as it does printed. Importing them costs ~3 ms (measured with ``python -X importtime``:
``rich`` and ``rich.cells``, nothing else of rich), paid by every command that lays text out.
User text must pass through :func:`gtm_pulse.core.safe_text.for_terminal` first: these
functions assume printable text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from rich.cells import cell_len, split_graphemes

#: An ANSI SGR sequence (colour, bold): zero cells wide.
_SGR = re.compile(r"\x1b\[[0-9;]*m")


def strip_style(text: str) -> str:
    """``text`` without ANSI colour sequences."""
    return _SGR.sub("", text)


def cell_width(text: str) -> int:
    """Cells ``text`` takes in a terminal, colour sequences excluded."""
    return cell_len(strip_style(text))


def _graphemes(text: str) -> Iterator[tuple[int, int, int]]:
    """``(start, end, cells)`` of each character as the terminal draws it: a base with its
    combining marks, or an emoji sequence, is one."""
    if text.isascii():
        return ((index, index + 1, 1) for index in range(len(text)))
    return iter(split_graphemes(text)[0])


def clip(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` cells, ending in ``…`` when cut (no colour inside)."""
    if cell_width(text) <= width:
        return text
    if width <= 0:
        return ""
    kept, used = 0, 0
    for _, end, cells in _graphemes(text):
        if used + cells > width - 1:
            break
        kept, used = end, used + cells
    return text[:kept] + "…"


def pad(text: str, width: int, *, right: bool = False) -> str:
    """``text`` clipped to ``width`` cells and padded with spaces to exactly ``width``."""
    shown = clip(text, width)
    room = " " * (width - cell_width(shown))
    return room + shown if right else shown + room


def wrap(text: str, width: int) -> list[str]:
    """``text`` broken into lines of at most ``width`` cells, at spaces where possible.

    Existing line breaks are kept; a word longer than the line is split, so nothing is lost.
    """
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line, used = "", 0
        for word in paragraph.split(" "):
            cells = cell_width(word)
            gap = 1 if line else 0
            if used + gap + cells <= width:
                line, used = line + " " * gap + word, used + gap + cells
                continue
            if line:
                lines.append(line)
                line, used = "", 0
            while cells > width:  # a word wider than the line: split it
                head, rest = _split_at(word, width)
                lines.append(head)
                word, cells = rest, cell_width(rest)
            line, used = word, cells
        lines.append(line)
    return lines


def _split_at(word: str, width: int) -> tuple[str, str]:
    used = 0
    for index, end, cells in _graphemes(word):
        if used + cells > width:
            return (word[:index], word[index:]) if index else (word[:end], word[end:])
        used += cells
    return word, ""


def columns(blocks: Sequence[Sequence[str]], widths: Sequence[int], gap: str = " │ ") -> list[str]:
    """Blocks of lines side by side, each padded to its width; the shorter ones run out blank."""
    height = max((len(block) for block in blocks), default=0)
    rows = []
    for row in range(height):
        cells = [
            pad(block[row] if row < len(block) else "", width)
            for block, width in zip(blocks, widths, strict=True)
        ]
        rows.append(gap.join(cells).rstrip())
    return rows

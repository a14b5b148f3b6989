"""Figures as the reader sees them: rounded half up, and never on the wrong side of a line.

Python's ``round`` and ``format`` round half to even (62.5 shows as 62), which a reader
checking the arithmetic takes for a mistake. And a rounded figure can contradict its class:
health 59.56 shown as "60" beside "healthy from 60" while the quadrant says struggling. So a
figure that decides a class is shown with as many decimals as it takes to stay on the side of
each line (threshold) it really is on. Pure: no I/O, no UI.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

#: The most decimals a figure is shown with to keep it on its side of a line (as the JSON).
MOST_DECIMALS = 4


def half_up(value: float, decimals: int = 0) -> Decimal:
    """``value`` rounded half away from zero to ``decimals`` places (62.5 -> 63, -2.5 -> -3)."""
    # Decimal(str(x)) reads the value as it prints: 0.125 stays 0.125, not 0.12499999...
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def decimals_for(value: float, lines: Iterable[float] = (), *, keep_sign: bool = False) -> int:
    """The fewest decimals (0 to :data:`MOST_DECIMALS`) at which ``value`` stays on its side of
    every line in ``lines`` (below, on, or above it: a class may include its line from either
    side) and, with ``keep_sign``, does not round to zero unless it is zero."""
    for decimals in range(MOST_DECIMALS + 1):
        shown = float(half_up(value, decimals))
        if all(_side(shown, line) == _side(value, line) for line in lines) and (
            not keep_sign or (shown == 0) == (value == 0)
        ):
            return decimals
    return MOST_DECIMALS


def _side(value: float, line: float) -> int:
    return (value > line) - (value < line)


def shown(value: float, lines: Iterable[float] = (), *, digits: int = 0) -> str:
    """``value`` as text: ``digits`` decimals, or more where a line needs them (see above)."""
    decimals = max(digits, decimals_for(value, tuple(lines)))
    return f"{half_up(value, decimals):f}"


def change(value: float, lines: Iterable[float] = ()) -> str:
    """A change as text, signed (``+4``, ``-0.4``): never ``+0`` for something that moved."""
    decimals = decimals_for(value, tuple(lines), keep_sign=True)
    rounded = half_up(value, decimals)
    return f"{rounded:+f}" if rounded != 0 else "±0"

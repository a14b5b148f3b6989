"""How laptops agree on what they each wrote, from the set of records alone (``sync``).

Two rules, both functions of the records and nothing else (no wall clock, no arrival order), so
every laptop that holds the same records computes the same result, however skewed its clock:

* :func:`number_commitments`: each commitment is published with the number its laptop gave it
  (its claim). When two claim one number, the one with the lower record hash keeps it and the
  other takes the next number no one holds.
* :func:`latest`: of several values for one thing (a commitment's status, a metric's value for
  a period), the one with the highest logical clock (one more than the highest its author had
  seen), ties broken by the lower record hash.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar


@dataclass(frozen=True)
class Claim:
    """A commitment as published: its stable id, the number it claims, its record's hash."""

    ident: str
    claimed: int
    record: str


@dataclass(frozen=True)
class Move:
    """A commitment that could not keep its claimed number: ``ident`` is ``number``, since
    ``claimed`` is held by ``holder`` (the id of the commitment that kept it)."""

    ident: str
    claimed: int
    number: int
    holder: str


def number_commitments(claims: Iterable[Claim]) -> tuple[dict[str, int], list[Move]]:
    """Every commitment's number (id -> number, no number twice) and the moves it took.

    The same id claimed twice (published again with another number) counts once, by its lower
    record hash. Per claimed number, the lowest record hash keeps it; the others, in order of
    (claimed number, record hash), each take the lowest number above their claim that no
    commitment holds.
    """
    chosen: dict[str, Claim] = {}
    for claim in claims:
        kept = chosen.get(claim.ident)
        if kept is None or claim.record < kept.record:
            chosen[claim.ident] = claim
    keepers: dict[int, Claim] = {}
    for claim in chosen.values():
        holder = keepers.get(claim.claimed)
        if holder is None or claim.record < holder.record:
            keepers[claim.claimed] = claim
    numbers = {claim.ident: number for number, claim in keepers.items()}
    taken = set(keepers)
    moves = []
    losers = [c for c in chosen.values() if keepers[c.claimed].ident != c.ident]
    for claim in sorted(losers, key=lambda c: (c.claimed, c.record)):
        number = claim.claimed + 1
        while number in taken:
            number += 1
        taken.add(number)
        numbers[claim.ident] = number
        moves.append(Move(claim.ident, claim.claimed, number, keepers[claim.claimed].ident))
    return numbers, moves


T = TypeVar("T")


def latest(entries: Sequence[tuple[int, str, T]]) -> tuple[T, list[T]] | None:
    """Of (clock, record hash, value) entries, the value with the highest clock (ties: the
    lower hash), and the values it won over at the same clock (set at once, unseen by each
    other); None without entries."""
    if not entries:
        return None
    top = max(clock for clock, _, _ in entries)
    tied = sorted((entry for entry in entries if entry[0] == top), key=lambda e: e[1])
    return tied[0][2], [value for _, _, value in tied[1:]]

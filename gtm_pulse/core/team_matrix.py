"""The wider GTM team: every pair of roles that answered a period, and how aligned each pair is.

With a CRO, Customer Success or RevOps answering the same pulse, the Sales-Marketing gap is one
cell of a matrix. Each cell is the alignment index of that pair (see
:mod:`gtm_pulse.core.analysis`), so a cell only exists when both of its roles submitted: the
sealing rule, cell by cell.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

from gtm_pulse.core.analysis import compare
from gtm_pulse.core.models import Response, Survey
from gtm_pulse.core.periods import Period


@dataclass(frozen=True)
class Matrix:
    """Pairwise alignment of the roles that answered one period, in the team's role order."""

    period: Period
    roles: list[str]
    cells: dict[tuple[str, str], float]
    """(role, role) -> alignment 0-100, both orders; a role against itself is absent."""

    def alignment(self, a: str, b: str) -> float | None:
        return self.cells.get((a, b))

    def pairs(self) -> list[tuple[str, str, float]]:
        """Each pair once, least aligned first: the pairs to talk to first."""
        once = [(a, b, self.cells[(a, b)]) for a, b in combinations(self.roles, 2)]
        return sorted(once, key=lambda p: p[2])  # stable: ties keep the team's role order


def matrix(
    survey: Survey, responses: Mapping[str, Response], order: Sequence[str]
) -> Matrix | None:
    """The matrix of the roles in ``order`` that have a response; None with fewer than three."""
    present = [role for role in order if role in responses]
    if len(present) < 3:
        return None
    cells: dict[tuple[str, str], float] = {}
    for a, b in combinations(present, 2):
        alignment = compare(survey, responses[a], responses[b]).alignment
        cells[(a, b)] = cells[(b, a)] = alignment
    period = responses[present[0]].period
    return Matrix(period, present, cells)

"""Roles in the go-to-market team and how survey text names them.

Sales and Marketing are the pair every survey compares; the CEO reads the comparison. A team may
add further respondent roles later (CRO, Customer Success, RevOps, ...), so roles are open slugs.
"""

from __future__ import annotations

SALES = "sales"
MARKETING = "marketing"
CEO = "ceo"

#: The roles a team must have.
REQUIRED_ROLES = (SALES, MARKETING, CEO)

#: The default pair compared by every survey.
CORE_PAIR = (SALES, MARKETING)

_FUNCTION_NAMES = {
    SALES: "Sales",
    MARKETING: "Marketing",
    CEO: "CEO",
    "cro": "CRO",
    "cs": "Customer Success",
    "revops": "RevOps",
    "pmm": "Product Marketing",
}

#: Column headings where a table has little room (the dashboard's score columns).
_SHORT_NAMES = {MARKETING: "Mktg", "cs": "CS", "pmm": "PMM"}

#: How a report read by the CEO fills ``{other}`` and ``{own}`` (see ``Survey.neutral``).
NEUTRAL_OTHER = "the other side"
NEUTRAL_OWN = "my side"


def function_name(role: str) -> str:
    """The function a role leads, as survey text names it: ``sales`` -> ``Sales``."""
    return _FUNCTION_NAMES.get(role, role.replace("-", " ").title())


def short_name(role: str) -> str:
    """A narrow table column's heading for ``role``: ``marketing`` -> ``Mktg``."""
    return _SHORT_NAMES.get(role) or function_name(role)


def other_side(role: str) -> str:
    """Who "the other side" is for ``role``: Marketing for Sales, Sales for Marketing."""
    if role == SALES:
        return function_name(MARKETING)
    if role == MARKETING:
        return function_name(SALES)
    return f"{function_name(SALES)} and {function_name(MARKETING)}"


def title(role: str) -> str:
    """A person's title for ``role``: ``VP of Sales``, ``CEO``."""
    if role in (CEO, "cro"):
        return function_name(role)
    return f"VP of {function_name(role)}"

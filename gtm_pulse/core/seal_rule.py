"""The seal rule: whose answers for a period may be read, and the overrides that open them early.

Neither VP reads the other before answering. Every report, chart, export and screen asks
:func:`may_show`; an override is recorded so every later report of the period says so.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from gtm_pulse.core import roles
from gtm_pulse.core.models import Team
from gtm_pulse.core.periods import Period


def who(team: Team, role: str) -> str:
    """``Marketing (Sam Lee)``: how messages name a side."""
    return f"{roles.function_name(role)} ({team.members.get(role, '?')})"


def may_show(role: str, submitted: Collection[str]) -> bool:
    """Whether ``role``'s answers for a period may appear in any report, chart, export or
    screen, given the roles that have ``submitted`` that period: once it and both VPs have.

    The sealing rule, in one place: neither VP reads the other before answering, and a wider
    role's answers, which quote the VPs' work, stay sealed with theirs.
    """
    return role in submitted and all(vp in submitted for vp in roles.CORE_PAIR)


def concerned(pair: tuple[str, str]) -> list[str]:
    """The roles that must have submitted a period before ``pair`` may be compared on it: both
    VPs, then the pair's other roles."""
    return [*roles.CORE_PAIR, *(role for role in pair if role not in roles.CORE_PAIR)]


@dataclass(frozen=True)
class Override:
    """A CEO's override that opened answers before the seal allowed, as the database records it."""

    survey_id: str
    period: Period
    roles: tuple[str, ...]
    """Whose answers it opened early."""
    date: str
    """The day it ran, ``YYYY-MM-DD``."""
    by: str
    """Which override: ``compare --partial`` or ``export --role``."""

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Override:
        return cls(
            survey_id=data["survey_id"],
            period=data["period"],
            roles=tuple(data["roles"]),
            date=data["date"],
            by=data["by"],
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "survey_id": self.survey_id,
            "period": self.period,
            "roles": list(self.roles),
            "date": self.date,
            "by": self.by,
        }


@dataclass(frozen=True)
class Opening:
    """What an override is about to open early: whose answers, before whom has submitted."""

    override: Override
    waiting: tuple[str, ...]
    """The roles (VPs first) that have not submitted the period yet."""

    def note(self, team: Team) -> str:
        """The line the command prints on stderr, naming whose answers it opens and for whom
        the seal still held."""
        override = self.override
        option = override.by.split()[-1]
        opened = " and ".join(f"{who(team, role)}'s" for role in override.roles)
        waiting = " and ".join(who(team, role) for role in self.waiting)
        has = "have" if len(self.waiting) > 1 else "has"
        return (
            f"{option} opens {opened} answers for {override.period} before {waiting} {has} "
            "submitted; recorded"
        )


def opened_early_words(overrides: list[Override]) -> str | None:
    """``opened early by the CEO's override on 2026-11-15 (compare --partial: Sales)``: what
    every report of a period an override opened says; None when none did."""
    if not overrides:
        return None
    each = [
        f"on {o.date} ({o.by}: {', '.join(roles.function_name(r) for r in o.roles)})"
        for o in overrides
    ]
    return "opened early by the CEO's override " + "; ".join(each)

"""The team, its commitments and the numbers it tracks beside the pulse."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Literal

from gtm_pulse.core import roles
from gtm_pulse.core.models.common import DEFAULT_TEAM, now
from gtm_pulse.core.models.fields import (
    After,
    Ge,
    MaxLen,
    MinLen,
    Moment,
    Name,
    NotBlank,
    PeriodField,
    RoleId,
    Slug,
)
from gtm_pulse.core.models.record import Record


def _required_roles_named(members: dict[str, str]) -> dict[str, str]:
    missing = [role for role in roles.REQUIRED_ROLES if role not in members]
    if missing:
        raise ValueError(f"missing role {', '.join(missing)}")
    blank = [role for role, name in members.items() if not name.strip()]
    if blank:
        raise ValueError(f"blank name for {', '.join(blank)}")
    return members


@dataclasses.dataclass(frozen=True, kw_only=True)
class Team(Record):
    """The company and who holds each role; ``sales``, ``marketing`` and ``ceo`` are required."""

    company: NotBlank
    members: Annotated[dict[RoleId, Name], After(_required_roles_named)]
    """Role -> the person's name, e.g. ``{"sales": "Dana Ortiz"}``."""
    id: Slug = DEFAULT_TEAM
    """Which team of the database this is (one database can hold a board's many teams)."""

    @property
    def respondent_roles(self) -> list[str]:
        """The roles that answer surveys: everyone but the CEO, core pair first."""
        extra = sorted(r for r in self.members if r not in roles.REQUIRED_ROLES)
        return [*roles.CORE_PAIR, *extra]


@dataclasses.dataclass(frozen=True, kw_only=True)
class Commitment(Record):
    """Something the team agreed to do at an offsite, checked by the pulses that follow.

    Open until marked done; every pulse from its ``due`` period on asks both VPs whether it
    happened, so the next offsite sees follow-through next to the trend.
    """

    number: Annotated[int, Ge(1)]
    """Shown as ``#3``; ``gtm-pulse actions done 3`` names it."""
    text: NotBlank
    owner: RoleId
    due: PeriodField
    """The first period whose pulse asks about it (a month, or a quarter's last month)."""
    agreed_in: PeriodField | None = None
    """The period whose review led to it (the offsite's), if known."""
    created_at: Moment = dataclasses.field(default_factory=now)
    done_at: Moment | None = None

    @property
    def done(self) -> bool:
        return self.done_at is not None


@dataclasses.dataclass(frozen=True, kw_only=True)
class Metric(Record):
    """A number the team tracks each month beside the pulse (e.g. MQL-to-SQL acceptance).

    Survey items name it (``metric = "mql-acceptance"``) to show its trend beside their scores.
    """

    id: Slug
    name: Annotated[str, MinLen(1), MaxLen(200)]
    unit: Annotated[str, MaxLen(20)] = ""
    better: Literal["higher", "lower"] = "higher"
    values: dict[PeriodField, float] = dataclasses.field(default_factory=dict)
    """Period -> value."""

    def shown(self, value: float) -> str:
        """``45%``, ``36 h``, ``1,200 k€``: a value with its unit."""
        number = f"{value:,.0f}" if abs(value) >= 100 else f"{value:g}"
        if not self.unit:
            return number
        return f"{number}{self.unit}" if self.unit in ("%", "x") else f"{number} {self.unit}"

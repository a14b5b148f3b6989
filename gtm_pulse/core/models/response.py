"""A VP's answers: submitted responses (sealed and signed), drafts, and follow-ups."""

from __future__ import annotations

import dataclasses
from typing import Annotated

from gtm_pulse.core.models.common import Answer, FollowUpStatus, Guess, new_id, now
from gtm_pulse.core.models.fields import (
    Ge,
    Hex64,
    Hex128,
    Moment,
    Name,
    PeriodField,
    RoleId,
    Slug,
    Text,
)
from gtm_pulse.core.models.record import Record


@dataclasses.dataclass(frozen=True)
class FollowUp(Record):
    """A VP's answer to "did this commitment happen?", asked in the pulse after it fell due."""

    status: FollowUpStatus
    comment: Text = ""


@dataclasses.dataclass(frozen=True)
class Seal(Record):
    """A commitment to a response's content: SHA-256 of its canonical form and a random salt.

    Made when the response is stored; anyone can later recompute it (see
    :mod:`gtm_pulse.core.sealing`), so an answer changed afterwards, in the file or in transit,
    no longer matches. The salt keeps the hash from giving the answers away.
    """

    salt: Hex64
    sha256: Hex64


@dataclasses.dataclass(frozen=True)
class Signature(Record):
    """An Ed25519 signature over a response (see :mod:`gtm_pulse.store.signing`), by ``key``."""

    key: Hex64
    """The public key, hex: one of the role's keys in the database's ``keys`` table."""
    prev: Hex64 | None
    """The hash of the revision before this one (None for revision 1): a chain per response."""
    value: Hex128


@dataclasses.dataclass(frozen=True, kw_only=True)
class Response(Record):
    """One VP's submitted answers to one survey for one period (one revision of it)."""

    id: str = dataclasses.field(default_factory=new_id)
    survey_id: Slug
    survey_version: Annotated[int, Ge(1)]
    role: RoleId
    respondent: Name
    period: PeriodField
    answers: dict[str, Answer]
    comments: dict[str, Text] = dataclasses.field(default_factory=dict)
    """Dimension id -> the VP's free comment on it."""
    follow_ups: dict[str, FollowUp] = dataclasses.field(default_factory=dict)
    """Commitment number -> whether it happened, for the commitments due by ``period``."""
    predictions: dict[str, Guess] = dataclasses.field(default_factory=dict)
    """Question id -> the answer this VP expects from the other VP (on the scale, as given, or
    ``n/a`` when the VP expects the other to find it does not apply)."""
    submitted_at: Moment = dataclasses.field(default_factory=now)
    revision: Annotated[int, Ge(1)] = 1
    """1 for the first submission; each amendment adds one and keeps the previous in history."""
    amended_after_reveal: bool = False
    """An amendment made once both VPs had submitted, i.e. after seeing the other's answers."""
    seal: Seal | None = None
    """Set by the store when the response is submitted (None only in files from before seals)."""
    signature: Signature | None = None
    """Set by the store, on the member's laptop, after the seal (None before signatures)."""
    late_arrival: bool = False
    """Set by an importing database: an amendment that arrived once it held both VPs' answers
    for the period. Not signed or sealed: it is what this database saw, not what the author
    said (the author's laptop may never have held the other side)."""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.survey_id, self.period, self.role)


@dataclasses.dataclass(frozen=True, kw_only=True)
class Draft(Record):
    """An unfinished response, autosaved after every answer so nothing is lost."""

    survey_id: Slug
    survey_version: Annotated[int, Ge(1)]
    role: RoleId
    period: PeriodField
    answers: dict[str, Answer] = dataclasses.field(default_factory=dict)
    comments: dict[str, Text] = dataclasses.field(default_factory=dict)
    amending: bool = False
    """True when the draft revises an already submitted response."""
    updated_at: Moment = dataclasses.field(default_factory=now)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.survey_id, self.period, self.role)

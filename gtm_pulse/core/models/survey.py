"""A survey definition and its parts, as ``surveys/*.toml`` declares them.

Each field carries its constraints; :mod:`.survey_rules` holds the rules over several fields.
Both apply only when a definition is validated (a survey file, or a copy a database recorded).
"""

from __future__ import annotations

import dataclasses
import functools
from typing import Annotated, Any, ClassVar, Literal

from gtm_pulse.core import roles
from gtm_pulse.core.models import survey_rules as rules
from gtm_pulse.core.models.common import SECONDS_PER_KIND, QuestionKind
from gtm_pulse.core.models.fields import (
    LABEL_MAX,
    After,
    Ge,
    Gt,
    Le,
    MaxLen,
    MinLen,
    RoleId,
    Slug,
    Words,
)
from gtm_pulse.core.models.record import STRICT_TYPES, Record
from gtm_pulse.core.periods import Cadence

#: A question's short label: one line, short enough for a chart's label column.
Label = Annotated[str, MaxLen(LABEL_MAX), After(rules.label_is_plain)]


class Definition(Record):
    """A part of a survey file: unknown keys are errors, and types are strict."""

    __slots__ = ()
    __pydantic_config__: ClassVar[dict[str, Any]] = STRICT_TYPES


def _fill(text: str, other: str, own: str) -> str:
    """``text`` with ``{other}`` and ``{own}`` filled in; ``{other}'s`` of a name ending in s is
    ``Sales'`` ("Sales's work" reads as a slip in front of the VP of Marketing)."""
    for field, name in (("other", other), ("own", own)):
        if name.endswith("s"):
            text = text.replace(f"{{{field}}}'s", f"{{{field}}}'")
    return text.format(other=other, own=own)


@dataclasses.dataclass(frozen=True)
class Scale(Definition):
    """The agreement scale of likert questions: ``points`` values 1..points, one label each."""

    points: Annotated[int, Ge(2), Le(11)]
    labels: list[Words]

    def _checked(self) -> Scale:
        return rules.one_label_per_point(self)


@dataclasses.dataclass(frozen=True)
class Dimension(Definition):
    """A theme of the survey (e.g. Respect & trust) that groups questions and their gaps."""

    id: Slug
    name: Words
    description: str = ""
    comment: str | None = None
    """The prompt of the optional free comment on this dimension; None asks no comment."""


@dataclasses.dataclass(frozen=True)
class Option(Definition):
    """A choice of a single or multi question; answers refer to it by ``id``."""

    id: Slug
    label: Words


@dataclasses.dataclass(frozen=True, kw_only=True)
class Question(Definition):
    """One survey item. The same wording is shown to both VPs; see :meth:`Survey.render`."""

    id: Annotated[Slug, After(rules.not_reserved)]
    dimension: Slug
    kind: QuestionKind
    text: Annotated[str, MinLen(1), After(rules.known_placeholders)]
    label: Annotated[str, MaxLen(LABEL_MAX), After(rules.label_is_plain)] = dataclasses.field(
        default="", compare=False
    )
    """A short name (at most 32 characters) for charts, flags and the agenda, where the whole
    statement does not fit. Presentation only, so it is left out of equality: relabelling a
    question does not change what its answers mean (nor need a new survey version). Required in
    a survey file (see :func:`gtm_pulse.core.surveys.label_problems`); a definition a database
    recorded before labels existed has none."""
    help: str = ""
    reverse: bool = False
    """Likert only: agreeing means trouble, so the score is flipped before analysis."""
    required: bool | None = None
    """Default: required for likert, single and multi; optional for text."""
    options: list[Option] = dataclasses.field(default_factory=list)
    severities: list[Words] = dataclasses.field(default_factory=list)
    """Multi only: how bad a picked item is, mildest first; the last entry is "severe"."""
    predict: bool = False
    """Likert only: after answering, each VP predicts the other VP's answer."""
    tension: Literal["healthy"] | None = None
    """Likert only: "healthy" when different answers are expected and useful (deals now vs
    brand later): its gap is shown apart, never flagged, and left out of the indices."""
    metric: Slug | None = None
    """The id of a team metric this item speaks to (shown beside its scores), if any."""

    @property
    def is_required(self) -> bool:
        return self.required if self.required is not None else self.kind != "text"

    def option(self, option_id: str) -> Option | None:
        return next((option for option in self.options if option.id == option_id), None)

    def _checked(self) -> Question:
        return rules.fields_fit_kind(self)


@dataclasses.dataclass(frozen=True)
class Thresholds(Definition):
    """When compare raises a flag and names a quadrant; a survey file may set its own."""

    gap: Annotated[float, Gt(0)] = 2.0
    """An item is flagged when the two scores differ by at least this many points."""
    low_trust: Annotated[float, Ge(0)] = 2.0
    """A trust item scored at or below this by either side is flagged."""
    trust_dimension: str = "respect"
    """The dimension whose items are trust items."""
    shared_problem: Annotated[float, Ge(0)] = 2.0
    """A statement both sides score at or below this (after its direction) is a shared problem:
    they agree things are bad, which the CEO must see as much as a disagreement."""
    alignment_drop: Annotated[float, Gt(0)] = 10.0
    """Alignment falling by at least this much since the previous period is flagged."""
    aligned: Annotated[float, Ge(0), Le(100)] = 75.0
    """Alignment index at or above which the pair counts as aligned."""
    healthy: Annotated[float, Ge(0), Le(100)] = 60.0
    """Health index at or above which things count as healthy."""
    misread: Annotated[float, Gt(0)] = 2.0
    """A prediction this many points or more off the other side's answer is a blind spot."""


@dataclasses.dataclass(frozen=True)
class Mirror(Definition):
    """The same question asked about each function: how each side rates itself and the other.

    ``about`` maps a role to the question about that role's function, e.g. ``{"marketing":
    "frictions-lead-quality", "sales": "frictions-lead-follow-up"}``; both VPs answer both.
    """

    id: Slug
    name: Words
    about: Annotated[dict[RoleId, Slug], After(rules.one_per_side)]


@dataclasses.dataclass(frozen=True)
class Band(Definition):
    """One relationship stage and the stage score from which it starts."""

    name: Slug
    starts: Annotated[float, Ge(0), Le(100)]


@dataclasses.dataclass(frozen=True)
class StageRule(Definition):
    """How a survey places the relationship on stages (see :mod:`gtm_pulse.core.stages`).

    The stage score of one side is 100 x its mean score over ``questions`` / P (reverse
    statements flipped, n/a left out): 20 to 100 on a 1-5 scale, as a total of twenty 1-5
    answers would be. ``bands`` name the stages from the lowest up.
    """

    questions: Annotated[list[Slug], MinLen(1)]
    bands: Annotated[list[Band], MinLen(2)]

    def _checked(self) -> StageRule:
        return rules.bands_rise(self)


@dataclasses.dataclass(frozen=True, kw_only=True)
class Survey(Definition):
    """A survey definition from ``surveys/*.toml``, identified by ``id`` and ``version``."""

    id: Slug
    version: Annotated[int, Ge(1)]
    title: Words
    description: str = dataclasses.field(default="", compare=False)
    """Words for the VP before the first question: presentation, so left out of equality."""
    cadence: Cadence
    scale: Scale
    dimensions: Annotated[list[Dimension], MinLen(1)]
    questions: Annotated[list[Question], MinLen(1)]
    thresholds: Thresholds = Thresholds()
    mirrors: list[Mirror] = dataclasses.field(default_factory=list)
    stage: StageRule | None = None
    """How answers place the relationship on stages (undefined ... integrated), if they do."""

    def _checked(self) -> Survey:
        return rules.references_hold(self)

    @property
    def key(self) -> tuple[str, int]:
        return (self.id, self.version)

    @functools.cached_property
    def _by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    def question(self, question_id: str) -> Question | None:
        return self._by_id.get(question_id)

    def label(self, question_id: str) -> str:
        """The question's short label: what charts, flags and the agenda call it.

        A definition recorded before labels existed has none: its id stands in.
        """
        question = self._by_id.get(question_id)
        return (question.label if question else "") or question_id

    def with_labels(self, other: Survey) -> Survey:
        """This survey with the labels ``other`` (the same definition, read from its file) has.

        A database records the definition its responses answered; one recorded before labels
        existed gets them from the survey file of the same id and version, if its meaning is
        the same.
        """
        if other != self:
            return self
        return dataclasses.replace(
            self,
            questions=[
                dataclasses.replace(q, label=q.label or other.label(q.id)) for q in self.questions
            ],
        )

    @functools.cached_property
    def likert(self) -> list[Question]:
        """The agreement statements, in survey order: what every comparison scores."""
        return [q for q in self.questions if q.kind == "likert"]

    @functools.cached_property
    def predicted(self) -> list[Question]:
        """The statements each VP also guesses the other VP's answer to."""
        return [q for q in self.likert if q.predict]

    def dimension(self, dimension_id: str) -> Dimension | None:
        return next((d for d in self.dimensions if d.id == dimension_id), None)

    def questions_in(self, dimension_id: str) -> list[Question]:
        return [q for q in self.questions if q.dimension == dimension_id]

    def render(self, text: str, role: str) -> str:
        """``text`` with ``{other}`` and ``{own}`` filled in for the respondent's ``role``."""
        return _fill(text, roles.other_side(role), roles.function_name(role))

    def neutral(self, text: str) -> str:
        """``text`` as the CEO reads it: ``{other}`` is "the other side", ``{own}`` "my side".

        Reports are read by neither VP, so neither VP's wording fits; the sentence stays whole.
        """
        filled = _fill(text, roles.NEUTRAL_OTHER, roles.NEUTRAL_OWN)
        return filled[:1].upper() + filled[1:] if text.startswith("{") else filled

    def answer_count(self) -> int:
        """How many answers a VP gives: every question and every guess (the TUI's "3 of 24";
        follow-ups on commitments come on top, in the periods they are due)."""
        return len(self.questions) + len(self.predicted)

    def parts(self) -> str:
        """``24 answers: 18 statements, 4 guesses, 1 checklist, 1 free-text question``: the one
        way ``surveys list``, ``surveys show`` and ``validate`` count a survey."""
        kinds = [q.kind for q in self.questions]
        found = [
            (kinds.count("likert"), "statement"),
            (len(self.predicted), "guess"),
            (kinds.count("single"), "single choice"),
            (kinds.count("multi"), "checklist"),
            (kinds.count("text"), "free-text question"),
        ]
        named = [
            f"{n} {word}{'es' if word == 'guess' and n != 1 else '' if n == 1 else 's'}"
            for n, word in found
            if n
        ]
        return f"{self.answer_count()} answers: {', '.join(named)}"

    def estimated_seconds(self) -> int:
        """How long a VP needs to answer every question, by :data:`SECONDS_PER_KIND`; a
        prediction of the other VP's answer is one more agreement statement."""
        predictions = sum(1 for q in self.questions if q.predict)
        return (
            sum(SECONDS_PER_KIND[q.kind] for q in self.questions)
            + predictions * (SECONDS_PER_KIND["likert"])
        )

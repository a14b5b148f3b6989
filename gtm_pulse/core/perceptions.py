"""How well each VP reads the other, and where each blames the other: pure, over a comparison.

Predictions (``predict = true`` items): each VP guessed the other's answer. Scores are health
scores (reverse items flipped, see :func:`gtm_pulse.core.analysis.score`), P the scale's points.

* A **misreading** is the guess minus the other's actual score: positive when a VP thinks the
  other sees things better than the other does, negative when worse.
* **Mutual understanding** = 100 x (1 - mean |misreading| / (P - 1)) over both sides' guesses:
  100 when every guess is right, 0 when every guess sits at the opposite end of the scale.
* A **blind spot** is a guess at least ``thresholds.misread`` points off: a VP confidently wrong
  about the other.

Mirror pairs ask the same question about each function. A side's **self-favour** on a pair is
how it scores its own function minus how the other side scores that function; the **blame
asymmetry** of a pair is the mean of both sides' self-favour (0: each sees its own function as
the other does; positive: each rates itself above how it is rated, so each blames the other).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from gtm_pulse.core import roles
from gtm_pulse.core.analysis import Comparison, mean, score
from gtm_pulse.core.predictions import predicted_role


class Reading(NamedTuple):
    """One VP's guess at the other's answer to one statement, against what the other said.

    A named tuple: a trend builds these for every period (see ``analysis.ItemGap``).
    """

    question_id: str
    by: str
    """The role that guessed."""
    of: str
    """The role whose answer was guessed."""
    guess: float
    actual: float

    @property
    def misreading(self) -> float:
        """Guess minus actual, in score points (positive: thought the other saw it better)."""
        return self.guess - self.actual


class SelfFavour(NamedTuple):
    """How one side scores its own function against how the other side scores it."""

    role: str
    question_id: str
    """The mirror question about ``role``'s function."""
    own: float
    by_other: float

    @property
    def favour(self) -> float:
        return self.own - self.by_other


class MirrorBlame(NamedTuple):
    """One mirror pair: each side's self-favour, left first, and the pair's asymmetry."""

    mirror_id: str
    name: str
    sides: tuple[SelfFavour, SelfFavour]

    @property
    def asymmetry(self) -> float:
        return mean(side.favour for side in self.sides)


@dataclass(frozen=True)
class Perceptions:
    """What predictions and mirror pairs say about one comparison."""

    pair: tuple[str, str]
    readings: list[Reading]
    """Both sides' guesses, in survey order, left's first for each statement."""
    understanding: float | None
    """Mutual understanding 0-100; None when nobody made a guess."""
    by_side: dict[str, float]
    """Role -> that side's own understanding 0-100 (roles with at least one guess)."""
    blind_spots: list[Reading]
    """Guesses at least ``thresholds.misread`` off, largest first."""
    blame: list[MirrorBlame]
    self_favour: dict[str, float]
    """Role -> mean self-favour over the mirror pairs (empty without mirror pairs)."""

    @property
    def blame_asymmetry(self) -> float | None:
        """The mean asymmetry over every mirror pair; None without mirror pairs."""
        return mean(b.asymmetry for b in self.blame) if self.blame else None


def index(misreadings: list[float], points: int) -> float:
    """100 x (1 - mean |misreading| / (P - 1)): the understanding index of some guesses.

    Misreadings are differences of whole scores, so a plain sum is exact.
    """
    return 100 * (1 - sum(map(abs, misreadings)) / len(misreadings) / (points - 1))


def perceive(comparison: Comparison) -> Perceptions:
    """The readings, understanding, blind spots and blame of ``comparison``."""
    survey = comparison.survey
    points = survey.scale.points
    readings = _readings(comparison)
    mine: dict[str, list[float]] = {}
    for reading in readings:
        mine.setdefault(reading.by, []).append(reading.misreading)
    by_side = {role: index(mine[role], points) for role in comparison.pair if role in mine}
    misread = survey.thresholds.misread
    blind = sorted(
        (r for r in readings if abs(r.misreading) >= misread),
        key=lambda r: -abs(r.misreading),
    )
    blame = _blame(comparison)
    self_favour = (
        {role: mean(b.sides[n].favour for b in blame) for n, role in enumerate(comparison.pair)}
        if blame
        else {}
    )
    return Perceptions(
        pair=comparison.pair,
        readings=readings,
        understanding=index([r.misreading for r in readings], points) if readings else None,
        by_side=by_side,
        blind_spots=blind,
        blame=blame,
        self_favour=self_favour,
    )


def figures(comparison: Comparison) -> tuple[float | None, float | None]:
    """Mutual understanding and blame asymmetry alone: what a trend shows for each period.

    The same figures as :func:`perceive`, without its blind spots and per-side figures (a trend
    works them out for every period).
    """
    points = comparison.survey.scale.points
    misreadings = [r.misreading for r in _readings(comparison)]
    asymmetries = [blame.asymmetry for blame in _blame(comparison)]
    return (
        index(misreadings, points) if misreadings else None,
        sum(asymmetries) / len(asymmetries) if asymmetries else None,
    )


def _readings(comparison: Comparison) -> list[Reading]:
    """Every guess at the other VP's answer, in survey order, left's first per statement."""
    survey = comparison.survey
    points = survey.scale.points
    # A guess is at the other VP: a wider pair (CRO and Sales...) holds none of each other's.
    sides = [
        (guesser, other)
        for guesser, other in (comparison.responses, comparison.responses[::-1])
        if predicted_role(guesser.role) == other.role
    ]
    found = []
    for question in survey.predicted if sides else ():
        for guesser, other in sides:
            guess = score(question, guesser.predictions.get(question.id), points)
            actual = score(question, other.answers.get(question.id), points)
            if guess is not None and actual is not None:
                found.append(Reading(question.id, guesser.role, other.role, guess, actual))
    return found


def _blame(comparison: Comparison) -> list[MirrorBlame]:
    """Each mirror pair both sides answered fully; none for a pair other than the two VPs
    (every mirror pair asks about their two functions: checked when the survey loads)."""
    survey = comparison.survey
    if not survey.mirrors or set(comparison.pair) != set(roles.CORE_PAIR):
        return []
    points = survey.scale.points
    left, right = comparison.responses
    found = []
    for mirror in survey.mirrors:
        sides = []
        for me, them in ((left, right), (right, left)):
            question = survey.question(mirror.about[me.role])
            assert question is not None  # checked when the survey was loaded
            own = score(question, me.answers.get(question.id), points)
            seen = score(question, them.answers.get(question.id), points)
            if own is None or seen is None:
                break
            sides.append(SelfFavour(me.role, question.id, own, seen))
        else:
            found.append(MirrorBlame(mirror.id, mirror.name, (sides[0], sides[1])))
    return found

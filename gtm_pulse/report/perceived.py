"""The text report's sections on perceptions: healthy tension, how each side reads the other,
blame on mirror pairs, the team's metrics beside the items, and the wider team's matrix.

Each section is empty when the survey or the team has nothing for it, so a survey without
predictions or mirror pairs prints exactly what it printed before.
"""

from __future__ import annotations

from collections.abc import Sequence

from gtm_pulse.core import figures, roles, wording
from gtm_pulse.core.analysis import Comparison
from gtm_pulse.core.metrics import sentence
from gtm_pulse.core.perceptions import MirrorBlame, Perceptions, Reading
from gtm_pulse.core.team_matrix import Matrix
from gtm_pulse.core.termtext import wrap
from gtm_pulse.report.charts import Bar, Ink, diverging_bars, heatmap, rule
from gtm_pulse.report.common import question_text
from gtm_pulse.services.comparing import Review


def perception_sections(review: Review, current: Comparison, width: int, ink: Ink) -> list[str]:
    """How each side reads and blames the other, the metrics and the team matrix, if any."""
    lines: list[str] = []
    if review.perceptions is not None:
        lines += readings_section(current, review.perceptions, width, ink)
        lines += blame_section(current, review.perceptions, width, ink)
    lines += metrics_section(review, current, width, ink)
    lines += matrix_section(review, width, ink)
    return lines


def tension_section(current: Comparison, width: int, ink: Ink) -> list[str]:
    """Items where different answers are expected: shown, never flagged, never indexed."""
    if not current.tensions:
        return []
    left, right = (roles.function_name(role) for role in current.pair)
    title = "Healthy tension: expected to differ, never flagged, not in the indices"
    lines = ["", rule(title, width, ink)]
    survey = current.survey
    for item in current.tensions:
        text = question_text(survey, item.question_id)
        said = wording.quote_pair(survey, (left, right), (item.left_answer, item.right_answer))
        lines += wrap(f"{survey.label(item.question_id)}: {said}. '{text}'", width)
    return lines


def reading_words(current: Comparison, reading: Reading) -> str:
    """``Sales expected Marketing to score 'X' 4; Marketing scored 2 (off by +2)``."""
    by, of = roles.function_name(reading.by), roles.function_name(reading.of)
    text = question_text(current.survey, reading.question_id)
    survey = current.survey
    guess = wording.said_by(survey, reading.question_id, reading.guess)
    actual = wording.said_by(survey, reading.question_id, reading.actual)
    return (
        f"{by} expected {of} to answer '{text}' {guess}; {of} answered {actual} "
        f"({wording.points(abs(reading.misreading))} off, thought it "
        f"{'better' if reading.misreading > 0 else 'worse'} than it is)"
    )


def readings_section(
    current: Comparison, perceived: Perceptions, width: int, ink: Ink
) -> list[str]:
    """The understanding index, each guess's misreading as bars, and the blind spots."""
    if perceived.understanding is None:
        return []
    sides = ", ".join(
        f"{roles.function_name(role)} {figures.shown(value)}"
        for role, value in perceived.by_side.items()
    )
    title = (
        f"Reading each other: understanding {figures.shown(perceived.understanding)}/100 ({sides})"
    )
    lines = ["", rule(title, width, ink)]
    lines += wrap(
        "Each VP guessed the other's answer. Bars: the guess minus the real answer "
        "(right: thought the other saw it better; left: worse). 100 = every guess right.",
        width,
    )
    lines += misreading_chart(current, perceived, width, ink)
    misread = current.survey.thresholds.misread
    count = len(perceived.blind_spots)
    lines.append("")
    if not count:
        lines += wrap(f"No blind spot: every guess within {misread:g} points.", width)
        return lines
    lines += wrap(f"Blind spots ({count}): confidently wrong about the other side", width)
    for number, reading in enumerate(perceived.blind_spots, start=1):
        head = f"{number:2d}. "
        body = wrap(reading_words(current, reading), width - len(head))
        lines += [head + body[0], *("    " + line for line in body[1:])]
    return lines


def misreading_chart(
    current: Comparison, perceived: Perceptions, width: int, ink: Ink
) -> list[str]:
    """Each guess minus the real answer, grouped by statement; ``!`` marks a blind spot."""
    misread = current.survey.thresholds.misread
    rows = []
    for question_id in dict.fromkeys(r.question_id for r in perceived.readings):
        rows.append(Bar(current.survey.label(question_id), None))
        rows += [
            Bar(f"  {roles.function_name(r.by)}", r.misreading, abs(r.misreading) >= misread)
            for r in perceived.readings
            if r.question_id == question_id
        ]
    sides = ("thought it worse", "thought it better")
    return diverging_bars(rows, sides, _span(current), width, ink, short=("worse", "better"))


def blame_chart(current: Comparison, perceived: Perceptions, width: int, ink: Ink) -> list[str]:
    """Each side's self-favour on each mirror pair."""
    rows = []
    for blame in perceived.blame:
        rows.append(Bar(blame.name, None))
        rows += [Bar(f"  {roles.function_name(s.role)}", s.favour) for s in blame.sides]
    sides = ("rates itself lower", "rates itself higher")
    return diverging_bars(rows, sides, _span(current), width, ink, short=("lower", "higher"))


def signed(value: float) -> str:
    """``+0.25``, ``-1``, ``+0``: a figure with its sign, to two decimals at most."""
    return f"{round(value, 2):+g}"


def _span(current: Comparison) -> int:
    return current.survey.scale.points - 1


def blame_words(current: Comparison, blames: Sequence[MirrorBlame]) -> list[str]:
    """Two sentences per mirror pair, one per side: how it rates itself, how the other does."""
    found = []
    for blame in blames:
        for side in blame.sides:
            own = roles.function_name(side.role)
            other = next(roles.function_name(r) for r in current.pair if r != side.role)
            text = question_text(current.survey, side.question_id)
            survey = current.survey
            mine = wording.said_by(survey, side.question_id, side.own)
            theirs = wording.said_by(survey, side.question_id, side.by_other)
            found.append(
                f"{own} answers its own '{text}' {mine}, {other} answers {theirs} "
                f"(self-favour {side.favour:+g})"
            )
    return found


def blame_section(current: Comparison, perceived: Perceptions, width: int, ink: Ink) -> list[str]:
    """Self-favour per side on each mirror pair, as bars, with the asymmetry figures."""
    if perceived.blame_asymmetry is None:
        return []
    sides = ", ".join(
        f"{roles.function_name(role)} {signed(value)}"
        for role, value in perceived.self_favour.items()
    )
    title = f"Blame: asymmetry {signed(perceived.blame_asymmetry)} ({sides})"
    lines = ["", rule(title, width, ink)]
    lines += wrap(
        "The same question about each function. Bars: how a side rates its own function "
        "minus how the other side rates it; 0 = both see it alike, above 0 = it blames the other.",
        width,
    )
    lines += blame_chart(current, perceived, width, ink)
    words = blame_words(current, perceived.blame)
    for number, blame in enumerate(perceived.blame):
        lines += ["", *wrap(f"{blame.name}: asymmetry {signed(blame.asymmetry)}", width)]
        for sentence_ in words[2 * number : 2 * number + 2]:
            lines += ["  " + line for line in wrap(sentence_, width - 2)]
    return lines


def metrics_section(review: Review, current: Comparison, width: int, ink: Ink) -> list[str]:
    """Each item that cites a team metric, with the metric's movement beside its scores."""
    if not review.metrics:
        return []
    lines = ["", rule("Numbers beside perceptions", width, ink)]
    for seen in review.metrics:
        lines += wrap(f"{seen.arrow} {sentence(current, seen)}", width)
    return lines


def matrix_chart(found: Matrix, width: int, ink: Ink) -> list[str]:
    """The matrix as a heat map, roles by their function's name."""
    names = [roles.function_name(role) for role in found.roles]

    def value(i: int, j: int) -> float | None:
        return found.alignment(found.roles[i], found.roles[j])

    return heatmap(names, value, width, ink)


def matrix_section(review: Review, width: int, ink: Ink) -> list[str]:
    """Pairwise alignment of every role that answered, with the least aligned pair named."""
    found = review.matrix
    if found is None:
        return []
    lines = ["", rule(f"Team: pairwise alignment, {found.period}", width, ink)]
    lines += matrix_chart(found, width, ink)
    a, b, lowest = found.pairs()[0]
    lines += wrap(
        f"Least aligned: {roles.function_name(a)} and {roles.function_name(b)} "
        f"({figures.shown(lowest)}). "
        "compare --pair ROLE,ROLE looks closer.",
        width,
    )
    return lines

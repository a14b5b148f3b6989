"""The CEO's one-screen answer, as text: indices and quadrant, charts, frictions, flags, agenda,
comments side by side.

Every line fits ``width`` cells; user text (names, comments) is shown literally through
:func:`~gtm_pulse.core.safe_text.for_terminal` and laid out in cells by
:mod:`gtm_pulse.core.termtext`.
"""

from __future__ import annotations

from gtm_pulse.core import figures, roles
from gtm_pulse.core.analysis import Comparison, Flag
from gtm_pulse.core.commitments import describe
from gtm_pulse.core.safe_text import for_terminal, terminal_lines
from gtm_pulse.core.termtext import clip, columns, pad, wrap
from gtm_pulse.core.trend import arrow
from gtm_pulse.report.charts import (
    LEFT_COLOUR,
    LEFT_GLYPH,
    RIGHT_COLOUR,
    RIGHT_GLYPH,
    Ink,
    dimension_bars,
    gap_bars,
    rule,
    solo_bars,
)
from gtm_pulse.report.common import (
    NO_AGENDA,
    agenda_words,
    choice_label,
    dimension_name,
    follow_up_answers,
    friction_named_by,
    gap_meaning,
    not_applicable_words,
    question_text,
    stage_now,
    stage_words,
)
from gtm_pulse.report.perceived import perception_sections, tension_section
from gtm_pulse.report.trend import trend_section
from gtm_pulse.services.comparing import Review


def render_text(review: Review, width: int, ink: Ink) -> str:
    """The whole text report for ``review``, every line at most ``width`` cells wide."""
    lines = _header(review, width, ink)
    if review.current is None:
        lines += _partial_body(review, width, ink)
    else:
        lines += _body(review, review.current, width, ink)
    return "\n".join(lines) + "\n"


def _header(review: Review, width: int, ink: Ink) -> list[str]:
    survey = review.survey
    title = f"{for_terminal(review.company)} · {survey.title} · {review.period}"
    people = "   ".join(
        f"{roles.function_name(role)}: {for_terminal(review.names[role])}" for role in review.pair
    )
    lines = [ink(line, bold=True) for line in wrap(title, width)]
    lines += wrap(people, width)
    if review.note:
        lines += wrap(f"Note: {review.note}.", width)
    if review.opened_early_words:  # the seal was broken on request: every report says so
        lines += wrap(f"Note: {review.period} was {review.opened_early_words}.", width)
    return lines


def _body(review: Review, current: Comparison, width: int, ink: Ink) -> list[str]:
    left, right = (roles.function_name(role) for role in review.pair)
    lines = [""]
    lines += _indices(review, current, width, ink)
    lines += ["", rule("Dimensions: mean score, 1 (worst) to " + _points(review), width, ink)]
    lines.append(_legend(left, right, ink))
    lines += dimension_bars(current, width, ink)
    lines += wrap(gap_meaning(current.survey), width)
    lines += ["", rule("Gap per statement, largest first: who sees it better", width, ink)]
    lines += gap_bars(current, width, ink)
    flagged = f"! marks a gap of {current.survey.thresholds.gap:g} points or more"
    lines.append(clip(flagged, width))
    lines += tension_section(current, width, ink)
    lines += _not_applicable(review, current, width, ink)
    lines += _stages(review, width, ink)
    if len(review.history.comparisons) > 1:
        lines += ["", rule("Trend", width, ink)]
        if review.history.shared is not None:
            lines += wrap(f"The trend compares {review.history.shared.words()}.", width)
        lines += trend_section(review.history, width, ink)
    lines += perception_sections(review, current, width, ink)
    lines += commitments_section(review, width, ink)
    lines += _frictions(review, current, width, ink)
    lines += _choices(review, current, width, ink)
    lines += _flags(current.flags, "No flags this period.", width, ink)
    lines += _agenda(review, current, width, ink)
    lines += _remarks(review, width, ink)
    return lines


def _points(review: Review) -> str:
    return f"{review.survey.scale.points} (best)"


def _legend(left: str, right: str, ink: Ink) -> str:
    return (
        f"{ink(LEFT_GLYPH * 2, LEFT_COLOUR)} {left}   {ink(RIGHT_GLYPH * 2, RIGHT_COLOUR)} {right}"
    )


def _indices(review: Review, current: Comparison, width: int, ink: Ink) -> list[str]:
    history = review.history
    index = len(history.comparisons) - 1
    before = history.comparisons[-2].period if index > 0 else None
    rows = []
    t = current.survey.thresholds
    for label, measure, line, drop in (
        ("Alignment", "alignment", t.aligned, (-t.alignment_drop,)),
        ("Health", "health", t.healthy, ()),
    ):
        value = getattr(current, measure)
        change = history.change(index, measure) if index > 0 else None
        moved = (
            f"{arrow(change)} {figures.change(change, drop)} since {before}"
            if change is not None
            else ""
        )
        rows.append(f"{label:<10} {figures.shown(value, (line,)):>3}/100  {moved}".rstrip())
    quadrant = ink(current.quadrant, "red" if "struggling" in current.quadrant else "green")
    rows.append(f"Quadrant   {quadrant}")
    rows += _quadrant_map(current, t.aligned, t.healthy)
    rows = [clip(row, width) if "\x1b" not in row else row for row in rows]
    meaning = "Alignment 100: identical answers. Health 100: both rate everything at the top."
    return rows + wrap(meaning, width)


def _quadrant_map(current: Comparison, aligned: float, healthy: float) -> list[str]:
    """A 2x2 map with ``●`` where the pair stands: alignment down, health across."""
    is_aligned, is_healthy = current.alignment >= aligned, current.health >= healthy
    cells = {
        (a, h): "●" if (a, h) == (is_aligned, is_healthy) else "·" for a in (1, 0) for h in (0, 1)
    }
    return [
        f"{'':12}{'struggling':<12}{'healthy':<10}(health {healthy:g}+)",
        f"{'  aligned':<12}{cells[(1, 0)]:<12}{cells[(1, 1)]:<10}(alignment {aligned:g}+)",
        f"{'  divergent':<12}{cells[(0, 0)]:<12}{cells[(0, 1)]}",
    ]


def _not_applicable(review: Review, current: Comparison, width: int, ink: Ink) -> list[str]:
    """What a side answered n/a: left out of every figure above, shown here with the other."""
    if not current.not_applicable and not review.reconsider:
        return []
    title = f"Not applicable ({len(current.not_applicable)}): left out of every figure"
    lines = ["", rule(title, width, ink)]
    for words in not_applicable_words(review, current):
        lines += wrap(words, width)
    if review.reconsider:
        labels = ", ".join(current.survey.label(q) for q in review.reconsider)
        lines += wrap(
            f"Both answered n/a two periods running, worth reconsidering: {labels}", width
        )
    return lines


def _stages(review: Review, width: int, ink: Ink) -> list[str]:
    """Each side's relationship stage now, and period by period (a survey with a stage rule)."""
    placed = stage_now(review)
    if placed is None:
        return []
    names = " · ".join(b.name for b in review.survey.stage.bands) if review.survey.stage else ""
    lines = ["", rule(f"Relationship stage ({names})", width, ink)]
    lines += wrap(stage_words(placed, review.pair), width)
    if placed.pair is not None:
        together = f"{placed.pair.stage} ({figures.shown(placed.pair.score)})"
        lines += wrap(f"Together: {together}; stage score 20-100 (docs/surveys.md)", width)
    for earlier in review.history.stages[-5:-1]:
        lines += wrap(f"  {earlier.period}: {stage_words(earlier, review.pair)}", width)
    return lines


def _frictions(review: Review, current: Comparison, width: int, ink: Ink) -> list[str]:
    left, right = (roles.function_name(role) for role in review.pair)
    lines = ["", rule(f"Frictions ({len(current.frictions)})", width, ink)]
    if not current.frictions:
        return [*lines, "Neither side named a friction."]
    sev_w = max(10, len(left) + 1, len(right) + 1)
    by_w = 16
    label_w = max(10, width - 2 * sev_w - by_w)
    lines.append(clip(f"{pad('Friction', label_w)}{left:<{sev_w}}{right:<{sev_w}}named by", width))
    for friction in current.frictions:
        named = friction_named_by(friction, review.pair)
        row = (
            f"{pad(friction.label, label_w - 1)} {(friction.left or '—'):<{sev_w}}"
            f"{(friction.right or '—'):<{sev_w}}{named}"
        )
        lines.append(clip(row, width))
    return lines


def _choices(review: Review, current: Comparison, width: int, ink: Ink) -> list[str]:
    if not current.choices:
        return []
    left, right = (roles.function_name(role) for role in review.pair)
    lines = ["", rule("Choices", width, ink)]
    for choice in current.choices:
        lines += wrap(question_text(current.survey, choice.question_id), width)
        verdict = "same answer" if choice.agree else ink("different answers", "red")
        survey = current.survey
        picks = (
            f"  {left}: {choice_label(survey, choice.question_id, choice.left)} · "
            f"{right}: {choice_label(survey, choice.question_id, choice.right)} · "
        )
        lines.append(clip(picks, width - 17) + verdict)
    return lines


def _agenda(review: Review, current: Comparison, width: int, ink: Ink) -> list[str]:
    lines = ["", rule("Agenda: talk about these first", width, ink)]
    if not review.agenda:
        return [*lines, *wrap(NO_AGENDA, width)]
    for number, item in enumerate(review.agenda, start=1):
        lines += _numbered(number, agenda_words(review, current, item), width)
    return lines


def _flags(flags: list[Flag], none: str, width: int, ink: Ink) -> list[str]:
    """The flags section: each flag numbered with its kind and reason, or ``none``."""
    lines = ["", rule(f"Flags ({len(flags)})", width, ink)]
    if not flags:
        return [*lines, none]
    for number, flag in enumerate(flags, start=1):
        lines += _numbered(number, f"[{', '.join(flag.kinds)}] {flag.reason}", width)
    return lines


def _numbered(number: int, text: str, width: int) -> list[str]:
    head = f"{number:2d}. "
    body = wrap(text, width - len(head))
    return [head + body[0], *("    " + line for line in body[1:])]


def _paragraphs(text: str, width: int) -> list[str]:
    """User text wrapped to ``width``, each of its own lines after the first indented."""
    found: list[str] = []
    for number, line in enumerate(terminal_lines(text)):
        if number == 0:
            found += wrap(line, width)
        else:
            found += ["  " + part for part in wrap(line, width - 2)]
    return found


def _remarks(review: Review, width: int, ink: Ink) -> list[str]:
    lines = ["", rule("Comments, as written", width, ink)]
    if not review.remarks:
        return [*lines, "No comments this period."]
    shown = [role for role in review.pair if review.alone is None or role == review.alone.role]
    column = (width - 3 * (len(shown) - 1)) // len(shown)
    heads = [
        [clip(f"{roles.function_name(role)} ({for_terminal(review.names[role])})", column)]
        for role in shown
    ]
    lines += columns(heads, [column] * len(shown))
    for remark in review.remarks:
        where = dimension_name(review.survey, remark.dimension_id)
        lines.append("")
        lines += wrap(f"{where}: {remark.prompt}", width)
        blocks = [
            _paragraphs(remark.by_role[role], column) if role in remark.by_role else ["—"]
            for role in shown
        ]
        lines += columns(blocks, [column] * len(shown))
    return lines


#: How many periods of follow-ups the text report shows per commitment (JSON has them all).
FOLLOW_UPS_SHOWN = 3


def commitments_section(review: Review, width: int, ink: Ink) -> list[str]:
    """Each commitment agreed by this period, its state, and what each VP said about it."""
    if not review.commitments:
        return []
    done = sum(1 for t in review.commitments if t.commitment.done)
    open_ = len(review.commitments) - done
    lines = ["", rule(f"Commitments ({open_} open, {done} done)", width, ink)]
    for tracked in review.commitments:
        state = "done" if tracked.commitment.done else "open"
        if not tracked.follow_ups and not tracked.commitment.done:
            state += ", not asked yet"
        lines += wrap(f"{for_terminal(describe(tracked.commitment))} · {state}", width)
        for period, answers in tracked.follow_ups[-FOLLOW_UPS_SHOWN:]:
            said = "   ".join(follow_up_answers(answers, review.pair))
            lines.append(clip(f"   {period}  {said}", width))
            for role in review.pair:
                if role in answers and answers[role].comment.strip():
                    quoted = f"{roles.function_name(role)}: {answers[role].comment}"
                    lines += ["            " + line for line in _paragraphs(quoted, width - 12)]
    return lines


# -- one side alone -------------------------------------------------------------------------------


def _partial_body(review: Review, width: int, ink: Ink) -> list[str]:
    alone = review.alone
    assert alone is not None
    side = roles.function_name(alone.role)
    missing = ", ".join(
        f"{roles.function_name(r)} ({for_terminal(review.names[r])})" for r in review.missing
    )
    warning = (
        f"PARTIAL VIEW (--partial): only {side} ({for_terminal(review.names[alone.role])}) has "
        f"submitted {review.period}; {missing} has not. Shown at the CEO's request: no gap, "
        "alignment or health figures until both have submitted."
    )
    lines = ["", *(ink(line, "yellow", bold=True) for line in wrap(warning, width))]
    lines += ["", rule(f"{side}: mean score per dimension, 1 to {_points(review)}", width, ink)]
    lines += solo_bars(alone, width, ink)
    lines += ["", rule(f"Frictions {side} named ({len(alone.picks)})", width, ink)]
    if not alone.picks:
        lines.append(f"{side} named no friction.")
    for pick in alone.picks:
        lines.append(clip(f"{pad(pick.label, max(10, width - 12))} {pick.severity or '—'}", width))
    lines += _flags(alone.flags, "No flags from one side's answers.", width, ink)
    lines += commitments_section(review, width, ink)
    lines += _remarks(review, width, ink)
    return lines

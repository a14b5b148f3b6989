"""The CEO's verdict on one screen: what ``gtm-pulse compare`` prints by default.

At most :data:`MOST_LINES` lines at 80 columns: who and when, both indices with their change
and the quadrant, one row per dimension (in the spirit of a squad health check), the agenda
with each answer quoted as given, and where the rest lives (``compare --full``). Lines that
can wait (guesses, commitments) are left out before anything else when a long company name
or a note needs the room.
"""

from __future__ import annotations

from gtm_pulse.core import figures, roles, wording
from gtm_pulse.core.analysis import Comparison, DimensionGap
from gtm_pulse.core.commitments import follow_through
from gtm_pulse.core.safe_text import for_terminal
from gtm_pulse.core.termtext import cell_width, clip, pad, wrap
from gtm_pulse.core.trend import arrow
from gtm_pulse.report.charts import Ink
from gtm_pulse.report.common import (
    dimension_name,
    gap_meaning,
    not_applicable_count,
    stage_now,
    stage_words,
)
from gtm_pulse.services.comparing import Review

#: The verdict's promise: it fits a laptop terminal without scrolling.
MOST_LINES = 22


def render_verdict(review: Review, width: int, ink: Ink) -> str:
    """The one-screen verdict of a complete ``review`` (both sides submitted)."""
    current = review.current
    assert current is not None, "a partial review has no verdict: see render_text"
    head = _head(review, width, ink)
    grid = ["", *_grid(review, current, width, ink)]
    agenda = ["", *_agenda(review, current, width, ink)]
    more = _more(current, width)
    optional = _not_applicable(current, width) + _perceptions(review, width)
    optional += _commitments(review, width)
    room = MOST_LINES - len(head) - len(grid) - len(agenda) - len(more) - 1
    extra = optional[: max(0, room)]
    lines = [*head, *grid, *agenda, *(["", *extra] if extra else []), *more]
    return "\n".join(lines) + "\n"


def _head(review: Review, width: int, ink: Ink) -> list[str]:
    current = review.current
    assert current is not None
    t = current.survey.thresholds
    people = " · ".join(
        f"{roles.function_name(role)}: {for_terminal(review.names[role])}" for role in review.pair
    )
    title = f"{for_terminal(review.company)} · {current.survey.title} · {review.period}"
    together = f"{title} · {people}"
    if cell_width(together) <= width:
        lines = [ink(together, bold=True)]
    else:
        lines = [ink(line, bold=True) for line in wrap(title, width)] + wrap(people, width)
    if review.note:
        lines += wrap(f"Note: {review.note}.", width)
    if review.opened_early_words:  # the seal was broken on request: every report says so
        lines += wrap(f"Note: {review.period} was {review.opened_early_words}.", width)
    history = review.history
    last = len(history.comparisons) - 1
    parts = []
    for name, measure, line, drop in (
        ("Alignment", "alignment", t.aligned, -t.alignment_drop),
        ("Health", "health", t.healthy, None),
    ):
        value = getattr(current, measure)
        moved = history.change(last, measure) if last > 0 else None
        shown = f"{name} {figures.shown(value, (line,))}"
        if moved is not None:
            lines_for_change = (drop,) if drop is not None else ()
            shown += f" {arrow(moved)} {figures.change(moved, lines_for_change)}"
        parts.append(shown)
    colour = "red" if "struggling" in current.quadrant else "green"
    quadrant = ink(current.quadrant, colour, bold=True)
    indices = f"{parts[0]}   {parts[1]}"
    if cell_width(indices) + 3 + cell_width(current.quadrant) <= width:
        lines.append(f"{indices}   {quadrant}")
    else:  # narrow: the quadrant on a line of its own, never a figure cut short
        lines += [*wrap(indices, width), quadrant]
    since = f"; changes since {history.comparisons[-2].period}" if last > 0 else ""
    lines += wrap(f"(aligned from {t.aligned:g}, healthy from {t.healthy:g}, of 100{since})", width)
    if history.shared is not None:
        lines += wrap(f"Changes compare {history.shared.words()}.", width)
    if (placed := stage_now(review)) is not None:
        lines += wrap(f"Relationship stage: {stage_words(placed, review.pair)}", width)
    return lines


def _grid(review: Review, current: Comparison, width: int, ink: Ink) -> list[str]:
    """One row per dimension: each side's mean score, the gap, and how the gap moved."""
    left, right = (roles.function_name(role) for role in review.pair)
    survey = current.survey
    history = review.history
    before = history.comparisons[-2] if len(history.comparisons) > 1 else None
    earlier = {d.dimension_id: d for d in before.dimensions} if before else {}
    names = [dimension_name(survey, d.dimension_id) for d in current.dimensions]
    name_w = max([cell_width(n) for n in names] + [10])
    side_w = max(len(left), len(right), 5) + 2
    since = f"since {before.period}" if before else ""
    scale = f"score 1-{survey.scale.points}, {survey.scale.points} best"
    name_w = max(name_w, cell_width(scale))
    head = f"{scale:<{name_w}}{left:>{side_w}}{right:>{side_w}}{'|gap|*':>9}  {since}"
    if cell_width(head) > width:  # narrow: the line above names the period changes are since
        head = head.removesuffix(since)
    lines = [clip(head.rstrip(), width)]
    rows = [
        (
            f"{pad(name, name_w)}{_one(dimension.left_mean):>{side_w}}"
            f"{_one(dimension.right_mean):>{side_w}}{_one(dimension.mean_abs_gap):>9}  ",
            _moved(dimension, earlier.get(dimension.dimension_id)),
        )
        for name, dimension in zip(names, current.dimensions, strict=True)
    ]
    words = all(cell_width(row + moved) <= width for row, moved in rows)
    for row, moved in rows:  # narrow: "↓ 0.8" rather than a cut "↓ wider 0…"
        shown = moved if words else " ".join(moved.split(" ")[::2])
        lines.append(clip((row + shown).rstrip(), width))
    return lines + wrap(f"* {gap_meaning(survey)}", width)


def _one(value: float) -> str:
    return figures.shown(value, digits=1)


def _moved(now: DimensionGap, before: DimensionGap | None) -> str:
    """``↓ wider 0.5``, ``↑ narrower 0.3`` or ``→ same``: how a dimension's gap moved."""
    if before is None:
        return ""
    change = now.mean_abs_gap - before.mean_abs_gap
    if abs(change) < 0.05:
        return "→ same"
    return f"↓ wider {_one(change)}" if change > 0 else f"↑ narrower {_one(-change)}"


def _agenda(review: Review, current: Comparison, width: int, ink: Ink) -> list[str]:
    """Each agenda item on one line: its label, each side's answer as given, and why."""
    if not review.agenda:
        return wrap(
            "Nothing to talk about first: no statement apart, and no shared problem.", width
        )
    left, right = (roles.function_name(role) for role in review.pair)
    survey = current.survey
    rows = []
    for item in review.agenda:
        found = current.item(item.question_id)
        assert found is not None
        rows.append(
            (
                survey.label(item.question_id),
                found.left_answer,
                found.right_answer,
                item.kind == "shared-problem",
            )
        )
    said = [
        (wording.answer_words(survey, a), wording.answer_words(survey, b)) for _, a, b, _ in rows
    ]
    left_w = max(len(left), *(cell_width(a) for a, _ in said))
    right_w = max(len(right), *(cell_width(b) for _, b in said))
    answers = []
    for (_, a, b, shared), (said_left, said_right) in zip(rows, said, strict=True):
        if shared and a == b:
            answers.append(f"both {said_left}: a shared problem")
        else:
            tail = f"{'':{right_w - cell_width(said_right)}}  shared problem" if shared else ""
            answers.append(f"{pad(said_left, left_w)}  {said_right}{tail}")
    title = "Talk about these first"
    needed = max(left_w + 2 + right_w, *(cell_width(a) for a in answers))
    longest = max(cell_width(r[0]) for r in rows)
    label_w = max(min(longest, width - 2 - needed - 2), 10)
    if label_w + 2 >= len(title):
        lines = [
            ink(clip(f"{pad(title, label_w + 2)}  {pad(left, left_w)}  {right}", width), bold=True)
        ]
    else:  # narrow: the heading above the columns' names
        lines = [
            ink(title, bold=True),
            clip(f"{'':{label_w + 2}}  {pad(left, left_w)}  {right}", width),
        ]
    for number, (row, shown) in enumerate(zip(rows, answers, strict=True), start=1):
        lines.append(clip(f"{number} {pad(row[0], label_w)}  {shown}".rstrip(), width))
    return lines


def _not_applicable(current: Comparison, width: int) -> list[str]:
    if not current.not_applicable:
        return []
    counted = ", ".join(
        f"{roles.function_name(role)} {n}" for role, n in not_applicable_count(current).items() if n
    )
    count = len(current.not_applicable)
    return [clip(f"n/a: {count} statement{'' if count == 1 else 's'} left out ({counted})", width)]


def _perceptions(review: Review, width: int) -> list[str]:
    perceptions = review.perceptions
    if perceptions is None or perceptions.understanding is None:
        return []
    sides = ", ".join(
        f"{roles.function_name(role)} {figures.shown(value)}"
        for role, value in perceptions.by_side.items()
    )
    spots = len(perceptions.blind_spots)
    blind = f" · {spots} blind spot{'' if spots == 1 else 's'}" if spots else ""
    return [
        clip(
            f"Guesses: understanding {figures.shown(perceptions.understanding)}/100 "
            f"({sides}){blind}",
            width,
        )
    ]


def _commitments(review: Review, width: int) -> list[str]:
    if not review.commitments:
        return []
    open_ = sum(1 for t in review.commitments if not t.commitment.done)
    current = review.current
    assert current is not None
    done = follow_through(current.responses)
    through = f" · follow-through this period {figures.shown(done)}%" if done is not None else ""
    return [clip(f"Commitments: {open_} open of {len(review.commitments)}{through}", width)]


def _more(current: Comparison, width: int) -> list[str]:
    count = len(current.flags)
    flags = f"{count} flag{'' if count == 1 else 's'}, " if count else ""
    return wrap(
        f"More: compare --full ({flags}every statement, trend, comments) · dashboard", width
    )

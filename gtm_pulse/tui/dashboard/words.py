"""What the dashboard and its slides say in words: figures, flags, agenda items, answers.

One place, so a view and the slide showing the same thing say it the same way. Figures are
rounded as :mod:`gtm_pulse.core.figures` rounds them (never onto the wrong side of a threshold);
a statement is named by its label and quoted with the answers as given
(:mod:`gtm_pulse.core.wording`), never with the flipped scores the analysis works with.
"""

from __future__ import annotations

from gtm_pulse.core import roles, wording
from gtm_pulse.core.agenda import AgendaItem
from gtm_pulse.core.analysis import Comparison, Flag, ItemGap
from gtm_pulse.core.figures import change as signed_change
from gtm_pulse.core.figures import shown
from gtm_pulse.core.trend import Trend

#: An agenda item's kind, as the room reads it.
KIND_WORDS = {"divergence": "divergence", "shared-problem": "shared problem"}


def alignment(comparison: Comparison) -> str:
    """The alignment index, kept on its side of the "aligned" threshold."""
    return shown(comparison.alignment, [comparison.survey.thresholds.aligned])


def health(comparison: Comparison) -> str:
    """The health index, kept on its side of the "healthy" threshold."""
    return shown(comparison.health, [comparison.survey.thresholds.healthy])


def change(history: Trend, measure: str) -> str | None:
    """``-13``: how ``alignment`` or ``health`` moved since the period before (None for the
    first period). An alignment change keeps its side of the drop that is flagged."""
    index = len(history.comparisons) - 1
    moved = history.change(index, measure) if index else None
    if moved is None:
        return None
    drop = history.comparisons[-1].survey.thresholds.alignment_drop
    return signed_change(moved, [-drop] if measure == "alignment" else [])


def since(history: Trend, measure: str) -> str | None:
    """``-13 since 2026-04``: :func:`change`, with the period it is measured from."""
    moved = change(history, measure)
    return None if moved is None else f"{moved} since {history.periods[-2]}"


def flag(found: Flag) -> str:
    """``[gap, low-trust] Taken seriously: ...``: a flag's kinds, then its reason."""
    return f"[{', '.join(found.kinds)}] {found.reason}"


def names(comparison: Comparison) -> tuple[str, str]:
    left, right = comparison.pair
    return roles.function_name(left), roles.function_name(right)


def said(comparison: Comparison, item: ItemGap) -> str:
    """``Sales: Strongly agree (5) · Marketing: Disagree (2)``: both answers as given."""
    answers = (item.left_answer, item.right_answer)
    return wording.quote_pair(comparison.survey, names(comparison), answers)


def said_and_worse(comparison: Comparison, item: ItemGap) -> str:
    """Both answers as given and, if they differ, which side sees it worse, in words."""
    question = comparison.survey.question(item.question_id)
    words = said(comparison, item)
    if question is None or item.left_answer == item.right_answer:
        return words
    answers = (item.left_answer, item.right_answer)
    return f"{words} · {wording.worse_side(question, names(comparison), answers)}"


def agenda_head(comparison: Comparison, item: AgendaItem) -> str:
    """``Work mocked or dismissed · divergence, gap +3``: an agenda item's label and kind."""
    label = comparison.survey.label(item.question_id)
    kind = KIND_WORDS.get(item.kind, item.kind)
    return f"{label} · {kind}, gap {item.gap:+g}"


def agenda_said(comparison: Comparison, item: AgendaItem) -> str:
    """What each side answered on an agenda item's statement, as given."""
    found = comparison.item(item.question_id)
    return said_and_worse(comparison, found) if found is not None else ""


def agenda_quote(comparison: Comparison, item: AgendaItem) -> str:
    """Both answers on an agenda item's statement, as given (no more: for the headline)."""
    found = comparison.item(item.question_id)
    return said(comparison, found) if found is not None else ""

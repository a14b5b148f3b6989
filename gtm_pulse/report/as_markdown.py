"""``compare --format markdown``: the offsite agenda, with the charts as text blocks.

Written to be pasted into a board pack or a wiki. User text (names, comments) is escaped so a
``*``, ``<script>`` or ``[link](x)`` shows as typed instead of turning into formatting, and
control characters are made visible exactly as in the terminal.
"""

from __future__ import annotations

import re

from gtm_pulse.core import figures, roles, wording
from gtm_pulse.core.analysis import Comparison, Flag
from gtm_pulse.core.metrics import sentence
from gtm_pulse.core.safe_text import for_terminal
from gtm_pulse.report.charts import Ink, dimension_bars, gap_bars, solo_bars
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
)
from gtm_pulse.report.perceived import (
    blame_chart,
    blame_words,
    matrix_chart,
    misreading_chart,
    reading_words,
    signed,
)
from gtm_pulse.report.trend import trend_section
from gtm_pulse.services.comparing import Review

#: What starts inline formatting, a link, HTML, a table cell or an entity anywhere in a line.
_INLINE = re.compile(r"([\\`*_\[\]<|~]|&(?=#?\w+;))")
#: What makes a line a heading, list item, rule or quote when it starts the line.
_LINE_START = re.compile(r"^(\s*)(\d+)?([#>+=.)-])")

#: Charts inside Markdown are never coloured: the escapes would show as text.
_PLAIN = Ink(colour=False)


def escape(text: str, *, line_start: bool = False) -> str:
    """User text as literal Markdown: formatting characters escaped, controls visible.

    ``line_start``: the text begins a line, where ``#``, ``-`` or ``1.`` would also format it.
    """
    escaped = _INLINE.sub(r"\\\1", for_terminal(text))
    return _LINE_START.sub(r"\1\2\\\3", escaped) if line_start else escaped


def render_markdown(review: Review, width: int) -> str:
    """The Markdown document for ``review``; charts are ``width`` columns wide."""
    survey = review.survey
    lines = [
        f"# Offsite agenda: {escape(review.company)}, {escape(survey.title)}, {review.period}",
        "",
        " · ".join(f"{roles.title(role)}: {escape(review.names[role])}" for role in review.pair),
        "",
    ]
    if review.note:
        lines += [f"_Note: {escape(review.note)}._", ""]
    if review.opened_early_words:  # the seal was broken on request: every report says so
        lines += [f"_Note: {review.period} was {escape(review.opened_early_words)}._", ""]
    current = review.current
    if current is None:
        return "\n".join(lines + _partial(review, width)) + "\n"
    left, right = (roles.function_name(role) for role in review.pair)
    history = review.history
    index = len(history.comparisons) - 1
    t = survey.thresholds
    cells = []
    for measure, line, drop in (
        ("alignment", t.aligned, (-t.alignment_drop,)),
        ("health", t.healthy, ()),
    ):
        change = history.change(index, measure) if index > 0 else None
        since = (
            f" ({figures.change(change, drop)} since {history.comparisons[-2].period})"
            if change is not None
            else ""
        )
        cells.append(f"{figures.shown(getattr(current, measure), (line,))}/100{since}")
    lines += [
        "| Alignment | Health | Quadrant |",
        "| --- | --- | --- |",
        f"| {cells[0]} | {cells[1]} | {current.quadrant} |",
        "",
        f"Aligned from {t.aligned:g}, healthy from {t.healthy:g} (of 100).",
        "",
        "## Talk about these first",
        "",
    ]
    if not review.agenda:
        lines.append(NO_AGENDA)
    for rank, item in enumerate(review.agenda, start=1):
        lines.append(f"{rank}. {escape(agenda_words(review, current, item))}")
    lines += _flags(current.flags, "No flags this period.")
    lines += ["", "## Frictions", ""]
    if current.frictions:
        lines += [f"| Friction | {left} | {right} | Named by |", "| --- | --- | --- | --- |"]
        lines += [
            f"| {escape(f.label)} | {f.left or '—'} | {f.right or '—'} "
            f"| {friction_named_by(f, review.pair)} |"
            for f in current.frictions
        ]
    else:
        lines.append("Neither side named a friction.")
    if current.choices:
        lines += ["", "## Choices", ""]
        for c in current.choices:
            verdict = "same answer" if c.agree else "**different answers**"
            lines.append(
                f"- {escape(question_text(survey, c.question_id))} {left}: "
                f"{escape(choice_label(survey, c.question_id, c.left))}; {right}: "
                f"{escape(choice_label(survey, c.question_id, c.right))} ({verdict})"
            )
    lines += _perceived(review, current)
    lines += _commitments(review)
    lines += ["", "## Charts", "", "### Dimensions: mean score per side", ""]
    lines += _block(dimension_bars(current, width, _PLAIN))
    lines += ["", f"{escape(gap_meaning(current.survey))}."]
    lines += ["", "### Gap per statement, largest first: who sees it better", ""]
    lines += _block(gap_bars(current, width, _PLAIN))
    if len(history.comparisons) > 1:
        lines += ["", "### Trend", ""]
        lines += _block(trend_section(history, width, _PLAIN))
    lines += _perceived_charts(review, current, width)
    lines += _comments(review)
    return "\n".join(lines) + "\n"


def _partial(review: Review, width: int) -> list[str]:
    alone = review.alone
    assert alone is not None
    side = roles.function_name(alone.role)
    missing = ", ".join(roles.function_name(role) for role in review.missing)
    lines = [
        f"**Partial view (--partial):** only {side} has submitted {review.period}; {missing} has "
        "not. No gap, alignment or health figures until both have submitted.",
        "",
        f"## {side}: mean score per dimension",
        "",
        *_block(solo_bars(alone, width, _PLAIN)),
    ]
    lines += _flags(alone.flags, "No flags from one side's answers.")
    return lines + _commitments(review) + _comments(review)


def _flags(flags: list[Flag], none: str) -> list[str]:
    """The flags section: one item per flag, its kind and its reason."""
    lines = ["", f"## Flags ({len(flags)})", ""]
    return lines + ([f"- **{', '.join(f.kinds)}**: {escape(f.reason)}" for f in flags] or [none])


def _commitments(review: Review) -> list[str]:
    """The commitments table: what was agreed, its state, and each side's follow-ups."""
    if not review.commitments:
        return []
    lines = [
        "",
        "## Commitments",
        "",
        "| # | Commitment | Owner | Due | State | Follow-ups |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for tracked in review.commitments:
        c = tracked.commitment
        said = "; ".join(
            f"{period} " + ", ".join(follow_up_answers(answers, review.pair))
            for period, answers in tracked.follow_ups
        )
        lines.append(
            f"| {c.number} | {escape(c.text)} | {roles.function_name(c.owner)} | {c.due} "
            f"| {'done' if c.done else 'open'} | {said or 'not asked yet'} |"
        )
    return lines


def _block(chart: list[str]) -> list[str]:
    return ["```text", *chart, "```"]


def _comments(review: Review) -> list[str]:
    lines = ["", "## Comments, as written", ""]
    if not review.remarks:
        return [*lines, "No comments this period."]
    for remark in review.remarks:
        where = dimension_name(review.survey, remark.dimension_id)
        lines += [f"### {escape(where)}: {escape(remark.prompt)}", ""]
        for role, text in remark.by_role.items():
            who = f"{roles.function_name(role)} ({escape(review.names[role])})"
            lines.append(f"**{who}:**")
            lines.append("")
            lines += [
                f"> {escape(line, line_start=True)}" if line else ">"
                for line in text.split("\n")  # only newlines: a lone \r is shown, not obeyed
            ]
            lines.append("")
    return lines


def _perceived(review: Review, current: Comparison) -> list[str]:
    """Healthy tension, how each side reads and blames the other, metrics, the team matrix."""
    survey = current.survey
    left, right = (roles.function_name(role) for role in review.pair)
    lines: list[str] = []
    if current.tensions:
        lines += ["", "## Healthy tension (never flagged, not in the indices)", ""]
        lines += [
            f"- **{escape(survey.label(i.question_id))}**: "
            f"{escape(question_text(survey, i.question_id))} ("
            + wording.quote_pair(survey, (left, right), (i.left_answer, i.right_answer))
            + ")"
            for i in current.tensions
        ]
    if current.not_applicable or review.reconsider:
        count = len(current.not_applicable)
        lines += ["", f"## Not applicable ({count}): left out of every figure", ""]
        lines += [f"- {escape(words)}" for words in not_applicable_words(review, current)]
        if review.reconsider:
            labels = ", ".join(escape(survey.label(q)) for q in review.reconsider)
            lines += ["", f"Both answered n/a two periods running, worth reconsidering: {labels}."]
    perceived = review.perceptions
    if perceived is not None and perceived.understanding is not None:
        sides = ", ".join(
            f"{roles.function_name(r)} {figures.shown(v)}" for r, v in perceived.by_side.items()
        )
        lines += ["", "## How each side reads the other", ""]
        lines.append(
            f"Mutual understanding: **{figures.shown(perceived.understanding)}/100** ({sides})."
        )
        if perceived.blind_spots:
            lines += ["", "Blind spots, where a VP was confidently wrong about the other:", ""]
            lines += [f"- {escape(reading_words(current, r))}" for r in perceived.blind_spots]
        else:
            lines += ["", "No blind spot: every guess was close."]
    if perceived is not None and perceived.blame_asymmetry is not None:
        lines += ["", "## Blame on mirror pairs", ""]
        lines.append(
            f"Blame asymmetry: **{signed(perceived.blame_asymmetry)}** ("
            + ", ".join(
                f"{roles.function_name(r)} {signed(v)}" for r, v in perceived.self_favour.items()
            )
            + "); 0 means each side sees its own function as the other does."
        )
        lines.append("")
        lines += [f"- {escape(words)}" for words in blame_words(current, perceived.blame)]
    if review.metrics:
        lines += ["", "## Numbers beside perceptions", ""]
        lines += [f"- {seen.arrow} {escape(sentence(current, seen))}" for seen in review.metrics]
    if review.matrix is not None:
        a, b, lowest = review.matrix.pairs()[0]
        lines += ["", "## The wider team", ""]
        lines.append(
            f"Least aligned pair: {roles.function_name(a)} and {roles.function_name(b)} "
            f"({figures.shown(lowest)}/100); the matrix is under Charts."
        )
    return lines


def _perceived_charts(review: Review, current: Comparison, width: int) -> list[str]:
    lines: list[str] = []
    perceived = review.perceptions
    if perceived is not None and perceived.understanding is not None:
        lines += ["", "### Misreadings: each guess minus the other's real answer", ""]
        lines += _block(misreading_chart(current, perceived, width, _PLAIN))
    if perceived is not None and perceived.blame:
        lines += ["", "### Blame: each side's own function, against the other's rating", ""]
        lines += _block(blame_chart(current, perceived, width, _PLAIN))
    if review.matrix is not None:
        lines += ["", f"### Pairwise alignment, {review.matrix.period}", ""]
        lines += _block(matrix_chart(review.matrix, width, _PLAIN))
    return lines

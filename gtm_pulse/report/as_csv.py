"""``compare --format csv``: one row per question and period, for a spreadsheet.

Rows cover every period both sides submitted up to the one reviewed (and, with ``--partial``,
the reviewed period's one side). Columns name the roles of the pair, so a spreadsheet built on
``sales_score`` keeps working; gap columns are empty where there is no gap. Columns are only
ever added at the end: ``tension`` (a healthy-tension item), each side's guess at the other's
answer, and the team metric the item cites with its value that period.
"""

from __future__ import annotations

import csv
import io

from gtm_pulse.core.analysis import Comparison
from gtm_pulse.core.metrics import Beside
from gtm_pulse.core.models import Answer, Question, Survey
from gtm_pulse.core.safe_text import for_terminal
from gtm_pulse.report.common import dimension_name, question_text
from gtm_pulse.services.comparing import Review


def columns(pair: tuple[str, str]) -> list[str]:
    """The header row for ``pair``."""
    left, right = pair
    return [
        "survey_id", "survey_version", "period", "dimension", "question_id", "kind", "reverse",
        "text", f"{left}_answer", f"{right}_answer", f"{left}_score", f"{right}_score",
        "gap", "size", "flagged", "tension", f"{left}_guess", f"{right}_guess", "metric",
        "metric_value", "opened_early",
    ]  # fmt: skip


def render_csv(review: Review) -> str:
    """The CSV text (RFC 4180 quoting by the csv module; user text kept exactly)."""
    out = io.StringIO()
    # RFC 4180 line ends: a field holding a lone carriage return is then quoted as well.
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns(review.pair))
    metrics = {seen.question_id: seen for seen in review.metrics}
    # The last column: on the reviewed period's rows, what a CEO's override opened early.
    opened = review.opened_early_words or ""
    for comparison in review.history.comparisons:
        words = opened if comparison.period == review.period else ""
        writer.writerows([*row, words] for row in _compared_rows(comparison, metrics))
    if review.alone is not None:
        survey = review.alone.survey
        left, right = review.pair
        role = review.alone.role
        response = review.responses[role]
        flagged = {f.question_id for f in review.alone.flags}
        for question in survey.questions:
            answer = _cell(response.answers.get(question.id))
            guess = _cell(response.predictions.get(question.id))
            score = review.alone.scores.get(question.id)
            writer.writerow(
                [
                    *_question_cells(survey, question, review.period),
                    answer if role == left else "",
                    answer if role == right else "",
                    _num(score) if role == left else "",
                    _num(score) if role == right else "",
                    *("", ""),  # no gap or size without the other side
                    ("yes" if question.id in flagged else "no") if score is not None else "",
                    "yes" if question.tension else "no",
                    guess if role == left else "",
                    guess if role == right else "",
                    *("", ""),  # metrics are shown beside both sides' answers only
                    opened,
                ]
            )
    return out.getvalue()


def _compared_rows(comparison: Comparison, metrics: dict[str, Beside]) -> list[list[str]]:
    survey = comparison.survey
    left, right = comparison.responses
    flagged = {f.question_id for f in comparison.flags}
    rows = []
    for question in survey.questions:
        item = comparison.item(question.id)
        seen = metrics.get(question.id)
        value = dict(seen.values).get(comparison.period) if seen else None
        rows.append(
            [
                *_question_cells(survey, question, comparison.period),
                _cell(left.answers.get(question.id)),
                _cell(right.answers.get(question.id)),
                _num(item.left) if item else "",
                _num(item.right) if item else "",
                _num(item.gap) if item else "",
                _num(item.size) if item else "",
                ("yes" if question.id in flagged else "no") if item else "",
                "yes" if question.tension else "no",
                _cell(left.predictions.get(question.id)),
                _cell(right.predictions.get(question.id)),
                seen.metric.id if seen else "",
                _num(value) if value is not None else "",
            ]
        )
    return rows


def _question_cells(survey: Survey, question: Question, period: str) -> list[str]:
    return [
        survey.id,
        str(survey.version),
        period,
        dimension_name(survey, question.dimension),
        question.id,
        question.kind,
        "yes" if question.reverse else "no",
        question_text(survey, question.id),
    ]


#: What makes a spreadsheet read a cell as a formula (OWASP's list for CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(answer: Answer | None) -> str:
    """An answer as one cell: a multi choice is ``option:severity;option``.

    Text is shown literally: control characters become visible escapes (``\\x1b``), so a CSV
    printed to a terminal cannot clear or recolour it; line breaks stay line breaks. Text that
    starts like a formula (``=HYPERLINK(...)``, ``+cmd|...``, ``-``, ``@``) gets a leading
    ``'``, so a spreadsheet shows it instead of running it. Numbers are left as numbers.
    """
    if answer is None:
        return ""
    if isinstance(answer, dict):
        return ";".join(f"{k}:{v}" if v else k for k, v in answer.items())
    if not isinstance(answer, str):
        return str(answer)
    text = "\n".join(for_terminal(line) for line in answer.split("\n"))
    return "'" + text if answer.startswith(_FORMULA_START) else text


def _num(value: float | None) -> str:
    """A figure as the JSON gives it: at most 4 decimals, so 1/3 is 0.3333 in both."""
    return "" if value is None else f"{round(value, 4):g}"

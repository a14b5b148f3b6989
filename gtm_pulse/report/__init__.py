"""What ``compare`` prints: one :class:`~gtm_pulse.services.comparing.Review` in four formats.

Text for the terminal, JSON for tools (a stable, versioned schema), CSV for spreadsheets and
Markdown for the offsite. Each format is a module; none imports textual.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # charts imports report.common: importing this package must not import charts
    from gtm_pulse.services.comparing import Review

#: The formats ``compare --format`` takes.
FORMATS = ("text", "json", "csv", "markdown")


def render(
    review: Review, fmt: str, width: int, *, colour: bool = False, full: bool = False
) -> str:
    """``review`` in ``fmt``; ``width`` sets the charts (text and Markdown), colour only text.

    Text is the one-screen verdict unless ``full`` (every section), or the review is partial
    (one side alone has no verdict to give).
    """
    if fmt == "json":
        from gtm_pulse.report.as_json import dumps, to_document

        return dumps(to_document(review))
    if fmt == "csv":
        from gtm_pulse.report.as_csv import render_csv

        return render_csv(review)
    if fmt == "markdown":
        from gtm_pulse.report.as_markdown import render_markdown

        return render_markdown(review, width)
    from gtm_pulse.report.charts import Ink

    if full or review.partial:
        from gtm_pulse.report.text import render_text

        return render_text(review, width, Ink(colour))
    from gtm_pulse.report.verdict import render_verdict

    return render_verdict(review, width, Ink(colour))

"""What ``compare`` prints: one :class:`~gtm_pulse.services.comparing.Review` in four formats.

Text for the terminal, JSON for tools (a stable, versioned schema), CSV for spreadsheets and
Markdown for the offsite. Each format is a module; none imports textual.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # charts imports report.common: importing this package must not import charts
    from gtm_pulse.services.comparing import Review
    from gtm_pulse.services.freshness import Freshness

#: The formats ``compare --format`` takes.
FORMATS = ("text", "json", "csv", "markdown")


def render(
    review: Review,
    fmt: str,
    width: int,
    *,
    colour: bool = False,
    full: bool = False,
    fresh: Freshness | None = None,
) -> str:
    """``review`` in ``fmt``; ``width`` sets the charts (text and Markdown), colour only text.

    Text is the one-screen verdict unless ``full`` (every section), or the review is partial
    (one side alone has no verdict to give). ``fresh``, on a laptop that syncs: how fresh the
    data is, one last line in text and Markdown, ``synced`` in JSON; CSV never says it.
    """
    if fmt == "json":
        from gtm_pulse.report.as_json import dumps, synced, to_document

        document = to_document(review)
        if fresh is not None:
            document["synced"] = synced(fresh)
        return dumps(document)
    if fmt == "csv":
        from gtm_pulse.report.as_csv import render_csv

        return render_csv(review)
    if fmt == "markdown":
        from gtm_pulse.report.as_markdown import escape, render_markdown

        text = render_markdown(review, width)
        return text if fresh is None else f"{text}\n_{escape(fresh.line())}_\n"
    text = _text(review, width, colour=colour, full=full)
    if fresh is None:
        return text
    from gtm_pulse.core.safe_text import for_terminal  # a remote's path is the user's text

    return f"{text}\n{for_terminal(fresh.line())}\n"


def _text(review: Review, width: int, *, colour: bool, full: bool) -> str:
    """The text report: the verdict, or every section."""
    from gtm_pulse.report.charts import Ink

    if full or review.partial:
        from gtm_pulse.report.text import render_text

        return render_text(review, width, Ink(colour))
    from gtm_pulse.report.verdict import render_verdict

    return render_verdict(review, width, Ink(colour))

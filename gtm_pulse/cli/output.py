"""How commands print: error lines, user text made safe, reports to stdout or a file."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, NoReturn

import click

if TYPE_CHECKING:
    from pathlib import Path

    from gtm_pulse.errors import PulseError


def fail(error: PulseError) -> NoReturn:
    """Print ``error`` as one line per problem and exit with its code.

    Messages quote names, companies and values as given, so each line goes through
    :func:`show`: an escape sequence in a VP's name must not recolour or retitle the terminal.
    """
    for line in error.lines():
        click.echo(error_line(line), err=True)
    # A refused command says only what is wrong: no permissions warning follows it, even when
    # the refusal leaves a nested group ('db check') through the outer group's exit handling.
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        from gtm_pulse.cli.context import invocation

        invocation(ctx).used = None
    sys.exit(error.exit_code)


def error_line(message: str) -> str:
    """``gtm-pulse: error: <message>``, shown safely (see :func:`show`) and capped at
    :data:`~gtm_pulse.errors.LINE_MAX` characters: messages quote what they found, whatever
    its size (an unknown key of 10 MB)."""
    from gtm_pulse.errors import capped

    return capped(f"gtm-pulse: error: {show(message)}")


def show(text: str) -> str:
    """``text`` (user-typed, or a message quoting it) with control characters made visible."""
    from gtm_pulse.core.safe_text import for_terminal

    return for_terminal(text)


def echo_records(records: object) -> None:
    """Records (a survey, commitments, metrics) as the JSON a ``--format json`` prints."""
    import json

    from gtm_pulse.core.models import to_json

    click.echo(json.dumps(to_json(records), indent=2))


def chart_width(asked: int | None, to_stdout: bool) -> int:
    """Charts fit ``--width``, else the terminal when printing to one, else 80 columns.

    Standard output must itself be a terminal: piped or redirected, the report is 80 columns
    wide whatever ``$COLUMNS`` says, as ``--width``'s help promises.
    """
    if asked is not None:
        return asked
    if to_stdout and sys.stdout.isatty():
        import shutil  # here: with bz2 and lzma, ~2.5 ms that a width given or piped skips

        from gtm_pulse.report.charts import MAX_WIDTH, MIN_WIDTH

        return max(MIN_WIDTH, min(MAX_WIDTH, shutil.get_terminal_size((80, 24)).columns))
    return 80


def emit(text: str, output: Path | None, what: str = "") -> None:
    """Print ``text``, or write it atomically (mode 0600: it holds candid answers) to ``output``.

    ``what`` says what was written, on the line that names the file.
    """
    if output is None:
        # color=True: never let click strip escape codes; the formats decide what they print.
        click.echo(text, nl=False, color=True)
        return
    from gtm_pulse.errors import OutputError
    from gtm_pulse.store.files import atomic_write

    try:
        atomic_write(output, text.encode("utf-8"))
    except OSError as error:
        raise OutputError(f"cannot write {output}: {error.strerror or error}") from None
    click.echo(f"Wrote {output}" + (f" ({what})" if what else ""), err=True)

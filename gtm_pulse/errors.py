"""The errors a user can cause, each turned by the CLI into one line and an exit code.

Anything that is not a ``PulseError`` is a bug and keeps its traceback.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

#: Exit status for a user mistake: bad input, a broken file, a refused write.
EXIT_USER_ERROR = 2


class PulseError(Exception):
    """A problem the user can fix; ``str(error)`` is the message shown to them."""

    exit_code: int = EXIT_USER_ERROR

    def lines(self) -> list[str]:
        """The message as lines, one per problem (most errors have exactly one)."""
        return [str(self)]


class SurveyError(PulseError):
    """A survey file that cannot be used, with one line per problem found in it."""

    def __init__(self, path: Path | str, problems: list[str]) -> None:
        self.path = os.fspath(path)  # as given; pathlib stays out of --help (see cli.AsPath)
        self.problems = problems
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        return [f"{self.path}: {problem}" for problem in self.problems]


class UnknownSurveyError(PulseError):
    """A survey id (or id and version) that no survey file provides."""


class PeriodError(PulseError):
    """A period string that is not ``YYYY-MM`` or ``YYYY-Qn``, or not the survey's cadence."""


class AnswerError(PulseError):
    """Answers that do not fit the survey, with one line per question at fault."""

    def __init__(self, problems: list[str], source: str = "answers") -> None:
        self.problems = problems
        self.source = source
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        return [f"{self.source}: {problem}" for problem in self.problems]


class TeamError(PulseError):
    """The team is missing, or a role is not part of it."""


class DatabaseError(PulseError):
    """The database file cannot be used as it is; it is never overwritten."""


class SigningError(PulseError):
    """A record cannot be signed here, or its signature does not hold."""


class AlreadySubmittedError(PulseError):
    """A second submission for the same survey, period and role without ``--amend``."""

    @classmethod
    def of(cls, role: str, survey_id: str, period: str, revision: int) -> AlreadySubmittedError:
        """The one wording, whether ``submit`` finds it first or the store does."""
        return cls(
            f"{role} already submitted {survey_id} for {period} (revision {revision}); use "
            "--amend to replace it, keeping the earlier revision in history"
        )


#: Exit status when there is nothing to show yet: no data, or one side has not submitted.
EXIT_NOT_READY = 1


class NotReadyError(PulseError):
    """Nothing to compare yet: no responses at all, or one side has not submitted the period.

    Not a mistake, so it exits 1 (like ``status`` with someone missing), not 2.
    """

    exit_code = EXIT_NOT_READY


class OutputError(PulseError):
    """A report or export file that cannot be written."""


class UnknownDimensionError(PulseError):
    """A dimension id or name that the survey does not have."""


class CommitmentError(PulseError):
    """A commitment number that does not exist, or a follow-up that does not fit one."""


class MetricError(PulseError):
    """A metric that is not defined, or a value or definition that does not fit one."""


class BundleError(PulseError):
    """A bundle file that cannot be imported as it is; nothing is written."""


class ImportConflictError(BundleError):
    """An imported response differs from the one already stored for its survey, period, role."""


#: The most of one quoted value (a word: no spaces) an error line shows: messages quote what
#: they found (a key, a value, a path), and a 10 MB key must not become a 10 MB line.
WORD_MAX = 300
#: The longest error line, whatever it quotes (a long value with spaces in it). Well above the
#: longest message gtm-pulse writes itself, which may name two long paths.
LINE_MAX = 1_000


def capped(line: str) -> str:
    """``line`` with each word longer than :data:`WORD_MAX` cut in the middle, and the line
    then cut at :data:`LINE_MAX`, each cut saying how many characters it left out."""
    if len(line) <= WORD_MAX:
        return line
    import re

    line = re.sub(rf"\S{{{WORD_MAX + 1},}}", lambda word: _cut(word[0], WORD_MAX), line)
    return _cut(line, LINE_MAX, keep_end=False)


def _cut(text: str, limit: int, *, keep_end: bool = True) -> str:
    """``text`` in at most ``limit`` characters: its start, a note of what is left out, and
    (``keep_end``) its last characters, which often say the most (a file's name)."""
    if len(text) <= limit:
        return text

    def note(count: int) -> str:
        return (
            f"...({count:,} more characters)..." if keep_end else f"... ({count:,} more characters)"
        )

    left_out = len(text) - limit
    for _ in range(2):  # the note's own length moves the cut; twice settles it
        left_out = len(text) - (limit - len(note(left_out)))
    room = limit - len(note(left_out))
    end = room // 3 if keep_end else 0
    return text[: room - end] + note(left_out) + (text[len(text) - end :] if end else "")


class SyncError(PulseError):
    """A shared folder or git repository that cannot be read or written as a remote.

    Exits 2 like other user-facing errors (a path that does not exist, a file that would be
    replaced, a push refused for good), except an unreachable remote (a timeout, a host that
    does not answer: the laptop is offline), which exits 1 (:data:`EXIT_NOT_READY`): that is not
    a mistake, and a sync run from cron simply tries again later.
    """

    def __init__(self, message: str, *, unreachable: bool = False) -> None:
        super().__init__(message)
        self.unreachable = unreachable
        self.exit_code = EXIT_NOT_READY if unreachable else EXIT_USER_ERROR


class RevealError(PulseError):
    """A sealed response or a key release that does not hold: refused, never opened."""

"""Turn a respondent's raw answers into a :class:`Response` ready to store.

Shared by ``submit`` and the TUI, so both refuse exactly the same mistakes.
"""

from __future__ import annotations

import json
from typing import Any

from gtm_pulse.core.answers import check_answers
from gtm_pulse.core.asking import asked_survey, expand, separate, written
from gtm_pulse.core.commitments import asked_in
from gtm_pulse.core.models import Response, Survey, Team
from gtm_pulse.core.periods import Period, resolve
from gtm_pulse.core.template import NOTE_KEYS
from gtm_pulse.errors import AlreadySubmittedError, AnswerError, TeamError
from gtm_pulse.store.snapshot import Snapshot


def read_answers_file(raw: bytes, source: str) -> dict[str, Any]:
    """Parse an answers file: a JSON object, or :class:`AnswerError` naming the file."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise AnswerError(["not UTF-8 text"], source) from None
    except json.JSONDecodeError as error:
        raise AnswerError(
            [f"not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"], source
        ) from None
    except RecursionError:
        raise AnswerError(["nested too deeply"], source) from None
    except ValueError:  # an integer of over 4,300 digits (sys.get_int_max_str_digits)
        raise AnswerError(["holds a number too long to be read"], source) from None
    if not isinstance(data, dict):
        raise AnswerError(
            [f"expected a JSON object {{question id: value}}, got {type(data).__name__}"], source
        )
    # A template's notes for the person filling it in (see gtm_pulse.core.template): not answers.
    return {key: value for key, value in data.items() if key not in NOTE_KEYS}


def respondent_role(team: Team, role: str) -> str:
    """``role`` if it answers surveys in this team; else :class:`TeamError` naming the choices."""
    if role not in team.respondent_roles:
        choices = ", ".join(team.respondent_roles)
        raise TeamError(f"role {role!r} does not answer surveys in this team (roles: {choices})")
    return role


def submission_period(survey: Survey, period: Period | None) -> Period:
    """The period answered: given (matching the survey's cadence, not in the future) or today's."""
    return resolve(period, survey.cadence)


def refuse_second(snapshot: Snapshot, survey: Survey, role: str, period: Period | None) -> None:
    """:class:`AlreadySubmittedError` when ``role`` already submitted ``survey`` for ``period``.

    Checked before the answers are even read: a second submission is told it is one, not what
    its answers got wrong (the store refuses it again under its lock).
    """
    respondent_role(snapshot.require_team(), role)
    chosen = submission_period(survey, period)
    previous = snapshot.response(survey.id, chosen, role)
    if previous is not None:
        raise AlreadySubmittedError.of(role, survey.id, chosen, previous.revision)


def build_response(
    snapshot: Snapshot,
    survey: Survey,
    role: str,
    period: Period | None,
    raw: dict[str, Any],
    source: str,
) -> Response:
    """A complete, validated response; every problem is raised before anything is written.

    Commitments due by the period must be followed up (``_follow_ups`` in ``raw``) and each
    predicted statement needs a guess at the other VP's answer (``_predictions``).
    """
    team = snapshot.require_team()
    respondent_role(team, role)
    chosen = submission_period(survey, period)
    previous = snapshot.response(survey.id, chosen, role)  # amending: keep its follow-ups
    due = asked_in(snapshot.commitments, chosen, previous)
    raw = expand(raw, survey, role, due, chosen, source)
    checked = check_answers(asked_survey(survey, role, due), raw, source=source, named=written)
    parts = separate(checked.answers)
    return Response(
        survey_id=survey.id,
        survey_version=survey.version,
        role=role,
        respondent=team.members[role],
        period=chosen,
        answers=parts.answers,
        comments=checked.comments,
        follow_ups=parts.follow_ups,
        predictions=parts.predictions,
    )

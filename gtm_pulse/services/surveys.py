"""The survey commands' work: checking survey files, and the answers template for one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gtm_pulse.errors import SurveyError

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from pathlib import Path
    from typing import Any

    from gtm_pulse.core.models import Commitment, Survey
    from gtm_pulse.core.periods import Period
    from gtm_pulse.store.database import Store


def check_survey_files(paths: Sequence[Path]) -> Iterator[tuple[Path, Survey | SurveyError]]:
    """Each of ``paths`` (none: every shipped survey) with its survey, or the error that says
    what is wrong with it. One at a time, so a caller can report each as it is read."""
    from gtm_pulse.store.survey_files import load_survey_file, shipped_dir

    for path in list(paths) or sorted(shipped_dir().glob("*.toml")):
        try:
            survey = load_survey_file(path)
        except SurveyError as error:
            yield path, error
            continue
        yield path, survey


def answers_template_for(store: Store, survey: Survey, role: str, period: Period) -> dict[str, Any]:
    """The skeleton answers file of ``role`` for ``survey`` in ``period`` (``surveys
    template``), with the follow-ups of the team's commitments due then.

    Without a database there are no commitments, and no team to check ``role`` against.
    """
    from gtm_pulse.core.commitments import asked_in
    from gtm_pulse.core.template import answers_template
    from gtm_pulse.services.submission import respondent_role

    due: list[Commitment] = []
    if store.path.exists():
        snapshot = store.load()
        respondent_role(snapshot.require_team(), role)
        due = asked_in(snapshot.commitments, period, snapshot.response(survey.id, period, role))
    return answers_template(survey, role, period, due)

"""'surveys list' and 'surveys show' as text, from the survey definitions alone."""

from __future__ import annotations

from gtm_pulse.core.models import Survey
from gtm_pulse.core.surveys import Catalog
from gtm_pulse.report.survey_text import catalog_text, survey_text


def test_the_catalog_gives_each_survey_two_lines(catalog: Catalog) -> None:
    surveys = catalog.latest()
    lines = catalog_text(surveys).splitlines()
    assert len(lines) == 2 * len(surveys)
    assert lines[0].startswith(surveys[0].id) and lines[1] == f"  {surveys[0].parts()}"


def test_a_survey_shows_every_question_once(monthly: Survey) -> None:
    text = survey_text(monthly)
    for question in monthly.questions:
        assert text.count(f"  {question.id}: ") == 1


def test_a_survey_starts_with_its_title_and_ends_with_its_length(monthly: Survey) -> None:
    lines = survey_text(monthly).splitlines()
    assert lines[0] == f"{monthly.title} ({monthly.id} v{monthly.version}, {monthly.cadence})"
    assert lines[-1].startswith(f"{monthly.parts()}; about ")

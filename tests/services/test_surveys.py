"""Checking survey files, and the answers template of a survey."""

from __future__ import annotations

from pathlib import Path

from gtm_pulse.core.models import Survey
from gtm_pulse.core.periods import parse_period
from gtm_pulse.errors import SurveyError
from gtm_pulse.services.surveys import answers_template_for, check_survey_files
from gtm_pulse.store.database import Store


def test_without_files_every_shipped_survey_is_checked_and_loads() -> None:
    found = list(check_survey_files([]))
    assert found and all(isinstance(survey, Survey) for _path, survey in found)


def test_a_broken_file_comes_back_as_its_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('id = "x"\nversion = "bad"\n')
    [(path, found)] = list(check_survey_files([broken]))
    assert path == broken and isinstance(found, SurveyError)


def test_a_template_without_a_database_asks_about_no_commitment(
    store: Store, monthly: Survey, tmp_path: Path
) -> None:
    nowhere = Store(tmp_path / "none.json")
    document = answers_template_for(nowhere, monthly, "sales", parse_period("2026-11"))
    assert not nowhere.path.exists()
    assert document == answers_template_for(store, monthly, "sales", parse_period("2026-11"))

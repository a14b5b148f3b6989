"""Answers files for ``submit`` (issue 14): the template, the key names in errors, resubmission.

Every test drives the real CLI on a real database in tmp_path.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from gtm_pulse.cli import cli
from gtm_pulse.core.answers import check_answers
from gtm_pulse.core.asking import asked_survey, expand
from gtm_pulse.core.models import Survey
from gtm_pulse.store.database import Store
from tests.helpers import full_answers

README = Path(__file__).resolve().parents[2] / "docs" / "commands.md"  # the answers file


def invoke(*args: str, stdin: str | None = None):
    return CliRunner().invoke(cli, list(args), input=stdin)


def _filled(template: dict, survey: Survey) -> dict:
    """The template with every null replaced by an answer the survey allows."""
    answers = {k: v for k, v in template.items() if k not in ("_about", "_allowed")}
    for question in survey.questions:
        if question.kind == "likert":
            answers[question.id] = 4
        elif question.kind == "multi":
            answers[question.id] = [question.options[0].id]
        elif question.kind == "single":
            answers[question.id] = question.options[0].id
        else:
            answers[question.id] = "Written by hand."
    answers["_predictions"] = dict.fromkeys(answers.get("_predictions", {}), "n/a")
    answers["_follow_ups"] = dict.fromkeys(answers.get("_follow_ups", {}), "yes")
    return answers


def test_the_template_names_every_question_guess_and_follow_up(store: Store, monthly: Survey):
    store.add_commitment("One lead definition", "marketing", "2026-10")
    result = invoke("surveys", "template", "monthly-pulse", "--role", "sales")
    assert result.exit_code == 0, result.output
    template = json.loads(result.output)
    assert [k for k in template if not k.startswith("_")] == [q.id for q in monthly.questions]
    assert all(template[q.id] is None for q in monthly.questions)  # nothing chosen for the VP
    assert list(template["_predictions"]) == [q.id for q in monthly.predicted]
    assert template["_follow_ups"] == {"1": None}
    assert "Marketing" in template["_allowed"]["goals-success"]  # worded as Sales reads it
    assert "'n/a'" in template["_allowed"]["scale"]


def test_the_template_as_printed_is_refused_only_for_what_is_missing(store: Store, tmp_path: Path):
    template = invoke("surveys", "template", "monthly-pulse", "--role", "sales").output
    path = tmp_path / "template.json"
    path.write_text(template)
    result = invoke("submit", "--role", "sales", "--answers", str(path))
    assert result.exit_code == 2
    problems = [line for line in result.output.splitlines() if "error" in line]
    assert problems and all("required but not answered" in line for line in problems)


def test_the_template_filled_in_submits(store: Store, monthly: Survey, tmp_path: Path):
    store.add_commitment("One lead definition", "marketing", "2026-10")
    template = json.loads(invoke("surveys", "template", "monthly-pulse").output)
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(_filled(template, monthly)))
    result = invoke("submit", "--role", "sales", "--answers", str(path))
    assert result.exit_code == 0, result.output
    (response,) = store.load().responses_for("monthly-pulse")
    assert response.follow_ups["1"].status == "yes"
    assert set(response.predictions.values()) == {"n/a"}


def test_errors_name_guesses_and_follow_ups_as_the_file_writes_them(store: Store, monthly: Survey):
    store.add_commitment("One lead definition", "marketing", "2026-10")
    answers = full_answers(monthly, "sales")
    answers["_predictions"] = {q.id: 4 for q in monthly.predicted} | {"goals-success": 9}
    result = invoke("submit", "--role", "sales", "--answers", "-", stdin=json.dumps(answers))
    assert result.exit_code == 2
    assert "_predictions.goals-success: 9 is out of range 1-5" in result.output
    assert "_follow_ups.1: required but not answered" in result.output
    assert not re.search(r"predict-|follow-up-\d", result.output)


def test_a_second_submission_is_refused_as_such_before_any_other_check(
    store: Store, monthly: Survey
):
    answers = json.dumps(full_answers(monthly, "sales"))
    assert invoke("submit", "--role", "sales", "--answers", "-", stdin=answers).exit_code == 0
    broken = invoke("submit", "--role", "sales", "--answers", "-", stdin="{not json")
    assert broken.exit_code == 2
    assert "sales already submitted monthly-pulse for 2026-11 (revision 1)" in broken.output
    assert "not valid JSON" not in broken.output


def test_the_readme_answers_example_fits_the_survey(monthly: Survey):
    text = README.read_text()
    section = text[text.index("## The answers file") :]
    block = section[section.index("```json") + len("```json") : section.index("```\n\n")]
    raw = json.loads(block)
    expanded = expand(raw, monthly, "sales", [], "2026-11", "README")
    check_answers(asked_survey(monthly, "sales"), expanded, partial=True, source="README")

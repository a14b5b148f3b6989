"""Survey files: the shipped ones load and fit their promises; broken ones get clear messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from gtm_pulse.errors import SurveyError, UnknownSurveyError
from gtm_pulse.store.survey_files import load_catalog, load_survey_file, shipped_dir

VALID = """
id = "mini"
version = 1
title = "Mini pulse"
cadence = "monthly"

[scale]
points = 5
labels = ["1", "2", "3", "4", "5"]

[[dimensions]]
id = "respect"
name = "Respect & trust"
comment = "Anything else?"

[[questions]]
id = "respect-seriously"
dimension = "respect"
kind = "likert"
label = "Taken seriously"
text = "{other} and I take each other seriously."

[[questions]]
id = "respect-mocking"
dimension = "respect"
kind = "likert"
label = "Heard the other mocked"
reverse = true
text = "I have heard {other} mocked."

[[questions]]
id = "frictions"
dimension = "respect"
kind = "multi"
label = "Frictions"
text = "Frictions?"
options = [{ id = "leads", label = "Lead quality" }, { id = "decks", label = "Decks" }]
severities = ["minor", "severe"]
"""


def write(tmp_path: Path, text: str, name: str = "survey.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, text: str) -> list[str]:
    path = write(tmp_path, text)
    with pytest.raises(SurveyError) as caught:
        load_survey_file(path)
    lines = caught.value.lines()
    assert all(line.startswith(f"{path}: ") for line in lines), lines
    return [line.removeprefix(f"{path}: ") for line in lines]


# -- the shipped surveys ----------------------------------------------------------------------


def test_every_shipped_survey_loads() -> None:
    files = sorted(shipped_dir().glob("*.toml"))
    assert {f.name for f in files} >= {"monthly-pulse.toml", "quarterly-deep-dive.toml"}
    for path in files:
        load_survey_file(path)


def test_monthly_pulse_is_short_and_covers_the_four_dimensions(catalog) -> None:
    survey = catalog.get("monthly-pulse")
    likert = [q for q in survey.questions if q.kind == "likert"]
    assert survey.cadence == "monthly"
    assert 12 <= len(likert) <= 18
    assert survey.estimated_seconds() < 5 * 60  # predictions counted: one more statement each
    names = {d.name for d in survey.dimensions}
    assert {"Respect & trust", "Shared goals", "Strategy clarity", "Frictions"} <= names
    assert any(q.reverse for q in likert)
    multi = [q for q in survey.questions if q.kind == "multi"]
    assert multi and all(q.severities for q in multi)
    assert any(q.kind == "text" for q in survey.questions)


def test_quarterly_deep_dive_is_longer_and_adds_its_dimensions(catalog) -> None:
    survey = catalog.get("quarterly-deep-dive")
    assert survey.cadence == "quarterly"
    assert 40 <= len(survey.questions) <= 55
    assert survey.estimated_seconds() <= 10 * 60  # "about ten minutes", counted
    ids = {d.id for d in survey.dimensions}
    assert {"metrics", "insight", "lead-sla", "integration", "comp"} <= ids


def test_other_side_renders_per_role(catalog) -> None:
    survey = catalog.get("monthly-pulse")
    text = next(q.text for q in survey.questions if "{other}" in q.text)
    assert "Marketing" in survey.render(text, "sales")
    assert "Sales" in survey.render(text, "marketing")
    assert "{" not in survey.render(text, "sales")


@pytest.mark.parametrize(
    ("role", "reads"),
    [
        ("sales", "This month I heard Marketing's work mocked"),
        ("marketing", "This month I heard Sales' work mocked"),
        ("revops", "This month I heard Sales and Marketing's work mocked"),
        (None, "This month I heard the other side's work mocked"),
    ],
)
def test_a_possessive_reads_right_for_every_reader(catalog, role: str | None, reads: str) -> None:
    survey = catalog.get("monthly-pulse")
    text = next(
        q.text for q in survey.questions if q.text.startswith("This month I heard {other}'s")
    )
    shown = survey.render(text, role) if role else survey.neutral(text)
    assert shown.startswith(reads)


def test_unknown_survey_names_the_available_ones(catalog) -> None:
    with pytest.raises(UnknownSurveyError, match="available: monthly-pulse"):
        catalog.get("weekly")


def test_a_valid_file_loads(tmp_path: Path) -> None:
    survey = load_survey_file(write(tmp_path, VALID))
    assert survey.key == ("mini", 1)
    assert survey.question("respect-mocking").reverse
    assert survey.label("respect-mocking") == "Heard the other mocked"


# -- one message per kind of mistake ------------------------------------------------------------


def test_not_toml(tmp_path: Path) -> None:
    assert problems(tmp_path, "id = [")[0].startswith("not valid TOML")


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "bin.toml"
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(SurveyError, match="not UTF-8"):
        load_survey_file(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SurveyError, match="cannot read"):
        load_survey_file(tmp_path / "nope.toml")


def test_duplicate_question_id(tmp_path: Path) -> None:
    text = VALID.replace('id = "respect-mocking"', 'id = "respect-seriously"')
    assert problems(tmp_path, text) == [
        "questions[1].id: duplicate question id 'respect-seriously' (first at questions[0])"
    ]


def test_unknown_dimension(tmp_path: Path) -> None:
    text = VALID.replace(
        'dimension = "respect"\nkind = "multi"', 'dimension = "blame"\nkind = "multi"'
    )
    assert problems(tmp_path, text) == [
        "questions[2].dimension: unknown dimension 'blame' (known: respect)"
    ]


def test_empty_scale(tmp_path: Path) -> None:
    text = VALID.replace(
        'points = 5\nlabels = ["1", "2", "3", "4", "5"]', "points = 0\nlabels = []"
    )
    assert problems(tmp_path, text) == [
        "scale.points: Input should be greater than or equal to 2 (got 0)"
    ]


def test_labels_do_not_match_points(tmp_path: Path) -> None:
    text = VALID.replace('labels = ["1", "2", "3", "4", "5"]', 'labels = ["1", "2"]')
    assert problems(tmp_path, text) == [
        "scale: scale has 5 points but 2 labels; give one per point"
    ]


def test_reverse_on_a_non_likert_question(tmp_path: Path) -> None:
    text = VALID.replace('kind = "multi"', 'kind = "multi"\nreverse = true')
    assert problems(tmp_path, text) == [
        "questions[2] (id 'frictions'): reverse is only for likert questions, not multi"
    ]


def test_unknown_key_is_a_typo_not_a_default(tmp_path: Path) -> None:
    text = VALID.replace('kind = "multi"', 'kind = "multi"\nreversed = true')
    assert problems(tmp_path, text) == [
        "questions[2] (id 'frictions').reversed: Extra inputs are not permitted (got True)"
    ]


def test_unknown_kind(tmp_path: Path) -> None:
    text = VALID.replace('kind = "multi"', 'kind = "slider"')
    (line,) = problems(tmp_path, text)
    assert line.startswith("questions[2] (id 'frictions').kind: Input should be 'likert'")
    assert "(got 'slider')" in line


def test_choice_question_without_options(tmp_path: Path) -> None:
    text = VALID.replace(
        'options = [{ id = "leads", label = "Lead quality" }, { id = "decks", label = "Decks" }]',
        "options = []",
    )
    assert problems(tmp_path, text) == [
        "questions[2] (id 'frictions'): a multi question needs at least 2 options"
    ]


def test_severities_on_a_likert_question(tmp_path: Path) -> None:
    text = VALID.replace("reverse = true\n", 'reverse = true\nseverities = ["low"]\n')
    assert problems(tmp_path, text) == [
        "questions[1] (id 'respect-mocking'): severities are only for multi questions, not likert"
    ]


def test_unknown_placeholder(tmp_path: Path) -> None:
    text = VALID.replace("{other} and I", "{others} and I")
    (line,) = problems(tmp_path, text)
    assert line.startswith(
        "questions[0] (id 'respect-seriously').text: unknown placeholder {others}"
    )


def test_bad_cadence_and_bad_id_are_both_reported(tmp_path: Path) -> None:
    text = VALID.replace('cadence = "monthly"', 'cadence = "weekly"').replace(
        '"mini"', '"Mini Pulse"'
    )
    lines = problems(tmp_path, text)
    assert len(lines) == 2
    assert lines[0].startswith("id: String should match pattern")
    assert "(got 'Mini Pulse')" in lines[0]
    assert lines[1].startswith("cadence: Input should be 'monthly' or 'quarterly' (got 'weekly')")


def test_missing_fields_are_named(tmp_path: Path) -> None:
    assert "title: required field is missing" in problems(
        tmp_path, VALID.replace('title = "Mini pulse"', "")
    )


def test_several_survey_level_problems_one_line_each(tmp_path: Path) -> None:
    text = VALID.replace('id = "respect-mocking"', 'id = "respect-seriously"').replace(
        'dimension = "respect"\nkind = "multi"', 'dimension = "blame"\nkind = "multi"'
    )
    assert len(problems(tmp_path, text)) == 2


def test_two_files_with_the_same_id_and_version_are_refused(tmp_path: Path) -> None:
    write(tmp_path, VALID, "a.toml")
    write(tmp_path, VALID, "b.toml")
    with pytest.raises(SurveyError, match="also defined in"):
        load_catalog([tmp_path])


def test_catalog_serves_the_newest_version_unless_asked(tmp_path: Path) -> None:
    write(tmp_path, VALID, "a.toml")
    write(tmp_path, VALID.replace("version = 1", "version = 2"), "b.toml")
    catalog = load_catalog([tmp_path])
    assert catalog.get("mini").version == 2
    assert catalog.get("mini", 1).version == 1


# -- predictions, healthy tension, metrics and mirror pairs ---------------------------------------


def test_predict_tension_and_metric_load_on_a_likert_statement(tmp_path: Path) -> None:
    text = VALID.replace(
        'text = "{other} and I take each other seriously."',
        'text = "{other} and I take each other seriously."\npredict = true\n'
        'metric = "mql-acceptance"',
    ).replace("reverse = true\n", 'reverse = true\ntension = "healthy"\n')
    survey = load_survey_file(write(tmp_path, text))
    seriously, mocking = survey.questions[:2]
    assert (seriously.predict, seriously.metric, mocking.tension) == (
        True,
        "mql-acceptance",
        "healthy",
    )


@pytest.mark.parametrize("field", ["predict = true", 'tension = "healthy"'])
def test_predict_and_tension_are_for_likert_statements_only(tmp_path: Path, field: str) -> None:
    text = VALID.replace('kind = "multi"', f'kind = "multi"\n{field}')
    name = field.split(" ")[0]
    assert problems(tmp_path, text) == [
        f"questions[2] (id 'frictions'): {name} is only for likert questions, not multi"
    ]


def test_an_unknown_kind_of_tension_is_refused(tmp_path: Path) -> None:
    text = VALID.replace("reverse = true\n", 'reverse = true\ntension = "fun"\n')
    (line,) = problems(tmp_path, text)
    assert line.startswith("questions[1] (id 'respect-mocking').tension: Input should be 'healthy'")


@pytest.mark.parametrize("taken", ["follow-up-1", "predict-respect-seriously"])
def test_ids_gtm_pulse_adds_are_kept_from_surveys(tmp_path: Path, taken: str) -> None:
    text = VALID.replace('id = "frictions"', f'id = "{taken}"')
    (line,) = problems(tmp_path, text)
    assert line.startswith(f"questions[2] (id '{taken}').id: ")
    assert "kept for the questions gtm-pulse adds" in line


MIRRORS = """
[[mirrors]]
id = "respect-both"
name = "Respect"
about = { sales = "respect-seriously", marketing = "respect-mocking" }
"""


def test_a_mirror_pair_names_a_likert_statement_about_each_vp(tmp_path: Path) -> None:
    survey = load_survey_file(write(tmp_path, VALID + MIRRORS))
    assert survey.mirrors[0].about == {"sales": "respect-seriously", "marketing": "respect-mocking"}


@pytest.mark.parametrize(
    ("about", "expected"),
    [
        ('{ sales = "respect-seriously" }',
         "mirrors[0] (id 'respect-both').about: name one question about each of"),
        ('{ sales = "respect-seriously", marketing = "frictions" }',
         "mirrors[0] (id 'respect-both').about.marketing: 'frictions' is not a likert question"),
        ('{ sales = "respect-seriously", marketing = "nope" }',
         "mirrors[0] (id 'respect-both').about.marketing: 'nope' is not a likert question"),
        ('{ sales = "respect-seriously", marketing = "respect-seriously" }',
         "mirrors[0] (id 'respect-both').about: the two questions must differ"),
    ],
)  # fmt: skip
def test_a_broken_mirror_pair_is_named(tmp_path: Path, about: str, expected: str) -> None:
    text = VALID + MIRRORS.replace(
        'about = { sales = "respect-seriously", marketing = "respect-mocking" }', f"about = {about}"
    )
    (line,) = problems(tmp_path, text)
    assert line.startswith(expected), line


def test_the_monthly_pulse_predicts_key_items_and_mirrors_both_functions(catalog) -> None:
    survey = catalog.get("monthly-pulse")
    predicted = [q.id for q in survey.questions if q.predict]
    assert 3 <= len(predicted) <= 5
    assert len(survey.mirrors) >= 2
    assert all(set(m.about) == {"sales", "marketing"} for m in survey.mirrors)
    # Counted, not guessed: 18 statements and 4 guesses at 10 s, a checklist 30 s, text 45 s.
    assert survey.estimated_seconds() == (18 + 4) * 10 + 30 + 45 < 5 * 60

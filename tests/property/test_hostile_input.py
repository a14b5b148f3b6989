"""Hostile input to every reader is one clear line (a PulseError), never a traceback (issue 15).

Numbers too long for Python to read (over 4,300 digits), nesting deeper than the interpreter's
stack, period digits of other scripts, format specs in a survey's placeholders, and values of
the wrong type where a survey file wants an integer.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gtm_pulse.core.periods import parse_period
from gtm_pulse.core.surveys import parse_survey
from gtm_pulse.errors import AnswerError, BundleError, DatabaseError, PeriodError, SurveyError
from gtm_pulse.services.submission import read_answers_file
from gtm_pulse.store.bundles import read_bundle
from gtm_pulse.store.format import read_database
from gtm_pulse.store.survey_files import load_survey_file, shipped_dir

# The files are rewritten whole by each example: one tmp_path for all of them is fine.
FEW = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

#: Integers Python refuses to parse from text (sys.get_int_max_str_digits() is 4,300).
too_long = st.integers(min_value=4_301, max_value=6_000).map(lambda n: "9" * n)


def _survey_data() -> dict[str, Any]:
    return tomllib.loads((shipped_dir() / "monthly-pulse.toml").read_text())


@FEW
@given(digits=too_long)
def test_a_number_too_long_in_the_database_is_one_line(tmp_path: Path, digits: str) -> None:
    path = tmp_path / "pulse.json"
    path.write_text(f'{{"meta": {{"1": {{"app": "gtm-pulse", "n": {digits}}}}}}}')
    with pytest.raises(DatabaseError, match="holds a number too long to be read"):
        read_database(path)


@FEW
@given(digits=too_long)
def test_a_number_too_long_in_an_answers_file_is_one_line(digits: str) -> None:
    with pytest.raises(AnswerError) as raised:
        read_answers_file(f'{{"respect-seriously": {digits}}}'.encode(), "a.json")
    assert raised.value.lines() == ["a.json: holds a number too long to be read"]


@FEW
@given(digits=too_long)
def test_a_number_too_long_in_a_bundle_is_one_line(tmp_path: Path, digits: str) -> None:
    path = tmp_path / "b.json"
    path.write_text(f'{{"format": "gtm-pulse-bundle", "payload": {digits}}}')
    with pytest.raises(BundleError, match="holds a number too long to be read"):
        read_bundle(path)


@FEW
@given(digits=too_long)
def test_a_number_too_long_in_a_survey_file_is_one_line(tmp_path: Path, digits: str) -> None:
    path = tmp_path / "s.toml"
    path.write_text(f"version = {digits}\n")
    with pytest.raises(SurveyError) as raised:
        load_survey_file(path)
    assert raised.value.lines() == [f"{path}: holds a number too long to be read"]


@pytest.mark.parametrize("opening", ["[", "{a = "], ids=["array", "inline table"])
def test_a_survey_file_nested_100k_deep_is_one_line(tmp_path: Path, opening: str) -> None:
    closing = "]" if opening == "[" else "}"
    path = tmp_path / "deep.toml"
    path.write_text(f"a = {opening * 100_000}1{closing * 100_000}\n")
    with pytest.raises(SurveyError) as raised:
        load_survey_file(path)
    assert raised.value.lines() == [f"{path}: nested too deeply to be a survey"]


# Every decimal digit of Unicode that is not ASCII: int() reads them all.
foreign_digits = st.characters(categories=["Nd"]).filter(lambda c: c not in "0123456789")


@given(
    year=st.lists(foreign_digits | st.sampled_from("0123456789"), min_size=4, max_size=4),
    number=st.lists(foreign_digits | st.sampled_from("0123456789"), min_size=1, max_size=2),
    quarterly=st.booleans(),
)
def test_a_period_with_digits_of_another_script_is_refused(
    year: list[str], number: list[str], quarterly: bool
) -> None:
    text = "".join(year) + ("-Q" if quarterly else "-") + "".join(number)
    if text.isascii():
        return  # nothing foreign drawn
    with pytest.raises(PeriodError):
        parse_period(text)


format_specs = st.text(
    alphabet=st.sampled_from("<>^=+- #0123456789,._bcdeEfFgGnosxX%"), min_size=1, max_size=12
)


@settings(max_examples=40, deadline=None)
@given(
    spec=format_specs | st.just(">999999999"),
    conversion=st.sampled_from(["", "!r", "!s", "!a"]),
    field=st.sampled_from(["other", "own"]),
)
def test_a_placeholder_with_a_format_spec_or_conversion_is_refused(
    spec: str, conversion: str, field: str
) -> None:
    data = _survey_data()
    data["questions"][0]["text"] = f"{{{field}{conversion}:{spec}}} takes my work seriously."
    with pytest.raises(SurveyError) as raised:
        parse_survey(data, "s.toml")
    (line,) = raised.value.lines()
    assert line.startswith("s.toml: questions[0] (id 'respect-seriously').text: placeholder {")
    assert line.endswith(f"no format spec or conversion is allowed; write {{{field}}}")


def test_a_conversion_alone_is_refused() -> None:
    data = _survey_data()
    data["questions"][0]["text"] = "{other!r} takes my work seriously."
    with pytest.raises(SurveyError, match=r"placeholder \{other!r\}: no format spec"):
        parse_survey(data, "s.toml")


not_an_int = st.one_of(
    st.booleans(),
    st.integers(min_value=2, max_value=11).map(str),
    st.floats(allow_nan=False, min_value=2, max_value=11),
    st.lists(st.integers(), max_size=2),
)


@FEW
@given(value=not_an_int)
def test_scale_points_must_be_an_integer(value: object) -> None:
    data = _survey_data()
    data["scale"]["points"] = value
    with pytest.raises(SurveyError) as raised:
        parse_survey(data, "s.toml")
    assert any(line.startswith("s.toml: scale.points: ") for line in raised.value.lines())


@FEW
@given(value=not_an_int)
def test_a_survey_version_must_be_an_integer(value: object) -> None:
    data = _survey_data()
    data["version"] = value
    with pytest.raises(SurveyError) as raised:
        parse_survey(data, "s.toml")
    assert any(line.startswith("s.toml: version: ") for line in raised.value.lines())


def test_the_shipped_surveys_pass_the_strict_types() -> None:
    for path in sorted(shipped_dir().glob("*.toml")):
        load_survey_file(path)


def test_a_survey_recorded_in_json_passes_the_strict_types() -> None:
    data = json.loads(json.dumps(_survey_data()))  # as a database keeps a definition
    parse_survey(data, "recorded")

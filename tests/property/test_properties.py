"""Properties over generated input: parsers fail only with clear errors, never crash."""

from __future__ import annotations

import contextlib
import tomllib

from hypothesis import given, settings
from hypothesis import strategies as st

from gtm_pulse.core.answers import check_answers
from gtm_pulse.core.models import Survey, to_json
from gtm_pulse.core.periods import Period, parse_period
from gtm_pulse.core.surveys import parse_survey
from gtm_pulse.errors import AnswerError, PeriodError, SurveyError
from gtm_pulse.store.survey_files import load_catalog

MONTHLY = load_catalog().get("monthly-pulse")

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)


@given(st.sampled_from(["monthly", "quarterly"]), st.integers(min_value=12, max_value=9999 * 4))
def test_every_period_round_trips_through_text(cadence: str, index: int) -> None:
    period = Period(cadence, index)  # type: ignore[arg-type]
    assert parse_period(str(period)) == period


@given(st.text(max_size=12))
def test_period_parsing_fails_only_with_a_period_error(text: str) -> None:
    try:
        parse_period(text)
    except PeriodError as error:
        assert repr(text) in str(error)


@given(st.dictionaries(st.sampled_from([q.id for q in MONTHLY.questions] + ["x"]), json_values))
def test_any_json_answers_are_accepted_or_refused_with_reasons(raw: dict) -> None:
    try:
        checked = check_answers(MONTHLY, raw, partial=True)
    except AnswerError as error:
        assert error.problems
        assert all(line.startswith(("question ", "unknown question")) for line in error.problems)
    else:
        assert set(checked.answers) <= set(raw)


@given(st.integers(min_value=1, max_value=5), st.booleans())
def test_valid_likert_values_always_pass(value: int, _: bool) -> None:
    question = next(q for q in MONTHLY.questions if q.kind == "likert")
    assert check_answers(MONTHLY, {question.id: value}, partial=True).answers == {
        question.id: value
    }


def _mutations(survey: Survey) -> st.SearchStrategy[dict]:
    """The shipped survey's data with one field replaced by an arbitrary value."""
    data = to_json(survey)
    paths = [("id",), ("version",), ("cadence",), ("scale", "points"), ("scale", "labels")]
    for index in range(len(data["questions"])):
        paths += [
            ("questions", index, key) for key in ("id", "dimension", "kind", "text", "reverse")
        ]

    def mutate(path: tuple, value: object) -> dict:
        copy = to_json(survey)
        node = copy
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = value
        return copy

    return st.builds(mutate, st.sampled_from(paths), json_values)


@settings(max_examples=150)
@given(_mutations(MONTHLY))
def test_mutated_surveys_load_or_fail_with_located_messages(data: dict) -> None:
    try:
        parse_survey(data, "fuzz.toml")
    except SurveyError as error:
        assert error.problems and all(error.problems)


@given(st.text(max_size=200))
def test_arbitrary_text_as_a_survey_file_never_crashes(text: str) -> None:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return
    with contextlib.suppress(SurveyError):  # clear refusals are fine; anything else fails
        parse_survey(data, "fuzz.toml")

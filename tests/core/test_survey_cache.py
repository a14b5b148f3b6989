"""The cache of validated survey files: a speed-up only, so damage to it changes nothing else.

Real files: the shipped surveys, and the cache in the test's own XDG_CACHE_HOME.
"""

from __future__ import annotations

import json

import pytest

from gtm_pulse import __version__
from gtm_pulse.core.models import Survey
from gtm_pulse.store.survey_files import ValidatedSurveys, load_catalog


@pytest.fixture
def expected() -> tuple[Survey, ...]:
    """The shipped surveys, validated; loading them writes the cache the next load reads."""
    surveys = load_catalog().surveys
    assert json.loads(ValidatedSurveys().path.read_bytes())["surveys"]
    return surveys


@pytest.mark.parametrize(
    "change",
    [
        lambda entry: entry.update(questions=["oops"]),
        lambda entry: entry.update(scale=None),
        lambda entry: entry.pop("id"),
        lambda entry: entry.update(dimensions=[{"id": 7}]),
    ],
    ids=["question not an object", "no scale", "no id", "bad dimension"],
)
def test_a_damaged_entry_is_validated_again(expected: tuple[Survey, ...], change) -> None:
    path = ValidatedSurveys().path
    data = json.loads(path.read_bytes())
    for entry in data["surveys"].values():
        change(entry)
    path.write_text(json.dumps(data))
    assert load_catalog().surveys == expected
    assert load_catalog().surveys == expected  # and the entry was written back whole


THIS = f'"gtm_pulse": "{__version__}"'.encode()


@pytest.mark.parametrize(
    "content",
    [b"", b"\xff", b"[1, 2]", b'{"gtm_pulse": 3}', b"{" + THIS + b', "surveys": 5}',
     b"{" + THIS + b', "surveys": [1]}', b"{" + THIS + b', "surveys": {"x": [1]}}'],
)  # fmt: skip
def test_a_cache_file_of_another_shape_is_ignored(
    expected: tuple[Survey, ...], content: bytes
) -> None:
    ValidatedSurveys().path.write_bytes(content)
    assert load_catalog().surveys == expected

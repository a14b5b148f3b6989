"""The generic reader: a stored record read back is the record that was stored."""

from __future__ import annotations

import pytest

from gtm_pulse.core.models import Commitment, Response, Seal, Signature, to_json
from gtm_pulse.core.models.record import COMPILE_AFTER

STORED = Response(
    survey_id="monthly-pulse",
    survey_version=3,
    role="sales",
    respondent="Dana Ortiz",
    period="2026-11",
    answers={"respect-seriously": 4, "frictions-checklist": {"lead-quality": "severe"}},
    comments={"respect": "fine"},
    predictions={"respect-seriously": 3, "goals-success": "n/a"},
    seal=Seal(salt="a" * 64, sha256="b" * 64),
    signature=Signature(key="c" * 64, prev=None, value="d" * 128),
)


def test_a_response_reads_back_equal_before_and_after_its_reader_is_compiled() -> None:
    # given a stored response, when it is read more often than the loop reader serves,
    # then every read (loop and compiled) gives the response stored
    document = to_json(STORED)
    reads = [Response.from_json(document) for _ in range(COMPILE_AFTER + 3)]
    assert all(read == STORED for read in reads)
    assert all(read.submitted_at == STORED.submitted_at for read in reads)


def test_a_missing_default_takes_its_default_and_a_missing_moment_is_an_error() -> None:
    document = to_json(Commitment(number=1, text="x", owner="sales", due="2026-12"))
    del document["agreed_in"]
    assert Commitment.from_json(document).agreed_in is None
    del document["created_at"]
    with pytest.raises(KeyError, match="created_at"):
        Commitment.from_json(document)


@pytest.mark.parametrize("times", [1, COMPILE_AFTER + 1])
def test_a_field_of_the_wrong_type_is_a_type_error(times: int) -> None:
    document = to_json(STORED)
    for _ in range(times):
        Response.from_json(document)
    with pytest.raises(TypeError, match="answers is not dict"):
        Response.from_json(document | {"answers": [4]})
    with pytest.raises(TypeError, match="respect is not str"):
        Response.from_json(document | {"comments": {"respect": 5}})

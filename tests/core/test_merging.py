"""The merge rules ``sync`` agrees by: commitment numbers by claim, the latest value by clock."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from gtm_pulse.core.merging import Claim, Move, latest, number_commitments


def test_the_lower_record_hash_keeps_a_claimed_number() -> None:
    numbers, moves = number_commitments(
        [Claim("a", 3, "f0"), Claim("b", 3, "0f"), Claim("c", 1, "aa"), Claim("d", 2, "bb")]
    )
    assert numbers == {"b": 3, "a": 4, "c": 1, "d": 2}
    assert moves == [Move("a", 3, 4, "b")]


def test_a_loser_skips_numbers_another_commitment_claims() -> None:
    numbers, _ = number_commitments([Claim("a", 1, "1"), Claim("b", 1, "2"), Claim("c", 2, "3")])
    assert numbers == {"a": 1, "c": 2, "b": 3}


def test_the_same_commitment_published_twice_counts_once() -> None:
    numbers, moves = number_commitments([Claim("a", 1, "2"), Claim("a", 2, "1")])
    assert numbers == {"a": 2} and moves == []


def test_the_latest_value_is_the_highest_clock_then_the_lower_hash() -> None:
    assert latest([(1, "b", "old"), (2, "c", "new"), (2, "a", "newer")]) == ("newer", ["new"])
    assert latest([]) is None


claims = st.lists(
    st.builds(
        Claim,
        ident=st.sampled_from("abcdefgh"),
        claimed=st.integers(min_value=1, max_value=6),
        record=st.text("0123456789abcdef", min_size=4, max_size=4),
    ),
    max_size=12,
    unique_by=lambda claim: claim.record,  # a record's hash names its content: one claim each
)


@settings(max_examples=200, deadline=None)
@given(claims, st.randoms(use_true_random=False))
def test_numbers_are_unique_and_do_not_depend_on_the_order_records_arrive(
    found: list[Claim], shuffler: random.Random
) -> None:
    numbers, moves = number_commitments(found)
    assert set(numbers) == {c.ident for c in found}
    assert len(set(numbers.values())) == len(numbers)
    shuffled = list(found)
    shuffler.shuffle(shuffled)
    assert number_commitments(shuffled) == (numbers, moves)

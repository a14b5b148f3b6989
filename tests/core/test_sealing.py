"""Seals and checksums: the canonical bytes of real text never change; half a character is found."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from gtm_pulse.core.sealing import canonical_json, lone_surrogate

#: JSON values made of text hypothesis draws from every Unicode character but the surrogates.
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
    max_leaves=20,
)


@given(JSON)
def test_real_text_keeps_the_canonical_bytes_seals_were_made_with(value: object) -> None:
    plain = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert canonical_json(value) == plain.encode("utf-8")
    assert lone_surrogate(value) is None


def test_a_lone_surrogate_does_not_break_the_canonical_form() -> None:
    # Refused at input; a hand-edited file can still hold one, and checking it must not crash.
    assert canonical_json({"a": "\ud800"}) == b'{"a":"\xed\xa0\x80"}'


def test_a_lone_surrogate_is_found_with_its_path() -> None:
    payload = {"responses": [{"answers": {"q": "ok"}}, {"answers": {"q": "x\udcff"}}]}
    assert lone_surrogate(payload) == ("responses[1].answers.q", "\\udcff")
    assert lone_surrogate({"answers": {"\ud800": 1}}) == ("answers.\\ud800", "\\ud800")

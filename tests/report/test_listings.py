"""'actions list' and 'metrics list' as text."""

from __future__ import annotations

from gtm_pulse.report.listings import commitments_text, listed_commitments, metrics_text
from gtm_pulse.store.database import Store


def test_no_commitments_says_none_yet() -> None:
    assert commitments_text([], any_recorded=False) == "No commitments yet."


def test_no_open_commitments_says_so_when_some_are_done() -> None:
    assert commitments_text([], any_recorded=True) == "No open commitments."


def test_open_commitments_come_first(store: Store) -> None:
    store.add_commitment("One lead definition", "marketing", "2026-12", None)
    store.add_commitment("A follow-up SLA", "sales", "2026-12", None)
    store.set_commitment_done(1, done=True)
    shown = listed_commitments(store.load().commitments, only_open=False)
    assert [c.number for c in shown] == [2, 1]
    assert [c.number for c in listed_commitments(shown, only_open=True)] == [2]


def test_a_commitment_typed_with_an_escape_sequence_is_listed_harmlessly(store: Store) -> None:
    store.add_commitment("Stop \x1b]0;owned\x07 this", "sales", "2026-12", None)
    text = commitments_text(store.load().commitments, any_recorded=True)
    assert "\x1b" not in text and "\x07" not in text


def test_no_metrics_says_how_to_add_one() -> None:
    assert metrics_text([]) == "No metrics yet: 'gtm-pulse metrics define mql-acceptance' adds one."

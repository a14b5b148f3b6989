"""The README's example output is what the real tool prints (see tests/readme_examples.py)."""

from __future__ import annotations

from pathlib import Path

from tests.readme_examples import README, demo_runner, regenerate


def test_every_generated_block_is_what_the_tool_prints_today(tmp_path: Path):
    text = README.read_text()
    assert text.count("<!-- generated: gtm-pulse ") >= 3
    made = regenerate(text, demo_runner(tmp_path))
    assert made == text, "README.md examples are stale: run 'python -m tests.readme_examples'"


def test_a_stale_block_is_found(tmp_path: Path):
    stale = "<!-- generated: gtm-pulse surveys list -->\n```text\nold words\n```\n"
    made = regenerate(stale, demo_runner(tmp_path))
    assert "old words" not in made and "monthly-pulse" in made

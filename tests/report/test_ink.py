"""The reports colour text with the escapes click.style writes, without importing click."""

from __future__ import annotations

import click
import pytest

from gtm_pulse.report.charts import Ink


@pytest.mark.parametrize("fg", [None, "red", "green", "yellow", "blue", "magenta"])
@pytest.mark.parametrize("bold", [False, True])
def test_ink_writes_what_click_style_writes(fg: str | None, bold: bool) -> None:
    assert Ink(colour=True)("Health", fg, bold=bold) == click.style("Health", fg=fg, bold=bold)


def test_no_colour_leaves_the_text_alone() -> None:
    assert Ink(colour=False)("Health", "red", bold=True) == "Health"

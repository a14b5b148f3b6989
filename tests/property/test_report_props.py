"""Properties of compare's output over generated names, comments and widths.

Whatever a VP types (wide characters, escape sequences, markup, 10,000-character words) and
whatever the width, the text report fits and JSON keeps the text exactly.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gtm_pulse.core.models import Team
from gtm_pulse.core.periods import parse_period
from gtm_pulse.core.termtext import cell_width, strip_style, wrap
from gtm_pulse.report import render
from gtm_pulse.services.comparing import Review, build_review
from gtm_pulse.store.database import Store
from gtm_pulse.store.survey_files import load_catalog
from tests.helpers import scored, submit_pair

CATALOG = load_catalog()
MONTHLY = CATALOG.get("monthly-pulse")

# Text a person could type or paste: any printable or control character, wide ones included.
typed = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=300).filter(
    lambda text: text.strip()
)


def review_with(comment: str, name: str, score: int) -> Review:
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "pulse.json")
        store.init(Team(company=name, members={"sales": name, "marketing": "M", "ceo": "C"}))
        sales = scored(MONTHLY, score) | {"_comments": {"respect": comment}}
        marketing = scored(MONTHLY, 3) | {"frictions-start-stop": comment}
        submit_pair(store, MONTHLY, "2026-11", sales, marketing)
        return build_review(
            store.load(), CATALOG, MONTHLY.id, parse_period("2026-11"), dt.date(2026, 11, 15)
        )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(typed, typed, st.integers(1, 5), st.integers(40, 200))
def test_the_text_report_fits_any_width_whatever_is_typed(
    comment: str, name: str, score: int, width: int
) -> None:
    review = review_with(comment, name, score)
    for full in (False, True):  # the verdict (names), and every section (comments too)
        text = render(review, "text", width, full=full)
        assert all(cell_width(strip_style(line)) <= width for line in text.splitlines()), full


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(typed)
def test_json_keeps_comments_exactly(comment: str) -> None:
    document = json.loads(render(review_with(comment, "N", 4), "json", 80))
    kept = {next(iter(c["by_role"].items())) for c in document["comments"]}
    assert kept == {("sales", comment), ("marketing", comment)}


@given(st.text(max_size=400), st.integers(1, 120))
def test_wrapping_keeps_every_character_and_respects_the_width(text: str, width: int) -> None:
    printable = "".join(char for char in text if char.isprintable() or char == "\n")
    lines = wrap(printable, width)
    assert all(cell_width(line) <= max(width, 2) for line in lines)
    assert "".join(lines).replace(" ", "") == printable.replace(" ", "").replace("\n", "")

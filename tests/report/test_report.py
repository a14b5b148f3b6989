"""compare's four formats over one real database: what each must hold, and that each parses.

Golden figures for the shipped monthly pulse (v2: 18 statements, one of them a healthy
tension, so 17 indexed; scale 1-5), worked by hand:

2026-10: both score 4 everywhere -> alignment 100, health 75.
2026-11: Sales scores 4 everywhere; Marketing scores 4 except respect-seriously 2 (gap +2),
goals-success 1 (gap +3), frictions-lead-quality 5 (gap -1), frictions-cadence 2 (gap +2) and
the healthy tension strategy-horizon 1 (gap +3: shown apart, in no figure below).
    mean |gap| = 8/17              -> alignment = 100 x (1 - 8/68)         = 88.2353
    joint scores sum 65 over 17    -> health    = 100 x (65/17 - 1) / 4    = 70.5882
    quadrant: aligned (88.2 >= 75) and healthy (70.6 >= 60)
    dimensions (Marketing mean, mean |gap|): respect 3.5, 0.5; goals 3, 1; strategy 4, 0;
    frictions 27/7 = 3.8571, 3/7 = 0.4286
    agenda: growth = gap size (none before) -> weights goals-success 3 x 1.75 = 5.25,
    respect-seriously and frictions-cadence 2 x 1.5 = 3 (survey order), frictions-lead-quality
    1 x 1.25 = 1.25
    no shared problem (no statement both score 2 or lower), so every agenda item is a divergence
    flags, one per statement: respect-seriously (gap and low trust: Marketing Disagree (2)),
    goals-success (gap), frictions-cadence (gap), blind-spot (Sales: lead quality severe,
    Marketing silent), alignment-drop (100 -> 88, a fall of 11.76 shown as 12)
Predictions (health scores; frictions-blame is reverse, raw 2 -> 4, raw 4 -> 2):
    Sales guessed Marketing: respect 4 (actual 2: +2), goals 2 (1: +1), lead quality 4 (5: -1),
    blame raw 2 = 4 (4: 0) -> mean |misreading| 1 -> Sales understanding 75
    Marketing guessed Sales (all 4): respect 4 (0), goals 4 (0), lead quality 2 (-2), blame raw
    4 = 2 (-2) -> 1 -> 75; mutual understanding = 100 x (1 - 8/8/4) = 75
    blind spots (|misreading| >= 2): Sales on respect, Marketing on lead quality, on blame
Mirror pairs: lead-hand-off: Sales rates its follow-up 4, Marketing rates it 4 (0); Marketing
    rates its leads 5, Sales 4 (+1) -> asymmetry 0.5. messaging-loop: all 4 -> 0.
    Overall 0.25; self-favour Sales 0, Marketing 0.5.
Metric: MQL-to-SQL acceptance 60% in 2026-10, 45% in 2026-11, beside frictions-lead-quality.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import jsonschema
import pytest

import gtm_pulse
from gtm_pulse.core.metrics import KNOWN
from gtm_pulse.core.models import Survey
from gtm_pulse.core.periods import parse_period
from gtm_pulse.core.safe_text import for_terminal
from gtm_pulse.core.surveys import Catalog
from gtm_pulse.core.termtext import cell_width, strip_style
from gtm_pulse.report import render
from gtm_pulse.report.as_markdown import escape
from gtm_pulse.services.comparing import Review, build_review
from gtm_pulse.store.database import Store
from tests.helpers import scored, submit_one, submit_pair

SCHEMA = json.loads(
    (Path(gtm_pulse.__file__).parent / "schemas" / "compare.schema.json").read_text()
)


def strict(schema: object) -> object:
    """``schema`` with every object closed (``additionalProperties: false`` where unset).

    The published schema lets fields be added within a schema_version; the tests validate
    against this closed copy, so a field compare starts to emit must be added to the schema.
    """
    if isinstance(schema, list):
        return [strict(part) for part in schema]
    if not isinstance(schema, dict):
        return schema
    closed = {key: strict(part) for key, part in schema.items()}
    if "properties" in closed:
        closed.setdefault("additionalProperties", False)
    return closed


STRICT = strict(SCHEMA)
WIDTHS = (60, 80, 120, 200)


@pytest.fixture
def golden(store: Store, catalog: Catalog, monthly: Survey) -> Review:
    submit_pair(store, monthly, "2026-10", scored(monthly, 4), scored(monthly, 4))
    sales = scored(monthly, 4) | {
        "frictions-checklist": {"lead-quality": "severe", "messaging": "moderate"},
        "frictions-start-stop": "Stop *rewriting* [our] decks <now>.",
        "_comments": {"respect": "Better since the offsite.\n# not a heading"},
        "_predictions": {
            "respect-seriously": 4,
            "goals-success": 2,
            "frictions-lead-quality": 4,
            "frictions-blame": 2,
        },
    }
    marketing = scored(
        monthly,
        4,
        respect_seriously=2,
        goals_success=1,
        frictions_lead_quality=5,
        frictions_cadence=2,
        strategy_horizon=1,
    )
    marketing |= {
        "frictions-checklist": {"messaging": "minor"},
        "_comments": {"goals": "Targets \x1b[31mred\x1b[0m and [bold]markup[/]"},
        "_predictions": {
            "respect-seriously": 4,
            "goals-success": 4,
            "frictions-lead-quality": 2,
            "frictions-blame": 4,
        },
    }
    submit_pair(store, monthly, "2026-11", sales, marketing)
    store.define_metric(KNOWN["mql-acceptance"])
    store.set_metric_values("2026-10", {"mql-acceptance": 60})
    store.set_metric_values("2026-11", {"mql-acceptance": 45})
    return build_review(store.load(), catalog, "monthly-pulse", None, dt.date(2026, 11, 15))


@pytest.fixture
def partial(store: Store, catalog: Catalog, monthly: Survey) -> Review:
    submit_pair(store, monthly, "2026-10", scored(monthly, 4), scored(monthly, 3))
    submit_one(store, monthly, "2026-11", "marketing", scored(monthly, 2))
    return build_review(
        store.load(),
        catalog,
        "monthly-pulse",
        parse_period("2026-11"),
        dt.date(2026, 11, 15),
        partial=True,
    )


def test_golden_indices_dimensions_and_quadrant(golden: Review) -> None:
    document = json.loads(render(golden, "json", 80))
    assert document["indices"] == {
        "alignment": 88.2353,
        "health": 70.5882,
        "quadrant": "aligned & healthy",
        "previous_period": "2026-10",
        "alignment_change": -11.7647,
        "health_change": -4.4118,
    }
    assert [(d["id"], d["scores"], d["mean_abs_gap"]) for d in document["dimensions"]] == [
        ("respect", {"sales": 4.0, "marketing": 3.5}, 0.5),
        ("goals", {"sales": 4.0, "marketing": 3.0}, 1.0),
        ("strategy", {"sales": 4.0, "marketing": 4.0}, 0.0),
        ("frictions", {"sales": 4.0, "marketing": 3.8571}, 0.4286),
    ]


def test_golden_gaps_keep_raw_answers_beside_flipped_scores(golden: Review) -> None:
    items = {i["question_id"]: i for i in json.loads(render(golden, "json", 80))["items"]}
    assert len(items) == 17
    assert items["goals-success"]["gap"] == 3 and items["goals-success"]["flagged"]
    assert items["frictions-lead-quality"]["gap"] == -1
    # frictions-blame is reverse-scored: a raw 2 is a health score of 4.
    assert items["frictions-blame"]["answers"] == {"sales": 2, "marketing": 2}
    assert items["frictions-blame"]["scores"] == {"sales": 4.0, "marketing": 4.0}


def test_golden_flags_and_agenda_order(golden: Review) -> None:
    document = json.loads(render(golden, "json", 80))
    assert [(f["kind"], f["kinds"], f["question_id"]) for f in document["flags"]] == [
        ("gap", ["gap", "low-trust"], "respect-seriously"),
        ("gap", ["gap"], "goals-success"),
        ("gap", ["gap"], "frictions-cadence"),
        ("blind-spot", ["blind-spot"], "frictions-checklist"),
        ("alignment-drop", ["alignment-drop"], None),
    ]
    assert [f["reason"] for f in document["flags"]] == [
        "Work taken seriously: Sales: Agree (4) · Marketing: Disagree (2); 2 points apart, "
        "Marketing sees it worse; low trust from Marketing",
        "Agree what success is: Sales: Agree (4) · Marketing: Strongly disagree (1); 3 points "
        "apart, Marketing sees it worse",
        "Enough time together: Sales: Agree (4) · Marketing: Disagree (2); 2 points apart, "
        "Marketing sees it worse",
        "Sales marks 'Lead quality' severe; Marketing does not mention it",
        "alignment fell 12 points since 2026-10 (100 -> 88)",
    ]
    assert [f["label"] for f in document["flags"]] == [
        "Work taken seriously",
        "Agree what success is",
        "Enough time together",
        "Frictions this month",
        None,
    ]
    assert [(a["question_id"], a["kind"], a["weight"]) for a in document["agenda"]] == [
        ("goals-success", "divergence", 5.25),
        ("respect-seriously", "divergence", 3.0),
        ("frictions-cadence", "divergence", 3.0),
        ("frictions-lead-quality", "divergence", 1.25),
    ]
    assert [(a["label"], a["answers"]) for a in document["agenda"]] == [
        ("Agree what success is", {"sales": 4, "marketing": 1}),
        ("Work taken seriously", {"sales": 4, "marketing": 2}),
        ("Enough time together", {"sales": 4, "marketing": 2}),
        ("Leads as agreed", {"sales": 4, "marketing": 5}),
    ]


def test_golden_healthy_tension_is_apart_and_changes_no_figure(golden: Review) -> None:
    document = json.loads(render(golden, "json", 80))
    assert document["tensions"] == [
        {
            "question_id": "strategy-horizon",
            "dimension": "strategy",
            "text": "This month my team put this quarter's deals ahead of next year's brand "
            "and pipeline.",
            "answers": {"sales": 4, "marketing": 1},
            "scores": {"sales": 4.0, "marketing": 1.0},
            "gap": 3.0,
        }
    ]
    assert "strategy-horizon" not in {i["question_id"] for i in document["items"]}
    assert all(f["question_id"] != "strategy-horizon" for f in document["flags"])
    assert all(a["question_id"] != "strategy-horizon" for a in document["agenda"])


def test_golden_misreadings_understanding_and_blind_spots(golden: Review) -> None:
    perceived = json.loads(render(golden, "json", 80))["perceptions"]
    assert perceived["understanding"] == 75.0
    assert perceived["by_side"] == {"sales": 75.0, "marketing": 75.0}
    assert [(r["question_id"], r["by"], r["misreading"]) for r in perceived["readings"]] == [
        ("respect-seriously", "sales", 2.0),
        ("respect-seriously", "marketing", 0.0),
        ("goals-success", "sales", 1.0),
        ("goals-success", "marketing", 0.0),
        ("frictions-lead-quality", "sales", -1.0),
        ("frictions-lead-quality", "marketing", -2.0),
        ("frictions-blame", "sales", 0.0),
        ("frictions-blame", "marketing", -2.0),
    ]
    blind = [(r["question_id"], r["by"]) for r in perceived["readings"] if r["blind_spot"]]
    assert blind == [
        ("respect-seriously", "sales"),
        ("frictions-lead-quality", "marketing"),
        ("frictions-blame", "marketing"),
    ]


def test_golden_blame_asymmetry(golden: Review) -> None:
    perceived = json.loads(render(golden, "json", 80))["perceptions"]
    assert perceived["blame_asymmetry"] == 0.25
    assert perceived["self_favour"] == {"sales": 0.0, "marketing": 0.5}
    hand_off, loop = perceived["mirrors"]
    assert (hand_off["id"], hand_off["asymmetry"], loop["asymmetry"]) == ("lead-hand-off", 0.5, 0)
    assert hand_off["sides"]["marketing"] == {
        "question_id": "frictions-lead-quality", "own": 5.0, "by_other": 4.0, "favour": 1.0
    }  # fmt: skip


def test_golden_metric_beside_its_item(golden: Review) -> None:
    (seen,) = json.loads(render(golden, "json", 80))["metrics"]
    assert seen["question_id"] == "frictions-lead-quality"
    assert seen["values"] == [
        {"period": "2026-10", "value": 60.0},
        {"period": "2026-11", "value": 45.0},
    ]
    assert seen["sentence"] == (
        "'The leads Marketing passed to Sales this month matched our agreed definition of a "
        "qualified lead.': "
        "Sales: Agree (4) · Marketing: Strongly agree (5), while MQL-to-SQL acceptance fell "
        "from 60% (2026-10) to 45% (2026-11)"
    )
    text = render(golden, "text", 200, full=True)
    assert "↓ " + seen["sentence"] in " ".join(text.split())  # the sentence, wrapped at 200


def test_golden_frictions_and_trend(golden: Review) -> None:
    document = json.loads(render(golden, "json", 80))
    assert [(f["option_id"], f["named_by"], f["severities"]) for f in document["frictions"]] == [
        ("lead-quality", "sales", {"sales": "severe", "marketing": None}),
        ("messaging", "both", {"sales": "moderate", "marketing": "minor"}),
    ]
    periods = document["trend"]["periods"]
    assert [(p["period"], p["alignment"], p["alignment_change"]) for p in periods] == [
        ("2026-10", 100.0, None),
        ("2026-11", 88.2353, -11.7647),
    ]
    assert [(p["understanding"], p["blame_asymmetry"]) for p in periods] == [
        (100.0, 0.0),  # 2026-10: each guessed its own answers, and both answered 4
        (75.0, 0.25),
    ]
    assert document["trend"]["longest_decline"] == {
        "length": 1, "start": "2026-10", "end": "2026-11"
    }  # fmt: skip


@pytest.mark.parametrize("which", ["golden", "partial"])
def test_json_validates_against_the_published_schema(which: str, request) -> None:
    document = json.loads(render(request.getfixturevalue(which), "json", 80))
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.Draft202012Validator(SCHEMA).validate(document)
    jsonschema.Draft202012Validator(STRICT).validate(document)  # every field is in the schema


def test_the_schema_rejects_a_document_that_drifts(golden: Review) -> None:
    document = json.loads(render(golden, "json", 80))
    document["indices"]["alignment"] = 140
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, SCHEMA)


def test_the_published_schema_allows_added_fields_and_the_strict_copy_does_not(
    golden: Review,
) -> None:
    # The README's promise: within a schema_version (now 2), fields may be added.
    document = json.loads(render(golden, "json", 80))
    document["added_later"] = True
    document["items"][0]["added_later"] = True
    jsonschema.validate(document, SCHEMA)
    with pytest.raises(jsonschema.ValidationError, match="added_later"):
        jsonschema.validate(document, STRICT)


def test_partial_json_has_no_gap_figures(partial: Review) -> None:
    document = json.loads(render(partial, "json", 80))
    assert document["partial"] is True and document["missing"] == ["sales"]
    assert document["indices"] is None and document["agenda"] == []
    assert all(i["gap"] is None and set(i["scores"]) == {"marketing"} for i in document["items"])
    assert [p["period"] for p in document["trend"]["periods"]] == ["2026-10"]


def test_comments_are_kept_exactly_as_typed_in_json(golden: Review) -> None:
    comments = json.loads(render(golden, "json", 80))["comments"]
    by_place = {(c["dimension"], c["question_id"]): c["by_role"] for c in comments}
    assert by_place[("goals", None)] == {
        "marketing": "Targets \x1b[31mred\x1b[0m and [bold]markup[/]"
    }
    assert by_place[("frictions", "frictions-start-stop")] == {
        "sales": "Stop *rewriting* [our] decks <now>."
    }


def test_csv_is_one_row_per_question_and_period(golden: Review, monthly: Survey) -> None:
    rows = list(csv.DictReader(io.StringIO(render(golden, "csv", 80))))
    assert len(rows) == 2 * len(monthly.questions)
    assert {r["period"] for r in rows} == {"2026-10", "2026-11"}
    row = next(r for r in rows if r["period"] == "2026-11" and r["question_id"] == "goals-success")
    assert (row["sales_score"], row["marketing_score"], row["gap"], row["flagged"]) == (
        "4", "1", "3", "yes"
    )  # fmt: skip
    checklist = next(
        r for r in rows if r["period"] == "2026-11" and r["question_id"] == "frictions-checklist"
    )
    assert checklist["sales_answer"] == "lead-quality:severe;messaging:moderate"
    assert checklist["gap"] == ""


def test_partial_csv_leaves_the_missing_side_and_the_gaps_empty(partial: Review) -> None:
    rows = [
        r
        for r in csv.DictReader(io.StringIO(render(partial, "csv", 80)))
        if r["period"] == "2026-11"
    ]
    likert = [r for r in rows if r["kind"] == "likert" and r["tension"] == "no"]
    assert likert and all(r["sales_answer"] == "" and r["gap"] == "" for r in likert)
    assert all(r["marketing_score"] == "2" for r in likert)
    # the submitted side's flags and guesses are filled; the missing side's guess is empty
    by_id = {r["question_id"]: r for r in likert}
    assert by_id["respect-seriously"]["flagged"] == "yes"  # low trust: Marketing Disagree (2)
    assert by_id["goals-success"]["flagged"] == "no"
    assert all(r["flagged"] in ("yes", "no") and r["sales_guess"] == "" for r in likert)
    assert by_id["respect-seriously"]["marketing_guess"] == "2"


def test_markdown_holds_every_flag_the_agenda_and_the_charts(golden: Review) -> None:
    markdown = render(golden, "markdown", 80)
    assert golden.current is not None
    for flag in golden.current.flags:
        assert f"- **{', '.join(flag.kinds)}**: {escape(flag.reason)}" in markdown
    assert "- **gap, low-trust**: Work taken seriously: Sales: Agree (4)" in markdown
    agenda = markdown.split("## Talk about these first")[1].split("## Flags")[0]
    assert agenda.index("1. Agree what success is: ") < agenda.index("2. Work taken seriously: ")
    # dimensions, gaps, trend, misreadings, blame
    assert markdown.count("```text") == 5
    assert "Mutual understanding: **75/100** (Sales 75, Marketing 75)." in markdown
    assert "Blame asymmetry: **+0.25** (Sales +0, Marketing +0.5)" in markdown


def test_markdown_shows_user_text_literally(golden: Review) -> None:
    markdown = render(golden, "markdown", 80)
    assert r"> Stop \*rewriting\* \[our\] decks \<now>." in markdown
    assert r"> \# not a heading" in markdown
    assert "\x1b" not in markdown and r"\\x1b\[31mred" in markdown


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("which", ["golden", "partial"])
def test_text_fits_the_width_in_colour_and_without(which: str, width: int, request) -> None:
    chosen = request.getfixturevalue(which)
    for colour in (False, True):
        for full in (False, True):  # the verdict, and every section (--full)
            text = render(chosen, "text", width, colour=colour, full=full)
            assert ("\x1b[" in text) == colour  # user text's own escapes are shown as \x1b
            widest = max(cell_width(strip_style(line)) for line in text.splitlines())
            assert widest <= width, (full, colour)


def test_text_shows_escape_sequences_and_markup_as_typed(golden: Review) -> None:
    text = render(golden, "text", 120, full=True)  # comments are in the full report
    assert r"Targets \x1b[31mred\x1b[0m and [bold]markup[/]" in text
    assert "\x1b" not in text
    assert "\x1b" not in render(golden, "text", 120)  # nor anything raw in the verdict


def test_text_puts_sales_higher_right_of_the_axis(golden: Review) -> None:
    full = render(golden, "text", 80, full=True)
    gap_chart = full.split("Gap per statement")[1].split("── ")[0]
    # statements are named by their labels: goals-success, frictions-lead-quality
    labels = ("Agree what success is", "Leads as agreed")
    rows = {
        label: line for line in gap_chart.splitlines() for label in labels if line.startswith(label)
    }
    success, leads = rows["Agree what success is"], rows["Leads as agreed"]
    axis = success.index("│")
    assert success[axis + 1] == "█" and success.endswith("+3!")
    assert leads[axis - 1] == "▒"
    assert leads.rstrip().endswith("-1")
    assert "goals-success" not in gap_chart and "frictions-lead-quality" not in gap_chart


def test_partial_text_says_so_and_shows_no_figures_of_a_gap(partial: Review) -> None:
    text = render(partial, "text", 80)
    assert "PARTIAL VIEW (--partial): only Marketing (Sam Lee) has" in text
    assert "Alignment" not in text and "Gap per statement" not in text


@pytest.mark.parametrize(
    "typed",
    ['=HYPERLINK("http://evil.example","click")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)",
     "\t=1+1", "\r=1+1"],
)  # fmt: skip
def test_csv_text_that_starts_like_a_formula_is_not_run_by_a_spreadsheet(
    store: Store, catalog: Catalog, monthly: Survey, typed: str
) -> None:
    sales = scored(monthly, 4) | {"frictions-start-stop": typed}
    marketing = scored(monthly, 5, goals_success=1)  # sales minus marketing: negative gaps
    submit_pair(store, monthly, "2026-11", sales, marketing)
    review = build_review(store.load(), catalog, "monthly-pulse", None, dt.date(2026, 11, 15))
    rows = list(csv.DictReader(io.StringIO(render(review, "csv", 80))))
    text = next(r for r in rows if r["question_id"] == "frictions-start-stop")["sales_answer"]
    assert text.startswith("'") and text[1:] in (typed, for_terminal(typed))
    gap = next(r for r in rows if r["question_id"] == "goals-success")["gap"]
    assert gap == "3" and next(r["gap"] for r in rows if r["gap"].startswith("-")) == "-1"


def test_text_and_markdown_word_each_sides_follow_up_alike(
    store: Store, catalog: Catalog, monthly: Survey
) -> None:
    submit_pair(store, monthly, "2026-09", scored(monthly, 4), scored(monthly, 3))
    store.add_commitment("One written lead definition", "marketing", "2026-10", "2026-09")
    submit_pair(
        store, monthly, "2026-10",
        scored(monthly, 4) | {"_follow_ups": {"1": "partly"}},
        scored(monthly, 4) | {"_follow_ups": {"1": "yes"}},
    )  # fmt: skip
    review = build_review(store.load(), catalog, "monthly-pulse", None, dt.date(2026, 11, 15))
    full = render(review, "text", 80, full=True)  # commitments are in the full report
    assert "   2026-10  Sales: partly   Marketing: yes" in full
    assert (
        "| 1 | One written lead definition | Marketing | 2026-10 | open "
        "| 2026-10 Sales: partly, Marketing: yes |"
    ) in render(review, "markdown", 80)

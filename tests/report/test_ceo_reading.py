"""What the CEO reads says exactly what each VP said (issue 13), in every printed format.

Cases built on the shipped monthly pulse, each in a real database:
* a reverse statement ("I saw the other side's work mocked") answered Sales 5, Marketing 1;
* both sides at 1 on "We share one written definition of a qualified lead";
* a comment typed on two lines;
* health 59.56: Sales scores 4 on all 17 indexed statements (68), Marketing 3 on 13 and 2 on 4
  (47), so health = 100 x (115/34 - 1) / 4 = 59.5588, under the 60 line; shown as "60" it
  would contradict its own quadrant.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from gtm_pulse.cli import cli
from gtm_pulse.core import figures
from gtm_pulse.core.models import Survey
from gtm_pulse.core.periods import parse_period
from gtm_pulse.core.surveys import Catalog
from gtm_pulse.core.termtext import cell_width, strip_style
from gtm_pulse.errors import SurveyError
from gtm_pulse.report import render
from gtm_pulse.services.comparing import Review, build_review
from gtm_pulse.services.demo import build_demo
from gtm_pulse.services.taking import TakeSession
from gtm_pulse.store.database import Store
from gtm_pulse.store.survey_files import load_survey_file, shipped_dir
from tests.helpers import scored, submit_one

DAY = dt.date(2026, 11, 15)


def flat(text: str) -> str:
    """The text with its wrapping undone, so a sentence can be looked for whole."""
    return " ".join(strip_style(text).split())


def review_of(store: Store, catalog: Catalog, period: str = "2026-11") -> Review:
    return build_review(store.load(), catalog, "monthly-pulse", parse_period(period), DAY)


@pytest.fixture
def quoted(store: Store, monthly: Survey) -> Store:
    """Sales 5 / Marketing 1 on the reverse respect-mocking; both 1 on the lead definition."""
    sales = {**scored(monthly, 4), "respect-mocking": 5, "frictions-lead-definition": 1}
    marketing = {**scored(monthly, 4), "respect-mocking": 1, "frictions-lead-definition": 1}
    marketing["_comments"] = {"respect": "First line\nSecond line"}
    submit_one(store, monthly, "2026-11", "sales", sales)
    submit_one(store, monthly, "2026-11", "marketing", marketing)
    return store


# -- a reverse statement is quoted as answered --------------------------------------------------


def test_the_verdict_quotes_a_reverse_statement_as_answered(quoted: Store, catalog: Catalog):
    text = render(review_of(quoted, catalog), "text", 80)
    row = next(line for line in text.splitlines() if "Work mocked" in line)
    assert re.search(r"Strongly agree \(5\)\s+Strongly disagree \(1\)", row), row


def test_the_full_report_quotes_it_and_says_who_sees_it_worse(quoted: Store, catalog: Catalog):
    text = flat(render(review_of(quoted, catalog), "text", 80, full=True))
    said = "Work mocked: Sales: Strongly agree (5) · Marketing: Strongly disagree (1)"
    assert said in text
    assert "Sales sees it worse (agreeing here means trouble)" in text
    assert not re.search(r"Sales 1\b(?!\d)|Marketing 5\b", text)  # no flipped score beside it


def test_markdown_quotes_it_as_answered(quoted: Store, catalog: Catalog):
    text = flat(render(review_of(quoted, catalog), "markdown", 80))
    assert "Sales: Strongly agree (5) · Marketing: Strongly disagree (1)" in text


def test_csv_and_json_keep_the_answers_as_given_beside_the_scores(quoted: Store, catalog: Catalog):
    review = review_of(quoted, catalog)
    rows = list(csv.DictReader(io.StringIO(render(review, "csv", 80))))
    row = next(r for r in rows if r["question_id"] == "respect-mocking")
    assert (row["sales_answer"], row["marketing_answer"]) == ("5", "1")
    assert (row["sales_score"], row["marketing_score"]) == ("1", "5")
    document = json.loads(render(review, "json", 80))
    item = next(i for i in document["items"] if i["question_id"] == "respect-mocking")
    assert item["answers"] == {"sales": 5, "marketing": 1}
    assert item["label"] == "Work mocked"
    agenda = next(a for a in document["agenda"] if a["question_id"] == "respect-mocking")
    assert agenda["answers"] == {"sales": 5, "marketing": 1}
    flag = next(f for f in document["flags"] if f["question_id"] == "respect-mocking")
    assert "Sales: Strongly agree (5) · Marketing: Strongly disagree (1)" in flag["reason"]


# -- a problem both share is seen --------------------------------------------------------------


def test_both_at_the_bottom_is_a_shared_problem_flag_and_on_the_agenda(
    quoted: Store, catalog: Catalog
):
    review = review_of(quoted, catalog)
    assert review.current is not None
    flag = next(f for f in review.current.flags if f.question_id == "frictions-lead-definition")
    assert flag.kinds == ("shared-problem",)
    assert "both Strongly disagree (1)" in flag.reason
    assert [(a.question_id, a.kind) for a in review.agenda] == [
        ("respect-mocking", "divergence"),
        ("frictions-lead-definition", "shared-problem"),
    ]
    verdict = render(review, "text", 80)
    assert "Written lead definition" in verdict
    assert "both Strongly disagree (1): a shared problem" in verdict


def test_alike_but_struggling_is_not_an_empty_agenda(store: Store, monthly: Survey, catalog):
    both = {**scored(monthly, 4), "frictions-lead-definition": 1}
    submit_one(store, monthly, "2026-11", "sales", both)
    submit_one(store, monthly, "2026-11", "marketing", both)
    review = review_of(store, catalog)
    assert [a.kind for a in review.agenda] == ["shared-problem"]
    for fmt in ("text", "markdown"):
        assert "answered every statement alike" not in render(review, fmt, 80, full=True)


def test_a_statement_has_one_flag_with_all_its_reasons(store: Store, monthly: Survey, catalog):
    # respect-seriously: Sales 4, Marketing 1: apart by 3 and low trust from Marketing
    submit_one(store, monthly, "2026-11", "sales", scored(monthly, 4))
    submit_one(store, monthly, "2026-11", "marketing", scored(monthly, 4, respect_seriously=1))
    review = review_of(store, catalog)
    assert review.current is not None
    found = [f for f in review.current.flags if f.question_id == "respect-seriously"]
    assert [f.kinds for f in found] == [("gap", "low-trust")]


def test_the_agenda_holds_at_most_five_in_every_format(store: Store, monthly: Survey, catalog):
    submit_one(store, monthly, "2026-11", "sales", scored(monthly, 5))
    submit_one(store, monthly, "2026-11", "marketing", scored(monthly, 2))
    review = review_of(store, catalog)
    assert len(review.agenda) == 5
    document = json.loads(render(review, "json", 80))
    assert len(document["agenda"]) == 5
    markdown = render(review, "markdown", 80)
    agenda = markdown.split("## Talk about these first")[1].split("\n## ")[0]
    assert len(re.findall(r"^\d+\. ", agenda, re.M)) == 5


# -- multi-line text ---------------------------------------------------------------------------


def test_a_comment_on_two_lines_shows_as_two_lines(quoted: Store, catalog: Catalog):
    review = review_of(quoted, catalog)
    text = render(review, "text", 80, full=True)
    assert "\\x0a" not in text
    lines = text.splitlines()
    first = next(n for n, line in enumerate(lines) if "First line" in line)
    assert "Second line" in lines[first + 1]
    markdown = render(review, "markdown", 80)
    assert "> First line\n> Second line" in markdown


def test_other_control_characters_stay_escaped(store: Store, monthly: Survey, catalog):
    marketing = {**scored(monthly, 4), "_comments": {"respect": "red\x1b[31m\nnext"}}
    submit_one(store, monthly, "2026-11", "sales", scored(monthly, 4))
    submit_one(store, monthly, "2026-11", "marketing", marketing)
    text = render(review_of(store, catalog), "text", 80, full=True)
    assert "red\\x1b[31m" in text and "\x1b[31m" not in text


# -- rounding that agrees with its class --------------------------------------------------------


@pytest.fixture
def just_under(store: Store, monthly: Survey) -> Store:
    indexed = [q.id for q in monthly.likert if q.tension is None]
    marketing = {qid.replace("-", "_"): 2 for qid in indexed[:4]}
    submit_one(store, monthly, "2026-11", "sales", scored(monthly, 4))
    submit_one(store, monthly, "2026-11", "marketing", scored(monthly, 3, **marketing))
    return store


def test_health_just_under_the_line_shows_the_decimal_that_decides_it(
    just_under: Store, catalog: Catalog
):
    review = review_of(just_under, catalog)
    assert review.current is not None
    assert review.current.health == pytest.approx(59.5588, abs=1e-4)
    assert "struggling" in review.current.quadrant
    verdict = render(review, "text", 80)
    assert "Health 59.6" in verdict and "Health 60 " not in verdict
    assert "59.6/100" in render(review, "text", 80, full=True)
    assert "59.6/100" in render(review, "markdown", 80)


def test_figures_round_half_up_and_keep_their_side_of_a_line():
    assert figures.shown(62.5) == "63"
    assert figures.shown(59.56, (60,)) == "59.6"
    assert figures.shown(60.0, (60,)) == "60"
    assert figures.change(-0.4) == "-0.4"
    assert figures.change(4.2) == "+4"
    assert figures.change(-9.6, (-10,)) == "-9.6"
    assert figures.change(0.0) == "±0"


# -- labels ------------------------------------------------------------------------------------


def _survey_file(tmp_path: Path, change) -> Path:
    text = (shipped_dir() / "monthly-pulse.toml").read_text()
    path = tmp_path / "mine.toml"
    path.write_text(change(text))
    return path


def test_a_statement_without_a_label_is_refused(tmp_path: Path):
    path = _survey_file(tmp_path, lambda t: t.replace('label = "Work taken seriously"\n', "", 1))
    with pytest.raises(SurveyError, match=r"\(id 'respect-seriously'\)\.label: required"):
        load_survey_file(path)


def test_a_label_over_32_characters_is_refused(tmp_path: Path):
    long = "x" * 33
    path = _survey_file(tmp_path, lambda t: t.replace("Work taken seriously", long, 1))
    with pytest.raises(SurveyError, match="at most 32 characters"):
        load_survey_file(path)


def test_two_statements_with_one_label_are_refused(tmp_path: Path):
    path = _survey_file(tmp_path, lambda t: t.replace("Work mocked", "Work taken seriously", 1))
    with pytest.raises(SurveyError, match="labels must differ"):
        load_survey_file(path)


def test_a_definition_recorded_before_labels_borrows_the_files(quoted: Store, catalog: Catalog):
    data = json.loads(quoted.path.read_text())
    for doc in data["surveys"].values():
        for question in doc["definition"]["questions"]:
            question.pop("label", None)
    quoted.path.write_text(json.dumps(data))
    verdict = render(review_of(quoted, catalog), "text", 80)
    assert "Work mocked" in verdict and "respect-mocking" not in verdict


# -- the demo: one screen, every flag in --full, nothing after today -----------------------------


@pytest.fixture
def demo(tmp_path: Path, catalog: Catalog) -> Store:
    store = Store(tmp_path / "demo.json")
    build_demo(store, catalog, 7, DAY)
    return store


def test_every_demo_period_fits_one_screen_without_an_id(demo: Store, catalog: Catalog):
    snapshot = demo.load()
    monthly = catalog.get("monthly-pulse")
    periods = sorted({r.period for r in snapshot.responses_for("monthly-pulse")})
    assert len(periods) == 12
    for period in periods:
        review = build_review(snapshot, catalog, "monthly-pulse", period, DAY)
        text = render(review, "text", 80)
        lines = text.splitlines()
        assert len(lines) <= 22, (period, len(lines))
        assert all(cell_width(strip_style(line)) <= 80 for line in lines)
        assert not [q.id for q in monthly.questions if q.id in text], period
        full = flat(render(review, "text", 80, full=True))
        assert review.current is not None
        for flag in review.current.flags:
            assert flat(flag.reason) in full


def test_the_demo_writes_no_time_after_today(demo: Store):
    text = demo.path.read_text()
    stamps = re.findall(r'"(\d{4}-\d\d-\d\dT[^"]+)"', text)
    assert stamps
    assert max(dt.datetime.fromisoformat(s).date() for s in stamps) <= DAY


# -- one count everywhere ----------------------------------------------------------------------


def test_surveys_list_validate_and_the_tui_count_answers_alike(store: Store, monthly: Survey, team):
    counted = "24 answers: 18 statements, 4 guesses, 1 checklist, 1 free-text question"
    assert monthly.parts() == counted
    runner = CliRunner()
    assert counted in runner.invoke(cli, ["surveys", "list"]).output
    assert counted in runner.invoke(cli, ["surveys", "validate"]).output
    session = TakeSession(store, monthly, team, "sales", "2026-11")
    assert session.position(0) == (1, monthly.answer_count())
    assert monthly.description.startswith("Eighteen statements, four guesses")


def test_partial_csv_holds_what_partial_json_holds(store: Store, monthly: Survey, catalog):
    raw = {**scored(monthly, 4, respect_seriously=1)}
    submit_one(store, monthly, "2026-11", "sales", raw)
    review = build_review(
        store.load(), catalog, "monthly-pulse", parse_period("2026-11"), DAY, partial=True
    )
    document = json.loads(render(review, "json", 80))
    rows = {r["question_id"]: r for r in csv.DictReader(io.StringIO(render(review, "csv", 80)))}
    for item in document["items"]:
        row = rows[item["question_id"]]
        assert row["flagged"] == ("yes" if item["flagged"] else "no")
        guess = item["guesses"]["sales"]
        assert row["sales_guess"] == ("" if guess is None else str(guess))
    assert rows["respect-seriously"]["flagged"] == "yes"
    assert any(item["guesses"]["sales"] is not None for item in document["items"])

"""db check on real files: every record of every team, and the drafts file."""

from __future__ import annotations

import json
from pathlib import Path

from gtm_pulse.core.metrics import KNOWN
from gtm_pulse.core.models import Survey, Team
from gtm_pulse.core.surveys import Catalog
from gtm_pulse.store.database import Store
from gtm_pulse.store.integrity import check_database
from tests.helpers import scored, submit_pair


def edit(store: Store, change) -> None:
    data = json.loads(store.path.read_bytes())
    change(data)
    store.path.write_text(json.dumps(data))


def test_a_sound_database_checks_ok(filled: Store, catalog: Catalog) -> None:
    found = check_database(filled.path, catalog)
    assert found.ok
    assert found.counts == {
        "team": 1, "response": 2, "earlier revision": 0, "draft": 0, "commitment": 1,
        "metric": 0,
    }  # fmt: skip


def test_a_named_teams_records_are_filed_under_its_id(
    db_path: Path, team: Team, monthly: Survey, catalog: Catalog
) -> None:
    acme = Store(db_path, team="acme")
    acme.init(Team(id="acme", company="Acme", members=dict(team.members)))
    submit_pair(acme, monthly, "2026-10", scored(monthly, 4), scored(monthly, 3))
    acme.add_commitment("One lead definition", "marketing", "2026-12")
    found = check_database(db_path, catalog)
    assert found.problems == []
    assert found.counts["team"] == 1 and found.counts["response"] == 2


def test_a_response_stored_twice_is_counted(filled: Store, catalog: Catalog) -> None:
    def triple(data: dict) -> None:
        first = next(iter(data["responses"].values()))
        data["responses"]["8"] = dict(first)
        data["responses"]["9"] = dict(first)

    edit(filled, triple)
    assert check_database(filled.path, catalog).problems == [
        "response monthly-pulse 2026-10 sales (team default): stored 3 times (one is allowed)"
    ]


def test_check_names_each_bad_record(filled: Store, catalog: Catalog) -> None:
    def damage(data: dict) -> None:
        first, second = data["responses"].values()
        first["answers"]["respect-seriously"] = 1  # edited by hand: the seal catches it
        second["answers"]["respect-seriously"] = 7
        second["seal"] = None
        data["drafts"] = {"1": {"survey_id": "monthly-pulse"}}
        data["commitments"]["2"] = dict(data["commitments"]["1"])

    edit(filled, damage)
    problems = check_database(filled.path, catalog).problems
    assert problems == [
        "response monthly-pulse 2026-10 sales: its answers no longer match its seal "
        "(changed after submitting)",
        "response monthly-pulse 2026-10 marketing: question 'respect-seriously': 7 is out of "
        "range 1-5",
        "response monthly-pulse 2026-10 sales (revision 1): its signature does not hold "
        "(changed after it was signed)",
        "response monthly-pulse 2026-10 marketing (revision 1): its signature does not hold "
        "(changed after it was signed)",
        "draft #1: survey_version: Field required",
        "commitment #1 (team default): numbered twice",
    ]


def test_a_record_whose_team_is_not_an_id_is_a_problem(filled: Store, catalog: Catalog) -> None:
    def odd_teams(data: dict) -> None:
        first, second = data["responses"].values()
        first["team"], second["team"] = ["x"], 7

    edit(filled, odd_teams)
    assert check_database(filled.path, catalog).problems == [
        "response #1: team: ['x'] is not a team id",
        "response #2: team: 7 is not a team id",
    ]


def test_a_failed_check_is_said_in_its_own_words(filled: Store, catalog: Catalog) -> None:
    def month_13(data: dict) -> None:
        data["commitments"]["1"]["due"] = "2026-13"

    edit(filled, month_13)
    assert check_database(filled.path, catalog).problems == [
        "commitment #1: due: period '2026-13': month must be 01-12"
    ]


def test_a_damaged_drafts_file_is_a_problem_line(filled: Store, catalog: Catalog) -> None:
    filled.drafts_path.write_text("{broken")
    found = check_database(filled.path, catalog)
    assert len(found.problems) == 1
    assert found.problems[0].startswith(f"the drafts file {filled.drafts_path} is not valid JSON")
    assert "no backup includes it" in found.problems[0]
    assert found.counts["response"] == 2  # the rest is still checked


def test_an_unknown_survey_version_is_a_problem(filled: Store, catalog: Catalog) -> None:
    def to_v9(data: dict) -> None:
        for doc in data["responses"].values():
            doc["survey_version"] = 9
            doc["seal"] = None

    edit(filled, to_v9)
    problems = check_database(filled.path, catalog).problems
    assert problems[0] == (
        "response monthly-pulse 2026-10 sales: survey monthly-pulse version 9 is unknown"
    )


def test_guesses_and_metrics_are_checked_too(filled: Store, catalog: Catalog) -> None:
    filled.define_metric(KNOWN["mql-acceptance"])
    filled.set_metric_values("2026-10", {"mql-acceptance": 60})

    def damage(data: dict) -> None:
        sales = next(r for r in data["responses"].values() if r["role"] == "sales")
        sales["predictions"]["goals-success"] = 9
        sales["predictions"]["strategy-markets"] = 3
        sales["seal"] = None
        (metric,) = data["metrics"].values()
        data["metrics"]["2"] = dict(metric)  # the same metric twice
        data["metrics"]["3"] = {**metric, "id": "win-rate", "values": {"2026-13": 1}}

    edit(filled, damage)
    problems = check_database(filled.path, catalog).problems
    assert problems == [
        "response monthly-pulse 2026-10 sales: prediction for 'goals-success' is 9, not 1-5 "
        "or 'n/a'",
        "response monthly-pulse 2026-10 sales: prediction for 'strategy-markets', which sales "
        "does not predict",
        "response monthly-pulse 2026-10 sales (revision 1): its signature does not hold "
        "(changed after it was signed)",
        "metric #3: values.2026-13.[key]: period '2026-13': month must be 01-12",
        "metric mql-acceptance (team default): defined twice",
    ]


# -- many responses: each survey definition is parsed once, every response still checked --------


def hundred(path: Path) -> dict:
    """A database of 100 sound responses (three teams), as the benchmark makes it."""
    from benchmarks.generate import generate

    path.parent.mkdir(parents=True, exist_ok=True)
    generate(path, 100)
    return json.loads(path.read_bytes())


def rewrite(path: Path, data: dict) -> None:
    """``data`` written as gtm-pulse writes it (compact, orjson)."""
    from gtm_pulse.store.format import encode

    path.write_bytes(encode(data))


def test_a_damaged_response_among_a_hundred_is_found(db_path: Path, catalog: Catalog) -> None:
    data = hundred(db_path)
    assert check_database(db_path, catalog).ok
    first, last = data["responses"]["12"], data["responses"]["97"]
    first["answers"]["respect-seriously"] = 6 - first["answers"]["respect-seriously"]
    last["answers"]["respect-seriously"] = 7
    rewrite(db_path, data)
    found = check_database(db_path, catalog)
    assert found.counts["response"] == 100
    assert found.problems == [
        f"response monthly-pulse {first['period']} {first['role']}: its answers no longer "
        "match its seal (changed after submitting)",
        f"response monthly-pulse {last['period']} {last['role']}: question "
        "'respect-seriously': 7 is out of range 1-5",
        f"response monthly-pulse {last['period']} {last['role']}: its answers no longer "
        "match its seal (changed after submitting)",
    ]


def test_a_broken_recorded_survey_is_said_for_every_response(
    db_path: Path, catalog: Catalog
) -> None:
    data = hundred(db_path)
    (survey,) = data["surveys"].values()
    survey["definition"]["scale"] = "five points"
    rewrite(db_path, data)
    problems = check_database(db_path, catalog).problems
    version = survey["version"]
    assert len(problems) == 100
    assert set(problems) == {
        f"response monthly-pulse {r['period']} {r['role']}: survey monthly-pulse version "
        f"{version} is unknown"
        for r in data["responses"].values()
    }


def test_a_key_written_twice_among_a_hundred_responses_is_found(
    db_path: Path, catalog: Catalog
) -> None:
    hundred(db_path)
    written = db_path.read_bytes()
    assert b'"revision":1,' in written  # as gtm-pulse writes it: compact
    at = written.rindex(b'"revision":1,')
    db_path.write_bytes(written[:at] + b'"revision":1,' + written[at:])
    assert check_database(db_path, catalog).problems == [
        f"{db_path}: the key 'revision' is written 2 times in one object; reading keeps only "
        "the last, so the next write would drop the others"
    ]


def test_a_value_validation_converts_is_sealed_as_converted(
    filled: Store, catalog: Catalog
) -> None:
    def as_float(data: dict) -> None:
        for doc in data["responses"].values():
            doc["survey_version"] = float(doc["survey_version"])  # 3.0: validation makes it 3

    edit(filled, as_float)
    assert b'"survey_version": 3.0' in filled.path.read_bytes()
    assert check_database(filled.path, catalog).ok  # the seal covers 3, as it did

"""Benchmark data: a database of N responses spread over teams, periods and both VPs.

A board tracking its portfolio keeps many teams in one database; each team here has 24 months
of the monthly pulse, both VPs answering, so a database of 100,000 responses holds 2,084 teams.
Answers are seeded, valid for the shipped survey, and sealed as the store would seal them. The
file is written in one go (submitting 100,000 responses one by one would take hours, and is
not what is measured).

    python benchmarks/generate.py OUT.json --responses 10000
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gtm_pulse.core.models import Response, Team, to_json
from gtm_pulse.core.periods import Period, period_of, today
from gtm_pulse.core.sealing import sealed
from gtm_pulse.store.files import atomic_write
from gtm_pulse.store.format import (
    RESPONSES,
    SURVEYS,
    TEAM,
    encode,
    new_database,
)
from gtm_pulse.store.survey_files import load_catalog

MONTHS = 24
ROLES = ("sales", "marketing")


def generate(path: Path, responses: int, *, months: int = MONTHS, seed: int = 1) -> list[str]:
    """Write a database of ``responses`` responses to ``path``; returns its team ids."""
    rng = random.Random(seed)
    survey = load_catalog().get("monthly-pulse")
    last = period_of("monthly", today())
    periods = [str(Period("monthly", last.ordinal - months + 1 + n)) for n in range(months)]
    per_team = months * len(ROLES)
    count = -(-responses // per_team)
    tables = new_database()
    tables[SURVEYS] = {"1": {"id": survey.id, "version": survey.version,
                             "definition": to_json(survey)}}  # fmt: skip
    tables[TEAM] = {}
    tables[RESPONSES] = {}
    teams = []
    made = 0
    for number in range(count):
        team = Team(
            id=f"team-{number:05d}",
            company=f"Portfolio company {number}",
            members={"sales": f"Sales lead {number}", "marketing": f"Marketing lead {number}",
                     "ceo": f"CEO {number}"},
        )  # fmt: skip
        teams.append(team.id)
        tables[TEAM][str(number + 1)] = to_json(team)
        mood = rng.uniform(2.0, 4.5)
        for period in periods:
            for role in ROLES:
                if made == responses:
                    break
                answers = _answers(survey, rng, mood + (0.4 if role == "sales" else -0.4))
                guesses = {  # each VP's guess at the other's answer: off by a point or so
                    q.id: max(1, min(survey.scale.points, answers[q.id] + rng.choice((-1, 0, 1))))
                    for q in survey.questions
                    if q.predict
                }
                response = Response(
                    survey_id=survey.id, survey_version=survey.version, role=role,
                    respondent=team.members[role], period=period, answers=answers,
                    predictions=guesses, id=f"{rng.getrandbits(128):032x}",
                )  # fmt: skip
                made += 1
                record = to_json(sealed(response, f"{rng.getrandbits(256):064x}"))
                tables[RESPONSES][str(made)] = {**record, "team": team.id}
    atomic_write(path, encode(tables))  # mode 0600, as the store writes
    return teams


def _answers(survey, rng: random.Random, level: float) -> dict:  # type: ignore[no-untyped-def]
    points = survey.scale.points
    answers: dict = {}
    for question in survey.questions:
        if question.kind == "likert":
            value = max(1, min(points, round(rng.gauss(level, 0.8))))
            answers[question.id] = points + 1 - value if question.reverse else value
        elif question.kind == "multi":
            picked = rng.sample(question.options, rng.randint(0, 3))
            answers[question.id] = {o.id: rng.choice(question.severities) for o in picked}
        elif question.kind == "text" and rng.random() < 0.4:
            answers[question.id] = "Share the win stories from the field while they are fresh."
    return answers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--responses", type=int, default=1000)
    parser.add_argument("--months", type=int, default=MONTHS)
    args = parser.parse_args()
    teams = generate(args.out, args.responses, months=args.months)
    size = args.out.stat().st_size / 1e6
    print(f"{args.out}: {args.responses} responses, {len(teams)} team(s), {size:.1f} MB")


if __name__ == "__main__":
    main()

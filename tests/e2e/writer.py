"""A child process for the concurrency and crash tests: submits responses to a real database.

Usage: python writer.py DB ROLE FIRST COUNT
Submits COUNT responses for ROLE, one per monthly period FIRST, FIRST+1, ... (period indexes),
and prints "ack N" after each submit has returned, so the parent knows which writes were done.
"""

from __future__ import annotations

import sys

from gtm_pulse.models import Response
from gtm_pulse.periods import Period
from gtm_pulse.store import Store
from gtm_pulse.surveys import load_catalog


def main() -> None:
    db, role, first, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    survey = load_catalog().get("monthly-pulse")
    question = next(q for q in survey.questions if q.kind == "likert")
    store = Store(db)
    print("ready", flush=True)
    for index in range(first, first + count):
        response = Response(
            survey_id=survey.id,
            survey_version=survey.version,
            role=role,
            respondent=role.title(),
            period=str(Period("monthly", index)),
            answers={question.id: index % 5 + 1},
        )
        store.submit(response, survey)
        print(f"ack {index}", flush=True)


if __name__ == "__main__":
    main()

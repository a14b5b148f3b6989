"""A child process for the shared-database test: submits, and exports after every submit.

Usage: python sharer.py DB ROLE FIRST COUNT OUT
Submits COUNT responses for ROLE (monthly periods FIRST, FIRST+1, ... as period indexes); after
each, exports its role's responses to OUT (as a VP carries their own) and reads the bundle back,
checking that it holds all of this process's submissions so far. Prints "ack N" each round.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from gtm_pulse.core.models import Response
from gtm_pulse.core.periods import Period
from gtm_pulse.store.bundles import make_bundle, read_bundle
from gtm_pulse.store.database import Store
from gtm_pulse.store.files import atomic_write
from gtm_pulse.store.survey_files import load_catalog


def main() -> None:
    db, role, out = sys.argv[1], sys.argv[2], Path(sys.argv[5])
    first, count = int(sys.argv[3]), int(sys.argv[4])
    survey = load_catalog().get("monthly-pulse")
    question = next(q for q in survey.questions if q.kind == "likert")
    store = Store(db)
    mine: set[str] = set()
    for index in range(first, first + count):
        period = str(Period("monthly", index))
        store.submit(
            Response(survey_id=survey.id, survey_version=survey.version, role=role,
                     respondent=role.title(), period=period, answers={question.id: index % 5 + 1}),
            survey,
        )  # fmt: skip
        mine.add(period)
        atomic_write(out, json.dumps(make_bundle(store.load(), survey, None, role)).encode())
        exported = {r.period for r in read_bundle(out).responses if r.role == role}
        missing = mine - exported
        if missing:
            raise SystemExit(f"export after submit lacks {sorted(missing)}")
        print(f"ack {index}", flush=True)


if __name__ == "__main__":
    main()

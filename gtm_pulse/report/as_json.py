"""``compare --format json``: the review as a stable, versioned document for other tools.

The contract is :class:`gtm_pulse.report.document.Document`, published as
``gtm_pulse/schemas/compare.schema.json`` (a JSON Schema generated from it, documented in
docs/compare.md). Within one ``schema_version`` fields may be added, never removed, renamed or
retyped; anything else raises the version. Per-side values are objects keyed by role (``{"sales": 4,
"marketing": 2}``) so a pair other than Sales and Marketing fits the same shape; a signed gap
is always the first role of ``pair`` minus the second.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final, Literal, cast, overload

from gtm_pulse.core import roles
from gtm_pulse.core.analysis import Comparison, Flag
from gtm_pulse.core.commitments import follow_through
from gtm_pulse.core.metrics import sentence
from gtm_pulse.core.models import NOT_APPLICABLE, Survey, to_json
from gtm_pulse.core.perceptions import Perceptions, figures
from gtm_pulse.core.stages import Stages
from gtm_pulse.core.trend import Run, Trend
from gtm_pulse.report.common import (
    choice_label,
    dimension_name,
    named_by_role,
    not_applicable_count,
    question_text,
    stage_now,
)
from gtm_pulse.services.comparing import Review

if TYPE_CHECKING:  # the document's types only check this module: ~2.5 ms compare need not pay
    from gtm_pulse.report import document as doc
    from gtm_pulse.services.freshness import Freshness

#: 2: a statement has one flag with every reason (``kinds``); ``flagged`` means any flag, not a
#: gap alone; shared problems are flagged and on the agenda, which holds at most five items.
SCHEMA_VERSION: Final = 2


def dumps(document: Mapping[str, Any]) -> str:
    """The document as indented JSON text: orjson (~40x faster; the same text), or the json
    module for what orjson refuses (a lone surrogate someone pasted)."""
    import orjson

    try:
        return orjson.dumps(document, option=orjson.OPT_INDENT_2).decode() + "\n"
    except TypeError:
        import json

        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


@overload
def _num(value: float) -> float: ...
@overload
def _num(value: float | None) -> float | None: ...
def _num(value: float | None) -> float | None:
    """Figures rounded to 4 decimals, so 1/3 prints as 0.3333 and float noise never shows."""
    return None if value is None else round(float(value), 4)


def to_document(review: Review) -> doc.Document:
    """The whole review as plain JSON values, in the shape of the published schema."""
    survey = review.survey
    compared = _compared(review, review.current) if review.current is not None else _alone(review)
    placed = stage_now(review)
    return {
        "schema_version": SCHEMA_VERSION,
        "company": review.company,
        "survey": {
            "id": survey.id,
            "version": survey.version,
            "title": survey.title,
            "scale_points": survey.scale.points,
        },
        "period": review.period,
        "pair": [
            {"role": role, "function": roles.function_name(role), "name": review.names[role]}
            for role in review.pair
        ],
        "partial": review.partial,
        "missing": review.missing,
        "note": review.note,
        "opened_early": [
            {"date": o.date, "by": cast(_OpenedBy, o.by), "roles": list(o.roles)}
            for o in review.opened_early
        ],
        "thresholds": to_json(survey.thresholds),
        **compared,
        # mypy wants the optional `synced` in some ** item: render adds it when there is one
        **_perceived(review),  # type: ignore[typeddict-item]
        "relationship_stage": _stage_roles(placed),
        "relationship_stage_detail": _stage_detail(placed),
        "trend": _trend(review.history),
        "commitments": [
            {
                "number": t.commitment.number,
                "text": t.commitment.text,
                "owner": t.commitment.owner,
                "due": t.commitment.due,
                "agreed_in": t.commitment.agreed_in,
                "done": t.commitment.done,
                "follow_ups": [
                    {
                        "period": period,
                        "by_role": {
                            role: {"status": f.status, "comment": f.comment}
                            for role, f in answers.items()
                        },
                    }
                    for period, answers in t.follow_ups
                ],
            }
            for t in review.commitments
        ],
        "comments": [
            {
                "dimension": remark.dimension_id,
                "question_id": remark.question_id,
                "prompt": remark.prompt,
                "by_role": dict(remark.by_role),
            }
            for remark in review.remarks
        ],
    }


def synced(fresh: Freshness) -> doc.Synced:
    """How fresh the data is (``synced``): this laptop's last sync, each member's, what waits."""
    from gtm_pulse.services.freshness import latest

    def moment(value: dt.datetime | None) -> str | None:
        return None if value is None else value.astimezone(dt.UTC).isoformat()

    return {
        "remote": fresh.remote,
        "synced_at": moment(fresh.synced_at),
        "members": [
            {"role": m.role, "name": m.name, "last_sync": moment(m.last_sync)}
            for m in fresh.members
        ],
        "waiting": [
            {
                "role": w.role,
                "survey": w.survey,
                "period": w.period,
                "revision": w.revision,
                "missing": list(w.missing),
            }
            for w in latest(fresh.waiting)
        ],
    }


# The core words these as plain text; the document names the values they take.
_OpenedBy = Literal["compare --partial", "export --role"]


def _kinds(kinds: tuple[str, ...] | list[str]) -> list[doc.FlagKind]:
    return [cast("doc.FlagKind", kind) for kind in kinds]


def _compared(review: Review, current: Comparison) -> doc.Compared:
    survey = current.survey
    left, right = review.pair
    history = review.history
    index = len(history.comparisons) - 1
    flagged = {f.question_id: _kinds(f.kinds) for f in current.flags if f.question_id}
    answers = {role: _answers_of(review, role) for role in review.pair}
    guesses = {role: dict(review.responses[role].predictions) for role in review.pair}
    return {
        "indices": {
            "alignment": _num(current.alignment),
            "health": _num(current.health),
            "quadrant": cast("doc.Quadrant", current.quadrant),
            "previous_period": history.comparisons[-2].period if index > 0 else None,
            "alignment_change": _num(history.change(index, "alignment")),
            "health_change": _num(history.change(index, "health")),
        },
        "dimensions": [
            {
                "id": d.dimension_id,
                "name": dimension_name(survey, d.dimension_id),
                "scores": {left: _num(d.left_mean), right: _num(d.right_mean)},
                "mean_abs_gap": _num(d.mean_abs_gap),
                "joint": _num(d.joint),
            }
            for d in current.dimensions
        ],
        "items": [
            {
                "question_id": i.question_id,
                "label": survey.label(i.question_id),
                "dimension": i.dimension_id,
                "text": question_text(survey, i.question_id),
                "reverse": _reverse(review, i.question_id),
                "answers": {role: answers[role].get(i.question_id) for role in review.pair},
                "scores": {left: _num(i.left), right: _num(i.right)},
                "gap": _num(i.gap),
                "size": _num(i.size),
                "flagged": i.question_id in flagged,
                "flag_kinds": flagged.get(i.question_id, []),
                "guesses": {role: guesses[role].get(i.question_id) for role in review.pair},
            }
            for i in current.items
        ],
        "choices": [
            {
                "question_id": c.question_id,
                "text": question_text(survey, c.question_id),
                "answers": {left: c.left, right: c.right},
                "labels": {
                    left: choice_label(survey, c.question_id, c.left),
                    right: choice_label(survey, c.question_id, c.right),
                },
                "agree": c.agree,
            }
            for c in current.choices
        ],
        "frictions": [
            {
                "question_id": f.question_id,
                "option_id": f.option_id,
                "label": f.label,
                "severities": {left: f.left, right: f.right},
                "named": {left: f.left_named, right: f.right_named},
                "named_by": named_by_role(f, review.pair),
            }
            for f in current.frictions
        ],
        "flags": _flags(survey, current.flags),
        "not_applicable": {
            "count": not_applicable_count(current),
            "items": [
                {
                    "question_id": n.question_id,
                    "label": survey.label(n.question_id),
                    "text": question_text(survey, n.question_id),
                    "answers": {left: n.left, right: n.right},
                }
                for n in current.not_applicable
            ],
            "reconsider": list(review.reconsider),
        },
        "agenda": [
            {
                "rank": rank,
                "question_id": a.question_id,
                "label": survey.label(a.question_id),
                "kind": cast(Literal["divergence", "shared-problem"], a.kind),
                "text": question_text(survey, a.question_id),
                "answers": {role: answers[role].get(a.question_id) for role in review.pair},
                "gap": _num(a.gap),
                "growth": _num(a.growth),
                "weight": _num(a.weight),
            }
            for rank, a in enumerate(review.agenda, start=1)
        ],
    }


def _alone(review: Review) -> doc.Compared:
    """The partial shape: one role's figures, and null wherever a gap would be."""
    alone = review.alone
    assert alone is not None
    survey, role = alone.survey, alone.role
    answers = _answers_of(review, role)
    flagged = {f.question_id: _kinds(f.kinds) for f in alone.flags if f.question_id}
    skipped = [q.id for q in survey.likert if answers.get(q.id) == NOT_APPLICABLE]
    return {
        "indices": None,
        "dimensions": [
            {
                "id": d.id,
                "name": d.name,
                "scores": {role: _num(alone.dimensions[d.id])},
                "mean_abs_gap": None,
                "joint": None,
            }
            for d in survey.dimensions
            if d.id in alone.dimensions
        ],
        "items": [
            {
                "question_id": question_id,
                "label": survey.label(question_id),
                "dimension": survey.question(question_id).dimension,  # type: ignore[union-attr]
                "text": question_text(survey, question_id),
                "reverse": _reverse(review, question_id),
                "answers": {role: answers.get(question_id)},
                "scores": {role: _num(value)},
                "gap": None,
                "size": None,
                "flagged": question_id in flagged,
                "flag_kinds": flagged.get(question_id, []),
                "guesses": {role: review.responses[role].predictions.get(question_id)},
            }
            for question_id, value in alone.scores.items()
        ],
        "choices": [],
        "frictions": [
            {
                "question_id": p.question_id,
                "option_id": p.option_id,
                "label": p.label,
                "severities": {role: p.severity},
                "named": {role: True},
                "named_by": role,
            }
            for p in alone.picks
        ],
        "flags": _flags(survey, alone.flags),
        "not_applicable": {
            "count": {role: len(skipped)},
            "items": [
                {
                    "question_id": qid,
                    "label": survey.label(qid),
                    "text": question_text(survey, qid),
                    "answers": {role: NOT_APPLICABLE},
                }
                for qid in skipped
            ],
            "reconsider": [],
        },
        "agenda": [],
    }


def _flags(survey: Survey, flags: list[Flag]) -> list[doc.Flag]:
    return [
        {
            "kind": cast("doc.FlagKind", f.kind),
            "kinds": _kinds(f.kinds),
            "reason": f.reason,
            "question_id": f.question_id,
            "label": survey.label(f.question_id) if f.question_id else None,
        }
        for f in flags
    ]


def _answers_of(review: Review, role: str) -> dict[str, Any]:
    return dict(review.responses[role].answers) if role in review.responses else {}


def _reverse(review: Review, question_id: str) -> bool:
    question = review.survey.question(question_id)
    return bool(question and question.reverse)


def _trend(history: Trend) -> doc.Trend:
    placed = {s.period: s for s in history.stages}
    shared = history.shared
    return {
        "periods": [
            _trend_period(history, n, c, _stage_roles(placed.get(c.period)))
            for n, c in enumerate(history.comparisons)
        ],
        "longest_improvement": _run(history.longest_run(improving=True)),
        "longest_decline": _run(history.longest_run(improving=False)),
        "shared": (
            {"versions": list(shared.versions), "statements": shared.statements} if shared else None
        ),
    }


def _stage_roles(placed: Stages | None) -> dict[str, str] | None:
    return {role: p.stage for role, p in placed.by_role.items()} if placed else None


def _stage_detail(placed: Stages | None) -> doc.StageDetail | None:
    if placed is None:
        return None
    pair: doc.StagePair | None = (
        {"stage": placed.pair.stage, "score": _num(placed.pair.score)} if placed.pair else None
    )
    return {
        "scores": {role: _num(p.score) for role, p in placed.by_role.items()},
        "pair": pair,
        "differ": placed.differ,
    }


def _trend_period(
    history: Trend, n: int, c: Comparison, stage: dict[str, str] | None
) -> doc.TrendPeriod:
    understanding, blame = figures(c)
    return {
        "period": c.period,
        "alignment": _num(c.alignment),
        "health": _num(c.health),
        "quadrant": cast("doc.Quadrant", c.quadrant),
        "alignment_change": _num(history.change(n, "alignment")),
        "health_change": _num(history.change(n, "health")),
        "dimension_gaps": {d.dimension_id: _num(d.mean_abs_gap) for d in c.dimensions},
        "follow_through": _num(follow_through(c.responses)),
        "understanding": _num(understanding),
        "blame_asymmetry": _num(blame),
        "relationship_stage": stage,
    }


def _run(run: Run | None) -> doc.Run | None:
    if run is None:
        return None
    return {"length": run.length, "start": run.start, "end": run.end}


# -- perceptions: tension, predictions, blame, metrics, the wider team ---------------------------


def _perceived(review: Review) -> doc.Perceived:
    """Healthy tensions, how each side reads and blames the other, metrics and the matrix.

    A partial review has none of these (each needs both sides): empty lists and nulls.
    """
    current = review.current
    if current is None:
        return {"tensions": [], "perceptions": None, "metrics": [], "matrix": None}
    survey = current.survey
    left, right = review.pair
    answers = {role: _answers_of(review, role) for role in review.pair}
    found = review.matrix
    matrix: doc.Matrix | None = (
        None
        if found is None
        else {
            "period": found.period,
            "roles": found.roles,
            "pairs": [{"roles": [a, b], "alignment": _num(value)} for a, b, value in found.pairs()],
        }
    )
    return {
        "tensions": [
            {
                "question_id": i.question_id,
                "dimension": i.dimension_id,
                "text": question_text(survey, i.question_id),
                "answers": {role: answers[role].get(i.question_id) for role in review.pair},
                "scores": {left: _num(i.left), right: _num(i.right)},
                "gap": _num(i.gap),
            }
            for i in current.tensions
        ],
        "perceptions": _perceptions(review, review.perceptions),
        "metrics": [
            {
                "question_id": seen.question_id,
                "metric": {
                    "id": seen.metric.id,
                    "name": seen.metric.name,
                    "unit": seen.metric.unit,
                    "better": seen.metric.better,
                },
                "values": [{"period": p, "value": _num(v)} for p, v in seen.values],
                "change": _num(seen.change),
                "sentence": sentence(current, seen),
            }
            for seen in review.metrics
        ],
        "matrix": matrix,
    }


def _perceptions(review: Review, perceived: Perceptions | None) -> doc.Perceptions | None:
    if perceived is None:
        return None
    survey = review.survey
    misread = survey.thresholds.misread
    return {
        "understanding": _num(perceived.understanding),
        "by_side": {role: _num(value) for role, value in perceived.by_side.items()},
        "readings": [
            {
                "question_id": r.question_id,
                "text": question_text(survey, r.question_id),
                "by": r.by,
                "of": r.of,
                "guess": _num(r.guess),
                "actual": _num(r.actual),
                "misreading": _num(r.misreading),
                "blind_spot": abs(r.misreading) >= misread,
            }
            for r in perceived.readings
        ],
        "blame_asymmetry": _num(perceived.blame_asymmetry),
        "self_favour": {role: _num(value) for role, value in perceived.self_favour.items()},
        "mirrors": [
            {
                "id": b.mirror_id,
                "name": b.name,
                "asymmetry": _num(b.asymmetry),
                "sides": {
                    side.role: {
                        "question_id": side.question_id,
                        "own": _num(side.own),
                        "by_other": _num(side.by_other),
                        "favour": _num(side.favour),
                    }
                    for side in b.sides
                },
            }
            for b in perceived.blame
        ],
    }

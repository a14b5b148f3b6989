"""The rules a survey definition keeps beyond each field's type: run by validation only.

Each raises ``ValueError`` with the words a survey author reads (pydantic reports it at the
field's location); :mod:`.survey` names them in its declarations.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gtm_pulse.core import roles
from gtm_pulse.core.models.common import PLACEHOLDERS, RESERVED_PREFIXES

if TYPE_CHECKING:
    from gtm_pulse.core.models.survey import Question, Scale, StageRule, Survey


def _short_text(text: str, limit: int = 40) -> str:
    """``text`` cut to ``limit`` characters for a message."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def not_reserved(value: str) -> str:
    """A question id that does not look like one gtm-pulse adds."""
    for prefix in RESERVED_PREFIXES:
        if value.startswith(prefix):
            raise ValueError(
                f"{value!r}: ids starting {prefix!r} are kept for the questions gtm-pulse "
                "adds (follow-ups, predictions)"
            )
    return value


def label_is_plain(label: str) -> str:
    """A label that is one line of printable text."""
    if label and (label != label.strip() or not label.isprintable()):
        raise ValueError("a label is one line of printable text, without spaces at its ends")
    return label


def known_placeholders(text: str) -> str:
    """A question's text whose placeholders are all known, without format specs."""
    import string  # ~1.2 ms: checking a survey's text, not reading one the database recorded

    try:
        parts = [
            (field, spec, conversion)
            for _, field, spec, conversion in string.Formatter().parse(text)
            if field is not None
        ]
    except ValueError as error:
        raise ValueError(
            f"bad braces in text ({error}); write a literal brace as {{{{ or }}}}"
        ) from None
    # A format spec or conversion ("{other:>999999999}") would be applied when the text is
    # shown: a width of a billion characters is a survey file that exhausts memory.
    for field, spec, conversion in parts:
        if spec or conversion:
            shown = f"{{{field}{'!' + conversion if conversion else ''}{':' if spec else ''}"
            raise ValueError(
                f"placeholder {_short_text(shown + (spec or ''))}}}: no format spec or "
                "conversion "
                f"is allowed; write {{{field}}}"
            )
    fields = [field for field, _, _ in parts]
    unknown = sorted({field for field in fields if field not in PLACEHOLDERS})
    if unknown:
        known = ", ".join(f"{{{name}}}" for name in sorted(PLACEHOLDERS))
        shown = ", ".join(f"{{{name}}}" for name in unknown)
        raise ValueError(f"unknown placeholder {shown} (known: {known})")
    return text


def one_label_per_point(scale: Scale) -> Scale:
    """A scale with as many labels as points."""
    if len(scale.labels) != scale.points:
        raise ValueError(
            f"scale has {scale.points} points but {len(scale.labels)} labels; give one per point"
        )
    return scale


def fields_fit_kind(question: Question) -> Question:
    """A question whose fields are those of its kind."""
    problems = []
    likert_only = {
        "reverse": question.reverse,
        "predict": question.predict,
        "tension": question.tension,
    }
    for name, value in likert_only.items():
        if value and question.kind != "likert":
            problems.append(f"{name} is only for likert questions, not {question.kind}")
    if question.kind in ("single", "multi"):
        if len(question.options) < 2:
            problems.append(f"a {question.kind} question needs at least 2 options")
        ids = [option.id for option in question.options]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            problems.append(f"duplicate option id {', '.join(map(repr, duplicates))}")
    elif question.options:
        problems.append(f"options are only for single and multi questions, not {question.kind}")
    if question.severities and question.kind != "multi":
        problems.append(f"severities are only for multi questions, not {question.kind}")
    if len(set(question.severities)) != len(question.severities):
        problems.append("severities must be distinct")
    if problems:
        raise ValueError("; ".join(problems))
    return question


def one_per_side(about: dict[str, str]) -> dict[str, str]:
    """A mirror's questions: one about each VP's function, and two different ones."""
    if set(about) != set(roles.CORE_PAIR):
        pair = " and ".join(roles.CORE_PAIR)
        raise ValueError(f"name one question about each of {pair}, got {sorted(about)}")
    if len(set(about.values())) != len(about):
        raise ValueError("the two questions must differ")
    return about


def bands_rise(stage: StageRule) -> StageRule:
    """A stage rule whose bands rise and whose names and statements are distinct."""
    starts = [band.starts for band in stage.bands]
    if starts != sorted(set(starts)):
        raise ValueError("bands must start at rising scores, lowest stage first")
    names = [band.name for band in stage.bands]
    if len(set(names)) != len(names):
        raise ValueError("band names must differ")
    if len(set(stage.questions)) != len(stage.questions):
        raise ValueError("a statement is listed twice")
    return stage


def references_hold(survey: Survey) -> Survey:
    """A survey whose ids are distinct and whose references name its own parts."""
    # One line per problem, each naming its field path: the loader shows them one per line.
    problems = []
    seen: dict[str, int] = {}
    for index, dimension in enumerate(survey.dimensions):
        if dimension.id in seen:
            problems.append(f"dimensions[{index}].id: duplicate dimension id {dimension.id!r}")
        seen.setdefault(dimension.id, index)
    seen = {}
    labels: dict[str, str] = {}
    for index, question in enumerate(survey.questions):
        if question.id in seen:
            problems.append(
                f"questions[{index}].id: duplicate question id {question.id!r} "
                f"(first at questions[{seen[question.id]}])"
            )
        seen.setdefault(question.id, index)
        if question.label and question.label.casefold() in labels:
            problems.append(
                f"questions[{index}] (id {question.id!r}).label: {question.label!r} is also "
                f"the label of {labels[question.label.casefold()]!r}; labels must differ"
            )
        if question.label:
            labels.setdefault(question.label.casefold(), question.id)
        if question.dimension not in {d.id for d in survey.dimensions}:
            known = ", ".join(d.id for d in survey.dimensions)
            problems.append(
                f"questions[{index}].dimension: unknown dimension {question.dimension!r} "
                f"(known: {known})"
            )
    for dimension in survey.dimensions:
        if not any(q.dimension == dimension.id for q in survey.questions):
            problems.append(f"dimension {dimension.id!r} has no questions")
    kinds = {q.id: q.kind for q in survey.questions}
    mirror_ids = [m.id for m in survey.mirrors]
    for index, mirror in enumerate(survey.mirrors):
        if mirror_ids.index(mirror.id) != index:
            problems.append(f"mirrors[{index}].id: duplicate mirror id {mirror.id!r}")
        for role, question_id in mirror.about.items():
            if kinds.get(question_id) != "likert":
                problems.append(
                    f"mirrors[{index}] (id {mirror.id!r}).about.{role}: {question_id!r} is "
                    "not a likert question of this survey"
                )
    if survey.stage is not None:
        for index, question_id in enumerate(survey.stage.questions):
            staged = next((q for q in survey.questions if q.id == question_id), None)
            if staged is None or staged.kind != "likert" or staged.tension:
                problems.append(
                    f"stage.questions[{index}]: {question_id!r} is not an indexed likert "
                    "statement of this survey"
                )
        lowest = 100 / survey.scale.points
        if survey.stage.bands[0].starts > lowest:
            problems.append(
                f"stage.bands[0].starts: the lowest stage must start at or below {lowest:g}, "
                "the lowest score"
            )
    if problems:
        raise ValueError("\n".join(problems))
    return survey

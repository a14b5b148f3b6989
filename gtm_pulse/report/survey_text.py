"""Survey definitions as text: ``gtm-pulse surveys list`` and ``gtm-pulse surveys show``."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from gtm_pulse.core.models import Question, Survey


def catalog_text(surveys: Iterable[Survey]) -> str:
    """One entry per survey: id, version, cadence, minutes to fill and title, then its parts."""
    lines = []
    for survey in surveys:
        minutes = survey.estimated_seconds() / 60
        lines.append(
            f"{survey.id:<22} v{survey.version:<3} {survey.cadence:<10} "
            f"~{minutes:.1f} min  {survey.title}\n  {survey.parts()}"
        )
    return "\n".join(lines)


def survey_text(survey: Survey) -> str:
    """Every dimension and question of ``survey``, each question with what sets it apart
    (its kind, reversed, optional, a guess, a tension, a metric), then its mirror pairs."""
    lines = [f"{survey.title} ({survey.id} v{survey.version}, {survey.cadence})"]
    if survey.description:
        lines.append(survey.description)
    scale = ", ".join(f"{i}={label}" for i, label in enumerate(survey.scale.labels, start=1))
    lines.append(f"Scale: {scale}")
    for dimension in survey.dimensions:
        lines.append(f"\n{dimension.name} [{dimension.id}]")
        for question in survey.questions_in(dimension.id):
            lines.append(f"  {question.id}: {question.text}  ({', '.join(_flags(question))})")
            lines.extend(f"      - {option.id}: {option.label}" for option in question.options)
            if question.severities:
                lines.append(f"      severities: {', '.join(question.severities)}")
        if dimension.comment:
            lines.append(f"  (comment) {dimension.comment}")
    if survey.mirrors:
        lines.append("\nMirror pairs (the same question about each function)")
        for mirror in survey.mirrors:
            about = ", ".join(f"{role}: {qid}" for role, qid in mirror.about.items())
            lines.append(f"  {mirror.id}: {mirror.name} ({about})")
    minutes = survey.estimated_seconds() / 60
    lines.append(f"\n{survey.parts()}; about {minutes:.1f} minutes to fill.")
    return "\n".join(lines)


def _flags(question: Question) -> list[str]:
    """What ``surveys show`` says of a question after its text: its kind, then each trait."""
    flags: list[str] = [question.kind]
    if question.reverse:
        flags.append("reverse")
    if not question.is_required:
        flags.append("optional")
    if question.predict:
        flags.append("predict the other's answer")
    if question.tension:
        flags.append(f"{question.tension} tension: not flagged, not indexed")
    if question.metric:
        flags.append(f"metric {question.metric}")
    return flags

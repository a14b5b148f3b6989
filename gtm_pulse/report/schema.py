"""The JSON Schema of ``compare --format json``, generated from :mod:`.document`.

    python -m gtm_pulse.report.schema --write    regenerate gtm_pulse/schemas/compare.schema.json
    python -m gtm_pulse.report.schema --check    exit 1 if the shipped file is not the generated one

pydantic's ``TypeAdapter(Document).json_schema()`` does the work; :func:`generated` then words
it as the published schema has always been worded: no generated titles, one-line
descriptions, role-keyed objects as ``propertyNames`` plus ``additionalProperties``, and the
schema's own header. Objects stay open (a consumer ignores fields it does not know). A
development tool: no command imports it, so pydantic stays off compare's path.
"""

from __future__ import annotations

import argparse
import ast
import inspect
import itertools
import json
import sys
import textwrap
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from gtm_pulse.report import document

PATH = Path(__file__).resolve().parent.parent / "schemas" / "compare.schema.json"

HEADER = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://gtm-pulse.invalid/schemas/compare.schema.json",
    "title": "gtm-pulse compare --format json",
}


def generated() -> dict[str, Any]:
    """The schema of :class:`gtm_pulse.report.document.Document`, as published."""
    schema = TypeAdapter(document.Document).json_schema()
    _describe(schema, document.Document)
    for name, part in schema["$defs"].items():
        _describe(part, getattr(document, name))
    schema = _worded(schema)
    definitions = schema.pop("$defs")
    return {**HEADER, "description": schema.pop("description"), **schema, "$defs": definitions}


def _describe(schema: dict[str, Any], typed: type) -> None:
    """Each property of ``schema`` described by the docstring under its field in ``typed``.

    Read here rather than by pydantic's ``use_attribute_docstrings``, which skips the fields a
    TypedDict inherits (``Document`` inherits ``Compared`` and ``Perceived``).
    """
    for name, text in _field_docstrings(typed).items():
        schema["properties"][name]["description"] = text


def _field_docstrings(typed: type) -> dict[str, str]:
    """Field name -> the docstring under it, in ``typed`` and the TypedDicts it extends."""
    found: dict[str, str] = {}
    for base in getattr(typed, "__orig_bases__", ()):  # a TypedDict's __mro__ lists no bases
        if isinstance(base, type) and base.__module__ == document.__name__:
            found |= _field_docstrings(base)
    [body] = ast.parse(textwrap.dedent(inspect.getsource(typed))).body
    assert isinstance(body, ast.ClassDef)
    for field, below in itertools.pairwise(body.body):
        if (
            isinstance(field, ast.AnnAssign)
            and isinstance(field.target, ast.Name)
            and isinstance(below, ast.Expr)
            and isinstance(below.value, ast.Constant)
            and isinstance(below.value.value, str)
        ):
            found[field.target.id] = inspect.cleandoc(below.value.value)
    return found


def _worded(node: Any) -> Any:
    """``node`` without generated titles, with one-line descriptions, and with each
    ``patternProperties`` (a dict keyed by role) as ``propertyNames`` and
    ``additionalProperties``, which close it as the pattern alone would not."""
    if isinstance(node, list):
        return [_worded(part) for part in node]
    if not isinstance(node, dict):
        return node
    worded: dict[str, Any] = {}
    for key, value in node.items():
        if key == "title" and isinstance(value, str):
            continue
        if key == "description":
            worded[key] = " ".join(value.split())
        elif key == "patternProperties" and len(value) == 1:
            [(pattern, values)] = value.items()
            worded["propertyNames"] = {"type": "string", "pattern": pattern}
            worded["additionalProperties"] = _worded(values)
        else:
            worded[key] = _worded(value)
    return worded


def text() -> str:
    """The generated schema as the file holds it."""
    return json.dumps(generated(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    """``--write`` the schema file, or ``--check`` that it is up to date (exit 1 if not)."""
    parser = argparse.ArgumentParser(prog="python -m gtm_pulse.report.schema")
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", action="store_true", help=f"write {PATH.name}")
    action.add_argument("--check", action="store_true", help=f"check {PATH.name} is up to date")
    arguments = parser.parse_args(argv)
    if arguments.write:
        PATH.write_text(text(), encoding="utf-8")
        return 0
    if PATH.read_text(encoding="utf-8") != text():
        print(f"{PATH} is out of date: run python -m gtm_pulse.report.schema --write")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

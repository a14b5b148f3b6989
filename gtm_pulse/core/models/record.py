"""The base of every record: one generic reader for what the database stored, and its JSON.

A record is declared once, as a frozen dataclass whose field types carry their constraints
(:mod:`.fields`). Reading a database needs none of them: what it holds was validated on the
way in, so :meth:`Record.from_json` only rebuilds the instance, with a cheap check of each
field's type (a hand-edited file then fails with a clear error instead of deep inside a chart).
The reader of a class is worked out once from its field types, then cached.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, Literal, Self

#: What pydantic is told about every record (see :mod:`gtm_pulse.core.schema`): an unknown key
#: is an error, not a silent default.
LAX: dict[str, Any] = {"extra": "forbid"}
#: The same for a survey file's parts, whose types are also strict: ``points = "5"`` or
#: ``version = true`` is a mistake to name, not a value to convert.
STRICT_TYPES: dict[str, Any] = {"extra": "forbid", "strict": True}

Convert = Callable[[Any], Any]
_REQUIRED = object()


class Record:
    """A record: built from a stored JSON document by :meth:`from_json`; validated by pydantic
    at the edges, with :meth:`_checked` as its rule over several fields, if it has one."""

    __slots__ = ()
    __pydantic_config__: ClassVar[dict[str, Any]] = LAX

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Self:
        """The record ``data`` (as :func:`to_json` wrote it) describes, without validation.

        Raises ``KeyError`` for a required field that is missing and ``TypeError`` for a field
        of the wrong type.
        """
        reader = _READERS.get(cls) or _reader(cls)
        return typing.cast(Self, reader(data))

    def _checked(self) -> Self:
        """This record if its fields hold together; ``ValueError`` naming the problem if not.

        Run by validation only, once every field passed its own constraints.
        """
        return self

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Callable[[Any], Any]) -> Any:
        """pydantic's schema for the class (its protocol; nothing imports pydantic here).

        The class accepts a dict even under strict types (pydantic's strict mode would demand
        an instance), and runs :meth:`_checked` after its fields.
        """
        schema = handler(source)
        if schema.get("type") == "dataclass":
            schema = {**schema, "strict": False}
        if cls._checked is Record._checked:
            return schema
        function = {"type": "no-info", "function": cls._checked}
        return {"type": "function-after", "function": function, "schema": schema}


def to_json(record: Any) -> Any:
    """A record (or anything holding records) as plain JSON values: what the database stores."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_json(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, dt.datetime):
        return record.isoformat()
    if isinstance(record, Mapping):
        return {key: to_json(value) for key, value in record.items()}
    if isinstance(record, list | tuple):
        return [to_json(value) for value in record]
    return record


# -- the generic reader --------------------------------------------------------------------------

_READERS: dict[type, Convert] = {}


def _reader(cls: type) -> Convert:
    """The function that builds a ``cls`` from a stored document, worked out once.

    Written as Python source and compiled, as :mod:`dataclasses` writes ``__init__``: a loop
    over the fields, looking up each step, made reading responses a third slower than the
    hand-written readers this replaced (measured: 86 ms against 64 for 10,000).
    """
    hints = typing.get_type_hints(cls)  # Annotated constraints stripped: reading ignores them
    names: dict[str, Any] = {"Mapping": Mapping, "MISSING": _REQUIRED, "new": object.__new__}
    lines = [
        "def read(data):",
        "    if not isinstance(data, Mapping):",
        f"        raise TypeError('a {cls.__name__} is not an object')",
    ]
    values = []
    for index, field in enumerate(dataclasses.fields(cls)):
        kind, convert = _converter(field.name, hints[field.name])
        value, fallback = f"v{index}", _fallback(field)
        if fallback is _REQUIRED:
            lines.append(f"    {value} = data[{field.name!r}]")
        else:
            names[f"f{index}"] = fallback
            lines.append(f"    {value} = data.get({field.name!r}, MISSING)")
            lines.append(f"    if {value} is MISSING:")
            lines.append(f"        {value} = f{index}()")
            lines.append("    else:")
        indent = "    " if fallback is _REQUIRED else "        "
        if kind is not None:
            names[f"k{index}"] = kind
            lines.append(f"{indent}if not isinstance({value}, k{index}):")
            lines.append(f"{indent}    raise TypeError({f'{field.name} is not {_named(kind)}'!r})")
        if convert is not None:
            names[f"c{index}"] = convert
            lines.append(f"{indent}{value} = c{index}({value})")
        elif kind is None:
            lines.append(f"{indent}pass")
        values.append(f"{field.name!r}: {value}")
    # Straight into the instance's __dict__: a frozen dataclass's __init__ sets each field
    # through object.__setattr__, and reading a database builds one record per document
    # (measured: a third of parsing its responses).
    lines.append("    record = new(cls)")
    lines.append(f"    record.__dict__.update({{{', '.join(values)}}})")
    lines.append("    return record")
    names["cls"] = cls
    exec("\n".join(lines), names)  # the source holds field names only, never stored data
    read: Convert = names["read"]
    _READERS[cls] = read
    return read


def _named(kind: type | tuple[type, ...]) -> str:
    """``str``, or ``int or float``: a type as a message names it."""
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(k.__name__ for k in kinds if k is not type(None))


def _fallback(field: dataclasses.Field[Any]) -> Any:
    """What a missing field becomes: its default, a fresh empty dict or list, or nothing (a
    stored record keeps every id and moment it was given, so those are required)."""
    if field.default is not dataclasses.MISSING:
        default = field.default
        return lambda: default
    if field.default_factory in (dict, list):
        return field.default_factory
    return _REQUIRED


def _converter(name: str, hint: Any) -> tuple[Any, Convert | None]:
    """The type a stored value must have (None: any) and how it becomes the field's value
    (None: as stored)."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is str or hint is int or hint is bool:
        return hint, None
    if hint is float:
        return (int, float), float
    if hint is dt.datetime:
        return str, dt.datetime.fromisoformat
    if isinstance(hint, type) and issubclass(hint, Record):
        return None, _READERS.get(hint) or _reader(hint)
    if origin is list:
        kind, convert = _converter(name, args[0])
        if convert is None:
            return list, list if kind is None else _all_of(name, kind, list)
        return list, lambda values: [convert(_of(name, kind, value)) for value in values]
    if origin is dict:
        kind, convert = _converter(name, args[1])
        if convert is None:
            return dict, dict if kind is None else _all_of(name, kind, dict)
        return dict, lambda values: {k: convert(_of(k, kind, v)) for k, v in values.items()}
    if origin in (typing.Union, types.UnionType) and type(None) in args and len(args) == 2:
        kind, convert = _converter(name, next(arg for arg in args if arg is not type(None)))
        if convert is None:  # an optional plain value: None or the value's type
            return (None if kind is None else (kind, type(None))), None
        # A falsy value is absent, as the hand-written readers had it (``seal: {}``).
        return None, lambda value: convert(_of(name, kind, value)) if value else None
    if origin is Literal or origin in (typing.Union, types.UnionType) or hint is Any:
        return None, None
    raise TypeError(f"no reader for {name}: {hint!r}")


def _of(name: str, kind: Any, value: Any) -> Any:
    """``value``, if it is of ``kind`` (None: any); ``TypeError`` naming ``name`` if not."""
    if kind is not None and not isinstance(value, kind):
        raise TypeError(f"{name} is not {_named(kind)}")
    return value


def _all_of(name: str, kind: Any, copy: Convert) -> Convert:
    """A copy of a list or dict whose every value must be of ``kind``."""

    def checked(values: Any) -> Any:
        for value in values.values() if isinstance(values, dict) else values:
            if not isinstance(value, kind):
                raise TypeError(f"{name} is not {_named(kind)}")
        return copy(values)

    return checked

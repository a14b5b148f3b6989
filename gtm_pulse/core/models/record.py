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
import functools
import sys
import types
import typing
from collections.abc import Callable, Mapping
from typing import Annotated, Any, ClassVar, Literal, Self

from gtm_pulse.core.periods import Period, parse_period
from gtm_pulse.errors import PeriodError

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
    """A record (or anything holding records) as plain JSON values: what the database stores.

    A period is stored as its text, a plain ``str`` (orjson refuses a subclass as a key)."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_json(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, Period):
        return str(record)
    if isinstance(record, dt.datetime):
        return record.isoformat()
    if isinstance(record, Mapping):
        return {_key(key): to_json(value) for key, value in record.items()}
    if isinstance(record, list | tuple):
        return [to_json(value) for value in record]
    return record


def _key(key: Any) -> Any:
    return str(key) if isinstance(key, Period) else key


def _stored_period(text: str) -> Period:
    """A stored period's text, parsed: the one place a record's period is read from text."""
    try:
        return parse_period(text)
    except PeriodError as error:  # a hand-edited file: the shape errors readers report
        raise ValueError(str(error)) from None


# -- the generic reader --------------------------------------------------------------------------

_READERS: dict[type, Convert] = {}


#: Reads of a class after which its reader is compiled (see :func:`_reader`).
COMPILE_AFTER = 64

Step = tuple[str, Any, Convert | None, Any]  # field name, stored type, conversion, fallback


def _reader(cls: type) -> Convert:
    """The function that builds a ``cls`` from a stored document, worked out once.

    It starts as a loop over the fields; once the class has been read :data:`COMPILE_AFTER`
    times, a reader written as Python source and compiled (as :mod:`dataclasses` writes
    ``__init__``) replaces it. Measured on 10,000 responses: the loop is ~20% slower than the
    hand-written readers this replaced, the compiled reader ~8-10%; compiling every record class
    costs ~3 ms, which a command that reads a few surveys and a team need not pay.
    """
    hints = _field_types(cls)
    steps: list[Step] = []
    for field in dataclasses.fields(cls):
        kind, convert = _converter(field.name, hints[field.name])
        steps.append((field.name, kind, convert, _fallback(field)))
    countdown = COMPILE_AFTER

    def read(data: Mapping[str, Any]) -> Any:
        nonlocal countdown
        countdown -= 1
        if countdown == 0:
            _READERS[cls] = _compiled(cls, steps)
        if not isinstance(data, Mapping):
            raise TypeError(f"a {cls.__name__} is not an object")
        values = {}
        for name, kind, convert, fallback in steps:
            if name in data:
                value = data[name]
                if kind is not None and not isinstance(value, kind):
                    raise TypeError(f"{name} is not {_named(kind)}")
                values[name] = value if convert is None else convert(value)
            elif fallback is _REQUIRED:
                raise KeyError(name)
            else:
                values[name] = fallback()
        # Straight into the instance's __dict__: a frozen dataclass's __init__ sets each field
        # through object.__setattr__, and reading a database builds one record per document
        # (measured: a third of parsing its responses).
        record: Any = object.__new__(cls)
        record.__dict__.update(values)
        return record

    _READERS[cls] = read
    return read


def _compiled(cls: type, steps: list[Step]) -> Convert:
    """The reader :func:`_reader`'s loop would be, written out for ``cls`` and compiled."""
    names: dict[str, Any] = {"Mapping": Mapping, "MISSING": _REQUIRED, "new": object.__new__}
    lines = [
        "def read(data):",
        "    if not isinstance(data, Mapping):",
        f"        raise TypeError('a {cls.__name__} is not an object')",
    ]
    values = []
    for index, (name, kind, convert, fallback) in enumerate(steps):
        value = f"v{index}"
        if fallback is _REQUIRED:
            lines.append(f"    {value} = data[{name!r}]")
        else:
            names[f"f{index}"] = fallback
            lines.append(f"    {value} = data.get({name!r}, MISSING)")
            lines.append(f"    if {value} is MISSING:")
            lines.append(f"        {value} = f{index}()")
            lines.append("    else:")
        indent = "    " if fallback is _REQUIRED else "        "
        if kind is not None:
            names[f"k{index}"] = kind
            lines.append(f"{indent}if not isinstance({value}, k{index}):")
            lines.append(f"{indent}    raise TypeError({f'{name} is not {_named(kind)}'!r})")
        if convert is not None:
            names[f"c{index}"] = convert
            lines.append(f"{indent}{value} = c{index}({value})")
        elif kind is None:
            lines.append(f"{indent}pass")
        values.append(f"{name!r}: {value}")
    lines.append("    record = new(cls)")
    lines.append(f"    record.__dict__.update({{{', '.join(values)}}})")
    lines.append("    return record")
    names["cls"] = cls
    exec("\n".join(lines), names)  # the source holds field names only, never stored data
    compiled: Convert = names["read"]
    return compiled


def _field_types(cls: type) -> dict[str, Any]:
    """Each field's type, its string annotation evaluated in the class's module.

    Not ``typing.get_type_hints``, which rebuilds every nested ``Annotated`` and union on the
    way (measured: ~3 ms for the records a compare reads, where this takes a tenth of it).
    """
    types_: dict[str, Any] = {}
    for klass in reversed(cls.__mro__):
        for name, annotation in vars(klass).get("__annotations__", {}).items():
            if isinstance(annotation, str):
                annotation = _evaluated(annotation, klass.__module__)
            types_[name] = annotation
    return types_


@functools.cache
def _evaluated(annotation: str, module: str) -> Any:
    # The source is an annotation written in this package, never stored data.
    return eval(annotation, vars(sys.modules[module]))


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
    if origin is Annotated:  # constraints are for validation; reading ignores them
        return _converter(name, args[0])
    if hint is str or hint is int or hint is bool:
        return hint, None
    if hint is float:
        return (int, float), float
    if hint is dt.datetime:
        return str, dt.datetime.fromisoformat
    if hint is Period:
        return str, _stored_period
    if isinstance(hint, type) and issubclass(hint, Record):
        if hint not in _READERS:
            _reader(hint)
        readers = _READERS
        # Looked up per value, not kept: the nested class's reader may be compiled later.
        return None, lambda value: readers[hint](value)
    if origin is list:
        kind, convert = _converter(name, args[0])
        if convert is None:
            return list, list if kind is None else _all_of(name, kind, list)
        if kind is None:
            return list, lambda values: [convert(value) for value in values]
        return list, lambda values: [convert(_of(name, kind, value)) for value in values]
    if origin is dict and _bare(args[0]) is Period:  # keyed by period: the keys parsed too
        kind, values_of = _converter(name, dict[str, args[1]])  # type: ignore[valid-type]

        def keyed(values: Any) -> Any:
            checked = values if values_of is None else values_of(values)
            return {_stored_period(key): value for key, value in checked.items()}

        return kind, keyed
    if origin is dict:
        kind, convert = _converter(name, args[1])
        if convert is None:
            return dict, dict if kind is None else _all_of(name, kind, dict)
        if kind is None:
            return dict, lambda values: {k: convert(v) for k, v in values.items()}
        return dict, lambda values: {k: convert(_of(k, kind, v)) for k, v in values.items()}
    if origin in (typing.Union, types.UnionType) and type(None) in args and len(args) == 2:
        kind, convert = _converter(name, next(arg for arg in args if arg is not type(None)))
        if convert is None:  # an optional plain value: None or the value's type
            return (None if kind is None else (kind, type(None))), None
        # A falsy value is absent, as the hand-written readers had it (``seal: {}``).
        if kind is None:
            return None, lambda value: convert(value) if value else None
        return None, lambda value: convert(_of(name, kind, value)) if value else None
    if origin is Literal or origin in (typing.Union, types.UnionType) or hint is Any:
        return None, None
    raise TypeError(f"no reader for {name}: {hint!r}")


def _bare(hint: Any) -> Any:
    """``hint`` without its ``Annotated`` constraints."""
    return typing.get_args(hint)[0] if typing.get_origin(hint) is Annotated else hint


def _of(name: str, kind: Any, value: Any) -> Any:
    """``value``, if it is of ``kind`` (None: any); ``TypeError`` naming ``name`` if not."""
    if kind is not None and not isinstance(value, kind):
        raise TypeError(f"{name} is not {_named(kind)}")
    return value


def _all_of(name: str, kind: Any, copy: Convert) -> Convert:
    """A copy of a list or dict whose every value must be of ``kind`` (a dict's problem names
    the key, a list's the field)."""

    def checked(values: Any) -> Any:
        named = values.items() if isinstance(values, dict) else ((name, v) for v in values)
        for where, value in named:
            if not isinstance(value, kind):
                raise TypeError(f"{where} is not {_named(kind)}")
        return copy(values)

    return checked

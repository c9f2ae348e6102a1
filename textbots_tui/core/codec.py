"""JSON encoding of the core's frozen values (events, items, params), for the journal.

Encoding is generic: a dataclass becomes a JSON object tagged with its class name, tuples become lists,
enums their value and datetimes ISO-8601 strings; raw JSON is written as it is. Decoding is driven by the
dataclass field annotations, so a tuple comes back as a tuple and a raw JSON field (annotated ``Any``) comes
back untouched, even when it happens to hold a key named like the tag. Classes that are not dataclasses (the
API errors) plug in a codec of their own.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable, Mapping
from datetime import datetime
from enum import Enum
from typing import Any, Literal, Union

TYPE_KEY = "_type"
"""The key naming the class of an encoded dataclass."""

_registry: dict[str, type[Any]] = {}
_encoders: list[tuple[type[Any], Callable[[Any], dict[str, Any]]]] = []
_decoders: dict[type[Any], Callable[[dict[str, Any]], Any]] = {}


def register(*classes: type[Any]) -> None:
    """Make dataclasses decodable by name (a field typed as a union or a base class needs the tag)."""
    for cls in classes:
        _registry[cls.__name__] = cls


def register_codec(
    cls: type[Any], encode_fn: Callable[[Any], dict[str, Any]], decode_fn: Callable[[dict[str, Any]], Any]
) -> None:
    """Teach the codec a class that is not a dataclass (instances of subclasses use the same pair)."""
    _encoders.append((cls, encode_fn))
    _decoders[cls] = decode_fn


def dumps(value: Any) -> str:
    """Compact JSON text of a value: dataclasses become tagged objects, tuples lists, enums their value,
    datetimes ISO-8601 strings.

    The json module walks the value itself and asks :func:`_json_default` only about what JSON lacks, so
    large raw bodies cost no walk in Python.
    """
    return _ENCODER.encode(value)


def _json_default(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {TYPE_KEY: type(value).__name__}
        for name in _field_names(type(value)):
            out[name] = getattr(value, name)
        return out
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, set | frozenset):
        return list(value)
    for cls, encode_fn in _encoders:
        if isinstance(value, cls):
            return encode_fn(value)
    return str(value)


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_json_default)


def decode(data: Any, hint: Any) -> Any:
    """Rebuild a value of the annotated type ``hint`` from what :func:`dumps` wrote (parsed back)."""
    if data is None or hint is Any or hint is object:
        return data
    origin = typing.get_origin(hint)
    if origin is Union or origin is types.UnionType:
        return _decode_union(data, typing.get_args(hint))
    if origin is Literal:
        return data
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(decode(item, args[0]) for item in data)
        return tuple(decode(item, arg) for item, arg in zip(data, args, strict=False))
    if origin is list:
        (item_hint,) = typing.get_args(hint) or (Any,)
        return [decode(item, item_hint) for item in data]
    if origin is dict or origin is Mapping or (isinstance(origin, type) and issubclass(origin, Mapping)):
        args = typing.get_args(hint)
        value_hint = args[1] if len(args) == 2 else Any
        if value_hint is Any:
            return dict(data)
        return {key: decode(value, value_hint) for key, value in data.items()}
    if isinstance(hint, type):
        return _decode_class(data, hint)
    return data


def decode_tagged(data: dict[str, Any]) -> Any:
    """Rebuild a registered dataclass from its tagged JSON object."""
    cls = _registry.get(str(data.get(TYPE_KEY)))
    if cls is None:
        raise ValueError(f"unknown type {data.get(TYPE_KEY)!r}")
    return _decode_dataclass(data, cls)


def _decode_union(data: Any, args: tuple[Any, ...]) -> Any:
    members = [arg for arg in args if arg is not type(None)]
    if isinstance(data, dict) and TYPE_KEY in data:
        cls = _registry.get(str(data[TYPE_KEY]))
        if cls is not None and any(isinstance(m, type) and issubclass(cls, m) for m in members):
            return _decode_dataclass(data, cls)
    if len(members) == 1:
        return decode(data, members[0])
    for member in members:
        if isinstance(member, type) and isinstance(data, member):
            return data
    return data


def _decode_class(data: Any, cls: type[Any]) -> Any:
    if dataclasses.is_dataclass(cls):
        if isinstance(data, dict) and TYPE_KEY in data:
            tagged = _registry.get(str(data[TYPE_KEY]))
            if tagged is not None and issubclass(tagged, cls):
                cls = tagged
        return _decode_dataclass(data, cls)
    if issubclass(cls, Enum):
        return cls(data)
    if cls is datetime:
        return datetime.fromisoformat(data)
    if cls is float:
        return float(data)
    for base in cls.__mro__:
        decode_fn = _decoders.get(base)
        if decode_fn is not None:
            return decode_fn(data)
    return data


def _decode_dataclass(data: dict[str, Any], cls: type[Any]) -> Any:
    hints = _hints(cls)
    kwargs = {
        f.name: decode(data[f.name], hints[f.name])
        for f in dataclasses.fields(cls)
        if f.init and f.name in data
    }
    return cls(**kwargs)


_hint_cache: dict[type[Any], dict[str, Any]] = {}
_field_cache: dict[type[Any], tuple[str, ...]] = {}


def _field_names(cls: type[Any]) -> tuple[str, ...]:
    names = _field_cache.get(cls)
    if names is None:
        names = _field_cache[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


def _hints(cls: type[Any]) -> dict[str, Any]:
    hints = _hint_cache.get(cls)
    if hints is None:
        hints = _hint_cache[cls] = typing.get_type_hints(cls)
    return hints

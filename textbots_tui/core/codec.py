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
import secrets
import threading
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
_exact_encoders: dict[type[Any], Callable[[Any], Any]] = {}
_decoders: dict[type[Any], Callable[[dict[str, Any]], Any]] = {}
# How each class met so far is encoded: the checks below run once per class, not once per value.
_by_type: dict[type[Any], Callable[[Any], Any]] = {}


class RawJSON:
    """JSON text that :func:`dumps` writes as it is, where a value would go.

    The caller vouches that ``text`` is one valid JSON value on one line; it saves a parse and a dump of a
    body already held as JSON text.
    """

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


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
    _by_type.clear()


def register_encoder(cls: type[Any], encode_fn: Callable[[Any], Any]) -> None:
    """Encode instances of exactly ``cls`` with ``encode_fn`` (a dataclass too; decoding stays generic)."""
    _exact_encoders[cls] = encode_fn
    _by_type.clear()


def dumps(value: Any) -> str:
    """Compact JSON text of a value: dataclasses become tagged objects, tuples lists, enums their value,
    datetimes ISO-8601 strings, :class:`RawJSON` its text.

    The json module walks the value itself and asks :func:`_json_default` only about what JSON lacks, so
    large raw bodies cost no walk in Python.
    """
    return _encode(_ENCODER, value)


def _encode(encoder: json.JSONEncoder, value: Any) -> str:
    fragments: list[str] = []
    _state.fragments = fragments
    try:
        text = encoder.encode(value)
    finally:
        _state.fragments = None
    # Each RawJSON went out as a placeholder string naming its fragment: put the text in its place.
    for index, fragment in enumerate(fragments):
        text = text.replace(f'"{_QUOTED_MARK}{index}"', fragment, 1)
    return text


def encode_other(value: Any) -> Any:
    """What :func:`dumps` writes for a value JSON lacks: a tagged dict, a list, an enum's value, a string."""
    return _json_default(value)


def _json_default(value: Any) -> Any:
    cls = type(value)
    encode_fn = _by_type.get(cls)
    if encode_fn is None:
        encode_fn = _by_type[cls] = _encoder_for(cls)
    return encode_fn(value)


def _encoder_for(cls: type[Any]) -> Callable[[Any], Any]:
    exact = _exact_encoders.get(cls)
    if exact is not None:
        return exact
    if cls is RawJSON:
        return _placeholder
    if dataclasses.is_dataclass(cls):
        return _dataclass_encoder(cls)
    if issubclass(cls, Enum):
        return _enum_value
    if issubclass(cls, datetime):
        return datetime.isoformat
    if issubclass(cls, Mapping):
        return dict
    if issubclass(cls, set | frozenset):
        return list
    for base, encode_fn in _encoders:
        if issubclass(cls, base):
            return encode_fn
    return str


def _dataclass_encoder(cls: type[Any]) -> Callable[[Any], dict[str, Any]]:
    return dataclass_encoder(cls)


def dataclass_encoder(cls: type[Any], leave_out: tuple[str, ...] = ()) -> Callable[[Any], dict[str, Any]]:
    """The function that turns an instance of dataclass ``cls`` into the tagged dict :func:`dumps` writes
    (fields in ``leave_out`` left for the caller to add)."""
    names = tuple(name for name in _field_names(cls) if name not in leave_out)
    # Timestamps are written here rather than handed back to the json module, which would call back into
    # Python for each one: every event has one.
    stamps = set(_datetime_fields(cls, names))
    # One dict display per class, made once: three times as fast as filling a dict field by field, and the
    # journal calls it for every event, item and choice it writes.
    values = [
        f"{name!r}: (x.isoformat() if (x := value.{name}).__class__ is datetime else x)"
        if name in stamps
        else f"{name!r}: value.{name}"
        for name in names
    ]
    source = f"def encode(value):\n    return {{{TYPE_KEY!r}: {cls.__name__!r}, {', '.join(values)}}}\n"
    namespace: dict[str, Any] = {"datetime": datetime}
    exec(compile(source, f"<journal encoder of {cls.__qualname__}>", "exec"), namespace)
    encode: Callable[[Any], dict[str, Any]] = namespace["encode"]
    return encode


def _datetime_fields(cls: type[Any], names: tuple[str, ...]) -> tuple[str, ...]:
    try:
        hints = _hints(cls)
    except (NameError, TypeError):  # an annotation this module cannot resolve: leave it to the default
        return ()
    return tuple(name for name in names if hints.get(name) in (datetime, datetime | None))


def _enum_value(value: Enum) -> Any:
    return value.value


def _placeholder(value: RawJSON) -> Any:
    fragments = _state.fragments
    if fragments is None:  # outside dumps(): no way to splice text in, so let json read it
        return json.loads(value.text)
    fragments.append(value.text)
    return f"{_MARK}{len(fragments) - 1}"


def collect_fragments(fragments: list[str] | None) -> None:
    """Collect in ``fragments`` (until called with ``None``) the text of each :class:`RawJSON` that
    :func:`placeholder` stands in for, so that an encoder other than :func:`dumps` can splice them in."""
    _state.fragments = fragments


def placeholder(value: RawJSON) -> Any:
    """The string standing in for ``value`` in encoded JSON (its quoted form: :data:`FRAGMENT_MARK` and the
    fragment's index) while fragments are collected; without collecting, its parsed value."""
    return _placeholder(value)


def has_own_encoder(cls: type[Any]) -> bool:
    """Whether instances of exactly ``cls`` have an encoder of their own (:func:`register_encoder`)."""
    return cls in _exact_encoders


def field_hints(cls: type[Any]) -> dict[str, Any]:
    """The resolved annotations of dataclass ``cls`` (cached)."""
    return _hints(cls)


class _State(threading.local):
    fragments: list[str] | None = None


_state = _State()
# A NUL, then a token no data can know: a string in the data cannot pass for a placeholder.
_MARK = "\x00" + secrets.token_hex(8) + "#"
_QUOTED_MARK = json.dumps(_MARK)[1:-1]
FRAGMENT_MARK = _QUOTED_MARK
"""How a :func:`placeholder` starts in encoded JSON, inside its quotes (the fragment's index follows)."""
# Journalled values are trees (frozen dataclasses, parsed JSON): the check for cycles would be pure cost.
_ENCODER = json.JSONEncoder(
    ensure_ascii=False, separators=(",", ":"), default=_json_default, check_circular=False
)


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

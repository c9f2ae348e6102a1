"""Journal lines encoded by pydantic-core: the JSON :func:`codec.dumps` writes, in a fraction of the time.

The json module calls back into Python for every dataclass, enum and timestamp it meets, and builds its
output from many small strings; pydantic-core's encoder writes dicts, lists, strings and numbers in one call
and returns UTF-8 bytes. So a value is first made *plain* in Python (each dataclass by a dict display
generated once per class, which descends only into the fields that can hold something not plain), then
encoded in one call, with :class:`~textbots_tui.core.codec.RawJSON` fragments spliced in as
:func:`codec.dumps` does. A line pydantic-core cannot write (a lone surrogate from a JSON escape) is written
by the json module instead.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from datetime import datetime
from enum import Enum
from typing import Any, Literal, Union

from textbots_tui.core import codec

_SAME_CLASSES = frozenset({str, int, float, bool, type(None), codec.RawJSON})
"""Classes a value of which is plain as it is (a RawJSON fragment is spliced in after encoding)."""
_MARK_BYTES = codec.FRAGMENT_MARK.encode()


def _same(value: Any) -> Any:
    return value


class LineEncoder:
    """Encodes values as :func:`codec.dumps` does (tagged dataclasses, raw JSON fragments), as UTF-8 bytes.

    Made when a journal first writes (pydantic-core is imported then, not when the history is scanned).
    """

    def __init__(self) -> None:
        """An encoder with no overrides: every class encoded as :func:`codec.dumps` encodes it."""
        from pydantic_core import PydanticSerializationError, to_json

        self._to_json = to_json
        self._unwritable = PydanticSerializationError
        self._by_type: dict[type[Any], Callable[[Any], Any]] = {}

    def override(self, cls: type[Any], encode_fn: Callable[[Any], Any]) -> None:
        """Encode instances of exactly ``cls`` with ``encode_fn``, which must return a plain value: JSON
        data and RawJSON fragments (as :meth:`dataclass_encoder`'s functions do)."""
        self._by_type[cls] = encode_fn

    def encode(self, value: Any) -> bytes:
        """``value`` as compact UTF-8 JSON."""
        return self.encode_plain(self.plain(value))

    def encode_plain(self, plain: Any) -> bytes:
        """A value made plain already (by :meth:`plain`, or JSON data) as compact UTF-8 JSON."""
        fragments: list[str] = []
        codec.collect_fragments(fragments)
        try:
            data = self._to_json(plain, fallback=self._fallback)
        except self._unwritable:
            # Lone surrogates can only sit in JSON strings, where backslashreplace writes the same escape.
            return codec.dumps(plain).encode("utf-8", "backslashreplace")
        finally:
            codec.collect_fragments(None)
        for index, fragment in enumerate(fragments):
            data = data.replace(b'"%s%d"' % (_MARK_BYTES, index), fragment.encode("utf-8"), 1)
        return data

    def plain(self, value: Any) -> Any:
        """``value`` as JSON data (dicts, lists, strings, numbers), dataclasses tagged with their class."""
        encode_fn = self._by_type.get(value.__class__)
        if encode_fn is None:
            encode_fn = self._by_type[value.__class__] = self._encoder_for(value.__class__)
        return encode_fn(value)

    def dataclass_encoder(
        self, cls: type[Any], leave_out: tuple[str, ...] = ()
    ) -> Callable[[Any], dict[str, Any]]:
        """The function that makes an instance of dataclass ``cls`` a plain tagged dict (the fields in
        ``leave_out`` left out): a dict display generated once, descending only into fields that need it."""
        hints = _hints(cls)
        values = []
        for name in (f.name for f in dataclasses.fields(cls) if f.name not in leave_out):
            match _field_kind(hints.get(name, Any) if hints is not None else object):
                case "same":
                    values.append(f"{name!r}: value.{name}")
                case "stamp":
                    values.append(
                        f"{name!r}: (x.isoformat() if (x := value.{name}).__class__ is datetime else x)"
                    )
                case _:
                    values.append(f"{name!r}: plain(value.{name})")
        tag = f"{codec.TYPE_KEY!r}: {cls.__name__!r}"
        source = f"def encode(value):\n    return {{{', '.join([tag, *values])}}}\n"
        namespace: dict[str, Any] = {"datetime": datetime, "plain": self.plain}
        exec(compile(source, f"<journal line encoder of {cls.__qualname__}>", "exec"), namespace)
        encode: Callable[[Any], dict[str, Any]] = namespace["encode"]
        return encode

    def _encoder_for(self, cls: type[Any]) -> Callable[[Any], Any]:
        if cls in _SAME_CLASSES:
            return _same
        if cls is list or cls is tuple:
            plain = self.plain
            return lambda value: [plain(item) for item in value]
        if cls is dict:
            plain = self.plain
            return lambda value: {key: plain(item) for key, item in value.items()}
        if dataclasses.is_dataclass(cls) and not codec.has_own_encoder(cls):
            return self.dataclass_encoder(cls)
        # Enums, timestamps, mappings, sets, the API errors: as codec.dumps encodes them, made plain.
        return self._generic

    def _generic(self, value: Any) -> Any:
        return self.plain(codec.encode_other(value))

    def _fallback(self, value: Any) -> Any:
        """What pydantic-core does not know itself: a RawJSON fragment's placeholder, or the generic way."""
        if value.__class__ is codec.RawJSON:
            return codec.placeholder(value)
        return self._generic(value)


def _hints(cls: type[Any]) -> dict[str, Any] | None:
    try:
        return codec.field_hints(cls)
    except (NameError, TypeError):  # an annotation that cannot be resolved: descend into every field
        return None


def _field_kind(hint: Any) -> Literal["same", "stamp", "deep"]:
    """How a field of this annotation is made plain: as it is, a timestamp, or by descending into it."""
    if hint is Any or hint in _SAME_CLASSES:
        return "same"
    if hint is datetime:
        return "stamp"
    if isinstance(hint, type):
        return "same" if issubclass(hint, Enum) and issubclass(hint, str | int) else "deep"
    origin = typing.get_origin(hint)
    if origin is Literal:
        return "same"
    args = [arg for arg in typing.get_args(hint) if arg is not Ellipsis]
    kinds = {_field_kind(arg) for arg in args}
    if origin is Union or origin is types.UnionType:
        if kinds == {"same"}:
            return "same"
        return "stamp" if kinds == {"same", "stamp"} and type(None) in args else "deep"
    if origin in (dict, tuple, list) and kinds <= {"same"}:
        return "same"
    return "deep"

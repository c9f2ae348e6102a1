"""How the journal encodes what is not a plain dataclass (API errors, exchanges), how a step line leaves
out what a reader derives again (format 3), and the registration of every class a journal holds with the
codec.

Registration happens on first use (a :class:`~textbots_tui.core.journal.Journal`, a read of the journal)
rather than on import, so importing this module changes nothing elsewhere; call :func:`register_codecs`
before encoding or decoding such values another way (exports do).
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from typing import Any

from textbots_tui.api import errors as api_errors
from textbots_tui.api.errors import TextbotsError
from textbots_tui.api.exchange import Exchange
from textbots_tui.core import codec, events, items, params
from textbots_tui.core import errors as core_errors
from textbots_tui.core.events import BotOutput, Event, WaitingForInput
from textbots_tui.core.line_encoder import LineEncoder
from textbots_tui.core.sessions import Turn

_ERROR_FIELDS = ("title", "hint", "status", "code", "correlation_id", "body", "may_have_been_processed")


def _encode_error(error: TextbotsError) -> dict[str, Any]:
    data: dict[str, Any] = {codec.TYPE_KEY: "TextbotsError", "class": type(error).__name__}
    data["message"] = error.message
    data.update({name: getattr(error, name, None) for name in _ERROR_FIELDS})
    data["exchange"] = error.exchange
    for extra in ("retry_after_s", "turns"):
        if hasattr(error, extra):
            data[extra] = getattr(error, extra)
    return data


def _decode_error(data: dict[str, Any]) -> TextbotsError:
    """Rebuild the error as its own class (a class this version lacks becomes a plain ``TextbotsError``)."""
    cls = _error_classes().get(str(data.get("class")), TextbotsError)
    # Subclasses take different constructor arguments; the base initialiser sets every common field.
    error = cls.__new__(cls)
    kwargs = {name: data.get(name) for name in _ERROR_FIELDS}
    exchange = codec.decode(data.get("exchange"), Exchange | None)
    TextbotsError.__init__(error, str(data.get("message", "")), exchange=exchange, **kwargs)
    for extra in ("retry_after_s", "turns"):
        if extra in data:
            setattr(error, extra, data[extra])
    return error


def _error_classes() -> dict[str, type[TextbotsError]]:
    found: dict[str, type[TextbotsError]] = {}
    for module in (api_errors, core_errors):
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, TextbotsError):
                found[value.__name__] = value
    return found


_EXCHANGE_BODIES = ("request_body", "response_body")
_encode_exchange_fields = codec.dataclass_encoder(Exchange, leave_out=_EXCHANGE_BODIES)


def _encode_exchange(exchange: Exchange) -> dict[str, Any]:
    """An exchange as the generic dataclass encoding writes it, but with the textbots API's JSON bodies
    copied as they came when that says exactly what the redacted body says (no parse, no dump)."""
    out = _encode_exchange_fields(exchange)
    text = exchange.body_json_text("request")
    out["request_body"] = exchange.request_body if text is None else codec.RawJSON(text)
    text = exchange.body_json_text("response")
    out["response_body"] = exchange.response_body if text is None else codec.RawJSON(text)
    return out


@functools.cache
def register_codecs() -> None:
    """Teach the codec every class a journal holds (events, items, params, turns, exchanges, errors).

    Done on first use (a :class:`Journal`, :func:`read_session_file`) rather than on import, so importing
    this module changes nothing elsewhere; call it before encoding or decoding such values another way.
    """
    for module in (events, items, params):
        codec.register(
            *(
                value
                for value in vars(module).values()
                if isinstance(value, type)
                and dataclasses.is_dataclass(value)
                and value.__module__ == module.__name__
            )
        )
    codec.register(Turn, Exchange)
    codec.register_encoder(Exchange, _encode_exchange)
    codec.register_codec(TextbotsError, _encode_error, _decode_error)


@dataclass(frozen=True, slots=True)
class FromResponse:
    """An event of a bot flow's turn that a journal line holds without what its reader derives again.

    A flow's :class:`BotOutput` is written without its items: they are the prompts of the turn response
    recorded just before it (the ``ExchangeRecorded`` whose response ``id`` is its ``turn_id``), parsed
    again when the file is read. A flow's :class:`WaitingForInput` is written without its choices: they are
    the choices offered since the user's last input, which the reader gathers from the events before it by
    the session's own rule. Only the flow driver, which made the event from that response, wraps one.
    """

    event: BotOutput | WaitingForInput


_LEFT_OUT_WHEN_DERIVED = {BotOutput: "items", WaitingForInput: "choices"}


@functools.cache
def step_encoder() -> LineEncoder:
    """How a step line's values are encoded (format 3): as :func:`codec.dumps` writes them, but events
    leave out their ``session_id`` (the file's header names the session once), and a :class:`FromResponse`
    event leaves out what its reader derives again. Made on first use: it imports pydantic-core."""
    register_codecs()
    encoder = LineEncoder()
    for cls in vars(events).values():
        if isinstance(cls, type) and issubclass(cls, Event) and cls.__module__ == events.__name__:
            encoder.override(cls, encoder.dataclass_encoder(cls, leave_out=("session_id",)))
    derived = {
        cls: encoder.dataclass_encoder(cls, leave_out=("session_id", field))
        for cls, field in _LEFT_OUT_WHEN_DERIVED.items()
    }
    encoder.override(FromResponse, lambda wrapped: derived[type(wrapped.event)](wrapped.event))
    # Its fields are plain already (headers as dicts, the time as text), its bodies raw JSON or JSON data.
    encoder.override(Exchange, _encode_exchange)
    return encoder

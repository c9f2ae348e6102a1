"""The error details dialog: everything known about a failure, built on :class:`DetailsModal`."""

from __future__ import annotations

from collections.abc import Callable

from textbots_tui.ui.screens.details_modal import DetailsModal
from textbots_tui.ui.widgets.json_view import pretty_json


class ErrorModal(DetailsModal):
    """Everything known about a failure: status, code, message, correlation id, hint and the response body."""

    def __init__(self, error: BaseException, *, resend: Callable[[], None] | None = None) -> None:
        """``resend``: the failed input may have been processed; offer "Send again…" (it asks first)."""
        title, fields, body, hint = error_details(error)
        action = ("Send again…", resend) if resend is not None else None
        super().__init__(title, fields, body=body, hint=hint, error=True, action=action)
        self.error = error


def error_details(error: BaseException) -> tuple[str, list[tuple[str, str]], str | None, str | None]:
    """Title, fields, body and hint of the error details dialog for any exception; API errors carry the most.

    (A dialog's one-line account of an error is :func:`textbots_tui.ui.forms.modal.error_line`.)"""
    from textbots_tui.api.errors import TextbotsError

    if not isinstance(error, TextbotsError):
        return (
            "Unexpected error",
            [("type", type(error).__name__), ("message", str(error) or "(none)")],
            None,
            "This is a bug in textbots-tui: the app keeps running, but please report what you did.",
        )
    fields = [
        ("status", str(error.status) if error.status is not None else "(no response)"),
        ("code", error.code or "(none)"),
        ("message", error.message or "(none)"),
        ("correlation id", error.correlation_id or "(none)"),
    ]
    exchange = error.exchange
    if exchange is not None:
        fields.insert(0, ("request", f"{exchange.method} {exchange.path}"))
    return error.title, fields, pretty_json(error.body) or None, error.hint

"""The inspector: the HTTP exchanges of the selected session, and the one picked in full.

Exchanges arrive already redacted from the API layer, so everything here can be shown and copied as is.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Button, DataTable, Static, TabbedContent, TabPane, TextArea

from textbots_tui.core.names import NO_NAMES, FlowNames
from textbots_tui.ui.widgets.json_view import JsonView, pretty_json

if TYPE_CHECKING:
    from textbots_tui.api.exchange import Exchange

API_PREFIXES = ("/api/v2/textbots/botflows/", "/api/v2/textbots/")
"""Left out of the path column, longest first: a bot flow's turns read "sessions/{id}/turns"."""
_ID_SEGMENT = re.compile(r"/[0-9a-fA-F-]{16,}(?=/|$)")
_COLUMNS = ("#", "method", "path", "status", "ms", "correlation id")


def short_path(path: str) -> str:
    """The path without the common prefix and with ids folded, so it fits a narrow column."""
    for prefix in API_PREFIXES:
        if path.startswith(prefix):
            path = path[len(prefix) :]
            break
    return _ID_SEGMENT.sub("/{id}", path)


def format_ms(milliseconds: Any) -> str:
    """A duration for people: whole seconds from a second up, else milliseconds."""
    if isinstance(milliseconds, int | float) and milliseconds >= 1000:
        return f"{milliseconds / 1000:g} s"
    return f"{milliseconds} ms"


def turn_summary(exchange: Exchange, names: FlowNames = NO_NAMES) -> str:
    """The turn's next action and wait constraints at a glance, read from the response body; an exit's or
    disconnect's outcomes and milestones by ``names`` (by id where a name is unknown)."""
    if exchange.status is None:
        return _with_retry(f"no response: {exchange.error or 'unknown error'}", exchange)
    body = exchange.response_body
    if not isinstance(body, dict):
        return _with_retry(f"HTTP {exchange.status}", exchange)
    if exchange.status >= 400:
        text = f"HTTP {exchange.status} {body.get('code') or ''}: {body.get('message') or ''}".strip()
        return _with_retry(text, exchange)
    parts: list[str] = []
    next_action = body.get("nextActionType")
    if next_action:
        parts.append(f"next action {next_action}")
        parts.extend(_action_details(body, str(next_action), names))
    elif "botState" in body:
        parts.append(f"bot state {body.get('botState')}")
        if body.get("intent"):
            intent = body["intent"]
            parts.append(f"intent {intent.get('name') if isinstance(intent, dict) else intent}")
    elif "id" in body:
        parts.append(f"session {body['id']}")
    else:
        parts.append(f"HTTP {exchange.status}")
    return _with_retry(" · ".join(parts), exchange)


def _with_retry(summary: str, exchange: Exchange) -> str:
    """``summary`` and, for an attempt that is retried, when the retry goes (rounded for people)."""
    if exchange.retry_after_s is None:
        return summary
    from textbots_tui.core.sessions import seconds_for_people

    return f"{summary} · retrying in {seconds_for_people(exchange.retry_after_s)}"


def _action_details(body: dict[str, Any], next_action: str, names: FlowNames) -> list[str]:
    if next_action == "WaitForInput":
        constraints = ((body.get("nextActionWaitForInput") or {}).get("modeConstraints") or {}).get(
            "text"
        ) or {}
        details = []
        languages = constraints.get("languagePreferences")
        if languages:
            details.append("languages " + ", ".join(map(str, languages)))
        timeout = constraints.get("noInputTimeoutMilliseconds")
        if timeout is not None:
            details.append(f"no input after {format_ms(timeout)}")
        return details
    action = body.get(f"nextAction{next_action}")
    if not isinstance(action, dict):
        return []
    details = [f"reason {action['reason']}"] if action.get("reason") else []
    outcomes = action.get("flowOutcomes")
    if isinstance(outcomes, list):
        details += [_outcome_summary(o, names) for o in outcomes if isinstance(o, dict)]
    return details


def _outcome_summary(outcome: dict[str, Any], names: FlowNames) -> str:
    """``outcome Order tracked SUCCESS (Order found, ...)``, from a ``TextBotFlowOutcome`` as sent."""
    outcome_id = outcome.get("outcomeId")
    text = f"outcome {names.outcome(outcome_id if isinstance(outcome_id, str) else None)}"
    if outcome.get("outcomeValue"):
        text += f" {outcome['outcomeValue']}"
    milestones = [
        names.milestone(str(m["id"]))
        for m in outcome.get("milestones") or []
        if isinstance(m, dict) and m.get("id")
    ]
    return f"{text} ({', '.join(milestones)})" if milestones else text


class Inspector(Vertical):
    """A table of exchanges, newest last; the highlighted one's request and response below it."""

    DEFAULT_CSS = """
    Inspector {
        #inspector-title { padding: 0 1; text-style: bold; color: $text-muted; }
        #exchange-table { height: 1fr; min-height: 5; }
        #exchange-summary { padding: 0 1; height: auto; color: $accent; }
        TabbedContent { height: 2fr; }
        TextArea { height: 1fr; }
        #inspector-buttons { height: auto; align-horizontal: right; }
        #inspector-buttons Button { margin-left: 1; min-width: 10; }
    }
    """

    BINDINGS = [
        Binding("c", "copy_json", "Copy JSON", id="inspector-copy-json", tooltip="Copy the exchange as JSON"),
        Binding("u", "copy_curl", "Copy curl", id="inspector-copy-curl", tooltip="Copy the request as curl"),
    ]

    names: reactive[FlowNames] = reactive(NO_NAMES, always_update=True)
    """Outcome and milestone names for the summary of an exit or a disconnect (ids where unknown)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.exchanges: list[Exchange] = []

    def compose(self) -> ComposeResult:
        """Title, table, summary, request/response tabs and the copy buttons."""
        yield Static("Exchanges", id="inspector-title")
        table: DataTable[str] = DataTable(id="exchange-table", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static(id="exchange-summary", markup=False)
        with TabbedContent(id="exchange-tabs"):
            with TabPane("Response", id="tab-response"):
                yield JsonView(id="response-body")
            with TabPane("Request", id="tab-request"):
                yield JsonView(id="request-body")
        with Horizontal(id="inspector-buttons"):
            yield Button("Copy JSON", id="copy-json", compact=True)
            yield Button("Copy curl", id="copy-curl", compact=True)

    def on_mount(self) -> None:
        """Set up the columns."""
        self.query_one(DataTable).add_columns(*_COLUMNS)

    @property
    def selected(self) -> Exchange | None:
        """The exchange under the cursor."""
        table = self.query_one(DataTable)
        if not self.exchanges or table.cursor_row < 0:
            return None
        return self.exchanges[min(table.cursor_row, len(self.exchanges) - 1)]

    def show_exchanges(self, exchanges: list[Exchange]) -> None:
        """Replace the list (another session was selected) and show the newest."""
        self.exchanges = []
        self.query_one(DataTable).clear()
        for exchange in exchanges:
            self._append_row(exchange)
        self._follow()

    def add_exchange(self, exchange: Exchange) -> None:
        """Append one exchange; the cursor follows when it was on the newest."""
        table = self.query_one(DataTable)
        following = not self.exchanges or table.cursor_row >= len(self.exchanges) - 1
        self._append_row(exchange)
        if following:
            self._follow()

    def _append_row(self, exchange: Exchange) -> None:
        self.exchanges.append(exchange)
        status = str(exchange.status) if exchange.status is not None else "—"
        style = "$error" if exchange.status is None or exchange.status >= 400 else "$success"
        self.query_one(DataTable).add_row(
            str(len(self.exchanges)),
            exchange.method,
            short_path(exchange.path),
            Content.styled(status, style),
            f"{exchange.duration_ms:.0f}" if exchange.duration_ms >= 1 else "<1",
            exchange.correlation_id or "",
        )

    def _follow(self) -> None:
        table = self.query_one(DataTable)
        if self.exchanges:
            table.move_cursor(row=len(self.exchanges) - 1)
        self._show_selected()

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._show_selected()

    def _watch_names(self) -> None:
        if self.is_mounted:
            self._show_selected()

    def _show_selected(self) -> None:
        exchange = self.selected
        summary = self.query_one("#exchange-summary", Static)
        request = self.query_one("#request-body", TextArea)
        response = self.query_one("#response-body", TextArea)
        if exchange is None:
            summary.update("No exchange yet")
            request.load_text("")
            response.load_text("")
            return
        summary.update(Content(turn_summary(exchange, self.names)))
        request.load_text(pretty_json(exchange.request_body))
        response.load_text(pretty_json(exchange.response_body) or (exchange.error or ""))

    @on(Button.Pressed, "#copy-json")
    def action_copy_json(self) -> None:
        """Copy the selected exchange as JSON."""
        exchange = self.selected
        if exchange is not None:
            self.app.copy_to_clipboard(
                json.dumps(exchange.to_json(), indent=2, ensure_ascii=False, default=str)
            )
            self.notify("Exchange copied as JSON")

    @on(Button.Pressed, "#copy-curl")
    def action_copy_curl(self) -> None:
        """Copy the selected request as a curl command."""
        exchange = self.selected
        if exchange is not None:
            self.app.copy_to_clipboard(exchange.to_curl())
            self.notify("Request copied as curl")

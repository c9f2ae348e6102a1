"""The inspector: the HTTP exchanges of the selected session, and the one picked in full.

Exchanges arrive already redacted from the API layer, so everything here can be shown and copied as is.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.coordinate import Coordinate
from textual.reactive import reactive
from textual.widgets import Button, DataTable, Static, TabbedContent, TabPane, TextArea
from textual.widgets.data_table import RowKey

from textbots_tui.core import kept
from textbots_tui.core.names import NO_NAMES, FlowNames
from textbots_tui.ui.clipboard import TOKEN_VARIABLE, copy_text, save_text, with_token_note
from textbots_tui.ui.widgets.json_view import JsonView, pretty_json

if TYPE_CHECKING:
    from textbots_tui.api.exchange import Exchange

API_PREFIXES = ("/api/v2/textbots/botflows/", "/api/v2/textbots/")
"""Left out of the path column, longest first: a bot flow's turns read "sessions/{id}/turns"."""
_ID_SEGMENT = re.compile(r"/[0-9a-fA-F-]{16,}(?=/|$)")
_COLUMNS = ("#", "sent", "status", "ms", "path", "correlation id")
_SENT_COLUMN = 1
_QUOTE_ROOM = 24
"""How much of a typed text the "sent" column quotes before an ellipsis (the request tab has it whole)."""


def short_path(path: str) -> str:
    """The path without the common prefix and with ids folded, so it fits a narrow column."""
    for prefix in API_PREFIXES:
        if path.startswith(prefix):
            path = path[len(prefix) :]
            break
    return _ID_SEGMENT.sub("/{id}", path)


def _quoted(text: object) -> str:
    value = " ".join(str(text).split())
    return f'"{value[: _QUOTE_ROOM - 1]}…"' if len(value) > _QUOTE_ROOM else f'"{value}"'


def _dig(body: Any, *keys: str | int) -> Any:
    """``body[k1][k2]...`` or ``None`` where any step is missing (the bodies are whatever was sent)."""
    for key in keys:
        if isinstance(key, int):
            body = body[key] if isinstance(body, list) and len(body) > key else None
        else:
            body = body.get(key) if isinstance(body, dict) else None
    return body


def what_was_sent(exchange: Exchange) -> str:
    """What a request carried, for people: typed text, a picked choice, an event, ``NoOp``, a launch."""
    body = exchange.request_body
    path = exchange.path
    if path.endswith("/turns") and isinstance(body, dict):
        event = str(body.get("inputEventType") or "turn")
        if event == "UserInput":
            text = _dig(body, "inputEventUserInput", "alternatives", 0, "transcript", "text")
            return f"text {_quoted(text)}" if text is not None else "text"
        if event == "RichMediaInput":
            button = _dig(body, "inputEventRichMedia", "inputs", 0, "buttonResponse") or {}
            label = button.get("text") if isinstance(button, dict) else None
            return f"choice {_quoted(label)}" if label is not None else "rich media"
        if event == "Error":
            code = _dig(body, "inputEventError", "code")
            return f"event Error {code}".strip() if code else "event Error"
        return event if event == "NoOp" else f"event {event}"
    if path.endswith("/botflows/sessions") and exchange.method == "POST":
        return "launch"
    if path.endswith("/bots/execute"):
        text = _dig(body, "postTextMessage", "text")
        return f"text {_quoted(text)}" if text is not None else "execute"
    if path.endswith("/oauth/token"):
        return "token"
    return f"{exchange.method} {short_path(path)}"


def is_automatic_noop(exchange: Exchange) -> bool:
    """A ``NoOp`` turn the app sent by itself to let the flow go on (folded in the list)."""
    return exchange.path.endswith("/turns") and _dig(exchange.request_body, "inputEventType") == "NoOp"


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
    from textbots_tui.core.retry_words import seconds_for_people

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
        Binding(
            "u",
            "copy_curl",
            "Copy curl",
            id="inspector-copy-curl",
            tooltip="Copy the request as curl (it reads the token from $GENESYS_TOKEN)",
        ),
        Binding("s", "save_json", "Save…", id="inspector-save", tooltip="Save the exchange as a JSON file"),
    ]

    names: reactive[FlowNames] = reactive(NO_NAMES, always_update=True)
    """Outcome and milestone names for the summary of an exit or a disconnect (ids where unknown)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.exchanges: list[Exchange] = []
        """The exchanges listed, in order: the session's latest ``kept.KEPT_EXCHANGES`` at most."""
        self.rows: list[list[Exchange]] = []
        """The exchanges of each row: one, or a run of automatic ``NoOp`` turns folded together."""
        self.dropped = 0
        """How many older exchanges of the session are no longer listed (the journal has them)."""
        self._rows_dropped = 0
        self._row_keys: list[RowKey] = []

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
            yield Button(
                "Copy curl",
                id="copy-curl",
                compact=True,
                tooltip="The command reads the token from $GENESYS_TOKEN: export an access token first",
            )
            yield Button("Save…", id="save-json", compact=True)

    def on_mount(self) -> None:
        """Set up the columns."""
        self.query_one(DataTable).add_columns(*_COLUMNS)

    @property
    def selected(self) -> Exchange | None:
        """The exchange under the cursor."""
        table = self.query_one(DataTable)
        if not self.rows or table.cursor_row < 0:
            return None
        return self.rows[min(table.cursor_row, len(self.rows) - 1)][-1]

    def show_exchanges(self, exchanges: list[Exchange], *, dropped: int = 0) -> None:
        """Replace the list (another session was selected) and show the newest. ``dropped`` says how many
        older exchanges the session no longer keeps in memory."""
        self.exchanges = []
        self.rows = []
        self._row_keys = []
        self.dropped = dropped
        self._rows_dropped = 0
        self.query_one(DataTable).clear()
        for exchange in exchanges:
            self._append_row(exchange)
        self._show_title()
        self._follow()

    def add_exchange(self, exchange: Exchange) -> None:
        """Append one exchange; the cursor follows when it was on the newest."""
        table = self.query_one(DataTable)
        following = not self.rows or table.cursor_row >= len(self.rows) - 1
        self._append_row(exchange)
        if following:
            self._follow()

    def _append_row(self, exchange: Exchange) -> None:
        self.exchanges.append(exchange)
        table = self.query_one(DataTable)
        last = self.rows[-1] if self.rows else None
        if last is not None and is_automatic_noop(exchange) and all(map(is_automatic_noop, last)):
            # A run of NoOps is one row: how many, and the newest one's status and timing.
            last.append(exchange)
            row = len(self.rows) - 1
            for column, value in enumerate(self._cells(row, last)):
                table.update_cell_at(Coordinate(row, column), value)
            return
        self.rows.append([exchange])
        self._row_keys.append(table.add_row(*self._cells(len(self.rows) - 1, [exchange])))
        if len(self.exchanges) > kept.KEPT_EXCHANGES:
            self._drop_oldest_row()

    def _drop_oldest_row(self) -> None:
        """Keep the list as bounded as the session's own record: the oldest row goes."""
        run = self.rows.pop(0)
        del self.exchanges[: len(run)]
        self.query_one(DataTable).remove_row(self._row_keys.pop(0))
        self.dropped += len(run)
        self._rows_dropped += 1
        self._show_title()

    def _show_title(self) -> None:
        title = "Exchanges"
        if self.dropped:
            title += f" (the latest {len(self.exchanges):,}; {self.dropped:,} older ones are in the journal)"
        self.query_one("#inspector-title", Static).update(Content(title))

    def _cells(self, row: int, run: list[Exchange]) -> tuple[str | Text | Content, ...]:
        exchange = run[-1]
        sent = what_was_sent(exchange) + (f" x{len(run)}" if len(run) > 1 else "")
        if exchange.attempt > 1:
            sent += f" (attempt {exchange.attempt})"
        status = str(exchange.status) if exchange.status is not None else "—"
        style = "$text-error" if exchange.status is None or exchange.status >= 400 else "$text-success"
        return (
            str(self._rows_dropped + row + 1),
            Text(sent),  # a Text: the table measures it, and it is never read as markup
            Content.styled(status, style),
            f"{exchange.duration_ms:.0f}" if exchange.duration_ms >= 1 else "<1",
            Text(f"{exchange.method} {short_path(exchange.path)}"),
            exchange.correlation_id or "",
        )

    def _follow(self) -> None:
        table = self.query_one(DataTable)
        if self.rows:
            table.move_cursor(row=len(self.rows) - 1)
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

    def _selected_json(self) -> str | None:
        exchange = self.selected
        if exchange is None:
            return None
        return json.dumps(exchange.to_json(), indent=2, ensure_ascii=False, default=str)

    @on(Button.Pressed, "#copy-json")
    def action_copy_json(self) -> None:
        """Copy the selected exchange as JSON."""
        text = self._selected_json()
        if text is not None:
            copy_text(self, text, "The exchange (JSON)")

    @on(Button.Pressed, "#copy-curl")
    def action_copy_curl(self) -> None:
        """Copy the selected request as a curl command, with a note on where its token comes from."""
        exchange = self.selected
        if exchange is not None:
            curl = exchange.to_curl()
            copy_text(self, with_token_note(curl), "The request (curl)")
            if f"${TOKEN_VARIABLE}" in curl:
                self.notify(
                    f"It reads the token from ${TOKEN_VARIABLE}: export an access token for this org first",
                    markup=False,
                )

    @on(Button.Pressed, "#save-json")
    def action_save_json(self) -> None:
        """Save the selected exchange as a JSON file (for when the clipboard does not arrive)."""
        text = self._selected_json()
        if text is not None:
            number = self.exchanges.index(exchange) + 1 if (exchange := self.selected) else 0
            save_text(self, text, "Save the exchange as JSON", Path.cwd() / f"exchange-{number}.json")

"""The inspector: the selected session's exchanges, the request and response, copy as JSON and as curl."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from pytest import MonkeyPatch
from textual.coordinate import Coordinate
from textual.widgets import DataTable, TextArea

from textbots_tui.api.exchange import Exchange
from textbots_tui.ui.screens.save_modal import SaveModal
from textbots_tui.ui.widgets.inspector import short_path, turn_summary

from .harness import main_screen, make_app, order_status, settle, type_text


async def test_inspector_shows_the_last_exchange_and_copies_it() -> None:
    async with make_app(start=order_status()).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        assert screen.inspector is None, "built on first use"
        await pilot.press("f3")
        inspector = screen.inspector
        assert inspector is not None and inspector.display
        session = screen.session
        assert session is not None
        table = inspector.query_one(DataTable)
        assert len(session.exchanges) == len(inspector.exchanges)
        assert table.row_count == len(inspector.rows)
        assert inspector.selected is session.exchanges[-1], "the newest exchange is selected"
        summary = str(inspector.query_one("#exchange-summary").render())
        assert "next action WaitForInput" in summary and "no input after 300 s" in summary
        response_view = inspector.query_one("#response-body", TextArea)
        assert response_view.language == "json" and response_view.is_syntax_aware, "JSON is highlighted"
        response = json.loads(response_view.text)
        assert response["nextActionType"] == "WaitForInput"
        inspector.show_exchanges([replace(exchange, duration_ms=0.4) for exchange in session.exchanges])
        assert table.get_cell_at(Coordinate(0, 3)) == "<1", "an in-process answer never reads 0 ms"
        inspector.show_exchanges(list(session.exchanges))

        await pilot.press("1", "enter")
        await settle(pilot)
        assert len(inspector.exchanges) == len(session.exchanges), "new exchanges arrive while it is open"
        assert inspector.selected is session.exchanges[-1]
        request = json.loads(inspector.query_one("#request-body", TextArea).text)
        assert request["inputEventType"] == "UserInput"

        inspector.action_copy_json()
        copied = json.loads(pilot.app.clipboard)
        assert copied == json.loads(json.dumps(session.exchanges[-1].to_json(), default=str))
        inspector.action_copy_curl()
        assert pilot.app.clipboard.startswith("# $GENESYS_TOKEN: an OAuth access token")
        assert "\ncurl -X POST" in pilot.app.clipboard and "Bearer $GENESYS_TOKEN" in pilot.app.clipboard

        table.focus()
        await pilot.press("ctrl+home")
        assert inspector.selected is session.exchanges[0]
        first_request = inspector.query_one("#request-body", TextArea).text
        assert "client_secret" not in first_request or "<redacted>" in first_request
        await pilot.press("f3")
        assert not inspector.display


def _exchange(**overrides: object) -> Exchange:
    values: dict[str, object] = {
        "method": "POST",
        "url": "https://api.example/api/v2/textbots/botflows/sessions/s/turns",
        "path": "/api/v2/textbots/botflows/sessions/5f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f/turns",
        "status": 200,
        "started_at": datetime(2025, 1, 1, tzinfo=UTC),
        "duration_ms": 12.0,
    }
    values.update(overrides)
    return Exchange(**values)  # type: ignore[arg-type]


def test_short_path_folds_ids_and_the_common_prefix() -> None:
    assert short_path("/api/v2/textbots/botflows/sessions/5f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f/turns") == (
        "sessions/{id}/turns"
    )
    assert short_path("/api/v2/textbots/bots/execute") == "bots/execute"
    assert short_path("/oauth/token") == "/oauth/token"


def test_turn_summary_reads_exits_errors_bots_and_transport_failures() -> None:
    exit_body = {"nextActionType": "Exit", "nextActionExit": {"reason": "AgentRequestedByUser"}}
    assert (
        turn_summary(_exchange(response_body=exit_body)) == "next action Exit · reason AgentRequestedByUser"
    )
    error = _exchange(status=409, response_body={"code": "invalid.state", "message": "stale turn"})
    assert turn_summary(error) == "HTTP 409 invalid.state: stale turn"
    bot = _exchange(response_body={"botState": "MoreData", "intent": {"name": "CheckStoreHours"}})
    assert turn_summary(bot) == "bot state MoreData · intent CheckStoreHours"
    assert (
        turn_summary(_exchange(status=None, error="connection refused")) == "no response: connection refused"
    )
    retried = _exchange(status=429, response_body="slow down", retry_after_s=2.0)
    assert turn_summary(retried) == "HTTP 429 · retrying in 2 s"
    jittered = _exchange(
        status=503, response_body={"code": "unavailable", "message": "busy"}, retry_after_s=0.45289
    )
    assert turn_summary(jittered) == "HTTP 503 unavailable: busy · retrying in 0.5 s"
    assert turn_summary(_exchange(status=None, error="reset", retry_after_s=12.4)) == (
        "no response: reset · retrying in 12 s"
    )
    launched = _exchange(response_body={"id": "abc"}, retry_after_s=None)
    assert turn_summary(launched) == "session abc"


def test_turn_summary_names_an_exits_outcomes_and_shows_ids_it_cannot_name() -> None:
    from textbots_tui.core.names import FlowNames

    exit_body = {
        "nextActionType": "Disconnect",
        "nextActionDisconnect": {
            "reason": "SessionExpired",
            "flowOutcomes": [
                {"outcomeId": "o-1", "outcomeValue": "SUCCESS", "milestones": [{"id": "m-1"}, {"id": "m-2"}]},
                {"outcomeId": "o-2"},
            ],
        },
    }
    exchange = _exchange(response_body=exit_body)
    assert turn_summary(exchange) == (
        "next action Disconnect · reason SessionExpired · outcome o-1 SUCCESS (m-1, m-2) · outcome o-2"
    )
    names = FlowNames({"o-1": "Order tracked"}, {"m-2": "Order found"})
    assert turn_summary(exchange, names) == (
        "next action Disconnect · reason SessionExpired · outcome Order tracked SUCCESS (m-1, Order found)"
        " · outcome o-2"
    )


def _sent_column(table: DataTable[str]) -> list[str]:
    return [str(table.get_cell_at(Coordinate(row, 1))) for row in range(table.row_count)]


async def test_each_row_says_what_the_turn_sent_and_automatic_noops_fold() -> None:
    async with make_app(start=order_status()).run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await pilot.press("1", "enter")  # Track an order
        await settle(pilot)
        await type_text(pilot, "12345")
        await pilot.press("enter", "f5")  # the order number, then a NoInput
        await settle(pilot)
        await pilot.press("f3")
        inspector = screen.inspector
        assert inspector is not None
        sent = _sent_column(inspector.query_one(DataTable))
        assert sent[:3] == ["token", "launch", "NoOp x2"], "the flow's start: two NoOps, one row"
        # The quick reply goes as its payload (what the wire carried), the order number as typed.
        assert sent[3:5] == ['text "track_order"', 'text "12345"'], sent
        assert "event NoInput" in sent
        assert len(inspector.exchanges) > len(sent)
        session = screen.session
        assert session is not None
        assert session.info().turn_count == 3, "the sidebar counts the user's turns, not NoOps"


async def test_copies_say_where_they_went_and_save_to_a_file(
    tmp_path: Path, monkeypatch: MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app(start=order_status())
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await pilot.press("f3")
        inspector = screen.inspector
        assert inspector is not None
        inspector.query_one(DataTable).focus()
        await pilot.press("c")
        notes = [note.message for note in pilot.app._notifications]
        assert any("sent to the terminal's clipboard" in note for note in notes)
        assert not any(note.endswith("copied as JSON") for note in notes), "no promise it arrived"
        await pilot.press("u")
        notes = [note.message for note in pilot.app._notifications]
        assert any("$GENESYS_TOKEN" in note and "export an access token" in note for note in notes)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, SaveModal)
        await pilot.press("enter")
        await settle(pilot)
        saved = tmp_path / f"exchange-{len(inspector.exchanges)}.json"
        assert json.loads(saved.read_text(encoding="utf-8"))["method"] == "POST"


async def test_the_inspector_lists_the_latest_exchanges_and_says_older_ones_are_in_the_journal(
    monkeypatch: MonkeyPatch,
) -> None:
    from textbots_tui.core import kept

    monkeypatch.setattr(kept, "KEPT_EXCHANGES", 4)
    async with make_app(start=order_status()).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await pilot.press("f3")
        inspector = screen.inspector
        assert inspector is not None
        title = inspector.query_one("#inspector-title")
        assert str(title.render()) == "Exchanges"
        for answer in ("1", "12345", "yes"):
            await type_text(pilot, answer)
            await pilot.press("enter")
            await settle(pilot)
        session = screen.session
        assert session is not None and session.exchanges_dropped > 0
        table = inspector.query_one(DataTable)
        assert len(inspector.exchanges) <= 4 and table.row_count == len(inspector.rows)
        assert inspector.selected is session.exchanges[-1]
        assert inspector.dropped > 0
        assert f"{inspector.dropped:,} older ones are in the journal" in str(title.render())
        # Rows keep their numbers as older ones go: the first row listed is not number 1.
        assert table.get_cell_at(Coordinate(0, 0)) != "1"
        # Shown again (another session, then this one), the list says the same.
        inspector.show_exchanges(list(session.exchanges), dropped=session.exchanges_dropped)
        assert inspector.exchanges == session.exchanges
        assert f"{session.exchanges_dropped:,} older ones are in the journal" in str(title.render())

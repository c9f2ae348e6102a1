"""The session list: two lines per session at the sidebar's width, history under its own label; names
looked up in the org for sessions started from a bare id."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from textual.app import App, ComposeResult

from textbots_tui.core.params import FlowLaunchParams, SessionInfo, SessionState
from textbots_tui.ui.widgets.session_sidebar import SessionSidebar, session_prompt

from .harness import ORDER_STATUS, FaultSwitch, main_screen, make_app, settle, store_bot

NOW = datetime(2025, 5, 1, 12, 0, tzinfo=UTC)


def _info(name: str, **changes: object) -> SessionInfo:
    info = SessionInfo(
        session_id=name.replace(" ", "-"),
        kind="flow",
        name=name,
        state=SessionState.WAITING,
        turn_count=2,
        created_at=NOW - timedelta(minutes=3),
    )
    return replace(info, **changes)  # type: ignore[arg-type]


def _lines(info: SessionInfo, width: int = 24) -> list[str]:
    return str(session_prompt(info, NOW, width)).split("\n")


def test_an_entry_is_two_lines_cut_to_the_width() -> None:
    assert _lines(_info("Order Status")) == [
        "Order Status        flow",
        "● waiting · 2 turns · 3m",
    ]
    long = _info(
        "Store assistant, not understood",
        kind="bot",
        state=SessionState.CLOSED,
        turn_count=1,
        created_at=NOW - timedelta(minutes=33),
        read_only=True,
    )
    assert _lines(long) == [
        "⟲ Store assistant,…  bot",
        "● closed · 1 turn · 33m",
    ]
    for width in (18, 24, 40):
        assert all(len(line) <= width for line in _lines(long, width))


def test_the_end_reason_shows_only_when_it_fits_whole() -> None:
    exited = _info("Order Status", state=SessionState.EXITED, end_reason="TriggeredByFlow", turn_count=3)
    assert _lines(exited)[1] == "● exited · 3 turns · 3m"
    assert _lines(exited, 40)[1] == "● exited: TriggeredByFlow · 3 turns · 3m"


class SidebarApp(App[None]):
    """The sidebar alone, at the main screen's width."""

    CSS = "SessionSidebar { width: 28; border-right: vkey $foreground 20%; }"

    def compose(self) -> ComposeResult:
        yield SessionSidebar(clock=lambda: NOW, id="sidebar")


async def test_history_comes_after_this_runs_sessions_under_a_label() -> None:
    app = SidebarApp()
    async with app.run_test(size=(120, 40)) as pilot:
        sidebar = app.query_one(SessionSidebar)
        older = _info("Old run", read_only=True, created_at=NOW - timedelta(days=2))
        newer = _info("Yesterday", read_only=True, created_at=NOW - timedelta(days=1))
        live = _info("Order Status")
        for info in (older, live, newer):
            sidebar.upsert(info)
        await pilot.pause()
        assert sidebar.session_ids == [live.session_id, newer.session_id, older.session_id]
        prompts = [str(option.prompt) for option in sidebar.option_list.options]
        assert prompts[1].strip().startswith("History")
        assert sidebar.option_list.get_option_at_index(1).disabled
        assert all(len(line) <= 24 for prompt in prompts for line in prompt.split("\n"))

        sidebar.focus_list()
        await pilot.press("down", "down")  # the label is skipped
        assert sidebar.option_list.highlighted_option is not None
        assert sidebar.option_list.highlighted_option.id == older.session_id


async def test_a_session_started_from_a_bare_id_is_named_after_its_target() -> None:
    start = FlowLaunchParams(flow_id=ORDER_STATUS, language="en-us")
    async with make_app(start=start).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        assert screen.session is not None and screen.session.name == "Order Status"
        assert str(screen.sidebar.prompt(screen.session.session_id)).startswith("Order Status")
        assert "Order Status · flow" in str(screen.query_one("#session-summary").render())

    bare_bot = replace(store_bot(), bot_name=None)
    async with make_app(start=bare_bot).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        session = main_screen(pilot).session
        assert session is not None and session.name == "Store Assistant"


async def test_the_id_stays_the_name_when_the_org_cannot_be_listed() -> None:
    faults = FaultSwitch(listing_status=403)
    start = FlowLaunchParams(flow_id=ORDER_STATUS, language="en-us")
    async with make_app(start=start, faults=faults).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        assert faults.failed >= 1, "the listing was tried"
        assert screen.session is not None and screen.session.name == f"flow {ORDER_STATUS}"
        assert screen.last_error is None and pilot.app.screen is screen, "quietly: no error shown"


async def test_a_failed_listing_names_the_request_and_the_permission_not_session_ids() -> None:
    for status, expected in ((403, "architect:flow:view permission"), (404, "check the region")):
        faults = FaultSwitch(listing_status=status)
        async with make_app(faults=faults).run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+n")
            await settle(pilot)
            message = str(pilot.app.screen.query_one("#flow-picker .field-error").render())
            assert f"GET /api/v2/flows answered {status}" in message, message
            assert expected in message
            assert "session" not in message, "a listing has nothing to do with sessions"


def test_history_never_looks_live() -> None:
    waiting_then = _info("Order Status", state=SessionState.WAITING, read_only=True)
    assert _lines(waiting_then, 40)[1] == "● closed · 2 turns · 3m", "not a green 'waiting'"
    line = session_prompt(waiting_then, NOW, 40)
    assert all("success" not in str(span.style) for span in line.spans), "no live colour for history"

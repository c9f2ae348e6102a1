"""The chat pane's outcome names and presenter mode, driven by hand-built events in a tiny app."""

from __future__ import annotations

from textbots_tui.core.events import (
    FlowLocation,
    Milestone,
    Notice,
    Outcome,
    SessionEnded,
    UserInputSent,
)
from textbots_tui.core.items import Choice, TextItem, UnknownItem
from textbots_tui.core.names import FlowNames
from textbots_tui.ui.widgets.chat_pane import ChatPane

from .test_chat_pane import AT, SID, ChatApp, bot

ORDER = "f1b3d5e7-9a2c-4e6f-8d0b-2c4e6a8f0b13"
FOUND = "b7d9f1a3-5c2e-4a8b-9d0f-1e3a5c7b9d46"
OTHER = "c2e8f4a6-0b3d-4e7f-9a1c-5d7b9e2f4a68"
NAMES = FlowNames({ORDER: "Order tracked"}, {FOUND: "Order found"})


def events() -> list[object]:
    return [
        bot(TextItem("Hi! How can I help?"), latency_ms=42),
        UserInputSent(
            SID, "Track an order", "UserInput", choice=Choice("Track an order", "track_order"), at=AT
        ),
        Notice(SID, "Retrying in 2 s (429)", level="warning", at=AT),
        bot(TextItem("Found it."), UnknownItem("Hologram", {"frames": 3}), intent="Track", latency_ms=9),
        SessionEnded(
            SID,
            "exit",
            "TriggeredByFlow",
            flow_location=FlowLocation("Exit", 7, "Main"),
            output_variables={"Flow.OrderStatus": "Shipped"},
            outcomes=(
                Outcome(
                    ORDER,
                    "SUCCESS",
                    "2026-03-04T09:30:00Z",
                    "2026-03-04T09:31:00Z",
                    (Milestone(FOUND, "2026-03-04T09:31:00Z", 1),),
                ),
                Outcome(OTHER, "FAILURE"),
            ),
            at=AT,
        ),
    ]


async def test_the_exit_banner_shows_names_and_keeps_ids_beside_them() -> None:
    app = ChatApp(events())  # type: ignore[arg-type]
    async with app.run_test(size=(120, 50)) as pilot:
        pane = app.query_one(ChatPane)
        await pilot.pause()
        assert f"✔ {ORDER}  SUCCESS" in pane.export_text()  # ids until the names come
        pane.names = NAMES
        await pilot.pause()
        text = pane.export_text()
    assert f"✔ Order tracked  {ORDER}  SUCCESS" in text
    assert f"◆ milestone Order found  {FOUND}  2026-03-04T09:31:00Z  #1" in text
    assert f"✖ {OTHER}  FAILURE" in text  # a name the org did not give: the id, as before


async def test_presenter_mode_hides_the_technical_parts() -> None:
    app = ChatApp(events())  # type: ignore[arg-type]
    async with app.run_test(size=(120, 50)) as pilot:
        pane = app.query_one(ChatPane)
        pane.names = NAMES
        pane.show_timestamps = True
        await pilot.pause()
        before = pane.export_text()
        pane.present = True
        await pilot.pause()
        text = pane.export_text()
        pane.present = False
        await pilot.pause()
        assert pane.export_text() == before
    for hidden in (
        "payload",
        "track_order",
        "Retrying",
        "42 ms",
        "intent",
        "Hologram",
        "frames",
        ORDER,
        FOUND,
        OTHER,
        "2026-03-04",
        "09:30:15",
        "flow location",
        "TriggeredByFlow",
    ):
        assert hidden not in text, hidden
        assert hidden in before, hidden
    for shown in (
        "The bot finished the conversation.",
        "✔ Order tracked: achieved (reached: Order found)",
        "✖ An outcome: not achieved",
        "Flow.OrderStatus  Shipped",
        "(content not shown)",
        "Found it.",
    ):
        assert shown in text, shown
    assert "\n\n\n" in text and "\n\n\n" not in before  # roomier

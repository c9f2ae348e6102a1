"""An input the server may have processed is never reported as "not sent" (the chat, the exports)."""

from __future__ import annotations

import httpx

from textbots_tui.core.events import ErrorOccurred
from textbots_tui.core.export import render_session
from textbots_tui.core.params import FlowLaunchParams

from .conftest import ORDER_STATUS, Harness, body_of


def is_user_turn(request: httpx.Request) -> bool:
    return request.url.path.endswith("/turns") and body_of(request)["inputEventType"] == "UserInput"


async def test_a_500_reads_may_have_been_processed_and_a_409_not_sent(sim: Harness) -> None:
    sid = await sim.controller.launch_flow(FlowLaunchParams(flow_id=ORDER_STATUS))
    for status, text in ((500, "first try"), (409, "second try")):
        sim.transport.answer = lambda r, s=status: (
            httpx.Response(s, json={"status": s}) if is_user_turn(r) else None
        )
        await sim.controller.send_text(sid, text)
    processed, refused = sim.of(ErrorOccurred)
    assert (processed.input_may_have_been_processed, processed.input_label) == (
        True,
        "may have been processed",
    )
    assert (refused.input_may_have_been_processed, refused.input_label) == (False, "not sent")
    session = sim.controller.session(sid)
    markdown = render_session(session, "markdown").casefold()
    assert "may have been processed: `first try`" in markdown
    assert "not sent: `second try`" in markdown

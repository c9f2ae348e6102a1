"""Exports (Markdown, JSON, script) of live and reloaded sessions, file naming, and no secrets in them."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from textbots_tui.core.events import (
    BotOutput,
    ErrorOccurred,
    FlowLocation,
    Milestone,
    Outcome,
    SessionEnded,
    UserInputSent,
)
from textbots_tui.core.export import export_session, session_to_json, session_to_script, slug
from textbots_tui.core.export_markdown import session_to_markdown
from textbots_tui.core.items import (
    AttachmentItem,
    CardAction,
    CardItem,
    CarouselItem,
    Choice,
    ChoicesItem,
    DatePickerItem,
    ListPickerEntry,
    ListPickerItem,
    ListPickerSection,
    LocationItem,
    TextItem,
    TimeSlot,
    UnknownItem,
)
from textbots_tui.core.journal import Journal
from textbots_tui.core.params import BotParams, FlowLaunchParams
from textbots_tui.core.runner import run_scenario
from textbots_tui.core.script import parse_script
from textbots_tui.core.sessions import Session

from .conftest import APPOINTMENTS, ORDER_STATUS, STORE_BOT, Harness, HarnessFactory

SECRET = "s3cret-client-value"


async def order_session(sim: Harness) -> Session:
    params = FlowLaunchParams(
        flow_id=ORDER_STATUS, input_variables={"Flow.CustomerName": "Alex"}, flow_name="Order Status"
    )
    sid = await sim.controller.launch_flow(params)
    await sim.controller.choose(sid, "Track an order")
    await sim.controller.send_text(sid, "12345")
    await sim.controller.choose(sid, "No")
    return sim.controller.session(sid)


async def bot_session(sim: Harness) -> Session:
    sid = await sim.controller.start_bot(
        BotParams(bot_id=STORE_BOT, integration_id="any", bot_name="Store Assistant", language="en-US")
    )
    await sim.controller.send_text(sid, "opening hours")
    await sim.controller.choose(sid, "Leeds")
    return sim.controller.session(sid)


def assert_no_secret(text: str, sim: Harness) -> None:
    assert sim.transport.tokens
    for secret in (SECRET, *sim.transport.tokens):
        assert secret not in text


async def replays(text: str, sim: Harness) -> None:
    [loaded] = parse_script(text, "saved.yaml")
    result = await run_scenario(loaded, sim.client)
    assert result.failure is None, "\n".join(result.failure.details())


async def test_a_flow_session_in_every_format(make_harness: HarnessFactory) -> None:
    async with make_harness(client_secret=SECRET) as sim:
        session = await order_session(sim)
        markdown = session_to_markdown(session)
        assert markdown.startswith("# Order Status\n")
        assert f"- **Target:** bot flow Order Status `{ORDER_STATUS}`" in markdown
        assert f"- **Remote session id:** `{session.remote_id}`" in markdown
        assert f"- **Started:** {session.created_at:%Y-%m-%d %H:%M:%S} UTC" in markdown
        assert '"Flow.CustomerName": "Alex"' in markdown  # the input variables, in a JSON block
        assert "Hi Alex, welcome to Acme Support." in markdown
        assert "- Track an order → `track_order`" in markdown  # the offered choices with their payloads
        assert re.search(
            r"\*\*You\*\* · \d\d:\d\d:\d\d · chose\n\nTrack an order\n\npayload `track_order`", markdown
        )
        assert re.search(r"\*\*You\*\* · \d\d:\d\d:\d\d\n\n12345\n", markdown)
        assert re.search(r"\*\*Bot\*\* · \d\d:\d\d:\d\d · \d+ ms\n\nOrder 12345 is shipped", markdown)
        ending = markdown[markdown.index("## Exit: TriggeredByFlow") :]
        assert "- **Flow location:** action Exit Bot Flow" in ending
        assert re.search(r"- \*\*Outcome\*\* `[^`]+`: SUCCESS", ending)
        assert "  - milestone `" in ending
        assert '"Flow.OrderStatus": "Shipped"' in ending
        assert_no_secret(markdown, sim)

        document = json.loads(session_to_json(session))
        assert document["format"] == "textbots-tui session"
        assert document["session"]["state"] == "exited"
        assert document["session"]["remote_id"] == session.remote_id
        assert document["params"]["input_variables"] == {"Flow.CustomerName": "Alex"}
        assert len(document["turns"]) == len(session.turns)
        types = [event["_type"] for event in document["events"]]
        assert "ExchangeRecorded" not in types
        assert types.count("UserInputSent") == 3 and types[-1] == "SessionEnded"
        assert len(document["exchanges"]) == len(session.exchanges) > len(session.turns)
        headers = {x["request_headers"].get("authorization") for x in document["exchanges"]}
        assert headers == {"Basic <redacted>", "Bearer <redacted>"}  # the token request, the API calls
        assert_no_secret(json.dumps(document), sim)

        script = session_to_script(session)
        assert yaml.safe_load(script)["name"] == "Order Status"
        await replays(script, sim)


async def test_an_error_and_a_bot_session_in_every_format(make_harness: HarnessFactory) -> None:
    async with make_harness(client_secret=SECRET) as sim:
        session = await bot_session(sim)
        markdown = session_to_markdown(session)
        assert "- **Target:** bot Store Assistant `b0751c55-1e0a-4d7e-9b6a-3c2f1e0d9a8b`" in markdown
        assert "- **Integration:** `any`" in markdown
        assert "Bot state `MoreData` · intent `CheckStoreHours`" in markdown
        assert "Our Leeds store is open 9:30am to 7pm every day." in markdown
        assert "Bot state `Complete`" in markdown and 'slots `{"city": "Leeds"}`' in markdown
        document = json.loads(session_to_json(session))
        assert document["session"]["kind"] == "bot"
        assert [e["text"] for e in document["events"] if e["_type"] == "UserInputSent"] == [
            "opening hours",
            "Leeds",
        ]
        assert_no_secret(markdown + json.dumps(document), sim)
        await replays(session_to_script(session), sim)

        # A failed turn: the error, its hint and the input that did not go, in the transcript.
        sim.transport.answer = lambda r: httpx.Response(503) if "execute" in r.url.path else None
        await sim.controller.send_text(session.session_id, "bye")
        markdown = session_to_markdown(session)
        assert "**Error** · " in markdown and "Service unavailable (503)" in markdown
        assert "Not sent: `bye`" in markdown
        assert json.loads(session_to_json(session))["events"][-1]["_type"] == "ErrorOccurred"


async def test_rich_content_of_a_flow_is_rendered(sim: Harness) -> None:
    sid = await sim.controller.launch_flow(FlowLaunchParams(flow_id=APPOINTMENTS))
    await sim.controller.choose(sid, "Book an eye test")
    await sim.controller.send_text(sid, "Monday")
    markdown = session_to_markdown(sim.controller.session(sid))
    assert "Carousel of 3 cards" in markdown
    assert re.search(r"Card 1: \*\*.+\*\*", markdown)
    assert re.search(r"- button: .+ → `svc_", markdown) and re.search(r"- link: .+ → `https://", markdown)
    assert "Date picker" in markdown


async def test_a_session_reloaded_from_the_journal_exports_the_same(
    make_harness: HarnessFactory, tmp_path: Path
) -> None:
    async with make_harness(journal=Journal(tmp_path), client_secret=SECRET) as sim:
        live = [await order_session(sim), await bot_session(sim)]
        exported = [(session_to_markdown(s), session_to_json(s), session_to_script(s)) for s in live]
    async with make_harness(journal=Journal(tmp_path)) as sim:
        loaded = [sim.controller.session(sid) for sid in await sim.controller.load_history()]
        for session in loaded:
            await sim.controller.open_history(session.session_id)
        assert [s.session_id for s in loaded] == [s.session_id for s in live]
        assert all(s.read_only for s in loaded)
        assert [
            (session_to_markdown(s), session_to_json(s), session_to_script(s)) for s in loaded
        ] == exported
        for session in loaded:
            await replays(session_to_script(session), sim)


def crafted_session() -> Session:
    """A session holding every kind of item, built by hand (no server needed)."""
    session = Session("local-1", FlowLaunchParams(flow_id="f-1", language="en-us"), name="Ünïcode / *Demo*")
    session.created_at = datetime(2026, 5, 20, 14, 3, 11, tzinfo=UTC)
    card = CardItem(
        "Eye test",
        "20 minutes",
        image="https://img.example/eye.png",
        actions=(
            CardAction("Book", "postback", payload="svc_eye"),
            CardAction("More", "link", url="https://x.example"),
        ),
    )
    items = (
        TextItem("*not bold* <b>raw</b> # no heading\n- no list\n1. no number\x1b[31m red & &amp;"),
        ChoicesItem((Choice("Yes", "yes"), Choice("No", "No")), title="Sure?"),
        card,
        CarouselItem((card, CardItem("Hearing test"))),
        AttachmentItem(
            "File", url="https://x.example/a.pdf", filename="a.pdf", mime="application/pdf", size_bytes=2048
        ),
        DatePickerItem(
            "Pick a day", available_times=(TimeSlot("2026-05-21T10:30:00Z", 1800),), date_minimum="2026-05-21"
        ),
        ListPickerItem(
            (ListPickerSection("Stores", (ListPickerEntry("s1", "Covent Garden", "London"),)),), "Where?"
        ),
        LocationItem("Flagship", "221 Market Street", "https://maps.example", 53.48, -2.24),
        UnknownItem("Hologram", {"contentType": "Hologram", "hologram": {"frames": 3, "code": "```"}}),
    )
    at = session.created_at
    ended = SessionEnded(
        "local-1",
        how="disconnect",
        reason="Error",
        extended_info="boom",
        flow_location=FlowLocation("Disconnect", 4, "Main"),
        outcomes=(Outcome("o-1", "FAILURE", milestones=(Milestone("m-1"),)),),
        at=at + timedelta(seconds=6),
    )
    session.events = [
        BotOutput("local-1", items, latency_ms=12.3, at=at),
        UserInputSent("local-1", "`tick` me", "UserInput", at=at + timedelta(seconds=5)),
        ended,
    ]
    session.ended = ended
    return session


def test_every_item_kind_reads_as_text_and_bot_text_is_not_markup() -> None:
    markdown = session_to_markdown(crafted_session())
    assert markdown.startswith("# Ünïcode / \\*Demo\\*\n")
    expected = [
        "\\*not bold\\* \\<b\\>raw\\</b\\> \\# no heading  ",
        "\\- no list  ",
        "1\\. no number␛\\[31m red & \\&amp;",
        "Quick replies: Sure?",
        "- Yes → `yes`",
        "- No",
        "Card: **Eye test**",
        "Image `https://img.example/eye.png`",
        "- button: Book → `svc_eye`",
        "- link: More → `https://x.example`",
        "Carousel of 2 cards",
        "Card 2: **Hearing test**",
        "Attachment (File): a.pdf · `https://x.example/a.pdf` · (application/pdf, 2,048 bytes)",
        "Date picker: Pick a day",
        "Between 2026-05-21 and …",
        "- Thu 21 May 2026 10:30 (30 minutes) `2026-05-21T10:30:00Z`",
        "List picker: Where?",
        "- Covent Garden · London `s1`",
        "Location: Flagship · 221 Market Street (53.48, -2.24) `https://maps.example`",
        "Content this client cannot show (`Hologram`), as sent:",
        "````json",
        "**Bot** · 14:03:11 · 12 ms",
        "**You** · 14:03:16",
        "\\`tick\\` me",
        "**Disconnect** · 14:03:17 · Error",
        "## Disconnect: Error",
        "- **Flow location:** action Disconnect (#4) in Main",
        "- **Outcome** `o-1`: FAILURE",
        "  - milestone `m-1`",
    ]
    lines = markdown.splitlines()
    for line in expected:
        assert line in lines, line
    assert "\x1b" not in markdown


def test_export_files_are_named_after_the_session_and_never_overwritten(tmp_path: Path) -> None:
    session = crafted_session()
    stamp = f"{session.created_at.astimezone():%Y%m%d-%H%M%S}"
    first = export_session(session, "markdown", tmp_path / "new")
    assert first == tmp_path / "new" / f"unicode-demo-{stamp}.md"
    second = export_session(session, "markdown", tmp_path / "new")
    assert second.name == f"unicode-demo-{stamp}-2.md"
    assert first.read_text("utf-8") == second.read_text("utf-8") == session_to_markdown(session)
    as_json = export_session(session, "json", tmp_path / "new")
    assert as_json.suffix == ".json" and json.loads(as_json.read_text("utf-8"))["session"]["id"] == "local-1"
    as_script = export_session(session, "script", tmp_path / "new")
    assert as_script.name == f"unicode-demo-{stamp}.yaml"
    assert parse_script(as_script.read_text("utf-8"))[0].scenario.steps[1].say == "`tick` me"


def test_a_script_of_nothing_is_refused_and_names_are_slugged(tmp_path: Path) -> None:
    empty = Session("local-2", BotParams(bot_id="b", integration_id="i"))
    with pytest.raises(ValueError, match="nothing happened"):
        export_session(empty, "script", tmp_path)
    assert list(tmp_path.iterdir()) == []
    assert "_Nothing was said._" in session_to_markdown(empty)
    assert slug("  Order status: happy path!  ") == "order-status-happy-path"
    assert slug("***") == "session"
    assert len(slug("x" * 200)) == 60


def test_a_secret_that_slipped_into_an_object_is_redacted_in_json(caplog: pytest.LogCaptureFixture) -> None:
    session = crafted_session()
    leaked: dict[str, Any] = {"access_token": SECRET, "nested": {"client_secret": SECRET}}
    session.events.append(BotOutput("local-1", (UnknownItem("Leak", leaked),)))
    text = session_to_json(session)
    assert SECRET not in text and text.count("<redacted>") == 2
    assert "secret" in caplog.text
    assert isinstance(json.loads(text)["events"], list)


def test_error_events_are_rendered_with_their_facts() -> None:
    from textbots_tui.api.errors import ServerError

    session = crafted_session()
    error = ServerError(
        "busy",
        title="Service unavailable",
        status=503,
        code="service.unavailable",
        may_have_been_processed=False,
    )
    error.correlation_id = "c-1"
    session.events.insert(1, ErrorOccurred("local-1", error=error, unsent_input="hi", fatal=True))
    markdown = session_to_markdown(session)
    assert "Service unavailable (503 service.unavailable)" in markdown
    assert "Correlation id `c-1` · not sent: `hi` · the session could not go on" in markdown

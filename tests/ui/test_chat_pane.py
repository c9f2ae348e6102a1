"""The chat pane, driven by hand-built controller events in a tiny app (no simulator)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import pytest
from textual.app import App, ComposeResult
from textual.geometry import Offset
from textual.message import Message
from textual.selection import Selection

from textbots_tui.api.errors import RateLimitError
from textbots_tui.core.events import (
    BotOutput,
    ErrorOccurred,
    Event,
    FlowLocation,
    Milestone,
    Notice,
    Outcome,
    SessionChanged,
    SessionCreated,
    SessionEnded,
    UserInputSent,
    WaitingForInput,
)
from textbots_tui.core.items import (
    AttachmentItem,
    BotItem,
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
from textbots_tui.core.params import SessionInfo, SessionState
from textbots_tui.ui.widgets.chat_pane import ChatPane

SID = "s-1"
AT = datetime(2026, 3, 4, 9, 30, 15, tzinfo=UTC)
TRACK = Choice("Track an order", "track")
AGENT = Choice("Talk to an agent", "agent")


class ChatApp(App[None]):
    """Just a chat pane; records the messages it posts."""

    def __init__(self, events: Sequence[Event] = ()) -> None:
        super().__init__()
        self.theme = "textual-dark"
        self.initial = list(events)
        self.posted: list[Message] = []

    def compose(self) -> ComposeResult:
        yield ChatPane()

    def on_mount(self) -> None:
        pane = self.query_one(ChatPane)
        for event in self.initial:
            pane.add_event(event)

    def on_chat_pane_choice_picked(self, message: ChatPane.ChoicePicked) -> None:
        self.posted.append(message)

    def on_chat_pane_link_activated(self, message: ChatPane.LinkActivated) -> None:
        self.posted.append(message)


def bot(*items: BotItem, **fields: object) -> BotOutput:
    return BotOutput(SID, tuple(items), at=AT, **fields)  # type: ignore[arg-type]


def user(text: str, choice: Choice | None = None, input_type: str = "UserInput") -> UserInputSent:
    return UserInputSent(SID, text, input_type, choice=choice, at=AT)


def waiting(*choices: Choice) -> WaitingForInput:
    return WaitingForInput(SID, "turn", tuple(choices), at=AT)


def screen_lines(pane: ChatPane) -> list[str]:
    return [pane.render_line(y).text for y in range(pane.size.height)]


def find(pane: ChatPane, needle: str) -> tuple[int, int]:
    """Where ``needle`` is in the pane's view (x, y); every glyph used is one cell wide."""
    for y, line in enumerate(screen_lines(pane)):
        x = line.find(needle)
        if x >= 0:
            return x, y
    raise AssertionError(f"{needle!r} not on screen:\n" + "\n".join(screen_lines(pane)))


@pytest.fixture
def welcome() -> list[Event]:
    return [
        bot(
            TextItem("Welcome! How can I help?"),
            ChoicesItem((TRACK, AGENT), title="Main menu"),
            latency_ms=212,
        )
    ]


async def test_user_and_bot_messages(welcome: list[Event]) -> None:
    app = ChatApp([*welcome, waiting(TRACK, AGENT), user("Where is my parcel?")])
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        pane = app.query_one(ChatPane)
        text = pane.export_text()
        assert "Bot · 212 ms" in text
        assert "Welcome! How can I help?" in text
        assert "Main menu" in text
        x, _ = find(pane, "Where is my parcel?")
        # the user's message sits on the right, the bot's on the left
        assert x > 50
        assert find(pane, "Welcome!")[0] < 5
        assert find(pane, "You")[0] > 80
        assert pane.message_count == 2


async def test_every_item_kind_renders() -> None:
    card = CardItem(
        "Blue sneakers",
        "Comfortable shoes",
        image="https://shop.example/blue.png",
        video="https://shop.example/blue.mp4",
        actions=(
            CardAction("Buy", "postback", payload="buy-blue"),
            CardAction("Website", "link", url="https://shop.example/blue"),
        ),
    )
    items: list[BotItem] = [
        card,
        CarouselItem((CardItem("First"), CardItem("Second"))),
        AttachmentItem(
            "image",
            url="https://cdn.example/r.png",
            filename="r.png",
            mime="image/png",
            size_bytes=2048,
            text="Receipt",
        ),
        DatePickerItem(
            title="Pick a slot",
            subtitle="Any day",
            date_minimum="2026-03-05",
            date_maximum="2026-03-09",
            available_times=(TimeSlot("2026-03-05T10:00:00", 1800),),
            location="Main St",
        ),
        ListPickerItem(
            (
                ListPickerSection(
                    "Shops", (ListPickerEntry("d", "Downtown", "Open late"),), multiple_selection=True
                ),
            ),
            title="Pick a shop",
        ),
        LocationItem("Acme HQ", "1 Main St", "https://maps.example/acme", 48.85, 2.35),
        UnknownItem("richLink", {"type": "richLink", "n": 1}),
    ]
    app = ChatApp([bot(*items, bot_state="MoreData", intent="Order", slots={"size": "42"})])
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        text = app.query_one(ChatPane).export_text()
    expected = [
        "Blue sneakers",
        "Comfortable shoes",
        "◩ https://shop.example/blue.png",
        "▶ https://shop.example/blue.mp4",
        "[1] Buy",
        "Website",
        "https://shop.example/blue",
        "card 1/2",
        "card 2/2",
        "First",
        "Second",
        "image · r.png · image/png · 2.0 KB",
        "https://cdn.example/r.png",
        "Receipt",
        "Pick a slot",
        "Any day",
        "from 2026-03-05 to 2026-03-09",
        "at Main St",
        "[2] Thu 05 Mar 2026 10:00 (30 minutes)",
        "type a date or a number",
        "Pick a shop",
        "Shops (several allowed)",
        "[3] Downtown",
        "Open late",
        "Acme HQ",
        "1 Main St",
        "48.85, 2.35",
        "https://maps.example/acme",
        '? richLink {"type":"richLink","n":1}',
        "state MoreData  intent Order  slots size=42",
    ]
    for part in expected:
        assert part in text, part


async def test_carousel_side_by_side_when_wide_and_stacked_when_narrow() -> None:
    carousel = CarouselItem((CardItem("Alpha"), CardItem("Beta")))
    app = ChatApp([bot(carousel)])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        pane = app.query_one(ChatPane)
        assert find(pane, "Alpha")[1] == find(pane, "Beta")[1]
        await pilot.resize_terminal(40, 30)
        await pilot.pause()
        assert find(pane, "Alpha")[1] < find(pane, "Beta")[1]


async def test_banner_error_and_notice() -> None:
    ended = SessionEnded(
        SID,
        "exit",
        "TriggeredByFlow",
        extended_info="all done",
        flow_location=FlowLocation("Exit", 7, "Main menu"),
        output_variables={"Flow.OrderStatus": "Shipped", "Flow.Items": [1, 2]},
        outcomes=(Outcome("o-1", "SUCCESS", milestones=(Milestone("m-1", "2026-03-04T09:31:00Z", 1),)),),
        active_intent="OrderStatus",
        at=AT,
    )
    error = RateLimitError("Slow down", status=429, code="too.many.requests", correlation_id="corr-9")
    events: list[Event] = [
        Notice(SID, "Retrying in 2 s", level="warning", at=AT),
        ErrorOccurred(SID, error, unsent_input="hello", at=AT),
        ended,
    ]
    app = ChatApp(events)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        text = app.query_one(ChatPane).export_text()
        assert app.query_one(ChatPane).message_count == 0
    for part in (
        "▲ Retrying in 2 s",
        "✖ Rate limited · HTTP 429 · too.many.requests",
        "Slow down",
        "correlation id  corr-9",
        "not sent        hello",
        "■ Session exited · TriggeredByFlow",
        "extended info  all done",
        "flow location  Exit (action 7) in Main menu",
        "active intent  OrderStatus",
        "Flow.OrderStatus  Shipped",
        "Flow.Items        [1,2]",
        "✔ o-1  SUCCESS",
        "◆ milestone m-1  2026-03-04T09:31:00Z  #1",
    ):
        assert part in text, part


async def test_error_colour_and_ignored_events() -> None:
    info = SessionInfo(SID, "flow", "Order", SessionState.WAITING, 0, AT)
    error = RateLimitError("Slow down", status=429)
    app = ChatApp(
        [SessionCreated(SID, info, at=AT), SessionChanged(SID, info, at=AT), ErrorOccurred(SID, error)]
    )
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        pane = app.query_one(ChatPane)
        _, y = find(pane, "✖ Rate limited")
        error_style = pane.get_component_rich_style("chat-pane--error")
        colours = {seg.style.color for seg in pane.render_line(y) if seg.text.strip() and seg.style}
        assert colours == {error_style.color}
        assert "Session" not in pane.export_text()


async def test_bot_text_is_data_not_markup() -> None:
    nasty = "[bold red]boom[/] \x1b[31mred\x1b[0m bell\x07 nul\x00 del\x7f csi\x9b"
    app = ChatApp([bot(TextItem(nasty)), user("[link=https://x]me[/link]\x1b]8;;")])
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        pane = app.query_one(ChatPane)
        text = pane.export_text()
        assert "[bold red]boom[/] ␛[31mred␛[0m bell␇ nul␀ del␡ csi\\x9b" in text
        assert "[link=https://x]me[/link]␛]8;;" in text
        _, y = find(pane, "boom")
        strip = pane.render_line(y)
        assert not any(seg.style and seg.style.bold for seg in strip if "boom" in seg.text)
        rendered = "".join(seg.text for y in range(pane.size.height) for seg in pane.render_line(y))
        assert not any(ch in rendered for ch in "\x1b\x07\x00\x7f\x9b")


async def test_choices_numbered_only_while_current(welcome: list[Event]) -> None:
    yes, no = Choice("Yes", "yes"), Choice("No", "no")
    app = ChatApp([*welcome, waiting(TRACK, AGENT)])
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        pane = app.query_one(ChatPane)
        assert "[1] Track an order" in pane.export_text()
        assert "[2] Talk to an agent" in pane.export_text()
        assert pane.current_choices == (TRACK, AGENT)
        pane.add_event(user("Track an order", choice=TRACK))
        assert pane.current_choices == ()
        assert "[1]" not in pane.export_text()
        pane.add_event(bot(TextItem("Shall I?"), ChoicesItem((yes, no))))
        # before WaitingForInput arrives, the latest bot output's choices are the current ones
        assert pane.current_choices == (yes, no)
        pane.add_event(waiting(no))
        await pilot.pause()
        text = pane.export_text()
        assert "[1] No" in text
        assert "[1] Yes" not in text and "[2]" not in text
        assert "▐Track an order▌" in text  # history: shown, not numbered
        pane.add_event(SessionEnded(SID, "disconnect", "UserDisconnect", at=AT))
        assert pane.current_choices == ()
        assert "[1]" not in pane.export_text()


async def test_clicking_a_chip_posts_choice_picked(welcome: list[Event]) -> None:
    app = ChatApp([*welcome, waiting(TRACK, AGENT)])
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        pane = app.query_one(ChatPane)
        x, y = find(pane, "[2] Talk to an agent")
        await pilot.click(ChatPane, offset=(x + 6, y))
        await pilot.pause()
        assert [type(m) for m in app.posted] == [ChatPane.ChoicePicked]
        assert app.posted[0].choice == AGENT  # type: ignore[attr-defined]


async def test_clicking_an_old_chip_does_nothing(welcome: list[Event]) -> None:
    app = ChatApp([*welcome, waiting(TRACK, AGENT), user("Track an order", choice=TRACK)])
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        pane = app.query_one(ChatPane)
        x, y = find(pane, "Talk to an agent")
        await pilot.click(ChatPane, offset=(x + 2, y))
        await pilot.pause()
        assert app.posted == []


async def test_number_keys_pick_when_focused(welcome: list[Event]) -> None:
    app = ChatApp([*welcome, waiting(TRACK, AGENT)])
    async with app.run_test(size=(100, 40)) as pilot:
        app.query_one(ChatPane).focus()
        await pilot.press("2", "9")
        await pilot.pause()
        assert [m.choice for m in app.posted] == [AGENT]  # type: ignore[attr-defined]


async def test_clicking_a_link_posts_link_activated() -> None:
    card = CardItem("Card", actions=(CardAction("Website", "link", url="https://shop.example/x"),))
    app = ChatApp([bot(card, AttachmentItem("file", url="https://cdn.example/f.pdf"))])
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        pane = app.query_one(ChatPane)
        for needle, url in (
            ("Website", "https://shop.example/x"),
            ("cdn.example/f.pdf", "https://cdn.example/f.pdf"),
        ):
            app.posted.clear()
            x, y = find(pane, needle)
            await pilot.click(ChatPane, offset=(x + 1, y))
            await pilot.pause()
            assert [m.url for m in app.posted] == [url]  # type: ignore[attr-defined]


async def test_hover_highlights_the_chip_under_the_pointer(welcome: list[Event]) -> None:
    app = ChatApp([*welcome, waiting(TRACK, AGENT)])
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        pane = app.query_one(ChatPane)
        x, y = find(pane, "[1] Track")
        hover = pane.get_component_rich_style("chat-pane--hover").bgcolor

        def backgrounds(label: str) -> set[object]:
            return {seg.style.bgcolor for seg in pane.render_line(y) if label in seg.text and seg.style}

        assert hover not in backgrounds("Track")
        await pilot.hover(ChatPane, offset=(x + 5, y))
        await pilot.pause()
        assert backgrounds("Track") == {hover}
        assert hover not in backgrounds("Talk")


def many(count: int, start: int = 0) -> list[Event]:
    events: list[Event] = []
    for n in range(start, start + count):
        events.append(
            user(f"question {n}") if n % 2 == 0 else bot(TextItem(f"answer {n} " + "word " * (n % 30)))
        )
    return events


async def test_follows_new_output_unless_scrolled_up() -> None:
    app = ChatApp(many(60))
    async with app.run_test(size=(80, 20)) as pilot:
        await pilot.pause()
        pane = app.query_one(ChatPane)
        assert pane.is_vertical_scroll_end
        pane.add_event(user("latest one"))
        await pilot.pause()
        assert pane.is_vertical_scroll_end
        assert find(pane, "latest one")
        pane.focus()
        await pilot.press("home")
        await pilot.pause()
        assert pane.scroll_y == 0
        pane.add_event(user("unseen"))
        await pilot.pause()
        assert pane.scroll_y == 0
        assert "question 0" in "\n".join(screen_lines(pane))
        await pilot.press("end")
        await pilot.pause()
        pane.add_event(user("seen again"))
        await pilot.pause()
        assert pane.is_vertical_scroll_end
        assert find(pane, "seen again")


async def test_show_events_replaces_everything() -> None:
    app = ChatApp(many(10))
    async with app.run_test(size=(80, 20)) as pilot:
        await pilot.pause()
        pane = app.query_one(ChatPane)
        pane.show_events([bot(TextItem("other session")), waiting(TRACK), user("hi")])
        await pilot.pause()
        text = pane.export_text()
        assert "other session" in text and "question" not in text
        assert pane.message_count == 2
        assert find(pane, "hi")
        pane.clear()
        await pilot.pause()
        assert pane.export_text() == "" and pane.message_count == 0 and pane.current_choices == ()
        assert pane.virtual_size.height == 0


async def test_show_events_with_5000_messages() -> None:
    app = ChatApp()
    async with app.run_test(size=(100, 30)) as pilot:
        pane = app.query_one(ChatPane)
        pane.show_events([*many(4999), bot(TextItem("the very last"), ChoicesItem((TRACK,)))])
        await pilot.pause()
        assert pane.message_count == 5000
        assert pane.is_vertical_scroll_end
        assert find(pane, "the very last")
        assert find(pane, "[1] Track an order")
        assert pane.current_choices == (TRACK,)
        pane.scroll_home(animate=False, immediate=True)
        await pilot.pause()
        assert find(pane, "question 0")[1] == 1


async def test_resize_lays_out_again() -> None:
    long_text = " ".join(f"w{n:03d}" for n in range(120))
    app = ChatApp([*many(300), bot(TextItem(long_text))])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        pane = app.query_one(ChatPane)
        wide = [line for line in screen_lines(pane) if "w0" in line or "w1" in line]
        await pilot.resize_terminal(50, 30)
        await pilot.pause()
        narrow = [line for line in screen_lines(pane) if "w0" in line or "w1" in line]
        assert len(narrow) > len(wide)
        assert all(len(line.rstrip()) <= pane.scrollable_content_region.width for line in narrow)
        assert pane.is_vertical_scroll_end
        assert "w119" in "\n".join(narrow)
        # estimated heights are refined in the background until the line index is exact
        await app.workers.wait_for_complete()
        assert pane.layout_settled
        exact = pane.export_text().split("\n")
        assert pane.virtual_size.height == len(exact) + 1  # the last entry's separator line
        # every row on screen, wherever we scroll, is the exact layout at the new width
        for y in (0, pane.max_scroll_y // 3, pane.max_scroll_y // 2):
            pane.scroll_to(y=y, animate=False, immediate=True)
            await pilot.pause()
            shown = [line.rstrip() for line in screen_lines(pane)]
            top = round(pane.scroll_y)
            assert shown == exact[top : top + len(shown)] + [""] * (top + len(shown) - len(exact))


async def test_timestamps_and_latency_toggle(welcome: list[Event]) -> None:
    app = ChatApp(welcome)
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        pane = app.query_one(ChatPane)
        clock = AT.astimezone().strftime("%H:%M:%S")
        assert clock not in pane.export_text()
        pane.show_timestamps = True
        pane.show_latency = False
        await pilot.pause()
        assert f"Bot · {clock}" in pane.export_text()
        assert "212 ms" not in pane.export_text()
        assert find(pane, clock)


def test_snapshot_of_a_conversation(snap_compare) -> None:  # type: ignore[no-untyped-def]
    shoes = CardItem(
        "Blue sneakers",
        "Light running shoes.",
        image="https://shop.example/blue.png",
        actions=(
            CardAction("Buy", "postback", payload="buy-blue"),
            CardAction("Details", "link", url="https://shop.example/blue"),
        ),
    )
    boots = CardItem("Red boots", "Waterproof.", actions=(CardAction("Buy", "postback", payload="buy-red"),))
    buy_blue = Choice("Buy", "buy-blue", "postback", group="Blue sneakers")
    buy_red = Choice("Buy", "buy-red", "postback", group="Red boots")
    events: list[Event] = [
        bot(
            TextItem("Welcome to Acme! How can I help?"),
            ChoicesItem((TRACK, AGENT), title="Main menu"),
            latency_ms=212,
        ),
        waiting(TRACK, AGENT),
        user("Track an order", choice=TRACK),
        bot(TextItem("Your order [b]1234[/b] has shipped."), latency_ms=96),
        Notice(SID, "Rate limited: retried after 1 s", level="warning", at=AT),
        bot(TextItem("You may also like:"), CarouselItem((shoes, boots)), latency_ms=1530),
        waiting(buy_blue, buy_red),
    ]
    assert snap_compare(ChatApp(events), terminal_size=(100, 40))


async def test_resize_keeps_the_top_message_in_view_when_scrolled_up() -> None:
    app = ChatApp(many(400))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        pane = app.query_one(ChatPane)
        pane.scroll_to(y=pane.max_scroll_y // 2, animate=False, immediate=True)
        await pilot.pause()
        top = next(line for line in screen_lines(pane) if "question" in line).split("question")[1].split()[0]
        await pilot.resize_terminal(60, 30)
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert pane.layout_settled
        assert not pane.is_vertical_scroll_end
        assert f"question {top}" in "\n".join(screen_lines(pane)[:12])


async def test_text_selection_copies_transcript_text(welcome: list[Event]) -> None:
    app = ChatApp([*welcome, waiting(TRACK, AGENT), user("Where is my parcel?")])
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        pane = app.query_one(ChatPane)
        x, y = find(pane, "Welcome! How")
        line = round(pane.scroll_y) + y
        app.screen.selections = {pane: Selection(Offset(x, line), Offset(x + 8, line))}
        await pilot.pause()
        assert app.screen.get_selected_text() == "Welcome!"
        # the selected cells are drawn in the selection colour
        highlight = app.screen.get_component_rich_style("screen--selection").bgcolor
        cells = [seg for seg in pane.render_line(y) if seg.style and seg.style.bgcolor == highlight]
        assert "".join(seg.text for seg in cells) == "Welcome!"
        pane.text_select_all()
        await pilot.pause()
        everything = app.screen.get_selected_text() or ""
        assert "Welcome! How can I help?" in everything and "Where is my parcel?" in everything


async def test_colours_follow_the_theme(welcome: list[Event]) -> None:
    app = ChatApp(welcome)
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        pane = app.query_one(ChatPane)
        _, y = find(pane, "Welcome!")

        def bubble_background() -> object:
            return next(
                seg.style.bgcolor for seg in pane.render_line(y) if "Welcome" in seg.text and seg.style
            )

        dark = bubble_background()
        assert dark == pane.get_component_rich_style("chat-pane--bot-bubble").bgcolor
        app.theme = "textual-light"
        await pilot.pause()
        assert bubble_background() != dark
        assert bubble_background() == pane.get_component_rich_style("chat-pane--bot-bubble").bgcolor


async def test_more_than_nine_choices_stay_clickable_without_numbers() -> None:
    choices = tuple(Choice(f"Option {n}", f"o{n}") for n in range(1, 12))
    app = ChatApp([bot(ChoicesItem(choices)), waiting(*choices)])
    async with app.run_test(size=(120, 20)) as pilot:
        await pilot.pause()
        pane = app.query_one(ChatPane)
        text = pane.export_text()
        assert "[9] Option 9" in text and "▐Option 10▌" in text and "[10]" not in text
        x, y = find(pane, "Option 11")
        await pilot.click(ChatPane, offset=(x + 1, y))
        await pilot.pause()
        assert [m.choice for m in app.posted] == [choices[10]]  # type: ignore[attr-defined]


async def test_a_huge_message_is_echoed_cut_with_a_note() -> None:
    # A scripted `say:` of 200,000 characters: the chat shows the start and how much it left out.
    huge = "x" * 200_000
    app = ChatApp([user(huge)])
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        text = app.query_one(ChatPane).export_text()
        assert "196,000 more characters cut" in text
        assert text.count("x") < 10_000


async def test_synthetic_events_are_system_lines_and_typing_is_not_json() -> None:
    typing = UnknownItem("MessageEvent", {"type": "MessageEvent", "events": [{"eventType": "Typing"}]})
    app = ChatApp([user("NoInput", input_type="NoInput"), bot(typing), user("hello")])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = app.query_one(ChatPane).export_text()
        assert "⚑ NoInput sent" in text, text
        assert "event NoInput" not in text and text.count("You") == 1, "only what the user said is a bubble"
        assert "typing…" in text and "eventType" not in text


async def test_choices_of_a_session_that_takes_no_more_input_lose_their_numbers(
    welcome: list[Event],
) -> None:
    app = ChatApp([*welcome, waiting(TRACK, AGENT)])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        pane = app.query_one(ChatPane)
        assert "[1] Track an order" in pane.export_text()
        pane.end_choices()
        await pilot.pause()
        assert pane.current_choices == ()
        assert "[1]" not in pane.export_text() and "Track an order" in pane.export_text()


async def test_urls_are_terminal_hyperlinks_on_one_line_cut_to_the_width() -> None:
    long_url = "https://cdn.example/returns/" + "very-long-segment-" * 8 + "label.pdf"
    unsafe = "https://evil.example/\x1b]8;;x"
    app = ChatApp([bot(AttachmentItem("file", url=long_url)), bot(AttachmentItem("file", url=unsafe))])
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        pane = app.query_one(ChatPane)
        lines = screen_lines(pane)
        shown = [line for line in lines if "cdn.example" in line]
        assert len(shown) == 1 and shown[0].rstrip().endswith("…"), "one line, ellipsised, never wrapped"
        links = {
            segment.style.link
            for y in range(pane.size.height)
            for segment in pane.render_line(y)
            if segment.style is not None and segment.style.link
        }
        assert links == {long_url}, "the whole URL is the OSC 8 target; an unsafe one is no hyperlink"

"""The transcript layout on its own (no app): sanitising, wrapping, widths, numbering, estimates."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from rich.console import Console
from rich.style import Style

from textbots_tui.api.errors import ServerError
from textbots_tui.core.events import (
    BotOutput,
    ErrorOccurred,
    Event,
    FlowLocation,
    Milestone,
    Notice,
    Outcome,
    SessionEnded,
    UserInputSent,
    WaitingForInput,
)
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
from textbots_tui.ui.widgets.transcript.layout import Entry, estimate_heights, layout_entry
from textbots_tui.ui.widgets.transcript.model import Change, TranscriptModel
from textbots_tui.ui.widgets.transcript.style import (
    ChoiceNumbering,
    LayoutContext,
    TranscriptStyles,
    sanitize,
    wrap_plain,
)

AT = datetime(2026, 3, 4, 9, 30, tzinfo=UTC)
CONSOLE = Console(file=io.StringIO(), width=300, color_system=None)
STYLES = TranscriptStyles.from_lookup(
    Style(bgcolor="black"), lambda _name: Style(color="white", bgcolor="grey23")
)
LONG = "https://example.com/" + "x" * 150


def context(width: int, numbering: ChoiceNumbering | None = None) -> LayoutContext:
    return LayoutContext(CONSOLE, width, STYLES, show_timestamps=True, numbering=numbering)


def every_event() -> list[Event]:
    card = CardItem(
        "A card with a long title " * 3,
        "Description " * 20,
        image=LONG,
        video=LONG,
        actions=(
            CardAction("Buy " * 10, "postback", payload="buy"),
            CardAction("Site", "link", url=LONG),
            CardAction("Call", "unknown"),
        ),
        default_action=CardAction("open", "link", url=LONG),
    )
    items = (
        TextItem("word " * 80 + "\n\n" + LONG + "\n\t日本語のテキスト" * 10),
        ChoicesItem(tuple(Choice(f"Choice number {n} " * 2, str(n)) for n in range(12)), title="Group " * 20),
        card,
        CarouselItem((card, CardItem("Short"), CardItem("Third"))),
        AttachmentItem(
            "video", url=LONG, filename="clip " * 20, mime="video/mp4", size_bytes=12_345_678, text="x" * 90
        ),
        DatePickerItem(
            "Pick", "sub " * 30, "2026-01-01", "2026-02-01", (TimeSlot("2026-01-02T10:00:00", 5400),)
        ),
        ListPickerItem(
            (ListPickerSection("Section " * 10, (ListPickerEntry("e", "Entry " * 20, "sub " * 20),)),)
        ),
        LocationItem("Place " * 20, "Street " * 20, LONG, 1.5, 2.5),
        UnknownItem("weird", {"k": "v" * 200}),
    )
    return [
        UserInputSent(
            "s", "question " * 40 + LONG, "NoInput", choice=Choice("label", "payload " * 30), at=AT
        ),
        BotOutput(
            "s", items, latency_ms=1234.5, bot_state="Failed", intent="I" * 50, slots={"a": "b" * 80}, at=AT
        ),
        BotOutput("s", (), at=AT),
        SessionEnded(
            "s",
            "disconnect",
            "reason " * 20,
            extended_info="info " * 40,
            flow_location=FlowLocation("action " * 10, 3, "sequence " * 10),
            output_variables={"Flow.X" * 10: {"nested": [1, 2, 3]}, "short": "v " * 60},
            outcomes=(Outcome("o" * 60, "FAILURE", "start", "end", (Milestone("m" * 70, "when", 2),)),),
            active_intent="intent",
            at=AT,
        ),
        ErrorOccurred(
            "s",
            ServerError(
                "boom " * 40, status=503, code="c" * 70, correlation_id="id " * 30, hint="hint " * 30
            ),
            unsent_input="typed " * 30,
            fatal=True,
            at=AT,
        ),
        Notice("s", "notice " * 40, level="warning", at=AT),
    ]


def test_sanitize_makes_controls_visible_and_keeps_lines() -> None:
    assert sanitize("a\x1b[31mb\x07\x00\x7f") == "a␛[31mb␇␀␡"
    assert sanitize("one\r\ntwo\rthree\tfour") == "one\ntwo\nthree    four"
    assert sanitize("c1\x9b and \u202eevil\u2066") == "c1\\x9b and \\u202eevil\\u2066"
    assert sanitize("[bold]markup[/] stays") == "[bold]markup[/] stays"
    assert sanitize("emoji 👍🏽 and accents é") == "emoji 👍🏽 and accents é"


def test_wrap_plain_folds_long_words_and_keeps_blank_lines() -> None:
    assert wrap_plain("a b c\n\nd", 3) == ["a b", "c", "", "d"]
    assert wrap_plain("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]
    assert all(len(line) * 2 <= 8 for line in wrap_plain("日本語のテキスト", 8))


@pytest.mark.parametrize("width", [16, 23, 40, 61, 99, 140])
def test_no_line_is_wider_than_the_pane(width: int) -> None:
    for event in every_event():
        entry = Entry.from_event(event)
        numbering = ChoiceNumbering(entry.choices)
        for line in layout_entry(entry, context(width, numbering)):
            assert line.cell_len <= width, (type(event).__name__, line.plain)


def test_numbering_matches_by_exact_choice_then_payload_then_label() -> None:
    track = Choice("Track", "track", group="Menu")
    numbering = ChoiceNumbering((track, Choice("Agent", "agent")))
    assert numbering.index_of(track) == 0
    assert numbering.index_of(Choice("Track it", "track")) == 0  # same payload, other label and group
    assert numbering.index_of(Choice("Agent", "other")) == 1  # same label
    assert numbering.index_of(Choice("Agent", "agent", kind="postback")) is None  # a different kind of choice
    assert numbering.index_of(Choice("Nope", "nope")) is None


def test_numbered_and_history_choices_look_different() -> None:
    choices = (Choice("Yes", "yes"), Choice("No", "no"))
    entry = Entry.from_event(BotOutput("s", (ChoicesItem(choices),), at=AT))
    live = "\n".join(line.plain for line in layout_entry(entry, context(60, ChoiceNumbering(choices))))
    history = "\n".join(line.plain for line in layout_entry(entry, context(60)))
    assert "▐[1] Yes▌ ▐[2] No▌" in live
    assert "▐Yes▌ ▐No▌" in history


@pytest.mark.parametrize("width", [50, 100])
def test_estimates_are_close_to_the_layout(width: int) -> None:
    events: list[Event] = []
    for n in range(200):
        text = " ".join(f"word{m}" for m in range(n % 37 + 3))
        events.append(UserInputSent("s", text, "UserInput", at=AT))
        events.append(BotOutput("s", (TextItem(text * 3), ChoicesItem((Choice("A", "a"),))), at=AT))
    entries = [Entry.from_event(event) for event in events]
    exact = sum(len(layout_entry(entry, context(width))) for entry in entries)
    estimated = sum(estimate_heights(entries, width))
    assert abs(estimated - exact) / exact < 0.15


def test_model_line_index_and_current_choices() -> None:
    model = TranscriptModel()
    yes = Choice("Yes", "yes")
    assert model.apply(Notice("s", "hello", at=AT), lambda _entry: 2) == Change(0)
    change = model.apply(BotOutput("s", (ChoicesItem((yes,)),), at=AT), lambda _entry: 5)
    assert change == Change(1) and model.current == (yes,) and model.is_live(1)
    assert model.offsets == [0, 2, 7] and model.total == 7
    assert [model.entry_at(line) for line in (0, 1, 2, 6, 7, 99, -5)] == [0, 0, 1, 1, 1, 1, 0]
    assert model.apply(WaitingForInput("s", "t", (yes,), at=AT)) is None  # same choices: nothing to redo
    model.set_height(1, 4)
    model.recompute_from(1)
    assert model.offsets == [0, 2, 6] and model.exact == [False, True]
    # the user's answer makes the offered choices history: that entry must be laid out again
    assert model.apply(UserInputSent("s", "Yes", "UserInput", at=AT)) == Change(1, (1,))
    assert model.current == () and not model.is_live(1) and model.exact == [False, False, False]
    assert model.messages == 2
    model.estimate_all(80)
    assert len(model.heights) == 3 and model.total == sum(model.heights) and not any(model.exact)


def test_latency_reads_below_a_millisecond_and_in_seconds() -> None:
    def header(latency_ms: float) -> str:
        entry = Entry.from_event(BotOutput("s", (TextItem("hi"),), latency_ms=latency_ms, at=AT))
        return layout_entry(entry, LayoutContext(CONSOLE, 60, STYLES, show_latency=True))[0].plain.strip()

    assert header(0.0) == "Bot · <1 ms", "an in-process answer never reads 0 ms"
    assert header(0.6) == "Bot · <1 ms"
    assert header(1.4) == "Bot · 1 ms"
    assert header(212) == "Bot · 212 ms"
    assert header(999.7) == "Bot · 1.00 s"
    assert header(1530) == "Bot · 1.53 s"

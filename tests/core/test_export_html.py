"""The HTML transcript: looks like the chat, carries names; nothing from outside runs or shows as markup."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser

from textbots_tui.core.events import BotOutput, Milestone, Notice, Outcome, SessionEnded, UserInputSent
from textbots_tui.core.html import HtmlOptions, session_to_html, transcript_page, transcript_section
from textbots_tui.core.items import (
    AttachmentItem,
    CardAction,
    CardItem,
    CarouselItem,
    Choice,
    ChoicesItem,
    TextItem,
    UnknownItem,
)
from textbots_tui.core.names import FlowNames
from textbots_tui.core.params import FlowLaunchParams
from textbots_tui.core.sessions import Session

from .conftest import APPOINTMENTS, Harness

HOSTILE = [
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    "[bold red]rich[/] **md** <b>bold</b> &amp; \x1b[31m",
    '"><svg onload=alert(2)>',
]


class Page(HTMLParser):
    """What a browser would build: elements with their attributes, and the text a reader sees."""

    def __init__(self, document: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(document)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    @property
    def visible(self) -> str:
        return "".join(self.text)

    def named(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def hostile_session() -> Session:
    session = Session("s-1", FlowLaunchParams(flow_id="f-1", flow_name=HOSTILE[0]), name=HOSTILE[1])
    at = datetime(2026, 5, 20, 14, 3, 11, tzinfo=UTC)
    session.created_at = at
    card = CardItem(
        HOSTILE[0],
        HOSTILE[1],
        image="javascript:alert(3)",
        actions=(
            CardAction(HOSTILE[2], "postback", payload=HOSTILE[3]),
            CardAction("Open", "link", url='https://x.example/?q="><script>alert(4)</script>'),
        ),
    )
    items = (
        *(TextItem(t) for t in HOSTILE),
        ChoicesItem((Choice(HOSTILE[1], HOSTILE[0]),), title=HOSTILE[3]),
        CarouselItem((card, card)),
        AttachmentItem("Image", url="data:text/html,<script>alert(5)</script>", filename=HOSTILE[0]),
        UnknownItem("Hologram", {"html": HOSTILE[0]}),
    )
    ended = SessionEnded(
        "s-1",
        how="exit",
        reason=HOSTILE[0],
        extended_info=HOSTILE[1],
        output_variables={HOSTILE[1]: HOSTILE[0]},
        outcomes=(Outcome(HOSTILE[0], "SUCCESS", milestones=(Milestone(HOSTILE[1]),)),),
        at=at + timedelta(seconds=9),
    )
    session.events = [
        BotOutput("s-1", items, at=at),
        UserInputSent("s-1", HOSTILE[2], "UserInput", at=at + timedelta(seconds=3)),
        Notice("s-1", HOSTILE[0], at=at + timedelta(seconds=4)),
        ended,
    ]
    session.ended = ended
    return session


def test_nothing_from_outside_runs_or_renders_as_markup() -> None:
    for technical in (False, True):
        document = session_to_html(hostile_session(), HtmlOptions(technical=technical))
        page = Page(document)
        assert [name for name, _ in page.tags if name in ("script", "img", "svg", "iframe", "b")] == []
        assert all(not key.startswith("on") for _, attrs in page.tags for key in attrs)
        hrefs = [attrs["href"] for attrs in page.named("a")]
        assert hrefs == ['https://x.example/?q="><script>alert(4)</script>'] * 2
        visible = page.visible
        for hostile in HOSTILE[:2]:
            assert hostile in visible  # shown literally, as typed
        assert "[bold red]rich[/] **md** <b>bold</b> &amp; \\x1b[31m" in visible
        assert "javascript:alert(3)" in visible  # shown, not followed
        (csp,) = [a for a in page.named("meta") if a.get("http-equiv") == "Content-Security-Policy"]
        assert "default-src 'none'" in (csp["content"] or "")
        assert "script-src" not in (csp["content"] or "")
        assert "<link" not in document and "@import" not in document and "url(" not in document


async def test_a_live_session_looks_like_the_chat_with_names(sim: Harness) -> None:
    params = FlowLaunchParams(flow_id=APPOINTMENTS, flow_name="Appointment Booking")
    sid = await sim.controller.launch_flow(params)
    await sim.controller.choose(sid, "Book an eye test")
    for answer in ("tomorrow", "10:30", "Piccadilly", "yes"):
        await sim.controller.send_text(sid, answer)
    session = sim.controller.session(sid)
    assert session.ended is not None
    names = await sim.controller.names.resolve_outcomes(session.ended.outcomes)
    page = Page(session_to_html(session, HtmlOptions(names=names)))
    visible = page.visible
    bubbles = [
        a.get("class") for name, a in page.tags if name == "div" and "tb-msg" in (a.get("class") or "")
    ]
    assert "tb-msg tb-bot" in bubbles and "tb-msg tb-user" in bubbles
    assert "Which service would you like to book?" in visible
    assert "Eye Test" in visible  # a carousel card
    hrefs = [a["href"] for a in page.named("a")]
    assert "https://www.acme-opticians.example/eye-test" in hrefs  # a card's link button
    assert "The bot finished the conversation." in visible
    assert "Appointment booked: achieved" in visible
    assert "Milestones reached: Service chosen, Time chosen" in visible
    assert "3d5f7a9b-1c2e-4f6a-8b0d-2e4f6a8c0e57" not in visible  # the outcome id, named
    assert "A conversation with Appointment Booking" in visible


def test_ids_are_shown_when_names_are_unknown_and_details_on_demand() -> None:
    at = datetime(2026, 5, 20, 14, 3, 11, tzinfo=UTC)
    ended = SessionEnded(
        "s",
        how="disconnect",
        reason="SessionExpired",
        outcomes=(
            Outcome(
                "o-1", "FAILURE", milestones=(Milestone("m-2", sequence=2), Milestone("m-1", sequence=1))
            ),
        ),
        at=at,
    )
    events = [
        UserInputSent("s", "Track", "UserInput", choice=Choice("Track", "track_order"), at=at),
        Notice("s", "Retrying in 2 s (429)", at=at),
        BotOutput("s", (UnknownItem("Hologram", {"frames": 3}),), latency_ms=12, at=at),
        ended,
    ]
    plain = Page(transcript_section(events)).visible
    assert "o-1: not achieved" in plain and "Milestones reached: m-1, m-2" in plain
    assert "The conversation timed out." in plain
    for technical_only in ("track_order", "Retrying", '"frames"', "14:03:11", "12 ms"):
        assert technical_only not in plain
    named = Page(
        transcript_section(events, options=HtmlOptions(names=FlowNames({"o-1": "Paid"}, {"m-1": "Card"})))
    ).visible
    assert "Paid: not achieved" in named and "Milestones reached: Card, m-2" in named
    technical = Page(transcript_section(events, heading="Run 1", options=HtmlOptions(technical=True))).visible
    for shown in (
        "Run 1",
        "payload track_order",
        "Retrying in 2 s (429)",
        '"frames": 3',
        "14:03:11",
        "12 ms",
    ):
        assert shown in technical


def test_a_page_of_several_sections_and_an_empty_one() -> None:
    document = transcript_page(
        "Report <1>", [transcript_section([]), transcript_section([])], subtitle="a & b"
    )
    page = Page(document)
    assert document.startswith("<!DOCTYPE html>")
    assert page.visible.count("Nothing was said.") == 2
    assert "Report <1>" in page.visible and "a & b" in page.visible
    assert "@media print" in document

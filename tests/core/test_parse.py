"""Wire models -> items: every content kind, order kept, unknown content kept raw, choices and links found."""

from __future__ import annotations

from typing import Any

from textbots_tui.api.models import PostTextResponse, TextBotFlowTurnResponse
from textbots_tui.core import parse
from textbots_tui.core.choices import choices_in, links_in
from textbots_tui.core.items import (
    AttachmentItem,
    CardAction,
    CardItem,
    CarouselItem,
    Choice,
    ChoicesItem,
    DatePickerItem,
    ListPickerItem,
    LocationItem,
    TextItem,
    TimeSlot,
    UnknownItem,
)


def turn(*segments: dict[str, Any]) -> TextBotFlowTurnResponse:
    return TextBotFlowTurnResponse.model_validate(
        {
            "id": "t1",
            "prompts": {"outputLanguage": "en-us", "textPrompts": {"segments": list(segments)}},
            "nextActionType": "WaitForInput",
        }
    )


def rich(*content: dict[str, Any]) -> dict[str, Any]:
    return {"text": "", "type": "RichMedia", "content": list(content)}


def quick_reply(text: str, payload: str) -> dict[str, Any]:
    return {
        "contentType": "QuickReply",
        "quickReply": {"text": text, "payload": payload, "action": "Message"},
    }


def test_text_and_quick_replies_keep_their_order() -> None:
    response = turn(
        {"text": "What can I help you with today?", "type": "Text"},
        rich(quick_reply("Track an order", "track_order"), quick_reply("Talk to an agent", "agent")),
        {"text": "Or type a question.", "type": "Text"},
    )
    items = parse.items_from_segments(response.segments)
    assert items == (
        TextItem("What can I help you with today?"),
        ChoicesItem(
            (
                Choice("Track an order", "track_order", "quick_reply"),
                Choice("Talk to an agent", "agent", "quick_reply"),
            )
        ),
        TextItem("Or type a question."),
    )
    assert [c.payload for c in choices_in(items)] == ["track_order", "agent"]


def test_quick_replies_split_by_other_content_form_separate_rows() -> None:
    items = parse.items_from_content(
        turn(
            rich(
                quick_reply("A", "a"),
                {"contentType": "Text", "text": {"body": "between"}},
                quick_reply("B", "b"),
            )
        )
        .segments[0]
        .content
        or []
    )
    assert [type(item).__name__ for item in items] == ["ChoicesItem", "TextItem", "ChoicesItem"]


def test_quick_reply_v2_group_carries_its_title() -> None:
    items = parse.items_from_segments(
        turn(
            rich(
                {
                    "contentType": "QuickReplyV2",
                    "quickReplyV2": {
                        "title": "Morning or afternoon?",
                        "actions": [
                            {"text": "Morning", "payload": "am"},
                            {"text": "Afternoon", "payload": "pm"},
                        ],
                    },
                }
            )
        ).segments
    )
    (group,) = items
    assert isinstance(group, ChoicesItem)
    assert group.title == "Morning or afternoon?"
    assert group.choices[1] == Choice("Afternoon", "pm", "quick_reply", group="Morning or afternoon?")


def test_carousel_postbacks_are_choices_and_links_are_not() -> None:
    items = parse.items_from_segments(
        turn(
            rich(
                {
                    "contentType": "Carousel",
                    "carousel": {
                        "cards": [
                            {
                                "title": "Order A12345",
                                "description": "Placed 12 May",
                                "image": "https://cdn.example.com/a.png",
                                "actions": [{"type": "Postback", "text": "Select", "payload": "A12345"}],
                            },
                            {
                                "title": "Order B67890",
                                "actions": [
                                    {"type": "Postback", "text": "Select", "payload": "B67890"},
                                    {
                                        "type": "Link",
                                        "text": "View online",
                                        "url": "https://shop.example.com/o",
                                    },
                                ],
                            },
                        ]
                    },
                }
            )
        ).segments
    )
    (carousel,) = items
    assert isinstance(carousel, CarouselItem)
    assert carousel.cards[0] == CardItem(
        title="Order A12345",
        description="Placed 12 May",
        image="https://cdn.example.com/a.png",
        actions=(CardAction("Select", "postback", payload="A12345"),),
    )
    choices = choices_in(items)
    assert [(c.label, c.payload, c.kind, c.group) for c in choices] == [
        ("Select", "A12345", "postback", "Order A12345"),
        ("Select", "B67890", "postback", "Order B67890"),
    ]
    assert links_in(items) == [CardAction("View online", "link", url="https://shop.example.com/o")]


def test_attachment_location_date_and_list_pickers() -> None:
    items = parse.items_from_segments(
        turn(
            rich(
                {
                    "contentType": "Attachment",
                    "attachment": {
                        "mediaType": "File",
                        "url": "https://cdn.example.com/returns.pdf",
                        "mime": "application/pdf",
                        "filename": "returns.pdf",
                        "contentSizeBytes": 2048,
                        "text": "Our returns policy",
                    },
                },
                {
                    "contentType": "Location",
                    "location": {
                        "text": "Main store",
                        "address": "1 High St",
                        "latitude": 51.5,
                        "longitude": -0.1,
                    },
                },
                {
                    "contentType": "DatePicker",
                    "datePicker": {
                        "id": "dp1",
                        "title": "Pick a time",
                        "dateMinimum": "2026-05-21T00:00:00Z",
                        "availableTimes": [{"dateTime": "2026-05-21T09:30:00Z", "duration": 1800}],
                    },
                },
                {
                    "contentType": "ListPicker",
                    "listPicker": {
                        "id": "lp1",
                        "sections": [
                            {
                                "title": "North",
                                "items": [{"id": "leeds", "title": "Leeds clinic", "subtitle": "LS1"}],
                            }
                        ],
                    },
                },
            )
        ).segments
    )
    attachment, location, date_picker, list_picker = items
    assert attachment == AttachmentItem(
        media_type="File",
        url="https://cdn.example.com/returns.pdf",
        filename="returns.pdf",
        mime="application/pdf",
        text="Our returns policy",
        size_bytes=2048,
    )
    assert location == LocationItem(text="Main store", address="1 High St", latitude=51.5, longitude=-0.1)
    assert isinstance(date_picker, DatePickerItem)
    assert date_picker.available_times == (TimeSlot("2026-05-21T09:30:00Z", 1800),)
    assert date_picker.picker_id == "dp1"
    assert isinstance(list_picker, ListPickerItem)
    assert list_picker.sections[0].entries[0].title == "Leeds clinic"
    choices = choices_in(items)
    assert choices == [
        Choice(
            "Thu 21 May 2026 09:30 (30 minutes)",
            "2026-05-21T09:30:00Z",
            "date_time",
            group="Pick a time",
            origin_id="dp1",
        ),
        Choice("Leeds clinic", "leeds", "list_item", group="North", origin_id="lp1"),
    ]


def test_unknown_content_segment_and_message_event_are_kept_raw() -> None:
    future = {"contentType": "Hologram", "hologram": {"frames": 3}}
    no_payload = {"contentType": "Card"}
    message_event = {"text": "", "type": "MessageEvent", "events": [{"eventType": "Typing"}]}
    brand_new = {"text": "beep", "type": "Telepathy"}
    items = parse.items_from_segments(turn(rich(future, no_payload), message_event, brand_new).segments)
    assert items == (
        UnknownItem("Hologram", future),
        UnknownItem("Card", no_payload),
        UnknownItem("MessageEvent", message_event),
        UnknownItem("Telepathy", brand_new),
    )


def test_bot_messages_text_structured_and_unknown() -> None:
    reply = PostTextResponse.model_validate(
        {
            "botState": "Complete",
            "replyMessages": [
                {"type": "Text", "text": "Order A12345 shipped yesterday."},
                {
                    "type": "Structured",
                    "text": "Anything else?",
                    "content": [quick_reply("Yes", "yes"), quick_reply("No", "no")],
                },
                {"type": "Receipt", "text": "r"},
            ],
        }
    )
    items = parse.items_from_messages(reply.reply_messages or [])
    assert items[:3] == (
        TextItem("Order A12345 shipped yesterday."),
        TextItem("Anything else?"),
        ChoicesItem((Choice("Yes", "yes"), Choice("No", "no"))),
    )
    assert items[3] == UnknownItem("Receipt", {"type": "Receipt", "text": "r"})


def test_exit_details() -> None:
    response = TextBotFlowTurnResponse.model_validate(
        {
            "id": "t9",
            "nextActionType": "Exit",
            "nextActionExit": {
                "reason": "AgentRequestedByUser",
                "flowLocation": {
                    "actionName": "Exit Bot Flow",
                    "actionNumber": 14,
                    "sequenceName": "Main Menu",
                },
                "flowOutcomes": [
                    {
                        "outcomeId": "o1",
                        "outcomeValue": "FAILURE",
                        "milestones": [
                            {"id": "m1", "dateReached": "2026-05-20T14:03:40.903Z", "sequence": 1}
                        ],
                    }
                ],
            },
        }
    )
    action = response.next_action_exit
    assert action is not None
    location = parse.flow_location(action)
    assert location is not None and (location.action_name, location.action_number) == ("Exit Bot Flow", 14)
    (outcome,) = parse.outcomes(action.flow_outcomes)
    assert outcome.value == "FAILURE"
    assert outcome.milestones[0].milestone_id == "m1"
    assert outcome.milestones[0].sequence == 1

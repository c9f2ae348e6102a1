"""Unknown enum values, content types, segment types and fields are kept and re-serialised, never rejected."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from textbots_tui.api import models as m


def test_unknown_enum_values_stay_strings() -> None:
    turn = m.TextBotFlowTurnResponse.model_validate(
        {
            "id": "t",
            "nextActionType": "Transfer",
            "nextActionExit": {"reason": "BotWasTired", "flowOutcomes": [{"outcomeValue": "PARTIAL"}]},
        }
    )
    assert turn.next_action_type == "Transfer"
    assert not isinstance(turn.next_action_type, m.NextActionType)
    assert turn.next_action_exit is not None
    assert turn.next_action_exit.reason == "BotWasTired"
    assert turn.to_wire()["nextActionExit"]["flowOutcomes"] == [{"outcomeValue": "PARTIAL"}]


def test_known_values_become_enum_members_and_compare_with_strings() -> None:
    seg = m.TextBotPromptSegment.model_validate({"type": "RichMedia", "text": ""})
    assert seg.type is m.SegmentType.RICH_MEDIA
    assert seg.type == "RichMedia"
    assert (
        m.TextBotFlowTurnRequest(input_event_type="UserInput").input_event_type is m.InputEventType.USER_INPUT
    )


def test_unknown_content_type_keeps_its_payload() -> None:
    payload = {"contentType": "Hologram", "hologram": {"frames": [1, 2]}, "text": {"body": "fallback"}}
    content = m.ConversationMessageContent.model_validate(payload)
    assert content.content_type == "Hologram"
    assert content.model_extra == {"hologram": {"frames": [1, 2]}}
    assert content.text is not None and content.text.body == "fallback"
    assert content.to_wire() == payload


def test_extra_fields_are_kept_at_every_level() -> None:
    payload = {
        "botState": "Complete",
        "newTopLevel": 1,
        "replyMessages": [
            {
                "type": "Structured",
                "text": "pick",
                "newInMessage": "x",
                "content": [
                    {
                        "contentType": "Card",
                        "card": {
                            "title": "T",
                            "badge": "new",
                            "actions": [{"type": "Share", "text": "Share", "target": "all"}],
                        },
                    }
                ],
            }
        ],
    }
    resp = m.PostTextResponse.model_validate(payload)
    assert resp.to_wire() == payload
    assert resp.reply_messages is not None
    content = resp.reply_messages[0].content
    assert content is not None and content[0].card is not None
    assert content[0].card.model_extra == {"badge": "new"}
    assert content[0].card.actions is not None
    assert content[0].card.actions[0].type == "Share"


def test_every_leaf_of_the_reference_parses() -> None:
    contents = [
        {"contentType": "Text", "text": {"type": "Text", "body": "hi"}},
        {
            "contentType": "QuickReplyV2",
            "quickReplyV2": {"title": "Pick", "actions": [{"text": "A", "payload": "a"}]},
        },
        {
            "contentType": "ButtonResponse",
            "buttonResponse": {
                "originatingMessageId": "m",
                "type": "ListPicker",
                "text": "A",
                "payload": "a",
            },
        },
        {
            "contentType": "Attachment",
            "attachment": {
                "id": "1",
                "mediaType": "Image",
                "url": "https://x/i.png",
                "mime": "image/png",
                "text": "cap",
                "sha256": "ab",
                "filename": "i.png",
                "contentSizeBytes": 12,
            },
        },
        {
            "contentType": "ListPicker",
            "listPicker": {
                "id": "lp",
                "sections": [
                    {
                        "title": "S",
                        "multipleSelection": False,
                        "items": [{"id": "i", "title": "I", "subtitle": "s", "imageUrl": "u"}],
                    }
                ],
                "replyMessage": {"title": "r"},
                "receivedMessage": {
                    "header": "h",
                    "title": "t",
                    "subtitle": "s",
                    "buttonLabel": "b",
                    "imageUrl": "u",
                },
            },
        },
        {
            "contentType": "DatePicker",
            "datePicker": {
                "id": "d",
                "title": "When",
                "subtitle": "s",
                "imageUrl": "u",
                "dateMinimum": "2026-05-20T00:00:00Z",
                "dateMaximum": "2026-06-20T00:00:00.000Z",
                "location": {"url": "u", "address": "a", "text": "t", "latitude": 1.5, "longitude": -2.25},
                "availableTimes": [{"duration": 1800, "dateTime": "2026-05-21T09:00:00Z"}],
                "dateDisplayFormat": "dayMonthYear",
            },
        },
        {
            "contentType": "Location",
            "location": {"address": "1 Main St", "latitude": 53.3, "longitude": -6.2},
        },
        {
            "contentType": "Notification",
            "template": {
                "id": "tpl",
                "language": "en",
                "body": {"text": "Hi {{1}}", "parameters": [{"name": "1", "text": "Alex"}]},
                "buttons": [{"type": "Url", "text": "Open", "index": 0, "url": "u"}],
            },
        },
        {"contentType": "Story", "story": {"type": "Mention", "url": "u", "replyToId": "r"}},
        {"contentType": "Reactions", "reactions": [{"reactionType": "Like", "count": 2}]},
        {"contentType": "InteractiveApplication", "interactiveApplication": {"name": "app", "url": "u"}},
        {
            "contentType": "PaymentRequest",
            "paymentRequest": {
                "paymentPlatform": "ApplePay",
                "orderTotal": 9.5,
                "lineItems": [{"name": "x", "price": 9.5}],
            },
        },
        {
            "contentType": "PaymentResponse",
            "paymentResponse": {
                "originatingMessageId": "m",
                "paymentStatus": "Failed",
                "failureReason": "declined",
            },
        },
        {"contentType": "Push", "push": {"deviceType": "IOS", "deviceToken": "t", "expiration": 60}},
        {
            "contentType": "Form",
            "form": {
                "cannedResponseId": "c",
                "showSummary": True,
                "formPages": [{"title": "p"}],
                "response": [
                    {
                        "id": "q1",
                        "component": {
                            "contentType": "ButtonResponse",
                            "buttonResponse": {"text": "Yes", "payload": "y"},
                        },
                    }
                ],
            },
        },
        {
            "contentType": "NotificationResponse",
            "notificationResponse": {"originatingMessageId": "m", "notificationStatus": "Accepted"},
        },
        {"contentType": "Mention"},
    ]
    for payload in contents:
        content = m.ConversationMessageContent.model_validate(payload)
        assert content.to_wire() == payload, payload["contentType"]
        assert not content.model_extra
    date_picker = m.ConversationMessageContent.model_validate(contents[5]).date_picker
    assert date_picker is not None and date_picker.date_display_format is m.DateDisplayFormat.DAY_MONTH_YEAR
    assert date_picker.available_times is not None and date_picker.available_times[0].duration == 1800


def test_message_events_parse() -> None:
    event = {
        "inputs": [],
        "messages": [
            {"eventType": "Presence", "presence": {"type": "Join"}},
            {"eventType": "Typing", "typing": {"type": "On", "duration": 5000}},
            {
                "eventType": "CoBrowse",
                "coBrowse": {"type": "Offering", "sessionId": "s", "sessionJoinToken": "j"},
            },
            {"eventType": "Video", "video": {"type": "OfferingAccepted", "offeringId": "o", "jwt": "x"}},
            {"eventType": "Telepathy", "telepathy": {}},
        ],
    }
    parsed = m.TextBotsRichMediaInputEvent.model_validate(event)
    assert parsed.to_wire() == event
    assert parsed.messages is not None
    assert parsed.messages[0].presence is not None
    assert parsed.messages[0].presence.type is m.PresenceType.JOIN
    assert parsed.messages[4].event_type == "Telepathy"


def test_models_are_frozen_and_accept_both_names() -> None:
    by_alias = m.TextBotTranscript.model_validate({"text": "hi", "confidence": 0.5})
    by_name = m.TextBotTranscript(text="hi", confidence=0.5)
    assert by_alias == by_name
    with pytest.raises(ValidationError):
        by_name.text = "changed"
    assert m.TextBotFlowTurnRequest.model_validate({"input_event_type": "NoOp"}).to_wire() == {
        "inputEventType": "NoOp"
    }


def test_required_fields_of_requests_are_enforced() -> None:
    with pytest.raises(ValidationError):
        m.TextBotFlowTurnRequest.model_validate({})
    with pytest.raises(ValidationError):
        m.PostTextRequest.model_validate({"botId": "b"})
    with pytest.raises(ValidationError):
        m.TextBotFlowTurnResponse.model_validate({"id": "x"})


def test_turn_request_helpers() -> None:
    assert m.TextBotFlowTurnRequest.no_op().to_wire() == {"inputEventType": "NoOp"}
    assert m.TextBotFlowTurnRequest.user_input("hi", "t1").to_wire() == {
        "previousTurn": {"id": "t1"},
        "inputEventType": "UserInput",
        "inputEventUserInput": {"mode": "Text", "alternatives": [{"transcript": {"text": "hi"}}]},
    }
    assert m.TextBotFlowTurnRequest.event("NoInput", "t1").to_wire() == {
        "previousTurn": {"id": "t1"},
        "inputEventType": "NoInput",
    }
    assert m.TextBotFlowTurnRequest.event(m.InputEventType.ERROR, "t1", code="c").to_wire() == {
        "previousTurn": {"id": "t1"},
        "inputEventType": "Error",
        "inputEventError": {"code": "c", "message": ""},
    }


def test_raw_json_of_a_model_built_in_code_is_its_wire_form() -> None:
    resp = m.TextBotFlowLaunchResponse(id="s")
    assert resp.raw_json == {"id": "s"}


def _wire_models() -> list[type[m.WireModel]]:
    found: list[type[m.WireModel]] = []
    pending: list[type[m.WireModel]] = [m.WireModel]
    while pending:
        model = pending.pop()
        found.append(model)
        pending.extend(model.__subclasses__())
    return found


def test_empty_collections_are_fresh_defaults_not_builtin_factories() -> None:
    # A builtin factory (default_factory=list) makes pydantic parse its text signature at start-up; a plain
    # empty default is copied for each instance, so no model shares a list or mapping with another.
    factories = [
        f"{model.__name__}.{name}"
        for model in _wire_models()
        for name, field in model.model_fields.items()
        if field.default_factory in (list, dict, set, tuple)
    ]
    assert factories == []
    first, second = m.TextBotInputOutputData(), m.TextBotInputOutputData()
    first.variables["k"] = 1
    assert second.variables == {} and m.TextBotInputOutputData().variables == {}

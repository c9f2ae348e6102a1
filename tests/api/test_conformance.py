"""What the client sends fits the official SDK models (PureCloudPlatformClientV2 269.0.0), key for key.

The SDK is a test-only dependency. Importing its package loads thousands of models (seconds), so this test
loads just the model modules it needs, under a private package name, and deserialises the way the SDK's
``ApiClient`` does (``swagger_types`` / ``attribute_map`` and the enum-checking setters).
"""

from __future__ import annotations

import inspect
import json
import re
import types
from typing import Any

import httpx
import pytest
from sdk_models import OUTDATED, assert_conforms, load_sdk, sdk_class

from textbots_tui.api.client import TextbotsClient
from textbots_tui.api.models import (
    AmazonLexRequest,
    ConversationContentButtonResponse,
    ConversationMessageContent,
    ConversationMessageEvent,
    GenesysBotConnector,
    GoogleDialogflowCustomSettings,
    NuanceMixDlgSettings,
    PostTextMessage,
    PostTextRequest,
    TextBotChannel,
    TextBotFlow,
    TextBotFlowLaunchRequest,
    TextBotFlowTurnRequest,
    TextBotInputOutputData,
    TextBotsRichMediaInputEvent,
    TextBotTurnReference,
    TextBotUserAgent,
)


@pytest.fixture(scope="module")
def sdk() -> types.ModuleType:
    return load_sdk()


def full_launch() -> TextBotFlowLaunchRequest:
    return TextBotFlowLaunchRequest(
        flow=TextBotFlow(id="flow-1"),
        external_session_id="ext-1",
        conversation_id="conv-1",
        input_data=TextBotInputOutputData(variables={"Flow.Name": "Alex", "Flow.Count": 3, "Flow.Vip": True}),
        channel=TextBotChannel(name="Messaging", user_agent=TextBotUserAgent(name="GenesysWebWidget")),
        language="en-us",
    )


def turns() -> list[TextBotFlowTurnRequest]:
    rich = TextBotFlowTurnRequest(
        previous_turn=TextBotTurnReference(id="t1"),
        input_event_type="RichMediaInput",
        input_event_rich_media=TextBotsRichMediaInputEvent(
            inputs=[
                ConversationMessageContent(
                    content_type="ButtonResponse",
                    button_response=ConversationContentButtonResponse(
                        type="Button", text="Select", payload="A12345", originating_message_id="m1"
                    ),
                )
            ],
            messages=[
                ConversationMessageEvent.model_validate(
                    {"eventType": "Presence", "presence": {"type": "Join"}}
                )
            ],
        ),
    )
    return [
        TextBotFlowTurnRequest.no_op(),
        TextBotFlowTurnRequest.no_op("t1"),
        TextBotFlowTurnRequest.user_input("I'd like to check on my order", "t1"),
        TextBotFlowTurnRequest.button_response("Track an order", "track_order", "t1"),
        rich,
        TextBotFlowTurnRequest.event("NoInput", "t1"),
        TextBotFlowTurnRequest.event("NoMatch", "t1"),
        TextBotFlowTurnRequest.event("UserDisconnect", "t1"),
        TextBotFlowTurnRequest.event("ClientSessionExpired", "t1"),
        TextBotFlowTurnRequest.event("Error", "t1", code="client.failure", message="could not render"),
    ]


def full_execute() -> PostTextRequest:
    return PostTextRequest(
        bot_id="OrderStatusBot",
        bot_alias="prod",
        integration_id="int-1",
        bot_session_id="sess-1",
        post_text_message=PostTextMessage(type="Text", text="Where is my order?"),
        language_code="en-US",
        bot_session_timeout_minutes=30,
        bot_channels=["Messaging"],
        bot_correlation_id="req-1",
        messaging_platform_type="GenesysWebWidget",
        amazon_lex_request=AmazonLexRequest(
            session_attributes={"tier": "gold"}, request_attributes={"c": "web"}
        ),
        google_dialogflow=GoogleDialogflowCustomSettings(
            environment="draft",
            event_name="WELCOME",
            webhook_query_parameters={"a": "b"},
            event_input_parameters={},
        ),
        genesys_bot_connector=GenesysBotConnector(query_parameters={"q": "1"}),
        nuance_mix_dlg=NuanceMixDlgSettings(channel_id="web", input_parameters={"n": 1}),
    )


async def test_what_the_client_sends_fits_the_sdk(sdk: types.ModuleType) -> None:
    sent: list[tuple[str, dict[str, Any]]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append((request.url.path, json.loads(request.content)))
        if request.url.path.endswith("/execute"):
            return httpx.Response(200, json={"botState": "Complete"})
        if request.url.path.endswith("/turns"):
            return httpx.Response(200, json={"id": "t2", "nextActionType": "WaitForInput"})
        return httpx.Response(200, json={"id": "s1"})

    async with TextbotsClient(
        api_url="https://api.mypurecloud.ie", access_token="t", transport=httpx.MockTransport(handler)
    ) as client:
        await client.launch_session(full_launch())
        await client.launch_session(TextBotFlowLaunchRequest(flow=TextBotFlow(id="f")))
        for turn in turns():
            await client.send_turn("s1", turn)
        await client.execute(full_execute())

    models = {
        "sessions": "TextBotFlowLaunchRequest",
        "turns": "TextBotFlowTurnRequest",
        "execute": "PostTextRequest",
    }
    assert len(sent) == 2 + len(turns()) + 1
    for path, body in sent:
        assert_conforms(sdk, body, models[path.rsplit("/", 1)[1]])


def test_the_check_catches_unknown_keys_and_enum_values(sdk: types.ModuleType) -> None:
    with pytest.raises(AssertionError, match="unknownKey"):
        assert_conforms(sdk, {"inputEventType": "NoOp", "unknownKey": 1}, "TextBotFlowTurnRequest")
    with pytest.raises(AssertionError):
        assert_conforms(sdk, {"inputEventType": "Telepathy"}, "TextBotFlowTurnRequest")


def test_sdk_enum_values_match_ours(sdk: types.ModuleType) -> None:
    """Our enum constants are exactly the SDK's allowed values (both ways)."""
    from textbots_tui.api import enums

    probes = {
        ("TextBotFlowTurnRequest", "input_event_type"): enums.InputEventType,
        ("TextBotFlowTurnResponse", "next_action_type"): enums.NextActionType,
        ("TextBotPromptSegment", "type"): enums.SegmentType,
        ("TextBotExitAction", "reason"): enums.ExitReason,
        ("TextBotDisconnectAction", "reason"): enums.DisconnectReason,
        ("ConversationMessageContent", "content_type"): enums.ContentType,
        ("TextBotUserAgent", "name"): enums.UserAgentName,
        ("TextBotChannel", "name"): enums.ChannelName,
        ("PostTextMessage", "type"): enums.PostTextMessageType,
        ("PostTextResponse", "bot_state"): enums.BotState,
        ("ConversationContentButtonResponse", "type"): enums.ButtonResponseType,
        ("ConversationContentCardAction", "type"): enums.CardActionType,
        ("ConversationContentAttachment", "media_type"): enums.MediaType,
        ("ConversationMessageEvent", "event_type"): enums.MessageEventType,
        ("BotSearchResponse", "bot_type"): enums.BotType,
    }
    for (klass, attr), enum in probes.items():
        setter_source = inspect.getsource(getattr(sdk_class(klass), attr).fset)
        match = re.search(r"allowed_values = (\[.*?\])", setter_source)
        assert match, f"{klass}.{attr} has no allowed values"
        assert set(json.loads(match.group(1))) == {m.value for m in enum}, f"{klass}.{attr}"
        for member in enum:
            instance = sdk_class(klass)()
            setattr(instance, attr, member.value)
            assert getattr(instance, attr) == member.value, f"{klass}.{attr}: {member.value}"
        instance = sdk_class(klass)()
        setattr(instance, attr, "NotAValue")
        assert getattr(instance, attr) == OUTDATED

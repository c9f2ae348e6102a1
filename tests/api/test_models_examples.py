"""Every payload of the reference examples parses into its model and re-serialises to the same JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from textbots_tui.api import models as m

EXAMPLES_PATH = Path(__file__).parent / "data" / "examples.json"
"""A copy of the reference's examples.json, so the tests run from the repository alone."""
REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "api" / "examples.json"
"""The reference itself, in the shared folder laid beside the repository (as CI lays it beside its clone)."""

# Key prefix -> model, as in §12 of the reference. Longest prefixes first so "launchResponse" is not taken
# for a "launchRequest".
PREFIXES: list[tuple[str, type[BaseModel]]] = [
    ("launchRequest", m.TextBotFlowLaunchRequest),
    ("launchResponse", m.TextBotFlowLaunchResponse),
    ("turnRequest_", m.TextBotFlowTurnRequest),
    ("turnResponse_", m.TextBotFlowTurnResponse),
    ("postTextRequest", m.PostTextRequest),
    ("postTextResponse_", m.PostTextResponse),
    ("errorBody_", m.ErrorBody),
    ("oauthTokenRequestForm", m.OAuthTokenRequest),
    ("oauthTokenResponse", m.OAuthTokenResponse),
    ("oauthErrorResponse", m.OAuthErrorBody),
]


def load_examples() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(EXAMPLES_PATH.read_text(encoding="utf-8"))
    return data


EXAMPLES = load_examples()


def model_for(key: str) -> type[BaseModel]:
    for prefix, model in PREFIXES:
        if key.startswith(prefix):
            return model
    raise AssertionError(f"no model for example {key!r}")


def test_copy_matches_the_reference() -> None:
    assert REFERENCE.is_file(), f"the API reference is expected beside the repository, at {REFERENCE}"
    assert json.loads(REFERENCE.read_text(encoding="utf-8")) == EXAMPLES


def test_every_example_has_a_model() -> None:
    assert len(EXAMPLES) >= 30
    for key in EXAMPLES:
        model_for(key)


@pytest.mark.parametrize("key", sorted(EXAMPLES))
def test_example_round_trips(key: str) -> None:
    payload = EXAMPLES[key]
    model = model_for(key).model_validate(payload)
    assert model.to_wire() == payload  # type: ignore[attr-defined]
    # Same from bytes, the way the client parses.
    again = model_for(key).model_validate_json(json.dumps(payload))
    assert again.to_wire() == payload  # type: ignore[attr-defined]
    # Nothing in the examples is unknown to the models.
    assert not _extras(model), f"{key}: unexpected extra fields {_extras(model)}"


@pytest.mark.parametrize("key", sorted(k for k in EXAMPLES if "Response" in k or k.startswith("errorBody")))
def test_responses_keep_raw_json(key: str) -> None:
    payload = EXAMPLES[key]
    model = model_for(key)
    assert issubclass(model, m.ResponseModel)
    assert model.from_wire(payload).raw_json is payload
    from_bytes = model.from_wire(json.dumps(payload).encode())
    assert from_bytes.raw_json == payload
    assert from_bytes.raw_json is from_bytes.raw_json  # parsed once, then kept
    # A model made another way shows its wire form.
    assert model.model_validate(payload).raw_json == payload


def _extras(model: BaseModel) -> list[str]:
    """Names of extra fields anywhere in a model tree."""
    found = [f"{type(model).__name__}.{k}" for k in (model.model_extra or {})]
    for name in type(model).model_fields:
        value = getattr(model, name)
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, BaseModel):
                found += _extras(item)
    return found


def test_quick_replies_parse_to_typed_values() -> None:
    turn = m.TextBotFlowTurnResponse.model_validate(EXAMPLES["turnResponse_waitForInput_withQuickReplies"])
    assert turn.next_action_type is m.NextActionType.WAIT_FOR_INPUT
    assert turn.next_action_type == "WaitForInput"
    rich = turn.segments[1]
    assert rich.type == m.SegmentType.RICH_MEDIA
    assert rich.content is not None
    labels = [(c.quick_reply.text, c.quick_reply.payload) for c in rich.content if c.quick_reply]
    assert labels == [
        ("Track an order", "track_order"),
        ("Return an item", "return_item"),
        ("Talk to an agent", "agent"),
    ]
    assert rich.content[0].content_type is m.ContentType.QUICK_REPLY
    wait = turn.next_action_wait_for_input
    assert wait is not None and wait.mode_constraints is not None and wait.mode_constraints.text is not None
    assert wait.mode_constraints.text.no_input_timeout_milliseconds == 300000


def test_exit_parses_outcomes_and_variables() -> None:
    turn = m.TextBotFlowTurnResponse.model_validate(EXAMPLES["turnResponse_exit"])
    exit_ = turn.next_action_exit
    assert exit_ is not None
    assert exit_.reason is m.ExitReason.AGENT_REQUESTED_BY_USER
    assert exit_.output_data is not None
    assert exit_.output_data.variables == {"Flow.OrderNumber": "A12345", "Flow.ContactReason": "agent"}
    assert exit_.flow_location == m.TextBotFlowLocation(
        action_name="Exit Bot Flow", action_number=14, sequence_name="Main Menu"
    )
    assert exit_.flow_outcomes is not None
    outcome = exit_.flow_outcomes[0]
    assert outcome.outcome_value == "FAILURE"
    assert outcome.milestones is not None and outcome.milestones[0].sequence == 1
    # Date-times stay the strings the server sent.
    assert outcome.date_start == "2026-05-20T14:03:11.482Z"


def test_segments_is_empty_without_prompts() -> None:
    turn = m.TextBotFlowTurnResponse.model_validate(EXAMPLES["turnResponse_disconnect_sessionExpired"])
    assert turn.segments == []
    assert turn.next_action_disconnect is not None
    assert turn.next_action_disconnect.reason is m.DisconnectReason.SESSION_EXPIRED


def test_execute_response_keeps_provider_payload() -> None:
    resp = m.PostTextResponse.model_validate(EXAMPLES["postTextResponse_moreData"])
    assert resp.bot_state is m.BotState.MORE_DATA
    assert resp.amazon_lex == {
        "dialogState": "ElicitSlot",
        "intentName": "CheckOrderStatus",
        "slotToElicit": "OrderNumber",
    }
    complete = m.PostTextResponse.model_validate(EXAMPLES["postTextResponse_complete"])
    assert complete.reply_messages is not None
    assert complete.reply_messages[1].type is m.PostTextMessageType.STRUCTURED
    assert complete.slots == {"OrderNumber": "A12345"}


def test_oauth_token_is_not_in_repr() -> None:
    token = m.OAuthTokenResponse.model_validate(EXAMPLES["oauthTokenResponse"])
    assert token.expires_in == 86399
    assert token.access_token.startswith("kW3q")
    assert token.access_token not in repr(token)

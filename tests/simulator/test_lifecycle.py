"""The conversation lifecycle rules of bot flow sessions, over raw HTTP."""

from __future__ import annotations

from typing import Any

from textbots_tui.simulator import SimulatorSettings

from .helpers import CHANNEL, FAQ, ORDER_STATUS, FakeClock, RawSim, open_sim, texts, user_input

TURNS = "/api/v2/textbots/botflows/sessions/{}/turns"


def error_of(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["code"] == code
    assert body["contextId"] == response.headers["ININ-Correlation-Id"]
    return body


async def test_launch_returns_only_an_id_and_nothing_runs_until_the_first_noop(sim: RawSim) -> None:
    response = await sim.post(
        "/api/v2/textbots/botflows/sessions",
        {
            "flow": {"id": ORDER_STATUS},
            "externalSessionId": "",
            "channel": CHANNEL,
            "inputData": {"variables": {"Flow.CustomerName": "Alex"}},
        },
    )
    assert response.status_code == 200
    assert set(response.json()) == {"id"}
    session_id = response.json()["id"]
    first = await sim.turn(session_id, {"inputEventType": "NoOp"})
    assert "previousTurn" not in first
    assert texts(first) == ["Hi Alex, welcome to Acme Support."]
    assert first["nextActionType"] == "NoOp"
    second = await sim.turn(session_id, {"inputEventType": "NoOp"})
    assert second["previousTurn"] == {"id": first["id"]}
    assert second["nextActionType"] == "WaitForInput"
    assert second["nextActionWaitForInput"] == {
        "modeConstraints": {"text": {"languagePreferences": ["en-us"], "noInputTimeoutMilliseconds": 300000}}
    }


async def test_input_variable_defaults_apply_when_none_are_given(sim: RawSim) -> None:
    session_id = await sim.launch(ORDER_STATUS)
    assert texts(await sim.turn(session_id, {"inputEventType": "NoOp"})) == [
        "Hi there, welcome to Acme Support."
    ]


async def test_a_boolean_input_changes_the_greeting(sim: RawSim) -> None:
    session_id = await sim.launch(ORDER_STATUS, inputData={"variables": {"Flow.IsVip": True}})
    first = await sim.turn(session_id, {"inputEventType": "NoOp"})
    assert texts(first)[1] == "As a Gold member, you get priority support today."


async def test_noop_chains_come_before_the_question(sim: RawSim) -> None:
    session_id = await sim.launch(FAQ)
    responses = await sim.drain(session_id)
    assert [r["nextActionType"] for r in responses] == ["NoOp", "NoOp", "WaitForInput"]
    assert [texts(r) for r in responses] == [
        ["Hello! I'm the Acme Help Centre assistant."],
        ["I can answer questions about opening hours, returns, shipping and our stores."],
        ["What would you like to know?"],
    ]
    # A BOT flow sends no no-input timeout.
    assert responses[-1]["nextActionWaitForInput"] == {
        "modeConstraints": {"text": {"languagePreferences": ["en-us"]}}
    }


async def test_the_empty_user_input_public_clients_attach_to_noops_is_accepted(sim: RawSim) -> None:
    session_id = await sim.launch(FAQ)
    body = {
        "inputEventType": "NoOp",
        "previousTurn": None,
        "inputEventUserInput": {"mode": "Text", "alternatives": [{"transcript": {"text": ""}}]},
    }
    assert (await sim.turn(session_id, body))["nextActionType"] == "NoOp"


async def test_previous_turn_must_be_the_latest(sim: RawSim) -> None:
    session_id = await sim.launch(FAQ)
    first = await sim.turn(session_id, {"inputEventType": "NoOp"})
    await sim.turn(session_id, {"inputEventType": "NoOp"})
    stale = await sim.turn_response(
        session_id, {"inputEventType": "NoOp", "previousTurn": {"id": first["id"]}}
    )
    body = error_of(stale, 409, "conflict")
    assert body["details"][0]["fieldName"] == "previousTurn"
    assert first["id"] in body["message"]
    missing = await sim.turn_response(session_id, {"inputEventType": "NoOp", "previousTurn": None})
    assert "required" in error_of(missing, 409, "conflict")["message"]


async def test_previous_turn_on_the_first_turn_is_a_conflict(sim: RawSim) -> None:
    session_id = await sim.launch(FAQ)
    response = await sim.turn_response(
        session_id, {"inputEventType": "NoOp", "previousTurn": {"id": "made-up"}}
    )
    error_of(response, 409, "conflict")


async def test_turns_after_exit_are_refused(sim: RawSim) -> None:
    session_id = await sim.launch(ORDER_STATUS)
    await sim.drain(session_id)
    last = (await sim.say(session_id, "agent"))[-1]
    assert last["nextActionType"] == "Exit"
    after = await sim.turn_response(session_id, {"inputEventType": "NoOp"})
    assert "ended" in error_of(after, 409, "conflict")["message"]


async def test_turns_after_disconnect_are_refused(sim: RawSim) -> None:
    session_id = await sim.launch(FAQ)
    await sim.drain(session_id)
    assert (await sim.say(session_id, "bye"))[-1]["nextActionType"] == "Disconnect"
    error_of(await sim.turn_response(session_id, user_input("hello")), 409, "conflict")


async def test_unknown_session_is_404(sim: RawSim) -> None:
    response = await sim.turn_response("9f0e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e6f", {"inputEventType": "NoOp"})
    assert error_of(response, 404, "not.found")["entityId"] == "9f0e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e6f"


async def test_unknown_flow_at_launch_is_404_naming_the_field(sim: RawSim) -> None:
    response = await sim.post(
        "/api/v2/textbots/botflows/sessions",
        {"flow": {"id": "no-such-flow"}, "externalSessionId": "", "channel": CHANNEL},
    )
    body = error_of(response, 404, "not.found")
    assert body["details"][0]["fieldName"] == "flow.id"


async def test_invalid_json_is_400(sim: RawSim) -> None:
    response = await sim.http.post(
        "/api/v2/textbots/botflows/sessions",
        content=b"{not json",
        headers={**sim.auth, "Content-Type": "application/json"},
    )
    error_of(response, 400, "bad.request")


async def test_a_missing_required_field_is_400_naming_it(sim: RawSim) -> None:
    response = await sim.post(
        "/api/v2/textbots/botflows/sessions", {"flow": {"id": FAQ}, "externalSessionId": ""}
    )
    body = error_of(response, 400, "bad.request")
    assert body["details"] == [{"errorCode": "missing.value", "fieldName": "channel"}]
    session_id = await sim.launch(FAQ)
    response = await sim.turn_response(
        session_id, {"inputEventUserInput": {"mode": "Text", "alternatives": []}}
    )
    assert [d["fieldName"] for d in error_of(response, 400, "bad.request")["details"]] == ["inputEventType"]


async def test_a_nested_bad_value_is_400_with_its_path(sim: RawSim) -> None:
    session_id = await sim.launch(FAQ)
    await sim.drain(session_id)
    body = {
        "inputEventType": "UserInput",
        "inputEventUserInput": {"mode": "Text", "alternatives": [{"transcript": {}}]},
    }
    response = await sim.turn_response(session_id, body)
    fields = [d["fieldName"] for d in error_of(response, 400, "bad.request")["details"]]
    assert fields == ["inputEventUserInput.alternatives[0].transcript.text"]
    bad_enum = await sim.turn_response(session_id, {"inputEventType": "Shout"})
    assert error_of(bad_enum, 400, "bad.request")["details"][0]["fieldName"] == "inputEventType"


async def test_an_unknown_channel_value_is_400(sim: RawSim) -> None:
    channel = {**CHANNEL, "userAgent": {"name": "Carrier Pigeon"}}
    response = await sim.post(
        "/api/v2/textbots/botflows/sessions",
        {"flow": {"id": FAQ}, "externalSessionId": "", "channel": channel},
    )
    assert error_of(response, 400, "bad.request")["details"][0]["fieldName"] == "channel.userAgent.name"


async def test_input_variables_are_checked_against_the_flow(sim: RawSim) -> None:
    base = {"flow": {"id": ORDER_STATUS}, "externalSessionId": "", "channel": CHANNEL}
    unknown = await sim.post(
        "/api/v2/textbots/botflows/sessions", {**base, "inputData": {"variables": {"Flow.Nope": 1}}}
    )
    assert error_of(unknown, 400, "bad.request")["details"][0]["fieldName"] == "inputData.variables.Flow.Nope"
    wrong = await sim.post(
        "/api/v2/textbots/botflows/sessions", {**base, "inputData": {"variables": {"Flow.IsVip": "yes"}}}
    )
    assert "boolean" in error_of(wrong, 400, "bad.request")["message"]


async def test_wrong_content_type_is_415(sim: RawSim) -> None:
    response = await sim.http.post(
        "/api/v2/textbots/botflows/sessions",
        content=b"flow=x",
        headers={**sim.auth, "Content-Type": "application/x-www-form-urlencoded"},
    )
    error_of(response, 415, "unsupported.media.type")


async def test_an_oversized_body_is_413(sim: RawSim) -> None:
    session_id = await sim.launch(FAQ)
    response = await sim.turn_response(session_id, user_input("x" * 600_000))
    error_of(response, 413, "request.entity.too.large")


async def test_first_turn_must_be_noop(sim: RawSim) -> None:
    session_id = await sim.launch(FAQ)
    response = await sim.turn_response(session_id, user_input("hello"))
    assert error_of(response, 400, "bad.request")["details"][0]["fieldName"] == "inputEventType"


async def test_input_while_the_flow_said_noop_is_a_conflict(sim: RawSim) -> None:
    session_id = await sim.launch(FAQ)
    await sim.turn(session_id, {"inputEventType": "NoOp"})
    error_of(await sim.turn_response(session_id, user_input("hours")), 409, "conflict")


async def test_a_noop_while_waiting_waits_again(sim: RawSim) -> None:
    session_id = await sim.launch(FAQ)
    await sim.drain(session_id)
    again = await sim.turn(session_id, {"inputEventType": "NoOp"})
    assert again["nextActionType"] == "WaitForInput"
    assert "prompts" not in again


async def test_two_payloads_are_refused(sim: RawSim) -> None:
    session_id = await sim.launch(FAQ)
    await sim.drain(session_id)
    body = {**user_input("hi"), "inputEventError": {"code": "x", "message": "y"}}
    error_of(await sim.turn_response(session_id, body), 400, "bad.request")
    without = await sim.turn_response(session_id, {"inputEventType": "UserInput"})
    assert error_of(without, 400, "bad.request")["details"][0]["fieldName"] == "inputEventUserInput"


async def test_idle_sessions_expire_with_disconnect_session_expired(clock: FakeClock) -> None:
    async with open_sim(SimulatorSettings(clock=clock, session_idle_timeout_s=60)) as raw:
        session_id = await raw.launch(FAQ)
        await raw.drain(session_id)
        clock.advance(59)
        assert (await raw.say(session_id, "opening hours"))[0]["nextActionType"] != "Disconnect"
        clock.advance(61)
        expired = await raw.turn(session_id, {"inputEventType": "NoOp"})
        assert expired["nextActionType"] == "Disconnect"
        assert expired["nextActionDisconnect"] == {
            "reason": "SessionExpired",
            "reasonExtendedInfo": "No user input received before the session timed out.",
        }
        error_of(await raw.turn_response(session_id, {"inputEventType": "NoOp"}), 409, "conflict")


async def test_user_disconnect(sim: RawSim) -> None:
    session_id = await sim.launch(ORDER_STATUS)
    await sim.drain(session_id)
    response = await sim.turn(session_id, {"inputEventType": "UserDisconnect"})
    assert response["nextActionType"] == "Disconnect"
    action = response["nextActionDisconnect"]
    assert action["reason"] == "TriggeredByUser"
    assert action["flowLocation"] == {
        "actionName": "Ask for Intent",
        "actionNumber": 7,
        "sequenceName": "Main Menu",
    }
    assert action["flowOutcomes"][0]["outcomeValue"] == "FAILURE"


async def test_client_session_expired(sim: RawSim) -> None:
    session_id = await sim.launch(FAQ)
    await sim.drain(session_id)
    response = await sim.turn(session_id, {"inputEventType": "ClientSessionExpired"})
    assert response["nextActionDisconnect"]["reason"] == "SessionExpired"


async def test_error_input_runs_the_default_error_handling(sim: RawSim) -> None:
    session_id = await sim.launch(ORDER_STATUS)
    await sim.drain(session_id)
    response = await sim.turn(
        session_id,
        {
            "inputEventType": "Error",
            "inputEventError": {
                "code": "client.render.failure",
                "message": "The client could not display the last prompt.",
            },
        },
    )
    assert response["nextActionType"] == "Exit"
    assert response["nextActionExit"]["reason"] == "Error"
    assert response["nextActionExit"]["reasonExtendedInfo"] == (
        "client.render.failure: The client could not display the last prompt."
    )


async def test_error_input_runs_the_flows_own_error_handling(sim: RawSim) -> None:
    session_id = await sim.launch(FAQ)
    await sim.drain(session_id)
    response = await sim.turn(
        session_id, {"inputEventType": "Error", "inputEventError": {"code": "e1", "message": "boom"}}
    )
    assert texts(response) == ["Sorry, something went wrong on our side. Please try again later."]
    assert response["nextActionDisconnect"]["reason"] == "Error"
    assert response["nextActionDisconnect"]["reasonExtendedInfo"] == "e1: boom"
    assert response["nextActionDisconnect"]["flowLocation"]["actionName"] == "Disconnect on Error"


async def test_no_match_reprompts_then_fails(sim: RawSim) -> None:
    session_id = await sim.launch(FAQ)
    await sim.drain(session_id)
    first = await sim.turn(session_id, {"inputEventType": "NoMatch"})
    assert texts(first) == [
        "Sorry, I didn't understand. You can ask about opening hours, returns, shipping or our stores."
    ]
    second = await sim.turn(session_id, {"inputEventType": "NoMatch"})
    assert texts(second)[0].startswith("I still didn't get that.")
    third = await sim.turn(session_id, {"inputEventType": "NoMatch"})
    assert third["nextActionType"] == "Disconnect"
    assert third["nextActionDisconnect"]["reason"] == "RecognitionFailure"

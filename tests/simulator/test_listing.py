"""GET /api/v2/flows and GET /api/v2/textbots/bots/search, and unknown paths and methods."""

from __future__ import annotations

from typing import Any

from .helpers import APPOINTMENT, FAQ, ORDER_STATUS, STORE_BOT, RawSim


async def get(sim: RawSim, path: str, **params: Any) -> Any:
    response = await sim.http.get(path, params=params, headers=sim.auth)
    sim.bodies.append((path, response.status_code, response.json()))
    return response


async def test_flows_by_type(sim: RawSim) -> None:
    digital = (await get(sim, "/api/v2/flows", type="digitalbot")).json()
    assert [f["name"] for f in digital["entities"]] == ["Appointment Booking", "Order Status"]
    assert {f["type"] for f in digital["entities"]} == {"DIGITALBOT"}
    bot = (await get(sim, "/api/v2/flows", type="bot")).json()
    assert [(f["id"], f["type"]) for f in bot["entities"]] == [(FAQ, "BOT")]
    both = (await get(sim, "/api/v2/flows", type="digitalbot,bot")).json()
    assert both["total"] == 3
    assert (await get(sim, "/api/v2/flows", type="inboundcall")).json()["entities"] == []


async def test_flow_entities_carry_what_a_picker_needs(sim: RawSim) -> None:
    listing = (await get(sim, "/api/v2/flows", type="digitalbot", name="order", includeSchemas="true")).json()
    (flow,) = listing["entities"]
    assert flow["id"] == ORDER_STATUS
    assert flow["active"] is True
    assert flow["publishedVersion"] == {"id": "4.0", "name": "4.0"}
    assert flow["supportedLanguages"] == [{"language": "en-us", "isDefault": True}]
    assert flow["selfUri"] == f"/api/v2/flows/{ORDER_STATUS}"
    assert flow["inputSchema"]["properties"]["Flow.CustomerName"]["type"] == "string"
    assert flow["inputSchema"]["properties"]["Flow.IsVip"]["type"] == "boolean"
    assert set(flow["outputSchema"]["properties"]) == {
        "Flow.OrderNumber",
        "Flow.OrderStatus",
        "Flow.ContactReason",
    }
    plain = (await get(sim, "/api/v2/flows", type="digitalbot")).json()["entities"][0]
    assert "inputSchema" not in plain


async def test_name_filter_takes_wildcards(sim: RawSim) -> None:
    names = [f["name"] for f in (await get(sim, "/api/v2/flows", name="*Booking")).json()["entities"]]
    assert names == ["Appointment Booking"]
    assert (await get(sim, "/api/v2/flows", name="Help*FAQ")).json()["total"] == 1
    assert (await get(sim, "/api/v2/flows", name="Booking*")).json()["total"] == 0


async def test_flow_paging(sim: RawSim) -> None:
    first = (await get(sim, "/api/v2/flows", pageSize=2)).json()
    assert (first["pageSize"], first["pageNumber"], first["total"], first["pageCount"]) == (2, 1, 3, 2)
    assert len(first["entities"]) == 2
    assert first["nextUri"] == "/api/v2/flows?pageSize=2&pageNumber=2"
    assert "previousUri" not in first
    second = (await get(sim, "/api/v2/flows", pageSize=2, pageNumber=2)).json()
    assert [f["id"] for f in second["entities"]] == [ORDER_STATUS]
    assert second["previousUri"] == first["selfUri"] == first["firstUri"]
    assert "nextUri" not in second


async def test_bad_listing_parameters_are_400(sim: RawSim) -> None:
    bad_type = await get(sim, "/api/v2/flows", type="robot")
    assert bad_type.status_code == 400
    assert bad_type.json()["details"][0]["fieldName"] == "type"
    bad_size = await get(sim, "/api/v2/flows", pageSize="many")
    assert bad_size.json()["details"][0]["fieldName"] == "pageSize"
    too_big = await get(sim, "/api/v2/textbots/bots/search", pageSize=101)
    assert too_big.status_code == 400
    bad_bot_type = await get(sim, "/api/v2/textbots/bots/search", botType="Alexa")
    assert bad_bot_type.json()["details"][0]["fieldName"] == "botType"


async def test_bot_search_lists_bots_and_bot_flows(sim: RawSim) -> None:
    everything = (await get(sim, "/api/v2/textbots/bots/search")).json()
    assert [(e["name"], e["botType"]) for e in everything["entities"]] == [
        ("Appointment Booking", "GenesysDigitalBotFlow"),
        ("Help Centre FAQ", "GenesysBotFlow"),
        ("Order Status", "GenesysDigitalBotFlow"),
        ("Store Assistant", "AmazonLex"),
    ]
    lex = (await get(sim, "/api/v2/textbots/bots/search", botType="AmazonLex")).json()["entities"]
    assert [e["id"] for e in lex] == [STORE_BOT]
    by_name = (await get(sim, "/api/v2/textbots/bots/search", botName="store")).json()["entities"]
    assert [e["id"] for e in by_name] == [STORE_BOT]
    by_id = (await get(sim, "/api/v2/textbots/bots/search", botId=APPOINTMENT)).json()["entities"]
    assert [e["name"] for e in by_id] == ["Appointment Booking"]
    limited = (await get(sim, "/api/v2/textbots/bots/search", pageSize=1)).json()["entities"]
    assert len(limited) == 1


async def test_unknown_paths_and_methods_are_error_bodies(sim: RawSim) -> None:
    missing = await get(sim, "/api/v2/architect/flows")
    assert (missing.status_code, missing.json()["code"]) == (404, "not.found")
    assert missing.json()["contextId"] == missing.headers["ININ-Correlation-Id"]
    wrong_method = await get(sim, "/api/v2/textbots/bots/execute")
    assert wrong_method.status_code == 405
    assert wrong_method.headers["Allow"] == "POST"

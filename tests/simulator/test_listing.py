"""GET /api/v2/flows and GET /api/v2/textbots/bots/search, and unknown paths and methods."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textbots_tui.simulator import SimulatorSettings

from .helpers import APPOINTMENT, FAQ, ORDER_STATUS, STORE_BOT, RawSim, open_sim


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


async def test_outcome_and_milestone_names() -> None:
    async with open_sim() as sim:
        outcomes = (await get(sim, "/api/v2/flows/outcomes")).json()
        assert [e["name"] for e in outcomes["entities"]] == [
            "Appointment booked",
            "Order tracked",
            "Self-service",
        ]
        tracked = outcomes["entities"][1]
        assert tracked["id"] == "f1b3d5e7-9a2c-4e6f-8d0b-2c4e6a8f0b13"
        assert tracked["selfUri"] == f"/api/v2/flows/outcomes/{tracked['id']}"
        by_id = await sim.http.get(
            "/api/v2/flows/milestones",
            params=[
                ("id", "a4c6e8f0-1b3d-4f5a-9c7e-0d2f4b6a8c35"),
                ("id", "nope,4e6a8c0e-2d3f-4a7b-9c1e-3f5a7b9d1f68"),
            ],
            headers=sim.auth,
        )
        assert [e["name"] for e in by_id.json()["entities"]] == ["Order number captured", "Service chosen"]
        page = (await get(sim, "/api/v2/flows/milestones", pageSize=2, pageNumber=2, name="*chosen")).json()
        assert (page["total"], page["pageCount"], page["entities"]) == (2, 1, [])
        bad = await get(sim, "/api/v2/flows/outcomes", pageSize=101)
        assert bad.status_code == 400


async def test_names_refused_without_the_permission() -> None:
    settings = SimulatorSettings(missing_permissions=frozenset({"architect:flowMilestone:view"}))
    async with open_sim(settings) as sim:
        refused = await get(sim, "/api/v2/flows/milestones")
        assert refused.status_code == 403
        assert "architect:flowMilestone:view" in refused.json()["message"]
        assert (await get(sim, "/api/v2/flows/outcomes")).status_code == 200


async def test_unnamed_outcomes_and_milestones_are_listed_by_their_keys(tmp_path: Path) -> None:
    (tmp_path / "paid.yaml").write_text(
        "flow:\n"
        "  id: pay-1\n"
        "  name: Pay\n"
        "  outcomes:\n"
        "    paid: {id: o-9, milestones: {card_ok: m-9, sent: {id: m-10, name: Receipt sent}}}\n"
        "  sequences:\n"
        "    Start: [{milestone: card_ok}, {exit: TriggeredByFlow}]\n",
        encoding="utf-8",
    )
    settings = SimulatorSettings(flows_dir=tmp_path, include_samples=False)
    async with open_sim(settings) as sim:
        outcomes = (await get(sim, "/api/v2/flows/outcomes")).json()["entities"]
        milestones = (await get(sim, "/api/v2/flows/milestones")).json()["entities"]
    assert [(e["id"], e["name"]) for e in outcomes] == [("o-9", "paid")]
    assert [(e["id"], e["name"]) for e in milestones] == [("m-9", "card_ok"), ("m-10", "Receipt sent")]

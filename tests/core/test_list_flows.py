"""Listing the org's flows for the launch dialog: every page, and the input variables each flow declares."""

from __future__ import annotations

from pathlib import Path

from textbots_tui.core import parse
from textbots_tui.core.params import FlowVariable

from .conftest import FAQ, ORDER_STATUS, HarnessFactory


def write_flows(folder: Path, count: int) -> None:
    """``count`` small digital bot flows named ``Flow 001``... with ids ending in their number."""
    for n in range(1, count + 1):
        (folder / f"flow_{n:03}.yaml").write_text(
            f"flow:\n  id: 00000000-0000-4000-8000-{n:012}\n  name: Flow {n:03}\n  type: DIGITALBOT\n"
            "  language: en-us\n  sequences:\n    Welcome:\n      - say: Hi\n",
            encoding="utf-8",
        )


async def test_every_page_of_flows_is_listed(make_harness: HarnessFactory, tmp_path: Path) -> None:
    write_flows(tmp_path, 300)
    async with make_harness(flows_dir=tmp_path) as sim:
        flows = await sim.controller.list_targets("flow")
        pages = [
            (r.url.params["type"], r.url.params["pageNumber"])
            for r in sim.transport.requests
            if r.url.path == "/api/v2/flows"
        ]
    assert len(flows) == 303  # the 300 and the three samples
    assert [t.name for t in flows if t.name.startswith("Flow ")] == [f"Flow {n:03}" for n in range(1, 301)]
    assert sorted(pages) == [
        ("bot", "1"),
        ("digitalbot", "1"),
        ("digitalbot", "2"),
        ("digitalbot", "3"),
        ("digitalbot", "4"),
    ]


async def test_flows_carry_the_input_variables_they_declare(make_harness: HarnessFactory) -> None:
    async with make_harness() as sim:
        flows = {t.target_id: t for t in await sim.controller.list_targets("flow")}
        asked = {
            r.url.params.get("includeSchemas")
            for r in sim.transport.requests
            if r.url.path == "/api/v2/flows"
        }
    assert asked == {"true"}
    assert flows[ORDER_STATUS].input_variables == (
        FlowVariable("Flow.CustomerName", "string", "First name of the customer, if known", "there", True),
        FlowVariable("Flow.IsVip", "boolean", "Whether the customer is a Gold member", False, True),
    )
    assert flows[FAQ].input_variables == ()  # declares none: said, not guessed


def test_no_schema_means_the_org_did_not_say() -> None:
    assert parse.flow_variables(None) is None
    assert parse.flow_variables("not a schema") is None
    assert parse.flow_variables({"type": "object", "properties": []}) is None
    assert parse.flow_variables({"type": "object"}) == ()
    assert parse.flow_variables({"properties": {"Flow.X": {}, "Flow.Y": "odd"}}) == (
        FlowVariable("Flow.X"),
        FlowVariable("Flow.Y"),
    )


async def test_bots_are_searched_for_with_the_largest_page(make_harness: HarnessFactory) -> None:
    async with make_harness() as sim:
        await sim.controller.list_targets("bot")
        searches = [r for r in sim.transport.requests if r.url.path.endswith("/bots/search")]
        sizes = [r.url.params["pageSize"] for r in searches]
    assert sizes == ["100"]

"""The read-only listings: ``GET /api/v2/flows``, ``GET .../bots/search``, and the names of the flows'
outcomes and milestones (``GET /api/v2/flows/outcomes``, ``GET /api/v2/flows/milestones``)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

from .bots import CompiledBot
from .errors import field_error
from .program import CompiledFlow

FLOW_TYPES = {
    "bot",
    "commonmodule",
    "digitalbot",
    "inboundcall",
    "inboundchat",
    "inboundemail",
    "inboundshortmessage",
    "inqueuecall",
    "inqueueemail",
    "inqueueshortmessage",
    "outboundcall",
    "securecall",
    "speech",
    "surveyinvite",
    "voice",
    "voicemail",
    "voicesurvey",
    "workflow",
    "workitem",
}
BOT_TYPES = (
    "GenesysBotConnector",
    "GenesysDialogEngine",
    "AmazonLex",
    "GoogleDialogFlowES",
    "GoogleDialogFlowCX",
    "NuanceDlg",
    "GenesysBotFlow",
    "GenesysDigitalBotFlow",
    "GenesysVoiceSurveyFlow",
    "GenesysDigitalBotConnector",
)


def _int_param(params: Mapping[str, Sequence[str]], name: str, default: int, low: int, high: int) -> int:
    values = params.get(name)
    if not values:
        return default
    try:
        value = int(values[-1])
    except ValueError:
        raise field_error(name, f"'{values[-1]}' is not an integer") from None
    if not low <= value <= high:
        raise field_error(name, f"must be between {low} and {high}")
    return value


def _split(values: Sequence[str]) -> list[str]:
    # Repeated parameters and comma-separated lists are both accepted, as by the Platform API.
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _name_matches(pattern: str, name: str) -> bool:
    # The Platform API's name filter takes "*" as a wildcard; without one it matches a part of the name.
    needle = pattern.casefold()
    if "*" not in needle:
        return needle in name.casefold()
    pieces = needle.split("*")
    rest = name.casefold()
    if not rest.startswith(pieces[0]):
        return False
    rest = rest[len(pieces[0]) :]
    for piece in pieces[1:-1]:
        at = rest.find(piece)
        if at < 0:
            return False
        rest = rest[at + len(piece) :]
    return rest.endswith(pieces[-1])


def flow_entity(flow: CompiledFlow, include_schemas: bool) -> dict[str, Any]:
    """A ``Flow`` as the listing reports it."""
    entity: dict[str, Any] = {"id": flow.id, "name": flow.name}
    if flow.description:
        entity["description"] = flow.description
    entity.update(
        {
            "type": flow.type,
            "active": True,
            "system": False,
            "deleted": False,
            "publishedVersion": {"id": flow.version, "name": flow.version},
            "supportedLanguages": [{"language": flow.language, "isDefault": True}],
        }
    )
    if include_schemas:
        entity["inputSchema"] = flow.input_schema
        entity["outputSchema"] = flow.output_schema
    entity["selfUri"] = f"/api/v2/flows/{flow.id}"
    return entity


def list_flows(flows: Sequence[CompiledFlow], params: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    """``FlowEntityListing`` for ``GET /api/v2/flows``."""
    types = [t.lower() for t in _split(params.get("type", []))]
    for flow_type in types:
        if flow_type not in FLOW_TYPES:
            raise field_error("type", f"'{flow_type}' is not a flow type ({', '.join(sorted(FLOW_TYPES))})")
    page_size = _int_param(params, "pageSize", 25, 1, 500)
    page_number = _int_param(params, "pageNumber", 1, 1, 1_000_000)
    names = params.get("name", [])
    ids = set(_split(params.get("id", [])))
    include_schemas = (params.get("includeSchemas") or ["false"])[-1].lower() == "true"
    chosen = [
        f
        for f in sorted(flows, key=lambda f: f.name.casefold())
        if (not types or f.type.lower() in types)
        and (not names or _name_matches(names[-1], f.name))
        and (not ids or f.id in ids)
    ]
    entities = [flow_entity(f, include_schemas) for f in chosen]
    return paged("/api/v2/flows", entities, params, page_size, page_number)


def paged(
    path: str,
    entities: Sequence[dict[str, Any]],
    params: Mapping[str, Sequence[str]],
    page_size: int,
    page_number: int,
) -> dict[str, Any]:
    """One page of an entity listing, with its paging fields and links (the query kept in them)."""
    total = len(entities)
    page_count = max(1, math.ceil(total / page_size))
    page = entities[(page_number - 1) * page_size : page_number * page_size]
    query = {k: v for k, v in params.items() if k not in ("pageNumber", "pageSize")}

    def uri(number: int) -> str:
        pairs = [("pageSize", str(page_size)), ("pageNumber", str(number))]
        pairs += [(k, v) for k, values in query.items() for v in values]
        return f"{path}?" + urlencode(pairs)

    listing: dict[str, Any] = {
        "entities": list(page),
        "pageSize": page_size,
        "pageNumber": page_number,
        "total": total,
        "firstUri": uri(1),
        "selfUri": uri(page_number),
        "lastUri": uri(page_count),
        "pageCount": page_count,
    }
    if page_number < page_count:
        listing["nextUri"] = uri(page_number + 1)
    if page_number > 1:
        listing["previousUri"] = uri(page_number - 1)
    return listing


def search_bots(
    flows: Sequence[CompiledFlow], bots: Sequence[CompiledBot], params: Mapping[str, Sequence[str]]
) -> dict[str, Any]:
    """``BotSearchResponseEntityListing`` for ``GET /api/v2/textbots/bots/search`` (bots and bot flows)."""
    types = _split(params.get("botType", []))
    for bot_type in types:
        if bot_type not in BOT_TYPES:
            raise field_error("botType", f"'{bot_type}' is not a bot type ({', '.join(BOT_TYPES)})")
    page_size = _int_param(params, "pageSize", 25, 1, 100)
    name = (params.get("botName") or [""])[-1]
    ids = set(_split(params.get("botId", [])))
    virtual_values = params.get("virtualAgentEnabled")
    virtual = virtual_values[-1] if virtual_values else None
    entries: list[dict[str, Any]] = []
    for flow in flows:
        bot_type = "GenesysDigitalBotFlow" if flow.type == "DIGITALBOT" else "GenesysBotFlow"
        entry = {
            "id": flow.id,
            "name": flow.name,
            "botType": bot_type,
            "description": flow.description,
            "virtualAgentEnabled": False,
            "selfUri": f"/api/v2/flows/{flow.id}",
        }
        entries.append(entry)
    for bot in bots:
        entries.append(
            {
                "id": bot.id,
                "name": bot.name,
                "botType": bot.bot_type,
                "description": bot.description,
                "virtualAgentEnabled": bot.virtual_agent_enabled,
                "selfUri": f"/api/v2/textbots/bots/{bot.id}",
            }
        )
    chosen = [
        {k: v for k, v in e.items() if v is not None}
        for e in sorted(entries, key=lambda e: str(e["name"]).casefold())
        if (not types or e["botType"] in types)
        and (not name or _name_matches(name, str(e["name"])))
        and (not ids or e["id"] in ids)
        and (virtual is None or str(e["virtualAgentEnabled"]).lower() == virtual.lower())
    ]
    return {"entities": chosen[:page_size]}


_HOME_ID = "6c2a1e4b-0d3f-4e5a-9b7c-8d1e2f3a4b5c"
HOME_DIVISION = {"id": _HOME_ID, "name": "Home", "selfUri": f"/api/v2/authorization/divisions/{_HOME_ID}"}
"""The one division of the simulated org (every outcome and milestone lives in it)."""


def list_named(kind: str, names: Mapping[str, str], params: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    """``FlowOutcomeListing`` or ``FlowMilestoneListing`` (``kind`` is ``outcomes`` or ``milestones``).

    ``names`` maps ids to names. Filters as the Platform API does: ``id`` (repeated or comma-separated),
    ``name`` (part of the name, or ``*`` wildcards); paging by ``pageSize`` (max 100) and ``pageNumber``.
    """
    page_size = _int_param(params, "pageSize", 25, 1, 100)
    page_number = _int_param(params, "pageNumber", 1, 1, 1_000_000)
    ids = set(_split(params.get("id", [])))
    wanted = params.get("name", [])
    chosen = [
        (id_, name)
        for id_, name in sorted(names.items(), key=lambda pair: (pair[1].casefold(), pair[0]))
        if (not ids or id_ in ids) and (not wanted or _name_matches(wanted[-1], name))
    ]
    path = f"/api/v2/flows/{kind}"
    entities = [
        {"id": id_, "name": name, "division": dict(HOME_DIVISION), "selfUri": f"{path}/{id_}"}
        for id_, name in chosen
    ]
    return paged(path, entities, params, page_size, page_number)


def flow_configuration(flow: CompiledFlow) -> dict[str, Any]:
    """``GET /api/v2/flows/{flowId}/latestconfiguration``: what the flow declares. An org answers with
    Architect's full document; the simulator gives the parts a tester reads: the flow's identity, and the
    outcomes, milestones and intents it has (so coverage can list those never reached)."""
    return {
        "id": flow.id,
        "name": flow.name,
        "type": flow.type,
        "version": flow.version,
        "outcomes": [{"id": oid, "name": name} for oid, name in flow.outcome_names.items()],
        "milestones": [{"id": mid, "name": name} for mid, name in flow.milestone_names.items()],
        "intents": [{"name": name} for name in flow.intent_names],
    }

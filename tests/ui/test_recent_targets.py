"""Remembered dialog values are kept per target: one org's ids never prefill the dialogs on another."""

from __future__ import annotations

import json
from pathlib import Path

from textbots_tui.core.params import BotParams, FlowLaunchParams
from textbots_tui.ui.recent import RecentValues

DEV = {"api_url": "https://api.mypurecloud.ie", "profile": "dev"}
CLIENT = {"api_url": "https://api.mypurecloud.de", "profile": "client-b"}


def test_values_remembered_on_one_target_are_offered_on_that_target_only(tmp_path: Path) -> None:
    path = tmp_path / "recent.json"
    RecentValues(path, DEV).remember_flow(FlowLaunchParams("dev-flow", language="fr"))
    RecentValues(path, CLIENT).remember_bot(BotParams("client-bot", "client-integration"))

    dev, client = RecentValues(path, DEV), RecentValues(path, CLIENT)
    assert dev.last_flow() == FlowLaunchParams("dev-flow", language="fr") and dev.last_bot() is None
    assert client.last_flow() is None and client.for_flow("dev-flow") is None
    assert client.last_bot() == BotParams("client-bot", "client-integration")
    assert RecentValues(path, {**DEV, "api_url": DEV["api_url"] + "/"}).for_flow("dev-flow") is not None
    assert RecentValues(path, {"api_url": DEV["api_url"]}).last_flow() is None, "no profile: another target"

    client.remember_flow(FlowLaunchParams("client-flow"))  # one target's save keeps the others' values
    assert RecentValues(path, DEV).last_flow() == FlowLaunchParams("dev-flow", language="fr")
    document = json.loads(path.read_text())
    assert document["version"] == 2 and len(document["targets"]) == 2


def test_a_file_from_before_targets_prefills_nothing_and_keeps_its_values_aside(tmp_path: Path) -> None:
    path = tmp_path / "recent.json"
    bots = [{"bot_id": "b", "integration_id": "i"}]
    old = {"version": 1, "flows": [{"flow_id": "whose-flow"}], "bots": bots}
    path.write_text(json.dumps(old))
    for target in (DEV, CLIENT, None):
        recent = RecentValues(path, target)
        assert recent.last_flow() is None and recent.for_flow("whose-flow") is None
        assert recent.last_bot() is None

    RecentValues(path, DEV).remember_flow(FlowLaunchParams("dev-flow"))
    document = json.loads(path.read_text())
    assert document["before_targets"] == {"flows": old["flows"], "bots": old["bots"]}, "not lost"
    RecentValues(path, CLIENT).remember_flow(FlowLaunchParams("client-flow"))
    assert json.loads(path.read_text())["before_targets"] == document["before_targets"]
    assert RecentValues(path, CLIENT).for_flow("whose-flow") is None

"""The values last used per flow and per bot, for each target, so the dialogs open filled in.

One small JSON file under the data dir. Remembering is a convenience: a missing, corrupt or unwritable file
never stops a launch, it only means the dialog opens with defaults.

Values are kept per target (the org: API URL and profile, :mod:`textbots_tui.core.targets`): what was used
on one org never prefills the dialogs on another, where its ids would mean nothing (or a past client's).
A file of version 1 had no targets: its values cannot be told apart, so they prefill nothing; they are kept
aside in the file (``before_targets``) rather than lost.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict
from pathlib import Path
from typing import Any, Final, TypeVar

from textbots_tui.core.params import BotParams, FlowLaunchParams
from textbots_tui.core.targets import recorded_target, same_target
from textbots_tui.ui.state_files import write_atomically

__all__ = ["RECENT_FILE_NAME", "RecentValues"]

RECENT_FILE_NAME: Final = "recent.json"
"""The file name the app is expected to use under its data dir."""

_VERSION: Final = 2
_KEEP: Final = 50
"""How many flows and how many bots are remembered per target (the least recently used are dropped)."""

_log = logging.getLogger(__name__)

_Params = TypeVar("_Params", FlowLaunchParams, BotParams)


def _validated(kind: type[_Params], entries: Any) -> list[_Params]:
    """The entries of one list that make valid params; others (hand edits, older shapes) are skipped."""
    if not isinstance(entries, list):
        return []
    # pydantic checks the dataclass field types; imported here so opening the app does not pay for it.
    from pydantic import TypeAdapter, ValidationError

    adapter = TypeAdapter(kind)
    valid: list[_Params] = []
    for entry in entries:
        try:
            valid.append(adapter.validate_python(entry))
        except ValidationError as exc:
            _log.info("skipping a remembered %s entry: %s", kind.__name__, exc)
    return valid


def _is_for(entry: Any, target: dict[str, str] | None) -> bool:
    """Whether a target's section of the file is ``target``'s (no target: the section without one)."""
    if not isinstance(entry, dict):
        return False
    recorded = recorded_target(entry.get("target"))
    return same_target(recorded, target) if target else recorded is None


class RecentValues:
    """The last values used on one target for each flow and bot, most recent first, saved to ``path`` on
    every change (the other targets' values in the file are left as they are)."""

    def __init__(self, path: Path | None, target: dict[str, str] | None = None) -> None:
        """Use ``path`` for storage (``None`` keeps everything in memory: tests, or no data dir); remember
        and offer the values of ``target`` only (the org the dialogs launch on)."""
        self._path = path
        self._target = dict(target) if target else None
        self._flows: list[FlowLaunchParams] | None = None
        self._bots: list[BotParams] | None = None
        self._others: list[Any] = []
        """The other targets' sections of the file, written back as they were read."""
        self._before_targets: Any = None
        """The values of a version 1 file (no target known): kept, never offered."""

    @property
    def path(self) -> Path | None:
        """Where the values are saved, if anywhere."""
        return self._path

    def last_flow(self) -> FlowLaunchParams | None:
        """The params of the most recently launched flow."""
        flows = self._loaded_flows()
        return flows[0] if flows else None

    def for_flow(self, flow_id: str) -> FlowLaunchParams | None:
        """The params last used to launch ``flow_id``."""
        return next((params for params in self._loaded_flows() if params.flow_id == flow_id), None)

    def remember_flow(self, params: FlowLaunchParams) -> None:
        """Make ``params`` the most recent flow launch (replacing what was remembered for that flow)."""
        flows = [params, *(other for other in self._loaded_flows() if other.flow_id != params.flow_id)]
        self._flows = flows[:_KEEP]
        self._save()

    def last_bot(self) -> BotParams | None:
        """The params of the most recently started bot."""
        bots = self._loaded_bots()
        return bots[0] if bots else None

    def for_bot(self, bot_id: str) -> BotParams | None:
        """The params last used to start ``bot_id``."""
        return next((params for params in self._loaded_bots() if params.bot_id == bot_id), None)

    def remember_bot(self, params: BotParams) -> None:
        """Make ``params`` the most recent bot start (replacing what was remembered for that bot)."""
        bots = [params, *(other for other in self._loaded_bots() if other.bot_id != params.bot_id)]
        self._bots = bots[:_KEEP]
        self._save()

    def _loaded_flows(self) -> list[FlowLaunchParams]:
        if self._flows is None:
            self._load()
        assert self._flows is not None
        return self._flows

    def _loaded_bots(self) -> list[BotParams]:
        if self._bots is None:
            self._load()
        assert self._bots is not None
        return self._bots

    def _load(self) -> None:
        # Loaded on first use rather than in __init__, so building the app costs no file read.
        data: Any = {}
        if self._path is not None:
            try:
                data = json.loads(self._path.read_text(encoding="utf-8"))
            except FileNotFoundError:
                pass
            except (OSError, ValueError) as exc:
                _log.warning("cannot read remembered values from %s: %s", self._path, exc)
        if not isinstance(data, dict):
            data = {}
        if data.get("version", 1) == 1 and ("flows" in data or "bots" in data):
            self._before_targets = {"flows": data.get("flows"), "bots": data.get("bots")}
        else:
            self._before_targets = data.get("before_targets")
        sections = data.get("targets")
        sections = sections if isinstance(sections, list) else []
        mine: dict[str, Any] = next((entry for entry in sections if _is_for(entry, self._target)), {})
        self._others = [entry for entry in sections if entry is not mine]
        self._flows = _validated(FlowLaunchParams, mine.get("flows"))
        self._bots = _validated(BotParams, mine.get("bots"))

    def _save(self) -> None:
        if self._path is None:
            return
        mine = {
            "target": self._target,
            "flows": [asdict(params) for params in self._loaded_flows()],
            "bots": [asdict(params) for params in self._loaded_bots()],
        }
        document: dict[str, Any] = {"version": _VERSION, "targets": [mine, *self._others]}
        if self._before_targets is not None:
            document["before_targets"] = self._before_targets
        text = json.dumps(document, indent=2, ensure_ascii=False)
        try:
            write_atomically(self._path, text)
        except OSError as exc:
            _log.warning("cannot save remembered values to %s: %s", self._path, exc)

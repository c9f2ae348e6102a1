"""What the user may do with a session now, and the one wording of why not (core decides; the TUI asks)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import textbots_tui
from textbots_tui.core.availability import (
    NO_SESSION,
    Refusal,
    input_refusal,
    pick_refusal,
    session_actions,
)
from textbots_tui.core.errors import InputRefused
from textbots_tui.core.events import SessionEnded
from textbots_tui.core.items import Choice
from textbots_tui.core.params import BotParams, FlowLaunchParams, SessionState
from textbots_tui.core.sessions import Session

TRACK = Choice("Track an order", "track")


def _flow(state: SessionState = SessionState.WAITING, *, read_only: bool = False) -> Session:
    session = Session("s1", FlowLaunchParams(flow_id="5f1c2d3e"), read_only=read_only)
    session.move_to(state)
    session.offer([], more=False)
    return session


def test_input_refusals_say_why_and_what_would_help() -> None:
    assert input_refusal(None) == NO_SESSION == Refusal("no session", "start")
    assert input_refusal(_flow()) is None
    assert input_refusal(_flow(), busy=True) == Refusal("a turn is in flight", "wait")
    history = input_refusal(_flow(read_only=True))
    assert history == Refusal("this session is read-only history from the journal", "start_again")
    ended = _flow()
    ended.end(SessionEnded("s1", how="exit", reason="TriggeredByFlow"))
    assert input_refusal(ended) == Refusal("the session is exited (TriggeredByFlow)", "restart")
    assert str(input_refusal(ended)) == "the session is exited (TriggeredByFlow): restart it to talk again"


def test_the_controller_refuses_with_the_same_words() -> None:
    ended = _flow()
    ended.end(SessionEnded("s1", how="disconnect", reason="Error"))
    with pytest.raises(InputRefused) as refused:
        ended.check_can_send()
    assert str(refused.value) == str(input_refusal(ended))


def test_pick_refusals() -> None:
    session = _flow()
    session.choices = (TRACK,)
    assert pick_refusal(session, TRACK) is None
    assert pick_refusal(session, Choice("Old", "old")) == Refusal(
        "that choice is no longer offered", "choose"
    )
    assert pick_refusal(session, None) == Refusal("that choice is no longer offered", "choose")
    assert pick_refusal(session, TRACK, busy=True) == Refusal("a turn is in flight", "wait")
    session.move_to(SessionState.TALKING)
    assert pick_refusal(session, TRACK) == Refusal("a turn is in flight", "wait")
    assert pick_refusal(None, TRACK) == NO_SESSION


def test_session_actions_follow_the_session() -> None:
    assert session_actions(None) == frozenset()
    waiting = _flow()
    assert session_actions(waiting) == {
        "restart", "show_vars", "save", "replay_live", "replay", "rename", "close", "send_event", "resume"
    }  # fmt: skip
    assert session_actions(waiting, busy=True) == {
        "restart",
        "show_vars",
        "save",
        "replay_live",
        "rename",
        "close",
        "send_event",
    }
    ended = _flow(SessionState.EXITED)
    assert session_actions(ended) == {"restart", "show_vars", "save", "replay_live", "replay", "rename"}
    history = _flow(read_only=True)
    assert session_actions(history) == {"restart", "show_vars", "save", "replay_live", "replay"}
    bot = Session("b1", BotParams(bot_id="b0751c55", integration_id="any"))
    assert session_actions(bot) == {
        "restart",
        "show_vars",
        "save",
        "replay_live",
        "replay",
        "rename",
        "close",
    }


SESSION_FIELDS = {
    "state", "remote_id", "last_turn_id", "pending_noop", "turns", "exchanges", "events", "choices", "links",
    "no_input_timeout_ms", "language_preferences", "ended", "in_flight", "name", "read_only",
}  # fmt: skip
"""What a session holds; only ``core/sessions.py`` writes it."""
SESSION_NAMES = {"session", "old", "new", "history", "restored"}
"""The names core gives a :class:`Session` in a local variable (other objects have fields named alike)."""


def test_only_the_session_writes_its_fields() -> None:
    root = Path(textbots_tui.__file__).parent
    writes = []
    for path in sorted((root / "core").rglob("*.py")):
        if path.name == "sessions.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[ast.expr] = []
            if isinstance(node, ast.Assign):
                targets = node.targets
            elif isinstance(node, ast.AugAssign | ast.AnnAssign):
                targets = [node.target]
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                grows = node.func.attr in ("append", "extend")
                targets = [node.func.value] if grows else []
            targets = [
                t for target in targets for t in (target.elts if isinstance(target, ast.Tuple) else [target])
            ]
            for target in targets:
                owner = target.value if isinstance(target, ast.Attribute) else None
                if (
                    isinstance(target, ast.Attribute)
                    and target.attr in SESSION_FIELDS
                    and isinstance(owner, ast.Name)
                    and owner.id in SESSION_NAMES
                ):
                    writes.append(f"{path.relative_to(root)}:{node.lineno} session.{target.attr}")
    assert not writes, f"a session's fields change only through its own methods: {writes}"


def test_state_cannot_be_set_directly() -> None:
    session = _flow()
    with pytest.raises(AttributeError):
        session.state = SessionState.CLOSED  # type: ignore[misc]
    assert session.move_to(SessionState.CLOSED) and not session.move_to(SessionState.CLOSED)

"""Text from outside the app (server messages, next actions, link URLs, config values) is shown literally
in every toast, label and title: square brackets never act as markup, and `[/...]` never crashes the app."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest
from textual.content import Content

from textbots_tui.ui.app import TextbotsApp
from textbots_tui.ui.widgets.chat_pane import ChatPane

from .harness import FaultSwitch, main_screen, make_app, order_status, settle, type_text

UI = Path(__file__).resolve().parents[2] / "textbots_tui" / "ui"
HOSTILE = [
    "No route for [/api/v2/textbots/botflows/sessions/x/turns]",
    "[reverse]x[/reverse] and [bold]",
    "[link=http://evil.example]x[/link]",
    "[@click=app.quit]x[/]",
]


def toasts(app: TextbotsApp) -> list[str]:
    """The text of every toast the app showed, as shown: a message taken as markup would be changed (or
    would have crashed the app), so it counts only when taken literally."""
    return [
        f"{note.title}: {note.message}" if not note.markup else Content.from_markup(note.message).plain
        for note in app._notifications
    ]


@pytest.mark.parametrize("hostile", HOSTILE)
async def test_a_server_error_message_is_shown_literally(hostile: str) -> None:
    faults = FaultSwitch()
    async with make_app(start=order_status(), faults=faults).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        faults.status, faults.body = 404, {"status": 404, "code": "not.found", "message": hostile}
        await type_text(pilot, "hello")
        await pilot.press("enter")
        await settle(pilot)
        assert pilot.app.is_running
        # The shown session's error is a panel in the chat (a toast would cover it): literal there.
        chat = main_screen(pilot).chat.export_text()
        assert hostile in chat, chat


@pytest.mark.parametrize("hostile", HOSTILE)
async def test_an_unknown_next_action_and_a_link_are_shown_literally(hostile: str) -> None:
    faults = FaultSwitch()
    async with make_app(start=order_status(), faults=faults).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        faults.status, faults.body = 200, {"id": "turn-x", "nextActionType": hostile}
        await type_text(pilot, "hello")
        await pilot.press("enter")
        await settle(pilot)
        screen = main_screen(pilot)
        screen.chat.post_message(ChatPane.LinkActivated(screen.chat, hostile))
        await settle(pilot)
        assert pilot.app.is_running
        shown = toasts(pilot.app)
        assert any(f"unknown next action {hostile!r}" in text for text in shown), shown
        assert any(text.endswith(f": {hostile}") and "Link" in text for text in shown), shown


async def test_a_theme_name_that_looks_like_markup_does_not_crash() -> None:
    async with make_app(theme="[/]x").run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert pilot.app.is_running
        assert any("Unknown theme '[/]x'" in text for text in toasts(pilot.app))


# Every site, statically: a notify() or a Label/Static made from anything but a literal string says
# markup=False (or passes Content / Text, which are never parsed).

_SAFE_WRAPPERS = {"Content", "Text", "assemble"}


def _literal(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _wrapped(node: ast.expr) -> bool:
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    return name in _SAFE_WRAPPERS


def _unsafe_sites() -> list[str]:
    found = []
    for path in sorted(UI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = (
                func.attr
                if isinstance(func, ast.Attribute)
                else func.id
                if isinstance(func, ast.Name)
                else ""
            )
            if name not in ("notify", "Label", "Static") or not node.args:
                continue
            markup_off = any(
                k.arg == "markup" and isinstance(k.value, ast.Constant) and k.value.value is False
                for k in node.keywords
            )
            first = node.args[0]
            if not (markup_off or _literal(first) or _wrapped(first)):
                found.append(f"{path.relative_to(UI)}:{node.lineno}: {name}(...)")
    return found


def test_every_notify_label_and_static_takes_outside_text_literally() -> None:
    assert _unsafe_sites() == []


def test_the_scan_sees_an_unsafe_site(tmp_path: Path, monkeypatch: Any) -> None:
    (tmp_path / "bad.py").write_text(
        "self.notify(f'{x}')\nLabel(name)\nStatic(Content(x))\n", encoding="utf-8"
    )
    monkeypatch.setattr(f"{__name__}.UI", tmp_path)
    assert _unsafe_sites() == ["bad.py:1: notify(...)", "bad.py:2: Label(...)"]


def test_content_is_never_markup() -> None:
    assert Content(HOSTILE[0]).plain == HOSTILE[0]

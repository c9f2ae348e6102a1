"""Check a ``[keys]`` remap before it silently does nothing: unknown ids, keys the input line takes first.

A remapped key goes to the focused widget first. The input line has the focus most of the time and binds
many keys of its own (ctrl+k deletes to the end of the line, ctrl+a goes home, and every printable key types),
so an action remapped onto one of them never runs while the user is typing. Priority bindings (ctrl+w,
ctrl+e) are looked at before the focused widget, so they are safe on any key.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from textual.app import App
from textual.binding import Binding, BindingsMap

_INPUT_ACTION_NAMES: dict[str, str] = {
    "delete_right_all": "delete to the end of the line",
    "delete_left_all": "delete to the start of the line",
    "delete_left_word": "delete the word before the cursor",
    "delete_right_word": "delete the word after the cursor",
    "delete_right": "delete",
    "delete_left": "backspace",
    "home": "go to the start of the line",
    "end": "go to the end of the line",
    "select_all": "select all",
    "submit": "send",
}


def _describe(action: str) -> str:
    name = action.split("(", 1)[0]
    return _INPUT_ACTION_NAMES.get(name, name.replace("_", " "))


def _keys(value: str) -> list[str]:
    return [key.strip() for key in value.split(",") if key.strip()]


def keymap_problems(
    keymap: Mapping[str, str],
    bindings: Iterable[Binding],
    input_bindings: Iterable[Binding],
    focused_only: Iterable[str] = (),
) -> list[str]:
    """One line for each remap that cannot work as meant: an unknown binding id, or a key the input takes.

    ``bindings`` are those the keymap may remap (the main screen's and the chat pane's); ``input_bindings``
    the input line's own keys. Ids in ``focused_only`` work only while their own widget (the chat pane, the
    session list) has the focus, never the input line's: any key does for them.
    """
    scoped = set(focused_only)
    by_id: dict[str, Binding] = {}
    for _key, binding in BindingsMap(bindings):
        if binding.id is not None:
            by_id.setdefault(binding.id, binding)
    input_keys: dict[str, str] = {}
    for key, input_binding in BindingsMap(input_bindings):
        input_keys.setdefault(key, _describe(input_binding.action))
    problems: list[str] = []
    for ident, value in keymap.items():
        target = by_id.get(ident)
        if target is None:
            problems.append(f"[keys] {ident}: no such binding id (F1 lists them); the remap is ignored")
            continue
        if target.priority or ident in scoped:
            continue
        for key in _keys(value):
            if key in input_keys:
                what = f"the input line's key to {input_keys[key]}"
            elif len(key) == 1:
                what = "a key the input line types"
            else:
                continue
            problems.append(
                f"[keys] {ident} = {key}: {key} is {what}, so {target.description!r} does nothing "
                "while the input line has the focus; choose another key"
            )
    return problems


def app_keymap_problems(app: App[Any], keymap: Mapping[str, str]) -> list[str]:
    """:func:`keymap_problems` for every binding the help lists, against the input line's keys."""
    from textual.widgets import Input

    from textbots_tui.ui.bindings import MAIN_BINDINGS
    from textbots_tui.ui.screens.help_screen import HelpScreen, help_sources
    from textbots_tui.ui.widgets.chat_pane import ChatPane
    from textbots_tui.ui.widgets.input_bar import PromptInput
    from textbots_tui.ui.widgets.session_sidebar import SessionSidebar

    scoped = [b.id for b in (*ChatPane.BINDINGS, *SessionSidebar.BINDINGS) if isinstance(b, Binding) and b.id]
    remappable = [binding for _, batch in help_sources(app, MAIN_BINDINGS) for binding in batch]
    remappable += [binding for binding in HelpScreen.BINDINGS if isinstance(binding, Binding)]
    input_keys = [b for b in (*Input.BINDINGS, *PromptInput.BINDINGS) if isinstance(b, Binding)]
    return keymap_problems(keymap, remappable, input_keys, scoped)

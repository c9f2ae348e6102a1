"""The help screen: every key by group, read from the bindings themselves, and the slash commands."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from itertools import groupby

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import Grid, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from textbots_tui.ui.bindings import MAIN_GROUP_TITLE
from textbots_tui.ui.commands import COMMAND_HELP


@dataclass(frozen=True, slots=True)
class HelpRow:
    """One action in the help: its group, keys as displayed, description, tooltip and binding id."""

    group: str
    keys: str
    description: str
    tooltip: str
    ident: str = ""
    """The binding id, by which ``[keys]`` in config.toml remaps it (empty: not remappable)."""


def current_keymap(app: App[object]) -> Mapping[str, str]:
    """The keymap the app applies now (binding id to keys)."""
    # Textual keeps the applied keymap on the app but exposes no reader for it; reading it here keeps the help
    # true after ``set_keymap`` or ``update_keymap``, whoever called them.
    return dict(getattr(app, "_keymap", {}))


SUBMIT_HELP = (
    "Send the line as text; a line that is a choice's number (while choices are offered) or its label "
    "picks that choice. Digits always type"
)

HelpSources = list[tuple[str | None, Iterable[Binding]]]
"""Bindings to list, each batch with the group title for those that have no group of their own."""


def help_sources(app: App[object], screen_bindings: Iterable[Binding]) -> HelpSources:
    """The main screen's bindings, the chat pane's, the session list's and the input line's, and the app's
    (quit, palette)."""
    from textbots_tui.ui.widgets.chat_pane import ChatPane
    from textbots_tui.ui.widgets.input_bar import PromptInput
    from textbots_tui.ui.widgets.session_sidebar import SessionSidebar

    app_bindings = [binding for binding in app.BINDINGS if isinstance(binding, Binding)]
    palette = Binding(
        app.COMMAND_PALETTE_BINDING, "command_palette", "Palette", tooltip="Search every action"
    )
    # The input's own Enter key, described for what it does here.
    submit = [
        replace(binding, description="Send, or pick", tooltip=SUBMIT_HELP)
        for binding in PromptInput.BINDINGS + Input.BINDINGS
        if isinstance(binding, Binding) and binding.action == "submit"
    ]
    return [
        (None, screen_bindings),
        ("Chat pane", [b for b in ChatPane.BINDINGS if isinstance(b, Binding)]),
        ("Session list", [b for b in SessionSidebar.BINDINGS if isinstance(b, Binding)]),
        ("Input line", [*submit, *(b for b in PromptInput.BINDINGS if isinstance(b, Binding))]),
        ("App", [*app_bindings, palette]),
    ]


def collect_help(
    app: App[object], sources: HelpSources, keymap: Mapping[str, str] | None = None
) -> list[HelpRow]:
    """Rows for every binding of ``sources``, with the keymap applied so a remapped key shows as remapped.

    ``keymap`` defaults to the one the app applies now.

    ``sources`` pairs a default group title with bindings; a binding's own group wins over the default. The
    keys of one binding id (``home,ctrl+a``) are shown together.
    """
    if keymap is None:
        keymap = current_keymap(app)
    rows: list[HelpRow] = []
    for default_group, bindings in sources:
        bindings_map = BindingsMap(bindings)
        if keymap:
            bindings_map.apply_keymap(keymap)
        keys_by_id: dict[str, list[str]] = {}
        first_by_id: dict[str, Binding] = {}
        for _key, binding in bindings_map:
            if binding.system:
                continue
            ident = binding.id or binding.action
            keys_by_id.setdefault(ident, []).append(app.get_key_display(binding))
            first_by_id.setdefault(ident, binding)
        for ident, binding in first_by_id.items():
            group = binding.group.description if binding.group else default_group or MAIN_GROUP_TITLE
            keys = " / ".join(keys_by_id[ident])
            rows.append(HelpRow(group, keys, binding.description, binding.tooltip, binding.id or ""))
    return _fold_numbered(rows)


_NUMBERED = re.compile(r"^(.*?)(\d+)$")


def _fold_numbered(rows: list[HelpRow]) -> list[HelpRow]:
    """One line for a run like "Pick choice 1" .. "Pick choice 9" that shares a group and a tooltip."""

    def run_key(row: HelpRow) -> tuple[str, str, object]:
        numbered = _NUMBERED.match(row.description)
        # A row without a number gets a key of its own, so it never joins a run.
        return row.group, row.tooltip, numbered.group(1) if numbered else id(row)

    folded: list[HelpRow] = []
    for (group, tooltip, prefix), run_rows in groupby(rows, key=run_key):
        run = list(run_rows)
        if len(run) == 1:
            folded.extend(run)
            continue
        first, last = run[0].description, run[-1].description
        span = f"{prefix}{first[len(str(prefix)) :]}-{last[len(str(prefix)) :]}"
        ident = _id_span(run[0].ident, run[-1].ident)
        folded.append(HelpRow(group, f"{run[0].keys} … {run[-1].keys}", span, tooltip, ident))
    return folded


def _id_span(first: str, last: str) -> str:
    """``pick-1`` and ``pick-9`` as ``pick-1…9``: the ids of a folded run, short enough for their column."""
    if not first or not last:
        return ""
    common = 0
    while common < min(len(first), len(last)) and first[common] == last[common]:
        common += 1
    return f"{first}…{last[common:]}"


def grouped(rows: Iterable[HelpRow]) -> dict[str, list[HelpRow]]:
    """Rows by group, groups in the order they first appear."""
    groups: dict[str, list[HelpRow]] = {}
    for row in rows:
        groups.setdefault(row.group, []).append(row)
    return groups


COMMAND_ROWS = [
    *((f"/{name}", text) for name, text in COMMAND_HELP.items()),
    ("//text", "send text that starts with a slash"),
]
"""The slash commands as the help lists them."""


class HelpScreen(ModalScreen[None]):
    """Lists keys and commands. Escape, F1 or q closes it."""

    CSS_PATH = "help_screen.tcss"
    BINDINGS = [
        Binding("escape,f1,q", "dismiss_help", "Close", id="help-close", tooltip="Back to the conversation"),
    ]

    def __init__(self, rows: list[HelpRow]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        """A title, then per group a grid of keys, names and explanations, then the slash commands."""
        with Vertical(id="help-dialog"):
            yield Static(
                'Keys and commands (remap a key in config.toml under [keys] by its id: new-flow = "f12")',
                id="help-title",
                markup=False,
            )
            with VerticalScroll(id="help-body"):
                for group, rows in grouped(self.rows).items():
                    yield Static(group, classes="help-group", markup=False)
                    with Grid(classes="help-grid"):
                        for row in rows:
                            yield Static(row.keys, classes="help-keys", markup=False)
                            yield Static(row.ident, classes="help-id", markup=False)
                            yield Static(row.description, classes="help-description", markup=False)
                            yield Static(row.tooltip, classes="help-tooltip", markup=False)
                yield Static("Slash commands (type them in the input line)", classes="help-group")
                with Grid(classes="help-grid -commands"):
                    for command, text in COMMAND_ROWS:
                        yield Static(command, classes="help-keys help-command", markup=False)
                        yield Static(text, classes="help-tooltip", markup=False)
            yield Static("escape closes · ctrl+p searches every action", id="help-footer")

    def action_dismiss_help(self) -> None:
        """Close the help."""
        self.dismiss(None)

"""The help screen: every key by group, read from the bindings themselves, and the slash commands."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from textbots_tui.ui.bindings import MAIN_GROUP_TITLE
from textbots_tui.ui.commands import COMMAND_HELP


@dataclass(frozen=True, slots=True)
class HelpRow:
    """One action in the help: its group, keys as displayed, description and tooltip."""

    group: str
    keys: str
    description: str
    tooltip: str


def current_keymap(app: App[object]) -> Mapping[str, str]:
    """The keymap the app applies now (binding id to keys)."""
    # Textual keeps the applied keymap on the app but exposes no reader for it; reading it here keeps the help
    # true after ``set_keymap`` or ``update_keymap``, whoever called them.
    return dict(getattr(app, "_keymap", {}))


def collect_help(
    app: App[object], sources: Iterable[tuple[str | None, Iterable[Binding]]], keymap: Mapping[str, str]
) -> list[HelpRow]:
    """Rows for every binding of ``sources``, with ``keymap`` applied so a remapped key shows as remapped.

    ``sources`` pairs a default group title with bindings; a binding's own group wins over the default. The
    keys of one binding id (``f3,ctrl+i``) are shown together.
    """
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
            rows.append(HelpRow(group, " / ".join(keys_by_id[ident]), binding.description, binding.tooltip))
    return rows


def render_help(rows: Iterable[HelpRow]) -> Content:
    """Group titles, then one aligned line per action; then the slash commands."""
    grouped: dict[str, list[HelpRow]] = {}
    for row in rows:
        grouped.setdefault(row.group, []).append(row)
    lines: list[Content] = []
    for group, group_rows in grouped.items():
        lines.append(Content.styled(group, "bold $accent"))
        for row in group_rows:
            lines.append(
                Content.assemble(
                    ("  " + row.keys.ljust(14), "bold"),
                    row.description.ljust(16),
                    ("  " + row.tooltip, "$text-muted"),
                )
            )
        lines.append(Content(""))
    lines.append(Content.styled("Slash commands (type them in the input line)", "bold $accent"))
    for name, text in COMMAND_HELP.items():
        lines.append(Content.assemble(("  " + f"/{name}".ljust(14), "bold"), text))
    lines.append(Content.assemble(("  " + "//text".ljust(14), "bold"), "send text that starts with a slash"))
    return Content("\n").join(lines)


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
        """A title and the scrollable list."""
        with Vertical(id="help-dialog"):
            yield Static("Keys and commands", id="help-title")
            with VerticalScroll(id="help-body"):
                yield Static(render_help(self.rows), id="help-text")
            yield Static("escape closes · ctrl+p searches every action", id="help-footer")

    def action_dismiss_help(self) -> None:
        """Close the help."""
        self.dismiss(None)

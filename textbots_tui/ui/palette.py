"""The command palette's entries for the main screen: every action that works now; sessions in a list of
their own.

Entries are read from the screen's bindings, so a new key is in the palette without being listed twice, and
``check_action`` decides what is offered, as it decides what the footer shows. An action that needs a session
is still found while none is shown, and says so when run, rather than "No matches found". Sessions are not
mixed in with the commands (with a long history they would bury them): "Switch session…" opens their list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Any, Protocol, runtime_checkable

from textual.actions import parse
from textual.command import DiscoveryHit, Hit, Hits, Provider, SimpleCommand
from textual.screen import Screen

from textbots_tui.ui.actions import NEEDS_SESSION, PALETTE_ONLY
from textbots_tui.ui.bindings import MAIN_BINDINGS

HIDDEN_FROM_PALETTE = {"pick"}
"""Actions that make no sense without their key (pick a numbered choice)."""


@runtime_checkable
class SessionScreen(Protocol):
    """What the palette needs of the screen it serves (the main screen), so this module need not import it."""

    @property
    def current_id(self) -> str | None:
        """The session shown, if any."""

    def show_session(self, session_id: str) -> None:
        """Show another session."""


NEEDS_SESSION_HELP = "Needs a session: ctrl+n launches a flow, ctrl+b starts a bot, ctrl+s picks one"


class MainCommands(Provider):
    """Actions of the main screen."""

    def _entries(self) -> Iterator[tuple[str, str, Callable[[], object]]]:
        screen = self.screen
        if not isinstance(screen, SessionScreen):
            return
        yield from _action_entries(screen, screen)

    async def discover(self) -> Hits:
        """Everything on offer, before anything is typed."""
        for title, help_text, callback in self._entries():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        """Entries whose title matches what was typed."""
        matcher = self.matcher(query)
        for title, help_text, callback in self._entries():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)


def _action_entries(
    screen: Screen[Any], sessions: SessionScreen
) -> Iterator[tuple[str, str, Callable[[], object]]]:
    seen: set[str] = set()
    entries = [(b.action, b.description, b.tooltip) for b in MAIN_BINDINGS]
    entries += [(entry.action, entry.description, entry.tooltip) for entry in PALETTE_ONLY]
    for action_text, description, tooltip in entries:
        if action_text in seen:
            continue
        seen.add(action_text)
        _namespace, action, parameters = parse(action_text)
        if action in HIDDEN_FROM_PALETTE:
            continue
        if screen.check_action(action, parameters):
            yield description, tooltip, partial(screen.run_action, action_text)
        elif action in NEEDS_SESSION and sessions.current_id is None:
            yield description, NEEDS_SESSION_HELP, partial(_needs_session, screen)


def _needs_session(screen: Screen[Any]) -> None:
    screen.notify(NEEDS_SESSION_HELP, title="No session shown", markup=False)


def offer_sessions(screen: Screen[Any], sessions: SessionScreen) -> None:
    """Open the "Switch session…" list (or say there is no other session)."""
    commands = session_commands(screen, sessions)
    if not commands:
        screen.notify("No other session to switch to", title="Switch session", markup=False)
        return
    screen.app.search_commands(commands, placeholder="Switch to session… (type part of its name)")


def session_commands(screen: Screen[Any], sessions: SessionScreen) -> list[SimpleCommand]:
    """The "Switch session…" list: every session but the one shown, by name."""
    return [
        SimpleCommand(name, callback, help_text)
        for name, help_text, callback in _session_entries(screen, sessions)
    ]


def _session_entries(
    screen: Screen[Any], sessions: SessionScreen
) -> Iterator[tuple[str, str, Callable[[], object]]]:
    """One entry per session but the one shown (``sessions`` is ``screen``, seen as what it offers)."""
    from textbots_tui.core.targets import target_label
    from textbots_tui.ui.widgets.session_sidebar import SessionSidebar, state_badge

    sidebar = screen.query_one(SessionSidebar)
    for session_id in sidebar.session_ids:
        info = sidebar.info(session_id)
        if info is None or session_id == sessions.current_id:
            continue
        where = f", {target_label(info.org_target)}" if sidebar.elsewhere(info) else ""
        yield (
            info.name,
            f"{info.kind}, {state_badge(info)}, {info.turn_count} turns{where}",
            partial(sessions.show_session, session_id),
        )

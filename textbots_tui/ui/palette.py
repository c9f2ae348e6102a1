"""The command palette's entries for the main screen: every action that works now, and every session.

Entries are read from the screen's bindings, so a new key is in the palette without being listed twice, and
``check_action`` decides what is offered, as it decides what the footer shows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Protocol, runtime_checkable

from textual.actions import parse
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen

from textbots_tui.ui.bindings import MAIN_BINDINGS, PALETTE_ONLY

HIDDEN_FROM_PALETTE = {"pick"}
"""Actions that make no sense without their key (pick a numbered choice)."""


@runtime_checkable
class SessionScreen(Protocol):
    """What the palette needs of the screen it serves (the main screen), so this module need not import it."""

    current_id: str | None

    def show_session(self, session_id: str) -> None:
        """Show another session."""


class MainCommands(Provider):
    """Actions of the main screen and "Switch to session ..." entries."""

    def _entries(self) -> Iterator[tuple[str, str, Callable[[], object]]]:
        screen = self.screen
        if not isinstance(screen, SessionScreen):
            return
        yield from _action_entries(screen)
        yield from _session_entries(screen, screen)

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


def _action_entries(screen: Screen[object]) -> Iterator[tuple[str, str, Callable[[], object]]]:
    seen: set[str] = set()
    for binding in MAIN_BINDINGS:
        action_text = binding.action
        if action_text in seen:
            continue
        seen.add(action_text)
        _namespace, action, parameters = parse(action_text)
        if action in HIDDEN_FROM_PALETTE or not screen.check_action(action, parameters):
            continue
        yield binding.description, binding.tooltip, partial(screen.run_action, action_text)
    for entry in PALETTE_ONLY:
        _namespace, action, parameters = parse(entry.action)
        if screen.check_action(action, parameters):
            yield entry.description, entry.tooltip, partial(screen.run_action, entry.action)


def _session_entries(
    screen: Screen[object], sessions: SessionScreen
) -> Iterator[tuple[str, str, Callable[[], object]]]:
    """One entry per session but the one shown (``sessions`` is ``screen``, seen as what it offers)."""
    from textbots_tui.ui.widgets.session_sidebar import SessionSidebar, state_badge

    sidebar = screen.query_one(SessionSidebar)
    for session_id in sidebar.session_ids:
        info = sidebar.info(session_id)
        if info is None or session_id == sessions.current_id:
            continue
        yield (
            f"Switch to session {info.name}",
            f"{info.kind}, {state_badge(info)}, {info.turn_count} turns",
            partial(sessions.show_session, session_id),
        )

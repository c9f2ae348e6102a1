"""Textual's footer, drawn with the first frame and rebuilt only when the keys it shows have changed.

Textual's own footer starts empty and rebuilds all its key widgets after the next refresh each time the
screen says its bindings may have changed: while the app starts, the screen's resume and the first focus
say so several times, so the footer was built three times before the first frame (some 30 ms). This one
composes its keys at once, folds every notice that arrives before the next refresh into one check, and
rebuilds only if what it would show differs from what it shows.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING, Any

from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.screen import Screen


class KeysFooter(Footer):
    """A :class:`~textual.widgets.Footer` rebuilt once per batch of binding changes, and only on a change."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        # The screen's bindings are complete by the time the footer composes (it is mounted with the screen):
        # showing them straight away puts the keys in the first frame instead of one refresh later.
        self.set_reactive(Footer._bindings_ready, True)
        self._check_pending = False
        self._shown: Hashable = None

    def keys_shown(self) -> Hashable:
        """Everything the footer's content is built from, comparable with an earlier value."""
        app = self.app
        return (
            self.show_command_palette,
            tuple(
                (key, binding, app.get_key_display(binding), enabled, tooltip)
                for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
                if binding.show or key == app.COMMAND_PALETTE_BINDING
            ),
        )

    def compose(self) -> ComposeResult:
        """Textual's key widgets; what they show is remembered to tell later whether it changed."""
        self._shown = self.keys_shown()
        yield from super().compose()

    def bindings_changed(self, screen: Screen[Any]) -> None:
        """Check once after the next refresh, however many notices come before it."""
        self._bindings_ready = True
        if not screen.app.app_focus or self._check_pending:
            return
        if self.is_attached and screen is self.screen:
            self._check_pending = True
            self.call_after_refresh(self._rebuild_if_changed)

    async def _rebuild_if_changed(self) -> None:
        self._check_pending = False
        if self.is_attached and self.keys_shown() != self._shown:
            await self.recompose()

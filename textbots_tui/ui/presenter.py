"""Presenter mode: the main screen as an audience should see it, on a projector or a video call.

On, it leaves out what a stakeholder should not see (payload tags, the SIMULATOR badge, retry lines and their
toasts, raw JSON of unknown content, outcome and milestone ids and ISO timestamps, the inspector and the
no-input countdown), spaces the chat more, shows a short typing indicator before each bot message, ends with a
plain-language banner, and switches to the high-contrast projector theme. Off, everything comes back as it
was (the theme the user had included).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from textual.theme import Theme

if TYPE_CHECKING:
    from textual.screen import Screen

PROJECTOR_THEME: Final = Theme(
    name="projector",
    primary="#FFD21F",
    secondary="#5CE1FF",
    accent="#FFD21F",
    warning="#FFB020",
    error="#FF6B6B",
    success="#4BE38A",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1C1C1C",
    boost="#FFFFFF",
    dark=True,
    variables={"text-muted": "#D0D0D0", "foreground-muted": "#D0D0D0", "footer-background": "#1C1C1C"},
)
"""White on black with yellow accents: the contrast reads from the back of a room (every text colour is at
least WCAG AA on its background; ``tests/ui/test_contrast.py`` checks it with the other themes)."""


class Presenter:
    """Switches presenter mode on ``host`` (the main screen), which styles ``.-present`` and draws its chat
    pane with ``present``; the theme is the app's."""

    def __init__(self, host: Screen[Any]) -> None:
        self._host = host
        self.active = False
        self._theme_before: str | None = None

    def apply(self, active: bool) -> None:
        """Turn presenter mode on or off."""
        from textbots_tui.ui.widgets.chat_pane import ChatPane
        from textbots_tui.ui.widgets.connection_bar import ConnectionBar

        if active == self.active:
            return
        self.active = active
        host = self._host
        host.set_class(active, "-present")
        host.query_one(ChatPane).present = active
        host.query_one(ConnectionBar).present = active
        app = host.app
        if active:
            self._theme_before = app.theme
            app.theme = PROJECTOR_THEME.name
        elif self._theme_before is not None and app.theme == PROJECTOR_THEME.name:
            app.theme = self._theme_before
        host.refresh_bindings()

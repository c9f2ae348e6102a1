"""How the main screen shares its width: the sidebar (shown, hidden, or by itself below ~100 columns) and
the inspector (normal, wide, or the whole width).

The state is classes on the screen; ``main_screen.tcss`` says what each class does to the panes, so the
sizes live in one stylesheet and follow the terminal's width as it changes.
"""

from __future__ import annotations

from typing import Any, Final, Literal

from textual.screen import Screen

NARROW_COLUMNS: Final = 100
"""Below this width the sidebar hides by itself (the chat needs the room), unless the user showed it."""

InspectorWidth = Literal["normal", "wide", "full"]
INSPECTOR_WIDTHS: Final[tuple[InspectorWidth, ...]] = ("normal", "wide", "full")
"""The inspector's widths, in the order the widen key goes through them."""


class PaneLayout:
    """The layout of ``screen``'s panes: which are shown and how wide, as classes on the screen."""

    def __init__(self, screen: Screen[Any]) -> None:
        self._screen = screen
        self.sidebar_choice: bool | None = None
        """What the user chose with the toggle (``None``: shown or hidden by the terminal's width)."""
        self.narrow = False
        """The terminal is under :data:`NARROW_COLUMNS` wide."""
        self.inspector_width: InspectorWidth = "normal"

    @property
    def sidebar_shown(self) -> bool:
        """Whether the sidebar is on screen now."""
        return self.sidebar_choice if self.sidebar_choice is not None else not self.narrow

    def fit(self, columns: int) -> None:
        """Follow the terminal's width (the sidebar hides by itself when it is narrow)."""
        self.narrow = columns < NARROW_COLUMNS
        self._apply()

    def toggle_sidebar(self) -> None:
        """Show or hide the sidebar, whatever the width; the choice holds until the next toggle."""
        self.sidebar_choice = not self.sidebar_shown
        self._apply()

    def widen_inspector(self) -> None:
        """Normal, wide, the whole width, then normal again."""
        index = INSPECTOR_WIDTHS.index(self.inspector_width)
        self.inspector_width = INSPECTOR_WIDTHS[(index + 1) % len(INSPECTOR_WIDTHS)]
        self._apply()

    def inspector_shown(self, shown: bool) -> None:
        """A closed inspector opens at its normal width next time (never a blank screen at full width)."""
        if not shown:
            self.inspector_width = "normal"
            self._apply()

    def _apply(self) -> None:
        screen = self._screen
        screen.set_class(not self.sidebar_shown, "-sidebar-hidden")
        screen.set_class(self.inspector_width == "wide", "-inspector-wide")
        screen.set_class(self.inspector_width == "full", "-inspector-full")

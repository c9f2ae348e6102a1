"""The history's keys and palette entries, part of the main screen's (see :mod:`textbots_tui.ui.bindings`;
when they work: :mod:`textbots_tui.ui.actions`).

The delete key itself belongs to the session list (``SessionSidebar``, binding id ``delete-session``): it
acts on the highlighted entry, and the footer shows it while the list has the focus. Their actions are the
main screen's, run by :class:`textbots_tui.ui.history_controls.HistoryControls`.
"""

from __future__ import annotations

from textual.binding import Binding

HISTORY = Binding.Group("History")

HISTORY_BINDINGS: list[Binding] = [
    Binding(
        "alt+h",
        "history('all_targets')",
        "History of all targets",
        show=False,
        id="history-all-targets",
        tooltip="List the history of every target (each labelled with its org), or only the current one's",
        group=HISTORY,
    ),
]
"""Appended to the main screen's bindings."""

HISTORY_PALETTE: list[tuple[str, str, str]] = [
    (
        "history('delete')",
        "Delete this past session…",
        "Delete the shown past session and its journal file, after asking (delete in the session list too)",
    ),
    (
        "history('clear')",
        "Clear history…",
        "Delete every past session of the current target and their journal files, after asking; other "
        "targets' sessions and those of `textbots-tui run` are kept",
    ),
]
"""(action, title, help) of the palette-only history commands."""

"""How tall each transcript entry is at the current width, and which entry the view's top line is in.

:class:`TranscriptHeights` is the bookkeeping behind the scrolling view, without Textual: it owns the
:class:`~textbots_tui.ui.widgets.transcript.model.TranscriptModel` and the width its exact heights are for,
and decides which entries to lay out exactly when: after a resize only those the view will show (the rest
keep an estimate), then the rest in slices newest first, and whatever scrolls into view at once. Laying an
entry out is the view's business (it caches the strips it draws): it passes a function that returns the
entry's line count. Each round of estimates has a ``generation``; a refinement of an older round stops.

An :data:`Anchor` remembers the entry at the top of the view, so the view can scroll back to the same place
when heights above or inside it change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from time import perf_counter

from textbots_tui.ui.widgets.transcript.model import TranscriptModel

Anchor = tuple[int, int]
"""The entry at the top of the view and how many of its lines are above the view."""

Measure = Callable[[int, bool], int]
"""Lays entry ``index`` out at the current width and returns its line count; with ``keep`` the view keeps
the strips for drawing."""

_SETTLE_ROUNDS = 8
"""Exact heights move what is in view; settling stops after this many rounds even if it still moves."""


class TranscriptHeights:
    """The entries' heights at the current width: which are exact, which to lay out next, and anchors."""

    def __init__(self, measure: Measure) -> None:
        self._measure = measure
        self.model = TranscriptModel()
        self.width = 0
        """The width the exact heights are for (0 until the view knows its size)."""
        self.generation = 0
        """Bumped whenever every height is re-estimated or the transcript replaced: older refinements stop."""

    @property
    def settled(self) -> bool:
        """Whether every height is exact (none is left from an estimate)."""
        return all(self.model.exact)

    def reset(self) -> None:
        """Start again with an empty transcript (a refinement of the old one stops)."""
        self.generation += 1
        self.model = TranscriptModel()

    def measure(self, index: int, keep: bool = True) -> bool:
        """Lay entry ``index`` out exactly; True when its height changed (offsets are then stale).

        With ``keep`` the view keeps the strips for drawing; without, only the height is wanted.
        """
        return self.model.set_height(index, self._measure(index, keep))

    def measure_from(self, first: int) -> None:
        """Lay out every estimated entry from ``first`` on, and bring the line offsets up to date."""
        model = self.model
        for index in model.inexact(range(first, len(model))):
            self.measure(index)
        model.recompute_from(first)

    def anchor(self, top: int) -> Anchor | None:
        """The entry that transcript line ``top`` (the view's first) is in, and how far into it that is."""
        model = self.model
        if not model.entries:
            return None
        index = model.entry_at(top)
        return index, top - model.offsets[index]

    def anchored_top(self, anchor: Anchor | None) -> int | None:
        """The first line to show so that the anchored entry is where it was (None: no anchor, or its entry
        is gone)."""
        model = self.model
        if anchor is None or anchor[0] >= len(model):
            return None
        index, into = anchor
        return model.offsets[index] + min(into, model.heights[index] - 1)

    def relayout(self, width: int, view: int, anchor: Anchor | None) -> None:
        """Estimate every height for ``width``, then lay out exactly what a view of ``view`` lines shows:
        from the anchored entry down or, without an anchor (following the end), from the last entry up."""
        model = self.model
        self.generation += 1
        self.width = width
        model.estimate_all(width)
        if anchor is None:
            indexes: Iterable[int] = range(len(model) - 1, -1, -1)
        else:
            indexes = range(anchor[0], len(model))
        covered = 0
        for index in indexes:
            self.measure(index)
            covered += model.heights[index]
            if covered >= view:
                break
        model.recompute_from(0)

    def refine(self, index: int, deadline: float) -> tuple[int, bool]:
        """Lay out estimated entries exactly from ``index`` towards the first until ``deadline`` (a
        ``perf_counter`` time), for their heights only.

        Returns the next index to refine (-1 when done) and whether a height changed (the offsets are then
        up to date again, and the view must scroll back to its anchor).
        """
        model = self.model
        first: int | None = None
        while index >= 0 and perf_counter() < deadline:
            if not model.exact[index] and self.measure(index, keep=False):
                first = index
            index -= 1
        if first is None:
            return index, False
        model.recompute_from(first)
        return index, True

    def settle(self, top: int, view: int) -> None:
        """Lay out exactly every estimated entry on lines ``top`` to ``top + view - 1`` (entries above keep
        their heights); again while that changes which entries are there."""
        model = self.model
        for _ in range(_SETTLE_ROUNDS):
            visible = range(model.entry_at(top), model.entry_at(top + view - 1) + 1)
            changed = [index for index in model.inexact(visible) if self.measure(index)]
            if not changed:
                break
            model.recompute_from(changed[0])

"""The chat pane's data, without Textual: entries, their line index, and which choices are current.

:class:`TranscriptModel` turns controller events into entries and keeps a prefix sum of entry heights, so
a transcript line maps to (entry, line within it) by bisection and appending is O(1). Heights are either
exact (the entry was laid out at the current width) or estimated (after a resize, until refined).

It also decides which choices are current: those of the latest ``WaitingForInput``, or, until one comes,
those the bot offered since the user's last input. Entries after the last user input show them numbered;
when the current choices change, those entries are invalidated (they must be laid out again).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import accumulate
from typing import TYPE_CHECKING

from textbots_tui.ui.widgets.transcript.style import ChoiceNumbering

if TYPE_CHECKING:
    from textbots_tui.core.events import Event
    from textbots_tui.core.items import Choice
    from textbots_tui.ui.widgets.transcript.layout import Entry


@dataclass(frozen=True, slots=True)
class Change:
    """What an event changed: entries from ``first`` on need laying out; ``stale`` lost their layout."""

    first: int
    stale: tuple[int, ...] = ()


class TranscriptModel:
    """Entries, heights, line offsets and the current choices of one conversation."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.heights: list[int] = []
        self.exact: list[bool] = []
        """Whether each height comes from a layout at the current width (else it is an estimate)."""
        self.offsets: list[int] = [0]
        """First line of every entry, plus the total line count at the end."""
        self.current: tuple[Choice, ...] = ()
        self.numbering = ChoiceNumbering(())
        self.messages = 0
        self._live_from = 0
        self._waiting = False
        self._offered: list[Choice] = []

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def total(self) -> int:
        """The number of lines of the whole transcript."""
        return self.offsets[-1]

    def is_live(self, index: int) -> bool:
        """Whether entry ``index`` shows choices that may be current (it came after the last user input)."""
        return index >= self._live_from and bool(self.entries[index].choices)

    def entry_at(self, line: int) -> int:
        """The entry that transcript line ``line`` belongs to (clamped to the first and last entry)."""
        return max(0, min(len(self.entries) - 1, bisect_right(self.offsets, line) - 1))

    def apply(self, event: Event, estimate: Callable[[Entry], int] | None = None) -> Change | None:
        """Take one event into account; None when nothing shown changed.

        A new entry gets the height ``estimate`` gives (1 without one: the caller lays it out or
        re-estimates everything later).
        """
        # Imported on the first event, not with the widget: an empty pane (the first frame) needs neither the
        # event classes (and the api modules they pull in) nor the entry layout.
        from textbots_tui.core.events import BotOutput, SessionEnded, UserInputSent, WaitingForInput
        from textbots_tui.ui.widgets.transcript.layout import SHOWN_EVENTS, Entry

        stale: tuple[int, ...] = ()
        if isinstance(event, UserInputSent):
            stale = self._set_current(())
            self._live_from = len(self.entries) + 1
            self._waiting = False
            self._offered = []
        elif isinstance(event, WaitingForInput):
            self._waiting = True
            stale = self._set_current(event.choices)
            return Change(stale[0], stale) if stale else None
        elif isinstance(event, SessionEnded):
            stale = self._set_current(())
        elif not isinstance(event, SHOWN_EVENTS):
            return None
        entry = Entry.from_event(event)
        index = len(self.entries)
        self.entries.append(entry)
        self.heights.append(estimate(entry) if estimate is not None else 1)
        self.exact.append(False)
        self.offsets.append(self.offsets[-1] + self.heights[-1])
        if isinstance(event, UserInputSent | BotOutput):
            self.messages += 1
        if isinstance(event, BotOutput) and entry.choices:
            self._offered.extend(entry.choices)
            if not self._waiting:
                stale += tuple(i for i in self._set_current(tuple(self._offered)) if i != index)
        return Change(min((index, *stale)), stale)

    def end_choices(self) -> tuple[int, ...]:
        """Nothing can be picked any more (the session closed, or is history): drop the current choices.

        Returns the entries whose layout that makes stale (their chips lose their numbers).
        """
        self._waiting = False
        self._offered = []
        return self._set_current(())

    def _set_current(self, choices: tuple[Choice, ...]) -> tuple[int, ...]:
        """Make ``choices`` the current ones; return the entries whose layout that makes stale."""
        if choices == self.current:
            return ()
        self.current = choices
        self.numbering = ChoiceNumbering(choices)
        stale = tuple(i for i in range(self._live_from, len(self.entries)) if self.entries[i].choices)
        for index in stale:
            self.exact[index] = False
        return stale

    def set_height(self, index: int, height: int) -> bool:
        """Record the exact height of entry ``index``; True when it changed (offsets are then stale)."""
        self.exact[index] = True
        if height != self.heights[index]:
            self.heights[index] = height
            return True
        return False

    def recompute_from(self, first: int) -> None:
        """Bring the line offsets of entries ``first`` and later up to date with their heights."""
        start = self.offsets[first]
        del self.offsets[first:]
        self.offsets.extend(accumulate(self.heights[first:], initial=start))

    def estimate_all(self, width: int) -> None:
        """Replace every height by an estimate for ``width`` (all of them become inexact)."""
        if self.entries:  # an empty transcript (the first frame's) does without the layout code
            from textbots_tui.ui.widgets.transcript.layout import estimate_heights

            self.heights = estimate_heights(self.entries, width)
        self.exact = [False] * len(self.entries)
        self.recompute_from(0)

    def inexact(self, indexes: Iterable[int]) -> list[int]:
        """Those of ``indexes`` whose height is only an estimate."""
        exact = self.exact
        return [index for index in indexes if not exact[index]]

"""A virtualised transcript of one session's events (Textual Line API): the chat pane's engine.

Events are kept as data. Each shown event is one entry, laid out to lines lazily for the current width; a
prefix sum of entry heights maps a screen row to (entry, line), so appending is O(1) and only what is on
screen is ever rendered. A resize replaces every height by a cheap estimate, lays out exactly only what
becomes visible, and refines the rest in small slices between frames, keeping the top visible entry (or the
end, when following) in place while heights settle. Which heights to lay out when, and where the anchored
entry is, are :class:`~textbots_tui.ui.widgets.transcript.heights.TranscriptHeights`; this module lays
entries out, caches their strips, scrolls and draws.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from time import perf_counter
from typing import TYPE_CHECKING, ClassVar

from rich.segment import Segment
from textual import events
from textual.cache import LRUCache
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip

from textbots_tui.core.names import NO_NAMES, FlowNames
from textbots_tui.ui.widgets.transcript.heights import Anchor, TranscriptHeights
from textbots_tui.ui.widgets.transcript.strips import Target, highlight, select
from textbots_tui.ui.widgets.transcript.style import LayoutContext, TranscriptStyles

if TYPE_CHECKING:
    from textbots_tui.core.events import Event
    from textbots_tui.core.items import Choice

_STRIP_CACHE_ENTRIES = 256
"""Entries whose strips are kept: a few screens' worth; anything else is laid out again when shown."""
_REFINE_SLICE_S = 0.006
"""Time spent refining estimated heights per step, so frames and input keep flowing after a resize."""

_MIN_LAYOUT_WIDTH = 16
"""Below this nothing is readable anyway: the pane lays out for this width and crops."""


class TranscriptView(ScrollView):
    """Controller events as a scrollable transcript: messages, rich bot items, banners, errors, notices.

    Feed it with :meth:`add_event`, or all of a session's events at once with :meth:`show_events`.

    Its look comes from the component classes of :class:`~textbots_tui.ui.widgets.chat_pane.ChatPane`'s
    stylesheet; the pointer target under the mouse (``_hover``) is drawn highlighted.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = set(TranscriptStyles.component_classes().values())

    show_timestamps: reactive[bool] = reactive(False)
    """Show the local time of every message."""
    show_latency: reactive[bool] = reactive(True)
    """Show each turn's latency next to the bot's reply."""
    present: reactive[bool] = reactive(False)
    """Presenter mode: leave out what a stakeholder should not see, plain end banner, roomier spacing."""
    names: reactive[FlowNames] = reactive(NO_NAMES, always_update=True)
    """Outcome and milestone names for end banners (set when they are resolved; ids until then)."""

    def __init__(
        self,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        self._heights = TranscriptHeights(self._measure)
        self._strips: LRUCache[int, list[Strip]] = LRUCache(_STRIP_CACHE_ENTRIES)
        self._styles: TranscriptStyles | None = None
        self._follow = True
        """The view is at the end: new output scrolls into view."""
        self._settling = False
        self._hover: Target | None = None

    # -- public API ---------------------------------------------------------------------------------------

    @property
    def message_count(self) -> int:
        """How many user and bot messages the pane shows (banners, errors and notices not counted)."""
        return self._heights.model.messages

    @property
    def current_choices(self) -> tuple[Choice, ...]:
        """The choices on offer now, in the order they are numbered on screen (1..9 for the first nine)."""
        return self._heights.model.current

    @property
    def layout_settled(self) -> bool:
        """False while heights estimated after a resize (or :meth:`show_events`) are still being refined."""
        return self._heights.settled

    def export_text(self) -> str:
        """The whole transcript as plain text, laid out at the pane's width (for copying, and for tests)."""
        entries = self._heights.model.entries
        if not self._heights.width or not entries:
            return ""
        from textbots_tui.ui.widgets.transcript.layout import layout_entry

        lines = (
            line.plain.rstrip()
            for index, entry in enumerate(entries)
            for line in layout_entry(entry, self._layout_context(index))
        )
        return "\n".join(lines).rstrip("\n")

    def add_event(self, event: Event) -> None:
        """Show one controller event (events that are not for the chat only update the current choices)."""
        # Imported on the first event: the empty pane of the first frame does without the layout code.
        from textbots_tui.ui.widgets.transcript.layout import estimate_height

        heights = self._heights
        follow = self._follow
        anchor = None if follow else self._anchor()
        width = heights.width
        change = heights.model.apply(event, (lambda entry: estimate_height(entry, width)) if width else None)
        if change is None:
            return
        for index in change.stale:
            self._strips.discard(index)
        if not width:
            return
        heights.measure_from(change.first)
        self._sync_virtual_size()
        if follow:
            self.scroll_end(animate=False, immediate=True, x_axis=False, force=True)
        else:
            self._restore(anchor)
        self.refresh()

    def end_choices(self) -> None:
        """The session takes no more input (closed, or history): its choices lose their numbers and keys."""
        heights = self._heights
        stale = heights.model.end_choices()
        if not stale:
            return
        for index in stale:
            self._strips.discard(index)
        if heights.width:
            heights.measure_from(min(stale))
            self._sync_virtual_size()
        self.refresh()

    def show_events(self, events: Iterable[Event]) -> None:
        """Replace everything with these events (switching sessions): only what is visible is laid out now."""
        self._reset()
        model = self._heights.model
        for event in events:
            model.apply(event)
        if self._heights.width:
            self._relayout(self._heights.width)
        self.refresh()

    def clear(self) -> None:
        """Remove everything."""
        self._reset()
        self._sync_virtual_size()
        self.scroll_to(0, 0, animate=False, immediate=True, force=True)
        self.refresh()

    def _reset(self) -> None:
        self._heights.reset()
        self._strips.clear()
        self._hover = None
        self._follow = True

    # -- layout -------------------------------------------------------------------------------------------

    def _get_styles(self) -> TranscriptStyles:
        if self._styles is None:
            self._styles = TranscriptStyles.from_lookup(self.rich_style, self.get_component_rich_style)
        return self._styles

    def _layout_context(self, index: int) -> LayoutContext:
        model = self._heights.model
        return LayoutContext(
            console=self.app.console,
            width=self._heights.width,
            styles=self._get_styles(),
            show_timestamps=self.show_timestamps,
            show_latency=self.show_latency,
            present=self.present,
            names=self.names,
            numbering=model.numbering if model.is_live(index) else None,
        )

    def _strips_for(self, index: int) -> list[Strip]:
        strips = self._strips.get(index)
        if strips is None:
            from textbots_tui.ui.widgets.transcript.layout import layout_entry

            base = self._get_styles().base
            console = self.app.console
            lines = layout_entry(self._heights.model.entries[index], self._layout_context(index))
            # The base style goes under every segment once, here, so cached strips are ready to show.
            strips = [Strip(Segment.apply_style(line.render(console), base), line.cell_len) for line in lines]
            self._strips[index] = strips
        return strips

    def _measure(self, index: int, keep: bool) -> int:
        """Lay entry ``index`` out at the current width and count its lines (the heights' ``Measure``).

        With ``keep`` the strips are cached for drawing; without, only the height is wanted.
        """
        if keep:
            return len(self._strips_for(index))
        from textbots_tui.ui.widgets.transcript.layout import layout_entry

        return len(layout_entry(self._heights.model.entries[index], self._layout_context(index)))

    def _sync_virtual_size(self) -> None:
        size = Size(self._heights.width, self._heights.model.total)
        if self.virtual_size != size:
            self.virtual_size = size

    def _anchor(self) -> Anchor | None:
        """The entry at the top of the view and how far into it the view starts."""
        return self._heights.anchor(round(self.scroll_y))

    def _restore(self, anchor: Anchor | None) -> None:
        """Scroll so the anchored entry is where it was, after heights above or in it changed."""
        target = self._heights.anchored_top(anchor)
        if target is not None and target != round(self.scroll_y):
            self.scroll_to(y=target, animate=False, immediate=True, force=True)

    def _after_heights_changed(self, anchor: Anchor | None) -> None:
        self._sync_virtual_size()
        if self._follow:
            self.scroll_end(animate=False, immediate=True, x_axis=False, force=True)
        else:
            self._restore(anchor)
        self.refresh()

    def _relayout(self, width: int) -> None:
        """Re-estimate every height for ``width``; lay out exactly what will be visible; refine the rest."""
        heights = self._heights
        anchor = None if self._follow else self._anchor()
        self._strips.clear()
        heights.relayout(width, max(1, self.scrollable_content_region.height), anchor)
        self._after_heights_changed(anchor)
        if not heights.settled:
            # Refine once the first frame at the new width is out, so it never delays that frame.
            self.call_after_refresh(self._start_refine, heights.generation)

    def _start_refine(self, generation: int) -> None:
        if generation == self._heights.generation:
            self.run_worker(
                self._refine(generation), name="chat-pane layout", group="chat-pane-layout", exclusive=True
            )

    async def _refine(self, generation: int) -> None:
        """Lay out estimated entries exactly (newest first) in short slices, yielding between them so
        frames and input keep flowing; stop when a newer round of estimates starts."""
        heights = self._heights
        index = len(heights.model) - 1
        while index >= 0 and generation == heights.generation:
            anchor = None if self._follow else self._anchor()
            index, changed = heights.refine(index, perf_counter() + _REFINE_SLICE_S)
            if changed:
                self._after_heights_changed(anchor)
            await asyncio.sleep(0)

    def _settle_visible(self) -> None:
        """Lay out exactly every estimated entry in view (entries above it keep their heights)."""
        heights = self._heights
        if self._settling or not heights.width or not heights.model.entries:
            return
        self._settling = True
        try:
            heights.settle(round(self.scroll_y), max(1, self.scrollable_content_region.height))
            self._sync_virtual_size()
        finally:
            self._settling = False

    # -- Textual hooks ------------------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        """Theme or state styles changed: rebuild styles and strips (heights do not depend on colours)."""
        super().notify_style_update()
        self._styles = None
        self._strips.clear()

    def on_resize(self, event: events.Resize) -> None:
        """Lay out again for a new width; keep following the end on a height change."""
        width = self.scrollable_content_region.width
        if width:
            width = max(width, _MIN_LAYOUT_WIDTH)
        if width and width != self._heights.width:
            self._relayout(width)
        else:
            self._settle_visible()
            if self._follow:
                self.scroll_end(animate=False, immediate=True, x_axis=False, force=True)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Lay out what scrolled into view; follow new output only while the view is at the end."""
        super().watch_scroll_y(old_value, new_value)
        self._settle_visible()
        self._follow = round(new_value) >= self.max_scroll_y

    def _relayout_if_sized(self) -> None:
        if self._heights.width:
            self._relayout(self._heights.width)

    # Each of these changes what the lines hold, so each lays the transcript out again.
    _watch_show_timestamps = _watch_show_latency = _watch_present = _watch_names = _relayout_if_sized

    def render_line(self, y: int) -> Strip:
        """Render one row of the view from the cached layout of the entry it falls in."""
        model = self._heights.model
        width = self.scrollable_content_region.width
        base = self._get_styles().base
        line = round(self.scroll_y) + y
        if not self._heights.width or not model.entries or line >= model.total:
            return Strip.blank(width, base)
        index = model.entry_at(line)
        strips = self._strips_for(index)
        offset = line - model.offsets[index]
        strip = strips[offset] if offset < len(strips) else Strip.blank(width, base)
        if self._hover is not None:
            strip = highlight(strip, self._hover, self._get_styles().hover)
        strip = strip.crop_extend(0, width, base)
        selection = self.text_selection
        if selection is not None and (span := selection.get_span(line)) is not None:
            strip = select(strip, *span, self.screen.get_component_rich_style("screen--selection"))
        # Offsets tell Textual which transcript line and column the pointer is on, for text selection.
        return strip.apply_offsets(0, line)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The transcript text under the selection (only the entries it covers are laid out)."""
        model = self._heights.model
        if not self._heights.width or not model.entries:
            return None
        first = selection.start.y if selection.start is not None else 0
        last = selection.end.y if selection.end is not None else model.total - 1
        lines = [""] * model.total
        for index in range(model.entry_at(first), model.entry_at(last) + 1):
            start = model.offsets[index]
            for number, strip in enumerate(self._strips_for(index)[: model.heights[index]]):
                lines[start + number] = strip.text.rstrip()
        return selection.extract("\n".join(lines)), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        """Repaint to show the new selection."""
        self.refresh()

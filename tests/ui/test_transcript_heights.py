"""The transcript's height bookkeeping without Textual: what a relayout lays out, where an anchor lands."""

from __future__ import annotations

from datetime import UTC, datetime

from textbots_tui.core.events import Notice
from textbots_tui.ui.widgets.transcript.heights import TranscriptHeights

AT = datetime(2026, 3, 4, 9, 30, 15, tzinfo=UTC)


class Layouts:
    """A stand-in for the view's layout: each entry's line count, and which entries were laid out."""

    def __init__(self, lines: int) -> None:
        self.lines: dict[int, int] = {}
        self.default = lines
        self.laid_out: list[int] = []

    def __call__(self, index: int, keep: bool) -> int:
        self.laid_out.append(index)
        return self.lines.get(index, self.default)


def transcript(entries: int, lines: int = 3) -> tuple[TranscriptHeights, Layouts]:
    layouts = Layouts(lines)
    heights = TranscriptHeights(layouts)
    for number in range(entries):
        heights.model.apply(Notice("s", f"notice {number}", at=AT))
    return heights, layouts


def test_a_relayout_lays_out_only_what_the_view_will_show() -> None:
    heights, layouts = transcript(1000)
    heights.relayout(80, 10, None)  # following the end: from the last entry up, 3 lines each
    assert layouts.laid_out == [999, 998, 997, 996] and not heights.settled
    layouts.laid_out.clear()
    heights.relayout(60, 10, (500, 1))  # scrolled up: from the anchored entry down
    assert layouts.laid_out == [500, 501, 502, 503] and heights.width == 60
    # Scrolled to entry 700: the entries its 5 lines showed by their estimates (2 lines each), then, once
    # those are exact (3 lines), nothing more: 700 and 701 fill the view.
    heights.settle(heights.model.offsets[700], 5)
    assert layouts.laid_out[4:] == [700, 701, 702]


def test_refining_keeps_the_anchored_line_in_place_while_heights_above_it_change() -> None:
    heights, layouts = transcript(50)
    heights.relayout(80, 10, None)  # the end is laid out; the rest keep their estimates (2 lines each)
    first, second = (
        heights.anchor(heights.model.offsets[20] + 1),
        heights.anchor(heights.model.offsets[21] + 1),
    )
    assert (first, second) == ((20, 1), (21, 1))
    layouts.lines = {index: 7 for index in range(20)}  # every entry above is taller than estimated
    layouts.lines[20] = 1  # and entry 20 is shorter than the line the view started on
    generation = heights.generation
    index, changed = heights.refine(len(heights.model) - 1, float("inf"))
    assert (index, changed, heights.settled, heights.generation) == (-1, True, True, generation)
    assert heights.anchored_top(second) == 20 * 7 + 1 + 1 and heights.anchor(20 * 7 + 1 + 1) == (21, 1)
    assert heights.anchored_top(first) == 20 * 7  # its one line now: the view never slips into entry 21
    heights.reset()
    assert heights.generation == generation + 1 and heights.anchored_top(first) is None

"""Strip-level touches applied when a line is drawn: the hovered chip or link, and the text selection.

Clickable regions carry Rich style meta (see :func:`.style.choice_meta` and ``link_meta``), so
a click, a hover and a repaint all find them the same way, through the style under the pointer.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

Target = tuple[str, int | str]
"""A clickable region: ("choice", index among the current choices) or ("link", url)."""

_CHIP_EDGES = ("▐", "▌")


def target_of(style: Style) -> Target | None:
    """The clickable region a style belongs to, if any."""
    meta = style.meta
    if "choice" in meta:
        return ("choice", meta["choice"])
    if "link" in meta:
        return ("link", meta["link"])
    return None


def highlight(strip: Strip, target: Target, hover: Style) -> Strip:
    """Draw the cells of ``target`` in the hover style (a chip's half-block edges take its colour)."""
    edge = Style(color=hover.bgcolor)
    key, value = target
    segments: list[Segment] = []
    changed = False
    for segment in strip:
        style = segment.style
        if style is not None and style.meta.get(key) == value:
            style = style + (edge if segment.text in _CHIP_EDGES else hover)
            segment = Segment(segment.text, style, segment.control)
            changed = True
        segments.append(segment)
    return Strip(segments, strip.cell_length) if changed else strip


def select(strip: Strip, start: int, end: int, selection: Style) -> Strip:
    """Draw cells ``start`` to ``end`` (-1: the end of the line) in the selection style."""
    end = strip.cell_length if end == -1 else min(end, strip.cell_length)
    if start >= end:
        return strip
    before, middle, after = strip.divide([start, end, strip.cell_length])
    middle = Strip(Segment.apply_style(middle, post_style=selection), middle.cell_length)
    return Strip.join([before, middle, after])

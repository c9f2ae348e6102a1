"""Building blocks of the transcript layout: sanitising, theme styles, choice numbering and line primitives.

Everything here produces *lines*: ``rich.text.Text`` objects that never wrap again and are at most the
layout width wide. The chat pane turns them into strips once and caches them. Bot text is data, so it only
ever enters a ``Text`` as a plain string (never through markup or ANSI parsing) after :func:`sanitize`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from rich._wrap import divide_line  # the word wrapper Text.wrap uses, on plain strings
from rich.cells import cell_len, set_cell_size
from rich.console import Console
from rich.style import Style
from rich.text import Text

from textbots_tui.api.text import escape_unsafe, shorten
from textbots_tui.core.names import NO_NAMES, FlowNames

if TYPE_CHECKING:
    from textbots_tui.core.items import Choice

_TAB = "    "


def sanitize(text: str) -> str:
    """Make untrusted text safe to draw: control characters become visible symbols, tabs become spaces.

    ``\\r\\n`` and lone ``\\r`` count as line breaks, so text from any platform keeps its lines.
    """
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", _TAB)
    return escape_unsafe(text)


# A pasted or scripted message of megabytes would cost a layout per resize for nothing a person can read:
# the echo keeps the first part and says how much it left out (the journal and the request keep it whole).
ECHO_CHARS = 4_000


def echo_text(text: str) -> str:
    """What the chat shows of a user's message: all of it up to :data:`ECHO_CHARS`, then a note of the cut."""
    return shorten(text or " ", ECHO_CHARS)


def one_line(text: str) -> str:
    """Sanitise text meant for a single line (titles, labels): line breaks become spaces."""
    return sanitize(text).replace("\n", " ")


_NULL = Style.null()


@dataclass(frozen=True, slots=True)
class TranscriptStyles:
    """The theme's styles for every part of the transcript, read from the pane's component classes."""

    base: Style = _NULL
    meta: Style = _NULL
    user_label: Style = _NULL
    user_bubble: Style = _NULL
    bot_label: Style = _NULL
    bot_bubble: Style = _NULL
    title: Style = _NULL
    chip: Style = _NULL
    chip_number: Style = _NULL
    chip_stale: Style = _NULL
    link: Style = _NULL
    card: Style = _NULL
    error: Style = _NULL
    warning: Style = _NULL
    success: Style = _NULL
    notice: Style = _NULL
    unknown: Style = _NULL
    hover: Style = _NULL

    @classmethod
    def component_classes(cls) -> dict[str, str]:
        """Map each style field (except ``base``) to the component class it is read from."""
        return {f.name: f"chat-pane--{f.name.replace('_', '-')}" for f in fields(cls) if f.name != "base"}

    @classmethod
    def from_lookup(cls, base: Style, lookup: Callable[[str], Style]) -> TranscriptStyles:
        """Build the styles from a ``component class -> Style`` lookup (the widget's component styles)."""
        values = {name: lookup(component) for name, component in cls.component_classes().items()}
        return cls(base=base, **values)


class ChoiceNumbering:
    """Which rendered choice is which of the choices on offer now (so which number it shows).

    The controller's choices and the items they came from are matched exactly first, then by kind and
    payload, then by kind and label, because the controller may build its ``Choice`` slightly differently
    from what the item carries (a group title, an image).
    """

    __slots__ = ("_by_label", "_by_payload", "_exact", "choices")

    def __init__(self, choices: Sequence[Choice]) -> None:
        self.choices = tuple(choices)
        self._exact: dict[Choice, int] = {}
        self._by_payload: dict[tuple[str, str], int] = {}
        self._by_label: dict[tuple[str, str], int] = {}
        for index, choice in enumerate(self.choices):
            self._exact.setdefault(choice, index)
            self._by_payload.setdefault((choice.kind, choice.payload), index)
            self._by_label.setdefault((choice.kind, choice.label), index)

    def index_of(self, choice: Choice) -> int | None:
        """The position of ``choice`` among the current choices, or None when it cannot be picked now."""
        found = self._exact.get(choice)
        if found is None:
            found = self._by_payload.get((choice.kind, choice.payload))
        if found is None:
            found = self._by_label.get((choice.kind, choice.label))
        return found


@dataclass(frozen=True, slots=True)
class LayoutContext:
    """Everything an entry's layout depends on: change any of it and the entry must be laid out again."""

    console: Console
    width: int
    styles: TranscriptStyles
    show_timestamps: bool = False
    show_latency: bool = True
    numbering: ChoiceNumbering | None = None
    """The current choices, for entries whose choices can still be picked; None shows them as history."""
    present: bool = False
    """Presenter mode: what a stakeholder should not see is left out (payloads, times, retries, raw JSON,
    ids), the end banner is in plain words, and entries are spaced more."""
    names: FlowNames = NO_NAMES
    """Outcome and milestone names for the end banner (ids are shown for the ones it does not know)."""

    @property
    def body_width(self) -> int:
        """Width of message content (bubbles, cards, chips) in this layout."""
        return body_width(self.width)


MARGIN = 1
"""Columns kept free on each side of the pane."""


def body_width(width: int) -> int:
    """Width of message content in a pane ``width`` cells wide: most of it, so bot and user sides show."""
    usable = width - 2 * MARGIN
    return max(1, min(usable, max(24, usable - 8)))


def choice_meta(index: int) -> Style:
    """The style that makes a region clickable as the ``index``-th current choice."""
    return Style(meta={"choice": index})


_HYPERLINK_SCHEMES = ("http://", "https://", "mailto:", "tel:")
_HYPERLINK_SAFE = re.compile(r"[!-~]+")
"""Printable ASCII without spaces: an OSC 8 target with anything else could end the escape sequence early."""


def link_meta(url: str) -> Style:
    """The style that makes a region clickable as a link: in the app (a click copies it) and, for a plain
    web, mail or phone URL, in the terminal too (an OSC 8 hyperlink: ctrl+click opens it in most of them)."""
    style = Style(meta={"link": url})
    if url.lower().startswith(_HYPERLINK_SCHEMES) and _HYPERLINK_SAFE.fullmatch(url):
        style += Style(link=url)
    return style


def wrap(text: Text, width: int, console: Console) -> list[Text]:
    """Wrap ``text`` to ``width`` cells, folding words that are longer than a line (URLs, JSON)."""
    if width < 1:
        width = 1
    if not text.plain:
        return [Text()]
    lines = text.wrap(console, width, overflow="fold")
    return list(lines) or [Text()]


def fit(text: Text, width: int) -> Text:
    """Crop ``text`` to one line of at most ``width`` cells, with an ellipsis when it had to be cut."""
    line = text.copy()
    line.end = ""
    if line.cell_len > width:
        line.truncate(max(0, width), overflow="ellipsis")
    return line


def pad(text: Text, width: int, style: Style | None = None) -> Text:
    """Pad (or crop) ``text`` on the right to exactly ``width`` cells."""
    line = text.copy()
    length = line.cell_len
    if length < width:
        line.append(" " * (width - length), style or Style.null())
    elif length > width:
        line.truncate(width, overflow="ellipsis")
    return line


def indent(lines: list[Text], columns: int) -> list[Text]:
    """Shift every line right by ``columns`` cells (in place: lines are always freshly made)."""
    for line in lines:
        line.pad_left(columns)
    return lines


def wrap_plain(text: str, width: int) -> list[str]:
    """Wrap sanitised plain text to ``width`` cells, folding words longer than a line.

    Most transcript text has one style per paragraph, and wrapping plain strings is several times faster
    than ``Text.wrap`` (no spans to divide, no justification), which is most of the cost of a layout.
    """
    width = max(1, width)
    lines: list[str] = []
    for part in text.split("\n"):
        if cell_len(part) <= width:
            lines.append(part.rstrip())
            continue
        start = 0
        for end in divide_line(part, width, fold=True):
            lines.append(part[start:end].rstrip())
            start = end
        lines.append(part[start:].rstrip())
    return lines


def paragraph(text: str, width: int, style: Style | None = None) -> list[Text]:
    """Sanitise and wrap a plain string (bot data) into lines of one style."""
    style = style or _NULL
    return [Text(line, style=style, end="") for line in wrap_plain(sanitize(text), width)]


def bubble(
    lines: Sequence[str], width: int, style: Style, *, align_right: bool = False, total: int = 0
) -> list[Text]:
    """Put wrapped plain lines in a filled box one cell of padding wide, sized to its widest line.

    ``width`` caps the box; with ``align_right`` the box ends at column ``total``.
    """
    inner = min(max((cell_len(line) for line in lines), default=0), max(1, width - 2))
    lead = " " * max(0, total - inner - 2) if align_right else ""
    out: list[Text] = []
    for line in lines:
        length = cell_len(line)
        if length > inner:
            line = set_cell_size(line, inner)
            length = inner
        row = Text(lead, end="")
        row.append(f" {line}{' ' * (inner - length)} ", style)
        out.append(row)
    return out


@dataclass(frozen=True, slots=True)
class Chip:
    """A button-like label: numbered and clickable when it is one of the current choices."""

    label: str
    index: int | None = None
    """Position among the current choices; None draws it as history (dim, not clickable)."""
    link: str | None = None
    """A URL to open instead of a choice to pick."""


def chip_text(chip: Chip, styles: TranscriptStyles, max_width: int) -> Text:
    """Draw one chip: ``▐[1] Label▌`` with the chip colour, or a dim ``▐Label▌`` when it is history."""
    live = chip.index is not None or chip.link is not None
    body_style = styles.chip if live else styles.chip_stale
    edge = Style(color=body_style.bgcolor, bgcolor=styles.base.bgcolor)
    click = Style.null()
    if chip.index is not None:
        click = choice_meta(chip.index)
    elif chip.link is not None:
        click = link_meta(chip.link)
    number = f"[{chip.index + 1}] " if chip.index is not None and chip.index < 9 else ""
    label = one_line(chip.label) or " "
    room = max(1, max_width - 2 - cell_len(number))
    label_text = fit(Text(label), room)
    return Text.assemble(
        ("▐", edge + click),
        (number, styles.chip_number + click),
        (label_text.plain, body_style + click),
        ("▌", edge + click),
    )


def chip_rows(chips: Sequence[Chip], width: int, styles: TranscriptStyles) -> list[Text]:
    """Flow chips left to right, one space apart, starting a new row when the next one does not fit."""
    rows: list[Text] = []
    row = Text()
    for chip in chips:
        text = chip_text(chip, styles, width)
        needed = text.cell_len + (1 if row.plain else 0)
        if row.plain and row.cell_len + needed > width:
            rows.append(row)
            row = Text()
        if row.plain:
            row.append(" ")
        row.append_text(text)
    if row.plain:
        rows.append(row)
    return rows


def key_values(
    pairs: Sequence[tuple[str, str]], width: int, ctx: LayoutContext, value_style: Style | None = None
) -> list[Text]:
    """A two-column table: keys in the meta colour, values wrapped in the remaining width.

    Keys are what tells rows apart (``Flow.OrderNumber`` and ``Flow.OrderStatus``), so the key column takes
    the longest key up to half the width (more when every value still fits beside it), and the values wrap
    in what is left. Only a key longer than that is shortened, in the middle, so that both its start and its
    end still show.
    """
    if not pairs:
        return []
    longest_value = max(cell_len(one_line(value)) for _, value in pairs)
    limit = max(8, width // 2, min(width - 2 - longest_value, width - 10))
    key_width = min(max(cell_len(one_line(key)) for key, _ in pairs), limit)
    value_width = max(1, width - key_width - 2)
    out: list[Text] = []
    for key, value in pairs:
        key_text = pad(Text(middle_ellipsis(one_line(key), key_width), style=ctx.styles.meta), key_width)
        for number, line in enumerate(paragraph(value, value_width, value_style)):
            out.append(Text.assemble(key_text if number == 0 else " " * key_width, "  ", line))
    return out


def middle_ellipsis(text: str, width: int) -> str:
    """``text`` in at most ``width`` cells: when longer, its start and its end around a ``…``."""
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    room = width - 1
    tail_room = room // 2
    head = _cells_from_start(text, room - tail_room)
    tail = _cells_from_start(text[::-1], tail_room)[::-1]
    return f"{head}…{tail}"


def _cells_from_start(text: str, width: int) -> str:
    """The longest start of ``text`` that fits in ``width`` cells (wide characters count double)."""
    used = 0
    for index, char in enumerate(text):
        used += cell_len(char)
        if used > width:
            return text[:index]
    return text


def compact(value: Any) -> str:
    """A value as the server sent it: strings as they are, the rest as compact JSON."""
    if isinstance(value, str):
        return value
    try:
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False, default=str)
    except ValueError:  # circular structures cannot come from JSON, but never fail a render on them
        return repr(value)

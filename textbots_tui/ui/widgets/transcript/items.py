"""Layout of every kind of bot item (text, quick replies, cards, carousels, attachments, pickers, ...).

Each ``*_lines`` function lays one item out in ``width`` cells and returns finished lines (see
:mod:`.style`). What an item offers is core's to say (:mod:`textbots_tui.core.choices`): the chips are
core's choices, labels and all. Choices that can be picked now are numbered and clickable; the same choices
in older messages are drawn dim, without numbers, so a number always means "what you can pick now".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import assert_never

from rich.style import Style
from rich.text import Text

from textbots_tui.core.choices import card_choices, entry_choice, item_choices
from textbots_tui.core.items import (
    AttachmentItem,
    BotItem,
    CardItem,
    CarouselItem,
    Choice,
    ChoicesItem,
    DatePickerItem,
    ListPickerItem,
    LocationItem,
    TextItem,
    UnknownItem,
    is_typing_indicator,
)
from textbots_tui.ui.widgets.transcript.style import (
    Chip,
    LayoutContext,
    bubble,
    chip_rows,
    chip_text,
    compact,
    fit,
    indent,
    link_meta,
    one_line,
    pad,
    paragraph,
    sanitize,
    wrap,
    wrap_plain,
)

CARD_MAX_WIDTH = 84
"""Cards take the width the pane gives them up to this: lines of about 80 characters still read well, and
a card on a wide pane reads like a card, not a banner."""
CARD_MIN_WIDTH = 28
"""Cards of a carousel go side by side only when each gets at least this many cells."""
CARD_GAP = 1

_MEDIA_ICONS = {"image": "◩", "video": "▶", "audio": "♫", "file": "▤", "document": "▤", "link": "↗"}


def _chip(choice: Choice, ctx: LayoutContext) -> Chip:
    index = ctx.numbering.index_of(choice) if ctx.numbering is not None else None
    return Chip(choice.label, index=index)


def _link_lines(icon: str, url: str, width: int, ctx: LayoutContext) -> list[Text]:
    """An icon and the URL on one line, cut with an ellipsis to the width (never wrapped mid-word); every cell
    of it is clickable, and the whole URL is the link (a terminal hyperlink where the terminal has them)."""
    style = ctx.styles.link + link_meta(url)
    return [Text.assemble(icon, " ", fit(Text(one_line(url), style=style), max(1, width - 2)))]


def _titled(icon: str, title: str | None, width: int, ctx: LayoutContext) -> list[Text]:
    if not title:
        return []
    lines = paragraph(title, max(1, width - 2), ctx.styles.title)
    return [Text.assemble(icon if n == 0 else " ", " ", line) for n, line in enumerate(lines)]


def text_lines(item: TextItem, width: int, ctx: LayoutContext) -> list[Text]:
    """A bot message: the text in a bubble."""
    return bubble(wrap_plain(sanitize(item.text), max(1, width - 2)), width, ctx.styles.bot_bubble)


def choices_lines(item: ChoicesItem, width: int, ctx: LayoutContext) -> list[Text]:
    """Quick replies: the group title (if any), then a row of chips."""
    lines: list[Text] = []
    if item.title:
        lines += paragraph(item.title, width, ctx.styles.meta)
    lines += chip_rows([_chip(c, ctx) for c in item.choices], width, ctx.styles)
    return lines


def _card_body(card: CardItem, inner: int, ctx: LayoutContext) -> list[Text]:
    styles = ctx.styles
    body: list[Text] = []
    body += paragraph(card.title or " ", inner, styles.title)
    if card.description:
        body += paragraph(card.description, inner)
    if card.image:
        body += _link_lines("◩", card.image, inner, ctx)
    if card.video:
        body += _link_lines("▶", card.video, inner, ctx)
    postbacks = [_chip(choice, ctx) for choice in card_choices(card)]
    if postbacks:
        body += chip_rows(postbacks, inner, styles)
    for action in card.actions:
        if action.kind == "link":
            url = action.url or ""
            chip = chip_text(Chip(action.label, link=url or None), styles, inner)
            body.append(chip)
            if url:
                body += indent(_link_lines("", url, inner - 1, ctx), 1)
        elif action.kind != "postback":
            body.append(fit(Text(f"{one_line(action.label)} ({action.kind})", style=styles.unknown), inner))
    default = card.default_action
    if default is not None and default.url:
        body += _link_lines("⏎", default.url, inner, ctx)
    elif default is not None:
        text = f"⏎ sends {one_line(default.payload or default.label)}"
        body += wrap(Text(text, style=styles.meta), inner, ctx.console)
    return body


def _box(body: Sequence[Text], width: int, ctx: LayoutContext, label: str | None, height: int) -> list[Text]:
    """Draw ``body`` in a rounded frame ``width`` cells wide, padded to ``height`` body lines."""
    border = ctx.styles.card
    inner = width - 4
    top = Text("╭─", style=border)
    if label:
        top.append_text(fit(Text(f" {label} ", style=ctx.styles.meta), max(0, width - 4)))
    top.append("─" * max(0, width - 1 - top.cell_len) + "╮", style=border)
    lines = [top]
    for n in range(max(height, len(body))):
        content = body[n] if n < len(body) else Text()
        lines.append(Text.assemble(("│ ", border), pad(content, inner), (" │", border)))
    lines.append(Text("╰" + "─" * max(0, width - 2) + "╯", style=border))
    return lines


def card_lines(card: CardItem, width: int, ctx: LayoutContext, label: str | None = None) -> list[Text]:
    """A card in a frame: title, description, media links, numbered postbacks, link buttons with URLs."""
    width = max(8, min(width, CARD_MAX_WIDTH))
    body = _card_body(card, width - 4, ctx)
    return _box(body, width, ctx, label, len(body))


def carousel_lines(item: CarouselItem, width: int, ctx: LayoutContext) -> list[Text]:
    """Cards side by side (as many per row as fit), else one after another; each labelled ``card i/n``."""
    count = len(item.cards)
    if count == 0:
        return [Text("(empty carousel)", style=ctx.styles.meta)]
    columns = max(1, min(count, (width + CARD_GAP) // (CARD_MIN_WIDTH + CARD_GAP)))
    if columns == 1:
        lines: list[Text] = []
        for n, card in enumerate(item.cards, 1):
            lines += card_lines(card, width, ctx, f"card {n}/{count}")
        return lines
    card_width = min(CARD_MAX_WIDTH, (width - CARD_GAP * (columns - 1)) // columns)
    lines = []
    for start in range(0, count, columns):
        row = item.cards[start : start + columns]
        bodies = [_card_body(card, card_width - 4, ctx) for card in row]
        height = max(len(body) for body in bodies)
        boxes = [
            _box(body, card_width, ctx, f"card {start + n + 1}/{count}", height)
            for n, body in enumerate(bodies)
        ]
        gap = " " * CARD_GAP
        for parts in zip(*boxes, strict=True):
            joined = Text()
            for n, part in enumerate(parts):
                if n:
                    joined.append(gap)
                joined.append_text(part)
            lines.append(joined)
    return lines


def _size(size_bytes: int) -> str:
    value = float(size_bytes)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{int(value)} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size_bytes} B"  # pragma: no cover - the loop always returns


def attachment_lines(item: AttachmentItem, width: int, ctx: LayoutContext) -> list[Text]:
    """An attachment: kind, file name, type and size on one line, then the URL and the caption."""
    kind = one_line(item.media_type) or "attachment"
    icon = _MEDIA_ICONS.get(kind.lower(), "▢")
    head = Text.assemble(icon, " ", (kind, ctx.styles.title))
    details = [one_line(part) for part in (item.filename, item.mime) if part]
    if item.size_bytes is not None:
        details.append(_size(item.size_bytes))
    if details:
        head.append(" · " + " · ".join(details), style=ctx.styles.meta)
    lines = wrap(head, width, ctx.console)
    if item.url:
        lines += indent(_link_lines("", item.url, width - 1, ctx), 1)
    if item.text:
        lines += indent(paragraph(item.text, width - 2), 2)
    return lines


def date_picker_lines(item: DatePickerItem, width: int, ctx: LayoutContext) -> list[Text]:
    """A date picker: title, range, location, the time slots as numbered chips and how to answer."""
    styles = ctx.styles
    lines = _titled("▦", item.title or "Pick a date", width, ctx)
    inner = max(1, width - 2)
    body: list[Text] = []
    if item.subtitle:
        body += paragraph(item.subtitle, inner)
    if item.date_minimum or item.date_maximum:
        span = f"from {item.date_minimum or '…'} to {item.date_maximum or '…'}"
        body += paragraph(span, inner, styles.meta)
    if item.location:
        body += paragraph(f"at {item.location}", inner, styles.meta)
    chips = [_chip(choice, ctx) for choice in item_choices(item)]
    body += chip_rows(chips, inner, styles)
    hint = "type a date or a number" if chips else "type a date"
    body.append(fit(Text(hint, style=styles.meta + Style(italic=True)), inner))
    return lines + indent(body, 2)


def list_picker_lines(item: ListPickerItem, width: int, ctx: LayoutContext) -> list[Text]:
    """A list picker: its sections, each entry a numbered chip with its subtitle beside it."""
    styles = ctx.styles
    lines = _titled("☰", item.title, width, ctx)
    inner = max(1, width - 2)
    body: list[Text] = []
    for section in item.sections:
        if section.title or section.multiple_selection:
            title = Text(one_line(section.title or ""), style=styles.title)
            if section.multiple_selection:
                title.append(" (several allowed)", style=styles.meta)
            body.append(fit(title, inner))
        for entry in section.entries:
            row = chip_text(_chip(entry_choice(item, section, entry), ctx), styles, inner)
            if entry.subtitle:
                row.append("  ")
                row.append(one_line(entry.subtitle), style=styles.meta)
            body.append(fit(row, inner))
    return lines + indent(body, 2)


def location_lines(item: LocationItem, width: int, ctx: LayoutContext) -> list[Text]:
    """A location: name, address, coordinates and its map URL."""
    lines = _titled("◎", item.text or "Location", width, ctx)
    inner = max(1, width - 2)
    body: list[Text] = []
    if item.address:
        body += paragraph(item.address, inner)
    if item.latitude is not None and item.longitude is not None:
        body += paragraph(f"{item.latitude}, {item.longitude}", inner, ctx.styles.meta)
    if item.url:
        body += _link_lines("↗", item.url, inner, ctx)
    return lines + indent(body, 2)


def unknown_lines(item: UnknownItem, width: int, ctx: LayoutContext) -> list[Text]:
    """Content the client does not know, as compact raw JSON, dimmed: never dropped. A typing indicator is
    just "typing…" (the inspector keeps its JSON); in presenter mode other content is a short note."""
    if is_typing_indicator(item):
        return [fit(Text("typing…", style=ctx.styles.notice), width)]
    if ctx.present:
        return wrap(Text("(content not shown)", style=ctx.styles.unknown), width, ctx.console)
    text = Text(f"? {one_line(item.content_type)} ", style=ctx.styles.unknown + Style(bold=True))
    text.append(one_line(compact(item.raw)), style=ctx.styles.unknown)
    return wrap(text, width, ctx.console)


def item_lines(item: BotItem, width: int, ctx: LayoutContext) -> list[Text]:
    """Lay out any bot item."""
    match item:
        case TextItem():
            return text_lines(item, width, ctx)
        case ChoicesItem():
            return choices_lines(item, width, ctx)
        case CardItem():
            return card_lines(item, width, ctx)
        case CarouselItem():
            return carousel_lines(item, width, ctx)
        case AttachmentItem():
            return attachment_lines(item, width, ctx)
        case DatePickerItem():
            return date_picker_lines(item, width, ctx)
        case ListPickerItem():
            return list_picker_lines(item, width, ctx)
        case LocationItem():
            return location_lines(item, width, ctx)
        case UnknownItem():
            return unknown_lines(item, width, ctx)
        case _:
            assert_never(item)

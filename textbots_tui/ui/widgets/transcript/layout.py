"""Layout of transcript entries: one controller event becomes a block of finished lines.

The chat pane keeps one :class:`Entry` per shown event and asks :func:`layout_entry` for its lines at the
current width, and :func:`estimate_height` for a cheap guess of its height when a resize makes exact
layouts stale (only what is on screen is laid out exactly at once).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text

from textbots_tui.core.choices import choices_in
from textbots_tui.core.events import (
    BotOutput,
    ErrorOccurred,
    Event,
    Notice,
    SessionEnded,
    UserInputSent,
)
from textbots_tui.core.items import Choice
from textbots_tui.ui.widgets.transcript.estimate import Shape, is_said, shape_of
from textbots_tui.ui.widgets.transcript.items import item_lines
from textbots_tui.ui.widgets.transcript.style import (
    MARGIN,
    LayoutContext,
    body_width,
    bubble,
    compact,
    echo_text,
    fit,
    indent,
    key_values,
    one_line,
    paragraph,
    sanitize,
    wrap_plain,
)

SHOWN_EVENTS = (UserInputSent, BotOutput, SessionEnded, ErrorOccurred, Notice)
"""The events that become entries; the others only change state (choices) or are not for the chat."""


@dataclass(slots=True, eq=False)
class Entry:
    """One shown event and what the chat pane needs to know about it without laying it out."""

    event: Event
    shape: Shape
    """Fixed lines and paragraph lengths, for estimating the height at any width without a layout."""
    choices: tuple[Choice, ...] = ()
    """The choices this entry offers (bot output): its layout depends on which are current."""

    @classmethod
    def from_event(cls, event: Event) -> Entry:
        """Wrap a shown event."""
        if isinstance(event, BotOutput):
            choices = tuple(choices_in(event.items))
            return cls(event, shape_of(event), choices)
        return cls(event, shape_of(event))


def _clock(event: Event) -> str:
    return event.at.astimezone().strftime("%H:%M:%S")


def latency_text(ms: float) -> str:
    """A reply's latency: "<1 ms" for in-process answers (never "0 ms"), seconds from a second up."""
    if ms < 1:
        return "<1 ms"
    return f"{ms:.0f} ms" if ms < 999.5 else f"{ms / 1000:.2f} s"


def _header(label: str, label_style: Style, details: list[str], ctx: LayoutContext, right: bool) -> Text:
    text = Text(label, style=label_style)
    if details:
        text.append(" · " + " · ".join(details), style=ctx.styles.meta)
    width = max(1, ctx.width - 2 * MARGIN)
    text = fit(text, width)
    text.pad_left(MARGIN + (max(0, width - text.cell_len) if right else 0))
    return text


def _system_event_lines(event: UserInputSent, ctx: LayoutContext) -> list[Text]:
    """A NoInput, NoMatch, Error... sent on the user's side: a system line, not words in the user's bubble."""
    style = ctx.styles.notice
    text = Text(f"⚑ {one_line(event.input_type)} sent", style=style)
    if event.text and event.text.strip() != event.input_type:
        text.append(f" · {one_line(echo_text(event.text))}", style=style)
    if ctx.show_timestamps:
        text.append(f" · {_clock(event)}", style=ctx.styles.meta)
    return indent(list(text.wrap(ctx.console, max(1, ctx.width - 2 * MARGIN), overflow="fold")), MARGIN)


def _user_lines(event: UserInputSent, ctx: LayoutContext) -> list[Text]:
    if not is_said(event):
        return _system_event_lines(event, ctx)
    details: list[str] = []
    if not ctx.present:  # a stakeholder sees what was said, not how it went over the wire
        if event.choice is not None and event.choice.payload != event.choice.label:
            details.append(f"payload {one_line(event.choice.payload)}")
        if ctx.show_timestamps:
            details.append(_clock(event))
    lines = [_header("You", ctx.styles.user_label, details, ctx, right=True)]
    width = ctx.body_width
    style = ctx.styles.user_bubble
    body = wrap_plain(sanitize(echo_text(event.text)), max(1, width - 2))
    lines += bubble(body, width, style, align_right=True, total=ctx.width - MARGIN)
    return lines


def _state_line(event: BotOutput, width: int, ctx: LayoutContext) -> list[Text]:
    styles = ctx.styles
    text = Text()
    if event.bot_state:
        state_style = {"Complete": styles.success, "Failed": styles.error}.get(event.bot_state, styles.title)
        text.append("state ", style=styles.meta)
        text.append(one_line(event.bot_state), style=state_style)
    if event.intent:
        text.append("  intent " if text.plain else "intent ", style=styles.meta)
        text.append(one_line(event.intent), style=styles.title)
    if event.slots:
        text.append("  slots " if text.plain else "slots ", style=styles.meta)
        slots = ", ".join(f"{one_line(k)}={one_line(compact(v))}" for k, v in event.slots.items())
        text.append(slots)
    return list(text.wrap(ctx.console, width, overflow="fold"))


def _bot_lines(event: BotOutput, ctx: LayoutContext) -> list[Text]:
    details: list[str] = []
    if ctx.show_latency and event.latency_ms is not None and not ctx.present:
        details.append(latency_text(event.latency_ms))
    if ctx.show_timestamps and not ctx.present:
        details.append(_clock(event))
    lines = [_header("Bot", ctx.styles.bot_label, details, ctx, right=False)]
    width = ctx.body_width
    body: list[Text] = []
    for number, item in enumerate(event.items):
        if number:
            body.append(Text())
        body += item_lines(item, width, ctx)
    if (event.bot_state or event.intent or event.slots) and not ctx.present:
        body += _state_line(event, width, ctx)
    if not body:
        body.append(Text("(no output)", style=ctx.styles.meta))
    return lines + indent(body, MARGIN)


def _ended_lines(event: SessionEnded, ctx: LayoutContext) -> list[Text]:
    if ctx.present:
        return _plain_ending_lines(event, ctx)
    styles = ctx.styles
    names = ctx.names
    exited = event.how == "exit"
    tone = styles.success if exited else styles.warning
    title = f" ■ Session {'exited' if exited else 'disconnected'} · {one_line(event.reason)} "
    if ctx.show_timestamps:
        title += f"· {_clock(event)} "
    width = ctx.width - 2 * MARGIN
    banner = fit(Text("━━" + title, style=tone + Style(bold=True)), width)
    banner.append("━" * max(0, width - banner.cell_len), style=tone)
    lines = [banner]
    inner = width - 2
    facts: list[tuple[str, str]] = []
    if event.extended_info:
        facts.append(("extended info", event.extended_info))
    if event.flow_location is not None:
        where = event.flow_location
        facts.append(
            ("flow location", f"{where.action_name} (action {where.action_number}) in {where.sequence_name}")
        )
    if event.active_intent:
        facts.append(("active intent", event.active_intent))
    lines += indent(key_values(facts, inner, ctx), 2)
    if event.output_variables:
        lines += indent([fit(Text("Output variables", style=styles.title), inner)], 2)
        pairs = [(name, compact(value)) for name, value in event.output_variables.items()]
        lines += indent(key_values(pairs, inner - 2, ctx), 4)
    if event.outcomes:
        lines += indent([fit(Text("Outcomes", style=styles.title), inner)], 2)
        for outcome in event.outcomes:
            success = (outcome.value or "").upper() == "SUCCESS"
            mark = Text("✔ " if success else "✖ ", style=styles.success if success else styles.error)
            shown = names.outcome(outcome.outcome_id) if outcome.outcome_id else "(no id)"
            mark.append(one_line(shown), style=styles.title)
            if names.has_outcome(outcome.outcome_id):
                mark.append(f"  {one_line(outcome.outcome_id or '')}", style=styles.meta)
            if outcome.value:
                mark.append(f"  {one_line(outcome.value)}", style=styles.success if success else styles.error)
            if outcome.date_start or outcome.date_end:
                span = f"  {one_line(outcome.date_start or '…')} → {one_line(outcome.date_end or '…')}"
                mark.append(span, style=styles.meta)
            lines += indent(list(mark.wrap(ctx.console, inner - 2, overflow="fold")), 4)
            for milestone in outcome.milestones:
                row = Text("◆ milestone ", style=styles.meta)
                row.append(one_line(names.milestone(milestone.milestone_id)))
                if names.has_milestone(milestone.milestone_id):
                    row.append(f"  {one_line(milestone.milestone_id)}", style=styles.meta)
                if milestone.date_reached:
                    row.append(f"  {one_line(milestone.date_reached)}", style=styles.meta)
                if milestone.sequence is not None:
                    row.append(f"  #{milestone.sequence}", style=styles.meta)
                lines += indent(list(row.wrap(ctx.console, inner - 4, overflow="fold")), 6)
    return indent(lines, MARGIN)


def _plain_ending_lines(event: SessionEnded, ctx: LayoutContext) -> list[Text]:
    """The presenter's end banner: what happened in plain words, outcomes by name, no ids, no timestamps."""
    from textbots_tui.core.ending import summarize_ending

    styles = ctx.styles
    summary = summarize_ending(event, ctx.names)
    width = ctx.width - 2 * MARGIN
    tone = styles.success if event.how == "exit" else styles.warning
    banner = fit(Text(f"━━ {one_line(summary.headline)} ", style=tone + Style(bold=True)), width)
    banner.append("━" * max(0, width - banner.cell_len), style=tone)
    lines = [banner]
    inner = width - 2
    for outcome in summary.outcomes:
        good = outcome.value == "SUCCESS"
        row = Text("✔ " if good else "✖ ", style=styles.success if good else styles.error)
        named = outcome.outcome_id is not None and ctx.names.has_outcome(outcome.outcome_id)
        row.append(one_line(outcome.name if named else "An outcome"), style=styles.title)
        row.append(f": {outcome.verdict}", style=styles.success if good else styles.error)
        known = [n for n, i in zip(outcome.milestones, outcome.milestone_ids, strict=True) if n != i]
        if known:
            row.append(f" (reached: {one_line(', '.join(known))})", style=styles.meta)
        lines += indent(list(row.wrap(ctx.console, inner, overflow="fold")), 2)
    if event.output_variables:
        pairs = [(name, compact(value)) for name, value in event.output_variables.items()]
        lines += indent(key_values(pairs, inner, ctx), 2)
    return indent(lines, MARGIN)


def _error_lines(event: ErrorOccurred, ctx: LayoutContext) -> list[Text]:
    styles = ctx.styles
    error = event.error
    width = ctx.width - 2 * MARGIN
    head = Text(f"✖ {one_line(error.title)}", style=styles.error + Style(bold=True))
    details = []
    if error.status is not None:
        details.append(f"HTTP {error.status}")
    if error.code:
        details.append(one_line(str(error.code)))
    if event.fatal:
        details.append("session failed")
    if ctx.show_timestamps:
        details.append(_clock(event))
    if details:
        head.append(" · " + " · ".join(details), style=styles.error)
    lines = list(head.wrap(ctx.console, width, overflow="fold"))
    inner = width - 2
    body: list[Text] = []
    if error.message:
        body += paragraph(str(error.message), inner, styles.error)
    facts: list[tuple[str, str]] = []
    if error.correlation_id:
        facts.append(("correlation id", str(error.correlation_id)))
    if event.unsent_input:
        facts.append((event.input_label, event.unsent_input))
    body += key_values(facts, inner, ctx)
    if error.hint:
        body += paragraph(str(error.hint), inner, styles.meta + Style(italic=True))
    return indent(lines + indent(body, 2), MARGIN)


def _notice_lines(event: Notice, ctx: LayoutContext) -> list[Text]:
    if ctx.present:  # retries and resyncs are the tool's business, not the audience's
        return []
    warning = event.level == "warning"
    style = ctx.styles.warning if warning else ctx.styles.notice
    prefix = f"{_clock(event)} " if ctx.show_timestamps else ""
    text = Text(f"{prefix}{'▲' if warning else '•'} ", style=style)
    text.append(one_line(event.message), style=style)
    return indent(list(text.wrap(ctx.console, ctx.width - 2 * MARGIN, overflow="fold")), MARGIN)


def layout_entry(entry: Entry, ctx: LayoutContext) -> list[Text]:
    """Lay out one entry at ``ctx.width``, followed by the blank line that separates it from the next (two in
    presenter mode; an entry presenter mode hides has no lines at all)."""
    event = entry.event
    if isinstance(event, UserInputSent):
        lines = _user_lines(event, ctx)
    elif isinstance(event, BotOutput):
        lines = _bot_lines(event, ctx)
    elif isinstance(event, SessionEnded):
        lines = _ended_lines(event, ctx)
    elif isinstance(event, ErrorOccurred):
        lines = _error_lines(event, ctx)
    elif isinstance(event, Notice):
        lines = _notice_lines(event, ctx)
    else:
        lines = [Text(f" {type(event).__name__}", style=ctx.styles.meta)]
    if lines:
        # Presenter mode spaces entries more: a projected chat is read from the back of the room.
        lines += [Text(), Text()] if ctx.present else [Text()]
    return lines


def estimate_height(entry: Entry, width: int) -> int:
    """A cheap guess of the number of lines :func:`layout_entry` gives at ``width``."""
    return estimate_heights([entry], width)[0]


def estimate_heights(entries: Iterable[Entry], width: int) -> list[int]:
    """:func:`estimate_height` of many entries (the whole transcript after a resize), a little faster."""
    inner = max(1, body_width(width) - 2)
    return [
        fixed + sum([-(-length // inner) or 1 for length in paragraphs])
        for fixed, paragraphs in (e.shape for e in entries)
    ]

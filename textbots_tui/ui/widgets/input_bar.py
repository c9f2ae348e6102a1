"""The input line: what the user types, slash commands, input history, and a busy state."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, Static

from textbots_tui.ui.bindings import CONVERSATION, ESC_DIGIT_KEYS
from textbots_tui.ui.commands import CommandError, SlashCommand, is_command, parse_command, unescape

if TYPE_CHECKING:
    pass

IDLE_PLACEHOLDER = "Type a message, or /help for commands and keys"
BUSY_PLACEHOLDER = "The bot is answering…"
RESUME_PLACEHOLDER = "The bot has more to say: Enter or ctrl+g resumes (or type: it goes after)"
REPLAY_PLACEHOLDER = "Replaying: nothing typed is sent (esc stops)"
REPLAY_MESSAGE = "▶ replaying… (esc stops)"


def choices_placeholder(count: int) -> str:
    """How to answer when ``count`` choices are offered: a number or a label and Enter, or alt+number."""
    if count <= 0:
        return IDLE_PLACEHOLDER
    numbers = "1" if count == 1 else f"1-{min(count, 9)}"
    # The way to pick comes first: it is what a narrow input line still shows. alt+N is said only while the
    # line is empty, which is when the placeholder shows and when alt+N works in every terminal.
    return f"{numbers} or a choice's label + Enter picks it · alt+{numbers} at once · or type a message"


LINE_BREAK_MARK = "⏎"
"""How a line break of pasted text shows in the one-line input; it goes to the bot as a line break."""


def with_line_breaks(text: str) -> str:
    """The text to send for what the input line holds: each :data:`LINE_BREAK_MARK` is a line break."""
    return text.replace(LINE_BREAK_MARK, "\n")


class PromptInput(Input):
    """An ``Input`` with history on up/down. Every printable key types, digits included."""

    BINDINGS = [
        Binding(
            "up",
            "history(-1)",
            "Previous input",
            show=False,
            id="history-previous",
            tooltip="Bring back what you sent before (the input line's history)",
            group=CONVERSATION,
        ),
        Binding(
            "down",
            "history(1)",
            "Next input",
            show=False,
            id="history-next",
            tooltip="Move forward in the history, back to what you were typing",
            group=CONVERSATION,
        ),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder=IDLE_PLACEHOLDER, id=id)
        self.history: list[str] = []
        self._history_index: int | None = None
        self._draft = ""
        self.quick_picks = 0
        """How many choices alt+number can pick now (0 while none are offered or a turn is in flight)."""
        self.space_advances = False
        """A demo waits for its next step: space on an empty line is the screen's (it plays the step)."""

    def on_key(self, event: events.Key) -> None:
        """Never type an alt+key combination: it is a command (alt+1 picks a choice), not text.

        Terminals send alt+1 as the character "1" with a modifier, or (most of them) as ESC+1, which arrives
        as "¡"; an ``Input`` would type either and stop the key before the screen's bindings see it.
        Preventing the default keeps the text as it is and lets the key bubble on to the bindings. "¡" and
        its kin type as usual when they cannot be a pick: text in the line, or no choice with that number.
        """
        if event.key.startswith("alt+"):
            event.prevent_default()
            return
        if self._is_quick_pick(event.key) or self._space_advances(event.key):
            event.prevent_default()

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """Leave "¡" and its kin to the screen's pick bindings while they pick, and space to a waiting demo
        (``Input`` takes them all)."""
        if self._is_quick_pick(key) or self._space_advances(key):
            return False
        return super().check_consume_key(key, character)

    def _space_advances(self, key: str) -> bool:
        return key == "space" and self.space_advances and not self.value

    def _is_quick_pick(self, key: str) -> bool:
        """Whether ``key`` is alt+digit as most terminals send it, and picks now (rather than types)."""
        number = ESC_DIGIT_KEYS.get(key)
        return number is not None and not self.value and number <= self.quick_picks

    class LinesJoined(Message):
        """Text of several lines was pasted: it is kept whole, its line breaks shown as ⏎."""

        def __init__(self, lines: int) -> None:
            self.lines = lines
            super().__init__()

    def on_paste(self, event: events.Paste) -> None:
        """Keep every line of a multi-line paste (an ``Input`` would keep the first only, silently)."""
        lines = event.text.splitlines()
        if len(lines) < 2:
            return  # the Input's own paste
        event.prevent_default()
        event.stop()
        joined = LINE_BREAK_MARK.join(lines)
        if self.selection.is_empty:
            self.insert_text_at_cursor(joined)
        else:
            self.replace(joined, *self.selection)
        self.post_message(self.LinesJoined(len(lines)))

    def remember(self, text: str) -> None:
        """Add submitted text to the history (not twice in a row) and leave history browsing."""
        if text and (not self.history or self.history[-1] != text):
            self.history.append(text)
        self._history_index = None
        self._draft = ""

    def action_history(self, step: int) -> None:
        """Move through earlier inputs; moving past the newest brings back what was being typed."""
        if not self.history:
            return
        if self._history_index is None:
            if step > 0:
                return
            self._draft = self.value
            index = len(self.history) - 1
        else:
            index = self._history_index + step
        if index >= len(self.history):
            self._history_index = None
            self.value = self._draft
        else:
            self._history_index = max(index, 0)
            self.value = self.history[self._history_index]
        self.cursor_position = len(self.value)


class InputBar(Vertical):
    """The input line and, under it, a line for inline messages (a refused command, why Enter did nothing)."""

    DEFAULT_CSS = """
    InputBar {
        height: auto;
        #input-message { height: auto; padding: 0 1; color: $text-muted; display: none; }
        #input-pending { height: auto; padding: 0 1; color: $text-warning; display: none; }
        &.-pending #input-pending { display: block; }
        #input-message.-error { color: $text-error; }
        &.-has-message #input-message { display: block; }
        &.-busy PromptInput { border: tall $warning 60%; }
        &.-replaying PromptInput { border: tall $accent 60%; }
        &.-replaying #input-message { color: $text-accent; text-style: bold; }
    }
    """

    class PromptSubmitted(Message):
        """The user submitted text to send (already unescaped: ``//x`` arrives as ``/x``)."""

        def __init__(self, text: str) -> None:
            self.text = text
            super().__init__()

    class ResumeRequested(Message):
        """Enter on an empty line while the bot has more to say: get the rest of it."""

    class ReplayInterrupted(Message):
        """Enter during a replay: the replay stops, and the typed text stays, unsent."""

    class CommandSubmitted(Message):
        """The user submitted a valid slash command."""

        def __init__(self, command: SlashCommand) -> None:
            self.command = command
            super().__init__()

    busy: reactive[bool] = reactive(False, toggle_class="-busy")
    """A turn is in flight: Enter keeps the text and sends nothing."""
    unavailable: reactive[str] = reactive("")
    """Why nothing can be sent now (no session, history, the flow ended), shown as the placeholder; empty
    when input can go. Slash commands such as /vars and /help still work."""
    choice_count: reactive[int] = reactive(0)
    """How many choices are offered now (the placeholder says how to pick them)."""
    resumable: reactive[bool] = reactive(False)
    """The bot was cut off mid-way (a ``NoOp`` is pending): Enter on an empty line resumes it."""
    replaying: reactive[bool] = reactive(False, toggle_class="-replaying")
    """A demo replay runs in the chat pane: said on the line under the input, and nothing is sent."""
    pending: reactive[tuple[str, ...]] = reactive(())
    """Messages sent while the bot was answering: shown under the input, each sent on its own (never glued
    to the next one) as soon as the bot waits."""
    empty: reactive[bool] = reactive(True)
    """Nothing is typed (the screen offers the alt+number picks only then)."""

    def compose(self) -> ComposeResult:
        """The input and the inline message line."""
        yield PromptInput(id="prompt")
        yield Static(id="input-pending", markup=False)
        yield Static(id="input-message", markup=False)

    @property
    def prompt(self) -> PromptInput:
        """The text input inside the bar."""
        return self.query_one(PromptInput)

    @property
    def value(self) -> str:
        """What is typed now."""
        return self.prompt.value

    def restore(self, text: str) -> None:
        """Put ``text`` back in the input line (after a refusal or a failed send), cursor at the end."""
        # Not a change the user made: it must not clear the message that says why the text came back.
        with self.prompt.prevent(Input.Changed):
            self.prompt.value = text
        self.prompt.cursor_position = len(text)
        self.empty = not text

    def prefill(self, text: str, hint: str) -> None:
        """Start ``text`` in the input line for the user to complete, ``hint`` under it, and focus it."""
        self.restore(text)
        self.show_message(hint)
        self.prompt.focus()

    def restore_unless_typing(self, text: str) -> None:
        """Put ``text`` back unless the user has typed something since (that is never overwritten)."""
        if not self.value:
            self.restore(text)

    def show_message(self, text: str, *, error: bool = False) -> None:
        """Show one line under the input; an empty text hides it."""
        message = self.query_one("#input-message", Static)
        message.update(Content(text))
        message.set_class(error, "-error")
        self.set_class(bool(text), "-has-message")

    def clear_message(self) -> None:
        """Hide the inline message."""
        self.show_message("")

    def watch_choice_count(self) -> None:
        """Update the placeholder."""
        self._update_placeholder()

    def watch_busy(self, busy: bool) -> None:
        """Update the placeholder; once the bot waits, send what was typed meanwhile."""
        self._update_placeholder()
        if not busy and self.pending:
            # After the rest of this update (the screen sets ``unavailable`` right after ``busy``).
            self.call_later(self._send_pending)

    def watch_pending(self, pending: tuple[str, ...]) -> None:
        """Show what waits to be sent, in order."""
        quoted = " · ".join(f"“{one}”" for one in pending)
        self.query_one("#input-pending", Static).update(
            Content(f"⏳ sent when the bot waits: {quoted}") if pending else Content("")
        )
        self.set_class(bool(pending), "-pending")

    def _send_pending(self) -> None:
        if not self.pending or self.busy:
            return
        first, rest = self.pending[0], self.pending[1:]
        if self.unavailable:
            # The session ended meanwhile: nothing is lost, the text comes back to the line (and the input
            # history, up arrow, has every pending one).
            self.pending = ()
            if not self.value:
                self.restore(first)
            more = f" (and {len(rest)} more: up arrow)" if rest else ""
            self.show_message(f"Not sent{more}: {self.unavailable}", error=True)
            return
        self.pending = rest
        self.post_message(self.PromptSubmitted(with_line_breaks(unescape(first))))

    def watch_unavailable(self) -> None:
        """Update the placeholder."""
        self._update_placeholder()

    def watch_resumable(self) -> None:
        """Update the placeholder."""
        self._update_placeholder()

    def watch_replaying(self, replaying: bool) -> None:
        """Say that a replay runs, until it stops."""
        self.show_message(REPLAY_MESSAGE if replaying else "")
        self._update_placeholder()

    def _update_placeholder(self) -> None:
        self.prompt.quick_picks = 0 if self.busy or self.replaying else self.choice_count
        if self.replaying:
            placeholder = REPLAY_PLACEHOLDER
        elif self.unavailable:
            placeholder = self.unavailable
        elif self.busy:
            placeholder = BUSY_PLACEHOLDER
        elif self.resumable:
            placeholder = RESUME_PLACEHOLDER
        else:
            placeholder = choices_placeholder(self.choice_count)
        self.prompt.placeholder = placeholder

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self.empty = not event.value
        if self.has_class("-has-message") and not self.replaying:
            self.clear_message()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value
        if self.replaying:
            self.post_message(self.ReplayInterrupted())
            return
        if not text.strip():
            if self.resumable and not self.busy:
                self.post_message(self.ResumeRequested())
            return
        if is_command(text):
            try:
                command = parse_command(text)
            except CommandError as error:
                self.show_message(str(error), error=True)
                return
            self.prompt.remember(text)
            self.prompt.value = ""
            self.post_message(self.CommandSubmitted(command))
            return
        if self.busy:
            # Kept aside, visibly, and sent on its own once the bot waits: never glued to what comes next.
            self.prompt.remember(text)
            self.prompt.value = ""
            self.pending = (*self.pending, text)
            return
        self.prompt.remember(text)
        self.prompt.value = ""
        self.post_message(self.PromptSubmitted(with_line_breaks(unescape(text))))

    @on(PromptInput.LinesJoined)
    def _lines_joined(self, event: PromptInput.LinesJoined) -> None:
        event.stop()
        self.show_message(
            f"Pasted {event.lines} lines: they go as one message, with a line break at each {LINE_BREAK_MARK}"
        )

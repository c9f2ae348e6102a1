"""The session list: every session of this run, then past sessions reloaded from the journal."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from textbots_tui.core.params import SessionState
from textbots_tui.core.targets import same_target, target_label

if TYPE_CHECKING:
    from textbots_tui.core.params import SessionInfo

AGE_REFRESH_S = 30.0

STATE_STYLES: dict[SessionState, str] = {
    SessionState.LAUNCHING: "$text-accent",
    SessionState.TALKING: "$text-accent",
    SessionState.WAITING: "$text-success",
    SessionState.EXITED: "$text-warning",
    SessionState.DISCONNECTED: "$text-warning",
    SessionState.FAILED: "$text-error",
    SessionState.CLOSED: "$foreground-muted",
}


def format_age(created_at: datetime, now: datetime) -> str:
    """A short, coarse age ("<1m", "5m", "3h", "2d") so the list does not flicker every second."""
    seconds = max((now - created_at).total_seconds(), 0.0)
    if seconds < 60:
        return "<1m"
    if seconds < 3600:
        return f"{int(seconds // 60)}m"
    if seconds < 86400:
        return f"{int(seconds // 3600)}h"
    return f"{int(seconds // 86400)}d"


HISTORY_MARK = "⟲ "
"""Marks a read-only session reloaded from the journal."""
HISTORY_LABEL_ID = "-history-label"
"""The id of the "History" section label (an option that cannot be selected)."""
DEFAULT_WIDTH = 26
"""The prompt width until the list knows its size: the default sidebar's."""


def state_badge(info: SessionInfo) -> str:
    """The state in words, with the reason once the session has ended."""
    if info.end_reason and info.state in (
        SessionState.EXITED,
        SessionState.DISCONNECTED,
        SessionState.FAILED,
    ):
        return f"{info.state.value}: {info.end_reason}"
    return info.state.value


def _name_line(info: SessionInfo, width: int) -> Content:
    """The name, cut with an ellipsis to leave room for the kind tag at the right edge."""
    tag = f" {info.kind}"
    mark = HISTORY_MARK if info.read_only else ""
    room = max(width - len(tag) - len(mark), 4)
    name = Content(" ".join(info.name.split()))
    if name.cell_length > room:
        name = name.truncate(room - 1).rstrip() + "…"
    gap = max(width - len(mark) - name.cell_length - len(tag), 0)
    return Content.assemble(
        (mark, "$foreground-muted"),
        name.stylize("$foreground-muted" if info.read_only else "bold"),
        " " * gap,
        (tag, "italic $foreground-muted"),
    )


def _state_line(info: SessionInfo, now: datetime, width: int) -> Content:
    """State badge, turns and age, as much as fits: the end reason goes first, then the age.

    The header shows the selected session's end reason in full.
    """
    style = STATE_STYLES.get(info.state, "")
    if info.read_only:
        # History is never live: a session left waiting when the app closed is not waiting now.
        style = "$foreground-muted"
        if info.state.is_open:
            info = replace(info, state=SessionState.CLOSED, end_reason=None)
    turns = f"{info.turn_count} turn" + ("" if info.turn_count == 1 else "s")
    age = format_age(info.created_at, now)
    for badge, tail in (
        (state_badge(info), f" · {turns} · {age}"),
        (info.state.value, f" · {turns} · {age}"),
        (info.state.value, f" · {turns}"),
    ):
        if len(badge) + 2 + len(tail) <= width:
            break
    line = Content.assemble((f"● {badge}", style), (tail, "$foreground-muted"))
    return line.truncate(width, ellipsis=True)


def session_prompt(
    info: SessionInfo, now: datetime, width: int = DEFAULT_WIDTH, *, other_target: bool = False
) -> Content:
    """Two lines of at most ``width`` cells: name and kind, then state, turns and age; a session of another
    target (``other_target``) gets a third, its target as recorded (literally: it is a config value)."""
    lines = [_name_line(info, width), _state_line(info, now, width)]
    if other_target:
        label = Content(f"↳ {target_label(info.org_target)}").stylize("italic $text-warning")
        lines.append(label.truncate(width, ellipsis=True))
    return Content("\n").join(lines)


def hidden_line(hidden: int) -> str:
    """What the session list says under "History" when sessions of other targets are not listed."""
    return f"{hidden} from other targets hidden"


def _history_label(width: int, hidden: int) -> Content:
    label = "History "
    content = Content.assemble(
        (label, "bold $foreground-muted"), ("─" * max(width - len(label), 0), "$foreground-muted")
    )
    if hidden:  # wrapped rather than cut: the count is the point of the line
        text = "\n".join(textwrap.wrap(hidden_line(hidden), max(width, 10)))
        content += Content.styled("\n" + text, "italic $foreground-muted")
    return content


def _utc_now() -> datetime:
    return datetime.now(UTC)


class SessionSidebar(Vertical):
    """Lists sessions; selecting one posts :class:`SessionSidebar.SessionSelected`.

    This run's sessions come first in the order they were created, then, under a "History" label, the
    read-only sessions reloaded from the journal, newest first. Each takes two lines cut to the list's width.
    History of other targets than ``current_target`` is left out unless ``all_targets`` is on; then it is
    listed with its target on a third line. The delete key asks the screen to delete the highlighted session
    (the screen decides whether it may go, and asks first).
    """

    BINDINGS = [
        Binding(
            "delete",
            "screen.history('delete_list')",
            "Delete",
            id="delete-session",
            tooltip="Delete the highlighted past session and its journal file (asks first)",
        )
    ]

    DEFAULT_CSS = """
    SessionSidebar {
        #sessions-title { padding: 0 1; color: $text-muted; text-style: bold; }
        OptionList {
            height: 1fr;
            border: none;
            scrollbar-size-vertical: 1;
            scrollbar-gutter: stable;
            text-wrap: nowrap;
            text-overflow: ellipsis;
        }
    }
    """

    class SessionSelected(Message):
        """The user chose a session to look at."""

        def __init__(self, session_id: str) -> None:
            self.session_id = session_id
            super().__init__()

    def __init__(self, *, clock: Callable[[], datetime] = _utc_now, id: str | None = None) -> None:
        super().__init__(id=id)
        self.clock = clock
        """Where "now" comes from, for the ages (frozen in tests)."""
        self._infos: dict[str, SessionInfo] = {}
        self._selected: str | None = None
        self._width = DEFAULT_WIDTH
        """The width prompts are cut to: the list's, less its padding and scrollbar gutter."""
        self._rebuild_pending = False
        self._highlight_selected = False
        self._history_loading = False
        self._all_targets = False
        self.current_target: dict[str, str] | None = None
        """The org the app talks to: history of others is hidden or labelled (``None``: all one target)."""

    def compose(self) -> ComposeResult:
        """A title and the list."""
        yield Static("Sessions", id="sessions-title")
        yield OptionList(id="session-list")

    def on_mount(self) -> None:
        """Keep the ages roughly true."""
        self.set_interval(AGE_REFRESH_S, self.refresh_ages)

    def on_resize(self) -> None:
        """Cut the prompts to the new width once the list has its new size."""
        self.call_after_refresh(self._fit_width)

    def on_descendant_focus(self) -> None:
        """The focused list has a border: cut the prompts to the room it leaves."""
        self.call_after_refresh(self._fit_width)

    def on_descendant_blur(self) -> None:
        """The border goes with the focus: the prompts get their room back."""
        self.call_after_refresh(self._fit_width)

    def _fit_width(self) -> None:
        width = self.option_list.scrollable_content_region.width
        if width > 0 and width != self._width:
            self._width = width
            self._rebuild()

    @property
    def option_list(self) -> OptionList:
        """The list widget."""
        return self.query_one(OptionList)

    @property
    def session_ids(self) -> list[str]:
        """The listed sessions, in display order."""
        return self._ordered()

    @property
    def selected_id(self) -> str | None:
        """The session shown as selected."""
        return self._selected

    def info(self, session_id: str) -> SessionInfo | None:
        """The last known snapshot of a listed session."""
        return self._infos.get(session_id)

    def prompt(self, session_id: str) -> Content:
        """How a listed session is shown now (two lines; three for a session of another target)."""
        info = self._infos[session_id]
        return session_prompt(info, self.clock(), self._width, other_target=self.elsewhere(info))

    def elsewhere(self, info: SessionInfo) -> bool:
        """Whether ``info`` is history of another target than the current one (labelled with it)."""
        return info.read_only and not self._ours(info)

    def _ours(self, info: SessionInfo) -> bool:
        """Whether a session belongs to the current target (all do when none is set)."""
        return self.current_target is None or same_target(info.org_target, self.current_target)

    @property
    def all_targets(self) -> bool:
        """Whether history of other targets is listed (labelled) rather than hidden."""
        return self._all_targets

    @all_targets.setter
    def all_targets(self, shown: bool) -> None:
        if shown != self._all_targets:
            self._all_targets = shown
            self._schedule_rebuild()

    @property
    def hidden_count(self) -> int:
        """How many history sessions of other targets are not listed now."""
        if self._all_targets:
            return 0
        return sum(1 for info in self._infos.values() if info.read_only and not self._ours(info))

    def history_ids(self, *, of_current_target: bool = False) -> list[str]:
        """The listed history sessions, newest first (only the current target's: ``of_current_target``)."""
        history = self._history()
        return [sid for sid in history if self._ours(self._infos[sid])] if of_current_target else history

    def drop(self, session_id: str) -> None:
        """Drop a session from the list (it was deleted)."""
        if self._infos.pop(session_id, None) is not None:
            if self._selected == session_id:
                self._selected = None
            self._schedule_rebuild()

    @property
    def highlighted_id(self) -> str | None:
        """The session the list's cursor is on (what the delete key acts on)."""
        option = self.option_list.highlighted_option
        return option.id if option is not None and option.id in self._infos else None

    def upsert(self, info: SessionInfo) -> None:
        """Add a session or update how it is shown.

        A new session rebuilds the list once the messages queued now are handled, so a history of hundreds
        of sessions arriving one by one costs one rebuild, not hundreds.
        """
        known = info.session_id in self._infos
        self._infos[info.session_id] = info
        if known and not self._rebuild_pending:
            if self._listed(info):  # another target's history may be hidden
                self.option_list.replace_option_prompt(info.session_id, self.prompt(info.session_id))
        elif not known:
            self._schedule_rebuild()

    @property
    def history_loading(self) -> bool:
        """Whether the history is still being read (the list says so under the "History" label)."""
        return self._history_loading

    @history_loading.setter
    def history_loading(self, loading: bool) -> None:
        if loading != self._history_loading:
            self._history_loading = loading
            self._schedule_rebuild()

    def _schedule_rebuild(self) -> None:
        if not self._rebuild_pending:
            self._rebuild_pending = True
            self.call_later(self._rebuild)

    def select(self, session_id: str | None) -> None:
        """Mark ``session_id`` as the selected one (moves the highlight; posts nothing)."""
        self._selected = session_id
        if session_id is None or session_id not in self._infos:
            return
        if self._rebuild_pending:
            self._highlight_selected = True  # the pending rebuild highlights it
            return
        self.option_list.highlighted = self.option_list.get_option_index(session_id)

    def focus_list(self) -> None:
        """Focus the list with a session highlighted (the selected one, else the first), ready for Enter."""
        if self._rebuild_pending:
            self._rebuild()
        option_list = self.option_list
        if option_list.highlighted is None and self._infos:
            option_list.highlighted = option_list.get_option_index(self._ordered()[0])
        option_list.focus()

    def refresh_ages(self) -> None:
        """Re-render every prompt against the current time."""
        if self._rebuild_pending:
            return  # the rebuild renders them
        for session_id in self._ordered():
            self.option_list.replace_option_prompt(session_id, self.prompt(session_id))

    def _ordered(self) -> list[str]:
        live = [sid for sid, info in self._infos.items() if not info.read_only]
        return live + self._history()

    def _listed(self, info: SessionInfo) -> bool:
        return not info.read_only or self._all_targets or self._ours(info)

    def _history(self) -> list[str]:
        return sorted(
            (sid for sid, info in self._infos.items() if info.read_only and self._listed(info)),
            key=lambda sid: self._infos[sid].created_at,
            reverse=True,
        )

    def _rebuild(self) -> None:
        self._rebuild_pending = False
        options = [
            Option(self.prompt(sid), id=sid) for sid, info in self._infos.items() if not info.read_only
        ]
        history = self._history()
        hidden = self.hidden_count
        if history or hidden or self._history_loading:
            label = Content("\n") + _history_label(self._width, hidden)
            if self._history_loading:
                label += Content.styled("\nreading the journal…", "italic $foreground-muted")
            options.append(Option(label, id=HISTORY_LABEL_ID, disabled=True))
            options += [Option(self.prompt(sid), id=sid) for sid in history]
        option_list = self.option_list
        highlighted = option_list.highlighted_option
        option_list.set_options(options)
        keep = self._selected if highlighted is None or self._highlight_selected else highlighted.id
        self._highlight_selected = False
        if keep is not None and keep in self._infos:
            option_list.highlighted = option_list.get_option_index(keep)

    @on(OptionList.OptionSelected)
    def _option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None and event.option.id in self._infos:
            self.post_message(self.SessionSelected(event.option.id))

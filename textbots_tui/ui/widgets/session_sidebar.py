"""The session list: every session of this run, then past sessions reloaded from the journal."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from textbots_tui.core.params import SessionState

if TYPE_CHECKING:
    from textbots_tui.core.params import SessionInfo

AGE_REFRESH_S = 30.0

STATE_STYLES: dict[SessionState, str] = {
    SessionState.LAUNCHING: "$accent",
    SessionState.TALKING: "$accent",
    SessionState.WAITING: "$success",
    SessionState.EXITED: "$warning",
    SessionState.DISCONNECTED: "$warning",
    SessionState.FAILED: "$error",
    SessionState.CLOSED: "$text-muted",
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


def state_badge(info: SessionInfo) -> str:
    """The state in words, with the reason once the session has ended."""
    if info.end_reason and info.state in (
        SessionState.EXITED,
        SessionState.DISCONNECTED,
        SessionState.FAILED,
    ):
        return f"{info.state.value}: {info.end_reason}"
    return info.state.value


def session_prompt(info: SessionInfo, now: datetime) -> Content:
    """Two lines for one session: name and kind, then state, turns and age."""
    turns = f"{info.turn_count} turn" + ("" if info.turn_count == 1 else "s")
    tail = f" · {turns} · {format_age(info.created_at, now)}"
    return Content.assemble(
        (info.name, "bold"),
        (f"  {info.kind}", "$text-muted"),
        ("  history" if info.read_only else "", "italic $text-muted"),
        "\n",
        ("● ", STATE_STYLES.get(info.state, "")),
        (state_badge(info), STATE_STYLES.get(info.state, "")),
        (tail, "$text-muted"),
    )


def _utc_now() -> datetime:
    return datetime.now(UTC)


class SessionSidebar(Vertical):
    """Lists sessions; selecting one posts :class:`SessionSidebar.SessionSelected`.

    Live sessions come first in the order they were created, then the read-only history.
    """

    DEFAULT_CSS = """
    SessionSidebar {
        #sessions-title { padding: 0 1; color: $text-muted; text-style: bold; }
        OptionList { height: 1fr; border: none; }
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

    def compose(self) -> ComposeResult:
        """A title and the list."""
        yield Static("Sessions", id="sessions-title")
        yield OptionList(id="session-list")

    def on_mount(self) -> None:
        """Keep the ages roughly true."""
        self.set_interval(AGE_REFRESH_S, self.refresh_ages)

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

    def upsert(self, info: SessionInfo) -> None:
        """Add a session or update how it is shown."""
        known = info.session_id in self._infos
        self._infos[info.session_id] = info
        if known:
            self.option_list.replace_option_prompt(info.session_id, session_prompt(info, self.clock()))
        else:
            self._rebuild()

    def select(self, session_id: str | None) -> None:
        """Mark ``session_id`` as the selected one (moves the highlight; posts nothing)."""
        self._selected = session_id
        if session_id is None or session_id not in self._infos:
            return
        self.option_list.highlighted = self.option_list.get_option_index(session_id)

    def focus_list(self) -> None:
        """Focus the list with a session highlighted (the selected one, else the first), ready for Enter."""
        option_list = self.option_list
        if option_list.highlighted is None and option_list.option_count:
            option_list.highlighted = 0
        option_list.focus()

    def refresh_ages(self) -> None:
        """Re-render every prompt against the current time."""
        now = self.clock()
        for session_id, info in self._infos.items():
            self.option_list.replace_option_prompt(session_id, session_prompt(info, now))

    def _ordered(self) -> list[str]:
        live = [sid for sid, info in self._infos.items() if not info.read_only]
        history = sorted(
            (sid for sid, info in self._infos.items() if info.read_only),
            key=lambda sid: self._infos[sid].created_at,
            reverse=True,
        )
        return live + history

    def _rebuild(self) -> None:
        now = self.clock()
        option_list = self.option_list
        option_list.set_options(
            Option(session_prompt(self._infos[sid], now), id=sid) for sid in self._ordered()
        )
        if self._selected is not None and self._selected in self._infos:
            option_list.highlighted = option_list.get_option_index(self._selected)

    @on(OptionList.OptionSelected)
    def _option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.SessionSelected(event.option.id))

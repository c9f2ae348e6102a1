"""A conversation with a bot flow or a bot: its parameters, state, turns, exchanges and events.

A :class:`Session` is the controller's bookkeeping, readable by the UI and the runner (``session.events``
rebuilds a chat view, ``session.exchanges`` feeds the inspector). Its fields are written only by its own
transition methods (:meth:`Session.move_to`, :meth:`Session.offer`, :meth:`Session.end`, ...), which the
controller's parts call; ``state`` is read-only everywhere else. How offered choices join and which one a
typed label names is :mod:`textbots_tui.core.offered`'s.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from textbots_tui.core import kept, offered
from textbots_tui.core.availability import input_refusal
from textbots_tui.core.choices import choices_in, links_in
from textbots_tui.core.errors import InputRefused
from textbots_tui.core.items import BotItem, CardAction, Choice
from textbots_tui.core.params import BotParams, FlowLaunchParams, SessionInfo, SessionKind, SessionState

if TYPE_CHECKING:
    from textbots_tui.api.exchange import Exchange
    from textbots_tui.core.events import Event, SessionEnded


@dataclass(frozen=True, slots=True)
class Turn:
    """One completed round trip: a launch, a turn (``NoOp`` included) or an ``execute`` call."""

    index: int
    """1-based, in the order the requests were made."""
    input_type: str
    """``Launch``, the turn's ``inputEventType`` (``NoOp``, ``UserInput``, ...) or ``Execute``."""
    started_at: datetime
    latency_ms: float
    """The HTTP round trip of the request that succeeded (waits before retries not included)."""
    text: str | None = None
    """The user's input as the chat shows it (typed text, choice label, event), when the turn carried one."""
    turn_id: str | None = None
    """The response's turn id (flows) or the launched session id (launch)."""
    next_action: str | None = None
    """``NoOp``, ``WaitForInput``, ``Exit``, ``Disconnect`` (flows) or the ``botState`` (bots)."""


NOT_USER_TURNS = frozenset({"Launch", "NoOp"})
"""Turns the app makes by itself: the launch, and the ``NoOp`` turns that let the flow go on."""


def _now() -> datetime:
    return datetime.now(UTC)


class Session:
    """One bot flow session (launch, then turns) or bot session (``execute`` with a ``botSessionId``)."""

    def __init__(
        self,
        session_id: str,
        params: FlowLaunchParams | BotParams,
        *,
        name: str | None = None,
        created_at: datetime | None = None,
        read_only: bool = False,
        org_target: dict[str, str] | None = None,
    ) -> None:
        self.session_id = session_id
        self.org_target = org_target
        """The org the session belongs to (its journal header's target), ``None`` when unknown."""
        self.params = params
        self.kind: SessionKind = "flow" if isinstance(params, FlowLaunchParams) else "bot"
        self.name = name or default_name(params)
        self.created_at = created_at or _now()
        self.read_only = read_only
        self._state = SessionState.LAUNCHING if self.kind == "flow" else SessionState.WAITING
        self.remote_id: str | None = None
        """The Genesys session id (flow) or the ``botSessionId`` (bot)."""
        self.last_turn_id: str | None = None
        """The latest turn id the server returned: the next turn's ``previousTurn``."""
        self.pending_noop = False
        """The server expects a ``NoOp`` the client has not got through yet (the flow's start, or the next
        ``NoOp`` after a response that said ``NoOp``, failed): the next input first sends it."""
        self.turns: list[Turn] = []
        self._user_turns = 0
        """How many of ``turns`` the user took (kept as they come: the sidebar asks on every change)."""
        self.exchanges: list[Exchange] = []
        """The latest HTTP attempts (``kept.KEPT_EXCHANGES``), oldest first; the journal keeps every one."""
        self.exchanges_dropped = 0
        """How many older attempts were let go of to keep memory bounded."""
        self._unpruned = 0
        self.events: list[Event] = []
        self.choices: tuple[Choice, ...] = ()
        """Every choice offered since the user's last input (what ``choose`` matches against)."""
        self.links: tuple[CardAction, ...] = ()
        """Card link buttons offered since the user's last input (shown, never sent)."""
        self.no_input_timeout_ms: int | None = None
        self.language_preferences: tuple[str, ...] = ()
        self.ended: SessionEnded | None = None
        self.in_flight = False

    @property
    def state(self) -> SessionState:
        """Where the session is in its life; changed only by :meth:`move_to` (and :meth:`end`)."""
        return self._state

    # Transitions: the only code that writes a session's fields.

    def move_to(self, state: SessionState) -> bool:
        """Move to ``state``; whether that changed anything (the recorder announces changes)."""
        changed = state is not self._state
        self._state = state
        return changed

    def bind_remote(self, remote_id: str | None) -> None:
        """The server's id for this session: the Genesys session id (flow) or the ``botSessionId`` (bot)."""
        self.remote_id = remote_id

    def launched(self, remote_id: str) -> None:
        """The launch got through: the server's session id, and the NoOp that starts every flow to send."""
        self.bind_remote(remote_id)
        self.pending_noop = True

    def expect_noop(self, pending: bool) -> None:
        """Whether the server expects a ``NoOp`` the client has not got through yet."""
        self.pending_noop = pending

    def answered(self, turn_id: str | None) -> None:
        """A turn got its response: its id is what the next turn quotes as ``previousTurn``."""
        self.last_turn_id = turn_id

    def input_sent(self) -> None:
        """The user's input answered what was offered: from now on the session offers what the bot says."""
        self.choices = ()
        self.links = ()

    def offer(self, items: Iterable[BotItem], *, more: bool) -> None:
        """What ``items`` offer becomes what the user may choose: added to what is offered already (``more``,
        a flow that says several things before it waits), or instead of it (a bot's reply)."""
        shown = tuple(items)
        self.choices = offered.unique_choices(self.choices if more else (), choices_in(shown))
        self.links = (self.links if more else ()) + tuple(links_in(shown))

    def waits(self, no_input_timeout_ms: int | None, language_preferences: tuple[str, ...]) -> None:
        """The flow waits for input: its no-input timeout and preferred languages (then ``move_to``)."""
        self.no_input_timeout_ms = no_input_timeout_ms
        self.language_preferences = language_preferences

    def end(self, ended: SessionEnded) -> None:
        """The flow exited or disconnected: it takes no more input."""
        self.ended = ended
        self.no_input_timeout_ms = None
        self.move_to(SessionState.EXITED if ended.how == "exit" else SessionState.DISCONNECTED)

    def rename(self, name: str) -> None:
        """Give the session a new display name."""
        self.name = name

    def record(self, event: Event) -> None:
        """Keep an event of the session (``events`` rebuilds the chat view)."""
        self.events.append(event)

    def record_exchange(self, exchange: Exchange) -> None:
        """Keep one HTTP attempt (the inspector lists them), letting go of the oldest past the bound."""
        self.exchanges.append(exchange)
        if len(self.exchanges) > kept.KEPT_EXCHANGES:
            self._drop_exchanges(len(self.exchanges) - kept.KEPT_EXCHANGES)

    @property
    def exchange_count(self) -> int:
        """How many HTTP attempts the session made in all (those let go of included)."""
        return self.exchanges_dropped + len(self.exchanges)

    def exchanges_since(self, count: int) -> list[Exchange]:
        """The attempts made after the first ``count`` (an :attr:`exchange_count` taken earlier) that are
        still kept."""
        return self.exchanges[max(0, count - self.exchanges_dropped) :]

    def _drop_exchanges(self, count: int) -> None:
        del self.exchanges[:count]
        self.exchanges_dropped += count
        self._unpruned += count
        if self._unpruned >= kept.PRUNE_EVERY:  # their events go too, or they would keep them alive
            self.events = kept.without_dropped(self.events, self.exchanges)
            self._unpruned = 0

    def record_turn(self, turn: Turn) -> None:
        """Keep one completed round trip."""
        self.turns.append(turn)
        if turn.input_type not in NOT_USER_TURNS:
            self._user_turns += 1

    def restore(self, events: Iterable[Event], turns: Iterable[Turn]) -> None:
        """Fill a history session from its journal: its events (exchanges among them), its turns, and what
        they say of its name, state, ending and last offered choices."""
        from textbots_tui.core.events import ExchangeRecorded, SessionChanged, SessionCreated, WaitingForInput
        from textbots_tui.core.events import SessionEnded as Ended

        self.events = list(events)
        self.turns = list(turns)
        self._user_turns = sum(1 for turn in self.turns if turn.input_type not in NOT_USER_TURNS)
        exchanges = []
        for event in self.events:
            if isinstance(event, SessionCreated | SessionChanged):
                self.take_info(event.info)
            elif isinstance(event, ExchangeRecorded):
                exchanges.append(event.exchange)
            elif isinstance(event, Ended):
                self.ended = event
            elif isinstance(event, WaitingForInput):
                self.choices = event.choices
                self.no_input_timeout_ms = event.no_input_timeout_ms
        self.exchanges = exchanges[-kept.KEPT_EXCHANGES :]
        self.exchanges_dropped = len(exchanges) - len(self.exchanges)
        if self.exchanges_dropped:
            self.events = kept.without_dropped(self.events, self.exchanges)

    def take_info(self, info: SessionInfo) -> None:
        """Name, state, server id and org as a snapshot of the session says (a history session's latest)."""
        self.name = info.name
        self.org_target = info.org_target
        self._state = info.state
        self.remote_id = info.remote_id

    def unload(self) -> None:
        """Let go of a history session's events, turns and exchanges (its journal file keeps them)."""
        self.events, self.turns, self.exchanges = [], [], []
        self._user_turns = 0
        self.exchanges_dropped = 0

    @property
    def target_id(self) -> str:
        """The flow id or bot id this session talks to."""
        return self.params.flow_id if isinstance(self.params, FlowLaunchParams) else self.params.bot_id

    @property
    def user_turn_count(self) -> int:
        """How many turns the user took: the launch and the automatic ``NoOp`` turns do not count."""
        return self._user_turns

    @property
    def end_reason(self) -> str | None:
        """The exit or disconnect reason, once the flow ended."""
        return self.ended.reason if self.ended else None

    def info(self) -> SessionInfo:
        """A snapshot for the sidebar and the journal."""
        return SessionInfo(
            session_id=self.session_id,
            kind=self.kind,
            name=self.name,
            state=self.state,
            turn_count=self.user_turn_count,
            created_at=self.created_at,
            remote_id=self.remote_id,
            end_reason=self.end_reason,
            read_only=self.read_only,
            org_target=self.org_target,
        )

    def check_can_send(self) -> None:
        """Raise :class:`InputRefused` unless input could go out now (the rule: :func:`input_refusal`)."""
        refusal = input_refusal(self)
        if refusal is not None:
            raise InputRefused(str(refusal))

    def sending(self) -> _TurnSlot:
        """Claim the session's single turn slot for one exchange with the bot: ``with session.sending():``.

        Raises :class:`InputRefused` when input cannot go now. The check and the claim happen with no
        ``await`` in between, so two tasks can never both get in.
        """
        self.check_can_send()
        self.in_flight = True
        return _TurnSlot(self)

    def find_choice(self, wanted: str) -> Choice:
        """The offered choice ``wanted`` names; :class:`InputRefused` when none or several do, or a link does
        (the rule: :func:`offered.find_choice`)."""
        return offered.find_choice(wanted, self.choices, self.links)


class _TurnSlot:
    """Releases a session's turn slot when the ``with`` block ends, however it ends."""

    __slots__ = ("_session",)

    def __init__(self, session: Session) -> None:
        self._session = session

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc_info: object) -> None:
        self._session.in_flight = False


def default_name(params: FlowLaunchParams | BotParams) -> str:
    """What a session is called until the user renames it: the target's name, else its whole id (ids often
    share their first characters, so a cut id would not tell two targets apart)."""
    if isinstance(params, FlowLaunchParams):
        return params.flow_name or f"flow {params.flow_id}"
    return params.bot_name or f"bot {params.bot_id}"

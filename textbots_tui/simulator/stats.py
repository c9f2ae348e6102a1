"""What the simulator received, by kind of request: the server's side of a load test's bookkeeping.

A load generator reports every request it made (Locust's statistics); a server that counts what arrived tells
whether those reports are complete and whether a turn was ever sent twice (a ``stale.turn`` 409). The kinds
are the ones the load runner reports, and :func:`request_kind` is the one rule both sides use to name them.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Final

TOKEN: Final = "token"
LAUNCH: Final = "launch"
TURN: Final = "turn"
TURN_NOOP: Final = "turn NoOp"
EXECUTE: Final = "execute"
OTHER: Final = "other"
KINDS: Final = (TOKEN, LAUNCH, TURN, TURN_NOOP, EXECUTE)
"""The kinds a load test reports, in the order reports list them."""

_SESSIONS = "/api/v2/textbots/botflows/sessions"


def request_kind(method: str, path: str, input_event_type: str | None = None) -> str:
    """The kind of a request by its method and path: ``token``, ``launch``, ``turn`` (``turn NoOp`` when the
    turn's ``inputEventType`` is ``NoOp``), ``execute``, or ``other`` (listings, unknown paths)."""
    if method != "POST":
        return OTHER
    if path.endswith("/oauth/token"):
        return TOKEN
    if path == _SESSIONS:
        return LAUNCH
    if path.startswith(_SESSIONS + "/") and path.endswith("/turns"):
        return TURN_NOOP if input_event_type == "NoOp" else TURN
    if path == "/api/v2/textbots/bots/execute":
        return EXECUTE
    return OTHER


class SimulatorStats:
    """Counters of one simulator app: requests and statuses per kind, stale-turn conflicts, lost answers."""

    def __init__(self) -> None:
        self.requests: Counter[str] = Counter()
        self.statuses: dict[str, Counter[int]] = {}
        self.stale_turn_conflicts = 0
        """409s answered because a turn's ``previousTurn`` was not the session's latest turn."""
        self.lost_answers = 0
        """Requests processed whose answer was dropped on purpose (the ``lost_answer_rate`` fault)."""

    def received(self, kind: str) -> None:
        """Count a request as it arrives (before any fault or check, so every request counts once)."""
        self.requests[kind] += 1

    def answered(self, kind: str, status: int) -> None:
        """Count the status a request was answered with."""
        self.statuses.setdefault(kind, Counter())[status] += 1

    def to_json(self) -> dict[str, Any]:
        """The ``GET /simulator/stats`` body."""
        return {
            "requests": dict(self.requests),
            "statuses": {kind: {str(s): n for s, n in c.items()} for kind, c in self.statuses.items()},
            "staleTurnConflicts": self.stale_turn_conflicts,
            "lostAnswers": self.lost_answers,
        }

"""Replay against live: a session from the history (or a live one) played again on the current target.

The replay is a new session, shown as it plays; each step that differs from the recording gets a note in
its transcript, right after what the bot said now, naming what was expected and what came. The last note
sums it up. The comparison is core's (:mod:`textbots_tui.core.replay_live`), the one ``run`` and
``textbots-tui replay`` use, so volatile values (dates, references) are not differences.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.screen import Screen

    from textbots_tui.core.controller import Controller
    from textbots_tui.core.replay_live import StepComparison
    from textbots_tui.core.sessions import Session


def replay_live(host: Screen[Any], controller: Controller | None, session: Session | None) -> None:
    """Replay ``session``'s user half against the live target as a new session, in a worker of ``host``
    (nothing without a session or a controller). A session of another target is not: a toast says whose."""
    from textbots_tui.core.targets import target_refusal

    if controller is None or session is None:
        return
    refusal = target_refusal(session.org_target, controller.org_target)
    if refusal is not None:
        host.notify(f"Not replayed: {refusal}", title="Replay against live", severity="warning", markup=False)
    else:
        host.run_worker(_run(controller, session), group="replay-live", exclusive=True, exit_on_error=False)


async def _run(controller: Controller, session: Session) -> None:
    from textbots_tui.core.replay_live import replay_session
    from textbots_tui.core.replay_report import difference_lines, summary

    def noted(session_id: str, step: StepComparison) -> None:
        for line in difference_lines(step):
            controller.notice(session_id, f"Differs from the recording: {line}", "warning")

    result = await replay_session(
        session.events, session.params, controller, on_step=noted, name=f"{session.name} (replayed)"
    )
    if result.session_id is not None:
        note = f"Replay against live: {summary(result)}"
        controller.notice(result.session_id, note, "warning" if result.differs else "information")

"""The variables dialog: a session's launch and output variables, built on :class:`DetailsModal`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textbots_tui.ui.screens.details_modal import DetailsModal
from textbots_tui.ui.widgets.json_view import pretty_json

if TYPE_CHECKING:
    from textbots_tui.core.controller import Controller
    from textbots_tui.core.sessions import Session


class VariablesModal(DetailsModal):
    """A session's launch variables and, once the flow has exited, its output variables and outcomes
    (named as far as ``controller`` knows their names; by id where a name is unknown)."""

    def __init__(self, session: Session, controller: Controller | None = None) -> None:
        from textbots_tui.core.ending import summarize_ending
        from textbots_tui.core.params import FlowLaunchParams

        params = session.params
        launch = params.input_variables if isinstance(params, FlowLaunchParams) else {}
        body: dict[str, object] = {"inputVariables": launch}
        fields = [("session", session.name), ("launch variables", str(len(launch)))]
        ended = session.ended
        if ended is not None:
            body["outputVariables"] = ended.output_variables
            fields.append(("ended", f"{ended.how}: {ended.reason}"))
            fields.append(("output variables", str(len(ended.output_variables))))
            # The names asked of the org so far (the banner asked for them when the session ended).
            summary = (
                summarize_ending(ended, controller.names.known()) if controller else summarize_ending(ended)
            )
            for outcome in summary.outcomes:
                reached = f" · reached {', '.join(outcome.milestones)}" if outcome.milestones else ""
                fields.append(("outcome", f"{outcome.name}: {outcome.value or 'no result'}{reached}"))
            if summary.outcomes:
                body["outcomes"] = [
                    {
                        "name": o.name,
                        "id": o.outcome_id,
                        "value": o.value,
                        "milestones": [
                            {"name": n, "id": i} for n, i in zip(o.milestones, o.milestone_ids, strict=True)
                        ],
                    }
                    for o in summary.outcomes
                ]
        else:
            fields.append(("output variables", "(known once the flow exits)"))
        super().__init__("Variables", fields, body=pretty_json(body))

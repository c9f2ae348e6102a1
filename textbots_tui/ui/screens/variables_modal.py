"""The variables dialog: a session's launch and output variables, built on :class:`DetailsModal`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textbots_tui.ui.screens.details_modal import DetailsModal
from textbots_tui.ui.widgets.json_view import pretty_json

if TYPE_CHECKING:
    from textbots_tui.core.sessions import Session


class VariablesModal(DetailsModal):
    """A session's launch variables and, once the flow has exited, its output variables."""

    def __init__(self, session: Session) -> None:
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
        else:
            fields.append(("output variables", "(known once the flow exits)"))
        super().__init__("Variables", fields, body=pretty_json(body))

"""The launch dialog: which bot flow to start, and how (the shared dialog parts are in ``ui.forms.modal``)."""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Button, Collapsible, Input, Label, RadioSet, Select, TextArea

from textbots_tui.core.params import FlowLaunchParams, TargetSummary
from textbots_tui.ui.forms.flow_form import (
    CHANNEL_NAMES,
    USER_AGENTS,
    FlowForm,
    flow_form_from_params,
    flow_params_from_form,
)
from textbots_tui.ui.forms.modal import (
    FORM_CSS,
    FormModal,
    LoadTargets,
    TargetField,
    TargetPicker,
    choice_mode_of,
    choice_mode_set,
    choice_select,
    field_row,
    select_text,
    set_choice_mode,
    text_row,
)
from textbots_tui.ui.forms.targets import describe_inputs
from textbots_tui.ui.recent import RecentValues

_VARIABLES_HINT = (
    'Flow.CustomerName = Alex\nFlow.Count = 3\nor one JSON object: {"Flow.CustomerName": "Alex"}'
)


MORE_OPTIONS = ("channel_name", "user_agent", "choice_mode", "external_session_id", "conversation_id")
"""The fields under "More options"."""


def has_more(form: FlowForm) -> bool:
    """Whether the fields under "More options" hold anything else than their defaults."""
    defaults = FlowForm()
    return any(getattr(form, key) != getattr(defaults, key) for key in MORE_OPTIONS)


def more_option_rows(form: FlowForm) -> list[Widget]:
    """The rows under "More options", holding ``form``'s values."""
    return [
        field_row("Channel", "channel_name", choice_select("channel-name", CHANNEL_NAMES, form.channel_name)),
        field_row("User agent", "user_agent", choice_select("user-agent", USER_AGENTS, form.user_agent)),
        field_row("Choices sent as", "choice_mode", choice_mode_set(form.choice_mode)),
        text_row("External session id", "external_session_id", form.external_session_id, "optional"),
        text_row("Conversation id", "conversation_id", form.conversation_id, "optional"),
    ]


class LaunchModal(FormModal[FlowLaunchParams]):
    """Asks which bot flow to launch and how; returns :class:`FlowLaunchParams`, or ``None`` if cancelled."""

    CSS_PATH = FORM_CSS
    AUTO_FOCUS = "#flow-id"

    def __init__(
        self,
        *,
        load_flows: LoadTargets | None = None,
        recent: RecentValues | None = None,
        initial: FlowLaunchParams | None = None,
    ) -> None:
        """Prefill from ``initial``, else the last launch in ``recent``; list flows with ``load_flows``."""
        self._recent = recent if recent is not None else RecentValues(None)
        start = initial or self._recent.last_flow()
        self._start = flow_form_from_params(start) if start else FlowForm()
        super().__init__(target_id=self._start.flow_id, target_name=self._start.flow_name)
        self._load_flows = load_flows
        self._folded = replace(self._start)
        """The values of the "More options" fields while their rows are not made (folded since the start)."""

    def compose(self) -> ComposeResult:
        """The fields, in tab order, then the buttons."""
        start = self._start
        with Vertical(id="dialog") as dialog:
            dialog.border_title = "Launch a bot flow"
            dialog.border_subtitle = "ctrl+s launch · esc cancel"
            with VerticalScroll(id="form"):
                flow_id = TargetField(
                    start.flow_id,
                    placeholder="flow name or id (type to filter, ↓ to pick)",
                    compact=True,
                    id="flow-id",
                    classes="target-id",
                )
                picker = TargetPicker(self._load_flows, noun="flow", id="flow-picker")
                yield field_row("Flow", "flow_id", flow_id, below=picker)
                yield text_row("Language", "language", start.language, "flow default")
                variables = TextArea(
                    start.variables,
                    placeholder=_VARIABLES_HINT,
                    show_line_numbers=True,
                    compact=True,
                    id="variables",
                )
                inputs = Label("", id="flow-inputs", classes="field-hint", markup=False)
                yield field_row("Input variables", "variables", variables, below=inputs)
                # The fields rarely changed stay folded while they hold their defaults, and are only made
                # when unfolded: the dialog (the first key's answer) opens sooner without them.
                more = "More options: channel, user agent, choices sent as, session ids"
                unfolded = has_more(start)
                with Collapsible(title=more, collapsed=not unfolded, id="more-section"):
                    if unfolded:
                        yield from more_option_rows(start)
            with Horizontal(id="buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Launch", id="submit", variant="primary", compact=True)

    @on(Collapsible.Expanded, "#more-section")
    async def _unfolded(self) -> None:
        """Make the "More options" rows the first time they are shown."""
        if not self._more_made():
            section = self.query_one("#more-section", Collapsible)
            await section.query_one(Collapsible.Contents).mount_all(more_option_rows(self._folded))

    def _more_made(self) -> bool:
        return bool(self.query("#channel-name"))

    def build(self) -> FlowLaunchParams:
        """The launch params the fields describe."""
        form = FlowForm(
            flow_id=self.query_one("#flow-id", Input).value,
            language=self.query_one("#language", Input).value,
            variables=self.query_one("#variables", TextArea).text,
            flow_name=self.target_name,
            listed=self.listed_targets(),
        )
        if self._more_made():
            form = replace(
                form,
                channel_name=select_text(self.query_one("#channel-name", Select)),
                user_agent=select_text(self.query_one("#user-agent", Select)),
                external_session_id=self.query_one("#external-session-id", Input).value,
                conversation_id=self.query_one("#conversation-id", Input).value,
                choice_mode=choice_mode_of(self.query_one("#choice-mode", RadioSet)),
            )
        else:
            form = replace(form, **{key: getattr(self._folded, key) for key in MORE_OPTIONS})
        return flow_params_from_form(form)

    def remember(self, result: FlowLaunchParams) -> None:
        """Remember the launch for this flow."""
        self._recent.remember_flow(result)

    def remembered_for(self, target_id: str) -> tuple[FlowLaunchParams, str | None] | None:
        """The launch last made for this flow."""
        params = self._recent.for_flow(target_id)
        return (params, params.flow_name) if params else None

    def fill(self, values: FlowLaunchParams) -> None:
        """Put the values remembered for a flow into every field but the flow id."""
        form = flow_form_from_params(values)
        self.query_one("#language", Input).value = form.language
        self.query_one("#variables", TextArea).text = form.variables
        if not self._more_made():
            self._folded = form  # the rows, when made, show these
        else:
            if form.channel_name in CHANNEL_NAMES:
                self.query_one("#channel-name", Select).value = form.channel_name
            if form.user_agent in USER_AGENTS:
                self.query_one("#user-agent", Select).value = form.user_agent
            self.query_one("#external-session-id", Input).value = form.external_session_id
            self.query_one("#conversation-id", Input).value = form.conversation_id
            set_choice_mode(self.query_one("#choice-mode", RadioSet), form.choice_mode)
        if has_more(form):  # values that are not the defaults are never out of sight
            self.query_one("#more-section", Collapsible).collapsed = False

    def target_changed(self, target: TargetSummary | None) -> None:
        """Offer the flow's languages as suggestions, name its default, and say which input variables it
        expects (when the org says)."""
        declared = target.input_variables if target else None
        inputs = self.query_one("#flow-inputs", Label)
        text = describe_inputs(declared)
        inputs.update(text)
        inputs.display = bool(text)
        rows = "\n".join(f"{variable.name} = …" for variable in declared or ())
        self.query_one("#variables", TextArea).placeholder = rows or _VARIABLES_HINT
        language = self.query_one("#language", Input)
        languages = list(target.languages) if target else []
        language.suggester = SuggestFromList(languages, case_sensitive=False) if languages else None
        if languages:
            others = f", also {', '.join(languages[1:])}" if len(languages) > 1 else ""
            language.placeholder = f"flow default ({languages[0]}){others}"
        else:
            language.placeholder = "flow default"

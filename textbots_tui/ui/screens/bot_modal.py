"""The bot dialog: which bot integration to talk to through ``execute``, and with which settings."""

from __future__ import annotations

from dataclasses import replace

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Collapsible, Input, Label, RadioSet, Select, SelectionList, TextArea
from textual.widgets.selection_list import Selection

from textbots_tui.core.params import BotParams
from textbots_tui.ui.forms.bot_form import (
    BOT_CHANNELS,
    PROVIDER_FIELDS,
    BotForm,
    bot_form_from_params,
    bot_params_from_form,
)
from textbots_tui.ui.forms.flow_form import USER_AGENTS
from textbots_tui.ui.forms.modal import (
    FORM_CSS,
    FormModal,
    LoadTargets,
    TargetField,
    TargetPicker,
    choice_mode_of,
    choice_mode_set,
    choice_select,
    dom_id,
    field_row,
    select_text,
    set_choice_mode,
    text_row,
)
from textbots_tui.ui.recent import RecentValues

__all__ = ["BotModal"]

_MAP_HINT = "name = value, one a line"
_INTEGRATION_HINT = "required: the integration that holds the bot's credentials"
_ANY_INTEGRATION_NOTE = "The built-in simulator accepts any integration id: this one will do."
SIMULATOR_INTEGRATION_ID = "simulator"
"""What the bot dialog fills in for the built-in simulator, which does not check the integration id."""
_TIMEOUT_HINT = "minutes, optional (the SDK suggests more than 10)"

# Per provider section: its title, then (form key, label, multi-line?, placeholder) for each field.
_SECTIONS: dict[str, tuple[str, tuple[tuple[str, str, bool, str], ...]]] = {
    "amazon_lex": (
        "Amazon Lex",
        (
            ("lex_request_attributes", "Request attributes", True, _MAP_HINT),
            ("lex_session_attributes", "Session attributes", True, _MAP_HINT),
        ),
    ),
    "google_dialogflow": (
        "Google Dialogflow",
        (
            ("dialogflow_environment", "Environment", False, "optional: draft, or an environment name"),
            ("dialogflow_event_name", "Event name", False, "optional: an event to trigger, e.g. WELCOME"),
            ("dialogflow_webhook_query_parameters", "Webhook query params", True, _MAP_HINT),
            ("dialogflow_event_input_parameters", "Event input params", True, _MAP_HINT),
        ),
    ),
    "genesys_bot_connector": (
        "Genesys Bot Connector",
        (("connector_query_parameters", "Query parameters", True, _MAP_HINT),),
    ),
    "nuance_mix_dlg": (
        "Nuance Mix",
        (
            ("nuance_channel_id", "Channel id", False, "optional"),
            ("nuance_input_parameters", "Input parameters", True, "name = value (JSON values allowed)"),
        ),
    ),
}
assert set(_SECTIONS) == set(PROVIDER_FIELDS)


class BotModal(FormModal[BotParams]):
    """Asks which bot to talk to and how; returns :class:`BotParams`, or ``None`` if cancelled."""

    CSS_PATH = [FORM_CSS, "bot_modal.tcss"]
    AUTO_FOCUS = "#bot-id"

    def __init__(
        self,
        *,
        load_bots: LoadTargets | None = None,
        recent: RecentValues | None = None,
        initial: BotParams | None = None,
        any_integration: bool = False,
    ) -> None:
        """Prefill from ``initial``, else the last bot in ``recent``; list bots with ``load_bots``.

        ``any_integration``: the connection knows the org accepts any integration id (the built-in
        simulator); the dialog says so and fills one in rather than asking for a value nobody has.
        """
        self._recent = recent if recent is not None else RecentValues(None)
        start = initial or self._recent.last_bot()
        self._start = bot_form_from_params(start) if start else BotForm()
        self._any_integration = any_integration
        if any_integration and not self._start.integration_id:
            self._start = replace(self._start, integration_id=SIMULATOR_INTEGRATION_ID)
        super().__init__(target_id=self._start.bot_id, target_name=self._start.bot_name)
        self._load_bots = load_bots
        self._extra = self._start.extra

    def compose(self) -> ComposeResult:
        """The fields, in tab order, then the provider sections and the buttons."""
        start = self._start
        with Vertical(id="dialog") as dialog:
            dialog.border_title = "Start a bot session"
            dialog.border_subtitle = "ctrl+s start · esc cancel"
            with VerticalScroll(id="form"):
                bot_id = TargetField(
                    start.bot_id,
                    placeholder="bot name or id (type to filter, ↓ to pick)",
                    compact=True,
                    id="bot-id",
                    classes="target-id",
                )
                yield field_row(
                    "Bot", "bot_id", bot_id, below=TargetPicker(self._load_bots, noun="bot", id="bot-picker")
                )
                integration = Input(
                    start.integration_id, placeholder=_INTEGRATION_HINT, compact=True, id="integration-id"
                )
                note = Label(_ANY_INTEGRATION_NOTE, id="integration-note", classes="field-hint", markup=False)
                note.display = self._any_integration
                yield field_row("Integration id", "integration_id", integration, below=note)
                yield text_row("Alias", "bot_alias", start.bot_alias, "optional: alias or version")
                yield text_row("Language", "language", start.language, "bot default")
                yield field_row("Channels", "bot_channels", _channel_list(start.bot_channels))
                platform = choice_select(
                    "messaging-platform-type", USER_AGENTS, start.messaging_platform_type, blank=True
                )
                yield field_row("Messaging platform", "messaging_platform_type", platform)
                yield text_row(
                    "Session timeout",
                    "session_timeout_minutes",
                    start.session_timeout_minutes,
                    _TIMEOUT_HINT,
                    restrict=r"\d*",  # digits only, and no validator of its own to fight the form's messages
                )
                yield field_row("Choices sent as", "choice_mode", choice_mode_set(start.choice_mode))
                yield Label("Provider settings, all optional", classes="section-heading")
                for section, (title, fields) in _SECTIONS.items():
                    has_values = any(getattr(start, key) for key, *_ in fields)
                    with Collapsible(title=title, collapsed=not has_values, id=f"{dom_id(section)}-section"):
                        for key, label, multiline, hint in fields:
                            value: str = getattr(start, key)
                            if multiline:
                                area = TextArea(value, placeholder=hint, compact=True, id=dom_id(key))
                                yield field_row(label, key, area)
                            else:
                                yield text_row(label, key, value, hint)
            with Horizontal(id="buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Start", id="submit", variant="primary", compact=True)

    def build(self) -> BotParams:
        """The bot params the fields describe."""
        texts = {key: self._text_of(key) for _title, fields in _SECTIONS.values() for key, *_ in fields}
        form = BotForm(
            bot_id=self.query_one("#bot-id", Input).value,
            integration_id=self.query_one("#integration-id", Input).value,
            bot_alias=self.query_one("#bot-alias", Input).value,
            language=self.query_one("#language", Input).value,
            bot_channels=tuple(self.query_one("#bot-channels", SelectionList).selected),
            messaging_platform_type=select_text(self.query_one("#messaging-platform-type", Select)),
            session_timeout_minutes=self.query_one("#session-timeout-minutes", Input).value,
            choice_mode=choice_mode_of(self.query_one("#choice-mode", RadioSet)),
            bot_name=self.target_name,
            extra=self._extra,
            listed=self.listed_targets(),
            **texts,
        )
        return bot_params_from_form(form)

    def _text_of(self, key: str) -> str:
        control = self.query_one(f"#{dom_id(key)}")
        if isinstance(control, TextArea):
            return control.text
        assert isinstance(control, Input)
        return control.value

    def remember(self, result: BotParams) -> None:
        """Remember the settings for this bot."""
        self._recent.remember_bot(result)

    def remembered_for(self, target_id: str) -> tuple[BotParams, str | None] | None:
        """The settings last used with this bot."""
        params = self._recent.for_bot(target_id)
        return (params, params.bot_name) if params else None

    def fill(self, values: BotParams) -> None:
        """Put the values remembered for a bot into every field but the bot id."""
        form = bot_form_from_params(values)
        for key in ("integration_id", "bot_alias", "language", "session_timeout_minutes"):
            self.query_one(f"#{dom_id(key)}", Input).value = getattr(form, key)
        channels: SelectionList[str] = self.query_one("#bot-channels", SelectionList)
        channels.deselect_all()
        for channel in form.bot_channels:
            if channel in BOT_CHANNELS:
                channels.select(channel)
        platform: Select[str] = self.query_one("#messaging-platform-type", Select)
        if form.messaging_platform_type in USER_AGENTS:
            platform.value = form.messaging_platform_type
        else:
            platform.clear()
        set_choice_mode(self.query_one("#choice-mode", RadioSet), form.choice_mode)
        for section, (_title, fields) in _SECTIONS.items():
            for key, *_ in fields:
                control = self.query_one(f"#{dom_id(key)}")
                value: str = getattr(form, key)
                if isinstance(control, TextArea):
                    control.text = value
                elif isinstance(control, Input):
                    control.value = value
            if any(getattr(form, key) for key, *_ in fields):
                self.query_one(f"#{dom_id(section)}-section", Collapsible).collapsed = False
        self._extra = form.extra


def _channel_list(selected: tuple[str, ...]) -> SelectionList[str]:
    # A channel outside the enum (from older saved values) stays visible so validation can name it.
    names = list(BOT_CHANNELS) + [name for name in selected if name not in BOT_CHANNELS]
    return SelectionList[str](
        *(Selection(name, name, name in selected) for name in names),
        compact=True,
        id="bot-channels",
    )

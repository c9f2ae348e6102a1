"""The main screen: sessions on the left, the conversation in the centre, the inspector on the right.

The screen orchestrates: it turns controller events into attribute changes on its widgets, and widget messages
into controller calls made in workers. Widgets never talk to each other or to the controller.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical

from textbots_tui.ui.bindings import MAIN_BINDINGS, KeyState
from textbots_tui.ui.bridge import ControllerEventReceived
from textbots_tui.ui.commands import SlashCommand
from textbots_tui.ui.outcome_names import OutcomeNamer
from textbots_tui.ui.palette import MainCommands
from textbots_tui.ui.screens.session_tools import SessionToolsScreen
from textbots_tui.ui.widgets.chat_pane import ChatPane
from textbots_tui.ui.widgets.connection_bar import ConnectionBar
from textbots_tui.ui.widgets.countdown import Countdown
from textbots_tui.ui.widgets.input_bar import InputBar, PromptInput, unavailable_text
from textbots_tui.ui.widgets.keys_footer import KeysFooter
from textbots_tui.ui.widgets.session_sidebar import SessionSidebar

if TYPE_CHECKING:
    from textbots_tui.core.connection import Connection
    from textbots_tui.core.events import Event
    from textbots_tui.core.items import Choice
    from textbots_tui.core.names import FlowNames
    from textbots_tui.core.params import BotParams, FlowLaunchParams
    from textbots_tui.ui.widgets.inspector import Inspector


class MainScreen(SessionToolsScreen):
    """Orchestrates the sidebar, chat pane, input line and inspector around one controller."""

    CSS_PATH = "main_screen.tcss"
    BINDINGS: ClassVar[list[BindingType]] = list(MAIN_BINDINGS)
    COMMANDS = {MainCommands}
    AUTO_FOCUS = "#prompt"

    sidebar = getters.query_one(SessionSidebar)
    countdown = getters.query_one(Countdown)

    def __init__(
        self, *, connection: Connection, auto_noinput: bool = False, recent_path: Path | None = None
    ) -> None:
        super().__init__()
        self.connection = connection
        self.auto_noinput = auto_noinput
        self.recent_path = recent_path
        self.last_error: BaseException | None = None
        self._keys = KeyState()
        self._shown: set[int] = set()
        """Identities of the events already drawn when a session was (re)shown: the messages for them may
        still be queued, and must not draw them twice."""
        self.outcome_names = OutcomeNamer(self, lambda: self.current_id, self._show_names)
        """Names the shown session's outcomes in the chat and the inspector once it has ended."""

    def _show_names(self, names: FlowNames) -> None:
        self.chat.names = names
        if self.inspector is not None:
            self.inspector.names = names

    def compose(self) -> ComposeResult:
        """Header, the three panes, the input line and the footer."""
        yield ConnectionBar(self.connection, id="connection-bar")
        with Horizontal(id="panes"):
            yield SessionSidebar(id="sidebar")
            with Vertical(id="conversation"):
                yield ChatPane(id="chat")
                yield Countdown(id="countdown")
                yield InputBar(id="input-bar")
        yield KeysFooter()

    def on_mount(self) -> None:
        """Reflect the auto NoInput option and the absence of a session."""
        self.countdown.auto_noinput = self.auto_noinput
        self.sync()

    # -- the controller --------------------------------------------------------------------------------

    @on(ControllerEventReceived)
    def _event_received(self, message: ControllerEventReceived) -> None:
        try:
            self._route(message.event)
        except Exception as error:  # one bad event must not take the app down; show it instead
            self.report_failure(error)

    def _route(self, event: Event) -> None:
        from textbots_tui.core import events as ev

        current = event.session_id == self.current_id
        if isinstance(event, ev.SessionCreated):
            self.sidebar.upsert(event.info)
            if not event.info.read_only:
                self.show_session(event.session_id)
                self.name_from_org(event.session_id)
                # Started from a dialog or by restart while the session list had the focus: what the user
                # types next is for the new session.
                self.action_focus_input()
            return
        if isinstance(event, ev.SessionChanged):
            self.sidebar.upsert(event.info)
        elif isinstance(event, ev.Notice):
            self.notify(event.message, severity=event.level)
        elif isinstance(event, ev.ErrorOccurred):
            error = event.error
            self.last_error = error
            self.notify(
                f"{error.message or error.title} (ctrl+e: details)", title=error.title, severity="error"
            )
            if current and event.unsent_input and not self.input_bar.value:
                self.input_bar.restore(event.unsent_input)
        elif isinstance(event, ev.WaitingForInput) and current and event.no_input_timeout_ms:
            self.countdown.start(event.no_input_timeout_ms)
        elif isinstance(event, (ev.UserInputSent, ev.SessionEnded)) and current:
            self.countdown.stop()
            if isinstance(event, ev.SessionEnded) and self.controller is not None:
                self.outcome_names.session_shown(self.controller, self.controller.session(event.session_id))
        if not current:
            self.sync()
            return
        if id(event) in self._shown:
            self._shown.discard(id(event))
        elif isinstance(event, ev.ExchangeRecorded):
            if self.inspector is not None:
                self.inspector.add_exchange(event.exchange)
        elif self.replaying is None:  # a replay owns the chat; the whole transcript comes back after it
            self.chat.add_event(event)
        self.sync()

    def show_session(self, session_id: str) -> None:
        """Show one session: its conversation, its exchanges, and an input line fit for its state."""
        if self.controller is None:
            return
        self.stop_replay(restore=False)
        self.current_id = session_id
        self.sidebar.select(session_id)
        self.restore_transcript()
        if self.inspector is not None:
            self.inspector.show_exchanges(list(self.controller.session(session_id).exchanges))
        self.outcome_names.session_shown(self.controller, self.controller.session(session_id))
        self.countdown.stop()
        self.input_bar.clear_message()
        self.sync()

    def restore_transcript(self) -> None:
        """Show every event of the shown session; those still queued as messages are then not drawn again."""
        session = self.session
        if session is not None:
            self._shown = {id(event) for event in session.events}
            self.chat.show_events(list(session.events))

    def sync(self) -> None:
        """Match the input line, header and keys to the shown session's state."""
        from textbots_tui.core.params import SessionState

        session, input_bar = self.session, self.input_bar
        input_bar.choice_count = choices = len(self.chat.current_choices)
        keys = KeyState(
            connected=self.controller is not None,
            has_error=self.last_error is not None,
            choices=choices,
            replaying=self.replaying is not None,
        )
        if session is None:
            input_bar.busy = input_bar.resumable = False
            input_bar.unavailable = "No session: ctrl+n launches a flow, ctrl+b starts a bot"
            summary = ""
        else:
            talking = session.state in (SessionState.LAUNCHING, SessionState.TALKING)
            input_bar.busy = session.in_flight or talking
            input_bar.unavailable = unavailable_text(session.state, session.read_only, session.end_reason)
            input_bar.resumable = session.pending_noop and session.state is SessionState.WAITING
            state = session.state.value + (f": {session.end_reason}" if session.end_reason else "")
            summary = f"{session.name} · {session.kind} · {state}"
            keys = replace(
                keys,
                busy=input_bar.busy,
                session_kind=session.kind,
                session_open=session.state.is_open,
                read_only=session.read_only,
            )
        self.query_one(ConnectionBar).session_summary = summary
        self._set_keys(keys)

    def _set_keys(self, keys: KeyState) -> None:
        # The footer rebuilds itself on every refresh: only ask when what check_action reads has changed.
        if keys != self._keys:
            self._keys = keys
            self.refresh_bindings()

    def _send_text(self, text: str) -> None:
        """Send typed text, or pick the choice it names: its label, or its number while choices are shown."""
        from textbots_tui.ui.picking import NO_SESSION, typed_choice

        session = self.session
        if self.controller is None or session is None:
            self.refused("", NO_SESSION, text)
            return
        choice = typed_choice(text, session.choices, self.chat.current_choices)
        if choice is not None:
            self._choose(choice, text)
        else:
            self.on_current(lambda controller, sid: controller.send_text(sid, text), text)

    def sending(self) -> None:
        """Show the input line busy at once, before the controller says the session is talking."""
        self.stop_replay()
        self.input_bar.busy = True
        self._set_keys(replace(self._keys, busy=True))

    def refused(self, session_id: str, reason: str, typed: str | None) -> None:
        """Say why inline, and give the typed text back."""
        if session_id in ("", self.current_id):
            self.input_bar.show_message(f"Not sent: {reason}", error=True)
            if typed and not self.input_bar.value:
                self.input_bar.restore(typed)

    def _choose(self, choice: Choice | None, typed: str | None = None) -> None:
        """Pick ``choice`` unless it is stale or a turn is in flight; then say why and keep ``typed``."""
        from textbots_tui.ui.picking import pick_refusal

        self.stop_replay()
        reason = pick_refusal(self.session, choice, busy=self.input_bar.busy)
        if reason is not None or choice is None:
            self.refused("", reason or "", typed)
            return
        self.on_current(lambda controller, sid: controller.choose(sid, choice), typed)

    def _send_turn_event(self, event_type: str, code: str | None = None, message: str | None = None) -> None:
        self.on_current(
            lambda controller, sid: controller.send_event(sid, event_type, code=code, message=message)
        )

    @on(InputBar.PromptSubmitted)
    def _prompt_submitted(self, event: InputBar.PromptSubmitted) -> None:
        self._send_text(event.text)

    @on(InputBar.CommandSubmitted)
    def _command_submitted(self, event: InputBar.CommandSubmitted) -> None:
        self.run_command(event.command)

    def run_command(self, command: SlashCommand) -> None:
        """Do what a slash command asks."""
        if command.event_type is not None:
            self._send_turn_event(command.event_type, command.code, command.message)
        elif command.name == "restart":
            self.action_restart()
        elif command.name == "vars":
            self.action_show_vars()
        else:
            self.action_help()

    @on(ChatPane.ChoicePicked)
    def _choice_picked(self, event: ChatPane.ChoicePicked) -> None:
        self._choose(event.choice)

    @on(ChatPane.LinkActivated)
    def _link_activated(self, event: ChatPane.LinkActivated) -> None:
        self.app.copy_to_clipboard(event.url)
        self.notify(event.url, title="Link copied to the clipboard")

    @on(Countdown.Expired)
    def _countdown_expired(self) -> None:
        if self.auto_noinput:
            self._send_turn_event("NoInput")
        else:
            self.input_bar.show_message("The flow's no-input time is up: F5 or /noinput sends NoInput.")

    @on(SessionSidebar.SessionSelected)
    def _session_selected(self, event: SessionSidebar.SessionSelected) -> None:
        self.show_session(event.session_id)
        self.query_one(PromptInput).focus()

    # -- sessions --------------------------------------------------------------------------------------

    def _open_dialog(self, kind: str) -> None:
        """Push the launch or bot dialog; what it returns is started in a worker."""
        from textbots_tui.ui.recent import RecentValues

        controller = self.controller
        if controller is None:
            return
        self.stop_replay()
        recent = RecentValues(self.recent_path)

        def chosen(params: FlowLaunchParams | BotParams | None) -> None:
            if params is not None:
                self.start_session(params)

        if kind == "flow":
            from textbots_tui.ui.screens.launch_modal import LaunchModal

            self.app.push_screen(
                LaunchModal(load_flows=lambda: controller.list_targets("flow"), recent=recent), chosen
            )
        else:
            from textbots_tui.ui.screens.bot_modal import BotModal

            self.app.push_screen(
                BotModal(load_bots=lambda: controller.list_targets("bot"), recent=recent), chosen
            )

    def report_failure(self, error: BaseException) -> None:
        """Show an error that no event carried (a worker or a handler failed) in the details dialog."""
        from textbots_tui.ui.screens.error_modal import ErrorModal

        self.last_error = error
        self.sync()
        self.app.push_screen(ErrorModal(error))

    # -- actions ---------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide the keys that would do nothing now."""
        return self._keys.allows(action, parameters)

    def action_new_flow(self) -> None:
        """Open the launch dialog."""
        self._open_dialog("flow")

    def action_new_bot(self) -> None:
        """Open the bot dialog."""
        self._open_dialog("bot")

    def action_restart(self) -> None:
        """Start the current session again with the same parameters."""
        self.on_current(lambda controller, sid: controller.restart(sid))

    def action_close_session(self) -> None:
        """Close the current session (it stays listed, closed)."""
        self.on_current(lambda controller, sid: controller.close(sid))

    def action_rename(self) -> None:
        """Ask for a new name for the current session."""
        from textbots_tui.ui.screens.rename_modal import RenameModal

        if self.session is None:
            return

        def renamed(name: str | None) -> None:
            if name:
                self.on_current(lambda controller, sid: controller.rename(sid, name))

        self.app.push_screen(RenameModal(self.session.name), renamed)

    def action_pick(self, number: int) -> None:
        """Pick the offered choice numbered ``number`` (whatever is typed stays as it is)."""
        choices = self.chat.current_choices
        self._choose(choices[number - 1] if 0 < number <= len(choices) else None)

    def action_send_event(self, event_type: str) -> None:
        """Send a synthetic turn event (NoInput, NoMatch, UserDisconnect, ClientSessionExpired)."""
        self._send_turn_event(event_type)

    def action_prefill_error(self) -> None:
        """Start an /error command in the input line for the user to complete."""
        self.input_bar.restore("/error ")
        self.input_bar.show_message("/error CODE MESSAGE, then Enter")
        self.input_bar.prompt.focus()

    def action_show_vars(self) -> None:
        """Show the launch variables and, once the flow has exited, the output variables."""
        if self.session is not None:
            from textbots_tui.ui.screens.variables_modal import VariablesModal

            names = self.controller.names.known() if self.controller is not None else None
            self.app.push_screen(VariablesModal(self.session, names))

    def action_last_error(self) -> None:
        """Show the details of the last error."""
        if self.last_error is not None:
            from textbots_tui.ui.screens.error_modal import ErrorModal

            self.app.push_screen(ErrorModal(self.last_error))

    def action_toggle_auto_noinput(self) -> None:
        """Switch sending NoInput automatically at the end of the countdown."""
        self.auto_noinput = not self.auto_noinput
        self.countdown.auto_noinput = self.auto_noinput
        self.notify(f"Automatic NoInput {'on' if self.auto_noinput else 'off'}")

    @property
    def inspector(self) -> Inspector | None:
        """The inspector, once it has been opened (it is built on first use: the first frame is lighter)."""
        # Looked up by id so that asking (on every event) does not import the inspector's module.
        for node in self.query("#inspector"):
            return cast("Inspector", node)
        return None

    async def action_toggle_inspector(self) -> None:
        """Show or hide the inspector."""
        if self.inspector is None:
            from textbots_tui.ui.widgets.inspector import Inspector

            inspector = Inspector(id="inspector")
            await self.query_one("#panes").mount(inspector)
            inspector.names = self.chat.names
            inspector.show_exchanges(list(self.session.exchanges) if self.session else [])
            return
        self.inspector.display = not self.inspector.display

    def action_toggle_chat(self, attribute: str) -> None:
        """Switch one of the chat pane's display options (``show_timestamps``, ``show_latency``)."""
        setattr(self.chat, attribute, not getattr(self.chat, attribute))

    def action_focus_sessions(self) -> None:
        """Focus the session list."""
        self.sidebar.focus_list()

    def action_focus_input(self) -> None:
        """Focus the input line."""
        self.query_one(PromptInput).focus()

    def action_help(self) -> None:
        """List every key by group, as currently mapped."""
        from textbots_tui.ui.screens.help_screen import HelpScreen, collect_help, help_sources

        self.app.push_screen(HelpScreen(collect_help(self.app, help_sources(self.app, MAIN_BINDINGS))))

"""The main screen: sessions on the left, the conversation in the centre, the inspector on the right.

It orchestrates (controller events to widget attributes, widget messages to controller calls); widgets never
talk to each other. Helpers are parts, not bases: ControllerCalls, Replay, replay_live, save_session.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, getters, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from textbots_tui.ui.bindings import MAIN_BINDINGS
from textbots_tui.ui.bridge import ControllerEventReceived
from textbots_tui.ui.calls import CallFinished, CallRefused, ControllerCalls
from textbots_tui.ui.event_routing import route_event
from textbots_tui.ui.history_controls import HistoryControls
from textbots_tui.ui.layout import PaneLayout
from textbots_tui.ui.palette import MainCommands
from textbots_tui.ui.replay import Replay
from textbots_tui.ui.replay_live import replay_live
from textbots_tui.ui.resend import ResendOffers
from textbots_tui.ui.screens import dialogs
from textbots_tui.ui.session_view import SessionView
from textbots_tui.ui.show_controls import ShowControls
from textbots_tui.ui.turns import Turns
from textbots_tui.ui.widgets.chat_pane import ChatPane
from textbots_tui.ui.widgets.connection_bar import ConnectionBar
from textbots_tui.ui.widgets.countdown import Countdown
from textbots_tui.ui.widgets.input_bar import InputBar, PromptInput
from textbots_tui.ui.widgets.keys_footer import KeysFooter
from textbots_tui.ui.widgets.session_sidebar import SessionSidebar

if TYPE_CHECKING:
    from textbots_tui.core.connection import Connection
    from textbots_tui.core.controller import Controller
    from textbots_tui.core.journal_read import HistoryScan
    from textbots_tui.core.params import BotParams, FlowLaunchParams
    from textbots_tui.core.sessions import Session
    from textbots_tui.ui.widgets.inspector import Inspector


class MainScreen(Screen[None]):
    """Orchestrates the sidebar, chat pane, input line and inspector around one controller."""

    # Its rules (main_screen.tcss) are read with the app's stylesheet: see TextbotsApp.CSS_PATH.
    BINDINGS: ClassVar[list[BindingType]] = list(MAIN_BINDINGS)
    COMMANDS = {MainCommands}
    AUTO_FOCUS = "#prompt"

    sidebar = getters.query_one(SessionSidebar)
    countdown = getters.query_one(Countdown)
    chat = getters.query_one(ChatPane)
    input_bar = getters.query_one(InputBar)

    def __init__(
        self, *, connection: Connection, auto_noinput: bool = False, recent_path: Path | None = None
    ) -> None:
        super().__init__()
        self.connection = connection
        self.history = HistoryControls(self)
        self.auto_noinput = auto_noinput
        self.recent_path = recent_path
        self.calls = ControllerCalls(self)
        self.replay = Replay(self, on_end=self._replay_ended)
        self.show = ShowControls(self, self.replay, drawn=self.sync, controller=lambda: self.controller)
        self.view = SessionView(self, self.calls, self.replay, self.show.pacer)
        self.panes_layout = PaneLayout(self)
        self.turns = Turns(
            self.calls,
            session=lambda: self.session,
            numbered=lambda: self.chat.current_choices,
            busy=lambda: self.input_bar.busy,
            interrupt=self.replay.stop,
            sending=self._sending,
        )
        self.resend = ResendOffers(self)
        self.export_dir: Path | None = None
        """Where sessions are saved; ``None`` is the current working directory at the time of saving."""
        self.last_error: BaseException | None = None

    def compose(self) -> ComposeResult:
        """Header, the three panes, the input line and the footer."""
        yield ConnectionBar(self.connection, id="connection-bar")
        with Horizontal(id="panes"):
            yield SessionSidebar(id="sidebar")
            with Vertical(id="conversation"):
                yield from self.show.chat_pane()
                yield Countdown(id="countdown")
                yield InputBar(id="input-bar")
        yield KeysFooter()

    def on_mount(self) -> None:
        """Reflect the auto NoInput option and the absence of a session."""
        self.countdown.auto_noinput = self.auto_noinput
        self.history.mounted()
        self.watch(self.input_bar, "empty", self._input_emptied, init=False)
        self.sync()

    def _input_emptied(self, empty: bool) -> None:
        """The alt+number picks come and go with text in the input line."""
        self.view.input_emptied(empty)

    @property
    def controller(self) -> Controller | None:
        """The controller, once the client is open."""
        return self.calls.controller

    @property
    def session(self) -> Session | None:
        """The session shown now."""
        return self.view.session

    async def attach(
        self,
        controller: Controller,
        *,
        start: FlowLaunchParams | BotParams | None = None,
        history: bool = True,
        scan: HistoryScan | None = None,
    ) -> None:
        """Start using ``controller`` (once the client is open): launch ``start``, list the history (from
        ``scan`` if made already) unless ``history`` is off (``--no-history``)."""
        self.calls.attach(controller)
        self.sync()
        if start is not None:
            self.calls.start(start)
        if history:
            self.calls.load_history(self.view.history_reading, scan)

    @on(ControllerEventReceived)
    def _event_received(self, message: ControllerEventReceived) -> None:
        try:
            route_event(self, message.event)
        except Exception as error:  # one bad event must not take the app down; show it instead
            self.report_failure(error)

    @property
    def current_id(self) -> str | None:
        """The id of the session shown."""
        return self.view.current_id

    @property
    def inspector(self) -> Inspector | None:
        """The inspector, once it has been opened."""
        return self.view.inspector

    def show_session(self, session_id: str) -> None:
        """Show one session: its conversation, its exchanges, and an input line fit for its state."""
        self.view.show(session_id)
        self.sync()

    def sync(self) -> None:
        """Match the input line, header and keys to the shown session's state."""
        self.view.sync(has_error=self.last_error is not None)

    def _sending(self) -> None:
        """A call for the shown session goes out: show the input line busy at once, before the controller
        says the session is talking."""
        self.replay.stop()
        self.view.show_busy()

    @on(CallRefused)
    def _refused(self, message: CallRefused) -> None:
        """Say why inline, and give the typed text back."""
        if message.session_id in ("", self.current_id):
            self.input_bar.show_message(f"Not sent: {message.reason}", error=True)
            if message.typed and not self.input_bar.value:
                self.input_bar.restore(message.typed)

    @on(CallFinished)
    def _call_finished(self, message: CallFinished) -> None:
        if message.session_id in (None, self.current_id):
            self.sync()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one place worker failures go."""
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            self.report_failure(event.worker.error)

    @on(InputBar.PromptSubmitted)
    def _prompt_submitted(self, event: InputBar.PromptSubmitted) -> None:
        self.turns.send_text(event.text)

    @on(InputBar.CommandSubmitted)
    def run_command(self, event: InputBar.CommandSubmitted) -> None:
        """Do what a slash command asks."""
        command = event.command
        if command.event_type is not None:
            self.turns.send_event(command.event_type, command.code, command.message)
        elif command.name == "restart":
            self.action_restart()
        elif command.name == "vars":
            self.action_show_vars()
        else:
            self.action_help()

    @on(ChatPane.ChoicePicked)
    def _choice_picked(self, event: ChatPane.ChoicePicked) -> None:
        self.turns.choose(event.choice)

    @on(ChatPane.LinkActivated)
    def _link_activated(self, event: ChatPane.LinkActivated) -> None:
        from textbots_tui.ui.clipboard import copy_link

        copy_link(self, event.url)

    @on(Countdown.Expired)
    def _countdown_expired(self) -> None:
        if self.auto_noinput:
            self.turns.send_event("NoInput")
        else:
            self.input_bar.show_message("The flow's no-input time is up: F5 or /noinput sends NoInput.")

    def action_history(self, what: str) -> None:
        """Delete the shown past session (``delete``) or the list's highlighted one (``delete_list``), clear
        the current target's history (``clear``), or list every target's (``all_targets``); deletes ask."""
        self.history.run(what)

    @on(SessionSidebar.SessionSelected)
    def _session_selected(self, event: SessionSidebar.SessionSelected) -> None:
        self.show_session(event.session_id)
        self.query_one(PromptInput).focus()

    def _open_dialog(self, kind: str) -> None:
        """Push the launch or bot dialog, at once (the client may not be open yet: its list and the start
        wait for it); what it returns is started in a worker."""
        self.replay.stop()
        dialog = dialogs.target_dialog(kind, self.calls.list_targets, self.recent_path, self.connection)
        self.app.push_screen(dialog, self._chosen)

    def _chosen(self, params: FlowLaunchParams | BotParams | None) -> None:
        if params is not None:
            self.calls.start(params)

    def backend_failed(self, error: BaseException) -> None:
        """Opening the client failed: say why, and fail what waits for it."""
        self.calls.failed(error)
        self.report_failure(error)

    def report_failure(self, error: BaseException) -> None:
        """Show an error that no event carried (a worker or a handler failed) in the details dialog."""
        self.last_error = error
        self.sync()
        self.app.push_screen(dialogs.error_dialog(error))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide the keys that would do nothing now."""
        return self.show.check_action(action, parameters, otherwise=self.view.keys.allows)

    def action_new_flow(self) -> None:
        """Open the launch dialog."""
        self._open_dialog("flow")

    def action_new_bot(self) -> None:
        """Open the bot dialog."""
        self._open_dialog("bot")

    def action_restart(self) -> None:
        """Start the current session again with the same parameters."""
        self.turns.run(lambda controller, sid: controller.restart(sid))

    def action_close_session(self) -> None:
        """Close the current session (it stays listed); a live flow session is offered UserDisconnect."""
        from textbots_tui.ui.closing import close_session

        close_session(self, self.session, self.turns, getattr(self.app, "disconnect_on_close", "ask"))

    def action_switch_session(self) -> None:
        """Offer the other sessions by name, in a palette of their own."""
        from textbots_tui.ui.palette import offer_sessions

        offer_sessions(self, self)

    def action_rename(self) -> None:
        """Ask for a new name for the current session."""
        from textbots_tui.ui.screens.rename_modal import RenameModal

        if self.session is not None:
            self.app.push_screen(RenameModal(self.session.name), self._renamed)

    def _renamed(self, name: str | None) -> None:
        if name:
            self.turns.run(lambda controller, sid: controller.rename(sid, name))

    def action_pick(self, number: int) -> None:
        """Pick the offered choice numbered ``number`` (whatever is typed stays as it is)."""
        self.turns.pick(number)

    def action_send_event(self, event_type: str) -> None:
        """Send a synthetic turn event (NoInput, NoMatch, UserDisconnect, ClientSessionExpired)."""
        self.turns.send_event(event_type)

    def action_prefill_error(self) -> None:
        """Start an /error command in the input line for the user to complete."""
        self.input_bar.prefill("/error ", "/error CODE MESSAGE, then Enter")

    def action_show_vars(self) -> None:
        """Show the launch variables and, once the flow has exited, the output variables."""
        if self.session is not None:
            self.app.push_screen(dialogs.variables_dialog(self.session, self.controller))

    def action_last_error(self) -> None:
        """Show the details of the last error (or say there is none)."""
        if self.last_error is None:
            self.notify("No error so far: ctrl+e shows the details of the last one.", markup=False)
        else:
            self.resend.show_details(self.last_error, self.current_id)

    def action_save_session(self, kind: str) -> None:
        """Ask where to write the shown session (a script, a Markdown transcript, an HTML page or JSON), then
        write it and say where, or why not."""
        from textbots_tui.ui.exports import EXPORT_KINDS, ask_and_save

        session, controller = self.session, self.controller
        if session is None or controller is None or kind not in EXPORT_KINDS:
            return
        self.replay.stop()
        ask_and_save(self, controller, session, kind, self.export_dir)

    def action_replay(self, live: bool = False) -> None:
        """Replay the shown session in the chat pane for a demo, or (``live``) against the live target."""
        if live:
            replay_live(self, self.controller, self.session)
        elif self.session is not None:
            self.replay.start(self.session)
            self.sync()

    def action_stop_replay(self) -> None:
        """Stop the replay and show the whole conversation again."""
        self.replay.stop()

    def _replay_ended(self, restore: bool) -> None:
        if restore:
            self.view.restore_transcript()
        self.sync()

    @on(InputBar.ReplayInterrupted)
    def _replay_interrupted(self) -> None:
        self.replay.stop()
        self.input_bar.show_message("Replay stopped: nothing was sent; Enter sends what you typed.")

    def action_resume(self) -> None:
        """Get the rest of what the flow was saying when a request failed (a refusal says why not)."""
        self.replay.stop()
        self.turns.run(lambda controller, session_id: controller.resume(session_id))

    @on(InputBar.ResumeRequested)
    def _resume_requested(self) -> None:
        self.action_resume()

    def action_toggle_auto_noinput(self) -> None:
        """Switch sending NoInput automatically at the end of the countdown."""
        self.auto_noinput = not self.auto_noinput
        self.countdown.auto_noinput = self.auto_noinput
        self.history.mounted()
        self.notify(f"Automatic NoInput {'on' if self.auto_noinput else 'off'}", markup=False)

    async def action_toggle_inspector(self) -> None:
        """Show or hide the inspector."""
        await self.view.toggle_inspector()
        self.panes_layout.inspector_shown(self.inspector is not None and self.inspector.display)

    async def action_layout(self, part: str) -> None:
        """Toggle the sidebar (``sidebar``), or widen the inspector (``inspector``, opening it if closed)."""
        if part == "sidebar":
            self.panes_layout.toggle_sidebar()
        elif self.inspector is None or not self.inspector.display:
            await self.action_toggle_inspector()
        else:
            self.panes_layout.widen_inspector()

    def on_resize(self, event: events.Resize) -> None:
        """The sidebar hides by itself in a narrow terminal."""
        self.panes_layout.fit(event.size.width)

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
        self.app.push_screen(dialogs.help_dialog(self.app))

"""The Textual application: a thin shell around the main screen.

The app owns what lives as long as the process: the one HTTP client, the controller, the theme and the keymap.
Everything a user does happens on :class:`~textbots_tui.ui.screens.main_screen.MainScreen`.

Start-up is kept light: the client, the controller and everything they import (httpx, pydantic, the simulator)
are built in a worker after the first frame, so the first screen never waits for them. ``on_started`` lets the
caller hook the end of the start-up, once that worker is done (the command resumes the garbage collector it
paused for the start-up: the backend's imports make as many long-lived objects as the first frame).
"""

from __future__ import annotations

import asyncio
import importlib
from collections.abc import Callable, Mapping
from contextlib import AsyncExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import App
from textual.theme import Theme
from textual.timer import Timer
from textual.worker import Worker, WorkerState

from textbots_tui.ui.bridge import Bridge
from textbots_tui.ui.contrast import UNOFFERED_THEMES, readable_variables
from textbots_tui.ui.preferences import PREFERENCES_FILE_NAME, Preferences
from textbots_tui.ui.presenter import PROJECTOR_THEME
from textbots_tui.ui.recent import RECENT_FILE_NAME
from textbots_tui.ui.screens.main_screen import MainScreen
from textbots_tui.ui.yielding_imports import ANSWER_WINDOW_S, KeyAnswers, import_giving_way

if TYPE_CHECKING:
    from textbots_tui.api.client import TextbotsClient
    from textbots_tui.core.connection import Connection
    from textbots_tui.core.controller import Controller
    from textbots_tui.core.journal_read import HistoryScan
    from textbots_tui.core.params import BotParams, FlowLaunchParams
    from textbots_tui.ui.demo_player import DemoRequest

DEFAULT_THEME = "textual-dark"


@dataclass(frozen=True, slots=True)
class HistoryOptions:
    """The history settings: list past sessions at start or not (``--no-history``), and retention."""

    show: bool = True
    all_targets: bool = False
    """List every target's history at start (the switch made in the app, when there is one, wins)."""
    keep_days: float = 30
    """Journal files older than this are deleted at start (0: no age limit)."""
    keep_mb: float = 200
    """The oldest journal files are deleted at start until the rest fit (0: no size limit)."""

    def prune(self, journal_dir: Path) -> None:
        """Apply the retention limits to the journal folder (run journals have a folder of their own)."""
        from textbots_tui.core.retention import prune_journal

        prune_journal(journal_dir, keep_days=self.keep_days, keep_bytes=int(self.keep_mb * 1024 * 1024))


class TextbotsApp(App[None]):
    """Test and demo Genesys Cloud bot flows, turn by turn."""

    CSS_PATH = ["app.tcss", "screens/main_screen.tcss", "forms/modal.tcss"]
    """The main screen's rules, and the launch dialog's (the first key's), are read with the app's: a screen's
    own ``CSS_PATH`` not read yet makes Textual parse every rule again from scratch and restyle every widget
    when the screen is pushed (``Stylesheet.reparse``). The dialog keeps its ``CSS_PATH`` for other hosts."""
    TITLE = "textbots-tui"

    def __init__(
        self,
        *,
        connection: Connection,
        client_factory: Callable[[], TextbotsClient],
        journal_dir: Path | None,
        start: FlowLaunchParams | BotParams | None = None,
        keymap: Mapping[str, str] | None = None,
        theme: str | None = None,
        auto_noinput: bool = False,
        present: bool = False,
        demo: DemoRequest | None = None,
        disconnect_on_close: str = "ask",
        history: HistoryOptions | None = None,
        on_started: Callable[[], None] | None = None,
        client_modules: tuple[str, ...] = (),
    ) -> None:
        super().__init__()
        self.connection = connection
        self._client_factory = client_factory
        self._client_modules = client_modules
        """What ``client_factory`` imports, in steps: imported first, each step giving way to a key."""
        self._journal_dir = journal_dir
        self._start = start
        self._keymap_overrides = dict(keymap or {})
        self.preferences = Preferences(self._data_path(PREFERENCES_FILE_NAME))
        """What the user chose in the app last time (the theme); it wins over the config file's default."""
        self._theme_name = self.preferences.theme() or theme or DEFAULT_THEME
        for name in UNOFFERED_THEMES:
            self.unregister_theme(name)
        self.register_theme(PROJECTOR_THEME)
        self._auto_noinput = auto_noinput
        self._present = present
        self._demo = demo
        self.disconnect_on_close = disconnect_on_close
        """``ask``, ``send`` or ``keep``: what closing or quitting does with a live flow session."""
        self.history = history or HistoryOptions()
        """Whether past sessions are listed at start, and how much of them is kept."""
        self._on_started = on_started
        self.key_answers = KeyAnswers()
        """Whether a key is being answered: the backend's imports give way to it."""
        self._answered: Timer | None = None
        self._resources = AsyncExitStack()
        self.controller: Controller | None = None
        """The conversation engine, once the worker that opens the client has finished."""
        self.main_screen = MainScreen(
            connection=connection,
            auto_noinput=auto_noinput,
            recent_path=self._data_path(RECENT_FILE_NAME),
        )
        all_targets = self.preferences.history_all_targets()
        self.main_screen.history.all_targets_at_start = (
            self.history.all_targets if all_targets is None else all_targets
        )

    async def on_event(self, event: events.Event) -> None:
        """A key holds the backend's imports back while it is answered (see :mod:`.yielding_imports`)."""
        if isinstance(event, events.Key) and self.key_answers.budget_s > 0:
            self.key_answers.busy()
            if self._answered is not None:
                self._answered.stop()
            self._answered = self.set_timer(ANSWER_WINDOW_S, self.key_answers.idle, name="key answered")
        await super().on_event(event)

    async def action_quit(self) -> None:
        """Quit; live flow sessions are first sent ``UserDisconnect`` (or not), as the setting says."""
        from textbots_tui.ui.closing import quit_app

        quit_app(self, self.controller, self.disconnect_on_close)

    def get_css_variables(self) -> dict[str, str]:
        """The theme's variables, with every text colour made readable (WCAG AA) on the app's backgrounds."""
        variables = readable_variables(super().get_css_variables())
        # Content styles ("$text-success" in a sidebar line) are resolved from here, not from the CSS.
        self.theme_variables = variables
        return variables

    def get_default_screen(self) -> MainScreen:
        """The main screen is the first screen: no empty default screen is made, laid out and left, and
        :meth:`on_mount` sets the theme before the main screen is composed, so its first frame is styled once
        (pushed from ``on_mount``, it was styled again for the theme just after its first frame)."""
        return self.main_screen

    async def on_mount(self) -> None:
        """Apply theme and keymap, then open the client in the background once the first frame is drawn."""
        if self._theme_name in self.available_themes:
            self.theme = self._theme_name
        else:
            self.theme = DEFAULT_THEME
            # The name comes from the config file: shown literally, never read as markup.
            self.notify(
                f"Unknown theme {self._theme_name!r}: using {DEFAULT_THEME}", severity="warning", markup=False
            )
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        if self._keymap_overrides:
            self.set_keymap(self._keymap_overrides)
        if self._present:
            # The main screen (the default screen) composes in its own time: presenter mode needs its panes.
            self.main_screen.call_after_refresh(self.action_show, "present")
        if self._keymap_overrides:
            self._warn_about_remaps()
        from textbots_tui.ui.closing import DISCONNECT_CHOICES

        if self.disconnect_on_close not in DISCONNECT_CHOICES:
            choices = " | ".join(DISCONNECT_CHOICES)
            self.notify(f"disconnect_on_close must be {choices}: asking", severity="warning", markup=False)
            self.disconnect_on_close = "ask"
        # Opening the client imports httpx, pydantic and maybe the simulator and its flows: that blocks the
        # loop for a while, so it waits until the first frame is on the screen.
        self.call_after_refresh(self._open_backend)

    def _warn_about_remaps(self) -> None:
        """Say which ``[keys]`` remaps cannot work (an unknown id, a key the input line takes first)."""
        from textbots_tui.ui.keymap_check import app_keymap_problems

        for problem in app_keymap_problems(self, self._keymap_overrides):
            self.notify(problem, title="Key remap", severity="warning", timeout=15, markup=False)

    @work(exclusive=True, group="backend", exit_on_error=False)
    async def _open_backend(self) -> None:
        """Open the backend; then the start-up is over (``on_started``), whether it opened or not."""
        try:
            await self._open_client_and_controller()
        finally:
            if self._on_started is not None:
                self._on_started()

    async def _open_client_and_controller(self) -> None:
        """Open the client, build the controller and hand it to the main screen."""
        # The controller pulls in httpx and pydantic, and the client maybe the simulator and its flows: none
        # of it is needed for the first frame. Imported and built in a thread, so that keys typed meanwhile
        # are answered rather than waiting for hundreds of milliseconds of imports on the event loop.
        # Without a session to start at once, the first key's dialog and the history list come first:
        # neither needs the backend. With one (--flow), only the backend.
        first = self._start is None
        if first:
            await asyncio.to_thread(_import_modules, DIALOG_MODULES)
        scan = await self._list_history_first() if first else None
        # With a session to start at once, the dialogs wait for their key: importing them here would hold up
        # the launch, and beside it they would take the interpreter's lock from the first answer.
        steps = (*self._client_modules, *BACKEND_MODULES)
        await asyncio.to_thread(import_giving_way, steps, self.key_answers)
        from textbots_tui.core.controller import Controller
        from textbots_tui.core.journal import Journal

        client = await asyncio.to_thread(self._client_factory)
        if not self.is_running:
            return  # the app closed meanwhile: nothing was opened, nothing to show it on
        client = await self._resources.enter_async_context(client)
        journal = None
        if self._journal_dir is not None:
            journal = Journal(self._journal_dir, target=self.connection.target(), origin="manual")
            if scan is None:  # else pruned before the scan
                await asyncio.to_thread(self.history.prune, self._journal_dir)
        controller = Controller(client, journal=journal)
        self._resources.push_async_callback(controller.aclose)
        self._resources.callback(controller.subscribe(Bridge(self.main_screen)))
        self.controller = controller
        await self.main_screen.attach(controller, start=self._start, history=self.history.show, scan=scan)
        if self._demo is not None:
            self.main_screen.show.demo.start(self._demo)

    async def _list_history_first(self) -> HistoryScan | None:
        """List the past sessions before the backend is imported: pruning and scanning the journal need
        only its reader (no pydantic, no httpx). The controller takes the same scan when it comes."""
        if self._journal_dir is None or not self.history.show:
            return None
        scan = await asyncio.to_thread(_prune_and_scan, self.history, self._journal_dir)
        if self.is_running and scan.summaries:
            self.main_screen.view.list_history(scan)
            # Let the list be drawn before the backend's imports take the interpreter's lock half the time.
            drawn = asyncio.get_running_loop().create_future()
            self.call_after_refresh(drawn.set_result, None)
            await drawn
        return scan

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The main screen's show controls (``app.show(...)``: presenter mode, demos) say what works now."""
        if action == "show":
            return self.main_screen.show.allows(str(parameters[0]) if parameters else "")
        return super().check_action(action, parameters)

    def action_show(self, control: str) -> None:
        """A control of presenter mode, the typing indicator or a scripted demo (on the main screen)."""
        self.main_screen.show.run(control)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A failure to open the client is shown like any other error; the app stays up."""
        error = event.worker.error
        if event.state is WorkerState.ERROR and error is not None and self.is_running:
            self.main_screen.backend_failed(error)

    async def on_unmount(self) -> None:
        """Close the controller and then the client (in reverse order of opening)."""
        await self._resources.aclose()

    def _theme_changed(self, theme: Theme) -> None:
        """Remember a theme chosen in the command palette for the next start."""
        if theme.name != PROJECTOR_THEME.name:  # presenter mode's theme comes and goes with it
            self.preferences.remember_theme(theme.name)

    def _data_path(self, name: str) -> Path | None:
        """A state file in the data dir (the journal's parent), only with a journal.

        Runs without a journal (tests, throwaway demos) leave nothing behind.
        """
        return None if self._journal_dir is None else self._journal_dir.parent / name


BACKEND_MODULES = ("textbots_tui.core.controller", "textbots_tui.core.journal")
"""What the backend needs beside the client: imported off the event loop once the first frame is up."""
DIALOG_MODULES = ("textbots_tui.ui.screens.dialogs", "textbots_tui.ui.screens.launch_modal")
"""What the first key (ctrl+n) needs: imported in that thread first, so the dialog opens without a wait."""


def _import_modules(names: tuple[str, ...]) -> None:
    for name in names:
        importlib.import_module(name)


def _prune_and_scan(history: HistoryOptions, directory: Path) -> HistoryScan:
    """Apply the retention limits, then read what the session list needs of each journal file."""
    from textbots_tui.core.journal_read import scan_directory

    history.prune(directory)
    return scan_directory(directory)

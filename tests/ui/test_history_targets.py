"""History per target, and deleting it: only the current org's past sessions by default, the others labelled
when all are shown, nothing re-launched against the wrong org, and deletes that ask first."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from textbots_tui.core.connection import Connection
from textbots_tui.core.params import FlowLaunchParams
from textbots_tui.ui.app import TextbotsApp
from textbots_tui.ui.palette import session_commands
from textbots_tui.ui.preferences import PREFERENCES_FILE_NAME
from textbots_tui.ui.screens.delete_modal import DeleteModal
from textbots_tui.ui.screens.launch_modal import LaunchModal
from textbots_tui.ui.widgets.connection_bar import ConnectionBar
from textbots_tui.ui.widgets.session_sidebar import HISTORY_LABEL_ID

from .harness import main_screen, make_app, order_status, settle, type_text
from .test_history_journal import SIMULATOR, write_history

LOOPBACK = Connection(
    api_url="http://127.0.0.1:8765",
    login_url="http://127.0.0.1:8765",
    client_id="demo",
    client_secret="demo",
    label="http://127.0.0.1:8765",
)
"""Another target: the simulator over loopback (the test app still reaches it in-process)."""
ACME = replace(Connection.simulated(), profile="acme")
"""A third: the simulator under a profile of its own."""


def write_targets(journal_dir: Path) -> dict[str, list[str]]:
    """Past sessions of three targets and one journal from before targets were recorded."""
    ids = {
        "simulator": write_history(journal_dir, 2, SIMULATOR, "ours"),
        "loopback": write_history(journal_dir, 2, LOOPBACK.target(), "loop"),
        "acme": write_history(journal_dir, 1, ACME.target(), "acme"),
        "unknown": write_history(journal_dir, 1, None, "old"),
    }
    for path in journal_dir.glob("*-old*.jsonl"):  # as written before targets were recorded: no key at all
        header, rest = path.read_text().split("\n", 1)
        record = json.loads(header)
        del record["target"], record["origin"]
        path.write_text(json.dumps(record) + "\n" + rest)
    return ids


def _file(journal_dir: Path, session_id: str) -> Path | None:
    return next(iter(journal_dir.glob(f"*-{session_id}.jsonl")), None)


async def _open_palette_command(pilot: Pilot[Any], title: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await type_text(pilot, title)
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def test_only_the_current_targets_history_is_listed_and_the_sidebar_says_how_many_are_hidden(
    tmp_path: Path,
) -> None:
    journal_dir = tmp_path / "journal"
    ids = write_targets(journal_dir)
    async with make_app(journal_dir=journal_dir).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        sidebar = main_screen(pilot).sidebar
        assert sidebar.session_ids == ids["simulator"][::-1]
        assert sidebar.hidden_count == 4
        label = str(sidebar.option_list.get_option(HISTORY_LABEL_ID).prompt)
        assert "4 from other targets" in label and "hidden" in label
        names = [command.name for command in session_commands(main_screen(pilot), main_screen(pilot))]
        assert names == ["Ours 1", "Ours 0"], "the session switcher offers what the list shows"
        hidden = sidebar.info(ids["loopback"][0])
        assert hidden is not None
        sidebar.upsert(replace(hidden, name="Renamed"))  # a hidden session changing is no error
        sidebar.refresh_ages()
        assert sidebar.session_ids == ids["simulator"][::-1]


async def test_all_targets_are_listed_labelled_and_the_choice_is_remembered(tmp_path: Path) -> None:
    journal_dir = tmp_path / "journal"
    ids = write_targets(journal_dir)
    async with make_app(journal_dir=journal_dir).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        sidebar = main_screen(pilot).sidebar
        await pilot.press("alt+h")
        await settle(pilot)
        assert set(sidebar.session_ids) == {sid for group in ids.values() for sid in group}
        assert sidebar.hidden_count == 0
        assert "hidden" not in str(sidebar.option_list.get_option(HISTORY_LABEL_ID).prompt)
        assert "↳ http://127.0.0.1:8765" in str(sidebar.prompt(ids["loopback"][0]))
        assert "↳ simulator profile acme" in str(sidebar.prompt(ids["acme"][0]))
        assert "↳ unknown target" in str(sidebar.prompt(ids["unknown"][0]))
        assert "↳" not in str(sidebar.prompt(ids["simulator"][0])), "the current target's need no label"
        helps = {c.name: c.help_text or "" for c in session_commands(main_screen(pilot), main_screen(pilot))}
        assert helps["Loop 0"].endswith(", http://127.0.0.1:8765") and helps["Ours 0"].endswith(" turns")
    preferences = json.loads((tmp_path / PREFERENCES_FILE_NAME).read_text())
    assert preferences["history_all_targets"] is True

    async with make_app(journal_dir=journal_dir).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        sidebar = main_screen(pilot).sidebar
        assert len(sidebar.session_ids) == 6, "all targets again at the next start"
        await _open_palette_command(pilot, "History of all targets")  # the palette switches it too
        assert sidebar.session_ids == ids["simulator"][::-1]


async def test_the_setting_lists_all_targets_at_start_until_the_app_switch_says_otherwise(
    tmp_path: Path,
) -> None:
    journal_dir = tmp_path / "journal"
    write_targets(journal_dir)
    app = make_app(journal_dir=journal_dir)
    app.main_screen.history.all_targets_at_start = True  # as ``history_all_targets = true`` sets it
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert len(main_screen(pilot).sidebar.session_ids) == 6


async def test_a_target_label_is_shown_literally(tmp_path: Path) -> None:
    journal_dir = tmp_path / "journal"
    (sid,) = write_history(journal_dir, 1, {"api_url": "https://[bold]x[/bold]", "profile": "[red]p"}, "odd")
    async with make_app(journal_dir=journal_dir).run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        await pilot.press("alt+h")
        await settle(pilot)
        assert "↳ https://[bold]x[/bold] profile [red]p" in str(main_screen(pilot).sidebar.prompt(sid))


async def test_restart_and_replay_of_another_targets_session_say_whose_it_is(tmp_path: Path) -> None:
    journal_dir = tmp_path / "journal"
    ids = write_targets(journal_dir)
    app = make_app(journal_dir=journal_dir)
    notes = _spy_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        assert app.controller is not None
        await pilot.press("alt+h")
        await settle(pilot)
        screen.show_session(ids["loopback"][0])
        await settle(pilot)
        bar = screen.query_one(ConnectionBar)
        assert bar.session_summary == "Loop 0 · flow · exited · http://127.0.0.1:8765"
        assert screen.input_bar.unavailable == (
            "Read-only history: this session belongs to http://127.0.0.1:8765; current is simulator"
        ), "the input line does not offer ctrl+r for it"
        before = len(app.controller.sessions)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert len(app.controller.sessions) == before, "nothing launched against the current org"
        message = str(screen.input_bar.query_one("#input-message").render())
        assert "belongs to http://127.0.0.1:8765; current is simulator" in message
        await _open_palette_command(pilot, "Replay against live")
        assert len(app.controller.sessions) == before
        assert any("Not replayed: this session belongs to http://127.0.0.1:8765" in m for m, _ in notes)

        screen.show_session(ids["unknown"][0])
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert len(app.controller.sessions) == before
        assert "before targets were recorded" in str(screen.input_bar.query_one("#input-message").render())

        screen.show_session(ids["simulator"][0])
        await settle(pilot)
        assert "ctrl+r starts it again" in screen.input_bar.unavailable
        assert bar.session_summary == "Ours 0 · flow · exited"
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert len(app.controller.sessions) == before + 1, "the current target's history restarts"


async def test_delete_key_asks_escape_keeps_and_delete_removes_file_list_and_chat(tmp_path: Path) -> None:
    journal_dir = tmp_path / "journal"
    ids = write_targets(journal_dir)
    newest, older = ids["simulator"][::-1]
    async with make_app(journal_dir=journal_dir).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        screen.show_session(newest)
        await settle(pilot)
        assert screen.chat.message_count >= 1
        await pilot.press("ctrl+s")  # the list, with the shown session highlighted
        assert "delete-session" in {b.binding.id for b in pilot.app.active_bindings.values()}
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(pilot.app.screen, DeleteModal)
        assert "Ours 1" in pilot.app.screen.text
        await pilot.press("escape")
        await settle(pilot)
        assert _file(journal_dir, newest) is not None and screen.sidebar.session_ids == [newest, older]

        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("enter")  # Enter takes the focused button: Keep
        await settle(pilot)
        assert _file(journal_dir, newest) is not None

        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("tab", "enter")  # Delete
        await settle(pilot)
        assert _file(journal_dir, newest) is None
        assert screen.sidebar.session_ids == [older]
        assert screen.current_id is None and screen.chat.message_count == 0
        assert pilot.app.controller is not None and newest not in pilot.app.controller.sessions
        assert [command.name for command in session_commands(screen, screen)] == ["Ours 0"]
        assert _file(journal_dir, ids["loopback"][0]) is not None


async def test_this_runs_sessions_are_never_deleted_and_the_app_says_why(tmp_path: Path) -> None:
    app = make_app(journal_dir=tmp_path / "journal", start=order_status())
    notes = _spy_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        live = screen.current_id
        await pilot.press("ctrl+s", "delete")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, DeleteModal)
        assert screen.sidebar.session_ids == [live]
        assert any("still writing them" in message for message, _ in notes)
        assert not screen.check_action("history", ("delete",)), "the palette offers it for past sessions only"


async def test_clear_history_deletes_the_current_targets_sessions_only_after_asking(tmp_path: Path) -> None:
    journal_dir = tmp_path / "journal"
    ids = write_targets(journal_dir)
    runs = write_history(journal_dir / "runs", 1, SIMULATOR, "run")
    async with make_app(journal_dir=journal_dir, start=order_status()).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        live = screen.current_id
        await _open_palette_command(pilot, "Clear history")
        dialog = pilot.app.screen
        assert isinstance(dialog, DeleteModal)
        assert dialog.title_text == "Clear the history of simulator?"
        assert "2 past sessions of simulator and their journal files are deleted for good" in dialog.text
        assert "4 past sessions of other targets" in dialog.text and "this run's sessions" in dialog.text
        assert "textbots-tui run" in dialog.text
        await pilot.press("escape")
        await settle(pilot)
        assert all(_file(journal_dir, sid) for sid in ids["simulator"])

        await _open_palette_command(pilot, "Clear history")
        await pilot.press("tab", "enter")
        await settle(pilot)
        assert not any(_file(journal_dir, sid) for sid in ids["simulator"])
        others = ids["loopback"] + ids["acme"] + ids["unknown"]
        assert all(_file(journal_dir, sid) for sid in others)
        assert _file(journal_dir / "runs", runs[0]) is not None
        assert screen.sidebar.session_ids == [live]
        assert screen.sidebar.hidden_count == 4


async def test_a_file_that_cannot_be_deleted_stays_listed_and_the_error_is_shown_as_it_came(
    tmp_path: Path,
) -> None:
    journal_dir = tmp_path / "journal"
    (sid,) = write_history(journal_dir, 1, SIMULATOR, "ours")
    app = make_app(journal_dir=journal_dir)
    notes = _spy_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        path = _file(journal_dir, sid)
        assert path is not None
        path.unlink()
        path.mkdir()  # unlinking a folder fails, even for root: as a file in use or a permission would
        (path / "[b]x").write_text("")
        await pilot.press("ctrl+s", "delete")
        await pilot.pause()
        await pilot.press("tab", "enter")
        await settle(pilot)
        assert main_screen(pilot).sidebar.session_ids == [sid]
    errors = [(m, o) for m, o in notes if o.get("title") == "Delete"]
    assert errors and errors[0][0].startswith("Not deleted: [Errno")
    assert str(path) in errors[0][0] and errors[0][1]["markup"] is False


async def test_launch_dialog_prefills_only_values_remembered_on_the_same_target(tmp_path: Path) -> None:
    journal_dir = tmp_path / "journal"
    remembered = order_status(language="fr", input_variables={"Flow.Customer": "Alex"})
    for connection in (LOOPBACK, Connection.simulated()):
        app = make_app(journal_dir=journal_dir, connection=connection)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+n")
            await settle(pilot)
            dialog = pilot.app.screen
            assert isinstance(dialog, LaunchModal)
            if connection is LOOPBACK:
                assert dialog.remembered_for(remembered.flow_id) is None
                dialog.remember(remembered)  # what launching from the dialog keeps
            else:
                assert dialog.remembered_for(remembered.flow_id) is None, "remembered on another target"
            await pilot.press("escape")
    app = make_app(journal_dir=journal_dir, connection=LOOPBACK)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, LaunchModal)
        found = dialog.remembered_for(remembered.flow_id)
        assert found is not None and isinstance(found[0], FlowLaunchParams) and found[0].language == "fr"


def _spy_notifications(app: TextbotsApp) -> list[tuple[str, dict[str, Any]]]:
    notes: list[tuple[str, dict[str, Any]]] = []
    real = app.notify

    def notify(message: str, **options: Any) -> None:
        notes.append((message, options))
        real(message, **options)

    app.notify = notify  # type: ignore[method-assign]
    return notes


async def test_the_history_keys_are_in_the_help_by_id_and_the_delete_key_can_be_remapped(
    tmp_path: Path,
) -> None:
    journal_dir = tmp_path / "journal"
    (sid,) = write_history(journal_dir, 1, SIMULATOR, "ours")
    app = make_app(journal_dir=journal_dir, keymap={"delete-session": "d", "history-all-targets": "alt+g"})
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        warnings = [note.message for note in pilot.app._notifications if note.title == "Key remap"]
        assert warnings == [], "the list's key works while the list has the focus: d is fine there"
        await pilot.press("f1")
        await pilot.pause()
        help_screen = pilot.app.screen
        rows = {row.ident: row for row in getattr(help_screen, "rows", [])}
        assert rows["delete-session"].group == "Session list" and rows["delete-session"].keys == "d"
        assert rows["history-all-targets"].group == "History" and rows["history-all-targets"].keys == "alt+g"
        await pilot.press("escape", "ctrl+s", "d")
        await pilot.pause()
        assert isinstance(pilot.app.screen, DeleteModal), "the remapped key asks to delete"
        await pilot.press("tab", "enter")
        await settle(pilot)
        assert _file(journal_dir, sid) is None


async def test_the_focused_list_cuts_its_lines_to_the_room_its_border_leaves(tmp_path: Path) -> None:
    journal_dir = tmp_path / "journal"
    ids = write_targets(journal_dir)
    async with make_app(journal_dir=journal_dir).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        sidebar = main_screen(pilot).sidebar
        await pilot.press("alt+h", "ctrl+s")
        await settle(pilot)
        room = sidebar.option_list.scrollable_content_region.width
        for sid in sidebar.session_ids:
            assert all(line.cell_length <= room for line in sidebar.prompt(sid).split("\n")), sid
        assert "flow" in str(sidebar.prompt(ids["simulator"][0])), "the kind tag is not cut off"


async def test_the_palette_deletes_the_shown_past_session_after_asking(tmp_path: Path) -> None:
    journal_dir = tmp_path / "journal"
    older, newest = write_history(journal_dir, 2, SIMULATOR, "ours")
    async with make_app(journal_dir=journal_dir).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await pilot.press("ctrl+s", "down", "enter")  # the older one, shown
        await settle(pilot)
        assert screen.current_id == older
        await _open_palette_command(pilot, "Delete this past session")
        assert isinstance(pilot.app.screen, DeleteModal) and "Ours 0" in pilot.app.screen.text
        await pilot.press("tab", "enter")
        await settle(pilot)
        assert _file(journal_dir, older) is None and _file(journal_dir, newest) is not None
        assert screen.sidebar.session_ids == [newest] and screen.current_id is None


async def test_with_no_history_listed_clearing_says_there_is_nothing_listed_and_deletes_nothing(
    tmp_path: Path,
) -> None:
    from textbots_tui.ui.app import HistoryOptions

    journal_dir = tmp_path / "journal"
    (sid,) = write_history(journal_dir, 1, SIMULATOR, "ours")
    app = make_app(journal_dir=journal_dir)
    app.history = HistoryOptions(show=False)  # --no-history
    notes = _spy_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _open_palette_command(pilot, "Clear history")
        assert not isinstance(pilot.app.screen, DeleteModal)
    assert any("No past sessions of simulator are listed: nothing to clear" in m for m, _ in notes)
    assert _file(journal_dir, sid) is not None

"""Keys: help lists them as mapped, a keymap remaps them; the palette runs actions and switches sessions."""

from __future__ import annotations

from textual.command import CommandPalette

from textbots_tui.ui.palette import MainCommands
from textbots_tui.ui.screens.help_screen import HelpScreen
from textbots_tui.ui.screens.launch_modal import LaunchModal

from .harness import HELP_CENTRE, main_screen, make_app, order_status, settle, type_text


def _help_rows(screen: HelpScreen) -> dict[str, tuple[str, str]]:
    return {row.description: (row.keys, row.group) for row in screen.rows}


async def test_help_lists_every_key_by_group() -> None:
    async with make_app().run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        help_screen = pilot.app.screen
        assert isinstance(help_screen, HelpScreen)
        rows = _help_rows(help_screen)
        assert rows["New flow"] == ("^n", "Main keys")
        assert rows["Close"] == ("^w", "Session")
        assert rows["NoInput"] == ("f5", "Synthetic events")
        assert rows["Inspector"][0] == "f3", "ctrl+i is Tab in a terminal: not offered"
        picks = [(row.keys, row.group) for row in help_screen.rows if row.description == "Pick choice 1-9"]
        assert picks == [("alt+1 … alt+9", "Pick"), ("1 … 9", "Pick")], "numbered keys fold into one line"
        assert rows["Send, or pick"] == ("⏎", "Input line")
        assert rows["Previous input"] == ("↑", "Conversation")
        assert "Palette" in rows and "Quit" in rows
        commands = {str(widget.render()) for widget in help_screen.query(".help-command")}
        assert {"/error", "/vars", "/noinput", "/help"} <= commands
        await pilot.press("escape")
        assert pilot.app.screen is main_screen(pilot)


async def test_keymap_remaps_a_key_and_the_help_follows() -> None:
    async with make_app(keymap={"new-flow": "f12", "help": "f10"}).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert pilot.app.screen is main_screen(pilot), "the old key does nothing any more"
        await pilot.press("f10")
        await pilot.pause()
        help_screen = pilot.app.screen
        assert isinstance(help_screen, HelpScreen)
        assert _help_rows(help_screen)["New flow"][0] == "f12"
        assert _help_rows(help_screen)["Help"][0] == "f10"
        await pilot.press("escape")
        await pilot.press("f12")
        await pilot.pause()
        assert isinstance(pilot.app.screen, LaunchModal)


async def test_palette_runs_actions_and_switches_sessions() -> None:
    async with make_app(start=order_status()).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        first = screen.current_id

        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(pilot.app.screen, CommandPalette)
        await type_text(pilot, "New flow")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, LaunchModal)
        await type_text(pilot, HELP_CENTRE)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.current_id != first

        await pilot.press("ctrl+p")
        await type_text(pilot, "Switch session")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, CommandPalette), "the sessions' own list"
        await type_text(pilot, "Order")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.current_id == first

        await pilot.press("ctrl+p")
        await type_text(pilot, "Inspector")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.inspector is not None and screen.inspector.display


async def test_help_shows_the_binding_ids_to_remap_by() -> None:
    async with make_app().run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        help_screen = pilot.app.screen
        assert isinstance(help_screen, HelpScreen)
        ids = {row.description: row.ident for row in help_screen.rows}
        assert ids["New flow"] == "new-flow" and ids["Close"] == "close" and ids["Inspector"] == "inspector"
        assert ids["Pick choice 1-9"] in ("pick-1…9", "chat-pane.pick-1…9")
        shown = {str(widget.render()) for widget in help_screen.query(".help-id")}
        assert {"new-flow", "help", "history-previous"} <= shown


async def test_a_remap_onto_an_input_line_key_is_warned_about_at_start() -> None:
    keymap = {"new-flow": "ctrl+k", "rename": "f12", "no-such-id": "f11"}
    async with make_app(keymap=keymap).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = "\n".join(note.message for note in pilot.app._notifications)
        assert "new-flow = ctrl+k" in text and "delete to the end of the line" in text
        assert "no-such-id" in text
        assert "rename" not in text, "a remap onto a free key is fine"
        # And it is true: with the input line focused, ctrl+k edits the line instead of opening the dialog.
        await pilot.press("ctrl+k")
        await pilot.pause()
        assert pilot.app.screen is main_screen(pilot)


async def test_sessions_do_not_flood_the_palette_and_session_commands_say_they_need_one() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "Export as Markdown")
        await settle(pilot)
        palette = pilot.app.screen
        assert isinstance(palette, CommandPalette)
        await pilot.press("enter")
        await settle(pilot)
        notes = [note.message for note in pilot.app._notifications]
        assert any(note.startswith("Needs a session") for note in notes), notes

    async with make_app(start=order_status()).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        for _ in range(3):
            await pilot.press("ctrl+r")
            await settle(pilot)
        hits: list[str] = []

        async def search(query: str) -> list[str]:
            provider = MainCommands(screen)
            return [str(hit.text) async for hit in provider.search(query)]

        hits = await search("copy")
        assert not any("Order Status" in hit for hit in hits), "no session entries among the commands"
        hits = await search("Order")
        assert hits == [], "a session name finds no command: sessions have their own list"

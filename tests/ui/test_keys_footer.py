"""The footer: its keys are in the first frame, it follows the keys' state, and rebuilds only on a change."""

from __future__ import annotations

from textual.widgets._footer import FooterKey

from textbots_tui.ui.widgets.keys_footer import KeysFooter

from .harness import make_app, order_status, settle


def _shown(footer: KeysFooter) -> list[str]:
    return [key.description or key.key for key in footer.query(FooterKey)]


async def test_footer_keys_follow_the_state_and_rebuild_only_on_a_change() -> None:
    app = make_app()
    first_frame: list[str] = []

    def note_first_frame() -> None:
        # Stands in for opening the backend, which the app does once the first frame is drawn.
        first_frame.extend(_shown(app.main_screen.query_one(KeysFooter)))

    app._open_backend = note_first_frame  # type: ignore[method-assign, assignment]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert {"Help", "palette"} <= set(first_frame), "the keys are drawn with the first frame"
        assert "New flow" in first_frame, "no controller yet, but the launch dialog opens at once"
        footer = app.main_screen.query_one(KeysFooter)
        rebuilds = 0
        recompose = footer.recompose

        async def counted() -> None:
            nonlocal rebuilds
            rebuilds += 1
            await recompose()

        footer.recompose = counted  # type: ignore[method-assign]
        for _ in range(3):
            app.main_screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert rebuilds == 0, "nothing the footer shows changed"
        assert _shown(footer) == first_frame
        del app._open_backend  # the app's own method again
        app._open_backend()
        await settle(pilot)
        assert rebuilds == 0, "the controller's arrival changes none of the keys shown"
        app.main_screen.calls.start(order_status())
        await settle(pilot)
        assert rebuilds >= 1, "a session brings its own keys"
        assert "Restart" in _shown(footer) and "New flow" in _shown(footer)

"""Copying for the user: say honestly where the text went, and offer a file when the clipboard may not work.

Textual copies by asking the terminal (OSC 52). Many terminals, and tmux by default, drop that request without
a word, so "copied" would be a promise nobody can keep: the toast says the text was sent to the terminal's
clipboard, and the dialogs that copy also offer to save to a file.
"""

from __future__ import annotations

from pathlib import Path

from textual.widget import Widget

TOKEN_VARIABLE = "GENESYS_TOKEN"
"""The environment variable a copied curl command takes its bearer token from (never the real token)."""

TOKEN_NOTE = (
    f"# ${TOKEN_VARIABLE}: an OAuth access token for this org (the real one is never copied), e.g.\n"
    f"# export {TOKEN_VARIABLE}=...   (from your OAuth client's client-credentials grant)\n"
)
"""Put before a copied curl command that uses ``$GENESYS_TOKEN``: a shell comment, harmless when pasted."""


def sent_to_clipboard(what: str) -> str:
    """The toast for ``what`` after a copy: what happened, not what we hope happened."""
    return (
        f"{what} sent to the terminal's clipboard "
        "(if nothing arrives, tmux or the terminal dropped it: save to a file)"
    )


def copy_text(node: Widget, text: str, what: str) -> None:
    """Send ``text`` to the terminal's clipboard and say so."""
    node.app.copy_to_clipboard(text)
    node.notify(sent_to_clipboard(what), markup=False)


def copy_link(node: Widget, url: str) -> None:
    """Send a link from the chat to the terminal's clipboard and say so (with the link, shown literally)."""
    node.app.copy_to_clipboard(url)
    node.notify(url, title=sent_to_clipboard("Link"), markup=False)


def with_token_note(curl: str) -> str:
    """A copied curl command, with a note on ``$GENESYS_TOKEN`` before it when it uses the variable."""
    return TOKEN_NOTE + curl if f"${TOKEN_VARIABLE}" in curl else curl


def save_text(node: Widget, text: str, title: str, suggested: Path) -> None:
    """Ask where (prefilled with ``suggested``), write ``text`` there, and say where or why not."""
    from textbots_tui.core.private_files import private_dir, private_opener
    from textbots_tui.ui.screens.save_modal import SaveChoice, SaveModal

    def chosen(choice: SaveChoice | None) -> None:
        if choice is None:
            return
        try:
            private_dir(choice.path.parent)
            with open(choice.path, "x", encoding="utf-8", newline="\n", opener=private_opener) as handle:
                handle.write(text)
        except OSError as error:
            node.notify(
                f"{choice.path}: {error.strerror or error}", title="Not saved", severity="error", markup=False
            )
            return
        node.notify(f"Saved {choice.path}", markup=False)

    node.app.push_screen(SaveModal(title, suggested), chosen)

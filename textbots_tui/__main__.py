"""``python -m textbots_tui``: the same as the ``textbots-tui`` command."""

from textbots_tui.cli import run

if __name__ == "__main__":
    run()

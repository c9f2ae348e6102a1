"""``python -m textbots_tui``: the same as the ``textbots-tui`` command."""

from textbots_tui.cli import main

if __name__ == "__main__":
    main(prog_name="textbots-tui")

"""textbots-tui: test, script and demo Genesys Cloud bot flows from the terminal."""

__version__ = "0.1.0"

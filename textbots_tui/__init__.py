"""textbots-tui: test, script and demo Genesys Cloud bot flows from the terminal."""

from textbots_tui._lean import skip_httpx_cli

__version__ = "0.1.0"

skip_httpx_cli()

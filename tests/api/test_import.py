"""Importing the API layer stays cheap and never loads the UI libraries."""

from __future__ import annotations

import json
import subprocess
import sys

SCRIPT = """
import json, sys
sys.modules['httpx._main'] = None  # httpx's optional CLI module imports rich and click when installed
import textbots_tui.api
lazy = sorted(m for m in ('pydantic', 'httpx') if m in sys.modules)
from textbots_tui.api import TextbotsClient, TextBotFlowTurnRequest, resolve_region, TextbotsError
import textbots_tui.api.client, textbots_tui.api.models, textbots_tui.api.auth, textbots_tui.api.retry
loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'textbots_tui'))
print(json.dumps({'lazy': lazy, 'loaded': loaded}))
"""


def test_import_api_loads_neither_textual_nor_rich() -> None:
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True).stdout
    result = json.loads(out)
    assert result["lazy"] == [], "importing textbots_tui.api alone should not load pydantic or httpx"
    assert not [m for m in result["loaded"] if m.split(".")[0] in ("textual", "rich")]
    assert not [m for m in result["loaded"] if m.startswith(("textbots_tui.ui", "textbots_tui.core"))]
    assert "textbots_tui.api.client" in result["loaded"]


def test_errors_and_exchange_do_not_need_httpx_or_pydantic() -> None:
    script = (
        "import sys; import textbots_tui.api.errors, textbots_tui.api.exchange, textbots_tui.api.regions; "
        "print(sorted(m for m in ('httpx', 'pydantic') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"

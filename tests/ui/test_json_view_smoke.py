"""The inspector's highlighted JSON view mounts and paints in a fresh interpreter, and the process exits 0.

A separate process because a broken tree-sitter (0.26 corrupted memory while compiling Textual's JSON query)
does not fail a test: it kills the interpreter later, at an unrelated allocation.
"""

from __future__ import annotations

import subprocess
import sys

SCRIPT = r"""
import asyncio
import gc

from textual.app import App, ComposeResult

from textbots_tui.ui.widgets.json_view import JsonView, pretty_json

BODY = {"nextActionType": "WaitForInput", "prompts": [{"text": 'Hi "there"'}], "n": 1, "ok": True, "x": None}


class Probe(App[None]):
    def compose(self) -> ComposeResult:
        yield JsonView(pretty_json(BODY), id="view")


async def main() -> None:
    app = Probe()
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(JsonView)
        await pilot.pause()
        assert view.language == "json", view.language
        assert view.text.startswith("{"), view.text
        view.load_text(pretty_json({"more": [1, 2, {"deep": "value"}]}))
        await pilot.pause()
        painted = [view.render_line(y) for y in range(view.size.height)]
        assert any(strip.text.strip() for strip in painted)
        colours = {segment.style.color for strip in painted for segment in strip if segment.style}
        assert len(colours) > 2, f"not highlighted: {colours}"
    gc.collect()
    print("json view ok")


asyncio.run(main())
"""


def test_highlighted_json_view_mounts_in_a_fresh_interpreter() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, (result.returncode, result.stderr[-2000:])
    assert "json view ok" in result.stdout

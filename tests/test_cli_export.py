"""``textbots-tui export SESSION --html FILE``: a journalled session, found by id or file, as a web page."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from click.testing import CliRunner, Result

from textbots_tui.cli import main
from textbots_tui.core.connection import Connection
from textbots_tui.core.controller import Controller
from textbots_tui.core.journal import Journal
from textbots_tui.core.params import FlowLaunchParams
from textbots_tui.settings.connection import build_client

ORDER_STATUS = "5f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f"


def journal_dir() -> Path:
    return Path(os.environ["TEXTBOTS_TUI_DATA_DIR"]) / "journal"


def record_order_session() -> tuple[str, Path]:
    """Play the Order Status flow to its end on the simulator, journalled where the command looks."""

    async def play() -> tuple[str, Path]:
        journal = Journal(journal_dir())
        async with build_client(Connection.simulated()) as client:
            controller = Controller(client, journal=journal)
            params = FlowLaunchParams(flow_id=ORDER_STATUS, flow_name="Order Status")
            sid = await controller.launch_flow(params)
            await controller.choose(sid, "Track an order")
            await controller.send_text(sid, "<script>alert(1)</script> 12345")
            await controller.send_text(sid, "12345")
            await controller.choose(sid, "No")
            await controller.aclose()
        path = journal.path_for(sid)
        journal.close()
        assert path is not None
        return sid, path

    return asyncio.run(play())


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_export_by_id_and_by_file_with_names(tmp_path: Path) -> None:
    sid, path = record_order_session()
    out = tmp_path / "order.html"
    result = invoke("export", sid[:8], "--html", str(out))
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "Order tracked: <span" in page and "Order number captured, Order found" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; 12345" in page and "<script>" not in page
    by_file = invoke("export", str(path), "--html", "-", "--technical")
    assert by_file.exit_code == 0
    assert "payload track_order" in by_file.stdout


def test_an_unknown_session_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = invoke("export", "no-such-session", "--html", str(tmp_path / "x.html"))
    assert result.exit_code == 2
    assert "no-such-session: no such journal file, and no session with this id" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "x.html").exists()
    missing = invoke("export", "x")
    assert missing.exit_code == 2 and "--html" in missing.stderr

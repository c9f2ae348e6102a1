"""``textbots-tui serve`` in a real headless Chromium: launch a sample flow by keyboard, pick a choice, and
read the bot's answer on the terminal's screen (rebuilt from the websocket stream: the canvas has no text)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from .served import CHROMIUM, CHROMIUM_ARGS, Terminal, screenshot_path, served

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (apt-get install chromium)")

ORDER_STATUS = "5f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f"


def wait_for(page: object, terminal: Terminal, needle: str, timeout: float = 30) -> str:
    """Wait until the screen shows ``needle``; the screen's text."""
    end = time.monotonic() + timeout
    while needle not in terminal.text:
        if time.monotonic() > end:
            raise AssertionError(f"{needle!r} never showed; the screen:\n{terminal.text}")
        page.wait_for_timeout(100)  # type: ignore[attr-defined]
    return terminal.text


def test_a_flow_launched_and_answered_in_the_browser(tmp_path: Path) -> None:
    terminal = Terminal()
    with served("--simulator") as url, playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.on(
                "websocket",
                lambda ws: (
                    ws.on("framesent", terminal.sent),
                    ws.on("framereceived", terminal.received),
                ),
            )
            page.goto(url)
            wait_for(page, terminal, "No session")
            page.click("#terminal")  # keys reach the app once the terminal has the focus
            # ctrl+n works once the app has opened its client (after the first frame): ask until it does.
            for _ in range(10):
                page.keyboard.press("Control+n")
                try:
                    wait_for(page, terminal, "Launch a bot flow", timeout=5)
                    break
                except AssertionError:
                    continue
            wait_for(page, terminal, "3 flows: type to filter")  # the dialog is up and has listed the flows
            page.keyboard.type(ORDER_STATUS)
            wait_for(page, terminal, ORDER_STATUS)  # typed into the flow id field
            page.keyboard.press("Control+s")
            screen = wait_for(page, terminal, "What can I help you with today?")
            assert "Track an order" in screen
            page.keyboard.press("1")
            page.keyboard.press("Enter")
            screen = wait_for(page, terminal, "what is your order number?")
            assert "Track an order" in screen.split("what is your order number?")[0]
            page.wait_for_timeout(300)
            # The picture in the README: refreshed on request (a test run leaves the repository alone).
            keep = os.environ.get("TEXTBOTS_TUI_SCREENSHOTS") == "1"
            page.screenshot(path=str(screenshot_path() if keep else tmp_path / "browser.png"))
        finally:
            browser.close()

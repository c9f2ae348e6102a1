"""Refresh ``screenshots/run_report.png`` (the top) and ``run_report_failure.png`` (a failed scenario): the
HTML report of the Order Status examples, one expectation made stale so that a failed step shows, opened in
headless Chromium (Debian's ``chromium``; Playwright drives it).

    .venv/bin/python scripts/make_report_screenshot.py
"""

from __future__ import annotations

import asyncio
import io
import shutil
import tempfile
from pathlib import Path

import httpx
from playwright.async_api import async_playwright

from textbots_tui.api.client import TextbotsClient
from textbots_tui.core.runner import run_scripts
from textbots_tui.simulator import SimulatorSettings, create_app

ROOT = Path(__file__).parents[1]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


async def main() -> None:
    """Run the scripts with ``--html``, open the page, save the two screenshots."""
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "order-status.yaml"
        text = (ROOT / "examples" / "order-status.yaml").read_text(encoding="utf-8")
        script.write_text(text.replace("within 30 days", "within 60 days"), encoding="utf-8")
        page_path = Path(folder) / "report.html"

        def client() -> TextbotsClient:
            transport = httpx.ASGITransport(app=create_app(SimulatorSettings(seed=1)))
            return TextbotsClient(api_url="http://sim", client_id="a", client_secret="b", transport=transport)

        await run_scripts([script], client_factory=client, out=io.StringIO(), html=page_path)
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
            page = await browser.new_page(viewport={"width": 1100, "height": 1300})
            await page.goto(page_path.as_uri())
            await page.screenshot(path=str(ROOT / "screenshots" / "run_report.png"))
            failed = page.locator("section.tb-scenario", has=page.locator(".tb-failure"))
            await failed.screenshot(path=str(ROOT / "screenshots" / "run_report_failure.png"))
            await browser.close()
    print("screenshots/run_report.png, screenshots/run_report_failure.png")


if __name__ == "__main__":
    asyncio.run(main())

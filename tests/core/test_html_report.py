"""``run --html``: one self-contained page (summary, each scenario's chat, failed steps expected vs got,
timings, correlation ids), bot text escaped, opened in a real headless Chromium where nothing runs."""

from __future__ import annotations

import io
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest

from textbots_tui.api.client import TextbotsClient
from textbots_tui.core.runner import run_scripts
from textbots_tui.simulator import SimulatorSettings, create_app

ORDER = "5f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f"
CHROMIUM = shutil.which("chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]  # fmt: skip

HOSTILE = "<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">"
QUOTED = HOSTILE.replace('"', '\\"')

SCRIPT = f"""\
- name: Happy path
  target: {{flow: {{id: {ORDER}}}, inputData: {{Flow.CustomerName: Alex}}}}
  steps:
    - choose: Track an order
    - say: "12345"
    - expect: {{text: {{contains: is shipped}}}}
    - choose: "No"
- name: Stale expectation <b>bold</b>
  target: {{flow: {{id: {ORDER}}}, inputData: {{Flow.CustomerName: "{QUOTED}"}}}}
  steps:
    - expect: {{text: "Hi Alex, welcome!"}}
"""


class Tags(HTMLParser):
    """Every element and attribute name in a page, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()
        self.attributes: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.names.add(tag)
        self.attributes.update(name for name, _ in attrs)


async def report(tmp_path: Path) -> Path:
    script = tmp_path / "order.yaml"
    script.write_text(SCRIPT, encoding="utf-8")
    page = tmp_path / "report.html"

    def client() -> TextbotsClient:
        transport = httpx.ASGITransport(app=create_app(SimulatorSettings(seed=3)))
        return TextbotsClient(api_url="http://sim", client_id="a", client_secret="b", transport=transport)

    code = await run_scripts([script], client_factory=client, out=io.StringIO(), html=page)
    assert code == 1
    return page


async def test_the_page_holds_the_summary_chats_and_failures_escaped(tmp_path: Path) -> None:
    html = (await report(tmp_path)).read_text(encoding="utf-8")
    tags = Tags()
    tags.feed(html)
    assert "script" not in tags.names and "img" not in tags.names, "bot text made no elements"
    assert not [a for a in tags.attributes if a.startswith("on")], "and no event handlers"
    assert "&lt;script&gt;document.title=" in html and "&lt;b&gt;bold&lt;/b&gt;" in html
    assert re.search(r"(?:src|href)=\"https?://", html) is None, "no external assets"
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert "1 passed, 1 failed" in html
    assert "expected</dt><dd>a message equal to &quot;Hi Alex, welcome!&quot;" in html
    assert "Order 12345 is shipped" in html  # the chat itself
    assert re.search(r"\d+\.\d\d s", html), "timings"
    assert re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", html), "correlation ids"


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")
async def test_the_page_opens_in_chromium_and_nothing_in_it_runs(tmp_path: Path) -> None:
    from playwright.async_api import async_playwright

    page_path = await report(tmp_path)
    requests: list[str] = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = await browser.new_page(viewport={"width": 1100, "height": 1400})
            page.on("request", lambda request: requests.append(request.url))
            dialogs: list[str] = []
            page.on("dialog", lambda dialog: dialogs.append(dialog.message))
            await page.goto(page_path.as_uri())
            assert await page.title() == "textbots-tui run"  # no script renamed it
            assert await page.evaluate("document.scripts.length") == 0
            assert await page.locator("img").count() == 0
            rows = page.locator("section.tb-summary table tbody tr")
            assert await rows.count() == 2
            assert "FAIL" in await rows.nth(1).inner_text()
            assert HOSTILE in await page.locator("body").inner_text()  # shown as typed
            assert await page.locator(".tb-failure").count() == 1
            assert dialogs == []
            requests_shown = await page.locator("details summary").first.inner_text()
            assert requests_shown == "HTTP requests (7)"  # token, launch, turns
        finally:
            await browser.close()
    assert requests == [page_path.as_uri()], "nothing loaded but the page itself"

"""The app served by ``textbots-tui serve`` in a subprocess, and a headless Chromium reading its screen.

The terminal is drawn on a canvas, so the screen is not in the page's DOM: :class:`Terminal` rebuilds it
from the bytes the app sends over the page's websocket, with ``pyte`` (a VT100 emulator), at the size the
page asked for.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyte

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
"""Debian's Chromium (``apt-get install chromium``): Playwright cannot download its own browser here."""
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def served(*args: str, command: list[str] | None = None, timeout: float = 30) -> Iterator[str]:
    """Run ``textbots-tui serve --port P ARGS`` (or ``command``, given the port) and yield its URL."""
    port = free_port()
    argv = command or [sys.executable, "-m", "textbots_tui", "serve", "--port", str(port), *args]
    argv = [a.replace("{port}", str(port)) for a in argv]
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=dict(os.environ))
    try:
        end = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(
                    f"the server stopped: {process.stderr.read().decode() if process.stderr else ''}"
                )
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if time.monotonic() > end:
                    raise TimeoutError(f"nothing listens on {port} after {timeout} s") from None
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Terminal:
    """The app's screen as the browser's terminal shows it, rebuilt from the websocket's traffic."""

    def __init__(self) -> None:
        self.screen: pyte.Screen | None = None
        self.stream: pyte.ByteStream | None = None
        self.pending: list[bytes] = []
        self.first_output: float | None = None

    def sent(self, payload: str | bytes) -> None:
        """A frame the page sent: a resize sizes the emulated screen."""
        if isinstance(payload, bytes):
            return
        try:
            envelope: Any = json.loads(payload)
        except ValueError:
            return
        if isinstance(envelope, list) and envelope and envelope[0] == "resize":
            size = envelope[1]
            self.screen = pyte.Screen(int(size["width"]), int(size["height"]))
            self.stream = pyte.ByteStream(self.screen)
            for chunk in self.pending:
                self.stream.feed(chunk)
            self.pending.clear()

    def received(self, payload: str | bytes) -> None:
        """A frame the app sent: terminal output (bytes), or a JSON meta message (text)."""
        if not isinstance(payload, bytes):
            return
        if self.first_output is None:
            self.first_output = time.perf_counter()
        if self.stream is None:
            self.pending.append(payload)
        else:
            self.stream.feed(payload)

    @property
    def text(self) -> str:
        """What the screen shows now, line by line."""
        return "\n".join(line.rstrip() for line in self.screen.display) if self.screen is not None else ""


def screenshot_path() -> Path:
    """Where the browser screenshot kept in the repository goes."""
    return Path(__file__).resolve().parents[2] / "screenshots" / "browser.png"

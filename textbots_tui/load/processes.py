"""The processes of a load run: the simulator served on a free loopback port, and Locust's.

Nothing here imports Locust: it is started as ``python -m locust`` with our locustfile, and everything it
prints is passed on, line by line, to the caller's streams.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO

LOCUSTFILE = Path(__file__).with_name("locustfile.py")
_BANNER = re.compile(r"^textbots simulator on (?P<url>http://\S+)")
_STARTUP_S = 30.0


class ProcessError(RuntimeError):
    """A process of the run could not start or stopped unexpectedly."""


def _relay(stream: IO[str], write: Callable[[str], None]) -> threading.Thread:
    def pump() -> None:
        for line in stream:
            write(line.rstrip("\n"))

    thread = threading.Thread(target=pump, daemon=True)
    thread.start()
    return thread


class Child:
    """A child process whose output goes to ``out`` and ``err`` as it comes."""

    def __init__(
        self,
        args: Sequence[str],
        *,
        env: dict[str, str],
        out: Callable[[str], None],
        err: Callable[[str], None],
    ) -> None:
        self.process = subprocess.Popen(
            list(args),
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        assert self.process.stdout is not None and self.process.stderr is not None
        self._relays = [_relay(self.process.stdout, out), _relay(self.process.stderr, err)]

    def wait(self, timeout: float | None = None) -> int:
        """Wait for the process to end (``TimeoutExpired`` past ``timeout``), and for its last output."""
        code = self.process.wait(timeout)
        for relay in self._relays:
            relay.join(timeout=5)
        return code

    def interrupt(self) -> None:
        """Ask the process to stop as Locust likes it (SIGTERM: it still writes its reports)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)

    def stop(self, grace_s: float = 10.0) -> None:
        """Stop the process: SIGTERM, then SIGKILL after ``grace_s``."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(grace_s)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def child_environment(extra: dict[str, str]) -> dict[str, str]:
    """This process's environment, unbuffered output, and ``extra``."""
    return {**os.environ, "PYTHONUNBUFFERED": "1", **extra}


class SimulatorProcess:
    """The built-in simulator, served over loopback by its own process (``simulator --port 0``)."""

    def __init__(self, err: Callable[[str], None]) -> None:
        self.url: str | None = None
        self._ready = threading.Event()
        self._err = err
        args = [sys.executable, "-m", "textbots_tui", "simulator", "--host", "127.0.0.1", "--port", "0"]
        self.child = Child(args, env=child_environment({}), out=self._banner_line, err=err)
        if not self._ready.wait(_STARTUP_S) or self.url is None:
            self.child.stop()
            raise ProcessError("the simulator did not start (see above)")

    def _banner_line(self, line: str) -> None:
        match = _BANNER.match(line)
        if match is not None and self.url is None:
            self.url = match.group("url")
            self._ready.set()

    def stats(self) -> dict[str, object] | None:
        """What the simulator received (``GET /simulator/stats``), or ``None`` when it cannot say."""
        import httpx

        try:
            response = httpx.get(f"{self.url}/simulator/stats", timeout=10)
            response.raise_for_status()
            data: dict[str, object] = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            self._err(f"cannot read the simulator's counts: {exc}")
            return None
        return data

    def stop(self) -> None:
        """Stop the simulator."""
        self.child.stop()


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port free on ``host`` right now (for the local master to bind)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port


def locust_args(*extra: str) -> list[str]:
    """The command that starts Locust with our locustfile.

    ``--skip-log-setup`` leaves Locust's loggers without handlers: its INFO lines and console tables (we print
    our own progress and final table) go nowhere, while warnings and errors still reach standard error.
    """
    return [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--skip-log-setup", *extra]

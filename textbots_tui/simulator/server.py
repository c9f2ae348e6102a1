"""Serving the simulator over HTTP with uvicorn: in the foreground (``serve``) or in a background thread."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .app import build_app, create_app
from .settings import SimulatorSettings


def serve(settings: SimulatorSettings, host: str = "127.0.0.1", port: int = 8765) -> None:
    """Serve the simulator until interrupted; prints the base URL, the flows and bots, and any flow errors."""
    import uvicorn  # only the command that serves pays for it

    app = build_app(settings, log_problems=False)
    simulator = app.state.simulator
    lines = [f"textbots simulator on http://{host}:{port} (API and login on this base URL)"]
    lines += [
        f"  flow {flow.id}  {flow.name} ({flow.type})"
        for flow in sorted(simulator.catalog.flows.values(), key=lambda f: f.name)
    ]
    lines += [
        f"  bot  {bot.id}  {bot.name} ({bot.bot_type})"
        for bot in sorted(simulator.catalog.bots.values(), key=lambda b: b.name)
    ]
    lines += [f"  flow file problem: {error}" for error in app.state.flow_errors]
    print("\n".join(lines), flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", lifespan="off")


@contextmanager
def running_server(
    settings: SimulatorSettings | None = None, host: str = "127.0.0.1", port: int = 0
) -> Iterator[str]:
    """Run the simulator in a background thread (port 0: a free port); yields its base URL.

    The server stops, and the thread ends, when the ``with`` block exits.
    """
    with serving(create_app(settings), host, port) as base_url:
        yield base_url


@contextmanager
def serving(app: Any, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve any ASGI app with uvicorn in a background thread; yields ``http://host:port``."""
    import uvicorn

    ready = threading.Event()

    class _Server(uvicorn.Server):
        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets)
            ready.set()

    # Binding here, not in uvicorn, gives the port before the thread starts (port 0 picks a free one). The
    # explicit IPPROTO_TCP matters: asyncio sets TCP_NODELAY only on sockets that say they are TCP, and
    # without it every response waits ~40 ms for a delayed ACK.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    bound_port = sock.getsockname()[1]
    server = _Server(uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False))
    failure: list[BaseException] = []

    def run() -> None:
        try:
            server.run(sockets=[sock])
        except BaseException as exc:  # reported to the caller below
            failure.append(exc)
            ready.set()

    thread = threading.Thread(target=run, name=f"textbots-simulator-{bound_port}", daemon=True)
    thread.start()
    try:
        if not ready.wait(timeout=15) or failure:
            raise RuntimeError(f"the server did not start: {failure[0] if failure else 'timed out'}")
        yield f"http://{host}:{bound_port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()

"""Serving the simulator over HTTP with uvicorn: in the foreground (``serve``) or in a background thread.

Both bind the listening socket themselves and hand it to uvicorn: the real port is known at once (port 0
picks a free one), and the base URL printed or yielded is the one that answers.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from .app import build_app, create_app
from .lost import quiet_lost_answers
from .settings import SimulatorSettings

if TYPE_CHECKING:
    import uvicorn


class UnsafeFlowFile(Exception):
    """A flow file was refused as hostile YAML (nested too deep, aliases that explode): nothing is served.

    Other flow file problems are listed and the rest is served; a file built to exhaust the machine is not a
    typo to work around.
    """


def serve(settings: SimulatorSettings, host: str = "127.0.0.1", port: int = 8765) -> None:
    """Serve the simulator until interrupted. Once it listens, prints the base URL (with the real port, also
    for port 0), the flows and bots, and any flow file problems. Exits with status 1 (and says why) when it
    cannot listen; raises :class:`UnsafeFlowFile` before listening when a flow file was refused."""
    app = build_app(settings, log_problems=False)
    refused = [error for error in app.state.flow_errors if error.unsafe]
    if refused:
        raise UnsafeFlowFile(str(refused[0]))
    try:
        sock = listening_socket(host, port)
    except OSError as exc:
        raise SystemExit(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    banner = _banner(app, base_url(host, sock.getsockname()[1]))
    server = _server(app, on_started=lambda: print(banner, flush=True))
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn stops gracefully on the first ctrl+c, then raises it again
        pass
    finally:
        sock.close()
    if not server.started:
        raise SystemExit(1)


def _banner(app: Any, url: str) -> str:
    simulator = app.state.simulator
    lines = [f"textbots simulator on {url} (API and login on this base URL)"]
    lines += [
        f"  flow {flow.id}  {flow.name} ({flow.type})"
        for flow in sorted(simulator.catalog.flows.values(), key=lambda f: f.name)
    ]
    lines += [
        f"  bot  {bot.id}  {bot.name} ({bot.bot_type})"
        for bot in sorted(simulator.catalog.bots.values(), key=lambda b: b.name)
    ]
    lines += [f"  flow file problem: {error}" for error in app.state.flow_errors]
    return "\n".join(lines)


def base_url(host: str, port: int) -> str:
    """``http://host:port``, with an IPv6 address in brackets."""
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def listening_socket(host: str, port: int) -> socket.socket:
    """A TCP socket bound to ``host:port`` (port 0: a free one), for uvicorn to listen on.

    The explicit ``IPPROTO_TCP`` matters: asyncio sets ``TCP_NODELAY`` only on sockets that say they are
    TCP, and without it every response waits ~40 ms for a delayed ACK.
    """
    family, kind, proto, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP, flags=socket.AI_PASSIVE
    )[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError:
        sock.close()
        raise
    return sock


def _server(app: Any, on_started: Callable[[], None]) -> uvicorn.Server:
    """A uvicorn server for ``app`` that calls ``on_started`` once it listens."""
    import logging

    import uvicorn  # only the commands that serve pay for it

    quiet_lost_answers(logging.getLogger("uvicorn.error"))

    class _Server(uvicorn.Server):
        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets)
            on_started()

    return _Server(uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False))


@contextmanager
def running_server(
    settings: SimulatorSettings | None = None, host: str = "127.0.0.1", port: int = 0
) -> Iterator[str]:
    """Run the simulator in a background thread (port 0: a free port); yields its base URL.

    The server stops, and the thread ends, when the ``with`` block exits.
    """
    with serving(create_app(settings), host, port) as url:
        yield url


@contextmanager
def serving(app: Any, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve any ASGI app with uvicorn in a background thread; yields ``http://host:port``."""
    ready = threading.Event()
    sock = listening_socket(host, port)
    bound_port = sock.getsockname()[1]
    server = _server(app, on_started=ready.set)
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
        yield base_url(host, bound_port)
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()

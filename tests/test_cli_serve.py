"""``textbots-tui serve``: what it hands textual-serve, and the warning for hosts other than loopback."""

from __future__ import annotations

import shlex
import sys

import pytest
from click.testing import CliRunner, Result

from textbots_tui.cli import main
from textbots_tui.cli.serve import is_loopback


class FakeServer:
    made: list[FakeServer] = []

    def __init__(self, command: str, host: str, port: int, title: str) -> None:
        self.command, self.host, self.port, self.title = command, host, port, title
        self.served = False
        FakeServer.made.append(self)

    def serve(self) -> None:
        self.served = True


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> list[FakeServer]:
    monkeypatch.setattr("textual_serve.server.Server", FakeServer)
    FakeServer.made = []
    return FakeServer.made


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_loopback_by_default_and_app_options_passed_on(server: list[FakeServer]) -> None:
    result = invoke("serve", "--simulator", "--flow", "f-1", "--language", "en-us")
    assert result.exit_code == 0, result.output
    (made,) = server
    assert (made.host, made.port, made.served) == ("127.0.0.1", 8000, True)
    assert shlex.split(made.command) == [
        sys.executable,
        "-m",
        "textbots_tui",
        "--simulator",
        "--flow",
        "f-1",
        "--language",
        "en-us",
    ]
    assert "Warning" not in result.stderr


def test_options_before_the_command_count_too(server: list[FakeServer]) -> None:
    assert invoke("--simulator", "serve", "--port", "8123").exit_code == 0
    assert shlex.split(server[0].command)[3:] == ["--simulator"] and server[0].port == 8123


def test_any_other_host_is_warned_about(server: list[FakeServer]) -> None:
    result = invoke("serve", "--host", "0.0.0.0")
    assert result.exit_code == 0
    assert "Warning: serving on 0.0.0.0" in result.stderr and "credentials included" in result.stderr
    assert server[0].host == "0.0.0.0"


def test_a_bad_target_stops_before_serving(server: list[FakeServer]) -> None:
    result = invoke("serve", "--region", "nowhere-1")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert server == []


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("192.168.1.4", False),
        ("example.org", False),
    ],
)
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_help_lists_the_server_and_app_options() -> None:
    text = invoke("serve", "--help").output
    for option in ("--host", "--port", "--simulator", "--flow", "--profile"):
        assert option in text

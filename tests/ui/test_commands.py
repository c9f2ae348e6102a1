"""Slash command parsing."""

from __future__ import annotations

import pytest

from textbots_tui.ui.commands import (
    DEFAULT_ERROR_CODE,
    DEFAULT_ERROR_MESSAGE,
    CommandError,
    SlashCommand,
    is_command,
    parse_command,
    unescape,
)


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("/noinput", "NoInput"),
        ("/NoMatch", "NoMatch"),
        ("  /disconnect  ", "UserDisconnect"),
        ("/expire", "ClientSessionExpired"),
    ],
)
def test_event_commands_map_to_turn_events(text: str, event_type: str) -> None:
    assert parse_command(text).event_type == event_type


def test_error_command_takes_code_and_message() -> None:
    command = parse_command('/error flow.bad "it broke badly"')
    assert command == SlashCommand("error", code="flow.bad", message="it broke badly")
    assert command.event_type == "Error"


def test_error_command_message_may_be_unquoted_words() -> None:
    assert parse_command("/error E42 the thing failed").message == "the thing failed"


def test_error_command_defaults() -> None:
    assert parse_command("/error") == SlashCommand(
        "error", code=DEFAULT_ERROR_CODE, message=DEFAULT_ERROR_MESSAGE
    )


def test_unbalanced_quote_is_a_clear_error() -> None:
    with pytest.raises(CommandError, match="/error"):
        parse_command('/error code "oops')


@pytest.mark.parametrize("name", ["restart", "vars", "help"])
def test_local_commands_have_no_event(name: str) -> None:
    command = parse_command(f"/{name}")
    assert command.name == name
    assert command.event_type is None


def test_unknown_command_names_it_and_lists_the_known_ones() -> None:
    with pytest.raises(CommandError) as caught:
        parse_command("/frobnicate now")
    assert "/frobnicate" in str(caught.value)
    assert "/noinput" in str(caught.value)


def test_arguments_to_a_command_that_takes_none_are_refused() -> None:
    with pytest.raises(CommandError, match="no arguments"):
        parse_command("/noinput please")


def test_double_slash_escapes_a_leading_slash() -> None:
    assert not is_command("//etc/hosts")
    assert unescape("//etc/hosts") == "/etc/hosts"
    assert is_command("/help")
    assert not is_command("hello /help")
    assert unescape("plain") == "plain"

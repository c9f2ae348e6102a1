"""The dialogs' parsing and validation rules, without a screen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from textbots_tui.core.params import BotParams, FlowLaunchParams
from textbots_tui.ui.forms.bot_form import BotForm, bot_form_from_params, bot_params_from_form
from textbots_tui.ui.forms.flow_form import (
    FlowForm,
    flow_form_from_params,
    flow_params_from_form,
)
from textbots_tui.ui.forms.values import (
    FormError,
    FormErrors,
    format_string_map,
    format_variables,
    parse_language,
    parse_positive_int,
    parse_string_map,
    parse_variables,
)
from textbots_tui.ui.recent import RecentValues

# -- variables -------------------------------------------------------------------------------------------


def test_rows_parse_json_values_and_fall_back_to_strings() -> None:
    text = """
    # customer details
    Flow.Name = Alex Smith
    Flow.Count = 3
    Flow.Ratio=0.5
    Flow.Vip = true
    Flow.Zip = "01234"
    Flow.Tags = ["a", "b"]
    Flow.Empty =
    Flow.Expr = a = b
    Flow.NotNumber = NaN
    """
    assert parse_variables(text) == {
        "Flow.Name": "Alex Smith",
        "Flow.Count": 3,
        "Flow.Ratio": 0.5,
        "Flow.Vip": True,
        "Flow.Zip": "01234",
        "Flow.Tags": ["a", "b"],
        "Flow.Empty": "",
        "Flow.Expr": "a = b",
        # json would accept NaN; no server does, so it stays text
        "Flow.NotNumber": "NaN",
    }


def test_json_object_is_accepted() -> None:
    assert parse_variables('  {"Flow.A": 1,\n "Flow.B": "x"}') == {"Flow.A": 1, "Flow.B": "x"}


def test_blank_text_gives_no_variables() -> None:
    assert parse_variables("  \n\t\n") == {}


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("Flow.A = 1\nFlow.B", 2, "Line 2: expected 'name = value'"),
        ("Flow.A = 1\n\n = 3", 3, "Line 3: the name before '=' is missing"),
        ("Flow A = 1", 1, "contains spaces"),
        ("Flow.A = 1\nFlow.B = 2\nFlow.A = 3", 3, "'Flow.A' is already set on line 1"),
    ],
)
def test_bad_rows_name_the_line(text: str, line: int, fragment: str) -> None:
    with pytest.raises(FormError) as caught:
        parse_variables(text)
    assert fragment in caught.value.message
    assert caught.value.line == line


def test_bad_json_names_line_and_column() -> None:
    with pytest.raises(FormError) as caught:
        parse_variables('{\n  "Flow.A": 1\n  "Flow.B": 2\n}')
    assert caught.value.message.startswith("Invalid JSON at line 3, column 3:")
    assert "delimiter" in caught.value.message
    assert (caught.value.line, caught.value.column) == (3, 3)


@pytest.mark.parametrize("text", ["[1, 2]", '{"": 1}', '{"a": NaN}'])
def test_json_that_is_not_an_object_of_named_values_is_refused(text: str) -> None:
    with pytest.raises(FormError):
        parse_variables(text)


@pytest.mark.parametrize(
    "values",
    [
        {},
        {"Flow.Name": "Alex", "Flow.Count": 3, "Flow.Vip": False, "Flow.None": None},
        {"Flow.Zip": "01234", "Flow.Word": "true", "Flow.Quoted": '"hi"', "Flow.Half": '"hi'},
        {"Flow.Pad": "  padded ", "Flow.Multi": "a\nb", "Flow.Empty": "", "Flow.Eq": "x = y"},
        {"Flow.List": [1, {"a": "b"}], "Flow.Obj": {"k": [True]}},
        {"has space": 1, "Flow.B": "x"},
        {"#comment": "x"},
        {"{brace": "x"},
    ],
)
def test_format_variables_round_trips(values: dict[str, object]) -> None:
    assert parse_variables(format_variables(values)) == values


def test_format_variables_writes_rows_when_it_can() -> None:
    assert (
        format_variables({"Flow.Name": "Alex", "Flow.Zip": "01234"}) == 'Flow.Name = Alex\nFlow.Zip = "01234"'
    )


# -- string maps -----------------------------------------------------------------------------------------


def test_string_map_keeps_values_as_typed() -> None:
    assert parse_string_map('a = 3\nb = true\nc = " padded "\nd = "x') == {
        "a": "3",
        "b": "true",
        "c": " padded ",
        "d": '"x',
    }


def test_string_map_from_json_requires_strings() -> None:
    assert parse_string_map('{"a": "1"}') == {"a": "1"}
    with pytest.raises(FormError, match="'a' must be a string"):
        parse_string_map('{"a": 1}')


@pytest.mark.parametrize(
    "values", [{"a": "3", "b": "", "c": " x ", "d": '"q"', "e": '"q', "f": "a\nb"}, {"sp ace": "1"}]
)
def test_format_string_map_round_trips(values: dict[str, str]) -> None:
    assert parse_string_map(format_string_map(values)) == values


# -- single fields ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "en", "en-us", " es ", "zh-Hant-TW"])
def test_good_languages(text: str) -> None:
    assert parse_language(text) == text.strip()


@pytest.mark.parametrize("text", ["en us", "en_US", "e", "english!"])
def test_bad_languages(text: str) -> None:
    with pytest.raises(FormError, match="not a language code"):
        parse_language(text)


def test_positive_int() -> None:
    assert parse_positive_int(" 15 ", "timeout") == 15
    assert parse_positive_int("", "timeout") is None
    with pytest.raises(FormError, match="whole number"):
        parse_positive_int("1.5", "timeout")
    with pytest.raises(FormError, match="greater than 0"):
        parse_positive_int("0", "timeout")


# -- whole forms -----------------------------------------------------------------------------------------


def test_flow_form_gives_params() -> None:
    form = FlowForm(
        flow_id=" f-1 ",
        language="en-us",
        channel_name="Chat",
        user_agent="Slack",
        variables="Flow.A = 1",
        external_session_id=" ext ",
        conversation_id="",
        choice_mode="rich_media",
        flow_name="Orders",
    )
    assert flow_params_from_form(form) == FlowLaunchParams(
        flow_id="f-1",
        language="en-us",
        channel_name="Chat",
        user_agent="Slack",
        input_variables={"Flow.A": 1},
        external_session_id="ext",
        conversation_id=None,
        choice_mode="rich_media",
        flow_name="Orders",
    )


def test_flow_form_reports_every_bad_field() -> None:
    form = FlowForm(
        flow_id="  ",
        language="en us",
        channel_name="Fax",
        user_agent="Pager",
        variables="oops",
        conversation_id="a b",
        choice_mode="telepathy",
    )
    with pytest.raises(FormErrors) as caught:
        flow_params_from_form(form)
    errors = caught.value.errors
    assert set(errors) == {
        "flow_id",
        "language",
        "channel_name",
        "user_agent",
        "variables",
        "conversation_id",
        "choice_mode",
    }
    assert errors["flow_id"] == "Enter a flow id or name, or pick one from the list"
    assert errors["channel_name"] == "Unknown channel 'Fax': pick one of the list"
    assert errors["variables"].startswith("Line 1:")


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        (FlowForm(), "flow_id", "Enter a flow id or name, or pick one from the list"),
        (
            FlowForm(flow_id="f4", variables="Flow.A = 1\nFlow.B"),
            "variables",
            "Line 2: expected 'name = value', got 'Flow.B'",
        ),
        (
            FlowForm(flow_id="f3", variables='{"Flow.A": 1,\n "Flow.B" 2}'),
            "variables",
            "Invalid JSON at line 2, column 11: Expecting ':' delimiter",
        ),
        (
            FlowForm(flow_id="fa", user_agent="Pager"),
            "user_agent",
            "Unknown user agent 'Pager': pick one of the list",
        ),
    ],
)
def test_each_flow_field_says_what_is_wrong(form: FlowForm, field: str, message: str) -> None:
    # What the launch dialog shows under a field, checked without opening it.
    with pytest.raises(FormErrors) as caught:
        flow_params_from_form(form)
    assert caught.value.errors == {field: message}


def test_flow_params_round_trip_through_the_form() -> None:
    params = FlowLaunchParams(
        flow_id="f-9",
        language="es",
        input_variables={"Flow.N": 2, "Flow.S": "007"},
        conversation_id="c-1",
        flow_name="Nine",
    )
    assert flow_params_from_form(flow_form_from_params(params)) == params


def test_bot_form_builds_provider_sections_with_wire_keys() -> None:
    form = BotForm(
        bot_id="b-1",
        integration_id="i-1",
        bot_alias=" prod ",
        bot_channels=("Webchat", "Messaging"),
        messaging_platform_type="Whatsapp",
        session_timeout_minutes="30",
        lex_session_attributes="tier = gold",
        dialogflow_environment="draft",
        dialogflow_webhook_query_parameters="a = 1",
        nuance_channel_id="web",
        nuance_input_parameters="n = 3",
    )
    params = bot_params_from_form(form)
    assert params.bot_alias == "prod"
    assert params.bot_channels == ("Messaging", "Webchat")
    assert params.session_timeout_minutes == 30
    assert params.amazon_lex == {"sessionAttributes": {"tier": "gold"}}
    assert params.google_dialogflow == {"environment": "draft", "webhookQueryParameters": {"a": "1"}}
    assert params.genesys_bot_connector is None
    assert params.nuance_mix_dlg == {"channelId": "web", "inputParameters": {"n": 3}}
    assert params.language is None
    assert params.messaging_platform_type == "Whatsapp"


def test_bot_form_requires_ids_and_checks_fields() -> None:
    form = BotForm(
        bot_id="b-1",
        bot_channels=("Fax",),
        messaging_platform_type="Pager",
        session_timeout_minutes="-5",
        connector_query_parameters="broken",
    )
    with pytest.raises(FormErrors) as caught:
        bot_params_from_form(form)
    errors = caught.value.errors
    assert set(errors) == {
        "integration_id",
        "bot_channels",
        "messaging_platform_type",
        "session_timeout_minutes",
        "connector_query_parameters",
    }
    assert errors["integration_id"] == "Enter the integration id"


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        (BotForm(bot_id="b1"), "integration_id", "Enter the integration id"),
        (BotForm(integration_id="i1"), "bot_id", "Enter a bot id or name, or pick one from the list"),
        (
            BotForm(bot_id="b1", integration_id="i1", session_timeout_minutes="0"),
            "session_timeout_minutes",
            "The session timeout must be greater than 0",
        ),
        (
            BotForm(bot_id="b1", integration_id="i1", connector_query_parameters="a = 1\nbroken"),
            "connector_query_parameters",
            "Line 2: expected 'name = value', got 'broken'",
        ),
    ],
)
def test_each_bot_field_says_what_is_wrong(form: BotForm, field: str, message: str) -> None:
    with pytest.raises(FormErrors) as caught:
        bot_params_from_form(form)
    assert caught.value.errors == {field: message}


def test_bot_params_round_trip_through_the_form_keeping_unknown_settings() -> None:
    params = BotParams(
        bot_id="b-1",
        integration_id="i-1",
        bot_alias="v2",
        language="en-US",
        bot_channels=("Call", "Messaging"),
        messaging_platform_type="Open",
        session_timeout_minutes=20,
        amazon_lex={"requestAttributes": {"a": "1"}, "sessionAttributes": {"b": " 2"}},
        google_dialogflow={"eventName": "WELCOME", "eventInputParameters": {"x": "y"}, "future": 1},
        genesys_bot_connector={"queryParameters": {"q": "v"}},
        nuance_mix_dlg={"channelId": "c", "inputParameters": {"n": [1, 2]}},
        bot_name="Lexy",
        choice_mode="rich_media",
    )
    form = bot_form_from_params(params)
    assert form.extra == {"google_dialogflow": {"future": 1}}
    assert bot_params_from_form(form) == params


# -- remembered values (ui/recent.py) --------------------------------------------------------------------


def test_recent_values_survive_a_restart_most_recent_first(tmp_path: Path) -> None:
    path = tmp_path / "data" / "recent.json"
    recent = RecentValues(path)
    assert recent.last_flow() is None
    recent.remember_flow(FlowLaunchParams("f-1", input_variables={"Flow.A": [1]}))
    recent.remember_flow(FlowLaunchParams("f-2", language="es", choice_mode="rich_media"))
    recent.remember_flow(FlowLaunchParams("f-1", language="fr"))
    recent.remember_bot(BotParams("b-1", "i-1", bot_channels=("Call",), amazon_lex={"sessionAttributes": {}}))

    reopened = RecentValues(path)
    assert reopened.last_flow() == FlowLaunchParams("f-1", language="fr")
    assert reopened.for_flow("f-2") == FlowLaunchParams("f-2", language="es", choice_mode="rich_media")
    assert reopened.for_flow("f-3") is None
    assert reopened.last_bot() == BotParams(
        "b-1", "i-1", bot_channels=("Call",), amazon_lex={"sessionAttributes": {}}
    )
    assert reopened.for_bot("b-1") == reopened.last_bot()
    (section,) = json.loads(path.read_text())["targets"]
    assert [entry["flow_id"] for entry in section["flows"]] == ["f-1", "f-2"]


def test_recent_values_skip_bad_entries_and_survive_a_corrupt_file(tmp_path: Path) -> None:
    path = tmp_path / "recent.json"
    flows = [{"flow_id": "ok", "future_field": 1}, {"flow_id": "bad", "choice_mode": "telepathy"}, "nonsense"]
    section = {"target": None, "flows": flows, "bots": {"not": "a list"}}
    path.write_text(json.dumps({"version": 2, "targets": [section, "nonsense"]}))
    recent = RecentValues(path)
    assert recent.last_flow() == FlowLaunchParams("ok")
    assert recent.for_flow("bad") is None
    assert recent.last_bot() is None

    path.write_text("{ half a file")
    assert RecentValues(path).last_flow() is None


def test_recent_values_in_memory_and_unwritable_paths_still_remember(tmp_path: Path) -> None:
    memory = RecentValues(None)
    memory.remember_bot(BotParams("b", "i"))
    assert memory.for_bot("b") == BotParams("b", "i")

    blocker = tmp_path / "file"
    blocker.write_text("")
    unwritable = RecentValues(blocker / "recent.json")  # its parent is a file: saving fails
    unwritable.remember_flow(FlowLaunchParams("f"))
    assert unwritable.last_flow() == FlowLaunchParams("f")


def test_the_dialogs_offer_exactly_the_api_enum_values() -> None:
    # The dialogs keep their own lists (opening one must not load the API models): tie them to the spec.
    from textbots_tui.api.enums import BotChannel, ChannelName, UserAgentName
    from textbots_tui.ui.forms.bot_form import BOT_CHANNELS
    from textbots_tui.ui.forms.flow_form import CHANNEL_NAMES, USER_AGENTS

    assert set(CHANNEL_NAMES) == {member.value for member in ChannelName}
    assert list(USER_AGENTS) == [member.value for member in UserAgentName]
    assert list(BOT_CHANNELS) == [member.value for member in BotChannel]

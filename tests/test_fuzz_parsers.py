"""Property-based fuzz of the three parsers that take outside input: API responses (the api models and
core/parse), scripts, and config files. Whatever they are fed ends in a value or a typed, one-line error,
never another exception. Derandomized: the same examples every run, so a failure is reproducible."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from textbots_tui.api._outcomes import parse_response
from textbots_tui.api.errors import InvalidResponseError
from textbots_tui.api.models import TextBotFlowLaunchResponse, TextBotFlowTurnResponse
from textbots_tui.api.models.execute import PostTextResponse
from textbots_tui.api.models.listings import BotSearchResponseEntityListing, FlowEntityListing
from textbots_tui.api.response_errors import error_from_response
from textbots_tui.core import parse
from textbots_tui.core.choices import choices_in, links_in
from textbots_tui.core.script import ScriptError, parse_script
from textbots_tui.settings import ConfigError, read_settings
from textbots_tui.settings.checked import load_settings

FUZZ = settings(
    max_examples=80, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)

# Keys and values of the textbots API, so generated JSON reaches past the first validation.
API_KEYS = [
    "id",
    "nextActionType",
    "nextActionWaitForInput",
    "nextActionExit",
    "nextActionDisconnect",
    "prompts",
    "textPrompts",
    "segments",
    "text",
    "type",
    "content",
    "contentType",
    "quickReply",
    "buttonResponse",
    "card",
    "carousel",
    "cards",
    "actions",
    "title",
    "description",
    "url",
    "payload",
    "datePicker",
    "availableTimes",
    "dateTime",
    "duration",
    "listPicker",
    "sections",
    "items",
    "reason",
    "flowLocation",
    "outputData",
    "variables",
    "flowOutcomes",
    "outcomeId",
    "milestones",
    "botState",
    "replyMessages",
    "entities",
    "name",
    "botType",
    "publishedVersion",
    "pageSize",
    "total",
    "outputLanguage",
    "attachment",
    "location",
    "latitude",
    "longitude",
    "modeConstraints",
    "noInputTimeoutMilliseconds",
    "languagePreferences",
]
API_VALUES = [
    "WaitForInput", "NoOp", "Exit", "Disconnect", "Text", "RichMedia", "QuickReply", "Card", "Carousel",
    "DatePicker", "ListPicker", "Attachment", "Location", "Button", "Link", "Postback",
]  # fmt: skip

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.sampled_from(API_VALUES)
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(API_KEYS) | st.text(max_size=8), inner, max_size=6)
    ),
    max_leaves=25,
)
MODELS = [
    TextBotFlowTurnResponse,
    TextBotFlowLaunchResponse,
    PostTextResponse,
    FlowEntityListing,
    BotSearchResponseEntityListing,
]


def one_line(error: BaseException) -> None:
    text = str(error)
    assert text and "\n" not in text, repr(text)


def use(model: Any) -> None:
    """What the engine does with a parsed response: items, choices, links, endings, targets."""
    if isinstance(model, TextBotFlowTurnResponse):
        items = parse.items_from_segments(model.segments)
        choices_in(items)
        links_in(items)
        if str(model.next_action_type) in ("Exit", "Disconnect"):
            parse.session_ended("s", model)
    elif isinstance(model, PostTextResponse):
        items = parse.items_from_messages(model.reply_messages or [])
        choices_in(items)
    elif isinstance(model, FlowEntityListing):
        [parse.flow_target(flow) for flow in model.entities if flow.id]
    elif isinstance(model, BotSearchResponseEntityListing):
        [parse.bot_target(bot) for bot in model.entities]


@FUZZ
@given(model=st.sampled_from(MODELS), body=json_values | st.binary(max_size=60))
def test_an_api_response_is_a_model_or_one_typed_error(model: Any, body: Any) -> None:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    request = httpx.Request("POST", "https://api.example/x")
    response = httpx.Response(200, content=content, request=request)
    try:
        parsed = parse_response(response, model, "POST", "/x")
    except InvalidResponseError as exc:
        one_line(exc)
        return
    use(parsed)


@FUZZ
@given(status=st.integers(min_value=300, max_value=599), body=json_values | st.binary(max_size=60))
def test_an_error_response_is_always_a_typed_error(status: int, body: Any) -> None:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    error = error_from_response(httpx.Response(status, content=content, headers={"retry-after": "x"}))
    assert error.status == status and isinstance(error.message, str)


script_text = st.text(max_size=200) | st.builds(
    lambda steps, name: json.dumps({"name": name, "target": {"flow": {"id": "f"}}, "steps": steps}),
    st.lists(
        st.dictionaries(
            st.sampled_from(["say", "choose", "expect", "event", "text", "choices", "nextAction", "exit"]),
            json_values,
            max_size=3,
        ),
        max_size=4,
    ),
    st.text(max_size=10),
)


@FUZZ
@given(text=script_text)
def test_a_script_is_scenarios_or_one_line_problems(text: str) -> None:
    try:
        parse_script(text, "fuzz.yaml")
    except ScriptError as exc:
        assert exc.problems
        for problem in exc.problems:
            one_line(problem)  # type: ignore[arg-type]


toml_values = st.sampled_from(['"x"', "1", "true", "[1, 2]", '{a = "b"}', '"[/]x"', "1.5", '"http://[::1"'])
config_text = st.text(max_size=120) | st.builds(
    lambda pairs: "\n".join(f"{key} = {value}" for key, value in pairs),
    st.lists(
        st.tuples(
            st.sampled_from(
                [
                    "theme",
                    "default_profile",
                    "gc_profile",
                    "auto_noinput",
                    "keys",
                    "profiles",
                    "x",
                    "profiles.p.region",
                    "profiles.p.api_url",
                    "profiles.p.client_id",
                    "profiles.p.client_secret",
                ]
            ),
            toml_values,
        ),
        max_size=5,
    ),
)


@FUZZ
@given(text=config_text, bom=st.booleans())
def test_a_config_file_is_settings_or_one_config_error(text: str, bom: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "config.toml")
        path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8", "surrogatepass"))
        os.environ["TEXTBOTS_TUI_CONFIG"] = str(path)
        for read in (read_settings, load_settings):
            try:
                read()
            except ConfigError as exc:
                one_line(exc)


def test_a_control_character_in_a_script_is_a_one_line_problem() -> None:
    # Found by the fuzz above: YAML's reader refused it with an exception of its own.
    try:
        parse_script("name: x\n\x1f", "fuzz.yaml")
    except ScriptError as exc:
        [problem] = exc.problems
        assert str(problem) == (
            "fuzz.yaml:2: invalid YAML: character U+001F is not allowed (control characters are not allowed)"
        )
        one_line(problem)  # type: ignore[arg-type]
    else:
        raise AssertionError("accepted")

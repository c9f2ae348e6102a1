"""The scripted-conversation format: loading, defaults, and errors that name file, line and problem."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from textbots_tui.core.params import BotParams, FlowLaunchParams
from textbots_tui.core.script import ScriptError, load_scripts, parse_script

ORDER = "5f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f"


def problems_of(text: str, file: str = "order.yaml") -> list[str]:
    with pytest.raises(ScriptError) as caught:
        parse_script(textwrap.dedent(text), file)
    return [str(p) for p in caught.value.problems]


def test_a_single_mapping_with_defaults() -> None:
    [loaded] = parse_script(
        textwrap.dedent(f"""\
        name: Order status, happy path
        target:
          flow: {{id: {ORDER}, language: en-us}}
          inputData: {{Flow.CustomerName: Alex}}
        steps:
          - expect: {{text: {{contains: Welcome}}, choices: [Track an order, Talk to an agent]}}
          - choose: Track an order
          - say: "12345"
          - event: NoInput
          - expect: {{exit: {{reason: TriggeredByFlow, outputData: {{Flow.OrderStatus: Shipped}}}}}}
        """),
        "order.yaml",
    )
    assert loaded.name == "Order status, happy path"
    assert (loaded.file, loaded.line, loaded.index) == ("order.yaml", 1, 0)
    assert loaded.step_lines == (6, 7, 8, 9, 10)
    assert loaded.step_location(2) == "order.yaml:8"
    assert [s.kind for s in loaded.scenario.steps] == ["expect", "choose", "say", "event", "expect"]
    params = loaded.scenario.launch_params()
    assert params == FlowLaunchParams(
        flow_id=ORDER,
        language="en-us",
        channel_name="Messaging",
        user_agent="GenesysWebWidget",
        input_variables={"Flow.CustomerName": "Alex"},
        flow_name="Order status, happy path",
    )
    exit_ = loaded.scenario.steps[4].expect.exit  # type: ignore[union-attr]
    assert exit_ is not None and exit_.output_data == {"Flow.OrderStatus": "Shipped"}


def test_a_bot_target_and_choice_mode() -> None:
    [loaded] = parse_script(
        textwrap.dedent("""\
        name: Store hours
        choiceMode: rich_media
        target: {bot: {id: b0751c55, integrationId: any, alias: prod, language: en-US}}
        steps:
          - say: What are your opening hours?
          - expect: {intent: CheckStoreHours, botState: MoreData, slots: {city: Leeds}}
        """)
    )
    assert loaded.scenario.launch_params() == BotParams(
        bot_id="b0751c55",
        integration_id="any",
        bot_alias="prod",
        language="en-US",
        bot_name="Store hours",
        choice_mode="rich_media",
    )


def test_a_list_and_several_documents_give_every_scenario_in_order() -> None:
    text = textwrap.dedent(f"""\
        - name: one
          target: {{flow: {{id: {ORDER}}}}}
          steps: [{{say: hi}}]
        - name: two
          target: {{flow: {{id: {ORDER}}}}}
          steps: [{{say: hi}}]
        ---
        name: three
        target: {{flow: {{id: {ORDER}}}}}
        steps: [{{say: hi}}]
        """)
    loaded = parse_script(text, "many.yaml")
    assert [(s.name, s.index, s.line) for s in loaded] == [("one", 0, 1), ("two", 1, 4), ("three", 2, 8)]


def test_yaml_surprises_are_switched_off() -> None:
    [loaded] = parse_script(
        textwrap.dedent(f"""\
        name: plain text stays text
        target: {{flow: {{id: {ORDER}}}}}
        steps:
          - say: yes
          - say: 12345
          - say: 2025-06-01
          - choose: off
          - expect: {{text: 42}}
        """)
    )
    steps = loaded.scenario.steps
    assert [steps[i].say for i in range(3)] == ["yes", "12345", "2025-06-01"]
    assert steps[3].choose == "off"
    assert steps[4].expect is not None and steps[4].expect.text is not None
    assert steps[4].expect.text[0].equals == "42"


def test_an_error_event_carries_code_and_message() -> None:
    [loaded] = parse_script(
        textwrap.dedent(f"""\
        name: error event
        target: {{flow: {{id: {ORDER}}}}}
        steps:
          - event: {{type: Error, code: payment.declined, message: Card declined}}
        """)
    )
    event = loaded.scenario.steps[0].event
    assert event is not None and (event.type, event.code, event.message) == (
        "Error",
        "payment.declined",
        "Card declined",
    )


def test_a_wrong_enum_names_file_line_path_and_the_allowed_values() -> None:
    assert problems_of(f"""\
        name: Order status
        target:
          flow: {{id: {ORDER}}}
        steps:
          - say: hi
          - say: "12345"
          - expect: {{nextAction: Wait}}
        """) == ["order.yaml:7: steps[2].expect.nextAction: must be one of WaitForInput, Exit, Disconnect"]


def test_bad_yaml_syntax_reports_the_line() -> None:
    [problem] = problems_of(f"""\
        name: broken
        target:
          flow: {{id: {ORDER}
        steps:
          - say: hi
        """)
    assert problem.startswith("order.yaml:4: invalid YAML: ")
    assert "line 3" in problem


def test_an_unknown_key_is_an_error_at_its_line_with_a_suggestion() -> None:
    assert problems_of(f"""\
        name: typo
        target: {{flow: {{id: {ORDER}}}}}
        steps:
          - say: hi
          - expect:
              text: Hello
              nextaction: WaitForInput
        colour: red
        """) == [
        "order.yaml:7: steps[1].expect.nextaction: unknown key (did you mean 'nextAction'?)",
        "order.yaml:8: colour: unknown key",
    ]


def test_missing_target_and_both_flow_and_bot() -> None:
    assert problems_of("""\
        name: nowhere
        steps: [{say: hi}]
        ---
        name: two places
        target:
          flow: {id: f}
          bot: {id: b, integrationId: i}
        steps: [{say: hi}]
        """) == [
        "order.yaml:1: target: required key missing",
        "order.yaml:5: target: give either flow or bot (exactly one)",
    ]


@pytest.mark.parametrize(
    ("step", "message"),
    [
        ("{say: hi, choose: x}", "steps[0]: a step needs exactly one of say, choose, event, expect"),
        ("{shout: hi}", "steps[0].shout: unknown key"),
        ("{say: }", "steps[0]: say needs a value"),
        (
            "{event: Bogus}",
            "steps[0].event: must be one of NoInput, NoMatch, Error, UserDisconnect, ClientSessionExpired",
        ),
        ("{event: {type: NoInput, code: x}}", "steps[0].event: code and message only go with an Error event"),
        ("{expect: {}}", "steps[0].expect: expect needs at least one check"),
        ("{expect: {text: {regex: '(open'}}}", "steps[0].expect.text.regex: invalid regular expression"),
        ("{expect: {text: {contains: a, regex: b}}}", "steps[0].expect.text: give exactly one of"),
        ("{expect: {text: {not: {not: a}}}}", "steps[0].expect.text: not cannot hold another not"),
        (
            "{expect: {exit: {reason: Whatever}}}",
            "steps[0].expect.exit.reason: must be one of TriggeredByUser",
        ),
        ("{expect: {exit: {}, disconnect: {}}}", "steps[0].expect: expect either exit or disconnect"),
        ("{expect: {nextAction: WaitForInput, exit: {}}}", "nextAction WaitForInput contradicts exit"),
        ("{expect: {exit: {flowLocation: {actionNumber: two}}}}", "actionNumber: must be a whole number"),
        ("{expect: {botState: Done}}", "steps[0].expect.botState: must be one of MoreData, Complete, Failed"),
        ("{expect: {choices: Track}}", "steps[0].expect.choices: must be a list"),
    ],
)
def test_step_problems(step: str, message: str) -> None:
    [problem] = problems_of(f"name: s\ntarget: {{flow: {{id: {ORDER}}}}}\nsteps:\n  - {step}\n")
    assert problem.startswith("order.yaml:4: ")
    assert message in problem


def test_other_document_problems() -> None:
    assert problems_of(f"""\
        - just a string
        - name: empty steps
          target: {{flow: {{id: {ORDER}}}}}
          steps: []
        - name: dup
          target: {{flow: {{id: {ORDER}}}}}
          steps: [{{say: hi}}]
          steps: [{{say: again}}]
        - name: dup
          target: {{flow: {{id: {ORDER}, language: 12}}}}
          steps: [{{say: hi}}]
        - name: modes
          target: {{flow: {{id: {ORDER}}}}}
          choiceMode: buttons
          steps: [{{say: hi}}]
        """) == [
        "order.yaml:1: a scenario must be a mapping",
        "order.yaml:4: steps: must not be empty",
        "order.yaml:8: duplicate key 'steps'",
        "order.yaml:9: name: 'dup' is already used at line 5",
        "order.yaml:14: choiceMode: must be one of payload, rich_media",
    ]


def test_an_empty_file_has_no_scenarios() -> None:
    assert problems_of("# nothing here\n") == ["order.yaml: no scenarios in this file"]


def test_load_scripts_reports_every_file_and_unreadable_ones(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(f"name: ok\ntarget: {{flow: {{id: {ORDER}}}}}\nsteps: [{{say: hi}}]\n")
    bad = tmp_path / "bad.yaml"
    bad.write_text(f"name: bad\ntarget: {{flow: {{id: {ORDER}}}}}\nsteps: [{{sya: hi}}]\n")
    missing = tmp_path / "missing.yaml"
    assert [s.name for s in load_scripts([good, good])] == ["ok", "ok"]
    with pytest.raises(ScriptError) as caught:
        load_scripts([good, bad, missing])
    assert [str(p) for p in caught.value.problems] == [
        f"{bad}:3: steps[0].sya: unknown key (did you mean 'say'?)",
        f"{missing}: cannot read: No such file or directory",
    ]
    assert str(caught.value).count("\n") == 1


def test_a_scenario_weight_defaults_to_one_and_must_be_positive() -> None:
    text = f"""\
    name: Weighted
    weight: {{weight}}
    target: {{{{flow: {{{{id: {ORDER}}}}}}}}}
    steps: [{{{{say: hi}}}}]
    """
    [loaded] = parse_script(textwrap.dedent(text.format(weight=3)), "w.yaml")
    assert loaded.scenario.weight == 3
    plain_text = f"name: Plain\ntarget: {{flow: {{id: {ORDER}}}}}\nsteps: [{{say: hi}}]\n"
    [plain] = parse_script(plain_text, "p.yaml")
    assert plain.scenario.weight == 1
    [problem] = problems_of(text.format(weight=0))
    assert problem.startswith("order.yaml:2") and "weight" in problem

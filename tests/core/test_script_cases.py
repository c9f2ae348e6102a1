"""Data-driven scenarios: ``cases`` fill ``{{name}}``; each case runs and is reported as its own scenario,
in JUnit too; bad cases and placeholders are one-line errors with file and line."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from pathlib import Path

import httpx
import pytest

from textbots_tui.api.client import TextbotsClient
from textbots_tui.core.runner import run_scripts
from textbots_tui.core.script import ScriptError, parse_script
from textbots_tui.simulator import SimulatorSettings, create_app, running_server

ORDER = "5f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f"

SCRIPT = f"""\
name: Order lookup
cases:
  - {{number: "12345", status: Shipped, name: shipped}}
  - {{number: 67890, status: Processing}}
  - {{number: "24680", status: Lost}}
target:
  flow: {{id: {ORDER}}}
  inputData: {{Flow.CustomerName: "Customer {{{{number}}}}"}}
steps:
  - choose: Track an order
  - say: "{{{{number}}}}"
  - expect: {{text: {{like: "Order {{{{number}}}} is {{any}}."}}}}
  - choose: "No"
  - expect:
      exit: {{outputData: {{Flow.OrderNumber: "{{{{number}}}}", Flow.OrderStatus: "{{{{status}}}}"}}}}
"""


def test_each_case_is_its_own_scenario_with_its_values_filled_in() -> None:
    loaded = parse_script(SCRIPT, "cases.yaml")
    names = [s.name for s in loaded]
    assert names == ["Order lookup [shipped]", "Order lookup [case 2]", "Order lookup [case 3]"]
    second = loaded[1].scenario
    assert second.steps[1].say == "67890"  # a whole "{{number}}" keeps the case's value (as text here)
    assert second.target.input_data == {"Flow.CustomerName": "Customer 67890"}
    assert second.steps[2].expect is not None and second.steps[2].expect.text is not None
    assert second.steps[2].expect.text[0].like == "Order 67890 is {any}."
    assert [s.case.number if s.case else None for s in loaded] == [1, 2, 3]
    assert loaded[0].step_lines == loaded[2].step_lines  # failures point at the lines as written


def client_factory() -> TextbotsClient:
    transport = httpx.ASGITransport(app=create_app(SimulatorSettings()))
    return TextbotsClient(api_url="http://sim", client_id="a", client_secret="b", transport=transport)


@pytest.mark.parametrize("over_http", [False, True])
async def test_cases_run_and_report_apart_in_junit(tmp_path: Path, over_http: bool) -> None:
    script = tmp_path / "cases.yaml"
    script.write_text(SCRIPT, encoding="utf-8")
    junit = tmp_path / "junit.xml"
    out = io.StringIO()
    if over_http:
        with running_server(SimulatorSettings()) as url:
            code = await run_scripts(
                [script],
                client_factory=lambda: TextbotsClient(api_url=url, client_id="a", client_secret="b"),
                junit=junit,
                out=out,
            )
    else:
        code = await run_scripts([script], client_factory=client_factory, junit=junit, out=out)
    printed = out.getvalue()
    assert code == 1
    assert "PASS Order lookup [shipped]" in printed and "PASS Order lookup [case 2]" in printed
    assert "FAIL Order lookup [case 3]" in printed and "cases.yaml:14" in printed  # "Lost": it is Delivered
    assert printed.rstrip().endswith("2 passed, 1 failed")
    cases = ET.parse(junit).getroot().findall(".//testcase")
    assert [c.get("name") for c in cases] == [
        "Order lookup [shipped]",
        "Order lookup [case 2]",
        "Order lookup [case 3]",
    ]
    assert [c.find("failure") is not None for c in cases] == [False, False, True]
    properties = {p.get("name"): p.get("value") for p in cases[1].iter("property")}
    assert properties == {"case": "2", "case.number": "67890", "case.status": "Processing"}


BASE = f"name: x\ntarget: {{flow: {{id: {ORDER}}}}}\n"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (BASE + "cases: []\nsteps: [{say: hi}]\n", "cases.yaml:3: cases: must be a non-empty list"),
        (BASE + "cases: {a: 1}\nsteps: [{say: hi}]\n", "cases.yaml:3: cases: must be a non-empty list"),
        (BASE + "cases:\n  - [1]\nsteps: [{say: '{{a}}'}]\n", "cases.yaml:4: cases[0]: must be a mapping"),
        (
            BASE + "cases:\n  - {a: [1, 2]}\nsteps: [{say: '{{a}}'}]\n",
            "cases.yaml:4: cases[0].a: must be text, a number or true/false",
        ),
        (
            BASE + "cases:\n  - {a: 1}\n  - {b: 2}\nsteps:\n  - say: '{{a}}'\n",
            "cases.yaml:7: {{a}}: cases[1] (line 5) gives no a",
        ),
        (
            BASE + "cases:\n  - {a: 1, typo: 2}\nsteps:\n  - say: '{{a}}'\n",
            "cases.yaml:4: cases[0].typo: no {{typo}} uses it",
        ),
        (BASE + "steps:\n  - say: 'order {{number}}'\n", "cases.yaml:4: {{number}} is filled from cases"),
        (
            BASE + "cases:\n  - {a: x}\nsteps:\n  - event: '{{a}}'\n",
            "cases.yaml:6: steps[0].event: must be one of NoInput",
        ),
        (
            BASE + "cases:\n  - {a: '{'}\nsteps:\n  - expect: {text: {like: '{{a}}'}}\n",
            "cases.yaml:6: steps[0].expect.text.like: a lone '{'",
        ),
        (BASE + "caces: []\nsteps: [{say: hi}]\n", "cases.yaml:3: caces: unknown key (did you mean 'cases'"),
    ],
)
def test_bad_cases_are_one_line_errors_with_file_and_line(text: str, problem: str) -> None:
    with pytest.raises(ScriptError) as raised:
        parse_script(text, "cases.yaml")
    [found] = raised.value.problems
    assert str(found).startswith(problem), str(found)
